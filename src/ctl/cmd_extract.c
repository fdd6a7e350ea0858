/* SPDX-License-Identifier: MIT */
/*
 * cmd_extract.c - outagectl extract FILE|-: news text to reports, locally,
 * storing nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "extract.h"
#include "region.h"
#include "util.h"
#include "ctl.h"

#define EXTRACT_FILE_MAX	(16 * 1024 * 1024)	/* bytes of input */
#define EXTRACT_REPORTS_MAX	256

/* Read all of path ("-": stdin), at most EXTRACT_FILE_MAX bytes. */
static char *
read_all(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	struct buf b;
	char chunk[65536];
	size_t got;

	if (f == NULL)
		return NULL;
	buf_init(&b, EXTRACT_FILE_MAX);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, got) == -1)
			break;
	if (f != stdin)
		fclose(f);
	if (b.overflow) {
		buf_free(&b);
		errno = EFBIG;
		return NULL;
	}
	*len = b.len;
	return buf_steal(&b);
}

/* The gazetteer: --regions, $OUTAGED_REGIONS, ./config/regions, installed. */
static struct gazetteer *
load_regions(const struct opts *o)
{
	const char *dir = o->regions ? o->regions : getenv("OUTAGED_REGIONS");
	struct gazetteer *g;
	char err[512];

	if (dir == NULL || dir[0] == '\0')
		dir = access("config/regions", R_OK) == 0 ? "config/regions" :
		    OD_DEFAULT_SHAREDIR "/regions";
	if (gaz_load(&g, "/usr/share/iso-codes/json", dir, err, sizeof(err)) !=
	    OD_OK) {
		fprintf(stderr, "outagectl: regions: %s (give the region packs "
		    "with --regions DIR, e.g. config/regions in a checkout)\n",
		    err);
		return NULL;
	}
	return g;
}

static json_t *
extract_json(const struct gazetteer *g, const char *text, size_t len)
{
	/* one buffer for every passage: 256 reports are ~130 KB to clear */
	static struct extract_report ex[EXTRACT_REPORTS_MAX];
	size_t n = extract_reports(g, text, len, ex, EXTRACT_REPORTS_MAX);
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, extract_report_json(&ex[i], text));
	return a;
}

int
cmd_extract(struct backend *b, const struct opts *o, char **args, int nargs)
{
	struct gazetteer *g;
	char *buf, *line, *save = NULL;
	size_t len;
	int rc = CTL_OK;

	(void)b;
	(void)nargs;
	if ((buf = read_all(args[0], &len)) == NULL) {
		fprintf(stderr, "outagectl: %s: %s\n", args[0], strerror(errno));
		return CTL_NODATA;
	}
	if ((g = load_regions(o)) == NULL) {
		free(buf);
		return CTL_UNAVAIL;
	}
	if (!(o->seen & O_JSONL)) {
		json_print(extract_json(g, buf, len));
		gaz_free(g);
		free(buf);
		return CTL_OK;
	}
	/* --jsonl: {"id","text"} lines in, {"id","reports"} lines out */
	for (line = strtok_r(buf, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		json_error_t jerr;
		json_t *in = json_loads(line, 0, &jerr), *out;
		const char *text = json_string_value(json_object_get(in,
		    "text"));
		char *s;

		if (text == NULL) {
			fprintf(stderr, "outagectl: %s: a line is not "
			    "{\"id\", \"text\"}%s%s\n", args[0],
			    in ? "" : ": ", in ? "" : jerr.text);
			json_decref(in);
			rc = CTL_USAGE;
			continue;
		}
		out = json_pack("{s:O?,s:o}", "id", json_object_get(in, "id"),
		    "reports", extract_json(g, text, strlen(text)));
		s = json_dumps(out, JSON_COMPACT | JSON_REAL_PRECISION(4));
		if (s != NULL)
			puts(s);
		free(s);
		json_decref(out);
		json_decref(in);
	}
	gaz_free(g);
	free(buf);
	return rc;
}
