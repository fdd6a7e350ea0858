/* SPDX-License-Identifier: MIT */
/*
 * confidence_table.h - written by scripts/fit-confidence.py: the
 * share of reports right, by what they rest on, fitted on 1216 predictions
 * of the readable sets (real passages weight 1, the project's own 0.3).
 * Logit weights: intercept +2.25, mention only -0.17, no place -0.74,
 * inherited -0.40, unit +0.57, without +0.70.
 * Indexed [place: region, mention only, none][inherited][unit][without].
 */
static const double conf_table[3][2][2][2] = {
	{	/* region */
		{ { 0.91, 0.95 }, { 0.94, 0.97 } },
		{ { 0.86, 0.93 }, { 0.92, 0.96 } },	/* inherited */
	},
	{	/* mention */
		{ { 0.89, 0.94 }, { 0.93, 0.97 } },
		{ { 0.84, 0.92 }, { 0.90, 0.95 } },	/* inherited */
	},
	{	/* none */
		{ { 0.82, 0.90 }, { 0.89, 0.94 } },
		{ { 0.75, 0.86 }, { 0.84, 0.92 } },	/* inherited */
	},
};
