/* SPDX-License-Identifier: MIT */
/*
 * cues.c - clauses and status cues: the clauses of a sentence, the
 * clauses that are no report, and the status cues found by the rules of
 * cue_rules.c.
 */
#include <assert.h>

#include "extract_int.h"

/* ---- clauses ----------------------------------------------------------- */

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

/* "expects to", "plans to", "hoped to": a finite verb of a plan */
static int
plan_verb(const struct sentence *S, size_t i)
{
	return tw(S, i + 1, "to") && (tw(S, i, "expects") ||
	    tw(S, i, "plans") ||
	    tw(S, i, "hopes") || tw(S, i, "aims") || tw(S, i, "intends") ||
	    tw(S, i, "expected") || tw(S, i, "planned") ||
	    tw(S, i, "hoped") || tw(S, i, "aimed") ||
	    tw(S, i, "intended") || tw(S, i, "expect") ||
	    tw(S, i, "plan") || tw(S, i, "hope") || tw(S, i, "aim") ||
	    tw(S, i, "intend"));
}

/*
 * ", and hot water has been cut off", ", and crews expected to restore
 * most by midnight": a short subject, then a finite auxiliary or a verb
 * of a plan, starts a clause of its own.  Short is up to seven words:
 * "about 40,000 homes in the city had".
 */
static int
new_subject(const struct sentence *S, size_t i)
{
	size_t k;

	for (k = i; k < S->n && k < i + 8; k++) {
		if (S->t[k].punct || tin(S, k, LX_CLAUSE))
			return 0;
		if (k > i && (tin(S, k, LX_AUX) ||
		    said_verb(S, k) || plan_verb(S, k)))
			return 1;
	}
	return 0;
}

/* The words of a future or hypothetical mood a clause may open with. */
static const char *const future_words[] = { "will", "would", "should",
    "could", "may", "might" };

/* "customers who have no heat as temperatures are set to plunge": "as"
   before a short subject and a forecast of its own (not "as of", "such
   as", "as well as", "as many as") is a clause of its own, whose mood is
   not the main clause's.  i is the token of "as".  mark_clauses() asks
   it only in a sentence with a word of LX_MODAL or LX_LATER: a word
   added below is added to one of those lists too. */
static int
as_future(const struct sentence *S, size_t i)
{
	size_t k;

	if (i == 0 || i + 3 >= S->n || tw(S, i + 1, "of") ||
	    tw(S, i + 1, "a") || tw(S, i - 1, "such") ||
	    tw(S, i - 1, "well") || tw(S, i - 1, "many") ||
	    tw(S, i - 1, "much") || tw(S, i - 1, "soon") ||
	    tw(S, i - 1, "long") || tw(S, i - 1, "far"))
		return 0;
	for (k = i + 2; k < S->n && k < i + 8; k++) {
		if (S->t[k].punct || tin(S, k, LX_CLAUSE))
			return 0;
		if (TW_ANY(S, k, future_words) || ((tw(S, k, "set") ||
		    tw(S, k, "expected") || tw(S, k, "forecast")) &&
		    tw(S, k + 1, "to")))
			return 1;
	}
	return 0;
}

/* ", the repair brigades will begin", "and the rest should be back": a
   short subject with "the", then a future or hypothetical word */
static int
future_subject(const struct sentence *S, size_t i)
{
	size_t k;

	if (!tw(S, i, "the"))
		return 0;
	for (k = i + 1; k < S->n && k < i + 4; k++) {
		if (S->t[k].punct || tin(S, k, LX_CLAUSE))
			return 0;
		if (TW_ANY(S, k, future_words) || tw(S, k, "expected"))
			return 1;
	}
	return 0;
}

/* ", most of whom will be restored by this afternoon", ", many of which
   ...": a relative clause about part of the group, with a mood of its
   own (i is the token after the comma) */
static int
of_whom(const struct sentence *S, size_t i)
{
	/* "of" first: one test rules out most words (speed only) */
	return i + 2 < S->n && tw(S, i + 1, "of") && (tw(S, i, "most") ||
	    tw(S, i, "many") || tw(S, i, "some") || tw(S, i, "all") ||
	    tw(S, i, "half") || tw(S, i, "several")) &&
	    (tw(S, i + 2, "whom") || tw(S, i + 2, "which"));
}

/* ", triple-zero calls may not connect": after a comma, a short bare
   subject (one or two lowercase words), then its mood (z-en-us). */
static int
bare_mood_subject(const struct sentence *S, size_t i)
{
	size_t k;

	if (i >= S->n || S->t[i].punct || S->t[i].cap ||
	    is_digit((unsigned char)S->t[i].w[0]) || tin(S, i, LX_CLAUSE))
		return 0;
	for (k = i + 1; k < S->n && k < i + 3; k++) {
		if (S->t[k].punct || tin(S, k, LX_CLAUSE))
			return 0;
		if (tw(S, k, "may") || tw(S, k, "might") ||
		    tw(S, k, "could") || tw(S, k, "will"))
			return 1;
	}
	return 0;
}

/* "Homes in A, B, and C were left ...", "customers in Maple Grove, Fox
   Hill, and Redbank are ...": the "and" at i ends a list of names with a
   serial comma (", B, and"), no second clause */
static int
serial_and(const struct sentence *S, size_t i)
{
	size_t k = i - 1;

	if (i < 4 || !tp(S, i - 1, ',') || i + 1 >= S->n || !S->t[i + 1].cap)
		return 0;
	/* back over the name before the comma, up to three words */
	while (k > 1 && k + 5 > i && S->t[k - 1].cap && !S->t[k - 1].punct)
		k--;
	return k < i - 1 && k >= 2 && tp(S, k - 1, ',') && S->t[k - 2].cap &&
	    !S->t[k - 2].punct;
}

/*
 * "has been partially restored and will return to normal by evening":
 * "and", then at once a future word, after a clause with a finite verb a
 * few words back: a second predicate, in the future, is its own clause
 * (G5), and leaves the first one asserted.  i is the token after "and".
 */
static int
and_future(const struct sentence *S, size_t i)
{
	size_t k;

	if (i < 2 || !TW_ANY(S, i, future_words))
		return 0;
	for (k = i - 1; k-- > 0 && k + 9 > i &&
	    S->t[k].clause == S->t[i - 2].clause;)
		if (tin(S, k, LX_AUX))
			return !tin(S, k, LX_MODAL);
	return 0;
}

/*
 * "were left without water on Monday and supply will resume on
 * Wednesday": after a clause with a finite verb, "and", a short subject
 * (not a name or a counted noun: "homes and businesses could lose
 * power", "the Buffalo and Rochester markets will" are one subject),
 * then a future or hypothetical word.  i is the token after "and".
 */
static int
future_after_and(const struct sentence *S, size_t i)
{
	size_t k;
	const char *u;

	if (i < 2 || i >= S->n || S->t[i].cap)
		return 0;
	for (k = i + 1; k < S->n && k < i + 4; k++) {
		if (S->t[k].punct || tin(S, k, LX_CLAUSE))
			return 0;
		if (tin(S, k, LX_MODAL))
			break;
	}
	if (k == S->n || k == i + 4 || !tin(S, k, LX_MODAL) ||
	    ((u = tok_unit(&S->t[i])) != NULL && *u != '\0'))
		return 0;
	/* the clause before "and" has a finite verb of its own, a few
	   words back ("were left", "remain without supply"): "restoring
	   heating and hot water could take" is one subject */
	for (k = i - 1; k-- > 0 && k + 9 > i &&
	    S->t[k].clause == S->t[i - 2].clause;)
		if (tin(S, k, LX_AUX) || tw(S, k, "remain") ||
		    tw(S, k, "remains") || tw(S, k, "remained"))
			break;
	if (k == SIZE_MAX || k + 9 <= i ||
	    S->t[k].clause != S->t[i - 2].clause)
		return 0;
	for (k = i; k < S->n && k < i + 4; k++) {
		if (S->t[k].punct || tin(S, k, LX_CLAUSE))
			return 0;
		if (k > i && (TW_ANY(S, k, future_words) ||
		    /* "and crews expect to restore them by Friday" */
		    ((tw(S, k, "expect") || tw(S, k, "expects") ||
		    tw(S, k, "plan") || tw(S, k, "plans")) &&
		    tw(S, k + 1, "to"))))
			return 1;
	}
	return 0;
}

/*
 * "Despite the utility's contingency plan, residents have been without
 * water", "After the storm, ...": a sentence that opens with a fronted
 * phrase of concession, time or cause has its main clause after the
 * first comma; a plan or a forecast in the phrase is not the main
 * clause's.  Not "if", "once", "when", "until": their main clause is
 * what they condition.
 */
static size_t
fronted_opener(const struct sentence *S)
{
	size_t k = 0;

	/* past a bracketed dateline: "(Kingston - Thursday, November 7)
	   With less than 2,000 customers still without electricity, ..." */
	if (S->n > 0 && tp(S, 0, '('))
		for (k = 1; k < S->n && k < 24 && !tp(S, k - 1, ')'); k++)
			;
	/* English only: lexicon_uk.c reads "після", "через" as "after",
	   "because", and a Cyrillic sentence's fronted phrase (no comma
	   rule there) is not this one.  The opener's token + 1, or 0. */
	return k < S->n && !S->t[k].cyr && tin(S, k, LX_FRONTED) ? k + 1 : 0;
}

/* Does the relative clause from "which" at i to its closing comma hold
   a future or hypothetical word ("which is forecast to reach the coast",
   "which could strengthen")?  Only then is its mood apart from the main
   clause's; otherwise it stays the clause it was (its places are the
   counts' after it: "X, which has 2 million clients in Santiago, said
   210,000 of them ..."). */
static int
moody_relative(const struct sentence *S, size_t i)
{
	size_t k;
	int moody = 0;

	for (k = i + 1; k < S->n && !S->t[k].punct; k++)
		moody |= tin(S, k, LX_MODAL) || tin(S, k, LX_LATER);
	/* closed by a comma: the main clause goes on after it */
	return moody && k < S->n && tp(S, k, ',');
}

/* "with overnight restrictions likely to follow": "with" (token
   i), a short noun phrase, then a word of a forecast and "to" */
static int
with_forecast(const struct sentence *S, size_t i)
{
	size_t k;

	for (k = i + 2; k < S->n && k <= i + 5; k++) {
		if (S->t[k].punct || S->t[k - 1].punct)
			return 0;
		if ((tw(S, k, "likely") || tw(S, k, "expected") ||
		    tw(S, k, "set") || tw(S, k, "due")) && tw(S, k + 1, "to"))
			return 1;
	}
	return 0;
}

/*
 * Clause numbers: ";", ":", "but", "while", ", with", ", which",
 * "however", ", and" before a verb, the comma after a fronted phrase,
 * ", adding that", and "with" before a forecast ("with restrictions
 * likely to follow").
 */
void
mark_clauses(struct sentence *S)
{
	size_t i;
	int c = 0, top = 0, main_clause = -1;
	size_t fronted = fronted_opener(S);
	/* Speed only: future_subject(), bare_mood_subject(), and_future()
	   and future_after_and() each hold only at a word of LX_MODAL
	   (future_words[], "expected" and the rest are in its list): in a
	   sentence without one they would say no.  The eager mode asks
	   them all the same. */
	int moody = s_has(S, LX_MODAL) || extract_eager();
	/* Speed only: as_future() holds only at a word of LX_MODAL (its
	   future_words[], "expected", "forecast") or LX_LATER ("set"): in
	   a sentence with neither it would say no.  The eager mode asks it
	   all the same (moody) */
	int may_as = moody || s_has(S, LX_LATER);

	for (i = 0; i < S->n; i++) {
		struct tok *t = &S->t[i], *end = &S->t[S->n];

		/* Speed only (the same numbers): a word that is no mark, no
		   word of LX_CLAUSE and not "as" (most words) takes clause c
		   and changes nothing, as the tests below would; a loop of
		   its own passes over a run of them */
		while (!t->punct && !lx_in(t->lx, LX_CLAUSE) &&
		    !(t->w[0] == 'a' && t->w[1] == 's' && t->w[2] == '\0')) {
			t->clause = (int16_t)c;
			if (++t == end)
				return;
		}
		i = (size_t)(t - S->t);
		if (t->punct) {
			/* "The storm, which is forecast to reach the coast,
			   left 20,000 homes without power": the comma that
			   closes a relative clause goes back to the main
			   one, whose own mood the relative's does not set */
			if (main_clause >= 0 && t->w[0] == ',') {
				c = main_clause;
				main_clause = -1;
			}
			if (fronted > 0 && i >= fronted && t->w[0] == ',') {
				fronted = 0;
				c = ++top;
			}
			/* " — crews will ...": a dash before a subject and
			   its verb starts a clause; so does ", the brigades
			   will begin works ...", a comma before a subject and
			   its future */
			if (t->w[0] == ';' || t->w[0] == ':' ||
			    (t->w[0] == '-' && new_subject(S, i + 1)) ||
			    (t->w[0] == ',' && ((moody &&
			    (future_subject(S, i + 1) ||
			    bare_mood_subject(S, i + 1))) ||
			    of_whom(S, i + 1))) ||
			    /* ", prompting warnings some could be without
			       power": a consequence with a mood of its own
			       (z-en-us) */
			    (t->w[0] == ',' && (tw(S, i + 1, "prompting") ||
			    tw(S, i + 1, "sparking") ||
			    tw(S, i + 1, "raising") ||
			    /* ", hoping to finish by Friday" */
			    tw(S, i + 1, "hoping") ||
			    /* ", adding that some may wait for days": a
			       statement with a mood of its own */
			    ((tw(S, i + 1, "adding") ||
			    tw(S, i + 1, "warning") ||
			    tw(S, i + 1, "noting") ||
			    tw(S, i + 1, "cautioning")) &&
			    tw(S, i + 2, "that"))))) {
				c = ++top;
				main_clause = -1;
			}
		} else if (lx_in(t->lx, LX_CLAUSE)) {
			int after_comma = i > 0 && tp(S, i - 1, ',');

			/* ", with", and ", which left ...": a relative clause
			   asserts its own fact, whatever the main clause urged
			   or planned; ", and is considering ...": a second
			   predicate of the same subject asserts (or plans) its
			   own thing */
			if (WEQ(t->w, "with") || WEQ(t->w, "which")) {
				if (after_comma) {
					/* a relative clause right after the
					   sentence's subject ("The storm,
					   which ..."): the main clause goes
					   on after its closing comma */
					if (WEQ(t->w, "which") && i >= 2 &&
					    i <= 5 && c == 0 && top == 0 &&
					    moody_relative(S, i))
						main_clause = c;
					c = ++top;
				} else if (WEQ(t->w, "with") &&
				    with_forecast(S, i))
					/* "are without water with restrictions
					   likely to follow": the
					   forecast is a clause of its own */
					c = ++top;
			} else if (WEQ(t->w, "and")) {
				if ((after_comma && !serial_and(S, i) &&
				    (aux_verb(S, i + 1) ||
				    said_verb(S, i + 1) ||
				    new_subject(S, i + 1))) ||
				    /* "had been reconnected and the rest
				       would be back by Friday": the future
				       is its own clause (G5) */
				    (moody && (future_subject(S, i + 1) ||
				    future_after_and(S, i + 1) ||
				    and_future(S, i + 1))) ||
				    /* "restored service to 16,500 customers
				       and expects to finish on Thursday": a
				       plan of its own, no comma needed */
				    plan_verb(S, i + 1))
					c = ++top;
			} else
				c = ++top;
		} else if (may_as && WEQ(t->w, "as") && as_future(S, i))
			c = ++top;
		S->t[i].clause = c;
	}
}

/* ---- clauses that are no report --------------------------------------- */

/*
 * Phrases that put a clause later or in doubt [off-clause]: "is set to
 * cut", "due to be restored", "from next week", "tomorrow", "in case
 * supply is cut", "the possibility that", "preparing for", "bracing for",
 * "Estimated restoration for ...".  A word added to the switch below is
 * added to LX_LATER's list in lexicon.c too (the gate skips the rest).
 */
static int
later_at(const struct sentence *S, size_t i)
{
	const char *w = S->t[i].w;

	/* most words are none of the words below (LX_LATER lists them):
	   one bit, not the switch and its compares, for every token */
	if (S->t[i].punct || !lx_in(S->t[i].lx, LX_LATER))
		return 0;
	switch (w[0]) {
	case 's':	/* "is set to cut" */
		return WEQ(w, "set") && tw(S, i + 1, "to") && i > 0 &&
		    tin(S, i - 1, LX_AUX);
	case 'd':	/* "due to be restored", "due back" */
		return WEQ(w, "due") && ((tw(S, i + 1, "to") &&
		    tw(S, i + 2, "be")) || tw(S, i + 1, "back"));
	case 'n':	/* "from next week", "next Monday" */
		if (!WEQ(w, "next") || i + 1 >= S->n)
			return 0;
		w = S->t[i + 1].w;
		return WEQ(w, "week") || WEQ(w, "month") || WEQ(w, "year") ||
		    WEQ(w, "weekend") || WEQ(w, "monday") ||
		    WEQ(w, "tuesday") || WEQ(w, "wednesday") ||
		    WEQ(w, "thursday") || WEQ(w, "friday") ||
		    WEQ(w, "saturday") || WEQ(w, "sunday") ||
		    WEQ(w, "winter") || WEQ(w, "summer");
	case 't':
		return WEQ(w, "tomorrow");
	case 'c':	/* "in case supply is cut again" */
		return WEQ(w, "case") && i > 0 && tw(S, i - 1, "in");
	case 'p':
		return WEQ(w, "possibility") || WEQ(w, "preparing") ||
		    WEQ(w, "prepare") || WEQ(w, "prepares");
	case 'b':
		return WEQ(w, "bracing") || WEQ(w, "brace") ||
		    WEQ(w, "braces");
	case 'e':	/* "Estimated restoration for the 6,400 customers" */
		return WEQ(w, "estimated") && (tw(S, i + 1, "restoration") ||
		    tw(S, i + 1, "time") || tw(S, i + 1, "times"));
	}
	return 0;
}

/*
 * A future, hypothetical or advisory word at i [off-clause].  "ordered to
 * boil" is an order to people; "outages were ordered" is a fact.
 */
/* Does a with-phrase hold token i: "with" at most five words back, no
   punctuation and no finite auxiliary between? */
static int
with_phrase(const struct sentence *S, size_t i)
{
	size_t k;

	for (k = i; word_back(k, i, 6); k--) {
		if (S->t[k - 1].punct || tin(S, k - 1, LX_AUX))
			return 0;
		if (tw(S, k - 1, "with"))
			return 1;
	}
	return 0;
}

static int
modal_at(const struct sentence *S, size_t i)
{
	if (!lx_in(S->t[i].lx, LX_MODAL))
		return later_at(S, i);
	/* "subscribers could not make phone calls": what they were
	   unable to do, no hypothesis (the verbs of cue_checks.c's
	   cannot_before(), LX_ACCESS) */
	if (WEQ(S->t[i].w, "could") && tw(S, i + 1, "not") &&
	    tin(S, i + 2, LX_ACCESS))
		return 0;
	/* "Santiago, May 9", "on 21 May", "since May", "in early May":
	   the month, no "may" */
	if (S->t[i].cap && WEQ(S->t[i].w, "may") && ((i + 1 < S->n &&
	    is_digit((unsigned char)S->t[i + 1].w[0])) || (i > 0 &&
	    (is_digit((unsigned char)S->t[i - 1].w[0]) ||
	    tw(S, i - 1, "since") || tw(S, i - 1, "in") ||
	    tw(S, i - 1, "until") || tw(S, i - 1, "early") ||
	    tw(S, i - 1, "late") || tw(S, i - 1, "mid") ||
	    tw(S, i - 1, "last") || tw(S, i - 1, "of") ||
	    tw(S, i - 1, "from")))))
		return 0;
	if (WEQ(S->t[i].w, "ordered"))
		return tw(S, i + 1, "to");
	/* "a plan to restore", "plans for rolling cuts", "they plan
	   outages"; not "the contingency plan" named as a thing */
	if ((WEQ(S->t[i].w, "plan") || WEQ(S->t[i].w, "plans")) && i > 0 &&
	    (tw(S, i - 1, "the") || tw(S, i - 1, "a") ||
	    tw(S, i - 1, "its") || tw(S, i - 1, "their") ||
	    tw(S, i - 1, "contingency") || tw(S, i - 1, "emergency")))
		return tw(S, i + 1, "to") || tw(S, i + 1, "for");
	/* "risk losing water", "at risk of"; not "to cut the fire risk" */
	if (WEQ(S->t[i].w, "risk") || WEQ(S->t[i].w, "risks")) {
		const char *nx = next_word(S, i, 1);
		size_t l = strlen(nx);

		return tw(S, i + 1, "of") || (l > 4 &&
		    strcmp(nx + l - 3, "ing") == 0);
	}
	/* "it is possible to impose cuts", "possible that"; not "as
	   soon as possible" */
	if (WEQ(S->t[i].w, "possible"))
		return (tw(S, i + 1, "to") || tw(S, i + 1, "that")) &&
		    /* "it was possible to restore supply to all": done
		       (achieved(), cue_checks.c) */
		    !(tw(S, i - 1, "was") && tin(S, i + 2, LX_RESTORED));
	/* "still without power with more wild weather expected": a
	   forecast in a with-phrase is the weather's, not the clause's
	   (z-en-us) */
	if ((WEQ(S->t[i].w, "expected") || WEQ(S->t[i].w, "forecast") ||
	    WEQ(S->t[i].w, "predicted")) && !tw(S, i + 1, "to")) {
		/* "less forceful than expected", "as expected": a
		   comparison with the forecast, no forecast itself */
		if (i > 0 && (tw(S, i - 1, "than") || tw(S, i - 1, "as")))
			return 0;
		return !with_phrase(S, i);
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

/*
 * "no load shedding was implemented", "no rotating outages were needed",
 * "the 120th day without power cuts": "no", "without" or "zero" right
 * before the cue, across a few words that only say what kind of cut,
 * says it did not happen [off-clause].
 */
static int
negated_cue(const struct sentence *S, size_t ct)
{
	static const char *const kinds[] = { "any", "further", "major",
	    "rolling", "rotating", "rotational", "scheduled", "planned",
	    "power", "electricity", "load", "significant", "new", "more",
	    "widespread", "unplanned", "forced", "emergency", "reported" };
	size_t i = ct, n, k;
	int hit;

	/* "without power cuts": without the cuts, not without power;
	   "no rolling blackouts" */
	if (tw(S, ct, "without") || tw(S, ct, "no"))
		for (k = ct + 1; k < S->n && k <= ct + 3; k++)
			if (tw(S, k, "cuts") || tw(S, k, "outages") ||
			    tw(S, k, "interruptions") ||
			    tw(S, k, "blackouts") || tw(S, k, "shedding") ||
			    tw(S, k, "load-shedding"))
				return 1;
	/* "Rolling blackouts were avoided": the cue's own verb says it
	   did not happen */
	for (k = ct + 1; k < S->n && k <= ct + 4; k++) {
		if (tw(S, k, "avoided") || tw(S, k, "averted") ||
		    tw(S, k, "prevented"))
			return tw(S, k - 1, "were") || tw(S, k - 1, "was") ||
			    tw(S, k - 1, "been");
		if (S->t[k].punct)
			break;
	}
	/* "Power was never lost" */
	if (ct >= 1 && tw(S, ct - 1, "never"))
		return 1;
	/* Speed only: the walk below says yes only at a "no", "without"
	   or "zero" among the three words before the cue; with none there
	   (most cues) it says no, without its test of each word against
	   the kinds */
	for (n = 0, k = ct, hit = 0; n < 3 && k > 0 && !hit; n++) {
		k--;
		hit = tw(S, k, "no") || tw(S, k, "without") ||
		    tw(S, k, "zero");
	}
	if (!hit && !extract_eager())	/* the eager mode walks on */
		return 0;
	for (n = 0; n < 3 && i > 0; n++) {
		i--;
		if (S->t[i].punct)
			return 0;
		if (tw(S, i, "no") || tw(S, i, "without") || tw(S, i, "zero"))
			return 1;
		if (!TW_ANY(S, i, kinds))
			return 0;
	}
	return 0;
}

/*
 * "held a blackout drill, simulating a loss of power for 400,000
 * residents": an exercise, not an event [off-clause].  find_cues() asks
 * it only of a word of LX_EXERCISE: a word added below is added to that
 * list in lexicon.c too.
 */
static int
exercise_at(const struct sentence *S, size_t i)
{
	const char *w = S->t[i].w;

	if (w[0] != 'd' && w[0] != 's' && w[0] != 'e' && w[0] != 'r')
		return 0;
	return WEQ(w, "drill") || WEQ(w, "drills") || WEQ(w, "simulating") ||
	    WEQ(w, "simulated") || WEQ(w, "simulation") ||
	    WEQ(w, "rehearsal") || (WEQ(w, "exercise") && i > 0 &&
	    (tw(S, i - 1, "the") || tw(S, i - 1, "an") ||
	    tw(S, i - 1, "training") || tw(S, i - 1, "emergency")));
}

/*
 * A storm, a flood, a war and the like (hazard_affected()).  Speed only
 * (the same answer as TW_ANY() over the list, of a word): its first byte
 * picks the few it may be, each compared as WEQ() does, not a pass over
 * the whole list with a strcmp() call at each of the same first letter.
 */
static int
hazard_word(const char *w)
{
	switch (w[0]) {
	case 'c':
		return WEQ(w, "cyclone") || WEQ(w, "conflict");
	case 'd':
		return WEQ(w, "disaster") || WEQ(w, "drought");
	case 'e':
		return WEQ(w, "earthquake");
	case 'f':
		return WEQ(w, "flood") || WEQ(w, "floods") ||
		    WEQ(w, "flooding") || WEQ(w, "fire") || WEQ(w, "fires");
	case 'h':
		return WEQ(w, "hurricane") || WEQ(w, "heatwave");
	case 'l':
		return WEQ(w, "landslide");
	case 'q':
		return WEQ(w, "quake");
	case 's':
		return WEQ(w, "storm");
	case 't':
		return WEQ(w, "typhoon") || WEQ(w, "tornado") ||
		    WEQ(w, "tsunami");
	case 'w':
		return WEQ(w, "wildfire") || WEQ(w, "war");
	default:
		return 0;
	}
}

/*
 * "The cyclone had affected a total of 1.65 crore people": a storm or a
 * flood affecting people, in a clause that names no utility, tells of
 * the disaster, not of an outage [off-clause].
 */
static int
hazard_affected(const struct sentence *S, size_t ct)
{
	size_t i, n;

	if (!tw(S, ct, "affected") && !tw(S, ct, "impacted") &&
	    !tw(S, ct, "affecting") && !tw(S, ct, "hit"))
		return 0;
	for (i = 0; i < S->n; i++)
		if (S->t[i].clause == S->t[ct].clause && S->t[i].util != 0)
			return 0;
	for (i = ct, n = 0; i > 0 && n < 5; n++) {
		i--;
		if (S->t[i].punct)
			return 0;
		if (hazard_word(S->t[i].w))	/* not punct, as asked */
			return 1;
	}
	return 0;
}

/*
 * "continue working to bring the remaining 6,500 customers back online",
 * "racing to get 40,000 homes reconnected": a restoration cue after an
 * effort under way ("working/continue to bring/get/restore/reconnect"),
 * with no finite verb between, is restoration in progress: partial (G7).
 */
static int
in_progress(const struct sentence *S, size_t ct)
{
	size_t k;

	/* "The restoration of power supplies in X has continued",
	   "restoration ... is under way": the work goes on */
	if (tw(S, ct, "restoration"))
		for (k = ct + 1; k < S->n && k < ct + 14 &&
		    S->t[k].clause == S->t[ct].clause; k++)
			if (tw(S, k, "continued") || tw(S, k, "continues") ||
			    tw(S, k, "continuing") || tw(S, k, "ongoing") ||
			    (tw(S, k, "under") && tw(S, k + 1, "way")))
				return 1;
	for (k = ct; k >= 2 && k + 10 > ct; k--) {
		if (S->t[k - 1].punct || S->t[k - 1].clause !=
		    S->t[ct].clause || (k < ct && tin(S, k - 1, LX_AUX)))
			return 0;
		if ((tw(S, k - 1, "bring") || tw(S, k - 1, "get") ||
		    tw(S, k - 1, "restore") || tw(S, k - 1, "reconnect")) &&
		    tw(S, k - 2, "to"))
			return k >= 3 && (tw(S, k - 3, "working") ||
			    tw(S, k - 3, "work") || tw(S, k - 3, "continue") ||
			    tw(S, k - 3, "continues") ||
			    tw(S, k - 3, "continued") ||
			    tw(S, k - 3, "racing") ||
			    tw(S, k - 3, "scrambling") ||
			    tw(S, k - 3, "struggling"));
	}
	return 0;
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

/* The word of lx that holds both head bits, and a head's bit in it. */
#define HEAD_WORD	(LX_STATUS_HEAD / 64)
#define HEAD_BIT(l)	(UINT64_C(1) << ((l) % 64))
_Static_assert(LX_UTILITY_HEAD / 64 == HEAD_WORD,
    "find_cues: the head bits in one word of lx");
/* List l's bit of lx, in place (nonzero when it holds the word): ORed
   with others, the compiler tests a word of lx once for all of them */
#define LX_TERM(lx, l)	((lx)[(l) / 64] & (UINT64_C(1) << ((l) % 64)))

/* Status cues of a sentence in token order, with their utilities. */
size_t
find_cues(struct sentence *S, struct cue *c)
{
	unsigned char skip[MAX_TOKENS];
	uint16_t heads[MAX_TOKENS];
	size_t i, h, nh = 0, nc = 0;
	int modal[MAX_TOKENS + 1], utils = 0;
	struct tok *t, *end = &S->t[S->n];

	/* the head tests again, before the calls: most words are neither.
	   Speed only: the pass that sets every token's utilities notes the
	   status heads, and the second pass visits only those, in order
	   (skip[] is read at each, as the pass over every token did) */
	for (t = S->t; t < end; t++) {
		/* Speed only: the two head bits are in one word of lx, so a
		   token with neither (most) is passed over by one test (and
		   a pointer to the end, which the stores to util do not make
		   the compiler read again as they do S->n) */
		uint64_t m = t->lx[HEAD_WORD] & (HEAD_BIT(LX_UTILITY_HEAD) |
		    HEAD_BIT(LX_STATUS_HEAD));

		t->util = 0;
		if (m == 0)
			continue;
		i = (size_t)(t - S->t);
		if (m & HEAD_BIT(LX_UTILITY_HEAD))
			utils |= t->util = (uint8_t)word_utility(S, i);
		if (m & HEAD_BIT(LX_STATUS_HEAD)) {
			/* skip[] is read at the heads alone (status_word()
			   may mark any token): only theirs are cleared */
			skip[i] = 0;
			heads[nh++] = (uint16_t)i;
		}
	}
	for (h = 0; h < nh; h++)
		if (!skip[heads[h]])
			(void)status_word(S, heads[h], utils, skip, c, &nc);
	/* no cue: nothing below has one to turn off (speed only) */
	if (nc == 0)
		return 0;
	/* a clause with a future, hypothetical or advisory word is off */
	memset(modal, 0, (S->n + 1) * sizeof(modal[0]));
	/* mark_clauses() numbers clauses up from 0, at most one more a
	   token: modal[] has room for them all (the last is the most) */
	assert(S->t[0].clause >= 0 && (size_t)S->t[S->n - 1].clause <= S->n);
	/* each test below starts from a word of one of four lists: a
	   sentence with none needs no pass */
	if (s_has(S, LX_MODAL) || s_has(S, LX_LATER) ||
	    s_has(S, LX_NEGATE) || s_has(S, LX_EXERCISE))
		for (t = S->t; t < end; t++) {
			/* Speed only: a word of none of the four lists (most)
			   passes none of the tests below; the compiler makes
			   the four bits one mask test a word of lx */
			if ((LX_TERM(t->lx, LX_MODAL) |
			    LX_TERM(t->lx, LX_LATER) |
			    LX_TERM(t->lx, LX_NEGATE) |
			    LX_TERM(t->lx, LX_EXERCISE)) == 0)
				continue;
			i = (size_t)(t - S->t);
			/* modal_at() is true only of a word of LX_MODAL or
			   (by later_at()) LX_LATER: two bits, not a call,
			   for the rest */
			if (((lx_in(S->t[i].lx, LX_MODAL) ||
			    lx_in(S->t[i].lx, LX_LATER)) && modal_at(S, i) &&
			    !ongoing_until(S, i)) ||	/* outage_checks.c */
			    (lx_in(S->t[i].lx, LX_NEGATE) &&
			    negated_subject(S, i)))
				modal[S->t[i].clause] = 1;
			/* a drill anywhere: the whole sentence is the
			   exercise */
			if (lx_in(S->t[i].lx, LX_EXERCISE) &&
			    !S->t[i].punct && exercise_at(S, i))
				modal[0] = -1;
		}
	for (i = 0; i < nc; i++)
		c[i].off = modal[0] < 0 || modal[S->t[c[i].tok].clause] ||
		    negated_cue(S, c[i].tok) || hazard_affected(S, c[i].tok);
	for (i = 0; i < nc; i++)
		if (c[i].status == RS_RESTORED && !S->t[c[i].tok].cyr &&
		    in_progress(S, c[i].tok))
			c[i].status = RS_PARTIAL;
		else if (c[i].status == RS_PARTIAL &&
		    result_participle(S, c[i].tok))
			c[i].status = RS_RESTORED;
	/* "hours in the dark as the utility increased load-shedding":
	   power cut by load-shedding is rationed, so partial */
	for (i = 0; i < nc; i++)
		if (c[i].status == RS_PARTIAL && c[i].util == U(UTIL_POWER) &&
		    (tin(S, c[i].tok, LX_SHEDDING) ||
		    tin(S, c[i].tok, LX_LOAD_SHEDDING)))
			break;
	for (size_t k = 0; i < nc && k < nc; k++)
		if (c[k].status == RS_OUTAGE && c[k].util == U(UTIL_POWER))
			c[k].status = RS_PARTIAL;
	return nc;
}
