/* SPDX-License-Identifier: MIT */
/*
 * test_region_layout.c - the region packs' tile maps (src/core/region_layout.c):
 * ua.json and us.json place every oblast and state once, on cells of their
 * own; a bad "layout" (an unknown id, a cell outside the grid, two regions
 * on one cell, not [col, row]) refuses the pack with the reason; and the
 * readers the API's region list uses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "region.h"
#include "t.h"
#include "util.h"

static struct gazetteer *gaz;

static void
test_shipped_layouts(void)
{
	const struct region *r = gaz_by_id(gaz, "UA-12");
	size_t ua = 0, us = 0;

	CHECK(r != NULL && r->has_tile);
	if (r != NULL) {
		CHECK_INT(r->tile_col, 5);
		CHECK_INT(r->tile_row, 2);
	}
	for (size_t i = 0; i < gaz_count(gaz); i++) {
		const struct region *x = gaz_at(gaz, i);

		if (!x->has_tile)
			continue;
		/* one level: oblasts and states, never a city or a country */
		CHECK(x->depth == 1);
		ua += strncmp(x->id, "UA-", 3) == 0;
		us += strncmp(x->id, "US-", 3) == 0;
	}
	CHECK_INT(ua, 27);	/* 24 oblasts, Kyiv, Crimea, Sevastopol */
	CHECK_INT(us, 52);	/* 50 states, DC, Puerto Rico */
	CHECK(!gaz_by_id(gaz, "UA")->has_tile);
	CHECK(!gaz_by_id(gaz, "UA-12:dnipro")->has_tile);
}

static void
test_readers(void)
{
	const char *langs[8], *names[8];
	const struct region *r = gaz_by_id(gaz, "UA-12");
	size_t n = gaz_names_of(gaz, r, langs, names, 8), uk = 0;

	CHECK(n >= 2);
	for (size_t i = 0; i < n; i++)
		if (strcmp(langs[i], "uk") == 0) {
			CHECK_STR(names[i], "Дніпропетровська область");
			uk++;
		}
	CHECK_INT(uk, 1);
	CHECK_INT(gaz_names_of(gaz, r, langs, names, 1), 1);
	CHECK(gaz_in_packs(gaz, r));
	CHECK(gaz_in_packs(gaz, gaz_by_id(gaz, "US-TX")));
	CHECK(!gaz_in_packs(gaz, gaz_by_id(gaz, "FR")));
	CHECK(!gaz_in_packs(gaz, gaz_by_id(gaz, "DE-BY")));
}

/* A pack of UA-12 and UA-14 with the given layout: OD_OK, or the error. */
static enum od_err
load_with(const char *layout, char *err, size_t errlen)
{
	char dir[64], path[128];
	struct gazetteer *g = NULL;
	enum od_err rc;
	FILE *f;

	str_copy(dir, "/tmp/test_region_layout.XXXXXX", sizeof(dir));
	if (mkdtemp(dir) == NULL)
		return OD_ENOENT;
	snprintf(path, sizeof(path), "%s/p.json", dir);
	if ((f = fopen(path, "w")) == NULL)
		return OD_ENOENT;
	fprintf(f, "{\"pack\": \"t\", \"sources\": {}, \"regions\": ["
	    "{\"id\": \"UA\"}, {\"id\": \"UA-12\"}, {\"id\": \"UA-14\"}],"
	    "\"layout\": %s}", layout);
	fclose(f);
	rc = gaz_load(&g, "/usr/share/iso-codes/json", dir, err, errlen);
	if (rc == OD_OK) {
		const struct region *r = gaz_by_id(g, "UA-14");

		CHECK(r != NULL && r->has_tile);
	}
	gaz_free(g);
	unlink(path);
	rmdir(dir);
	return rc;
}

static void
test_bad_layouts(void)
{
	char err[512];

	CHECK_INT(load_with("{\"UA-12\": [0, 0], \"UA-14\": [1, 0]}", err,
	    sizeof(err)), OD_OK);
	CHECK(load_with("{\"UA-99\": [0, 0], \"UA-14\": [1, 0]}", err,
	    sizeof(err)) != OD_OK);
	CHECK(strstr(err, "unknown region UA-99") != NULL);
	CHECK(load_with("{\"UA-12\": [0, 0], \"UA-14\": [0, 0]}", err,
	    sizeof(err)) != OD_OK);
	CHECK(strstr(err, "share the tile") != NULL);
	CHECK(load_with("{\"UA-12\": [0, 64], \"UA-14\": [1, 0]}", err,
	    sizeof(err)) != OD_OK);
	CHECK(strstr(err, "layout.UA-12 must be [col, row]") != NULL);
	CHECK(load_with("{\"UA-12\": [0], \"UA-14\": [1, 0]}", err,
	    sizeof(err)) != OD_OK);
	CHECK(load_with("{\"UA-12\": [-1, 0], \"UA-14\": [1, 0]}", err,
	    sizeof(err)) != OD_OK);
	CHECK(load_with("{\"UA-12\": \"0,0\", \"UA-14\": [1, 0]}", err,
	    sizeof(err)) != OD_OK);
	CHECK(load_with("[[0, 0]]", err, sizeof(err)) != OD_OK);
	CHECK(strstr(err, "\"layout\" must be an object") != NULL);
}

int
main(void)
{
	if ((gaz = t_gazetteer()) == NULL)
		return 1;
	RUN(test_shipped_layouts);
	RUN(test_readers);
	RUN(test_bad_layouts);
	gaz_free(gaz);
	return T_DONE();
}
