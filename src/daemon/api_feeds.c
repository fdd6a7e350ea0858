/* SPDX-License-Identifier: MIT */
/*
 * api_feeds.c - alert episodes as OASIS CAP 1.2 messages
 * (GET /api/v1/alerts/{id}.cap) and an Atom feed of them
 * (GET /api/v1/alerts.atom).  docs/cap.md has the mapping.
 *
 * An episode is a chain of CAP messages: the Alert when it fired, an
 * Update each time its severity rose past what was announced, and a
 * Cancel when it resolved.  The alerts table keeps only the episode's
 * present state, so the Updates are found again in the region's history:
 * alert.c announces an update exactly when the severity rises above the
 * worst one since the episode began, and every such change is a history
 * row written at the same instant.  Each message has its own identifier
 * (episode id, start, event and time), so the same message always has the
 * same identifier, and a later message references every earlier one as
 * "sender,identifier,sent".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agg.h"
#include "api_int.h"
#include "buf.h"
#include "conf.h"
#include "daemon.h"
#include "pipeline.h"
#include "region.h"
#include "report.h"
#include "store.h"
#include "util.h"

#define CAP_MSGS_MAX	8	/* Alert, at most 3 Updates, Cancel: room */
#define CAP_NS		"urn:oasis:names:tc:emergency:cap:1.2"
#define ATOM_NS		"http://www.w3.org/2005/Atom"

enum cap_type { CAP_ALERT, CAP_UPDATE, CAP_CANCEL };

struct cap_msg {
	enum cap_type	 type;
	int64_t		 at;		/* ms: its "sent" */
	enum severity	 sev;
	int64_t		 affected;	/* -1 when none */
	double		 percent;	/* < 0 when none */
};

struct episode {
	int		 found, seen_start;
	int64_t		 id, started_at, updated_at, resolved_at, affected;
	double		 percent;
	int		 firing;
	enum severity	 notified, peak;
	char		 incident_key[OD_REGION_ID_MAX + 48];
	char		 region[OD_REGION_ID_MAX], utility[16], unit[16];
	struct cap_msg	 msg[CAP_MSGS_MAX];
	size_t		 nmsg;
};

/* ---- the texts (English and Ukrainian) --------------------------------- */

struct cap_lang {
	const char	*tag;			/* ?lang= and <language> */
	const char	*event[UTIL_COUNT];
	const char	*sev[4];		/* none .. critical */
	const char	*restored;		/* "%s restored: %s" */
	const char	*headline;		/* "%s: %s, %s" event region sev */
	const char	*affected;		/* "%s %s affected" */
	const char	*share;			/* " (%s %% of the region)" */
	const char	*level;			/* "; severity %s." */
	const char	*over;			/* Cancel: "... began %s ... %s" */
	const char	*feed_title;
};

static const struct cap_lang langs[] = {
	{ "en",
	  { "Power outage", "Heating outage", "Water supply outage",
	    "Gas supply outage", "Telecom outage" },
	  { "none", "minor", "major", "critical" },
	  "%s over: %s",
	  "%s: %s, %s",
	  "%s %s affected",
	  " (%s %% of the region)",
	  "; severity %s.",
	  "The outage that began at %s is over; at its worst it was %s.",
	  "outaged: outage alerts" },
	{ "uk",
	  { "Відключення електроенергії", "Відключення опалення",
	    "Відключення водопостачання", "Відключення газопостачання",
	    "Відключення зв'язку" },
	  { "немає", "незначне", "значне", "критичне" },
	  "%s завершено: %s",
	  "%s: %s, %s",
	  "Постраждали %s %s",
	  " (%s %% регіону)",
	  "; рівень: %s.",
	  "Відключення, що почалося %s, завершилося; найвищий рівень: %s.",
	  "outaged: сповіщення про відключення" },
};

/* ?lang=, else the first of Accept-Language we have, else English. */
static const struct cap_lang *
pick_lang(const struct http_req *req)
{
	const char *v = http_query(req, "lang"), *p;

	if (v == NULL)
		v = http_header(req, "Accept-Language");
	for (p = v; p != NULL && *p != '\0'; p += strcspn(p, ",")) {
		while (*p == ',' || *p == ' ')
			p++;
		for (size_t i = 0; i < NELEM(langs); i++)
			if (strncasecmp(p, langs[i].tag, 2) == 0 &&
			    (p[2] == '\0' || p[2] == '-' || p[2] == ',' ||
			    p[2] == ';' || p[2] == ' '))
				return &langs[i];
	}
	return &langs[0];
}

/* ---- XML --------------------------------------------------------------- */

/* Text escaped for an element or a "..." attribute; no control bytes. */
static void
x_esc(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '&')
			buf_adds(b, "&amp;");
		else if (c == '<')
			buf_adds(b, "&lt;");
		else if (c == '>')
			buf_adds(b, "&gt;");
		else if (c == '"')
			buf_adds(b, "&quot;");
		else if (c == '\'')
			buf_adds(b, "&apos;");
		else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			continue;	/* not allowed in XML 1.0 */
		else
			buf_addc(b, (char)c);
	}
}

/* <name>text</name> on its own line, indented by depth tabs. */
static void
x_el(struct buf *b, int depth, const char *name, const char *text)
{
	for (int i = 0; i < depth; i++)
		buf_addc(b, '\t');
	buf_printf(b, "<%s>", name);
	x_esc(b, text);
	buf_printf(b, "</%s>\n", name);
}

static void
x_tag(struct buf *b, int depth, const char *tag)
{
	for (int i = 0; i < depth; i++)
		buf_addc(b, '\t');
	buf_printf(b, "<%s>\n", tag);
}

/* CAP's dateTime: seconds and a numeric offset, UTC as "-00:00". */
static void
cap_time(int64_t ms, char *out, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, len, "%Y-%m-%dT%H:%M:%S-00:00", &tm) == 0)
		str_copy(out, "1970-01-01T00:00:00-00:00", len);
}

/* ---- an episode and its messages --------------------------------------- */

static int
episode_row(void *arg, const struct store_alert_row *a)
{
	struct episode *e = arg;

	e->found = 1;
	e->id = a->id;
	e->started_at = a->started_at;
	e->updated_at = a->updated_at;
	e->resolved_at = a->resolved_at;
	e->affected = a->affected;
	e->percent = a->percent;
	e->firing = strcmp(a->state, "firing") == 0;
	if (severity_from_name(a->notified, &e->notified) != 0)
		e->notified = SEV_NONE;
	str_copy(e->incident_key, a->incident_key ? a->incident_key : "",
	    sizeof(e->incident_key));
	str_copy(e->region, a->region, sizeof(e->region));
	str_copy(e->utility, a->utility, sizeof(e->utility));
	return 1;
}

/* The history of the episode's cell: its Alert's figures and Updates. */
static int
episode_history(void *arg, const struct store_history_row *h)
{
	struct episode *e = arg;
	enum severity sev = SEV_NONE;
	struct cap_msg *m;

	if (h->severity == NULL || severity_from_name(h->severity, &sev) != 0)
		return 0;
	if (h->unit != NULL && h->unit[0] != '\0')
		str_copy(e->unit, h->unit, sizeof(e->unit));
	if (h->at == e->started_at && !e->seen_start) {
		/* the change that fired it: the Alert's figures */
		e->seen_start = 1;
		e->msg[0].sev = sev;
		e->msg[0].affected = h->affected;
		e->msg[0].percent = h->percent;
		e->peak = sev;
		return 0;
	}
	if (!e->seen_start || sev <= e->peak || e->nmsg >= CAP_MSGS_MAX - 1)
		return 0;
	e->peak = sev;
	m = &e->msg[e->nmsg++];
	m->type = CAP_UPDATE;
	m->at = h->at;
	m->sev = sev;
	m->affected = h->affected;
	m->percent = h->percent;
	return 0;
}

/* Load episode id with its chain of messages; -1 on a database error. */
static int
episode_load(struct daemon *d, int64_t id, struct episode *e)
{
	int64_t end;

	memset(e, 0, sizeof(*e));
	if (store_alert_by_id(d->store, id, episode_row, e) != OD_OK)
		return -1;
	if (!e->found)
		return 0;
	e->msg[0].type = CAP_ALERT;
	e->msg[0].at = e->started_at;
	e->msg[0].sev = e->notified;	/* unless the history says */
	e->msg[0].affected = e->affected;
	e->msg[0].percent = e->percent;
	e->peak = e->notified;
	e->nmsg = 1;
	end = e->firing ? now_wall_ms() : e->resolved_at;
	if (store_history(d->store, e->region, e->utility, e->started_at, end,
	    10000, episode_history, e) != OD_OK)
		return -1;
	if (!e->firing) {
		struct cap_msg *m = &e->msg[e->nmsg++];

		m->type = CAP_CANCEL;
		m->at = e->resolved_at > 0 ? e->resolved_at : e->updated_at;
		m->sev = e->notified;	/* the worst it was announced at */
		m->affected = e->affected;
		m->percent = e->percent;
	}
	return 0;
}

static const char *const msg_event[] = { "firing", "updated", "resolved" };
static const char *const msg_type[] = { "Alert", "Update", "Cancel" };

/* The message's identifier: stable for the same message, never reused. */
static void
msg_identifier(const struct episode *e, size_t k, char *out, size_t len)
{
	const struct cap_msg *m = &e->msg[k];

	if (m->type == CAP_UPDATE)
		snprintf(out, len, "outaged-%lld-%lld-%s-%lld",
		    (long long)e->id, (long long)e->started_at,
		    msg_event[m->type], (long long)m->at);
	else
		snprintf(out, len, "outaged-%lld-%lld-%s", (long long)e->id,
		    (long long)e->started_at, msg_event[m->type]);
}

/*
 * Certainty from the cell's claims (its own and its sub-regions'):
 * Observed when a direct source reports it, Likely when only news does
 * (or nothing does any more: the figure lapsed).
 */
static int
claims_direct(const struct agg *a, const struct region *r, enum utility u)
{
	const struct claim *cl;
	size_t n;

	cl = agg_claims(a, r, u, &n);
	for (size_t i = 0; i < n; i++)
		if (report_news_feed(cl[i].source) == NULL)
			return 1;
	for (size_t i = 0; i < r->nchildren; i++)
		if (claims_direct(a, r->children[i], u))
			return 1;
	return 0;
}

static const char *
cap_severity(enum severity s)
{
	/* Extreme ("extraordinary threat to life") is not ours to judge */
	switch (s) {
	case SEV_CRITICAL:	return "Severe";
	case SEV_MAJOR:		return "Moderate";
	case SEV_MINOR:		return "Minor";
	default:		return "Unknown";
	}
}

/* The ISO 3166 code of r, or of the nearest region above it that has one. */
static const struct region *
iso_region(const struct region *r)
{
	while (r->parent != NULL && strchr(r->id, ':') != NULL)
		r = r->parent;
	return r;
}

static void
figure_words(const struct cap_lang *L, const struct episode *e,
    const struct cap_msg *m, char *out, size_t len)
{
	char count[32] = "", pct[32] = "", part[160] = "";
	const char *unit = e->unit[0] ? e->unit : "households";

	out[0] = '\0';
	if (strcmp(L->tag, "uk") == 0)	/* the packs' two units */
		unit = strcmp(unit, "customers") == 0 ? "споживачів" :
		    "домогосподарств";
	if (m->affected >= 0) {
		snprintf(count, sizeof(count), "%lld", (long long)m->affected);
		snprintf(part, sizeof(part), L->affected, count, unit);
	}
	if (m->percent >= 0) {
		snprintf(pct, sizeof(pct), "%.1f", m->percent);
		if (strcmp(L->tag, "uk") == 0 && strchr(pct, '.'))
			*strchr(pct, '.') = ',';
	}
	snprintf(out, len, "%s", part);
	if (pct[0] != '\0')
		snprintf(out + strlen(out), len - strlen(out), L->share, pct);
}

/* A message's headline and description. */
static void
msg_texts(const struct cap_lang *L, const struct episode *e,
    const struct cap_msg *m, enum utility u, const char *name, char *head,
    char *text, size_t len)
{
	char fig[256], when[40];

	cap_time(e->started_at, when, sizeof(when));
	figure_words(L, e, m, fig, sizeof(fig));
	if (m->type == CAP_CANCEL) {
		snprintf(head, len, L->restored, L->event[u], name);
		snprintf(text, len, L->over, when, L->sev[m->sev]);
	} else {
		snprintf(head, len, L->headline, L->event[u], name,
		    L->sev[m->sev]);
		snprintf(text, len, "%s", fig);
		snprintf(text + strlen(text), len - strlen(text), L->level,
		    L->sev[m->sev]);
	}
}

/* The CAP 1.2 document of message k of episode e. */
static void
cap_render(struct daemon *d, const struct cap_lang *L,
    const struct episode *e, size_t k, struct buf *b)
{
	const struct cap_msg *m = &e->msg[k];
	const struct region *r = gaz_by_id(d->gaz, e->region), *iso;
	const char *sender = d->conf->cap_sender, *name;
	enum utility u = UTIL_POWER;
	char id[128], sent[40], when[40], text[512], fig[256], head[512];
	_Static_assert(sizeof(text) == sizeof(head), "msg_texts");
	int direct;

	utility_from_name(e->utility, &u);
	name = r ? gaz_name(d->gaz, r, L->tag) : e->region;
	direct = r != NULL && claims_direct(pipeline_agg(d->pipeline), r, u);
	msg_identifier(e, k, id, sizeof(id));
	cap_time(m->at, sent, sizeof(sent));
	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<alert xmlns=\"" CAP_NS "\">\n");
	x_el(b, 1, "identifier", id);
	x_el(b, 1, "sender", sender);
	x_el(b, 1, "sent", sent);
	x_el(b, 1, "status", "Actual");
	x_el(b, 1, "msgType", msg_type[m->type]);
	x_el(b, 1, "scope", "Public");
	if (k > 0) {
		buf_adds(b, "\t<references>");
		for (size_t i = 0; i < k; i++) {
			char rid[128], rsent[40];

			msg_identifier(e, i, rid, sizeof(rid));
			cap_time(e->msg[i].at, rsent, sizeof(rsent));
			if (i > 0)
				buf_addc(b, ' ');
			x_esc(b, sender);
			buf_addc(b, ',');
			x_esc(b, rid);
			buf_addc(b, ',');
			x_esc(b, rsent);
		}
		buf_adds(b, "</references>\n");
	}
	if (e->incident_key[0] != '\0' && !strpbrk(e->incident_key, " \t"))
		x_el(b, 1, "incidents", e->incident_key);
	x_tag(b, 1, "info");
	x_el(b, 2, "language", L->tag);
	x_el(b, 2, "category", "Infra");
	x_el(b, 2, "event", L->event[u]);
	x_el(b, 2, "responseType", m->type == CAP_CANCEL ? "AllClear" :
	    "None");
	x_el(b, 2, "urgency", m->type == CAP_CANCEL ? "Past" : "Immediate");
	x_el(b, 2, "severity", cap_severity(m->sev));
	x_el(b, 2, "certainty", direct ? "Observed" : "Likely");
	x_tag(b, 2, "eventCode");
	x_el(b, 3, "valueName", "outaged:utility");
	x_el(b, 3, "value", utility_name(u));
	x_tag(b, 2, "/eventCode");
	cap_time(e->started_at, when, sizeof(when));
	x_el(b, 2, "onset", when);
	x_el(b, 2, "senderName", "outaged");
	msg_texts(L, e, m, u, name, head, text, sizeof(head));
	x_el(b, 2, "headline", head);
	x_el(b, 2, "description", text);
	x_tag(b, 2, "parameter");
	x_el(b, 3, "valueName", "outaged:severity");
	x_el(b, 3, "value", severity_name(m->sev));
	x_tag(b, 2, "/parameter");
	if (m->affected >= 0) {
		snprintf(fig, sizeof(fig), "%lld", (long long)m->affected);
		x_tag(b, 2, "parameter");
		x_el(b, 3, "valueName", "outaged:affected");
		x_el(b, 3, "value", fig);
		x_tag(b, 2, "/parameter");
	}
	if (m->percent >= 0) {
		snprintf(fig, sizeof(fig), "%.1f", m->percent);
		x_tag(b, 2, "parameter");
		x_el(b, 3, "valueName", "outaged:percent");
		x_el(b, 3, "value", fig);
		x_tag(b, 2, "/parameter");
	}
	x_tag(b, 2, "area");
	x_el(b, 3, "areaDesc", name);
	iso = r ? iso_region(r) : NULL;
	if (iso != NULL) {
		x_tag(b, 3, "geocode");
		x_el(b, 4, "valueName", iso->parent ? "ISO 3166-2" :
		    "ISO 3166-1");
		x_el(b, 4, "value", iso->id);
		x_tag(b, 3, "/geocode");
	}
	x_tag(b, 2, "/area");
	x_tag(b, 1, "/info");
	buf_adds(b, "</alert>\n");
}

static void
set_xml(struct http_resp *rs, const char *type, struct buf *b)
{
	rs->status = 200;
	rs->content_type = type;
	rs->bodylen = b->len;
	rs->body = buf_steal(b);
}

/* GET /api/v1/alerts/{id}.cap[?message=N][&lang=] */
void
route_alert_cap(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const char *v = http_query(ra->req, "message");
	struct episode e;
	struct buf b;
	int64_t id, k = -1;

	if (parse_i64(ra->param, 1, INT64_MAX, &id) != OD_OK) {
		set_error(rs, 404, "not_found", "no such alert: the path is "
		    "/api/v1/alerts/<alert id>.cap");
		return;
	}
	if (v != NULL && parse_i64(v, 0, CAP_MSGS_MAX - 1, &k) != OD_OK) {
		set_error(rs, 400, "bad_request", "message must be the index "
		    "of a message of the episode (0: its Alert)");
		return;
	}
	if (episode_load(d, id, &e) < 0) {
		set_error(rs, 503, "unavailable", "database error");
		return;
	}
	if (!e.found) {
		set_error(rs, 404, "not_found", "no alert %lld", (long long)id);
		return;
	}
	if (k >= (int64_t)e.nmsg) {
		set_error(rs, 404, "not_found", "alert %lld has %zu messages",
		    (long long)id, e.nmsg);
		return;
	}
	buf_init(&b, BUF_UNBOUNDED);
	cap_render(d, pick_lang(ra->req), &e, k < 0 ? e.nmsg - 1 : (size_t)k,
	    &b);
	set_xml(rs, "application/cap+xml", &b);
}

/* ---- Atom ------------------------------------------------------------- */

struct feed_ids {
	int64_t		 ids[MAX_LIMIT];
	size_t		 n;
};

static int
feed_id(void *arg, const struct store_alert_row *a)
{
	struct feed_ids *f = arg;

	if (f->n < NELEM(f->ids))
		f->ids[f->n++] = a->id;
	return 0;
}

static void
atom_time(int64_t ms, char *out, size_t len)
{
	time_format(ms, out, len);	/* RFC 3339, UTC */
}

/* GET /api/v1/alerts.atom[?limit=][&lang=]: firing first, then recent. */
void
route_alerts_atom(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const struct cap_lang *L = pick_lang(ra->req);
	const char *base = d->conf->dl.public_url ? d->conf->dl.public_url :
	    "";
	struct feed_ids *f;
	struct buf b, entries;
	int64_t limit, newest = 0;
	char when[40];

	if (param_limit(ra->req, rs, &limit) < 0)
		return;
	f = xcalloc(1, sizeof(*f));
	if (store_alerts(d->store, NULL, NULL, limit, feed_id, f) != OD_OK) {
		free(f);
		set_error(rs, 503, "unavailable", "database error");
		return;
	}
	buf_init(&entries, BUF_UNBOUNDED);
	for (size_t i = 0; i < f->n; i++) {
		struct episode e;
		struct buf cap;
		const struct cap_msg *m;
		const struct region *r;
		enum utility u = UTIL_POWER;
		char head[512], text[512];

		if (episode_load(d, f->ids[i], &e) < 0 || !e.found)
			continue;
		m = &e.msg[e.nmsg - 1];
		r = gaz_by_id(d->gaz, e.region);
		utility_from_name(e.utility, &u);
		if (m->at > newest)
			newest = m->at;
		msg_texts(L, &e, m, u, r ? gaz_name(d->gaz, r, L->tag) :
		    e.region, head, text, sizeof(head));
		buf_adds(&entries, "\t<entry>\n");
		buf_adds(&entries, "\t\t<id>urn:outaged:");
		x_esc(&entries, d->conf->cap_sender);
		buf_printf(&entries, ":alert:%lld:%lld</id>\n",
		    (long long)e.id, (long long)e.started_at);
		x_el(&entries, 2, "title", head);
		atom_time(m->at, when, sizeof(when));
		x_el(&entries, 2, "updated", when);
		atom_time(e.started_at, when, sizeof(when));
		x_el(&entries, 2, "published", when);
		buf_adds(&entries, "\t\t<link rel=\"alternate\" "
		    "type=\"application/cap+xml\" href=\"");
		x_esc(&entries, base);
		buf_printf(&entries, "/api/v1/alerts/%lld.cap\"/>\n",
		    (long long)e.id);
		buf_adds(&entries, "\t\t<category term=\"");
		x_esc(&entries, e.utility);
		buf_printf(&entries, "\"/>\n\t\t<category term=\"%s\"/>\n",
		    e.firing ? "firing" : "resolved");
		buf_init(&cap, BUF_UNBOUNDED);
		x_esc(&cap, msg_type[m->type]);
		buf_adds(&cap, ": ");
		x_esc(&cap, text);
		buf_printf(&entries, "\t\t<summary>%s</summary>\n",
		    buf_str(&cap));
		buf_free(&cap);
		buf_adds(&entries, "\t</entry>\n");
	}
	free(f);
	buf_init(&b, BUF_UNBOUNDED);
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<feed xmlns=\"" ATOM_NS "\" xml:lang=\"");
	buf_adds(&b, L->tag);
	buf_adds(&b, "\">\n\t<id>urn:outaged:");
	x_esc(&b, d->conf->cap_sender);
	buf_adds(&b, ":alerts</id>\n");
	x_el(&b, 1, "title", L->feed_title);
	atom_time(newest > 0 ? newest : now_wall_ms(), when, sizeof(when));
	x_el(&b, 1, "updated", when);
	buf_adds(&b, "\t<author><name>outaged</name></author>\n"
	    "\t<generator>outaged</generator>\n"
	    "\t<link rel=\"self\" type=\"application/atom+xml\" href=\"");
	x_esc(&b, base);
	buf_adds(&b, "/api/v1/alerts.atom\"/>\n");
	buf_add(&b, entries.len ? buf_str(&entries) : "", entries.len);
	buf_free(&entries);
	buf_adds(&b, "</feed>\n");
	set_xml(rs, "application/atom+xml", &b);
}
