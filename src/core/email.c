/* SPDX-License-Identifier: MIT */
/*
 * email.c - an alert as an RFC 5322 message: headers checked against
 * injection, the subject in RFC 2047 encoded words when it is not ASCII,
 * the body quoted-printable (RFC 2045 section 6.7).  See email.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#include <openssl/evp.h>

#include "buf.h"
#include "email.h"
#include "log.h"
#include "util.h"

#define LINE_SOFT	78	/* RFC 5322 2.1.1: SHOULD */
#define QP_LINE		76	/* RFC 2045 6.7 (5), the '=' included */
#define WORD_MAX	75	/* RFC 2047 2: an encoded word */

void
email_date(int64_t ms, char *out, size_t outlen)
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	/* names, not strftime("%a"): the locale must not change a header */
	if (gmtime_r(&t, &tm) == NULL) {
		str_copy(out, "Thu, 01 Jan 1970 00:00:00 +0000", outlen);
		return;
	}
	snprintf(out, outlen, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int
printable_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* Bytes of the UTF-8 sequence that starts at s (1 for a stray byte). */
static size_t
utf8_len(const unsigned char *s, size_t left)
{
	size_t n = *s < 0xc0 ? 1 : *s < 0xe0 ? 2 : *s < 0xf0 ? 3 : 4;

	if (n > left)
		return left;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return i;
	return n;
}

static void
add_word(struct buf *b, const unsigned char *s, size_t n)
{
	char enc[4 * ((WORD_MAX + 2) / 3) + 1];

	buf_adds(b, "=?UTF-8?B?");
	EVP_EncodeBlock((unsigned char *)enc, s, (int)n);
	buf_adds(b, enc);
	buf_adds(b, "?=");
}

/* Is text fine in a header as it stands (folded at its spaces)? */
static int
plain_header_ok(const char *text)
{
	size_t word = 0;

	if (!printable_ascii(text) || strstr(text, "=?") != NULL)
		return 0;
	for (; *text != '\0'; text++)
		if (*text == ' ')
			word = 0;
		else if (++word > 900)	/* no space to fold at before 998 */
			return 0;
	return 1;
}

static char *
encode_words(const char *text, size_t used, const char *sep)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text), i = 0, start, room;
	struct buf b;

	buf_init(&b, BUF_UNBOUNDED);
	/* "=?UTF-8?B?" and "?=" take 12 columns; 4 base64 per 3 bytes */
	room = used + 12 + 8 < QP_LINE ? (QP_LINE - used - 12) / 4 * 3 : 6;
	while (i < len) {
		start = i;
		while (i < len) {
			size_t n = utf8_len(s + i, len - i);

			if (i + n - start > room && i > start)
				break;
			i += n;
		}
		if (start > 0)
			buf_adds(&b, sep);
		add_word(&b, s + start, i - start);
		/* the next lines begin with one space of folding */
		room = (QP_LINE - 1 - 12) / 4 * 3;
	}
	return buf_steal(&b);
}

char *
email_encode_header(const char *text, size_t used, const char *sep)
{
	if (strpbrk(text, "\r\n") != NULL)
		return NULL;
	if (plain_header_ok(text))
		return xstrdup(text);
	return encode_words(text, used, sep);
}

/*
 * "Name: value" folded at spaces so that lines stay within 78 columns
 * where a space allows; value is printable ASCII.
 */
static void
add_folded(struct buf *b, const char *name, const char *value)
{
	size_t col = strlen(name) + 2;
	const char *p = value;

	buf_printf(b, "%s: ", name);
	while (*p != '\0') {
		size_t word = strcspn(p + 1, " ") + 1;	/* the space and word */

		if (p != value && *p == ' ' && col + word > LINE_SOFT) {
			buf_adds(b, "\r\n");
			col = 0;
		}
		buf_add(b, p, word);
		col += word;
		p += word;
	}
	buf_adds(b, "\r\n");
}

static int
domain_ok(const char *d)
{
	size_t n = d != NULL ? strlen(d) : 0;

	if (n == 0 || n > 253 || d[0] == '.' || d[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((d[i] >= 'a' && d[i] <= 'z') ||
		    (d[i] >= 'A' && d[i] <= 'Z') ||
		    (d[i] >= '0' && d[i] <= '9') || d[i] == '.' || d[i] == '-'))
			return 0;
	return 1;
}

static int
url_ok(const char *u)
{
	if (strncasecmp(u, "https://", 8) != 0 &&
	    strncasecmp(u, "http://", 7) != 0 &&
	    strncasecmp(u, "mailto:", 7) != 0)
		return 0;
	return printable_ascii(u) && strpbrk(u, " <>") == NULL &&
	    strlen(u) < 900;
}

static int
address_ok(const char *a)
{
	return a != NULL && a[0] != '\0' && printable_ascii(a) &&
	    strlen(a) < 900;
}

/* Quoted-printable of one line (no line end) into b, soft breaks at 76. */
static void
qp_line(struct buf *b, const unsigned char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;

	for (size_t i = 0; i < n; i++) {
		char tok[3];
		size_t tlen;
		unsigned char c = s[i];
		int last = i + 1 == n;

		if ((c >= 33 && c <= 126 && c != '=' &&
		    !(c == '.' && col == 0)) ||
		    ((c == ' ' || c == '\t') && !last)) {
			tok[0] = (char)c;
			tlen = 1;
		} else {
			tok[0] = '=';
			tok[1] = hex[c >> 4];
			tok[2] = hex[c & 15];
			tlen = 3;
		}
		/* room for the token and, unless it ends the line, a '=' */
		if (col + tlen > (last ? QP_LINE : QP_LINE - 1)) {
			buf_adds(b, "=\r\n");
			col = 0;
			if (c == '.') {		/* now first on its line */
				tok[0] = '=';
				tok[1] = '2';
				tok[2] = 'E';
				tlen = 3;
			}
		}
		buf_add(b, tok, tlen);
		col += tlen;
	}
}

static void
qp_body(struct buf *b, const char *body)
{
	const char *p = body;

	for (;;) {
		size_t n = strcspn(p, "\n");
		size_t k = n;

		if (k > 0 && p[k - 1] == '\r')		/* CRLF in, CRLF out */
			k--;
		qp_line(b, (const unsigned char *)p, k);
		buf_adds(b, "\r\n");
		if (p[n] == '\0' || p[n + 1] == '\0')
			break;
		p += n + 1;
	}
}

char *
email_message(const char *from, const char *to, const char *subject,
    const char *body, const char *unsubscribe_url, int64_t now_ms,
    const char *msg_id_domain)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char rnd[16];
	char date[40], id[2 * sizeof(rnd) + 1];
	struct buf b;

	if (!address_ok(from) || !address_ok(to) || subject == NULL ||
	    body == NULL || !domain_ok(msg_id_domain) ||
	    (unsubscribe_url != NULL && !url_ok(unsubscribe_url)) ||
	    strpbrk(subject, "\r\n") != NULL)
		return NULL;

	buf_init(&b, BUF_UNBOUNDED);
	email_date(now_ms, date, sizeof(date));
	buf_printf(&b, "Date: %s\r\n", date);
	add_folded(&b, "From", from);
	add_folded(&b, "To", to);
	if (plain_header_ok(subject))
		add_folded(&b, "Subject", subject);
	else {
		char *enc = encode_words(subject, strlen("Subject: "),
		    "\r\n ");

		buf_printf(&b, "Subject: %s\r\n", enc);
		free(enc);
	}
	random_fill(rnd, sizeof(rnd));
	for (size_t i = 0; i < sizeof(rnd); i++) {
		id[2 * i] = hex[rnd[i] >> 4];
		id[2 * i + 1] = hex[rnd[i] & 15];
	}
	id[2 * sizeof(rnd)] = '\0';
	buf_printf(&b, "Message-ID: <%s@%s>\r\n", id, msg_id_domain);
	buf_adds(&b, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n"
	    "Auto-Submitted: auto-generated\r\n");
	if (unsubscribe_url != NULL)
		buf_printf(&b, "List-Unsubscribe: <%s>\r\n"
		    "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n",
		    unsubscribe_url);
	buf_adds(&b, "\r\n");
	qp_body(&b, body);
	return buf_steal(&b);
}
