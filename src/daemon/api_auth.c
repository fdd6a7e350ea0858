/* SPDX-License-Identifier: MIT */
/*
 * api_auth.c - who may call the API: bearer tokens (plain or as their
 * SHA-256 digest) with their grants, and failed attempts throttled per
 * client address.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <openssl/crypto.h>

#include "api.h"
#include "api_int.h"
#include "conf.h"
#include "http.h"
#include "log.h"
#include "util.h"

/*
 * Failed authentications per client address: past AUTH_FAIL_MAX in one
 * AUTH_WINDOW_MS window the address is locked until the window ends, so a
 * token cannot be guessed at the speed of the network (RELIABILITY S3).
 *
 * The table holds AUTH_SLOTS addresses (about 400 KiB).  A new address
 * takes a free slot, else one whose window is over, else the oldest one
 * not locked: a locked address is never let go before its window ends,
 * however many other addresses fail once.  When every slot is locked (an
 * attacker with thousands of addresses), a failure from an address not in
 * the table is answered 429 too: the table stays bounded and no address
 * guesses unthrottled.
 *
 * Failures are throttled, not successes: a request whose token is valid
 * passes even from a locked address (issue 11 item 8: one bad client
 * behind a shared address must not lock out the good ones).  A locked
 * address's wrong token gets 429, is not counted and not logged.  That a
 * guesser so learns whether a guess was right is no help to it: it still
 * has to guess the token, and a token on a listener other hosts can reach
 * has at least 16 bytes (conf.c), beyond guessing at any rate; the lock
 * keeps a weak token from being tried fast and the log quiet.  Only the
 * first failure of an address in a window is logged, and its lock-out.
 */
#define AUTH_FAIL_MAX	30
#define AUTH_WINDOW_MS	60000
#define AUTH_SLOTS	4096

struct auth_slot {
	char		 addr[64];
	uint32_t	 hash;		/* of addr: most slots are skipped by it */
	int64_t		 window_start;	/* monotonic ms */
	int		 fails;
};

struct api_auth {
	json_t		*no_sources;	/* [] : may post as no source */
	struct auth_slot *slots;	/* AUTH_SLOTS */
};

struct api_auth *
api_auth_new(void)
{
	struct api_auth *a = xcalloc(1, sizeof(*a));

	a->no_sources = json_array();
	a->slots = xcalloc(AUTH_SLOTS, sizeof(*a->slots));
	return a;
}

void
api_auth_free(struct api_auth *a)
{
	if (a == NULL)
		return;
	json_decref(a->no_sources);
	free(a->slots);
	free(a);
}

/*
 * Compare SHA-256 digests in constant time: equal lengths always, and no
 * early exit that would time the prefix a guess got right.  A configured
 * token "sha256:<hex>" is its digest already, so the file need not hold
 * the secret.  On a match ra has the token's grant: its "sources" (NULL
 * when it may post as any source; an empty array for a subscriber's token
 * that has none), whether it manages only its own subscriptions, and its
 * owner label (the first 16 hex digits of the digest: stable, and no
 * help to a guesser).
 */
static int
token_ok(const struct api_auth *a, const struct conf *c,
    const char *presented, struct route_args *ra)
{
	char got[65];
	size_t i;
	json_t *t;
	int ok = 0;

	sha256_hex(presented, strlen(presented), got);
	json_array_foreach(c->http_tokens, i, t) {
		const char *v = json_is_string(t) ? json_string_value(t) :
		    json_string_value(json_object_get(t, "token"));
		char want[65];

		if (strncmp(v, "sha256:", 7) == 0 && strlen(v) == 71)
			str_copy(want, v + 7, sizeof(want));
		else
			sha256_hex(v, strlen(v), want);
		if (CRYPTO_memcmp(got, want, 64) == 0 && !ok) {
			const char *scope = json_string_value(
			    json_object_get(t, "subscriptions"));

			ok = 1;
			ra->sources = json_object_get(t, "sources");
			if (ra->sources == NULL && json_is_object(t))
				ra->sources = a->no_sources;
			ra->own_subscriptions = scope != NULL &&
			    strcmp(scope, "own") == 0;
			str_copy(ra->owner, want, 17);
		}
	}
	return ok;
}


static uint32_t
addr_hash(const char *s)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int
auth_locked(const struct auth_slot *s, int64_t now)
{
	return s->addr[0] != '\0' && s->fails >= AUTH_FAIL_MAX &&
	    now - s->window_start < AUTH_WINDOW_MS;
}

/*
 * The address's slot (its window renewed when over), or with create a new
 * one (see above for which is replaced); NULL when there is none, or no
 * room: every slot is locked.
 */
static struct auth_slot *
auth_slot(struct api_auth *a, const char *addr, int create)
{
	struct auth_slot *victim = NULL;
	int64_t now = now_mono_ms();
	uint32_t h = addr_hash(addr);
	int rank, vrank = 3;

	for (size_t i = 0; i < AUTH_SLOTS; i++) {
		struct auth_slot *s = &a->slots[i];

		if (s->addr[0] != '\0' && s->hash == h &&
		    strcmp(s->addr, addr) == 0) {
			if (now - s->window_start >= AUTH_WINDOW_MS) {
				s->window_start = now;	/* a new window */
				s->fails = 0;
			}
			return s;
		}
		if (!create || auth_locked(s, now))
			continue;
		/* free, then over, then the oldest of those counting */
		rank = s->addr[0] == '\0' ? 0 :
		    now - s->window_start >= AUTH_WINDOW_MS ? 1 : 2;
		if (victim == NULL || rank < vrank || (rank == 2 &&
		    vrank == 2 && s->window_start < victim->window_start)) {
			victim = s;
			vrank = rank;
		}
	}
	if (victim == NULL)
		return NULL;
	str_copy(victim->addr, addr, sizeof(victim->addr));
	victim->hash = h;
	victim->window_start = now;
	victim->fails = 0;
	return victim;
}

/* Is the address locked out (or, the table full of locked ones, unknown)? */
static int
auth_throttled(struct api_auth *a, const char *addr)
{
	struct auth_slot *s = auth_slot(a, addr, 0);

	if (s != NULL)
		return s->fails >= AUTH_FAIL_MAX;
	return 0;
}

static void
set_throttled(struct http_resp *rs)
{
	set_error(rs, 429, "too_many_requests", "too many failed "
	    "authentications from this address; try again later");
	rs->retry_after = "60";
}

/*
 * Count a failure; 1 when it is the first of the address's window (the
 * one that is logged), -1 when there is no room to count it (answer 429).
 */
static int
auth_failed(struct api_auth *a, const char *addr)
{
	struct auth_slot *s;

	if ((s = auth_slot(a, addr, 1)) == NULL)
		return -1;
	if (++s->fails == AUTH_FAIL_MAX)
		log_warnx("api: %d failed authentications from %s within a "
		    "minute: refusing its failures for the rest of the minute",
		    AUTH_FAIL_MAX, addr);
	return s->fails == 1;
}

int
api_authorized(struct api_auth *a, const struct conf *c,
    const struct http_req *req, struct http_resp *rs, struct route_args *ra)
{
	const char *h = http_header(req, "Authorization");
	char addr[64], esc[256];
	int first;

	http_client_addr(req, addr, sizeof(addr));
	/* a valid token passes, even from a locked address (see above) */
	if (h != NULL && strncasecmp(h, "Bearer ", 7) == 0 &&
	    token_ok(a, c, h + 7, ra))
		return 1;
	if (auth_throttled(a, addr) || (first = auth_failed(a, addr)) < 0) {
		set_throttled(rs);
		return 0;
	}
	/* no token can pass: say so rather than let the client guess */
	if (json_array_size(c->http_tokens) == 0) {
		set_error(rs, 401, "unauthorized", "no tokens are configured "
		    "(http.tokens is empty): this daemon accepts no writes "
		    "over HTTP until one is added");
		rs->www_auth = "Bearer";
		return 0;
	}
	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0) {
		set_error(rs, 401, "unauthorized", "this needs a bearer token "
		    "(Authorization: Bearer <token>)");
		rs->www_auth = "Bearer";
		return 0;
	}
	/* the path is the client's: escaped, so it cannot forge a line */
	if (first)
		log_warnx("api: bad token from %s for %s %s (further failures "
		    "from it this minute are not logged)", addr, req->method,
		    log_escape(esc, sizeof(esc), req->path, strlen(req->path)));
	set_error(rs, 401, "unauthorized", "the bearer token is not valid");
	rs->www_auth = "Bearer error=\"invalid_token\"";
	return 0;
}
