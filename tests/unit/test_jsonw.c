/* SPDX-License-Identifier: MIT */
/*
 * test_jsonw.c - jsonw_dumps writes exactly what json_dumps(j,
 * OD_JSON_COMPACT) writes: on chosen values (escapes, UTF-8, extreme
 * integers, reals that print as integers or with exponents) and on
 * 3,000 random trees.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonw.h"
#include "outaged.h"

#include "t.h"

/* Both dumps of j, compared (a bare scalar too); j is released. */
static int
same(json_t *j)
{
	char *a = json_dumps(j, OD_JSON_COMPACT | JSON_ENCODE_ANY);
	char *b = jsonw_dumps(j);
	int ok = a != NULL && b != NULL && strcmp(a, b) == 0;

	if (!ok)
		fprintf(stderr, "jansson: %s\njsonw:   %s\n", a ? a : "(null)",
		    b ? b : "(null)");
	free(a);
	free(b);
	json_decref(j);
	return ok;
}

static void
test_chosen(void)
{
	static const double reals[] = {
		0.0, -0.0, 0.5, 1.0, -1.0, 100.0, 46.1, 33.333333333333336,
		1e-7, 1.5e-300, 1e300, -2.5e22, 123456789012.0,
		1234567890123.0, 1e15, DBL_MAX, DBL_MIN, 99.99999999999,
	};
	static const json_int_t ints[] = {
		0, 1, -1, 9, 10, 600000, INT64_MAX, INT64_MIN, -1234567890,
	};

	CHECK(same(json_pack("{s:s,s:i,s:b,s:n,s:o}", "region", "UA-12",
	    "affected", 600000, "approximate", 1, "unit", "o",
	    json_pack("[f,s,{}]", 46.1, "x"))));
	CHECK(same(json_object()));
	CHECK(same(json_array()));
	CHECK(same(json_true()));
	CHECK(same(json_pack("[bn]", 0)));
	CHECK(same(json_pack("{s:[]}", "")));
	/* every control character, the escapes, slash, DEL and UTF-8 */
	{
		char s[64];
		size_t n = 0;

		for (int c = 1; c < 0x20; c++)
			s[n++] = (char)c;
		memcpy(s + n, "\"\\/\x7f", 4);
		n += 4;
		CHECK(same(json_pack("{s:s#}", "k\n\"", s, (int)n)));
	}
	CHECK(same(json_pack("[s,s]", "Дніпропетровська область",
	    "\xf0\x9f\x94\x8c plug")));
	CHECK(same(json_stringn("a\0b", 3)));
	for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++)
		CHECK(same(json_pack("[f]", reals[i])));
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		CHECK(same(json_pack("[I]", ints[i])));
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static json_t *
random_string(void)
{
	static const char *const pieces[] = {
		"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f",
		"\x7f", "é", "і", "€", "\xf0\x9f\x98\x80", "0", "{", ":",
	};
	char s[96];
	size_t n = 0, k = next() % 12;

	for (size_t i = 0; i < k; i++) {
		const char *p = pieces[next() % (sizeof(pieces) /
		    sizeof(pieces[0]))];

		memcpy(s + n, p, strlen(p));
		n += strlen(p);
	}
	return json_stringn(s, n);
}

static json_t *
random_value(int depth)
{
	switch (next() % (depth > 3 ? 6 : 8)) {
	case 0: return json_integer((json_int_t)next());
	case 1: return json_integer((json_int_t)(next() % 2000) - 1000);
	case 2: {
		double d;
		uint64_t bits;

		do {
			bits = next();
			memcpy(&d, &bits, sizeof(d));
		} while (!isfinite(d));
		return json_real(next() % 2 ? d : (double)(next() % 100000) /
		    (double)(1 + next() % 1000));
	}
	case 3: return random_string();
	case 4: return next() % 2 ? json_true() : json_false();
	case 5: return json_null();
	case 6: {
		json_t *a = json_array();
		size_t n = next() % 5;

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, random_value(depth + 1));
		return a;
	}
	default: {
		json_t *o = json_object();
		size_t n = next() % 6;

		for (size_t i = 0; i < n; i++) {
			json_t *k = random_string();

			json_object_set_new(o, json_string_value(k),
			    random_value(depth + 1));
			json_decref(k);
		}
		return o;
	}
	}
}

static void
test_random(void)
{
	int bad = 0;

	for (int i = 0; i < 3000; i++)
		if (!same(random_value(0)))
			bad++;
	CHECK_INT(bad, 0);
}

int
main(void)
{
	RUN(test_chosen);
	RUN(test_random);
	return T_DONE();
}
