# test_api.sh - the HTTP API end to end: reports fed over MQTT and POST come
# back from every route with the shapes docs/openapi.json describes (each
# body is validated against its schema there); errors are {"error","detail"}
# with the right status; the event stream, /metrics and /healthz follow what
# happens; and docs/openapi.json documents exactly the routes the server
# answers (as api.c's route table has them, and as the live server answers).
. "$(dirname "$0")/lib.sh"

SPEC=$ROOT/docs/openapi.json
# the checks need only the standard library: skip site (and a pyenv shim),
# which makes each of the ~200 calls several times faster
PY=$(python3 -c 'import sys; print(sys.executable)')
py() { "$PY" -S "$@"; }

# ---- helpers -------------------------------------------------------------

# req METHOD PATH [CURL ARGS...]: body to $T/b, headers to $T/h; prints the
# status code
req() {
	local m=$1 p=$2
	shift 2
	curl -s -o "$T/b" -D "$T/h" -w '%{http_code}' -X "$m" "$@" "$URL$p"
}

# hdr NAME: a header of the last response (no CR)
hdr() {
	sed -n "s/^$1: *//Ip" "$T/h" | tr -d '\r' | tail -1
}

# jb EXPR: print a Python expression over j, the last response's JSON body
jb() {
	py -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/b" "$1"
}

# jt EXPR: succeed when a Python expression over j (the last body) is true
jt() {
	py -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not eval(sys.argv[2]))' "$T/b" "$1"
}

# A small OpenAPI 3.0 schema checker (type, format date-time, enum,
# nullable, required, properties, additionalProperties, items, allOf,
# oneOf, $ref).  Strict: a field the server returns that the schema does
# not name is an error, so the document cannot fall behind the server.
cat > "$T/oas.py" <<'PY'
import json, re, sys

spec = json.load(open(sys.argv[1]))
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
errors = []

def deref(s):
    while "$ref" in s:
        node = spec
        for part in s["$ref"][2:].split("/"):
            node = node[part]
        s = node
    return s

def known(s):
    """Property names a schema allows, through $ref and allOf."""
    s = deref(s)
    names = set(s.get("properties", {}))
    for sub in s.get("allOf", []):
        names |= known(sub)
    return names

def closed(s):
    s = deref(s)
    if s.get("additionalProperties") not in (None, False):
        return False
    return "properties" in s or any(closed(x) for x in s.get("allOf", []))

def check(s, x, where, strict=True):
    s = deref(s)
    n0 = len(errors)
    if x is None:
        if not s.get("nullable") and ("type" in s or "allOf" in s):
            errors.append(f"{where}: null where {s.get('type', 'a value')} expected")
        return
    for sub in s.get("allOf", []):
        check(sub, x, where, strict=False)
    if "oneOf" in s:
        ok = 0
        for sub in s["oneOf"]:
            saved = list(errors)
            check(sub, x, where)
            ok += len(errors) == len(saved)
            errors[:] = saved
        if ok != 1:
            errors.append(f"{where}: matches {ok} of oneOf")
    t = s.get("type")
    kinds = {"string": str, "object": dict, "array": list, "boolean": bool}
    if t in kinds and not isinstance(x, kinds[t]):
        errors.append(f"{where}: {x!r} is not {t}")
    elif t == "integer" and (isinstance(x, bool) or not isinstance(x, int)):
        errors.append(f"{where}: {x!r} is not an integer")
    elif t == "number" and (isinstance(x, bool) or not isinstance(x, (int, float))):
        errors.append(f"{where}: {x!r} is not a number")
    if len(errors) > n0:
        return
    if "enum" in s and x not in s["enum"]:
        errors.append(f"{where}: {x!r} not in {s['enum']}")
    if s.get("format") == "date-time" and not TIME.match(x):
        errors.append(f"{where}: {x!r} is not an RFC 3339 time")
    if isinstance(x, dict):
        for k in s.get("required", []):
            if k not in x:
                errors.append(f"{where}: no {k}")
        props = s.get("properties", {})
        extra = s.get("additionalProperties")
        for k, v in x.items():
            if k in props:
                check(props[k], v, f"{where}.{k}")
            elif isinstance(extra, dict):
                check(extra, v, f"{where}.{k}")
        if strict and closed(s):
            for k in sorted(set(x) - known(s)):
                errors.append(f"{where}: {k} is not in the schema")
    if isinstance(x, list) and "items" in s:
        for i, v in enumerate(x):
            check(s["items"], v, f"{where}[{i}]")

name, data = sys.argv[2], json.load(open(sys.argv[3]))
check({"$ref": "#/components/schemas/" + name}, data, name)
for e in errors[:10]:
    print("#", e)
sys.exit(1 if errors else 0)
PY

# schema NAME [FILE]: the last body (or FILE) matches components.schemas.NAME
schema() {
	py "$T/oas.py" "$SPEC" "$1" "${2:-$T/b}"
}

# expect_error NAME CODE ERROR METHOD PATH [CURL ARGS...]: the answer is CODE
# with Content-Type application/json and a body {"error": ERROR, "detail"}
# (POST /api/v1/reports may add "rejected": then the IngestError schema)
expect_error() {
	local name=$1 code=$2 error=$3 m=$4 p=$5 got ct
	shift 5
	got=$(req "$m" "$p" "$@")
	ct=$(hdr Content-Type)
	if [ "$got" != "$code" ]; then
		fail "$name" "HTTP $got, not $code: $(head -c 200 "$T/b" | tr -s '\n ' ' ')"
	elif [ "$ct" != application/json ]; then
		fail "$name" "Content-Type \"$ct\""
	elif ! jt 'isinstance(j, dict) and isinstance(j.get("error"), str) and isinstance(j.get("detail"), str) and j["detail"] != ""'; then
		fail "$name" "body is not {error, detail}: $(head -c 200 "$T/b" | tr -s '\n ' ' ')"
	elif [ "$(jb 'j["error"]')" != "$error" ]; then
		fail "$name" "error \"$(jb 'j["error"]')\", not \"$error\""
	elif jt '"rejected" in j' && ! schema IngestError; then
		fail "$name" "body does not match IngestError"
	elif ! jt '"rejected" in j' && ! jt 'sorted(j) == ["detail", "error"]'; then
		fail "$name" "keys $(jb 'sorted(j)'), not [detail, error]"
	else
		pass "$name"
	fi
}

metric_is() {	# metric_is NAME VALUE
	[ "$(metric "$1")" = "$2" ]
}

# wait_for SECONDS COMMAND...: poll until the command succeeds
# post BODY: POST /api/v1/reports with the token; prints the status code
post() {
	req POST /api/v1/reports -H "Authorization: Bearer $TOKEN" \
	    -H 'Content-Type: application/json' --data-binary "$1"
}

start_broker || exit 1
start_outaged || exit 1

# ---- the event stream, while the first reports arrive ---------------------

curl -sN "$URL/api/v1/events" > "$T/events" 2>&1 &
SSE_PID=$!
PIDS+=("$SSE_PID")
disown "$SSE_PID"
wait_for 5 grep -q '^: outaged events' "$T/events"
check "events: stream opens with retry and a comment" \
    grep -q '^retry: 3000$' "$T/events"
check "events: /metrics counts the open stream" \
    [ "$(metric outaged_event_stream_clients)" = 1 ]

m0_stored=$(metric outaged_reports_stored_total)
m0_count=$(metric outaged_ingest_commit_seconds_count)
m0_commits=$(metric outaged_ingest_commits_total)

pub outages/reports/dtek '{"id":"dtek-0001","source":"dtek",
  "region":"Dnipropetrovsk","utility":"power","status":"outage",
  "affected":600000,"unit":"households","approximate":true}'
pub outages/reports/oblenergo '{"id":"obl-0001","source":"oblenergo",
  "region":"Kharkiv","utility":"heat","status":"partial","affected":1000}'

# sse_event TYPE PYTHON-EXPR: some "event: TYPE" has data d with EXPR true;
# every data line is one line of JSON
cat > "$T/sse.py" <<'PY'
import json, sys
typ, expr, out = sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None
event = None
for line in open(sys.argv[1]):
    if not line.endswith("\n"):
        break           # curl is still writing it
    line = line.rstrip("\n")
    if line.startswith("event: "):
        event = line[7:]
    elif line.startswith("data: ") and event == typ:
        d = json.loads(line[6:])
        if eval(expr):
            if out:
                json.dump(d, open(out, "w"))
            sys.exit(0)
    elif line == "":
        event = None
sys.exit(1)
PY
sse_event() {
	py "$T/sse.py" "$T/events" "$@"
}
if wait_for 5 sse_event status 'd["region"] == "UA-12"' "$T/ev-status"; then
	pass "events: event: status with data for UA-12"
else
	fail "events: event: status with data for UA-12" "$(head -c 300 "$T/events" | tr -s '\n' ' ')"
fi
check "events: status data is RegionFigures" schema RegionFigures "$T/ev-status"
check "events: status data carries the figure" py -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["utilities"]["power"]["affected"] != 600000)' "$T/ev-status"
if wait_for 5 sse_event alert 'd["region"] == "UA-12" and d["utility"] == "power" and d["event"] == "firing"' "$T/ev-alert"; then
	pass "events: event: alert (firing) for UA-12 power"
else
	fail "events: event: alert (firing) for UA-12 power" "$(head -c 300 "$T/events" | tr -s '\n' ' ')"
fi
check "events: alert data is AlertEvent" schema AlertEvent "$T/ev-alert"
wait_for 5 sse_event status 'd["region"] == "UA-63"'
check "events: event: status for the second region (UA-63)" \
    sse_event status 'd["region"] == "UA-63"'

# ---- POST /api/v1/reports ---------------------------------------------------

WATER='{"id":"web-0001","source":"web","region":"UA-12","utility":"water","status":"outage","affected":50000}'
code=$(post "$WATER")
check "POST: 200 for a new report" [ "$code" = 200 ]
check "POST: Content-Type application/json" [ "$(hdr Content-Type)" = application/json ]
check "POST: body is IngestResult" schema IngestResult
check "POST: accepted 1, duplicates 0, nothing rejected" \
    jt 'j["accepted"] == 1 and j["duplicates"] == 0 and j["rejected"] == []'
code=$(post "$WATER")
check "POST: the same id again is 200" [ "$code" = 200 ]
check "POST: the same id again is a duplicate, not stored" \
    jt 'j["accepted"] == 0 and j["duplicates"] == 1 and j["rejected"] == []'
code=$(post '[{"id":"web-0002","source":"web","region":"UA-12","utility":"gas","status":"partial","affected":10},
  {"id":"web-0003","source":"web","region":"UA-12","utility":"sewage","status":"outage"}]')
check "POST: an array with one bad element is 200" [ "$code" = 200 ]
check "POST: the good element is accepted, the bad one rejected with its index" \
    jt 'j["accepted"] == 1 and len(j["rejected"]) == 1 and j["rejected"][0]["index"] == 1 and j["rejected"][0]["error"] == "invalid_field"'
check "POST: partial result is IngestResult" schema IngestResult
check "POST: reports stored via http" \
    [ "$(sql "select count(*) from reports where via = 'http'")" = 2 ]

# seven reports of one source to page through
code=$(post "$(py -c 'import json; print(json.dumps([{"id": "p-%d" % i, "source": "pager", "region": "Odesa", "utility": "telecom", "status": "partial", "affected": 100 + i} for i in range(7)]))')")
check "POST: a batch of 7 is accepted" jt 'j["accepted"] == 7'

# ---- /metrics: what the reports above did ---------------------------------

# 2 over MQTT + web-0001 + web-0002 + 7 pager = 11 stored
check "metrics: outaged_reports_stored_total moved by 11" \
    wait_for 5 metric_is outaged_reports_stored_total $((m0_stored + 11))
check "metrics: outaged_ingest_commit_seconds_count moved by 11 (one per stored report)" \
    [ "$(metric outaged_ingest_commit_seconds_count)" = $((m0_count + 11)) ]
# each POST is a pass of its own; the two MQTT reports one or two
c=$(( $(metric outaged_ingest_commits_total) - m0_commits ))
check "metrics: outaged_ingest_commits_total moved by 3 to 11 ($c)" \
    [ "$c" -ge 3 -a "$c" -le 11 ]
check "metrics: one duplicate counted" [ "$(metric outaged_reports_duplicate_total)" = 1 ]
check "metrics: the rejected element counted as invalid_field" \
    [ "$(metric 'outaged_reports_rejected_total{reason="invalid_field"}')" = 1 ]

m1_stored=$(metric outaged_reports_stored_total)
m1_count=$(metric outaged_ingest_commit_seconds_count)
m1_json=$(metric 'outaged_reports_rejected_total{reason="invalid_json"}')
m1_region=$(metric 'outaged_reports_rejected_total{reason="unknown_region"}')
pub outages/reports/oblenergo '{"source":"oblenergo", "region": '
pub outages/reports/oblenergo '{"source":"oblenergo","region":"Atlantis","utility":"power","status":"outage"}'
pub outages/reports/oblenergo '{"id":"obl-0002","source":"oblenergo","region":"Kharkiv","utility":"water","status":"outage","affected":5}'
check "metrics: a malformed report counts under reason=\"invalid_json\"" \
    wait_for 5 metric_is 'outaged_reports_rejected_total{reason="invalid_json"}' $((m1_json + 1))
check "metrics: an unknown region counts under reason=\"unknown_region\"" \
    wait_for 5 metric_is 'outaged_reports_rejected_total{reason="unknown_region"}' $((m1_region + 1))
check "metrics: the good report among them moved stored by exactly 1" \
    wait_for 5 metric_is outaged_reports_stored_total $((m1_stored + 1))
check "metrics: and the commit histogram by exactly 1" \
    [ "$(metric outaged_ingest_commit_seconds_count)" = $((m1_count + 1)) ]
code=$(req GET /metrics)
check "metrics: Content-Type text/plain" \
    py -c 'import sys; sys.exit(not sys.argv[1].startswith("text/plain"))' "$(hdr Content-Type)"
check "metrics: histogram +Inf bucket equals the count" \
    py -c 'import re,sys; t=open(sys.argv[1]).read(); sys.exit(re.search(r"le=\"\+Inf\"\} (\d+)", t).group(1) != re.search(r"_count (\d+)", t).group(1))' "$T/b"
check "metrics: MQTT messages counted (5 report messages)" \
    [ "$(metric outaged_mqtt_messages_total)" = 5 ]

# ---- GET /api/v1/status -----------------------------------------------------

code=$(req GET /api/v1/status)
check "status: 200 application/json" [ "$code $(hdr Content-Type)" = "200 application/json" ]
check "status: body is StatusList" schema StatusList
check "status: UA-12 is listed first (critical)" \
    jt 'j["regions"][0]["region"] == "UA-12" and j["regions"][0]["severity"] == "critical"'
check "status: UA-12 power figure is 600000 households, approximate" \
    jt 'j["regions"][0]["utilities"]["power"]["affected"] == 600000 and j["regions"][0]["utilities"]["power"]["unit"] == "households" and j["regions"][0]["utilities"]["power"]["approximate"] is True'
check "status: UA-12 power percent is 46.1" \
    jt 'j["regions"][0]["utilities"]["power"]["percent"] == 46.1'
check "status: UA-12 water (POSTed) is 50000" \
    jt 'j["regions"][0]["utilities"]["water"]["affected"] == 50000'
check "status: unknown utilities are left out of the list" \
    jt '"telecom" not in j["regions"][0]["utilities"]'
check "status: Kharkiv (UA-63) and Odesa (UA-51) are listed" \
    jt '{"UA-63", "UA-51"} <= {r["region"] for r in j["regions"]}'
check "status: worst first" \
    jt '[["none","minor","major","critical"].index(r["severity"]) for r in j["regions"]] == sorted([["none","minor","major","critical"].index(r["severity"]) for r in j["regions"]], reverse=True)'

# ---- GET /api/v1/regions/{id} -------------------------------------------------

code=$(req GET /api/v1/regions/UA-12)
check "region: 200 for UA-12" [ "$code" = 200 ]
check "region: body is RegionDetail" schema RegionDetail
check "region: all five utilities, unknown ones included" \
    jt 'sorted(j["utilities"]) == ["gas", "heat", "power", "telecom", "water"] and j["utilities"]["heat"]["coverage"] == "unknown" and j["utilities"]["heat"]["affected"] is None'
check "region: power claims are dtek's 600000" \
    jt '[(c["source"], c["affected"], c["status"]) for c in j["utilities"]["power"]["claims"]] == [("dtek", 600000, "outage")]'
check "region: denominator is households" \
    jt 'j["denominator"]["unit"] == "households" and j["denominator"]["count"] > 0'
check "region: children include the city of Dnipro" \
    jt '"UA-12:dnipro" in [c["region"] for c in j["children"]]'
check "region: a firing critical alert for power" \
    jt '[(a["utility"], a["state"], a["severity"]) for a in j["alerts"]] == [("power", "firing", "critical")]'
code=$(req GET /api/v1/regions/Dnipropetrovsk)
check "region: the name Dnipropetrovsk resolves to UA-12" \
    [ "$code $(jb 'j["region"]')" = "200 UA-12" ]
code=$(req GET "/api/v1/regions/$(py -c 'import urllib.parse; print(urllib.parse.quote("Дніпропетровська область"))')")
check "region: a URL-encoded Ukrainian alias resolves to UA-12" \
    [ "$code $(jb 'j.get("region")')" = "200 UA-12" ]
code=$(req GET /api/v1/regions/UA)
check "region: UA rolls up the oblast from its children" \
    jt 'j["utilities"]["power"]["children"]["affected"] == 600000 and j["utilities"]["power"]["children"]["reporting"] == 1'

# ---- GET /api/v1/regions/{id}/history -------------------------------------

code=$(req GET /api/v1/regions/UA-12/history)
check "history: 200" [ "$code" = 200 ]
check "history: body is History" schema History
check "history: has the power and water points" \
    jt 'len(j["points"]) >= 2 and ("power", "outage", 600000) in [(p["utility"], p["status"], p["affected"]) for p in j["points"]] and "water" in [p["utility"] for p in j["points"]]'
code=$(req GET "/api/v1/regions/UA-12/history?utility=power&since=1h")
check "history: utility=power only has power" \
    jt 'j["utility"] == "power" and len(j["points"]) >= 1 and {p["utility"] for p in j["points"]} == {"power"}'
code=$(req GET "/api/v1/regions/Dnipropetrovsk/history?since=2020-01-01T00:00:00Z&until=2020-01-02T00:00:00Z")
check "history: a range in the past is empty (and names resolve)" \
    jt 'j["region"] == "UA-12" and j["points"] == [] and j["since"] == "2020-01-01T00:00:00Z"'

# ---- GET /api/v1/reports ------------------------------------------------------

code=$(req GET "/api/v1/reports?limit=1000")
check "reports: 200" [ "$code" = 200 ]
check "reports: body is ReportPage" schema ReportPage
check "reports: all 12 stored reports, newest first, no next page" \
    jt 'len(j["reports"]) == 12 and j["next_before"] is None and [r["id"] for r in j["reports"]] == sorted([r["id"] for r in j["reports"]], reverse=True)'
check "reports: via is recorded" \
    jt '{r["key"]: r["via"] for r in j["reports"]}["id:web/web-0001"] == "http" and {r["key"]: r["via"] for r in j["reports"]}["id:dtek/dtek-0001"] == "mqtt"'
code=$(req GET "/api/v1/reports?region=UA-12")
check "reports: region=UA-12 has only UA-12's (3)" \
    jt 'len(j["reports"]) == 3 and all(r["region"] == "UA-12" for r in j["reports"])'
code=$(req GET "/api/v1/reports?region=Kharkiv")
check "reports: region=Kharkiv (a name) has UA-63's (2)" \
    jt 'len(j["reports"]) == 2 and all(r["region"] == "UA-63" for r in j["reports"])'
code=$(req GET "/api/v1/reports?source=dtek")
check "reports: source=dtek has dtek's only" \
    jt '[r["key"] for r in j["reports"]] == ["id:dtek/dtek-0001"]'
code=$(req GET "/api/v1/reports?source=nobody")
check "reports: an unknown source is an empty page" \
    jt 'j == {"reports": [], "next_before": None}'
code=$(req GET "/api/v1/reports?since=2099-01-01T00:00:00Z")
check "reports: since in the future is empty" jt 'j["reports"] == []'

# page through the 7 pager reports 3 at a time
pages=()
seen=
before=
n=0
while [ $n -lt 10 ]; do
	n=$((n + 1))
	code=$(req GET "/api/v1/reports?source=pager&limit=3${before:+&before=$before}")
	[ "$code" = 200 ] || break
	pages+=("$(jb 'len(j["reports"])')")
	seen="$seen $(jb '" ".join(r["key"] for r in j["reports"])')"
	before=$(jb 'j["next_before"] or ""')
	[ -n "$before" ] || break
done
check "reports: limit=3 pages the 7 as 3, 3, 1" [ "${pages[*]}" = "3 3 1" ]
check "reports: the pages hold every pager report once" \
    py -c 'import sys; got=sys.argv[1].split(); sys.exit(sorted(got) != sorted("id:pager/p-%d" % i for i in range(7)))' "$seen"
code=$(req GET "/api/v1/reports?source=pager&limit=7")
check "reports: a page that holds exactly the rest has no next_before" \
    [ "$(jb 'len(j["reports"]) == 7 and j["next_before"] is None')" = True ]
code=$(req GET "/api/v1/reports?source=pager&limit=6")
check "reports: one row short of the end still gives next_before" \
    [ "$(jb 'j["next_before"] is not None')" = True ]
code=$(req GET "/api/v1/reports?source=pager&limit=6&before=$(jb 'j["next_before"]')")
check "reports: ... and the last page holds the one left" jt 'len(j["reports"]) == 1 and j["next_before"] is None'

# ---- GET /api/v1/alerts -------------------------------------------------------

code=$(req GET /api/v1/alerts)
check "alerts: 200, body is AlertList" schema AlertList
check "alerts: UA-12 power firing" \
    jt '[(a["region"], a["utility"], a["state"]) for a in j["alerts"]] == [("UA-12", "power", "firing")] and j["alerts"][0]["resolved_at"] is None'
code=$(req GET "/api/v1/alerts?state=firing&region=Dnipropetrovsk&limit=5")
check "alerts: state=firing, region by name" jt 'len(j["alerts"]) == 1'
code=$(req GET "/api/v1/alerts?state=resolved")
check "alerts: state=resolved is empty" jt 'j["alerts"] == []'
code=$(req GET "/api/v1/alerts?region=UA-63")
check "alerts: none for UA-63" jt 'j["alerts"] == []'

# ---- getting notified: subscriptions, silences, acks, deliveries, audit ------

AUTH=(-H "Authorization: Bearer $TOKEN")
code=$(req POST /api/v1/subscriptions "${AUTH[@]}" --data-binary '{"name":"api test",
  "regions":["UA-46"],"utilities":["gas"],"min_severity":"minor",
  "channel":{"type":"mqtt","topic":"api-test"},"repeat":"4h",
  "quiet_hours":{"from":"23:00","to":"06:00","tz":"Europe/Kyiv"}}')
check "subscriptions: POST 201, body is Subscription" [ "$code" = 201 ]
check "subscriptions: POST body matches Subscription" schema Subscription
sub_id=$(jb 'j["id"]')
code=$(req POST /api/v1/subscriptions "${AUTH[@]}" --data-binary '{"regions":["*"],
  "channel":{"type":"webhook","url":"https://example.org/hook",
  "secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw","preset":"telegram","chat_id":"-100"}}')
check "subscriptions: a webhook one matches Subscription" schema Subscription
check "subscriptions: the secret is not shown" jt 'j["channel"]["secret"] == "whsec_\u2026"'
code=$(req GET /api/v1/subscriptions "${AUTH[@]}")
check "subscriptions: GET body is SubscriptionList" schema SubscriptionList
code=$(req GET "/api/v1/subscriptions/$sub_id" "${AUTH[@]}")
check "subscriptions: GET {id} body is Subscription" schema Subscription
expect_error "subscriptions: 400 invalid_subscription" 400 invalid_subscription POST /api/v1/subscriptions \
    "${AUTH[@]}" --data-binary '{"regions":["Atlantis"],"channel":{"type":"mqtt","topic":"x"}}'
expect_error "subscriptions: 401 without a token" 401 unauthorized GET /api/v1/subscriptions
expect_error "subscriptions: 404 unknown id" 404 not_found GET /api/v1/subscriptions/999999 "${AUTH[@]}"
code=$(req POST /api/v1/silences "${AUTH[@]}" --data-binary '{"region":"Kharkiv","utility":"heat","for":"2h","comment":"works"}')
check "silences: POST 201, body is SilenceCreated" [ "$code" = 201 ]
check "silences: POST body matches SilenceCreated" schema SilenceCreated
sil_id=$(jb 'j["id"]')
code=$(req GET /api/v1/silences)
check "silences: GET body is SilenceList" schema SilenceList
check "silences: lists the new one" jt "any(x['id'] == $sil_id and x['comment'] == 'works' for x in j['silences'])"
expect_error "silences: 400 invalid_silence (for 10s)" 400 invalid_silence POST /api/v1/silences \
    "${AUTH[@]}" --data-binary '{"region":"UA-12","for":"10s"}'
code=$(req DELETE "/api/v1/silences/$sil_id" "${AUTH[@]}")
check "silences: DELETE body is Deleted" schema Deleted
expect_error "silences: DELETE again is 404" 404 not_found DELETE "/api/v1/silences/$sil_id" "${AUTH[@]}"
expect_error "acks: 404 for an unknown incident key" 404 not_found POST /api/v1/acks \
    "${AUTH[@]}" --data-binary '{"incident_key":"1/UA-12/power/1"}'
expect_error "acks: 400 invalid_ack without a key" 400 invalid_ack POST /api/v1/acks \
    "${AUTH[@]}" --data-binary '{}'
post '{"id":"api-gas-1","source":"web","region":"UA-46","utility":"gas","status":"outage","affected":200000}' > /dev/null
deliveries_for() {	# deliveries_for SUB: the subscription has a delivery
	[ "$(req GET "/api/v1/deliveries?subscription=$1" "${AUTH[@]}")" = 200 ] &&
	    jt 'len(j["deliveries"]) > 0'
}
check "deliveries: the gas outage made a delivery" wait_for 5 deliveries_for "$sub_id"
check "deliveries: body is DeliveryList" schema DeliveryList
code=$(req GET "/api/v1/deliveries?state=sent&limit=5" "${AUTH[@]}")
check "deliveries: state=sent body is DeliveryList" schema DeliveryList
expect_error "deliveries: 400 state=x" 400 bad_request GET "/api/v1/deliveries?state=x" "${AUTH[@]}"
code=$(req GET "/api/v1/audit?limit=10")
check "audit: body is AuditList" schema AuditList
check "audit: the silence and its end are there" \
    jt '{"silence", "unsilence", "subscribe"} <= {a["kind"] for a in j["audit"]}'
code=$(req DELETE "/api/v1/subscriptions/$sub_id" "${AUTH[@]}")
check "subscriptions: DELETE body is Deleted" schema Deleted
expect_error "events: 400 for an unknown region=" 400 not_found GET "/api/v1/events?region=Atlantis"
expect_error "events: 400 for a bad min_severity=" 400 bad_request GET "/api/v1/events?min_severity=worst"

# ---- errors -----------------------------------------------------------------------

before_n=$(sql 'select count(*) from reports')
expect_error "400: POST body not JSON" 400 invalid_json POST /api/v1/reports \
    -H "Authorization: Bearer $TOKEN" --data-binary 'not json'
expect_error "400: POST a bad field (utility sewage)" 400 invalid_field POST /api/v1/reports \
    -H "Authorization: Bearer $TOKEN" --data-binary '{"source":"web","region":"UA-12","utility":"sewage","status":"outage"}'
expect_error "400: POST a bare number" 400 invalid_payload POST /api/v1/reports \
    -H "Authorization: Bearer $TOKEN" --data-binary '42'
expect_error "400: POST an empty body" 400 invalid_json POST /api/v1/reports \
    -H "Authorization: Bearer $TOKEN"
expect_error "400: limit=0" 400 bad_request GET "/api/v1/reports?limit=0"
expect_error "400: limit=1001" 400 bad_request GET "/api/v1/alerts?limit=1001"
expect_error "400: before=x" 400 bad_request GET "/api/v1/reports?before=x"
expect_error "400: history since=garbage" 400 bad_request GET "/api/v1/regions/UA-12/history?since=garbage"
expect_error "400: history utility=sewage" 400 bad_request GET "/api/v1/regions/UA-12/history?utility=sewage"
expect_error "400: alerts state=x" 400 bad_request GET "/api/v1/alerts?state=x"

expect_error "401: POST without a token" 401 unauthorized POST /api/v1/reports --data-binary "$WATER"
check "401: WWW-Authenticate: Bearer" [ "$(hdr WWW-Authenticate)" = Bearer ]
expect_error "401: POST with a wrong token" 401 unauthorized POST /api/v1/reports \
    -H "Authorization: Bearer not-$TOKEN" --data-binary "$WATER"
check "401: WWW-Authenticate names invalid_token" \
    [ "$(hdr WWW-Authenticate)" = 'Bearer error="invalid_token"' ]
expect_error "401: POST with Basic auth" 401 unauthorized POST /api/v1/reports \
    -u "user:$TOKEN" --data-binary "$WATER"

expect_error "404: unknown region" 404 not_found GET /api/v1/regions/Atlantis
expect_error "404: unknown region's history" 404 not_found GET /api/v1/regions/Atlantis/history
expect_error "404: reports?region= unknown" 404 not_found GET "/api/v1/reports?region=Atlantis"
expect_error "404: unknown route under /api/v1" 404 not_found GET /api/v1/nope
expect_error "404: unknown route" 404 not_found GET /nope
expect_error "404: unknown route below a region" 404 not_found GET /api/v1/regions/UA-12/nope
expect_error "404: no such static file" 404 not_found GET /static/nope.js
expect_error "404: static name with a capital is refused" 404 not_found GET /static/App.js

expect_error "405: DELETE /api/v1/status" 405 method_not_allowed DELETE /api/v1/status
check "405: Allow: GET" [ "$(hdr Allow)" = GET ]
expect_error "405: PUT /api/v1/reports" 405 method_not_allowed PUT /api/v1/reports
check "405: Allow: GET, POST on /api/v1/reports" [ "$(hdr Allow)" = "GET, POST" ]
expect_error "405: POST /api/v1/regions/UA-12" 405 method_not_allowed POST /api/v1/regions/UA-12
expect_error "405: POST /healthz" 405 method_not_allowed POST /healthz
check "405: Allow: GET on /healthz" [ "$(hdr Allow)" = GET ]
expect_error "405: DELETE /metrics" 405 method_not_allowed DELETE /metrics
# a route that does not exist is 404 whatever the method (RFC 9110 15.5.6:
# 405 is for a target resource that exists)
expect_error "404: POST to an unknown route under /api/v1 (not 405)" 404 not_found POST /api/v1/nope

py -c 'import json; print(json.dumps({"id":"big-1","source":"web","region":"UA-12","utility":"power","status":"outage","text":"x" * 300000}))' > "$T/big.json"
check "413: the body is over limits.max_payload (262144)" [ "$(stat -c %s "$T/big.json")" -gt 262144 ]
expect_error "413: POST a 300000-byte report" 413 payload_too_large POST /api/v1/reports \
    -H "Authorization: Bearer $TOKEN" --data-binary "@$T/big.json"
check "413: the detail names the limit in bytes" \
    jt '"262144 bytes" in j["detail"] and "limits.max_payload" in j["detail"]'
expect_error "413: also without Content-Length (chunked)" 413 payload_too_large POST /api/v1/reports \
    -H "Authorization: Bearer $TOKEN" -H 'Transfer-Encoding: chunked' --data-binary "@$T/big.json"
check "413 (chunked): the detail names the limit in bytes" jt '"262144 bytes" in j["detail"]'
check "errors: nothing was stored by the refused requests" \
    [ "$(sql 'select count(*) from reports')" = "$before_n" ]
# the limit is inclusive: a body of exactly 262144 bytes (a report padded
# with spaces) is read, one byte more is refused
edge() {	# edge BYTES: a valid report padded to BYTES, in $T/edge.json
	py -c 'import sys; s = "{\"id\":\"edge-%s\",\"source\":\"web\",\"region\":\"UA-12\",\"utility\":\"gas\",\"status\":\"outage\"}" % sys.argv[1]; sys.stdout.write(s + " " * (int(sys.argv[1]) - len(s)))' "$1" > "$T/edge.json"
}
edge 262144
code=$(req POST /api/v1/reports -H "Authorization: Bearer $TOKEN" --data-binary "@$T/edge.json")
check "413: a body of exactly 262144 bytes is accepted" \
    [ "$code $(jb 'j.get("accepted")')" = "200 1" ]
edge 262145
expect_error "413: 262145 bytes is refused" 413 payload_too_large POST /api/v1/reports \
    -H "Authorization: Bearer $TOKEN" --data-binary "@$T/edge.json"
check "errors: daemon still running" kill -0 "$OUTAGED_PID"

# ---- the OpenAPI document against the server --------------------------------

code=$(req GET /api/v1/openapi.json)
check "openapi: served with 200 application/json" [ "$code $(hdr Content-Type)" = "200 application/json" ]
check "openapi: /api/v1/openapi.json is docs/openapi.json, byte for byte" cmp -s "$T/b" "$SPEC"
check "openapi: version 3.0.3 with a bearer security scheme" \
    jt 'j["openapi"] == "3.0.3" and j["components"]["securitySchemes"]["bearer"]["type"] == "http" and j["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"'
# (the document's structure is checked by the schema checker above; no
# external validator is needed, so nothing here depends on one)

# The routes the server answers are api.c's route table, as the unit test
# binary prints it (test_api --routes: "METHOD PATTERN" lines; HEAD is
# answered wherever GET is, and is not listed).  Then the same set from the
# document: every (method, path).
cat > "$T/routes.py" <<'PY'
import json, sys
server = {tuple(l.split()) for l in open(sys.argv[1]) if l.strip()}
spec = json.load(open(sys.argv[2]))
doc = {(meth.upper(), path) for path, ops in spec["paths"].items()
       for meth in ops if meth in ("get", "put", "post", "delete", "patch", "head", "options")}
fmt = lambda s: " ".join("%s %s" % r for r in sorted(s))
print("# route table:", fmt(server))
if server - doc:
    print("# answered but not documented:", fmt(server - doc))
if doc - server:
    print("# documented but not answered:", fmt(doc - server))
open(sys.argv[3], "w").write("\n".join("%s %s" % r for r in sorted(doc)) + "\n")
sys.exit(1 if server != doc or not server else 0)
PY
"$BUILD/tests/test_api" --routes > "$T/table-routes"
check "openapi: its (method, path) set equals api.c's route table" \
    py "$T/routes.py" "$T/table-routes" "$SPEC" "$T/doc-routes"

# every documented route answers on the live server (not 404, not 405)
while read -r m p; do
	path=${p//\{id\}/UA-12}
	path=${path//\{file\}/app.js}
	[ "$p" = "/api/v1/alerts/{id}.cap" ] && path=/api/v1/alerts/1.cap
	case "$m $p" in
	"GET /api/v1/events")
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$URL$path") ;;
	"GET /api/v1/devices/{id}")	# no such device: its own 404 shows the route
		code=$(curl -s "$URL$path" | grep -q '"no device' && echo 200 || echo 404) ;;
	"POST /api/v1/reports")	# no token: 401 shows the route is there
		code=$(req POST "$path" --data-binary '{}') ;;
	*)
		code=$(req "$m" "$path") ;;
	esac
	case $code in
	404|405|000)
		extra=
		[ "$p" = "/static/{file}" ] && [ ! -f "$ROOT/web/app.js" ] &&
		    extra=" (web/app.js does not exist)"
		fail "openapi: $m $path is answered" "HTTP $code$extra" ;;
	*)	pass "openapi: $m $path is answered (HTTP $code)" ;;
	esac
done < "$T/doc-routes"
code=$(req GET /)
check "dashboard: / is text/html" \
    py -c 'import sys; sys.exit(not sys.argv[1].startswith("text/html"))' "$(hdr Content-Type)"

# ---- /healthz follows the broker ----------------------------------------------

code=$(req GET /healthz)
check "healthz: 200 while connected" [ "$code" = 200 ]
check "healthz: body is Health, mqtt connected" \
    jt 'j == {"status": "ok", "mqtt": "connected", "database": "ok"}'
check "healthz: body matches the Health schema" schema Health
stop_broker
healthz_is() {	# healthz_is CODE
	[ "$(req GET /healthz)" = "$1" ]
}
if wait_for 5 healthz_is 503; then
	pass "healthz: 503 after the broker stops"
else
	fail "healthz: 503 after the broker stops" "$(tr -s '\n ' ' ' < "$T/b")"
fi
check "healthz: says mqtt disconnected" \
    jt 'j == {"status": "unhealthy", "mqtt": "disconnected", "database": "ok"}'
check "healthz: 503 body matches Health" schema Health
check "metrics: outaged_mqtt_connected 0 while down" [ "$(metric outaged_mqtt_connected)" = 0 ]
start_broker || exit 1
if wait_for 10 healthz_is 200; then
	pass "healthz: 200 again after the broker returns"
else
	fail "healthz: 200 again after the broker returns" "$(tr -s '\n ' ' ' < "$T/b")"
fi
check "metrics: outaged_mqtt_connected 1 again" [ "$(metric outaged_mqtt_connected)" = 1 ]

# a reader that hangs up is let go at once, not at the next ping (10 s)
check "events: one stream open before the reader leaves" \
    [ "$(metric outaged_event_stream_clients)" = 1 ]
kill "$SSE_PID" 2>/dev/null
check "events: a closed stream is let go within 2 s" \
    wait_for 2 metric_is outaged_event_stream_clients 0
exit 0
