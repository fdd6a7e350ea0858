/* SPDX-License-Identifier: MIT */
/*
 * test_alert.c - alert episodes: firing, escalation, hysteresis, minimum
 * clear time.
 */
#include <string.h>

#include "alert.h"

#include "t.h"

#define T0	INT64_C(1795687200000)	/* 2026-11-26T10:00:00Z */
#define MIN	INT64_C(60000)

static void
test_hysteresis(void)
{
	struct alert_rule rule = { SEV_MAJOR, SEV_MINOR, 0 };
	struct alert_state st;
	int64_t first_start;

	memset(&st, 0, sizeof(st));

	/* below the firing threshold: nothing */
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, T0), ALERT_NONE);
	CHECK_INT(alert_eval(&rule, &st, SEV_MINOR, T0 + 1 * MIN), ALERT_NONE);
	CHECK_INT(st.firing, 0);
	CHECK_INT(st.severity, SEV_MINOR);

	/* reaching major fires a new episode */
	CHECK_INT(alert_eval(&rule, &st, SEV_MAJOR, T0 + 2 * MIN),
	    ALERT_FIRING);
	CHECK_INT(st.firing, 1);
	CHECK_INT(st.severity, SEV_MAJOR);
	CHECK_INT(st.notified, SEV_MAJOR);
	CHECK_INT(st.started_at, T0 + 2 * MIN);
	CHECK_INT(st.updated_at, T0 + 2 * MIN);
	CHECK_INT(st.clear_since, 0);
	first_start = st.started_at;
	st.id = 41;			/* as if the store saved it */

	/* the same severity again: nothing new */
	CHECK_INT(alert_eval(&rule, &st, SEV_MAJOR, T0 + 3 * MIN), ALERT_NONE);

	/* escalation to critical is announced */
	CHECK_INT(alert_eval(&rule, &st, SEV_CRITICAL, T0 + 4 * MIN),
	    ALERT_UPDATED);
	CHECK_INT(st.notified, SEV_CRITICAL);
	CHECK_INT(st.updated_at, T0 + 4 * MIN);
	CHECK_INT(st.started_at, first_start);
	CHECK_INT(st.id, 41);

	/* back to major: still firing, nothing to announce */
	CHECK_INT(alert_eval(&rule, &st, SEV_MAJOR, T0 + 5 * MIN), ALERT_NONE);
	CHECK_INT(st.severity, SEV_MAJOR);
	CHECK_INT(st.notified, SEV_CRITICAL);
	CHECK_INT(st.firing, 1);

	/* critical again: already notified */
	CHECK_INT(alert_eval(&rule, &st, SEV_CRITICAL, T0 + 6 * MIN),
	    ALERT_NONE);
	CHECK_INT(st.updated_at, T0 + 4 * MIN);

	/* minor is below fire but not below clear: hysteresis keeps it */
	CHECK_INT(alert_eval(&rule, &st, SEV_MINOR, T0 + 7 * MIN), ALERT_NONE);
	CHECK_INT(st.firing, 1);
	CHECK_INT(st.severity, SEV_MINOR);
	CHECK_INT(st.clear_since, 0);

	/* none is below clear: resolved at once (min_clear 0) */
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, T0 + 8 * MIN),
	    ALERT_RESOLVED);
	CHECK_INT(st.firing, 0);
	CHECK_INT(st.updated_at, T0 + 8 * MIN);
	CHECK_INT(st.clear_since, 0);

	/* resolved stays quiet */
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, T0 + 9 * MIN), ALERT_NONE);
	CHECK_INT(alert_eval(&rule, &st, SEV_MINOR, T0 + 10 * MIN),
	    ALERT_NONE);

	/* major again: a new episode */
	CHECK_INT(alert_eval(&rule, &st, SEV_MAJOR, T0 + 11 * MIN),
	    ALERT_FIRING);
	CHECK_INT(st.firing, 1);
	CHECK(st.started_at != first_start);
	CHECK_INT(st.started_at, T0 + 11 * MIN);
	CHECK_INT(st.id, 0);
	CHECK_INT(st.notified, SEV_MAJOR);
}

static void
test_fire_straight_to_critical(void)
{
	struct alert_rule rule = { SEV_MAJOR, SEV_MINOR, 0 };
	struct alert_state st;

	memset(&st, 0, sizeof(st));
	CHECK_INT(alert_eval(&rule, &st, SEV_CRITICAL, T0), ALERT_FIRING);
	CHECK_INT(st.notified, SEV_CRITICAL);
	/* nothing to escalate to afterwards */
	CHECK_INT(alert_eval(&rule, &st, SEV_MAJOR, T0 + MIN), ALERT_NONE);
	CHECK_INT(alert_eval(&rule, &st, SEV_CRITICAL, T0 + 2 * MIN),
	    ALERT_NONE);
}

static void
test_fire_minor_clear_minor(void)
{
	/* fire == clear: no hysteresis band */
	struct alert_rule rule = { SEV_MINOR, SEV_MINOR, 0 };
	struct alert_state st;

	memset(&st, 0, sizeof(st));
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, T0), ALERT_NONE);
	CHECK_INT(alert_eval(&rule, &st, SEV_MINOR, T0 + MIN), ALERT_FIRING);
	CHECK_INT(alert_eval(&rule, &st, SEV_MAJOR, T0 + 2 * MIN),
	    ALERT_UPDATED);
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, T0 + 3 * MIN),
	    ALERT_RESOLVED);
}

static void
test_min_clear(void)
{
	struct alert_rule rule = { SEV_MAJOR, SEV_MINOR, 60000 };
	struct alert_state st;
	int64_t t;

	memset(&st, 0, sizeof(st));
	CHECK_INT(alert_eval(&rule, &st, SEV_MAJOR, T0), ALERT_FIRING);

	/* drops to none at t: the clock starts, nothing resolves yet */
	t = T0 + 10 * MIN;
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, t), ALERT_NONE);
	CHECK_INT(st.firing, 1);
	CHECK_INT(st.clear_since, t);

	/* re-evaluated by the timer at t+30s: still too soon */
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, t + 30000), ALERT_NONE);
	CHECK_INT(st.firing, 1);
	CHECK_INT(st.clear_since, t);	/* the clock is not restarted */

	/* at t+61s it has stayed below clear long enough */
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, t + 61000), ALERT_RESOLVED);
	CHECK_INT(st.firing, 0);
	CHECK_INT(st.clear_since, 0);
	CHECK_INT(st.updated_at, t + 61000);
}

static void
test_min_clear_exact_boundary(void)
{
	struct alert_rule rule = { SEV_MAJOR, SEV_MINOR, 60000 };
	struct alert_state st;
	int64_t t = T0 + MIN;

	memset(&st, 0, sizeof(st));
	CHECK_INT(alert_eval(&rule, &st, SEV_MAJOR, T0), ALERT_FIRING);
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, t), ALERT_NONE);
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, t + 59999), ALERT_NONE);
	/* below clear "this long": 60 s exactly is long enough */
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, t + 60000), ALERT_RESOLVED);
}

static void
test_min_clear_flapping(void)
{
	struct alert_rule rule = { SEV_MAJOR, SEV_MINOR, 60000 };
	struct alert_state st;
	int64_t t = T0 + 5 * MIN;

	memset(&st, 0, sizeof(st));
	CHECK_INT(alert_eval(&rule, &st, SEV_CRITICAL, T0), ALERT_FIRING);

	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, t), ALERT_NONE);
	CHECK_INT(st.clear_since, t);
	/* flaps back above clear (minor is not below clear): reset */
	CHECK_INT(alert_eval(&rule, &st, SEV_MINOR, t + 20000), ALERT_NONE);
	CHECK_INT(st.clear_since, 0);
	CHECK_INT(st.firing, 1);
	/* drops again at t+40s: the clock starts over */
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, t + 40000), ALERT_NONE);
	CHECK_INT(st.clear_since, t + 40000);
	/* t+61s would have resolved without the flap; now it is too soon */
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, t + 61000), ALERT_NONE);
	CHECK_INT(st.firing, 1);
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, t + 99000), ALERT_NONE);
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, t + 100000),
	    ALERT_RESOLVED);
	CHECK_INT(st.firing, 0);

	/* flapping all the way back to firing severity within the wait */
	memset(&st, 0, sizeof(st));
	CHECK_INT(alert_eval(&rule, &st, SEV_MAJOR, T0), ALERT_FIRING);
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, t), ALERT_NONE);
	CHECK_INT(alert_eval(&rule, &st, SEV_MAJOR, t + 30000), ALERT_NONE);
	CHECK_INT(st.clear_since, 0);
	CHECK_INT(alert_eval(&rule, &st, SEV_NONE, t + 70000), ALERT_NONE);
	CHECK_INT(st.firing, 1);
}

static void
test_event_names(void)
{
	CHECK_STR(alert_event_name(ALERT_NONE), "none");
	CHECK_STR(alert_event_name(ALERT_FIRING), "firing");
	CHECK_STR(alert_event_name(ALERT_UPDATED), "updated");
	CHECK_STR(alert_event_name(ALERT_RESOLVED), "resolved");
}

int
main(void)
{
	RUN(test_hysteresis);
	RUN(test_fire_straight_to_critical);
	RUN(test_fire_minor_clear_minor);
	RUN(test_min_clear);
	RUN(test_min_clear_exact_boundary);
	RUN(test_min_clear_flapping);
	RUN(test_event_names);
	return T_DONE();
}
