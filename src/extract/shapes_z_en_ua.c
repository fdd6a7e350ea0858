/* SPDX-License-Identifier: MIT */
/*
 * shapes_z_en_ua.c - shapes of English war-damage reporting (helper
 * z-en-ua, issue 10): a count-less restoration that names no place after
 * a list of places told out [list-restored].
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "extract_int.h"

/*
 * [list-restored] "Drones knocked out power in A, B and C.  Electricity
 * was gradually restored.": the restoration names no place, so it took
 * the place the story named last (C), or none when the list's places
 * were too far apart to leave one; it is said of the whole list the
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
	if (n->status != RS_RESTORED || n->count_text[0] != '\0')
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
	if (add < 2 || C->r[k].utility != n->utility)
		return;
	/* "... in River Nile, Red Sea and Khartoum states.  Electricity
	   was gradually restored.": places of three regions apart left
	   the next sentence none to take [inheritance]; the list's last
	   is its place as well */
	if (n->mention[0] == '\0' && n->region == NULL) {
		n->region = C->r[k].region;
		memcpy(n->region_name, C->r[k].region_name,
		    sizeof(n->region_name));
		memcpy(n->mention, C->r[k].mention, sizeof(n->mention));
	}
	if (strcmp(C->r[k].mention, n->mention) != 0)
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

/* Does report r name place p (its region, or the same words)? */
int
names_place(const struct context *C, const struct extract_report *r,
    const struct place *p)
{
	return (p->m->region != NULL && r->region == p->m->region) ||
	    (r->mention[0] != '\0' && strlen(r->mention) == p->m->len &&
	    strncmp(r->mention, C->text + p->m->start, p->m->len) == 0);
}

/*
 * The places listed with p[j] (listed_with(); np at most 32) are where
 * report k holds too: each a report of its own, without the count (the
 * count is the whole's).  With fill, the first of them becomes report
 * k's own place instead (k had none).
 */
void
list_share_report(struct context *C, const struct sentence *S,
    const struct place *p, size_t np, size_t j, size_t k, int fill)
{
	struct extract_report r = C->r[k];
	unsigned char in[32];
	size_t l;

	r.affected = -1;
	r.percent = 0;
	r.unit[0] = '\0';
	r.count_text[0] = '\0';
	r.approximate = 0;
	(void)listed_with(S, p, np, j, NULL, in);
	for (l = j; l < np; l++) {
		if (!in[l])
			continue;
		if (fill) {
			place_from(C, &p[l], &C->r[k]);
			fill = 0;
			continue;
		}
		place_from(C, &p[l], &r);
		ARRAY_GROW(C->r, C->nr, C->cap, 16);
		C->r[C->nr++] = r;
	}
}

/*
 * [including] "left part of the Kherson region without power, including
 * the city of Kherson", "Shelling cut power across Kharkiv region,
 * including Kupiansk": a place after ", including" is told as the report
 * before it in the sentence (the sentence's reports start at `first`),
 * count-less, when no report has it yet.
 */
void
including_places(struct context *C, const struct sentence *S,
    size_t first, const struct place *p, size_t np)
{
	size_t j, k, t, at, nr = C->nr;
	const char *hit;

	if (np > 32)
		return;
	for (j = 0; j < np && nr > first; j++) {
		if ((t = p[j].tok) < 3)
			continue;
		if (tw(S, t - 1, "the"))
			t--;
		if (!tw(S, t - 1, "including") || !tp(S, t - 2, ','))
			continue;
		at = S->t[t - 2].start;
		for (k = first; k < nr; k++)
			if (names_place(C, &C->r[k], &p[j]))
				break;
		if (k < nr)
			continue;
		/* the last report whose place is named before "including" */
		for (k = nr; k-- > first;) {
			if (C->r[k].status == RS_RESTORED ||
			    C->r[k].mention[0] == '\0')
				continue;
			hit = strstr(C->text + S->start, C->r[k].mention);
			if (hit != NULL && (size_t)(hit - C->text) < at)
				break;
		}
		if (k == SIZE_MAX || k < first)
			continue;
		/* "including Kupiansk and Izium" */
		list_share_report(C, S, p, np, j, k, 0);
		return;
	}
}
