/* SPDX-License-Identifier: MIT */
/*
 * numbers.c - number phrases: digits, number words, scales and
 * hedges ("about 1.5 million", "seventy-two", "70 000").
 */
#include <assert.h>
#include <pthread.h>
#include <strings.h>

#include "extract_int.h"

/* ---- numbers ----------------------------------------------------------- */

/* Hedges that make a count approximate [hedge]; longer phrases first. */
static const char *const hedges[] = {
	"an estimated", "estimated", "more than", "less than", "fewer than",
	"at least", "up to", "upwards of", "close to", "just over",
	"just under", "well over", "about", "around", "approximately",
	"nearly", "almost", "roughly", "some", "over", "under", "as many as",
	"below", "above"
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
	{ "k", 1000, 1 },
	/* "1.4m homes" (a count needs its noun, so "a 3m wave" is none) */
	{ "m", 1000000, 1 },
	/* Indian English: "46.41 lakh consumers", "1.65 crore people" */
	{ "lakh", 100000, 0 }, { "lakhs", 100000, 0 }, { "crore", 10000000, 0 },
	{ "crores", 10000000, 0 }
};

/*
 * Speed only (the same matches): match_words() gives 0 unless the text's
 * byte there, lowered, is the phrase's first letter.  So the hedges,
 * scales, small numbers and tens are indexed by their first letter (bit
 * k: hedges[k], scales[k], small_numbers[k], tens[k]), and a loop tries
 * only those of the letter at hand, still in the table's order, so the
 * first that matches is the one the whole loop found.  Built once (pthread_once) by
 * extract_number(), the only caller of word_number().  Every hedge, small
 * number and ten has a letter for its second byte too, which the text's
 * next byte must be (lowered), so *_second[] masks them by it as well
 * ("at the" tries "at least" alone, "as the" "as many as").
 */
static uint32_t hedge_first[27], hedge_second[27];	/* [26]: no
							   letter, no phrase */
static uint16_t scale_first[2][27];	/* [attached][letter] */
static uint32_t small_first[27], small_second[27];
static uint8_t tens_first[27], tens_second[27];
static pthread_once_t first_once = PTHREAD_ONCE_INIT;

_Static_assert(NELEM(hedges) <= 32 && NELEM(scales) <= 16 &&
    NELEM(small_numbers) <= 32 && NELEM(tens) <= 8,
    "numbers.c: a bit for each hedge, scale, small number and ten");

static void
index_first(void)
{
	size_t k;

	for (k = 0; k < NELEM(hedges); k++) {
		assert(hedges[k][0] >= 'a' && hedges[k][0] <= 'z');
		hedge_first[hedges[k][0] - 'a'] |= UINT32_C(1) << k;
		assert(hedges[k][1] >= 'a' && hedges[k][1] <= 'z');
		hedge_second[hedges[k][1] - 'a'] |= UINT32_C(1) << k;
	}
	for (k = 0; k < NELEM(scales); k++) {
		assert(scales[k].word[0] >= 'a' && scales[k].word[0] <= 'z');
		scale_first[scales[k].attached != 0][scales[k].word[0] - 'a'] |=
		    (uint16_t)(1U << k);
	}
	for (k = 0; k < NELEM(small_numbers); k++) {
		assert(small_numbers[k][0] >= 'a' && small_numbers[k][0] <= 'z');
		small_first[small_numbers[k][0] - 'a'] |= UINT32_C(1) << k;
		assert(small_numbers[k][1] >= 'a' && small_numbers[k][1] <= 'z');
		small_second[small_numbers[k][1] - 'a'] |= UINT32_C(1) << k;
	}
	for (k = 0; k < NELEM(tens); k++) {
		assert(tens[k][0] >= 'a' && tens[k][0] <= 'z');
		tens_first[tens[k][0] - 'a'] |= (uint8_t)(1U << k);
		assert(tens[k][1] >= 'a' && tens[k][1] <= 'z');
		tens_second[tens[k][1] - 'a'] |= (uint8_t)(1U << k);
	}
}

/* The letter a-z at s[i], lowered, as 0-25; 26 for any other byte or
   none (no phrase starts with it) */
static inline unsigned
first_letter(const char *s, size_t len, size_t i)
{
	unsigned c = i < len ? (unsigned)lower((unsigned char)s[i]) - 'a' : 26;

	return c < 26 ? c : 26;
}

/* A number word ("seventy-two" too) at s[i..]: bytes used, or 0. */
static size_t
word_number(const char *s, size_t len, size_t i, int64_t *v)
{
	size_t k, n, m;
	uint32_t f;

	if (i >= len)
		return 0;
	/* the tens of the text's first letter, in the table's order (the
	   rest would fail the first-letter test) */
	for (f = tens_first[first_letter(s, len, i)] &
	    tens_second[first_letter(s, len, i + 1)]; f != 0; f &= f - 1) {
		k = (size_t)__builtin_ctz(f);
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
	/* "zero" (bit 0) is no count */
	for (f = small_first[first_letter(s, len, i)] &
	    small_second[first_letter(s, len, i + 1)] & ~UINT32_C(1); f != 0;
	    f &= f - 1) {
		k = (size_t)__builtin_ctz(f);
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
 * A comma of Indian grouping at s[j] ("1,51,889", "1,02,000"): two digits
 * after it, then more two-digit groups, then a last group of three.
 */
static int
indian_group(const char *s, size_t len, size_t j)
{
	const unsigned char *u = (const unsigned char *)s;

	while (j + 3 < len && u[j] == ',' && is_digit(u[j + 1]) &&
	    is_digit(u[j + 2]) && u[j + 3] == ',')
		j += 3;
	return j + 3 < len && u[j] == ',' && is_digit(u[j + 1]) &&
	    is_digit(u[j + 2]) && is_digit(u[j + 3]) &&
	    (j + 4 >= len || !is_digit(u[j + 4]));
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
		} else if (c == ',' && d < 0 && indian_group(s, len, j)) {
			j++;		/* "1,51,889", "25,01,131" (lakh style) */
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
	uint32_t m;
	int decimals = 0, approx = 0;

	/* "понад 12 тис.", "2,5 тисячі", "1,2 млн" (lang_uk.c) */
	if (len > 0 && ((unsigned char)s[0] >= 0xD0 ||
	    is_digit((unsigned char)s[0])) &&
	    (n = cyr_number(s, len, value, approximate)) > 0)
		return n;
	/* every hedge starts with a letter; most calls start with a digit */
	(void)pthread_once(&first_once, index_first);
	if (len > 0 && is_alpha((unsigned char)s[0])) {
		for (m = hedge_first[first_letter(s, len, 0)] &
		    hedge_second[first_letter(s, len, 1)]; m != 0;
		    m &= m - 1)
			if ((n = match_words(s, len, 0,
			    hedges[__builtin_ctz(m)])) > 0) {
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
	    (n = match_words(s, len, i, "an")) > 0 ||
	    (n = match_words(s, len, i, "half a")) > 0) {
		/* "a million people", "a thousand homes": one of the scale;
		   "half a million": half of one */
		size_t j = skip_space(s, len, i + n);

		if (lower((unsigned char)s[i]) == 'h')
			den = 2;

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
		for (m = scale_first[1][first_letter(s, len, i)] |
		    scale_first[0][first_letter(s, len, j)]; m != 0;
		    m &= m - 1) {
			size_t at;

			k = (size_t)__builtin_ctz(m);
			at = scales[k].attached ? i : j;
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
