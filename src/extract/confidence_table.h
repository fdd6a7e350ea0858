/* SPDX-License-Identifier: MIT */
/*
 * confidence_table.h - written by scripts/fit-confidence.py: the
 * share of reports right, by what they rest on and the script of
 * their sentence.  Latin: fitted on 339 predictions of real
 * passages nobody tuned the rules on (the measuring sets); Cyrillic:
 * on 121 predictions of the readable Ukrainian and Russian sets.
 * Latin logit weights: intercept +0.77, mention only -0.40, no place -0.53, inherited -0.37, unit +0.56, without +0.12.
 * Cyrillic logit weights: intercept +3.78, mention only +0.03, no place +0.01, inherited -0.02, unit -0.10, without -0.14.
 * Indexed [script: Latin, Cyrillic][place: region, mention only,
 * none][inherited][unit][without].
 */
static const double conf_table[2][3][2][2][2] = {
    {	/* Latin */
	{	/* region */
		{ { 0.68, 0.71 }, { 0.79, 0.81 } },
		{ { 0.60, 0.63 }, { 0.72, 0.75 } },	/* inherited */
	},
	{	/* mention */
		{ { 0.59, 0.62 }, { 0.72, 0.74 } },
		{ { 0.50, 0.53 }, { 0.64, 0.66 } },	/* inherited */
	},
	{	/* none */
		{ { 0.56, 0.59 }, { 0.69, 0.71 } },
		{ { 0.47, 0.50 }, { 0.61, 0.63 } },	/* inherited */
	},
    },
    {	/* Cyrillic */
	{	/* region */
		{ { 0.97, 0.97 }, { 0.97, 0.97 } },
		{ { 0.97, 0.97 }, { 0.97, 0.97 } },	/* inherited */
	},
	{	/* mention */
		{ { 0.97, 0.97 }, { 0.97, 0.97 } },
		{ { 0.97, 0.97 }, { 0.97, 0.97 } },	/* inherited */
	},
	{	/* none */
		{ { 0.97, 0.97 }, { 0.97, 0.97 } },
		{ { 0.97, 0.97 }, { 0.97, 0.97 } },	/* inherited */
	},
    },
};
