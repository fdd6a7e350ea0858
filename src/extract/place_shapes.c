/* SPDX-License-Identifier: MIT */
/*
 * place_shapes.c - shapes of text that name places the gazetteer may not
 * know, and of phrases around them, asked by places.c and
 * report_places.c: numbered places ("Sector 62"), area nouns before
 * "of" or before a list, a parallel subject with its own count, names
 * before a part's kind ("Darnytskyi and Obolonskyi districts"), a
 * headline's line end, a country-wide outage and a share's places; and
 * the place a count takes, the nearest or the one after its "in"; a
 * compass word alone (no place).
 */
#include "extract_int.h"

/* A compass word alone ("Northern", "South") is not a place.  Speed only:
   the lookup is made only for a length and first two letters a compass
   word has (lex_compass_may_be(); the eager mode asks every one, so the
   lazy test checks the gate). */
int
compass_word(const char *s, size_t n)
{
	char b[WORD_MAX];
	size_t k;

	if (n >= sizeof(b) || (!lex_compass_may_be(s, n) && !extract_eager()))
		return 0;
	for (k = 0; k < n; k++)
		b[k] = (char)lower((unsigned char)s[k]);
	b[n] = '\0';
	return lex_has(b, LX_COMPASS);
}

/*
 * "Sector 62", "Ward 7", "Zone 3", "Phase 2": a place named by a kind
 * and a number [numbered-place].  1 when token k is such a kind word,
 * capitalised, with a number after it; 2 when the word is plural
 * ("Sectors 62, 71 and 120": the numbers are the names).
 */
int
numbered_kind(const struct sentence *S, size_t k)
{
	static const char *const kinds[] = { "sector", "ward", "zone",
	    "phase", "block" };
	size_t a, l;

	if (k + 1 >= S->n || !S->t[k].cap || S->t[k + 1].punct ||
	    !is_digit((unsigned char)S->t[k + 1].w[0]))
		return 0;
	l = strlen(S->t[k].w);
	for (a = 0; a < NELEM(kinds); a++)
		if (strncmp(S->t[k].w, kinds[a], strlen(kinds[a])) == 0) {
			if (l == strlen(kinds[a]))
				return 1;
			if (l == strlen(kinds[a]) + 1 && S->t[k].w[l - 1] == 's')
				return 2;
		}
	return 0;
}

/* A number token that goes on with a list of numbered places: "71" in
   "Sectors 62, 71 and 120" (the place before it ended at token i - 1,
   itself a number). */
int
numbered_next(const struct sentence *S, size_t i, const struct gaz_match *pm,
    size_t n, size_t s0)
{
	return n > 0 && i > 0 && s0 < S->n && !S->t[s0].punct &&
	    is_digit((unsigned char)S->t[s0].w[0]) &&
	    is_digit((unsigned char)S->t[i - 1].w[0]) &&
	    pm[n - 1].start + pm[n - 1].len == S->t[i - 1].start +
	    S->t[i - 1].len;
}

/* "suburbs", "neighbourhoods", "parishes": an area noun before "of" */
int
area_of(const struct sentence *S, size_t k)
{
	return tw(S, k, "suburbs") || tw(S, k, "suburb") ||
	    /* "several areas of Rawalpindi", "pockets of X" */
	    tw(S, k, "areas") || tw(S, k, "sections") || tw(S, k, "pockets") ||
	    tw(S, k, "neighbourhoods") || tw(S, k, "neighborhoods") ||
	    tw(S, k, "neighbourhood") || tw(S, k, "neighborhood") ||
	    tw(S, k, "parishes") || tw(S, k, "counties");
}

/* "and the inner-city suburbs": the noun at k ends a list ("and" or ","
   at most three words before it) */
int
list_before(const struct sentence *S, size_t k)
{
	size_t j;

	for (j = k; word_back(j, k, 4); j--)
		if (tw(S, j - 1, "and") || tp(S, j - 1, ','))
			return 1;
	return 0;
}

/* "areas", "neighbourhoods", "communities" ... at k */
int
areas_noun(const struct sentence *S, size_t k)
{
	return tw(S, k, "areas") || tw(S, k, "neighbourhoods") ||
	    tw(S, k, "neighborhoods") || tw(S, k, "communities") ||
	    tw(S, k, "suburbs") || tw(S, k, "localities") ||
	    tw(S, k, "villages") || tw(S, k, "parishes") ||
	    tw(S, k, "counties") || tw(S, k, "districts") ||
	    tw(S, k, "towns") || tw(S, k, "sectors") ||
	    tw(S, k, "regions") || tw(S, k, "provinces") ||
	    tw(S, k, "cities") || tw(S, k, "places");
}

/* "concentrated in", "mostly across", "mostly on the Gold Coast" (not
   "mostly on Tuesday"): at k, the word after a word of concentration
   that opens its place */
int
concentration_prep(const struct sentence *S, size_t k)
{
	return tw(S, k, "in") || tw(S, k, "across") || tw(S, k, "around") ||
	    (tw(S, k, "on") && tw(S, k + 1, "the") && k + 2 < S->n &&
	    S->t[k + 2].cap);
}

/* "mostly reported in", "mainly recorded across": a verb of where the
   outages were seen, between the word of concentration and its
   preposition. */
int
reported_verb(const struct sentence *S, size_t k)
{
	return tw(S, k, "reported") || tw(S, k, "recorded") ||
	    tw(S, k, "located") || tw(S, k, "seen");
}

/* ", mainly Brittany and Auvergne", ", particularly Leeds": at i, a word
   of concentration after a comma opens a list of names (English;
   places.c's unknown_places() asks it only of such a word) */
int
mainly_opens(const struct sentence *S, size_t i)
{
	return i > 0 && i + 1 < S->n && !S->t[i].cyr && tp(S, i - 1, ',') &&
	    tin(S, i, LX_CONCENTRATED) && S->t[i + 1].cap &&
	    !S->t[i + 1].punct;
}

/*
 * ", with Nairobi, Mombasa and the Central region being the worst
 * affected", "with Dalarna and Gävleborg counties hit hardest": t is the
 * first token after "with"; the list of names from there, then
 * "(being) (the)" and a worst-hit phrase.  The phrase's first token
 * ("worst", "hit"), or SIZE_MAX when the list names no one or no such
 * phrase closes it.
 */
size_t
with_worst_phrase(const struct sentence *S, size_t t)
{
	size_t j, names = 0;

	if (t == 0 || !tw(S, t - 1, "with"))
		return SIZE_MAX;
	for (j = t; j < S->n && j < t + 24 && (S->t[j].cap ||
	    tp(S, j, ',') || tw(S, j, "and") || tw(S, j, "the") ||
	    tin(S, j, LX_KIND) || tw(S, j, "area") || areas_noun(S, j) ||
	    /* "with the district of Viana being the most affected" */
	    (tw(S, j, "of") && j > t && tin(S, j - 1, LX_KIND)) ||
	    /* "Viana do Castelo", "Villa del Rosario" */
	    ((tw(S, j, "do") || tw(S, j, "da") || tw(S, j, "de") ||
	    tw(S, j, "del")) && j > t && S->t[j - 1].cap &&
	    j + 1 < S->n && S->t[j + 1].cap));
	    j++)
		names += S->t[j].cap;
	j += tw(S, j, "being");
	j += tw(S, j, "the");
	/* "the worst affected", "hit hardest" */
	if (names > 0 && ((tin(S, j, LX_WORST) &&
	    tin(S, j + 1, LX_AFFECTING)) || (tin(S, j, LX_AFFECTING) &&
	    tin(S, j + 1, LX_WORST))))
		return j;
	return SIZE_MAX;
}

/* A capitalised name from token k, then "had", "has" or "reported" and a
   count: "Terrebonne had 3,200 customers" */
int
parallel_count(const struct sentence *S, size_t k)
{
	size_t j;

	j = name_words_end(S, k);
	if (j == k || j + 1 >= S->n || !(tw(S, j, "had") || tw(S, j, "has") ||
	    tw(S, j, "reported")))
		return 0;
	j++;
	return (!S->t[j].punct && is_digit((unsigned char)S->t[j].w[0])) ||
	    tw(S, j, "about") || tw(S, j, "nearly") || tw(S, j, "more") ||
	    tw(S, j, "over") || tw(S, j, "some") || tw(S, j, "around");
}

/*
 * "Darnytskyi and Obolonskyi districts", "the Shevchenkivskyi district":
 * capitalised names from token k, listed with "," and "and", then the
 * word for a part of a city.
 */
int
names_before_part(const struct sentence *S, size_t k)
{
	size_t n;

	/* Speed only (the same answer): it says yes only at a word of
	   LX_PART, the kinds below (the eager mode reads on) */
	if (!s_has(S, LX_PART) && !extract_eager())
		return 0;
	for (;;) {
		for (n = 0; k < S->n && n < 3 && S->t[k].cap &&
		    !S->t[k].punct && !tin(S, k, LX_NOT_PLACE) &&
		    !tin(S, k, LX_STOP); k++, n++)
			/* "St. Landry" */
			if ((tw(S, k, "st") || tw(S, k, "mt")) &&
			    tp(S, k + 1, '.') && k + 2 < S->n &&
			    S->t[k + 2].cap)
				k++;
		if (n == 0)
			return 0;
		/* "Rapides Parish had ...", "Chesterfield County
		   reported ...": the kind ends the capitalised name (the
		   kinds here and below: LX_PART, the gate above) */
		if (n >= 2 && (tw(S, k - 1, "parish") ||
		    tw(S, k - 1, "county") || tw(S, k - 1, "district")) &&
		    (k >= S->n || !S->t[k].cap))
			return 1;
		if (tw(S, k, "district") || tw(S, k, "districts") ||
		    tw(S, k, "raion") || tw(S, k, "raions") ||
		    tw(S, k, "microdistrict") || tw(S, k, "microdistricts") ||
		    /* "Tensas and St. Landry parishes", "Sarasota and
		       Manatee counties" */
		    tw(S, k, "parishes") || tw(S, k, "counties"))
			return 1;
		if (tp(S, k, ',') && tw(S, k + 1, "and"))
			k += 2;
		else if (tp(S, k, ',') || tw(S, k, "and"))
			k++;
		else
			return 0;
	}
}

/* Does a line end before token j (the text's end, or a newline after
   token j - 1)? */
int
line_ends(const struct sentence *S, size_t j)
{
	size_t e;

	if (j == 0)
		return 0;
	e = S->t[j - 1].start + S->t[j - 1].len;
	if (j >= S->n)
		return e == S->start + S->len;
	/* the bytes between two tokens, most often one space: a loop, not
	   a call to memchr */
	for (; e < S->t[j].start; e++)
		if (S->text[e] == '\n')
			return 1;
	return 0;
}

/* "a blackout across Kenya", "outages throughout Moldova": an outage
   noun right before "across" or "throughout" and the name at tok */
int
country_wide(const struct sentence *S, size_t tok)
{
	size_t k;

	if (tok < 2 || !(tw(S, tok - 1, "across") ||
	    tw(S, tok - 1, "throughout")))
		return 0;
	k = tok - 2;
	if (k > 0 && (tw(S, k, "power") || tw(S, k, "nationwide")))
		k--;	/* "a power outage across X" */
	return tw(S, k, "blackout") || tw(S, k, "blackouts") ||
	    tin(S, k, LX_OUTAGES);
}

/*
 * "310,000 households across Chile, most of them in the Maule region":
 * a place after "of them in" holds a share of the count, not the
 * count, so a country before it stays the count's [concentration].
 */
int
share_in(const struct sentence *S, size_t tok)
{
	size_t k = tok;

	/* back over the list the place is in: "in the A, B and C" */
	while (word_back(k, tok, 12) && (S->t[k - 1].cap ||
	    tp(S, k - 1, ',') || tw(S, k - 1, "and")))
		k--;
	tok = k;
	if (tok > 0 && tw(S, tok - 1, "the"))
		tok--;
	return tok >= 3 && tw(S, tok - 1, "in") && (tw(S, tok - 2, "them") ||
	    tw(S, tok - 2, "those")) && tw(S, tok - 3, "of");
}

/*
 * The place nearest tokens [t0, t1), same clause first; -1 for none.
 * A place after "in" wins a tie; one the gazetteer does not know loses
 * to a known one close by ("Austin, Texas"; "Entergy customers in Ohio").
 */
int
nearest_place(const struct sentence *S, const struct place *p, size_t np,
    size_t t0, size_t t1, int clause, int counted)
{
	size_t k, best = SIZE_MAX, d;
	int pass, bi = -1;

	for (pass = 0; pass < 3 && bi < 0; pass++) {
		for (k = 0; k < np; k++) {
			if (pass == 0 && p[k].clause != clause)
				continue;
			/* a count takes a place of an excluded count only when
			   there is no other, and none of a later clause
			   with a count of its own ("212,000 back online,
			   while 58,300 in X were still without") */
			if (counted && (p[k].story || (pass < 2 && p[k].owned) ||
			    (p[k].clause > clause && p[k].counted)))
				continue;
			if (pass == 2 && !counted)
				continue;
			d = 2 * tok_dist(t0, t1, p[k].tok, p[k].tok_end) + 1;
			if (p[k].tok > 0 && (tw(S, p[k].tok - 1, "in") ||
			    tw(S, p[k].tok - 1, "across") ||
			    tw(S, p[k].tok - 1, "throughout")))
				d--;
			if (p[k].m->region == NULL)
				d += 7;
			if (d < best) {
				best = d;
				bi = (int)k;
			}
		}
	}
	return bi;
}

/* "N customers in Ohio": the place right after the count's "in". */
int
place_after_in(const struct sentence *S, const struct place *p, size_t np,
    size_t t1)
{
	size_t k, at = t1 + 1;

	if (!tw(S, t1, "in") && !tw(S, t1, "across") &&
	    !tw(S, t1, "throughout"))
		return -1;
	if (tw(S, at, "the"))
		at++;
	/* "in the west of Scotland", "across parts of Ohio", "across the
	   island of Mallorca", "in the region of X" */
	if ((tin(S, at, LX_COMPASS) || tw(S, at, "parts") ||
	    tw(S, at, "part") || tw(S, at, "much") || tw(S, at, "most") ||
	    tin(S, at, LX_KIND)) &&
	    tw(S, at + 1, "of"))
		at += 2 + tw(S, at + 2, "the");
	for (k = 0; k < np; k++)
		if (p[k].tok == at && p[k].m->region != NULL && !p[k].story)
			return (int)k;
	return -1;
}
