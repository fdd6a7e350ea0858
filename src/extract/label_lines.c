/* SPDX-License-Identifier: MIT */
/*
 * label_lines.c - a utility's regional breakdown by label lines, as North
 * American and Australasian outage updates give it (branch z-en-us): the
 * label line "Lower Mainland: 2,800 customers without power." or a
 * council list's "Gold Coast City: 77,232", where the name before the
 * colon is the place of the count after it [label-line]; the same
 * labels in a list run into one line ("Moray, 3125; Angus, 1698."), and
 * the status cue check of a list of them after its introducing word.
 */
#include "extract_int.h"

/* Does byte offset a open a line of S (sentence start or after a newline,
   past blanks and a bullet: "•", "-", "*", "–")? */
static int
line_opens(const struct sentence *S, size_t a)
{
	const unsigned char *s = (const unsigned char *)S->text;

	while (a > S->start) {
		unsigned char c = s[a - 1];

		if (c == ' ' || c == '\t' || c == '-' || c == '*')
			a--;
		else if (a >= S->start + 3 && s[a - 3] == 0xE2 &&
		    s[a - 2] == 0x80 && (s[a - 1] == 0xA2 || s[a - 1] == 0x93))
			a -= 3;
		else
			break;
	}
	return a == S->start || s[a - 1] == '\n';
}

/* Does byte offset a open an item of a list run into one line: after
   "; " or a bullet between spaces (" - ", " • ", " – "), as a breakdown
   reads once its line breaks are gone ("... are the following: -
   Montréal: about 485,000 customers - Montérégie: about 190,000")? */
static int
item_opens(const struct sentence *S, size_t a)
{
	const unsigned char *s = (const unsigned char *)S->text;

	if (a < S->start + 3 || s[a - 1] != ' ')
		return 0;
	if (s[a - 2] == ';' || s[a - 2] == ':')
		return 1;
	if (s[a - 2] == '-' || s[a - 2] == '*')
		return s[a - 3] == ' ';
	return a >= S->start + 5 && s[a - 4] == 0xE2 && s[a - 3] == 0x80 &&
	    (s[a - 2] == 0xA2 || s[a - 2] == 0x93) && s[a - 5] == ' ';
}

/* Speed only (the same answer as !line_opens() && !item_opens()): a
   token one space after a letter, digit, comma or full stop, as most
   are, opens neither a line (that space is its only blank) nor an item
   (no ";", ":", dash, "*" or bullet before the space) */
static inline __attribute__((always_inline)) int
mid_line(const struct sentence *S, size_t a)
{
	unsigned char c;

	if (a < S->start + 2 || S->text[a - 1] != ' ')
		return 0;
	c = (unsigned char)S->text[a - 2];
	return is_alnum_ascii(c) || c == ',' || c == '.';
}

/*
 * [label-line] Tokens k..e-1 are capitalised words that open a line, e
 * is a colon and a figure follows it (a hedge word may come first:
 * "Vancouver Island: about 900"), or a dash and the figure right after
 * it in an item of a list ("• Mildura – 9,120 customers;").  Returns e,
 * or 0 (label_end(): the words' own tests first).
 */
static size_t
label_rest(const struct sentence *S, size_t k)
{
	size_t e, f;

	if (!line_opens(S, S->t[k].start) && !item_opens(S, S->t[k].start))
		return 0;
	/* "Vancouver Island/Gulf Islands:": a slash, "&" or "and" joins
	   names */
	for (e = k; e < S->n && e < k + 6 && ((!S->t[e].punct &&
	    S->t[e].cap) || ((tp(S, e, '/') || tp(S, e, '&') ||
	    tw(S, e, "and")) && e > k && e + 1 < S->n && S->t[e + 1].cap));
	    e++)
		;
	/* "...: Aberdeen and Aberdeenshire, 8507; Moray, 3125;": a comma
	   ends a label of an item list run into one line, when the
	   figure right after it ends its item */
	if (e > k && tp(S, e, ',') && !line_opens(S, S->t[k].start) &&
	    e + 2 < S->n && is_digit((unsigned char)S->t[e + 1].w[0]) &&
	    (tp(S, e + 2, ';') || tp(S, e + 2, '.')))
		return e;
	/* "; • Mildura – 9,120 customers;": a dash ends the label of
	   an item whose figure follows it */
	if (e > k && tp(S, e, '-') && item_opens(S, S->t[k].start) &&
	    e + 1 < S->n && is_digit((unsigned char)S->t[e + 1].w[0]))
		return e;
	if (e == k || !tp(S, e, ':'))
		return 0;
	for (f = e + 1; f < S->n && f < e + 3 && !S->t[f].punct &&
	    !is_digit((unsigned char)S->t[f].w[0]); f++)
		;
	return f < S->n && is_digit((unsigned char)S->t[f].w[0]) ? e : 0;
}

/* label_rest() of a capitalised word k that may open a line or an item
   (speed only: most tokens are none, asked here without a call) */
static inline __attribute__((always_inline)) size_t
label_end(const struct sentence *S, size_t k)
{
	if (k >= S->n || S->t[k].punct || !S->t[k].cap ||
	    (mid_line(S, S->t[k].start) && !extract_eager()))
		return 0;
	return label_rest(S, k);
}

/* The place, of p[np], that labels the line of the count at t0, or -1. */
int
label_line_place(const struct sentence *S, const struct place *p, size_t np,
    size_t t0)
{
	size_t k, e;

	/* Speed only (the same answer): each label ends at a ":", "," or
	   "-" (label_end()) within the three tokens before t0 */
	for (k = t0 > 3 ? t0 - 3 : 0; k < t0; k++)
		if (tp(S, k, ':') || tp(S, k, ',') || tp(S, k, '-'))
			break;
	if (k >= t0 && !extract_eager())	/* the eager mode reads on */
		return -1;
	/* a known name may open a longer label: "Stirling City:" */
	for (k = 0; k < np; k++)
		if (!p[k].story && (e = label_end(S, p[k].tok)) > 0 &&
		    e >= p[k].tok_end && t0 > e && t0 <= e + 3)
			return (int)k;
	return -1;
}

/*
 * Label names the gazetteer does not know ("Lower Mainland:", "Gold
 * Coast City:"), as matches with no region, into pm[] (max of them);
 * known[] are the places found so far.  Returns how many it added.
 */
size_t
label_line_names(const struct sentence *S, const struct place *known,
    size_t nk, struct gaz_match *pm, size_t max)
{
	size_t i, e, j, n = 0;

	if (memchr(S->text + S->start, ':', S->len) == NULL)
		return 0;
	for (i = 0; i < S->n && n < max; i++) {
		if ((e = label_end(S, i)) == 0)
			continue;
		for (j = 0; j < nk; j++)
			if (known[j].tok < e && known[j].tok_end > i)
				break;
		if (j == nk) {
			pm[n].region = NULL;
			pm[n].start = S->t[i].start;
			pm[n].len = S->t[e - 1].start + S->t[e - 1].len -
			    S->t[i].start;
			n++;
		}
		i = e;
	}
	return n;
}

/* Is p a label whose line's count is not the one at t0?  Such a label
   is no place of a total told before the list. */
int
label_of_other(const struct sentence *S, const struct place *p, size_t t0)
{
	size_t e = label_end(S, p->tok);

	return e > 0 && e >= p->tok_end && !(t0 > e && t0 <= e + 3);
}

/* Is the number at token i the figure of a label line, at the line's
   end ("Gold Coast City: 77,232\n"), or at the end of an item of a list
   run into one line ("Moray, 3125; Angus, 1698.")?  j is the token
   after it. */
int
label_figure(const struct sentence *S, size_t i, size_t j)
{
	size_t k, e;

	if (i < 2 || !((tp(S, i - 1, ':') && line_ends(S, j)) ||
	    ((tp(S, i - 1, ',') || tp(S, i - 1, ':')) && (tp(S, j, ';') ||
	    (tp(S, j, '.') && j + 1 == S->n)))))
		return 0;
	for (k = i - 1; word_back(k, i, 5); k--)
		if ((e = label_end(S, k - 1)) > 0 && e == i - 1)
			return 1;
	return 0;
}

/* Does a label end right before the count phrase at t0 ("• Mildura –
   12,095 customers", "Montréal: about 485,000")?  Such an item takes
   the story's cue, as a bracketed count does [bracket-count]. */
int
label_item_count(const struct sentence *S, size_t t0)
{
	size_t k;

	if (t0 < 2 || !(tp(S, t0 - 1, '-') || tp(S, t0 - 1, ':')))
		return 0;
	for (k = t0 - 1; word_back(k, t0 - 1, 6); k--)
		if (label_end(S, k - 1) == t0 - 1)
			return 1;
	return 0;
}

/* "They included, by local government area:\nBrisbane City: 45,139":
   label lines with figures follow the word at i (a status cue rule's
   check: the list goes on with the story's status). */
int
label_list_after(const struct sentence *S, size_t i, int *util)
{
	size_t k;

	(void)util;
	if (memchr(S->text + S->start, ':', S->len) == NULL)
		return 0;
	for (k = i + 1; k + 1 < S->n; k++)
		if (is_digit((unsigned char)S->t[k].w[0]) &&
		    label_figure(S, k, k + 1))
			return 1;
	return 0;
}
