/* SPDX-License-Identifier: MIT */
/*
 * lexicon_uk.c - Ukrainian and Russian words for the extractor.
 *
 * A Cyrillic word is folded (lowercase, apostrophes dropped, ё as е) and
 * looked up once, when its token is made, in a table of inflected forms;
 * a form it knows is glossed by an English word of the lexicon
 * ("знеструмлено" -> "de-energized", "споживачів" -> "consumers", "у" ->
 * "in"), so that the token carries that word's lists and unit and the
 * English rules read it.  lang_uk.c does what a gloss cannot say: numbers,
 * abbreviations and the words around a cue.
 *
 * The forms are stems with hand-written ending sets, expanded once when
 * the lexicon is built.  Debian's hunspell-uk and hunspell-ru with
 * libhunspell would reduce any inflected word to its lemma instead, but
 * Hunspell_stem() took 7.3 microseconds a word on this project's build
 * machine (uk_UA, one core), and a Ukrainian article is almost all
 * Cyrillic words: at the 100 MB/s goal the extractor has about 0.12
 * microseconds a word, sixty times less.  Lemmatizing only candidate
 * tokens would still stem most words (any may be a cue, a unit or a
 * place), and the few hundred lemmas the rules need take a table of
 * endings and one hash probe a word.  So no dependency; a word the
 * table lacks is simply not glossed.
 */
#include <pthread.h>
#include <stdlib.h>

#include "util.h"

#include "extract_int.h"

/* Ending sets: a stem takes every ending of its set ("" is the stem). */
enum ends {
	E_NONE,		/* the word itself */
	E_ADJ,		/* adjectives and participles, uk and ru */
	E_NOUN,		/* nouns, uk and ru */
	E_VERB		/* past and present verb forms */
};

static const char *const end_sets[][64] = {
	[E_NONE] = { "", NULL },
	[E_ADJ] = { "", "а", "о", "е", "є", "я", "ю", "і", "и", "ы", "ий", "ій", "ая", "яя",
	    "ое", "ее", "ые", "ый", "ой", "ої", "ою", "ого", "ому", "им",
	    "ими", "их", "ым", "ыми", "ых", "ую", "у", "ом", "ої", "ем",
	    "ій", "ього", "ьому", "ього", "ие", "ий", "их", "ими", "ия",
	    "ое", "ого", "ому", "ая", "ою", NULL },
	[E_NOUN] = { "", "а", "я", "у", "ю", "і", "и", "ї", "е", "о", "ь", "ам",
	    "ям", "ах", "ях", "ами", "ями", "ом", "ем", "ою", "ею", "ей",
	    "ів", "їв", "ов", "ев", "ы", "ой", "ия", "ии", "ию", "ией",
	    "ії", "ію", "ією", "ья", "ье", "ьи", "ью", "ям", "єю", "ої",
	    NULL },
	[E_VERB] = { "", "в", "ла", "ло", "ли", "л", "ли", "лися", "лась",
	    "лось", "лись", "лася", "лося", "вся", "ся", "ють", "ять", "ют",
	    "ят", "ут", "ать", "ає", "яє", "ить", "ит", "ет", "є", "е",
	    "ються", "яться", "ется", "ится", "ються", "ться", "ти",
	    "ть", NULL },
};

/* Which language a form belongs to: sentences are read in theirs. */
#define UK	1
#define RU	2
#define BOTH	3

/* Extra lists a gloss does not carry. */
#define F_NUM	1	/* may start a count phrase */
#define F_OUTNOUN 2	/* an outage noun ("аварійні знеструмлення") */

static const struct cyr_word {
	const char	*stem;
	enum ends	 ends;
	const char	*gloss;		/* an English word of the lexicon */
	unsigned char	 lang;
	unsigned char	 flags;
} cyr_words[] = {
	/* ---- utilities [utility-words] ---- */
	{ "електроенергі", E_NOUN, "electricity", UK, 0 },
	{ "електропостачанн", E_NOUN, "electricity", UK, 0 },
	{ "енергопостачанн", E_NOUN, "electricity", UK, 0 },
	{ "електроживленн", E_NOUN, "electricity", UK, 0 },
	{ "електрик", E_NOUN, "electricity", UK, 0 },
	{ "електриці", E_NONE, "electricity", UK, 0 },
	{ "світл", E_NOUN, "electricity", UK, 0 },
	{ "живленн", E_NOUN, "electricity", UK, 0 },
	{ "струм", E_NOUN, "electricity", UK, 0 },
	{ "електромереж", E_NOUN, "power", UK, 0 },
	/* "електро- та водопостачання": the first word's prefix */
	{ "електро", E_NONE, "electricity", UK, 0 },
	{ "электро", E_NONE, "electricity", RU, 0 },
	{ "водо", E_NONE, "water", BOTH, 0 },
	{ "газо", E_NONE, "gas", BOTH, 0 },
	{ "электроэнерги", E_NOUN, "electricity", RU, 0 },
	{ "электроснабжени", E_NOUN, "electricity", RU, 0 },
	{ "энергоснабжени", E_NOUN, "electricity", RU, 0 },
	{ "электричеств", E_NOUN, "electricity", RU, 0 },
	{ "свет", E_NOUN, "electricity", RU, 0 },
	{ "питани", E_NOUN, "electricity", RU, 0 },
	{ "опаленн", E_NOUN, "heating", UK, 0 },
	{ "теплопостачанн", E_NOUN, "heating", UK, 0 },
	{ "тепл", E_NOUN, "heat", BOTH, 0 },
	{ "отоплени", E_NOUN, "heating", RU, 0 },
	{ "теплоснабжени", E_NOUN, "heating", RU, 0 },
	{ "теплоносі", E_NOUN, "heating", UK, 0 },
	{ "теплоносій", E_NONE, "heating", UK, 0 },
	{ "теплоносієм", E_NONE, "heating", UK, 0 },
	{ "теплоносител", E_NOUN, "heating", RU, 0 },
	{ "теплопостачанням", E_NONE, "heating", UK, 0 },
	{ "гаряч", E_ADJ, "hot", UK, 0 },
	{ "горяч", E_ADJ, "hot", RU, 0 },
	{ "гвп", E_NONE, "heating", BOTH, 0 },
	{ "вод", E_NOUN, "water", BOTH, 0 },
	{ "водопостачанн", E_NOUN, "water", UK, 0 },
	{ "водопостачання", E_NONE, "water", UK, 0 },
	{ "водоснабжени", E_NOUN, "water", RU, 0 },
	{ "водовідведенн", E_NOUN, "water", UK, 0 },
	{ "водоотведени", E_NOUN, "water", RU, 0 },
	{ "водопостачанням", E_NONE, "water", UK, 0 },
	{ "водопостачанні", E_NONE, "water", UK, 0 },
	{ "газ", E_NOUN, "gas", BOTH, 0 },
	{ "газопостачанн", E_NOUN, "gas", UK, 0 },
	{ "газоснабжени", E_NOUN, "gas", RU, 0 },
	{ "газопровід", E_NOUN, "pipeline", UK, 0 },
	{ "газопровод", E_NOUN, "pipeline", BOTH, 0 },
	{ "звязок", E_NONE, "communications", UK, 0 },
	{ "звязк", E_NOUN, "communications", UK, 0 },
	{ "связь", E_NONE, "communications", RU, 0 },
	{ "связи", E_NONE, "communications", RU, 0 },
	{ "связью", E_NONE, "communications", RU, 0 },
	{ "мобільн", E_ADJ, "mobile", UK, 0 },
	{ "мобильн", E_ADJ, "mobile", RU, 0 },
	{ "інтернет", E_NOUN, "internet", UK, 0 },
	{ "интернет", E_NOUN, "internet", RU, 0 },
	{ "телефон", E_NOUN, "phones", BOTH, 0 },

	/* ---- status words [status-words] ---- */
	{ "без", E_NONE, "without", BOTH, 0 },
	{ "знеструмлен", E_ADJ, "de-energized", UK, 0 },
	{ "знеструмленн", E_NOUN, "de-energized", UK, F_OUTNOUN },
	{ "знеструмлень", E_NONE, "de-energized", UK, F_OUTNOUN },
	{ "знеструми", E_VERB, "de-energized", UK, 0 },
	{ "знеструмлюють", E_NONE, "de-energized", UK, 0 },
	{ "знеструмлюва", E_VERB, "de-energized", UK, 0 },
	{ "обесточива", E_VERB, "de-energized", RU, 0 },
	{ "обесточен", E_ADJ, "de-energized", RU, 0 },
	{ "обесточи", E_VERB, "de-energized", RU, 0 },
	{ "обесточивани", E_NOUN, "de-energized", RU, F_OUTNOUN },
	/* Russian long participles double the н ("обесточенные",
	   "обесточенными", "восстановленных") */
	{ "обесточенн", E_ADJ, "de-energized", RU, 0 },
	{ "отключенн", E_ADJ, "disconnected", RU, 0 },
	/* perfective futures: what will happen ("отключат", "знеструмлять") */
	{ "отключат", E_NONE, "will", RU, 0 },
	{ "отключит", E_NONE, "will", RU, 0 },
	{ "обесточат", E_NONE, "will", RU, 0 },
	{ "восстановят", E_NONE, "will", RU, 0 },
	{ "восстановит", E_NONE, "will", RU, 0 },
	{ "вернут", E_NONE, "will", RU, 0 },
	{ "відключать", E_NONE, "will", UK, 0 },
	{ "відключить", E_NONE, "will", UK, 0 },
	{ "вимкнуть", E_NONE, "will", UK, 0 },
	{ "знеструмлять", E_NONE, "will", UK, 0 },
	{ "знеструмить", E_NONE, "will", UK, 0 },
	{ "відновлять", E_NONE, "will", UK, 0 },
	{ "відновить", E_NONE, "will", UK, 0 },
	{ "повернуть", E_NONE, "will", UK, 0 },
	{ "обіцяють", E_NONE, "will", UK, 0 },
	{ "залишиться", E_NONE, "will", UK, 0 },
	{ "залишаться", E_NONE, "will", UK, 0 },
	{ "останется", E_NONE, "will", RU, 0 },
	{ "останутся", E_NONE, "will", RU, 0 },
	{ "обещают", E_NONE, "will", RU, 0 },
	{ "исчез", E_NONE, "lost", RU, 0 },
	{ "исчезл", E_ADJ, "lost", RU, 0 },
	{ "пропало", E_NONE, "lost", RU, 0 },
	{ "пропав", E_NONE, "lost", UK, 0 },
	{ "погас", E_NONE, "lost", RU, 0 },
	{ "погасл", E_ADJ, "lost", RU, 0 },
	{ "згасл", E_ADJ, "lost", UK, 0 },
	{ "знеструмлених", E_NONE, "de-energized", UK, 0 },
	{ "обесточенных", E_NONE, "de-energized", RU, 0 },
	{ "відключен", E_ADJ, "disconnected", UK, 0 },
	{ "відключи", E_VERB, "disconnected", UK, 0 },
	{ "вимкнен", E_ADJ, "disconnected", UK, 0 },
	{ "вимкну", E_VERB, "disconnected", UK, 0 },
	{ "отключен", E_ADJ, "disconnected", RU, 0 },
	{ "отключи", E_VERB, "disconnected", RU, 0 },
	{ "відключення", E_NONE, "outages", UK, 0 },
	{ "відключень", E_NONE, "outages", UK, 0 },
	{ "відключеннях", E_NONE, "outages", UK, 0 },
	{ "відключенням", E_NONE, "outages", UK, 0 },
	{ "вимкнення", E_NONE, "outages", UK, 0 },
	{ "вимкнень", E_NONE, "outages", UK, 0 },
	{ "отключения", E_NONE, "outages", RU, 0 },
	{ "отключений", E_NONE, "outages", RU, 0 },
	{ "отключение", E_NONE, "outages", RU, 0 },
	{ "отключению", E_NONE, "outages", RU, 0 },
	{ "блекаут", E_NOUN, "blackout", BOTH, 0 },
	{ "перебо", E_NOUN, "interruptions", BOTH, 0 },
	{ "перебої", E_NONE, "interruptions", UK, 0 },
	{ "перебоями", E_NONE, "interruptions", BOTH, 0 },
	{ "збій", E_NONE, "failure", UK, 0 },
	{ "збої", E_NONE, "failure", UK, 0 },
	{ "збою", E_NONE, "failure", UK, 0 },
	{ "збоїв", E_NONE, "failure", UK, 0 },
	{ "сбой", E_NONE, "failure", RU, 0 },
	{ "сбои", E_NONE, "failure", RU, 0 },
	{ "сбоя", E_NONE, "failure", RU, 0 },
	{ "зник", E_NONE, "lost", UK, 0 },
	{ "припинен", E_ADJ, "halted", UK, 0 },
	{ "припини", E_VERB, "halted", UK, 0 },
	{ "прекращен", E_ADJ, "halted", RU, 0 },
	{ "прекрати", E_VERB, "halted", RU, 0 },
	{ "зникл", E_ADJ, "lost", UK, 0 },
	{ "зникло", E_NONE, "lost", UK, 0 },
	{ "пропал", E_ADJ, "lost", RU, 0 },
	{ "втрати", E_VERB, "lost", UK, 0 },
	{ "лишилися", E_NONE, "remained", UK, 0 },
	{ "лишились", E_NONE, "remained", UK, 0 },
	{ "лишилось", E_NONE, "remained", UK, 0 },
	{ "лишилося", E_NONE, "remained", UK, 0 },
	{ "залиши", E_VERB, "left", UK, 0 },
	{ "оставил", E_NOUN, "left", RU, 0 },
	{ "відсутн", E_ADJ, "offline", UK, 0 },
	{ "відсутність", E_NONE, "lack", UK, 0 },
	{ "відсутності", E_NONE, "lack", UK, 0 },
	{ "отсутству", E_VERB, "offline", RU, 0 },
	{ "отсутстви", E_NOUN, "lack", RU, 0 },
	{ "недоступн", E_ADJ, "offline", BOTH, 0 },
	{ "немає", E_NONE, "no", UK, 0 },
	{ "нема", E_NONE, "no", UK, 0 },
	{ "нет", E_NONE, "no", RU, 0 },
	{ "темряв", E_NOUN, "darkness", UK, 0 },
	{ "темнот", E_NOUN, "darkness", RU, 0 },
	{ "відновлен", E_ADJ, "restored", UK, 0 },
	{ "відновили", E_NONE, "restored", UK, 0 },
	{ "відновив", E_NONE, "restored", UK, 0 },
	{ "відновила", E_NONE, "restored", UK, 0 },
	{ "відновило", E_NONE, "restored", UK, 0 },
	{ "відновилося", E_NONE, "restored", UK, 0 },
	{ "відновилось", E_NONE, "restored", UK, 0 },
	{ "відновилася", E_NONE, "restored", UK, 0 },
	{ "відновились", E_NONE, "restored", UK, 0 },
	{ "відновилися", E_NONE, "restored", UK, 0 },
	{ "поновили", E_NONE, "restored", UK, 0 },
	{ "поновлено", E_NONE, "restored", UK, 0 },
	{ "повернули", E_NONE, "restored", UK, 0 },
	{ "повернуто", E_NONE, "restored", UK, 0 },
	{ "повернулося", E_NONE, "returned", UK, 0 },
	{ "повернулось", E_NONE, "returned", UK, 0 },
	{ "повернулись", E_NONE, "returned", UK, 0 },
	{ "повернулися", E_NONE, "returned", UK, 0 },
	{ "повернувся", E_NONE, "returned", UK, 0 },
	{ "повернув", E_NONE, "restored", UK, 0 },
	{ "повернула", E_NONE, "restored", UK, 0 },
	{ "повернуло", E_NONE, "restored", UK, 0 },
	{ "заживив", E_NONE, "re-energized", UK, 0 },
	{ "заживила", E_NONE, "re-energized", UK, 0 },
	{ "заживило", E_NONE, "re-energized", UK, 0 },
	{ "підключив", E_NONE, "reconnected", UK, 0 },
	{ "підключила", E_NONE, "reconnected", UK, 0 },
	{ "вернул", E_NONE, "restored", RU, 0 },
	{ "вернула", E_NONE, "restored", RU, 0 },
	{ "вернуло", E_NONE, "restored", RU, 0 },
	{ "повернулася", E_NONE, "returned", UK, 0 },
	{ "заживили", E_NONE, "re-energized", UK, 0 },
	{ "зявилося", E_NONE, "returned", UK, 0 },
	{ "зявилось", E_NONE, "returned", UK, 0 },
	{ "зявилася", E_NONE, "returned", UK, 0 },
	{ "зявилися", E_NONE, "returned", UK, 0 },
	{ "зявились", E_NONE, "returned", UK, 0 },
	{ "зявився", E_NONE, "returned", UK, 0 },
	{ "появилось", E_NONE, "returned", RU, 0 },
	{ "появилась", E_NONE, "returned", RU, 0 },
	{ "появились", E_NONE, "returned", RU, 0 },
	{ "появился", E_NONE, "returned", RU, 0 },
	{ "заживлен", E_ADJ, "re-energized", UK, 0 },
	{ "підключили", E_NONE, "reconnected", UK, 0 },
	{ "підключен", E_ADJ, "reconnected", UK, 0 },
	{ "відновлено", E_NONE, "restored", UK, 0 },
	{ "восстановлен", E_ADJ, "restored", RU, 0 },
	{ "восстанови", E_VERB, "restored", RU, 0 },
	{ "возобнови", E_VERB, "resumed", RU, 0 },
	{ "возобновлен", E_ADJ, "resumed", RU, 0 },
	{ "вернули", E_NONE, "restored", RU, 0 },
	{ "вернулся", E_NONE, "returned", RU, 0 },
	{ "вернулось", E_NONE, "returned", RU, 0 },
	{ "вернулась", E_NONE, "returned", RU, 0 },
	{ "подключили", E_NONE, "reconnected", RU, 0 },
	{ "подключен", E_ADJ, "reconnected", RU, 0 },
	{ "запитали", E_NONE, "reconnected", RU, 0 },
	{ "запитан", E_ADJ, "reconnected", RU, 0 },
	{ "восстановленн", E_ADJ, "restored", RU, 0 },
	{ "подключенн", E_ADJ, "reconnected", RU, 0 },
	{ "возобновленн", E_ADJ, "resumed", RU, 0 },
	{ "запитанн", E_ADJ, "reconnected", RU, 0 },
	{ "переподключи", E_VERB, "reconnected", RU, 0 },
	{ "переподключен", E_ADJ, "reconnected", RU, 0 },
	{ "перезаживи", E_VERB, "re-energized", UK, 0 },
	{ "перезаживлен", E_ADJ, "re-energized", UK, 0 },
	{ "перезапитали", E_NONE, "reconnected", UK, 0 },
	{ "точок", E_NONE, "consumers", UK, 0 },
	{ "підключено", E_NONE, "reconnected", UK, 0 },
	{ "підєднали", E_NONE, "reconnected", UK, 0 },
	{ "приєднали", E_NONE, "reconnected", UK, 0 },
	{ "налагоджено", E_NONE, "restored", UK, 0 },
	{ "налагодили", E_NONE, "restored", UK, 0 },
	{ "стабілізовано", E_NONE, "restored", UK, 0 },
	{ "відремонтували", E_NONE, "repaired", UK, 0 },
	/* infinitives: a plan, unless "вдалося"/"змогли" (lang_uk.c) */
	{ "відновити", E_NONE, "restore", UK, 0 },
	{ "повернути", E_NONE, "restore", UK, 0 },
	{ "заживити", E_NONE, "restore", UK, 0 },
	{ "восстановить", E_NONE, "restore", RU, 0 },
	{ "вернуть", E_NONE, "restore", RU, 0 },
	{ "возобновить", E_NONE, "restore", RU, 0 },
	{ "підключити", E_NONE, "restore", UK, 0 },
	{ "підключати", E_NONE, "restore", UK, 0 },
	{ "заживлювати", E_NONE, "restore", UK, 0 },
	{ "подключить", E_NONE, "restore", RU, 0 },
	{ "запитать", E_NONE, "restore", RU, 0 },
	{ "поновити", E_NONE, "restore", UK, 0 },
	/* the noun: no cue, unless work on it goes on (lang_uk.c) */
	{ "відновлення", E_NONE, "reconnection", UK, 0 },
	{ "відновленням", E_NONE, "reconnection", UK, 0 },
	{ "восстановлени", E_NOUN, "reconnection", RU, 0 },
	/* in progress: partial [status-words] */
	{ "відновлюють", E_NONE, "restoring", UK, 0 },
	{ "відновлюється", E_NONE, "restoring", UK, 0 },
	{ "відновлюються", E_NONE, "restoring", UK, 0 },
	{ "повертають", E_NONE, "restoring", UK, 0 },
	{ "восстанавлива", E_VERB, "restoring", RU, 0 },
	{ "возвращают", E_NONE, "restoring", RU, 0 },
	{ "розпочали", E_NONE, "started", UK, 0 },
	{ "почали", E_NONE, "started", UK, 0 },
	{ "начали", E_NONE, "started", RU, 0 },
	{ "заживлюють", E_NONE, "restoring", UK, 0 },
	{ "підключають", E_NONE, "restoring", UK, 0 },
	{ "подключают", E_NONE, "restoring", RU, 0 },
	{ "запитывают", E_NONE, "restoring", RU, 0 },
	{ "знову", E_NONE, "back", UK, 0 },
	{ "снова", E_NONE, "back", RU, 0 },
	{ "вновь", E_NONE, "back", RU, 0 },
	{ "обмеженн", E_NOUN, "restrictions", UK, 0 },
	{ "обмежен", E_ADJ, "rationed", UK, 0 },
	{ "ограничени", E_NOUN, "restrictions", RU, 0 },
	{ "знижен", E_ADJ, "low", UK, 0 },
	{ "зниженн", E_NOUN, "low", UK, 0 },
	{ "понижен", E_ADJ, "low", BOTH, 0 },
	{ "низьк", E_ADJ, "low", UK, 0 },
	{ "низк", E_ADJ, "low", RU, 0 },
	{ "слаб", E_ADJ, "low", BOTH, 0 },
	{ "слабк", E_ADJ, "low", UK, 0 },
	{ "тиск", E_NOUN, "pressure", UK, 0 },
	{ "давлени", E_NOUN, "pressure", RU, 0 },
	{ "частков", E_ADJ, "partially", UK, 0 },
	{ "частично", E_NONE, "partially", RU, 0 },
	{ "графік", E_NOUN, "scheduled", UK, 0 },
	{ "график", E_NOUN, "scheduled", RU, 0 },
	{ "гпв", E_NONE, "scheduled", BOTH, 0 },
	{ "гав", E_NONE, "emergency", UK, 0 },
	{ "погодинн", E_ADJ, "hourly", UK, 0 },
	{ "почасов", E_ADJ, "hourly", RU, 0 },
	{ "аварійн", E_ADJ, "emergency", UK, 0 },
	{ "аварийн", E_ADJ, "emergency", RU, 0 },
	{ "екстрен", E_ADJ, "emergency", UK, 0 },
	{ "экстренн", E_ADJ, "emergency", RU, 0 },
	{ "стабілізаційн", E_ADJ, "stabilization", UK, 0 },
	{ "стабилизационн", E_ADJ, "stabilization", RU, 0 },
	{ "планов", E_ADJ, "scheduled", BOTH, 0 },
	{ "черг", E_NOUN, "queue", UK, 0 },

	/* ---- future, hypothetical, advisory [off-clause] ---- */
	{ "можлив", E_ADJ, "may", UK, 0 },
	{ "можливо", E_NONE, "may", UK, 0 },
	{ "возможн", E_ADJ, "may", RU, 0 },
	{ "може", E_NONE, "may", UK, 0 },
	{ "можуть", E_NONE, "may", UK, 0 },
	{ "может", E_NONE, "may", RU, 0 },
	{ "могут", E_NONE, "may", RU, 0 },
	{ "буде", E_NONE, "will", UK, 0 },
	{ "будуть", E_NONE, "will", UK, 0 },
	{ "будет", E_NONE, "will", RU, 0 },
	{ "будут", E_NONE, "will", RU, 0 },
	{ "завтра", E_NONE, "will", BOTH, 0 },
	{ "післязавтра", E_NONE, "will", UK, 0 },
	{ "послезавтра", E_NONE, "will", RU, 0 },
	{ "план", E_VERB, "planned", BOTH, 0 },
	{ "плану", E_VERB, "planned", UK, 0 },
	{ "плануються", E_NONE, "planned", UK, 0 },
	{ "планується", E_NONE, "planned", UK, 0 },
	{ "планируется", E_NONE, "planned", RU, 0 },
	{ "планируются", E_NONE, "planned", RU, 0 },
	{ "запланован", E_ADJ, "planned", UK, 0 },
	{ "запланирован", E_ADJ, "planned", RU, 0 },
	{ "прогноз", E_NOUN, "forecast", BOTH, 0 },
	{ "прогнозу", E_VERB, "forecast", UK, 0 },
	{ "прогнозиру", E_VERB, "forecast", RU, 0 },
	{ "спрогнозувати", E_NONE, "forecast", UK, 0 },
	{ "очікуван", E_ADJ, "expected", UK, 0 },
	{ "ожида", E_VERB, "expected", RU, 0 },
	{ "якщо", E_NONE, "if", UK, 0 },
	{ "если", E_NONE, "if", RU, 0 },
	{ "ризик", E_NOUN, "risk", BOTH, 0 },
	{ "загроз", E_NOUN, "risk", UK, 0 },
	{ "угроз", E_NOUN, "risk", RU, 0 },
	{ "заклика", E_VERB, "urged", UK, 0 },
	{ "призыва", E_VERB, "urged", RU, 0 },
	{ "ймовірн", E_ADJ, "likely", UK, 0 },
	{ "вероятн", E_ADJ, "likely", RU, 0 },
	{ "має", E_NONE, "should", UK, 0 },
	{ "мають", E_NONE, "should", UK, 0 },
	{ "повинн", E_ADJ, "should", BOTH, 0 },
	{ "потрібно", E_NONE, "should", UK, 0 },
	{ "слід", E_NONE, "should", UK, 0 },
	{ "нужно", E_NONE, "should", RU, 0 },
	{ "попереджа", E_VERB, "warns", UK, 0 },
	{ "попередил", E_NOUN, "warned", UK, 0 },
	{ "предупрежда", E_VERB, "warns", RU, 0 },

	/* ---- words lang_uk.c reads around a cue ---- */
	{ "трива", E_VERB, "ongoing", UK, 0 },
	{ "тривають", E_NONE, "ongoing", UK, 0 },
	{ "триває", E_NONE, "ongoing", UK, 0 },
	{ "продовжу", E_VERB, "ongoing", UK, 0 },
	{ "продовжуються", E_NONE, "ongoing", UK, 0 },
	{ "продолжа", E_VERB, "ongoing", RU, 0 },
	{ "продолжаются", E_NONE, "ongoing", RU, 0 },
	{ "ведуться", E_NONE, "ongoing", UK, 0 },
	{ "ведутся", E_NONE, "ongoing", RU, 0 },
	{ "працю", E_VERB, "working", UK, 0 },
	{ "працюють", E_NONE, "working", UK, 0 },
	{ "працює", E_NONE, "working", UK, 0 },
	{ "работа", E_VERB, "working", RU, 0 },
	{ "работает", E_NONE, "working", RU, 0 },
	{ "работают", E_NONE, "working", RU, 0 },
	{ "функціону", E_VERB, "working", UK, 0 },
	{ "функционир", E_VERB, "working", RU, 0 },
	{ "вдалося", E_NONE, "managed", UK, 0 },
	{ "вдалось", E_NONE, "managed", UK, 0 },
	{ "удалося", E_NONE, "managed", UK, 0 },
	{ "удалось", E_NONE, "managed", RU, 0 },
	{ "змогли", E_NONE, "managed", UK, 0 },
	{ "змогла", E_NONE, "managed", UK, 0 },
	{ "зміг", E_NONE, "managed", UK, 0 },
	{ "зуміли", E_NONE, "managed", UK, 0 },
	{ "смогли", E_NONE, "managed", RU, 0 },
	{ "смог", E_NONE, "managed", RU, 0 },

	/* ---- function words ---- */
	{ "у", E_NONE, "in", UK, 0 },
	{ "в", E_NONE, "in", BOTH, 0 },
	{ "на", E_NONE, "in", BOTH, 0 },
	{ "по", E_NONE, "across", BOTH, 0 },
	{ "та", E_NONE, "and", UK, 0 },
	{ "і", E_NONE, "and", UK, 0 },
	{ "й", E_NONE, "and", UK, 0 },
	{ "и", E_NONE, "and", RU, 0 },
	{ "а", E_NONE, "and", BOTH, 0 },
	{ "або", E_NONE, "or", UK, 0 },
	{ "или", E_NONE, "or", RU, 0 },
	{ "але", E_NONE, "but", UK, 0 },
	{ "проте", E_NONE, "however", UK, 0 },
	{ "однак", E_NONE, "however", UK, 0 },
	{ "но", E_NONE, "but", RU, 0 },
	{ "однако", E_NONE, "however", RU, 0 },
	{ "водночас", E_NONE, "while", UK, 0 },
	{ "тоді", E_NONE, "while", UK, 0 },
	{ "який", E_NONE, "which", UK, 0 },
	{ "яка", E_NONE, "which", UK, 0 },
	{ "яке", E_NONE, "which", UK, 0 },
	{ "які", E_NONE, "which", UK, 0 },
	{ "якого", E_NONE, "which", UK, 0 },
	{ "яких", E_NONE, "which", UK, 0 },
	{ "якими", E_NONE, "which", UK, 0 },
	{ "якій", E_NONE, "which", UK, 0 },
	{ "де", E_NONE, "which", UK, 0 },
	{ "що", E_NONE, "which", UK, 0 },
	{ "котор", E_ADJ, "which", RU, 0 },
	{ "где", E_NONE, "which", RU, 0 },
	{ "что", E_NONE, "which", RU, 0 },
	{ "для", E_NONE, "for", BOTH, 0 },
	{ "з", E_NONE, "with", UK, 0 },
	{ "зі", E_NONE, "with", UK, 0 },
	{ "із", E_NONE, "with", UK, 0 },
	{ "со", E_NONE, "with", RU, 0 },
	{ "с", E_NONE, "with", RU, 0 },
	{ "вже", E_NONE, "already", UK, 0 },
	{ "уже", E_NONE, "already", BOTH, 0 },
	{ "подач", E_NOUN, "supply", BOTH, 0 },
	{ "постачанн", E_NOUN, "supply", UK, 0 },
	{ "очікується", E_NONE, "expected", UK, 0 },
	{ "очікуються", E_NONE, "expected", UK, 0 },
	{ "очікуємо", E_NONE, "expected", UK, 0 },
	{ "очікують", E_NONE, "expected", UK, 0 },
	{ "через", E_NONE, "because", UK, 0 },
	{ "внаслідок", E_NONE, "due", UK, 0 },
	{ "унаслідок", E_NONE, "due", UK, 0 },
	{ "вследствие", E_NONE, "due", RU, 0 },
	{ "из-за", E_NONE, "due", RU, 0 },
	{ "після", E_NONE, "after", UK, 0 },
	{ "после", E_NONE, "after", RU, 0 },
	{ "до", E_NONE, "to", BOTH, 0 },
	{ "від", E_NONE, "from", UK, 0 },
	{ "от", E_NONE, "from", RU, 0 },
	{ "не", E_NONE, "not", BOTH, 0 },
	{ "ще", E_NONE, "still", UK, 0 },
	{ "досі", E_NONE, "still", UK, 0 },
	{ "поки", E_NONE, "still", UK, 0 },
	{ "пока", E_NONE, "still", RU, 0 },
	{ "еще", E_NONE, "still", RU, 0 },
	{ "залишаються", E_NONE, "remain", UK, 0 },
	{ "залишається", E_NONE, "remain", UK, 0 },
	{ "залиша", E_VERB, "remain", UK, 0 },
	{ "перебува", E_VERB, "remain", UK, 0 },
	{ "лиша", E_VERB, "remain", UK, 0 },
	/* "33 тисячі абонентів отримують газ в повному обсязі" */
	{ "отриму", E_VERB, "receiving", UK, 0 },
	{ "получа", E_VERB, "receiving", RU, 0 },
	{ "повному", E_NONE, "full", UK, 0 },
	{ "полном", E_NONE, "full", RU, 0 },
	{ "лишил", E_NOUN, "remained", UK, 0 },
	{ "находя", E_VERB, "remain", RU, 0 },
	{ "находится", E_NONE, "remain", RU, 0 },
	{ "находятся", E_NONE, "remain", RU, 0 },
	{ "пребывают", E_NONE, "remain", RU, 0 },
	{ "залишил", E_NOUN, "remained", UK, 0 },
	{ "залишилися", E_NONE, "remained", UK, 0 },
	{ "залишилось", E_NONE, "remained", UK, 0 },
	{ "залишилася", E_NONE, "remained", UK, 0 },
	{ "залишилося", E_NONE, "remained", UK, 0 },
	{ "залишились", E_NONE, "remained", UK, 0 },
	{ "залишився", E_NONE, "remained", UK, 0 },
	{ "остал", E_VERB, "remained", RU, 0 },
	{ "остались", E_NONE, "remained", RU, 0 },
	{ "остается", E_NONE, "remain", RU, 0 },
	{ "остаются", E_NONE, "remain", RU, 0 },
	{ "опинил", E_NOUN, "remained", UK, 0 },
	{ "опинилися", E_NONE, "remained", UK, 0 },
	{ "опинились", E_NONE, "remained", UK, 0 },
	{ "опинилося", E_NONE, "remained", UK, 0 },
	{ "оказались", E_NONE, "remained", RU, 0 },
	{ "оказался", E_NONE, "remained", RU, 0 },
	{ "сьогодні", E_NONE, "today", UK, 0 },
	{ "сегодня", E_NONE, "today", RU, 0 },
	{ "вчора", E_NONE, "yesterday", UK, 0 },
	{ "вчера", E_NONE, "yesterday", RU, 0 },
	{ "наразі", E_NONE, "now", UK, 0 },
	{ "зараз", E_NONE, "now", UK, 0 },
	{ "сейчас", E_NONE, "now", RU, 0 },
	{ "повідомил", E_NOUN, "said", UK, 0 },
	{ "повідомляє", E_NONE, "said", UK, 0 },
	{ "заявил", E_NOUN, "said", BOTH, 0 },
	{ "сообщил", E_NOUN, "said", RU, 0 },
	{ "написав", E_NONE, "said", UK, 0 },
	{ "зазначив", E_NONE, "said", UK, 0 },

	/* ---- hedges and number words [hedge] ---- */
	{ "понад", E_NONE, "over", UK, F_NUM },
	{ "більше", E_NONE, "more", UK, F_NUM },
	{ "більш", E_NONE, "more", UK, F_NUM },
	{ "близько", E_NONE, "about", UK, F_NUM },
	{ "майже", E_NONE, "almost", UK, F_NUM },
	{ "приблизно", E_NONE, "approximately", UK, F_NUM },
	{ "орієнтовно", E_NONE, "approximately", UK, F_NUM },
	{ "щонайменше", E_NONE, "approximately", UK, F_NUM },
	{ "майже", E_NONE, "almost", UK, F_NUM },
	{ "около", E_NONE, "about", RU, F_NUM },
	{ "более", E_NONE, "more", RU, F_NUM },
	{ "больше", E_NONE, "more", RU, F_NUM },
	{ "свыше", E_NONE, "over", RU, F_NUM },
	{ "почти", E_NONE, "almost", RU, F_NUM },
	{ "примерно", E_NONE, "approximately", RU, F_NUM },
	{ "порядка", E_NONE, "approximately", RU, F_NUM },
	{ "менше", E_NONE, "less", UK, F_NUM },
	{ "менее", E_NONE, "less", RU, F_NUM },
	{ "тисяч", E_NOUN, "thousands", UK, F_NUM },
	{ "тис", E_NONE, "thousands", UK, F_NUM },
	{ "тысяч", E_NOUN, "thousands", RU, F_NUM },
	{ "тыс", E_NONE, "thousands", RU, F_NUM },
	{ "сотн", E_NOUN, "hundreds", BOTH, F_NUM },
	{ "десятк", E_NOUN, "tens", BOTH, F_NUM },
	{ "мільйон", E_NOUN, "millions", UK, F_NUM },
	{ "миллион", E_NOUN, "millions", RU, F_NUM },
	{ "кілька", E_NONE, "several", UK, F_NUM },
	{ "декілька", E_NONE, "several", UK, F_NUM },
	{ "несколько", E_NONE, "several", RU, F_NUM },
	{ "півтори", E_NONE, "one", UK, F_NUM },
	{ "дві", E_NONE, "two", UK, F_NUM },
	{ "два", E_NONE, "two", BOTH, F_NUM },
	{ "двох", E_NONE, "two", UK, F_NUM },
	{ "двом", E_NONE, "two", UK, F_NUM },
	{ "двух", E_NONE, "two", RU, F_NUM },
	{ "две", E_NONE, "two", RU, F_NUM },
	{ "двум", E_NONE, "two", RU, F_NUM },
	{ "три", E_NONE, "three", BOTH, F_NUM },
	{ "трьох", E_NONE, "three", UK, F_NUM },
	{ "трьом", E_NONE, "three", UK, F_NUM },
	{ "трех", E_NONE, "three", RU, F_NUM },
	{ "чотири", E_NONE, "four", UK, F_NUM },
	{ "чотирьох", E_NONE, "four", UK, F_NUM },
	{ "четыре", E_NONE, "four", RU, F_NUM },
	{ "четырех", E_NONE, "four", RU, F_NUM },
	{ "пять", E_NONE, "five", BOTH, F_NUM },
	{ "пяти", E_NONE, "five", BOTH, F_NUM },
	{ "шість", E_NONE, "six", UK, F_NUM },
	{ "шести", E_NONE, "six", BOTH, F_NUM },
	{ "шесть", E_NONE, "six", RU, F_NUM },
	{ "сім", E_NONE, "seven", UK, F_NUM },
	{ "семи", E_NONE, "seven", BOTH, F_NUM },
	{ "вісім", E_NONE, "eight", UK, F_NUM },
	{ "восьми", E_NONE, "eight", BOTH, F_NUM },
	{ "десять", E_NONE, "ten", BOTH, F_NUM },
	{ "десяти", E_NONE, "ten", BOTH, F_NUM },
	{ "полторы", E_NONE, "one", RU, F_NUM },
	{ "пів", E_NONE, "half", UK, F_NUM },
	{ "півтора", E_NONE, "one", UK, F_NUM },
	{ "двадцять", E_NONE, "twenty", UK, F_NUM },
	{ "двадцяти", E_NONE, "twenty", UK, F_NUM },
	{ "двадцать", E_NONE, "twenty", RU, F_NUM },
	{ "двадцати", E_NONE, "twenty", RU, F_NUM },
	{ "тридцять", E_NONE, "thirty", UK, F_NUM },
	{ "тридцяти", E_NONE, "thirty", UK, F_NUM },
	{ "тридцать", E_NONE, "thirty", RU, F_NUM },
	{ "тридцати", E_NONE, "thirty", RU, F_NUM },
	{ "сорок", E_NONE, "forty", BOTH, F_NUM },
	{ "сорока", E_NONE, "forty", BOTH, F_NUM },
	{ "пятдесят", E_NONE, "fifty", UK, F_NUM },
	{ "пятдесяти", E_NONE, "fifty", UK, F_NUM },
	{ "пятьдесят", E_NONE, "fifty", RU, F_NUM },
	{ "пятидесяти", E_NONE, "fifty", RU, F_NUM },
	{ "полтора", E_NONE, "one", RU, F_NUM },
	{ "відсот", E_NOUN, "percent", UK, 0 },
	{ "процент", E_NOUN, "percent", BOTH, 0 },

	/* ---- counted nouns [count] ---- */
	{ "споживач", E_NOUN, "consumers", UK, 0 },
	{ "споживачів", E_NONE, "consumers", UK, 0 },
	{ "потребител", E_NOUN, "consumers", RU, 0 },
	{ "абонент", E_NOUN, "subscribers", BOTH, 0 },
	{ "користувач", E_NOUN, "subscribers", UK, 0 },
	{ "пользовател", E_NOUN, "subscribers", RU, 0 },
	{ "клієнт", E_NOUN, "customers", UK, 0 },
	{ "клиент", E_NOUN, "customers", RU, 0 },
	{ "родин", E_NOUN, "families", UK, 0 },
	{ "сімей", E_NONE, "families", UK, 0 },
	{ "сімї", E_NONE, "families", UK, 0 },
	{ "сімям", E_NONE, "families", UK, 0 },
	{ "семей", E_NONE, "families", RU, 0 },
	{ "семьи", E_NONE, "families", RU, 0 },
	{ "семьям", E_NONE, "families", RU, 0 },
	{ "домогосподарств", E_NOUN, "households", UK, 0 },
	{ "домохозяйств", E_NOUN, "households", RU, 0 },
	{ "осіб", E_NONE, "people", UK, 0 },
	{ "особи", E_NONE, "people", UK, 0 },
	{ "особам", E_NONE, "people", UK, 0 },
	{ "людей", E_NONE, "people", BOTH, 0 },
	{ "люди", E_NONE, "people", BOTH, 0 },
	{ "людям", E_NONE, "people", BOTH, 0 },
	{ "человек", E_NONE, "people", RU, 0 },
	{ "мешканц", E_NOUN, "residents", UK, 0 },
	{ "мешканців", E_NONE, "residents", UK, 0 },
	{ "жител", E_NOUN, "residents", BOTH, 0 },
	{ "жителів", E_NONE, "residents", UK, 0 },
	{ "жильц", E_NOUN, "residents", RU, 0 },
	{ "киян", E_NOUN, "kyivans", UK, 0 },
	{ "киевлян", E_NOUN, "kyivans", RU, 0 },
	{ "харківян", E_NOUN, "kharkivites", UK, 0 },
	{ "харьковчан", E_NOUN, "kharkivites", RU, 0 },
	{ "одесит", E_NOUN, "odesans", UK, 0 },
	{ "одессит", E_NOUN, "odesans", RU, 0 },
	{ "дніпрян", E_NOUN, "dniprians", UK, 0 },
	{ "днепрян", E_NOUN, "dniprians", RU, 0 },
	{ "львівян", E_NOUN, "lvivians", UK, 0 },
	{ "львовян", E_NOUN, "lvivians", RU, 0 },
	{ "запоріжц", E_NOUN, "zaporizhians", UK, 0 },
	{ "запорожц", E_NOUN, "zaporizhians", RU, 0 },
	{ "миколаївц", E_NOUN, "mykolaivans", UK, 0 },
	{ "николаевц", E_NOUN, "mykolaivans", RU, 0 },
	{ "херсонц", E_NOUN, "khersonians", BOTH, 0 },
	{ "осел", E_NOUN, "homes", UK, 0 },
	{ "оселі", E_NONE, "homes", UK, 0 },
	{ "оселях", E_NONE, "homes", UK, 0 },
	{ "осель", E_NONE, "homes", UK, 0 },
	{ "домів", E_NONE, "homes", UK, 0 },
	{ "домівк", E_NOUN, "homes", UK, 0 },
	{ "домівок", E_NONE, "homes", UK, 0 },
	{ "квартир", E_NOUN, "apartments", BOTH, 0 },
	{ "домоволодін", E_NOUN, "homes", UK, 0 },
	{ "будинк", E_NOUN, "buildings", UK, 0 },
	{ "будинок", E_NONE, "buildings", UK, 0 },
	{ "будівел", E_NOUN, "buildings", UK, 0 },
	{ "будівель", E_NONE, "buildings", UK, 0 },
	{ "будівлі", E_NONE, "buildings", UK, 0 },
	{ "багатоповерхів", E_NOUN, "buildings", UK, 0 },
	{ "багатоповерхівок", E_NONE, "buildings", UK, 0 },
	{ "висотк", E_NOUN, "buildings", UK, 0 },
	{ "многоэтаж", E_NOUN, "buildings", RU, 0 },
	{ "многоэтажк", E_NOUN, "buildings", RU, 0 },
	{ "многоэтажек", E_NONE, "buildings", RU, 0 },
	{ "багатоповерхівк", E_NOUN, "buildings", UK, 0 },
	{ "висоток", E_NONE, "buildings", UK, 0 },
	{ "селищ", E_NOUN, "settlements", UK, 0 },
	{ "поселк", E_NOUN, "settlements", RU, 0 },
	{ "поселков", E_NONE, "settlements", RU, 0 },
	{ "общин", E_NOUN, "communities", RU, 0 },
	{ "домов", E_NONE, "buildings", RU, 0 },
	{ "дома", E_NONE, "buildings", RU, 0 },
	{ "домах", E_NONE, "buildings", RU, 0 },
	{ "пункт", E_NOUN, "settlements", BOTH, 0 },
	{ "громад", E_NOUN, "communities", UK, 0 },
	{ "сіл", E_NONE, "villages", UK, 0 },
	{ "села", E_NONE, "villages", BOTH, 0 },
	{ "селах", E_NONE, "villages", BOTH, 0 },
	{ "сел", E_NONE, "villages", RU, 0 },
	{ "райони", E_NONE, "districts", UK, 0 },
	{ "районів", E_NONE, "districts", UK, 0 },
	{ "районах", E_NONE, "districts", BOTH, 0 },
	{ "районов", E_NONE, "districts", RU, 0 },
	{ "вулиц", E_NOUN, "streets", UK, 0 },
	{ "улиц", E_NOUN, "streets", RU, 0 },

	/* ---- counted things that are never those affected [not-affected] */
	{ "обєкт", E_NOUN, "objects", UK, 0 },
	{ "объект", E_NOUN, "objects", RU, 0 },
	{ "котелен", E_NONE, "boilers", BOTH, 0 },
	{ "котельн", E_NOUN, "boilers", BOTH, 0 },
	{ "підстанці", E_NOUN, "substations", UK, 0 },
	{ "подстанци", E_NOUN, "substations", RU, 0 },
	{ "станці", E_NOUN, "stations", UK, 0 },
	{ "станцій", E_NONE, "stations", UK, 0 },
	{ "підстанцій", E_NONE, "substations", UK, 0 },
	{ "станций", E_NONE, "stations", RU, 0 },
	{ "подстанций", E_NONE, "substations", RU, 0 },
	{ "станци", E_NOUN, "stations", RU, 0 },
	{ "лікарн", E_NOUN, "hospitals", UK, 0 },
	{ "больниц", E_NOUN, "hospitals", RU, 0 },
	{ "шкіл", E_NONE, "schools", UK, 0 },
	{ "школ", E_NOUN, "schools", BOTH, 0 },
	{ "садк", E_NOUN, "kindergartens", UK, 0 },
	{ "садочк", E_NOUN, "kindergartens", UK, 0 },
	{ "мвт", E_NONE, "mw", BOTH, 0 },
	{ "гвт", E_NONE, "gw", BOTH, 0 },
	{ "квт", E_NONE, "kw", BOTH, 0 },
	{ "грн", E_NONE, "hryvnias", UK, 0 },
	{ "гривень", E_NONE, "hryvnias", UK, 0 },
	{ "гривен", E_NONE, "hryvnias", RU, 0 },
	{ "годин", E_NOUN, "hours", UK, 0 },
	{ "год", E_NONE, "hours", UK, 0 },
	{ "часов", E_NONE, "hours", RU, 0 },
	{ "діб", E_NONE, "days", UK, 0 },
	{ "доби", E_NONE, "days", UK, 0 },
	{ "днів", E_NONE, "days", UK, 0 },
	{ "дні", E_NONE, "days", UK, 0 },
	{ "дней", E_NONE, "days", RU, 0 },
	{ "суток", E_NONE, "days", RU, 0 },
	{ "хвилин", E_NOUN, "minutes", UK, 0 },
	{ "минут", E_NOUN, "minutes", RU, 0 },
	{ "тижн", E_NOUN, "weeks", UK, 0 },
	{ "тижнів", E_NONE, "weeks", UK, 0 },
	{ "місяц", E_NOUN, "months", UK, 0 },
	{ "місяців", E_NONE, "months", UK, 0 },
	{ "років", E_NONE, "years", UK, 0 },
	{ "роки", E_NONE, "years", UK, 0 },
	{ "лет", E_NONE, "years", RU, 0 },
	{ "загинул", E_NOUN, "killed", UK, 0 },
	{ "загинули", E_NONE, "killed", UK, 0 },
	{ "погибл", E_NOUN, "killed", RU, 0 },
	{ "поранен", E_ADJ, "injured", UK, 0 },
	{ "ранен", E_ADJ, "injured", RU, 0 },
	{ "евакуйован", E_ADJ, "evacuated", UK, 0 },
	{ "евакуюва", E_VERB, "evacuated", UK, 0 },
	{ "эвакуирован", E_ADJ, "evacuated", RU, 0 },
	{ "працівник", E_NOUN, "workers", UK, 0 },
	{ "працівників", E_NONE, "workers", UK, 0 },
	{ "енергетик", E_NOUN, "engineers", UK, 0 },
	{ "енергетиків", E_NONE, "engineers", UK, 0 },
	{ "энергетик", E_NOUN, "engineers", RU, 0 },
	{ "бригад", E_NOUN, "crews", BOTH, 0 },
	{ "фахівц", E_NOUN, "specialists", UK, 0 },
	{ "фахівців", E_NONE, "specialists", UK, 0 },
	{ "спеціаліст", E_NOUN, "specialists", UK, 0 },
	{ "специалист", E_NOUN, "specialists", RU, 0 },
	{ "рятувальник", E_NOUN, "rescuers", UK, 0 },
	{ "дрон", E_NOUN, "drones", BOTH, 0 },
	{ "ракет", E_NOUN, "missiles", BOTH, 0 },
	{ "шахед", E_NOUN, "drones", BOTH, 0 },
	{ "бпла", E_NONE, "drones", BOTH, 0 },
	{ "генератор", E_NOUN, "generators", BOTH, 0 },
	{ "трансформатор", E_NOUN, "transformers", BOTH, 0 },
	{ "опор", E_NOUN, "towers", BOTH, 0 },
	{ "лінії", E_NONE, "lines", UK, 0 },
	{ "ліній", E_NONE, "lines", UK, 0 },
	{ "линии", E_NONE, "lines", RU, 0 },
	{ "линий", E_NONE, "lines", RU, 0 },
	{ "мереж", E_NOUN, "network", UK, 0 },
	{ "мережі", E_NONE, "network", UK, 0 },
	{ "сет", E_NOUN, "network", RU, 0 },

	/* ---- kinds of place ---- */
	{ "област", E_NOUN, "oblast", BOTH, 0 },
	{ "область", E_NONE, "oblast", BOTH, 0 },
	{ "областях", E_NONE, "oblasts", BOTH, 0 },
	{ "районі", E_NONE, "district", UK, 0 },
	{ "район", E_NONE, "district", BOTH, 0 },
	{ "району", E_NONE, "district", UK, 0 },
	{ "районе", E_NONE, "district", RU, 0 },
	{ "міст", E_NOUN, "city", UK, 0 },
	{ "город", E_NOUN, "city", RU, 0 },
	{ "столиц", E_NOUN, "capital", BOTH, 0 },
	{ "заході", E_NONE, "west", UK, 0 },
	{ "сході", E_NONE, "east", UK, 0 },
	{ "півдні", E_NONE, "south", UK, 0 },
	{ "півночі", E_NONE, "north", UK, 0 },
	{ "центрі", E_NONE, "centre", UK, 0 },
	{ "западе", E_NONE, "west", RU, 0 },
	{ "востоке", E_NONE, "east", RU, 0 },
	{ "юге", E_NONE, "south", RU, 0 },
	{ "севере", E_NONE, "north", RU, 0 },
	{ "центре", E_NONE, "centre", RU, 0 },
	{ "країн", E_NOUN, "country", UK, 0 },
	{ "стран", E_NOUN, "country", RU, 0 },
	{ "регіонах", E_NONE, "regions", UK, 0 },
	{ "регіонів", E_NONE, "regions", UK, 0 },
	{ "областей", E_NONE, "oblasts", BOTH, 0 },
	{ "регіон", E_NOUN, "region", UK, 0 },
	{ "регион", E_NOUN, "region", RU, 0 },

	/* ---- operators: not places [place] ---- */
	{ "укренерго", E_NONE, "utility", UK, 0 },
	{ "укрэнерго", E_NONE, "utility", RU, 0 },
	{ "дтек", E_NONE, "utility", UK, 0 },
	{ "дтэк", E_NONE, "utility", RU, 0 },
	{ "київстар", E_NOUN, "utility", UK, 0 },
	{ "киевстар", E_NOUN, "utility", RU, 0 },
	{ "нафтогаз", E_NOUN, "utility", UK, 0 },
	{ "нафтогазу", E_NONE, "utility", UK, 0 },
	{ "газмереж", E_NOUN, "utility", UK, 0 },
	{ "обленерго", E_NONE, "utility", UK, 0 },
	{ "облэнерго", E_NONE, "utility", RU, 0 },
	{ "водоканал", E_NOUN, "utility", BOTH, 0 },
	{ "укртелеком", E_NOUN, "utility", UK, 0 },
	{ "нек", E_NONE, "utility", BOTH, 0 },
	{ "нэк", E_NONE, "utility", RU, 0 },
	{ "ова", E_NONE, "government", UK, 0 },
	{ "ода", E_NONE, "government", UK, 0 },
	{ "кмва", E_NONE, "government", UK, 0 },
	{ "міненерго", E_NONE, "ministry", UK, 0 },
	{ "минэнерго", E_NONE, "ministry", RU, 0 },
	{ "міністерств", E_NOUN, "ministry", UK, 0 },
	{ "телеграм", E_NOUN, "post", BOTH, 0 },

	/* ---- months (genitive): no place, no noun ---- */
	{ "січня", E_NONE, "january", UK, 0 },
	{ "лютого", E_NONE, "february", UK, 0 },
	{ "березня", E_NONE, "march", UK, 0 },
	{ "квітня", E_NONE, "april", UK, 0 },
	{ "травня", E_NONE, "may-month", UK, 0 },
	{ "червня", E_NONE, "june", UK, 0 },
	{ "липня", E_NONE, "july", UK, 0 },
	{ "серпня", E_NONE, "august", UK, 0 },
	{ "вересня", E_NONE, "september", UK, 0 },
	{ "жовтня", E_NONE, "october", UK, 0 },
	{ "листопада", E_NONE, "november", UK, 0 },
	{ "грудня", E_NONE, "december", UK, 0 },
	{ "января", E_NONE, "january", RU, 0 },
	{ "февраля", E_NONE, "february", RU, 0 },
	{ "марта", E_NONE, "march", RU, 0 },
	{ "апреля", E_NONE, "april", RU, 0 },
	{ "мая", E_NONE, "may-month", RU, 0 },
	{ "июня", E_NONE, "june", RU, 0 },
	{ "июля", E_NONE, "july", RU, 0 },
	{ "августа", E_NONE, "august", RU, 0 },
	{ "сентября", E_NONE, "september", RU, 0 },
	{ "октября", E_NONE, "october", RU, 0 },
	{ "ноября", E_NONE, "november", RU, 0 },
	{ "декабря", E_NONE, "december", RU, 0 },
};

/* ---- the table of forms ------------------------------------------------ */

#define FORM_MAX	64	/* bytes of a folded form */

/* The forms, by hash: open addressing over a power of two of slots. */
static struct cyr_form {
	char		*w;		/* NULL: empty */
	size_t		 len;
	uint32_t	 hash;
	const struct cyr_word *word;
	unsigned char	 lang;		/* the languages it is a form in */
} *cyr_table;
static size_t cyr_mask;

/* The forms' hash, 8 bytes at a time (FNV-1a's multiply a byte was a
   third of folding a word); w: FORM_MAX bytes, zero after the form. */
static uint32_t
form_hash(const char *w, size_t n)
{
	uint64_t x = n, c;
	size_t i;

	_Static_assert(FORM_MAX % 8 == 0, "form_hash reads 8 bytes at a time");
	for (i = 0; i < n; i += 8) {
		memcpy(&c, w + i, 8);
		x = (x ^ c) * UINT64_C(0x9E3779B97F4A7C15);
	}
	x ^= x >> 32;
	x *= UINT64_C(0xD6E8FEB86659FD93);
	x ^= x >> 29;
	return (uint32_t)x;
}

/* w: FORM_MAX bytes, zero after the form (form_hash()), as a stored one
   is to a multiple of 8 (form_copy()), so that forms are compared 8
   bytes at a time, inline (speed only: memcmp()'s answer).  Inlined:
   cyr_tok() probes for every Cyrillic word. */
static inline __attribute__((always_inline)) struct cyr_form *
cyr_slot(const char *w, size_t n, uint32_t h)
{
	uint64_t x, y;
	size_t k, i;

	for (k = h & cyr_mask; cyr_table[k].w != NULL; k = (k + 1) & cyr_mask) {
		if (cyr_table[k].hash != h || cyr_table[k].len != n)
			continue;
		for (i = 0; i < n; i += 8) {
			memcpy(&x, cyr_table[k].w + i, 8);
			memcpy(&y, w + i, 8);
			if (x != y)
				break;
		}
		if (i >= n)
			break;
	}
	return &cyr_table[k];
}

/* A copy of the form w (n bytes, zeros to a multiple of 8) in 16 kB
   blocks, never freed (as the table): a malloc a form was 40 % of the
   build. */
#define FORM_BLOCK	16384
static char *
form_copy(const char *w, size_t n)
{
	static char *block;
	static size_t left;
	size_t m = (n + 8) & ~(size_t)7, i;	/* the NUL, up to 8 bytes */
	char *p;

	if (left < m) {
		block = xmalloc(FORM_BLOCK);
		left = FORM_BLOCK;
	}
	p = block;
	for (i = 0; i < m; i += 8)	/* whole words: no memcpy() call */
		memcpy(p + i, w + i, 8);
	block += m;
	left -= m;
	return p;
}

/* Each set's endings zero-padded to END_PAD bytes, and their lengths
   (cyr_table_build()): a form is one copy of a fixed size, which also
   zeroes what the ending before left. */
#define END_PAD		16
static char end_pad[NELEM(end_sets)][64][END_PAD];
static unsigned char end_len[NELEM(end_sets)][64];

/* Add the stem of cw with each ending of the set es (a form of FORM_MAX
   bytes or more left out): the first word to give a form keeps it. */
static void
cyr_add_stem(const struct cyr_word *cw, enum ends es)
{
	char w[FORM_MAX + END_PAD] = { 0 };	/* form_hash() reads past */
	size_t a = strlen(cw->stem), k, n;
	struct cyr_form *f;
	uint32_t h;

	if (a >= FORM_MAX)
		return;
	memcpy(w, cw->stem, a);
	for (k = 0; end_sets[es][k] != NULL; k++) {
		if ((n = a + end_len[es][k]) >= FORM_MAX)
			continue;
		memcpy(w + a, end_pad[es][k], END_PAD);
		if ((f = cyr_slot(w, n, h = form_hash(w, n)))->w != NULL)
			continue;
		f->w = form_copy(w, n);
		f->len = n;
		f->hash = h;
		f->word = cw;
		f->lang = cw->lang;
	}
}

/* Each word's gloss as a token (zero first, as push_tok() makes one) with
   the lists and unit tok_lex() and the word's flags give it: worked out
   once a word, not once a token (speed only). */
static struct tok gloss_tok[NELEM(cyr_words)];

static void
gloss_lists(const struct cyr_word *cw, struct tok *t)
{
	/* shorter than WORD_MAX; tok_lex() only reads t->w */
	str_copy(t->w, cw->gloss, sizeof(t->w));
	tok_lex(t, strlen(t->w));
	if (cw->flags & F_NUM)
		lx_set(t->lx, LX_NUMBER_START);
	if (cw->flags & F_OUTNOUN)
		lx_set(t->lx, LX_OUTAGE_NOUN);
	/* "заживили": power's word, as "de-energized" is */
	if (strcmp(t->w, "re-energized") == 0) {
		lx_set(t->lx, LX_POWER_WORD);
		lx_set(t->lx, LX_UTILITY_HEAD);
	}
}

/*
 * Expand every stem by its endings, once (cyr_tok() at the first
 * Cyrillic word): the words listed as such first, so that no stem's
 * ending takes them.  Then the glosses' lists, the lexicon's.
 */
static void
cyr_table_build(void)
{
	size_t i, k, b, forms = 0, size = 1024;

	for (i = 0; i < NELEM(end_sets); i++)
		for (k = 0; end_sets[i][k] != NULL; k++) {
			if ((b = strlen(end_sets[i][k])) >= END_PAD)
				abort();	/* an ending outgrew END_PAD */
			memcpy(end_pad[i][k], end_sets[i][k], b);
			end_len[i][k] = (unsigned char)b;
		}
	for (i = 0; i < NELEM(cyr_words); i++)
		for (k = 0; end_sets[cyr_words[i].ends][k] != NULL; k++)
			forms++;
	while (size < 4 * forms)
		size *= 2;
	cyr_table = xcalloc(size, sizeof(*cyr_table));
	cyr_mask = size - 1;
	for (i = 0; i < NELEM(cyr_words); i++)
		if (cyr_words[i].ends == E_NONE)
			cyr_add_stem(&cyr_words[i], E_NONE);
	for (i = 0; i < NELEM(cyr_words); i++)
		cyr_add_stem(&cyr_words[i], cyr_words[i].ends);
	lex_init();
	for (i = 0; i < NELEM(cyr_words); i++)
		gloss_lists(&cyr_words[i], &gloss_tok[i]);
}

static pthread_once_t cyr_once = PTHREAD_ONCE_INIT;

/* Is the character at s[0..1] a Cyrillic capital? */
static int
cyr_capital(const unsigned char *s, size_t n)
{
	return n >= 2 && ((s[0] == 0xD0 && s[1] >= 0x80 && s[1] <= 0xAF) ||
	    (s[0] == 0xD2 && s[1] == 0x90));
}

/* The language (UK, RU) of a letter's two bytes, [(lead - 0xD0) * 256 +
   second byte]: і ї є ґ say Ukrainian, ы э ъ ё Russian, in either case. */
#define LP(lead, c)	[((lead) - 0xD0) * 256 + (c)]
static const unsigned char lang_pair[3 * 256] = {
	LP(0xD1, 0x96) = UK, LP(0xD1, 0x97) = UK, LP(0xD1, 0x94) = UK,
	LP(0xD0, 0x86) = UK, LP(0xD0, 0x87) = UK, LP(0xD0, 0x84) = UK,
	LP(0xD2, 0x90) = UK, LP(0xD2, 0x91) = UK, LP(0xD1, 0x8B) = RU,
	LP(0xD1, 0x8D) = RU, LP(0xD1, 0x8A) = RU, LP(0xD1, 0x91) = RU,
	LP(0xD0, 0xAB) = RU, LP(0xD0, 0xAD) = RU, LP(0xD0, 0xAA) = RU,
	LP(0xD0, 0x81) = RU };
#undef LP

/*
 * The sentence's language [language] is that of its letters (lang_pair):
 * neither or both, either.  A form of one language is read only in a
 * sentence of that language or of either.  Speed only (the same answer):
 * the letters are read only as far as a form needs them.  A Ukrainian
 * form needs "not Russian only": true at the first Ukrainian letter
 * (most Ukrainian words have one), false only if all letters are read,
 * some Russian and none Ukrainian; a Russian form the other way round.
 * So S->lang is LANG_CYR (a Cyrillic word was met: never 0 again) with
 * the UK and RU letters seen so far, and LANG_READ once all are read.
 */
enum { LANG_CYR = 4, LANG_READ = 8 };

/* The sentence's letters from the start, their languages added to st,
   until one of want is seen (no later letter undoes it) or all are. */
static unsigned
lang_scan(const struct sentence *S, unsigned st, unsigned want)
{
	const unsigned char *u = (const unsigned char *)S->text + S->start;
	size_t i;

	for (i = 0; i + 1 < S->len; i++) {
		unsigned k = u[i] - 0xD0u, c = u[i + 1];

		if (k > 2)
			continue;
		st |= lang_pair[k * 256 + c];
		if ((st & want) != 0)
			return st;
		/* a letter's second byte leads no pair: passed with it */
		if (c - 0xD0u > 2)
			i++;
	}
	return st | LANG_READ;
}

/* Is a form of the languages fl (UK, RU or BOTH) read in sentence S? */
static int
form_lang(struct sentence *S, unsigned fl)
{
	unsigned st = (unsigned)S->lang;

	if (fl == BOTH)
		return 1;
	if ((st & fl) == 0 && (st & LANG_READ) == 0)
		S->lang = (int)(st = lang_scan(S, st, fl));
	/* a letter of fl's language, or none of the other's */
	return (st & fl) != 0 || (st & (fl ^ BOTH)) == 0;
}

/* Does the word (folded) end in a synthetic future ("діятимуть")? */
static int
future_ending(const char *w, size_t n)
{
#define END(e)	{ e, sizeof(e) - 1 }
	static const struct {
		const char	*e;
		size_t		 l;	/* strlen(e), by the compiler */
	} ends[] = { END("тиме"), END("тимуть"), END("тимемо"),
	    END("тиметься"), END("тимуться"), END("тимеш") };
#undef END
	size_t k, l;
	/* speed only: each ending is 8 bytes or more, ending in е о ь я ш */
	unsigned char z = n > 10 ? (unsigned char)w[n - 1] : 0;

	if (z != 0xB5 && z != 0xBE && z != 0x8C && z != 0x8F && z != 0x88)
		return 0;
	for (k = 0; k < NELEM(ends); k++) {
		l = ends[k].l;
		/* the first two bytes, then the rest */
		if (n > l + 2 && w[n - l] == ends[k].e[0] &&
		    w[n - l + 1] == ends[k].e[1] &&
		    memcmp(w + n - l + 2, ends[k].e + 2, l - 2) == 0)
			return 1;
	}
	return 0;
}

/*
 * A word with Cyrillic letters, at s[a..b): fold it, look it up, gloss
 * it.  The token takes the gloss's lists and unit (tok_lex) and keeps
 * its own capital; a word the table lacks keeps its folded self.
 */
void
cyr_tok(struct sentence *S, struct tok *t, size_t a, size_t b)
{
	char f[FORM_MAX] = { 0 };	/* form_hash() reads past the form */
	size_t n = cyr_fold(S->text + a, b - a, f, sizeof(f)), o;
	const struct cyr_form *e;

	if (S->lang == 0) {	/* the sentence's first Cyrillic word */
		(void)pthread_once(&cyr_once, cyr_table_build);
		S->lang = LANG_CYR;	/* its language: form_lang() */
	}
	t->cap = cyr_capital((const unsigned char *)S->text + a, b - a) ||
	    is_upper((unsigned char)S->text[a]);
	t->cyr = 1;
	e = cyr_slot(f, n, form_hash(f, n));
	if (e->w != NULL && form_lang(S, e->lang)) {
		const struct tok *g = &gloss_tok[e->word - cyr_words];

		/* speed only (the same bytes), copies of a fixed size: g->w
		   is the gloss and zeros (gloss_lists()), as t's were */
		memcpy(t->w, g->w, sizeof(t->w));
		memcpy(t->lx, g->lx, sizeof(t->lx));	/* t's were zero */
		t->unit = g->unit;
		return;
	}
	/* the folded word, cut at a character boundary; a shorter one
	   whole, with the zeros after it in f (as t's were) */
	o = n < sizeof(t->w) - 1 ? n : sizeof(t->w) - 1;
	if (o == n)
		memcpy(t->w, f, sizeof(t->w));
	else {
		while (o > 0 && ((unsigned char)f[o] & 0xC0) == 0x80)
			o--;
		memcpy(t->w, f, o);
		t->w[o] = '\0';
	}
	if (future_ending(f, n)) {
		lx_set(t->lx, LX_MODAL);
		t->cyr = 2;	/* a future verb */
	}
}
