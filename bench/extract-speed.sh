#!/bin/sh
# bench/extract-speed.sh - the news extractor's throughput on one core, in
# MB/s of text, measured in-process by build/extract_speed (texts are read
# into memory first; only extract_reports() is timed) against a lowercasing
# pass over the same bytes in the same run.  Three kinds of text:
#   the shared seed article (when present): a real article, some outage
#             facts and much context;
#   bench/articles: six invented whole articles, denser in outage facts
#             and places;
#   passages  the labelled passages (dev corpus when present, and the
#             held-out sets): nearly every sentence an outage fact, the
#             extractor's worst case.
# SIZE_MB of text a run, medians of RUNS.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNS=${RUNS:-5}
SIZE_MB=${SIZE_MB:-8}
speed="taskset -c 0 $BUILD/extract_speed -m $SIZE_MB -r $RUNS"

passages=$(ls tests/data/eval/*.jsonl)
[ -f ../shared/corpus/news-dev.jsonl ] &&
	passages="$passages ../shared/corpus/news-dev.jsonl"

echo "news extractor, one core (goal: 50 MB/s of article text)"
if [ -f ../shared/corpus/seed-article.txt ]; then
	echo "the seed article (a real one: some outage facts, much context):"
	$speed ../shared/corpus/seed-article.txt
fi
echo "six invented articles, bench/articles (more outage facts and place names than the seed):"
$speed bench/articles/*.txt
echo "labelled passages (worst case: nearly every sentence reports):"
# shellcheck disable=SC2086
$speed $passages
echo "an invented Ukrainian whole article, bench/articles-uk:"
$speed bench/articles-uk/*.txt
echo "Ukrainian and Russian fixtures (tests/data/extract/uk_*, ru_*: dense):"
$speed tests/data/extract/uk_*.txt tests/data/extract/ru_*.txt
