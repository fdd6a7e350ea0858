/* SPDX-License-Identifier: MIT */
/*
 * fuzz_region.c - libFuzzer harness for region_fold() and gaz_scan()
 * (src/core/region.c) over arbitrary bytes: invalid and overlong UTF-8,
 * combining marks, apostrophes, Cyrillic, Latin letters that fold to two
 * ASCII letters.
 *
 * Output buffers are heap blocks of the exact size passed, so that
 * AddressSanitizer sees a write one past them.  Checks (abort on
 * violation): region_fold writes at most outlen-1 bytes plus NUL, its map
 * points inside the input and never goes back, a small buffer gets a prefix
 * of what a large one gets, the result is trimmed with single spaces and
 * folding it again changes nothing; every gaz_scan match lies inside the
 * text (start + len <= size), is not empty, and matches come in text order
 * without overlap.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "region.h"

#include "fuzz_common.h"

#define SMALL_OUT	8
#define MAX_MATCHES	16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Fold into exactly outlen bytes (map: outlen entries, or none). */
static size_t
fold_checked(const char *s, size_t len, char *out, size_t outlen,
    size_t *map)
{
	size_t n = region_fold(s, len, out, outlen, map);

	FUZZ_CHECK(outlen == 0 ? n == 0 : n < outlen);
	if (outlen == 0)
		return 0;
	FUZZ_CHECK(out[n] == '\0');
	FUZZ_CHECK(strlen(out) == n);
	for (size_t i = 0; map != NULL && i < n; i++) {
		FUZZ_CHECK(map[i] < len);
		FUZZ_CHECK(i == 0 || map[i] >= map[i - 1]);
	}
	return n;
}

static void
fuzz_fold(const char *s, size_t size)
{
	size_t biglen = size * 2 + 1, nbig, nsmall, nagain;
	char *big = malloc(biglen), *small = malloc(SMALL_OUT), *again;
	size_t *map = malloc(biglen * sizeof(*map));
	size_t *smap = malloc(SMALL_OUT * sizeof(*smap));
	char one;

	FUZZ_CHECK(big && small && map && smap);
	nbig = fold_checked(s, size, big, biglen, map);
	nsmall = fold_checked(s, size, small, SMALL_OUT, smap);
	FUZZ_CHECK(nsmall <= nbig && memcmp(small, big, nsmall) == 0);
	FUZZ_CHECK(memcmp(smap, map, nsmall * sizeof(*map)) == 0);
	FUZZ_CHECK(fold_checked(s, size, small, SMALL_OUT, NULL) == nsmall);
	FUZZ_CHECK(fold_checked(s, size, &one, 1, NULL) == 0);
	FUZZ_CHECK(region_fold(s, size, NULL, 0, NULL) == 0);

	/* trimmed, single spaces */
	FUZZ_CHECK(nbig == 0 || (big[0] != ' ' && big[nbig - 1] != ' '));
	FUZZ_CHECK(strstr(big, "  ") == NULL);

	/* folding is idempotent */
	again = malloc(nbig * 2 + 1);
	FUZZ_CHECK(again != NULL);
	nagain = fold_checked(big, nbig, again, nbig * 2 + 1, NULL);
	FUZZ_CHECK(nagain == nbig && memcmp(again, big, nbig) == 0);

	free(again);
	free(big);
	free(small);
	free(map);
	free(smap);
}

static void
fuzz_scan(const struct gazetteer *g, const char *s, size_t size)
{
	struct gaz_match *m = malloc(MAX_MATCHES * sizeof(*m));
	struct gaz_match *first = malloc(sizeof(*first));
	size_t n, n1;

	FUZZ_CHECK(m && first);
	n = gaz_scan(g, s, size, m, MAX_MATCHES);
	FUZZ_CHECK(n <= MAX_MATCHES);
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(m[i].start <= size);
		FUZZ_CHECK(m[i].len <= size - m[i].start); /* start+len <= size */
		FUZZ_CHECK(m[i].len > 0);
		FUZZ_CHECK(i == 0 || m[i].start >= m[i - 1].start + m[i - 1].len);
	}
	/* a cap of one keeps the first match */
	n1 = gaz_scan(g, s, size, first, 1);
	FUZZ_CHECK(n1 == (n > 0));
	FUZZ_CHECK(n1 == 0 || (first->start == m[0].start &&
	    first->len == m[0].len && first->region == m[0].region));
	FUZZ_CHECK(gaz_scan(g, s, size, NULL, 0) == 0);
	free(m);
	free(first);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct gazetteer *g = fuzz_gazetteer();
	const char *s = (const char *)data;

	fuzz_fold(s, size);
	fuzz_scan(g, s, size);
	return 0;
}
