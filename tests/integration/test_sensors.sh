# test_sensors.sh - devices whose silence is a measured outage (issue 14),
# against the real mosquitto with a fleet of simulated devices (Debian's
# python3-paho-mqtt), each with its Last Will:
#   - 200 devices across 5 regions come up lit; the status shows sensors;
#   - killing 60 % of one region's devices without DISCONNECT (kill -9 of
#     their process: the broker sends their Wills) raises that region's
#     sensed outage and its alert within grace + 5 s; reconnecting them
#     resolves it;
#   - one device dropping fires its personal alert and no regional one,
#     and its return resolves it with the outage's duration;
#   - an unregistered device is refused (unknown_device) and counted;
#   - kill -9 of outaged during a transition loses no state change;
#   - the broker going away (outaged's own connection down) is no outage;
#   - a burst of 10,000 heartbeats from 10,000 devices is absorbed with
#     the figures right, and their silence then makes a sensed outage.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
FLEET=$ROOT/tests/integration/sensorfleet.py
if ! $PY -c 'import paho.mqtt.client' 2>/dev/null; then
	echo "# python3-paho-mqtt is missing (scripts/install-deps.sh)"
	fail "sensors: python3-paho-mqtt installed"
	exit 1
fi

REGIONS="UA-12 UA-63 UA-51 UA-46 UA-32"
BURST=10000
$PY - "$T/devices.json" $REGIONS <<'EOF'
import json, sys
devs = []
for k, r in enumerate(sys.argv[2:]):
    for n in range(40):
        devs.append({"id": "r%d-d%02d" % (k, n), "region": r,
                     "group": str(n % 3 + 1), "label": "%s home %d" % (r, n)})
for n in range(10000):
    devs.append({"id": "b%d" % n, "region": "UA-21"})
json.dump(devs, open(sys.argv[1], "w"))
EOF

start_broker || exit 1
write_config ", \"sensors\": { \"grace\": \"5s\", \"window\": \"60s\" },
  \"devices\": $(cat "$T/devices.json")"
start_outaged || exit 1
subscribe alerts 'outages/alerts/#'
subscribe rejected 'outages/rejected/#'

# fleet NAME IDS...: a process of devices, killed with kill -9
fleet() {
	local name=$1
	shift
	$PY "$FLEET" fleet "$BROKER_PORT" outages 2 "$@" > "$T/fleet-$name.out" 2>&1 &
	eval "FLEET_$name=$!"
	PIDS+=("$!")
	disown "$!"
	wait_line "$T/fleet-$name.out" '^up' 20
}
ids() {	# ids REGION-INDEX FROM TO
	seq -f "r$1-d%02g" "$2" "$3"
}
# sensed REGION: "dark/total" of the region's devices (GET /api/v1/devices)
sensed() {
	curl -s "$URL/api/v1/devices" | $PY -c 'import json,sys
r=json.load(sys.stdin)["regions"].get(sys.argv[1], {})
print("%s/%s" % (r.get("dark"), r.get("total")))' "$1"
}
sensed_is() { [ "$(sensed "$1")" = "$2" ]; }
# power REGION EXPR: an expression over the region's power figure
power() {
	curl -s "$URL/api/v1/regions/$1" | $PY -c 'import json,sys
f=json.load(sys.stdin)["utilities"]["power"]; print(eval(sys.argv[1]))' "$2"
}
power_is() { [ "$(power "$1" "$2")" = "$3" ]; }
alert_lines() {	# alert_lines REGEX: how many alert lines match
	grep -cE "$1" "$T/alerts.sub" 2>/dev/null || true
}

# ---- the fleet comes up ---------------------------------------------------
t0=$(date +%s)
check "sensors: fleet A (24 of UA-12's devices) up" fleet A $(ids 0 0 23)
check "sensors: fleet A2 (the other 16 of UA-12) up" fleet A2 $(ids 0 24 39)
check "sensors: single device r1-d00 (UA-63) up" fleet S r1-d00
check "sensors: the rest of UA-63 up" fleet B $(ids 1 1 39)
check "sensors: UA-51, UA-46, UA-32 up" fleet C $(ids 2 0 39) $(ids 3 0 39) $(ids 4 0 39)
echo "# 200 devices connected in $(($(date +%s) - t0)) s"
for r in $REGIONS; do
	check "sensors: $r: 0 of 40 dark" wait_for 10 sensed_is "$r" 0/40
done
check "sensors: UA-12's status shows sensors 0 of 40, restored" \
    wait_for 5 power_is UA-12 '"%s %s/%s" % (f["status"], f["sensors"]["dark"], f["sensors"]["total"])' "restored 0/40"
check "sensors: UA-21 (no device heard yet) has no sensors and coverage unknown" \
    power_is UA-21 '"%s %s" % (f.get("coverage", f["status"]), "sensors" in f)' "unknown False"
check "sensors: per group counts (UA-12 group 1: 14 devices)" \
    test "$(curl -s "$URL/api/v1/devices" | $PY -c 'import json,sys; print(json.load(sys.stdin)["regions"]["UA-12"]["groups"]["1"]["total"])')" = 14

# ---- outagectl device add|list|remove, and status ------------------------
ctl() { OUTAGED_TOKEN=$TOKEN "$OUTAGECTL" --url "$URL" "$@"; }
check "sensors: outagectl device add" \
    sh -c "OUTAGED_TOKEN=$TOKEN '$OUTAGECTL' --url '$URL' device add home-1 'Kharkiv city' 2 'my flat' | grep -q 'home-1 registered in UA-63:kharkiv'"
check "sensors: outagectl device list shows it" sh -c "OUTAGED_TOKEN=$TOKEN '$OUTAGECTL' --url '$URL' device list | grep -q '^home-1 .*UA-63:kharkiv'"
check "sensors: a configured device cannot be removed through the API (409)" \
    test "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: Bearer $TOKEN" "$URL/api/v1/devices/r0-d00")" = 409
check "sensors: a bad id is refused (400)" \
    test "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -d '{"id":"a/b","region":"UA-12"}' "$URL/api/v1/devices")" = 400
check "sensors: outagectl device remove" ctl device remove home-1
check "sensors: ... it is gone" test "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/devices/home-1")" = 404
check "sensors: outagectl status shows sensors per region" \
    sh -c "'$OUTAGECTL' --url '$URL' status UA-12 | grep -q '^Sensors UA-12: 0 of 40 dark'"

# ---- 60 % of UA-12's devices vanish without DISCONNECT --------------------
t0=$(date +%s.%N)
kill -9 "$FLEET_A"
check "sensors: UA-12: its regional alert fires within grace + 5 s" \
    wait_line "$T/alerts.sub" '^outages/alerts/power/UA/UA-12 .*"event":"firing"' 10
t1=$(date +%s.%N)
echo "# Wills to the regional alert: $($PY -c "print(round($t1 - $t0, 2))") s (grace 5 s)"
check "sensors: UA-12: 24 of 40 dark" wait_for 5 sensed_is UA-12 24/40
check "sensors: UA-12: the figure is the sensed share of households (60 % of 1,301,000)" \
    power_is UA-12 '"%s %s %s %s" % (f["status"], f["affected"], f["severity"], f["sensors"])' \
    "outage 780600 critical {'dark': 24, 'total': 40}"
check "sensors: each dark device fired its personal alert" \
    wait_for 5 test "$(alert_lines '^outages/alerts/sensors/r0-d[0-9]+ .*"event":"firing"')" = 24
check "sensors: the transitions are stored" \
    wait_sql "SELECT count(*) FROM devices WHERE id LIKE 'r0-%' AND state = 'dark'" 24

# a report of the same households outranks the sensors' figure, never adds
pub outages/reports/dtek '{"id":"s-1","source":"dtek","region":"UA-12","utility":"power","status":"outage","affected":500000,"unit":"households"}'
check "sensors: a direct report wins over the sensed figure (no sum)" \
    wait_for 5 power_is UA-12 'f["affected"]' 500000
pub outages/reports/dtek '{"id":"s-2","source":"dtek","region":"UA-12","utility":"power","status":"restored"}'
check "sensors: ... and its restoration stands for the region" \
    wait_for 5 power_is UA-12 'f["status"]' restored
# the report had the last word; the sensors speak again on their next change

# ---- they come back -------------------------------------------------------
check "sensors: fleet A reconnects" fleet A $(ids 0 0 23)
check "sensors: UA-12: 0 of 40 dark again" wait_for 10 sensed_is UA-12 0/40
check "sensors: UA-12: the regional alert resolves" \
    wait_line "$T/alerts.sub" '^outages/alerts/power/UA/UA-12 .*"event":"resolved"' 10
check "sensors: personal alerts resolve with the outage's duration" \
    wait_for 5 test "$(alert_lines '^outages/alerts/sensors/r0-d[0-9]+ .*"event":"resolved".*"duration_s"')" = 24

# ---- one device drops: personal alert, no regional one --------------------
kill -9 "$FLEET_S"
check "sensors: r1-d00's personal alert fires" \
    wait_line "$T/alerts.sub" '^outages/alerts/sensors/r1-d00 .*"event":"firing"' 10
sleep 1
check "sensors: UA-63: 1 of 40 dark, no sensed outage" sensed_is UA-63 1/40
check "sensors: UA-63: no regional alert" test "$(alert_lines '^outages/alerts/power/UA/UA-63')" = 0
check "sensors: UA-63 stays restored" power_is UA-63 'f["status"]' restored
sleep 1
check "sensors: r1-d00 comes back" fleet S r1-d00
check "sensors: r1-d00's alert resolves with its duration" \
    wait_line "$T/alerts.sub" '^outages/alerts/sensors/r1-d00 .*"event":"resolved".*"duration":"[0-9]+s"' 10

# ---- an unregistered device -----------------------------------------------
pub outages/sensors/stranger hb
check "sensors: an unregistered device is refused with a reason" \
    wait_line "$T/rejected.sub" '^outages/rejected/stranger .*"error":"unknown_device"' 5
check "sensors: ... and counted" \
    wait_sql "SELECT count(*) FROM rejections WHERE reason = 'unknown_device'" 1

# ---- kill -9 during a transition ------------------------------------------
kill -9 "$FLEET_A"
sleep 0.15
kill -9 "$OUTAGED_PID"
gone "$OUTAGED_PID"
start_outaged || exit 1
check "sensors: after kill -9 and restart no state change is lost (24 of 40 dark)" \
    wait_for 10 sensed_is UA-12 24/40
check "sensors: ... each one stored once with its event" \
    wait_sql "SELECT count(DISTINCT device) FROM device_events WHERE device LIKE 'r0-%' AND state = 'dark' AND at > (SELECT max(at) FROM device_events WHERE device LIKE 'r0-%' AND state = 'lit')" 24 10
# (dtek's restoration, of higher priority, still stands for the figure)
check "sensors: UA-12's sensed outage stands after the restart" \
    wait_for 5 power_is UA-12 '"%s %s" % (f["sensors"], [c["status"] for c in f["claims"] if c["source"] == "sensors"])' "{'dark': 24, 'total': 40} ['outage']"
check "sensors: fleet A reconnects after the restart" fleet A $(ids 0 0 23)
check "sensors: UA-12 lit again" wait_for 10 sensed_is UA-12 0/40

# ---- outaged's own connection down is no outage ---------------------------
before=$(alert_lines '"event":"firing"')
stop_broker
sleep 7		# longer than grace: every device is silent meanwhile
start_broker || exit 1
subscribe alerts2 'outages/alerts/#'
check "sensors: after the broker is back the fleet is lit again" \
    wait_for 15 sensed_is UA-46 0/40
sleep 2
check "sensors: no device went dark from silence while outaged was cut off" \
    test "$(sql "SELECT count(*) FROM device_events WHERE cause = 'silence'")" = 0
check "sensors: no regional alert from the broker's absence" \
    test "$(grep -c '"event":"firing"' "$T/alerts2.sub")" = 0

# ---- a burst of 10,000 heartbeats from 10,000 devices ---------------------
el=$($PY "$FLEET" burst "$BROKER_PORT" outages b "$BURST")
t0=$(date +%s.%N)
check "sensors: burst: 10,000 devices lit (figures right)" wait_for 30 sensed_is UA-21 "0/$BURST"
t1=$(date +%s.%N)
echo "# burst of $BURST heartbeats: published in $el s, absorbed $($PY -c "print(round($t1 - $t0, 2))") s later"
check "sensors: burst: 10,000 transitions stored" \
    wait_sql "SELECT count(*) FROM devices WHERE id LIKE 'b%' AND state = 'lit'" "$BURST" 10
check "sensors: burst: their silence past grace is a sensed outage of UA-21" \
    wait_for 15 power_is UA-21 '"%s %s" % (f["status"], f["sensors"])' "outage {'dark': $BURST, 'total': $BURST}"
check "sensors: UA-12 unaffected by the burst" sensed_is UA-12 0/40
check "sensors: outaged still running" kill -0 "$OUTAGED_PID"
[ "$FAILS" -eq 0 ]
