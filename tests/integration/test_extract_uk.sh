# test_extract_uk.sh - `outagectl extract` on Ukrainian and Russian text:
# a Ministry-of-Energy-style roundup (one paragraph per oblast) gives one
# report per oblast with its count; a Russian sentence gives its oblast;
# tomorrow's schedules give nothing.
. "$(dirname "$0")/lib.sh"

export OUTAGED_REGIONS=$ROOT/config/regions
"$OUTAGECTL" extract "$ROOT/tests/data/extract/uk_minenergo_roundup.txt" > "$T/roundup.json"
check "extract uk: one report per oblast of the roundup, with its count" \
    python3 -c '
import json, sys
got = [(r["region"], r["utility"], r["status"], r["affected"])
       for r in json.load(open(sys.argv[1]))]
want = [("UA-12", "power", "outage", 12000), ("UA-63", "power", "outage", 3400),
        ("UA-23", "power", "outage", 870), ("UA-51", "power", "outage", 41000),
        ("UA-32", "power", "outage", 950),
        ("UA-59", "power", "outage", 2000), ("UA-74", "power", "restored", 1200)]
sys.exit(got != want)' "$T/roundup.json"
printf '%s\n' 'В Харьковской области после удара обесточены более 20 тысяч абонентов.' |
    "$OUTAGECTL" extract - > "$T/ru.json"
check "extract ru: Kharkiv oblast, power, 20000 subscribers, approximate" \
    python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not (len(j)==1 and j[0]["region"]=="UA-63" and j[0]["affected"]==20000 and j[0]["unit"]=="subscribers" and j[0]["approximate"]))' "$T/ru.json"
"$OUTAGECTL" extract "$ROOT/tests/data/extract/uk_future_schedule.txt" > "$T/future.json"
check "extract uk: tomorrow's schedules give nothing" \
    python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != [])' "$T/future.json"
exit 0
