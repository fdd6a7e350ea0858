/* SPDX-License-Identifier: MIT */
/*
 * webhook.c - Standard Webhooks signatures (HMAC-SHA256 through OpenSSL's
 * EVP_MAC) and the request each webhook preset sends.  See webhook.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include <jansson.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "buf.h"
#include "email.h"
#include "log.h"
#include "subscription.h"
#include "util.h"
#include "webhook.h"

#define SECRET_PREFIX	"whsec_"

/*
 * Decode the secret's base64 (after "whsec_") into key.  Strict: the
 * alphabet of RFC 4648 section 4, padded to a multiple of four.  Returns
 * the key's length, or -1.
 */
static int
secret_key(const char *secret, unsigned char key[WEBHOOK_SECRET_MAX + 3])
{
	unsigned char tmp[((WEBHOOK_SECRET_MAX + 2) / 3) * 3 + 3];
	const char *b64;
	size_t n, pad = 0;
	int len;

	if (secret == NULL ||
	    strncmp(secret, SECRET_PREFIX, strlen(SECRET_PREFIX)) != 0)
		return -1;
	b64 = secret + strlen(SECRET_PREFIX);
	n = strlen(b64);
	if (n == 0 || n % 4 != 0 || n > ((WEBHOOK_SECRET_MAX + 2) / 3) * 4)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char c = b64[i];

		if (c == '=') {
			if (i < n - 2)
				return -1;
			pad++;
		} else if (pad > 0 || !((c >= 'A' && c <= 'Z') ||
		    (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '+' || c == '/'))
			return -1;
	}
	len = EVP_DecodeBlock(tmp, (const unsigned char *)b64, (int)n);
	if (len < 0 || (size_t)len < pad)
		return -1;
	len -= (int)pad;
	if (len < WEBHOOK_SECRET_MIN || len > WEBHOOK_SECRET_MAX) {
		OPENSSL_cleanse(tmp, sizeof(tmp));
		return -1;
	}
	memcpy(key, tmp, (size_t)len);
	OPENSSL_cleanse(tmp, sizeof(tmp));
	return len;
}

int
webhook_secret_ok(const char *secret)
{
	unsigned char key[WEBHOOK_SECRET_MAX + 3];
	int n = secret_key(secret, key);

	OPENSSL_cleanse(key, sizeof(key));
	return n > 0;
}

/* HMAC-SHA256 of "<msg_id>.<ts>.<body>" into mac (32 bytes); 0 or -1. */
static int
hmac_content(const unsigned char *key, size_t keylen, const char *msg_id,
    int64_t ts, const char *body, size_t len, unsigned char mac[32])
{
	char prefix[WEBHOOK_ID_MAX + 48];
	EVP_MAC *m;
	EVP_MAC_CTX *ctx = NULL;
	OSSL_PARAM params[2];
	size_t maclen = 0;
	int n, ok = 0;

	n = snprintf(prefix, sizeof(prefix), "%s.%lld.", msg_id,
	    (long long)ts);
	if (n < 0 || (size_t)n >= sizeof(prefix))
		return -1;
	if ((m = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL)
		return -1;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)(uintptr_t)"SHA256", 0);
	params[1] = OSSL_PARAM_construct_end();
	if ((ctx = EVP_MAC_CTX_new(m)) != NULL &&
	    EVP_MAC_init(ctx, key, keylen, params) == 1 &&
	    EVP_MAC_update(ctx, (const unsigned char *)prefix, (size_t)n) == 1 &&
	    (len == 0 || EVP_MAC_update(ctx, (const unsigned char *)body,
	    len) == 1) &&
	    EVP_MAC_final(ctx, mac, &maclen, 32) == 1 && maclen == 32)
		ok = 1;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(m);
	return ok ? 0 : -1;
}

static int
msg_id_ok(const char *msg_id)
{
	size_t n;

	if (msg_id == NULL || (n = strlen(msg_id)) == 0 ||
	    n >= WEBHOOK_ID_MAX + 32)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (msg_id[i] == '.' || (unsigned char)msg_id[i] <= ' ' ||
		    (unsigned char)msg_id[i] >= 0x7f)
			return 0;
	return 1;
}

int
webhook_sign(const char *secret, const char *msg_id, int64_t timestamp_s,
    const char *body, size_t len, char *out, size_t outlen)
{
	unsigned char key[WEBHOOK_SECRET_MAX + 3], mac[32];
	int keylen, rc;

	if (outlen < WEBHOOK_SIG_MAX || !msg_id_ok(msg_id) ||
	    (body == NULL && len > 0))
		return -1;
	if ((keylen = secret_key(secret, key)) < 0)
		return -1;
	rc = hmac_content(key, (size_t)keylen, msg_id, timestamp_s, body, len,
	    mac);
	OPENSSL_cleanse(key, sizeof(key));
	if (rc != 0)
		return -1;
	memcpy(out, "v1,", 3);
	/* 32 bytes are 44 base64 characters and a NUL */
	EVP_EncodeBlock((unsigned char *)out + 3, mac, sizeof(mac));
	return 0;
}

int
webhook_verify(const char *secret, const char *msg_id, const char *timestamp,
    const char *body, size_t len, const char *signatures, int64_t now_s,
    int64_t tolerance_s)
{
	char want[WEBHOOK_SIG_MAX];
	const char *p;
	int64_t ts;
	int match = 0;

	if (timestamp == NULL || signatures == NULL)
		return -1;
	/* digits only: parse_i64 would take a sign or leading space */
	if (timestamp[0] < '0' || timestamp[0] > '9' ||
	    parse_i64(timestamp, 0, INT64_MAX / 2, &ts) != OD_OK)
		return -1;
	if (ts < now_s - tolerance_s || ts > now_s + tolerance_s)
		return -1;
	if (webhook_sign(secret, msg_id, ts, body, len, want,
	    sizeof(want)) != 0)
		return -1;
	/* every entry is looked at, so the time does not say which matched */
	for (p = signatures; *p != '\0';) {
		size_t n;

		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (n == strlen(want) && strncmp(p, "v1,", 3) == 0 &&
		    CRYPTO_memcmp(p, want, n) == 0)
			match = 1;
		p += n;
	}
	OPENSSL_cleanse(want, sizeof(want));
	return match ? 0 : -1;
}

void
webhook_msg_id(char out[WEBHOOK_ID_MAX])
{
	static const char b62[] = "0123456789"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	const size_t end = 4 + 24;
	unsigned char r[32];
	size_t o;

	_Static_assert(4 + 24 < WEBHOOK_ID_MAX, "WEBHOOK_ID_MAX");
	memcpy(out, "msg_", 4);
	o = 4;
	while (o < end) {
		random_fill(r, sizeof(r));
		/* 248 = 4 * 62: the bytes above are dropped, so no bias */
		for (size_t i = 0; i < sizeof(r) && o < end; i++)
			if (r[i] < 248)
				out[o++] = b62[r[i] % 62];
	}
	out[o] = '\0';
}

/* ---- requests --------------------------------------------------------- */

static int
has_crlf(const char *s)
{
	return s != NULL && strpbrk(s, "\r\n") != NULL;
}

static int
add_header(struct webhook_req *req, const char *name, const char *value,
    char *err, size_t errlen)
{
	struct buf b;

	if (has_crlf(value)) {
		snprintf(err, errlen, "header %s: a value may not hold CR or LF",
		    name);
		return -1;
	}
	if (req->nheaders == WEBHOOK_HEADERS_MAX) {
		snprintf(err, errlen, "too many headers");
		return -1;
	}
	buf_init(&b, BUF_UNBOUNDED);
	buf_printf(&b, "%s: %s", name, value);
	req->headers[req->nheaders++] = buf_steal(&b);
	return 0;
}

static int
sign_headers(struct webhook_req *req, const struct channel *ch,
    const struct webhook_notice *n, int always, char *err, size_t errlen)
{
	char ts[24], sig[WEBHOOK_SIG_MAX];

	if (!always && (ch->secret == NULL || ch->secret[0] == '\0'))
		return 0;
	if (!msg_id_ok(n->msg_id)) {
		snprintf(err, errlen, "msg_id: needed, without '.' or spaces");
		return -1;
	}
	snprintf(ts, sizeof(ts), "%lld", (long long)n->now_s);
	if (add_header(req, "webhook-id", n->msg_id, err, errlen) != 0 ||
	    add_header(req, "webhook-timestamp", ts, err, errlen) != 0)
		return -1;
	if (ch->secret == NULL || ch->secret[0] == '\0')
		return 0;
	if (webhook_sign(ch->secret, n->msg_id, n->now_s, req->body,
	    req->body_len, sig, sizeof(sig)) != 0) {
		snprintf(err, errlen, "channel.secret: not \"whsec_\" and the "
		    "base64 of %d to %d bytes", WEBHOOK_SECRET_MIN,
		    WEBHOOK_SECRET_MAX);
		return -1;
	}
	return add_header(req, "webhook-signature", sig, err, errlen);
}

static char *
dump(json_t *j)
{
	char *s = json_dumps(j, OD_JSON_COMPACT);

	json_decref(j);
	if (s == NULL)
		fatalx("json_dumps: out of memory");
	return s;
}

static int
ntfy_priority(const struct webhook_notice *n)
{
	if (n->event == ROUTE_RESOLVED)
		return 2;
	switch (n->severity) {
	case SEV_CRITICAL:
		return 5;
	case SEV_MAJOR:
		return 4;
	default:
		return 3;
	}
}

static const char *
ntfy_tag(const struct webhook_notice *n)
{
	if (n->event == ROUTE_RESOLVED)
		return "white_check_mark";
	switch (n->severity) {
	case SEV_CRITICAL:
		return "rotating_light";
	case SEV_MAJOR:
		return "warning";
	default:
		return "large_yellow_circle";
	}
}

/* The body of each preset; NULL with err set on failure. */
static char *
make_body(const struct channel *ch, const struct webhook_notice *n,
    char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *j;

	switch (ch->preset) {
	case PRESET_NONE:
		j = n->alert_json == NULL ? NULL : json_loads(n->alert_json,
		    JSON_REJECT_DUPLICATES, &jerr);
		if (!json_is_object(j)) {
			json_decref(j);
			snprintf(err, errlen, "alert_json: not a JSON object");
			return NULL;
		}
		json_object_set_new(j, "text", json_string(n->text));
		json_object_set_new(j, "title", json_string(n->title));
		return dump(j);
	case PRESET_NTFY:
		return xstrdup(n->text);
	case PRESET_TELEGRAM:
		if (ch->chat_id == NULL || ch->chat_id[0] == '\0') {
			snprintf(err, errlen, "channel.chat_id: the telegram "
			    "preset needs one");
			return NULL;
		}
		return dump(json_pack("{s:s, s:s, s:b}", "chat_id", ch->chat_id,
		    "text", n->text, "disable_web_page_preview", 1));
	case PRESET_SLACK:
		return dump(json_pack("{s:s}", "text", n->text));
	}
	snprintf(err, errlen, "channel.preset: unknown");
	return NULL;
}

int
webhook_request(const struct channel *ch, const struct webhook_notice *n,
    struct webhook_req *out, char *err, size_t errlen)
{
	struct buf url;
	size_t ulen;

	memset(out, 0, sizeof(*out));
	if (ch->type != CHANNEL_WEBHOOK) {
		snprintf(err, errlen, "channel: not a webhook");
		return -1;
	}
	if (ch->url == NULL || (strncasecmp(ch->url, "http://", 7) != 0 &&
	    strncasecmp(ch->url, "https://", 8) != 0) ||
	    strpbrk(ch->url, " \t\r\n") != NULL) {
		snprintf(err, errlen, "channel.url: not an http or https URL");
		return -1;
	}
	if (n->text == NULL || n->title == NULL) {
		snprintf(err, errlen, "no text or title");
		return -1;
	}
	if ((out->body = make_body(ch, n, err, errlen)) == NULL)
		return -1;
	out->body_len = strlen(out->body);

	buf_init(&url, BUF_UNBOUNDED);
	ulen = strlen(ch->url);
	if (ch->preset == PRESET_TELEGRAM) {
		while (ulen > 0 && ch->url[ulen - 1] == '/')
			ulen--;
		buf_add(&url, ch->url, ulen);
		buf_adds(&url, "/sendMessage");
	} else
		buf_adds(&url, ch->url);
	out->url = buf_steal(&url);

	out->content_type = ch->preset == PRESET_NTFY ?
	    "text/plain; charset=utf-8" : "application/json";
	if (add_header(out, "Content-Type", out->content_type, err,
	    errlen) != 0)
		goto fail;
	if (ch->preset == PRESET_NTFY) {
		char prio[4];
		char *title = email_encode_header(n->title, 0, " ");
		int rc;

		snprintf(prio, sizeof(prio), "%d", ntfy_priority(n));
		rc = title == NULL ? -1 :
		    add_header(out, "Title", title, err, errlen);
		if (title == NULL)
			snprintf(err, errlen, "title: may not hold CR or LF");
		free(title);
		if (rc != 0 ||
		    add_header(out, "Priority", prio, err, errlen) != 0 ||
		    add_header(out, "Tags", ntfy_tag(n), err, errlen) != 0)
			goto fail;
	}
	if (sign_headers(out, ch, n, ch->preset == PRESET_NONE, err,
	    errlen) != 0)
		goto fail;
	return 0;
fail:
	webhook_req_free(out);
	return -1;
}

const char *
webhook_req_header(const struct webhook_req *req, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < req->nheaders; i++)
		if (strncasecmp(req->headers[i], name, n) == 0 &&
		    req->headers[i][n] == ':')
			return req->headers[i] + n + (req->headers[i][n + 1] ==
			    ' ' ? 2 : 1);
	return NULL;
}

void
webhook_req_free(struct webhook_req *req)
{
	if (req == NULL)
		return;
	free(req->url);
	free(req->body);
	for (size_t i = 0; i < req->nheaders; i++)
		free(req->headers[i]);
	memset(req, 0, sizeof(*req));
}
