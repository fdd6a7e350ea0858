/* SPDX-License-Identifier: MIT */
/*
 * conf_int.h - what conf.c and its option table (conf_opts.c) share: the
 * kinds of option and the table's row.  Used only inside src/core/conf*.c.
 */
#ifndef CONF_INT_H
#define CONF_INT_H

#include <stddef.h>
#include <stdint.h>

enum opt_type {
	OPT_STR,	/* string */
	OPT_INT,	/* integer in [min, max] */
	OPT_BOOL,
	OPT_DURATION,	/* seconds: integer, or string "90s" "6h" "7d" */
	OPT_PERCENT,	/* number in [0, 100] */
	OPT_SEVERITY,	/* none|minor|major|critical */
	OPT_LOGLEVEL,	/* error|warn|info|debug */
	OPT_BROKER,	/* "host:port" */
	OPT_ARRAY,	/* any array, kept as JSON for its module */
	OPT_TOKENS,	/* bearer tokens: strings, or {token, sources} */
	OPT_SOURCES,	/* { "name": { "priority": N } } */
	OPT_FEEDS	/* [ { "url": ..., "name": ..., ... } ] */
};

struct opt {
	const char	*path;
	enum opt_type	 type;
	size_t		 off;
	int64_t		 min, max;
	int		 reloadable;
	const char	*help;
};

#define O(f)	offsetof(struct conf, f)
#define DAY	86400

/* Every option, in the order the documentation lists them. */
extern const struct opt opts[];
extern const size_t nopts;

#endif /* CONF_INT_H */
