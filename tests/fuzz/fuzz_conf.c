/* SPDX-License-Identifier: MIT */
/*
 * fuzz_conf.c - libFuzzer harness for conf_load_string() and conf_dump()
 * (src/core/conf.c): the JSON parse, the option table, the cross-field rules
 * and the scanner that turns a semantic error into file:line:col.
 *
 * Checks besides the sanitizers: a refused config leaves a message that
 * starts with "fuzz.json:"; an accepted one dumps, and reloading it over
 * itself is allowed.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	char err[512], rerr[256];
	struct conf *c;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL) {
		perror("fuzz: /dev/null");
		abort();
	}
	memset(err, 0, sizeof(err));
	c = conf_load_string("fuzz.json", (const char *)data, size, err,
	    sizeof(err));
	if (c == NULL) {
		FUZZ_CHECK(memchr(err, '\0', sizeof(err)) != NULL);
		FUZZ_CHECK(strncmp(err, "fuzz.json:", 10) == 0);
		return 0;
	}
	conf_dump(c, devnull);
	FUZZ_CHECK(conf_check_reload(c, c, rerr, sizeof(rerr)) == OD_OK);
	conf_free(c);
	return 0;
}
