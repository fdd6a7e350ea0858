/* SPDX-License-Identifier: MIT */
/*
 * places.c - place names: gazetteer matches that are places the
 * report is about, and unknown places by shape.
 */
#include <stdlib.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "extract_int.h"

/* ---- places ------------------------------------------------------------ */

/* "Areas without power include", "the suburbs affected include": an
   area word at most five words before token i. */
static int
areas_before(const struct sentence *S, size_t i)
{
	static const char *const areas[] = { "areas", "places", "towns",
	    "neighbourhoods", "neighborhoods", "communities", "counties",
	    "districts", "regions", "cities", "villages", "suburbs",
	    "settlements", "localities", "parishes", "provinces", "states" };
	size_t k, a;

	for (k = i; word_back(k, i, 6); k--)
		for (a = 0; a < NELEM(areas); a++)
			if (tw(S, k - 1, areas[a]))
				return 1;
	return 0;
}

/*
 * Does a known place end right before token i, itself in a list (after
 * ",", "and", "in" or "include")?  Then an unknown name after i may go on
 * with the list.
 */
static int
listed_after_known(const struct sentence *S, const struct place *known,
    size_t nk, size_t i)
{
	size_t k, t;

	for (k = 0; k < nk; k++) {
		/* "Victoria Island and Lekki" [name-tail] */
		if ((known[k].tok_end != i && !(known[k].tok_end + 1 == i &&
		    (name_tail(S, known[k].tok_end) ||
		    /* "A, Tartus, and Hama": the serial comma */
		    (tp(S, known[k].tok_end, ',') && tw(S, i, "and"))))))
			continue;
		/* "Islamabad, Karachi and Lahore went dark" [closed-list] */
		if (known[k].tok == 0 || !tw(S, known[k].tok - 1, "in"))
			if (closed_list_from(S, i))
				return 1;
		if (known[k].tok == 0)
			continue;
		t = known[k].tok - 1;
		/* "parts of South Delhi, Dwarka and Rohini" */
		if (t > 0 && S->t[t].cap && tin(S, t, LX_COMPASS))
			t--;
		if (tw(S, t, "the") && t > 0)
			t--;
		/* "In Kyiv, Darnytskyi district ...": an opening phrase,
		   not a list */
		if (t == 0 && tw(S, t, "in") && tp(S, i, ','))
			continue;
		if (tp(S, t, ',') || tw(S, t, "and") || tw(S, t, "in") ||
		    tw(S, t, "across") || tw(S, t, "include") || tw(S, t, "includes") ||
		    tw(S, t, "included") || tw(S, t, "including"))
			return 1;
		/* "Residents of Diego Martin and Petit Valley", "parts of
		   A and B" */
		if (tw(S, t, "of") && t > 0 && (tw(S, t - 1, "parts") ||
		    area_of(S, t - 1) || unit_is(S, t - 1, "people")))
			return 1;
	}
	return 0;
}

/*
 * A place the gazetteer does not know, by its shape: capitalised words
 * after "in" ("In Transnistria,") or "region of".  Region stays NULL.
 */
/* Does a known place start at token j? */
static int
known_at(const struct place *known, size_t nk, const struct sentence *S,
    size_t j)
{
	size_t k;

	for (k = 0; k < nk; k++)
		if (known[k].m->start == S->t[j].start)
			return 1;
	return 0;
}

/* Capitalised words from token k, then "and" or "," and a known place:
   "Melville and Auckland Park" */
static int
listed_before_known(const struct sentence *S, const struct place *known,
    size_t nk, size_t k)
{
	size_t j = name_words_end(S, k);

	return j > k && j + 1 < S->n && (tw(S, j, "and") || tp(S, j, ',')) &&
	    known_at(known, nk, S, j + 1);
}

/* "left Goma without water": up to three capitalised words from k, then
   "without", "with no" or "in the dark" */
static int
left_without(const struct sentence *S, size_t k)
{
	size_t j = name_words_end(S, k);

	return j > k && (tw(S, j, "without") || (tw(S, j, "with") &&
	    tw(S, j + 1, "no")) || (tw(S, j, "in") && tw(S, j + 1, "the") &&
	    (tw(S, j + 2, "dark") || tw(S, j + 2, "cold"))));
}

/* "Portmore, 64 per cent": up to three capitalised words from k, a
   comma, then a figure */
static int
name_then_figure(const struct sentence *S, size_t k)
{
	size_t j = name_words_end(S, k);

	return j > k && tp(S, j, ',') && j + 1 < S->n &&
	    (is_digit((unsigned char)S->t[j + 1].w[0]) ||
	    tin(S, j + 1, LX_NUMBER_START));
}

/*
 * Tokens [s0, j) as a place the gazetteer does not know (s0 the
 * sentence's or its main clause's first word), written to *out, unless a
 * known place overlaps them.  Returns how many were written (0 or 1).
 */
static size_t
opening_mention_at(const struct sentence *S, const struct place *known,
    size_t nk, size_t s0, size_t j, struct gaz_match *out)
{
	size_t k, a = S->t[s0].start,
	    b = S->t[j - 1].start + S->t[j - 1].len;

	for (k = 0; k < nk; k++)
		if (known[k].m->start < b &&
		    known[k].m->start + known[k].m->len > a)
			return 0;
	out->region = NULL;
	out->start = a;
	out->len = b - a;
	return 1;
}

/* The same for the sentence's first j tokens. */
static size_t
opening_mention(const struct sentence *S, const struct place *known,
    size_t nk, size_t j, struct gaz_match *out)
{
	return opening_mention_at(S, known, nk, 0, j, out);
}

/*
 * [compass-area] "in the southeast", "across the north-west", "in the
 * North": after "in", "across" or "throughout" and "the", a compass noun
 * with no name and no "of" after it is an area (lowercase, a part of the
 * country the story is about: report_places.c's place_from()).
 */
static int
compass_area(const struct sentence *S, size_t i)
{
	/* each a word of LX_COMPASS (unknown_places() asks its bit) */
	static const char *const parts[] = { "north", "south", "east",
	    "west", "northeast", "northwest", "southeast", "southwest",
	    "north-east", "north-west", "south-east", "south-west",
	    "midwest" };
	size_t k = i + 2;

	/* "in the south", and "in the North" (a region's own name) */
	if (!(tw(S, i, "in") || tw(S, i, "across") ||
	    tw(S, i, "throughout")) || !tw(S, i + 1, "the") ||
	    !TW_ANY(S, k, parts))
		return 0;
	/* "across the west, and Galway and Ennis still had ...": a new
	   clause whose subject is a list, which the compass noun would
	   join */
	if (k + 4 < S->n && tp(S, k + 1, ',') && tw(S, k + 2, "and") &&
	    S->t[k + 3].cap && tw(S, name_words_end(S, k + 3), "and"))
		return 0;
	return k + 1 >= S->n || (S->t[k + 1].punct ? !tp(S, k + 1, '-') :
	    !S->t[k + 1].cap && !tw(S, k + 1, "of") &&
	    !tw(S, k + 1, "side") && !tw(S, k + 1, "coast") &&
	    !tw(S, k + 1, "bank") && !tw(S, k + 1, "end"));
}

/* Does a bracket stand between the name m and token i, right after both
   ("Montreal (3,365 customers) and": m, then the bracket, then i)? */
static int
bracket_between(const struct sentence *S, const struct gaz_match *m,
    size_t i)
{
	size_t k;

	if (i < 3 || !tp(S, i - 1, ')'))
		return 0;
	for (k = i - 1; k-- > 0 && k + 7 > i;)
		if (tp(S, k, '('))
			return k > 0 && m->start + m->len ==
			    S->t[k - 1].start + S->t[k - 1].len;
	return 0;
}

/* "Vellora's network", "Norvale's total customer base": a name whose
   possessive (token k) holds what a company has */
static int
company_possessive(const struct sentence *S, size_t k)
{
	static const char *const held[] = { "network", "networks", "grid",
	    "customer", "customers", "subscribers", "clients", "system",
	    "lines", "service", "substations", "substation" };
	const char *w = S->text + S->t[k].start;
	size_t l = S->t[k].len, j = k + 1;

	/* "Vellora's" is one token; "Vellora’s" three (the tokenizer
	   splits at the typographic apostrophe) */
	if (tp(S, k + 1, '\'') && tw(S, k + 2, "s"))
		j = k + 3;
	else if (!(l > 2 && w[l - 1] == 's' && w[l - 2] == '\''))
		return 0;
	j += tw(S, j, "total") || tw(S, j, "entire") || tw(S, j, "whole") ||
	    tw(S, j, "own");
	return TW_ANY(S, j, held);
}

/* "the largest utilities, including Elvia and Tensio": the names a
   list of companies introduces are companies, no places */
static int
company_noun(const struct sentence *S, size_t i)
{
	static const char *const nouns[] = { "utilities", "companies",
	    "operators", "providers", "suppliers", "firms", "distributors",
	    "carriers", "utility", "company", "operator", "provider" };

	return TW_ANY(S, i, nouns);
}

/* Do the last two names found, pm[n - 2] and pm[n - 1], stand before the
   comma at token i, each right before a comma ("A, B," at i)? */
static int
comma_chain(const struct sentence *S, const struct gaz_match *pm, size_t n,
    size_t i)
{
	size_t k;

	if (n < 2 || i < 3 || pm[n - 1].start + pm[n - 1].len !=
	    S->t[i - 1].start + S->t[i - 1].len)
		return 0;
	/* the comma before pm[n - 1], and pm[n - 2] right before it */
	for (k = i - 1; k > 0 && S->t[k].start >= pm[n - 1].start; k--)
		;
	return tp(S, k, ',') && k > 0 && pm[n - 2].start + pm[n - 2].len ==
	    S->t[k - 1].start + S->t[k - 1].len;
}

/* Between a preposition and a name: "the", "both" (NAME_DET), "in his
   constituency" (NAME_POSS), "in metro Atlanta", a compass word (NAME_MOD):
   every kind token k is of (lexicon.c's lists: asked of many tokens) */
enum { NAME_DET = 1, NAME_POSS = 2, NAME_MOD = 4 };

static int
name_opener(const struct sentence *S, size_t k)
{
	return (tin(S, k, LX_NAME_DET) ? NAME_DET : 0) |
	    (tin(S, k, LX_NAME_POSS) ? NAME_POSS : 0) |
	    (tin(S, k, LX_COMPASS) || tin(S, k, LX_NAME_MOD) ? NAME_MOD : 0);
}

/*
 * Speed only (the same output): may unknown_places() find a name after
 * token i?  Each name it finds starts with a capital at s0, unless a
 * numbered list goes on after a number and "and" or "," at i ("Sectors
 * 62, 71": numbered_next()); s0 is i + 1, or i + 2 after "the", "both",
 * a possessive or a modifier at i + 1, or i + 3 after one of those and
 * a modifier.  Most tokens have none of it.  A rule there that finds a
 * name some other way, or starts it past another word, must widen this
 * test.  1: it may; -1: it may not; 0: nor a capital at i + 1 to i + 3.
 */
static inline int
name_may_follow(const struct sentence *S, size_t i)
{
	if (S->t[i + 1].cap || (i > 0 &&
	    is_digit((unsigned char)S->t[i - 1].w[0]) &&
	    (tw(S, i, "and") || tp(S, i, ','))))
		return 1;
	if ((i + 2 >= S->n || !S->t[i + 2].cap) &&
	    (i + 3 >= S->n || !S->t[i + 3].cap))
		return 0;
	/* name_opener(S, i + 1) != 0, its four bits read at once */
	return (lx_in(S->t[i + 1].lx, LX_NAME_DET) | lx_in(S->t[i + 1].lx,
	    LX_NAME_POSS) | lx_in(S->t[i + 1].lx, LX_COMPASS) |
	    lx_in(S->t[i + 1].lx, LX_NAME_MOD)) ? 1 : -1;
}

/*
 * Speed only (the same output): is token i a word or punctuation that a
 * rule of unknown_places() starts from when it says a name follows
 * ("after")?  Its own tw()/tp() tests, and those of the rules it asks
 * elsewhere: weather_hit(), name_at_figure(), name_before_figure(),
 * compass_pair() ("and", "or"), kind_list_before() ("-", "like",
 * "including", "such as", a plural kind).  The words are lexicon.c's
 * LX_NAME_OPENS: a rule that starts from another word must add it there.
 */
static int
word_may_open(const struct sentence *S, size_t i)
{
	const char *w = S->t[i].w;

	if (S->t[i].punct)
		return w[0] == ',' || w[0] == ':' || w[0] == ';' || w[0] == '-';
	return tin(S, i, LX_NAME_OPENS);
}

/* names_before_part(S, i + 1), asked once a token (*memo -1 until then):
   speed only, three rules of unknown_places() ask it of the same token */
static int
part_next(const struct sentence *S, size_t i, int *memo)
{
	if (*memo < 0)
		*memo = names_before_part(S, i + 1) != 0;
	return *memo;
}

static size_t
unknown_places(const struct sentence *S, const struct place *known,
    size_t nk, struct gaz_match *pm, size_t max)
{
	size_t i, j, k, n = 0, a, b, at = 0, ol, ms;
	int all = extract_eager(), f;	/* all: the speed-only gates off */
	const struct tok *t;

	/* "Thane district was the worst hit": a sentence that opens with
	   the name of a district */
	if (max > 0 && S->n > 1 && names_before_part(S, 0)) {
		j = name_words_end(S, 0);
		n += opening_mention(S, known, nk, j, &pm[n]);
	}
	/* "Toronto - hardest hit by the storm - had 16,000 customers"
	   [opening-aside] (place_shapes.c; aside_may_open(), inline, spares
	   the call in most sentences) */
	if (n < max && S->n > 4 && aside_may_open(S) &&
	    (j = opening_aside(S)) > 0)
		n += opening_mention(S, known, nk, j, &pm[n]);
	/* "Barrhaven, Kanata and Orléans are the hardest hit": the
	   first name of a list that opens the sentence [opening-list] */
	ol = opening_list(S, &at);
	if (n < max && ol > 0 && at == 0 && (n == 0 ||
	    pm[n - 1].start != S->t[0].start))
		n += opening_mention(S, known, nk, ol, &pm[n]);
	/* "Houston lost power" [opening-subject] */
	if (n < max && (n == 0 || pm[n - 1].start != S->t[0].start) &&
	    subject_may_open(S, 0) && (j = opening_subject(S, 0)) > 0)
		n += opening_mention(S, known, nk, j, &pm[n]);
	/* "The Hopevale community (and surrounds) has 265 customers off
	   supply": after "The", a name and its kind */
	if (n < max && S->n > 4 && tw(S, 0, "the") &&
	    subject_may_open(S, 1) && (j = opening_subject(S, 1)) > 2 &&
	    (town_kind(S, j - 1) || (tw(S, j - 1, "surrounds") &&
	    town_kind(S, j - 3))))
		n += opening_mention_at(S, known, nk, 1, j, &pm[n]);
	/* "According to the utility, Lawrence County still has ...": the
	   same after a short opener */
	if (n < max && (ms = main_start(S)) > 0) {
		if (names_before_part(S, ms))
			j = name_words_end(S, ms);
		else if (subject_may_open(S, ms))
			j = opening_subject(S, ms);
		else
			j = 0;
		if (j > ms)
			n += opening_mention_at(S, known, nk, ms, j, &pm[n]);
	}
	for (i = 0; i + 1 < S->n && n < max; i++) {
		int before_noun = 0, after = 0, on, demonym = 0, adj_util = 0;
		int part = -1;	/* part_next()'s answer, once asked */
		size_t s0;	/* where the name may start */

		/* Speed only (the same output): the tokens after which no
		   name can start, passed over in a loop of their own (they
		   need none of this loop's state); after a 0 at i, i + 1 is
		   one unless i + 4 has a capital or i a number: a run
		   of them by those two tests a token, not all four */
		while (i + 1 < S->n && !all &&
		    (f = name_may_follow(S, i)) != 1) {
			while (f == 0 && i + 4 < S->n && !S->t[i + 4].cap &&
			    !is_digit((unsigned char)S->t[i].w[0]))
				i++;
			i++;
		}
		if (i + 1 >= S->n)
			break;
		s0 = i + 1;
		/* "South Jackson residents": a name before people */
		if (S->t[i + 1].cap && !tw(S, i, "in") && (S->t[i].punct ||
		    !S->t[i].cap)) {
			j = name_words_end(S, i + 1);
			/* "250,000 Ukrainian gas customers": a place's
			   adjective, its utility, then the people (asked
			   only where it decides, before an account noun or
			   a utility word: a bsearch a name) */
			demonym = j == i + 2 && j < S->n &&
			    ((lx_in(S->t[j].lx, LX_UTILITY_HEAD) &&
			    word_utility(S, j) != 0) || account_noun(S, j)) &&
			    place_adjective(S->t[i + 1].w);
			adj_util = demonym && j + 1 < S->n &&
			    word_utility(S, j) != 0;
			if (adj_util)
				j++;
			before_noun = j < S->n && j > i + 1 &&
			    tok_unit(&S->t[j]) != NULL &&
			    *tok_unit(&S->t[j]) != '\0' &&
			    !WEQ(S->t[j].w, "outages") &&
			    !tin(S, i + 1, LX_NOT_PLACE) &&
			    (j - i > 2 || i > 0) &&
			    /* "Thousands of Vodafone customers": one unknown
			       word before an account noun is the company's
			       name (G9), not a place */
			    !(j == i + 2 && !demonym && account_noun(S, j)) &&
			    !acronym_company(S, i + 1, j);
		}
		/* Speed only (the same output): no rule below says a name
		   follows token i unless it is one of word_may_open()'s, or
		   a rule reads no word of it: a Cyrillic genitive (only
		   where S->lang), ", mainly" (a word of concentration), the
		   line an opening list starts, and a part's names (asked
		   here); where S->lang, the genitive is asked here too */
		if (!all && !before_noun && !word_may_open(S, i) &&
		    !tin(S, i, LX_CONCENTRATED) &&
		    !(ol > 0 && at > 0 && i + 1 == at) &&
		    !(S->t[i + 1].cap && !S->t[i].cap &&
		    part_next(S, i, &part)) &&
		    (S->lang == 0 || !cyr_genitive_place(S, i)))
			continue;
		/* "in", "across", "throughout" ("the" may follow); "region
		   of", "parts of", "much of"; the next name of a list */
		on = tw(S, i, "on");
		/* "areas without power include A, B and C" (not "networks
		   including Telkomsel and XL") */
		after = tw(S, i, "in") || tw(S, i, "across") ||
		    /* "Power cut hits Barrhaven", "Blackout grips Soweto":
		       a headline's outage and its place */
		    (i > 0 && (tw(S, i, "hits") || tw(S, i, "hit") ||
		    tw(S, i, "grips") || tw(S, i, "plunges")) &&
		    (tw(S, i - 1, "cut") || tw(S, i - 1, "cuts") ||
		    tin(S, i - 1, LX_OUTAGES) || tw(S, i - 1, "blackout") ||
		    tw(S, i - 1, "blackouts"))) ||
		    /* "мешканці Троєщини": a genitive, no "of" (only
		       where a word is Cyrillic: S->lang) */
		    (S->lang != 0 && cyr_genitive_place(S, i)) ||
		    /* "In Kyiv, Darnytskyi and Obolonskyi districts" */
		    /* "The worst affected was Puri district" */
		    (S->t[i + 1].cap && (tp(S, i, ',') || tw(S, i, "the") ||
		    tw(S, i, "was") || tw(S, i, "is") ||
		    /* "..., and Tensas and St. Landry parishes were
		       dark" */
		    (tw(S, i, "and") && i > 0 && tp(S, i - 1, ','))) &&
		    part_next(S, i, &part)) ||
		    (S->t[i].w[0] == 'i' && S->t[i].w[1] == 'n' &&
		    S->t[i].w[2] == 'c' && (tw(S, i, "include") ||
		    tw(S, i, "includes") || tw(S, i, "included") ||
		    tw(S, i, "including")) && areas_before(S, i)) ||
		    /* "water supply to the Saltivskyi district", "power
		       was restored to Izium" */
		    ((S->t[i + 1].cap || tw(S, i + 1, "the")) &&
		    tw(S, i, "to") && i > 0 &&
		    /* "restores power to Korangi" */
		    ((i > 1 && S->t[i - 1].util != 0 &&
		    tin(S, i - 2, LX_RESTORED)) ||
		    /* "electricity was cut off to A, B and C" */
		    tw(S, i - 1, "cut") || (i > 1 && tw(S, i - 1, "off") &&
		    (tw(S, i - 2, "cut") || tw(S, i - 2, "switched") ||
		    tw(S, i - 2, "shut") || tw(S, i - 2, "turned"))) ||
		    tw(S, i - 1, "supply") ||
		    /* "the supply of gas to Korangi" */
		    (i > 2 && S->t[i - 1].util != 0 &&
		    tw(S, i - 2, "of") && tw(S, i - 3, "supply")) ||
		    tw(S, i - 1, "supplies") || tw(S, i - 1, "service") ||
		    tin(S, i - 1, LX_RESTORED) ||
		    /* "power was returning to Maracaibo" */
		    tw(S, i - 1, "returning"))) ||
		    tw(S, i, "throughout") || tw(S, i, "through") || on ||
		    (tw(S, i, "of") && i > 0 &&
		    /* "83% of St. Tammany" */
		    (tp(S, i - 1, '%') || tw(S, i - 1, "percent") ||
		    tw(S, i - 1, "cent") ||
		    /* "residents of Peshawar" */
		    (unit_is(S, i - 1, "people") ||
		    tin(S, i - 1, LX_KIND) || tw(S, i - 1, "parts") ||
		    /* "the villages of A, B and C" */
		    tw(S, i - 1, "villages") || tw(S, i - 1, "towns") ||
		    tw(S, i - 1, "settlements") ||
		    tw(S, i - 1, "communities") ||
		    tw(S, i - 1, "districts") ||
		    /* "in the cities of Takatsuki and Minoo", "the
		       municipalities of Lagadas, Volvi and Thermi" */
		    tw(S, i - 1, "cities") ||
		    tw(S, i - 1, "municipalities") ||
		    /* "the provinces of Homs, Hama and Tartous" */
		    tw(S, i - 1, "provinces") || tw(S, i - 1, "regions") ||
		    tw(S, i - 1, "governorates") ||
		    /* "the suburbs of Orlando and Diepkloof" (not the
		       last of a list: "in A, B and the suburbs of C" is
		       one area) */
		    (area_of(S, i - 1) && !list_before(S, i - 1)) ||
		    tw(S, i - 1, "island") ||
		    tw(S, i - 1, "part") || tw(S, i - 1, "much") ||
		    /* "on the outskirts of Loxley", "in the streets of
		       Wairoa" */
		    tw(S, i - 1, "outskirts") || tw(S, i - 1, "streets") ||
		    /* "the whole of Negril", "all of Montenegro" */
		    tw(S, i - 1, "whole") || tw(S, i - 1, "all") ||
		    tw(S, i - 1, "most")))) || ((tw(S, i, "and") ||
		    tp(S, i, ',')) && i > 0 && ((n > 0 &&
		    (pm[n - 1].start + pm[n - 1].len ==
		    S->t[i - 1].start + S->t[i - 1].len ||
		    /* "A, B, and C": the serial comma */
		    (tw(S, i, "and") && i > 1 && tp(S, i - 1, ',') &&
		    pm[n - 1].start + pm[n - 1].len ==
		    S->t[i - 2].start + S->t[i - 2].len) ||
		    /* "Montreal (3,365 customers) and the Montérégie" */
		    bracket_between(S, &pm[n - 1], i))) ||
		    /* "include Aberdeen, Aberdeenshire, Moray": a list
		       goes on past a known name too */
		    listed_after_known(S, known, nk, i)));
		/* "still out in these areas: A, B and C", "the hardest-hit
		   areas were A, B and C": the list an area noun opens */
		if (!after && (S->t[i + 1].cap || (tw(S, i + 1, "the") &&
		    i + 2 < S->n && S->t[i + 2].cap)) && i > 0 &&
		    (tp(S, i, ':') || tw(S, i, "were") || tw(S, i, "are") ||
		    tw(S, i, "remain") || tw(S, i, "remained")) &&
		    (areas_noun(S, i - 1) ||
		    /* "the regions most affected were A, B and C" */
		    (i > 2 && (tw(S, i - 1, "affected") ||
		    tw(S, i - 1, "hit")) && tin(S, i - 2, LX_WORST) &&
		    areas_noun(S, i - 3))))
			after = 1;
		/* ", while Melville and Auckland Park were ...": a name
		   listed before a known place opens a clause */
		if (!after && S->t[i + 1].cap && (tw(S, i, "while") ||
		    tw(S, i, "but") || tw(S, i, "whereas") || tp(S, i, ',')) &&
		    listed_before_known(S, known, nk, i + 1))
			after = 1;
		/* "Lafourche Parish had 1,900 customers ... and Terrebonne
		   had 3,200": a parallel subject with its own count */
		if (!after && tw(S, i, "and") && S->t[i + 1].cap &&
		    parallel_count(S, i + 1))
			after = 1;
		/* "most of them north of Warkworth" */
		if (!after && tw(S, i, "of") && i > 0 && !S->t[i - 1].cap &&
		    tin(S, i - 1, LX_COMPASS))
			after = 1;
		/* "The storm left Goma without water", "leaving Kingston in
		   the dark" */
		if (!after && S->t[i + 1].cap && (tw(S, i, "left") ||
		    tw(S, i, "leaving")) && left_without(S, i + 1))
			after = 1;
		/* "Hanover, 98 per cent; Portmore, 64 per cent": a name
		   that opens a part of a list of labelled figures
		   [label-line] */
		if (!after && S->t[i + 1].cap && (tp(S, i, ';') ||
		    tp(S, i, ':')) && name_then_figure(S, i + 1))
			after = 1;
		/* ", mainly Brittany and Auvergne" [concentration] */
		if (!after && S->t[i + 1].cap && mainly_opens(S, i))
			after = 1;
		/* "in areas such as Yilan, Hualien and Taoyuan City" */
		if (!after && S->t[i + 1].cap && i > 1 && tw(S, i, "as") &&
		    tw(S, i - 1, "such") && areas_noun(S, i - 2))
			after = 1;
		/* "mostly around the Hornsby and Chatswood areas" */
		if (!after && i > 0 && tw(S, i, "around") &&
		    tin(S, i - 1, LX_CONCENTRATED) && (S->t[i + 1].cap ||
		    tw(S, i + 1, "the")))
			after = 1;
		/* "blackouts of up to 14 hours a day are affecting Quito
		   and Guayaquil": the places an outage is affecting */
		if (!after && S->t[i + 1].cap && tw(S, i, "affecting") &&
		    i > 0 && (tin(S, i - 1, LX_BE) || tin(S, i - 1, LX_OUT_VERB)))
			after = 1;
		/* "in the central and lower North Island" [compass-pair]
		   (place_shapes.c) */
		if (!after && i + 2 < S->n && S->t[i + 2].cap &&
		    s_has(S, LX_COMPASS) && compass_pair(S, i))
			after = 1;
		/* "were without power, including Piraeus and Peristeri":
		   the places a comma and "including" add to an outage told
		   before them (report_passes.c [including]) */
		if (!after && S->t[i + 1].cap && i > 1 && tp(S, i - 1, ',') &&
		    tw(S, i, "including") && s_has(S, LX_STATUS_HEAD) &&
		    !company_noun(S, i - 2))
			after = 1;
		/* ", with Alford being the worst affected": the names a
		   worst-hit phrase closes */
		if (!after && S->t[i + 1].cap && tw(S, i, "with") &&
		    with_worst_phrase(S, i + 1) != SIZE_MAX)
			after = 1;
		/* "the entire Greater Jakarta region" */
		if (!after && S->t[i + 1].cap && tw(S, i, "entire") && i > 0 &&
		    tw(S, i - 1, "the"))
			after = 1;
		/* "returned to mega cities Karachi and Lahore", "big
		   cities like Karachi": a plural kind names the list */
		if (!after && S->t[i + 1].cap && kind_list_before(S, i))
			after = 1;
		/* the name that opens a headline's next line
		   [opening-list] */
		if (!after && ol > 0 && at > 0 && i + 1 == at)
			after = 1;
		/* "people from Telefomin and Oksapmin have been cut off":
		   the people's place */
		if (!after && S->t[i + 1].cap && i > 0 && tw(S, i, "from") &&
		    unit_is(S, i - 1, "people"))
			after = 1;
		/* "followed by Pinellas County with 280,000": the next
		   of a ranking (z-en-us) */
		if (!after && S->t[i + 1].cap && i > 0 && tw(S, i, "by") &&
		    tw(S, i - 1, "followed"))
			after = 1;
		/* "..., followed by Scioto with 286 and Gallia with 272":
		   the ranking's next name, before its "with" and figure */
		if (!after && S->t[i + 1].cap && (tw(S, i, "and") ||
		    tp(S, i, ',')) && i + 3 < S->n && tw(S, i + 2, "with") &&
		    is_digit((unsigned char)S->t[i + 3].w[0]) &&
		    ranking_before(S, i))
			after = 1;
		/* "412 buildings of Saltivskyi district", "crews from
		   Tangipahoa and Washington parishes": a name before the
		   word for a district is a place wherever it stands
		   [part-name] */
		if (!after && S->lang == 0 && S->t[i + 1].cap &&
		    !S->t[i].cap && part_next(S, i, &part))
			after = 1;
		/* "when storms hit Sydney" [storm-place]; "with Suzu at
		   3.1 percent" [name-at-figure] */
		if (!after && S->t[i + 1].cap && (weather_hit(S, i) ||
		    name_at_figure(S, i) || name_before_figure(S, i)))
			after = 1;
		if (after && (!tw(S, i, "of") || part_of(S, i)) &&
		    tw(S, i + 1, "the"))
			s0 = i + 2;
		/* "in both Caguas and Arecibo" */
		else if (after && tw(S, i, "in") && tw(S, i + 1, "both"))
			s0 = i + 2;
		/* "in his Westmorland constituency" */
		else if (tw(S, i, "in") && (name_opener(S, i + 1) & NAME_POSS))
			s0 = i + 2;
		/* "in metro Atlanta" (these words are name_may_follow()'s) */
		if (after && !tw(S, i, "of") && s0 < S->n && !S->t[s0].cap &&
		    (name_opener(S, s0) & NAME_MOD))
			s0++;
		if (!before_noun && !after)
			continue;
		/* a name does not run on past the end of a line (a
		   headline, then "TOKYO -") */
		for (j = s0; j < S->n && j < s0 + 4 && S->t[j].cap &&
		    !S->t[j].punct && !tin(S, j, LX_NOT_PLACE) &&
		    (j == s0 || memchr(S->text + S->t[j - 1].start, '\n',
		    S->t[j].start - S->t[j - 1].start) == NULL) &&
		    !org_at(S, j) && !tin(S, j, LX_TELECOM) &&
		    !tin(S, j, LX_UTILITY_HEAD) &&
		    /* "села Луговое Херсонской области": a known name
		       ends a Cyrillic one */
		    !(j > s0 && S->t[j].cyr && known_at(known, nk, S, j));
		    j++)
			/* "St. Tammany", "Mt. Pleasant" */
			if ((tw(S, j, "st") || tw(S, j, "mt") ||
			    tw(S, j, "ft")) && tp(S, j + 1, '.') &&
			    j + 2 < S->n && S->t[j + 2].cap)
				j++;
		/* "Sector 45", "Sectors 62, 71 and 120", and the list's
		   next number [numbered-place] */
		if (j > s0 && j < S->n && numbered_kind(S, j - 1) != 0) {
			if (numbered_kind(S, j - 1) == 2)
				s0 = j;
			j++;
		} else if (j == s0 && (tw(S, i, "and") || tp(S, i, ',')) &&
		    numbered_next(S, i, pm, n, s0))
			j++;
		/* "restored power to Duke Energy customers": a company */
		if (j < S->n && j > s0 && (tw(S, i, "to") ||
		    tw(S, i, "affecting")) && (tin(S, j, LX_ORG) ||
		    tok_unit(&S->t[j]) != NULL))
			continue;
		/* "60 per cent of Nova Scotia Power customers": a name
		   that runs into a capitalised company word is the
		   company's (z-en-us) */
		if (j < S->n && j > s0 && S->t[j].cap && !S->t[j].punct &&
		    org_at(S, j))
			continue;
		if (j == s0 || (before_noun && j < S->n && !after &&
		    tok_unit(&S->t[j]) == NULL && !(adj_util && j == i + 2)))
			continue;
		/* "on Vancouver Island": "on" names islands and coasts,
		   not days or networks */
		if (on && !before_noun && !tw(S, j - 1, "island") &&
		    !tw(S, j - 1, "shore") &&
		    !tw(S, j - 1, "islands") && !tw(S, j - 1, "peninsula") &&
		    !tw(S, j - 1, "coast"))
			continue;
		/* "Jackson, Miss.": after a comma only a list goes on; a
		   headline's list may end its line ("Internet outage hits
		   Gilgit, Skardu") */
		if (tp(S, i, ',') && !tp(S, j, ',') && !tw(S, j, "and") &&
		    !tw(S, j, "or") && !line_ends(S, j) &&
		    /* "..., Meeniyan East with 92 properties"
		       [name-at-figure] */
		    !name_before_figure(S, i) &&
		    /* "to Landhi, Korangi, Malir was suspended": the last
		       of three or more names that commas alone join, before
		       the clause's verb */
		    !(tin(S, j, LX_AUX) && comma_chain(S, pm, n, i)) &&
		    /* "Brenton (3,365), Halden (1,999) and ...": a list
		       of bracketed figures [bracket-count] */
		    !(tp(S, j, '(') && j + 1 < S->n && n > 0 &&
		    is_digit((unsigned char)S->t[j + 1].w[0]) &&
		    bracket_between(S, &pm[n - 1], i)))
			continue;
		/* "east of Highway 416", "Route 9": a road (v-en2) */
		if (road_name(S, j))
			continue;
		/* "across Vellora's network", "of Norvale's total customer
		   base": a company's, no place */
		if (company_possessive(S, j - 1))
			continue;
		a = S->t[s0].start;
		b = S->t[j - 1].start + S->t[j - 1].len;
		/* "in South and Southwest Austin": a compass word alone
		   shares the name after "and" with its own compass word;
		   the whole phrase is one place */
		if (j == s0 + 1 && tw(S, j, "and") &&
		    compass_word(S->text + a, b - a) && j + 2 < S->n &&
		    S->t[j + 1].cap &&
		    compass_word(S->text + S->t[j + 1].start,
		    S->t[j + 1].len) && S->t[j + 2].cap &&
		    !S->t[j + 2].punct && !tin(S, j + 2, LX_NOT_PLACE))
			b = S->t[j + 2].start + S->t[j + 2].len;
		for (k = 0; k < nk; k++)
			if (known[k].m->start < b &&
			    known[k].m->start + known[k].m->len > a)
				break;
		if (k < nk || compass_word(S->text + a, b - a))
			continue;
		/* "Nearly 30,000 Entergy Texas customers": a utility's
		   name (story.c's operators) is no place (G9).  Speed
		   only: the costliest test, asked after the others (each
		   only skips the name: their order changes nothing) */
		if (operator_len(S->text, S->t[s0].start,
		    S->start + S->len) > 0)
			continue;
		/* "the Algarve municipality of Loule": the place within the
		   one named before its kind is the more specific
		   [specific-place] */
		if (tw(S, i, "of") && i >= 2 && tin(S, i - 1, LX_KIND) &&
		    n > 0 && pm[n - 1].start + pm[n - 1].len ==
		    S->t[i - 2].start + S->t[i - 2].len)
			n--;
		pm[n].region = NULL;
		pm[n].start = a;
		pm[n].len = b - a;
		n++;
	}
	/* "in some areas of the left bank" [bank-place] (v-en2) */
	if (n < max)
		n += bank_place(S, &pm[n]);
	/* "58,000 in the southeast", "in the south": a part of the
	   country by its compass noun alone [compass-area]; speed only:
	   its nouns are compass words (LX_COMPASS), read by their bit
	   (the eager mode reads every token) */
	if (all || s_has(S, LX_COMPASS))
		for (t = &S->t[2]; t < &S->t[S->n] && n < max; t++)
			if ((all || lx_in(t->lx, LX_COMPASS)) &&
			    WEQ(t[-1].w, "the") &&
			    compass_area(S, (i = (size_t)(t - S->t) - 2))) {
				pm[n].region = NULL;
				pm[n].start = S->t[i + 2].start;
				pm[n].len = S->t[i + 2].len;
				n++;
			}
	/* "Lower Mainland: 2,800 customers" [label-line] */
	if (n == 0 && n < max)
		n += label_line_names(S, known, nk, pm + n, max - n);
	return n;
}

/*
 * [address] Does known place b go on with the address of place a ("Vake,
 * Tbilisi", "Fox Hollow subdivision, Evansville"): right after a and a
 * comma, and not itself the next of a list ("A, B and C")?
 */
static int
address_of(const struct sentence *S, const struct place *a,
    const struct place *b)
{
	return b->tok == a->tok_end + 1 && tp(S, a->tok_end, ',') &&
	    (b->tok_end >= S->n || (!tw(S, b->tok_end, "and") &&
	    !tw(S, b->tok_end, "or") && !(tp(S, b->tok_end, ',') &&
	    b->tok_end + 1 < S->n && S->t[b->tok_end + 1].cap)));
}

static void
place_at(const struct sentence *S, const struct gaz_match *m,
    struct place *p)
{
	size_t e = m->start + m->len;

	p->m = m;
	p->tok = tok_at(S, m->start);
	/* tok_at(S, e), found from p->tok: a name is a few tokens */
	for (p->tok_end = p->tok; p->tok_end < S->n &&
	    S->t[p->tok_end].start < e; p->tok_end++)
		;
	p->clause = p->tok < S->n ? S->t[p->tok].clause : 0;
	p->owned = p->counted = p->story = 0;
}

/* The token after a bracketed aside that opens at k ("(200,000)"), or
   SIZE_MAX */
static size_t
after_bracket(const struct sentence *S, size_t k)
{
	size_t j;

	if (!tp(S, k, '('))
		return SIZE_MAX;
	for (j = k + 1; j < S->n && j < k + 6; j++)
		if (tp(S, j, ')'))
			return j + 1;
	return SIZE_MAX;
}

/* ", mainly Brittany and Auvergne": a list right after ", mainly" (or
   "mostly") holds the name at t, whatever the others' gazetteer says */
static int
mainly_list(const struct sentence *S, size_t t)
{
	size_t k;

	for (k = t; k >= 2 && k + 12 > t; k--) {
		if (tin(S, k - 1, LX_CONCENTRATED))
			return mainly_opens(S, k - 1);
		if (!S->t[k - 1].cap && !tp(S, k - 1, ',') &&
		    !tw(S, k - 1, "and"))
			return 0;
	}
	return 0;
}

/*
 * [concentration] Places named after "mostly in", "concentrated in the",
 * and the rest of their list: they tell where the story's reports are,
 * and a count takes none of them ("restored to 500,000 customers,
 * mainly in the Kyiv and Odesa regions").
 */
static void
mark_story(const struct sentence *S, struct place *p, size_t np)
{
	size_t k, j, t;
	int grew = 0, concentrated = s_has(S, LX_CONCENTRATED);

	if (np == 0 || cyr_story_counts(S))	/* np: speed only */
		return;		/* lang_uk2.c: the count is the place's */
	for (k = 0; k < np; k++) {
		t = p[k].tok;
		/* "the district of Viana" */
		if (t >= 2 && tw(S, t - 1, "of") && tin(S, t - 2, LX_KIND))
			t -= 2;
		if (t > 0 && tw(S, t - 1, "the"))
			t--;
		p[k].story = t >= 2 && ((tin(S, t - 2, LX_CONCENTRATED) &&
		    concentration_prep(S, t - 1)) ||
		    /* "with service interruptions mostly reported in A,
		       B and C" */
		    (t >= 3 && tin(S, t - 3, LX_CONCENTRATED) &&
		    reported_verb(S, t - 2) &&
		    concentration_prep(S, t - 1)) ||
		    /* ", mainly Brittany and Auvergne" */
		    (t < S->n && !S->t[t].cyr && concentrated &&
		    mainly_list(S, t))) &&
		    !cyr_dash_counted(S, p[k].tok_end);
		/* the list after "with" that a worst-hit phrase closes
		   tells where the outage is worst, not where its count
		   is */
		if (!p[k].story && !S->t[0].cyr && t > 0 &&
		    tw(S, t - 1, "with"))	/* its first test */
			p[k].story = with_worst_phrase(S, t) != SIZE_MAX;
		/* "... after windstorm\nBarrhaven, Kanata and Orléans are
		   the hardest hit" [opening-list] */
		if (!p[k].story && p[k].tok < S->n && S->t[p[k].tok].cap &&
		    headline_list(S, p[k].tok))
			p[k].story = 1;
		grew |= p[k].story;	/* none: no list to follow */
	}
	while (grew) {
		grew = 0;
		for (k = 0; k < np; k++) {
			if (p[k].story || p[k].tok < 2 ||
			    cyr_dash_counted(S, p[k].tok_end))
				continue;
			t = p[k].tok - 1;
			/* "..., Mombasa and the Central region" */
			if (tw(S, t, "the") && t > 0)
				t--;
			if (!tp(S, t, ',') && !tw(S, t, "and"))
				continue;
			for (j = 0; j < np; j++)
				if (p[j].story && (p[j].tok_end == t ||
				    (p[j].tok_end + 1 == t &&
				    tp(S, p[j].tok_end, ',')) ||
				    /* "Brittany (200,000) and Normandy" */
				    after_bracket(S, p[j].tok_end) == t)) {
					p[k].story = 1;
					grew = 1;
				}
		}
	}
}

/* Speed only: has S a word excepted() starts from (once a sentence)? */
static int
except_word_in(const struct sentence *S)
{
	size_t k;

	for (k = 0; k < S->n; k++)
		if ((S->t[k].w[0] == 'e' || S->t[k].w[0] == 'f') &&
		    (tw(S, k, "except") || tw(S, k, "excluding") ||
		    (tw(S, k, "from") && tw(S, k - 1, "apart"))))
			return 1;
	return 0;
}

/* "most parts of the country except North Rift and West Kenya": a place
   after "except" in its clause is where it did not happen.  *any: the
   sentence has such a word (except_word_in()), or -1: not asked yet. */
static int
excepted(const struct sentence *S, size_t tok, int *any)
{
	size_t k;

	if (tok >= S->n)	/* past the sentence's last token read */
		return 0;
	if (*any < 0)	/* speed only: one bit first (eager: the scan) */
		*any = (s_has(S, LX_EXCEPT) || extract_eager()) &&
		    except_word_in(S);
	if (*any == 0)
		return 0;
	for (k = tok; word_back(k, tok, 12) &&
	    S->t[k - 1].clause == S->t[tok].clause; k--) {
		if (tp(S, k - 1, '.') || tp(S, k - 1, ';'))
			return 0;
		if (tw(S, k - 1, "except") || tw(S, k - 1, "excluding") ||
		    (tw(S, k - 1, "from") && tw(S, k - 2, "apart")))
			return 1;
	}
	return 0;
}

/* Is token k the word for a part of a city ("Zarichnyi district")? */
static int
part_word(const struct sentence *S, size_t k)
{
	return tw(S, k, "district") || tw(S, k, "districts") ||
	    tw(S, k, "raion") || tw(S, k, "neighbourhood") ||
	    tw(S, k, "neighborhood") || tw(S, k, "microdistrict");
}

/* "Darnytskyi and Obolonskyi districts": a list that ends in a part's
   kind goes on from token i ("and" or a comma) */
static int
part_listed(const struct sentence *S, size_t i)
{
	size_t k;

	if (!tw(S, i, "and") && !tp(S, i, ','))
		return 0;
	for (k = i + 1; k < S->n && k <= i + 4; k++)
		if (part_word(S, k))
			return 1;
	return 0;
}

/*
 * Places named in a sentence, in text order: the gazetteer's, then
 * unknown ones by shape (stored in pm).  A country is dropped when a
 * place within it is named too: the most specific place wins [specific-place].
 */
size_t
sentence_places(const struct sentence *S, const struct gaz_match *m,
    size_t nm, struct gaz_match *pm, size_t npm, struct place *out,
    size_t max)
{
	size_t k, j, np = 0, end = S->start + S->len, nu, known;
	size_t best, d, bj = 0;
	int part, any = -1;

	for (k = 0; k < nm && np < max; k++) {
		if (m[k].start < S->start || m[k].start + m[k].len > end)
			continue;
		if (!place_ok(S->text, end, &m[k]))
			continue;
		place_at(S, &m[k], &out[np]);
		if (!excepted(S, out[np].tok, &any))
			np++;
	}
	nu = unknown_places(S, out, np, pm, npm);
	/* Speed only (the same output): the marks are read below only
	   where a country is named, and the last mark_story() writes them
	   all again */
	for (k = 0; k < np && !(out[k].m->region != NULL &&
	    out[k].m->region->depth == 0); k++)
		;
	if (k < np)
		mark_story(S, out, np);
	for (k = 0; k < np; k++) {
		const struct region *r = out[k].m->region;

		/* "hours after a blackout across Kenya": the country is the
		   blackout's own place, whatever else the sentence names */
		if (r != NULL && r->depth == 0 && country_wide(S, out[k].tok))
			continue;
		for (j = 0; r != NULL && r->depth == 0 && j < np; j++) {
			/* "in Ukraine, mostly in the Kharkiv region": the
			   country is the count's */
			if (j == k || out[j].m->region == NULL || out[j].story ||
			    share_in(S, out[j].tok) ||
			    out[j].m->region == r ||
			    !region_within(out[j].m->region, r))
				continue;
			memmove(&out[k], &out[k + 1],
			    (np - k - 1) * sizeof(*out));
			np--;
			k--;
			break;
		}
	}
	known = np;
	for (k = 0; k < nu && np < max; k++) {
		place_at(S, &pm[k], &out[np]);
		if (excepted(S, out[np].tok, &any))
			continue;
		/* "Wanneroo City: 9,870": a label line's name lies in no
		   place another line names [label-line] */
		if (tp(S, out[np].tok_end, ':') &&
		    label_of_other(S, &out[np], 0)) {
			np++;
			continue;
		}
		/* "the Kholodnohirskyi district" of a city the sentence
		   names, "Charles Village and Waverly" after Baltimore: a
		   part of a place lies within the nearest place below
		   country level that the sentence names [specific-place] */
		best = SIZE_MAX;
		/* "the Kanto region": a large area holds, not lies in */
		if (tw(S, out[np].tok_end, "region") ||
		    tw(S, out[np].tok_end, "province") ||
		    tw(S, out[np].tok_end, "prefecture") ||
		    tw(S, out[np].tok_end, "state") ||
		    tw(S, out[np].tok_end, "oblast"))
			j = known;
		else
			j = 0;
		part = part_word(S, out[np].tok_end);
		/* "Angus, Perthshire and Stirlingshire": a peer in a list of
		   places, not a part of the one before it; "Darnytskyi and
		   Obolonskyi districts": a peer of an unknown part lies
		   where that part lies */
		if (out[np].tok > 0 && (tp(S, out[np].tok - 1, ',') ||
		    tw(S, out[np].tok - 1, "and"))) {
			if (!part && listed_after_known(S, out, known,
			    out[np].tok - 1))
				j = known;
			for (bj = known; bj < np; bj++)
				if (out[bj].tok_end + 1 == out[np].tok) {
					pm[k].region = out[bj].m->region;
					j = known;
					break;
				}
		}
		/* "Islamabad and other cities, including Rawalpindi":
		   peers [other-peers] (v-en2) */
		if (j < known && other_kind_before(S, out[np].tok))
			j = known;
		for (; j < known; j++) {
			/* a bare name lies in a place named before it (an
			   ambiguous name gives no region to lie in), or in
			   the one its address goes on with: "Vake, Tbilisi"
			   [address] */
			if (out[j].m->region == NULL ||
			    out[j].m->region->depth == 0 ||
			    (!part && out[j].tok > out[np].tok &&
			    !address_of(S, &out[np], &out[j])))
				continue;
			/* "power is back in Leeds, but parts of Bristol are
			   dark": a bare name in another clause lies in no
			   place of this one ("Darnytskyi and Obolonskyi
			   districts" do: a part; and the Cyrillic round
			   places a town in the oblast the roundup names,
			   "... на Київщині, ... у Білій Церкві") */
			if (!part && !S->t[out[np].tok].cyr &&
			    S->t[out[j].tok].clause !=
			    S->t[out[np].tok].clause &&
			    !part_listed(S, out[np].tok_end))
				continue;
			d = tok_dist(out[np].tok, out[np].tok_end,
			    out[j].tok, out[j].tok_end);
			if (d < best) {
				best = d;
				bj = j;
			}
		}
		if (best != SIZE_MAX)
			pm[k].region = out[bj].m->region;
		np++;
	}
	mark_story(S, out, np);
	return np;
}
