/* SPDX-License-Identifier: MIT */
/*
 * shapes_v_en1.c - count-less English reports from a cause analysis of
 * pooled real news passages (helper v-en1, issue 10): an outage noun
 * followed by the places it was in [outage-in], and restoration work that
 * names no group [work-only].
 */
#include <string.h>

#include "cue_checks.h"
#include "extract_int.h"

/* Words that make "the worst outage in X" a comparison with the past,
   not an outage in X. */
static int
comparison_word(const struct sentence *S, size_t k)
{
	static const char *const cmp[] = {
		"worst", "largest", "biggest", "longest", "last",
		"previous", "similar", "such", "first"
	};

	return TW_ANY(S, k, cmp);
}

/* Verbs whose object is an outage they brought about. */
static int
causing_word(const struct sentence *S, size_t k)
{
	static const char *const verbs[] = {
		"caused", "causing", "causes", "triggered", "triggering",
		"sparked", "sparking", "to", "suffered", "experienced",
		"experiencing", "reported"
	};

	return TW_ANY(S, k, verbs);
}

/* The token of a capitalised name at j, after a "the" there; 0: none
   (no name can start a sentence's token 0 here: j follows a verb). */
static size_t
name_at(const struct sentence *S, size_t j)
{
	if (tw(S, j, "the"))
		j++;
	if (j >= S->n || S->t[j].punct || !S->t[j].cap ||
	    tin(S, j, LX_NOT_PLACE) || tin(S, j, LX_ORG))
		return 0;
	return j;
}

/*
 * [outage-in] "a national grid collapse led to an outage in A, B and C",
 * "caused outages across X": an outage noun (naming no utility: one that
 * does stands already) followed by "in" or "across" and a capitalised
 * name says where the story's outage was; the places after it take the
 * story's utility (CUE_STORY_UTILITY).  Not "the worst outage in X"
 * (a comparison), nor one "in X history".  i is the outage word.
 */
int
outage_in(const struct sentence *S, size_t i, int *util)
{
	size_t j = i + 1, k;

	(void)util;
	if (!(tw(S, j, "in") || tw(S, j, "across")) ||
	    (j = name_at(S, j + 1)) == 0)
		return 0;
	/* an outage that happened: "an outage", "a complete outage",
	   "caused outages", "led to an outage" (not "Outages in X stood
	   at N", "410,000 outages in X", "the number of outages in X") */
	for (k = i; word_back(k, i, 4); k--) {
		if (comparison_word(S, k - 1) || S->t[k - 1].punct ||
		    tw(S, k - 1, "the") || tw(S, k - 1, "of") ||
		    is_digit((unsigned char)S->t[k - 1].w[0]) ||
		    tin(S, k - 1, LX_VAGUE) || tin(S, k - 1, LX_VAGUE_HEAD))
			return 0;
		if (tw(S, k - 1, "an") || tw(S, k - 1, "a") ||
		    causing_word(S, k - 1))
			break;
	}
	if (!word_back(k, i, 4))
		return 0;
	/* "... in Texas history", "in X in 2021": the past */
	for (k = j; k < S->n && k < j + 6 && !S->t[k].punct; k++)
		if (tw(S, k, "history"))
			return 0;
	return 1;
}

/*
 * [affected-object] "Additional technical issues impacted the River Nile
 * and Red Sea states", "the fault also affected Kisumu and Eldoret": an
 * active "affected" or "impacted" whose object is a capitalised name says
 * where the story's outage was (CUE_STORY_UTILITY: the places after it,
 * the utility of the cue before it or of the story's last report; with no
 * story before it, its own sentence's).  Not the passive ("A and B were
 * affected", [affected-passive]), not "the affected areas", not a storm
 * or flood's ("The storm affected Florida": hazard_affected turns it
 * off), and not "affected Apple shares" (a noun after the name).  i is
 * the verb.
 */
int
affected_object(const struct sentence *S, size_t i, int *util)
{
	size_t k = i, j;

	(void)util;
	if (!tw(S, i, "affected") && !tw(S, i, "impacted"))
		return 0;
	if (k > 0 && (tw(S, k - 1, "also") || tw(S, k - 1, "further") ||
	    tw(S, k - 1, "then")))
		k--;
	/* a subject right before it, no auxiliary of a passive or an
	   adjective's modifier */
	if (k < 2 || S->t[k - 1].punct || tin(S, k - 1, LX_AUX) ||
	    tw(S, k - 1, "be") || tw(S, k - 1, "been") ||
	    tw(S, k - 1, "being") || tw(S, k - 1, "the") ||
	    tw(S, k - 1, "most") || tw(S, k - 1, "worst") ||
	    tw(S, k - 1, "badly") || tw(S, k - 1, "severely") ||
	    tw(S, k - 1, "those") || tw(S, k - 1, "areas"))
		return 0;
	if ((j = name_at(S, i + 1)) == 0)
		return 0;
	for (j++; j < S->n && S->t[j].cap && !S->t[j].punct; j++)
		;
	return j >= S->n || S->t[j].punct || place_kind_word(S, j) ||
	    tw(S, j, "and") || tw(S, j, "or") || tw(S, j, "on") ||
	    tw(S, j, "in") || tw(S, j, "at") || tw(S, j, "overnight") ||
	    tw(S, j, "after") || tw(S, j, "during") || tw(S, j, "as") ||
	    tw(S, j, "until") || tw(S, j, "for");
}

/*
 * [ongoing-until] "Tens of thousands of homes in Berlin will be without
 * electricity until Thursday": "will be (still) without ... until" says
 * the outage goes on to then, so it is now, not a forecast (the news-dev-2
 * labels); "will be without power for eight hours on Tuesday" (a planned
 * cut) and "could be without power until Friday" stay off.  i is the
 * modal word.
 */
int
ongoing_until(const struct sentence *S, size_t i)
{
	size_t j = i + 1, k;

	if (!tw(S, i, "will"))
		return 0;
	if (!(tw(S, j, "be") || tw(S, j, "remain") || tw(S, j, "stay")))
		return 0;
	j++;
	if (tw(S, j, "still"))
		j++;
	if (!tw(S, j, "without"))
		return 0;
	for (k = j + 1; k < S->n && k < j + 6 && !S->t[k].punct; k++)
		if (tw(S, k, "until") || tw(S, k, "till"))
			return 1;
	return 0;
}
