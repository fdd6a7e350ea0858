/* SPDX-License-Identifier: MIT */
/*
 * confidence_table.h - written by scripts/fit-confidence.py: the
 * share of reports right, by what they rest on, fitted on 1172 predictions
 * of the readable sets (real passages weight 1, the project's own 0.3).
 * Logit weights: intercept +2.26, mention only -0.09, no place -1.01,
 * inherited -0.40, unit +0.52, without +0.60.
 * Indexed [place: region, mention only, none][inherited][unit][without].
 */
static const double conf_table[3][2][2][2] = {
	{	/* region */
		{ { 0.91, 0.95 }, { 0.94, 0.97 } },
		{ { 0.87, 0.92 }, { 0.91, 0.95 } },	/* inherited */
	},
	{	/* mention */
		{ { 0.90, 0.94 }, { 0.94, 0.96 } },
		{ { 0.85, 0.91 }, { 0.91, 0.95 } },	/* inherited */
	},
	{	/* none */
		{ { 0.78, 0.86 }, { 0.85, 0.91 } },
		{ { 0.70, 0.81 }, { 0.80, 0.88 } },	/* inherited */
	},
};
