/* SPDX-License-Identifier: MIT */
/*
 * conf.c - configuration file: one table of options drives parsing,
 * validation, reload rules and the --check-config dump.
 *
 * jansson reports syntax errors with line and column but keeps no positions
 * for values, so semantic errors are located by a small scanner that walks
 * the (already valid) text to the offending key.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "conf.h"
#include "conf_int.h"
#include "jsonpos.h"
#include "log.h"
#include "report.h"
#include "util.h"

#define FIELD(c, o, T)	((T *)(void *)((char *)(c) + (o)))
/* read-only access for the const functions below */
#define CFIELD(c, o, T)	FIELD((struct conf *)(uintptr_t)(c), o, T)

/* ---- loading ------------------------------------------------------------ */

struct loadctx {
	struct conf	*c;
	const char	*name, *text;
	size_t		 len;
	char		*err;
	size_t		 errlen;
};

static int
fail_at(struct loadctx *lx, const char *path, int key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
fail_at(struct loadctx *lx, const char *path, int key, const char *fmt, ...)
{
	char msg[512];
	int line = 1, col = 1;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (path != NULL)
		json_locate(lx->text, lx->len, path, key, &line, &col);
	snprintf(lx->err, lx->errlen, "%s:%d:%d: %s", lx->name, line, col,
	    msg);
	return -1;
}

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = v ? xstrdup(v) : NULL;
}

static enum od_err
split_broker(const char *hp, char **host, int64_t *port)
{
	char *h;

	if (split_hostport(hp, 1, &h, port) != OD_OK)
		return OD_EINVAL;
	free(*host);
	*host = h;
	return OD_OK;
}

static int
set_sources(struct loadctx *lx, const char *path, json_t *v)
{
	const char *name, *k;
	json_t *o, *x;
	char sub[256];

	if (!json_is_object(v))
		return fail_at(lx, path, 0, "\"sources\" must be an object "
		    "of source names");
	free(lx->c->sources);
	lx->c->sources = NULL;
	lx->c->nsources = 0;
	json_object_foreach(v, name, o) {
		struct source_conf *sc;

		snprintf(sub, sizeof(sub), "sources.%s", name);
		if (!report_source_valid(name))
			return fail_at(lx, sub, 1, "a source name is 1-63 of "
			    "A-Z a-z 0-9 . _ -, as in its topic");
		if (!json_is_object(o))
			return fail_at(lx, sub, 0, "must be an object such as "
			    "{\"priority\": 10}");
		lx->c->sources = xreallocarray(lx->c->sources,
		    lx->c->nsources + 1, sizeof(*lx->c->sources));
		sc = &lx->c->sources[lx->c->nsources++];
		memset(sc, 0, sizeof(*sc));
		str_copy(sc->name, name, sizeof(sc->name));
		sc->priority = lx->c->default_priority;
		json_object_foreach(o, k, x) {
			char sub2[300];

			snprintf(sub2, sizeof(sub2), "%s.%s", sub, k);
			if (strcmp(k, "priority") != 0)
				return fail_at(lx, sub2, 1, "unknown key \"%s\" "
				    "(a source takes \"priority\")", k);
			if (!json_is_integer(x) || json_integer_value(x) < -1000 ||
			    json_integer_value(x) > 1000)
				return fail_at(lx, sub2, 0, "priority must be an "
				    "integer from -1000 to 1000");
			sc->priority = json_integer_value(x);
		}
	}
	return 0;
}

/*
 * http.tokens: each a non-empty string (may post as any source), or
 * {"token": "...", "sources": ["dtek", "news:http", ...]} (may post only
 * as those).
 */
/*
 * A token "sha256:..." is the digest of the secret: exactly 64 hex digits.
 * Anything else after the prefix ("sha256:abc", a typo) would be compared
 * as a plain token, a secret that is written in the file: refused.
 */
#define TOKEN_DIGEST_MSG	"a \"sha256:\" token must be followed by " \
	"exactly 64 hex digits (the SHA-256 of the secret)"
#define TOKEN_MIN_LEN		16

static int
token_digest_ok(const char *t)
{
	if (strncmp(t, "sha256:", 7) != 0)
		return 1;
	t += 7;
	if (strlen(t) != 64)
		return 0;
	return strspn(t, "0123456789abcdefABCDEF") == 64;
}

/* Is http.listen an address only this host can reach (127/8, ::1)? */
static int
listen_loopback(const char *listen)
{
	char *host;
	int64_t port;
	struct in_addr a4;
	struct in6_addr a6;
	int lo = 0;

	if (listen == NULL || split_hostport(listen, 0, &host, &port) != OD_OK)
		return 0;
	if (inet_pton(AF_INET, host, &a4) == 1)
		lo = (ntohl(a4.s_addr) >> 24) == 127;
	else if (inet_pton(AF_INET6, host, &a6) == 1)
		lo = IN6_IS_ADDR_LOOPBACK(&a6);
	free(host);
	return lo;
}

/*
 * On a listener other hosts can reach, a short token is guessable: every
 * plain token must have TOKEN_MIN_LEN bytes (a digest's secret is not
 * known here).  On loopback a short one is allowed (tests, a local proxy
 * in front that does its own authentication).
 */
static int
check_token_lengths(struct loadctx *lx)
{
	const struct conf *c = lx->c;
	char sub[256];
	size_t i;
	json_t *e;

	if (listen_loopback(c->http_listen))
		return 0;
	json_array_foreach(c->http_tokens, i, e) {
		const char *t = json_is_string(e) ? json_string_value(e) :
		    json_string_value(json_object_get(e, "token"));

		if (t == NULL || strncmp(t, "sha256:", 7) == 0 ||
		    strlen(t) >= TOKEN_MIN_LEN)
			continue;
		snprintf(sub, sizeof(sub), json_is_string(e) ?
		    "http.tokens[%zu]" : "http.tokens[%zu].token", i);
		return fail_at(lx, sub, 0, "a token must be at least %d bytes "
		    "when http.listen (%s) is not a loopback address; generate "
		    "one with: head -c 32 /dev/urandom | base64", TOKEN_MIN_LEN,
		    c->http_listen);
	}
	return 0;
}

static int
check_tokens(struct loadctx *lx, const char *path, json_t *v)
{
	char sub[256];
	size_t i, k;
	json_t *e, *x, *src;
	const char *key;

	if (!json_is_array(v))
		return fail_at(lx, path, 0, "%s must be an array", path);
	json_array_foreach(v, i, e) {
		snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
		if (json_is_string(e) && json_string_length(e) > 0) {
			if (!token_digest_ok(json_string_value(e)))
				return fail_at(lx, sub, 0, TOKEN_DIGEST_MSG);
			continue;
		}
		if (!json_is_object(e))
			return fail_at(lx, sub, 0, "%s must hold non-empty "
			    "strings or {\"token\", \"sources\"} objects", path);
		json_object_foreach(e, key, x)
			if (strcmp(key, "token") != 0 &&
			    strcmp(key, "sources") != 0 &&
			    strcmp(key, "subscriptions") != 0)
				return fail_at(lx, sub, 0, "unknown key \"%s\" in "
				    "a token (keys: token, sources, "
				    "subscriptions)", key);
		x = json_object_get(e, "subscriptions");
		if (x != NULL && (!json_is_string(x) ||
		    (strcmp(json_string_value(x), "own") != 0 &&
		    strcmp(json_string_value(x), "all") != 0))) {
			snprintf(sub, sizeof(sub), "%s[%zu].subscriptions", path,
			    i);
			return fail_at(lx, sub, 0, "\"subscriptions\" must be "
			    "\"own\" (manage only the subscriptions this token "
			    "made) or \"all\"");
		}
		x = json_object_get(e, "token");
		if (!json_is_string(x) || json_string_length(x) == 0) {
			if (x != NULL)
				snprintf(sub, sizeof(sub), "%s[%zu].token", path,
				    i);
			return fail_at(lx, sub, 0, "\"token\" must be a "
			    "non-empty string");
		}
		if (!token_digest_ok(json_string_value(x))) {
			snprintf(sub, sizeof(sub), "%s[%zu].token", path, i);
			return fail_at(lx, sub, 0, TOKEN_DIGEST_MSG);
		}
		src = json_object_get(e, "sources");
		/* a subscriber's token need not post anything */
		if (src == NULL && x != NULL)
			continue;
		if (src != NULL)
			snprintf(sub, sizeof(sub), "%s[%zu].sources", path, i);
		if (!json_is_array(src) || json_array_size(src) == 0)
			return fail_at(lx, sub, 0, "\"sources\" must be a "
			    "non-empty array of source names");
		json_array_foreach(src, k, x)
			if (!json_is_string(x) ||
			    !report_source_valid(json_string_value(x)))
				return fail_at(lx, sub, 0, "\"sources\" must hold "
				    "source names (1-63 of A-Z a-z 0-9 . _ - :)");
	}
	return 0;
}

/* A duration in seconds: an integer, or a string "90s" "6h" "7d". */
static int
json_duration(const json_t *v, int64_t min, int64_t max, int64_t *out)
{
	if (json_is_integer(v) && json_integer_value(v) >= min &&
	    json_integer_value(v) <= max) {
		*out = json_integer_value(v);
		return 0;
	}
	if (json_is_string(v) && parse_duration(json_string_value(v), min, max,
	    out) == OD_OK)
		return 0;
	return -1;
}

static void
free_feeds(struct conf *c)
{
	for (size_t i = 0; i < c->nfeeds; i++)
		free(c->feeds[i].url);
	free(c->feeds);
	c->feeds = NULL;
	c->nfeeds = 0;
}

static int
set_feeds(struct loadctx *lx, const char *path, json_t *v)
{
	static const char *const keys[] = { "url", "name", "interval",
	    "timeout", "priority", "max_bytes", "allow_private" };
	struct conf *c = lx->c;
	json_t *e, *x;
	const char *k;
	size_t i;

	if (!json_is_array(v))
		return fail_at(lx, path, 0, "feeds must be an array of "
		    "{\"url\", \"name\", ...} objects");
	free_feeds(c);
	json_array_foreach(v, i, e) {
		struct feed_conf *f;
		char sub[300];
		const char *url, *name;

		snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
		if (!json_is_object(e))
			return fail_at(lx, sub, 0, "a feed is an object");
		json_object_foreach(e, k, x) {
			size_t n;
			char sk[340];

			for (n = 0; n < NELEM(keys); n++)
				if (strcmp(k, keys[n]) == 0)
					break;
			if (n == NELEM(keys)) {
				snprintf(sk, sizeof(sk), "%s.%s", sub, k);
				return fail_at(lx, sk, 1, "unknown feed option "
				    "\"%s\"", k);
			}
		}
		url = json_string_value(json_object_get(e, "url"));
		name = json_string_value(json_object_get(e, "name"));
		if (url == NULL || (strncmp(url, "http://", 7) != 0 &&
		    strncmp(url, "https://", 8) != 0) || strlen(url) > 2048)
			return fail_at(lx, sub, 0, "a feed needs a \"url\" "
			    "starting with http:// or https://");
		if (name == NULL || !report_source_valid(name) ||
		    strchr(name, ':') != NULL ||
		    strlen(name) + 5 >= OD_SOURCE_MAX)
			return fail_at(lx, sub, 0, "a feed needs a \"name\" of "
			    "1-58 of A-Z a-z 0-9 . _ - (its reports come from "
			    "news:<name>)");
		c->feeds = xreallocarray(c->feeds, c->nfeeds + 1,
		    sizeof(*c->feeds));
		f = &c->feeds[c->nfeeds++];
		memset(f, 0, sizeof(*f));
		f->url = xstrdup(url);
		str_copy(f->name, name, sizeof(f->name));
		f->interval = 300;
		f->timeout = 30;
		f->priority = INT64_MIN;	/* news.priority, later */
		f->max_bytes = 5 * 1024 * 1024;
		if ((x = json_object_get(e, "interval")) != NULL &&
		    json_duration(x, 1, 86400, &f->interval) != 0) {
			snprintf(sub, sizeof(sub), "%s[%zu].interval", path, i);
			return fail_at(lx, sub, 0, "interval must be a "
			    "duration from 1s to 1d");
		}
		if ((x = json_object_get(e, "timeout")) != NULL &&
		    json_duration(x, 1, 300, &f->timeout) != 0) {
			snprintf(sub, sizeof(sub), "%s[%zu].timeout", path, i);
			return fail_at(lx, sub, 0, "timeout must be a "
			    "duration from 1s to 5m");
		}
		if ((x = json_object_get(e, "priority")) != NULL) {
			snprintf(sub, sizeof(sub), "%s[%zu].priority", path, i);
			if (!json_is_integer(x) || json_integer_value(x) < -1000 ||
			    json_integer_value(x) > 1000)
				return fail_at(lx, sub, 0, "priority must be an "
				    "integer from -1000 to 1000");
			f->priority = json_integer_value(x);
		}
		if ((x = json_object_get(e, "max_bytes")) != NULL) {
			snprintf(sub, sizeof(sub), "%s[%zu].max_bytes", path, i);
			if (!json_is_integer(x) || json_integer_value(x) < 1024 ||
			    json_integer_value(x) > 64 * 1024 * 1024)
				return fail_at(lx, sub, 0, "max_bytes must be "
				    "from 1024 to 67108864");
			f->max_bytes = json_integer_value(x);
		}
		if ((x = json_object_get(e, "allow_private")) != NULL) {
			snprintf(sub, sizeof(sub), "%s[%zu].allow_private", path,
			    i);
			if (!json_is_boolean(x))
				return fail_at(lx, sub, 0, "allow_private must "
				    "be true or false");
			f->allow_private = json_is_true(x);
		}
	}
	return 0;
}

static int
set_opt(struct loadctx *lx, const struct opt *o, json_t *v)
{
	struct conf *c = lx->c;
	int64_t n;

	switch (o->type) {
	case OPT_STR:
		if (!json_is_string(v) || (int64_t)json_string_length(v) < o->min ||
		    (int64_t)json_string_length(v) > o->max ||
		    strlen(json_string_value(v)) != json_string_length(v))
			return fail_at(lx, o->path, 0, "%s must be a string of "
			    "%lld to %lld bytes", o->path, (long long)o->min,
			    (long long)o->max);
		set_str(FIELD(c, o->off, char *), json_string_value(v));
		return 0;
	case OPT_BROKER:
		if (!json_is_string(v) || split_broker(json_string_value(v),
		    &c->broker_host, &c->broker_port) != OD_OK)
			return fail_at(lx, o->path, 0, "%s must be \"host:port\" "
			    "with a port from 1 to 65535", o->path);
		set_str(&c->broker, json_string_value(v));
		return 0;
	case OPT_INT:
		if (!json_is_integer(v) || json_integer_value(v) < o->min ||
		    json_integer_value(v) > o->max)
			return fail_at(lx, o->path, 0, "%s must be an integer "
			    "from %lld to %lld", o->path, (long long)o->min,
			    (long long)o->max);
		*FIELD(c, o->off, int64_t) = json_integer_value(v);
		return 0;
	case OPT_BOOL:
		if (!json_is_boolean(v))
			return fail_at(lx, o->path, 0, "%s must be true or false",
			    o->path);
		*FIELD(c, o->off, int) = json_is_true(v);
		return 0;
	case OPT_DURATION:
		if (json_duration(v, o->min, o->max, &n) != 0)
			return fail_at(lx, o->path, 0, "%s must be a duration "
			    "from %llds to %llds (seconds, or \"90s\", \"6h\", "
			    "\"7d\")", o->path, (long long)o->min,
			    (long long)o->max);
		/* alerts.min_clear is kept in ms, the others in seconds */
		if (o->off == O(alert.min_clear_ms))
			n *= 1000;
		*FIELD(c, o->off, int64_t) = n;
		return 0;
	case OPT_PERCENT:
		if (!json_is_number(v) || json_number_value(v) < 0 ||
		    json_number_value(v) > 100)
			return fail_at(lx, o->path, 0, "%s must be a number from "
			    "0 to 100", o->path);
		*FIELD(c, o->off, double) = json_number_value(v);
		return 0;
	case OPT_SEVERITY: {
		enum severity s;

		if (!json_is_string(v) ||
		    severity_from_name(json_string_value(v), &s) < 0 ||
		    (int64_t)s < o->min)
			return fail_at(lx, o->path, 0, "%s must be minor, major "
			    "or critical", o->path);
		*FIELD(c, o->off, enum severity) = s;
		return 0;
	}
	case OPT_LOGLEVEL: {
		enum log_level l;

		if (!json_is_string(v) ||
		    log_level_from_name(json_string_value(v), &l) < 0)
			return fail_at(lx, o->path, 0, "%s must be error, warn, "
			    "info or debug", o->path);
		*FIELD(c, o->off, enum log_level) = l;
		return 0;
	}
	case OPT_ARRAY:
		if (!json_is_array(v))
			return fail_at(lx, o->path, 0, "%s must be an array",
			    o->path);
		json_decref(*FIELD(c, o->off, json_t *));
		*FIELD(c, o->off, json_t *) = json_deep_copy(v);
		return 0;
	case OPT_TOKENS:
		if (check_tokens(lx, o->path, v) < 0)
			return -1;
		json_decref(*FIELD(c, o->off, json_t *));
		*FIELD(c, o->off, json_t *) = json_deep_copy(v);
		return 0;
	case OPT_SOURCES:
		return set_sources(lx, o->path, v);
	case OPT_FEEDS:
		return set_feeds(lx, o->path, v);
	}
	return fail_at(lx, o->path, 0, "internal: bad option type");
}

/* Is path a section, i.e. a proper prefix of some option path? */
static int
is_section(const char *path)
{
	size_t n = strlen(path);

	for (size_t i = 0; i < nopts; i++)
		if (strncmp(opts[i].path, path, n) == 0 &&
		    opts[i].path[n] == '.')
			return 1;
	return 0;
}

static int
walk(struct loadctx *lx, json_t *obj, const char *prefix)
{
	const char *key;
	json_t *v;
	char path[256];

	json_object_foreach(obj, key, v) {
		size_t i;

		snprintf(path, sizeof(path), "%s%s%s", prefix,
		    prefix[0] ? "." : "", key);
		for (i = 0; i < nopts; i++)
			if (strcmp(opts[i].path, path) == 0)
				break;
		if (i < nopts) {
			if (set_opt(lx, &opts[i], v) < 0)
				return -1;
			continue;
		}
		if (is_section(path)) {
			if (!json_is_object(v))
				return fail_at(lx, path, 0, "%s must be an "
				    "object", path);
			if (walk(lx, v, path) < 0)
				return -1;
			continue;
		}
		return fail_at(lx, path, 1, "unknown option \"%s\"", path);
	}
	return 0;
}

static int
topic_level_ok(const char *s, int allow_slash)
{
	if (*s == '\0' || *s == '/' || s[strlen(s) - 1] == '/' || *s == '$')
		return 0;
	for (; *s; s++)
		if (*s == '+' || *s == '#' || (!allow_slash && *s == '/') ||
		    (unsigned char)*s < 0x20)
			return 0;
	return 1;
}

/* homeassistant.regions and .utilities: ids, and utilities' names */
static const char *
ha_lists_bad(const struct conf *c)
{
	enum utility u;
	json_t *v;
	size_t i;

	json_array_foreach(c->ha_regions, i, v)
		if (!json_is_string(v) || json_string_length(v) == 0 ||
		    json_string_length(v) >= OD_REGION_ID_MAX)
			return "homeassistant.regions must be region ids";
	json_array_foreach(c->ha_utilities, i, v)
		if (!json_is_string(v) || utility_from_name(
		    json_string_value(v), &u) != 0)
			return "homeassistant.utilities must be utility names";
	return NULL;
}

/* Cross-field rules, after every option is set. */
static int
validate(struct loadctx *lx)
{
	struct conf *c = lx->c;
	const char *why;

	if (check_token_lengths(lx) < 0)
		return -1;
	if (!topic_level_ok(c->prefix, 1))
		return fail_at(lx, "mqtt.prefix", 0, "mqtt.prefix must be a "
		    "topic without wildcards, a leading $ or edge slashes");
	if (!topic_level_ok(c->client_id, 0))
		return fail_at(lx, "mqtt.client_id", 0, "mqtt.client_id must be "
		    "one topic level (no / + # or leading $)");
	for (int k = SEV_MINOR; k < SEV_CRITICAL; k++) {
		if (c->thr.pct[k] > c->thr.pct[k + 1])
			return fail_at(lx, "thresholds.percent", 0, "percent "
			    "thresholds must rise from minor to critical");
		if (c->thr.count[k] > c->thr.count[k + 1])
			return fail_at(lx, "thresholds.count", 0, "count "
			    "thresholds must rise from minor to critical");
	}
	if (c->report_retention != 0 && (c->report_retention < DAY ||
	    (c->ttl != 0 && c->report_retention < c->ttl)))
		return fail_at(lx, "aggregate.report_retention", 0,
		    "aggregate.report_retention must be 0 (forever), or at "
		    "least 1d and at least aggregate.ttl: the live figures are "
		    "rebuilt from the reports within the ttl");
	if (c->alert.clear > c->alert.fire)
		return fail_at(lx, "alerts.clear", 0, "alerts.clear must not be "
		    "above alerts.fire (it is the lower, resolving threshold)");
	if ((c->username == NULL) != (c->password == NULL) &&
	    c->password != NULL)
		return fail_at(lx, "mqtt.password", 1, "mqtt.password needs "
		    "mqtt.username");
	if ((c->tls_certfile || c->tls_keyfile) && !(c->tls_cafile ||
	    c->tls_capath))
		return fail_at(lx, "mqtt.tls", 0, "mqtt.tls needs cafile or "
		    "capath to verify the broker");
	if ((c->tls_certfile == NULL) != (c->tls_keyfile == NULL))
		return fail_at(lx, "mqtt.tls", 0, "mqtt.tls.certfile and "
		    "mqtt.tls.keyfile go together");
	if (strpbrk(c->cap_sender, " \t,<&") != NULL)
		return fail_at(lx, "alerts.cap_sender", 0, "alerts.cap_sender "
		    "must not hold spaces, commas, < or & (CAP 1.2)");
	if ((why = ha_lists_bad(c)) != NULL)
		return fail_at(lx, "homeassistant", 0, "%s", why);
	if (!topic_level_ok(c->ha_prefix, 1))
		return fail_at(lx, "homeassistant.prefix", 0, "homeassistant."
		    "prefix must be a topic without wildcards");
	if (c->max_payload + 1024 > c->max_packet_size)
		return fail_at(lx, "limits.max_payload", 0, "limits.max_payload "
		    "must be at least 1 KiB below mqtt.max_packet_size, or the "
		    "broker would drop what outaged should refuse");
	return 0;
}

struct conf *
conf_defaults(void)
{
	struct conf *c = xcalloc(1, sizeof(*c));

	c->broker = xstrdup("127.0.0.1:1883");
	c->broker_host = xstrdup("127.0.0.1");
	c->broker_port = 1883;
	c->prefix = xstrdup("outages");
	c->client_id = xstrdup("outaged");
	c->keepalive = 30;
	c->session_expiry = 7 * DAY;
	c->max_packet_size = 1048576;
	c->reconnect_max = 30;
	c->database = xstrdup("var/outaged.db");
	c->http_listen = xstrdup("127.0.0.1:8080");
	c->http_tokens = json_array();
	c->http_web_root = xstrdup(OD_DEFAULT_SHAREDIR "/web");
	c->http_openapi = xstrdup(OD_DEFAULT_SHAREDIR "/openapi.json");
	c->news_priority = -10;
	c->subscriptions = json_array();
	c->dl.mqtt_prefix = xstrdup("outages/notify");
	c->dl.templates = xstrdup(OD_DEFAULT_SHAREDIR "/templates");
	c->dl.retry_horizon = 3 * DAY;
	c->dl.retry_first = 5;
	c->dl.connect_timeout = 5;
	c->dl.timeout = 15;
	c->dl.max_response = 65536;
	c->dl.per_endpoint = 4;
	c->dl.max_inflight = 32;
	c->dl.smtp_url = xstrdup("smtp://127.0.0.1:25");
	c->dl.smtp_from = xstrdup("outaged@localhost");
	c->iso_codes_dir = xstrdup("/usr/share/iso-codes/json");
	c->packs_dir = xstrdup(OD_DEFAULT_SHAREDIR "/regions");
	c->max_payload = 262144;
	c->max_batch = 1000;
	c->max_future = 300;
	c->ttl = 6 * 3600;
	c->history_retention = 30 * DAY;
	c->thr.pct[SEV_MINOR] = 0.1;
	c->thr.pct[SEV_MAJOR] = 5.0;
	c->thr.pct[SEV_CRITICAL] = 25.0;
	c->thr.count[SEV_MINOR] = 1;
	c->thr.count[SEV_MAJOR] = 10000;
	c->thr.count[SEV_CRITICAL] = 100000;
	c->cap_sender = xstrdup("outaged@localhost");
	c->ha_regions = json_array();
	c->ha_utilities = json_pack("[s]", "power");
	c->ha_prefix = xstrdup("homeassistant");
	c->alert.fire = SEV_MAJOR;
	c->alert.clear = SEV_MINOR;
	c->alert.min_clear_ms = 0;
	c->default_priority = 0;
	c->sensors.grace = 180;
	c->sensors.priority = -5;
	c->sensors.quorum_count = 3;
	c->sensors.quorum_percent = 50.0;
	c->sensors.window = 300;
	c->sensors.flap_count = 6;
	c->sensors.flap_window = 600;
	c->devices = json_array();
	c->log_level = LOG_LVL_INFO;
	return c;
}

struct conf *
conf_load_string(const char *name, const char *text, size_t len, char *err,
    size_t errlen)
{
	struct loadctx lx = { NULL, name, text, len, err, errlen };
	json_error_t jerr;
	json_t *root;

	/* jansson skips a NUL after a number; the locator would not */
	if (memchr(text, '\0', len) != NULL) {
		const char *nul = memchr(text, '\0', len);
		int line = 1, col = 1;

		for (const char *p = text; p < nul; p++) {
			if (*p == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)*p & 0xC0) != 0x80)
				col++;
		}
		snprintf(err, errlen, "%s:%d:%d: a NUL byte in the "
		    "configuration", name, line, col);
		return NULL;
	}
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		snprintf(err, errlen, "%s:%d:%d: %s", name, jerr.line,
		    jerr.column, jerr.text);
		return NULL;
	}
	lx.c = conf_defaults();
	lx.c->path = xstrdup(name);
	if (!json_is_object(root)) {
		fail_at(&lx, NULL, 0, "the configuration must be a JSON object");
		goto fail;
	}
	/* default_priority first: sources inherit it */
	if (json_object_get(root, "default_priority") != NULL) {
		const struct opt *o = NULL;

		for (size_t i = 0; i < nopts; i++)
			if (strcmp(opts[i].path, "default_priority") == 0)
				o = &opts[i];
		if (set_opt(&lx, o, json_object_get(root,
		    "default_priority")) < 0)
			goto fail;
	}
	if (walk(&lx, root, "") < 0 || validate(&lx) < 0)
		goto fail;
	json_decref(root);
	return lx.c;
fail:
	json_decref(root);
	conf_free(lx.c);
	return NULL;
}

/* A configuration file larger than this is not one. */
#define CONF_FILE_MAX	(16 * 1024 * 1024)

struct conf *
conf_load(const char *path, char *err, size_t errlen)
{
	FILE *f;
	struct buf b;
	char chunk[8192];
	size_t n;
	struct conf *c;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&b, CONF_FILE_MAX);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, n) < 0) {
			snprintf(err, errlen, "%s: larger than 16 MiB", path);
			buf_free(&b);
			fclose(f);
			return NULL;
		}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		buf_free(&b);
		fclose(f);
		return NULL;
	}
	fclose(f);
	c = conf_load_string(path, buf_str(&b), b.len, err, errlen);
	buf_free(&b);
	return c;
}

void
conf_locate(const struct conf *c, const char *path, const char *msg,
    char *err, size_t errlen)
{
	FILE *f;
	struct buf b;
	char chunk[8192];
	size_t n;
	int line = 1, col = 1;

	if (c->path == NULL || (f = fopen(c->path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, msg);
		return;
	}
	buf_init(&b, CONF_FILE_MAX);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
	    buf_add(&b, chunk, n) == 0)
		;
	fclose(f);
	json_locate(buf_str(&b), b.len, path, 0, &line, &col);
	buf_free(&b);
	snprintf(err, errlen, "%s:%d:%d: %s: %s", c->path, line, col, path,
	    msg);
}

void
conf_free(struct conf *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < nopts; i++) {
		if (opts[i].type == OPT_STR)
			free(*FIELD(c, opts[i].off, char *));
		else if (opts[i].type == OPT_ARRAY ||
		    opts[i].type == OPT_TOKENS)
			json_decref(*FIELD(c, opts[i].off, json_t *));
	}
	free(c->broker);
	free(c->broker_host);
	free(c->sources);
	free_feeds(c);
	free(c->path);
	free(c);
}

enum od_err
conf_set_broker(struct conf *c, const char *hp)
{
	if (split_broker(hp, &c->broker_host, &c->broker_port) != OD_OK)
		return OD_EINVAL;
	set_str(&c->broker, hp);
	return OD_OK;
}

void
conf_set_database(struct conf *c, const char *path)
{
	set_str(&c->database, path);
}

void
conf_set_http(struct conf *c, const char *listen)
{
	set_str(&c->http_listen, listen);
}

static int
opt_equal(const struct conf *a, const struct conf *b, const struct opt *o)
{
	switch (o->type) {
	case OPT_STR: {
		const char *x = *CFIELD(a, o->off, char *);
		const char *y = *CFIELD(b, o->off, char *);

		return (x == NULL && y == NULL) ||
		    (x != NULL && y != NULL && strcmp(x, y) == 0);
	}
	case OPT_BROKER:
		return strcmp(a->broker_host, b->broker_host) == 0 &&
		    a->broker_port == b->broker_port;
	case OPT_INT:
	case OPT_DURATION:
		return *CFIELD(a, o->off, int64_t) == *CFIELD(b, o->off, int64_t);
	default:
		return 1;	/* every other kind is reloadable */
	}
}

enum od_err
conf_check_reload(const struct conf *cur, const struct conf *next, char *err,
    size_t errlen)
{
	for (size_t i = 0; i < nopts; i++) {
		if (opts[i].reloadable || opt_equal(cur, next, &opts[i]))
			continue;
		snprintf(err, errlen, "%s cannot change on reload; restart "
		    "outaged to change it", opts[i].path);
		return OD_EINVAL;
	}
	return OD_OK;
}

int64_t
conf_feed_priority(const struct conf *c, const struct feed_conf *f)
{
	return f->priority != INT64_MIN ? f->priority : c->news_priority;
}

int64_t
conf_source_priority(const struct conf *c, const char *source)
{
	const char *feed;

	for (size_t i = 0; i < c->nsources; i++)
		if (strcmp(c->sources[i].name, source) == 0)
			return c->sources[i].priority;
	/* news:<feed> ranks below direct reports unless told otherwise */
	if ((feed = report_news_feed(source)) != NULL) {
		for (size_t i = 0; i < c->nfeeds; i++)
			if (strcmp(c->feeds[i].name, feed) == 0)
				return conf_feed_priority(c, &c->feeds[i]);
		return c->news_priority;
	}
	return c->default_priority;
}

/* Set a dotted path in a JSON tree, creating sections on the way. */
static void
dump_set(json_t *root, const char *path, json_t *v)
{
	char buf[256], *dot, *p = buf;
	json_t *o = root;

	str_copy(buf, path, sizeof(buf));
	while ((dot = strchr(p, '.')) != NULL) {
		json_t *sub;

		*dot = '\0';
		if ((sub = json_object_get(o, p)) == NULL) {
			sub = json_object();
			json_object_set_new(o, p, sub);
		}
		o = sub;
		p = dot + 1;
	}
	json_object_set_new(o, p, v);
}

void
conf_dump(const struct conf *c, FILE *f)
{
	json_t *root = json_object();
	char *s;

	for (size_t i = 0; i < nopts; i++) {
		const struct opt *o = &opts[i];
		json_t *v = NULL;

		switch (o->type) {
		case OPT_STR: {
			const char *x = *CFIELD(c, o->off, char *);

			if (x == NULL)
				continue;
			v = json_string(strcmp(o->path, "mqtt.password") == 0 ||
			    strcmp(o->path, "delivery.smtp.password") == 0 ?
			    "(redacted)" : x);
			break;
		}
		case OPT_BROKER:
			v = json_string(c->broker);
			break;
		case OPT_INT:
			v = json_integer(*CFIELD(c, o->off, int64_t));
			break;
		case OPT_DURATION:
			v = json_integer(*CFIELD(c, o->off, int64_t) /
			    (o->off == O(alert.min_clear_ms) ? 1000 : 1));
			break;
		case OPT_BOOL:
			v = json_boolean(*CFIELD(c, o->off, int));
			break;
		case OPT_PERCENT:
			v = json_real(*CFIELD(c, o->off, double));
			break;
		case OPT_SEVERITY:
			v = json_string(severity_name(*CFIELD(c, o->off,
			    enum severity)));
			break;
		case OPT_LOGLEVEL:
			v = json_string(log_level_name(c->log_level));
			break;
		case OPT_ARRAY:
			v = json_deep_copy(*CFIELD(c, o->off, json_t *));
			break;
		case OPT_TOKENS:
			/* tokens are secrets: show how many, not what */
			v = json_sprintf("(%zu redacted)", json_array_size(
			    *CFIELD(c, o->off, json_t *)));
			break;
		case OPT_FEEDS:
			v = json_array();
			for (size_t k = 0; k < c->nfeeds; k++)
				json_array_append_new(v, json_pack(
				    "{s:s,s:s,s:I,s:I,s:I,s:I,s:b}",
				    "url", c->feeds[k].url,
				    "name", c->feeds[k].name,
				    "interval", (json_int_t)c->feeds[k].interval,
				    "timeout", (json_int_t)c->feeds[k].timeout,
				    "priority", (json_int_t)conf_feed_priority(c,
				    &c->feeds[k]),
				    "max_bytes", (json_int_t)c->feeds[k].max_bytes,
				    "allow_private", c->feeds[k].allow_private));
			break;
		case OPT_SOURCES:
			v = json_object();
			for (size_t k = 0; k < c->nsources; k++)
				json_object_set_new(v, c->sources[k].name,
				    json_pack("{sI}", "priority",
				    (json_int_t)c->sources[k].priority));
			break;
		}
		dump_set(root, o->path, v);
	}
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(12));
	fprintf(f, "%s\n", s ? s : "{}");
	free(s);
	json_decref(root);
}

int
conf_token_may_post(const json_t *sources, const char *source)
{
	size_t i;
	json_t *s;

	if (sources == NULL)
		return 1;
	json_array_foreach(sources, i, s)
		if (strcmp(json_string_value(s), source) == 0)
			return 1;
	return 0;
}
