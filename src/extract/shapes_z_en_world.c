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
