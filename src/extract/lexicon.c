/* SPDX-License-Identifier: MIT */
/*
 * lexicon.c - the word lists and the lexicon that interns them.
 */
#include <pthread.h>
#include <stdlib.h>

#include "extract_int.h"

/* ---- word lists -------------------------------------------------------- */

/* Counted nouns and their unit [count]; "" counts with no unit. */
static const struct {
	const char	*noun;
	const char	*unit;
} unit_nouns[] = {
	{ "households", "households" }, { "household", "households" },
	{ "families", "households" },
	{ "homes", "homes" }, { "houses", "homes" }, { "apartments", "homes" },
	{ "flats", "homes" }, { "dwellings", "homes" },
	{ "people", "people" }, { "persons", "people" },
	{ "residents", "people" }, { "inhabitants", "people" },
	{ "citizens", "people" }, { "tenants", "people" },
	{ "occupants", "people" }, { "villagers", "people" },
	{ "texans", "people" },
	{ "californians", "people" }, { "floridians", "people" },
	{ "ukrainians", "people" }, { "kyivans", "people" },
	{ "kharkivites", "people" }, { "odesans", "people" },
	{ "dniprians", "people" }, { "lvivians", "people" },
	{ "zaporizhians", "people" }, { "mykolaivans", "people" },
	{ "khersonians", "people" },
	{ "londoners", "people" }, { "americans", "people" },
	/* US, Canadian, Australian and New Zealand demonyms (z-en-us) */
	{ "marylanders", "people" }, { "virginians", "people" },
	{ "ohioans", "people" }, { "michiganders", "people" },
	{ "louisianans", "people" }, { "mississippians", "people" },
	{ "tennesseans", "people" }, { "kentuckians", "people" },
	{ "oregonians", "people" }, { "mainers", "people" },
	{ "minnesotans", "people" }, { "iowans", "people" },
	{ "oklahomans", "people" }, { "alabamians", "people" },
	{ "arkansans", "people" }, { "pennsylvanians", "people" },
	{ "ontarians", "people" }, { "quebecers", "people" },
	{ "albertans", "people" }, { "manitobans", "people" },
	{ "queenslanders", "people" }, { "tasmanians", "people" },
	{ "aucklanders", "people" },
	/* a country's people (reports.c: the country [demonym-country]) */
	{ "cubans", "people" }, { "venezuelans", "people" },
	{ "pakistanis", "people" }, { "nigerians", "people" },
	{ "indians", "people" }, { "britons", "people" },
	{ "kenyans", "people" }, { "ugandans", "people" },
	{ "zimbabweans", "people" }, { "zambians", "people" },
	{ "iraqis", "people" }, { "syrians", "people" },
	{ "iranians", "people" }, { "bangladeshis", "people" },
	{ "filipinos", "people" }, { "haitians", "people" },
	{ "jamaicans", "people" }, { "chileans", "people" },
	{ "colombians", "people" }, { "peruvians", "people" },
	{ "mexicans", "people" }, { "brazilians", "people" },
	{ "moldovans", "people" }, { "israelis", "people" },
	{ "egyptians", "people" }, { "libyans", "people" },
	{ "lankans", "people" }, { "nepalis", "people" },
	{ "ghanaians", "people" }, { "malawians", "people" },
	{ "ethiopians", "people" }, { "somalis", "people" },
	{ "gazans", "people" }, { "fijians", "people" },
	{ "canadians", "people" }, { "australians", "people" },
	{ "argentines", "people" }, { "argentinians", "people" },
	{ "ecuadorians", "people" }, { "bolivians", "people" },
	{ "nicaraguans", "people" }, { "hondurans", "people" },
	{ "guatemalans", "people" }, { "salvadorans", "people" },
	{ "paraguayans", "people" }, { "uruguayans", "people" },
	{ "indonesians", "people" }, { "malaysians", "people" },
	{ "cambodians", "people" }, { "mongolians", "people" },
	{ "afghans", "people" }, { "yemenis", "people" },
	{ "jordanians", "people" }, { "kuwaitis", "people" },
	{ "tanzanians", "people" }, { "mozambicans", "people" },
	{ "angolans", "people" }, { "cameroonians", "people" },
	{ "rwandans", "people" }, { "algerians", "people" },
	{ "moroccans", "people" }, { "tunisians", "people" },
	{ "romanians", "people" }, { "bulgarians", "people" },
	{ "serbians", "people" }, { "hungarians", "people" },
	{ "albanians", "people" }, { "armenians", "people" },
	{ "azerbaijanis", "people" }, { "belarusians", "people" },
	{ "estonians", "people" }, { "latvians", "people" },
	{ "lithuanians", "people" }, { "kazakhs", "people" },
	{ "uzbeks", "people" }, { "tajiks", "people" },
	{ "customers", "customers" }, { "clients", "customers" },
	{ "accounts", "customers" }, { "properties", "customers" },
	{ "connections", "customers" },
	{ "premises", "customers" }, { "outages", "customers" },
	{ "businesses", "customers" }, { "meters", "customers" },
	{ "members", "customers" },	/* an electric cooperative's */
	/* outage trackers' service points: "450,000 locations in
	   Michigan", "62,000 addresses" (round 13) */
	{ "locations", "customers" }, { "addresses", "customers" },
	{ "consumers", "consumers" },
	{ "subscribers", "subscribers" }, { "users", "subscribers" },
	{ "buildings", "" }, { "blocks", "" }, { "settlements", "" },
	{ "towns", "" }, { "villages", "" }, { "localities", "" },
	{ "communities", "" }, { "cities", "" }, { "districts", "" },
	{ "municipalities", "" }, { "hromadas", "" }, { "streets", "" },
	{ "regions", "" }, { "oblasts", "" }, { "neighbourhoods", "" },
	{ "states", "" }, { "provinces", "" }, { "suburbs", "" },
	{ "neighborhoods", "" }
};

/* Counted things that are never an affected count [not-affected]. */
static const char *const excluded_nouns[] = {
	"personnel", "workers", "employees", "staff", "crews", "engineers",
	"crew",
	"specialists", "linemen", "troops", "soldiers", "rescuers",
	"substations", "substation", "plants", "plant", "boiler", "boilers",
	"pipelines", "pipeline", "systems", "facilities", "hospitals",
	"schools", "kindergartens", "gigawatts", "gw", "megawatts", "mw",
	"kw", "kilowatts", "dollars", "euros", "hryvnias", "pounds",
	"counties", "stations", "deaths", "dead", "killed", "injured",
	"drones", "missiles", "rockets", "shells", "degrees", "hours",
	"days", "minutes", "weeks", "months", "years", "times", "lines",
	"units", "reactors", "towers", "transformers", "generators", "km",
	"miles", "kilometres", "kilometers", "reports", "complaints",
	"tweets", "problems", "demand", "generation", "capacity", "load",
	"evacuees", "evacuated", "tonnes", "tons", "cubic", "metres",
	"percent", "per", "cent", "attacks", "strikes",
	"objects", "infrastructure", "boreholes", "pumps", "shelters",
	"feeders", "feeder", "poles", "circuits", "calls", "followers"
};

/* Words that end a noun phrase after a number. */
static const char *const stop_words[] = {
	"of", "in", "on", "at", "to", "for", "from", "by", "with",
	"without", "and", "or", "but", "were", "was", "are", "is", "be",
	"been", "have", "has", "had", "remain", "remained", "remains",
	"lost", "left", "who", "that", "which", "the", "a", "an", "across",
	"after", "before", "still", "now", "as", "than", "its", "their",
	"this", "these", "those", "there", "lack", "lacked", "saw", "got",
	"had", "did", "do", "does", "will", "would", "could", "can", "may",
	"while", "earlier", "later", "today", "yesterday", "outage",
	"experienced", "experiencing", "facing", "reported", "said", "out",
	"near", "across", "into", "up", "down", "more", "less", "since"
};

/* Words after a bare number that leave it bare ("547,630." too). */
static const char *const bare_followers[] = {
	"earlier", "later", "on", "in", "at", "by", "as", "while", "and",
	"but", "now", "today", "yesterday", "remaining", "still", "were",
	"are", "was", "is", "remain", "remained", "remains", "had", "have",
	"without", "left", "across", "currently"
};

/* Future, hypothetical and advisory markers: the clause is no report. */
static const char *const modal_words[] = {
	"could", "may", "might", "will", "would", "should", "shall",
	"expected", "expects", "expect", "plans", "plan", "planned",
	"planning", "hopes", "hope", "aims", "intends", "intend", "risk",
	"risks", "threatens", "threaten", "warned", "warns", "warning",
	"forecast", "forecasts", "projected", "likely", "if", "unless",
	"boil", "ordered", "urged", "going", "estimate", "predicted",
	"considering", "considers", "weighing", "mulling", "contemplating",
	"unlikely", "possible", "hoping",
	"prospect",	/* "facing the prospect of winter without heat" */
	"fears", "threat", "danger",	/* "raised fears of blackouts" */
	"horizon",	/* "power disruptions are on the horizon" */
	"potential"	/* "potential to have 380,000 customers without" */
};

/* Words after a place that show it names an organisation [place]. */
static const char *const org_words[] = {
	"power", "electric", "energy", "edison", "light", "gas", "water",
	"public", "commission", "electrica", "utilities", "utility",
	"telecom", "department", "university", "airlines", "times", "post",
	"police", "national", "health", "grid", "hydro",
	"ministry", "oblenergo", "regional", "military", "government"
};
/* Finite auxiliaries: ", and is ..." starts a second predicate. */
static const char *const aux_words[] = {
	"is", "are", "was", "were", "has", "have", "had", "will", "would",
	"could", "can", "may", "might", "should"
};

/* Words that name telecoms [utility-words]. */
static const char *const telecom_words[] = {
	"mobile", "internet", "broadband", "cellular", "phone",
	"phones", "telephone", "landline", "landlines", "communication",
	"communications", "connectivity", "telecom", "tv",
	"telecommunications", "television", "wireless", "cellphone",
	"sms", "voice",
	/* telcos whose name says the service (z-en-us); names that are
	   no common word or surname (round 13: "customers in Toronto are
	   reporting disruptions to Rogers" stays unnamed) */
	"telstra", "optus", "openreach", "vodafone", "kyivstar", "verizon",
	"t-mobile", "telus", "safaricom", "airtel", "paltel", "digicel",
	"lifecell", "vodacom", "ooredoo", "mobifone", "viettel",
	"telkomsel", "mtn",
	/* the network's kinds and generations, as operator statements and
	   outage trackers name them (v-en3): "pay-TV service", "wireline
	   outages", "4G voice and data" */
	"pay-tv", "wireline", "fixed-line", "3g", "4g", "5g", "lte"
};

/* After "water": the water is not a supply. */
static const char *const not_water[] = {
	"main", "mains", "pipe", "pipes", "flooded", "into", "treatment",
	"flowing", "levels", "level", "crisis", "damage", "utility",
	"park", "parks"
};

/* After "gas": the gas is not a supply. */
static const char *const not_gas[] = {
	"pipeline", "pipelines", "shipments", "boiler", "prices",
	"price", "station", "stations", "plant", "plants", "pipes",
	"transit", "field", "fields", "exports", "imports", "leak",
	"leaks", "explosion", "giant", "company", "producer", "storage",
	"network"
};

/* Words that end the reach of a status cue over utility words. */
static const char *const window_stops[] = {
	"after", "following", "due", "because", "since", "amid", "as",
	"when", "while", "until", "by", "which", "who", "but",
	"according", "said", "after", "than"
};

/* Status words [status-words]: supply lost. */
static const char *const lost_words[] = {
	"lost", "lose", "loses", "losing", "de-energized",
	"de-energised", "deenergized", "disconnected", "knocked", "knocks",
	"knocking",
	"darkness", "dark", "plunged", "unplugged", "cut", "de-energizing",
	"disconnecting",	/* "..., disconnecting 848 subscribers" */
	"deprived",	/* "households were deprived of gas" */
	"cutting",	/* "cutting power to": cue_rules.c's cutting_no_cue */
	"off-supply",	/* "105,000 people were off-supply" */
	"severed"	/* "severed power to more than 500,000 consumers" */
};

/* Outage words that need a count or a named utility to stand [standing-cue]. */
static const char *const weak_words[] = {
	"outage", "outages", "blackout", "blackouts", "disruption",
	"disruptions", "disrupted", "disrupting", "interruption", "interruptions",
	"interrupted", "failure", "affected", "affecting", "impacted",
	"impacting", "cuts", "shutdowns", "suspended", "halted", "cut-off",
	"cut-offs", "cutoff", "cutoffs",
	/* "the water supply failed", "gas supply stopped" (a capability
	   matrix, round 13) */
	"failed", "stopped"
};

/* Disruption words that stand alone when they name their utility. */
static const char *const disruption_words[] = {
	"outage", "outages", "cuts", "shutdown", "shutdowns", "disruption",
	"disruptions", "disrupted",
	"interruption", "interruptions", "interrupted", "interrupting",
	"suspended", "halted",
	/* "a cut-off in gas supplies to many parts of Yerevan" */
	"cut-off", "cut-offs", "cutoff", "cutoffs",
	"failed", "stopped"
};

/* Supply back [status-words]. */
static const char *const restored_words[] = {
	"restored", "reconnected", "resumed", "returned", "return", "restore",
	"normalised", "normalized",
	"re-energized", "reenergized", "restores", "restoration",
	"re-energised", "reenergised", "reinstated", "re-established",
	"reestablished", "re-connected", "reactivated", "re-activated",
	/* the inflections news uses beside them (z-en-mix): "Kenya Power
	   reconnects 40,000", "supply resumes"; the bare verbs are plans
	   or work (bare_restore) */
	"reconnects", "resumes", "reconnect", "resume"
};

/* Modifiers that make an outage partial: "rolling blackouts". */
static const char *const partial_words[] = {
	"rolling", "rotating", "rotational", "scheduled", "programmed",
	"stabilization", "stabilisation", "emergency", "hourly",
	"daily"	/* "suffer from daily outages": rationing */
};

/* After "parts of": the noun phrase is an area. */
static const char *const area_words[] = {
	"city", "country", "region", "state", "area", "areas",
	"district", "districts", "capital", "town", "oblast", "island",
	"territory", "province", "county", "grid", "network", "power",
	"electricity", "supply", "service", "village", "neighborhoods",
	"neighbourhoods", "suburbs"
};

/* "thousands of": vague quantities [vague-count]. */
static const char *const vague_plurals[] = {
	"thousands", "millions", "hundreds", "dozens", "tens"
};

/*
 * "of the country's 1.2 million": a whole, not those affected
 * [not-affected].
 */
static const char *const whole_words[] = {
	"country", "nation", "population", "city", "state", "region",
	"town", "oblast", "home", "total"
};

/* Casualties, not users [not-affected]. */
static const char *const casualty_words[] = {
	"died", "killed", "injured", "hurt", "dead", "missing",
	"evacuated", "wounded", "perished", "rescued", "displaced",
	"hospitalized", "hospitalised", "relocated"
};

/* Verbs whose object is people moved from their homes [not-affected]. */
static const char *const displace_verbs[] = {
	"forced", "forcing", "forces", "evacuated", "evacuating",
	"evacuate", "displaced", "displacing", "relocated", "relocating",
	"sheltered", "sheltering", "housed", "rescued"
};

/* Verbs that say a thing did not happen: "averted a blackout". */
static const char *const negate_verbs[] = {
	"prevent", "prevented", "preventing", "avoid", "avoided",
	"avoiding", "avert", "averted", "averting", "no", "without",
	"stave", "staved", "against", "nobody", "none"
};

/* Words a quantity phrase may begin with. */
static const char *const number_starts[] = {
	"an", "estimated", "more", "less", "fewer", "at", "up",
	"upwards", "close", "just", "well", "about", "around",
	"approximately", "nearly", "almost", "roughly", "some", "over",
	"under", "below", "above", "as", "half", "one", "two", "three",
	"four", "five", "six",
	"seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy",
	"eighty", "ninety", "hundred"
};

/* After a possessive place: the place is the attacker. */
static const char *const attack_words[] = {
	"attack", "attacks", "overnight", "drone", "missile", "massive",
	"morning", "night", "nighttime", "shelling", "strikes", "troops",
	"forces", "army", "invasion", "war", "strike", "aggression"
};

/* "region of X": kinds of place. */
static const char *const place_kinds[] = {
	"region", "province", "city", "town", "village", "district",
	"county", "oblast", "republic", "state", "municipality", "commune",
	"borough", "parish", "township"
};

/* Capitalised words that are no place; the months and weekdays too
   (LX_MONTH, LX_WEEKDAY: lex_build() adds them). */
static const char *const not_places[] = {
	"the", "a", "an", "total", "addition",
	"response", "general", "particular", "short", "fact", "turn",
	/* "BALTIMORE - Several homes in ...": quantities, no name */
	"several", "many", "some", "most", "thousands", "hundreds",
	"dozens", "millions", "numerous", "few", "all"
};

/* A compass word alone ("Northern") is not a place. */
static const char *const compass_words[] = {
	"north", "south", "east", "west", "northern", "southern",
	"eastern", "western", "central", "upper", "lower", "centre",
	"center", "middle", "northeast", "northwest", "southeast",
	"southwest", "capital", "coast", "islands", "island",
	"north-east", "north-west", "south-east", "south-west", "midwest"
};

/* Every word a rule of unknown_places() (places.c) starts from when it
   says a name follows: its gate, word_may_open(). */
static const char *const name_open_words[] = {
	"and", "as", "are", "across", "around", "affecting", "by", "but",
	"battered", "cities", "counties", "districts", "entire", "from",
	"grips", "hit", "hits", "in", "is", "include", "includes", "included",
	"including", "left", "leaving", "like", "lashed", "municipalities",
	"neighbourhoods", "neighborhoods", "of", "on", "or", "plunges",
	"pounded", "provinces", "remain", "remained", "struck", "suburbs",
	"the", "to", "through", "throughout", "towns", "villages", "was",
	"were", "while", "whereas", "with"
};

/* "According to the utility,", "On Monday,": the first words of a short
   opener (place_subject.c's main_start()). */
static const char *const opener_words[] = {
	"according", "as", "by", "earlier", "elsewhere", "later", "meanwhile",
	"on", "overnight", "separately", "today", "tonight", "yesterday"
};

/* ---- the lexicon ------------------------------------------------------- */

/* Words that may begin a clause (mark_clauses). */
static const char *const clause_words[] = {
	"but", "while", "whereas", "however", "although", "with", "which",
	"and"
};

static const struct {
	const char *const *words;
	size_t		 n;
	enum lex	 lex;
} lex_lists[] = {
#define L(list, l)	{ (list), NELEM(list), (l) }
	L(excluded_nouns, LX_EXCLUDED), L(stop_words, LX_STOP),
	L(bare_followers, LX_BARE), L(modal_words, LX_MODAL),
	L(org_words, LX_ORG), L(telecom_words, LX_TELECOM),
	L(not_water, LX_NOT_WATER), L(not_gas, LX_NOT_GAS),
	L(window_stops, LX_WINDOW_STOP), L(lost_words, LX_LOST),
	L(weak_words, LX_WEAK), L(disruption_words, LX_DISRUPTION),
	L(restored_words, LX_RESTORED), L(partial_words, LX_PARTIAL),
	L(area_words, LX_AREA), L(vague_plurals, LX_VAGUE),
	L(whole_words, LX_WHOLE), L(casualty_words, LX_CASUALTY),
	L(number_starts, LX_NUMBER_START), L(attack_words, LX_ATTACK),
	L(place_kinds, LX_KIND), L(not_places, LX_NOT_PLACE),
	L(compass_words, LX_COMPASS), L(clause_words, LX_CLAUSE),
	L(name_open_words, LX_NAME_OPENS), L(opener_words, LX_OPENER),
	L(aux_words, LX_AUX), L(displace_verbs, LX_DISPLACE),
	L(negate_verbs, LX_NEGATE)
#undef L
};

/*
 * Short lists: the words word_utility() [utility-words] and the status cue
 * table (cues.c) [status-words] test, each set of them a list of its own.
 * A list marked LX_UTILITY_HEAD holds words word_utility() may take
 * itself; only those (and the telecom words) are examined.
 */
#define SHORT_MAX	16	/* words of the longest short list */
static const struct {
	enum lex	 lex;
	enum lex	 head;		/* LX_UTILITY_HEAD, or LX_COUNT */
	const char	*words[SHORT_MAX + 1];	/* up to a NULL */
} short_lists[] = {
#define H	LX_UTILITY_HEAD
#define N	LX_COUNT
	/* power whatever the words around them ("de-energi..." too) */
	{ LX_POWER_WORD, H, { "electricity", "electrical", "blackout",
	    "blackouts", "powerless" } },
	/* power unless capitalised mid-sentence ("Florida Power") */
	{ LX_POWER_NAME, H, { "electric", "power" } },
	/* power after LX_LIGHT_BEFORE: "without light", "the lights" */
	{ LX_LIGHT, H, { "light", "lights" } },
	{ LX_LIGHT_BEFORE, N, { "without", "no", "the" } },
	/* power before LX_SUPPLY: "energy supply" */
	{ LX_ENERGY, H, { "energy" } },
	{ LX_SUPPLY, N, { "supply" } },
	/* heat; "heat" not before LX_WAVE ("heat wave") */
	{ LX_HEATING, H, { "heating", "radiators" } },
	{ LX_HEAT, H, { "heat" } },
	{ LX_WAVE, N, { "wave", "waves" } },
	/* "hot water" is heat, both words */
	{ LX_HOT, H, { "hot" } },
	{ LX_WATER, H, { "water", "freshwater" } },
	/* "boil water", "burst water ...": no supply */
	/* "river water swept through towns": the water is no supply */
	{ LX_NOT_WATER_BEFORE, N, { "boil", "burst", "river", "flood",
	    "sea", "rain", "storm", "surface", "bottled" } },
	/* "lots of water", "the amount of water": no supply */
	{ LX_OF, N, { "of" } },
	{ LX_WATER_AMOUNT, N, { "lots", "amount" } },
	/* gas unless capitalised mid-sentence or before LX_NOT_GAS */
	{ LX_GAS, H, { "gas" } },
	/* "cell service": telecom */
	{ LX_CELL, H, { "cell", "data" } },
	/* telecom after "no": "still no coverage", "no signal" */
	{ LX_COVERAGE, H, { "coverage", "signal", "reception" } },
	{ LX_SERVICE, N, { "service" } },

	/* the cue words of status_word()'s rules (cues.c names their use) */
	{ LX_WITHOUT, N, { "without" } },	/* and "lack..." (tok_lex) */
	{ LX_NO, N, { "no" } },
	{ LX_NOT, N, { "not", "don't", "doesn't", "didn't", "haven't",
	    "hasn't", "hadn't" } },
	{ LX_SHEDDING, N, { "shedding" } },
	{ LX_LOAD_SHEDDING, N, { "load-shedding", "loadshedding" } },
	{ LX_RATIONED, N, { "rationed", "rationing", "restrictions",
	    "intermittent", "intermittently", "restoring", "reconnecting",
	    "shortage",
	    "shortages" } },
	{ LX_LOW, N, { "low" } },
	{ LX_PARTLY, N, { "partially", "partly" } },
	{ LX_DARK, N, { "dark" } },
	{ LX_DARKNESS, N, { "darkness" } },
	{ LX_OFF_DOWN, N, { "off", "down" } },
	{ LX_DRY, N, { "dry" } },
	{ LX_PATCHY, N, { "patchy", "spotty" } },
	{ LX_FALLEN, N, { "fallen", "dropped", "fell", "reduced",
	    "decreased", "stood", "hovering", "hovered" } },
	{ LX_WAITING, N, { "waiting" } },
	{ LX_OUT, N, { "out" } },
	{ LX_OFFLINE, N, { "offline" } },
	{ LX_DOWN, N, { "down" } },
	{ LX_UNAVAILABLE, N, { "unavailable", "inaccessible", "absent" } },
	{ LX_BREAKDOWN, N, { "breakdown", "failure", "failures" } },
	{ LX_AFFECTING, N, { "affecting", "affected", "impacting",
	    "impacted", "hit", "hardest-hit", "worst-hit",
	    "worst-affected" } },
	/* "electricity is available for only four hours a day" */
	{ LX_AVAILABLE, N, { "available" } },
	{ LX_BLACKOUT, N, { "blackout", "blackouts" } },
	{ LX_RESTORATION, N, { "restoration" } },
	/* "customers have regained power", "power was gradually
	   returning", "is slowly coming back" */
	{ LX_RESUMING, N, { "regained", "regaining", "regain", "regains",
	    "returning", "coming" } },
	{ LX_AGAIN, N, { "again" } },
	{ LX_BACK, N, { "back" } },

	/* the words around a cue that its rules ask for */
	{ LX_HAVE, N, { "had", "have", "has" } },
	{ LX_SERVICES, N, { "service", "services" } },
	{ LX_OUTAGE_NOUN, N, { "outages", "outage", "blackouts", "cuts",
	    "shutdowns", "blackout", "disconnections", "interruptions",
	    "brownouts", "brownout" } },
	/* "rotational brownouts": degraded supply */
	{ LX_BROWNOUT, N, { "brownout", "brownouts" } },
	/* "outages still exist", "people gaining power" (z-en-us) */
	{ LX_EXIST, N, { "exist", "exists" } },
	{ LX_GAINED, N, { "gaining", "gained", "regained", "regaining" } },
	{ LX_INCLUDED, N, { "included", "include", "includes" } },
	/* a gas utility relights its customers' pilots (z-en-us) */
	{ LX_RELIT, N, { "relit", "relighted" } },
	{ LX_RELIGHTING, N, { "relighting" } },
	/* "mobile services have recovered" (z-en-mix) */
	{ LX_RECOVERED, N, { "recovered" } },
	/* "power was isolated to 500 properties" (v-en3) */
	{ LX_ISOLATED, N, { "isolated" } },
	/* every word later_at() (cues.c) starts from: a token of none of
	   them is settled by one bit */
	{ LX_LATER, N, { "set", "due", "next", "tomorrow", "case",
	    "possibility", "preparing", "prepare", "prepares", "bracing",
	    "brace", "braces", "estimated" } },
	/* every word but the vague plurals (LX_VAGUE) that vague_quant()
	   (counts.c) starts from */
	{ LX_VAGUE_HEAD, N, { "half", "most", "some", "many", "part",
	    "majority", "parts", "much", "several", "large", "vast",
	    "wide", "few" } },
	/* every word exercise_at() (cues.c) starts from */
	{ LX_EXERCISE, N, { "drill", "drills", "simulating", "simulated",
	    "simulation", "rehearsal", "exercise" } },
	/* the verbs a company's statement comes with (place_scan.c's
	   place_ok()) */
	{ LX_SAID, N, { "said", "says", "reported", "reports", "counted",
	    "counts", "announced", "confirmed", "estimated", "posted" } },
	/* the word bank_place() (place_shapes.c) starts from */
	{ LX_BANK, N, { "bank" } },
	/* the words except_word_in() (places.c) needs */
	{ LX_EXCEPT, N, { "except", "excluding", "apart" } },
	/* between a preposition and a name (places.c's name_opener()):
	   "in the X", "in his X constituency", "in metro X" */
	{ LX_NAME_DET, N, { "the", "both" } },
	{ LX_NAME_POSS, N, { "his", "her", "their", "its", "our" } },
	{ LX_NAME_MOD, N, { "neighbouring", "neighboring", "nearby",
	    "suburban", "adjacent", "coastal", "downtown", "metro",
	    "greater", "rural", "upstate" } },
	{ LX_LOAD, N, { "load" } },
	{ LX_PRESSURE, N, { "pressure" } },
	{ LX_PARTLY_WHAT, N, { "restored", "back", "reconnected",
	    "resumed", "without", "de-energized", "de-energised",
	    "disconnected", "cut", "returned",
	    /* "partially failed", "partly interrupted": partial, not an
	       outage beside it (G6) */
	    "failed", "interrupted", "disrupted", "suspended", "stopped" } },
	{ LX_SWITCHED, N, { "shut", "switched", "turned", "shutting" } },
	{ LX_DARK_BEFORE, N, { "the", "remained", "remain", "remains",
	    "stayed", "still", "largely", "mostly", "completely",
	    "entirely", "totally" } },
	/* "the hot water is given according to schedule" */
	{ LX_SCHEDULE, N, { "schedule", "schedules" } },
	{ LX_TAPS, N, { "taps" } },
	{ LX_TO, N, { "to" } },
	{ LX_FIGURE, N, { "number", "figure", "count", "tally" } },
	{ LX_OUTAGES, N, { "outages", "outage" } },
	{ LX_FOR, N, { "for" } },
	{ LX_AWAITED, N, { "reconnection", "restoration", "power",
	    "electricity", "supply", "heating", "water", "gas", "service" } },
	{ LX_OUT_VERB, N, { "went", "go", "goes", "gone", "is", "are", "was",
	    "were", "remain", "remained", "remains", "still", "been" } },
	{ LX_DOWN_VERB, N, { "went", "go", "goes", "is", "are", "was", "were",
	    "remain", "remained", "remains", "been" } },
	{ LX_SIMILAR, N, { "similar", "such" } },
	{ LX_SAME, N, { "same" } },
	{ LX_THE, N, { "the" } },
	{ LX_DEFINITE, N, { "the", "this", "that", "nationwide",
	    "statewide" } },
	{ LX_ACROSS, N, { "across", "throughout" } },
	{ LX_BE, N, { "be" } },
	{ LX_YET, N, { "yet" } },
	{ LX_BEEN, N, { "been" } },
	{ LX_WORK, N, { "work", "works", "efforts", "crews", "teams",
	    "process", "team", "crew", "effort", "workers" } },
	{ LX_WORKING, N, { "working", "functioning", "operating", "flowing",
	    "running" } },
	{ LX_NETWORKS, N, { "lines", "connections", "networks",
	    "services" } },
	{ LX_ON, N, { "on" } },
	{ LX_WITH, N, { "with" } },
	{ LX_ONLINE, N, { "online", "on", "up" } },
	{ LX_SUPPLIED, N, { "supply", "service", "connection" } },
	{ LX_BACK_VERB, N, { "was", "is", "were", "are", "came", "comes",
	    "come" } },
	/* "power came on in parts of the city" */
	{ LX_CAME, N, { "came", "comes", "come" } },
	/* "subscribers were connected to the power supply" */
	{ LX_CONNECTED, N, { "connected" } },
	/* "the outage was resolved" (restore_checks.c's over_at()) */
	{ LX_OVER, N, { "resolved", "fixed", "addressed", "cleared",
	    "rectified", "repaired" } },
	/* "Darnytskyi and Obolonskyi districts" (place_shapes.c's
	   names_before_part()) */
	{ LX_PART, N, { "parish", "county", "district", "districts", "raion",
	    "raions", "microdistrict", "microdistricts", "parishes",
	    "counties" } },
	/* a date's words: no count after them (counts.c) */
	{ LX_MONTH, N, { "january", "february", "march", "april", "may",
	    "june", "july", "august", "september", "october", "november",
	    "december" } },
	{ LX_WEEKDAY, N, { "monday", "tuesday", "wednesday", "thursday",
	    "friday", "saturday", "sunday" } },
	/* "The hardest-hit areas were A and B" [concentration] */
	{ LX_WORST_HIT, N, { "hardest-hit", "worst-hit", "worst-affected",
	    "hardest-affected", "most-affected", "badly-hit" } },
	/* "outages are concentrated in A and B", "mostly in X" */
	{ LX_CONCENTRATED, N, { "concentrated", "clustered", "mostly", "mainly",
	    "largely", "primarily", "predominantly", "concentration",
	    "particularly", "especially", "majority" } },
	/* "water has started to return": restoration under way */
	{ LX_BEGAN, N, { "started", "begun", "began", "starting",
	    "beginning" } },
	/* "the worst affected areas", "most affected include" */
	{ LX_WORST, N, { "most", "worst", "hardest", "badly", "severely" } },
	/* "the latest outages were due to a fire" [definite-reference] */
	{ LX_THE_LATEST, N, { "the", "these", "those", "latest", "this" } },
	/* "yet to have water restored", "waiting to be reconnected" */
	{ LX_AWAIT, N, { "yet", "waiting", "awaiting", "wait", "await" } },
	/* "N subscribers are receiving gas in full" */
	{ LX_RECEIVING, N, { "receiving", "receive", "received", "getting" } },
	{ LX_IN_FULL, N, { "full", "again", "normally", "fully" } },
	/* "subscribers couldn't access voice services" */
	{ LX_ACCESS, N, { "access", "connect", "make", "send", "receive",
	    "use", "supplied" } },
	{ LX_CALLS, N, { "calls", "call", "texts", "messages", "phone" } },
	/* "suffered blackouts", "caused a widespread blackout" */
	{ LX_SUFFERED, N, { "suffered", "suffer", "suffering", "suffers",
	    "experienced", "experiencing", "caused", "causing", "triggered",
	    "triggering", "sparked", "faced", "facing", "endured", "hit" } },
	/* "the gas supply became normal" */
	{ LX_NORMAL, N, { "normal", "normalcy" } },
	{ LX_BECAME, N, { "became", "becomes", "become", "is", "was",
	    "are", "were", "been" } },
	/* "the cyclone snapped the power supply of 7.85 lakh consumers" */
	{ LX_SNAPPED, N, { "snapped", "severed", "crippled", "paralysed",
	    "paralyzed" } },
	/* "imposed a 13-hour power cut" */
	{ LX_IMPOSED, N, { "imposed", "imposes", "impose", "imposing",
	    "introduced", "introduces", "introducing" } },
	/* "a low pressure system" is weather */
	{ LX_WEATHER, N, { "system", "systems", "area", "front", "trough",
	    "zone", "cell" } },
	/* "a media blackout" is no power cut */
	{ LX_MEDIA, N, { "media", "news", "broadcast", "information",
	    "reporting", "coverage" } },
	/* "the national grid collapsed", "a grid collapse" */
	{ LX_COLLAPSE, N, { "collapse", "collapsed", "collapses" } },
	{ LX_GRID, N, { "grid", "grids" } },
	/* "left powerless", not "felt powerless" */
	{ LX_POWERLESS, N, { "powerless" } },
	{ LX_BLACKED, N, { "blacked" } },
	{ LX_NOW, N, { "now", "already" } },
	/* "Despite ...,", "After the storm, ..." (cues.c fronted_opener) */
	{ LX_FRONTED, N, { "despite", "although", "though", "after",
	    "following", "amid", "because", "while", "with" } },
	{ LX_RESTRICTED, N, { "restricted", "curtailed" } },
	/* "water flows have been reduced", "supply was reduced" */
	{ LX_REDUCED, N, { "reduced", "lowered" } },
	{ LX_UNHEATED, N, { "unheated" } },
	{ LX_LEFT, N, { "left", "remained", "remain", "remains", "were",
	    "was", "are", "is", "still", "stayed", "being" } },
	/* "loss of power", not "a 3-1 loss" */
	{ LX_LOSS, N, { "loss" } },
	{ LX_CANNOT, N, { "couldn't", "cannot", "can't", "unable",
	    "could't" } },
#undef H
#undef N
};

/*
 * A power of two, about four times the words (1,023 with the glosses):
 * a word of running text that is none (most of them) probes to the
 * first empty slot, and at a quarter full the runs of full slots are
 * short (tags 8 kB).
 */
#define LEX_SLOTS	4096

static struct lex_entry {
	const char	*word;		/* NULL: empty slot */
	size_t		 len;
	uint32_t	 hash;		/* lex_hash() of word */
	uint64_t	 mask[LX_WORDS];	/* the lists holding it */
	int		 unit;		/* unit_nouns index + 1, or 0 */
} lex_table[LEX_SLOTS];
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

/*
 * A 16-bit tag of each slot's word hash, apart from lex_table: a probe
 * reads 8 kilobytes that stay in cache instead of a 48-byte entry, and
 * the entry is read only when the tag matches (most probes of running
 * text end at an empty slot).  0 is an empty slot.
 */
static uint16_t lex_tags[LEX_SLOTS];

/*
 * Each slot as tok_lex_padded() reads it: its word zero-padded to
 * WORD_MAX bytes (compared 8 bytes at a time; a longer word, none is,
 * would match no token), and the lists and unit a token of it gets: the
 * entry's, with tok_entry()'s prefixes added at build.  Speed only (the
 * same lists): a hit reads one record, and tests no prefix.
 */
static struct lex_probe {
	uint64_t	 w[WORD_MAX / 8];
	uint64_t	 lx[LX_WORDS];
	int16_t		 unit;
} __attribute__((aligned(64))) lex_probes[LEX_SLOTS];
_Static_assert(WORD_MAX == 24, "lex_probes, tok_lex_padded: three 8-byte words");

static inline uint16_t
lex_tag(uint32_t h)
{
	return (uint16_t)((h >> 16) | 1);
}

/* The lists a word's prefix adds ("de-energized", "deenergised" are power
   words; "lacking" a status head) to lx. */
static void
tok_prefixes(const char *w, uint64_t lx[LX_WORDS])
{
	if (w[0] == 'd' && (strncmp(w, "de-energi", 9) == 0 ||
	    strncmp(w, "deenergi", 8) == 0)) {
		lx_set(lx, LX_POWER_WORD);
		lx_set(lx, LX_UTILITY_HEAD);
	}
	if (w[0] == 'l' && strncmp(w, "lack", 4) == 0) {
		lx_set(lx, LX_WITHOUT);
		lx_set(lx, LX_STATUS_HEAD);
	}
}

/*
 * The table's hash of a word shorter than WORD_MAX whose bytes,
 * zero-padded to WORD_MAX, are w0, w1, w2 (as memcpy reads them): three
 * multiplies a word instead of FNV-1a's one a byte (lex_sentence() has
 * the three words in registers already).  No term of the length: no word
 * holds a NUL, so the padded bytes tell it (speed only: the same slots
 * found, a multiply and an add less a word of the text).  The high half
 * of their sum, which every byte reaches, is hash enough: no final
 * mixing (the 1,069 words sit 0.28 slots from home on average, at most
 * 7; 0.18 and 4 with the length's term, whose multiply cost more).
 */
static inline uint32_t
lex_hash3(uint64_t w0, uint64_t w1, uint64_t w2)
{
	uint64_t x = w0 * UINT64_C(0x9E3779B97F4A7C15) +
	    w1 * UINT64_C(0xC2B2AE3D27D4EB4F) +
	    w2 * UINT64_C(0x165667B19E3779F9);

	return (uint32_t)(x >> 32);
}

/* lex_hash3() of the n bytes at w; FNV-1a for a word too long for a
   token (no token can match it). */
static uint32_t
lex_hash(const char *w, size_t n)
{
	char pad[WORD_MAX] = { 0 };
	uint64_t w0, w1, w2;

	if (n >= WORD_MAX)
		return fnv1a(w, n);
	memcpy(pad, w, n);
	memcpy(&w0, pad, 8);
	memcpy(&w1, pad + 8, 8);
	memcpy(&w2, pad + 16, 8);
	return lex_hash3(w0, w1, w2);
}

/* The slot of the n bytes at w, whose lex_hash() is h: theirs or empty. */
static size_t
lex_index(const char *w, size_t n, uint32_t h)
{
	uint16_t tag = lex_tag(h);
	size_t k;

	for (k = h & (LEX_SLOTS - 1); lex_tags[k] != 0;
	    k = (k + 1) & (LEX_SLOTS - 1))
		if (lex_tags[k] == tag && lex_table[k].hash == h &&
		    lex_table[k].len == n) {
			/* short words: a loop, not a call to memcmp */
			const char *e = lex_table[k].word;
			size_t j;

			for (j = 0; j < n && e[j] == w[j]; j++)
				;
			if (j == n)
				break;
		}
	return k;
}

static struct lex_entry *
lex_slot(const char *w, size_t n, uint32_t h)
{
	return &lex_table[lex_index(w, n, h)];
}

/* Add w to the list l (to none: LX_COUNT), with its unit. */
static void
lex_add(const char *w, enum lex l, int unit)
{
	static size_t used;
	size_t n = strlen(w);
	uint32_t h = lex_hash(w, n);
	struct lex_entry *e = lex_slot(w, n, h);

	if (e->word == NULL) {
		if (++used > LEX_SLOTS / 2)
			abort();	/* the word lists outgrew LEX_SLOTS */
		e->word = w;
		e->len = n;
		e->hash = h;
		lex_tags[e - lex_table] = lex_tag(h);
		if (n < WORD_MAX)
			memcpy(lex_probes[e - lex_table].w, w, n);
	}
	if (l != LX_COUNT)
		lx_set(e->mask, l);
	if (unit != 0)
		e->unit = unit;
}

/* The words of LX_COMPASS, by shape (lex_compass_may_be()): the second
   letters after each first letter, and the shortest and longest. */
static uint32_t compass_second[26];
static size_t compass_min = SIZE_MAX, compass_max;

static void
compass_shapes(void)
{
	size_t k, n;
	unsigned a, b;

	for (k = 0; k < LEX_SLOTS; k++) {
		const char *w = lex_table[k].word;

		if (w == NULL || !lx_in(lex_table[k].mask, LX_COMPASS))
			continue;
		n = strlen(w);
		a = (unsigned char)w[0] - 'a';
		b = n > 1 ? (unsigned char)w[1] - 'a' : 26;
		if (a >= 26 || b >= 26)
			abort();	/* a compass word not of two letters */
		compass_second[a] |= UINT32_C(1) << b;
		compass_min = n < compass_min ? n : compass_min;
		compass_max = n > compass_max ? n : compass_max;
	}
}

/*
 * May the n bytes at s, in any case, be a word of LX_COMPASS?  Speed only:
 * most names are not one by their length or first two letters ("Kyiv",
 * "Texas"), which spares a lookup (place_scan.c); the shapes are read
 * off the table itself, so a compass word added anywhere is in them.
 * lex_init() built them.
 */
int
lex_compass_may_be(const char *s, size_t n)
{
	unsigned a, b;

	if (n < compass_min || n > compass_max)
		return 0;
	a = lower((unsigned char)s[0]) - 'a';
	b = lower((unsigned char)s[1]) - 'a';
	return a < 26 && b < 26 && ((compass_second[a] >> b) & 1) != 0;
}

static void
lex_build(void)
{
	uint64_t heads[LX_WORDS] = { 0 };
	size_t i, k;

	for (i = 0; i < NELEM(lex_lists); i++)
		for (k = 0; k < lex_lists[i].n; k++) {
			enum lex l = lex_lists[i].lex;

			lex_add(lex_lists[i].words[k], l, 0);
			if (l == LX_TELECOM)
				lex_add(lex_lists[i].words[k], LX_UTILITY_HEAD, 0);
		}
	for (i = 0; i < NELEM(short_lists); i++)
		for (k = 0; k < SHORT_MAX && short_lists[i].words[k] != NULL;
		    k++) {
			lex_add(short_lists[i].words[k], short_lists[i].lex, 0);
			lex_add(short_lists[i].words[k], short_lists[i].head, 0);
		}
	_Static_assert(NELEM(unit_nouns) < INT16_MAX,
	    "struct tok: unit is 16 bits");
	for (k = NELEM(unit_nouns); k-- > 0;)	/* the first entry wins */
		lex_add(unit_nouns[k].noun, LX_COUNT, (int)k + 1);
	/* a word of a list that a cue rule takes as its word is a status
	   head */
	cue_words(heads);
	/* the Ukrainian and Russian forms: lexicon_uk.c builds them at the
	   first Cyrillic word (cyr_tok()) */
	for (k = 0; k < LEX_SLOTS; k++) {
		for (i = 0; i < LX_WORDS; i++)
			if ((lex_table[k].mask[i] & heads[i]) != 0)
				lx_set(lex_table[k].mask, LX_STATUS_HEAD);
		/* "On Monday,", "In March": a date is no place */
		if (lx_in(lex_table[k].mask, LX_MONTH) ||
		    lx_in(lex_table[k].mask, LX_WEEKDAY))
			lx_set(lex_table[k].mask, LX_NOT_PLACE);
		memcpy(lex_probes[k].lx, lex_table[k].mask, sizeof(lex_probes[k].lx));
		lex_probes[k].unit = (int16_t)lex_table[k].unit;
		if (lex_table[k].word != NULL)
			tok_prefixes(lex_table[k].word, lex_probes[k].lx);
	}
	compass_shapes();
}

/* Build the lexicon once (any thread may call it first). */
void
lex_init(void)
{
	(void)pthread_once(&lex_once, lex_build);
}

/* The word's entry, or NULL.  lex_init() built the table. */
static const struct lex_entry *
lex_find(const char *w)
{
	size_t n = strlen(w);
	const struct lex_entry *e = lex_slot(w, n, lex_hash(w, n));

	return e->word != NULL ? e : NULL;
}

/* Is w (folded) in the list l? */
int
lex_has(const char *w, enum lex l)
{
	const struct lex_entry *e = lex_find(w);

	return e != NULL && lx_in(e->mask, l);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/*
 * lower() of each byte of x that a word of tokenize() can hold: bit 0x20
 * set in every byte under 0x80.  Those are letters, digits and the
 * joiners - ' & , . (text.c's joiner[]), and of them only the capitals
 * lack that bit (digits and joiners have it); bytes from 0x80 stay.
 * Other bytes (the text's around the word) change too: the callers
 * shift them out.
 */
static inline uint64_t
fold8(uint64_t x)
{
	return x | ((~x & UINT64_C(0x8080808080808080)) >> 2);
}

/* The 8 bytes at p as one word (memcpy: any alignment). */
static inline uint64_t
load8(const char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return x;
}

/* The first k of x's 8 bytes (the lowest addresses), the rest zero. */
static inline uint64_t
keep8(uint64_t x, size_t k)
{
	return k >= 8 ? x : x & ((UINT64_C(1) << (8 * k)) - 1);
}
#endif

/* The token's lists and unit from slot k (lex_index's answer), and the
   prefixes below. */
static inline void
tok_entry(struct tok *t, size_t k)
{
	const struct lex_entry *e = lex_tags[k] != 0 ? &lex_table[k] : NULL;

	if (e != NULL) {
		memcpy(t->lx, e->mask, sizeof(t->lx));
		t->unit = e->unit;
	}
	tok_prefixes(t->w, t->lx);
}

/*
 * tok_lex() of a token whose word's n bytes, zero-padded to WORD_MAX, are
 * w0, w1, w2 (t->w need only end at n: the prefixes read w[0] and w[8]),
 * and h their lex_hash3(): the same slot as lex_index(), found by
 * comparing 8 bytes at a time.  fresh: t->lx is unset (tokenize() leaves
 * it to lex_sentence()), and a word the table lacks gets zero lists.
 * Whether the token got any list here (its word's entry, or a prefix):
 * else its lists are all zero, or, not fresh, as they were.
 */
static inline __attribute__((always_inline)) int
tok_lex_padded(struct tok *t, uint32_t h, uint64_t w0, uint64_t w1,
    uint64_t w2, int fresh)
{
	uint16_t tag = lex_tag(h);
	uint64_t de_energ, deenergi, lack;
	size_t k;
	int got = 0;

	for (k = h & (LEX_SLOTS - 1); lex_tags[k] != 0;
	    k = (k + 1) & (LEX_SLOTS - 1))
		/* the padded words equal: the same bytes and length (no
		   word holds a NUL), so the same hash */
		if (lex_tags[k] == tag && lex_probes[k].w[0] == w0 &&
		    lex_probes[k].w[1] == w1 && lex_probes[k].w[2] == w2) {
			/* the prefixes added at build: none to test */
			memcpy(t->lx, lex_probes[k].lx, sizeof(t->lx));
			t->unit = lex_probes[k].unit;
			return 1;
		}
	if (fresh)
		memset(t->lx, 0, sizeof(t->lx));
	/* tok_entry()'s prefixes, as 8-byte words of the padded word (no
	   calls: this runs for every word of the text) */
	memcpy(&de_energ, "de-energ", 8);
	memcpy(&deenergi, "deenergi", 8);
	memcpy(&lack, "lack\0\0\0\0", 8);
	/* the first letter first: most words start with neither, which
	   one test tells ('d' 0x64 and 'l' 0x6C differ in bit 0x08 only) */
	if ((t->w[0] | 0x08) != 'l')
		return got;
	if (t->w[0] == 'd') {
		if ((w0 == de_energ && t->w[8] == 'i') || w0 == deenergi) {
			lx_set(t->lx, LX_POWER_WORD);
			lx_set(t->lx, LX_UTILITY_HEAD);
			got = 1;
		}
	} else {
		/* "lack..." : its first four bytes (the mask keeps the
		   bytes at the four lowest addresses, whatever the byte
		   order) */
		uint64_t m;

		memcpy(&m, "\xff\xff\xff\xff\0\0\0\0", 8);
		if ((w0 & m) == lack) {
			lx_set(t->lx, LX_WITHOUT);
			lx_set(t->lx, LX_STATUS_HEAD);
			got = 1;
		}
	}
	return got;
}

/*
 * Look the token's word up once: its lists, its unit, its prefixes
 * ("de-energized", "deenergised" are power words; "lacking" a status head).
 */
void
tok_lex(struct tok *t, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (n < WORD_MAX) {
		/* w holds WORD_MAX bytes: read them as three words, cut at
		   n (the bytes after its '\0' may be anything) */
		uint64_t w0, w1, w2;

		memcpy(&w0, t->w, 8);
		memcpy(&w1, t->w + 8, 8);
		memcpy(&w2, t->w + 16, 8);
		w0 = keep8(w0, n);
		w1 = n > 8 ? keep8(w1, n - 8) : 0;
		w2 = n > 16 ? keep8(w2, n - 16) : 0;
		(void)tok_lex_padded(t, lex_hash3(w0, w1, w2), w0, w1, w2,
		    0);
		return;
	}
#endif
	tok_entry(t, lex_index(t->w, n, lex_hash(t->w, n)));
}

/*
 * The words tokenize() left to fold (neither punctuation nor Cyrillic,
 * which cyr_tok() settled): each lowercased into w, zero to WORD_MAX,
 * hashed and looked up (tok_lex_padded), all in one call a sentence
 * rather than one a word; 8 bytes at a time.  The last of a word's
 * 8-byte loads ends at its last byte and is shifted down, so that no
 * load reads past the word (nor past the text), and no mask is needed.
 *
 * lex_sentence() of the tokens [t, tend) of text, their lists ORed into
 * u.  near: the sentence starts within the text's first 8 bytes, where a
 * word may lack 8 bytes of the text before its end.  Inlined twice, near
 * a constant: speed only (the same words), a sentence from byte 8 on
 * (all but a text's first) asks nothing of it at every word.
 */
static inline __attribute__((always_inline)) void
lex_tokens(struct tok *t, const struct tok *tend, const char *text,
    uint64_t u[LX_WORDS], int near)
{
	size_t k;

	for (; t < tend; t++) {
		const char *src = text + t->start;
		/* cut to WORD_MAX - 1 bytes below, where it can be: speed
		   only (the same n), not a test at every word */
		size_t n = t->len;
		uint64_t w0, w1 = 0, w2 = 0;
		uint32_t h;

		if (t->punct || t->cyr)
			continue;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* 8 bytes before the word's end are the text's (a word
		   within its first 8 bytes takes the loop below) */
		if (!near || t->start + n >= 8) {
			const char *e = src + n - 8;
			/* the bits of the bytes before the word in its last
			   load: 64 - 8n, 128 - 8n or 192 - 8n, each
			   (-8n) mod 64 (one shift count for the three) */
			unsigned sh = (unsigned)(0 - 8 * n) & 63;

			/* folded before the shift, which drops the bytes
			   before the word that fold8() changed */
			/* the hash of each length's words in its branch:
			   the multiplies of their zero words left out */
			if (n <= 8) {
				w0 = fold8(load8(e)) >> sh;
				h = lex_hash3(w0, 0, 0);
			} else {
				w0 = fold8(load8(src));
				if (n <= 16) {
					w1 = fold8(load8(e)) >> sh;
					h = lex_hash3(w0, w1, 0);
				} else {
					if (n > sizeof(t->w) - 1) {
						n = sizeof(t->w) - 1;
						e = src + n - 8;
						sh = (unsigned)(0 - 8 * n) & 63;
					}
					w1 = fold8(load8(src + 8));
					w2 = fold8(load8(e)) >> sh;
					h = lex_hash3(w0, w1, w2);
				}
			}
		} else
#endif
		{
			char w[WORD_MAX] = { 0 };

			n = n < sizeof(w) - 1 ? n : sizeof(w) - 1;
			for (k = 0; k < n; k++)
				w[k] = (char)lower((unsigned char)src[k]);
			memcpy(&w0, w, 8);
			memcpy(&w1, w + 8, 8);
			memcpy(&w2, w + 16, 8);
			h = lex_hash3(w0, w1, w2);
		}
		memcpy(t->w, &w0, 8);
		memcpy(t->w + 8, &w1, 8);
		memcpy(t->w + 16, &w2, 8);
		/* Speed only (the same S->lx): a word with no list adds
		   nothing to the sentence's */
		if (tok_lex_padded(t, h, w0, w1, w2, 1))
			for (k = 0; k < LX_WORDS; k++)
				u[k] |= t->lx[k];
	}
}

void
lex_sentence(struct sentence *S)
{
	uint64_t u[LX_WORDS] = { 0 };	/* S->lx, in locals */
	/* locals, so that the stores to w do not make the compiler read
	   S->text and S->n again at every word (a char may alias them);
	   every token is within the sentence, from S->start on */
	const char *text = S->text;
	struct tok *const tend = S->t + S->n;

	if (S->start >= 8)
		lex_tokens(S->t, tend, text, u, 0);
	else
		lex_tokens(S->t, tend, text, u, 1);
	/* the sentence's lists (punctuation has none; tokenize() adds
	   the Cyrillic words') */
	memcpy(S->lx, u, sizeof(S->lx));
}

/* The unit a counted noun gives [count], "" for none, NULL: not a noun. */
const char *
tok_unit(const struct tok *t)
{
	return t->unit != 0 ? unit_nouns[t->unit - 1].unit : NULL;
}
