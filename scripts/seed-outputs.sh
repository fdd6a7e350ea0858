#!/bin/bash
# seed-outputs.sh - what the seed scenario shows a subscriber and the API,
# with times and ports masked, so that two builds can be compared:
#   BUILD=/path/to/old/build scripts/seed-outputs.sh OUTDIR-old
#   scripts/seed-outputs.sh OUTDIR-new && diff -r OUTDIR-old OUTDIR-new
# The scenario: the seed report over MQTT (600,000 households in
# Dnipropetrovsk without power), a rejected report, a POST, then a restore.
# Writes mqtt.txt (every message on outages/#, in order per topic) and one
# file per API answer.
. "$(dirname "$0")/../tests/integration/lib.sh"
out=$(realpath -m "${1:?usage: seed-outputs.sh OUTDIR}")
mkdir -p "$out"

mask() {	# times, durations and the port are not the scenario's
	sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/TIME/g' \
	    -e 's/"(since|updated_at|started_at|resolved_at|observed_at|received_at|at|until|from|time|ts|last_seen|published)": ?[0-9]+/"\1":MS/g' \
	    -e 's/("incident_key": ?"[^"]*\/)[0-9]+/\1MS/g' \
	    -e "s/:$HTTP_PORT\\b/:PORT/g" -e "s/:$BROKER_PORT\\b/:PORT/g"
}

start_broker || exit 1
start_outaged || exit 1
subscribe all 'outages/#'
pub outages/reports/dtek '{"id":"dtek-2026-11-26-0001","source":"dtek",
  "region":"Dnipropetrovsk","utility":"power","status":"outage",
  "affected":600000,"unit":"households","approximate":true}'
wait_line "$T/all.sub" '^outages/alerts/power/UA/UA-12 .*"firing"' || exit 1
pub outages/reports/dtek '{"source":"dtek","region":"Atlantis","utility":"power","status":"outage"}'
wait_line "$T/all.sub" '^outages/rejected/dtek ' || exit 1
curl -s -H "Authorization: Bearer $TOKEN" --data-binary '{"id":"k-1",
  "source":"kyivoblenergo","region":"UA-32","utility":"heat",
  "status":"partial","affected":12000}' "$URL/api/v1/reports" |
    mask > "$out/post-reports.json"
for p in status regions/UA-12 regions/UA-12/history alerts reports; do
	curl -s "$URL/api/v1/$p" | mask > "$out/get-${p//\//-}.json"
done
pub outages/reports/dtek '{"id":"dtek-2026-11-26-0002","source":"dtek",
  "region":"UA-12","utility":"power","status":"restored"}'
wait_line "$T/all.sub" '^outages/alerts/power/UA/UA-12 .*"resolved"' || exit 1
sleep 0.5
curl -s "$URL/api/v1/alerts?state=all" | mask > "$out/get-alerts-all.json"
curl -s "$URL/api/v1/regions/UA-12" | mask > "$out/get-regions-UA-12-after.json"
# the broker interleaves topics freely: compare each topic's own sequence
mask < "$T/all.sub" | sort -s -k1,1 > "$out/mqtt.txt"
echo "seed-outputs: $(ls "$out" | wc -l) files in $out"
