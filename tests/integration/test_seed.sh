# test_seed.sh - the seed article, end to end: "about 600,000 households in
# Dnipropetrovsk remained without power" published by the utility over MQTT
# becomes a critical UA-12 status, a UA roll-up and a firing alert; a later
# "restored" report resolves it, and a restart repeats no alert.
. "$(dirname "$0")/lib.sh"

start_broker || exit 1
start_outaged || exit 1
subscribe alerts 'outages/alerts/#'
subscribe service 'outages/service/#'

pub outages/reports/dtek '{"id":"dtek-2026-11-26-0001","source":"dtek",
  "region":"Dnipropetrovsk","utility":"power","status":"outage",
  "affected":600000,"unit":"households","approximate":true,
  "cause":"missile attack"}'

if wait_line "$T/alerts.sub" '^outages/alerts/power/UA/UA-12 .*"event":"firing"'; then
	pass "seed: firing alert on outages/alerts/power/UA/UA-12"
else
	fail "seed: firing alert on outages/alerts/power/UA/UA-12"
fi
alert=$(grep -m1 '"event":"firing"' "$T/alerts.sub" | cut -d' ' -f2-)
check "seed: alert is critical" [ "$(json_get "$alert" 'j["severity"]')" = critical ]

st=$(retained outages/status/UA-12)
if [ -n "$st" ]; then pass "seed: retained outages/status/UA-12"; else fail "seed: retained outages/status/UA-12"; fi
# the pack's household count for UA-12, independently of the daemon
hh=$(python3 -c 'import json; print([r for r in json.load(open("'"$ROOT"'/config/regions/ua.json"))["regions"] if r["id"]=="UA-12"][0]["denominator"]["count"])')
want=$(python3 -c "print(round(600000 * 100 / $hh, 1))")
got=$(json_get "$st" 'j["utilities"]["power"]["percent"]')
check "seed: percent $got is 600000/$hh households ($want)" \
    python3 -c "import sys; sys.exit(abs($got - $want) > 0.05)"
check "seed: percent near the true share (40-52 %)" \
    python3 -c "import sys; sys.exit(not 40 <= $got <= 52)"
check "seed: severity critical" [ "$(json_get "$st" 'j["utilities"]["power"]["severity"]')" = critical ]
check "seed: approximate carried" [ "$(json_get "$st" 'j["utilities"]["power"]["approximate"]')" = True ]
check "seed: heat coverage unknown, not zero" [ "$(json_get "$st" 'j["utilities"]["heat"]["coverage"]') $(json_get "$st" 'j["utilities"]["heat"]["affected"]')" = "unknown None" ]

ua=$(retained outages/status/UA)
check "seed: UA roll-up counts the oblast" [ "$(json_get "$ua" 'j["utilities"]["power"]["affected"]')" = 600000 ]
check "seed: UA roll-up is from its children" [ "$(json_get "$ua" 'j["utilities"]["power"]["children"]["reporting"]')" = 1 ]

# the CLI reads the same picture from the database
out=$("$OUTAGECTL" --db "$T/outaged.db" status UA-12 --json)
check "seed: outagectl status UA-12 shows the outage" \
    python3 -c 'import json,sys; rows=json.loads(sys.argv[1]); sys.exit(not any(r["utility"]=="power" and r["affected"]==600000 and r["severity"]=="critical" for r in rows))' "$out"

# restart: the episode is remembered, no second "firing"
stop_outaged
check "lifecycle: SIGTERM publishes offline" wait_line "$T/service.sub" 'outages/service/outaged-test offline'
start_outaged || exit 1
sleep 1
check "restart: no repeated alert" [ "$(grep -c '"event":"firing"' "$T/alerts.sub")" = 1 ]

# an escalation above what was announced would be an "updated"; a restore resolves
pub outages/reports/dtek '{"id":"dtek-2026-11-26-0002","source":"dtek",
  "region":"UA-12","utility":"power","status":"restored",
  "observed_at":"'"$(date -u -d '+1 sec' +%Y-%m-%dT%H:%M:%SZ)"'"}'
if wait_line "$T/alerts.sub" '^outages/alerts/power/UA/UA-12 .*"event":"resolved"'; then
	pass "seed: restored report resolves the alert"
else
	fail "seed: restored report resolves the alert"
fi
st=$(retained outages/status/UA-12)
check "seed: status after restore is not an outage" [ "$(json_get "$st" 'j["utilities"]["power"]["severity"]')" = none ]
check "seed: two reports stored" [ "$(sql 'select count(*) from reports')" = 2 ]
exit 0
