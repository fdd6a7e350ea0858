/* SPDX-License-Identifier: MIT */
/*
 * confidence_table.h - written by scripts/fit-confidence.py: the
 * share of reports right, by what they rest on, fitted on 1246 predictions
 * of the readable sets (real passages weight 1, the project's own 0.3).
 * Logit weights: intercept +2.64, mention only -0.34, no place -0.71,
 * inherited -0.46, unit +0.43, without +0.64.
 * Indexed [place: region, mention only, none][inherited][unit][without].
 */
static const double conf_table[3][2][2][2] = {
	{	/* region */
		{ { 0.93, 0.96 }, { 0.96, 0.97 } },
		{ { 0.90, 0.94 }, { 0.93, 0.96 } },	/* inherited */
	},
	{	/* mention */
		{ { 0.91, 0.95 }, { 0.94, 0.97 } },
		{ { 0.86, 0.92 }, { 0.91, 0.95 } },	/* inherited */
	},
	{	/* none */
		{ { 0.87, 0.93 }, { 0.91, 0.95 } },
		{ { 0.81, 0.89 }, { 0.87, 0.93 } },	/* inherited */
	},
};
