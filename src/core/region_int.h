/* SPDX-License-Identifier: MIT */
/*
 * region_int.h - the gazetteer's insides, shared by region.c (loading,
 * lookups, scanning) and region_names.c (folding, "did you mean").
 */
#ifndef REGION_INT_H
#define REGION_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "region.h"

#define NAME_MAX_BYTES	256	/* folded name limit */
#define SCAN_MAX_WORDS	6	/* longest alias tried in running text */

/*
 * A word of region_fold_words()' output: its bytes out[start, end) (words
 * are separated by one space), and where in the source its first and
 * its last folded byte come from (what region_fold()'s map gives for
 * out[start] and out[end - 1]), and its hash.
 */
struct fold_word {
	size_t		 start, end;
	size_t		 src, src_last;
	uint32_t	 hash;		/* fnv1a() of its bytes */
};

/*
 * region_fold() without a map, listing its words in w (the first maxw:
 * *nw says how many there were).  The same output as region_fold().
 */
size_t	region_fold_words(const char *s, size_t len, char *out,
	    size_t outlen, struct fold_word *w, size_t maxw, size_t *nw);

enum name_rank {
	/* iso-codes names of a country that no pack lists, when packs list
	   some: below every name of the configured countries */
	RANK_FOREIGN_DERIVED = -3,
	RANK_FOREIGN_SUBDIVISION = -2,
	RANK_DERIVED = -1,	/* a 3166-2 name's plain form: "Nairobi" */
	RANK_SUBDIVISION = 0,	/* iso-codes 3166-2 name */
	RANK_COUNTRY = 1,	/* iso-codes 3166-1 name */
	RANK_PACK_NAME = 2,	/* display name of a place a pack adds */
	RANK_PACK_ALIAS = 3	/* alias listed in a pack: the pack's word */
};

#define MAX_CANDIDATES	8	/* named in an "ambiguous" error */
#define MAX_HOME	32	/* configured countries */
/* "did you mean": names within this many edits, by the query's length */
#define SUGGEST_MAX_LEN	64	/* longer queries get no suggestion */

/* 24 bytes, not 64: there are some 12,000 */
struct name_entry {
	uint32_t	 key;		/* folded: name_key() */
	uint32_t	 orig;		/* as the iso-codes or the pack wrote it:
					   name_orig() */
	uint32_t	 region;	/* index in regions: name_region() */
	uint32_t	 others;	/* further candidates, name_other(): in
					   others[others - 1], nothers of
					   them; ambiguous when nothers > 0 */
	uint32_t	 hash;		/* fnv1a() of key */
	uint16_t	 ncp;		/* code points in key, < NAME_MAX_BYTES */
	uint8_t		 nothers;	/* < MAX_CANDIDATES */
	int8_t		 rank;		/* enum name_rank */
};

struct gazetteer {
	struct region	*regions;	/* owned, nregions */
	size_t		 nregions, capregions;
	struct region	**by_id;	/* sorted by id, case-insensitive */
	struct name_entry *names;
	size_t		 nnames, capnames;
	struct region	***others;	/* the ambiguous names' candidates */
	size_t		 nothers, capothers;
	/*
	 * names[] indexes ordered by ncp; by_len_at[L] is the first with
	 * ncp >= L: a suggestion compares only names of about the length
	 * of the unknown one.  Made on the first gaz_suggest().
	 */
	uint32_t	*by_len;
	size_t		 by_len_at[NAME_MAX_BYTES + 2];
	char		 home[MAX_HOME][3];	/* countries a pack lists */
	size_t		 nhome;
	struct first_word {
		char		*word;
		uint32_t	 hash;
		uint8_t		 alone;		/* a name is this word alone */
		size_t		 max_words;	/* of the longest name it begins,
						   at most SCAN_MAX_WORDS */
	}		*first_words;	/* words that begin a name: made with
					   first_slots and first_bits on the
					   first gaz_scan() */
	size_t		 nfirst;
	/*
	 * Open-addressing hash indexes (slot = index + 1, 0 empty; size a
	 * power of two over twice the entries): running text looks up every
	 * word, and a probe or two beats a binary search of strcmps.
	 */
	uint32_t	*name_slots, *first_slots;
	size_t		 name_mask, first_mask;
	/*
	 * A bit for each first word's hash (first_bit()), in a few
	 * kilobytes that stay in cache: most words of running text begin no
	 * name, and the bit says so without a probe of first_slots.
	 */
	uint64_t	*first_bits;
	size_t		 first_bits_mask;
	/*
	 * The same for the first two words of a name, its first three, ...
	 * up to SCAN_MAX_WORDS: gaz_scan() carries a span on only while a
	 * name may begin with it.
	 */
	uint64_t	*span_bits;
	size_t		 span_bits_mask;
	/*
	 * Names in other languages from the packs' "names" objects, sorted
	 * by (region index, lang) once loaded; gaz_name() searches them.
	 */
	struct lang_name {
		size_t		 region;	/* index in regions */
		char		 lang[GAZ_LANG_MAX];
		char		*name;
	}		*lnames;
	size_t		 nlnames, caplnames;
	/*
	 * The names' and words' text, packed end to end in blocks (region_
	 * pool.c): some 31,000 strings, which one malloc each padded to 32
	 * bytes and more; freed only with the gazetteer.
	 */
	struct str_block {
		struct str_block *next;
		size_t		 used, size;
		char		 text[];
	}		*pool;
	/*
	 * While loading: every pool string once, by content (region_pool.c),
	 * in an open-addressing table whose slot holds (block << 16 |
	 * offset) + 1, the block counted in `blocks`, oldest first;
	 * region_pool_end() frees the table once loaded; `blocks` stays
	 * for the names' references (region_pool_ref()).
	 */
	uint32_t	*intern;
	size_t		 intern_mask, nintern;
	struct str_block **blocks;
	size_t		 nblocks, capblocks;
	/* made on first use (region_ready()), under lazy_lock */
	struct gazetteer *self;		/* this, to write what is made */
	pthread_mutex_t	 lazy_lock;
	atomic_int	 scan_built;	/* first_words, first_slots, first_bits,
					   span_bits */
	atomic_int	 suggest_built;	/* by_len, by_len_at, names' ncp */
	struct region	**child_ptrs;	/* every region's children, one array */
	/* the denominators' citations, each once (a pack cites a few
	   sources for hundreds of regions); their text is in the pool */
	const char	**cites;
	size_t		 ncites, capcites;
	/* each region's parent id ("" for a country) until finalize() links
	   them: 64 bytes a region that the loaded gazetteer does not keep */
	char		(*parent_ids)[OD_REGION_ID_MAX];
	size_t		 capparent_ids;
	/* tile places from the packs' "layout", until finalize() sets them */
	struct pending_tile {
		char		 id[OD_REGION_ID_MAX];
		int		 col, row;
		char		*pack;
	}		*tiles;
	size_t		 ntiles, captiles;
};

/* region_layout.c: a pack's "layout", kept until finalize() places it */
struct json_t;
enum od_err region_pack_layout(struct gazetteer *, struct json_t *root,
	    const char *path, char *err, size_t errlen);
enum od_err region_layout_place(struct gazetteer *, char *err,
	    size_t errlen);
void	 region_layout_free(struct gazetteer *);
int	 region_is_home(const struct gazetteer *, const struct region *);

/*
 * region_pool.c: a copy of s[0..n) (of s) in the gazetteer's string pool,
 * between region_pool_begin() and region_pool_end() the copy made before
 * when there is one; region_pool_free() frees the pool.
 */
void	 region_pool_begin(struct gazetteer *);
char	*region_pool_strndup(struct gazetteer *, const char *, size_t);
char	*region_pool_strdup(struct gazetteer *, const char *);
void	 region_pool_end(struct gazetteer *);
/* Where pool string p (made while loading) is: block << 16 | offset. */
uint32_t region_pool_ref(const struct gazetteer *, const char *p);
void	 region_pool_free(struct gazetteer *);

/*
 * What the gazetteer makes on first use, once, whichever thread asks
 * first: gaz_scan()'s indexes of first words, gaz_suggest()'s names by
 * length.  A daemon that reads no news and gets no unknown name never
 * makes them.
 */
enum region_lazy { LAZY_SCAN, LAZY_SUGGEST };
void	 region_ready(const struct gazetteer *, enum region_lazy);

/* region_names.c */
size_t	 region_utf8_decode(const unsigned char *, size_t, unsigned *);
size_t	 region_to_cps(const char *, uint32_t *, size_t);
void	 region_suggest_index(struct gazetteer *);
void	 region_suggest_into(const struct gazetteer *, const char *, char *,
	    size_t);

/* region.c: a name of the region at index, at a rank */
void	 region_add_name(struct gazetteer *, const char *, size_t, int);
/* region_forms.c: the plain forms of an iso-codes name, at RANK_DERIVED */
void	 region_plain_names(struct gazetteer *, const char *, size_t);

/* region_json.c: each element of the array under key in path's top
   object, decoded alone and freed after fn (iso_3166-2.json's size) */
typedef void region_json_fn(struct json_t *, void *);
enum od_err region_json_each(const char *path, const char *key,
	    region_json_fn *, void *, char *err, size_t errlen);

/* region_forms.c: Ukrainian and Russian forms of a pack's names */
void	 region_add_forms(struct gazetteer *, const char *, size_t);
void	 region_add_lang_name(struct gazetteer *, const char *, size_t);

/* A name's region, and the i-th of its further candidates. */
static inline struct region *
name_region(const struct gazetteer *g, const struct name_entry *n)
{
	return &g->regions[n->region];
}

static inline struct region *
name_other(const struct gazetteer *g, const struct name_entry *n, size_t i)
{
	return g->others[n->others - 1][i];
}

/* A name's texts, from their pool references. */
static inline char *
name_key(const struct gazetteer *g, const struct name_entry *n)
{
	return g->blocks[n->key >> 16]->text + (n->key & 0xffff);
}

static inline char *
name_orig(const struct gazetteer *g, const struct name_entry *n)
{
	return g->blocks[n->orig >> 16]->text + (n->orig & 0xffff);
}

/*
 * Open-addressing tables of uint32_t slots (slot = index + 1, 0 empty;
 * size mask + 1 a power of two): index into the first free slot from
 * hash h's (region.c's name and word indexes, region_pool.c's interned
 * texts).
 */
static inline void
slot_insert(uint32_t *slots, size_t mask, uint32_t h, size_t index)
{
	size_t k = h & mask;

	while (slots[k] != 0)
		k = (k + 1) & mask;
	slots[k] = (uint32_t)(index + 1);
}

#endif /* REGION_INT_H */
