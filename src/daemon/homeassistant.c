/* SPDX-License-Identifier: MIT */
/*
 * homeassistant.c - Home Assistant MQTT discovery (homeassistant.h,
 * docs/configuration.md "homeassistant").
 *
 * Each sensor reads the retained status document of its region, the one
 * the pipeline publishes, through a value_template naming one field
 * ("{{ value_json.utilities.power.affected }}"): nothing is published for
 * Home Assistant alone except the discovery documents themselves and, so
 * that a quiet region's sensors are not "unknown" until its first report,
 * the region's status when announced.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "agg.h"
#include "conf.h"
#include "daemon.h"
#include "homeassistant.h"
#include "log.h"
#include "mqtt.h"
#include "pipeline.h"
#include "region.h"
#include "render.h"
#include "topic.h"
#include "util.h"

static const char *const util_label[UTIL_COUNT] = {
	[UTIL_POWER] = "Power", [UTIL_HEAT] = "Heat", [UTIL_WATER] = "Water",
	[UTIL_GAS] = "Gas", [UTIL_TELECOM] = "Telecom",
};
static const char *const util_icon[UTIL_COUNT] = {
	[UTIL_POWER] = "mdi:flash-off", [UTIL_HEAT] = "mdi:radiator-off",
	[UTIL_WATER] = "mdi:water-off", [UTIL_GAS] = "mdi:fire-off",
	[UTIL_TELECOM] = "mdi:signal-off",
};


enum od_err
ha_check_conf(const struct conf *c, const struct gazetteer *g, char *err,
    size_t errlen)
{
	size_t i;
	json_t *v;

	json_array_foreach(c->ha_regions, i, v) {
		const char *id = json_string_value(v);

		if (gaz_by_id(g, id) == NULL) {
			char path[64], msg[160];

			snprintf(path, sizeof(path), "homeassistant.regions[%zu]",
			    i);
			snprintf(msg, sizeof(msg), "unknown region id \"%.64s\"",
			    id);
			conf_locate(c, path, msg, err, errlen);
			return OD_EINVAL;
		}
	}
	return OD_OK;
}

void
ha_status_topic(const struct conf *c, char *buf, size_t len)
{
	buf[0] = '\0';
	if (json_array_size(c->ha_regions) > 0)
		snprintf(buf, len, "%s/status", c->ha_prefix);
}

/* A region id as a discovery object id: [A-Za-z0-9_-] only. */
static void
object_id(const char *id, char *out, size_t len)
{
	size_t i;

	for (i = 0; id[i] != '\0' && i + 1 < len; i++)
		out[i] = (id[i] >= 'a' && id[i] <= 'z') ||
		    (id[i] >= 'A' && id[i] <= 'Z') ||
		    (id[i] >= '0' && id[i] <= '9') || id[i] == '-' ?
		    id[i] : '_';
	out[i] = '\0';
}

static void
publish(struct daemon *d, const char *topic, json_t *j)
{
	char *s = json_dumps(j, OD_JSON_COMPACT);

	json_decref(j);
	if (s == NULL)
		fatalx("homeassistant: json_dumps failed");
	if (mqtt_publish(d->mqtt, topic, s, strlen(s), 1, 1, NULL) != OD_OK)
		log_warnx("homeassistant: cannot publish %s", topic);
	free(s);
}

/* One sensor's discovery document. */
static json_t *
sensor(const struct conf *c, const struct region *r, enum utility u,
    const char *field, const char *oid, const char *state_topic,
    const char *will)
{
	char uid[160], name[64], tmpl[128], ident[OD_REGION_ID_MAX + 16];
	json_t *j;

	snprintf(uid, sizeof(uid), "outaged_%s_%s_%s", oid, utility_name(u),
	    field);
	snprintf(name, sizeof(name), "%s %s", util_label[u], field);
	snprintf(tmpl, sizeof(tmpl), "{{ value_json.utilities.%s.%s }}",
	    utility_name(u), field);
	snprintf(ident, sizeof(ident), "outaged_%s", r->id);
	j = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i,"
	    "s:{s:[s],s:s,s:s,s:s,s:s},s:{s:s,s:s}}",
	    "name", name,
	    "unique_id", uid,
	    "state_topic", state_topic,
	    "value_template", tmpl,
	    "availability_topic", will,
	    "payload_available", "online",
	    "payload_not_available", "offline",
	    "icon", util_icon[u],
	    "qos", 1,
	    "device", "identifiers", ident, "name", r->name,
	    "manufacturer", "outaged", "model", r->type ? r->type : "region",
	    "sw_version", OUTAGED_VERSION,
	    "origin", "name", "outaged", "sw_version", OUTAGED_VERSION);
	if (strcmp(field, "affected") == 0) {
		json_object_set_new(j, "unit_of_measurement", json_string(
		    r->denom_unit[0] ? r->denom_unit : "households"));
		json_object_set_new(j, "state_class",
		    json_string("measurement"));
	} else if (strcmp(field, "percent") == 0) {
		json_object_set_new(j, "unit_of_measurement", json_string("%"));
		json_object_set_new(j, "state_class",
		    json_string("measurement"));
		json_object_set_new(j, "suggested_display_precision",
		    json_integer(1));
	} else {
		json_object_set_new(j, "device_class", json_string("enum"));
		json_object_set_new(j, "options", json_pack("[s,s,s,s]",
		    "none", "minor", "major", "critical"));
	}
	(void)c;
	return j;
}

void
ha_announce(struct daemon *d)
{
	static const char *const fields[] = { "affected", "percent",
	    "severity" };
	const struct conf *c = d->conf;
	char will[TOPIC_MAX], state[TOPIC_MAX], topic[TOPIC_MAX];
	size_t i, k, n = 0;
	json_t *rv, *uv;

	if (json_array_size(c->ha_regions) == 0 || d->mqtt == NULL ||
	    !mqtt_connected(d->mqtt))
		return;
	topic_build(will, sizeof(will), c->prefix, TOPIC_SERVICE,
	    c->client_id);
	json_array_foreach(c->ha_regions, i, rv) {
		const struct region *r = gaz_by_id(d->gaz,
		    json_string_value(rv));
		char oid[OD_REGION_ID_MAX];

		if (r == NULL)
			continue;	/* ha_check_conf() said so at start */
		object_id(r->id, oid, sizeof(oid));
		if (topic_build(state, sizeof(state), c->prefix, TOPIC_STATUS,
		    r->id) == 0)
			continue;
		json_array_foreach(c->ha_utilities, k, uv) {
			enum utility u;

			if (utility_from_name(json_string_value(uv), &u) != 0)
				continue;
			for (size_t f = 0; f < NELEM(fields); f++) {
				snprintf(topic, sizeof(topic),
				    "%s/sensor/outaged_%s_%s_%s/config",
				    c->ha_prefix, oid, utility_name(u),
				    fields[f]);
				publish(d, topic, sensor(c, r, u, fields[f],
				    oid, state, will));
				n++;
			}
		}
		/* the pipeline's own document, so the sensors have a value */
		publish(d, state, render_status(pipeline_agg(d->pipeline), r,
		    now_wall_ms()));
	}
	/* written after this pass's commit, with its acks (mqtt.h) */
	log_info("homeassistant: announced %zu sensors of %zu regions", n,
	    json_array_size(c->ha_regions));
}

int
ha_message(struct daemon *d, const char *topic, const void *payload,
    size_t len)
{
	char want[TOPIC_MAX];

	ha_status_topic(d->conf, want, sizeof(want));
	if (want[0] == '\0' || strcmp(topic, want) != 0)
		return 0;
	if (len == 6 && memcmp(payload, "online", 6) == 0)
		ha_announce(d);
	return 1;
}
