/* SPDX-License-Identifier: MIT */
/*
 * fuzz_extract.c - libFuzzer harness for the news extractor
 * (src/extract/): any bytes as article text.  Checks: every report's
 * sentence lies inside the text, counts are -1 or non-negative, the
 * confidence is within [0, 1], strings are NUL-terminated, and the JSON
 * encoder accepts every report; extract_number never consumes more than
 * it was given.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract.h"

#include "fuzz_common.h"

#define MAX_REPORTS	32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct extract_report out[MAX_REPORTS];
	const struct gazetteer *g = fuzz_gazetteer();
	char *text = malloc(size + 1);
	size_t n, used;
	int64_t v;
	int approx;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	n = extract_reports(g, text, size, out, MAX_REPORTS);
	FUZZ_CHECK(n <= MAX_REPORTS);
	for (size_t i = 0; i < n; i++) {
		json_t *j;

		FUZZ_CHECK(out[i].sentence_start <= size);
		FUZZ_CHECK(out[i].sentence_len <= size - out[i].sentence_start);
		FUZZ_CHECK(out[i].affected >= -1);
		FUZZ_CHECK(out[i].confidence >= 0.0 && out[i].confidence <= 1.0);
		FUZZ_CHECK(memchr(out[i].mention, '\0',
		    sizeof(out[i].mention)) != NULL);
		FUZZ_CHECK(memchr(out[i].count_text, '\0',
		    sizeof(out[i].count_text)) != NULL);
		j = extract_report_json(&out[i], text);
		FUZZ_CHECK(j != NULL);
		json_decref(j);
	}
	used = extract_number(text, size, &v, &approx);
	FUZZ_CHECK(used <= size);
	free(text);
	return 0;
}
