/* SPDX-License-Identifier: MIT */
/*
 * jsonpos.c - where a path ("http.tokens[2].sources") lies in JSON text,
 * as line and column, for errors that say file:line:col.  jansson keeps
 * no positions, so this small scanner walks the text itself; it never
 * fails, and answers 1:1 for what it cannot find.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "jsonpos.h"

struct scan {
	const char	*s;
	size_t		 len, i;
	int		 line, col;
	const char	*want;		/* path sought */
	int		 found, fline, fcol;
};

static void
scan_adv(struct scan *sc)
{
	if (sc->i < sc->len) {
		if (sc->s[sc->i] == '\n') {
			sc->line++;
			sc->col = 1;
		} else if (((unsigned char)sc->s[sc->i] & 0xC0) != 0x80)
			sc->col++;
		sc->i++;
	}
}

static void
scan_ws(struct scan *sc)
{
	while (sc->i < sc->len && isspace((unsigned char)sc->s[sc->i]))
		scan_adv(sc);
}

/* Copy a string token's raw content (escapes kept) into buf. */
static void
scan_string(struct scan *sc, char *buf, size_t buflen)
{
	size_t o = 0;

	scan_adv(sc);			/* opening quote */
	while (sc->i < sc->len && sc->s[sc->i] != '"') {
		if (sc->s[sc->i] == '\\') {
			if (buf && o + 1 < buflen)
				buf[o++] = sc->s[sc->i];
			scan_adv(sc);
		}
		if (buf && o + 1 < buflen)
			buf[o++] = sc->s[sc->i];
		scan_adv(sc);
	}
	scan_adv(sc);			/* closing quote */
	if (buf)
		buf[o] = '\0';
}

static void scan_value(struct scan *, const char *path);

static void
scan_value(struct scan *sc, const char *path)
{
	char key[256], sub[512];

	scan_ws(sc);
	if (sc->found || sc->i >= sc->len)
		return;
	if (strcmp(path, sc->want) == 0 && path[0] != '\0') {
		sc->found = 1;
		sc->fline = sc->line;
		sc->fcol = sc->col;
		return;
	}
	switch (sc->s[sc->i]) {
	case '{':
		scan_adv(sc);
		for (;;) {
			int kline, kcol;

			scan_ws(sc);
			if (sc->i >= sc->len || sc->s[sc->i] == '}')
				break;
			kline = sc->line;
			kcol = sc->col;
			scan_string(sc, key, sizeof(key));
			snprintf(sub, sizeof(sub), "%s%s%s", path,
			    path[0] ? "." : "", key);
			/* "path#key" asks for the key itself, not its value */
			if (sc->want[0] == '#' && strcmp(sub, sc->want + 1) == 0) {
				sc->found = 1;
				sc->fline = kline;
				sc->fcol = kcol;
				return;
			}
			scan_ws(sc);
			scan_adv(sc);		/* ':' */
			scan_value(sc, sub);
			if (sc->found)
				return;
			scan_ws(sc);
			if (sc->i < sc->len && sc->s[sc->i] == ',')
				scan_adv(sc);
		}
		scan_adv(sc);
		break;
	case '[': {
		int n = 0;

		scan_adv(sc);
		for (;;) {
			scan_ws(sc);
			if (sc->i >= sc->len || sc->s[sc->i] == ']')
				break;
			snprintf(sub, sizeof(sub), "%s[%d]", path, n++);
			scan_value(sc, sub);
			if (sc->found)
				return;
			scan_ws(sc);
			if (sc->i < sc->len && sc->s[sc->i] == ',')
				scan_adv(sc);
		}
		scan_adv(sc);
		break;
	}
	case '"':
		scan_string(sc, NULL, 0);
		break;
	default:
		/* always move on, whatever the byte: no loop can stall here */
		do
			scan_adv(sc);
		while (sc->i < sc->len && sc->s[sc->i] != '\0' &&
		    !strchr(",}] \t\r\n", sc->s[sc->i]));
		break;
	}
}

void
json_locate(const char *text, size_t len, const char *path, int key, int *line,
    int *col)
{
	char want[520];
	struct scan sc = { text, len, 0, 1, 1, want, 0, 1, 1 };

	snprintf(want, sizeof(want), "%s%s", key ? "#" : "", path);
	scan_value(&sc, "");
	*line = sc.found ? sc.fline : 1;
	*col = sc.found ? sc.fcol : 1;
}

