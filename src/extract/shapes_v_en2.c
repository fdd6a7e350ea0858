/* SPDX-License-Identifier: MIT */
/*
 * shapes_v_en2.c - English place shapes from a cause analysis of pooled
 * real news passages (helper v-en2, issue 10): the part of a place a
 * possessive names [possessive-part], a cue of a fronted time clause
 * that does not take the main clause's places [fronted-clause] (the
 * capital a country's adjective names [demonym-capital] is demonyms.c's).
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
