/* SPDX-License-Identifier: MIT */
/*
 * demonyms.c - the peoples and adjectives that name a place: a country's
 * adjective names the country ("Lebanese homes") and, before "capital",
 * its capital ("the Cuban capital") [demonym-country, demonym-capital];
 * the people and adjectives of places that are not countries, "Texans",
 * "Kyivans", "Aucklanders" (a report's count or a sentence's subject)
 * and "Scottish homes" (a count's adjective), are one table below.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

/* The adjective ("texan") or NULL, the people ("texans") or NULL, and
   the place: a region id or a name the gazetteer resolves. */
static const struct demonym {
	const char	*adj, *noun, *place;
} demonyms[] = {
	{ "texan", "texans", "US-TX" },
	{ "californian", "californians", "US-CA" },
	{ "floridian", "floridians", "US-FL" },
	{ NULL, "londoners", "London" },
	{ NULL, "britons", "GB" },
	{ NULL, "kyivans", "Kyiv" },
	{ NULL, "kharkivites", "Kharkiv" },
	{ NULL, "odesans", "Odesa" },
	{ NULL, "dniprians", "Dnipro" },
	{ NULL, "lvivians", "Lviv" },
	{ NULL, "zaporizhians", "Zaporizhzhia" },
	{ NULL, "mykolaivans", "Mykolaiv" },
	{ NULL, "khersonians", "Kherson" },
	{ NULL, "gazans", "PS-GZA" },
	/* US, Canadian, Australian and New Zealand (z-en-us) */
	{ NULL, "marylanders", "US-MD" },
	{ NULL, "virginians", "US-VA" },
	{ NULL, "ohioans", "US-OH" },
	{ NULL, "michiganders", "US-MI" },
	{ NULL, "louisianans", "US-LA" },
	{ NULL, "mississippians", "US-MS" },
	{ NULL, "tennesseans", "US-TN" },
	{ NULL, "kentuckians", "US-KY" },
	{ NULL, "oregonians", "US-OR" },
	{ NULL, "mainers", "US-ME" },
	{ NULL, "minnesotans", "US-MN" },
	{ NULL, "iowans", "US-IA" },
	{ NULL, "oklahomans", "US-OK" },
	{ NULL, "alabamians", "US-AL" },
	{ NULL, "arkansans", "US-AR" },
	{ NULL, "pennsylvanians", "US-PA" },
	{ NULL, "ontarians", "CA-ON" },
	{ NULL, "quebecers", "CA-QC" },
	{ NULL, "albertans", "CA-AB" },
	{ NULL, "manitobans", "CA-MB" },
	{ NULL, "queenslanders", "AU-QLD" },
	{ "tasmanian", "tasmanians", "AU-TAS" },
	{ "victorian", "victorians", "AU-VIC" },
	{ NULL, "aucklanders", "NZ-AUK" },
	/* nations and regions whose adjective no capital goes with */
	{ "scottish", NULL, "GB-SCT" },
	{ "welsh", NULL, "GB-WLS" },
	{ "english", NULL, "GB-ENG" },
	{ "catalan", NULL, "ES-CT" },
	{ "bavarian", NULL, "DE-BY" },
	{ "sicilian", NULL, "IT-82" },
	{ "sardinian", NULL, "IT-88" },
	{ "corsican", NULL, "FR-20R" }
};

/*
 * Speed only (the same answers as a walk of demonyms[]): the entries with
 * a people's noun, and those with an adjective, in strcmp() order of it,
 * for a binary search; made once (pthread_once).  No noun or adjective
 * is listed twice (index_demonyms() aborts), so the one found is the
 * first.
 */
static const struct demonym *by_noun[NELEM(demonyms)];
static const struct demonym *by_adj[NELEM(demonyms)];
static size_t nby_noun, nby_adj;
static pthread_once_t demonym_once = PTHREAD_ONCE_INIT;

static int
noun_order(const void *a, const void *b)
{
	return strcmp((*(const struct demonym *const *)a)->noun,
	    (*(const struct demonym *const *)b)->noun);
}

static int
adj_order(const void *a, const void *b)
{
	return strcmp((*(const struct demonym *const *)a)->adj,
	    (*(const struct demonym *const *)b)->adj);
}

static void
index_demonyms(void)
{
	size_t k;

	for (k = 0; k < NELEM(demonyms); k++) {
		if (demonyms[k].noun != NULL)
			by_noun[nby_noun++] = &demonyms[k];
		if (demonyms[k].adj != NULL)
			by_adj[nby_adj++] = &demonyms[k];
	}
	qsort(by_noun, nby_noun, sizeof(by_noun[0]), noun_order);
	qsort(by_adj, nby_adj, sizeof(by_adj[0]), adj_order);
	for (k = 1; k < nby_noun; k++)
		if (noun_order(&by_noun[k - 1], &by_noun[k]) == 0)
			abort();	/* a people's noun listed twice */
	for (k = 1; k < nby_adj; k++)
		if (adj_order(&by_adj[k - 1], &by_adj[k]) == 0)
			abort();	/* an adjective listed twice */
}

static int
noun_is(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct demonym *const *)elem)->noun);
}

static int
adj_is(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct demonym *const *)elem)->adj);
}

/* The place of a people's noun ("texans": "US-TX"), or NULL. */
const char *
demonym_noun(const char *noun)
{
	const struct demonym *const *d;

	(void)pthread_once(&demonym_once, index_demonyms);
	d = bsearch(noun, by_noun, nby_noun, sizeof(by_noun[0]), noun_is);
	return d != NULL ? (*d)->place : NULL;
}

/* The region id of a place's adjective ("scottish": "GB-SCT"), or
   NULL. */
const char *
demonym_adjective(const char *adj)
{
	const struct demonym *const *d;

	(void)pthread_once(&demonym_once, index_demonyms);
	d = bsearch(adj, by_adj, nby_adj, sizeof(by_adj[0]), adj_is);
	return d != NULL ? (*d)->place : NULL;
}

/*
 * "restoring service to N customers in the Cuban capital", "a power
 * outage in the Kenyan capital": a country's adjective before "capital"
 * names the capital city, not a place called "Cuban" [demonym-capital].
 * The city's region where the gazetteer has one (else its name alone).
 * Kept in strcmp order.
 */
static const struct capital {
	const char *adj, *city, *id, *country;
} capitals[] = {
	{ "afghan", "Kabul", "AF-KAB", "AF" },
	{ "albanian", "Tirana", "AL-11", "AL" },
	{ "algerian", "Algiers", "DZ-16", "DZ" },
	{ "american", "Washington", "US-DC", "US" },
	{ "angolan", "Luanda", "AO-LUA", "AO" },
	{ "argentine", "Buenos Aires", "AR-C", "AR" },
	{ "argentinian", "Buenos Aires", "AR-C", "AR" },
	{ "armenian", "Yerevan", "AM-ER", "AM" },
	{ "australian", "Canberra", "AU-ACT", "AU" },
	{ "austrian", "Vienna", "AT-9", "AT" },
	{ "azerbaijani", "Baku", "AZ-BA", "AZ" },
	{ "bangladeshi", "Dhaka", "BD-C", "BD" },
	{ "belarusian", "Minsk", "BY-HM", "BY" },
	{ "belgian", "Brussels", "BE-BRU", "BE" },
	{ "bolivian", "La Paz", NULL, "BO" },
	{ "bosnian", "Sarajevo", NULL, "BA" },
	{ "brazilian", "Brasilia", "BR-DF", "BR" },
	{ "british", "London", NULL, "GB" },
	{ "bulgarian", "Sofia", "BG-22", "BG" },
	{ "cambodian", "Phnom Penh", "KH-12", "KH" },
	{ "cameroonian", "Yaounde", NULL, "CM" },
	{ "canadian", "Ottawa", NULL, "CA" },
	{ "chilean", "Santiago", "CL-RM", "CL" },
	{ "chinese", "Beijing", "CN-BJ", "CN" },
	{ "colombian", "Bogota", "CO-DC", "CO" },
	{ "croatian", "Zagreb", "HR-21", "HR" },
	{ "cuban", "Havana", "CU-03", "CU" },
	{ "cypriot", "Nicosia", NULL, "CY" },
	{ "czech", "Prague", "CZ-10", "CZ" },
	{ "danish", "Copenhagen", "DK-84", "DK" },
	{ "dominican", "Santo Domingo", "DO-01", "DO" },
	{ "dutch", "Amsterdam", NULL, "NL" },
	{ "ecuadorian", "Quito", NULL, "EC" },
	{ "egyptian", "Cairo", "EG-C", "EG" },
	{ "emirati", "Abu Dhabi", NULL, "AE" },
	{ "estonian", "Tallinn", "EE-784", "EE" },
	{ "ethiopian", "Addis Ababa", "ET-AA", "ET" },
	{ "fijian", "Suva", NULL, "FJ" },
	{ "filipino", "Manila", NULL, "PH" },
	{ "finnish", "Helsinki", NULL, "FI" },
	{ "french", "Paris", "FR-75", "FR" },
	{ "georgian", "Tbilisi", "GE-TB", "GE" },
	{ "german", "Berlin", "DE-BE", "DE" },
	{ "ghanaian", "Accra", NULL, "GH" },
	{ "greek", "Athens", NULL, "GR" },
	{ "guatemalan", "Guatemala City", NULL, "GT" },
	{ "haitian", "Port-au-Prince", NULL, "HT" },
	{ "honduran", "Tegucigalpa", NULL, "HN" },
	{ "hungarian", "Budapest", "HU-BU", "HU" },
	{ "icelandic", "Reykjavik", "IS-RKV", "IS" },
	{ "indian", "New Delhi", "IN-DL", "IN" },
	{ "indonesian", "Jakarta", "ID-JK", "ID" },
	{ "iranian", "Tehran", "IR-23", "IR" },
	{ "iraqi", "Baghdad", "IQ-BG", "IQ" },
	{ "irish", "Dublin", "IE-D", "IE" },
	{ "israeli", "Jerusalem", NULL, "IL" },
	{ "italian", "Rome", "IT-RM", "IT" },
	{ "jamaican", "Kingston", "JM-01", "JM" },
	{ "japanese", "Tokyo", "JP-13", "JP" },
	{ "jordanian", "Amman", "JO-AM", "JO" },
	{ "kazakh", "Astana", NULL, "KZ" },
	{ "kenyan", "Nairobi", "KE-30", "KE" },
	{ "kuwaiti", "Kuwait City", NULL, "KW" },
	{ "kyrgyz", "Bishkek", "KG-GB", "KG" },
	{ "lankan", "Colombo", "LK-11", "LK" },
	{ "latvian", "Riga", "LV-RIX", "LV" },
	{ "lebanese", "Beirut", "LB-BA", "LB" },
	{ "libyan", "Tripoli", "LY-TB", "LY" },
	{ "lithuanian", "Vilnius", "LT-57", "LT" },
	{ "malawian", "Lilongwe", "MW-LI", "MW" },
	{ "malaysian", "Kuala Lumpur", "MY-14", "MY" },
	{ "mexican", "Mexico City", "MX-CMX", "MX" },
	{ "moldovan", "Chisinau", "MD-CU", "MD" },
	{ "mongolian", "Ulaanbaatar", "MN-1", "MN" },
	{ "moroccan", "Rabat", "MA-RAB", "MA" },
	{ "mozambican", "Maputo", "MZ-MPM", "MZ" },
	{ "nepalese", "Kathmandu", NULL, "NP" },
	{ "nepali", "Kathmandu", NULL, "NP" },
	{ "nicaraguan", "Managua", "NI-MN", "NI" },
	{ "nigerian", "Abuja", "NG-FC", "NG" },
	{ "norwegian", "Oslo", "NO-03", "NO" },
	{ "omani", "Muscat", "OM-MA", "OM" },
	{ "pakistani", "Islamabad", "PK-IS", "PK" },
	{ "panamanian", "Panama City", NULL, "PA" },
	{ "paraguayan", "Asuncion", "PY-ASU", "PY" },
	{ "peruvian", "Lima", "PE-LIM", "PE" },
	{ "polish", "Warsaw", NULL, "PL" },
	{ "portuguese", "Lisbon", "PT-11", "PT" },
	{ "qatari", "Doha", NULL, "QA" },
	{ "romanian", "Bucharest", "RO-B", "RO" },
	{ "russian", "Moscow", "RU-MOW", "RU" },
	{ "rwandan", "Kigali", "RW-01", "RW" },
	{ "salvadoran", "San Salvador", NULL, "SV" },
	{ "saudi", "Riyadh", NULL, "SA" },
	{ "senegalese", "Dakar", "SN-DK", "SN" },
	{ "serbian", "Belgrade", "RS-00", "RS" },
	{ "slovak", "Bratislava", NULL, "SK" },
	{ "slovenian", "Ljubljana", "SI-061", "SI" },
	{ "somali", "Mogadishu", "SO-BN", "SO" },
	{ "spanish", "Madrid", "ES-M", "ES" },
	{ "sudanese", "Khartoum", "SD-KH", "SD" },
	{ "swedish", "Stockholm", NULL, "SE" },
	{ "swiss", "Bern", "CH-BE", "CH" },
	{ "syrian", "Damascus", "SY-DI", "SY" },
	{ "taiwanese", "Taipei", "TW-TPE", "TW" },
	{ "tajik", "Dushanbe", "TJ-DU", "TJ" },
	{ "tanzanian", "Dodoma", "TZ-03", "TZ" },
	{ "thai", "Bangkok", "TH-10", "TH" },
	{ "tunisian", "Tunis", "TN-11", "TN" },
	{ "turkish", "Ankara", "TR-06", "TR" },
	{ "ugandan", "Kampala", "UG-102", "UG" },
	{ "ukrainian", "Kyiv", "UA-30", "UA" },
	{ "uruguayan", "Montevideo", "UY-MO", "UY" },
	{ "uzbek", "Tashkent", "UZ-TK", "UZ" },
	{ "venezuelan", "Caracas", "VE-A", "VE" },
	{ "vietnamese", "Hanoi", "VN-HN", "VN" },
	{ "yemeni", "Sanaa", "YE-SA", "YE" },
	{ "zambian", "Lusaka", "ZM-09", "ZM" },
	{ "zimbabwean", "Harare", "ZW-HA", "ZW" }
};

static int
capital_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct capital *)elem)->adj);
}

/* Is place p the country of a capital said ("Moldova's capital",
   "Moldova’s capital", "the capital of Armenia")? */
static int
country_capital_at(const struct sentence *S, const struct place *p)
{
	size_t a = p->tok_end;
	const char *w;
	size_t l;

	if (p->tok >= 2 && tw(S, p->tok - 1, "of") &&
	    tw(S, p->tok - 2, "capital"))
		return 1;
	if (tp(S, a, '\'') && tw(S, a + 1, "s") && tw(S, a + 2, "capital"))
		return 1;
	if (a == 0 || !tw(S, a, "capital"))
		return 0;
	w = S->text + S->t[a - 1].start;
	l = S->t[a - 1].len;
	return l > 2 && w[l - 1] == 's' && w[l - 2] == '\'';
}

/* Report r's place for place p when p is "the <adjective> capital"
   (not "the Kenyan capital Nairobi", which names its city): 1, else 0. */
int
demonym_capital(const struct context *C, const struct place *p,
    struct extract_report *r)
{
	const struct sentence *S = C->cur;
	const struct capital *k;
	size_t a = p->tok_end, i;

	/* "in most parts of Moldova's capital", "in the capital
	   of Armenia": a country's capital is its city */
	if (p->m->region != NULL && p->m->region->depth == 0 &&
	    country_capital_at(S, p)) {
		for (i = 0; i < NELEM(capitals); i++)
			if (strcmp(capitals[i].country, p->m->region->id) == 0)
				break;
		if (i == NELEM(capitals))
			return 0;
		set_place(r, capitals[i].id != NULL ?
		    gaz_by_id(C->g, capitals[i].id) : NULL, capitals[i].city);
		return 1;
	}
	/* cheap first: "capital" right after a capitalised word */
	if (a == 0 || a >= S->n || !tw(S, a, "capital") || !S->t[a - 1].cap ||
	    (a + 1 < S->n && S->t[a + 1].cap) ||
	    (k = bsearch(S->t[a - 1].w, capitals, NELEM(capitals),
	    sizeof(capitals[0]), capital_cmp)) == NULL)
		return 0;
	set_place(r, k->id != NULL ? gaz_by_id(C->g, k->id) : NULL,
	    k->city);
	return 1;
}

/*
 * "Lebanese homes", "Nigerian households": a country's adjective that the
 * gazetteer does not know as a place names the country [demonym-country].
 * The country's region, or NULL when word is no such adjective.
 */
const struct region *
demonym_country(const struct gazetteer *g, const char *word)
{
	const struct capital *k;
	const char *id;

	if ((k = bsearch(word, capitals, NELEM(capitals), sizeof(capitals[0]),
	    capital_cmp)) != NULL)
		return gaz_by_id(g, k->country);
	/* a nation's or a region's adjective that no capital goes with:
	   "Around 15,000 Scottish homes" (demonyms.c) */
	return (id = demonym_adjective(word)) != NULL ? gaz_by_id(g, id) :
	    NULL;
}

/* Is word (folded) a nation's or a region's adjective ("ukrainian",
   "scottish")?  Then "Ukrainian customers" are people of a place, not
   a company's, as "Vodafone customers" are. */
int
place_adjective(const char *word)
{
	return bsearch(word, capitals, NELEM(capitals), sizeof(capitals[0]),
	    capital_cmp) != NULL || demonym_adjective(word) != NULL;
}
