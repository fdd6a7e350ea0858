# test_capability_gen.sh - tests/data/extract/capability-en.jsonl is what
# scripts/gen-capability-matrix.py writes (the data and its generator
# cannot drift apart; test_extract checks the rows themselves).
. "$(dirname "$0")/lib.sh"

cd "$ROOT"
check "capability matrix: the file is its generator's output" \
    sh -c 'python3 scripts/gen-capability-matrix.py --out "$1/cap.jsonl" >/dev/null && cmp -s "$1/cap.jsonl" tests/data/extract/capability-en.jsonl' sh "$T"
check "capability matrix: every row is valid JSON with a text and its reports" \
    python3 -c 'import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
sys.exit(not rows or not all(isinstance(r.get("text"), str) and
    isinstance(r.get("expect"), list) for r in rows))' \
    tests/data/extract/capability-en.jsonl
check "capability matrix: a bad option is refused" \
    sh -c '! python3 scripts/gen-capability-matrix.py --bogus >/dev/null 2>&1'
exit 0
