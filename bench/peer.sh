#!/bin/bash
# bench/peer.sh - `make bench-peer`: outaged against a Node-RED 4 flow
# doing the same work (issue 12), through the same real mosquitto (a free
# loopback port, started here), with the same payloads (bench/payloads.py:
# N QoS 1 reports over 7 regions, each changing a figure).  Three kinds
# of run, alternating, RUNS (3) of each, medians:
#   outaged        validated, aggregated, committed (WAL,
#                  synchronous=FULL, commit before PUBACK), statuses and
#                  alerts out over MQTT; done when all N are committed
#   Node-RED       mqtt in -> json -> function (per-region aggregate)
#                  -> mqtt out (alerts), no storage (bench/peer_flow.py);
#                  done when the flow has counted N reports
#   Node-RED+SQLite the same, each report also INSERTed by
#                  node-red-node-sqlite into a SQLite file (WAL,
#                  synchronous=FULL, one transaction per report); done
#                  when the flow has counted N rows inserted
# Each run starts its process afresh and measures from the first publish
# (build/mqtt_lat pub, INFLIGHT unacknowledged at most) to done:
# reports/s, CPU µs per report (user + system from /proc/PID/stat over
# the run), peak RSS during the run (VmHWM, reset just before the first
# publish by writing 5 to /proc/PID/clear_refs) and, as its baseline, the
# RSS once up and before the run.  The memory floor, measured in each
# run beside them: build/floor (bench/floor.c), the three libraries
# outaged's job needs (libmosquitto, sqlite3, jansson) and a socket,
# doing the least of it (connect and subscribe, listen, a WAL insert, a
# JSON parse), nothing of outaged's own: its VmRSS once up.  Node-RED
# acknowledges each QoS 1 message on receipt, before the flow has run;
# outaged only once it is committed.
# Bounded: at most 9 minutes (it runs under timeout(1)); every process
# started here is stopped on exit (tests/integration/lib.sh's cleanup).
# Node-RED comes from build/node-red (bench/peer-deps.sh installs it).
set -u
# bounded: the script runs again under timeout(1), whose SIGTERM at 540 s
# runs the EXIT trap (cleanup), so nothing it started outlives it
if [ -z "${BENCH_BOUNDED:-}" ]; then
	BENCH_BOUNDED=1 exec timeout -k 10 540 "$0" "$@"
fi
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
RUNS=${RUNS:-3}
N=${N:-50000}
INFLIGHT=${INFLIGHT:-100}
NR_DIR=$(cd "$BUILD" && pwd)/node-red
RED=$NR_DIR/node_modules/node-red/red.js
NODE=$(command -v node || command -v nodejs || true)
if [ ! -f "$RED" ] || [ -z "$NODE" ]; then
	echo "peer.sh: Node-RED is not installed in $NR_DIR (bench/peer-deps.sh)" >&2
	exit 1
fi
if [ -n "${QUICK:-}" ]; then
	RUNS=1 N=5000
fi
. tests/integration/lib.sh
rmdir "$T"
T=$(mktemp -d /tmp/outaged-peer.XXXXXX)
trap cleanup EXIT
START=$SECONDS

R=$T/results
: > "$R"
put() { echo "$1 $2" >> "$R"; }
. bench/lib.sh
hwm() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }
# peak_reset PID: VmHWM from now on (proc(5), clear_refs)
peak_reset() { echo 5 > "/proc/$1/clear_refs"; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
HZ=$(getconf CLK_TCK)
committed() { sql "select coalesce(max(id), 0) from reports"; }
# wait_committed N SECONDS: polled with sqlite3 here, not bench/lib.sh's
# poller: the peer figures were measured so, and changing outaged's side
# alone would tilt them
wait_committed() {
	local t=$SECONDS
	while [ "$(committed)" -lt "$1" ]; do
		[ $((SECONDS - t)) -ge "$2" ] && return 1
		sleep 0.02
	done
}
fresh_outaged() {
	[ -n "$OUTAGED_PID" ] && stop_outaged
	rm -f "$T/outaged.db"* "$T/outaged.log"
	# outaged's broker session outlives it (no clean start), so what the
	# Node-RED runs published on the same topic waited there for it and
	# was ingested as it came up, before and during its run (its figures
	# and its RSS before the run were not the run's alone): a clean
	# connect with its client id ends that session first
	mosquitto_pub -p "$BROKER_PORT" -i outaged-test -t bench/peer/clean -n
	start_outaged > /dev/null
}
# cpu_rss NAME PID U0 S0 SECONDS: the run's figures
cpu_rss() {
	local u1 s1
	read -r u1 s1 <<< "$(ticks "$2")"
	put "$1_s" "$5"
	put "$1_user_us" "$(python3 -c "print(($u1 - $3) / $HZ / $N * 1e6)")"
	put "$1_sys_us" "$(python3 -c "print(($s1 - $4) / $HZ / $N * 1e6)")"
	put "$1_rss_kb" "$(hwm "$2")"
}

NR_PID=
stop_nodered() {
	[ -n "$NR_PID" ] || return 0
	kill -TERM "$NR_PID" 2>/dev/null
	gone "$NR_PID" || kill -9 "$NR_PID" 2>/dev/null
	NR_PID=
}
# start_nodered plain|sqlite: a fresh Node-RED on the flow, answering pings
start_nodered() {
	local d=$T/nr-$1
	mkdir -p "$d"
	rm -f "$T/nr.db"*
	if [ "$1" = sqlite ]; then
		sqlite3 "$T/nr.db" > /dev/null <<'SQL'
PRAGMA journal_mode=WAL;
CREATE TABLE reports (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL, region TEXT NOT NULL, utility TEXT NOT NULL,
    status TEXT NOT NULL, affected INTEGER, received_at INTEGER NOT NULL,
    raw TEXT NOT NULL);
CREATE INDEX reports_region ON reports(region, utility, received_at);
SQL
	fi
	python3 bench/peer_flow.py "$d" "$NR_DIR" "$BROKER_PORT" "$(free_port)" \
	    "$N" "$1" "$T/nr.db" || return 1
	"$NODE" "$RED" -s "$d/settings.js" >> "$T/nodered.log" 2>&1 &
	NR_PID=$!
	PIDS+=("$NR_PID")
	disown "$NR_PID"
	for _ in $(seq 120); do
		kill -0 "$NR_PID" 2>/dev/null || break
		mosquitto_sub -p "$BROKER_PORT" -C 1 -W 1 -t bench/peer/pong > "$T/pong" 2>/dev/null &
		local sub=$!
		sleep 0.1
		mosquitto_pub -p "$BROKER_PORT" -q 1 -t outages/reports/ping -m '{"ping":1}'
		wait "$sub" 2>/dev/null
		grep -q pong "$T/pong" && return 0
	done
	echo "# Node-RED did not answer:"; tail -20 "$T/nodered.log"
	return 1
}

start_broker "set_tcp_nodelay true" > /dev/null || exit 1
write_config
bench/payloads.py ingest "$T/ingest.txt" "$N"
# the same Node-RED release, reported with the table
NR_VERSION=$("$NODE" -p "require('$NR_DIR/node_modules/node-red/package.json').version")
SQ_VERSION=$("$NODE" -p "require('$NR_DIR/node_modules/node-red-node-sqlite/package.json').version")

# floor_rss: build/floor's VmRSS once up (it prints "ready")
floor_rss() {
	local pid kb=

	rm -f "$T/floor.db"*
	coproc FLOOR { exec "$BUILD/floor" "$T/floor.db" "$BROKER_PORT"; }
	pid=$FLOOR_PID
	PIDS+=("$pid")
	if read -r -t 10 -u "${FLOOR[0]}" line && [ "$line" = ready ]; then
		kb=$(rss "$pid")
	fi
	kill -TERM "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ -n "$kb" ] && put floor_kb "$kb"
}

for run in $(seq "$RUNS"); do
	note "run $run of $RUNS: the library floor, then outaged, $N reports"
	floor_rss || note "floor: did not come up"
	fresh_outaged || exit 1
	put outaged_idle_kb "$(rss "$OUTAGED_PID")"
	peak_reset "$OUTAGED_PID"
	read -r u0 s0 <<< "$(ticks "$OUTAGED_PID")"
	t0=$(now)
	"$BUILD/mqtt_lat" pub "$BROKER_PORT" outages/reports/bench "$T/ingest.txt" "$INFLIGHT" > /dev/null
	wait_committed "$N" 120 || note "outaged: not all committed"
	cpu_rss outaged "$OUTAGED_PID" "$u0" "$s0" "$(python3 -c "print($(now) - $t0)")"
	stop_outaged
	OUTAGED_PID=

	for mode in plain sqlite; do
		note "run $run of $RUNS: Node-RED ($mode), $N reports"
		start_nodered "$mode" || exit 1
		put "nr_${mode}_idle_kb" "$(rss "$NR_PID")"
		mosquitto_sub -p "$BROKER_PORT" -C 1 -W 300 -t bench/peer/done > "$T/done" 2>/dev/null &
		sub=$!
		PIDS+=("$sub")
		sleep 0.3
		peak_reset "$NR_PID"
		read -r u0 s0 <<< "$(ticks "$NR_PID")"
		t0=$(now)
		"$BUILD/mqtt_lat" pub "$BROKER_PORT" outages/reports/bench "$T/ingest.txt" "$INFLIGHT" > /dev/null
		wait "$sub" 2>/dev/null
		t1=$(now)
		if grep -q "\"n\": *$N" "$T/done"; then
			cpu_rss "nr_$mode" "$NR_PID" "$u0" "$s0" "$(python3 -c "print($t1 - $t0)")"
		else
			note "Node-RED ($mode): not done"
			tail -5 "$T/nodered.log" >&2
		fi
		[ "$mode" = sqlite ] && put nr_rows "$(sqlite3 "$T/nr.db" 'select count(*) from reports')"
		stop_nodered
	done
done
stop_broker

python3 - "$R" "$RUNS" "$N" "$((SECONDS - START))" "$NR_VERSION" "$SQ_VERSION" <<'PY'
import statistics, sys
from collections import defaultdict
res = defaultdict(list)
for line in open(sys.argv[1]):
    k, _, v = line.strip().partition(" ")
    res[k].append(float(v))
runs, n, secs = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
nrv, sqv = sys.argv[5], sys.argv[6]
med = lambda k: statistics.median(res[k]) if res[k] else 0.0
def runsof(k):
    return len(res[k])
o, p, q = "outaged", "nr_plain", "nr_sqlite"
rate = {k: n / med(k + "_s") if med(k + "_s") else 0 for k in (o, p, q)}
cpu = {k: med(k + "_user_us") + med(k + "_sys_us") for k in (o, p, q)}
rss = {k: med(k + "_rss_kb") / 1024 for k in (o, p, q)}
# three decimals below 0.1: 0.053 against a goal of 0.05 is not "0.05"
ratio = lambda a, b: ("-" if not b else f"{a / b:.3f}" if a / b < 0.1
    else f"{a / b:.2f}")
rows = []
rows.append(("reports/s (to committed / counted)",
    f"{rate[o]:,.0f}", f"{rate[p]:,.0f}", ratio(rate[o], rate[p]),
    f"{rate[q]:,.0f}", ratio(rate[o], rate[q]), "(higher is better)"))
cpu_s = lambda k: f"{cpu[k]:.1f} ({med(k + '_user_us'):.1f} + {med(k + '_sys_us'):.1f})"
mark = lambda ok: " met" if ok else " MISSED"
rows.append(("CPU us/report (user + system)", cpu_s(o), cpu_s(p),
    ratio(cpu[o], cpu[p]), cpu_s(q), ratio(cpu[o], cpu[q]),
    "<= 0.50" + mark(cpu[p] and cpu[o] <= cpu[p] / 2) +
    "; <= 0.33" + mark(cpu[q] and cpu[o] <= cpu[q] / 3)))
rows.append(("peak RSS during the run (VmHWM), MiB", f"{rss[o]:.1f}", f"{rss[p]:.1f}",
    ratio(rss[o], rss[p]), f"{rss[q]:.1f}", ratio(rss[o], rss[q]),
    "<= 0.05" + mark(rss[p] and rss[o] <= rss[p] / 20) +
    "; <= 0.05" + mark(rss[q] and rss[o] <= rss[q] / 20)))
idle = {k: med(k + "_idle_kb") / 1024 for k in (o, p, q)}
rows.append(("  RSS before the run (VmRSS), MiB", f"{idle[o]:.1f}",
    f"{idle[p]:.1f}", ratio(idle[o], idle[p]), f"{idle[q]:.1f}",
    ratio(idle[o], idle[q]), ""))
if res["floor_kb"]:
    fl = med("floor_kb") / 1024
    rows.append(("  library floor (build/floor, VmRSS), MiB", f"{fl:.1f}",
        "", "", "", "", f"outaged's own: {rss[o] - fl:.1f} peak, "
        f"{idle[o] - fl:.1f} before"))
hdr = ("measure", "outaged", "Node-RED", "ratio", "Node-RED+SQLite", "ratio",
       "goal (issue 12: ratio vs Node-RED; vs +SQLite)")
w = [max(len(r[i]) for r in rows + [hdr]) for i in range(len(hdr))]
line = lambda r: "  ".join(r[i].ljust(w[i]) for i in range(len(r))).rstrip()
print(f"outaged vs Node-RED {nrv} (node-red-node-sqlite {sqv}): {n:,} QoS 1 "
      f"reports a run, medians of {runs} alternating runs each, {secs} s in all")
print("(2 shared cores: others' work runs meanwhile, so figures are noisy)")
print(line(hdr))
print("  ".join("-" * x for x in w))
for r in rows:
    print(line(r))
done = [runsof(k + "_s") for k in (o, p, q)]
if min(done) < runs:
    print(f"runs completed: outaged {done[0]}, Node-RED {done[1]}, "
          f"Node-RED+SQLite {done[2]} of {runs}")
if res["nr_rows"]:
    print(f"rows in Node-RED's SQLite file after each run: "
          f"{', '.join(str(int(x)) for x in res['nr_rows'])} (of {n:,})")
print("outaged acknowledges a report once committed; Node-RED's mqtt in "
      "on receipt, before its flow ran,\nso the broker hands Node-RED all it "
      "has and the backlog waits in Node-RED's memory")
print("peak RSS: VmHWM at the end of the run, reset (5 > /proc/PID/clear_refs) "
      "just before its first publish,\nfor outaged and Node-RED alike; the "
      "library floor: build/floor (bench/floor.c), libmosquitto,\n"
      "sqlite3 and jansson linked as outaged links them and a listening socket, doing "
      "the least outaged's job\nneeds of each (connect and subscribe, listen, "
      "a WAL insert, a JSON parse), VmRSS once up")
PY
