/* SPDX-License-Identifier: MIT */
/*
 * news_int.h - shared by the files of src/news only: an article's reports
 * built from its text (article.c), used by the daemon for pushed articles
 * and by the feed child for feed items; and the feed child's framing.
 */
#ifndef NEWS_INT_H
#define NEWS_INT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct gazetteer;

#define NEWS_EXTRACT_MAX	64		/* reports from one article */
#define NEWS_ARTICLE_MAX	(256 * 1024)	/* bytes of text per article */
#define NEWS_KEY_MAX		160

/* "news:<feed>/<24 hex of the SHA-256 of the item's identity>" */
void	 news_item_key(const char *feed, const char *id, char *out,
	    size_t outlen);

/*
 * The reports of one article (a new JSON array, caller frees): report
 * JSON from source news:<feed> with ids "<key>/<n>", only those with a
 * place.  *nextracted receives how many the extractor found (with or
 * without a place); extracted, when not NULL, receives them all as
 * extract_report_json() gives them (a new array).
 */
json_t	*news_article_reports(const struct gazetteer *, const char *feed,
	    const char *key, const char *title, const char *body,
	    const char *url, int64_t published, size_t *nextracted,
	    json_t **extracted);

#endif /* NEWS_INT_H */
