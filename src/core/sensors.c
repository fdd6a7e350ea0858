/* SPDX-License-Identifier: MIT */
/*
 * sensors.c - sensing devices: their state machine, the regions' quorum
 * and the claims of the source "sensors" (sensors.h).
 *
 * Devices live in an array indexed by an open-addressing hash of their
 * ids (rebuilt when one is removed).  Heartbeats only move a device's
 * last_seen, in memory; transitions are written to the store.  A region
 * is re-evaluated when one of its devices changes (dirty), by one scan of
 * the devices for all dirty regions at once.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "agg.h"
#include "buf.h"
#include "conf.h"
#include "log.h"
#include "region.h"
#include "render.h"
#include "sensors.h"
#include "store.h"
#include "store_sensors.h"
#include "util.h"

#define FLIPS_MAX	32
/*
 * A Will counts (for its region and its personal alert) once it has
 * settled this long with our own connection up: a broker shutting down
 * sends every client's Will just before it drops us too.
 */
#define SETTLE_MS	2000

enum dstate { DS_UNKNOWN = 0, DS_LIT, DS_DARK };

static const char *const dstate_names[] = { "unknown", "lit", "dark" };

struct device {
	char		 id[SENSOR_ID_MAX];
	const struct region *region;
	char		 group[SENSOR_GROUP_MAX];
	char		 label[SENSOR_LABEL_MAX];
	int		 config;	/* from the configuration file */
	enum dstate	 state;
	int64_t		 since;		/* ms: the state began */
	int64_t		 last_seen;	/* ms: last message (or grace restart) */
	int64_t		 created_at;
	int		 alerted;	/* personal alert firing */
	int		 pending;	/* its firing waits for SETTLE_MS */
	int		 settled;	/* dark, and counted as such */
	int		 suspect;	/* dark while our connection went down */
	int64_t		 suspect_until;
	int		 damped;
	int64_t		 flips[FLIPS_MAX];	/* ring of transition times */
	int		 nflips, flip_head;
};

struct sreg {
	int		 dark, total;
	int		 out;		/* quorum met */
	int		 have_claim;
	int		 dirty;
	int64_t		 claim_at;
};

struct sensors {
	const struct conf *conf;
	const struct gazetteer *gaz;
	struct sensors_hooks hooks;
	struct device	**dev;
	size_t		 ndev, capdev;
	size_t		*slots;		/* hash: index + 1, 0 empty */
	size_t		 nslots;
	struct sreg	*reg;		/* per region index */
	size_t		 nreg;
	size_t		*dirty;
	size_t		 ndirty, capdirty;
	int64_t		 next_check;
	int		 was_down;
	struct sensors_counters count;
};

/* ---- the table of devices --------------------------------------------- */

static size_t
slot_of(const struct sensors *s, const char *id)
{
	return fnv1a(id, strlen(id)) & (s->nslots - 1);
}

static void
rehash(struct sensors *s)
{
	size_t want = 64;

	while (want < s->ndev * 2 + 2)
		want <<= 1;
	free(s->slots);
	s->nslots = want;
	s->slots = xcalloc(want, sizeof(*s->slots));
	for (size_t i = 0; i < s->ndev; i++) {
		size_t h = slot_of(s, s->dev[i]->id);

		while (s->slots[h] != 0)
			h = (h + 1) & (s->nslots - 1);
		s->slots[h] = i + 1;
	}
}

static struct device *
find(const struct sensors *s, const char *id)
{
	size_t h;

	if (s->nslots == 0)
		return NULL;
	for (h = slot_of(s, id); s->slots[h] != 0; h = (h + 1) &
	    (s->nslots - 1))
		if (strcmp(s->dev[s->slots[h] - 1]->id, id) == 0)
			return s->dev[s->slots[h] - 1];
	return NULL;
}

static struct device *
insert(struct sensors *s, const char *id)
{
	struct device *d = xcalloc(1, sizeof(*d));
	size_t h;

	str_copy(d->id, id, sizeof(d->id));
	ARRAY_GROW(s->dev, s->ndev, s->capdev, 256);
	s->dev[s->ndev++] = d;
	if (s->ndev * 2 + 2 > s->nslots) {
		rehash(s);
		return d;
	}
	h = slot_of(s, id);
	while (s->slots[h] != 0)
		h = (h + 1) & (s->nslots - 1);
	s->slots[h] = s->ndev;
	return d;
}

static void
mark(struct sensors *s, const struct region *r)
{
	struct sreg *g;

	if (r == NULL)
		return;
	g = &s->reg[r->index];
	if (g->dirty)
		return;
	g->dirty = 1;
	ARRAY_GROW(s->dirty, s->ndirty, s->capdirty, 64);
	s->dirty[s->ndirty++] = r->index;
}

int
sensors_valid_id(const char *id)
{
	size_t n = 0;

	for (; id[n] != '\0'; n++) {
		unsigned char c = (unsigned char)id[n];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return n >= 1 && n < SENSOR_ID_MAX;
}

/* ---- life ------------------------------------------------------------- */

struct sensors *
sensors_new(const struct conf *c, const struct gazetteer *gaz,
    const struct sensors_hooks *hooks)
{
	struct sensors *s = xcalloc(1, sizeof(*s));

	s->conf = c;
	s->gaz = gaz;
	if (hooks != NULL)
		s->hooks = *hooks;
	s->nreg = gaz_count(gaz);
	s->reg = xcalloc(s->nreg ? s->nreg : 1, sizeof(*s->reg));
	s->next_check = INT64_MAX;
	rehash(s);
	return s;
}

static void
clear(struct sensors *s)
{
	for (size_t i = 0; i < s->ndev; i++)
		free(s->dev[i]);
	s->ndev = 0;
	rehash(s);
}

void
sensors_free(struct sensors *s)
{
	if (s == NULL)
		return;
	clear(s);
	free(s->dev);
	free(s->slots);
	free(s->reg);
	free(s->dirty);
	free(s);
}

void
sensors_set_conf(struct sensors *s, const struct conf *c)
{
	s->conf = c;
	for (size_t i = 0; i < s->nreg; i++)
		if (s->reg[i].have_claim || s->reg[i].total > 0)
			mark(s, gaz_at(s->gaz, i));
	s->next_check = 0;
}

const struct sensors_counters *
sensors_counters(const struct sensors *s)
{
	return &s->count;
}

size_t
sensors_count(const struct sensors *s)
{
	return s->ndev;
}

void
sensors_states(const struct sensors *s, struct sensors_states *st)
{
	memset(st, 0, sizeof(*st));
	for (size_t i = 0; i < s->ndev; i++) {
		const struct device *d = s->dev[i];

		if (d->state == DS_DARK)
			st->dark++;
		else if (d->state == DS_LIT)
			st->lit++;
		else
			st->unknown++;
		if (d->damped)
			st->damped++;
	}
}

int
sensors_has(const struct sensors *s, const char *id)
{
	return find(s, id) != NULL;
}

int
sensors_alerted(const struct sensors *s, const char *id, int64_t now,
    struct sensors_alert *a)
{
	const struct device *d = find(s, id);

	if (d == NULL || d->state != DS_DARK || !d->alerted)
		return 0;
	memset(a, 0, sizeof(*a));
	a->device = d->id;
	a->label = d->label[0] ? d->label : NULL;
	a->region = d->region;
	a->firing = 1;
	a->since = d->since;
	a->at = now;
	a->cause = "offline";
	return 1;
}

/* ---- validation ------------------------------------------------------- */

static int
valid_group(const char *g)
{
	return g == NULL || (sensors_valid_id(g) &&
	    strlen(g) < SENSOR_GROUP_MAX);
}

static int
check_fields(const char *id, const char *group, const char *label,
    char *err, size_t errlen)
{
	if (id == NULL || !sensors_valid_id(id)) {
		snprintf(err, errlen, "\"id\" must be 1-63 of A-Z a-z 0-9 . _ "
		    "- (the device's MQTT username)");
		return -1;
	}
	if (!valid_group(group)) {
		snprintf(err, errlen, "\"group\" must be 1-31 of A-Z a-z 0-9 "
		    ". _ -");
		return -1;
	}
	if (label != NULL && strlen(label) >= SENSOR_LABEL_MAX) {
		snprintf(err, errlen, "\"label\" is longer than %d bytes",
		    SENSOR_LABEL_MAX - 1);
		return -1;
	}
	return 0;
}

static void
set_fields(struct device *d, const struct region *r, const char *group,
    const char *label)
{
	d->region = r;
	str_copy(d->group, group ? group : "", sizeof(d->group));
	str_copy(d->label, label ? label : "", sizeof(d->label));
}

/* ---- loading ---------------------------------------------------------- */

static enum dstate
dstate_from(const char *s)
{
	if (s != NULL && strcmp(s, "lit") == 0)
		return DS_LIT;
	if (s != NULL && strcmp(s, "dark") == 0)
		return DS_DARK;
	return DS_UNKNOWN;
}

struct load_ctx {
	struct sensors	*s;
	int64_t		 now;
};

static int
load_row(void *arg, const struct store_device_row *row)
{
	struct load_ctx *lc = arg;
	const struct region *r = gaz_by_id(lc->s->gaz, row->region);
	struct device *d;

	if (r == NULL) {
		log_warnx("sensors: device %s names region %s, which the "
		    "gazetteer no longer has", row->id, row->region);
		return 0;
	}
	d = insert(lc->s, row->id);
	set_fields(d, r, row->group, row->label);
	d->config = 0;		/* load_config() says which are the file's */
	d->state = dstate_from(row->state);
	d->since = row->since;
	d->created_at = row->created_at;
	d->alerted = row->alerted == 1;
	d->pending = row->alerted == 2;
	d->settled = d->state == DS_DARK;
	d->last_seen = lc->now;		/* grace starts again */
	return 0;
}

/* The configuration's devices, written to the store. */
static enum od_err
load_config(struct sensors *s, struct store *st, int64_t now)
{
	size_t i;
	json_t *e;

	json_array_foreach(s->conf->devices, i, e) {
		const char *id = json_string_value(json_object_get(e, "id"));
		const char *rn = json_string_value(json_object_get(e, "region"));
		const char *group = json_string_value(json_object_get(e,
		    "group"));
		const char *label = json_string_value(json_object_get(e,
		    "label"));
		const struct region *r = NULL;
		struct store_device_row row;
		struct device *d;
		char err[256];

		if (check_fields(id, group, label, err, sizeof(err)) < 0 ||
		    rn == NULL || gaz_resolve(s->gaz, rn, &r, err,
		    sizeof(err)) != OD_OK) {
			log_warnx("sensors: devices[%zu] skipped: %s", i,
			    rn == NULL && err[0] == '\0' ? "no region" : err);
			continue;
		}
		memset(&row, 0, sizeof(row));
		row.id = id;
		row.region = r->id;
		row.group = group;
		row.label = label;
		row.origin = "config";
		row.created_at = now;
		if (store_device_put(st, &row) != OD_OK)
			return OD_EDB;
		if ((d = find(s, id)) == NULL) {
			d = insert(s, id);
			d->created_at = now;
			d->last_seen = now;
		}
		set_fields(d, r, group, label);
		d->config = 1;
	}
	return OD_OK;
}

enum od_err
sensors_load(struct sensors *s, struct store *st, int64_t now, char *err,
    size_t errlen)
{
	struct load_ctx lc = { s, now };

	clear(s);
	for (size_t i = 0; i < s->nreg; i++) {
		struct sreg *g = &s->reg[i];
		int had = g->have_claim;

		/* written only when not clear already: a page of regions
		   never written stays untouched (not resident) */
		if (g->dark != 0 || g->total != 0 || g->out != 0 ||
		    g->dirty != 0 || g->claim_at != 0) {
			memset(g, 0, sizeof(*g));
			g->have_claim = had;
		}
	}
	s->ndirty = 0;
	if (store_devices(st, load_row, &lc) != OD_OK ||
	    load_config(s, st, now) != OD_OK) {
		snprintf(err, errlen, "cannot load devices: %s",
		    store_errmsg(st));
		return OD_EDB;
	}
	/* the aggregate was rebuilt: every claim is applied again */
	for (size_t i = 0; i < s->ndev; i++)
		mark(s, s->dev[i]->region);
	for (size_t i = 0; i < s->nreg; i++)
		if (s->reg[i].have_claim)
			mark(s, gaz_at(s->gaz, i));
	s->next_check = now;
	return OD_OK;
}

/* ---- personal alerts -------------------------------------------------- */

static void
duration_text(int64_t ms, char *buf, size_t len)
{
	int64_t sec = ms / 1000, d = sec / 86400, h = sec % 86400 / 3600,
	    m = sec % 3600 / 60;

	if (d > 0)
		snprintf(buf, len, "%lldd %lldh %lldm", (long long)d,
		    (long long)h, (long long)m);
	else if (h > 0)
		snprintf(buf, len, "%lldh %lldm", (long long)h, (long long)m);
	else if (m > 0)
		snprintf(buf, len, "%lldm %llds", (long long)m,
		    (long long)(sec % 60));
	else
		snprintf(buf, len, "%llds", (long long)sec);
}

static void
personal_alert(struct sensors *s, struct device *d, int firing,
    int64_t dark_since, int64_t now, const char *cause)
{
	const char *name = d->label[0] ? d->label : d->id;
	char text[400], dur[64];
	json_t *j;
	char *payload;

	if (s->hooks.alert == NULL)
		return;
	duration_text(now - dark_since, dur, sizeof(dur));
	if (firing)
		snprintf(text, sizeof(text), "Power is off at %s (%s, %s)",
		    name, d->region->name, cause);
	else
		snprintf(text, sizeof(text), "Power is back at %s after %s",
		    name, dur);
	j = json_pack("{s:s,s:s,s:s,s:s,s:s?,s:s?,s:o,s:s,s:s}",
	    "event", firing ? "firing" : "resolved",
	    "device", d->id,
	    "region", d->region->id,
	    "region_name", d->region->name,
	    "group", d->group[0] ? d->group : NULL,
	    "label", d->label[0] ? d->label : NULL,
	    "since", render_time(dark_since),
	    "cause", cause,
	    "text", text);
	if (!firing) {
		json_object_set_new(j, "lit_at", render_time(now));
		json_object_set_new(j, "duration_s",
		    json_integer((now - dark_since) / 1000));
		json_object_set_new(j, "duration", json_string(dur));
	}
	payload = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (payload == NULL)
		fatalx("sensors: json_dumps failed");
	{
		struct sensors_alert sa = { d->id, d->label[0] ? d->label :
		    NULL, d->region, firing, dark_since, now, cause };

		s->hooks.alert(s->hooks.arg, &sa, payload);
	}
	s->count.personal_alerts++;
	free(payload);
}

/* ---- transitions ------------------------------------------------------ */

static int
flips_within(const struct device *d, int64_t from)
{
	int n = 0;

	for (int i = 0; i < d->nflips; i++)
		if (d->flips[i] >= from)
			n++;
	return n;
}

static int64_t
last_flip(const struct device *d)
{
	int64_t t = 0;

	for (int i = 0; i < d->nflips; i++)
		if (d->flips[i] > t)
			t = d->flips[i];
	return t;
}

static void
note_flip(struct sensors *s, struct device *d, int64_t now)
{
	int64_t fw = s->conf->sensors.flap_window * 1000;
	int limit = (int)s->conf->sensors.flap_count;

	d->flips[d->flip_head] = now;
	d->flip_head = (d->flip_head + 1) % FLIPS_MAX;
	if (d->nflips < FLIPS_MAX)
		d->nflips++;
	if (limit > FLIPS_MAX - 1)
		limit = FLIPS_MAX - 1;
	if (!d->damped && flips_within(d, now - fw) > limit) {
		d->damped = 1;
		log_warnx("sensors: device %s flaps (more than %d transitions "
		    "in %llds): damped until it is stable", d->id, limit,
		    (long long)s->conf->sensors.flap_window);
		if (now + fw < s->next_check)
			s->next_check = now + fw;
	}
}

static enum od_err
transition(struct sensors *s, struct store *st, struct device *d,
    enum dstate to, int64_t now, const char *cause)
{
	enum dstate from = d->state;
	int64_t dark_since = d->since;
	int alerted = d->alerted, pending = 0;

	if (from != DS_UNKNOWN)
		note_flip(s, d, now);
	if (to == DS_DARK && from == DS_LIT && !d->damped)
		pending = 1;		/* fires once settled */
	else if (to == DS_LIT)
		alerted = 0;
	if (store_device_state(st, d->id, dstate_names[to], now,
	    pending ? 2 : alerted, cause) != OD_OK)
		return OD_EDB;
	if (!alerted && d->alerted)
		personal_alert(s, d, 0, dark_since, now, cause);
	d->alerted = alerted;
	d->pending = pending;
	d->settled = 0;
	d->suspect = 0;
	d->state = to;
	d->since = now;
	s->count.transitions++;
	mark(s, d->region);
	if (to == DS_LIT && now + s->conf->sensors.grace * 1000 <
	    s->next_check)
		s->next_check = now + s->conf->sensors.grace * 1000;
	if (to == DS_DARK && now + SETTLE_MS < s->next_check)
		s->next_check = now + SETTLE_MS;
	log_debug("sensors: %s %s -> %s (%s)", d->id, dstate_names[from],
	    dstate_names[to], cause);
	return OD_OK;
}

/* A dark device's darkness counts now: its region, its alert. */
static enum od_err
settle(struct sensors *s, struct store *st, struct device *d, int64_t now)
{
	d->settled = 1;
	mark(s, d->region);
	if (!d->pending)
		return OD_OK;
	d->pending = 0;
	if (d->damped)
		return store_device_alerted(st, d->id, 0);
	if (store_device_alerted(st, d->id, 1) != OD_OK)
		return OD_EDB;
	d->alerted = 1;
	personal_alert(s, d, 1, d->since, now, "offline");
	return OD_OK;
}

enum od_err
sensors_message(struct sensors *s, struct store *st, const char *id,
    const void *payload, size_t len, int64_t now)
{
	struct device *d;

	if (!sensors_valid_id(id)) {
		s->count.invalid++;
		return OD_EINVAL;
	}
	if ((d = find(s, id)) == NULL) {
		s->count.unknown++;
		return OD_ENOENT;
	}
	s->count.messages++;
	if (len == 0)
		return OD_OK;	/* a retained message cleared: no signal */
	if (len == 7 && memcmp(payload, "offline", 7) == 0) {
		if (d->state == DS_DARK)
			return OD_OK;
		return transition(s, st, d, DS_DARK, now, "will");
	}
	d->last_seen = now;
	if (d->state == DS_LIT)
		return OD_OK;
	return transition(s, st, d, DS_LIT, now, "message");
}

/* ---- regions ---------------------------------------------------------- */

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The most dark devices that went dark within window of each other. */
static int
densest(int64_t *since, int n, int64_t window)
{
	int best = 0;

	qsort(since, (size_t)n, sizeof(*since), cmp_i64);
	for (int i = 0, j = 0; j < n; j++) {
		while (since[j] - since[i] > window)
			i++;
		if (j - i + 1 > best)
			best = j - i + 1;
	}
	return best;
}

static void
apply_claim(struct sensors *s, struct agg *a, const struct region *r,
    struct sreg *g, int64_t now)
{
	struct claim cl;

	memset(&cl, 0, sizeof(cl));
	str_copy(cl.source, SENSORS_SOURCE, sizeof(cl.source));
	cl.priority = (int)s->conf->sensors.priority;
	cl.observed_at = now;
	cl.approximate = 1;
	cl.sensed_dark = g->dark;
	cl.sensed_total = g->total;
	str_copy(cl.unit, r->denom_unit[0] ? r->denom_unit : "households",
	    sizeof(cl.unit));
	if (g->out) {
		cl.status = RS_OUTAGE;
		cl.affected = r->denominator > 0 ? (int64_t)llround(
		    (double)r->denominator * g->dark / g->total) : -1;
		if (cl.affected < 0)
			cl.unit[0] = '\0';
	} else {
		cl.status = RS_RESTORED;
		cl.affected = 0;
	}
	agg_apply(a, r, UTIL_POWER, &cl);
	g->have_claim = 1;
	g->claim_at = now;
}

/* Count every dirty region's devices, decide its quorum, claim. */
static void
evaluate_regions(struct sensors *s, struct agg *a, int64_t now)
{
	int64_t **since = xcalloc(s->ndirty, sizeof(*since));
	int *nsince = xcalloc(s->ndirty, sizeof(*nsince));
	size_t *slot = xcalloc(s->nreg ? s->nreg : 1, sizeof(*slot));

	for (size_t k = 0; k < s->ndirty; k++) {
		struct sreg *g = &s->reg[s->dirty[k]];

		slot[s->dirty[k]] = k + 1;
		g->dark = g->total = 0;
	}
	for (size_t i = 0; i < s->ndev; i++) {
		const struct device *d = s->dev[i];
		size_t k = slot[d->region->index];
		struct sreg *g = &s->reg[d->region->index];

		if (k == 0 || d->damped || d->suspect ||
		    d->state == DS_UNKNOWN)
			continue;
		g->total++;
		if (d->state != DS_DARK || !d->settled)
			continue;
		g->dark++;
		since[k - 1] = xreallocarray(since[k - 1],
		    (size_t)nsince[k - 1] + 1, sizeof(int64_t));
		since[k - 1][nsince[k - 1]++] = d->since;
	}
	for (size_t k = 0; k < s->ndirty; k++) {
		const struct region *r = gaz_at(s->gaz, s->dirty[k]);
		struct sreg *g = &s->reg[s->dirty[k]];
		int need, was = g->out;

		need = (int)ceil(s->conf->sensors.quorum_percent *
		    g->total / 100.0);
		if (need < s->conf->sensors.quorum_count)
			need = (int)s->conf->sensors.quorum_count;
		g->out = g->dark >= need && densest(since[k], nsince[k],
		    s->conf->sensors.window * 1000) >= need;
		if (g->out != was)
			log_info("sensors: %s: %s (%d of %d devices dark)",
			    r->id, g->out ? "sensed outage" : "no sensed outage",
			    g->dark, g->total);
		if (g->total > 0 || g->have_claim)
			apply_claim(s, a, r, g, now);
		g->dirty = 0;
		free(since[k]);
	}
	s->ndirty = 0;
	free(since);
	free(nsince);
	free(slot);
}

enum od_err
sensors_tick(struct sensors *s, struct store *st, struct agg *a,
    int connected, int64_t now)
{
	int64_t grace = s->conf->sensors.grace * 1000;
	int64_t fw = s->conf->sensors.flap_window * 1000;
	int64_t refresh = s->conf->ttl > 0 ? s->conf->ttl * 1000 / 2 :
	    INT64_MAX;

	if (!connected && !s->was_down) {
		/* Wills just before we lost the broker prove nothing */
		s->was_down = 1;
		for (size_t i = 0; i < s->ndev; i++) {
			struct device *d = s->dev[i];

			if (d->state == DS_DARK && !d->settled) {
				d->suspect = 1;
				mark(s, d->region);
			}
		}
	} else if (connected && s->was_down) {
		/* silence while we could not hear proves nothing */
		s->was_down = 0;
		for (size_t i = 0; i < s->ndev; i++) {
			s->dev[i]->last_seen = now;
			s->dev[i]->suspect_until = now + grace;
		}
		s->next_check = now;
	}
	if (now >= s->next_check) {
		int64_t next = INT64_MAX;

		for (size_t i = 0; i < s->ndev; i++) {
			struct device *d = s->dev[i];

			if (d->damped && now - last_flip(d) >= fw) {
				d->damped = 0;
				mark(s, d->region);
				log_info("sensors: device %s is stable again",
				    d->id);
			} else if (d->damped && last_flip(d) + fw < next)
				next = last_flip(d) + fw;
			if (d->state == DS_DARK && connected && !d->settled) {
				if (d->suspect && now < d->suspect_until) {
					if (d->suspect_until < next)
						next = d->suspect_until;
				} else if (d->suspect || now - d->since >=
				    SETTLE_MS) {
					d->suspect = 0;
					if (settle(s, st, d, now) != OD_OK)
						return OD_EDB;
				} else if (d->since + SETTLE_MS < next)
					next = d->since + SETTLE_MS;
			}
			if (d->state != DS_LIT || !connected)
				continue;
			if (now - d->last_seen >= grace) {
				if (transition(s, st, d, DS_DARK, now,
				    "silence") != OD_OK)
					return OD_EDB;
				/* it settles (and alerts) after SETTLE_MS:
				 * next_check is overwritten below */
				if (now + SETTLE_MS < next)
					next = now + SETTLE_MS;
			} else if (d->last_seen + grace < next)
				next = d->last_seen + grace;
		}
		for (size_t i = 0; i < s->nreg; i++) {
			struct sreg *g = &s->reg[i];

			if (!g->have_claim)
				continue;
			if (now - g->claim_at >= refresh)
				mark(s, gaz_at(s->gaz, i));
			else if (refresh != INT64_MAX &&
			    g->claim_at + refresh < next)
				next = g->claim_at + refresh;
		}
		s->next_check = next;
	}
	if (s->ndirty > 0)
		evaluate_regions(s, a, now);
	return OD_OK;
}

int64_t
sensors_next_expiry(const struct sensors *s)
{
	return s->ndirty > 0 ? 0 : s->next_check;
}

/* ---- registration ----------------------------------------------------- */

enum od_err
sensors_add(struct sensors *s, struct store *st, const char *id,
    const struct region *r, const char *group, const char *label,
    int64_t now, char *err, size_t errlen)
{
	struct store_device_row row;
	struct device *d;

	if (check_fields(id, group, label, err, errlen) < 0)
		return OD_EINVAL;
	d = find(s, id);
	if (d != NULL && d->config) {
		snprintf(err, errlen, "device %s is in the configuration file; "
		    "change it there", id);
		return OD_EINVAL;
	}
	memset(&row, 0, sizeof(row));
	row.id = id;
	row.region = r->id;
	row.group = group;
	row.label = label;
	row.origin = "api";
	row.created_at = now;
	if (store_device_put(st, &row) != OD_OK)
		return OD_EDB;
	if (d == NULL) {
		d = insert(s, id);
		d->created_at = now;
		d->last_seen = now;
	} else
		mark(s, d->region);
	set_fields(d, r, group, label);
	mark(s, r);
	return OD_OK;
}

enum od_err
sensors_remove(struct sensors *s, struct store *st, const char *id)
{
	struct device *d = find(s, id);
	enum od_err rc;

	if (d == NULL)
		return OD_ENOENT;
	if (d->config)
		return OD_EINVAL;
	if ((rc = store_device_delete(st, id)) != OD_OK)
		return rc;
	mark(s, d->region);
	for (size_t i = 0; i < s->ndev; i++) {
		if (s->dev[i] != d)
			continue;
		s->dev[i] = s->dev[--s->ndev];
		break;
	}
	free(d);
	rehash(s);
	return OD_OK;
}

/* ---- readers ---------------------------------------------------------- */

static json_t *
device_json(const struct device *d)
{
	return json_pack("{s:s,s:s,s:s,s:s?,s:s?,s:s,s:o,s:b,s:b,s:b,s:s}",
	    "id", d->id,
	    "region", d->region->id,
	    "region_name", d->region->name,
	    "group", d->group[0] ? d->group : NULL,
	    "label", d->label[0] ? d->label : NULL,
	    "state", dstate_names[d->state],
	    "since", d->since > 0 ? render_time(d->since) : json_null(),
	    "alerted", d->alerted,
	    "damped", d->damped,
	    "configured", d->config,
	    "origin", d->config ? "config" : "api");
}

static int
cmp_dev(const void *a, const void *b)
{
	return strcmp((*(struct device *const *)a)->id,
	    (*(struct device *const *)b)->id);
}

json_t *
sensors_devices_json(const struct sensors *s, const struct region *within)
{
	struct device **v = xcalloc(s->ndev ? s->ndev : 1, sizeof(*v));
	json_t *arr = json_array();
	size_t n = 0;

	for (size_t i = 0; i < s->ndev; i++)
		if (within == NULL || region_within(s->dev[i]->region, within))
			v[n++] = s->dev[i];
	qsort(v, n, sizeof(*v), cmp_dev);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, device_json(v[i]));
	free(v);
	return arr;
}

json_t *
sensors_device_json(const struct sensors *s, const char *id)
{
	const struct device *d = find(s, id);

	return d ? device_json(d) : NULL;
}

json_t *
sensors_regions_json(const struct sensors *s)
{
	json_t *o = json_object();

	for (size_t i = 0; i < s->ndev; i++) {
		const struct device *d = s->dev[i];
		json_t *r = json_object_get(o, d->region->id), *gs, *g;
		const char *gname = d->group[0] ? d->group : "-";
		int dark, counted = !d->damped && d->state != DS_UNKNOWN;

		if (r == NULL) {
			const struct sreg *sg = &s->reg[d->region->index];

			r = json_pack("{s:i,s:i,s:b,s:i,s:{}}", "dark", 0,
			    "total", 0, "outage", sg->out, "registered", 0,
			    "groups");
			json_object_set_new(o, d->region->id, r);
		}
		dark = d->state == DS_DARK && counted;
		json_object_set_new(r, "registered", json_integer(
		    json_integer_value(json_object_get(r, "registered")) + 1));
		if (!counted)
			continue;
		json_object_set_new(r, "dark", json_integer(json_integer_value(
		    json_object_get(r, "dark")) + dark));
		json_object_set_new(r, "total", json_integer(json_integer_value(
		    json_object_get(r, "total")) + 1));
		gs = json_object_get(r, "groups");
		if ((g = json_object_get(gs, gname)) == NULL) {
			g = json_pack("{s:i,s:i}", "dark", 0, "total", 0);
			json_object_set_new(gs, gname, g);
		}
		json_object_set_new(g, "dark", json_integer(json_integer_value(
		    json_object_get(g, "dark")) + dark));
		json_object_set_new(g, "total", json_integer(json_integer_value(
		    json_object_get(g, "total")) + 1));
	}
	return o;
}
