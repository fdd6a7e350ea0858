/* SPDX-License-Identifier: MIT */
/*
 * api_web.c - what the dashboard needs beyond its own files:
 *
 *   ?lang=en|uk, else Accept-Language    region names in that language
 *                                        (the packs' "names"), in
 *                                        /status, /regions/{id}, /alerts
 *   GET /api/v1/regions                  the packs' regions: names in every
 *                                        language, parent, type, and the
 *                                        tile of the pack's map ("layout")
 *   GET /js/chart.js                     Debian's libjs-chart.js, from its
 *                                        system path (that one file: no
 *                                        part of the request is a path)
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "api.h"
#include "api_int.h"
#include "daemon.h"
#include "http.h"
#include "region.h"
#include "util.h"

/* The languages the API names regions in; index + 1 is a cache column. */
static const char *const langs[] = { "en", "uk" };

/* A tag ("uk", "uk-UA", "en-GB;q=0.8") that starts with one of langs. */
static const char *
lang_of(const char *p, size_t n)
{
	for (size_t i = 0; i < NELEM(langs); i++)
		if (n >= 2 && strncasecmp(p, langs[i], 2) == 0 &&
		    (n == 2 || p[2] == '-' || p[2] == ';' || p[2] == ' '))
			return langs[i];
	return NULL;
}

const char *
api_lang(const struct http_req *req)
{
	const char *v = http_query(req, "lang"), *p;

	if (v != NULL)
		return lang_of(v, strlen(v));
	v = http_header(req, "Accept-Language");
	for (p = v; p != NULL && *p != '\0'; ) {
		size_t n;

		while (*p == ',' || *p == ' ')
			p++;
		n = strcspn(p, ",");
		/* "uk;q=0" refuses the language */
		if (n > 0 && lang_of(p, n) != NULL &&
		    strstr(p, ";q=0") != p + 2 && strstr(p, ";q=0.0") != p + 2)
			return lang_of(p, n);
		p += n;
	}
	return NULL;
}

size_t
api_lang_slot(const struct daemon *d, size_t slot, const char *lang)
{
	for (size_t i = 0; lang != NULL && i < NELEM(langs); i++)
		if (lang == langs[i])
			return slot + (i + 1) * API_LANG_COLUMN(d);
	return slot;
}

void
api_lang_vary(struct http_resp *rs)
{
	rs->vary = rs->vary != NULL ? "Accept-Encoding, Accept-Language" :
	    "Accept-Language";
}

/*
 * Every object of doc with a "region" id gets its "name" (and
 * "region_name") in lang; other members are walked into.
 */
void
api_lang_names(struct daemon *d, json_t *doc, const char *lang)
{
	const char *key;
	json_t *v;
	size_t i;

	if (lang == NULL)
		return;
	if (json_is_array(doc)) {
		json_array_foreach(doc, i, v)
			api_lang_names(d, v, lang);
		return;
	}
	if (!json_is_object(doc))
		return;
	if ((v = json_object_get(doc, "region")) != NULL && json_is_string(v)) {
		const struct region *r = gaz_by_id(d->gaz, json_string_value(v));

		if (r != NULL && json_object_get(doc, "name") != NULL)
			json_object_set_new(doc, "name",
			    json_string(gaz_name(d->gaz, r, lang)));
		if (r != NULL && json_is_string(json_object_get(doc,
		    "region_name")))
			json_object_set_new(doc, "region_name",
			    json_string(gaz_name(d->gaz, r, lang)));
	}
	json_object_foreach(doc, key, v)
		if (json_is_array(v) || json_is_object(v))
			api_lang_names(d, v, lang);
}

void
route_regions_list(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const char *lang = api_lang(ra->req);
	json_t *list = json_array();

	for (size_t i = 0; i < gaz_count(d->gaz); i++) {
		const struct region *r = gaz_at(d->gaz, i);
		const char *ls[8], *ns[8];
		size_t n;
		json_t *o, *names;

		if (!gaz_in_packs(d->gaz, r))
			continue;
		names = json_object();
		n = gaz_names_of(d->gaz, r, ls, ns, NELEM(ls));
		for (size_t k = 0; k < n; k++)
			json_object_set_new(names, ls[k], json_string(ns[k]));
		if (json_object_get(names, "en") == NULL)
			json_object_set_new(names, "en", json_string(r->name));
		o = json_pack("{s:s,s:s,s:o,s:o,s:s,s:I}", "region", r->id,
		    "name", gaz_name(d->gaz, r, lang), "names", names,
		    "parent", r->parent ? json_string(r->parent->id) :
		    json_null(), "type", r->type,
		    "denominator", (json_int_t)r->denominator);
		json_object_set_new(o, "unit", r->denom_unit[0] ?
		    json_string(r->denom_unit) : json_null());
		if (r->has_tile)
			json_object_set_new(o, "tile", json_pack("[i,i]",
			    r->tile_col, r->tile_row));
		json_array_append_new(list, o);
	}
	api_lang_vary(rs);
	set_json(rs, 200, json_pack("{s:s?,s:o}", "lang", lang,
	    "regions", list));
}

/*
 * /js/chart.js: the charting library Debian packages (libjs-chart.js), at
 * the path the package installs it to.  The route names the file: no part
 * of the request reaches the path.
 */
void
route_js(struct daemon *d, const struct route_args *ra, struct http_resp *rs)
{
	(void)d;
	(void)ra;
	rs->status = 200;
	rs->content_type = "text/javascript; charset=utf-8";
	rs->cache_control = "public, max-age=86400";
	rs->file = "/usr/share/javascript/chart.js/chart.min.js";
}
