/* SPDX-License-Identifier: MIT */
/*
 * cue_checks.h - what cue_rules.c's table and cue_checks.c share: the
 * utility windows of the status cues and the rules' checks (the code a
 * rule needs where a word list cannot say it).
 */
#ifndef CUE_CHECKS_H
#define CUE_CHECKS_H

#include "extract_int.h"

/*
 * Utility windows of the status cues: how many words ahead of the cue and
 * behind it utilities_near() looks for the utility it speaks of (it stops
 * earlier at a window_stop()).  Each is the reach the cue's usual phrases
 * need, and no more: a wider window takes a utility of another clause.
 */
#define WIN_AFTER	5, 0	/* "without power, heat and water": the
				   utilities follow the cue */
#define WIN_CLAUSE_BEFORE 0, 10	/* "internet customers across X were
				   without service": the service the
				   clause named before */
#define WIN_NO		3, 0	/* "no power", "no heating or water" */
#define WIN_MODIFIER	4, 2	/* "rolling power cuts", "water supply on
				   a rotating schedule" */
#define WIN_RATIONING	4, 3	/* "load shedding of electricity", "gas
				   is rationed" */
#define WIN_PARTLY	4, 6	/* "partially restored power", "the water
				   supply was partly back" */
#define WIN_CUT		5, 4	/* "cut power to", "electricity was cut" */
#define WIN_BEFORE	0, 5	/* "mobile service was patchy", "all
				   lines were working again" */
#define WIN_FIGURE	0, 4	/* "power outages had fallen to" */
#define WIN_WAITING	3, 3	/* "waiting for power", "still waiting
				   for reconnection of gas" */
#define WIN_OUT		2, 4	/* "power went out", "lights are back" */
#define WIN_DOWN	3, 5	/* "internet went down", "water supply
				   has been interrupted" */
#define WIN_OUT_OF_SERVICE 0, 6	/* "the gas network is out of service" */
#define WIN_AROUND	5, 5	/* "power outages hit", "restored power",
				   "power has been restored" */
#define WIN_BACK_BEFORE	0, 3	/* "power is back" */
#define WIN_RETURNING	2, 5	/* "power was gradually returning", "is
				   returning power to" */

/*
 * A rule's check: does the cue word at i hold (1) or not (0)?  It may
 * set *util to the utilities the cue speaks of.
 */
/* cue_checks.c */
int	no_utility_after(const struct sentence *, size_t, int *);
int	still_before(const struct sentence *, size_t, int *);
int	lowercase_word_next(const struct sentence *, size_t, int *);
int	uninformed_after(const struct sentence *, size_t, int *);
int	with_list_worst(const struct sentence *, size_t, int *);
int	now_have_utility(const struct sentence *, size_t, int *);
int	number_after_to(const struct sentence *, size_t, int *);
int	still_waiting_end(const struct sentence *, size_t, int *);
int	number_after_at(const struct sentence *, size_t, int *);
int	utility_word_before(const struct sentence *, size_t, int *);
int	users_of_service(const struct sentence *, size_t, int *);
int	wide_before(const struct sentence *, size_t, int *);
int	had_utility_again(const struct sentence *, size_t, int *);
int	in_next(const struct sentence *, size_t, int *);
int	awaited(const struct sentence *, size_t, int *);
int	receiving_again(const struct sentence *, size_t, int *);
int	cannot_before(const struct sentence *, size_t, int *);
int	imposed_before(const struct sentence *, size_t, int *);
int	comma_next(const struct sentence *, size_t, int *);
int	unit_before(const struct sentence *, size_t, int *);
int	count_before(const struct sentence *, size_t, int *);
int	supply_subject(const struct sentence *, size_t, int *);
int	supply_after(const struct sentence *, size_t, int *);
int	no_utility_near(const struct sentence *, size_t, int *);
int	score_next(const struct sentence *, size_t, int *);
int	suffered_before(const struct sentence *, size_t, int *);
int	blackout_hit(const struct sentence *, size_t, int *);
int	lost_other(const struct sentence *, size_t, int *);
int	being_before(const struct sentence *, size_t, int *);
int	service_before(const struct sentence *, size_t, int *);
int	grid_near(const struct sentence *, size_t, int *);
int	supply_noun_before(const struct sentence *, size_t, int *);
int	cut_by_amount(const struct sentence *, size_t, int *);
int	hours_a_day_near(const struct sentence *, size_t, int *);
int	experiencing_before(const struct sentence *, size_t, int *);
int	recovered_utility(const struct sentence *, size_t, int *);
int	utility_subject_before(const struct sentence *, size_t, int *);
int	had_it_back(const struct sentence *, size_t, int *);
int	be_the_before(const struct sentence *, size_t, int *);
int	worst_hit_areas(const struct sentence *, size_t, int *);
int	some_affected_in(const struct sentence *, size_t, int *);
int	partial_before(const struct sentence *, size_t, int *);
int	share_of_affected(const struct sentence *, size_t, int *);
int	came_on(const struct sentence *, size_t, int *);
int	shutdown_of(const struct sentence *, size_t, int *);
int	restrictions_lifted(const struct sentence *, size_t, int *);
int	connected_to_supply(const struct sentence *, size_t, int *);
int	in_blackout(const struct sentence *, size_t, int *);
int	end_to_before(const struct sentence *, size_t, int *);
int	comma_participle(const struct sentence *, size_t, int *);
int	available_only(const struct sentence *, size_t, int *);
int	by_rationing(const struct sentence *, size_t, int *);
int	at_work(const struct sentence *, size_t, int *);
int	achieved(const struct sentence *, size_t, int *);
int	cutting_no_cue(const struct sentence *, size_t, int *);
int	bare_restore(const struct sentence *, size_t, int *);
int	partly_at_end(const struct sentence *, size_t, int *);
int	according_to(const struct sentence *, size_t, int *);
int	daily_quota(const struct sentence *, size_t, int *);
int	for_plants(const struct sentence *, size_t, int *);
int	got_back(const struct sentence *, size_t, int *);
int	supply_of_after(const struct sentence *, size_t, int *);
/* restore_checks.c: [restoration-halted], [restoration-done],
   [outage-resolved], [restored-before], [status-words], [work-only],
   [work-far] */
int	restoration_halted(const struct sentence *, size_t, int *);
int	restoration_done(const struct sentence *, size_t, int *);
int	outage_resolved(const struct sentence *, size_t, int *);
int	outage_subject_restored(const struct sentence *, size_t, int *);
int	restored_before(const struct sentence *, size_t, int *);
int	regained_supply(const struct sentence *, size_t, int *);
int	returning_word(const struct sentence *, size_t, int *);
int	coming_word(const struct sentence *, size_t, int *);
int	restoration_begun(const struct sentence *, size_t, int *);
int	shedding_ended(const struct sentence *, size_t, int *);
int	up_next(const struct sentence *, size_t, int *);
int	utility_next(const struct sentence *, size_t, int *);
int	work_only(const struct sentence *, size_t, int *);
int	at_work_for_group(const struct sentence *, size_t, int *);
int	work_far(const struct sentence *, size_t);

/* outage_checks.c: [outage-in], [affected-object], [affected-passive],
   [affected-include], [isolated-supply] */
int	outage_in(const struct sentence *, size_t, int *);
int	affected_object(const struct sentence *, size_t, int *);
int	affected_passive(const struct sentence *, size_t, int *);
int	affected_include(const struct sentence *, size_t, int *);
int	isolated_supply(const struct sentence *, size_t, int *);
int	counted_right_before(const struct sentence *, size_t, int *);

#endif
