/* SPDX-License-Identifier: MIT */
/*
 * t.h - a minimal unit test harness.  Each test is a function; CHECK*
 * record failures with file:line and go on.  Output, read by tests/run.sh:
 *   PASS name | FAIL name     one line per test
 *   # N passed, M failed      last line; exit status 1 when M > 0
 */
#ifndef T_H
#define T_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int t_failed_checks, t_pass, t_fail;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
		t_failed_checks++;					\
	}								\
} while (0)

#define CHECK_INT(a, b) do {						\
	long long t_a_ = (long long)(a), t_b_ = (long long)(b);		\
	if (t_a_ != t_b_) {						\
		fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n",\
		    __FILE__, __LINE__, #a, t_a_, #b, t_b_);		\
		t_failed_checks++;					\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *t_a_ = (a), *t_b_ = (b);				\
	if (t_a_ == NULL || t_b_ == NULL || strcmp(t_a_, t_b_) != 0) {	\
		fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n",\
		    __FILE__, __LINE__, #a, t_a_ ? t_a_ : "(null)",	\
		    t_b_ ? t_b_ : "(null)");				\
		t_failed_checks++;					\
	}								\
} while (0)

#define CHECK_NEAR(a, b, eps) do {					\
	double t_a_ = (a), t_b_ = (b);					\
	if (t_a_ < t_b_ - (eps) || t_a_ > t_b_ + (eps)) {		\
		fprintf(stderr, "%s:%d: %s == %g, expected %g +- %g\n",	\
		    __FILE__, __LINE__, #a, t_a_, t_b_, (double)(eps));	\
		t_failed_checks++;					\
	}								\
} while (0)

static void
t_run(const char *name, void (*fn)(void))
{
	int before = t_failed_checks;

	fn();
	if (t_failed_checks == before) {
		printf("PASS %s\n", name);
		t_pass++;
	} else {
		printf("FAIL %s\n", name);
		t_fail++;
	}
	fflush(stdout);
}

#define RUN(fn)		t_run(#fn, fn)

/*
 * The real gazetteer (iso-codes plus config/regions; tests run from the
 * top of the tree), for tests that include region.h first.  On failure it
 * prints a FAIL line and the summary, so the suite counts it, and returns
 * NULL.
 */
#ifdef REGION_H
static struct gazetteer *
t_gazetteer(void)
{
	struct gazetteer *g;
	char err[512];

	if (gaz_load(&g, "/usr/share/iso-codes/json", "config/regions", err,
	    sizeof(err)) != OD_OK) {
		printf("FAIL gaz_load\n# 0 passed, 1 failed\n");
		fprintf(stderr, "gaz_load: %s\n", err);
		return NULL;
	}
	return g;
}
#endif
#define T_DONE()	(printf("# %d passed, %d failed\n", t_pass, t_fail), \
			    t_fail ? 1 : 0)

#endif /* T_H */
