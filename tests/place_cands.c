/* SPDX-License-Identifier: MIT */
/*
 * place_cands.c - extract_eval -c: for every predicted report, the places
 * the extractor could have given it, with features of each and whether it
 * agrees with the gold report the prediction matched (or, unmatched,
 * with a missed gold report of the same utility and status).  One JSON
 * line per prediction, for scripts/fit-places.py (a measured spike:
 * tests/data/eval/README.md, "Place choice: fitted vs rules").
 *
 * The candidates are re-found here with the extractor's own functions
 * (tokenize, mark_clauses, scan_places, sentence_places, place_from):
 * the extractor itself is not changed.  Candidates: the places of the
 * report's sentence, the place the story left before it (the last report
 * of an earlier sentence, else the last known place of the nearest earlier
 * sentence naming one), the rule's own choice when it is none of these,
 * and "no place".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "extract_int.h"
#include "place_cands.h"

#define MAXC	40

struct cand {
	const struct region *region;
	char	 mention[EXTRACT_MENTION_MAX];
	int	 kind;		/* 0 sentence, 1 inherited, 2 previous
				   sentence, 3 rule's other, 4 none */
	const struct place *p;	/* kind 0 */
	size_t	 idx;		/* index among the sentence's places */
};

static struct sentence S;	/* 30 KB: not on the stack */

/* The token holding byte offset off (absolute), or S.n. */
static size_t
tok_of(size_t off)
{
	size_t i;

	for (i = 0; i < S.n; i++)
		if (S.t[i].start + S.t[i].len > off)
			return i;
	return S.n;
}

/* Where the words w stand in sentence [s, s + n) (case-insensitive);
   SIZE_MAX when absent. */
static size_t
find_in(const char *text, size_t s, size_t n, const char *w)
{
	size_t l = strlen(w), k;

	if (l == 0 || l > n)
		return SIZE_MAX;
	for (k = s; k + l <= s + n; k++)
		if (strncasecmp(text + k, w, l) == 0)
			return k;
	return SIZE_MAX;
}

static int
same_place(const struct region *r, const char *m,
    const struct extract_report *p)
{
	if (r != NULL || p->region != NULL)
		return r == p->region;
	return strcmp(m, p->mention) == 0;
}

/* Sentence places, as the extractor finds them (C is the caller's). */
static size_t
find_places(struct context *C, size_t start, size_t len,
    struct gaz_match *m, struct gaz_match *pm, size_t npm, struct place *p,
    size_t max)
{
	size_t nm = 0, k, np;

	S.text = C->text;
	S.start = start;
	S.len = len;
	tokenize(&S);
	if (S.n == 0)
		return 0;
	mark_clauses(&S);
	C->cur = &S;
	nm = scan_places(C->g, S.text + S.start, S.len, m, MAX_MATCHES);
	for (k = 0; k < nm; k++)
		m[k].start += S.start;
	np = sentence_places(&S, m, nm, pm, npm, p, max);
	if (S.lang != 0)
		np = cyr_places(C, &S, p, np, max);
	return np;
}

static const char *const preps[] = { "in", "across", "throughout", "of",
    "to", "at", "for", "from", "on", "near", "around" };

void
place_cands(const struct gazetteer *g, const char *set, const char *id,
    const char *text, const struct extract_report *pred, size_t np,
    json_t *gold, const int *matched, const int *gold_used,
    int (*match)(const struct extract_report *, json_t *, json_t *))
{
	static struct gaz_match m[MAX_MATCHES], pm[8];
	static struct place p[32];
	static struct extract_span sp[2048];
	struct context C;
	struct cand c[MAXC];
	size_t ns, k, j, si, nc, npl, i;

	memset(&C, 0, sizeof(C));
	C.g = g;
	C.text = text;
	ns = extract_sentences(text, strlen(text), sp, NELEM(sp));
	for (k = 0; k < np; k++) {
		const struct extract_report *r = &pred[k];
		size_t cue_t = SIZE_MAX, cnt_t = SIZE_MAX, off, ngold = 0;
		json_t *line, *ca, *gl;
		int has_rule = 0, any_ok = 0;
		json_t *g1;

		/* the gold reports it should agree with */
		gl = json_array();
		if (matched[k] >= 0)
			json_array_append(gl, json_array_get(gold,
			    (size_t)matched[k]));
		else
			json_array_foreach(gold, j, g1) {
				const char *u = json_string_value(
				    json_object_get(g1, "utility"));
				const char *s = json_string_value(
				    json_object_get(g1, "status"));

				if (!gold_used[j] && u != NULL && s != NULL &&
				    strcmp(u, utility_name(r->utility)) == 0 &&
				    strcmp(s, report_status_name(r->status)) ==
				    0)
					json_array_append(gl, g1);
			}
		ngold = json_array_size(gl);
		/* candidates: the earlier sentences' place first */
		nc = 0;
		for (j = k; j-- > 0;)
			if (pred[j].sentence_start < r->sentence_start &&
			    (pred[j].region != NULL ||
			    pred[j].mention[0] != '\0')) {
				c[nc].region = pred[j].region;
				str_copy(c[nc].mention, pred[j].mention,
				    sizeof(c[nc].mention));
				c[nc].kind = 1;
				c[nc].p = NULL;
				nc++;
				break;
			}
		for (si = 0; si < ns && sp[si].start < r->sentence_start; si++)
			;
		while (si-- > 0 && nc < 2) {
			npl = find_places(&C, sp[si].start, sp[si].len, m, pm,
			    NELEM(pm), p, NELEM(p));
			while (npl > 0 && p[npl - 1].m->region == NULL)
				npl--;
			if (npl == 0)
				continue;
			C.inh_region = NULL;
			{
				struct extract_report tmp;

				memset(&tmp, 0, sizeof(tmp));
				place_from(&C, &p[npl - 1], &tmp);
				if (nc == 0 || tmp.region != c[0].region ||
				    strcmp(tmp.mention, c[0].mention) != 0) {
					c[nc].region = tmp.region;
					str_copy(c[nc].mention, tmp.mention,
					    sizeof(c[nc].mention));
					c[nc].kind = 2;
					c[nc].p = NULL;
					nc++;
				}
			}
			break;
		}
		/* the sentence's own places */
		C.inh_region = nc > 0 ? c[0].region : NULL;
		npl = find_places(&C, r->sentence_start, r->sentence_len, m,
		    pm, NELEM(pm), p, NELEM(p));
		if ((off = find_in(text, r->sentence_start, r->sentence_len,
		    r->cue)) != SIZE_MAX)
			cue_t = tok_of(off);
		if (r->count_text[0] != '\0' && (off = find_in(text,
		    r->sentence_start, r->sentence_len, r->count_text)) !=
		    SIZE_MAX)
			cnt_t = tok_of(off);
		for (j = 0; j < npl && nc < MAXC - 2; j++) {
			struct extract_report tmp;

			memset(&tmp, 0, sizeof(tmp));
			place_from(&C, &p[j], &tmp);
			c[nc].region = tmp.region;
			str_copy(c[nc].mention, tmp.mention,
			    sizeof(c[nc].mention));
			c[nc].kind = 0;
			c[nc].p = &p[j];
			c[nc].idx = j;
			nc++;
		}
		for (j = 0; j < nc; j++)
			has_rule |= same_place(c[j].region, c[j].mention, r);
		if (!has_rule && (r->region != NULL || r->mention[0] != '\0')) {
			c[nc].region = r->region;
			str_copy(c[nc].mention, r->mention,
			    sizeof(c[nc].mention));
			c[nc].kind = 3;
			c[nc].p = NULL;
			nc++;
		}
		c[nc].region = NULL;
		c[nc].mention[0] = '\0';
		c[nc].kind = 4;
		c[nc].p = NULL;
		nc++;

		line = json_object();
		json_object_set_new(line, "set", json_string(set));
		json_object_set_new(line, "id", json_string(id));
		json_object_set_new(line, "k", json_integer((json_int_t)k));
		json_object_set_new(line, "sent", json_integer(
		    (json_int_t)r->sentence_start));
		json_object_set_new(line, "matched", json_boolean(
		    matched[k] >= 0));
		json_object_set_new(line, "ngold", json_integer(
		    (json_int_t)ngold));
		json_object_set_new(line, "utility",
		    json_string(utility_name(r->utility)));
		json_object_set_new(line, "status",
		    json_string(report_status_name(r->status)));
		json_object_set_new(line, "counted",
		    json_boolean(r->count_text[0] != '\0'));
		json_object_set_new(line, "rule", json_string(r->region ?
		    r->region->id : r->mention));
		ca = json_array();
		for (j = 0; j < nc; j++) {
			json_t *o = json_object(), *f = json_object();
			const struct place *q = c[j].p;
			struct extract_report tmp;
			int ok = 0;
			const char *pw = "";

			memset(&tmp, 0, sizeof(tmp));
			tmp.region = c[j].region;
			str_copy(tmp.mention, c[j].mention,
			    sizeof(tmp.mention));
			for (i = 0; i < ngold && !ok; i++) {
				g1 = json_array_get(gl, i);
				ok = match(&tmp, json_object_get(g1, "region"),
				    json_object_get(g1, "country"));
			}
			any_ok |= ok;
			json_object_set_new(o, "name", json_string(
			    c[j].region ? c[j].region->id : c[j].mention));
			json_object_set_new(o, "ok", json_integer(ok));
			json_object_set_new(o, "rule", json_integer(
			    same_place(c[j].region, c[j].mention, r)));
#define F(name, v)	json_object_set_new(f, name, json_real((double)(v)))
			F("kind_sent", c[j].kind == 0);
			F("kind_inh", c[j].kind == 1);
			F("kind_prev", c[j].kind == 2);
			F("kind_other", c[j].kind == 3);
			F("kind_none", c[j].kind == 4);
			F("known", c[j].region != NULL);
			F("depth0", c[j].region && c[j].region->depth == 0);
			F("depth1", c[j].region && c[j].region->depth == 1);
			F("depth2p", c[j].region && c[j].region->depth >= 2);
			F("counted", r->count_text[0] != '\0');
			F("nplaces", npl > 4 ? 4 : npl);
			F("single", npl == 1);
			F("inh_agrees", c[j].kind == 0 && nc > 0 &&
			    c[0].kind != 0 && c[0].region != NULL &&
			    c[j].region != NULL &&
			    (region_within(c[j].region, c[0].region) ||
			    region_within(c[0].region, c[j].region)));
			if (q != NULL) {
				size_t dc = cue_t < S.n ? tok_dist(q->tok,
				    q->tok_end, cue_t, cue_t + 1) : 40;
				size_t dn = cnt_t < S.n ? tok_dist(q->tok,
				    q->tok_end, cnt_t, cnt_t + 1) : 40;
				int close = 0;

				for (i = 0; i < npl; i++)
					if (i != c[j].idx && coordinated(&S,
					    q, &p[i]))
						close = 1;
				if (q->tok > 0 && !S.t[q->tok - 1].punct) {
					size_t w;

					for (w = 0; w < NELEM(preps); w++)
						if (tw(&S, q->tok - 1, preps[w]))
							pw = preps[w];
				}
				F("dist_cue", dc > 40 ? 40 : dc);
				F("dist_cue_log", dc > 0 ? log2((double)dc +
				    1) : 0);
				F("dist_cnt", dn > 40 ? 40 : dn);
				F("dist_cnt_log", log2((double)(dn > 40 ? 40 :
				    dn) + 1));
				F("no_cue_tok", cue_t >= S.n);
				F("before_cue", cue_t < S.n && q->tok < cue_t);
				F("before_cnt", cnt_t < S.n && q->tok < cnt_t);
				F("clause_cue", cue_t < S.n && q->clause ==
				    S.t[cue_t].clause);
				F("clause_cnt", cnt_t < S.n && q->clause ==
				    S.t[cnt_t].clause);
				F("first", c[j].idx == 0);
				F("last", c[j].idx + 1 == npl);
				F("sent_start", q->tok <= 1);
				F("listed", close);
				F("story", q->story);
				F("owned", q->owned);
				F("clause_counted", q->counted);
				F("possessive", q->tok_end < S.n &&
				    tp(&S, q->tok_end, '\''));
				F("kind_after", q->tok_end < S.n &&
				    tin(&S, q->tok_end, LX_KIND));
				F("cap_only", q->m->region == NULL);
				F("prep_in", strcmp(pw, "in") == 0 ||
				    strcmp(pw, "throughout") == 0);
				F("prep_across", strcmp(pw, "across") == 0);
				F("prep_of", strcmp(pw, "of") == 0);
				F("prep_to", strcmp(pw, "to") == 0);
				F("prep_other", pw[0] != '\0' &&
				    strcmp(pw, "in") != 0 &&
				    strcmp(pw, "throughout") != 0 &&
				    strcmp(pw, "across") != 0 &&
				    strcmp(pw, "of") != 0 &&
				    strcmp(pw, "to") != 0);
				F("prep_none", pw[0] == '\0');
				F("the_before", q->tok > 0 &&
				    tw(&S, q->tok - 1, "the"));
				F("cyr", S.lang != 0);
			}
#undef F
			json_object_set_new(o, "f", f);
			json_array_append_new(ca, o);
		}
		json_object_set_new(line, "any_ok", json_boolean(any_ok));
		{
			json_t *gr = json_array();

			for (i = 0; i < ngold; i++)
				json_array_append(gr, json_object_get(
				    json_array_get(gl, i), "region"));
			json_object_set_new(line, "gold_regions", gr);
			json_object_set_new(line, "sent_len", json_integer(
			    (json_int_t)r->sentence_len));
		}
		json_object_set_new(line, "cands", ca);
		json_decref(gl);
		{
			char *s = json_dumps(line, JSON_COMPACT);

			if (s != NULL) {
				puts(s);
				free(s);
			}
		}
		json_decref(line);
	}
}
