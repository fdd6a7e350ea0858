/* SPDX-License-Identifier: MIT */
/*
 * log.h - levelled logging to stderr.  log_warn() appends strerror(errno),
 * log_warnx() does not (OpenBSD style).  Untrusted text must go through
 * log_escape() first so that a report cannot forge log lines (CWE-117).
 */
#ifndef LOG_H
#define LOG_H

#include <stddef.h>

enum log_level {
	LOG_LVL_ERROR = 0,
	LOG_LVL_WARN,
	LOG_LVL_INFO,
	LOG_LVL_DEBUG
};

void	 log_set_level(enum log_level);
enum log_level log_get_level(void);
int	 log_level_from_name(const char *, enum log_level *);
const char *log_level_name(enum log_level);

void	 log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_errorx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	 fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/*
 * Copy at most srclen bytes of untrusted src into dst (size dstlen, always
 * NUL-terminated), escaping control characters, backslash and DEL as \xNN
 * and truncating with "..." when it does not fit.  Returns dst.
 */
char	*log_escape(char *dst, size_t dstlen, const char *src, size_t srclen);

#endif /* LOG_H */
