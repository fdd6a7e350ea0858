# test_lifecycle.sh - configuration errors, SIGHUP reload, broker loss and
# return, and a clean SIGTERM.
. "$(dirname "$0")/lib.sh"

start_broker || exit 1

# --check-config: bad files are refused with file:line:col
cat > "$T/bad.json" <<'JSON'
{
  "mqtt": { "broker": "127.0.0.1:1883",
            "prefixx": "outages" }
}
JSON
out=$("$OUTAGED" -c "$T/bad.json" --check-config 2>&1); rc=$?
check "config: unknown key refused (exit 1)" [ "$rc" -eq 1 ]
check "config: error names file:line:col" [ "$out" = "outaged: $T/bad.json:3:13: unknown option \"mqtt.prefixx\"" ]
printf '{ "aggregate": { "ttl": "6 hours" } }\n' > "$T/bad2.json"
out=$("$OUTAGED" -c "$T/bad2.json" --check-config 2>&1)
check "config: bad value located at its value" \
    bash -c '[[ "$1" == *"bad2.json:1:25: aggregate.ttl must be a duration"* ]]' _ "$out"
check "config: shipped config/outaged.json is valid" \
    "$OUTAGED" -c "$ROOT/config/outaged.json" --check-config >/dev/null 2>&1
"$OUTAGED" -c "$ROOT/config/outaged.json" --check-config > "$T/dump.json" 2>/dev/null
check "config: --check-config prints the effective config as JSON" \
    python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(j["alerts"]["fire"] != "major")' "$T/dump.json"
check "cli: --help exits 0" bash -c '"$1" --help > /dev/null' _ "$OUTAGED"
"$OUTAGED" --bogus >/dev/null 2>&1
check "cli: unknown option exits 2" [ $? -eq 2 ]

# reload: a broken file keeps the running config; a good one applies
write_config ', "alerts": { "fire": "critical", "clear": "minor" }'
start_outaged || exit 1
subscribe alerts 'outages/alerts/#'
pub outages/reports/ztoe '{"id":"z1","source":"ztoe","region":"UA-18","utility":"power","status":"outage","affected":100000,"unit":"households"}'
sleep 1
check "reload: below the configured fire severity, no alert" [ ! -s "$T/alerts.sub" ]
cp "$T/outaged.json" "$T/good.json"
printf '{ "alerts": { "fire": ' > "$T/outaged.json"
kill -HUP "$OUTAGED_PID"
check "reload: a broken file is refused and logged" wait_line "$T/outaged.log" 'reload: .*keeping the running configuration'
check "reload: daemon survives a broken file" kill -0 "$OUTAGED_PID"
sed 's/"fire": "critical"/"fire": "major"/' "$T/good.json" > "$T/outaged.json"
kill -HUP "$OUTAGED_PID"
check "reload: new thresholds apply to the live picture" \
    wait_line "$T/alerts.sub" '^outages/alerts/power/UA/UA-18 .*"event":"firing"'
sed "s|\"database\": \"[^\"]*\"|\"database\": \"$T/other.db\"|" "$T/good.json" > "$T/outaged.json"
kill -HUP "$OUTAGED_PID"
check "reload: an immutable key change is refused" wait_line "$T/outaged.log" 'database cannot change on reload'

# the broker goes away and comes back: outaged reconnects on its own
subs_before=$(grep -c 'subscribed to' "$T/outaged.log")
stop_broker
check "broker loss: noticed" wait_line "$T/outaged.log" 'mqtt: (disconnected|connect)' 5
start_broker || exit 1
check "broker loss: reconnected" wait_line "$T/outaged.log" 'mqtt: connected to .*' 10
resubscribed() {
	for _ in $(seq 100); do
		[ "$(grep -c 'subscribed to' "$T/outaged.log")" -gt "$subs_before" ] && return 0
		sleep 0.05
	done
	return 1
}
check "broker loss: resubscribed" resubscribed
pub outages/reports/ztoe '{"id":"z2","source":"ztoe","region":"UA-18","utility":"power","status":"outage","affected":120000,"unit":"households"}'
wait_sql "select count(*) from reports" 2 6
check "broker loss: reports flow again" [ "$(sql "select count(*) from reports")" = 2 ]
check "broker loss: status published after reconnect" \
    wait_retained outages/status/UA-18 'j["utilities"]["power"]["affected"]' 120000

stop_outaged
check "SIGTERM: clean exit" grep -q 'stopped' "$T/outaged.log"
check "SIGTERM: offline is retained" [ "$(retained outages/service/outaged-test)" = offline ]
exit 0
