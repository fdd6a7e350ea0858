/* SPDX-License-Identifier: MIT */
/* place_cands.h - extract_eval -c (tests/place_cands.c) */
#ifndef PLACE_CANDS_H
#define PLACE_CANDS_H

#include <stddef.h>

#include <jansson.h>

#include "extract.h"

/*
 * Print one JSON line per prediction of pred[0..np): its candidate places
 * with features and whether each agrees (match()) with the gold report
 * it matched (matched[k], an index of gold, or -1: then with any unused
 * gold report, gold_used[j] == 0, of the same utility and status).
 */
void	place_cands(const struct gazetteer *, const char *set,
	    const char *id, const char *text,
	    const struct extract_report *pred, size_t np, json_t *gold,
	    const int *matched, const int *gold_used,
	    int (*match)(const struct extract_report *, json_t *, json_t *));

#endif
