/* SPDX-License-Identifier: MIT */
/*
 * region_layout.c - a region pack's tile map: its top-level "layout"
 * object, {"UA-12": [col, row], ...}, places each oblast or state on a
 * grid roughly where it lies (the dashboard draws one tile per region; no
 * geometry is needed).  Read with the pack, placed once every region is
 * known (an id the gazetteer lacks is an error), then r->has_tile,
 * r->tile_col and r->tile_row say where.  Also the readers the region
 * list of the API needs: whether a region lies in a pack's country, and
 * its names in every language the packs give; and region_within() (moved
 * here from region.c, which is at its length limit).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "region.h"
#include "region_int.h"
#include "util.h"

#define TILE_MAX	63	/* highest column or row */

enum od_err
region_pack_layout(struct gazetteer *g, json_t *root, const char *path,
    char *err, size_t errlen)
{
	json_t *layout = json_object_get(root, "layout"), *v;
	const char *id;

	if (layout == NULL)
		return OD_OK;
	if (!json_is_object(layout)) {
		snprintf(err, errlen, "%s: \"layout\" must be an object of "
		    "[col, row] by region id", path);
		return OD_EINVAL;
	}
	json_object_foreach(layout, id, v) {
		json_t *c = json_array_get(v, 0), *r = json_array_get(v, 1);
		struct pending_tile *t;

		if (!json_is_array(v) || json_array_size(v) != 2 ||
		    !json_is_integer(c) || !json_is_integer(r) ||
		    json_integer_value(c) < 0 || json_integer_value(c) > TILE_MAX ||
		    json_integer_value(r) < 0 || json_integer_value(r) > TILE_MAX) {
			snprintf(err, errlen, "%s: layout.%.64s must be [col, row], "
			    "integers from 0 to %d", path, id, TILE_MAX);
			return OD_EINVAL;
		}
		if (strlen(id) >= OD_REGION_ID_MAX) {
			snprintf(err, errlen, "%s: layout: \"%.64s\" is not a "
			    "region id", path, id);
			return OD_EINVAL;
		}
		ARRAY_GROW(g->tiles, g->ntiles, g->captiles, 64);
		t = &g->tiles[g->ntiles++];
		str_copy(t->id, id, sizeof(t->id));
		t->col = (int)json_integer_value(c);
		t->row = (int)json_integer_value(r);
		t->pack = xstrdup(path);
	}
	return OD_OK;
}

/* Once the index by id exists: every tile names a region; a later pack's
 * place for the same region wins; two regions of one country on one cell
 * is an error. */
enum od_err
region_layout_place(struct gazetteer *g, char *err, size_t errlen)
{
	enum od_err rc = OD_OK;

	for (size_t i = 0; i < g->ntiles && rc == OD_OK; i++) {
		const struct pending_tile *t = &g->tiles[i];
		struct region *r = (struct region *)(uintptr_t)gaz_by_id(g, t->id);

		if (r == NULL) {
			snprintf(err, errlen, "%s: layout: unknown region %s",
			    t->pack, t->id);
			rc = OD_EINVAL;
			break;
		}
		r->has_tile = 1;
		r->tile_col = t->col;
		r->tile_row = t->row;
	}
	for (size_t i = 0; i < g->nregions && rc == OD_OK; i++) {
		const struct region *a = &g->regions[i];

		for (size_t j = i + 1; a->has_tile && j < g->nregions; j++) {
			const struct region *b = &g->regions[j];

			if (b->has_tile && b->parent == a->parent &&
			    b->tile_col == a->tile_col &&
			    b->tile_row == a->tile_row) {
				snprintf(err, errlen, "layout: %s and %s share the "
				    "tile [%d, %d]", a->id, b->id, a->tile_col,
				    a->tile_row);
				rc = OD_EINVAL;
				break;
			}
		}
	}
	region_layout_free(g);
	return rc;
}

void
region_layout_free(struct gazetteer *g)
{
	for (size_t i = 0; i < g->ntiles; i++)
		free(g->tiles[i].pack);
	free(g->tiles);
	g->tiles = NULL;
	g->ntiles = g->captiles = 0;
}

int
gaz_in_packs(const struct gazetteer *g, const struct region *r)
{
	return g->nhome > 0 && region_is_home(g, r);
}

size_t
gaz_names_of(const struct gazetteer *g, const struct region *r,
    const char **langs, const char **names, size_t max)
{
	size_t n = 0;

	/* sorted by (region, lang): a short scan would do, the list is small */
	for (size_t i = 0; i < g->nlnames && n < max; i++)
		if (g->lnames[i].region == r->index) {
			langs[n] = g->lnames[i].lang;
			names[n++] = g->lnames[i].name;
		}
	return n;
}

int
region_within(const struct region *r, const struct region *anc)
{
	for (; r != NULL; r = r->parent)
		if (r == anc)
			return 1;
	return 0;
}
