/* SPDX-License-Identifier: MIT */
/*
 * utility.c - utility words: which utilities a word names and
 * which are within reach of a status cue; and the utilities of a story
 * cue where no story was told before it [story-fallback].
 */
#include "extract_int.h"

/* ---- utilities --------------------------------------------------------- */


/*
 * "A large water main break ... is impacting tens of thousands of
 * residents": a sentence that names no supply but a broken main tells
 * whose supply it is (water's or gas's), or 0.
 */
int
main_utility(const struct sentence *S)
{
	size_t i;

	for (i = 0; i + 1 < S->n; i++)
		if (tw(S, i + 1, "main") || tw(S, i + 1, "mains"))
			return tw(S, i, "water") ? U(UTIL_WATER) :
			    tw(S, i, "gas") ? U(UTIL_GAS) : 0;
	return 0;
}

/* "without gas for heating and cooking", "gas for cooking and heating":
   what the gas is for, no supply of its own */
static int
gas_for(const struct sentence *S, size_t i)
{
	size_t k;

	for (k = i; k > 1 && i - k < 3; k--)
		if (tw(S, k - 1, "for"))
			return tin(S, k - 2, LX_GAS);
	return 0;
}

/*
 * Is the telecom word at i a department in a job's title, not the
 * network: "... Company Limited Communications and Government Relations
 * Manager" (capitalised, a capitalised word either side of it, "and"
 * after), "Head of Corporate Communications Joe Z.", "customer
 * relations and communication department head"?  lead: i opens the
 * sentence or follows punctuation.
 */
static int
job_office(const struct sentence *S, size_t i, int lead)
{
	static const char *const before[] = { "corporate", "public",
	    "external", "strategic", "marketing" };
	static const char *const after[] = { "department", "head",
	    "manager", "director", "officer", "team", "unit", "office",
	    "chief", "adviser", "advisor", "specialist", "staff" };
	const struct tok *t = &S->t[i];

	if (t->cap && !lead && S->t[i - 1].cap && !S->t[i - 1].punct &&
	    tw(S, i + 1, "and") && i + 2 < S->n && S->t[i + 2].cap)
		return 1;
	return (WEQ(t->w, "communications") || WEQ(t->w, "communication")) &&
	    ((!lead && TW_ANY(S, i - 1, before)) || TW_ANY(S, i + 1, after));
}

/*
 * Which utilities the word at i names [utility-words], as a bitmask.  Its
 * words are lexicon lists (lexicon.c's short_lists).
 */
int
word_utility(const struct sentence *S, size_t i)
{
	const struct tok *t = &S->t[i];
	const uint64_t *lx = t->lx;
	int lead = i == 0 || S->t[i - 1].punct;	/* may be capitalised */

	if (t->punct || !lx_in(lx, LX_UTILITY_HEAD))
		return 0;
	/* "an internet blackout", "a phone blackout": the blackout of the
	   service named before it, not of power */
	if (lx_in(lx, LX_BLACKOUT) && i > 0 && !S->t[i - 1].punct &&
	    !lx_in(S->t[i - 1].lx, LX_BLACKOUT)) {
		int before = word_utility(S, i - 1);

		if (before != 0 && !(before & U(UTIL_POWER)))
			return 0;
	}
	if (lx_in(lx, LX_POWER_WORD))
		return U(UTIL_POWER);
	/* "power lines were down": the lines, not the supply (G6) */
	if (lx_in(lx, LX_POWER_NAME) && (tw(S, i + 1, "lines") ||
	    tw(S, i + 1, "line") || tw(S, i + 1, "poles") ||
	    tw(S, i + 1, "pole") || tw(S, i + 1, "pylons") ||
	    tw(S, i + 1, "cables")))
		return 0;
	if (lx_in(lx, LX_POWER_NAME) && (!t->cap || lead))
		return U(UTIL_POWER);
	/* "an Island-wide Power failure", "Power cuts hit X": a headline's
	   capital before an outage noun in lower case names the supply
	   (and "Georgia Power outages" are of power all the same) (v-en3) */
	if (lx_in(lx, LX_POWER_NAME) && i + 1 < S->n && !S->t[i + 1].cap &&
	    (tin(S, i + 1, LX_OUTAGE_NOUN) || tin(S, i + 1, LX_BREAKDOWN)))
		return U(UTIL_POWER);
	if (lx_in(lx, LX_LIGHT) && tin(S, i - 1, LX_LIGHT_BEFORE))
		return U(UTIL_POWER);
	/* "Lights are back on in X", "Lights went out across Y": the
	   subject of a sentence or line (not "Lights out", a headline's
	   idiom) */
	if (lx_in(lx, LX_LIGHT) && WEQ(t->w, "lights") &&
	    (tw(S, i + 1, "are") || tw(S, i + 1, "were") ||
	    tw(S, i + 1, "went") || tw(S, i + 1, "came") ||
	    tw(S, i + 1, "have") || tw(S, i + 1, "had")) &&
	    (lead || memchr(S->text + S->t[i - 1].start + S->t[i - 1].len,
	    '\n', t->start - (S->t[i - 1].start + S->t[i - 1].len)) != NULL))
		return U(UTIL_POWER);
	/* "supplied with gas and thermal energy": heat */
	if (lx_in(lx, LX_ENERGY) && tw(S, i - 1, "thermal"))
		return U(UTIL_HEAT);
	if (lx_in(lx, LX_ENERGY) && tin(S, i + 1, LX_SUPPLY))
		return U(UTIL_POWER);
	if (lx_in(lx, LX_HEATING) && gas_for(S, i))
		return 0;
	/* "the gas they use to heat their homes": the verb, no supply */
	if (lx_in(lx, LX_HEAT) && WEQ(t->w, "heat") && tw(S, i - 1, "to") &&
	    (tw(S, i + 1, "their") || tw(S, i + 1, "the") ||
	    tw(S, i + 1, "homes") || tw(S, i + 1, "houses") ||
	    tw(S, i + 1, "water") || tw(S, i + 1, "them")))
		return 0;
	if (lx_in(lx, LX_HEATING) ||
	    (lx_in(lx, LX_HEAT) && !tin(S, i + 1, LX_WAVE)))
		return U(UTIL_HEAT);
	if (lx_in(lx, LX_HOT) && tin(S, i + 1, LX_WATER))
		return U(UTIL_HEAT);
	if (lx_in(lx, LX_WATER)) {
		if (tin(S, i - 1, LX_HOT))	/* "hot water": both words say
						   heat */
			return U(UTIL_HEAT);
		if (tin(S, i - 1, LX_NOT_WATER_BEFORE) ||
		    tin(S, i + 1, LX_NOT_WATER) || (tin(S, i - 1, LX_OF) &&
		    tin(S, i - 2, LX_WATER_AMOUNT)))
			return 0;
		return U(UTIL_WATER);
	}
	if (lx_in(lx, LX_GAS) && (!t->cap || lead) &&
	    !tin(S, i + 1, LX_NOT_GAS))
		return U(UTIL_GAS);
	/* "Columbia Gas said ... service restored": a gas company's name
	   (not "Pacific Gas and Electric", a power company too) */
	if (lx_in(lx, LX_GAS) && t->cap && !lead && S->t[i - 1].cap &&
	    !tw(S, i + 1, "and") && !tp(S, i + 1, '&') &&
	    !tin(S, i + 1, LX_NOT_GAS))
		return U(UTIL_GAS);
	/* "45,000 customers in Mobile": "Mobile" after a place
	   preposition names the city, not the network ("Minister of
	   Communications" is the network's) */
	if (lx_in(lx, LX_TELECOM) && t->cap && !lead &&
	    WEQ(t->w, "mobile") &&
	    (tw(S, i - 1, "in") || tw(S, i - 1, "of") ||
	    tw(S, i - 1, "near") || tw(S, i - 1, "across") ||
	    tw(S, i - 1, "around") || tw(S, i - 1, "outside")))
		return 0;
	/* "used generators to charge phones": the handsets, not the
	   network */
	if (lx_in(lx, LX_TELECOM) && (WEQ(t->w, "phones") ||
	    WEQ(t->w, "phone") || WEQ(t->w, "cellphones")) &&
	    (tw(S, i - 1, "charge") || tw(S, i - 1, "charging") ||
	    tw(S, i - 1, "charged") || tw(S, i - 1, "their") ||
	    tw(S, i - 1, "his") || tw(S, i - 1, "her")))
		return 0;
	if (lx_in(lx, LX_TELECOM) && job_office(S, i, lead))
		return 0;
	if (lx_in(lx, LX_TELECOM))
		return U(UTIL_TELECOM);
	/* "without data services", "data users" ("mobile data service"
	   is the network's by "mobile") */
	if (lx_in(lx, LX_CELL) && WEQ(t->w, "data"))
		return tw(S, i + 1, "services") || tw(S, i + 1, "users") ?
		    U(UTIL_TELECOM) : 0;
	/* "cell service", "cell users", "cell phones" (not a prison
	   cell) */
	if (lx_in(lx, LX_CELL) && (tin(S, i + 1, LX_SERVICE) ||
	    tw(S, i + 1, "users") || tw(S, i + 1, "customers") ||
	    tw(S, i + 1, "phone") || tw(S, i + 1, "phones") ||
	    tw(S, i + 1, "network") || tw(S, i + 1, "networks") ||
	    tw(S, i + 1, "coverage") || tw(S, i + 1, "signal")))
		return U(UTIL_TELECOM);
	/* "there was still no coverage", "no mobile signal": the network's
	   (not "news coverage", "a signal box") */
	if (lx_in(lx, LX_COVERAGE) && tw(S, i - 1, "no"))
		return U(UTIL_TELECOM);
	return 0;
}

/* Words that end the reach of a status cue over utility words. */
static int
window_stop(const struct tok *t)
{

	if (t->punct)
		return t->w[0] != ',' && t->w[0] != '"' && t->w[0] != '\'' &&
		    t->w[0] != '-';
	return lx_in(t->lx, LX_WINDOW_STOP);
}

/* "power has since been restored": "since" after "has" is an adverb,
   no conjunction that ends the reach */
static int
adverb_since(const struct sentence *S, size_t k)
{
	return k > 0 && tw(S, k, "since") && tin(S, k - 1, LX_HAVE);
}

/* "and", "or", ",": a word that goes on a list */
static int
listing(const struct sentence *S, size_t k)
{
	return tw(S, k, "and") || tw(S, k, "or") || tp(S, k, ',');
}

/* Is token k a word of a place phrase after its subject's noun: a
   capitalised name word (not the sentence's first word) or an "in" or
   "across" right before one? */
static int
place_word(const struct sentence *S, size_t k)
{
	size_t n = k + 1;

	if (k > 0 && S->t[k].cap && S->t[k].util == 0)
		return 1;
	/* "the Kharkiv region": its kind, after a name */
	if (k > 1 && S->t[k - 1].cap && S->t[k - 1].util == 0 &&
	    place_kind_word(S, k))
		return 1;
	if (tw(S, n, "the"))
		n++;
	return (tw(S, k, "in") || tw(S, k, "across") || tw(S, k, "the")) &&
	    n < S->n && S->t[n].cap && S->t[n].util == 0;
}

/* Utilities within reach of token i: ahead (fwd) and behind (back). */
int
utilities_near(const struct sentence *S, size_t i, size_t fwd, size_t back)
{
	size_t k, seen;
	int u = 0;

	for (k = i + 1, seen = 0; k < S->n && seen < fwd; k++) {
		if (window_stop(&S->t[k]) && !adverb_since(S, k))
			break;
		/* "N without electricity and 328,000 without water": the
		   next count has its own utility */
		if (k > i + 1 && is_digit((unsigned char)S->t[k].w[0]) &&
		    (tw(S, k - 1, "and") || tp(S, k - 1, ',')))
			break;
		u |= S->t[k].util;
		seen += !S->t[k].punct;
	}
	/* "no electricity, water and internet services": so does one at
	   the window's far edge */
	if (seen == fwd) {
		size_t j = k;

		while (j > i + 1 && listing(S, j - 1))
			j--;
		if (j > i + 1 && S->t[j - 1].util != 0)
			for (; k < S->n && (listing(S, k) ||
			    S->t[k].util != 0); k++)
				u |= S->t[k].util;
	}
	for (k = i, seen = 0; k > 0 && seen < back; k--) {
		if (window_stop(&S->t[k - 1]) && !adverb_since(S, k - 1))
			break;
		u |= S->t[k - 1].util;
		/* "Mobile service in Kharkiv Oblast was unavailable": a
		   place's name, and its "in", take no room in the window */
		seen += !S->t[k - 1].punct && !place_word(S, k - 1);
	}
	/* "Heating and water were also cut": a utility at the window's
	   edge brings the ones listed with it */
	while (seen == back && k > 0 && k < i) {
		if (k >= 2 && S->t[k].util != 0 && listing(S, k - 1) &&
		    S->t[k - 2].util != 0)
			k -= 2;
		else if (listing(S, k) && S->t[k - 1].util != 0)
			k--;
		else
			break;
		u |= S->t[k].util;
	}
	return u;
}

/*
 * [story-fallback] "The cities affected by this outage include A, B and
 * C." as a passage's first outage sentence: a story cue (reported-in,
 * concentration, definite-reference) takes its utility from what the
 * story told before; with nothing told before, it takes the utilities
 * its own sentence names ("... the electricity companies said"), and a
 * blackout with none named is of electricity.  tok is the cue's word;
 * 0 when no utility can be had.
 */
int
story_fallback(const struct sentence *S, size_t tok)
{
	int u = clause_utils(S, -1);

	if (u != 0)
		return u;
	/* "a water main break left ...": the main's supply */
	if ((u = main_utility(S)) != 0)
		return u;
	/* a blackout is of electricity; a bare "outage" may be of
	   anything ("Outages were reported in Microsoft Teams") */
	if (s_has(S, LX_BLACKOUT))
		return U(UTIL_POWER);
	(void)tok;
	return 0;
}
