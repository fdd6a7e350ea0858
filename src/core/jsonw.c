/* SPDX-License-Identifier: MIT */
/*
 * jsonw.c - json_dumps(j, OD_JSON_COMPACT) in one pass (jsonw.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jsonw.h"

#define JSONW_DEPTH_MAX	2048	/* jansson's own limit on nesting */

static int
put_string(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t run = 0;

	if (buf_addc(b, '"') < 0)
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[6];
		size_t n = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		if (buf_add(b, s + run, i - run) < 0)
			return -1;
		run = i + 1;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			n = 6;
			break;
		}
		if (buf_add(b, esc, n) < 0)
			return -1;
	}
	if (buf_add(b, s + run, len - run) < 0)
		return -1;
	return buf_addc(b, '"');
}

static int
put_integer(struct buf *b, json_int_t v)
{
	char d[24], *p = d + sizeof(d);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	return buf_add(b, p, (size_t)(d + sizeof(d) - p));
}

/* As jansson: "%.12g", a ".0" when it would read as an integer, and an
 * exponent without its "+" and leading zeros. */
static int
put_real(struct buf *b, double v)
{
	char s[64], *e;
	int n = snprintf(s, sizeof(s), "%.12g", v);

	if (n < 0 || (size_t)n >= sizeof(s) - 3)
		return -1;
	if (strchr(s, '.') == NULL && strchr(s, 'e') == NULL) {
		memcpy(s + n, ".0", 3);
		n += 2;
	}
	if ((e = strchr(s, 'e')) != NULL) {
		char *from = e + 1, *to = e + 1;

		if (*from == '+')
			from++;
		else if (*from == '-')
			from = ++to;
		while (*from == '0' && from[1] != '\0')
			from++;
		memmove(to, from, strlen(from) + 1);
		n = (int)strlen(s);
	}
	return buf_add(b, s, (size_t)n);
}

static int
put_value(struct buf *b, json_t *j, int depth)
{
	if (depth > JSONW_DEPTH_MAX)
		return -1;
	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *v;
		int first = 1;

		if (buf_addc(b, '{') < 0)
			return -1;
		json_object_foreach(j, key, v) {
			if ((!first && buf_addc(b, ',') < 0) ||
			    put_string(b, key, strlen(key)) < 0 ||
			    buf_addc(b, ':') < 0 ||
			    put_value(b, v, depth + 1) < 0)
				return -1;
			first = 0;
		}
		return buf_addc(b, '}');
	}
	case JSON_ARRAY:
		if (buf_addc(b, '[') < 0)
			return -1;
		for (size_t i = 0; i < json_array_size(j); i++)
			if ((i > 0 && buf_addc(b, ',') < 0) ||
			    put_value(b, json_array_get(j, i), depth + 1) < 0)
				return -1;
		return buf_addc(b, ']');
	case JSON_STRING:
		return put_string(b, json_string_value(j),
		    json_string_length(j));
	case JSON_INTEGER:
		return put_integer(b, json_integer_value(j));
	case JSON_REAL:
		return put_real(b, json_real_value(j));
	case JSON_TRUE:
		return buf_add(b, "true", 4);
	case JSON_FALSE:
		return buf_add(b, "false", 5);
	case JSON_NULL:
		return buf_add(b, "null", 4);
	}
	return -1;
}

char *
jsonw_dumps(json_t *j)
{
	struct buf b;

	if (j == NULL)
		return NULL;
	buf_init(&b, BUF_UNBOUNDED);
	if (put_value(&b, j, 0) < 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}
