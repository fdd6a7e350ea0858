/* SPDX-License-Identifier: MIT */
/*
 * extract_int.h - what the files of the news extractor (src/extract/)
 * share and nothing outside it uses: character classes, tokens and
 * sentences, the lexicon's list names, cues, count phrases, places and
 * the context carried from sentence to sentence.  The public interface
 * is include/extract.h.
 */
#ifndef EXTRACT_INT_H
#define EXTRACT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

static inline size_t
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
static inline size_t
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
/* ---- the lexicon ------------------------------------------------------- */

/*
 * Every word list of lexicon.c, interned: a token's folded word is looked
 * up in one hash table when the token is made, and each list test after
 * that is a bit test.  (Scanning the lists with strcmp for every token was
 * most of the extractor's time.)
 */
enum lex {
	LX_EXCLUDED, LX_STOP, LX_BARE, LX_MODAL, LX_ORG, LX_TELECOM,
	LX_NOT_WATER, LX_NOT_GAS, LX_WINDOW_STOP, LX_LOST, LX_WEAK,
	LX_DISRUPTION, LX_RESTORED, LX_PARTIAL, LX_AREA, LX_VAGUE, LX_WHOLE,
	LX_CASUALTY, LX_NUMBER_START, LX_ATTACK, LX_KIND, LX_NOT_PLACE,
	LX_COMPASS, LX_CLAUSE, LX_AUX, LX_DISPLACE, LX_NEGATE,
	/* word_utility()'s short lists [utility-words] */
	LX_POWER_WORD, LX_POWER_NAME, LX_LIGHT, LX_LIGHT_BEFORE, LX_ENERGY,
	LX_SUPPLY, LX_HEATING, LX_HEAT, LX_WAVE, LX_HOT, LX_WATER,
	LX_NOT_WATER_BEFORE, LX_OF, LX_WATER_AMOUNT, LX_GAS, LX_CELL,
	LX_SERVICE, LX_COVERAGE,
	/* the status cue table's lists (cues.c) [status-words]: the cue
	   words ... */
	LX_WITHOUT, LX_NO, LX_NOT, LX_SHEDDING, LX_LOAD_SHEDDING, LX_RATIONED,
	LX_LOW, LX_PARTLY, LX_DARK, LX_DARKNESS, LX_OFF_DOWN, LX_DRY,
	LX_PATCHY, LX_FALLEN, LX_WAITING, LX_OUT, LX_OFFLINE, LX_DOWN,
	LX_UNAVAILABLE,
	LX_BREAKDOWN, LX_AFFECTING, LX_BLACKOUT, LX_RESTORATION, LX_AGAIN,
	LX_BACK,
	/* ... and the words around them */
	LX_HAVE, LX_SERVICES, LX_OUTAGE_NOUN, LX_LOAD, LX_PRESSURE,
	LX_PARTLY_WHAT, LX_SWITCHED, LX_DARK_BEFORE, LX_TAPS, LX_TO,
	LX_FIGURE, LX_OUTAGES, LX_FOR, LX_AWAITED, LX_OUT_VERB, LX_DOWN_VERB,
	LX_SIMILAR, LX_SAME, LX_THE, LX_DEFINITE, LX_ACROSS, LX_BE, LX_YET,
	LX_BEEN, LX_WORK, LX_WORKING, LX_NETWORKS, LX_ON, LX_WITH, LX_ONLINE,
	LX_SUPPLIED, LX_BACK_VERB,
	/* English cues added for unseen text (round 4) */
	LX_CONCENTRATED, LX_WORST, LX_WORST_HIT, LX_REDUCED, LX_AWAIT,
	LX_RECEIVING, LX_IN_FULL,
	LX_ACCESS, LX_CANNOT, LX_LOSS, LX_BEGAN, LX_THE_LATEST,
	LX_POWERLESS, LX_UNHEATED, LX_LEFT, LX_CALLS, LX_SUFFERED, LX_COLLAPSE,
	LX_GRID,
	LX_MEDIA, LX_WEATHER, LX_NORMAL, LX_BECAME, LX_SNAPPED,
	LX_IMPOSED,
	/* round 5 */
	LX_AVAILABLE, LX_SCHEDULE, LX_BROWNOUT,
	/* restore_checks.c: one list, told apart by its checks */
	LX_RESUMING,
	/* round 6 (z-en-us) */
	LX_EXIST, LX_GAINED, LX_INCLUDED, LX_RELIT, LX_RELIGHTING,
	/* round 7 (z-en-mix) */
	LX_RECOVERED,
	/* round 8 (v-en3) */
	LX_ISOLATED,
	/* round 11: "blacked out", "restricted", "now have"; the words
	   that open a fronted phrase (cues.c) */
	LX_BLACKED, LX_RESTRICTED, LX_NOW, LX_FRONTED,
	/* round 15: "power came on", "were connected to the power supply";
	   dates ("December 9", "last Friday (3)": counts.c) */
	LX_CAME, LX_CONNECTED, LX_MONTH, LX_WEEKDAY,
	/* the words later_at() (cues.c) looks at: a gate, not a rule */
	LX_LATER,
	/* the words but LX_VAGUE's vague_quant() (counts.c) starts from */
	LX_VAGUE_HEAD,
	/* the words exercise_at() (cues.c) looks at: a gate, not a rule */
	LX_EXERCISE,
	/* the verbs a company's statement comes with (place_scan.c's
	   place_ok()) */
	LX_SAID,
	/* the word bank_place() (place_shapes.c) starts from, and the
	   words of except_word_in() (places.c): gates */
	LX_BANK, LX_EXCEPT,
	/* the words a rule of unknown_places() (places.c) starts from
	   when it says a name follows, and the first words of a short
	   opener (place_subject.c's main_start()): gates */
	LX_NAME_OPENS, LX_OPENER,
	/* the words between a preposition and a name (places.c's
	   name_opener()): "the", "his", "metro" */
	LX_NAME_DET, LX_NAME_POSS, LX_NAME_MOD,
	/* an outage's being over: "resolved", "fixed" (restore_checks.c's
	   over_at(), and its rule's gate in cue_rules.c) */
	LX_OVER,
	/* the words of a part of a city or a state that names_before_part()
	   (place_shapes.c) ends at: "district", "parishes" */
	LX_PART,
	/*
	 * Set by the lexicon, not listed: the words word_utility() and
	 * status_word() may take (the words of the utility lists marked
	 * so, and of every list a cue rule takes as its word); the rest
	 * are not examined.
	 */
	LX_UTILITY_HEAD, LX_STATUS_HEAD,
	LX_COUNT
};
/* A token's lists: a bitset of LX_COUNT bits in 64-bit words. */
#define LX_WORDS	((LX_COUNT + 63) / 64)

static inline int
lx_in(const uint64_t *lx, enum lex l)
{
	return (int)((lx[l / 64] >> (l % 64)) & 1);
}

static inline void
lx_set(uint64_t *lx, enum lex l)
{
	lx[l / 64] |= UINT64_C(1) << (l % 64);
}

/* ---- tokens ------------------------------------------------------------ */

#define MAX_TOKENS	400	/* per sentence; the rest is ignored */
#define MAX_QUANT	32	/* count phrases per sentence */
#define MAX_CUES	64	/* status cues per sentence */
#define MAX_MATCHES	64	/* place names per sentence */
#define MAX_UNKNOWN	24	/* unknown place names per sentence */
#define WORD_MAX	24	/* folded word kept for comparison */

/*
 * Narrow fields (72 bytes in all with three words of lists): a
 * sentence's tokens are read over and over by every rule, and a smaller
 * token keeps more of them in cache.  Every value fits its
 * field (clause <= MAX_TOKENS, unit <= the unit nouns, util a mask of the
 * UTIL_ bits, the rest small flags); each list past a multiple of 64
 * (LX_COUNT) widens every token by 8 bytes.
 */
struct tok {
	size_t		 start, len;	/* bytes of the text */
	char		 w[WORD_MAX];	/* lowercase; punctuation as itself */
	uint64_t	 lx[LX_WORDS];	/* the word lists holding it: lx_in() */
	int16_t		 clause;	/* clause number within the sentence */
	int16_t		 unit;		/* unit_nouns index + 1, or 0 */
	uint8_t		 util;		/* bitmask of utilities it names */
	int8_t		 punct;		/* 0 for a word or number */
	int8_t		 cap;		/* starts with an ASCII capital */
	int8_t		 cyr;		/* a Cyrillic word (lexicon_uk.c) */
};
_Static_assert(UTIL_COUNT <= 8, "struct tok: util is 8 bits");
_Static_assert(MAX_TOKENS + 1 <= INT16_MAX, "struct tok: clause is 16 bits");

struct sentence {
	const char	*text;		/* the whole input */
	size_t		 start, len;
	struct tok	 t[MAX_TOKENS];
	size_t		 n;
	int		 lang;		/* 0: no Cyrillic word yet; else
					   nonzero, lexicon_uk.c's bits (the
					   letters' languages read so far:
					   form_lang()); ask only != 0 */
	uint64_t	 lx[LX_WORDS];	/* every token's lists ORed, set by
					   tokenize(): s_has() */
	int		 marked;	/* do_sentence() (extract.c) has run
					   mark_clauses() since its tokenize() */
};

/*
 * Is token i the word w?  Speed only (the same answer as strcmp()): most
 * tokens differ at the first byte; past it, a literal w, whose length the
 * compiler knows, is compared with its NUL in a load or two, not a call
 * (a token's word ends with a NUL within WORD_MAX, so a longer w is none).
 */
static inline __attribute__((always_inline)) int
tw(const struct sentence *S, size_t i, const char *w)
{
	/* (a literal w that starts with an ASCII letter or digit needs no
	   test of punct: a punctuation token's w[0] is never one, text.c
	   writes the mark itself, or '-', '\'', '"' or '.' for a UTF-8
	   one, and push_tok() asserts it; lang_uk*.c only clear punct) */
	if (i >= S->n || S->t[i].w[0] != w[0] ||
	    (!(__builtin_constant_p(w[0]) &&
	    is_alnum_ascii((unsigned char)w[0])) && S->t[i].punct))
		return 0;
	if (__builtin_constant_p(strlen(w)))
		return strlen(w) < WORD_MAX &&
		    memcmp(S->t[i].w, w, strlen(w) + 1) == 0;
	return S->t[i].w[1] == w[1] &&
	    (w[1] == '\0' || strcmp(S->t[i].w + 2, w + 2) == 0);
}

/* Is token i one of the n words of list (tw() for each)?  TW_ANY for an
   array. */
static inline int
tw_any(const struct sentence *S, size_t i, const char *const *list,
    size_t n)
{
	const char *w;
	size_t k;

	/* tw() for each, with the token's tests made once */
	if (i >= S->n || S->t[i].punct)
		return 0;
	w = S->t[i].w;
	for (k = 0; k < n; k++)
		if (w[0] == list[k][0] && strcmp(w, list[k]) == 0)
			return 1;
	return 0;
}
#define TW_ANY(S, i, list)	tw_any((S), (i), (list), NELEM(list))

static inline int
tp(const struct sentence *S, size_t i, char c)
{
	return i < S->n && S->t[i].punct && S->t[i].w[0] == c;
}

/* The end of a name's words from token k: up to three capitalised words
   ("Wagga Wagga", "Port Ardle"), the token after them (k for none). */
static inline size_t
name_words_end(const struct sentence *S, size_t k)
{
	size_t j;

	for (j = k; j < S->n && j < k + 3 && S->t[j].cap && !S->t[j].punct;
	    j++)
		;
	return j;
}

/* Do tokens k, k + 1, k + 2 say "in the dark" (a supply lost)? */
static inline int
in_the_dark(const struct sentence *S, size_t k)
{
	return tw(S, k, "in") && tw(S, k + 1, "the") && tw(S, k + 2, "dark");
}

/*
 * Word equality for the cue lists: the first two bytes settle almost
 * every comparison, and the extractor makes millions of them (a cheap
 * test before strcmp is most of its speed).  lit is not "".
 */
#define WEQ(w, lit)	((w)[0] == (lit)[0] && (w)[1] == (lit)[1] && \
	((lit)[1] == '\0' || strcmp((w) + 2, (lit) + 2) == 0))

/*
 * The backward word scan of the rules: "for (k = i; word_back(k, i, n);
 * k--)" reads token k - 1 for each of the n - 1 tokens before i, nearest
 * first, stopping at the sentence's start ("k > 0 && k + n > i", which
 * the rules had each written out).  After such a loop, !word_back(k, i,
 * n) says it ran out without a break.
 */
static inline int
word_back(size_t k, size_t i, size_t n)
{
	return k > 0 && k + n > i;
}

/* Is token i a word of list l?  No for punctuation and past the end. */
static inline int
tin(const struct sentence *S, size_t i, enum lex l)
{
	return i < S->n && lx_in(S->t[i].lx, l);
}

/*
 * Has any token of S list l?  A rule that starts from a word of l
 * returns at once when none does: one bit, not a pass over the tokens.
 */
static inline int
s_has(const struct sentence *S, enum lex l)
{
	return lx_in(S->lx, l);
}

/* ---- utilities --------------------------------------------------------- */

#define U(u)	(1 << (u))

static inline const char *
prev_word(const struct sentence *S, size_t i, size_t back)
{
	return i >= back && !S->t[i - back].punct ? S->t[i - back].w : "";
}

static inline const char *
next_word(const struct sentence *S, size_t i, size_t ahead)
{
	return i + ahead < S->n && !S->t[i + ahead].punct ?
	    S->t[i + ahead].w : "";
}

/* ---- status cues ------------------------------------------------------- */

struct cue {
	size_t		 tok;
	enum report_status status;
	int		 strong;	/* may stand without a count
				   [standing-cue] */
	int		 util;		/* utilities it speaks of */
	int		 used;		/* taken by a count */
	int		 off;		/* future, hypothetical, advisory */
	int		 story;		/* CUE_STORY_*: takes the story's status
					   or utility [concentration] */
};

/* struct cue's story: what a concentration cue takes from the story. */
#define CUE_STORY_STATUS	1	/* its status and utility */
#define CUE_STORY_UTILITY	2	/* its utility; the cue says outage */
#define CUE_STORY_DEFINITE	3	/* its utility, and its place is the
					   nearest, not one after it */
#define CUE_STORY_UTILITY_BEFORE 4	/* its utility; the cue says outage
					   of the places named before it */

/* ---- count phrases ----------------------------------------------------- */

struct quant {
	size_t		 t0, t1;	/* tokens of the phrase, [t0, t1) */
	int64_t		 value;		/* -1: vague or a percentage */
	double		 pct;		/* a percentage's number; 0: none */
	int		 approx;
	char		 unit[EXTRACT_UNIT_MAX];
	const char	*noun;		/* the counted noun, folded */
	int		 excluded;	/* [not-affected]; EXCL_TOLL: a
					   verb's toll ("killed two people") */
	int		 bare;		/* no noun: takes a parallel unit */
	int		 placeish;	/* settlements, villages:
				   [place-count] */
	int		 ref;		/* "half of them": a share of a
					   group counted before */
	int		 cue;		/* index of its status cue, -1 */
	int		 whole_next;	/* "19,000 of the 27,500 customers":
					   a share of the group the next
					   count counts [share] */
};

#define EXCL_TOLL	2	/* quant.excluded: blocks no count-less
				   report of its cue */

/* ---- places ------------------------------------------------------------ */

struct place {
	const struct gaz_match *m;	/* NULL: none */
	size_t		 tok, tok_end;	/* tokens it spans, [tok, tok_end) */
	int		 clause;
	int		 owned;		/* of an excluded count: "evacuated 300
					   residents of X" */
	int		 counted;	/* its clause has a count */
	int		 story;		/* named after "mostly in": the story's,
					   no count's [concentration] */
};

/* Token distance between [a0, a1) and [b0, b1). */
static inline size_t
tok_dist(size_t a0, size_t a1, size_t b0, size_t b1)
{
	if (b1 <= a0)
		return a0 - b1;
	if (a1 <= b0)
		return b0 - a1;
	return 0;
}

/* ---- reports ----------------------------------------------------------- */

/* What carries over from one sentence to the next [inheritance]. */
struct context {
	const struct gazetteer *g;
	const char	*text;
	const struct sentence *cur;	/* the sentence being read */
	struct extract_report *r;	/* collected reports */
	size_t		 nr, cap;
	/*
	 * The place the next sentence may continue [inheritance].  Rules
	 * read it with prev_region(C) and prev_mention(C), never these
	 * fields: the place the pending sentences leave (below) is looked
	 * up at the first read, so a sentence that reads none and names its
	 * own place spares the lookup (settle_due).
	 */
	const struct region *inh_region;
	char		 inh_mention[EXTRACT_MENTION_MAX];
	int		 settle_due;	/* settle_places() before a read */
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
	struct sentence	*ring;		/* sentence k as do_sentence
					   tokenized it, in ring[k % RING]
					   while k > index - RING */
	struct gaz_match cyr_m[8];	/* places lang_uk.c makes */
	/* the regions of the names looked up (story.c) */
	const struct region *story[32];
	int		 story_w[32];	/* their weights; 0: not weighed yet */
	unsigned char	 story_on[32];	/* named as the start of a longer
					   name ("Auckland Park") */
	size_t		 nstory;
};

/* extract.c: the sentences kept tokenized for settle_places() (one more
   is being read) */
#define RING	8

/* extract.c: extract_set_eager()'s setting.  Read every sentence in
   full, every token of it too: the speed-only gates ask this, so that
   the lazy test (test_extract.c) checks them as well.  Inline (speed
   only: it is asked of many tokens, some 60,000 calls a dense run). */
extern int	 extract_eager_on;
static inline int
extract_eager(void)
{
	return extract_eager_on;
}

/* extract.c: the place the story left [inheritance], settled on demand */
const struct region *prev_region(struct context *);
const char	*prev_mention(struct context *);

/* text.c: sentences and tokens */
void		 tokenize(struct sentence *);
/* Bytes of a possessive "'s" or "’s" (U+2019) at s[i], i < end; 0: none. */
size_t		 possessive_len(const char *s, size_t i, size_t end);
int		 blank_between(const char *, size_t, size_t);

/* lexicon.c: the word lists, interned */
void		 lex_init(void);
int		 lex_has(const char *, enum lex);
int		 lex_compass_may_be(const char *, size_t);
void		 tok_lex(struct tok *, size_t);
void		 lex_sentence(struct sentence *);
const char	*tok_unit(const struct tok *);

/* Is token k a counted noun of this unit ("people", "customers")? */
static inline int
unit_is(const struct sentence *S, size_t k, const char *unit)
{
	const char *u = k < S->n ? tok_unit(&S->t[k]) : NULL;

	return u != NULL && strcmp(u, unit) == 0;
}

/* Is token k an account noun ("customers", "subscribers"), which one
   unknown word before names a company's base ("Vodafone customers")? */
static inline int
account_noun(const struct sentence *S, size_t k)
{
	return unit_is(S, k, "customers") || unit_is(S, k, "subscribers");
}

/* "Leslie counties (390)", "and Bell counties": a plural kind that ends
   a list of names, at token k */
static inline int
list_kind_plural(const struct sentence *S, size_t k)
{
	return tw(S, k, "counties") || tw(S, k, "parishes") ||
	    tw(S, k, "districts") || tw(S, k, "regions") ||
	    tw(S, k, "provinces");
}

/* Is place p the X of a sentence that opens "In X," (the place holding
   the sentence's others: "In Kyiv, Darnytskyi and Obolonskyi districts",
   "In Chesterfield, 857 properties in Brimington")? */
static inline int
opening_in(const struct sentence *S, const struct place *p)
{
	return p->tok == 1 && tw(S, 0, "in") && tp(S, p->tok_end, ',');
}

/* utility.c: utility words */
int		 word_utility(const struct sentence *, size_t);
int		 main_utility(const struct sentence *);
int		 story_fallback(const struct sentence *, size_t);
int		 utilities_near(const struct sentence *, size_t, size_t, size_t);

/* cue_rules.c: the status cue rules */
void		 cue_words(uint64_t *);
int		 status_word(const struct sentence *, size_t, int,
		    unsigned char *, struct cue *, size_t *);

/* cues.c: clauses and status cues */
void		 mark_clauses(struct sentence *);
int		 clause_modal(const struct sentence *, int);
size_t		 find_cues(struct sentence *, struct cue *);
/* restore_checks.c: [result-participle] (its cue rules' checks:
   cue_checks.h) */
int		 result_participle(const struct sentence *, size_t);
/* outage_checks.c: [ongoing-until], a facility struck (its cue rules'
   checks: cue_checks.h) */
int		 ongoing_until(const struct sentence *, size_t);
int		 struck_object(const struct sentence *, size_t);

/* counts.c: count phrases */
size_t		 tok_at(const struct sentence *, size_t);
size_t		 find_quants(const struct sentence *, struct quant *);
/* count_shapes.c: [remaining-bare], [vague-subject], [units-out],
   [restored-out-of], [fell-from], [where-count], [not-out],
   [count-goes-on], [share], [breakdown-part], [count-utility] */
int		 remaining_bare(const struct sentence *, size_t, size_t,
		    int64_t);
int		 vague_subject(const struct sentence *, size_t, size_t);
int		 units_out(const struct sentence *, size_t, size_t);
int		 restored_out_of(const struct sentence *, size_t, size_t,
		    int64_t);
int		 who_lost(const struct sentence *, size_t);
int		 fell_from(const struct sentence *, size_t);
int		 number_after_from(const struct sentence *, size_t, int *);
int		 where_count(const struct sentence *, size_t, size_t);
int		 not_out_count(const struct sentence *, size_t, size_t);
size_t		 count_goes_on(struct context *, const struct sentence *);
int		 same_group_share(const struct sentence *, const struct quant *,
		    size_t, size_t);
int		 share_of_base(const struct sentence *, const struct cue *,
		    size_t, const struct quant *, const struct quant *, int);
size_t		 areas_share(const struct sentence *, size_t, int64_t);
int		 breakdown_part(const struct sentence *, size_t);
int		 count_utility(const struct sentence *, const struct quant *,
		    int);
int		 included_count(const struct sentence *, size_t);
int		 outages_before(const struct sentence *, size_t);

/* places.c: place names */
/* place_scan.c: is the gazetteer's match m a place? (place_shapes.c:
   is s[0..n) a compass word alone, "Northern"?) */
int		 place_ok(const char *, size_t, const struct gaz_match *);
int		 compass_word(const char *, size_t);
size_t		 scan_places(const struct gazetteer *, const char *, size_t,
		    struct gaz_match *, size_t);
size_t		 sentence_places(const struct sentence *, const struct gaz_match *,
		    size_t, struct gaz_match *, size_t, struct place *, size_t);
int		 nearest_place(const struct sentence *, const struct place *,
		    size_t, size_t, size_t, int, int);
int		 place_after_in(const struct sentence *, const struct place *,
		    size_t, size_t);
int		 coordinated(const struct sentence *, const struct place *,
		    const struct place *);
int		 names_before_part(const struct sentence *, size_t);
/* place_shapes.c */
int		 numbered_kind(const struct sentence *, size_t);
int		 numbered_next(const struct sentence *, size_t,
		    const struct gaz_match *, size_t, size_t);
int		 area_of(const struct sentence *, size_t);
int		 list_before(const struct sentence *, size_t);
int		 areas_noun(const struct sentence *, size_t);
size_t		 with_worst_phrase(const struct sentence *, size_t);
int		 mainly_opens(const struct sentence *, size_t);
int		 concentration_prep(const struct sentence *, size_t);
int		 reported_verb(const struct sentence *, size_t);
int		 parallel_count(const struct sentence *, size_t);
int		 line_ends(const struct sentence *, size_t);
int		 country_wide(const struct sentence *, size_t);
int		 share_in(const struct sentence *, size_t);
/* ... and [road-name], [part-of-the], [compass-pair], [bank-place],
   [opening-aside], [list-kind] */
int		 road_name(const struct sentence *, size_t);
int		 part_of(const struct sentence *, size_t);
int		 compass_pair(const struct sentence *, size_t);
size_t		 bank_place(const struct sentence *, struct gaz_match *);
size_t		 opening_aside(const struct sentence *);
/* The shape opening_aside() needs, which it tests first itself: one to
   three capital words, then punctuation.  Inline so that
   unknown_places() asks it without a call. */
static inline int
aside_may_open(const struct sentence *S)
{
	size_t j = name_words_end(S, 0);

	return j > 0 && j < S->n && S->t[j].punct;
}
int		 place_kind_word(const struct sentence *, size_t);
void		 compass_areas(const struct sentence *, const struct quant *,
		    struct extract_report *);
int		 state_county(const struct sentence *, const struct place *);
const struct region *listed_kind(struct context *, const struct place *,
		    char *, size_t);
/* list_shapes.c */
size_t		 area_list(const struct sentence *, const struct place *,
		    size_t, const struct quant *, unsigned char *);
size_t		 including_list(const struct sentence *, const struct place *,
		    size_t, const struct quant *, unsigned char *);
int		 reported_in(const struct sentence *, size_t, int *);
int		 still_waiting(const struct sentence *, size_t, int *);
size_t		 opening_list(const struct sentence *, size_t *);
int		 headline_list(const struct sentence *, size_t);
int		 acronym_company(const struct sentence *, size_t, size_t);
int		 name_at_figure(const struct sentence *, size_t);
int		 name_before_figure(const struct sentence *, size_t);
int		 figure_at(const struct sentence *, size_t);
int		 name_tail(const struct sentence *, size_t);
int		 weather_hit(const struct sentence *, size_t);
int		 storm_place(const struct sentence *, const struct place *,
		    size_t, const struct quant *);
/* ... and [other-peers], [list-prefix], [closed-list], [unknown-place],
   [opening-list], [reported-in] */
int		 other_kind_before(const struct sentence *, size_t);
int		 peer_gap(const struct sentence *, size_t, size_t);
int		 name_prefix(const struct sentence *, size_t, size_t);
int		 closed_list_from(const struct sentence *, size_t);
int		 kind_list_before(const struct sentence *, size_t);
int		 list_tail(const struct sentence *, size_t, size_t *);
size_t		 whole_verb_skip(const struct sentence *, size_t);
size_t		 whole_det(const struct sentence *, size_t);
int		 time_ends_sentence(const char *, size_t, size_t, size_t);
/* place_subject.c */
int		 org_at(const struct sentence *, size_t);
size_t		 main_start(const struct sentence *);
size_t		 opening_subject(const struct sentence *, size_t);
/*
 * The first tests of opening_subject(S, s), which it makes itself: a
 * capital word at s (s + 3 <= S->n) with no utility, no counted noun and
 * no list of the lexicon's.  Inline so that unknown_places() (places.c)
 * asks it without a call: most sentences open with a word the lexicon
 * knows ("The", "In").
 */
static inline int
subject_may_open(const struct sentence *S, size_t s)
{
	const struct tok *t = &S->t[s];
	size_t v;

	if (s + 3 > S->n || !t->cap || t->punct || t->util != 0 ||
	    t->unit != 0)
		return 0;
	for (v = 0; v < LX_WORDS; v++)
		if (t->lx[v] != 0)
			return 0;
	return 1;
}
int		 town_kind(const struct sentence *, size_t);

/* label_lines.c: a regional breakdown's label lines [label-line] */
int		 label_line_place(const struct sentence *, const struct place *,
		    size_t, size_t);
size_t		 label_line_names(const struct sentence *, const struct place *,
		    size_t, struct gaz_match *, size_t);
int		 label_of_other(const struct sentence *, const struct place *,
		    size_t);
int		 label_figure(const struct sentence *, size_t, size_t);
int		 label_item_count(const struct sentence *, size_t);
int		 label_list_after(const struct sentence *, size_t, int *);

/* possessive_places.c: [possessive-part], [possessor-place],
   [possessive-inner] */
void		 possessive_part(const struct context *, const struct place *,
		    char *, size_t);
int		 possessor_only(const struct context *, const struct place *,
		    size_t, const struct place *);
int		 possessive_held(const struct sentence *, size_t, size_t *,
		    size_t *);
void		 possessive_inner(struct context *, const struct sentence *,
		    size_t);
void		 held_place(struct context *, const struct place *);
int		 possessive_area(const struct sentence *, size_t);
int		 possessive_name(const struct sentence *, size_t);

/* demonyms.c: [demonym-country], [demonym-capital], peoples and regional
   adjectives */
int		 demonym_capital(const struct context *, const struct place *,
		    struct extract_report *);
const struct region *demonym_country(const struct gazetteer *, const char *);
const char	*demonym_noun(const char *);
const char	*demonym_adjective(const char *);
int		 place_adjective(const char *);

/* story.c: a report placed abroad of the story [story-country] */
size_t		 operator_len(const char *, size_t, size_t);
void		 story_note(struct context *, const struct sentence *,
		    const struct gaz_match *, size_t);
void		 story_places(struct context *);

/* reports.c: reports from cues and counts */
/* confidence.c: basis and confidence of the finished reports */
void		 conf_finish(struct extract_report *, size_t, const char *);
/* ... and where a report's words are in its sentence (memmem()) */
long		 mem_find(const char *, size_t, const char *, size_t);
int		 clause_utils(const struct sentence *, int);
void		 counted_reports(struct context *, struct sentence *,
		    struct cue *, size_t, struct quant *, size_t,
		    const struct place *, size_t);
void		 countless_reports(struct context *, struct sentence *,
		    struct cue *, size_t, const struct quant *, size_t,
		    const struct place *, size_t);
/* report_passes.c: passes over a sentence's new reports [including],
   [intro-list], [list-restored], [later-back], [bracket-status],
   [back-after] */
void		 including_places(struct context *, const struct sentence *,
		    size_t, const struct place *, size_t);
void		 intro_list_places(struct context *, const struct sentence *,
		    size_t, const struct place *, size_t);
void		 list_restored(struct context *, size_t, size_t);
void		 later_back(struct context *, const struct sentence *, size_t,
		    int);
void		 bracket_status(struct context *, const struct sentence *,
		    size_t);
void		 back_after(struct context *, const struct sentence *, size_t);
int		 names_place(const struct context *,
		    const struct extract_report *, const struct place *);
void		 list_share_report(struct context *, const struct sentence *,
		    const struct place *, size_t, size_t, size_t, int);
/* reports.c: [later-state] across sentences */
void		 whole_group_later(struct context *, const struct sentence *,
		    size_t);
/* report_fold.c: the reports of a text folded once all are made */
size_t		 fold_restated(struct extract_report *, size_t);
size_t		 fold_countless_near(struct extract_report *, size_t);
size_t		 fold_repeated(struct extract_report *, size_t, const char *);
size_t		 fold_peak_restored(struct extract_report *, size_t,
		    const char *);

/* A fold keeps r[i] as its o-th report: copied (some 470 bytes) only
   when an earlier one was dropped, not onto itself. */
static inline void
keep_report(struct extract_report *r, size_t *o, size_t i)
{
	if (*o != i)
		r[*o] = r[i];
	(*o)++;
}

/* count_places.c: which place a count or a cue takes [fronted-clause],
   [base-clause], [bracket-count], [elliptical-count], [specific-place],
   [inheritance], [speaker-office] */
int		 fronted_other(const struct sentence *, const struct cue *,
		    size_t, size_t, const struct place *);
int		 base_clause_place(const struct sentence *, const struct place *,
		    const struct quant *);
int		 bracket_place(const struct sentence *, const struct place *,
		    size_t, size_t);
int		 with_place(const struct sentence *, const struct place *, size_t,
		    size_t);
int		 ranking_before(const struct sentence *, size_t);
int		 inner_place(const struct sentence *, const struct place *,
		    size_t, int);
int		 one_place_story(const struct context *);
size_t		 office_places(struct context *, const struct sentence *,
		    struct place *, size_t);

/* report_places.c: the place a count's report gets */
size_t		 listed_with(const struct sentence *, const struct place *,
		    size_t, size_t, const unsigned char *, unsigned char *);
int		 count_place(const struct sentence *, const struct place *,
		    size_t, const struct quant *);
void		 count_place_report(struct context *, const struct sentence *,
		    const struct place *, size_t, const struct quant *, size_t,
		    size_t, int *, struct extract_report *);
int		 other_place(const struct sentence *, const struct place *,
		    size_t, int, size_t, const struct quant *);
/* ... and a report's place written: region and mention */
void		 set_place(struct extract_report *, const struct region *,
		    const char *);
void		 region_dropped(struct extract_report *);
void		 place_from(struct context *, const struct place *,
		    struct extract_report *);
void		 place_fallback(struct context *, const char *,
		    struct extract_report *);

/* lexicon_uk.c, lang_uk.c: Ukrainian and Russian */
size_t		 cyr_fold(const char *, size_t, char *, size_t);
void		 cyr_tok(struct sentence *, struct tok *, size_t, size_t);
void		 cyr_sentence(struct sentence *);
void		 cyr_regloss(struct tok *, const char *);	/* a new gloss */
void		 cyr_words2(struct sentence *);		/* lang_uk2.c */
void		 cyr_clauses2(struct sentence *);
int		 cyr_story_counts(const struct sentence *);
int		 cyr_dash_counted(const struct sentence *, size_t);
size_t		 cyr_district_of(const struct sentence *, const struct place *,
		    size_t, size_t);
size_t		 cyr_fold_groups(struct extract_report *, size_t,
		    const char *);
int		 cyr_abbrev(const char *, size_t);
size_t		 cyr_number(const char *, size_t, int64_t *, int *);
int		 cyr_scaled(const char *, size_t);
int		 cyr_dash_count(const struct sentence *, size_t, size_t);
int		 cyr_genitive_place(const struct sentence *, size_t);
size_t		 cyr_places(struct context *, const struct sentence *,
		    struct place *, size_t, size_t);
size_t		 cyr_fold_repeats(struct extract_report *, size_t, const char *);
int		 cyr_lowercase(const char *, size_t);

#endif /* EXTRACT_INT_H */
