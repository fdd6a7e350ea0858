# deliver_lib.sh - helpers for the delivery tests (test_deliver*.sh), on top
# of lib.sh: the webhook receiver (webhookreceiver.py: verifies Standard
# Webhooks signatures, logs each request, answers per path as told), the
# SMTP receiver (smtpreceiver.py) and the API calls.  Source after lib.sh.

# Debian's python3 (python3-aiosmtpd); one earlier on PATH may not see it
PY3=/usr/bin/python3
[ -x "$PY3" ] || PY3=python3
HERE=$ROOT/tests/integration
# a Standard Webhooks secret: "whsec_" + base64 of 32 bytes
SECRET=whsec_$(python3 -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())')
declare -A RECV_PID RECV_PORT

# start_webhook NAME [PORT]: a receiver logging to $T/NAME.log; its port in
# ${RECV_PORT[NAME]}
start_webhook() {
	local name=$1 port=${2:-0}
	rm -f "$T/$name.port"
	"$PY3" "$HERE/webhookreceiver.py" --secret "$SECRET" --port "$port" \
	    "$T/$name.log" "$T/$name.port" 2>>"$T/$name.err" &
	RECV_PID[$name]=$!
	PIDS+=("$!")
	disown "$!"
	wait_for 10 test -s "$T/$name.port" || { echo "# $name did not start"; return 1; }
	RECV_PORT[$name]=$(cat "$T/$name.port")
	touch "$T/$name.log"
}

# start_smtp NAME: the SMTP receiver, logging to $T/NAME.log
start_smtp() {
	local name=$1
	"$PY3" "$HERE/smtpreceiver.py" "$T/$name.log" "$T/$name.port" \
	    2>>"$T/$name.err" &
	RECV_PID[$name]=$!
	PIDS+=("$!")
	disown "$!"
	wait_for 10 test -s "$T/$name.port" || { echo "# $name did not start"; cat "$T/$name.err"; return 1; }
	RECV_PORT[$name]=$(cat "$T/$name.port")
	touch "$T/$name.log"
}

stop_receiver() {	# stop_receiver NAME: kill it and wait until it is gone
	kill -9 "${RECV_PID[$1]}" 2>/dev/null
	gone "${RECV_PID[$1]}"
}

# wh_url NAME PATH: the URL of PATH on receiver NAME
wh_url() { echo "http://127.0.0.1:${RECV_PORT[$1]}$2"; }

# control NAME PATH [MODE [EXTRA-JSON-MEMBERS]]: tell a path what to answer
control() {
	local body="{\"path\": \"$2\""
	[ -n "${3:-}" ] && body="$body, \"mode\": \"$3\"${4:+, $4}"
	curl -s -o /dev/null -X POST --data "$body}" "$(wh_url "$1" /_control)"
}

# api METHOD PATH [BODY]: the daemon's API with the token; the answer's body
# on stdout, its status in $T/api.status
api() {
	curl -s -o "$T/api.out" -w '%{http_code}' -X "$1" \
	    -H "Authorization: Bearer $TOKEN" ${3:+--data "$3"} \
	    "$URL/api/v1$2" > "$T/api.status"
	cat "$T/api.out"
}

# subscribe_api JSON: POST a subscription, print its id (empty on failure)
subscribe_api() {
	local out
	out=$(api POST /subscriptions "$1")
	if [ "$(cat "$T/api.status")" != 201 ]; then
		echo "# subscription refused: $out" >&2
		return 1
	fi
	json_get "$out" 'j["id"]'
}

# webhook_sub ID-VAR REGIONS-JSON URL [EXTRA-MEMBERS]: a signed webhook
# subscription; its id in the named variable
webhook_sub() {
	local v
	v=$(subscribe_api "{\"regions\": $2, \"channel\": {\"type\": \"webhook\", \"url\": \"$3\", \"secret\": \"$SECRET\"}${4:+, $4}}")
	printf -v "$1" '%s' "$v"
}

# report ID REGION UTILITY STATUS [AFFECTED]: publish a report from "dtek"
report() {
	local a=
	[ -n "${5:-}" ] && a=", \"affected\": $5, \"unit\": \"households\""
	pub outages/reports/dtek "{\"id\": \"$1\", \"source\": \"dtek\", \"region\": \"$2\", \"utility\": \"$3\", \"status\": \"$4\"$a}"
}

# reqs NAME [PYTHON-CONDITION]: the requests receiver NAME logged that match
# the condition over r (the logged object), as JSON lines
reqs() {
	python3 - "$T/$1.log" "${2:-True}" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["event"] == "request" and eval(sys.argv[2]):
        print(json.dumps(r, ensure_ascii=False))
PY
}

# nreqs NAME [CONDITION]: how many such requests
nreqs() { reqs "$@" | wc -l; }

# path_event PATH EVENT: a condition for reqs: this path, this event in the
# alert JSON body (plain webhooks)
path_event() {
	echo "r['path'] == '$1' and json.loads(r['body']).get('event') == '$2'"
}

nreqs_ge() { [ "$(nreqs "$1" "$2")" -ge "$3" ]; }
# wait_reqs NAME CONDITION N SECONDS: until at least N such requests
wait_reqs() { wait_for "$4" nreqs_ge "$1" "$2" "$3"; }

# deliveries [QUERY]: GET /deliveries?QUERY
deliveries() { api GET "/deliveries?limit=1000${1:+&$1}"; }

# dl_states SUB: "state:count ..." of a subscription's deliveries, sorted
dl_states() {
	deliveries "subscription=$1" | python3 -c '
import collections, json, sys
c = collections.Counter(d["state"] for d in json.load(sys.stdin)["deliveries"])
print(" ".join("%s:%d" % kv for kv in sorted(c.items())))'
}
dl_states_is() { [ "$(dl_states "$1")" = "$2" ]; }

# ids_once NAME CONDITION: every webhook-id of those requests seen once,
# and signed; prints "N distinct, M requests, K bad signatures"
id_summary() {
	reqs "$1" "$2" | python3 -c '
import collections, json, sys
rs = [json.loads(l) for l in sys.stdin]
c = collections.Counter(r["id"] for r in rs)
print(len(c), len(rs), sum(r["sig"] != "ok" for r in rs), max(c.values() or [0]))'
}
