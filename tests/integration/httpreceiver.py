#!/usr/bin/env python3
"""httpreceiver.py - a local HTTP server that records what it is sent, for
the fetch tests (webhook delivery).

Every connection is appended to LOG as a JSON line {"event": "connect"};
every request as {"event": "request", "method", "path", "headers": [[name,
value], ...], "body": the body as latin-1 text, "body_file": a file
holding the body's bytes} before it is answered.  The answer depends on
the path:
    /status/N[?retry_after=S][&retry_date=S][&location=URL]
                          status N; Retry-After: S (delta-seconds), or an
                          HTTP-date S seconds from now; Location: URL
    /slow?seconds=S       200 after S seconds
    /gone                 410
    /big?bytes=N[&chunked=1]
                          200 with N bytes (chunked: no Content-Length)
    anything else         200 "ok\\n"
Listens on 127.0.0.1 only, on a free port that it writes to PORTFILE
(renamed into place, so a reader never sees half of it).
usage: httpreceiver.py LOG PORTFILE
"""
import email.utils
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse

LOG, PORTFILE = sys.argv[1], sys.argv[2]
lock = threading.Lock()
count = [0]


def record(obj):
    with lock:
        with open(LOG, "a") as f:
            f.write(json.dumps(obj) + "\n")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        record({"event": "connect"})

    def _answer(self, status, body=b"", headers=(), chunked=False):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "HEAD":
            return
        if chunked:
            for i in range(0, len(body), 4096):
                part = body[i:i + 4096]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.wfile.write(body)

    def _handle(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n > 0 else b""
        with lock:
            count[0] += 1
            body_file = "%s.%d.body" % (LOG, count[0])
        with open(body_file, "wb") as f:
            f.write(body)
        record({"event": "request", "method": self.command,
                "path": self.path, "headers": list(self.headers.items()),
                "body": body.decode("latin-1"), "body_file": body_file})
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        parts = url.path.split("/")
        if len(parts) == 3 and parts[1] == "status":
            status = int(parts[2])
            headers = []
            if "retry_after" in q:
                headers.append(("Retry-After", q["retry_after"]))
            if "retry_date" in q:
                headers.append(("Retry-After", email.utils.formatdate(
                    time.time() + int(q["retry_date"]), usegmt=True)))
            if "location" in q:
                headers.append(("Location", q["location"]))
            self._answer(status, b"status %d\n" % status, headers)
        elif url.path == "/slow":
            time.sleep(float(q.get("seconds", "5")))
            self._answer(200, b"slow\n")
        elif url.path == "/gone":
            self._answer(410, b"gone\n")
        elif url.path == "/big":
            self._answer(200, b"x" * int(q.get("bytes", "100000")),
                         chunked=q.get("chunked") == "1")
        else:
            self._answer(200, b"ok\n")

    do_GET = do_POST = do_PUT = do_HEAD = _handle


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(PORTFILE + ".tmp", "w") as f:
    f.write("%d\n" % server.server_address[1])
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
