/* SPDX-License-Identifier: MIT */
/*
 * report_places.c - the place a count's report gets: its own,
 * a list's, or the one an elliptical count inherits; and a report's place
 * written (place_from(), place_fallback()): its region and its mention as
 * said, from a place of its sentence, a demonym or the story.
 */
#include <assert.h>
#include <strings.h>

#include "extract_int.h"

/*
 * Mark in[] the place p[pi] and every place listed with it (np <= 32);
 * taken[] (or NULL) are places other counts claim.  A list needs "and",
 * "or" or "as well as": "Austin, Texas" is one place.
 */
size_t
listed_with(const struct sentence *S, const struct place *p, size_t np,
    size_t pi, const unsigned char *taken, unsigned char *in)
{
	size_t i, j, n = 1, lo = p[pi].tok, hi = p[pi].tok_end;
	int grew, conj = 0;

	assert(np <= 32 && pi < np);
	memset(in, 0, np);
	in[pi] = 1;
	for (grew = 1; grew;) {
		grew = 0;
		for (j = 0; j < np; j++)
			for (i = 0; !in[j] && i < np; i++)
				if (in[i] && (taken == NULL || !taken[j]) &&
				    /* "across A, and B was dark": two
				       clauses, no list */
				    p[i].clause == p[j].clause &&
				    coordinated(S, &p[i], &p[j])) {
					in[j] = 1;
					grew = 1;
					n++;
					lo = p[j].tok < lo ? p[j].tok : lo;
					hi = p[j].tok_end > hi ?
					    p[j].tok_end : hi;
				}
	}
	/* "A, B and other states": the conjunction may follow the last */
	for (i = lo; i <= hi; i++)
		conj |= tw(S, i, "and") || tw(S, i, "or") || tw(S, i, "well");
	/* "Internet outage hits Gilgit, Skardu": a headline's list ends
	   its line; "supply to Landhi, Korangi, Malir was suspended": three
	   or more names and commas alone, then the clause's verb */
	if (n > 1 && !conj && (line_ends(S, hi) || (n > 2 &&
	    tin(S, hi, LX_AUX)))) {
		/* ... but "Austin, Texas" is a place and where it lies:
		   every name unknown, or none within another */
		conj = 1;
		for (i = 0; i < np; i++)
			for (j = 0; j < np; j++)
				if (in[i] && in[j] && i != j &&
				    ((p[i].m->region == NULL) !=
				    (p[j].m->region == NULL) ||
				    (p[i].m->region != NULL &&
				    region_within(p[i].m->region,
				    p[j].m->region))))
					conj = 0;
	}
	if (n > 1 && !conj) {
		memset(in, 0, np);
		in[pi] = 1;
		n = 1;
	}
	return n;
}

/* Does S open with "In X," for a place X ("In Chesterfield, 857
   properties in Brimington were affected": X holds the count's own
   place) [specific-place]? */
static int
opens_in_place(const struct sentence *S, const struct place *p, size_t np)
{
	size_t k;

	for (k = 0; k < np; k++)
		if (opening_in(S, &p[k]))
			return 1;
	return 0;
}

/* Is place p named for comparison: "unlike X", "like X", "than X",
   "compared with X"? */
static int
compared_place(const struct sentence *S, const struct place *p)
{
	size_t a = p->tok;

	if (a > 0 && tw(S, a - 1, "the"))
		a--;
	return a > 0 && (tw(S, a - 1, "unlike") || tw(S, a - 1, "like") ||
	    tw(S, a - 1, "than") || (a > 1 && (tw(S, a - 1, "with") ||
	    tw(S, a - 1, "to")) && tw(S, a - 2, "compared")));
}

/* The place a count belongs to, before lists are considered; -1 none. */
int
count_place(const struct sentence *S, const struct place *p, size_t np,
    const struct quant *q)
{
	int pi = place_after_in(S, p, np, q->t1);
	size_t k, at = q->t1 + 1 + tw(S, q->t1 + 1, "the");

	/* "118,000 of them on X and 64,000 in the Laurentides": a name the
	   gazetteer does not know, right after an elliptical count's "in",
	   is still its place */
	for (k = 0; pi < 0 && (q->bare || opens_in_place(S, p, np)) &&
	    (tw(S, q->t1, "in") || tw(S, q->t1, "throughout")) && k < np; k++)
		if (p[k].tok == at && !p[k].story)
			pi = (int)k;
	/* "Lower Mainland: 2,800 customers" [label-line] */
	if (pi < 0)
		pi = label_line_place(S, p, np, q->t0);
	/* "followed by Pinellas County with 280,000"; "Dunmore County,
	   with 6,200 customers out" (a named count too, after a comma) */
	if (pi < 0 && (q->bare || (q->t0 >= 2 && tw(S, q->t0 - 1, "with") &&
	    (tp(S, q->t0 - 2, ',') || ranking_before(S, q->t0)))))
		pi = with_place(S, p, np, q->t0);
	if (pi < 0)
		pi = nearest_place(S, p, np, q->t0, q->t1,
		    S->t[q->t0].clause, 1);
	/* a label is its own line's place, not a total's [label-line] */
	if (pi >= 0 && tp(S, p[pi].tok_end, ':') &&
	    label_of_other(S, &p[pi], q->t0))
		pi = -1;
	/* "Unlike Puerto Rico, which lost power entirely, the US Virgin
	   Islands saw only 8,000 customers affected": a place named for
	   comparison is not where a count in another clause is */
	if (pi >= 0 && p[pi].clause != S->t[q->t0].clause &&
	    compared_place(S, &p[pi]))
		pi = -1;
	return pi;
}

/* Does ", including" (", including in", ", including the") come right
   before place p? */
static int
included_after(const struct sentence *S, const struct place *p)
{
	size_t t = p->tok;

	if (t > 0 && tw(S, t - 1, "the"))
		t--;
	if (t > 0 && tw(S, t - 1, "in"))
		t--;
	return t >= 2 && tw(S, t - 1, "including") && tp(S, t - 2, ',');
}

/* Do the story's reports so far all name one place, as said?  Unlike
   one_place_story() (count_places.c), a place the gazetteer does not
   know counts too ("Over 2,000 people in Shetland ..."). */
static int
one_mention_story(const struct context *C)
{
	size_t k;

	if (C->nr == 0 || C->r[0].mention[0] == '\0')
		return 0;
	for (k = 1; k < C->nr; k++)
		if (C->r[k].region != C->r[0].region ||
		    strcmp(C->r[k].mention, C->r[0].mention) != 0)
			return 0;
	return 1;
}

/* Does S open with an operator's name and its "said" ("Northern
   Powergrid said on Sunday ...")? */
static int
operator_says(const struct sentence *S)
{
	size_t n, k;

	if (S->n < 3 || (n = operator_len(S->text, S->t[0].start,
	    S->start + S->len)) == 0)
		return 0;
	for (k = 1; k < S->n && S->t[k].start < S->t[0].start + n; k++)
		;
	return tw(S, k, "said") || tw(S, k, "says") ||
	    tw(S, k, "reported") || tw(S, k, "reports");
}

/* The most specific region holding both, or NULL. */
static const struct region *
common_region(const struct region *a, const struct region *b)
{
	for (; a != NULL; a = a->parent)
		if (b != NULL && region_within(b, a))
			return a;
	return NULL;
}

/*
 * A count for places listed together ("1.4 million homes across England
 * and Wales") is one report for the joint phrase [place-list]; its region
 * is the smallest one holding them all, if the gazetteer knows every one.
 */
static void
joint_place(struct context *C, const struct place *p, size_t np,
    const unsigned char *in, struct extract_report *r)
{
	const struct region *reg = NULL;
	size_t k, a = SIZE_MAX, b = 0, n;
	int first = 1, unknown = 0;
	char m[EXTRACT_MENTION_MAX];

	for (k = 0; k < np; k++) {
		if (!in[k])
			continue;
		if (p[k].m->start < a)
			a = p[k].m->start;
		if (p[k].m->start + p[k].m->len > b)
			b = p[k].m->start + p[k].m->len;
		if (p[k].m->region == NULL) {
			unknown = 1;
			continue;
		}
		if (first)
			reg = p[k].m->region;
		else
			reg = common_region(reg, p[k].m->region);
		first = 0;
	}
	/* "the Carolinas, Georgia, Florida": the names the gazetteer
	   knows place the list; all unknown, it has no region */
	if (first && unknown)
		reg = NULL;
	/* "Thane, Raigad, Palghar and other districts of Maharashtra": the
	   place the list's "other ... of" names holds them all */
	for (k = 0; k < np; k++) {
		size_t t = tok_at(C->cur, b);

		if (p[k].m->region == NULL || p[k].tok < t + 3 ||
		    p[k].tok > t + 5 || !tw(C->cur, t, "and") ||
		    !tw(C->cur, t + 1, "other") ||
		    !tw(C->cur, p[k].tok - 1 - tw(C->cur, p[k].tok - 1,
		    "the"), "of"))
			continue;
		reg = p[k].m->region;
		b = p[k].m->start + p[k].m->len;
		break;
	}
	n = b - a < sizeof(m) - 1 ? b - a : sizeof(m) - 1;
	memcpy(m, C->text + a, n);
	m[n] = '\0';
	set_place(r, reg, m);
}

/*
 * "about 1.2 million customers across A and B, and by evening roughly
 * 780,000 remained in the dark": an elliptical count [elliptical-count]
 * with no place of its own, between the count before it and the next, is
 * about the same place as that count.  Returns that count's index, or -1.
 */
static int
bare_inherits(const struct sentence *S, const struct place *p, size_t np,
    const struct quant *q, size_t nq, size_t k)
{
	size_t j, i, hi, nx, best, members = 1, g;
	int pj;

	if (!q[k].bare)
		return -1;
	for (j = k; j-- > 0;)
		if (!q[j].excluded)
			break;
	if (j == SIZE_MAX || q[j].bare)
		return -1;
	hi = q[j].t1;
	if ((pj = count_place(S, p, np, &q[j])) >= 0 && p[pj].tok_end > hi)
		hi = p[pj].tok_end;
	/* the rest of that count's list ("A and B", "A, B and C") */
	for (;;) {
		for (i = 0, best = SIZE_MAX; i < np; i++)
			if (p[i].tok >= hi && p[i].tok < q[k].t0 &&
			    (best == SIZE_MAX || p[i].tok < p[best].tok))
				best = i;
		/* "New York had 96,000 outages and Maine 33,000": the
		   count's place came before it, so a name after it and
		   "and" is the next count's subject, not more of its
		   list [gapped-count] */
		if (best == SIZE_MAX || pj < 0 || p[pj].tok < q[j].t0)
			break;
		g = p[best].tok - hi;
		if (!((g == 1 && (tw(S, hi, "and") || tw(S, hi, "or") ||
		    tp(S, hi, ','))) || (g == 2 && members >= 2 &&
		    tp(S, hi, ',') && (tw(S, hi + 1, "and") ||
		    tw(S, hi + 1, "or")))))
			return -1;	/* "..., and Maryland reported 98,004" */
		hi = p[best].tok_end;
		members++;
	}
	nx = k + 1 < nq ? q[k + 1].t0 : S->n;
	for (i = 0; i < np; i++) {
		if (p[i].tok >= hi && p[i].tok < q[k].t0)
			return -1;	/* "followed by Ohio at 198,214" */
		if (p[i].tok >= q[k].t1 && p[i].tok < nx &&
		    p[i].clause == S->t[q[k].t0].clause)
			return -1;	/* "20,000 in Scotland" */
	}
	return (int)j;
}

/*
 * "About 160 residents of the complex in the Bronx and 210 residents of a
 * building in Brooklyn", "33,000 households in X, with 16,000 homes still
 * waiting to be reconnected in Y": a place between an earlier count and
 * count k is the earlier count's; count k takes the known place after it
 * in its clause (within twelve words, before the next count) when there
 * is one [count-place].  pi is the place count_place() found.
 */
static int
place_past_count(const struct sentence *S, const struct place *p, size_t np,
    const struct quant *q, size_t nq, size_t k, int pi)
{
	size_t j, i, limit = S->n;
	int best = -1, before = 0;

	if (pi < 0 || p[pi].tok >= q[k].t0)
		return pi;
	/* "followed by Ohio at 198,214": the place right before it is its */
	if (q[k].t0 - p[pi].tok_end <= 1 && !tw(S, p[pi].tok_end, "and") &&
	    !tp(S, p[pi].tok_end, ','))
		return pi;
	for (j = 0; j < k; j++)
		before |= !q[j].excluded && q[j].t1 <= p[pi].tok;
	if (!before)
		return pi;
	for (j = k + 1; j < nq; j++)
		if (!q[j].excluded) {
			limit = q[j].t0;
			break;
		}
	for (i = 0; i < np; i++)
		if (p[i].tok >= q[k].t1 && p[i].tok < limit &&
		    p[i].tok <= q[k].t1 + 12 && (p[i].m->region != NULL ||
		    tw(S, p[i].tok - 1, "in")) &&
		    p[i].clause == S->t[q[k].t0].clause &&
		    (best < 0 || p[i].tok < p[best].tok))
			best = (int)i;
	return best >= 0 ? best : pi;
}

/*
 * "Duke Energy reported 300,000 customers without power, and statewide
 * 1.1 million in North Carolina ...": a count a company reports as its
 * subject is the company's own total, and a place named only after it
 * is another count's [org-total].
 */
static int
org_subject(const struct sentence *S, const struct quant *q)
{
	size_t t = q->t0;

	if (t < 2 || !(tw(S, t - 1, "reported") || tw(S, t - 1, "counted") ||
	    tw(S, t - 1, "recorded") || tw(S, t - 1, "reports") ||
	    tw(S, t - 1, "counts") || tw(S, t - 1, "listed")))
		return 0;
	return S->t[t - 2].cap && (tin(S, t - 2, LX_ORG) ||
	    tw(S, t - 2, "energy") || tw(S, t - 2, "electric") ||
	    tw(S, t - 2, "power") || tw(S, t - 2, "light") ||
	    tw(S, t - 2, "utilities"));
}

/*
 * "The cyclone had affected a total of 1.65 crore people", "of the
 * total 25,01,131 affected consumers, power has been restored to
 * 23,36,584": a total, and the counts of a sentence that names no place
 * beside it, are the whole story's, not the last place's [inheritance].
 */
static int
total_count(const struct sentence *S, const struct quant *q, size_t nq)
{
	size_t j, k;

	for (j = 0; j < nq; j++)
		for (k = q[j].t0 > 3 ? q[j].t0 - 3 : 0; k < q[j].t0; k++)
			if (!q[j].excluded && (tw(S, k, "total") ||
			    tw(S, k, "overall") || tw(S, k, "altogether")))
				return 1;
	return 0;
}

/*
 * "180,000 homes in Brittany, including 65,000 in Finistère. The figure
 * has dropped to 142,000": an elliptical count in a sentence naming no
 * place is the head count's of the last sentence with counts (its first,
 * larger than the shares after it and than this count), not its last
 * share's [inheritance].  Returns that report's index, or -1.
 */
static int
head_count(const struct context *C, int64_t v)
{
	size_t k, head = SIZE_MAX, last;

	if (C->nr == 0)
		return -1;
	last = C->r[C->nr - 1].sentence_start;
	for (k = C->nr; k-- > 0 && C->r[k].sentence_start == last;)
		if (C->r[k].affected > 0)
			head = k;
	if (head == SIZE_MAX || C->r[head].affected <= v)
		return -1;
	for (k = head + 1; k < C->nr; k++)
		if (C->r[k].affected >= C->r[head].affected)
			return -1;
	return head + 1 < C->nr && C->r[C->nr - 1].affected > 0 ?
	    (int)head : -1;
}

/*
 * count_place() of count j, asked once a sentence: known[j] keeps it, -2
 * until then (speed only: count_place() reads nothing but S, p and the
 * count, which do not change while counted_reports() reads the sentence,
 * so its answer is the one it would give again).
 */
static int
known_place(const struct sentence *S, const struct place *p, size_t np,
    const struct quant *q, size_t j, int *known)
{
	if (known[j] == -2)
		known[j] = count_place(S, p, np, &q[j]);
	return known[j];
}

/*
 * The place of count k [count-place]: its own, a list's, or the context's.
 * known: count_place() of each count, as known_place() keeps it.
 */
void
count_place_report(struct context *C, const struct sentence *S,
    const struct place *p, size_t np, const struct quant *q, size_t nq,
    size_t k, int *known, struct extract_report *r)
{
	unsigned char in[32], taken[32];
	size_t j, k0;
	int pi, o;

	k0 = k;
	/* "Taichung (237,000), Kaohsiung (150,000)" [bracket-count] */
	if ((o = bracket_place(S, p, np, q[k].t0)) >= 0) {
		place_from(C, &p[o], r);
		return;
	}
	/* "followed by Pinellas County with 280,000": that county's
	   [elliptical-count] (z-en-us) */
	if (q[k].bare && (o = with_place(S, p, np, q[k].t0)) >= 0) {
		place_from(C, &p[o], r);
		return;
	}
	if ((o = bare_inherits(S, p, np, q, nq, k)) >= 0 &&
	    label_line_place(S, p, np, q[k].t0) < 0)
		k = (size_t)o;
	pi = place_past_count(S, p, np, q, nq, k,
	    known_place(S, p, np, q, k, known));
	/* a place of a customer base's relative clause [base-clause]
	   (count_places.c) */
	if (pi >= 0 && base_clause_place(S, &p[pi], &q[k0]))
		pi = -1;
	/* "heating has been restored for around 270,000, including in
	   Kryvyi Rih": a place after ", including" is a part of the
	   count's group, not its place ([including] tells it apart) */
	if (pi >= 0 && p[pi].tok > q[k0].t1 && included_after(S, &p[pi]))
		pi = -1;
	/* "lost power when storms hit Sydney" [storm-place] */
	if (pi < 0 && np > 0 && !q[k].ref && !q[k].bare)
		pi = storm_place(S, p, np, &q[k]);
	if (pi >= 0 && p[pi].tok >= q[k].t1 &&
	    place_after_in(S, p, np, q[k].t1) < 0 && org_subject(S, &q[k])) {
		set_place(r, NULL, "");
		return;
	}
	/* "out of 440,000 cut off nationwide": the country the sentence
	   names, or holds its places */
	for (j = q[k0].t1; j < S->n && j <= q[k0].t1 + 3; j++)
		if (tw(S, j, "nationwide") || tw(S, j, "countrywide") ||
		    tw(S, j, "nation-wide")) {
			for (o = 0; o < (int)np; o++) {
				const struct region *c = p[o].m->region;

				while (c != NULL && c->parent != NULL)
					c = c->parent;
				if (c != NULL) {
					set_place(r, c, c->name);
					return;
				}
			}
			/* "41,000 customers nationwide were without power" in a
			   sentence that names no place: the country's whole,
			   not the last place's (as [org-total]'s "said") */
			if (np == 0) {
				set_place(r, NULL, "");
				return;
			}
		}
	/* "had reconnected 38,000 of them, and hospitals in X were on
	   generators": a share of the group told before is that group's,
	   not of a place a later clause names [share] */
	if (pi >= 0 && (q[k0].ref || (q[k0].bare && q[k0].t1 >= 2 &&
	    tw(S, q[k0].t1 - 2, "of") && (tw(S, q[k0].t1 - 1, "them") ||
	    tw(S, q[k0].t1 - 1, "those")))) &&
	    (p[pi].clause > S->t[q[k0].t0].clause ||
	    (p[pi].tok >= q[k0].t1 && tp(S, q[k0].t1, ','))))
		pi = -1;
	/* "restored to about 60 per cent of consumers, including most of
	   Colombo": a place inside another count phrase is that one's */
	for (j = 0; pi >= 0 && j < nq; j++)
		if (j != k0 && j != k && !q[j].excluded &&
		    p[pi].tok >= q[j].t0 && p[pi].tok < q[j].t1 &&
		    q[j].t0 > 0 && tw(S, q[j].t0 - 1, "including") &&
		    !(p[pi].tok >= q[k0].t0 && p[pi].tok < q[k0].t1))
			pi = -1;
	/* "327,000 customers, 118,000 of them on the island of X and
	   64,000 in Y": a place nearer a later share is the share's */
	for (j = k + 1; pi >= 0 && j < nq; j++)
		if (!q[j].excluded && !(j == k + 1 && q[k].whole_next) &&
		    (q[j].ref || q[j].bare ||
		    /* "4,691 customers, including 1,600 in X": the
		       part's place (z-en-us) */
		    included_count(S, q[j].t0)) &&
		    known_place(S, p, np, q, j, known) == pi &&
		    /* "60,000 homes in Wales, and 25,000 of them were
		       reconnected": a place before the share is the
		       group's */
		    p[pi].tok >= q[j].t1 &&
		    tok_dist(q[j].t0, q[j].t1, p[pi].tok, p[pi].tok_end) <
		    tok_dist(q[k].t0, q[k].t1, p[pi].tok, p[pi].tok_end))
			pi = -1;
	/* places other counts of the sentence claim stay theirs (speed
	   only: asked after the tests above, and only where the count has
	   a place and another place may be claimed) */
	memset(taken, 0, sizeof(taken));
	for (j = 0; pi >= 0 && np > 1 && j < nq; j++)
		if (j != k && !q[j].excluded &&
		    bare_inherits(S, p, np, q, nq, j) < 0 &&
		    /* the place it takes past an earlier count's ("in A and
		       B and more than 6,400 without power in C": C, not B,
		       is the later count's) (z-en-us) */
		    (o = place_past_count(S, p, np, q, nq, j,
		    known_place(S, p, np, q, j, known))) >= 0 && o != pi)
			taken[o] = 1;
	if (pi >= 0 && listed_with(S, p, np, (size_t)pi, taken, in) > 1)
		joint_place(C, p, np, in, r);
	else if (pi >= 0) {
		place_from(C, &p[pi], r);
		/* "In Tshwane, a fire left 8 000 households in Mamelodi
		   East without power": a place the gazetteer does not know
		   lies in the one the sentence opens with [specific-place] */
		for (j = 0; r->region == NULL && j < np; j++)
			if (opening_in(S, &p[j]) && (int)j != pi &&
			    p[j].m->region != NULL)
				set_place(r, p[j].m->region, r->mention);
	}
	else if (np == 0 && total_count(S, q, nq) && !one_place_story(C))
		set_place(r, NULL, "");
	else if (np == 0 && q[k0].bare && q[k0].value > 0 &&
	    (o = head_count(C, q[k0].value)) >= 0)
		set_place(r, C->r[o].region, C->r[o].mention);
	else if (np == 0 && C->nr > 0 && !one_mention_story(C) &&
	    operator_says(S))
		/* "Electricity North West said 105,000 people were
		   off-supply" after figures for several places: the
		   utility's own total, of no one place (G9) [org-total] */
		set_place(r, NULL, "");
	else
		/* a utility's total too ("SA Power Networks said 163,000 of
		   its customers lost power") is of the place the story is
		   about [org-total] */
		place_fallback(C, q[k].noun, r);
}

/* Are places a and b different names? */
static int
other_name(const struct sentence *S, const struct place *a,
    const struct place *b)
{
	return a->m->region == NULL || a->m->region != b->m->region ||
	    a->m->len != b->m->len || memcmp(S->text + a->m->start,
	    S->text + b->m->start, a->m->len) != 0;
}

/*
 * Does cue token ct speak of a place other than p[pi], the place of the
 * count q?  So it does when its clause (not the count's) names another
 * place, or when in the count's clause another place lies nearer to it
 * than the count ("Residents of A endure load shedding as the company
 * struggles with its debts, and parts of B face similar cuts").
 */
int
other_place(const struct sentence *S, const struct place *p, size_t np,
    int pi, size_t ct, const struct quant *q)
{
	int cl = S->t[ct].clause, pk;
	size_t k;

	if (cl == S->t[q->t0].clause) {
		if (pi < 0 || (pk = nearest_place(S, p, np, ct, ct + 1, cl,
		    0)) < 0 || pk == pi || p[pk].clause != cl ||
		    !other_name(S, &p[pk], &p[pi]))
			return 0;
		return tok_dist(ct, ct + 1, p[pk].tok, p[pk].tok_end) <
		    tok_dist(ct, ct + 1, q->t0, q->t1);
	}
	for (k = 0; k < np; k++)
		if (p[k].clause == cl && (int)k != pi && (pi < 0 ||
		    other_name(S, &p[k], &p[pi])))
			return 1;
	return 0;
}

/* ---- a report's place, written ------------------------------------- */

void
set_place(struct extract_report *r, const struct region *reg,
    const char *mention)
{
	r->region = reg;
	str_copy(r->region_name, reg != NULL ? reg->name : "",
	    sizeof(r->region_name));
	str_copy(r->mention, mention, sizeof(r->mention));
}

/* A direction word: "central", "Northern", "south-east" (speed only: the
   first letters of dirs[] asked first, a word added must keep to them) */
static int
direction(const struct sentence *S, size_t i)
{
	static const char *const dirs[] = { "north", "south", "east", "west",
	    "northern", "southern", "eastern", "western", "central",
	    "northeast", "northwest", "southeast", "southwest",
	    "north-east", "north-west", "south-east", "south-west",
	    "northeastern", "northwestern", "southeastern",
	    "southwestern", "north-eastern", "north-western",
	    "south-eastern", "south-western" };
	char c = i < S->n ? S->t[i].w[0] : '\0';

	if (i >= S->n || S->t[i].punct)
		return 0;
	if (c != 'n' && c != 's' && c != 'e' && c != 'w' && c != 'c' &&
	    !extract_eager())
		return 0;
	return TW_ANY(S, i, dirs);
}

/*
 * "central and eastern Ontario", "Northern California": the direction
 * words right before a name are part of what the report is about (the
 * mention only: the region stays the name's), so that a count-less
 * statement about part of a place is not folded into the whole place's
 * count [compass-part].
 */
static void
compass_mention(const struct context *C, const struct place *p, char *m,
    size_t size)
{
	const struct sentence *S = C->cur;
	size_t a = p->tok, start, n;

	if (a == 0 || a > S->n || !direction(S, a - 1) ||
	    S->t[a - 1].start + S->t[a - 1].len + 1 < p->m->start)
		return;
	a--;
	/* "central and eastern", "north and west" */
	if (a >= 2 && (tw(S, a - 1, "and") || tw(S, a - 1, "or")) &&
	    direction(S, a - 2))
		a -= 2;
	start = S->t[a].start;
	n = strlen(m);
	if (p->m->start - start + n >= size)
		return;
	{
		char was[EXTRACT_MENTION_MAX];

		/* a copy, not memmove: the shift is within m, and GCC's
		   fortified memmove became a memcpy that valgrind flags */
		if (n + 1 > sizeof(was))
			return;
		memcpy(was, m, n + 1);
		memcpy(m, C->text + start, p->m->start - start);
		memcpy(m + (p->m->start - start), was, n + 1);
	}
}

/*
 * "71" of "Sectors 62, 71 and 120" is "Sector 71": the list's kind, in
 * the singular, before a bare number [numbered-place].
 */
static void
numbered_mention(const struct sentence *S, const struct place *p, char *m,
    size_t size)
{
	size_t k = p->tok, n = strlen(m), kl;

	if (!is_digit((unsigned char)m[0]))
		return;
	while (k > 0 && (tp(S, k - 1, ',') || tw(S, k - 1, "and") ||
	    (!S->t[k - 1].punct && is_digit((unsigned char)S->t[k - 1].w[0]))))
		k--;
	if (k == 0 || numbered_kind(S, k - 1) != 2)
		return;
	kl = S->t[k - 1].len - 1;	/* "Sectors" less its "s" */
	if (kl + 1 + n >= size)
		return;
	memmove(m + kl + 1, m, n + 1);
	memcpy(m, S->text + S->t[k - 1].start, kl);
	m[kl] = ' ';
}

void
place_from(struct context *C, const struct place *p,
    struct extract_report *r)
{
	char m[EXTRACT_MENTION_MAX];
	size_t n = p->m->len < sizeof(m) - 1 ? p->m->len : sizeof(m) - 1;
	static const char *const area_kinds[] = { "district", "districts",
	    "regions", "oblasts", "raion", "county", "region", "oblast" };
	const struct region *kind;

	if (demonym_capital(C, p, r))
		return;
	memcpy(m, C->text + p->m->start, n);
	m[n] = '\0';
	/* "Odesa district": the kind of area said after the name */
	if (p->tok_end < C->cur->n && C->cur->t[p->tok_end].start -
	    (p->m->start + p->m->len) <= 1 &&
	    TW_ANY(C->cur, p->tok_end, area_kinds) &&
	    strncasecmp(m + n - (n < 6 ? n : 6), "region", 6) != 0 &&
	    strncasecmp(m + n - (n < 6 ? n : 6), "oblast", 6) != 0) {
		const struct tok *t = &C->cur->t[p->tok_end];

		n = t->start + t->len - p->m->start;
		/* "Rylsky and Korenevsky districts": each is a district
		   (G9's light normalisation) */
		if (t->len > 1 && (C->text[t->start + t->len - 1] | 0x20) ==
		    's')
			n--;
		if (n > sizeof(m) - 1)
			n = sizeof(m) - 1;
		memcpy(m, C->text + p->m->start, n);
		m[n] = '\0';
	}
	/* "Havana's" unknown: no possessive ("Sydney's north-west" keeps) */
	if (p->m->region == NULL && n > 2 && m[n - 1] == 's' &&
	    m[n - 2] == '\'' && !possessive_area(C->cur, p->tok_end))
		m[n - 2] = '\0';
	compass_mention(C, p, m, sizeof(m));
	possessive_part(C, p, m, sizeof(m));
	numbered_mention(C->cur, p, m, sizeof(m));
	if ((kind = listed_kind(C, p, m, sizeof(m))) != NULL) {
		set_place(r, kind, m);
		return;
	}
	/* "Lebanese homes", "Nigerian households": the country
	   [demonym-country] */
	if (p->m->region == NULL && strchr(m, ' ') == NULL) {
		const struct region *c;

		/* the token's word, lowercase already */
		if ((c = demonym_country(C->g, C->cur->t[p->tok].w)) != NULL) {
			set_place(r, c, m);
			return;
		}
	}
	set_place(r, p->m->region, m);
	/* "Water supply in Darnytskyi district has been partly restored",
	   a sentence after one about Kyiv: a district the gazetteer does
	   not know lies in the place the story is about [specific-place] */
	if (p->m->region == NULL && p->tok_end < C->cur->n &&
	    (names_before_part(C->cur, p->tok) ||
	    tw(C->cur, p->tok_end, "neighbourhood") ||
	    tw(C->cur, p->tok_end, "neighborhood")) &&
	    /* last: it may settle the pending sentences (extract.c),
	       which most places of a sentence's own never need */
	    prev_region(C) != NULL && prev_region(C)->depth > 0)
		set_place(r, prev_region(C), m);
	/* "58,000 in the southeast": a part of the place the story is
	   about, a country too [compass-area] */
	if (p->m->region == NULL && p->tok_end == p->tok + 1 &&
	    p->tok >= 2 && tw(C->cur, p->tok - 1, "the") &&
	    !C->cur->t[p->tok].cap && compass_word(C->text + p->m->start,
	    p->m->len) && prev_region(C) != NULL)
		set_place(r, prev_region(C), m);
	/* "Washington County": no part of the state (z-en-us) */
	if (state_county(C->cur, p))
		set_place(r, NULL, m);
}


/* The place a demonym names ("Texans", "Kyivans", "Cubans"), or NULL. */
static const struct region *
demonym_place(const struct context *C, const char *noun)
{
	const struct region *reg;
	const char *pl;
	char err[64], one[32];
	size_t k;

	if ((pl = demonym_noun(noun)) != NULL &&	/* demonyms.c */
	    gaz_resolve(C->g, pl, &reg, err, sizeof(err)) == OD_OK)
		return reg;
	/* "11.1 million Cubans": the country [demonym-country] */
	if ((k = strlen(noun)) > 3 && k < sizeof(one) && noun[k - 1] == 's') {
		memcpy(one, noun, k - 1);
		one[k - 1] = '\0';
		return demonym_country(C->g, one);
	}
	return NULL;
}

/* Region for a report with no place in its sentence: its count's
   demonym, else a demonym in the sentence ("Zimbabweans are experiencing
   power cuts"), else the context [inheritance]. */
void
place_fallback(struct context *C, const char *noun, struct extract_report *r)
{
	const struct sentence *S = C->cur;
	const struct region *reg;
	size_t k;

	if (noun != NULL && (reg = demonym_place(C, noun)) != NULL) {
		set_place(r, reg, "");
		return;
	}
	for (k = 0; noun == NULL && S != NULL && k < S->n; k++)
		if (S->t[k].cap && S->t[k].unit != 0 &&
		    (reg = demonym_place(C, S->t[k].w)) != NULL) {
			set_place(r, reg, "");
			return;
		}
	/* "a total blackout across all Cypriot territory": the
	   country [demonym-country] */
	for (k = 0; S != NULL && k + 1 < S->n; k++)
		if (S->t[k].cap && (tw(S, k + 1, "territory") ||
		    tw(S, k + 1, "territories") || tw(S, k + 1, "soil")) &&
		    (reg = demonym_country(C->g, S->t[k].w)) != NULL) {
			set_place(r, reg, "");
			return;
		}
	set_place(r, prev_region(C), prev_mention(C));
}

/*
 * A report placed in a region that the story says is not its own
 * (story.c): it keeps its mention (its confidence is a mention's:
 * confidence.c reads it once the story is read).
 */
void
region_dropped(struct extract_report *r)
{
	set_place(r, NULL, r->mention);
}
