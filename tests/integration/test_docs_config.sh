#!/bin/bash
# test_docs_config.sh - run the worked examples of docs/configuration.md
# against a real broker and daemon, and compare what they publish and log
# with what the page shows.
#
# The convention (docs/configuration.md source), a marker before a fence:
#
#   <!-- doc-test: publish SOURCE -->  the JSON block is published at QoS 1 on
#                                      outages/reports/SOURCE (in page order)
#   <!-- doc-test: log -->             the block's line must appear in the
#                                      daemon's log (its time masked)
#   <!-- doc-test: alert -->           the JSON block must equal the next
#                                      message on outages/alerts/#, as JSON
#                                      (member order ignored), with
#                                      started_at, at and the incident key's
#                                      milliseconds masked
#   <!-- doc-test: hysteresis -->      before a table of rows "| N | … |
#                                      severity | event |": each N is sent
#                                      from DTEK to UA-12 power, and the
#                                      alert event (or none) and its severity
#                                      must be as the row says
#
# The daemon runs config/outaged.json as shipped (dtek has priority 10), with
# --broker, --db and --http overridden.
#
# Catches: a worked example whose figures, alert JSON, log line or event
# sequence no longer match the code (issue 11, item 2: the resolved alert
# after a count-less "restored").
. "$(dirname "$0")/lib.sh"

DOC=$ROOT/docs/configuration.md
start_broker || exit 1
(cd "$ROOT" && exec "$OUTAGED" -c config/outaged.json \
    --broker "127.0.0.1:$BROKER_PORT" --db "$T/outaged.db" \
    --http 127.0.0.1:0 >> "$T/outaged.log" 2>&1) &
OUTAGED_PID=$!
PIDS+=("$OUTAGED_PID")
disown "$OUTAGED_PID"
wait_line "$T/outaged.log" 'subscribed to' 10 || { tail "$T/outaged.log"; fail daemon_start; exit 1; }
subscribe alerts 'outages/alerts/#'

python3 - "$DOC" "$BROKER_PORT" "$T/alerts.sub" "$T/outaged.log" <<'PY'
import json, re, subprocess, sys, time

doc, port, subf, logf = sys.argv[1:5]
lines = open(doc, encoding="utf-8").read().split("\n")
fails = 0
seen = 0          # alert lines consumed

def result(ok, name, why=""):
    global fails
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + why))
    if not ok:
        fails += 1

def next_alert(timeout=6):
    global seen
    end = time.time() + timeout
    while time.time() < end:
        al = [l for l in open(subf, encoding="utf-8").read().split("\n") if l]
        if len(al) > seen:
            seen += 1
            topic, _, payload = al[seen - 1].partition(" ")
            return topic, json.loads(payload)
        time.sleep(0.1)
    return None, None

def no_alert(wait=1.5):
    time.sleep(wait)
    al = [l for l in open(subf, encoding="utf-8").read().split("\n") if l]
    return len(al) == seen

def masked(j):
    j = dict(j)
    for k in ("started_at", "at"):
        if k in j:
            j[k] = "<time>"
    if "incident_key" in j:
        j["incident_key"] = re.sub(r"/\d{13}$", "/<ms>", j["incident_key"])
    return j

def publish(source, obj):
    subprocess.run(["mosquitto_pub", "-p", port, "-q", "1", "-t",
                    "outages/reports/" + source, "-m", json.dumps(obj)],
                   check=True)

TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ")
n = {"publish": 0, "log": 0, "alert": 0, "hysteresis": 0}
i = 0
while i < len(lines):
    m = re.match(r"\s*<!-- doc-test: (\w+)(?: (\S+))? -->$", lines[i])
    i += 1
    if not m:
        continue
    kind, arg = m.group(1), m.group(2)
    n[kind] += 1
    if kind == "hysteresis":
        while not lines[i].startswith("|"):
            i += 1
        rows = []
        while i < len(lines) and lines[i].startswith("|"):
            rows.append([c.strip() for c in lines[i].strip("|").split("|")])
            i += 1
        for r in rows[2:]:
            count = int(r[0].replace(",", ""))
            sev, ev = r[2], r[3]
            publish("dtek", {"source": "dtek", "region": "UA-12",
                             "utility": "power", "status": "outage",
                             "affected": count, "unit": "households"})
            want = re.match(r"`(\w+)`", ev)
            name = "config hysteresis %s -> %s" % (r[0], ev.split(":")[0])
            if want is None:
                result(no_alert(), name, "an alert event was published")
                continue
            topic, a = next_alert()
            if a is None:
                result(False, name, "no alert event")
            else:
                result(a["event"] == want.group(1) and a["severity"] == sev,
                       name, "got %s severity %s" % (a["event"], a["severity"]))
        continue
    while not lines[i].lstrip().startswith("```"):
        i += 1
    indent = len(lines[i]) - len(lines[i].lstrip())
    i += 1
    body = []
    while not lines[i].lstrip().startswith("```"):
        body.append(lines[i][indent:])
        i += 1
    i += 1
    text = "\n".join(body)
    if kind == "publish":
        publish(arg, json.loads(text))
    elif kind == "log":
        want = TIME.sub("", body[0])
        ok = False
        for _ in range(60):
            if any(TIME.sub("", l) == want for l in open(logf).read().split("\n")):
                ok = True
                break
            time.sleep(0.1)
        result(ok, "config log line %d: %s" % (n["log"], want.split("  ", 1)[-1]),
               "not in the log")
    elif kind == "alert":
        topic, got = next_alert()
        want = json.loads(text)
        name = "config alert %d (%s)" % (n["alert"], want.get("event"))
        if got is None:
            result(False, name, "no alert published")
        elif masked(got) != masked(want):
            diff = {k: (want.get(k), got.get(k)) for k in set(want) | set(got)
                    if masked(want).get(k) != masked(got).get(k)}
            result(False, name, "page vs real: %s" % diff)
        else:
            result(topic == "outages/alerts/power/UA/UA-12", name,
                   "topic " + str(topic))
result(n["publish"] >= 2 and n["alert"] >= 2 and n["log"] >= 2 and
       n["hysteresis"] == 1, "config doc-test markers found",
       "markers: %s" % n)
sys.exit(1 if fails else 0)
PY
rc=$?
[ $rc -ne 0 ] && FAILS=$((FAILS + 1))
exit $rc
