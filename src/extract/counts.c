/* SPDX-License-Identifier: MIT */
/*
 * counts.c - count phrases: numbers with their counted noun, vague
 * quantities, and the counts that are not of those affected.
 */
#include "extract_int.h"

/* ---- count phrases ----------------------------------------------------- */


/*
 * Token index at or after byte offset b: the first token not starting
 * before b, by bisection (tokens are in text order: the tokenizer writes
 * them so and lang_uk2.c only removes some).
 */
size_t
tok_at(const struct sentence *S, size_t b)
{
	size_t lo = 0, hi = S->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (S->t[mid].start < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The counted noun from token k: up to three modifiers, then a unit noun
 * (or "homes and businesses").  Sets q->unit/noun/excluded and returns the
 * token after the noun, or k when there is none.
 */
static size_t
counted_noun(const struct sentence *S, size_t k, struct quant *q)
{
	size_t j, mods = 0;
	const char *u;

	for (j = k; j < S->n && mods <= 3; j++) {
		const char *w = S->t[j].w;

		if (S->t[j].punct) {
			if (S->t[j].w[0] == '"' || S->t[j].w[0] == '\'')
				continue;
			return k;
		}
		/* "in 2022 100 homes": the noun is the later number's */
		if (is_digit((unsigned char)w[0]))
			return k;
		/* "homes and businesses", "households and businesses":
		   a utility's customers (G12) */
		if ((WEQ(w, "homes") || WEQ(w, "households") ||
		    WEQ(w, "residences")) && tw(S, j + 1, "and") &&
		    (tw(S, j + 2, "businesses") || tw(S, j + 2, "business"))) {
			str_copy(q->unit, "customers", sizeof(q->unit));
			q->noun = S->t[j + 2].w;
			return j + 3;
		}
		/* "homes, farms and businesses" */
		if (WEQ(w, "homes") && tp(S, j + 1, ',') && tw(S, j + 3, "and") &&
		    tw(S, j + 4, "businesses")) {
			str_copy(q->unit, "customers", sizeof(q->unit));
			q->noun = S->t[j + 4].w;
			return j + 5;
		}
		/* "care homes", "nursing homes": facilities [not-affected] */
		if (WEQ(w, "homes") && j > 0 && (tw(S, j - 1, "care") ||
		    tw(S, j - 1, "nursing") || tw(S, j - 1, "retirement"))) {
			q->excluded = 1;
			return j + 1;
		}
		/* "3,731 metering points": Ukrainian roundups' word for
		   consumers (точки обліку) */
		if (WEQ(w, "points") && j > k && tw(S, j - 1, "metering")) {
			str_copy(q->unit, "consumers", sizeof(q->unit));
			q->noun = w;
			return j + 1;
		}
		if ((u = tok_unit(&S->t[j])) != NULL) {
			/* "32 multi-storey houses": apartment blocks */
			if (j > k && (tw(S, j - 1, "multi-storey") ||
			    tw(S, j - 1, "multistorey") ||
			    tw(S, j - 1, "high-rise") ||
			    tw(S, j - 1, "multi-apartment")))
				u = "";
			str_copy(q->unit, u, sizeof(q->unit));
			q->noun = w;
			q->placeish = *u == '\0' && !WEQ(w, "buildings") &&
			    !WEQ(w, "blocks");
			return j + 1;
		}
		/* "50,000 units in Tainan were still without power":
		   dwellings, not plants [units-out] (count_shapes.c) */
		if (WEQ(w, "units") && units_out(S, k, j)) {
			q->unit[0] = '\0';
			q->noun = w;
			return j + 1;
		}
		if (lx_in(S->t[j].lx, LX_EXCLUDED)) {
			q->excluded = 1;
			return j + 1;
		}
		if (lx_in(S->t[j].lx, LX_STOP))
			return k;
		mods++;
	}
	return k;
}

/* After "of" in "parts of ...", "61% of ...": the noun phrase's end. */
static size_t
of_phrase(const struct sentence *S, size_t k, struct quant *q)
{
	size_t j, e;

	if (!tw(S, k, "of"))
		return k;
	for (j = k + 1; j < S->n && j <= k + 4; j++) {
		if (S->t[j].punct)
			return k;
		if ((e = counted_noun(S, j, q)) > j)
			return q->excluded ? k : e;
		if (tin(S, j, LX_AREA))
			return j + 1;
		if (S->t[j].cap && !tin(S, j, LX_NOT_PLACE)) {
			/* a place: "61% of Spain"; not "most of Monday" */
			while (j + 1 < S->n && S->t[j + 1].cap)
				j++;
			return j + 1;
		}
	}
	return k;
}

/* Is a capitalised word after token j in the sentence? */
static int
name_after(const struct sentence *S, size_t j)
{
	for (; j < S->n; j++)
		if (S->t[j].cap && !S->t[j].punct)
			return 1;
	return 0;
}

/*
 * Vague quantities [vague-count]: "thousands of", "parts of", "several".
 * It writes to q only for a word of LX_VAGUE or LX_VAGUE_HEAD (find_quants
 * asks it of no other): a word added to its tests below is added to
 * LX_VAGUE_HEAD's list in lexicon.c too.
 */
static int
vague_quant(const struct sentence *S, size_t i, struct quant *q)
{
	const char *w = S->t[i].w;
	size_t j = i + 1, e;

	/* "had the most outages": a superlative, no count (z-en-us) */
	if (i > 0 && WEQ(w, "most") && tw(S, i - 1, "the"))
		return 0;
	if (tin(S, i, LX_VAGUE)) {
		while (j < S->n && S->t[j].punct && (S->t[j].w[0] == '"' ||
		    S->t[j].w[0] == '\''))
			j++;
		while (tw(S, j, "of") && j + 1 < S->n &&
		    tin(S, j + 1, LX_VAGUE))
			j += 2;
		/* "leaving millions without electricity", "left tens of
		   thousands in the dark": people, as "left many" */
		if (!tw(S, j, "of") && i > 0 && (tw(S, i - 1, "left") ||
		    tw(S, i - 1, "leaving") || tw(S, i - 1, "leaves")) &&
		    (tw(S, j, "without") || in_the_dark(S, j)) &&
		    /* the places named before it: "..., which left
		       hundreds of thousands without power and disrupted
		       heating in A and B" keeps its own places */
		    !name_after(S, j)) {
			str_copy(q->unit, "people", sizeof(q->unit));
			e = j;
		} else if (!tw(S, j, "of") && vague_subject(S, i, j)) {
			/* "after hundreds of thousands had been in the
			   dark": the subject of a loss, no noun
			   [vague-subject] (count_shapes.c) */
			e = j;
		} else if (!tw(S, j, "of") || (e = counted_noun(S, j + 1,
		    q)) == j + 1 || q->excluded || q->unit[0] == '\0')
			return 0;
	} else if ((WEQ(w, "half") || WEQ(w, "most") || WEQ(w, "some") ||
	    WEQ(w, "many") || WEQ(w, "part") || WEQ(w, "majority")) &&
	    tw(S, j, "of") && (tw(S, j + 1, "them") ||
	    tw(S, j + 1, "those"))) {
		/* "heat returned to roughly half of them": a share of a
		   group counted before, which it refers back to [share] */
		e = j + 2;
		q->ref = 1;
		if (i > 0 && (tw(S, i - 1, "roughly") ||
		    tw(S, i - 1, "about") || tw(S, i - 1, "around") ||
		    tw(S, i - 1, "nearly") || tw(S, i - 1, "almost") ||
		    tw(S, i - 1, "approximately") || tw(S, i - 1, "over") ||
		    tw(S, i - 1, "the")))
			i--;
	} else if ((WEQ(w, "part") || WEQ(w, "parts") ||
	    WEQ(w, "most") || WEQ(w, "much") || WEQ(w, "half")) &&
	    tw(S, j, "of")) {
		if ((e = of_phrase(S, j, q)) == j)
			return 0;
		/* "more than half of Jamaica" */
		if (WEQ(w, "half") && i >= 2 && tw(S, i - 1, "than") &&
		    (tw(S, i - 2, "more") || tw(S, i - 2, "less")))
			i -= 2;
	} else if (WEQ(w, "few") && i > 0 && tw(S, i - 1, "a") &&
	    (tw(S, j, "hundred") || tw(S, j, "thousand") ||
	    tw(S, j, "dozen"))) {
		/* "a few hundred customers": a vague count of its noun
		   [vague-count] */
		if ((e = counted_noun(S, j, q)) == j || q->excluded ||
		    q->unit[0] == '\0')
			return 0;
		i--;
	} else if (WEQ(w, "several") || WEQ(w, "many") ||
	    WEQ(w, "most") || WEQ(w, "some")) {
		e = counted_noun(S, j, q);
		/* "some residents": a vague count of people
		   [vague-count]; "some areas", "some buildings" are no
		   count */
		if (WEQ(w, "some") && (e == j || q->excluded ||
		    q->unit[0] == '\0'))
			return 0;
		if (e == j && WEQ(w, "many") &&
		    (tw(S, i - 1, "left") || tw(S, i - 1, "leaving") ||
		    tw(S, i - 1, "leaves")) && i > 0) {
			str_copy(q->unit, "people", sizeof(q->unit));
			e = j;
		} else if (e == j && tin(S, j, LX_AREA) &&
		    S->t[j].w[strlen(S->t[j].w) - 1] == 's')
			e = j + 1;	/* "several neighbourhoods"
					   [vague-count] */
		else if (e == j || q->excluded)
			return 0;
	} else if ((WEQ(w, "large") || WEQ(w, "vast")) &&
	    (tw(S, j, "numbers") || tw(S, j, "number")) && tw(S, j + 1, "of")) {
		/* "have large numbers of customers out": a vague count of
		   its noun [vague-count] (v-en1) */
		if ((e = counted_noun(S, j + 2, q)) == j + 2 || q->excluded ||
		    q->unit[0] == '\0')
			return 0;
		if (i > 0 && tw(S, i - 1, "a"))
			i--;
	} else if ((WEQ(w, "large") || WEQ(w, "vast") || WEQ(w, "wide")) &&
	    (tw(S, j, "areas") || tw(S, j, "parts")) && !tw(S, j + 1, "of")) {
		/* "but large areas remain without electricity": an area
		   phrase [vague-count] */
		e = j + 1;
	} else
		return 0;
	q->t0 = i;
	q->t1 = e;
	q->value = -1;
	q->approx = 1;
	return 1;
}

/*
 * "a neighbourhood of roughly 400,000 people", "Canada's total population
 * of about 40 million", "Africa's largest city with more than 20 million
 * inhabitants": a population described (G4) [not-affected].  t0 is the
 * phrase's first token; a hedge before it is passed over.
 */
static int
population(const struct sentence *S, size_t t0)
{
	static const char *const areas[] = { "city", "town", "village",
	    "nation", "country", "state", "province", "region", "district",
	    "neighbourhood", "neighborhood", "island", "community",
	    "municipality", "metropolis", "population", "suburb", "county",
	    "capital", "megacity" };
	size_t n;

	for (n = 0; n < 2 && t0 > 0 && (tw(S, t0 - 1, "about") ||
	    tw(S, t0 - 1, "around") || tw(S, t0 - 1, "some") ||
	    tw(S, t0 - 1, "nearly") || tw(S, t0 - 1, "roughly") ||
	    tw(S, t0 - 1, "approximately") || tw(S, t0 - 1, "almost") ||
	    tw(S, t0 - 1, "than") || tw(S, t0 - 1, "more") ||
	    tw(S, t0 - 1, "over") || tw(S, t0 - 1, "under") ||
	    tw(S, t0 - 1, "just")); n++)
		t0--;
	if (t0 < 2 || (!tw(S, t0 - 1, "of") && !tw(S, t0 - 1, "with")))
		return 0;
	/* "followed by Pinellas County with 280,000": the next of a
	   ranking of outages, no population (z-en-us); so is the one
	   after it ("..., and Osk County with 3,100") */
	for (n = t0 - 1; word_back(n, t0, 14); n--)
		if (tw(S, n, "by") && tw(S, n - 1, "followed"))
			return 0;
	return TW_ANY(S, t0 - 2, areas);
}

/* "its", "their", "Alliant's", "Westfield Electric's": the owner of a
   customer base in "48,718 of Alliant's 97,603 customers" (z-en-us); the
   number of its words, or 0. */
static size_t
owner_words(const struct sentence *S, size_t k)
{
	const char *w;
	size_t l, m;

	if (tw(S, k, "its") || tw(S, k, "their") || tw(S, k, "our"))
		return 1;
	/* "the co-op's", "the utility's" */
	if (tw(S, k, "the") && k + 1 < S->n && !S->t[k + 1].punct) {
		w = S->t[k + 1].w;
		l = strlen(w);
		if ((l > 2 && strcmp(w + l - 2, "'s") == 0) ||
		    (l > 4 && strcmp(w + l - 4, "\xe2\x80\x99s") == 0))
			return 2;
	}
	for (m = 0; m < 3 && k + m < S->n && !S->t[k + m].punct &&
	    S->t[k + m].cap; m++) {
		w = S->t[k + m].w;
		l = strlen(w);
		if ((l > 2 && strcmp(w + l - 2, "'s") == 0) ||
		    (l > 4 && strcmp(w + l - 4, "\xe2\x80\x99s") == 0))
			return m + 1;
	}
	return 0;
}

/* Is the number at t0 a customer base, population or money [not-affected]? */
static int
base_or_money(const struct sentence *S, size_t t0)
{
	size_t k;

	if (t0 > 0 && S->t[t0 - 1].punct && S->t[t0 - 1].w[0] == '$')
		return 1;
	if (tw(S, t0 - 1, "of") && t0 >= 2 &&
	    (tw(S, t0 - 2, "out") || (tin(S, t0 - 2, LX_WHOLE) &&
	    !tw(S, t0 - 2, "total"))) &&
	    /* "out of 2,91,171 affected consumers": those who lost it */
	    !(tw(S, t0 - 2, "out") && (tw(S, t0 + 1, "affected") ||
	    tw(S, t0 + 2, "affected"))))
		return 1;
	if (tw(S, t0 - 1, "the") && tw(S, t0 - 2, "of") && tw(S, t0 - 3, "out"))
		return 1;
	/* "190,000 of its 1 million customers": the owner's base (the
	   dearer owner_words() last: speed only, the three tests hold or
	   not in any order) */
	for (k = 1; k <= 3 && k + 2 <= t0; k++)
		if (tw(S, t0 - k - 1, "of") &&
		    is_digit((unsigned char)S->t[t0 - k - 2].w[0]) &&
		    owner_words(S, t0 - k) == k)
			return 1;
	/* "which distributes power to 3.7 million homes", "serves 2
	   million customers": the utility's customer base */
	if (t0 >= 1 && (tw(S, t0 - 1, "serves") ||
	    tw(S, t0 - 1, "supplies") ||
	    /* "The franchise covers 1.5 million customers" ("which serve
	       N" is base_described's: "lines serving 61,000 customers"
	       may be those cut off) */
	    tw(S, t0 - 1, "covers") || tw(S, t0 - 1, "cover") ||
	    (tw(S, t0 - 1, "to") && t0 >= 3 &&
	    (tw(S, t0 - 3, "distributes") || tw(S, t0 - 3, "supplies") ||
	    tw(S, t0 - 3, "provides") || tw(S, t0 - 3, "delivers") ||
	    tw(S, t0 - 3, "serves")))))
		return 1;
	/* "the region, home to about 30 million people": a population */
	if (t0 >= 2 && tw(S, t0 - 1, "to") && tw(S, t0 - 2, "home"))
		return 1;
	return population(S, t0);
}

/*
 * "which has about 2 million clients in Santiago", "The company has 1.8
 * million customers", "a neighbourhood of roughly 400,000 people", "a
 * population of 90,000": a customer base or a population described, not
 * those cut off (G4) [not-affected].  "has 30,000 customers without power"
 * says they are: a status word after the noun, before the clause's next
 * punctuation, keeps the count; so does any later status word in the
 * sentence unless a relative pronoun ("which has") makes it a description.
 * t0 is the first token of the phrase, hedge included; e the token after
 * the noun.
 */
static int
base_described(const struct sentence *S, size_t t0, size_t e)
{
	size_t k;
	int rel;

	if (t0 < 2)
		return 0;
	if (population(S, t0))
		return 1;
	/* "Hillsborough County had about 310,000 outages": outages are
	   no customer base (z-en-us) */
	if (e > 0 && tw(S, e - 1, "outages"))
		return 0;
	if (!tw(S, t0 - 1, "has") && !tw(S, t0 - 1, "have") &&
	    !tw(S, t0 - 1, "had") &&
	    /* "the companies, which serve about 12 million customers" */
	    !tw(S, t0 - 1, "serve"))
		return 0;
	/* "світло вже мають 7 тисяч родин": a "have" that is itself the
	   status ("have the supply back", lang_uk2.c) describes no base */
	if (tin(S, t0 - 1, LX_STATUS_HEAD))
		return 0;
	for (k = e; k < S->n && !S->t[k].punct; k++)
		if (tin(S, k, LX_STATUS_HEAD))
			return 0;
	rel = tw(S, t0 - 2, "which") || tw(S, t0 - 2, "that") ||
	    tw(S, t0 - 2, "who") || tw(S, t0 - 2, "now");
	for (k = e; !rel && k < S->n; k++)
		if (tin(S, k, LX_STATUS_HEAD))
			return 0;
	return 1;
}

/*
 * "forced some 3,000 residents from their homes", "evacuated 800 people":
 * the count is of people moved, not of users cut off [not-affected].  t0 is the
 * first token of the phrase, hedge included.
 */
static int
displaced(const struct sentence *S, size_t t0)
{
	/* "forced the evacuation of 45,000 people" */
	return (t0 > 0 && tin(S, t0 - 1, LX_DISPLACE)) || (t0 > 1 &&
	    tw(S, t0 - 1, "of") && (tw(S, t0 - 2, "evacuation") ||
	    tw(S, t0 - 2, "evacuations") || tw(S, t0 - 2, "relocation")));
}

/*
 * "Two people died", "300 were evacuated": casualties, not users
 * [not-affected].
 */
static int
casualties(const struct sentence *S, size_t k)
{
	size_t n;

	for (n = 0; n < 3 && k < S->n && !S->t[k].punct; n++, k++) {
		if (tin(S, k, LX_CASUALTY))
			return 1;
		if (!tw(S, k, "were") && !tw(S, k, "have") &&
		    !tw(S, k, "had") && !tw(S, k, "been") &&
		    !tw(S, k, "was") && !tw(S, k, "are"))
			return 0;
	}
	return 0;
}

/* "had killed two people and knocked out power", "injured at least 12
   people": the count is a verb's toll (G4), whatever cue follows
   [not-affected] */
static int
toll_before(const struct sentence *S, size_t t0)
{
	size_t k = t0;

	if (k >= 2 && ((tw(S, k - 1, "least") && tw(S, k - 2, "at")) ||
	    (tw(S, k - 1, "than") && tw(S, k - 2, "more"))))
		k -= 2;
	else if (k >= 1 && (tw(S, k - 1, "about") || tw(S, k - 1, "some") ||
	    tw(S, k - 1, "nearly") || tw(S, k - 1, "over")))
		k--;
	return k >= 1 && !tw(S, k - 1, "missing") &&
	    !tw(S, k - 1, "dead") && tin(S, k - 1, LX_CASUALTY);
}

/* A percentage at j ("%", "percent", "per cent") after the number. */
static size_t
percent_at(const struct sentence *S, size_t j)
{
	if (tp(S, j, '%') || tw(S, j, "percent") || tw(S, j, "pc") ||
	    tw(S, j, "відсотків") || tw(S, j, "відсотка") ||
	    tw(S, j, "процентов") || tw(S, j, "процента"))
		return j + 1;
	if (tw(S, j, "per") && tw(S, j + 1, "cent"))
		return j + 2;
	return 0;
}

/*
 * The number of a percentage whose digits are token k: "87.5", "40,5"
 * (a decimal comma; "1,500" groups thousands), or v for a number in
 * words.  0 when it is no share (over 100).
 */
static double
percent_value(const struct sentence *S, size_t k, int64_t v)
{
	const char *w;
	double x = 0, scale = 1;
	size_t i;
	int dec = 0;

	if (k >= S->n || S->t[k].punct ||
	    !is_digit((unsigned char)S->text[S->t[k].start]))
		x = (double)v;
	else
		for (w = S->text + S->t[k].start, i = 0; i < S->t[k].len;
		    i++) {
			if (is_digit((unsigned char)w[i]) && dec)
				x += (w[i] - '0') * (scale /= 10);
			else if (is_digit((unsigned char)w[i]))
				x = x * 10 + (w[i] - '0');
			else if (w[i] == ',' && i + 4 == S->t[k].len)
				continue;	/* "1,500": thousands */
			else if ((w[i] == '.' || w[i] == ',') && !dec)
				dec = 1;
			else
				break;
		}
	return x > 0 && x <= 100 ? x : 0;
}

/*
 * "two-thirds of Puerto Rico's 1.47 million customers", "a quarter of
 * the 80,000 homes": a fraction of a group is a vague count (no number),
 * the phrase from the fraction on [vague-count].
 */
static void
fraction_before(const struct sentence *S, size_t i, struct quant *q)
{
	size_t k, f;
	const char *w;
	size_t l;

	for (k = i; word_back(k, i, 4); k--) {
		if (S->t[k - 1].punct && S->t[k - 1].w[0] != '\'')
			return;
		if (tw(S, k - 1, "of"))
			break;
	}
	if (!word_back(k, i, 4) || k < 2)
		return;
	f = k - 2;
	w = S->t[f].w;
	l = strlen(w);
	if (!(tw(S, f, "third") || tw(S, f, "quarter") || tw(S, f, "half") ||
	    (l >= 6 && (strcmp(w + l - 6, "thirds") == 0 ||
	    strcmp(w + l - 6, "fourth") == 0)) ||
	    (l >= 8 && strcmp(w + l - 8, "quarters") == 0) ||
	    (l >= 7 && strcmp(w + l - 7, "fourths") == 0)))
		return;
	if (f > 0 && (tw(S, f - 1, "a") || tw(S, f - 1, "one") ||
	    tw(S, f - 1, "two") || tw(S, f - 1, "three")))
		f--;
	/* hedged or not, as a percentage would be (G13) */
	q->approx = f > 0 && (tw(S, f - 1, "about") ||
	    tw(S, f - 1, "roughly") || tw(S, f - 1, "nearly") ||
	    tw(S, f - 1, "almost") || tw(S, f - 1, "around") ||
	    tw(S, f - 1, "over") || tw(S, f - 1, "some"));
	q->t0 = f - (size_t)q->approx;
	q->value = -1;
}

/* After a count of outages ending at token e: "were affecting 9,870
   customers", "affecting 2,000": a verb of reach and the customers'
   own figure within six words, so the outages are incidents */
static int
incidents_count(const struct sentence *S, size_t e)
{
	size_t k;

	for (k = e; k < S->n && k < e + 6 && !tp(S, k, '.') &&
	    !tp(S, k, ';'); k++)
		if ((tw(S, k, "impacting") || tw(S, k, "affecting")) &&
		    figure_at(S, k + 1))
			return 1;
	return 0;
}

/* "Harlan (812)", "Leslie counties (390)": the figure from token i to j
   alone in brackets right after a name or a plural kind */
static int
bracketed_after_name(const struct sentence *S, size_t i, size_t j)
{
	/* "last Friday (3)", "this Thursday morning (16)", "in May (5)":
	   a date */
	static const char *const times[] = { "morning", "afternoon",
	    "evening", "night", "today", "yesterday", "tonight" };
	size_t k, n = 0;

	if (!(i >= 2 && j < S->n && tp(S, i - 1, '(') && tp(S, j, ')') &&
	    is_digit((unsigned char)S->t[i].w[0]) &&
	    !tin(S, i - 2, LX_WEEKDAY) && !tin(S, i - 2, LX_MONTH) &&
	    !TW_ANY(S, i - 2, times) && (S->t[i - 2].cap ||
	    list_kind_plural(S, i - 2))))
		return 0;
	/* a list of them, two or more: one alone after a name is as
	   often an age ("Nora Quill (81) has been without power") */
	for (k = 2; k + 2 < S->n && n < 2; k++)
		if (tp(S, k, '(') && (S->t[k - 1].cap ||
		    list_kind_plural(S, k - 1)) &&
		    is_digit((unsigned char)S->t[k + 1].w[0]) &&
		    tp(S, k + 2, ')'))
			n++;
	return n >= 2;
}

/* "while around 800", "and some 300": a clause opener right before the
   count phrase at token i, or before its one hedge word */
static int
ellipsis_opens(const struct sentence *S, size_t i)
{
	size_t k = i;

	/* a phrase that starts at its figure may have its hedge before it
	   (one that starts at its hedge, "around 800", has it inside) */
	if (k > 0 && is_digit((unsigned char)S->t[k].w[0]) &&
	    (tw(S, k - 1, "around") || tw(S, k - 1, "about") ||
	    tw(S, k - 1, "some") || tw(S, k - 1, "nearly")))
		k--;
	return k > 0 && (tw(S, k - 1, "while") || tw(S, k - 1, "whereas") ||
	    tw(S, k - 1, "and") || tw(S, k - 1, "but"));
}

/* "have no water", "are without gas", "remain without power", "lost
   heating": a loss the count at j's left is the subject of, with its
   utility named */
static int
own_loss_at(const struct sentence *S, size_t j)
{
	size_t u;

	if ((tw(S, j, "have") || tw(S, j, "had") || tw(S, j, "has")) &&
	    tw(S, j + 1, "no"))
		u = j + 2;
	else if ((tin(S, j, LX_BE) || tw(S, j, "remain") ||
	    tw(S, j, "remained")) && tw(S, j + 1, "without"))
		u = j + 2;
	else if (tw(S, j, "lost"))
		u = j + 1;
	else
		return 0;
	return u < S->n && lx_in(S->t[u].lx, LX_UTILITY_HEAD) &&
	    word_utility(S, u) != 0;
}

/* A number phrase at token i: fills q, returns 1; 0 if none. */
static int
number_quant(const struct sentence *S, size_t i, struct quant *q)
{
	const char *s = S->text;
	size_t end = S->start + S->len, n, j, e, p, k, ow, o;
	int64_t v, v2;
	int a, a2, grouped;

	n = extract_number(s + S->t[i].start, end - S->t[i].start, &v, &a);
	if (n == 0)
		return 0;
	/* tok_at()'s token, found forward from i (speed only: tokens are
	   in text order and token i starts before the number's end, so
	   the first token not starting before it is after i, most often
	   i + 1) */
	for (j = i + 1; j < S->n && S->t[j].start < S->t[i].start + n; j++)
		;
	q->t0 = i;
	q->value = v;
	q->approx = a;
	if ((p = percent_at(S, j)) > 0) {
		/* "100% of recorded customers (430,747)": the count wins */
		q->value = -1;
		/* "supply had been cut by 45 percent", "flows reduced by
		   30%": how much less flows, no share of the users
		   [not-affected] */
		if (i >= 2 && tw(S, i - 1, "by") && (tw(S, i - 2, "cut") ||
		    tw(S, i - 2, "reduced") || tw(S, i - 2, "lowered") ||
		    tw(S, i - 2, "slashed") || tw(S, i - 2, "dropped") ||
		    tw(S, i - 2, "fell") || tw(S, i - 2, "decreased"))) {
			/* the cut stands, as a count-less one */
			q->excluded = EXCL_TOLL;
			q->t1 = p;
			return 1;
		}
		/* "58% of them had been reconnected": a share [share] */
		if (tw(S, p, "of") && (tw(S, p + 1, "them") ||
		    tw(S, p + 1, "those"))) {
			q->ref = 1;
			q->t1 = p + 2;
			return 1;
		}
		/* "85 per cent of the (more than) 142,000 customers": the
		   share, then the group it is of, a count of its own
		   [share] */
		for (k = p + 2; k < S->n && k < p + 5 &&
		    !is_digit((unsigned char)S->t[k].w[0]); k++)
			;
		if (tw(S, p, "of") && (tw(S, p + 1, "the") ||
		    /* "80 percent of Cuba's 10 million people" */
		    possessive_name(S, p + 1)) && k < p + 5 &&
		    k < S->n && (n = extract_number(s + S->t[k].start,
		    end - S->t[k].start, &v2, &a2)) > 0 &&
		    (e = tok_at(S, S->t[k].start + n)) < S->n &&
		    counted_noun(S, e, q) > e && !q->excluded &&
		    q->unit[0] != '\0') {
			q->pct = percent_value(S, j - 1, v);
			q->whole_next = 1;
			q->t1 = p;
			return 1;
		}
		memset(q->unit, 0, sizeof(q->unit));
		q->noun = NULL;
		q->excluded = 0;
		q->placeish = 0;
		e = of_phrase(S, p, q);
		if (q->excluded)
			return 1;
		/* "40% споживачів": the noun in the genitive, no "of" */
		if (e == p && p < S->n && !S->t[p].punct &&
		    (unsigned char)S->text[S->t[p].start] >= 0xD0 &&
		    (e = counted_noun(S, p, q)) > p && q->excluded)
			return 1;
		/* a share of the consumers (of a place), or "heating for
		   60%" (not "for 40% of the day"): the report's percent
		   [percent] */
		if ((e > p && (q->noun == NULL || q->unit[0] != '\0')) ||
		    (tw(S, i - 1, "for") && !tw(S, p, "of")))
			q->pct = percent_value(S, j - 1, v);
		if (e == p && q->unit[0] == '\0')
			e = p;
		if (tp(S, e, '(') && e + 1 < S->n &&
		    (n = extract_number(s + S->t[e + 1].start,
		    end - S->t[e + 1].start, &v2, &a2)) > 0 &&
		    tp(S, tok_at(S, S->t[e + 1].start + n), ')')) {
			q->value = v2;
			q->approx = a2;
			e = tok_at(S, S->t[e + 1].start + n) + 1;
		} else if (tp(S, e, ',') && e + 1 < S->n) {
			/* "94 percent of its customers, approximately
			   655,000 people": the same group counted, the
			   count wins as in brackets */
			struct quant g;
			size_t b = e + 1, ne;
			int hedged = tw(S, b, "approximately") ||
			    tw(S, b, "about") || tw(S, b, "around") ||
			    tw(S, b, "roughly") || tw(S, b, "some") ||
			    tw(S, b, "nearly") || tw(S, b, "or");

			b += hedged;
			memset(&g, 0, sizeof(g));
			g.cue = -1;
			if (b < S->n && is_digit((unsigned char)S->t[b].w[0]) &&
			    (n = extract_number(s + S->t[b].start,
			    end - S->t[b].start, &v2, &a2)) > 0 &&
			    (ne = counted_noun(S, tok_at(S, S->t[b].start + n),
			    &g)) > tok_at(S, S->t[b].start + n) &&
			    !g.excluded && g.unit[0] != '\0' &&
			    (q->unit[0] == '\0' || strcmp(g.unit,
			    q->unit) == 0 || strcmp(g.unit, "people") == 0)) {
				q->value = v2;
				q->approx = a2 || (hedged && !tw(S, e + 1, "or"));
				memcpy(q->unit, g.unit, sizeof(q->unit));
				q->noun = g.noun;
				e = ne;
			}
		}
		q->t1 = e;
		return 1;
	}
	/* "6.2 million out of the 6.5 million households" */
	if (tw(S, j, "out") && tw(S, j + 1, "of")) {
		p = j + 2 + tw(S, j + 2, "the");
		if (p < S->n && (n = extract_number(s + S->t[p].start,
		    end - S->t[p].start, &v2, &a2)) > 0 &&
		    (e = counted_noun(S, tok_at(S, S->t[p].start + n), q)) >
		    tok_at(S, S->t[p].start + n)) {
			/* "1,51,889 out of 2,91,171 affected consumers":
			   the share, then the group that lost supply, a
			   count of its own [share] */
			if (tw(S, tok_at(S, S->t[p].start + n), "affected") &&
			    !q->excluded && v2 > v) {
				q->t1 = j;
				q->whole_next = 1;
				return 1;
			}
			q->t1 = e;
			return 1;
		}
	}
	/* "restored power to 19,000 of the 27,500 customers it cut off":
	   the share, with the group's unit, then the group, a count of
	   its own [share] */
	if (tw(S, j, "of") && (ow =
	    /* an owner's base after a figure ("about 30,000 of its"), not
	       "two-thirds of" */
	    is_digit((unsigned char)S->t[j - 1].w[0]) &&
	    (o = owner_words(S, j + 1)) > 0 ? o :
	    tw(S, j + 1, "the") ? 1 : 0) > 0 && j + 1 + ow < S->n &&
	    (n = extract_number(s + S->t[j + 1 + ow].start,
	    end - S->t[j + 1 + ow].start, &v2, &a2)) > 0 && v2 > v &&
	    (p = tok_at(S, S->t[j + 1 + ow].start + n)) < S->n &&
	    counted_noun(S, p, q) > p && !q->excluded && q->unit[0] != '\0' &&
	    !base_or_money(S, i)) {
		q->t1 = j;
		q->whole_next = 1;
		return 1;
	}
	memset(q->unit, 0, sizeof(q->unit));
	q->noun = NULL;
	q->excluded = 0;
	q->placeish = 0;
	/* "14 of Ecuador's 24 provinces", "20 of the 23 states": the share
	   of areas is the count, the whole a base [place-count] */
	if ((e = areas_share(S, j, v)) > 0) {
		(void)counted_noun(S, e - 1, q);
		q->t1 = e;
		return 1;
	}
	/* "2.5 million of its subscribers": a share of the operator's */
	if (tw(S, j, "of") && (tw(S, j + 1, "its") || tw(S, j + 1, "their") ||
	    tw(S, j + 1, "our")) && j + 2 < S->n && !S->t[j + 2].punct &&
	    !is_digit((unsigned char)S->t[j + 2].w[0]) &&
	    (e = counted_noun(S, j + 2, q)) > j + 2 && !q->excluded &&
	    q->unit[0] != '\0') {
		q->t1 = e;
		return 1;
	}
	/* "more than 1.3 million of clients": a translated "of" before
	   the counted noun itself */
	if (tw(S, j, "of") && j + 1 < S->n && tok_unit(&S->t[j + 1]) != NULL &&
	    (e = counted_noun(S, j + 1, q)) == j + 2 && !q->excluded &&
	    q->unit[0] != '\0' && !base_or_money(S, i)) {
		q->t1 = e;
		return 1;
	}
	if ((e = counted_noun(S, j, q)) > j) {
		q->t1 = e;
		/* "three locations", "12 addresses", "out at 137 separate
		   locations": sites, not a tracker's service points */
		if (q->noun != NULL && (WEQ(q->noun, "locations") ||
		    WEQ(q->noun, "addresses")) && (v < 100 || (i > 0 &&
		    (tw(S, i - 1, "at") || tw(S, i - 1, "across")))))
			q->excluded = 1;
		/* "restore 10.27 lakh connections out of 11.27 lakh": the
		   whole is the group that lost supply [restored-out-of]
		   (count_shapes.c) */
		if (!q->excluded && q->unit[0] != '\0' && tw(S, e, "out") &&
		    restored_out_of(S, i, e, v))
			q->whole_next = 1;
		/* "31 outages across the region were affecting
		   9,870 customers": incidents, the customers counted
		   after them */
		if (!q->excluded && q->noun != NULL &&
		    WEQ(q->noun, "outages") && incidents_count(S, e))
			q->excluded = 1;
		if (!q->excluded && toll_before(S, i))
			q->excluded = EXCL_TOLL;
		if (!q->excluded && (base_or_money(S, i) || casualties(S, e) ||
		    displaced(S, i) || base_described(S, i, e) ||
		    not_out_count(S, i, e)))
			q->excluded = 1;
		if (!q->excluded)
			fraction_before(S, i, q);
		return 1;
	}
	/* "restored to 90,000 of them": the group named before [share] */
	if (tw(S, j, "of") && (tw(S, j + 1, "them") || tw(S, j + 1, "those")) &&
	    !base_or_money(S, i)) {
		q->t1 = j + 2;
		q->bare = 1;
		return 1;
	}
	/* "down from 190 thousand", "from a peak of nearly half a
	   million": the same group's earlier count, a parallel phrase */
	if (i >= 2 && ((tw(S, i - 1, "from") && (tw(S, i - 2, "down") ||
	    tw(S, i - 2, "up") || fell_from(S, i))) || (tw(S, i - 1, "of") &&
	    tw(S, i - 2, "peak"))) && v >= 1000 && !base_or_money(S, i)) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	/* "25,000 customers in York County and 388 in Adams County": a
	   small elliptical count after "and", before "in" and a name;
	   "1,500 in Kent, including 350 in Dover": a part of the count
	   before (w-en) */
	if (v >= 10 && i > 0 && (tw(S, i - 1, "and") ||
	    tw(S, i - 1, "including")) && (tw(S, j, "in") ||
	    /* "and 2,381 throughout the North East" */
	    tw(S, j, "throughout") || tw(S, j, "across")) &&
	    j + 2 < S->n && (S->t[j + 1].cap || (tw(S, j + 1, "the") &&
	    S->t[j + 2].cap)) && !base_or_money(S, i)) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	/* "52,000 homes were without power, while about 600 have no
	   water": an elliptical count, the subject of a loss of its own */
	if (v >= 10 && ellipsis_opens(S, i) && own_loss_at(S, j) &&
	    !base_or_money(S, i)) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	/* "23,210 were in Pingtung County, 468 were in Taipei and 391
	   were in Chiayi County": a breakdown's small items */
	if (v >= 10 && i > 0 && (tw(S, i - 1, "and") || tp(S, i - 1, ',')) &&
	    (tw(S, j, "were") || tw(S, j, "was")) && tw(S, j + 1, "in") &&
	    j + 2 < S->n && S->t[j + 2].cap && !base_or_money(S, i)) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	/* "350 customers - 50 in the lower Blue Mountains, 50 in the
	   Penrith area" (v-en2) */
	if (v >= 10 && tw(S, j, "in") && breakdown_part(S, i) &&
	    !base_or_money(S, i)) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	/* "most notably in Harpswell, where 85 were still waiting": a
	   small elliptical count of the place before "where" (w-en) */
	if (v >= 10 && where_count(S, i, j) && !base_or_money(S, i)) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	/* "followed by Scioto with 286 and Gallia with 272": a small
	   item of a ranking, after its name and "with" */
	if (v >= 10 && i >= 2 && tw(S, i - 1, "with") && S->t[i - 2].cap &&
	    ranking_before(S, i) && !base_or_money(S, i)) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	/* "у Чугуєві – понад 900": a Cyrillic elliptical count */
	if (S->lang != 0 && cyr_dash_count(S, i, j)) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	/* "now down to around 150.": a small remaining figure
	   [remaining-bare] (count_shapes.c) */
	if (v < 1000 && remaining_bare(S, i, j, v) && !base_or_money(S, i)) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	/* bare: "while North Carolina records 547,630." */
	grouped = memchr(s + S->t[i].start, ',', n) != NULL || v >= 1000000 ||
	    cyr_scaled(s + S->t[i].start, n) ||	/* "понад 400 тисяч" */
	    /* "half a million", "20 thousand": a scale word, no year */
	    (v >= 1000 && j > i + 1 && is_alpha((unsigned char)S->t[j - 1].w[0]));
	/* "out of 440,000 cut off nationwide": a total that lost supply
	   too, not a customer base; "restore N connections out of M"
	   [restored-out-of] */
	if (v >= 1000 && i >= 2 && tw(S, i - 1, "of") &&
	    tw(S, i - 2, "out") && ((grouped && tin(S, j, LX_LOST)) ||
	    (i >= 4 && tok_unit(&S->t[i - 3]) != NULL &&
	    restored_out_of(S, i - 4, i - 2, -1)))) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	/* "restored gas to 140 homes out of the 620 who lost
	   supply": the whole, of those who lost supply */
	if (i >= 5 && tw(S, i - 1, "the") && tw(S, i - 2, "of") &&
	    tw(S, i - 3, "out") && who_lost(S, j) &&
	    tok_unit(&S->t[i - 4]) != NULL &&
	    restored_out_of(S, i - 5, i - 3, -1)) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	/* "in Harlan (812), Perry (455) and Leslie counties (390)": a
	   name's bracketed figure, whatever its size [bracket-count] */
	if (v > 0 && bracketed_after_name(S, i, j) && !base_or_money(S, i)) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	/* "Gold Coast City: 77,232", "Gympie Regional: 1": a label
	   line's figure, whatever its size [label-line] */
	if (v > 0 && label_figure(S, i, j)) {
		q->t1 = j;
		q->bare = 1;
		return 1;
	}
	if (!grouped || v < 1000 || base_or_money(S, i) ||
	    not_out_count(S, i, j))
		return 0;
	/* "and 40,000 more lost power": the elliptical count goes on */
	if (tw(S, j, "more") && !tw(S, j + 1, "than")) {
		q->t1 = j + 1;
		q->bare = 1;
		return 1;
	}
	/* "and 12,000 lost power": a loss verb follows */
	if (j < S->n && !(S->t[j].punct && S->t[j].w[0] != '$') &&
	    !tin(S, j, LX_BARE) && !tin(S, j, LX_LOST) &&
	    /* "and over four million out on Tuesday" (z-en-us) */
	    !(tw(S, j, "out") && !tw(S, j + 1, "of")))
		return 0;
	q->t1 = j;
	q->bare = 1;
	return 1;
}

/* inlined: find_quants() asks it of every token */
static inline __attribute__((always_inline)) int
may_start_number(const struct tok *t)
{

	/* memcmp of 7 of w's WORD_MAX bytes: the compiler's loads, not a
	   call to strncmp for every word that starts with 't' (a '\0'
	   among them differs from the literal's byte all the same) */
	return !t->punct && (is_digit((unsigned char)t->w[0]) ||
	    lx_in(t->lx, LX_NUMBER_START) || (t->w[0] == 't' &&
	    (memcmp(t->w, "twenty-", 7) == 0 ||
	    memcmp(t->w, "thirty-", 7) == 0)));
}

/*
 * A blank phrase: memset() of the struct in pieces of 64 bytes, which the
 * compiler writes as a few vector stores; the one memset() of its whole
 * size it writes as "rep stos", whose start-up cost, paid at nearly every
 * word of a sentence, was find_quants()'s hottest instruction.
 */
static inline void
blank_quant(struct quant *x)
{
	size_t o;

	for (o = 0; o + 64 <= sizeof(*x); o += 64)
		memset((char *)x + o, 0, 64);
	memset((char *)x + o, 0, sizeof(*x) - o);
	x->cue = -1;
}

/*
 * Can anything below start at token t: a digit or a word of
 * LX_NUMBER_START (may_start_number()), "a" ("a million"), "twenty-" or
 * "thirty-" (a hyphen at w[6]) or a word vague_quant() starts from?  Most
 * words are none of these, and are passed over with this one test.
 */
static const unsigned char quant_first[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['a'] = 1, ['t'] = 1
};

static inline int
may_start_quant(const struct tok *t)
{
	/* LX_NUMBER_START and LX_VAGUE are bits of one word of lx: one
	   mask test for both, not two shifts (asked of every token) */
	_Static_assert(LX_NUMBER_START / 64 == LX_VAGUE / 64,
	    "may_start_quant: one word of lists");
	/* Speed only: quant_first[] holds the first bytes of the three
	   tests after it (a digit, 'a', 't'), so one load settles them
	   for most words */
	return (quant_first[(unsigned char)t->w[0]] &&
	    (is_digit((unsigned char)t->w[0]) ||
	    (t->w[0] == 'a' && t->w[1] == '\0') ||
	    (t->w[0] == 't' && t->w[6] == '-'))) ||
	    (t->lx[LX_VAGUE / 64] & (UINT64_C(1) << (LX_NUMBER_START % 64) |
	    UINT64_C(1) << (LX_VAGUE % 64))) != 0 ||
	    lx_in(t->lx, LX_VAGUE_HEAD);
}

/* Count phrases of a sentence in token order. */
/* Is token i the day after a month's name ("December 9", "on May 21")?
   ("In March 40,000 customers" is a count: a day has two digits at most) */
static int
day_of_month(const struct sentence *S, size_t i)
{
	const char *w = S->t[i].w;

	return is_digit((unsigned char)w[0]) && (w[1] == '\0' ||
	    (is_digit((unsigned char)w[1]) && w[2] == '\0')) &&
	    tin(S, i - 1, LX_MONTH);
}

size_t
find_quants(const struct sentence *S, struct quant *q)
{
	size_t i, nq = 0;
	int dirty = 1, frac;	/* q[nq] is not the blank a phrase starts from */

	for (i = 0; i < S->n && nq < MAX_QUANT; i++) {
		const struct tok *t = &S->t[i], *end = &S->t[S->n];
		struct quant *x;

		/* Speed only (the same tokens reach the tests below): the
		   tokens no phrase starts at, most, are passed over by a
		   loop of their own, as the test's "continue" did */
		while (!may_start_quant(t))
			if (++t == end)
				return nq;
		i = (size_t)(t - S->t);
		x = &q[nq];
		/* blanked only after a test wrote to it: most tokens start
		   no phrase */
		if (dirty) {
			blank_quant(x);
			dirty = 0;
		}
		/* "between 2,000 and 3,000 homes": one group, counted by
		   the bound that carries its noun (as "2,000 to 3,000") */
		if (i > 0 && tw(S, i - 1, "between") && tw(S, i + 1, "and") &&
		    i + 2 < S->n && may_start_number(&S->t[i + 2]))
			continue;
		/* "Stage 4 load shedding", "magnitude 6.8": a grade */
		if (i > 0 && is_digit((unsigned char)S->t[i].w[0]) &&
		    (tw(S, i - 1, "stage") || tw(S, i - 1, "level") ||
		    tw(S, i - 1, "phase") || tw(S, i - 1, "category") ||
		    tw(S, i - 1, "magnitude") ||
		    /* "the town's microdistrict 12", "Zone 3": a name */
		    tw(S, i - 1, "neighborhood") ||
		    tw(S, i - 1, "neighbourhood") || tw(S, i - 1, "zone") ||
		    tw(S, i - 1, "ward") || tw(S, i - 1, "microdistrict")))
			continue;
		/* "since December 9 leaving residents": a date */
		if (i > 0 && day_of_month(S, i))
			continue;
		if ((may_start_number(&S->t[i]) || (S->t[i].w[0] == 'a' &&
		    S->t[i].w[1] == '\0' && i + 1 < S->n &&
		    (tw(S, i + 1, "million") || tw(S, i + 1, "thousand") ||
		    tw(S, i + 1, "billion"))))) {
			dirty = 1;
			/* "1 in 5 homes", "one in six households": a
			   fraction, no count (G11) (z-en-us) */
			frac = tw(S, i + 1, "in") && i + 2 < S->n &&
			    may_start_number(&S->t[i + 2]);
			if (frac && number_quant(S, i + 2, x) &&
			    x->t0 == i + 2 &&
			    x->unit[0] != '\0' && !x->excluded) {
				x->value = -1;
				x->pct = 0;
				x->approx = 0;
				for (x->t0 = i; x->t0 > 0 &&
				    (tw(S, x->t0 - 1, "roughly") ||
				    tw(S, x->t0 - 1, "about") ||
				    tw(S, x->t0 - 1, "nearly") ||
				    tw(S, x->t0 - 1, "almost") ||
				    tw(S, x->t0 - 1, "around")); x->t0--)
					x->approx = 1;
				nq++;
				i = x->t1 - 1;
				continue;
			}
			if (frac)
				blank_quant(x);
			if (number_quant(S, i, x)) {
				nq++;
				i = x->t1 > i ? x->t1 - 1 : i;
				continue;
			}
			blank_quant(x);
			dirty = 0;
		}
		/* only the words vague_quant() starts from (two bits; x stays
		   blank for the rest, most words) */
		if (!S->t[i].punct && (lx_in(S->t[i].lx, LX_VAGUE) ||
		    lx_in(S->t[i].lx, LX_VAGUE_HEAD))) {
			dirty = 1;
			if (vague_quant(S, i, x)) {
				nq++;
				i = x->t1 > i ? x->t1 - 1 : i;
			}
		}
	}
	return nq;
}
