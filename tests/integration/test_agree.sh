# test_agree.sh - scripts/agree.py, the agreement of two labellings (and of
# the extractor with a labelling) under one loose matcher: a labelling
# agrees with itself, a region matches without its kind word, a different
# status or an extra report does not match, and the extractor is scored
# from the passages' text.
. "$(dirname "$0")/lib.sh"

cd "$ROOT"
D=tests/data/agree
check "agree: a labelling agrees with itself" \
    sh -c 'python3 scripts/agree.py "$1" "$1" | grep -qx "gold 3 other 3 matched 3  P 1.000 R 1.000 F1 1.000"' sh "$D/first.jsonl"
# second.jsonl: "Kharkiv" for "Kharkiv region" matches; Sumy partial for
# outage and a report on a negative do not
check "agree: loose region, strict status, extra reports counted" \
    sh -c 'python3 scripts/agree.py "$1" "$2" | grep -qx "gold 3 other 4 matched 2  P 0.500 R 0.667 F1 0.571"' sh "$D/first.jsonl" "$D/second.jsonl"
check "agree: the extractor read from the passages' text" \
    sh -c 'python3 scripts/agree.py --extractor "$1" "$2" | grep -qx "gold 3 other 3 matched 3  P 1.000 R 1.000 F1 1.000"' sh "$OUTAGECTL" "$D/first.jsonl"
check "agree: a bad line is an error with its file and line" \
    sh -c 'printf "{\"id\": \"x\"}\nnot json\n" > "$1/bad.jsonl"; ! python3 scripts/agree.py "$1/bad.jsonl" "$1/bad.jsonl" 2>"$1/err" && grep -q "bad.jsonl:2:" "$1/err"' sh "$T"
check "agree: usage without arguments" \
    sh -c '! python3 scripts/agree.py >/dev/null 2>&1'
exit 0
