#!/bin/bash
# test_docs_exit.sh - every exit status named in the EXIT STATUS sections of
# outaged(8) and outagectl(1) is shown happening, with the cause the page
# gives.  The codes are read from the pages (".It N" in EXIT STATUS); a
# documented code with no case below fails, and so does a case whose
# program exits otherwise.
#
# Catches: a page that names an exit status the program no longer gives
# (issue 11, item 5: `outaged --broker nope -n` exits 2, the docs said 1),
# or a program change that moves a cause to another status.
. "$(dirname "$0")/lib.sh"

codes() {	# codes PAGE: the exit statuses its EXIT STATUS section names
	sed -n '/^\.Sh EXIT STATUS/,/^\.Sh /p' "$1" | sed -n 's/^\.It \([0-9][0-9]*\)$/\1/p'
}
declare -A SEEN
# expect PROG CODE NAME COMMAND...: the command exits with CODE
expect() {
	local prog=$1 code=$2 name=$3 rc
	shift 3
	"$@" > "$T/out" 2> "$T/err"
	rc=$?
	if [ "$rc" = "$code" ]; then
		pass "$prog exits $code: $name"
		SEEN[$prog:$code]=1
	else
		fail "$prog exits $code: $name" "exit status $rc; $(head -c 300 "$T/err")"
	fi
}

start_broker || exit 1
write_config
C=$T/outaged.json

# ---- outaged(8)
expect outaged 0 "--help" "$OUTAGED" --help
expect outaged 0 "--version" "$OUTAGED" --version
expect outaged 0 "--check-config" "$OUTAGED" -c "$C" --check-config
printf '{ "mqtt": { "prefixx": "x" } }\n' > "$T/bad.json"
expect outaged 1 "a configuration error" "$OUTAGED" -c "$T/bad.json" -n
grep -q 'bad.json:1:13: unknown option "mqtt.prefixx"' "$T/err" &&
    pass "outaged 1 says file:line:col" || fail "outaged 1 says file:line:col" "$(cat "$T/err")"
printf '{ "regions": { "packs": "/nonexistent" } }\n' > "$T/nopacks.json"
expect outaged 1 "region packs that cannot be loaded" "$OUTAGED" -c "$T/nopacks.json" -n
printf 'not a database, not at all\n' > "$T/foreign.db"
expect outaged 1 "a database that is refused" "$OUTAGED" -c "$C" --db "$T/foreign.db"
expect outaged 1 "http.listen a host name" "$OUTAGED" -c "$C" --db "$T/h.db" --http localhost:0
expect outaged 2 "an unknown option" "$OUTAGED" --no-such-option
expect outaged 2 "an extra argument" "$OUTAGED" -c "$C" extra
expect outaged 2 "--broker nope -n (a malformed --broker)" "$OUTAGED" -c "$C" --broker nope -n
grep -q 'outaged: --broker nope: expected HOST:PORT' "$T/err" &&
    pass "outaged 2 says expected HOST:PORT" || fail "outaged 2 says expected HOST:PORT"
# a clean stop: SIGTERM, exit 0
start_outaged || exit 1
kill -TERM "$OUTAGED_PID"
# not our child (disowned): read the status from the log's last line
if gone "$OUTAGED_PID" && tail -1 "$T/outaged.log" | grep -q 'info  stopped'; then
	# the shell cannot wait for a disowned process: run one of our own
	"$OUTAGED" -c "$C" --db "$T/stop.db" >> "$T/stop.log" 2>&1 &
	p=$!
	wait_line "$T/stop.log" 'subscribed to' 10
	kill -TERM "$p"
	wait "$p"
	rc=$?
	if [ "$rc" = 0 ]; then
		pass "outaged exits 0: a clean stop after SIGTERM"
	else
		fail "outaged exits 0: a clean stop after SIGTERM" "exit status $rc"
	fi
else
	fail "outaged exits 0: a clean stop after SIGTERM" "did not stop"
fi
start_outaged || exit 1

# ---- outagectl(1)
CTL=$OUTAGECTL
export OUTAGED_URL=$URL
unset OUTAGED_TOKEN
pub outages/reports/dtek '{"source":"dtek","region":"UA-12","utility":"power","status":"outage","affected":1000}'
wait_sql "SELECT count(*) FROM reports" 1
expect outagectl 0 "status UA-12" "$CTL" status UA-12
expect outagectl 1 "status of a region with nothing stored" "$CTL" status UA-63
expect outagectl 1 "unsubscribe an unknown id" env OUTAGED_TOKEN="$TOKEN" "$CTL" unsubscribe 99
expect outagectl 2 "an unknown command" "$CTL" no-such-command
expect outagectl 2 "a command that needs the API, with --db" "$CTL" --db "$T/outaged.db" subscriptions
expect outagectl 3 "the daemon cannot be reached" env OUTAGED_URL=http://127.0.0.1:1 "$CTL" status
expect outagectl 3 "--db on a file that is not a database" "$CTL" --db "$T/foreign.db" status
expect outagectl 4 "a token that is refused (401)" env OUTAGED_TOKEN=wrong-token-0123456789 "$CTL" subscriptions
expect outagectl 5 "the daemon refuses the request (400 unknown_region)" env OUTAGED_TOKEN="$TOKEN" \
    "$CTL" report --region Nowhere --utility power --status outage
grep -q 'unknown_region' "$T/err" && pass "outagectl 5 prints the error" ||
    fail "outagectl 5 prints the error" "$(cat "$T/err")"

# every documented code was shown
for page in outaged.8 outagectl.1; do
	prog=${page%.*}
	n=0
	for c in $(codes "$ROOT/docs/$page"); do
		n=$((n + 1))
		if [ -n "${SEEN[$prog:$c]:-}" ]; then
			pass "$page EXIT STATUS $c is exercised"
		else
			fail "$page EXIT STATUS $c is exercised" "no case shows it"
		fi
	done
	[ "$n" -ge 3 ] || fail "$page EXIT STATUS read" "only $n codes found"
done
exit $((FAILS > 0))
