#!/bin/sh
# eval-extract.sh - score the news extractor on labelled passages: the
# shared corpora (../shared/corpus/news-dev*.jsonl, when present) and the
# project's held-out sets (tests/data/eval/*.jsonl).
#   bench/eval-extract.sh [-v] [CORPUS.jsonl...]    (run `make` first)
#
# news-dev-2.jsonl and news-dev-uk.jsonl are split by the number that ends
# each id: the odd-numbered passages are for tuning ("tuned" half), the
# even-numbered ones are sealed (their score only: -v never prints their
# items).  The halves are written to $BUILD/eval/, never into the tree.
#
# The matching rule (tests/extract_eval.c):
# - A predicted report matches a gold report when utility and status are
#   equal and the region agrees; each prediction matches at most one gold
#   report, and among candidates an equal count is preferred.
# - The region agrees when the gold text resolves through the gazetteer
#   (an exact name, else the capitalised places it names, a list standing
#   for the smallest region holding them all, an address such as
#   "Shostka hromada, Sumy oblast" for its most specific place, G9) to
#   the predicted region,
#   within the gold's country when it has one (else the gazetteer does
#   not know it: tests/data/eval/README.md, "The scorer's country
#   rule"); a gold region the gazetteer does not know agrees with a predicted
#   mention equal to it or a word-bounded part of it ("Odesa" in "Odesa
#   district"), a kind of area that ends the mention left out ("Vidarbha
#   region" for "Vidarbha"); a possessive in the gold text, straight or
#   curly ("Queensland's southeast", "Queensland’s southeast"), names the
#   place before it; a null gold region needs an empty mention.
# - Lenient on purpose: a matched pair with a different count, unit or
#   approximate flag still counts for precision and recall; those fields
#   are scored apart, over matched pairs ("count exact", "unit accuracy",
#   "approximate accuracy").
# - precision = matched / predicted, recall = matched / gold, F1 their
#   harmonic mean; "false-positive rate" is the share of negative passages
#   (no gold report) where anything was predicted.
# - The calibration lines bucket predictions by confidence: "right" is the
#   share of the bucket that matched a gold report.
#
# Sealed sets (never read while tuning; -v does not print their items):
# heldout-e, heldout-uk-a, and the even halves of news-dev-2
# and news-dev-uk.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
cc -std=c11 -D_GNU_SOURCE -DOD_DEFAULT_SHAREDIR='"/usr/local/share/outaged"' \
    -Iinclude -Isrc/extract $(pkg-config --cflags jansson) \
    tests/extract_eval.c tests/place_cands.c \
    "$BUILD"/libextract.a "$BUILD"/libcore.a \
    $(pkg-config --libs libmosquitto sqlite3 jansson openssl libcurl) \
    -lm -o "$BUILD"/extract_eval
verbose=
if [ "${1:-}" = -v ]; then
	verbose=-v
	shift
fi

# split CORPUS: write $BUILD/eval/NAME-tuned.jsonl (odd ids) and
# NAME-sealed.jsonl (even ids)
split() {
	mkdir -p "$BUILD/eval"
	python3 - "$1" "$BUILD/eval" <<'PY'
import json, os, re, sys
src, out = sys.argv[1], sys.argv[2]
name = os.path.basename(src)[:-len(".jsonl")]
halves = {h: open(os.path.join(out, "%s-%s.jsonl" % (name, h)), "w")
          for h in ("tuned", "sealed")}
for line in open(src, encoding="utf-8"):
    if line.strip():
        n = int(re.search(r"(\d+)$", json.loads(line)["id"]).group(1))
        halves["sealed" if n % 2 == 0 else "tuned"].write(line)
PY
}

if [ $# -eq 0 ]; then
	C=../shared/corpus
	[ -f $C/news-dev.jsonl ] && set -- $C/news-dev.jsonl
	for s in news-dev-2 news-dev-uk; do
		[ -f $C/$s.jsonl ] || continue
		split $C/$s.jsonl
		set -- "$@" "$BUILD/eval/$s-tuned.jsonl" \
		    "$BUILD/eval/$s-sealed.jsonl"
	done
	set -- "$@" tests/data/eval/*.jsonl
fi
for corpus in "$@"; do
	echo "== $corpus"
	case $corpus in
	*heldout-e.jsonl|*heldout-uk-a.jsonl|*-sealed.jsonl|*/news-dev-2.jsonl|*/news-dev-uk.jsonl)
		# sealed, or holding a sealed half: its score, never its items
		"$BUILD"/extract_eval "$corpus" ;;
	*)	"$BUILD"/extract_eval $verbose "$corpus" ;;
	esac
done
