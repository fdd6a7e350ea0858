/* SPDX-License-Identifier: MIT */
/*
 * extract.c - news text to candidate outage reports, by rule.  Sentences
 * are split, tokenised and tagged with utility, status and quantity cues;
 * each count phrase becomes a report tied to its nearest status cue and
 * place name, following the corpus labelling guidelines G1-G14.  Pure.
 */
#include <ctype.h>
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

static int
is_alnum(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

static size_t
skip_space(const char *s, size_t len, size_t i)
{
	while (i < len && isspace((unsigned char)s[i]))
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

	for (; *w != '\0'; w++) {
		if (*w == ' ') {
			if (j >= len || !isspace((unsigned char)s[j]))
				return 0;
			j = skip_space(s, len, j);
			continue;
		}
		if (j >= len || tolower((unsigned char)s[j]) != *w)
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

	for (k = 0; k < NELEM(tens); k++) {
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
 * Digits with thousands commas and an optional decimal part: *mant holds
 * every digit, *decimals how many came after the point.
 */
static size_t
digit_number(const char *s, size_t len, size_t i, int64_t *mant,
    int *decimals)
{
	size_t j = i;
	int64_t m = 0;
	int d = -1, ndig = 0;	/* d: digits after the point, -1 before it */

	while (j < len) {
		unsigned char c = (unsigned char)s[j];

		if (isdigit(c)) {
			if (++ndig > 15)
				return 0;
			m = m * 10 + (c - '0');
			if (d >= 0)
				d++;
			j++;
		} else if (c == ',' && d < 0 && j + 3 < len &&
		    isdigit((unsigned char)s[j + 1]) &&
		    isdigit((unsigned char)s[j + 2]) &&
		    isdigit((unsigned char)s[j + 3]) &&
		    (j + 4 >= len || !isdigit((unsigned char)s[j + 4]))) {
			j++;
		} else if (c == '.' && d < 0 && j + 1 < len &&
		    isdigit((unsigned char)s[j + 1])) {
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
	if (i < len && isdigit((unsigned char)s[i])) {
		if ((n = digit_number(s, len, i, &mant, &decimals)) == 0)
			return 0;
		i += n;
		/* times, ordinals, units glued on: "22:00", "3rd", "15GW" */
		if (i < len && s[i] == ':' && i + 1 < len &&
		    isdigit((unsigned char)s[i + 1]))
			return 0;
	} else if ((n = word_number(s, len, i, &mant)) > 0) {
		i += n;
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
	if (i < len && isalpha((unsigned char)s[i]))
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

	while (b > 0 && (isalpha((unsigned char)text[b - 1]) ||
	    text[b - 1] == '.'))
		b--;
	if (b == dot)
		return 0;
	/* "U.S.", "p.m.", "N.": a single letter or dotted initials */
	if (dot - b == 1 || memchr(text + b, '.', dot - b) != NULL)
		return 1;
	for (k = 0; k < NELEM(abbrevs); k++)
		if (strlen(abbrevs[k]) == dot - b &&
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
	return isupper(c) || isdigit(c) || c == '"' || c == '\'' ||
	    c == '(' || c == '[' || c >= 0x80;
}

static void
add_span(const char *text, size_t a, size_t b, struct extract_span *out,
    size_t max, size_t *n)
{
	while (a < b && isspace((unsigned char)text[a]))
		a++;
	while (b > a && isspace((unsigned char)text[b - 1]))
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
		if (end < len && !isspace((unsigned char)text[end]))
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

/* ---- reports (stub, replaced below) ------------------------------------ */

size_t
extract_reports(const struct gazetteer *g, const char *text, size_t len,
    struct extract_report *out, size_t max)
{
	(void)g; (void)text; (void)len; (void)out; (void)max;
	return 0;
}

json_t *
extract_report_json(const struct extract_report *r, const char *text)
{
	(void)r; (void)text;
	return json_object();
}
