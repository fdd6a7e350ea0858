/* SPDX-License-Identifier: MIT */
/*
 * extract_speed.c - the news extractor's throughput on one core, in MB/s
 * of text, with nothing else in the timed path.  Each FILE is read into
 * memory first: a .jsonl file gives one passage a line (its "text"), any
 * other file is one article.  Each passage or article is then given to
 * extract_reports() on its own, over and over until about SIZE_MB have
 * passed.  The baseline of the same run is one lowercasing pass over the
 * same texts (a floor: any extractor reads every byte at least once).
 * Medians of RUNS.  The last line is for scripts:
 * "summary MB/S BASELINE_MB/S TEXTS BYTES REPORTS_A_RUN".
 *   extract_speed [-m SIZE_MB] [-r RUNS] FILE...
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "extract.h"
#include "region.h"
#include "util.h"

#define MAXOUT	256

struct passage {
	char	*s;
	size_t	 len;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
add_text(struct passage **p, size_t *np, size_t *cap, const char *s,
    size_t len)
{
	if (len == 0)
		return;
	if (*np == *cap)
		*p = xreallocarray(*p, *cap = *cap ? *cap * 2 : 256, sizeof(**p));
	(*p)[*np].s = xmalloc(len + 1);
	memcpy((*p)[*np].s, s, len);
	(*p)[*np].s[len] = '\0';
	(*p)[*np].len = len;
	(*np)++;
}

/* Passages of a .jsonl file, or the whole file as one article. */
static int
load(const char *path, struct passage **p, size_t *np, size_t *cap)
{
	size_t n = strlen(path);

	if (n > 6 && strcmp(path + n - 6, ".jsonl") == 0) {
		FILE *f = fopen(path, "r");
		char *line = NULL;
		size_t lcap = 0;

		if (f == NULL)
			return -1;
		while (getline(&line, &lcap, f) > 0) {
			json_error_t e;
			json_t *j = json_loads(line, 0, &e);
			const char *t = json_string_value(json_object_get(j,
			    "text"));

			if (t != NULL)
				add_text(p, np, cap, t, strlen(t));
			json_decref(j);
		}
		free(line);
		fclose(f);
		return 0;
	} else {
		FILE *f = fopen(path, "r");
		char *buf;
		long size;

		if (f == NULL || fseek(f, 0, SEEK_END) != 0 ||
		    (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
			if (f != NULL)
				fclose(f);
			return -1;
		}
		buf = xmalloc((size_t)size + 1);
		if (fread(buf, 1, (size_t)size, f) != (size_t)size) {
			free(buf);
			fclose(f);
			return -1;
		}
		fclose(f);
		add_text(p, np, cap, buf, (size_t)size);
		free(buf);
		return 0;
	}
}

int
main(int argc, char **argv)
{
	struct gazetteer *g = NULL;
	struct passage *p = NULL;
	struct extract_report *out;
	char err[512], *lower, *end;
	size_t np = 0, pcap = 0, k, maxlen = 0, total = 0;
	double size_mb = 8, *te, *tb, t0, mb;
	int runs = 5, r, c;
	unsigned long sink = 0, reports = 0;

	while ((c = getopt(argc, argv, "m:r:")) != -1) {
		switch (c) {
		case 'm':
			size_mb = strtod(optarg, &end);
			if (*end != '\0' || size_mb <= 0)
				goto usage;
			break;
		case 'r':
			runs = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || runs < 1 || runs > 99)
				goto usage;
			break;
		default:
			goto usage;
		}
	}
	if (optind == argc)
		goto usage;
	for (; optind < argc; optind++)
		if (load(argv[optind], &p, &np, &pcap) != 0) {
			perror(argv[optind]);
			return 1;
		}
	if (np == 0) {
		fprintf(stderr, "extract_speed: no text\n");
		return 1;
	}
	for (k = 0; k < np; k++)
		if (p[k].len > maxlen)
			maxlen = p[k].len;
	if (gaz_load(&g, "/usr/share/iso-codes/json", "config/regions", err,
	    sizeof(err)) != OD_OK) {
		fprintf(stderr, "gaz_load: %s\n", err);
		return 1;
	}
	out = xreallocarray(NULL, MAXOUT, sizeof(*out));
	lower = xmalloc(maxlen + 1);
	te = xreallocarray(NULL, (size_t)runs, sizeof(double));
	tb = xreallocarray(NULL, (size_t)runs, sizeof(double));
	for (r = 0; r < runs; r++) {
		total = 0;
		reports = 0;
		t0 = now();
		for (k = 0; total < size_mb * 1e6; k = (k + 1) % np) {
			reports += extract_reports(g, p[k].s, p[k].len, out,
			    MAXOUT);
			total += p[k].len;
		}
		te[r] = now() - t0;
		total = 0;
		t0 = now();
		for (k = 0; total < size_mb * 1e6; k = (k + 1) % np) {
			for (size_t i = 0; i < p[k].len; i++)
				lower[i] = (char)tolower((unsigned char)p[k].s[i]);
			sink += (unsigned char)lower[p[k].len / 2];
			total += p[k].len;
		}
		tb[r] = now() - t0;
	}
	mb = (double)total / 1e6;
	{
		double e = median(te, (size_t)runs), b = median(tb, (size_t)runs);

		printf("  %.1f MB from %zu texts (%lu reports a run), medians "
		    "of %d:\n", mb, np, reports, runs);
		printf("    extract_reports      %7.3f s  %8.1f MB/s\n", e,
		    mb / e);
		printf("    lowercase baseline   %7.3f s  %8.1f MB/s\n", b,
		    mb / b);
		printf("    extractor / baseline: %.0fx the time%s\n", e / b,
		    sink == 1 ? " " : "");
		for (k = 0, total = 0; k < np; k++)
			total += p[k].len;
		printf("summary %.1f %.1f %zu %zu %lu\n", mb / e, mb / b, np,
		    total, reports);
	}
	for (k = 0; k < np; k++)
		free(p[k].s);
	free(p);
	free(out);
	free(lower);
	free(te);
	free(tb);
	gaz_free(g);
	return 0;
usage:
	fprintf(stderr, "usage: extract_speed [-m SIZE_MB] [-r RUNS] FILE...\n");
	return 2;
}
