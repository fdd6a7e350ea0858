#!/usr/bin/env python3
"""
gen-capability-matrix.py - write tests/data/extract/capability-en.jsonl,
the extractor's capability matrix: common English phrasings of an outage
or a restoration (subjects, verbs, utilities, where the place and the
count sit, clauses that must not turn a fact off), crossed with one
another.  Every sentence is the project's own, built from the templates
below.  Each line: {"text", "expect": [{"utility", "status", "place",
"affected"}], "gap": why} ("place" is a text the report's mention holds;
"affected" only where a count is said; "gap" marks a row the extractor
is known to miss, with the reason).  tests/unit/test_extract.c checks
every row: a row without "gap" must give exactly the reports expected,
and a "gap" row that passes must lose its mark.

    scripts/gen-capability-matrix.py            # write the file
    scripts/gen-capability-matrix.py --gaps F   # mark the rows named in F
    scripts/gen-capability-matrix.py --out F    # write to F instead (the
                                                # gap marks of the file kept)
"""
import json, os, sys

ROWS = []


def row(text, expect, tag):
    ROWS.append({"tag": tag, "text": text, "expect": [
        dict(utility=u, status=s, place=p, **({} if c is None else {"affected": c}))
        for u, s, p, c in expect]})


# 1. subjects, verbs and utilities, with a known place
UTIL = {
    "power": dict(nouns=["power", "electricity"],
                  subj=["Power", "Electricity", "The power supply"]),
    "water": dict(nouns=["water", "running water"],
                  subj=["Water", "The water supply", "Water service"]),
    "gas": dict(nouns=["gas"], subj=["Gas", "The gas supply", "Gas service"]),
    "heat": dict(nouns=["heating"], subj=["Heating", "District heating"]),
    "telecom": dict(nouns=["internet", "mobile service"],
                    subj=["Internet service", "Mobile service",
                          "Phone service"]),
}
P = "Ohio"
for u, d in UTIL.items():
    for n in d["nouns"]:
        cap = n[0].upper() + n[1:]
        row(f"Thousands of homes in {P} were left without {n} on Monday.", [(u, "outage", P, None)], "left without")
        row(f"About 5,000 customers in {P} are without {n}.", [(u, "outage", P, 5000)], "N are without")
        row(f"Residents of {P} have had no {n} since Monday.", [(u, "outage", P, None)], "have had no")
        row(f"{cap} has been restored in {P}.", [(u, "restored", P, None)], "has been restored in")
        row(f"Crews restored {n} to 5,000 customers in {P} on Tuesday.", [(u, "restored", P, 5000)], "restored to N")
        row(f"{cap} is back in {P}.", [(u, "restored", P, None)], "is back in")
        row(f"{cap} was partially restored in {P} on Tuesday.", [(u, "partial", P, None)], "partially restored")
        row(f"Some 2,000 households in {P} remain without {n}.", [(u, "outage", P, 2000)], "remain without")
        row(f"An outage left 3,000 customers in {P} without {n}.", [(u, "outage", P, 3000)], "outage left N without")
    for s in d["subj"]:
        for v, st in (("was disrupted on Monday", "outage"),
                      ("was interrupted after the storm", "outage"),
                      ("was unavailable for hours", "outage"),
                      ("is down", "outage"), ("was suspended on Monday", "outage"),
                      ("failed on Monday", "outage"), ("was cut on Monday", "outage"),
                      ("has been restored", "restored"), ("resumed on Tuesday", "restored"),
                      ("is working again", "restored"), ("is flowing again", "restored"),
                      ("collapsed on Monday", "outage")):
            row(f"{s} in {P} {v}.", [(u, st, P, None)], "S " + v.split()[0] + " " + v.split()[1])

# 2. status verbs, subject first, place last
K = "Kyiv"
for u, subs in (("power", ["Power", "Electricity"]), ("water", ["Water supply"]),
                ("heat", ["Hot water"]), ("telecom", ["Mobile service"])):
    for s in subs:
        for st, verbs in (
                ("restored", ("is back in", "came back in",
                              "was switched back on in", "is back online in",
                              "was reconnected in", "returned to",
                              "was back to normal in", "has resumed in",
                              "was turned back on in",
                              "has been fully restored in",
                              "is up and running again in",
                              "was available again in")),
                ("outage", ("went out in", "was cut off in",
                            "was knocked out in", "was switched off in",
                            "went off in", "was shut off in",
                            "was disconnected in", "stopped working in",
                            "is offline in", "has been off since Monday in",
                            "was not available in", "was absent in"))):
            for v in verbs:
                row(f"{s} {v} {K}.", [(u, st, K, None)],
                    ("back: " if st == "restored" else "out: ") + v)

# 3. where the place and the count sit; names no region pack holds
ARR = [
    ("{P} lost power on Monday.", "outage", None),
    ("{P} was left without power after the storm.", "outage", None),
    ("{P} was plunged into darkness on Monday night.", "outage", None),
    ("{P} suffered a blackout on Monday.", "outage", None),
    ("In {P}, about 12,000 customers lost power.", "outage", 12000),
    ("In {P}, power was restored to 8,000 homes.", "restored", 8000),
    ("About 12,000 customers in {P} lost power.", "outage", 12000),
    ("{P} still has 12,000 customers without power.", "outage", 12000),
    ("The storm knocked out power to 12,000 customers in {P}.", "outage", 12000),
    ("{P} was the hardest hit, with 12,000 customers without power.", "outage", 12000),
    ("Power has been restored to 8,000 customers in {P}.", "restored", 8000),
    ("Electricity returned to {P} on Tuesday.", "restored", None),
    ("Some 3,000 homes in {P} remain without power.", "outage", 3000),
    ("Rolling blackouts hit {P} on Monday.", "partial", None),
    ("The outage affected 12,000 customers in {P}.", "outage", 12000),
    ("About 12,000 {P} customers lost power.", "outage", 12000),
    ("The worst-hit area was {P}, where 12,000 customers lost power.", "outage", 12000),
]
for place in ("Houston", "Sydney", "Ohio", "Kharkiv"):
    for t, st, c in ARR:
        row(t.format(P=place), [("power", st, place, c)], "place: " + t)

# 4. clauses and several reports (G1, G3, G5)
for p in ("Ohio", "Kharkiv region"):
    row(f"The storm, which is forecast to reach the coast on Friday, left 20,000 homes in {p} without power.", [("power", "outage", p, 20000)], "relative forecast")
    row(f"The storm, which could strengthen overnight, has knocked out power to 20,000 homes in {p}.", [("power", "outage", p, 20000)], "relative modal")
    row(f"About 20,000 homes in {p} lost power, and officials warned more outages could follow.", [("power", "outage", p, 20000)], "trailing warning")
    row(f"Power has been restored to 15,000 of the 20,000 homes in {p} that lost it.", [("power", "restored", p, 15000), ("power", "outage", p, 20000)], "N of M restored (G1)")
    row(f"Some 5,000 homes in {p} remain without power, down from 20,000 on Monday.", [("power", "outage", p, 5000), ("power", "outage", p, 20000)], "down from (G1)")
    row(f"Crews expect to restore power to 5,000 homes in {p} by Friday.", [], "a plan only (G5)")
    row(f"About 5,000 homes in {p} are still without power, and crews expect to restore it by Friday.", [("power", "outage", p, 5000)], "outage and a plan")
    row(f"Heating has been restored to all 300 buildings in {p}.", [("heat", "restored", p, 300)], "restored to all N")
    row(f"Gas supply to 1,200 households in {p} was cut after a pipeline was damaged.", [("gas", "outage", p, 1200)], "cut after damage")
    row(f"Mobile and internet services in {p} were disrupted on Monday.", [("telecom", "outage", p, None)], "two telecom words")
    row(f"Residents of {p} were left without power and water after the strike.", [("power", "outage", p, None), ("water", "outage", p, None)], "power and water")
    row(f"Power outages were reported across {p} on Monday.", [("power", "outage", p, None)], "reported across")
    row(f"Scheduled power cuts continue in {p}.", [("power", "partial", p, None)], "scheduled cuts")
    row(f"A four-hour outage in {p} ended on Monday evening.", [("power", "restored", p, None)], "outage ended")
    row(f"Customers in {p} who lost power on Monday have all been reconnected.", [("power", "restored", p, None)], "who lost, all reconnected (G3)")
    row(f"There is no electricity in {p}.", [("power", "outage", p, None)], "there is no")
    row(f"Thousands of people in {p} have no access to water.", [("water", "outage", p, None)], "no access to")

# 6. breakdowns by place: each figure with its own place (after a
#    sentence that counted the whole)
CTX = "About 15,000 customers lost power in the storm. "
for a, b, c in (("Dunmore County", "Pell County", "Osk County"),
                ("Scioto", "Gallia", "Meigs"),
                ("Kharkiv region", "Sumy region", "Poltava region")):
    for t in (
            "The hardest-hit counties were {A}, with 6,200 customers out, {B}, with 5,500, and {C}, with 3,100.",
            "{A} had 6,200 customers without power, followed by {B} with 5,500 and {C} with 3,100.",
            "In {A}, 6,200 customers were without power; in {B}, 5,500; and in {C}, 3,100.",
            "About 6,200 customers were without power in {A}, 5,500 in {B} and 3,100 in {C}.",
            "The utility reported 6,200 outages in {A}, 5,500 in {B} and 3,100 in {C}.",
            "The other areas most affected were {A}, where 6,200 were without electricity; {B}, with 5,500; and {C}, with 3,100.",
            "There were 6,200 outages in {A}, while {B} had 5,500 and {C} had 3,100.",
            "Of those, 6,200 were in {A}, 5,500 in {B} and 3,100 in {C}.",
            "{A}: 6,200 customers. {B}: 5,500 customers. {C}: 3,100 customers.",
            "{A} (6,200), {B} (5,500) and {C} (3,100) were the worst affected."):
        row(CTX + t.format(A=a, B=b, C=c),
            [("power", "outage", "", 15000), ("power", "outage", a, 6200),
             ("power", "outage", b, 5500), ("power", "outage", c, 3100)],
            "breakdown: " + t)
for opener in ("According to the utility, ", "On Monday, ", "By 8 a.m., "):
    for name in ("Brackwater", "Lawrence County"):
        row(f"{opener}{name} still has 6,355 customers without power.",
            [("power", "outage", name, 6355)], "opener: " + opener)

# 7. parts of a country by compass noun; off-supply; a town's kind
for t, p_, c in (("Storms swept across England. About 58,000 customers in the southeast remained cut off.", "southeast", 58000),
                 ("Storms swept across England. More than 20,000 homes were without power in the north-west.", "north-west", 20000),
                 ("Storms swept across Ireland. Some 4,000 people in the west were off-supply this morning.", "west", 4000),
                 ("Cooktown township has 27 customers off supply.", "Cooktown township", 27),
                 ("Hollin village was left without water.", "Hollin village", None)):
    row(t, [("water" if "water" in t else "power", "outage", p_, c)],
        "compass and kinds")

# 8. where the story's outage is worst: count-less reports per place
CTX2 = "About 12,000 customers lost power in the storm. "
for t, places in (
        ("The worst affected areas include Down, Armagh and Antrim.", ["Down", "Armagh", "Antrim"]),
        ("The worst-affected counties include Down, Armagh and Antrim.", ["Down", "Armagh", "Antrim"]),
        ("The hardest-hit areas were Dunmore and Pell.", ["Dunmore", "Pell"]),
        ("Dunmore and Pell were the hardest hit.", ["Dunmore", "Pell"]),
        ("Dunmore and Pell are among the worst affected.", ["Dunmore", "Pell"]),
        ("The North Mainland and North Isles are among the worst affected.", ["North Mainland", "North Isles"]),
        ("Outages are concentrated in Dunmore and Pell.", ["Dunmore", "Pell"]),
        ("Most of the outages are in Dunmore and Pell.", ["Dunmore", "Pell"]),
        ("Dunmore and Pell are also badly affected.", ["Dunmore", "Pell"]),
        ("Sections of Dunmore, Pell and Osk are also experiencing outages.", ["Dunmore", "Pell", "Osk"]),
        ("Customers in Dunmore are experiencing outages.", ["Dunmore"])):
    row(CTX2 + t, [("power", "outage", "", 12000)] +
        [("power", "outage", x, None) for x in places], "worst: " + t)

# 9. a place that recovers its supply
for t, u in (("Chile recovered electricity in most homes on Wednesday.", "power"),
             ("Ohio recovered power on Tuesday.", "power")):
    row(t, [(u, "restored", t.split()[0], None)], "recovered")
row("Police recovered power tools stolen in Ohio.", [], "no report")

# 10. the counted noun
for noun in ("homes and businesses", "properties", "premises", "connections",
             "meters", "accounts", "households", "subscribers", "consumers",
             "people", "families", "customers", "homes", "flats",
             "addresses", "locations", "businesses", "residents"):
    row(f"About 12,000 {noun} in Ohio lost power on Monday.",
        [("power", "outage", "Ohio", 12000)], "noun: " + noun)
row("The company has 40 locations in Ohio where customers can pay their power bills.", [], "no report")
row("We currently have 1,438 members out at 137 separate locations in Ohio.",
    [("power", "outage", "Ohio", 1438)], "sites, not customers")

# 11. a vague count of areas and the list after "including"
row("A power failure has been reported from several areas, including Tangalle, Beliatta and Hakmana.",
    [("power", "outage", x, None) for x in ("Tangalle", "Beliatta", "Hakmana")], "including list")
row("Shelling caused power outages in several southern villages, including Taybeh and Deir Seryan.",
    [("power", "outage", x, None) for x in ("Taybeh", "Deir Seryan")], "including list")
row("Thousands of homes in Kherson and Mykolaiv were left without power.",
    [("power", "outage", "Kherson and Mykolaiv", None)], "joint vague count")

# 12. the corpus's conventions for news-dev-2 (its README), in own words
row("More than 180,000 homes and businesses in Ohio remained without electricity on Sunday evening, mostly in the Columbus area.",
    [("power", "outage", "Ohio", 180000), ("power", "outage", "Columbus", None)], "convention: concentration")
row("More than 640,000 customers, or 41%, were without power in Ohio.",
    [("power", "outage", "Ohio", 640000)], "convention: percentage in apposition")
row("The storm was a repeat of the windstorm that left more than 200,000 in the Dayton area without power nearly a year ago.",
    [("power", "outage", "Dayton", 200000)], "convention: past peak")
row("The utility hoped to reduce the number of households without electricity in Ohio from 400,000 on Tuesday to 90,000 by Wednesday morning.",
    [("power", "outage", "Ohio", 400000)], "convention: hoped-for figure (G5)")
row("Electricity supplies to all customers in Ohio were restored on Monday. At one point, more than 90,000 homes and businesses were left without electricity.",
    [("power", "restored", "Ohio", 90000)], "convention: full restoration of the counted group (G3)")
row("Residents in Lahore spend up to 12 hours a day without electricity.",
    [("power", "partial", "Lahore", None)], "convention: N hours a day without power")
row("Low water pressure was reported across Ohio despite the boil-water notice.",
    [("water", "partial", "Ohio", None)], "convention: low pressure")

# 13. a length of time before the cue; a month named May; people from
for t, u, pl in (("Residents in Epworth spent four days without electricity.", "power", "Epworth"),
                 ("Meanwhile, Epworth residents have gone for four days without electricity.", "power", "Epworth"),
                 ("Residents of Telefomin have had no mobile service since May.", "telecom", "Telefomin"),
                 ("People from Telefomin have been cut off from communication services since May.", "telecom", "Telefomin")):
    row(t, [(u, "outage", pl, None)], "duration, month, from")
row("Residents in Kherson may lose power in May.", [], "no report")

# 14. the same group, later back (G3)
row("For an hour, most buildings in the four provinces of Chiang Mai, Chiang Rai, Lampang and Lamphun were without power. The outage took place at about 10:05am. Later at 11:25am power was restored.",
    [("power", "restored", "Chiang Mai", 4)], "bare later restoration (G3)")
row("About 3,000 homes in Ohio lost power on Monday. Power was restored to some areas by evening.",
    [("power", "outage", "Ohio", 3000), ("power", "restored", "Ohio", None)], "part restored: two reports")

# 15. less supply for all: partial
for t, u, pl in (("The tap water supply to Kherson had been cut by 45 percent.", "water", "Kherson"),
                 ("In Central Jakarta, water flows have been reduced by 30 percent.", "water", "Central Jakarta"),
                 ("Gas supplies to Ohio were cut by half.", "gas", "Ohio")):
    row(t, [(u, "partial", pl, None)], "cut by an amount")
row("Prices for gas in Ohio were reduced.", [], "no report")

# 16. a storm's name; "mostly reported in"
row("About 62,000 customers lost power as Severe Tropical Storm Opong battered Luzon on Friday, with service interruptions mostly reported in Cavite and Laguna.",
    [("power", "outage", "Luzon", 62000), ("power", "outage", "Cavite", None),
     ("power", "outage", "Laguna", None)], "storm name; mostly reported in")
row("About 20,000 customers lost power as Hurricane Ian hit Florida.",
    [("power", "outage", "Florida", 20000)], "storm name")

# 5. no report: forecasts, plans, advisories, denials, damage without a
#    loss of supply, capacity and customer bases (G4, G5, G6)
for t in (
        "Forecasters warned that up to 50,000 homes in Ohio could lose power this weekend.",
        "The utility said power may be cut in Ohio on Friday for maintenance.",
        "Planned outages will affect 3,000 customers in Ohio next Tuesday.",
        "Residents of Ohio were asked to boil their water until further notice.",
        "No outages were reported in Ohio.",
        "Power was never lost in Ohio during the storm.",
        "The strike damaged a substation in Kharkiv region, but supply was not interrupted.",
        "Rolling blackouts were avoided in Ohio thanks to conservation.",
        "The operator says rolling power outages were avoided on Wednesday.",
        "Electricity prices in Ohio rose by 12 percent.",
        "The plant in Ohio can supply power to 300,000 homes.",
        "The new line will bring power to 20,000 homes in Ohio.",
        "Officials in Ohio said they were preparing for possible outages.",
        "If the dam fails, 40,000 people in Ohio would be without water.",
        "The company serves 1.2 million customers in Ohio.",
        "Hospitals in Ohio ran on backup generators, and no patients were affected.",
        "A gas pipeline in Kharkiv region was damaged by shelling.",
        "The grid operator asked customers in Ohio to reduce their use of electricity.",
        "Ohio has enough gas to last the winter, the minister said.",
        "The outage map showed no customers without power in Ohio.",
        "Engineers restored the damaged transformer in Ohio.",
        "About 300 people were evacuated from their homes in Ohio.",
        "Schools in Ohio were closed because of the snow.",
        "The blackout drill in Ohio simulated a loss of power to 10,000 homes.",
        "Talks on the new power tariff in Ohio collapsed on Friday."):
    row(t, [], "no report")

if __name__ == "__main__":
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    path = os.path.join(root, "tests/data/extract/capability-en.jsonl")
    out = path
    gaps = {}
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--gaps":
        for line in open(args[1], encoding="utf-8"):
            text, _, why = line.rstrip("\n").partition("\t")
            gaps[text] = why or "not yet handled"
    elif len(args) in (0, 2) and (not args or args[0] == "--out"):
        if args:
            out = args[1]
        if os.path.exists(path):
            for line in open(path, encoding="utf-8"):
                r = json.loads(line)
                if "gap" in r:
                    gaps[r["text"]] = r["gap"]
    else:
        sys.exit("usage: gen-capability-matrix.py [--gaps FILE | --out FILE]")
    seen = set()
    with open(out, "w", encoding="utf-8") as f:
        for r in ROWS:
            if r["text"] in seen:
                continue
            seen.add(r["text"])
            if r["text"] in gaps:
                r["gap"] = gaps[r["text"]]
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(seen), "rows,", sum(1 for t in seen if t in gaps), "gaps")
