# bench/lib.sh - what the benchmark scripts share.  Source it after
# tests/integration/lib.sh (it uses BROKER_PORT, PIDS, T and BUILD).

now() { date +%s.%N; }
# ticks PID: its user and system CPU so far, in clock ticks
ticks() { awk '{print $14, $15}' "/proc/$1/stat"; }
note() { echo "# $(( SECONDS - ${START:-0} )) s: $*" >&2; }

# wait_committed N [SECONDS]: until outaged's database holds N reports,
# watched by one poller every 10 ms (committed.py), as cheap as the raw
# baseline's tail --pid
wait_committed() {
	bench/committed.py "$T/outaged.db" "$1" "${2:-120}"
}

# broker_alone FILE N: the baseline of every ingest figure.  Prints the
# seconds the broker alone takes to pass FILE's N lines as QoS 1
# messages (build/mqtt_lat pub, INFLIGHT at most unacknowledged) to a
# QoS 1 mosquitto_sub.
broker_alone() {
	local sub t0

	mosquitto_sub -p "$BROKER_PORT" -q 1 -C "$2" -t bench/raw > /dev/null &
	sub=$!
	PIDS+=("$sub")
	sleep 0.3
	t0=$(now)
	"$BUILD/mqtt_lat" pub "$BROKER_PORT" bench/raw "$1" "$INFLIGHT" > /dev/null
	timeout 120 tail -s 0.01 --pid="$sub" -f /dev/null
	python3 -c "print($(now) - $t0)"
}
