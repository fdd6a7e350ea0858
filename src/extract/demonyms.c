/* SPDX-License-Identifier: MIT */
/*
 * demonyms.c - the people and adjectives of places that are not
 * countries: "Texans", "Kyivans", "Aucklanders" (a report's count or a
 * sentence's subject), "Scottish homes" (a count's adjective).  One
 * table for both; a country's adjective and its capital are
 * shapes_v_en2.c's capitals table [demonym-country].
 */
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

/* The place of a people's noun ("texans": "US-TX"), or NULL. */
const char *
demonym_noun(const char *noun)
{
	size_t k;

	for (k = 0; k < NELEM(demonyms); k++)
		if (demonyms[k].noun != NULL && WEQ(noun, demonyms[k].noun))
			return demonyms[k].place;
	return NULL;
}

/* The region id of a place's adjective ("scottish": "GB-SCT"), or
   NULL. */
const char *
demonym_adjective(const char *adj)
{
	size_t k;

	for (k = 0; k < NELEM(demonyms); k++)
		if (demonyms[k].adj != NULL && strcmp(adj, demonyms[k].adj) == 0)
			return demonyms[k].place;
	return NULL;
}
