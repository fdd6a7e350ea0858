/* SPDX-License-Identifier: MIT */
/* test_feed.c - RSS/Atom parsing, hostile documents, HTML to text. */
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "t.h"
#include "util.h"

static const char rss[] =
    "<?xml version=\"1.0\"?>\n"
    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
    "<channel><title>Energy desk</title>"
    "<item><title>Blackout in &amp; around Lviv</title>"
    "<link>https://news.example/a1</link>"
    "<guid isPermaLink=\"false\">a1</guid>"
    "<pubDate>Wed, 26 Nov 2026 10:00:00 GMT</pubDate>"
    "<description>&lt;p&gt;About 20,000 households&lt;/p&gt;&lt;p&gt;were left"
    " without power.&lt;/p&gt;</description></item>"
    "<item><title>No guid here</title><link>https://news.example/a2</link>"
    "<description><![CDATA[<b>Water</b> restored&nbsp;in Odesa<script>x()</script>]]>"
    "</description>"
    "<content:encoded><![CDATA[<p>Water supply was restored in Odesa on "
    "Tuesday, the city said.</p>]]></content:encoded></item>"
    "</channel></rss>";

static const char atom[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
    "<entry><title type=\"html\">Heat &amp;amp; water</title>"
    "<id>urn:uuid:1</id><link rel=\"alternate\" href=\"https://x.example/1\"/>"
    "<updated>2026-11-26T12:30:00+02:00</updated>"
    "<summary>Kharkiv: 40,000 without heating</summary></entry>"
    "</feed>";

static void
test_rss(void)
{
	struct feed_doc d;
	char err[256];

	CHECK_INT(feed_parse(rss, strlen(rss), &d, err, sizeof(err)), OD_OK);
	CHECK_STR(d.kind, "rss");
	CHECK_INT(d.nitems, 2);
	if (d.nitems == 2) {
		CHECK_STR(d.items[0].id, "a1");
		CHECK_STR(d.items[0].title, "Blackout in & around Lviv");
		CHECK_STR(d.items[0].text,
		    "About 20,000 households\nwere left without power.");
		CHECK_STR(d.items[0].link, "https://news.example/a1");
		/* date -u -d '2026-11-26T10:00:00Z' +%s = 1795687200 */
		CHECK_INT(d.items[0].published, INT64_C(1795687200000));
		/* no guid: the link is the identity; content beats summary */
		CHECK_STR(d.items[1].id, "https://news.example/a2");
		CHECK_STR(d.items[1].text, "Water supply was restored in Odesa "
		    "on Tuesday, the city said.");
	}
	feed_doc_free(&d);
}

static void
test_atom(void)
{
	struct feed_doc d;
	char err[256];

	CHECK_INT(feed_parse(atom, strlen(atom), &d, err, sizeof(err)), OD_OK);
	CHECK_STR(d.kind, "atom");
	CHECK_INT(d.nitems, 1);
	if (d.nitems == 1) {
		CHECK_STR(d.items[0].id, "urn:uuid:1");
		CHECK_STR(d.items[0].link, "https://x.example/1");
		CHECK_STR(d.items[0].title, "Heat & water");
		CHECK_STR(d.items[0].text, "Kharkiv: 40,000 without heating");
		/* 12:30+02:00 is 10:30Z */
		CHECK_INT(d.items[0].published, INT64_C(1795689000000));
	}
	feed_doc_free(&d);
}

static void
test_hostile(void)
{
	static const char laughs[] =
	    "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
	    "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
	    "<rss><channel><item><title>&lol2;</title></item></channel></rss>";
	static const char xxe[] =
	    "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]><rss><channel><item><title>&x;</title>"
	    "</item></channel></rss>";
	static const char html[] = "<html><body>not a feed</body></html>";
	static const char broken[] = "<rss><channel><item><title>x</item>";
	struct feed_doc d;
	char err[256], *deep;
	size_t n = 0;

	CHECK_INT(feed_parse(laughs, strlen(laughs), &d, err, sizeof(err)),
	    OD_EPARSE);
	CHECK(strstr(err, "DOCTYPE") != NULL);
	CHECK_INT(feed_parse(xxe, strlen(xxe), &d, err, sizeof(err)),
	    OD_EPARSE);
	CHECK_INT(feed_parse(html, strlen(html), &d, err, sizeof(err)),
	    OD_EPARSE);
	CHECK(strstr(err, "not an RSS or Atom") != NULL);
	CHECK_INT(feed_parse(broken, strlen(broken), &d, err, sizeof(err)),
	    OD_EPARSE);
	CHECK(strstr(err, "line 1") != NULL);
	CHECK_INT(feed_parse("", 0, &d, err, sizeof(err)), OD_EPARSE);
	deep = xmalloc(64 * 8 + 64);
	n += (size_t)snprintf(deep, 64, "<rss>");
	for (int i = 0; i < 60; i++)
		n += (size_t)snprintf(deep + n, 8, "<a>");
	CHECK_INT(feed_parse(deep, n, &d, err, sizeof(err)), OD_EPARSE);
	CHECK(strstr(err, "deeply") != NULL);
	free(deep);
}

static void
test_html_to_text(void)
{
	char *s;

	s = feed_html_to_text("a &lt;b&gt; &#8212; &#x41;&quot; &bogus; & c",
	    44);
	CHECK_STR(s, "a <b> \xe2\x80\x94 A\" &bogus; & c");
	free(s);
	s = feed_html_to_text("<style>p{}</style>one<br/>two <i>three</i>",
	    42);
	CHECK_STR(s, "one\ntwo three");
	free(s);
	s = feed_html_to_text("   ", 3);
	CHECK_STR(s, "");
	free(s);
}

static void
test_times(void)
{
	CHECK_INT(feed_parse_time("Wed, 26 Nov 2026 12:00:00 +0200"),
	    INT64_C(1795687200000));
	CHECK_INT(feed_parse_time("26 Nov 2026 10:00:00 GMT"),
	    INT64_C(1795687200000));
	CHECK_INT(feed_parse_time("yesterday"), 0);
	CHECK_INT(feed_parse_time(""), 0);
}

int
main(void)
{
	RUN(test_rss);
	RUN(test_atom);
	RUN(test_hostile);
	RUN(test_html_to_text);
	RUN(test_times);
	return T_DONE();
}
