/* SPDX-License-Identifier: MIT */
/*
 * list_shapes.c - shapes in which outlets list the places of one claim,
 * and a time before a new sentence: "parts of A, B and C" with one area
 * phrase [area-list], "Outages were reported in A, B and C", "The outage
 * hit A and B" [reported-in], places listed together (coordinated()),
 * and "9 p.m. In Columbus, ..." [time-stop].  And (from the helpers'
 * cause analyses of real English news): names after "other <kind>" are
 * peers, not parts [other-peers]; a listed name's own "County" or
 * direction word [list-prefix]; the names that go on to a closing "and"
 * after a known place [closed-list]; a plural kind before names that
 * says they are places [unknown-place]; a list that ends with a vague
 * phrase of its own [opening-list]; and the words between an outage's
 * verb and a place ("has also hit", "all of X") [reported-in].
 */
#include "extract_int.h"

/*
 * [area-list] A count-less area phrase over a list ("parts of A, B and
 * C", "areas of A and B") is said of each place: the places listed with
 * the one right after its "of" are marked in in[] (np <= 32).  Returns
 * how many; 0 when q is no such phrase.
 */
size_t
area_list(const struct sentence *S, const struct place *p, size_t np,
    const struct quant *q, unsigned char *in)
{
	size_t k, of;

	if (q->value >= 0 || q->pct > 0 || q->t0 + 2 >= S->n ||
	    !tw(S, q->t0 + 1, "of") || !(tw(S, q->t0, "parts") ||
	    tw(S, q->t0, "part") || tw(S, q->t0, "areas") ||
	    tw(S, q->t0, "sections") || tw(S, q->t0, "pockets")))
		return 0;
	of = q->t0 + 2;
	/* "parts of South Delhi": the name after its compass word */
	if (of + 1 < S->n && S->t[of].cap && tin(S, of, LX_COMPASS))
		of++;
	for (k = 0; k < np; k++)
		if (p[k].tok == of)
			return listed_with(S, p, np, k, NULL, in);
	return 0;
}

/*
 * [area-list] "in several areas, including A, B and C", "several
 * southern villages, including A and B", "some districts, namely A and
 * B": a vague count of areas whose list follows "including", "namely" or
 * "such as" describes their union, so it is said of each place (the
 * corpus's convention for news-dev-2).  Marks the list in in[] (np <=
 * 32) and returns how many; 0 when q is no such phrase.
 */
size_t
including_list(const struct sentence *S, const struct place *p, size_t np,
    const struct quant *q, unsigned char *in)
{
	size_t k = q->t1, j;

	if (q->value >= 0 || q->pct > 0)
		return 0;
	if (tp(S, k, ','))
		k++;
	if (tw(S, k, "including") || tw(S, k, "namely"))
		k++;
	else if (tw(S, k, "such") && tw(S, k + 1, "as"))
		k += 2;
	else
		return 0;
	for (j = 0; j < np; j++)
		if (p[j].tok == k)
			return listed_with(S, p, np, j, NULL, in);
	return 0;
}

/* "affecting customers in", "impacting residents across", "hitting
   homes in": from j, a verb of an outage reaching people, their noun,
   then the preposition of their place */
static int
affecting_in(const struct sentence *S, size_t j)
{
	const char *u;

	if (!tw(S, j, "affecting") && !tw(S, j, "impacting") &&
	    !tw(S, j, "hitting"))
		return 0;
	j++;
	if (j < S->n && (u = tok_unit(&S->t[j])) != NULL && *u != '\0')
		j++;
	return (tw(S, j, "in") || tw(S, j, "across")) && j + 1 < S->n &&
	    (S->t[j + 1].cap || tw(S, j + 1, "the"));
}

/*
 * [reported-in] "Outages were reported in A, B and C", "outages have been
 * recorded across X", "The outage hit A and B", "Outages hit parts of X",
 * "Outages remain in A", "further outages impacting customers in A and B":
 * an outage word whose verb says where it was; the places after it take
 * the story's utility.  i is the outage word.
 */
int
reported_in(const struct sentence *S, size_t i, int *util)
{
	size_t j = i + 1;

	(void)util;
	/* "The outage has affected all of X" [reported-in] */
	j += whole_verb_skip(S, j);
	if (tw(S, j, "hit") || tw(S, j, "hits") || tw(S, j, "struck") ||
	    tw(S, j, "affected")) {
		if (tw(S, j + 1, "parts"))
			return 1;
		i = j - 1 + whole_det(S, j + 1);
		j = i + 1;
		/* a name, then no noun of its own ("The outage hit Apple
		   shares" is no place) */
		for (j++; j < S->n && S->t[j].cap && !S->t[j].punct; j++)
			;
		return j > i + 2 && (j >= S->n || S->t[j].punct ||
		    place_kind_word(S, j) ||
		    tw(S, j, "and") || tw(S, j, "or") || tw(S, j, "on") ||
		    tw(S, j, "in") || tw(S, j, "at") || tw(S, j, "hardest") ||
		    tw(S, j, "overnight") || tw(S, j, "after") ||
		    tw(S, j, "during") || tw(S, j, "as"));
	}
	if (tw(S, j, "were") || tw(S, j, "was") || tw(S, j, "are") ||
	    tw(S, j, "is"))
		j++;
	else if ((tw(S, j, "have") || tw(S, j, "has")) && tw(S, j + 1, "been"))
		j += 2;
	else if (tw(S, j, "remain") || tw(S, j, "remained") ||
	    tw(S, j, "persist") || tw(S, j, "persisted"))
		/* "Outages remain in A, B and C" */
		return tw(S, j + 1, "in") || tw(S, j + 1, "across") ||
		    tw(S, j + 1, "throughout");
	else if (!affecting_in(S, j))
		return 0;
	/* "further outages (are now) impacting customers in A, B and C" */
	if (affecting_in(S, j + (tw(S, j, "now") || tw(S, j, "still"))))
		return 1;
	if (tw(S, j, "also"))
		j++;
	if (!tw(S, j, "reported") && !tw(S, j, "recorded") &&
	    !tw(S, j, "logged"))
		return 0;
	j++;
	return tw(S, j, "in") || tw(S, j, "across") || tw(S, j, "throughout");
}

/* Letters of a word at s[i..len): its length. */
static size_t
word_len(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && is_alpha((unsigned char)s[j]))
		j++;
	return j - i;
}

/*
 * [time-stop] "By 9 p.m. In Columbus, ...": "a.m." or "p.m." after a
 * number ends the sentence when the next word starts one; a day, a month,
 * a time zone ("ET", "GMT") or "local" goes on with the time.  dot is the
 * full stop after the "m", next the first byte after the spaces.
 */
int
time_ends_sentence(const char *s, size_t len, size_t dot, size_t next)
{
	static const char *const goes_on[] = { "monday", "tuesday",
	    "wednesday", "thursday", "friday", "saturday", "sunday",
	    "january", "february", "march", "april", "may", "june", "july",
	    "august", "september", "october", "november", "december",
	    "local", "eastern", "central", "pacific", "mountain",
	    "atlantic", "today", "tonight", "tomorrow", "yesterday" };
	size_t n, k, b;

	if (dot < 4 || s[dot - 2] != '.' || (s[dot - 1] | 0x20) != 'm' ||
	    ((s[dot - 3] | 0x20) != 'a' && (s[dot - 3] | 0x20) != 'p'))
		return 0;
	b = dot - 4;		/* before "a.m." */
	if (s[b] == ' ' && b > 0)
		b--;
	if (!is_digit((unsigned char)s[b]) || next >= len ||
	    !is_upper((unsigned char)s[next]))
		return 0;
	n = word_len(s, len, next);
	if (n == 0 || (n > 1 && is_upper((unsigned char)s[next + 1])))
		return 0;	/* "ET", "GMT" */
	for (k = 0; k < NELEM(goes_on); k++)
		if (strlen(goes_on[k]) == n &&
		    strncasecmp(s + next, goes_on[k], n) == 0)
			return 0;
	return 1;
}

/*
 * [still-waiting] "Customers in X are still waiting.", "..., and 300
 * homes are still waiting, the utility said": waiting with nothing after
 * it is waiting for the supply the story told of; still out.
 */
int
still_waiting(const struct sentence *S, size_t i, int *util)
{
	(void)util;
	return i > 0 && tw(S, i - 1, "still") &&
	    (i + 1 >= S->n || tp(S, i + 1, '.') || tp(S, i + 1, ',') ||
	    tp(S, i + 1, ';'));
}

/* Capitalised words of a name from token k (at most three, none a
   company's or a word no place is): the token after them. */
static size_t
name_run(const struct sentence *S, size_t k)
{
	size_t j;

	for (j = k; j < S->n && j < k + 3 && S->t[j].cap && !S->t[j].punct &&
	    !tin(S, j, LX_NOT_PLACE) && !tin(S, j, LX_ORG) &&
	    !tin(S, j, LX_TELECOM) && !tin(S, j, LX_UTILITY_HEAD); j++)
		;
	return j;
}

/* A list of names from token k, then its verb: the token after the
   first name, or 0.  list_at() has made the cheap tests. */
static size_t
list_rest(const struct sentence *S, size_t k)
{
	size_t j, first, names = 1;

	if ((first = name_run(S, k)) == k)
		return 0;
	for (j = first; j < S->n;) {
		if (tp(S, j, ',') && tw(S, j + 1, "and"))
			j += 2;
		else if (tp(S, j, ',') || tw(S, j, "and"))
			j++;
		else
			break;
		if (j < S->n && name_run(S, j) == j && names >= 2 &&
		    list_tail(S, j, &j))
			break;	/* "..., Zadar and many Croatian islands" */
		if (j >= S->n || name_run(S, j) == j)
			return 0;
		j = name_run(S, j);
		names++;
	}
	if (names < 2 || j >= S->n)
		return 0;
	/* "Kilcunda and Krowera in the Bass Coast Shire remain": the
	   area the names lie in, before the verb (z-en-us) */
	if (tw(S, j, "in") && j + 2 < S->n) {
		size_t a = j + 1 + tw(S, j + 1, "the"), e = name_run(S, a);

		if (e > a)
			j = e;
	}
	return tw(S, j, "are") || tw(S, j, "were") || tw(S, j, "remain") ||
	    tw(S, j, "remained") ||
	    /* "A, B and C have been left without power" */
	    ((tw(S, j, "have") || tw(S, j, "had")) &&
	    tw(S, j + 1, "been")) ? first : 0;
}

/* list_rest() where the cheap tests hold (speed only: asked here, most
   tokens fail them): capitalised words from k, then "," or "and" */
static inline __attribute__((always_inline)) size_t
list_at(const struct sentence *S, size_t k)
{
	size_t j;

	if (k + 4 >= S->n || !S->t[k].cap)
		return 0;
	j = name_words_end(S, k);
	if (j >= S->n || !(tp(S, j, ',') || tw(S, j, "and")))
		return 0;
	return list_rest(S, k);
}

/* line_ends(S, k) of a token k (0 < k < S->n); speed only: most stand
   right after the last or one space after it, no line end, asked here
   without a call */
static inline int
line_break(const struct sentence *S, size_t k)
{
	size_t e = S->t[k - 1].start + S->t[k - 1].len;

	if (e == S->t[k].start || (e + 1 == S->t[k].start &&
	    S->text[e] == ' '))
		return 0;
	return line_ends(S, k);
}

/*
 * [opening-list] "Barrhaven, Kanata and Orléans are the hardest hit": a
 * sentence, or a line of it after a headline, that opens with a list of
 * names and then its verb.  Returns the token after the first name and
 * sets *at to its first token; 0 when there is none.
 */
size_t
opening_list(const struct sentence *S, size_t *at)
{
	const struct tok *t, *end;
	size_t k, e;

	if ((e = list_at(S, 0)) > 0) {
		*at = 0;
		return e;
	}
	/* "The North Mainland and North Isles are among the worst
	   affected" */
	if (tw(S, 0, "the") && (e = list_at(S, 1)) > 0) {
		*at = 1;
		return e;
	}
	/* "the daily writes that A, B and C were left without power": a
	   reported clause opens with the list (k + 4 < S->n, k < 12; speed
	   only: a walk of the capitals by a pointer, "that" asked after) */
	end = &S->t[S->n > 16 ? 12 : S->n > 5 ? S->n - 4 : 1];
	for (t = &S->t[1]; t < end; t++)
		if (t->cap && tw(S, (k = (size_t)(t - S->t)) - 1, "that") &&
		    (e = list_at(S, k)) > 0) {
			*at = k;
			return e;
		}
	if (memchr(S->text + S->start, '\n', S->len) == NULL)
		return 0;
	for (k = 1; k < S->n; k++)
		if (line_break(S, k) && (e = list_at(S, k)) > 0) {
			*at = k;
			return e;
		}
	return 0;
}

/* Places listed together with p[k] ("Odesa and Odesa district"). */
int
coordinated(const struct sentence *S, const struct place *a,
    const struct place *b)
{
	size_t i, lo = a->tok_end, hi = b->tok;

	if (b->tok_end <= a->tok) {
		lo = b->tok_end;
		hi = a->tok;
	}
	/* "Islamabad and other cities, including Rawalpindi"
	   [other-peers] (v-en2) */
	if (hi >= lo + 4 && peer_gap(S, lo, hi))
		return 1;
	/* ", as well as in Cork": five words between */
	if (hi < lo || (hi - lo > 4 && !(hi - lo == 5 &&
	    tw(S, lo + 1, "as") && tw(S, lo + 2, "well"))))
		return 0;
	/* "... in Brisbane\nLogan, Ipswich and Redland are": a headline's
	   last name and the next line's first are no list [opening-list] */
	if (hi == lo && line_ends(S, hi))
		return 0;
	/* "In Kyiv, Darnytskyi and Obolonskyi districts": the city holds
	   its districts, it is not one of them [specific-place] */
	if ((opening_in(S, a) && names_before_part(S, b->tok)) ||
	    (opening_in(S, b) && names_before_part(S, a->tok)))
		return 0;
	for (i = lo; i < hi; i++)
		if (!tp(S, i, ',') && !tw(S, i, "and") && !tw(S, i, "or") &&
		    !(i == lo && name_tail(S, i)) &&
		    !tw(S, i, "as") && !tw(S, i, "well") &&
		    !tw(S, i, "partially") && !tw(S, i, "the") &&
		    /* "A and County B", "A and South B" (v-en2) */
		    !name_prefix(S, i, hi) &&
		    /* "in Kyiv city and in Chernihiv", "as well as in
		       Cork" */
		    !(tw(S, i, "in") && i > lo && (tw(S, i - 1, "and") ||
		    tp(S, i - 1, ',') || (i > lo + 1 &&
		    tw(S, i - 1, "as") && tw(S, i - 2, "well")))))
			return 0;
	return 1;
}

/* Does a list of names open a headline's next line at token k
   [opening-list]?  Its places are the story's, not a count's. */
int
headline_list(const struct sentence *S, size_t k)
{
	return k > 0 && k < S->n && line_break(S, k) && list_at(S, k) > 0;
}

/*
 * [storm-place] "30,000 customers lost power when storms hit Sydney",
 * "after a gale battered Cork": a count with no place of its own is
 * about the place the clause after it says the weather struck.  Returns
 * that place's index, or -1.
 */
int
storm_place(const struct sentence *S, const struct place *p, size_t np,
    const struct quant *q)
{
	size_t k, v, j;

	for (k = 0; k < np; k++) {
		if (p[k].tok <= q->t1 + 3 || p[k].tok > q->t1 + 14)
			continue;
		v = p[k].tok - 1;
		if (tw(S, v, "the") && v > 0)
			v--;
		if ((tw(S, v, "through") || tw(S, v, "across") ||
		    tw(S, v, "into")) && v > 0)
			v--;
		if (!tw(S, v, "hit") && !tw(S, v, "lashed") &&
		    !tw(S, v, "battered") && !tw(S, v, "struck") &&
		    !tw(S, v, "swept") && !tw(S, v, "pounded") &&
		    !tw(S, v, "slammed") && !tw(S, v, "ripped") &&
		    !tw(S, v, "tore"))
			continue;
		for (j = v; j > q->t1 && j + 5 > v; j--)
			if (tw(S, j - 1, "when") || tw(S, j - 1, "after") ||
			    tw(S, j - 1, "as"))
				return (int)k;
	}
	return -1;
}

/* "storms hit Sydney", "a cyclone battered Townsville": token i is a
   verb of weather striking, with the weather before it [storm-place]
   (lexicon.c's LX_NAME_OPENS has the verbs: places.c's gate) */
int
weather_hit(const struct sentence *S, size_t i)
{
	static const char *const weather[] = { "storm", "storms", "gale",
	    "gales", "cyclone", "typhoon", "hurricane", "winds", "tornado",
	    "tornadoes", "blizzard", "rain", "rains", "flooding" };
	char c = S->t[i].w[0];

	/* most words start with none of the verbs' letters */
	if (c != 'h' && c != 'l' && c != 'b' && c != 'p' && c != 's')
		return 0;
	if (i == 0 || !(tw(S, i, "hit") || tw(S, i, "lashed") ||
	    tw(S, i, "battered") || tw(S, i, "pounded") ||
	    tw(S, i, "struck")))
		return 0;
	/* "Severe Tropical Storm Opong battered Luzon", "Hurricane Ian
	   hit Florida": the storm's name after its kind */
	if (i >= 2 && S->t[i - 1].cap && !S->t[i - 1].punct &&
	    TW_ANY(S, i - 2, weather))
		return 1;
	return TW_ANY(S, i - 1, weather);
}

/* "Island" in "Victoria Island", "Park" in "Auckland Park": a
   capitalised last word of a local name whose first word the gazetteer
   knows alone (story.c keeps the whole name as the mention)
   [name-tail] */
int
name_tail(const struct sentence *S, size_t i)
{
	static const char *const tails[] = { "island", "park", "estate",
	    "heights", "gardens", "hills", "beach", "village", "town",
	    "city" };

	if (i >= S->n || !S->t[i].cap || S->t[i].punct)
		return 0;
	return TW_ANY(S, i, tails);
}

/* "18,000 AEP Ohio customers", "PSE Washington customers": an acronym
   and one more name before the account noun at token j is a company's
   name, not a place (G9).  Token a is the acronym. */
int
acronym_company(const struct sentence *S, size_t a, size_t j)
{
	size_t k, n;
	const char *w;

	if (j != a + 2 || j >= S->n || !account_noun(S, j))
		return 0;
	w = S->text + S->t[a].start;
	n = S->t[a].len;
	if (n < 2 || n > 5)
		return 0;
	for (k = 0; k < n; k++)
		if (!is_upper((unsigned char)w[k]))
			return 0;
	return 1;
}

/* "with Suzu at 3.1 percent and Wajima at 41.8 percent": after "with"
   or "and" (token i), a name and then "at" a percentage names a place
   [name-at-figure] (lexicon.c's LX_NAME_OPENS has the words) */
int
name_at_figure(const struct sentence *S, size_t i)
{
	size_t j;

	if (!tw(S, i, "with") && !tw(S, i, "and"))
		return 0;
	j = name_words_end(S, i + 1);
	return j > i + 1 && j + 2 < S->n && tw(S, j, "at") &&
	    is_digit((unsigned char)S->t[j + 1].w[0]) &&
	    (tp(S, j + 2, '%') || tw(S, j + 2, "percent") ||
	    tw(S, j + 2, "per"));
}

/* Is token k a figure, maybe after a hedge ("about 5,500")? */
int
figure_at(const struct sentence *S, size_t k)
{
	if (k < S->n && (tw(S, k, "about") || tw(S, k, "around") ||
	    tw(S, k, "nearly") || tw(S, k, "over") || tw(S, k, "some") ||
	    tw(S, k, "more")))
		k += tw(S, k, "more") && tw(S, k + 1, "than") ? 2 : 1;
	return k < S->n && is_digit((unsigned char)S->t[k].w[0]);
}

/*
 * [name-at-figure] A breakdown's item: after ",", "and", "were",
 * "while" or "by" (token i), a name and right after it its figure
 * (", with 5,500", "with 5,500", ", where 6,200 were ...", "had
 * 5,500", "(5,500)", "and B each have 63") names a place, known to the
 * gazetteer or not:
 * "The hardest-hit counties were Scioto, with 6,200 customers out,
 * Gallia, with 5,500, and Meigs, with 3,100".  (lexicon.c's
 * LX_NAME_OPENS, places.c's gate, has the words before the name.)
 */
int
name_before_figure(const struct sentence *S, size_t i)
{
	char c = S->t[i].w[0];
	size_t j;

	/* most words start with none of the words' first letters */
	if (c != ',' && c != ';' && c != 'a' && c != 'w' && c != 'b')
		return 0;
	if (!(tp(S, i, ',') || tw(S, i, "and") || tw(S, i, "were") ||
	    tw(S, i, "while") || tw(S, i, "by") || tp(S, i, ';')))
		return 0;
	j = name_words_end(S, i + 1);
	if (j == i + 1 || j + 1 >= S->n)
		return 0;
	/* "SWEPCO accounting for 1,000 and URECC with 3,942 outages": a
	   name in capitals is a company's */
	if (j == i + 2 && S->t[i + 1].len >= 3 &&
	    is_upper((unsigned char)S->text[S->t[i + 1].start + 1]) &&
	    is_upper((unsigned char)S->text[S->t[i + 1].start +
	    S->t[i + 1].len - 1]))
		return 0;
	if (tp(S, j, ',') && (tw(S, j + 1, "with") || tw(S, j + 1, "where")))
		return figure_at(S, j + 2);
	if (tw(S, j, "with") || tw(S, j, "had") || tw(S, j, "has") ||
	    tp(S, j, '('))
		return figure_at(S, j + 1);
	/* "Dumbalk and Stony Creek each have 61 customers": a pair
	   and the figure of each */
	if (tw(S, j, "and") && S->t[j + 1].cap)
		j = name_words_end(S, j + 1);
	if (tw(S, j, "each") && (tw(S, j + 1, "have") ||
	    tw(S, j + 1, "has") || tw(S, j + 1, "had")))
		return figure_at(S, j + 2);
	return 0;
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

/*
 * [closed-list] "Islamabad, Karachi and Lahore went dark", "affecting
 * Nairobi, Mount Kenya and Coast regions": after a known place, the
 * names that go on to a closing "and" (or "or") name are one list with
 * it, whatever came before the known place.  i is the "," or "and" right
 * after the known place.  A name is one to three capitalised words ("the"
 * may open it); the list is closed when a name follows "and" or "or".
 */
int
closed_list_from(const struct sentence *S, size_t i)
{
	size_t j = i, names = 0;
	int closing;

	while (j < S->n) {
		closing = tw(S, j, "and") || tw(S, j, "or");
		if (!closing && !tp(S, j, ','))
			return 0;
		j++;
		/* "A, B, and C": the serial comma */
		if (!closing && (tw(S, j, "and") || tw(S, j, "or"))) {
			closing = 1;
			j++;
		}
		if (tw(S, j, "the"))
			j++;
		if (j >= S->n || !S->t[j].cap || S->t[j].punct)
			return 0;
		for (names = 0; j < S->n && S->t[j].cap && !S->t[j].punct;
		    j++)
			if (++names > 3)
				return 0;
		if (closing)
			return 1;
	}
	return 0;
}

/* A plural kind of place ("cities", "towns", "provinces") at token k. */
static int
kind_plural(const struct sentence *S, size_t k)
{
	static const char *const kinds[] = {
		"cities", "towns", "provinces", "municipalities", "villages",
		"districts", "counties", "suburbs", "neighbourhoods",
		"neighborhoods"
	};

	return k < S->n && !S->t[k].cap && TW_ANY(S, k, kinds);
}

/*
 * "returned to mega cities Karachi and Lahore", "in big cities like
 * Karachi and Lahore", "towns such as Split and Zadar": a plural kind of
 * place right before capitalised names says they are places, which the
 * gazetteer may not know [unknown-place].  The kind itself follows a
 * place preposition or a status word within two words.
 */
int
kind_list_before(const struct sentence *S, size_t i)
{
	size_t k = i, j, l = strlen(S->t[i].w);
	char c = S->t[i].w[0];

	/* "of four districts - Raigad, Palghar, Thane and Pune": a dash
	   after a plural kind opens its list (v-en2) */
	if (c == '-' && S->t[i].punct && i > 0 && kind_plural(S, i - 1))
		return 1;
	/* cheap first: the word is a kind (a plural) or "like",
	   "including", "as" (a token's word may be empty) */
	if (S->t[i].punct || l == 0 || (c != 'l' && c != 'i' && c != 'a' &&
	    S->t[i].w[l - 1] != 's'))
		return 0;
	if (tw(S, i, "like") || tw(S, i, "including"))
		k = i - (i > 0);
	else if (tw(S, i, "as") && i > 1 && tw(S, i - 1, "such"))
		k = i - 2;
	/* "in areas like A, B and C", "communities such as A" (v-en2):
	   only with "like" or "such as" ("in areas Monday" names none) */
	if (k < i && k > 0 && (tw(S, k, "areas") || tw(S, k, "communities")))
		return 1;
	if (!kind_plural(S, k) || k == 0)
		return 0;
	/* "hit cities such as A and B": "like" or "such as" after the
	   kind is enough (w-en [intro-list]) */
	if (k < i)
		return 1;
	for (j = k; word_back(j, k, 3); j--)
		if (tw(S, j - 1, "to") || tw(S, j - 1, "in") ||
		    tw(S, j - 1, "across") || tw(S, j - 1, "throughout") ||
		    tw(S, j - 1, "including") || tin(S, j - 1, LX_WITHOUT))
			return 1;
	return 0;
}

/*
 * "Split, Zadar and many Croatian islands were ...", "A, B and other
 * towns have been ...": a list of names may end with a vague phrase of
 * its own (at most four words, no punctuation) before its verb; *end is
 * set to the verb [opening-list].
 */
int
list_tail(const struct sentence *S, size_t j, size_t *end)
{
	static const char *const opens[] = {
		"many", "other", "several", "some", "dozens", "nearby",
		"surrounding"
	};
	size_t k;

	if (!TW_ANY(S, j, opens))
		return 0;
	for (k = j + 1; k < S->n && k < j + 5 && !S->t[k].punct; k++)
		if (tw(S, k, "are") || tw(S, k, "were") ||
		    tw(S, k, "have") || tw(S, k, "had")) {
			*end = k;
			return 1;
		}
	return 0;
}

/* "has", "have", "had", "also" before an outage's verb ("The outage has
   also hit X"): the tokens to pass over. */
size_t
whole_verb_skip(const struct sentence *S, size_t j)
{
	size_t k = j;

	if (tw(S, k, "has") || tw(S, k, "have") || tw(S, k, "had"))
		k++;
	if (tw(S, k, "also"))
		k++;
	return k - j;
}

/*
 * "all of X", "the whole of X", "the entire X", "most of X", "much of X":
 * a determiner of the whole before a place after an outage's verb
 * [reported-in].  Returns the tokens it takes (0: none).
 */
size_t
whole_det(const struct sentence *S, size_t j)
{
	size_t k = j;

	if (tw(S, k, "nearly") || tw(S, k, "almost"))
		k++;
	if ((tw(S, k, "all") || tw(S, k, "most") || tw(S, k, "much")) &&
	    tw(S, k + 1, "of"))
		return k + 2 - j;
	if (tw(S, k, "the") && tw(S, k + 1, "whole") && tw(S, k + 2, "of"))
		return k + 3 - j;
	if (tw(S, k, "the") && tw(S, k + 1, "entire"))
		return k + 2 - j;
	return 0;
}
