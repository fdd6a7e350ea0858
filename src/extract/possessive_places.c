/* SPDX-License-Identifier: MIT */
/*
 * possessive_places.c - English place shapes of possessives: the part of
 * a place a possessive names ("in Queensland's southeast")
 * [possessive-part]; a place named only as the possessor of a thing that
 * is no place ("Ukraine's energy infrastructure") [possessor-place]; the
 * place a possessive country or region holds ("Egypt's capital Cairo",
 * "Moldova's breakaway region of Transnistria") [possessive-inner], where
 * the sentence's reports are and the place the sentence leaves; and a
 * compass word after a possessive name, or a possessive name ("Cuba's").
 */
#include <string.h>

#include "extract_int.h"

/* Direction nouns: the part of a place ("the state's north-east"). */
static size_t
direction_noun(const char *s, size_t i, size_t end)
{
	static const char *const parts[] = {
		"north", "south", "east", "west", "northeast", "northwest",
		"southeast", "southwest", "north-east", "north-west",
		"south-east", "south-west"
	};
	char w[16];
	size_t n = 0, k;

	while (i + n < end && n + 1 < sizeof(w) &&
	    (is_alpha((unsigned char)s[i + n]) || s[i + n] == '-')) {
		w[n] = (char)lower((unsigned char)s[i + n]);
		n++;
	}
	if (n == 0 || n + 1 >= sizeof(w) ||
	    (i + n < end && is_alnum((unsigned char)s[i + n])))
		return 0;
	w[n] = '\0';
	for (k = 0; k < NELEM(parts); k++)
		if (strcmp(w, parts[k]) == 0)
			return n;
	return 0;
}

/*
 * "in Queensland's southeast", "residents in Sydney's north": a
 * direction noun after a place's possessive is the part of the place
 * the report is about.  The mention keeps it (the region stays the
 * place's), as "northern Queensland" does [possessive-part]; not an
 * adjective ("Ukraine's eastern city of X" names a city).
 */
void
possessive_part(const struct context *C, const struct place *p, char *m,
    size_t size)
{
	const struct sentence *S = C->cur;
	const char *s = C->text;
	size_t e = p->m->start + p->m->len, end = S->start + S->len, i = e;
	size_t n = strlen(m), d, add;

	/* cheap first: a possessive at the name's end */
	if ((d = possessive_len(s, i, end)) > 0)
		i += d;
	else if (!(n > 2 && m[n - 1] == 's' && m[n - 2] == '\''))
		return;
	if (i + 1 >= end || s[i] != ' ')
		return;
	if ((d = direction_noun(s, i + 1, end)) == 0)
		return;
	add = i + 1 + d - e;
	if (n + add >= size)
		return;
	memcpy(m + n, s + e, add);
	m[n + add] = '\0';
}

/*
 * "Massive blackout in Moldova after today's attack on Ukraine's energy
 * infrastructure": a place named only as the possessor of a thing that
 * is no place (its grid, its attack, its government, a company it owns:
 * "South Africa's Vodacom") is not where the story goes on; "Kyiv's
 * Darnytskyi district", "Queensland's southeast" and "Kenya's capital"
 * name places [possessor-place].  Is known place
 * p, in the current sentence, only such a possessor?
 */
int
possessor_only(const struct context *C, const struct place *all, size_t np,
    const struct place *p)
{
	static const char *const areas[] = {
		"city", "cities", "capital", "region", "regions", "state",
		"states", "province", "provinces", "district", "districts",
		"town", "towns", "county", "counties", "island", "islands",
		"coast", "village", "villages", "suburbs", "area", "areas",
		"territory", "oblast", "parts", "part", "half", "border"
	};
	const struct sentence *S = C->cur;
	const char *s = C->text;
	size_t e = p->m->start + p->m->len, end = S->start + S->len, k, j;

	/* cheap first: a possessive right after the name, then a space */
	if ((k = possessive_len(s, e, end)) == 0 || e + k >= end)
		return 0;
	e += k;
	if (s[e] != ' ')
		return 0;
	for (k = p->tok; k < S->n && S->t[k].start <= e; k++)
		;
	/* the possessed noun, past its modifiers, within three words */
	for (; k < S->n && k < p->tok + 5 && !S->t[k].punct; k++) {
		/* "Dhaka's Mirpur and Mohammadpur": a place itself, or
		   names listed as places (not "South Africa's Vodacom") */
		for (j = 0; S->t[k].cap && j < np; j++)
			if (all[j].tok == k)
				return 0;
		if (S->t[k].cap && k + 2 < S->n && (tw(S, k + 1, "and") ||
		    tp(S, k + 1, ',')) && S->t[k + 2].cap)
			return 0;
		if (tin(S, k, LX_KIND) ||
		    tin(S, k, LX_COMPASS) || TW_ANY(S, k, areas) ||
		    direction_noun(s, S->t[k].start, end) != 0)
			return 0;
	}
	return 1;
}

/*
 * "Hundreds of thousands of people in Moldova's breakaway region of
 * Transnistria ...", then "local authorities announced they were
 * cutting off hot water": the place a sentence leaves is the held one
 * of a possessive, as said when the gazetteer does not know it (as
 * possessive_inner() places the sentence's own reports)
 * [possessive-inner].  p is the known place the sentence leaves.
 */
void
held_place(struct context *C, const struct place *p)
{
	const struct sentence *S = C->cur;
	size_t j, n, a, b;

	/* cheap first: a possessive ending right after the name */
	if (p->tok_end != p->tok + 1 || p->m->start + p->m->len + 1 >=
	    S->start + S->len || (C->text[p->m->start + p->m->len] != '\'' &&
	    (unsigned char)C->text[p->m->start + p->m->len] != 0xE2) ||
	    !possessive_held(S, p->tok, &j, &n))
		return;
	a = S->t[j].start;
	b = S->t[n - 1].start + S->t[n - 1].len;
	if (b - a >= sizeof(C->inh_mention))
		return;
	C->inh_region = NULL;
	memcpy(C->inh_mention, C->text + a, b - a);
	C->inh_mention[b - a] = '\0';
}

/* Bytes of the possessive ending of token k ("'s", "’s"); 0: none. */
static size_t
possessive_end(const struct sentence *S, size_t k)
{
	const char *s = S->text + S->t[k].start;
	size_t l = S->t[k].len;

	if (!S->t[k].cap || S->t[k].punct)
		return 0;
	if (l > 2 && s[l - 1] == 's' && s[l - 2] == '\'')
		return 2;
	if (l > 4 && s[l - 1] == 's' && memcmp(s + l - 4, "\xe2\x80\x99", 3) == 0)
		return 4;
	return 0;
}

/* The words between a possessive and the place it holds: "Egypt's
   capital Cairo", "Moldova's breakaway region of Transnistria". */
static int
descriptor(const struct sentence *S, size_t k, int *kind)
{
	static const char *const kinds[] = {
		"capital", "region", "province", "city", "town", "district",
		"state", "county", "island", "republic", "enclave",
		"territory", "port", "oblast", "prefecture"
	};
	static const char *const mods[] = {
		"the", "of", "breakaway", "second", "largest", "biggest",
		"main", "commercial", "southern", "northern", "eastern",
		"western", "central", "coastal", "separatist", "autonomous",
		"self-declared", "financial", "industrial", "frontline",
		"front-line", "border", "eastern-most", "historic"
	};

	if (k >= S->n || S->t[k].punct || S->t[k].cap)
		return 0;
	if (TW_ANY(S, k, kinds)) {
		*kind = 1;
		return 1;
	}
	return TW_ANY(S, k, mods);
}

/*
 * The place possessive token k holds ("Egypt's capital Cairo",
 * "Moldova's breakaway region of Transnistria"): 1 with its words in
 * [*j, *n), else 0 [possessive-inner].
 */
int
possessive_held(const struct sentence *S, size_t k, size_t *jp, size_t *np)
{
	size_t j, n, k0 = k, e;
	int kind = 0;

	if (!S->t[k].cap)
		return 0;
	if (possessive_end(S, k) == 0) {
		/* "Moldova’s": U+2019 ends the word, "s" is a token of its
		   own (v-en2) */
		e = S->t[k].start + S->t[k].len;
		if (e + 4 >= S->start + S->len ||
		    memcmp(S->text + e, "\xe2\x80\x99s", 4) != 0)
			return 0;
		for (k0 = k + 1; k0 < S->n && S->t[k0].start < e + 4; k0++)
			;
		k0--;
	}
	for (j = k0 + 1; j < S->n && j <= k0 + 4 && descriptor(S, j, &kind);
	    j++)
		;
	if (tp(S, j, ',') && kind)
		j++;
	if (!kind || j >= S->n || !S->t[j].cap || S->t[j].punct ||
	    possessive_end(S, j) != 0)
		return 0;
	for (n = j + 1; n < S->n && n < j + 3 && S->t[n].cap &&
	    !S->t[n].punct && possessive_end(S, n) == 0; n++)
		;
	*jp = j;
	*np = n;
	return 1;
}

/*
 * Does s hold "'s" or "’s"?  U+2019 is sought by its last byte: its
 * lead byte 0xE2 begins the dashes and quotes of most articles, and its
 * middle byte 0x80 ends "р", a common Cyrillic letter; 0x99 ends only
 * "Й" among Ukrainian and Russian letters.
 */
static int
apostrophe_s(const char *s, size_t len)
{
	const char *p, *end = s + len;

	for (p = s; (p = memchr(p, '\'', (size_t)(end - p))) != NULL; p++)
		if (p + 1 < end && p[1] == 's')
			return 1;
	for (p = s; (p = memchr(p, 0x99, (size_t)(end - p))) != NULL; p++)
		if (p - s >= 2 && (unsigned char)p[-2] == 0xE2 &&
		    (unsigned char)p[-1] == 0x80 && p + 1 < end && p[1] == 's')
			return 1;
	return 0;
}

/*
 * [possessive-inner] "power cuts in Egypt's capital Cairo", "in Moldova's
 * breakaway region of Transnistria": the place a possessive country or
 * region holds is where the report is, not the holder.  A report of the
 * sentence placed at the holder by that possessive moves to the inner
 * name (the gazetteer's region when it knows the name, else the name as
 * said): up to four words of a kind of place between ("capital",
 * "region of", "largest city"), then one to three capitalised words.
 */
void
possessive_inner(struct context *C, const struct sentence *S, size_t first)
{
	struct gaz_match m[4];
	char name[EXTRACT_MENTION_MAX], outer[EXTRACT_MENTION_MAX];
	size_t k, j, e, a, b, n, r, nm, ol;

	/* speed: no "'s" or "’s" (possessive_held()'s endings), no
	   possessive */
	if (C->nr == first || !apostrophe_s(S->text + S->start, S->len))
		return;
	for (k = 0; k + 2 < S->n; k++) {
		/* (a capital before the call: it is the first test) */
		if (!S->t[k].cap || !possessive_held(S, k, &j, &n))
			continue;
		e = possessive_end(S, k);
		a = S->t[j].start;
		b = S->t[n - 1].start + S->t[n - 1].len;
		if (b - a >= sizeof(name))
			continue;
		memcpy(name, S->text + a, b - a);
		name[b - a] = '\0';
		ol = S->t[k].len - e;
		if (ol >= sizeof(outer))
			continue;
		memcpy(outer, S->text + S->t[k].start, ol);
		outer[ol] = '\0';
		/* the inner place reported already: nothing to move */
		for (r = first; r < C->nr; r++)
			if (strcmp(C->r[r].mention, name) == 0)
				break;
		if (r < C->nr)
			continue;
		nm = scan_places(C->g, S->text + a, b - a, m, NELEM(m));
		for (r = first; r < C->nr; r++) {
			if (strcmp(C->r[r].mention, outer) != 0)
				continue;
			if (nm == 1 && m[0].start == 0 && m[0].len == b - a &&
			    m[0].region != NULL)
				set_place(&C->r[r], m[0].region, name);
			else
				set_place(&C->r[r], NULL, name);
		}
	}
}

/* "Sydney's north-west", "Havana's eastern districts": a compass word
   after a possessive name makes an area of it. */
int
possessive_area(const struct sentence *S, size_t k)
{
	const char *w;

	if (k >= S->n || S->t[k].punct)
		return 0;
	w = S->t[k].w;
	return tin(S, k, LX_COMPASS) || strncmp(w, "north", 5) == 0 ||
	    strncmp(w, "south", 5) == 0 || strncmp(w, "east", 4) == 0 ||
	    strncmp(w, "west", 4) == 0;
}

/* "Cuba's", "Puerto Rico's": a capitalised word ending in a possessive
   at token k (the tokenizer keeps "'s" on the word). */
int
possessive_name(const struct sentence *S, size_t k)
{
	size_t l;

	if (k >= S->n || !S->t[k].cap || S->t[k].punct)
		return 0;
	l = S->t[k].len;
	return l > 2 && S->text[S->t[k].start + l - 1] == 's' &&
	    S->text[S->t[k].start + l - 2] == '\'';
}
