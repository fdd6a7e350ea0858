#!/bin/bash
# run.sh - `make run`: start outaged on this machine for a person to try.
# When no broker is configured (OUTAGED_BROKER unset), a local mosquitto is
# started on a free loopback port with the settings DESIGN.md asks for; the
# daemon uses the SQLite file under ./var.  Ctrl-C stops both.
set -eu
BUILD=${1:-build}
cd "$(dirname "$0")/.."
mkdir -p var

broker_pid=
cleanup() {
	[ -n "${outaged_pid:-}" ] && kill -TERM "$outaged_pid" 2>/dev/null && wait "$outaged_pid" 2>/dev/null
	[ -n "$broker_pid" ] && kill -TERM "$broker_pid" 2>/dev/null
	true
}
trap cleanup EXIT INT TERM

if [ -n "${OUTAGED_BROKER:-}" ]; then
	broker=$OUTAGED_BROKER
else
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
	sed -e "s/^listener .*/listener $port 127.0.0.1/" \
	    -e "s|^persistence_location .*|persistence_location $PWD/var/|" \
	    deploy/mosquitto.conf > var/mosquitto.conf
	mosquitto -c var/mosquitto.conf > var/mosquitto.log 2>&1 &
	broker_pid=$!
	for _ in $(seq 100); do
		mosquitto_pub -p "$port" -t outages/ping -m x 2>/dev/null && break
		sleep 0.05
	done
	broker=127.0.0.1:$port
	echo "make run: started mosquitto on $broker (log: var/mosquitto.log)"
fi
host=${broker%:*}
port=${broker##*:}

cat <<TXT

outaged is starting: database var/outaged.db, broker $broker.
In another terminal, publish the seed report and watch the result:

  mosquitto_sub -h $host -p $port -v -t 'outages/#' &
  mosquitto_pub -h $host -p $port -q 1 -t outages/reports/dtek -m \\
    '{"source":"dtek","region":"Dnipropetrovsk","utility":"power","status":"outage","affected":600000,"unit":"households","approximate":true}'
  $BUILD/outagectl --db var/outaged.db status UA-12

The dashboard and the HTTP API: http://127.0.0.1:8080/ (http.listen in
config/outaged.json), e.g. curl http://127.0.0.1:8080/api/v1/status

Ctrl-C stops outaged (and the broker it started).

TXT
"$BUILD/outaged" -c config/outaged.json --broker "$broker" &
outaged_pid=$!
wait "$outaged_pid"
