/* SPDX-License-Identifier: MIT */
/*
 * test_webhook.c - Standard Webhooks signatures against published and
 * independently computed vectors, verification, message ids, and the
 * request each preset shapes (headers, and bodies parsed back).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "subscription.h"
#include "util.h"
#include "webhook.h"

#include "t.h"

/*
 * The vector of the Standard Webhooks reference libraries: the Go
 * library's TestWebhookSign in github.com/standard-webhooks/
 * standard-webhooks, libraries/go/webhook_test.go (read at commit
 * 449485caf9c0303530c19524fbe4096680aafcf1).  Checked here also by
 *   key=$(printf MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d | xxd -p)
 *   printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' |
 *     openssl dgst -sha256 -mac HMAC -macopt hexkey:$key -binary | base64
 */
#define SPEC_SECRET	"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
#define SPEC_ID		"msg_p5jXN8AQM9LWM0D4loKWxJek"
#define SPEC_TS		1614265330
#define SPEC_BODY	"{\"test\": 2432232314}"
#define SPEC_SIG	"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

/*
 * Our own vector, computed with OpenSSL's command line rather than this
 * code (the key is ASCII, so -hmac takes it as it is):
 *   k=outaged-test-key-0123456789abcdef     (33 bytes)
 *   printf %s "$k" | base64                 -> the secret after whsec_
 *   printf '%s' 'msg_2vQe7TfKx9LmNp3RsUwYz1Ab.1795687200.{"region":"UA-12","utility":"power","event":"firing"}' |
 *     openssl dgst -sha256 -hmac "$k" -binary | base64
 */
#define OWN_SECRET	"whsec_b3V0YWdlZC10ZXN0LWtleS0wMTIzNDU2Nzg5YWJjZGVm"
#define OWN_ID		"msg_2vQe7TfKx9LmNp3RsUwYz1Ab"
#define OWN_TS		1795687200	/* 2026-11-26T10:00:00Z */
#define OWN_BODY	"{\"region\":\"UA-12\",\"utility\":\"power\",\"event\":\"firing\"}"
#define OWN_SIG		"v1,G8JirpLvBfFWWO7xQG0KJS8NZBDGegemAfOpi2DHYN4="

static void
test_sign_vectors(void)
{
	char sig[WEBHOOK_SIG_MAX];

	CHECK_INT(webhook_sign(SPEC_SECRET, SPEC_ID, SPEC_TS, SPEC_BODY,
	    strlen(SPEC_BODY), sig, sizeof(sig)), 0);
	CHECK_STR(sig, SPEC_SIG);
	CHECK_INT(webhook_sign(OWN_SECRET, OWN_ID, OWN_TS, OWN_BODY,
	    strlen(OWN_BODY), sig, sizeof(sig)), 0);
	CHECK_STR(sig, OWN_SIG);
	/* only len bytes of the body are signed */
	CHECK_INT(webhook_sign(OWN_SECRET, OWN_ID, OWN_TS,
	    OWN_BODY "trailing", strlen(OWN_BODY), sig, sizeof(sig)), 0);
	CHECK_STR(sig, OWN_SIG);
}

static void
test_sign_refuses(void)
{
	char sig[WEBHOOK_SIG_MAX];

	/* a '.' in the id would make the signed content ambiguous */
	CHECK_INT(webhook_sign(SPEC_SECRET, "msg.1", SPEC_TS, "{}", 2, sig,
	    sizeof(sig)), -1);
	CHECK_INT(webhook_sign(SPEC_SECRET, "", SPEC_TS, "{}", 2, sig,
	    sizeof(sig)), -1);
	CHECK_INT(webhook_sign(SPEC_SECRET, SPEC_ID, SPEC_TS, "{}", 2, sig,
	    WEBHOOK_SIG_MAX - 1), -1);
	/* secrets: the prefix, base64, 24..64 bytes */
	CHECK_INT(webhook_sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", SPEC_ID,
	    SPEC_TS, "{}", 2, sig, sizeof(sig)), -1);
	CHECK_INT(webhook_sign("whsec_", SPEC_ID, SPEC_TS, "{}", 2, sig,
	    sizeof(sig)), -1);
	CHECK_INT(webhook_sign("whsec_c2hvcnQ=", SPEC_ID, SPEC_TS, "{}", 2,
	    sig, sizeof(sig)), -1);	/* "short" */
	CHECK_INT(webhook_sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!",
	    SPEC_ID, SPEC_TS, "{}", 2, sig, sizeof(sig)), -1);
	CHECK_INT(webhook_sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", SPEC_ID,
	    SPEC_TS, "{}", 2, sig, sizeof(sig)), -1);	/* not padded */
	CHECK(webhook_secret_ok(SPEC_SECRET));
	CHECK(webhook_secret_ok(OWN_SECRET));
	CHECK(!webhook_secret_ok(NULL));
	CHECK(!webhook_secret_ok("whsec_c2hvcnQ="));
	/* 65 bytes: over the spec's 64 */
	CHECK(!webhook_secret_ok("whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB"
	    "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="));
	/* 64 bytes: the most */
	CHECK(webhook_secret_ok("whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB"
	    "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQQ=="));
}

static void
test_verify(void)
{
	const char *b = SPEC_BODY;
	size_t n = strlen(b);

	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330", b, n,
	    SPEC_SIG, SPEC_TS, WEBHOOK_TOLERANCE_S), 0);
	/* within the window either way, and out of it */
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330", b, n,
	    SPEC_SIG, SPEC_TS + 300, 300), 0);
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330", b, n,
	    SPEC_SIG, SPEC_TS - 300, 300), 0);
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330", b, n,
	    SPEC_SIG, SPEC_TS + 301, 300), -1);
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330", b, n,
	    SPEC_SIG, SPEC_TS - 301, 300), -1);
	/* a changed body, timestamp, id or secret */
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330",
	    "{\"test\": 2432232315}", n, SPEC_SIG, SPEC_TS, 300), -1);
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330", b, n - 1,
	    SPEC_SIG, SPEC_TS, 300), -1);
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265331", b, n,
	    SPEC_SIG, SPEC_TS, 300), -1);
	CHECK_INT(webhook_verify(SPEC_SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJel",
	    "1614265330", b, n, SPEC_SIG, SPEC_TS, 300), -1);
	CHECK_INT(webhook_verify(OWN_SECRET, SPEC_ID, "1614265330", b, n,
	    SPEC_SIG, SPEC_TS, 300), -1);
	/* a changed signature, or another scheme's */
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330", b, n,
	    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OF=", SPEC_TS, 300),
	    -1);
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330", b, n,
	    "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", SPEC_TS, 300),
	    -1);
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330", b, n,
	    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE", SPEC_TS, 300),
	    -1);
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330", b, n, "",
	    SPEC_TS, 300), -1);
	/* a list: one match is enough, wherever it stands */
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330", b, n,
	    "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,xyz " SPEC_SIG
	    " v1,AAAA", SPEC_TS, 300), 0);
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330", b, n,
	    "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=  v1,AAAA",
	    SPEC_TS, 300), -1);
	/* a timestamp that is not plain seconds */
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, " 1614265330", b, n,
	    SPEC_SIG, SPEC_TS, 300), -1);
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "+1614265330", b, n,
	    SPEC_SIG, SPEC_TS, 300), -1);
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, "1614265330x", b, n,
	    SPEC_SIG, SPEC_TS, 300), -1);
	CHECK_INT(webhook_verify(SPEC_SECRET, SPEC_ID, NULL, b, n, SPEC_SIG,
	    SPEC_TS, 300), -1);
	/* our own vector too */
	CHECK_INT(webhook_verify(OWN_SECRET, OWN_ID, "1795687200", OWN_BODY,
	    strlen(OWN_BODY), OWN_SIG, OWN_TS + 10, 300), 0);
}

static void
test_msg_id(void)
{
	char a[WEBHOOK_ID_MAX], b[WEBHOOK_ID_MAX], sig[WEBHOOK_SIG_MAX];

	webhook_msg_id(a);
	webhook_msg_id(b);
	CHECK_INT(strlen(a), 28);
	CHECK(strncmp(a, "msg_", 4) == 0);
	CHECK(strcmp(a, b) != 0);
	CHECK_INT(strspn(a + 4, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz"), 24);
	/* a fresh id signs and verifies */
	CHECK_INT(webhook_sign(OWN_SECRET, a, 1000, "x", 1, sig, sizeof(sig)),
	    0);
	CHECK_INT(webhook_verify(OWN_SECRET, a, "1000", "x", 1, sig, 1000, 0),
	    0);
}

/* ---- presets --------------------------------------------------------- */

#define ALERT "{\"region\":\"UA-12\",\"utility\":\"power\"," \
	"\"event\":\"firing\",\"severity\":\"critical\",\"affected\":600000}"
#define TEXT "\xf0\x9f\x94\xb4 Dnipropetrovsk oblast: no power for " \
	"~600,000 households (46 %)"

static struct webhook_notice
notice(void)
{
	struct webhook_notice n = {
		.alert_json = ALERT,
		.text = TEXT,
		.title = "Power outage: Dnipropetrovsk oblast",
		.severity = SEV_CRITICAL,
		.event = ROUTE_FIRING,
		.msg_id = OWN_ID,
		.now_s = OWN_TS,
	};

	return n;
}

static json_t *
body_json(const struct webhook_req *r)
{
	json_error_t jerr;
	json_t *j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES,
	    &jerr);

	CHECK(j != NULL && json_is_object(j));
	return j;
}

static void
test_preset_none(void)
{
	struct channel ch = { .type = CHANNEL_WEBHOOK,
	    .url = (char *)"http://127.0.0.1:8099/hook",
	    .secret = (char *)OWN_SECRET };
	struct webhook_notice n = notice();
	struct webhook_req r;
	char err[256];
	json_t *j;

	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), 0);
	CHECK_STR(r.url, "http://127.0.0.1:8099/hook");
	CHECK_STR(r.content_type, "application/json");
	CHECK_INT(r.nheaders, 4);
	CHECK_STR(r.headers[0], "Content-Type: application/json");
	CHECK_STR(webhook_req_header(&r, "content-type"), "application/json");
	CHECK_STR(webhook_req_header(&r, "webhook-id"), OWN_ID);
	CHECK_STR(webhook_req_header(&r, "webhook-timestamp"), "1795687200");
	/* the signature is over the body as sent */
	CHECK_INT(webhook_verify(OWN_SECRET, OWN_ID, "1795687200", r.body,
	    r.body_len, webhook_req_header(&r, "webhook-signature"), OWN_TS,
	    300), 0);
	CHECK(strncmp(webhook_req_header(&r, "webhook-signature"), "v1,",
	    3) == 0);
	CHECK(webhook_req_header(&r, "Title") == NULL);
	j = body_json(&r);
	CHECK_STR(json_string_value(json_object_get(j, "region")), "UA-12");
	CHECK_INT(json_integer_value(json_object_get(j, "affected")), 600000);
	CHECK_STR(json_string_value(json_object_get(j, "text")), TEXT);
	CHECK_STR(json_string_value(json_object_get(j, "title")),
	    "Power outage: Dnipropetrovsk oblast");
	CHECK_INT(json_object_size(j), 7);
	json_decref(j);
	webhook_req_free(&r);

	/* no secret: id and timestamp still, no signature */
	ch.secret = NULL;
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), 0);
	CHECK_INT(r.nheaders, 3);
	CHECK_STR(webhook_req_header(&r, "webhook-id"), OWN_ID);
	CHECK(webhook_req_header(&r, "webhook-signature") == NULL);
	webhook_req_free(&r);

	/* the alert must be an object */
	n.alert_json = "[1]";
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), -1);
	CHECK(strstr(err, "alert_json") != NULL);
	n.alert_json = "{";
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), -1);
	n.alert_json = ALERT;
	/* a bad secret is an error, not an unsigned request */
	ch.secret = (char *)"whsec_c2hvcnQ=";
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), -1);
	CHECK(strstr(err, "secret") != NULL);
	CHECK(r.url == NULL && r.body == NULL && r.nheaders == 0);
	webhook_req_free(&r);
	webhook_req_free(NULL);
}

static void
test_preset_ntfy(void)
{
	struct channel ch = { .type = CHANNEL_WEBHOOK,
	    .url = (char *)"https://ntfy.sh/dnipro-power", .preset = PRESET_NTFY };
	struct webhook_notice n = notice();
	struct webhook_req r;
	char err[256];
	static const struct {
		enum severity sev;
		enum route_event ev;
		const char *prio, *tag;
	} cases[] = {
		{ SEV_CRITICAL, ROUTE_FIRING, "5", "rotating_light" },
		{ SEV_MAJOR, ROUTE_UPDATED, "4", "warning" },
		{ SEV_MINOR, ROUTE_REPEAT, "3", "large_yellow_circle" },
		{ SEV_CRITICAL, ROUTE_RESOLVED, "2", "white_check_mark" },
		{ SEV_NONE, ROUTE_RESOLVED, "2", "white_check_mark" },
	};

	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), 0);
	CHECK_STR(r.url, "https://ntfy.sh/dnipro-power");
	CHECK_STR(r.body, TEXT);
	CHECK_INT(r.body_len, strlen(TEXT));
	CHECK_STR(webhook_req_header(&r, "Content-Type"),
	    "text/plain; charset=utf-8");
	CHECK_STR(webhook_req_header(&r, "Title"),
	    "Power outage: Dnipropetrovsk oblast");
	CHECK_INT(r.nheaders, 4);	/* no secret: no Standard Webhooks */
	CHECK(webhook_req_header(&r, "webhook-id") == NULL);
	webhook_req_free(&r);

	for (size_t i = 0; i < NELEM(cases); i++) {
		n.severity = cases[i].sev;
		n.event = cases[i].ev;
		CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), 0);
		CHECK_STR(webhook_req_header(&r, "Priority"), cases[i].prio);
		CHECK_STR(webhook_req_header(&r, "Tags"), cases[i].tag);
		webhook_req_free(&r);
	}

	/* a Ukrainian title goes as RFC 2047 words, which ntfy decodes */
	n.title = "Відключення світла: Дніпропетровська область";
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), 0);
	CHECK(strncmp(webhook_req_header(&r, "Title"), "=?UTF-8?B?", 10) == 0);
	CHECK(strpbrk(webhook_req_header(&r, "Title"), "\r\n") == NULL);
	webhook_req_free(&r);
	/* a title with a line break is refused */
	n.title = "two\r\nX-Injected: 1";
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), -1);

	/* with a secret, signed too (over the text body) */
	n = notice();
	ch.secret = (char *)OWN_SECRET;
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), 0);
	CHECK_INT(r.nheaders, 7);
	CHECK_INT(webhook_verify(OWN_SECRET, OWN_ID, "1795687200", r.body,
	    r.body_len, webhook_req_header(&r, "webhook-signature"), OWN_TS,
	    300), 0);
	webhook_req_free(&r);
}

static void
test_preset_telegram(void)
{
	struct channel ch = { .type = CHANNEL_WEBHOOK,
	    .url = (char *)"https://api.telegram.org/bot123456:ABC-def/",
	    .preset = PRESET_TELEGRAM, .chat_id = (char *)"-100123456789" };
	struct webhook_notice n = notice();
	struct webhook_req r;
	char err[256];
	json_t *j;

	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), 0);
	CHECK_STR(r.url, "https://api.telegram.org/bot123456:ABC-def/sendMessage");
	CHECK_STR(webhook_req_header(&r, "Content-Type"), "application/json");
	CHECK_INT(r.nheaders, 1);
	j = body_json(&r);
	CHECK_STR(json_string_value(json_object_get(j, "chat_id")),
	    "-100123456789");
	CHECK_STR(json_string_value(json_object_get(j, "text")), TEXT);
	CHECK(json_is_true(json_object_get(j, "disable_web_page_preview")));
	CHECK_INT(json_object_size(j), 3);
	json_decref(j);
	webhook_req_free(&r);

	/* a local receiver as the base */
	ch.url = (char *)"http://127.0.0.1:8099/botTEST";
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), 0);
	CHECK_STR(r.url, "http://127.0.0.1:8099/botTEST/sendMessage");
	webhook_req_free(&r);

	ch.chat_id = NULL;
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), -1);
	CHECK(strstr(err, "chat_id") != NULL);
}

static void
test_preset_slack(void)
{
	struct channel ch = { .type = CHANNEL_WEBHOOK,
	    .url = (char *)"https://hooks.slack.com/services/T0/B0/XXXX",
	    .preset = PRESET_SLACK };
	struct webhook_notice n = notice();
	struct webhook_req r;
	char err[256];
	json_t *j;

	n.text = "\xe2\x9c\x85 Kharkiv oblast: heating restored after 2 h "
	    "15 min \"quoted\"";
	n.event = ROUTE_RESOLVED;
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), 0);
	CHECK_STR(r.url, "https://hooks.slack.com/services/T0/B0/XXXX");
	CHECK_STR(webhook_req_header(&r, "Content-Type"), "application/json");
	j = body_json(&r);
	CHECK_STR(json_string_value(json_object_get(j, "text")), n.text);
	CHECK_INT(json_object_size(j), 1);
	json_decref(j);
	webhook_req_free(&r);
}

static void
test_request_refuses(void)
{
	struct channel ch = { .type = CHANNEL_EMAIL,
	    .to = (char *)"ops@example.org" };
	struct webhook_notice n = notice();
	struct webhook_req r;
	char err[256];

	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), -1);
	CHECK(strstr(err, "not a webhook") != NULL);
	ch.type = CHANNEL_WEBHOOK;
	ch.url = NULL;
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), -1);
	ch.url = (char *)"ftp://example.org/x";
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), -1);
	CHECK(strstr(err, "channel.url") != NULL);
	ch.url = (char *)"https://example.org/x\r\nHost: evil";
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), -1);
	/* the id goes in a header and the signed content */
	ch.url = (char *)"https://example.org/x";
	n.msg_id = "msg_a.b";
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), -1);
	CHECK(strstr(err, "msg_id") != NULL);
	n.msg_id = NULL;
	CHECK_INT(webhook_request(&ch, &n, &r, err, sizeof(err)), -1);
}

int
main(void)
{
	RUN(test_sign_vectors);
	RUN(test_sign_refuses);
	RUN(test_verify);
	RUN(test_msg_id);
	RUN(test_preset_none);
	RUN(test_preset_ntfy);
	RUN(test_preset_telegram);
	RUN(test_preset_slack);
	RUN(test_request_refuses);
	return T_DONE();
}
