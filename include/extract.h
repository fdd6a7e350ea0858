/* SPDX-License-Identifier: MIT */
/*
 * extract.h - news text to candidate outage reports: a pure, rule-based
 * extractor (no I/O) whose rules docs/extraction.md states.
 * Each report says where, which utility, what status and, when the text
 * gives one, how many were affected, with the sentence it came from.
 */
#ifndef EXTRACT_H
#define EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "outaged.h"
#include "report.h"

struct gazetteer;
struct region;

#define EXTRACT_NAME_MAX	128	/* bytes of region_name */
#define EXTRACT_MENTION_MAX	128	/* bytes of mention */
#define EXTRACT_COUNT_TEXT_MAX	96	/* bytes of count_text */
#define EXTRACT_UNIT_MAX	16
#define EXTRACT_CUE_MAX		32	/* bytes of cue */

struct extract_report {
	const struct region *region;	/* NULL: no known region named */
	char		 region_name[EXTRACT_NAME_MAX];	/* "" when region is NULL */
	char		 mention[EXTRACT_MENTION_MAX];	/* words that named it, or "" */
	enum utility	 utility;
	enum report_status status;
	int64_t		 affected;		/* -1: no count */
	double		 percent;		/* "40% of consumers": 40;
						   0: none */
	char		 unit[EXTRACT_UNIT_MAX];	/* households, customers,
						   people, homes, consumers,
						   subscribers or "" */
	int		 approximate;
	double		 confidence;		/* 0..1: the share of reports
						   like it that were right on
						   the fitting sets
						   (src/extract/confidence.c) */
	unsigned	 basis;			/* what confidence rests on:
						   EXTRACT_B_* bits */
	size_t		 sentence_start;	/* byte span of the sentence */
	size_t		 sentence_len;
	char		 count_text[EXTRACT_COUNT_TEXT_MAX];	/* quantity phrase or "" */
	char		 cue[EXTRACT_CUE_MAX];	/* the status word: "without",
						   "restored", "rolling" */
};

/*
 * What a report's confidence rests on (extract_report.basis).  The rules
 * set the first bits; the rest are read off the finished report.
 */
#define EXTRACT_B_STRONG	0x001	/* a cue that may stand without a count */
#define EXTRACT_B_UTIL_STORY	0x002	/* utility from an earlier sentence or
					   the default, not its own sentence */
#define EXTRACT_B_LIST		0x004	/* one place of an area list */
#define EXTRACT_B_COUNTED	0x010	/* a count or a share */
#define EXTRACT_B_UNIT		0x020	/* the count says what it counts */
#define EXTRACT_B_REGION	0x040	/* a place the gazetteer knows */
#define EXTRACT_B_MENTION	0x080	/* a place by shape only */
#define EXTRACT_B_INHERITED	0x100	/* the place is not in the sentence */
#define EXTRACT_B_SEVERAL	0x200	/* the sentence gives reports for
					   other places too */
#define EXTRACT_B_FAR		0x400	/* the place is far from the cue */
#define EXTRACT_B_CYRILLIC	0x800	/* a Ukrainian or Russian sentence */
#define EXTRACT_B_SHARE		0x1000	/* a share that does not say of what */
#define EXTRACT_B_RESTORED	0x2000	/* status restored or partial */
#define EXTRACT_B_WITHOUT	0x4000	/* the cue is "without" ("без") */
#define EXTRACT_B_COUNTRY	0x8000	/* the region is a whole country */

/*
 * Find outage reports in len bytes of text (UTF-8; invalid bytes are
 * tolerated).  Fills up to max reports in text order and returns the number
 * stored.  The gazetteer is only read.
 */
size_t		 extract_reports(const struct gazetteer *, const char *text,
		    size_t len, struct extract_report *out, size_t max);

/*
 * The report as the JSON object `outagectl extract` prints: region (id),
 * region_name, mention, utility, status, affected, percent, unit,
 * approximate, confidence, sentence (taken from text, the buffer given to
 * extract_reports), and the words matched besides the mention: count_text
 * and cue.  Absent values are null.  Caller decrefs.
 */
json_t		*extract_report_json(const struct extract_report *,
		    const char *text);

/*
 * For tests: 1 reads every sentence in full; 0 (the default) only
 * tokenizes a sentence whose cues cannot give a report and looks its place
 * up when a later sentence needs it.  The reports must be the same.
 */
void		 extract_set_eager(int);

/* A byte span of the input. */
struct extract_span {
	size_t		 start;
	size_t		 len;
};

/*
 * Split text into sentences, trimmed of surrounding space.  "U.S.",
 * "Oct. 9", "Miss." and "1.5" do not end a sentence; a blank line does.
 * Fills up to max spans and returns the number stored.
 */
size_t		 extract_sentences(const char *text, size_t len,
		    struct extract_span *out, size_t max);

/*
 * Parse a quantity phrase that starts with its number, optionally after a
 * hedge: "600,000", "about 1.5 million", "1.2mn", "2-million-plus",
 * "One and a half thousand", "72 thousand".  Sets *value and *approximate
 * (hedged) and returns the bytes consumed, or 0 when s does not start
 * with a number.
 */
size_t		 extract_number(const char *s, size_t len, int64_t *value,
		    int *approximate);

#endif /* EXTRACT_H */
