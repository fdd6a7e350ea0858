/* SPDX-License-Identifier: MIT */
/*
 * fuzz_common.h - what the libFuzzer harnesses share: the gazetteer,
 * loaded once on the first input and kept for the life of the process (a
 * static pointer keeps it reachable, so LeakSanitizer does not count it),
 * and a check that aborts with a message so that libFuzzer records the
 * input as a crash.
 *
 * The region packs are read from $OUTAGED_ROOT/config/regions when
 * OUTAGED_ROOT is set, else from config/regions under the current
 * directory (the top of the tree, where make runs the fuzzers).
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "region.h"

#define FUZZ_ISO_DIR	"/usr/share/iso-codes/json"

#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: fuzz check failed: %s\n",	\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

static inline const struct gazetteer *
fuzz_gazetteer(void)
{
	static struct gazetteer *g;
	char packs[4096], err[512];
	const char *root;

	if (g != NULL)
		return g;
	root = getenv("OUTAGED_ROOT");
	if (root != NULL && root[0] != '\0')
		snprintf(packs, sizeof(packs), "%s/config/regions", root);
	else
		snprintf(packs, sizeof(packs), "config/regions");
	err[0] = '\0';
	if (gaz_load(&g, FUZZ_ISO_DIR, packs, err, sizeof(err)) != OD_OK ||
	    g == NULL) {
		fprintf(stderr, "fuzz: cannot load the gazetteer (%s, %s): %s\n"
		    "fuzz: run from the top of the tree or set OUTAGED_ROOT\n",
		    FUZZ_ISO_DIR, packs, err);
		exit(2);
	}
	return g;
}

#endif /* FUZZ_COMMON_H */
