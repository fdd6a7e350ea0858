/* SPDX-License-Identifier: MIT */
/*
 * test_buf.c - the growable buffer and the array growth rule.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#include "t.h"

static void
test_buf_appends(void)
{
	struct buf b;
	char *s;

	buf_init(&b, BUF_UNBOUNDED);
	CHECK_STR(buf_str(&b), "");
	CHECK_INT(buf_adds(&b, "power"), 0);
	CHECK_INT(buf_addc(&b, ' '), 0);
	CHECK_INT(buf_printf(&b, "%d%%", 46), 0);
	CHECK_STR(buf_str(&b), "power 46%");
	CHECK_INT(b.len, 9);
	for (int i = 0; i < 1000; i++)
		CHECK_INT(buf_add(&b, "0123456789", 10), 0);
	CHECK_INT(b.len, 10009);
	CHECK_INT(b.data[b.len], '\0');
	CHECK(b.cap > b.len);
	s = buf_steal(&b);
	CHECK_INT(strlen(s), 10009);
	free(s);
	CHECK_INT(b.len, 0);
	CHECK(b.data == NULL);
	s = buf_steal(&b);	/* an empty buffer gives "" */
	CHECK_STR(s, "");
	free(s);
	buf_free(&b);
}

static void
test_buf_ceiling(void)
{
	struct buf b;

	buf_init(&b, 8);
	CHECK_INT(buf_adds(&b, "12345678"), 0);
	CHECK_INT(b.overflow, 0);
	/* one byte past the ceiling is refused whole */
	CHECK_INT(buf_addc(&b, '9'), -1);
	CHECK_INT(b.overflow, 1);
	CHECK_STR(buf_str(&b), "12345678");
	CHECK_INT(buf_printf(&b, "%s", "x"), -1);
	buf_reset(&b);
	CHECK_INT(b.overflow, 0);
	CHECK_STR(buf_str(&b), "");
	CHECK_INT(buf_printf(&b, "%s-%s", "abc", "defg"), 0);
	CHECK_STR(buf_str(&b), "abc-defg");
	CHECK_INT(buf_printf(&b, "%s", "too long"), -1);
	CHECK_STR(buf_str(&b), "abc-defg");
	buf_free(&b);
}

static void
test_array_reserve(void)
{
	int *v = NULL;
	size_t n = 0, cap = 0;

	for (int i = 0; i < 100; i++) {
		ARRAY_GROW(v, n, cap, 4);
		v[n++] = i;
	}
	CHECK_INT(n, 100);
	CHECK_INT(cap, 128);	/* 4, 8, ..., 128: doubling from the first */
	CHECK_INT(v[99], 99);
	v = array_reserve(v, &cap, 1000, sizeof(*v), 4);
	CHECK_INT(cap, 1024);
	v = array_reserve(v, &cap, 10, sizeof(*v), 4);	/* no shrink */
	CHECK_INT(cap, 1024);
	free(v);
}

int
main(void)
{
	RUN(test_buf_appends);
	RUN(test_buf_ceiling);
	RUN(test_array_reserve);
	return T_DONE();
}
