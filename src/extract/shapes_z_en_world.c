/* SPDX-License-Identifier: MIT */
/*
 * shapes_z_en_world.c - shapes of national outage reports in wire copy
 * (grid collapses, island-wide blackouts, utility percentages): a share
 * said beside the count it restates, a share of a customer base, supply
 * regained, and restoration that has only begun.
 */
#include <stdlib.h>

#include "extract_int.h"

/* "Sydney's north-west", "Havana's eastern districts": a compass word
   after a possessive name makes an area of it. */
int
possessive_area(const struct sentence *S, size_t k)
{
	const char *w;

	if (k >= S->n || S->t[k].punct)
		return 0;
	w = S->t[k].w;
	return tin(S, k, LX_COMPASS) || strncmp(w, "north", 5) == 0 ||
	    strncmp(w, "south", 5) == 0 || strncmp(w, "east", 4) == 0 ||
	    strncmp(w, "west", 4) == 0;
}

/* A plural kind of place ("cities", "towns", "provinces") at token k. */
static int
kind_plural(const struct sentence *S, size_t k)
{
	static const char *const kinds[] = {
		"cities", "towns", "provinces", "municipalities", "villages",
		"districts", "counties", "suburbs", "neighbourhoods",
		"neighborhoods"
	};

	return k < S->n && !S->t[k].cap && TW_ANY(S, k, kinds);
}

/*
 * "returned to mega cities Karachi and Lahore", "in big cities like
 * Karachi and Lahore", "towns such as Split and Zadar": a plural kind of
 * place right before capitalised names says they are places, which the
 * gazetteer may not know [unknown-place].  The kind itself follows a
 * place preposition or a status word within two words.
 */
int
kind_list_before(const struct sentence *S, size_t i)
{
	size_t k = i, j, l = strlen(S->t[i].w);
	char c = S->t[i].w[0];

	/* "of four districts - Raigad, Palghar, Thane and Pune": a dash
	   after a plural kind opens its list (v-en2) */
	if (c == '-' && S->t[i].punct && i > 0 && kind_plural(S, i - 1))
		return 1;
	/* cheap first: the word is a kind (a plural) or "like",
	   "including", "as" (a token's word may be empty) */
	if (S->t[i].punct || l == 0 || (c != 'l' && c != 'i' && c != 'a' &&
	    S->t[i].w[l - 1] != 's'))
		return 0;
	if (tw(S, i, "like") || tw(S, i, "including"))
		k = i - (i > 0);
	else if (tw(S, i, "as") && i > 1 && tw(S, i - 1, "such"))
		k = i - 2;
	/* "in areas like A, B and C", "communities such as A" (v-en2):
	   only with "like" or "such as" ("in areas Monday" names none) */
	if (k < i && k > 0 && (tw(S, k, "areas") || tw(S, k, "communities")))
		return 1;
	if (!kind_plural(S, k) || k == 0)
		return 0;
	/* "hit cities such as A and B": "like" or "such as" after the
	   kind is enough (w-en [intro-list]) */
	if (k < i)
		return 1;
	for (j = k; word_back(j, k, 3); j--)
		if (tw(S, j - 1, "to") || tw(S, j - 1, "in") ||
		    tw(S, j - 1, "across") || tw(S, j - 1, "throughout") ||
		    tw(S, j - 1, "including") || tin(S, j - 1, LX_WITHOUT))
			return 1;
	return 0;
}

/*
 * "Split, Zadar and many Croatian islands were ...", "A, B and other
 * towns have been ...": a list of names may end with a vague phrase of
 * its own (at most four words, no punctuation) before its verb; *end is
 * set to the verb [opening-list].
 */
int
list_tail(const struct sentence *S, size_t j, size_t *end)
{
	static const char *const opens[] = {
		"many", "other", "several", "some", "dozens", "nearby",
		"surrounding"
	};
	size_t k;

	if (!TW_ANY(S, j, opens))
		return 0;
	for (k = j + 1; k < S->n && k < j + 5 && !S->t[k].punct; k++)
		if (tw(S, k, "are") || tw(S, k, "were") ||
		    tw(S, k, "have") || tw(S, k, "had")) {
			*end = k;
			return 1;
		}
	return 0;
}

/* "has", "have", "had", "also" before an outage's verb ("The outage has
   also hit X"): the tokens to pass over. */
size_t
whole_verb_skip(const struct sentence *S, size_t j)
{
	size_t k = j;

	if (tw(S, k, "has") || tw(S, k, "have") || tw(S, k, "had"))
		k++;
	if (tw(S, k, "also"))
		k++;
	return k - j;
}

/*
 * "all of X", "the whole of X", "the entire X", "most of X", "much of X":
 * a determiner of the whole before a place after an outage's verb
 * [reported-in].  Returns the tokens it takes (0: none).
 */
size_t
whole_det(const struct sentence *S, size_t j)
{
	size_t k = j;

	if (tw(S, k, "nearly") || tw(S, k, "almost"))
		k++;
	if ((tw(S, k, "all") || tw(S, k, "most") || tw(S, k, "much")) &&
	    tw(S, k + 1, "of"))
		return k + 2 - j;
	if (tw(S, k, "the") && tw(S, k + 1, "whole") && tw(S, k + 2, "of"))
		return k + 3 - j;
	if (tw(S, k, "the") && tw(S, k + 1, "entire"))
		return k + 2 - j;
	return 0;
}

/* "Cuba's", "Puerto Rico's": a capitalised word ending in a possessive
   at token k (the tokenizer keeps "'s" on the word). */
int
possessive_name(const struct sentence *S, size_t k)
{
	size_t l;

	if (k >= S->n || !S->t[k].cap || S->t[k].punct)
		return 0;
	l = S->t[k].len;
	return l > 2 && S->text[S->t[k].start + l - 1] == 's' &&
	    S->text[S->t[k].start + l - 2] == '\'';
}
