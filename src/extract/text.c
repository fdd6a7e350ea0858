/* SPDX-License-Identifier: MIT */
/*
 * text.c - sentences and tokens: the text split into sentences,
 * each sentence into tokens looked up in the lexicon.
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "extract_int.h"

/* ---- sentences --------------------------------------------------------- */

/*
 * Words that end with a full stop without ending the sentence.  Fixed
 * width, so that a longer word is known not to be one without the loop.
 */
static const char abbrevs[][8] = {
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

/*
 * abbrev_starts[n] has bit c - 'a' set when a word of abbrevs of n letters
 * starts with c: a word no bit admits is no abbreviation, without the
 * loop over the table.  Built from the table once.
 */
static uint32_t abbrev_starts[sizeof(abbrevs[0])];
static pthread_once_t abbrev_once = PTHREAD_ONCE_INIT;

/*
 * Each word of abbrevs as the 8 bytes of its row (zero-padded), in
 * ascending order: a word, lowered and padded alike, is found by a
 * binary search instead of a loop over the table.
 */
static uint64_t abbrev_keys[NELEM(abbrevs)];
_Static_assert(sizeof(abbrevs[0]) == sizeof(abbrev_keys[0]),
    "abbrevs: rows of 8 bytes");

static int
cmp_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static void
index_abbrevs(void)
{
	size_t k, n;

	for (k = 0; k < NELEM(abbrevs); k++) {
		n = strlen(abbrevs[k]);
		if (n < NELEM(abbrev_starts) && is_alpha(
		    (unsigned char)abbrevs[k][0]))
			abbrev_starts[n] |= UINT32_C(1) <<
			    (lower((unsigned char)abbrevs[k][0]) - 'a');
		memcpy(&abbrev_keys[k], abbrevs[k], sizeof(abbrev_keys[k]));
	}
	qsort(abbrev_keys, NELEM(abbrev_keys), sizeof(abbrev_keys[0]),
	    cmp_key);
}

/*
 * The word of letters and dots before the full stop at text[dot], of
 * which text[b - 1] is a dot: "U.S.", "p.m.": dotted initials (parts of
 * two letters at most) close an abbreviation.
 */
static int
is_dotted_abbrev(const char *text, size_t b, size_t dot)
{
	size_t seg = 0, j;

	while (b > 0 && (is_alpha((unsigned char)text[b - 1]) ||
	    text[b - 1] == '.'))
		b--;
	if (dot - b == 1)
		return 1;	/* a dot alone */
	for (j = b; j < dot; j++) {
		seg = text[j] == '.' ? 0 : seg + 1;
		if (seg > 2)
			return 0;	/* "PowerOutage.us." ends */
	}
	return 1;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/*
 * Bit 7 of each byte of x that is an ASCII letter (is_alpha()): a byte c
 * under 0x80 with c | 0x20 between 0x60 and 0x7B, both excluded.  Each
 * byte's sum and difference stay within the byte (c & 0x7F, 127 + 0x7B,
 * 127 - 0x60), so no byte changes another's bit.
 */
static inline uint64_t
letters8(uint64_t x)
{
	const uint64_t ones = UINT64_C(0x0101010101010101),
	    low7 = ones * 0x7F;
	uint64_t c = (x | ones * 0x20) & low7;

	return (ones * (127 + 0x7B) - c) & ~x & (c + ones * (127 - 0x60)) &
	    ones * 0x80;
}
#endif

/* Does the full stop at text[dot] close an abbreviation? */
static int
is_abbrev(const char *text, size_t dot)
{
	size_t b = dot, k, lo = 0, hi = NELEM(abbrev_keys);
	char w[sizeof(abbrevs[0])] = { 0 };
	uint64_t key;

	if (dot > 0 && (unsigned char)text[dot - 1] >= 0x80)
		return cyr_abbrev(text, dot);	/* "тис.", "м. Київ" */
	/*
	 * The letters before the dot, eight at most.  Speed only (the same
	 * answer as walking back over the word of letters and dots, then
	 * looking for a dot in it): eight letters are a word longer than
	 * any of abbrevs and, were it dotted, a part longer than an
	 * initial's; a word with no dot is its letters; only a dotted one
	 * is walked over.  The 8 bytes before the dot are tested at once
	 * where there are 8.
	 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (dot >= 8) {
		uint64_t x, other;

		memcpy(&x, text + dot - 8, 8);
		/* bit 7 of each byte that is no letter; text[dot - 1] is
		   the highest byte */
		other = ~letters8(x) & UINT64_C(0x8080808080808080);
		if (other == 0)
			return 0;
		b = dot - (size_t)__builtin_clzll(other) / 8;
	} else
#endif
		while (b > 0 && dot - b < sizeof(abbrevs[0]) &&
		    is_alpha((unsigned char)text[b - 1]))
			b--;
	if (dot - b >= sizeof(abbrevs[0]))
		return 0;
	if (b > 0 && text[b - 1] == '.')
		return is_dotted_abbrev(text, b, dot);
	if (b == dot)
		return 0;
	/* "N.": a single letter */
	if (dot - b == 1)
		return 1;
	(void)pthread_once(&abbrev_once, index_abbrevs);
	/* text[b..dot) is letters only here */
	if (!((abbrev_starts[dot - b] >>
	    (lower((unsigned char)text[b]) - 'a')) & 1))
		return 0;
	/* the word lowered into a row of abbrevs, zero-padded (ASCII
	   letters: what strncasecmp() compared, outaged never calls
	   setlocale) */
	for (k = 0; k < dot - b; k++)
		w[k] = (char)lower((unsigned char)text[b + k]);
	memcpy(&key, w, sizeof(key));
	while (lo < hi) {
		k = lo + (hi - lo) / 2;
		if (abbrev_keys[k] < key)
			lo = k + 1;
		else
			hi = k;
	}
	return lo < NELEM(abbrev_keys) && abbrev_keys[lo] == key;
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

size_t
possessive_len(const char *s, size_t i, size_t end)
{
	if (i + 1 < end && s[i] == '\'' && s[i + 1] == 's')
		return 2;
	if (i + 3 < end && (unsigned char)s[i] == 0xE2 &&
	    (unsigned char)s[i + 1] == 0x80 &&
	    (unsigned char)s[i + 2] == 0x99 && s[i + 3] == 's')
		return 4;
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

/* The bytes extract_sentences() looks at: '\n', '.', '!' and '?'. */
static const unsigned char stops[256] = {
	['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1
};

#ifndef __SSE2__
/* Is any of the 8 bytes at p a stop?  (No false "no"; a rare false "yes".) */
static inline int
any_stop(const char *p)
{
	const uint64_t ones = UINT64_C(0x0101010101010101),
	    highs = UINT64_C(0x8080808080808080);
	uint64_t x, a, b, c, d;

	memcpy(&x, p, 8);
	a = x ^ (ones * '\n');
	b = x ^ (ones * '.');
	c = x ^ (ones * '!');
	d = x ^ (ones * '?');
	/* a zero byte in a, b, c or d: that byte is the stop */
	return (((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c) |
	    ((d - ones) & ~d)) & highs ? 1 : 0;
}
#endif

#ifdef __SSE2__
/*
 * The bytes from i up to the first stop, 16 at a time (SSE2: four
 * compares and one mask for 16 bytes, where any_stop() takes about
 * twenty operations for 8): the index of that stop, or of the last bytes
 * fewer than 16, from which the callers go on byte by byte.
 */
static inline size_t
skip_no_stop(const char *text, size_t len, size_t i)
{
	const __m128i nl = _mm_set1_epi8('\n'), dot = _mm_set1_epi8('.'),
	    bang = _mm_set1_epi8('!'), q = _mm_set1_epi8('?');

	while (i + 16 <= len) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
		    (text + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(x, nl), _mm_cmpeq_epi8(x, dot)),
		    _mm_or_si128(_mm_cmpeq_epi8(x, bang), _mm_cmpeq_epi8(x, q))));

		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
	return i;
}
#else
static inline size_t
skip_no_stop(const char *text, size_t len, size_t i)
{
	while (i + 8 <= len && !any_stop(text + i))
		i += 8;
	return i;
}
#endif

size_t
extract_sentences(const char *text, size_t len, struct extract_span *out,
    size_t max)
{
	size_t i, start = 0, n = 0, end, next, c;

	for (i = 0; i < len; i++) {
		char ch;

		/* most bytes end nothing: skip them, sixteen (or eight) at a
		   time while none is a stop, then by stops[] */
		i = skip_no_stop(text, len, i);
		while (i < len && !stops[(unsigned char)text[i]])
			i++;
		if (i == len)
			break;
		ch = text[i];

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
		/* after the cheaper tests: most full stops end nothing */
		if (ch == '.' && is_abbrev(text, i) &&
		    !time_ends_sentence(text, len, i, next))
			continue;
		add_span(text, start, end, out, max, &n);
		start = end;
		i = end - 1;
	}
	add_span(text, start, len, out, max, &n);
	return n < max ? n : max;
}

/* ---- tokens ------------------------------------------------------------ */

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

/*
 * The bytes [a, b) of s (S->text) as the token *tp, a < b (each caller
 * has stepped over them); *tp moves on to the next, up to tend (S->t +
 * MAX_TOKENS).  Inlined: tokenize() calls it for every token.  Speed
 * only (the same tokens): tokenize() keeps the next token's address in
 * a local and sets S->n from it at the end, and passes S->text as s: a
 * count in S->n was loaded, scaled and stored again at every token, and
 * S->text loaded again (a store to a token might change them, for all
 * the compiler knows).
 */
/*
 * What a word's first byte makes of its token: 1 an ASCII capital (cap),
 * 2 a Cyrillic lead byte 0xD0-0xD3 (cyr_tok()), else 0.  Speed only (the
 * same tokens): one load for both tests at every word.
 */
static const unsigned char first_kind[256] = {
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1, [0xD0] = 2, [0xD1] = 2, [0xD2] = 2, [0xD3] = 2
};

static inline __attribute__((always_inline)) void
push_tok(struct sentence *S, const char *s, struct tok **tp,
    const struct tok *tend, size_t a, size_t b, int punct, char as,
    int capped)
{
	struct tok *t = *tp;
	unsigned char kind;

	if (capped && t >= tend)
		return;
	kind = first_kind[(unsigned char)s[a]];
	*tp = t + 1;
	if (punct || kind == 2) {
		/* one store of the whole token: every other field zero */
		*t = (struct tok){ .start = a, .len = b - a,
		    .punct = (int8_t)punct };
		if (punct) {
			/* never a letter or digit: tw() (extract_int.h)
			   skips its test of punct for such a literal */
			assert(!is_alnum((unsigned char)as));
			t->w[0] = as;
			t->w[1] = '\0';
		} else
			/* Ukrainian, Russian (lexicon_uk.c): it reads
			   S's text, span and lang, not S->n (which
			   tokenize() sets at the end) */
			cyr_tok(S, t, a, b);
		return;
	}
	/*
	 * Speed only (the same tokens): not w and lx, which
	 * lex_sentence() writes whole for every such word (its folded
	 * word and lists, at the sentence's end, for all its words in one
	 * call); the fields from clause on (the last 8 bytes: one store)
	 * zero but cap.
	 */
	t->start = a;
	t->len = b - a;
	memset((char *)t + offsetof(struct tok, clause), 0,
	    sizeof(*t) - offsetof(struct tok, clause));
	t->cap = (int8_t)kind;	/* 0 or 1 here */
}

/*
 * The bytes that simply continue a word: ASCII letters and digits, and
 * every byte of 0x80 and over but the lead bytes utf8_punct() reads
 * (0xC2, 0xE2).
 */
static const unsigned char word_byte[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 10 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 20 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,	/* 30 */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 40 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,	/* 50 */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 60 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,	/* 70 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 80 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 90 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* a0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* b0 */
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* c0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* d0 */
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* e0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* f0 */
};

#ifdef __SSE2__
/*
 * word_byte[] of the 16 bytes at p, bit k for p[k] (SSE2: the same
 * classes as word_byte[]: ASCII letters and digits, and every byte from
 * 0x80 but 0xC2 and 0xE2).  Each range takes one signed compare after
 * an add that moves it to the bottom of the signed bytes (-128 up):
 * lo = x | 0x20 is 0x61..0x7A for a letter only, so lo + 0x1F is under
 * -102 for a letter only; x + 0x50 is under -118 for a digit only.  And
 * lo is 0xE2 for x 0xC2 or 0xE2 only.  The mask is the bytes' sign bits.
 */
static inline unsigned
word_bytes16(const char *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i lo = _mm_or_si128(x, _mm_set1_epi8(0x20));
	__m128i alpha = _mm_cmpgt_epi8(_mm_set1_epi8(-102),
	    _mm_add_epi8(lo, _mm_set1_epi8(0x1F)));
	__m128i digit = _mm_cmpgt_epi8(_mm_set1_epi8(-118),
	    _mm_add_epi8(x, _mm_set1_epi8(0x50)));
	/* x, but 0 where a lead byte 0xC2 or 0xE2: the sign bit of a
	   byte from 0x80 that continues a word */
	__m128i high = _mm_andnot_si128(
	    _mm_cmpeq_epi8(lo, _mm_set1_epi8((char)0xE2)), x);

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_or_si128(alpha, digit), high));
}
#endif

/*
 * word_byte[] of the 64 bytes from i, bit k for s[i + k], and 0 for
 * those from end on.  With SSE2 16 bytes at a time, the last ones (fewer
 * than 16) as the 16 bytes that end at end, shifted: the bytes before
 * i they take are the text's, and dropped.  Not inlined: once in 64
 * bytes, and inlined its constants took registers from every word.
 */
static uint64_t __attribute__((noinline))
word_bytes64(const char *s, size_t end, size_t i)
{
	uint64_t m = 0;
	size_t k = 0;

#ifdef __SSE2__
	/* the usual case written out (no loop) */
	if (i + 64 <= end)
		return (uint64_t)word_bytes16(s + i) |
		    (uint64_t)word_bytes16(s + i + 16) << 16 |
		    (uint64_t)word_bytes16(s + i + 32) << 32 |
		    (uint64_t)word_bytes16(s + i + 48) << 48;
	for (; k < 64 && i + k + 16 <= end; k += 16)
		m |= (uint64_t)word_bytes16(s + i + k) << k;
	if (k < 64 && i + k < end && end >= 16)
		return m | (uint64_t)(word_bytes16(s + end - 16) >>
		    (i + k + 16 - end)) << k;
#endif
	for (; k < 64 && i + k < end; k++)
		m |= (uint64_t)word_byte[(unsigned char)s[i + k]] << k;
	return m;
}

/*
 * The first index from i of a byte word_byte[] refuses, or end, read
 * from *mask, word_bytes64() of the 64 bytes from *base (i >= *base),
 * which moves on when i passes them: a sentence's bytes are classified
 * once, 64 at a time, rather than 16 from every word.
 */
static inline size_t
skip_word_bytes(const char *s, size_t end, size_t i, size_t *base,
    uint64_t *mask)
{
	uint64_t m;

	for (;;) {
		if (i - *base >= 64) {
			*base = i;
			*mask = word_bytes64(s, end, i);
		}
		/* bits past end are 0 in *mask: the run stops there */
		if ((m = ~*mask >> (i - *base)) != 0)
			return i + (size_t)__builtin_ctzll(m);
		i = *base + 64;
	}
}

/*
 * Words keep inner hyphens, apostrophes and, between digits, commas and
 * points: "de-energized", "1,500", "1.2mn", "PowerOutage.US".  Each has
 * bit 0x20 set, as lex_sentence()'s fold8() needs of a word's bytes.
 */
static const unsigned char joiner[256] = {
	['-'] = 1, ['\''] = 1, ['&'] = 1, [','] = 1, ['.'] = 1
};

/*
 * A liveblog line opens with its time: "14:20 Power is back ...",
 * "9:05am Crews ...".  The time is no part of the sentence (its ':'
 * would start a clause): where one opens a line at i, the index after
 * it; else i.  A dash after it stays (it ends the stamp anyway).
 */
static size_t
after_stamp(const char *s, size_t end, size_t i)
{
	size_t j = skip_space(s, end, i), k;

	if (j + 4 >= end || !is_digit((unsigned char)s[j]))
		return i;
	k = j + 1 + is_digit((unsigned char)s[j + 1]);
	if (k + 3 > end || s[k] != ':' || !is_digit((unsigned char)s[k + 1]) ||
	    !is_digit((unsigned char)s[k + 2]))
		return i;
	k += 3;
	/* "9:05am", "9:05 a.m." */
	if (k + 2 <= end && ((s[k] | 0x20) == 'a' || (s[k] | 0x20) == 'p') &&
	    (s[k + 1] | 0x20) == 'm')
		k += 2;
	/* then a space and a capital: not "14:20:05" nor "10:30pm," */
	if (k + 1 >= end || s[k] != ' ' || !is_upper((unsigned char)s[k + 1]))
		return i;
	return k + 1;
}

/*
 * The tokens of s[i, end) from S->t on; the address after the last.
 * capped: the text may hold more than MAX_TOKENS tokens, the rest
 * dropped.  Inlined twice, capped a constant: speed only (the same
 * tokens), a sentence of MAX_TOKENS bytes or fewer (most) cannot reach
 * the cap, as every token takes a byte at least, and skips the test at
 * every token.
 */
static inline __attribute__((always_inline)) struct tok *
tok_run(struct sentence *S, const char *s, size_t i, size_t end, int capped)
{
	size_t a, n;
	uint64_t wmask;
	size_t wbase;
	struct tok *tp = S->t;
	const struct tok *const tend = S->t + MAX_TOKENS;
	char as;

	wbase = i;	/* skip_word_bytes()'s window */
	wmask = word_bytes64(s, end, i);
	while (i < end) {
		/* Speed only (the same tokens): a byte of word_byte[] is no
		   space, no utf8_punct() (not 0xC2 nor 0xE2) and is_alnum():
		   a word starts there, without the three tests */
		if (word_byte[(unsigned char)s[i]])
			;
		else if (is_space((unsigned char)s[i])) {
			/* "...\n14:20 Power is back": a liveblog line's time */
			if (s[i] == '\n')
				i = after_stamp(s, end, i + 1);
			else
				i++;
			continue;
		} else if ((unsigned char)s[i] >= 0xC2 &&
		    (n = utf8_punct(s, end, i, &as)) > 0) {
			if (as != ' ')
				push_tok(S, s, &tp, tend, i, i + n, 1, as,
				    capped);
			i += n;
			continue;
		} else if (!is_alnum((unsigned char)s[i])) {
			push_tok(S, s, &tp, tend, i, i + 1, 1, s[i],
			    capped);
			i++;
			continue;
		}
		a = i;
		/* Speed only (the same tokens): most words are a run of
		   word_byte[] and a space, ended here (no joiner, no
		   utf8_punct()) with the space stepped over, which the
		   outer loop's first test would do */
		if (word_byte[(unsigned char)s[i]]) {
			i = skip_word_bytes(s, end, i + 1, &wbase, &wmask);
			if (i < end && s[i] == ' ') {
				push_tok(S, s, &tp, tend, a, i, 0, 0,
				    capped);
				i++;
				continue;
			}
		}
		while (i < end) {
			/* the usual bytes, settled by word_byte[] (a run of
			   them at once); then s[i] is none of them */
			if (word_byte[(unsigned char)s[i]]) {
				i = skip_word_bytes(s, end, i + 1, &wbase,
				    &wmask);
				if (i >= end)
					break;
			}
			if (s[i] == ' ')
				break;
			/* of the bytes from 0x80 only the lead bytes 0xC2 and
			   0xE2 come here */
			if ((unsigned char)s[i] >= 0x80) {
				if (utf8_punct(s, end, i, &as) == 0) {
					i++;	/* a letter's byte (is_alnum) */
					continue;
				}
				/* "зв’язок": an apostrophe in a Cyrillic word */
				if (as == '\'' && i > a && i + 4 < end &&
				    (unsigned char)s[i - 1] >= 0x80 &&
				    ((unsigned char)s[i + 3] == 0xD0 ||
				    (unsigned char)s[i + 3] == 0xD1)) {
					i += 3;
					continue;
				}
				break;
			}
			/* ASCII and no letter or digit (word_byte[]): a
			   joiner first, by joiner[] (most words end at a
			   space); no utf8_punct() at every word's end */
			if (joiner[(unsigned char)s[i]] &&
			    i + 1 < end && is_alnum((unsigned char)s[i + 1]) &&
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
		push_tok(S, s, &tp, tend, a, i, 0, 0, capped);
	}
	return tp;
}

void
tokenize(struct sentence *S)
{
	const char *s = S->text;
	size_t i, end = S->start + S->len, k;
	struct tok *tp;

	S->n = 0;
	S->lang = 0;
	i = after_stamp(s, end, S->start);
	tp = end - i <= MAX_TOKENS ? tok_run(S, s, i, end, 0) :
	    tok_run(S, s, i, end, 1);
	S->n = (size_t)(tp - S->t);
	lex_sentence(S);	/* S->lx: its words' lists */
	if (S->lang != 0) {
		uint64_t u[LX_WORDS] = { 0 };

		cyr_sentence(S);
		/* the Cyrillic words' lists too, as cyr_sentence() left
		   them (in locals: a store to S->lx might alias a token's) */
		for (i = 0; i < S->n; i++)
			for (k = 0; k < LX_WORDS; k++)
				u[k] |= S->t[i].lx[k];
		memcpy(S->lx, u, sizeof(S->lx));
	}
}

/* Only blanks between the bytes [a, b) of text (two sentences side by
   side). */
int
blank_between(const char *text, size_t a, size_t b)
{
	for (; a < b; a++)
		if (text[a] != ' ' && text[a] != '\n' && text[a] != '\t' &&
		    text[a] != '\r')
			return 0;
	return 1;
}
