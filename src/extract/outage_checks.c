/* SPDX-License-Identifier: MIT */
/*
 * outage_checks.c - checks of the English status cue rules that say a
 * supply is out, or where the story's outage is (cue_rules.c's table
 * calls most; cues.c asks ongoing_until(), reports.c struck_object()):
 * an outage noun followed by the places it was in [outage-in], an active
 * "affected" or "impacted" whose object is a name [affected-object],
 * places said to be affected after an outage story [affected-passive],
 * "the affected areas included A and B" [affected-include], "will be
 * without electricity until" [ongoing-until], a supply isolated, a
 * network's word for cutting it off [isolated-supply], a count right
 * before "out", and a facility that was struck, not the subject that
 * lost power.
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

/*
 * [affected-passive] "A and B were also affected", "C and D are impacted
 * significantly", "E County was hardest hit": places that are the subject
 * of a passive "affected", "impacted" or "hit" are where the story's
 * outage is (a concentration cue: with no outage told before, no
 * report).  "was hit by the storm" is the weather, not supply: after
 * "by" only an outage's noun may follow.  i is the verb.
 */
int
affected_passive(const struct sentence *S, size_t i, int *util)
{
	static const char *const adverbs[] = {
		"also", "badly", "severely", "significantly", "heavily",
		"worst", "hardest", "most", "particularly", "too", "all"
	};
	size_t k = i, j;

	(void)util;
	if (i < 2 || S->t[i].cap)
		return 0;
	if (TW_ANY(S, k - 1, adverbs))
		k--;
	if (tw(S, k - 1, "been") && k >= 3)
		k--;
	if (!(tw(S, k - 1, "are") || tw(S, k - 1, "were") ||
	    tw(S, k - 1, "is") || tw(S, k - 1, "was") ||
	    tw(S, k - 1, "have") || tw(S, k - 1, "has")) || k < 2)
		return 0;
	/* the subject: a capitalised name right before the verb */
	if (S->t[k - 2].punct || !S->t[k - 2].cap ||
	    tin(S, k - 2, LX_NOT_PLACE) || tin(S, k - 2, LX_ORG))
		return 0;
	/* the names open the sentence or a clause ("N customers in X were
	   affected" is a count's cue, not this) */
	for (j = k - 2; j > 0 && ((S->t[j - 1].cap && !S->t[j - 1].punct) ||
	    tw(S, j - 1, "and") || tp(S, j - 1, ',') || tw(S, j - 1, "the"));
	    j--)
		;
	if (j > 0 && !(tw(S, j - 1, "while") || tw(S, j - 1, "but") ||
	    tw(S, j - 1, "whereas") || S->t[j - 1].punct))
		return 0;
	if (tw(S, i + 1, "by")) {
		for (j = i + 2; j < S->n && j < i + 6; j++)
			if (tin(S, j, LX_OUTAGE_NOUN) || tin(S, j, LX_BLACKOUT) ||
			    tin(S, j, LX_OUTAGES))
				return 1;
		return 0;
	}
	return 1;
}

/* The nouns of places a story lists as affected. */
static const char *const places_nouns[] = { "areas", "places", "cities",
    "towns", "regions", "districts", "neighbourhoods", "neighborhoods",
    "suburbs", "communities", "counties", "provinces", "states",
    "locations", "villages", "parts", "zones", "municipalities" };

/*
 * [affected-include] "Other affected areas included A and B", "The
 * cities affected by the outage include A, B and C", "affected regions
 * are A and B": the places after the verb are where the story's outage
 * is (the rule before it takes "the areas most affected include").  i is
 * "affected"; a places noun is next to it and "include(d)" or a form of
 * "be" follows in its clause within a few words.
 */
int
affected_include(const struct sentence *S, size_t i, int *util)
{
	size_t j, end;

	(void)util;
	/* "the hardest-hit areas include A and B" too */
	if (!tw(S, i, "affected") && !tw(S, i, "hardest-hit") &&
	    !tw(S, i, "worst-hit") && !tw(S, i, "worst-affected"))
		return 0;
	if (TW_ANY(S, i + 1, places_nouns))
		j = i + 2;
	else if (i > 0 && TW_ANY(S, i - 1, places_nouns))
		j = i + 1;
	else
		return 0;
	/* "affected by the (power) outage", "by this blackout" */
	if (tw(S, j, "by")) {
		end = j + 5 < S->n ? j + 5 : S->n;
		for (j++; j < end && !tin(S, j, LX_OUTAGE_NOUN) &&
		    !tin(S, j, LX_BLACKOUT) && !tin(S, j, LX_OUTAGES); j++)
			;
		if (j >= end)
			return 0;
		j++;
	}
	if (tw(S, j, "also"))
		j++;
	/* "the hardest-hit neighbourhoods were A and B" may be the
	   storm's damage (areas_list_colon_were); "include" lists the
	   outage's places */
	if (tin(S, j, LX_INCLUDED) || (tw(S, i, "affected") &&
	    (tw(S, j, "were") || tw(S, j, "are"))))
		return S->t[j].clause == S->t[i].clause && j + 1 < S->n &&
		    S->t[j + 1].cap;
	return 0;
}

/*
 * [isolated-supply] "power was isolated on Sunday to 500 properties",
 * "crews isolated the electricity supply to the street": a network's
 * word for cutting a supply off.  Only a utility the verb names as its
 * subject ("power was isolated", "supply has been isolated") or its
 * object ("isolated power to", "isolated the supply to") makes it one;
 * "isolated outages" and "an isolated area" are no cue.
 */
int
isolated_supply(const struct sentence *S, size_t i, int *util)
{
	size_t k = i;

	(void)util;
	if (k >= 1 && tin(S, k - 1, LX_BEEN))
		k--;
	if (k >= 2 && (tw(S, k - 1, "was") || tw(S, k - 1, "were") ||
	    tw(S, k - 1, "is") || tw(S, k - 1, "are") ||
	    tin(S, k - 1, LX_HAVE) || tin(S, k - 1, LX_BEEN)) &&
	    (S->t[k - 2].util != 0 || tin(S, k - 2, LX_SUPPLY)))
		return 1;
	/* the object, then "to" what it was cut from (not "an isolated
	   power system") */
	k = i + 1 + tw(S, i + 1, "the");
	if (k < S->n && S->t[k].util != 0 && tin(S, k + 1, LX_SUPPLY))
		k++;
	return k + 1 < S->n && (S->t[k].util != 0 ||
	    tin(S, k, LX_SUPPLY)) && tw(S, k + 1, "to");
}

/* "had 80,000 customers out,", "over four million out on Tuesday": a
   counted noun or a number right before "out" (a weak cue: it needs the
   count); "out of" is another matter (the rule says NOT_AT). */
int
counted_right_before(const struct sentence *S, size_t i, int *util)
{
	const char *u;

	(void)util;
	if (i == 0 || S->t[i - 1].punct)
		return 0;
	if ((u = tok_unit(&S->t[i - 1])) != NULL && *u != '\0')
		return 1;
	return is_digit((unsigned char)S->t[i - 1].w[0]) ||
	    tw(S, i - 1, "million") || tw(S, i - 1, "thousand");
}

/*
 * "Drone strikes on a key power plant have plunged Khartoum into
 * blackouts": the facility before the cue is the object of "on" or
 * "against" (what was struck), not the subject that lost power, so it
 * does not make the cue a facility's (G4).  i is the facility word.
 */
int
struck_object(const struct sentence *S, size_t i)
{
	size_t k;

	for (k = i; word_back(k, i, 5); k--) {
		if (S->t[k - 1].punct)
			return 0;
		if (tw(S, k - 1, "on") || tw(S, k - 1, "against"))
			return 1;
	}
	return 0;
}
