/* SPDX-License-Identifier: MIT */
/*
 * test_conf.c - configuration loading, validation, error positions and
 * reload rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "conf.h"
#include "util.h"

#include "t.h"

#define NAME	"t.json"

static struct conf *
load(const char *text, char *err, size_t errlen)
{
	err[0] = '\0';
	return conf_load_string(NAME, text, strlen(text), err, errlen);
}

/*
 * 1-based line and column of the nth (0-based) occurrence of needle in an
 * ASCII text, found independently of the code under test.
 */
static int
where(const char *text, const char *needle, int nth, int *line, int *col)
{
	const char *p = text, *hit;

	for (;;) {
		if ((hit = strstr(p, needle)) == NULL)
			return -1;
		if (nth-- == 0)
			break;
		p = hit + 1;
	}
	*line = 1;
	*col = 1;
	for (p = text; p < hit; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else
			(*col)++;
	}
	return 0;
}

/*
 * The text must be refused with "t.json:L:C: ..." where L:C is the position
 * of the nth occurrence of `at`, and the message must contain `msg`.
 */
static int
refused_at(const char *text, const char *at, int nth, const char *msg)
{
	char err[512], want[64];
	struct conf *c;
	int line, col;

	if (where(text, at, nth, &line, &col) < 0) {
		fprintf(stderr, "test bug: \"%s\" not in text\n", at);
		return 0;
	}
	snprintf(want, sizeof(want), "%s:%d:%d: ", NAME, line, col);
	if ((c = load(text, err, sizeof(err))) != NULL) {
		fprintf(stderr, "accepted, expected an error at %s\n", want);
		conf_free(c);
		return 0;
	}
	if (strncmp(err, want, strlen(want)) != 0 ||
	    (msg != NULL && strstr(err, msg) == NULL)) {
		fprintf(stderr, "error \"%s\", expected \"%s...%s...\"\n", err,
		    want, msg ? msg : "");
		return 0;
	}
	return 1;
}

/* Refused with any position; the message must contain msg. */
static int
refused(const char *text, const char *msg)
{
	char err[512];
	struct conf *c;

	if ((c = load(text, err, sizeof(err))) != NULL) {
		fprintf(stderr, "accepted: %s\n", text);
		conf_free(c);
		return 0;
	}
	if (strncmp(err, NAME ":", strlen(NAME ":")) != 0 ||
	    (msg != NULL && strstr(err, msg) == NULL)) {
		fprintf(stderr, "error \"%s\", expected to mention \"%s\"\n",
		    err, msg ? msg : "");
		return 0;
	}
	return 1;
}

static int
accepted(const char *text)
{
	char err[512];
	struct conf *c = load(text, err, sizeof(err));

	if (c == NULL) {
		fprintf(stderr, "refused: %s\n", err);
		return 0;
	}
	conf_free(c);
	return 1;
}

static void
test_valid_sets_values(void)
{
	static const char text[] =
	    "{\n"
	    "  \"mqtt\": { \"broker\": \"broker.example:8883\",\n"
	    "    \"prefix\": \"grid/outages\", \"client_id\": \"od-1\",\n"
	    "    \"keepalive\": \"1m\", \"session_expiry\": \"2d\",\n"
	    "    \"username\": \"u\", \"password\": \"p\",\n"
	    "    \"tls\": { \"cafile\": \"/etc/ca.pem\" } },\n"
	    "  \"database\": \"/tmp/od.db\",\n"
	    "  \"http\": { \"listen\": \"[::1]:9090\",\n"
	    "    \"tokens\": [\"t1\"] },\n"
	    "  \"delivery\": { \"allow_private_targets\": true },\n"
	    "  \"limits\": { \"max_payload\": 4096, \"max_batch\": 10,\n"
	    "    \"max_future\": 60 },\n"
	    "  \"aggregate\": { \"ttl\": \"2h\",\n"
	    "    \"history_retention\": \"7d\", \"report_retention\": \"90d\" },\n"
	    "  \"thresholds\": {\n"
	    "    \"percent\": { \"minor\": 1, \"major\": 10.5,\n"
	    "      \"critical\": 50 },\n"
	    "    \"count\": { \"minor\": 5, \"major\": 500,\n"
	    "      \"critical\": 5000 } },\n"
	    "  \"alerts\": { \"fire\": \"critical\", \"clear\": \"major\",\n"
	    "    \"min_clear\": \"5m\" },\n"
	    "  \"sources\": { \"dtek\": { \"priority\": 10 } },\n"
	    "  \"default_priority\": -3,\n"
	    "  \"log_level\": \"debug\"\n"
	    "}\n";
	char err[512];
	struct conf *c = load(text, err, sizeof(err));

	CHECK(c != NULL);
	if (c == NULL) {
		fprintf(stderr, "%s\n", err);
		return;
	}
	CHECK_STR(c->broker, "broker.example:8883");
	CHECK_STR(c->broker_host, "broker.example");
	CHECK_INT(c->broker_port, 8883);
	CHECK_STR(c->prefix, "grid/outages");
	CHECK_STR(c->client_id, "od-1");
	CHECK_INT(c->keepalive, 60);
	CHECK_INT(c->session_expiry, 2 * 86400);
	CHECK_STR(c->username, "u");
	CHECK_STR(c->password, "p");
	CHECK_STR(c->tls_cafile, "/etc/ca.pem");
	CHECK(c->tls_certfile == NULL);
	CHECK_STR(c->database, "/tmp/od.db");
	CHECK_STR(c->http_listen, "[::1]:9090");
	CHECK_INT(json_array_size(c->http_tokens), 1);
	CHECK_STR(json_string_value(json_array_get(c->http_tokens, 0)), "t1");
	CHECK_INT(c->allow_private_targets, 1);
	CHECK_INT(c->max_payload, 4096);
	CHECK_INT(c->max_batch, 10);
	CHECK_INT(c->max_future, 60);
	CHECK_INT(c->ttl, 2 * 3600);
	CHECK_INT(c->history_retention, 7 * 86400);
	CHECK_INT(c->report_retention, 90 * 86400);
	CHECK_NEAR(c->thr.pct[SEV_MINOR], 1.0, 1e-9);
	CHECK_NEAR(c->thr.pct[SEV_MAJOR], 10.5, 1e-9);
	CHECK_NEAR(c->thr.pct[SEV_CRITICAL], 50.0, 1e-9);
	CHECK_INT(c->thr.count[SEV_MINOR], 5);
	CHECK_INT(c->thr.count[SEV_MAJOR], 500);
	CHECK_INT(c->thr.count[SEV_CRITICAL], 5000);
	CHECK_INT(c->alert.fire, SEV_CRITICAL);
	CHECK_INT(c->alert.clear, SEV_MAJOR);
	CHECK_INT(c->alert.min_clear_ms, 5 * 60 * 1000);	/* kept in ms */
	CHECK_INT(c->default_priority, -3);
	CHECK_INT(c->log_level, LOG_LVL_DEBUG);
	CHECK_INT(conf_source_priority(c, "dtek"), 10);
	CHECK_STR(c->path, NAME);
	conf_free(c);
}

static void
test_defaults_kept(void)
{
	char err[512];
	struct conf *d = conf_defaults(), *c = load("{}", err, sizeof(err));

	CHECK(c != NULL);
	if (c == NULL) {
		conf_free(d);
		return;
	}
	/* an empty object changes nothing */
	CHECK_STR(c->broker, d->broker);
	CHECK_INT(c->broker_port, d->broker_port);
	CHECK_STR(c->database, d->database);
	CHECK_INT(c->ttl, d->ttl);
	CHECK_INT(c->alert.fire, d->alert.fire);
	CHECK_INT(c->thr.count[SEV_MAJOR], d->thr.count[SEV_MAJOR]);
	CHECK_INT(conf_check_reload(d, c, err, sizeof(err)), OD_OK);
	conf_free(c);

	/* a partial section keeps the section's other defaults */
	c = load("{\"mqtt\": {\"prefix\": \"x\"}}", err, sizeof(err));
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_STR(c->prefix, "x");
		CHECK_STR(c->client_id, d->client_id);
		CHECK_INT(c->keepalive, d->keepalive);
		conf_free(c);
	}
	conf_free(d);
}

static void
test_unknown_key_position(void)
{
	/* the brief's case: unknown key "bogus" at line 3, column 13 */
	static const char t1[] =
	    "{\n"
	    "  \"log_level\": \"info\",\n"
	    "  \"mqtt\": { \"bogus\": 1 }\n"
	    "}\n";
	char err[512];
	struct conf *c = load(t1, err, sizeof(err));

	CHECK(c == NULL);
	conf_free(c);
	CHECK(strncmp(err, "t.json:3:13: ", 13) == 0);
	CHECK(strstr(err, "mqtt.bogus") != NULL);
	CHECK(refused_at(t1, "\"bogus\"", 0, "unknown"));

	/* top level; the key, not its value, is named */
	CHECK(refused_at("{\"database\": \"x\",\n\n     \"colour\": \"blue\"}",
	    "\"colour\"", 0, "colour"));
	/* deeper, after a sibling with the same key name elsewhere */
	CHECK(refused_at(
	    "{\n"
	    "  \"thresholds\": {\n"
	    "    \"percent\": { \"minor\": 1, \"major\": 5, "
	    "\"critical\": 25 },\n"
	    "    \"count\": { \"minor\": 1, \"mayor\": 10000 }\n"
	    "  }\n"
	    "}\n", "\"mayor\"", 0, "thresholds.count.mayor"));
	/* a key inside a source */
	CHECK(refused_at("{\"sources\": {\n  \"dtek\": {\"priority\": 1,\n"
	    "     \"weight\": 2}}}", "\"weight\"", 0, "weight"));
	/* an option name used as a section */
	CHECK(refused_at("{\"mqtt\": {\"broker\": \"h:1\"},\n \"regions\": "
	    "{\"packs\": \"p\", \"iso\": \"i\"}}", "\"iso\"", 0,
	    "regions.iso"));
}

static void
test_bad_value_position(void)
{
	/* bad types */
	CHECK(refused_at("{\n  \"limits\": {\n    \"max_batch\": \"10\"\n"
	    "  }\n}", "\"10\"", 0, "limits.max_batch"));
	CHECK(refused_at("{\"delivery\": {\"allow_private_targets\": \"yes\"}}",
	    "\"yes\"", 0, "allow_private_targets"));
	CHECK(refused_at("{\"database\": 17}", "17", 0, "database"));
	CHECK(refused_at("{\"database\": \"\"}", "\"\"", 0, "database"));
	CHECK(refused_at("{\"mqtt\": {\"keepalive\": true}}", "true", 0,
	    "mqtt.keepalive"));
	CHECK(refused_at("{\"limits\": {\"max_payload\": 4096.5}}", "4096.5", 0,
	    "limits.max_payload"));
	CHECK(refused_at("{\"feeds\": {}}", "{}", 0, "feeds"));
	CHECK(refused_at("{\"feeds\": [{\"url\": \"http://n.example/a\",\n"
	    "  \"name\": \"a\", \"timeout\": \"10m\"}]}", "\"10m\"", 0,
	    "timeout must be a duration from 1s to 5m"));
	CHECK(refused_at("{\"mqtt\": 5}", "5", 0, "mqtt"));
	CHECK(refused_at("{\"log_level\": \"loud\"}", "\"loud\"", 0,
	    "log_level"));
	CHECK(refused_at("{\"http\": {\"tokens\": [\"a\",\n   \"\"]}}", "\"\"",
	    0, "http.tokens"));
	/* scoped tokens: {"token", "sources"} */
	CHECK(refused_at("{\"http\": {\"tokens\": [{\"token\": \"a\",\n"
	    "   \"sources\": [\"dtek\", \"no/slash\"]}]}}", "[\"dtek\"", 0,
	    "\"sources\" must hold source names"));
	CHECK(refused_at("{\"http\": {\"tokens\": [{\"token\": 5, "
	    "\"sources\": [\"a\"]}]}}", "5", 0, "\"token\" must be"));
	CHECK(refused_at("{\"http\": {\"tokens\": [{\"token\": \"a\", "
	    "\"source\": [\"a\"]}]}}", "{\"token\"", 0,
	    "unknown key \"source\""));
	CHECK(refused_at("{\"http\": {\"tokens\": [7]}}", "7", 0,
	    "non-empty strings or {"));
	CHECK(refused_at("{\"sources\": {\"dtek\": 10}}", "10", 0, "object"));
	CHECK(refused_at("{\"sources\": {\"dtek\": {\"priority\": 5000}}}",
	    "5000", 0, "priority"));
	/* out-of-range integers */
	CHECK(refused_at("{\"limits\": {\"max_batch\": 0}}", "0", 0,
	    "limits.max_batch"));
	CHECK(refused_at("{\"limits\": {\"max_batch\": 100001}}", "100001", 0,
	    "limits.max_batch"));
	CHECK(refused_at("{\"mqtt\": {\"max_packet_size\": 268435456}}",
	    "268435456", 0, "mqtt.max_packet_size"));
	CHECK(refused_at("{\"default_priority\": 1001}", "1001", 0,
	    "default_priority"));
	CHECK(refused_at("{\"thresholds\": {\"count\": {\"minor\": 0}}}", "0",
	    0, "thresholds.count.minor"));
	CHECK(refused_at("{\"thresholds\": {\"percent\": {\"critical\": 101}}}",
	    "101", 0, "thresholds.percent.critical"));
	CHECK(refused_at("{\"thresholds\": {\"percent\": {\"minor\": -1}}}",
	    "-1", 0, "thresholds.percent.minor"));
	/* durations */
	CHECK(refused_at("{\n\"aggregate\": {\n  \"ttl\": \"6y\"}}", "\"6y\"",
	    0, "aggregate.ttl"));
	CHECK(refused_at("{\"mqtt\": {\"keepalive\": \"2h\"}}", "\"2h\"", 0,
	    "mqtt.keepalive"));	/* over 3600 s */
	CHECK(refused_at("{\"mqtt\": {\"keepalive\": 4}}", "4", 0,
	    "mqtt.keepalive"));	/* under 5 s */
	CHECK(refused_at("{\"alerts\": {\"min_clear\": \"-1s\"}}", "\"-1s\"", 0,
	    "alerts.min_clear"));
	/* severities: "none" cannot fire or clear */
	CHECK(refused_at("{\"alerts\": {\"fire\": \"none\"}}", "\"none\"", 0,
	    "alerts.fire"));
	CHECK(refused_at("{\"alerts\": {\"fire\": \"Major\"}}", "\"Major\"", 0,
	    "alerts.fire"));
	/* the right one of two same-named keys is pointed at */
	CHECK(refused_at(
	    "{\n"
	    "  \"thresholds\": {\n"
	    "    \"percent\": { \"minor\": 1 },\n"
	    "    \"count\": { \"minor\": \"1\" }\n"
	    "  }\n"
	    "}\n", "\"1\"", 0, "thresholds.count.minor"));
	/* strings holding braces, quotes and escapes do not confuse it */
	CHECK(refused_at(
	    "{\"database\": \"a\\\"}{,[b\\\\\", \"mqtt\": {\"prefix\": \"p\",\n"
	    "  \"client_id\": \"c\\\"\", \"keepalive\": \"soon\"}}",
	    "\"soon\"", 0, "mqtt.keepalive"));
}

static void
test_broker(void)
{
	char err[512];
	struct conf *c;

	CHECK(refused_at("{\"mqtt\": {\"broker\": \"nohostport\"}}",
	    "\"nohostport\"", 0, "mqtt.broker"));
	CHECK(refused_at("{\"mqtt\": {\"broker\": \"h:0\"}}", "\"h:0\"", 0,
	    "mqtt.broker"));
	CHECK(refused_at("{\"mqtt\": {\"broker\": \"h:70000\"}}", "\"h:70000\"",
	    0, "mqtt.broker"));
	CHECK(refused_at("{\"mqtt\": {\"broker\": \"h:65536\"}}", "\"h:65536\"",
	    0, "mqtt.broker"));
	CHECK(refused("{\"mqtt\": {\"broker\": \":1883\"}}", "mqtt.broker"));
	CHECK(refused("{\"mqtt\": {\"broker\": \"h:\"}}", "mqtt.broker"));
	CHECK(refused("{\"mqtt\": {\"broker\": \"h:18x3\"}}", "mqtt.broker"));
	CHECK(refused("{\"mqtt\": {\"broker\": \"[::1]\"}}", "mqtt.broker"));
	CHECK(refused("{\"mqtt\": {\"broker\": \"[]:1883\"}}", "mqtt.broker"));
	CHECK(refused("{\"mqtt\": {\"broker\": 1883}}", "mqtt.broker"));

	c = load("{\"mqtt\": {\"broker\": \"[::1]:1883\"}}", err, sizeof(err));
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_STR(c->broker_host, "::1");
		CHECK_INT(c->broker_port, 1883);
		CHECK_STR(c->broker, "[::1]:1883");
		conf_free(c);
	}
	c = load("{\"mqtt\": {\"broker\": \"h:65535\"}}", err, sizeof(err));
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_STR(c->broker_host, "h");
		CHECK_INT(c->broker_port, 65535);
		/* the command line overrides it; bad input changes nothing */
		CHECK_INT(conf_set_broker(c, "other:1"), OD_OK);
		CHECK_STR(c->broker_host, "other");
		CHECK_INT(c->broker_port, 1);
		CHECK_INT(conf_set_broker(c, "bad"), OD_EINVAL);
		CHECK_INT(conf_set_broker(c, "other:99999"), OD_EINVAL);
		CHECK_STR(c->broker_host, "other");
		CHECK_INT(c->broker_port, 1);
		CHECK_STR(c->broker, "other:1");
		conf_free(c);
	}
}

static void
test_cross_field_rules(void)
{
	/* thresholds must rise from minor to critical */
	CHECK(refused_at(
	    "{\n"
	    "  \"thresholds\": {\n"
	    "    \"percent\": { \"minor\": 10, \"major\": 5, "
	    "\"critical\": 25 }\n"
	    "  }\n"
	    "}\n", "{ \"minor\"", 0, "rise"));
	CHECK(refused_at(
	    "{\"thresholds\": {\"count\": {\"major\": 200000}}}",
	    "{\"major\"", 0, "rise"));	/* above the default critical */
	CHECK(accepted(
	    "{\"thresholds\": {\"percent\": {\"minor\": 1, \"major\": 2, "
	    "\"critical\": 3}, \"count\": {\"minor\": 1, \"major\": 2, "
	    "\"critical\": 3}}}"));
	/* alerts.clear above alerts.fire */
	CHECK(refused_at("{\"alerts\": {\"fire\": \"major\",\n"
	    "  \"clear\": \"critical\"}}", "\"critical\"", 0, "alerts.clear"));
	CHECK(refused_at("{\"alerts\": {\"fire\": \"minor\",\n"
	    "  \"clear\": \"major\"}}", "\"major\"", 0, "alerts.clear"));
	CHECK(accepted("{\"alerts\": {\"fire\": \"major\", \"clear\": "
	    "\"major\"}}"));
	CHECK(accepted("{\"alerts\": {\"fire\": \"critical\", \"clear\": "
	    "\"minor\"}}"));
	/* a password needs a user name */
	CHECK(refused("{\"mqtt\": {\"password\": \"p\"}}", "mqtt.username"));
	/* topic prefix and client id */
	CHECK(refused_at("{\"mqtt\": {\"prefix\": \"a/#\"}}", "\"a/#\"", 0,
	    "mqtt.prefix"));
	CHECK(refused("{\"mqtt\": {\"prefix\": \"/a\"}}", "mqtt.prefix"));
	CHECK(refused("{\"mqtt\": {\"prefix\": \"$SYS\"}}", "mqtt.prefix"));
	CHECK(refused_at("{\"mqtt\": {\"client_id\": \"a/b\"}}", "\"a/b\"", 0,
	    "mqtt.client_id"));
	CHECK(refused("{\"mqtt\": {\"client_id\": \"a+\"}}", "mqtt.client_id"));
}

/* jansson finds syntax errors; their line:col must be passed on as is. */
static int
syntax_refused(const char *text)
{
	char err[512], want[600];
	json_error_t jerr;
	json_t *j;
	struct conf *c;

	j = json_loadb(text, strlen(text), JSON_REJECT_DUPLICATES, &jerr);
	if (j != NULL) {
		json_decref(j);
		fprintf(stderr, "test bug: jansson accepts %s\n", text);
		return 0;
	}
	snprintf(want, sizeof(want), "%s:%d:%d: %s", NAME, jerr.line,
	    jerr.column, jerr.text);
	if ((c = load(text, err, sizeof(err))) != NULL) {
		conf_free(c);
		fprintf(stderr, "accepted: %s\n", text);
		return 0;
	}
	if (strcmp(err, want) != 0) {
		fprintf(stderr, "error \"%s\", expected \"%s\"\n", err, want);
		return 0;
	}
	return 1;
}

static void
test_syntax_errors(void)
{
	char err[512];
	struct conf *c;

	CHECK(syntax_refused("{\n  \"database\": \"x\",\n"
	    "  \"log_level\": }\n"));
	CHECK(syntax_refused("{\n  \"database\": \"x\"\n"
	    "  \"log_level\": 1\n}"));
	CHECK(syntax_refused("{\"database\": \"x\",}"));
	CHECK(syntax_refused(""));
	CHECK(syntax_refused("{\"a\": 1"));
	/* duplicate keys are an error, at any depth */
	CHECK(syntax_refused("{\"database\": \"a\",\n \"database\": \"b\"}"));
	CHECK(syntax_refused("{\"mqtt\": {\"prefix\": \"a\",\n\n"
	    "  \"prefix\": \"b\"}}"));
	c = load("{\"database\": \"a\", \"database\": \"b\"}", err,
	    sizeof(err));
	CHECK(c == NULL);
	CHECK(strstr(err, "duplicate") != NULL);
	conf_free(c);
	/* the line of a syntax error on line 3 is 3 */
	c = load("{\n\"database\": \"x\",\n\"log_level\" \"info\"}", err,
	    sizeof(err));
	CHECK(c == NULL);
	CHECK(strncmp(err, "t.json:3:", 9) == 0);
	conf_free(c);
	/* valid JSON, but not an object */
	CHECK(refused("[1, 2]", "object"));
	CHECK(refused("\"config\"", NULL));
}

static struct conf *
must_load(const char *text)
{
	char err[512];
	struct conf *c = load(text, err, sizeof(err));

	if (c == NULL)
		fprintf(stderr, "refused: %s\n", err);
	return c;
}

static void
test_reload(void)
{
	struct conf *cur, *next;
	char err[512];

	cur = must_load("{\"database\": \"a.db\", \"alerts\": "
	    "{\"fire\": \"major\"}}");
	CHECK(cur != NULL);
	if (cur == NULL)
		return;

	/* the database cannot change at run time */
	next = must_load("{\"database\": \"b.db\", \"alerts\": "
	    "{\"fire\": \"major\"}}");
	CHECK(next != NULL);
	if (next != NULL) {
		err[0] = '\0';
		CHECK_INT(conf_check_reload(cur, next, err, sizeof(err)),
		    OD_EINVAL);
		CHECK(strstr(err, "database") != NULL);
		conf_free(next);
	}
	/* the alert threshold can */
	next = must_load("{\"database\": \"a.db\", \"alerts\": "
	    "{\"fire\": \"critical\"}}");
	CHECK(next != NULL);
	if (next != NULL) {
		CHECK_INT(conf_check_reload(cur, next, err, sizeof(err)),
		    OD_OK);
		conf_free(next);
	}
	/* so can thresholds, limits, ttl, sources and the log level */
	next = must_load("{\"database\": \"a.db\", \"alerts\": "
	    "{\"fire\": \"major\"}, \"thresholds\": {\"percent\": "
	    "{\"minor\": 1}}, \"limits\": {\"max_batch\": 5}, \"aggregate\": "
	    "{\"ttl\": \"1h\"}, \"sources\": {\"x\": {\"priority\": 2}}, "
	    "\"log_level\": \"debug\"}");
	CHECK(next != NULL);
	if (next != NULL) {
		CHECK_INT(conf_check_reload(cur, next, err, sizeof(err)),
		    OD_OK);
		conf_free(next);
	}
	/* the broker and the client id cannot */
	next = must_load("{\"database\": \"a.db\", \"alerts\": "
	    "{\"fire\": \"major\"}, \"mqtt\": {\"broker\": "
	    "\"elsewhere:1883\"}}");
	CHECK(next != NULL);
	if (next != NULL) {
		err[0] = '\0';
		CHECK_INT(conf_check_reload(cur, next, err, sizeof(err)),
		    OD_EINVAL);
		CHECK(strstr(err, "mqtt.broker") != NULL);
		conf_free(next);
	}
	next = must_load("{\"database\": \"a.db\", \"alerts\": "
	    "{\"fire\": \"major\"}, \"mqtt\": {\"client_id\": \"other\"}}");
	CHECK(next != NULL);
	if (next != NULL) {
		err[0] = '\0';
		CHECK_INT(conf_check_reload(cur, next, err, sizeof(err)),
		    OD_EINVAL);
		CHECK(strstr(err, "mqtt.client_id") != NULL);
		conf_free(next);
	}
	conf_free(cur);
}

static void
test_source_priority(void)
{
	struct conf *c;

	c = must_load("{\"sources\": {\"dtek\": {\"priority\": 10},\n"
	    "  \"news\": {\"priority\": -5}, \"plain\": {}},\n"
	    "  \"default_priority\": 3}");
	CHECK(c != NULL);
	if (c == NULL)
		return;
	CHECK_INT(conf_source_priority(c, "dtek"), 10);
	CHECK_INT(conf_source_priority(c, "news"), -5);
	/* listed without a priority, or not listed: the default */
	CHECK_INT(conf_source_priority(c, "plain"), 3);
	CHECK_INT(conf_source_priority(c, "unlisted"), 3);
	/* names are exact */
	CHECK_INT(conf_source_priority(c, "DTEK"), 3);
	conf_free(c);

	c = must_load("{}");
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_INT(conf_source_priority(c, "dtek"), c->default_priority);
		conf_free(c);
	}
}

static void
test_shipped_config(void)
{
	char err[512];
	struct conf *c, *d;
	json_t *j;
	json_error_t jerr;

	err[0] = '\0';
	c = conf_load("config/outaged.json", err, sizeof(err));
	CHECK(c != NULL);
	if (c == NULL) {
		fprintf(stderr, "%s\n", err);
		return;
	}
	/* compare with what the file says, read independently */
	j = json_load_file("config/outaged.json", 0, &jerr);
	CHECK(j != NULL);
	if (j != NULL) {
		json_t *m = json_object_get(j, "mqtt");
		json_t *src = json_object_get(j, "sources");
		const char *name;
		json_t *v;

		CHECK_STR(c->broker, json_string_value(json_object_get(m,
		    "broker")));
		CHECK_STR(c->prefix, json_string_value(json_object_get(m,
		    "prefix")));
		CHECK_STR(c->database, json_string_value(json_object_get(j,
		    "database")));
		CHECK_STR(c->packs_dir, json_string_value(json_object_get(
		    json_object_get(j, "regions"), "packs")));
		CHECK_INT(c->max_payload, json_integer_value(json_object_get(
		    json_object_get(j, "limits"), "max_payload")));
		json_object_foreach(src, name, v)
			CHECK_INT(conf_source_priority(c, name),
			    json_integer_value(json_object_get(v, "priority")));
		json_decref(j);
	}
	CHECK_STR(c->path, "config/outaged.json");
	/* the shipped file is a valid reload of itself */
	d = conf_load("config/outaged.json", err, sizeof(err));
	CHECK(d != NULL);
	if (d != NULL) {
		CHECK_INT(conf_check_reload(c, d, err, sizeof(err)), OD_OK);
		conf_free(d);
	}
	conf_free(c);

	/* a missing file names itself */
	c = conf_load("config/no-such-file.json", err, sizeof(err));
	CHECK(c == NULL);
	CHECK(strstr(err, "config/no-such-file.json") != NULL);
	conf_free(c);
}

/*
 * Tokens (issue 13 item 6, issue 11 item 7): a "sha256:" token is a digest
 * of 64 hex digits; a plain token on a listener other hosts can reach has
 * at least 16 bytes; on loopback a short one is allowed.
 */
static void
test_token_rules(void)
{
	char err[512];
	struct conf *c;
	static const char *digest =
	    "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
	char text[512];

	CHECK(refused_at("{\"http\": {\"tokens\": [\"long-enough-token-1\",\n"
	    "   \"sha256:abc\"]}}", "\"sha256:abc\"", 0, "64 hex digits"));
	CHECK(refused_at("{\"http\": {\"tokens\": [{\"token\":\n"
	    "   \"sha256:zz86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\""
	    "}]}}", "\"sha256:zz", 0, "64 hex digits"));
	CHECK(refused_at("{\"http\": {\"tokens\": [\"sha256:\"]}}",
	    "\"sha256:\"", 0, "64 hex digits"));
	CHECK(refused_at("{\"http\": {\"listen\": \"0.0.0.0:8080\",\n"
	    "  \"tokens\": [\"0123456789abcdef\", \"short\"]}}", "\"short\"", 0,
	    "at least 16 bytes"));
	CHECK(refused_at("{\"http\": {\"tokens\": [{\"token\": \"abc\"}],\n"
	    "  \"listen\": \"[::]:8080\"}}", "\"abc\"", 0,
	    "at least 16 bytes"));
	CHECK(refused_at("{\"http\": {\"listen\": \"192.0.2.1:80\",\n"
	    "  \"tokens\": [\"0123456789abcde\"]}}", "\"0123456789abcde\"", 0,
	    "not a loopback address"));
	/* 16 bytes, a digest, and short ones on loopback are fine */
	snprintf(text, sizeof(text), "{\"http\": {\"listen\": \"0.0.0.0:80\", "
	    "\"tokens\": [\"0123456789abcdef\", \"%s\"]}}", digest);
	c = load(text, err, sizeof(err));
	CHECK(c != NULL);
	conf_free(c);
	c = load("{\"http\": {\"listen\": \"127.0.0.2:80\", "
	    "\"tokens\": [\"a\"]}}", err, sizeof(err));
	CHECK(c != NULL);
	conf_free(c);
	c = load("{\"http\": {\"listen\": \"[::1]:80\", "
	    "\"tokens\": [{\"token\": \"b\"}]}}", err, sizeof(err));
	CHECK(c != NULL);
	conf_free(c);
}

int
main(void)
{
	RUN(test_valid_sets_values);
	RUN(test_defaults_kept);
	RUN(test_unknown_key_position);
	RUN(test_bad_value_position);
	RUN(test_broker);
	RUN(test_cross_field_rules);
	RUN(test_syntax_errors);
	RUN(test_reload);
	RUN(test_source_priority);
	RUN(test_shipped_config);
	RUN(test_token_rules);
	return T_DONE();
}
