/* SPDX-License-Identifier: MIT */
/*
 * t_extract.h - what the extractor's tests share: num(), the value of a
 * number phrase through extract_number().  Include after extract.h.
 */
#ifndef T_EXTRACT_H
#define T_EXTRACT_H

#include <string.h>

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

#endif
