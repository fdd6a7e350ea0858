/* SPDX-License-Identifier: MIT */
/*
 * region_names.c - the gazetteer's names as text: folding for matching,
 * and the nearest names to an unknown one ("did you mean").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "region.h"
#include "region_int.h"
#include "util.h"

/* ---- folding ----------------------------------------------------------- */

/* ASCII for Latin-1 Supplement and Latin Extended-A letters, U+00C0..U+017F. */
static const char *
latin_fold(unsigned cp)
{
	static const struct { unsigned lo, hi; const char *ascii; } t[] = {
		{ 0xC0, 0xC5, "a" }, { 0xC6, 0xC6, "ae" }, { 0xC7, 0xC7, "c" },
		{ 0xC8, 0xCB, "e" }, { 0xCC, 0xCF, "i" }, { 0xD0, 0xD0, "d" },
		{ 0xD1, 0xD1, "n" }, { 0xD2, 0xD6, "o" }, { 0xD8, 0xD8, "o" },
		{ 0xD9, 0xDC, "u" }, { 0xDD, 0xDD, "y" }, { 0xDE, 0xDE, "th" },
		{ 0xDF, 0xDF, "ss" }, { 0xE0, 0xE5, "a" }, { 0xE6, 0xE6, "ae" },
		{ 0xE7, 0xE7, "c" }, { 0xE8, 0xEB, "e" }, { 0xEC, 0xEF, "i" },
		{ 0xF0, 0xF0, "d" }, { 0xF1, 0xF1, "n" }, { 0xF2, 0xF6, "o" },
		{ 0xF8, 0xF8, "o" }, { 0xF9, 0xFC, "u" }, { 0xFD, 0xFD, "y" },
		{ 0xFE, 0xFE, "th" }, { 0xFF, 0xFF, "y" },
		{ 0x100, 0x105, "a" }, { 0x106, 0x10D, "c" },
		{ 0x10E, 0x111, "d" }, { 0x112, 0x11B, "e" },
		{ 0x11C, 0x123, "g" }, { 0x124, 0x127, "h" },
		{ 0x128, 0x131, "i" }, { 0x132, 0x133, "ij" },
		{ 0x134, 0x135, "j" }, { 0x136, 0x138, "k" },
		{ 0x139, 0x142, "l" }, { 0x143, 0x14B, "n" },
		{ 0x14C, 0x151, "o" }, { 0x152, 0x153, "oe" },
		{ 0x154, 0x159, "r" }, { 0x15A, 0x161, "s" },
		{ 0x162, 0x167, "t" }, { 0x168, 0x173, "u" },
		{ 0x174, 0x175, "w" }, { 0x176, 0x178, "y" },
		{ 0x179, 0x17E, "z" }, { 0x17F, 0x17F, "s" },
		{ 0x218, 0x219, "s" }, { 0x21A, 0x21B, "t" },
		{ 0x259, 0x259, "e" },
	};

	/* outside the table's span (it is in code point order): quotes,
	   dashes and Cyrillic letters need no loop */
	if (cp < t[0].lo || cp > t[NELEM(t) - 1].hi)
		return NULL;
	for (size_t i = 0; i < NELEM(t); i++)
		if (cp >= t[i].lo && cp <= t[i].hi)
			return t[i].ascii;
	return NULL;
}

/* Decode one UTF-8 sequence; invalid bytes decode as themselves (len 1). */
size_t
region_utf8_decode(const unsigned char *s, size_t len, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && len >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && len >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) |
		    (s[2] & 0x3Fu);
		return 3;
	}
	if ((s[0] & 0xF8) == 0xF0 && len >= 4 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
		    ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

static int
is_apostrophe(unsigned cp)
{
	return cp == '\'' || cp == '`' || cp == 0x2018 || cp == 0x2019 ||
	    cp == 0x02BC || cp == 0x02B9 || cp == 0x00B4;
}

/*
 * region_fold() of an ASCII byte: the folded letter or digit, or one of
 * these (apostrophes are dropped, anything else separates words).
 */
#define FOLD_SEPARATOR	0
#define FOLD_APOSTROPHE	1
#define FOLD_NOT_ASCII	2	/* 0x80 and over: not ASCII at all */
#define FOLD_TEN(a, d) \
	[a + 0] = a + 0 + d, [a + 1] = a + 1 + d, [a + 2] = a + 2 + d, \
	[a + 3] = a + 3 + d, [a + 4] = a + 4 + d, [a + 5] = a + 5 + d, \
	[a + 6] = a + 6 + d, [a + 7] = a + 7 + d, [a + 8] = a + 8 + d, \
	[a + 9] = a + 9 + d
#define FOLD_HIGH4(a) \
	[a + 0] = FOLD_NOT_ASCII, [a + 1] = FOLD_NOT_ASCII, \
	[a + 2] = FOLD_NOT_ASCII, [a + 3] = FOLD_NOT_ASCII
#define FOLD_HIGH(a) \
	FOLD_HIGH4(a), FOLD_HIGH4(a + 4), FOLD_HIGH4(a + 8), FOLD_HIGH4(a + 12)
static const unsigned char ascii_fold[256] = {
	FOLD_TEN('0', 0),
	FOLD_TEN('a', 0), FOLD_TEN('k', 0),
	['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y',
	['z'] = 'z',
	FOLD_TEN('A', 'a' - 'A'), FOLD_TEN('K', 'a' - 'A'),
	['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
	['Z'] = 'z',
	['\''] = FOLD_APOSTROPHE, ['`'] = FOLD_APOSTROPHE,
	/* FOLD_NOT_ASCII, so that one load and one test end a word's run
	   of letters (fold_ascii) */
	FOLD_HIGH(0x80), FOLD_HIGH(0x90), FOLD_HIGH(0xA0), FOLD_HIGH(0xB0),
	FOLD_HIGH(0xC0), FOLD_HIGH(0xD0), FOLD_HIGH(0xE0), FOLD_HIGH(0xF0)
};

/*
 * region_fold() of the run of ASCII at u[*i]: to its end (returns 1) or
 * until out is full (returns 0).  Inlined twice, with map and without, so
 * that the loop tests neither map nor more than it must.
 */
/*
 * What region_fold_words() keeps of the words as they are written: the
 * list, and of the word being written where it starts (in out and in the
 * source), where its last folded byte came from and its hash so far.
 * Speed only (the same list): a word's fold_word is written whole when
 * it closes, one test of maxw, not half when it opens and half when it
 * closes (fold_impl() closes every word it opens).
 */
struct fold_words {
	struct fold_word *w;
	size_t		 maxw, n;
	size_t		 start, src;	/* of the word being written */
	size_t		 last;		/* source of the last byte written */
	uint32_t	 hash;		/* fnv1a() of the word so far */
	int		 open;		/* a word is being written */
};

/* A word opens with folded byte c, from source byte at, at out[o]. */
static inline __attribute__((always_inline)) void
fw_open(struct fold_words *fw, size_t o, size_t at, unsigned char c)
{
	fw->start = o;
	fw->src = at;
	fw->open = 1;
	fw->last = at;
	fw->hash = fnv1a_step(FNV1A_INIT, c);
}

/* Folded byte c from source byte at is about to go to out[o]. */
static inline __attribute__((always_inline)) void
fw_byte(struct fold_words *fw, size_t o, size_t at, unsigned char c)
{
	if (!fw->open) {
		fw_open(fw, o, at, c);
		return;
	}
	fw->last = at;
	fw->hash = fnv1a_step(fw->hash, c);
}

/* The word being written, open, ends before out[o]. */
static inline __attribute__((always_inline)) void
fw_end(struct fold_words *fw, size_t o)
{
	if (fw->n < fw->maxw) {
		struct fold_word *x = &fw->w[fw->n];

		x->start = fw->start;
		x->end = o;
		x->src = fw->src;
		x->src_last = fw->last;
		x->hash = fw->hash;
	}
	fw->n++;
	fw->open = 0;
}

/* The word being written, if any, ends before out[o]. */
static inline __attribute__((always_inline)) void
fw_close(struct fold_words *fw, size_t o)
{
	if (fw->open)
		fw_end(fw, o);
}

/*
 * fold_ascii()'s steps after a word's letter u[i], written to out[o] with
 * nothing pending: the rest of its run of letters and digits, and on to
 * the next word when one space stands before it ("word word"), while i
 * and o, which step together, stay below stop (i + 1 < len and o + 1 <
 * outlen up to there).  Returns how far i went; o went as far.  Speed
 * only (the same bytes, map and words as one at a time): one index k
 * from u + i + 1 and out + o, one bound, the hash in a register.
 */
static inline __attribute__((always_inline)) size_t
ascii_words(const unsigned char *u, size_t i, size_t stop, char *out,
    size_t o, size_t *map, struct fold_words *fw)
{
	const unsigned char *p = u + i + 1;
	char *q = out + o;
	size_t k = 0, lim = stop - i;
	uint32_t h = fw != NULL ? fw->hash : 0;
	unsigned char c;

#define ASCII_PUT(j) do {						\
		q[j] = (char)c;						\
		if (map != NULL)					\
			map[o + (j)] = i + 1 + (j);			\
		h = fnv1a_step(h, c);					\
	} while (0)
	for (;;) {
		/* Speed only (the same bytes, map and hash, in the same
		   order): while four bytes stand below lim, one bound test
		   for the four, each still ending the run where it is no
		   letter or digit (most runs end within four) */
		while (k + 4 <= lim) {
			if ((c = ascii_fold[p[k]]) <= FOLD_NOT_ASCII)
				goto run_end;
			ASCII_PUT(k);
			if ((c = ascii_fold[p[k + 1]]) <= FOLD_NOT_ASCII) {
				k += 1;
				goto run_end;
			}
			ASCII_PUT(k + 1);
			if ((c = ascii_fold[p[k + 2]]) <= FOLD_NOT_ASCII) {
				k += 2;
				goto run_end;
			}
			ASCII_PUT(k + 2);
			if ((c = ascii_fold[p[k + 3]]) <= FOLD_NOT_ASCII) {
				k += 3;
				goto run_end;
			}
			ASCII_PUT(k + 3);
			k += 4;
		}
		for (; k < lim && (c = ascii_fold[p[k]]) > FOLD_NOT_ASCII;
		    k++)
			ASCII_PUT(k);
run_end:
		/* "word word", the usual case: the space p[k] and the
		   letter p[k + 1] as fold_ascii() would write them
		   (pending_space, then fw_close() and fw_byte()), when
		   both stand below stop */
		if (k + 2 > lim || p[k] != ' ' ||
		    (c = ascii_fold[p[k + 1]]) <= FOLD_NOT_ASCII)
			break;
		if (map != NULL) {
			map[o + k] = i + 2 + k;
			map[o + k + 1] = i + 2 + k;
		}
		if (fw != NULL) {
			fw->last = i + k;	/* the word's last letter */
			fw->hash = h;
			fw_end(fw, o + k);
			fw_open(fw, o + k + 1, i + 2 + k, c);
			h = fw->hash;
		}
		q[k] = ' ';
		q[k + 1] = (char)c;
		k += 2;
	}
	if (fw != NULL) {
		fw->last = i + k;
		fw->hash = h;
	}
	return k;
#undef ASCII_PUT
}

static inline __attribute__((always_inline)) int
fold_ascii(const unsigned char *u, size_t *ip, size_t len, char *out,
    size_t *op, size_t outlen, size_t *map, int *pending,
    struct fold_words *fw)
{
	size_t i = *ip, o = *op, stop, n;
	int pending_space = *pending, room = 1;

	for (; i < len && u[i] < 0x80; i++) {
		unsigned char c = ascii_fold[u[i]];

		if (c <= FOLD_APOSTROPHE) {
			if (c == FOLD_SEPARATOR)
				pending_space = (o > 0);
			continue;
		}
		if (o + (size_t)pending_space + 1 >= outlen) {
			room = 0;
			break;
		}
		if (pending_space) {
			if (map != NULL)
				map[o] = i;
			if (fw != NULL)
				fw_close(fw, o);
			out[o++] = ' ';
			pending_space = 0;
		}
		if (map != NULL)
			map[o] = i;
		if (fw != NULL)
			fw_byte(fw, o, i, c);
		out[o++] = (char)c;
		/* the rest of the word's letters, with nothing pending and a
		   word open: the same steps, fewer tests (a byte this loop
		   leaves goes through the one above); and on to the next
		   word when one space stands before it (ascii_words()) */
		/* i and o step together: one bound for i + 1 < len and
		   o + 1 < outlen (o < outlen here, by the test above) */
		stop = i + (len - 1 - i < outlen - 1 - o ? len - 1 - i :
		    outlen - 1 - o);
		n = ascii_words(u, i, stop, out, o, map, fw);
		i += n;
		o += n;
	}
	*ip = i;
	*op = o;
	*pending = pending_space;
	return room;
}

/*
 * The two bytes region_fold() writes for a Cyrillic letter, lead 0xD0 or
 * 0xD1 and a continuation byte, [(lead - 0xD0) * 64 + its low six bits]:
 * the code point lowercased (А-Я +0x20, Ѐ-Џ +0x50), encoded.
 */
static const uint16_t cyr_fold2[2 * 64] = {
	0xD190, 0xD191, 0xD192, 0xD193, 0xD194, 0xD195, 0xD196, 0xD197,
	0xD198, 0xD199, 0xD19A, 0xD19B, 0xD19C, 0xD19D, 0xD19E, 0xD19F,
	0xD0B0, 0xD0B1, 0xD0B2, 0xD0B3, 0xD0B4, 0xD0B5, 0xD0B6, 0xD0B7,
	0xD0B8, 0xD0B9, 0xD0BA, 0xD0BB, 0xD0BC, 0xD0BD, 0xD0BE, 0xD0BF,
	0xD180, 0xD181, 0xD182, 0xD183, 0xD184, 0xD185, 0xD186, 0xD187,
	0xD188, 0xD189, 0xD18A, 0xD18B, 0xD18C, 0xD18D, 0xD18E, 0xD18F,
	0xD0B0, 0xD0B1, 0xD0B2, 0xD0B3, 0xD0B4, 0xD0B5, 0xD0B6, 0xD0B7,
	0xD0B8, 0xD0B9, 0xD0BA, 0xD0BB, 0xD0BC, 0xD0BD, 0xD0BE, 0xD0BF,
	0xD180, 0xD181, 0xD182, 0xD183, 0xD184, 0xD185, 0xD186, 0xD187,
	0xD188, 0xD189, 0xD18A, 0xD18B, 0xD18C, 0xD18D, 0xD18E, 0xD18F,
	0xD190, 0xD191, 0xD192, 0xD193, 0xD194, 0xD195, 0xD196, 0xD197,
	0xD198, 0xD199, 0xD19A, 0xD19B, 0xD19C, 0xD19D, 0xD19E, 0xD19F,
	0xD1A0, 0xD1A1, 0xD1A2, 0xD1A3, 0xD1A4, 0xD1A5, 0xD1A6, 0xD1A7,
	0xD1A8, 0xD1A9, 0xD1AA, 0xD1AB, 0xD1AC, 0xD1AD, 0xD1AE, 0xD1AF,
	0xD1B0, 0xD1B1, 0xD1B2, 0xD1B3, 0xD1B4, 0xD1B5, 0xD1B6, 0xD1B7,
	0xD1B8, 0xD1B9, 0xD1BA, 0xD1BB, 0xD1BC, 0xD1BD, 0xD1BE, 0xD1BF,
};

/*
 * The run of two-byte Cyrillic letters at p (a lead 0xD0 or 0xD1 and a
 * continuation byte), while k < rlim (p[k + 1] may be read) and k < wlim
 * (q[k + 1] may be written), folded to q (and map, and the hash, as
 * ascii_run()): how many bytes.  Speed only: one index, as ascii_run().
 */
static inline __attribute__((always_inline)) size_t
cyr_run(const unsigned char *p, size_t rlim, size_t wlim, char *q,
    size_t *map, size_t at, uint32_t *hp)
{
	uint32_t h = hp != NULL ? *hp : 0;
	size_t k, lim = rlim < wlim ? rlim : wlim;

	for (k = 0; k < lim && (p[k] == 0xD0 || p[k] == 0xD1) &&
	    (p[k + 1] & 0xC0) == 0x80; k += 2) {
		unsigned f = cyr_fold2[(p[k] - 0xD0) * 64 + (p[k + 1] & 0x3Fu)];

		q[k] = (char)(f >> 8);
		q[k + 1] = (char)(f & 0xFF);
		if (map != NULL) {
			map[k] = at + k;
			map[k + 1] = at + k;
		}
		h = fnv1a_step(fnv1a_step(h, (unsigned char)(f >> 8)),
		    (unsigned char)(f & 0xFF));
	}
	if (hp != NULL)
		*hp = h;
	return k;
}

/* region_fold() of the run of such letters at u[*i], as fold_ascii(). */
static inline __attribute__((always_inline)) int
fold_cyr(const unsigned char *u, size_t *ip, size_t len, char *out,
    size_t *op, size_t outlen, size_t *map, int *pending,
    struct fold_words *fw)
{
	size_t i = *ip, o = *op;
	int pending_space = *pending, room = 1;

	for (; i + 1 < len && (u[i] == 0xD0 || u[i] == 0xD1) &&
	    (u[i + 1] & 0xC0) == 0x80; i += 2) {
		unsigned f = cyr_fold2[(u[i] - 0xD0) * 64 + (u[i + 1] & 0x3Fu)];

		if (o + (size_t)pending_space + 2 >= outlen) {
			room = 0;
			break;
		}
		if (pending_space) {
			if (map != NULL)
				map[o] = i;
			if (fw != NULL)
				fw_close(fw, o);
			out[o++] = ' ';
			pending_space = 0;
		}
		if (map != NULL) {
			map[o] = i;
			map[o + 1] = i;
		}
		if (fw != NULL) {
			fw_byte(fw, o, i, (unsigned char)(f >> 8));
			fw_byte(fw, o + 1, i, (unsigned char)(f & 0xFF));
		}
		out[o++] = (char)(f >> 8);
		out[o++] = (char)(f & 0xFF);
		/* the rest of the word's letters, with nothing pending and a
		   word open: the same steps, fewer tests (as fold_ascii);
		   and on to the next word when one space stands before it */
		for (;;) {
			size_t n = cyr_run(u + i + 2, len - i > 3 ? len - i - 3 :
			    0, outlen - o > 2 ? outlen - o - 2 : 0, out + o,
			    map != NULL ? map + o : NULL, i + 2,
			    fw != NULL ? &fw->hash : NULL);

			if (n > 0) {
				i += n;
				o += n;
				if (fw != NULL)
					fw->last = i;
			}
			/* "слово слово": the space and the first letter as
			   the steps above would write them (fold_ascii()
			   makes the space pending, then the loop above
			   writes it and the letter), when they fit: i + 4 <
			   len, o + 3 < outlen */
			if (i + 4 >= len || o + 3 >= outlen || u[i + 2] != ' ' ||
			    (u[i + 3] != 0xD0 && u[i + 3] != 0xD1) ||
			    (u[i + 4] & 0xC0) != 0x80)
				break;
			i += 3;
			f = cyr_fold2[(u[i] - 0xD0) * 64 + (u[i + 1] & 0x3Fu)];
			if (map != NULL) {
				map[o] = i;
				map[o + 1] = i;
				map[o + 2] = i;
			}
			if (fw != NULL) {
				fw_end(fw, o);
				fw_open(fw, o + 1, i, (unsigned char)(f >> 8));
				fw->hash = fnv1a_step(fw->hash,
				    (unsigned char)(f & 0xFF));
			}
			out[o++] = ' ';
			out[o++] = (char)(f >> 8);
			out[o++] = (char)(f & 0xFF);
		}
	}
	*ip = i;
	*op = o;
	*pending = pending_space;
	return room;
}

/*
 * region_fold() and region_fold_words(), inlined for each use so that the
 * loops test neither map nor fw more than they must.
 */
static inline __attribute__((always_inline)) size_t
fold_impl(const char *s, size_t len, char *out, size_t outlen, size_t *map,
    struct fold_words *fw)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0;
	int pending_space = 0;

	if (outlen == 0)
		return 0;
	while (i < len) {
		char enc[8];
		const char *piece = NULL;
		size_t n, plen;
		unsigned cp;
		size_t at = i;

		/* ASCII, almost all of running text, without the decoder:
		   a run of it by ascii_fold[] */
		if (u[i] < 0x80) {
			if (!fold_ascii(u, &i, len, out, &o, outlen, map,
			    &pending_space, fw))
				break;
			continue;
		}
		/* Cyrillic, most of a Ukrainian text: lowercased in place,
		   without the decoder (the same result as below), a run of
		   it by cyr_fold2[] */
		if ((u[i] == 0xD0 || u[i] == 0xD1) && i + 1 < len &&
		    (u[i + 1] & 0xC0) == 0x80) {
			if (!fold_cyr(u, &i, len, out, &o, outlen, map,
			    &pending_space, fw))
				break;
			continue;
		}
		n = region_utf8_decode(u + i, len - i, &cp);
		i += n;
		if (cp >= 0x300 && cp <= 0x36F)		/* combining mark */
			continue;
		if (is_apostrophe(cp))
			continue;
		if (cp < 0x80) {
			if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
				enc[0] = (char)cp;
			else if (cp >= 'A' && cp <= 'Z')
				enc[0] = (char)(cp - 'A' + 'a');
			else {
				pending_space = (o > 0);
				continue;
			}
			enc[1] = '\0';
			piece = enc;
		} else if ((piece = latin_fold(cp)) == NULL) {
			if (cp >= 0x410 && cp <= 0x42F)		/* Cyrillic А-Я */
				cp += 0x20;
			else if (cp >= 0x400 && cp <= 0x40F)	/* Ѐ-Џ, Є І Ї */
				cp += 0x50;
			else if (cp == 0x490)			/* Ґ */
				cp = 0x491;
			else if (cp == 0xA0 || cp == 0x2013 || cp == 0x2014 ||
			    (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFFFD ||
			    cp == 0xAB || cp == 0xBB || cp == 0x201C ||
			    cp == 0x201D) {
				pending_space = (o > 0);
				continue;
			}
			enc[utf8_encode(cp, enc)] = '\0';
			piece = enc;
		}
		plen = strlen(piece);
		if (o + pending_space + plen >= outlen)
			break;
		if (pending_space) {
			if (map)
				map[o] = at;
			if (fw != NULL)
				fw_close(fw, o);
			out[o++] = ' ';
			pending_space = 0;
		}
		for (size_t k = 0; k < plen; k++) {
			if (map)
				map[o] = at;
			if (fw != NULL)
				fw_byte(fw, o, at, (unsigned char)piece[k]);
			out[o++] = piece[k];
		}
	}
	if (fw != NULL)
		fw_close(fw, o);
	out[o] = '\0';
	return o;
}

size_t
region_fold(const char *s, size_t len, char *out, size_t outlen, size_t *map)
{
	return map != NULL ? fold_impl(s, len, out, outlen, map, NULL) :
	    fold_impl(s, len, out, outlen, NULL, NULL);
}

size_t
region_fold_words(const char *s, size_t len, char *out, size_t outlen,
    struct fold_word *w, size_t maxw, size_t *nw)
{
	struct fold_words fw = { w, maxw, 0, 0, 0, 0, FNV1A_INIT, 0 };
	size_t o = fold_impl(s, len, out, outlen, NULL, &fw);

	*nw = fw.n;
	return o;
}

/* ---- did you mean ------------------------------------------------------ */

/* Code points of a UTF-8 string, up to max; returns how many. */
size_t
region_to_cps(const char *s, uint32_t *cp, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0, len = strlen(s), i = 0;

	while (i < len && n < max) {
		unsigned c;

		i += region_utf8_decode(u + i, len - i, &c);
		cp[n++] = c;
	}
	return n;
}

/* names[] by code-point length, for suggestions: a counting sort. */
void
region_suggest_index(struct gazetteer *g)
{
	uint32_t cps[NAME_MAX_BYTES];
	size_t count[NAME_MAX_BYTES + 2] = { 0 };

	for (size_t i = 0; i < g->nnames; i++) {
		g->names[i].ncp = (uint16_t)region_to_cps(
		    name_key(g, &g->names[i]), cps, NELEM(cps));
		count[g->names[i].ncp]++;
	}
	g->by_len_at[0] = 0;
	for (size_t l = 0; l <= NAME_MAX_BYTES; l++)
		g->by_len_at[l + 1] = g->by_len_at[l] + count[l];
	g->by_len = xreallocarray(NULL, g->nnames ? g->nnames : 1,
	    sizeof(*g->by_len));
	memset(count, 0, sizeof(count));
	for (size_t i = 0; i < g->nnames; i++) {
		size_t l = g->names[i].ncp;

		g->by_len[g->by_len_at[l] + count[l]++] = (uint32_t)i;
	}
}
/*
 * Optimal-string-alignment distance (Damerau-Levenshtein with adjacent
 * transpositions) of a and b in code points, or max + 1 once every cell
 * of a row exceeds max.
 */
static size_t
edit_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
    size_t max)
{
	size_t rows[3][SUGGEST_MAX_LEN + 4], *pp, *p, *c;

	if (nb > SUGGEST_MAX_LEN + 2)
		return max + 1;
	pp = rows[0];
	p = rows[1];
	c = rows[2];
	for (size_t j = 0; j <= nb; j++)
		p[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t lo;
		size_t *t;

		c[0] = lo = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t cost = a[i - 1] != b[j - 1], v;

			v = p[j - 1] + cost;
			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
			if (v < lo)
				lo = v;
		}
		if (lo > max)
			return max + 1;
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[nb];
}

/* Edits a suggestion may be away: 1 up to 4 letters, 2 up to 8, else 3. */
static size_t
suggest_max_edits(size_t ncp)
{
	return ncp <= 4 ? 1 : ncp <= 8 ? 2 : 3;
}

size_t
gaz_suggest(const struct gazetteer *g, const char *name,
    struct gaz_suggestion *out, size_t max, size_t *examined)
{
	char folded[NAME_MAX_BYTES];
	uint32_t q[SUGGEST_MAX_LEN + 1], cps[SUGGEST_MAX_LEN + 3];
	size_t nq, k, lo, hi, best = SIZE_MAX, nout = 0, seen = 0;

	if (examined != NULL)
		*examined = 0;
	region_ready(g, LAZY_SUGGEST);
	if (max == 0 || g->by_len == NULL)
		return 0;
	region_fold(name, strlen(name), folded, sizeof(folded), NULL);
	nq = region_to_cps(folded, q, NELEM(q));
	if (nq < 3 || nq > SUGGEST_MAX_LEN)
		return 0;
	k = suggest_max_edits(nq);
	lo = nq - k;
	hi = nq + k;
	/*
	 * Only names within k code points of the query's length can be k
	 * edits away, and by_len holds them together; each comparison
	 * stops at the first row beyond the best distance so far.
	 */
	for (size_t x = g->by_len_at[lo]; x < g->by_len_at[hi + 1]; x++) {
		const struct name_entry *n = &g->names[g->by_len[x]];
		size_t d, nc, at, limit = best < k ? best : k;

		/* a name gaz_resolve() refuses is no suggestion */
		if (n->rank <= RANK_FOREIGN_SUBDIVISION)
			continue;
		nc = region_to_cps(name_key(g, n), cps, NELEM(cps));
		seen++;
		if ((nc > nq ? nc - nq : nq - nc) > limit)
			continue;
		d = edit_distance(q, nq, cps, nc, limit);
		if (d > limit)
			continue;
		if (d < best) {
			best = d;
			nout = 0;
		}
		/* one name per region: the higher rank, then the first */
		for (at = 0; at < nout; at++)
			if (out[at].region == name_region(g, n))
				break;
		if (at < nout) {
			if (n->rank > out[at].rank) {
				out[at].name = name_orig(g, n);
				out[at].rank = n->rank;
			}
			continue;
		}
		/* a full list keeps the highest ranks */
		if (nout == max) {
			size_t w = 0;

			for (size_t i = 1; i < nout; i++)
				if (out[i].rank < out[w].rank)
					w = i;
			if (out[w].rank >= n->rank)
				continue;
			at = w;
		} else
			at = nout++;
		out[at].name = name_orig(g, n);
		out[at].region = name_region(g, n);
		out[at].others = n->nothers > 0 ? name_other(g, n, 0) : NULL;
		out[at].rank = n->rank;
		out[at].distance = d;
	}
	if (examined != NULL)
		*examined = seen;
	/* highest rank first, then by id: a stable order for the message */
	for (size_t i = 1; i < nout; i++)
		for (size_t j = i; j > 0 && (out[j].rank > out[j - 1].rank ||
		    (out[j].rank == out[j - 1].rank &&
		    strcmp(out[j].region->id, out[j - 1].region->id) < 0));
		    j--) {
			struct gaz_suggestion t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return nout;
}

/* "did you mean "Kharkiv" (UA-63)?" into err, or nothing. */
void
region_suggest_into(const struct gazetteer *g, const char *name, char *err,
    size_t errlen)
{
	struct gaz_suggestion s[GAZ_SUGGEST_MAX];
	size_t n = gaz_suggest(g, name, s, NELEM(s), NULL), o;

	if (errlen == 0)
		return;
	err[0] = '\0';
	if (n == 0)
		return;
	o = (size_t)snprintf(err, errlen, "did you mean");
	for (size_t i = 0; i < n && o < errlen; i++)
		o += (size_t)snprintf(err + o, errlen - o, "%s \"%s\" (%s%s%s)",
		    i == 0 ? "" : i + 1 == n ? " or" : ",", s[i].name,
		    s[i].region->id, s[i].others ? " or " : "",
		    s[i].others ? s[i].others->id : "");
	if (o < errlen)
		snprintf(err + o, errlen - o, "?");
}

