# test_disk_full.sh - the database's disk fills up under a stream of
# reports: outaged must not crash and must not acknowledge what it could not
# store.  When space returns, the broker redelivers and every report is
# stored exactly once.  (A real full filesystem: a small tmpfs, as root.)
# While commits fail, /healthz says the database is failing (503,
# "database": "error") and the reconnects back off exponentially instead
# of one a second (issue 13 item 7).
. "$(dirname "$0")/lib.sh"

N=300
SMALL=$T/small
mkdir -p "$SMALL"
if ! mount -t tmpfs -o size=400k tmpfs "$SMALL" 2>/dev/null; then
	fail "disk full: cannot mount a tmpfs (needs root)"
	exit 1
fi
trap 'umount -l "$SMALL" 2>/dev/null; cleanup' EXIT

start_broker || exit 1
write_config
sed -i "s|\"database\": \"[^\"]*\"|\"database\": \"$SMALL/outaged.db\"|" "$T/outaged.json"
start_outaged || exit 1

python3 - "$T/fill.txt" "$N" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(json.dumps({"id": f"f{i:04d}", "source": "fill",
            "region": "UA-53", "utility": "water", "status": "outage",
            "affected": 100 + i, "text": "x" * 3000}) + "\n")
PY
mosquitto_pub -p "$BROKER_PORT" -q 1 -t outages/reports/fill -l < "$T/fill.txt" &
PIDS+=("$!")

check "disk full: the failed commit is logged" \
    wait_line "$T/outaged.log" 'store: cannot commit' 20
check "disk full: the connection is dropped so nothing unstored is acked" \
    grep -q 'dropping the broker connection' "$T/outaged.log"
sleep 1
check "disk full: outaged is still running" kill -0 "$OUTAGED_PID"
count() { sqlite3 -cmd ".timeout 5000" "$SMALL/outaged.db" 'select count(*) from reports' 2>/dev/null || echo 0; }
partial=$(count)
echo "# stored while the disk was full: $partial of $N"
check "disk full: not everything fit" [ "$partial" -lt "$N" ]

hz=$(curl -s "$URL/healthz")
hzcode=$(curl -s -o /dev/null -w '%{http_code}' "$URL/healthz")
echo "# healthz while full: $hzcode $hz"
check "disk full: /healthz is 503" [ "$hzcode" = 503 ]
check "disk full: /healthz says the database is failing" \
    [ "$(json_get "$hz" 'j["database"]')" = error ]
check "disk full: /healthz says when the last commit failed" \
    [ "$(json_get "$hz" '"last_commit_failed_at" in j')" = True ]
# 16 s of a full disk: reconnect delays 1 2 4 8 (+ jitter) are at most 5
# attempts, where a reconnect a second made 10 or more
ticks() { awk '{print $14 + $15}' "/proc/$OUTAGED_PID/stat"; }
failed() { grep -c 'store: cannot commit' "$T/outaged.log"; }
a0=$(grep -c 'mqtt: reconnecting' "$T/outaged.log")
c0=$(ticks)
f0=$(failed)
sleep 16
a1=$(grep -c 'mqtt: reconnecting' "$T/outaged.log")
c1=$(ticks)
f1=$(failed)
cpu=$(( (c1 - c0) * 100 / ($(getconf CLK_TCK) * 16) ))
echo "# in 16 s of full disk: $((a1 - a0)) reconnects, $((f1 - f0)) failed commits, CPU ${cpu} %"
check "disk full: reconnects back off (at most 5 in 16 s)" [ $((a1 - a0)) -le 5 ]
# a commit fails when a reconnect brings reports, not pass after pass (a
# rebuilt state that had to be written again: 78809 failures, CPU 39 %)
check "disk full: a failed commit per reconnect, no more" \
    [ $((f1 - f0)) -le $((a1 - a0 + 2)) ]
check "disk full: the delay grows past mqtt.reconnect_max" \
    grep -qE 'mqtt: reconnecting .* in ([89][0-9]{3}|[0-9]{5}) ms' "$T/outaged.log"
check "disk full: CPU under 5 % while the disk is full" [ "$cpu" -lt 5 ]

mount -o remount,size=50m "$SMALL"
for _ in $(seq 450); do
	[ "$(count)" -ge "$N" ] && break
	sleep 0.1
done
check "disk full: after space returns all $N reports are stored" [ "$(count)" -eq "$N" ]
hz200() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/healthz")" = 200 ]; }
check "disk full: /healthz is 200 again (within 15 s)" wait_for 15 hz200
check "disk full: none twice" [ "$(sqlite3 "$SMALL/outaged.db" 'select count(distinct key) from reports')" -eq "$N" ]

# Not one free block: whether the tmpfs above leaves the small writes of
# the pass after a failure room depends on timing, so here every write of
# the database fails (strace injects ENOSPC into pwrite64) for 10 s while
# 20 more reports arrive.  That pass once failed too, the state was
# rebuilt, and the next pass came at once (poll timeout 0): a busy loop.
M=20
python3 - "$T/more.txt" "$M" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(json.dumps({"id": f"m{i:04d}", "source": "fill",
            "region": "UA-53", "utility": "water", "status": "outage",
            "affected": 1000 + i, "text": "y" * 300}) + "\n")
PY
timeout 10 strace -qq -e trace=pwrite64 -e inject=pwrite64:error=ENOSPC \
    -o "$T/nospace.strace" -p "$OUTAGED_PID" 2>"$T/strace.err" &
STRACE_PID=$!
PIDS+=("$STRACE_PID")
sleep 0.5
mosquitto_pub -p "$BROKER_PORT" -q 1 -t outages/reports/fill -l < "$T/more.txt"
check "no space: a commit fails" wait_for 5 \
    eval '[ "$(failed)" -gt "$f1" ]'
f2=$(failed)
c2=$(ticks)
sleep 7
f3=$(failed)
c3=$(ticks)
wait "$STRACE_PID"
cpu=$(( (c3 - c2) * 100 / ($(getconf CLK_TCK) * 7) ))
echo "# in 7 s of no space: $((f3 - f2)) failed commits, $(grep -c pwrite64 "$T/nospace.strace") writes tried, CPU ${cpu} %"
check "no space: strace attached" [ ! -s "$T/strace.err" ]
check "no space: the failed commits are few (at most 5 in 7 s)" \
    [ $((f3 - f2)) -le 5 ]
check "no space: CPU under 5 %" [ "$cpu" -lt 5 ]
for _ in $(seq 450); do
	[ "$(count)" -ge $((N + M)) ] && break
	sleep 0.1
done
check "no space: afterwards all $M more reports are stored" \
    [ "$(count)" -eq $((N + M)) ]
stop_outaged
check "disk full: clean stop afterwards" grep -q 'stopped' "$T/outaged.log"
exit 0
