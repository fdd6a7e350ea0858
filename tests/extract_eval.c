/* SPDX-License-Identifier: MIT */
/*
 * extract_eval.c - score the news extractor against a labelled corpus
 * (../shared/corpus/news-dev.jsonl): reports are matched on (utility,
 * status, region) as the corpus README suggests, then count, unit and
 * approximate are scored on the matched pairs.  -v prints every item; -f
 * prints a line per prediction: "feat", the item's id, 1 if it matched a
 * gold report, its confidence and basis (scripts/fit-confidence.py); -c
 * prints JSON lines: each prediction's candidate places with features
 * (tests/place_cands.c, scripts/fit-places.py) and each item's missed
 * gold reports.
 *   extract_eval [-v | -f | -c] [CORPUS.jsonl]
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract.h"
#include "place_cands.h"
#include "region.h"
#include "util.h"

#define MAXR	64

static struct gazetteer *gaz;
static int verbose;
static int features;	/* -f: one line per prediction (fit-confidence.py) */
static int cands;	/* -c: candidate places (fit-places.py) */

/*
 * Is r the country cc, or within it?  (No cc: any.)  A territory with
 * its own alpha-2 code is also listed as a subdivision ("US-PR" for
 * "PR"): either counts.
 */
static int
in_country(const struct region *r, const char *cc)
{
	const char *dash;

	if (cc == NULL)
		return 1;
	for (; r != NULL; r = r->parent)
		if (strcmp(r->id, cc) == 0 || ((dash = strchr(r->id, '-')) !=
		    NULL && strcmp(dash + 1, cc) == 0))
			return 1;
	return 0;
}

/*
 * The gold region as a gazetteer entry, or NULL when it resolves to none.
 * The gold's country (G10) bounds it: a name the gazetteer knows only
 * elsewhere ("Charlotte" of Saint Vincent for a US story, "City" of
 * Yemen inside "Phenix City area") is a place the gazetteer does not
 * know, matched by the mention's text.
 */
static const struct region *
gold_region(const char *name, const char *cc)
{
	const struct region *r = NULL, *inner = NULL;
	struct gaz_match m[8];
	char err[256], buf[256], *p;
	size_t n, k;

	if (gaz_resolve(gaz, name, &r, err, sizeof(err)) == OD_OK)
		return in_country(r, cc) ? r : NULL;
	r = NULL;
	/* "Mississippi's capital": the place before a possessive */
	str_copy(buf, name, sizeof(buf));
	if ((p = strstr(buf, "'s ")) != NULL)
		memset(p, ' ', 2);
	/* "Queensland’s southeast": the curly apostrophe alike */
	if ((p = strstr(buf, "\xE2\x80\x99s ")) != NULL)
		memset(p, ' ', 4);
	/*
	 * Capitalised names only, as in running text.  A joint phrase
	 * ("the Carolinas, Georgia, Florida and other ... states") stands
	 * for the smallest region holding every place it names.
	 */
	n = gaz_scan(gaz, buf, strlen(buf), m, 8);
	for (k = 0; k < n; k++) {
		if (m[k].region == NULL || !utf8_is_capital(buf + m[k].start,
		    strlen(buf + m[k].start)) || !in_country(m[k].region, cc))
			continue;
		if (r == NULL)
			r = inner = m[k].region;
		else {
			/* "Shostka hromada, Sumy oblast": a place and the
			   places that hold it are an address of the first,
			   not a list */
			if (inner != NULL && region_within(m[k].region, inner))
				inner = m[k].region;
			else if (inner != NULL &&
			    !region_within(inner, m[k].region))
				inner = NULL;
			while (r != NULL && !region_within(m[k].region, r))
				r = r->parent;
		}
		if (r == NULL)
			return NULL;
	}
	return inner != NULL ? inner : r;
}

/* Letters (code points) of the n bytes at s. */
static size_t
letters(const char *s, size_t n)
{
	size_t k, l = 0;

	for (k = 0; k < n; k++)
		l += ((unsigned char)s[k] & 0xC0) != 0x80;
	return l;
}

/*
 * Are the folded words a and b (na, nb bytes) the same word?  Cyrillic
 * words may differ in their case ending, as the corpus README allows
 * ("Смілі" is "Сміла", "Троєщині" is "Троєщина"): they agree when they
 * share all but their last two letters, and at least three.
 */
static int
word_eq(const char *a, size_t na, const char *b, size_t nb)
{
	size_t p = 0, la, lb, lp;

	if (na == nb && memcmp(a, b, na) == 0)
		return 1;
	if (na == 0 || nb == 0 || (unsigned char)a[0] < 0xD0 ||
	    (unsigned char)b[0] < 0xD0)
		return 0;
	while (p < na && p < nb && a[p] == b[p])
		p++;
	while (p > 0 && ((unsigned char)a[p] & 0xC0) == 0x80)
		p--;			/* a whole letter */
	la = letters(a, na);
	lb = letters(b, nb);
	lp = letters(a, p);
	return lp >= 3 && lp + 2 >= (la < lb ? la : lb) &&
	    lp + 3 >= (la > lb ? la : lb);
}

/* The folded text without a last word that says a kind of area. */
static size_t
drop_kind(char *a, size_t n)
{
	static const char *const kinds[] = { "region", "district", "oblast",
	    "province", "state", "county", "raion", "area" };
	size_t k, l;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		l = strlen(kinds[k]);
		if (n > l + 1 && a[n - l - 1] == ' ' &&
		    memcmp(a + n - l, kinds[k], l) == 0) {
			a[n - l - 1] = '\0';
			return n - l - 1;
		}
	}
	return n;
}

/* Folded mention equals, or is a word-bounded part of, the gold text. */
static int
fold_match(const char *mention, const char *gold)
{
	char a[256], b[256];
	size_t na, nb, k, i, j, ea, eb;

	na = region_fold(mention, strlen(mention), a, sizeof(a), NULL);
	nb = region_fold(gold, strlen(gold), b, sizeof(b), NULL);
	/* "Vidarbha region" for "Vidarbha": the kind of area a mention
	   ends with is no part of the name (only names the gazetteer does
	   not know get here, so "Kharkiv region" is not "Kharkiv") */
	na = drop_kind(a, na);
	if (na == 0)
		return 0;
	for (k = 0; k < nb; k++) {
		if (k > 0 && b[k - 1] != ' ')
			continue;
		/* the mention's words, one by one, from gold word k */
		for (i = 0, j = k;; i = ea + 1, j = eb + 1) {
			for (ea = i; ea < na && a[ea] != ' '; ea++)
				;
			for (eb = j; eb < nb && b[eb] != ' '; eb++)
				;
			if (!word_eq(a + i, ea - i, b + j, eb - j))
				break;
			if (ea == na)
				return 1;
			if (eb == nb)
				break;
		}
	}
	return 0;
}

static int
region_match(const struct extract_report *p, json_t *gold, json_t *country)
{
	const struct region *g;

	if (!json_is_string(gold))
		return p->region == NULL && p->mention[0] == '\0';
	if ((g = gold_region(json_string_value(gold), json_is_string(country) ?
	    json_string_value(country) : NULL)) != NULL)
		return p->region == g;
	return fold_match(p->mention, json_string_value(gold));
}

/*
 * Calibration: predictions bucketed by their confidence, with the share
 * of each bucket that matched a gold report.  A calibrated extractor has
 * that share close to the bucket's mean confidence; the expected
 * calibration error is the gap between the two averaged over predictions.
 */
#define CAL_BINS 5
static const double cal_edge[CAL_BINS] = { 0.0, 0.5, 0.7, 0.8, 0.9 };

static int
cal_bin(double c)
{
	int b = CAL_BINS - 1;

	while (b > 0 && c < cal_edge[b])
		b--;
	return b;
}

static void
print_calibration(const long *n, const long *ok, const double *sum)
{
	double ece = 0, conf = 0;
	long all = 0, right = 0;
	int b;

	printf("calibration: confidence  predicted  mean  right\n");
	for (b = 0; b < CAL_BINS; b++) {
		if (n[b] == 0)
			continue;
		printf("calibration: %.1f-%.1f     %9ld  %.2f  %.2f\n",
		    cal_edge[b], b + 1 < CAL_BINS ? cal_edge[b + 1] : 1.0, n[b],
		    sum[b] / (double)n[b], (double)ok[b] / (double)n[b]);
		/* the gap between mean and right, weighted by the bucket */
		ece += fabs(sum[b] - (double)ok[b]);
		all += n[b];
		conf += sum[b];
		right += ok[b];
	}
	if (all > 0)
		printf("calibration: expected error %.3f  (mean confidence "
		    "%.2f, right %.2f)\n", ece / (double)all,
		    conf / (double)all, (double)right / (double)all);
}

static const char *
str_or(json_t *j, const char *dflt)
{
	return json_is_string(j) ? json_string_value(j) : dflt;
}

int
main(int argc, char **argv)
{
	const char *path = "../shared/corpus/news-dev.jsonl";
	struct extract_report pred[MAXR];
	char err[512], line[65536];
	FILE *f;
	long gold_n = 0, pred_n = 0, tp = 0, cnt_ok = 0, cnt_near = 0;
	long unit_ok = 0, appr_ok = 0, neg = 0, neg_fp = 0, items = 0;
	long cal_n[CAL_BINS] = { 0 }, cal_ok[CAL_BINS] = { 0 };
	double cal_sum[CAL_BINS] = { 0 };
	double prec, rec, f1;
	int a = 1;

	if (a < argc && strcmp(argv[a], "-v") == 0) {
		verbose = 1;
		a++;
	} else if (a < argc && strcmp(argv[a], "-f") == 0) {
		features = 1;
		a++;
	} else if (a < argc && strcmp(argv[a], "-c") == 0) {
		cands = 1;
		a++;
	}
	if (a < argc)
		path = argv[a];
	if (gaz_load(&gaz, "/usr/share/iso-codes/json", "config/regions", err,
	    sizeof(err)) != OD_OK) {
		fprintf(stderr, "gaz_load: %s\n", err);
		return 2;
	}
	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		return 2;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		json_error_t je;
		json_t *item = json_loads(line, 0, &je), *gold, *g;
		const char *text;
		size_t np, k, i;
		int used[MAXR], matched[MAXR], gold_used[MAXR];

		if (item == NULL)
			continue;
		items++;
		text = str_or(json_object_get(item, "text"), "");
		gold = json_object_get(item, "reports");
		np = extract_reports(gaz, text, strlen(text), pred, MAXR);
		pred_n += (long)np;
		gold_n += (long)json_array_size(gold);
		if (json_array_size(gold) == 0) {
			neg++;
			neg_fp += np > 0;
		}
		memset(used, 0, sizeof(used));
		memset(gold_used, 0, sizeof(gold_used));
		for (k = 0; k < MAXR; k++)
			matched[k] = -1;
		if (verbose)
			printf("== %s\n", str_or(json_object_get(item, "id"), "?"));
		json_array_foreach(gold, i, g) {
			const char *u = str_or(json_object_get(g, "utility"), "");
			const char *s = str_or(json_object_get(g, "status"), "");
			json_t *jc = json_object_get(g, "count");
			int64_t gc = json_is_integer(jc) ?
			    json_integer_value(jc) : -1;
			int best = -1;

			/* same (utility, status, region); equal count first */
			for (k = 0; k < np; k++) {
				if (used[k] || strcmp(utility_name(
				    pred[k].utility), u) != 0 ||
				    strcmp(report_status_name(pred[k].status),
				    s) != 0 || !region_match(&pred[k],
				    json_object_get(g, "region"),
				    json_object_get(g, "country")))
					continue;
				if (best < 0 || (pred[k].affected == gc &&
				    pred[best].affected != gc))
					best = (int)k;
			}
			if (verbose)
				printf("  gold %s %s %s %lld %s%s\n",
				    str_or(json_object_get(g, "region"), "-"), u,
				    s, (long long)gc, str_or(json_object_get(g,
				    "unit"), "-"), best < 0 ? "   MISSED" : "");
			if (best < 0)
				continue;
			used[best] = 1;
			matched[best] = (int)i;
			if (i < MAXR)
				gold_used[i] = 1;
			tp++;
			if (verbose && (pred[best].affected != gc ||
			    !pred[best].approximate != !json_is_true(
			    json_object_get(g, "approximate")) ||
			    strcmp(pred[best].unit, str_or(json_object_get(g,
			    "unit"), "")) != 0))
				printf("    matched with a different count, unit "
				    "or approximate: %lld %s ~%d\n",
				    (long long)pred[best].affected,
				    pred[best].unit, pred[best].approximate);
			cnt_ok += pred[best].affected == gc;
			cnt_near += pred[best].affected == gc || (gc > 0 &&
			    pred[best].affected > 0 &&
			    llabs(pred[best].affected - gc) * 100 <= gc);
			unit_ok += strcmp(pred[best].unit,
			    str_or(json_object_get(g, "unit"), "")) == 0;
			appr_ok += !pred[best].approximate ==
			    !json_is_true(json_object_get(g, "approximate"));
		}
		for (k = 0; k < np; k++) {
			int b = cal_bin(pred[k].confidence);

			cal_n[b]++;
			cal_ok[b] += used[k];
			cal_sum[b] += pred[k].confidence;
			if (features)
				printf("feat\t%s\t%d\t%.4f\t%u\t%s\t%s\t%s"
				    "\t%zu\t%zu\n",
				    str_or(json_object_get(item, "id"), "?"),
				    used[k], pred[k].confidence, pred[k].basis,
				    utility_name(pred[k].utility),
				    report_status_name(pred[k].status),
				    pred[k].cue, np, pred[k].sentence_start);
		}
		if (cands) {
			json_t *o = json_object(), *mi = json_array();
			char *js;

			place_cands(gaz, path, str_or(json_object_get(item,
			    "id"), "?"), text, pred, np, gold, matched,
			    gold_used, region_match);
			json_array_foreach(gold, i, g) {
				int twin = 0;

				if (i < MAXR && gold_used[i])
					continue;
				for (k = 0; k < np; k++)
					twin |= matched[k] < 0 &&
					    strcmp(utility_name(pred[k].utility),
					    str_or(json_object_get(g, "utility"),
					    "")) == 0 && strcmp(
					    report_status_name(pred[k].status),
					    str_or(json_object_get(g, "status"),
					    "")) == 0;
				json_array_append_new(mi, json_integer(twin));
			}
			json_object_set_new(o, "item", json_string(
			    str_or(json_object_get(item, "id"), "?")));
			json_object_set_new(o, "set", json_string(path));
			json_object_set_new(o, "gold", json_integer(
			    (json_int_t)json_array_size(gold)));
			json_object_set_new(o, "missed_twin", mi);
			if ((js = json_dumps(o, JSON_COMPACT)) != NULL) {
				puts(js);
				free(js);
			}
			json_decref(o);
		}
		for (k = 0; verbose && k < np; k++)
			printf("  pred %s [%s] %s %s %lld %s ~%d \"%s\"%s\n",
			    pred[k].region ? pred[k].region->id : "-",
			    pred[k].mention, utility_name(pred[k].utility),
			    report_status_name(pred[k].status),
			    (long long)pred[k].affected, pred[k].unit[0] ?
			    pred[k].unit : "-", pred[k].approximate,
			    pred[k].count_text, used[k] ? "" : "   EXTRA");
		json_decref(item);
	}
	fclose(f);
	prec = pred_n ? (double)tp / (double)pred_n : 0;
	rec = gold_n ? (double)tp / (double)gold_n : 0;
	f1 = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
	printf("items %ld  gold %ld  predicted %ld  matched %ld\n", items,
	    gold_n, pred_n, tp);
	printf("precision %.3f  recall %.3f  F1 %.3f\n", prec, rec, f1);
	printf("count exact %.3f  count within 1%% %.3f  (of matched)\n",
	    tp ? (double)cnt_ok / (double)tp : 0,
	    tp ? (double)cnt_near / (double)tp : 0);
	printf("unit accuracy %.3f  approximate accuracy %.3f  (of matched)\n",
	    tp ? (double)unit_ok / (double)tp : 0,
	    tp ? (double)appr_ok / (double)tp : 0);
	printf("negatives %ld  false-positive rate %.3f\n", neg,
	    neg ? (double)neg_fp / (double)neg : 0);
	print_calibration(cal_n, cal_ok, cal_sum);
	gaz_free(gaz);
	return 0;
}
