/* SPDX-License-Identifier: MIT */
/*
 * cmd_device.c - outagectl device: the sensing devices (GET, POST,
 * DELETE /api/v1/devices).
 *   device add ID REGION [GROUP [LABEL]]   register (token)
 *   device remove ID                       unregister (token)
 *   device list                            each device and its state
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "outaged.h"
#include "log.h"
#include "util.h"
#include "ctl.h"

static void
devices_table(const json_t *list)
{
	static const char *const head[] = { "ID", "REGION", "GROUP", "STATE",
	    "SINCE", "LABEL" };
	static const int right[] = { 0, 0, 0, 0, 0, 0 };
	struct table t = { NELEM(head), head, right, NULL, 0, 0 };
	const json_t *d;
	size_t i;

	json_array_foreach(list, i, d) {
		struct cell *c = table_row(&t);
		char buf[64];

		cell_set(&c[0], or_dash(jstr(d, "id")), NULL);
		cell_set(&c[1], or_dash(jstr(d, "region")), NULL);
		cell_set(&c[2], or_dash(jstr(d, "group")), NULL);
		cell_set(&c[3], or_dash(jstr(d, "state")), NULL);
		fmt_when(jtime(d, "since"), buf, sizeof(buf));
		cell_set(&c[4], jstr(d, "since") ? buf : "-", NULL);
		cell_set(&c[5], or_dash(jstr(d, "label")), NULL);
	}
	table_print(&t);
	table_free(&t);
}

static int
usage(void)
{
	fprintf(stderr, "usage: outagectl device add ID REGION [GROUP "
	    "[LABEL]] | device remove ID | device list\n");
	return CTL_USAGE;
}

int
cmd_device(struct backend *b, const struct opts *o, char **args, int nargs)
{
	const char *verb = args[0];
	json_t *j, *list;
	char *body;
	int rc;

	if (strcmp(verb, "add") == 0 ? nargs < 3 : strcmp(verb, "remove") ==
	    0 ? nargs != 2 : strcmp(verb, "list") == 0 ? nargs != 1 : 1)
		return usage();
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	assert(b->ops->devices != NULL);
	if (strcmp(verb, "list") == 0) {
		if (b->ops->devices(b, &j) != OD_OK)
			return backend_failed(b);
		if (o->seen & O_JSON)
			return notify_print(j, 1);
		list = answer_array(j, "devices");
		devices_table(list);
		json_decref(j);
		return CTL_OK;
	}
	if (strcmp(verb, "remove") == 0) {
		if (b->ops->device_remove(b, args[1], &j) != OD_OK)
			return backend_failed(b);
		if (!(o->seen & O_JSON))
			printf("Removed: device %s.\n", args[1]);
		return notify_print(j, (o->seen & O_JSON) != 0);
	}
	j = json_pack("{s:s,s:s,s:s?,s:s?}", "id", args[1], "region", args[2],
	    "group", nargs > 3 ? args[3] : NULL, "label", nargs > 4 ? args[4] :
	    NULL);
	body = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (body == NULL)
		fatalx("out of memory");
	if (b->ops->device_add(b, body, &j) != OD_OK) {
		free(body);
		return backend_failed(b);
	}
	free(body);
	if (!(o->seen & O_JSON))
		printf("Device %s registered in %s.\n", jstr(j, "id") ?
		    jstr(j, "id") : args[1], jstr(j, "region") ? jstr(j,
		    "region") : args[2]);
	return notify_print(j, (o->seen & O_JSON) != 0);
}
