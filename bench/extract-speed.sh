#!/bin/sh
# bench/extract-speed.sh - the news extractor's throughput on one core
# (taskset -c 0), in MB/s of text, measured in-process by
# build/extract_speed (texts are read into memory first; only
# extract_reports() is timed, each text on its own, over and over until
# SIZE_MB have passed) against a lowercasing pass over the same bytes in
# the same run; medians of RUNS.  Two kinds of text (issue 10's goals):
#   dense     the outage-dense labelled passages: the "text" of every
#             line of ../shared/corpus/*.jsonl (nearly every sentence an
#             outage fact: the extractor's worst case; read here only to
#             be timed);  without that corpus, the project's own held-out
#             passages (tests/data/eval/*.jsonl);
#   articles  whole articles: the shared seed article and the project's
#             own invented whole articles (bench/articles/*.txt, and any
#             .txt fixture of 2,000 bytes or more under tests/data/),
#             repeated as often as SIZE_MB takes.
# Each ends with a line "row dense|articles MB/S BASELINE_MB/S TEXTS
# BYTES" for bench/table.sh.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNS=${RUNS:-5}
SIZE_MB=${SIZE_MB:-8}
speed="taskset -c 0 $BUILD/extract_speed -m $SIZE_MB -r $RUNS"

# run KIND DESCRIPTION FILE...
run() {
	kind=$1 what=$2
	shift 2
	echo "$what:"
	$speed "$@" > "${TMPDIR:-/tmp}/extract-speed.$$" || {
		rm -f "${TMPDIR:-/tmp}/extract-speed.$$"
		return 1
	}
	grep -v '^summary ' "${TMPDIR:-/tmp}/extract-speed.$$"
	sed -n 's/^summary \([^ ]*\) \([^ ]*\) \([^ ]*\) \([^ ]*\) .*/row '"$kind"' \1 \2 \3 \4/p' \
	    "${TMPDIR:-/tmp}/extract-speed.$$"
	rm -f "${TMPDIR:-/tmp}/extract-speed.$$"
}

echo "news extractor, one core, $SIZE_MB MB of text a run, medians of $RUNS"
if ls ../shared/corpus/*.jsonl > /dev/null 2>&1; then
	run dense "on the outage-dense labelled passages (../shared/corpus/*.jsonl)" \
	    ../shared/corpus/*.jsonl
else
	run dense "on the outage-dense labelled passages (no ../shared/corpus: tests/data/eval/*.jsonl)" \
	    tests/data/eval/*.jsonl
fi
articles=$(ls bench/articles/*.txt)
[ -f ../shared/corpus/seed-article.txt ] &&
	articles="../shared/corpus/seed-article.txt $articles"
long=$(find tests/data -name '*.txt' -size +1999c | sort)
# shellcheck disable=SC2086
run articles "on whole articles (the seed article, bench/articles${long:+, tests/data})" \
    $articles $long
echo "an invented Ukrainian whole article (bench/articles-uk):"
$speed bench/articles-uk/*.txt | grep -v '^summary '
echo "Ukrainian and Russian fixtures (tests/data/extract/uk_*, ru_*: dense):"
$speed tests/data/extract/uk_*.txt tests/data/extract/ru_*.txt | grep -v '^summary '
