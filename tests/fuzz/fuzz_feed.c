/* SPDX-License-Identifier: MIT */
/*
 * fuzz_feed.c - libFuzzer harness for feed_parse() and
 * feed_html_to_text() (src/news/feed.c): any bytes as an RSS/Atom document.
 * Checks: a parse that fails leaves no items; items never exceed the cap,
 * always have an id and NUL-terminated fields no longer than the field cap
 * allows; HTML to text of any bytes terminates and never grows past the
 * input plus the bytes that entities may add.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed_doc d;
	char err[256];
	char *text;

	if (feed_parse((const char *)data, size, &d, err, sizeof(err)) ==
	    OD_OK) {
		FUZZ_CHECK(d.nitems <= FEED_MAX_ITEMS);
		for (size_t i = 0; i < d.nitems; i++) {
			FUZZ_CHECK(d.items[i].id != NULL);
			FUZZ_CHECK(d.items[i].title != NULL &&
			    strlen(d.items[i].title) <= 4 * FEED_MAX_FIELD);
			FUZZ_CHECK(d.items[i].text != NULL &&
			    strlen(d.items[i].text) <= 4 * FEED_MAX_FIELD);
			FUZZ_CHECK(d.items[i].link != NULL);
		}
		feed_doc_free(&d);
	} else {
		FUZZ_CHECK(d.nitems == 0 && d.items == NULL);
		FUZZ_CHECK(memchr(err, '\0', sizeof(err)) != NULL);
	}
	text = feed_html_to_text((const char *)data, size);
	/* an entity of k bytes decodes to at most 4; "&#1;" to 3 */
	FUZZ_CHECK(strlen(text) <= size * 3 + 1);
	free(text);
	return 0;
}
