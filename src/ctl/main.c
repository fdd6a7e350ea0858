/* SPDX-License-Identifier: MIT */
/*
 * main.c - outagectl: the options, usage, the commands' table and
 * dispatch, and the exit codes; option values the commands share.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "outaged.h"
#include "util.h"
#include "ctl.h"

#define SINCE_MAX_SECS		(100LL * 366 * 86400)

enum {
	OPT_DB = 256, OPT_URL, OPT_TOKEN_FILE, OPT_JSON, OPT_REGION,
	OPT_SOURCE, OPT_SINCE, OPT_LIMIT, OPT_COUNT, OPT_UTILITY, OPT_STATUS,
	OPT_AFFECTED, OPT_UNIT, OPT_ID, OPT_APPROX, OPT_STATE, OPT_VERSION,
	OPT_JSONL, OPT_REGIONS, OPT_MIN_SEV, OPT_MIN_AFFECTED, OPT_MIN_PERCENT,
	OPT_WEBHOOK, OPT_SECRET, OPT_PRESET, OPT_CHAT_ID, OPT_EMAIL, OPT_MQTT,
	OPT_REPEAT, OPT_NO_RESOLVED, OPT_MIN_CLEAR, OPT_QUIET, OPT_TZ,
	OPT_LANG, OPT_NAME, OPT_FOR, OPT_COMMENT, OPT_SUBSCRIPTION,
	OPT_FORCE, OPT_PERCENT, OPT_DEVICE
};

#define O_SUBSCRIBE	(O_JSON | O_REGION | O_UTILITY | O_MIN_SEV | \
	O_MIN_AFFECTED | O_MIN_PERCENT | O_WEBHOOK | O_SECRET | O_PRESET | \
	O_CHAT_ID | O_EMAIL | O_MQTT | O_REPEAT | O_NO_RESOLVED | O_MIN_CLEAR | \
	O_QUIET | O_TZ | O_LANG | O_NAME | O_DEVICE)

/* Command flags. */
#define C_COUNT_N	0x01u	/* --count takes a number */

struct command {
	const char	*name;
	const char	*synopsis;	/* its usage line, after "outagectl " */
	uint64_t	 allowed;	/* O_* bits */
	int		 minargs, maxargs;
	const char	*operand;	/* named when it is missing */
	unsigned	 flags;		/* C_* bits */
	unsigned	 uses;		/* B_* bits; 0: no backend at all */
	int		(*run)(struct backend *, const struct opts *,
			    char **args, int nargs);
};

static const struct command commands[] = {
	{ "status",
	    "[--url URL | --db PATH] status [REGION] [--json]",
	    O_JSON, 0, 1, NULL, 0, B_STATUSES, cmd_status },
	{ "reports",
	    "[--url URL | --db PATH] reports [--region R] "
	    "[--source S] [--since TIME] [--limit N] [--count] "
	    "[--json]",
	    O_JSON | O_REGION | O_SOURCE | O_SINCE | O_LIMIT |
	    O_COUNT, 0, 0, NULL, 0, B_REPORTS, cmd_reports },
	{ "history",
	    "[--url URL] history REGION [--utility U] [--since "
	    "TIME] [--json]",
	    O_JSON | O_UTILITY | O_SINCE, 1, 1, "REGION", 0,
	    B_HISTORY, cmd_history },
	{ "alerts",
	    "[--url URL] alerts [--state firing|resolved|all] "
	    "[--region R] [--json]",
	    O_JSON | O_STATE | O_REGION, 0, 0, NULL, 0, B_ALERTS,
	    cmd_alerts },
	{ "report",
	    "[--url URL] report --region R --utility U --status S "
	    "[--affected N] [--percent P] [--unit UNIT] [--approximate] "
	    "[--source S] [--id ID] [--json]",
	    O_JSON | O_REGION | O_UTILITY | O_STATUS | O_AFFECTED |
	    O_PERCENT | O_UNIT | O_SOURCE | O_ID | O_APPROX, 0, 0, NULL, 0,
	    B_SEND,
	    cmd_report },
	{ "watch",
	    "[--url URL] watch [--region R] [--min-severity S] "
	    "[--count N] [--json]",
	    O_JSON | O_COUNT | O_REGION | O_MIN_SEV, 0, 0, NULL,
	    C_COUNT_N, B_WATCH, cmd_watch },
	{ "extract",
	    "extract [--jsonl] [--regions DIR] FILE|-",
	    O_JSONL | O_REGIONS, 1, 1, "FILE", 0, 0, cmd_extract },
	{ "subscribe",
	    "[--url URL] subscribe (--region R... | --device ID) (--webhook URL | "
	    "--email ADDR | --mqtt TOPIC) [options]",
	    O_SUBSCRIBE, 0, 0, NULL, 0, B_SUBS, cmd_subscribe },
	{ "subscriptions",
	    "[--url URL] subscriptions [--json]",
	    O_JSON, 0, 0, NULL, 0, B_SUBS, cmd_subscriptions },
	{ "unsubscribe",
	    "[--url URL] unsubscribe ID [--json]",
	    O_JSON, 1, 1, "ID", 0, B_SUBS, cmd_unsubscribe },
	{ "silence",
	    "[--url URL] silence REGION [--utility U] --for 2h "
	    "[--comment TEXT] [--json]",
	    O_JSON | O_UTILITY | O_FOR | O_COMMENT, 1, 1, "REGION", 0,
	    B_SILENCE, cmd_silence },
	{ "silences",
	    "[--url URL] silences [--json]",
	    O_JSON, 0, 0, NULL, 0, B_SILENCE, cmd_silences },
	{ "unsilence",
	    "[--url URL] unsilence ID [--json]",
	    O_JSON, 1, 1, "ID", 0, B_SILENCE, cmd_unsilence },
	{ "ack",
	    "[--url URL] ack INCIDENT_KEY [--json]",
	    O_JSON, 1, 1, "INCIDENT_KEY", 0, B_ACK, cmd_ack },
	{ "deliveries",
	    "[--url URL] deliveries [--state "
	    "pending|sent|dead|cancelled] [--subscription ID] "
	    "[--limit N] [--json]",
	    O_JSON | O_STATE | O_SUBSCRIPTION | O_LIMIT, 0, 0, NULL,
	    0, B_DELIVERIES, cmd_deliveries },
	{ "audit",
	    "[--url URL] audit [--limit N] [--json]",
	    O_JSON | O_LIMIT, 0, 0, NULL, 0, B_AUDIT, cmd_audit },
	{ "check-db",
	    "--db PATH check-db",
	    0, 0, 0, NULL, 0, B_CHECKDB, cmd_checkdb },
	{ "backup",
	    "--db PATH backup [--force] FILE",
	    O_FORCE, 1, 1, "FILE", 0, B_BACKUP, cmd_backup },
	{ "device",
	    "[--url URL] device add ID REGION [GROUP [LABEL]] | remove ID | list [--json]",
	    O_JSON, 1, 5, "add|remove|list", 0, B_DEVICES, cmd_device },
};

static const struct option longopts[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "url", required_argument, NULL, OPT_URL },
	{ "token-file", required_argument, NULL, OPT_TOKEN_FILE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "region", required_argument, NULL, OPT_REGION },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "count", no_argument, NULL, OPT_COUNT },	/* watch: a number */
	{ "utility", required_argument, NULL, OPT_UTILITY },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "affected", required_argument, NULL, OPT_AFFECTED },
	{ "percent", required_argument, NULL, OPT_PERCENT },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "id", required_argument, NULL, OPT_ID },
	{ "approximate", no_argument, NULL, OPT_APPROX },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "jsonl", no_argument, NULL, OPT_JSONL },
	{ "regions", required_argument, NULL, OPT_REGIONS },
	{ "min-severity", required_argument, NULL, OPT_MIN_SEV },
	{ "min-affected", required_argument, NULL, OPT_MIN_AFFECTED },
	{ "min-percent", required_argument, NULL, OPT_MIN_PERCENT },
	{ "webhook", required_argument, NULL, OPT_WEBHOOK },
	{ "secret", required_argument, NULL, OPT_SECRET },
	{ "preset", required_argument, NULL, OPT_PRESET },
	{ "chat-id", required_argument, NULL, OPT_CHAT_ID },
	{ "email", required_argument, NULL, OPT_EMAIL },
	{ "mqtt", required_argument, NULL, OPT_MQTT },
	{ "repeat", required_argument, NULL, OPT_REPEAT },
	{ "no-resolved", no_argument, NULL, OPT_NO_RESOLVED },
	{ "min-clear", required_argument, NULL, OPT_MIN_CLEAR },
	{ "quiet", required_argument, NULL, OPT_QUIET },
	{ "tz", required_argument, NULL, OPT_TZ },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "for", required_argument, NULL, OPT_FOR },
	{ "comment", required_argument, NULL, OPT_COMMENT },
	{ "subscription", required_argument, NULL, OPT_SUBSCRIPTION },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "device", required_argument, NULL, OPT_DEVICE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: outagectl [--url URL | --db PATH] status [REGION] [--json]\n"
	    "       outagectl [--url URL | --db PATH] reports [--region R]\n"
	    "                 [--source S] [--since TIME] [--limit N] [--count]"
	    " [--json]\n"
	    "       outagectl [--url URL] history REGION [--utility U]\n"
	    "                 [--since TIME] [--json]\n"
	    "       outagectl [--url URL] alerts [--state firing|resolved|all]\n"
	    "                 [--region R] [--json]\n"
	    "       outagectl [--url URL] report --region R --utility U"
	    " --status S\n"
	    "                 [--affected N] [--percent P] [--unit UNIT]\n"
	    "                 [--approximate] [--source S] [--id ID] [--json]\n"
	    "       outagectl [--url URL] watch [--region R] [--min-severity S]\n"
	    "                 [--count N] [--json]\n"
	    "       outagectl [--url URL] subscribe (--region R [--region R2...] |\n"
	    "                 --device ID)\n"
	    "                 [--utility U...] [--min-severity S]"
	    " [--min-affected N]\n"
	    "                 [--min-percent P] (--webhook URL [--secret whsec_...]\n"
	    "                 [--preset ntfy|telegram|slack] [--chat-id ID] |\n"
	    "                 --email ADDR | --mqtt TOPIC) [--repeat 4h]"
	    " [--no-resolved]\n"
	    "                 [--min-clear 5m] [--quiet 22:00-07:00"
	    " [--tz Europe/Kyiv]]\n"
	    "                 [--lang en|uk] [--name TEXT] [--json]\n"
	    "       outagectl [--url URL] subscriptions [--json]\n"
	    "       outagectl [--url URL] unsubscribe ID [--json]\n"
	    "       outagectl [--url URL] silence REGION [--utility U] --for 2h\n"
	    "                 [--comment TEXT] [--json]\n"
	    "       outagectl [--url URL] silences [--json]\n"
	    "       outagectl [--url URL] unsilence ID [--json]\n"
	    "       outagectl [--url URL] device add ID REGION [GROUP [LABEL]]\n"
	    "       outagectl [--url URL] device remove ID | device list [--json]\n"
	    "       outagectl [--url URL] ack INCIDENT_KEY [--json]\n"
	    "       outagectl [--url URL] deliveries"
	    " [--state pending|sent|dead|cancelled]\n"
	    "                 [--subscription ID] [--limit N] [--json]\n"
	    "       outagectl [--url URL] audit [--limit N] [--json]\n"
	    "       outagectl extract [--jsonl] [--regions DIR] FILE|-\n"
	    "       outagectl --db PATH check-db\n"
	    "       outagectl --db PATH backup [--force] FILE\n"
	    "       outagectl --help | --version\n"
	    "\n"
	    "Show what outaged knows, send it reports, and get notified.\n"
	    "\n"
	    "Commands:\n"
	    "  status [REGION]   regions with an outage, worst first; with\n"
	    "                    REGION (an id such as UA-12, any case; over\n"
	    "                    the API a name too) every utility reported\n"
	    "  reports           stored reports, newest first\n"
	    "  history REGION    status changes (default: the last 24 hours)\n"
	    "  alerts            alert episodes (default: the firing ones)\n"
	    "  report            send one report (needs a token)\n"
	    "  watch             print status and alert events as they happen\n"
	    "  subscribe         add a subscription; prints its id (token)\n"
	    "  subscriptions     the subscriptions the token may see (token)\n"
	    "  unsubscribe ID    remove a subscription (token)\n"
	    "  silence REGION    hold back alerts for REGION and the places\n"
	    "                    below it for a while; prints the silence's id\n"
	    "  silences          the active silences\n"
	    "  unsilence ID      end a silence early (token)\n"
	    "  device            add, remove (token) or list sensing devices\n"
	    "  ack INCIDENT_KEY  acknowledge a firing notification: no more\n"
	    "                    repeats (token; the key is in the notification)\n"
	    "  deliveries        notifications and what became of them (token)\n"
	    "  audit             who subscribed, silenced and acknowledged what\n"
	    "  extract FILE|-    news text to reports (JSON), nothing stored;\n"
	    "                    --jsonl: lines {\"id\",\"text\"} in, lines\n"
	    "                    {\"id\",\"reports\"} out; --regions DIR (or\n"
	    "                    $OUTAGED_REGIONS) for the region packs\n"
	    "  check-db          PRAGMA integrity_check of --db PATH,\n"
	    "                    read-only: 0 ok, 1 with the problems listed\n"
	    "  backup FILE       a consistent copy of --db PATH while the\n"
	    "                    daemon runs, checked; --force replaces FILE\n"
	    "\n"
	    "Options (before or after the command):\n"
	    "  --url URL         the daemon's API (default $OUTAGED_URL, else\n"
	    "                    " DEFAULT_URL "); proxies are not used\n"
	    "  --db PATH         read the SQLite database directly instead\n"
	    "                    (also $OUTAGED_DB); status and reports only\n"
	    "  --token-file FILE the bearer token is the first line of FILE\n"
	    "                    (default $OUTAGED_TOKEN); keep it mode 600\n"
	    "  --json            JSON instead of a table\n"
	    "  --region R        reports: about R and the places below it;\n"
	    "                    alerts: in R; report: the region (id or name);\n"
	    "                    watch: events of R and the places below it;\n"
	    "                    subscribe: a region to cover (repeat it; *:\n"
	    "                    every region)\n"
	    "  --source S        reports from source S; report: the sender\n"
	    "                    (default outagectl)\n"
	    "  --since TIME      at or after TIME: RFC 3339\n"
	    "                    (2026-11-26T10:00:00Z) or a duration back\n"
	    "                    from now (90s, 30m, 2h, 7d)\n"
	    "  --limit N         at most N reports (default %d; 0: all);\n"
	    "                    deliveries, audit: at most N rows (1-1000,\n"
	    "                    default 100)\n"
	    "  --count           reports: print only the number that match\n"
	    "  --count N         watch: exit after N events\n"
	    "  --utility U       power, heat, water, gas or telecom;\n"
	    "                    subscribe: repeat it (default: all five)\n"
	    "  --status S        outage, partial or restored\n"
	    "  --affected N      how many are affected (--unit: households,\n"
	    "                    customers, people, homes or consumers)\n"
	    "  --percent P       report: P percent (0 < P <= 100) of the\n"
	    "                    region's consumers, instead of or beside\n"
	    "                    --affected\n"
	    "  --approximate     the count is an estimate\n"
	    "  --id ID           the report's id: sending it again is a no-op\n"
	    "  --state S         alerts: firing (default), resolved or all;\n"
	    "                    deliveries: pending, sent, dead or cancelled\n"
	    "  --min-severity S  watch: none, minor, major or critical;\n"
	    "                    subscribe: minor (default), major or critical\n"
	    "  --min-affected N  subscribe: at least N affected\n"
	    "  --min-percent P   subscribe: at least P percent affected\n"
	    "  --webhook URL     subscribe: POST notifications to URL, signed\n"
	    "                    with --secret whsec_... (Standard Webhooks);\n"
	    "                    --preset ntfy, telegram (with --chat-id ID)\n"
	    "                    or slack shapes the body for that service\n"
	    "  --device ID       subscribe: instead of regions, a sensing device's\n"
	    "                    personal alert (dark, lit again)\n"
	    "  --email ADDR      subscribe: send notifications to ADDR\n"
	    "  --mqtt TOPIC      subscribe: publish them under the daemon's\n"
	    "                    delivery.mqtt_prefix, at TOPIC\n"
	    "  --repeat DUR      subscribe: send again while firing, every DUR\n"
	    "  --no-resolved     subscribe: no notice when it resolves\n"
	    "  --min-clear DUR   subscribe: below the clear level this long\n"
	    "                    before it resolves\n"
	    "  --quiet HH:MM-HH:MM  subscribe: hold notices back in these\n"
	    "                    hours (--tz ZONE, default UTC)\n"
	    "  --lang L          subscribe: en (default) or uk\n"
	    "  --name TEXT       subscribe: a name for the subscription\n"
	    "  --for DUR         silence: how long (1m to 30d: 2h, 90m, 1d)\n"
	    "  --comment TEXT    silence: why, for the audit trail\n"
	    "  --subscription ID deliveries: of this subscription only\n"
	    "  -h, --help        this help\n"
	    "      --version     print the version\n"
	    "\n"
	    "Exit status: 0 ok, 1 not found or no data, 2 usage error,\n"
	    "3 the daemon cannot be reached (or the database read),\n"
	    "4 the token is missing or was refused, 5 the daemon refused the\n"
	    "request.\n", DEFAULT_LIMIT);
}
/*
 * A usage error: the command's own usage line (or the general one) and a
 * pointer to the full help, on stderr; the help itself is --help's.
 */
static int
short_usage(const struct command *cmd)
{
	fprintf(stderr, "usage: outagectl %s\n"
	    "Try 'outagectl --help' for more.\n", cmd != NULL ?
	    cmd->synopsis : "[--url URL | --db PATH] COMMAND [ARGS...]");
	return CTL_USAGE;
}

/* ---- small helpers ---------------------------------------------------- */

/*
 * Region ids are ISO codes, upper case, with lower-case place slugs after
 * a colon ("UA-12:dnipro"); the store matches exactly, so fold what the
 * user typed to that form.  -1 when it cannot be an id.
 */
int
canonical_region(const char *in, char *out, size_t outlen)
{
	int place = 0;
	size_t i;

	if (in[0] == '\0' || strlen(in) >= outlen ||
	    strlen(in) >= OD_REGION_ID_MAX)
		return -1;
	for (i = 0; in[i] != '\0'; i++) {
		unsigned char c = (unsigned char)in[i];

		if (c <= 0x20 || c >= 0x7f)
			return -1;
		if (c == ':')
			place = 1;
		if (c >= 'a' && c <= 'z' && !place)
			c = (unsigned char)(c - 'a' + 'A');
		else if (c >= 'A' && c <= 'Z' && place)
			c = (unsigned char)(c - 'A' + 'a');
		out[i] = (char)c;
	}
	out[i] = '\0';
	return 0;
}

/* Text the API resolves (a region id or name): printable, not empty. */
int
api_text_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n >= max)
		return 0;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

void
since_usage(void)
{
	fprintf(stderr, "outagectl: --since: expected RFC 3339 "
	    "(2026-11-26T10:00:00Z) or a duration (30m, 2h, 7d)\n");
}

void
region_usage(const char *what, const char *s)
{
	char *safe = term_safe(s);

	fprintf(stderr, "outagectl: %s\"%s\" is not a region id or name "
	    "(such as UA-12)\n", what, safe);
	free(safe);
}

/* --since: RFC 3339, else a duration back from now. */
int
parse_since(const char *s, int64_t *ms)
{
	int64_t secs;

	if (time_parse(s, ms) == OD_OK)
		return 0;
	if (parse_duration(s, 0, SINCE_MAX_SECS, &secs) != OD_OK)
		return -1;
	*ms = now_wall_ms() - secs * 1000;
	return 0;
}

/* An option with a value: remember it and that it was given. */
#define SET(field, bit)	o->field = optarg; o->seen |= (bit); break

/*
 * An id operand (a subscription's or a silence's): an integer, which the
 * daemon looks up.  Subscriptions from the configuration file have
 * negative ids.  0, or -1 having said why.
 */
int
id_arg_ok(const char *cmd, const char *s)
{
	int64_t id;

	if (parse_i64(s, INT64_MIN + 1, INT64_MAX, &id) == OD_OK && id != 0)
		return 0;
	{
		char *safe = term_safe(s);

		fprintf(stderr, "outagectl: %s: \"%s\" is not an id (a "
		    "number, as the list shows it)\n", cmd, safe);
		free(safe);
	}
	return -1;
}

/* --limit of the lists the API pages: 1 to API_PAGE.  0, or -1 (said). */
int
parse_api_limit(const char *cmd, const char *s, int64_t *out)
{
	*out = 0;
	if (s == NULL)
		return 0;
	if (parse_i64(s, 1, API_PAGE, out) == OD_OK)
		return 0;
	fprintf(stderr, "outagectl: %s: --limit: expected a number from 1 to "
	    "%d\n", cmd, API_PAGE);
	return -1;
}

/*
 * A one-line answer to a write: the JSON with --json, else nothing (the
 * command has printed its line).  Takes j.  The exit status.
 */
int
notify_print(json_t *j, int json)
{
	if (!json) {
		json_decref(j);
		return CTL_OK;
	}
	return json_print(j) == 0 ? CTL_OK : CTL_NODATA;
}

/* One getopt_long pass; -1 on a bad option (getopt said why). */
static int
parse_pass(int argc, char **argv, const char *optstring,
    const struct option *lo, struct opts *o)
{
	int ch;

	while ((ch = getopt_long(argc, argv, optstring, lo, NULL)) != -1) {
		switch (ch) {
		case OPT_JSONL:	o->seen |= O_JSONL; break;
		case OPT_REGIONS: o->regions = optarg; o->seen |= O_REGIONS;
			break;
		case OPT_FORCE:	o->seen |= O_FORCE; break;
		case OPT_DB:	o->db = optarg; break;
		case OPT_URL:	o->url = optarg; break;
		case OPT_TOKEN_FILE: o->token_file = optarg; break;
		case OPT_JSON:	o->seen |= O_JSON; break;
		case OPT_REGION:
			if (o->nregion == OPT_LIST_MAX) {
				fprintf(stderr, "outagectl: --region: at most "
				    "%d\n", OPT_LIST_MAX);
				return -1;
			}
			o->regionv[o->nregion++] = optarg;
			o->region = optarg;
			o->seen |= O_REGION;
			break;
		case OPT_SOURCE: o->source = optarg; o->seen |= O_SOURCE; break;
		case OPT_SINCE:	o->since = optarg; o->seen |= O_SINCE; break;
		case OPT_LIMIT:	o->limit = optarg; o->seen |= O_LIMIT; break;
		case OPT_COUNT:	o->count = optarg; o->seen |= O_COUNT; break;
		case OPT_UTILITY:
			if (o->nutility == OPT_LIST_MAX) {
				fprintf(stderr, "outagectl: --utility: at most "
				    "%d\n", OPT_LIST_MAX);
				return -1;
			}
			o->utilityv[o->nutility++] = optarg;
			o->utility = optarg;
			o->seen |= O_UTILITY;
			break;
		case OPT_STATUS: o->status = optarg; o->seen |= O_STATUS; break;
		case OPT_AFFECTED: o->affected = optarg; o->seen |= O_AFFECTED;
				break;
		case OPT_UNIT:	o->unit = optarg; o->seen |= O_UNIT; break;
		case OPT_PERCENT: SET(percent, O_PERCENT);
		case OPT_ID:	o->id = optarg; o->seen |= O_ID; break;
		case OPT_APPROX: o->seen |= O_APPROX; break;
		case OPT_STATE:	o->state = optarg; o->seen |= O_STATE; break;
		case OPT_MIN_SEV: SET(min_severity, O_MIN_SEV);
		case OPT_MIN_AFFECTED: SET(min_affected, O_MIN_AFFECTED);
		case OPT_MIN_PERCENT: SET(min_percent, O_MIN_PERCENT);
		case OPT_WEBHOOK: SET(webhook, O_WEBHOOK);
		case OPT_SECRET: SET(secret, O_SECRET);
		case OPT_PRESET: SET(preset, O_PRESET);
		case OPT_CHAT_ID: SET(chat_id, O_CHAT_ID);
		case OPT_EMAIL:	SET(email, O_EMAIL);
		case OPT_MQTT:	SET(mqtt, O_MQTT);
		case OPT_REPEAT: SET(repeat, O_REPEAT);
		case OPT_NO_RESOLVED: o->seen |= O_NO_RESOLVED; break;
		case OPT_MIN_CLEAR: SET(min_clear, O_MIN_CLEAR);
		case OPT_QUIET:	SET(quiet, O_QUIET);
		case OPT_TZ:	SET(tz, O_TZ);
		case OPT_LANG:	SET(lang, O_LANG);
		case OPT_NAME:	SET(name, O_NAME);
		case OPT_FOR:	SET(duration, O_FOR);
		case OPT_COMMENT: SET(comment, O_COMMENT);
		case OPT_SUBSCRIPTION: SET(subscription, O_SUBSCRIPTION);
		case OPT_DEVICE: SET(device, O_DEVICE);
		case OPT_VERSION: o->version = 1; break;
		case 'h':	o->help = 1; break;
		default:	return -1;
		}
	}
	return 0;
}

static int
colour_wanted(void)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	/* no-color.org: set and non-empty turns colour off */
	if (nc != NULL && nc[0] != '\0')
		return 0;
	if (term != NULL && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(STDOUT_FILENO);
}

int
main(int argc, char *argv[])
{
	static char progname[] = "outagectl";
	struct option lo[NELEM(longopts)];
	const struct command *cmd = NULL;
	struct opts o;
	struct backend b;
	char **sub;
	int nsub, nargs, rc;

	memset(&o, 0, sizeof(o));
	memset(&b, 0, sizeof(b));
	log_set_level(LOG_LVL_ERROR);
	if (argc < 1)
		return CTL_USAGE;
	argv[0] = progname;	/* getopt's messages start with it */

	/* global options stop at the command ('+') */
	if (parse_pass(argc, argv, "+h", longopts, &o) == -1)
		return short_usage(NULL);
	if (o.help || (optind < argc && strcmp(argv[optind], "help") == 0)) {
		usage(stdout);
		return CTL_OK;
	}
	if (o.version) {
		printf("outagectl %s\n", OUTAGED_VERSION);
		return CTL_OK;
	}
	if (optind >= argc) {
		fprintf(stderr, "outagectl: no command given\n");
		return short_usage(NULL);
	}
	for (size_t i = 0; i < NELEM(commands); i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd == NULL) {
		char *safe = term_safe(argv[optind]);

		fprintf(stderr, "outagectl: unknown command \"%s\"\n", safe);
		free(safe);
		return short_usage(NULL);
	}

	/* the command's own pass: options may follow or mix with operands */
	memcpy(lo, longopts, sizeof(lo));
	for (size_t i = 0; i < NELEM(lo); i++)
		if (lo[i].val == OPT_COUNT && (cmd->flags & C_COUNT_N))
			lo[i].has_arg = required_argument;
	nsub = argc - optind;
	sub = xcalloc((size_t)nsub + 1, sizeof(*sub));
	sub[0] = progname;
	for (int i = 1; i < nsub; i++)
		sub[i] = argv[optind + i];
	optind = 0;		/* full reset, permutation state included */
	if (parse_pass(nsub, sub, "h", lo, &o) == -1) {
		free(sub);
		return short_usage(cmd);
	}
	if (o.help) {
		free(sub);
		usage(stdout);
		return CTL_OK;
	}
	if (o.version) {
		free(sub);
		printf("outagectl %s\n", OUTAGED_VERSION);
		return CTL_OK;
	}
	nargs = nsub - optind;
	if ((o.seen & ~cmd->allowed) != 0 || nargs > cmd->maxargs ||
	    nargs < cmd->minargs) {
		fprintf(stderr, "outagectl: %s: %s%s\n", cmd->name,
		    (o.seen & ~cmd->allowed) != 0 ?
		    "option not valid for this command" :
		    nargs > cmd->maxargs ? "too many arguments" :
		    cmd->operand != NULL ? cmd->operand : "an argument",
		    (o.seen & ~cmd->allowed) == 0 && nargs <= cmd->maxargs ?
		    " is required" : "");
		free(sub);
		return short_usage(cmd);
	}
	if (cmd->uses != 0 && (rc = backend_select(&b, &o)) != CTL_OK) {
		free(sub);
		return rc == CTL_USAGE ? short_usage(cmd) : rc;
	}
	if (cmd->uses != 0 && !backend_serves(&b, cmd->name, cmd->uses)) {
		free(sub);
		return short_usage(cmd);
	}

	use_colour = colour_wanted();
	rc = cmd->run(&b, &o, sub + optind, nargs);
	/* the command said what was wrong: its usage line after that */
	if (rc == CTL_USAGE)
		(void)short_usage(cmd);
	if (b.ops != NULL)
		backend_close(&b);
	free(sub);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "outagectl: stdout: %s\n", strerror(errno));
		return CTL_NODATA;
	}
	return rc;
}
