#!/bin/bash
# bench/table.sh - `make bench`: every benchmark, one table.  Each figure
# stands beside its baseline measured in the same run (the broker alone,
# /healthz, ingest without readers, the uncached render...) and the
# issue 12 goal; medians of RUNS (default 3), the runs of a pair
# alternating so that load from others falls on both.  Bounded: the whole
# script stops after 12 minutes (it takes 3-4 on 2 shared cores), and
# every process it starts is stopped (tests/integration/lib.sh).
#
#   ingest     N (100,000) QoS 1 reports, 7 regions, each changing a
#              figure, published (build/mqtt_lat pub: INFLIGHT 100
#              unacknowledged at most, no Nagle) until all are
#              committed (WAL, synchronous=FULL, commit before PUBACK)
#              vs the broker alone passing the same payloads to
#              mosquitto_sub; outaged's CPU (user, system: /proc/PID/stat)
#              per report, reports per commit (/metrics) and peak RSS
#              (VmHWM); INGEST_RUNS (5) runs
#   alerts     build/mqtt_lat: 1,000 reports/s for LAT_S seconds over 500
#              regions, outage and restored in turn (each report an alert
#              event), publish -> alert at a subscriber, p50 and p99;
#              every client and the broker without Nagle
#   status     1,000 regions in outage; wrk, 8 connections, WRK_S seconds:
#              GET /api/v1/status (cached; plain and gzip), /healthz, and
#              /status with the cache off (OUTAGED_DOC_CACHE=0: the render
#              per request of before); and M (20,000) reports ingested
#              while 8 wrk clients read /status vs without readers
#   1M         1,000,000 reports (and as many history rows) written
#              straight into a schema the daemon created (sqlite3, one
#              INSERT ... SELECT), spread over 30 days and 1,000 regions,
#              a tenth on UA-12: file size, start-up (exec to "ready" in
#              the log) with the default 6 h ttl and with every report in
#              the ttl window (aggregate.ttl 31 days), and GET
#              /regions/UA-12/history (24 h, and 30 days)
#   extractor  bench/extract-speed.sh: MB/s on one core on the
#              outage-dense labelled passages and on whole articles
#              (issue 10), beside a lowercasing pass over the same bytes
#   sensors    bench/sensors.sh: heartbeats absorbed with durable state,
#              the share of one core 100,000 devices at one heartbeat a
#              minute take, and a Will to its regional alert (issue 14)
#   then route-speed.sh and deliver.sh, whose summary lines join the
#   table.
# PROFILE=FILE records `perf record -g` of outaged over the first ingest
# run (perf report -i FILE).  QUICK=1: smaller counts, one run (a check
# that the script works, not a measurement).
set -u
# bounded: the script runs again under timeout(1), whose SIGTERM at 720 s
# runs the EXIT trap (cleanup), so nothing it started outlives it
if [ -z "${BENCH_BOUNDED:-}" ]; then
	BENCH_BOUNDED=1 exec timeout -k 10 720 "$0" "$@"
fi
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
RUNS=${RUNS:-3}
# the ingest ratio's runs spread by +-10 % (the broker's as much as
# outaged's): five of them for its median
INGEST_RUNS=${INGEST_RUNS:-5}
N=${N:-100000}
M=${M:-20000}
LAT_S=${LAT_S:-5}
WRK_S=${WRK_S:-4}
INFLIGHT=${INFLIGHT:-100}	# QoS 1 publishes unacknowledged at once
BIG=${BIG:-1000000}
if [ -n "${QUICK:-}" ]; then
	RUNS=1 INGEST_RUNS=1 N=10000 M=5000 LAT_S=2 WRK_S=2 BIG=100000
fi
. tests/integration/lib.sh
# a directory of its own: the tests' /tmp/outaged-it.* may be swept
rmdir "$T"
T=$(mktemp -d /tmp/outaged-bench.XXXXXX)
trap cleanup EXIT
START=$SECONDS
# (the sleep's own output is /dev/null: left behind, it holds no pipe open)

R=$T/results		# "key value" lines, read by the table at the end
: > "$R"
put() { echo "$1 $2" >> "$R"; }
median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
. bench/lib.sh
fresh_outaged() {	# fresh_outaged [env...]: a new database, outaged up
	[ -n "$OUTAGED_PID" ] && stop_outaged
	rm -f "$T/outaged.db"* "$T/outaged.log"
	env "$@" "$OUTAGED" -c "$T/outaged.json" >> "$T/outaged.log" 2>&1 &
	OUTAGED_PID=$!
	PIDS+=("$OUTAGED_PID")
	disown "$OUTAGED_PID"
	wait_line "$T/outaged.log" 'subscribed to' 20 || return 1
	HTTP_PORT=$(sed -n 's/.*http: listening on .* (port \([0-9]*\)).*/\1/p' "$T/outaged.log" | tail -1)
	URL=http://127.0.0.1:$HTTP_PORT
}

start_broker "set_tcp_nodelay true" > /dev/null || exit 1
write_config
# the payloads (bench/payloads.py, shared with bench/peer.sh)
bench/payloads.py ingest "$T/ingest.txt" "$N"
bench/payloads.py latregions "$T/lat-regions.txt"
bench/payloads.py thousand "$T/thousand.txt"

# ---- ingest ----------------------------------------------------------------
note "ingest: $N reports, $INGEST_RUNS runs"
for run in $(seq "$INGEST_RUNS"); do
	put broker_s "$(broker_alone "$T/ingest.txt" "$N")"

	fresh_outaged || exit 1
	read -r u0 s0 <<< "$(ticks "$OUTAGED_PID")"
	perf=
	if [ -n "${PROFILE:-}" ] && [ "$run" = 1 ]; then
		perf record -q -g -o "$PROFILE" -p "$OUTAGED_PID" 2>/dev/null &
		perf=$!
		PIDS+=("$perf")
	fi
	t0=$(now)
	"$BUILD/mqtt_lat" pub "$BROKER_PORT" outages/reports/bench "$T/ingest.txt" "$INFLIGHT" > /dev/null
	wait_committed "$N" 120 || note "ingest: not all committed"
	put outaged_s "$(python3 -c "print($(now) - $t0)")"
	put commits "$(curl -s "$URL/metrics" |
	    awk '$1 == "outaged_ingest_commits_total" { print $2 }')"
	read -r u1 s1 <<< "$(ticks "$OUTAGED_PID")"
	[ -n "$perf" ] && { kill -INT "$perf"; wait "$perf" 2>/dev/null; }
	hz=$(getconf CLK_TCK)
	put user_us "$(python3 -c "print(($u1 - $u0) / $hz / $N * 1e6)")"
	put sys_us "$(python3 -c "print(($s1 - $s0) / $hz / $N * 1e6)")"
	put rss_kb "$(awk '/VmHWM/ {print $2}' "/proc/$OUTAGED_PID/status")"
done

# ---- alert latency -----------------------------------------------------------
note "alert latency: 1,000 reports/s for $LAT_S s, $RUNS runs"
for run in $(seq "$RUNS"); do
	fresh_outaged || exit 1
	read -r _ sent _ matched _ p50 _ p99 _ pmax <<< \
		"$(timeout 60 "$BUILD/mqtt_lat" "$BROKER_PORT" 1000 "$LAT_S" \
		"$T/lat-regions.txt" outages)"
	put lat_p50 "${p50:-0}"
	put lat_p99 "${p99:-0}"
	put lat_max "${pmax:-0}"
	put lat_sent "${sent:-0}"
	put lat_matched "${matched:-0}"
done

# ---- status reads ------------------------------------------------------------
# wrk_run PATH [HEADER]: prints "req/s p99_ms"
wrk_run() {
	local out
	out=$(timeout $((WRK_S + 20)) wrk -t2 -c8 -d"${WRK_S}s" --latency \
		${2:+-H "$2"} "$URL$1" 2>&1)
	python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
rate = re.search(r"Requests/sec:\s*([\d.]+)", out)
p99 = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
ms = 0.0
if p99:
    ms = float(p99.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[p99.group(2)]
print(f"{float(rate.group(1)) if rate else 0:.0f} {ms:.3f}")
PY
}
status_state() {	# the 1,000 regions in outage, committed
	mosquitto_pub -p "$BROKER_PORT" -q 1 -t outages/reports/bench -l < "$T/thousand.txt"
	wait_committed 1000 60
}
note "status: wrk ${WRK_S} s x $RUNS x 3"
fresh_outaged || exit 1
status_state || note "status: not all committed"
curl -s "$URL/api/v1/status" > "$T/status.json"
put status_bytes "$(stat -c %s "$T/status.json")"
put status_regions "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["regions"]))' "$T/status.json")"
put status_gz_bytes "$(curl -s -H 'Accept-Encoding: gzip' "$URL/api/v1/status" | wc -c)"
for run in $(seq "$RUNS"); do
	read -r r p <<< "$(wrk_run /healthz)"; put healthz_rps "$r"; put healthz_p99 "$p"
	read -r r p <<< "$(wrk_run /api/v1/status)"; put status_rps "$r"; put status_p99 "$p"
	read -r r p <<< "$(wrk_run /api/v1/status 'Accept-Encoding: gzip')"; put statusgz_rps "$r"; put statusgz_p99 "$p"
done

# ingest alone and under 8 readers of /status, alternating
note "ingest of $M under read load, $RUNS runs"
head -n "$M" "$T/ingest.txt" | sed 's/"id": "b/"id": "L/' > "$T/load.txt"
for run in $(seq "$RUNS"); do
	for mode in alone loaded; do
		fresh_outaged || exit 1
		status_state
		wrk=
		if [ "$mode" = loaded ]; then
			wrk -t2 -c8 -d60s "$URL/api/v1/status" > /dev/null 2>&1 &
			wrk=$!
			PIDS+=("$wrk")
			sleep 0.5
		fi
		t0=$(now)
		sed "s/\"id\": \"L/\"id\": \"L$run$mode/" "$T/load.txt" > "$T/load1.txt"
		"$BUILD/mqtt_lat" pub "$BROKER_PORT" outages/reports/bench "$T/load1.txt" "$INFLIGHT" > /dev/null
		wait_committed $((M + 1000)) 120 || note "load: not all committed"
		put "ingest_$mode" "$(python3 -c "print($(now) - $t0)")"
		[ -n "$wrk" ] && { kill "$wrk"; wait "$wrk" 2>/dev/null; }
	done
done

# the render per request, for comparison (one run)
fresh_outaged OUTAGED_DOC_CACHE=0 || exit 1
status_state
read -r r p <<< "$(wrk_run /api/v1/status)"; put nocache_rps "$r"; put nocache_p99 "$p"
stop_outaged
OUTAGED_PID=

# ---- 1,000,000 stored reports ----------------------------------------------
note "$BIG stored reports: generating"
fresh_outaged || exit 1
stop_outaged
OUTAGED_PID=
tg=$(now)
sqlite3 "$T/outaged.db" > /dev/null <<SQL
PRAGMA journal_mode=WAL;
CREATE TEMP TABLE rg(n INTEGER PRIMARY KEY, code TEXT);
INSERT INTO rg(code) VALUES $(python3 -c '
import json
d = json.load(open("/usr/share/iso-codes/json/iso_3166-2.json"))["3166-2"]
print(",".join("(\"%s\")" % x["code"] for x in d[:1000]))');
BEGIN;
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < $BIG - 1)
INSERT INTO reports(key, source, region, region_input, utility, status,
    affected, unit, approximate, observed_at, received_at, via, raw)
SELECT 'bench/big' || i, 'src' || (i % 5),
    CASE WHEN i % 10 = 0 THEN 'UA-12' ELSE (SELECT code FROM rg WHERE n = 1 + i % 1000) END,
    'x', 'power', CASE WHEN i % 3 = 0 THEN 'restored' ELSE 'outage' END,
    1000 + i % 50000, NULL, 0,
    CAST(strftime('%s','now') AS INTEGER) * 1000 - ($BIG - i) * (30 * 86400000 / $BIG),
    CAST(strftime('%s','now') AS INTEGER) * 1000 - ($BIG - i) * (30 * 86400000 / $BIG),
    'mqtt', '{"id":"big' || i || '","source":"src","region":"x","utility":"power","status":"outage","affected":' || (1000 + i % 50000) || '}'
FROM c;
INSERT INTO history(region, utility, at, status, affected, unit, percent, severity)
SELECT region, utility, observed_at, status, affected, NULL, NULL,
    CASE WHEN status = 'outage' THEN 'minor' ELSE 'none' END
FROM reports WHERE key LIKE 'bench/big%';
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
put big_gen_s "$(python3 -c "print($(now) - $tg)")"
put big_bytes "$(stat -c %s "$T/outaged.db")"
put big_rows "$(sql 'select count(*) from reports')"
put big_window "$(sql "select count(*) from reports where observed_at > (strftime('%s','now') - 6 * 3600) * 1000")"
cp "$T/outaged.json" "$T/default.json"
python3 - "$T/outaged.json" "$T/wide.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c.setdefault("aggregate", {})["ttl"] = "31d"
json.dump(c, open(sys.argv[2], "w"))
PY
# startup CONF: exec to "ready" in the log, seconds in STARTUP_S (0 when
# it died); leaves outaged up.  Not run in $(...): the pid must reach
# OUTAGED_PID and PIDS here, or stop_outaged and the exit's cleanup miss
# it and each run leaves a daemon on the database behind.
startup() {
	local before
	before=$(grep -c ' ready: ' "$T/outaged.log" 2>/dev/null || echo 0)
	t0=$(now)
	"$OUTAGED" -c "$1" >> "$T/outaged.log" 2>&1 &
	OUTAGED_PID=$!
	PIDS+=("$OUTAGED_PID")
	disown "$OUTAGED_PID"
	while [ "$(grep -c ' ready: ' "$T/outaged.log")" -le "$before" ]; do
		kill -0 "$OUTAGED_PID" 2>/dev/null || { STARTUP_S=0; return; }
		sleep 0.005
	done
	STARTUP_S=$(python3 -c "print($(now) - $t0)")
}
note "$BIG stored reports: start-up x $RUNS x 2, history"
for run in $(seq "$RUNS"); do
	for cf in default wide; do
		startup "$T/$cf.json"
		put "start_$cf" "$STARTUP_S"
		wait_line "$T/outaged.log" 'subscribed to' 20
		HTTP_PORT=$(sed -n 's/.*http: listening on .* (port \([0-9]*\)).*/\1/p' "$T/outaged.log" | tail -1)
		URL=http://127.0.0.1:$HTTP_PORT
		if [ "$cf" = default ]; then
			for _ in 1 2 3; do
				put hist_day "$(curl -s -o "$T/h.json" -w '%{time_total}' "$URL/api/v1/regions/UA-12/history")"
				put hist_month "$(curl -s -o "$T/h30.json" -w '%{time_total}' "$URL/api/v1/regions/UA-12/history?since=30d")"
			done
		fi
		stop_outaged
	done
done
put hist_day_rows "$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(len(j.get("history", j.get("points", []))))' "$T/h.json" 2>/dev/null || echo '?')"
put hist_month_rows "$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(len(j.get("history", j.get("points", []))))' "$T/h30.json" 2>/dev/null || echo '?')"
OUTAGED_PID=
stop_broker

# ---- the other benchmarks ----------------------------------------------------
note "extractor"
BUILD=$BUILD RUNS=5 timeout 120 bench/extract-speed.sh > "$T/extract.out" 2>&1
note "sensing devices"
BUILD=$BUILD RUNS=$RUNS timeout 320 bench/sensors.sh > "$T/sensors.out" 2>&1
BUILD=$BUILD RUNS=$RUNS timeout 150 bench/route-speed.sh > "$T/route.out" 2>&1
BUILD=$BUILD RUNS=$RUNS timeout 150 bench/deliver.sh > "$T/deliver.out" 2>&1

note "done"
python3 - "$R" "$T" "$((SECONDS - START))" "$RUNS" "$N" "$M" "$BIG" <<'PY'
import re, statistics, sys
from collections import defaultdict
res = defaultdict(list)
for line in open(sys.argv[1]):
    k, _, v = line.strip().partition(" ")
    try:
        res[k].append(float(v))
    except ValueError:
        pass
t, secs, runs, n, m, big = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
def med(k):
    return statistics.median(res[k]) if res[k] else 0.0
rows = []
def row(what, fig, base, ratio, goal, ok=None):
    mark = "" if ok is None else (" met" if ok else " MISSED")
    rows.append((what, fig, base, ratio, goal + mark))
b, o = med("broker_s"), med("outaged_s")
row(f"ingest, {n:,} QoS 1 reports", f"{n/o:,.0f} reports/s" if o else "-",
    f"broker alone {n/b:,.0f} msg/s" if b else "-",
    f"{b/o:.3f}" if o else "-", ">= 0.95 of the broker", o and b / o >= 0.95)
u, s = med("user_us"), med("sys_us")
row("  CPU per report (user + system)", f"{u+s:.1f} us ({u:.1f} + {s:.1f})",
    "", "", "<= 20 us", u + s <= 20)
if med("commits"):
    row("  reports per commit (one fsync each)",
        f"{n / med('commits'):,.0f}", "", "", "")
row("  peak RSS (VmHWM)", f"{med('rss_kb')/1024:.1f} MiB", "", "", "(Node-RED: make bench-peer)")
p50, p99 = med("lat_p50"), med("lat_p99")
row("alert latency at 1,000 reports/s", f"p50 {p50:.2f} ms, p99 {p99:.2f} ms", "", "",
    "p99 < 5 ms", p99 < 5)
sr, sp = med("status_rps"), med("status_p99")
hr, hp = med("healthz_rps"), med("healthz_p99")
row(f"GET /status, {int(med('status_regions')):,} regions listed, "
    f"{med('status_bytes')/1024:.0f} KiB, 8 conns", f"{sr:,.0f} req/s, p99 {sp:.2f} ms",
    f"/healthz {hr:,.0f} req/s, p99 {hp:.2f} ms", f"{sr/hr:.2f}" if hr else "-",
    ">= 2,000 req/s, p99 < 10 ms", sr >= 2000 and sp < 10)
gr, gp = med("statusgz_rps"), med("statusgz_p99")
row(f"  the same, gzip ({med('status_gz_bytes')/1024:.0f} KiB)", f"{gr:,.0f} req/s, p99 {gp:.2f} ms",
    "", f"{gr/hr:.2f}" if hr else "-", "")
nr, np_ = med("nocache_rps"), med("nocache_p99")
row("  cache off (render per request, 1 run)", f"{nr:,.0f} req/s, p99 {np_:.2f} ms",
    "", f"cached/off {sr/nr:.0f}x" if nr else "-", "(before: 48 req/s)")
la, ll = med("ingest_alone"), med("ingest_loaded")
row(f"ingest of {m:,} under 8 /status readers", f"{m/ll:,.0f} reports/s" if ll else "-",
    f"alone {m/la:,.0f} reports/s" if la else "-", f"{la/ll:.2f}" if ll else "-",
    "within 20 % (>= 0.80)", ll and la / ll >= 0.8)
row(f"{big:,} stored reports: database", f"{med('big_bytes')/1e6:,.0f} MB",
    f"generated in {med('big_gen_s'):.1f} s", "", "")
sd, sw = med("start_default"), med("start_wide")
row(f"  start-up to ready, ttl 6 h ({int(med('big_window')):,} reports in the window)",
    f"{sd:.2f} s", "", "", "< 2 s", sd < 2)
row(f"  start-up, ttl 31 d (all {big:,} in the window)", f"{sw:.2f} s", "", "", "< 2 s", sw < 2)
row(f"  GET /regions/UA-12/history, 24 h ({int(med('hist_day_rows')):,} points)",
    f"{med('hist_day')*1e3:.1f} ms", "", "", "")
row(f"  GET .../history?since=30d ({int(med('hist_month_rows')):,} points, capped)",
    f"{med('hist_month')*1e3:.1f} ms", "", "", "")
# the extractor (bench/extract-speed.sh: one core, medians of 5)
ext = {}
try:
    for l in open(f"{t}/extract.out"):
        f = l.split()
        if len(f) == 6 and f[0] == "row":
            ext[f[1]] = (float(f[2]), float(f[3]), int(f[4]), int(f[5]))
except OSError:
    pass
for kind, what, goal in (
        ("dense", "outage-dense labelled passages", 50),
        ("articles", "whole articles", 100)):
    if kind not in ext:
        row(f"extractor, one core, on {what}", "-", "", "", "(not run)")
        continue
    e, b, texts, size = ext[kind]
    row(f"extractor, one core, on {what} ({texts} texts, {size / 1e3:.0f} kB)",
        f"{e:,.1f} MB/s", f"lowercase pass {b:,.0f} MB/s", f"{e / b:.3f}",
        f">= {goal} MB/s (issue 10)", e >= goal)
# sensing devices (bench/sensors.sh)
sen = {}
try:
    for l in open(f"{t}/sensors.out"):
        f = l.split()
        if len(f) == 3 and f[0] == "row":
            sen[f[1]] = float(f[2])
except OSError:
    pass
if sen.get("hb_rate"):
    hb, hbb = sen["hb_rate"], sen.get("hb_broker_rate", 0)
    row(f"sensors: {int(sen['hb_steady']):,} heartbeats of {int(sen['hb_devices']):,} "
        "lit devices, durable", f"{hb:,.0f}/s, {sen['hb_us']:.1f} us CPU each "
        f"({sen['hb_user_us']:.1f} + {sen['hb_sys_us']:.1f})",
        f"broker alone {hbb:,.0f} msg/s" if hbb else "-",
        f"{hb / hbb:.2f}" if hbb else "-", "")
    row("  100,000 devices at one heartbeat a minute", f"{sen['hb_core_pct']:.2f} % of one core",
        "", "", "< 10 % of one core (issue 14)", sen["hb_core_pct"] < 10)
    row(f"  first heartbeat of each (a stored transition)",
        f"{sen['hb_first_rate']:,.0f}/s, {sen['hb_first_us']:.1f} us CPU each", "", "", "")
    row(f"  Will to regional alert ({int(sen['will_trials'])} trials, 6 of 10 devices)",
        f"p50 {sen['will_p50']:,.0f} ms, p99 {sen['will_p99']:,.0f} ms",
        f"broker's Wills p99 {sen['will_broker_p99']:,.0f} ms", "",
        "p99 (issue 14; each Will settles 2 s)")
else:
    row("sensors (bench/sensors.sh)", "-", "", "", "(failed: see its output)")
w = [max(len(r[i]) for r in rows) for i in range(5)]
hdr = ("measure", "outaged", "baseline (same run)", "ratio", "goal (issue 12 unless named)")
w = [max(w[i], len(hdr[i])) for i in range(5)]
print(f"outaged benchmark table: medians of {runs} runs "
      f"(ingest: {len(res['outaged_s'])}), {secs} s in all "
      "(2 shared cores: others' tests run meanwhile, so figures are noisy)")
line = lambda r: "  ".join(r[i].ljust(w[i]) for i in range(5)).rstrip()
print(line(hdr))
print("  ".join("-" * w[i] for i in range(5)))
for r in rows:
    print(line(r))
def lines(path, pats):
    try:
        txt = open(path).read().splitlines()
    except OSError:
        return []
    return [l.rstrip() for l in txt if any(re.search(p, l) for p in pats)]
print("router (bench/route-speed.sh):")
for l in lines(f"{t}/route.out", [r"router_figure", r"baseline", r"goal"]):
    print("  " + l.strip())
print("deliveries (bench/deliver.sh):")
for l in lines(f"{t}/deliver.out", [r"deliveries/s", r"receiver alone", r"outaged,", r"goal"]):
    print("  " + l.strip())
PY
