/* SPDX-License-Identifier: MIT */
/*
 * place_shapes.c - shapes of text that name places the gazetteer may not
 * know, and of phrases around them, asked by places.c and
 * report_places.c: numbered places ("Sector 62"), area nouns before
 * "of" or before a list, a parallel subject with its own count, names
 * before a part's kind ("Darnytskyi and Obolonskyi districts"), a
 * headline's line end, a country-wide outage and a share's places; and
 * the place a count takes, the nearest or the one after its "in"; a
 * compass word alone (no place).  And (from the helpers' cause analyses
 * of real English news): a road's name, no place [road-name]; "parts of
 * the X" [part-of-the]; two compass words before a name [compass-pair];
 * a city's left or right bank said bare [bank-place]; a sentence that
 * opens with a name and an aside calling it a place [opening-aside]; a
 * kind of area after a name; a count of areas with a compass word ("six
 * southern provinces"); a county named after a US state; and the region
 * a listed city's name stands for before a plural kind [list-kind].
 */
#include <stdio.h>
#include <strings.h>

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

/*
 * "to the east of Highway 416", "north of Route 9", "Interstate 95": a
 * name whose last word (before token j) is a kind of road and is
 * followed by a number is a road, not a place [road-name].
 */
int
road_name(const struct sentence *S, size_t j)
{
	static const char *const roads[] = {
		"highway", "route", "interstate", "hwy", "motorway",
		"freeway", "expressway"
	};

	/* cheap first: a number right after the name */
	return j > 0 && j < S->n && is_digit((unsigned char)S->t[j].w[0]) &&
	    TW_ANY(S, j - 1, roads);
}

/*
 * "There is no electricity in some areas of the left bank": a city's
 * left or right bank, said bare, is a part of the city the report is
 * about [bank-place] ("Kyiv's left bank" and "the left bank of Kyiv"
 * name the city and keep their ways).  Fills *out and returns 1 when
 * sentence S says it (and no known place overlaps), else 0.
 */
size_t
bank_place(const struct sentence *S, struct gaz_match *out)
{
	size_t k;

	/* Speed only (the same output): no token "bank", no bank (one
	   bit of the sentence's lists; the eager mode asks every token) */
	if (!s_has(S, LX_BANK) && !extract_eager())
		return 0;
	for (k = 2; k < S->n; k++) {
		if (S->t[k].w[0] != 'b' || !tw(S, k, "bank"))
			continue;
		if (!(tw(S, k - 1, "left") || tw(S, k - 1, "right")) ||
		    !tw(S, k - 2, "the") || tw(S, k + 1, "of"))
			continue;
		out->region = NULL;
		out->start = S->t[k - 1].start;
		out->len = S->t[k].start + S->t[k].len - out->start;
		return 1;
	}
	return 0;
}

/*
 * [part-of-the] "in parts of the Mid-Atlantic", "across much of the
 * Midwest": after a part's "of", "the" opens the name as it does after
 * "in" ("the members of the board" is no part).  i is the "of".
 */
int
part_of(const struct sentence *S, size_t i)
{
	return i > 0 && (tw(S, i - 1, "parts") || tw(S, i - 1, "part") ||
	    tw(S, i - 1, "much") || tw(S, i - 1, "most"));
}

/*
 * [compass-pair] "in the central and lower North Island", "across
 * northern and eastern Cape": two compass words joined before a name the
 * gazetteer may not know; i is the "and" (or "or"), and the name starts
 * after the second compass word (places.c passes over it).
 */
int
compass_pair(const struct sentence *S, size_t i)
{
	return i >= 2 && i + 2 < S->n && (tw(S, i, "and") || tw(S, i, "or")) &&
	    tin(S, i + 1, LX_COMPASS) && !S->t[i + 1].cap &&
	    tin(S, i - 1, LX_COMPASS) && (tw(S, i - 2, "the") ||
	    tw(S, i - 2, "in") || tw(S, i - 2, "across"));
}

/*
 * [opening-aside] "Toronto - hardest hit by the storm - had 16,000
 * customers ...", "Midland, the worst-hit town, has 900 ...": a sentence
 * that opens with a name, then an aside that calls it a place or the
 * hardest hit (between dashes, commas or brackets), then "had"/"has" and
 * a count.  Gives how many tokens the name spans, 0 when the shape is not
 * there.  A company's aside ("the largest utility") says no place.
 */
size_t
opening_aside(const struct sentence *S)
{
	static const char *const placey[] = {
		"hardest", "worst", "city", "town", "capital", "county",
		"province", "state", "region", "district", "village",
		"suburb", "borough", "municipality", "hardest-hit",
		"worst-hit", "island"
	};
	static const char *const firm[] = {
		"utility", "company", "provider", "operator", "firm",
		"supplier", "distributor", "cooperative", "co-op", "said",
		"says", "spokesman", "spokeswoman", "spokesperson"
	};
	size_t j, k, end;
	int dash, kind = 0;
	char open[8];

	if (!aside_may_open(S))
		return 0;
	for (j = 0; j < S->n && j < 3 && S->t[j].cap && !S->t[j].punct &&
	    !tin(S, j, LX_ORG) && !tin(S, j, LX_TELECOM) &&
	    !tin(S, j, LX_UTILITY_HEAD); j++)
		;
	if (j == 0 || j >= S->n || !S->t[j].punct)
		return 0;
	if (!(tp(S, j, ',') || tp(S, j, '(') ||
	    strcmp(S->t[j].w, "\xe2\x80\x94") == 0 ||
	    strcmp(S->t[j].w, "\xe2\x80\x93") == 0 || tp(S, j, '-')))
		return 0;
	dash = !tp(S, j, ',') && !tp(S, j, '(');
	memcpy(open, S->t[j].w, sizeof(open) - 1);
	open[sizeof(open) - 1] = '\0';
	for (k = j + 1, end = SIZE_MAX; k < S->n && k <= j + 10; k++)
		if (S->t[k].punct) {
			if ((tp(S, j, ',') && tp(S, k, ',')) ||
			    (tp(S, j, '(') && tp(S, k, ')')) ||
			    (dash && strcmp(S->t[k].w, open) == 0))
				end = k;
			break;
		}
	if (end == SIZE_MAX || end + 2 >= S->n ||
	    !(tw(S, end + 1, "had") || tw(S, end + 1, "has")))
		return 0;
	for (k = j + 1; k < end; k++) {
		if (TW_ANY(S, k, firm))
			return 0;
		kind |= TW_ANY(S, k, placey);
	}
	if (!kind)
		return 0;
	k = end + 2;
	if (!((!S->t[k].punct && is_digit((unsigned char)S->t[k].w[0])) ||
	    tw(S, k, "about") || tw(S, k, "nearly") || tw(S, k, "more") ||
	    tw(S, k, "over") || tw(S, k, "some") || tw(S, k, "around")))
		return 0;
	return j;
}

/* "the entire Greater Jakarta region": a kind of area after a name. */
int
place_kind_word(const struct sentence *S, size_t j)
{
	static const char *const kinds[] = {
		"region", "province", "island", "state", "country", "county",
		"district", "area"
	};

	return j < S->n && !S->t[j].cap && TW_ANY(S, j, kinds);
}

/*
 * "the grid collapsed in six southern provinces", "four northern states":
 * a count of areas with a compass word before its noun is the place said
 * when the sentence names no other (r has no place).
 */
void
compass_areas(const struct sentence *S, const struct quant *q,
    struct extract_report *r)
{
	char m[EXTRACT_MENTION_MAX];
	size_t c, a, b;

	if (r->region != NULL || r->mention[0] != '\0' || !q->placeish ||
	    q->value < 1 || q->t1 < q->t0 + 3)
		return;
	c = q->t1 - 2;
	if (S->t[c].cap || !tin(S, c, LX_COMPASS) || tin(S, c, LX_AREA))
		return;
	a = S->t[c].start;
	b = S->t[q->t1 - 1].start + S->t[q->t1 - 1].len;
	if (b - a >= sizeof(m))
		return;
	memcpy(m, S->text + a, b - a);
	m[b - a] = '\0';
	set_place(r, NULL, m);
}

/* "Washington County", "Delaware counties": a county named after a US
   state is no part of that state (Kenya's and Ireland's counties are
   their subdivisions). */
int
state_county(const struct sentence *S, const struct place *p)
{
	const struct region *r = p->m->region;

	/* the state's own name ("Garland", placed in Arkansas as a part
	   of it, is no state's name) */
	if (r == NULL || r->depth != 1 || strncmp(r->id, "US-", 3) != 0 ||
	    p->tok_end >= S->n || strlen(r->name) != p->m->len ||
	    strncasecmp(S->text + p->m->start, r->name, p->m->len) != 0)
		return 0;
	if (tw(S, p->tok_end, "county") || tw(S, p->tok_end, "parish"))
		return 1;
	/* "Hancock and Washington counties", not "the affected Florida
	   counties" (Florida's) */
	return (tw(S, p->tok_end, "counties") ||
	    tw(S, p->tok_end, "parishes")) && p->tok > 0 &&
	    (tw(S, p->tok - 1, "and") || tw(S, p->tok - 1, "or") ||
	    tp(S, p->tok - 1, ','));
}

/*
 * [list-kind] "in the Kyiv and Chernihiv regions", "Kharkiv, Kyiv and
 * Lviv oblasts": a plural kind after a list's last name is said of every
 * name of the list.  Where the bare name is a city that shares its name
 * with a region (Kyiv: the city UA-30, the region UA-32), the listed
 * name p is the region "<name> region".  Returns it, with its mention in
 * m, or NULL when p is no such name.
 */
const struct region *
listed_kind(struct context *C, const struct place *p, char *m, size_t msz)
{
	const struct sentence *S = C->cur;
	const struct region *reg = NULL;
	char name[EXTRACT_MENTION_MAX + 8], err[64];
	size_t i;
	int names = 0;

	/* only a first-level subdivision that is a city (Kyiv UA-30,
	   Sevastopol): the lookup below is not for every listed name */
	if (p->m->region == NULL || p->m->region->depth != 1 ||
	    p->m->region->type == NULL ||
	    strcasecmp(p->m->region->type, "city") != 0 ||
	    p->tok_end >= S->n || !(tp(S, p->tok_end, ',') ||
	    tw(S, p->tok_end, "and")))
		return NULL;
	for (i = p->tok_end; i < S->n && i < p->tok_end + 16; i++) {
		if (tw(S, i, "regions") || tw(S, i, "oblasts")) {
			if (names == 0)
				return NULL;
			break;
		}
		if (tp(S, i, ',') || tw(S, i, "and"))
			continue;
		if (!S->t[i].cap || S->t[i].punct)
			return NULL;
		/* "in Kyiv, Kyiv and Chernihiv regions": the city, then
		   the region of the same name */
		if (S->t[i].len == p->m->len && strncmp(C->text +
		    S->t[i].start, C->text + p->m->start, p->m->len) == 0)
			return NULL;
		names++;
	}
	if (i >= S->n || i >= p->tok_end + 16 ||
	    strlen(m) + sizeof(" region") > sizeof(name))
		return NULL;
	(void)snprintf(name, sizeof(name), "%s region", m);
	if (gaz_resolve(C->g, name, &reg, err, sizeof(err)) != OD_OK ||
	    reg == NULL || reg == p->m->region || reg->depth != 1)
		return NULL;
	str_copy(m, name, msz);
	return reg;
}
