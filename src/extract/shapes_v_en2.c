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
 * "The capital Islamabad and other cities, including Rawalpindi and
 * Quetta": names after "other <kind>" are peers of the place before
 * them, not parts of it, so a name the gazetteer does not know does not
 * lie in that place [other-peers].  Does "other" and a plural kind come
 * right before token t (with "including", "like", "such as")?
 */
int
other_kind_before(const struct sentence *S, size_t t)
{
	static const char *const kinds[] = {
		"cities", "towns", "provinces", "states", "regions",
		"countries", "districts", "counties", "areas"
	};
	size_t k = t;

	while (word_back(k, t, 4) && (tp(S, k - 1, ',') ||
	    tw(S, k - 1, "including") || tw(S, k - 1, "like") ||
	    tw(S, k - 1, "such") || tw(S, k - 1, "as") ||
	    tw(S, k - 1, "the")))
		k--;
	return k >= 2 && k < t && TW_ANY(S, k - 1, kinds) &&
	    tw(S, k - 2, "other");
}

/* Do the tokens [lo, hi) say "and other cities, including" between two
   places (peers listed together) [other-peers]? */
int
peer_gap(const struct sentence *S, size_t lo, size_t hi)
{
	/* cheap first: "and other" */
	if (hi < lo + 4 || hi > lo + 6 || !tw(S, lo, "and") ||
	    !tw(S, lo + 1, "other"))
		return 0;
	return other_kind_before(S, hi) && !tw(S, hi - 1, "the") &&
	    (tw(S, hi - 1, "including") || tw(S, hi - 1, "like") ||
	    tw(S, hi - 1, "as"));
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

/*
 * "South Kerry and County Clare", "County Clare and South Kerry": the
 * word right before a listed name (token i before token hi) may be the
 * name's own "County" or direction word, which the name's place leaves
 * out [list-prefix].
 */
int
name_prefix(const struct sentence *S, size_t i, size_t hi)
{
	static const char *const dirs[] = {
		"north", "south", "east", "west", "northern", "southern",
		"eastern", "western", "central", "county",
		"co"	/* "Co Donegal and Co Mayo" */
	};

	/* "and North B", or "and north Cork" before a capitalised name */
	return i + 1 == hi && i > 0 && (S->t[i].cap || S->t[hi].cap) &&
	    TW_ANY(S, i, dirs) &&
	    (tw(S, i - 1, "and") || tp(S, i - 1, ',') ||
	    (i > 2 && tw(S, i - 1, "as") && tw(S, i - 2, "well")));
}
