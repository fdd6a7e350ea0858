/* SPDX-License-Identifier: MIT */
/*
 * cues.c - clauses and status cues: the words that say supply is
 * out, partial or back, and the clauses that are no report.
 */
#include <assert.h>

#include "extract_int.h"

/* ---- status cues ------------------------------------------------------- */


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

static int
is_outage_noun(const char *w)
{
	return WEQ(w, "outages") || WEQ(w, "outage") ||
	    WEQ(w, "blackouts") || WEQ(w, "cuts") ||
	    WEQ(w, "shutdowns") || WEQ(w, "blackout") ||
	    WEQ(w, "disconnections") || WEQ(w, "interruptions");
}

/* A finite auxiliary or modal verb at i: "is", "has", "will", ... */
static int
aux_verb(const struct sentence *S, size_t i)
{
	return tin(S, i, LX_AUX) || tin(S, i, LX_MODAL);
}

/* ", and said shutoffs could expand": a report verb starts a predicate */
static int
said_verb(const struct sentence *S, size_t i)
{
	return tw(S, i, "said") || tw(S, i, "says") || tw(S, i, "added") ||
	    tw(S, i, "announced") || tw(S, i, "noted") || tw(S, i, "told") ||
	    tw(S, i, "warned") || tw(S, i, "cautioned") ||
	    tw(S, i, "reported");
}

/*
 * ", and hot water has been cut off": a short subject, then a finite
 * auxiliary, starts a clause of its own.
 */
static int
new_subject(const struct sentence *S, size_t i)
{
	size_t k;

	for (k = i; k < S->n && k < i + 6; k++) {
		if (S->t[k].punct || tin(S, k, LX_CLAUSE))
			return 0;
		if (k > i && (tin(S, k, LX_AUX) ||
		    said_verb(S, k)))
			return 1;
	}
	return 0;
}

/*
 * Clause numbers: ";", ":", "but", "while", ", with", ", which",
 * "however", ", and" before a verb.
 */
void
mark_clauses(struct sentence *S)
{
	size_t i;
	int c = 0;

	for (i = 0; i < S->n; i++) {
		const struct tok *t = &S->t[i];

		if (t->punct) {
			/* " — crews will ...": a dash before a subject and
			   its verb starts a clause */
			c += t->w[0] == ';' || t->w[0] == ':' ||
			    (t->w[0] == '-' && new_subject(S, i + 1));
		} else if (lx_in(t->lx, LX_CLAUSE)) {
			int after_comma = i > 0 && tp(S, i - 1, ',');

			/* ", with", and ", which left ...": a relative clause
			   asserts its own fact, whatever the main clause urged
			   or planned; ", and is considering ...": a second
			   predicate of the same subject asserts (or plans) its
			   own thing */
			if (WEQ(t->w, "with") || WEQ(t->w, "which"))
				c += after_comma;
			else if (WEQ(t->w, "and"))
				c += after_comma && (aux_verb(S, i + 1) ||
				    said_verb(S, i + 1) || new_subject(S, i + 1));
			else
				c++;
		}
		S->t[i].clause = c;
	}
}

static void
add_cue(struct cue *c, size_t *nc, size_t tok, enum report_status st,
    int strong, int util)
{
	if (*nc >= MAX_CUES)
		return;
	c[*nc].tok = tok;
	c[*nc].status = st;
	c[*nc].strong = strong;
	c[*nc].util = util;
	c[*nc].used = c[*nc].off = 0;
	(*nc)++;
}

/* A status word at i [status-words]; fills c and returns 1, or 0. */
static int
status_word(const struct sentence *S, size_t i, unsigned char *skip,
    struct cue *c, size_t *nc)
{
	const char *w = S->t[i].w, *p = prev_word(S, i, 1);
	const uint64_t *lx = S->t[i].lx;
	int u = S->t[i].util;
	size_t k;

	if (!lx_in(lx, LX_STATUS_HEAD))
		return 0;

	if (WEQ(w, "without") || strncmp(w, "lack", 4) == 0) {
		int uu = utilities_near(S, i, WIN_AFTER);

		/* "internet customers across X were without service":
		   the service is the one the clause named before */
		if (uu == 0 && (tw(S, i + 1, "service") ||
		    tw(S, i + 1, "services")))
			uu = utilities_near(S, i, WIN_CLAUSE_BEFORE);
		return add_cue(c, nc, i, RS_OUTAGE, 1, uu), 1;
	}
	if (WEQ(w, "no") || (WEQ(w, "not") &&
	    (tw(S, i + 1, "had") || tw(S, i + 1, "have") ||
	    tw(S, i + 1, "has"))))
		return add_cue(c, nc, i, RS_OUTAGE, 1,
		    utilities_near(S, i, WIN_NO)), 1;
	if (lx_in(lx, LX_PARTIAL)) {
		/* "rotating power cuts": the modifier decides the status */
		for (k = i + 1; k < S->n && k <= i + 3; k++)
			if (!S->t[k].punct && is_outage_noun(S->t[k].w)) {
				/* rotation of supply is an electricity
				   practice unless another utility is named */
				int uu = utilities_near(S, i, WIN_MODIFIER);

				skip[k] = 1;
				return add_cue(c, nc, i, RS_PARTIAL, 1,
				    uu != 0 ? uu : U(UTIL_POWER)), 1;
			}
		return 0;
	}
	if (WEQ(w, "load-shedding") || (WEQ(w, "shedding") &&
	    WEQ(p, "load"))) {
		/* shedding load is an electricity practice [status-words] */
		int uu = u | utilities_near(S, i, WIN_RATIONING);

		return add_cue(c, nc, i, RS_PARTIAL, 1, uu != 0 ? uu :
		    U(UTIL_POWER)), 1;
	}
	if (WEQ(w, "rationed") ||
	    WEQ(w, "rationing") || WEQ(w, "restrictions") ||
	    WEQ(w, "intermittent") || WEQ(w, "restoring") ||
	    (WEQ(w, "low") && (tw(S, i + 1, "pressure") ||
	    tw(S, i + 2, "pressure") || tw(S, i - 2, "pressure"))))
		return add_cue(c, nc, i, RS_PARTIAL, 1,
		    u | utilities_near(S, i, WIN_RATIONING)), 1;
	if ((WEQ(w, "partially") || WEQ(w, "partly")) &&
	    i + 1 < S->n && !S->t[i + 1].punct && !S->t[i + 1].cap) {
		/* "partially restored", "partly back": one partial cue */
		if (tw(S, i + 1, "restored") || tw(S, i + 1, "back") ||
		    tw(S, i + 1, "reconnected") || tw(S, i + 1, "resumed"))
			skip[i + 1] = 1;
		return add_cue(c, nc, i, RS_PARTIAL, 1,
		    utilities_near(S, i, WIN_PARTLY)), 1;
	}
	if (lx_in(lx, LX_LOST) || WEQ(w, "cut") ||
	    ((WEQ(w, "off") || WEQ(w, "down")) &&
	    (WEQ(p, "shut") || WEQ(p, "switched") ||
	    WEQ(p, "turned"))) || WEQ(w, "de-energizing")) {
		/* "in the dark", "parts of X remained dark" */
		if (WEQ(w, "dark") && !WEQ(p, "the") && !WEQ(p, "remained") &&
		    !WEQ(p, "remain") && !WEQ(p, "remains") &&
		    !WEQ(p, "stayed") && !WEQ(p, "still"))
			return 0;
		if (WEQ(w, "dark") || WEQ(w, "darkness"))
			u |= U(UTIL_POWER);
		return add_cue(c, nc, i, RS_OUTAGE, 1,
		    u | utilities_near(S, i, WIN_CUT)), 1;
	}
	/* "with dry taps", "taps ran dry" are no water [status-words] */
	if (WEQ(w, "dry") && (tw(S, i + 1, "taps") || tw(S, i - 2, "taps") ||
	    tw(S, i - 3, "taps")))
		return add_cue(c, nc, i, RS_OUTAGE, 1, U(UTIL_WATER)), 1;
	/* "mobile service was patchy": degraded service [status-words] */
	if ((WEQ(w, "patchy") || WEQ(w, "spotty")) &&
	    (u = utilities_near(S, i, WIN_BEFORE)) != 0)
		return add_cue(c, nc, i, RS_PARTIAL, 1, u), 1;
	/* "the number had fallen to 61,500": the count of the group
	   told before, still out (its utility comes from there) */
	if ((WEQ(w, "fallen") || WEQ(w, "dropped") || WEQ(w, "fell")) &&
	    tw(S, i + 1, "to") && i + 2 < S->n &&
	    is_digit((unsigned char)S->t[i + 2].w[0]) &&
	    (tw(S, i - 2, "number") || tw(S, i - 2, "figure") ||
	    tw(S, i - 3, "number") || tw(S, i - 3, "figure") ||
	    tw(S, i - 1, "outages") || tw(S, i - 2, "outages")))
		return add_cue(c, nc, i, RS_OUTAGE, 0,
		    utilities_near(S, i, WIN_FIGURE)), 1;
	/* "still waiting for reconnection" */
	if (WEQ(w, "waiting") && tw(S, i + 1, "for") &&
	    (tw(S, i + 2, "reconnection") || tw(S, i + 2, "restoration") ||
	    tw(S, i + 2, "power") || tw(S, i + 2, "electricity") ||
	    tw(S, i + 2, "supply") || tw(S, i + 2, "heating") ||
	    tw(S, i + 2, "water") || tw(S, i + 2, "gas"))) {
		skip[i + 2] = 1;
		return add_cue(c, nc, i, RS_OUTAGE, 1,
		    utilities_near(S, i, WIN_WAITING)), 1;
	}
	/* "power went out for 50,000 homes", "lights are out" */
	if (WEQ(w, "out") && !tw(S, i + 1, "of") &&
	    (WEQ(p, "went") || WEQ(p, "go") || WEQ(p, "goes") ||
	    WEQ(p, "gone") || WEQ(p, "is") || WEQ(p, "are") ||
	    WEQ(p, "was") || WEQ(p, "were") || WEQ(p, "remain") ||
	    WEQ(p, "remained") || WEQ(p, "remains") || WEQ(p, "still")) &&
	    utilities_near(S, i, WIN_OUT) != 0)
		return add_cue(c, nc, i, RS_OUTAGE, 1,
		    utilities_near(S, i, WIN_OUT)), 1;
	/* "internet went down", "networks are offline" */
	if (WEQ(w, "offline") || (WEQ(w, "down") &&
	    (WEQ(p, "went") || WEQ(p, "go") ||
	    WEQ(p, "goes") || WEQ(p, "is") ||
	    WEQ(p, "are") || WEQ(p, "was") ||
	    WEQ(p, "were") || WEQ(p, "remain") ||
	    WEQ(p, "remained"))))
		return add_cue(c, nc, i, RS_OUTAGE, 1,
		    utilities_near(S, i, WIN_DOWN)), 1;
	if (WEQ(w, "service") && WEQ(p, "of") &&
	    strcmp(prev_word(S, i, 2), "out") == 0)
		return add_cue(c, nc, i, RS_OUTAGE, 1,
		    utilities_near(S, i, WIN_OUT_OF_SERVICE)), 1;
	if ((WEQ(w, "breakdown") || WEQ(w, "failure") ||
	    WEQ(w, "failures")) && i > 0 && S->t[i - 1].util != 0)
		return add_cue(c, nc, i, RS_OUTAGE, 1, S->t[i - 1].util), 1;
	if (lx_in(lx, LX_WEAK)) {
		/* "water supply has been interrupted", "power outages":
		   a disruption word that names its utility stands alone */
		int strong = lx_in(lx, LX_DISRUPTION) &&
		    (u | utilities_near(S, i, WIN_DOWN)) != 0;

		/* "an outage affecting wireless subscribers in X": the
		   users of a named service are affected [status-words] */
		if (WEQ(w, "affecting") || WEQ(w, "affected") ||
		    WEQ(w, "impacting") || WEQ(w, "impacted"))
			for (k = i + 1; k <= i + 2 && k + 1 < S->n; k++)
				if (S->t[k].util != 0 &&
				    tok_unit(&S->t[k + 1]) != NULL &&
				    *tok_unit(&S->t[k + 1]) != '\0')
					return add_cue(c, nc, i, RS_OUTAGE, 1,
					    S->t[k].util), 1;
		/* "parts of Quetta face similar cuts": the same kind of
		   cut as the cue before (which it refers back to) */
		if ((WEQ(p, "similar") || WEQ(p, "such") || (WEQ(p, "same") &&
		    tw(S, i - 2, "the"))) && *nc > 0 && !tin(S, i - 2, LX_NEGATE))
			return add_cue(c, nc, i, c[*nc - 1].status, 1,
			    u | utilities_near(S, i, WIN_AFTER)
			    | c[*nc - 1].util), 1;
		/* [definite-reference]: "after the blackout", "a city-wide
		   blackout" refer to a power cut that happened */
		if ((WEQ(w, "blackout") || WEQ(w, "blackouts")) &&
		    (WEQ(p, "the") || WEQ(p, "this") || WEQ(p, "that") ||
		    (strlen(p) > 5 && strcmp(p + strlen(p) - 5, "-wide") == 0) ||
		    WEQ(p, "nationwide") || WEQ(p, "statewide") ||
		    /* "confirmed a blackout across Kenya" */
		    tw(S, i + 1, "across") || tw(S, i + 1, "throughout")) &&
		    !tin(S, i - 2, LX_NEGATE) && !tin(S, i - 3, LX_NEGATE))
			strong = 1;

		return add_cue(c, nc, i, RS_OUTAGE, strong, u |
		    utilities_near(S, i, WIN_AROUND)), 1;
	}
	if (lx_in(lx, LX_RESTORED)) {
		/* "to restore" is a plan; "restoration work" is about work */
		/* "had yet to be reconnected", "not yet restored": out */
		if ((WEQ(p, "be") && tw(S, i - 2, "to") &&
		    tw(S, i - 3, "yet")) || WEQ(p, "yet") ||
		    (WEQ(p, "been") && (tw(S, i - 2, "not") ||
		    tw(S, i - 2, "yet"))))
			return add_cue(c, nc, i, RS_OUTAGE, 1, utilities_near(S,
			    i, WIN_AROUND)), 1;
		if (WEQ(p, "to") || (WEQ(w, "restoration") &&
		    (tw(S, i + 1, "work") || tw(S, i + 1, "works") ||
		    tw(S, i + 1, "efforts") || tw(S, i + 1, "crews") ||
		    tw(S, i + 1, "teams") || tw(S, i + 1, "process"))))
			return 0;
		return add_cue(c, nc, i, RS_RESTORED, 1,
		    utilities_near(S, i, WIN_AROUND)), 1;
	}
	/* "all lines were working again": the service is back */
	if (WEQ(w, "again") && (WEQ(p, "working") || WEQ(p, "functioning") ||
	    WEQ(p, "operating")) && (utilities_near(S, i, WIN_BEFORE) != 0 ||
	    tw(S, i - 3, "lines") || tw(S, i - 3, "connections") ||
	    tw(S, i - 3, "networks") || tw(S, i - 3, "services")))
		return add_cue(c, nc, i, RS_RESTORED, 1,
		    utilities_near(S, i, WIN_BEFORE)), 1;
	/* "all of them had power again" */
	if (WEQ(w, "again") && i >= 2 && (S->t[i - 1].util != 0 ||
	    (WEQ(p, "on") && S->t[i - 2].util != 0)) &&
	    (tw(S, i - 2, "had") || tw(S, i - 2, "have") ||
	    tw(S, i - 2, "has") || tw(S, i - 2, "with") || WEQ(p, "on")))
		return add_cue(c, nc, i, RS_RESTORED, 1, S->t[i - 1].util |
		    (i >= 2 ? S->t[i - 2].util : 0)), 1;
	if (WEQ(w, "back") && (utilities_near(S, i, WIN_BACK_BEFORE) != 0 ||
	    tw(S, i + 1, "online") || tw(S, i + 1, "on") ||
	    /* "supply was back for most of them" */
	    ((tw(S, i - 2, "supply") || tw(S, i - 2, "service") ||
	    tw(S, i - 2, "connection")) &&
	    (WEQ(p, "was") || WEQ(p, "is") || WEQ(p, "were") ||
	    WEQ(p, "are") || WEQ(p, "came") || WEQ(p, "comes")))))
		return add_cue(c, nc, i, RS_RESTORED, 1,
		    utilities_near(S, i, WIN_OUT)), 1;
	return 0;
}

/*
 * A future, hypothetical or advisory word at i [off-clause].  "ordered to
 * boil" is an order to people; "outages were ordered" is a fact.
 */
static int
modal_at(const struct sentence *S, size_t i)
{
	if (!lx_in(S->t[i].lx, LX_MODAL))
		return 0;
	if (WEQ(S->t[i].w, "ordered"))
		return tw(S, i + 1, "to");
	/* "risk losing water", "at risk of"; not "to cut the fire risk" */
	if (WEQ(S->t[i].w, "risk") || WEQ(S->t[i].w, "risks")) {
		const char *nx = next_word(S, i, 1);
		size_t l = strlen(nx);

		return tw(S, i + 1, "of") || (l > 4 &&
		    strcmp(nx + l - 3, "ing") == 0);
	}
	return 1;
}

/*
 * "No customers lost power", "nobody was cut off", "none of the homes":
 * the clause says the outage did not happen.
 */
static int
negated_subject(const struct sentence *S, size_t i)
{
	const char *u;

	if (WEQ(S->t[i].w, "nobody"))
		return 1;
	if (WEQ(S->t[i].w, "none"))
		return tw(S, i + 1, "of");
	if (!WEQ(S->t[i].w, "no") || i + 1 >= S->n)
		return 0;
	if (tw(S, i + 1, "one"))
		return 1;
	u = tok_unit(&S->t[i + 1]);
	return u != NULL && *u != '\0';
}

/* Does the clause say something future, hypothetical or advisory? */
int
clause_modal(const struct sentence *S, int clause)
{
	size_t i;

	for (i = 0; i < S->n; i++)
		if (S->t[i].clause == clause && modal_at(S, i))
			return 1;
	return 0;
}

/* Status cues of a sentence in token order, with their utilities. */
size_t
find_cues(struct sentence *S, struct cue *c)
{
	unsigned char skip[MAX_TOKENS];
	size_t i, nc = 0;
	int modal[MAX_TOKENS + 1];

	memset(skip, 0, sizeof(skip));
	/* the head tests again, before the calls: most words are neither */
	for (i = 0; i < S->n; i++)
		S->t[i].util = lx_in(S->t[i].lx, LX_UTILITY_HEAD) ?
		    word_utility(S, i) : 0;
	for (i = 0; i < S->n; i++)
		if (lx_in(S->t[i].lx, LX_STATUS_HEAD) && !skip[i])
			(void)status_word(S, i, skip, c, &nc);
	/* a clause with a future, hypothetical or advisory word is off */
	memset(modal, 0, sizeof(modal));
	for (i = 0; i < S->n; i++) {
		/* mark_clauses adds at most one clause a token: modal[]
		   has room for them all */
		assert(S->t[i].clause >= 0 && (size_t)S->t[i].clause <= i + 1);
		if (modal_at(S, i) || (lx_in(S->t[i].lx, LX_NEGATE) &&
		    negated_subject(S, i)))
			modal[S->t[i].clause] = 1;
	}
	for (i = 0; i < nc; i++)
		c[i].off = modal[S->t[c[i].tok].clause];
	return nc;
}
