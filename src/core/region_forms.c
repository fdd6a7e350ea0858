/* SPDX-License-Identifier: MIT */
/*
 * region_forms.c - the inflected forms of a pack's Ukrainian and Russian
 * names, derived when the pack is loaded, so that running text finds "у
 * Дніпропетровській області", "на Харківщині", "у Києві", "в Кривом Роге"
 * as it finds "Дніпропетровська область", "Харківщина", "Київ", "Кривой
 * Рог".  Each word of a name is declined by its ending (hand-written
 * rules, uk and ru), the words of a name take the same case, and every
 * form is a name of the region at RANK_DERIVED: a form never takes a name
 * from another place.  The rules over-generate a little (a form text
 * never uses costs one hash entry); irregular forms ("Кривому Розі") a
 * pack lists in its "forms".  A "X область" name also gives its
 * adjective alone ("у Дніпропетровській, Запорізькій та Сумській
 * областях").  The plain forms of an iso-codes name ("Nairobi" for
 * "Nairobi City", "St. Ann" for "Saint Ann") are derived here too.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "region.h"
#include "region_int.h"
#include "util.h"

#define FORMS_MAX	4	/* variants of one word in one case */
#define WORDS_MAX	4	/* words of a name that are declined */
#define WORD_BYTES	96

enum { C_GEN, C_DAT, C_ACC, C_INS, C_LOC, C_PNOM, C_PGEN, C_PLOC,
	C_COUNT };

struct word_forms {
	char	 f[C_COUNT][FORMS_MAX][WORD_BYTES];
	int	 n[C_COUNT];
	int	 adj;		/* an adjective before a kind word */
	int	 kind;		/* "область", "район", "громада" */
};

static int
ends_with(const char *w, const char *e)
{
	size_t a = strlen(w), b = strlen(e);

	return a > b && strcmp(w + a - b, e) == 0;
}

/* The word w, or a word ending in it ("Кривий Ріг", "Часів Яр"). */
static int
is_or_ends(const char *w, const char *e)
{
	return strcmp(w, e) == 0 || ends_with(w, e);
}

/* Add stem (w without its last `cut` bytes) + ending to case c. */
static void
put(struct word_forms *wf, int c, const char *w, size_t cut,
    const char *ending)
{
	size_t a = strlen(w) - cut;
	char buf[WORD_BYTES];
	int k;

	if (wf->n[c] >= FORMS_MAX || a + strlen(ending) >= sizeof(buf))
		return;
	memcpy(buf, w, a);
	str_copy(buf + a, ending, sizeof(buf) - a);
	for (k = 0; k < wf->n[c]; k++)
		if (strcmp(wf->f[c][k], buf) == 0)
			return;
	str_copy(wf->f[c][wf->n[c]++], buf, WORD_BYTES);
}

/* The same ending for several cases. */
static void
put_cases(struct word_forms *wf, const int *cs, size_t ncs, const char *w,
    size_t cut, const char *ending)
{
	size_t k;

	for (k = 0; k < ncs; k++)
		put(wf, cs[k], w, cut, ending);
}

#define CASES(...)	(const int[]){ __VA_ARGS__ }, \
	sizeof((const int[]){ __VA_ARGS__ }) / sizeof(int)

/* Ukrainian and Russian: which the name's letters allow (1 uk, 2 ru). */
static int
name_langs(const char *s)
{
	int uk = strstr(s, "і") || strstr(s, "ї") || strstr(s, "є") ||
	    strstr(s, "ґ") || strstr(s, "І") || strstr(s, "Є");
	int ru = strstr(s, "ы") || strstr(s, "э") || strstr(s, "ъ") ||
	    strstr(s, "ё");

	return uk && !ru ? 1 : ru && !uk ? 2 : 3;
}

/* Is the last letter (2 bytes) of w a hard or hushing consonant? */
static int
velar_or_hush(const char *w)
{
	static const char *const c[] = { "к", "г", "х", "ж", "ч", "ш", "щ" };
	size_t k;

	for (k = 0; k < NELEM(c); k++)
		if (ends_with(w, c[k]))
			return 1;
	return 0;
}

/* Decline one word: its forms by case, for the languages in langs. */
static void
decline(const char *w, int adj_ctx, int langs, struct word_forms *wf)
{
	int uk = langs & 1, ru = langs & 2;

	memset(wf->n, 0, sizeof(wf->n));
	wf->adj = wf->kind = 0;
	if (strcmp(w, "область") == 0) {
		wf->kind = 1;
		put_cases(wf, CASES(C_GEN, C_DAT, C_LOC, C_PNOM), w, 2, "і");
		put(wf, C_GEN, w, 2, "и");
		put(wf, C_ACC, w, 0, "");
		put(wf, C_INS, w, 2, "ю");
		put(wf, C_INS, w, 0, "ю");
		put(wf, C_PGEN, w, 2, "ей");
		put(wf, C_PLOC, w, 2, "ях");
		return;
	}
	if (strcmp(w, "район") == 0) {
		wf->kind = 1;
		put_cases(wf, CASES(C_GEN, C_DAT), w, 0, "у");
		put(wf, C_GEN, w, 0, "а");
		put(wf, C_ACC, w, 0, "");
		put(wf, C_INS, w, 0, "ом");
		put(wf, C_LOC, w, 0, "і");
		put(wf, C_LOC, w, 0, "е");
		put(wf, C_PNOM, w, 0, "и");
		put(wf, C_PGEN, w, 0, "ів");
		put(wf, C_PGEN, w, 0, "ов");
		put(wf, C_PLOC, w, 0, "ах");
		return;
	}
	if (adj_ctx) {
		wf->adj = 1;
		if (ends_with(w, "ая")) {		/* ru fem */
			put_cases(wf, CASES(C_GEN, C_DAT, C_INS, C_LOC, C_PGEN,
			    C_PLOC), w, 4, "ой");
			put(wf, C_ACC, w, 4, "ую");
			put(wf, C_INS, w, 4, "ою");
			put(wf, C_PNOM, w, 4, "ие");
			put(wf, C_PNOM, w, 4, "ые");
		} else if (ends_with(w, "а")) {		/* uk fem */
			put_cases(wf, CASES(C_GEN, C_PGEN), w, 2, "ої");
			put_cases(wf, CASES(C_DAT, C_LOC, C_PLOC), w, 2, "ій");
			put(wf, C_ACC, w, 2, "у");
			put(wf, C_INS, w, 2, "ою");
			put(wf, C_PNOM, w, 2, "і");
		} else if (ends_with(w, "ий") || ends_with(w, "ый") ||
		    ends_with(w, "ой") || ends_with(w, "ій")) {	/* masc */
			put_cases(wf, CASES(C_GEN, C_PGEN), w, 4, "ого");
			put_cases(wf, CASES(C_DAT, C_LOC, C_PLOC), w, 4, "ому");
			put(wf, C_ACC, w, 0, "");
			put(wf, C_INS, w, 4, uk ? "им" : "ым");
			if (ru) {
				put(wf, C_LOC, w, 4, "ом");
				put(wf, C_INS, w, 4, "ым");
				put(wf, C_INS, w, 4, "им");
			}
			if (uk)
				put(wf, C_LOC, w, 4, "ім");
			put(wf, C_PNOM, w, 4, uk ? "і" : "ые");
		}
		return;
	}
	/* nouns (and adjective-like place names) by their ending */
	if (ends_with(w, "ький") || ends_with(w, "ский") ||
	    ends_with(w, "цкий") || ends_with(w, "ний")) {
		/* a city named by an adjective: Кропивницький */
		decline(w, 1, langs, wf);
		wf->adj = 0;
		return;
	}
	if (ends_with(w, "ське") || ends_with(w, "цьке") ||
	    ends_with(w, "ове") || ends_with(w, "еве") || ends_with(w, "єве") ||
	    ends_with(w, "іне") || ends_with(w, "ине") || ends_with(w, "не") ||
	    ends_with(w, "ое") || ends_with(w, "ее")) {
		/* neuter adjectives: Кам'янське, Сватове, Каменское */
		put(wf, C_GEN, w, 2, "ого");
		put_cases(wf, CASES(C_DAT, C_LOC), w, 2, "ому");
		if (ends_with(w, "ое") || ends_with(w, "ее")) {
			put(wf, C_GEN, w, 4, "ого");
			put_cases(wf, CASES(C_DAT, C_LOC), w, 4, "ому");
			put(wf, C_LOC, w, 4, "ом");
			put(wf, C_INS, w, 4, "ым");
		}
		put(wf, C_INS, w, 2, "им");
		put(wf, C_LOC, w, 2, "ім");
		return;
	}
	if (ends_with(w, "ія") || ends_with(w, "ия")) {
		put_cases(wf, CASES(C_GEN, C_DAT, C_LOC), w, 2,
		    ends_with(w, "ія") ? "ї" : "и");
		put(wf, C_ACC, w, 2, "ю");
		put(wf, C_INS, w, 2, ends_with(w, "ія") ? "єю" : "ей");
		return;
	}
	if (ends_with(w, "ье")) {			/* ru: Запорожье */
		put(wf, C_GEN, w, 2, "я");
		put(wf, C_DAT, w, 2, "ю");
		put(wf, C_INS, w, 2, "ем");
		return;
	}
	if (ends_with(w, "я")) {
		/* neuter with a doubled consonant: Запоріжжя, Закарпаття */
		put_cases(wf, CASES(C_DAT, C_LOC), w, 2, "і");
		put(wf, C_DAT, w, 2, "ю");
		put(wf, C_GEN, w, 2, "і");
		put(wf, C_ACC, w, 2, "ю");
		put(wf, C_INS, w, 2, "ям");
		put(wf, C_INS, w, 2, "ею");
		return;
	}
	if (ends_with(w, "ова") || ends_with(w, "ева") ||
	    ends_with(w, "нна") || ends_with(w, "сна")) {
		/* also an adjective: Лозова, Кремінна, Попасна (у Лозовій) */
		put_cases(wf, CASES(C_DAT, C_LOC), w, 2, "ій");
		put(wf, C_GEN, w, 2, "ої");
	}
	if (ends_with(w, "а")) {
		char stem[WORD_BYTES];

		str_copy(stem, w, sizeof(stem));
		stem[strlen(stem) - 2] = '\0';
		if (uk) {
			put(wf, C_GEN, w, 2, velar_or_hush(stem) &&
			    !ends_with(stem, "к") && !ends_with(stem, "г") &&
			    !ends_with(stem, "х") ? "і" : "и");
			put(wf, C_ACC, w, 2, "у");
			put(wf, C_INS, w, 2, velar_or_hush(stem) &&
			    !ends_with(stem, "к") && !ends_with(stem, "г") &&
			    !ends_with(stem, "х") ? "ею" : "ою");
			/* к г х become ц з с before -і: Макіївці */
			if (ends_with(stem, "к"))
				put_cases(wf, CASES(C_DAT, C_LOC), w, 4, "ці");
			else if (ends_with(stem, "г"))
				put_cases(wf, CASES(C_DAT, C_LOC), w, 4, "зі");
			else if (ends_with(stem, "х"))
				put_cases(wf, CASES(C_DAT, C_LOC), w, 4, "сі");
			else
				put_cases(wf, CASES(C_DAT, C_LOC), w, 2, "і");
		}
		if (ru) {
			put(wf, C_GEN, w, 2, velar_or_hush(stem) ? "и" : "ы");
			put_cases(wf, CASES(C_DAT, C_LOC), w, 2, "е");
			put(wf, C_ACC, w, 2, "у");
			put(wf, C_INS, w, 2, "ой");
			put(wf, C_INS, w, 2, "ей");
		}
		return;
	}
	if (ends_with(w, "о")) {			/* Дніпро, Мукачево */
		put(wf, C_GEN, w, 2, "а");
		put(wf, C_DAT, w, 2, "у");
		put(wf, C_INS, w, 2, "ом");
		put(wf, C_LOC, w, 2, uk ? "і" : "е");
		if (uk && ru)
			put(wf, C_LOC, w, 2, "е");
		return;
	}
	if (ends_with(w, "ь")) {			/* Маріуполь */
		char stem[WORD_BYTES];

		str_copy(stem, w, sizeof(stem));
		if (ends_with(w, "інь")) {	/* Ірпінь: Ірпеня */
			size_t l = strlen(stem);

			memcpy(stem + l - 6, "ень", 6);
			w = stem;
		}
		put(wf, C_GEN, w, 2, "я");
		put(wf, C_DAT, w, 2, "ю");
		put(wf, C_INS, w, 2, "ем");
		put(wf, C_LOC, w, 2, uk ? "і" : "е");
		if (uk && ru)
			put(wf, C_LOC, w, 2, "е");
		return;
	}
	if (ends_with(w, "й")) {			/* Джанкой */
		put(wf, C_GEN, w, 2, "я");
		put(wf, C_DAT, w, 2, "ю");
		put(wf, C_INS, w, 2, "єм");
		put(wf, C_LOC, w, 2, "ї");
		put(wf, C_LOC, w, 2, "е");
		return;
	}
	if (strcmp(w, "Ріг") == 0) {			/* Кривий Ріг */
		put_cases(wf, CASES(C_GEN, C_DAT), "Рогу", 0, "");
		put(wf, C_INS, "Рогом", 0, "");
		put(wf, C_LOC, "Розі", 0, "");
		return;
	}
	if (ends_with(w, "ці")) {			/* Чернівці */
		put(wf, C_GEN, w, 2, "ів");
		put(wf, C_DAT, w, 2, "ям");
		put(wf, C_INS, w, 2, "ями");
		put(wf, C_LOC, w, 2, "ях");
		return;
	}
	if (ends_with(w, "и") || ends_with(w, "ы")) {
		/* plurals: Суми, Бровари ("Сум", "Черкас": the genitive
		   with no ending) */
		put(wf, C_GEN, w, 2, "ів");
		put(wf, C_GEN, w, 2, "");
		put(wf, C_GEN, w, 2, "ов");
		put(wf, C_DAT, w, 2, "ам");
		put(wf, C_INS, w, 2, "ами");
		put(wf, C_LOC, w, 2, "ах");
		return;
	}
	if (ends_with(w, "і"))
		return;				/* adjectival plurals: as written */
	/* a consonant: Херсон, Луцьк; -ів/-їв: Харків, Київ */
	{
		char stem[WORD_BYTES];
		size_t l;

		str_copy(stem, w, sizeof(stem));
		l = strlen(stem);
		if (uk && ends_with(stem, "їв") && l >= 4)
			memcpy(stem + l - 4, "єв", 5);
		else if (uk && ends_with(stem, "ів") && l >= 6) {
			char prev[4] = { stem[l - 6], stem[l - 5], '\0', '\0' };

			memcpy(stem + l - 4, strcmp(prev, "ч") == 0 ||
			    strcmp(prev, "ж") == 0 || strcmp(prev, "ш") == 0 ?
			    "ев" : "ов", 5);
		}
		put(wf, C_GEN, stem, 0, "а");
		put(wf, C_DAT, stem, 0, "у");
		put(wf, C_INS, stem, 0, "ом");
		if (uk) {
			put(wf, C_LOC, stem, 0, "і");
			put(wf, C_LOC, stem, 0, "у");
			put(wf, C_DAT, stem, 0, "ові");
			/* к becomes ц before -і: Кременчуці */
			if (ends_with(stem, "к") && !ends_with(stem, "ськ") &&
			    !ends_with(stem, "цьк"))
				put(wf, C_LOC, stem, 2, "ці");
		}
		if (ru)
			put(wf, C_LOC, stem, 0, "е");
	}
}

/* Every combination of the words' forms in case c, added as names. */
static void
add_case(struct gazetteer *g, struct word_forms *wf, char words[][WORD_BYTES],
    size_t nw, int c, size_t region)
{
	size_t idx[WORDS_MAX] = { 0 }, k;
	char buf[NAME_MAX_BYTES];

	for (;;) {
		size_t o = 0;

		buf[0] = '\0';
		for (k = 0; k < nw; k++) {
			const char *p = wf[k].n[c] > 0 ? wf[k].f[c][idx[k]] :
			    words[k];

			o += (size_t)snprintf(buf + o, o < sizeof(buf) ?
			    sizeof(buf) - o : 0, "%s%s", k ? " " : "", p);
		}
		if (o < sizeof(buf))
			region_add_name(g, buf, region, RANK_DERIVED);
		/* the next combination */
		for (k = nw; k-- > 0;) {
			if (wf[k].n[c] > 0 && ++idx[k] < (size_t)wf[k].n[c])
				break;
			idx[k] = 0;
		}
		if (k == SIZE_MAX)
			return;
	}
}

/* Does the name hold a Cyrillic letter? */
static int
cyrillic(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0xD0 && (unsigned char)*s <= 0xD3)
			return 1;
	return 0;
}

void
region_add_forms(struct gazetteer *g, const char *name, size_t region)
{
	struct word_forms *wf;
	char words[WORDS_MAX][WORD_BYTES];
	size_t nw = 0, k, n;
	const char *p = name;
	int langs, c;

	if (!cyrillic(name) || strchr(name, '.') != NULL ||
	    strchr(name, ',') != NULL)
		return;
	langs = name_langs(name);
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (n == 0)
			break;
		if (nw == WORDS_MAX || n >= WORD_BYTES)
			return;
		memcpy(words[nw], p, n);
		words[nw++][n] = '\0';
		p += n;
	}
	wf = xcalloc(WORDS_MAX, sizeof(*wf));
	for (k = 0; k < nw; k++)
		decline(words[k], k + 1 < nw && (strcmp(words[k + 1],
		    "область") == 0 || strcmp(words[k + 1], "район") == 0 ||
		    is_or_ends(words[k + 1], "Рог") ||
		    is_or_ends(words[k + 1], "Ріг") ||
		    is_or_ends(words[k + 1], "Яр")), langs, &wf[k]);
	for (c = 0; c < C_COUNT; c++) {
		/* plurals only for "X область", "X район" */
		if (c >= C_PNOM && !(nw >= 2 && wf[nw - 1].kind))
			continue;
		add_case(g, wf, words, nw, c, region);
	}
	/* "у Дніпропетровській, Запорізькій та Сумській областях": the
	   adjective of "X область" alone */
	if (nw == 2 && wf[0].adj && strcmp(words[1], "область") == 0) {
		region_add_name(g, words[0], region, RANK_DERIVED);
		for (c = 0; c < C_COUNT; c++)
			add_case(g, wf, words, 1, c, region);
	}
	free(wf);
}

/*
 * A Ukrainian or Russian name a pack gives beside its aliases (its
 * "names", its "forms"): the name and its forms, at RANK_DERIVED.
 */
void
region_add_lang_name(struct gazetteer *g, const char *name, size_t region)
{
	if (!cyrillic(name))
		return;
	region_add_name(g, name, region, RANK_DERIVED);
	region_add_forms(g, name, region);
}

/*
 * The forms of a 3166-2 name that running text uses: "Nairobi City" is
 * "Nairobi", "Wales [Cymru GB-CYM]" is "Wales" and "Cymru", "Girona
 * [Gerona]" is "Girona" and "Gerona".  They rank below every real name,
 * so they never take a name from another place.
 */
void
region_plain_names(struct gazetteer *g, const char *name, size_t region_index)
{
	char buf[NAME_MAX_BYTES];
	const char *open = strstr(name, " ["), *close;
	size_t n = strlen(name);

	/* "Saint Ann" is "St. Ann" in news (folding drops the stop) */
	if (n > 6 && n + 1 < sizeof(buf) && strncmp(name, "Saint ", 6) == 0) {
		buf[0] = 'S';
		buf[1] = 't';
		memcpy(buf + 2, name + 5, n - 4);	/* " Ann", its NUL */
		region_add_name(g, buf, region_index, RANK_DERIVED);
	}
	if (n > 5 && n < sizeof(buf) && strcmp(name + n - 5, " City") == 0) {
		memcpy(buf, name, n - 5);
		buf[n - 5] = '\0';
		region_add_name(g, buf, region_index, RANK_DERIVED);
	}
	if (open == NULL || (close = strchr(open, ']')) == NULL ||
	    (size_t)(open - name) >= sizeof(buf))
		return;
	memcpy(buf, name, (size_t)(open - name));
	buf[open - name] = '\0';
	region_add_name(g, buf, region_index, RANK_DERIVED);
	n = (size_t)(close - open) - 2;		/* inside the brackets */
	if (n == 0 || n >= sizeof(buf))
		return;
	memcpy(buf, open + 2, n);
	buf[n] = '\0';
	/* "Cymru GB-CYM": a trailing code is not part of the name */
	if (n > 7 && buf[n - 7] == ' ' && buf[n - 4] == '-' &&
	    isupper((unsigned char)buf[n - 6]))
		buf[n - 7] = '\0';
	region_add_name(g, buf, region_index, RANK_DERIVED);
}
