/* SPDX-License-Identifier: MIT */
/*
 * report_fold.c - the reports of a text folded once all are made
 * (extract.c calls these in order): a figure restated in another
 * sentence, a count-less report beside a counted one of the same place,
 * and the same report said twice.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

/* Is place m one of the list l ("A, B and C"): in it, between list
   separators? */
static int
names_in_list(const char *l, const char *m)
{
	size_t n = strlen(m);
	const char *p;

	for (p = strstr(l, m); p != NULL; p = strstr(p + 1, m)) {
		int start = p == l || (p >= l + 2 && p[-1] == ' ' &&
		    (p[-2] == ',' || (p >= l + 4 &&
		    (strncmp(p - 4, "and ", 4) == 0 ||
		    strncmp(p - 3, "or ", 3) == 0))));
		int end = p[n] == '\0' || p[n] == ',' ||
		    strncmp(p + n, " and ", 5) == 0 ||
		    strncmp(p + n, " or ", 4) == 0;

		if (start && end && strchr(l, ' ') != NULL &&
		    (strstr(l, " and ") != NULL || strchr(l, ',') != NULL))
			return 1;
	}
	return 0;
}

/* Is mention a the same place as b, or a word-bounded start of it
   ("Tulsa" of "Tulsa County")? */
static int
same_or_start(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n > 0 && strncmp(a, b, n) == 0 && (b[n] == '\0' ||
	    b[n] == ' ' || b[n] == ',');
}

/*
 * "More than 48,000 without power in Tulsa area" over a lede with
 * "48,312 customers ... in Tulsa County": one group told twice, once in
 * rounder words, is one report [restated-count] (G1, G3): counts within
 * 2% of each other for the same place, utility, status and unit, one of
 * them hedged.  The one without a unit, else the hedged one, else the
 * later goes.  Returns the new n.
 */
size_t
fold_restated(struct extract_report *r, size_t n)
{
	size_t i, j, o = 0, drop;
	int64_t a, b;
	int si, sj;

	for (i = 0; i < n; i++) {
		drop = 0;
		/* "Residents of Ibadan and Ogbomoso have been without power"
		   beside "about 200,000 customers in the two cities": a
		   count-less claim for a place a joint count names is that
		   count's (G2) */
		for (j = 0; r[i].count_text[0] == '\0' &&
		    r[i].mention[0] != '\0' && j < n && !drop; j++)
			drop = j != i && r[j].count_text[0] != '\0' &&
			    r[i].utility == r[j].utility &&
			    r[i].status == r[j].status &&
			    strcmp(r[i].mention, r[j].mention) != 0 &&
			    names_in_list(r[j].mention, r[i].mention);
		for (j = 0; r[i].affected > 0 && j < n && !drop; j++) {
			if (j == i || r[j].affected <= 0 ||
			    r[i].utility != r[j].utility ||
			    r[i].status != r[j].status ||
			    r[i].region != r[j].region ||
			    (r[i].unit[0] != '\0' && r[j].unit[0] != '\0' &&
			    strcmp(r[i].unit, r[j].unit) != 0) ||
			    !(same_or_start(r[i].mention, r[j].mention) ||
			    same_or_start(r[j].mention, r[i].mention)))
				continue;
			a = r[i].affected;
			b = r[j].affected;
			if ((a > b ? a - b : b - a) > (a > b ? a : b) / 50 ||
			    (!r[i].approximate && !r[j].approximate))
				continue;
			/* the one without a unit, or the hedged one, or the
			   later of two alike */
			si = 2 * (r[i].unit[0] != '\0') + !r[i].approximate;
			sj = 2 * (r[j].unit[0] != '\0') + !r[j].approximate;
			if (si < sj || (si == sj && j < i))
				drop = 1;
		}
		if (!drop)
			keep_report(r, &o, i);
	}
	return o;
}

/* Do mentions a and b start with the same word ("Kharkiv region",
   "Kharkiv Oblast"), or is a a word-bounded part of b ("Mykolaiv" of
   "city of Mykolaiv")? */
static int
same_head(const char *a, const char *b)
{
	size_t n = strcspn(a, " ,");
	const char *p;

	if (n == 0)
		return 0;
	if (strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == ' ' ||
	    b[n] == ','))
		return 1;
	n = strlen(a);
	for (p = strstr(b, a); p != NULL; p = strstr(p + 1, a))
		if ((p == b || p[-1] == ' ') && (p[n] == '\0' ||
		    p[n] == ' ' || p[n] == ','))
			return 1;
	return 0;
}

/*
 * G2 across wordings: "Power went out across the Kharkiv region" beside
 * "120,000 consumers in Kharkiv Oblast were left without electricity",
 * "Water supply was cut in Mykolaiv" beside "100,000 residents of the
 * city of Mykolaiv have no water": a count-less claim about the place a
 * counted report names (the same region or one holding it, the same
 * name) for the same utility and status is that report's.  So is a
 * count-less claim that names no place at all ("Houston lost power",
 * the name not known) beside a counted report for the same utility and
 * status: the story's place is that report's [standing-cue].  Returns
 * the new n.
 */
size_t
fold_countless_near(struct extract_report *r, size_t n)
{
	size_t i, j, o = 0;
	int drop;

	for (i = 0; i < n; i++) {
		drop = 0;
		for (j = 0; j < n && !drop && r[i].count_text[0] == '\0';
		    j++) {
			if (j == i || r[j].count_text[0] == '\0' ||
			    r[j].utility != r[i].utility ||
			    r[j].status != r[i].status)
				continue;
			if (r[i].region == NULL && r[i].mention[0] == '\0')
				drop = r[j].region != NULL ||
				    r[j].mention[0] != '\0';
			else if (r[i].region != NULL && r[j].region != NULL &&
			    region_within(r[j].region, r[i].region) &&
			    same_head(r[i].mention, r[j].mention))
				drop = 1;
		}
		if (!drop)
			keep_report(r, &o, i);
	}
	return o;
}

/*
 * "Power was cut to 300,000 consumers in X. Of the 300,000 consumers
 * without power, ...": the same number again, after "the", in a later
 * sentence, for the same place, utility and status, is the group told
 * before (the corpus README's repeated numbers): one report, the first.
 * Returns the new n.
 */
size_t
fold_repeated(struct extract_report *r, size_t n, const char *text)
{
	size_t i, j, o = 0, a, m;
	const char *p;
	long at;
	int drop;

	for (i = 0; i < n; i++) {
		drop = 0;
		a = r[i].sentence_start;
		p = NULL;
		/* the group told before: speed only (the same answer), it is
		   looked for first, and the text only where it is there */
		for (j = 0; r[i].affected > 0 && j < i && !drop; j++)
			drop = r[j].affected == r[i].affected &&
			    r[j].sentence_start != a &&
			    r[j].utility == r[i].utility &&
			    r[j].status == r[i].status &&
			    r[j].region == r[i].region &&
			    (same_or_start(r[i].mention, r[j].mention) ||
			    same_or_start(r[j].mention, r[i].mention));
		m = strlen(r[i].count_text);
		/* the text need not end in a NUL: a bounded search */
		if (drop && (at = mem_find(text + a, r[i].sentence_len,
		    r[i].count_text, m)) >= 0)
			p = text + a + at;
		/* "the 300,000 ...": a definite group */
		drop = drop && p != NULL && p >= text + a + 4 &&
		    strncasecmp(p - 4, "the ", 4) == 0;
		if (!drop)
			keep_report(r, &o, i);
	}
	return o;
}

/* Does the sentence of r hold one of the words (ASCII, lowercase, any
   case in the text)? */
static int
sentence_says(const struct extract_report *r, const char *text,
    const char *const *words, size_t nw)
{
	const char *s = text + r->sentence_start;
	size_t k, i, m;

	for (i = 0; i < r->sentence_len; i++)
		for (k = 0; k < nw; k++) {
			m = strlen(words[k]);
			if ((s[i] | 0x20) == words[k][0] &&
			    i + m <= r->sentence_len &&
			    strncasecmp(s + i, words[k], m) == 0)
				return 1;
		}
	return 0;
}

/* Do the sentences of a and b lie side by side (only blanks between)? */
static int
side_by_side(const struct extract_report *a, const struct extract_report *b,
    const char *text)
{
	const struct extract_report *t;

	if (a->sentence_start > b->sentence_start) {
		t = a;
		a = b;
		b = t;
	}
	return a->sentence_start + a->sentence_len <= b->sentence_start &&
	    blank_between(text, a->sentence_start + a->sentence_len,
	    b->sentence_start);
}

/*
 * [later-state] "Electricity supplies to all customers ... were restored.
 * At one point, more than 120,000 homes and businesses were left without
 * electricity": the peak and the whole group's restoration in sentences
 * side by side are one group, told in its latest state (G3, the corpus
 * README's "full restoration of the counted group"): the peak's report
 * is `restored`, and the count-less restoration goes.  The rare
 * count-less restoration is looked for first.  Returns the new n.
 */
size_t
fold_peak_restored(struct extract_report *r, size_t n, const char *text)
{
	static const char *const peak[] = { "at one point", "at its peak",
	    "at the peak", "at the height", "at its height" };
	static const char *const whole[] = { "all ", "fully", "entirely" };
	size_t i, j, o = 0;
	unsigned char *gone = NULL;

	for (j = 0; j < n; j++) {
		if (r[j].status != RS_RESTORED || r[j].count_text[0] != '\0' ||
		    (gone != NULL && gone[j]))
			continue;
		for (i = 0; i < n; i++) {
			if (i == j || r[i].status != RS_OUTAGE ||
			    r[i].affected <= 0 ||
			    r[i].utility != r[j].utility ||
			    (r[j].region != r[i].region &&
			    r[j].region != NULL) ||
			    !side_by_side(&r[i], &r[j], text) ||
			    !sentence_says(&r[i], text, peak, NELEM(peak)) ||
			    !sentence_says(&r[j], text, whole, NELEM(whole)))
				continue;
			if (gone == NULL && (gone = calloc(n, 1)) == NULL)
				return n;
			r[i].status = RS_RESTORED;
			gone[j] = 1;
			break;
		}
	}
	if (gone == NULL)
		return n;
	for (i = 0; i < n; i++)
		if (!gone[i])
			keep_report(r, &o, i);
	free(gone);
	return o;
}
