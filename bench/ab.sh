#!/bin/bash
# bench/ab.sh - two outaged binaries compared on make bench's ingest and
# alert-latency runs (bench/table.sh), alternating so that load from
# others falls on both: A B A B ...  For a change's before and after:
#
#   bench/ab.sh OLD_BINARY NEW_BINARY
#
# Each round, for each binary: N (100,000) QoS 1 reports through a real
# mosquitto with durable commits beside the broker's raw pass-through of
# the same payloads (their ratio), outaged's CPU per report (user and
# system, /proc/PID/stat) and reports per commit (/metrics: the CPU per
# report falls as passes grow, and a pass grows when outaged falls
# behind, so a slower run can show a cheaper report), then
# build/mqtt_lat at 1,000 reports/s for
# LAT_S (5) seconds: alert latency p50 and p99.  ROUNDS (3) rounds; the
# medians at the end.  Bounded (10 minutes); every process it starts is
# stopped (tests/integration/lib.sh).
set -u
if [ $# -ne 2 ]; then
	echo "usage: bench/ab.sh OLD_BINARY NEW_BINARY" >&2
	exit 2
fi
if [ -z "${BENCH_BOUNDED:-}" ]; then
	BENCH_BOUNDED=1 exec timeout -k 10 600 "$0" "$@"
fi
BINS=("$(realpath "$1")" "$(realpath "$2")")
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
ROUNDS=${ROUNDS:-3}
N=${N:-100000}
LAT_S=${LAT_S:-5}
INFLIGHT=${INFLIGHT:-100}
. tests/integration/lib.sh
trap cleanup EXIT
R=$T/results
: > "$R"
. bench/lib.sh
fresh_outaged() {	# fresh_outaged BINARY
	[ -n "$OUTAGED_PID" ] && stop_outaged
	rm -f "$T/outaged.db"* "$T/outaged.log"
	"$1" -c "$T/outaged.json" >> "$T/outaged.log" 2>&1 &
	OUTAGED_PID=$!
	PIDS+=("$OUTAGED_PID")
	disown "$OUTAGED_PID"
	wait_line "$T/outaged.log" 'subscribed to' 20 || return 1
	URL=http://127.0.0.1:$(sed -n 's/.*http: listening on .* (port \([0-9]*\)).*/\1/p' \
	    "$T/outaged.log" | tail -1)
}
start_broker "set_tcp_nodelay true" > /dev/null || exit 1
write_config
bench/payloads.py ingest "$T/ingest.txt" "$N"
bench/payloads.py latregions "$T/lat-regions.txt"
hz=$(getconf CLK_TCK)
for round in $(seq "$ROUNDS"); do
	for k in 0 1; do
		b=$(broker_alone "$T/ingest.txt" "$N")
		fresh_outaged "${BINS[$k]}" || exit 1
		read -r u0 s0 <<< "$(ticks "$OUTAGED_PID")"
		t0=$(now)
		"$BUILD/mqtt_lat" pub "$BROKER_PORT" outages/reports/bench "$T/ingest.txt" "$INFLIGHT" > /dev/null
		wait_committed "$N" || echo "# not all committed" >&2
		o=$(python3 -c "print($(now) - $t0)")
		read -r u1 s1 <<< "$(ticks "$OUTAGED_PID")"
		c=$(curl -s "$URL/metrics" |
		    awk '$1 == "outaged_ingest_commits_total" { print $2 }')
		fresh_outaged "${BINS[$k]}" || exit 1
		read -r _ _ _ _ _ p50 _ p99 _ _ <<< "$(timeout 60 "$BUILD/mqtt_lat" \
		    "$BROKER_PORT" 1000 "$LAT_S" "$T/lat-regions.txt" outages)"
		python3 - "$k" "$b" "$o" "$u0" "$u1" "$s0" "$s1" "$hz" "$N" \
		    "${p50:-0}" "${p99:-0}" "${c:-0}" <<'PY' | tee -a "$R"
import sys
k, b, o, u0, u1, s0, s1, hz, n, p50, p99, c = sys.argv[1:]
b, o, hz, n, c = float(b), float(o), float(hz), float(n), float(c)
print("%s ratio %.3f user_us %.1f sys_us %.1f per_commit %.0f p50_ms %s "
      "p99_ms %s" % ("AB"[int(k)], b / o, (int(u1) - int(u0)) / hz / n * 1e6,
      (int(s1) - int(s0)) / hz / n * 1e6, n / c if c > 0 else 0, p50, p99))
PY
	done
done
python3 - "$R" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for who in "AB":
    r = [dict(zip(x[1::2], map(float, x[2::2]))) for x in rows if x[0] == who]
    med = {k: statistics.median(v[k] for v in r) for k in r[0]}
    print("median %s: ingest ratio %.3f, CPU %.1f us/report (user %.1f, "
          "system %.1f), %.0f reports/commit, alert p50 %.3f ms, "
          "p99 %.3f ms" % (who, med["ratio"], med["user_us"] + med["sys_us"],
          med["user_us"], med["sys_us"], med["per_commit"], med["p50_ms"],
          med["p99_ms"]))
PY
