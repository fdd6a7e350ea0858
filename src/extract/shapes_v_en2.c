/* SPDX-License-Identifier: MIT */
/*
 * shapes_v_en2.c - English place shapes from a cause analysis of pooled
 * real news passages (helper v-en2, issue 10): the part of a place a
 * possessive names [possessive-part], and a cue of a fronted time clause
 * that does not take the main clause's places [fronted-clause].
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
	if (i + 1 < end && s[i] == '\'' && s[i + 1] == 's')
		i += 2;
	else if (i + 3 < end && (unsigned char)s[i] == 0xE2 &&
	    (unsigned char)s[i + 1] == 0x80 &&
	    (unsigned char)s[i + 2] == 0x99 && s[i + 3] == 's')
		i += 4;		/* U+2019 */
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
 * "Until power was restored on Sunday, cities like A and B went dark":
 * a cue of a fronted time clause (the sentence opens with "until",
 * "after", "before", "once", "when", "since" and the clause ends at its
 * first comma) does not take a place of the main clause when the main
 * clause has a cue of its own: the places are that cue's, and the time
 * clause's fact is the story's [fronted-clause].  Cue k of c[nc] at
 * place p: 1 when the place is not the cue's.
 */
int
fronted_other(const struct sentence *S, const struct cue *c, size_t nc,
    size_t k, const struct place *p)
{
	static const char *const subs[] = {
		"until", "after", "before", "once", "when", "since"
	};
	size_t i, e, j;

	/* cheap first: the sentence's first word, and a place after the
	   cue */
	i = S->n > 0 && tp(S, 0, '"');
	if (p->tok <= c[k].tok || !TW_ANY(S, i, subs))
		return 0;
	for (e = i + 1; e < S->n && e < i + 25 && !tp(S, e, ','); e++)
		if (S->t[e].punct && !tp(S, e, '-'))
			return 0;
	if (e >= S->n || !tp(S, e, ',') || c[k].tok > e || p->tok < e)
		return 0;
	for (j = 0; j < nc; j++)
		if (c[j].tok > e && c[j].strong && !c[j].off &&
		    c[j].util != 0 && c[j].tok < S->n &&
		    S->t[c[j].tok].clause == S->t[p->tok].clause)
			return 1;
	return 0;
}
