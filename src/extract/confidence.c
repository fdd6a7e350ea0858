/* SPDX-License-Identifier: MIT */
/*
 * confidence.c - a report's confidence, once all reports of a text are
 * made and folded (docs/extraction.md, "Confidence"): what it rests on
 * (extract_report.basis) is read off the finished report, and a table
 * fitted on labelled passages (scripts/fit-confidence.py writes
 * confidence_table.h) gives the share of reports like it that were right.
 */
#include <string.h>
#include <strings.h>

#include "extract_int.h"
#include "confidence_table.h"	/* conf_table[script][place][inherited][unit][without] */

/* Bytes between the cue and the place beyond which the place is "far". */
#define CONF_FAR	60

/*
 * Where the n bytes of needle first occur in s[0..len); -1.  memchr() to
 * one byte of it, then a compare: cheaper than memmem()'s set-up for the
 * short needles and sentences here.  The byte is a Cyrillic letter's
 * second, not its lead byte, which nearly every letter of the sentence
 * shares.
 */
long
mem_find(const char *s, size_t len, const char *needle, size_t n)
{
	const char *p, *at, *end;
	size_t k;

	if (n == 0 || n > len)
		return -1;
	k = (unsigned char)needle[0] >= 0x80 && n > 1;
	end = s + len - n + k + 1;	/* past the last place for needle[k] */
	/* Speed only (the same answer): the needle's last byte, asked
	   first, spares the compare at most of memchr()'s wrong places */
	for (p = s + k; p < end && (at = memchr(p, needle[k],
	    (size_t)(end - p))) != NULL; p = at + 1)
		if (at[n - 1 - k] == needle[n - 1] &&
		    memcmp(at - k, needle, n) == 0)
			return at - k - s;
	return -1;
}

/*
 * Has the sentence a Cyrillic letter (lead bytes 0xD0-0xD3)?  Eight bytes
 * at a time: those with no byte above 0x7F (most of a Latin sentence) are
 * passed over whole, and 32 at a time while four words of them have none.
 */
static int
cyrillic(const unsigned char *s, size_t len)
{
	size_t i, k, n;
	uint64_t w, v[4];

	for (i = 0; i < len; i += n) {
		n = len - i < 8 ? len - i : 8;
		if (len - i >= 32) {
			memcpy(v, s + i, 32);
			if (((v[0] | v[1] | v[2] | v[3]) &
			    0x8080808080808080ULL) == 0) {
				n = 32;
				continue;
			}
		}
		if (n == 8) {
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ULL) == 0)
				continue;
		}
		for (k = i; k < i + n; k++)
			if (s[k] >= 0xD0 && s[k] <= 0xD3)
				return 1;
	}
	return 0;
}

/* "77 pc", "3.1 percent", "8%": a share that does not say of what
   ("61% of Spain" does) */
static int
bare_share(const struct extract_report *r)
{
	return r->affected < 0 && r->unit[0] == '\0' &&
	    strpbrk(r->count_text, "0123456789") != NULL &&
	    strstr(r->count_text, " of ") == NULL;
}

/* Is the cue "without" ("без")? */
static int
without(const char *cue)
{
	/* Speed only (the same answer): a first byte that none of the
	   three has ("w", "W"; 0xD0, the lead byte of "б" and "Б") */
	if ((cue[0] | 0x20) != 'w' && (unsigned char)cue[0] != 0xD0)
		return 0;
	return strcasecmp(cue, "without") == 0 || strcmp(cue, "без") == 0 ||
	    strcmp(cue, "Без") == 0;
}

/* The fitted share right of reports with basis b. */
static double
conf_of(unsigned b)
{
	int place = b & EXTRACT_B_REGION ? 0 : b & EXTRACT_B_MENTION ? 1 : 2;

	return conf_table[(b & EXTRACT_B_CYRILLIC) != 0][place]
	    [(b & EXTRACT_B_INHERITED) != 0]
	    [(b & EXTRACT_B_UNIT) != 0][(b & EXTRACT_B_WITHOUT) != 0];
}

void
conf_finish(struct extract_report *r, size_t n, const char *text)
{
	size_t i, j;
	int cyr = 0, several = 0;

	for (i = 0; i < n; i++) {
		struct extract_report *x = &r[i];
		const char *s = text + x->sentence_start;
		long at = mem_find(s, x->sentence_len, x->mention,
		    strlen(x->mention));
		/* speed only: the cue's place is read only beside the
		   mention's (EXTRACT_B_FAR) */
		long cue = at < 0 ? -1 : mem_find(s, x->sentence_len,
		    x->cue, strlen(x->cue));
		unsigned b = x->basis & (EXTRACT_B_STRONG |
		    EXTRACT_B_UTIL_STORY | EXTRACT_B_LIST);

		if (x->count_text[0] != '\0')
			b |= EXTRACT_B_COUNTED;
		if (x->unit[0] != '\0')
			b |= EXTRACT_B_UNIT;
		if (x->region != NULL)
			b |= EXTRACT_B_REGION | (x->region->depth == 0 ?
			    EXTRACT_B_COUNTRY : 0);
		else if (x->mention[0] != '\0')
			b |= EXTRACT_B_MENTION;
		if (x->mention[0] != '\0' && at < 0)
			b |= EXTRACT_B_INHERITED;
		if (at >= 0 && cue >= 0 && (at > cue + CONF_FAR ||
		    cue > at + CONF_FAR))
			b |= EXTRACT_B_FAR;
		/* a sentence's reports lie together: its script read once */
		if (i == 0 || x->sentence_start != r[i - 1].sentence_start ||
		    x->sentence_len != r[i - 1].sentence_len)
			cyr = cyrillic((const unsigned char *)s,
			    x->sentence_len);
		if (cyr)
			b |= EXTRACT_B_CYRILLIC;
		if (bare_share(x))
			b |= EXTRACT_B_SHARE;
		if (x->status != RS_OUTAGE)
			b |= EXTRACT_B_RESTORED;
		/* a sentence's reports lie together, in text order: one
		   differs from another in region or mention just where they
		   are not all alike, so the run is read once, at its first
		   (speed only: not each report against each) */
		if (i == 0 || x->sentence_start != r[i - 1].sentence_start) {
			several = 0;
			for (j = i + 1; j < n && !several &&
			    r[j].sentence_start == x->sentence_start; j++)
				several = r[j].region != x->region ||
				    strcmp(r[j].mention, x->mention) != 0;
		}
		if (several)
			b |= EXTRACT_B_SEVERAL;
		if (without(x->cue))
			b |= EXTRACT_B_WITHOUT;
		x->basis = b;
		x->confidence = conf_of(b);
	}
}
