/* SPDX-License-Identifier: MIT */
/*
 * region_pool.c - the gazetteer's string pool (region_int.h): the text of
 * its ids, names, types and words, packed end to end in blocks and freed
 * only with it.  While it loads, each text is kept once: a region's type,
 * its name and the same name in the names index, a folded name that
 * several places share, a word that is also a whole name recur (some
 * 55,000 copies of 31,000 texts in iso-codes and the packs, 820 kB that
 * are 480 kB kept once).
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"
#include "util.h"
#include "region_int.h"

#define POOL_BLOCK	(64 * 1024 - 64)	/* stays inside malloc's heap */

/* A new block of the pool with room for n bytes. */
static struct str_block *
pool_block(struct gazetteer *g, size_t n)
{
	size_t size = n > POOL_BLOCK ? n : POOL_BLOCK;
	struct str_block *b = xmalloc(sizeof(*b) + size);

	b->next = g->pool;
	b->used = 0;
	b->size = size;
	g->pool = b;
	if (g->intern != NULL) {
		ARRAY_GROW(g->blocks, g->nblocks, g->capblocks, 32);
		g->blocks[g->nblocks++] = b;
	}
	return b;
}

/* The pool string an intern slot's value names. */
static char *
intern_at(const struct gazetteer *g, uint32_t v)
{
	v--;
	return g->blocks[v >> 16]->text + (v & 0xffff);
}

/* A table of size slots (a power of two), all empty. */
static void
intern_table(struct gazetteer *g, size_t size)
{
	g->intern = xcalloc(size, sizeof(*g->intern));
	g->intern_mask = size - 1;
}

/* Place an interned string's slot value in g->intern. */
static void
intern_insert(struct gazetteer *g, uint32_t v)
{
	const char *p = intern_at(g, v);

	slot_insert(g->intern, g->intern_mask, fnv1a(p, strlen(p)), v - 1);
}

void
region_pool_begin(struct gazetteer *g)
{
	intern_table(g, 4096);
}

char *
region_pool_strndup(struct gazetteer *g, const char *s, size_t n)
{
	struct str_block *b = g->pool;
	size_t k = 0;
	char *p;

	if (g->intern != NULL) {
		uint32_t v;

		k = fnv1a(s, n) & g->intern_mask;
		while ((v = g->intern[k]) != 0) {
			p = intern_at(g, v);
			if (strncmp(p, s, n) == 0 && p[n] == '\0')
				return p;
			k = (k + 1) & g->intern_mask;
		}
	}
	if (b == NULL || b->size - b->used < n + 1)
		b = pool_block(g, n + 1);
	p = b->text + b->used;
	memcpy(p, s, n);
	p[n] = '\0';
	/* a slot value holds the block's number and the offset in it */
	if (g->intern != NULL && b->used <= 0xffff && g->nblocks <= 0xffff) {
		g->intern[k] = (uint32_t)((g->nblocks - 1) << 16 | b->used) + 1;
		/* at most half full */
		if (++g->nintern * 2 > g->intern_mask) {
			uint32_t *old = g->intern;
			size_t oldmask = g->intern_mask;

			intern_table(g, 2 * (oldmask + 1));
			for (size_t i = 0; i <= oldmask; i++)
				if (old[i] != 0)
					intern_insert(g, old[i]);
			free(old);
		}
	}
	b->used += n + 1;
	return p;
}

char *
region_pool_strdup(struct gazetteer *g, const char *s)
{
	return region_pool_strndup(g, s, strlen(s));
}

uint32_t
region_pool_ref(const struct gazetteer *g, const char *p)
{
	for (size_t i = g->nblocks; i-- > 0;) {
		const struct str_block *b = g->blocks[i];

		if (p >= b->text && p < b->text + b->used &&
		    (size_t)(p - b->text) <= 0xffff && i <= 0xffff)
			return (uint32_t)(i << 16 | (size_t)(p - b->text));
	}
	fatalx("region pool: no reference for a string");
}

void
region_pool_end(struct gazetteer *g)
{
	free(g->intern);
	g->intern = NULL;
	g->intern_mask = g->nintern = 0;
}

void
region_pool_free(struct gazetteer *g)
{
	region_pool_end(g);
	free(g->blocks);
	g->blocks = NULL;
	g->nblocks = g->capblocks = 0;
	while (g->pool != NULL) {
		struct str_block *b = g->pool;

		g->pool = b->next;
		free(b);
	}
}
