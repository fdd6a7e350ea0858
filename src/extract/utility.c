/* SPDX-License-Identifier: MIT */
/*
 * utility.c - utility words: which utilities a word names and
 * which are within reach of a status cue.
 */
#include "extract_int.h"

/* ---- utilities --------------------------------------------------------- */


/* Which utilities the word at i names [utility-words], as a
   bitmask. */
int
word_utility(const struct sentence *S, size_t i)
{
	const struct tok *t = &S->t[i];
	const char *w = t->w, *p = prev_word(S, i, 1), *nx = next_word(S, i, 1);
	int lead = i == 0 || S->t[i - 1].punct;	/* may be capitalised */

	if (t->punct || !lx_in(t->lx, LX_UTILITY_HEAD))
		return 0;
	if (WEQ(w, "electricity") || WEQ(w, "electrical") ||
	    WEQ(w, "blackout") || WEQ(w, "blackouts") ||
	    strncmp(w, "de-energi", 9) == 0 || strncmp(w, "deenergi", 8) == 0)
		return U(UTIL_POWER);
	if ((WEQ(w, "electric") || WEQ(w, "power")) &&
	    (!t->cap || lead))
		return U(UTIL_POWER);
	if ((WEQ(w, "light") || WEQ(w, "lights")) &&
	    (WEQ(p, "without") || WEQ(p, "no") ||
	    WEQ(p, "the")))
		return U(UTIL_POWER);
	if (WEQ(w, "energy") && WEQ(nx, "supply"))
		return U(UTIL_POWER);
	if (WEQ(w, "heating") || WEQ(w, "radiators") ||
	    (WEQ(w, "heat") && !WEQ(nx, "wave") &&
	    !WEQ(nx, "waves")))
		return U(UTIL_HEAT);
	if (WEQ(w, "hot") && WEQ(nx, "water"))
		return U(UTIL_HEAT);
	if (WEQ(w, "water")) {
		if (WEQ(p, "hot"))	/* "hot water": both words say heat */
			return U(UTIL_HEAT);
		if (WEQ(p, "boil") ||
		    WEQ(p, "burst") || tin(S, i + 1, LX_NOT_WATER) ||
		    (WEQ(p, "of") && (strcmp(prev_word(S, i, 2),
		    "lots") == 0 || strcmp(prev_word(S, i, 2), "amount") == 0)))
			return 0;
		return U(UTIL_WATER);
	}
	if (WEQ(w, "gas") && (!t->cap || lead) && !tin(S, i + 1, LX_NOT_GAS))
		return U(UTIL_GAS);
	if (lx_in(t->lx, LX_TELECOM))
		return U(UTIL_TELECOM);
	if (WEQ(w, "cell") && WEQ(nx, "service"))
		return U(UTIL_TELECOM);
	return 0;
}

/* Words that end the reach of a status cue over utility words. */
static int
window_stop(const struct tok *t)
{

	if (t->punct)
		return t->w[0] != ',' && t->w[0] != '"' && t->w[0] != '\'' &&
		    t->w[0] != '-';
	return lx_in(t->lx, LX_WINDOW_STOP);
}

/* Utilities within reach of token i: ahead (fwd) and behind (back). */
int
utilities_near(const struct sentence *S, size_t i, size_t fwd, size_t back)
{
	size_t k, seen;
	int u = 0;

	for (k = i + 1, seen = 0; k < S->n && seen < fwd; k++) {
		if (window_stop(&S->t[k]))
			break;
		u |= S->t[k].util;
		seen += !S->t[k].punct;
	}
	for (k = i, seen = 0; k > 0 && seen < back; k--) {
		if (window_stop(&S->t[k - 1]))
			break;
		u |= S->t[k - 1].util;
		seen += !S->t[k - 1].punct;
	}
	return u;
}
