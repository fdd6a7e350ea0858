#!/bin/sh
# eval-extract.sh - score the news extractor on labelled passages: the
# shared dev corpus (../shared/corpus/news-dev.jsonl, when present) and
# the project's held-out sets (tests/data/eval/heldout-a to -d.jsonl).
#   bench/eval-extract.sh [-v] [CORPUS.jsonl...]    (run `make` first)
#
# The matching rule (tests/extract_eval.c):
# - A predicted report matches a gold report when utility and status are
#   equal and the region agrees; each prediction matches at most one gold
#   report, and among candidates an equal count is preferred.
# - The region agrees when the gold text resolves through the gazetteer
#   (an exact name, else the capitalised places it names, a list standing
#   for the smallest region holding them all) to the predicted region; a
#   gold region the gazetteer does not know agrees with a predicted
#   mention equal to it or a word-bounded part of it ("Odesa" in "Odesa
#   district"); a null gold region needs an empty mention.
# - Lenient on purpose: a matched pair with a different count, unit or
#   approximate flag still counts for precision and recall; those fields
#   are scored apart, over matched pairs ("count exact", "unit accuracy",
#   "approximate accuracy").
# - precision = matched / predicted, recall = matched / gold, F1 their
#   harmonic mean; "false-positive rate" is the share of negative passages
#   (no gold report) where anything was predicted.
#
# The extractor was tuned while reading the dev corpus and heldout-a, -b
# and -c; heldout-d is sealed (never read while tuning, and -v does not
# print its items), so its score is the honest one for new text.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
cc -std=c11 -D_GNU_SOURCE -DOD_DEFAULT_SHAREDIR='"/usr/local/share/outaged"' \
    -Iinclude $(pkg-config --cflags jansson) tests/extract_eval.c \
    "$BUILD"/libextract.a "$BUILD"/libcore.a \
    $(pkg-config --libs libmosquitto sqlite3 jansson openssl libmicrohttpd libcurl) \
    -lm -o "$BUILD"/extract_eval
verbose=
if [ "${1:-}" = -v ]; then
	verbose=-v
	shift
fi
if [ $# -eq 0 ]; then
	[ -f ../shared/corpus/news-dev.jsonl ] &&
		set -- ../shared/corpus/news-dev.jsonl
	set -- "$@" tests/data/eval/heldout-a.jsonl \
	    tests/data/eval/heldout-b.jsonl tests/data/eval/heldout-c.jsonl \
	    tests/data/eval/heldout-d.jsonl
fi
for corpus in "$@"; do
	echo "== $corpus"
	case $corpus in
	*heldout-d.jsonl)	# sealed: its score, never its items
		"$BUILD"/extract_eval "$corpus" ;;
	*)	"$BUILD"/extract_eval $verbose "$corpus" ;;
	esac
done
