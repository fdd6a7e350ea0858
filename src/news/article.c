/* SPDX-License-Identifier: MIT */
/*
 * article.c - one article's text to report JSON (pure but for the clock).
 * Used in the daemon for pushed articles and in the feed child for feed
 * items; the daemon ingests the result either way (news.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract.h"
#include "news_int.h"
#include "outaged.h"
#include "region.h"
#include "report.h"
#include "util.h"

void
news_item_key(const char *feed, const char *id, char *out, size_t outlen)
{
	char hex[65];

	sha256_hex(id, strlen(id), hex);
	snprintf(out, outlen, "news:%s/%.24s", feed, hex);
}

json_t *
news_article_reports(const struct gazetteer *gaz, const char *feed,
    const char *key, const char *title, const char *body, const char *url,
    int64_t published, size_t *nextracted, json_t **extracted)
{
	struct extract_report *ex;
	char source[OD_SOURCE_MAX], *text;
	size_t tlen = strlen(title), blen = strlen(body), n, len;
	json_t *reports;
	int64_t now = now_wall_ms();

	report_news_source(source, sizeof(source), feed);
	/* the headline is a sentence of its own */
	len = tlen + blen + 3;
	text = xmalloc(len);
	snprintf(text, len, "%s%s%s", title, tlen && !strchr(".!?",
	    title[tlen - 1]) ? ".\n" : "\n", body);
	len = strlen(text);
	if (len > NEWS_ARTICLE_MAX)
		len = NEWS_ARTICLE_MAX;
	ex = xcalloc(NEWS_EXTRACT_MAX, sizeof(*ex));
	n = extract_reports(gaz, text, len, ex, NEWS_EXTRACT_MAX);
	reports = json_array();
	if (extracted != NULL)
		*extracted = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *r;
		char id[NEWS_KEY_MAX + 24];

		if (extracted != NULL)
			json_array_append_new(*extracted,
			    extract_report_json(&ex[i], text));
		if (ex[i].region == NULL)
			continue;	/* a report needs a place */
		snprintf(id, sizeof(id), "%s/%zu", key, i);
		r = json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:s%}",
		    "id", id, "source", source, "region", ex[i].region->id,
		    "utility", utility_name(ex[i].utility),
		    "status", report_status_name(ex[i].status),
		    "approximate", ex[i].approximate,
		    "text", text + ex[i].sentence_start,
		    ex[i].sentence_len < 16384 ? ex[i].sentence_len : 16384);
		if (r == NULL)
			continue;	/* the sentence was not valid UTF-8 */
		/*
		 * A count without a unit counts buildings, blocks of flats or
		 * villages [place-count]: none is a household, a customer or
		 * a person, so the report is stored without a count rather
		 * than as that many customers.
		 */
		if (ex[i].affected >= 0 && ex[i].unit[0] != '\0') {
			json_object_set_new(r, "affected",
			    json_integer(ex[i].affected));
			/* "subscribers" is not a report unit: connections */
			json_object_set_new(r, "unit", json_string(
			    strcmp(ex[i].unit, "subscribers") == 0 ?
			    "customers" : ex[i].unit));
		}
		/* "40% of consumers": the share, for the region's count */
		if (ex[i].percent > 0 && ex[i].percent <= REPORT_PERCENT_MAX)
			json_object_set_new(r, "percent",
			    json_real(ex[i].percent));
		if (url != NULL && url[0] != '\0' && strlen(url) <= 2048)
			json_object_set_new(r, "url", json_string(url));
		if (published > 0 && published <= now) {
			char ts[32];

			time_format(published, ts, sizeof(ts));
			json_object_set_new(r, "observed_at", json_string(ts));
		}
		json_array_append_new(reports, r);
	}
	free(ex);
	free(text);
	if (nextracted != NULL)
		*nextracted = n;
	return reports;
}
