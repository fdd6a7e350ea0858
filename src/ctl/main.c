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
	OPT_JSONL, OPT_REGIONS,
	OPT_FORCE
};

/* Command flags. */
#define C_COUNT_N	0x01u	/* --count takes a number */

struct command {
	const char	*name;
	unsigned	 allowed;	/* O_* bits */
	int		 minargs, maxargs;
	unsigned	 flags;		/* C_* bits */
	unsigned	 uses;		/* B_* bits; 0: no backend at all */
	int		(*run)(struct backend *, const struct opts *,
			    char **args, int nargs);
};

static const struct command commands[] = {
	{ "status", O_JSON, 0, 1, 0, B_STATUSES, cmd_status },
	{ "reports", O_JSON | O_REGION | O_SOURCE | O_SINCE | O_LIMIT |
	    O_COUNT, 0, 0, 0, B_REPORTS, cmd_reports },
	{ "history", O_JSON | O_UTILITY | O_SINCE, 1, 1, 0, B_HISTORY,
	    cmd_history },
	{ "alerts", O_JSON | O_STATE | O_REGION, 0, 0, 0, B_ALERTS,
	    cmd_alerts },
	{ "report", O_JSON | O_REGION | O_UTILITY | O_STATUS | O_AFFECTED |
	    O_UNIT | O_SOURCE | O_ID | O_APPROX, 0, 0, 0, B_SEND, cmd_report },
	{ "watch", O_JSON | O_COUNT, 0, 0, C_COUNT_N, B_WATCH, cmd_watch },
	{ "extract", O_JSONL | O_REGIONS, 1, 1, 0, 0, cmd_extract },
	{ "check-db", 0, 0, 0, 0, B_CHECKDB, cmd_checkdb },
	{ "backup", O_FORCE, 1, 1, 0, B_BACKUP, cmd_backup },
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
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "id", required_argument, NULL, OPT_ID },
	{ "approximate", no_argument, NULL, OPT_APPROX },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "jsonl", no_argument, NULL, OPT_JSONL },
	{ "regions", required_argument, NULL, OPT_REGIONS },
	{ "force", no_argument, NULL, OPT_FORCE },
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
	    "                 [--affected N] [--unit UNIT] [--approximate]"
	    " [--source S]\n"
	    "                 [--id ID] [--json]\n"
	    "       outagectl [--url URL] watch [--count N] [--json]\n"
	    "       outagectl extract [--jsonl] [--regions DIR] FILE|-\n"
	    "       outagectl --db PATH check-db\n"
	    "       outagectl --db PATH backup [--force] FILE\n"
	    "       outagectl --help | --version\n"
	    "\n"
	    "Show what outaged knows, and send it reports.\n"
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
	    "                    alerts: in R; report: the region (id or name)\n"
	    "  --source S        reports from source S; report: the sender\n"
	    "                    (default outagectl)\n"
	    "  --since TIME      at or after TIME: RFC 3339\n"
	    "                    (2026-11-26T10:00:00Z) or a duration back\n"
	    "                    from now (90s, 30m, 2h, 7d)\n"
	    "  --limit N         at most N reports (default %d; 0: all)\n"
	    "  --count           reports: print only the number that match\n"
	    "  --count N         watch: exit after N events\n"
	    "  --utility U       power, heat, water, gas or telecom\n"
	    "  --status S        outage, partial or restored\n"
	    "  --affected N      how many are affected (--unit: households,\n"
	    "                    customers, people, homes or consumers)\n"
	    "  --approximate     the count is an estimate\n"
	    "  --id ID           the report's id: sending it again is a no-op\n"
	    "  --state S         firing (default), resolved or all\n"
	    "  -h, --help        this help\n"
	    "      --version     print the version\n"
	    "\n"
	    "Exit status: 0 ok, 1 not found or no data, 2 usage error,\n"
	    "3 the daemon cannot be reached (or the database read),\n"
	    "4 the token is missing or was refused, 5 the daemon refused the\n"
	    "request.\n", DEFAULT_LIMIT);
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
		case OPT_REGION: o->region = optarg; o->seen |= O_REGION; break;
		case OPT_SOURCE: o->source = optarg; o->seen |= O_SOURCE; break;
		case OPT_SINCE:	o->since = optarg; o->seen |= O_SINCE; break;
		case OPT_LIMIT:	o->limit = optarg; o->seen |= O_LIMIT; break;
		case OPT_COUNT:	o->count = optarg; o->seen |= O_COUNT; break;
		case OPT_UTILITY: o->utility = optarg; o->seen |= O_UTILITY;
				break;
		case OPT_STATUS: o->status = optarg; o->seen |= O_STATUS; break;
		case OPT_AFFECTED: o->affected = optarg; o->seen |= O_AFFECTED;
				break;
		case OPT_UNIT:	o->unit = optarg; o->seen |= O_UNIT; break;
		case OPT_ID:	o->id = optarg; o->seen |= O_ID; break;
		case OPT_APPROX: o->seen |= O_APPROX; break;
		case OPT_STATE:	o->state = optarg; o->seen |= O_STATE; break;
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
	if (parse_pass(argc, argv, "+h", longopts, &o) == -1) {
		usage(stderr);
		return CTL_USAGE;
	}
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
		usage(stderr);
		return CTL_USAGE;
	}
	for (size_t i = 0; i < NELEM(commands); i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd == NULL) {
		char *safe = term_safe(argv[optind]);

		fprintf(stderr, "outagectl: unknown command \"%s\"\n", safe);
		free(safe);
		usage(stderr);
		return CTL_USAGE;
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
		usage(stderr);
		return CTL_USAGE;
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
		fprintf(stderr, "outagectl: %s: %s\n", cmd->name,
		    (o.seen & ~cmd->allowed) != 0 ?
		    "option not valid for this command" :
		    nargs > cmd->maxargs ? "too many arguments" :
		    "REGION is required");
		free(sub);
		usage(stderr);
		return CTL_USAGE;
	}
	if (cmd->uses != 0 && (rc = backend_select(&b, &o)) != CTL_OK) {
		free(sub);
		return rc;
	}
	if (cmd->uses != 0 && !backend_serves(&b, cmd->name, cmd->uses)) {
		free(sub);
		return CTL_USAGE;
	}

	use_colour = colour_wanted();
	rc = cmd->run(&b, &o, sub + optind, nargs);
	if (b.ops != NULL)
		backend_close(&b);
	free(sub);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "outagectl: stdout: %s\n", strerror(errno));
		return CTL_NODATA;
	}
	return rc;
}
