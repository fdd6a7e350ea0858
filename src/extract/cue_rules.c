/* SPDX-License-Identifier: MIT */
/*
 * cue_rules.c - the status cue rules [status-words]: the words that say
 * supply is out, partial or back, as a table read in order.
 */
#include <pthread.h>

#include "extract_int.h"

/*
 * Utility windows of the status cues: how many words ahead of the cue and
 * behind it utilities_near() looks for the utility it speaks of (it stops
 * earlier at a window_stop()).  Each is the reach the cue's usual phrases
 * need, and no more: a wider window takes a utility of another clause.
 */
#define WIN_AFTER	5, 0	/* "without power, heat and water": the
				   utilities follow the cue */
#define WIN_CLAUSE_BEFORE 0, 10	/* "internet customers across X were
				   without service": the service the
				   clause named before */
#define WIN_NO		3, 0	/* "no power", "no heating or water" */
#define WIN_MODIFIER	4, 2	/* "rolling power cuts", "water supply on
				   a rotating schedule" */
#define WIN_RATIONING	4, 3	/* "load shedding of electricity", "gas
				   is rationed" */
#define WIN_PARTLY	4, 6	/* "partially restored power", "the water
				   supply was partly back" */
#define WIN_CUT		5, 4	/* "cut power to", "electricity was cut" */
#define WIN_BEFORE	0, 5	/* "mobile service was patchy", "all
				   lines were working again" */
#define WIN_FIGURE	0, 4	/* "power outages had fallen to" */
#define WIN_WAITING	3, 3	/* "waiting for power", "still waiting
				   for reconnection of gas" */
#define WIN_OUT		2, 4	/* "power went out", "lights are back" */
#define WIN_DOWN	3, 5	/* "internet went down", "water supply
				   has been interrupted" */
#define WIN_OUT_OF_SERVICE 0, 6	/* "the gas network is out of service" */
#define WIN_AROUND	5, 5	/* "power outages hit", "restored power",
				   "power has been restored" */
#define WIN_BACK_BEFORE	0, 3	/* "power is back" */

/*
 * The status cue rules [status-words], as a table that status_word() reads
 * in order: the first rule that holds for a word decides, so the order is
 * the rules' precedence.  A rule holds when
 *   - the word is in its list (`word`),
 *   - the words around it are as `near` says: a word of a list at one of
 *     the offsets given (AT), none there (NOT_AT), or one there that is
 *     then no cue of its own (SKIP_AT: "rolling blackouts" is one cue),
 *   - its `check` (for the few rules that need code) says yes,
 *   - a utility is within its `needs_utility` window, if it has one;
 * and it then gives a cue of its status, with the utilities in its
 * `utilities` window (WIN_*, and the word's own), or says that the word is
 * no cue (GIVES_NOTHING: no later rule is tried).
 */
enum cue_gives {
	GIVES_OUTAGE, GIVES_PARTIAL, GIVES_RESTORED,
	GIVES_AS_BEFORE,	/* the status of the cue before; the rule
				   does not hold for the first cue */
	GIVES_NOTHING		/* the word is no cue */
};

enum near_how { NEAR_HAS, NEAR_NONE, NEAR_SKIP };

/* A word of `list` at one of the offsets `at` from the cue (0 ends them). */
struct cue_near {
	enum lex	 list;
	signed char	 at[3];
	enum near_how	 how;
};

struct window {
	unsigned char	 fwd, back;	/* words ahead and behind: WIN_* */
};

struct cue_rule {
	const char	*rule;		/* its name in docs/extraction.md */
	enum lex	 word;		/* the cue word's list */
	struct cue_near	 near[3];	/* all of them hold */
	/* code for what a list cannot say; may set the cue's utilities */
	int		(*check)(const struct sentence *, size_t, int *);
	enum cue_gives	 gives;
	unsigned char	 weak;		/* not strong [standing-cue] */
	struct window	 utilities;	/* where its utilities are named */
	struct window	 needs_utility;	/* a utility must be named there */
	int		 util_add;	/* utilities it names itself */
	int		 util_else;	/* utilities when none is named */
	int		 story;		/* CUE_STORY_*: [concentration] */
};

#define AT(l, ...)	{ (l), { __VA_ARGS__ }, NEAR_HAS }
#define NOT_AT(l, ...)	{ (l), { __VA_ARGS__ }, NEAR_NONE }
#define SKIP_AT(l, ...)	{ (l), { __VA_ARGS__ }, NEAR_SKIP }
#define WIN(w)		{ w }

/* "without service": no utility named after it (WIN_AFTER). */
static int
no_utility_after(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return utilities_near(S, i, WIN_AFTER) == 0;
}

/* "partially restored", not "partly Kyiv": a lowercase word follows. */
/* "still dry": the word before is "still", and a place or people are
   what is dry ("parts of Midtown were still dry"; not "the weather was
   still dry") */
static int
still_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;
	const char *u;

	(void)util;
	if (i < 2 || !tw(S, i - 1, "still"))
		return 0;
	for (k = i - 1; k > 0 && k + 6 > i; k--) {
		if (S->t[k - 1].punct)
			return 0;
		u = tok_unit(&S->t[k - 1]);
		if ((S->t[k - 1].cap && k - 1 > 0) || (u != NULL && *u != '\0'))
			return 1;
	}
	return 0;
}

static int
lowercase_word_next(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i + 1 < S->n && !S->t[i + 1].punct && !S->t[i + 1].cap;
}

/* "had fallen to 61,500": a number after the "to". */
static int
number_after_to(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i + 2 < S->n && is_digit((unsigned char)S->t[i + 2].w[0]);
}

/* "still waiting" that ends its clause: "fewer than 2,000 still
   waiting." */
static int
still_waiting_end(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i > 0 && tw(S, i - 1, "still") && (i + 1 >= S->n ||
	    (S->t[i + 1].punct && S->t[i + 1].w[0] != '-'));
}

/* "stood at 120,000": "stood", "at", a number. */
static int
number_after_at(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return WEQ(S->t[i].w, "stood") && tw(S, i + 1, "at") &&
	    i + 2 < S->n && is_digit((unsigned char)S->t[i + 2].w[0]);
}

/* "a power failure": the word before names a utility, the cue's. */
static int
utility_word_before(const struct sentence *S, size_t i, int *util)
{
	if (i == 0 || S->t[i - 1].util == 0)
		return 0;
	*util = S->t[i - 1].util;
	return 1;
}

/*
 * "an outage affecting wireless subscribers in X": a service named within
 * two words, then its users; the cue's utility is the service.
 */
static int
users_of_service(const struct sentence *S, size_t i, int *util)
{
	size_t k;
	const char *unit;

	for (k = i + 1; k <= i + 2 && k + 1 < S->n; k++)
		if (S->t[k].util != 0 &&
		    (unit = tok_unit(&S->t[k + 1])) != NULL && *unit != '\0') {
			*util = S->t[k].util;
			return 1;
		}
	return 0;
}

/* "a city-wide blackout": the word before ends in "-wide". */
static int
wide_before(const struct sentence *S, size_t i, int *util)
{
	const char *p = prev_word(S, i, 1);
	size_t l = strlen(p);

	(void)util;
	return l > 5 && strcmp(p + l - 5, "-wide") == 0;
}

/*
 * "all of them had power again", "with water again", "power on again":
 * the utilities of the word before (or the one before "on").
 */
static int
had_utility_again(const struct sentence *S, size_t i, int *util)
{
	int on = tin(S, i - 1, LX_ON);

	if (i < 2 || (S->t[i - 1].util == 0 &&
	    !(on && S->t[i - 2].util != 0)))
		return 0;
	/* "have got power again" */
	if (!tin(S, i - 2, LX_HAVE) && !tin(S, i - 2, LX_WITH) && !on &&
	    !tw(S, i - 2, "got") && !tw(S, i - 2, "get"))
		return 0;
	*util = S->t[i - 1].util | S->t[i - 2].util;
	return 1;
}

/* "concentrated in", "mostly across": a place follows. */
static int
in_next(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return tw(S, i + 1, "in") || tw(S, i + 1, "across") ||
	    tw(S, i + 1, "around") ||
	    /* "ще 14 тисяч на Волині" (lang_uk2.c: "на" as "mostly") */
	    (S->t[i].cyr && i + 1 < S->n && S->t[i + 1].cyr &&
	    S->t[i + 1].cap && !S->t[i].punct);
}

/*
 * "yet to have water restored", "still waiting to be reconnected", "has
 * not yet been restored": a wait before the restoration word, in its
 * clause (no punctuation between, at most five words back).
 */
static int
awaited(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	/* "3,000 homes remain to be reconnected" */
	if (i >= 3 && tin(S, i - 1, LX_BE) && tin(S, i - 2, LX_TO) &&
	    (tw(S, i - 3, "remain") || tw(S, i - 3, "remains") ||
	    tw(S, i - 3, "remained") || tw(S, i - 3, "still")))
		return 1;
	for (k = i; k > 0 && k + 5 > i; k--) {
		if (S->t[k - 1].punct)
			return 0;
		if (tin(S, k - 1, LX_AWAIT))
			return 1;
	}
	return 0;
}

/* "receiving gas in full", "getting power again": a utility, then a
   word that says it is whole again. */
static int
receiving_again(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	for (k = i + 1; k < S->n && k <= i + 3; k++)
		if (S->t[k].util != 0)
			break;
	if (k >= S->n || k > i + 3)
		return 0;
	if (!tin(S, k + 1, LX_IN_FULL) && !tin(S, k + 2, LX_IN_FULL))
		return 0;
	*util = S->t[k].util;
	return 1;
}

/*
 * "couldn't access", "unable to connect", "cannot make calls", "unable
 * to make or receive phone calls" (make, send, receive: only of calls or
 * messages).
 */
static int
cannot_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	if (!(i > 0 && (tin(S, i - 1, LX_CANNOT) || (i > 1 &&
	    tin(S, i - 1, LX_TO) && tin(S, i - 2, LX_CANNOT)))))
		return 0;
	if (tw(S, i, "access") || tw(S, i, "connect"))
		return 1;
	for (k = i + 1; k < S->n && k <= i + 4; k++)
		if (tin(S, k, LX_CALLS))
			return 1;
	return 0;
}

/* "imposed a record 13-hour power cut": an imposed cut is rationing. */
static int
imposed_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	for (k = i; k > 0 && k + 6 > i; k--) {
		if (tp(S, k - 1, '.') || tp(S, k - 1, ';'))
			return 0;
		if (tin(S, k - 1, LX_IMPOSED))
			return 1;
	}
	return 0;
}

/* "scheduled, hour-long power outages": a comma after the modifier. */
static int
comma_next(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return tp(S, i + 1, ',');
}

/* "About 2,200 homes in the X area were out": a counted noun shortly
   before says whose supply is out (a weak cue: it needs the count). */
static int
unit_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;
	const char *u;

	(void)util;
	for (k = i; k > 0 && k + 9 > i; k--)
		if ((u = tok_unit(&S->t[k - 1])) != NULL && *u != '\0')
			return 1;
	return 0;
}

/* "Energex said 30,000 were still off", "2,200 homes remained out": a
   counted noun before, or a number right before the verb ("were",
   "still"): the count of a group the story told of (a weak cue) */
static int
count_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	if (!WEQ(S->t[i].w, "off") && !WEQ(S->t[i].w, "out"))
		return 0;
	if (unit_before(S, i, util))
		return 1;
	for (k = i; k > 0 && k + 4 > i && tin(S, k - 1, LX_OUT_VERB); k--)
		;
	return k < i && k > 0 && is_digit((unsigned char)S->t[k - 1].w[0]);
}

/* "Water supply to X ... was suspended": a utility word before "supply"
   earlier in the cue's clause names the cue's utility. */
static int
supply_subject(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	for (k = i; k-- > 0;)
		if (S->t[k].clause == S->t[i].clause && S->t[k].util != 0 &&
		    (tw(S, k + 1, "supply") || tw(S, k + 1, "supplies") ||
		    tw(S, k + 1, "service"))) {
			*util = S->t[k].util;
			return 1;
		}
	return 0;
}

/* "snapped the power supply of", "severed gas supplies to": a named
   utility's supply within four words after. */
static int
supply_after(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	for (k = i + 1; k < S->n && k <= i + 4; k++)
		if (S->t[k].util != 0 && (tw(S, k + 1, "supply") ||
		    tw(S, k + 1, "supplies"))) {
			*util = S->t[k].util;
			return 1;
		}
	return 0;
}

/* No utility within the rationing window of i. */
static int
no_utility_near(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return utilities_near(S, i, WIN_RATIONING) == 0;
}

/* "lost 3-1", "lost 24-17": a score follows, a game was lost. */
static int
score_next(const struct sentence *S, size_t i, int *util)
{
	const char *w = next_word(S, i, 1);

	(void)util;
	return is_digit((unsigned char)w[0]) && strchr(w, '-') != NULL;
}

/* "Lagos suffered blackouts", "caused a widespread blackout": a verb of
   undergoing or causing at most three words before, in the clause. */
static int
suffered_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	for (k = i; k > 0 && k + 4 > i; k--) {
		if (S->t[k - 1].punct)
			return 0;
		if (tin(S, k - 1, LX_SUFFERED))
			return 1;
	}
	return 0;
}

/* "the national grid collapsed", "collapse of the power grid". */
static int
grid_near(const struct sentence *S, size_t i, int *util)
{
	size_t k, lo = i > 3 ? i - 3 : 0;

	(void)util;
	for (k = lo; k < S->n && k <= i + 4; k++)
		if (tin(S, k, LX_GRID))
			return 1;
	return 0;
}

/*
 * "1,140 of them had it back", "all of them had service back": the
 * supply the sentence named before is back ("it": the nearest utility
 * named before; "service": the story's, as supply_cues() finds it).
 */
static int
had_it_back(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	size_t h = i >= 3 && (tw(S, i - 2, "their") || tw(S, i - 2, "its")) ?
	    i - 3 : i - 2;

	if (i < 2 || !(tin(S, h, LX_HAVE) || tw(S, h, "got")))
		return 0;
	if (tin(S, i - 1, LX_SERVICES) || tw(S, i - 1, "supply"))
		return 1;
	if (!tw(S, i - 1, "it") || h != i - 2)
		return 0;
	for (k = h; k-- > 0;)
		if (S->t[k].util != 0) {
			*util = S->t[k].util;
			return 1;
		}
	return 0;
}

/* "Barrhaven and Kanata are the hardest hit": the places are its
   subject, named before "are the" */
static int
be_the_before(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i >= 3 && tw(S, i - 2, "the") && tin(S, i - 3, LX_BACK_VERB);
}

/*
 * "electricity is available for only four hours a day", "gas is
 * available only in the mornings": supply for part of the day is
 * rationing, of a utility named just before.
 */
static int
available_only(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return tw(S, i + 1, "only") || (tw(S, i + 1, "for") &&
	    tw(S, i + 2, "only")) || tw(S, i - 1, "only");
}

/* "affected by the programmed cuts", "affected by load shedding": the
   rationing named after "by" is what they live with */
static int
by_rationing(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	if (!tw(S, i + 1, "by"))
		return 0;
	for (k = i + 2; k < S->n && k <= i + 4; k++)
		if (tin(S, k, LX_PARTIAL) || tin(S, k, LX_LOAD_SHEDDING) ||
		    (tin(S, k, LX_SHEDDING) && tin(S, k - 1, LX_LOAD)))
			return 1;
	return 0;
}

/* "working to restore", "continued to restore", "racing to reconnect":
   restoration under way, not a plan */
static int
at_work(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i >= 2 && !S->t[i].cyr && (tw(S, i - 2, "working") || tw(S, i - 2, "work") ||
	    tw(S, i - 2, "worked") || tw(S, i - 2, "continued") ||
	    tw(S, i - 2, "continue") || tw(S, i - 2, "continues") ||
	    tw(S, i - 2, "racing") || tw(S, i - 2, "scrambling") ||
	    tw(S, i - 2, "rushing") || tw(S, i - 2, "struggling"));
}

/* "managed to restore", "were able to reconnect", "succeeded to":
   the verb before "to" says the restoration happened */
static int
achieved(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i >= 3 && !S->t[i].cyr && (tw(S, i - 2, "managed") ||
	    tw(S, i - 2, "succeeded") || (tw(S, i - 2, "able") &&
	    (tw(S, i - 3, "were") || tw(S, i - 3, "was"))));
}

static int
cutting_no_cue(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	if (!WEQ(S->t[i].w, "cutting"))
		return 0;
	if (!(tw(S, i + 1, "power") || tw(S, i + 1, "off") ||
	    tw(S, i + 1, "electricity") || tw(S, i + 1, "supply") ||
	    tw(S, i + 1, "supplies")))
		return 1;
	for (k = 0; k < i; k++)
		if (tin(S, k, LX_LOST) || tin(S, k, LX_WEAK))
			return 1;
	return 0;
}

static int
bare_restore(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	if (!WEQ(S->t[i].w, "restore"))
		return 0;
	/* a Cyrillic infinitive glossed "restore" is a cue only after
	   "вдалося" ("managed": lang_uk.c), as before "restore" was an
	   English cue word */
	for (k = i; S->t[i].cyr && k > 0 && k + 4 > i; k--)
		if (WEQ(S->t[k - 1].w, "managed"))
			return 0;
	return 1;
}

/* "The hot water to consumers is given partially.": "partially" ends
   the clause after a verb of supply */
static int
partly_at_end(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i + 1 < S->n && S->t[i + 1].punct && S->t[i + 1].w[0] != '-' &&
	    (tw(S, i - 1, "given") || tw(S, i - 1, "supplied") ||
	    tw(S, i - 1, "provided") || tw(S, i - 1, "working") ||
	    tw(S, i - 1, "available") || tw(S, i - 1, "delivered"));
}

/* "the hot water is given according to schedule", "supplied according
   to a schedule" */
static int
according_to(const struct sentence *S, size_t i, int *util)
{
	size_t k = i - (i > 0 && (tw(S, i - 1, "a") || tw(S, i - 1, "the")));

	if (k < 2 || !tw(S, k - 1, "to") || !tw(S, k - 2, "according"))
		return 0;
	/* the utility supplied so, named shortly before "according" */
	for (k -= 2; k > 0 && k + 6 > i && !S->t[k - 1].punct; k--)
		if (S->t[k - 1].util != 0) {
			*util = S->t[k - 1].util;
			return 1;
		}
	return 0;
}

/*
 * "cuts of up to eight hours daily", "blackouts of 10 hours a day":
 * hours of cuts every day are rationing.  A length in hours, then
 * "daily" or "a/per/each/every day", within ten words ahead in the
 * clause.
 */
static int
daily_quota(const struct sentence *S, size_t i, int *util)
{
	size_t k;
	int hours = 0;

	(void)util;
	for (k = i + 1; k < S->n && k <= i + 10; k++) {
		if (S->t[k].clause != S->t[i].clause ||
		    (S->t[k].punct && S->t[k].w[0] != ','))
			return 0;
		if (tw(S, k, "hours") || tw(S, k, "hour"))
			hours = 1;
		else if (hours && (tw(S, k, "daily") || (tw(S, k, "day") &&
		    (tw(S, k - 1, "a") || tw(S, k - 1, "per") ||
		    tw(S, k - 1, "each") || tw(S, k - 1, "every")))))
			return 1;
	}
	return 0;
}

/* "gas shortages kept several power plants idle": a shortage of fuel
   for generation, not of supply to users */
static int
for_plants(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	if (!tw(S, i, "shortage") && !tw(S, i, "shortages"))
		return 0;
	for (k = i + 1; k < S->n && k <= i + 6 && !S->t[k].punct; k++)
		if (tw(S, k, "plants") || tw(S, k, "plant") ||
		    tw(S, k, "generation") || tw(S, k, "generators") ||
		    tw(S, k, "stations"))
			return 1;
	return 0;
}

/* "consumers have got back power": the utility right after "back" */
static int
got_back(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i > 0 && (tw(S, i - 1, "got") || tw(S, i - 1, "get") ||
	    tw(S, i - 1, "gets") || tw(S, i - 1, "getting")) &&
	    i + 1 < S->n && S->t[i + 1].util != 0;
}

/* "interruptions in supply of electric energy and natural gas": the
   utilities after "supply of" */
static int
supply_of_after(const struct sentence *S, size_t i, int *util)
{
	if (!(tw(S, i + 1, "in") || tw(S, i + 1, "of") || tw(S, i + 1, "to")) ||
	    !(tw(S, i + 2, "supply") || tw(S, i + 2, "supplies")) ||
	    !tw(S, i + 3, "of"))
		return 0;
	*util = utilities_near(S, i + 3, WIN_AFTER);
	return *util != 0;
}

static const struct cue_rule cue_rules[] = {
	/* "power cuts of up to eight hours daily": rationed */
	{ "status-words", LX_DISRUPTION, .check = daily_quota,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_AROUND),
	    .util_else = U(UTIL_POWER) },
	{ "status-words", LX_BLACKOUT, .check = daily_quota,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_AROUND),
	    .util_else = U(UTIL_POWER) },
	/* "the Oilers lost 3-1": no supply lost */
	{ "status-words", LX_LOST, .check = score_next,
	    .gives = GIVES_NOTHING },
	/* "cutting power to 200,000": a cue only before what it cuts, and
	   not after another cue whose clause it goes on ("de-energizing
	   lines ..., cutting power to 17,400") */
	{ "status-words", LX_LOST, .check = cutting_no_cue,
	    .gives = GIVES_NOTHING },
	/* "imposed a 13-hour power cut", "imposes power cuts" */
	{ "status-words", LX_LOST, .check = imposed_before,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_MODIFIER),
	    .util_else = U(UTIL_POWER) },
	{ "status-words", LX_WEAK, .check = imposed_before,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_MODIFIER),
	    .util_else = U(UTIL_POWER) },
	/* "outages are concentrated in A, B and C", "mostly in the X
	   area": the places of what the story told before, in its status
	   [concentration] */
	{ "concentration", LX_CONCENTRATED, .check = in_next,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_STATUS },
	/* "N clients are affected by the programmed cuts": rationed */
	{ "status-words", LX_AFFECTING, .check = by_rationing,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_RATIONING),
	    .util_else = U(UTIL_POWER) },
	/* "A, B and C are the hardest hit": still out, the places before */
	{ "concentration", LX_AFFECTING, { AT(LX_WORST, -1) }, be_the_before,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_UTILITY_BEFORE },
	/* "the areas most affected include A and B": still out */
	{ "concentration", LX_AFFECTING, { AT(LX_WORST, -1) },
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_UTILITY },
	/* "N subscribers are receiving gas in full": back */
	{ "status-words", LX_RECEIVING, .check = receiving_again,
	    .gives = GIVES_RESTORED },
	/* "subscribers couldn't access voice services" */
	{ "status-words", LX_ACCESS, .check = cannot_before,
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AFTER),
	    .util_else = U(UTIL_TELECOM) },
	/* "1,600 were left powerless" */
	{ "status-words", LX_POWERLESS, { AT(LX_LEFT, -1) },
	    .gives = GIVES_OUTAGE, .util_add = U(UTIL_POWER) },
	/* "loss of voice and SMS services", "loss of power" */
	{ "status-words", LX_LOSS, { AT(LX_OF, 1) }, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_CUT) },
	/* "the grid failure affected power supply to A, B and C" */
	{ "status-words", LX_AFFECTING, .check = supply_after,
	    .gives = GIVES_OUTAGE },
	/* "power supply was affected in A, B and C": the supply, not
	   lines or plants, was hit */
	{ "status-words", LX_AFFECTING, { AT(LX_BACK_VERB, -1),
	    AT(LX_SUPPLIED, -2) }, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_BACK_BEFORE) },
	/* "power went off at 4.45pm", "the lights went off" */
	{ "status-words", LX_OFF_DOWN, { AT(LX_DOWN_VERB, -1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_BACK_BEFORE),
	    .needs_utility = WIN(WIN_BACK_BEFORE) },
	/* "the cyclone snapped the power supply of 7.85 lakh consumers" */
	{ "status-words", LX_SNAPPED, .check = supply_after,
	    .gives = GIVES_OUTAGE },
	/* "3,100 people are still off supply" */
	{ "status-words", LX_OFF_DOWN, { AT(LX_SUPPLY, 1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_CUT) },
	/* "without power, heat and water"; "internet customers across X
	   were without service": the service the clause named before */
	{ "status-words", LX_WITHOUT, { AT(LX_SERVICES, 1) },
	    no_utility_after, GIVES_OUTAGE,
	    .utilities = WIN(WIN_CLAUSE_BEFORE) },
	/* "without power", "lack of water": out, whatever follows */
	{ "status-words", LX_WITHOUT, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_AFTER) },
	/* "no power", "no heating or water" */
	{ "status-words", LX_NO, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_NO) },
	/* "have not had power since Monday" */
	{ "status-words", LX_NOT, { AT(LX_HAVE, 1) }, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_NO) },
	/* "rotating power cuts": the modifier makes the outage noun partial
	   (one cue), power unless another utility is named */
	{ "status-words", LX_PARTIAL, { SKIP_AT(LX_OUTAGE_NOUN, 1, 2, 3) },
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_MODIFIER),
	    .util_else = U(UTIL_POWER) },
	/* "scheduled, hour-long power outages" */
	{ "status-words", LX_PARTIAL, { SKIP_AT(LX_OUTAGE_NOUN, 4) },
	    comma_next, GIVES_PARTIAL, .utilities = WIN(WIN_MODIFIER),
	    .util_else = U(UTIL_POWER) },
	/* "scheduled maintenance": no outage noun, no cue */
	{ "status-words", LX_PARTIAL, .gives = GIVES_NOTHING },
	/* "load shedding": an electricity practice unless another utility
	   is named */
	{ "status-words", LX_SHEDDING, { AT(LX_LOAD, -1) },
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_RATIONING),
	    .util_else = U(UTIL_POWER) },
	{ "status-words", LX_LOAD_SHEDDING, .gives = GIVES_PARTIAL,
	    .utilities = WIN(WIN_RATIONING), .util_else = U(UTIL_POWER) },
	/* "electricity is available for only four hours a day" */
	{ "status-words", LX_AVAILABLE, .check = available_only,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_BACK_BEFORE),
	    .needs_utility = WIN(WIN_BACK_BEFORE) },
	/* "brownouts hit Makati": degraded power */
	{ "status-words", LX_BROWNOUT, .gives = GIVES_PARTIAL,
	    .utilities = WIN(WIN_RATIONING), .util_else = U(UTIL_POWER) },
	/* "gas shortages kept power plants idle": no cue */
	{ "status-words", LX_RATIONED, .check = for_plants,
	    .gives = GIVES_NOTHING },
	/* "gas is rationed", "intermittent supply", "restoring power" */
	{ "status-words", LX_RATIONED, .gives = GIVES_PARTIAL,
	    .utilities = WIN(WIN_RATIONING) },
	/* "caused low pressure" with no utility named: of water, unless
	   the weather's ("a low pressure system") */
	{ "status-words", LX_LOW, { AT(LX_PRESSURE, 1), NOT_AT(LX_WEATHER, 2) },
	    no_utility_near, GIVES_PARTIAL, .util_else = U(UTIL_WATER) },
	/* "low water pressure", "pressure is low" */
	{ "status-words", LX_LOW, { AT(LX_PRESSURE, 1, 2, -2) },
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_RATIONING) },
	/* "partially restored", "partly back": one partial cue */
	{ "status-words", LX_PARTLY, { SKIP_AT(LX_PARTLY_WHAT, 1) },
	    lowercase_word_next, GIVES_PARTIAL,
	    .utilities = WIN(WIN_PARTLY) },
	/* "The hot water is given partially." */
	{ "status-words", LX_PARTLY, .check = partly_at_end,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_PARTLY),
	    .needs_utility = WIN(WIN_PARTLY) },
	/* "hot water is given according to schedule" */
	{ "status-words", LX_SCHEDULE, .check = according_to,
	    .gives = GIVES_PARTIAL },
	/* "power was partly cut" */
	{ "status-words", LX_PARTLY, .check = lowercase_word_next,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_PARTLY) },
	/* "dark" alone is no outage ("dark days"), only "in the dark",
	   "remained dark" */
	{ "status-words", LX_DARK, { NOT_AT(LX_DARK_BEFORE, -1) },
	    .gives = GIVES_NOTHING },
	/* "in the dark", "plunged into darkness": no power */
	{ "status-words", LX_DARK, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_CUT), .util_add = U(UTIL_POWER) },
	{ "status-words", LX_DARKNESS, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_CUT), .util_add = U(UTIL_POWER) },
	/* "lost power", "knocked out", "electricity was cut" */
	{ "status-words", LX_LOST, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_CUT) },
	/* "gas was shut off", "switched off", "turned down" */
	{ "status-words", LX_OFF_DOWN, { AT(LX_SWITCHED, -1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_CUT) },
	/* "with dry taps", "taps ran dry": no water */
	{ "status-words", LX_DRY, { AT(LX_TAPS, 1, -2, -3) },
	    .gives = GIVES_OUTAGE, .util_add = U(UTIL_WATER) },
	/* "parts of Midtown were still dry": no water yet */
	{ "status-words", LX_DRY, .check = still_before,
	    .gives = GIVES_OUTAGE, .util_add = U(UTIL_WATER) },
	/* "mobile service was patchy": degraded service, if named */
	{ "status-words", LX_PATCHY, .gives = GIVES_PARTIAL,
	    .utilities = WIN(WIN_BEFORE), .needs_utility = WIN(WIN_BEFORE) },
	/* "the number had fallen to 61,500": the count of the group told
	   before, still out (its utility comes from there) */
	{ "status-words", LX_FALLEN, { AT(LX_TO, 1), AT(LX_FIGURE, -2, -3) },
	    number_after_to, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_FIGURE) },
	/* "that number stood at 120,000", "outages stood at 8,000": the
	   group told before, still out */
	{ "status-words", LX_FALLEN, { AT(LX_FIGURE, -1, -2) },
	    number_after_at, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_FIGURE) },
	{ "status-words", LX_FALLEN, { AT(LX_OUTAGES, -1, -2) },
	    number_after_at, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_FIGURE) },
	/* "outages had fallen to 8,000" */
	{ "status-words", LX_FALLEN, { AT(LX_TO, 1), AT(LX_OUTAGES, -1, -2) },
	    number_after_to, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_FIGURE) },
	/* "Customers in X are still waiting.": the story's supply
	   [still-waiting] */
	{ "still-waiting", LX_WAITING, .check = still_waiting,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_DEFINITE },
	/* "with fewer than 2,000 still waiting.": still out, the group
	   the count names (a weak cue: it needs the count) */
	{ "status-words", LX_WAITING, .check = still_waiting_end,
	    .gives = GIVES_OUTAGE, .weak = 1, .utilities = WIN(WIN_WAITING) },
	/* "still waiting for reconnection", "waiting for gas": one cue */
	{ "status-words", LX_WAITING, { AT(LX_FOR, 1), SKIP_AT(LX_AWAITED, 2) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_WAITING) },
	/* "power went out for 50,000 homes", "lights are out"; not "out
	   of", and only of a named utility */
	{ "status-words", LX_OUT, { NOT_AT(LX_OF, 1), AT(LX_OUT_VERB, -1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_OUT),
	    .needs_utility = WIN(WIN_OUT) },
	/* "About 2,200 homes in the Eufaula area were out" */
	{ "status-words", LX_OUT, { NOT_AT(LX_OF, 1), AT(LX_OUT_VERB, -1) },
	    unit_before, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_OUT) },
	/* "30,000 were still off", "1,200 customers remain off" */
	{ "status-words", LX_OFF_DOWN, { AT(LX_OUT_VERB, -1) },
	    count_before, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_OUT) },
	{ "status-words", LX_OUT, { NOT_AT(LX_OF, 1), AT(LX_OUT_VERB, -1) },
	    count_before, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_OUT) },
	/* "networks are offline" */
	{ "status-words", LX_OFFLINE, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_DOWN) },
	/* "internet went down" */
	{ "status-words", LX_DOWN, { AT(LX_DOWN_VERB, -1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_DOWN) },
	/* "the gas network is out of service" */
	{ "status-words", LX_SERVICE, { AT(LX_OF, -1), AT(LX_OUT, -2) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_OUT_OF_SERVICE) },
	/* "a power failure", "heating breakdown": out, of that utility */
	{ "status-words", LX_BREAKDOWN, .check = utility_word_before,
	    .gives = GIVES_OUTAGE },
	/* "an outage affecting wireless subscribers in X": the users of a
	   named service are affected */
	{ "status-words", LX_AFFECTING, .check = users_of_service,
	    .gives = GIVES_OUTAGE },
	/* "parts of Quetta face similar cuts": the same kind of cut as the
	   cue before (which it refers back to) */
	{ "status-words", LX_WEAK, { AT(LX_SIMILAR, -1), NOT_AT(LX_NEGATE, -2) },
	    .gives = GIVES_AS_BEFORE, .utilities = WIN(WIN_AFTER) },
	{ "status-words", LX_WEAK, { AT(LX_SAME, -1), AT(LX_THE, -2),
	    NOT_AT(LX_NEGATE, -2) },
	    .gives = GIVES_AS_BEFORE, .utilities = WIN(WIN_AFTER) },
	/* "Lagos suffered blackouts", "the fault caused a blackout in X" */
	{ "definite-reference", LX_BLACKOUT, { NOT_AT(LX_NEGATE, -2, -3),
	    NOT_AT(LX_MEDIA, -1) }, suffered_before, GIVES_OUTAGE,
	    .utilities = WIN(WIN_AROUND) },
	/* "the national grid collapsed": power out */
	{ "status-words", LX_COLLAPSE, .check = grid_near,
	    .gives = GIVES_OUTAGE, .util_add = U(UTIL_POWER) },
	/* "after the blackout", "this blackout": a power cut that happened,
	   unless "averted the blackout" */
	{ "definite-reference", LX_BLACKOUT, { AT(LX_DEFINITE, -1),
	    NOT_AT(LX_NEGATE, -2, -3) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "a city-wide blackout" */
	{ "definite-reference", LX_BLACKOUT, { NOT_AT(LX_NEGATE, -2, -3) },
	    wide_before, GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "confirmed a blackout across Kenya" */
	{ "definite-reference", LX_BLACKOUT, { AT(LX_ACROSS, 1),
	    NOT_AT(LX_NEGATE, -2, -3) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "interruptions in supply of electric energy and natural gas" */
	{ "standing-cue", LX_DISRUPTION, .check = supply_of_after,
	    .gives = GIVES_OUTAGE },
	/* "water supply has been interrupted", "power outages": a
	   disruption word that names its utility stands alone */
	{ "standing-cue", LX_DISRUPTION, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_AROUND), .needs_utility = WIN(WIN_DOWN) },
	/* "Outages were reported in A, B and C", "The outage hit A": the
	   places of the story's outage [reported-in] */
	{ "reported-in", LX_OUTAGES, { NOT_AT(LX_NEGATE, -1, -2) },
	    reported_in, .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND),
	    .story = CUE_STORY_UTILITY },
	/* "the latest outages were due to a fire": a definite reference
	   to the outage the story told, of its utility
	   [definite-reference] */
	{ "definite-reference", LX_OUTAGES, { AT(LX_THE_LATEST, -1),
	    NOT_AT(LX_NEGATE, -2, -3) }, .gives = GIVES_OUTAGE,
	    .story = CUE_STORY_DEFINITE },
	/* "Gas supply to domestic consumers in Karachi remained
	   suspended": the clause's "X supply" names the utility */
	{ "standing-cue", LX_DISRUPTION, .check = supply_subject,
	    .gives = GIVES_OUTAGE },
	/* "the gas supply became normal in A, B and C" */
	{ "status-words", LX_NORMAL, { AT(LX_BECAME, -1) },
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_BEFORE),
	    .needs_utility = WIN(WIN_BEFORE) },
	/* "outages", "affected": out, but needs a count to report */
	{ "standing-cue", LX_WEAK, .gives = GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_AROUND) },
	/* "yet to have water restored", "waiting to be reconnected":
	   still out */
	{ "status-words", LX_RESTORED, .check = awaited,
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "had yet to be reconnected": still out */
	{ "status-words", LX_RESTORED, { AT(LX_BE, -1), AT(LX_TO, -2),
	    AT(LX_YET, -3) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "yet restored" */
	{ "status-words", LX_RESTORED, { AT(LX_YET, -1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "had not been restored", "has yet been restored"... out */
	{ "status-words", LX_RESTORED, { AT(LX_BEEN, -1), AT(LX_NOT, -2) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	{ "status-words", LX_RESTORED, { AT(LX_BEEN, -1), AT(LX_YET, -2) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "supply had still not returned", "was not restored": out */
	{ "status-words", LX_RESTORED, { AT(LX_NOT, -1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "water has started to return to 30,000 homes": restoration
	   under way is partial */
	{ "status-words", LX_RESTORED, { AT(LX_TO, -1), AT(LX_BEGAN, -2) },
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_AROUND) },
	/* "crews are working to restore power to 95,000": restoration
	   in progress is partial (G7) */
	{ "status-words", LX_RESTORED, { AT(LX_TO, -1) }, .check = at_work,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_AROUND) },
	/* "crews managed to restore power to 2,000 homes", "were able to
	   restore": an achievement, not a plan */
	{ "status-words", LX_RESTORED, { AT(LX_TO, -1) }, .check = achieved,
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_AROUND) },
	/* "to restore" is a plan */
	{ "status-words", LX_RESTORED, { AT(LX_TO, -1) },
	    .gives = GIVES_NOTHING },
	/* "mobilising teams to repair the network and restore power":
	   the bare verb is the work, not the service back */
	{ "status-words", LX_RESTORED, .check = bare_restore,
	    .gives = GIVES_NOTHING },
	/* "restoration work" is about work */
	{ "status-words", LX_RESTORATION, { AT(LX_WORK, 1) },
	    .gives = GIVES_NOTHING },
	/* "power has been restored", "supply resumed" */
	{ "status-words", LX_RESTORED, .gives = GIVES_RESTORED,
	    .utilities = WIN(WIN_AROUND) },
	/* "mobile networks were working again": the service is back */
	{ "status-words", LX_AGAIN, { AT(LX_WORKING, -1) },
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_BEFORE),
	    .needs_utility = WIN(WIN_BEFORE) },
	/* "all lines were working again" */
	{ "status-words", LX_AGAIN, { AT(LX_WORKING, -1), AT(LX_NETWORKS, -3) },
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_BEFORE) },
	/* "all of them had power again" */
	{ "status-words", LX_AGAIN, .check = had_utility_again,
	    .gives = GIVES_RESTORED },
	/* "have got back power", "got back electricity" */
	{ "status-words", LX_BACK, .check = got_back,
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_OUT) },
	/* "customers are now back on supply" (of electricity, unless a
	   utility is named) */
	{ "status-words", LX_BACK, { AT(LX_ON, 1), AT(LX_SUPPLIED, 2) },
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_OUT),
	    .util_else = U(UTIL_POWER) },
	/* "1,140 of them had it back", "all of them had service back" */
	{ "status-words", LX_BACK, .check = had_it_back,
	    .gives = GIVES_RESTORED },
	/* "All services were back by 8.15pm" */
	{ "status-words", LX_BACK, { AT(LX_SERVICES, -2),
	    AT(LX_BACK_VERB, -1) }, .gives = GIVES_RESTORED,
	    .utilities = WIN(WIN_OUT) },
	/* "power is back" */
	{ "status-words", LX_BACK, .gives = GIVES_RESTORED,
	    .utilities = WIN(WIN_OUT), .needs_utility = WIN(WIN_BACK_BEFORE) },
	/* "back online", "back on" */
	{ "status-words", LX_BACK, { AT(LX_ONLINE, 1) },
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_OUT) },
	/* "supply was back for most of them" */
	{ "status-words", LX_BACK, { AT(LX_SUPPLIED, -2, -3),
	    AT(LX_BACK_VERB, -1) },
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_OUT) },
};

/* The lists the rules take as their word: LX_STATUS_HEAD (lexicon.c). */
void
cue_words(uint64_t *heads)
{
	size_t r;

	for (r = 0; r < NELEM(cue_rules); r++)
		lx_set(heads, cue_rules[r].word);
}

/*
 * Do the words around i hold as n says?  *found: the token of a
 * NEAR_SKIP word, if any.
 */
static int
near_holds(const struct sentence *S, size_t i, const struct cue_near *n,
    size_t *found)
{
	size_t k;
	int hit = 0;

	for (k = 0; k < NELEM(n->at) && n->at[k] != 0 && !hit; k++) {
		if (n->at[k] < 0 && i < (size_t)-n->at[k])
			continue;
		if (tin(S, i + (size_t)(ptrdiff_t)n->at[k], n->list)) {
			hit = 1;
			if (n->how == NEAR_SKIP)
				*found = i + (size_t)(ptrdiff_t)n->at[k];
		}
	}
	return n->how == NEAR_NONE ? !hit : hit;
}

static void
add_cue(struct cue *c, size_t *nc, size_t tok, enum report_status st,
    int strong, int util, int story)
{
	if (*nc >= MAX_CUES)
		return;
	c[*nc].tok = tok;
	c[*nc].status = st;
	c[*nc].strong = strong;
	c[*nc].util = util;
	c[*nc].used = c[*nc].off = 0;
	c[*nc].story = story;
	(*nc)++;
}

/*
 * A status word at i [status-words]: the first rule of cue_rules that
 * holds decides.  Fills c and returns 1, or 0.
 */
/*
 * The rules indexed by their word's list, built from cue_rules at the
 * first call: rules_of[l] has bit k set when cue_rules[k].word is l, and
 * rule_lists the lists some rule takes.  A word then tries only the rules
 * of its own lists, still in the table's order.
 */
#define RULE_WORDS	((NELEM(cue_rules) + 63) / 64)
static uint64_t rules_of[LX_COUNT][RULE_WORDS];
static uint64_t rule_lists[LX_WORDS];
static pthread_once_t rules_once = PTHREAD_ONCE_INIT;

static void
index_rules(void)
{
	size_t k;

	for (k = 0; k < NELEM(cue_rules); k++) {
		rules_of[cue_rules[k].word][k / 64] |= UINT64_C(1) << (k % 64);
		lx_set(rule_lists, cue_rules[k].word);
	}
}

/* The first rule left in todo, taken out of it; SIZE_MAX for none. */
static size_t
next_rule(uint64_t *todo)
{
	size_t w;

	for (w = 0; w < RULE_WORDS; w++)
		if (todo[w] != 0) {
			size_t x = w * 64 + (size_t)__builtin_ctzll(todo[w]);

			todo[w] &= todo[w] - 1;
			return x;
		}
	return SIZE_MAX;
}

int
status_word(const struct sentence *S, size_t i, unsigned char *skip,
    struct cue *c, size_t *nc)
{
	const struct cue_rule *r;
	enum report_status st;
	size_t k, found, w, b, x;
	uint64_t todo[RULE_WORDS] = { 0 };
	int util;

	if (i >= S->n)
		return 0;
	(void)pthread_once(&rules_once, index_rules);
	/* the rules whose list holds the word */
	for (w = 0; w < LX_WORDS; w++) {
		uint64_t m = S->t[i].lx[w] & rule_lists[w];

		while (m != 0) {
			enum lex l = (enum lex)(w * 64 +
			    (size_t)__builtin_ctzll(m));

			m &= m - 1;
			for (b = 0; b < RULE_WORDS; b++)
				todo[b] |= rules_of[l][b];
		}
	}
	while ((x = next_rule(todo)) != SIZE_MAX) {
		r = &cue_rules[x];
		found = SIZE_MAX;
		for (k = 0; k < NELEM(r->near) && r->near[k].at[0] != 0; k++)
			if (!near_holds(S, i, &r->near[k], &found))
				break;
		if (k < NELEM(r->near) && r->near[k].at[0] != 0)
			continue;
		util = 0;
		if (r->check != NULL && !r->check(S, i, &util))
			continue;
		if (r->gives == GIVES_AS_BEFORE && *nc == 0)
			continue;
		if ((r->needs_utility.fwd | r->needs_utility.back) != 0 &&
		    (S->t[i].util | utilities_near(S, i, r->needs_utility.fwd,
		    r->needs_utility.back)) == 0)
			continue;
		if (r->gives == GIVES_NOTHING)
			return 0;
		util |= S->t[i].util | utilities_near(S, i, r->utilities.fwd,
		    r->utilities.back);
		if (util == 0)
			util = r->util_else;
		util |= r->util_add;
		switch (r->gives) {
		case GIVES_PARTIAL:
			st = RS_PARTIAL;
			break;
		case GIVES_RESTORED:
			st = RS_RESTORED;
			break;
		case GIVES_AS_BEFORE:
			st = c[*nc - 1].status;
			util |= c[*nc - 1].util;
			break;
		default:
			st = RS_OUTAGE;
			break;
		}
		if (found != SIZE_MAX)
			skip[found] = 1;
		add_cue(c, nc, i, st, !r->weak, util, r->story);
		return 1;
	}
	return 0;
}
