/* SPDX-License-Identifier: MIT */
/*
 * homeassistant.h - Home Assistant MQTT discovery: for each region of
 * homeassistant.regions, retained sensor configs under
 * <homeassistant.prefix>/sensor/outaged_<region>_<utility>_<field>/config
 * (affected, percent, severity of each of homeassistant.utilities), one
 * device per region, reading the retained <prefix>/status/<region>, and
 * available while outaged's Last Will topic says "online".  Announced on
 * every connect and again when Home Assistant's birth message ("online" on
 * <homeassistant.prefix>/status) arrives.
 */
#ifndef HOMEASSISTANT_H
#define HOMEASSISTANT_H

#include <stddef.h>

#include "outaged.h"

struct conf;
struct daemon;
struct gazetteer;

/* Every homeassistant.regions entry a known region?  OD_OK or OD_EINVAL. */
enum od_err	 ha_check_conf(const struct conf *, const struct gazetteer *,
		    char *err, size_t errlen);
/* Home Assistant's status topic into buf, or "" when discovery is off. */
void		 ha_status_topic(const struct conf *, char *buf, size_t len);
/* Publish every discovery document, and each region's status. */
void		 ha_announce(struct daemon *);
/*
 * A message on topic: when it is Home Assistant's status topic, handle it
 * ("online": announce again) and return 1; else 0.
 */
int		 ha_message(struct daemon *, const char *topic,
		    const void *payload, size_t len);

#endif /* HOMEASSISTANT_H */
