# test_retention.sh - aggregate.report_retention: reports, rejections and
# read news items older than it are pruned (the newer ones stay, and the
# live figures with them); 0 keeps everything; a retention shorter than a
# day or than aggregate.ttl is refused.
. "$(dirname "$0")/lib.sh"

start_broker || exit 1
write_config
start_outaged || exit 1
pub outages/reports/dtek '{"id":"fresh-1","source":"dtek","region":"UA-12","utility":"power","status":"outage","affected":1000}'
pub outages/reports/dtek '{"id":"fresh-2","source":"dtek","region":"UA-46","utility":"water","status":"outage","affected":500}'
check "retention: two fresh reports stored" \
    wait_sql "select count(*) from reports" 2 10
stop_outaged

# rows from three days ago, as an older daemon would have left them
old=$(( ($(date +%s) - 3 * 86400) * 1000 ))
for i in 1 2 3; do
	sql "insert into reports (key, source, region, region_input, utility, status, affected, unit, approximate, observed_at, received_at, via, raw) values ('id:old/$i', 'old', 'UA-63', 'UA-63', 'power', 'outage', 10, 'households', 0, $old, $old, 'mqtt', '{}')"
done
sql "insert into rejections (at, via, source, reason, detail, excerpt) values ($old, 'mqtt', 'old', 'unknown_region', 'x', 'x')"
sql "insert into news_items (key, feed, url, seen_at, reports) values ('old-item', 'grid', null, $old, 0)"

# 0 (the default) keeps everything
start_outaged || exit 1
stop_outaged
check "retention: 0 keeps every report" [ "$(sql 'select count(*) from reports')" = 5 ]

write_config ', "aggregate": { "ttl": "6h", "report_retention": "1d" }'
start_outaged || exit 1
check "retention: the old reports are pruned at start" \
    wait_sql "select count(*) from reports where source = 'old'" 0 10
check "retention: the fresh reports stay" \
    [ "$(sql "select count(*) from reports where source = 'dtek'")" = 2 ]
check "retention: old rejections are pruned" [ "$(sql 'select count(*) from rejections')" = 0 ]
check "retention: old news items are pruned" [ "$(sql 'select count(*) from news_items')" = 0 ]
check "retention: the prune is logged with its count" \
    wait_line "$T/outaged.log" 'pruned 5 reports, rejections and news items' 5
check "retention: the live figures still stand" \
    wait_retained outages/status/UA-12 'j["utilities"]["power"]["affected"]' 1000 5
stop_outaged

write_config ', "aggregate": { "report_retention": "12h" }'
"$OUTAGED" -c "$T/outaged.json" --check-config > /dev/null 2> "$T/bad.err"
check "retention: under a day is refused" grep -q 'report_retention must be 0' "$T/bad.err"
write_config ', "aggregate": { "ttl": "3d", "report_retention": "2d" }'
"$OUTAGED" -c "$T/outaged.json" --check-config > /dev/null 2> "$T/bad.err"
check "retention: shorter than the ttl is refused" grep -q 'at least aggregate.ttl' "$T/bad.err"
exit 0
