# test_outagectl.sh - outagectl against a running daemon's HTTP API: every
# command (status, history, reports, report, alerts, watch), the exit
# codes (1 unknown region, 2 usage, 3 unreachable, 4 token, 5 refused),
# and the --db backend that still reads the database without a daemon.
. "$(dirname "$0")/lib.sh"

start_broker || exit 1
start_outaged || exit 1
subscribe alerts 'outages/alerts/#'

# the token, proxy and backend come from the command line only
unset OUTAGED_TOKEN OUTAGED_URL OUTAGED_DB http_proxy HTTP_PROXY ALL_PROXY all_proxy
CTL=("$OUTAGECTL" --url "$URL")

# ctl OUT ARGS...: run outagectl, stdout to $T/OUT.out, stderr to
# $T/OUT.err; its exit status in $rc
ctl() {
	local out=$1
	shift
	"${CTL[@]}" "$@" > "$T/$out.out" 2> "$T/$out.err"
	rc=$?
}
has() { grep -qE -- "$2" "$T/$1"; }	# has FILE REGEX
# is_json FILE [PYTHON-EXPR over j]: FILE parses, and the expression holds
is_json() {
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not eval(sys.argv[2]))' \
	    "$T/$1" "${2:-True}"
}
# stream_clients: open /api/v1/events streams, from /metrics
stream_clients() {
	python3 -c 'import sys,urllib.request
for l in urllib.request.urlopen(sys.argv[1] + "/metrics", timeout=5).read().decode().splitlines():
    if l.startswith("outaged_event_stream_clients "): print(int(float(l.split()[1])))' "$URL"
}
wait_clients() {	# wait_clients N: until N streams are open
	for _ in $(seq 100); do
		[ "$(stream_clients)" = "$1" ] && return 0
		sleep 0.05
	done
	return 1
}
# pub_until_gone PID TAG: publish UA-46 power reports (new ids and counts)
# until process PID exits, at most 15 s: a stream that is still opening
# misses the first ones, and a closed one may still be counted open
pub_until_gone() {
	local pid=$1 tag=$2 k
	for k in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || return 0
		pub outages/reports/dtek '{"id":"watch-'"$tag-$k"'","source":"dtek",
		  "region":"UA-46","utility":"power","status":"outage",
		  "affected":'"$((300000 + k))"'}'
		sleep 0.3
	done
}

pub outages/reports/dtek '{"id":"dtek-2026-11-26-0001","source":"dtek",
  "region":"Dnipropetrovsk","utility":"power","status":"outage",
  "affected":600000,"unit":"households","approximate":true}'
wait_line "$T/alerts.sub" '^outages/alerts/power/UA/UA-12 .*"event":"firing"' ||
	fail "setup: the seed report fired no alert"

# ---- status ---------------------------------------------------------------
ctl status status
check "status: exit 0" [ "$rc" = 0 ]
check "status: table lists UA-12" has status.out '^UA-12 '
check "status: table shows 600,000" has status.out '600,000'
check "status: no colour when not a terminal" [ "$(grep -c $'\033' "$T/status.out")" = 0 ]
ctl statusj status --json
check "status --json: exit 0" [ "$rc" = 0 ]
check "status --json: parses, UA-12 power 600000 critical" is_json statusj.out \
    'any(r["region"]=="UA-12" and r["utility"]=="power" and r["affected"]==600000 and r["severity"]=="critical" for r in j)'

ctl status1 status UA-12
check "status UA-12: exit 0" [ "$rc" = 0 ]
check "status UA-12: power outage row" has status1.out '^UA-12 .* power +outage +~600,000'
check "status UA-12: unreported utilities named" has status1.out '^Nothing stored for heat, water, gas, telecom'
ctl status1n status dnipropetrovsk --json
check "status by name: resolved by the daemon" is_json status1n.out 'j[0]["region"]=="UA-12"'

ctl unknown status XX-99
check "status XX-99: exit 1" [ "$rc" = 1 ]
check "status XX-99: says unknown region" has unknown.err '^outagectl: unknown region "XX-99"'

# ---- history ------------------------------------------------------------
ctl history history UA-12
check "history UA-12: exit 0" [ "$rc" = 0 ]
check "history UA-12: header" has history.out '^TIME +UTILITY +STATUS +AFFECTED +UNIT +PERCENT +SEVERITY$'
check "history UA-12: the outage, marked approximate as status shows it (~600,000)" \
    has history.out ' power +outage +~600,000 +households +~[0-9.]+% +critical$'
ctl historyj history ua-12 --utility power --since 1h --json
check "history --json: parses, one power outage" is_json historyj.out \
    'len(j)==1 and j[0]["utility"]=="power" and j[0]["status"]=="outage"'
check "history --json: the row says approximate" is_json historyj.out 'j[0]["approximate"] is True'
ctl historyu history XX-99
check "history XX-99: exit 1" [ "$rc" = 1 ]
ctl historyb history UA-12 --utility steam
check "history --utility steam: usage, exit 2" [ "$rc" = 2 ]

# ---- report (POST) --------------------------------------------------------
OUTAGED_TOKEN=$TOKEN ctl report report --region UA-46 --utility water \
    --status outage --affected 1200 --unit households --approximate --id cli-1
check "report: exit 0 with the token" [ "$rc" = 0 ]
check "report: says accepted" has report.out '^Accepted: UA-46 water outage ~1,200 households'
check "report: stored (sql)" [ "$(sql "select count(*) from reports where key='id:outagectl/cli-1' and region='UA-46' and utility='water' and affected=1200 and approximate=1 and via='http'")" = 1 ]
OUTAGED_TOKEN=$TOKEN ctl report2 report --region UA-46 --utility water \
    --status outage --affected 1200 --unit households --approximate --id cli-1
check "report again: exit 0, already stored" [ "$rc" = 0 ]
check "report again: says so" has report2.out '^Already stored'
check "report again: still one row" [ "$(sql "select count(*) from reports where key='id:outagectl/cli-1'")" = 1 ]

printf '%s\n' "$TOKEN" > "$T/token"
chmod 600 "$T/token"
ctl reportf report --token-file "$T/token" --region UA-46 --utility gas \
    --status partial --source tester
check "report --token-file: exit 0" [ "$rc" = 0 ]
check "report --token-file: stored with its source" [ "$(sql "select count(*) from reports where source='tester' and utility='gas'")" = 1 ]
check "report --token-file: mode 600, no warning" [ ! -s "$T/reportf.err" ]

OUTAGED_TOKEN=$TOKEN ctl bad report --region Nowhere --utility power --status outage
check "report bad region: exit 5" [ "$rc" = 5 ]
check "report bad region: the reason" has bad.err '^outagectl: the daemon refused the report: unknown_region: region "Nowhere"'
OUTAGED_TOKEN=not-the-token ctl wrong report --region UA-46 --utility power --status outage
check "report wrong token: exit 4" [ "$rc" = 4 ]
check "report wrong token: says the token from OUTAGED_TOKEN was refused (not \"set OUTAGED_TOKEN\")" \
    has wrong.err '^outagectl: the token from OUTAGED_TOKEN was refused: unauthorized: the bearer token is not valid$'
printf 'not-the-token\n' > "$T/badtoken"
chmod 600 "$T/badtoken"
ctl wrongf report --token-file "$T/badtoken" --region UA-46 --utility power --status outage
check "report wrong --token-file: exit 4, names the file" \
    eval '[ "$rc" = 4 ] && has wrongf.err "^outagectl: the token from --token-file $T/badtoken was refused: "'
env -u OUTAGED_TOKEN "${CTL[@]}" report --region UA-46 --utility power \
    --status outage > "$T/none.out" 2> "$T/none.err"
check "report without OUTAGED_TOKEN: exit 4" [ "$?" = 4 ]
check "report without OUTAGED_TOKEN: says which variable" has none.err 'OUTAGED_TOKEN'
check "report refused: nothing stored" [ "$(sql "select count(*) from reports where region='UA-46' and utility='power'")" = 0 ]
ctl usage report --region UA-46 --utility power
check "report without --status: usage, exit 2" [ "$rc" = 2 ]
check "report without --status: the command's usage line, not the full help" \
    eval 'has usage.err "^usage: outagectl \[--url URL\] report --region R " && [ "$(wc -l < "$T/usage.err")" = 3 ]'
check "report without --status: points to --help" has usage.err "^Try 'outagectl --help' for more\.$"
OUTAGED_TOKEN=$TOKEN ctl affe report --region UA-46 --utility power --status outage --affected 1e3
check "report --affected 1e3: exit 2, asks for a whole number and shows it" \
    eval '[ "$rc" = 2 ] && has affe.err "^outagectl: --affected: expected a whole number >= 0 \(got 1e3\)$"'
ctl opt status --limit 3
check "status --limit: exit 2, one error line, status's usage line and the pointer" \
    eval '[ "$rc" = 2 ] && [ "$(wc -l < "$T/opt.err")" = 3 ] && has opt.err "^usage: outagectl \[--url URL \| --db PATH\] status \[REGION\] \[--json\]$"'
ctl bogus --bogus status
check "an unknown option: exit 2, the general usage line and the pointer" \
    eval '[ "$rc" = 2 ] && [ "$(wc -l < "$T/bogus.err")" = 3 ] && has bogus.err "^usage: outagectl .*COMMAND" && has bogus.err "^Try .outagectl --help. for more"'

# ---- reports --------------------------------------------------------------
ctl count reports --count
check "reports --count: exit 0" [ "$rc" = 0 ]
check "reports --count: just the integer, = sqlite ($(sql 'select count(*) from reports'))" \
    [ "$(cat "$T/count.out")" = "$(sql 'select count(*) from reports')" ]
ctl countr reports --count --region ua-12
check "reports --count --region: = sqlite" \
    [ "$(cat "$T/countr.out")" = "$(sql "select count(*) from reports where region='UA-12' or region like 'UA-12:%'")" ]
ctl reports reports --source dtek
check "reports --source dtek: the seed report" has reports.out ' dtek +UA-12 +power +outage +~600,000 .* id:dtek/dtek-2026-11-26-0001$'
ctl reportsj reports --limit 1 --json
check "reports --limit 1 --json: one, the newest" is_json reportsj.out \
    'len(j)==1 and j[0]["source"]=="tester"'
ctl reportsu reports --region XX-99
check "reports --region XX-99: exit 1" [ "$rc" = 1 ]

# ---- alerts ---------------------------------------------------------------
ctl alerts alerts
check "alerts: exit 0" [ "$rc" = 0 ]
check "alerts: the firing UA-12 power alert" has alerts.out '^firing +critical +UA-12 +power +600,000'
ctl alertsj alerts --state all --json
check "alerts --json: parses, UA-12 firing" is_json alertsj.out \
    'any(a["region"]=="UA-12" and a["state"]=="firing" for a in j)'
ctl alertsr alerts --state resolved
check "alerts --state resolved: none yet" has alertsr.out '^No resolved alerts\.$'
ctl alertsb alerts --state sometimes
check "alerts --state sometimes: usage, exit 2" [ "$rc" = 2 ]
# a resolved episode keeps its worst: UA-63 power fires critical, then
# is restored (alerts.min_clear is 0)
pub outages/reports/dtek '{"id":"peak-1","source":"dtek","region":"UA-63",
  "utility":"power","status":"outage","affected":700000,"unit":"households"}'
wait_line "$T/alerts.sub" '^outages/alerts/power/UA/UA-63 .*"event":"firing"' ||
	fail "setup: the UA-63 report fired no alert"
pub outages/reports/dtek '{"id":"peak-2","source":"dtek","region":"UA-63",
  "utility":"power","status":"restored","affected":0,"unit":"households"}'
wait_line "$T/alerts.sub" '^outages/alerts/power/UA/UA-63 .*"event":"resolved"' ||
	fail "setup: the UA-63 alert did not resolve"
ctl alertsp alerts --state resolved
check "alerts --state resolved: the resolved episode shows its peak (critical 700,000), not none 0" \
    has alertsp.out '^resolved +critical +UA-63 +power +700,000 +[0-9.]+% '
ctl alertspj alerts --state resolved --json
check "alerts --json: a resolved episode has peak_severity, peak_affected, peak_percent" is_json alertspj.out \
    'j[0]["region"]=="UA-63" and j[0]["severity"]=="none" and j[0]["peak_severity"]=="critical" and j[0]["peak_affected"]==700000 and j[0]["peak_percent"] > 0'

# ---- watch ----------------------------------------------------------------
timeout 20 "${CTL[@]}" watch --count 1 > "$T/watch.out" 2> "$T/watch.err" &
wpid=$!
if wait_clients 1; then pass "watch: stream open"; else fail "watch: stream open"; fi
pub_until_gone "$wpid" text
wait "$wpid"
check "watch --count 1: exit 0 after one event" [ "$?" = 0 ]
check "watch: one line" [ "$(wc -l < "$T/watch.out")" = 1 ]
check "watch: time, event, region, summary" has watch.out \
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z +status +UA-46 +power outage [a-z]+ 300,0[0-9]{2} households \([0-9.]+%\)'

timeout 20 "${CTL[@]}" watch --json --count 1 > "$T/watchj.out" 2> "$T/watchj.err" &
wpid=$!
pub_until_gone "$wpid" json
wait "$wpid"
check "watch --json: exit 0" [ "$?" = 0 ]
check "watch --json: the data line parses" is_json watchj.out '"utilities" in j and j["region"] in ("UA-46", "UA")'

# ---- reaching the daemon ------------------------------------------------
"$OUTAGECTL" --url http://127.0.0.1:1 status > "$T/down.out" 2> "$T/down.err"
check "unreachable: exit 3" [ "$?" = 3 ]
check "unreachable: says so" has down.err '^outagectl: cannot reach outaged at http://127.0.0.1:1: '
http_proxy=http://127.0.0.1:1 HTTP_PROXY=http://127.0.0.1:1 ctl proxy status
check "http_proxy ignored: the daemon reached directly" [ "$rc" = 0 ]
OUTAGED_URL=$URL "$OUTAGECTL" status UA-12 > "$T/env.out" 2>&1
check "OUTAGED_URL selects the API" has env.out '^UA-12 '
"$OUTAGECTL" --url "$URL/nope" status > /dev/null 2> "$T/route.err"
check "wrong URL path: exit 3" [ "$?" = 3 ]
ctl cmd frobnicate
check "unknown command: exit 2" [ "$rc" = 2 ]
check "unknown command: says so in 3 lines, no full help" \
    eval 'has cmd.err "^outagectl: unknown command \"frobnicate\"$" && [ "$(wc -l < "$T/cmd.err")" = 3 ]'
"$OUTAGECTL" --help > "$T/help.out" 2>&1
check "--help: still the full help on stdout, exit 0" \
    eval '[ "$(wc -l < "$T/help.out")" -gt 40 ]'

# ---- --db: the database, no daemon needed ---------------------------------
DB=("$OUTAGECTL" --db "$T/outaged.db")
"${DB[@]}" status UA-12 --json > "$T/db.out" 2> "$T/db.err"
check "--db status UA-12: exit 0" [ "$?" = 0 ]
check "--db status UA-12: the outage" is_json db.out \
    'any(r["utility"]=="power" and r["affected"]==600000 and r["severity"]=="critical" for r in j)'
check "--db reports --count = sqlite" [ "$("${DB[@]}" reports --count)" = "$(sql 'select count(*) from reports')" ]
OUTAGED_DB=$T/outaged.db "$OUTAGECTL" reports --source tester > "$T/dbenv.out" 2>&1
check "OUTAGED_DB selects the database" has dbenv.out ' tester +UA-46 +gas +partial '
"${DB[@]}" history UA-12 > /dev/null 2> "$T/dbh.err"
check "--db history: exit 2" [ "$?" = 2 ]
check "--db history: says it needs the API" has dbh.err 'history needs the daemon.s HTTP API'
"$OUTAGECTL" --db "$T/outaged.db" --url "$URL" status > /dev/null 2>&1
check "--db with --url: exit 2" [ "$?" = 2 ]
stop_outaged
"${DB[@]}" status > "$T/dbdown.out" 2>&1
check "--db status with the daemon stopped" has dbdown.out '^UA-12 '
exit 0
