/* SPDX-License-Identifier: MIT */
/*
 * test_sensors.c - the sensing devices' state machine and the regions'
 * quorum (sensors.c), with the real gazetteer and a real SQLite store,
 * time given by hand: grace, the Will, quorum count and percent, the
 * window, damping, the broker connection down, the sensed share of
 * households, and no double counting with a report.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "region.h"
#include "agg.h"
#include "conf.h"
#include "notify.h"
#include "sensors.h"
#include "store.h"
#include "subscription.h"
#include "t.h"
#include "t_store.h"

#define S	1000	/* ms */
#define T0	((int64_t)1700000000000)

static struct gazetteer *gaz;

struct fx {
	struct conf	*c;
	struct store	*st;
	struct agg	*agg;
	struct sensors	*s;
	int		 firing, resolved;
	int64_t		 last_duration_s;
	char		 last_device[SENSOR_ID_MAX];
	char		 last_cause[32];
};

static void
on_alert(void *arg, const struct sensors_alert *a, const char *payload)
{
	struct fx *f = arg;
	json_t *j = json_loads(payload, 0, NULL);

	if (a->firing)
		f->firing++;
	else
		f->resolved++;
	snprintf(f->last_device, sizeof(f->last_device), "%s", a->device);
	snprintf(f->last_cause, sizeof(f->last_cause), "%s", a->cause);
	f->last_duration_s = json_integer_value(json_object_get(j,
	    "duration_s"));
	json_decref(j);
}

static void
setup(struct fx *f, int64_t quorum_count, double quorum_percent)
{
	struct sensors_hooks h = { f, on_alert };
	struct agg_params ap;
	char err[256];

	memset(f, 0, sizeof(*f));
	f->c = conf_defaults();
	f->c->sensors.grace = 60;
	f->c->sensors.quorum_count = quorum_count;
	f->c->sensors.quorum_percent = quorum_percent;
	f->c->sensors.window = 300;
	f->c->sensors.flap_count = 6;
	f->c->sensors.flap_window = 600;
	f->c->sensors.priority = -5;
	f->c->ttl = 0;
	f->st = fresh();
	ap.ttl_ms = 0;
	ap.thr = f->c->thr;
	f->agg = agg_new(gaz, &ap);
	f->s = sensors_new(f->c, gaz, &h);
	store_begin(f->st);
	CHECK_INT(sensors_load(f->s, f->st, T0, err, sizeof(err)), OD_OK);
}

static void
teardown(struct fx *f)
{
	store_commit(f->st);
	sensors_free(f->s);
	agg_free(f->agg);
	store_close(f->st);
	conf_free(f->c);
}

static void
add(struct fx *f, const char *id, const char *region, int64_t now)
{
	char err[256];

	CHECK_INT(sensors_add(f->s, f->st, id, gaz_by_id(gaz, region), NULL,
	    NULL, now, err, sizeof(err)), OD_OK);
}

/* n devices "<prefix>00".. in region, each lit by "online" at now. */
static void
fleet(struct fx *f, const char *prefix, const char *region, int n,
    int64_t now)
{
	char id[SENSOR_ID_MAX];

	for (int i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "%s%02d", prefix, i);
		add(f, id, region, now);
		CHECK_INT(sensors_message(f->s, f->st, id, "online", 6, now),
		    OD_OK);
	}
}

static void
msg(struct fx *f, const char *id, const char *payload, int64_t now)
{
	CHECK_INT(sensors_message(f->s, f->st, id, payload, strlen(payload),
	    now), OD_OK);
}

static void
no_change(void *arg, const struct region *r, enum utility u,
    const struct figure *o, const struct figure *n)
{
	(void)arg; (void)r; (void)u; (void)o; (void)n;
}

static void
tick(struct fx *f, int connected, int64_t now)
{
	CHECK_INT(sensors_tick(f->s, f->st, f->agg, connected, now), OD_OK);
	agg_recompute(f->agg, now, no_change, NULL);
}

static const char *
state_of(struct fx *f, const char *id)
{
	static char buf[16];
	json_t *j = sensors_device_json(f->s, id);

	snprintf(buf, sizeof(buf), "%s", j ? json_string_value(
	    json_object_get(j, "state")) : "none");
	json_decref(j);
	return buf;
}

static int
damped(struct fx *f, const char *id)
{
	json_t *j = sensors_device_json(f->s, id);
	int d = json_is_true(json_object_get(j, "damped"));

	json_decref(j);
	return d;
}

/* "dark/total outage" of a region, from sensors_regions_json. */
static const char *
region_of(struct fx *f, const char *region)
{
	static char buf[64];
	json_t *j = sensors_regions_json(f->s), *r = json_object_get(j,
	    region);

	snprintf(buf, sizeof(buf), "%lld/%lld %s",
	    (long long)json_integer_value(json_object_get(r, "dark")),
	    (long long)json_integer_value(json_object_get(r, "total")),
	    json_is_true(json_object_get(r, "outage")) ? "outage" : "-");
	json_decref(j);
	return buf;
}

static const struct figure *
power(struct fx *f, const char *region)
{
	return agg_figure(f->agg, gaz_by_id(gaz, region), UTIL_POWER);
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_grace_expiry(void)
{
	struct fx f;

	setup(&f, 3, 50);
	fleet(&f, "g", "UA-12", 1, T0);
	tick(&f, 1, T0);
	CHECK_STR(state_of(&f, "g00"), "lit");
	CHECK(sensors_next_expiry(f.s) <= T0 + 60 * S);
	tick(&f, 1, T0 + 59 * S);
	CHECK_STR(state_of(&f, "g00"), "lit");
	msg(&f, "g00", "hb", T0 + 59 * S);	/* a heartbeat: grace again */
	tick(&f, 1, T0 + 100 * S);
	CHECK_STR(state_of(&f, "g00"), "lit");
	tick(&f, 1, T0 + 119 * S);
	CHECK_STR(state_of(&f, "g00"), "dark");
	CHECK_INT(f.firing, 0);			/* settles first */
	tick(&f, 1, T0 + 121 * S);
	CHECK_INT(f.firing, 1);
	CHECK_STR(f.last_device, "g00");
	msg(&f, "g00", "online", T0 + 181 * S);
	CHECK_STR(state_of(&f, "g00"), "lit");
	CHECK_INT(f.resolved, 1);
	CHECK_INT(f.last_duration_s, 62);	/* dark at 119 s, lit at 181 s */
	CHECK_INT(sensors_counters(f.s)->transitions, 3);
	teardown(&f);
}

static void
test_will_dark_at_once(void)
{
	struct fx f;

	setup(&f, 3, 50);
	fleet(&f, "w", "UA-12", 2, T0);
	tick(&f, 1, T0);
	msg(&f, "w00", "offline", T0 + 5 * S);
	CHECK_STR(state_of(&f, "w00"), "dark");	/* before any tick */
	CHECK_STR(state_of(&f, "w01"), "lit");
	tick(&f, 1, T0 + 7 * S);
	CHECK_INT(f.firing, 1);
	CHECK_STR(f.last_cause, "offline");
	/* a second Will changes nothing */
	msg(&f, "w00", "offline", T0 + 8 * S);
	tick(&f, 1, T0 + 10 * S);
	CHECK_INT(f.firing, 1);
	CHECK_INT(sensors_counters(f.s)->transitions, 3);
	/* unregistered and invalid ids are refused and counted */
	CHECK_INT(sensors_message(f.s, f.st, "nobody", "hb", 2, T0), OD_ENOENT);
	CHECK_INT(sensors_message(f.s, f.st, "bad id", "hb", 2, T0),
	    OD_EINVAL);
	CHECK_INT(sensors_counters(f.s)->unknown, 1);
	CHECK_INT(sensors_counters(f.s)->invalid, 1);
	teardown(&f);
}

static void
test_quorum_count(void)
{
	struct fx f;

	setup(&f, 3, 10);		/* 3 devices, 10 % of 10 = 1 */
	fleet(&f, "q", "UA-12", 10, T0);
	tick(&f, 1, T0);
	msg(&f, "q00", "offline", T0 + S);
	msg(&f, "q01", "offline", T0 + S);
	tick(&f, 1, T0 + 4 * S);
	CHECK_STR(region_of(&f, "UA-12"), "2/10 -");
	CHECK_INT(power(&f, "UA-12")->status, FS_RESTORED);
	msg(&f, "q02", "offline", T0 + 5 * S);
	tick(&f, 1, T0 + 8 * S);
	CHECK_STR(region_of(&f, "UA-12"), "3/10 outage");
	CHECK_INT(power(&f, "UA-12")->status, FS_OUTAGE);
	/* one back: below the quorum again */
	msg(&f, "q02", "online", T0 + 9 * S);
	tick(&f, 1, T0 + 10 * S);
	CHECK_STR(region_of(&f, "UA-12"), "2/10 -");
	CHECK_INT(power(&f, "UA-12")->status, FS_RESTORED);
	teardown(&f);
}

static void
test_quorum_percent(void)
{
	struct fx f;
	char id[8];

	setup(&f, 1, 50);		/* 1 device, but half of them */
	fleet(&f, "p", "UA-12", 10, T0);
	tick(&f, 1, T0);
	for (int i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "p%02d", i);
		msg(&f, id, "offline", T0 + S);
	}
	tick(&f, 1, T0 + 4 * S);
	CHECK_STR(region_of(&f, "UA-12"), "4/10 -");
	msg(&f, "p04", "offline", T0 + 5 * S);
	tick(&f, 1, T0 + 8 * S);
	CHECK_STR(region_of(&f, "UA-12"), "5/10 outage");
	teardown(&f);
}

static void
test_window(void)
{
	struct fx f;

	setup(&f, 3, 0);
	f.c->sensors.window = 60;
	fleet(&f, "n", "UA-12", 10, T0);
	tick(&f, 1, T0);
	/* three dark, but 100 s apart: no three within a minute */
	msg(&f, "n00", "offline", T0 + 10 * S);
	msg(&f, "n01", "offline", T0 + 110 * S);
	msg(&f, "n02", "offline", T0 + 210 * S);
	/* keep the others heard */
	for (int k = 1; k <= 4; k++)
		for (int i = 3; i < 10; i++) {
			char id[8];

			snprintf(id, sizeof(id), "n%02d", i);
			msg(&f, id, "hb", T0 + k * 50 * S);
		}
	tick(&f, 1, T0 + 215 * S);
	CHECK_STR(region_of(&f, "UA-12"), "3/10 -");
	/* two more within the minute of n02: n02, n03, n04 */
	msg(&f, "n03", "offline", T0 + 230 * S);
	msg(&f, "n04", "offline", T0 + 250 * S);
	tick(&f, 1, T0 + 255 * S);
	CHECK_STR(region_of(&f, "UA-12"), "5/10 outage");
	teardown(&f);
}

static void
test_damping(void)
{
	struct fx f;
	int64_t t = T0;

	setup(&f, 1, 0);
	f.c->sensors.flap_count = 3;
	f.c->sensors.flap_window = 600;
	fleet(&f, "f", "UA-12", 3, t);
	tick(&f, 1, t);
	/* dark, lit, dark, lit: the fourth transition damps it */
	for (int i = 0; i < 2; i++) {
		msg(&f, "f01", "hb", t);
		msg(&f, "f02", "hb", t);
		msg(&f, "f00", "offline", t += 10 * S);
		tick(&f, 1, t += 3 * S);
		msg(&f, "f00", "online", t += 10 * S);
		tick(&f, 1, t += S);
	}
	CHECK(damped(&f, "f00"));
	CHECK_INT(f.firing, 2);
	CHECK_INT(f.resolved, 2);
	/* damped: dark again raises no alert and is not counted */
	msg(&f, "f01", "hb", t);
	msg(&f, "f02", "hb", t);
	msg(&f, "f00", "offline", t += 10 * S);
	tick(&f, 1, t += 3 * S);
	CHECK_INT(f.firing, 2);
	CHECK_STR(region_of(&f, "UA-12"), "0/2 -");
	CHECK_INT(power(&f, "UA-12")->status, FS_RESTORED);
	/* stable for flap_window: counted again */
	for (int k = 1; k <= 10; k++) {
		msg(&f, "f01", "hb", t + k * 55 * S);
		msg(&f, "f02", "hb", t + k * 55 * S);
	}
	tick(&f, 1, t + 601 * S);
	CHECK(!damped(&f, "f00"));
	CHECK_STR(region_of(&f, "UA-12"), "1/3 outage");
	teardown(&f);
}

static void
test_connection_down(void)
{
	struct fx f;
	char id[8];

	setup(&f, 3, 50);
	fleet(&f, "c", "UA-12", 4, T0);
	tick(&f, 1, T0);
	/* every Will just before our own connection drops */
	for (int i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "c%02d", i);
		msg(&f, id, "offline", T0 + 10 * S);
	}
	tick(&f, 0, T0 + 10 * S + 500);
	/* down for longer than grace: silence proves nothing */
	tick(&f, 0, T0 + 200 * S);
	CHECK_INT(f.firing, 0);
	/* dark by their Wills, but not counted for the region's quorum */
	CHECK_STR(region_of(&f, "UA-12"), "4/4 -");
	CHECK_INT(power(&f, "UA-12")->status, FS_RESTORED);
	/* back: the devices reconnect and say so */
	tick(&f, 1, T0 + 201 * S);
	for (int i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "c%02d", i);
		msg(&f, id, "online", T0 + 202 * S);
	}
	tick(&f, 1, T0 + 203 * S);
	CHECK_INT(f.firing, 0);
	CHECK_INT(f.resolved, 0);
	CHECK_STR(region_of(&f, "UA-12"), "0/4 -");

	/* lit devices, connection down past grace: still lit after it */
	tick(&f, 0, T0 + 210 * S);
	tick(&f, 0, T0 + 400 * S);
	tick(&f, 1, T0 + 401 * S);
	CHECK_STR(state_of(&f, "c00"), "lit");
	tick(&f, 1, T0 + 460 * S);		/* grace starts at 401 s */
	CHECK_STR(state_of(&f, "c00"), "lit");
	tick(&f, 1, T0 + 462 * S);
	CHECK_STR(state_of(&f, "c00"), "dark");
	teardown(&f);
}

static void
test_sensed_share(void)
{
	struct fx f;
	const struct region *r = gaz_by_id(gaz, "UA-12");
	const struct figure *fig;
	char id[8];

	CHECK(r != NULL && r->denominator > 0);
	setup(&f, 3, 50);
	fleet(&f, "s", "UA-12", 10, T0);
	tick(&f, 1, T0);
	for (int i = 0; i < 6; i++) {
		snprintf(id, sizeof(id), "s%02d", i);
		msg(&f, id, "offline", T0 + S);
	}
	tick(&f, 1, T0 + 4 * S);
	fig = power(&f, "UA-12");
	CHECK_INT(fig->status, FS_OUTAGE);
	CHECK_INT(fig->affected, (r->denominator * 6 + 5) / 10);
	CHECK(fig->approximate);
	CHECK_STR(fig->unit, "households");
	CHECK_NEAR(fig->percent, 60.0, 0.1);
	teardown(&f);
}

static void
test_no_double_count(void)
{
	struct fx f;
	const struct region *r = gaz_by_id(gaz, "UA-12");
	struct claim cl;
	char id[8];

	setup(&f, 3, 50);
	fleet(&f, "d", "UA-12", 10, T0);
	tick(&f, 1, T0);
	for (int i = 0; i < 6; i++) {
		snprintf(id, sizeof(id), "d%02d", i);
		msg(&f, id, "offline", T0 + S);
	}
	tick(&f, 1, T0 + 4 * S);
	/* a direct report of the same households */
	memset(&cl, 0, sizeof(cl));
	snprintf(cl.source, sizeof(cl.source), "dtek");
	cl.status = RS_OUTAGE;
	cl.affected = 500000;
	snprintf(cl.unit, sizeof(cl.unit), "households");
	cl.priority = 0;
	cl.observed_at = T0 + 5 * S;
	agg_apply(f.agg, r, UTIL_POWER, &cl);
	agg_recompute(f.agg, T0 + 5 * S, no_change, NULL);
	CHECK_INT(power(&f, "UA-12")->affected, 500000);	/* not a sum */
	CHECK_INT(power(&f, "UA-12")->status, FS_OUTAGE);
	/* the report's restoration stands over the sensed outage */
	cl.status = RS_RESTORED;
	cl.affected = 0;
	cl.observed_at = T0 + 6 * S;
	agg_apply(f.agg, r, UTIL_POWER, &cl);
	tick(&f, 1, T0 + 7 * S);
	CHECK_INT(power(&f, "UA-12")->status, FS_RESTORED);
	CHECK_STR(region_of(&f, "UA-12"), "6/10 outage");
	/* both claims are kept side by side */
	{
		size_t n = 0;
		const struct claim *cs = agg_claims(f.agg, r, UTIL_POWER, &n);
		int sensors = 0;

		for (size_t i = 0; i < n; i++)
			if (strcmp(cs[i].source, SENSORS_SOURCE) == 0 &&
			    cs[i].sensed_dark == 6 && cs[i].sensed_total == 10)
				sensors = 1;
		CHECK_INT(n, 2);
		CHECK(sensors);
	}
	teardown(&f);
}

static void
test_transitions_stored(void)
{
	struct fx f;
	char err[256];

	setup(&f, 3, 50);
	fleet(&f, "x", "UA-63", 2, T0);
	msg(&f, "x00", "offline", T0 + S);
	tick(&f, 1, T0 + 4 * S);
	CHECK_INT(f.firing, 1);
	store_commit(f.st);
	/* a restart: the state and the alert come back from the store */
	sensors_free(f.s);
	f.st = reopen(f.st);
	{
		struct sensors_hooks h = { &f, on_alert };

		f.s = sensors_new(f.c, gaz, &h);
	}
	store_begin(f.st);
	CHECK_INT(sensors_load(f.s, f.st, T0 + 10 * S, err, sizeof(err)),
	    OD_OK);
	CHECK_STR(state_of(&f, "x00"), "dark");
	CHECK_STR(state_of(&f, "x01"), "lit");
	msg(&f, "x00", "online", T0 + 20 * S);
	CHECK_INT(f.resolved, 1);
	CHECK_INT(f.last_duration_s, 19);
	teardown(&f);
}

/* ---- a subscription naming a device, and its texts -------------------- */

static struct subscription *
sub_of(const char *text, char *err, size_t errlen)
{
	json_t *j = json_loads(text, 0, NULL);
	struct subscription *s;

	CHECK(j != NULL);
	s = subscription_from_json(j, gaz, err, errlen);
	json_decref(j);
	return s;
}

static void
test_device_subscription(void)
{
	struct subscription *s, *b;
	char err[256];
	json_t *j;

	s = sub_of("{\"device\": \"home-1\", \"lang\": \"uk\", \"channel\": "
	    "{\"type\": \"mqtt\", \"topic\": \"home\"}}", err, sizeof(err));
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_STR(s->device, "home-1");
	CHECK_INT(s->nregions, 0);
	CHECK(!subscription_covers(s, gaz_by_id(gaz, "UA-12")));
	j = subscription_to_json(s, 1);
	CHECK_STR(json_string_value(json_object_get(j, "device")), "home-1");
	CHECK(json_object_get(j, "regions") == NULL);
	json_object_del(j, "id");
	b = subscription_from_json(j, gaz, err, sizeof(err));	/* round trip */
	CHECK(b != NULL && strcmp(b->device, "home-1") == 0);
	subscription_free(b);
	json_decref(j);
	subscription_free(s);

	/* a regional one says "device": null, and reads back */
	s = sub_of("{\"regions\": [\"UA-12\"], \"channel\": {\"type\": "
	    "\"mqtt\", \"topic\": \"x\"}}", err, sizeof(err));
	CHECK(s != NULL);
	if (s != NULL) {
		j = subscription_to_json(s, 1);
		CHECK(json_is_null(json_object_get(j, "device")));
		json_object_del(j, "id");
		b = subscription_from_json(j, gaz, err, sizeof(err));
		CHECK(b != NULL && b->nregions == 1 && b->device[0] == '\0');
		subscription_free(b);
		json_decref(j);
		subscription_free(s);
	}

	CHECK(sub_of("{\"device\": \"home-1\", \"regions\": [\"UA-12\"], "
	    "\"channel\": {\"type\": \"mqtt\", \"topic\": \"x\"}}", err,
	    sizeof(err)) == NULL);
	CHECK(strstr(err, "not both") != NULL);
	CHECK(sub_of("{\"device\": \"a/b\", \"channel\": {\"type\": "
	    "\"mqtt\", \"topic\": \"x\"}}", err, sizeof(err)) == NULL);
	CHECK(strstr(err, "device: must be a device id") != NULL);
	CHECK(sub_of("{\"device\": \"\", \"channel\": {\"type\": "
	    "\"mqtt\", \"topic\": \"x\"}}", err, sizeof(err)) == NULL);
	CHECK(sub_of("{\"channel\": {\"type\": \"mqtt\", \"topic\": "
	    "\"x\"}}", err, sizeof(err)) == NULL);
	CHECK(strstr(err, "regions: missing") != NULL);
}

static void
test_device_texts(void)
{
	struct notify_texts *t;
	struct notify_msg m;
	char err[256], *text, *title = NULL;

	t = notify_load("config/templates", err, sizeof(err));
	CHECK(t != NULL);
	if (t == NULL) {
		fprintf(stderr, "%s\n", err);
		return;
	}
	memset(&m, 0, sizeof(m));
	m.event = ROUTE_FIRING;
	m.region = gaz_by_id(gaz, "UA-63");
	m.gaz = gaz;
	m.utility = UTIL_POWER;
	m.severity = SEV_MAJOR;
	m.affected = -1;
	m.percent = -1;
	m.started_at = T0;
	m.at = T0;
	m.device = "my flat";
	text = notify_render(t, "en", &m, &title);
	CHECK_STR(text, "\xf0\x9f\x94\x8c my flat: no power (Kharkiv oblast)");
	CHECK_STR(title, "Power off: my flat");
	free(text);
	free(title);
	m.event = ROUTE_RESOLVED;
	m.severity = SEV_NONE;
	m.at = T0 + (2 * 60 + 15) * 60 * S;
	text = notify_render(t, "en", &m, &title);
	CHECK_STR(text, "\xe2\x9c\x85 my flat: power is back after 2 h 15 min");
	CHECK_STR(title, "Power back: my flat");
	free(text);
	free(title);
	text = notify_render(t, "uk", &m, &title);
	CHECK(text != NULL && strstr(text, "my flat: світло повернулося через "
	    "2 год 15 хв") != NULL);
	CHECK_STR(title, "Світло є: my flat");
	free(text);
	free(title);
	/* a region's notice is unchanged by the device texts */
	m.device = NULL;
	text = notify_render(t, "en", &m, NULL);
	CHECK(text != NULL && strstr(text, "Kharkiv oblast: power restored") !=
	    NULL);
	free(text);
	notify_free(t);
}

int
main(void)
{
	int status;

	if ((gaz = t_gazetteer()) == NULL)
		return 1;
	if (t_tmp_begin("test_sensors") < 0)
		return 1;
	RUN(test_grace_expiry);
	RUN(test_will_dark_at_once);
	RUN(test_quorum_count);
	RUN(test_quorum_percent);
	RUN(test_window);
	RUN(test_damping);
	RUN(test_connection_down);
	RUN(test_sensed_share);
	RUN(test_no_double_count);
	RUN(test_transitions_stored);
	RUN(test_device_subscription);
	RUN(test_device_texts);
	status = T_DONE();
	t_tmp_end();
	gaz_free(gaz);
	return status;
}
