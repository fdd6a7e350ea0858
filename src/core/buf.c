/* SPDX-License-Identifier: MIT */
/*
 * buf.c - the growable buffer and array growth rule (buf.h).
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"
#include "util.h"

#define BUF_FIRST	256

void
buf_init(struct buf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max < BUF_UNBOUNDED ? max : BUF_UNBOUNDED;
}

/* Room for n more bytes and the NUL; -1 past the ceiling. */
static int
buf_room(struct buf *b, size_t n)
{
	size_t need;

	if (n > b->max - b->len) {
		b->overflow = 1;
		return -1;
	}
	need = b->len + n + 1;
	if (need > b->cap) {
		size_t cap = b->cap ? b->cap : BUF_FIRST;

		while (cap < need)
			cap *= 2;	/* need <= max + 1 < SIZE_MAX / 4 */
		b->data = xreallocarray(b->data, cap, 1);
		b->cap = cap;
	}
	return 0;
}

int
buf_add(struct buf *b, const void *p, size_t n)
{
	if (buf_room(b, n) < 0)
		return -1;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || buf_room(b, (size_t)n) < 0)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

const char *
buf_str(const struct buf *b)
{
	return b->data != NULL ? b->data : "";
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->overflow = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

char *
buf_steal(struct buf *b)
{
	char *s = b->data != NULL ? b->data : xstrdup("");
	size_t max = b->max;

	buf_init(b, max);
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b, b->max);
}

void *
array_reserve(void *v, size_t *cap, size_t need, size_t elsize, size_t first)
{
	size_t c;

	assert(elsize > 0 && first > 0);
	if (need <= *cap)
		return v;
	c = *cap ? *cap : first;
	while (c < need) {
		if (c > ((size_t)-1 / 2) / elsize)
			fatalx("array_reserve: %zu elements of %zu bytes",
			    need, elsize);
		c *= 2;
	}
	v = xreallocarray(v, c, elsize);
	*cap = c;
	return v;
}
