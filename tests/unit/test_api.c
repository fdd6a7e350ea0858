/* SPDX-License-Identifier: MIT */
/*
 * test_api.c - the API's handlers called directly, without a socket: a
 * daemon assembled from a real store in a temporary directory, the real
 * gazetteer and a pipeline whose sink records what would be published.
 * The route table is compared with docs/openapi.json.
 *
 *   test_api            run the tests
 *   test_api --routes   print the route table ("METHOD PATTERN" lines)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "region.h"
#include "api.h"
#include "conf.h"
#include "daemon.h"
#include "news.h"
#include "pipeline.h"
#include "store.h"
#include "util.h"

#include "t.h"
#include "t_sink.h"

#define TOKEN	"s3cret-token-for-tests"

static struct daemon d;
static char dir[] = "/tmp/outaged-test-api.XXXXXX";
static char dbpath[256];

static int
setup(void)
{
	struct pipeline_sink sink = t_topic_sink();
	char err[512];

	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/outaged.db", dir);
	d.conf = conf_defaults();
	conf_set_database(d.conf, dbpath);
	json_array_append_new(d.conf->http_tokens, json_string(TOKEN));
	if ((d.gaz = t_gazetteer()) == NULL)
		return -1;
	if (store_open(&d.store, dbpath, err, sizeof(err)) != OD_OK) {
		fprintf(stderr, "store_open: %s\n", err);
		return -1;
	}
	if ((d.pipeline = pipeline_new(d.conf, d.gaz, d.store, &sink, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "pipeline_new: %s\n", err);
		return -1;
	}
	d.news = news_new(d.conf, d.gaz, d.pipeline);
	d.api = api_new(&d);
	d.started_at = now_wall_ms();
	return 0;
}

static void
teardown(void)
{
	api_free(d.api);
	news_free(d.news);
	pipeline_free(d.pipeline);
	store_close(d.store);
	gaz_free(d.gaz);
	conf_free(d.conf);
	for (const char *const *s = (const char *const[]){ "", "-wal", "-shm",
	    NULL }; *s != NULL; s++) {
		char p[300];

		snprintf(p, sizeof(p), "%s%s", dbpath, *s);
		unlink(p);
	}
	rmdir(dir);
}

/* One request; the answer's status, and its JSON body in *body (or NULL). */
static int
call(const char *method, const char *path, const char *const *query,
    const char *body, const char *token, json_t **out, struct http_resp *rs)
{
	const char *headers[3] = { NULL, NULL, NULL };
	char auth[128];
	struct http_req req;

	memset(&req, 0, sizeof(req));
	memset(rs, 0, sizeof(*rs));
	req.method = method;
	req.path = path;
	req.body = body;
	req.bodylen = body ? strlen(body) : 0;
	req.query = query;
	req.client = "127.0.0.1";
	if (token != NULL) {
		snprintf(auth, sizeof(auth), "Bearer %s", token);
		headers[0] = "Authorization";
		headers[1] = auth;
		req.headers = headers;
	}
	api_handle(d.api, &req, rs);
	if (out != NULL)
		*out = rs->body && rs->content_type &&
		    strcmp(rs->content_type, "application/json") == 0 ?
		    json_loadb(rs->body, rs->bodylen, 0, NULL) : NULL;
	return rs->status;
}

static int
status_of(const char *method, const char *path, const char *body,
    const char *token, json_t **out)
{
	struct http_resp rs;
	int st = call(method, path, NULL, body, token, out, &rs);

	free(rs.body);
	return st;
}

static void
test_routes_match_openapi(void)
{
	size_t n;
	const struct api_route *rt = api_routes(&n);
	json_t *spec = json_load_file("docs/openapi.json", 0, NULL), *paths;
	const char *path;
	json_t *ops;
	size_t documented = 0;

	CHECK(spec != NULL);
	if (spec == NULL)
		return;
	paths = json_object_get(spec, "paths");
	/* every documented (method, path) is in the table ... */
	json_object_foreach(paths, path, ops) {
		const char *meth;
		json_t *op;

		json_object_foreach(ops, meth, op) {
			int found = 0;
			char up[8];

			if (strlen(meth) >= sizeof(up) || (op != NULL &&
			    !json_is_object(op)))
				continue;
			for (size_t i = 0; meth[i] != '\0'; i++)
				up[i] = (char)(meth[i] - 'a' + 'A');
			up[strlen(meth)] = '\0';
			if (strcmp(meth, "parameters") == 0)
				continue;
			documented++;
			for (size_t i = 0; i < n; i++)
				if (strcmp(rt[i].method, up) == 0 &&
				    strcmp(rt[i].pattern, path) == 0)
					found = 1;
			if (!found)
				fprintf(stderr, "documented, not routed: %s %s\n",
				    up, path);
			CHECK(found);
		}
	}
	/* ... and every route is documented */
	for (size_t i = 0; i < n; i++) {
		char meth[8];

		for (size_t k = 0; k <= strlen(rt[i].method); k++)
			meth[k] = (char)(rt[i].method[k] >= 'A' &&
			    rt[i].method[k] <= 'Z' ? rt[i].method[k] + 32 :
			    rt[i].method[k]);
		ops = json_object_get(paths, rt[i].pattern);
		if (ops == NULL || json_object_get(ops, meth) == NULL)
			fprintf(stderr, "routed, not documented: %s %s\n",
			    rt[i].method, rt[i].pattern);
		CHECK(ops != NULL && json_object_get(ops, meth) != NULL);
	}
	CHECK_INT(documented, n);
	json_decref(spec);
}

static void
test_not_found_and_not_allowed(void)
{
	struct http_resp rs;

	CHECK_INT(status_of("GET", "/nope", NULL, NULL, NULL), 404);
	CHECK_INT(status_of("GET", "/api/v1/regions/", NULL, NULL, NULL), 404);
	CHECK_INT(status_of("GET", "/api/v1/regions/UA-12/nope", NULL, NULL,
	    NULL), 404);
	/* the path exists for other methods: 405 and which */
	CHECK_INT(call("DELETE", "/api/v1/reports", NULL, NULL, NULL, NULL,
	    &rs), 405);
	CHECK_STR(rs.allow, "GET, POST");
	free(rs.body);
	CHECK_INT(call("GET", "/api/v1/news", NULL, NULL, NULL, NULL, &rs),
	    405);
	CHECK_STR(rs.allow, "POST");
	free(rs.body);
	CHECK_INT(call("POST", "/api/v1/regions/UA-12", NULL, NULL, NULL,
	    NULL, &rs), 405);
	CHECK_STR(rs.allow, "GET");
	free(rs.body);
	/* HEAD is answered wherever GET is */
	CHECK_INT(status_of("HEAD", "/api/v1/status", NULL, NULL, NULL), 200);
}

static void
test_post_needs_a_token(void)
{
	struct http_resp rs;
	const char *rep = "{\"source\":\"dtek\",\"region\":\"UA-12\","
	    "\"utility\":\"power\",\"status\":\"outage\"}";

	CHECK_INT(call("POST", "/api/v1/reports", NULL, rep, NULL, NULL, &rs),
	    401);
	CHECK_STR(rs.www_auth, "Bearer");
	free(rs.body);
	CHECK_INT(status_of("POST", "/api/v1/reports", rep, "wrong", NULL),
	    401);
	/* reads are open by default */
	CHECK_INT(status_of("GET", "/api/v1/reports", NULL, NULL, NULL), 200);
}

static void
test_seed_report_end_to_end(void)
{
	json_t *j = NULL;
	const char *seed = "{\"id\":\"dtek-0001\",\"source\":\"dtek\","
	    "\"region\":\"Dnipropetrovsk\",\"utility\":\"power\","
	    "\"status\":\"outage\",\"affected\":600000,"
	    "\"unit\":\"households\",\"approximate\":true}";
	json_t *power;

	npublished = 0;
	CHECK_INT(status_of("POST", "/api/v1/reports", seed, TOKEN, &j), 200);
	CHECK_INT(json_integer_value(json_object_get(j, "accepted")), 1);
	json_decref(j);
	/* the commit happened before the answer: status and alert queued */
	CHECK(was_published("outages/status/UA-12"));
	CHECK(was_published("outages/status/UA"));
	CHECK(was_published("outages/alerts/power/UA/UA-12"));
	/* the same id again is a duplicate */
	CHECK_INT(status_of("POST", "/api/v1/reports", seed, TOKEN, &j), 200);
	CHECK_INT(json_integer_value(json_object_get(j, "duplicates")), 1);
	json_decref(j);

	CHECK_INT(status_of("GET", "/api/v1/regions/UA-12", NULL, NULL, &j),
	    200);
	power = json_object_get(json_object_get(j, "utilities"), "power");
	CHECK_INT(json_integer_value(json_object_get(power, "affected")),
	    600000);
	CHECK_NEAR(json_real_value(json_object_get(power, "percent")), 46.1,
	    0.001);
	CHECK_STR(json_string_value(json_object_get(power, "severity")),
	    "critical");
	json_decref(j);
	/* a name resolves too */
	CHECK_INT(status_of("GET", "/api/v1/regions/dnipropetrovsk", NULL,
	    NULL, NULL), 200);
	CHECK_INT(status_of("GET", "/api/v1/regions/Atlantis", NULL, NULL,
	    NULL), 404);

	CHECK_INT(status_of("GET", "/api/v1/alerts", NULL, NULL, &j), 200);
	CHECK_INT(json_array_size(json_object_get(j, "alerts")), 1);
	json_decref(j);
	CHECK_INT(status_of("GET", "/api/v1/reports", NULL, NULL, &j), 200);
	CHECK_INT(json_array_size(json_object_get(j, "reports")), 1);
	json_decref(j);
}

static void
test_rejections_map_to_statuses(void)
{
	json_t *j = NULL;
	char *big;
	size_t n = (size_t)d.conf->max_payload + 10;

	CHECK_INT(status_of("POST", "/api/v1/reports", "{\"source\":\"x\","
	    "\"region\":\"Atlantis\",\"utility\":\"power\",\"status\":"
	    "\"outage\"}", TOKEN, &j), 400);
	CHECK_STR(json_string_value(json_object_get(j, "error")),
	    "unknown_region");
	json_decref(j);
	CHECK_INT(status_of("POST", "/api/v1/reports", "{nope", TOKEN, &j),
	    400);
	CHECK_STR(json_string_value(json_object_get(j, "error")),
	    "invalid_json");
	json_decref(j);
	big = xmalloc(n + 1);
	memset(big, ' ', n);
	big[n] = '\0';
	CHECK_INT(status_of("POST", "/api/v1/reports", big, TOKEN, &j), 413);
	CHECK_STR(json_string_value(json_object_get(j, "error")),
	    "payload_too_large");
	json_decref(j);
	free(big);
	CHECK_INT(status_of("POST", "/api/v1/reports", "", TOKEN, NULL), 400);
}

static void
test_query_parameters(void)
{
	struct http_resp rs;
	json_t *j = NULL;
	const char *bad_limit[] = { "limit", "0", NULL };
	const char *bad_state[] = { "state", "sleeping", NULL };
	const char *firing[] = { "state", "firing", "region", "UA-12", NULL };

	CHECK_INT(call("GET", "/api/v1/reports", bad_limit, NULL, NULL, NULL,
	    &rs), 400);
	free(rs.body);
	CHECK_INT(call("GET", "/api/v1/alerts", bad_state, NULL, NULL, NULL,
	    &rs), 400);
	free(rs.body);
	CHECK_INT(call("GET", "/api/v1/alerts", firing, NULL, NULL, &j, &rs),
	    200);
	CHECK_INT(json_array_size(json_object_get(j, "alerts")), 1);
	json_decref(j);
	free(rs.body);
}

static void
test_news_post(void)
{
	json_t *j = NULL;
	const char *article = "{\"title\":\"Strikes on the grid\",\"body\":"
	    "\"About 600,000 households in Kharkiv region remained without "
	    "power on Tuesday.\"}";

	CHECK_INT(status_of("POST", "/api/v1/news", article, TOKEN, &j), 200);
	CHECK_INT(json_array_size(json_object_get(j, "extracted")), 1);
	CHECK_INT(json_integer_value(json_object_get(j, "accepted")), 1);
	json_decref(j);
	CHECK_INT(status_of("POST", "/api/v1/news", "{\"url\":\"x\"}", TOKEN,
	    &j), 400);
	CHECK_STR(json_string_value(json_object_get(j, "error")),
	    "invalid_article");
	json_decref(j);
}

static void
test_metrics_and_health(void)
{
	struct http_resp rs;

	CHECK_INT(call("GET", "/metrics", NULL, NULL, NULL, NULL, &rs), 200);
	CHECK(rs.body != NULL && strstr(rs.body,
	    "\noutaged_reports_stored_total 2\n") != NULL);
	CHECK(rs.body != NULL && strstr(rs.body,
	    "outaged_reports_rejected_total{reason=\"unknown_region\"} 1\n") !=
	    NULL);
	CHECK(rs.body != NULL && strstr(rs.body,
	    "outaged_http_report_posts_total ") != NULL);
	/* no listener in this test: its connection figures are zero */
	CHECK(rs.body != NULL && strstr(rs.body,
	    "\noutaged_http_connections 0\n") != NULL);
	CHECK(rs.body != NULL && strstr(rs.body,
	    "outaged_http_connections_ended_total{reason=\"shed\"} 0\n") !=
	    NULL);
	free(rs.body);
	/* no broker connection here: unhealthy */
	CHECK_INT(status_of("GET", "/healthz", NULL, NULL, NULL), 503);
}

int
main(int argc, char **argv)
{
	int status;

	if (argc > 1 && strcmp(argv[1], "--routes") == 0) {
		size_t n;
		const struct api_route *rt = api_routes(&n);

		for (size_t i = 0; i < n; i++)
			printf("%s %s\n", rt[i].method, rt[i].pattern);
		return 0;
	}
	if (setup() < 0) {
		printf("FAIL setup\n# 0 passed, 1 failed\n");
		return 1;
	}
	RUN(test_routes_match_openapi);
	RUN(test_not_found_and_not_allowed);
	RUN(test_post_needs_a_token);
	RUN(test_seed_report_end_to_end);
	RUN(test_rejections_map_to_statuses);
	RUN(test_query_parameters);
	RUN(test_news_post);
	RUN(test_metrics_and_health);
	status = T_DONE();
	teardown();
	return status;
}
