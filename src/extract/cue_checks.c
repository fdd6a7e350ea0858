/* SPDX-License-Identifier: MIT */
/*
 * cue_checks.c - the checks of the status cue rules [status-words]: what a
 * rule of cue_rules.c's table needs where its word lists cannot say it.
 */
#include "cue_checks.h"

/* "without service": no utility named after it (WIN_AFTER). */
int
no_utility_after(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return utilities_near(S, i, WIN_AFTER) == 0;
}

/* "partially restored", not "partly Kyiv": a lowercase word follows. */
/* "still dry": the word before is "still", and a place or people are
   what is dry ("parts of Midtown were still dry"; not "the weather was
   still dry") */
int
still_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;
	const char *u;

	(void)util;
	if (i < 2 || !tw(S, i - 1, "still"))
		return 0;
	for (k = i - 1; word_back(k, i, 6); k--) {
		if (S->t[k - 1].punct)
			return 0;
		u = tok_unit(&S->t[k - 1]);
		if ((S->t[k - 1].cap && k - 1 > 0) || (u != NULL && *u != '\0'))
			return 1;
	}
	return 0;
}

int
lowercase_word_next(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i + 1 < S->n && !S->t[i + 1].punct && !S->t[i + 1].cap;
}

/* "kept in the dark about the plan", "in the dark over the cause":
   not told, not without power */
int
uninformed_after(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return tw(S, i + 1, "about") || tw(S, i + 1, "over") ||
	    tw(S, i + 1, "regarding") || (tw(S, i + 1, "as") &&
	    tw(S, i + 2, "to"));
}

/* "had fallen to 61,500": a number after the "to". */
int
number_after_to(const struct sentence *S, size_t i, int *util)
{
	static const char *const near[] = { "about", "around", "roughly",
	    "nearly", "approximately", "some", "just" };
	size_t k = i + 2;

	(void)util;
	k += TW_ANY(S, k, near);	/* "had dropped to about 9,200" */
	return k < S->n && is_digit((unsigned char)S->t[k].w[0]);
}

/* "still waiting" that ends its clause: "fewer than 2,000 still
   waiting." */
int
still_waiting_end(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i > 0 && tw(S, i - 1, "still") && (i + 1 >= S->n ||
	    (S->t[i + 1].punct && S->t[i + 1].w[0] != '-'));
}

/* "stood at 120,000": "stood", "at", a number. */
int
number_after_at(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return (WEQ(S->t[i].w, "stood") || WEQ(S->t[i].w, "hovering") ||
	    WEQ(S->t[i].w, "hovered")) && tw(S, i + 1, "at") &&
	    i + 2 < S->n && is_digit((unsigned char)S->t[i + 2].w[0]);
}

/* "a power failure": the word before names a utility, the cue's. */
int
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
int
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
int
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
int
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

/* "95 per cent of customers now have electricity": a group that now has
   its supply had it back; not "now have no power", "now have water
   bills" ("now have power again" is the rule of "again") */
int
now_have_utility(const struct sentence *S, size_t i, int *util)
{
	static const char *const after[] = { "back", "supply",
	    "service", "restored", "in", "at", "on", "for", "after" };

	if (!(tw(S, i + 1, "have") || tw(S, i + 1, "has")) || i + 2 >= S->n)
		return 0;
	/* "now have supply.": the story's supply (supply_cues()) */
	if (S->t[i + 2].util == 0)
		return (tw(S, i + 2, "supply") || tw(S, i + 2, "service")) &&
		    (i + 3 >= S->n || S->t[i + 3].punct ||
		    tw(S, i + 3, "and") || tw(S, i + 3, "again"));
	if (i + 3 < S->n && !S->t[i + 3].punct && !TW_ANY(S, i + 3, after))
		return 0;
	*util = S->t[i + 2].util;
	return 1;
}

/* "concentrated in", "mostly across": a place follows. */
int
in_next(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return concentration_prep(S, i + 1) ||	/* place_shapes.c */
	    /* "mostly reported in" */
	    (reported_verb(S, i + 1) && concentration_prep(S, i + 2)) ||
	    mainly_opens(S, i) ||	/* ", mainly Brittany and Auvergne" */
	    /* "This mainly affects A, B and C" */
	    ((tw(S, i + 1, "affects") || tw(S, i + 1, "affected") ||
	    tw(S, i + 1, "affecting") || tw(S, i + 1, "impacts") ||
	    tw(S, i + 1, "hits")) && i + 3 < S->n && (S->t[i + 2].cap ||
	    (tw(S, i + 2, "the") && S->t[i + 3].cap))) ||
	    /* "ще 14 тисяч на Волині" (lang_uk2.c: "на" as "mostly") */
	    (S->t[i].cyr && i + 1 < S->n && S->t[i + 1].cyr &&
	    S->t[i + 1].cap && !S->t[i].punct);
}

/*
 * "yet to have water restored", "still waiting to be reconnected", "has
 * not yet been restored": a wait before the restoration word, in its
 * clause (no punctuation between, at most five words back).
 */
int
awaited(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	/* "3,000 homes remain to be reconnected" */
	if (i >= 3 && tin(S, i - 1, LX_BE) && tin(S, i - 2, LX_TO) &&
	    (tw(S, i - 3, "remain") || tw(S, i - 3, "remains") ||
	    tw(S, i - 3, "remained") || tw(S, i - 3, "still")))
		return 1;
	/* "about 200 customers left to restore", "left to reconnect" */
	if (i >= 2 && tin(S, i - 1, LX_TO) && (tw(S, i - 2, "left") ||
	    tw(S, i - 2, "remaining")))
		return 1;
	for (k = i; word_back(k, i, 5); k--) {
		if (S->t[k - 1].punct)
			return 0;
		if (tin(S, k - 1, LX_AWAIT))
			return 1;
	}
	/* "waiting for the lights to be restored": eight words back */
	for (; word_back(k, i, 8); k--) {
		if (S->t[k - 1].punct)
			return 0;
		if (tw(S, k - 1, "waiting") || tw(S, k - 1, "awaiting"))
			return 1;
	}
	return 0;
}

/* "receiving gas in full", "getting power again": a utility, then a
   word that says it is whole again. */
int
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
 * messages), "cannot be supplied with gas".
 */
int
cannot_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	/* "households cannot be supplied with gas", "some districts are
	   not supplied with water at all" */
	if (tw(S, i, "supplied"))
		return i > 1 && tw(S, i + 1, "with") &&
		    /* a utility named right after ("with natural gas"),
		       not "with bottled water" */
		    ((i + 2 < S->n && S->t[i + 2].util != 0) ||
		    (i + 3 < S->n && S->t[i + 3].util != 0)) &&
		    ((tw(S, i - 1, "be") &&
		    tin(S, i - 2, LX_CANNOT)) || (tw(S, i - 1, "not") &&
		    (tw(S, i - 2, "are") || tw(S, i - 2, "were") ||
		    tw(S, i - 2, "is") || tw(S, i - 2, "was"))));
	if (!(i > 0 && (tin(S, i - 1, LX_CANNOT) || (i > 1 &&
	    tin(S, i - 1, LX_TO) && tin(S, i - 2, LX_CANNOT)) ||
	    /* "could not make calls" */
	    (i > 1 && tw(S, i - 1, "not") && tw(S, i - 2, "could")))))
		return 0;
	if (tw(S, i, "access") || tw(S, i, "connect"))
		return 1;
	/* "were unable to use their phones": of telecoms only ("unable to
	   use tap water" is an advisory, G6) */
	if (tw(S, i, "use")) {
		for (k = i + 1; k < S->n && k <= i + 3; k++)
			if ((S->t[k].util & U(UTIL_TELECOM)) != 0 ||
			    tw(S, k, "phones") || tw(S, k, "phone"))
				return 1;
		return 0;
	}
	/* "make any on-net or off-net phone calls" */
	for (k = i + 1; k < S->n && k <= i + 6; k++)
		if (tin(S, k, LX_CALLS))
			return 1;
	return 0;
}

/* "imposed a record 13-hour power cut": an imposed cut is rationing. */
int
imposed_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	if (!s_has(S, LX_IMPOSED))	/* the sentence has none */
		return 0;
	for (k = i; word_back(k, i, 6); k--) {
		if (tp(S, k - 1, '.') || tp(S, k - 1, ';'))
			return 0;
		if (tin(S, k - 1, LX_IMPOSED))
			break;
	}
	if (!word_back(k, i, 6))
		return 0;
	/* "introduced power cuts at 8 am", not "introduced a new outage
	   map": the cuts themselves, what follows them no noun of theirs */
	if (tw(S, k - 1, "introduced") || tw(S, k - 1, "introduces") ||
	    tw(S, k - 1, "introducing"))
		return i + 1 >= S->n || S->t[i + 1].punct ||
		    tw(S, i + 1, "at") || tw(S, i + 1, "in") ||
		    tw(S, i + 1, "across") || tw(S, i + 1, "on") ||
		    tw(S, i + 1, "for") || tw(S, i + 1, "from") ||
		    tw(S, i + 1, "of") || tw(S, i + 1, "to");
	return 1;
}

/* "scheduled, hour-long power outages": a comma after the modifier. */
int
comma_next(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return tp(S, i + 1, ',');
}

/* "About 2,200 homes in the X area were out": a counted noun shortly
   before says whose supply is out (a weak cue: it needs the count). */
int
unit_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;
	const char *u;

	(void)util;
	for (k = i; word_back(k, i, 9); k--)
		if ((u = tok_unit(&S->t[k - 1])) != NULL && *u != '\0')
			return 1;
	return 0;
}

/* "Energex said 30,000 were still off", "2,200 homes remained out": a
   counted noun before, or a number right before the verb ("were",
   "still"): the count of a group the story told of (a weak cue) */
int
count_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	if (!WEQ(S->t[i].w, "off") && !WEQ(S->t[i].w, "out"))
		return 0;
	if (unit_before(S, i, util))
		return 1;
	for (k = i; word_back(k, i, 4) && tin(S, k - 1, LX_OUT_VERB); k--)
		;
	return k < i && k > 0 && is_digit((unsigned char)S->t[k - 1].w[0]);
}

/* "Water supply to X ... was suspended", "phone and internet
   connections in some areas of X were disrupted": a utility word before
   "supply" (a service, a connection, a network) earlier in the cue's
   clause names the cue's utility. */
int
supply_subject(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	for (k = i; k-- > 0;)
		if (S->t[k].clause == S->t[i].clause && S->t[k].util != 0 &&
		    (tw(S, k + 1, "supply") || tw(S, k + 1, "supplies") ||
		    tw(S, k + 1, "service") || tw(S, k + 1, "services") ||
		    tw(S, k + 1, "connections") ||
		    tw(S, k + 1, "connection") ||
		    tw(S, k + 1, "networks"))) {
			*util = S->t[k].util;
			return 1;
		}
	return 0;
}

/* "snapped the power supply of", "severed gas supplies to": a named
   utility's supply within four words after. */
int
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
int
no_utility_near(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return utilities_near(S, i, WIN_RATIONING) == 0;
}

/* "lost 3-1", "lost 24-17": a score follows, a game was lost. */
int
score_next(const struct sentence *S, size_t i, int *util)
{
	const char *w = next_word(S, i, 1);

	(void)util;
	return is_digit((unsigned char)w[0]) && strchr(w, '-') != NULL;
}

/* "Lagos suffered blackouts", "caused a widespread blackout": a verb of
   undergoing or causing at most three words before, in the clause. */
int
suffered_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	for (k = i; word_back(k, i, 4); k--) {
		if (S->t[k - 1].punct)
			return 0;
		if (tin(S, k - 1, LX_SUFFERED))
			return 1;
	}
	return 0;
}

/*
 * "Blackouts hit Lagos", "a blackout struck the capital", "there were
 * blackouts across Accra": a blackout that falls on a place is a power
 * cut that happened.  The verb right after it, or "in"/"across" before a
 * name ("in Accra", not "in recent years").
 */
int
blackout_hit(const struct sentence *S, size_t i, int *util)
{
	static const char *const hits[] = { "hit", "hits", "struck",
	    "strikes", "swept", "sweeps", "plunged", "plunges", "gripped",
	    "grips", "affected", "affects", "hitting", "striking" };
	static const char *const over[] = { "in", "across", "throughout" };

	(void)util;
	if (i + 1 >= S->n || S->t[i + 1].punct)
		return 0;
	if (tw_any(S, i + 1, hits, NELEM(hits)))
		return 1;
	return tw_any(S, i + 1, over, NELEM(over)) && i + 2 < S->n &&
	    (S->t[i + 2].cap || tw(S, i + 2, "parts") ||
	    tw(S, i + 2, "much") || tw(S, i + 2, "most"));
}

/*
 * "lost their lives", "lost their homes", "lack insulation": losing or
 * lacking something that is no supply; "without interruption", "without
 * a hitch": no loss at all.  The word after the verb (past
 * "their", "the" and the like) and the three after it name no utility or
 * service ("lack clean and reliable water" does), and the first is no
 * number or preposition ("lost 3-1", "lost out", "lost across").
 */
int
lost_other(const struct sentence *S, size_t i, int *util)
{
	static const char *const served[] = { "service", "services",
	    "supply", "supplies", "connection", "connections",
	    "connectivity", "signal", "coverage", "access", "contact",
	    "communication", "communications", "light", "lights",
	    "running", "mains", "grid", "it", "them" };
	static const char *const preps[] = { "to", "in", "on", "at", "for",
	    "out", "over", "about", "during", "after", "as", "amid", "from",
	    "when", "while", "and", "but", "because", "due", "across",
	    "throughout", "around", "nationwide", "overnight" };
	size_t k = i + 1, j;

	/* Speed only: the verbs, determiners and faults as tw() each, not
	   tw_any(): a literal's tw() compares in a load or two where
	   tw_any() calls strcmp() at each first letter it shares */
	(void)util;
	/* "gas supplies continue without interruption": no loss at all */
	if (tw(S, i, "without")) {
		k += tw(S, k, "any") || tw(S, k, "a");
		return tw(S, k, "interruption") ||
		    tw(S, k, "interruptions") || tw(S, k, "disruption") ||
		    tw(S, k, "disruptions") || tw(S, k, "problems") ||
		    tw(S, k, "issues") || tw(S, k, "incident") ||
		    tw(S, k, "fail") || tw(S, k, "hitch") ||
		    tw(S, k, "break") || tw(S, k, "pause");
	}
	if (!tw(S, i, "lost") && !tw(S, i, "lose") && !tw(S, i, "loses") &&
	    !tw(S, i, "losing") && !tw(S, i, "lack") && !tw(S, i, "lacks") &&
	    !tw(S, i, "lacked") && !tw(S, i, "lacking"))
		return 0;
	if (tw(S, k, "their") || tw(S, k, "its") || tw(S, k, "his") ||
	    tw(S, k, "her") || tw(S, k, "the") || tw(S, k, "a") ||
	    tw(S, k, "an") || tw(S, k, "all") || tw(S, k, "our") ||
	    tw(S, k, "your") || tw(S, k, "my"))
		k++;
	/* Speed only: a utility there ("lost power") makes the loop below
	   say no at its first word; asked before the 24 prepositions */
	if (k < S->n && S->t[k].util != 0)
		return 0;
	if (k >= S->n || S->t[k].punct || S->t[k].cyr ||
	    !is_alpha((unsigned char)S->t[k].w[0]) ||
	    tw_any(S, k, preps, NELEM(preps)))
		return 0;
	for (j = k; j < S->n && j <= k + 3 && !S->t[j].punct; j++)
		if (S->t[j].util != 0 || tw_any(S, j, served, NELEM(served)))
			return 0;
	return 1;
}

/* "power is being restored", "is gradually being restored": the
   restoration under way (G7) */
int
being_before(const struct sentence *S, size_t i, int *util)
{
	size_t l;

	(void)util;
	if (tw(S, i - 1, "being"))
		return 1;
	if (i < 2 || !tw(S, i - 2, "being") || S->t[i - 1].punct)
		return 0;
	l = strlen(S->t[i - 1].w);
	return l > 3 && strcmp(S->t[i - 1].w + l - 2, "ly") == 0;
}

/*
 * "had their service disrupted", "supply was interrupted": a bare
 * service or supply up to three words before the disruption word, in its
 * clause; its utility is the story's (supply_cues()).
 */
int
service_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	for (k = i; word_back(k, i, 3); k--) {
		if (S->t[k - 1].punct)
			return 0;
		if (tw(S, k - 1, "service") || tw(S, k - 1, "supply") ||
		    tw(S, k - 1, "supplies"))
			/* bare: "their service", not "bus service" */
			return k == 1 || tw(S, k - 2, "their") ||
			    tw(S, k - 2, "its") || tw(S, k - 2, "the") ||
			    tw(S, k - 2, "all") || tp(S, k - 2, ',');
	}
	return 0;
}

/*
 * "telecommunications on the island have collapsed", "the water supply
 * collapsed": the cue's subject is a utility (or its supply, service or
 * network), with only a place, "the" and auxiliaries between; not "talks
 * on the power deal collapsed".
 */
int
utility_subject_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	for (k = i; k > 0 && k + 8 > i; k--) {
		const struct tok *t = &S->t[k - 1];

		if (t->util != 0)
			return 1;
		if (t->punct || !(t->cap || tin(S, k - 1, LX_AUX) ||
		    tin(S, k - 1, LX_SUPPLY) || tin(S, k - 1, LX_SERVICE) ||
		    tin(S, k - 1, LX_NETWORKS) || tw(S, k - 1, "the") ||
		    tw(S, k - 1, "in") || tw(S, k - 1, "on") ||
		    tw(S, k - 1, "across") || tw(S, k - 1, "island") ||
		    tw(S, k - 1, "network") || tw(S, k - 1, "system") ||
		    tw(S, k - 1, "completely") || tw(S, k - 1, "also") ||
		    tw(S, k - 1, "been") || place_kind_word(S, k - 1)))
			return 0;
	}
	return 0;
}

/* "Chile recovered electricity in 90% of homes", "Ohio recovered power
   on Tuesday": the utility right after "recovered" is the supply, not a
   noun's first word ("recovered power tools"). */
int
recovered_utility(const struct sentence *S, size_t i, int *util)
{
	static const char *const next[] = { "in", "to", "for", "on", "at",
	    "by", "across", "after", "supply", "supplies", "service",
	    "services", "within", "overnight", "early", "late", "and",
	    "throughout", "around" };

	if (i + 1 >= S->n || S->t[i + 1].util == 0 || !(i + 2 >= S->n ||
	    S->t[i + 2].punct || TW_ANY(S, i + 2, next)))
		return 0;
	*util = S->t[i + 1].util;
	return 1;
}

/* "are experiencing outages", "reported widespread outages", "suffered
   outages": a verb of living through them right before the outage noun
   (an adjective between), not a plan or a count ("could face outages"
   is no such verb). */
int
experiencing_before(const struct sentence *S, size_t i, int *util)
{
	size_t k = i;

	(void)util;
	if (k >= 1 && !S->t[k - 1].punct && !S->t[k - 1].cap &&
	    (tw(S, k - 1, "widespread") || tw(S, k - 1, "intermittent") ||
	    tw(S, k - 1, "sporadic") || tw(S, k - 1, "extended") ||
	    tw(S, k - 1, "lengthy") || tw(S, k - 1, "long")))
		k--;
	if (k < 1 || !(tw(S, k - 1, "experiencing") ||
	    tw(S, k - 1, "experienced") || tw(S, k - 1, "reporting") ||
	    tw(S, k - 1, "reported") || tw(S, k - 1, "suffering") ||
	    tw(S, k - 1, "suffered")))
		return 0;
	/* "894,495 customers are experiencing outages": a counted group's
	   own cue, the rule of the count (standing-cue) */
	for (k--; k > 0 && !S->t[k - 1].punct; k--)
		if (is_digit((unsigned char)S->t[k - 1].w[0]) ||
		    tin(S, k - 1, LX_VAGUE))
			return 0;
	return 1;
}

/* Does token k end a "per day": "daily", or "day" after "a", "per",
   "each" or "every"? */
static int
per_day_at(const struct sentence *S, size_t k)
{
	return tw(S, k, "daily") || (k > 0 && tw(S, k, "day") &&
	    (tw(S, k - 1, "a") || tw(S, k - 1, "per") ||
	    tw(S, k - 1, "each") || tw(S, k - 1, "every")));
}

/* "10 hours a day without power", "without electricity for 12 hours a
   day", "eight hours daily": a daily length of time within eight words
   of the cue, in its clause.  Its rule (cue_rules.c) asks it only in a
   sentence with a word of LX_EXCLUDED, "hours" being one. */
int
hours_a_day_near(const struct sentence *S, size_t i, int *util)
{
	size_t k, lo = i > 8 ? i - 8 : 0;

	(void)util;
	for (k = lo; k + 1 < S->n && k <= i + 8; k++) {
		if (!tw(S, k, "hours") || S->t[k].clause != S->t[i].clause)
			continue;
		/* "hours daily", "hours a day" */
		if (tw(S, k + 1, "daily") || (tw(S, k + 2, "day") &&
		    per_day_at(S, k + 2)))
			return 1;
	}
	return 0;
}

/* "cut by 45 percent", "cut by half", "cut by a third": an amount of
   the supply, not a cut for the users. */
int
cut_by_amount(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	if (!tw(S, i, "cut") || !tw(S, i + 1, "by") || i + 2 >= S->n)
		return 0;
	return is_digit((unsigned char)S->t[i + 2].w[0]) ||
	    tw(S, i + 2, "half") || ((tw(S, i + 2, "a") ||
	    tw(S, i + 2, "one") || tw(S, i + 2, "two")) &&
	    (tw(S, i + 3, "third") || tw(S, i + 3, "quarter") ||
	    tw(S, i + 3, "thirds") || tw(S, i + 3, "quarters")));
}

/* "water flows have been reduced", "supply was reduced on Monday": a
   supply noun within five words before the cue, with only auxiliaries
   and a place between (not "prices for gas were reduced"). */
int
supply_noun_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	for (k = i; k > 0 && k + 6 > i; k--) {
		if (tin(S, k - 1, LX_SUPPLY) || tw(S, k - 1, "supplies") ||
		    tw(S, k - 1, "flows") || tw(S, k - 1, "flow") ||
		    tw(S, k - 1, "pressure"))
			return 1;
		if (S->t[k - 1].punct)
			return 0;
	}
	return 0;
}

/* "the national grid collapsed", "collapse of the power grid". */
int
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
int
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

/* "Barrhaven and Kanata are the hardest hit", "The North Mainland and
   North Isles are among the worst affected": the places are its
   subject, named before "are (among) the" */
int
be_the_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	/* "are the hardest hit", "are among the worst affected", "are
	   also badly affected" */
	if (i < 3)
		return 0;
	k = i - 2;
	if (tw(S, k, "the"))
		k--;
	else if (!tw(S, i - 1, "badly") && !tw(S, i - 1, "severely"))
		return 0;
	if (k > 0 && tw(S, k, "among"))
		k--;
	if (k > 0 && tw(S, k, "also"))
		k--;
	return tin(S, k, LX_BACK_VERB);
}

/* "The hardest-hit areas were A and B", "the worst-affected counties
   include A and B": the places come after the area noun's verb */
int
worst_hit_areas(const struct sentence *S, size_t i, int *util)
{
	static const char *const areas[] = { "areas", "counties",
	    "regions", "communities", "towns", "places", "districts",
	    "neighbourhoods", "neighborhoods", "suburbs", "parts",
	    "provinces", "states", "villages", "cities" };
	size_t k = i + 1;

	(void)util;
	if (!TW_ANY(S, k, areas))
		return 0;
	k++;
	if (tw(S, k, "so") && tw(S, k + 1, "far"))
		k += 2;
	return (tw(S, k, "were") || tw(S, k, "are") ||
	    tw(S, k, "include") || tw(S, k, "included") ||
	    tw(S, k, "remain") || tw(S, k, "remained")) && k + 1 < S->n &&
	    (S->t[k + 1].cap || tw(S, k + 1, "the"));
}

/* ", affecting 10,000 people", ", impacting N": a participle after a
   comma (i is it) */
int
comma_participle(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i > 0 && tp(S, i - 1, ',') && (tw(S, i, "affecting") ||
	    tw(S, i, "impacting"));
}

/* "a partial restoration": "partial" right before the word at i */
int
partial_before(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i > 0 && tw(S, i - 1, "partial");
}

/* "There are still some affected in areas such as A, B and C", "many
   remain affected in X": those of the story still out, and where (i is
   "affected") */
int
some_affected_in(const struct sentence *S, size_t i, int *util)
{
	size_t k = i + 2;

	(void)util;
	if (i == 0 || !tw(S, i + 1, "in") || !(tw(S, i - 1, "some") ||
	    tw(S, i - 1, "many") || tw(S, i - 1, "still") ||
	    tw(S, i - 1, "those") || tw(S, i - 1, "remain") ||
	    tw(S, i - 1, "remained")))
		return 0;
	k += tw(S, k, "the");
	if (areas_noun(S, k) && tw(S, k + 1, "such") && tw(S, k + 2, "as"))
		k += 3;
	return k < S->n && S->t[k].cap && !S->t[k].punct;
}

/* "announced an end to widespread power cuts": the outage is over (i is
   the outage noun; up to three words between it and "end to") */
int
end_to_before(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	for (k = i; word_back(k, i, 4); k--) {
		if (S->t[k - 1].punct)
			return 0;
		if (tw(S, k - 1, "to"))
			return k >= 2 && tw(S, k - 2, "end");
	}
	return 0;
}

/* "were connected to the power supply", "have been connected to the
   mains": a passive of the past, then "to" and the supply within three
   words (not "homes connected to the grid", a description) */
int
connected_to_supply(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	if (i == 0 || !(tw(S, i - 1, "were") || tw(S, i - 1, "was") ||
	    tw(S, i - 1, "been")) || !tw(S, i + 1, "to"))
		return 0;
	/* the supply, not "the national grid" (a new connection:
	   "households were connected to the grid under the scheme") */
	for (k = i + 2; k < S->n && k <= i + 4 && !S->t[k].punct; k++)
		if (tw(S, k, "supply") || tw(S, k, "mains"))
			return 1;
	return 0;
}

/* "Jamaica was in a blackout", "are in blackout": a be-verb, "in" and the
   blackout (i) */
int
in_blackout(const struct sentence *S, size_t i, int *util)
{
	size_t k = i;

	(void)util;
	if (k > 0 && tw(S, k - 1, "a"))
		k--;
	return k >= 2 && tw(S, k - 1, "in") && (tw(S, k - 2, "was") ||
	    tw(S, k - 2, "were") || tw(S, k - 2, "is") ||
	    tw(S, k - 2, "are") || tw(S, k - 2, "remained") ||
	    tw(S, k - 2, "remain") || tw(S, k - 2, "remains"));
}

/* "restrictions have been (were) lifted for N": i is "restrictions" */
int
restrictions_lifted(const struct sentence *S, size_t i, int *util)
{
	size_t k = i + 1;

	(void)util;
	if (!tw(S, i, "restrictions"))
		return 0;
	k += tw(S, k, "have") || tw(S, k, "had");
	k += tw(S, k, "been") || tw(S, k, "were") || tw(S, k, "are");
	return k > i + 1 && (tw(S, k, "lifted") || tw(S, k, "removed") ||
	    tw(S, k, "eased"));
}

/* "power came on in parts of the city": "on" right after, and no day
   or date after it ("the storm came on Monday"), nor a plant's "came
   on line (stream)" */
int
came_on(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return tw(S, i + 1, "on") && i + 2 < S->n && !S->t[i + 2].cap &&
	    !is_digit((unsigned char)S->t[i + 2].w[0]) &&
	    !tw(S, i + 2, "the") && !tw(S, i + 2, "a") &&
	    !tw(S, i + 2, "line") && !tw(S, i + 2, "stream");
}

/* "the shutdown of the power station": i is "shutdown" */
int
shutdown_of(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return tw(S, i, "shutdown") && tw(S, i + 1, "of");
}

/* "85% of those affected", "half of those affected": a share of the
   group the story counted (i is "affected") */
int
share_of_affected(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i >= 3 && tw(S, i - 1, "those") && tw(S, i - 2, "of") &&
	    (tp(S, i - 3, '%') || tw(S, i - 3, "percent") ||
	    tw(S, i - 3, "half") || tw(S, i - 3, "most"));
}

/* ", with A and B the worst affected", "with A and B hit hardest": the
   places are the with-list that the phrase at i closes (i is
   "affected" after "worst", or "hit" before "hardest") */
int
with_list_worst(const struct sentence *S, size_t i, int *util)
{
	size_t k, at;

	(void)util;
	if (tin(S, i - 1, LX_WORST))
		at = i - 1;
	else if (tin(S, i + 1, LX_WORST))
		at = i;
	else
		return 0;
	for (k = i; k > 0 && k + 26 > i; k--)
		if (tw(S, k - 1, "with"))
			return with_worst_phrase(S, k) == at;
	return 0;
}

/*
 * "electricity is available for only four hours a day", "gas is
 * available only in the mornings": supply for part of the day is
 * rationing, of a utility named just before.
 */
int
available_only(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return tw(S, i + 1, "only") || (tw(S, i + 1, "for") &&
	    tw(S, i + 2, "only")) || tw(S, i - 1, "only");
}

/* "affected by the programmed cuts", "affected by load shedding": the
   rationing named after "by" is what they live with */
int
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
int
at_work(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i >= 2 && !S->t[i].cyr && (tw(S, i - 2, "working") ||
	    tw(S, i - 2, "work") ||
	    tw(S, i - 2, "worked") || tw(S, i - 2, "continued") ||
	    tw(S, i - 2, "continue") || tw(S, i - 2, "continues") ||
	    tw(S, i - 2, "continuing") || tw(S, i - 2, "racing") ||
	    tw(S, i - 2, "scrambling") ||
	    /* "Crews continue efforts to restore power to N" */
	    tw(S, i - 2, "efforts") ||
	    tw(S, i - 2, "rushing") || tw(S, i - 2, "struggling") ||
	    work_far(S, i));	/* restore_checks.c */
}

/* "managed to restore", "were able to reconnect", "succeeded to", "it
   was possible to restore": the verb before "to" says the restoration
   happened */
int
achieved(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i >= 3 && !S->t[i].cyr && (tw(S, i - 2, "managed") ||
	    tw(S, i - 2, "succeeded") || ((tw(S, i - 2, "able") ||
	    /* "it was possible to restore power to every
	       household in Kherson" */
	    tw(S, i - 2, "possible")) &&
	    (tw(S, i - 3, "were") || tw(S, i - 3, "was"))));
}

int
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

int
bare_restore(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	if (!WEQ(S->t[i].w, "restore") && !WEQ(S->t[i].w, "reconnect") &&
	    !WEQ(S->t[i].w, "resume"))
		return 0;
	/* a Cyrillic infinitive glossed "restore" is a cue only after
	   "вдалося" ("managed": lang_uk.c), as before "restore" was an
	   English cue word */
	for (k = i; S->t[i].cyr && word_back(k, i, 4); k--)
		if (WEQ(S->t[k - 1].w, "managed"))
			return 0;
	return 1;
}

/* "The hot water to consumers is given partially.": "partially" ends
   the clause after a verb of supply */
int
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
int
according_to(const struct sentence *S, size_t i, int *util)
{
	size_t k = i - (i > 0 && (tw(S, i - 1, "a") || tw(S, i - 1, "the")));

	if (k < 2 || !tw(S, k - 1, "to") || !tw(S, k - 2, "according"))
		return 0;
	/* the utility supplied so, named shortly before "according" */
	for (k -= 2; word_back(k, i, 6) && !S->t[k - 1].punct; k--)
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
 * clause; or cuts in turn ("every 10 days", "every other day", "by
 * sector", "on a rotational basis", "in rotation").
 */
int
daily_quota(const struct sentence *S, size_t i, int *util)
{
	size_t k;
	int hours = 0;

	(void)util;
	for (k = i + 1; k < S->n && k <= i + 10; k++) {
		if (S->t[k].clause != S->t[i].clause ||
		    (S->t[k].punct && S->t[k].w[0] != ','))
			return 0;
		/* "water cuts every 10 days by sector", "cuts on a
		   rotational basis": cuts in turn */
		if ((tw(S, k, "every") && k + 2 < S->n &&
		    (tw(S, k + 1, "other") ||
		    is_digit((unsigned char)S->t[k + 1].w[0])) &&
		    (tw(S, k + 2, "day") || tw(S, k + 2, "days") ||
		    tw(S, k + 2, "week") || tw(S, k + 2, "weeks"))) ||
		    (tw(S, k, "by") && (tw(S, k + 1, "sector") ||
		    tw(S, k + 1, "sectors"))) || tw(S, k, "rotational") ||
		    (tw(S, k, "in") && tw(S, k + 1, "rotation")))
			return 1;
		if (tw(S, k, "hours") || tw(S, k, "hour"))
			hours = 1;
		else if (hours && per_day_at(S, k))
			return 1;
	}
	return 0;
}

/* "gas shortages kept several power plants idle": a shortage of fuel
   for generation, not of supply to users */
int
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

/* "consumers have got back power", "the company had brought back
   electricity to 1,500 customers": the utility right after "back" */
int
got_back(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i > 0 && (tw(S, i - 1, "got") || tw(S, i - 1, "get") ||
	    tw(S, i - 1, "gets") || tw(S, i - 1, "getting") ||
	    tw(S, i - 1, "brought") || tw(S, i - 1, "bring") ||
	    tw(S, i - 1, "brings") || tw(S, i - 1, "bringing")) &&
	    i + 1 < S->n && S->t[i + 1].util != 0;
}

/* "interruptions in supply of electric energy and natural gas": the
   utilities after "supply of" */
int
supply_of_after(const struct sentence *S, size_t i, int *util)
{
	if (!(tw(S, i + 1, "in") || tw(S, i + 1, "of") || tw(S, i + 1, "to")) ||
	    !(tw(S, i + 2, "supply") || tw(S, i + 2, "supplies")) ||
	    !tw(S, i + 3, "of"))
		return 0;
	*util = utilities_near(S, i + 3, WIN_AFTER);
	return *util != 0;
}
