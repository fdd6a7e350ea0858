/* SPDX-License-Identifier: MIT */
/*
 * shapes_z_en_mix.c - general fallbacks for real English news of many
 * countries (helper z-en-mix, issue 10): where a story cue finds no story
 * [story-fallback], and the "affected areas included A and B" list
 * [affected-include].
 */
#include <string.h>

#include "extract_int.h"

/*
 * [story-fallback] "The cities affected by this outage include A, B and
 * C." as a passage's first outage sentence: a story cue (reported-in,
 * concentration, definite-reference) takes its utility from what the
 * story told before; with nothing told before, it takes the utilities
 * its own sentence names ("... the electricity companies said"), and a
 * blackout with none named is of electricity.  tok is the cue's word;
 * 0 when no utility can be had.
 */
int
story_fallback(const struct sentence *S, size_t tok)
{
	int u = clause_utils(S, -1);

	if (u != 0)
		return u;
	/* "a water main break left ...": the main's supply */
	if ((u = main_utility(S)) != 0)
		return u;
	/* a blackout is of electricity; a bare "outage" may be of
	   anything ("Outages were reported in Microsoft Teams") */
	if (s_has(S, LX_BLACKOUT))
		return U(UTIL_POWER);
	(void)tok;
	return 0;
}

/*
 * [closed-list] "Islamabad, Karachi and Lahore went dark", "affecting
 * Nairobi, Mount Kenya and Coast regions": after a known place, the
 * names that go on to a closing "and" (or "or") name are one list with
 * it, whatever came before the known place.  i is the "," or "and" right
 * after the known place.  A name is one to three capitalised words ("the"
 * may open it); the list is closed when a name follows "and" or "or".
 */
int
closed_list_from(const struct sentence *S, size_t i)
{
	size_t j = i, names = 0;
	int closing;

	while (j < S->n) {
		closing = tw(S, j, "and") || tw(S, j, "or");
		if (!closing && !tp(S, j, ','))
			return 0;
		j++;
		/* "A, B, and C": the serial comma */
		if (!closing && (tw(S, j, "and") || tw(S, j, "or"))) {
			closing = 1;
			j++;
		}
		if (tw(S, j, "the"))
			j++;
		if (j >= S->n || !S->t[j].cap || S->t[j].punct)
			return 0;
		for (names = 0; j < S->n && S->t[j].cap && !S->t[j].punct;
		    j++)
			if (++names > 3)
				return 0;
		if (closing)
			return 1;
	}
	return 0;
}
