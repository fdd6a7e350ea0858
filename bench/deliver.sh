#!/bin/bash
# bench/deliver.sh - webhook deliveries per second to a local receiver, as
# a ratio against the receiver's own rate measured in the same run.
#   receiver:  build/sink (bench/sink.c): poll(), keep-alive, 200 to every
#              POST, counted.  Its raw rate is the baseline, measured with
#              its load generator posting a real delivery body: over
#              CONC keep-alive connections (what a sender reusing
#              connections could reach), and with a new connection each
#              request (what a sender that never reuses them could reach).
#   outaged:   NSUBS webhook subscriptions (config "subscriptions"), each
#              on every UA oblast and US state (84 regions) with its own
#              URL on the sink, then one batch of 84 x 5 reports (every
#              region and utility over the critical count): NSUBS x 420
#              firing notices (21,000 for 50).  Timed from the first
#              delivery row's created_at to the last "sent" row's done_at
#              (the database's own clocks), so publishing and polling do
#              not count.
# Two delivery settings: the shipped defaults (per_endpoint 4,
# max_inflight 32) and HIGH ("per_endpoint 64, max_inflight 256").
# RUNS (default 3) runs each; medians.  A run stops after CAP seconds
# (default 15) whatever is left: the rate is over the rows sent by then.
# The Python receiver of the integration tests is measured too (PYN
# requests), to show why it is not the receiver here.
# PERF=PREFIX records a perf profile of outaged for each run
# (PREFIX.default.N, PREFIX.high.N), for `perf report -i`; STRACE=PREFIX
# counts outaged's system calls the same way (strace -c; it slows it).
set -u
# everything here is bounded: the whole script runs again under
# timeout(1), which ends it after 140 s (its SIGTERM runs the EXIT trap)
if [ -z "${BENCH_BOUNDED:-}" ]; then
	BENCH_BOUNDED=1 exec timeout -k 10 140 "$0" "$@"
fi
cd "$(dirname "$0")/.." || exit 1
RUNS=${RUNS:-3}
NSUBS=${NSUBS:-50}
CAP=${CAP:-15}
CONC=${CONC:-8}
PYN=${PYN:-300}
BUILD=${BUILD:-build}
SINK=$PWD/$BUILD/sink
case $BUILD in /*) SINK=$BUILD/sink ;; esac
. tests/integration/lib.sh
trap cleanup EXIT

median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
wait_s() {	# wait_s PID: seconds spent runnable but waiting for a CPU
	awk '{print $2 / 1e9}' "/proc/$1/schedstat" 2>/dev/null || echo 0
}
cpu_s() {	# cpu_s PID: user+system CPU seconds so far
	awk -v t="$(getconf CLK_TCK)" '{print ($14 + $15) / t}' "/proc/$1/stat" 2>/dev/null || echo 0
}

start_broker > /dev/null || exit 1
"$SINK" serve "$T/sink.port" 2>> "$T/sink.log" &
SINK_PID=$!
PIDS+=("$SINK_PID")
disown "$SINK_PID"
for _ in $(seq 100); do [ -s "$T/sink.port" ] && break; sleep 0.05; done
SINK_PORT=$(cat "$T/sink.port") || exit 1

# the subscriptions and the reports
python3 - "$T" "$NSUBS" "$SINK_PORT" <<'PY'
import json, sys
t, nsubs, port = sys.argv[1], int(sys.argv[2]), sys.argv[3]
d = json.load(open("/usr/share/iso-codes/json/iso_3166-2.json"))["3166-2"]
regions = [x["code"] for x in d if x["code"][:3] in ("UA-", "US-")
           and "parent" not in x]
subs = [{"name": f"bench {i}", "regions": regions,
         "channel": {"type": "webhook",
                     "url": f"http://127.0.0.1:{port}/hook/{i}",
                     "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}
        for i in range(nsubs)]
with open(f"{t}/subs.json", "w") as f:
    f.write(', "subscriptions": ' + json.dumps(subs))
reports = [{"id": f"d-{r}-{u}", "source": "bench", "region": r,
            "utility": u, "status": "outage", "affected": 200000}
           for r in regions for u in ("power", "heat", "water", "gas",
                                      "telecom")]
with open(f"{t}/reports.json", "w") as f:
    json.dump(reports, f)
PY
NREGIONS=84
EXPECT=$((NSUBS * NREGIONS * 5))

# one run: prints "rate sent seconds outaged_cpu sink_cpu rows_s conns
# outaged_runqueue_wait"
run_outaged() {
	local delivery=$1 t0 pend total sc0 oc r perf= c0 c1 w0 ow
	rm -f "$T/outaged.db"* "$T/outaged.log"
	touch "$T/outaged.log"
	DELIVERY=", \"allow_private_targets\": true $delivery" \
		write_config "$(cat "$T/subs.json")"
	start_outaged > /dev/null || { echo "0 0 0 0 0"; return; }
	sc0=$(cpu_s "$SINK_PID")
	w0=$(wait_s "$OUTAGED_PID")
	c0=$(curl -s "http://127.0.0.1:$SINK_PORT/count" | awk '{print $4}')
	if [ -n "${PERF:-}" ]; then
		perf record -q -g -o "$PERF.$2" -p "$OUTAGED_PID" 2>/dev/null &
		perf=$!
		PIDS+=("$perf")
	fi
	if [ -n "${STRACE:-}" ]; then
		strace -c -o "$STRACE.$2" -p "$OUTAGED_PID" 2>/dev/null &
		perf=$!
		PIDS+=("$perf")
	fi
	mosquitto_pub -p "$BROKER_PORT" -q 1 -t outages/reports/bench \
		-f "$T/reports.json"
	t0=$SECONDS
	while [ $((SECONDS - t0)) -lt "$CAP" ]; do
		sleep 0.5
		total=$(sql "select count(*) from deliveries" 2>/dev/null) || continue
		pend=$(sql "select count(*) from deliveries where state = 'pending'" 2>/dev/null) || continue
		[ "$total" -ge "$EXPECT" ] && [ "$pend" -eq 0 ] && break
	done
	oc=$(cpu_s "$OUTAGED_PID")
	ow=$(python3 -c "print($(wait_s "$OUTAGED_PID") - $w0)")
	c1=$(curl -s "http://127.0.0.1:$SINK_PORT/count" | awk '{print $4}')
	if [ -n "$perf" ]; then
		kill -INT "$perf"
		wait "$perf" 2>/dev/null
	fi
	sc=$(python3 -c "print($(cpu_s "$SINK_PID") - $sc0)")
	stop_outaged
	r=$(sql "select count(*), (max(done_at) - (select min(created_at) from deliveries)) / 1000.0,
	           (select (max(created_at) - min(created_at)) / 1000.0 from deliveries)
	         from deliveries where state = 'sent'")
	python3 - "$r" "$oc" "$sc" "$((${c1:-0} - ${c0:-0}))" "$ow" <<'PY'
import sys
n, secs, rows = (sys.argv[1].split("|") + ["", "", ""])[:3]
n = int(n or 0); secs = float(secs or 0)
print(f"{n / secs if secs > 0 else 0:.1f} {n} {secs:.3f} {sys.argv[2]} "
      f"{sys.argv[3]} {float(rows or 0):.3f} {sys.argv[4]} {float(sys.argv[5]):.3f}")
PY
}

declare -A RATE SENT SECS OCPU SCPU ROWS CONNS WAIT
for setting in default high; do
	case $setting in
	default) delivery= ;;
	high) delivery=', "per_endpoint": 64, "max_inflight": 256' ;;
	esac
	for run in $(seq "$RUNS"); do
		# not in a subshell: outaged's pid must stay in PIDS
		run_outaged "$delivery" "$setting.$run" > "$T/run.out"
		read -r rate sent secs oc sc rows conns ow < "$T/run.out"
		WAIT[$setting]+="$ow "
		ROWS[$setting]+="$rows "
		CONNS[$setting]+="$conns "
		RATE[$setting]+="$rate "
		SENT[$setting]+="$sent "
		SECS[$setting]+="$secs "
		OCPU[$setting]+="$oc "
		SCPU[$setting]+="$sc "
	done
done

# baselines: the sink's raw rate with a body outaged really sent
sql "select payload from deliveries limit 1" > "$T/body.json"
[ -s "$T/body.json" ] || echo '{"event":"firing"}' > "$T/body.json"
keep=()
fresh=()
for run in $(seq "$RUNS"); do
	keep+=("$(timeout 30 "$SINK" hammer "$SINK_PORT" 20000 "$CONC" "$T/body.json" | awk '{print $3}')")
	fresh+=("$(timeout 30 "$SINK" hammer -x "$SINK_PORT" 10000 "$CONC" "$T/body.json" | awk '{print $3}')")
done
# the integration tests' Python receiver, for comparison (one run)
mkdir -p "$T/py"
python3 tests/integration/httpreceiver.py "$T/py/log" "$T/py/port" &
PIDS+=("$!")
disown "$!"
for _ in $(seq 100); do [ -s "$T/py/port" ] && break; sleep 0.05; done
py=$(timeout 30 "$SINK" hammer "$(cat "$T/py/port")" "$PYN" "$CONC" "$T/body.json" | awk '{print $3}')

python3 - "$NSUBS" "$EXPECT" "$CONC" "${py:-0}" "$(median "${keep[@]}")" \
	"$(median "${fresh[@]}")" \
	"${RATE[default]}" "${SENT[default]}" "${SECS[default]}" "${OCPU[default]}" "${SCPU[default]}" "${ROWS[default]}" "${CONNS[default]}" "${WAIT[default]}" \
	"${RATE[high]}" "${SENT[high]}" "${SECS[high]}" "${OCPU[high]}" "${SCPU[high]}" "${ROWS[high]}" "${CONNS[high]}" "${WAIT[high]}" <<'PY'
import statistics, sys
a = sys.argv
nsubs, expect, conc = int(a[1]), int(a[2]), int(a[3])
py, keep, fresh = float(a[4]), float(a[5]), float(a[6])
def stats(i):
    rate, sent, secs, oc, sc, rows, conns, wt = ([float(x) for x in a[j].split()] for j in range(i, i + 8))
    return (statistics.median(rate), min(sent), statistics.median(secs),
            statistics.median(oc), statistics.median(sc), rate,
            statistics.median(rows), statistics.median(conns),
            statistics.median(wt))
print(f"webhook delivery, {nsubs} subscriptions x 420 cells = {expect} notices, "
      "medians of the runs (goal: 2,000 deliveries/s):")
print(f"  receiver alone, {conc} keep-alive connections (baseline) {keep:9.0f} req/s")
print(f"  receiver alone, a new connection each request    {fresh:9.0f} req/s")
print(f"  (tests/integration/httpreceiver.py, keep-alive:  {py:9.0f} req/s: too slow to be the receiver)")
for name, i in (("shipped defaults (per_endpoint 4, max_inflight 32)", 7),
                ("per_endpoint 64, max_inflight 256", 15)):
    r, sent, secs, oc, sc, runs, rows, conns, wt = stats(i)
    print(f"  outaged, {name}:")
    print(f"    {r:7.0f} deliveries/s (runs: {', '.join(f'{x:.0f}' for x in runs)}); "
          f"{sent:.0f} of {expect} sent in {secs:.2f} s (the rows written over the first {rows:.2f} s)")
    print(f"    CPU: outaged {oc:.1f} s ({1e6 * oc / sent if sent else 0:.0f} us a delivery), "
          f"receiver {sc:.2f} s; outaged waited {wt:.1f} s for a CPU (load from others); "
          f"{conns:.0f} TCP connections for {sent:.0f} requests")
    print(f"    outaged / receiver alone: {keep / r if r else float('inf'):.0f}x the time; goal "
          f"{'met' if r >= 2000 else 'MISSED'}")
PY
