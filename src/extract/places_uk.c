/* SPDX-License-Identifier: MIT */
/*
 * places_uk.c - the places of a Ukrainian or Russian sentence, made more
 * specific than the gazetteer's matches alone (lang_uk.c reads its
 * words): "у Смілі на Черкащині", "у Херсоні та області", "у столиці",
 * "в обласному центрі", "на заході країни", districts and communities
 * the gazetteer lacks ("Оболонського району"), a list of unknown villages
 * that takes the region of its last name, and an operator named after its
 * region ("Харківобленерго") when the sentence names no place.
 */
#include "extract_int.h"

static int
starts(const char *w, const char *prefix)
{
	return strncmp(w, prefix, strlen(prefix)) == 0;
}

/* starts() with its first letter (two bytes in Cyrillic) compared first */
#define PFX(w, p)	((w)[0] == (p)[0] && (w)[1] == (p)[1] && \
			    strncmp((w), (p), sizeof(p) - 1) == 0)

/* ---- places [specific-place] ------------------------------------------- */

/* The oblasts' centres, as the packs name them ("обласний центр"). */
static const struct {
	const char	*id;
	const char	*city;
} centres[] = {
	{ "UA-05", "Вінниця" }, { "UA-07", "Луцьк" }, { "UA-09", "Луганськ" },
	{ "UA-12", "Дніпро" }, { "UA-14", "Донецьк" }, { "UA-18", "Житомир" },
	{ "UA-21", "Ужгород" }, { "UA-23", "Запоріжжя" },
	{ "UA-26", "Івано-Франківськ" }, { "UA-32", "Київ" },
	{ "UA-35", "Кропивницький" }, { "UA-46", "Львів" },
	{ "UA-48", "Миколаїв" }, { "UA-51", "Одеса" }, { "UA-53", "Полтава" },
	{ "UA-56", "Рівне" }, { "UA-59", "Суми" }, { "UA-61", "Тернопіль" },
	{ "UA-63", "Харків" }, { "UA-65", "Херсон" },
	{ "UA-68", "Хмельницький" }, { "UA-71", "Черкаси" },
	{ "UA-74", "Чернігів" }, { "UA-77", "Чернівці" }
};

/*
 * The city of an oblast's centre.  Its bare name is the oblast (one rule
 * for a name shared by a city and its oblast, in every script: README,
 * "Region names"); "місто X" is the city.
 */
static int
resolve_centre(const struct gazetteer *g, const char *centre,
    const struct region **r)
{
	char name[80];
	int n = snprintf(name, sizeof(name), "місто %s", centre);

	if (n < 0 || (size_t)n >= sizeof(name))
		return 0;
	return gaz_resolve(g, name, r, NULL, 0) == OD_OK;
}

/* Operators named after their region ("Харківобленерго", "Сумигаз"). */
#define SUF(s)	s, sizeof(s) - 1
static const struct {
	const char	*suffix;
	size_t		 len;		/* strlen(suffix), by the compiler */
	int		 city;		/* a city's utility ("Київводоканал") */
} op_suffixes[] = {
	{ SUF("обленерго"), 0 }, { SUF("облэнерго"), 0 }, { SUF("облгаз"), 0 },
	{ SUF("облводоканал"), 0 }, { SUF("водоканал"), 1 },
	{ SUF("теплоенерго"), 1 }, { SUF("теплоэнерго"), 1 },
	{ SUF("теплокомуненерго"), 1 }, { SUF("тепломережі"), 1 },
	{ SUF("горводоканал"), 1 }, { SUF("міськводоканал"), 1 }
};
#undef SUF

static const struct {
	const char	*stem;
	const char	*id;		/* the oblast */
	const char	*city;		/* its city, when it has an id */
} op_regions[] = {
	{ "київ", "UA-32", "UA-30" }, { "киев", "UA-32", "UA-30" },
	{ "харків", "UA-63", NULL }, { "харьков", "UA-63", NULL },
	{ "одес", "UA-51", NULL }, { "черніг", "UA-74", NULL },
	{ "черниг", "UA-74", NULL }, { "сум", "UA-59", NULL },
	{ "полтав", "UA-53", NULL }, { "житомир", "UA-18", NULL },
	{ "запоріж", "UA-23", NULL }, { "запорож", "UA-23", NULL },
	{ "дніпр", "UA-12", NULL }, { "днепр", "UA-12", NULL },
	{ "миколаїв", "UA-48", NULL }, { "николаев", "UA-48", NULL },
	{ "херсон", "UA-65", NULL }, { "львів", "UA-46", NULL },
	{ "львов", "UA-46", NULL }, { "вінниц", "UA-05", NULL },
	{ "винниц", "UA-05", NULL }, { "черкас", "UA-71", NULL },
	{ "хмельниц", "UA-68", NULL }, { "рівне", "UA-56", NULL },
	{ "ровно", "UA-56", NULL }, { "тернопіл", "UA-61", NULL },
	{ "волинь", "UA-07", NULL }, { "закарпат", "UA-21", NULL },
	{ "прикарпат", "UA-26", NULL }, { "кіровоград", "UA-35", NULL },
	{ "чернівц", "UA-77", NULL }, { "донецьк", "UA-14", NULL },
	{ "донецк", "UA-14", NULL }, { "луганськ", "UA-09", NULL }
};

static void
drop_place(struct place *p, size_t *np, size_t k)
{
	memmove(&p[k], &p[k + 1], (*np - k - 1) * sizeof(*p));
	(*np)--;
}

/*
 * Place m, for region r (NULL: a place of no known region), over tokens
 * [i, j) of S into *p: one of the places this file finds itself.
 */
static void
put_place(const struct sentence *S, struct gaz_match *m,
    const struct region *r, size_t i, size_t j, struct place *p)
{
	m->region = r;
	m->start = S->t[i].start;
	m->len = S->t[j - 1].start + S->t[j - 1].len - m->start;
	p->m = m;
	p->tok = i;
	p->tok_end = j;
	p->clause = S->t[i].clause;
	p->owned = p->counted = p->story = 0;
}

/* Is the kind word at k plural ("райони", "районах", "громадах")? */
static int
plural_kind(const struct sentence *S, size_t k)
{
	static const char *const forms[] = { "райони", "районах", "районів",
	    "районы", "районов", "громади", "громадах", "громад", NULL };
	const char *const *f;
	char w[24];

	(void)cyr_fold(S->text + S->t[k].start, S->t[k].len < 20 ?
	    S->t[k].len : 20, w, sizeof(w));
	for (f = forms; *f != NULL; f++)
		if (strcmp(w, *f) == 0)
			return 1;
	return 0;
}

/* Is the word at k a district's or community's kind word? */
static int
kind_at(const struct sentence *S, size_t k)
{
	char w[24];

	(void)cyr_fold(S->text + S->t[k].start, S->t[k].len < 20 ?
	    S->t[k].len : 20, w, sizeof(w));
	return strncmp(w, "район", strlen("район")) == 0 ||
	    strncmp(w, "громад", strlen("громад")) == 0;
}

/* Is token i an adjective's form ("Куп'янський", "Ізюмському",
   "Купянского"): a name ending as one? */
static int
cyr_adjective(const struct sentence *S, size_t i)
{
#define END(e)	{ e, sizeof(e) - 1 }
	static const struct {
		const char	*e;
		size_t		 l;	/* strlen(e), by the compiler */
	} ends[] = { END("ський"), END("ському"), END("ського"),
	    END("цький"), END("цькому"), END("цького"), END("ский"),
	    END("ском"), END("ского"), END("цкий"), END("цком"),
	    END("цкого"), END("ська"), END("ській"), END("ської"),
	    END("ская"), END("ской") };
#undef END
	char w[48];
	size_t n, k, l;

	n = cyr_fold(S->text + S->t[i].start, S->t[i].len < 40 ?
	    S->t[i].len : 40, w, sizeof(w));
	/* speed only (strcmp()'s answer): the last letter first */
	for (k = 0; k < NELEM(ends); k++) {
		l = ends[k].l;
		if (n > l + 2 && w[n - 1] == ends[k].e[l - 1] &&
		    w[n - 2] == ends[k].e[l - 2] &&
		    memcmp(w + n - l, ends[k].e, l) == 0)
			return 1;
	}
	return 0;
}

/*
 * Speed only (the same places): could token k, folded, start with р, г
 * or о, as the kind words "район", "громад", "округ" do?  cyr_fold()
 * folds a letter by its lead and the low six bits of the byte after it
 * (cyr_lower[]): р comes of lead 0xD0 and 0x20 (Р) or lead 0xD1 and 0x00
 * (р), г of 0xD0 and 0x13 or 0x33 (Г г), о of 0xD0 and 0x1E or 0x3E (О
 * о); a lead 0xD3, or a lone lead, stays as it is.  So the word is
 * folded only then.
 */
static int
kind_letter(const struct sentence *S, size_t k)
{
	const unsigned char *u = (const unsigned char *)S->text +
	    S->t[k].start;

	if (S->t[k].len < 2)
		return 0;
	if (u[0] == 0xD1)
		return (u[1] & 0x3F) == 0x00;
	return u[0] == 0xD0 && ((u[1] & 0x3F) == 0x20 ||
	    (u[1] & 0x1F) == 0x13 || (u[1] & 0x1F) == 0x1E);
}

/* A match of lang_uk.c's own, kept in the context; NULL when full. */
static struct gaz_match *
own_match(struct context *C, size_t *used)
{
	return *used < NELEM(C->cyr_m) ? &C->cyr_m[(*used)++] : NULL;
}

/* The oblast a region lies in (itself at depth 1); Kyiv's is UA-32. */
static const struct region *
oblast_of(const struct context *C, const struct region *r)
{
	const struct region *o;

	while (r != NULL && r->depth > 1)
		r = r->parent;
	if (r != NULL && r->depth == 1 && strcmp(r->id, "UA-30") == 0 &&
	    C->g != NULL && (o = gaz_by_id(C->g, "UA-32")) != NULL)
		return o;
	return r != NULL && r->depth == 1 ? r : NULL;
}

/*
 * The places of a Cyrillic sentence, as sentence_places() found them,
 * made more specific:
 *   - "у Смілі на Черкащині", "в Кривом Роге Днепропетровской области":
 *     a place right after another that holds it names where that one is;
 *     the first stays (an unknown one takes the region of the second);
 *   - "у Херсоні та області", "в окремих районах області": "області"
 *     alone is the oblast of the place named before (or of the story).
 */
size_t
cyr_places(struct context *C, const struct sentence *S, struct place *p,
    size_t np, size_t max)
{
	size_t a, b, i, used = 0, gap;
	struct gaz_match *m;
	const struct region *r;
	int capital = 0, regional = 0, city = 0, compass = 0, oblast = 0;
	int all = extract_eager();	/* the speed-only gates off */

	/* Speed only (the same places): S is only read here, so one look at
	   its Cyrillic words tells which of the rules below that start at
	   one word ("столиці", "обласному", "місті", "заході", "області")
	   can find anything; the others are not run over the sentence */
	for (i = 0; i < S->n; i++) {
		const struct tok *t = &S->t[i];

		if (!t->cyr)
			continue;
		capital |= WEQ(t->w, "capital");
		regional |= PFX(t->w, "обласн") || PFX(t->w, "областн");
		city |= WEQ(t->w, "city");
		compass |= lx_in(t->lx, LX_COMPASS);
		oblast |= WEQ(t->w, "oblast");
	}

	/* "НАК «Нафтогаз України»", "Міненерго України": an operator's
	   or a ministry's name, not a place [place] */
	for (a = 0; a < np; a++) {
		i = p[a].tok;
		while (i > 0 && tp(S, i - 1, '"'))
			i--;
		if (i > 0 && S->t[i - 1].cyr && lx_in(S->t[i - 1].lx, LX_ORG) &&
		    S->t[i - 1].cap && !(i == 1 && S->t[0].cyr &&
		    /* "Газопостачання Ірпеня ...": the sentence's first
		       word, a supply, not an operator */
		    (WEQ(S->t[0].w, "gas") || WEQ(S->t[0].w, "water") ||
		    WEQ(S->t[0].w, "electricity") ||
		    WEQ(S->t[0].w, "heating")))) {
			drop_place(p, &np, a);
			a--;
		}
	}
	for (a = 0; a < np; a++)
		for (b = 0; b < np; b++) {
			if (a == b || p[b].m->region == NULL ||
			    p[b].tok < p[a].tok_end)
				continue;
			gap = p[b].tok - p[a].tok_end;
			if (gap > 1 || (gap == 1 && !tw(S, p[a].tok_end, "in") &&
			    !tp(S, p[a].tok_end, ',')))
				continue;
			if (p[a].m->region == NULL) {
				if (p[b].m->region->depth < 1 ||
				    (m = own_match(C, &used)) == NULL)
					continue;
				*m = *p[a].m;
				m->region = p[b].m->region;
				p[a].m = m;
			} else if (p[a].m->region == p[b].m->region ||
			    !region_within(p[a].m->region, p[b].m->region))
				continue;
			drop_place(p, &np, b);
			if (b < a)
				a--;
			b = (size_t)-1;		/* again, from the start */
			if (a >= np)
				break;
		}
	/* "села Каменка, Вольное и Луговое Херсонской области": the
	   region the last of a list of unknown names took is the list's */
	for (a = np; a-- > 0;) {
		if (p[a].m->region != NULL)
			continue;
		for (b = 0; b < np; b++)
			if (p[b].tok == p[a].tok_end + 1 &&
			    p[b].m >= C->cyr_m && p[b].m < C->cyr_m + used &&
			    p[b].m->region != NULL &&
			    (tp(S, p[a].tok_end, ',') ||
			    tw(S, p[a].tok_end, "and")))
				break;
		if (b == np || (m = own_match(C, &used)) == NULL)
			continue;
		*m = *p[a].m;
		m->region = p[b].m->region;
		p[a].m = m;
	}
	/* "у столиці", "в столице": Kyiv, the capital the news means */
	for (i = 0; capital && i < S->n && np < max; i++) {
		if (!S->t[i].cyr || !WEQ(S->t[i].w, "capital") ||
		    (i + 1 < S->n && S->t[i + 1].cap) ||
		    /* "водопостачання столиці", "Столиця": the subject */
		    (i > 0 && !tw(S, i - 1, "in") &&
		    !lx_in(S->t[i - 1].lx, LX_UTILITY_HEAD) &&
		    !lx_in(S->t[i - 1].lx, LX_STATUS_HEAD) &&
		    !WEQ(S->t[i - 1].w, "district") &&
		    !WEQ(S->t[i - 1].w, "districts") &&
		    tok_unit(&S->t[i - 1]) == NULL &&
		    !S->t[i - 1].punct) || C->g == NULL ||
		    (r = gaz_by_id(C->g, "UA-30")) == NULL ||
		    (m = own_match(C, &used)) == NULL)
			continue;
		put_place(S, m, r, i, i + 1, &p[np++]);
	}
	/* "в обласному центрі", "в областном центре": the city of the
	   oblast of the place named before (or of the story) */
	for (i = 0; regional && i + 1 < S->n && np < max; i++) {
		const char *centre = NULL;

		/* the words folded, when not glossed ("центрі": centre) */
		if (!S->t[i].cyr || !S->t[i + 1].cyr ||
		    (!PFX(S->t[i].w, "обласн") &&
		    !PFX(S->t[i].w, "областн")) ||
		    (!PFX(S->t[i + 1].w, "центр") &&
		    !WEQ(S->t[i + 1].w, "centre")))
			continue;
		r = NULL;
		for (a = 0; a < np; a++)
			if (p[a].m->region != NULL && p[a].tok < i)
				r = p[a].m->region;
		if (r == NULL)
			r = prev_region(C);
		if ((r = oblast_of(C, r)) == NULL)
			continue;
		for (a = 0; a < NELEM(centres); a++)
			if (strcmp(centres[a].id, r->id) == 0)
				centre = centres[a].city;
		if (centre == NULL || C->g == NULL ||
		    !resolve_centre(C->g, centre, &r) ||
		    (m = own_match(C, &used)) == NULL)
			continue;
		put_place(S, m, r, i, i + 2, &p[np++]);
	}
	/* "Газоснабжение в городе восстановлено", "у місті": the city
	   named before, in the sentence or the story ("В Херсоне и
	   области ..."), or the centre of the oblast named with it */
	for (i = 1; city && i < S->n && np < max; i++) {
		const char *men, *centre = NULL;
		const struct region *o;
		char a1[64], a2[64];
		size_t n1;

		if (!S->t[i].cyr || !WEQ(S->t[i].w, "city") ||
		    S->t[i].cap || !tw(S, i - 1, "in") ||
		    (i + 1 < S->n && S->t[i + 1].cap))
			continue;
		r = NULL;
		men = NULL;
		for (a = 0; a < np; a++)
			if (p[a].m->region != NULL && p[a].tok < i) {
				r = p[a].m->region;
				men = S->text + p[a].m->start;
			}
		if (r == NULL) {
			r = prev_region(C);
			men = prev_mention(C);
		}
		if (r == NULL || C->g == NULL)
			continue;
		if (r->depth == 1 && (o = oblast_of(C, r)) != NULL) {
			for (a = 0; a < NELEM(centres); a++)
				if (strcmp(centres[a].id, o->id) == 0)
					centre = centres[a].city;
			/* the centre's name begins the mention */
			n1 = centre ? cyr_fold(centre, strlen(centre), a1,
			    sizeof(a1)) : 0;
			(void)cyr_fold(men, strnlen(men, 60), a2, sizeof(a2));
			if (n1 < 8 || strncmp(a1, a2, 8) != 0 ||
			    !resolve_centre(C->g, centre, &r))
				continue;
		} else if (r->depth < 2 && strcmp(r->id, "UA-30") != 0)
			continue;
		if ((m = own_match(C, &used)) == NULL)
			continue;
		put_place(S, m, r, i, i + 1, &p[np++]);
	}
	/* "Оболонського району", "Буринській громаді": a district or
	   community the gazetteer does not know, within the place named
	   before it */
	for (i = 0; i + 1 < S->n && np < max; i++) {
		char w[16];

		if (!S->t[i].cyr || !S->t[i].cap || !S->t[i + 1].cyr ||
		    S->t[i + 1].cap || !(all || kind_letter(S, i + 1)))
			continue;
		(void)cyr_fold(S->text + S->t[i + 1].start,
		    S->t[i + 1].len < 12 ? S->t[i + 1].len : 12, w, sizeof(w));
		if (!starts(w, "район") && !starts(w, "громад") &&
		    !starts(w, "округ"))
			continue;
		for (a = 0; a < np; a++)
			if (i + 1 >= p[a].tok && i < p[a].tok_end)
				break;
		/* "у селі Гракове Чугуївського району": the village is
		   the place, the district only says where it is */
		if (a < np && p[a].tok_end == i + 1 && p[a].tok + 1 < i + 1 &&
		    p[a].m->region == NULL && S->t[i - 1].cap &&
		    (m = own_match(C, &used)) != NULL) {
			*m = *p[a].m;
			m->len = S->t[i - 1].start + S->t[i - 1].len - m->start;
			p[a].m = m;
			p[a].tok_end = i;
			continue;
		}
		/* "у Буринській громаді": the name found after "у" goes on */
		if (a < np && p[a].tok_end == i + 1 && p[a].m->region == NULL &&
		    (m = own_match(C, &used)) != NULL) {
			*m = *p[a].m;
			m->len = S->t[i + 1].start + S->t[i + 1].len - m->start;
			p[a].m = m;
			p[a].tok_end = i + 2;
			continue;
		}
		if (a < np || (m = own_match(C, &used)) == NULL)
			continue;
		r = NULL;
		for (a = 0; a < np; a++)
			if (p[a].m->region != NULL && p[a].m->region->depth > 0)
				r = p[a].m->region;
		put_place(S, m, r, i, i + 2, &p[np++]);
		/* "Куп'янський та Ізюмський райони": the kind word in the
		   plural is the earlier name's too */
		if (i >= 2 && np < max && plural_kind(S, i + 1) &&
		    tw(S, i - 1, "and") &&
		    S->t[i - 1].cyr && S->t[i - 2].cyr && S->t[i - 2].cap &&
		    cyr_adjective(S, i - 2) && (m = own_match(C, &used)) != NULL)
			put_place(S, m, r, i - 2, i - 1, &p[np++]);
	}
	/* "у Богодухівському районі, ще 800 – у Куп'янському": a name
	   in an adjective's form that ends its clause, after a district
	   named before it, is a district too */
	for (i = 2; i < S->n && np < max; i++) {
		size_t d;

		if (!S->t[i].cyr || !S->t[i].cap ||
		    (i + 1 < S->n && !S->t[i + 1].punct) ||
		    !tw(S, i - 1, "in") || !cyr_adjective(S, i))
			continue;
		for (a = 0; a < np; a++)
			if (i >= p[a].tok && i < p[a].tok_end)
				break;
		if (a < np)
			continue;
		for (d = 0; d + 1 < i; d++)
			if (S->t[d].cyr && S->t[d].cap && S->t[d + 1].cyr &&
			    !S->t[d + 1].cap && kind_at(S, d + 1) &&
			    cyr_adjective(S, d))
				break;
		if (d + 1 >= i || (m = own_match(C, &used)) == NULL)
			continue;
		r = NULL;
		for (a = 0; a < np; a++)
			if (p[a].m->region != NULL && p[a].m->region->depth > 0 &&
			    p[a].tok < i)
				r = p[a].m->region;
		put_place(S, m, r, i, i + 1, &p[np++]);
	}
	/* "В Одессе возобновлено водоснабжение в Пересыпском районе":
	   a district the gazetteer lacks, later in the clause, is the
	   more specific place of the same claim (lang_uk2.c) */
	for (a = 0; a < np; a++) {
		size_t k = cyr_district_of(S, p, np, a);

		if (k < np) {
			if (p[a].m->region == NULL &&
			    (m = own_match(C, &used)) != NULL) {
				*m = *p[a].m;
				m->region = p[k].m->region;
				p[a].m = m;
			}
			drop_place(p, &np, k);
			a = k < a ? a - 1 : a;
		}
	}
	/* "на заході країни", "на юге страны": a part of the country */
	for (i = 1; compass && i + 1 < S->n && np < max; i++) {
		if (!S->t[i].cyr || !lx_in(S->t[i].lx, LX_COMPASS) ||
		    !WEQ(S->t[i + 1].w, "country") || !tw(S, i - 1, "in") ||
		    (m = own_match(C, &used)) == NULL)
			continue;
		put_place(S, m, NULL, i, i + 2, &p[np++]);
	}
	for (i = 0; oblast && i < S->n && np < max; i++) {
		if (!S->t[i].cyr || !WEQ(S->t[i].w, "oblast"))
			continue;
		/* not part of a name ("Київській області") */
		for (a = 0; a < np; a++)
			if (i >= p[a].tok && i < p[a].tok_end)
				break;
		if (a < np || (i > 0 && !tw(S, i - 1, "and") &&
		    !tw(S, i - 1, "in") && !tp(S, i - 1, ',') &&
		    (!S->t[i - 1].cyr || S->t[i - 1].cap)))
			continue;
		/* the oblast of the nearest known place before it */
		r = NULL;
		b = 0;
		for (a = 0; a < np; a++)
			if (p[a].m->region != NULL && p[a].tok < i &&
			    (r == NULL || p[a].tok > b))
				r = p[a].m->region, b = p[a].tok;
		if (r == NULL)
			r = prev_region(C);
		if ((r = oblast_of(C, r)) == NULL ||
		    (m = own_match(C, &used)) == NULL)
			continue;
		put_place(S, m, r, i, i + 1, &p[np++]);
	}
	/* "У «Харківобленерго» зазначили ...", "Київводоканал": with no
	   place named, an operator named after its region tells it */
	for (a = 0, b = SIZE_MAX; np == 0 && a < NELEM(op_suffixes); a++)
		if (op_suffixes[a].len < b)
			b = op_suffixes[a].len;
	for (i = 0; np == 0 && i < S->n; i++) {
		char w[64];
		size_t n, a2, l;

		/* speed only: a word of no more bytes than the shortest
		   suffix (b) folds to no more, and ends in none */
		if (!S->t[i].cyr || !S->t[i].cap || S->t[i].len >= 60 ||
		    S->t[i].len <= b)
			continue;
		n = cyr_fold(S->text + S->t[i].start, S->t[i].len, w,
		    sizeof(w));
		/* the name, or the name declined ("Київводоканалу") */
		for (a2 = 0; a2 < NELEM(op_suffixes); a2++) {
			size_t e2;

			l = op_suffixes[a2].len;
			for (e2 = 0; e2 <= 4 && n > l + e2; e2 += 2)
				if (w[n - l - e2] == op_suffixes[a2].suffix[0] &&
				    strncmp(w + n - l - e2,
				    op_suffixes[a2].suffix, l) == 0)
					break;
			if (e2 <= 4 && n > l + e2)
				break;
		}
		if (a2 == NELEM(op_suffixes))
			continue;
		for (b = 0; b < NELEM(op_regions); b++)
			if (starts(w, op_regions[b].stem))
				break;
		if (b == NELEM(op_regions) || C->g == NULL ||
		    (r = gaz_by_id(C->g, op_suffixes[a2].city &&
		    op_regions[b].city != NULL ? op_regions[b].city :
		    op_regions[b].id)) == NULL ||
		    (m = own_match(C, &used)) == NULL)
			continue;
		put_place(S, m, r, i, i + 1, &p[np++]);
	}
	return np;
}
