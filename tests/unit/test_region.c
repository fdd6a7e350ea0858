/* SPDX-License-Identifier: MIT */
/*
 * test_region.c - the gazetteer from iso-codes and the region packs: ids,
 * names and aliases, ambiguity, hierarchy, denominators, folding and
 * scanning running text.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "region.h"
#include "util.h"
#include "../../src/core/region_int.h"	/* region_fold_words() */

#include "t.h"

static struct gazetteer *gaz;

static const char *one_pack(char *, size_t, const char *);
static void rm_pack(const char *);

/* The id name resolves to, or a description of the failure. */
static const char *
resolved(const char *name)
{
	static char buf[600];
	const struct region *r = (const struct region *)1;
	char err[512];
	enum od_err rc;

	err[0] = '\0';
	rc = gaz_resolve(gaz, name, &r, err, sizeof(err));
	if (rc != OD_OK) {
		CHECK(r == NULL);
		snprintf(buf, sizeof(buf), "error %d: %s", rc, err);
		return buf;
	}
	return r != NULL ? r->id : "(null)";
}

static void
test_by_id(void)
{
	const struct region *r = gaz_by_id(gaz, "UA-12");

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK_STR(r->id, "UA-12");
	CHECK(gaz_by_id(gaz, "ua-12") == r);
	CHECK(gaz_by_id(gaz, "Ua-12") == r);
	CHECK(gaz_by_id(gaz, "ua") == r->parent);
	CHECK(gaz_by_id(gaz, "UA-12:DNIPRO") == gaz_by_id(gaz, "UA-12:dnipro"));
	CHECK(gaz_by_id(gaz, "UA-12:dnipro") != NULL);
	CHECK(gaz_by_id(gaz, "UA-99") == NULL);
	CHECK(gaz_by_id(gaz, "UA-1") == NULL);
	CHECK(gaz_by_id(gaz, "") == NULL);
	CHECK(gaz_by_id(gaz, "Dnipropetrovsk") == NULL);	/* ids only */
	/* an id given to gaz_resolve is an id, in any case */
	CHECK_STR(resolved("ua-12"), "UA-12");
	CHECK_STR(resolved("us-tx"), "US-TX");
	CHECK_STR(resolved("FR"), "FR");
}

static void
test_every_region_indexed(void)
{
	size_t n = gaz_count(gaz);

	/* iso-codes alone has over 5000 subdivisions */
	CHECK(n > 5000);
	CHECK(gaz_at(gaz, n) == NULL);
	for (size_t i = 0; i < n; i++) {
		const struct region *r = gaz_at(gaz, i);

		if (r == NULL || r->index != i || gaz_by_id(gaz, r->id) != r) {
			CHECK(!"region not indexed by its id");
			fprintf(stderr, "region %zu: %s\n", i, r ? r->id : "-");
			break;
		}
		/* a parent is one level up and lists r as its child */
		if (r->parent != NULL) {
			int found = 0;

			for (size_t k = 0; k < r->parent->nchildren; k++)
				if (r->parent->children[k] == r)
					found = 1;
			if (!found || r->depth != r->parent->depth + 1) {
				CHECK(!"parent link broken");
				fprintf(stderr, "region %s\n", r->id);
				break;
			}
		} else if (r->depth != 0 || strlen(r->id) != 2) {
			CHECK(!"a region without parent is not a country");
			fprintf(stderr, "region %s\n", r->id);
			break;
		}
	}
}

static void
test_names_and_aliases(void)
{
	/* the pack's aliases, in any case */
	CHECK_STR(resolved("Dnipropetrovsk"), "UA-12");
	CHECK_STR(resolved("DNIPROPETROVSKA"), "UA-12");
	CHECK_STR(resolved("dnipropetrovsk"), "UA-12");
	CHECK_STR(resolved("Dnipro region"), "UA-12");
	CHECK_STR(resolved("Dnipro  Region "), "UA-12");
	CHECK_STR(resolved("Zaporizhzhia"), "UA-23");
	CHECK_STR(resolved("Zaporizhia"), "UA-23");
	CHECK_STR(resolved("Zaporozhye"), "UA-23");
	CHECK_STR(resolved("Kiev"), "UA-30");
	CHECK_STR(resolved("Kyiv"), "UA-30");
	CHECK_STR(resolved("Kyiv oblast"), "UA-32");
	CHECK_STR(resolved("Kharkov"), "UA-63");
	CHECK_STR(resolved("Kharkiv"), "UA-63");
	CHECK_STR(resolved("Odessa"), "UA-51");
	CHECK_STR(resolved("Odesa"), "UA-51");
	/* apostrophes, ASCII and typographic, are dropped */
	CHECK_STR(resolved("Khmel'nytskyi"), "UA-68");
	CHECK_STR(resolved("Khmelnytskyi"), "UA-68");
	CHECK_STR(resolved("Khmel\u2019nytskyi"), "UA-68");
	CHECK_STR(resolved("Khmel'nyts'kyi"), "UA-68");
	/* accents, precomposed and combining */
	CHECK_STR(resolved("Dnipropétrovsk"), "UA-12");
	CHECK_STR(resolved("Dniprope\u0301trovsk"), "UA-12");
	CHECK_STR(resolved("ZAPORÍZHZHIA"), "UA-23");
	/* Cyrillic, lowercased */
	CHECK_STR(resolved("Дніпропетровська область"), "UA-12");
	CHECK_STR(resolved("ДНІПРОПЕТРОВСЬКА ОБЛАСТЬ"), "UA-12");
	CHECK_STR(resolved("КИЇВ"), "UA-30");
	/* iso-codes' own subdivision name */
	CHECK_STR(resolved("Dnipropetrovska oblast"), "UA-12");
	CHECK_STR(resolved("Kharkivska oblast"), "UA-63");
	/* countries */
	CHECK_STR(resolved("Ukraine"), "UA");
	CHECK_STR(resolved("France"), "FR");
}

static void
test_city(void)
{
	const struct region *r = NULL, *ua12 = gaz_by_id(gaz, "UA-12");
	char err[256];

	CHECK_INT(gaz_resolve(gaz, "Dnipro", &r, err, sizeof(err)), OD_OK);
	CHECK(r != NULL);
	if (r == NULL || ua12 == NULL)
		return;
	CHECK_STR(r->id, "UA-12:dnipro");
	CHECK(r->parent == ua12);
	CHECK(r->parent->parent == gaz_by_id(gaz, "UA"));
	CHECK(r->parent->parent->parent == NULL);
	CHECK_STR(r->parent->id, "UA-12");
	CHECK_INT(r->depth, 2);
	CHECK_INT(ua12->depth, 1);
	CHECK_STR(r->name, "Dnipro");
	CHECK_STR(resolved("Dnipro city"), "UA-12:dnipro");
	CHECK_STR(resolved("Дніпро"), "UA-12:dnipro");
	CHECK_STR(resolved("Kryvyi Rih"), "UA-12:kryvyi-rih");
	/* the city is among its oblast's children */
	{
		int found = 0;

		for (size_t i = 0; i < ua12->nchildren; i++)
			if (ua12->children[i] == r)
				found = 1;
		CHECK(found);
	}
}

/* The region a name in running text stands for, or "-" (none/ambiguous). */
static const char *
scanned(const char *text)
{
	struct gaz_match m[2];

	if (gaz_scan(gaz, text, strlen(text), m, NELEM(m)) != 1 ||
	    m[0].region == NULL || m[0].start != 0 || m[0].len != strlen(text))
		return "-";
	return m[0].region->id;
}

/* Plain forms of 3166-2 names, below every real name. */
static void
test_plain_names(void)
{
	struct gazetteer *g2 = NULL;
	const struct region *r;
	char err[512];

	/* in running text (a report's field refuses them: test_configured) */
	CHECK_STR(scanned("Nairobi"), "KE-30");		/* "Nairobi City" */
	CHECK_STR(scanned("Glasgow"), "GB-GLG");	/* "Glasgow City" */
	CHECK_STR(resolved("Cymru"), "GB-WLS");		/* "Wales [Cymru GB-CYM]" */
	CHECK_STR(resolved("Gerona"), "ES-GI");		/* "Girona [Gerona]" */
	/* a real name keeps its place: the province, not a plain form */
	CHECK_STR(scanned("Quezon"), "PH-QUE");
	/* iso-codes alone configures no country: every name resolves */
	CHECK_INT(gaz_load(&g2, "/usr/share/iso-codes/json", NULL, err,
	    sizeof(err)), OD_OK);
	if (g2 == NULL)
		return;
	CHECK(gaz_resolve(g2, "Nairobi", &r, err, sizeof(err)) == OD_OK &&
	    strcmp(r->id, "KE-30") == 0);
	CHECK(gaz_resolve(g2, "Glasgow", &r, err, sizeof(err)) == OD_OK &&
	    strcmp(r->id, "GB-GLG") == 0);
	CHECK(gaz_resolve(g2, "Quezon", &r, err, sizeof(err)) == OD_OK &&
	    strcmp(r->id, "PH-QUE") == 0);
	gaz_free(g2);
}

/*
 * A name that is both a city and its oblast means the oblast, in Latin,
 * Ukrainian and Russian alike; "<name> city", "місто <name>", "м. <name>"
 * and "город <name>" mean the city.
 */
static void
test_city_and_oblast(void)
{
	static const struct {
		const char *oblast, *city;
		const char *bare[5];	/* every script: the oblast */
		const char *cities[5];	/* the city */
	} t[] = {
		{ "UA-63", "UA-63:kharkiv",
		  { "Kharkiv", "Kharkov", "Харків", "Харьков", "ХАРКІВ" },
		  { "Kharkiv city", "city of Kharkov", "місто Харків",
		    "м. Харків", "город Харьков" } },
		{ "UA-51", "UA-51:odesa",
		  { "Odesa", "Odessa", "Одеса", "Одесса", "odesa" },
		  { "Odesa city", "city of Odessa", "місто Одеса", "м. Одеса",
		    "город Одесса" } },
		{ "UA-46", "UA-46:lviv",
		  { "Lviv", "Lvov", "Lwow", "Львів", "Львов" },
		  { "Lviv city", "Lvov city", "місто Львів", "м. Львів",
		    "город Львов" } },
		{ "UA-23", "UA-23:zaporizhzhia",
		  { "Zaporizhzhia", "Zaporozhye", "Запоріжжя", "Запорожье",
		    "Zaporizhia" },
		  { "Zaporizhzhia city", "city of Zaporozhye",
		    "місто Запоріжжя", "м. Запоріжжя", "город Запорожье" } },
		{ "UA-12", "UA-12:dnipro",
		  /* the oblast's name is Dnipropetrovsk, the city's Dnipro:
		     no name is both */
		  { "Dnipropetrovsk", "Dnepropetrovsk", "Дніпропетровськ",
		    "Днепропетровск", "Дніпропетровщина" },
		  { "Dnipro", "Дніпро", "Днепр", "Dnipro city",
		    "Dnipropetrovsk city" } },
		{ "UA-48", "UA-48:mykolaiv",
		  { "Mykolaiv", "Nikolaev", "Миколаїв", "Николаев",
		    "Миколаївщина" },
		  { "Mykolaiv city", "Nikolaev city", "місто Миколаїв",
		    "м. Миколаїв", "город Николаев" } },
	};

	for (size_t i = 0; i < NELEM(t); i++)
		for (size_t k = 0; k < 5; k++) {
			CHECK_STR(resolved(t[i].bare[k]), t[i].oblast);
			CHECK_STR(resolved(t[i].cities[k]), t[i].city);
		}
	/* the same in running text */
	CHECK_STR(scanned("Харків"), "UA-63");
	CHECK_STR(scanned("Одеса"), "UA-51");
	CHECK_STR(scanned("Kharkiv"), "UA-63");
	/* every oblast centre of the pack that shares its oblast's name */
	for (size_t i = 0; i < gaz_count(gaz); i++) {
		const struct region *c = gaz_at(gaz, i), *r = NULL;
		char e[256];

		if (strncmp(c->id, "UA-", 3) != 0 || c->depth != 2 ||
		    gaz_resolve(gaz, gaz_name(gaz, c, "uk"), &r, e,
		    sizeof(e)) != OD_OK)
			continue;
		/* a Ukrainian city name that names a region names the
		   city or the oblast it lies in, never another */
		CHECK(r == c || r == c->parent);
		if (gaz_resolve(gaz, c->name, &r, e, sizeof(e)) == OD_OK &&
		    r == c->parent) {
			/* the Latin name is the oblast: so is the Ukrainian */
			if (gaz_resolve(gaz, gaz_name(gaz, c, "uk"), &r, e,
			    sizeof(e)) != OD_OK || r != c->parent) {
				CHECK(!"Latin and Ukrainian names disagree");
				fprintf(stderr, "%s: %s\n", c->id,
				    gaz_name(gaz, c, "uk"));
			}
		}
	}
}

/* "<town> district" (raion): the oblast, as the README says. */
static void
test_districts(void)
{
	static const struct { const char *name, *id; } t[] = {
		{ "Kharkiv district", "UA-63" }, { "Kharkov district", "UA-63" },
		{ "Kharkiv raion", "UA-63" }, { "Kharkiv rayon", "UA-63" },
		{ "Kharkivskyi district", "UA-63" },
		{ "Харківський район", "UA-63" }, { "Харьковский район", "UA-63" },
		{ "Odesa district", "UA-51" }, { "Odessa district", "UA-51" },
		{ "Одеський район", "UA-51" }, { "Одесский район", "UA-51" },
		{ "Lviv district", "UA-46" }, { "Lvov raion", "UA-46" },
		{ "Львівський район", "UA-46" },
		{ "Dnipro district", "UA-12" }, { "Kryvyi Rih district", "UA-12" },
		{ "Zaporizhzhia district", "UA-23" },
		{ "Запорізький район", "UA-23" },
		/* ua-towns.json's towns, as before */
		{ "Nikopol district", "UA-12" }, { "Kupiansk raion", "UA-63" },
	};

	for (size_t i = 0; i < NELEM(t); i++)
		CHECK_STR(resolved(t[i].name), t[i].id);
	CHECK_STR(scanned("Odesa district"), "UA-51");
	/* a district of a city is not a raion: the city's districts are
	   left unknown ("Kyivskyi district" is in Kharkiv and in Odesa) */
	CHECK(strncmp(resolved("Kyivskyi district"), "error", 5) == 0);
}

/*
 * Configured countries (those a pack lists: UA, US; not one it lists
 * with "configures": false) first.  A report's
 * bare name that only iso-codes gives to a region elsewhere is refused
 * with that candidate: "Portland" is not silently Jamaica's parish.
 */
static void
test_configured(void)
{
	const struct region *r = (const struct region *)1;
	struct gazetteer *g2 = NULL;
	char err[512], dir[64];

	err[0] = '\0';
	CHECK_INT(gaz_resolve(gaz, "Portland", &r, err, sizeof(err)),
	    OD_EINVAL);
	CHECK(r == NULL);
	CHECK(strstr(err, "JM-04") != NULL);
	CHECK(strstr(err, "UA") != NULL && strstr(err, "US") != NULL);
	CHECK_STR(resolved("JM-04"), "JM-04");
	CHECK(strncmp(resolved("Nairobi"), "error 2: ambiguous: KE-30", 25)
	    == 0);
	/* what a pack says still wins: a country, a pack alias */
	CHECK_STR(resolved("Jamaica"), "JM");
	CHECK_STR(resolved("Catalonia"), "ES-CT");
	CHECK_STR(resolved("Georgia"), "US-GA");
	/* running text keeps them: an article names its country */
	CHECK_STR(scanned("Portland"), "JM-04");
	/* a region beats a place inside it: Dhaka division, not district */
	CHECK_STR(scanned("Dhaka"), "BD-C");

	/* iso-codes alone: Portland is the parish, Dhaka the division */
	CHECK_INT(gaz_load(&g2, "/usr/share/iso-codes/json", NULL, err,
	    sizeof(err)), OD_OK);
	if (g2 != NULL) {
		CHECK(gaz_resolve(g2, "Portland", &r, err, sizeof(err)) ==
		    OD_OK && strcmp(r->id, "JM-04") == 0);
		CHECK(gaz_resolve(g2, "Dhaka", &r, err, sizeof(err)) ==
		    OD_OK && strcmp(r->id, "BD-C") == 0);
		/* "Montana": BG-12 and US-MT, a tie */
		CHECK_INT(gaz_resolve(g2, "Montana", &r, err, sizeof(err)),
		    OD_EINVAL);
		gaz_free(g2);
	}
	/* a pack that lists Bulgaria makes its Montana the one */
	if (one_pack(dir, sizeof(dir), "{\"sources\": {}, \"regions\": "
	    "[{\"id\": \"BG\"}]}") == NULL) {
		CHECK(!"one_pack");
		return;
	}
	CHECK_INT(gaz_load(&g2, "/usr/share/iso-codes/json", dir, err,
	    sizeof(err)), OD_OK);
	if (g2 != NULL) {
		CHECK(gaz_resolve(g2, "Montana", &r, err, sizeof(err)) ==
		    OD_OK && strcmp(r->id, "BG-12") == 0);
		CHECK_INT(gaz_resolve(g2, "Portland", &r, err, sizeof(err)),
		    OD_EINVAL);
		gaz_free(g2);
	}
	rm_pack(dir);
	/* ... unless it only names it ("configures": false): an alias, and
	   Montana stays a tie */
	if (one_pack(dir, sizeof(dir), "{\"sources\": {}, \"regions\": "
	    "[{\"id\": \"BG\", \"aliases\": [\"Bulgarie\"], "
	    "\"configures\": false}]}") == NULL) {
		CHECK(!"one_pack");
		return;
	}
	CHECK_INT(gaz_load(&g2, "/usr/share/iso-codes/json", dir, err,
	    sizeof(err)), OD_OK);
	if (g2 != NULL) {
		CHECK(gaz_resolve(g2, "Bulgarie", &r, err, sizeof(err)) ==
		    OD_OK && strcmp(r->id, "BG") == 0);
		CHECK_INT(gaz_resolve(g2, "Montana", &r, err, sizeof(err)),
		    OD_EINVAL);
		gaz_free(g2);
	}
	rm_pack(dir);
	/* "configures" is true or false, nothing else */
	if (one_pack(dir, sizeof(dir), "{\"sources\": {}, \"regions\": "
	    "[{\"id\": \"BG\", \"configures\": \"no\"}]}") == NULL) {
		CHECK(!"one_pack");
		return;
	}
	CHECK_INT(gaz_load(&g2, "/usr/share/iso-codes/json", dir, err,
	    sizeof(err)), OD_EINVAL);
	CHECK(strstr(err, "\"configures\" must be true or false") != NULL);
	gaz_free(g2);
	rm_pack(dir);
}

/* "did you mean": the nearest names, in the unknown name's error. */
static void
test_did_you_mean(void)
{
	static const struct { const char *name, *detail; } t[] = {
		{ "Kharkif", "did you mean \"Kharkiv\" (UA-63)?" },
		{ "Lwiw", "did you mean \"Lwow\" (UA-46)?" },
		{ "Calfornia", "did you mean \"California\" (US-CA)?" },
		{ "Odessaa", "did you mean \"Odessa\" (UA-51)?" },
		{ "Харкив", "did you mean \"Харків\" (UA-63)?" },
		{ "Kharkiv distrcit", "did you mean \"Kharkiv district\" (UA-63)?" },
		/* nothing near: no suggestion, the detail as before */
		{ "Atlantis", "" }, { "Xyzzyqqq", "" },
	};
	struct gaz_suggestion s[GAZ_SUGGEST_MAX];
	const struct region *r;
	char err[512], longname[200];
	size_t n, examined, total;
	int64_t t0;
	int reps = 200;

	for (size_t i = 0; i < NELEM(t); i++) {
		err[0] = 'x';
		err[1] = '\0';
		CHECK_INT(gaz_resolve(gaz, t[i].name, &r, err, sizeof(err)),
		    OD_ENOENT);
		CHECK_STR(err, t[i].detail);
	}
	n = gaz_suggest(gaz, "Kharkif", s, NELEM(s), &examined);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(s[0].region->id, "UA-63");
		CHECK_INT(s[0].distance, 1);
	}
	/* a transposition is one edit */
	n = gaz_suggest(gaz, "Kahrkiv", s, NELEM(s), NULL);
	CHECK(n >= 1 && s[0].distance == 1 && strcmp(s[0].region->id,
	    "UA-63") == 0);
	/*
	 * Bounded work: only names within the allowed edits of the query's
	 * length are compared (a few hundred to a few thousand of the
	 * gazetteer's names, each stopping at the first row past the
	 * bound), and a query longer than 64 letters none.
	 */
	(void)gaz_suggest(gaz, "Calfornia", s, NELEM(s), &examined);
	CHECK(examined > 0 && examined < 4000);
	total = examined;
	(void)gaz_suggest(gaz, "Lwiw", s, NELEM(s), &examined);
	CHECK(examined > 0 && examined < 1000);
	memset(longname, 'k', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK_INT(gaz_suggest(gaz, longname, s, NELEM(s), &examined), 0);
	CHECK_INT(examined, 0);
	CHECK_INT(gaz_resolve(gaz, longname, &r, err, sizeof(err)), OD_ENOENT);
	CHECK_STR(err, "");
	t0 = now_mono_ms();
	for (int i = 0; i < reps; i++)
		(void)gaz_resolve(gaz, "Calfornia", &r, err, sizeof(err));
	printf("# did you mean: %.3f ms per unknown name (%zu names "
	    "compared for \"Calfornia\")\n",
	    (double)(now_mono_ms() - t0) / reps, total);
}

static void
test_unknown(void)
{
	const struct region *r = gaz_by_id(gaz, "UA");
	char err[256];

	CHECK_INT(gaz_resolve(gaz, "Atlantis", &r, err, sizeof(err)),
	    OD_ENOENT);
	CHECK(r == NULL);
	CHECK_INT(gaz_resolve(gaz, "", &r, err, sizeof(err)), OD_ENOENT);
	CHECK_INT(gaz_resolve(gaz, "   ", &r, err, sizeof(err)), OD_ENOENT);
	CHECK_INT(gaz_resolve(gaz, "Dnipropetrovsk region north", &r, err,
	    sizeof(err)), OD_ENOENT);
	CHECK_INT(gaz_resolve(gaz, "Dnipropetrovs", &r, err, sizeof(err)),
	    OD_ENOENT);
}

static void
test_ambiguous(void)
{
	const struct region *r = gaz_by_id(gaz, "UA");
	char err[512];

	/*
	 * "Limburg" is the iso-codes name of BE-VLI (Belgium) and NL-LI (the
	 * Netherlands) and no pack aliases it (found with a Python scan of
	 * iso_3166-2.json for folded names shared across countries).
	 */
	err[0] = '\0';
	CHECK_INT(gaz_resolve(gaz, "Limburg", &r, err, sizeof(err)),
	    OD_EINVAL);
	CHECK(r == NULL);
	CHECK(strstr(err, "BE-VLI") != NULL);
	CHECK(strstr(err, "NL-LI") != NULL);
	/* so are "Jura" (CH-JU, FR-39) */
	err[0] = '\0';
	CHECK_INT(gaz_resolve(gaz, "JURA", &r, err, sizeof(err)), OD_EINVAL);
	CHECK(strstr(err, "CH-JU") != NULL);
	CHECK(strstr(err, "FR-39") != NULL);
	/* the id always works */
	CHECK_STR(resolved("NL-LI"), "NL-LI");
	/*
	 * "Georgia" is a country (GE) and US-GA; the US pack aliases it,
	 * and a pack alias beats a country name.
	 */
	CHECK_STR(resolved("Georgia"), "US-GA");
	CHECK_STR(resolved("GE"), "GE");
}

/*
 * region.h: ambiguous "err names the candidates".  "Amazonas" is the
 * iso-codes name of three subdivisions: BR-AM, CO-AMA and VE-Z.
 */
static void
test_ambiguous_names_all_candidates(void)
{
	const struct region *r;
	char err[512];

	err[0] = '\0';
	CHECK_INT(gaz_resolve(gaz, "Amazonas", &r, err, sizeof(err)),
	    OD_EINVAL);
	CHECK(strstr(err, "BR-AM") != NULL);
	CHECK(strstr(err, "CO-AMA") != NULL);
	CHECK(strstr(err, "VE-Z") != NULL);
}

static void
test_denominators(void)
{
	const struct region *ua12 = gaz_by_id(gaz, "UA-12");
	const struct region *dnipro = gaz_by_id(gaz, "UA-12:dnipro");
	const struct region *tx = gaz_by_id(gaz, "US-TX");
	const struct region *ua = gaz_by_id(gaz, "UA");
	const struct region *fr = gaz_by_id(gaz, "FR");

	CHECK(ua12 && dnipro && tx && ua && fr);
	if (!(ua12 && dnipro && tx && ua && fr))
		return;
	/* Dnipropetrovsk oblast: some 3.1 million people, ~1.3 M homes */
	CHECK(ua12->denominator >= 1100000 && ua12->denominator <= 1500000);
	CHECK_STR(ua12->denom_unit, "households");
	CHECK(ua12->denom_source != NULL && strlen(ua12->denom_source) > 20);
	CHECK(ua12->population > ua12->denominator);
	/* the city is part of its oblast */
	CHECK(dnipro->denominator > 0);
	CHECK(dnipro->denominator < ua12->denominator);
	CHECK_STR(dnipro->denom_unit, "households");
	/* US states count utility customers */
	CHECK(tx->denominator > 1000000);
	CHECK_STR(tx->denom_unit, "customers");
	CHECK(tx->denom_source != NULL);
	/* the country */
	CHECK(ua->denominator > 0);
	CHECK(ua->denominator > ua12->denominator);
	CHECK_STR(ua->denom_unit, "households");
	/*
	 * The pack's source for the UA figure is "the sum of the 24 oblast
	 * household figures and Kyiv city, excluding Crimea and Sevastopol".
	 */
	{
		int64_t sum = 0;
		int n = 0;

		for (size_t i = 0; i < ua->nchildren; i++) {
			const struct region *c = ua->children[i];

			if (strcmp(c->id, "UA-40") == 0 ||
			    strcmp(c->id, "UA-43") == 0)
				continue;
			sum += c->denominator;
			n++;
		}
		CHECK_INT(n, 25);
		CHECK_INT(ua->denominator, sum);
	}
	/* no pack: unknown, not zero households */
	CHECK_INT(fr->denominator, 0);
	CHECK_INT(fr->population, 0);
}

static void
test_within(void)
{
	const struct region *ua = gaz_by_id(gaz, "UA");
	const struct region *ua12 = gaz_by_id(gaz, "UA-12");
	const struct region *ua63 = gaz_by_id(gaz, "UA-63");
	const struct region *dnipro = gaz_by_id(gaz, "UA-12:dnipro");
	const struct region *us = gaz_by_id(gaz, "US");

	CHECK(ua && ua12 && ua63 && dnipro && us);
	if (!(ua && ua12 && ua63 && dnipro && us))
		return;
	CHECK(region_within(dnipro, ua12));
	CHECK(region_within(dnipro, ua));
	CHECK(region_within(ua12, ua));
	CHECK(region_within(ua12, ua12));
	CHECK(!region_within(ua12, dnipro));
	CHECK(!region_within(ua, ua12));
	CHECK(!region_within(dnipro, ua63));
	CHECK(!region_within(ua12, us));
	CHECK(!region_within(NULL, ua));
}

/* Fold s and compare with want. */
static int
folds_to(const char *s, const char *want)
{
	char out[256];
	size_t n = region_fold(s, strlen(s), out, sizeof(out), NULL);

	if (n != strlen(want) || strcmp(out, want) != 0) {
		fprintf(stderr, "fold(\"%s\") = \"%s\" (%zu), expected "
		    "\"%s\"\n", s, out, n, want);
		return 0;
	}
	return 1;
}

static void
test_fold(void)
{
	char a[64], b[64];
	size_t map[64], n;

	region_fold("Ivano-Frankivsk", 15, a, sizeof(a), NULL);
	region_fold("Ivano Frankivsk", 15, b, sizeof(b), NULL);
	CHECK_STR(a, b);
	CHECK(folds_to("Ivano-Frankivsk", "ivano frankivsk"));
	CHECK(folds_to("  Kyiv  ", "kyiv"));
	CHECK(folds_to("Kyiv", "kyiv"));
	CHECK(folds_to("\tKyiv,\n", "kyiv"));
	CHECK(folds_to("Khmel'nytskyi", "khmelnytskyi"));
	CHECK(folds_to("Khmel\u2019nytskyi", "khmelnytskyi"));
	CHECK(folds_to("Dnipropétrovsk", "dnipropetrovsk"));
	CHECK(folds_to("Dniprope\u0301trovsk", "dnipropetrovsk"));
	CHECK(folds_to("ŁÓDŹ", "lodz"));
	CHECK(folds_to("Straße", "strasse"));
	CHECK(folds_to("St. -- Gallen", "st gallen"));
	CHECK(folds_to("Baden-Württemberg", "baden wurttemberg"));
	CHECK(folds_to("ДНІПРО", "дніпро"));
	CHECK(folds_to("КИЇВ", "київ"));
	CHECK(folds_to("Ґалич", "ґалич"));
	CHECK(folds_to("...", ""));
	CHECK(folds_to("", ""));

	/* outlen bounds the output: outlen-1 bytes plus NUL */
	memset(a, 'Z', sizeof(a));
	n = region_fold("abcdefgh", 8, a, 4, NULL);
	CHECK_INT(n, 3);
	CHECK_STR(a, "abc");
	/* len bounds the input */
	n = region_fold("Kyiv oblast", 4, a, sizeof(a), NULL);
	CHECK_INT(n, 4);
	CHECK_STR(a, "kyiv");

	/* map: each folded byte points at its source in s */
	n = region_fold("  Kyiv", 6, a, sizeof(a), map);
	CHECK_INT(n, 4);
	CHECK_INT(map[0], 2);
	CHECK_INT(map[3], 5);
	n = region_fold("Ivano-Frankivsk", 15, a, sizeof(a), map);
	CHECK_INT(a[5], ' ');
	CHECK_INT(map[6], 6);			/* 'f' of Frankivsk */
	{
		/* "Dé X": é is two bytes, so X is at byte 4 */
		const char *s = "Dé X";

		n = region_fold(s, strlen(s), a, sizeof(a), map);
		CHECK_STR(a, "de x");
		CHECK_INT(map[1], 1);
		CHECK_INT(map[3], 4);
	}
}

/*
 * region_fold_words() (gaz_scan's fold) is region_fold() with its words
 * listed: the same bytes, each word's span, the sources region_fold's
 * map gives for its first and last byte, and the fnv1a() of its bytes.
 * Returns 1 when they agree for s folded into outlen bytes.
 */
static int
fold_words_agree(const char *s, size_t len, size_t outlen)
{
	char a[256], b[256];
	size_t map[256], n, m, nw, i = 0, k = 0, j;
	struct fold_word w[130];

	n = region_fold(s, len, a, outlen, map);
	m = region_fold_words(s, len, b, outlen, w, NELEM(w), &nw);
	/* outlen - 1 bytes at most, and the NUL */
	if (n != m || n >= outlen || memcmp(a, b, n + 1) != 0)
		return 0;
	for (; i < n; i = j + 1, k++) {
		for (j = i; j < n && a[j] != ' '; j++)
			;
		if (k >= nw || w[k].start != i || w[k].end != j ||
		    w[k].src != map[i] || w[k].src_last != map[j - 1] ||
		    w[k].hash != fnv1a(a + i, j - i))
			return 0;
	}
	return k == nw;
}

static void
test_fold_words(void)
{
	static const char *const s[] = {
		"", "Kyiv", "  Kyiv  ", "Ivano-Frankivsk region", "Dé X",
		"Khmel'nytskyi and Khmel\u2019nytskyi", "Straße 5, ŁÓDŹ",
		"Dniprope\u0301trovsk", "ДНІПРО, Київ і Ґалич", "у Києві — 20",
		"St. -- Gallen", "about 600,000 in Dnipropetrovsk region.",
		"\xd0\x9a\x80\xff\xe2\x80 x\xc3", "a'b`c d",
		/* words after one space: the "word word" steps, every
		   room (outlen) and end (len) they may meet */
		"Київ Харків і Одеса", "Київ  Харків,Одеса ab cd", "ab c d1 x",
		"Ґ ґ \xd0\x9a \xd0", "Київ\xe2\x80\x99s Lviv Одеса",
	};
	char r[64];
	unsigned seed = 1;
	size_t k, out;

	for (k = 0; k < NELEM(s); k++)
		for (out = 1; out <= 64; out++) {
			CHECK(fold_words_agree(s[k], strlen(s[k]), out));
			/* and each shorter input: a word cut at its end */
			CHECK(fold_words_agree(s[k], strlen(s[k]) * out / 64,
			    64));
		}
	/* bytes of those, at random, into buffers of every size */
	for (k = 0; k < 20000; k++) {
		size_t len = k % NELEM(r), i;

		for (i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			r[i] = s[10 + (seed >> 16) % 4][(seed >> 8) % 8];
		}
		CHECK(fold_words_agree(r, len, 1 + k % 140));
	}
}

static void
test_scan_sentence(void)
{
	const char *text = "About 600,000 households in Dnipropetrovsk region "
	    "remained without power, and Kharkiv too.";
	const char *m0 = strstr(text, "Dnipropetrovsk region");
	const char *m1 = strstr(text, "Kharkiv");
	struct gaz_match m[8];
	size_t n;

	n = gaz_scan(gaz, text, strlen(text), m, NELEM(m));
	CHECK_INT(n, 2);
	if (n < 2)
		return;
	/* the longest name wins: "Dnipropetrovsk region", not its prefix */
	CHECK(m[0].region == gaz_by_id(gaz, "UA-12"));
	CHECK_INT(m[0].start, m0 - text);
	CHECK_INT(m[0].len, strlen("Dnipropetrovsk region"));
	CHECK(m[1].region == gaz_by_id(gaz, "UA-63"));
	CHECK_INT(m[1].start, m1 - text);
	CHECK_INT(m[1].len, strlen("Kharkiv"));

	/* max caps the output; the first match comes first */
	n = gaz_scan(gaz, text, strlen(text), m, 1);
	CHECK_INT(n, 1);
	CHECK(m[0].region == gaz_by_id(gaz, "UA-12"));
	CHECK_INT(gaz_scan(gaz, text, strlen(text), m, 0), 0);
}

static void
test_scan_more(void)
{
	struct gaz_match m[8];
	const char *text;
	size_t n;

	/* longest first: "Kyiv oblast" is UA-32, not "Kyiv" (UA-30) */
	text = "Outages in Zaporizhzhia, Kyiv oblast and Khmel\u2019nytskyi.";
	n = gaz_scan(gaz, text, strlen(text), m, NELEM(m));
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK(m[0].region == gaz_by_id(gaz, "UA-23"));
		CHECK_INT(m[0].start, strstr(text, "Zaporizhzhia") - text);
		CHECK_INT(m[0].len, strlen("Zaporizhzhia"));
		CHECK(m[1].region == gaz_by_id(gaz, "UA-32"));
		CHECK_INT(m[1].start, strstr(text, "Kyiv oblast") - text);
		CHECK_INT(m[1].len, strlen("Kyiv oblast"));
		/* the typographic apostrophe is 3 bytes, all inside */
		CHECK(m[2].region == gaz_by_id(gaz, "UA-68"));
		CHECK_INT(m[2].start, strstr(text, "Khmel") - text);
		CHECK_INT(m[2].len, strlen("Khmel\u2019nytskyi"));
	}

	/* multibyte at both ends of a match */
	text = "Знеструмлено Дніпро.";
	n = gaz_scan(gaz, text, strlen(text), m, NELEM(m));
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK(m[0].region == gaz_by_id(gaz, "UA-12:dnipro"));
		CHECK_INT(m[0].start, strstr(text, "Дніпро") - text);
		CHECK_INT(m[0].len, strlen("Дніпро"));
	}
	text = "Blackout: Dnipropétrovsk";
	n = gaz_scan(gaz, text, strlen(text), m, NELEM(m));
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK(m[0].region == gaz_by_id(gaz, "UA-12"));
		CHECK_INT(m[0].start, strlen("Blackout: "));
		CHECK_INT(m[0].len, strlen("Dnipropétrovsk"));
	}

	/* word boundaries: no "Kyiv" inside "Kyivstar" */
	text = "Kyivstar mobile network";
	CHECK_INT(gaz_scan(gaz, text, strlen(text), m, NELEM(m)), 0);

	/* an ambiguous name is found, without a region */
	text = "Storm over Limburg";
	n = gaz_scan(gaz, text, strlen(text), m, NELEM(m));
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK(m[0].region == NULL);
		CHECK_INT(m[0].start, strlen("Storm over "));
		CHECK_INT(m[0].len, strlen("Limburg"));
	}

	/* len bounds the text */
	text = "Kharkiv and Odesa";
	n = gaz_scan(gaz, text, strlen("Kharkiv"), m, NELEM(m));
	CHECK_INT(n, 1);
	CHECK_INT(gaz_scan(gaz, "", 0, m, NELEM(m)), 0);
}

static void
test_load_errors(void)
{
	struct gazetteer *g2 = (struct gazetteer *)1;
	char err[512];

	err[0] = '\0';
	CHECK(gaz_load(&g2, "/nonexistent/iso", NULL, err, sizeof(err)) !=
	    OD_OK);
	CHECK(g2 == NULL);
	CHECK(strstr(err, "/nonexistent/iso") != NULL);

	err[0] = '\0';
	g2 = (struct gazetteer *)1;
	CHECK(gaz_load(&g2, "/usr/share/iso-codes/json", "/nonexistent/packs",
	    err, sizeof(err)) != OD_OK);
	CHECK(g2 == NULL);
	CHECK(strstr(err, "/nonexistent/packs") != NULL);

	/* iso-codes alone: the packs' words are unknown */
	CHECK_INT(gaz_load(&g2, "/usr/share/iso-codes/json", NULL, err,
	    sizeof(err)), OD_OK);
	if (g2 != NULL) {
		const struct region *r;

		CHECK(gaz_by_id(g2, "UA-12") != NULL);
		CHECK(gaz_by_id(g2, "UA-12:dnipro") == NULL);
		CHECK_INT(gaz_resolve(g2, "Dnipro region", &r, err,
		    sizeof(err)), OD_ENOENT);
		CHECK_INT(gaz_resolve(g2, "Dnipropetrovska oblast", &r, err,
		    sizeof(err)), OD_OK);
		CHECK_INT(gaz_by_id(g2, "UA-12")->denominator, 0);
		/* without the US pack, "Georgia" is the country */
		CHECK_INT(gaz_resolve(g2, "Georgia", &r, err, sizeof(err)),
		    OD_OK);
		CHECK(r != NULL && strcmp(r->id, "GE") == 0);
		gaz_free(g2);
	}
	gaz_free(NULL);
}

/* A tiny iso-codes directory whose 3166-2 file holds text; its path. */
static int
iso_dir(char *dir, size_t dirlen, const char *text)
{
	static const char one[] = "{\"3166-1\": [{\"alpha_2\": \"ZZ\", "
	    "\"name\": \"Zedland\"}]}";
	char path[600];
	FILE *f;

	str_copy(dir, "/tmp/test_region_iso.XXXXXX", dirlen);
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/iso_3166-1.json", dir);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fputs(one, f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/iso_3166-2.json", dir);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fputs(text, f);
	fclose(f);
	return 0;
}

static void
iso_dir_rm(const char *dir)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/iso_3166-1.json", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/iso_3166-2.json", dir);
	unlink(path);
	rmdir(dir);
}

/*
 * iso_3166-2.json is read one entry at a time (region_json.c): the same
 * regions as a whole-file parse, and a broken file still fails the load
 * with its name in the error.
 */
static void
test_iso_entries(void)
{
	static const struct {
		const char	*text;
		int		 ok;
		size_t		 regions;	/* when ok */
	} cases[] = {
		{ "{\"3166-2\": [{\"code\": \"ZZ-A\", \"name\": \"Alpha\", "
		  "\"type\": \"Province\"},\n {\"code\": \"ZZ-B\", "
		  "\"name\": \"Beta\", \"type\": \"District\", "
		  "\"parent\": \"A\"}]}\n", 1, 3 },
		/* another member first, whitespace everywhere */
		{ " { \"note\" : {\"x\": [1, 2]} , \"3166-2\" : [ "
		  "{\"code\": \"ZZ-A\", \"name\": \"Alpha\"} ] } ", 1, 2 },
		{ "{\"3166-2\": []}", 1, 1 },
		{ "{\"3166-2\": [{\"code\": \"ZZ-A\", \"name\": \"Alpha\"}", 0,
		  0 },
		{ "{\"3166-2\": [{\"code\": \"ZZ-A\" \"name\": 1}]}", 0, 0 },
		{ "{\"3166-2\": [{\"code\": \"ZZ-A\", \"code\": \"ZZ-B\"}]}",
		  0, 0 },
		{ "{\"3166-2\": [{}] x", 0, 0 },
		{ "{\"other\": []}", 0, 0 },
		{ "{\"3166-2\": {}}", 0, 0 },
		{ "[]", 0, 0 },
		{ "", 0, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gazetteer *g2 = NULL;
		char dir[64], err[512];
		enum od_err rc;

		if (iso_dir(dir, sizeof(dir), cases[i].text) != 0) {
			CHECK(0);
			continue;
		}
		err[0] = '\0';
		rc = gaz_load(&g2, dir, NULL, err, sizeof(err));
		if (cases[i].ok) {
			CHECK_INT(rc, OD_OK);
			if (g2 != NULL) {
				CHECK_INT(gaz_count(g2), cases[i].regions);
				if (cases[i].regions == 3)
					CHECK(gaz_by_id(g2, "ZZ-B") != NULL &&
					    gaz_by_id(g2, "ZZ-B")->parent ==
					    gaz_by_id(g2, "ZZ-A"));
			}
		} else {
			if (rc == OD_OK)
				fprintf(stderr, "case %zu loaded\n", i);
			CHECK(rc != OD_OK);
			CHECK(g2 == NULL);
			CHECK(strstr(err, "iso_3166-2.json") != NULL);
		}
		gaz_free(g2);
		iso_dir_rm(dir);
	}
}

/* A pack directory holding one file with this text; returns its path. */
static const char *
one_pack(char *dir, size_t dirlen, const char *text)
{
	char path[600];
	FILE *f;

	str_copy(dir, "/tmp/test_region.XXXXXX", dirlen);
	if (mkdtemp(dir) == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/bad.json", dir);
	if ((f = fopen(path, "w")) == NULL)
		return NULL;
	fputs(text, f);
	fclose(f);
	return dir;
}

static void
rm_pack(const char *dir)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/bad.json", dir);
	unlink(path);
	rmdir(dir);
}

static void
test_names_by_language(void)
{
	const struct region *r = gaz_by_id(gaz, "UA-12");
	size_t every = 0, named = 0;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK_STR(gaz_name(gaz, r, "uk"), "Дніпропетровська область");
	CHECK_STR(gaz_name(gaz, r, "en"), "Dnipropetrovsk oblast");
	/* no name in that language, no language, no gazetteer: the default */
	CHECK_STR(gaz_name(gaz, r, "fr"), "Dnipropetrovska oblast");
	CHECK_STR(gaz_name(gaz, r, NULL), r->name);
	CHECK_STR(gaz_name(NULL, r, "uk"), r->name);
	CHECK_STR(gaz_name(gaz, gaz_by_id(gaz, "UA-30"), "uk"), "Київ");
	CHECK_STR(gaz_name(gaz, gaz_by_id(gaz, "UA-43"), "uk"),
	    "Автономна Республіка Крим");
	CHECK_STR(gaz_name(gaz, gaz_by_id(gaz, "UA-40"), "uk"), "Севастополь");
	CHECK_STR(gaz_name(gaz, gaz_by_id(gaz, "UA-12:dnipro"), "uk"),
	    "Дніпро");
	CHECK_STR(gaz_name(gaz, gaz_by_id(gaz, "UA-12:dnipro"), "en"),
	    "Dnipro");
	CHECK_STR(gaz_name(gaz, gaz_by_id(gaz, "UA-23:zaporizhzhia"), "uk"),
	    "Запоріжжя");
	CHECK_STR(gaz_name(gaz, gaz_by_id(gaz, "UA-12:nikopol"), "uk"),
	    "Нікополь");
	CHECK_STR(gaz_name(gaz, gaz_by_id(gaz, "UA-09:rubizhne"), "uk"),
	    "Рубіжне");
	CHECK_STR(gaz_name(gaz, gaz_by_id(gaz, "US-TX"), "uk"), "Texas");

	/* every Ukrainian region of the packs has its Ukrainian name */
	for (size_t i = 0; i < gaz_count(gaz); i++) {
		const struct region *x = gaz_at(gaz, i);

		if (strncmp(x->id, "UA", 2) != 0 ||
		    (x->id[2] != '\0' && x->id[2] != '-'))
			continue;
		every++;
		if (strcmp(gaz_name(gaz, x, "uk"), x->name) != 0 &&
		    utf8_is_capital(gaz_name(gaz, x, "uk"), 2))
			named++;
		else
			fprintf(stderr, "no uk name: %s\n", x->id);
	}
	CHECK(every > 190);
	CHECK_INT(named, every);
}

static void
test_names_strict(void)
{
	static const struct {
		const char *pack, *want;
	} bad[] = {
		{ "{\"sources\": {}, \"regions\": [{\"id\": \"UA-12\", "
		  "\"names\": [\"Дніпро\"]}]}", "\"names\" must be an object" },
		{ "{\"sources\": {}, \"regions\": [{\"id\": \"UA-12\", "
		  "\"names\": {\"uk\": 5}}]}", "names.uk must be" },
		{ "{\"sources\": {}, \"regions\": [{\"id\": \"UA-12\", "
		  "\"names\": {\"uk\": \"\"}}]}", "names.uk must be" },
		{ "{\"sources\": {}, \"regions\": [{\"id\": \"UA-12\", "
		  "\"names\": {\"Ukrainian\": \"x\"}}]}", "not a language tag" },
	};
	char dir[64], err[512];

	for (size_t i = 0; i < NELEM(bad); i++) {
		struct gazetteer *g2 = (struct gazetteer *)1;

		if (one_pack(dir, sizeof(dir), bad[i].pack) == NULL) {
			CHECK(0);
			continue;
		}
		err[0] = '\0';
		CHECK_INT(gaz_load(&g2, "/usr/share/iso-codes/json", dir, err,
		    sizeof(err)), OD_EINVAL);
		CHECK(g2 == NULL);
		/* the file, the region and what is wrong */
		CHECK(strstr(err, "bad.json") != NULL);
		CHECK(strstr(err, "(UA-12)") != NULL);
		CHECK(strstr(err, bad[i].want) != NULL);
		if (strstr(err, bad[i].want) == NULL)
			fprintf(stderr, "got: %s\n", err);
		rm_pack(dir);
	}

	/* a good one: a later name replaces nothing else */
	if (one_pack(dir, sizeof(dir), "{\"sources\": {}, \"regions\": "
	    "[{\"id\": \"UA-12\", \"names\": {\"uk\": \"Січеславщина\", "
	    "\"pt-BR\": \"Oblast de Dnipropetrovsk\"}}]}") != NULL) {
		struct gazetteer *g2 = NULL;

		CHECK_INT(gaz_load(&g2, "/usr/share/iso-codes/json", dir, err,
		    sizeof(err)), OD_OK);
		if (g2 != NULL) {
			const struct region *r = gaz_by_id(g2, "UA-12");

			CHECK_STR(gaz_name(g2, r, "uk"), "Січеславщина");
			CHECK_STR(gaz_name(g2, r, "pt-BR"),
			    "Oblast de Dnipropetrovsk");
			CHECK_STR(gaz_name(g2, r, "en"), "Dnipropetrovska oblast");
			CHECK_STR(gaz_name(g2, gaz_by_id(g2, "UA-63"), "uk"),
			    gaz_by_id(g2, "UA-63")->name);
			/* a region of another gazetteer: its own name */
			CHECK_STR(gaz_name(g2, gaz_by_id(gaz, "UA-12"), "uk"),
			    "Dnipropetrovska oblast");
			gaz_free(g2);
		}
		rm_pack(dir);
	}
}

/* What a thread of test_lazy_indexes() found in g. */
struct lazy_run {
	struct gazetteer *g;
	size_t		 nscan, nsuggest;
	const struct region *scanned[4];
	const struct region *suggested;
};

static const char lazy_text[] = "Power is back in Kharkiv, and in "
    "Dnipropetrovsk region and Odessa too.";

static void *
lazy_thread(void *arg)
{
	struct lazy_run *l = arg;
	struct gaz_match m[4];
	struct gaz_suggestion s[GAZ_SUGGEST_MAX];

	l->nscan = gaz_scan(l->g, lazy_text, strlen(lazy_text), m, NELEM(m));
	for (size_t i = 0; i < l->nscan; i++)
		l->scanned[i] = m[i].region;
	l->nsuggest = gaz_suggest(l->g, "Kharkif", s, NELEM(s), NULL);
	l->suggested = l->nsuggest > 0 ? s[0].region : NULL;
	return NULL;
}

/*
 * The indexes text scanning and "did you mean" need are made on first
 * use, once, whichever of several threads asks first: each finds what a
 * gazetteer that made them before finds.
 */
static void
test_lazy_indexes(void)
{
	struct gazetteer *g2 = t_gazetteer();
	struct lazy_run want = { gaz, 0, 0, { NULL }, NULL }, run[4];
	pthread_t th[4];

	if (g2 == NULL) {
		CHECK(g2 != NULL);
		return;
	}
	CHECK(g2->first_words == NULL && g2->first_slots == NULL &&
	    g2->first_bits == NULL && g2->by_len == NULL);
	/* resolving a known name needs neither */
	CHECK(gaz_by_id(g2, "UA-63") != NULL);
	CHECK(g2->first_words == NULL && g2->by_len == NULL);
	lazy_thread(&want);
	CHECK_INT(want.nscan, 3);
	CHECK(want.scanned[0] == gaz_by_id(gaz, "UA-63"));
	CHECK(want.suggested == gaz_by_id(gaz, "UA-63"));
	for (size_t i = 0; i < NELEM(th); i++) {
		memset(&run[i], 0, sizeof(run[i]));
		run[i].g = g2;
		CHECK_INT(pthread_create(&th[i], NULL, lazy_thread, &run[i]), 0);
	}
	for (size_t i = 0; i < NELEM(th); i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(run[i].nscan, want.nscan);
		for (size_t k = 0; k < want.nscan && k < run[i].nscan; k++)
			CHECK_STR(run[i].scanned[k]->id, want.scanned[k]->id);
		CHECK_INT(run[i].nsuggest, want.nsuggest);
		CHECK(run[i].suggested != NULL && want.suggested != NULL &&
		    strcmp(run[i].suggested->id, want.suggested->id) == 0);
	}
	CHECK(g2->first_words != NULL && g2->by_len != NULL);
	gaz_free(g2);
}

int
main(void)
{
	int status;

	if ((gaz = t_gazetteer()) == NULL)
		return 1;
	RUN(test_by_id);
	RUN(test_every_region_indexed);
	RUN(test_names_and_aliases);
	RUN(test_city);
	RUN(test_plain_names);
	RUN(test_city_and_oblast);
	RUN(test_districts);
	RUN(test_configured);
	RUN(test_did_you_mean);
	RUN(test_unknown);
	RUN(test_ambiguous);
	RUN(test_ambiguous_names_all_candidates);
	RUN(test_denominators);
	RUN(test_within);
	RUN(test_fold);
	RUN(test_fold_words);
	RUN(test_scan_sentence);
	RUN(test_scan_more);
	RUN(test_load_errors);
	RUN(test_iso_entries);
	RUN(test_names_by_language);
	RUN(test_names_strict);
	RUN(test_lazy_indexes);
	status = T_DONE();
	gaz_free(gaz);
	return status;
}
