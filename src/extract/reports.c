/* SPDX-License-Identifier: MIT */
/*
 * reports.c - reports from a sentence's cues, counts and places.
 */
#include <assert.h>
#include <strings.h>

#include "buf.h"
#include "extract_int.h"

/* ---- reports ----------------------------------------------------------- */

static void
emit(struct context *C, const struct extract_report *proto, int utils)
{
	int u;

	for (u = 0; u < UTIL_COUNT; u++) {
		if ((utils & U(u)) == 0)
			continue;
		ARRAY_GROW(C->r, C->nr, C->cap, 16);
		C->r[C->nr] = *proto;
		C->r[C->nr].utility = (enum utility)u;
		C->nr++;
	}
}

/* Does a relative pronoun stand between tokens a and b? */
static int
relative_after(const struct sentence *S, size_t a, size_t b)
{
	size_t i;

	for (i = a; i < b; i++)
		if (tw(S, i, "it") || tw(S, i, "that") || tw(S, i, "which") ||
		    tw(S, i, "who") || tw(S, i, "they") || tw(S, i, "we"))
			return 1;
	return 0;
}

/*
 * Has clause `clause` (not the sentence's first) a predicate of its own:
 * a finite auxiliary followed by a past participle ("were set up", "was
 * opened")?
 */
static int
own_predicate(const struct sentence *S, int clause)
{
	size_t i, l;

	if (clause == 0)
		return 0;
	for (i = 0; i + 1 < S->n; i++) {
		if (S->t[i].clause != clause || !tin(S, i, LX_AUX) ||
		    S->t[i + 1].clause != clause || S->t[i + 1].punct)
			continue;
		l = strlen(S->t[i + 1].w);
		if ((l > 3 && strcmp(S->t[i + 1].w + l - 2, "ed") == 0) ||
		    tw(S, i + 1, "set") || tw(S, i + 1, "sent") ||
		    tw(S, i + 1, "put"))
			return 1;
	}
	return 0;
}

/* "Of the 500,000 customers who lost power, ...": a fronted whole,
   whose relative clause tells its own state */
static int
fronted_whole(const struct sentence *S, const struct quant *q)
{
	return q->t0 >= 2 && tw(S, q->t0 - 1, "the") &&
	    tw(S, q->t0 - 2, "of") && (q->t0 == 2 || S->t[q->t0 - 3].punct);
}

static int
comma_between(const struct sentence *S, size_t a, size_t b)
{
	for (a++; a < b; a++)
		if (tp(S, a, ','))
			return 1;
	return 0;
}

/* Does "after" or "following" stand in tokens [a, b) (within twelve of
   a), at most five tokens before b ("... to B after over a four-hour
   blackout": b the blackout)? */
static int
after_between(const struct sentence *S, size_t a, size_t b)
{
	size_t k;

	for (k = a; k < b && k < a + 12; k++)
		if (tw(S, k, "after") || tw(S, k, "following"))
			return b - k <= 5;
	return 0;
}

/* Does "means that" (or "meaning that", "so that") stand between tokens
   a and b, a clause of its own for what follows? */
static int
that_between(const struct sentence *S, size_t a, size_t b)
{
	size_t k;

	for (k = a + 1; k < b; k++)
		if (tw(S, k, "that") && (tw(S, k - 1, "means") ||
		    tw(S, k - 1, "meant") || tw(S, k - 1, "meaning") ||
		    tw(S, k - 1, "so")))
			return 1;
	return 0;
}

/* The status cue for a count: same clause and nearest, its own noun last. */
static int
cue_for(const struct sentence *S, struct cue *c, size_t nc,
    const struct quant *q, const struct quant *whole)
{
	int pass, bi = -1, clause = S->t[q->t0].clause, story_ok = 0;
	/* ... and so is "concentrated in Cork (14,200), Kerry (9,600)",
	   a count in brackets after a name [bracket-count] */
	int bracket = (q->t0 > 1 && tp(S, q->t0 - 1, '(')) ||
	    /* and "The hardest hit areas are: • Mildura – 9,120
	       customers; ..." [label-line] */
	    label_item_count(S, q->t0);
	size_t k, d, best;

	/* "Найбільше — на Сумщині, близько 37 тисяч": in a Cyrillic
	   sentence with no cue but the story's, the count is the story's
	   [elliptical-count] (lang_uk2.c) */
	for (k = 0; (S->lang != 0 || bracket) && k < nc; k++)
		if (!c[k].off && !c[k].story)
			break;
	if ((S->lang != 0 || bracket) && k == nc)
		story_ok = 1;

	/* "the breakdown left many ... without water": the group's state
	   is what it was left in [definite-reference] */
	if (q->t0 > 0 && (tw(S, q->t0 - 1, "left") ||
	    tw(S, q->t0 - 1, "leaving") || tw(S, q->t0 - 1, "leaves")))
		for (k = 0; k < nc; k++)
			if (!c[k].off && c[k].tok >= q->t1 &&
			    (tw(S, c[k].tok, "without") ||
			    /* "left 10 million people in the dark" */
			    (tw(S, c[k].tok, "dark") && c[k].tok <= q->t1 + 3)) &&
			    S->t[c[k].tok].clause == clause)
				return (int)k;
	for (pass = 0; pass < 3 && bi < 0; pass++) {
		/* "..., and bottled water stations were set up for 3,500
		   residents": a clause with a predicate of its own and no
		   status cue does not borrow another clause's */
		if (pass == 2 && own_predicate(S, clause))
			break;
		best = SIZE_MAX;
		for (k = 0; k < nc; k++) {
			int inside = c[k].tok >= q->t0 && c[k].tok < q->t1;

			/* "61,200 out of 1,40,300 affected consumers have
			   got back power": the group's word is not the
			   share's cue [share] */
			if (whole != NULL && c[k].tok >= whole->t0 &&
			    c[k].tok <= whole->t1 &&
			    /* "41,000 of its 380,000 customers lost power":
			       a base's next word is the share's cue */
			    !(whole->excluded && c[k].tok == whole->t1))
				continue;
			/* "About 2,400 of the 3,100 homes in Dundee that lost
			   power have been reconnected": the relative clause
			   tells how the group got there, not the share */
			if (whole != NULL && c[k].tok > whole->t1 &&
			    c[k].tok <= whole->t1 + 6 &&
			    relative_after(S, whole->t1, c[k].tok))
				continue;
			/* "N customers are still waiting": the story's
			   supply, still out [still-waiting] */
			if (c[k].off || (c[k].story && (!story_ok ||
			    (c[k].story != CUE_STORY_STATUS &&
			    /* "The most affected regions remain Montreal
			       (3,365 customers) and Laval (1,999)" */
			    !(bracket && c[k].story == CUE_STORY_UTILITY)) ||
			    c[k].util == 0) && !(c[k].util != 0 &&
			    c[k].story == CUE_STORY_DEFINITE &&
			    tw(S, c[k].tok, "waiting")) &&
			    /* "They included, by council:\nX: 12,400"
			       [label-line] */
			    !(c[k].util != 0 && tin(S, c[k].tok, LX_INCLUDED))) ||
			    (pass == 0 && (inside ||
			    S->t[c[k].tok].clause != clause)) ||
			    (pass == 1 && S->t[c[k].tok].clause != clause))
				continue;
			d = tok_dist(q->t0, q->t1, c[k].tok, c[k].tok + 1);
			/* "N consumers it shut off": a relative clause says
			   how the group got there, the main verb what holds */
			if (c[k].tok >= q->t1 && c[k].tok <= q->t1 + 3 &&
			    relative_after(S, q->t1, c[k].tok) &&
			    !fronted_whole(S, q))
				d += 8;
			/* "Of the 500,000 who lost power, 420,000 have been
			   reconnected": that relative clause is the whole's */
			if (c[k].tok + 2 < q->t0 && c[k].tok >= 2 &&
			    (tw(S, c[k].tok - 1, "who") ||
			    tw(S, c[k].tok - 1, "that") ||
			    tw(S, c[k].tok - 2, "who") ||
			    tw(S, c[k].tok - 2, "that")) &&
			    comma_between(S, c[k].tok, q->t0))
				d += 8;
			/* "restored power to all 18,420 customers affected
			   by the storm": so is a participle after the noun */
			if (c[k].tok == q->t1 && tw(S, c[k].tok + 1, "by") &&
			    q->unit[0] != '\0' && (tw(S, c[k].tok, "affected") ||
			    tw(S, c[k].tok, "impacted")))
				d += 8;
			/* "restored supply to A, parts of B and C after a
			   four-hour blackout": the blackout after "after" is
			   what came before, not the count's state */
			if (c[k].tok > q->t1 && after_between(S, q->t1,
			    c[k].tok))
				d += 8;
			/* "The partial restoration of power means that some
			   38,000 homes remain without electricity": a noun
			   before "that" is the subject's, the count has the
			   that-clause's own cue */
			if (c[k].tok + 1 < q->t0 && that_between(S, c[k].tok,
			    q->t0))
				d += 8;
			if (d < best) {
				best = d;
				bi = (int)k;
			}
		}
	}
	return bi;
}

int
clause_utils(const struct sentence *S, int clause)
{
	size_t i;
	int u = 0;

	/* the whole sentence, its most asked case, in a loop of its own
	   (speed only: four tokens a step, the same OR) */
	if (clause < 0) {
		for (i = 0; i + 4 <= S->n; i += 4)
			u |= S->t[i].util | S->t[i + 1].util |
			    S->t[i + 2].util | S->t[i + 3].util;
		for (; i < S->n; i++)
			u |= S->t[i].util;
		return u;
	}
	for (i = 0; i < S->n; i++)
		if (S->t[i].clause == clause)
			u |= S->t[i].util;
	return u;
}

/* Has a token of clause a or b a utility of u (one pass, to the first)? */
static int
clauses_have(const struct sentence *S, int a, int b, int u)
{
	size_t i;

	for (i = 0; i < S->n; i++)
		if ((S->t[i].util & u) != 0 &&
		    (S->t[i].clause == a || S->t[i].clause == b))
			return 1;
	return 0;
}

static void
proto_init(struct extract_report *r, const struct sentence *S,
    size_t cue_tok)
{
	const struct tok *t;
	size_t n;

	assert(cue_tok < S->n);
	t = &S->t[cue_tok];
	n = t->len < sizeof(r->cue) - 1 ? t->len : sizeof(r->cue) - 1;
	memset(r, 0, sizeof(*r));
	r->affected = -1;
	r->sentence_start = S->start;
	r->sentence_len = S->len;
	memcpy(r->cue, S->text + t->start, n);	/* the words it matched */
}

static void
count_text(struct extract_report *r, const struct sentence *S,
    const struct quant *q)
{
	size_t a, b, n;

	assert(q->t0 < q->t1 && q->t1 <= S->n);	/* a phrase has a token */
	a = S->t[q->t0].start;
	b = S->t[q->t1 - 1].start + S->t[q->t1 - 1].len;
	n = b - a;
	if (n >= sizeof(r->count_text))
		n = sizeof(r->count_text) - 1;
	memcpy(r->count_text, S->text + a, n);
	r->count_text[n] = '\0';
}

static int
numeric_in_clause(const struct sentence *S, const struct quant *q, size_t nq,
    int clause)
{
	size_t k;

	for (k = 0; k < nq; k++)
		if (!q[k].excluded && q[k].value >= 0 &&
		    S->t[q[k].t0].clause == clause)
			return 1;
	return 0;
}

/* Is the word w among tokens (a, b)? */
static int
word_between(const struct sentence *S, size_t a, size_t b, const char *w)
{
	size_t i;

	for (i = a + 1; i < b; i++)
		if (tw(S, i, w))
			return 1;
	return 0;
}

/*
 * Is there a strong partial cue after token t1 that says a restoration
 * went part of the way ("partially restored", "partly resumed")?
 * [later-state]
 */
static int
partly_restored_after(const struct sentence *S, const struct cue *c,
    size_t nc, size_t t1)
{
	size_t k, i, a;
	int partly, back;

	for (k = 0; k < nc; k++) {
		if (c[k].off || !c[k].strong || c[k].status != RS_PARTIAL ||
		    c[k].tok < t1)
			continue;
		partly = back = 0;
		a = c[k].tok >= 2 ? c[k].tok - 2 : 0;
		for (i = a; i < S->n && i <= c[k].tok + 2; i++) {
			partly |= tw(S, i, "partially") || tw(S, i, "partly");
			back |= tin(S, i, LX_RESTORED);
		}
		if (partly && back)
			return 1;
	}
	return 0;
}

/*
 * "4,000 customers in Soweto remain without electricity, while supply
 * has been restored to Alexandra": a restoration with a place of its
 * own, one the count's clause does not name, is another group's, not
 * the count's later state [later-state].
 */
static int
other_target(const struct sentence *S, size_t ct, const struct quant *q)
{
	size_t i, j, a;

	for (i = ct + 1; i < S->n && i <= ct + 3; i++) {
		if (!tw(S, i, "to") && !tw(S, i, "in") && !tw(S, i, "across"))
			continue;
		a = i + 1 + tw(S, i + 1, "the");
		if (a >= S->n || !S->t[a].cap || S->t[a].punct)
			return 0;
		for (j = 0; j < S->n; j++)
			if (S->t[j].clause == S->t[q->t0].clause && j != a &&
			    S->t[j].cap && strcmp(S->t[j].w, S->t[a].w) == 0)
				return 0;
		return 1;
	}
	return 0;
}

/* Reports for the counts of a sentence [report]. */
void
counted_reports(struct context *C, struct sentence *S, struct cue *c,
    size_t nc, struct quant *q, size_t nq, const struct place *p, size_t np)
{
	struct extract_report r;
	unsigned char in[32];
	size_t k, j, live = 0;
	int person = 0, ci, utils, restored_later, pi, ustory, apiece;
	int known[MAX_QUANT];	/* count_place() of each count, -2 unasked */
	const char *unit;

	assert(nq <= MAX_QUANT);
	for (k = 0; k < nq; k++) {
		known[k] = -2;
		live += !q[k].excluded;
		person |= !q[k].excluded && q[k].unit[0] != '\0';
	}
	for (k = 0; k < nq; k++) {
		if (q[k].excluded || (q[k].placeish && person))
			continue;
		/* "53,098 consumers in the right-bank part of the city":
		   an area phrase beside a number only says where */
		if (q[k].value < 0 && q[k].unit[0] == '\0' && !q[k].ref &&
		    numeric_in_clause(S, q, nq, S->t[q[k].t0].clause))
			continue;
		/* "1.2 million homes or 17 percent of them" [share] */
		if (same_group_share(S, q, nq, k))
			continue;
		if ((ci = cue_for(S, c, nc, &q[k], k + 1 < nq &&
		    q[k].whole_next ? &q[k + 1] : NULL)) < 0)
			continue;
		/* "half of them" tells a change of state in its own
		   clause; it does not borrow the group's earlier state */
		if (q[k].ref && S->t[c[ci].tok].clause !=
		    S->t[q[k].t0].clause)
			continue;
		/* "is considering shutoffs for another 150,000": a count
		   in a hypothetical clause takes no other clause's cue */
		if (S->t[c[ci].tok].clause != S->t[q[k].t0].clause &&
		    clause_modal(S, S->t[q[k].t0].clause))
			continue;
		/* "in Lekki, Ajah and parts of Ikoyi": an area phrase that
		   ends a list leaves the list's other places to the cue */
		c[ci].used = !(q[k].value < 0 && q[k].unit[0] == '\0' &&
		    ((q[k].t0 >= 2 && (tw(S, q[k].t0 - 1, "and") ||
		    tp(S, q[k].t0 - 1, ',')) && S->t[q[k].t0 - 2].cap) ||
		    /* "to the regions of A, B and C, as well as several
		       districts in the capital" */
		    (q[k].t0 >= 5 && tw(S, q[k].t0 - 1, "as") &&
		    tw(S, q[k].t0 - 2, "well") && tw(S, q[k].t0 - 3, "as") &&
		    tp(S, q[k].t0 - 4, ',') && S->t[q[k].t0 - 5].cap)));
		proto_init(&r, S, c[ci].tok);
		r.status = c[ci].status;
		/* [later-state]: "left N without power, but supply has been
		   restored" */
		restored_later = 0;
		for (j = 0; j < nc; j++)
			if (!c[j].off && c[j].status == RS_RESTORED &&
			    c[j].tok >= q[k].t1 && c[j].strong &&
			    !other_target(S, c[j].tok, &q[k]))
				restored_later = 1;
			/* "Supply was back across X, hours after a fault left
			   its 930,000 residents without power" */
			else if (!c[j].off && c[j].status == RS_RESTORED &&
			    c[j].strong && c[j].tok < q[k].t0 &&
			    c[ci].tok >= q[k].t1 &&
			    word_between(S, c[j].tok, q[k].t0, "after"))
				restored_later = 2;
		/* "has restored supplies after leaks left parts of Rugby
		   with low water pressure": low pressure then, too */
		if ((r.status == RS_OUTAGE || (restored_later == 2 &&
		    r.status == RS_PARTIAL)) && restored_later && live == 1)
			r.status = RS_RESTORED;
		/* "About 45,000 customers lost power; supply has since been
		   partially restored": the group's later state is partial
		   (G3) */
		else if (r.status == RS_OUTAGE && live == 1 &&
		    partly_restored_after(S, c, nc, q[k].t1))
			r.status = RS_PARTIAL;
		/* "restored power to 19,000 of the 27,500 customers": the
		   whole group is the one that lost supply [share] */
		if (k > 0 && q[k - 1].whole_next) {
			/* "5.50 lakh of the 7.85 lakh consumers", the group
			   a sentence before counted: already told */
			for (j = 0; j < C->nr; j++)
				if (C->r[j].affected == q[k].value &&
				    C->r[j].status == RS_OUTAGE)
					break;
			if (j < C->nr)
				continue;
			/* "90% of the 1.47 million clients are without
			   power": a share of the customer base [share] */
			if (share_of_base(S, c, nc, &q[k - 1], &q[k], r.status))
				continue;
			r.status = RS_OUTAGE;
			/* "... customers it de-energized": how the group got
			   there is no report of its own */
			for (j = 0; j < nc; j++)
				if (c[j].tok >= q[k].t1 &&
				    c[j].tok <= q[k].t1 + 3 &&
				    relative_after(S, q[k].t1, c[j].tok))
					c[j].used = 1;
		}
		/* "of the total 25,01,131 affected consumers, power has
		   been restored to 23,36,584": the group that lost supply
		   [share] */
		if (r.status == RS_RESTORED && q[k].t0 >= 2 &&
		    (tw(S, q[k].t0 + 1, "affected") ||
		    tw(S, q[k].t0 + 2, "affected")) &&
		    ((tw(S, q[k].t0 - 1, "the") && tw(S, q[k].t0 - 2, "of")) ||
		    (tw(S, q[k].t0 - 1, "total") && tw(S, q[k].t0 - 2, "the"))))
			r.status = RS_OUTAGE;
		/* "restored power to all but 2,300 customers", "to
		   everyone in X except (for) about 300 customers": those
		   are still out (a number: "except for parts of X" names
		   a place of its own, which the count's place is not) */
		if (r.status == RS_RESTORED && q[k].t0 >= 2 &&
		    ((tw(S, q[k].t0 - 1, "but") && (tw(S, q[k].t0 - 2, "all") ||
		    tw(S, q[k].t0 - 2, "everyone"))) ||
		    (q[k].value >= 0 && (tw(S, q[k].t0 - 1, "except") ||
		    (tw(S, q[k].t0 - 1, "for") &&
		    tw(S, q[k].t0 - 2, "except"))))))
			r.status = RS_OUTAGE;
		/* "restored to 300,000 ..., and crews are working to connect
		   the remaining 8,600": in a clause of their own, still out */
		if (r.status == RS_RESTORED && tw(S, q[k].t0 - 1, "remaining")
		    && S->t[c[ci].tok].clause != S->t[q[k].t0].clause)
			r.status = RS_OUTAGE;
		/* "... and crews are working to connect the remaining
		   8,600": an aim ("to VERB the remaining N") is still out,
		   whatever the clauses (w-en2) */
		if (r.status == RS_RESTORED && q[k].t0 >= 4 &&
		    tw(S, q[k].t0 - 1, "remaining") &&
		    tw(S, q[k].t0 - 2, "the") && tw(S, q[k].t0 - 4, "to") &&
		    q[k].t0 - 3 != c[ci].tok)
			r.status = RS_OUTAGE;
		/* the whole sentence is told, but a clause that names a
		   place of its own ("and hot water is off across district
		   X") tells another report */
		pi = live == 1 ? (known[k] = count_place(S, p, np, &q[k])) :
		    -1;
		for (j = 0; j < nc; j++)
			if (live == 1 && !c[j].off && !c[j].story &&
			    /* "N were without power ..., forcing the
			       operator to impose rotating outages": a
			       rationing cue of its own (w-en2) */
			    !(c[j].status == RS_PARTIAL &&
			    c[ci].status == RS_OUTAGE &&
			    c[j].tok > c[ci].tok + 8 &&
			    (tw(S, c[j].tok, "rotating") ||
			    tw(S, c[j].tok, "rolling") ||
			    tw(S, c[j].tok, "rotational"))) &&
			    (c[j].util == 0 ||
			    (c[j].util & c[ci].util) != 0 || c[ci].util == 0) &&
			    !other_place(S, p, np, pi, c[j].tok, &q[k]))
				c[j].used = 1;
		utils = c[ci].util;
		ustory = 0;
		/* "over 300,000 accounts ... were still in the dark, and
		   Sabesp reported low water pressure": a utility the cue
		   reached only in a word of another clause is that clause's;
		   the count takes the story's [utility-words] (a utility the
		   cue says itself, "outage schedules", stays).  The story's
		   utility, a field, is asked before the clauses are read */
		if (utils != 0 && C->prev_util != 0 &&
		    !clauses_have(S, S->t[c[ci].tok].clause,
		    S->t[q[k].t0].clause, utils) &&
		    (utils & clause_utils(S, -1)) != 0) {
			utils = (utils & C->prev_util) != 0 ?
			    utils & C->prev_util : C->prev_util;
			ustory = EXTRACT_B_UTIL_STORY;
		}
		/* "power was restored for 40% of consumers, heating for
		   60%": the share is of the utility named before "for" */
		if (q[k].pct > 0 && q[k].t0 >= 2 && tw(S, q[k].t0 - 1, "for")) {
			size_t u = q[k].t0 - 2;

			/* "heating — for 60%" (a dash reads as "-") */
			if (u > 0 && tp(S, u, '-'))
				u--;
			if (S->t[u].util != 0)
				utils = S->t[u].util;
		}
		utils = count_utility(S, &q[k], utils);
		if (utils == 0)
			utils = clause_utils(S, S->t[q[k].t0].clause);
		if (utils == 0)
			utils = clause_utils(S, -1);
		if (utils == 0) {
			utils = C->prev_util;
			ustory = EXTRACT_B_UTIL_STORY;
		}
		/* "39 million users were affected": with no utility named
		   anywhere, users and subscribers are of a network */
		if (utils == 0 && q[k].noun != NULL &&
		    (strcmp(q[k].noun, "users") == 0 ||
		    /* "абонентів": of an energy company too */
		    (strcmp(q[k].noun, "subscribers") == 0 && S->lang == 0)))
			utils = U(UTIL_TELECOM);
		if (utils == 0)
			utils = main_utility(S);	/* utility.c */
		if (utils == 0) {
			utils = U(UTIL_POWER);
			ustory = EXTRACT_B_UTIL_STORY;
		}
		r.affected = q[k].value;
		r.percent = q[k].value < 0 ? q[k].pct : 0;
		r.approximate = q[k].approx;
		unit = q[k].unit;
		if (q[k].ref) {		/* the unit of the group it shares */
			unit = C->prev_unit;
			for (j = 0; j < k; j++)
				if (!q[j].excluded)
					unit = q[j].unit;
		} else if (q[k].bare) {	/* a parallel phrase's unit
				   [elliptical-count] */
			unit = C->prev_unit;
			for (j = 0; j < k; j++)
				if (q[j].unit[0] != '\0' && (!q[j].excluded ||
				    /* "which has 2 million clients ...,
				       210,000 of them": the base's noun */
				    tw(S, q[k].t1 - 1, "them")))
					unit = q[j].unit;
			/* "46 будинків ..., а ще 38": a group counted with
			   no unit before it in the sentence has none */
			for (j = 0; S->lang != 0 && j < k; j++)
				if (!q[j].excluded && !q[j].bare)
					unit = q[j].unit;
			/* "the number of customers without power dropped
			   below 10,000" */
			for (j = 2; j < q[k].t0; j++)
				if (tw(S, j - 1, "of") && (tw(S, j - 2, "number") ||
				    tw(S, j - 2, "count")) &&
				    tok_unit(&S->t[j]) != NULL &&
				    *tok_unit(&S->t[j]) != '\0')
					unit = tok_unit(&S->t[j]);
			/* "had the most outages, with about 310,000" */
			if (unit[0] == '\0' && outages_before(S, q[k].t0))
				unit = "customers";
		}
		str_copy(r.unit, unit, sizeof(r.unit));
		if (r.unit[0] != '\0')
			str_copy(C->prev_unit, r.unit, sizeof(C->prev_unit));
		count_text(&r, S, &q[k]);
		count_place_report(C, S, p, np, q, nq, k, known, &r);
		compass_areas(S, &q[k], &r);
		r.basis = (c[ci].strong ? EXTRACT_B_STRONG : 0) | ustory;
		/* "parts of A, B and C", "in several areas, including A, B
		   and C": said of each, as a count-less claim [area-list];
		   "A and B counties had close to 10,000 outages apiece":
		   the count of each */
		apiece = tw(S, q[k].t1, "apiece") || tw(S, q[k].t1, "each") ||
		    /* "Kent and Essex each had 5,000 customers" */
		    (q[k].t0 >= 2 && tw(S, q[k].t0 - 2, "each") &&
		    (tw(S, q[k].t0 - 1, "had") || tw(S, q[k].t0 - 1, "has") ||
		    tw(S, q[k].t0 - 1, "have") ||
		    tw(S, q[k].t0 - 1, "reported")));
		if (np <= 32 && ((apiece && (pi = count_place(S, p, np,
		    &q[k])) >= 0 && listed_with(S, p, np, (size_t)pi, NULL,
		    in) > 1) || area_list(S, p, np, &q[k], in) > 1 ||
		    including_list(S, p, np, &q[k], in) > 1)) {
			if (!apiece)
				r.count_text[0] = '\0';
			for (;;) {	/* in text order */
				for (j = 0, pi = -1; j < np; j++)
					if (in[j] && (pi < 0 ||
					    p[j].tok < p[pi].tok))
						pi = (int)j;
				if (pi < 0)
					break;
				in[pi] = 0;
				place_from(C, &p[pi], &r);
				r.basis |= EXTRACT_B_LIST;
				emit(C, &r, utils);
			}
			continue;
		}
		emit(C, &r, utils);
	}
}

/* "12 hours of load shedding": a length of time says how long cuts
   in turn last, which does not block a rationing cue as "lost 15
   gigawatts" blocks a cut */
static int
duration(const struct sentence *S, size_t i)
{
	return tw(S, i, "hours") || tw(S, i, "days") || tw(S, i, "minutes") ||
	    tw(S, i, "weeks") || tw(S, i, "months");
}

/*
 * [concentration]: the first place within seven words after cue token ct
 * ("concentrated in the Lower Silesian, Opole and Silesian
 * voivodeships", "most affected include Aberdeen"), in its clause; -1.
 */
static int
place_ahead(const struct sentence *S, const struct place *p, size_t np,
    size_t ct)
{
	size_t k;
	int best = -1;

	for (k = 0; k < np; k++)
		if (p[k].tok > ct && p[k].tok <= ct + 7 &&
		    p[k].clause == S->t[ct].clause &&
		    (best < 0 || p[k].tok < p[best].tok))
			best = (int)k;
	return best;
}

/* "A, B and C are the hardest hit": the last place before cue token
   ct in its clause; -1 [concentration]. */
static int
place_before(const struct sentence *S, const struct place *p, size_t np,
    size_t ct)
{
	size_t k;
	int best = -1;

	for (k = 0; k < np; k++)
		if (p[k].tok_end <= ct && p[k].clause == S->t[ct].clause &&
		    (best < 0 || p[k].tok > p[best].tok))
			best = (int)k;
	return best;
}

/*
 * A facility's word (facility_cue()): "plant", "station", "hospital" and
 * the rest.  Speed only (the same answer as TW_ANY() over the list, of a
 * word): its first byte picks the few it may be, each compared as WEQ()
 * does, where TW_ANY() read the whole list and called strcmp() at each
 * word of the same first letter.
 */
static int
facility_word(const char *w)
{
	switch (w[0]) {
	case 'a':
		return WEQ(w, "airport") || WEQ(w, "arena");
	case 'e':
		return WEQ(w, "exchange");
	case 'f':
		return WEQ(w, "factory") || WEQ(w, "factories") ||
		    WEQ(w, "facility") || WEQ(w, "facilities");
	case 'h':
		return WEQ(w, "hospital") || WEQ(w, "hospitals");
	case 'm':
		return WEQ(w, "mine") || WEQ(w, "mines") || WEQ(w, "mall");
	case 'p':
		return WEQ(w, "plant") || WEQ(w, "plants") ||
		    WEQ(w, "prison") || WEQ(w, "port") || WEQ(w, "park");
	case 'r':
		return WEQ(w, "refinery") || WEQ(w, "reactor") ||
		    WEQ(w, "reactors");
	case 's':
		return WEQ(w, "station") || WEQ(w, "stations") ||
		    WEQ(w, "substation") || WEQ(w, "substations") ||
		    WEQ(w, "stadium") || WEQ(w, "school") ||
		    WEQ(w, "schools");
	case 't':
		return WEQ(w, "terminal");
	default:
		return 0;
	}
}

/* Is token k a facility's word (TW_ANY() of the list)? */
static int
facility_at(const struct sentence *S, size_t k)
{
	return k < S->n && !S->t[k].punct && facility_word(S->t[k].w);
}

/*
 * "The nuclear plant lost external power", "left the airport without
 * power", "a power cut at the stadium": a count-less cue about a facility
 * is no report (G4: non-residential facilities).  The facility is the
 * noun right before the cue (auxiliaries aside: "the plant was without
 * power") or "at the X" right after it.
 */
static int
facility_cue(const struct sentence *S, size_t ct)
{
	size_t i, n;

	for (i = ct, n = 0; i > 0 && n < 4; n++) {
		i--;
		if (S->t[i].punct || S->t[i].clause != S->t[ct].clause)
			break;
		if (facility_word(S->t[i].w))
			return !struck_object(S, i);
		/* "the plant was without power"; not "a plant briefly
		   caused low pressure", where the plant is the cause */
		if (!tin(S, i, LX_AUX) && !tw(S, i, "been") &&
		    !tw(S, i, "briefly") && !tw(S, i, "temporarily") &&
		    !tw(S, i, "also") && !tw(S, i, "completely") &&
		    /* "Gaza's only power plant shut down" */
		    !tw(S, i, "shut"))
			break;
	}
	/* "The plant, which supplies 30% of the country's power, went
	   offline": the subject before a relative clause */
	for (i = ct, n = 0; i > 0 && n < 3 && !S->t[i - 1].punct; n++)
		i--;
	if (i > 0 && tp(S, i - 1, ',')) {
		for (n = i - 1; n-- > 0 && n + 16 > i;)
			if (tp(S, n, ',') && (tw(S, n + 1, "which") ||
			    tw(S, n + 1, "that")))
				break;
		if (n != SIZE_MAX && n + 16 > i && n > 0 && tp(S, n, ',') &&
		    facility_at(S, n - 1))
			return 1;
	}
	for (i = ct + 1; i < S->n && i <= ct + 2; i++)
		if (tw(S, i, "at") && (tw(S, i + 1, "the") ||
		    tw(S, i + 1, "a")) && facility_at(S, i + 2))
			return 1;
	return 0;
}

/* [standing-cue]: status assertions without a count, one per place
   named. */
void
countless_reports(struct context *C, struct sentence *S, struct cue *c,
    size_t nc, const struct quant *q, size_t nq, const struct place *p,
    size_t np)
{
	struct extract_report r;
	unsigned char in[32];
	size_t k, j;
	int pi, blocked, ahead;

	for (k = 0; k < nc; k++) {
		if (!c[k].strong || c[k].off || c[k].used || c[k].util == 0 ||
		    facility_cue(S, c[k].tok))
			continue;
		/* "lost 15 gigawatts": an excluded number, not an outage */
		blocked = 0;
		for (j = 0; j < nq; j++)
			if (q[j].excluded && q[j].excluded != EXCL_TOLL &&
			    tok_dist(q[j].t0, q[j].t1,
			    c[k].tok, c[k].tok + 1) <= 4 &&
			    /* "load-shedding of 1,500 megawatts": how much
			       is shed, which does not undo the shedding */
			    !(c[k].status == RS_PARTIAL &&
			    q[j].t0 > c[k].tok + 1 && q[j].t0 <= c[k].tok + 4 &&
			    tw(S, c[k].tok + 1, "of")) &&
			    !(duration(S, q[j].t1 - 1) &&
			    (c[k].status != RS_OUTAGE ||
			    /* "without power for 40 minutes", "switched back
			       on after four hours" */
			    (q[j].t0 > c[k].tok && (tw(S, q[j].t0 - 1, "for") ||
			    tw(S, q[j].t0 - 1, "after") ||
			    tw(S, q[j].t0 - 1, "within"))) ||
			    /* "went four days without electricity" (not
			       "10 hours without power", a day's rationing) */
			    (q[j].t1 == c[k].tok && !tw(S, q[j].t1 - 1,
			    "hours") && !tw(S, q[j].t1 - 1, "minutes")))))
				blocked = 1;
		if (blocked)
			continue;
		proto_init(&r, S, c[k].tok);
		r.status = c[k].status;
		ahead = c[k].story != 0 && c[k].story != CUE_STORY_DEFINITE;
		pi = c[k].story == CUE_STORY_UTILITY_BEFORE ?
		    place_before(S, p, np, c[k].tok) :
		    ahead ? place_ahead(S, p, np, c[k].tok) :
		    nearest_place(S, p, np, c[k].tok, c[k].tok + 1,
		    S->t[c[k].tok].clause, 0);
		if (ahead && pi < 0)
			continue;	/* [concentration] names its places */
		if (pi >= 0 && fronted_other(S, c, nc, k, &p[pi]))
			pi = -1;
		if (pi < 0) {
			place_fallback(C, NULL, &r);
			r.basis = EXTRACT_B_STRONG;
			emit(C, &r, c[k].util);
			continue;
		}
		/* "A and B in the C Shire": A and B (z-en-us) */
		if (!ahead && (j = (size_t)inner_place(S, p, np, pi)) <
		    np)
			pi = (int)j;
		(void)listed_with(S, p, np, (size_t)pi, NULL, in);
		for (j = 0; j < np; j++) {
			if (!in[j])
				continue;
			place_from(C, &p[j], &r);
			r.basis = EXTRACT_B_STRONG;
			emit(C, &r, c[k].util);
		}
	}
}

/*
 * A word of a part or a share, which bare_back() looks for ("some",
 * "most", "partially", "areas", ...).  Speed only (the same answer as
 * TW_ANY() over the list, of a word): its first byte picks the few it may
 * be, each compared as WEQ() does, not a pass over the whole list with a
 * strcmp() call at each of the same first letter.
 */
static int
part_word(const char *w)
{
	switch (w[0]) {
	case 'a':
		return WEQ(w, "areas") || WEQ(w, "area");
	case 'f':
		return WEQ(w, "few");
	case 'g':
		return WEQ(w, "gradually");
	case 'h':
		return WEQ(w, "half");
	case 'm':
		return WEQ(w, "most") || WEQ(w, "many") ||
		    WEQ(w, "majority") || WEQ(w, "more");
	case 'n':
		return WEQ(w, "not");
	case 'o':
		return WEQ(w, "other") || WEQ(w, "others");
	case 'p':
		return WEQ(w, "part") || WEQ(w, "parts") ||
		    WEQ(w, "partially") || WEQ(w, "partly");
	case 'r':
		return WEQ(w, "remaining");
	case 's':
		return WEQ(w, "some") || WEQ(w, "several") ||
		    WEQ(w, "still");
	case 'y':
		return WEQ(w, "yet");
	default:
		return 0;
	}
}

/*
 * "The outage took place at about 10:05am.  Later at 11:25am power was
 * restored.": a restoration with no part, share or count of its own
 * ("some", "most", "partially", "parts of", a number) says the group
 * before it is back (G3), as "all of them" does.
 */
static int
bare_back(const struct sentence *S)
{
	size_t i;

	for (i = 0; i < S->n; i++) {
		if (!S->t[i].punct && part_word(S->t[i].w))
			return 0;
		/* a number, but not a time of day ("at 11:25am") */
		if (is_digit((unsigned char)S->t[i].w[0]) &&
		    !tp(S, i + 1, ':') && !(i > 0 && tp(S, i - 1, ':')) &&
		    !tw(S, i + 1, "am") &&
		    !tw(S, i + 1, "pm") && !tw(S, i + 1, "a.m") &&
		    !tw(S, i + 1, "p.m"))
			return 0;
	}
	return 1;
}

/*
 * "Service had been restored to all of them", "Power has since been
 * fully restored": the whole group a sentence before counted is back, so
 * its counted outage is one report, restored [later-state] (G3).  Does
 * the sentence say so of the whole group?
 */
static int
whole_group(const struct sentence *S)
{
	size_t i;

	for (i = 0; i < S->n; i++) {
		if (i > 0 && (tw(S, i - 1, "not") || tw(S, i - 1, "yet") ||
		    tw(S, i - 1, "almost") || tw(S, i - 1, "nearly")))
			continue;
		if (tw(S, i, "fully") || tw(S, i, "completely"))
			return 1;
		if (!tw(S, i, "all") || tw(S, i + 1, "but"))
			continue;
		if (tw(S, i + 1, "of") && (tw(S, i + 2, "them") ||
		    tw(S, i + 2, "those") || tw(S, i + 2, "these")))
			return 1;
		/* "all customers", "all affected properties", "all of the
		   homes", "all services" */
		if (tin(S, i + 1, LX_SERVICES) || tw(S, i + 1, "affected") ||
		    tw(S, i + 1, "remaining") || tw(S, i + 1, "the") ||
		    tw(S, i + 1, "of") || (i + 1 < S->n &&
		    tok_unit(&S->t[i + 1]) != NULL &&
		    *tok_unit(&S->t[i + 1]) != '\0'))
			return 1;
	}
	return 0;
}

/* Is r an outage of the group restoration n speaks of: its utility and
   place? */
static int
outage_of_group(const struct extract_report *r,
    const struct extract_report *n)
{
	return r->status == RS_OUTAGE && r->utility == n->utility &&
	    r->region == n->region && strcmp(r->mention, n->mention) == 0;
}

/*
 * [later-state] across sentences: a count-less restoration in sentence
 * S (its reports from `first`) of the whole group that the last
 * sentence with reports counted as out, for the same place and utility,
 * turns that report to restored and adds none of its own.
 */
void
whole_group_later(struct context *C, const struct sentence *S, size_t first)
{
	size_t i, j, o, last;
	int hit, retold_only = 1;

	if (first == 0 || C->nr == first)
		return;
	/* only a count-less restoration can turn anything: without one
	   the loop below changes nothing, so whole_group()'s pass over
	   the tokens is skipped (speed only) */
	for (i = first; i < C->nr && (C->r[i].count_text[0] != '\0' ||
	    C->r[i].status != RS_RESTORED); i++)
		;
	if (i == C->nr || !(whole_group(S) || bare_back(S)))
		return;
	last = C->r[first - 1].sentence_start;
	/* "... were without power.  The outage took place at 10:05am.
	   Later at 11:25am power was restored.": a sentence between that
	   only told the count-less outage again is passed over */
	for (j = first; j-- > 0 && C->r[j].sentence_start == last;)
		if (C->r[j].count_text[0] != '\0' ||
		    C->r[j].status != RS_OUTAGE)
			retold_only = 0;
	if (retold_only && j != SIZE_MAX)
		last = C->r[j].sentence_start;
	for (i = o = first; i < C->nr; i++) {
		struct extract_report *n = &C->r[i];

		hit = 0;
		for (j = first; n->count_text[0] == '\0' &&
		    n->status == RS_RESTORED && j-- > 0 &&
		    C->r[j].sentence_start >= last;)
			if (C->r[j].count_text[0] != '\0' &&
			    outage_of_group(&C->r[j], n)) {
				C->r[j].status = RS_RESTORED;
				hit = 1;
			}
		/* the count-less retelling between is the same group:
		   back too (it folds into the count, [standing-cue]) */
		for (j = first; hit && j-- > 0 &&
		    C->r[j].sentence_start >= last;)
			if (outage_of_group(&C->r[j], n))
				C->r[j].status = RS_RESTORED;
		if (!hit)
			C->r[o++] = *n;
	}
	C->nr = o;
}
