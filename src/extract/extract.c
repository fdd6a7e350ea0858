/* SPDX-License-Identifier: MIT */
/*
 * extract.c - news text to candidate outage reports, by rule.  Sentences
 * are split, tokenised and tagged with utility, status and quantity cues;
 * each count phrase becomes a report tied to its nearest status cue and
 * place name, following the corpus labelling guidelines G1-G14.  Pure.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "extract.h"
#include "region.h"
#include "report.h"
#include "util.h"

/* ---- characters and words ---------------------------------------------- */

/*
 * Character classes of the C locale, without the ctype calls: the
 * tokenizer asks them of every byte.
 */
static inline int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static inline int
is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static inline int
is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static inline int
is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline int
is_alnum_ascii(unsigned char c)
{
	return is_alpha(c) || is_digit(c);
}

/* Letters, digits and any byte of a UTF-8 sequence. */
static inline int
is_alnum(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || c >= 0x80;
}

/* ASCII lowercase: the C locale's tolower() without the call. */
static inline unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static size_t
skip_space(const char *s, size_t len, size_t i)
{
	while (i < len && is_space((unsigned char)s[i]))
		i++;
	return i;
}

/*
 * Does s[i..] start with the words w (case-insensitive, single spaces in w
 * match any run of spaces), ending at a word boundary?  Returns the bytes
 * matched or 0.
 */
static size_t
match_words(const char *s, size_t len, size_t i, const char *w)
{
	size_t j = i;

	if (i >= len || lower((unsigned char)s[i]) != (unsigned char)*w)
		return 0;	/* the usual answer, settled by the first byte */
	for (; *w != '\0'; w++) {
		if (*w == ' ') {
			if (j >= len || !is_space((unsigned char)s[j]))
				return 0;
			j = skip_space(s, len, j);
			continue;
		}
		if (j >= len || lower((unsigned char)s[j]) != *w)
			return 0;
		j++;
	}
	if (j < len && is_alnum((unsigned char)s[j]))
		return 0;
	return j - i;
}

/* ---- numbers ----------------------------------------------------------- */

/* Hedges that make a count approximate (G13); longer phrases first. */
static const char *const hedges[] = {
	"an estimated", "estimated", "more than", "less than", "fewer than",
	"at least", "up to", "upwards of", "close to", "just over",
	"just under", "well over", "about", "around", "approximately",
	"nearly", "almost", "roughly", "some", "over", "under", "as many as"
};

static const char *const small_numbers[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
	"fifteen", "sixteen", "seventeen", "eighteen", "nineteen"
};

static const char *const tens[] = {
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
	"ninety"
};

static const struct {
	const char	*word;
	int64_t		 mult;
	int		 attached;	/* may follow the digits directly */
} scales[] = {
	{ "hundred", 100, 0 }, { "thousand", 1000, 0 },
	{ "million", 1000000, 0 }, { "billion", 1000000000, 0 },
	{ "mln", 1000000, 1 }, { "mn", 1000000, 1 }, { "bn", 1000000000, 1 },
	{ "k", 1000, 1 }
};

/* A number word ("seventy-two" too) at s[i..]: bytes used, or 0. */
static size_t
word_number(const char *s, size_t len, size_t i, int64_t *v)
{
	size_t k, n, m;

	if (i >= len)
		return 0;
	for (k = 0; k < NELEM(tens); k++) {
		if (lower((unsigned char)s[i]) != tens[k][0])
			continue;
		if ((n = match_words(s, len, i, tens[k])) == 0 &&
		    !(len - i > strlen(tens[k]) && s[i + strlen(tens[k])] == '-' &&
		    strncasecmp(s + i, tens[k], strlen(tens[k])) == 0))
			continue;
		n = strlen(tens[k]);
		*v = 20 + 10 * (int64_t)k;
		if (i + n < len && s[i + n] == '-') {
			for (m = 1; m < 10; m++) {
				size_t w = match_words(s, len, i + n + 1,
				    small_numbers[m]);
				if (w > 0) {
					*v += (int64_t)m;
					return n + 1 + w;
				}
			}
		}
		return n;
	}
	for (k = 1; k < NELEM(small_numbers); k++) {
		if ((n = match_words(s, len, i, small_numbers[k])) > 0) {
			*v = (int64_t)k;
			return n;
		}
	}
	return 0;
}

/*
 * A space that groups thousands at s[j] (after ndig digits): a space, a
 * no-break space or a thin space, then exactly three digits.  A plain
 * space only after a first group of 1-3 digits ("70 000", not "2022 100").
 * Returns the separator's bytes, or 0.
 */
static size_t
group_space(const char *s, size_t len, size_t j, int ndig, int grouped)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0, k;

	if (u[j] == ' ' && (grouped || ndig <= 3))
		n = 1;
	else if (j + 1 < len && u[j] == 0xC2 && u[j + 1] == 0xA0)
		n = 2;				/* U+00A0 */
	else if (j + 2 < len && u[j] == 0xE2 && u[j + 1] == 0x80 &&
	    (u[j + 2] == 0x89 || u[j + 2] == 0xAF))
		n = 3;				/* U+2009, U+202F */
	if (n == 0 || j + n + 3 > len)
		return 0;
	for (k = j + n; k < j + n + 3; k++)
		if (!is_digit(u[k]))
			return 0;
	if (k < len && (is_digit(u[k]) || u[k] == ',' ||
	    (u[k] == '.' && k + 1 < len && is_digit(u[k + 1]))))
		return 0;	/* "10 1000", "5 100,000": not one number */
	return n;
}

/*
 * Digits with thousands commas and an optional decimal part: *mant holds
 * every digit, *decimals how many came after the point.
 */
static size_t
digit_number(const char *s, size_t len, size_t i, int64_t *mant,
    int *decimals)
{
	size_t j = i, n;
	int64_t m = 0;
	int d = -1, ndig = 0;	/* d: digits after the point, -1 before it */
	int grouped = 0;

	while (j < len) {
		unsigned char c = (unsigned char)s[j];

		if (is_digit(c)) {
			if (++ndig > 15)
				return 0;
			m = m * 10 + (c - '0');
			if (d >= 0)
				d++;
			j++;
		} else if (c == ',' && d < 0 && j + 3 < len &&
		    is_digit((unsigned char)s[j + 1]) &&
		    is_digit((unsigned char)s[j + 2]) &&
		    is_digit((unsigned char)s[j + 3]) &&
		    (j + 4 >= len || !is_digit((unsigned char)s[j + 4]))) {
			j++;
		} else if (d < 0 && (n = group_space(s, len, j, ndig,
		    grouped)) > 0) {
			j += n;		/* "70 000", "1 250 000" (SI style) */
			grouped = 1;
		} else if (c == '.' && d < 0 && j + 1 < len &&
		    is_digit((unsigned char)s[j + 1])) {
			d = 0;
			j++;
		} else
			break;
	}
	*mant = m;
	*decimals = d < 0 ? 0 : d;
	return j - i;
}

size_t
extract_number(const char *s, size_t len, int64_t *value, int *approximate)
{
	size_t i = 0, n, k, save;
	int64_t mant = 0, num, den = 1;
	int decimals = 0, approx = 0;

	for (k = 0; k < NELEM(hedges); k++) {
		if ((n = match_words(s, len, 0, hedges[k])) > 0) {
			i = skip_space(s, len, n);
			approx = 1;
			break;
		}
	}
	if (i < len && is_digit((unsigned char)s[i])) {
		if ((n = digit_number(s, len, i, &mant, &decimals)) == 0)
			return 0;
		i += n;
		/* times, ordinals, units glued on: "22:00", "3rd", "15GW" */
		if (i < len && s[i] == ':' && i + 1 < len &&
		    is_digit((unsigned char)s[i + 1]))
			return 0;
	} else if ((n = word_number(s, len, i, &mant)) > 0) {
		i += n;
	} else if ((n = match_words(s, len, i, "a")) > 0 ||
	    (n = match_words(s, len, i, "an")) > 0) {
		/* "a million people", "a thousand homes": one of the scale */
		size_t j = skip_space(s, len, i + n);

		for (k = 0; k < NELEM(scales); k++)
			if (!scales[k].attached && scales[k].mult >= 1000 &&
			    match_words(s, len, j, scales[k].word) > 0)
				break;
		if (k == NELEM(scales))
			return 0;
		mant = 1;
		i = i + n;
	} else
		return 0;
	while (decimals-- > 0)
		den *= 10;

	/* "one and a half": mant/den + 1/2 = (2 mant + den) / (2 den) */
	if ((n = match_words(s, len, skip_space(s, len, i), "and a half")) > 0) {
		i = skip_space(s, len, i) + n;
		mant = mant * 2 + den;
		den *= 2;
	}
	num = mant;
	for (;;) {
		size_t j = i;
		int found = 0;

		if (j < len && (s[j] == ' ' || s[j] == '-'))
			j = (s[j] == '-') ? j + 1 : skip_space(s, len, j);
		for (k = 0; k < NELEM(scales); k++) {
			size_t at = scales[k].attached ? i : j;

			if ((n = match_words(s, len, at, scales[k].word)) > 0) {
				if (num > INT64_MAX / scales[k].mult / 2)
					return 0;
				num *= scales[k].mult;
				i = at + n;
				found = 1;
				break;
			}
		}
		if (!found)
			break;
	}
	if (i < len && is_alpha((unsigned char)s[i]))
		return 0;
	num = (num + den / 2) / den;

	/* "2-million-plus", "1,000 plus" */
	save = i;
	if (i < len && (s[i] == '-' || s[i] == ' ')) {
		if ((n = match_words(s, len, i + 1, "plus")) > 0) {
			i += 1 + n;
			approx = 1;
		}
	}
	if (i == save && i < len && s[i] == '+') {
		i++;
		approx = 1;
	}
	*value = num;
	*approximate = approx;
	return i;
}

/* ---- sentences --------------------------------------------------------- */

/* Words that end with a full stop without ending the sentence. */
static const char *const abbrevs[] = {
	"mr", "mrs", "ms", "dr", "st", "jr", "sr", "co", "inc", "ltd",
	"corp", "no", "nos", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
	"aug", "sep", "sept", "oct", "nov", "dec", "gov", "sen", "rep",
	"gen", "col", "lt", "capt", "prof", "mt", "ft", "ave", "dept",
	"approx", "fig", "ala", "ariz", "ark", "calif", "colo", "conn",
	"del", "fla", "ga", "ill", "ind", "kan", "ky", "md", "mass",
	"mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore",
	"pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "e.g",
	"i.e", "cf", "al"
};

/* Does the full stop at text[dot] close an abbreviation? */
static int
is_abbrev(const char *text, size_t dot)
{
	size_t b = dot, k;

	while (b > 0 && (is_alpha((unsigned char)text[b - 1]) ||
	    text[b - 1] == '.'))
		b--;
	if (b == dot)
		return 0;
	/* "U.S.", "p.m.", "N.": a single letter or dotted initials */
	if (dot - b == 1)
		return 1;
	if (memchr(text + b, '.', dot - b) != NULL) {
		size_t seg = 0, j;

		for (j = b; j < dot; j++) {
			seg = text[j] == '.' ? 0 : seg + 1;
			if (seg > 2)
				return 0;	/* "PowerOutage.us." ends */
		}
		return 1;
	}
	for (k = 0; k < NELEM(abbrevs); k++)
		if (lower((unsigned char)text[b]) == abbrevs[k][0] &&
		    strlen(abbrevs[k]) == dot - b &&
		    strncasecmp(text + b, abbrevs[k], dot - b) == 0)
			return 1;
	return 0;
}

/* Closing quotes and brackets that stay with the sentence they end. */
static size_t
closer_len(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (s[i] == '"' || s[i] == '\'' || s[i] == ')' || s[i] == ']')
		return 1;
	/* U+2019 ’ and U+201D ” */
	if (i + 2 < len &&
	    (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x9D))
		return 3;
	return 0;
}

/* Can a sentence start at s[i]? */
static int
starts_sentence(const char *s, size_t len, size_t i)
{
	unsigned char c;

	if (i >= len)
		return 1;
	c = (unsigned char)s[i];
	return is_upper(c) || is_digit(c) || c == '"' || c == '\'' ||
	    c == '(' || c == '[' || c >= 0x80;
}

static void
add_span(const char *text, size_t a, size_t b, struct extract_span *out,
    size_t max, size_t *n)
{
	while (a < b && is_space((unsigned char)text[a]))
		a++;
	while (b > a && is_space((unsigned char)text[b - 1]))
		b--;
	if (a == b)
		return;
	if (*n < max) {
		out[*n].start = a;
		out[*n].len = b - a;
	}
	(*n)++;
}

size_t
extract_sentences(const char *text, size_t len, struct extract_span *out,
    size_t max)
{
	size_t i, start = 0, n = 0, end, next, c;

	for (i = 0; i < len; i++) {
		char ch = text[i];

		if (ch == '\n') {
			/* a blank line ends a paragraph and its sentence */
			next = i + 1;
			while (next < len && (text[next] == ' ' ||
			    text[next] == '\t' || text[next] == '\r'))
				next++;
			if (next < len && text[next] == '\n') {
				add_span(text, start, i, out, max, &n);
				start = i = next;
			}
			continue;
		}
		if (ch != '.' && ch != '!' && ch != '?')
			continue;
		if (ch == '.' && is_abbrev(text, i))
			continue;
		end = i + 1;
		while (end < len && (text[end] == '.' || text[end] == '!' ||
		    text[end] == '?'))
			end++;
		while ((c = closer_len(text, len, end)) > 0)
			end += c;
		if (end < len && !is_space((unsigned char)text[end]))
			continue;	/* "1.5", "PowerOutage.US" */
		next = skip_space(text, len, end);
		if (!starts_sentence(text, len, next))
			continue;
		add_span(text, start, end, out, max, &n);
		start = end;
		i = end - 1;
	}
	add_span(text, start, len, out, max, &n);
	return n < max ? n : max;
}

/* ---- tokens ------------------------------------------------------------ */

#define MAX_TOKENS	400	/* per sentence; the rest is ignored */
#define MAX_QUANT	32	/* count phrases per sentence */
#define MAX_CUES	64	/* status cues per sentence */
#define MAX_MATCHES	64	/* place names per sentence */
#define WORD_MAX	24	/* folded word kept for comparison */

struct tok {
	size_t		 start, len;	/* bytes of the text */
	char		 w[WORD_MAX];	/* lowercase; punctuation as itself */
	int		 punct;		/* 0 for a word or number */
	int		 cap;		/* starts with an ASCII capital */
	int		 clause;	/* clause number within the sentence */
	int		 util;		/* bitmask of utilities it names */
	uint32_t	 lx;		/* LXB() of the word lists holding it */
	int		 unit;		/* unit_nouns index + 1, or 0 */
};

struct sentence {
	const char	*text;		/* the whole input */
	size_t		 start, len;
	struct tok	 t[MAX_TOKENS];
	size_t		 n;
};

/* Bytes of a UTF-8 punctuation character at s[i] (quotes, dashes), or 0. */
static size_t
utf8_punct(const char *s, size_t len, size_t i, char *as)
{
	unsigned char c1, c2;

	if (i + 1 < len && (unsigned char)s[i] == 0xC2 &&
	    ((unsigned char)s[i + 1] == 0xA0 || (unsigned char)s[i + 1] == 0xAB ||
	    (unsigned char)s[i + 1] == 0xBB)) {
		*as = (unsigned char)s[i + 1] == 0xA0 ? ' ' : '"';
		return 2;
	}
	if (i + 2 >= len || (unsigned char)s[i] != 0xE2)
		return 0;
	c1 = (unsigned char)s[i + 1];
	c2 = (unsigned char)s[i + 2];
	if (c1 != 0x80)
		return 0;
	if (c2 >= 0x90 && c2 <= 0x95)
		*as = '-';
	else if (c2 >= 0x98 && c2 <= 0x9B)
		*as = '\'';
	else if (c2 >= 0x9C && c2 <= 0x9F)
		*as = '"';
	else
		*as = '.';		/* ellipsis, primes, bullets */
	return 3;
}

static void	tok_lex(struct tok *, size_t, uint32_t);

static void
push_tok(struct sentence *S, size_t a, size_t b, int punct, char as)
{
	struct tok *t;
	size_t k, o = 0;
	uint32_t h = FNV1A_INIT;

	if (S->n >= MAX_TOKENS)
		return;
	t = &S->t[S->n++];
	t->start = a;
	t->len = b - a;
	t->punct = punct;
	t->cap = t->clause = t->util = t->unit = 0;
	t->lx = 0;
	if (punct) {
		t->w[0] = as;
		t->w[1] = '\0';
		return;
	}
	t->cap = S->text[a] >= 'A' && S->text[a] <= 'Z';
	for (k = a; k < b && o + 1 < sizeof(t->w); k++) {
		char c = S->text[k];

		c = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		h = fnv1a_step(h, (unsigned char)c);
		t->w[o++] = c;
	}
	t->w[o] = '\0';
	tok_lex(t, o, h);
}

/*
 * Words keep inner hyphens, apostrophes and, between digits, commas and
 * points: "de-energized", "1,500", "1.2mn", "PowerOutage.US".
 */
static void
tokenize(struct sentence *S)
{
	const char *s = S->text;
	size_t i = S->start, end = S->start + S->len, a, n;
	char as;

	S->n = 0;
	while (i < end) {
		if (is_space((unsigned char)s[i])) {
			i++;
			continue;
		}
		if ((unsigned char)s[i] >= 0xC2 &&
		    (n = utf8_punct(s, end, i, &as)) > 0) {
			if (as != ' ')
				push_tok(S, i, i + n, 1, as);
			i += n;
			continue;
		}
		if (!is_alnum((unsigned char)s[i])) {
			push_tok(S, i, i + 1, 1, s[i]);
			i++;
			continue;
		}
		a = i;
		while (i < end) {
			if ((unsigned char)s[i] >= 0xC2 &&
			    utf8_punct(s, end, i, &as) > 0)
				break;
			if (is_alnum((unsigned char)s[i])) {
				i++;
				continue;
			}
			if (i + 1 < end && is_alnum((unsigned char)s[i + 1]) &&
			    utf8_punct(s, end, i + 1, &as) == 0 &&
			    (s[i] == '-' || s[i] == '\'' || s[i] == '&' ||
			    ((s[i] == ',' || s[i] == '.') && i > a &&
			    is_digit((unsigned char)s[i - 1]) &&
			    is_digit((unsigned char)s[i + 1])) ||
			    (s[i] == '.' && is_alpha((unsigned char)s[i + 1]) &&
			    i > a && is_alpha((unsigned char)s[i - 1]) &&
			    i + 2 < end && is_alnum((unsigned char)s[i + 2])))) {
				i++;
				continue;
			}
			break;
		}
		push_tok(S, a, i, 0, 0);
	}
}

static int
tw(const struct sentence *S, size_t i, const char *w)
{
	return i < S->n && !S->t[i].punct && S->t[i].w[0] == w[0] &&
	    strcmp(S->t[i].w, w) == 0;
}

static int
tp(const struct sentence *S, size_t i, char c)
{
	return i < S->n && S->t[i].punct && S->t[i].w[0] == c;
}

/*
 * Word equality for the cue lists: the first byte settles almost every
 * comparison, and the extractor makes millions of them (a cheap test
 * before strcmp is most of its speed).
 */
#define WEQ(w, lit)	((w)[0] == (lit)[0] && strcmp((w), (lit)) == 0)

/* ---- word lists -------------------------------------------------------- */

/* Counted nouns and their unit (G12); "" counts with no unit. */
static const struct {
	const char	*noun;
	const char	*unit;
} unit_nouns[] = {
	{ "households", "households" }, { "household", "households" },
	{ "families", "households" },
	{ "homes", "homes" }, { "houses", "homes" }, { "apartments", "homes" },
	{ "flats", "homes" }, { "dwellings", "homes" },
	{ "people", "people" }, { "persons", "people" },
	{ "residents", "people" }, { "inhabitants", "people" },
	{ "citizens", "people" }, { "texans", "people" },
	{ "californians", "people" }, { "floridians", "people" },
	{ "ukrainians", "people" }, { "kyivans", "people" },
	{ "londoners", "people" }, { "americans", "people" },
	{ "customers", "customers" }, { "clients", "customers" },
	{ "accounts", "customers" }, { "properties", "customers" },
	{ "connections", "customers" },
	{ "premises", "customers" }, { "outages", "customers" },
	{ "businesses", "customers" }, { "meters", "customers" },
	{ "consumers", "consumers" },
	{ "subscribers", "subscribers" }, { "users", "subscribers" },
	{ "buildings", "" }, { "blocks", "" }, { "settlements", "" },
	{ "towns", "" }, { "villages", "" }, { "localities", "" },
	{ "communities", "" }, { "cities", "" }, { "districts", "" },
	{ "municipalities", "" }, { "hromadas", "" }, { "streets", "" },
	{ "regions", "" }, { "oblasts", "" }, { "neighbourhoods", "" },
	{ "neighborhoods", "" }
};

/* Counted things that are never an affected count (G4). */
static const char *const excluded_nouns[] = {
	"personnel", "workers", "employees", "staff", "crews", "engineers",
	"specialists", "linemen", "troops", "soldiers", "rescuers",
	"substations", "substation", "plants", "plant", "boiler", "boilers",
	"pipelines", "pipeline", "systems", "facilities", "hospitals",
	"schools", "kindergartens", "gigawatts", "gw", "megawatts", "mw",
	"kw", "kilowatts", "dollars", "euros", "hryvnias", "pounds",
	"counties", "stations", "deaths", "dead", "killed", "injured",
	"drones", "missiles", "rockets", "shells", "degrees", "hours",
	"days", "minutes", "weeks", "months", "years", "times", "lines",
	"units", "reactors", "towers", "transformers", "generators", "km",
	"miles", "kilometres", "kilometers", "reports", "complaints",
	"tweets", "problems", "demand", "generation", "capacity", "load",
	"evacuees", "evacuated", "tonnes", "tons", "cubic", "metres",
	"percent", "per", "cent", "attacks", "strikes",
	"objects", "infrastructure", "boreholes", "pumps", "shelters"
};

/* Words that end a noun phrase after a number. */
static const char *const stop_words[] = {
	"of", "in", "on", "at", "to", "for", "from", "by", "with",
	"without", "and", "or", "but", "were", "was", "are", "is", "be",
	"been", "have", "has", "had", "remain", "remained", "remains",
	"lost", "left", "who", "that", "which", "the", "a", "an", "across",
	"after", "before", "still", "now", "as", "than", "its", "their",
	"this", "these", "those", "there", "lack", "lacked", "saw", "got",
	"had", "did", "do", "does", "will", "would", "could", "can", "may",
	"while", "earlier", "later", "today", "yesterday", "outage",
	"experienced", "experiencing", "facing", "reported", "said", "out",
	"near", "across", "into", "up", "down", "more", "less", "since"
};

/* Words after a bare number that leave it bare ("547,630." too). */
static const char *const bare_followers[] = {
	"earlier", "later", "on", "in", "at", "by", "as", "while", "and",
	"but", "now", "today", "yesterday", "remaining", "still", "were",
	"are", "was", "is", "remain", "remained", "remains", "had", "have"
};

/* Future, hypothetical and advisory markers: the clause is no report. */
static const char *const modal_words[] = {
	"could", "may", "might", "will", "would", "should", "shall",
	"expected", "expects", "expect", "plans", "plan", "planned",
	"planning", "hopes", "hope", "aims", "intends", "intend", "risk",
	"risks", "threatens", "threaten", "warned", "warns", "warning",
	"forecast", "forecasts", "projected", "likely", "if", "unless",
	"boil", "ordered", "urged", "going", "estimate", "predicted",
	"considering", "considers", "weighing", "mulling", "contemplating",
	"unlikely"
};

/* Words after a place that show it names an organisation (G9). */
static const char *const org_words[] = {
	"power", "electric", "energy", "edison", "light", "gas", "water",
	"public", "commission", "electrica", "utilities", "utility",
	"telecom", "department", "university", "airlines", "times", "post",
	"police", "national", "health", "grid", "hydro",
	"ministry", "oblenergo", "regional", "military", "government"
};

/* Demonyms that name a place when the sentence names none. */
static const struct {
	const char	*noun;
	const char	*place;
} demonyms[] = {
	{ "texans", "US-TX" }, { "californians", "US-CA" },
	{ "floridians", "US-FL" }, { "londoners", "London" },
	{ "kyivans", "Kyiv" }
};

/* Finite auxiliaries: ", and is ..." starts a second predicate. */
static const char *const aux_words[] = {
	"is", "are", "was", "were", "has", "have", "had", "will", "would",
	"could", "can", "may", "might", "should"
};

/* Words that name telecoms (G8). */
static const char *const telecom_words[] = {
	"mobile", "internet", "broadband", "cellular", "phone",
	"phones", "telephone", "landline", "landlines", "communication",
	"communications", "connectivity", "telecom", "tv",
	"telecommunications", "television", "wireless", "cellphone"
};

/* After "water": the water is not a supply. */
static const char *const not_water[] = {
	"main", "mains", "pipe", "pipes", "flooded", "into", "treatment",
	"flowing", "levels", "level", "crisis", "damage", "utility"
};

/* After "gas": the gas is not a supply. */
static const char *const not_gas[] = {
	"pipeline", "pipelines", "shipments", "boiler", "prices",
	"price", "station", "stations", "plant", "plants", "pipes",
	"transit", "field", "fields", "exports", "imports", "leak",
	"leaks", "explosion", "giant", "company", "producer", "storage",
	"network"
};

/* Words that end the reach of a status cue over utility words. */
static const char *const window_stops[] = {
	"after", "following", "due", "because", "since", "amid", "as",
	"when", "while", "until", "by", "which", "who", "but",
	"according", "said", "after", "than"
};

/* Status words (G7): supply lost. */
static const char *const lost_words[] = {
	"lost", "lose", "loses", "losing", "de-energized",
	"de-energised", "deenergized", "disconnected", "knocked", "knocks",
	"knocking",
	"darkness", "dark", "plunged", "unplugged"
};

/* Outage words that need a count or a named utility to stand (G2). */
static const char *const weak_words[] = {
	"outage", "outages", "blackout", "blackouts", "disruption",
	"disruptions", "disrupted", "interruption", "interruptions",
	"interrupted", "failure", "affected", "affecting", "impacted",
	"impacting", "cuts", "shutdowns", "suspended", "halted"
};

/* Disruption words that stand alone when they name their utility. */
static const char *const disruption_words[] = {
	"outage", "outages", "disruption", "disruptions", "disrupted",
	"interruption", "interruptions", "interrupted", "suspended", "halted"
};

/* Supply back (G7). */
static const char *const restored_words[] = {
	"restored", "reconnected", "resumed", "returned",
	"re-energized", "reenergized", "restores", "restoration"
};

/* Modifiers that make an outage partial: "rolling blackouts". */
static const char *const partial_words[] = {
	"rolling", "rotating", "rotational", "scheduled",
	"stabilization", "stabilisation", "emergency", "hourly"
};

/* After "parts of": the noun phrase is an area. */
static const char *const area_words[] = {
	"city", "country", "region", "state", "area", "areas",
	"district", "districts", "capital", "town", "oblast", "island",
	"territory", "province", "county", "grid", "network", "power",
	"electricity", "supply", "service", "village", "neighborhoods",
	"neighbourhoods", "suburbs"
};

/* "thousands of": vague quantities (G11). */
static const char *const vague_plurals[] = {
	"thousands", "millions", "hundreds", "dozens", "tens"
};

/* "of the country's 1.2 million": a whole, not those affected (G4). */
static const char *const whole_words[] = {
	"country", "nation", "population", "city", "state", "region",
	"town", "oblast", "home", "total"
};

/* Casualties, not users (G4). */
static const char *const casualty_words[] = {
	"died", "killed", "injured", "hurt", "dead", "missing",
	"evacuated", "wounded", "perished", "rescued", "displaced",
	"hospitalized", "hospitalised", "relocated"
};

/* Verbs whose object is people moved from their homes (G4). */
static const char *const displace_verbs[] = {
	"forced", "forcing", "forces", "evacuated", "evacuating",
	"evacuate", "displaced", "displacing", "relocated", "relocating",
	"sheltered", "sheltering", "housed", "rescued"
};

/* Verbs that say a thing did not happen: "averted a blackout". */
static const char *const negate_verbs[] = {
	"prevent", "prevented", "preventing", "avoid", "avoided",
	"avoiding", "avert", "averted", "averting", "no", "without",
	"stave", "staved", "against", "nobody", "none"
};

/* Words a quantity phrase may begin with. */
static const char *const number_starts[] = {
	"an", "estimated", "more", "less", "fewer", "at", "up",
	"upwards", "close", "just", "well", "about", "around",
	"approximately", "nearly", "almost", "roughly", "some", "over",
	"under", "as", "one", "two", "three", "four", "five", "six",
	"seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy",
	"eighty", "ninety", "hundred"
};

/* After a possessive place: the place is the attacker. */
static const char *const attack_words[] = {
	"attack", "attacks", "overnight", "drone", "missile", "massive",
	"morning", "night", "nighttime", "shelling", "strikes", "troops",
	"forces", "army", "invasion", "war", "strike", "aggression"
};

/* "region of X": kinds of place. */
static const char *const place_kinds[] = {
	"region", "province", "city", "town", "village", "district",
	"county", "oblast", "republic", "state", "municipality", "commune",
	"borough", "parish", "township"
};

/* Capitalised words that are no place. */
static const char *const not_places[] = {
	"the", "a", "an", "january", "february", "march", "april",
	"may", "june", "july", "august", "september", "october",
	"november", "december", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday", "total", "addition",
	"response", "general", "particular", "short", "fact", "turn"
};

/* A compass word alone ("Northern") is not a place. */
static const char *const compass_words[] = {
	"north", "south", "east", "west", "northern", "southern",
	"eastern", "western", "central", "upper", "lower", "centre",
	"center", "middle", "northeast", "northwest", "southeast",
	"southwest", "capital", "coast", "islands", "island"
};

/* ---- the lexicon ------------------------------------------------------- */

/*
 * Every word list above, interned: a token's folded word is looked up in
 * one hash table when the token is made, and each list test after that is
 * a bit test.  (Scanning the lists with strcmp for every token was most of
 * the extractor's time.)
 */
enum lex {
	LX_EXCLUDED, LX_STOP, LX_BARE, LX_MODAL, LX_ORG, LX_TELECOM,
	LX_NOT_WATER, LX_NOT_GAS, LX_WINDOW_STOP, LX_LOST, LX_WEAK,
	LX_DISRUPTION, LX_RESTORED, LX_PARTIAL, LX_AREA, LX_VAGUE, LX_WHOLE,
	LX_CASUALTY, LX_NUMBER_START, LX_ATTACK, LX_KIND, LX_NOT_PLACE,
	LX_COMPASS, LX_UTILITY_HEAD, LX_STATUS_HEAD, LX_CLAUSE, LX_AUX,
	LX_DISPLACE, LX_NEGATE
};
#define LXB(l)	(UINT32_C(1) << (l))
/* Words word_utility() and status_word() may take: the rest are not */
#define UTILITY_HEADS	(LXB(LX_UTILITY_HEAD) | LXB(LX_TELECOM))
#define STATUS_HEADS	(LXB(LX_STATUS_HEAD) | LXB(LX_PARTIAL) | \
			 LXB(LX_LOST) | LXB(LX_WEAK) | LXB(LX_RESTORED))

/*
 * The words word_utility() and status_word() test first, besides their
 * lists: a token that is none of them (nor starts "de-energi", "deenergi"
 * or "lack") cannot be a utility or a status cue, and is not examined.
 * A new first test in either function needs its word here.
 */
static const char *const utility_heads[] = {
	"electricity", "electrical", "blackout", "blackouts", "electric",
	"power", "light", "lights", "energy", "heating", "radiators", "heat",
	"hot", "water", "gas", "cell"
};
static const char *const status_heads[] = {
	"without", "no", "not", "load-shedding", "shedding", "rationed",
	"rationing", "restrictions", "intermittent", "restoring", "low",
	"partially", "partly", "cut", "off", "down", "de-energizing",
	"waiting", "offline", "service", "breakdown", "failure", "failures",
	"back", "out", "again", "dry", "patchy", "spotty", "fallen",
	"dropped", "fell"
};

/* Words that may begin a clause (mark_clauses). */
static const char *const clause_words[] = {
	"but", "while", "whereas", "however", "although", "with", "which",
	"and"
};

static const struct {
	const char *const *words;
	size_t		 n;
	enum lex	 lex;
} lex_lists[] = {
#define L(list, l)	{ (list), NELEM(list), (l) }
	L(excluded_nouns, LX_EXCLUDED), L(stop_words, LX_STOP),
	L(bare_followers, LX_BARE), L(modal_words, LX_MODAL),
	L(org_words, LX_ORG), L(telecom_words, LX_TELECOM),
	L(not_water, LX_NOT_WATER), L(not_gas, LX_NOT_GAS),
	L(window_stops, LX_WINDOW_STOP), L(lost_words, LX_LOST),
	L(weak_words, LX_WEAK), L(disruption_words, LX_DISRUPTION),
	L(restored_words, LX_RESTORED), L(partial_words, LX_PARTIAL),
	L(area_words, LX_AREA), L(vague_plurals, LX_VAGUE),
	L(whole_words, LX_WHOLE), L(casualty_words, LX_CASUALTY),
	L(number_starts, LX_NUMBER_START), L(attack_words, LX_ATTACK),
	L(place_kinds, LX_KIND), L(not_places, LX_NOT_PLACE),
	L(compass_words, LX_COMPASS), L(utility_heads, LX_UTILITY_HEAD),
	L(status_heads, LX_STATUS_HEAD), L(clause_words, LX_CLAUSE),
	L(aux_words, LX_AUX), L(displace_verbs, LX_DISPLACE),
	L(negate_verbs, LX_NEGATE)
#undef L
};

#define LEX_SLOTS	2048	/* a power of two, over twice the words */

static struct lex_entry {
	const char	*word;		/* NULL: empty slot */
	size_t		 len;
	uint32_t	 hash;		/* fnv1a() of word */
	uint32_t	 mask;		/* LXB() of the lists holding it */
	int		 unit;		/* unit_nouns index + 1, or 0 */
} lex_table[LEX_SLOTS];
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;


/* The slot of the n bytes at w, whose fnv1a() is h: theirs or empty. */
static struct lex_entry *
lex_slot(const char *w, size_t n, uint32_t h)
{
	size_t k;

	for (k = h & (LEX_SLOTS - 1); lex_table[k].word != NULL;
	    k = (k + 1) & (LEX_SLOTS - 1))
		if (lex_table[k].hash == h && lex_table[k].len == n &&
		    memcmp(lex_table[k].word, w, n) == 0)
			break;
	return &lex_table[k];
}

static void
lex_add(const char *w, uint32_t mask, int unit)
{
	static size_t used;
	size_t n = strlen(w);
	uint32_t h = fnv1a(w, n);
	struct lex_entry *e = lex_slot(w, n, h);

	if (e->word == NULL) {
		if (++used > LEX_SLOTS / 2)
			abort();	/* the word lists outgrew LEX_SLOTS */
		e->word = w;
		e->len = n;
		e->hash = h;
	}
	e->mask |= mask;
	if (unit != 0)
		e->unit = unit;
}

static void
lex_build(void)
{
	size_t i, k;

	for (i = 0; i < NELEM(lex_lists); i++)
		for (k = 0; k < lex_lists[i].n; k++)
			lex_add(lex_lists[i].words[k], LXB(lex_lists[i].lex), 0);
	for (k = NELEM(unit_nouns); k-- > 0;)	/* the first entry wins */
		lex_add(unit_nouns[k].noun, 0, (int)k + 1);
}

/* The word's entry, or NULL.  extract_reports() built the table. */
static const struct lex_entry *
lex_find(const char *w)
{
	size_t n = strlen(w);
	const struct lex_entry *e = lex_slot(w, n, fnv1a(w, n));

	return e->word != NULL ? e : NULL;
}

/* Is w (folded) in the list l? */
static int
lex_has(const char *w, enum lex l)
{
	const struct lex_entry *e = lex_find(w);

	return e != NULL && (e->mask & LXB(l)) != 0;
}

/* Look the token's word up once: its lists, its unit, its prefixes. */
static void
tok_lex(struct tok *t, size_t n, uint32_t h)
{
	const struct lex_entry *e = lex_slot(t->w, n, h);

	if (e->word == NULL)
		e = NULL;
	if (e != NULL) {
		t->lx = e->mask;
		t->unit = e->unit;
	}
	if (t->w[0] == 'd' && (strncmp(t->w, "de-energi", 9) == 0 ||
	    strncmp(t->w, "deenergi", 8) == 0))
		t->lx |= LXB(LX_UTILITY_HEAD);
	if (t->w[0] == 'l' && strncmp(t->w, "lack", 4) == 0)
		t->lx |= LXB(LX_STATUS_HEAD);
}

/* Is token i a word of list l?  No for punctuation and past the end. */
static int
tin(const struct sentence *S, size_t i, enum lex l)
{
	return i < S->n && (S->t[i].lx & LXB(l)) != 0;
}

/* The unit a counted noun gives (G12), "" for none, NULL: not a noun. */
static const char *
tok_unit(const struct tok *t)
{
	return t->unit != 0 ? unit_nouns[t->unit - 1].unit : NULL;
}

/* ---- utilities --------------------------------------------------------- */

#define U(u)	(1 << (u))

static const char *
prev_word(const struct sentence *S, size_t i, size_t back)
{
	return i >= back && !S->t[i - back].punct ? S->t[i - back].w : "";
}

static const char *
next_word(const struct sentence *S, size_t i, size_t ahead)
{
	return i + ahead < S->n && !S->t[i + ahead].punct ?
	    S->t[i + ahead].w : "";
}

/* Which utilities the word at i names (G8), as a bitmask. */
static int
word_utility(const struct sentence *S, size_t i)
{
	const struct tok *t = &S->t[i];
	const char *w = t->w, *p = prev_word(S, i, 1), *nx = next_word(S, i, 1);
	int lead = i == 0 || S->t[i - 1].punct;	/* may be capitalised */

	if (t->punct || (t->lx & UTILITY_HEADS) == 0)
		return 0;
	if (WEQ(w, "electricity") || WEQ(w, "electrical") ||
	    WEQ(w, "blackout") || WEQ(w, "blackouts") ||
	    strncmp(w, "de-energi", 9) == 0 || strncmp(w, "deenergi", 8) == 0)
		return U(UTIL_POWER);
	if ((WEQ(w, "electric") || WEQ(w, "power")) &&
	    (!t->cap || lead))
		return U(UTIL_POWER);
	if ((WEQ(w, "light") || WEQ(w, "lights")) &&
	    (WEQ(p, "without") || WEQ(p, "no") ||
	    WEQ(p, "the")))
		return U(UTIL_POWER);
	if (WEQ(w, "energy") && WEQ(nx, "supply"))
		return U(UTIL_POWER);
	if (WEQ(w, "heating") || WEQ(w, "radiators") ||
	    (WEQ(w, "heat") && !WEQ(nx, "wave") &&
	    !WEQ(nx, "waves")))
		return U(UTIL_HEAT);
	if (WEQ(w, "hot") && WEQ(nx, "water"))
		return U(UTIL_HEAT);
	if (WEQ(w, "water")) {
		if (WEQ(p, "hot"))	/* "hot water": both words say heat */
			return U(UTIL_HEAT);
		if (WEQ(p, "boil") ||
		    WEQ(p, "burst") || tin(S, i + 1, LX_NOT_WATER) ||
		    (WEQ(p, "of") && (strcmp(prev_word(S, i, 2),
		    "lots") == 0 || strcmp(prev_word(S, i, 2), "amount") == 0)))
			return 0;
		return U(UTIL_WATER);
	}
	if (WEQ(w, "gas") && (!t->cap || lead) && !tin(S, i + 1, LX_NOT_GAS))
		return U(UTIL_GAS);
	if (t->lx & LXB(LX_TELECOM))
		return U(UTIL_TELECOM);
	if (WEQ(w, "cell") && WEQ(nx, "service"))
		return U(UTIL_TELECOM);
	return 0;
}

/* Words that end the reach of a status cue over utility words. */
static int
window_stop(const struct tok *t)
{

	if (t->punct)
		return t->w[0] != ',' && t->w[0] != '"' && t->w[0] != '\'' &&
		    t->w[0] != '-';
	return (t->lx & LXB(LX_WINDOW_STOP)) != 0;
}

/* Utilities within reach of token i: ahead (fwd) and behind (back). */
static int
utilities_near(const struct sentence *S, size_t i, size_t fwd, size_t back)
{
	size_t k, seen;
	int u = 0;

	for (k = i + 1, seen = 0; k < S->n && seen < fwd; k++) {
		if (window_stop(&S->t[k]))
			break;
		u |= S->t[k].util;
		seen += !S->t[k].punct;
	}
	for (k = i, seen = 0; k > 0 && seen < back; k--) {
		if (window_stop(&S->t[k - 1]))
			break;
		u |= S->t[k - 1].util;
		seen += !S->t[k - 1].punct;
	}
	return u;
}

/* ---- status cues ------------------------------------------------------- */

struct cue {
	size_t		 tok;
	enum report_status status;
	int		 strong;	/* may stand without a count (G2) */
	int		 util;		/* utilities it speaks of */
	int		 used;		/* taken by a count */
	int		 off;		/* future, hypothetical, advisory */
};

static int
is_outage_noun(const char *w)
{
	return WEQ(w, "outages") || WEQ(w, "outage") ||
	    WEQ(w, "blackouts") || WEQ(w, "cuts") ||
	    WEQ(w, "shutdowns") || WEQ(w, "blackout") ||
	    WEQ(w, "disconnections") || WEQ(w, "interruptions");
}

/* A finite auxiliary or modal verb at i: "is", "has", "will", ... */
static int
aux_verb(const struct sentence *S, size_t i)
{
	return i < S->n && ((S->t[i].lx & LXB(LX_AUX)) != 0 ||
	    (S->t[i].lx & LXB(LX_MODAL)) != 0);
}

/* ", and said shutoffs could expand": a report verb starts a predicate */
static int
said_verb(const struct sentence *S, size_t i)
{
	return tw(S, i, "said") || tw(S, i, "says") || tw(S, i, "added") ||
	    tw(S, i, "announced") || tw(S, i, "noted") || tw(S, i, "told") ||
	    tw(S, i, "warned") || tw(S, i, "cautioned") ||
	    tw(S, i, "reported");
}

/*
 * ", and hot water has been cut off": a short subject, then a finite
 * auxiliary, starts a clause of its own.
 */
static int
new_subject(const struct sentence *S, size_t i)
{
	size_t k;

	for (k = i; k < S->n && k < i + 6; k++) {
		if (S->t[k].punct || (S->t[k].lx & LXB(LX_CLAUSE)) != 0)
			return 0;
		if (k > i && ((S->t[k].lx & LXB(LX_AUX)) != 0 ||
		    said_verb(S, k)))
			return 1;
	}
	return 0;
}

/*
 * Clause numbers: ";", ":", "but", "while", ", with", ", which",
 * "however", ", and" before a verb.
 */
static void
mark_clauses(struct sentence *S)
{
	size_t i;
	int c = 0;

	for (i = 0; i < S->n; i++) {
		const struct tok *t = &S->t[i];

		if (t->punct) {
			/* " — crews will ...": a dash before a subject and
			   its verb starts a clause */
			c += t->w[0] == ';' || t->w[0] == ':' ||
			    (t->w[0] == '-' && new_subject(S, i + 1));
		} else if ((t->lx & LXB(LX_CLAUSE)) != 0) {
			int after_comma = i > 0 && tp(S, i - 1, ',');

			/* ", with", and ", which left ...": a relative clause
			   asserts its own fact, whatever the main clause urged
			   or planned; ", and is considering ...": a second
			   predicate of the same subject asserts (or plans) its
			   own thing */
			if (WEQ(t->w, "with") || WEQ(t->w, "which"))
				c += after_comma;
			else if (WEQ(t->w, "and"))
				c += after_comma && (aux_verb(S, i + 1) ||
				    said_verb(S, i + 1) || new_subject(S, i + 1));
			else
				c++;
		}
		S->t[i].clause = c;
	}
}

static void
add_cue(struct cue *c, size_t *nc, size_t tok, enum report_status st,
    int strong, int util)
{
	if (*nc >= MAX_CUES)
		return;
	c[*nc].tok = tok;
	c[*nc].status = st;
	c[*nc].strong = strong;
	c[*nc].util = util;
	c[*nc].used = c[*nc].off = 0;
	(*nc)++;
}

/* A status word at i (G7); fills c and returns 1, or 0. */
static int
status_word(const struct sentence *S, size_t i, unsigned char *skip,
    struct cue *c, size_t *nc)
{
	const char *w = S->t[i].w, *p = prev_word(S, i, 1);
	uint32_t lx = S->t[i].lx;
	int u = S->t[i].util;
	size_t k;

	if ((lx & STATUS_HEADS) == 0)
		return 0;

	if (WEQ(w, "without") || strncmp(w, "lack", 4) == 0) {
		int uu = utilities_near(S, i, 5, 0);

		/* "internet customers across X were without service":
		   the service is the one the clause named before */
		if (uu == 0 && (tw(S, i + 1, "service") ||
		    tw(S, i + 1, "services")))
			uu = utilities_near(S, i, 0, 10);
		return add_cue(c, nc, i, RS_OUTAGE, 1, uu), 1;
	}
	if (WEQ(w, "no") || (WEQ(w, "not") &&
	    (tw(S, i + 1, "had") || tw(S, i + 1, "have") ||
	    tw(S, i + 1, "has"))))
		return add_cue(c, nc, i, RS_OUTAGE, 1, utilities_near(S, i, 3,
		    0)), 1;
	if (lx & LXB(LX_PARTIAL)) {
		/* "rotating power cuts": the modifier decides the status */
		for (k = i + 1; k < S->n && k <= i + 3; k++)
			if (!S->t[k].punct && is_outage_noun(S->t[k].w)) {
				/* rotation of supply is an electricity
				   practice unless another utility is named */
				int uu = utilities_near(S, i, 4, 2);

				skip[k] = 1;
				return add_cue(c, nc, i, RS_PARTIAL, 1,
				    uu != 0 ? uu : U(UTIL_POWER)), 1;
			}
		return 0;
	}
	if (WEQ(w, "load-shedding") || (WEQ(w, "shedding") &&
	    WEQ(p, "load"))) {
		/* shedding load is an electricity practice (G7) */
		int uu = u | utilities_near(S, i, 4, 3);

		return add_cue(c, nc, i, RS_PARTIAL, 1, uu != 0 ? uu :
		    U(UTIL_POWER)), 1;
	}
	if (WEQ(w, "rationed") ||
	    WEQ(w, "rationing") || WEQ(w, "restrictions") ||
	    WEQ(w, "intermittent") || WEQ(w, "restoring") ||
	    (WEQ(w, "low") && (tw(S, i + 1, "pressure") ||
	    tw(S, i + 2, "pressure") || tw(S, i - 2, "pressure"))))
		return add_cue(c, nc, i, RS_PARTIAL, 1, u | utilities_near(S, i,
		    4, 3)), 1;
	if ((WEQ(w, "partially") || WEQ(w, "partly")) &&
	    i + 1 < S->n && !S->t[i + 1].punct && !S->t[i + 1].cap) {
		/* "partially restored", "partly back": one partial cue */
		if (tw(S, i + 1, "restored") || tw(S, i + 1, "back") ||
		    tw(S, i + 1, "reconnected") || tw(S, i + 1, "resumed"))
			skip[i + 1] = 1;
		return add_cue(c, nc, i, RS_PARTIAL, 1, utilities_near(S, i,
		    4, 6)), 1;
	}
	if ((lx & LXB(LX_LOST)) || WEQ(w, "cut") ||
	    ((WEQ(w, "off") || WEQ(w, "down")) &&
	    (WEQ(p, "shut") || WEQ(p, "switched") ||
	    WEQ(p, "turned"))) || WEQ(w, "de-energizing")) {
		/* "in the dark", "parts of X remained dark" */
		if (WEQ(w, "dark") && !WEQ(p, "the") && !WEQ(p, "remained") &&
		    !WEQ(p, "remain") && !WEQ(p, "remains") &&
		    !WEQ(p, "stayed") && !WEQ(p, "still"))
			return 0;
		if (WEQ(w, "dark") || WEQ(w, "darkness"))
			u |= U(UTIL_POWER);
		return add_cue(c, nc, i, RS_OUTAGE, 1, u | utilities_near(S, i,
		    5, 4)), 1;
	}
	/* G6: "with dry taps", "taps ran dry" are no water */
	if (WEQ(w, "dry") && (tw(S, i + 1, "taps") || tw(S, i - 2, "taps") ||
	    tw(S, i - 3, "taps")))
		return add_cue(c, nc, i, RS_OUTAGE, 1, U(UTIL_WATER)), 1;
	/* "mobile service was patchy": degraded service (G7) */
	if ((WEQ(w, "patchy") || WEQ(w, "spotty")) &&
	    (u = utilities_near(S, i, 0, 5)) != 0)
		return add_cue(c, nc, i, RS_PARTIAL, 1, u), 1;
	/* "the number had fallen to 61,500": the count of the group
	   told before, still out (its utility comes from there) */
	if ((WEQ(w, "fallen") || WEQ(w, "dropped") || WEQ(w, "fell")) &&
	    tw(S, i + 1, "to") && i + 2 < S->n &&
	    is_digit((unsigned char)S->t[i + 2].w[0]) &&
	    (tw(S, i - 2, "number") || tw(S, i - 2, "figure") ||
	    tw(S, i - 3, "number") || tw(S, i - 3, "figure") ||
	    tw(S, i - 1, "outages") || tw(S, i - 2, "outages")))
		return add_cue(c, nc, i, RS_OUTAGE, 0, utilities_near(S, i,
		    0, 4)), 1;
	/* "still waiting for reconnection" */
	if (WEQ(w, "waiting") && tw(S, i + 1, "for") &&
	    (tw(S, i + 2, "reconnection") || tw(S, i + 2, "restoration") ||
	    tw(S, i + 2, "power") || tw(S, i + 2, "electricity") ||
	    tw(S, i + 2, "supply") || tw(S, i + 2, "heating") ||
	    tw(S, i + 2, "water") || tw(S, i + 2, "gas"))) {
		skip[i + 2] = 1;
		return add_cue(c, nc, i, RS_OUTAGE, 1, utilities_near(S, i, 3,
		    3)), 1;
	}
	/* "power went out for 50,000 homes", "lights are out" */
	if (WEQ(w, "out") && !tw(S, i + 1, "of") &&
	    (WEQ(p, "went") || WEQ(p, "go") || WEQ(p, "goes") ||
	    WEQ(p, "gone") || WEQ(p, "is") || WEQ(p, "are") ||
	    WEQ(p, "was") || WEQ(p, "were") || WEQ(p, "remain") ||
	    WEQ(p, "remained") || WEQ(p, "remains") || WEQ(p, "still")) &&
	    utilities_near(S, i, 2, 4) != 0)
		return add_cue(c, nc, i, RS_OUTAGE, 1, utilities_near(S, i, 2,
		    4)), 1;
	/* "internet went down", "networks are offline" */
	if (WEQ(w, "offline") || (WEQ(w, "down") &&
	    (WEQ(p, "went") || WEQ(p, "go") ||
	    WEQ(p, "goes") || WEQ(p, "is") ||
	    WEQ(p, "are") || WEQ(p, "was") ||
	    WEQ(p, "were") || WEQ(p, "remain") ||
	    WEQ(p, "remained"))))
		return add_cue(c, nc, i, RS_OUTAGE, 1, utilities_near(S, i, 3,
		    5)), 1;
	if (WEQ(w, "service") && WEQ(p, "of") &&
	    strcmp(prev_word(S, i, 2), "out") == 0)
		return add_cue(c, nc, i, RS_OUTAGE, 1, utilities_near(S, i, 0,
		    6)), 1;
	if ((WEQ(w, "breakdown") || WEQ(w, "failure") ||
	    WEQ(w, "failures")) && i > 0 && S->t[i - 1].util != 0)
		return add_cue(c, nc, i, RS_OUTAGE, 1, S->t[i - 1].util), 1;
	if (lx & LXB(LX_WEAK)) {
		/* "water supply has been interrupted", "power outages":
		   a disruption word that names its utility stands alone */
		int strong = (lx & LXB(LX_DISRUPTION)) &&
		    (u | utilities_near(S, i, 3, 5)) != 0;

		/* "an outage affecting wireless subscribers in X": the
		   users of a named service are affected (G7) */
		if (WEQ(w, "affecting") || WEQ(w, "affected") ||
		    WEQ(w, "impacting") || WEQ(w, "impacted"))
			for (k = i + 1; k <= i + 2 && k + 1 < S->n; k++)
				if (S->t[k].util != 0 &&
				    tok_unit(&S->t[k + 1]) != NULL &&
				    *tok_unit(&S->t[k + 1]) != '\0')
					return add_cue(c, nc, i, RS_OUTAGE, 1,
					    S->t[k].util), 1;
		/* "parts of Quetta face similar cuts": the same kind of
		   cut as the cue before (which it refers back to) */
		if ((WEQ(p, "similar") || WEQ(p, "such") || (WEQ(p, "same") &&
		    tw(S, i - 2, "the"))) && *nc > 0 && !tin(S, i - 2, LX_NEGATE))
			return add_cue(c, nc, i, c[*nc - 1].status, 1,
			    u | utilities_near(S, i, 5, 0) | c[*nc - 1].util), 1;
		/* G14: "after the blackout", "a city-wide blackout" refer
		   to a power cut that happened */
		if ((WEQ(w, "blackout") || WEQ(w, "blackouts")) &&
		    (WEQ(p, "the") || WEQ(p, "this") || WEQ(p, "that") ||
		    (strlen(p) > 5 && strcmp(p + strlen(p) - 5, "-wide") == 0) ||
		    WEQ(p, "nationwide") || WEQ(p, "statewide") ||
		    /* "confirmed a blackout across Kenya" */
		    tw(S, i + 1, "across") || tw(S, i + 1, "throughout")) &&
		    !tin(S, i - 2, LX_NEGATE) && !tin(S, i - 3, LX_NEGATE))
			strong = 1;

		return add_cue(c, nc, i, RS_OUTAGE, strong, u |
		    utilities_near(S, i, 5, 5)), 1;
	}
	if (lx & LXB(LX_RESTORED)) {
		/* "to restore" is a plan; "restoration work" is about work */
		/* "had yet to be reconnected", "not yet restored": out */
		if ((WEQ(p, "be") && tw(S, i - 2, "to") &&
		    tw(S, i - 3, "yet")) || WEQ(p, "yet") ||
		    (WEQ(p, "been") && (tw(S, i - 2, "not") ||
		    tw(S, i - 2, "yet"))))
			return add_cue(c, nc, i, RS_OUTAGE, 1, utilities_near(S,
			    i, 5, 5)), 1;
		if (WEQ(p, "to") || (WEQ(w, "restoration") &&
		    (tw(S, i + 1, "work") || tw(S, i + 1, "works") ||
		    tw(S, i + 1, "efforts") || tw(S, i + 1, "crews") ||
		    tw(S, i + 1, "teams") || tw(S, i + 1, "process"))))
			return 0;
		return add_cue(c, nc, i, RS_RESTORED, 1, utilities_near(S, i,
		    5, 5)), 1;
	}
	/* "all lines were working again": the service is back */
	if (WEQ(w, "again") && (WEQ(p, "working") || WEQ(p, "functioning") ||
	    WEQ(p, "operating")) && (utilities_near(S, i, 0, 5) != 0 ||
	    tw(S, i - 3, "lines") || tw(S, i - 3, "connections") ||
	    tw(S, i - 3, "networks") || tw(S, i - 3, "services")))
		return add_cue(c, nc, i, RS_RESTORED, 1, utilities_near(S, i,
		    0, 5)), 1;
	/* "all of them had power again" */
	if (WEQ(w, "again") && i >= 2 && (S->t[i - 1].util != 0 ||
	    (WEQ(p, "on") && S->t[i - 2].util != 0)) &&
	    (tw(S, i - 2, "had") || tw(S, i - 2, "have") ||
	    tw(S, i - 2, "has") || tw(S, i - 2, "with") || WEQ(p, "on")))
		return add_cue(c, nc, i, RS_RESTORED, 1, S->t[i - 1].util |
		    (i >= 2 ? S->t[i - 2].util : 0)), 1;
	if (WEQ(w, "back") && (utilities_near(S, i, 0, 3) != 0 ||
	    tw(S, i + 1, "online") || tw(S, i + 1, "on") ||
	    /* "supply was back for most of them" */
	    ((tw(S, i - 2, "supply") || tw(S, i - 2, "service") ||
	    tw(S, i - 2, "connection")) &&
	    (WEQ(p, "was") || WEQ(p, "is") || WEQ(p, "were") ||
	    WEQ(p, "are") || WEQ(p, "came") || WEQ(p, "comes")))))
		return add_cue(c, nc, i, RS_RESTORED, 1, utilities_near(S, i,
		    2, 4)), 1;
	return 0;
}

/*
 * A future, hypothetical or advisory word at i (G5, G6).  "ordered to
 * boil" is an order to people; "outages were ordered" is a fact.
 */
static int
modal_at(const struct sentence *S, size_t i)
{
	if ((S->t[i].lx & LXB(LX_MODAL)) == 0)
		return 0;
	if (WEQ(S->t[i].w, "ordered"))
		return tw(S, i + 1, "to");
	/* "risk losing water", "at risk of"; not "to cut the fire risk" */
	if (WEQ(S->t[i].w, "risk") || WEQ(S->t[i].w, "risks")) {
		const char *nx = next_word(S, i, 1);
		size_t l = strlen(nx);

		return tw(S, i + 1, "of") || (l > 4 &&
		    strcmp(nx + l - 3, "ing") == 0);
	}
	return 1;
}

/*
 * "No customers lost power", "nobody was cut off", "none of the homes":
 * the clause says the outage did not happen.
 */
static int
negated_subject(const struct sentence *S, size_t i)
{
	const char *u;

	if (WEQ(S->t[i].w, "nobody"))
		return 1;
	if (WEQ(S->t[i].w, "none"))
		return tw(S, i + 1, "of");
	if (!WEQ(S->t[i].w, "no") || i + 1 >= S->n)
		return 0;
	if (tw(S, i + 1, "one"))
		return 1;
	u = tok_unit(&S->t[i + 1]);
	return u != NULL && *u != '\0';
}

/* Does the clause say something future, hypothetical or advisory? */
static int
clause_modal(const struct sentence *S, int clause)
{
	size_t i;

	for (i = 0; i < S->n; i++)
		if (S->t[i].clause == clause && modal_at(S, i))
			return 1;
	return 0;
}

/* Status cues of a sentence in token order, with their utilities. */
static size_t
find_cues(struct sentence *S, struct cue *c)
{
	unsigned char skip[MAX_TOKENS];
	size_t i, nc = 0;
	int modal[MAX_TOKENS + 1];

	memset(skip, 0, sizeof(skip));
	/* the head tests again, before the calls: most words are neither */
	for (i = 0; i < S->n; i++)
		S->t[i].util = (S->t[i].lx & UTILITY_HEADS) != 0 ?
		    word_utility(S, i) : 0;
	for (i = 0; i < S->n; i++)
		if ((S->t[i].lx & STATUS_HEADS) != 0 && !skip[i])
			(void)status_word(S, i, skip, c, &nc);
	/* a clause with a future, hypothetical or advisory word is off */
	memset(modal, 0, sizeof(modal));
	for (i = 0; i < S->n; i++)
		if (modal_at(S, i) || ((S->t[i].lx & LXB(LX_NEGATE)) != 0 &&
		    negated_subject(S, i)))
			modal[S->t[i].clause] = 1;
	for (i = 0; i < nc; i++)
		c[i].off = modal[S->t[c[i].tok].clause];
	return nc;
}

/* ---- count phrases ----------------------------------------------------- */

struct quant {
	size_t		 t0, t1;	/* tokens of the phrase, [t0, t1) */
	int64_t		 value;		/* -1: vague or a percentage */
	int		 approx;
	char		 unit[EXTRACT_UNIT_MAX];
	const char	*noun;		/* the counted noun, folded */
	int		 excluded;	/* G4 */
	int		 bare;		/* no noun: takes a parallel unit */
	int		 placeish;	/* settlements, villages: G1 */
	int		 ref;		/* "half of them": a share of a
					   group counted before */
	int		 cue;		/* index of its status cue, -1 */
};

/* Token index at or after byte offset b. */
static size_t
tok_at(const struct sentence *S, size_t b)
{
	size_t i;

	for (i = 0; i < S->n && S->t[i].start < b; i++)
		;
	return i;
}

/*
 * The counted noun from token k: up to three modifiers, then a unit noun
 * (or "homes and businesses").  Sets q->unit/noun/excluded and returns the
 * token after the noun, or k when there is none.
 */
static size_t
counted_noun(const struct sentence *S, size_t k, struct quant *q)
{
	size_t j, mods = 0;
	const char *u;

	for (j = k; j < S->n && mods <= 3; j++) {
		const char *w = S->t[j].w;

		if (S->t[j].punct) {
			if (S->t[j].w[0] == '"' || S->t[j].w[0] == '\'')
				continue;
			return k;
		}
		/* "in 2022 100 homes": the noun is the later number's */
		if (is_digit((unsigned char)w[0]))
			return k;
		if (WEQ(w, "homes") && tw(S, j + 1, "and") &&
		    tw(S, j + 2, "businesses")) {
			str_copy(q->unit, "customers", sizeof(q->unit));
			q->noun = S->t[j + 2].w;
			return j + 3;
		}
		/* "homes, farms and businesses" */
		if (WEQ(w, "homes") && tp(S, j + 1, ',') && tw(S, j + 3, "and") &&
		    tw(S, j + 4, "businesses")) {
			str_copy(q->unit, "customers", sizeof(q->unit));
			q->noun = S->t[j + 4].w;
			return j + 5;
		}
		/* "care homes", "nursing homes": facilities (G4) */
		if (WEQ(w, "homes") && j > 0 && (tw(S, j - 1, "care") ||
		    tw(S, j - 1, "nursing") || tw(S, j - 1, "retirement"))) {
			q->excluded = 1;
			return j + 1;
		}
		if ((u = tok_unit(&S->t[j])) != NULL) {
			str_copy(q->unit, u, sizeof(q->unit));
			q->noun = w;
			q->placeish = *u == '\0' && !WEQ(w, "buildings") &&
			    !WEQ(w, "blocks");
			return j + 1;
		}
		if (S->t[j].lx & LXB(LX_EXCLUDED)) {
			q->excluded = 1;
			return j + 1;
		}
		if (S->t[j].lx & LXB(LX_STOP))
			return k;
		mods++;
	}
	return k;
}

/* After "of" in "parts of ...", "61% of ...": the noun phrase's end. */
static size_t
of_phrase(const struct sentence *S, size_t k, struct quant *q)
{
	size_t j, e;

	if (!tw(S, k, "of"))
		return k;
	for (j = k + 1; j < S->n && j <= k + 4; j++) {
		if (S->t[j].punct)
			return k;
		if ((e = counted_noun(S, j, q)) > j)
			return q->excluded ? k : e;
		if (tin(S, j, LX_AREA))
			return j + 1;
		if (S->t[j].cap && !tin(S, j, LX_NOT_PLACE)) {
			/* a place: "61% of Spain"; not "most of Monday" */
			while (j + 1 < S->n && S->t[j + 1].cap)
				j++;
			return j + 1;
		}
	}
	return k;
}

/* Vague quantities (G11, G13): "thousands of", "parts of", "several". */
static int
vague_quant(const struct sentence *S, size_t i, struct quant *q)
{
	const char *w = S->t[i].w;
	size_t j = i + 1, e;

	if (tin(S, i, LX_VAGUE)) {
		while (j < S->n && S->t[j].punct && (S->t[j].w[0] == '"' ||
		    S->t[j].w[0] == '\''))
			j++;
		while (tw(S, j, "of") && j + 1 < S->n &&
		    tin(S, j + 1, LX_VAGUE))
			j += 2;
		if (!tw(S, j, "of") || (e = counted_noun(S, j + 1, q)) ==
		    j + 1 || q->excluded || q->unit[0] == '\0')
			return 0;
	} else if ((WEQ(w, "half") || WEQ(w, "most") || WEQ(w, "some") ||
	    WEQ(w, "many") || WEQ(w, "part") || WEQ(w, "majority")) &&
	    tw(S, j, "of") && (tw(S, j + 1, "them") ||
	    tw(S, j + 1, "those"))) {
		/* "heat returned to roughly half of them": a share of a
		   group counted before, which it refers back to (G1) */
		e = j + 2;
		q->ref = 1;
		if (i > 0 && (tw(S, i - 1, "roughly") ||
		    tw(S, i - 1, "about") || tw(S, i - 1, "around") ||
		    tw(S, i - 1, "nearly") || tw(S, i - 1, "almost") ||
		    tw(S, i - 1, "approximately") || tw(S, i - 1, "over") ||
		    tw(S, i - 1, "the")))
			i--;
	} else if ((WEQ(w, "part") || WEQ(w, "parts") ||
	    WEQ(w, "most") || WEQ(w, "much")) &&
	    tw(S, j, "of")) {
		if ((e = of_phrase(S, j, q)) == j)
			return 0;
	} else if (WEQ(w, "several") || WEQ(w, "many") ||
	    WEQ(w, "most") || WEQ(w, "some")) {
		e = counted_noun(S, j, q);
		/* "some residents": a vague count of people (G13); "some
		   areas", "some buildings" are no count */
		if (WEQ(w, "some") && (e == j || q->excluded ||
		    q->unit[0] == '\0'))
			return 0;
		if (e == j && WEQ(w, "many") &&
		    (tw(S, i - 1, "left") || tw(S, i - 1, "leaving") ||
		    tw(S, i - 1, "leaves")) && i > 0) {
			str_copy(q->unit, "people", sizeof(q->unit));
			e = j;
		} else if (e == j && tin(S, j, LX_AREA) &&
		    S->t[j].w[strlen(S->t[j].w) - 1] == 's')
			e = j + 1;	/* "several neighbourhoods" (G11) */
		else if (e == j || q->excluded)
			return 0;
	} else
		return 0;
	q->t0 = i;
	q->t1 = e;
	q->value = -1;
	q->approx = 1;
	return 1;
}

/* Is the number at t0 a customer base, population or money (G4)? */
static int
base_or_money(const struct sentence *S, size_t t0)
{

	if (t0 > 0 && S->t[t0 - 1].punct && S->t[t0 - 1].w[0] == '$')
		return 1;
	if (tw(S, t0 - 1, "of") && t0 >= 2 &&
	    (tw(S, t0 - 2, "out") || (tin(S, t0 - 2, LX_WHOLE) &&
	    !tw(S, t0 - 2, "total"))))
		return 1;
	if (tw(S, t0 - 1, "the") && tw(S, t0 - 2, "of") && tw(S, t0 - 3, "out"))
		return 1;
	return 0;
}

/*
 * "forced some 3,000 residents from their homes", "evacuated 800 people":
 * the count is of people moved, not of users cut off (G4).  t0 is the
 * first token of the phrase, hedge included.
 */
static int
displaced(const struct sentence *S, size_t t0)
{
	return t0 > 0 && tin(S, t0 - 1, LX_DISPLACE);
}

/* "Two people died", "300 were evacuated": casualties, not users (G4). */
static int
casualties(const struct sentence *S, size_t k)
{
	size_t n;

	for (n = 0; n < 3 && k < S->n && !S->t[k].punct; n++, k++) {
		if (tin(S, k, LX_CASUALTY))
			return 1;
		if (!tw(S, k, "were") && !tw(S, k, "have") &&
		    !tw(S, k, "had") && !tw(S, k, "been") &&
		    !tw(S, k, "was") && !tw(S, k, "are"))
			return 0;
	}
	return 0;
}

/* A percentage at j ("%", "percent", "per cent") after the number. */
static size_t
percent_at(const struct sentence *S, size_t j)
{
	if (tp(S, j, '%') || tw(S, j, "percent") || tw(S, j, "pc"))
		return j + 1;
	if (tw(S, j, "per") && tw(S, j + 1, "cent"))
		return j + 2;
	return 0;
}

/* A number phrase at token i: fills q, returns 1; 0 if none. */
static int
number_quant(const struct sentence *S, size_t i, struct quant *q)
{
	const char *s = S->text;
	size_t end = S->start + S->len, n, j, e, p;
	int64_t v, v2;
	int a, a2, grouped;

	n = extract_number(s + S->t[i].start, end - S->t[i].start, &v, &a);
	if (n == 0)
		return 0;
	j = tok_at(S, S->t[i].start + n);
	q->t0 = i;
	q->value = v;
	q->approx = a;
	if ((p = percent_at(S, j)) > 0) {
		/* "100% of recorded customers (430,747)": the count wins */
		q->value = -1;
		/* "58% of them had been reconnected": a share (G1) */
		if (tw(S, p, "of") && (tw(S, p + 1, "them") ||
		    tw(S, p + 1, "those"))) {
			q->ref = 1;
			q->t1 = p + 2;
			return 1;
		}
		e = of_phrase(S, p, q);
		if (q->excluded)
			return 1;
		if (e == p && q->unit[0] == '\0')
			e = p;
		if (tp(S, e, '(') && e + 1 < S->n &&
		    (n = extract_number(s + S->t[e + 1].start,
		    end - S->t[e + 1].start, &v2, &a2)) > 0 &&
		    tp(S, tok_at(S, S->t[e + 1].start + n), ')')) {
			q->value = v2;
			q->approx = a2;
			e = tok_at(S, S->t[e + 1].start + n) + 1;
		}
		q->t1 = e;
		return 1;
	}
	/* "6.2 million out of the 6.5 million households" */
	if (tw(S, j, "out") && tw(S, j + 1, "of")) {
		p = j + 2 + tw(S, j + 2, "the");
		if (p < S->n && (n = extract_number(s + S->t[p].start,
		    end - S->t[p].start, &v2, &a2)) > 0 &&
		    (e = counted_noun(S, tok_at(S, S->t[p].start + n), q)) >
		    tok_at(S, S->t[p].start + n)) {
			q->t1 = e;
			return 1;
		}
	}
	/* "2.5 million of its subscribers": a share of the operator's */
	if (tw(S, j, "of") && (tw(S, j + 1, "its") || tw(S, j + 1, "their") ||
	    tw(S, j + 1, "our")) && j + 2 < S->n && !S->t[j + 2].punct &&
	    !is_digit((unsigned char)S->t[j + 2].w[0]) &&
	    (e = counted_noun(S, j + 2, q)) > j + 2 && !q->excluded &&
	    q->unit[0] != '\0') {
		q->t1 = e;
		return 1;
	}
	if ((e = counted_noun(S, j, q)) > j) {
		q->t1 = e;
		if (!q->excluded && (base_or_money(S, i) || casualties(S, e) ||
		    displaced(S, i)))
			q->excluded = 1;
		return 1;
	}
	/* "restored to 90,000 of them": the group named before (G12) */
	if (tw(S, j, "of") && (tw(S, j + 1, "them") || tw(S, j + 1, "those")) &&
	    !base_or_money(S, i)) {
		q->t1 = j + 2;
		q->bare = 1;
		return 1;
	}
	/* "down from 190 thousand", "from a peak of nearly half a
	   million": the same group's earlier count, a parallel phrase */
	if (i >= 2 && ((tw(S, i - 1, "from") && (tw(S, i - 2, "down") ||
	    tw(S, i - 2, "up"))) || (tw(S, i - 1, "of") &&
	    tw(S, i - 2, "peak"))) && v >= 1000 && !base_or_money(S, i)) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	/* bare: "while North Carolina records 547,630." */
	grouped = memchr(s + S->t[i].start, ',', n) != NULL || v >= 1000000;
	if (!grouped || v < 1000 || base_or_money(S, i))
		return 0;
	/* "and 40,000 more lost power": the elliptical count goes on */
	if (tw(S, j, "more") && !tw(S, j + 1, "than")) {
		q->t1 = j + 1;
		q->bare = 1;
		return 1;
	}
	if (j < S->n && !(S->t[j].punct && S->t[j].w[0] != '$') &&
	    !tin(S, j, LX_BARE))
		return 0;
	q->t1 = j;
	q->bare = 1;
	return 1;
}

static int
may_start_number(const struct tok *t)
{

	return !t->punct && (is_digit((unsigned char)t->w[0]) ||
	    (t->lx & LXB(LX_NUMBER_START)) || (t->w[0] == 't' &&
	    (strncmp(t->w, "twenty-", 7) == 0 ||
	    strncmp(t->w, "thirty-", 7) == 0)));
}

/* Count phrases of a sentence in token order. */
static size_t
find_quants(const struct sentence *S, struct quant *q)
{
	size_t i, nq = 0;

	for (i = 0; i < S->n && nq < MAX_QUANT; i++) {
		struct quant *x = &q[nq];

		memset(x, 0, sizeof(*x));
		x->cue = -1;
		/* "Stage 4 load shedding", "magnitude 6.8": a grade */
		if (i > 0 && is_digit((unsigned char)S->t[i].w[0]) &&
		    (tw(S, i - 1, "stage") || tw(S, i - 1, "level") ||
		    tw(S, i - 1, "phase") || tw(S, i - 1, "category") ||
		    tw(S, i - 1, "magnitude")))
			continue;
		if ((may_start_number(&S->t[i]) || (S->t[i].w[0] == 'a' &&
		    S->t[i].w[1] == '\0' && i + 1 < S->n &&
		    (tw(S, i + 1, "million") || tw(S, i + 1, "thousand") ||
		    tw(S, i + 1, "billion")))) && number_quant(S, i, x)) {
			nq++;
			i = x->t1 > i ? x->t1 - 1 : i;
			continue;
		}
		memset(x, 0, sizeof(*x));
		x->cue = -1;
		if (!S->t[i].punct && vague_quant(S, i, x)) {
			nq++;
			i = x->t1 > i ? x->t1 - 1 : i;
		}
	}
	return nq;
}

/* ---- places ------------------------------------------------------------ */

struct place {
	const struct gaz_match *m;	/* NULL: none */
	size_t		 tok, tok_end;	/* tokens it spans, [tok, tok_end) */
	int		 clause;
	int		 owned;		/* of a G4 group: "evacuated 300
					   residents of X" */
	int		 counted;	/* its clause has a count */
};

/* The word starting at or after byte i, folded into buf. */
static size_t
word_after(const char *s, size_t len, size_t i, char *buf, size_t buflen)
{
	size_t o = 0;

	i = skip_space(s, len, i);
	while (i < len && is_alpha((unsigned char)s[i]) && o + 1 < buflen)
		buf[o++] = (char)lower((unsigned char)s[i++]);
	buf[o] = '\0';
	return i;
}

static int	compass_word(const char *, size_t);

/* Does a capital letter start at s[i] (ASCII or UTF-8)? */
static int
capital_at(const char *s, size_t len, size_t i)
{
	return i < len && utf8_is_capital(s + i, len - i);
}
static size_t	tok_dist(size_t, size_t, size_t, size_t);

/*
 * "Entergy Louisiana", "Duke Energy Florida": a capitalised word before
 * the name in mid-sentence makes it part of a company's name (G9).  Not
 * compass or area words ("Southern", "Greater"), function words, months
 * or kinds, nor hyphenated adjectives ("Russian-occupied").
 */
static int
org_before(const char *s, size_t start, int possessive)
{
	size_t i = start, a, k;
	char w[WORD_MAX];

	if (i < 2 || s[i - 1] != ' ')
		return 0;
	a = --i;
	while (a > 0 && is_alpha((unsigned char)s[a - 1]))
		a--;
	if (a == i || !is_upper((unsigned char)s[a]) || i - a >= WORD_MAX ||
	    a < 2 || (s[a - 1] != ' ' && s[a - 1] != '\n'))
		return 0;
	/* mid-sentence: a word, number or comma comes before it; at the
	   start a possessive says it is a name ("Entergy Louisiana's") */
	for (k = a; k > 0 && is_space((unsigned char)s[k - 1]); k--)
		;
	if ((k == 0 || (!is_alnum((unsigned char)s[k - 1]) &&
	    s[k - 1] != ',')) && !possessive)
		return 0;
	for (k = a; k < i; k++)
		w[k - a] = (char)lower((unsigned char)s[k]);
	w[i - a] = '\0';
	if (lex_has(w, LX_STOP) || lex_has(w, LX_NOT_PLACE) ||
	    lex_has(w, LX_COMPASS) || lex_has(w, LX_KIND) ||
	    lex_has(w, LX_CLAUSE) || strcmp(w, "greater") == 0 ||
	    strcmp(w, "metro") == 0 || strcmp(w, "upstate") == 0 ||
	    strcmp(w, "downtown") == 0 || strcmp(w, "coastal") == 0 ||
	    strcmp(w, "rural") == 0 || strcmp(w, "saint") == 0)
		return 0;
	return 1;
}

/*
 * Is this name a place the report is about (G9)?  Not part of an
 * organisation ("Florida Power & Light"), a dateline ("SYDNEY -"), a web
 * address or an attacker ("Russia's overnight attack").
 */
static int
place_ok(const char *s, size_t len, const struct gaz_match *m)
{
	size_t e = m->start + m->len, i;
	char w[WORD_MAX];

	if (m->start > 0 && (s[m->start - 1] == '.' ||
	    is_alnum_ascii((unsigned char)s[m->start - 1])))
		return 0;
	/* "Hydro-Québec", "Kyiv-based": part of a hyphenated name */
	if ((m->start > 1 && s[m->start - 1] == '-' &&
	    is_alpha((unsigned char)s[m->start - 2])) ||
	    (m->start + m->len < len && s[m->start + m->len] == '-' &&
	    /* "Berlin-Lichtenberg": a named part of a city is there */
	    !(m->region != NULL && m->region->depth > 0 &&
	    m->start + m->len + 1 < len &&
	    is_upper((unsigned char)s[m->start + m->len + 1]))))
		return 0;
	/* place names are capitalised; "most", "central" are words.  An
	   alias "city of Kyiv" starts with its kind: the name decides */
	i = m->start;
	if (!capital_at(s, len, i)) {
		i = word_after(s, len, i, w, sizeof(w));
		if (lex_has(w, LX_KIND) && (i = word_after(s, len, i, w,
		    sizeof(w))) > m->start && strcmp(w, "of") == 0)
			i = skip_space(s, len, i);
		else
			i = m->start;
	}
	if (i >= m->start + m->len || !capital_at(s, len, i) ||
	    compass_word(s + m->start, m->len))
		return 0;
	if (e + 1 < len && s[e] == '.' && is_alnum_ascii((unsigned char)s[e + 1]))
		return 0;
	i = word_after(s, len, e, w, sizeof(w));
	if (i > e && is_upper((unsigned char)s[skip_space(s, len, e)]) &&
	    lex_has(w, LX_ORG))
		return 0;
	if (org_before(s, m->start, (e + 1 < len && s[e] == '\'' &&
	    s[e + 1] == 's') || (e + 3 < len && (unsigned char)s[e] == 0xE2 &&
	    (unsigned char)s[e + 1] == 0x80 &&
	    (unsigned char)s[e + 2] == 0x99 && s[e + 3] == 's')))
		return 0;
	/* a dateline opens the text or a line ("headline\nTOKYO -") */
	for (i = m->start; i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t');
	    i--)
		;
	if (i == 0 || s[i - 1] == '\n') {
		/* "BATON ROUGE, La. -": a name in capitals */
		for (i = m->start; i < e && !(s[i] >= 'a' && s[i] <= 'z'); i++)
			;
		if (i == e && m->len > 2 && e < len && s[e] == ',')
			return 0;
		i = skip_space(s, len, e);
		if (i < len && (s[i] == '-' || (i + 2 < len &&
		    (unsigned char)s[i] == 0xE2 &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] >= 0x93 &&
		    (unsigned char)s[i + 2] <= 0x95)))
			return 0;
	}
	/* possessive aggressor: "Russia's", "Russia’s" */
	i = e;
	if (i < len && s[i] == '\'')
		i++;
	else if (i + 2 < len && (unsigned char)s[i] == 0xE2 &&
	    (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99)
		i += 3;
	if (i > e && i < len && s[i] == 's') {
		(void)word_after(s, len, i + 1, w, sizeof(w));
		if (lex_has(w, LX_ATTACK))
			return 0;
	}
	return 1;
}

/*
 * gaz_scan over a copy of the text with possessive endings blanked, so
 * that "Ukraine's" and "Australia’s" name their place; offsets are kept.
 */
static size_t
scan_places(const struct gazetteer *g, const char *text, size_t len,
    struct gaz_match *m, size_t max)
{
	char buf[1024];
	char *c = len < sizeof(buf) ? buf : xmalloc(len + 1);
	size_t i, n, q;

	memcpy(c, text, len);
	c[len] = '\0';
	for (i = 1; i < len; i++) {
		q = c[i] == '\'' ? 1 : (i + 2 < len &&
		    (unsigned char)c[i] == 0xE2 &&
		    (unsigned char)c[i + 1] == 0x80 &&
		    (unsigned char)c[i + 2] == 0x99) ? 3 : 0;
		if (q == 0 || !is_alpha((unsigned char)c[i - 1]))
			continue;
		if (i + q < len && c[i + q] == 's' && (i + q + 1 == len ||
		    !is_alnum((unsigned char)c[i + q + 1]))) {
			memset(c + i, ' ', q + 1);
			i += q;
		} else if (c[i - 1] == 's' && (i + q == len ||
		    !is_alnum((unsigned char)c[i + q]))) {
			memset(c + i, ' ', q);	/* "Texas’ officials" */
			i += q - 1;
		}
	}
	n = gaz_scan(g, c, len, m, max);
	if (c != buf)
		free(c);
	return n;
}

/* A compass word alone ("Northern", "South") is not a place. */
static int
compass_word(const char *s, size_t n)
{
	char b[WORD_MAX];
	size_t k;

	if (n >= sizeof(b))
		return 0;
	for (k = 0; k < n; k++)
		b[k] = (char)lower((unsigned char)s[k]);
	b[n] = '\0';
	return lex_has(b, LX_COMPASS);
}

/*
 * A place the gazetteer does not know, by its shape: capitalised words
 * after "in" ("In Transnistria,") or "region of".  Region stays NULL.
 */
static size_t
unknown_places(const struct sentence *S, const struct place *known,
    size_t nk, struct gaz_match *pm, size_t max)
{
	size_t i, j, k, n = 0, a, b;

	for (i = 0; i + 1 < S->n && n < max; i++) {
		int before_noun = 0, after = 0, on;
		size_t s0 = i + 1;	/* where the name may start */

		/* "South Jackson residents": a name before people */
		if (S->t[i + 1].cap && !tw(S, i, "in") && (S->t[i].punct ||
		    !S->t[i].cap)) {
			for (j = i + 1; j < S->n && j < i + 4 &&
			    S->t[j].cap && !S->t[j].punct; j++)
				;
			before_noun = j < S->n && j > i + 1 &&
			    tok_unit(&S->t[j]) != NULL &&
			    *tok_unit(&S->t[j]) != '\0' &&
			    !WEQ(S->t[j].w, "outages") &&
			    !tin(S, i + 1, LX_NOT_PLACE) &&
			    (j - i > 2 || i > 0);
		}
		/* "in", "across", "throughout" ("the" may follow); "region
		   of", "parts of", "much of"; the next name of a list */
		on = tw(S, i, "on");
		after = tw(S, i, "in") || tw(S, i, "across") ||
		    tw(S, i, "throughout") || tw(S, i, "through") || on ||
		    (tw(S, i, "of") && i > 0 &&
		    /* "residents of Peshawar" */
		    ((tok_unit(&S->t[i - 1]) != NULL &&
		    strcmp(tok_unit(&S->t[i - 1]), "people") == 0) ||
		    tin(S, i - 1, LX_KIND) || tw(S, i - 1, "parts") ||
		    tw(S, i - 1, "island") ||
		    tw(S, i - 1, "part") || tw(S, i - 1, "much") ||
		    tw(S, i - 1, "most"))) || ((tw(S, i, "and") ||
		    tp(S, i, ',')) && n > 0 && i > 0 &&
		    pm[n - 1].start + pm[n - 1].len ==
		    S->t[i - 1].start + S->t[i - 1].len);
		if (after && !tw(S, i, "of") && tw(S, i + 1, "the"))
			s0 = i + 2;
		/* "in metro Atlanta", "across rural Kansas" */
		if (after && !tw(S, i, "of") && s0 < S->n && !S->t[s0].cap &&
		    (tin(S, s0, LX_COMPASS) || tw(S, s0, "metro") ||
		    tw(S, s0, "greater") || tw(S, s0, "downtown") ||
		    tw(S, s0, "rural") || tw(S, s0, "suburban") ||
		    tw(S, s0, "coastal") || tw(S, s0, "upstate")))
			s0++;
		if (!before_noun && !after)
			continue;
		/* a name does not run on past the end of a line (a
		   headline, then "TOKYO -") */
		for (j = s0; j < S->n && j < s0 + 4 && S->t[j].cap &&
		    !S->t[j].punct && !tin(S, j, LX_NOT_PLACE) &&
		    (j == s0 || memchr(S->text + S->t[j - 1].start, '\n',
		    S->t[j].start - S->t[j - 1].start) == NULL) &&
		    !tin(S, j, LX_ORG) && !tin(S, j, LX_TELECOM) &&
		    !tin(S, j, LX_UTILITY_HEAD); j++)
			;
		if (j == s0 || (before_noun && j < S->n && !after &&
		    tok_unit(&S->t[j]) == NULL))
			continue;
		/* "on Vancouver Island": "on" names islands and coasts,
		   not days or networks */
		if (on && !before_noun && !tw(S, j - 1, "island") &&
		    !tw(S, j - 1, "islands") && !tw(S, j - 1, "peninsula") &&
		    !tw(S, j - 1, "coast"))
			continue;
		/* "Jackson, Miss.": after a comma only a list goes on */
		if (tp(S, i, ',') && !tp(S, j, ',') && !tw(S, j, "and") &&
		    !tw(S, j, "or"))
			continue;
		a = S->t[s0].start;
		b = S->t[j - 1].start + S->t[j - 1].len;
		for (k = 0; k < nk; k++)
			if (known[k].m->start < b &&
			    known[k].m->start + known[k].m->len > a)
				break;
		if (k < nk || compass_word(S->text + a, b - a))
			continue;
		/* "the Algarve municipality of Loule": the place within the
		   one named before its kind is the more specific (G9) */
		if (tw(S, i, "of") && i >= 2 && tin(S, i - 1, LX_KIND) &&
		    n > 0 && pm[n - 1].start + pm[n - 1].len ==
		    S->t[i - 2].start + S->t[i - 2].len)
			n--;
		pm[n].region = NULL;
		pm[n].start = a;
		pm[n].len = b - a;
		n++;
	}
	return n;
}

static void
place_at(const struct sentence *S, const struct gaz_match *m,
    struct place *p)
{
	p->m = m;
	p->tok = tok_at(S, m->start);
	p->tok_end = tok_at(S, m->start + m->len);
	p->clause = p->tok < S->n ? S->t[p->tok].clause : 0;
	p->owned = p->counted = 0;
}

/*
 * Places named in a sentence, in text order: the gazetteer's, then
 * unknown ones by shape (stored in pm).  A country is dropped when a
 * place within it is named too: the most specific place wins (G9).
 */
static size_t
sentence_places(const struct sentence *S, const struct gaz_match *m,
    size_t nm, struct gaz_match *pm, size_t npm, struct place *out,
    size_t max)
{
	size_t k, j, np = 0, end = S->start + S->len, nu, known;
	size_t best, d, bj = 0;
	int part;

	for (k = 0; k < nm && np < max; k++) {
		if (m[k].start < S->start || m[k].start + m[k].len > end)
			continue;
		if (!place_ok(S->text, end, &m[k]))
			continue;
		place_at(S, &m[k], &out[np++]);
	}
	nu = unknown_places(S, out, np, pm, npm);
	for (k = 0; k < np; k++) {
		const struct region *r = out[k].m->region;

		for (j = 0; r != NULL && r->depth == 0 && j < np; j++) {
			if (j == k || out[j].m->region == NULL ||
			    out[j].m->region == r ||
			    !region_within(out[j].m->region, r))
				continue;
			memmove(&out[k], &out[k + 1],
			    (np - k - 1) * sizeof(*out));
			np--;
			k--;
			break;
		}
	}
	known = np;
	for (k = 0; k < nu && np < max; k++) {
		place_at(S, &pm[k], &out[np]);
		/* "the Kholodnohirskyi district" of a city the sentence
		   names, "Charles Village and Waverly" after Baltimore: a
		   part of a place lies within the nearest place below
		   country level that the sentence names (G9) */
		best = SIZE_MAX;
		/* "the Kanto region": a large area holds, not lies in */
		if (tw(S, out[np].tok_end, "region") ||
		    tw(S, out[np].tok_end, "province") ||
		    tw(S, out[np].tok_end, "prefecture") ||
		    tw(S, out[np].tok_end, "state") ||
		    tw(S, out[np].tok_end, "oblast"))
			j = known;
		else
			j = 0;
		part = tw(S, out[np].tok_end, "district") ||
		    tw(S, out[np].tok_end, "raion") ||
		    tw(S, out[np].tok_end, "neighbourhood") ||
		    tw(S, out[np].tok_end, "neighborhood") ||
		    tw(S, out[np].tok_end, "microdistrict");
		for (; j < known; j++) {
			/* a bare name lies in a place named before it (an
			   ambiguous name gives no region to lie in) */
			if (out[j].m->region == NULL ||
			    out[j].m->region->depth == 0 ||
			    (!part && out[j].tok > out[np].tok))
				continue;
			d = tok_dist(out[np].tok, out[np].tok_end,
			    out[j].tok, out[j].tok_end);
			if (d < best) {
				best = d;
				bj = j;
			}
		}
		if (best != SIZE_MAX)
			pm[k].region = out[bj].m->region;
		np++;
	}
	return np;
}

/* Token distance between [a0, a1) and [b0, b1). */
static size_t
tok_dist(size_t a0, size_t a1, size_t b0, size_t b1)
{
	if (b1 <= a0)
		return a0 - b1;
	if (a1 <= b0)
		return b0 - a1;
	return 0;
}

/*
 * The place nearest tokens [t0, t1), same clause first; -1 for none.
 * A place after "in" wins a tie; one the gazetteer does not know loses
 * to a known one close by ("Austin, Texas"; "Entergy customers in Ohio").
 */
static int
nearest_place(const struct sentence *S, const struct place *p, size_t np,
    size_t t0, size_t t1, int clause, int counted)
{
	size_t k, best = SIZE_MAX, d;
	int pass, bi = -1;

	for (pass = 0; pass < 3 && bi < 0; pass++) {
		for (k = 0; k < np; k++) {
			if (pass == 0 && p[k].clause != clause)
				continue;
			/* a count takes a place of a G4 group only when
			   there is no other, and none of a later clause
			   with a count of its own ("212,000 back online,
			   while 58,300 in X were still without") */
			if (counted && ((pass < 2 && p[k].owned) ||
			    (p[k].clause > clause && p[k].counted)))
				continue;
			if (pass == 2 && !counted)
				continue;
			d = 2 * tok_dist(t0, t1, p[k].tok, p[k].tok_end) + 1;
			if (p[k].tok > 0 && (tw(S, p[k].tok - 1, "in") ||
			    tw(S, p[k].tok - 1, "across") ||
			    tw(S, p[k].tok - 1, "throughout")))
				d--;
			if (p[k].m->region == NULL)
				d += 7;
			if (d < best) {
				best = d;
				bi = (int)k;
			}
		}
	}
	return bi;
}

/* "N customers in Ohio": the place right after the count's "in". */
static int
place_after_in(const struct sentence *S, const struct place *p, size_t np,
    size_t t1)
{
	size_t k, at = t1 + 1;

	if (!tw(S, t1, "in") && !tw(S, t1, "across"))
		return -1;
	if (tw(S, at, "the"))
		at++;
	/* "in the west of Scotland", "across parts of Ohio" */
	if ((tin(S, at, LX_COMPASS) || tw(S, at, "parts") ||
	    tw(S, at, "part") || tw(S, at, "much") || tw(S, at, "most")) &&
	    tw(S, at + 1, "of"))
		at += 2 + tw(S, at + 2, "the");
	for (k = 0; k < np; k++)
		if (p[k].tok == at && p[k].m->region != NULL)
			return (int)k;
	return -1;
}

/* Places listed together with p[k] ("Odesa and Odesa district"). */
static int
coordinated(const struct sentence *S, const struct place *a,
    const struct place *b)
{
	size_t i, lo = a->tok_end, hi = b->tok;

	if (b->tok_end <= a->tok) {
		lo = b->tok_end;
		hi = a->tok;
	}
	if (hi < lo || hi - lo > 4)
		return 0;
	for (i = lo; i < hi; i++)
		if (!tp(S, i, ',') && !tw(S, i, "and") && !tw(S, i, "or") &&
		    !tw(S, i, "as") && !tw(S, i, "well") &&
		    !tw(S, i, "partially") && !tw(S, i, "the") &&
		    /* "in Kyiv city and in Chernihiv" */
		    !(tw(S, i, "in") && i > lo && (tw(S, i - 1, "and") ||
		    tp(S, i - 1, ','))))
			return 0;
	return 1;
}

/* ---- reports ----------------------------------------------------------- */

/* What carries over from one sentence to the next (G9, G12). */
struct context {
	const struct gazetteer *g;
	const char	*text;
	const struct sentence *cur;	/* the sentence being read */
	struct extract_report *r;	/* collected reports */
	size_t		 nr, cap;
	const struct region *prev_region;
	char		 prev_mention[EXTRACT_MENTION_MAX];
	int		 prev_util;
	char		 prev_unit[EXTRACT_UNIT_MAX];
	/*
	 * Sentences [pend_from, pend_to) had no status cue, so no report:
	 * only their utilities were read.  The place they leave behind is
	 * looked up if a later sentence needs it (settle_places), which
	 * spares most sentences of an article the gazetteer.
	 */
	const struct extract_span *sp;
	size_t		 index;		/* of the sentence being read */
	size_t		 pend_from, pend_to;
	struct sentence	*scratch;	/* for settle_places */
};

static void
set_place(struct extract_report *r, const struct region *reg,
    const char *mention)
{
	r->region = reg;
	str_copy(r->region_name, reg != NULL ? reg->name : "",
	    sizeof(r->region_name));
	str_copy(r->mention, mention, sizeof(r->mention));
}

static void
place_from(struct context *C, const struct place *p,
    struct extract_report *r)
{
	char m[EXTRACT_MENTION_MAX];
	size_t n = p->m->len < sizeof(m) - 1 ? p->m->len : sizeof(m) - 1;

	memcpy(m, C->text + p->m->start, n);
	m[n] = '\0';
	/* "Odesa district": the kind of area said after the name */
	if (p->tok_end < C->cur->n && C->cur->t[p->tok_end].start -
	    (p->m->start + p->m->len) <= 1 &&
	    (tw(C->cur, p->tok_end, "district") ||
	    tw(C->cur, p->tok_end, "districts") ||
	    tw(C->cur, p->tok_end, "regions") ||
	    tw(C->cur, p->tok_end, "oblasts") ||
	    tw(C->cur, p->tok_end, "raion") ||
	    tw(C->cur, p->tok_end, "county") ||
	    tw(C->cur, p->tok_end, "region") ||
	    tw(C->cur, p->tok_end, "oblast")) &&
	    strncasecmp(m + n - (n < 6 ? n : 6), "region", 6) != 0 &&
	    strncasecmp(m + n - (n < 6 ? n : 6), "oblast", 6) != 0) {
		const struct tok *t = &C->cur->t[p->tok_end];

		n = t->start + t->len - p->m->start;
		if (n > sizeof(m) - 1)
			n = sizeof(m) - 1;
		memcpy(m, C->text + p->m->start, n);
		m[n] = '\0';
	}
	set_place(r, p->m->region, m);
}

/* Region for a count with no place in its sentence: demonym, else G9. */
static void
place_fallback(struct context *C, const char *noun, struct extract_report *r)
{
	const struct region *reg = NULL;
	char err[64];
	size_t k;

	for (k = 0; noun != NULL && k < NELEM(demonyms); k++) {
		if (strcmp(noun, demonyms[k].noun) == 0 &&
		    gaz_resolve(C->g, demonyms[k].place, &reg, err,
		    sizeof(err)) == OD_OK) {
			set_place(r, reg, "");
			return;
		}
	}
	set_place(r, C->prev_region, C->prev_mention);
}

static void
emit(struct context *C, const struct extract_report *proto, int utils)
{
	int u;

	for (u = 0; u < UTIL_COUNT; u++) {
		if ((utils & U(u)) == 0)
			continue;
		if (C->nr == C->cap) {
			C->cap = C->cap ? C->cap * 2 : 16;
			C->r = xreallocarray(C->r, C->cap, sizeof(*C->r));
		}
		C->r[C->nr] = *proto;
		C->r[C->nr].utility = (enum utility)u;
		C->nr++;
	}
}

static double
confidence(int counted, int placed, int strong, int unit)
{
	double c = 0.4 + (counted ? 0.2 : 0) + (placed ? 0.15 : 0) +
	    (strong ? 0.1 : 0) + (unit ? 0.1 : 0);

	return c > 0.95 ? 0.95 : c;
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

/* The status cue for a count: same clause and nearest, its own noun last. */
static int
cue_for(const struct sentence *S, struct cue *c, size_t nc,
    const struct quant *q)
{
	int pass, bi = -1, clause = S->t[q->t0].clause;
	size_t k, d, best;

	/* "the breakdown left many ... without water": the group's state
	   is what it was left in (G14) */
	if (q->t0 > 0 && (tw(S, q->t0 - 1, "left") ||
	    tw(S, q->t0 - 1, "leaving") || tw(S, q->t0 - 1, "leaves")))
		for (k = 0; k < nc; k++)
			if (!c[k].off && c[k].tok >= q->t1 &&
			    tw(S, c[k].tok, "without") &&
			    S->t[c[k].tok].clause == clause)
				return (int)k;
	for (pass = 0; pass < 3 && bi < 0; pass++) {
		best = SIZE_MAX;
		for (k = 0; k < nc; k++) {
			int inside = c[k].tok >= q->t0 && c[k].tok < q->t1;

			if (c[k].off || (pass == 0 && (inside ||
			    S->t[c[k].tok].clause != clause)) ||
			    (pass == 1 && S->t[c[k].tok].clause != clause))
				continue;
			d = tok_dist(q->t0, q->t1, c[k].tok, c[k].tok + 1);
			/* "N consumers it shut off": a relative clause says
			   how the group got there, the main verb what holds */
			if (c[k].tok >= q->t1 && c[k].tok <= q->t1 + 3 &&
			    relative_after(S, q->t1, c[k].tok))
				d += 8;
			if (d < best) {
				best = d;
				bi = (int)k;
			}
		}
	}
	return bi;
}

static int
clause_utils(const struct sentence *S, int clause)
{
	size_t i;
	int u = 0;

	for (i = 0; i < S->n; i++)
		if (clause < 0 || S->t[i].clause == clause)
			u |= S->t[i].util;
	return u;
}

static void
proto_init(struct extract_report *r, const struct sentence *S,
    size_t cue_tok)
{
	const struct tok *t = &S->t[cue_tok];
	size_t n = t->len < sizeof(r->cue) - 1 ? t->len : sizeof(r->cue) - 1;

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
	size_t a = S->t[q->t0].start, b = S->t[q->t1 - 1].start +
	    S->t[q->t1 - 1].len, n = b - a;

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

/*
 * Mark in[] the place p[pi] and every place listed with it (np <= 32);
 * taken[] (or NULL) are places other counts claim.  A list needs "and",
 * "or" or "as well as": "Austin, Texas" is one place.
 */
static size_t
listed_with(const struct sentence *S, const struct place *p, size_t np,
    size_t pi, const unsigned char *taken, unsigned char *in)
{
	size_t i, j, n = 1, lo = p[pi].tok, hi = p[pi].tok_end;
	int grew, conj = 0;

	memset(in, 0, np);
	in[pi] = 1;
	for (grew = 1; grew;) {
		grew = 0;
		for (j = 0; j < np; j++)
			for (i = 0; !in[j] && i < np; i++)
				if (in[i] && (taken == NULL || !taken[j]) &&
				    coordinated(S, &p[i], &p[j])) {
					in[j] = 1;
					grew = 1;
					n++;
					lo = p[j].tok < lo ? p[j].tok : lo;
					hi = p[j].tok_end > hi ?
					    p[j].tok_end : hi;
				}
	}
	/* "A, B and other states": the conjunction may follow the last */
	for (i = lo; i <= hi; i++)
		conj |= tw(S, i, "and") || tw(S, i, "or") || tw(S, i, "well");
	if (n > 1 && !conj) {
		memset(in, 0, np);
		in[pi] = 1;
		n = 1;
	}
	return n;
}

/* The place a count belongs to, before lists are considered; -1 none. */
static int
count_place(const struct sentence *S, const struct place *p, size_t np,
    const struct quant *q)
{
	int pi = place_after_in(S, p, np, q->t1);

	return pi >= 0 ? pi : nearest_place(S, p, np, q->t0, q->t1,
	    S->t[q->t0].clause, 1);
}

/* The most specific region holding both, or NULL. */
static const struct region *
common_region(const struct region *a, const struct region *b)
{
	for (; a != NULL; a = a->parent)
		if (b != NULL && region_within(b, a))
			return a;
	return NULL;
}

/*
 * A count for places listed together ("1.4 million homes across England
 * and Wales") is one report for the joint phrase (G9); its region is the
 * smallest one holding them all, if the gazetteer knows every one.
 */
static void
joint_place(struct context *C, const struct place *p, size_t np,
    const unsigned char *in, struct extract_report *r)
{
	const struct region *reg = NULL;
	size_t k, a = SIZE_MAX, b = 0, n;
	int first = 1, unknown = 0;
	char m[EXTRACT_MENTION_MAX];

	for (k = 0; k < np; k++) {
		if (!in[k])
			continue;
		if (p[k].m->start < a)
			a = p[k].m->start;
		if (p[k].m->start + p[k].m->len > b)
			b = p[k].m->start + p[k].m->len;
		if (p[k].m->region == NULL) {
			unknown = 1;
			continue;
		}
		if (first)
			reg = p[k].m->region;
		else
			reg = common_region(reg, p[k].m->region);
		first = 0;
	}
	/* "the Carolinas, Georgia, Florida": the names the gazetteer
	   knows place the list; all unknown, it has no region */
	if (first && unknown)
		reg = NULL;
	n = b - a < sizeof(m) - 1 ? b - a : sizeof(m) - 1;
	memcpy(m, C->text + a, n);
	m[n] = '\0';
	set_place(r, reg, m);
}

/*
 * "about 1.2 million customers across A and B, and by evening roughly
 * 780,000 remained in the dark": an elliptical count (G12) with no place
 * of its own, between the count before it and the next, is about the
 * same place as that count.  Returns that count's index, or -1.
 */
static int
bare_inherits(const struct sentence *S, const struct place *p, size_t np,
    const struct quant *q, size_t nq, size_t k)
{
	size_t j, i, hi, nx, best, members = 1, g;
	int pj;

	if (!q[k].bare)
		return -1;
	for (j = k; j-- > 0;)
		if (!q[j].excluded)
			break;
	if (j == SIZE_MAX || q[j].bare)
		return -1;
	hi = q[j].t1;
	if ((pj = count_place(S, p, np, &q[j])) >= 0 && p[pj].tok_end > hi)
		hi = p[pj].tok_end;
	/* the rest of that count's list ("A and B", "A, B and C") */
	for (;;) {
		for (i = 0, best = SIZE_MAX; i < np; i++)
			if (p[i].tok >= hi && p[i].tok < q[k].t0 &&
			    (best == SIZE_MAX || p[i].tok < p[best].tok))
				best = i;
		if (best == SIZE_MAX || pj < 0)
			break;
		g = p[best].tok - hi;
		if (!((g == 1 && (tw(S, hi, "and") || tw(S, hi, "or") ||
		    tp(S, hi, ','))) || (g == 2 && members >= 2 &&
		    tp(S, hi, ',') && (tw(S, hi + 1, "and") ||
		    tw(S, hi + 1, "or")))))
			return -1;	/* "..., and Maryland reported 98,004" */
		hi = p[best].tok_end;
		members++;
	}
	nx = k + 1 < nq ? q[k + 1].t0 : S->n;
	for (i = 0; i < np; i++) {
		if (p[i].tok >= hi && p[i].tok < q[k].t0)
			return -1;	/* "followed by Ohio at 198,214" */
		if (p[i].tok >= q[k].t1 && p[i].tok < nx &&
		    p[i].clause == S->t[q[k].t0].clause)
			return -1;	/* "20,000 in Scotland" */
	}
	return (int)j;
}

/*
 * "Florida Power & Light alone counted 1.1mn outages": a place name
 * followed by a company word names a utility, whose total has no region
 * of its own (G9).
 */
static int
org_named(const struct sentence *S)
{
	size_t i;

	for (i = 0; i + 1 < S->n; i++)
		if (S->t[i].cap && S->t[i + 1].cap && !tin(S, i, LX_ORG) &&
		    !tin(S, i, LX_NOT_PLACE) && !tin(S, i, LX_STOP) &&
		    (tw(S, i + 1, "power") || tw(S, i + 1, "electric") ||
		    tw(S, i + 1, "energy") || tw(S, i + 1, "edison") ||
		    tw(S, i + 1, "hydro") || tw(S, i + 1, "gas") ||
		    tw(S, i + 1, "water") || tw(S, i + 1, "light")))
			return 1;
	return 0;
}

/* The place of count k (G9): its own, a list's, or the context's. */
static void
count_place_report(struct context *C, const struct sentence *S,
    const struct place *p, size_t np, const struct quant *q, size_t nq,
    size_t k, struct extract_report *r)
{
	unsigned char in[32], taken[32];
	size_t j;
	int pi, o, own;

	if ((o = bare_inherits(S, p, np, q, nq, k)) >= 0)
		k = (size_t)o;
	pi = count_place(S, p, np, &q[k]);
	/* places other counts of the sentence claim stay theirs */
	memset(taken, 0, sizeof(taken));
	for (j = 0; j < nq; j++)
		if (j != k && !q[j].excluded &&
		    bare_inherits(S, p, np, q, nq, j) < 0 &&
		    (o = count_place(S, p, np, &q[j])) >= 0 && o != pi)
			taken[o] = 1;
	/* "327,000 customers, 118,000 of them on the island of X and
	   64,000 in Y": a place nearer a later share is the share's */
	own = pi;
	for (j = k + 1; pi >= 0 && j < nq; j++)
		if (!q[j].excluded && (q[j].ref || q[j].bare) &&
		    count_place(S, p, np, &q[j]) == pi &&
		    tok_dist(q[j].t0, q[j].t1, p[pi].tok, p[pi].tok_end) <
		    tok_dist(q[k].t0, q[k].t1, p[pi].tok, p[pi].tok_end))
			pi = -1;
	if (pi >= 0 && listed_with(S, p, np, (size_t)pi, taken, in) > 1)
		joint_place(C, p, np, in, r);
	else if (pi >= 0)
		place_from(C, &p[pi], r);
	else {
		place_fallback(C, q[k].noun, r);
		/* not a demonym's place: a utility's own total (G9) */
		if (own < 0 && r->region == C->prev_region && org_named(S))
			set_place(r, NULL, "");
	}
}

/* Are places a and b different names? */
static int
other_name(const struct sentence *S, const struct place *a,
    const struct place *b)
{
	return a->m->region == NULL || a->m->region != b->m->region ||
	    a->m->len != b->m->len || memcmp(S->text + a->m->start,
	    S->text + b->m->start, a->m->len) != 0;
}

/*
 * Does cue token ct speak of a place other than p[pi], the place of the
 * count q?  So it does when its clause (not the count's) names another
 * place, or when in the count's clause another place lies nearer to it
 * than the count ("Residents of A endure load shedding as the company
 * struggles with its debts, and parts of B face similar cuts").
 */
static int
other_place(const struct sentence *S, const struct place *p, size_t np,
    int pi, size_t ct, const struct quant *q)
{
	int cl = S->t[ct].clause, pk;
	size_t k;

	if (cl == S->t[q->t0].clause) {
		if (pi < 0 || (pk = nearest_place(S, p, np, ct, ct + 1, cl,
		    0)) < 0 || pk == pi || p[pk].clause != cl ||
		    !other_name(S, &p[pk], &p[pi]))
			return 0;
		return tok_dist(ct, ct + 1, p[pk].tok, p[pk].tok_end) <
		    tok_dist(ct, ct + 1, q->t0, q->t1);
	}
	for (k = 0; k < np; k++)
		if (p[k].clause == cl && (int)k != pi && (pi < 0 ||
		    other_name(S, &p[k], &p[pi])))
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

/* Reports for the counts of a sentence (G1, G3, G4, G11-G13). */
static void
counted_reports(struct context *C, struct sentence *S, struct cue *c,
    size_t nc, struct quant *q, size_t nq, const struct place *p, size_t np)
{
	struct extract_report r;
	size_t k, j, live = 0;
	int person = 0, ci, utils, restored_later, pi;
	const char *unit;

	for (k = 0; k < nq; k++) {
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
		if ((ci = cue_for(S, c, nc, &q[k])) < 0)
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
		c[ci].used = 1;
		proto_init(&r, S, c[ci].tok);
		r.status = c[ci].status;
		/* G3: "left N without power, but supply has been restored" */
		restored_later = 0;
		for (j = 0; j < nc; j++)
			if (!c[j].off && c[j].status == RS_RESTORED &&
			    c[j].tok >= q[k].t1 && c[j].strong)
				restored_later = 1;
			/* "Supply was back across X, hours after a fault left
			   its 930,000 residents without power" */
			else if (!c[j].off && c[j].status == RS_RESTORED &&
			    c[j].strong && c[j].tok < q[k].t0 &&
			    c[ci].tok >= q[k].t1 &&
			    word_between(S, c[j].tok, q[k].t0, "after"))
				restored_later = 1;
		if (r.status == RS_OUTAGE && restored_later && live == 1)
			r.status = RS_RESTORED;
		/* the whole sentence is told, but a clause that names a
		   place of its own ("and hot water is off across district
		   X") tells another report */
		pi = live == 1 ? count_place(S, p, np, &q[k]) : -1;
		for (j = 0; j < nc; j++)
			if (live == 1 && !c[j].off && (c[j].util == 0 ||
			    (c[j].util & c[ci].util) != 0 || c[ci].util == 0) &&
			    !other_place(S, p, np, pi, c[j].tok, &q[k]))
				c[j].used = 1;
		utils = c[ci].util;
		if (utils == 0)
			utils = clause_utils(S, S->t[q[k].t0].clause);
		if (utils == 0)
			utils = clause_utils(S, -1);
		if (utils == 0)
			utils = C->prev_util;
		if (utils == 0)
			utils = U(UTIL_POWER);
		r.affected = q[k].value;
		r.approximate = q[k].approx;
		unit = q[k].unit;
		if (q[k].ref) {		/* the unit of the group it shares */
			unit = C->prev_unit;
			for (j = 0; j < k; j++)
				if (!q[j].excluded)
					unit = q[j].unit;
		} else if (q[k].bare) {	/* G12: a parallel phrase's unit */
			unit = C->prev_unit;
			for (j = 0; j < k; j++)
				if (q[j].unit[0] != '\0' && !q[j].excluded)
					unit = q[j].unit;
		}
		str_copy(r.unit, unit, sizeof(r.unit));
		if (r.unit[0] != '\0')
			str_copy(C->prev_unit, r.unit, sizeof(C->prev_unit));
		count_text(&r, S, &q[k]);
		count_place_report(C, S, p, np, q, nq, k, &r);
		r.confidence = confidence(r.affected >= 0, r.region != NULL,
		    c[ci].strong, r.unit[0] != '\0');
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

/* G2: status assertions without a count, one per place named. */
static void
countless_reports(struct context *C, struct sentence *S, struct cue *c,
    size_t nc, const struct quant *q, size_t nq, const struct place *p,
    size_t np)
{
	struct extract_report r;
	unsigned char in[32];
	size_t k, j;
	int pi, blocked;

	for (k = 0; k < nc; k++) {
		if (!c[k].strong || c[k].off || c[k].used || c[k].util == 0)
			continue;
		/* "lost 15 gigawatts": a G4 number, not an outage */
		blocked = 0;
		for (j = 0; j < nq; j++)
			if (q[j].excluded && tok_dist(q[j].t0, q[j].t1,
			    c[k].tok, c[k].tok + 1) <= 4 &&
			    !(duration(S, q[j].t1 - 1) &&
			    (c[k].status == RS_PARTIAL ||
			    /* "without power for 40 minutes" */
			    (q[j].t0 > c[k].tok && tw(S, q[j].t0 - 1, "for")))))
				blocked = 1;
		if (blocked)
			continue;
		proto_init(&r, S, c[k].tok);
		r.status = c[k].status;
		pi = nearest_place(S, p, np, c[k].tok, c[k].tok + 1,
		    S->t[c[k].tok].clause, 0);
		r.confidence = confidence(0, pi >= 0 || C->prev_region, 1, 0);
		if (pi < 0) {
			place_fallback(C, NULL, &r);
			emit(C, &r, c[k].util);
			continue;
		}
		(void)listed_with(S, p, np, (size_t)pi, NULL, in);
		for (j = 0; j < np; j++) {
			if (!in[j])
				continue;
			place_from(C, &p[j], &r);
			emit(C, &r, c[k].util);
		}
	}
}

/* Places named right after a G4 group: "300 residents of X", "in X". */
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
names_in(const struct context *C, const struct sentence *S,
    struct gaz_match *m)
{
	size_t nm = 0, k;

	/* places are looked up sentence by sentence: no cap per text */
	if (C->g != NULL)
		nm = scan_places(C->g, S->text + S->start, S->len, m,
		    MAX_MATCHES);
	for (k = 0; k < nm; k++)
		m[k].start += S->start;
	return nm;
}

/* The places S names (tokenized, clauses marked): p points into m, pm. */
static size_t
places_of(const struct context *C, const struct sentence *S,
    struct gaz_match *m, struct gaz_match *pm, size_t npm, struct place *p,
    size_t max)
{
	size_t nm = names_in(C, S, m);

	return sentence_places(S, m, nm, pm, npm, p, max);
}

/*
 * A sentence's last known place is where the next may continue (G9).
 * Returns 1 when it set one.  C->cur is the sentence of p.
 */
static int
leave_place(struct context *C, const struct place *p, size_t np)
{
	struct extract_report tmp;

	/* the unknown places come after the known: the last known one */
	while (np > 0 && p[np - 1].m->region == NULL)
		np--;
	if (np == 0)
		return 0;
	place_from(C, &p[np - 1], &tmp);
	C->prev_region = tmp.region;
	str_copy(C->prev_mention, tmp.mention, sizeof(C->prev_mention));
	return 1;
}

/*
 * The place the pending cue-less sentences leave: the latest one that
 * names a known place decides, as if each had been read in turn.
 */
static void
settle_places(struct context *C)
{
	struct gaz_match m[MAX_MATCHES], pm[8];
	struct place p[32];
	const struct sentence *cur = C->cur;
	struct sentence *S = C->scratch;
	size_t k, j, nm, np;

	for (k = C->pend_to; k > C->pend_from; k--) {
		S->text = C->text;
		S->start = C->sp[k - 1].start;
		S->len = C->sp[k - 1].len;
		/* no known region named: it leaves none (leave_place) */
		nm = names_in(C, S, m);
		for (j = 0; j < nm && m[j].region == NULL; j++)
			;
		if (j == nm)
			continue;
		tokenize(S);
		if (S->n == 0)
			continue;
		mark_clauses(S);
		C->cur = S;
		np = sentence_places(S, m, nm, pm, NELEM(pm), p, NELEM(p));
		if (leave_place(C, p, np))
			break;
	}
	C->cur = cur;
	C->pend_from = C->pend_to = 0;
}

static int eager;	/* extract_set_eager() */

void
extract_set_eager(int on)
{
	eager = on;
}

/*
 * Can these cues and counts give a report?  A counted report needs a count
 * that is not excluded (G4), a count-less one a strong cue that names its
 * utility and is not off (see counted_reports, countless_reports).
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

/*
 * "Supply resumed in X", "the utility said supply had been restored to
 * A, B and C": a cue about supply or service that names no utility
 * speaks of the one the story is about (the last one named).
 */
static void
supply_cues(const struct context *C, const struct sentence *S,
    struct cue *c, size_t nc)
{
	size_t k, i;

	for (k = 0; k < nc && C->prev_util != 0; k++) {
		if (c[k].util != 0 || !c[k].strong)
			continue;
		for (i = c[k].tok > 3 ? c[k].tok - 3 : 0; i <= c[k].tok + 1 &&
		    i < S->n; i++)
			if ((tw(S, i, "supply") || tw(S, i, "service")) &&
			    S->t[i].clause == S->t[c[k].tok].clause)
				c[k].util = C->prev_util;
	}
}

static void
do_sentence(struct context *C, struct sentence *S)
{
	struct gaz_match m[MAX_MATCHES];
	struct cue c[MAX_CUES];
	struct quant q[MAX_QUANT];
	struct place p[32];
	struct gaz_match pm[8];
	size_t nc, nq, np, first = C->nr;
	int u;

	tokenize(S);
	if (S->n == 0)
		return;
	C->cur = S;
	mark_clauses(S);
	nc = find_cues(S, c);
	supply_cues(C, S, c, nc);
	nq = nc > 0 || eager ? find_quants(S, q) : 0;
	if (!eager && !can_report(c, nc, q, nq)) {
		/* no report can come of it: its place can wait */
		if (C->pend_to == C->pend_from)
			C->pend_from = C->index;
		C->pend_to = C->index + 1;
		if ((u = clause_utils(S, -1)) != 0)
			C->prev_util = u;
		return;
	}
	if (C->pend_to > C->pend_from)
		settle_places(C);
	np = places_of(C, S, m, pm, NELEM(pm), p, NELEM(p));
	own_places(S, q, nq, p, np);
	counted_reports(C, S, c, nc, q, nq, p, np);
	countless_reports(C, S, c, nc, q, nq, p, np);

	/* what the next sentence may continue (G9) */
	if (C->nr > first && (C->r[C->nr - 1].region != NULL ||
	    C->r[C->nr - 1].mention[0] != '\0')) {
		C->prev_region = C->r[C->nr - 1].region;
		str_copy(C->prev_mention, C->r[C->nr - 1].mention,
		    sizeof(C->prev_mention));
	} else
		(void)leave_place(C, p, np);
	if ((u = clause_utils(S, -1)) != 0)
		C->prev_util = u;
}

/* G2: a count-less report folds into a counted one for the same thing. */
static size_t
fold_countless(struct extract_report *r, size_t n)
{
	size_t i, j, o = 0;
	int drop;

	for (i = 0; i < n; i++) {
		drop = 0;
		for (j = 0; j < n && !drop; j++) {
			if (j == i || r[j].utility != r[i].utility ||
			    r[j].status != r[i].status ||
			    r[j].region != r[i].region ||
			    strcmp(r[i].mention, r[j].mention) != 0)
				continue;
			if (r[i].count_text[0] == '\0' &&
			    r[j].count_text[0] != '\0')
				drop = 1;
			/* the same count-less claim twice */
			if (r[i].count_text[0] == '\0' &&
			    r[j].count_text[0] == '\0' && j < i)
				drop = 1;
		}
		/* G3: a count-less outage told later as restored or
		   partial for the same place is one report, the later */
		for (j = i + 1; j < n && !drop; j++) {
			if (r[j].utility != r[i].utility ||
			    r[j].region != r[i].region ||
			    strcmp(r[i].mention, r[j].mention) != 0 ||
			    r[i].mention[0] == '\0' ||
			    r[i].sentence_start == r[j].sentence_start)
				continue;
			if (r[i].status == RS_OUTAGE && r[j].status != RS_OUTAGE &&
			    r[i].count_text[0] == '\0' &&
			    r[j].count_text[0] == '\0')
				drop = 1;
		}
		if (!drop)
			r[o++] = r[i];
	}
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
	(void)pthread_once(&lex_once, lex_build);
	memset(&C, 0, sizeof(C));
	C.g = g;
	C.text = text;
	ns = len / 2 + 1;	/* an upper bound: every sentence takes 2 bytes */
	sp = xreallocarray(NULL, ns, sizeof(*sp));
	ns = extract_sentences(text, len, sp, ns);
	S = xmalloc(sizeof(*S));
	C.sp = sp;
	C.scratch = xmalloc(sizeof(*C.scratch));
	for (k = 0; k < ns; k++) {
		S->text = text;
		S->start = sp[k].start;
		S->len = sp[k].len;
		C.index = k;
		do_sentence(&C, S);
	}
	n = fold_countless(C.r, C.nr);
	if (n > max)
		n = max;
	if (n > 0)
		memcpy(out, C.r, n * sizeof(*out));
	free(S);
	free(C.scratch);
	free(sp);
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
