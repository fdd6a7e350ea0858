/* SPDX-License-Identifier: MIT */
/*
 * notify.h - what a notification says, in the subscriber's language, from
 * templates kept as data (pure: no I/O but loading the templates).
 *
 * One file per language in a directory (config/templates/en.json,
 * uk.json; the file's name is the language).  Every file has the same
 * keys, and a missing or unknown key is refused at load:
 *   "language"    its own name ("English", "Українська")
 *   "plural"      "one_other" (English) or "one_few_many" (Ukrainian and
 *                 the other East Slavic rules: 1, 21 one; 2-4, 22-24 few;
 *                 0, 5-20, 25-30 many)
 *   "number"      {"group"}: the thousands separator ("," or U+00A0)
 *   "approx"      put before an approximate count ("~")
 *   "percent"     {"format": "{n} %", "under_one": "<1 %"}: whole percents
 *   "icons"       {"minor", "major", "critical", "resolved"}
 *   "severities"  {"minor", "major", "critical"}: words
 *   "events"      {"firing", "updated", "repeat", "resolved"}: words
 *   "utilities"   {"power", "heat", "water", "gas", "telecom"}, each
 *                 {"noun": as in "no power", "back": as in "power
 *                 restored", "outage": a title, "restored": a title}
 *   "units"       {"households", "customers", "people", "homes",
 *                 "consumers"}, each the plural rule's forms
 *   "duration"    {"day", "hour", "minute", "under_minute"}: "2 h 15 min"
 *   "text"        {"firing", "updated", "repeat", "resolved"}: templates
 *   "title"       the same four: short titles (mail subject, ntfy title)
 *   "device"      {"text": {"firing", "resolved"}, "title": the same}:
 *                 a sensing device's personal alert (notify_msg.device)
 *
 * A template is text with {placeholders} and optional [groups]: a group is
 * left out whole when a placeholder in it has no value (no count, no
 * percent, no duration).  "{{", "}}", "[[" and "]]" are the characters
 * themselves.  The placeholders:
 *   {icon} {region} {severity} {event}
 *   {utility_noun} {utility_back} {utility_outage} {utility_restored}
 *   {approx} ("~" or "") {affected} {unit} {percent} {duration}
 *   {device} (a device's label, else its id; only in "device" texts)
 * An unknown placeholder, an unclosed brace or bracket, or a nested group
 * is refused at load with the file and the key.
 */
#ifndef NOTIFY_H
#define NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "outaged.h"
#include "route.h"

struct gazetteer;
struct region;
struct notify_texts;

/* One notice, as the router decided it; nothing borrowed beyond the call. */
struct notify_msg {
	enum route_event event;
	const struct region *region;
	const struct gazetteer *gaz;	/* for the region's name in the
					   language; NULL: region->name */
	enum utility	 utility;
	enum severity	 severity;
	int64_t		 affected;	/* -1: no count */
	const char	*unit;		/* "households", ...; NULL with no count */
	double		 percent;	/* < 0: no denominator */
	int		 approximate;
	int64_t		 started_at;	/* ms: the episode began (0 unknown) */
	int64_t		 at;		/* ms: this notice */
	/* a device's personal alert (its label or id): the "device" texts,
	   firing or resolved; NULL for a region's notice */
	const char	*device;
};

/*
 * Load every *.json in dir.  NULL on failure, err naming the file and the
 * key ("config/templates/uk.json: text.firing: unknown placeholder
 * {regoin}").  A directory without a template is an error too.
 */
struct notify_texts *notify_load(const char *dir, char *err, size_t errlen);
void		 notify_free(struct notify_texts *);	/* NULL is fine */
int		 notify_has_lang(const struct notify_texts *, const char *lang);

/*
 * The one-line text (malloc'd) and, when title is not NULL, the title
 * (malloc'd in *title).  A language with no file falls back to "en".
 * NULL (and *title NULL) when there is neither.
 */
char		*notify_render(const struct notify_texts *, const char *lang,
		    const struct notify_msg *, char **title);

/* Formatting helpers, per language (tested alone); out gets "" if none. */
void		 notify_number(const struct notify_texts *, const char *lang,
		    int64_t n, char *out, size_t outlen);
void		 notify_duration(const struct notify_texts *, const char *lang,
		    int64_t ms, char *out, size_t outlen);

#endif /* NOTIFY_H */
