/* SPDX-License-Identifier: MIT */
/*
 * feed.h - RSS 2.0 and Atom documents to plain-text items (pure, fuzzed).
 * expat parses the document as a stream; a DOCTYPE is refused outright, so
 * no entity can be declared (billion laughs) or fetched (XXE).  Item text
 * has its HTML stripped and entities decoded: it is data, never markup.
 */
#ifndef FEED_H
#define FEED_H

#include <stddef.h>
#include <stdint.h>

#include "outaged.h"

#define FEED_MAX_ITEMS		500		/* items kept per document */
#define FEED_MAX_FIELD		(64 * 1024)	/* bytes of one field */
#define FEED_MAX_DEPTH		32		/* element nesting */

struct feed_item {
	char		*id;		/* guid, id or link; never NULL */
	char		*title;		/* plain text, "" when absent */
	char		*text;		/* description/summary/content, plain */
	char		*link;		/* "" when absent */
	int64_t		 published;	/* ms since the epoch; 0 unknown */
};

struct feed_doc {
	char		 kind[8];	/* "rss" or "atom" */
	struct feed_item *items;
	size_t		 nitems;
};

/*
 * Parse a feed.  OD_OK with out filled (caller frees with feed_doc_free),
 * or OD_EPARSE with err saying why (line and column for XML errors).
 */
enum od_err	 feed_parse(const char *buf, size_t len, struct feed_doc *out,
		    char *err, size_t errlen);
void		 feed_doc_free(struct feed_doc *);

/*
 * HTML (or text with entities) to plain text: tags dropped, block tags
 * become line breaks, script/style dropped, entities decoded, runs of
 * space collapsed.  Caller frees.
 */
char		*feed_html_to_text(const char *html, size_t len);

/* RFC 822 (RSS pubDate) or RFC 3339 (Atom) time to ms; 0 when not parsed. */
int64_t		 feed_parse_time(const char *);

/*
 * Loads libexpat and libseccomp now (libs_lazy.c: outaged loads them on
 * first use): the feed child, before its seccomp filter.
 */
void		 feed_libs_load(void);

#endif /* FEED_H */
