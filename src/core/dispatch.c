/* SPDX-License-Identifier: MIT */
/*
 * dispatch.c - the router's notices written down as episodes and delivery
 * rows, and the management of subscriptions, silences and
 * acknowledgements that keeps the router and the database in step
 * (dispatch.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "agg.h"
#include "conf.h"
#include "dispatch.h"
#include "dispatch_int.h"
#include "log.h"
#include "notify.h"
#include "region.h"
#include "render.h"
#include "route.h"
#include "sensors.h"
#include "store.h"
#include "subscription.h"
#include "buf.h"
#include "util.h"
#include "webhook.h"

struct dispatch {
	const struct conf *conf;
	const struct gazetteer *gaz;
	struct store	*store;
	const struct notify_texts *texts;
	struct router	*router;
	struct devsubs	*dev;		/* device subscriptions' episodes */
	const struct sensors *sensors;	/* which devices exist (or NULL) */
	enum od_err	 emit_err;	/* the first failed write of a call */
	/* router_tick's figures come from the caller's aggregate */
	const struct figure *(*figure)(void *, const struct region *,
			    enum utility);
	void		*figure_arg;
	/* the pass's changed figures, offered parents first at the flush */
	struct changed {
		const struct region *r;
		enum utility	 u;
		struct figure	 f;
		size_t		 seq;
	}		*changed;
	size_t		 nchanged, capchanged;
	struct dispatch_counters count;
};

static const char *
channel_target(const struct channel *c)
{
	switch (c->type) {
	case CHANNEL_MQTT:	return c->topic;
	case CHANNEL_WEBHOOK:	return c->url;
	case CHANNEL_EMAIL:	return c->to;
	}
	return "";
}

/* The notice's text and title in the subscriber's language. */
static char *
notice_text(struct dispatch *d, const struct route_notice *n, char **title)
{
	const struct route_episode *ep = n->ep;
	struct notify_msg m;
	char *text;

	memset(&m, 0, sizeof(m));
	m.event = n->event;
	m.gaz = d->gaz;
	m.region = ep->region;
	m.utility = ep->utility;
	m.severity = n->fig->severity;
	m.affected = n->fig->affected;
	m.unit = n->fig->unit;
	m.percent = n->fig->percent;
	m.approximate = n->fig->approximate;
	m.started_at = ep->started_at;
	m.at = n->at;
	*title = NULL;
	if (d->texts != NULL &&
	    (text = notify_render(d->texts, n->sub->lang, &m, title)) != NULL)
		return text;
	/* no texts loaded: plain English, never nothing */
	free(*title);
	*title = xstrdup(ep->region->name);
	{
		char buf[512];

		snprintf(buf, sizeof(buf), "%s: %s %s, severity %s",
		    ep->region->name, utility_name(ep->utility),
		    route_event_name(n->event),
		    severity_name(n->fig->severity));
		return xstrdup(buf);
	}
}

static enum od_err
save_episode(struct dispatch *d, const struct route_episode *ep)
{
	struct store_episode_row row;

	if (!ep->firing)
		return store_episode_delete(d->store, ep->sub_id,
		    ep->region->id, utility_name(ep->utility));
	memset(&row, 0, sizeof(row));
	row.sub_id = ep->sub_id;
	row.region = ep->region->id;
	row.utility = utility_name(ep->utility);
	row.firing = ep->firing;
	row.notified = severity_name(ep->notified);
	row.started_at = ep->started_at;
	row.last_sent_at = ep->last_sent_at;
	row.acked_at = ep->acked_at;
	row.incident_key = ep->incident_key;
	return store_episode_put(d->store, &row);
}

/* The router decided a notice: its episode and its delivery row. */
static void
on_notice(void *arg, const struct route_notice *n)
{
	struct dispatch *d = arg;
	struct store_delivery_row row;
	char msg_id[WEBHOOK_ID_MAX], *text, *title = NULL, *payload, *spec;
	json_t *j, *sj;

	if (d->emit_err != OD_OK)
		return;
	if ((d->emit_err = save_episode(d, n->ep)) != OD_OK)
		return;
	if (n->sub->disabled)
		return;		/* its receiver is gone (410) */
	/* the router reports every resolution so the episode closes */
	if (n->event == ROUTE_RESOLVED && !n->sub->send_resolved)
		return;
	text = notice_text(d, n, &title);
	j = render_notice(n, text, title);
	payload = json_dumps(j, OD_JSON_COMPACT);
	json_decref(j);
	if (payload == NULL)
		fatalx("dispatch: json_dumps failed");
	webhook_msg_id(msg_id);	/* the webhook-id of every attempt */
	memset(&row, 0, sizeof(row));
	row.sub_id = n->sub->id;
	row.incident_key = n->ep->incident_key;
	row.event = route_event_name(n->event);
	row.region = n->ep->region->id;
	row.utility = utility_name(n->ep->utility);
	row.severity = severity_name(n->fig->severity);
	row.channel = channel_type_name(n->sub->channel.type);
	row.target = channel_target(&n->sub->channel);
	row.msg_id = msg_id;
	row.title = title;
	row.text = text;
	row.payload = payload;
	row.created_at = n->at;
	row.next_at = n->not_before > n->at ? n->not_before : n->at;
	/* the channel as it is now: a resolution reaches it even if the
	 * subscription changes or goes before it is sent */
	sj = subscription_to_json(n->sub, 1);
	spec = json_dumps(json_object_get(sj, "channel"), OD_JSON_COMPACT);
	json_decref(sj);
	if (spec == NULL)
		fatalx("dispatch: json_dumps failed");
	row.spec = spec;
	if (n->not_before > n->at)
		d->count.suppressed++;
	d->emit_err = store_delivery_add(d->store, &row, NULL);
	if (d->emit_err == OD_OK) {
		d->count.notices++;
		log_info("notify %s: subscription %lld, %s %s, %s via %s",
		    route_event_name(n->event), (long long)n->sub->id,
		    n->ep->region->id, utility_name(n->ep->utility),
		    severity_name(n->fig->severity), row.channel);
	}
	free(payload);
	free(spec);
	free(text);
	free(title);
}

enum od_err
dispatch_figure(struct dispatch *d, const struct region *r, enum utility u,
    const struct figure *f, int64_t now)
{
	struct changed *c;

	(void)now;
	ARRAY_GROW(d->changed, d->nchanged, d->capchanged, 64);
	c = &d->changed[d->nchanged];
	c->r = r;
	c->u = u;
	c->f = *f;
	c->seq = d->nchanged++;
	return OD_OK;
}

/* Shallow regions first, so that a parent fires before its children. */
static int
by_depth(const void *pa, const void *pb)
{
	const struct changed *a = pa, *b = pb;

	if (a->r->depth != b->r->depth)
		return a->r->depth < b->r->depth ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

enum od_err
dispatch_flush(struct dispatch *d, int64_t now)
{
	d->emit_err = OD_OK;
	if (d->nchanged == 0)
		return OD_OK;	/* (qsort of NULL is undefined, even for 0) */
	qsort(d->changed, d->nchanged, sizeof(*d->changed), by_depth);
	for (size_t i = 0; i < d->nchanged && d->emit_err == OD_OK; i++)
		router_figure(d->router, d->changed[i].r, d->changed[i].u,
		    &d->changed[i].f, now, on_notice, d);
	d->nchanged = 0;
	return d->emit_err;
}

static const struct figure *
figure_of(void *arg, const struct region *r, enum utility u)
{
	struct dispatch *d = arg;

	return d->figure(d->figure_arg, r, u);
}

enum od_err
dispatch_tick(struct dispatch *d, int64_t now,
    const struct figure *(*figure)(void *, const struct region *,
    enum utility), void *arg)
{
	d->emit_err = OD_OK;
	d->figure = figure;
	d->figure_arg = arg;
	router_tick(d->router, now, figure_of, on_notice, d);
	return d->emit_err;
}

int64_t
dispatch_next_timer(const struct dispatch *d)
{
	return router_next_timer(d->router);
}

void
dispatch_set_sensors(struct dispatch *d, const struct sensors *s)
{
	d->sensors = s;
}

enum od_err
dispatch_device(struct dispatch *d, const struct sensors_alert *a)
{
	return devsubs_alert(d->dev, d->router, d->texts, a, 0,
	    &d->count.notices);
}

enum od_err
dispatch_device_removed(struct dispatch *d, const char *device)
{
	return devsubs_forget(d->dev, device);
}

const struct router *
dispatch_router(const struct dispatch *d)
{
	return d->router;
}

const struct dispatch_counters *
dispatch_counters(const struct dispatch *d)
{
	return &d->count;
}

/* ---- loading ---------------------------------------------------------- */

struct load_ctx {
	struct dispatch	*d;
	char		*err;
	size_t		 errlen;
	int		 failed;
};

static int
load_sub(void *arg, const struct store_sub_row *row)
{
	struct load_ctx *lc = arg;
	struct subscription *s;
	json_t *j = json_loads(row->body, 0, NULL);
	char why[256];

	s = j ? subscription_from_json(j, lc->d->gaz, why, sizeof(why)) :
	    NULL;
	json_decref(j);
	if (s == NULL) {
		/* a region pack changed under it, say: keep the rest going */
		log_warnx("dispatch: subscription %lld can no longer be used: "
		    "%s", (long long)row->id, j ? why : "not JSON");
		return 0;
	}
	s->id = row->id;
	s->created_at = row->created_at;
	s->disabled = row->disabled_at != 0;
	if (row->owner != NULL)
		s->owner = xstrdup(row->owner);
	if (s->device[0] != '\0' && row->deleted_at != 0) {
		/* kept only for its open episode, which has its own copy */
		devsubs_stash(lc->d->dev, s);
		return 0;
	}
	router_put(lc->d->router, s);
	if (row->deleted_at != 0)	/* kept only for its open episodes */
		router_remove(lc->d->router, row->id);
	return 0;
}

static int
load_episode(void *arg, const struct store_episode_row *row)
{
	struct load_ctx *lc = arg;
	struct route_episode ep;
	const struct region *r = gaz_by_id(lc->d->gaz, row->region);
	enum utility u;

	if (devsubs_restore(lc->d->dev, lc->d->router, row))
		return 0;	/* a device's personal alert */
	if (r == NULL || utility_from_name(row->utility, &u) < 0)
		return 0;
	memset(&ep, 0, sizeof(ep));
	ep.sub_id = row->sub_id;
	ep.region = r;
	ep.utility = u;
	ep.firing = row->firing;
	severity_from_name(row->notified, &ep.notified);
	ep.started_at = row->started_at;
	ep.last_sent_at = row->last_sent_at;
	ep.acked_at = row->acked_at;
	str_copy(ep.incident_key, row->incident_key, sizeof(ep.incident_key));
	router_restore(lc->d->router, &ep);
	return 0;
}

static int
load_silence(void *arg, const struct store_silence_row *row)
{
	struct load_ctx *lc = arg;
	const struct region *r = gaz_by_id(lc->d->gaz, row->region);
	enum utility u;
	int util = -1;

	if (r == NULL)
		return 0;
	if (row->utility != NULL && utility_from_name(row->utility, &u) == 0)
		util = (int)u;
	router_silence(lc->d->router, row->id, r, util, row->ends_at);
	return 0;
}

enum od_err
dispatch_check_conf(const struct conf *c, const struct gazetteer *gaz,
    char *err, size_t errlen)
{
	size_t i;
	json_t *v;

	json_array_foreach(c->subscriptions, i, v) {
		char why[256], path[64];
		struct subscription *s = subscription_from_json(v, gaz, why,
		    sizeof(why));

		if (s == NULL) {
			snprintf(path, sizeof(path), "subscriptions[%zu]", i);
			conf_locate(c, path, why, err, errlen);
			return OD_EINVAL;
		}
		subscription_free(s);
	}
	return OD_OK;
}

struct dispatch *
dispatch_new(const struct conf *c, const struct gazetteer *gaz,
    struct store *store, const struct notify_texts *texts, char *err,
    size_t errlen)
{
	struct dispatch *d = xcalloc(1, sizeof(*d));
	struct load_ctx lc = { d, err, errlen, 0 };
	size_t i;
	json_t *v;

	d->conf = c;
	d->gaz = gaz;
	d->store = store;
	d->texts = texts;
	d->router = router_new(gaz, c->alert.min_clear_ms);
	d->dev = devsubs_new(gaz, store);
	/* the configuration's own: ids -1, -2, ... in the order written */
	json_array_foreach(c->subscriptions, i, v) {
		char why[256];
		struct subscription *s = subscription_from_json(v, gaz, why,
		    sizeof(why));

		if (s == NULL) {
			char path[64];

			snprintf(path, sizeof(path), "subscriptions[%zu]", i);
			conf_locate(c, path, why, err, errlen);
			dispatch_free(d);
			return NULL;
		}
		s->id = -(int64_t)(i + 1);
		router_put(d->router, s);
	}
	if (store_subs(store, 1, load_sub, &lc) != OD_OK ||
	    store_episodes(store, load_episode, &lc) != OD_OK ||
	    store_silences(store, now_wall_ms(), load_silence, &lc) != OD_OK) {
		snprintf(err, errlen, "cannot load subscriptions: %s",
		    store_errmsg(store));
		dispatch_free(d);
		return NULL;
	}
	devsubs_loaded(d->dev);
	return d;
}

void
dispatch_free(struct dispatch *d)
{
	if (d == NULL)
		return;
	router_free(d->router);
	devsubs_free(d->dev);
	free(d->changed);
	free(d);
}

void
dispatch_set_texts(struct dispatch *d, const struct notify_texts *texts)
{
	if (d != NULL)
		d->texts = texts;
}

void
dispatch_set_conf(struct dispatch *d, const struct conf *c)
{
	d->conf = c;
	router_set_min_clear(d->router, c->alert.min_clear_ms);
}

/* ---- management ------------------------------------------------------- */

enum od_err
dispatch_subscribe(struct dispatch *d, const json_t *j, const char *owner,
    int64_t now, int64_t *id, char *err, size_t errlen)
{
	struct subscription *s;
	json_t *stored;
	char *body;
	enum od_err rc;

	if ((s = subscription_from_json(j, d->gaz, err, errlen)) == NULL)
		return OD_EINVAL;
	if (s->device[0] != '\0' && d->sensors != NULL &&
	    !sensors_has(d->sensors, s->device)) {
		snprintf(err, errlen, "device: \"%s\" is not a registered "
		    "device (GET /api/v1/devices lists them)", s->device);
		subscription_free(s);
		return OD_EINVAL;
	}
	/* what is stored is what was understood, secret included */
	stored = subscription_to_json(s, 1);
	json_object_del(stored, "id");
	body = json_dumps(stored, OD_JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(stored);
	if (body == NULL)
		fatalx("dispatch: json_dumps failed");
	rc = store_sub_add(d->store, body, owner, now, id);
	free(body);
	if (rc == OD_OK) {
		char subject[64];

		snprintf(subject, sizeof(subject), "subscription %lld",
		    (long long)*id);
		rc = store_audit_add(d->store, now, "subscribe", subject,
		    NULL, owner);
	}
	if (rc != OD_OK) {
		subscription_free(s);
		return rc;
	}
	s->id = *id;
	s->created_at = now;
	if (owner != NULL)
		s->owner = xstrdup(owner);
	router_put(d->router, s);
	return OD_OK;
}

enum od_err
dispatch_offer(struct dispatch *d, int64_t id, int64_t now,
    const struct figure *(*figure)(void *, const struct region *,
    enum utility), void *arg)
{
	const struct subscription *s = router_get(d->router, id);
	size_t n = gaz_count(d->gaz);

	if (s == NULL)
		return OD_ENOENT;
	if (s->device[0] != '\0') {
		/* joined while the device is dark: told at once */
		struct sensors_alert a;

		if (d->sensors == NULL || !sensors_alerted(d->sensors,
		    s->device, now, &a))
			return OD_OK;
		return devsubs_alert(d->dev, d->router, d->texts, &a, id,
		    &d->count.notices);
	}
	d->emit_err = OD_OK;
	for (size_t i = 0; i < n && d->emit_err == OD_OK; i++) {
		const struct region *r = gaz_at(d->gaz, i);

		if (!subscription_covers(s, r))
			continue;
		for (int u = 0; u < UTIL_COUNT; u++) {
			const struct figure *f;

			if (!subscription_wants_utility(s, (enum utility)u))
				continue;
			f = figure(arg, r, (enum utility)u);
			if (f->severity > SEV_NONE)
				router_figure(d->router, r, (enum utility)u, f,
				    now, on_notice, d);
		}
	}
	return d->emit_err;
}

static void
subject_of(int64_t id, char *buf, size_t len)
{
	snprintf(buf, len, "subscription %lld", (long long)id);
}

enum od_err
dispatch_unsubscribe(struct dispatch *d, int64_t id, const char *owner,
    int64_t now)
{
	const struct subscription *s = router_get(d->router, id);
	char subject[64];
	enum od_err rc;

	if (s == NULL || id < 0 || (owner != NULL && (s->owner == NULL ||
	    strcmp(s->owner, owner) != 0)))
		return OD_ENOENT;
	if ((rc = store_sub_delete(d->store, id, now)) != OD_OK)
		return rc;
	subject_of(id, subject, sizeof(subject));
	if ((rc = store_audit_add(d->store, now, "unsubscribe", subject, NULL,
	    owner)) != OD_OK)
		return rc;
	router_remove(d->router, id);
	return OD_OK;
}

enum od_err
dispatch_disable(struct dispatch *d, int64_t id, int64_t now, const char *why)
{
	const struct subscription *s = router_get(d->router, id);
	char subject[64];
	enum od_err rc;

	if (s == NULL)
		return OD_ENOENT;
	subject_of(id, subject, sizeof(subject));
	if (id > 0 && ((rc = store_sub_disable(d->store, id, now)) != OD_OK ||
	    (rc = store_deliveries_cancel(d->store, id, now)) != OD_OK))
		return rc;
	if ((rc = store_audit_add(d->store, now, "disable", subject, why,
	    NULL)) != OD_OK)
		return rc;
	((struct subscription *)(uintptr_t)s)->disabled = 1;
	log_warnx("dispatch: subscription %lld disabled: %s", (long long)id,
	    why);
	return OD_OK;
}

enum od_err
dispatch_silence(struct dispatch *d, const struct region *r, int utility,
    int64_t until, const char *comment, const char *actor, int64_t now,
    int64_t *id)
{
	struct store_silence_row row;
	char detail[300];
	enum od_err rc;

	memset(&row, 0, sizeof(row));
	row.region = r->id;
	row.utility = utility >= 0 ? utility_name((enum utility)utility) :
	    NULL;
	row.starts_at = now;
	row.ends_at = until;
	row.comment = comment;
	row.created_by = actor;
	row.created_at = now;
	if ((rc = store_silence_add(d->store, &row, id)) != OD_OK)
		return rc;
	snprintf(detail, sizeof(detail), "%s %s for %lld s%s%s", r->id,
	    row.utility ? row.utility : "all utilities",
	    (long long)((until - now) / 1000), comment ? ": " : "",
	    comment ? comment : "");
	if ((rc = store_audit_add(d->store, now, "silence", r->id, detail,
	    actor)) != OD_OK)
		return rc;
	router_silence(d->router, *id, r, utility, until);
	return OD_OK;
}

enum od_err
dispatch_unsilence(struct dispatch *d, int64_t id, const char *actor,
    int64_t now)
{
	char subject[64];
	enum od_err rc;

	if ((rc = store_silence_delete(d->store, id, now)) != OD_OK)
		return rc;
	snprintf(subject, sizeof(subject), "silence %lld", (long long)id);
	if ((rc = store_audit_add(d->store, now, "unsilence", subject, NULL,
	    actor)) != OD_OK)
		return rc;
	router_unsilence(d->router, id);
	return OD_OK;
}

enum od_err
dispatch_ack(struct dispatch *d, const char *incident_key, const char *actor,
    int64_t now)
{
	const struct route_episode *ep;
	enum od_err rc;

	if ((ep = router_ack(d->router, incident_key, now)) == NULL)
		return OD_ENOENT;
	if ((rc = save_episode(d, ep)) != OD_OK)
		return rc;
	return store_audit_add(d->store, now, "ack", incident_key, NULL,
	    actor);
}
