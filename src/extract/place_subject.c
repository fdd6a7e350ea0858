/* SPDX-License-Identifier: MIT */
/*
 * place_subject.c - a place the gazetteer does not know that opens a
 * sentence, or its main clause after a short opener, as the subject of
 * a loss [opening-subject] ("Houston lost power", "According to the
 * utility, Lawrence County still has ...", "Wayne is next with 16,302"),
 * and the company words that are no such place.
 */
#include <string.h>

#include "extract_int.h"

/* Is token j the kind of a named place ("Cooktown township", "Hopevale
   community", "Kharkiv region")? */
int
town_kind(const struct sentence *S, size_t j)
{
	return place_kind_word(S, j) || tw(S, j, "township") ||
	    tw(S, j, "village") || tw(S, j, "town") || tw(S, j, "city") ||
	    tw(S, j, "community") || tw(S, j, "suburb") ||
	    tw(S, j, "borough") || tw(S, j, "municipality");
}

/* Is token j a company word, possessive or not ("Power", "Power's": "in
   Appalachian Power's coverage area" names a company, no place)? */
int
org_at(const struct sentence *S, size_t j)
{
	char w[WORD_MAX];
	size_t l;

	/* "Kings Regional Municipality", "Regional District of ...":
	   a kind of place, no organisation */
	if (tin(S, j, LX_ORG))
		return !(tw(S, j, "regional") && (tw(S, j + 1, "municipality") ||
		    tw(S, j + 1, "district")));
	if (!possessive_name(S, j) || (l = strlen(S->t[j].w)) < 3 ||
	    l - 2 >= sizeof(w))
		return 0;
	memcpy(w, S->t[j].w, l - 2);
	w[l - 2] = '\0';
	return lex_has(w, LX_ORG);
}

/*
 * The first token of the main clause after a short opener and its comma
 * ("According to the utility, ...", "On Monday, ...", "By 8 a.m.,
 * ..."), where its subject stands; 0 when the sentence has none.
 */
size_t
main_start(const struct sentence *S)
{
	size_t k;

	/* a short opener's first word (lexicon.c's LX_OPENER) */
	if (S->n < 4 || S->t[0].punct || !tin(S, 0, LX_OPENER) ||
	    (tw(S, 0, "according") && !tw(S, 1, "to")))
		return 0;
	for (k = 1; k < S->n && k < 10; k++)
		if (tp(S, k, ','))
			return k + 1 < S->n ? k + 1 : 0;
	return 0;
}

/* The rest of [opening-subject] for the name [s, j): its kind, people or
   a verb of a loss after it; the token after the name (and its kind), or
   0. */
static size_t
subject_loss(const struct sentence *S, size_t s, size_t j)
{
	size_t v;

	/* "Cooktown township has 27 customers off supply": its kind */
	if (j + 2 < S->n && !S->t[j].cap && town_kind(S, j)) {
		j++;
		/* "The Hopevale community and surrounds has ..." */
		if (tw(S, j, "and") && tw(S, j + 1, "surrounds") &&
		    j + 3 < S->n)
			j += 2;
	}
	/* "Sydney residents": people, not one word before an account
	   noun ("Vodafone customers") */
	if (tok_unit(&S->t[j]) != NULL && *tok_unit(&S->t[j]) != '\0' &&
	    !tw(S, j, "outages"))
		return j > s + 1 || !(tw(S, j, "customers") ||
		    tw(S, j, "subscribers")) ? j : 0;
	v = j + tw(S, j, "still");
	if (v + 1 >= S->n)
		return 0;
	if (tw(S, v, "lost") || tw(S, v, "suffered") ||
	    tw(S, v, "experienced"))
		return S->t[v + 1].util != 0 || tw(S, v + 1, "a") ||
		    tin(S, v + 1, LX_BLACKOUT) || tin(S, v + 1, LX_OUTAGES) ?
		    j : 0;
	/* "Wayne is next with 16,302", "Boone follows with 9,100": the
	   next of a ranking */
	if (((tw(S, v, "is") || tw(S, v, "was") || tw(S, v, "comes") ||
	    tw(S, v, "came")) && tw(S, v + 1, "next") &&
	    tw(S, v + 2, "with")) || ((tw(S, v, "follows") ||
	    tw(S, v, "followed")) && tw(S, v + 1, "with")))
		return j;
	if (tw(S, v, "was") || tw(S, v, "were") || tw(S, v, "is") ||
	    tw(S, v, "remains") || tw(S, v, "remained"))
		return tw(S, v + 1, "left") || tw(S, v + 1, "plunged") ||
		    tw(S, v + 1, "without") || tw(S, v + 1, "blacked") ||
		    tw(S, v + 1, "hardest") || tw(S, v + 1, "worst") ||
		    (tw(S, v + 1, "the") && v + 2 < S->n &&
		    (tw(S, v + 2, "hardest") || tw(S, v + 2, "worst") ||
		    tw(S, v + 2, "worst-hit"))) ? j : 0;
	if (tw(S, v, "has") || tw(S, v, "had") || tw(S, v, "have"))
		return (tw(S, v + 1, "been") && tw(S, v + 2, "without")) ||
		    is_digit((unsigned char)S->t[v + 1].w[0]) ||
		    tw(S, v + 1, "about") || tw(S, v + 1, "more") ||
		    tw(S, v + 1, "nearly") || tw(S, v + 1, "over") ||
		    /* "Cabell still has the most customers in the dark" */
		    (tw(S, v + 1, "the") && tw(S, v + 2, "most")) ||
		    (tw(S, v + 1, "no") && v + 2 < S->n &&
		    S->t[v + 2].util != 0) ? j : 0;
	return 0;
}

/*
 * [opening-subject] "Houston lost power", "Toronto was left without
 * power", "Bristol still has 12,000 customers without power", "Sydney
 * residents ...": a name the gazetteer does not know, opening the
 * sentence as the subject of a loss, is a place (most cities are in no
 * region pack).  Not a company's name (an operator, a company word) nor
 * a word the lexicon knows.  Returns the token after the name, 0: none.
 */
size_t
opening_subject(const struct sentence *S, size_t s)
{
	size_t j, k, v, e;

	/* (the word at s's own tests, extract_int.h: its unit and lists
	   are the loop's below for k = s, asked first) */
	if (!subject_may_open(S, s))
		return 0;
	j = name_words_end(S, s);
	if (j == s || j > s + 3 || j + 1 >= S->n)
		return 0;
	for (k = s; k < j; k++) {
		/* "Residents were left without heat": a counted noun */
		if (S->t[k].unit != 0)
			return 0;
		for (v = 0; v < LX_WORDS; v++)
			if (S->t[k].util != 0 || S->t[k].lx[v] != 0)
				return 0;
	}
	/* "FRUSTRATED residents ...": a lead-in in capitals, not a
	   name (an acronym of up to three letters may be: "NSW") */
	if (S->t[s].len > 3 && is_upper((unsigned char)S->text[S->t[s].start +
	    1]))
		return 0;
	/* Speed only (the same output): a company's name is asked last,
	   of a name a loss follows (most names have none) */
	if ((e = subject_loss(S, s, j)) == 0 || org_at(S, j) ||
	    operator_len(S->text, S->t[s].start, S->start + S->len) > 0 ||
	    acronym_company(S, s, j))
		return 0;
	return e;
}
