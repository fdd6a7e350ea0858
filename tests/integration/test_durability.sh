# test_durability.sh - 10,000 QoS 1 reports with distinct ids while outaged
# is killed with SIGKILL twice (and restarted): afterwards exactly 10,000
# distinct reports are stored, none lost and none doubled.  The broker keeps
# the persistent session's queue while the daemon is down; a report whose
# PUBACK left was committed, and redeliveries are idempotent by id.
. "$(dirname "$0")/lib.sh"

N=10000
CHUNKS=2
start_broker || exit 1
start_outaged || exit 1

python3 - "$T" "$N" "$CHUNKS" <<'PY'
import json, sys
t, n, chunks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
regions = ["UA-12", "UA-63", "UA-51", "UA-46", "UA-32", "Dnipro", "Kharkiv city"]
per = n // chunks
for c in range(chunks):
    with open(f"{t}/chunk{c}.txt", "w") as f:
        for i in range(c * per, (c + 1) * per):
            f.write(json.dumps({"id": f"r{i:05d}", "source": "load",
                "region": regions[i % len(regions)], "utility": "power",
                "status": "outage", "affected": 1000 + i}) + "\n")
PY

# the publisher runs on its own, chunk by chunk, whatever the daemon does
(
	for c in $(seq 0 $((CHUNKS - 1))); do
		mosquitto_pub -p "$BROKER_PORT" -q 1 -t outages/reports/load \
		    -l < "$T/chunk$c.txt" || echo "publisher: chunk $c failed"
	done
) > "$T/publisher.log" 2>&1 &
PUBLISHER=$!
PIDS+=("$PUBLISHER")

count() { sql 'select count(*) from reports' 2>/dev/null || echo 0; }
wait_count() {	# wait until at least $1 reports are stored
	for _ in $(seq 600); do
		[ "$(count)" -ge "$1" ] && return 0
		sleep 0.05
	done
	return 1
}

kills=0
for at in 1500 5500; do
	wait_count "$at"
	c=$(count)
	kill9_outaged
	kills=$((kills + 1))
	echo "# SIGKILL $kills with $c of $N stored"
	sleep 0.5	# the broker queues for the dead session meanwhile
	start_outaged || { fail "durability: restart after SIGKILL"; exit 1; }
done

wait "$PUBLISHER"
for _ in $(seq 1200); do
	[ "$(count)" -ge "$N" ] && break
	sleep 0.1
done
sleep 1		# anything still to come would be a duplicate
stored=$(count)
distinct=$(sql "select count(distinct key) from reports")
missing=$(python3 - "$T/outaged.db" "$N" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
have = {k for (k,) in db.execute("select key from reports")}
want = {f"id:load/r{i:05d}" for i in range(int(sys.argv[2]))}
print(len(want - have), len(have - want))
PY
)
echo "# stored $stored, distinct $distinct, missing/extra: $missing"
check "durability: killed twice mid-stream" [ "$kills" -eq 2 ]
check "durability: exactly $N reports stored" [ "$stored" -eq "$N" ]
check "durability: $N distinct ids" [ "$distinct" -eq "$N" ]
check "durability: none missing, none extra" [ "$missing" = "0 0" ]
check "durability: publisher completed" [ ! -s "$T/publisher.log" ]
exit 0
