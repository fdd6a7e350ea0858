/* SPDX-License-Identifier: MIT */
/*
 * notify.c - notification texts from the per-language templates.  Each
 * file is checked whole against one schema at load, so that rendering
 * cannot meet a missing word or a bad template.  See notify.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "notify.h"
#include "region.h"
#include "util.h"

/*
 * The schema: "s" a string, "t" a template, "p" the percent format (only
 * {n}), "f" a unit's plural forms (the keys of the file's rule).
 */
static const char schema_json[] =
    "{\"language\": \"s\", \"plural\": \"s\", \"number\": {\"group\": \"s\"},"
    " \"approx\": \"s\","
    " \"percent\": {\"format\": \"p\", \"under_one\": \"s\"},"
    " \"icons\": {\"minor\": \"s\", \"major\": \"s\", \"critical\": \"s\","
    "   \"resolved\": \"s\"},"
    " \"severities\": {\"minor\": \"s\", \"major\": \"s\", \"critical\": \"s\"},"
    " \"events\": {\"firing\": \"s\", \"updated\": \"s\", \"repeat\": \"s\","
    "   \"resolved\": \"s\"},"
    " \"utilities\": {"
    "   \"power\": {\"noun\": \"s\", \"back\": \"s\", \"outage\": \"s\","
    "     \"restored\": \"s\"},"
    "   \"heat\": {\"noun\": \"s\", \"back\": \"s\", \"outage\": \"s\","
    "     \"restored\": \"s\"},"
    "   \"water\": {\"noun\": \"s\", \"back\": \"s\", \"outage\": \"s\","
    "     \"restored\": \"s\"},"
    "   \"gas\": {\"noun\": \"s\", \"back\": \"s\", \"outage\": \"s\","
    "     \"restored\": \"s\"},"
    "   \"telecom\": {\"noun\": \"s\", \"back\": \"s\", \"outage\": \"s\","
    "     \"restored\": \"s\"}},"
    " \"units\": {\"households\": \"f\", \"customers\": \"f\", \"people\": \"f\","
    "   \"homes\": \"f\", \"consumers\": \"f\"},"
    " \"duration\": {\"day\": \"s\", \"hour\": \"s\", \"minute\": \"s\","
    "   \"under_minute\": \"s\"},"
    " \"text\": {\"firing\": \"t\", \"updated\": \"t\", \"repeat\": \"t\","
    "   \"resolved\": \"t\"},"
    " \"title\": {\"firing\": \"t\", \"updated\": \"t\", \"repeat\": \"t\","
    "   \"resolved\": \"t\"},"
    " \"device\": {\"text\": {\"firing\": \"t\", \"resolved\": \"t\"},"
    "   \"title\": {\"firing\": \"t\", \"resolved\": \"t\"}}}";

static const char *const placeholders[] = { "icon", "region", "severity",
    "event", "utility_noun", "utility_back", "utility_outage",
    "utility_restored", "approx", "affected", "unit", "percent", "duration",
    "device" };

enum plural_rule { PLURAL_ONE_OTHER, PLURAL_ONE_FEW_MANY };

static const char *const forms_one_other[] = { "one", "other", NULL };
static const char *const forms_one_few_many[] = { "one", "few", "many", NULL };

struct lang {
	char		 code[16];
	enum plural_rule plural;
	json_t		*root;
};

struct notify_texts {
	struct lang	*langs;
	size_t		 nlangs, cap;
};

/* ---- templates ------------------------------------------------------- */

typedef const char *value_fn(void *arg, const char *name, size_t n);

/*
 * Walk a template.  With out NULL only check it (err says what is wrong);
 * otherwise expand it into out, placeholders through fn.  Returns 0 or -1.
 */
static int
tpl_walk(const char *t, const char *const *allowed, size_t nallowed,
    value_fn *fn, void *arg, struct buf *out, char *err, size_t errlen)
{
	struct buf group;
	int in_group = 0, missing = 0;
	struct buf *dst = out;

	buf_init(&group, BUF_UNBOUNDED);
	while (*t != '\0') {
		if ((t[0] == '{' && t[1] == '{') || (t[0] == '}' && t[1] == '}') ||
		    (t[0] == '[' && t[1] == '[') || (t[0] == ']' && t[1] == ']')) {
			if (dst != NULL)
				buf_addc(dst, t[0]);
			t += 2;
		} else if (*t == '{') {
			size_t n = strcspn(t + 1, "{}[]"), k;
			const char *v;

			if (t[1 + n] != '}') {
				snprintf(err, errlen, "an unclosed {");
				goto fail;
			}
			for (k = 0; k < nallowed; k++)
				if (strlen(allowed[k]) == n &&
				    strncmp(allowed[k], t + 1, n) == 0)
					break;
			if (k == nallowed) {
				snprintf(err, errlen, "unknown placeholder {%.*s}",
				    (int)n, t + 1);
				goto fail;
			}
			if (dst != NULL) {
				if ((v = fn(arg, t + 1, n)) != NULL)
					buf_adds(dst, v);
				else
					missing = 1;
			}
			t += n + 2;
		} else if (*t == '[') {
			if (in_group) {
				snprintf(err, errlen, "a [group] inside a group");
				goto fail;
			}
			in_group = 1;
			missing = 0;
			buf_reset(&group);
			dst = out != NULL ? &group : NULL;
			t++;
		} else if (*t == ']') {
			if (!in_group) {
				snprintf(err, errlen, "a ] without its [");
				goto fail;
			}
			in_group = 0;
			if (out != NULL && !missing)
				buf_adds(out, buf_str(&group));
			dst = out;
			t++;
		} else if (*t == '}') {
			snprintf(err, errlen, "a } without its {");
			goto fail;
		} else {
			if (dst != NULL)
				buf_addc(dst, *t);
			t++;
		}
	}
	if (in_group) {
		snprintf(err, errlen, "an unclosed [");
		goto fail;
	}
	buf_free(&group);
	return 0;
fail:
	buf_free(&group);
	return -1;
}

static const char *
no_value(void *arg, const char *name, size_t n)
{
	(void)arg;
	(void)name;
	(void)n;
	return NULL;
}

/* ---- loading --------------------------------------------------------- */

/* Check doc against schema at path; err gets "file: path: why". */
static int
check(const char *file, const char *path, json_t *schema, json_t *doc,
    enum plural_rule rule, char *err, size_t errlen)
{
	static const char *const pct[] = { "n" };
	char sub[256], why[160];
	const char *key;
	json_t *s, *d;

	json_object_foreach(doc, key, d) {
		if (json_object_get(schema, key) == NULL) {
			snprintf(err, errlen, "%s: %s%s%s: unknown key", file, path,
			    path[0] ? "." : "", key);
			return -1;
		}
	}
	json_object_foreach(schema, key, s) {
		const char *kind = json_string_value(s);

		snprintf(sub, sizeof(sub), "%s%s%s", path, path[0] ? "." : "",
		    key);
		if ((d = json_object_get(doc, key)) == NULL) {
			snprintf(err, errlen, "%s: %s: missing key", file, sub);
			return -1;
		}
		if (json_is_object(s)) {
			if (!json_is_object(d)) {
				snprintf(err, errlen, "%s: %s: must be an object",
				    file, sub);
				return -1;
			}
			if (check(file, sub, s, d, rule, err, errlen) != 0)
				return -1;
			continue;
		}
		if (kind[0] == 'f') {
			const char *const *forms = rule == PLURAL_ONE_OTHER ?
			    forms_one_other : forms_one_few_many;
			json_t *fs = json_object();
			int rc;

			if (!json_is_object(d)) {
				json_decref(fs);
				snprintf(err, errlen, "%s: %s: must be an object "
				    "of the plural forms", file, sub);
				return -1;
			}
			for (size_t i = 0; forms[i] != NULL; i++)
				json_object_set_new(fs, forms[i], json_string("s"));
			rc = check(file, sub, fs, d, rule, err, errlen);
			json_decref(fs);
			if (rc != 0)
				return -1;
			continue;
		}
		if (!json_is_string(d) || json_string_length(d) == 0 ||
		    strlen(json_string_value(d)) != json_string_length(d)) {
			snprintf(err, errlen, "%s: %s: must be a non-empty string",
			    file, sub);
			return -1;
		}
		if ((kind[0] == 't' && tpl_walk(json_string_value(d),
		    placeholders, NELEM(placeholders), no_value, NULL, NULL, why,
		    sizeof(why)) != 0) ||
		    (kind[0] == 'p' && tpl_walk(json_string_value(d), pct, 1,
		    no_value, NULL, NULL, why, sizeof(why)) != 0)) {
			snprintf(err, errlen, "%s: %s: %s", file, sub, why);
			return -1;
		}
	}
	return 0;
}

static int
lang_code_ok(const char *s, size_t n)
{
	if (n < 2 || n > 3)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

static int
load_one(struct notify_texts *t, json_t *schema, const char *path,
    const char *code, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *root;
	const char *plural;
	enum plural_rule rule;
	struct lang *l;

	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		snprintf(err, errlen, "%s:%d:%d: %s", path, jerr.line,
		    jerr.column, jerr.text);
		return -1;
	}
	if (!json_is_object(root)) {
		snprintf(err, errlen, "%s: must be an object", path);
		goto fail;
	}
	plural = json_string_value(json_object_get(root, "plural"));
	if (plural == NULL) {
		snprintf(err, errlen, "%s: plural: missing key", path);
		goto fail;
	}
	if (strcmp(plural, "one_other") == 0)
		rule = PLURAL_ONE_OTHER;
	else if (strcmp(plural, "one_few_many") == 0)
		rule = PLURAL_ONE_FEW_MANY;
	else {
		snprintf(err, errlen, "%s: plural: \"%s\" is not \"one_other\" "
		    "or \"one_few_many\"", path, plural);
		goto fail;
	}
	if (check(path, "", schema, root, rule, err, errlen) != 0)
		goto fail;
	ARRAY_GROW(t->langs, t->nlangs, t->cap, 4);
	l = &t->langs[t->nlangs++];
	str_copy(l->code, code, sizeof(l->code));
	l->plural = rule;
	l->root = root;
	return 0;
fail:
	json_decref(root);
	return -1;
}

struct notify_texts *
notify_load(const char *dir, char *err, size_t errlen)
{
	struct notify_texts *t;
	json_error_t jerr;
	json_t *schema;
	char **files, path[1024];
	size_t nfiles;
	int rc = 0;

	if (json_files(dir, &files, &nfiles) < 0) {
		snprintf(err, errlen, "%s: cannot open the template directory",
		    dir);
		return NULL;
	}
	if (nfiles == 0) {
		snprintf(err, errlen, "%s: no template (<lang>.json) in it", dir);
		free(files);
		return NULL;
	}
	if ((schema = json_loads(schema_json, 0, &jerr)) == NULL) {
		snprintf(err, errlen, "notify: schema: %s", jerr.text);
		for (size_t i = 0; i < nfiles; i++)
			free(files[i]);
		free(files);
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	for (size_t i = 0; i < nfiles; i++) {
		size_t n = strlen(files[i]) - 5;

		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		if (rc == 0 && !lang_code_ok(files[i], n)) {
			snprintf(err, errlen, "%s: the file's name must be a "
			    "language code (en.json, uk.json)", path);
			rc = -1;
		}
		if (rc == 0) {
			files[i][n] = '\0';
			rc = load_one(t, schema, path, files[i], err, errlen);
		}
		free(files[i]);
	}
	free(files);
	json_decref(schema);
	if (rc != 0) {
		notify_free(t);
		return NULL;
	}
	return t;
}

void
notify_free(struct notify_texts *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nlangs; i++)
		json_decref(t->langs[i].root);
	free(t->langs);
	free(t);
}

static const struct lang *
find_lang(const struct notify_texts *t, const char *code)
{
	if (t == NULL || code == NULL)
		return NULL;
	for (size_t i = 0; i < t->nlangs; i++)
		if (strcmp(t->langs[i].code, code) == 0)
			return &t->langs[i];
	return NULL;
}

int
notify_has_lang(const struct notify_texts *t, const char *lang)
{
	return find_lang(t, lang) != NULL;
}

/* ---- formatting ------------------------------------------------------ */

/* A validated string at "a.b.c" (the schema guarantees it). */
static const char *
word(const struct lang *l, const char *a, const char *b, const char *c)
{
	json_t *j = json_object_get(l->root, a);

	if (b != NULL)
		j = json_object_get(j, b);
	if (c != NULL)
		j = json_object_get(j, c);
	return json_string_value(j);
}

static void
fmt_number(const struct lang *l, int64_t n, char *out, size_t outlen)
{
	char digits[24];
	const char *sep = word(l, "number", "group", NULL);
	struct buf b;
	size_t nd;

	snprintf(digits, sizeof(digits), "%lld", (long long)(n < 0 ? -n : n));
	nd = strlen(digits);
	buf_init(&b, BUF_UNBOUNDED);
	if (n < 0)
		buf_addc(&b, '-');
	for (size_t i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			buf_adds(&b, sep);
		buf_addc(&b, digits[i]);
	}
	str_copy(out, buf_str(&b), outlen);
	buf_free(&b);
}

static void
fmt_duration(const struct lang *l, int64_t ms, char *out, size_t outlen)
{
	int64_t min = ms / 60000, d = min / 1440, h = min / 60 % 24,
	    m = min % 60;
	const char *wd = word(l, "duration", "day", NULL),
	    *wh = word(l, "duration", "hour", NULL),
	    *wm = word(l, "duration", "minute", NULL);

	if (min < 1)
		str_copy(out, word(l, "duration", "under_minute", NULL), outlen);
	else if (d > 0 && h > 0)
		snprintf(out, outlen, "%lld %s %lld %s", (long long)d, wd,
		    (long long)h, wh);
	else if (d > 0)
		snprintf(out, outlen, "%lld %s", (long long)d, wd);
	else if (h > 0 && m > 0)
		snprintf(out, outlen, "%lld %s %lld %s", (long long)h, wh,
		    (long long)m, wm);
	else if (h > 0)
		snprintf(out, outlen, "%lld %s", (long long)h, wh);
	else
		snprintf(out, outlen, "%lld %s", (long long)m, wm);
}

static const char *
plural_form(enum plural_rule rule, int64_t n)
{
	int64_t m10 = n % 10, m100 = n % 100;

	if (rule == PLURAL_ONE_OTHER)
		return n == 1 ? "one" : "other";
	if (m10 == 1 && m100 != 11)
		return "one";
	if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14))
		return "few";
	return "many";
}

static const char *
pct_value(void *arg, const char *name, size_t n)
{
	(void)name;
	(void)n;
	return arg;
}

static void
fmt_percent(const struct lang *l, double p, char *out, size_t outlen)
{
	char num[32];
	struct buf b;
	char err[64];

	if (p > 0 && p < 1) {
		str_copy(out, word(l, "percent", "under_one", NULL), outlen);
		return;
	}
	snprintf(num, sizeof(num), "%.0f", floor(p + 0.5));
	buf_init(&b, BUF_UNBOUNDED);
	tpl_walk(word(l, "percent", "format", NULL), (const char *const[]){ "n" },
	    1, pct_value, num, &b, err, sizeof(err));
	str_copy(out, buf_str(&b), outlen);
	buf_free(&b);
}

/* ---- rendering ------------------------------------------------------- */

static const char *const event_keys[] = { "firing", "updated", "repeat",
    "resolved" };
static const char *const sev_keys[] = { NULL, "minor", "major", "critical" };

struct values {
	const struct lang *l;
	const struct notify_msg *m;
	const char *utility, *region;
	char affected[48], percent[48], duration[64];
};

static const char *
value(void *arg, const char *name, size_t n)
{
	struct values *v = arg;
	const struct notify_msg *m = v->m;
	char key[32];

	snprintf(key, sizeof(key), "%.*s", (int)n, name);
	if (strcmp(key, "icon") == 0)
		return word(v->l, "icons", m->event == ROUTE_RESOLVED ?
		    "resolved" : sev_keys[m->severity > SEV_MINOR ? m->severity :
		    SEV_MINOR], NULL);
	if (strcmp(key, "region") == 0)
		return v->region;
	if (strcmp(key, "severity") == 0)
		return m->severity > SEV_NONE && m->severity <= SEV_CRITICAL ?
		    word(v->l, "severities", sev_keys[m->severity], NULL) : NULL;
	if (strcmp(key, "event") == 0)
		return word(v->l, "events", event_keys[m->event], NULL);
	if (strncmp(key, "utility_", 8) == 0) {
		static const char *const sub[][2] = { { "utility_noun", "noun" },
		    { "utility_back", "back" }, { "utility_outage", "outage" },
		    { "utility_restored", "restored" } };

		for (size_t i = 0; i < NELEM(sub); i++)
			if (strcmp(key, sub[i][0]) == 0)
				return word(v->l, "utilities", v->utility,
				    sub[i][1]);
		return NULL;
	}
	if (strcmp(key, "approx") == 0)
		return m->approximate ? word(v->l, "approx", NULL, NULL) : "";
	if (strcmp(key, "affected") == 0)
		return m->affected >= 0 ? v->affected : NULL;
	if (strcmp(key, "unit") == 0) {
		json_t *forms;

		if (m->affected < 0 || m->unit == NULL || m->unit[0] == '\0')
			return NULL;
		forms = json_object_get(json_object_get(v->l->root, "units"),
		    m->unit);
		if (forms == NULL)		/* a unit the files lack */
			return m->unit;
		return json_string_value(json_object_get(forms,
		    plural_form(v->l->plural, m->affected)));
	}
	if (strcmp(key, "percent") == 0)
		return m->percent >= 0 ? v->percent : NULL;
	if (strcmp(key, "duration") == 0)
		return v->duration[0] != '\0' ? v->duration : NULL;
	if (strcmp(key, "device") == 0)
		return m->device;
	return NULL;
}

char *
notify_render(const struct notify_texts *t, const char *lang,
    const struct notify_msg *m, char **title)
{
	struct values v;
	struct buf b;
	char err[128];

	if (title != NULL)
		*title = NULL;
	memset(&v, 0, sizeof(v));
	if ((v.l = find_lang(t, lang)) == NULL &&
	    (v.l = find_lang(t, "en")) == NULL)
		return NULL;
	if (m == NULL || m->region == NULL || (unsigned)m->event >
	    ROUTE_RESOLVED || (unsigned)m->utility >= UTIL_COUNT ||
	    (unsigned)m->severity > SEV_CRITICAL)
		return NULL;
	v.m = m;
	v.utility = utility_name(m->utility);
	v.region = gaz_name(m->gaz, m->region, v.l->code);
	if (m->affected >= 0)
		fmt_number(v.l, m->affected, v.affected, sizeof(v.affected));
	if (m->percent >= 0)
		fmt_percent(v.l, m->percent, v.percent, sizeof(v.percent));
	if (m->started_at > 0 && m->at >= m->started_at)
		fmt_duration(v.l, m->at - m->started_at, v.duration,
		    sizeof(v.duration));

	buf_init(&b, BUF_UNBOUNDED);
	if (m->device != NULL) {
		/* a device's personal alert: its own two texts */
		const char *ev = m->event == ROUTE_RESOLVED ? "resolved" :
		    "firing";
		json_t *dv = json_object_get(v.l->root, "device");

		if (title != NULL) {
			tpl_walk(json_string_value(json_object_get(
			    json_object_get(dv, "title"), ev)), placeholders,
			    NELEM(placeholders), value, &v, &b, err,
			    sizeof(err));
			*title = buf_steal(&b);
		}
		tpl_walk(json_string_value(json_object_get(json_object_get(dv,
		    "text"), ev)), placeholders, NELEM(placeholders), value,
		    &v, &b, err, sizeof(err));
		return buf_steal(&b);
	}
	if (title != NULL) {
		tpl_walk(word(v.l, "title", event_keys[m->event], NULL),
		    placeholders, NELEM(placeholders), value, &v, &b, err,
		    sizeof(err));
		*title = buf_steal(&b);
	}
	tpl_walk(word(v.l, "text", event_keys[m->event], NULL), placeholders,
	    NELEM(placeholders), value, &v, &b, err, sizeof(err));
	return buf_steal(&b);
}

void
notify_number(const struct notify_texts *t, const char *lang, int64_t n,
    char *out, size_t outlen)
{
	const struct lang *l = find_lang(t, lang);

	if (l == NULL)
		str_copy(out, "", outlen);
	else
		fmt_number(l, n, out, outlen);
}

void
notify_duration(const struct notify_texts *t, const char *lang, int64_t ms,
    char *out, size_t outlen)
{
	const struct lang *l = find_lang(t, lang);

	if (l == NULL)
		str_copy(out, "", outlen);
	else
		fmt_duration(l, ms, out, outlen);
}
