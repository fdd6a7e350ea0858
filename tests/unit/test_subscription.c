/* SPDX-License-Identifier: MIT */
/*
 * test_subscription.c - subscriptions: every validation error names its
 * field, the JSON round trip, covers/fires/clears with hysteresis, quiet
 * hours in the subscriber's zone.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "agg.h"
#include "buf.h"
#include "region.h"
#include "subscription.h"

#include "t.h"

static struct gazetteer *gaz;

/* 32 zero bytes, base64: a valid secret body */
#define SECRET32	"whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

static struct subscription *
parse(const char *text, char *err, size_t errlen)
{
	json_error_t je;
	json_t *j = json_loads(text, JSON_ALLOW_NUL, &je);
	struct subscription *s;

	if (j == NULL) {
		fprintf(stderr, "bad test JSON: %s: %s\n", text, je.text);
		snprintf(err, errlen, "(bad test JSON)");
		return NULL;
	}
	err[0] = '\0';
	s = subscription_from_json(j, gaz, err, errlen);
	json_decref(j);
	return s;
}

/* The subscription is refused and the error starts with want. */
static int
refused(const char *text, const char *want)
{
	char err[512];
	struct subscription *s = parse(text, err, sizeof(err));

	if (s != NULL) {
		subscription_free(s);
		fprintf(stderr, "accepted: %s\n", text);
		return 0;
	}
	if (strncmp(err, want, strlen(want)) != 0) {
		fprintf(stderr, "%s\n  error \"%s\", expected \"%s...\"\n",
		    text, err, want);
		return 0;
	}
	return 1;
}

static int
accepted(const char *text)
{
	char err[512];
	struct subscription *s = parse(text, err, sizeof(err));

	if (s == NULL) {
		fprintf(stderr, "refused: %s: %s\n", text, err);
		return 0;
	}
	subscription_free(s);
	return 1;
}

#define CH_MQTT	"\"channel\":{\"type\":\"mqtt\",\"topic\":\"home/dnipro\"}"
#define R_UA12	"\"regions\":[\"UA-12\"]"

static void
test_minimal_defaults(void)
{
	char err[256];
	struct subscription *s = parse("{" R_UA12 "," CH_MQTT "}", err,
	    sizeof(err));

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(s->nregions, 1);
	CHECK_STR(s->regions[0]->id, "UA-12");
	CHECK_INT(s->all_regions, 0);
	CHECK_INT(s->utilities, (1u << UTIL_COUNT) - 1);
	CHECK_INT(s->min_severity, SEV_MINOR);
	CHECK_INT(s->min_affected, 0);
	CHECK_NEAR(s->min_percent, 0, 0);
	CHECK_INT(s->channel.type, CHANNEL_MQTT);
	CHECK_STR(s->channel.topic, "home/dnipro");
	CHECK_INT(s->repeat_ms, 0);
	CHECK_INT(s->send_resolved, 1);
	CHECK_INT(s->min_clear_ms, -1);
	CHECK_INT(s->quiet.set, 0);
	CHECK_STR(s->lang, "en");
	CHECK_STR(s->name, "");
	subscription_free(s);
}

static void
test_regions(void)
{
	char err[512];
	struct subscription *s;

	/* names and aliases resolve; duplicates collapse */
	s = parse("{\"regions\":[\"Dnipropetrovsk\",\"UA-12\",\"kharkov\","
	    "\"Dnipro region\"]," CH_MQTT "}", err, sizeof(err));
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK_INT(s->nregions, 2);
		CHECK_STR(s->regions[0]->id, "UA-12");
		CHECK(strncmp(s->regions[1]->id, "UA-63", 5) == 0);
		subscription_free(s);
	}
	s = parse("{\"regions\":[\"*\"]," CH_MQTT "}", err, sizeof(err));
	CHECK(s != NULL && s->all_regions && s->nregions == 0);
	subscription_free(s);

	CHECK(refused("{\"regions\":[\"UA-12\",\"Atlantis\"]," CH_MQTT "}",
	    "regions[1]: unknown region \"Atlantis\""));
	CHECK(refused("{\"regions\":[\"Limburg\"]," CH_MQTT "}",
	    "regions[0]: \"Limburg\" is ambiguous"));
	s = parse("{\"regions\":[\"Limburg\"]," CH_MQTT "}", err, sizeof(err));
	CHECK(s == NULL && strstr(err, "BE-VLI") && strstr(err, "NL-LI"));
	CHECK(refused("{\"regions\":[]," CH_MQTT "}", "regions: "));
	CHECK(refused("{\"regions\":\"UA-12\"," CH_MQTT "}", "regions: "));
	CHECK(refused("{" CH_MQTT "}", "regions: missing"));
	CHECK(refused("{\"regions\":[\"*\",\"UA-12\"]," CH_MQTT "}",
	    "regions[0]: \"*\" must be alone"));
	CHECK(refused("{\"regions\":[12]," CH_MQTT "}", "regions[0]: "));
	CHECK(refused("{\"regions\":[\"\"]," CH_MQTT "}", "regions[0]: "));
	{
		/* SUB_REGIONS_MAX + 1 entries */
		struct buf b;

		buf_init(&b, BUF_UNBOUNDED);
		buf_adds(&b, "{\"regions\":[");
		for (int i = 0; i <= SUB_REGIONS_MAX; i++)
			buf_printf(&b, "%s\"UA-12\"", i ? "," : "");
		buf_adds(&b, "]," CH_MQTT "}");
		CHECK(refused(buf_str(&b), "regions: at most 256"));
		buf_free(&b);
	}
}

static void
test_fields_refused(void)
{
	/* unknown keys, at the top and in the channel */
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"foo\":1}",
	    "unknown field \"foo\""));
	CHECK(refused("{" R_UA12 ",\"channel\":{\"type\":\"mqtt\","
	    "\"topic\":\"a\",\"url\":\"http://x\"}}",
	    "channel: unknown field \"url\""));
	CHECK(refused("[]", "subscription: must be an object"));
	/* utilities */
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"utilities\":[\"power\","
	    "\"internet\"]}", "utilities[1]: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"utilities\":[]}",
	    "utilities: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"utilities\":\"power\"}",
	    "utilities: "));
	/* thresholds */
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"min_severity\":\"none\"}",
	    "min_severity: must be minor, major or critical"));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"min_severity\":\"huge\"}",
	    "min_severity: must be minor, major or critical"));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"min_affected\":-1}",
	    "min_affected: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"min_affected\":1.5}",
	    "min_affected: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"min_affected\":\"10\"}",
	    "min_affected: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"min_percent\":100.5}",
	    "min_percent: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"min_percent\":-0.1}",
	    "min_percent: "));
	CHECK(accepted("{" R_UA12 "," CH_MQTT ",\"min_percent\":100}"));
	CHECK(accepted("{" R_UA12 "," CH_MQTT ",\"min_percent\":2}"));
	/* durations */
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"repeat\":\"30s\"}",
	    "repeat: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"repeat\":59}", "repeat: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"repeat\":\"soon\"}",
	    "repeat: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"repeat\":-60}", "repeat: "));
	CHECK(accepted("{" R_UA12 "," CH_MQTT ",\"repeat\":0}"));
	CHECK(accepted("{" R_UA12 "," CH_MQTT ",\"repeat\":\"60s\"}"));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"min_clear\":\"2d\"}",
	    "min_clear: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"min_clear\":-1}",
	    "min_clear: "));
	CHECK(accepted("{" R_UA12 "," CH_MQTT ",\"min_clear\":\"1d\"}"));
	CHECK(accepted("{" R_UA12 "," CH_MQTT ",\"min_clear\":0}"));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"send_resolved\":1}",
	    "send_resolved: "));
	/* quiet hours */
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":{\"from\":"
	    "\"22\",\"to\":\"07:00\"}}", "quiet_hours.from: expected HH:MM"));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":{\"from\":"
	    "\"24:00\",\"to\":\"07:00\"}}",
	    "quiet_hours.from: expected HH:MM"));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":{\"from\":"
	    "\"22:00\",\"to\":\"7:00\"}}", "quiet_hours.to: expected HH:MM"));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":{\"from\":"
	    "\"22:00\",\"to\":\"07:60\"}}", "quiet_hours.to: expected HH:MM"));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":{\"from\":"
	    "\"22:00\",\"to\":\"22:00\"}}", "quiet_hours.to: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":{\"from\":"
	    "\"22:00\",\"to\":\"07:00\",\"tz\":\"../../etc/passwd\"}}",
	    "quiet_hours.tz: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":{\"from\":"
	    "\"22:00\",\"to\":\"07:00\",\"tz\":\"/etc/localtime\"}}",
	    "quiet_hours.tz: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":{\"from\":"
	    "\"22:00\",\"to\":\"07:00\",\"tz\":\"Europe/Kyiv Time\"}}",
	    "quiet_hours.tz: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":{\"from\":"
	    "\"22:00\",\"to\":\"07:00\",\"zone\":\"UTC\"}}",
	    "quiet_hours: unknown field \"zone\""));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":\"22-07\"}",
	    "quiet_hours: "));
	CHECK(accepted("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":{\"from\":"
	    "\"22:00\",\"to\":\"07:00\",\"tz\":\"America/Argentina/"
	    "Buenos_Aires\"}}"));
	/* lang, name */
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"lang\":\"ru\"}",
	    "lang: en or uk"));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"name\":\"a\\nb\"}",
	    "name: "));
	CHECK(refused("{" R_UA12 "," CH_MQTT ",\"name\":7}", "name: "));
	/* assigned by the daemon: ignored, whatever they hold */
	CHECK(accepted("{" R_UA12 "," CH_MQTT ",\"id\":\"x\",\"owner\":1,"
	    "\"disabled\":true,\"created_at\":null}"));
}

static void
test_channels_refused(void)
{
#define SUB(ch)	"{" R_UA12 ",\"channel\":" ch "}"
	CHECK(refused(SUB("\"mqtt\""), "channel: must be an object"));
	CHECK(refused("{" R_UA12 "}", "channel: missing"));
	CHECK(refused(SUB("{\"topic\":\"a\"}"), "channel.type: missing"));
	CHECK(refused(SUB("{\"type\":\"sms\"}"),
	    "channel.type: must be mqtt, webhook or email"));
	/* mqtt */
	CHECK(refused(SUB("{\"type\":\"mqtt\"}"), "channel.topic: missing"));
	CHECK(refused(SUB("{\"type\":\"mqtt\",\"topic\":\"\"}"),
	    "channel.topic: "));
	CHECK(refused(SUB("{\"type\":\"mqtt\",\"topic\":\"a/+/b\"}"),
	    "channel.topic: "));
	CHECK(refused(SUB("{\"type\":\"mqtt\",\"topic\":\"a/#\"}"),
	    "channel.topic: "));
	CHECK(refused(SUB("{\"type\":\"mqtt\",\"topic\":\"/a\"}"),
	    "channel.topic: "));
	CHECK(refused(SUB("{\"type\":\"mqtt\",\"topic\":\"a/../b\"}"),
	    "channel.topic: "));
	CHECK(refused(SUB("{\"type\":\"mqtt\",\"topic\":\"a\\u0000b\"}"),
	    "channel.topic: "));
	CHECK(refused(SUB("{\"type\":\"mqtt\",\"topic\":\"a\\tb\"}"),
	    "channel.topic: "));
	CHECK(refused(SUB("{\"type\":\"mqtt\",\"topic\":\"a//b\"}"),
	    "channel.topic: "));
	CHECK(refused(SUB("{\"type\":\"mqtt\",\"topic\":7}"),
	    "channel.topic: "));
	CHECK(accepted(SUB("{\"type\":\"mqtt\",\"topic\":\"дім/Дніпро\"}")));
	{
		char t[SUB_TARGET_MAX + 2], j[512];

		memset(t, 'a', sizeof(t) - 1);
		t[SUB_TARGET_MAX + 1] = '\0';
		snprintf(j, sizeof(j), SUB("{\"type\":\"mqtt\",\"topic\":"
		    "\"%s\"}"), t);
		CHECK(refused(j, "channel.topic: "));
		t[SUB_TARGET_MAX] = '\0';
		snprintf(j, sizeof(j), SUB("{\"type\":\"mqtt\",\"topic\":"
		    "\"%s\"}"), t);
		CHECK(accepted(j));
	}
	/* webhook url */
	CHECK(refused(SUB("{\"type\":\"webhook\"}"), "channel.url: missing"));
	CHECK(refused(SUB("{\"type\":\"webhook\",\"url\":\"ftp://x.org/\"}"),
	    "channel.url: must be an http or https URL"));
	CHECK(refused(SUB("{\"type\":\"webhook\",\"url\":\"x.org/hook\"}"),
	    "channel.url: must be an http or https URL"));
	CHECK(refused(SUB("{\"type\":\"webhook\",\"url\":"
	    "\"https://user:pw@x.org/\"}"), "channel.url: "));
	CHECK(refused(SUB("{\"type\":\"webhook\",\"url\":"
	    "\"https://x.org/a b\"}"), "channel.url: "));
	CHECK(refused(SUB("{\"type\":\"webhook\",\"url\":"
	    "\"https://x.org/\\r\\nX: y\"}"), "channel.url: "));
	CHECK(refused(SUB("{\"type\":\"webhook\",\"url\":\"https:///a\"}"),
	    "channel.url: "));
	CHECK(refused(SUB("{\"type\":\"webhook\",\"url\":"
	    "\"https://x.org:99999/\"}"), "channel.url: "));
	CHECK(accepted(SUB("{\"type\":\"webhook\",\"url\":"
	    "\"https://hooks.example.org:8443/a?b=c#d\"}")));
	CHECK(accepted(SUB("{\"type\":\"webhook\",\"url\":"
	    "\"http://[2001:db8::1]:8080/x\"}")));
	{
		char u[SUB_URL_MAX + 2], j[SUB_URL_MAX + 256];

		memcpy(u, "https://x.org/", 14);
		memset(u + 14, 'a', sizeof(u) - 15);
		u[SUB_URL_MAX + 1] = '\0';
		snprintf(j, sizeof(j), SUB("{\"type\":\"webhook\",\"url\":"
		    "\"%s\"}"), u);
		CHECK(refused(j, "channel.url: "));
		u[SUB_URL_MAX] = '\0';
		snprintf(j, sizeof(j), SUB("{\"type\":\"webhook\",\"url\":"
		    "\"%s\"}"), u);
		CHECK(accepted(j));
	}
#define HOOK	"\"type\":\"webhook\",\"url\":\"https://x.org/h\""
	/* secret: whsec_ + base64 of 24..64 bytes */
	CHECK(accepted(SUB("{" HOOK ",\"secret\":\"" SECRET32 "\"}")));
	CHECK(accepted(SUB("{" HOOK ",\"secret\":null}")));
	CHECK(refused(SUB("{" HOOK ",\"secret\":\"hunter2\"}"),
	    "channel.secret: "));
	CHECK(refused(SUB("{" HOOK ",\"secret\":\"whsec_AAAA\"}"),
	    "channel.secret: "));		/* 3 bytes */
	CHECK(accepted(SUB("{" HOOK ",\"secret\":\"whsec_"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}")));	/* 24 bytes */
	CHECK(refused(SUB("{" HOOK ",\"secret\":\"whsec_"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\"}"),
	    "channel.secret: "));		/* 22 bytes */
	CHECK(refused(SUB("{" HOOK ",\"secret\":\"whsec_"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*A\"}"),
	    "channel.secret: "));		/* not base64 */
	CHECK(refused(SUB("{" HOOK ",\"secret\":\"whsec_"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}"),
	    "channel.secret: "));		/* 69 bytes */
	CHECK(refused(SUB("{" HOOK ",\"secret\":\"whsec_"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}"),
	    "channel.secret: "));		/* not a multiple of 4 */
	/* preset and chat_id */
	CHECK(refused(SUB("{" HOOK ",\"preset\":\"discord\"}"),
	    "channel.preset: "));
	CHECK(refused(SUB("{" HOOK ",\"preset\":\"telegram\"}"),
	    "channel.chat_id: missing"));
	CHECK(refused(SUB("{" HOOK ",\"preset\":\"telegram\",\"chat_id\":"
	    "\"12a\"}"), "channel.chat_id: "));
	CHECK(refused(SUB("{" HOOK ",\"preset\":\"telegram\",\"chat_id\":"
	    "12345}"), "channel.chat_id: "));
	CHECK(refused(SUB("{" HOOK ",\"preset\":\"ntfy\",\"chat_id\":"
	    "\"12345\"}"), "channel.chat_id: only for the telegram preset"));
	CHECK(refused(SUB("{" HOOK ",\"chat_id\":\"12345\"}"),
	    "channel.chat_id: only for the telegram preset"));
	CHECK(accepted(SUB("{" HOOK ",\"preset\":\"telegram\",\"chat_id\":"
	    "\"-100123\"}")));
	CHECK(accepted(SUB("{" HOOK ",\"preset\":\"telegram\",\"chat_id\":"
	    "\"@outages_ua\"}")));
	CHECK(accepted(SUB("{" HOOK ",\"preset\":\"slack\"}")));
	CHECK(accepted(SUB("{" HOOK ",\"preset\":null}")));
	CHECK(refused(SUB("{" HOOK ",\"to\":\"a@b.org\"}"),
	    "channel: unknown field \"to\""));
	/* email */
	CHECK(refused(SUB("{\"type\":\"email\"}"), "channel.to: missing"));
	CHECK(accepted(SUB("{\"type\":\"email\",\"to\":\"ops@example.org\"}")));
	CHECK(accepted(SUB("{\"type\":\"email\",\"to\":"
	    "\"first.last+tag@mail.example.org\"}")));
	{
		static const char *const bad[] = {
			"ops", "@example.org", "ops@", "a@b@c.org",
			"ops@example.org\\r\\nBcc: x@y.org",
			"ops@example.org, x@y.org", "<ops@example.org>",
			"Ops <ops@example.org>", "ops @example.org",
			"ops@exa mple.org", "ops@example..org", ".ops@x.org",
			"o..ps@x.org", "ops@-x.org", "ops@x.org\\n",
		};
		char j[512];

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			snprintf(j, sizeof(j), SUB("{\"type\":\"email\","
			    "\"to\":\"%s\"}"), bad[i]);
			CHECK(refused(j, "channel.to: "));
		}
	}
	{
		char local[64], dom[200], j[600];

		memset(local, 'a', 63);
		local[63] = '\0';
		memset(dom, 'b', sizeof(dom) - 1);
		dom[sizeof(dom) - 1] = '\0';
		for (size_t k = 60; k < sizeof(dom) - 1; k += 61)
			dom[k] = '.';
		/* 63 + 1 + 199 = 263 bytes > 254 */
		snprintf(j, sizeof(j), SUB("{\"type\":\"email\",\"to\":"
		    "\"%s@%s\"}"), local, dom);
		CHECK(refused(j, "channel.to: "));
	}
	CHECK(refused(SUB("{\"type\":\"email\",\"to\":\"a@b.org\","
	    "\"cc\":\"c@d.org\"}"), "channel: unknown field \"cc\""));
#undef SUB
}

static int
same_sub(const struct subscription *a, const struct subscription *b)
{
	const struct channel *x = &a->channel, *y = &b->channel;

#define SAMESTR(p, q)	(((p) == NULL && (q) == NULL) || \
			    ((p) && (q) && strcmp((p), (q)) == 0))
	if (strcmp(a->name, b->name) != 0 ||
	    a->all_regions != b->all_regions || a->nregions != b->nregions ||
	    a->utilities != b->utilities ||
	    a->min_severity != b->min_severity ||
	    a->min_affected != b->min_affected ||
	    a->min_percent != b->min_percent || a->repeat_ms != b->repeat_ms ||
	    a->send_resolved != b->send_resolved ||
	    a->min_clear_ms != b->min_clear_ms ||
	    a->quiet.set != b->quiet.set ||
	    a->quiet.from_min != b->quiet.from_min ||
	    a->quiet.to_min != b->quiet.to_min ||
	    strcmp(a->quiet.tz, b->quiet.tz) != 0 ||
	    strcmp(a->lang, b->lang) != 0 || x->type != y->type ||
	    x->preset != y->preset || !SAMESTR(x->url, y->url) ||
	    !SAMESTR(x->secret, y->secret) || !SAMESTR(x->chat_id, y->chat_id) ||
	    !SAMESTR(x->to, y->to) || !SAMESTR(x->topic, y->topic))
		return 0;
	for (size_t i = 0; i < a->nregions; i++)
		if (a->regions[i] != b->regions[i])
			return 0;
	return 1;
#undef SAMESTR
}

static void
test_round_trip(void)
{
	static const char *const subs[] = {
		"{\"name\":\"Dnipro ops\",\"regions\":[\"UA-12\",\"Kharkiv\"],"
		"\"utilities\":[\"power\",\"heat\"],\"min_severity\":\"major\","
		"\"min_affected\":10000,\"min_percent\":5.5,\"channel\":"
		"{\"type\":\"webhook\",\"url\":\"https://x.org/h\",\"secret\":"
		"\"" SECRET32 "\",\"preset\":\"telegram\",\"chat_id\":\"42\"},"
		"\"repeat\":\"4h\",\"send_resolved\":false,\"min_clear\":\"5m\","
		"\"quiet_hours\":{\"from\":\"22:00\",\"to\":\"07:30\",\"tz\":"
		"\"Europe/Kyiv\"},\"lang\":\"uk\"}",
		"{\"regions\":[\"*\"],\"channel\":{\"type\":\"email\",\"to\":"
		"\"ops@example.org\"},\"quiet_hours\":{\"from\":\"01:00\","
		"\"to\":\"02:00\"}}",
		"{\"regions\":[\"US-TX\"],\"utilities\":[\"telecom\"],"
		"\"channel\":{\"type\":\"mqtt\",\"topic\":\"tx/telecom\"},"
		"\"min_clear\":0}",
		"{\"regions\":[\"UA-12:dnipro\"],\"channel\":{\"type\":"
		"\"webhook\",\"url\":\"http://10.0.0.1/x\"}}",
	};

	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		char err[512];
		struct subscription *a = parse(subs[i], err, sizeof(err)), *b;
		json_t *j;

		CHECK(a != NULL);
		if (a == NULL) {
			fprintf(stderr, "%s\n", err);
			continue;
		}
		a->id = 7;
		j = subscription_to_json(a, 1);
		CHECK_INT(json_integer_value(json_object_get(j, "id")), 7);
		b = subscription_from_json(j, gaz, err, sizeof(err));
		CHECK(b != NULL);
		if (b != NULL)
			CHECK(same_sub(a, b));
		else
			fprintf(stderr, "%s\n", err);
		json_decref(j);
		subscription_free(b);
		subscription_free(a);
	}
}

static void
test_secret_masked(void)
{
	char err[512];
	struct subscription *s = parse("{" R_UA12 ",\"channel\":{"
	    HOOK ",\"secret\":\"" SECRET32 "\"}}", err, sizeof(err));
	json_t *j;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	j = subscription_to_json(s, 0);
	CHECK_STR(json_string_value(json_object_get(json_object_get(j,
	    "channel"), "secret")), "whsec_\xe2\x80\xa6");
	/* a masked secret is not a secret: refused on input */
	CHECK(subscription_from_json(j, gaz, err, sizeof(err)) == NULL);
	CHECK(strncmp(err, "channel.secret: ", 16) == 0);
	json_decref(j);
	j = subscription_to_json(s, 1);
	CHECK_STR(json_string_value(json_object_get(json_object_get(j,
	    "channel"), "secret")), SECRET32);
	json_decref(j);
	subscription_free(s);
}

static void
test_covers(void)
{
	char err[256];
	struct subscription *s = parse("{" R_UA12 "," CH_MQTT ",\"utilities\":"
	    "[\"power\",\"gas\"]}", err, sizeof(err));
	struct subscription *all = parse("{\"regions\":[\"*\"]," CH_MQTT "}",
	    err, sizeof(err));

	CHECK(s != NULL && all != NULL);
	if (s == NULL || all == NULL)
		return;
	CHECK(subscription_covers(s, gaz_by_id(gaz, "UA-12")));
	CHECK(subscription_covers(s, gaz_by_id(gaz, "UA-12:dnipro")));
	CHECK(!subscription_covers(s, gaz_by_id(gaz, "UA-63")));
	CHECK(!subscription_covers(s, gaz_by_id(gaz, "UA-63:kharkiv")));
	CHECK(!subscription_covers(s, gaz_by_id(gaz, "UA")));
	CHECK(subscription_covers(all, gaz_by_id(gaz, "UA")));
	CHECK(subscription_covers(all, gaz_by_id(gaz, "US-TX")));
	CHECK(subscription_covers(all, gaz_by_id(gaz, "UA-12:dnipro")));
	CHECK(subscription_wants_utility(s, UTIL_POWER));
	CHECK(subscription_wants_utility(s, UTIL_GAS));
	CHECK(!subscription_wants_utility(s, UTIL_HEAT));
	CHECK(subscription_wants_utility(all, UTIL_TELECOM));
	subscription_free(s);
	subscription_free(all);
}

static struct figure
fig(enum severity sev, int64_t affected, double percent)
{
	struct figure f;

	memset(&f, 0, sizeof(f));
	f.status = sev == SEV_NONE ? FS_RESTORED : FS_OUTAGE;
	f.severity = sev;
	f.affected = affected;
	f.percent = percent;
	return f;
}

static void
test_fires_clears(void)
{
	char err[256];
	struct subscription *s;
	struct figure f;

	/* severity only: min major fires at major, clears below minor */
	s = parse("{" R_UA12 "," CH_MQTT ",\"min_severity\":\"major\"}", err,
	    sizeof(err));
	CHECK(s != NULL);
	if (s == NULL)
		return;
	f = fig(SEV_MINOR, 100, 1);
	CHECK(!subscription_fires(s, &f));
	CHECK(!subscription_clears(s, &f));
	f = fig(SEV_MAJOR, 100, 6);
	CHECK(subscription_fires(s, &f));
	CHECK(!subscription_clears(s, &f));
	f = fig(SEV_NONE, 0, 0);
	CHECK(!subscription_fires(s, &f));
	CHECK(subscription_clears(s, &f));
	subscription_free(s);

	/* min critical: clears below major */
	s = parse("{" R_UA12 "," CH_MQTT ",\"min_severity\":\"critical\"}",
	    err, sizeof(err));
	f = fig(SEV_MAJOR, 100, 6);
	CHECK(!subscription_fires(s, &f));
	CHECK(!subscription_clears(s, &f));
	f = fig(SEV_MINOR, 100, 1);
	CHECK(subscription_clears(s, &f));
	subscription_free(s);

	/* min minor: fires at minor, clears at none */
	s = parse("{" R_UA12 "," CH_MQTT "}", err, sizeof(err));
	f = fig(SEV_MINOR, -1, -1);		/* no count, no percent */
	CHECK(subscription_fires(s, &f));
	CHECK(!subscription_clears(s, &f));
	f = fig(SEV_NONE, 0, 0);
	CHECK(!subscription_fires(s, &f));
	CHECK(subscription_clears(s, &f));
	subscription_free(s);

	/* counts: fire at 10000, clear below 8000 */
	s = parse("{" R_UA12 "," CH_MQTT ",\"min_affected\":10000}", err,
	    sizeof(err));
	f = fig(SEV_MAJOR, 10000, 5);
	CHECK(subscription_fires(s, &f));
	f = fig(SEV_MAJOR, 9999, 5);
	CHECK(!subscription_fires(s, &f));
	CHECK(!subscription_clears(s, &f));
	f = fig(SEV_MAJOR, 8000, 5);
	CHECK(!subscription_clears(s, &f));
	f = fig(SEV_MAJOR, 7999, 5);
	CHECK(subscription_clears(s, &f));
	/* an outage with no count meets min_affected only when it is 0 */
	f = fig(SEV_MINOR, -1, -1);
	CHECK(!subscription_fires(s, &f));
	CHECK(subscription_clears(s, &f));
	subscription_free(s);

	/* percent: fire at 5, clear below 4; no denominator never fires */
	s = parse("{" R_UA12 "," CH_MQTT ",\"min_percent\":5}", err,
	    sizeof(err));
	f = fig(SEV_MAJOR, 500, 5.0);
	CHECK(subscription_fires(s, &f));
	f = fig(SEV_MAJOR, 500, 4.0);
	CHECK(!subscription_fires(s, &f));
	CHECK(!subscription_clears(s, &f));
	f = fig(SEV_MAJOR, 500, 3.99);
	CHECK(subscription_clears(s, &f));
	f = fig(SEV_MAJOR, 500, -1);
	CHECK(!subscription_fires(s, &f));
	CHECK(subscription_clears(s, &f));
	subscription_free(s);

	/* every threshold set must hold to fire; any one below clears */
	s = parse("{" R_UA12 "," CH_MQTT ",\"min_severity\":\"major\","
	    "\"min_affected\":1000,\"min_percent\":10}", err, sizeof(err));
	f = fig(SEV_MAJOR, 2000, 12);
	CHECK(subscription_fires(s, &f));
	f = fig(SEV_MINOR, 2000, 12);
	CHECK(!subscription_fires(s, &f));
	CHECK(!subscription_clears(s, &f));
	f = fig(SEV_MAJOR, 900, 12);
	CHECK(!subscription_fires(s, &f));
	CHECK(!subscription_clears(s, &f));
	f = fig(SEV_MAJOR, 2000, 7.9);
	CHECK(subscription_clears(s, &f));
	subscription_free(s);
}

/* Wall ms (computed with `date -u -d ... +%s`). */
#define JAN15_2100Z	INT64_C(1768510800000)	/* 23:00 in Kyiv (EET) */
#define JAN16_0500Z	INT64_C(1768539600000)	/* 07:00 in Kyiv */
#define JUL15_2000Z	INT64_C(1784145600000)	/* 23:00 in Kyiv (EEST) */
#define JUL16_0400Z	INT64_C(1784174400000)	/* 07:00 in Kyiv */
#define HOUR		INT64_C(3600000)

static void
test_quiet_hours(void)
{
	char err[256];
	struct subscription *s, *u, *day;
	int64_t until = 0;
	const char *tz = getenv("TZ");
	char tzbuf[256];
	const char *tz0 = tz ? tzbuf : NULL;

	if (tz != NULL)
		snprintf(tzbuf, sizeof(tzbuf), "%s", tz);

	s = parse("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":{\"from\":"
	    "\"22:00\",\"to\":\"07:00\",\"tz\":\"Europe/Kyiv\"}}", err,
	    sizeof(err));
	CHECK(s != NULL);
	if (s == NULL)
		return;
	/* 23:00 local, winter and summer: until 07:00 local next day */
	CHECK(subscription_quiet(s, JAN15_2100Z, &until));
	CHECK_INT(until, JAN16_0500Z);
	CHECK(subscription_quiet(s, JUL15_2000Z, &until));
	CHECK_INT(until, JUL16_0400Z);
	/* after midnight, in the window: the same end */
	CHECK(subscription_quiet(s, JAN15_2100Z + 5 * HOUR, &until));
	CHECK_INT(until, JAN16_0500Z);
	/* 07:00 local is out; 21:59 is out; 22:00 is in */
	CHECK(!subscription_quiet(s, JAN16_0500Z, &until));
	CHECK(!subscription_quiet(s, JAN15_2100Z - HOUR - 60000, &until));
	CHECK(subscription_quiet(s, JAN15_2100Z - HOUR, &until));
	/* 12:00 local: not quiet */
	CHECK(!subscription_quiet(s, JAN15_2100Z - 11 * HOUR, &until));
	/* TZ restored for the rest of the process */
	CHECK((tz0 == NULL && getenv("TZ") == NULL) ||
	    (tz0 != NULL && getenv("TZ") != NULL &&
	    strcmp(tz0, getenv("TZ")) == 0));

	/* no zone: UTC; an unknown zone: UTC too */
	u = parse("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":{\"from\":"
	    "\"22:00\",\"to\":\"07:00\",\"tz\":\"Mars/Olympus_Mons\"}}", err,
	    sizeof(err));
	CHECK(u != NULL);
	if (u != NULL) {
		CHECK(subscription_quiet(u, JAN15_2100Z + HOUR, &until));
		CHECK_INT(until, JAN16_0500Z + 2 * HOUR);
		CHECK(!subscription_quiet(u, JAN15_2100Z, &until));
	}
	/* a window inside one day */
	day = parse("{" R_UA12 "," CH_MQTT ",\"quiet_hours\":{\"from\":"
	    "\"09:00\",\"to\":\"17:30\"}}", err, sizeof(err));
	CHECK(day != NULL);
	if (day != NULL) {
		CHECK(subscription_quiet(day, JAN16_0500Z + 5 * HOUR, &until));
		CHECK_INT(until, JAN16_0500Z + 12 * HOUR + HOUR / 2);
		CHECK(!subscription_quiet(day, JAN16_0500Z, &until));
		CHECK(!subscription_quiet(day, JAN16_0500Z + 13 * HOUR,
		    &until));
	}
	subscription_free(s);
	subscription_free(u);
	subscription_free(day);
}

int
main(void)
{
	if ((gaz = t_gazetteer()) == NULL)
		return 1;
	RUN(test_minimal_defaults);
	RUN(test_regions);
	RUN(test_fields_refused);
	RUN(test_channels_refused);
	RUN(test_round_trip);
	RUN(test_secret_masked);
	RUN(test_covers);
	RUN(test_fires_clears);
	RUN(test_quiet_hours);
	gaz_free(gaz);
	return T_DONE();
}
