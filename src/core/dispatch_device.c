/* SPDX-License-Identifier: MIT */
/*
 * dispatch_device.c - subscriptions to a device's personal alert: their
 * episodes and delivery rows (dispatch_int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "dispatch_int.h"
#include "log.h"
#include "notify.h"
#include "region.h"
#include "render.h"
#include "route.h"
#include "sensors.h"
#include "store.h"
#include "subscription.h"
#include "util.h"
#include "webhook.h"

struct devep {
	int64_t		 sub_id;
	char		 device[SUB_DEVICE_MAX];
	const struct region *region;
	int64_t		 started_at;	/* ms: the device went dark */
	char		 key[ROUTE_KEY_MAX];
	struct subscription *sub;	/* as it was when it fired */
};

struct devsubs {
	const struct gazetteer *gaz;
	struct store	*store;
	struct devep	*ep;
	size_t		 nep, capep;
	struct subscription **stash;
	size_t		 nstash, capstash;
};

struct devsubs *
devsubs_new(const struct gazetteer *gaz, struct store *store)
{
	struct devsubs *ds = xcalloc(1, sizeof(*ds));

	ds->gaz = gaz;
	ds->store = store;
	return ds;
}

void
devsubs_loaded(struct devsubs *ds)
{
	for (size_t i = 0; i < ds->nstash; i++)
		subscription_free(ds->stash[i]);
	ds->nstash = 0;
}

void
devsubs_free(struct devsubs *ds)
{
	if (ds == NULL)
		return;
	devsubs_loaded(ds);
	free(ds->stash);
	for (size_t i = 0; i < ds->nep; i++)
		subscription_free(ds->ep[i].sub);
	free(ds->ep);
	free(ds);
}

void
devsubs_stash(struct devsubs *ds, struct subscription *s)
{
	ARRAY_GROW(ds->stash, ds->nstash, ds->capstash, 8);
	ds->stash[ds->nstash++] = s;
}

/* A copy of a subscription, all of it (through its JSON). */
static struct subscription *
clone_sub(const struct devsubs *ds, const struct subscription *s)
{
	json_t *j = subscription_to_json(s, 1);
	struct subscription *c;
	char err[256];

	json_object_del(j, "id");
	c = subscription_from_json(j, ds->gaz, err, sizeof(err));
	json_decref(j);
	if (c == NULL)
		fatalx("dispatch: a subscription does not read back: %s", err);
	c->id = s->id;
	c->created_at = s->created_at;
	c->disabled = s->disabled;
	if (s->owner != NULL)
		c->owner = xstrdup(s->owner);
	return c;
}

static struct devep *
add_ep(struct devsubs *ds)
{
	struct devep *e;

	ARRAY_GROW(ds->ep, ds->nep, ds->capep, 8);
	e = &ds->ep[ds->nep++];
	memset(e, 0, sizeof(*e));
	return e;
}

int
devsubs_restore(struct devsubs *ds, const struct router *rt,
    const struct store_episode_row *row)
{
	const char *dev, *slash;
	const struct subscription *s;
	const struct region *r;
	struct devep *e;
	size_t n;

	if (row->incident_key == NULL || strncmp(row->incident_key,
	    DEVICE_KEY_PREFIX, strlen(DEVICE_KEY_PREFIX)) != 0)
		return 0;
	dev = row->incident_key + strlen(DEVICE_KEY_PREFIX);
	if ((slash = strchr(dev, '/')) == NULL || (n = (size_t)(slash -
	    dev)) == 0 || n >= SUB_DEVICE_MAX ||
	    (r = gaz_by_id(ds->gaz, row->region)) == NULL || !row->firing)
		return 1;
	if ((s = router_get(rt, row->sub_id)) == NULL)
		for (size_t i = 0; i < ds->nstash && s == NULL; i++)
			if (ds->stash[i]->id == row->sub_id)
				s = ds->stash[i];
	if (s == NULL)
		return 1;	/* no one to tell */
	e = add_ep(ds);
	e->sub_id = row->sub_id;
	memcpy(e->device, dev, n);
	e->device[n] = '\0';
	e->region = r;
	e->started_at = row->started_at;
	str_copy(e->key, row->incident_key, sizeof(e->key));
	e->sub = clone_sub(ds, s);
	return 1;
}

static const char *
target_of(const struct channel *c)
{
	switch (c->type) {
	case CHANNEL_MQTT:	return c->topic;
	case CHANNEL_WEBHOOK:	return c->url;
	case CHANNEL_EMAIL:	return c->to;
	}
	return "";
}

/* One notice of an episode: its text, payload and delivery row. */
static enum od_err
deliver_row(struct devsubs *ds, const struct notify_texts *texts,
    const struct subscription *s, const struct devep *e,
    const struct sensors_alert *a, int firing, uint64_t *notices)
{
	struct store_delivery_row row;
	struct notify_msg m;
	char msg_id[WEBHOOK_ID_MAX], *text, *title = NULL, *payload, *spec;
	const char *name = a->label != NULL ? a->label : a->device;
	int64_t until = 0;
	json_t *j, *sj;
	enum od_err rc;

	memset(&m, 0, sizeof(m));
	m.event = firing ? ROUTE_FIRING : ROUTE_RESOLVED;
	m.region = e->region;
	m.gaz = ds->gaz;
	m.utility = UTIL_POWER;
	m.severity = firing ? SEV_MAJOR : SEV_NONE;
	m.affected = -1;
	m.percent = -1;
	m.started_at = e->started_at;
	m.at = a->at;
	m.device = name;
	if (texts == NULL || (text = notify_render(texts, s->lang, &m,
	    &title)) == NULL) {
		char buf[512];

		free(title);
		if (firing)
			snprintf(buf, sizeof(buf), "%s: no power (%s)", name,
			    e->region->name);
		else
			snprintf(buf, sizeof(buf), "%s: power is back after "
			    "%lld s", name,
			    (long long)((a->at - e->started_at) / 1000));
		text = xstrdup(buf);
		title = xstrdup(name);
	}
	j = json_pack("{s:s,s:s,s:I,s:s,s:s?,s:s,s:s,s:s,s:s,s:s,s:o,s:o,"
	    "s:s,s:s}",
	    "event", firing ? "firing" : "resolved",
	    "incident_key", e->key,
	    "subscription", (json_int_t)s->id,
	    "device", e->device,
	    "label", a->label,
	    "region", e->region->id,
	    "region_name", e->region->name,
	    "utility", "power",
	    "severity", severity_name(m.severity),
	    "status", firing ? "outage" : "restored",
	    "started_at", render_time(e->started_at),
	    "at", render_time(a->at),
	    "title", title,
	    "text", text);
	if (!firing)
		json_object_set_new(j, "duration_s",
		    json_integer((a->at - e->started_at) / 1000));
	payload = json_dumps(j, OD_JSON_COMPACT);
	json_decref(j);
	sj = subscription_to_json(s, 1);
	spec = json_dumps(json_object_get(sj, "channel"), OD_JSON_COMPACT);
	json_decref(sj);
	if (payload == NULL || spec == NULL)
		fatalx("dispatch: json_dumps failed");
	webhook_msg_id(msg_id);
	memset(&row, 0, sizeof(row));
	row.sub_id = s->id;
	row.incident_key = e->key;
	row.event = route_event_name(m.event);
	row.region = e->region->id;
	row.utility = "power";
	row.severity = severity_name(m.severity);
	row.channel = channel_type_name(s->channel.type);
	row.target = target_of(&s->channel);
	row.msg_id = msg_id;
	row.title = title;
	row.text = text;
	row.payload = payload;
	row.created_at = a->at;
	row.next_at = subscription_quiet(s, a->at, &until) && until > a->at ?
	    until : a->at;
	row.spec = spec;
	rc = store_delivery_add(ds->store, &row, NULL);
	if (rc == OD_OK) {
		(*notices)++;
		log_info("notify %s: subscription %lld, device %s via %s",
		    row.event, (long long)s->id, e->device, row.channel);
	}
	free(payload);
	free(spec);
	free(text);
	free(title);
	return rc;
}

static enum od_err
save_ep(struct devsubs *ds, const struct devep *e, int64_t at)
{
	struct store_episode_row row;

	memset(&row, 0, sizeof(row));
	row.sub_id = e->sub_id;
	row.region = e->region->id;
	row.utility = "power";
	row.firing = 1;
	row.notified = severity_name(SEV_MAJOR);
	row.started_at = e->started_at;
	row.last_sent_at = at;
	row.incident_key = e->key;
	return store_episode_put(ds->store, &row);
}

struct fire_ctx {
	struct devsubs	*ds;
	const struct notify_texts *texts;
	const struct sensors_alert *a;
	int64_t		 only;
	uint64_t	*notices;
	enum od_err	 rc;
};

static int
fire_one(void *arg, const struct subscription *s)
{
	struct fire_ctx *fc = arg;
	struct devsubs *ds = fc->ds;
	const struct sensors_alert *a = fc->a;
	struct devep *e;

	if (s->device[0] == '\0' || strcmp(s->device, a->device) != 0 ||
	    s->disabled || (fc->only != 0 && s->id != fc->only))
		return 0;
	for (size_t i = 0; i < ds->nep; i++)
		if (ds->ep[i].sub_id == s->id)
			return 0;	/* told already */
	e = add_ep(ds);
	e->sub_id = s->id;
	str_copy(e->device, a->device, sizeof(e->device));
	e->region = a->region;
	e->started_at = a->since;
	snprintf(e->key, sizeof(e->key), DEVICE_KEY_PREFIX "%s/%lld/%lld",
	    a->device, (long long)s->id, (long long)a->since);
	e->sub = clone_sub(ds, s);
	if ((fc->rc = save_ep(ds, e, a->at)) != OD_OK ||
	    (fc->rc = deliver_row(ds, fc->texts, s, e, a, 1,
	    fc->notices)) != OD_OK)
		return 1;
	return 0;
}

enum od_err
devsubs_alert(struct devsubs *ds, const struct router *rt,
    const struct notify_texts *texts, const struct sensors_alert *a,
    int64_t sub_id, uint64_t *notices)
{
	struct fire_ctx fc = { ds, texts, a, sub_id, notices, OD_OK };
	enum od_err rc;

	if (a->firing) {
		router_foreach(rt, fire_one, &fc);
		return fc.rc;
	}
	for (size_t i = ds->nep; i-- > 0;) {
		struct devep *e = &ds->ep[i];
		const struct subscription *s;

		if (strcmp(e->device, a->device) != 0)
			continue;
		if ((rc = store_episode_delete(ds->store, e->sub_id,
		    e->region->id, "power")) != OD_OK)
			return rc;
		/* the live version if it is still there, else as it was */
		if ((s = router_get(rt, e->sub_id)) == NULL ||
		    strcmp(s->device, e->device) != 0)
			s = e->sub;
		if (!s->disabled && s->send_resolved && (rc = deliver_row(ds,
		    texts, s, e, a, 0, notices)) != OD_OK)
			return rc;
		subscription_free(e->sub);
		ds->ep[i] = ds->ep[--ds->nep];
	}
	return OD_OK;
}

enum od_err
devsubs_forget(struct devsubs *ds, const char *device)
{
	enum od_err rc;

	for (size_t i = ds->nep; i-- > 0;) {
		struct devep *e = &ds->ep[i];

		if (strcmp(e->device, device) != 0)
			continue;
		if ((rc = store_episode_delete(ds->store, e->sub_id,
		    e->region->id, "power")) != OD_OK)
			return rc;
		log_info("dispatch: device %s removed: subscription %lld's "
		    "episode closed without a notice", device,
		    (long long)e->sub_id);
		subscription_free(e->sub);
		ds->ep[i] = ds->ep[--ds->nep];
	}
	return OD_OK;
}
