/* SPDX-License-Identifier: MIT */
/*
 * report_int.h - what report.c and report_flat.c share: a flat JSON
 * object read without jansson.  Used only inside src/core/report*.c.
 */
#ifndef REPORT_INT_H
#define REPORT_INT_H

#include <stddef.h>
#include <stdint.h>

/* A member's value as validate_one() reads it, from either parser. */
enum fv_type {
	FV_ABSENT, FV_NULL, FV_STRING, FV_INTEGER, FV_REAL, FV_TRUE,
	FV_FALSE, FV_OTHER		/* an object or an array */
};

struct fval {
	enum fv_type	 t;
	const char	*s;	/* FV_STRING: NUL-terminated, len bytes */
	size_t		 len;
	int64_t		 i;	/* FV_INTEGER */
	double		 d;	/* FV_INTEGER, FV_REAL */
};

#define FLAT_FIELDS	24	/* members at most */
#define FLAT_BYTES	2048	/* names and strings, NULs included */

struct flat {
	size_t		 n;
	uint64_t	 names;		/* name_bit() of each name (report_flat.c) */
	struct {
		const char	*name;
		struct fval	 v;
	}		 f[FLAT_FIELDS];
	size_t		 used;
	char		 buf[FLAT_BYTES];
};

/*
 * Read buf (len bytes) as one JSON object whose members are strings of
 * printable ASCII without escapes, integers of at most 18 digits, true,
 * false or null, names unique, nothing but white space around it: 0.
 * Anything else (arrays, nesting, reals, escapes, other bytes, more than
 * FLAT_FIELDS members or FLAT_BYTES of text, any error): -1, and the
 * caller asks jansson, which decides the same on every input that this
 * accepts.
 */
int	flat_parse(const char *buf, size_t len, struct flat *out);
/* The member name's value, FV_ABSENT when there is none. */
void	flat_get(const struct flat *, const char *name, struct fval *out);

/* 0: report_parse() hands every payload to jansson (the tests compare). */
void	report_flat_enable(int on);

#endif /* REPORT_INT_H */
