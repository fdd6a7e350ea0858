/* SPDX-License-Identifier: MIT */
/*
 * extract.c - news text to candidate outage reports, by rule.  Sentences
 * are split, tokenised and tagged with utility, status and quantity cues;
 * each count phrase becomes a report tied to its nearest status cue and
 * place name, by the rules of docs/extraction.md; a rule's name in
 * brackets, such as [not-affected], cites it.  Pure.  This file reads the
 * sentences in turn and keeps what carries over; text.c, numbers.c,
 * lexicon.c, utility.c, cues.c, cue_rules.c, counts.c, places.c,
 * reports.c and report_places.c do the rest.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract_int.h"

/*
 * Places named right after an excluded count [not-affected]: "300
 * residents of X", "in X".
 */
static void
own_places(const struct sentence *S, const struct quant *q, size_t nq,
    struct place *p, size_t np)
{
	size_t j, k;

	for (j = 0; j < nq; j++)
		for (k = 0; k < np; k++) {
			if (q[j].excluded && (tw(S, q[j].t1, "of") ||
			    tw(S, q[j].t1, "in")) && p[k].tok == q[j].t1 + 1)
				p[k].owned = 1;
			if (!q[j].excluded &&
			    p[k].clause == S->t[q[j].t0].clause)
				p[k].counted = 1;
		}
}

/* The gazetteer's names in sentence S (by byte span; no tokens needed). */
static size_t
names_in(struct context *C, const struct sentence *S,
    struct gaz_match *m, int note)
{
	size_t nm = 0, k;

	/* places are looked up sentence by sentence: no cap per text */
	if (C->g != NULL)
		nm = scan_places(C->g, S->text + S->start, S->len, m,
		    MAX_MATCHES);
	for (k = 0; k < nm; k++)
		m[k].start += S->start;
	if (note)	/* a sentence that may report, lazy or not */
		story_note(C, S, m, nm);
	return nm;
}

/* The places S names (tokenized, clauses marked): p points into m, pm. */
static size_t
places_of(struct context *C, const struct sentence *S,
    struct gaz_match *m, struct gaz_match *pm, size_t npm, struct place *p,
    size_t max, int note)
{
	size_t nm = names_in(C, S, m, note), np;

	np = sentence_places(S, m, nm, pm, npm, p, max);
	/* "у Смілі на Черкащині", "у Херсоні та області" (lang_uk.c) */
	return S->lang != 0 ? cyr_places(C, S, p, np, max) :
	    np;
}

/* "Madison County", "Tangipahoa Parish": a name the gazetteer may not
   know that ends in a county's kind (z-en-us). */
static int
county_like(const char *text, const struct gaz_match *m)
{
	static const char *const kinds[] = { " County", " Parish",
	    " Borough", " Township", " Shire" };
	size_t k, l;

	if (m->region != NULL)
		return 0;
	for (k = 0; k < NELEM(kinds); k++) {
		l = strlen(kinds[k]);
		if (m->len > l && memcmp(text + m->start + m->len - l,
		    kinds[k], l) == 0)
			return 1;
	}
	return 0;
}

/*
 * A sentence's last known place is where the next may continue [inheritance].
 * Returns 1 when it set one.  C->cur is the sentence of p.
 */
static int
leave_place(struct context *C, const struct place *p, size_t np)
{
	struct extract_report tmp;
	size_t all = np, k;

	/* the unknown places come after the known: the last known one */
	while (np > 0 && p[np - 1].m->region == NULL)
		np--;
	/* not a place the story's figures break down to ("particularly
	   in Brittany and Normandy") [concentration] */
	while (np > 0 && p[np - 1].story)
		np--;
	/* not a possessor ("the attack on Ukraine's grid"): the known
	   place before it, else none [possessor-place] (possessive_places.c) */
	for (k = np; k > 0 && (p[k - 1].m->region == NULL ||
	    possessor_only(C, p, all, &p[k - 1])); k--)
		;
	if (k == 0 && np > 0)
		return 0;
	np = k;
	/* none known: "In Madison County, trees fell on lines.  About 750
	   customers are without power": a county the gazetteer does not
	   know is still a place the next sentence continues (z-en-us) */
	if (np == 0)
		for (np = all; np > 0 && !county_like(C->text, p[np - 1].m);
		    np--)
			;
	/* "Gas supply to subscribers in the Vake-Saburtalo district was
	   interrupted.  ... cut off to about 150,000 subscribers": any
	   other place the gazetteer does not know, but one the story's
	   figures break down to */
	if (np == 0)
		for (np = all; np > 0 && (p[np - 1].story ||
		    p[np - 1].m->region != NULL); np--)
			;
	if (np == 0)
		return 0;
	place_from(C, &p[np - 1], &tmp);
	C->inh_region = tmp.region;
	str_copy(C->inh_mention, tmp.mention, sizeof(C->inh_mention));
	/* "people in Moldova's breakaway region of Transnistria": the
	   held place the gazetteer does not know, as said
	   [possessive-inner] (v-en2) */
	held_place(C, &p[np - 1]);
	return 1;
}

/*
 * The place the pending cue-less sentences leave: the latest one that
 * names a place decides, as if each had been read in turn.
 */
static void
settle_places(struct context *C)
{
	struct gaz_match m[MAX_MATCHES], pm[MAX_UNKNOWN];
	struct place p[32];
	const struct sentence *cur = C->cur;
	struct sentence *S;
	size_t k, nm, np, i;

	C->settle_due = 0;
	for (k = C->pend_to; k > C->pend_from; k--) {
		S = C->scratch;
		S->text = C->text;
		S->start = C->sp[k - 1].start;
		S->len = C->sp[k - 1].len;
		/* every pending sentence is read for the place it leaves,
		   known to the gazetteer or not (leave_place) */
		nm = names_in(C, S, m, 0);
		if (C->index - (k - 1) < RING) {
			/* one of the last sentences, still tokenized: as
			   tokenize() would give it, with no utilities (the
			   only field besides clause, set below, that
			   do_sentence writes after tokenize()) */
			S = &C->ring[(k - 1) % RING];
			for (i = 0; i < S->n; i++)
				S->t[i].util = 0;
		} else {
			tokenize(S);
			S->marked = 0;
		}
		if (S->n == 0)
			continue;
		/* Speed only (the same numbers): a sentence do_sentence()
		   pended after mark_clauses() has its clauses already;
		   mark_clauses() reads no utility and writes every token's
		   clause, and nothing else writes one */
		if (!S->marked)
			mark_clauses(S);
		C->cur = S;
		np = sentence_places(S, m, nm, pm, NELEM(pm), p, NELEM(p));
		if (leave_place(C, p, np))
			break;
	}
	C->cur = cur;
	C->pend_from = C->pend_to = 0;
}

/*
 * The place the story left for sentence C->index [inheritance]: the
 * pending sentences' place is looked up here, at the first read, rather
 * than before every sentence that may report (most name their own).
 */
const struct region *
prev_region(struct context *C)
{
	if (C->settle_due)
		settle_places(C);
	return C->inh_region;
}

const char *
prev_mention(struct context *C)
{
	if (C->settle_due)
		settle_places(C);
	return C->inh_mention;
}

int extract_eager_on;	/* extract_set_eager(); read by extract_eager() */

void
extract_set_eager(int on)
{
	extract_eager_on = on;
}

/*
 * Can these cues and counts give a report?  A counted report needs a count
 * that is not excluded [not-affected], a count-less one a strong cue that
 * names its utility and is not off (see counted_reports,
 * countless_reports).
 */
static int
can_report(const struct cue *c, size_t nc, const struct quant *q, size_t nq)
{
	size_t k;

	if (nc == 0)
		return 0;
	for (k = 0; k < nq; k++)
		if (!q[k].excluded)
			return 1;
	for (k = 0; k < nc; k++)
		if (c[k].strong && !c[k].off && c[k].util != 0)
			return 1;
	return 0;
}

/* The utility of the last counted report (else of the last one). */
static int
last_counted(const struct context *C)
{
	size_t k;

	for (k = C->nr; k-- > 0;)
		if (C->r[k].count_text[0] != '\0')
			return U(C->r[k].utility);
	return U(C->r[C->nr - 1].utility);
}

/* "all of them have been reconnected", "all the consumers ... were
   reconnected": the subject of the cue at ct, within eight words before
   it, is the whole group */
static int
all_of_them(const struct sentence *S, size_t ct)
{
	size_t k;
	const char *u;

	for (k = ct; word_back(k, ct, 8); k--) {
		if (!tw(S, k - 1, "all"))
			continue;
		if (tw(S, k, "of") && (tw(S, k + 1, "them") ||
		    tw(S, k + 1, "those") || tw(S, k + 1, "these")))
			return 1;
		u = k + (size_t)tw(S, k, "the") < S->n ?
		    tok_unit(&S->t[k + (size_t)tw(S, k, "the")]) : NULL;
		return u != NULL && *u != '\0';
	}
	return 0;
}

/* Does a word of S name utility u? */
static int
sentence_names(const struct sentence *S, int u)
{
	size_t i;

	for (i = 0; i < S->n; i++)
		if (S->t[i].util & u)
			return 1;
	return 0;
}

/*
 * "Supply resumed in X", "the utility said supply had been restored to
 * A, B and C": a cue about supply or service that names no utility
 * speaks of the one the story is about (the last one named).
 */
static void
supply_cues(const struct context *C, const struct sentence *S,
    struct cue *c, size_t nc)
{
	size_t k, i, d, best, back;
	int u;

	for (k = 0; k < nc; k++) {
		/* "SNGPL restored gas to A. Residents of B complained of low
		   pressure": pressure with no utility named is the gas the
		   story is about, not water */
		if (c[k].util == U(UTIL_WATER) && C->prev_util == U(UTIL_GAS) &&
		    tw(S, c[k].tok, "low") && tw(S, c[k].tok + 1, "pressure") &&
		    !sentence_names(S, U(UTIL_WATER)))
			c[k].util = U(UTIL_GAS);
		if (c[k].util != 0 || !c[k].strong)
			continue;
		/* "Water supply to the Saltivskyi district was cut off": the
		   supply its clause is about, named before it */
		for (i = c[k].tok; i-- > 0 && c[k].util == 0;)
			if (S->t[i].clause == S->t[c[k].tok].clause &&
			    S->t[i].util != 0 && (tw(S, i + 1, "supply") ||
			    tw(S, i + 1, "supplies") || tw(S, i + 1, "service")))
				c[k].util = S->t[i].util;
		if (c[k].util != 0)
			continue;
		/* with no utility named before: the one the sentence names
		   nearest the cue ("switched off supply in A ..., and said
		   power would return") */
		u = C->prev_util;
		for (i = 0, best = SIZE_MAX; C->prev_util == 0 && i < S->n;
		    i++) {
			d = i > c[k].tok ? i - c[k].tok : c[k].tok - i;
			if (S->t[i].util != 0 && d < best) {
				best = d;
				u = S->t[i].util;
			}
		}
		/* three words back; five when a "not" stands between
		   ("supply had still not been restored") */
		back = c[k].tok >= 2 && (tin(S, c[k].tok - 1, LX_NOT) ||
		    tin(S, c[k].tok - 2, LX_NOT)) ? 5 : 3;
		/* "Supply has since been restored": an adverb among the
		   auxiliaries */
		if (back == 3 && c[k].tok >= 4 && tw(S, c[k].tok - 1, "been") &&
		    tin(S, c[k].tok - 3, LX_AUX) &&
		    (tw(S, c[k].tok - 2, "since") ||
		    tw(S, c[k].tok - 2, "now") ||
		    tw(S, c[k].tok - 2, "already") ||
		    tw(S, c[k].tok - 2, "also")))
			back = 4;
		/* "customers now have supply": two words on */
		for (i = c[k].tok > back ? c[k].tok - back : 0;
		    i <= c[k].tok + 1 + tw(S, c[k].tok, "now") && i < S->n;
		    i++)
			if ((tw(S, i, "supply") || tw(S, i, "service") ||
			    tw(S, i, "supplies") ||
			    /* "All services were back", "Services were
			       restored": services of no kind named (not
			       "bus services") */
			    (tw(S, i, "services") && (i == 0 ||
			    tw(S, i - 1, "all") || tw(S, i - 1, "the") ||
			    tw(S, i - 1, "its") || tw(S, i - 1, "their") ||
			    tw(S, i - 1, "these") || tw(S, i - 1, "those")))) &&
			    S->t[i].clause == S->t[c[k].tok].clause)
				/* "Service had come back": the service the
				   story last counted */
				c[k].util = (tw(S, i, "services") ||
				    tw(S, i, "service")) && C->nr > 0 ?
				    last_counted(C) : u;
		/* "By the morning, all of them have been reconnected": the
		   whole group the story last counted is back [later-state] */
		if (c[k].util == 0 && c[k].status == RS_RESTORED &&
		    C->nr > 0 && all_of_them(S, c[k].tok))
			c[k].util = last_counted(C);
		/* "Supply to Korangi and Landhi was restored": "supply to"
		   and its places, up to eight words back [supply-to] */
		for (i = c[k].tok > 8 ? c[k].tok - 8 : 0;
		    c[k].util == 0 && i + 1 < c[k].tok; i++)
			if (tw(S, i, "supply") && tw(S, i + 1, "to") &&
			    S->t[i].clause == S->t[c[k].tok].clause)
				c[k].util = u;
		/* "the supply of electricity to the regions of the country
		   is now gradually being restored": the utility it names */
		for (i = c[k].tok > 14 ? c[k].tok - 14 : 0;
		    c[k].util == 0 && i + 3 < c[k].tok; i++)
			if (tw(S, i, "supply") && tw(S, i + 1, "of") &&
			    S->t[i + 2].util != 0 && tw(S, i + 3, "to") &&
			    S->t[i].clause == S->t[c[k].tok].clause)
				c[k].util = S->t[i + 2].util;
	}
}

/*
 * [concentration] "Outages were concentrated in A and B", "..., mostly in
 * the X area": the cue speaks of what the story told just before, the
 * sentence's own earlier cue or else the last report, and takes its
 * utility (and, for CUE_STORY_STATUS, its status).  With no story before
 * it, it names no utility and gives no report.
 */
static void
story_cues(const struct context *C, const struct sentence *S,
    struct cue *c, size_t nc)
{
	size_t k, j;

	for (k = 0; k < nc; k++) {
		if (!c[k].story)
			continue;
		for (j = k; j-- > 0;)
			if (!c[j].off && !c[j].story)
				break;
		if (j != SIZE_MAX) {
			if (c[k].story == CUE_STORY_STATUS)
				c[k].status = c[j].status;
			c[k].util = c[j].util != 0 ? c[j].util : C->prev_util;
			/* "N households have been affected by the outages,
			   with the majority on X": no utility named yet, so
			   the one the sentence's count takes (reports.c:
			   power when none is named) */
			if (c[k].util == 0 && c[k].story == CUE_STORY_STATUS &&
			    (c[k].util = story_fallback(S, c[k].tok)) == 0)
				c[k].util = U(UTIL_POWER);
		} else if (c[k].story == CUE_STORY_DEFINITE) {
			c[k].util = C->prev_util;
		} else if (C->nr > 0) {
			if (c[k].story == CUE_STORY_STATUS)
				c[k].status = C->r[C->nr - 1].status;
			c[k].util = U(C->r[C->nr - 1].utility);
		} else if (c[k].story == CUE_STORY_UTILITY)
			/* "The water main burst on Monday.  Further outages
			   are impacting customers in A and B": no report yet,
			   the utility the story named */
			c[k].util = C->prev_util;
		/* no story before it, and no other cue in its sentence:
		   its own sentence's utility [story-fallback] */
		if (c[k].util == 0 && C->nr == 0 && C->prev_util == 0) {
			for (j = 0; j < nc && (c[j].story || c[j].off ||
			    !c[j].strong); j++)
				;
			if (j == nc)
				c[k].util = story_fallback(S, c[k].tok);
		}
	}
}

/*
 * Which words of S find_cues() examines: HEAD_STATUS when a token may
 * start a status cue (LX_STATUS_HEAD: status_word() is asked of no other
 * word), HEAD_UTILITY when one may name a utility (LX_UTILITY_HEAD:
 * word_utility() likewise).  Without the first it finds no cue, without
 * either nothing at all.  The lexicon sets both bits from the rules' own
 * tables (cue_words(), the utility lists): a rule author adding a cue
 * word or a utility word adds it there, and so to these gates.
 */
#define HEAD_STATUS	1
#define HEAD_UTILITY	2

static int
has_heads(const struct sentence *S)
{
	return (s_has(S, LX_STATUS_HEAD) ? HEAD_STATUS : 0) |
	    (s_has(S, LX_UTILITY_HEAD) ? HEAD_UTILITY : 0);
}

/* No report can come of sentence C->index: its place can wait. */
static void
pend(struct context *C)
{
	if (C->pend_to == C->pend_from)
		C->pend_from = C->index;
	C->pend_to = C->index + 1;
}

/* Do the reports from first on name two places, neither within the
   other?  Two the gazetteer does not know count when each has its own
   figure ("Another 3,100 were in A, 2,450 were in B"). */
static int
places_apart(const struct context *C, size_t first)
{
	const struct extract_report *a, *b;
	size_t k, j;

	for (k = first; k < C->nr; k++)
		for (j = k + 1; j < C->nr; j++) {
			a = &C->r[k];
			b = &C->r[j];
			if (a->region == NULL && b->region == NULL &&
			    a->affected >= 0 && b->affected >= 0 &&
			    a->mention[0] != '\0' && b->mention[0] != '\0' &&
			    strstr(a->mention, b->mention) == NULL &&
			    strstr(b->mention, a->mention) == NULL)
				return 1;
			if (a->region == NULL || b->region == NULL ||
			    a->region == b->region ||
			    region_within(a->region, b->region) ||
			    region_within(b->region, a->region))
				continue;
			return 1;
		}
	return 0;
}

/* Does report r's sentence name its place (not inherited)? */
static int
names_own_place(const struct context *C, const struct extract_report *r)
{
	return r->mention[0] != '\0' && memmem(C->text + r->sentence_start,
	    r->sentence_len, r->mention, strlen(r->mention)) != NULL;
}

/* Does the first counted report from first on name no place of its own
   while a later one does (a part of it: "..., including 2,700 in
   Laval")? */
static int
parts_only_placed(const struct context *C, size_t first)
{
	size_t k, j;

	for (k = first; k < C->nr && C->r[k].affected < 0; k++)
		;
	/* Speed only (the same answer): the later reports first, then
	   the search of the sentence for the mention (most sentences
	   have one counted report, so no later one) */
	for (j = k + 1; j < C->nr; j++)
		if (C->r[j].affected >= 0 && (C->r[j].region != NULL ||
		    C->r[j].mention[0] != '\0'))
			return !names_own_place(C, &C->r[k]);
	return 0;
}

/*
 * Is report r on a place the sentence names only as where its story is
 * worst ("40,000 customers were without power, with Viana being the most
 * affected")?  Such a place is a part, so the next sentence's figures do
 * not continue it [concentration].
 */
static int
on_story_place(const struct sentence *S, const struct extract_report *r,
    const struct place *p, size_t np)
{
	size_t k, n = strlen(r->mention), l;

	/* the mention as said, or with the list's kind after it
	   ("Lanaudière region" of "the Laurentians and Lanaudière
	   regions") */
	for (k = 0; k < np; k++)
		if (p[k].story && (l = p[k].m->len) <= n &&
		    memcmp(S->text + p[k].m->start, r->mention, l) == 0 &&
		    (r->mention[l] == '\0' || r->mention[l] == ' '))
			return 1;
	return 0;
}

static void
do_sentence(struct context *C, struct sentence *S)
{
	struct gaz_match m[MAX_MATCHES];
	struct cue c[MAX_CUES];
	struct quant q[MAX_QUANT];
	struct place p[32];
	struct gaz_match pm[MAX_UNKNOWN];
	size_t nc, nq, np, first = C->nr, goes_on;
	int u, heads;

	tokenize(S);
	S->marked = 0;
	if (S->n == 0)
		return;
	C->cur = S;
	/* no word a cue or a utility starts from: no cue, no utility, so
	   what follows would find none (and leave clause_utils() 0) */
	heads = extract_eager() ? HEAD_STATUS | HEAD_UTILITY : has_heads(S);
	/* [count-goes-on] (count_shapes.c): a cue-less count after a
	   counted outage */
	goes_on = C->nr > 0 && ((extract_eager() ? has_heads(S) : heads) &
	    HEAD_UTILITY) == 0 ? count_goes_on(C, S) : SIZE_MAX;
	if (heads == 0 && goes_on == SIZE_MAX) {
		pend(C);
		return;
	}
	/* [later-back] (report_passes.c): "all are connected" after the
	   sentence that told the outage (a sentence with a head word:
	   eager reads the same ones) */
	if (!extract_eager() || has_heads(S) != 0)
		later_back(C, S, first, 0);
	/* utility words but no word a cue starts from: find_cues() would
	   find no cue, so no count is read and no report made; only the
	   utilities it marks are kept, and they need no clauses
	   (clause_utils(S, -1)) */
	if (!(heads & HEAD_STATUS) && goes_on == SIZE_MAX) {
		size_t i;

		pend(C);
		for (i = 0; i < S->n; i++)
			S->t[i].util = lx_in(S->t[i].lx, LX_UTILITY_HEAD) ?
			    word_utility(S, i) : 0;
		if ((u = clause_utils(S, -1)) != 0)
			C->prev_util = u;
		return;
	}
	mark_clauses(S);
	S->marked = 1;
	nc = find_cues(S, c);
	if (nc == 0 && goes_on != SIZE_MAX) {
		memset(&c[0], 0, sizeof(c[0]));
		c[0].tok = goes_on;
		c[0].status = RS_OUTAGE;
		c[0].util = U(C->r[C->nr - 1].utility);
		nc = 1;
	}
	supply_cues(C, S, c, nc);
	story_cues(C, S, c, nc);
	nq = nc > 0 || extract_eager() ? find_quants(S, q) : 0;
	if (!extract_eager() && !can_report(c, nc, q, nq)) {
		pend(C);
		if ((u = clause_utils(S, -1)) != 0)
			C->prev_util = u;
		return;
	}
	/* the place the pending sentences leave: at the first read of
	   prev_region() or prev_mention(), or below */
	C->settle_due = C->pend_to > C->pend_from;
	np = places_of(C, S, m, pm, NELEM(pm), p, NELEM(p),
	    can_report(c, nc, q, nq));
	np = office_places(C, S, p, np);
	own_places(S, q, nq, p, np);
	counted_reports(C, S, c, nc, q, nq, p, np);
	countless_reports(C, S, c, nc, q, nq, p, np);
	including_places(C, S, first, p, np);
	intro_list_places(C, S, first, p, np);
	whole_group_later(C, S, first);
	list_restored(C, first, np);
	later_back(C, S, first, 1);
	bracket_status(C, S, first);
	possessive_inner(C, S, first);
	back_after(C, S, first);

	/* what the next sentence may continue [inheritance]: not one of
	   several places its reports break down to ("particularly in
	   Brittany (200,000) and Normandy (51,000)") */
	if (C->nr > first && places_apart(C, first)) {
		C->inh_region = NULL;
		C->inh_mention[0] = '\0';
	} else if (C->nr > first && parts_only_placed(C, first)) {
		/* "3,900 customers were still without power, including
		   2,700 in Laval": the head count names no place, and its
		   part's is no place of the story; the story's stands */
		if (C->settle_due)
			settle_places(C);
	} else if (C->nr > first && (C->r[C->nr - 1].region != NULL ||
	    C->r[C->nr - 1].mention[0] != '\0') &&
	    !on_story_place(S, &C->r[C->nr - 1], p, np)) {
		C->inh_region = C->r[C->nr - 1].region;
		str_copy(C->inh_mention, C->r[C->nr - 1].mention,
		    sizeof(C->inh_mention));
	} else if (!leave_place(C, p, np) && C->settle_due)
		/* this sentence leaves no place: the pending ones' stands,
		   as if looked up before it (nothing read in between
		   changes what settle_places() finds) */
		settle_places(C);
	/* what was pending is settled or overridden */
	C->settle_due = 0;
	C->pend_from = C->pend_to = 0;
	if ((u = clause_utils(S, -1)) != 0)
		C->prev_util = u;
}

/*
 * [standing-cue]: does the count-less report r[i] fold into another of
 * the n (a counted one for the same thing, the same claim earlier, or a
 * later state of it)?
 */
static int
countless_folds(const struct extract_report *r, size_t n, size_t i)
{
	size_t j;

	for (j = 0; j < n; j++) {
		if (j == i || r[j].utility != r[i].utility ||
		    r[j].status != r[i].status ||
		    r[j].region != r[i].region ||
		    strcmp(r[i].mention, r[j].mention) != 0)
			continue;
		if (r[j].count_text[0] != '\0')
			return 1;
		/* the same count-less claim twice */
		if (r[j].count_text[0] == '\0' && j < i)
			return 1;
	}
	/* [later-state]: a count-less outage told later as restored or
	   partial for the same place is one report, the later */
	for (j = i + 1; j < n; j++) {
		if (r[j].utility != r[i].utility ||
		    r[j].region != r[i].region ||
		    strcmp(r[i].mention, r[j].mention) != 0 ||
		    r[i].mention[0] == '\0' ||
		    r[i].sentence_start == r[j].sentence_start)
			continue;
		if (r[i].status == RS_OUTAGE && r[j].status != RS_OUTAGE &&
		    r[j].count_text[0] == '\0')
			return 1;
	}
	return 0;
}

/*
 * [standing-cue]: a count-less report folds into a counted one for the
 * same thing.  Speed only (the same reports): every fold is of a
 * count-less report, so a counted one (most) is kept without the loops
 * of countless_folds().
 */
static size_t
fold_countless(struct extract_report *r, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++)
		/* not copied onto itself (a report is large, and most
		   texts drop none) */
		if ((r[i].count_text[0] != '\0' ||
		    !countless_folds(r, n, i)) && o++ != i)
			r[o - 1] = r[i];
	return o;
}

size_t
extract_reports(const struct gazetteer *g, const char *text, size_t len,
    struct extract_report *out, size_t max)
{
	struct context C;
	struct extract_span *sp;
	struct sentence *S;
	size_t ns, k, n;

	if (text == NULL || len == 0)
		return 0;
	lex_init();
	memset(&C, 0, sizeof(C));
	C.g = g;
	C.text = text;
	ns = len / 2 + 1;	/* an upper bound: every sentence takes 2 bytes */
	/* RING in turn (settle_places() reads the pending ones again, and
	   most pending runs are short), its scratch and the spans, in one
	   block (speed only: one allocation a text, not two) */
	if (ns > (SIZE_MAX - (RING + 1) * sizeof(*S)) / sizeof(*sp))
		return 0;	/* not reached: len fits memory */
	_Static_assert(sizeof(*S) % _Alignof(struct extract_span) == 0,
	    "the spans after the sentences are aligned");
	S = xmalloc((RING + 1) * sizeof(*S) + ns * sizeof(*sp));
	sp = (struct extract_span *)(void *)&S[RING + 1];
	ns = extract_sentences(text, len, sp, ns);
	C.sp = sp;
	C.ring = S;
	C.scratch = &S[RING];
	for (k = 0; k < ns; k++) {
		struct sentence *Sk = &S[k % RING];

		Sk->text = text;
		Sk->start = sp[k].start;
		Sk->len = sp[k].len;
		C.index = k;
		do_sentence(&C, Sk);
	}
	story_places(&C);
	n = fold_countless(C.r, C.nr);
	n = fold_restated(C.r, n);
	n = fold_countless_near(C.r, n);	/* report_fold.c */
	n = fold_repeated(C.r, n, text);
	n = fold_peak_restored(C.r, n, text);	/* report_fold.c */
	n = cyr_fold_repeats(C.r, n, text);	/* lang_uk.c */
	conf_finish(C.r, n, text);		/* confidence.c */
	if (n > max)
		n = max;
	if (n > 0)
		memcpy(out, C.r, n * sizeof(*out));
	free(S);	/* and sp */
	free(C.r);
	return n;
}

/* A JSON string of n bytes; invalid UTF-8 becomes '?' rather than lost. */
static json_t *
jstr(const char *s, size_t n)
{
	json_t *j;
	char *c;
	size_t i;

	if ((j = json_stringn(s, n)) != NULL)
		return j;
	c = xstrndup(s, n);
	for (i = 0; i < n; i++)
		if ((unsigned char)c[i] >= 0x80)
			c[i] = '?';
	j = json_stringn(c, n);
	free(c);
	return j;
}

json_t *
extract_report_json(const struct extract_report *r, const char *text)
{
	json_t *o = json_object();

	json_object_set_new(o, "region", r->region != NULL ?
	    json_string(r->region->id) : json_null());
	json_object_set_new(o, "region_name", r->region != NULL ?
	    jstr(r->region_name, strlen(r->region_name)) : json_null());
	json_object_set_new(o, "mention", r->mention[0] != '\0' ?
	    jstr(r->mention, strlen(r->mention)) : json_null());
	json_object_set_new(o, "utility", json_string(utility_name(r->utility)));
	json_object_set_new(o, "status",
	    json_string(report_status_name(r->status)));
	json_object_set_new(o, "affected", r->affected >= 0 ?
	    json_integer(r->affected) : json_null());
	json_object_set_new(o, "percent", r->percent > 0 ?
	    json_real(r->percent) : json_null());
	json_object_set_new(o, "unit", r->unit[0] != '\0' ?
	    json_string(r->unit) : json_null());
	json_object_set_new(o, "approximate", json_boolean(r->approximate));
	json_object_set_new(o, "confidence",
	    json_real((double)(long)(r->confidence * 100 + 0.5) / 100));
	json_object_set_new(o, "sentence", text != NULL ?
	    jstr(text + r->sentence_start, r->sentence_len) : json_null());
	json_object_set_new(o, "count_text", r->count_text[0] != '\0' ?
	    jstr(r->count_text, strlen(r->count_text)) : json_null());
	json_object_set_new(o, "cue", r->cue[0] != '\0' ?
	    jstr(r->cue, strlen(r->cue)) : json_null());
	return o;
}
