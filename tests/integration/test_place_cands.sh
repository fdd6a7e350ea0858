# test_place_cands.sh - extract_eval -c (tests/place_cands.c), the
# candidate dump of the place-choice spike, and scripts/fit-places.py:
# one line per prediction, the rules' own choice always among its
# candidates, a matched prediction's choice agreeing with its gold
# report, and the leave-one-set-out table printed.
. "$(dirname "$0")/lib.sh"

cd "$ROOT"
# built by `make check` with the suite's flags (Makefile: $(B)/extract_eval)
EVAL=$BUILD/extract_eval
set_a=tests/data/eval/heldout-a.jsonl
set_b=tests/data/eval/heldout-b.jsonl
"$EVAL" "$set_a" > "$T/score"
"$EVAL" -c "$set_a" > "$T/cands"
check "place_cands: one candidate line per prediction, one item line per passage" \
    python3 -c '
import json, re, sys
score = open(sys.argv[1]).read()
pred = int(re.search(r"predicted (\d+)", score).group(1))
items = int(re.search(r"items (\d+)", score).group(1))
lines = [json.loads(l) for l in open(sys.argv[2]) if l.startswith("{")]
sys.exit(not (sum("cands" in l for l in lines) == pred and
              sum("item" in l for l in lines) == items))' "$T/score" "$T/cands"
check "place_cands: the rules' own choice is a candidate of every prediction" \
    python3 -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1]) if "\"cands\"" in l]
sys.exit(not r or any(sum(c["rule"] for c in x["cands"]) < 1 for x in r))' \
    "$T/cands"
check "place_cands: a matched prediction's own place agrees with its gold" \
    python3 -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1]) if "\"cands\"" in l]
sys.exit(any(x["matched"] and not any(c["rule"] and c["ok"]
             for c in x["cands"]) for x in r))' "$T/cands"
grep -v '^{' "$T/cands" > "$T/cands-score"
check "place_cands: -c prints the same scores as a plain run" \
    sh -c 'grep -q "^precision .* F1 " "$1" && cmp -s "$1" "$2"' sh \
    "$T/score" "$T/cands-score"
EXTRACT_EVAL=$EVAL python3 scripts/fit-places.py "$set_a" "$set_b" \
    > "$T/fit" 2>&1
check "fit-places.py: a leave-one-set-out row per set and the weights" \
    sh -c 'grep -q "^heldout-a.jsonl " "$1" && grep -q "^heldout-b.jsonl " "$1" &&
        grep -q "^weights fitted" "$1"' sh "$T/fit"
check "fit-places.py: refuses a sealed set" \
    sh -c '! EXTRACT_EVAL=$1 python3 scripts/fit-places.py tests/data/eval/heldout-e.jsonl >/dev/null 2>&1' sh "$EVAL"
exit 0
