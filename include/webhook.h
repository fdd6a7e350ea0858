/* SPDX-License-Identifier: MIT */
/*
 * webhook.h - Standard Webhooks signing and the shape of each channel's
 * HTTP request (pure: no I/O; the delivery code sends what it returns).
 *
 * Signing (https://www.standardwebhooks.com, symmetric scheme "v1"): the
 * secret is "whsec_" + base64 of 24..64 random bytes; the signed content is
 * "<msg_id>.<timestamp>.<body>" with the timestamp in Unix seconds; the
 * signature is "v1," + base64(HMAC-SHA256(decoded secret, content)).  The
 * request carries three headers:
 *   webhook-id         the message id, the same on every retry
 *   webhook-timestamp  the attempt's time, Unix seconds
 *   webhook-signature  space-separated "v1,<base64>" (one per secret)
 *
 * Presets shape the request from one notice (the channel's url is always
 * the base, so a test can point it at a local receiver):
 *   none      POST url, application/json: the alert JSON with "text" and
 *             "title" added; webhook-id and webhook-timestamp always,
 *             webhook-signature when the channel has a secret
 *   ntfy      POST url (the topic URL, https://ntfy.sh/mytopic),
 *             text/plain body = text; Title (RFC 2047 encoded when not
 *             ASCII, which ntfy decodes), Priority 1-5 (minor 3, major 4,
 *             critical 5; resolved 2), Tags (rotating_light, warning,
 *             large_yellow_circle; white_check_mark when resolved)
 *   telegram  POST url + "/sendMessage" (url is the bot's base,
 *             https://api.telegram.org/bot<token>), application/json
 *             {"chat_id", "text", "disable_web_page_preview": true}
 *   slack     POST url, application/json {"text"}: Slack incoming
 *             webhooks and the compatible ones (Mattermost, Rocket.Chat,
 *             Discord's .../slack endpoint)
 * A preset channel with a secret gets the three Standard Webhooks headers
 * too (for a relay that checks them; the services themselves ignore them).
 */
#ifndef WEBHOOK_H
#define WEBHOOK_H

#include <stddef.h>
#include <stdint.h>

#include "outaged.h"
#include "route.h"

struct channel;

#define WEBHOOK_SIG_MAX		48	/* "v1," + 44 base64 + NUL */
#define WEBHOOK_ID_MAX		32	/* "msg_" + 24 base62 + NUL */
#define WEBHOOK_TOLERANCE_S	300	/* the spec's suggested 5 minutes */
#define WEBHOOK_SECRET_MIN	24	/* decoded bytes, per the spec */
#define WEBHOOK_SECRET_MAX	64

/* Is this a usable secret: "whsec_" + base64 of 24..64 bytes? */
int		 webhook_secret_ok(const char *secret);

/*
 * Write "v1,<base64>" into out.  Returns 0, or -1 when the secret is not
 * usable, msg_id is empty or holds a '.' (the spec forbids it: it would
 * make the signed content ambiguous), or outlen < WEBHOOK_SIG_MAX.
 */
int		 webhook_sign(const char *secret, const char *msg_id,
		    int64_t timestamp_s, const char *body, size_t len,
		    char *out, size_t outlen);

/*
 * Check a received request: timestamp is the webhook-timestamp header as
 * received (decimal seconds), signatures the webhook-signature header
 * (space-separated; entries of other versions are skipped).  Returns 0
 * when one v1 entry matches (compared in constant time) and the timestamp
 * lies within tolerance_s of now_s either way; -1 otherwise.
 */
int		 webhook_verify(const char *secret, const char *msg_id,
		    const char *timestamp, const char *body, size_t len,
		    const char *signatures, int64_t now_s,
		    int64_t tolerance_s);

/* A fresh message id, "msg_" + 24 random base62 characters (~142 bits). */
void		 webhook_msg_id(char out[WEBHOOK_ID_MAX]);

/* One notice to send: what the request is made of. */
struct webhook_notice {
	const char	*alert_json;	/* the structured alert, a JSON object */
	const char	*text;		/* notify_render()'s one line */
	const char	*title;		/* and its title */
	enum severity	 severity;
	enum route_event event;
	const char	*msg_id;	/* webhook_msg_id(), kept across retries */
	int64_t		 now_s;		/* this attempt */
};

#define WEBHOOK_HEADERS_MAX	8

struct webhook_req {
	char		*url;
	const char	*content_type;	/* static */
	char		*body;
	size_t		 body_len;
	/* "Name: value" lines, Content-Type first (for curl_slist_append) */
	char		*headers[WEBHOOK_HEADERS_MAX];
	size_t		 nheaders;
};

/*
 * Shape the request for a webhook channel.  Returns 0 with *out filled
 * (free it with webhook_req_free), or -1 with err saying why (not a
 * webhook channel, no url, telegram without chat_id, alert_json not an
 * object, a header value with CR or LF, a bad secret).
 */
int		 webhook_request(const struct channel *,
		    const struct webhook_notice *, struct webhook_req *out,
		    char *err, size_t errlen);
/* The value of header name (case-insensitive), NULL when absent. */
const char	*webhook_req_header(const struct webhook_req *,
		    const char *name);
void		 webhook_req_free(struct webhook_req *);	/* NULL is fine */

#endif /* WEBHOOK_H */
