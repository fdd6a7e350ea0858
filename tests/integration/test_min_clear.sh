# test_min_clear.sh - an alert below its clear threshold resolves after
# alerts.min_clear on a timer, with no further report (it used to wait for
# the next recomputation of its figure, possibly for ever).
. "$(dirname "$0")/lib.sh"

start_broker || exit 1
write_config ', "alerts": { "fire": "major", "clear": "minor", "min_clear": "2s" }'
start_outaged || exit 1
subscribe alerts 'outages/alerts/#'
pub outages/reports/dtek '{"id":"m-1","source":"dtek","region":"UA-12","utility":"power","status":"outage","affected":600000,"unit":"households"}'
check "min_clear: the alert fires" wait_line "$T/alerts.sub" '"event":"firing"'
pub outages/reports/dtek '{"id":"m-2","source":"dtek","region":"UA-12","utility":"power","status":"restored"}'
t0=$(date +%s.%N)
check "min_clear: it resolves with no further report" \
    wait_for 6 grep -q '"event":"resolved"' "$T/alerts.sub"
t1=$(date +%s.%N)
el=$(python3 -c "print(round($t1 - $t0, 2))")
echo "# resolved ${el} s after the restored report"
check "min_clear: ... no sooner than min_clear (2 s) and within a second of it" \
    python3 -c "import sys; sys.exit(not 1.9 <= $el <= 3.5)"
[ "$FAILS" -eq 0 ]
