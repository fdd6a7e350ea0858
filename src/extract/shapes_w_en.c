/* SPDX-License-Identifier: MIT */
/*
 * shapes_w_en.c - generic English place shapes from a cause analysis of
 * real news passages (helper w-en, issue 10): places a report's sentence
 * names after a list's introducer ("including", "like", "such as")
 * [intro-list], and places said to be affected after an outage story
 * [affected-passive], and the earlier count of a falling figure
 * [fell-from], "parts of the X" [part-of-the], two compass words before
 * a name [compass-pair], "in X, where 85 were still out" [where-count], counts of
 * people supplied otherwise or of a target [not-out], and a count that goes on from the sentence before
 * [count-goes-on].
 */
#include <string.h>

#include "buf.h"
#include "extract_int.h"

/* A plural kind of place or area ("cities", "areas", "parts"). */
static int
kind_noun(const struct sentence *S, size_t k)
{
	static const char *const kinds[] = {
		"cities", "towns", "areas", "places", "provinces", "regions",
		"states", "municipalities", "villages", "districts",
		"counties", "suburbs", "neighbourhoods", "neighborhoods",
		"communities", "islands", "parts", "settlements"
	};

	return k < S->n && !S->t[k].cap && TW_ANY(S, k, kinds);
}

/*
 * The token where a list's introducer starts, when the place at token t
 * follows one; SIZE_MAX when none.  The shapes: "including (in) X",
 * "including much of X", "(big) cities like X", "areas such as X".  A
 * bare "like X" is a comparison (compared_place), so "like" and "such
 * as" need a kind of place before them.
 */
static size_t
intro_at(const struct sentence *S, size_t t)
{
	if (t >= 1 && tw(S, t - 1, "the"))
		t--;
	/* "including much of X", "including parts of X" */
	if (t >= 3 && tw(S, t - 1, "of") && (tw(S, t - 2, "much") ||
	    tw(S, t - 2, "parts") || tw(S, t - 2, "most") ||
	    tw(S, t - 2, "some")))
		t -= 2;
	if (t >= 1 && tw(S, t - 1, "in"))
		t--;
	if (t >= 1 && tw(S, t - 1, "including"))
		return t - 1;
	if (t >= 2 && tw(S, t - 1, "like") && kind_noun(S, t - 2))
		return t - 1;
	if (t >= 3 && tw(S, t - 1, "as") && tw(S, t - 2, "such") &&
	    kind_noun(S, t - 3))
		return t - 2;
	return SIZE_MAX;
}

/*
 * [intro-list] "A power cut across X affected most of the country,
 * including in big cities like A and B", "power returned to parts of X
 * including A and B", "N homes, including much of A, were without power":
 * the listed places are where the sentence's report holds too, each a
 * report of its own without the count (the count is the whole's).  A
 * report with no place of its own ("The blackout hit towns such as A and
 * B") takes the first listed place.  The report is the sentence's last
 * one made before the introducer.  Runs after including_places(), which
 * reads ", including X" after a named place; places already reported in
 * the sentence are passed over.
 */
void
intro_list_places(struct context *C, const struct sentence *S,
    size_t first, const struct place *p, size_t np)
{
	size_t j, k, at, nr = C->nr, intro;
	const char *hit;
	int fill;

	if (np == 0 || np > 32 || nr == first)
		return;
	for (j = 0; j < np; j++) {
		/* cheap first: the word before the place (or its "the") */
		if (p[j].tok < 2 || p[j].story)
			continue;
		if ((intro = intro_at(S, p[j].tok)) == SIZE_MAX)
			continue;
		for (k = first; k < C->nr; k++)
			if (names_place(C, &C->r[k], &p[j]))
				break;
		if (k < C->nr)
			continue;
		at = S->t[intro].start;
		/* the last report whose place (or, placeless, whose count)
		   is named before the introducer */
		for (k = nr; k-- > first;) {
			hit = C->r[k].mention[0] != '\0' ?
			    strstr(C->text + S->start, C->r[k].mention) :
			    NULL;
			/* an inherited place: the report's count */
			if ((hit == NULL || (size_t)(hit - C->text) >=
			    S->start + S->len) && C->r[k].count_text[0] != '\0')
				hit = strstr(C->text + S->start,
				    C->r[k].count_text);
			else if (hit == NULL || (size_t)(hit - C->text) >=
			    S->start + S->len)
				hit = C->text + S->start;
			if (hit != NULL && (size_t)(hit - C->text) < at)
				break;
		}
		if (k == SIZE_MAX || k < first)
			continue;
		/* a report with no place takes the list after a kind
		   ("towns such as A") */
		fill = C->r[k].region == NULL && C->r[k].mention[0] == '\0' &&
		    !tw(S, intro, "including");
		list_share_report(C, S, p, np, j, k, fill);
		return;
	}
}
