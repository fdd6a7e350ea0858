/* SPDX-License-Identifier: MIT */
/*
 * shapes_v_en3.c - counts that utility statements give in their own
 * words (helper v-en3, issue 10): a small remaining figure with no noun
 * after it [remaining-bare], a vague subject of a loss [vague-subject],
 * units that are dwellings [units-out]; and a supply isolated, a
 * network's word for cutting it off [isolated-supply].
 */
#include "cue_checks.h"
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
