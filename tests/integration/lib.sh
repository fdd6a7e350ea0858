# lib.sh - helpers for integration tests: a real mosquitto broker on a free
# loopback port, the real outaged, and mosquitto_pub/sub as clients.
# Source it, then call start_broker, start_outaged, and the expect helpers.
# Every process started here is killed on exit.  Results are printed as
# "PASS name" / "FAIL name" lines for tests/run.sh.

set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
OUTAGED=$BUILD/outaged
OUTAGECTL=$BUILD/outagectl
T=$(mktemp -d /tmp/outaged-it.XXXXXX)
PIDS=()
FAILS=0
OUTAGED_PID=
HTTP_PORT=
TOKEN=test-token-$$
BROKER_PID=
BROKER_PORT=

cleanup() {
	{
		for p in "${PIDS[@]}"; do
			kill -9 "$p"
		done
		wait
	} 2>/dev/null
	# an ASan/UBSan/LSan report from the daemon (make check SANITIZE=1)
	if grep -lqE 'ERROR: [A-Za-z]+Sanitizer|runtime error:' "$T"/*.log 2>/dev/null; then
		echo "FAIL sanitizer report in a daemon log:"
		grep -hE -A8 'ERROR: [A-Za-z]+Sanitizer|runtime error:' "$T"/*.log | head -40
		FAILS=$((FAILS + 1))
	fi
	if [ "$FAILS" -eq 0 ] && [ -z "${KEEP_TMP:-}" ]; then
		rm -rf "$T"
	else
		echo "# test files kept in $T"
	fi
}
trap cleanup EXIT

pass() { echo "PASS $1"; }
fail() {
	echo "FAIL $1${2:+: $2}"
	FAILS=$((FAILS + 1))
}
# check NAME COMMAND...: PASS when the command succeeds
check() {
	local name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_broker [extra mosquitto.conf lines]: listens on $BROKER_PORT
start_broker() {
	BROKER_PORT=${BROKER_PORT:-$(free_port)}
	cat > "$T/mosquitto.conf" <<CONF
listener $BROKER_PORT 127.0.0.1
allow_anonymous true
persistence false
# enough room for a restarting subscriber (DESIGN.md, Durability)
max_inflight_messages 2000
max_queued_messages 1000000
message_size_limit 0
# started as root, mosquitto would drop to its own user, unable to read
# the test's password and certificate files
user root
${1:-}
CONF
	mosquitto -c "$T/mosquitto.conf" >> "$T/mosquitto.log" 2>&1 &
	BROKER_PID=$!
	PIDS+=("$BROKER_PID")
	disown "$BROKER_PID"
	for _ in $(seq 100); do
		# a TCP connect: works for brokers that refuse anonymous clients
		if (: > "/dev/tcp/127.0.0.1/$BROKER_PORT") 2>/dev/null; then
			return 0
		fi
		sleep 0.05
	done
	echo "# broker did not start:"; cat "$T/mosquitto.log"
	return 1
}

stop_broker() {
	kill -TERM "$BROKER_PID" 2>/dev/null
	while kill -0 "$BROKER_PID" 2>/dev/null; do sleep 0.05; done
}

# write_config [extra top-level JSON members, comma-prefixed]; DELIVERY
# holds extra members of the "delivery" section, comma-prefixed
write_config() {
	local tokens="\"$TOKEN\""
	[ -n "${TOKENS:-}" ] && tokens=$TOKENS
	cat > "$T/outaged.json" <<JSON
{
  "mqtt": { "broker": "127.0.0.1:$BROKER_PORT", "prefix": "outages",
            "client_id": "outaged-test", "keepalive": 5,
            "reconnect_max": 2 },
  "database": "$T/outaged.db",
  "http": { "listen": "127.0.0.1:0", "tokens": [$tokens],
            "web_root": "$ROOT/web", "openapi": "$ROOT/docs/openapi.json" },
  "regions": { "iso_codes": "/usr/share/iso-codes/json",
               "packs": "$ROOT/config/regions" },
  "delivery": { "templates": "$ROOT/config/templates" ${DELIVERY:-} },
  "limits": { "max_payload": 262144 }
  ${1:-}
}
JSON
}

# start_outaged [extra args]: waits until it has subscribed
start_outaged() {
	[ -f "$T/outaged.json" ] || write_config
	local before=0
	[ -f "$T/outaged.log" ] && before=$(grep -c 'subscribed to' "$T/outaged.log")
	"$OUTAGED" -c "$T/outaged.json" "$@" >> "$T/outaged.log" 2>&1 &
	OUTAGED_PID=$!
	PIDS+=("$OUTAGED_PID")
	disown "$OUTAGED_PID"	# no "Killed" job notice after a kill -9
	for _ in $(seq 200); do
		if [ "$(grep -c 'subscribed to' "$T/outaged.log")" -gt "$before" ]; then
			HTTP_PORT=$(sed -n 's/.*http: listening on .* (port \([0-9]*\)).*/\1/p' "$T/outaged.log" | tail -1)
			URL=http://127.0.0.1:$HTTP_PORT
			return 0
		fi
		if ! kill -0 "$OUTAGED_PID" 2>/dev/null; then
			break
		fi
		sleep 0.05
	done
	echo "# outaged did not come up:"; tail -20 "$T/outaged.log"
	return 1
}

gone() {	# gone PID: wait (up to 20 s) until the process has exited
	for _ in $(seq 400); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.05
	done
	return 1
}

stop_outaged() {	# SIGTERM and wait
	kill -TERM "$OUTAGED_PID" 2>/dev/null
	gone "$OUTAGED_PID"
}

kill9_outaged() {
	kill -9 "$OUTAGED_PID" 2>/dev/null
	gone "$OUTAGED_PID"
}

# metric NAME: a sample's value from /metrics (0 when absent); NAME may
# carry its labels: 'outaged_http_connections_ended_total{reason="shed"}'.
# The token goes along, for a daemon with http.read_auth.
metric() {
	curl -s -H "Authorization: Bearer $TOKEN" "$URL/metrics" |
	    awk -v n="$1" '$1 == n { v = $2 } END { print v + 0 }'
}
pub() {	# pub TOPIC MESSAGE
	mosquitto_pub -p "$BROKER_PORT" -q 1 -t "$1" -m "$2"
}

# subscribe NAME TOPIC: records "topic payload" lines in $T/NAME.sub
subscribe() {
	mosquitto_sub -p "$BROKER_PORT" -q 1 -v -t "$2" > "$T/$1.sub" 2>&1 &
	PIDS+=("$!")
	disown "$!"	# killed at exit; no "Killed" job notice
	sleep 0.2
}

# wait_line FILE REGEX [SECONDS]: wait until a line of FILE matches
wait_line() {
	local file=$1 re=$2 secs=${3:-5}
	local n=$((secs * 20))
	for _ in $(seq "$n"); do
		if grep -qE "$re" "$file" 2>/dev/null; then
			return 0
		fi
		sleep 0.05
	done
	return 1
}

# retained TOPIC: print the retained payload of TOPIC (empty if none)
retained() {
	mosquitto_sub -p "$BROKER_PORT" -t "$1" -C 1 -W 3 2>/dev/null
}

# json_get JSON PYTHON-EXPR: evaluate an expression over j (the parsed JSON)
json_get() {
	python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"
}

sql() {	# sql QUERY: run against the daemon's database
	sqlite3 -cmd ".timeout 5000" "$T/outaged.db" "$1"
}

# wait_for SECONDS COMMAND...: poll until the command succeeds
wait_for() {
	local secs=$1
	shift
	for _ in $(seq $((secs * 20))); do
		if "$@"; then
			return 0
		fi
		sleep 0.05
	done
	return 1
}

sql_is() {	# sql_is QUERY EXPECTED
	[ "$(sql "$1" 2>/dev/null)" = "$2" ]
}

# wait_sql QUERY EXPECTED [SECONDS]: poll the database until QUERY prints
# EXPECTED
wait_sql() {
	wait_for "${3:-5}" sql_is "$1" "$2"
}

# wait_retained TOPIC PYTHON-EXPR EXPECTED [SECONDS]: poll the retained
# message of TOPIC until the expression over it prints EXPECTED
wait_retained() {
	local topic=$1 expr=$2 want=$3 secs=${4:-5} v
	for _ in $(seq $((secs * 5))); do
		v=$(retained "$topic")
		if [ -n "$v" ] && [ "$(json_get "$v" "$expr")" = "$want" ]; then
			return 0
		fi
		sleep 0.2
	done
	return 1
}
