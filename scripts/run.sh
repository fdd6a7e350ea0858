#!/bin/bash
# run.sh - `make run`: start outaged on this machine for a person to try.
# When no broker is configured (OUTAGED_BROKER unset), a local mosquitto is
# started on a free loopback port with the settings DESIGN.md asks for; the
# daemon uses the SQLite file under ./var.  Ctrl-C stops both and exits 0.
#   OUTAGED_BROKER=host:port   use that broker instead of starting one
#   OUTAGED_HTTP=addr:port     listen there (default: http.listen of
#                              config/outaged.json, 127.0.0.1:8080)
#   OUTAGED_VAR=dir            where the database and broker files go (var)
#   OUTAGED_TOKEN=secret       accept this bearer token for writes (http.tokens
#                              of config/outaged.json is empty): it is stored
#                              hashed in $OUTAGED_VAR/outaged.json, used instead
set -eu
BUILD=${1:-build}
cd "$(dirname "$0")/.."
var=${OUTAGED_VAR:-var}
mkdir -p "$var"
var=$(cd "$var" && pwd)

broker_pid=
outaged_pid=
stopping=0
cleanup() {
	[ -n "$outaged_pid" ] && kill -TERM "$outaged_pid" 2>/dev/null &&
	    wait "$outaged_pid" 2>/dev/null
	# the broker saves its queue on the way down
	[ -n "$broker_pid" ] && kill -TERM "$broker_pid" 2>/dev/null &&
	    wait "$broker_pid" 2>/dev/null
	true
}
trap cleanup EXIT
trap 'stopping=1' INT TERM

if [ -n "${OUTAGED_BROKER:-}" ]; then
	broker=$OUTAGED_BROKER
else
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
	# Started as root, mosquitto drops to its own user: its persistence
	# directory must be that user's, or every save fails.
	store=$var/mosquitto
	mkdir -p "$store"
	as_root=
	if [ "$(id -u)" = 0 ] && id mosquitto >/dev/null 2>&1; then
		chown mosquitto: "$store"
		# a checkout under /root (mode 700) is out of its reach: then
		# the broker keeps root rather than silently not saving
		if ! runuser -u mosquitto -- test -w "$store" 2>/dev/null; then
			as_root="user root"
			echo "make run: $store is not reachable by user mosquitto;" \
			    "the broker runs as root"
		fi
	fi
	sed -e "s/^listener .*/listener $port 127.0.0.1/" \
	    -e "s|^persistence_location .*|persistence_location $store/|" \
	    deploy/mosquitto.conf > "$var/mosquitto.conf"
	[ -z "$as_root" ] || echo "$as_root" >> "$var/mosquitto.conf"
	chmod 644 "$var/mosquitto.conf"
	mosquitto -c "$var/mosquitto.conf" > "$var/mosquitto.log" 2>&1 &
	broker_pid=$!
	for _ in $(seq 100); do
		mosquitto_pub -p "$port" -t outages/ping -m x 2>/dev/null && break
		sleep 0.05
	done
	broker=127.0.0.1:$port
	echo "make run: started mosquitto on $broker (log: $var/mosquitto.log)"
fi
# a token for the API's writes: config/outaged.json has none, so without
# one every POST is 401; the copy holds only its SHA-256
conf=config/outaged.json
if [ -n "${OUTAGED_TOKEN:-}" ]; then
	conf=$var/outaged.json
	(umask 077 && OUTAGED_TOKEN=$OUTAGED_TOKEN python3 -c '
import hashlib, json, os, sys
c = json.load(open("config/outaged.json"))
t = os.environ["OUTAGED_TOKEN"].encode()
c["http"]["tokens"] = ["sha256:" + hashlib.sha256(t).hexdigest()]
json.dump(c, sys.stdout, indent=2)
print()' > "$conf")
	echo "make run: the API accepts the token in OUTAGED_TOKEN ($conf)"
fi
host=${broker%:*}
port=${broker##*:}
http=${OUTAGED_HTTP:-127.0.0.1:8080}

cat <<TXT

outaged is starting: database $var/outaged.db, broker $broker.
In another terminal, publish the seed report and watch the result:

  mosquitto_sub -h $host -p $port -v -t 'outages/#' &
  mosquitto_pub -h $host -p $port -q 1 -t outages/reports/dtek -m \\
    '{"source":"dtek","region":"Dnipropetrovsk","utility":"power","status":"outage","affected":600000,"unit":"households","approximate":true}'
  $BUILD/outagectl --db $var/outaged.db status UA-12

The dashboard and the HTTP API: http://$http/,
e.g. curl http://$http/api/v1/status

Ctrl-C stops outaged (and the broker it started).

TXT
"$BUILD/outaged" -c "$conf" --broker "$broker" \
    --db "$var/outaged.db" ${OUTAGED_HTTP:+--http "$OUTAGED_HTTP"} &
outaged_pid=$!
rc=0
wait "$outaged_pid" || rc=$?
# Ctrl-C (or SIGTERM) is how a person stops it: not a failure
if [ "$stopping" = 1 ]; then
	kill -TERM "$outaged_pid" 2>/dev/null && wait "$outaged_pid" 2>/dev/null
	outaged_pid=
	exit 0
fi
outaged_pid=
exit "$rc"
