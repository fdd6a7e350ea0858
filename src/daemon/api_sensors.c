/* SPDX-License-Identifier: MIT */
/*
 * api_sensors.c - the sensing devices' routes (sensors.h):
 *   GET    /api/v1/devices[?region=]   the devices and, per region and
 *                                      group, how many are dark of total
 *   POST   /api/v1/devices             {"id", "region", "group", "label"}
 *   GET    /api/v1/devices/{id}
 *   DELETE /api/v1/devices/{id}        (a configured one: 409)
 * Writes are staged in the pass's transaction and committed before the
 * answer, as for subscriptions.
 */
#include <string.h>

#include <jansson.h>

#include "api_int.h"
#include "daemon.h"
#include "dispatch.h"
#include "http.h"
#include "log.h"
#include "pipeline.h"
#include "region.h"
#include "sensors.h"
#include "util.h"

void
route_devices_list(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const char *rn = http_query(ra->req, "region");
	const struct region *r = NULL;
	struct sensors *s = pipeline_sensors(d->pipeline);

	if (rn != NULL && (r = find_region(d, rn, rs)) == NULL)
		return;
	set_json(rs, 200, json_pack("{s:o,s:o}", "devices",
	    sensors_devices_json(s, r), "regions", sensors_regions_json(s)));
}

void
route_device_get(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	json_t *j = sensors_device_json(pipeline_sensors(d->pipeline),
	    ra->param);

	if (j == NULL)
		set_error(rs, 404, "not_found", "no device %s",
		    sensors_valid_id(ra->param) ? ra->param : "by that id");
	else
		set_json(rs, 200, j);
}

void
route_devices_post(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const char *id, *rn, *group, *label, *key;
	const struct region *r;
	json_error_t jerr;
	json_t *j = NULL, *v;
	char err[512];
	enum od_err rc;

	if (ra->req->body == NULL || ra->req->bodylen == 0 ||
	    (j = json_loadb(ra->req->body, ra->req->bodylen,
	    JSON_REJECT_DUPLICATES, &jerr)) == NULL || !json_is_object(j)) {
		json_decref(j);
		set_error(rs, 400, "invalid_json", "the body must be {\"id\", "
		    "\"region\", \"group\", \"label\"}");
		return;
	}
	json_object_foreach(j, key, v) {
		if (strcmp(key, "id") != 0 && strcmp(key, "region") != 0 &&
		    strcmp(key, "group") != 0 && strcmp(key, "label") != 0) {
			set_error(rs, 400, "invalid_device", "unknown field "
			    "\"%.64s\"", key);
			goto out;
		}
		if (!json_is_string(v) && !(json_is_null(v) &&
		    (strcmp(key, "group") == 0 || strcmp(key, "label") == 0))) {
			set_error(rs, 400, "invalid_device", "\"%s\" must be a "
			    "string", key);
			goto out;
		}
	}
	id = json_string_value(json_object_get(j, "id"));
	rn = json_string_value(json_object_get(j, "region"));
	group = json_string_value(json_object_get(j, "group"));
	label = json_string_value(json_object_get(j, "label"));
	if (id == NULL || rn == NULL) {
		set_error(rs, 400, "invalid_device", "\"id\" and \"region\" are "
		    "required");
		goto out;
	}
	if ((r = find_region(d, rn, rs)) == NULL) {
		rs->status = 400;
		goto out;
	}
	if (api_txn(d, rs) == NULL)
		goto out;
	rc = sensors_add(pipeline_sensors(d->pipeline), pipeline_txn(
	    d->pipeline), id, r, group, label, now_wall_ms(), err,
	    sizeof(err));
	if (rc == OD_EINVAL) {
		set_error(rs, strstr(err, "configuration") ? 409 : 400,
		    "invalid_device", "%s", err);
		goto out;
	}
	if (rc != OD_OK)
		pipeline_fail(d->pipeline);
	if (api_commit(d, rs) == 0) {
		log_info("api: device %s in %s", id, r->id);
		set_json(rs, 201, sensors_device_json(pipeline_sensors(
		    d->pipeline), id));
	}
out:
	json_decref(j);
}

void
route_device_delete(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	enum od_err rc;

	if (!sensors_valid_id(ra->param)) {
		set_error(rs, 404, "not_found", "no such device");
		return;
	}
	if (api_txn(d, rs) == NULL)
		return;
	rc = sensors_remove(pipeline_sensors(d->pipeline),
	    pipeline_txn(d->pipeline), ra->param);
	if (rc == OD_ENOENT) {
		set_error(rs, 404, "not_found", "no device %s", ra->param);
		return;
	}
	if (rc == OD_EINVAL) {
		set_error(rs, 409, "conflict", "device %s is in the "
		    "configuration file; remove it there", ra->param);
		return;
	}
	if (rc == OD_OK)
		rc = dispatch_device_removed(pipeline_dispatch(d->pipeline),
		    ra->param);
	if (rc != OD_OK)
		pipeline_fail(d->pipeline);
	if (api_commit(d, rs) == 0) {
		log_info("api: device %s removed", ra->param);
		set_json(rs, 200, json_pack("{s:s}", "deleted", ra->param));
	}
}
