/* SPDX-License-Identifier: MIT */
/*
 * log.c - levelled logging to stderr, one line per record with an ISO 8601
 * UTC timestamp.  The daemon runs in the foreground under a supervisor
 * (systemd, make run), so stderr is the log.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "log.h"

static enum log_level current_level = LOG_LVL_INFO;

static const char *const level_names[] = {
	[LOG_LVL_ERROR] = "error",
	[LOG_LVL_WARN] = "warn",
	[LOG_LVL_INFO] = "info",
	[LOG_LVL_DEBUG] = "debug",
};

void
log_set_level(enum log_level lvl)
{
	current_level = lvl;
}

enum log_level
log_get_level(void)
{
	return current_level;
}

const char *
log_level_name(enum log_level lvl)
{
	if ((unsigned)lvl > LOG_LVL_DEBUG)
		return "?";
	return level_names[lvl];
}

int
log_level_from_name(const char *name, enum log_level *out)
{
	for (unsigned i = 0; i <= LOG_LVL_DEBUG; i++) {
		if (strcasecmp(name, level_names[i]) == 0) {
			*out = (enum log_level)i;
			return 0;
		}
	}
	return -1;
}

static void
vlog(enum log_level lvl, int with_errno, const char *fmt, va_list ap)
{
	char ts[32], msg[2048];
	struct timespec now;
	struct tm tm;
	int saved = errno;

	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (with_errno)
		fprintf(stderr, "%s.%03ldZ %-5s %s: %s\n", ts,
		    now.tv_nsec / 1000000, level_names[lvl], msg,
		    strerror(saved));
	else
		fprintf(stderr, "%s.%03ldZ %-5s %s\n", ts,
		    now.tv_nsec / 1000000, level_names[lvl], msg);
	fflush(stderr);
	errno = saved;
}

#define LOG_BODY(lvl, with_errno) do {				\
	va_list ap;						\
	if ((lvl) > current_level)				\
		return;						\
	va_start(ap, fmt);					\
	vlog((lvl), (with_errno), fmt, ap);			\
	va_end(ap);						\
} while (0)

void log_debug(const char *fmt, ...) { LOG_BODY(LOG_LVL_DEBUG, 0); }
void log_info(const char *fmt, ...) { LOG_BODY(LOG_LVL_INFO, 0); }
void log_warnx(const char *fmt, ...) { LOG_BODY(LOG_LVL_WARN, 0); }
void log_warn(const char *fmt, ...) { LOG_BODY(LOG_LVL_WARN, 1); }
void log_errorx(const char *fmt, ...) { LOG_BODY(LOG_LVL_ERROR, 0); }

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LVL_ERROR, 0, fmt, ap);
	va_end(ap);
	exit(1);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LVL_ERROR, 1, fmt, ap);
	va_end(ap);
	exit(1);
}

static size_t
escaped_len(unsigned char c)
{
	return (c < 0x20 || c == 0x7f || c == '\\') ? 4 : 1;
}

char *
log_escape(char *dst, size_t dstlen, const char *src, size_t srclen)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, total = 0, limit;

	if (dstlen == 0)
		return dst;
	for (size_t i = 0; i < srclen; i++)
		total += escaped_len((unsigned char)src[i]);
	/* all of it when it fits, else as much as leaves room for "..." */
	limit = total < dstlen ? total : (dstlen > 4 ? dstlen - 4 : 0);
	for (size_t i = 0; i < srclen; i++) {
		unsigned char c = (unsigned char)src[i];

		if (o + escaped_len(c) > limit)
			break;
		if (escaped_len(c) == 4) {
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[c >> 4];
			dst[o++] = hex[c & 0xf];
		} else
			dst[o++] = (char)c;
	}
	/* never end inside a UTF-8 sequence: back off to its first byte */
	if (o > 0) {
		size_t k = o;

		while (k > 0 && ((unsigned char)dst[k - 1] & 0xC0) == 0x80)
			k--;
		if (k > 0 && ((unsigned char)dst[k - 1] & 0xC0) == 0xC0) {
			unsigned char lead = (unsigned char)dst[k - 1];
			size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;

			if (o - (k - 1) < want)
				o = k - 1;
		}
	}
	if (total >= dstlen && o + 4 <= dstlen) {
		memcpy(dst + o, "...", 3);
		o += 3;
	}
	dst[o] = '\0';
	return dst;
}
