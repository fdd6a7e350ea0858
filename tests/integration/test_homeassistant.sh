# test_homeassistant.sh - Home Assistant MQTT discovery: with
# homeassistant.regions UA-12 and UA-63 and utilities power and heat, the
# retained configs under homeassistant/sensor/... have the fields Home
# Assistant's MQTT sensor needs (unique_id, state_topic, value_template,
# availability on outaged's Last Will, a device per region), each
# value_template read against the retained status gives the figures, and
# Home Assistant's birth message ("online" on homeassistant/status) has
# them published again.
. "$(dirname "$0")/lib.sh"

start_broker || exit 1
write_config ', "homeassistant": { "regions": ["UA-12", "UA-63"],
  "utilities": ["power", "heat"] }'
start_outaged || exit 1
pub outages/reports/dtek '{"id":"dtek-2026-11-26-0001","source":"dtek",
  "region":"Dnipropetrovsk","utility":"power","status":"outage",
  "affected":600000,"unit":"households","approximate":true}'
wait_line "$T/outaged.log" 'alert firing' 5
sleep 0.5

# every retained config (mosquitto_sub -v: "topic payload")
mosquitto_sub -p "$BROKER_PORT" -v -t 'homeassistant/#' -W 2 > "$T/ha.sub" 2>/dev/null
check "ha: 12 discovery documents (2 regions x 2 utilities x 3 fields)" \
    [ "$(grep -c '^homeassistant/sensor/.*/config ' "$T/ha.sub")" = 12 ]

cat > "$T/ha.py" <<'PY'
import json, re, subprocess, sys
port, sub = sys.argv[1], sys.argv[2]
docs = {}
for line in open(sub):
    topic, _, payload = line.rstrip("\n").partition(" ")
    docs[topic] = json.loads(payload)
errs = []
def retained(topic):
    return subprocess.run(["mosquitto_sub", "-p", port, "-t", topic, "-C",
                           "1", "-W", "3"], capture_output=True,
                          text=True).stdout
status = {}
for topic, d in sorted(docs.items()):
    m = re.fullmatch(r"homeassistant/sensor/outaged_(UA-\d\d)_(power|heat)_"
                     r"(affected|percent|severity)/config", topic)
    if not m:
        errs.append("unexpected topic " + topic); continue
    region, util, field = m.groups()
    # Home Assistant's MQTT sensor schema: the keys it takes, and ours
    for k, t in (("name", str), ("unique_id", str), ("state_topic", str),
                 ("value_template", str), ("availability_topic", str),
                 ("payload_available", str), ("payload_not_available", str),
                 ("device", dict), ("qos", int)):
        if not isinstance(d.get(k), t):
            errs.append("%s: %s missing or not %s" % (topic, k, t.__name__))
    if d.get("unique_id") != "outaged_%s_%s_%s" % (region, util, field):
        errs.append("%s: unique_id %s" % (topic, d.get("unique_id")))
    if d.get("state_topic") != "outages/status/" + region:
        errs.append("%s: state_topic %s" % (topic, d.get("state_topic")))
    if (d.get("availability_topic"), d.get("payload_available"),
            d.get("payload_not_available")) != (
            "outages/service/outaged-test", "online", "offline"):
        errs.append("%s: availability not outaged's Last Will" % topic)
    dev = d.get("device", {})
    if dev.get("identifiers") != ["outaged_" + region] or \
            dev.get("manufacturer") != "outaged" or not dev.get("name"):
        errs.append("%s: device %s" % (topic, dev))
    if field == "percent" and d.get("unit_of_measurement") != "%":
        errs.append("%s: percent unit" % topic)
    if field == "severity" and (d.get("device_class") != "enum" or
            d.get("options") != ["none", "minor", "major", "critical"]):
        errs.append("%s: severity is an enum sensor" % topic)
    # the value_template, a path into value_json, read against the state
    t = re.fullmatch(r"\{\{ value_json((?:\.[a-z_]+)+) \}\}",
                     d.get("value_template", ""))
    if not t:
        errs.append("%s: template %r" % (topic, d.get("value_template"))); continue
    if region not in status:
        status[region] = json.loads(retained(d["state_topic"]))
    v = status[region]
    for key in t.group(1).split(".")[1:]:
        v = v[key]
    print("%s %s %s %s" % (region, util, field, v))
for e in errs:
    print("# " + e)
sys.exit(1 if errs else 0)
PY
python3 "$T/ha.py" "$BROKER_PORT" "$T/ha.sub" > "$T/ha.out"
check "ha: the documents follow Home Assistant's MQTT sensor schema" [ $? = 0 ]
grep '^#' "$T/ha.out"
check "ha: UA-12 power affected reads 600000" grep -qx 'UA-12 power affected 600000' "$T/ha.out"
check "ha: UA-12 power percent reads about 46" grep -qE '^UA-12 power percent 4[56]\.[0-9]$' "$T/ha.out"
check "ha: UA-12 power severity reads critical" grep -qx 'UA-12 power severity critical' "$T/ha.out"
check "ha: UA-12 heat severity reads none" grep -qx 'UA-12 heat severity none' "$T/ha.out"
check "ha: a quiet region (UA-63) has a state too" grep -qx 'UA-63 power severity none' "$T/ha.out"
check "ha: availability topic says online" [ "$(retained outages/service/outaged-test)" = online ]

# Home Assistant restarts: its birth message has them announced again
mosquitto_sub -p "$BROKER_PORT" -v -t 'homeassistant/sensor/#' > "$T/again.sub" 2>&1 &
PIDS+=("$!")
disown "$!"
sleep 0.5
n0=$(grep -c /config "$T/again.sub")	# the retained ones, on subscribing
mosquitto_pub -p "$BROKER_PORT" -t homeassistant/status -m online
wait_for 5 sh -c "[ \$(grep -c /config '$T/again.sub') -ge $((n0 + 12)) ]"
check "ha: 'online' on homeassistant/status republishes all 12 ($n0 retained first)" [ $? = 0 ]
check "ha: the birth message is not taken for a report" [ "$(sql 'select count(*) from rejections')" = 0 ]
mosquitto_pub -p "$BROKER_PORT" -t homeassistant/status -m offline
sleep 0.5
check "ha: 'offline' announces nothing" [ "$(grep -c /config "$T/again.sub")" = $((n0 + 12)) ]
exit 0
