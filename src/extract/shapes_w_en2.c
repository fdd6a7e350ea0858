/* SPDX-License-Identifier: MIT */
/*
 * shapes_w_en2.c - English status shapes from a cause analysis of pooled
 * real news passages (helper w-en2, issue 10): a whole said to be back
 * after its outage was told [later-back], and a restoration said in
 * brackets of the figure before them [bracket-status].
 */
#include <string.h>
#include <strings.h>

#include "cue_checks.h"
#include "extract_int.h"

/* The words that say a group of users is back ("are connected"); each
   is in LX_RESTORED, LX_CONNECTED, LX_RECOVERED or LX_ACCESS (a gate of
   later_back() rests on it). */
static int
back_word(const struct sentence *S, size_t k)
{
	static const char *const backs[] = {
		"connected", "reconnected", "restored", "recovered",
		"supplied", "re-energized", "re-energised"
	};

	return TW_ANY(S, k, backs);
}

/* A clause opens before token i: the sentence's start, a comma, a
   quote or a conjunction. */
static int
opens_clause(const struct sentence *S, size_t i)
{
	static const char *const conj[] = {
		"although", "though", "but", "and", "while", "whereas"
	};

	if (i == 0)
		return 1;
	if (S->t[i - 1].punct)
		return tp(S, i - 1, ',') || tp(S, i - 1, ';') ||
		    tp(S, i - 1, '"') || tp(S, i - 1, ':') ||
		    strcmp(S->t[i - 1].w, "\xc2\xab") == 0 ||
		    strcmp(S->t[i - 1].w, "\xe2\x80\x9c") == 0;
	return TW_ANY(S, i - 1, conj);
}

/*
 * [later-back] "All consumers left without power after the attack are
 * already connected", "..., although most recovered within three hours":
 * the group whose outage was told is back, so the report of that outage
 * is a restoration (the state the passage ends on).  The subject is "all"
 * or "most" opening a clause (not "restored to all customers"), the verb
 * a done one: no modal, future or negation between ("all will be
 * restored by Friday", "not all are connected"), no "all but".  Gives
 * the token after the verb, 0 when the sentence says no such thing.
 */
static size_t
whole_back(const struct sentence *S, int all_only)
{
	static const char *const stop[] = {
		"will", "would", "should", "could", "may", "might", "must",
		"expected", "to", "be", "not", "yet", "hope", "hoped", "hopes",
		"but", "except", "no", "once", "until", "when",
		"if", "can"
	};
	size_t i, k;

	for (i = 0; i < S->n; i++) {
		if (!(tw(S, i, "all") || (!all_only && tw(S, i, "most"))) ||
		    !opens_clause(S, i))
			continue;
		for (k = i + 1; k < S->n && k <= i + 16; k++) {
			if (S->t[k].punct && !tp(S, k, ','))
				break;
			if (TW_ANY(S, k, stop))
				break;
			if (!back_word(S, k))
				continue;
			/* "supplied" says it only of a utility: "supplied
			   with power" */
			if (tw(S, k, "supplied") && !(tw(S, k + 1, "with") &&
			    word_utility(S, k + 2) != 0))
				break;
			/* "most recovered": right after the subject, or
			   after a be/have verb */
			if (k == i + 1 || tw(S, k - 1, "been") ||
			    tw(S, k - 1, "are") || tw(S, k - 1, "were") ||
			    tw(S, k - 1, "is") || tw(S, k - 1, "already") ||
			    tw(S, k - 1, "now") || tw(S, k - 1, "since"))
				return k + 1;
			break;
		}
	}
	return 0;
}

void
later_back(struct context *C, const struct sentence *S, size_t first,
    int done)
{
	size_t j, from, last = 0;

	/* cheap gates first: a report to turn (an outage of this
	   sentence and no restoration; or the sentence right before told
	   only outages), then "all" (or "most") */
	if (C->nr == 0 || (done && C->nr == first))
		return;
	if (done) {
		for (j = first; j < C->nr; j++)
			if (C->r[j].status == RS_RESTORED)
				return;
		for (j = first; j < C->nr; j++)
			if (C->r[j].status == RS_OUTAGE)
				break;
		if (j == C->nr)
			return;
	} else {
		last = C->r[C->nr - 1].sentence_start;
		if (C->r[C->nr - 1].status != RS_OUTAGE ||
		    last + C->r[C->nr - 1].sentence_len > S->start ||
		    !blank_between(S->text, last +
		    C->r[C->nr - 1].sentence_len, S->start))
			return;
		/* and this one names no place of its own ("In York, all
		   customers have been reconnected": York's); speed only,
		   asked before "all" is looked for: most sentences name
		   one in their first words */
		for (j = 1; j < S->n; j++)
			if (S->t[j].cap && !S->t[j].punct)
				return;
	}
	/* Speed only (the same output): whole_back() needs a word of
	   back_word(), and each is in one of these lexicon lists (a word
	   added there must be in one too; the eager mode reads on) */
	if (!s_has(S, LX_RESTORED) && !s_has(S, LX_CONNECTED) &&
	    !s_has(S, LX_RECOVERED) && !s_has(S, LX_ACCESS) &&
	    !extract_eager())
		return;
	for (j = 0; j < S->n; j++)
		if ((S->t[j].w[0] == 'a' && tw(S, j, "all")) ||
		    (done && S->t[j].w[0] == 'm' && tw(S, j, "most")))
			break;
	/* the sentence before is said back only by "all": "most of them
	   had been reconnected" is a restoration report of its own, the
	   outage before it stands */
	if (j == S->n || whole_back(S, !done) == 0)
		return;
	if (done) {
		/* the sentence's own outages: "All consumers whose houses
		   were left without power are already connected" */
		for (j = first; j < C->nr; j++)
			if (C->r[j].status == RS_OUTAGE)
				C->r[j].status = RS_RESTORED;
		return;
	}
	/* before the sentence's own reports: the sentence right before,
	   when it told outages (and this one names no place of its own:
	   asked above) */
	for (from = C->nr; from > 0 && C->r[from - 1].sentence_start == last;
	    from--)
		if (C->r[from - 1].status != RS_OUTAGE)
			return;
	for (j = from; j < C->nr; j++)
		C->r[j].status = RS_RESTORED;
}

/* Where report r's count phrase starts in sentence S; SIZE_MAX: none. */
static size_t
count_at(const struct sentence *S, const struct extract_report *r)
{
	size_t n = strlen(r->count_text), i;
	const char *s = S->text + S->start;

	if (n == 0 || n > S->len)
		return SIZE_MAX;
	for (i = 0; i + n <= S->len; i++)
		if (memcmp(s + i, r->count_text, n) == 0)
			return S->start + i;
	return SIZE_MAX;
}

/*
 * [bracket-status] "16 settlements were cut off in X (all of them have
 * already been restored), 5 settlements in Y": the restoration in
 * brackets is said of the figure before them; the figure after the
 * brackets goes on in the status of the sentence's cue outside them.
 */
void
bracket_status(struct context *C, const struct sentence *S, size_t first)
{
	size_t i, open = SIZE_MAX, close = SIZE_MAX, cue = SIZE_MAX, j, at;
	size_t before = SIZE_MAX, best = 0;

	/* speed: no bracket in the sentence's bytes, nothing to do */
	if (C->nr < first + 2 ||
	    memchr(S->text + S->start, '(', S->len) == NULL)
		return;
	for (i = 0; i < S->n; i++) {
		if (tp(S, i, '('))
			open = i;
		else if (tp(S, i, ')') && open != SIZE_MAX) {
			close = i;
			break;
		} else if (open != SIZE_MAX && cue == SIZE_MAX &&
		    (tw(S, i, "restored") || tw(S, i, "reconnected")))
			cue = i;
	}
	if (close == SIZE_MAX || cue == SIZE_MAX)
		return;
	/* the counted report ending nearest before the brackets */
	for (j = first; j < C->nr; j++) {
		at = count_at(S, &C->r[j]);
		if (at == SIZE_MAX || at >= S->t[open].start)
			continue;
		if (before == SIZE_MAX || at > best) {
			before = j;
			best = at;
		}
	}
	if (before == SIZE_MAX || C->r[before].status == RS_RESTORED)
		return;
	for (j = first; j < C->nr; j++) {
		at = count_at(S, &C->r[j]);
		if (at == SIZE_MAX || at <= S->t[close].start ||
		    C->r[j].status != RS_RESTORED ||
		    strcasecmp(C->r[j].cue, S->t[cue].w) != 0)
			continue;
		C->r[j].status = C->r[before].status;
	}
	C->r[before].status = RS_RESTORED;
}

/*
 * [back-after] "Customers have regained power after the nationwide
 * blackout last Friday", "supply returned following Monday's outage": the
 * outage after "after" / "following" is the one the restoration ended,
 * history, not a report of its own.  A count-less outage of the sentence
 * whose cue word comes (over "the", a day or adjectives, four words at
 * most) after such a word, later than a restoration the sentence told for
 * the same utility and place, is dropped.
 */
void
back_after(struct context *C, const struct sentence *S, size_t first)
{
	size_t j, r, k, w, back = SIZE_MAX;

	if (C->nr < first + 2)
		return;
	for (r = first; r < C->nr; r++)
		if (C->r[r].status == RS_RESTORED)
			break;
	if (r == C->nr)
		return;
	/* the restoration's cue word in the sentence */
	for (k = 0; k < S->n; k++)
		if (!S->t[k].punct &&
		    strcasecmp(S->t[k].w, C->r[r].cue) == 0) {
			back = k;
			break;
		}
	if (back == SIZE_MAX)
		return;
	for (j = first; j < C->nr; j++) {
		/* a place of its own ("hours after a blackout across
		   Kenya" after Kisumu's restoration) is a report */
		if (C->r[j].status != RS_OUTAGE ||
		    C->r[j].count_text[0] != '\0')
			continue;
		for (w = first; w < C->nr; w++)
			if (C->r[w].status == RS_RESTORED &&
			    C->r[w].utility == C->r[j].utility &&
			    C->r[w].region == C->r[j].region &&
			    strcmp(C->r[w].mention, C->r[j].mention) == 0)
				break;
		if (w == C->nr)
			continue;
		for (k = back + 1; k < S->n; k++) {
			if (S->t[k].punct || strcasecmp(S->t[k].w,
			    C->r[j].cue) != 0)
				continue;
			for (w = k; w > back + 1 && k - w < 5; w--)
				if (tw(S, w - 1, "after") ||
				    tw(S, w - 1, "following"))
					break;
			if (w > back + 1 && k - w < 5 &&
			    (tw(S, w - 1, "after") ||
			    tw(S, w - 1, "following")))
				break;
		}
		if (k == S->n)
			continue;
		memmove(&C->r[j], &C->r[j + 1],
		    (C->nr - j - 1) * sizeof(C->r[0]));
		C->nr--;
		j--;
	}
}
