#!/bin/bash
# bench/ingest.sh - ingest throughput and memory, as ratios against
# baselines measured in the same run (never absolute timing assertions).
#   baseline A: the broker alone delivering N QoS 1 messages to mosquitto_sub
#   baseline B: SQLite (WAL, synchronous=FULL) committing each report alone,
#               what a commit-per-message daemon would pay
#   outaged:    N QoS 1 reports published, until all N are committed
# Each is run RUNS times (default 3); medians are printed.
set -u
# bounded: the script runs again under timeout(1), whose SIGTERM runs the
# EXIT trap (cleanup), so nothing it started outlives it
if [ -z "${BENCH_BOUNDED:-}" ]; then
	BENCH_BOUNDED=1 exec timeout -k 10 600 "$0" "$@"
fi
cd "$(dirname "$0")/.."
N=${N:-5000}
RUNS=${RUNS:-3}
BUILD=${BUILD:-build}
. tests/integration/lib.sh
trap cleanup EXIT

start_broker > /dev/null || exit 1
python3 - "$T/reports.txt" "$N" <<'PY'
import json, sys
regions = ["UA-12", "UA-63", "UA-51", "UA-46", "UA-32", "US-TX", "US-CA"]
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(json.dumps({"id": f"b{i}", "source": "bench",
            "region": regions[i % len(regions)], "utility": "power",
            "status": "outage", "affected": 1000 + i}) + "\n")
PY

now() { date +%s.%N; }
median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

broker_only=()
sqlite_each=()
outaged_t=()
rss_idle=()
rss_peak=()
for run in $(seq "$RUNS"); do
	# A: the broker alone
	mosquitto_sub -p "$BROKER_PORT" -q 1 -C "$N" -t bench/a > /dev/null &
	sub=$!
	PIDS+=("$sub")
	sleep 0.3
	t0=$(now)
	mosquitto_pub -p "$BROKER_PORT" -q 1 -t bench/a -l < "$T/reports.txt"
	# a broker that drops some (its queue for a slow subscriber is
	# bounded) never lets the count finish: bounded, and said
	if ! timeout 60 tail -s 0.01 --pid="$sub" -f /dev/null; then
		echo "ingest.sh: the broker alone delivered fewer than $N" \
		    "messages in 60 s (its queue limits; try a smaller N)" >&2
		exit 1
	fi
	broker_only+=("$(python3 -c "print($(now) - $t0)")")

	# B: one SQLite transaction per report, durable
	rm -f "$T/each.db"*
	sqlite_each+=("$(python3 - "$T/each.db" "$T/reports.txt" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("pragma journal_mode=wal"); db.execute("pragma synchronous=full")
db.execute("create table r (key text unique, raw text)")
lines = open(sys.argv[2]).read().splitlines()
t0 = time.time()
for i, l in enumerate(lines):
    db.execute("begin"); db.execute("insert into r values (?, ?)", (str(i), l)); db.execute("commit")
print(time.time() - t0)
PY
)")

	# outaged, from a fresh database
	rm -f "$T/outaged.db"* "$T/outaged.log"
	write_config
	start_outaged > /dev/null || exit 1
	rss_idle+=("$(awk '/VmRSS/ {print $2}' /proc/"$OUTAGED_PID"/status)")
	t0=$(now)
	mosquitto_pub -p "$BROKER_PORT" -q 1 -t outages/reports/bench -l < "$T/reports.txt"
	while [ "$(sql 'select count(*) from reports')" -lt "$N" ]; do sleep 0.02; done
	outaged_t+=("$(python3 -c "print($(now) - $t0)")")
	rss_peak+=("$(awk '/VmHWM/ {print $2}' /proc/"$OUTAGED_PID"/status)")
	stop_outaged
done

a=$(median "${broker_only[@]}")
b=$(median "${sqlite_each[@]}")
o=$(median "${outaged_t[@]}")
ri=$(median "${rss_idle[@]}")
rp=$(median "${rss_peak[@]}")
python3 - "$N" "$a" "$b" "$o" "$ri" "$rp" <<'PY'
import sys
n = int(sys.argv[1]); a, b, o, ri, rp = map(float, sys.argv[2:])
print(f"ingest of {n} QoS 1 reports, medians of the runs:")
print(f"  broker alone (baseline A)            {a:8.3f} s  {n/a:9.0f} msg/s")
print(f"  SQLite commit per report (baseline B) {b:7.3f} s  {n/b:9.0f} rows/s")
print(f"  outaged, validated and committed     {o:8.3f} s  {n/o:9.0f} reports/s")
print(f"  outaged / broker alone:   {o/a:6.2f}x the time")
print(f"  outaged / commit-per-row: {o/b:6.2f}x the time (group commit pays one fsync per batch)")
print(f"  outaged RSS: {ri/1024:.1f} MiB idle, {rp/1024:.1f} MiB peak ({rp/ri:.2f}x)")
PY
