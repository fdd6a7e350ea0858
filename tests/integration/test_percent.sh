# test_percent.sh - percent as a first-class figure, end to end: a report
# giving "percent" of the region's consumers instead of a count (over MQTT,
# over HTTP, from outagectl, and extracted from a news article) counts that
# share of the region pack's households, approximate, on the status topic,
# in the API and in history; a count beside it wins; a percent out of
# range is refused naming the field; a restart keeps the figure.
. "$(dirname "$0")/lib.sh"

# households of a region in the shipped pack
households() {
	python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["regions"]:
    if r["id"] == sys.argv[2]:
        print(r["denominator"]["count"])' "$ROOT/config/regions/ua.json" "$1"
}
share() {	# share PERCENT REGION: round(PERCENT / 100 x households)
	python3 -c 'import sys; print(round(float(sys.argv[1]) / 100 * int(sys.argv[2])))' "$1" "$(households "$2")"
}
# api PATH PYTHON-EXPR: evaluate an expression over j, the API's answer
api() {
	python3 -c 'import json,sys,urllib.request; j=json.load(urllib.request.urlopen(sys.argv[1])); print(eval(sys.argv[2]))' "$URL$1" "$2"
}
api_is() {	# api_is PATH PYTHON-EXPR EXPECTED
	[ "$(api "$1" "$2" 2>/dev/null)" = "$3" ]
}

start_broker || exit 1
start_outaged || exit 1
subscribe rejected 'outages/rejected/#'
P='j["utilities"]["power"]'

# 1. MQTT: percent instead of a count
want12=$(share 40 UA-12)
pub outages/reports/dtek '{"id":"p-1","source":"dtek","region":"Dnipropetrovsk","utility":"power","status":"outage","percent":40}'
check "percent: mqtt percent-only report: status shows round(40% x the pack's households)" \
    wait_retained outages/status/UA-12 "$P[\"affected\"]" "$want12" 10
st=$(retained outages/status/UA-12)
check "percent: ... approximate on the status topic" \
    [ "$(json_get "$st" "$P[\"approximate\"]")" = True ]
check "percent: ... percent 40.0, households, derived from the percent" \
    [ "$(json_get "$st" "($P[\"percent\"], $P[\"unit\"], $P[\"derived_from\"])")" = "(40.0, 'households', 'percent')" ]
check "percent: ... the claim keeps its percent and no count" \
    [ "$(json_get "$st" "[(c[\"percent\"], c[\"affected\"]) for c in $P[\"claims\"]]")" = "[(40.0, None)]" ]
check "percent: ... severity from 40 % (critical)" \
    [ "$(json_get "$st" "$P[\"severity\"]")" = critical ]
check "percent: ... stored with the report (reports.percent)" \
    sql_is "select percent, affected is null from reports where key = 'id:dtek/p-1'" "40.0|1"
check "percent: ... a history row, approximate" \
    wait_sql "select count(*) > 0, min(approximate) from history where region = 'UA-12' and utility = 'power' and affected = $want12" "1|1"
check "percent: ... GET /api/v1/reports shows it" \
    api_is "/api/v1/reports?region=UA-12" '[(r["percent"], r["affected"]) for r in j["reports"]]' "[(40.0, None)]"
check "percent: ... the country roll-up carries the approximate count" \
    wait_retained outages/status/UA "(($P[\"affected\"] or 0) >= $want12, $P[\"approximate\"])" "(True, True)" 5

# 2. out of range: refused, naming the field
pub outages/reports/dtek '{"id":"p-2","source":"dtek","region":"UA-12","utility":"power","status":"outage","percent":140}'
check "percent: percent 140 is refused as invalid_field naming \"percent\"" \
    wait_line "$T/rejected.sub" '^outages/rejected/dtek .*"error":"invalid_field".*\\"percent\\" must be a number above 0 and at most 100' 5
check "percent: ... and not stored" sql_is "select count(*) from reports where key = 'id:dtek/p-2'" 0

# 3. a count beside the percent wins; the percent is kept for display
pub outages/reports/sumy '{"id":"p-3","source":"sumy","region":"Sumy region","utility":"power","status":"outage","affected":1000,"unit":"households","percent":40}'
check "percent: a count beside a percent wins" \
    wait_retained outages/status/UA-59 "$P[\"affected\"]" 1000 10
st=$(retained outages/status/UA-59)
check "percent: ... exact, not derived, the claim's percent kept" \
    [ "$(json_get "$st" "($P[\"approximate\"], $P[\"derived_from\"], $P[\"claims\"][0][\"percent\"])")" = "(False, None, 40.0)" ]

# 4. HTTP: POST /api/v1/reports with a percent, and outagectl report --percent
code=$(curl -s -o "$T/post.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -d '{"source":"ztoe","region":"Zhytomyr region","utility":"heat","status":"outage","percent":12.5}' "$URL/api/v1/reports")
check "percent: POST /api/v1/reports with percent 12.5 is accepted" [ "$code" = 200 ] || cat "$T/post.json"
check "percent: ... UA-18 heat is 12.5 % of its households, approximate" \
    wait_retained outages/status/UA-18 "(j[\"utilities\"][\"heat\"][\"affected\"], j[\"utilities\"][\"heat\"][\"approximate\"], j[\"utilities\"][\"heat\"][\"percent\"])" "($(share 12.5 UA-18), True, 12.5)" 10
code=$(curl -s -o "$T/bad.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -d '{"source":"ztoe","region":"UA-18","utility":"heat","status":"outage","percent":"12%"}' "$URL/api/v1/reports")
check "percent: POST with percent \"12%\" is refused with the field named" \
    python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); r=j["rejected"][0]; sys.exit(not (r["error"]=="invalid_field" and "\"percent\"" in r["detail"]))' "$T/bad.json"
OUTAGED_TOKEN=$TOKEN "$OUTAGECTL" --url "$URL" report --region Poltava --utility gas --status outage --percent 25 > "$T/ctl.out" 2>&1
check "percent: outagectl report --percent 25 is accepted" grep -q '^Accepted: Poltava gas outage 25%' "$T/ctl.out"
check "percent: ... UA-53 gas shows 25 % of its households" \
    wait_retained outages/status/UA-53 "(j[\"utilities\"][\"gas\"][\"affected\"], j[\"utilities\"][\"gas\"][\"approximate\"])" "($(share 25 UA-53), True)" 10
"$OUTAGECTL" --url "$URL" reports --region UA-53 > "$T/reports.out" 2>&1
check "percent: outagectl reports shows the share where there is no count" \
    grep -qE 'gas +outage +25% ' "$T/reports.out"
OUTAGED_TOKEN=$TOKEN "$OUTAGECTL" --url "$URL" report --region Poltava --utility gas --status outage --percent 140 > /dev/null 2>&1
check "percent: outagectl report --percent 140 is a usage error (2)" [ $? -eq 2 ]

# 5. news: an article's percent of consumers
want63=$(share 40 UA-63)
art='{"title":"Grid damaged overnight","body":"After the overnight strike, 40% of consumers in Kharkiv region are without power, the regional administration said.","url":"https://news.example/kharkiv-40"}'
code=$(curl -s -o "$T/news.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" -d "$art" "$URL/api/v1/news")
check "percent: POST /api/v1/news accepted" [ "$code" = 200 ]
check "percent: ... extracted: UA-63 power outage, percent 40, no count, count_text 40% of consumers" \
    python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not any(r["region"]=="UA-63" and r["utility"]=="power" and r["status"]=="outage" and r["percent"]==40 and r["affected"] is None and r["count_text"]=="40% of consumers" for r in j["extracted"]))' "$T/news.json"
check "percent: ... status topic: UA-63 power is 40 % of the pack's households" \
    wait_retained outages/status/UA-63 "($P[\"affected\"], $P[\"percent\"], $P[\"approximate\"], $P[\"derived_from\"])" "($want63, 40.0, True, 'percent')" 10
check "percent: ... GET /api/v1/regions/UA-63: the same, approximate" \
    api_is /api/v1/regions/UA-63 "($P[\"affected\"], $P[\"percent\"], $P[\"approximate\"], $P[\"unit\"])" "($want63, 40.0, True, 'households')"
check "percent: ... stored from news:http with percent 40" \
    sql_is "select source, percent from reports where region = 'UA-63'" "news:http|40.0"
check "percent: ... history of UA-63 is approximate" \
    api_is "/api/v1/regions/UA-63/history" "[(h[\"affected\"], h[\"approximate\"]) for h in j[\"points\"] if h[\"utility\"] == \"power\"][-1]" "($want63, True)"

# 6. a restart keeps the derived figures (claims read back with their percent)
stop_outaged
start_outaged || exit 1
check "percent: after a restart UA-63 still shows the derived count, approximate" \
    api_is /api/v1/regions/UA-63 "($P[\"affected\"], $P[\"approximate\"], $P[\"derived_from\"])" "($want63, True, 'percent')"
check "percent: ... and UA-12" \
    api_is /api/v1/regions/UA-12 "($P[\"affected\"], $P[\"approximate\"])" "($want12, True)"
[ "$FAILS" -eq 0 ]
