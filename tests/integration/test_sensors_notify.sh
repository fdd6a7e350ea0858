# test_sensors_notify.sh - a device's personal alert through delivery
# (issue 14, "my home"), with the real mosquitto, a real webhook receiver
# and the device of the README: mosquitto_pub with its Last Will.
#   - a subscription naming an unknown device, or regions and a device, is
#     refused with the reason (API and outagectl);
#   - outagectl subscribe --device and POST {"device"} are listed;
#   - the device's connection dropping (kill -9: the broker sends its
#     Will) fires its subscriptions on every channel (webhook en and uk,
#     ntfy preset, mqtt), durably (episode stored), and no regional one;
#   - the episode survives kill -9 of outaged; the device reconnecting
#     resolves it with the outage's duration (en and uk texts);
#   - a subscription added while the device is dark is told at once;
#   - /metrics has the sensor counters (HELP, TYPE, values).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/deliver_lib.sh"

PY=/usr/bin/python3
FLEET=$ROOT/tests/integration/sensorfleet.py
if ! $PY -c 'import paho.mqtt.client' 2>/dev/null; then
	echo "# python3-paho-mqtt is missing (scripts/install-deps.sh)"
	fail "sensors-notify: python3-paho-mqtt installed"
	exit 1
fi

start_broker || exit 1
start_webhook wh || exit 1
DELIVERY=', "allow_private_targets": true, "retry_first": "1s",
  "connect_timeout": "1s", "timeout": "3s", "mqtt_prefix": "outages/notify"'
DEVS='{"id": "home-1", "region": "UA-63", "label": "Home"}'
for n in 0 1 2 3 4 5 6 7 8 9; do
	DEVS="$DEVS, {\"id\": \"h0$n\", \"region\": \"UA-63\"}"
done
write_config ', "alerts": { "fire": "major", "clear": "minor", "min_clear": "0s" },
  "sensors": { "grace": "5s", "window": "60s" }, "devices": ['"$DEVS"']'
start_outaged || exit 1
subscribe notify 'outages/notify/#'
subscribe alerts 'outages/alerts/#'

json_get_q() { json_get "$@" >/dev/null; }
ctl() { OUTAGED_TOKEN=$TOKEN "$OUTAGECTL" --url "$URL" "$@"; }
CH='"channel": {"type": "webhook", "url": "'"$(wh_url wh /x)"'", "secret": "'$SECRET'"}'

# ---- validation -------------------------------------------------------------
out=$(api POST /subscriptions '{"device": "nosuch", '"$CH"'}')
check "sensors-notify: an unknown device is refused (400 invalid_subscription)" \
    sh -c '[ "$1" = 400 ] && echo "$2" | grep -q "\"invalid_subscription\"" && echo "$2" | grep -q "not a registered device"' _ "$(cat "$T/api.status")" "$out"
out=$(api POST /subscriptions '{"device": "home-1", "regions": ["UA-63"], '"$CH"'}')
check "sensors-notify: regions and a device together are refused, with the reason" \
    sh -c '[ "$1" = 400 ] && echo "$2" | grep -q "regions or a device, not both"' _ "$(cat "$T/api.status")" "$out"
out=$(api POST /subscriptions '{"device": "bad/id", '"$CH"'}')
check "sensors-notify: a malformed device id is refused" \
    sh -c '[ "$1" = 400 ] && echo "$2" | grep -q "device: must be a device id"' _ "$(cat "$T/api.status")" "$out"
check "sensors-notify: outagectl subscribe --region with --device is a usage error" \
    sh -c 'OUTAGED_TOKEN=$1 "$2" --url "$3" subscribe --device home-1 --region UA-63 --mqtt x 2>"$4"; [ $? -eq 2 ] && grep -q "do not go together" "$4"' _ "$TOKEN" "$OUTAGECTL" "$URL" "$T/ctl.err"
check "sensors-notify: outagectl subscribe --device of an unknown device shows the reason" \
    sh -c '! OUTAGED_TOKEN=$1 "$2" --url "$3" subscribe --device nosuch --mqtt x 2>"$4" && grep -q "not a registered device" "$4"' _ "$TOKEN" "$OUTAGECTL" "$URL" "$T/ctl.err"

# ---- subscriptions ------------------------------------------------------------
S_EN=$(subscribe_api '{"device": "home-1", "channel": {"type": "webhook", "url": "'"$(wh_url wh /home-en)"'", "secret": "'$SECRET'"}}')
S_UK=$(ctl subscribe --device home-1 --webhook "$(wh_url wh /home-uk)" --secret "$SECRET" --lang uk)
S_NTFY=$(subscribe_api '{"device": "home-1", "lang": "uk", "channel": {"type": "webhook", "preset": "ntfy", "url": "'"$(wh_url wh /ntfy)"'", "secret": "'$SECRET'"}}')
S_MQTT=$(subscribe_api '{"device": "home-1", "channel": {"type": "mqtt", "topic": "home/1"}}')
S_REG=$(subscribe_api '{"regions": ["UA-63"], "channel": {"type": "webhook", "url": "'"$(wh_url wh /region)"'", "secret": "'$SECRET'"}}')
echo "# subscriptions: $S_EN $S_UK $S_NTFY $S_MQTT $S_REG"
check "sensors-notify: the device subscriptions were made (API and outagectl)" \
    sh -c '[ -n "$1" ] && [ -n "$2" ] && [ -n "$3" ] && [ -n "$4" ] && [ -n "$5" ]' _ "$S_EN" "$S_UK" "$S_NTFY" "$S_MQTT" "$S_REG"
out=$(api GET "/subscriptions/$S_UK")
check "sensors-notify: GET shows \"device\" and no \"regions\"" \
    json_get_q "$out" '0 if j["device"] == "home-1" and "regions" not in j and j["lang"] == "uk" else 1/0'
check "sensors-notify: outagectl subscriptions lists device:home-1" \
    sh -c 'OUTAGED_TOKEN=$1 "$2" --url "$3" subscriptions | grep -q "^ *$4 .*device:home-1"' _ "$TOKEN" "$OUTAGECTL" "$URL" "$S_EN"

# ---- the devices come up ------------------------------------------------------
$PY "$FLEET" fleet "$BROKER_PORT" outages 1 $(seq -f "h%02g" 0 9) > "$T/fleet.out" 2>&1 &
PIDS+=("$!")
disown "$!"
check "sensors-notify: ten devices of UA-63 up" wait_line "$T/fleet.out" '^up' 20
# home-1 as the README builds it: online, a heartbeat a second, the Will
home_up() {
	mosquitto_pub -p "$BROKER_PORT" -i home-1 -u home-1 -q 1 -r \
	    -t outages/sensors/home-1 -l \
	    --will-topic outages/sensors/home-1 --will-payload offline \
	    --will-qos 1 --will-retain \
	    < <(echo online; while sleep 1; do echo hb; done) 2>>"$T/home.err" &
	HOME_PID=$!
	PIDS+=("$HOME_PID")
	disown "$HOME_PID"
}
home_up
devstate() { curl -s "$URL/api/v1/devices/home-1" | $PY -c 'import json,sys; print(json.load(sys.stdin)["state"])'; }
devstate_is() { [ "$(devstate)" = "$1" ]; }
check "sensors-notify: home-1 is lit" wait_for 10 devstate_is lit
region_json() { curl -s "$URL/api/v1/devices" | $PY -c 'import json,sys; r=json.load(sys.stdin)["regions"].get("UA-63",{}); print("%s/%s" % (r.get("dark"), r.get("total")))'; }
region_is() { [ "$(region_json)" = "$1" ]; }
check "sensors-notify: UA-63: 0 of 11 dark" wait_for 10 region_is 0/11

# ---- home-1 drops: its personal alert, no regional one -----------------------
t0=$(date +%s)
t0n=$(date +%s.%N)
kill -9 "$HOME_PID"
check "sensors-notify: home-1's webhook (en) fires within grace + 5 s" \
    wait_reqs wh "$(path_event /home-en firing)" 1 10
echo "# Will to the personal alert's webhook: $(reqs wh "$(path_event /home-en firing)" | python3 -c 'import json,sys; print("%.2f s" % (json.loads(sys.stdin.readline())["t"] - float(sys.argv[1])))' "$t0n") (2 s of it settling)"
r=$(reqs wh "r['path'] == '/home-en'" | head -1)
check "sensors-notify: ... signed, the device's JSON and English text" python3 -c '
import json, sys
r = json.loads(sys.argv[1]); b = json.loads(r["body"])
ok = (r["sig"] == "ok" and b["event"] == "firing" and b["device"] == "home-1"
      and b["label"] == "Home" and b["region"] == "UA-63" and b["utility"] == "power"
      and b["incident_key"].startswith("device/home-1/")
      and b["text"].startswith("🔌 Home: no power (") and b["title"] == "Power off: Home")
sys.exit(not ok)' "$r"
check "sensors-notify: the uk webhook fires in Ukrainian" \
    wait_reqs wh "r['path'] == '/home-uk' and 'Home: світла немає' in json.loads(r['body'])['text']" 1 5
check "sensors-notify: the ntfy preset fires (uk text, title)" \
    wait_reqs wh "r['path'] == '/ntfy' and 'світла немає' in r['body'] and r['headers'].get('title')" 1 5
check "sensors-notify: the mqtt channel fires" \
    wait_line "$T/notify.sub" '^outages/notify/home/1 .*"event":"firing".*"device":"home-1"' 5
check "sensors-notify: the MQTT personal alert topic fires too" \
    wait_line "$T/alerts.sub" '^outages/alerts/sensors/home-1 .*"event":"firing"' 5
check "sensors-notify: the episodes are stored (4, one per subscription)" \
    wait_sql "SELECT count(*) FROM sub_episodes WHERE incident_key LIKE 'device/home-1/%' AND firing = 1" 4
check "sensors-notify: four firing deliveries stored" \
    wait_sql "SELECT count(*) FROM deliveries WHERE incident_key LIKE 'device/home-1/%' AND event = 'firing'" 4
sleep 2
check "sensors-notify: UA-63: 1 of 11 dark, no sensed outage" region_is 1/11
check "sensors-notify: no regional notification for one device" \
    test "$(nreqs wh "r['path'] == '/region'")" = 0
check "sensors-notify: no regional alert for UA-63" \
    test "$(grep -c '^outages/alerts/power/UA/UA-63' "$T/alerts.sub")" = 0
check "sensors-notify: outagectl status shows the sensed figure (1 of 11 dark)" \
    sh -c '"$1" --url "$2" status UA-63 | grep -q "^Sensors UA-63: 1 of 11 dark$"' _ "$OUTAGECTL" "$URL"
check "sensors-notify: the dark device is listed as dark (GET /api/v1/devices?region=)" \
    sh -c 'curl -s "$1/api/v1/devices?region=UA-63" | python3 -c "import json,sys; j=json.load(sys.stdin); sys.exit(not ([d[\"id\"] for d in j[\"devices\"] if d[\"state\"] == \"dark\"] == [\"home-1\"] and j[\"regions\"][\"UA-63\"][\"dark\"] == 1))"' _ "$URL"
check "sensors-notify: each subscription told once" \
    test "$(nreqs wh "r['path'] == '/home-en'")" = 1

# ---- joining while dark, and a restart in between ------------------------------
S_LATE=$(subscribe_api '{"device": "home-1", "channel": {"type": "webhook", "url": "'"$(wh_url wh /late)"'", "secret": "'$SECRET'"}}')
check "sensors-notify: a subscription made while the device is dark is told at once" \
    wait_reqs wh "$(path_event /late firing)" 1 5
kill -9 "$OUTAGED_PID"
gone "$OUTAGED_PID"
start_outaged || exit 1
check "sensors-notify: after kill -9 and restart the episodes are there" \
    sql_is "SELECT count(*) FROM sub_episodes WHERE incident_key LIKE 'device/home-1/%'" 5
check "sensors-notify: ... and nothing fired twice" \
    test "$(nreqs wh "$(path_event /home-en firing)")" = 1
ctl unsubscribe "$S_MQTT" >/dev/null
check "sensors-notify: a subscription removed while firing is gone from the list" \
    sh -c '! OUTAGED_TOKEN=$1 "$2" --url "$3" subscriptions | grep -q "^ *$4 "' _ "$TOKEN" "$OUTAGECTL" "$URL" "$S_MQTT"

# ---- home-1 is back: resolved with the duration ------------------------------
sleep 1
home_up
check "sensors-notify: home-1's webhook (en) resolves" \
    wait_reqs wh "$(path_event /home-en resolved)" 1 10
dur=$(( $(date +%s) - t0 ))
r=$(reqs wh "$(path_event /home-en resolved)" | head -1)
check "sensors-notify: ... with the outage's duration (payload and text)" python3 -c '
import json, sys
b = json.loads(json.loads(sys.argv[1])["body"])
d = b["duration_s"]
ok = (b["device"] == "home-1" and b["status"] == "restored"
      and int(sys.argv[2]) - 4 <= d <= int(sys.argv[2]) + 1
      and b["text"].startswith("✅ Home: power is back after ")
      and b["title"] == "Power back: Home")
print("# duration_s", d, "text", b["text"])
sys.exit(not ok)' "$r" "$dur"
check "sensors-notify: the uk resolution says світло повернулося через" \
    wait_reqs wh "r['path'] == '/home-uk' and 'світло повернулося через' in json.loads(r['body'])['text']" 1 5
check "sensors-notify: the ntfy preset resolves" \
    wait_reqs wh "r['path'] == '/ntfy' and 'світло повернулося' in r['body']" 1 5
check "sensors-notify: the late subscription resolves too" \
    wait_reqs wh "$(path_event /late resolved)" 1 5
check "sensors-notify: the removed subscription still gets the resolution it was owed" \
    wait_line "$T/notify.sub" '^outages/notify/home/1 .*"event":"resolved"' 5
check "sensors-notify: the episodes are closed" \
    wait_sql "SELECT count(*) FROM sub_episodes WHERE incident_key LIKE 'device/home-1/%'" 0
check "sensors-notify: every delivery sent" \
    wait_sql "SELECT count(*) FROM deliveries WHERE incident_key LIKE 'device/home-1/%' AND state != 'sent'" 0 10
check "sensors-notify: still no regional notification" \
    test "$(nreqs wh "r['path'] == '/region'")" = 0

# ---- a device removed while dark: its episode closes, a new one starts afresh
tmp_cycle() {	# register tmp-1, light it, its Will: dark
	api POST /devices '{"id": "tmp-1", "region": "UA-63"}' >/dev/null
	pub outages/sensors/tmp-1 online
	sleep 0.3
	pub outages/sensors/tmp-1 offline
}
tmp_cycle
S_TMP=$(subscribe_api '{"device": "tmp-1", "channel": {"type": "webhook", "url": "'"$(wh_url wh /tmp)"'", "secret": "'$SECRET'"}}')
check "sensors-notify: tmp-1's subscription fires" wait_reqs wh "$(path_event /tmp firing)" 1 10
api DELETE /devices/tmp-1 >/dev/null
check "sensors-notify: removing a dark device closes its episode" \
    wait_sql "SELECT count(*) FROM sub_episodes WHERE incident_key LIKE 'device/tmp-1/%'" 0
tmp_cycle
check "sensors-notify: registered again, its next drop fires again" \
    wait_reqs wh "$(path_event /tmp firing)" 2 10
api DELETE /devices/tmp-1 >/dev/null
check "sensors-notify: ... and no resolution was invented" \
    test "$(nreqs wh "$(path_event /tmp resolved)")" = 0
ctl unsubscribe "$S_TMP" >/dev/null

# ---- /metrics -------------------------------------------------------------------
pub outages/sensors/stranger hb
pub 'outages/sensors/bad id' hb
metrics() { curl -s "$URL/metrics"; }
mline() { metrics | grep -E "^$1 " | awk '{print $2}'; }
mline_is() { [ "$(mline "$1")" = "$2" ]; }
check "sensors-notify: metrics: devices registered" mline_is outaged_sensors_devices 11
check "sensors-notify: metrics: 11 lit" \
    wait_for 5 mline_is 'outaged_sensors_devices_state\{state="lit"\}' 11
check "sensors-notify: metrics: 0 dark" \
    mline_is 'outaged_sensors_devices_state\{state="dark"\}' 0
check "sensors-notify: metrics: refused by reason (unknown_device)" \
    wait_for 5 mline_is 'outaged_sensors_refused_total\{reason="unknown_device"\}' 1
check "sensors-notify: metrics: refused by reason (invalid_topic)" \
    wait_for 5 mline_is 'outaged_sensors_refused_total\{reason="invalid_topic"\}' 1
check "sensors-notify: metrics: transitions counted since the restart" \
    sh -c '[ "$1" -ge 1 ]' _ "$(mline outaged_sensors_transitions_total)"
check "sensors-notify: metrics: every sensor metric has HELP and TYPE" python3 -c '
import re, sys
text = sys.argv[1]
names = set(re.findall(r"^(outaged_sensors_[a-z_]+)", text, re.M))
ok = len(names) >= 7 and all(("# HELP %s " % n) in text and ("# TYPE %s " % n) in text for n in names)
sys.exit(not ok)' "$(metrics)"
check "sensors-notify: outaged still running" kill -0 "$OUTAGED_PID"
[ "$FAILS" -eq 0 ]
