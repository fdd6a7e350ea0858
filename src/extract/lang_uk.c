/* SPDX-License-Identifier: MIT */
/*
 * lang_uk.c - what Ukrainian and Russian need beyond the glosses of
 * lexicon_uk.c: count phrases ("понад 12 тис.", "2,5 тисячі", "1,2 млн",
 * "тисячі споживачів"), the abbreviations that do not end a sentence
 * ("тис.", "обл.", "м. Київ"), and the words around a cue that change it
 * ("не відновлено" is still out, "вдалося відновити" is back, "тривають
 * роботи з відновлення" is partial).  Language is told per sentence by
 * its letters (lexicon_uk.c); nothing here needs a setting.
 */
#include "extract_int.h"

/* Does w begin with the literal prefix p?  Its first letter (two bytes
   in Cyrillic) is compared before the call. */
#define PFX(w, p)	((w)[0] == (p)[0] && (w)[1] == (p)[1] && \
			    strncmp((w), (p), sizeof(p) - 1) == 0)
#define SEQ(w, p)	((w)[0] == (p)[0] && (w)[1] == (p)[1] && \
			    strcmp((w), (p)) == 0)

/* ---- words ------------------------------------------------------------- */

/* Is s[i] the first byte of a Cyrillic letter (U+0400..U+04FF)? */
static int
cyr_lead(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	return i + 1 < len && c >= 0xD0 && c <= 0xD3 &&
	    ((unsigned char)s[i + 1] & 0xC0) == 0x80;
}

/* The word at s[i..]: letters, digits and in-word apostrophes; its end. */
static size_t
word_end(const char *s, size_t len, size_t i)
{
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (cyr_lead(s, len, i))
			i += 2;
		else if (is_alnum_ascii(c) || (c == '\'' && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80))
			i++;
		else if (i + 2 < len && c == 0xE2 &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99 && i + 3 < len &&
		    cyr_lead(s, len, i + 3))
			i += 3;
		else if (i + 1 < len && c == 0xCA &&
		    (unsigned char)s[i + 1] == 0xBC)
			i += 2;
		else
			break;
	}
	return i;
}

/* Fold the word at s[i..e) into w; 1 when it equals one of list. */
static int
word_in(const char *s, size_t i, size_t e, const char *const *list,
    size_t n, char *w, size_t wl)
{
	size_t k;

	(void)cyr_fold(s + i, e - i, w, wl);
	for (k = 0; k < n; k++)
		if (WEQ(w, list[k]))
			return 1;
	return 0;
}

/* Spaces, a no-break space included. */
static size_t
skip_ws(const char *s, size_t len, size_t i)
{
	for (;;) {
		if (i < len && is_space((unsigned char)s[i]))
			i++;
		else if (i + 1 < len && (unsigned char)s[i] == 0xC2 &&
		    (unsigned char)s[i + 1] == 0xA0)
			i += 2;
		else
			return i;
	}
}

/* ---- abbreviations ----------------------------------------------------- */

/* Words that end with a full stop without ending the sentence. */
static const char *const cyr_abbrevs[] = {
	"тис", "тыс", "млн", "млрд", "обл", "р", "рр", "м", "с", "смт",
	"вул", "ул", "просп", "пров", "пл", "буд", "кв", "грн", "ім", "ін",
	"інш", "др", "пос", "пгт", "г", "гг", "д", "напр", "див", "зокр",
	"ст", "т", "ч", "тел", "млн.", "мін", "мин", "см", "с-ще", "хв",
	"год", "сек"
};

/* Does the full stop at text[dot] close a Cyrillic abbreviation? */
int
cyr_abbrev(const char *text, size_t dot)
{
	size_t b = dot, k;
	char w[32];

	while (b > 0 && ((unsigned char)text[b - 1] >= 0x80 ||
	    text[b - 1] == '-'))
		b--;
	if (b == dot || dot - b > 12 || !cyr_lead(text, dot, b))
		return 0;
	(void)cyr_fold(text + b, dot - b, w, sizeof(w));
	for (k = 0; k < NELEM(cyr_abbrevs); k++)
		if (WEQ(w, cyr_abbrevs[k]))
			return 1;
	return 0;
}

/* ---- numbers [hedge] [count] ------------------------------------------- */

static const char *const cyr_hedges[] = {
	"понад", "більше", "більш", "близько", "майже", "приблизно",
	"орієнтовно", "щонайменше", "около", "более", "больше", "свыше",
	"почти", "примерно", "порядка", "менше", "менее", "до"
};

/* "більше ніж", "более чем": the word after a comparative. */
static const char *const cyr_than[] = { "ніж", "як", "чем" };

static const struct {
	const char	*word;
	int64_t		 mult;
} cyr_scales[] = {
	{ "тис", 1000 }, { "тыс", 1000 }, { "тисяч", 1000 },
	{ "тисячі", 1000 }, { "тисячу", 1000 }, { "тисяча", 1000 },
	{ "тисячами", 1000 }, { "тисячам", 1000 }, { "тисячах", 1000 },
	{ "тысячам", 1000 }, { "тысячами", 1000 }, { "тысячах", 1000 },
	{ "мільйонам", 1000000 }, { "миллионам", 1000000 },
	{ "тысяч", 1000 }, { "тысячи", 1000 },
	{ "тысячу", 1000 }, { "тысяча", 1000 }, { "млн", 1000000 },
	{ "мільйон", 1000000 }, { "мільйона", 1000000 },
	{ "мільйони", 1000000 }, { "мільйонів", 1000000 },
	{ "миллион", 1000000 }, { "миллиона", 1000000 },
	{ "миллионов", 1000000 }, { "млрд", 1000000000 }
};

/* Number words before a scale ("двох тисяч", "три тысячи") [count]. */
static const struct {
	const char	*word;
	int64_t		 value;
} cyr_units[] = {
	{ "одна", 1 }, { "одну", 1 }, { "однієї", 1 }, { "одной", 1 },
	{ "дві", 2 }, { "два", 2 }, { "двох", 2 }, { "двом", 2 },
	{ "двух", 2 }, { "две", 2 }, { "двум", 2 },
	{ "три", 3 }, { "трьох", 3 }, { "трьом", 3 }, { "трех", 3 },
	{ "трем", 3 }, { "чотири", 4 }, { "чотирьох", 4 },
	{ "четыре", 4 }, { "четырех", 4 }, { "пять", 5 }, { "пяти", 5 },
	{ "пятьох", 5 }, { "шість", 6 }, { "шести", 6 }, { "шесть", 6 },
	{ "сім", 7 }, { "семи", 7 }, { "семь", 7 }, { "вісім", 8 },
	{ "восьми", 8 }, { "восемь", 8 }, { "девять", 9 }, { "девяти", 9 },
	{ "десять", 10 }, { "десяти", 10 }, { "півтора", 15 },
	{ "двадцять", 20 },
	{ "двадцяти", 20 }, { "двадцать", 20 }, { "двадцати", 20 },
	{ "тридцять", 30 }, { "тридцяти", 30 }, { "тридцать", 30 },
	{ "тридцати", 30 }, { "сорок", 40 }, { "сорока", 40 },
	{ "пятдесят", 50 }, { "пятдесяти", 50 }, { "пятьдесят", 50 },
	{ "пятидесяти", 50 }, { "сто", 100 }, { "півтори", 15 },
	{ "полтора", 15 }, { "полторы", 15 }, { "пів", 0 }, { "пол", 0 }
};

/* Scale words alone: a vague count ("тисячі споживачів") [vague-count]. */
static const char *const cyr_vague[] = {
	"тисячі", "тисяч", "сотні", "сотень", "десятки", "десятків",
	"кілька", "декілька", "тысячи", "тысяч", "сотни", "несколько",
	"мільйони", "миллионы", "чимало", "багато"
};

/* Does the letter at u (two bytes) begin a scale word?  Every one
   begins with "т" or "м", in either case. */
static int
cyr_scale_letter(const unsigned char *u)
{
	return (u[0] == 0xD1 && u[1] == 0x82) ||		/* т */
	    (u[0] == 0xD0 && (u[1] == 0xA2 ||		/* Т */
	    u[1] == 0xBC || u[1] == 0x9C));		/* м М */
}

/* A scale word at s[i..]: its multiplier and the bytes it takes. */
static size_t
cyr_scale(const char *s, size_t len, size_t i, int64_t *mult)
{
	const unsigned char *u = (const unsigned char *)s;
	char w[32];
	size_t e, k;

	/* no other word need be folded and sought */
	if (i >= len || !cyr_lead(s, len, i) || !cyr_scale_letter(u + i))
		return 0;
	e = word_end(s, len, i);
	if (e - i >= sizeof(w))
		return 0;
	(void)cyr_fold(s + i, e - i, w, sizeof(w));
	for (k = 0; k < NELEM(cyr_scales); k++)
		if (WEQ(w, cyr_scales[k].word)) {
			*mult = cyr_scales[k].mult;
			/* "тис.", "млн.": the abbreviation's stop */
			if (e < len && s[e] == '.' && (WEQ(w, "тис") ||
			    WEQ(w, "тыс") || WEQ(w, "млн") || WEQ(w, "млрд")))
				e++;
			return e - i;
		}
	return 0;
}

/*
 * Digits with space-grouped thousands ("53 098") and a decimal comma or
 * point of 1-2 digits when a scale follows ("2,5 тис."): *mant, *den.
 */
static size_t
cyr_digits(const char *s, size_t len, size_t i, int64_t *mant, int64_t *den)
{
	size_t j = i, g, k;
	int64_t m = 0, d = 1;
	int nd = 0;

	while (j < len && is_digit((unsigned char)s[j])) {
		if (++nd > 15)
			return 0;
		m = m * 10 + (s[j++] - '0');
	}
	/* groups of three after a space or a no-break space */
	for (;;) {
		g = j < len && s[j] == ' ' ? 1 : (j + 1 < len &&
		    (unsigned char)s[j] == 0xC2 &&
		    (unsigned char)s[j + 1] == 0xA0) ? 2 : 0;
		if (g == 0 || nd > 3 || j + g + 3 > len)
			break;
		for (k = j + g; k < j + g + 3; k++)
			if (!is_digit((unsigned char)s[k]))
				break;
		if (k < j + g + 3 || (k < len && is_digit((unsigned char)s[k])))
			break;
		for (k = j + g; k < j + g + 3; k++)
			m = m * 10 + (s[k] - '0');
		j += g + 3;
	}
	/* a decimal part: "2,5", "144,7", "1.2" */
	if (j + 1 < len && (s[j] == ',' || s[j] == '.') &&
	    is_digit((unsigned char)s[j + 1])) {
		for (k = j + 1; k < len && is_digit((unsigned char)s[k]) &&
		    k < j + 4; k++) {
			m = m * 10 + (s[k] - '0');
			d *= 10;
		}
		if (k < len && is_digit((unsigned char)s[k]))
			return 0;
		j = k;
	}
	*mant = m;
	*den = d;
	return j - i;
}

/*
 * Speed only (the same answer): could a scale word follow the digits at
 * s[i..]?  Every byte between them and a scale word is one cyr_digits(),
 * a range ("2-3", "2–3") or skip_ws() passes: digits, spaces (a no-break
 * one too), ',' '.' '-' and the bytes of "–", none a letter's; so a
 * scale word can only be at the first byte that is none of these, and
 * begins with т Т м М there.  Most numbers (every English one) have no
 * such letter there, and are not read as Cyrillic first.
 */
static int
scale_may_follow(const char *s, size_t len, size_t i)
{
	static const unsigned char pass[256] = {
		['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
		['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
		[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1,
		['\r'] = 1, [','] = 1, ['.'] = 1, ['-'] = 1,
		[0xC2] = 1, [0xA0] = 1,			/* no-break space */
		[0xE2] = 1, [0x80] = 1, [0x93] = 1	/* "–" */
	};

	while (i < len && pass[(unsigned char)s[i]])
		i++;
	return i + 1 < len && cyr_scale_letter((const unsigned char *)s + i);
}

/*
 * A Cyrillic count phrase at s: an optional hedge, then digits with a
 * scale word, a scale word alone ("тисячу", after a hedge "сотні"), or a
 * vague scale ("тисячі": *value -1).  Returns the bytes, or 0 when the
 * phrase is not Cyrillic (the English parser reads "12 000" and "40%").
 */
size_t
cyr_number(const char *s, size_t len, int64_t *value, int *approximate)
{
	char w[48];
	size_t i = 0, e, n, k;
	int64_t mant, den, mult = 1;
	int approx = 0;

	if (len == 0)
		return 0;
	if (cyr_lead(s, len, 0)) {
		e = word_end(s, len, 0);
		if (e < 64 && word_in(s, 0, e, cyr_hedges, NELEM(cyr_hedges),
		    w, sizeof(w))) {
			approx = 1;
			i = skip_ws(s, len, e);
			if (i < len && cyr_lead(s, len, i)) {
				e = word_end(s, len, i);
				if (e - i < 16 && word_in(s, i, e, cyr_than,
				    NELEM(cyr_than), w, sizeof(w)))
					i = skip_ws(s, len, e);
			}
		} else if (e < 64 && word_in(s, 0, e, cyr_vague,
		    NELEM(cyr_vague), w, sizeof(w))) {
			/* "тисячі", "сотні тисяч", "кілька тисяч" */
			i = skip_ws(s, len, e);
			if ((n = cyr_scale(s, len, i, &mult)) > 0)
				e = i + n;
			*value = -1;
			*approximate = 1;
			return e;
		}
	}
	if (i < len && is_digit((unsigned char)s[i])) {
		/* with no hedge, digits give a count here only with a
		   scale word after them (the range's or their own; the
		   eager mode reads them all the same) */
		if ((!approx && !scale_may_follow(s, len, i) &&
		    !extract_eager()) ||
		    (n = cyr_digits(s, len, i, &mant, &den)) == 0)
			return 0;
		/* "2-3 тисячі", "2–3 тыс.": a range, read as its top */
		e = i + n;
		if (e + 1 < len && (s[e] == '-' || (e + 3 < len &&
		    (unsigned char)s[e] == 0xE2 &&
		    (unsigned char)s[e + 1] == 0x80 &&
		    (unsigned char)s[e + 2] == 0x93))) {
			size_t d = s[e] == '-' ? e + 1 : e + 3, n2;
			int64_t m2, d2, mult2;

			if (d < len && is_digit((unsigned char)s[d]) &&
			    (n2 = cyr_digits(s, len, d, &m2, &d2)) > 0 &&
			    cyr_scale(s, len, skip_ws(s, len, d + n2),
			    &mult2) > 0) {
				mant = m2;
				den = d2;
				approx = 1;
				n = d + n2 - i;
			}
		}
		e = skip_ws(s, len, i + n);
		if ((n = cyr_scale(s, len, e, &mult)) == 0) {
			if (!approx || den != 1)
				return 0;	/* digits alone: English */
			/* "понад 5000": the digits as English reads them */
			if ((n = extract_number(s + i, len - i, value,
			    approximate)) == 0)
				return 0;
			*approximate = 1;
			return i + n;
		}
		i = e + n;
	} else if (i < len && cyr_lead(s, len, i)) {
		/* "близько сотні", "понад тисячу", "тисяча" */
		e = word_end(s, len, i);
		(void)cyr_fold(s + i, e - i < 40 ? e - i : 40, w, sizeof(w));
		mant = 1;
		den = 1;
		for (k = 0; k < NELEM(cyr_units); k++)
			if (strcmp(w, cyr_units[k].word) == 0)
				break;
		if (k < NELEM(cyr_units)) {
			/* "двох тисяч", "півтори тисячі" (15 tenths) */
			if ((n = cyr_scale(s, len, skip_ws(s, len, e),
			    &mult)) == 0)
				return 0;
			mant = cyr_units[k].value;
			if (mant == 15)
				den = 10;
			else if (mant == 0)	/* "пів мільйона" */
				mant = 1, den = 2;
			e = skip_ws(s, len, e) + n;
		} else if (strncmp(w, "сотн", 8) == 0 ||
		    strncmp(w, "сотен", 10) == 0)
			mult = 100;
		else if (strncmp(w, "півмільйон", 20) == 0 ||
		    strncmp(w, "полмиллион", 20) == 0)
			mult = 500000;
		else if ((n = cyr_scale(s, len, i, &mult)) > 0)
			e = i + n;
		else
			return 0;
		i = e;
	} else
		return 0;
	if (mant > INT64_MAX / mult / 2)
		return 0;
	*value = (mant * mult + den / 2) / den;
	*approximate = approx;
	return i;
}

/* Does the phrase of n bytes at s hold a Cyrillic scale ("12 тис.")? */
int
cyr_scaled(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0xD0 && (unsigned char)s[i] <= 0xD3)
			return 1;
	return 0;
}

/* ---- the words around a cue -------------------------------------------- */

static int
starts(const char *w, const char *prefix)
{
	return strncmp(w, prefix, strlen(prefix)) == 0;
}

/* Does the word end in -о ("знеструмлено"): a predicate, not an
   attribute? */
static int
participle_o(const struct sentence *S, const struct tok *t)
{
	const unsigned char *e = (const unsigned char *)S->text + t->start +
	    t->len;

	return t->len >= 2 && e[-2] == 0xD0 && e[-1] == 0xBE;
}

/* An outage noun within three words after i ("графіки ... відключень"). */
static int
near_outage_noun(const struct sentence *S, size_t i)
{
	size_t k;

	for (k = i + 1; k < S->n && k <= i + 3; k++)
		if (lx_in(S->t[k].lx, LX_OUTAGE_NOUN))
			return 1;
	return 0;
}

/* A utility word within three words of i (before find_cues sets util). */
static int
near_utility_word(const struct sentence *S, size_t i)
{
	size_t k;

	for (k = i > 3 ? i - 3 : 0; k < S->n && k <= i + 3; k++)
		if (k != i && lx_in(S->t[k].lx, LX_UTILITY_HEAD))
			return 1;
	return 0;
}

/* Is the token on no word list? */
static inline int
lx_none(const uint64_t *lx)
{
	size_t w;

	for (w = 0; w < LX_WORDS; w++)
		if (lx[w] != 0)
			return 0;
	return 1;
}

/* "є", "есть", "дали", "подали", "подано": there is, or given (back,
   by the words around it) */
static inline int
there_word(const char *w)
{
	return WEQ(w, "є") || WEQ(w, "есть") || WEQ(w, "дали") ||
	    WEQ(w, "подали") || WEQ(w, "подано");
}

/* Gloss token t anew, by the English word w of the lexicon. */
void
cyr_regloss(struct tok *t, const char *w)
{
	str_copy(t->w, w, sizeof(t->w));
	memset(t->lx, 0, sizeof(t->lx));
	t->unit = 0;
	tok_lex(t, strlen(t->w));
}

/* Make token t a status cue of list l. */
static void
make_cue(struct tok *t, enum lex l)
{
	lx_set(t->lx, l);
	lx_set(t->lx, LX_STATUS_HEAD);
}

/* The bit of mark c among those cyr_sentence() starts rules at. */
#define MARK(c)	((c) == '-' ? 1u : (c) == '(' ? 2u : (c) == ',' ? 4u : \
	(c) == '%' ? 8u : 0u)

/*
 * A sentence with Cyrillic words, tokenized: the cues that the words
 * next to them change.
 */
void
cyr_sentence(struct sentence *S)
{
	size_t i, k;
	int ongoing = 0;
	unsigned marks = 0;

	cyr_words2(S);
	/* Speed only (the same output): the marks among the tokens.  The
	   rules below drop tokens and make a comma ';' but make no mark, so
	   a rule that starts at a mark the sentence lacks is skipped. */
	for (i = 0; i < S->n; i++)
		if (S->t[i].punct)
			marks |= MARK(S->t[i].w[0]);
	/* "а ще 560 – у Ніжині", "и 300 – в Херсоне": the dash between a
	   count and the place it is in says nothing; drop it, so that
	   the count reads as "and 560 in Nizhyn" [elliptical-count] */
	for (i = 1; (marks & MARK('-')) && i + 1 < S->n; i++)
		if (tp(S, i, '-') && S->t[i + 1].cyr && tw(S, i + 1, "in") &&
		    (is_digit((unsigned char)S->t[i - 1].w[0]) ||
		    WEQ(S->t[i - 1].w, "thousands"))) {
			memmove(&S->t[i], &S->t[i + 1],
			    (S->n - i - 1) * sizeof(S->t[0]));
			S->n--;
		}
	/* "у Харківській, Запорізькій (для промислових споживачів) і
	   Кіровоградській (частково) областях": a short aside after a
	   name does not end its list; drop it */
	for (i = 1; (marks & MARK('(')) && i + 2 < S->n; i++) {
		size_t e;

		if (!tp(S, i, '(') || !S->t[i - 1].cyr || !S->t[i - 1].cap)
			continue;
		for (e = i + 1; e < S->n && e < i + 7 && !tp(S, e, ')') &&
		    !is_digit((unsigned char)S->t[e].w[0]); e++)
			;
		if (e >= S->n || !tp(S, e, ')'))
			continue;
		memmove(&S->t[i], &S->t[e + 1],
		    (S->n - e - 1) * sizeof(S->t[0]));
		S->n -= e + 1 - i;
		i--;
	}
	/* "в мікрорайоні Балабанівка", "у селі Кочеток", "в селище
	   Каменка": the name after the kind word is the place */
	for (i = 0; i + 1 < S->n; i++) {
		const char *w = S->t[i].w;	/* folded, when not glossed */

		if (!S->t[i].cyr || S->t[i].cap || !S->t[i + 1].cyr ||
		    !S->t[i + 1].cap)
			continue;
		if (PFX(w, "мікрорайон") || PFX(w, "микрорайон") ||
		    SEQ(w, "селі") || SEQ(w, "селище") || SEQ(w, "селищі") ||
		    SEQ(w, "селища") || SEQ(w, "поселке") ||
		    SEQ(w, "поселок") || SEQ(w, "селе") || SEQ(w, "село") ||
		    SEQ(w, "смт") || SEQ(w, "пгт"))
			cyr_regloss(&S->t[i], "in");
	}
	/* "у Києві та в окремих районах області", "в частині Сумської
	   області": the part named before the place is the place's, as
	   far as a report can say; drop it, so that the list goes on */
	for (i = 0; i + 2 < S->n; i++) {
		size_t e;

		if (!tw(S, i, "in") || !S->t[i].cyr)
			continue;
		for (e = i + 1; e < S->n && e < i + 4 && S->t[e].cyr &&
		    !S->t[e].cap && (WEQ(S->t[e].w, "окремих") ||
		    WEQ(S->t[e].w, "деяких") || WEQ(S->t[e].w, "частині") ||
		    WEQ(S->t[e].w, "отдельных") || WEQ(S->t[e].w, "части") ||
		    WEQ(S->t[e].w, "districts")); e++)
			;
		if (e == i + 1 || e >= S->n || !S->t[e].cyr ||
		    (!S->t[e].cap && !WEQ(S->t[e].w, "oblast")))
			continue;
		memmove(&S->t[i + 1], &S->t[e], (S->n - e) * sizeof(S->t[0]));
		S->n -= e - i - 1;
	}
	/* "понад 50 тисяч споживачів, у Києві – близько 20 тисяч", "30
	   тысяч без света, еще 10 тысячам свет вернули": the comma
	   opens a clause of its own, with its own place, count and
	   status [elliptical-count] */
	for (i = 1; (marks & MARK(',')) && i + 3 < S->n; i++) {
		if (!tp(S, i, ',') || !S->t[i + 1].cyr)
			continue;
		if (WEQ(S->t[i + 1].w, "still") &&
		    is_digit((unsigned char)S->t[i + 2].w[0])) {
			/* not "..., ще 800 – у Чугуєві" (the dash gone by
			   now), which has none: as "а ще 800" */
			if (tw(S, i + 3, "in") && i + 4 < S->n &&
			    S->t[i + 4].cap)
				cyr_regloss(&S->t[i + 1], "and");
			else
				S->t[i].w[0] = ';';
			continue;
		}
		/* "без тепла 300 домов, без воды – 50" */
		if (WEQ(S->t[i + 1].w, "without") &&
		    lx_in(S->t[i + 2].lx, LX_UTILITY_HEAD) &&
		    tp(S, i + 3, '-')) {
			S->t[i].w[0] = ';';
			continue;
		}
		if (!tw(S, i + 1, "in") || !S->t[i + 2].cyr ||
		    !S->t[i + 2].cap)
			continue;
		for (k = i + 3; k < S->n && k < i + 6 && S->t[k].cyr &&
		    !S->t[k].punct; k++)
			;
		if (k + 1 < S->n && tp(S, k, '-') &&
		    (is_digit((unsigned char)S->t[k + 1].w[0]) ||
		    lx_in(S->t[k + 1].lx, LX_NUMBER_START)))
			S->t[i].w[0] = ';';
	}
	/* "понад 30% мережі «Київстар» опинилося без живлення": a share
	   of a network's equipment on batteries, not of its users */
	for (i = 1; (marks & MARK('%')) && i + 1 < S->n; i++) {
		if (!tp(S, i, '%') || !S->t[i + 1].cyr ||
		    (!WEQ(S->t[i + 1].w, "network") &&
		    !WEQ(S->t[i + 1].w, "stations")))
			continue;
		for (k = i + 2; k < S->n && !tp(S, k, '.'); k++)
			if (WEQ(S->t[k].w, "without") ||
			    lx_in(S->t[k].lx, LX_LOST))
				cyr_regloss(&S->t[k], "infrastructure-loss");
	}
	/* "найбільше – у Донецькій області", "переважно у Харківській
	   та Сумській областях": where the story's figures concentrate,
	   as "mostly in" [concentration] (not "найскладніша ситуація у
	   X", where the worst of it is, with reports of its own) */
	for (i = 0; i < S->n; i++) {
		const char *w = S->t[i].w;	/* folded, when not glossed */

		if (!S->t[i].cyr)
			continue;
		if (!SEQ(w, "найбільше") && !SEQ(w, "more") &&
		    !PFX(w, "переважн") && !PFX(w, "преимуществ"))
			continue;
		/* "больше всего" */
		if (SEQ(w, "more") && (i + 1 >= S->n ||
		    !WEQ(S->t[i + 1].w, "всего")))
			continue;
		for (k = i + 1; k < S->n && k < i + 8; k++)
			if (tw(S, k, "in") && S->t[k].cyr)
				break;
		if (k >= S->n || k >= i + 8 || k + 1 >= S->n ||
		    !S->t[k + 1].cap)
			continue;
		S->t[k - 1].punct = 0;
		cyr_regloss(&S->t[k - 1], "mostly");
		break;
	}
	/* "63 тисячам родин, чиї домівки були без світла", "коли було
	   знеструмлено 38 населених пунктів", "Їх оселі були
	   знеструмлені": how the group got there, not what holds now
	   (as "whose homes had lost power") */
	for (i = 0; i < S->n; i++) {
		const char *w = S->t[i].w;	/* folded, when not glossed */
		int from = -1;

		if (!S->t[i].cyr || S->t[i].len > 12)
			continue;
		if ((SEQ(w, "чиї") || SEQ(w, "чьи") || SEQ(w, "коли") ||
		    SEQ(w, "когда")) && i > 0 && tp(S, i - 1, ','))
			from = (int)i + 1;
		else if (i == 0 && (SEQ(w, "їх") || SEQ(w, "їхні") ||
		    SEQ(w, "их")))
			from = 1;
		if (from < 0)
			continue;
		for (k = (size_t)from; k < S->n && !S->t[k].punct; k++)
			if (lx_in(S->t[k].lx, LX_LOST) ||
			    WEQ(S->t[k].w, "without"))
				memset(S->t[k].lx, 0, sizeof(S->t[k].lx));
	}
	/* "Відключення світла: у Києві сьогодні діятимуть графіки": a
	   label before a colon names the topic, not an outage */
	for (i = 1; i < S->n && i <= 3; i++)
		if (tp(S, i, ':')) {
			for (k = 0; k < i; k++)
				if (!S->t[k].cyr ||
				    !(lx_in(S->t[k].lx, LX_OUTAGE_NOUN) ||
				    lx_in(S->t[k].lx, LX_UTILITY_HEAD) ||
				    WEQ(S->t[k].w, "outages") ||
				    WEQ(S->t[k].w, "scheduled") ||
				    WEQ(S->t[k].w, "emergency") ||
				    WEQ(S->t[k].w, "hourly")))
					break;
			if (k == i && S->t[0].cap)
				for (k = 0; k < i; k++)
					memset(S->t[k].lx, 0,
					    sizeof(S->t[k].lx));
			break;
		}
	for (i = 0; i < S->n; i++) {
		struct tok *t = &S->t[i];

		if (!t->cyr)
			continue;
		/* a word the lexicon left unglossed (still Cyrillic) and
		   on no list, as most are, starts none of the rules below
		   but the "є"/"дали" one (speed only) */
		if ((unsigned char)t->w[0] >= 0x80 && lx_none(t->lx) &&
		    !there_word(t->w))
			continue;
		/* "12 тисяч людей залишаються без води, ремонтні роботи
		   триватимуть 4-5 діб": a clause joined by a comma alone
		   that says something future is a clause of its own */
		if (lx_in(t->lx, LX_MODAL) && i > 0) {
			for (k = i; k > 0 && !S->t[k - 1].punct; k--)
				;
			if (k > 1 && k < i && tp(S, k - 1, ',') &&
			    !lx_in(S->t[k].lx, LX_CLAUSE)) {
				lx_set(S->t[k].lx, LX_CLAUSE);
				str_copy(S->t[k].w, "while", sizeof(S->t[k].w));
			}
		}
		/* "не працюють мобільні телефони та частково домашній
		   інтернет": how much is out, not a partial supply */
		if (WEQ(t->w, "partially") && i >= 2)
			for (k = 0; k < i; k++)
				if (lx_in(S->t[k].lx, LX_OFFLINE))
					memset(t->lx, 0, sizeof(t->lx));
		/* "не відновлено": still out, as "yet restored" */
		if (WEQ(t->w, "not") && i + 1 < S->n) {
			struct tok *x = &S->t[i + 1];

			if (lx_in(x->lx, LX_RESTORED))
				lx_set(t->lx, LX_YET);
			/* "споживачі не знеструмлені": no outage */
			else if (lx_in(x->lx, LX_LOST) ||
			    lx_in(x->lx, LX_DISRUPTION))
				memset(x->lx, 0, sizeof(x->lx));
			/* "не працюють", "не работает": out of service */
			else if (x->cyr && WEQ(x->w, "working"))
				make_cue(x, LX_OFFLINE);
			/* "не мають світла": no supply */
			else if (lx_in(x->lx, LX_HAVE))
				make_cue(t, LX_NO);
		}
		/* "для 1,2 тис. родин, знеструмлених напередодні": a
		   participle after the counted noun says how the group got
		   there, not what holds now (as "who had lost power") */
		if (i >= 2 && tp(S, i - 1, ',') && S->t[i - 2].unit != 0 &&
		    (lx_in(t->lx, LX_LOST) || lx_in(t->lx, LX_RESTORED)) &&
		    !participle_o(S, t))
			memset(t->lx, 0, sizeof(t->lx));
		/* "частково зникло водопостачання", "частично отсутствует
		   связь": one partial supply, not a partial and an outage */
		if (WEQ(t->w, "partially"))
			for (k = i + 1; k < S->n && k <= i + 2; k++)
				if (S->t[k].cyr && (lx_in(S->t[k].lx, LX_LOST) ||
				    lx_in(S->t[k].lx, LX_OFFLINE) ||
				    /* "часткові перебої", "частково
				       залишилося без світла" */
				    WEQ(S->t[k].w, "interruptions") ||
				    (WEQ(S->t[k].w, "without") && k > i + 1)))
					memset(S->t[k].lx, 0,
					    sizeof(S->t[k].lx));
		/* "знову залишилися без опалення", "снова обесточены":
		   again out, not back */
		if (WEQ(t->w, "back") && i + 1 < S->n)
			for (k = i + 1; k < S->n && k <= i + 2; k++)
				if (WEQ(S->t[k].w, "remained") ||
				    WEQ(S->t[k].w, "remain") ||
				    WEQ(S->t[k].w, "without") ||
				    WEQ(S->t[k].w, "left") ||
				    lx_in(S->t[k].lx, LX_LOST)) {
					cyr_regloss(t, "again");
					break;
				}
		/* "знову зі світлом", "уже з теплом", "72 тисячі домівок
		   знову зі світлом": back */
		if (WEQ(t->w, "with") && i + 1 < S->n && i > 0 &&
		    lx_in(S->t[i + 1].lx, LX_UTILITY_HEAD) &&
		    (WEQ(S->t[i - 1].w, "back") ||
		    WEQ(S->t[i - 1].w, "already")))
			make_cue(t, LX_RESTORED);
		/* "знеструмлення не фіксувалися": the outage did not happen */
		if ((lx_in(t->lx, LX_LOST) || lx_in(t->lx, LX_OUTAGE_NOUN)) &&
		    i + 1 < S->n && WEQ(S->t[i + 1].w, "not"))
			memset(t->lx, 0, sizeof(t->lx));
		/* "у 7 областях": where, not how many were cut off */
		if ((WEQ(t->w, "oblasts") || WEQ(t->w, "regions")) && i >= 2 &&
		    is_digit((unsigned char)S->t[i - 1].w[0]) &&
		    (WEQ(S->t[i - 2].w, "in") || WEQ(S->t[i - 2].w, "still") ||
		    WEQ(S->t[i - 2].w, "and"))) {
			t->unit = 0;
			/* and the number is no count ("9 областях
			   відключення" is not "9 outages") */
			str_copy(S->t[i - 1].w, "#", sizeof(S->t[i - 1].w));
			memset(S->t[i - 1].lx, 0, sizeof(S->t[i - 1].lx));
		}
		/* "котельні знеструмлені": infrastructure, not users [G4];
		   not "пошкодження лінії знеструмлені 14 населених
		   пунктів", where a count follows */
		if ((lx_in(t->lx, LX_LOST) || (t->cyr &&
		    WEQ(t->w, "de-energized"))) && !participle_o(S, t) &&
		    !(i + 1 < S->n && (is_digit((unsigned char)S->t[i + 1].w[0]) ||
		    lx_in(S->t[i + 1].lx, LX_NUMBER_START))) && ((i > 0 &&
		    lx_in(S->t[i - 1].lx, LX_EXCLUDED)) || (i + 1 < S->n &&
		    lx_in(S->t[i + 1].lx, LX_EXCLUDED)) ||
		    /* "знеструмлення базових станцій" */
		    (i + 2 < S->n && S->t[i + 1].cyr && !S->t[i + 1].cap &&
		    S->t[i + 1].w[0] != '\0' &&
		    (unsigned char)S->t[i + 1].w[0] >= 0xD0 &&
		    lx_in(S->t[i + 2].lx, LX_EXCLUDED))))
			cyr_regloss(t, "infrastructure-loss");
		/* "приватних будинків": homes, not buildings [count] */
		if (WEQ(t->w, "buildings") && i > 0 && S->t[i - 1].cyr &&
		    starts(S->t[i - 1].w, "приватн")) {
			str_copy(t->w, "houses", sizeof(t->w));
			tok_lex(t, strlen(t->w));
		}
		/* "воду подають за графіком": rationed, with no outage noun */
		if (WEQ(t->w, "scheduled") && !near_outage_noun(S, i) &&
		    near_utility_word(S, i)) {
			t->lx[LX_PARTIAL / 64] &= ~(UINT64_C(1) << (LX_PARTIAL % 64));
			make_cue(t, LX_RATIONED);
		}
		/* "12 тисяч родин, а ще 560 – у Ніжині", "и еще 300": an
		   elliptical count after "and" [elliptical-count] */
		if (WEQ(t->w, "still") && i > 0 && i + 1 < S->n &&
		    WEQ(S->t[i - 1].w, "and") &&
		    is_digit((unsigned char)S->t[i + 1].w[0])) {
			str_copy(t->w, "and", sizeof(t->w));
			tok_lex(t, 3);
		}
		/* "у селах Кочеток, Бірки та Печеніги", "села Каменка и
		   Луговое": the names after the kind word are the places,
		   as after "the villages of" */
		if (i + 1 < S->n && S->t[i + 1].cyr && S->t[i + 1].cap &&
		    (WEQ(t->w, "villages") || WEQ(t->w, "settlements") ||
		    WEQ(t->w, "communities")) &&
		    (i == 0 || !is_digit((unsigned char)S->t[i - 1].w[0]))) {
			str_copy(t->w, "in", sizeof(t->w));
			tok_lex(t, 2);
		}
		/* "води немає", "воды нет": a negation right after the
		   utility it denies (not "проблем з водою немає") */
		if (WEQ(t->w, "no") && i > 0 && S->t[i - 1].cyr &&
		    (i + 1 >= S->n || !lx_in(S->t[i + 1].lx,
		    LX_UTILITY_HEAD)) &&
		    (WEQ(S->t[i - 1].w, "electricity") ||
		    WEQ(S->t[i - 1].w, "water") || WEQ(S->t[i - 1].w, "gas") ||
		    WEQ(S->t[i - 1].w, "heat") ||
		    WEQ(S->t[i - 1].w, "heating")) &&
		    (i < 2 || (!WEQ(S->t[i - 2].w, "with") &&
		    !WEQ(S->t[i - 2].w, "supply") && !S->t[i - 2].unit)))
			cyr_regloss(t, "offline");
		/* "знеструмлених споживачів немає", "обесточенных
		   потребителей нет": none is out, all are back */
		if (WEQ(t->w, "no") && i > 0 && (i + 1 >= S->n ||
		    S->t[i + 1].punct)) {
			for (k = i; word_back(k, i, 7) &&
			    !S->t[k - 1].punct; k--)
				if (lx_in(S->t[k - 1].lx, LX_LOST))
					break;
			if (word_back(k, i, 7) && lx_in(S->t[k - 1].lx,
			    LX_LOST)) {
				memset(S->t[k - 1].lx, 0,
				    sizeof(S->t[k - 1].lx));
				cyr_regloss(t, "restored");
			}
		}
		/* "Мелитополь, Энергодар и несколько других населенных
		   пунктов", "кілька сіл": places, not a count of users */
		if (WEQ(t->w, "several") && t->cyr)
			for (k = i + 1; k < S->n && k <= i + 3; k++)
				if (WEQ(S->t[k].w, "settlements") ||
				    WEQ(S->t[k].w, "villages") ||
				    WEQ(S->t[k].w, "communities") ||
				    WEQ(S->t[k].w, "streets")) {
					cyr_regloss(t, "few-of");
					break;
				}
		/* "аварийное отключение электричества": one emergency
		   cut (neuter singular), an outage, not emergency
		   schedules */
		if (WEQ(t->w, "emergency") && t->cyr && i + 1 < S->n &&
		    (S->t[i + 1].w[0] == 'o' || S->t[i + 1].cyr)) {
			char w[24];

			(void)cyr_fold(S->text + t->start,
			    t->len < 20 ? t->len : 20, w, sizeof(w));
			if (strcmp(w, "аварийное") == 0 ||
			    strcmp(w, "аварійне") == 0)
				cyr_regloss(t, "sudden");
		}
		/* "розпочали подачу теплоносія до 600 будинків": as
		   "began restoring heat" */
		if (WEQ(t->w, "supply") && i > 0 && t->cyr &&
		    WEQ(S->t[i - 1].w, "started"))
			cyr_regloss(t, "restoring");
		/* "восстановлено частично": as "partially restored" */
		if (lx_in(t->lx, LX_RESTORED) && t->cyr && i + 1 < S->n &&
		    WEQ(S->t[i + 1].w, "partially")) {
			cyr_regloss(t, "partially");
			cyr_regloss(&S->t[i + 1], "restored");
		}
		/* "світло вже є", "уже є газ", "свет дали", "подали
		   свет": back */
		if (there_word(t->w) && i > 0 &&
		    ((lx_in(S->t[i - 1].lx, LX_UTILITY_HEAD) &&
		    S->t[i - 1].cyr) || (i + 1 < S->n && S->t[i + 1].cyr &&
		    lx_in(S->t[i + 1].lx, LX_UTILITY_HEAD)) ||
		    (i >= 2 && WEQ(S->t[i - 1].w, "already") &&
		    lx_in(S->t[i - 2].lx, LX_UTILITY_HEAD))) &&
		    (WEQ(t->w, "дали") || WEQ(t->w, "подали") ||
		    WEQ(t->w, "подано") || WEQ(S->t[i - 1].w, "already") ||
		    WEQ(S->t[i - 1].w, "back") ||
		    (i >= 2 && (WEQ(S->t[i - 2].w, "already") ||
		    WEQ(S->t[i - 2].w, "back")))))
			cyr_regloss(t, "restored");
		/* "тривають роботи", "продовжуються": work goes on */
		if (WEQ(t->w, "ongoing"))
			ongoing = 1;
		/* "тривають роботи з відновлення опалення": partial */
		if (ongoing && WEQ(t->w, "reconnection"))
			make_cue(t, LX_RATIONED);
		/* "вдалося відновити", "змогли повернути": back */
		if (WEQ(t->w, "restore"))
			for (k = i; word_back(k, i, 4); k--)
				if (WEQ(S->t[k - 1].w, "managed")) {
					make_cue(t, LX_RESTORED);
					break;
				}
	}
	cyr_clauses2(S);
}

/* Does the sentence of report r hold a Cyrillic letter? */
static int
cyr_report(const struct extract_report *r, const char *text)
{
	size_t i;

	for (i = r->sentence_start; i + 1 < r->sentence_start + r->sentence_len;
	    i++)
		if (cyr_lead(text, r->sentence_start + r->sentence_len, i))
			return 1;
	return 0;
}

/*
 * "Понад 5 тис. абонентів … знеструмлені", then "понад 5000 абонентів
 * без світла": a quote that repeats a count for the same place and
 * status is one report, the first (the Ukrainian corpus's convention).
 * Only reports of Cyrillic sentences are folded.
 */
size_t
cyr_fold_repeats(struct extract_report *r, size_t n, const char *text)
{
	size_t i, j, o = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < o; j++)
			if (r[i].affected > 0 && r[j].affected == r[i].affected &&
			    r[j].utility == r[i].utility &&
			    r[j].status == r[i].status &&
			    r[j].region == r[i].region &&
			    r[j].sentence_start != r[i].sentence_start &&
			    (r[i].region != NULL ||
			    strcmp(r[i].mention, r[j].mention) == 0) &&
			    cyr_report(&r[i], text))
				break;
		if (j == o)
			keep_report(r, &o, i);
	}
	return cyr_fold_groups(r, o, text);
}

/* Does the name of n bytes at s hold a lowercase Cyrillic letter? */
int
cyr_lowercase(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if ((u[i] == 0xD0 && u[i + 1] >= 0xB0 && u[i + 1] <= 0xBF) ||
		    (u[i] == 0xD1 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F))
			return 1;
	return 0;
}

/*
 * "У Харкові без світла 1700 абонентів, у Чугуєві – понад 900", "У
 * Луганській – 90,5 тисячі, Харківській – 61 тисяча": a count right
 * after a place's name and a dash, with a count before it in the
 * sentence and nothing after it in its clause, is an elliptical count
 * of that place [elliptical-count].  i is the count's first token, j the
 * token after it.
 */
int
cyr_dash_count(const struct sentence *S, size_t i, size_t j)
{
	size_t k;

	/* "Ще 14 тисяч — на Волині" (lang_uk2.c) */
	if (tw(S, j, "mostly") && cyr_story_counts(S))
		return 1;
	/* "900 будинків, із них 613 – у Києві": a share of them */
	if (i >= 2 && S->t[i - 1].cyr && (WEQ(S->t[i - 1].w, "них") ||
	    WEQ(S->t[i - 1].w, "which")) &&
	    (tw(S, i - 2, "with") || tw(S, i - 2, "из") ||
	    tw(S, i - 2, "from")))
		return 1;
	/* "46 будинків залишилися без тепла, а ще 56 – через аварії": a
	   count after "а ще" and before a dash shares the status before */
	if (i >= 1 && tw(S, i - 1, "and") && S->t[i - 1].cyr &&
	    j < S->n && tp(S, j, '-')) {
		for (k = 0; k + 1 < i; k++)
			if (is_digit((unsigned char)S->t[k].w[0]))
				return 1;
		return 0;
	}
	/* "30 тысяч без света; еще 10 тысячам свет вернули": a count
	   after "ще", "еще", before the utility or the status */
	if (i >= 1 && (tw(S, i - 1, "still") || tw(S, i - 1, "and")) &&
	    S->t[i - 1].cyr && j < S->n && S->t[j].cyr &&
	    (lx_in(S->t[j].lx, LX_UTILITY_HEAD) ||
	    lx_in(S->t[j].lx, LX_STATUS_HEAD) || WEQ(S->t[j].w, "remain") ||
	    WEQ(S->t[j].w, "remained"))) {
		for (k = 0; k + 1 < i; k++)
			if (is_digit((unsigned char)S->t[k].w[0]))
				return 1;
		return 0;
	}
	/* "понад сотня абонентів у Сумах, понад 260 – в Охтирці" (the
	   dash dropped): a count after a comma, before "in" and a name */
	if (i >= 2 && tp(S, i - 1, ',') && j + 1 < S->n && tw(S, j, "in") &&
	    S->t[j].cyr && S->t[j + 1].cyr && S->t[j + 1].cap) {
		for (k = 0; k + 1 < i; k++)
			if (is_digit((unsigned char)S->t[k].w[0]) ||
			    WEQ(S->t[k].w, "hundreds") ||
			    WEQ(S->t[k].w, "thousands"))
				return 1;
		return 0;
	}
	if (i < 2 || !tp(S, i - 1, '-') || !S->t[i - 2].cyr ||
	    (!S->t[i - 2].cap && !WEQ(S->t[i - 2].w, "oblast") &&
	    !WEQ(S->t[i - 2].w, "district") &&
	    !lx_in(S->t[i - 2].lx, LX_UTILITY_HEAD)))
		return 0;
	if (j < S->n && !tp(S, j, ',') && !tp(S, j, '.') &&
	    !tp(S, j, ';') && !tw(S, j, "and"))
		return 0;
	for (k = 0; k + 2 < i; k++)
		if (is_digit((unsigned char)S->t[k].w[0]))
			return 1;
	return 0;
}

/*
 * "мешканці Троєщини", "жителі Оріхова", "абоненти Ізюма": a Cyrillic
 * noun of people followed by a capitalised name in the genitive names
 * where they live, as "residents of" does [place].
 */
int
cyr_genitive_place(const struct sentence *S, size_t i)
{
	const char *u;

	if (i + 1 >= S->n || !S->t[i].cyr || !S->t[i + 1].cyr ||
	    !S->t[i + 1].cap || (u = tok_unit(&S->t[i])) == NULL)
		return 0;
	return strcmp(u, "people") == 0 || strcmp(u, "subscribers") == 0 ||
	    strcmp(u, "consumers") == 0 || strcmp(u, "households") == 0;
}
