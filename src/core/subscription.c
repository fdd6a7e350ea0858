/* SPDX-License-Identifier: MIT */
/*
 * subscription.c - subscriptions: strict decoding from JSON, encoding back,
 * and the pure rules the router applies (covers, fires, clears, quiet).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agg.h"
#include "buf.h"
#include "region.h"
#include "subscription.h"
#include "util.h"

#define SUB_REPEAT_MAX_S	(30 * 86400)	/* a month */
#define SUB_MIN_CLEAR_MAX_S	86400
#define SUB_AFFECTED_MAX	INT64_C(1000000000000)
#define SUB_EMAIL_MAX		254
#define SECRET_PREFIX		"whsec_"

const char *
channel_type_name(enum channel_type t)
{
	switch (t) {
	case CHANNEL_MQTT:	return "mqtt";
	case CHANNEL_WEBHOOK:	return "webhook";
	case CHANNEL_EMAIL:	return "email";
	}
	return "?";
}

const char *
webhook_preset_name(enum webhook_preset p)
{
	switch (p) {
	case PRESET_NONE:	return NULL;
	case PRESET_NTFY:	return "ntfy";
	case PRESET_TELEGRAM:	return "telegram";
	case PRESET_SLACK:	return "slack";
	}
	return NULL;
}

static int
fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* A JSON string's bytes, refused when it holds a NUL. */
static const char *
str_of(const json_t *v, size_t *len)
{
	const char *s;

	if (!json_is_string(v))
		return NULL;
	s = json_string_value(v);
	*len = json_string_length(v);
	if (memchr(s, '\0', *len) != NULL)
		return NULL;
	return s;
}

/* Any ASCII control character (C0, DEL) or C1 control in UTF-8? */
static int
has_control(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return 1;
		if (c == 0xc2 && i + 1 < n &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			return 1;
	}
	return 0;
}

/* A duration: an integer of seconds or a parse_duration() string. */
static int
json_seconds(const json_t *v, int64_t max, int64_t *out)
{
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);

		if (i < 0 || i > max)
			return -1;
		*out = (int64_t)i;
		return 0;
	}
	if (json_is_string(v) &&
	    parse_duration(json_string_value(v), 0, max, out) == OD_OK)
		return 0;
	return -1;
}

/* "HH:MM", 00:00 to 23:59, into minutes after midnight. */
static int
parse_hhmm(const json_t *v, int *out)
{
	const char *s;
	size_t n;
	int h, m;

	if ((s = str_of(v, &n)) == NULL || n != 5 || s[2] != ':' ||
	    !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	*out = h * 60 + m;
	return 0;
}

/*
 * An IANA zone name as far as it can be checked without reading tzdata:
 * [A-Za-z0-9_+/-]{1,63}, no leading '/', no "..".  An unknown name is
 * taken as UTC by subscription_quiet().
 */
static int
valid_tz(const char *s, size_t n)
{
	if (n == 0 || n >= SUB_TZ_MAX || s[0] == '/' || strstr(s, "..") != NULL)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!isalnum(c) && c != '_' && c != '+' && c != '/' &&
		    c != '-')
			return 0;
	}
	return 1;
}

/*
 * An MQTT topic below the prefix: 1..SUB_TARGET_MAX bytes, no wildcard,
 * no NUL or control character, no leading '/', no empty level, no "..".
 */
static const char *
topic_problem(const char *s, size_t n)
{
	if (n == 0 || n > SUB_TARGET_MAX)
		return "must be 1 to 256 bytes";
	if (strpbrk(s, "+#") != NULL)
		return "must not contain the wildcards '+' or '#'";
	if (has_control(s, n))
		return "must not contain control characters";
	if (s[0] == '/')
		return "must not start with '/'";
	if (strstr(s, "..") != NULL)
		return "must not contain \"..\"";
	if (strstr(s, "//") != NULL || s[n - 1] == '/')
		return "must not have an empty level";
	return NULL;
}

/*
 * http:// or https://, an authority without userinfo, a host, an optional
 * port 1..65535; printable ASCII only (no space), at most SUB_URL_MAX.
 */
static const char *
url_problem(const char *s, size_t n)
{
	const char *p, *host, *end, *colon;

	if (n > SUB_URL_MAX)
		return "must be at most 2048 bytes";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c >= 0x7f)
			return "must not contain spaces, control or "
			    "non-ASCII characters (percent-encode them)";
	}
	if ((host = url_host(s)) == NULL)
		return "must be an http or https URL";
	end = host + strcspn(host, "/?#");
	for (p = host; p < end; p++)
		if (*p == '@')
			return "must not contain a user name or password";
	if (end == host)
		return "must name a host";
	if (host[0] == '[') {
		const char *close = memchr(host, ']', (size_t)(end - host));

		if (close == NULL || close == host + 1)
			return "must name a host";
		for (p = host + 1; p < close; p++)
			if (!isxdigit((unsigned char)*p) && *p != ':' &&
			    *p != '.')
				return "has an invalid IPv6 address";
		colon = close + 1 < end ? close + 1 : NULL;
		if (colon != NULL && *colon != ':')
			return "has an invalid host";
	} else {
		colon = memchr(host, ':', (size_t)(end - host));
		if (colon == host)
			return "must name a host";
		for (p = host; p < (colon ? colon : end); p++)
			if (!isalnum((unsigned char)*p) && *p != '-' &&
			    *p != '.' && *p != '_')
				return "has an invalid host";
	}
	if (colon != NULL) {
		char port[8];
		size_t plen = (size_t)(end - colon - 1);
		int64_t v;

		if (plen == 0 || plen >= sizeof(port))
			return "has an invalid port";
		memcpy(port, colon + 1, plen);
		port[plen] = '\0';
		if (parse_i64(port, 1, 65535, &v) != OD_OK)
			return "has an invalid port";
	}
	return NULL;
}

static int
b64val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Strict standard base64 (padding required, nothing else): the number of
 * bytes it decodes to, or -1.
 */
static long
b64_decoded_len(const char *s, size_t n)
{
	size_t pad = 0;

	if (n == 0 || n % 4 != 0)
		return -1;
	if (s[n - 1] == '=')
		pad = s[n - 2] == '=' ? 2 : 1;
	for (size_t i = 0; i < n - pad; i++)
		if (b64val((unsigned char)s[i]) < 0)
			return -1;
	/* the bits the padding leaves over must be zero */
	if (pad == 1 && (b64val((unsigned char)s[n - 2]) & 0x3) != 0)
		return -1;
	if (pad == 2 && (b64val((unsigned char)s[n - 3]) & 0xf) != 0)
		return -1;
	return (long)(n / 4 * 3 - pad);
}

static int
valid_secret(const char *s, size_t n)
{
	size_t pl = strlen(SECRET_PREFIX);
	long d;

	if (n <= pl || strncmp(s, SECRET_PREFIX, pl) != 0)
		return 0;
	d = b64_decoded_len(s + pl, n - pl);
	return d >= 24 && d <= 64;
}

/* Telegram: a numeric chat id (negative for groups) or @channelname. */
static int
valid_chat_id(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || n >= SUB_TARGET_MAX)
		return 0;
	if (s[0] == '@') {
		if (n < 2 || n > 33)
			return 0;
		for (i = 1; i < n; i++)
			if (!isalnum((unsigned char)s[i]) && s[i] != '_')
				return 0;
		return 1;
	}
	if (s[0] == '-')
		i = 1;
	if (i == n || n - i > 20)
		return 0;
	for (; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * One address local@domain for an SMTP header: dot-atom local part (at
 * most 64 bytes), a domain of letters, digits and hyphens in dot-separated
 * labels; no CR, LF, comma, angle bracket, space or quote can pass.
 */
static int
valid_email(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n), *d;
	size_t ln, dn, lab = 0;

	if (n == 0 || n > SUB_EMAIL_MAX || at == NULL)
		return 0;
	ln = (size_t)(at - s);
	d = at + 1;
	dn = n - ln - 1;
	if (ln == 0 || ln > 64 || dn == 0 || memchr(d, '@', dn) != NULL)
		return 0;
	if (s[0] == '.' || s[ln - 1] == '.')
		return 0;
	for (size_t i = 0; i < ln; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.' && s[i + 1] == '.')
			return 0;
		if (!isalnum(c) && strchr(".!#$%&'*+/=?^_`{|}~-", c) == NULL)
			return 0;
	}
	for (size_t i = 0; i < dn; i++) {
		unsigned char c = (unsigned char)d[i];

		if (c == '.') {
			if (lab == 0 || d[i - 1] == '-')
				return 0;
			lab = 0;
			continue;
		}
		if (!isalnum(c) && c != '-')
			return 0;
		if (lab == 0 && c == '-')
			return 0;
		if (++lab > 63)
			return 0;
	}
	return lab > 0 && d[dn - 1] != '-';
}

/* Every key of obj is one of the NULL-terminated names; else says which. */
static int
check_keys(const json_t *obj, const char *prefix, const char *const *names,
    char *err, size_t errlen)
{
	/* jansson's iteration takes no const; nothing is modified */
	json_t *o = (json_t *)(uintptr_t)obj, *v;
	const char *k;

	json_object_foreach(o, k, v) {
		size_t i;

		for (i = 0; names[i] != NULL; i++)
			if (strcmp(k, names[i]) == 0)
				break;
		if (names[i] == NULL)
			return fail(err, errlen, "%sunknown field \"%.64s\"",
			    prefix, k);
	}
	return 0;
}

static int
decode_channel(const json_t *c, struct channel *ch, char *err, size_t errlen)
{
	static const char *const mqtt_keys[] = { "type", "topic", NULL };
	static const char *const webhook_keys[] = { "type", "url", "secret",
	    "preset", "chat_id", NULL };
	static const char *const email_keys[] = { "type", "to", NULL };
	const json_t *v;
	const char *s, *why;
	size_t n;

	if (!json_is_object(c))
		return fail(err, errlen, "channel: must be an object");
	v = json_object_get(c, "type");
	if (v == NULL)
		return fail(err, errlen, "channel.type: missing");
	s = str_of(v, &n);
	if (s != NULL && strcmp(s, "mqtt") == 0)
		ch->type = CHANNEL_MQTT;
	else if (s != NULL && strcmp(s, "webhook") == 0)
		ch->type = CHANNEL_WEBHOOK;
	else if (s != NULL && strcmp(s, "email") == 0)
		ch->type = CHANNEL_EMAIL;
	else
		return fail(err, errlen,
		    "channel.type: must be mqtt, webhook or email");

	switch (ch->type) {
	case CHANNEL_MQTT:
		if (check_keys(c, "channel: ", mqtt_keys, err, errlen) < 0)
			return -1;
		if ((v = json_object_get(c, "topic")) == NULL)
			return fail(err, errlen, "channel.topic: missing "
			    "(an mqtt channel needs a topic)");
		if ((s = str_of(v, &n)) == NULL)
			return fail(err, errlen,
			    "channel.topic: must be a string");
		if ((why = topic_problem(s, n)) != NULL)
			return fail(err, errlen, "channel.topic: %s", why);
		ch->topic = xstrdup(s);
		break;
	case CHANNEL_WEBHOOK:
		if (check_keys(c, "channel: ", webhook_keys, err, errlen) < 0)
			return -1;
		if ((v = json_object_get(c, "url")) == NULL)
			return fail(err, errlen, "channel.url: missing "
			    "(a webhook channel needs a url)");
		if ((s = str_of(v, &n)) == NULL)
			return fail(err, errlen,
			    "channel.url: must be an http or https URL");
		if ((why = url_problem(s, n)) != NULL)
			return fail(err, errlen, "channel.url: %s", why);
		ch->url = xstrdup(s);
		if ((v = json_object_get(c, "secret")) != NULL &&
		    !json_is_null(v)) {
			if ((s = str_of(v, &n)) == NULL ||
			    !valid_secret(s, n))
				return fail(err, errlen, "channel.secret: must "
				    "be \"whsec_\" and the base64 of 24 to 64 "
				    "bytes");
			ch->secret = xstrdup(s);
		}
		ch->preset = PRESET_NONE;
		if ((v = json_object_get(c, "preset")) != NULL &&
		    !json_is_null(v)) {
			s = str_of(v, &n);
			if (s != NULL && strcmp(s, "ntfy") == 0)
				ch->preset = PRESET_NTFY;
			else if (s != NULL && strcmp(s, "telegram") == 0)
				ch->preset = PRESET_TELEGRAM;
			else if (s != NULL && strcmp(s, "slack") == 0)
				ch->preset = PRESET_SLACK;
			else
				return fail(err, errlen, "channel.preset: must "
				    "be null, ntfy, telegram or slack");
		}
		v = json_object_get(c, "chat_id");
		if (ch->preset == PRESET_TELEGRAM) {
			if (v == NULL)
				return fail(err, errlen, "channel.chat_id: "
				    "missing (the telegram preset needs it)");
			if ((s = str_of(v, &n)) == NULL ||
			    !valid_chat_id(s, n))
				return fail(err, errlen, "channel.chat_id: "
				    "must be digits, -digits or @name");
			ch->chat_id = xstrdup(s);
		} else if (v != NULL) {
			return fail(err, errlen, "channel.chat_id: only for "
			    "the telegram preset");
		}
		break;
	case CHANNEL_EMAIL:
		if (check_keys(c, "channel: ", email_keys, err, errlen) < 0)
			return -1;
		if ((v = json_object_get(c, "to")) == NULL)
			return fail(err, errlen, "channel.to: missing "
			    "(an email channel needs an address)");
		if ((s = str_of(v, &n)) == NULL || !valid_email(s, n))
			return fail(err, errlen, "channel.to: must be one "
			    "address local@domain of at most 254 bytes");
		ch->to = xstrdup(s);
		break;
	}
	return 0;
}

static int
decode_regions(const json_t *a, const struct gazetteer *gaz,
    struct subscription *s, char *err, size_t errlen)
{
	size_t i, n;
	const json_t *v;

	if (!json_is_array(a) || (n = json_array_size(a)) == 0)
		return fail(err, errlen, "regions: must be a non-empty array "
		    "of region ids, names or aliases, or [\"*\"]");
	if (n > SUB_REGIONS_MAX)
		return fail(err, errlen, "regions: at most %d",
		    SUB_REGIONS_MAX);
	s->regions = xcalloc(n, sizeof(*s->regions));
	json_array_foreach(a, i, v) {
		const struct region *r;
		const char *name;
		char why[512];
		size_t len, k;
		enum od_err e;

		if ((name = str_of(v, &len)) == NULL || len == 0)
			return fail(err, errlen, "regions[%zu]: must be a "
			    "region id, name or alias", i);
		if (strcmp(name, "*") == 0) {
			if (n != 1)
				return fail(err, errlen, "regions[%zu]: \"*\" "
				    "must be alone", i);
			s->all_regions = 1;
			continue;
		}
		e = gaz_resolve(gaz, name, &r, why, sizeof(why));
		if (e == OD_EINVAL)
			return fail(err, errlen, "regions[%zu]: \"%.64s\" is "
			    "%s", i, name, why);
		if (e != OD_OK || r == NULL)
			return fail(err, errlen, "regions[%zu]: unknown region "
			    "\"%.64s\"", i, name);
		for (k = 0; k < s->nregions; k++)
			if (s->regions[k] == r)
				break;
		if (k == s->nregions)
			s->regions[s->nregions++] = r;
	}
	return 0;
}

static int
decode_quiet(const json_t *q, struct quiet_hours *qh, char *err,
    size_t errlen)
{
	static const char *const keys[] = { "from", "to", "tz", NULL };
	const json_t *v;
	const char *s;
	size_t n;

	if (!json_is_object(q))
		return fail(err, errlen, "quiet_hours: must be an object "
		    "{\"from\", \"to\", \"tz\"} or null");
	if (check_keys(q, "quiet_hours: ", keys, err, errlen) < 0)
		return -1;
	if (parse_hhmm(json_object_get(q, "from"), &qh->from_min) < 0)
		return fail(err, errlen, "quiet_hours.from: expected HH:MM");
	if (parse_hhmm(json_object_get(q, "to"), &qh->to_min) < 0)
		return fail(err, errlen, "quiet_hours.to: expected HH:MM");
	if (qh->from_min == qh->to_min)
		return fail(err, errlen, "quiet_hours.to: must differ from "
		    "quiet_hours.from");
	if ((v = json_object_get(q, "tz")) != NULL && !json_is_null(v)) {
		if ((s = str_of(v, &n)) == NULL || !valid_tz(s, n))
			return fail(err, errlen, "quiet_hours.tz: expected "
			    "an IANA time zone name like \"Europe/Kyiv\"");
		memcpy(qh->tz, s, n + 1);
	}
	qh->set = 1;
	return 0;
}

/* A device id (sensors_valid_id, not called: no include cycle). */
static int
valid_device(const char *s, size_t n)
{
	if (n == 0 || n >= SUB_DEVICE_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '.' &&
		    s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
}

static int
decode(const json_t *j, const struct gazetteer *gaz, struct subscription *s,
    char *err, size_t errlen)
{
	static const char *const keys[] = { "id", "owner", "disabled",
	    "created_at", "name", "regions", "utilities", "min_severity",
	    "min_affected", "min_percent", "channel", "repeat",
	    "send_resolved", "min_clear", "quiet_hours", "lang", "device",
	    NULL };
	const json_t *v, *x;
	const char *str;
	size_t n, i;

	if (!json_is_object(j))
		return fail(err, errlen, "subscription: must be an object");
	if (check_keys(j, "", keys, err, errlen) < 0)
		return -1;

	if ((v = json_object_get(j, "name")) != NULL && !json_is_null(v)) {
		if ((str = str_of(v, &n)) == NULL)
			return fail(err, errlen, "name: must be a string");
		if (n >= SUB_NAME_MAX)
			return fail(err, errlen, "name: at most %d bytes",
			    SUB_NAME_MAX - 1);
		if (has_control(str, n))
			return fail(err, errlen, "name: must not contain "
			    "control characters");
		memcpy(s->name, str, n + 1);
	}

	if ((x = json_object_get(j, "device")) != NULL && !json_is_null(x)) {
		if ((str = str_of(x, &n)) == NULL || !valid_device(str, n))
			return fail(err, errlen, "device: must be a device id "
			    "(1-63 of A-Z a-z 0-9 . _ -)");
		if (json_object_get(j, "regions") != NULL)
			return fail(err, errlen, "device: a subscription names "
			    "regions or a device, not both");
		memcpy(s->device, str, n + 1);
	} else if ((v = json_object_get(j, "regions")) == NULL)
		return fail(err, errlen, "regions: missing (or name a "
		    "\"device\")");
	else if (decode_regions(v, gaz, s, err, errlen) < 0)
		return -1;

	s->utilities = (1u << UTIL_COUNT) - 1;
	if ((v = json_object_get(j, "utilities")) != NULL) {
		if (!json_is_array(v) || json_array_size(v) == 0)
			return fail(err, errlen, "utilities: must be a "
			    "non-empty array of power, heat, water, gas, "
			    "telecom");
		s->utilities = 0;
		json_array_foreach(v, i, x) {
			enum utility u;

			if ((str = str_of(x, &n)) == NULL ||
			    utility_from_name(str, &u) < 0)
				return fail(err, errlen, "utilities[%zu]: must "
				    "be power, heat, water, gas or telecom",
				    i);
			s->utilities |= 1u << u;
		}
	}

	s->min_severity = SEV_MINOR;
	if ((v = json_object_get(j, "min_severity")) != NULL) {
		enum severity sev;

		if ((str = str_of(v, &n)) == NULL ||
		    severity_from_name(str, &sev) < 0 || sev == SEV_NONE)
			return fail(err, errlen, "min_severity: must be "
			    "minor, major or critical");
		s->min_severity = sev;
	}

	if ((v = json_object_get(j, "min_affected")) != NULL) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > SUB_AFFECTED_MAX)
			return fail(err, errlen, "min_affected: must be an "
			    "integer from 0 to %lld",
			    (long long)SUB_AFFECTED_MAX);
		s->min_affected = (int64_t)json_integer_value(v);
	}

	if ((v = json_object_get(j, "min_percent")) != NULL) {
		double p;

		if (!json_is_number(v) || (p = json_number_value(v)) < 0 ||
		    p > 100 || p != p)
			return fail(err, errlen, "min_percent: must be a "
			    "number from 0 to 100");
		s->min_percent = p;
	}

	if ((v = json_object_get(j, "channel")) == NULL)
		return fail(err, errlen, "channel: missing");
	if (decode_channel(v, &s->channel, err, errlen) < 0)
		return -1;

	if ((v = json_object_get(j, "repeat")) != NULL) {
		int64_t sec;

		if (json_seconds(v, SUB_REPEAT_MAX_S, &sec) < 0 ||
		    (sec != 0 && sec < 60))
			return fail(err, errlen, "repeat: must be 0 or a "
			    "duration from 60s to 30d (\"4h\", \"90m\", or "
			    "seconds)");
		s->repeat_ms = sec * 1000;
	}

	s->send_resolved = 1;
	if ((v = json_object_get(j, "send_resolved")) != NULL) {
		if (!json_is_boolean(v))
			return fail(err, errlen, "send_resolved: must be true "
			    "or false");
		s->send_resolved = json_is_true(v);
	}

	s->min_clear_ms = -1;
	if ((v = json_object_get(j, "min_clear")) != NULL && !json_is_null(v)) {
		int64_t sec;

		if (json_seconds(v, SUB_MIN_CLEAR_MAX_S, &sec) < 0)
			return fail(err, errlen, "min_clear: must be a "
			    "duration from 0 to 1d (\"5m\", \"90s\", or "
			    "seconds)");
		s->min_clear_ms = sec * 1000;
	}

	if ((v = json_object_get(j, "quiet_hours")) != NULL &&
	    !json_is_null(v) && decode_quiet(v, &s->quiet, err, errlen) < 0)
		return -1;

	memcpy(s->lang, "en", 3);
	if ((v = json_object_get(j, "lang")) != NULL) {
		if ((str = str_of(v, &n)) == NULL ||
		    (strcmp(str, "en") != 0 && strcmp(str, "uk") != 0))
			return fail(err, errlen, "lang: en or uk");
		memcpy(s->lang, str, 3);
	}
	return 0;
}

struct subscription *
subscription_from_json(const json_t *j, const struct gazetteer *gaz,
    char *err, size_t errlen)
{
	struct subscription *s = xcalloc(1, sizeof(*s));

	if (decode(j, gaz, s, err, errlen) < 0) {
		subscription_free(s);
		return NULL;
	}
	return s;
}

static void
set_str(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, v ? json_string(v) : json_null());
}

json_t *
subscription_to_json(const struct subscription *s, int with_secret)
{
	json_t *o = json_object(), *a, *c;
	const struct channel *ch = &s->channel;

	json_object_set_new(o, "id", json_integer(s->id));
	json_object_set_new(o, "name", json_string(s->name));
	if (s->device[0] != '\0') {
		json_object_set_new(o, "device", json_string(s->device));
	} else {
		a = json_array();
		if (s->all_regions)
			json_array_append_new(a, json_string("*"));
		for (size_t i = 0; i < s->nregions; i++)
			json_array_append_new(a,
			    json_string(s->regions[i]->id));
		json_object_set_new(o, "regions", a);
		json_object_set_new(o, "device", json_null());
	}
	a = json_array();
	for (unsigned u = 0; u < UTIL_COUNT; u++)
		if (s->utilities & (1u << u))
			json_array_append_new(a,
			    json_string(utility_name((enum utility)u)));
	json_object_set_new(o, "utilities", a);
	set_str(o, "min_severity", severity_name(s->min_severity));
	json_object_set_new(o, "min_affected", json_integer(s->min_affected));
	json_object_set_new(o, "min_percent", json_real(s->min_percent));

	c = json_object();
	set_str(c, "type", channel_type_name(ch->type));
	switch (ch->type) {
	case CHANNEL_MQTT:
		set_str(c, "topic", ch->topic);
		break;
	case CHANNEL_WEBHOOK:
		set_str(c, "url", ch->url);
		if (ch->secret != NULL)
			set_str(c, "secret", with_secret ? ch->secret :
			    SECRET_PREFIX "\xe2\x80\xa6");
		else
			json_object_set_new(c, "secret", json_null());
		set_str(c, "preset", webhook_preset_name(ch->preset));
		if (ch->preset == PRESET_TELEGRAM)
			set_str(c, "chat_id", ch->chat_id);
		break;
	case CHANNEL_EMAIL:
		set_str(c, "to", ch->to);
		break;
	}
	json_object_set_new(o, "channel", c);

	json_object_set_new(o, "repeat", json_integer(s->repeat_ms / 1000));
	json_object_set_new(o, "send_resolved",
	    json_boolean(s->send_resolved));
	json_object_set_new(o, "min_clear", s->min_clear_ms < 0 ? json_null() :
	    json_integer(s->min_clear_ms / 1000));
	if (s->quiet.set) {
		char hm[8];
		json_t *q = json_object();

		snprintf(hm, sizeof(hm), "%02d:%02d", s->quiet.from_min / 60,
		    s->quiet.from_min % 60);
		set_str(q, "from", hm);
		snprintf(hm, sizeof(hm), "%02d:%02d", s->quiet.to_min / 60,
		    s->quiet.to_min % 60);
		set_str(q, "to", hm);
		if (s->quiet.tz[0] != '\0')
			set_str(q, "tz", s->quiet.tz);
		json_object_set_new(o, "quiet_hours", q);
	} else {
		json_object_set_new(o, "quiet_hours", json_null());
	}
	set_str(o, "lang", s->lang[0] ? s->lang : "en");
	set_str(o, "owner", s->owner);
	json_object_set_new(o, "disabled", json_boolean(s->disabled));
	json_object_set_new(o, "created_at", json_integer(s->created_at));
	return o;
}

int
channel_from_json(const json_t *j, struct channel *ch, char *err,
    size_t errlen)
{
	memset(ch, 0, sizeof(*ch));
	if (decode_channel(j, ch, err, errlen) < 0) {
		channel_free(ch);
		return -1;
	}
	return 0;
}

void
channel_free(struct channel *ch)
{
	free(ch->url);
	free(ch->secret);
	free(ch->chat_id);
	free(ch->to);
	free(ch->topic);
	memset(ch, 0, sizeof(*ch));
}

void
subscription_free(struct subscription *s)
{
	if (s == NULL)
		return;
	free(s->regions);
	free(s->channel.url);
	free(s->channel.secret);
	free(s->channel.chat_id);
	free(s->channel.to);
	free(s->channel.topic);
	free(s->owner);
	free(s);
}

int
subscription_covers(const struct subscription *s, const struct region *r)
{
	if (s->all_regions)
		return 1;
	for (size_t i = 0; i < s->nregions; i++)
		if (region_within(r, s->regions[i]))
			return 1;
	return 0;
}

int
subscription_wants_utility(const struct subscription *s, enum utility u)
{
	return (unsigned)u < UTIL_COUNT && (s->utilities & (1u << u)) != 0;
}

int
subscription_fires(const struct subscription *s, const struct figure *f)
{
	if (f->severity < s->min_severity || f->severity == SEV_NONE)
		return 0;
	if (s->min_affected > 0 &&
	    (f->affected < 0 || f->affected < s->min_affected))
		return 0;
	if (s->min_percent > 0 &&
	    (f->percent < 0 || f->percent < s->min_percent))
		return 0;
	return 1;
}

int
subscription_clears(const struct subscription *s, const struct figure *f)
{
	enum severity clear = s->min_severity > SEV_MINOR ?
	    (enum severity)(s->min_severity - 1) : SEV_MINOR;

	if (f->severity < clear)
		return 1;
	/* four fifths, in integers: affected < min * 4/5 */
	if (s->min_affected > 0 &&
	    (f->affected < 0 || f->affected * 5 < s->min_affected * 4))
		return 1;
	if (s->min_percent > 0 &&
	    (f->percent < 0 || f->percent < s->min_percent * 0.8))
		return 1;
	return 0;
}

/*
 * The one place that reads tzdata: the local time of `at` in zone tz
 * ("" for UTC) and the wall ms of the next local hh:mm after it, through
 * the C library (TZ set, tzset, localtime_r/mktime, TZ restored).  This
 * changes the process environment for a moment, which is safe in this
 * single-threaded daemon.  An unknown zone is UTC (glibc's behaviour).
 */
static void
local_time(const char *tz, int64_t at, int until_min, int *minute,
    int64_t *until)
{
	const char *old = getenv("TZ");
	char *saved = old ? xstrdup(old) : NULL;
	time_t t = (time_t)(at / 1000), u;
	struct tm tm, end;

	if (at % 1000 < 0)
		t--;
	setenv("TZ", tz[0] ? tz : "UTC", 1);
	tzset();
	localtime_r(&t, &tm);
	*minute = tm.tm_hour * 60 + tm.tm_min;
	end = tm;
	end.tm_hour = until_min / 60;
	end.tm_min = until_min % 60;
	end.tm_sec = 0;
	end.tm_isdst = -1;
	if (until_min <= *minute)
		end.tm_mday++;
	u = mktime(&end);
	*until = (int64_t)u * 1000;
	if (saved != NULL) {
		setenv("TZ", saved, 1);
		free(saved);
	} else {
		unsetenv("TZ");
	}
	tzset();
}

int
subscription_quiet(const struct subscription *s, int64_t at, int64_t *until)
{
	const struct quiet_hours *q = &s->quiet;
	int m, in;
	int64_t end;

	if (!q->set || q->from_min == q->to_min)
		return 0;
	local_time(q->tz, at, q->to_min, &m, &end);
	if (q->from_min < q->to_min)
		in = m >= q->from_min && m < q->to_min;
	else
		in = m >= q->from_min || m < q->to_min;
	if (!in)
		return 0;
	if (end <= at)		/* a DST gap swallowed the end: go on now */
		return 0;
	if (until != NULL)
		*until = end;
	return 1;
}
