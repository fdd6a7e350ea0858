/* SPDX-License-Identifier: MIT */
/*
 * lang_uk2.c - more words around Ukrainian and Russian cues (lang_uk.c is
 * near its size limit): having a supply ("80% споживачів мають світло",
 * "досі не мають світла"), problems with a supply ("проблеми з
 * водопостачанням"), cancelled schedules ("графіки відключень
 * скасовані"), an outage that did not happen ("обійшлося без
 * знеструмлень"), and a count that carries on the story of the sentence
 * before ("Найбільше — на Сумщині, близько 37 тисяч", "На Волині — ще
 * 14 тисяч") [elliptical-count].  And cyr_fold(), the folding of a
 * Cyrillic word that every reader of one shares (lexicon_uk.c is at its
 * size limit too).
 */
#include "util.h"

#include "extract_int.h"

/*
 * The two bytes cyr_fold() writes for a lead byte 0xD0-0xD2 and the low
 * six bits of the byte after it, [(lead - 0xD0) * 64 + bits]: the code
 * point ((lead & 0x1F) << 6) | bits, А-Я +0x20, Ѐ-Џ (Ё Є І Ї) +0x50,
 * Ґ ґ, then ё е, encoded: a table, not branches, for every letter of
 * a Cyrillic word passes here.
 */
static const uint16_t cyr_lower[3 * 64] = {
	0xD190, 0xD0B5, 0xD192, 0xD193, 0xD194, 0xD195, 0xD196, 0xD197,
	0xD198, 0xD199, 0xD19A, 0xD19B, 0xD19C, 0xD19D, 0xD19E, 0xD19F,
	0xD0B0, 0xD0B1, 0xD0B2, 0xD0B3, 0xD0B4, 0xD0B5, 0xD0B6, 0xD0B7,
	0xD0B8, 0xD0B9, 0xD0BA, 0xD0BB, 0xD0BC, 0xD0BD, 0xD0BE, 0xD0BF,
	0xD180, 0xD181, 0xD182, 0xD183, 0xD184, 0xD185, 0xD186, 0xD187,
	0xD188, 0xD189, 0xD18A, 0xD18B, 0xD18C, 0xD18D, 0xD18E, 0xD18F,
	0xD0B0, 0xD0B1, 0xD0B2, 0xD0B3, 0xD0B4, 0xD0B5, 0xD0B6, 0xD0B7,
	0xD0B8, 0xD0B9, 0xD0BA, 0xD0BB, 0xD0BC, 0xD0BD, 0xD0BE, 0xD0BF,
	0xD180, 0xD181, 0xD182, 0xD183, 0xD184, 0xD185, 0xD186, 0xD187,
	0xD188, 0xD189, 0xD18A, 0xD18B, 0xD18C, 0xD18D, 0xD18E, 0xD18F,
	0xD190, 0xD0B5, 0xD192, 0xD193, 0xD194, 0xD195, 0xD196, 0xD197,
	0xD198, 0xD199, 0xD19A, 0xD19B, 0xD19C, 0xD19D, 0xD19E, 0xD19F,
	0xD1A0, 0xD1A1, 0xD1A2, 0xD1A3, 0xD1A4, 0xD1A5, 0xD1A6, 0xD1A7,
	0xD1A8, 0xD1A9, 0xD1AA, 0xD1AB, 0xD1AC, 0xD1AD, 0xD1AE, 0xD1AF,
	0xD1B0, 0xD1B1, 0xD1B2, 0xD1B3, 0xD1B4, 0xD1B5, 0xD1B6, 0xD1B7,
	0xD1B8, 0xD1B9, 0xD1BA, 0xD1BB, 0xD1BC, 0xD1BD, 0xD1BE, 0xD1BF,
	0xD280, 0xD281, 0xD282, 0xD283, 0xD284, 0xD285, 0xD286, 0xD287,
	0xD288, 0xD289, 0xD28A, 0xD28B, 0xD28C, 0xD28D, 0xD28E, 0xD28F,
	0xD291, 0xD291, 0xD292, 0xD293, 0xD294, 0xD295, 0xD296, 0xD297,
	0xD298, 0xD299, 0xD29A, 0xD29B, 0xD29C, 0xD29D, 0xD29E, 0xD29F,
	0xD2A0, 0xD2A1, 0xD2A2, 0xD2A3, 0xD2A4, 0xD2A5, 0xD2A6, 0xD2A7,
	0xD2A8, 0xD2A9, 0xD2AA, 0xD2AB, 0xD2AC, 0xD2AD, 0xD2AE, 0xD2AF,
	0xD2B0, 0xD2B1, 0xD2B2, 0xD2B3, 0xD2B4, 0xD2B5, 0xD2B6, 0xD2B7,
	0xD2B8, 0xD2B9, 0xD2BA, 0xD2BB, 0xD2BC, 0xD2BD, 0xD2BE, 0xD2BF,
};

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/*
 * Are the 8 bytes at p four letters that cyr_lower[] leaves as they are:
 * lead 0xD0 and a second byte 0xB0-0xBF (а-п), or lead 0xD1 and a second
 * byte 0x80-0xBF but 0x91 (ё)?  Four 16-bit lanes, the lead byte low.
 */
static inline int
plain4(const unsigned char *p)
{
	const uint64_t l1 = UINT64_C(0x0001000100010001);
	uint64_t x, e;

	memcpy(&x, p, 8);
	/* leads 0xD0 or 0xD1 (bit 0: which), second bytes 0x80-0xBF */
	if ((x & UINT64_C(0xC0FEC0FEC0FEC0FE)) != UINT64_C(0x80D080D080D080D0))
		return 0;
	/* after 0xD0 a second byte with bits 0x30 (lane bits 12, 13) */
	if (((x | (x >> 12 & x >> 13)) & l1) != l1)
		return 0;
	/* no lane 0xD1 0x91: no zero lane in e */
	e = x ^ UINT64_C(0x91D191D191D191D1);
	return ((e - l1) & ~e & UINT64_C(0x8000800080008000)) == 0;
}
#else
#define plain4(p)	0
#endif

/* The letter at p (lead 0xD0-0xD2) folded into q[0..1]. */
static inline void
fold_letter(const unsigned char *p, char *q)
{
	unsigned f = cyr_lower[(p[0] - 0xD0) * 64 + (p[1] & 0x3Fu)];

	q[0] = (char)(f >> 8);
	q[1] = (char)(f & 0xFF);
}

/*
 * Fold the word at s (n bytes) into out: Cyrillic and ASCII lowercase,
 * ё as е, apostrophes (' ’ ʼ) dropped.  Returns the bytes written.
 * (Not region_fold(), the gazetteer's: it keeps ё apart from е, as the
 * packs spell names, and folds a whole phrase with its separators; the
 * lexicon's stems are written with е, one word at a time.)  Every
 * Cyrillic word passes here (cyr_tok(), lexicon_uk.c).
 */
size_t
cyr_fold(const char *s, size_t n, char *out, size_t cap)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0;

	while (i < n && o + 2 < cap) {
		unsigned char c = u[i];

		if (c < 0x80) {
			if (c != '\'' && c != '`')
				out[o++] = (char)lower(c);
			i++;
			continue;
		}
		if (i + 1 < n && c - 0xD0u <= 2) {
			/* this letter and the run of such letters after it
			   (most of a word is one run).  Speed only (the same
			   bytes): a letter moves i and o by 2 both, so the
			   loop's tests i + 1 < n and o + 2 < cap are one
			   bound, end, set once a run */
			size_t lim = cap - 2 + (i - o);
			const unsigned char *p = u + i, *end;
			char *q = out + o;

			end = u + (lim < n - 1 ? lim : n - 1);
			/* Speed only (the same bytes): four letters that
			   fold to themselves, all within end, are copied at
			   once (most of a word); once fewer than four are
			   left, the letters one by one (a byte that is no
			   lead stops both loops) */
			while (end - p > 6) {
				if (plain4(p)) {
					memcpy(q, p, 8);
					p += 8;
					q += 8;
					continue;
				}
				if (*p - 0xD0u > 2)
					break;
				fold_letter(p, q);
				p += 2;
				q += 2;
			}
			while (p < end && *p - 0xD0u <= 2) {
				fold_letter(p, q);
				p += 2;
				q += 2;
			}
			i = (size_t)(p - u);
			o = (size_t)(q - out);
			continue;
		}
		/* U+2019 ’ and U+02BC ʼ inside a word */
		if (i + 2 < n && c == 0xE2 && u[i + 1] == 0x80 &&
		    u[i + 2] == 0x99) {
			i += 3;
			continue;
		}
		if (i + 1 < n && c == 0xCA && u[i + 1] == 0xBC) {
			i += 2;
			continue;
		}
		out[o++] = (char)c;
		i++;
	}
	out[o] = '\0';
	return o;
}

/* The folded text of token t (lowercase, apostrophes dropped). */
static const char *
src_word(const struct sentence *S, const struct tok *t, char *w, size_t wl)
{
	(void)cyr_fold(S->text + t->start, t->len < wl - 4 ? t->len : wl - 4,
	    w, wl);
	return w;
}

/*
 * Does w equal (word_eq(), WEQ()'s answer) or begin with (word_starts(),
 * strncmp()'s) the list's word p?  Speed only: the first two letters
 * (four bytes in Cyrillic) are compared before the call, as a list's
 * words often share their first letter with many words of a text.
 */
static inline int
word_eq(const char *w, const char *p)
{
	if (w[0] != p[0] || w[1] != p[1])
		return 0;
	if (p[1] == '\0')
		return 1;
	if (w[2] != p[2])
		return 0;
	if (p[2] == '\0')
		return 1;
	return w[3] == p[3] && (p[3] == '\0' || strcmp(w + 4, p + 4) == 0);
}

static inline int
word_starts(const char *w, const char *p)
{
	if (w[0] != p[0] || w[1] != p[1])
		return 0;
	if (p[1] == '\0' || p[2] == '\0')
		return 1;
	if (w[2] != p[2])
		return 0;
	if (p[3] == '\0')
		return 1;
	return w[3] == p[3] && strncmp(w + 4, p + 4, strlen(p + 4)) == 0;
}

/* Is w one of list?  Every Cyrillic word of a text passes here. */
static int
one_of(const char *w, const char *const *list)
{
	for (; *list != NULL; list++)
		if (word_eq(w, *list))
			return 1;
	return 0;
}

static int
prefix_of(const char *w, const char *const *list)
{
	for (; *list != NULL; list++)
		if (word_starts(w, *list))
			return 1;
	return 0;
}

/* Does the folded word w start with the letter l (its two bytes)? */
#define LETTER(w, l)	((w)[0] == (l)[0] && (w)[1] == (l)[1])

/*
 * Speed only (the same output): does the folded Cyrillic word w start
 * with one of the letters the word lists of cyr_words2() start with (б
 * и м п ч)?  Most words do not, and go no further.  Each list is read
 * only for a word of its own first letters too; the eager mode (tests)
 * turns these gates off, so that the lazy test checks the letters.
 */
static inline int
first_letter(const char *w)
{
	const unsigned char *u = (const unsigned char *)w;

	if (u[0] == 0xD0)
		return u[1] == 0xB1 || u[1] == 0xB8 || u[1] == 0xBC ||
		    u[1] == 0xBF;
	return u[0] == 0xD1 && u[1] == 0x87;
}

/* Is the Russian "дома"/"домов" at i a count of homes: a sentence that
   names no utility but power? */
static int
ru_houses(const struct sentence *S, size_t i)
{
	char fw[16];
	size_t k;

	if (S->t[i].len < 6 || strncmp(src_word(S, &S->t[i], fw, sizeof(fw)),
	    "дом", strlen("дом")) != 0)
		return 0;
	for (k = 0; k < S->n; k++)
		if (word_utility(S, k) & ~U(UTIL_POWER))
			return 0;
	return 1;
}

/* "тиск низький", "тиск поки низький", "тиск у мережі слабкий": the
   pressure word up to three lowercase words before the "low" at i, no
   utility within three words of its clause and no pressure after.  The
   words are glossed again as "low pressure [still]". */
static int
pressure_low(struct sentence *S, size_t i)
{
	size_t p, k;

	/* up to three words between: "поки", "у мережі", "в системе" */
	for (p = i; word_back(p, i, 4); p--) {
		const struct tok *b = &S->t[p - 1];

		if (lx_in(b->lx, LX_PRESSURE))
			break;
		if (b->punct || !b->cyr || b->cap ||
		    lx_in(b->lx, LX_STATUS_HEAD) ||
		    lx_in(b->lx, LX_UTILITY_HEAD) ||
		    lx_in(b->lx, LX_NUMBER_START) ||
		    is_digit((unsigned char)b->w[0]))
			return 0;
	}
	if (!word_back(p, i, 4))
		return 0;
	p--;
	if (!S->t[p].cyr || (i + 1 < S->n && lx_in(S->t[i + 1].lx,
	    LX_PRESSURE)))
		return 0;
	for (k = p; word_back(k, p, 3) && !S->t[k - 1].punct; k--)
		if (lx_in(S->t[k - 1].lx, LX_UTILITY_HEAD))
			return 0;
	for (k = i + 1; k < S->n && k <= i + 3 && !S->t[k].punct; k++)
		if (lx_in(S->t[k].lx, LX_UTILITY_HEAD))
			return 0;
	/* "відновлено, тиск поки низький": a clause of its own */
	if (p > 0 && tp(S, p - 1, ','))
		S->t[p - 1].w[0] = ';';
	cyr_regloss(&S->t[p], "low");
	cyr_regloss(&S->t[p + 1], "pressure");
	for (k = p + 2; k <= i; k++)
		cyr_regloss(&S->t[k], "still");
	return 1;
}

/* A utility word at i, or at i + 1 after "вже", "знову", "уже". */
static int
utility_at(const struct sentence *S, size_t i)
{
	if (i < S->n && S->t[i].cyr && lx_in(S->t[i].lx, LX_UTILITY_HEAD))
		return 1;
	return i + 1 < S->n && (tw(S, i, "already") || tw(S, i, "back")) &&
	    S->t[i + 1].cyr && lx_in(S->t[i + 1].lx, LX_UTILITY_HEAD);
}

static const char *const have_forms[] = {
	"має", "мають", "мав", "мала", "мали", "имеет", "имеют", "имел",
	"имела", "имели", NULL
};
static const char *const problem_forms[] = {
	"проблеми", "проблема", "проблем", "проблемы", "проблемами",
	"проблемах", NULL
};
static const char *const cancel_stems[] = {
	"скасова", "скасову", "скасув", "отмен", NULL
};
static const char *const spared_forms[] = {
	"обійшлося", "обійшлось", "обошлось", "обошлось", "обійшлися",
	"обошлись", NULL
};

static const struct {
	const char *const *forms;
	const char *gloss;
} share_words[] = {
	{ (const char *const[]){ "половину", "половина", "половини",
	    "половині", "половины", "половине", NULL }, "half" },
	{ (const char *const[]){ "частину", "частина", "частини",
	    "часть", "части", NULL }, "part" },
	{ (const char *const[]){ "більшість", "більшості", "большинство",
	    "большинству", "большинства", NULL }, "most" },
};
static const char *const from_forms[] = { "з", "із", "зі", "из", NULL };

/*
 * Before lang_uk.c's rules: words that become cues, so that its rules
 * around "не" read them.
 */
void
cyr_words2(struct sentence *S)
{
	char fw[48];
	const char *w;
	size_t i;
	int all = extract_eager();	/* the speed-only gates off */

	for (i = 0; i < S->n; i++) {
		struct tok *t = &S->t[i];

		if (!t->cyr || t->len > 24)
			continue;
		/* Russian "домов" counted for power (a DTEK total, "вернули
		   свет 70 тысячам домов") are homes; for heat or water
		   ("домов без отопления") the buildings stay [count] */
		if (tw(S, i, "buildings") &&
		    ru_houses(S, i)) {
			cyr_regloss(t, "houses");
			continue;
		}
		/* "тиск поки низький", "давление слабое" with no utility
		   near: read in the gloss's order, "low pressure", whose
		   utility is water unless one is named [status-words] */
		if (lx_in(t->lx, LX_LOW) && i > 0 && pressure_low(S, i))
			continue;
		/* folded when not glossed; "має", "мають" are glossed
		   "should" */
		if (tw(S, i, "should"))
			w = src_word(S, t, fw, sizeof(fw));
		else if (!all && !first_letter(t->w))
			continue;
		else
			w = t->w;
		/* "мають світло", "не мають світла", "світло мають":
		   having the supply, as "have power" (each form starts
		   with м or и) */
		if ((all || LETTER(w, "м") || LETTER(w, "и")) &&
		    one_of(w, have_forms) && (utility_at(S, i + 1) ||
		    (i > 0 && (utility_at(S, i - 1) || (i > 1 &&
		    utility_at(S, i - 2) && (tw(S, i - 1, "already") ||
		    tw(S, i - 1, "back")))) &&
		    (i + 1 >= S->n || S->t[i + 1].punct ||
		    tok_unit(&S->t[i + 1]) != NULL ||
		    is_digit((unsigned char)S->t[i + 1].w[0]))))) {
			cyr_regloss(t, "have");
			if (i == 0 || !tw(S, i - 1, "not")) {
				lx_set(t->lx, LX_RESTORED);
				lx_set(t->lx, LX_STATUS_HEAD);
			}
			continue;
		}
		/* "половину з них", "большинству из них": a share of
		   the group counted before, as "half of them" [share] */
		if (i + 2 < S->n && S->t[i + 2].cyr && S->t[i + 1].cyr &&
		    tw(S, i + 2, "них") &&
		    (tw(S, i + 1, "with") || tw(S, i + 1, "from") ||
		    one_of(S->t[i + 1].w, from_forms))) {
			size_t k;

			for (k = 0; k < NELEM(share_words); k++)
				if (one_of(w, share_words[k].forms))
					break;
			if (k < NELEM(share_words)) {
				cyr_regloss(t, share_words[k].gloss);
				cyr_regloss(&S->t[i + 1], "of");
				cyr_regloss(&S->t[i + 2], "them");
				i += 2;
				continue;
			}
		}
		/* "проблеми з водопостачанням", "проблемы с водой": as
		   "interruptions of water" */
		if (i + 2 < S->n && tw(S, i + 1, "with") && S->t[i + 2].cyr &&
		    lx_in(S->t[i + 2].lx, LX_UTILITY_HEAD) &&
		    one_of(w, problem_forms))
			cyr_regloss(t, "interruptions");
	}
}

/* "(около 500 абонентов)" at j: a bracket with a count of users. */
static int
paren_users(const struct sentence *S, size_t j)
{
	size_t m;
	const char *u;
	int digit = 0;

	if (!tp(S, j, '('))
		return 0;
	for (m = j + 1; m < S->n && m <= j + 6 && !tp(S, m, ')'); m++) {
		if ((u = tok_unit(&S->t[m])) != NULL && *u != '\0')
			return digit;
		digit |= is_digit((unsigned char)S->t[m].w[0]);
	}
	return 0;
}

/* A count of residents ("3 мільйони мешканців", "жителей") from j on. */
static int
residents_after(const struct sentence *S, size_t j)
{
	static const char *const stems[] = { "мешкан", "жител", "населен",
	    NULL };
	char fw[24];
	size_t m;

	for (m = j; m < S->n && m <= j + 4 && !S->t[m].punct; m++)
		if (S->t[m].cyr && prefix_of(src_word(S, &S->t[m], fw,
		    sizeof(fw)), stems))
			return 1;
	return 0;
}

/* Does the sentence hold a status word? */
static int
any_status(const struct sentence *S)
{
	size_t i;

	for (i = 0; i < S->n; i++)
		if (lx_in(S->t[i].lx, LX_STATUS_HEAD))
			return 1;
	return 0;
}

/* Is token i a count's first token (a digit)? */
static int
number_at(const struct sentence *S, size_t i)
{
	return i < S->n && !S->t[i].punct &&
	    (is_digit((unsigned char)S->t[i].w[0]) ||
	    lx_in(S->t[i].lx, LX_NUMBER_START));
}

/*
 * After lang_uk.c's rules: what cancels or denies the cues it left, and
 * the counts with no status word of their own.
 */
void
cyr_clauses2(struct sentence *S)
{
	const char *w;
	size_t i, k;
	int all = extract_eager();	/* the speed-only gates off */
	int dash = 0, low = 0, part = 0;

	for (i = 0; i < S->n; i++) {
		struct tok *t = &S->t[i];

		/* Speed only (the same output): whether the sentence holds
		   what the three rules after this loop start at (a dash, a
		   word of LX_LOW, "partially"); this loop and the "low"
		   rule only clear lists and the dash rule only drops
		   tokens, so a start absent here is absent there */
		dash |= t->punct && t->w[0] == '-';
		low |= lx_in(t->lx, LX_LOW);
		part |= t->w[0] == 'p';
		/* folded, when not glossed; speed only (the same output):
		   the words of the two lists below start with с or о */
		if (!t->cyr || t->cap || t->len > 30 || (!all &&
		    !LETTER(t->w, "с") && !LETTER(t->w, "о")))
			continue;
		w = t->w;
		/* "графіки відключень скасовані", "отменили графики": no
		   rationing, no outage; a "без світла" beside stays */
		if (prefix_of(w, cancel_stems)) {
			for (k = 0; k < S->n; k++)
				if (S->t[k].cyr && (lx_in(S->t[k].lx,
				    LX_OUTAGE_NOUN) || lx_in(S->t[k].lx,
				    LX_PARTIAL) || lx_in(S->t[k].lx,
				    LX_RATIONED)))
					memset(S->t[k].lx, 0,
					    sizeof(S->t[k].lx));
			continue;
		}
		/* "обійшлося без знеструмлень": none happened (each form
		   starts with о) */
		if ((all || LETTER(w, "о")) && one_of(w, spared_forms) &&
		    i + 1 < S->n && tw(S, i + 1, "without"))
			for (k = i + 1; k < S->n && k <= i + 3 &&
			    !S->t[k].punct; k++)
				memset(S->t[k].lx, 0, sizeof(S->t[k].lx));
	}
	/* "електропостачання відновили для 85% споживачів,
	   теплопостачання — для 60%": the dash says nothing, and the
	   share is of the utility before "для" */
	for (i = 1; (dash || all) && i + 1 < S->n; i++)
		if (tp(S, i, '-') && S->t[i - 1].cyr &&
		    lx_in(S->t[i - 1].lx, LX_UTILITY_HEAD) &&
		    tw(S, i + 1, "for") && S->t[i + 1].cyr) {
			memmove(&S->t[i], &S->t[i + 1],
			    (S->n - i - 1) * sizeof(S->t[0]));
			S->n--;
		}
	/* "подачу води відновлено, тиск поки низький", "водоснабжение
	   восстановили, но давление пока слабое": with no count before
	   it, the low pressure is the later state of the same supply
	   (G3), and the restoration gives no report of its own */
	for (i = 1; (low || all) && i + 1 < S->n; i++) {
		size_t r = S->n;

		if (!lx_in(S->t[i].lx, LX_LOW) || !S->t[i].cyr ||
		    !lx_in(S->t[i + 1].lx, LX_PRESSURE))
			continue;
		for (k = 0; k < i; k++) {
			if (is_digit((unsigned char)S->t[k].w[0]) ||
			    lx_in(S->t[k].lx, LX_NUMBER_START) ||
			    (word_utility(S, k) & U(UTIL_POWER)))
				break;
			if (k + 8 > i && S->t[k].cyr &&
			    lx_in(S->t[k].lx, LX_RESTORED) &&
			    !lx_in(S->t[k].lx, LX_UTILITY_HEAD))
				r = k;
		}
		if (k == i && r < S->n)
			memset(S->t[r].lx, 0, sizeof(S->t[r].lx));
		break;
	}
	/* "600 будинків без тепла, ще 200 – частково", "еще 7 –
	   частично": the elliptical count is partly supplied */
	for (i = 2; (part || all) && i < S->n; i++) {
		if (!S->t[i].cyr || !tw(S, i, "partially") ||
		    (i + 1 < S->n && !S->t[i + 1].punct))
			continue;
		k = i - tp(S, i - 1, '-');
		if (k < 2 || !(is_digit((unsigned char)S->t[k - 1].w[0]) ||
		    tw(S, k - 1, "thousands")))
			continue;
		if (k < i) {
			memmove(&S->t[k], &S->t[i], (S->n - i) *
			    sizeof(S->t[0]));
			S->n--;
			i = k;
		}
		/* "в 3 населенных пункта, еще 7 – частично (около 500
		   абонентов)": the 7 (settlements, as the parallel
		   phrase) are the group the bracket counts in users; the
		   users' count is kept (G1) */
		if (is_digit((unsigned char)S->t[i - 1].w[0]) &&
		    paren_users(S, i + 1)) {
			memmove(&S->t[i - 1], &S->t[i], (S->n - i) *
			    sizeof(S->t[0]));
			S->n--;
			i--;
		}
		memset(S->t[i].lx, 0, sizeof(S->t[i].lx));
		lx_set(S->t[i].lx, LX_RATIONED);
		lx_set(S->t[i].lx, LX_STATUS_HEAD);
	}
	if (any_status(S) || S->n < 4)
		return;
	/*
	 * No status word: "Найбільше — на Сумщині, близько 37 тисяч",
	 * "На Харківщині — близько 40 тисяч", "ще 14 тисяч — на Волині"
	 * tell where the story's last figure is, in its status: as
	 * "mostly in" [concentration], a count beside a place.
	 */
	for (i = 0; i + 2 < S->n; i++) {
		int dash_after, dash_before, scaled, residents;

		if (!tw(S, i, "in") || !S->t[i].cyr || !S->t[i + 1].cap ||
		    !S->t[i + 1].cyr)
			continue;
		/* the place's own words: "Дніпропетровській області",
		   "Нікопольському районі" */
		for (k = i + 2; k < S->n && k < i + 4 && S->t[k].cyr &&
		    (S->t[k].cap || tw(S, k, "oblast") ||
		    tw(S, k, "district") || tw(S, k, "communities")); k++)
			;
		/* the place, then "—" or "," and a count */
		dash_after = k + 1 < S->n && (tp(S, k, '-') || tp(S, k, ',')) &&
		    (number_at(S, k + 1) || ((tw(S, k + 1, "still") ||
		    tw(S, k + 1, "and") || tw(S, k + 1, "about")) &&
		    number_at(S, k + 2)));
		residents = dash_after && residents_after(S, k + 1);
		/* a count, then "—" and the place */
		dash_before = i >= 2 && tp(S, i - 1, '-') &&
		    number_at(S, i - 2 - (i >= 3 && !S->t[i - 2].punct &&
		    !number_at(S, i - 2)));
		/* "ще 14 тисяч на Волині": "ще", a number, its scale */
		for (k = i; word_back(k, i, 4) && !S->t[k - 1].punct &&
		    (is_digit((unsigned char)S->t[k - 1].w[0]) ||
		    tw(S, k - 1, "thousands") || tw(S, k - 1, "millions"));
		    k--)
			;
		scaled = k < i && k > 0 &&
		    is_digit((unsigned char)S->t[k].w[0]) &&
		    (tw(S, k - 1, "still") || tw(S, k - 1, "and"));
		if (!dash_after && !dash_before && !scaled)
			continue;
		/* "У Києві — 3 мільйони мешканців": with no status word, a
		   place's residents are its population (G4), and so are
		   the sentence's other figures */
		if (residents)
			return;
		if (dash_after && i > 0 && !S->t[i - 1].punct &&
		    !number_at(S, i - 1) && S->t[i - 1].unit == 0) {
			/* "Найбільше — на", "А на": a word before "in" */
			cyr_regloss(&S->t[i - 1], "mostly");
			return;
		}
		if (i > 0 && tp(S, i - 1, '-')) {
			S->t[i - 1].punct = 0;
			cyr_regloss(&S->t[i - 1], "mostly");
			return;
		}
		/* "на" itself, as "mostly" before the name (cue_rules.c's
		   in_next) */
		cyr_regloss(&S->t[i], "mostly");
		return;
	}
}

/*
 * "Найбільше — на Сумщині, близько 37 тисяч": a Cyrillic sentence with a
 * count whose only status word is the story's ("mostly"): its places
 * are the count's, not the story's list [concentration].
 */
int
cyr_story_counts(const struct sentence *S)
{
	size_t i;
	int story = 0, count = 0;

	if (S->lang == 0)
		return 0;
	for (i = 0; i < S->n; i++) {
		if (lx_in(S->t[i].lx, LX_STATUS_HEAD)) {
			if (!lx_in(S->t[i].lx, LX_CONCENTRATED))
				return 0;
			story = 1;
		}
		count |= is_digit((unsigned char)S->t[i].w[0]);
	}
	return story && count;
}

/*
 * "Больше всего восстановлений было в Днепропетровской области — почти
 * 70 тысяч домов, в Киеве — 48,5 тысячи семей": a place named after
 * "mostly in" and followed by a dash and a count is that count's place,
 * not only the story's [concentration].  end is the token after the
 * place.
 */
int
cyr_dash_counted(const struct sentence *S, size_t end)
{
	if (S->lang == 0 || !tp(S, end, '-'))
		return 0;
	return number_at(S, end + 1) || (end + 2 < S->n &&
	    S->t[end + 1].cyr && !S->t[end + 1].punct &&
	    number_at(S, end + 2));
}

/*
 * "В Одессе возобновлено водоснабжение в Пересыпском районе", "У Києві
 * відсутнє водопостачання в Деснянському районі": place d is a district
 * the gazetteer does not know ("в Y районі", at most one region's
 * name in it); the known place named before it in its clause, with no
 * list word, comma or count between, only says which city or oblast it
 * is in.  That place's index, or np (not "у Києві та Броварському
 * районі").
 */
size_t
cyr_district_of(const struct sentence *S, const struct place *p, size_t np,
    size_t d)
{
	size_t k, b = np, t;
	char w[16];

	/* "в Одессе ... в Пересыпском районе", "У Харкові знеструмлені
	   споживачі Салтівського району" */
	if (S->lang == 0 || p[d].tok < 1 || (!tw(S, p[d].tok - 1, "in") &&
	    (!S->t[p[d].tok - 1].cyr || tok_unit(&S->t[p[d].tok - 1]) == NULL ||
	    *tok_unit(&S->t[p[d].tok - 1]) == '\0')) ||
	    (p[d].tok_end != p[d].tok + 1 && p[d].tok_end != p[d].tok + 2) ||
	    p[d].tok + 1 >= S->n ||
	    (p[d].m->region != NULL && p[d].m->region->depth > 1) ||
	    !S->t[p[d].tok + 1].cyr ||
	    strncmp(src_word(S, &S->t[p[d].tok + 1], w, sizeof(w)),
	    "район", strlen("район")) != 0)
		return np;
	for (k = 0; k < np; k++)
		if (k != d && p[k].m->region != NULL &&
		    p[k].tok_end < p[d].tok && p[k].clause == p[d].clause &&
		    (b == np || p[k].tok > p[b].tok))
			b = k;
	if (b == np)
		return np;
	for (t = p[b].tok_end; t + 1 < p[d].tok; t++)
		if (S->t[t].punct || tw(S, t, "and") ||
		    is_digit((unsigned char)S->t[t].w[0]))
			return np;
	return b;
}

/* ---- passage folds ----------------------------------------------------- */

static const char *const group_nums[] = {
	"двох", "двух", "трьох", "трех", "чотирьох", "четырех", "пяти",
	"шести", "кількох", "нескольких", "багатьох", "многих", NULL
};
static const char *const group_nouns[] = {
	"област", "громад", "населен", "район", "сел", "сіл", NULL
};

/*
 * Does the n bytes at s name a group of places by its number: "у трьох
 * областях", "трьох громад", "118 населених пунктів"?  Words are split
 * at ASCII bytes that are not letters or digits.
 */
static int
names_group(const char *s, size_t n, int digits)
{
	char w[48];
	size_t i = 0, a;
	int num = 0;

	/* every word of the lists is Cyrillic: most English text stops */
	if (memchr(s, 0xD0, n) == NULL)
		return 0;
	while (i < n) {
		while (i < n && (unsigned char)s[i] < 0x80 &&
		    !is_digit((unsigned char)s[i]) &&
		    !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
			i++;
		for (a = i; i < n && ((unsigned char)s[i] >= 0x80 ||
		    is_digit((unsigned char)s[i]) || s[i] == '\'' ||
		    ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')); i++)
			;
		if (i == a)
			continue;
		if (i - a >= 40) {
			num = 0;
			continue;
		}
		(void)cyr_fold(s + a, i - a, w, sizeof(w));
		if (num && prefix_of(w, group_nouns))
			return 1;
		num = one_of(w, group_nums) ||
		    (digits && is_digit((unsigned char)w[0]));
	}
	return 0;
}

/*
 * Across the sentences of a Cyrillic passage [fold]:
 * - "повернути світло жителям 118 населених пунктів. Електрика знову
 *   доступна у домівках понад 221 тисячі родин": a count of settlements
 *   with no place, beside a count of users of the same supply and state
 *   in another sentence, is the same group counted twice; the users'
 *   count is kept (G1);
 * - "Споживачі трьох громад залишилися без газу", then "відновили
 *   газопостачання для 1,4 тисячі родин" in the region: a count-less
 *   claim with no place about a group of places is the group a later
 *   counted report of the same supply tells of (G2, or G3 in its later
 *   state).
 */
size_t
cyr_fold_groups(struct extract_report *r, size_t n, const char *text)
{
	size_t i, j, o = 0;

	for (i = 0; i < n; i++) {
		int settle = r[i].region == NULL && r[i].affected > 0 &&
		    r[i].unit[0] == '\0' && names_group(r[i].count_text,
		    strlen(r[i].count_text), 1);
		int group = r[i].region == NULL && r[i].mention[0] == '\0' &&
		    r[i].affected < 0 && r[i].percent <= 0 &&
		    names_group(text + r[i].sentence_start,
		    r[i].sentence_len, 0);

		for (j = 0; (settle || group) && j < n; j++) {
			if (j == i || r[j].utility != r[i].utility ||
			    r[j].sentence_start == r[i].sentence_start ||
			    r[j].affected <= 0)
				continue;
			if (settle && r[j].unit[0] != '\0' &&
			    r[j].status == r[i].status)
				break;
			if (group && j > i && r[j].region != NULL)
				break;
		}
		if ((!settle && !group) || j == n)
			keep_report(r, &o, i);
	}
	return o;
}
