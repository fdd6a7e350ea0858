/* SPDX-License-Identifier: MIT */
/*
 * region.h - the gazetteer: every country and subdivision in iso-codes'
 * ISO 3166-1/3166-2 JSON, plus region packs (config/regions/\*.json) that add
 * press aliases, places below a subdivision ("UA-12:dnipro") and the
 * denominators (households, customers) that turn a count into a percentage.
 * Loaded once at start; read-only afterwards (but for the indexes that
 * gaz_scan() and gaz_suggest() make on first use, under a lock of the
 * gazetteer's own), so callers need no locking.
 */
#ifndef REGION_H
#define REGION_H

#include <stddef.h>
#include <stdint.h>

#include "outaged.h"

/*
 * Ordered so that it packs into 88 bytes (there are some 5,500); its
 * strings are the gazetteer's, kept as long as it is.
 */
struct region {
	const char	*id;			/* "UA", "UA-12", "UA-12:dnipro",
						   shorter than OD_REGION_ID_MAX */
	char		*name;			/* display name */
	char		*type;			/* "Country", "Region", "city", ... */
	struct region	*parent;		/* NULL for a country */
	struct region	**children;
	const char	*denom_unit;		/* "households" or "customers",
						   "" when unknown; never NULL */
	const char	*denom_source;		/* citation, may be NULL */
	int64_t		 denominator;		/* 0 when unknown */
	int64_t		 population;		/* 0 when unknown */
	uint32_t	 index;			/* position in the gazetteer */
	uint32_t	 nchildren;
	int16_t		 tile_col, tile_row;	/* its cell on a pack's tile map,
						   from 0 (region_layout.c) */
	uint8_t		 depth;			/* 0 for a country, at most 16 */
	uint8_t		 has_tile;		/* placed on that tile map */
	uint8_t		 denom_derived;		/* summed from the children */
	uint8_t		 home;			/* a country a pack lists itself
						   (gaz_in_packs()) */
};

struct gazetteer;				/* opaque */

/*
 * Load iso_3166-1.json and iso_3166-2.json from iso_dir, then every *.json
 * pack in packs_dir (NULL or "" for none), in name order.  On failure err
 * says which file and why.  Caller frees with gaz_free().
 */
enum od_err	 gaz_load(struct gazetteer **, const char *iso_dir,
		    const char *packs_dir, char *err, size_t errlen);
void		 gaz_free(struct gazetteer *);	/* NULL is fine */

size_t		 gaz_count(const struct gazetteer *);
const struct region *gaz_at(const struct gazetteer *, size_t index);

/*
 * The region's name in a language ("uk"), from the packs' "names"
 * objects; its display name (r->name) when the packs give none for that
 * language, or when lang or g is NULL.  Never NULL.
 */
#define GAZ_LANG_MAX	16	/* bytes of a language tag, with the NUL */
const char	*gaz_name(const struct gazetteer *, const struct region *,
		    const char *lang);

/*
 * A region pack's tile map (its top-level "layout": {"UA-12": [col, row]}),
 * region_layout.c: gaz_in_packs() is true for a region of a country a
 * pack lists; gaz_names_of() fills up to max (language, name) pairs from
 * the packs' "names" and returns how many.
 */
int		 gaz_in_packs(const struct gazetteer *, const struct region *);
size_t		 gaz_names_of(const struct gazetteer *, const struct region *,
		    const char **langs, const char **names, size_t max);

/* Exact id, case-insensitive ("ua-12" finds UA-12).  NULL when unknown. */
const struct region *gaz_by_id(const struct gazetteer *, const char *id);

/*
 * Resolve what a report calls a region: an id, a name or an alias, compared
 * case- and accent-insensitively.  Returns OD_OK with *out set, OD_ENOENT
 * (unknown: err offers the nearest names, "did you mean \"Kharkiv\"
 * (UA-63)?", or is empty) or OD_EINVAL (ambiguous: err names the
 * candidates).  A name that only iso-codes gives to a region of a country
 * no pack lists is ambiguous when packs list countries: it may as well be
 * a place in them that the gazetteer does not know ("Portland").
 */
enum od_err	 gaz_resolve(const struct gazetteer *, const char *name,
		    const struct region **out, char *err, size_t errlen);

/*
 * The nearest names to one the gazetteer does not know ("did you mean"):
 * up to max regions whose folded names are the fewest edits away
 * (Damerau-Levenshtein over code points: 1 edit for up to 4 letters, 2
 * up to 8, else 3; only names of about the same length are compared),
 * one name per region, highest rank first; never a name gaz_resolve()
 * refuses for lying outside the configured countries.  *examined (may be
 * NULL) is how many names were compared.  gaz_resolve() puts them in err for an
 * unknown name.
 */
#define GAZ_SUGGEST_MAX	3
struct gaz_suggestion {
	const char	*name;		/* as the pack or iso-codes writes it */
	const struct region *region;
	const struct region *others;	/* a second region of an ambiguous
					   name, else NULL */
	int		 rank;
	size_t		 distance;	/* edits */
};
size_t		 gaz_suggest(const struct gazetteer *, const char *name,
		    struct gaz_suggestion *out, size_t max, size_t *examined);

/* One place name found in running text by gaz_scan(). */
struct gaz_match {
	const struct region *region;	/* NULL when the name is ambiguous */
	size_t		 start;		/* byte offset in the text */
	size_t		 len;		/* bytes of the text that matched */
};

/*
 * Find region names in free text, longest match first and without overlap,
 * at word boundaries.  Fills up to max matches in text order; returns the
 * number found.
 */
size_t		 gaz_scan(const struct gazetteer *, const char *text,
		    size_t len, struct gaz_match *out, size_t max);

/* true when r is anc or lies below it. */
int		 region_within(const struct region *r, const struct region *anc);

/*
 * Fold a name for matching: lowercase, accents removed (Latin), apostrophes
 * dropped, any run of other punctuation or space made one space, trimmed.
 * Cyrillic is lowercased.  Writes at most outlen-1 bytes plus NUL and, when
 * map is not NULL, map[i] = byte offset in s of folded byte i.  Returns the
 * folded length.
 */
size_t		 region_fold(const char *s, size_t len, char *out,
		    size_t outlen, size_t *map);

#endif /* REGION_H */
