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
 * [part-of-the] "in parts of the Mid-Atlantic", "across much of the
 * Midwest": after a part's "of", "the" opens the name as it does after
 * "in" ("the members of the board" is no part).  i is the "of".
 */
int
part_of(const struct sentence *S, size_t i)
{
	return i > 0 && (tw(S, i - 1, "parts") || tw(S, i - 1, "part") ||
	    tw(S, i - 1, "much") || tw(S, i - 1, "most"));
}

/*
 * [compass-pair] "in the central and lower North Island", "across
 * northern and eastern Cape": two compass words joined before a name the
 * gazetteer may not know; i is the "and" (or "or"), and the name starts
 * after the second compass word (places.c passes over it).
 */
int
compass_pair(const struct sentence *S, size_t i)
{
	return i >= 2 && i + 2 < S->n && (tw(S, i, "and") || tw(S, i, "or")) &&
	    tin(S, i + 1, LX_COMPASS) && !S->t[i + 1].cap &&
	    tin(S, i - 1, LX_COMPASS) && (tw(S, i - 2, "the") ||
	    tw(S, i - 2, "in") || tw(S, i - 2, "across"));
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
