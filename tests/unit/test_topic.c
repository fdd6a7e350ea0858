/* SPDX-License-Identifier: MIT */
/*
 * test_topic.c - every topic built and parsed in one place; the alert
 * topic follows the region tree so that a wildcard on a region matches
 * its sub-regions.
 */
#include <string.h>

#include "region.h"
#include "topic.h"
#include "util.h"

#include "t.h"

static struct gazetteer *gaz;

static void
test_build(void)
{
	char t[TOPIC_MAX];

	CHECK_INT(topic_build(t, sizeof(t), "outages", TOPIC_STATUS, "UA-12"),
	    strlen("outages/status/UA-12"));
	CHECK_STR(t, "outages/status/UA-12");
	topic_build(t, sizeof(t), "outages", TOPIC_REJECTED, "dtek");
	CHECK_STR(t, "outages/rejected/dtek");
	topic_build(t, sizeof(t), "x/y", TOPIC_NEWS, NULL);
	CHECK_STR(t, "x/y/news");
	topic_filter(t, sizeof(t), "outages", TOPIC_REPORTS);
	CHECK_STR(t, "outages/reports/+");
	/* too long for the buffer: 0 and "" */
	CHECK_INT(topic_build(t, 12, "outages", TOPIC_STATUS, "UA-12"), 0);
	CHECK_STR(t, "");
}

static void
test_alert_follows_the_tree(void)
{
	char t[TOPIC_MAX];

	topic_alert(t, sizeof(t), "outages", gaz_by_id(gaz, "UA"),
	    UTIL_POWER);
	CHECK_STR(t, "outages/alerts/power/UA");
	topic_alert(t, sizeof(t), "outages", gaz_by_id(gaz, "UA-12"),
	    UTIL_POWER);
	CHECK_STR(t, "outages/alerts/power/UA/UA-12");
	CHECK(gaz_by_id(gaz, "UA-12:dnipro") != NULL);
	topic_alert(t, sizeof(t), "outages", gaz_by_id(gaz, "UA-12:dnipro"),
	    UTIL_HEAT);
	/* a subscriber to outages/alerts/heat/UA/UA-12/# gets the city too */
	CHECK_STR(t, "outages/alerts/heat/UA/UA-12/UA-12:dnipro");
	CHECK_INT(topic_alert(t, 20, "outages", gaz_by_id(gaz, "UA-12"),
	    UTIL_POWER), 0);
}

static void
test_parse(void)
{
	const char *arg;

	CHECK_INT(topic_parse("outages", "outages/reports/dtek", &arg),
	    TOPIC_REPORTS);
	CHECK_STR(arg, "dtek");
	CHECK_INT(topic_parse("outages", "outages/news", &arg), TOPIC_NEWS);
	CHECK_STR(arg, "");
	CHECK_INT(topic_parse("outages", "outages/newsx", &arg),
	    TOPIC_UNKNOWN);
	CHECK_INT(topic_parse("outages", "outagesx/reports/a", &arg),
	    TOPIC_UNKNOWN);
	CHECK_INT(topic_parse("outages", "other/reports/a", &arg),
	    TOPIC_UNKNOWN);
	/* an empty source level parses; the pipeline refuses it as a name */
	CHECK_INT(topic_parse("outages", "outages/reports/", &arg),
	    TOPIC_REPORTS);
	CHECK_STR(arg, "");
}

int
main(void)
{
	int status;

	if ((gaz = t_gazetteer()) == NULL)
		return 1;
	RUN(test_build);
	RUN(test_alert_follows_the_tree);
	RUN(test_parse);
	status = T_DONE();
	gaz_free(gaz);
	return status;
}
