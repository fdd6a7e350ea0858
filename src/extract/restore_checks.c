/* SPDX-License-Identifier: MIT */
/*
 * restore_checks.c - checks of the English status cue rules that say a
 * supply is back, coming back or being brought back (cue_rules.c's table
 * calls them; cues.c asks result_participle()): restoration halted or
 * done [restoration-halted, restoration-done], an outage said over or
 * restored [outage-resolved], a restoration of the utility named before
 * it [restored-before], supply regained, returning or coming back,
 * restoration begun and load shedding ended [status-words], "back up
 * to" and "regained electricity", restoration work that names no group
 * [work-only] or stands a few words after its verb [work-far], and a
 * participle that tells a finished event's result [result-participle].
 */
#include <string.h>

#include "cue_checks.h"
#include "extract_int.h"

/*
 * The verb that governs "restoration" at token i, before it ("suspend
 * power restoration", "completed their restoration efforts") or after
 * it ("restoration was suspended", "restoration is complete"): is it one
 * of `verbs`?  Before: three words back at most, over "the", "their",
 * "its", "power" and such; after: a be-verb and the word.
 */
static int
restoration_verb(const struct sentence *S, size_t i,
    const char *const *verbs, size_t nverbs)
{
	static const char *const skip[] = {
		"the", "their", "its", "our", "all", "power", "electricity",
		"electric", "service", "supply", "water", "gas", "full"
	};
	size_t k, v;

	for (k = i; word_back(k, i, 4); k--) {
		if (S->t[k - 1].punct)
			break;
		if (tw_any(S, k - 1, verbs, nverbs))
			return 1;
		if (!TW_ANY(S, k - 1, skip))
			break;
	}
	for (k = i + 1; k < S->n && k <= i + 3; k++) {
		if (tw(S, k, "efforts") || tw(S, k, "work") ||
		    tw(S, k, "was") || tw(S, k, "is") || tw(S, k, "has") ||
		    tw(S, k, "had") || tw(S, k, "been") || tw(S, k, "were") ||
		    tw(S, k, "are") || tw(S, k, "have"))
			continue;
		v = k;
		return v > i + 1 && tw_any(S, v, verbs, nverbs);
	}
	return 0;
}

/* [restoration-halted] "we have been forced to suspend power restoration",
   "restoration was halted by the winds": no supply back, no cue. */
int
restoration_halted(const struct sentence *S, size_t i, int *util)
{
	static const char *const halt[] = {
		"suspend", "suspended", "suspending", "halt", "halted",
		"halting", "pause", "paused", "pausing", "stop", "stopped",
		"stopping", "delay", "delayed", "delaying", "hamper",
		"hampered", "hampering", "hinder", "hindered", "hindering"
	};

	(void)util;
	return restoration_verb(S, i, halt, NELEM(halt));
}

/* [restoration-done] "utilities have completed their power restoration
   efforts in X", "restoration is complete": the supply is back. */
int
restoration_done(const struct sentence *S, size_t i, int *util)
{
	static const char *const done[] = {
		"completed", "complete", "finished", "concluded"
	};

	(void)util;
	return restoration_verb(S, i, done, NELEM(done));
}

/*
 * The token of an outage noun's own predicate: the first v after the
 * noun at i, fewer than reach words on, for which at(S, v) holds, with
 * no word of stop[] between (one stretch without punctuation, or with
 * commas where commas is set); 0 when there is none.
 */
static size_t
outage_predicate(const struct sentence *S, size_t i, size_t reach,
    int commas, int (*at)(const struct sentence *, size_t),
    const char *const *stop, size_t nstop)
{
	size_t v, k;

	/* speed: find the predicate first, then look for a modal or
	   negation before it */
	for (v = i + 1; v < S->n && v < i + reach; v++) {
		if (S->t[v].punct && !(commas && S->t[v].w[0] == ','))
			return 0;
		if (at(S, v))
			break;
	}
	if (v >= S->n || v >= i + reach)
		return 0;
	for (k = i + 1; k < v; k++)
		if (tw_any(S, k, stop, nstop))
			return 0;
	return v;
}

/* "been resolved", "was fixed": a be-verb and a word of it being over
   (LX_OVER; its rule in cue_rules.c is tried only in a sentence with one) */
static int
over_at(const struct sentence *S, size_t v)
{
	return (tw(S, v, "been") || tw(S, v, "was") || tw(S, v, "were") ||
	    tw(S, v, "is") || tw(S, v, "are")) && tin(S, v + 1, LX_OVER);
}

/*
 * [outage-resolved] "the power outage had been resolved", "outages caused
 * by the failure had been addressed", "the internet outage was fixed on
 * Tuesday": an outage noun whose predicate says it is over tells the
 * supply back (a cue rule: the noun at i, then a be-verb and one of the
 * words of over_at(), ten words at most, in one stretch without
 * punctuation, no modal or negation between).
 */
int
outage_resolved(const struct sentence *S, size_t i, int *util)
{
	static const char *const nouns[] = {
		"outage", "outages", "blackout", "blackouts", "disruption",
		"disruptions", "interruption", "interruptions", "failure",
		"fault"
	};
	static const char *const stop[] = {
		"not", "will", "would", "should", "could", "may", "might",
		"expected", "yet", "being", "be", "until", "once", "if"
	};

	(void)util;
	return TW_ANY(S, i, nouns) &&
	    outage_predicate(S, i, 10, 0, over_at, stop, NELEM(stop)) != 0;
}

/* "was", "were", "been" (two lists' bits first: most words are none) */
static int
be_past_at(const struct sentence *S, size_t v)
{
	return (tin(S, v, LX_BACK_VERB) || tin(S, v, LX_BEEN)) &&
	    (tw(S, v, "was") || tw(S, v, "were") || tw(S, v, "been"));
}

/*
 * [outage-resolved] "The water disruption across Rawang and Serendah,
 * affecting 41,200 accounts, was fully restored by noon": an outage noun whose own predicate is a restoration
 * is told by that word; the noun is no outage of its own.  Up to thirty
 * words on, past commas, no modal or negation between.
 */
int
outage_subject_restored(const struct sentence *S, size_t i, int *util)
{
	static const char *const nouns[] = {
		"outage", "outages", "disruption", "disruptions",
		"interruption", "interruptions"
	};
	static const char *const adverbs[] = {
		"fully", "now", "since", "finally", "completely", "largely",
		"partially", "partly", "successfully"
	};
	static const char *const stop[] = {
		"not", "will", "would", "should", "could", "may", "might",
		"expected", "yet", "until", "once", "if", "which", "that"
	};
	size_t k, v;

	(void)util;
	/* Speed only (the same answer): the last test asks LX_RESTORED of
	   a token, so a sentence with none holds no such noun (s_has();
	   the eager mode reads on) */
	if (!s_has(S, LX_RESTORED) && !extract_eager())
		return 0;
	if (!TW_ANY(S, i, nouns) || (v = outage_predicate(S, i, 30, 1,
	    be_past_at, stop, NELEM(stop))) == 0)
		return 0;
	for (k = v + 1; k < S->n && TW_ANY(S, k, adverbs); k++)
		;
	return tin(S, k, LX_RESTORED);
}

/*
 * [work-only] "Energy workers are working to restore electricity
 * supply", "as utilities continue to restore power": the work, naming no
 * group and no place, is no report (G7: restoration work is about work);
 * "working to restore power to 95,000 customers" names its group and
 * stays partial (at_work).  i is the restoration verb after "to".
 */
int
work_only(const struct sentence *S, size_t i, int *util)
{
	size_t j;

	if (!at_work(S, i, util))
		return 0;
	for (j = i + 1; j < S->n && !S->t[j].punct; j++)
		if (!(S->t[j].util != 0 || tin(S, j, LX_SUPPLY) ||
		    tin(S, j, LX_SERVICES) || tw(S, j, "supplies") ||
		    tw(S, j, "the") || tw(S, j, "them") || tw(S, j, "it")))
			break;
	/* the clause ends there, or goes on with another clause */
	return j >= S->n || S->t[j].punct || tw(S, j, "as") ||
	    tw(S, j, "and") || tw(S, j, "but") || tw(S, j, "while") ||
	    tw(S, j, "after") || tw(S, j, "following");
}

/*
 * "continuing to restore gas supplies to properties in Drighlington":
 * restoration under way for a group it names, counted or not, is the
 * service coming back in part (G7), not only the work.  i is the
 * restoration verb after "to".
 */
int
at_work_for_group(const struct sentence *S, size_t i, int *util)
{
	size_t j;
	const char *u;

	if (!at_work(S, i, util))
		return 0;
	for (j = i + 1; j < S->n && j < i + 5 && !S->t[j].punct; j++)
		if (tw(S, j, "to")) {
			j += tw(S, j + 1, "the") || tw(S, j + 1, "all");
			return j + 1 < S->n &&
			    (u = tok_unit(&S->t[j + 1])) != NULL && *u != '\0';
		}
	return 0;
}

/* Words of manner and time between "work" and "to restore": "around the
   clock", "as quickly and safely as possible", "overnight". */
static int
manner_word(const struct sentence *S, size_t k)
{
	static const char *const words[] = {
		"around", "round", "the", "clock", "overnight", "quickly",
		"safely", "hard", "as", "possible", "and", "tirelessly",
		"diligently", "nonstop", "non-stop", "fast", "day", "night",
		"through", "throughout", "all"
	};

	return TW_ANY(S, k, words);
}

/*
 * [work-far] "crews continue to work around the clock to restore power
 * to thousands of homes", "worked overnight to reconnect": the work verb
 * a few words of manner or time before "to" says the restoration is under
 * way, as right before it (at_work).  i is the restoration verb after
 * "to".
 */
int
work_far(const struct sentence *S, size_t i)
{
	size_t k, n;

	if (i < 3 || !tw(S, i - 1, "to") || !manner_word(S, i - 2))
		return 0;
	/* "to reconnect the remaining 2,300": still out (w-en2's call) */
	for (k = i + 1; k < S->n && k <= i + 4; k++)
		if (tw(S, k, "remaining") || tw(S, k, "rest"))
			return 0;
	for (k = i - 2, n = 0; k > 0 && n < 6 && manner_word(S, k); k--, n++)
		;
	return tw(S, k, "work") || tw(S, k, "working") ||
	    tw(S, k, "worked") || tw(S, k, "works");
}

/*
 * "customers have regained power", "regaining electricity", "regained
 * service": supply back, when a supply word follows within three words
 * ("regained control" is none) [status-words].
 */
int
regained_supply(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	if (S->t[i].w[0] != 'r' || S->t[i].w[2] != 'g')
		return 0;	/* "returning" */
	for (k = i + 1; k < S->n && k < i + 4; k++) {
		if (S->t[k].punct)
			return 0;
		if (S->t[k].util != 0) {
			*util |= S->t[k].util;
			return 1;
		}
		if (tin(S, k, LX_SERVICES) || tin(S, k, LX_SUPPLIED) ||
		    tw(S, k, "connections") || tw(S, k, "connection"))
			return 1;
	}
	return 0;
}

/* "power was gradually returning to X": a return under way. */
int
returning_word(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return WEQ(S->t[i].w, "returning");
}

/* "power is slowly coming back": "coming" before "back". */
int
coming_word(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return WEQ(S->t[i].w, "coming");
}

/*
 * "a restoration of electricity had begun", "restoration is under way":
 * the work has started, the supply is not back (G7) [status-words].
 */
int
restoration_begun(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	for (k = i + 1; k < S->n && k < i + 7; k++) {
		if (S->t[k].punct)
			return 0;
		if (tin(S, k, LX_BEGAN) || tw(S, k, "underway") ||
		    tw(S, k, "commenced") ||
		    (tw(S, k, "under") && tw(S, k + 1, "way")) ||
		    (tw(S, k, "in") && tw(S, k + 1, "progress")))
			return 1;
	}
	return 0;
}

/* "back up to 23,000": "up to" next (not "back up and running"). */
int
up_next(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return tw(S, i + 1, "up") && tw(S, i + 2, "to");
}

/* "people gaining power", "regained electricity": a utility next; for
   "gained" and "gaining", people or customers just before ("the storm
   gained power" is the storm's). */
int
utility_next(const struct sentence *S, size_t i, int *util)
{
	const char *u;
	size_t k;

	if (i + 1 >= S->n || S->t[i + 1].util == 0)
		return 0;
	if (S->t[i].w[0] == 'g') {
		for (k = i; word_back(k, i, 4); k--)
			if ((u = tok_unit(&S->t[k - 1])) != NULL && *u != '\0')
				break;
		if (!word_back(k, i, 4))
			return 0;
	}
	*util = S->t[i + 1].util;
	return 1;
}

/* "Eskom suspended load shedding", "load shedding was lifted": the
   rationing ended, no cue [status-words]. */
int
shedding_ended(const struct sentence *S, size_t i, int *util)
{
	static const char *const ended[] = {
		"suspended", "suspends", "suspend", "lifted", "ended",
		"halted", "scrapped", "paused"
	};
	size_t k;

	(void)util;
	for (k = i; word_back(k, i, 4); k--)
		if (TW_ANY(S, k - 1, ended))
			return 1;
	for (k = i + 1; k < S->n && k < i + 4; k++)
		if (TW_ANY(S, k, ended))
			return 1;
	return 0;
}

/*
 * "24 substations were back online, restoring service to N customers",
 * "Crews replaced the pole, restoring power to N": a participle after a
 * comma that follows a finished event tells its result, so the service
 * is back [result-participle]; "are restoring service to N" and "were
 * working overnight, restoring power" stay in progress (G7).  Is the
 * cue at token ct ("restoring") such a result?
 */
int
result_participle(const struct sentence *S, size_t ct)
{
	static const char *const now[] = {
		"is", "are", "am", "will", "continue", "continues", "still",
		"currently", "now", "expected", "hope", "hopes", "plan",
		"plans", "would", "could", "may", "might",
		"work"		/* "crews have been hard at work" */
	};
	static const char *const not_ing[] = {
		"morning", "evening", "during", "according", "including",
		"building", "buildings", "something", "nothing", "spring"
	};
	size_t i, l;
	int past = 0;

	/* cheap first: ", restoring" */
	if (ct < 3 || !tw(S, ct, "restoring") || !tp(S, ct - 1, ','))
		return 0;
	for (i = ct - 1; i-- > 0;) {
		const char *w = S->t[i].w;

		if (S->t[i].punct) {
			if (tp(S, i, ',') || tp(S, i, '-'))
				continue;
			break;		/* ";", ":", a quote: the clause's start */
		}
		if (TW_ANY(S, i, now))
			return 0;
		l = strlen(w);
		if (l > 4 && strcmp(w + l - 3, "ing") == 0 &&
		    !TW_ANY(S, i, not_ing))
			return 0;	/* "were working overnight, restoring" */
		past |= tw(S, i, "were") || tw(S, i, "was") ||
		    tw(S, i, "had") || tw(S, i, "has") || tw(S, i, "have") ||
		    (l > 3 && strcmp(w + l - 2, "ed") == 0);
	}
	return past;
}

/*
 * [restored-before] "customers were experiencing wireless service
 * interruptions but that three-quarters of the network had now been
 * restored": a restoration that names no utility near it is of the one
 * the sentence named before it (the nearest, in an earlier clause), not
 * left without one.  Holds for a restoration word with no utility in its
 * own window and one named earlier in the sentence, no capitalised name
 * between.
 */
int
restored_before(const struct sentence *S, size_t i, int *util)
{
	static const char *const cond[] = {
		"until", "till", "once", "if", "when", "before", "unless",
		"after", "expected", "will", "would", "should", "could", "may"
	};
	size_t k, j;

	/* the nearest utility before, unless a name stands between (a
	   subject of its own: "but Rylsk had been reconnected"); then
	   (the dearer test) none in the cue's own window */
	for (k = i; k > 0; k--)
		if (S->t[k - 1].util != 0 ||
		    (S->t[k - 1].cap && !S->t[k - 1].punct))
			break;
	if (k == 0 || S->t[k - 1].util == 0 ||
	    utilities_near(S, i, 5, 5) != 0)
		return 0;
	/* "conserve water until supply pressure was restored": a time to
	   come or a condition, no restoration */
	for (j = k; j < i; j++)
		if (TW_ANY(S, j, cond))
			return 0;
	*util = S->t[k - 1].util;
	return 1;
}
