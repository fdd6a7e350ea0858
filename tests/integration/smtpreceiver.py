#!/usr/bin/env python3
"""smtpreceiver.py - a local SMTP server (aiosmtpd, Debian's
python3-aiosmtpd) that keeps every message it is sent, for the fetch tests
(e-mail delivery).  No TLS: it never offers STARTTLS.

Each message is appended to LOG as a JSON line {"mail_from", "rcpt_tos",
"auth_user" (null without AUTH), "content_file": a file holding the
message's bytes exactly as received, after SMTP's dot-unstuffing}.
With --auth USER:PASSWORD it offers AUTH LOGIN and PLAIN (over plain text)
and requires them, accepting only that user.
Listens on 127.0.0.1 only, on a free port that it writes to PORTFILE
(renamed into place).
usage: smtpreceiver.py [--auth USER:PASSWORD] LOG PORTFILE
"""
import json
import logging
import os
import signal
import socket
import sys
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

# plain-text AUTH is what this test server is for: no warnings about it
warnings.simplefilter("ignore")
logging.disable(logging.WARNING)

args = sys.argv[1:]
auth = None
if args and args[0] == "--auth":
    auth = args[1].split(":", 1)
    args = args[2:]
LOG, PORTFILE = args
count = [0]


class Handler:
    async def handle_DATA(self, server, session, envelope):
        count[0] += 1
        content_file = "%s.%d.eml" % (LOG, count[0])
        with open(content_file, "wb") as f:
            f.write(envelope.original_content)
        user = None
        if session.auth_data is not None:
            user = session.auth_data.login.decode()
        with open(LOG, "a") as f:
            f.write(json.dumps({"mail_from": envelope.mail_from,
                                "rcpt_tos": envelope.rcpt_tos,
                                "auth_user": user,
                                "content_file": content_file}) + "\n")
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and
          auth_data.login.decode() == auth[0] and
          auth_data.password.decode() == auth[1])
    return AuthResult(success=ok, handled=False,
                      auth_data=auth_data if ok else None)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


kwargs = {}
if auth is not None:
    kwargs = {"authenticator": authenticator, "auth_required": True,
              "auth_require_tls": False}
controller = Controller(Handler(), hostname="127.0.0.1", port=free_port(),
                        **kwargs)
controller.start()
with open(PORTFILE + ".tmp", "w") as f:
    f.write("%d\n" % controller.port)
os.rename(PORTFILE + ".tmp", PORTFILE)
done = threading.Event()
signal.signal(signal.SIGTERM, lambda *a: done.set())
signal.signal(signal.SIGINT, lambda *a: done.set())
done.wait()
controller.stop()
