/* SPDX-License-Identifier: MIT */
/*
 * cue_rules.c - the status cue rules [status-words]: the words that say
 * supply is out, partial or back, as a table read in order.
 */
#include <pthread.h>

#include "cue_checks.h"

/*
 * The status cue rules [status-words], as a table that status_word() reads
 * in order: the first rule that holds for a word decides, so the order is
 * the rules' precedence.  A rule holds when
 *   - the word is in its list (`word`),
 *   - the words around it are as `near` says: a word of a list at one of
 *     the offsets given (AT), none there (NOT_AT), or one there that is
 *     then no cue of its own (SKIP_AT: "rolling blackouts" is one cue),
 *   - its `check` (for the few rules that need code) says yes,
 *   - a utility is within its `needs_utility` window, if it has one;
 * and it then gives a cue of its status, with the utilities in its
 * `utilities` window (WIN_*, and the word's own), or says that the word is
 * no cue (GIVES_NOTHING: no later rule is tried).
 */
enum cue_gives {
	GIVES_OUTAGE, GIVES_PARTIAL, GIVES_RESTORED,
	GIVES_AS_BEFORE,	/* the status of the cue before; the rule
				   does not hold for the first cue */
	GIVES_NOTHING		/* the word is no cue */
};

enum near_how { NEAR_HAS, NEAR_NONE, NEAR_SKIP };

/* A word of `list` at one of the offsets `at` from the cue (0 ends them). */
struct cue_near {
	enum lex	 list;
	signed char	 at[3];
	enum near_how	 how;
};

struct window {
	unsigned char	 fwd, back;	/* words ahead and behind: WIN_* */
};

struct cue_rule {
	const char	*rule;		/* its name in docs/extraction.md */
	enum lex	 word;		/* the cue word's list */
	struct cue_near	 near[3];	/* all of them hold */
	/* code for what a list cannot say; may set the cue's utilities */
	int		(*check)(const struct sentence *, size_t, int *);
	enum cue_gives	 gives;
	unsigned char	 weak;		/* not strong [standing-cue] */
	struct window	 utilities;	/* where its utilities are named */
	struct window	 needs_utility;	/* a utility must be named there */
	int		 util_add;	/* utilities it names itself */
	int		 util_else;	/* utilities when none is named */
	int		 story;		/* CUE_STORY_*: [concentration] */
	/*
	 * Speed only: a list the check needs a word of somewhere in the
	 * sentence to hold (its own code asks it, or a word it asks
	 * for is one), + 1; 0 for none (IN_SENTENCE()).  In a sentence without one the check would say
	 * no, so it is not called; the eager mode calls it all the same,
	 * and the lazy test (test_extract.c) compares.
	 */
	unsigned short	 in_sentence;
};

#define AT(l, ...)	{ (l), { __VA_ARGS__ }, NEAR_HAS }
#define NOT_AT(l, ...)	{ (l), { __VA_ARGS__ }, NEAR_NONE }
#define SKIP_AT(l, ...)	{ (l), { __VA_ARGS__ }, NEAR_SKIP }
#define WIN(w)		{ w }
#define IN_SENTENCE(l)	.in_sentence = (l) + 1
_Static_assert(LX_COUNT < 0xffff, "cue_rule: in_sentence holds a list + 1");

static const struct cue_rule cue_rules[] = {
	/* "the outage had been resolved": over, the supply back
	   [outage-resolved] (restore_checks.c) */
	{ "status-words", LX_WEAK, .check = outage_resolved,
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_AROUND),
	    .util_else = U(UTIL_POWER), IN_SENTENCE(LX_OVER) },
	/* "the water supply disruption in A and B was fully restored":
	   the restoration word tells it [outage-resolved] (the check ends
	   at a word of LX_RESTORED) */
	{ "status-words", LX_DISRUPTION, .check = outage_subject_restored,
	    .gives = GIVES_NOTHING, IN_SENTENCE(LX_RESTORED) },
	{ "status-words", LX_WEAK, .check = outage_subject_restored,
	    .gives = GIVES_NOTHING, IN_SENTENCE(LX_RESTORED) },
	/* "the shutdown of the power station": a plant's, no supply's */
	{ "status-words", LX_DISRUPTION, .check = shutdown_of,
	    .gives = GIVES_NOTHING },
	/* "announced an end to widespread power cuts": back */
	{ "status-words", LX_DISRUPTION, .check = end_to_before,
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_AROUND),
	    .needs_utility = WIN(WIN_AROUND) },
	{ "status-words", LX_BLACKOUT, .check = end_to_before,
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_AROUND),
	    .util_else = U(UTIL_POWER) },
	/* "power cuts of up to eight hours daily": rationed */
	{ "status-words", LX_DISRUPTION, .check = daily_quota,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_AROUND),
	    .util_else = U(UTIL_POWER) },
	{ "status-words", LX_BLACKOUT, .check = daily_quota,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_AROUND),
	    .util_else = U(UTIL_POWER) },
	/* "water flows have been reduced", "the power supply was reduced":
	   less supply, of a utility's supply named just before */
	{ "status-words", LX_REDUCED, .check = supply_noun_before,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_BEFORE),
	    .needs_utility = WIN(WIN_BEFORE) },
	/* "the water supply had been cut by 45 percent", "cut by half":
	   less flows, to all (partial) */
	{ "status-words", LX_LOST, .check = cut_by_amount,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_CUT) },
	/* "lost their lives", "lack insulation": no supply lost */
	{ "status-words", LX_LOST, .check = lost_other,
	    .gives = GIVES_NOTHING },
	{ "status-words", LX_WITHOUT, .check = lost_other,
	    .gives = GIVES_NOTHING },
	/* "the Oilers lost 3-1": no supply lost */
	{ "status-words", LX_LOST, .check = score_next,
	    .gives = GIVES_NOTHING },
	/* "cutting power to 200,000": a cue only before what it cuts, and
	   not after another cue whose clause it goes on ("de-energizing
	   lines ..., cutting power to 17,400") */
	{ "status-words", LX_LOST, .check = cutting_no_cue,
	    .gives = GIVES_NOTHING },
	/* "imposed a 13-hour power cut", "imposes power cuts" */
	{ "status-words", LX_LOST, .check = imposed_before,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_MODIFIER),
	    .util_else = U(UTIL_POWER) },
	{ "status-words", LX_WEAK, .check = imposed_before,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_MODIFIER),
	    .util_else = U(UTIL_POWER) },
	/* "outages are concentrated in A, B and C", "mostly in the X
	   area": the places of what the story told before, in its status
	   [concentration] */
	{ "concentration", LX_CONCENTRATED, .check = in_next,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_STATUS },
	/* "N clients are affected by the programmed cuts": rationed */
	{ "status-words", LX_AFFECTING, .check = by_rationing,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_RATIONING),
	    .util_else = U(UTIL_POWER) },
	/* "A, B and C are the hardest hit": still out, the places before */
	{ "concentration", LX_AFFECTING, { AT(LX_WORST, -1) }, be_the_before,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_UTILITY_BEFORE },
	/* ", with A and B being the worst affected", "with A and B hit
	   hardest": still out there */
	{ "concentration", LX_AFFECTING, .check = with_list_worst,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_UTILITY_BEFORE },
	/* "There are still some affected in areas such as A and B":
	   still out there */
	{ "concentration", LX_AFFECTING, .check = some_affected_in,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_UTILITY },
	/* "restored service to 85% of those affected", ", which is about
	   30% of those affected": the group the story counted, named again; the
	   share is of the status before it, or a restatement */
	{ "status-words", LX_AFFECTING, .check = share_of_affected,
	    .gives = GIVES_NOTHING },
	/* "The hardest-hit areas were A and B": still out there */
	{ "concentration", LX_WORST_HIT, .check = worst_hit_areas,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_UTILITY },
	/* "the areas most affected include A and B": still out */
	{ "concentration", LX_AFFECTING, { AT(LX_WORST, -1) },
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_UTILITY },
	/* "A and B were also affected" after an outage story
	   [affected-passive] (outage_checks.c) */
	{ "concentration", LX_AFFECTING, .check = affected_passive,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_UTILITY_BEFORE },
	/* "other affected areas included A and B" [affected-include] */
	{ "concentration", LX_AFFECTING, .check = affected_include,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_UTILITY },
	/* "technical issues impacted the River Nile and Red Sea states":
	   the places of the story's outage [affected-object] (v-en1) */
	{ "affected-object", LX_AFFECTING, .check = affected_object,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_UTILITY },
	/* "N subscribers are receiving gas in full": back */
	{ "status-words", LX_RECEIVING, .check = receiving_again,
	    .gives = GIVES_RESTORED },
	/* "subscribers couldn't access voice services" */
	{ "status-words", LX_ACCESS, .check = cannot_before,
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AFTER),
	    .util_else = U(UTIL_TELECOM) },
	/* "33 apartment blocks remain unheated" */
	{ "status-words", LX_UNHEATED, { AT(LX_LEFT, -1) },
	    .gives = GIVES_OUTAGE, .util_add = U(UTIL_HEAT) },
	/* "1,600 were left powerless" */
	{ "status-words", LX_POWERLESS, { AT(LX_LEFT, -1) },
	    .gives = GIVES_OUTAGE, .util_add = U(UTIL_POWER) },
	/* "94,000 homes were blacked out": no power */
	{ "status-words", LX_BLACKED, { AT(LX_OUT, 1) },
	    .gives = GIVES_OUTAGE, .util_add = U(UTIL_POWER) },
	/* "loss of voice and SMS services", "loss of power" */
	{ "status-words", LX_LOSS, { AT(LX_OF, 1) }, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_CUT) },
	/* "the grid failure affected power supply to A, B and C" */
	{ "status-words", LX_AFFECTING, .check = supply_after,
	    .gives = GIVES_OUTAGE },
	/* "power supply was affected in A, B and C": the supply, not
	   lines or plants, was hit */
	{ "status-words", LX_AFFECTING, { AT(LX_BACK_VERB, -1),
	    AT(LX_SUPPLIED, -2) }, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_BACK_BEFORE) },
	/* "power went off at 4.45pm", "the lights went off" */
	{ "status-words", LX_OFF_DOWN, { AT(LX_DOWN_VERB, -1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_BACK_BEFORE),
	    .needs_utility = WIN(WIN_BACK_BEFORE) },
	/* "the cyclone snapped the power supply of 7.85 lakh consumers" */
	{ "status-words", LX_SNAPPED, .check = supply_after,
	    .gives = GIVES_OUTAGE },
	/* "3,100 people are still off supply" */
	{ "status-words", LX_OFF_DOWN, { AT(LX_SUPPLY, 1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_CUT) },
	/* "without power, heat and water"; "internet customers across X
	   were without service": the service the clause named before */
	{ "status-words", LX_WITHOUT, { AT(LX_SERVICES, 1) },
	    no_utility_after, GIVES_OUTAGE,
	    .utilities = WIN(WIN_CLAUSE_BEFORE) },
	/* "10 hours a day without power", "without electricity for up to
	   12 hours a day": cuts in turn, rationing (partial) */
	{ "status-words", LX_WITHOUT, .check = hours_a_day_near,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_AFTER),
	    IN_SENTENCE(LX_EXCLUDED) },	/* its "hours" is one */
	/* "without power", "lack of water": out, whatever follows */
	{ "status-words", LX_WITHOUT, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_AFTER) },
	/* "no power", "no heating or water" */
	{ "status-words", LX_NO, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_NO) },
	/* "have not had power since Monday" */
	{ "status-words", LX_NOT, { AT(LX_HAVE, 1) }, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_NO) },
	/* "rotating power cuts": the modifier makes the outage noun partial
	   (one cue), power unless another utility is named */
	{ "status-words", LX_PARTIAL, { SKIP_AT(LX_OUTAGE_NOUN, 1, 2, 3) },
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_MODIFIER),
	    .util_else = U(UTIL_POWER) },
	/* "scheduled, hour-long power outages" */
	{ "status-words", LX_PARTIAL, { SKIP_AT(LX_OUTAGE_NOUN, 4) },
	    comma_next, GIVES_PARTIAL, .utilities = WIN(WIN_MODIFIER),
	    .util_else = U(UTIL_POWER) },
	/* "scheduled maintenance": no outage noun, no cue */
	{ "status-words", LX_PARTIAL, .gives = GIVES_NOTHING },
	/* "Eskom suspended load shedding": the rationing ended */
	{ "status-words", LX_SHEDDING, { AT(LX_LOAD, -1) }, shedding_ended,
	    .gives = GIVES_NOTHING },
	{ "status-words", LX_LOAD_SHEDDING, .check = shedding_ended,
	    .gives = GIVES_NOTHING },
	/* "load shedding": an electricity practice unless another utility
	   is named */
	{ "status-words", LX_SHEDDING, { AT(LX_LOAD, -1) },
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_RATIONING),
	    .util_else = U(UTIL_POWER) },
	{ "status-words", LX_LOAD_SHEDDING, .gives = GIVES_PARTIAL,
	    .utilities = WIN(WIN_RATIONING), .util_else = U(UTIL_POWER) },
	/* "had their water supply restricted", "gas supplies were
	   curtailed": rationed, of a utility named just before */
	{ "status-words", LX_RESTRICTED, .gives = GIVES_PARTIAL,
	    .utilities = WIN(WIN_BEFORE), .needs_utility = WIN(WIN_BEFORE) },
	/* "electricity is available for only four hours a day" */
	{ "status-words", LX_AVAILABLE, .check = available_only,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_BACK_BEFORE),
	    .needs_utility = WIN(WIN_BACK_BEFORE) },
	/* "Water was not available in 66,100 homes": out, of a utility
	   named before it */
	{ "status-words", LX_AVAILABLE, { AT(LX_NOT, -1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_BEFORE),
	    .needs_utility = WIN(WIN_BEFORE) },
	/* "Power was available again": back */
	{ "status-words", LX_AVAILABLE, { AT(LX_AGAIN, 1) },
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_BEFORE),
	    .needs_utility = WIN(WIN_BEFORE) },
	/* "brownouts hit Makati": degraded power */
	{ "status-words", LX_BROWNOUT, .gives = GIVES_PARTIAL,
	    .utilities = WIN(WIN_RATIONING), .util_else = U(UTIL_POWER) },
	/* "gas shortages kept power plants idle": no cue */
	/* "the restrictions were lifted for 31,000 households":
	   the rationing over, supply back */
	{ "status-words", LX_RATIONED, .check = restrictions_lifted,
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_AROUND),
	    .util_else = U(UTIL_POWER) },
	{ "status-words", LX_RATIONED, .check = for_plants,
	    .gives = GIVES_NOTHING },
	/* "gas is rationed", "intermittent supply", "restoring power" */
	{ "status-words", LX_RATIONED, .gives = GIVES_PARTIAL,
	    .utilities = WIN(WIN_RATIONING) },
	/* "caused low pressure" with no utility named: of water, unless
	   the weather's ("a low pressure system") */
	{ "status-words", LX_LOW, { AT(LX_PRESSURE, 1), NOT_AT(LX_WEATHER, 2) },
	    no_utility_near, GIVES_PARTIAL, .util_else = U(UTIL_WATER) },
	/* "low water pressure", "pressure is low" */
	{ "status-words", LX_LOW, { AT(LX_PRESSURE, 1, 2, -2) },
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_RATIONING) },
	/* "partially restored", "partly back": one partial cue */
	{ "status-words", LX_PARTLY, { SKIP_AT(LX_PARTLY_WHAT, 1) },
	    lowercase_word_next, GIVES_PARTIAL,
	    .utilities = WIN(WIN_PARTLY) },
	/* "a partial restoration of power": restoration under way */
	{ "status-words", LX_RESTORATION, .check = partial_before,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_AROUND) },
	/* "supply was restored partially": one partial cue, not a
	   restoration and a partial one [restored-partly] (v-en1) */
	{ "status-words", LX_RESTORED, { SKIP_AT(LX_PARTLY, 1),
	    NOT_AT(LX_NOT, -1) }, .gives = GIVES_PARTIAL,
	    .utilities = WIN(WIN_AROUND) },
	/* "The hot water is given partially." */
	{ "status-words", LX_PARTLY, .check = partly_at_end,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_PARTLY),
	    .needs_utility = WIN(WIN_PARTLY) },
	/* "hot water is given according to schedule" */
	{ "status-words", LX_SCHEDULE, .check = according_to,
	    .gives = GIVES_PARTIAL },
	/* "power was partly cut" */
	{ "status-words", LX_PARTLY, .check = lowercase_word_next,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_PARTLY) },
	/* "dark" alone is no outage ("dark days"), only "in the dark",
	   "remained dark" */
	{ "status-words", LX_DARK, { NOT_AT(LX_DARK_BEFORE, -1) },
	    .gives = GIVES_NOTHING },
	/* "in the dark about the plan": not told */
	{ "status-words", LX_DARK, .check = uninformed_after,
	    .gives = GIVES_NOTHING },
	/* "in the dark", "plunged into darkness": no power */
	{ "status-words", LX_DARK, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_CUT), .util_add = U(UTIL_POWER) },
	{ "status-words", LX_DARKNESS, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_CUT), .util_add = U(UTIL_POWER) },
	/* "lost power", "knocked out", "electricity was cut" */
	{ "status-words", LX_LOST, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_CUT) },
	/* "gas was shut off", "switched off", "turned down" */
	{ "status-words", LX_OFF_DOWN, { AT(LX_SWITCHED, -1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_CUT) },
	/* "with dry taps", "taps ran dry": no water */
	{ "status-words", LX_DRY, { AT(LX_TAPS, 1, -2, -3) },
	    .gives = GIVES_OUTAGE, .util_add = U(UTIL_WATER) },
	/* "parts of Midtown were still dry": no water yet */
	{ "status-words", LX_DRY, .check = still_before,
	    .gives = GIVES_OUTAGE, .util_add = U(UTIL_WATER) },
	/* "mobile service was patchy": degraded service, if named */
	{ "status-words", LX_PATCHY, .gives = GIVES_PARTIAL,
	    .utilities = WIN(WIN_BEFORE), .needs_utility = WIN(WIN_BEFORE) },
	/* "the number had fallen to 61,500": the count of the group told
	   before, still out (its utility comes from there) */
	{ "status-words", LX_FALLEN, { AT(LX_TO, 1), AT(LX_FIGURE, -2, -3) },
	    number_after_to, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_FIGURE) },
	/* "that number stood at 120,000", "outages stood at 8,000": the
	   group told before, still out */
	{ "status-words", LX_FALLEN, { AT(LX_FIGURE, -1, -2) },
	    number_after_at, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_FIGURE) },
	{ "status-words", LX_FALLEN, { AT(LX_OUTAGES, -1, -2) },
	    number_after_at, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_FIGURE) },
	/* "the outage count has dropped from 26,000 (to 4,000)": the
	   earlier count, still a report of the group [fell-from] */
	{ "status-words", LX_FALLEN, { AT(LX_FIGURE, -1, -2) },
	    number_after_from, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_FIGURE) },
	{ "status-words", LX_FALLEN, { AT(LX_OUTAGES, -1, -2) },
	    number_after_from, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_FIGURE) },
	/* "outages had fallen to 8,000" */
	{ "status-words", LX_FALLEN, { AT(LX_TO, 1), AT(LX_OUTAGES, -1, -2) },
	    number_after_to, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_FIGURE) },
	/* "Customers in X are still waiting.": the story's supply
	   [still-waiting] */
	{ "still-waiting", LX_WAITING, .check = still_waiting,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_DEFINITE },
	/* "with fewer than 2,000 still waiting.": still out, the group
	   the count names (a weak cue: it needs the count) */
	{ "status-words", LX_WAITING, .check = still_waiting_end,
	    .gives = GIVES_OUTAGE, .weak = 1, .utilities = WIN(WIN_WAITING) },
	/* "still waiting for reconnection", "waiting for gas": one cue */
	{ "status-words", LX_WAITING, { AT(LX_FOR, 1), SKIP_AT(LX_AWAITED, 2) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_WAITING) },
	/* "power went out for 50,000 homes", "lights are out"; not "out
	   of", and only of a named utility */
	{ "status-words", LX_OUT, { NOT_AT(LX_OF, 1), AT(LX_OUT_VERB, -1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_OUT),
	    .needs_utility = WIN(WIN_OUT) },
	/* "About 2,200 homes in the Eufaula area were out" */
	{ "status-words", LX_OUT, { NOT_AT(LX_OF, 1), AT(LX_OUT_VERB, -1) },
	    unit_before, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_OUT) },
	/* "30,000 were still off", "1,200 customers remain off" */
	{ "status-words", LX_OFF_DOWN, { AT(LX_OUT_VERB, -1) },
	    count_before, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_OUT) },
	{ "status-words", LX_OUT, { NOT_AT(LX_OF, 1), AT(LX_OUT_VERB, -1) },
	    count_before, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_OUT) },
	/* "it had about 80,000 customers out, down from ...": the
	   outage-tracker idiom, a count right before "out" (z-en-us) */
	{ "status-words", LX_OUT, { NOT_AT(LX_OF, 1) },
	    counted_right_before, GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_OUT) },
	/* "over 850,000 outages still exist": still out (z-en-us) */
	{ "status-words", LX_EXIST, .check = still_before,
	    .gives = GIVES_OUTAGE, .weak = 1, .utilities = WIN(WIN_FIGURE) },
	/* "5,000 people gaining power since Saturday": back (z-en-us) */
	{ "status-words", LX_GAINED, .check = utility_next,
	    .gives = GIVES_RESTORED },
	/* "Chile recovered electricity in 90% of homes": back, the
	   utility right after it */
	{ "status-words", LX_RECOVERED, .check = recovered_utility,
	    .gives = GIVES_RESTORED },
	/* "They included, by council:\nHobart City: 12,400": the
	   breakdown of the story's figure, in its status [label-line] */
	{ "label-line", LX_INCLUDED, .check = label_list_after,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_STATUS },
	/* "had relit pilot lights for 900 customers": gas back (not
	   "as crews relit pilots house by house"); "is relighting":
	   under way, partial (G7) (z-en-us) */
	{ "status-words", LX_RELIT, { AT(LX_HAVE, -1) },
	    .gives = GIVES_RESTORED, .util_add = U(UTIL_GAS) },
	{ "status-words", LX_RELIT, { AT(LX_BEEN, -1) },
	    .gives = GIVES_RESTORED, .util_add = U(UTIL_GAS) },
	{ "status-words", LX_RELIGHTING, .gives = GIVES_PARTIAL,
	    .util_add = U(UTIL_GAS) },
	/* "power was isolated to 500 properties", "isolated the supply
	   to": cut off, a utility's supply (not "isolated outages", "an
	   isolated area") [isolated-supply] (outage_checks.c) */
	{ "status-words", LX_ISOLATED, .check = isolated_supply,
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_CUT) },
	/* "mobile services have recovered": back, of a utility named
	   before it ("recovered the bodies" names none) */
	{ "status-words", LX_RECOVERED, .gives = GIVES_RESTORED,
	    .utilities = WIN(WIN_BEFORE), .needs_utility = WIN(WIN_BEFORE) },
	/* "networks are offline" */
	{ "status-words", LX_OFFLINE, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_DOWN) },
	/* "broadband services were unavailable", "mobile service in X
	   was unavailable": of a utility named before it ("officials
	   were unavailable" names none) */
	{ "status-words", LX_UNAVAILABLE, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_BEFORE),
	    .needs_utility = WIN(WIN_BEFORE) },
	/* "internet went down" */
	{ "status-words", LX_DOWN, { AT(LX_DOWN_VERB, -1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_DOWN) },
	/* "the gas network is out of service" */
	{ "status-words", LX_SERVICE, { AT(LX_OF, -1), AT(LX_OUT, -2) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_OUT_OF_SERVICE) },
	/* "a power failure", "heating breakdown": out, of that utility */
	{ "status-words", LX_BREAKDOWN, .check = utility_word_before,
	    .gives = GIVES_OUTAGE },
	/* "an outage affecting wireless subscribers in X": the users of a
	   named service are affected */
	{ "status-words", LX_AFFECTING, .check = users_of_service,
	    .gives = GIVES_OUTAGE },
	/* "rolling power cuts hit Brenton, affecting 10,000 people": the
	   participle after the comma tells the cut's own state */
	{ "status-words", LX_AFFECTING, .check = comma_participle,
	    .gives = GIVES_AS_BEFORE, .utilities = WIN(WIN_AFTER) },
	/* "parts of Quetta face similar cuts": the same kind of cut as the
	   cue before (which it refers back to) */
	{ "status-words", LX_WEAK, { AT(LX_SIMILAR, -1), NOT_AT(LX_NEGATE, -2) },
	    .gives = GIVES_AS_BEFORE, .utilities = WIN(WIN_AFTER) },
	{ "status-words", LX_WEAK, { AT(LX_SAME, -1), AT(LX_THE, -2),
	    NOT_AT(LX_NEGATE, -2) },
	    .gives = GIVES_AS_BEFORE, .utilities = WIN(WIN_AFTER) },
	/* "Lagos suffered blackouts", "the fault caused a blackout in X" */
	{ "definite-reference", LX_BLACKOUT, { NOT_AT(LX_NEGATE, -2, -3),
	    NOT_AT(LX_MEDIA, -1) }, suffered_before, GIVES_OUTAGE,
	    .utilities = WIN(WIN_AROUND) },
	/* "blackouts hit Lagos", "a blackout in Accra" [definite-reference] */
	{ "definite-reference", LX_BLACKOUT, { NOT_AT(LX_NEGATE, -2, -3),
	    NOT_AT(LX_MEDIA, -1) }, blackout_hit, GIVES_OUTAGE,
	    .utilities = WIN(WIN_AROUND) },
	/* "the national grid collapsed": power out */
	{ "status-words", LX_COLLAPSE, .check = grid_near,
	    .gives = GIVES_OUTAGE, .util_add = U(UTIL_POWER) },
	/* "telecommunications on the island have collapsed", "the water
	   supply collapsed": out, of a utility named before it */
	{ "status-words", LX_COLLAPSE, .check = utility_subject_before,
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_CLAUSE_BEFORE),
	    .needs_utility = WIN(WIN_CLAUSE_BEFORE) },
	/* "after the blackout", "this blackout": a power cut that happened,
	   unless "averted the blackout" */
	{ "definite-reference", LX_BLACKOUT, { AT(LX_DEFINITE, -1),
	    NOT_AT(LX_NEGATE, -2, -3) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "a city-wide blackout" */
	{ "definite-reference", LX_BLACKOUT, { NOT_AT(LX_NEGATE, -2, -3) },
	    wide_before, GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "confirmed a blackout across Kenya" */
	{ "definite-reference", LX_BLACKOUT, { AT(LX_ACROSS, 1),
	    NOT_AT(LX_NEGATE, -2, -3) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "interruptions in supply of electric energy and natural gas" */
	{ "standing-cue", LX_DISRUPTION, .check = supply_of_after,
	    .gives = GIVES_OUTAGE },
	/* "water supply has been interrupted", "power outages": a
	   disruption word that names its utility stands alone */
	{ "standing-cue", LX_DISRUPTION, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_AROUND), .needs_utility = WIN(WIN_DOWN) },
	/* "Outages were reported in A, B and C", "The outage hit A": the
	   places of the story's outage [reported-in] */
	{ "reported-in", LX_OUTAGES, { NOT_AT(LX_NEGATE, -1, -2) },
	    reported_in, .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND),
	    .story = CUE_STORY_UTILITY },
	/* "Sections of A, B and C are also experiencing outages", "Customers
	   in X reported outages": the story's outage, there */
	{ "concentration", LX_OUTAGES, .check = experiencing_before,
	    .gives = GIVES_OUTAGE, .story = CUE_STORY_UTILITY_BEFORE },
	/* "led to an outage in A, B and C": the places of the story's
	   outage [outage-in] (outage_checks.c) */
	{ "outage-in", LX_OUTAGES, { NOT_AT(LX_NEGATE, -1, -2) },
	    outage_in, .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND),
	    .story = CUE_STORY_UTILITY },
	/* "the latest outages were due to a fire": a definite reference
	   to the outage the story told, of its utility
	   [definite-reference] */
	{ "definite-reference", LX_OUTAGES, { AT(LX_THE_LATEST, -1),
	    NOT_AT(LX_NEGATE, -2, -3) }, .gives = GIVES_OUTAGE,
	    .story = CUE_STORY_DEFINITE },
	/* "Gas supply to domestic consumers in Karachi remained
	   suspended": the clause's "X supply" names the utility */
	{ "standing-cue", LX_DISRUPTION, .check = supply_subject,
	    .gives = GIVES_OUTAGE },
	/* "had their service disrupted", "supply was interrupted": of the
	   story's utility (supply_cues()) */
	{ "standing-cue", LX_DISRUPTION, .check = service_before,
	    .gives = GIVES_OUTAGE },
	/* "the gas supply became normal in A, B and C" */
	{ "status-words", LX_NORMAL, { AT(LX_BECAME, -1) },
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_BEFORE),
	    .needs_utility = WIN(WIN_BEFORE) },
	/* "outages", "affected": out, but needs a count to report */
	{ "standing-cue", LX_WEAK, .gives = GIVES_OUTAGE, .weak = 1,
	    .utilities = WIN(WIN_AROUND) },
	/* "yet to have water restored", "waiting to be reconnected":
	   still out */
	{ "status-words", LX_RESTORED, .check = awaited,
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "had yet to be reconnected": still out */
	{ "status-words", LX_RESTORED, { AT(LX_BE, -1), AT(LX_TO, -2),
	    AT(LX_YET, -3) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "yet restored" */
	{ "status-words", LX_RESTORED, { AT(LX_YET, -1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "had not been restored", "has yet been restored"... out */
	{ "status-words", LX_RESTORED, { AT(LX_BEEN, -1), AT(LX_NOT, -2) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	{ "status-words", LX_RESTORED, { AT(LX_BEEN, -1), AT(LX_YET, -2) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "supply had still not returned", "was not restored": out */
	{ "status-words", LX_RESTORED, { AT(LX_NOT, -1) },
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND) },
	/* "power is being restored to 3,000 homes": under way, partial */
	{ "status-words", LX_RESTORED, .check = being_before,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_AROUND) },
	/* "water has started to return to 30,000 homes": restoration
	   under way is partial */
	{ "status-words", LX_RESTORED, { AT(LX_TO, -1), AT(LX_BEGAN, -2) },
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_AROUND) },
	/* "workers are working to restore electricity supply": the work,
	   of no group [work-only] (restore_checks.c) */
	{ "work-only", LX_RESTORED, { AT(LX_TO, -1) }, .check = work_only,
	    .gives = GIVES_NOTHING },
	/* "continuing to restore gas to properties in A": partial */
	{ "status-words", LX_RESTORED, { AT(LX_TO, -1) },
	    .check = at_work_for_group, .gives = GIVES_PARTIAL,
	    .utilities = WIN(WIN_AROUND) },
	/* "crews are working to restore power to 95,000": restoration
	   in progress is partial (G7); with no group counted it is the
	   work, not the service (a weak cue) */
	{ "status-words", LX_RESTORED, { AT(LX_TO, -1) }, .check = at_work,
	    .gives = GIVES_PARTIAL, .weak = 1,
	    .utilities = WIN(WIN_AROUND) },
	/* "crews managed to restore power to 2,000 homes", "were able to
	   restore": an achievement, not a plan */
	{ "status-words", LX_RESTORED, { AT(LX_TO, -1) }, .check = achieved,
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_AROUND) },
	/* "to restore" is a plan */
	{ "status-words", LX_RESTORED, { AT(LX_TO, -1) },
	    .gives = GIVES_NOTHING },
	/* "mobilising teams to repair the network and restore power":
	   the bare verb is the work, not the service back */
	{ "status-words", LX_RESTORED, .check = bare_restore,
	    .gives = GIVES_NOTHING },
	/* "forced to suspend power restoration": none back; "have
	   completed their restoration efforts": back (restore_checks.c) */
	{ "status-words", LX_RESTORATION, .check = restoration_halted,
	    .gives = GIVES_NOTHING },
	{ "status-words", LX_RESTORATION, .check = restoration_done,
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_AROUND) },
	/* "restoration had begun", "restoration is under way": work, not
	   supply back (G7) */
	{ "status-words", LX_RESTORATION, .check = restoration_begun,
	    .gives = GIVES_NOTHING },
	/* "restoration work" is about work */
	{ "status-words", LX_RESTORATION, { AT(LX_WORK, 1) },
	    .gives = GIVES_NOTHING },
	/* "... service interruptions but that three-quarters of the
	   network had been restored": the utility named before
	   [restored-before] (restore_checks.c) */
	{ "status-words", LX_RESTORED, .check = restored_before,
	    .gives = GIVES_RESTORED },
	/* "the town was reconnected to the grid": power back, unless a
	   utility is named */
	{ "status-words", LX_RESTORED, { AT(LX_TO, 1), AT(LX_THE, 2),
	    AT(LX_GRID, 3) }, .gives = GIVES_RESTORED,
	    .utilities = WIN(WIN_AROUND), .util_else = U(UTIL_POWER) },
	/* "power has been restored", "supply resumed" */
	{ "status-words", LX_RESTORED, .gives = GIVES_RESTORED,
	    .utilities = WIN(WIN_AROUND) },
	/* "power was gradually returning to X", "is slowly coming back":
	   restoration under way is partial (G7), of a utility named */
	{ "status-words", LX_RESUMING, .check = returning_word,
	    .gives = GIVES_PARTIAL, .utilities = WIN(WIN_RETURNING),
	    .needs_utility = WIN(WIN_RETURNING) },
	{ "status-words", LX_RESUMING, { SKIP_AT(LX_BACK, 1) },
	    coming_word, GIVES_PARTIAL, .utilities = WIN(WIN_RETURNING),
	    .needs_utility = WIN(WIN_RETURNING) },
	/* "customers have regained power": back */
	{ "status-words", LX_RESUMING, .check = regained_supply,
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_AFTER) },
	/* "mobile networks were working again": the service is back */
	{ "status-words", LX_AGAIN, { AT(LX_WORKING, -1) },
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_BEFORE),
	    .needs_utility = WIN(WIN_BEFORE) },
	/* "all lines were working again" */
	{ "status-words", LX_AGAIN, { AT(LX_WORKING, -1), AT(LX_NETWORKS, -3) },
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_BEFORE) },
	/* "95 per cent of customers now have electricity" */
	{ "status-words", LX_NOW, .check = now_have_utility,
	    .gives = GIVES_RESTORED },
	/* "all of them had power again" */
	{ "status-words", LX_AGAIN, .check = had_utility_again,
	    .gives = GIVES_RESTORED },
	/* "still waiting for their power to come back", "are yet to get
	   back power supply": still out */
	{ "status-words", LX_BACK, .check = awaited, .gives = GIVES_OUTAGE,
	    .utilities = WIN(WIN_AROUND) },
	/* "by 8 a.m. it was back up to around 23,000": the figure of the
	   group told before rising again, still out, no service back
	   (z-en-us) */
	{ "status-words", LX_BACK, .check = up_next,
	    .gives = GIVES_OUTAGE, .weak = 1, .utilities = WIN(WIN_FIGURE) },
	/* "have got back power", "got back electricity" */
	{ "status-words", LX_BACK, .check = got_back,
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_OUT) },
	/* "customers are now back on supply" (of electricity, unless a
	   utility is named) */
	{ "status-words", LX_BACK, { AT(LX_ON, 1), AT(LX_SUPPLIED, 2) },
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_OUT),
	    .util_else = U(UTIL_POWER) },
	/* "1,140 of them had it back", "all of them had service back" */
	{ "status-words", LX_BACK, .check = had_it_back,
	    .gives = GIVES_RESTORED },
	/* "All services were back by 8.15pm" */
	{ "status-words", LX_BACK, { AT(LX_SERVICES, -2),
	    AT(LX_BACK_VERB, -1) }, .gives = GIVES_RESTORED,
	    .utilities = WIN(WIN_OUT) },
	/* "210,000 subscribers were connected to the power supply":
	   back */
	{ "status-words", LX_CONNECTED, .check = connected_to_supply,
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_AROUND),
	    .util_else = U(UTIL_POWER) },
	/* "Jamaica was in a blackout", "are in blackout": out */
	{ "status-words", LX_BLACKOUT, .check = in_blackout,
	    .gives = GIVES_OUTAGE, .utilities = WIN(WIN_AROUND),
	    .util_else = U(UTIL_POWER) },
	/* "as power came on in parts of the city", "lights came back
	   on" is LX_BACK's */
	{ "status-words", LX_CAME, .check = came_on,
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_BACK_BEFORE),
	    .needs_utility = WIN(WIN_BACK_BEFORE) },
	/* "power is back" */
	{ "status-words", LX_BACK, .gives = GIVES_RESTORED,
	    .utilities = WIN(WIN_OUT), .needs_utility = WIN(WIN_BACK_BEFORE) },
	/* "back online", "back on" */
	{ "status-words", LX_BACK, { AT(LX_ONLINE, 1) },
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_OUT) },
	/* "supply was back for most of them" */
	{ "status-words", LX_BACK, { AT(LX_SUPPLIED, -2, -3),
	    AT(LX_BACK_VERB, -1) },
	    .gives = GIVES_RESTORED, .utilities = WIN(WIN_OUT) },
};

/* The lists the rules take as their word: LX_STATUS_HEAD (lexicon.c). */
void
cue_words(uint64_t *heads)
{
	size_t r;

	for (r = 0; r < NELEM(cue_rules); r++)
		lx_set(heads, cue_rules[r].word);
}

/*
 * Do the words around i hold as n says?  *found: the token of a
 * NEAR_SKIP word, if any.
 */
static int
near_holds(const struct sentence *S, size_t i, const struct cue_near *n,
    size_t *found)
{
	size_t k;
	int hit = 0;

	/* Speed only: no word of the list in the whole sentence (S->lx),
	   none at any offset either: one bit, not a test at each */
	if (!s_has(S, n->list))
		return n->how == NEAR_NONE;
	for (k = 0; k < NELEM(n->at) && n->at[k] != 0 && !hit; k++) {
		if (n->at[k] < 0 && i < (size_t)-n->at[k])
			continue;
		if (tin(S, i + (size_t)(ptrdiff_t)n->at[k], n->list)) {
			hit = 1;
			if (n->how == NEAR_SKIP)
				*found = i + (size_t)(ptrdiff_t)n->at[k];
		}
	}
	return n->how == NEAR_NONE ? !hit : hit;
}

/* Do all the words around i that rule r names hold? */
static int
nears_hold(const struct sentence *S, size_t i, const struct cue_rule *r,
    size_t *found)
{
	size_t k;

	for (k = 0; k < NELEM(r->near) && r->near[k].at[0] != 0; k++)
		if (!near_holds(S, i, &r->near[k], found))
			return 0;
	return 1;
}

static void
add_cue(struct cue *c, size_t *nc, size_t tok, enum report_status st,
    int strong, int util, int story)
{
	if (*nc >= MAX_CUES)
		return;
	c[*nc].tok = tok;
	c[*nc].status = st;
	c[*nc].strong = strong;
	c[*nc].util = util;
	c[*nc].used = c[*nc].off = 0;
	c[*nc].story = story;
	(*nc)++;
}

/*
 * A status word at i [status-words]: the first rule of cue_rules that
 * holds decides.  Fills c and returns 1, or 0.
 */
/*
 * The rules indexed by their word's list, built from cue_rules at the
 * first call: rules_of[l] has bit k set when cue_rules[k].word is l, and
 * rule_lists the lists some rule takes.  A word then tries only the rules
 * of its own lists, still in the table's order.
 */
#define RULE_WORDS	((NELEM(cue_rules) + 63) / 64)
static uint64_t rules_of[LX_COUNT][RULE_WORDS];
static uint64_t rule_lists[LX_WORDS];
static pthread_once_t rules_once = PTHREAD_ONCE_INIT;

static void
index_rules(void)
{
	size_t k;

	for (k = 0; k < NELEM(cue_rules); k++) {
		rules_of[cue_rules[k].word][k / 64] |= UINT64_C(1) << (k % 64);
		lx_set(rule_lists, cue_rules[k].word);
	}
}

/*
 * utils: the utilities of every token of the sentence ORed (find_cues()
 * has just set them).  Speed only: utilities_near() ORs the utilities of
 * some of those tokens, so it is not called where it could add none: to
 * a cue that has all of utils already (none where utils is 0), or to a
 * needed utility the cue word names itself.
 */
int
status_word(const struct sentence *S, size_t i, int utils,
    unsigned char *skip, struct cue *c, size_t *nc)
{
	const struct cue_rule *r;
	enum report_status st;
	size_t found, w, b;
	uint64_t todo[RULE_WORDS] = { 0 }, m;
	int util;

	if (i >= S->n)
		return 0;
	(void)pthread_once(&rules_once, index_rules);
	/* the rules whose list holds the word */
	for (w = 0; w < LX_WORDS; w++) {
		for (m = S->t[i].lx[w] & rule_lists[w]; m != 0;) {
			enum lex l = (enum lex)(w * 64 +
			    (size_t)__builtin_ctzll(m));

			m &= m - 1;
			for (b = 0; b < RULE_WORDS; b++)
				todo[b] |= rules_of[l][b];
		}
	}
	/* each rule left in todo, in the table's order: the bits of one
	   word after another (speed only: the order the rescan of todo
	   from its first word gave, without the rescan per rule) */
	for (w = 0; w < RULE_WORDS; w++) {
		for (m = todo[w]; m != 0; m &= m - 1) {
			r = &cue_rules[w * 64 + (size_t)__builtin_ctzll(m)];
			found = SIZE_MAX;
			if (!nears_hold(S, i, r, &found))
				continue;
			util = 0;
			if (r->check != NULL && ((r->in_sentence != 0 &&
			    !s_has(S, (enum lex)(r->in_sentence - 1)) &&
			    !extract_eager()) ||	/* it would say no */
			    !r->check(S, i, &util)))
				continue;
			if (r->gives == GIVES_AS_BEFORE && *nc == 0)
				continue;
			if ((r->needs_utility.fwd | r->needs_utility.back) !=
			    0 && S->t[i].util == 0 && (utils == 0 ||
			    utilities_near(S, i, r->needs_utility.fwd,
			    r->needs_utility.back) == 0))
				continue;
			if (r->gives == GIVES_NOTHING)
				return 0;
			util |= S->t[i].util;
			if ((utils & ~util) != 0)	/* the window may add one */
				util |= utilities_near(S, i, r->utilities.fwd,
				    r->utilities.back);
			if (util == 0)
				util = r->util_else;
			util |= r->util_add;
			switch (r->gives) {
			case GIVES_PARTIAL:
				st = RS_PARTIAL;
				break;
			case GIVES_RESTORED:
				st = RS_RESTORED;
				break;
			case GIVES_AS_BEFORE:
				st = c[*nc - 1].status;
				util |= c[*nc - 1].util;
				break;
			default:
				st = RS_OUTAGE;
				break;
			}
			if (found != SIZE_MAX)
				skip[found] = 1;
			add_cue(c, nc, i, st, !r->weak, util, r->story);
			return 1;
		}
	}
	return 0;
}
