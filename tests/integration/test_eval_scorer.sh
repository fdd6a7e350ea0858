# test_eval_scorer.sh - the news extractor's scorer (tests/extract_eval.c,
# `make eval`) matches regions as bench/eval-extract.sh documents: a kind
# of area that ends an unknown mention is left out ("Quarrytown region"
# for "Quarrytown"), a curly possessive names the place before it
# ("Queensland’s southeast"), and an address means its most specific
# place ("Shostka hromada, Sumy oblast" is Shostka); an unknown mention
# that is another place does not match.  Invented passages in tests/data/scorer/.
. "$(dirname "$0")/lib.sh"

cd "$ROOT" || exit 1
"$BUILD/extract_eval" -v tests/data/scorer/match.jsonl > "$T/scorer.out" 2>&1
# missed ID: a gold report of item ID is MISSED
missed() {
	awk -v id="== $1" '$0 == id {on = 1; next} /^== / {on = 0}
	    on && /MISSED/ {f = 1} END {exit !f}' "$T/scorer.out"
}
matched() { ! missed "$1"; }
check "scorer: a trailing kind of area is left out of an unknown mention" \
    matched sc-001
check "scorer: a curly possessive names the place before it" matched sc-002
check "scorer: an address means its most specific place" matched sc-003
check "scorer: an unknown mention of another place does not match" \
    missed sc-004
check "scorer: 3 of 4 gold reports matched" \
    grep -q '^items 4  gold 4  predicted 4  matched 3$' "$T/scorer.out"
exit 0
