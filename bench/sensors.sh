#!/bin/bash
# bench/sensors.sh - sensing devices (issue 14), for bench/table.sh (runs
# alone too).  A real mosquitto on a free loopback port, the real outaged
# with DEVICES (10,000) registered devices in its configuration (written to
# the database at start), grace 10 minutes (no device goes dark from
# silence during the benchmark):
#   heartbeats  RUNS (3) runs, each with a fresh database:
#               first   one heartbeat from each of the DEVICES devices,
#                       never heard before: each a transition to lit,
#                       stored (devices row and device_events row) and
#                       committed before its PUBACK; done when the
#                       database holds all DEVICES lit;
#               steady  ROUNDS (10) more heartbeats from each (lit
#                       already: last_seen in memory, the pass committed
#                       and acked as any); done when outaged's
#                       outaged_mqtt_messages_total (/metrics) has them all;
#               baseline  the broker alone passing the same steady
#                       heartbeats to mosquitto_sub, in the same run.
#               Heartbeats published by build/mqtt_lat pub (one
#               connection, each on <prefix>/sensors/<device>, QoS 1,
#               INFLIGHT unacknowledged at most).  outaged's CPU (user +
#               system, /proc/PID/stat) over each phase: µs per heartbeat,
#               and the share of one core that 100,000 devices at one
#               heartbeat a minute would take (CPU s per steady heartbeat
#               x 100,000 / 60).
#   Will        TRIALS (10) regions, each with 10 devices
#               (tests/integration/sensorfleet.py: one MQTT connection
#               each, Last Will "offline"), quorum 3 devices and 50 %:
#               6 of a region's devices are killed at once (kill -9 of
#               their process: no DISCONNECT, the broker sends their
#               Wills); from the kill to the region's regional alert
#               ("event":"firing" on <prefix>/alerts/power/...) at a
#               subscriber, p50/p99/max over the trials; the broker's
#               part (kill to the last of the 6 Wills at the same
#               subscriber) is the baseline.  outaged lets a Will settle
#               for 2 s with its own connection up before it counts
#               (a broker shutting down sends every Will): that is the
#               floor of the figure.
# Prints its figures, then "row KEY VALUE" lines for bench/table.sh.
# Bounded: at most 5 minutes (under timeout(1)); every process it starts is
# stopped on exit (tests/integration/lib.sh's cleanup).
set -u
# bounded: the script runs again under timeout(1), whose SIGTERM at 300 s
# runs the EXIT trap (cleanup), so nothing it started outlives it
if [ -z "${BENCH_BOUNDED:-}" ]; then
	BENCH_BOUNDED=1 exec timeout -k 10 300 "$0" "$@"
fi
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
RUNS=${RUNS:-3}
DEVICES=${DEVICES:-10000}
ROUNDS=${ROUNDS:-10}
TRIALS=${TRIALS:-10}
INFLIGHT=${INFLIGHT:-100}
if [ -n "${QUICK:-}" ]; then
	RUNS=1 DEVICES=2000 ROUNDS=2 TRIALS=3
fi
. tests/integration/lib.sh
rmdir "$T"
T=$(mktemp -d /tmp/outaged-bench-sensors.XXXXXX)
trap cleanup EXIT
START=$SECONDS
PY=/usr/bin/python3
FLEET=tests/integration/sensorfleet.py
$PY -c 'import paho.mqtt.client' 2>/dev/null || {
	echo "sensors.sh: python3-paho-mqtt is missing (scripts/install-deps.sh)" >&2
	exit 1
}

R=$T/results
: > "$R"
put() { echo "$1 $2" >> "$R"; }
. bench/lib.sh
HZ=$(getconf CLK_TCK)
messages() {
	curl -s "$URL/metrics" | awk '$1 == "outaged_mqtt_messages_total" {print int($2)}'
}
lit() { sql "SELECT count(*) FROM devices WHERE id LIKE 'h%' AND state = 'lit'"; }
wait_count() {	# wait_count FUNCTION TARGET SECONDS
	local t=$SECONDS v
	while :; do
		v=$($1)
		[ "${v:-0}" -ge "$2" ] && return 0
		[ $((SECONDS - t)) -ge "$3" ] && return 1
		sleep 0.05
	done
}

# heartbeat devices h0.. over ten states; each trial's ten devices in an
# oblast of its own (households: a sensed share makes a severity)
TRIAL_REGIONS=(UA-05 UA-07 UA-12 UA-14 UA-18 UA-21 UA-23 UA-26 UA-32 UA-35
    UA-46 UA-48 UA-51 UA-53 UA-56 UA-59 UA-61 UA-63 UA-65 UA-68)
[ "$TRIALS" -le ${#TRIAL_REGIONS[@]} ] || TRIALS=${#TRIAL_REGIONS[@]}
$PY - "$T" "$DEVICES" "$ROUNDS" "$TRIALS" "${TRIAL_REGIONS[@]}" <<'EOF'
import json, sys
t, n, rounds, trials = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
regions = sys.argv[5:5 + trials]
states = ["US-TX", "US-CA", "US-FL", "US-NY", "US-PA", "US-OH", "US-GA",
          "US-NC", "US-MI", "US-IL"]
devs = [{"id": "h%d" % i, "region": states[i % 10]} for i in range(n)]
for k, r in enumerate(regions):
    devs += [{"id": "w%dd%d" % (k, i), "region": r, "label": "trial %d" % k}
             for i in range(10)]
json.dump(devs, open(t + "/devices.json", "w"))
with open(t + "/first.txt", "w") as f:
    for i in range(n):
        f.write("outages/sensors/h%d hb\n" % i)
with open(t + "/steady.txt", "w") as f:
    for _ in range(rounds):
        for i in range(n):
            f.write("outages/sensors/h%d hb\n" % i)
with open(t + "/raw.txt", "w") as f:
    for _ in range(rounds):
        for i in range(n):
            f.write("bench/raw/h%d hb\n" % i)
EOF
start_broker "set_tcp_nodelay true" > /dev/null || exit 1
write_config ", \"sensors\": { \"grace\": \"10m\", \"window\": \"5m\",
  \"quorum_count\": 3, \"quorum_percent\": 50 },
  \"devices\": $(cat "$T/devices.json")"
fresh_outaged() {
	[ -n "$OUTAGED_PID" ] && stop_outaged
	rm -f "$T/outaged.db"* "$T/outaged.log"
	start_outaged > /dev/null
}
STEADY=$((DEVICES * ROUNDS))

# ---- heartbeats ------------------------------------------------------------
for run in $(seq "$RUNS"); do
	note "heartbeats: run $run of $RUNS ($DEVICES devices, then $STEADY heartbeats)"
	# the broker alone: the steady heartbeats to one subscriber
	mosquitto_sub -p "$BROKER_PORT" -q 1 -C "$STEADY" -t 'bench/raw/#' > /dev/null &
	sub=$!
	PIDS+=("$sub")
	sleep 0.3
	t0=$(now)
	"$BUILD/mqtt_lat" pub "$BROKER_PORT" - "$T/raw.txt" "$INFLIGHT" > /dev/null
	timeout 120 tail -s 0.01 --pid="$sub" -f /dev/null
	put broker_s "$($PY -c "print($(now) - $t0)")"

	fresh_outaged || exit 1
	read -r u0 s0 <<< "$(ticks "$OUTAGED_PID")"
	t0=$(now)
	"$BUILD/mqtt_lat" pub "$BROKER_PORT" - "$T/first.txt" "$INFLIGHT" > /dev/null
	wait_count lit "$DEVICES" 120 || note "first heartbeats: not all lit"
	t1=$(now)
	sleep 0.1	# the last pass
	read -r u1 s1 <<< "$(ticks "$OUTAGED_PID")"
	put first_s "$($PY -c "print($t1 - $t0)")"
	put first_us "$($PY -c "print(($u1 + $s1 - $u0 - $s0) / $HZ / $DEVICES * 1e6)")"

	m0=$(messages)
	read -r u0 s0 <<< "$(ticks "$OUTAGED_PID")"
	t0=$(now)
	"$BUILD/mqtt_lat" pub "$BROKER_PORT" - "$T/steady.txt" "$INFLIGHT" > /dev/null
	wait_count messages $((m0 + STEADY)) 120 || note "steady heartbeats: not all counted"
	t1=$(now)
	sleep 0.1
	read -r u1 s1 <<< "$(ticks "$OUTAGED_PID")"
	put steady_s "$($PY -c "print($t1 - $t0)")"
	put steady_user_us "$($PY -c "print(($u1 - $u0) / $HZ / $STEADY * 1e6)")"
	put steady_sys_us "$($PY -c "print(($s1 - $s0) / $HZ / $STEADY * 1e6)")"
	put rss_kb "$(awk '/VmHWM/ {print $2}' "/proc/$OUTAGED_PID/status")"
done

# ---- Will to regional alert ------------------------------------------------
note "Will to regional alert: $TRIALS trials"
fresh_outaged || exit 1
mosquitto_sub -p "$BROKER_PORT" -q 1 -F '%U %t %p' \
    -t 'outages/alerts/power/#' -t 'outages/sensors/+' > "$T/watch.out" 2>/dev/null &
PIDS+=("$!")
stay=()
FLEETS=()
for k in $(seq 0 $((TRIALS - 1))); do
	stay+=("w${k}d6" "w${k}d7" "w${k}d8" "w${k}d9")
	$PY "$FLEET" fleet "$BROKER_PORT" outages 30 $(seq -f "w${k}d%g" 0 5) \
	    > "$T/fleet-$k.out" 2>&1 &
	FLEETS+=("$!")
	PIDS+=("$!")
	disown "$!"
done
$PY "$FLEET" fleet "$BROKER_PORT" outages 30 "${stay[@]}" > "$T/fleet-stay.out" 2>&1 &
PIDS+=("$!")
disown "$!"
for k in $(seq 0 $((TRIALS - 1))) stay; do
	wait_line "$T/fleet-$k.out" '^up' 60 || note "fleet $k not up"
done
lit_w() { sql "SELECT count(*) FROM devices WHERE id LIKE 'w%' AND state = 'lit'"; }
wait_count lit_w $((TRIALS * 10)) 30 || note "trial devices: not all lit"
sleep 1
for k in $(seq 0 $((TRIALS - 1))); do
	region=${TRIAL_REGIONS[$k]}
	tk=$(now)
	kill -9 "${FLEETS[$k]}"
	if wait_line "$T/watch.out" "^[0-9.]* outages/alerts/power/[A-Z]*/$region .*\"event\":\"firing\"" 20; then
		ta=$(awk -v r="$region" '$2 ~ ("/" r "$") && /"event":"firing"/ {print $1; exit}' "$T/watch.out")
		tw=$(awk -v k="w${k}d" '$2 ~ ("/sensors/" k "[0-5]$") && $3 == "offline" {t = $1} END {print t}' "$T/watch.out")
		put will_alert_ms "$($PY -c "print(($ta - $tk) * 1e3)")"
		[ -n "$tw" ] && put will_broker_ms "$($PY -c "print(($tw - $tk) * 1e3)")"
	else
		note "trial $k ($region): no regional alert within 20 s"
	fi
	sleep 0.3
done

note "done"
$PY - "$R" "$RUNS" "$DEVICES" "$STEADY" "$TRIALS" "$((SECONDS - START))" <<'EOF'
import statistics, sys
from collections import defaultdict
res = defaultdict(list)
for line in open(sys.argv[1]):
    k, _, v = line.strip().partition(" ")
    res[k].append(float(v))
runs, n, steady, trials, secs = map(int, sys.argv[2:7])
med = lambda k: statistics.median(res[k]) if res[k] else 0.0
def pct(k, p):
    v = sorted(res[k])
    return v[min(len(v) - 1, int(len(v) * p))] if v else 0.0
b, f, s = med("broker_s"), med("first_s"), med("steady_s")
u, y = med("steady_user_us"), med("steady_sys_us")
core = (u + y) / 1e6 * 100000 / 60 * 100
print(f"sensing devices: medians of {runs} runs, {secs} s in all")
print(f"  first heartbeat of {n:,} devices (each a stored transition): "
      f"{n / f if f else 0:,.0f}/s, {med('first_us'):.1f} us CPU each")
print(f"  steady heartbeats, {steady:,}: {steady / s if s else 0:,.0f}/s "
      f"(broker alone {steady / b if b else 0:,.0f}/s), "
      f"{u + y:.1f} us CPU each ({u:.1f} user + {y:.1f} system)")
print(f"  100,000 devices at one heartbeat a minute: {core:.2f} % of one core")
print(f"  Will to regional alert, {len(res['will_alert_ms'])} of {trials} trials: "
      f"p50 {pct('will_alert_ms', .5):.0f} ms, p99 {pct('will_alert_ms', .99):.0f} ms; "
      f"broker's Wills p99 {pct('will_broker_ms', .99):.0f} ms")
print(f"row hb_first_rate {n / f if f else 0:.0f}")
print(f"row hb_first_us {med('first_us'):.2f}")
print(f"row hb_rate {steady / s if s else 0:.0f}")
print(f"row hb_broker_rate {steady / b if b else 0:.0f}")
print(f"row hb_us {u + y:.3f}")
print(f"row hb_user_us {u:.3f}")
print(f"row hb_sys_us {y:.3f}")
print(f"row hb_core_pct {core:.3f}")
print(f"row hb_devices {n}")
print(f"row hb_steady {steady}")
print(f"row rss_kb {med('rss_kb'):.0f}")
print(f"row will_trials {len(res['will_alert_ms'])}")
print(f"row will_p50 {pct('will_alert_ms', .5):.1f}")
print(f"row will_p99 {pct('will_alert_ms', .99):.1f}")
print(f"row will_max {max(res['will_alert_ms'] or [0]):.1f}")
print(f"row will_broker_p99 {pct('will_broker_ms', .99):.1f}")
EOF
