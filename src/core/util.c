/* SPDX-License-Identifier: MIT */
/*
 * util.c - allocation, bounded parsing, clocks, ISO 8601 times, SHA-256.
 */
#include <dirent.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/random.h>

#include <openssl/evp.h>

#include "log.h"
#include "util.h"

const char *
od_strerror(enum od_err rc)
{
	switch (rc) {
	case OD_OK:	return "success";
	case OD_ENOMEM:	return "out of memory";
	case OD_EINVAL:	return "invalid value";
	case OD_EPARSE:	return "parse error";
	case OD_E2BIG:	return "too large";
	case OD_ENOENT:	return "not found";
	case OD_EDB:	return "database error";
	case OD_ENET:	return "network error";
	case OD_ETEMP:	return "temporary failure";
	case OD_EDUP:	return "duplicate";
	}
	return "unknown error";
}

static const char *const utility_names[UTIL_COUNT] = {
	[UTIL_POWER] = "power",
	[UTIL_HEAT] = "heat",
	[UTIL_WATER] = "water",
	[UTIL_GAS] = "gas",
	[UTIL_TELECOM] = "telecom",
};

const char *
utility_name(enum utility u)
{
	return (unsigned)u < UTIL_COUNT ? utility_names[u] : "?";
}

int
utility_from_name(const char *name, enum utility *out)
{
	for (unsigned i = 0; i < UTIL_COUNT; i++) {
		if (strcmp(name, utility_names[i]) == 0) {
			*out = (enum utility)i;
			return 0;
		}
	}
	return -1;
}

static const char *const severity_names[] = {
	[SEV_NONE] = "none",
	[SEV_MINOR] = "minor",
	[SEV_MAJOR] = "major",
	[SEV_CRITICAL] = "critical",
};

const char *
severity_name(enum severity s)
{
	return (unsigned)s <= SEV_CRITICAL ? severity_names[s] : "?";
}

int
severity_from_name(const char *name, enum severity *out)
{
	for (unsigned i = 0; i <= SEV_CRITICAL; i++) {
		if (strcmp(name, severity_names[i]) == 0) {
			*out = (enum severity)i;
			return 0;
		}
	}
	return -1;
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		fatalx("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		fatalx("out of memory (%zu x %zu bytes)", nmemb, size);
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_MAX / size)
		fatalx("allocation overflow (%zu x %zu)", nmemb, size);
	p = realloc(ptr, (nmemb && size) ? nmemb * size : 1);
	if (p == NULL)
		fatalx("out of memory (%zu x %zu bytes)", nmemb, size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

size_t
str_copy(char *dst, const char *src, size_t dstlen)
{
	size_t len = strlen(src);

	if (dstlen > 0) {
		size_t n = len < dstlen - 1 ? len : dstlen - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

enum od_err
parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return OD_EINVAL;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return OD_EINVAL;
	*out = v;
	return OD_OK;
}

enum od_err
parse_duration(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char num[32];
	size_t len = strlen(s);
	int64_t mult = 1, v;

	if (len == 0 || len >= sizeof(num))
		return OD_EINVAL;
	memcpy(num, s, len + 1);
	switch (num[len - 1]) {
	case 's': mult = 1; break;
	case 'm': mult = 60; break;
	case 'h': mult = 3600; break;
	case 'd': mult = 86400; break;
	default: mult = 0; break;
	}
	if (mult != 0)
		num[len - 1] = '\0';
	else
		mult = 1;
	if (parse_i64(num, 0, INT32_MAX, &v) != OD_OK)
		return OD_EINVAL;
	v *= mult;
	if (v < min || v > max)
		return OD_EINVAL;
	*out = v;
	return OD_OK;
}

const char *
url_host(const char *u)
{
	if (strncasecmp(u, "http://", 7) == 0)
		return u + 7;
	if (strncasecmp(u, "https://", 8) == 0)
		return u + 8;
	return NULL;
}

enum od_err
split_hostport(const char *hp, int64_t min_port, char **host, int64_t *port)
{
	const char *colon;
	char *h;

	if (hp[0] == '[') {		/* [::1]:1883 */
		const char *close = strchr(hp, ']');

		if (close == NULL || close[1] != ':')
			return OD_EINVAL;
		h = xstrndup(hp + 1, (size_t)(close - hp - 1));
		colon = close + 1;
	} else {
		colon = strrchr(hp, ':');
		if (colon == NULL || colon == hp)
			return OD_EINVAL;
		h = xstrndup(hp, (size_t)(colon - hp));
	}
	if (parse_i64(colon + 1, min_port, 65535, port) != OD_OK ||
	    h[0] == '\0') {
		free(h);
		return OD_EINVAL;
	}
	*host = h;
	return OD_OK;
}

int64_t
now_wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
now_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t
now_mono_ms(void)
{
	return now_mono_ns() / 1000000;
}

void
time_format(int64_t ms, char *buf, size_t buflen)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, buflen, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		str_copy(buf, "1970-01-01T00:00:00Z", buflen);
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

enum od_err
time_parse(const char *s, int64_t *ms)
{
	int Y, M, D, h, m, sec, frac_ms = 0, off = 0;
	struct tm tm;
	const char *p;
	time_t t;

	if (strlen(s) < 20 || digits(s, 4, &Y) || s[4] != '-' ||
	    digits(s + 5, 2, &M) || s[7] != '-' || digits(s + 8, 2, &D) ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &m) ||
	    s[16] != ':' || digits(s + 17, 2, &sec))
		return OD_EINVAL;
	/* leap seconds (:60) are refused: reports carry no such precision */
	if (Y < 1970 || M < 1 || M > 12 || D < 1 || D > 31 || h > 23 ||
	    m > 59 || sec > 59)
		return OD_EINVAL;
	p = s + 19;
	if (*p == '.') {
		int scale = 100;

		p++;
		if (!isdigit((unsigned char)*p))
			return OD_EINVAL;
		while (isdigit((unsigned char)*p)) {
			frac_ms += (*p - '0') * scale;
			scale /= 10;
			p++;
		}
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int oh, om;

		if (digits(p + 1, 2, &oh) || p[3] != ':' ||
		    digits(p + 4, 2, &om) || oh > 23 || om > 59)
			return OD_EINVAL;
		off = (oh * 60 + om) * 60 * (*p == '+' ? 1 : -1);
		p += 6;
	} else
		return OD_EINVAL;
	if (*p != '\0')
		return OD_EINVAL;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = Y - 1900;
	tm.tm_mon = M - 1;
	tm.tm_mday = D;
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_sec = sec;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return OD_EINVAL;
	{
		/* timegm normalises 2026-04-31 to May 1: refuse such dates */
		struct tm back;

		if (gmtime_r(&t, &back) == NULL || back.tm_mday != D ||
		    back.tm_mon != M - 1)
			return OD_EINVAL;
	}
	*ms = ((int64_t)t - off) * 1000 + frac_ms;
	return OD_OK;
}

size_t
utf8_encode(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int
utf8_is_capital(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp;

	if (n == 0)
		return 0;
	if (u[0] < 0x80)
		return u[0] >= 'A' && u[0] <= 'Z';
	if (n < 2 || (u[1] & 0xC0) != 0x80 || u[0] < 0xC3 || u[0] > 0xD2)
		return 0;
	cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
	if (cp >= 0xC0 && cp <= 0xDE)
		return cp != 0xD7;			/* not × */
	if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
		return cp % 2 == 0;			/* Ā ā ... Ŷ ŷ */
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return cp % 2 == 1;			/* Ĺ ĺ ... Ž ž */
	if (cp >= 0x400 && cp <= 0x42F)
		return 1;				/* Ѐ-Я, Є І Ї */
	return cp == 0x490;				/* Ґ */
}

void
sha256_hex(const void *buf, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (EVP_Digest(buf, len, md, &mdlen, EVP_sha256(), NULL) != 1)
		fatalx("sha256: EVP_Digest failed");
	for (unsigned i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 0xf];
	}
	out[64] = '\0';
}

uint32_t
fnv1a(const char *s, size_t n)
{
	uint32_t h = FNV1A_INIT;

	while (n-- > 0)
		h = fnv1a_step(h, (unsigned char)*s++);
	return h;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
json_files(const char *dir, char ***names, size_t *n)
{
	struct dirent *de;
	char **v = NULL;
	size_t nv = 0;
	DIR *d;

	*names = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len > 5 && strcmp(de->d_name + len - 5, ".json") == 0 &&
		    de->d_name[0] != '.') {
			/* a handful of files: one more slot at a time */
			v = xreallocarray(v, nv + 1, sizeof(*v));
			v[nv++] = xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (nv > 0)
		qsort(v, nv, sizeof(*v), cmp_name);
	*names = v;
	*n = nv;
	return 0;
}

void
random_fill(void *buf, size_t n)
{
	unsigned char *out = buf;

	while (n > 0) {
		ssize_t got = getrandom(out, n, 0);

		if (got < 0) {
			if (errno == EINTR)
				continue;
			fatal("getrandom");
		}
		out += got;
		n -= (size_t)got;
	}
}
