/* SPDX-License-Identifier: MIT */
/*
 * region.c - gazetteer built from iso-codes plus region packs.
 *
 * Names are kept in one array sorted by their folded form, indexed by a
 * hash table, and text scanning tries the longest word span first.  When
 * two regions share a folded name, a pack alias beats the display name of
 * a place a pack adds, which beats a country name, which beats a
 * subdivision name, which beats a subdivision name's plain form ("Nairobi"
 * for "Nairobi City"); iso-codes names (subdivision and plain form) of a
 * country that no pack lists rank below those of the countries the packs
 * list ("configured" countries).  At the same rank, a region beats a place
 * inside it (the oblast, not its city of the same name); any other tie
 * makes the name ambiguous, and resolving it is an error that lists the
 * candidates.  gaz_resolve() does not take a name that only iso-codes
 * gives to a region outside the configured countries: a report's bare
 * "Portland" is not silently Jamaica's parish.  An unknown name gets the
 * nearest names by edit distance ("did you mean").  Folding and the
 * suggestions are in region_names.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "buf.h"
#include "log.h"
#include "region.h"
#include "util.h"
#include "region_int.h"


/* ---- hash indexes ------------------------------------------------------ */

/* Does the NUL-terminated key equal the n bytes at s? */
static int
key_is(const char *key, const char *s, size_t n)
{
	return strncmp(key, s, n) == 0 && key[n] == '\0';
}

/* Slots for n entries: a power of two over 2n. */
static uint32_t *
new_slots(size_t n, size_t *mask)
{
	size_t size = 16;

	while (size < 2 * n + 1)
		size *= 2;
	*mask = size - 1;
	return xcalloc(size, sizeof(uint32_t));
}

/* The bit of first_bits or span_bits (mask: its size - 1) for words whose
   fnv1a() is h: the hash's high bits (its low bits pick the slot). */
static inline size_t
scan_bit(uint32_t h, size_t mask)
{
	return (size_t)((h >> 12) | (h << 20)) & mask;
}

static inline int
scan_bit_set(const uint64_t *bits, size_t mask, uint32_t h)
{
	size_t b = scan_bit(h, mask);

	return (int)((bits[b / 64] >> (b % 64)) & 1);
}

static inline void
scan_bit_add(uint64_t *bits, size_t mask, uint32_t h)
{
	size_t b = scan_bit(h, mask);

	bits[b / 64] |= UINT64_C(1) << (b % 64);
}

/* ---- building ---------------------------------------------------------- */

static struct region *
add_region(struct gazetteer *g, const char *id, const char *name,
    const char *type, const char *parent_id)
{
	struct region *r;

	ARRAY_GROW(g->regions, g->nregions, g->capregions, 1024);
	ARRAY_GROW(g->parent_ids, g->nregions, g->capparent_ids, 1024);
	r = &g->regions[g->nregions];
	memset(r, 0, sizeof(*r));
	r->id = region_pool_strdup(g, id);
	r->denom_unit = "";
	r->name = region_pool_strdup(g, name);
	r->type = region_pool_strdup(g, type ? type : "");
	str_copy(g->parent_ids[g->nregions], parent_id ? parent_id : "",
	    sizeof(g->parent_ids[g->nregions]));
	r->index = g->nregions++;
	return r;
}

/*
 * Regions are referenced by index while loading because the array may still
 * move; pointers are fixed up once it is complete.
 */
static void
add_name(struct gazetteer *g, const char *name, size_t region_index, int rank)
{
	char folded[NAME_MAX_BYTES];
	size_t n;

	n = region_fold(name, strlen(name), folded, sizeof(folded), NULL);
	if (n == 0)
		return;
	ARRAY_GROW(g->names, g->nnames, g->capnames, 8192);
	g->names[g->nnames].key = region_pool_ref(g,
	    region_pool_strdup(g, folded));
	g->names[g->nnames].orig = region_pool_ref(g,
	    region_pool_strdup(g, name));
	g->names[g->nnames].ncp = 0;
	g->names[g->nnames].region = (uint32_t)region_index;
	g->names[g->nnames].others = 0;
	g->names[g->nnames].nothers = 0;
	g->names[g->nnames].rank = (int8_t)rank;
	g->nnames++;
}

/* add_name() for region_forms.c. */
void
region_add_name(struct gazetteer *g, const char *name, size_t region_index,
    int rank)
{
	add_name(g, name, region_index, rank);
}

static int
cmp_name(const void *a, const void *b, void *arg)
{
	const struct name_entry *na = a, *nb = b;
	int c = strcmp(name_key(arg, na), name_key(arg, nb));

	if (c != 0)
		return c;
	return nb->rank - na->rank;	/* highest rank first */
}

static int
cmp_index_id(const void *a, const void *b, void *arg)
{
	const struct region *regs = arg;

	return strcasecmp(regs[*(const size_t *)a].id,
	    regs[*(const size_t *)b].id);
}

/* While loading: regions[0..nsorted) are indexed by `order`, the rest not. */
struct loading {
	size_t	*order;
	size_t	 nsorted;
};

static struct region *
find_loading(struct gazetteer *g, const struct loading *ld, const char *id)
{
	size_t lo = 0, hi = ld->nsorted;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcasecmp(id, g->regions[ld->order[mid]].id);

		if (c == 0)
			return &g->regions[ld->order[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	for (size_t i = ld->nsorted; i < g->nregions; i++)
		if (strcasecmp(g->regions[i].id, id) == 0)
			return &g->regions[i];
	return NULL;
}

static void
index_loaded(struct gazetteer *g, struct loading *ld)
{
	free(ld->order);
	ld->order = xreallocarray(NULL, g->nregions, sizeof(size_t));
	for (size_t i = 0; i < g->nregions; i++)
		ld->order[i] = i;
	qsort_r(ld->order, g->nregions, sizeof(size_t), cmp_index_id,
	    g->regions);
	ld->nsorted = g->nregions;
}

static json_t *
load_json_file(const char *path, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *root;

	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		snprintf(err, errlen, "%s:%d:%d: %s", path, jerr.line,
		    jerr.column, jerr.text);
	return root;
}

/* An iso_3166-2.json entry (region_json_each()). */
static void
add_subdivision(json_t *e, void *arg)
{
	struct gazetteer *g = arg;
	const char *code = json_string_value(json_object_get(e, "code"));
	const char *name = json_string_value(json_object_get(e, "name"));
	const char *type = json_string_value(json_object_get(e, "type"));
	const char *par = json_string_value(json_object_get(e, "parent"));
	char pid[OD_REGION_ID_MAX];
	struct region *r;

	if (code == NULL || name == NULL || strlen(code) < 4 ||
	    strlen(code) >= OD_REGION_ID_MAX)
		return;
	/*
	 * "parent": "NX" in AZ means AZ-NX, but some entries give the
	 * full code ("GB-NIR"); none means the country.
	 */
	if (par != NULL && strchr(par, '-') != NULL)
		snprintf(pid, sizeof(pid), "%s", par);
	else if (par != NULL)
		snprintf(pid, sizeof(pid), "%.2s-%s", code, par);
	else
		snprintf(pid, sizeof(pid), "%.2s", code);
	r = add_region(g, code, name, type, pid);
	add_name(g, name, r->index, RANK_SUBDIVISION);
	region_plain_names(g, name, r->index);
}

static enum od_err
load_iso(struct gazetteer *g, const char *iso_dir, char *err, size_t errlen)
{
	char path[1024];
	json_t *root, *list, *e;
	size_t i;

	snprintf(path, sizeof(path), "%s/iso_3166-1.json", iso_dir);
	if ((root = load_json_file(path, err, errlen)) == NULL)
		return OD_EPARSE;
	list = json_object_get(root, "3166-1");
	if (!json_is_array(list)) {
		snprintf(err, errlen, "%s: no \"3166-1\" array", path);
		json_decref(root);
		return OD_EPARSE;
	}
	json_array_foreach(list, i, e) {
		const char *code = json_string_value(json_object_get(e, "alpha_2"));
		const char *name = json_string_value(json_object_get(e, "name"));
		const char *alt;
		struct region *r;

		if (code == NULL || name == NULL)
			continue;
		alt = json_string_value(json_object_get(e, "common_name"));
		r = add_region(g, code, alt ? alt : name, "Country", NULL);
		add_name(g, name, r->index, RANK_COUNTRY);
		if (alt)
			add_name(g, alt, r->index, RANK_COUNTRY);
		alt = json_string_value(json_object_get(e, "official_name"));
		if (alt)
			add_name(g, alt, r->index, RANK_COUNTRY);
	}
	json_decref(root);

	snprintf(path, sizeof(path), "%s/iso_3166-2.json", iso_dir);
	/* one entry at a time: the whole tree was the start-up's peak */
	return region_json_each(path, "3166-2", add_subdivision, g, err,
	    errlen);
}

/* cite, kept once in the gazetteer (region_int.h) */
static const char *
intern_cite(struct gazetteer *g, const char *cite)
{
	for (size_t i = 0; i < g->ncites; i++)
		if (strcmp(g->cites[i], cite) == 0)
			return g->cites[i];
	ARRAY_GROW(g->cites, g->ncites, g->capcites, 16);
	return g->cites[g->ncites++] = region_pool_strdup(g, cite);
}

/* Read {"count": N, "unit": U, "source": KEY} style objects of a pack. */
static enum od_err
pack_figure(struct gazetteer *g, json_t *obj, json_t *sources,
    const char *what, int64_t *count, const char **unit,
    const char **source, char *err, size_t errlen)
{
	json_t *c = json_object_get(obj, "count");
	const char *key = json_string_value(json_object_get(obj, "source"));
	const char *u = json_string_value(json_object_get(obj, "unit"));
	const char *cite;

	if (!json_is_object(obj) || !json_is_integer(c) ||
	    json_integer_value(c) <= 0) {
		snprintf(err, errlen, "%s: needs a positive integer \"count\"",
		    what);
		return OD_EINVAL;
	}
	if (key == NULL ||
	    (cite = json_string_value(json_object_get(sources, key))) == NULL) {
		snprintf(err, errlen, "%s: \"source\" must name an entry of "
		    "the pack's \"sources\"", what);
		return OD_EINVAL;
	}
	if (unit != NULL) {
		if (u == NULL || (strcmp(u, "households") != 0 &&
		    strcmp(u, "customers") != 0)) {
			snprintf(err, errlen, "%s: \"unit\" must be households "
			    "or customers", what);
			return OD_EINVAL;
		}
		*unit = u[0] == 'h' ? "households" : "customers";
	}
	*count = json_integer_value(c);
	if (source != NULL)
		*source = intern_cite(g, cite);
	return OD_OK;
}

/* A language tag as a pack may use it: "uk", "en", "pt-BR". */
static int
lang_tag_ok(const char *s)
{
	size_t n = 0;

	while (s[n] >= 'a' && s[n] <= 'z')
		n++;
	if (n < 2 || n > 3)
		return 0;
	if (s[n] == '\0')
		return 1;
	if (s[n++] != '-' || s[n] == '\0')
		return 0;
	for (; s[n] != '\0'; n++)
		if (!isalnum((unsigned char)s[n]))
			return 0;
	return n < GAZ_LANG_MAX;
}

/*
 * A region's "names": {"uk": "Дніпропетровська область", ...}: its name in
 * other languages, for what people read (notifications).  A later pack's
 * name for the same language replaces an earlier one.
 */
static enum od_err
pack_names(struct gazetteer *g, size_t region, json_t *names,
    const char *what, char *err, size_t errlen)
{
	const char *lang;
	json_t *v;

	if (!json_is_object(names)) {
		snprintf(err, errlen, "%s: \"names\" must be an object of "
		    "strings by language (\"uk\": \"...\")", what);
		return OD_EINVAL;
	}
	json_object_foreach(names, lang, v) {
		struct lang_name *ln = NULL;

		if (!lang_tag_ok(lang)) {
			snprintf(err, errlen, "%s: names: \"%s\" is not a "
			    "language tag (\"uk\", \"en\")", what, lang);
			return OD_EINVAL;
		}
		if (!json_is_string(v) || json_string_length(v) == 0 ||
		    json_string_length(v) >= NAME_MAX_BYTES) {
			snprintf(err, errlen, "%s: names.%s must be a non-empty "
			    "string shorter than %d bytes", what, lang,
			    NAME_MAX_BYTES);
			return OD_EINVAL;
		}
		for (size_t i = 0; i < g->nlnames; i++)
			if (g->lnames[i].region == region &&
			    strcmp(g->lnames[i].lang, lang) == 0)
				ln = &g->lnames[i];
		if (ln == NULL) {
			ARRAY_GROW(g->lnames, g->nlnames, g->caplnames, 64);
			ln = &g->lnames[g->nlnames++];
			ln->region = region;
			str_copy(ln->lang, lang, sizeof(ln->lang));
		} else
			free(ln->name);
		ln->name = xstrdup(json_string_value(v));
		region_add_lang_name(g, ln->name, region);
	}
	return OD_OK;
}

/* A pack that lists a country itself ("UA", "US") configures it, unless
   the entry says "configures": false: kept in home[] (for messages) and
   marked on the country (for region_is_home()). */
static void
home_add(struct gazetteer *g, struct region *country)
{
	if (country->home)
		return;
	if (g->nhome < MAX_HOME) {
		str_copy(g->home[g->nhome++], country->id,
		    sizeof(g->home[0]));
		country->home = 1;
	}
}

/* Is r in a country a pack lists?  Its country's mark: no string
   compares (story.c asks it of every region a story names). */
int
region_is_home(const struct gazetteer *g, const struct region *r)
{
	(void)g;
	while (r->parent != NULL)
		r = r->parent;
	return r->home;
}

static enum od_err
load_pack(struct gazetteer *g, struct loading *ld, const char *path,
    char *err, size_t errlen)
{
	static const char *const region_keys[] = { "id", "name", "parent",
	    "type", "aliases", "names", "denominator", "population",
	    "forms", "configures" };
	char what[256];
	json_t *root, *regions, *sources, *e, *v;
	const char *key;
	enum od_err rc = OD_OK;
	size_t i;

	if ((root = load_json_file(path, err, errlen)) == NULL)
		return OD_EPARSE;
	regions = json_object_get(root, "regions");
	sources = json_object_get(root, "sources");
	if (!json_is_array(regions) || !json_is_object(sources)) {
		snprintf(err, errlen, "%s: a pack needs a \"regions\" array and "
		    "a \"sources\" object", path);
		json_decref(root);
		return OD_EPARSE;
	}
	json_array_foreach(regions, i, e) {
		const char *id = json_string_value(json_object_get(e, "id"));
		const char *name = json_string_value(json_object_get(e, "name"));
		const char *parent = json_string_value(json_object_get(e, "parent"));
		const char *type = json_string_value(json_object_get(e, "type"));
		json_t *aliases = json_object_get(e, "aliases"), *a;
		struct region *r;
		size_t k;

		snprintf(what, sizeof(what), "%s: regions[%zu] (%s)", path, i,
		    id ? id : "no id");
		json_object_foreach(e, key, v) {
			size_t n;

			for (n = 0; n < NELEM(region_keys); n++)
				if (strcmp(key, region_keys[n]) == 0)
					break;
			if (n == NELEM(region_keys)) {
				snprintf(err, errlen, "%s: unknown key \"%s\"",
				    what, key);
				rc = OD_EINVAL;
				goto out;
			}
		}
		if (id == NULL || strlen(id) >= OD_REGION_ID_MAX) {
			snprintf(err, errlen, "%s: needs an \"id\" shorter than "
			    "%d bytes", what, OD_REGION_ID_MAX);
			rc = OD_EINVAL;
			goto out;
		}
		if ((r = find_loading(g, ld, id)) == NULL) {
			/* a place iso-codes lacks: "UA-12:dnipro" */
			if (name == NULL || parent == NULL ||
			    strchr(id, ':') == NULL) {
				snprintf(err, errlen, "%s: not in iso-codes; a new "
				    "place needs an id \"<parent>:<slug>\", a "
				    "\"name\" and a \"parent\"", what);
				rc = OD_EINVAL;
				goto out;
			}
			r = add_region(g, id, name, type ? type : "place",
			    parent);
			add_name(g, name, r->index, RANK_PACK_NAME);
		} else if (name != NULL) {
			r->name = region_pool_strdup(g, name);
		}
		if ((v = json_object_get(e, "configures")) != NULL &&
		    !json_is_boolean(v)) {
			snprintf(err, errlen, "%s: \"configures\" must be "
			    "true or false", what);
			rc = OD_EINVAL;
			goto out;
		}
		/* "configures": false, a country only named otherwise
		   ("the UK"): its subdivisions stay foreign [story-country] */
		if (strlen(r->id) == 2 && !json_is_false(v))
			home_add(g, r);
		if (aliases != NULL && !json_is_array(aliases)) {
			snprintf(err, errlen, "%s: \"aliases\" must be an array "
			    "of strings", what);
			rc = OD_EINVAL;
			goto out;
		}
		json_array_foreach(aliases, k, a) {
			if (!json_is_string(a)) {
				snprintf(err, errlen, "%s: \"aliases\" must be an "
				    "array of strings", what);
				rc = OD_EINVAL;
				goto out;
			}
			add_name(g, json_string_value(a), r->index, RANK_PACK_ALIAS);
			/* "Харківщина": "на Харківщині" (region_forms.c) */
			region_add_forms(g, json_string_value(a), r->index);
		}
		/* Ukrainian, Russian names beside the aliases: "forms" */
		json_array_foreach(json_object_get(e, "forms"), k, a)
			if (json_is_string(a))
				region_add_lang_name(g, json_string_value(a),
				    r->index);
		if ((v = json_object_get(e, "names")) != NULL &&
		    (rc = pack_names(g, r->index, v, what, err, errlen)) != OD_OK)
			goto out;
		if ((v = json_object_get(e, "denominator")) != NULL) {
			char w2[300];

			snprintf(w2, sizeof(w2), "%s: denominator", what);
			rc = pack_figure(g, v, sources, w2, &r->denominator,
			    &r->denom_unit, &r->denom_source, err, errlen);
			if (rc != OD_OK)
				goto out;
		}
		if ((v = json_object_get(e, "population")) != NULL) {
			char w2[300];

			snprintf(w2, sizeof(w2), "%s: population", what);
			rc = pack_figure(g, v, sources, w2, &r->population, NULL,
			    NULL, err, errlen);
			if (rc != OD_OK)
				goto out;
		}
	}
	rc = region_pack_layout(g, root, path, err, errlen);
out:
	json_decref(root);
	return rc;
}

static enum od_err
load_packs(struct gazetteer *g, struct loading *ld, const char *dir,
    char *err, size_t errlen)
{
	char **files, path[1024];
	size_t nfiles;
	enum od_err rc = OD_OK;

	if (json_files(dir, &files, &nfiles) < 0) {
		snprintf(err, errlen, "%s: cannot open region pack directory",
		    dir);
		return OD_ENOENT;
	}
	for (size_t i = 0; i < nfiles; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		if (rc == OD_OK)
			rc = load_pack(g, ld, path, err, errlen);
		free(files[i]);
	}
	free(files);
	return rc;
}

/* Sum children's denominators where a region has none of its own. */
static void
derive_denominator(struct region *r)
{
	int64_t sum = 0;
	const char *unit = NULL;

	for (size_t i = 0; i < r->nchildren; i++) {
		struct region *c = r->children[i];

		derive_denominator(c);
		if (c->denominator == 0 || c->depth != r->depth + 1)
			continue;
		if (unit != NULL && strcmp(unit, c->denom_unit) != 0)
			return;		/* mixed units: no honest sum */
		unit = c->denom_unit;
		/* cities sit below an oblast that already counts them */
		if (strchr(c->id, ':') == NULL)
			sum += c->denominator;
	}
	if (r->denominator == 0 && sum > 0 && unit != NULL) {
		r->denominator = sum;
		r->denom_unit = unit;
		r->denom_derived = 1;
	}
}

static int
cmp_lang_name(const void *a, const void *b)
{
	const struct lang_name *x = a, *y = b;

	if (x->region != y->region)
		return x->region < y->region ? -1 : 1;
	return strcmp(x->lang, y->lang);
}

/* One more candidate for an ambiguous name (its list in g->others). */
static void
add_other(struct gazetteer *g, struct name_entry *n, struct region *r)
{
	struct region ***list;

	if (n->others == 0) {
		ARRAY_GROW(g->others, g->nothers, g->capothers, 64);
		g->others[g->nothers++] = NULL;
		n->others = (uint32_t)g->nothers;
	}
	list = &g->others[n->others - 1];
	*list = xreallocarray(*list, n->nothers + 1u, sizeof(**list));
	(*list)[n->nothers++] = r;
}

/* A bit array for n hashes, about one bit in sixteen set. */
static uint64_t *
scan_bits(size_t n, size_t *mask)
{
	size_t bits = 4096;

	while (bits < 16 * n)
		bits *= 2;
	*mask = bits - 1;
	return xcalloc(bits / 64, sizeof(uint64_t));
}

/*
 * The words a name can begin with (first_words, first_slots, first_bits;
 * span_bits for its first two words and on): running text tries a span
 * only where one stands, which skips almost every word of a sentence.
 * Made on the first gaz_scan() (region_ready()), not at load: a daemon
 * that reads no text never needs them (296 kB).
 */
static void
scan_index(struct gazetteer *g)
{
	uint32_t *spans = NULL;		/* the hashes for span_bits */
	size_t nspans = 0, capspans = 0;

	g->first_words = xreallocarray(NULL, g->nnames ? g->nnames : 1,
	    sizeof(*g->first_words));
	for (size_t i = 0; i < g->nnames; i++) {
		const char *key = name_key(g, &g->names[i]);
		size_t n = 0, k, words = 1;
		uint32_t h = FNV1A_INIT, first = 0;
		struct first_word *f;

		/* one pass: the first word, how many words (up to
		   SCAN_MAX_WORDS), and the hash of its first two words,
		   its first three, ... */
		for (k = 0;; k++) {
			if (key[k] == ' ' || key[k] == '\0') {
				if (words == 1) {
					n = k;
					first = h;
				} else {
					/* speed only: array_reserve() once
					   a block, not a call a span */
					if (nspans == capspans)
						ARRAY_GROW(spans, nspans,
						    capspans, 1024);
					spans[nspans++] = h;
				}
				if (key[k] == '\0' || ++words > SCAN_MAX_WORDS)
					break;
			}
			h = fnv1a_step(h, (unsigned char)key[k]);
		}
		if (words > SCAN_MAX_WORDS)
			words = SCAN_MAX_WORDS;
		/* names are sorted: a repeated first word is the last one
		   (its hash first, speed only: most first words are new) */
		if (g->nfirst > 0 && g->first_words[g->nfirst - 1].hash ==
		    first && key_is(g->first_words[g->nfirst - 1].word, key,
		    n)) {
			f = &g->first_words[g->nfirst - 1];
			if (words > f->max_words)
				f->max_words = words;
			f->alone |= words == 1;
			continue;
		}
		f = &g->first_words[g->nfirst++];
		/* a name of one word is its own first word */
		f->word = key[n] == '\0' ? name_key(g, &g->names[i]) :
		    region_pool_strndup(g, key, n);
		f->hash = first;
		f->max_words = words;
		f->alone = words == 1;
	}
	g->first_words = xreallocarray(g->first_words,
	    g->nfirst ? g->nfirst : 1, sizeof(*g->first_words));
	g->first_slots = new_slots(g->nfirst, &g->first_mask);
	for (size_t i = 0; i < g->nfirst; i++)
		slot_insert(g->first_slots, g->first_mask,
		    g->first_words[i].hash, i);
	g->first_bits = scan_bits(g->nfirst, &g->first_bits_mask);
	for (size_t i = 0; i < g->nfirst; i++)
		scan_bit_add(g->first_bits, g->first_bits_mask,
		    g->first_words[i].hash);
	g->span_bits = scan_bits(nspans, &g->span_bits_mask);
	for (size_t i = 0; i < nspans; i++)
		scan_bit_add(g->span_bits, g->span_bits_mask, spans[i]);
	free(spans);
}

void
region_ready(const struct gazetteer *g, enum region_lazy what)
{
	struct gazetteer *w = g->self;
	atomic_int *done = what == LAZY_SCAN ? &w->scan_built :
	    &w->suggest_built;

	if (atomic_load_explicit(done, memory_order_acquire))
		return;
	pthread_mutex_lock(&w->lazy_lock);
	if (!atomic_load_explicit(done, memory_order_relaxed)) {
		if (what == LAZY_SCAN)
			scan_index(w);
		else
			region_suggest_index(w);
		atomic_store_explicit(done, 1, memory_order_release);
	}
	pthread_mutex_unlock(&w->lazy_lock);
}

static enum od_err
finalize(struct gazetteer *g, char *err, size_t errlen)
{
	struct loading ld = { NULL, 0 };
	size_t w, nchild = 0;

	/* ids must be unique; the sorted index finds neighbours */
	index_loaded(g, &ld);
	for (size_t i = 1; i < g->nregions; i++) {
		if (strcasecmp(g->regions[ld.order[i]].id,
		    g->regions[ld.order[i - 1]].id) == 0) {
			snprintf(err, errlen, "region id %s defined twice",
			    g->regions[ld.order[i]].id);
			free(ld.order);
			return OD_EINVAL;
		}
	}
	for (size_t i = 0; i < g->nregions; i++) {
		struct region *r = &g->regions[i], *p;

		if (g->parent_ids[i][0] == '\0')
			continue;
		if ((p = find_loading(g, &ld, g->parent_ids[i])) == NULL) {
			snprintf(err, errlen, "region %s: unknown parent %s",
			    r->id, g->parent_ids[i]);
			free(ld.order);
			return OD_EINVAL;
		}
		r->parent = p;
		p->nchildren++;
		nchild++;
	}
	free(g->parent_ids);
	g->parent_ids = NULL;
	g->capparent_ids = 0;
	/* the children: one array for all (slices in region order), not a
	   small growing one per parent */
	g->child_ptrs = xreallocarray(NULL, nchild ? nchild : 1,
	    sizeof(*g->child_ptrs));
	nchild = 0;
	for (size_t i = 0; i < g->nregions; i++) {
		g->regions[i].children = g->child_ptrs + nchild;
		nchild += g->regions[i].nchildren;
		g->regions[i].nchildren = 0;
	}
	for (size_t i = 0; i < g->nregions; i++) {
		struct region *r = &g->regions[i];

		if (r->parent != NULL)
			r->parent->children[r->parent->nchildren++] = r;
	}
	g->by_id = xreallocarray(NULL, g->nregions, sizeof(*g->by_id));
	for (size_t i = 0; i < g->nregions; i++)
		g->by_id[i] = &g->regions[ld.order[i]];
	free(ld.order);
	for (size_t i = 0; i < g->nregions; i++) {
		struct region *r = &g->regions[i];
		int depth = 0;

		for (struct region *p = r->parent; p; p = p->parent) {
			if (++depth > 16) {
				snprintf(err, errlen, "region %s: parent cycle",
				    r->id);
				return OD_EINVAL;
			}
		}
		r->depth = depth;
	}
	for (size_t i = 0; i < g->nregions; i++)
		if (g->regions[i].parent == NULL)
			derive_denominator(&g->regions[i]);

	/* names: collapse duplicates */
	for (size_t i = 0; i < g->nnames; i++) {
		struct name_entry *n = &g->names[i];

		/* configured countries first: a subdivision elsewhere ranks
		   below every name of theirs */
		if (g->nhome > 0 && n->rank <= RANK_SUBDIVISION &&
		    n->rank >= RANK_DERIVED &&
		    !region_is_home(g, name_region(g, n)))
			n->rank += (int8_t)(RANK_FOREIGN_SUBDIVISION -
			    RANK_SUBDIVISION);
	}
	qsort_r(g->names, g->nnames, sizeof(*g->names), cmp_name, g);
	w = 0;
	for (size_t i = 0; i < g->nnames; i++) {
		struct name_entry *n = &g->names[i];

		if (w > 0 && strcmp(name_key(g, &g->names[w - 1]),
		    name_key(g, n)) == 0) {
			struct name_entry *kept = &g->names[w - 1];

			/* one name for a region and a place inside it: the
			   region ("Харків" when a pack gives it to both) */
			if (kept->rank == n->rank && kept->nothers == 0 &&
			    kept->region != n->region &&
			    region_within(name_region(g, kept),
			    name_region(g, n))) {
				kept->region = n->region;
			} else if (kept->rank == n->rank &&
			    kept->region != n->region &&
			    !region_within(name_region(g, n),
			    name_region(g, kept)) &&
			    kept->nothers < MAX_CANDIDATES - 1)
				add_other(g, kept, name_region(g, n));
			continue;	/* its text stays in the pool */
		}
		g->names[w++] = *n;
	}
	g->nnames = w;
	/* a quarter were duplicates: give their room back */
	g->names = xreallocarray(g->names, w ? w : 1, sizeof(*g->names));
	g->capnames = w;
	g->name_slots = new_slots(g->nnames, &g->name_mask);
	for (size_t i = 0; i < g->nnames; i++) {
		g->names[i].hash = fnv1a(name_key(g, &g->names[i]),
		    strlen(name_key(g, &g->names[i])));
		slot_insert(g->name_slots, g->name_mask, g->names[i].hash, i);
	}
	if (g->nlnames > 0)
		qsort(g->lnames, g->nlnames, sizeof(*g->lnames), cmp_lang_name);
	region_pool_end(g);
	return region_layout_place(g, err, errlen);
}

enum od_err
gaz_load(struct gazetteer **out, const char *iso_dir, const char *packs_dir,
    char *err, size_t errlen)
{
	struct gazetteer *g = xcalloc(1, sizeof(*g));
	struct loading ld = { NULL, 0 };
	enum od_err rc;

	g->self = g;
	pthread_mutex_init(&g->lazy_lock, NULL);

	*out = NULL;
	region_pool_begin(g);
	rc = load_iso(g, iso_dir, err, errlen);
	if (rc == OD_OK && packs_dir != NULL && packs_dir[0] != '\0') {
		index_loaded(g, &ld);
		rc = load_packs(g, &ld, packs_dir, err, errlen);
		free(ld.order);
	}
	if (rc == OD_OK)
		rc = finalize(g, err, errlen);
	if (rc != OD_OK) {
		gaz_free(g);
		return rc;
	}
	*out = g;
	return OD_OK;
}

void
gaz_free(struct gazetteer *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->nregions; i++) {
	}
	for (size_t i = 0; i < g->nothers; i++)
		free(g->others[i]);
	free(g->others);
	free(g->by_len);
	for (size_t i = 0; i < g->nlnames; i++)
		free(g->lnames[i].name);
	free(g->lnames);
	region_layout_free(g);
	free(g->first_words);
	free(g->name_slots);
	free(g->first_slots);
	free(g->first_bits);
	free(g->span_bits);
	free(g->regions);
	free(g->by_id);
	free(g->names);
	free(g->child_ptrs);
	free(g->cites);
	free(g->parent_ids);
	region_pool_free(g);
	pthread_mutex_destroy(&g->lazy_lock);
	free(g);
}

size_t
gaz_count(const struct gazetteer *g)
{
	return g->nregions;
}

const struct region *
gaz_at(const struct gazetteer *g, size_t index)
{
	return index < g->nregions ? &g->regions[index] : NULL;
}

const char *
gaz_name(const struct gazetteer *g, const struct region *r, const char *lang)
{
	size_t lo = 0, hi;

	if (g == NULL || lang == NULL || r->index >= g->nregions ||
	    &g->regions[r->index] != r)
		return r->name;
	hi = g->nlnames;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct lang_name *ln = &g->lnames[mid];
		int c = ln->region != r->index ?
		    (r->index < ln->region ? -1 : 1) : strcmp(lang, ln->lang);

		if (c == 0)
			return ln->name;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return r->name;
}

const struct region *
gaz_by_id(const struct gazetteer *g, const char *id)
{
	size_t lo = 0, hi = g->nregions;

	if (g->by_id == NULL)
		return NULL;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcasecmp(id, g->by_id[mid]->id);

		if (c == 0)
			return g->by_id[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The name of the n bytes at folded, whose fnv1a() is h. */
static const struct name_entry *
find_name_h(const struct gazetteer *g, const char *folded, size_t n,
    uint32_t h)
{
	size_t k;

	if (g->name_slots == NULL)
		return NULL;
	for (k = h & g->name_mask; g->name_slots[k] != 0;
	    k = (k + 1) & g->name_mask) {
		const struct name_entry *e = &g->names[g->name_slots[k] - 1];

		if (e->hash == h && key_is(name_key(g, e), folded, n))
			return e;
	}
	return NULL;
}

static const struct name_entry *
find_name(const struct gazetteer *g, const char *folded)
{
	size_t n = strlen(folded);

	return find_name_h(g, folded, n, fnv1a(folded, n));
}

enum od_err
gaz_resolve(const struct gazetteer *g, const char *name,
    const struct region **out, char *err, size_t errlen)
{
	char folded[NAME_MAX_BYTES];
	const struct name_entry *n;
	const struct region *r;

	*out = NULL;
	if ((r = gaz_by_id(g, name)) != NULL) {
		*out = r;
		return OD_OK;
	}
	region_fold(name, strlen(name), folded, sizeof(folded), NULL);
	if ((n = find_name(g, folded)) == NULL) {
		region_suggest_into(g, name, err, errlen);
		return OD_ENOENT;
	}
	if (n->nothers > 0) {	/* ambiguous */
		size_t o;

		o = (size_t)snprintf(err, errlen, "ambiguous: %s (%s)",
		    name_region(g, n)->id, name_region(g, n)->name);
		for (size_t i = 0; i < n->nothers && o < errlen; i++)
			o += (size_t)snprintf(err + o, errlen - o, "%s%s (%s)",
			    i + 1 == n->nothers ? " or " : ", ",
			    name_other(g, n, i)->id, name_other(g, n, i)->name);
		if (o < errlen)
			snprintf(err + o, errlen - o, "; use the region id");
		return OD_EINVAL;
	}
	/*
	 * Only iso-codes names it, and a country no pack lists: a report
	 * means a place in the configured countries, where the gazetteer
	 * may just not know this one ("Portland"), so the name is refused
	 * with the candidate it has.
	 */
	if (n->rank <= RANK_FOREIGN_SUBDIVISION) {
		const struct region *c = name_region(g, n);
		size_t o;

		while (c->parent != NULL)
			c = c->parent;
		o = (size_t)snprintf(err, errlen, "ambiguous: %s (%s, %s) or a "
		    "place in", name_region(g, n)->id, name_region(g, n)->name,
		    c->name);
		for (size_t i = 0; i < g->nhome && o < errlen; i++)
			o += (size_t)snprintf(err + o, errlen - o, "%s%s",
			    i == 0 ? " " : i + 1 == g->nhome ? " or " : ", ",
			    g->home[i]);
		if (o < errlen)
			snprintf(err + o, errlen - o, " that the gazetteer does "
			    "not list; use the region id");
		return OD_EINVAL;
	}
	*out = name_region(g, n);
	return OD_OK;
}

/* The first-word entry of the n bytes at w, whose fnv1a() is h (and
   its first_bits bit set: gaz_scan() tests that first). */
static const struct first_word *
find_first_word(const struct gazetteer *g, const char *w, size_t n,
    uint32_t h)
{
	size_t k;

	if (g->first_slots == NULL)
		return NULL;
	for (k = h & g->first_mask; g->first_slots[k] != 0;
	    k = (k + 1) & g->first_mask) {
		const struct first_word *f =
		    &g->first_words[g->first_slots[k] - 1];

		if (f->hash == h && key_is(f->word, w, n))
			return f;
	}
	return NULL;
}

size_t
gaz_scan(const struct gazetteer *g, const char *text, size_t len,
    struct gaz_match *out, size_t max)
{
	/* a sentence fits the stack; an article gets the heap */
	char fbuf[1024];
	struct fold_word wbuf[256];
	size_t cap = len * 2 + 1, maxw = len / 2 + 2, nw, nout = 0, wi = 0;
	char *folded = cap <= sizeof(fbuf) ? fbuf : xmalloc(cap);
	/* a word takes a byte, and a separator stands between two */
	struct fold_word *w = maxw <= NELEM(wbuf) ? wbuf :
	    xreallocarray(NULL, maxw, sizeof(*w));

	region_ready(g, LAZY_SCAN);
	(void)region_fold_words(text, len, folded, cap, w, maxw, &nw);
	if (nw > maxw)
		nw = maxw;	/* not reached: see maxw */
	/* folded words are separated by exactly one space */
	while (wi < nw && nout < max) {
		size_t ends[SCAN_MAX_WORDS], nends, i;
		uint32_t hashes[SCAN_MAX_WORDS], h;
		const struct first_word *f;
		int found = 0;

		/* to the next word a name may begin with: most words begin
		   none, and first_bits tells them in this loop alone */
		while (wi < nw && !scan_bit_set(g->first_bits,
		    g->first_bits_mask, w[wi].hash))
			wi++;
		if (wi == nw)
			break;
		i = w[wi].start;
		h = w[wi].hash;
		/* no name begins with this word: next word */
		if ((f = find_first_word(g, folded + i, w[wi].end - i, h)) ==
		    NULL) {
			wi++;
			continue;
		}

		/* candidate spans: up to the longest name this word begins,
		   each hash carried on from the span before, while a name
		   may begin with the words so far (not "the power") */
		ends[0] = w[wi].end;
		hashes[0] = h;
		for (nends = 1; nends < f->max_words && wi + nends < nw;
		    nends++) {
			const struct fold_word *x = &w[wi + nends];

			h = fnv1a_step(h, ' ');
			for (size_t j = x->start; j < x->end; j++)
				h = fnv1a_step(h, (unsigned char)folded[j]);
			if (!scan_bit_set(g->span_bits, g->span_bits_mask, h))
				break;
			ends[nends] = x->end;
			hashes[nends] = h;
		}
		for (size_t k = nends; k-- > 0 && !found;) {
			const struct name_entry *n;

			/* speed only: the word alone is looked up only when
			   a name is that word alone (f->alone, from the names
			   themselves): "the", "a", "as", "at" begin names,
			   and half of the words of news that begin one are
			   these, but none of them is a name */
			if (k == 0 && !f->alone)
				break;
			n = find_name_h(g, folded + i, ends[k] - i, hashes[k]);
			if (n == NULL)
				continue;
			out[nout].region = n->nothers > 0 ? NULL :
			    name_region(g, n);
			out[nout].start = w[wi].src;
			/* the match ends where the last folded byte's source ends */
			{
				size_t e = w[wi + k].src_last + 1;

				while (e < len &&
				    ((unsigned char)text[e] & 0xC0) == 0x80)
					e++;
				out[nout].len = e - w[wi].src;
			}
			nout++;
			wi += k + 1;
			found = 1;
		}
		if (!found)
			wi++;
	}
	if (folded != fbuf)
		free(folded);
	if (w != wbuf)
		free(w);
	return nout;
}
