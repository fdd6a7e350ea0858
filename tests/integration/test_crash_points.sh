# test_crash_points.sh - the daemon dies (_exit) at each named crash point
# (include/crashpoint.h) while QoS 1 reports stream in, and is started
# again; at the end no report the broker acknowledged to the publisher is
# missing, and no alert or webhook went out more than once more per crash,
# every copy carrying the same payload (alerts) or webhook-id (webhooks).
#
# The crash build is $BUILD/crash/outaged (made here by `make crash` when
# CRASH_BUILD is not given).  CRASH_ROUNDS (default 5) crashes per point;
# make crash-soak runs 20.
. "$(dirname "$0")/lib.sh"

if [ -z "${CRASH_BUILD:-}" ]; then
	make -s -C "$ROOT" -j2 crash > "$T/make-crash.log" 2>&1 ||
	    { fail "crash: make crash" "$(tail -3 "$T/make-crash.log")"; exit 1; }
fi
CRASH_BUILD=${CRASH_BUILD:-${BUILD:-build}/crash}
case $CRASH_BUILD in /*) ;; *) CRASH_BUILD=$ROOT/$CRASH_BUILD ;; esac
CRASHED=$CRASH_BUILD/outaged
ROUNDS=${CRASH_ROUNDS:-5}
POINTS="before-begin before-commit after-commit before-publish after-puback webhook-before-mark"
if [ ! -x "$CRASHED" ]; then
	fail "crash: no crash build at $CRASHED (make crash)"
	exit 1
fi
if strings "$OUTAGED" | grep -q '^crash point '; then
	fail "crash: the normal build $OUTAGED has crash points compiled in"
fi
if ! strings "$CRASHED" | grep -q '^crash point '; then
	fail "crash: $CRASHED has no crash points (built without -DOUTAGED_CRASH_POINTS)"
	exit 1
fi

start_broker || exit 1
# (a daemon dying mid-request makes it print a traceback: to its own log)
python3 "$ROOT/tests/integration/httpreceiver.py" "$T/hooks.jsonl" "$T/hookport" 2> "$T/receiver.log" &
PIDS+=("$!")
for _ in $(seq 100); do [ -s "$T/hookport" ] && break; sleep 0.05; done
HOOK_PORT=$(cat "$T/hookport")
REGIONS='"UA-12", "UA-63", "UA-51", "UA-46", "UA-32"'
SUBS=', "subscriptions": [
    {"regions": ['"$REGIONS"'], "utilities": ["power"],
     "channel": {"type": "webhook", "url": "http://127.0.0.1:'"$HOOK_PORT"'/hook"}}]'
DELIVERY=', "allow_private_targets": true'
write_config "$SUBS"
subscribe alerts 'outages/alerts/#'

# the publisher: batches of 20 QoS 1 reports with ids; a batch whose
# mosquitto_pub exits 0 was acknowledged by the broker, every id of it.
# Region k % 5 goes out in batches 0-4 and back in 5-9, and so on: an
# alert fires or resolves (and a webhook goes) with every batch.
cat > "$T/publisher.sh" <<'SH'
#!/bin/bash
port=$1 t=$2
regions=(UA-12 UA-63 UA-51 UA-46 UA-32)
k=0
while [ ! -e "$t/stop" ]; do
	r=${regions[$((k % 5))]}
	if [ $(((k / 5) % 2)) = 0 ]; then st=outage; n=600000; else st=restored; n=0; fi
	: > "$t/batch"
	for i in $(seq 0 19); do
		echo "{\"id\":\"c$k-$i\",\"source\":\"load\",\"region\":\"$r\",\"utility\":\"power\",\"status\":\"$st\",\"affected\":$((n + i))}" >> "$t/batch"
	done
	if mosquitto_pub -p "$port" -q 1 -t outages/reports/load -l < "$t/batch"; then
		for i in $(seq 0 19); do echo "id:load/c$k-$i"; done >> "$t/acked.txt"
	else
		echo "batch $k not acknowledged" >> "$t/publisher.log"
	fi
	k=$((k + 1))
	sleep 0.1
done
SH
start_outaged || exit 1		# the first start makes the persistent session
bash "$T/publisher.sh" "$BROKER_PORT" "$T" &
PUBLISHER=$!
PIDS+=("$PUBLISHER")
sleep 2
stop_outaged

# a mark in each record of what went out (webhook requests, alerts):
# copies of one id must have a crash (or a kill -9) between them
mark_crash() {
	echo '{"event": "crash"}' >> "$T/hooks.jsonl"
	pub outages/alerts/_crash "$((crashes + kills))"
}

crashes=0
kills=0
# A clean stop, too, may publish an alert whose PUBACK it does not wait
# for (QoS 1: at least once); it counts as a point where one copy may
# repeat, like a crash.
mark_crash
declare -A reached
for point in $POINTS; do
	reached[$point]=0
	for round in $(seq "$ROUNDS"); do
		n=$((RANDOM % 4 + 1))
		[ "$point" = before-begin ] || [ "$point" = before-commit ] ||
		    [ "$point" = after-commit ] && n=$((RANDOM % 20 + 2))
		echo "== $point:$n" >> "$T/outaged.log"
		OUTAGED_CRASH_AT=$point:$n timeout 20 "$CRASHED" -c "$T/outaged.json" >> "$T/outaged.log" 2>&1
		rc=$?
		if [ "$rc" = 99 ]; then
			crashes=$((crashes + 1))
			reached[$point]=$((${reached[$point]} + 1))
			mark_crash
		else
			echo "# $point:$n not reached in 20 s (exit $rc)"
		fi
		# restarted at once, half the time by the normal build for a while
		if [ $((round % 2)) = 0 ]; then
			start_outaged || { fail "crash: restart after $point"; exit 1; }
			sleep 0.5
			kill9_outaged
			kills=$((kills + 1))
			mark_crash
		fi
	done
done

# the normal build drains what the broker holds; the publisher stops
start_outaged || { fail "crash: the final start"; exit 1; }
sleep 1
touch "$T/stop"
wait "$PUBLISHER"
acked=$(sort -u "$T/acked.txt" | wc -l)
for _ in $(seq 300); do
	stored=$(sql "select count(*) from reports" 2>/dev/null || echo 0)
	[ "$stored" -ge "$acked" ] && break
	sleep 0.1
done
# a webhook cut off by a crash is retried when its attempt's lease (the
# request timeout) runs out: wait for every delivery to be sent
wait_sql "select count(*) from deliveries where state <> 'sent'" 0 60
pending=$(sql "select count(*) from deliveries where state <> 'sent'")
outbox=$(sql "select count(*) from outbox")
sleep 1		# anything more would be a duplicate
stop_outaged

python3 - "$T" <<'PY' > "$T/verdict"
import collections, json, sqlite3, sys
t = sys.argv[1]
acked = set(open(f"{t}/acked.txt").read().split())
db = sqlite3.connect(f"{t}/outaged.db")
have = {k for (k,) in db.execute("select key from reports")}
lost = acked - have
# alerts: a republished outbox row is the same payload
alerts = collections.Counter()
for line in open(f"{t}/alerts.sub"):
    topic, _, payload = line.rstrip("\n").partition(" ")
    if topic.startswith("outages/alerts/"):
        alerts[payload] += 1
def excess(seq):
    """Copies of an id beyond one plus the crashes between its first and
    last copy (each crash may add one copy), counting the crash just
    before its first copy too: a copy sent before a crash can reach the
    subscriber after the crash's mark (seen under the slower sanitizer
    build); their sum; and the most copies of one id."""
    first, last, copies, crash_no = {}, {}, collections.Counter(), 0
    for item in seq:
        if item is None:
            crash_no += 1
            continue
        first.setdefault(item, crash_no)
        last[item] = crash_no
        copies[item] += 1
    over = sum(max(0, c - 1 - (last[i] - first[i]) - (first[i] > 0))
               for i, c in copies.items())
    return len(copies), sum(c - 1 for c in copies.values()), \
        max(copies.values(), default=0), over
seq = []
for line in open(f"{t}/alerts.sub"):
    topic, _, payload = line.rstrip("\n").partition(" ")
    if topic == "outages/alerts/_crash":
        seq.append(None)
    elif topic.startswith("outages/alerts/"):
        seq.append(payload)
n_a, extra_a, max_a, over_a = excess(seq)
seq = []
for line in open(f"{t}/hooks.jsonl"):
    ev = json.loads(line)
    if ev.get("event") == "crash":
        seq.append(None)
    elif ev.get("event") == "request":
        hid = [v for k, v in ev["headers"] if k.lower() == "webhook-id"]
        seq.append(hid[0] if hid else "?")
n_h, extra_h, max_h, over_h = excess(seq)
print(len(acked), len(have), len(lost), n_a, extra_a, max_a, over_a,
      n_h, extra_h, max_h, over_h, int(db.execute("pragma integrity_check").fetchone()[0] == "ok"))
PY
read -r nacked nstored nlost nalerts extra_a max_a over_a nhooks extra_h max_h over_h intact < "$T/verdict"
echo "# crash points: $crashes crashes (${ROUNDS} rounds per point), and $kills kill -9 of the normal build between them"
for p in $POINTS; do echo "#   $p: ${reached[$p]}"; done
echo "# reports: $nacked acknowledged to the publisher, $nstored stored, $nlost lost"
echo "# alerts: $nalerts distinct, $extra_a extra copies (most copies of one: $max_a)"
echo "# webhooks: $nhooks distinct webhook-ids, $extra_h extra deliveries (most of one: $max_h)"
for p in $POINTS; do
	check "crash: $p reached (${reached[$p]} of $ROUNDS)" [ "${reached[$p]}" -ge 1 ]
done
check "crash: reports were acknowledged throughout ($nacked)" [ "$nacked" -ge 500 ]
check "crash: no acknowledged report lost ($nlost of $nacked)" [ "$nlost" = 0 ]
check "crash: alerts were published ($nalerts)" [ "$nalerts" -ge 20 ]
check "crash: at most one extra copy of an alert per crash, same payload ($over_a over)" \
    [ "$over_a" = 0 ]
check "crash: webhooks were delivered ($nhooks)" [ "$nhooks" -ge 20 ]
check "crash: at most one extra webhook delivery per crash, same webhook-id ($over_h over)" \
    [ "$over_h" = 0 ]
check "crash: every webhook delivered in the end ($pending not sent)" [ "$pending" = 0 ]
check "crash: every alert published in the end ($outbox in the outbox)" [ "$outbox" = 0 ]
check "crash: the database passes integrity_check" [ "$intact" = 1 ]
check "crash: the publisher had every batch acknowledged" [ ! -s "$T/publisher.log" ]
exit 0
