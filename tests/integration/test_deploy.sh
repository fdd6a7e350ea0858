# test_deploy.sh - the deployment files: deploy/outaged.service passes
# systemd-analyze verify and rates an exposure of 2.0 or lower; the daemon
# speaks sd_notify (READY=1 only once the broker is connected, WATCHDOG=1
# every WatchdogSec/2, STATUS=, STOPPING=1); deploy/prometheus-rules.yml
# passes promtool, and every outaged_* metric it names is on /metrics.
. "$(dirname "$0")/lib.sh"

UNIT=$ROOT/deploy/outaged.service
RULES=$ROOT/deploy/prometheus-rules.yml
EXPOSURE_MAX=2.0

# ---- the unit ---------------------------------------------------------
# verify checks that ExecStart's binary and Documentation='s man pages
# exist: a copy of the unit runs this build's daemon, with the man pages
# on MANPATH.  With the package installed, the shipped unit as it is.
mkdir -p "$T/unit" "$T/man/man1" "$T/man/man8"
cp "$ROOT/docs/outaged.8" "$T/man/man8/"
cp "$ROOT/docs/outagectl.1" "$T/man/man1/"
sed -e "s|/usr/bin/outaged|$OUTAGED|g" \
    -e "s|/etc/outaged/outaged.json|$T/outaged.json|g" \
    "$UNIT" > "$T/unit/outaged.service"
out=$(MANPATH=$T/man systemd-analyze verify "$T/unit/outaged.service" 2>&1)
rc=$?
check "unit: systemd-analyze verify is clean" [ "$rc:$out" = 0: ]
[ -n "$out" ] && echo "# $out"
if dpkg-query -W -f='${Status}' outaged 2>/dev/null | grep -q 'ok installed' &&
    cmp -s "$UNIT" /lib/systemd/system/outaged.service; then
	out=$(systemd-analyze verify "$UNIT" 2>&1)
	rc=$?
	check "unit: verify of deploy/outaged.service (package installed)" \
	    [ "$rc:$out" = 0: ]
	[ -n "$out" ] && echo "# $out"
fi
sec=$(systemd-analyze security --offline=yes "$UNIT" 2>&1)
score=$(printf '%s\n' "$sec" |
    sed -n 's/.*Overall exposure level for outaged.service: \([0-9.]*\).*/\1/p')
echo "# systemd-analyze security: exposure ${score:-?}"
check "unit: exposure $score <= $EXPOSURE_MAX" \
    awk -v s="$score" -v m="$EXPOSURE_MAX" 'BEGIN { exit !(s != "" && s + 0 <= m + 0) }'
check "unit: Type=notify" grep -qx 'Type=notify' "$UNIT"
check "unit: WatchdogSec set" grep -qE '^WatchdogSec=[1-9]' "$UNIT"

# ---- the rules ----------------------------------------------------------
out=$(promtool check rules "$RULES" 2>&1)
rc=$?
check "rules: promtool check rules passes" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || echo "# $out"

# ---- sd_notify ----------------------------------------------------------
# A listener on NOTIFY_SOCKET records each datagram as "TIME MESSAGE" (the
# message's newlines as |).  The broker is not running when the daemon
# starts: the database opens and HTTP listens, but READY=1 must wait.
cat > "$T/notify.py" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as out:
    while True:
        d = s.recv(4096).decode("utf-8", "replace")
        out.write("%.3f %s\n" % (time.time(), d.replace("\n", "|")))
PY
python3 "$T/notify.py" "$T/notify.sock" "$T/notify.log" 2>> "$T/notify.err" &
PIDS+=("$!")
disown "$!"
wait_for 5 test -S "$T/notify.sock" || fail "notify: listener did not start"
BROKER_PORT=$(free_port)
write_config
NOTIFY_SOCKET=$T/notify.sock WATCHDOG_USEC=400000 \
    "$OUTAGED" -c "$T/outaged.json" >> "$T/outaged.log" 2>&1 &
OUTAGED_PID=$!
PIDS+=("$OUTAGED_PID")
disown "$OUTAGED_PID"
wait_line "$T/outaged.log" 'http: listening on' 10 ||
    fail "notify: daemon did not start listening"
sleep 1.5
check "notify: no READY=1 while the broker is down" \
    bash -c '! grep -q "READY=1" "$1"' _ "$T/notify.log"
check "notify: daemon alive without a broker" kill -0 "$OUTAGED_PID"
check "notify: STATUS= says it is connecting" \
    grep -q 'STATUS=connecting to broker' "$T/notify.log"
nwd=$(grep -c 'WATCHDOG=1' "$T/notify.log")
check "notify: WATCHDOG=1 every WATCHDOG_USEC/2 (got $nwd in ~1.5 s at 200 ms)" \
    [ "$nwd" -ge 4 ]

t_broker=$(date +%s.%N)
start_broker || exit 1
check "notify: READY=1 once the broker is connected" \
    wait_line "$T/notify.log" 'READY=1' 10
t_ready=$(awk '/READY=1/ { print $1; exit }' "$T/notify.log")
check "notify: READY=1 came after the broker started" \
    awk -v a="$t_broker" -v b="$t_ready" 'BEGIN { exit !(b + 0 >= a + 0) }'
check "notify: the daemon had subscribed by then" \
    grep -q 'subscribed to' "$T/outaged.log"
check "notify: READY=1 carries a STATUS= line" \
    grep -q 'READY=1|STATUS=connected to broker 127.0.0.1:' "$T/notify.log"
nwd1=$(grep -c 'WATCHDOG=1' "$T/notify.log")
sleep 1
nwd2=$(grep -c 'WATCHDOG=1' "$T/notify.log")
check "notify: WATCHDOG=1 continues while connected" [ $((nwd2 - nwd1)) -ge 3 ]

# ---- every metric the rules name is exported ---------------------------
HTTP_PORT=$(sed -n 's/.*http: listening on .* (port \([0-9]*\)).*/\1/p' "$T/outaged.log" | tail -1)
curl -sf "http://127.0.0.1:$HTTP_PORT/metrics" > "$T/metrics.txt"
check "metrics: /metrics answers" test -s "$T/metrics.txt"
names=$(grep -v '^ *#' "$RULES" | grep -oE '\boutaged_[a-z0-9_]+' | sort -u)
check "metrics: the rules name outaged metrics" [ -n "$names" ]
for n in $names; do
	check "metrics: $n (used by the rules) is exported" \
	    grep -qE "^$n[{ ]" "$T/metrics.txt"
done

# a broker restart: STATUS= says so; READY=1 is not sent again
stop_broker
check "notify: STATUS= reports the lost broker" \
    wait_line "$T/notify.log" 'STATUS=broker .* disconnected' 5
n_sub=$(grep -c 'subscribed to' "$T/outaged.log")
start_broker || exit 1
wait_for 10 bash -c '[ "$(grep -c "subscribed to" "$1")" -gt "$2" ]' _ \
    "$T/outaged.log" "$n_sub"
check "notify: READY=1 sent once across a reconnect" \
    [ "$(grep -c 'READY=1' "$T/notify.log")" -eq 1 ]

stop_outaged
# the listener is another process: its line may land a moment after exit
check "notify: STOPPING=1 at shutdown" wait_line "$T/notify.log" 'STOPPING=1' 5
check "notify: clean exit" bash -c '! grep -qiE "fatal|error" "$1"' _ "$T/outaged.log"

# ---- an abstract NOTIFY_SOCKET ("@name"), and a watchdog for another pid --
# systemd may hand either; WATCHDOG_PID naming another process means the
# watchdog is not ours (sd_watchdog_enabled(3)), so no WATCHDOG=1.
ABSTRACT=outaged-test-notify-$$
python3 - "$ABSTRACT" "$T/notify2.log" 2>> "$T/notify.err" <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("\0" + sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as out:
    out.write("bound\n")
    while True:
        d = s.recv(4096).decode("utf-8", "replace")
        out.write("%.3f %s\n" % (time.time(), d.replace("\n", "|")))
PY
PIDS+=("$!")
disown "$!"
wait_line "$T/notify2.log" bound 5 || fail "notify: abstract listener did not start"
: > "$T/outaged.log"
NOTIFY_SOCKET=@$ABSTRACT WATCHDOG_USEC=200000 WATCHDOG_PID=1 \
    "$OUTAGED" -c "$T/outaged.json" >> "$T/outaged.log" 2>&1 &
OUTAGED_PID=$!
PIDS+=("$OUTAGED_PID")
disown "$OUTAGED_PID"
check "notify: READY=1 over an abstract socket" \
    wait_line "$T/notify2.log" 'READY=1' 10
sleep 0.6
check "notify: no WATCHDOG=1 when WATCHDOG_PID is another process" \
    bash -c '! grep -q "WATCHDOG=1" "$1"' _ "$T/notify2.log"
stop_outaged
check "notify: STOPPING=1 over the abstract socket" \
    wait_line "$T/notify2.log" 'STOPPING=1' 5
