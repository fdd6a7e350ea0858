/* SPDX-License-Identifier: MIT */
/*
 * report_passes.c - passes over a sentence's new reports, made after its
 * counted and count-less reports (extract.c calls them in order): the
 * places after ", including" told as the report before them [including]
 * and the places after a list's introducer [intro-list], each a report
 * of its own; a count-less restoration said of the whole list of places
 * the sentence before told out [list-restored]; a whole said to be back
 * after its outage was told [later-back]; a restoration said in brackets
 * of the figure before them [bracket-status]; and an outage after the
 * "after" of a restoration, which is history [back-after].  (The pass of
 * [possessive-inner] is possessive_places.c's.)
 */
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "extract_int.h"

/* The words that say a group of users is back ("are connected"); each
   is in LX_RESTORED, LX_CONNECTED, LX_RECOVERED or LX_ACCESS (a gate of
   later_back() rests on it). */
static int
back_word(const struct sentence *S, size_t k)
{
	static const char *const backs[] = {
		"connected", "reconnected", "restored", "recovered",
		"supplied", "re-energized", "re-energised"
	};

	return TW_ANY(S, k, backs);
}

/* A clause opens before token i: the sentence's start, a comma, a
   quote or a conjunction. */
static int
opens_clause(const struct sentence *S, size_t i)
{
	static const char *const conj[] = {
		"although", "though", "but", "and", "while", "whereas"
	};

	if (i == 0)
		return 1;
	if (S->t[i - 1].punct)
		return tp(S, i - 1, ',') || tp(S, i - 1, ';') ||
		    tp(S, i - 1, '"') || tp(S, i - 1, ':') ||
		    strcmp(S->t[i - 1].w, "\xc2\xab") == 0 ||
		    strcmp(S->t[i - 1].w, "\xe2\x80\x9c") == 0;
	return TW_ANY(S, i - 1, conj);
}

/*
 * [later-back] "All consumers left without power after the attack are
 * already connected", "..., although most recovered within three hours":
 * the group whose outage was told is back, so the report of that outage
 * is a restoration (the state the passage ends on).  The subject is "all"
 * or "most" opening a clause (not "restored to all customers"), the verb
 * a done one: no modal, future or negation between ("all will be
 * restored by Friday", "not all are connected"), no "all but".  Gives
 * the token after the verb, 0 when the sentence says no such thing.
 */
static size_t
whole_back(const struct sentence *S, int all_only)
{
	static const char *const stop[] = {
		"will", "would", "should", "could", "may", "might", "must",
		"expected", "to", "be", "not", "yet", "hope", "hoped", "hopes",
		"but", "except", "no", "once", "until", "when",
		"if", "can"
	};
	size_t i, k;

	for (i = 0; i < S->n; i++) {
		if (!(tw(S, i, "all") || (!all_only && tw(S, i, "most"))) ||
		    !opens_clause(S, i))
			continue;
		for (k = i + 1; k < S->n && k <= i + 16; k++) {
			if (S->t[k].punct && !tp(S, k, ','))
				break;
			if (TW_ANY(S, k, stop))
				break;
			if (!back_word(S, k))
				continue;
			/* "supplied" says it only of a utility: "supplied
			   with power" */
			if (tw(S, k, "supplied") && !(tw(S, k + 1, "with") &&
			    word_utility(S, k + 2) != 0))
				break;
			/* "most recovered": right after the subject, or
			   after a be/have verb */
			if (k == i + 1 || tw(S, k - 1, "been") ||
			    tw(S, k - 1, "are") || tw(S, k - 1, "were") ||
			    tw(S, k - 1, "is") || tw(S, k - 1, "already") ||
			    tw(S, k - 1, "now") || tw(S, k - 1, "since"))
				return k + 1;
			break;
		}
	}
	return 0;
}

void
later_back(struct context *C, const struct sentence *S, size_t first,
    int done)
{
	size_t j, from, last = 0;

	/* cheap gates first: a report to turn (an outage of this
	   sentence and no restoration; or the sentence right before told
	   only outages), then "all" (or "most") */
	if (C->nr == 0 || (done && C->nr == first))
		return;
	if (done) {
		for (j = first; j < C->nr; j++)
			if (C->r[j].status == RS_RESTORED)
				return;
		for (j = first; j < C->nr; j++)
			if (C->r[j].status == RS_OUTAGE)
				break;
		if (j == C->nr)
			return;
	} else {
		last = C->r[C->nr - 1].sentence_start;
		if (C->r[C->nr - 1].status != RS_OUTAGE ||
		    last + C->r[C->nr - 1].sentence_len > S->start ||
		    !blank_between(S->text, last +
		    C->r[C->nr - 1].sentence_len, S->start))
			return;
		/* and this one names no place of its own ("In York, all
		   customers have been reconnected": York's); speed only,
		   asked before "all" is looked for: most sentences name
		   one in their first words */
		for (j = 1; j < S->n; j++)
			if (S->t[j].cap && !S->t[j].punct)
				return;
	}
	/* Speed only (the same output): whole_back() needs a word of
	   back_word(), and each is in one of these lexicon lists (a word
	   added there must be in one too; the eager mode reads on) */
	if (!s_has(S, LX_RESTORED) && !s_has(S, LX_CONNECTED) &&
	    !s_has(S, LX_RECOVERED) && !s_has(S, LX_ACCESS) &&
	    !extract_eager())
		return;
	for (j = 0; j < S->n; j++)
		if ((S->t[j].w[0] == 'a' && tw(S, j, "all")) ||
		    (done && S->t[j].w[0] == 'm' && tw(S, j, "most")))
			break;
	/* the sentence before is said back only by "all": "most of them
	   had been reconnected" is a restoration report of its own, the
	   outage before it stands */
	if (j == S->n || whole_back(S, !done) == 0)
		return;
	if (done) {
		/* the sentence's own outages: "All consumers whose houses
		   were left without power are already connected" */
		for (j = first; j < C->nr; j++)
			if (C->r[j].status == RS_OUTAGE)
				C->r[j].status = RS_RESTORED;
		return;
	}
	/* before the sentence's own reports: the sentence right before,
	   when it told outages (and this one names no place of its own:
	   asked above) */
	for (from = C->nr; from > 0 && C->r[from - 1].sentence_start == last;
	    from--)
		if (C->r[from - 1].status != RS_OUTAGE)
			return;
	for (j = from; j < C->nr; j++)
		C->r[j].status = RS_RESTORED;
}

/* Where report r's count phrase starts in sentence S; SIZE_MAX: none. */
static size_t
count_at(const struct sentence *S, const struct extract_report *r)
{
	size_t n = strlen(r->count_text), i;
	const char *s = S->text + S->start;

	if (n == 0 || n > S->len)
		return SIZE_MAX;
	for (i = 0; i + n <= S->len; i++)
		if (memcmp(s + i, r->count_text, n) == 0)
			return S->start + i;
	return SIZE_MAX;
}

/*
 * [bracket-status] "16 settlements were cut off in X (all of them have
 * already been restored), 5 settlements in Y": the restoration in
 * brackets is said of the figure before them; the figure after the
 * brackets goes on in the status of the sentence's cue outside them.
 */
void
bracket_status(struct context *C, const struct sentence *S, size_t first)
{
	size_t i, open = SIZE_MAX, close = SIZE_MAX, cue = SIZE_MAX, j, at;
	size_t before = SIZE_MAX, best = 0;

	/* speed: no bracket in the sentence's bytes, nothing to do */
	if (C->nr < first + 2 ||
	    memchr(S->text + S->start, '(', S->len) == NULL)
		return;
	for (i = 0; i < S->n; i++) {
		if (tp(S, i, '('))
			open = i;
		else if (tp(S, i, ')') && open != SIZE_MAX) {
			close = i;
			break;
		} else if (open != SIZE_MAX && cue == SIZE_MAX &&
		    (tw(S, i, "restored") || tw(S, i, "reconnected")))
			cue = i;
	}
	if (close == SIZE_MAX || cue == SIZE_MAX)
		return;
	/* the counted report ending nearest before the brackets */
	for (j = first; j < C->nr; j++) {
		at = count_at(S, &C->r[j]);
		if (at == SIZE_MAX || at >= S->t[open].start)
			continue;
		if (before == SIZE_MAX || at > best) {
			before = j;
			best = at;
		}
	}
	if (before == SIZE_MAX || C->r[before].status == RS_RESTORED)
		return;
	for (j = first; j < C->nr; j++) {
		at = count_at(S, &C->r[j]);
		if (at == SIZE_MAX || at <= S->t[close].start ||
		    C->r[j].status != RS_RESTORED ||
		    strcasecmp(C->r[j].cue, S->t[cue].w) != 0)
			continue;
		C->r[j].status = C->r[before].status;
	}
	C->r[before].status = RS_RESTORED;
}

/*
 * [back-after] "Customers have regained power after the nationwide
 * blackout last Friday", "supply returned following Monday's outage": the
 * outage after "after" / "following" is the one the restoration ended,
 * history, not a report of its own.  A count-less outage of the sentence
 * whose cue word comes (over "the", a day or adjectives, four words at
 * most) after such a word, later than a restoration the sentence told for
 * the same utility and place, is dropped.
 */
void
back_after(struct context *C, const struct sentence *S, size_t first)
{
	size_t j, r, k, w, back = SIZE_MAX;

	if (C->nr < first + 2)
		return;
	for (r = first; r < C->nr; r++)
		if (C->r[r].status == RS_RESTORED)
			break;
	if (r == C->nr)
		return;
	/* the restoration's cue word in the sentence */
	for (k = 0; k < S->n; k++)
		if (!S->t[k].punct &&
		    strcasecmp(S->t[k].w, C->r[r].cue) == 0) {
			back = k;
			break;
		}
	if (back == SIZE_MAX)
		return;
	for (j = first; j < C->nr; j++) {
		/* a place of its own ("hours after a blackout across
		   Kenya" after Kisumu's restoration) is a report */
		if (C->r[j].status != RS_OUTAGE ||
		    C->r[j].count_text[0] != '\0')
			continue;
		for (w = first; w < C->nr; w++)
			if (C->r[w].status == RS_RESTORED &&
			    C->r[w].utility == C->r[j].utility &&
			    C->r[w].region == C->r[j].region &&
			    strcmp(C->r[w].mention, C->r[j].mention) == 0)
				break;
		if (w == C->nr)
			continue;
		for (k = back + 1; k < S->n; k++) {
			if (S->t[k].punct || strcasecmp(S->t[k].w,
			    C->r[j].cue) != 0)
				continue;
			for (w = k; w > back + 1 && k - w < 5; w--)
				if (tw(S, w - 1, "after") ||
				    tw(S, w - 1, "following"))
					break;
			if (w > back + 1 && k - w < 5 &&
			    (tw(S, w - 1, "after") ||
			    tw(S, w - 1, "following")))
				break;
		}
		if (k == S->n)
			continue;
		memmove(&C->r[j], &C->r[j + 1],
		    (C->nr - j - 1) * sizeof(C->r[0]));
		C->nr--;
		j--;
	}
}

/*
 * [list-restored] "Drones knocked out power in A, B and C.  Electricity
 * was gradually restored.": the restoration names no place, so it took
 * the place the story named last (C), or none when the list's places
 * were too far apart to leave one; it is said of the whole list the
 * sentence before told out, count-less, for its utility (G3).  The
 * sentence's reports start at `first`; np is how many places it named.
 */
void
list_restored(struct context *C, size_t first, size_t np)
{
	struct extract_report *n;
	size_t j, last, k, add = 0, from;

	if (np != 0 || first == 0 || C->nr != first + 1)
		return;
	n = &C->r[first];
	if (n->status != RS_RESTORED || n->count_text[0] != '\0')
		return;
	last = C->r[first - 1].sentence_start;
	for (from = first; from > 0 &&
	    C->r[from - 1].sentence_start == last; from--)
		;
	/* the list: two or more count-less outages of n's utility, the
	   last of them at n's place */
	for (j = from; j < first; j++) {
		if (C->r[j].utility != n->utility)
			continue;
		if (C->r[j].status != RS_OUTAGE || C->r[j].count_text[0] != '\0')
			return;
		add++;
	}
	k = first - 1;
	if (add < 2 || C->r[k].utility != n->utility)
		return;
	/* "... in River Nile, Red Sea and Khartoum states.  Electricity
	   was gradually restored.": places of three regions apart left
	   the next sentence none to take [inheritance]; the list's last
	   is its place as well */
	if (n->mention[0] == '\0' && n->region == NULL) {
		n->region = C->r[k].region;
		memcpy(n->region_name, C->r[k].region_name,
		    sizeof(n->region_name));
		memcpy(n->mention, C->r[k].mention, sizeof(n->mention));
	}
	if (strcmp(C->r[k].mention, n->mention) != 0)
		return;
	for (j = from; j < k; j++) {
		if (C->r[j].utility != n->utility)
			continue;
		ARRAY_GROW(C->r, C->nr, C->cap, 16);
		n = &C->r[first];
		C->r[C->nr] = *n;
		C->r[C->nr].region = C->r[j].region;
		memcpy(C->r[C->nr].region_name, C->r[j].region_name,
		    sizeof(C->r[C->nr].region_name));
		memcpy(C->r[C->nr].mention, C->r[j].mention,
		    sizeof(C->r[C->nr].mention));
		C->nr++;
	}
}

/* Does report r name place p (its region, or the same words)? */
int
names_place(const struct context *C, const struct extract_report *r,
    const struct place *p)
{
	return (p->m->region != NULL && r->region == p->m->region) ||
	    (r->mention[0] != '\0' && strlen(r->mention) == p->m->len &&
	    strncmp(r->mention, C->text + p->m->start, p->m->len) == 0);
}

/*
 * The places listed with p[j] (listed_with(); np at most 32) are where
 * report k holds too: each a report of its own, without the count (the
 * count is the whole's).  With fill, the first of them becomes report
 * k's own place instead (k had none).
 */
void
list_share_report(struct context *C, const struct sentence *S,
    const struct place *p, size_t np, size_t j, size_t k, int fill)
{
	struct extract_report r = C->r[k];
	unsigned char in[32];
	size_t l;

	r.affected = -1;
	r.percent = 0;
	r.unit[0] = '\0';
	r.count_text[0] = '\0';
	r.approximate = 0;
	(void)listed_with(S, p, np, j, NULL, in);
	for (l = j; l < np; l++) {
		if (!in[l])
			continue;
		if (fill) {
			place_from(C, &p[l], &C->r[k]);
			fill = 0;
			continue;
		}
		place_from(C, &p[l], &r);
		ARRAY_GROW(C->r, C->nr, C->cap, 16);
		C->r[C->nr++] = r;
	}
}

/*
 * [including] "left part of the Kherson region without power, including
 * the city of Kherson", "Shelling cut power across Kharkiv region,
 * including Kupiansk": a place after ", including" is told as the report
 * before it in the sentence (the sentence's reports start at `first`),
 * count-less, when no report has it yet.
 */
void
including_places(struct context *C, const struct sentence *S,
    size_t first, const struct place *p, size_t np)
{
	size_t j, k, t, at, nr = C->nr;
	const char *hit;

	if (np > 32)
		return;
	for (j = 0; j < np && nr > first; j++) {
		if ((t = p[j].tok) < 3)
			continue;
		if (tw(S, t - 1, "the"))
			t--;
		if (!tw(S, t - 1, "including") || !tp(S, t - 2, ','))
			continue;
		at = S->t[t - 2].start;
		for (k = first; k < nr; k++)
			if (names_place(C, &C->r[k], &p[j]))
				break;
		if (k < nr)
			continue;
		/* the last report whose place is named before "including" */
		for (k = nr; k-- > first;) {
			if (C->r[k].status == RS_RESTORED ||
			    C->r[k].mention[0] == '\0')
				continue;
			hit = strstr(C->text + S->start, C->r[k].mention);
			if (hit != NULL && (size_t)(hit - C->text) < at)
				break;
		}
		if (k == SIZE_MAX || k < first)
			continue;
		/* "including Kupiansk and Izium" */
		list_share_report(C, S, p, np, j, k, 0);
		return;
	}
}

/* A plural kind of place or area ("cities", "areas", "parts"). */
static int
kind_noun(const struct sentence *S, size_t k)
{
	static const char *const kinds[] = {
		"cities", "towns", "areas", "places", "provinces", "regions",
		"states", "municipalities", "villages", "districts",
		"counties", "suburbs", "neighbourhoods", "neighborhoods",
		"communities", "islands", "parts", "settlements"
	};

	return k < S->n && !S->t[k].cap && TW_ANY(S, k, kinds);
}

/*
 * The token where a list's introducer starts, when the place at token t
 * follows one; SIZE_MAX when none.  The shapes: "including (in) X",
 * "including much of X", "(big) cities like X", "areas such as X".  A
 * bare "like X" is a comparison (compared_place), so "like" and "such
 * as" need a kind of place before them.
 */
static size_t
intro_at(const struct sentence *S, size_t t)
{
	if (t >= 1 && tw(S, t - 1, "the"))
		t--;
	/* "including much of X", "including parts of X" */
	if (t >= 3 && tw(S, t - 1, "of") && (tw(S, t - 2, "much") ||
	    tw(S, t - 2, "parts") || tw(S, t - 2, "most") ||
	    tw(S, t - 2, "some")))
		t -= 2;
	if (t >= 1 && tw(S, t - 1, "in"))
		t--;
	if (t >= 1 && tw(S, t - 1, "including"))
		return t - 1;
	if (t >= 2 && tw(S, t - 1, "like") && kind_noun(S, t - 2))
		return t - 1;
	if (t >= 3 && tw(S, t - 1, "as") && tw(S, t - 2, "such") &&
	    kind_noun(S, t - 3))
		return t - 2;
	return SIZE_MAX;
}

/*
 * [intro-list] "A power cut across X affected most of the country,
 * including in big cities like A and B", "power returned to parts of X
 * including A and B", "N homes, including much of A, were without power":
 * the listed places are where the sentence's report holds too, each a
 * report of its own without the count (the count is the whole's).  A
 * report with no place of its own ("The blackout hit towns such as A and
 * B") takes the first listed place.  The report is the sentence's last
 * one made before the introducer.  Runs after including_places(), which
 * reads ", including X" after a named place; places already reported in
 * the sentence are passed over.
 */
void
intro_list_places(struct context *C, const struct sentence *S,
    size_t first, const struct place *p, size_t np)
{
	size_t j, k, at, nr = C->nr, intro;
	const char *hit;
	int fill;

	if (np == 0 || np > 32 || nr == first)
		return;
	for (j = 0; j < np; j++) {
		/* cheap first: the word before the place (or its "the") */
		if (p[j].tok < 2 || p[j].story)
			continue;
		if ((intro = intro_at(S, p[j].tok)) == SIZE_MAX)
			continue;
		for (k = first; k < C->nr; k++)
			if (names_place(C, &C->r[k], &p[j]))
				break;
		if (k < C->nr)
			continue;
		at = S->t[intro].start;
		/* the last report whose place (or, placeless, whose count)
		   is named before the introducer */
		for (k = nr; k-- > first;) {
			hit = C->r[k].mention[0] != '\0' ?
			    strstr(C->text + S->start, C->r[k].mention) :
			    NULL;
			/* an inherited place: the report's count */
			if ((hit == NULL || (size_t)(hit - C->text) >=
			    S->start + S->len) && C->r[k].count_text[0] != '\0')
				hit = strstr(C->text + S->start,
				    C->r[k].count_text);
			else if (hit == NULL || (size_t)(hit - C->text) >=
			    S->start + S->len)
				hit = C->text + S->start;
			if (hit != NULL && (size_t)(hit - C->text) < at)
				break;
		}
		if (k == SIZE_MAX || k < first)
			continue;
		/* a report with no place takes the list after a kind
		   ("towns such as A") */
		fill = C->r[k].region == NULL && C->r[k].mention[0] == '\0' &&
		    !tw(S, intro, "including");
		list_share_report(C, S, p, np, j, k, fill);
		return;
	}
}
