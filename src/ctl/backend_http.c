/* SPDX-License-Identifier: MIT */
/*
 * backend_http.c - the HTTP backend: the daemon's API through libcurl.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sys/stat.h>
#include <curl/curl.h>
#include <jansson.h>

#include "log.h"
#include "outaged.h"
#include "util.h"
#include "ctl.h"
#include "backend_http.h"

/*
 * libcurl's write callback into a struct buf (a response body, capped at
 * its max); 0 past the cap stops the transfer.
 */
size_t
body_write(char *p, size_t size, size_t n, void *arg)
{
	return buf_add(arg, p, size * n) == 0 ? size * n : 0;
}

struct curl_slist *
header_add(struct curl_slist *l, const char *h)
{
	struct curl_slist *n = curl_slist_append(l, h);

	if (n == NULL)
		fatalx("out of memory");
	return n;
}

/* Options every request has; a stream has no total timeout. */
void
http_setup(struct http_be *h, const char *url, int stream)
{
	CURL *c = h->curl;

	curl_easy_reset(c);
	h->errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	/* the daemon is reached directly, whatever http_proxy says */
	curl_easy_setopt(c, CURLOPT_PROXY, "");
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(c, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(c, CURLOPT_USERAGENT, "outagectl/" OUTAGED_VERSION);
	if (stream) {
		/* a dead connection: no byte, not even a ping, for a while */
		curl_easy_setopt(c, CURLOPT_TIMEOUT, 0L);
		curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
		curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, STREAM_IDLE_S);
	} else {
		curl_easy_setopt(c, CURLOPT_TIMEOUT, REQUEST_TIMEOUT_S);
		curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
		    (curl_off_t)RESPONSE_MAX);
	}
}

/* "cannot reach outaged at URL: why", for a transfer that failed. */
void
http_unreachable(struct backend *b, CURLcode cc)
{
	struct http_be *h = b->impl;

	snprintf(b->err, sizeof(b->err), "cannot reach outaged at %s: %s",
	    b->where, h->errbuf[0] != '\0' ? h->errbuf :
	    curl_easy_strerror(cc));
	b->fail = CTL_UNAVAIL;
}

/*
 * One request (a POST when post is not NULL; a DELETE with H_DELETE).  0
 * with the status code and the body, or -1 when no answer came (b->err
 * and b->fail say why).
 */
static int
http_do(struct backend *b, const char *url, const char *post,
    unsigned flags, long *status, struct buf *bd)
{
	struct http_be *h = b->impl;
	struct curl_slist *hdr = NULL;
	CURLcode cc;

	http_setup(h, url, 0);
	hdr = header_add(hdr, "Accept: application/json");
	if (post != NULL) {
		hdr = header_add(hdr, "Content-Type: application/json");
		hdr = header_add(hdr, "Expect:");
		curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, post);
		curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)strlen(post));
	}
	if (flags & H_DELETE)
		curl_easy_setopt(h->curl, CURLOPT_CUSTOMREQUEST, "DELETE");
	if (h->auth != NULL)
		hdr = header_add(hdr, h->auth);
	curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, body_write);
	curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, bd);
	cc = curl_easy_perform(h->curl);
	curl_slist_free_all(hdr);
	if (bd->overflow || cc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(b->err, sizeof(b->err), "%s: the answer is over "
		    "%ld MiB", b->where, RESPONSE_MAX / (1024 * 1024));
		b->fail = CTL_UNAVAIL;
		return -1;
	}
	if (cc != CURLE_OK) {
		http_unreachable(b, cc);
		return -1;
	}
	*status = 0;
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, status);
	return 0;
}

/* Say what an answer other than 2xx means, in b->err and b->fail. */
void
http_fail(struct backend *b, long status, const struct buf *bd,
    unsigned flags)
{
	struct http_be *h = b->impl;
	json_t *j = bd->len > 0 ? json_loadb(bd->data, bd->len, 0, NULL) : NULL;
	const char *error = jstr(j, "error"), *detail = jstr(j, "detail");
	char why[600], *safe;

	snprintf(why, sizeof(why), "%s%s%s", error != NULL ? error : "",
	    error != NULL && detail != NULL ? ": " : "",
	    detail != NULL ? detail : "");
	if (why[0] == '\0')
		str_copy(why, "no explanation", sizeof(why));
	safe = term_safe(why);
	switch (status) {
	case 401:
		b->fail = CTL_AUTH;
		if (h->auth != NULL)
			snprintf(b->err, sizeof(b->err), "the token from %s "
			    "was refused: %s", h->auth_from != NULL ?
			    h->auth_from : "OUTAGED_TOKEN", safe);
		else
			snprintf(b->err, sizeof(b->err), "the daemon wants a "
			    "token (set OUTAGED_TOKEN, or use --token-file "
			    "FILE): %s", safe);
		break;
	case 400:
	case 403:	/* a scoped token, another source */
	case 409:	/* a subscription from the configuration file */
	case 413:
	case 422:
		/* an unknown region named in a body or a query is not found */
		if ((flags & H_REGION) && status == 400 && error != NULL &&
		    strcmp(error, "not_found") == 0 && detail != NULL) {
			char *d = term_safe(detail);

			b->fail = CTL_NODATA;
			str_copy(b->err, d, sizeof(b->err));
			free(d);
			break;
		}
		b->fail = CTL_REFUSED;
		snprintf(b->err, sizeof(b->err), "the daemon refused the %s: "
		    "%s", (flags & H_REPORT) ? "report" :
		    (flags & H_SUB) ? "subscription" :
		    (flags & H_SILENCE) ? "silence" : "request", safe);
		break;
	case 404:
		if ((flags & (H_REGION | H_NOTFOUND)) && detail != NULL) {
			char *d = term_safe(detail);

			b->fail = CTL_NODATA;
			str_copy(b->err, d, sizeof(b->err));
			free(d);
			break;
		}
		/* FALLTHROUGH */
	default:
		b->fail = CTL_UNAVAIL;
		snprintf(b->err, sizeof(b->err), "outaged at %s answered HTTP "
		    "%ld: %s%s", b->where, status, safe, status >= 300 &&
		    status < 400 ? " (redirects are not followed: give the "
		    "final URL)" : status == 404 ? " (is the URL the daemon's "
		    "address, such as " DEFAULT_URL "?)" : "");
		break;
	}
	free(safe);
	json_decref(j);
}

/*
 * A request whose answer is a JSON object.  Returns it, or NULL with
 * b->err and b->fail set.
 */
static json_t *
http_json(struct backend *b, const char *url, const char *post,
    unsigned flags)
{
	struct buf bd;
	json_t *j = NULL;
	long status;

	buf_init(&bd, RESPONSE_MAX);
	if (http_do(b, url, post, flags, &status, &bd) == -1)
		goto out;
	if (status < 200 || status > 299) {
		http_fail(b, status, &bd, flags);
		goto out;
	}
	j = bd.len > 0 ? json_loadb(bd.data, bd.len, 0, NULL) : NULL;
	if (!json_is_object(j)) {
		json_decref(j);
		j = NULL;
		snprintf(b->err, sizeof(b->err), "%s did not answer with "
		    "outaged's JSON (is it outaged?)", b->where);
		b->fail = CTL_UNAVAIL;
	}
 out:
	buf_free(&bd);
	return j;
}

/* Append "?key=value" or "&key=value", the value percent-encoded. */
static void
query_add(struct backend *b, struct buf *sb, const char *key,
    const char *value)
{
	struct http_be *h = b->impl;
	char *e;

	if (value == NULL)
		return;
	if ((e = curl_easy_escape(h->curl, value, 0)) == NULL)
		fatalx("out of memory");
	text_add(sb, "%c%s=%s", strchr(buf_str(sb), '?') != NULL ? '&' : '?', key,
	    e);
	curl_free(e);
}

/* base + API + "/regions/<region, percent-encoded>" + rest */
static void
region_path(struct backend *b, struct buf *sb, const char *region,
    const char *rest)
{
	struct http_be *h = b->impl;
	char *e;

	if ((e = curl_easy_escape(h->curl, region, 0)) == NULL)
		fatalx("out of memory");
	text_add(sb, "%s" API "/regions/%s%s", h->base, e, rest);
	curl_free(e);
}

/* -1 (b->err set) when the URL did not fit. */
static int
url_done(struct backend *b, const struct buf *sb)
{
	if (!sb->overflow)
		return 0;
	snprintf(b->err, sizeof(b->err), "the request URL would be over %zu "
	    "bytes", sb->max);
	b->fail = CTL_USAGE;
	return -1;
}

/* A GET (or, with post, a POST) of the URL in sb, if it fitted, as
 * http_json(); sb is freed. */
static json_t *
http_json_at(struct backend *b, struct buf *sb, const char *post,
    unsigned flags)
{
	json_t *j = NULL;

	if (url_done(b, sb) == 0)
		j = http_json(b, buf_str(sb), post, flags);
	buf_free(sb);
	return j;
}

static void
status_add(struct status_list *l, const char *region, const char *name,
    const char *utility, const json_t *fig)
{
	struct status_row *r;

	ARRAY_GROW(l->v, l->n, l->cap, 32);
	r = &l->v[l->n++];
	memset(r, 0, sizeof(*r));
	r->region = dup_or_null(region);
	r->name = dup_or_null(name);
	r->utility = dup_or_null(utility);
	r->status = dup_or_null(fig != NULL ? jstr(fig, "status") :
	    "unknown");
	r->unit = dup_or_null(jstr(fig, "unit"));
	r->severity = dup_or_null(jstr(fig, "severity"));
	r->affected = jint(fig, "affected", -1);
	r->percent = jreal(fig, "percent", -1);
	r->approximate = jbool(fig, "approximate");
	r->sources = (int)jint(fig, "sources", 0);
	r->since = jtime(fig, "since");
	r->updated_at = jtime(fig, "last_update");
	r->peak = jint(fig, "peak", -1);
}

static enum od_err
http_statuses(struct backend *b, const char *region, struct status_list *out)
{
	struct http_be *h = b->impl;
	struct buf sb = URL_BUF;
	json_t *j, *list, *reg, *utils;
	size_t i;

	if (region != NULL) {
		region_path(b, &sb, region, "");
		if ((j = http_json_at(b, &sb, NULL, H_REGION)) == NULL)
			return OD_ENET;
		utils = json_object_get(j, "utilities");
		for (int u = 0; u < UTIL_COUNT; u++) {
			const char *name = utility_name((enum utility)u);
			json_t *fig = json_object_get(utils, name);

			if (json_is_object(fig) && !fig_never(fig))
				status_add(out, jstr(j, "region"),
				    jstr(j, "name"), name, fig);
		}
		json_decref(j);
		return OD_OK;
	}

	text_add(&sb, "%s" API "/status", h->base);
	if ((j = http_json_at(b, &sb, NULL, 0)) == NULL)
		return OD_ENET;
	/* the daemon lists regions with an outage or stale data only */
	out->outages_only = 1;
	list = json_object_get(j, "regions");
	json_array_foreach(list, i, reg) {
		size_t before = out->n;

		utils = json_object_get(reg, "utilities");
		for (int u = 0; u < UTIL_COUNT; u++) {
			const char *name = utility_name((enum utility)u);
			json_t *fig = json_object_get(utils, name);

			if (json_is_object(fig))
				status_add(out, jstr(reg, "region"),
				    jstr(reg, "name"), name, fig);
		}
		if (out->n == before)	/* listed for stale data only */
			status_add(out, jstr(reg, "region"), jstr(reg, "name"),
			    NULL, NULL);
	}
	json_decref(j);
	return OD_OK;
}

static void
report_add(struct report_list *l, const json_t *o)
{
	struct report_row *r;

	ARRAY_GROW(l->v, l->n, l->cap, 64);
	r = &l->v[l->n++];
	r->id = jint(o, "id", 0);
	r->key = dup_or_null(jstr(o, "key"));
	r->source = dup_or_null(jstr(o, "source"));
	r->region = dup_or_null(jstr(o, "region"));
	r->utility = dup_or_null(jstr(o, "utility"));
	r->status = dup_or_null(jstr(o, "status"));
	r->unit = dup_or_null(jstr(o, "unit"));
	r->via = dup_or_null(jstr(o, "via"));
	r->affected = jint(o, "affected", -1);
	r->percent = jreal(o, "percent", -1);
	r->approximate = jbool(o, "approximate");
	r->observed_at = jtime(o, "observed_at");
	r->received_at = jtime(o, "received_at");
}

/* GET /reports with the filter, one page of limit from the before cursor. */
static json_t *
reports_page(struct backend *b, const struct report_filter *f, int64_t limit,
    int64_t before)
{
	struct http_be *h = b->impl;
	char num[32], since[32];
	struct buf sb = URL_BUF;
	json_t *j;

	text_add(&sb, "%s" API "/reports", h->base);
	snprintf(num, sizeof(num), "%lld", (long long)limit);
	query_add(b, &sb, "limit", num);
	query_add(b, &sb, "region", f->region);
	query_add(b, &sb, "source", f->source);
	if (f->since_ms > 0) {
		time_format(f->since_ms, since, sizeof(since));
		query_add(b, &sb, "since", since);
	}
	if (before > 0) {
		snprintf(num, sizeof(num), "%lld", (long long)before);
		query_add(b, &sb, "before", num);
	}
	if ((j = http_json_at(b, &sb, NULL, H_REGION)) == NULL)
		return NULL;
	if (!json_is_array(json_object_get(j, "reports"))) {
		json_decref(j);
		snprintf(b->err, sizeof(b->err), "%s: the reports answer has "
		    "no list", b->where);
		b->fail = CTL_UNAVAIL;
		return NULL;
	}
	return j;
}

/*
 * The cursor of the next page: 0 at the end.  -1 when it does not move
 * back (a daemon that would have us loop forever).
 */
static int64_t
next_page(struct backend *b, const json_t *j, int64_t before)
{
	int64_t next = jint(j, "next_before", 0);

	if (next <= 0)
		return 0;
	if (before > 0 && next >= before) {
		snprintf(b->err, sizeof(b->err), "%s: the report pages do not "
		    "move back (next_before %lld)", b->where, (long long)next);
		b->fail = CTL_UNAVAIL;
		return -1;
	}
	return next;
}

static enum od_err
http_reports(struct backend *b, const struct report_filter *f,
    struct report_list *out)
{
	int64_t want = f->limit > 0 ? f->limit : INT64_MAX, before = 0, ask;
	json_t *j, *o;
	size_t i;

	out->more = 0;
	for (;;) {
		/* one past the limit says whether more match */
		ask = want - (int64_t)out->n;
		ask = ask < API_PAGE ? ask + 1 : API_PAGE;
		if ((j = reports_page(b, f, ask, before)) == NULL)
			return OD_ENET;
		json_array_foreach(json_object_get(j, "reports"), i, o) {
			if ((int64_t)out->n == want) {
				out->more = 1;
				break;
			}
			report_add(out, o);
		}
		before = next_page(b, j, before);
		json_decref(j);
		if (before == -1)
			return OD_ENET;
		if (out->more || before == 0)
			return OD_OK;
		if ((int64_t)out->n == want) {
			out->more = -1;	/* a full last page: cannot tell */
			return OD_OK;
		}
	}
}

/* The API has no count: page through the matching reports. */
static enum od_err
http_count_reports(struct backend *b, const struct report_filter *f,
    int64_t *n)
{
	int64_t before = 0;
	json_t *j;

	*n = 0;
	do {
		if ((j = reports_page(b, f, API_PAGE, before)) == NULL)
			return OD_ENET;
		*n += (int64_t)json_array_size(json_object_get(j, "reports"));
		before = next_page(b, j, before);
		json_decref(j);
	} while (before > 0);
	return before == 0 ? OD_OK : OD_ENET;
}

/* GET /regions/{region}/history */
static enum od_err
http_history(struct backend *b, const struct history_filter *f,
    json_t **answer)
{
	char since[32];
	struct buf sb = URL_BUF;

	region_path(b, &sb, f->region, "/history");
	query_add(b, &sb, "utility", f->utility);
	if (f->since_ms != INT64_MIN) {
		time_format(f->since_ms > 0 ? f->since_ms : 0, since,
		    sizeof(since));
		query_add(b, &sb, "since", since);
	}
	if ((*answer = http_json_at(b, &sb, NULL, H_REGION)) == NULL)
		return OD_ENET;
	return OD_OK;
}

/* GET /alerts, one page of the largest size */
static enum od_err
http_alerts(struct backend *b, const char *state, const char *region,
    json_t **answer)
{
	struct http_be *h = b->impl;
	char num[16];
	struct buf sb = URL_BUF;

	text_add(&sb, "%s" API "/alerts", h->base);
	query_add(b, &sb, "state", state);
	query_add(b, &sb, "region", region);
	snprintf(num, sizeof(num), "%d", API_PAGE);
	query_add(b, &sb, "limit", num);
	if ((*answer = http_json_at(b, &sb, NULL, H_REGION)) == NULL)
		return OD_ENET;
	return OD_OK;
}

/* POST /reports */
static enum od_err
http_send_report(struct backend *b, const char *report, json_t **answer)
{
	struct http_be *h = b->impl;
	struct buf sb = URL_BUF;

	text_add(&sb, "%s" API "/reports", h->base);
	if ((*answer = http_json_at(b, &sb, report, H_REPORT)) == NULL)
		return OD_ENET;
	return OD_OK;
}

/* ---- getting notified ---------------------------------------------------- */

/* base + API + path, and /<id, percent-encoded> when id is not NULL */
static json_t *
notify_req(struct backend *b, const char *path, const char *id,
    const char *post, unsigned flags)
{
	struct http_be *h = b->impl;
	struct buf sb = URL_BUF;
	char *e;

	text_add(&sb, "%s" API "%s", h->base, path);
	if (id != NULL) {
		if ((e = curl_easy_escape(h->curl, id, 0)) == NULL)
			fatalx("out of memory");
		text_add(&sb, "/%s", e);
		curl_free(e);
	}
	return http_json_at(b, &sb, post, flags);
}

static enum od_err
answered(json_t *j, json_t **answer)
{
	*answer = j;
	return j != NULL ? OD_OK : OD_ENET;
}

/* POST /subscriptions */
static enum od_err
http_subscribe(struct backend *b, const char *body, json_t **answer)
{
	return answered(notify_req(b, "/subscriptions", NULL, body, H_SUB),
	    answer);
}

/* GET /subscriptions */
static enum od_err
http_subscriptions(struct backend *b, json_t **answer)
{
	return answered(notify_req(b, "/subscriptions", NULL, NULL, 0), answer);
}

/* DELETE /subscriptions/{id} */
static enum od_err
http_unsubscribe(struct backend *b, const char *id, json_t **answer)
{
	return answered(notify_req(b, "/subscriptions", id, NULL,
	    H_DELETE | H_NOTFOUND), answer);
}

/* POST /silences */
static enum od_err
http_silence(struct backend *b, const char *body, json_t **answer)
{
	return answered(notify_req(b, "/silences", NULL, body,
	    H_SILENCE | H_REGION), answer);
}

/* GET /silences */
static enum od_err
http_silences(struct backend *b, json_t **answer)
{
	return answered(notify_req(b, "/silences", NULL, NULL, 0), answer);
}

/* DELETE /silences/{id} */
static enum od_err
http_unsilence(struct backend *b, const char *id, json_t **answer)
{
	return answered(notify_req(b, "/silences", id, NULL,
	    H_DELETE | H_NOTFOUND), answer);
}

/* POST /devices */
static enum od_err
http_device_add(struct backend *b, const char *body, json_t **answer)
{
	return answered(notify_req(b, "/devices", NULL, body, H_REGION),
	    answer);
}

/* GET /devices */
static enum od_err
http_devices(struct backend *b, json_t **answer)
{
	return answered(notify_req(b, "/devices", NULL, NULL, 0), answer);
}

/* DELETE /devices/{id} */
static enum od_err
http_device_remove(struct backend *b, const char *id, json_t **answer)
{
	return answered(notify_req(b, "/devices", id, NULL,
	    H_DELETE | H_NOTFOUND), answer);
}

/* POST /acks */
static enum od_err
http_ack(struct backend *b, const char *body, json_t **answer)
{
	return answered(notify_req(b, "/acks", NULL, body, H_NOTFOUND),
	    answer);
}

/* GET /deliveries */
static enum od_err
http_deliveries(struct backend *b, const struct delivery_filter *f,
    json_t **answer)
{
	struct http_be *h = b->impl;
	struct buf sb = URL_BUF;
	char num[32];

	text_add(&sb, "%s" API "/deliveries", h->base);
	query_add(b, &sb, "state", f->state);
	query_add(b, &sb, "subscription", f->subscription);
	if (f->limit > 0) {
		snprintf(num, sizeof(num), "%lld", (long long)f->limit);
		query_add(b, &sb, "limit", num);
	}
	return answered(http_json_at(b, &sb, NULL, 0), answer);
}

/* GET /audit */
static enum od_err
http_audit(struct backend *b, int64_t limit, json_t **answer)
{
	struct http_be *h = b->impl;
	struct buf sb = URL_BUF;
	char num[32];

	text_add(&sb, "%s" API "/audit", h->base);
	if (limit > 0) {
		snprintf(num, sizeof(num), "%lld", (long long)limit);
		query_add(b, &sb, "limit", num);
	}
	return answered(http_json_at(b, &sb, NULL, 0), answer);
}

static void
http_close(struct backend *b)
{
	struct http_be *h = b->impl;

	curl_easy_cleanup(h->curl);
	free(h->auth_from);
	if (h->auth != NULL) {
		explicit_bzero(h->auth, strlen(h->auth));
		free(h->auth);
	}
	free(h->base);
	free(h);
	b->impl = NULL;
	curl_global_cleanup();
}

/* http:// or https://, a host, no query, fragment, space or control. */
static int
url_ok(const char *u)
{
	const char *host = url_host(u);

	if (host == NULL || *host == '\0' || *host == '/' ||
	    strlen(u) > URL_MAX / 2)
		return 0;
	for (; *u != '\0'; u++)
		if ((unsigned char)*u <= 0x20 || (unsigned char)*u >= 0x7f ||
		    *u == '?' || *u == '#')
			return 0;
	return 1;
}

/* A bearer token: printable ASCII, no spaces. */
static int
token_ok(const char *t)
{
	if (t[0] == '\0' || strlen(t) > TOKEN_MAX)
		return 0;
	for (; *t != '\0'; t++)
		if ((unsigned char)*t <= 0x20 || (unsigned char)*t >= 0x7f)
			return 0;
	return 1;
}

/* The first line of path into tok.  CTL_OK, or the exit status. */
static int
token_read(const char *path, char *tok, size_t toklen)
{
	struct stat sb;
	FILE *f;
	int rc = CTL_OK;

	tok[0] = '\0';
	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "outagectl: --token-file %s: %s\n", path,
		    strerror(errno));
		return CTL_USAGE;
	}
	if (fstat(fileno(f), &sb) == -1 || !S_ISREG(sb.st_mode)) {
		fprintf(stderr, "outagectl: --token-file %s: not a regular "
		    "file\n", path);
		fclose(f);
		return CTL_USAGE;
	}
	if (sb.st_mode & S_IROTH)
		fprintf(stderr, "outagectl: warning: %s is readable by every "
		    "user; chmod 600 it\n", path);
	if (fgets(tok, (int)toklen, f) == NULL)
		tok[0] = '\0';
	else if (strchr(tok, '\n') == NULL && !feof(f)) {
		fprintf(stderr, "outagectl: --token-file %s: the first line is "
		    "over %d bytes\n", path, TOKEN_MAX);
		rc = CTL_USAGE;
	}
	fclose(f);
	tok[strcspn(tok, "\r\n")] = '\0';
	if (rc == CTL_OK && tok[0] == '\0') {
		fprintf(stderr, "outagectl: --token-file %s: the first line is "
		    "empty\n", path);
		rc = CTL_USAGE;
	}
	return rc;
}

static int
http_open(struct backend *b, const struct opts *o)
{
	struct http_be *h;
	char tok[TOKEN_MAX + 2];
	const char *env;
	size_t n;
	int rc;

	if (!url_ok(b->where)) {
		char *safe = term_safe(b->where);

		fprintf(stderr, "outagectl: \"%s\" is not an http:// or "
		    "https:// URL such as " DEFAULT_URL "\n", safe);
		free(safe);
		return CTL_USAGE;
	}
	tok[0] = '\0';
	if (o->token_file != NULL) {
		if ((rc = token_read(o->token_file, tok, sizeof(tok))) !=
		    CTL_OK) {
			explicit_bzero(tok, sizeof(tok));
			return rc;
		}
	} else if ((env = getenv("OUTAGED_TOKEN")) != NULL)
		str_copy(tok, env, sizeof(tok));
	if (tok[0] != '\0' && !token_ok(tok)) {
		fprintf(stderr, "outagectl: the token must be 1 to %d "
		    "printable characters without spaces\n", TOKEN_MAX);
		explicit_bzero(tok, sizeof(tok));
		return CTL_USAGE;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		explicit_bzero(tok, sizeof(tok));
		fprintf(stderr, "outagectl: cannot initialise libcurl\n");
		return CTL_UNAVAIL;
	}
	h = xcalloc(1, sizeof(*h));
	if ((h->curl = curl_easy_init()) == NULL) {
		explicit_bzero(tok, sizeof(tok));
		free(h);
		curl_global_cleanup();
		fprintf(stderr, "outagectl: cannot initialise libcurl\n");
		return CTL_UNAVAIL;
	}
	h->base = xstrdup(b->where);
	for (n = strlen(h->base); n > 0 && h->base[n - 1] == '/'; n--)
		h->base[n - 1] = '\0';
	if (tok[0] != '\0') {
		n = strlen(tok) + sizeof("Authorization: Bearer ");
		h->auth = xmalloc(n);
		snprintf(h->auth, n, "Authorization: Bearer %s", tok);
		if (o->token_file != NULL) {
			char *safe = term_safe(o->token_file);

			n = strlen(safe) + sizeof("--token-file ");
			h->auth_from = xmalloc(n);
			snprintf(h->auth_from, n, "--token-file %s", safe);
			free(safe);
		}
	}
	explicit_bzero(tok, sizeof(tok));
	b->impl = h;
	return CTL_OK;
}

const struct backend_ops http_ops = {
	.names = 1,
	.unserved = NULL,
	.open = http_open,
	.statuses = http_statuses,
	.reports = http_reports,
	.count_reports = http_count_reports,
	.history = http_history,
	.alerts = http_alerts,
	.send_report = http_send_report,
	.watch = http_watch,
	.subscribe = http_subscribe,
	.subscriptions = http_subscriptions,
	.unsubscribe = http_unsubscribe,
	.silence = http_silence,
	.silences = http_silences,
	.unsilence = http_unsilence,
	.device_add = http_device_add,
	.devices = http_devices,
	.device_remove = http_device_remove,
	.ack = http_ack,
	.deliveries = http_deliveries,
	.audit = http_audit,
	.close = http_close
};
