/* SPDX-License-Identifier: MIT */
/*
 * feed.c - RSS 2.0 / Atom parsing with expat.
 *
 * One state machine serves both formats: an <item> or <entry> opens an
 * item, and the text of its direct children is collected by local name
 * (namespace prefixes dropped, so content:encoded is "encoded").  Every
 * buffer is capped; a document that declares a DOCTYPE is refused before
 * any declaration in it is read.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <expat.h>

#include "buf.h"
#include "feed.h"
#include "log.h"
#include "util.h"

enum field {
	F_NONE = 0, F_TITLE, F_TEXT, F_CONTENT, F_LINK, F_ID, F_DATE
};

struct parse {
	XML_Parser	 p;
	struct feed_doc	*doc;
	int		 depth;
	int		 item_depth;	/* depth of the open item, 0 none */
	enum field	 field;
	struct buf	 cur;		/* text of the open field */
	struct buf	 title, text, content, link, id, date;
	char		 err[256];
	int		 failed;
};

/*
 * Append to a field up to its ceiling (FEED_MAX_FIELD): a longer field
 * keeps its start, which is what a headline or a summary needs.
 */
static void
tb_add(struct buf *tb, const char *s, size_t n)
{
	size_t room = tb->max - tb->len;

	buf_add(tb, s, n < room ? n : room);
}

static const char *
local_name(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static void
fail(struct parse *ps, const char *why)
{
	if (ps->failed)
		return;
	ps->failed = 1;
	snprintf(ps->err, sizeof(ps->err), "line %lu: %s",
	    (unsigned long)XML_GetCurrentLineNumber(ps->p), why);
	XML_StopParser(ps->p, XML_FALSE);
}

static void XMLCALL
on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	/* feeds need no DTD; one can only be used to attack us */
	fail(ud, "a DOCTYPE is not accepted in a feed");
}

static void XMLCALL
on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	struct parse *ps = ud;
	const char *ln = local_name(name);

	if (ps->failed)
		return;
	if (++ps->depth > FEED_MAX_DEPTH) {
		fail(ps, "elements nested too deeply");
		return;
	}
	if (ps->depth == 1) {
		if (strcmp(ln, "rss") == 0 || strcmp(ln, "RDF") == 0)
			str_copy(ps->doc->kind, "rss", sizeof(ps->doc->kind));
		else if (strcmp(ln, "feed") == 0)
			str_copy(ps->doc->kind, "atom", sizeof(ps->doc->kind));
		else
			fail(ps, "not an RSS or Atom feed");
		return;
	}
	if (ps->item_depth == 0) {
		if (strcmp(ln, "item") == 0 || strcmp(ln, "entry") == 0) {
			ps->item_depth = ps->depth;
			buf_reset(&ps->title);
			buf_reset(&ps->text);
			buf_reset(&ps->content);
			buf_reset(&ps->link);
			buf_reset(&ps->id);
			buf_reset(&ps->date);
		}
		return;
	}
	if (ps->depth != ps->item_depth + 1) {
		/* markup inside a field (Atom type="xhtml"): keep its text */
		if (ps->field != F_NONE)
			tb_add(&ps->cur, " ", 1);
		return;
	}
	ps->field = F_NONE;
	buf_reset(&ps->cur);
	if (strcmp(ln, "title") == 0)
		ps->field = F_TITLE;
	else if (strcmp(ln, "description") == 0 || strcmp(ln, "summary") == 0)
		ps->field = F_TEXT;
	else if (strcmp(ln, "content") == 0 || strcmp(ln, "encoded") == 0)
		ps->field = F_CONTENT;
	else if (strcmp(ln, "guid") == 0 || strcmp(ln, "id") == 0)
		ps->field = F_ID;
	else if (strcmp(ln, "pubDate") == 0 || strcmp(ln, "published") == 0 ||
	    strcmp(ln, "updated") == 0 || strcmp(ln, "date") == 0)
		ps->field = F_DATE;
	else if (strcmp(ln, "link") == 0) {
		const char *href = NULL, *rel = NULL;

		for (size_t i = 0; attrs[i] != NULL; i += 2) {
			if (strcmp(attrs[i], "href") == 0)
				href = attrs[i + 1];
			else if (strcmp(attrs[i], "rel") == 0)
				rel = attrs[i + 1];
		}
		if (href != NULL) {	/* Atom: the alternate link */
			if ((rel == NULL || strcmp(rel, "alternate") == 0) &&
			    ps->link.len == 0)
				tb_add(&ps->link, href, strlen(href));
		} else
			ps->field = F_LINK;	/* RSS: the link is the text */
	}
}

static char *
trimmed_copy(const struct buf *tb)
{
	size_t a = 0, b = tb->len;

	while (a < b && isspace((unsigned char)tb->data[a]))
		a++;
	while (b > a && isspace((unsigned char)tb->data[b - 1]))
		b--;
	return xstrndup(buf_str(tb) + a, b - a);
}

static void
close_item(struct parse *ps)
{
	struct feed_doc *d = ps->doc;
	struct feed_item *it;
	const struct buf *body;
	char *date;

	if (d->nitems >= FEED_MAX_ITEMS)
		return;
	d->items = xreallocarray(d->items, d->nitems + 1, sizeof(*d->items));
	it = &d->items[d->nitems++];
	memset(it, 0, sizeof(*it));
	it->title = feed_html_to_text(buf_str(&ps->title),
	    ps->title.len);
	/* the fuller text when a feed gives both */
	body = ps->content.len > ps->text.len ? &ps->content : &ps->text;
	it->text = feed_html_to_text(buf_str(body), body->len);
	it->link = trimmed_copy(&ps->link);
	it->id = trimmed_copy(&ps->id);
	if (it->id[0] == '\0') {
		char hex[65];
		size_t n;

		free(it->id);
		if (it->link[0] != '\0')
			it->id = xstrdup(it->link);
		else {
			/* neither guid nor link: the words are the identity */
			n = strlen(it->title);
			sha256_hex(it->title, n, hex);
			it->id = xstrdup(hex);
		}
	}
	date = trimmed_copy(&ps->date);
	it->published = feed_parse_time(date);
	free(date);
}

static void XMLCALL
on_end(void *ud, const XML_Char *name)
{
	struct parse *ps = ud;

	(void)name;
	if (ps->failed)
		return;
	if (ps->item_depth != 0 && ps->depth == ps->item_depth + 1 &&
	    ps->field != F_NONE) {
		struct buf *dst = NULL;

		switch (ps->field) {
		case F_TITLE:	dst = &ps->title; break;
		case F_TEXT:	dst = &ps->text; break;
		case F_CONTENT:	dst = &ps->content; break;
		case F_LINK:	dst = &ps->link; break;
		case F_ID:	dst = &ps->id; break;
		case F_DATE:	dst = &ps->date; break;
		case F_NONE:	break;
		}
		if (dst != NULL && dst->len == 0 && ps->cur.len > 0)
			tb_add(dst, buf_str(&ps->cur), ps->cur.len);
		ps->field = F_NONE;
	} else if (ps->item_depth != 0 && ps->depth == ps->item_depth) {
		close_item(ps);
		ps->item_depth = 0;
	}
	ps->depth--;
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len)
{
	struct parse *ps = ud;

	if (!ps->failed && ps->field != F_NONE && len > 0)
		tb_add(&ps->cur, s, (size_t)len);
}

enum od_err
feed_parse(const char *buf, size_t len, struct feed_doc *out, char *err,
    size_t errlen)
{
	struct parse ps;
	enum XML_Status st;
	enum od_err rc = OD_OK;

	memset(out, 0, sizeof(*out));
	memset(&ps, 0, sizeof(ps));
	buf_init(&ps.cur, FEED_MAX_FIELD);
	buf_init(&ps.title, FEED_MAX_FIELD);
	buf_init(&ps.text, FEED_MAX_FIELD);
	buf_init(&ps.content, FEED_MAX_FIELD);
	buf_init(&ps.link, FEED_MAX_FIELD);
	buf_init(&ps.id, FEED_MAX_FIELD);
	buf_init(&ps.date, FEED_MAX_FIELD);
	ps.doc = out;
	if ((ps.p = XML_ParserCreate(NULL)) == NULL)
		fatalx("feed: XML_ParserCreate failed");
	/* never read external DTDs or parameter entities */
	XML_SetParamEntityParsing(ps.p, XML_PARAM_ENTITY_PARSING_NEVER);
	XML_SetUserData(ps.p, &ps);
	XML_SetStartDoctypeDeclHandler(ps.p, on_doctype);
	XML_SetElementHandler(ps.p, on_start, on_end);
	XML_SetCharacterDataHandler(ps.p, on_text);
	if (len > (size_t)INT32_MAX) {
		snprintf(err, errlen, "feed larger than 2 GiB");
		rc = OD_E2BIG;
		goto out;
	}
	st = XML_Parse(ps.p, buf, (int)len, XML_TRUE);
	if (ps.failed) {
		snprintf(err, errlen, "%s", ps.err);
		rc = OD_EPARSE;
	} else if (st != XML_STATUS_OK) {
		snprintf(err, errlen, "line %lu column %lu: %s",
		    (unsigned long)XML_GetCurrentLineNumber(ps.p),
		    (unsigned long)XML_GetCurrentColumnNumber(ps.p),
		    XML_ErrorString(XML_GetErrorCode(ps.p)));
		rc = OD_EPARSE;
	} else if (out->kind[0] == '\0') {
		snprintf(err, errlen, "empty document");
		rc = OD_EPARSE;
	}
out:
	XML_ParserFree(ps.p);
	buf_free(&ps.cur);
	buf_free(&ps.title);
	buf_free(&ps.text);
	buf_free(&ps.content);
	buf_free(&ps.link);
	buf_free(&ps.id);
	buf_free(&ps.date);
	if (rc != OD_OK)
		feed_doc_free(out);
	return rc;
}

void
feed_doc_free(struct feed_doc *d)
{
	for (size_t i = 0; i < d->nitems; i++) {
		free(d->items[i].id);
		free(d->items[i].title);
		free(d->items[i].text);
		free(d->items[i].link);
	}
	free(d->items);
	memset(d, 0, sizeof(*d));
}

/* ---- HTML to text ------------------------------------------------------ */

static void
put_utf8(struct buf *tb, unsigned cp)
{
	char b[4];

	/* what no character may be decodes as the replacement character */
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	tb_add(tb, b, utf8_encode(cp, b));
}

/* Decode the entity at s (after '&'); returns bytes used, 0 if none. */
static size_t
entity(const char *s, size_t len, struct buf *tb)
{
	static const struct { const char *name; unsigned cp; } named[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
		{ "apos", '\'' }, { "nbsp", ' ' }, { "mdash", 0x2014 },
		{ "ndash", 0x2013 }, { "rsquo", 0x2019 }, { "lsquo", 0x2018 },
		{ "ldquo", 0x201C }, { "rdquo", 0x201D }, { "hellip", 0x2026 },
		{ "laquo", 0xAB }, { "raquo", 0xBB }, { "deg", 0xB0 },
		{ "euro", 0x20AC }, { "shy", 0xAD },
	};
	size_t semi;

	for (semi = 0; semi < len && semi < 12 && s[semi] != ';'; semi++)
		;
	if (semi == len || s[semi] != ';' || semi == 0)
		return 0;
	if (s[0] == '#') {
		unsigned long cp = 0;
		int hex = semi > 1 && (s[1] == 'x' || s[1] == 'X');
		size_t i = hex ? 2 : 1;

		if (i >= semi)
			return 0;
		for (; i < semi; i++) {
			int c = (unsigned char)s[i], v;

			if (isdigit(c))
				v = c - '0';
			else if (hex && isxdigit(c))
				v = tolower(c) - 'a' + 10;
			else
				return 0;
			cp = cp * (hex ? 16 : 10) + (unsigned long)v;
			if (cp > 0x10FFFF)
				return 0;
		}
		put_utf8(tb, (unsigned)cp);
		return semi + 1;
	}
	for (size_t k = 0; k < NELEM(named); k++) {
		if (strlen(named[k].name) == semi &&
		    strncmp(s, named[k].name, semi) == 0) {
			if (named[k].cp != 0xAD)
				put_utf8(tb, named[k].cp);
			return semi + 1;
		}
	}
	return 0;
}

static int
tag_is(const char *t, size_t n, const char *name)
{
	size_t k = strlen(name);

	return n >= k && strncasecmp(t, name, k) == 0 &&
	    (n == k || !isalnum((unsigned char)t[k]));
}

char *
feed_html_to_text(const char *html, size_t len)
{
	static const char *const blocks[] = { "p", "br", "div", "li", "ul",
	    "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
	    "blockquote", "section", "article", "hr" };
	struct buf raw, out;
	size_t i = 0;
	int space = 0;

	buf_init(&raw, FEED_MAX_FIELD);
	buf_init(&out, FEED_MAX_FIELD);

	/* pass 1: tags out, entities decoded */
	while (i < len) {
		char c = html[i];

		if (c == '<') {
			const char *t = html + i + 1;
			size_t end = i + 1, n;
			int closing = 0;

			while (end < len && html[end] != '>')
				end++;
			n = end - i - 1;
			if (n > 0 && *t == '/') {
				closing = 1;
				t++;
				n--;
			}
			/* script and style bodies are not text */
			if (!closing && (tag_is(t, n, "script") ||
			    tag_is(t, n, "style"))) {
				const char *close = tag_is(t, n, "script") ?
				    "</script" : "</style";
				size_t j = end;

				while (j < len && !(j + strlen(close) <= len &&
				    strncasecmp(html + j, close,
				    strlen(close)) == 0))
					j++;
				while (j < len && html[j] != '>')
					j++;
				i = j < len ? j + 1 : len;
				continue;
			}
			for (size_t k = 0; k < NELEM(blocks); k++)
				if (tag_is(t, n, blocks[k])) {
					tb_add(&raw, "\n", 1);
					break;
				}
			i = end < len ? end + 1 : len;
			continue;
		}
		if (c == '&') {
			size_t used = entity(html + i + 1, len - i - 1, &raw);

			if (used > 0) {
				i += used + 1;
				continue;
			}
		}
		tb_add(&raw, &c, 1);
		i++;
	}
	/* pass 2: collapse space, keep paragraph breaks as one newline */
	for (size_t k = 0; k < raw.len; k++) {
		char c = raw.data[k];

		if (c == '\n') {
			space = 2;
			continue;
		}
		if (isspace((unsigned char)c)) {
			if (space < 1)
				space = 1;
			continue;
		}
		if (space && out.len > 0)
			tb_add(&out, space == 2 ? "\n" : " ", 1);
		space = 0;
		tb_add(&out, &c, 1);
	}
	buf_free(&raw);
	return buf_steal(&out);
}

int64_t
feed_parse_time(const char *s)
{
	static const char *const fmts[] = {
		"%a, %d %b %Y %H:%M:%S", "%d %b %Y %H:%M:%S",
		"%a, %d %b %Y %H:%M", "%d %b %Y %H:%M",
	};
	int64_t ms;

	if (s == NULL || *s == '\0')
		return 0;
	if (time_parse(s, &ms) == OD_OK)
		return ms;
	for (size_t i = 0; i < NELEM(fmts); i++) {
		struct tm tm;
		const char *rest;
		time_t t;
		long off = 0;

		memset(&tm, 0, sizeof(tm));
		if ((rest = strptime(s, fmts[i], &tm)) == NULL)
			continue;
		while (*rest == ' ')
			rest++;
		if ((*rest == '+' || *rest == '-') && isdigit((unsigned char)rest[1])) {
			int64_t z;
			char zone[5];

			memcpy(zone, rest + 1, 4);
			zone[4] = '\0';
			if (strlen(zone) == 4 && parse_i64(zone, 0, 2359, &z) ==
			    OD_OK)
				off = (long)((z / 100) * 3600 + (z % 100) * 60) *
				    (*rest == '+' ? 1 : -1);
		}
		/* GMT, UT, Z and unknown names are taken as UTC */
		if ((t = timegm(&tm)) == (time_t)-1)
			return 0;
		return ((int64_t)t - off) * 1000;
	}
	return 0;
}
