#!/usr/bin/env python3
"""webhookreceiver.py - a local webhook receiver for the delivery tests.

It verifies every Standard Webhooks signature it is sent
(https://www.standardwebhooks.com, scheme v1): the signed content is
"<webhook-id>.<webhook-timestamp>.<body>", the key the base64-decoded part
of the secret after "whsec_", the signature "v1,<base64 HMAC-SHA256>"; the
timestamp must lie within 5 minutes of now.

Every connection is appended to LOG as a JSON line {"event": "connect",
"t"}; every request, before it is answered, as {"event": "request", "t"
(Unix seconds, float), "method", "path", "headers": {lower-case name:
value}, "body" (UTF-8 text, invalid bytes replaced), "id" (webhook-id or
null), "sig": "ok" | "bad" | "none" (no webhook-signature header) |
"nosecret", "answer": the status it is about to answer, or "hang"}.

What a path answers is set with a control request,
    POST /_control  {"path": "/a", "mode": "429", "retry_after": 3,
                     "location": "http://...", "times": 2}
mode is a status ("200", "410", "302", "500", "429", ...) or "hang" (read
the request, never answer; the connection stays open until the client
closes it); times (default: for ever) is how many requests it applies to,
after which the path answers 200 again.  A path never set answers 200.
POST /_control {"path": "/a"} with no mode resets the path.  Control
requests are not logged.

The secret is given with --secret whsec_...; --port N listens on that port
(to start again where a stopped receiver was).  Listens on 127.0.0.1 only
and writes its port to PORTFILE (renamed into place).
usage: webhookreceiver.py [--secret S] [--port N] LOG PORTFILE
"""
import base64
import hashlib
import hmac
import http.server
import json
import os
import sys
import threading
import time

args = sys.argv[1:]
SECRET = None
PORT = 0
while args and args[0].startswith("--"):
    if args[0] == "--secret":
        SECRET = args[1]
    elif args[0] == "--port":
        PORT = int(args[1])
    else:
        sys.exit("unknown option " + args[0])
    args = args[2:]
LOG, PORTFILE = args
lock = threading.Lock()
modes = {}	# path -> {"mode", "retry_after", "location", "times"}
TOLERANCE = 300


def record(obj):
    with lock:
        with open(LOG, "a") as f:
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")


def verify(msg_id, ts, body, sigs):
    if sigs is None:
        return "none"
    if SECRET is None:
        return "nosecret"
    if msg_id is None or ts is None:
        return "bad"
    try:
        t = int(ts)
    except ValueError:
        return "bad"
    if abs(time.time() - t) > TOLERANCE:
        return "bad"
    key = base64.b64decode(SECRET[len("whsec_"):]
                           if SECRET.startswith("whsec_") else SECRET)
    content = msg_id.encode() + b"." + ts.encode() + b"." + body
    want = base64.b64encode(hmac.new(key, content, hashlib.sha256)
                            .digest()).decode()
    for s in sigs.split(" "):
        if "," not in s:
            continue
        ver, sig = s.split(",", 1)
        if ver == "v1" and hmac.compare_digest(sig, want):
            return "ok"
    return "bad"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        record({"event": "connect", "t": time.time()})

    def _answer(self, status, headers=()):
        body = b"status %d\n" % status
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _control(self, body):
        c = json.loads(body)
        with lock:
            if c.get("mode") is None:
                modes.pop(c["path"], None)
            else:
                modes[c["path"]] = c
        self._answer(200)

    def _mode(self, path):
        with lock:
            m = modes.get(path)
            if m is None:
                return {"mode": "200"}
            if m.get("times") is not None:
                m["times"] -= 1
                if m["times"] <= 0:
                    del modes[path]
            return m

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n > 0 else b""
        path = self.path.split("?", 1)[0]
        if path == "/_control":
            self._control(body)
            return
        m = self._mode(path)
        h = {k.lower(): v for k, v in self.headers.items()}
        record({"event": "request", "t": time.time(),
                "method": self.command, "path": path, "headers": h,
                "body": body.decode("utf-8", "replace"),
                "id": h.get("webhook-id"),
                "sig": verify(h.get("webhook-id"),
                              h.get("webhook-timestamp"), body,
                              h.get("webhook-signature")),
                "answer": m["mode"]})
        if m["mode"] == "hang":
            # never answer; the client gives up and closes
            while True:
                time.sleep(3600)
        headers = []
        if m.get("retry_after") is not None:
            headers.append(("Retry-After", str(m["retry_after"])))
        if m.get("location") is not None:
            headers.append(("Location", m["location"]))
        self._answer(int(m["mode"]), headers)

    do_PUT = do_GET = do_POST


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(("127.0.0.1", PORT), Handler)
with open(PORTFILE + ".tmp", "w") as f:
    f.write("%d\n" % server.server_address[1])
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
