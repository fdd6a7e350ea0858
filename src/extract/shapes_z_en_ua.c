/* SPDX-License-Identifier: MIT */
/*
 * shapes_z_en_ua.c - shapes of English war-damage reporting (helper
 * z-en-ua, issue 10): a count-less restoration that names no place after
 * a list of places told out [list-restored].
 */
#include <string.h>

#include "buf.h"
#include "extract_int.h"

/*
 * [list-restored] "Drones knocked out power in A, B and C.  Electricity
 * was gradually restored.": the restoration names no place, so it took
 * the place the story named last (C); it is said of the whole list the
 * sentence before told out, count-less, for its utility (G3).  The
 * sentence's reports start at `first`; np is how many places it named.
 */
void
list_restored(struct context *C, size_t first, size_t np)
{
	struct extract_report *n;
	size_t j, last, k, add = 0, from;

	if (np != 0 || first == 0 || C->nr != first + 1)
		return;
	n = &C->r[first];
	if (n->status != RS_RESTORED || n->count_text[0] != '\0' ||
	    n->mention[0] == '\0')
		return;
	last = C->r[first - 1].sentence_start;
	for (from = first; from > 0 &&
	    C->r[from - 1].sentence_start == last; from--)
		;
	/* the list: two or more count-less outages of n's utility, the
	   last of them at n's place */
	for (j = from; j < first; j++) {
		if (C->r[j].utility != n->utility)
			continue;
		if (C->r[j].status != RS_OUTAGE || C->r[j].count_text[0] != '\0')
			return;
		add++;
	}
	k = first - 1;
	if (add < 2 || C->r[k].utility != n->utility ||
	    strcmp(C->r[k].mention, n->mention) != 0)
		return;
	for (j = from; j < k; j++) {
		if (C->r[j].utility != n->utility)
			continue;
		ARRAY_GROW(C->r, C->nr, C->cap, 16);
		n = &C->r[first];
		C->r[C->nr] = *n;
		C->r[C->nr].region = C->r[j].region;
		memcpy(C->r[C->nr].region_name, C->r[j].region_name,
		    sizeof(C->r[C->nr].region_name));
		memcpy(C->r[C->nr].mention, C->r[j].mention,
		    sizeof(C->r[C->nr].mention));
		C->nr++;
	}
}
