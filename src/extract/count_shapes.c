/* SPDX-License-Identifier: MIT */
/*
 * count_shapes.c - English count shapes: whether a figure is a count of
 * its own, and what it counts.  Counts that utility statements give in
 * their own words: a small remaining figure with no noun after it
 * [remaining-bare], a vague subject of a loss [vague-subject], units that
 * are dwellings [units-out], the whole after a restoration's "out of"
 * [restored-out-of]; the earlier count of a falling figure [fell-from],
 * "in X, where 85 were still out" [where-count], counts of people
 * supplied otherwise or of a target [not-out], a count that goes on from
 * the sentence before [count-goes-on], a share beside the count it
 * restates and a share of a customer base [share], "14 of Ecuador's 24
 * provinces", the parts of a breakdown [breakdown-part], the utility a
 * count's noun names [count-utility], and a count after "including" or
 * after "outages".
 */
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

/* Verbs of a falling figure before "to": "down to", "dropped to". */
static int
fall_word(const struct sentence *S, size_t k)
{

	return tw(S, k, "down") || tw(S, k, "dropped") || tw(S, k, "fell") ||
	    tw(S, k, "dwindled") || tw(S, k, "decreased") ||
	    tw(S, k, "declined") || tw(S, k, "shrunk") || tw(S, k, "shrank");
}

/*
 * [remaining-bare] "we're now down to around 150.", "the number of meters
 * without service was less than 50 as of noon": a figure under the
 * thousands with no noun after it, ending its clause, after a falling
 * verb's "to" or as the value of a "number"/"count" named before it in
 * the clause.  Outage updates give what remains so; a larger, grouped
 * figure is read as bare already.  i is the phrase's first token (a
 * hedge, if any), j the token after the number, v its value.
 */
int
remaining_bare(const struct sentence *S, size_t i, size_t j, int64_t v)
{
	size_t k;

	if (v < 2 || i < 2 || (j < S->n && !(S->t[j].punct &&
	    S->t[j].w[0] != '%' && S->t[j].w[0] != '$' &&
	    S->t[j].w[0] != '(' && S->t[j].w[0] != '-') &&
	    !(tw(S, j, "as") && tw(S, j + 1, "of"))))
		return 0;
	if (tw(S, i - 1, "to"))
		return fall_word(S, i - 2);
	if (!(tw(S, i - 1, "was") || tw(S, i - 1, "is") ||
	    (tw(S, i - 1, "at") && tw(S, i - 2, "stood"))))
		return 0;
	for (k = i - 1; word_back(k, i, 14); k--) {
		if (S->t[k - 1].punct)
			return 0;
		if ((tw(S, k - 1, "number") || tw(S, k - 1, "count")) &&
		    (tw(S, k, "of") || tw(S, k, "for")))
			return 1;
	}
	return 0;
}

/*
 * [vague-subject] "after hundreds of thousands had been in the dark",
 * "thousands were still without power": a vague plural with no noun as
 * the subject of a loss is a count of its own (G1), with no unit (G12).
 * i is the vague word ("hundreds"), j the token after its "of thousands"
 * chain.  The subject starts its clause: the sentence's start, or after a
 * comma or a conjunction.
 */
int
vague_subject(const struct sentence *S, size_t i, size_t j)
{
	size_t k = j, aux = 0;

	if (i > 0 && !(S->t[i - 1].punct || tw(S, i - 1, "after") ||
	    tw(S, i - 1, "and") || tw(S, i - 1, "while") ||
	    tw(S, i - 1, "when") || tw(S, i - 1, "as") ||
	    tw(S, i - 1, "but") || tw(S, i - 1, "since")))
		return 0;
	while (k < S->n && aux < 3 && (tw(S, k, "had") || tw(S, k, "have") ||
	    tw(S, k, "has") || tw(S, k, "were") || tw(S, k, "are") ||
	    tw(S, k, "been") || tw(S, k, "remain") ||
	    tw(S, k, "remained") || tw(S, k, "still"))) {
		k++;
		aux++;
	}
	if (in_the_dark(S, k))	/* not "in the dark about the plan" */
		return !(tw(S, k + 3, "about") || tw(S, k + 3, "over") ||
		    tw(S, k + 3, "on") || tw(S, k + 3, "as"));
	if (k >= S->n || !(tw(S, k, "without") || tw(S, k, "lost") ||
	    (tin(S, k, LX_LOST) && aux > 0)))
		return 0;
	/* a supply lost, not "lost their homes", "without shelter" */
	k++;
	if (tw(S, k, "their") || tw(S, k, "the") || tw(S, k, "its"))
		k++;
	return k < S->n && (word_utility(S, k) != 0 ||
	    tin(S, k, LX_SERVICES) || tin(S, k, LX_SUPPLY));
}

/*
 * [units-out] "at least 50,000 units in Tainan were still without
 * power", "1,200 housing units lost power": units are dwellings when a
 * dwelling word says so, or when, with no word before them, a loss
 * follows them (after "in" and a place, and auxiliaries); "two
 * generating units tripped" stays excluded.  k is the noun phrase's
 * first token, j the token of "units".
 */
int
units_out(const struct sentence *S, size_t k, size_t j)
{
	size_t e = j + 1, aux = 0;

	if (j > k)
		return j == k + 1 && (tw(S, k, "housing") ||
		    tw(S, k, "residential") || tw(S, k, "apartment") ||
		    tw(S, k, "dwelling"));
	if ((tw(S, e, "in") || tw(S, e, "across")) && e + 1 < S->n &&
	    S->t[e + 1].cap) {
		e += 2;
		while (e < S->n && S->t[e].cap && e < j + 6)
			e++;
	}
	while (e < S->n && aux < 3 && (tw(S, e, "were") || tw(S, e, "are") ||
	    tw(S, e, "remain") || tw(S, e, "remained") || tw(S, e, "still") ||
	    tw(S, e, "had") || tw(S, e, "have") || tw(S, e, "been"))) {
		e++;
		aux++;
	}
	return e < S->n && (tw(S, e, "without") || tw(S, e, "lost") ||
	    in_the_dark(S, e));
}

/*
 * [restored-out-of] "We were able to restore 10.27 lakh connections out
 * of 11.27 lakh", "reconnected 9,400 customers out of 12,000": after a
 * restoration, the figure after "out of" is the whole that lost supply
 * (G1: restored and still out), as "19,000 of the 27,500 customers" is
 * [share].  i is the share's first token (or any token just before the
 * figure, v < 0: only the verb is asked of), e the token of "out"; with
 * v >= 0 the whole must be larger and have no noun of its own.
 */
int
restored_out_of(const struct sentence *S, size_t i, size_t e, int64_t v)
{
	size_t k, p, n;
	int64_t v2;
	int a2;

	if (!tw(S, e, "out") || !tw(S, e + 1, "of"))
		return 0;
	/* "restored gas to just over 140 homes out
	   of": the verb up to eight words back, in the clause */
	for (k = i; word_back(k, i, 8); k--) {
		if (tin(S, k - 1, LX_RESTORED))
			break;
		if (S->t[k - 1].punct)
			return 0;
	}
	if (!word_back(k, i, 8))
		return 0;
	if (v < 0)
		return 1;
	/* the whole as number_quant() reads it after "out of": 1,000 or
	   more, right after "of", or "the 620 who lost supply" */
	p = e + 2 + tw(S, e + 2, "the");
	if (p >= S->n || (n = extract_number(S->text + S->t[p].start,
	    S->start + S->len - S->t[p].start, &v2, &a2)) == 0 ||
	    v2 <= v)
		return 0;
	p = tok_at(S, S->t[p].start + n);
	if (v2 < 1000 && !who_lost(S, p))
		return 0;
	return p >= S->n || S->t[p].punct || tok_unit(&S->t[p]) == NULL;
}

/* "the 620 who lost supply", "that were cut off": a relative clause of
   a loss at token p (a whole's figure counts those who lost supply) */
int
who_lost(const struct sentence *S, size_t p)
{
	return (tw(S, p, "who") || tw(S, p, "that")) && p + 1 < S->n &&
	    (tin(S, p + 1, LX_LOST) || (tin(S, p + 1, LX_BE) &&
	    tin(S, p + 2, LX_LOST)) || (tw(S, p + 1, "had") &&
	    tin(S, p + 2, LX_LOST)));
}

/*
 * [fell-from] "the number without power dropped from 26,000 to 4,000",
 * "outages have fallen from 26,000": like "down from N", the count after
 * a falling (or rising) verb's "from" is the same group's earlier count,
 * a report of its own.  i is the number's token.
 */
int
fell_from(const struct sentence *S, size_t i)
{
	static const char *const verbs[] = {
		"dropped", "fell", "fallen", "declined", "decreased",
		"dipped", "reduced", "dropping", "falling", "declining",
		"shrank", "rose", "risen", "climbed", "increased", "jumped"
	};

	return i >= 2 && tw(S, i - 1, "from") && TW_ANY(S, i - 2, verbs);
}

/* [fell-from] "the outage count has dropped from 26,000": a number after
   "from" (a status check of cue_rules.c). */
int
number_after_from(const struct sentence *S, size_t i, int *util)
{
	static const char *const near[] = { "about", "around", "roughly",
	    "nearly", "approximately", "some", "over", "more" };
	size_t k = i + 2;

	(void)util;
	if (!tw(S, i + 1, "from"))
		return 0;
	k += TW_ANY(S, k, near);
	return k < S->n && is_digit((unsigned char)S->t[k].w[0]);
}

/*
 * [where-count] "About 135 customers were out in the county, most
 * notably in Harpswell, where 85 were still waiting": a bare number
 * right after "where", then a form of "be" or "remain" and a word of
 * still being out, is a count of its own.  i is the number's token, j
 * the token after it.
 */
int
where_count(const struct sentence *S, size_t i, size_t j)
{
	if (i < 1 || !tw(S, i - 1, "where") || !(tw(S, j, "were") ||
	    tw(S, j, "are") || tw(S, j, "remain") || tw(S, j, "remained")))
		return 0;
	j++;
	return tw(S, j, "still") || tin(S, j, LX_WITHOUT) ||
	    tw(S, j, "waiting") || tw(S, j, "out") || tw(S, j, "in");
}

/*
 * [not-out] "an additional 11,000 people are now being supplied by
 * tankers": a group served some other way is not out (G4); "had hoped
 * to reduce the number without power from 400,000 to 90,000 by
 * Wednesday": the figure after "to" is a plan's target (G5).  i is the
 * number's token, e the token after the count's noun.
 */
int
not_out_count(const struct sentence *S, size_t i, size_t e)
{
	size_t k;

	/* "3,157 active outages affecting 12,249 customers": a count of
	   faults, the customers it cut off counted after it */
	if (e > 0 && e + 1 < S->n && tw(S, e - 1, "outages") &&
	    (tw(S, e, "affecting") || tw(S, e, "impacting")))
		for (k = e + 1; k < S->n && k <= e + 3; k++)
			if (is_digit((unsigned char)S->t[k].w[0]))
				return 1;
	/* "are (now) being supplied by", "are served by" */
	k = e;
	if (tw(S, k, "are") || tw(S, k, "were") || tw(S, k, "is"))
		k++;
	if (k > e) {
		if (tw(S, k, "now") || tw(S, k, "currently"))
			k++;
		if (tw(S, k, "being"))
			k++;
		/* not "supplied with power again", "supplied from
		   backup sources": supply back */
		if ((tw(S, k, "supplied") || tw(S, k, "served")) &&
		    tw(S, k + 1, "by") && !S->t[k + 2].util)
			return 1;
	}
	/* "... from 400,000 to 90,000 by Wednesday" in a plan's clause */
	if (i < 4 || !tw(S, i - 1, "to"))
		return 0;
	for (k = i - 1; k-- > 0 && k + 20 > i;) {
		if (S->t[k].clause != S->t[i].clause)
			return 0;
		if ((tw(S, k, "reduce") || tw(S, k, "cut") ||
		    tw(S, k, "bring") || tw(S, k, "lower")) && k > 0 &&
		    tw(S, k - 1, "to") && k > 1 && (tin(S, k - 2, LX_MODAL) ||
		    tw(S, k - 2, "hoped") || tw(S, k - 2, "aimed") ||
		    tw(S, k - 2, "wanted") || tw(S, k - 2, "sought")))
			return 1;
	}
	return 0;
}

/* A digit token whose number is a count's (not "9 a.m."): 100 or more,
   or grouped. */
static int
count_digits(const struct sentence *S, size_t k)
{
	const char *w = S->t[k].w;

	return k < S->n && !S->t[k].punct && is_digit((unsigned char)w[0]) &&
	    (S->t[k].len >= 3 || memchr(S->text + S->t[k].start, ',',
	    S->t[k].len) != NULL);
}

/* The account nouns a count that goes on may count. */
static int
account_unit(const struct sentence *S, size_t k)
{
	const char *u;

	if (k >= S->n || S->t[k].unit == 0 || (u = tok_unit(&S->t[k])) == NULL)
		return 0;
	return strcmp(u, "customers") == 0 || strcmp(u, "homes") == 0 ||
	    strcmp(u, "households") == 0 || strcmp(u, "consumers") == 0 ||
	    strcmp(u, "subscribers") == 0;
}

/*
 * [count-goes-on] "About 7,000 customers in A were without power. B is at
 * just over 4,000, down from 6,300.", "... Around 800 customers are east
 * of the highway, in B": a sentence with no status cue right after one
 * whose last report is a counted outage goes on counting the same
 * group, when it gives an account count ("800 customers"), a figure
 * after "is at" / "stands at", a share "of them" in a place, or opens
 * with a count in a place.  The token a cue of the outage stands on (the
 * word after the account noun, or the verb before "at"), or SIZE_MAX.
 * Cheap first: most sentences follow no counted outage.
 */
size_t
count_goes_on(struct context *C, const struct sentence *S)
{
	static const char *const approx[] = {
		"just", "about", "around", "roughly", "nearly", "some",
		"over", "under", "almost"
	};
	/* "55,000 of them were in X": the group told before, and its
	   verb */
	static const char *const group[] = { "them", "those", "these" };
	static const char *const be[] = { "were", "are", "was", "is" };
	static const char *const vague[] = { "many", "most", "some",
	    "half", "several" };
	const struct extract_report *last;
	size_t k, j, e;

	if (C->nr == 0)
		return SIZE_MAX;
	last = &C->r[C->nr - 1];
	e = last->sentence_start + last->sentence_len;
	if (e > S->start)
		return SIZE_MAX;
	/* a counted outage among the last sentence's reports */
	for (k = C->nr; k-- > 0 && C->r[k].sentence_start ==
	    last->sentence_start;)
		if (C->r[k].status == RS_OUTAGE && C->r[k].affected >= 0)
			break;
	if (k == SIZE_MAX || C->r[k].sentence_start != last->sentence_start)
		return SIZE_MAX;
	/* the sentence right before: nothing but spaces and quotes
	   between */
	for (; e < S->start; e++)
		if (!is_space((unsigned char)C->text[e]) &&
		    C->text[e] != '"' && (unsigned char)C->text[e] < 0x80)
			return SIZE_MAX;
	/* "a further shutoff could affect up to 12,000": a forecast */
	if (s_has(S, LX_MODAL))
		return SIZE_MAX;
	for (k = 0; k < S->n; k++) {
		/* "Many of those homes were in York County": a vague
		   share of the group, where it is */
		if (tw(S, k + 1, "of") && TW_ANY(S, k, vague) &&
		    TW_ANY(S, k + 2, group)) {
			j = k + 3 + account_unit(S, k + 3);
			if (TW_ANY(S, j, be) && tw(S, j + 1, "in"))
				return j;
		}
		if (!count_digits(S, k))
			continue;
		/* "800 customers", "800 more customers" */
		for (j = k + 1; j < S->n && j < k + 3; j++)
			if (account_unit(S, j))
				return j + 1 < S->n ? j + 1 : j;
		/* "About 55,000 of them were in Tulsa County": a share of
		   the group, where it is */
		if (tw(S, k + 1, "of") && TW_ANY(S, k + 2, group) &&
		    TW_ANY(S, k + 3, be) && tw(S, k + 4, "in"))
			return k + 3;
		/* "Of those, 3,000 were in Headingley" */
		if (k >= 3 && tw(S, k - 3, "of") && TW_ANY(S, k - 2, group) &&
		    tp(S, k - 1, ',') && TW_ANY(S, k + 1, be) &&
		    tw(S, k + 2, "in"))
			return k + 1;
		/* "is at just over 4,000" */
		for (j = k; j > 0 && k - j < 3 && TW_ANY(S, j - 1, approx); j--)
			;
		if (j >= 2 && tw(S, j - 1, "at") && (tw(S, j - 2, "is") ||
		    tw(S, j - 2, "was") || tw(S, j - 2, "stands") ||
		    tw(S, j - 2, "sits") || tw(S, j - 2, "remains") ||
		    tw(S, j - 2, "remained")))
			return j - 2;
		/* "Nearly 3,000 in Finistère, 2,000 in Morbihan.": a
		   sentence of counts by place, no verb, that opens with
		   one */
		if (j == 0 && tw(S, k + 1, "in") && k + 2 < S->n &&
		    S->t[k + 2].cap && !s_has(S, LX_AUX))
			return k + 1;
		/* "Another 4,162 were in Riverside County, 1,750 were in
		   Los Angeles County": the group's parts, where they are */
		if ((j == 0 || (j == 1 && tw(S, 0, "another")) ||
		    (j == 2 && tw(S, 0, "a") && tw(S, 1, "further"))) &&
		    TW_ANY(S, k + 1, be) && (tw(S, k + 2, "in") ||
		    tw(S, k + 2, "across")))
			return k + 1;
		/* "That includes 44,000 in Northland and 40,000 across the
		   central North Island" */
		if (j > 0 && (tw(S, j - 1, "includes") ||
		    tw(S, j - 1, "including") || tw(S, j - 1, "include")) &&
		    (tw(S, k + 1, "in") || tw(S, k + 1, "across")) &&
		    k + 2 < S->n && (S->t[k + 2].cap || tw(S, k + 2, "the")))
			return k + 1;
	}
	return SIZE_MAX;
}

/*
 * "1.2 million homes or 17 percent of its customers", "84,000 customers,
 * representing 6% of the total": a percentage that restates the count just
 * before it (or just after it) is the same group, no report of its own
 * [share].  The words between are only a link ("or", "representing",
 * "equivalent to", a comma, a dash, a bracket).
 */
static int
share_link(const struct sentence *S, size_t a, size_t b)
{
	size_t i;
	int link = 0;

	/* "84,000 customers in Puerto Rico, or 6%": the count's place may
	   come between */
	if (b < a || b - a > 8)
		return 0;
	for (i = a; i < b; i++) {
		if (tw(S, i, "or") || tw(S, i, "representing") ||
		    tw(S, i, "equivalent") || tw(S, i, "amounting") ||
		    tw(S, i, "accounting") || tw(S, i, "equal") ||
		    tp(S, i, '(') || tp(S, i, '-'))
			link = 1;
		else if (!(tp(S, i, ',') || tw(S, i, "to") || tw(S, i, "for") ||
		    tw(S, i, "in") || tw(S, i, "the") || S->t[i].cap ||
		    tw(S, i, "about") || tw(S, i, "roughly") ||
		    tw(S, i, "nearly") || tw(S, i, "some") ||
		    tw(S, i, "around") || tw(S, i, "almost")))
			return 0;
	}
	return link;
}

int
same_group_share(const struct sentence *S, const struct quant *q, size_t nq,
    size_t k)
{
	size_t j, t = q[k].t0;

	if (q[k].value >= 0 || q[k].pct <= 0 || q[k].ref)
		return 0;
	/* "126,711 customers were without service, representing 7.28% of
	   the total": the link word right before the share */
	if (t >= 1 && (tw(S, t - 1, "representing") || (t >= 2 &&
	    tw(S, t - 1, "to") && (tw(S, t - 2, "equivalent") ||
	    tw(S, t - 2, "amounting") || tw(S, t - 2, "equal")))))
		for (j = 0; j < k; j++)
			if (q[j].value >= 0 && !q[j].excluded &&
			    q[j].unit[0] != '\0')
				return 1;
	if (k > 0 && q[k - 1].value >= 0 && !q[k - 1].excluded &&
	    q[k - 1].unit[0] != '\0' && !q[k - 1].whole_next &&
	    share_link(S, q[k - 1].t1, q[k].t0))
		return 1;
	return k + 1 < nq && q[k + 1].value >= 0 && !q[k + 1].excluded &&
	    q[k + 1].unit[0] != '\0' && share_link(S, q[k].t1, q[k + 1].t0);
}

/*
 * "Nearly 90% of the 1.47 million clients are without power": when the
 * share is what is out, the group it is a share of is every customer, a
 * base (G4); "85% of the 142,000 customers who lost power were restored"
 * is a share of the group that lost supply, which is a report [share].
 */
int
share_of_base(const struct sentence *S, const struct cue *c, size_t nc,
    const struct quant *share, const struct quant *whole, int status)
{
	size_t i, j;

	if (share->value >= 0 || share->pct <= 0 || status != RS_OUTAGE)
		return 0;
	for (i = whole->t0; i < whole->t1 + 3 && i < S->n; i++)
		if (tw(S, i, "affected") || tw(S, i, "impacted") ||
		    tw(S, i, "who") || tw(S, i, "that") || tw(S, i, "which"))
			return 0;
	for (j = 0; j < nc; j++)
		if (c[j].tok >= whole->t1 && c[j].tok < whole->t1 + 2)
			return 0;	/* "... customers lost power" */
	return 1;
}

/*
 * "14 of Ecuador's 24 provinces", "20 of the 23 states": token j is the
 * "of" after a number v; when a larger number and a plural kind of area
 * follow, returns the token after the kind (the phrase's end), else 0.
 */
size_t
areas_share(const struct sentence *S, size_t j, int64_t v)
{
	static const char *const kinds[] = {
		"provinces", "states", "regions", "districts", "counties",
		"departments", "governorates", "municipalities", "oblasts"
	};
	size_t k;

	if (!tw(S, j, "of") || !(tw(S, j + 1, "the") ||
	    tw(S, j + 1, "its") || possessive_name(S, j + 1)))
		return 0;
	k = j + 2;
	if (k >= S->n || !is_digit((unsigned char)S->t[k].w[0]) ||
	    strtoll(S->t[k].w, NULL, 10) <= v || !TW_ANY(S, k + 1, kinds))
		return 0;
	return k + 2;
}

/*
 * "350 customers - 50 in Ashford, 60 in Milltown and about 250 in
 * Brookvale - are still without power", "... without power: 50 in A,
 * 60 in B": the parts of a breakdown after a dash or a colon that
 * follows a counted noun, and after the comma of the part before ("50
 * in Ashford, 60 in"), are elliptical counts of their own places, so the
 * total does not take the first part's place [breakdown-part].  Does the
 * number at token i open such a part?
 */
int
breakdown_part(const struct sentence *S, size_t i)
{
	size_t k;

	/* cheap first: a dash, colon or comma right before */
	if (i < 3 || !S->t[i - 1].punct)
		return 0;
	if (tp(S, i - 1, '-') && tok_unit(&S->t[i - 2]) != NULL &&
	    *tok_unit(&S->t[i - 2]) != '\0' &&
	    is_digit((unsigned char)S->t[i - 3].w[0]))
		return 1;	/* "350 customers - 50 in A" */
	if (tp(S, i - 1, ':')) {	/* "350 customers are out: 50 in A" */
		for (k = i - 2; word_back(k, i, 12); k--)
			if (tok_unit(&S->t[k]) != NULL &&
			    *tok_unit(&S->t[k]) != '\0' &&
			    is_digit((unsigned char)S->t[k - 1].w[0]))
				return 1;
		return 0;
	}
	if (!tp(S, i - 1, ',') || !(S->t[i - 2].cap ||
	    tw(S, i - 2, "area") || tw(S, i - 2, "region")))
		return 0;
	for (k = i - 2; k > 1 && k + 6 > i; k--)
		if (tw(S, k - 1, "in"))
			return is_digit((unsigned char)S->t[k - 2].w[0]) &&
			    k > 2 && S->t[k - 3].punct;
	return 0;
}

/*
 * "16,000 hydro customers still waiting for the lights and heat to be
 * restored": a count whose noun a utility word qualifies ("hydro",
 * "electricity", "gas", "water" customers) is that utility's, not every
 * utility its clause names [count-utility].  utils is what the cue gave;
 * returns the utilities the report keeps.
 */
int
count_utility(const struct sentence *S, const struct quant *q, int utils)
{
	size_t m;
	int u;

	/* cheap first: a word between the number and the noun */
	if (q->t1 < 2 || q->t1 - 2 <= q->t0 || q->noun == NULL)
		return utils;
	m = q->t1 - 2;
	u = tw(S, m, "hydro") ? U(UTIL_POWER) : S->t[m].util;
	return u != 0 && (utils & u) != 0 && (utils & ~u) != 0 ?
	    utils & u : utils;
}

/* Does "including" come at most three words before the count at t0
   ("including the more than 1,600 customers")? */
int
included_count(const struct sentence *S, size_t t0)
{
	size_t k;

	for (k = t0; word_back(k, t0, 4); k--) {
		if (S->t[k - 1].punct)
			return 0;
		if (tw(S, k - 1, "including"))
			return 1;
	}
	return 0;
}

/* "had the most outages, with about 310,000": "outages" before t0, so a
   bare count counts customers (G12). */
int
outages_before(const struct sentence *S, size_t t0)
{
	size_t j;

	for (j = 0; j < t0 && j < S->n; j++)
		if (tw(S, j, "outages"))
			return 1;
	return 0;
}
