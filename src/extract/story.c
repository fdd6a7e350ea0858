/* SPDX-License-Identifier: MIT */
/*
 * story.c - the story's countries [story-country].  The gazetteer holds
 * subdivisions of every country, and many of their names are also
 * English place names or words: "Charlotte" is a parish of Saint
 * Vincent, "Savannah" a region of Ghana, "Midlands" a province of
 * Zimbabwe.  A report placed in a subdivision of a country no pack
 * configures, when no other place the story names lies in that country
 * and its other places point to another one, is not placed there: it
 * keeps its mention and loses its region, as a name the gazetteer does
 * not know.
 *
 * The story's places are the capitalised names of the sentences that
 * may give a report (the lazy path looks up no others: reading the whole
 * text for this cost 4-9% of the extractor's instructions; and the
 * eager path must agree with it), and the decision waits for the last
 * of them.  A name with another reading in the story's country takes it
 * ("Niger" in a story about Nigeria), and a one-word region abroad
 * named only as the start of a longer name ("Auckland Park") loses its
 * region when nothing else of its country is named.
 */
#include <pthread.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "extract_int.h"

static const struct region *
country_of(const struct region *r)
{
	while (r->parent != NULL)
		r = r->parent;
	return r;
}

/*
 * Does a capitalised word that is not a kind follow the name at m, in
 * S: "Auckland Park", "Victoria Island" (not "Delta State")?
 */
static int
name_goes_on(const struct sentence *S, const struct gaz_match *m)
{
	const char *s = S->text;
	size_t e = m->start + m->len, end = S->start + S->len, i, n;
	char w[WORD_MAX];

	if (e + 1 >= end || s[e] != ' ' || !is_upper((unsigned char)s[e + 1]))
		return 0;
	for (i = e + 1, n = 0; i < end && is_alpha((unsigned char)s[i]) &&
	    n + 1 < sizeof(w); i++)
		w[n++] = (char)lower((unsigned char)s[i]);
	w[n] = '\0';
	return !lex_has(w, LX_KIND) && !lex_has(w, LX_STOP) &&
	    !lex_has(w, LX_NOT_PLACE) && !lex_has(w, LX_ORG) &&
	    (!lex_has(w, LX_AREA) || strcmp(w, "island") == 0);
}

/*
 * Well-known utilities and grid operators, and the country each serves:
 * a story naming one is about that country ("Enel Distribución ...
 * Santiago" is Chile's Santiago).  Evidence only: a utility's name is
 * no place, and gives no report a region (G9).  Where one name starts
 * another ("ESB", "ESB Networks"), the longer wins.  Groups serving many
 * countries (Enel, Iberdrola, EDF, National Grid) and names two
 * countries' utilities share ("Western Power": Perth's, and England's
 * Western Power Distribution) are left out: their country is no
 * evidence, and it would make a place of another country foreign.
 * Kept in strcmp order: a capital letter finds its names by binary search.
 */
static const struct operator {
	const char *name, *cc;
} operators[] = {
	{ "AusNet", "AU" }, { "Ausgrid", "AU" }, { "BC Hydro", "CA" },
	{ "BESCOM", "IN" }, { "BPDB", "BD" }, { "BSES", "IN" },
	{ "CenterPoint", "US" }, { "Ceylon Electricity Board", "LK" },
	{ "Con Ed", "US" }, { "Con Edison", "US" }, { "ConEd", "US" },
	{ "Corpoelec", "VE" }, { "DESCO", "BD" }, { "DTEK", "UA" },
	{ "Dominion Energy", "US" }, { "Duke Energy", "US" },
	{ "ESB", "IE" }, { "ESB Networks", "IE" }, { "Edenor", "AR" },
	{ "Edesur", "AR" },
	{ "Electricity Company of Ghana", "GH" },
	{ "Electricity North West", "GB" },
	{ "Endeavour Energy", "AU" }, { "Endesa", "ES" },
	{ "Enedis", "FR" }, { "Enel Chile", "CL" },
	{ "Enel Distribucion", "CL" }, { "Enel Distribución", "CL" },
	{ "Energex", "AU" }, { "Entergy", "US" }, { "Ergon", "AU" },
	{ "Eskom", "ZA" }, { "Essential Energy", "AU" },
	{ "Eversource", "US" }, { "FPL", "US" },
	{ "Florida Power & Light", "US" }, { "Georgia Power", "US" },
	{ "Hydro One", "CA" }, { "Hydro Ottawa", "CA" },
	{ "Hydro Quebec", "CA" }, { "Hydro-Quebec", "CA" },
	{ "Hydro-Québec", "CA" }, { "IESCO", "PK" },
	{ "Ikeja Electric", "NG" }, { "JPS", "JM" },
	{ "K-Electric", "PK" }, { "KPLC", "KE" },
	{ "Kenya Power", "KE" }, { "LESCO", "PK" }, { "LUMA", "US-PR" },
	{ "Luma Energy", "US-PR" }, { "MSEDCL", "IN" },
	{ "Meralco", "PH" }, { "NEPA", "NG" }, { "NIE Networks", "GB" },
	{ "Naftogaz", "UA" }, { "NamPower", "NA" },
	{ "Northern Powergrid", "GB" }, { "Oncor", "US" },
	{ "PG&E", "US" }, { "PREPA", "US-PR" },
	{ "Pacific Gas and Electric", "US" }, { "Powercor", "AU" },
	{ "SA Power Networks", "AU" }, { "SDG&E", "US" },
	{ "SSEN", "GB" }, { "Sonelgaz", "DZ" },
	{ "Southern California Edison", "US" }, { "TANESCO", "TZ" },
	{ "TANGEDCO", "IN" }, { "TCN", "NG" }, { "Taipower", "TW" },
	{ "Tata Power", "IN" }, { "Tenaga", "MY" },
	{ "Toronto Hydro", "CA" }, { "UK Power Networks", "GB" },
	{ "Ukrenergo", "UA" }, { "Umeme", "UG" },
	{ "Unión Eléctrica", "CU" }, { "Vector", "NZ" },
	{ "Wellington Electricity", "NZ" },
	{ "Western Power Distribution", "GB" }, { "Xcel Energy", "US" },
	{ "Yasno", "UA" }, { "ZESA", "ZW" }, { "ZESCO", "ZM" },
};

static void
story_add(struct context *C, const struct region *r)
{
	size_t i;

	for (i = 0; i < C->nstory; i++)
		if (C->story[i] == r)
			return;
	if (C->nstory < NELEM(C->story)) {
		C->story_on[C->nstory] = 0;
		C->story[C->nstory++] = r;
	}
}

/* The first of the operators whose name starts with byte c. */
static size_t
first_operator(unsigned char c)
{
	size_t lo = 0, hi = NELEM(operators), mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((unsigned char)operators[mid].name[0] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Speed only: first_operator() of every byte, once (pthread_once);
   the names that start with byte c are [op_first[c], op_first[c + 1]),
   and bit b of op_second[c] is set when one of them has b second (most
   capitalised words start no name: "The", "In") */
static size_t op_first[257];
static uint64_t op_second[256][4];
static pthread_once_t op_once = PTHREAD_ONCE_INIT;

static void
index_operators(void)
{
	size_t c, k;
	unsigned char a, b;

	for (c = 0; c < 257; c++)
		op_first[c] = first_operator((unsigned char)c);
	op_first[256] = NELEM(operators);
	for (k = 0; k < NELEM(operators); k++) {
		a = (unsigned char)operators[k].name[0];
		b = (unsigned char)operators[k].name[1];
		op_second[a][b >> 6] |= (uint64_t)1 << (b & 63);
	}
}

/* The longest operator's name at s[p] (ending before end, p + 1 < end):
   its index in operators[] (NELEM(operators) for none) and *len its
   length. */
static size_t
operator_at(const char *s, size_t p, size_t end, size_t *len)
{
	size_t k, n, best = NELEM(operators), c = (unsigned char)s[p], b;

	*len = 0;
	(void)pthread_once(&op_once, index_operators);
	b = (unsigned char)s[p + 1];
	if (((op_second[c][b >> 6] >> (b & 63)) & 1) == 0)
		return best;	/* no name starts with these two bytes */
	for (k = op_first[c]; k < op_first[c + 1]; k++) {
		if (operators[k].name[1] != s[p + 1])
			continue;
		n = strlen(operators[k].name);
		if (n > *len && n <= end - p &&
		    memcmp(s + p, operators[k].name, n) == 0 &&
		    (p + n == end || !is_alnum((unsigned char)s[p + n])))
			best = k, *len = n;
	}
	return best;
}

/* The length of an operator's name that starts at s[p] (ending before
   end), or 0: "Entergy Texas customers" names a company, no place. */
size_t
operator_len(const char *s, size_t p, size_t end)
{
	size_t n;

	if (p + 2 >= end || !is_upper((unsigned char)s[p]))
		return 0;
	(void)operator_at(s, p, end, &n);
	return n;
}

/*
 * The first ASCII capital of s[p..end) at p or after, or end.  Speed
 * only: sixteen bytes a compare pair and a mask (a byte of 0x80 or more
 * is negative, so above neither bound), the rest one by one.
 */
static inline size_t
next_capital(const char *s, size_t p, size_t end)
{
#ifdef __SSE2__
	const __m128i lo = _mm_set1_epi8('A' - 1), hi = _mm_set1_epi8('Z' + 1);

	for (; p + 16 <= end; p += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + p));
		int m = _mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, lo),
		    _mm_cmplt_epi8(x, hi)));

		if (m != 0)
			return p + (size_t)__builtin_ctz((unsigned)m);
	}
#endif
	while (p < end && !is_upper((unsigned char)s[p]))
		p++;
	return p;
}

/* The countries of the operators named in text[start, start + len). */
static void
note_operators(struct context *C, size_t start, size_t len)
{
	const char *s = C->text;
	size_t p, end = start + len, best, n;
	const struct region *c;

	/* a name starts with a capital: each is visited in turn */
	for (p = next_capital(s, start, end); p < end;
	    p = next_capital(s, p + 1, end)) {
		if ((p > start && is_alnum((unsigned char)s[p - 1])) ||
		    p + 2 >= end)
			continue;
		best = operator_at(s, p, end, &n);
		if (best < NELEM(operators) &&
		    (c = gaz_by_id(C->g, operators[best].cc)) != NULL)
			story_add(C, c);
	}
}

/*
 * The distinct regions of the capitalised names in m (sentence S's,
 * offsets in the text): the story's evidence.
 */
void
story_note(struct context *C, const struct sentence *S,
    const struct gaz_match *m, size_t nm)
{
	size_t j, i;


	for (j = 0; j < nm; j++) {
		if (m[j].region == NULL || !utf8_is_capital(C->text +
		    m[j].start, m[j].len))
			continue;
		for (i = 0; i < C->nstory; i++)
			if (C->story[i] == m[j].region)
				break;
		if (i == C->nstory && C->nstory < NELEM(C->story)) {
			C->story_on[i] = 0;
			C->story[C->nstory++] = m[j].region;
		}
		if (i < C->nstory && name_goes_on(S, &m[j]))
			C->story_on[i] = 1;
	}
}

/*
 * A configured country's region whose name is also a country's
 * ("Georgia"): it says nothing of which of the two the story is about.
 */
static const struct region *
country_named(const struct gazetteer *g, const struct region *r)
{
	const struct region *own = country_of(r);
	size_t k, n = gaz_count(g);

	/* iso-codes' countries come first; the first letter before a
	   call, as strcasecmp() compares it */
	for (k = 0; k < n; k++) {
		const struct region *c = gaz_at(g, k);

		if (c->depth != 0)
			break;
		if (c != own && lower((unsigned char)c->name[0]) ==
		    lower((unsigned char)r->name[0]) &&
		    strcasecmp(c->name, r->name) == 0)
			return c;
	}
	return NULL;
}

/*
 * A name of one word ("Charlotte", "Midlands"; "Cardiff [Caerdydd
 * GB-CRD]" is one too): a name of two or more ("Northern Ireland",
 * "Northern Cape") is the region's own, whatever else the story names.
 */
static int
one_word(const char *name)
{
	size_t n = strcspn(name, "[(,");

	while (n > 0 && name[n - 1] == ' ')
		n--;
	return memchr(name, ' ', n) == NULL;
}

/*
 * Is r foreign to the story?  Only a one-word subdivision of a country
 * no pack configures may be, or a "Saint X" one ("St. Louis" is a
 * district of Seychelles and a city of Missouri): when no other place
 * the story names lies in its country, and another country has weight 2
 * (named itself, or a configured country's region, or two of its
 * places).
 */
static int
foreign(struct context *C, const struct region *r)
{
	const struct region *c, *d;
	size_t k, j;
	int sum;

	if (r == NULL || r->depth == 0 || gaz_in_packs(C->g, r) ||
	    (!one_word(r->name) && strncmp(r->name, "Saint ", 6) != 0))
		return 0;
	c = country_of(r);
	for (k = 0; k < C->nstory; k++)
		if (C->story[k] != r && country_of(C->story[k]) == c)
			return 0;
	/* "Victoria Island", "Auckland Park": the first word of a longer
	   name, and nothing else of its country, is no evidence of it */
	for (k = 0; k < C->nstory; k++)
		if (C->story[k] == r && C->story_on[k])
			return 2;
	for (k = 0; k < C->nstory; k++) {
		d = country_of(C->story[k]);
		if (d == c)
			continue;
		if (C->story_w[k] == 0)	/* weighed once, when first asked */
			C->story_w[k] = C->story[k]->depth == 0 ||
			    (gaz_in_packs(C->g, C->story[k]) &&
			    country_named(C->g, C->story[k]) == NULL) ? 2 : 1;
		for (j = 0, sum = 0; j <= k; j++)
			if (country_of(C->story[j]) == d)
				sum += C->story_w[j];
		if (sum >= 2)
			return 1;
	}
	return 0;
}

/* Does the story name a place in country c, other than r? */
static int
named_in(const struct context *C, const struct region *c,
    const struct region *r)
{
	size_t k;

	for (k = 0; k < C->nstory; k++)
		if (C->story[k] != r && country_of(C->story[k]) == c)
			return 1;
	return 0;
}

/*
 * The other reading of a name the gazetteer gives to two places, when
 * the story's other places lie where that one is and none where r is:
 * "Niger" the country, in a story about Nigeria, is its Niger State;
 * "Georgia" the state, in a story about Tbilisi, is the country.  NULL
 * for none.
 */
static const struct region *
other_reading(const struct context *C, const struct region *r)
{
	const struct region *c = country_of(r), *d, *x;
	size_t k, i, n;

	if (named_in(C, c, r))
		return NULL;
	if (r->depth > 0) {
		if (gaz_in_packs(C->g, r) &&
		    (d = country_named(C->g, r)) != NULL && named_in(C, d, r))
			return d;
		return NULL;
	}
	/* a first-level subdivision of a country the story names */
	for (k = 0; k < C->nstory; k++) {
		if ((d = country_of(C->story[k])) == c)
			continue;
		for (i = 0, n = d->nchildren; i < n; i++) {
			x = d->children[i];
			if (strcasecmp(x->name, r->name) == 0)
				return x;
		}
	}
	return NULL;
}

/*
 * "Kent" of "Kent Island": the mention takes the word that goes on with
 * it in the report's sentence.
 */
static void
longer_mention(const struct context *C, struct extract_report *r)
{
	const char *s = C->text + r->sentence_start, *at;
	size_t n = strlen(r->mention), len = r->sentence_len, e, w;

	at = memmem(s, len, r->mention, n);
	if (at == NULL || (e = (size_t)(at - s) + n) + 1 >= len ||
	    s[e] != ' ' || !is_upper((unsigned char)s[e + 1]))
		return;
	for (w = e + 1; w < len && is_alpha((unsigned char)s[w]); w++)
		;
	if ((n = w - (size_t)(at - s)) < sizeof(r->mention)) {
		memcpy(r->mention, at, n);	/* at is not NUL-terminated */
		r->mention[n] = '\0';
	}
}

/* The operators named in the sentences of the reports (each once). */
static void
operators_named(struct context *C)
{
	size_t k, j;

	for (k = 0; k < C->nr; k++) {
		for (j = 0; j < k; j++)
			if (C->r[j].sentence_start == C->r[k].sentence_start)
				break;
		if (j == k)
			note_operators(C, C->r[k].sentence_start,
			    C->r[k].sentence_len);
	}
}

/*
 * The reports placed abroad lose their region, keep their mention; a
 * name with another reading in the story's country takes it.
 */
void
story_places(struct context *C)
{
	const struct region *r, *last = NULL, *alt = NULL;
	size_t k;
	int drop = 0, operators_read = 0;

	for (k = 0; k < C->nr; k++) {
		/* a report with no mention would be left with no place */
		if ((r = C->r[k].region) == NULL || C->r[k].mention[0] == '\0')
			continue;
		if (r != last) {
			last = r;
			/* the operators' countries are asked for only when a
			   place may be foreign: reading for them costs */
			if (!operators_read && r->depth > 0 &&
			    !gaz_in_packs(C->g, r) && one_word(r->name)) {
				operators_read = 1;
				operators_named(C);
			}
			drop = foreign(C, r);
			alt = drop || C->nstory < 2 ? NULL : other_reading(C, r);
		}
		if (drop == 2)
			longer_mention(C, &C->r[k]);
		if (drop)
			region_dropped(&C->r[k]);
		else if (alt != NULL)
			set_place(&C->r[k], alt, C->r[k].mention);
	}
}
