#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""fit-places.py - a measured spike (issue 10): would a small fitted model
choose a report's place better than the hand rules on text it was not
fitted on?  tests/data/eval/README.md, "Place choice: fitted vs rules".

  bench/eval-extract.sh build/eval/news-dev-2-tuned.jsonl >/dev/null
                                       # builds build/extract_eval
  scripts/fit-places.py [--root DIR] [--pairs] [SET.jsonl ...]

--root DIR: run DIR/build/extract_eval in DIR (an older tree built with
tests/place_cands.c, to score rules not yet tuned on a set).  $EXTRACT_EVAL
names another binary.  --pairs adds the products of a few features two by
two (a check that a linear model's capacity is not what limits it).

For each readable set, `build/extract_eval -c SET` lists every predicted
report's candidate places with features (tests/place_cands.c) and which
candidates agree with the gold report.  A conditional logit (softmax over
a report's candidates, plain gradient descent, L2) is fitted leaving one
set out and tested on it: the score is on text it was not fitted on.
Per left-out set: the rules' place accuracy and the model's, on the
reports that have a gold report to agree with and a candidate that does.
No third-party packages.  Never give it pool/held or a sealed set.
"""
import json
import math
import os
import random
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
EV = "tests/data/eval/"
DEFAULT = (["../scratch/pool/tune.jsonl", "build/eval/news-dev-2-tuned.jsonl",
            "../shared/corpus/news-dev.jsonl"] +
           [EV + "heldout-%s.jsonl" % c for c in "abcd"] +
           sorted(EV + f for f in os.listdir(os.path.join(ROOT, EV))
                  if f.startswith("dev-en-")))
SEALED = ("held.jsonl", "heldout-e", "heldout-uk-a", "-sealed", "-even",
          "news-dev-2.jsonl", "news-dev-uk.jsonl")
# features the model may use (not "rule": the rules' own choice)
# (kind_other: the rules' choice when no candidate found holds it)
DROP = {"dist_cue", "dist_cnt", "kind_other"}
RUN = ROOT


def dump(path):
    if any(s in path for s in SEALED):
        sys.exit("fit-places.py: %s is not a readable set" % path)
    ev = os.environ.get("EXTRACT_EVAL") or os.path.join(RUN,
                                                        "build/extract_eval")
    out = subprocess.run([ev, "-c",
                          os.path.join(ROOT, path)], cwd=RUN,
                         capture_output=True, text=True, check=True).stdout
    reps, items = [], []
    for line in out.splitlines():
        if line.startswith("{"):
            o = json.loads(line)
            (items if "item" in o else reps).append(o)
    return reps, items


def relative(reps):
    """Features of a candidate against the report's other candidates: the
    nearest to the count, to the cue, to the cue within its clause; an
    earlier sentence's place when the sentence names none."""
    # a report's rank among its sentence's reports of one utility and
    # status, when there are several: the list place of the same rank
    seen, multi = {}, {}
    for r in reps:
        key = (r["id"], r["sent"], r["utility"], r["status"])
        seen.setdefault(key, []).append(r)
    for rs in seen.values():
        if len(rs) > 1:
            for i, r in enumerate(rs):
                multi[id(r)] = i
    for r in reps:
        sent = [c for c in r["cands"] if c["f"].get("kind_sent")]
        for key, name, cond in (("dist_cnt", "near_cnt", None),
                                ("dist_cue", "near_cue", None),
                                ("dist_cue", "near_cue_clause", "clause_cue")):
            pool = [c for c in sent if cond is None or c["f"].get(cond)]
            if pool:
                m = min(c["f"][key] for c in pool)
                for c in pool:
                    if c["f"][key] == m:
                        c["f"][name] = 1.0
        for i, c in enumerate(sent):
            c["f"]["order_match"] = float(multi.get(id(r), -1) == i)
        for c in r["cands"]:
            f = c["f"]
            none = not sent
            f["inh_alone"] = float(none and (f.get("kind_inh", 0) > 0 or
                                             f.get("kind_prev", 0) > 0))
            f["none_alone"] = float(none and f.get("kind_none", 0) > 0)


PAIRS = ["kind_sent", "kind_inh", "kind_prev", "kind_none", "known",
         "depth0", "clause_cue", "clause_cnt", "near_cnt", "near_cue",
         "order_match", "prep_in", "listed", "before_cnt", "counted",
         "cap_only", "single", "story"]


def pairs(reps):
    """--pairs: the products of PAIRS' features two by two."""
    for r in reps:
        for c in r["cands"]:
            f = c["f"]
            on = [n for n in PAIRS if f.get(n)]
            for i, a in enumerate(on):
                for b in on[i + 1:]:
                    f[a + "*" + b] = f[a] * f[b]


def vec(f, names):
    """The nonzero features of f, as (index, value) pairs."""
    return [(j, f[n]) for j, n in enumerate(names) if f.get(n, 0.0)]


def score(w, x):
    return sum(w[j] * v for j, v in x)


def fit(groups, names, l2=0.01, epochs=120, lr=0.5):
    """Conditional logit: each group a list of (x, ok); maximise the log
    of the probability mass on the ok candidates (Adagrad, L2).  Groups
    whose candidates all agree, or none, teach nothing and are left out."""
    w = [0.0] * len(names)
    h = [1e-8] * len(names)
    data = []
    for g in groups:
        cs = [(vec(c["f"], names), c["ok"]) for c in g["cands"]]
        if 0 < sum(ok for _, ok in cs) < len(cs):
            data.append(cs)
    n = max(1, len(data))
    for _ in range(epochs):
        grad = [l2 * wi for wi in w]
        for cs in data:
            s = [score(w, x) for x, _ in cs]
            m = max(s)
            e = [math.exp(si - m) for si in s]
            z = sum(e)
            zok = sum(ei for ei, (_, ok) in zip(e, cs) if ok)
            for ei, (x, ok) in zip(e, cs):
                d = (ei / z - (ei / zok if ok else 0.0)) / n
                for j, v in x:
                    grad[j] += d * v
        for j, gj in enumerate(grad):
            h[j] += gj * gj
            w[j] -= lr * gj / math.sqrt(h[j])
    return w


def choose(w, g, names, taken=()):
    """The best-scoring candidate, not one in taken unless all are."""
    best, bs = None, None
    cs = [c for c in g["cands"] if c["name"] not in taken] or g["cands"]
    for c in cs:
        s = score(w, vec(c["f"], names))
        if bs is None or s > bs + 1e-12:
            best, bs = c, s
    return best


def decode(w, test, names):
    """Choices for the test reports: a sentence's reports of one utility
    and status take different places ("out in A, B and C" gives three
    reports that the features alone cannot tell apart), in text order."""
    taken = {}
    out = []
    for g in test:
        key = (g["set"], g["id"], g["sent"], g["utility"], g["status"])
        t = taken.setdefault(key, set())
        c = choose(w, g, names, t)
        if c["name"]:
            t.add(c["name"])
        out.append(c)
    return out


def main():
    global RUN
    args = sys.argv[1:]
    with_pairs = False
    while args[:1] in (["--root"], ["--pairs"]):
        if args[0] == "--pairs":
            with_pairs = True
            args = args[1:]
            continue
        RUN = os.path.abspath(args[1])
        args = args[2:]
    sets = args or DEFAULT
    data = {}
    for s in sets:
        if os.path.exists(os.path.join(ROOT, s)):
            data[s] = dump(s)
            relative(data[s][0])
            if with_pairs:
                pairs(data[s][0])
    names = sorted({k for reps, _ in data.values() for r in reps
                    for c in r["cands"] for k in c["f"]} - DROP)
    # ---- the dump ----
    nrep = sum(len(r) for r, _ in data.values())
    ncand = sum(len(x["cands"]) for r, _ in data.values() for x in r)
    print("dump: %d sets, %d predicted reports, %d candidates (%.1f each), "
          "%d features" % (len(data), nrep, ncand, ncand / max(1, nrep),
                           len(names)))
    gold = sum(i["gold"] for _, it in data.values() for i in it)
    missed = sum(len(i["missed_twin"]) for _, it in data.values() for i in it)
    twin = sum(sum(i["missed_twin"]) for _, it in data.values() for i in it)
    un = [x for r, _ in data.values() for x in r
          if not x["matched"] and x["ngold"] > 0]
    print("gold %d, missed %d: %d with no prediction of that utility and "
          "status, %d with an unmatched twin prediction" %
          (gold, missed, missed - twin, twin))
    print("unmatched predictions with a gold twin: %d; a candidate agrees "
          "for %d (a choice error), none for %d (the place never found)"
          % (len(un), sum(x["any_ok"] for x in un),
             sum(not x["any_ok"] for x in un)))
    # where the gold place of an unfound one stands in the passage
    where = {"sentence": 0, "elsewhere": 0, "not named": 0, "null": 0}
    for path in data:
        text = {}
        for line in open(os.path.join(ROOT, path), encoding="utf-8"):
            if line.strip():
                o = json.loads(line)
                text[o["id"]] = o.get("text", "")
        for x in data[path][0]:
            if x["matched"] or x["ngold"] == 0 or x["any_ok"]:
                continue
            t = text.get(x["id"], "")
            tb = t.encode("utf-8")
            sent = tb[x["sent"]:x["sent"] + x["sent_len"]].decode(
                "utf-8", "replace").lower()
            best = "not named"
            for g in x["gold_regions"]:
                if g is None:
                    best = "null"
                    break
                w = g.lower().replace("'s", "").split(",")[0].split()
                w = [v for v in w if len(v) > 3 and v not in (
                    "region", "county", "district", "oblast", "state",
                    "city", "province", "area", "parts")] or w
                if any(v in sent for v in w):
                    best = "sentence"
                    break
                if any(v in t.lower() for v in w):
                    best = "elsewhere"
            where[best] += 1
    print("their gold place: named in the report's sentence %(sentence)d, "
          "elsewhere in the passage %(elsewhere)d, not named (a word of it "
          "absent) %(not named)d, null %(null)d" % where)
    # ---- leave one set out ----
    print("\nreps: predicted reports; choos: those with a gold report to agree "
          "with and a\ncandidate that does; place accuracy on those: rules, "
          "model, model with the\nrules' choice as a feature; miss: gold "
          "reports missed; twin: an unmatched\nprediction of that utility "
          "and status exists; unfound: unmatched predictions\nwith a gold "
          "twin but no candidate agreeing (choice: one agrees)")
    print("%-24s %5s %5s %6s %6s %6s %5s %5s %6s %7s" % (
        "left-out set", "reps", "choos", "rules", "model", "mod+r", "miss",
        "twin", "choice", "unfound"))
    tot = [0, 0, 0, 0]
    fb = {"model": [0, 0], "mod+r": [0, 0]}
    for s in data:
        train = [x for t, (r, _) in data.items() if t != s for x in r
                 if x["ngold"] > 0 and x["any_ok"]]
        test = [x for x in data[s][0] if x["ngold"] > 0 and x["any_ok"]]
        w = fit(train, names)
        namesr = names + ["rule"]
        for g in train + test:
            for c in g["cands"]:
                c["f"]["rule"] = float(c["rule"])
        wr = fit(train, namesr)
        for c in (x for g in train + test for x in g["cands"]):
            del c["f"]["rule"]
        rule = sum(any(c["ok"] and c["rule"] for c in g["cands"])
                   for g in test)
        ruleok = [any(c["ok"] and c["rule"] for c in g["cands"])
                   for g in test]
        dm = decode(w, test, names)
        mod = sum(c["ok"] for c in dm)
        for g in test:
            for c in g["cands"]:
                c["f"]["rule"] = float(c["rule"])
        dr = decode(wr, test, namesr)
        modr = sum(c["ok"] for c in dr)
        for d, key in ((dm, "model"), (dr, "mod+r")):
            fb[key][0] += sum(c["ok"] and not r for c, r in zip(d, ruleok))
            fb[key][1] += sum(r and not c["ok"] for c, r in zip(d, ruleok))
        for c in (x for g in test for x in g["cands"]):
            del c["f"]["rule"]
        n = len(test)
        tot = [tot[0] + n, tot[1] + rule, tot[2] + mod, tot[3] + modr]
        it = data[s][1]
        un = [x for x in data[s][0] if not x["matched"] and x["ngold"] > 0]
        print("%-24s %5d %5d %6.3f %6.3f %6.3f %5d %5d %6d %7d" % (
            os.path.basename(s)[:24], len(data[s][0]), n, rule / max(1, n),
            mod / max(1, n), modr / max(1, n),
            sum(len(i["missed_twin"]) for i in it),
            sum(sum(i["missed_twin"]) for i in it),
            sum(x["any_ok"] for x in un), sum(not x["any_ok"] for x in un)))
    print("%-24s %5s %5d %6.3f %6.3f %6.3f" % (
        "all (each left out)", "", tot[0], tot[1] / max(1, tot[0]),
        tot[2] / max(1, tot[0]), tot[3] / max(1, tot[0])))
    for key in ("model", "mod+r"):
        print("%s against the rules, each set left out: fixes %d of the "
              "rules' %d wrong places, breaks %d of their %d right ones" % (
                  key, fb[key][0], tot[0] - tot[1], fb[key][1], tot[1]))
    # ---- the weights fitted on everything ----
    allg = [x for r, _ in data.values() for x in r
            if x["ngold"] > 0 and x["any_ok"]]
    w = fit(allg, names)
    print("\nweights fitted on all sets (strongest first):")
    for wi, nm in sorted(zip(w, names), key=lambda t: -abs(t[0]))[:14]:
        print("  %+6.2f %s" % (wi, nm))


if __name__ == "__main__":
    random.seed(1)
    main()
