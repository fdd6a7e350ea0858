/* SPDX-License-Identifier: MIT */
/*
 * jsonw.h - what we publish, dumped faster than jansson does.
 *
 * jsonw_dumps(j) returns the same text as json_dumps(j, OD_JSON_COMPACT)
 * (tests/unit/test_jsonw.c compares them): members in jansson's order,
 * no white space, strings escaped as jansson escapes them, integers in
 * decimal, reals with 12 significant digits.  It writes into one buffer
 * without jansson's callback per token and printf per number, which made
 * the statuses of a pass the larger part of its CPU after the commit.
 */
#ifndef JSONW_H
#define JSONW_H

#include <jansson.h>

/* The caller frees the text; NULL for a value jansson would refuse too. */
char	*jsonw_dumps(json_t *);

#endif /* JSONW_H */
