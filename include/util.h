/* SPDX-License-Identifier: MIT */
/*
 * util.h - small helpers shared by every module: allocation that treats
 * OOM as fatal, bounded number parsing (never atoi), string copies that
 * always terminate, clocks and ISO 8601 times, SHA-256.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "outaged.h"

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

/* strlcpy semantics: returns strlen(src); truncated when >= dstlen. */
size_t	 str_copy(char *dst, const char *src, size_t dstlen);

/*
 * Parse a whole string as a base-10 integer in [min, max].  Returns OD_OK,
 * or OD_EINVAL (not a number, trailing junk, out of range).
 */
enum od_err parse_i64(const char *, int64_t min, int64_t max, int64_t *out);

/*
 * Parse a duration: a plain number of seconds or a number followed by one of
 * s, m, h, d ("90s", "6h", "7d").  Bounded to [min, max] seconds.
 */
enum od_err parse_duration(const char *, int64_t min, int64_t max,
    int64_t *out);

/*
 * Split "host:port" or "[v6addr]:port" into host (caller frees) and port in
 * [min_port, 65535].  OD_OK or OD_EINVAL (no host, no port, bad port).
 */
enum od_err split_hostport(const char *, int64_t min_port, char **host,
    int64_t *port);

/* What follows "http://" or "https://" (any case) in u, or NULL. */
const char *url_host(const char *u);

/* Wall clock in milliseconds since the epoch (for timestamps people see). */
int64_t	 now_wall_ms(void);
/* Monotonic clock in milliseconds (for timers and backoff: immune to steps). */
int64_t	 now_mono_ms(void);
int64_t	 now_mono_ns(void);	/* the same clock, in nanoseconds */

/* Format ms since the epoch as "2026-11-26T10:00:00Z" (seconds precision). */
void	 time_format(int64_t ms, char *buf, size_t buflen);
/*
 * Parse RFC 3339 "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)" into ms since
 * the epoch.  Returns OD_OK or OD_EINVAL.
 */
enum od_err time_parse(const char *, int64_t *ms);

/* Encode a code point as UTF-8 into out (4 bytes room); returns bytes. */
size_t	 utf8_encode(unsigned cp, char *out);

/*
 * Does s (n bytes) start with a capital letter: ASCII, or in UTF-8 a
 * Latin-1 or Latin Extended-A capital ("Île-de-France", "Łódź", "Ñuble")
 * or a Cyrillic one ("Київ")?
 */
int	 utf8_is_capital(const char *s, size_t n);

/* n random bytes from the kernel (getrandom); failure is fatal. */
void	 random_fill(void *buf, size_t n);

/* Lowercase hex SHA-256 of buf into out (65 bytes incl. NUL). */
void	 sha256_hex(const void *buf, size_t len, char out[65]);

/*
 * FNV-1a (32 bits), the hash of the tables keyed by words (gazetteer
 * names, the extractor's lexicon): fnv1a(s, n) is FNV1A_INIT stepped over
 * each byte, so a hash can be carried on word by word.
 */
#define FNV1A_INIT	2166136261u

static inline uint32_t
fnv1a_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

uint32_t fnv1a(const char *s, size_t n);

/*
 * The names of the *.json files in dir (not dot files), sorted: region
 * packs and notification texts load in a stable order.  0 with *names
 * (caller frees each and the array) and *n, or -1 when dir cannot be
 * opened.
 */
int	 json_files(const char *dir, char ***names, size_t *n);

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#endif /* UTIL_H */
