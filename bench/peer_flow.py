#!/usr/bin/python3
"""peer_flow.py - the Node-RED flow bench/peer.sh measures outaged against:
outaged's ingest written as a Node-RED 4 flow, and the settings that run
it headless (no editor, no admin API, no credentials prompt).

  peer_flow.py DIR USERDIR BROKER_PORT UI_PORT N plain|sqlite [DB]

writes DIR/flows.json and DIR/settings.js.  The flow:

  mqtt in (<prefix>/reports/+, QoS 1, utf8)
    -> json
    -> function "aggregate": per region and utility, each source's
       latest figure, their sum and its severity; an alert (firing,
       changed or resolved) on outages/alerts/power/<region> when the
       severity changes, out over mqtt (QoS 1)
    plain:  the same function counts the reports it has aggregated
    sqlite: -> sqlite (node-red-node-sqlite, a prepared INSERT of each
       report, autocommit: one transaction per report, WAL,
       synchronous=FULL; the row keeps the report's JSON as outaged's
       does; DB is created beforehand by bench/peer.sh)
       -> function "count": counts the rows inserted
  When the count reaches N it publishes {"n": N} on bench/peer/done.
  A {"ping": 1} report is answered on bench/peer/pong (the flow is
  subscribed and running).
"""
import json
import sys

AGGREGATE = r"""
const r = msg.payload;
if (r === null || typeof r !== "object") return null;
if (r.ping) return [{ topic: "bench/peer/pong", payload: "pong" }, null];
if (typeof r.region !== "string" || typeof r.utility !== "string" ||
    typeof r.source !== "string" || typeof r.status !== "string")
    return null;
let regions = context.get("regions");
if (!regions) { regions = new Map(); context.set("regions", regions); }
const key = r.region + "/" + r.utility;
let g = regions.get(key);
if (!g) { g = { sources: new Map(), severity: "none" }; regions.set(key, g); }
g.sources.set(r.source, r.status === "outage" ? (r.affected || 0) : 0);
let total = 0;
for (const v of g.sources.values()) total += v;
const severity = total >= 100000 ? "critical" : total >= 10000 ? "major" :
    total > 0 ? "minor" : "none";
let alert = null;
if (severity !== g.severity) {
    const event = g.severity === "none" ? "firing" :
        severity === "none" ? "resolved" : "changed";
    g.severity = severity;
    alert = { topic: "outages/alerts/" + r.utility + "/" + r.region,
        payload: JSON.stringify({ region: r.region, utility: r.utility,
            event: event, severity: severity, affected: total,
            report: r.id }) };
}
@TAIL@
"""

# plain: count here; sqlite: pass the report on to the INSERT
TAIL_PLAIN = r"""
const n = (context.get("n") || 0) + 1;
context.set("n", n);
const out = [];
if (alert) out.push(alert);
if (n === @N@) out.push({ topic: "bench/peer/done", payload: JSON.stringify({ n: n }) });
return [out, null];
"""
TAIL_SQLITE = r"""
return [alert, { params: { $key: r.source + "/" + r.id, $source: r.source,
    $region: r.region, $utility: r.utility, $status: r.status,
    $affected: r.affected === undefined ? null : r.affected,
    $at: Date.now(), $raw: JSON.stringify(r) } }];
"""
COUNT = r"""
const n = (context.get("n") || 0) + 1;
context.set("n", n);
if (n === @N@) return { topic: "bench/peer/done", payload: JSON.stringify({ n: n }) };
return null;
"""


def flows(port, n, mode, db):
    tail = TAIL_PLAIN if mode == "plain" else TAIL_SQLITE
    agg = AGGREGATE.replace("@TAIL@", tail).replace("@N@", str(n))
    nodes = [
        {"id": "t1", "type": "tab", "label": "outaged-equivalent"},
        {"id": "broker", "type": "mqtt-broker", "name": "bench",
         "broker": "127.0.0.1", "port": str(port),
         "clientid": "nodered-bench", "autoConnect": True, "usetls": False,
         "protocolVersion": "4", "keepalive": "60", "cleansession": True,
         "autoUnsubscribe": True, "birthTopic": "", "closeTopic": "",
         "willTopic": ""},
        {"id": "in", "type": "mqtt in", "z": "t1", "name": "reports",
         "topic": "outages/reports/+", "qos": "1", "datatype": "utf8",
         "broker": "broker", "nl": False, "rap": True, "rh": 0,
         "inputs": 0, "x": 100, "y": 100, "wires": [["json"]]},
        {"id": "json", "type": "json", "z": "t1", "name": "",
         "property": "payload", "action": "obj", "pretty": False,
         "x": 400, "y": 100, "wires": [["agg"]]},
        {"id": "agg", "type": "function", "z": "t1", "name": "aggregate",
         "func": agg, "outputs": 2, "x": 550, "y": 100,
         "wires": [["out"], ["sql"] if mode == "sqlite" else []]},
        {"id": "out", "type": "mqtt out", "z": "t1", "name": "alerts",
         "topic": "", "qos": "1", "retain": "false", "broker": "broker",
         "x": 750, "y": 60, "wires": []},
    ]
    if mode == "sqlite":
        nodes += [
            {"id": "db", "type": "sqlitedb", "db": db, "mode": "RW"},
            {"id": "sql", "type": "sqlite", "z": "t1", "mydb": "db",
             "sqlquery": "prepared",
             "sql": "INSERT INTO reports(key, source, region, utility, "
                    "status, affected, received_at, raw) VALUES ($key, "
                    "$source, $region, $utility, $status, $affected, $at, "
                    "$raw)",
             "name": "insert", "x": 750, "y": 140, "wires": [["count"]]},
            {"id": "count", "type": "function", "z": "t1", "name": "count",
             "func": COUNT.replace("@N@", str(n)), "outputs": 1,
             "x": 900, "y": 140, "wires": [["out"]]},
        ]
    return nodes


SETTINGS = """// bench/peer_flow.py: Node-RED headless for bench/peer.sh
module.exports = {
    userDir: %(userdir)s,
    flowFile: %(flows)s,
    credentialSecret: false,
    uiHost: "127.0.0.1",
    uiPort: %(uiport)d,
    httpAdminRoot: false,
    httpNodeRoot: false,
    disableEditor: true,
    diagnostics: { enabled: false, ui: false },
    runtimeState: { enabled: false, ui: false },
    telemetry: { enabled: false },
    externalModules: { autoInstall: false,
        palette: { allowInstall: false }, modules: { allowInstall: false } },
    functionExternalModules: false,
    logging: { console: { level: "info", metrics: false, audit: false } },
};
"""

if __name__ == "__main__":
    d, userdir, port, uiport, n, mode = sys.argv[1:7]
    db = sys.argv[7] if len(sys.argv) > 7 else ""
    with open(d + "/flows.json", "w") as f:
        json.dump(flows(int(port), int(n), mode, db), f, indent=1)
    with open(d + "/settings.js", "w") as f:
        f.write(SETTINGS % {"userdir": json.dumps(userdir),
                            "flows": json.dumps(d + "/flows.json"),
                            "uiport": int(uiport)})
