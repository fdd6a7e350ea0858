/* SPDX-License-Identifier: MIT */
/*
 * place_scan.c - which of the gazetteer's matches in a text are places
 * (scan_places()): not a name inside an organisation's, a speaker's office,
 * a date or a quotation, and possessives kept where the name needs them.
 */
#include <stdlib.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "extract_int.h"


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

/* Does a capital letter start at s[i] (ASCII or UTF-8)?  An ASCII byte
   is read here (utf8_is_capital()'s own answer for it, without a call) */
static int
capital_at(const char *s, size_t len, size_t i)
{
	if (i < len && (unsigned char)s[i] < 0x80)
		return is_upper((unsigned char)s[i]);
	return i < len && utf8_is_capital(s + i, len - i);
}

/*
 * The lists holding the folded word w of n bytes (w's buffer holds
 * WORD_MAX bytes, n < WORD_MAX), looked up once into lx (LX_WORDS words):
 * the rules here ask several lists of one word, and each lex_has() is a
 * strlen(), a padded copy and a hash lookup of its own.  Speed only (the
 * same answers): lx_in(lx, l) equals lex_has(w, l) for every list but
 * the four that tok_lex()'s prefixes add ("de-energi...", "lack...":
 * LX_POWER_WORD, LX_UTILITY_HEAD, LX_WITHOUT, LX_STATUS_HEAD), which no
 * caller here asks; an empty word is in no list.
 */
static void
word_lists(const char w[WORD_MAX], size_t n, uint64_t *lx)
{
	struct tok t;

	memset(&t, 0, sizeof(t));
	if (n > 0 && n < WORD_MAX) {
		memcpy(t.w, w, WORD_MAX);	/* tok_lex() cuts it at n */
		tok_lex(&t, n);
	}
	memcpy(lx, t.lx, sizeof(t.lx));
}

/*
 * "Entergy Louisiana", "Duke Energy Florida": a capitalised word before
 * the name in mid-sentence makes it part of a company's name [place].  Not
 * compass or area words ("Southern", "Greater"), function words, months
 * or kinds, nor hyphenated adjectives ("Russian-occupied").  1: it does;
 * 2: only if a possessive (or a speaking verb) follows the name; 0: no.
 */
static int
org_before(const char *s, size_t start)
{
	size_t i = start, a, k;
	char w[WORD_MAX];
	uint64_t lx[LX_WORDS];
	int need;

	if (i < 2 || s[i - 1] != ' ')
		return 0;
	a = --i;
	while (a > 0 && is_alpha((unsigned char)s[a - 1]))
		a--;
	if (a == i || !is_upper((unsigned char)s[a]) || i - a >= WORD_MAX ||
	    (a > 0 && a < 2) ||
	    (a > 0 && s[a - 1] != ' ' && s[a - 1] != '\n'))
		return 0;
	/* mid-sentence: a word, number or comma comes before it; at the
	   start a possessive says it is a name ("Entergy Louisiana's") */
	for (k = a; k > 0 && is_space((unsigned char)s[k - 1]); k--)
		;
	need = a == 0 || k == 0 || (!is_alnum((unsigned char)s[k - 1]) &&
	    s[k - 1] != ',');
	for (k = a; k < i; k++)
		w[k - a] = (char)lower((unsigned char)s[k]);
	w[i - a] = '\0';
	word_lists(w, i - a, lx);
	if (lx_in(lx, LX_STOP) || lx_in(lx, LX_NOT_PLACE) ||
	    lx_in(lx, LX_COMPASS) || lx_in(lx, LX_KIND) ||
	    lx_in(lx, LX_CLAUSE) || strcmp(w, "greater") == 0 ||
	    strcmp(w, "metro") == 0 || strcmp(w, "upstate") == 0 ||
	    strcmp(w, "downtown") == 0 || strcmp(w, "coastal") == 0 ||
	    strcmp(w, "rural") == 0 || strcmp(w, "saint") == 0 ||
	    /* "in Co Cork": Ireland's "County" */
	    strcmp(w, "co") == 0)
		return 0;
	return need ? 2 : 1;
}

/* "Poltava Regional Military Administration": after the place, w (the
   word ending at i) opens the name of its administration, which speaks
   for the place ([speaker-office] in count_places.c may drop it) */
static int
office_of(const char *s, size_t len, size_t i, const char *w)
{
	char n[WORD_MAX];
	size_t j;

	if (strcmp(w, "regional") != 0 && strcmp(w, "oblast") != 0 &&
	    strcmp(w, "city") != 0)
		return 0;
	j = word_after(s, len, i, n, sizeof(n));
	if (j > i && (strcmp(n, "military") == 0 || strcmp(n, "state") == 0))
		j = word_after(s, len, j, n, sizeof(n));
	return j > i && strcmp(n, "administration") == 0;
}

/* ", X said." with X at start and the verb ending at i: an attribution
   closing its sentence. */
static int
speaker_tail(const char *s, size_t len, size_t start, size_t i)
{
	size_t k = start;

	while (k > 0 && s[k - 1] == ' ')
		k--;
	if (k == 0 || s[k - 1] != ',')
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	return i == len || s[i] == '.' || s[i] == '\n';
}

/* A date at s[i..]: a month's name or abbreviation, then a day. */
static int
dated(const char *s, size_t len, size_t i)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	char w[WORD_MAX];
	size_t k, e = word_after(s, len, i, w, sizeof(w));

	if (strlen(w) < 3)
		return 0;
	for (k = 0; k < 36; k += 3)
		if (strncmp(w, months + k, 3) == 0)
			break;
	if (k == 36)
		return 0;
	if (e < len && s[e] == '.')
		e++;
	e = skip_space(s, len, e);
	return e < len && is_digit((unsigned char)s[e]);
}

/*
 * [generic-name] "Gulf Coast", "Phenix City", "Midlands Water": a word
 * that names a region only by being generic ("Gulf", a province of Papua
 * New Guinea; "City"; "Midlands", of Zimbabwe) is no place when it is
 * one word of a longer capitalised name.  "Delta State", "Lakes region":
 * a kind after it still names the region.
 */
static int
generic_in_name(const char *s, size_t len, const struct gaz_match *m)
{
	static const char *const generic[] = { "city", "gulf", "valley",
	    "lake", "lakes", "bay", "delta", "midlands", "highlands",
	    "lowlands", "park", "river", "rivers", "mountain", "mountains",
	    "plateau", "hills", "harbour", "harbor", "port", "beach",
	    "heights", "springs", "coast", "island", "islands", "central" };
	char w[WORD_MAX], b[WORD_MAX];
	uint64_t lx[LX_WORDS];
	size_t k, a = m->start, e = m->start + m->len;
	int after, before;

	/* the usual answer, from the bytes around it: no capitalised word
	   next to it */
	after = e + 1 < len && s[e] == ' ' && is_upper((unsigned char)s[e + 1]);
	if (a >= 2 && s[a - 1] == ' ')
		for (a--; a > 0 && is_alpha((unsigned char)s[a - 1]); a--)
			;
	before = a < m->start - 1 && is_upper((unsigned char)s[a]) &&
	    m->start - 1 - a < WORD_MAX;
	if ((!after && !before) || m->len >= WORD_MAX)
		return 0;
	for (k = 0; k < m->len; k++)
		w[k] = (char)lower((unsigned char)s[m->start + k]);
	w[m->len] = '\0';
	for (k = 0; k < NELEM(generic); k++)	/* first letters first */
		if (w[0] == generic[k][0] && strcmp(w, generic[k]) == 0)
			break;
	if (k == NELEM(generic))
		return 0;
	/* a capitalised word right after it, not a kind: "Gulf Coast" */
	if (after) {
		(void)word_after(s, len, e, b, sizeof(b));
		word_lists(b, strlen(b), lx);
		if (!lx_in(lx, LX_KIND) && !lx_in(lx, LX_STOP) &&
		    !lx_in(lx, LX_NOT_PLACE))
			return 1;
	}
	/* right before it, not a function word: "Phenix City" */
	if (!before)
		return 0;
	for (k = a; k < m->start - 1; k++)
		b[k - a] = (char)lower((unsigned char)s[k]);
	b[k - a] = '\0';
	word_lists(b, k - a, lx);
	return !lx_in(lx, LX_STOP) && !lx_in(lx, LX_NOT_PLACE) &&
	    !lx_in(lx, LX_CLAUSE);
}

/* Is the dash at s[i] the first of a pair: the same dash again within
   80 bytes, before any full stop, after a lowercase word? */
static int
dash_pair(const char *s, size_t len, size_t i)
{
	size_t w = s[i] == '-' ? 1 : 3, k, end = i + 80 < len ? i + 80 : len;

	k = skip_space(s, len, i + w);
	if (k >= len || !(s[k] >= 'a' && s[k] <= 'z'))
		return 0;
	for (; k + w <= end; k++) {
		if (s[k] == '.' || s[k] == '\n')
			return 0;
		if (s[k - 1] == ' ' && memcmp(s + k, s + i, w) == 0 &&
		    k + w < len && s[k + w] == ' ')
			return 1;
	}
	return 0;
}

/*
 * Is this name a place the report is about [place]?  Not part of an
 * organisation ("Florida Power & Light"), a dateline ("SYDNEY -"), a web
 * address or an attacker ("Russia's overnight attack").
 */
/* Is the word before a name at start "Mt.", "Mt", "Mount", "Lake" or
   "Mont" (one space between), or a Portuguese name's particle after a
   capitalised word ("São Caetano do Sul": not Sul, a region of
   Guinea-Bissau)?  Not "de": "Sierra de Cádiz" is of Cádiz. */
static int
within_name(const char *s, size_t start)
{
	static const char *const kinds[] = { "Mt.", "Mt", "Mount", "Lake",
	    "Mont" };
	static const char *const particles[] = { "do", "da", "dos", "das" };
	size_t e, b, k;

	if (start < 3 || s[start - 1] != ' ')
		return 0;
	e = start - 1;
	for (b = e; b > 0 && (is_alpha((unsigned char)s[b - 1]) ||
	    s[b - 1] == '.'); b--)
		;
	if (s[b] == 'd' && e - b <= 3 && b >= 3 && s[b - 1] == ' ') {
		for (k = 0; k < NELEM(particles); k++)
			if (strlen(particles[k]) == e - b &&
			    memcmp(s + b, particles[k], e - b) == 0)
				break;
		if (k < NELEM(particles)) {
			/* the word before the particle: capitalised */
			for (k = b - 1; k > 0 && s[k - 1] != ' '; k--)
				;
			return is_upper((unsigned char)s[k]) ||
			    (unsigned char)s[k] >= 0xC0;
		}
	}
	if (s[b] != 'M' && s[b] != 'L')
		return 0;
	for (k = 0; k < NELEM(kinds); k++)
		if (strlen(kinds[k]) == e - b &&
		    memcmp(s + b, kinds[k], e - b) == 0)
			return 1;
	return 0;
}

int
place_ok(const char *s, size_t len, const struct gaz_match *m)
{
	size_t e = m->start + m->len, i, ne;
	char w[WORD_MAX], next[WORD_MAX];
	uint64_t lx[LX_WORDS];
	int got = 0, org;

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
	/* "Mt. Kenya region", "Mount Kenya", "Lake Victoria": a known name
	   inside another one, a mountain's or a lake's */
	if (within_name(s, m->start))
		return 0;
	/* place names are capitalised; "most", "central" are words.  An
	   alias "city of Kyiv" starts with its kind: the name decides */
	i = m->start;
	if (!capital_at(s, len, i)) {
		i = word_after(s, len, i, w, sizeof(w));
		/* (speed only: a first word to the name's end is no kind
		   before it, lex_has() unasked) */
		if (i < m->start + m->len && lex_has(w, LX_KIND) &&
		    (i = word_after(s, len, i, w, sizeof(w))) > m->start &&
		    strcmp(w, "of") == 0)
			i = skip_space(s, len, i);
		else
			i = m->start;
	}
	if (i >= m->start + m->len || !capital_at(s, len, i))
		return 0;
	/* "Northern", "Central": a compass word alone (place_shapes.c) */
	if (compass_word(s + m->start, m->len))
		return 0;
	if (generic_in_name(s, len, m))
		return 0;
	/* "across the US", not "Us" */
	if (m->len == 2 && (s[m->start] | 0x20) == 'u' &&
	    (s[m->start + 1] | 0x20) == 's' && s[m->start + 1] != 'S')
		return 0;
	if (e + 1 < len && s[e] == '.' && is_alnum_ascii((unsigned char)s[e + 1]))
		return 0;
	/* the word after the name, ending at ne, and its lists (lx, read
	   once; speed only: where a test below asks them, got) */
	ne = word_after(s, len, e, next, sizeof(next));
	if (ne > e && is_upper((unsigned char)s[skip_space(s, len, e)])) {
		word_lists(next, strlen(next), lx);
		got = 1;
		if (lx_in(lx, LX_ORG) && !office_of(s, len, ne, next))
			return 0;
	}
	/* "Kerala State Electricity Board", "Punjab State Power
	   Corporation": a state's utility (v-en2) */
	if (ne > e && strcmp(next, "state") == 0 &&
	    is_upper((unsigned char)s[skip_space(s, len, e)]) &&
	    skip_space(s, len, ne) < len &&
	    is_upper((unsigned char)s[skip_space(s, len, ne)]) &&
	    word_after(s, len, ne, w, sizeof(w)) > ne &&
	    (lex_has(w, LX_ORG) || strcmp(w, "electricity") == 0))
		return 0;
	/* "Entergy Louisiana reported 95,000 outages": a company speaks
	   (LX_SAID: one lookup, not ten strcmp calls); "..., Kyiv said.":
	   a capital that closes the sentence as its speaker stands for a
	   government, not for where supply is out.  Speed only: the word
	   is looked up only where it decides */
	org = org_before(s, m->start);
	if (org == 1 || (org == 2 && possessive_len(s, e, len) > 0))
		return 0;
	if (ne > e && (org == 2 || speaker_tail(s, len, m->start, ne))) {
		if (!got)
			word_lists(next, strlen(next), lx);
		if (lx_in(lx, LX_SAID))
			return 0;
	}
	/* a dateline opens the text or a line ("headline\nTOKYO -") */
	for (i = m->start; i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t');
	    i--)
		;
	if (i == 0 || s[i - 1] == '\n') {
		/* "BATON ROUGE, La. -": a name in capitals */
		for (i = m->start; i < e && !(s[i] >= 'a' && s[i] <= 'z'); i++)
			;
		if (i == e && m->len > 2 && e < len && s[e] == ',' &&
		    !cyr_lowercase(s + m->start, m->len))
			return 0;
		/* "Colombo, Mar 31 (EFE).-": a name, then the date */
		if (e < len && s[e] == ',' && dated(s, len, e + 1))
			return 0;
		i = skip_space(s, len, e);
		if (i < len && (s[i] == '-' || (i + 2 < len &&
		    (unsigned char)s[i] == 0xE2 &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] >= 0x93 &&
		    (unsigned char)s[i + 2] <= 0x95)) &&
		    /* "Харківщина – знеструмлено ...": a roundup's heading */
		    !cyr_lowercase(s + m->start, m->len) &&
		    /* "Toronto — hardest hit by the storm — had 16,000
		       customers ...": a dash pair sets off an apposition
		       to the subject, no dateline (z-en-us) */
		    !dash_pair(s, len, i))
			return 0;
	}
	/* "Most customers ...": a quantity word that is also a town's
	   name (Most, CZ) names it only after "in" or "of" */
	if (m->len == 4 && strncasecmp(s + m->start, "most", 4) == 0) {
		for (i = m->start; i > 0 && s[i - 1] == ' '; i--)
			;
		if (i < 3 || (strncasecmp(s + i - 2, "in", 2) != 0 &&
		    strncasecmp(s + i - 2, "of", 2) != 0) ||
		    is_alpha((unsigned char)s[i - 3]))
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

/* The first index from i of a byte '\'' or 0xE2 in s[0..len), or len. */
static inline size_t
next_quote(const char *s, size_t len, size_t i)
{
#ifdef __SSE2__
	const __m128i ap = _mm_set1_epi8('\''), e2 = _mm_set1_epi8((char)0xE2);

	/* sixteen at a time: two compares and a mask */
	for (; i + 16 <= len; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i));
		int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, ap),
		    _mm_cmpeq_epi8(x, e2)));

		if (m != 0)
			return i + (size_t)__builtin_ctz((unsigned)m);
	}
#endif
	while (i < len && s[i] != '\'' && (unsigned char)s[i] != 0xE2)
		i++;
	return i;
}

/*
 * "Hawke's Bay", "King's Lynn": a name with a possessive inside it, which
 * the blanked copy cannot match (it matched "Bay" alone).  The names of
 * the unblanked text that hold an apostrophe replace the blanked matches
 * they overlap; m stays in text order (z-en-us).
 */
static size_t
keep_inner_possessives(const struct gazetteer *g, const char *text,
    size_t len, struct gaz_match *m, size_t n, size_t max,
    const size_t *at, size_t nat)
{
	struct gaz_match o[8];
	size_t no, k, j, w, a, i, q, ws, we;

	for (a = 0; a < nat; a++) {
		i = at[a];	/* the apostrophe of "'s X", X a capital */
		q = text[i] == '\'' ? 1 : 3;
		/* the word before, and the one before it ("St. John's") */
		for (ws = i; ws > 0 && ws + 24 > i &&
		    text[ws - 1] != '\n' && (is_alpha((unsigned char)
		    text[ws - 1]) || text[ws - 1] == ' ' ||
		    text[ws - 1] == '.'); ws--)
			;
		/* a word start, not the middle of one the limit cut */
		while (ws < i && ws > 0 && is_alpha((unsigned char)text[ws - 1]))
			ws++;
		we = i + q + 40 < len ? i + q + 40 : len;
		no = gaz_scan(g, text + ws, we - ws, o, NELEM(o));
		for (k = 0; k < no; k++) {
			o[k].start += ws;
			if (o[k].start > i || o[k].start + o[k].len <= i + q)
				continue;	/* not across the apostrophe */
			for (j = w = 0; j < n; j++)
				if (m[j].start >= o[k].start + o[k].len ||
				    m[j].start + m[j].len <= o[k].start)
					m[w++] = m[j];
			n = w;
			if (n >= max)
				continue;
			for (j = n; j > 0 && m[j - 1].start > o[k].start; j--)
				m[j] = m[j - 1];
			m[j] = o[k];
			n++;
		}
	}
	return n;
}

/*
 * gaz_scan over a copy of the text with possessive endings blanked, so
 * that "Ukraine's" and "Australia’s" name their place; offsets are kept.
 */
size_t
scan_places(const struct gazetteer *g, const char *text, size_t len,
    struct gaz_match *m, size_t max)
{
	char buf[1024];
	char *c;
	size_t i, n, q, at[8], nat = 0;

	/* no apostrophe, straight or curly: nothing to blank */
	if (len < 2 || (memchr(text + 1, '\'', len - 1) == NULL &&
	    memchr(text + 1, 0xE2, len - 1) == NULL))
		return gaz_scan(g, text, len, m, max);
	c = len < sizeof(buf) ? buf : xmalloc(len + 1);
	memcpy(c, text, len);
	c[len] = '\0';
	for (i = 1; i < len; i++) {
		/* to the next apostrophe or 0xE2 (most bytes are neither) */
		i = next_quote(c, len, i);
		if (i >= len)
			break;
		q = c[i] == '\'' ? 1 : (i + 2 < len &&
		    (unsigned char)c[i] == 0xE2 &&
		    (unsigned char)c[i + 1] == 0x80 &&
		    (unsigned char)c[i + 2] == 0x99) ? 3 : 0;
		if (q == 0 || !is_alpha((unsigned char)c[i - 1]))
			continue;
		if (i + q < len && c[i + q] == 's' && (i + q + 1 == len ||
		    !is_alnum((unsigned char)c[i + q + 1]))) {
			/* "Hawke's Bay": a name may run on past it */
			if (nat < NELEM(at) && i + q + 2 < len &&
			    c[i + q + 1] == ' ' &&
			    is_upper((unsigned char)c[i + q + 2]))
				at[nat++] = i;
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
	return nat > 0 ? keep_inner_possessives(g, text, len, m, n, max, at,
	    nat) : n;
}
