/* SPDX-License-Identifier: MIT */
/*
 * count_places.c - which of a sentence's places a count or a cue takes
 * (asked by report_places.c, reports.c, counts.c, places.c and
 * extract.c): not a place of the main clause for a cue of a fronted time
 * clause [fronted-clause], nor a place inside a relative clause that
 * tells a utility's customer base [base-clause]; the place right before
 * a count in brackets [bracket-count] or before an elliptical count's
 * "with" in a ranking [elliptical-count]; the place named before "in" a
 * larger area [specific-place]; the one place of a roundup's paragraph
 * [inheritance]; and no place that only names a speaker's office
 * [speaker-office].
 */
#include <string.h>

#include "extract_int.h"

/*
 * "Until power was restored on Sunday, cities like A and B went dark":
 * a cue of a fronted time clause (the sentence opens with "until",
 * "after", "before", "once", "when", "since" and the clause ends at its
 * first comma) does not take a place of the main clause when the main
 * clause has a cue of its own: the places are that cue's, and the time
 * clause's fact is the story's [fronted-clause].  Cue k of c[nc] at
 * place p: 1 when the place is not the cue's.
 */
int
fronted_other(const struct sentence *S, const struct cue *c, size_t nc,
    size_t k, const struct place *p)
{
	static const char *const subs[] = {
		"until", "after", "before", "once", "when", "since"
	};
	size_t i, e, j;

	/* cheap first: the sentence's first word, and a place after the
	   cue */
	i = S->n > 0 && tp(S, 0, '"');
	if (p->tok <= c[k].tok || !TW_ANY(S, i, subs))
		return 0;
	for (e = i + 1; e < S->n && e < i + 25 && !tp(S, e, ','); e++)
		if (S->t[e].punct && !tp(S, e, '-'))
			return 0;
	if (e >= S->n || !tp(S, e, ',') || c[k].tok > e || p->tok < e)
		return 0;
	for (j = 0; j < nc; j++)
		if (c[j].tok > e && c[j].strong && !c[j].off &&
		    c[j].util != 0 && c[j].tok < S->n &&
		    S->t[c[j].tok].clause == S->t[p->tok].clause)
			return 1;
	return 0;
}

/*
 * "SSEN, which distributes power to 3.7 million homes in central
 * southern England and the north of Scotland, said 3,100 people are
 * still off supply": a place inside a relative clause that tells a
 * utility's customer base is where the utility serves, not where a
 * count outside the clause is (a share of the base, "210,000 of them",
 * still is) [base-clause].  Is place p in such a clause that count q is
 * not in?
 */
int
base_clause_place(const struct sentence *S, const struct place *p,
    const struct quant *q)
{
	static const char *const serves[] = {
		"serves", "served", "supplies", "supplied", "distributes",
		"powers", "provides", "covers"
	};
	size_t i, a = SIZE_MAX, e;

	/* cheap first: ", which serves" before the place */
	for (i = p->tok; i-- > 1 && i + 40 > p->tok;) {
		if (tp(S, i, ';') || tp(S, i, '.'))
			return 0;
		if (tp(S, i - 1, ',') && (tw(S, i, "which") ||
		    tw(S, i, "that")) && i + 1 < S->n &&
		    TW_ANY(S, i + 1, serves)) {
			a = i;
			break;
		}
	}
	if (a == SIZE_MAX || q->ref)
		return 0;
	for (e = a + 1; e < S->n && !tp(S, e, ',') && !tp(S, e, ';'); e++)
		;
	if (p->tok >= e)
		return 0;
	/* the count is outside the clause, and no share of its base */
	return (q->t0 >= e || q->t1 <= a) && !(q->t1 + 1 < S->n &&
	    tw(S, q->t1, "of") && (tw(S, q->t1 + 1, "them") ||
	    tw(S, q->t1 + 1, "those")));
}

/*
 * [bracket-count] "concentrated in Taichung (237,000), Kaohsiung
 * (150,000) and Yunlin (103,000)", "Cork (12,000 customers)": a count in
 * brackets right after a place's name is that place's, not the next
 * one's, even after "concentrated in" (whose places are otherwise the
 * story's, [concentration]).  t0 is the count's first token; the place's
 * index, or -1.
 */
int
bracket_place(const struct sentence *S, const struct place *p, size_t np,
    size_t t0)
{
	size_t k;

	if (t0 < 2 || !tp(S, t0 - 1, '('))
		return -1;
	for (k = 0; k < np; k++)
		if (p[k].tok_end == t0 - 1 ||
		    /* "and Leslie counties (390)": the list's kind between */
		    (p[k].tok_end == t0 - 2 && list_kind_plural(S, t0 - 2)))
			return (int)k;
	return -1;
}

/* "followed by Pinellas County with 280,000": the place right before
   the "with" of an elliptical count at t0 is its own; its index, or -1
   [elliptical-count]. */
int
with_place(const struct sentence *S, const struct place *p, size_t np,
    size_t t0)
{
	size_t k, a = t0;

	while (a > 0 && (tw(S, a - 1, "about") || tw(S, a - 1, "nearly") ||
	    tw(S, a - 1, "around") || tw(S, a - 1, "roughly") ||
	    tw(S, a - 1, "just") || tw(S, a - 1, "over") ||
	    tw(S, a - 1, "than") || tw(S, a - 1, "more")))
		a--;
	if (a < 2 || !tw(S, a - 1, "with"))
		return -1;
	/* "Dunmore County, with 6,200 customers out, Pell County, with
	   5,500": the name before its comma */
	if (tp(S, a - 2, ','))
		a--;
	for (k = 0; k < np; k++)
		if (p[k].tok_end + 1 == a && !p[k].story)
			return (int)k;
	return -1;
}

/* "followed by Scioto with 286 and Gallia with 272 customers": a
   ranking's "followed by" before token t0 in its sentence. */
int
ranking_before(const struct sentence *S, size_t t0)
{
	size_t k;

	for (k = 1; k < t0; k++)
		if (tw(S, k, "by") && tw(S, k - 1, "followed"))
			return 1;
	return 0;
}

/*
 * "Kilcunda and Krowera in the Bass Coast Shire remain without phone
 * service": the places of a count-less claim are the ones named before
 * "in (the)" a larger area (a name ending in Shire, County, Parish or
 * Region, or followed by a kind word), not that area [specific-place].
 * The place before the area, or -1.
 */
int
inner_place(const struct sentence *S, const struct place *p, size_t np,
    int pi)
{
	static const char *const kinds[] = { " Shire", " County", " Parish",
	    " Region", " Council" };
	size_t a, k, l;
	int big = 0;

	if (pi < 0 || (a = p[pi].tok) < 2)
		return -1;
	if (tw(S, a - 1, "the"))
		a--;
	if (a < 2 || !tw(S, a - 1, "in"))
		return -1;
	for (k = 0; k < NELEM(kinds) && !big; k++) {
		l = strlen(kinds[k]);
		big = p[pi].m->len > l && memcmp(S->text + p[pi].m->start +
		    p[pi].m->len - l, kinds[k], l) == 0;
	}
	big |= tin(S, p[pi].tok_end, LX_KIND);
	if (!big)
		return -1;
	for (k = 0; k < np; k++)
		if (p[k].tok_end + 1 == a && (int)k != pi && !p[k].story)
			return (int)k;
	return -1;
}

/*
 * "An overhead line was disconnected in Kharkiv Oblast, leaving 1,146
 * customers without power.  In total, 35,400 consumers remain without
 * power": a total in a story whose reports so far all name one place
 * (a roundup's paragraph) is that place's, not the whole story's
 * [inheritance].
 */
int
one_place_story(const struct context *C)
{
	size_t k;

	if (C->nr == 0 || C->r[0].region == NULL)
		return 0;
	for (k = 1; k < C->nr; k++)
		if (C->r[k].region != C->r[0].region)
			return 0;
	return 1;
}

/*
 * [speaker-office] "..., the head of the Zaporizhzhia regional military
 * administration, Ivan Fedorov, said 17,600 consumers ...": a place that
 * only names the speaker's office is not where the count is when the
 * story is already about a place inside it (the city of Zaporizhzhia):
 * the place is dropped, so the count inherits the story's.  Returns the
 * new number of places.
 */
size_t
office_places(struct context *C, const struct sentence *S,
    struct place *p, size_t np)
{
	size_t k, o, e;

	for (k = o = 0; k < np; k++) {
		e = p[k].tok_end;
		/* the story's place is looked up only for an office's name */
		if (p[k].m->region != NULL &&
		    ((tw(S, e, "regional") || tw(S, e, "city") ||
		    tw(S, e, "oblast")) && (tw(S, e + 1, "administration") ||
		    (tw(S, e + 1, "military") &&
		    tw(S, e + 2, "administration")))) &&
		    prev_region(C) != NULL &&
		    region_within(prev_region(C), p[k].m->region))
			continue;
		p[o++] = p[k];
	}
	return o;
}
