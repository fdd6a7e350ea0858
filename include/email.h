/* SPDX-License-Identifier: MIT */
/*
 * email.h - an alert as an Internet message (RFC 5322), ready for SMTP
 * (pure: no I/O; the delivery code hands it to libcurl's smtp://).
 *
 * The message has CRLF line ends and these headers, each once, in order:
 *   Date                 RFC 5322 form, UTC ("Thu, 26 Nov 2026 10:00:00 +0000")
 *   From, To             as given (ASCII addresses, display names included)
 *   Subject              as given when printable ASCII, folded at spaces
 *                        past 78 columns; otherwise RFC 2047 encoded words
 *                        (=?UTF-8?B?...?=) of whole UTF-8 characters, each
 *                        line at most 76 columns
 *   Message-ID           <32 random hex digits@msg_id_domain>
 *   MIME-Version         1.0
 *   Content-Type         text/plain; charset=utf-8
 *   Content-Transfer-Encoding  quoted-printable
 *   Auto-Submitted       auto-generated (RFC 3834: no vacation replies)
 *   List-Unsubscribe     <url>                   } when an unsubscribe URL
 *   List-Unsubscribe-Post  List-Unsubscribe=One-Click }  is given (RFC 8058)
 *
 * The body is quoted-printable: every line at most 76 columns (soft
 * breaks), so no line nears SMTP's 998-byte limit however long a text is;
 * it passes 7-bit relays unchanged (no 8BITMIME needed), and trailing
 * spaces survive.  A "." opening a line is written "=2E".  libcurl
 * stuffs leading dots itself when it sends (lib/smtp.c, commit 7ba07c8 of
 * May 2012, in 7.26.0; its tests 901 and 1520 send "." lines and expect
 * ".."), so the message must not stuff them too; "=2E" keeps such a line
 * safe with any transport besides.  The cost of quoted-printable: each
 * Cyrillic byte takes three.
 */
#ifndef EMAIL_H
#define EMAIL_H

#include <stddef.h>
#include <stdint.h>

/*
 * The message, or NULL when an argument cannot be sent safely: a CR or LF
 * in from, to, subject or the URL (header injection), from or to empty or
 * not printable ASCII, a domain not made of letters, digits, '.' and '-',
 * a URL not http(s) or mailto or holding spaces or '<' '>'.
 * unsubscribe_url may be NULL.  Caller frees.
 */
char	*email_message(const char *from, const char *to, const char *subject,
	    const char *body, const char *unsubscribe_url, int64_t now_ms,
	    const char *msg_id_domain);

/*
 * A header value as RFC 2047 encoded words when it is not printable ASCII
 * (or holds "=?"), a copy otherwise; the words are joined by sep ("\r\n "
 * to fold a mail header, " " for one HTTP header line).  used is the
 * columns already taken on the first line ("Subject: " is 9).  NULL when
 * text holds CR or LF.  Caller frees.
 */
char	*email_encode_header(const char *text, size_t used, const char *sep);

/* RFC 5322 date of ms since the epoch, in UTC, into out (32 bytes do). */
void	 email_date(int64_t ms, char *out, size_t outlen);

#endif /* EMAIL_H */
