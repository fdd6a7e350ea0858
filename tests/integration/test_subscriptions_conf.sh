# test_subscriptions_conf.sh - subscriptions in the configuration file:
# checked against the region packs at start, at --check-config and at
# reload, each refusal at file:line:col; the good ones route like stored
# ones (ids -1, -2, ...) and cannot be deleted through the API.
. "$(dirname "$0")/lib.sh"

start_broker || exit 1
SUBS=', "subscriptions": [
    {"regions": ["UA-12"], "utilities": ["power"],
     "channel": {"type": "mqtt", "topic": "ops/dnipro"}}]'
DELIVERY=', "mqtt_prefix": "outages/notify"'
write_config "$SUBS"

# a bad one: --check-config and a start both refuse it, naming the place
sed 's/"UA-12"/"Atlantis"/' "$T/outaged.json" > "$T/bad.json"
out=$("$OUTAGED" -n -c "$T/bad.json" 2>&1 >/dev/null); rc=$?
check "conf: an unknown region in a subscription fails --check-config (exit 1)" [ "$rc" = 1 ]
check "conf: ... at file:line:col with the field" \
    grep -qE "bad.json:[0-9]+:[0-9]+: subscriptions\[0\]: regions\[0\]: unknown region \"Atlantis\"" <<< "$out"
"$OUTAGED" -c "$T/bad.json" > "$T/bad.log" 2>&1; rc=$?
check "conf: ... and the daemon does not start with it (exit 1)" [ "$rc" = 1 ]

start_outaged || exit 1
list=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/subscriptions")
check "conf: the file's subscription is listed with id -1" \
    python3 -c 'import json,sys; s=json.loads(sys.argv[1])["subscriptions"]; sys.exit(not (len(s)==1 and s[0]["id"]==-1 and s[0]["regions"]==["UA-12"]))' "$list"
code=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: Bearer $TOKEN" "$URL/api/v1/subscriptions/-1")
check "conf: ... and is not deleted through the API (409: remove it from the file)" [ "$code" = 409 ]

# it routes: a UA-12 power outage reaches ops/dnipro under the prefix
subscribe notify 'outages/notify/#'
pub outages/reports/dtek '{"id":"c-1","source":"dtek","region":"UA-12","utility":"power","status":"outage","affected":600000,"unit":"households"}'
check "conf: the file's subscription is notified on outages/notify/ops/dnipro" \
    wait_line "$T/notify.sub" '^outages/notify/ops/dnipro .*"event":"firing"'

# reload with a bad subscription keeps the running configuration
cp "$T/bad.json" "$T/outaged.json"
kill -HUP "$OUTAGED_PID"
check "conf: a reload with a bad subscription is refused at file:line:col" \
    wait_line "$T/outaged.log" 'reload: .*outaged.json:[0-9]+:[0-9]+: subscriptions\[0\].*keeping the running configuration'
list=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/subscriptions")
check "conf: ... and the running subscription stays" \
    python3 -c 'import json,sys; s=json.loads(sys.argv[1])["subscriptions"]; sys.exit(not (len(s)==1 and s[0]["regions"]==["UA-12"]))' "$list"

[ "$FAILS" -eq 0 ]
