#!/bin/sh
# extract-snapshot.sh - the extractor's output over every text the project
# knows, one file per input, so that a refactoring can show it changed
# nothing:   scripts/extract-snapshot.sh build/before   (on the old tree)
#            scripts/extract-snapshot.sh build/after    (on the new tree)
#            diff -r build/before build/after
# Inputs: the labelled sets (../shared/corpus/*.jsonl when present,
# tests/data/eval/*.jsonl) as --jsonl, every fixture under
# tests/data/extract/ and every article under bench/articles/.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
out=${1:?usage: extract-snapshot.sh OUTDIR}
mkdir -p "$out"
ctl="$BUILD/outagectl"
for f in ../shared/corpus/*.jsonl tests/data/eval/*.jsonl; do
	[ -f "$f" ] || continue
	"$ctl" extract --jsonl "$f" > "$out/jsonl-$(basename "$f").out"
done
for f in tests/data/extract/*.txt bench/articles/* bench/articles-uk/* ../shared/corpus/*.txt; do
	[ -f "$f" ] || continue
	d=$(basename "$(dirname "$f")")
	"$ctl" extract "$f" > "$out/$d-$(basename "$f").out" || true
done
ls "$out" | wc -l
