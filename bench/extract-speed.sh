#!/bin/bash
# bench/extract-speed.sh - the news extractor's throughput on one core, in
# MB/s of article text, against a baseline of the same run: grep -c over
# the same bytes.  Passages are fed one a line ({"id","text"}) to
# `outagectl extract --jsonl`, each extracted on its own like an article;
# JSON parsing and printing count in the time but not in the bytes, and
# the gazetteer load (timed on an empty input) is subtracted.  The text is
# the labelled corpus's passages when present, else the project's own
# extractor fixtures, repeated to about SIZE_MB.  Medians of RUNS.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNS=${RUNS:-5}
SIZE_MB=${SIZE_MB:-8}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

src=../shared/corpus/news-dev.jsonl
if [ -f "$src" ]; then
	python3 -c 'import json,sys; [print(json.loads(l)["text"]) for l in open(sys.argv[1])]' "$src" > "$T/one.txt"
else
	cat tests/data/extract/*.txt > "$T/one.txt"
fi
cat > "$T/make.py" <<'EOF_PY'
import json, sys
paras = [p for p in open(sys.argv[1]).read().split("\n") if p.strip()]
n = int(sys.argv[3]) * 1024 * 1024
text_bytes = 0
with open(sys.argv[2], "w") as f:
    i = 0
    while text_bytes < n:
        p = paras[i % len(paras)]
        f.write(json.dumps({"id": str(i), "text": p}) + "\n")
        text_bytes += len(p.encode())
        i += 1
print(text_bytes)
EOF_PY
bytes=$(python3 "$T/make.py" "$T/one.txt" "$T/big.jsonl" "$SIZE_MB")
: > "$T/empty.jsonl"
now() { date +%s.%N; }
median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
ext=() base=() load=()
for _ in $(seq "$RUNS"); do
	t0=$(now); taskset -c 0 "$BUILD/outagectl" extract --jsonl "$T/empty.jsonl" > /dev/null; t1=$(now)
	load+=("$(python3 -c "print($t1 - $t0)")")
	t0=$(now); taskset -c 0 "$BUILD/outagectl" extract --jsonl "$T/big.jsonl" > "$T/out.jsonl"; t1=$(now)
	ext+=("$(python3 -c "print($t1 - $t0)")")
	t0=$(now); taskset -c 0 grep -c power "$T/big.jsonl" > /dev/null; t1=$(now)
	base+=("$(python3 -c "print($t1 - $t0)")")
done
lines=$(wc -l < "$T/out.jsonl")
python3 - "$bytes" "$(median "${ext[@]}")" "$(median "${load[@]}")" "$(median "${base[@]}")" "$lines" <<'EOF_PY'
import sys
b = int(sys.argv[1]); e, l, g = map(float, sys.argv[2:5]); lines = int(sys.argv[5])
mb = b / 1e6
x = max(e - l, 1e-9)
print(f"extractor over {mb:.1f} MB of article text ({lines} passages), one core, medians:")
print(f"  extract (less {l*1000:.0f} ms of region loading)  {x:7.3f} s  {mb/x:8.1f} MB/s")
print(f"  grep -c baseline                              {g:7.3f} s  {mb/g:8.1f} MB/s")
print(f"  extractor / grep: {x/g:.0f}x the time")
EOF_PY
