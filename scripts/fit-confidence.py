#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""fit-confidence.py - fit the extractor's confidence table
(src/extract/confidence_table.h) on the readable labelled sets.

    scripts/fit-confidence.py [--write] [--pool DIR]   (run `make` first)

Every prediction of `extract_eval -f` (tests/extract_eval.c) on the sets
below is a line with whether it matched a gold report (the scorer's own
matching) and its basis (what its confidence rests on: EXTRACT_B_* in
include/extract.h).  The script prints the share right by feature, fits
a logistic model on the features that separated right from wrong (the
place: gazetteer / shape only / none; inherited from an earlier sentence;
a unit; a "without" cue), L2-regularised, and prints the calibration of
the current and the fitted confidence per set, and what a floor would do.
--write writes the table; rebuild, then run scripts/extract-snapshot.sh.

Sets read: real passages (weight 1): the tuned (odd) halves of news-dev-2
and news-dev-uk in build/eval/ (bench/eval-extract.sh writes them),
../shared/corpus/news-dev.jsonl and DIR/tune.jsonl (--pool, default
/work/scratch/pool, when present); the project's own sets (weight
SELF_WEIGHT: written in the shapes the rules read, they are easier than
real text): tests/data/eval/heldout-a..d and dev-*.jsonl.  Never a sealed
set (the even halves, heldout-e, heldout-uk-a), nor pool/held.jsonl, the
measuring set.
"""
import glob
import math
import os
import re
import subprocess
import sys

SELF_WEIGHT = 0.3
LAMBDA = 4.0
CONF_MIN, CONF_MAX = 0.05, 0.97
SEALED = re.compile(r"(heldout-e|heldout-uk-a|-sealed|-even|/news-dev-2\.jsonl|"
                    r"/news-dev-uk\.jsonl|held\.jsonl)$")

B = dict(STRONG=0x1, UTIL_STORY=0x2, LIST=0x4, COUNTED=0x10, UNIT=0x20,
         REGION=0x40, MENTION=0x80, INHERITED=0x100, SEVERAL=0x200,
         FAR=0x400, CYRILLIC=0x800, SHARE=0x1000, RESTORED=0x2000,
         WITHOUT=0x4000, COUNTRY=0x8000)
PLACES = ("region", "mention", "none")


def place(b):
    return 0 if b & B["REGION"] else 1 if b & B["MENTION"] else 2


def features(b):
    """The model's inputs: the table's axes, as 0/1."""
    p = place(b)
    return [1.0, float(p == 1), float(p == 2), float(b & B["INHERITED"] != 0),
            float(b & B["UNIT"] != 0), float(b & B["WITHOUT"] != 0)]


NAMES = ["intercept", "mention only", "no place", "inherited", "unit",
         "without"]


def sets(pool):
    real = ["build/eval/news-dev-2-tuned.jsonl",
            "build/eval/news-dev-uk-tuned.jsonl",
            "../shared/corpus/news-dev.jsonl",
            os.path.join(pool, "tune.jsonl")]
    own = sorted(glob.glob("tests/data/eval/heldout-[abcd].jsonl") +
                 glob.glob("tests/data/eval/dev-*.jsonl"))
    out = [(f, 1.0) for f in real if os.path.exists(f)]
    out += [(f, SELF_WEIGHT) for f in own]
    for f, _ in out:
        assert not SEALED.search(f), f
    return out


def rows_of(path):
    out = subprocess.run(["build/extract_eval", "-f", path], check=True,
                         capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        if line.startswith("feat\t"):
            f = line.split("\t")
            rows.append(dict(item=f[1], right=int(f[2]), conf=float(f[3]),
                             basis=int(f[4]), cue=f[7]))
    return rows


def solve(a, y):
    n = len(y)
    m = [a[i][:] + [y[i]] for i in range(n)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] for i in range(n)]


def fit(data):
    """Logistic regression by Newton's method, L2 on all but the
    intercept.  data: (x, y, weight)."""
    d = len(data[0][0])
    w = [0.0] * d
    for _ in range(50):
        g = [0.0] * d
        h = [[0.0] * d for _ in range(d)]
        for x, y, sw in data:
            p = 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x))))
            for i in range(d):
                g[i] += sw * (y - p) * x[i]
                for j in range(d):
                    h[i][j] += sw * p * (1 - p) * x[i] * x[j]
        for i in range(1, d):
            g[i] -= LAMBDA * w[i]
            h[i][i] += LAMBDA
        step = solve(h, g)
        w = [a + b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return w


def prob(w, b):
    z = sum(a * x for a, x in zip(w, features(b)))
    p = 1 / (1 + math.exp(-z))
    return round(min(max(p, CONF_MIN), CONF_MAX), 2)


def calibration(rows, key):
    edges = [0.0, 0.5, 0.7, 0.8, 0.9, 1.01]
    lines = []
    ece = 0.0
    for lo, hi in zip(edges, edges[1:]):
        b = [r for r in rows if lo <= key(r) < hi]
        if b:
            mean = sum(key(r) for r in b) / len(b)
            right = sum(r["right"] for r in b) / len(b)
            ece += len(b) * abs(mean - right)
            lines.append("%.1f-%.1f %4d %.2f %.2f" % (lo, min(hi, 1.0),
                         len(b), mean, right))
    return lines, ece / len(rows) if rows else 0.0


def main():
    write = "--write" in sys.argv
    pool = "/work/scratch/pool"
    if "--pool" in sys.argv:
        pool = sys.argv[sys.argv.index("--pool") + 1]
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    # builds build/extract_eval (its scores are not read)
    subprocess.run(["sh", "bench/eval-extract.sh",
                    "tests/data/eval/heldout-a.jsonl"], check=True,
                   capture_output=True)
    data, by_set = [], []
    for path, sw in sets(pool):
        rows = rows_of(path)
        by_set.append((path, sw, rows))
        data += [(features(r["basis"]), r["right"], sw) for r in rows]
    print("sets (weight): " + ", ".join("%s (%g, %d predictions)" % (
        p, sw, len(r)) for p, sw, r in by_set))
    real = [r for _, sw, rows in by_set if sw == 1.0 for r in rows]
    own = [r for _, sw, rows in by_set if sw != 1.0 for r in rows]
    for name, rows in (("real", real), ("own", own)):
        if not rows:
            continue
        print("%s: %d predictions, %.2f right" % (name, len(rows), sum(
            r["right"] for r in rows) / len(rows)))
        for f, bit in B.items():
            on = [r["right"] for r in rows if r["basis"] & bit]
            off = [r["right"] for r in rows if not r["basis"] & bit]
            if on and off:
                print("  %-10s with %4d %.2f   without %4d %.2f" % (
                    f, len(on), sum(on) / len(on), len(off),
                    sum(off) / len(off)))
    w = fit(data)
    print("weights (logit): " + ", ".join("%s %+.2f" % (n, x)
                                          for n, x in zip(NAMES, w)))
    for path, _, rows in by_set + [("all real", 1.0, real),
                                   ("all own", 0, own)]:
        if not rows:
            continue
        before, e0 = calibration(rows, lambda r: r["conf"])
        after, e1 = calibration(rows, lambda r: prob(w, r["basis"]))
        print("== %s: ECE current %.3f, fitted %.3f" % (path, e0, e1))
        for k in range(max(len(before), len(after))):
            print("  %-26s | %s" % (before[k] if k < len(before) else "",
                                    after[k] if k < len(after) else ""))
    # a floor: what dropping the reports below it does (gold counts from
    # the matched ones are not known here: the change in precision and
    # in matched reports)
    for floor in (0.6, 0.7, 0.8):
        for name, rows in (("real", real), ("own", own)):
            kept = [r for r in rows if prob(w, r["basis"]) >= floor]
            if rows and kept:
                print("floor %.1f %s: keeps %d of %d predictions, %d of %d "
                      "right; precision %.3f -> %.3f" % (
                          floor, name, len(kept), len(rows),
                          sum(r["right"] for r in kept),
                          sum(r["right"] for r in rows),
                          sum(r["right"] for r in rows) / len(rows),
                          sum(r["right"] for r in kept) / len(kept)))
    table = [[[[prob(w, (0x40 if p == 0 else 0x80 if p == 1 else 0) |
                      (0x100 if i else 0) | (0x20 if u else 0) |
                      (0x4000 if c else 0))
                for c in (0, 1)] for u in (0, 1)] for i in (0, 1)]
             for p in range(3)]
    out = ["/* SPDX-License-Identifier: MIT */",
           "/*",
           " * confidence_table.h - written by scripts/fit-confidence.py: the",
           " * share of reports right, by what they rest on, fitted on " +
           "%d predictions" % len(data),
           " * of the readable sets (real passages weight 1, the project's "
           "own %g)." % SELF_WEIGHT,
           " * Logit weights: " + ", ".join("%s %+.2f" % (n, x) for n, x in
                                            zip(NAMES[:3], w[:3])) + ",",
           " * " + ", ".join("%s %+.2f" % (n, x) for n, x in
                             zip(NAMES[3:], w[3:])) + ".",
           " * Indexed [place: region, mention only, none][inherited][unit]"
           "[without].",
           " */",
           "static const double conf_table[3][2][2][2] = {"]
    for p in range(3):
        out.append("\t{\t/* %s */" % PLACES[p])
        for i in (0, 1):
            out.append("\t\t{ { %.2f, %.2f }, { %.2f, %.2f } },%s" % (
                table[p][i][0][0], table[p][i][0][1], table[p][i][1][0],
                table[p][i][1][1], "\t/* inherited */" if i else ""))
        out.append("\t},")
    out.append("};")
    text = "\n".join(out) + "\n"
    if write:
        with open("src/extract/confidence_table.h", "w") as f:
            f.write(text)
        print("wrote src/extract/confidence_table.h")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
