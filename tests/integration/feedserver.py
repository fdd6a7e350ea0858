#!/usr/bin/env python3
"""feedserver.py - a local HTTP server for the news tests.

Serves every file of a directory with an ETag (and Last-Modified); a
request carrying a matching If-None-Match gets 304.  A file named slow-*
is answered only after 60 s (a stalled server; one thread per request, so
the others are not held up).  Each request is appended to requests.log in
that directory as "PATH STATUS".  Listens on 127.0.0.1 only, on the port
given (0: any), which it prints first.
usage: feedserver.py DIR PORT
"""
import hashlib
import http.server
import os
import sys
import time

ROOT = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _log(self, status):
        with open(os.path.join(ROOT, "requests.log"), "a") as f:
            f.write(f"{self.path} {status}\n")

    def do_GET(self):
        path = os.path.join(ROOT, os.path.basename(self.path))
        if not os.path.isfile(path) or path.endswith(".log"):
            self._log(404)
            self.send_error(404)
            return
        if os.path.basename(path).startswith("slow-"):
            self._log("stalled")
            time.sleep(60)
        body = open(path, "rb").read()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self._log(304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._log(200)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", "Wed, 26 Nov 2026 10:00:00 GMT")
        self.end_headers()
        self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])),
                                         Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
