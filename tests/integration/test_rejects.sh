# test_rejects.sh - bad input is refused with a reason on
# outages/rejected/<source>, counted, and costs nothing that was good.
. "$(dirname "$0")/lib.sh"

start_broker || exit 1
start_outaged || exit 1
subscribe rejected 'outages/rejected/#'

good() {	# good N: a valid report with id good-N
	pub outages/reports/oblenergo '{"id":"good-'"$1"'","source":"oblenergo",
	  "region":"Kharkiv","utility":"heat","status":"partial","affected":'"$1"'000}'
}

good 1
pub outages/reports/oblenergo '{"source":"oblenergo", "region": '
good 2
pub outages/reports/oblenergo '{"source":"oblenergo","utility":"power","status":"outage"}'
good 3
pub outages/reports/oblenergo '{"source":"oblenergo","region":"Atlantis","utility":"power","status":"outage"}'
good 4
big=$(mktemp "$T/big.XXXX")
python3 -c 'import json; print(json.dumps({"source":"oblenergo","region":"UA-63","utility":"power","status":"outage","text":"x"*300000}))' > "$big"
mosquitto_pub -p "$BROKER_PORT" -q 1 -t outages/reports/oblenergo -f "$big"
good 5
# an array: the good element is kept, the bad one refused
pub outages/reports/oblenergo '[{"id":"good-6","source":"oblenergo","region":"Odesa","utility":"water","status":"outage"},
  {"id":"bad-7","source":"oblenergo","region":"Odesa","utility":"sewage","status":"outage"}]'
pub outages/reports/other '{"source":"oblenergo","region":"UA-12","utility":"power","status":"outage"}'
pub 'outages/reports/bad source' '{"source":"x","region":"UA-12","utility":"power","status":"outage"}'

expect_reject() {	# expect_reject NAME REASON [TOPIC-SOURCE]
	if wait_line "$T/rejected.sub" "^outages/rejected/${3:-oblenergo} .*\"error\":\"$2\""; then
		pass "reject: $1 -> $2"
	else
		fail "reject: $1 -> $2"
	fi
}
expect_reject "malformed JSON" invalid_json
expect_reject "missing region" missing_field
expect_reject "unknown region" unknown_region
expect_reject "oversized payload" payload_too_large
expect_reject "bad utility in an array" invalid_field
expect_reject "source differs from topic" source_mismatch other
expect_reject "invalid topic level" invalid_topic _invalid

line=$(grep -m1 '"error":"unknown_region"' "$T/rejected.sub" | cut -d' ' -f2-)
check "reject: detail names the region" \
    python3 -c 'import json,sys; j=json.loads(sys.argv[1]); sys.exit("Atlantis" not in j["detail"] or "payload" not in j)' "$line"
line=$(grep -m1 '"error":"invalid_field"' "$T/rejected.sub" | cut -d' ' -f2-)
check "reject: array element index reported" [ "$(json_get "$line" 'j["index"]')" = 1 ]

sleep 0.5
check "reject: daemon still running" kill -0 "$OUTAGED_PID"
check "reject: all 6 good reports stored" [ "$(sql "select count(*) from reports where key like 'id:oblenergo/good-%'")" = 6 ]
check "reject: nothing bad stored" [ "$(sql "select count(*) from reports")" = 6 ]
check "reject: every rejection counted" [ "$(sql "select count(*) from rejections")" = 7 ]
check "reject: reasons recorded" [ "$(sql "select count(distinct reason) from rejections")" = 7 ]
exit 0
