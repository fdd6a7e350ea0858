/* SPDX-License-Identifier: MIT */
/*
 * test_email.c - the alert e-mail parsed back: CRLF everywhere, every
 * header once, the encoded subject decodes to what was given, the
 * quoted-printable body decodes to the text, no line over the limits,
 * and header injection refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>

#include "buf.h"
#include "email.h"
#include "util.h"

#include "t.h"

#define T0	1795687200000LL		/* 2026-11-26T10:00:00Z, a Thursday */

/* A message split into unfolded headers and the raw body. */
struct parsed {
	char	*name[32], *value[32];
	size_t	 n;
	const char *body;
	int	 bare_lf, long_line;
};

static void
parse(const char *m, struct parsed *p)
{
	const char *end = strstr(m, "\r\n\r\n"), *s;

	memset(p, 0, sizeof(*p));
	CHECK(end != NULL);
	if (end == NULL)
		return;
	p->body = end + 4;
	for (s = m; *s != '\0'; s++) {
		if (*s == '\n' && (s == m || s[-1] != '\r'))
			p->bare_lf = 1;
		if (*s == '\r' && s[1] != '\n')
			p->bare_lf = 1;
	}
	for (s = m; *s != '\0';) {
		size_t n = strcspn(s, "\r");

		if (n > 998)
			p->long_line = 1;
		s += n;
		s += *s ? 2 : 0;
	}
	for (s = m; s < end + 2;) {
		struct buf v;
		size_t n = strcspn(s, "\r"), colon = strcspn(s, ":");

		CHECK(colon < n);
		CHECK(p->n < 32);
		if (colon >= n || p->n >= 32)
			return;
		p->name[p->n] = xstrndup(s, colon);
		buf_init(&v, BUF_UNBOUNDED);
		buf_add(&v, s + colon + 2, n - colon - 2);
		s += n + 2;
		while (*s == ' ' || *s == '\t') {	/* unfold */
			n = strcspn(s, "\r");
			buf_add(&v, s, n);
			s += n + 2;
		}
		p->value[p->n++] = buf_steal(&v);
	}
}

static void
parsed_free(struct parsed *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->name[i]);
		free(p->value[i]);
	}
}

static const char *
header(const struct parsed *p, const char *name)
{
	const char *v = NULL;
	int seen = 0;

	for (size_t i = 0; i < p->n; i++)
		if (strcasecmp(p->name[i], name) == 0) {
			v = p->value[i];
			seen++;
		}
	CHECK(seen <= 1);
	return v;
}

/* RFC 2047 B words separated by spaces, decoded (the test's own). */
static char *
decode_words(const char *v)
{
	struct buf out;

	buf_init(&out, BUF_UNBOUNDED);
	while (*v != '\0') {
		unsigned char dec[128];
		const char *e;
		size_t n, pad;
		int len;

		while (*v == ' ')
			v++;
		if (strncmp(v, "=?UTF-8?B?", 10) != 0 ||
		    (e = strstr(v + 10, "?=")) == NULL) {
			buf_free(&out);
			return NULL;
		}
		n = (size_t)(e - (v + 10));
		CHECK(n + 12 <= 75);
		pad = n >= 2 ? (v[10 + n - 1] == '=') + (v[10 + n - 2] == '=') : 0;
		len = EVP_DecodeBlock(dec, (const unsigned char *)v + 10, (int)n);
		CHECK(len >= 0);
		if (len >= 0)
			buf_add(&out, dec, (size_t)len - pad);
		v = e + 2;
	}
	return buf_steal(&out);
}

/* Quoted-printable decoded, CRLF made LF (the test's own). */
static char *
decode_qp(const char *s)
{
	struct buf out;

	buf_init(&out, BUF_UNBOUNDED);
	while (*s != '\0') {
		if (s[0] == '=' && s[1] == '\r' && s[2] == '\n')
			s += 3;
		else if (s[0] == '=') {
			char h[3] = { s[1], s[2], '\0' };

			buf_addc(&out, (char)strtol(h, NULL, 16));
			s += 3;
		} else if (s[0] == '\r' && s[1] == '\n') {
			buf_addc(&out, '\n');
			s += 2;
		} else
			buf_addc(&out, *s++);
	}
	return buf_steal(&out);
}

static void
check_lines(const char *body, size_t max)
{
	for (const char *s = body; *s != '\0';) {
		size_t n = strcspn(s, "\r");

		CHECK(n <= max);
		s += n;
		s += *s ? 2 : 0;
	}
}

static void
test_headers_en(void)
{
	const char *body = "\xf0\x9f\x94\xb4 Dnipropetrovsk oblast: no power "
	    "for ~600,000 households (46 %)\n";
	char *m = email_message("outaged <alerts@outaged.example>",
	    "ops@example.org", "Power outage: Dnipropetrovsk oblast", body,
	    "https://outaged.example/unsubscribe?t=abc123", T0,
	    "outaged.example");
	struct parsed p;
	static const char *const once[] = { "Date", "From", "To", "Subject",
	    "Message-ID", "MIME-Version", "Content-Type",
	    "Content-Transfer-Encoding", "Auto-Submitted", "List-Unsubscribe",
	    "List-Unsubscribe-Post" };
	const char *id;
	char *text;

	CHECK(m != NULL);
	if (m == NULL)
		return;
	parse(m, &p);
	CHECK(!p.bare_lf);
	CHECK(!p.long_line);
	CHECK_INT(p.n, NELEM(once));
	for (size_t i = 0; i < NELEM(once); i++)
		CHECK(header(&p, once[i]) != NULL);
	CHECK(strncmp(m, "Date: Thu, 26 Nov 2026 10:00:00 +0000\r\n", 39) == 0);
	CHECK_STR(header(&p, "From"), "outaged <alerts@outaged.example>");
	CHECK_STR(header(&p, "To"), "ops@example.org");
	CHECK_STR(header(&p, "Subject"), "Power outage: Dnipropetrovsk oblast");
	CHECK_STR(header(&p, "MIME-Version"), "1.0");
	CHECK_STR(header(&p, "Content-Type"), "text/plain; charset=utf-8");
	CHECK_STR(header(&p, "Content-Transfer-Encoding"), "quoted-printable");
	CHECK_STR(header(&p, "List-Unsubscribe"),
	    "<https://outaged.example/unsubscribe?t=abc123>");
	CHECK_STR(header(&p, "List-Unsubscribe-Post"),
	    "List-Unsubscribe=One-Click");
	id = header(&p, "Message-ID");
	CHECK(id != NULL && id[0] == '<' && strlen(id) == 1 + 32 + 1 +
	    strlen("outaged.example") + 1);
	CHECK(id != NULL && strstr(id, "@outaged.example>") != NULL);
	/* the body: 7-bit, ends with CRLF, decodes to the text */
	for (const char *s = p.body; *s; s++)
		CHECK((unsigned char)*s < 0x80);
	CHECK(strlen(p.body) >= 2 &&
	    strcmp(p.body + strlen(p.body) - 2, "\r\n") == 0);
	text = decode_qp(p.body);
	CHECK_STR(text, body);
	free(text);
	CHECK(strstr(p.body, "=F0=9F=94=B4 Dnipropetrovsk") == p.body);
	parsed_free(&p);
	free(m);

	/* two messages, two ids; no unsubscribe URL, no List- headers */
	m = email_message("a@b.example", "c@d.example", "x", "y", NULL, T0,
	    "b.example");
	{
		char *m2 = email_message("a@b.example", "c@d.example", "x", "y",
		    NULL, T0, "b.example");
		struct parsed p2;

		parse(m, &p);
		parse(m2, &p2);
		CHECK(header(&p, "List-Unsubscribe") == NULL);
		CHECK(header(&p, "List-Unsubscribe-Post") == NULL);
		CHECK_INT(p.n, NELEM(once) - 2);
		CHECK(strcmp(header(&p, "Message-ID"),
		    header(&p2, "Message-ID")) != 0);
		parsed_free(&p);
		parsed_free(&p2);
		free(m2);
	}
	free(m);
}

static void
test_subject_uk(void)
{
	const char *subj = "Відключення світла: Дніпропетровська область";
	const char *lng = "\xf0\x9f\x94\xb4 Дніпропетровська область: "
	    "~600 000 домогосподарств без світла (46 %), Запорізька "
	    "область: ~120 000, Харківська область: ~300 000";
	char *m = email_message("alerts@outaged.example", "ops@example.org",
	    subj, "Текст", NULL, T0, "outaged.example");
	struct parsed p;
	char *dec;

	CHECK(m != NULL);
	if (m == NULL)
		return;
	parse(m, &p);
	CHECK(!p.bare_lf);
	dec = decode_words(header(&p, "Subject"));
	CHECK_STR(dec, subj);
	free(dec);
	/* every line of the header at most 76 columns */
	for (const char *s = m; s < p.body - 2;) {
		size_t n = strcspn(s, "\r");

		CHECK(n <= 76);
		s += n + 2;
	}
	parsed_free(&p);
	free(m);

	/* a long one: several words, whole characters each */
	m = email_message("alerts@outaged.example", "ops@example.org", lng,
	    "x", NULL, T0, "outaged.example");
	parse(m, &p);
	dec = decode_words(header(&p, "Subject"));
	CHECK_STR(dec, lng);
	free(dec);
	CHECK(strstr(m, "\r\n =?UTF-8?B?") != NULL);
	parsed_free(&p);
	free(m);

	/* ASCII holding "=?" is encoded, so it is not read as a word */
	m = email_message("a@b.example", "c@d.example", "=?x?= plain", "x",
	    NULL, T0, "b.example");
	parse(m, &p);
	dec = decode_words(header(&p, "Subject"));
	CHECK_STR(dec, "=?x?= plain");
	free(dec);
	parsed_free(&p);
	free(m);
}

static void
test_long_ascii_subject(void)
{
	struct buf s;
	char *m;
	struct parsed p;

	buf_init(&s, BUF_UNBOUNDED);
	for (int i = 0; i < 40; i++)
		buf_adds(&s, i ? " outage" : "Outage");
	m = email_message("a@b.example", "c@d.example", buf_str(&s), "x", NULL,
	    T0, "b.example");
	parse(m, &p);
	/* folded at spaces, unfolds to the same words */
	CHECK_STR(header(&p, "Subject"), buf_str(&s));
	for (const char *x = m; x < p.body - 2;) {
		size_t n = strcspn(x, "\r");

		CHECK(n <= 78);
		x += n + 2;
	}
	parsed_free(&p);
	free(m);

	/* one word too long to fold: encoded words instead */
	buf_reset(&s);
	for (int i = 0; i < 1200; i++)
		buf_addc(&s, 'x');
	m = email_message("a@b.example", "c@d.example", buf_str(&s), "x", NULL,
	    T0, "b.example");
	parse(m, &p);
	CHECK(!p.long_line);
	{
		char *dec = decode_words(header(&p, "Subject"));

		CHECK_STR(dec, buf_str(&s));
		free(dec);
	}
	parsed_free(&p);
	free(m);
	buf_free(&s);
}

static void
test_body(void)
{
	struct buf b;
	char *m, *dec;
	struct parsed p;

	buf_init(&b, BUF_UNBOUNDED);
	buf_adds(&b, "first line\n.\n.hidden\ntrailing space \nCRLF line\r\n"
	    "a=b\ttab\n");
	for (int i = 0; i < 300; i++)		/* 3000 bytes, one line */
		buf_adds(&b, "Дніпро. ");
	buf_adds(&b, "\nlast");
	m = email_message("a@b.example", "c@d.example", "s", buf_str(&b), NULL,
	    T0, "b.example");
	CHECK(m != NULL);
	if (m == NULL)
		return;
	parse(m, &p);
	CHECK(!p.bare_lf);
	CHECK(!p.long_line);
	check_lines(p.body, 76);
	/* "." alone on a line and a leading dot are written =2E */
	CHECK(strstr(p.body, "\r\n=2E\r\n") != NULL);
	CHECK(strstr(p.body, "\r\n=2Ehidden\r\n") != NULL);
	CHECK(strstr(p.body, "\r\n.") == NULL);
	CHECK(strstr(p.body, "trailing space=20\r\n") != NULL);
	CHECK(strstr(p.body, "a=3Db\ttab\r\n") != NULL);
	dec = decode_qp(p.body);
	{
		/* the text as given, CRLF made LF, with a final line end */
		struct buf want;

		buf_init(&want, BUF_UNBOUNDED);
		buf_adds(&want, "first line\n.\n.hidden\ntrailing space \n"
		    "CRLF line\na=b\ttab\n");
		for (int i = 0; i < 300; i++)
			buf_adds(&want, "Дніпро. ");
		buf_adds(&want, "\nlast\n");
		CHECK_STR(dec, buf_str(&want));
		buf_free(&want);
	}
	free(dec);
	parsed_free(&p);
	free(m);
	buf_free(&b);
}

static void
test_refuses(void)
{
	const char *ok = "a@b.example";

	/* header injection */
	CHECK(email_message("a@b.example\r\nBcc: x@y", ok, "s", "b", NULL, T0,
	    "b.example") == NULL);
	CHECK(email_message(ok, "c@d.example\nBcc: x@y", "s", "b", NULL, T0,
	    "b.example") == NULL);
	CHECK(email_message(ok, ok, "s\r\nBcc: x@y", "b", NULL, T0,
	    "b.example") == NULL);
	CHECK(email_message(ok, ok, "s\n", "b", NULL, T0, "b.example") == NULL);
	CHECK(email_message(ok, ok, "s", "b", "https://x.example/u\r\nBcc: y",
	    T0, "b.example") == NULL);
	CHECK(email_message(ok, ok, "s", "b", NULL, T0, "b.example\r\nX: y") ==
	    NULL);
	/* not sendable as they stand */
	CHECK(email_message("", ok, "s", "b", NULL, T0, "b.example") == NULL);
	CHECK(email_message(ok, "Дмитро <d@b.example>", "s", "b", NULL, T0,
	    "b.example") == NULL);
	CHECK(email_message(ok, ok, "s", "b", "javascript:alert(1)", T0,
	    "b.example") == NULL);
	CHECK(email_message(ok, ok, "s", "b", "https://x.example/a b", T0,
	    "b.example") == NULL);
	CHECK(email_message(ok, ok, "s", "b", "https://x.example/>", T0,
	    "b.example") == NULL);
	CHECK(email_message(ok, ok, "s", "b", NULL, T0, "") == NULL);
	CHECK(email_message(ok, ok, "s", "b", NULL, T0, "b_c.example") == NULL);
	CHECK(email_message(ok, ok, NULL, "b", NULL, T0, "b.example") == NULL);
	CHECK(email_message(ok, ok, "s", NULL, NULL, T0, "b.example") == NULL);
	CHECK(email_encode_header("a\r\nb", 0, " ") == NULL);
	{
		char *m = email_message(ok, ok, "s", "b", "mailto:unsub@b.example",
		    T0, "b.example");

		CHECK(m != NULL && strstr(m, "List-Unsubscribe: "
		    "<mailto:unsub@b.example>\r\n") != NULL);
		free(m);
	}
}

static void
test_date(void)
{
	char d[40];

	email_date(0, d, sizeof(d));
	CHECK_STR(d, "Thu, 01 Jan 1970 00:00:00 +0000");
	email_date(T0 + 999, d, sizeof(d));
	CHECK_STR(d, "Thu, 26 Nov 2026 10:00:00 +0000");
	email_date(1709164800000LL + 3723000, d, sizeof(d));	/* leap day */
	CHECK_STR(d, "Thu, 29 Feb 2024 01:02:03 +0000");
}

int
main(void)
{
	RUN(test_headers_en);
	RUN(test_subject_uk);
	RUN(test_long_ascii_subject);
	RUN(test_body);
	RUN(test_refuses);
	RUN(test_date);
	return T_DONE();
}
