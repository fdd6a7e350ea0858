# test_http_server.sh - outaged's own HTTP/1.1 server (src/daemon/http.c,
# http_answer.c, http_parse.c) on the wire, with raw sockets: what curl and
# browsers do not exercise.
#   - keep-alive, pipelined requests answered in order, HTTP/1.0 with and
#     without keep-alive, HEAD (the GET's length, no body), a Date field
#   - Expect: 100-continue: "100 Continue" before the body is sent; a
#     refused head gets its 401 and no 100
#   - a body sent whole although refused (413) still gets its answer
#     (lingering close, not a reset)
#   - refusals: 431 (a head over 64 KiB, over 64 fields), 505, 501, 400
#     (no Host, a bare CR, "*"), a bare-LF request and the absolute-form
#     ("http://host/path") are fine
#   - a chunked body trickled in small pieces; the per-IP cap (32)
# (test_http_hardening.sh has smuggling, slowloris and body budgets.)
. "$(dirname "$0")/lib.sh"

start_broker || exit 1
write_config
start_outaged || exit 1

python3 - "$HTTP_PORT" "$TOKEN" <<'PY'
import socket, sys, time
port, token = int(sys.argv[1]), sys.argv[2]
fails = 0

def check(name, ok, detail=""):
    global fails
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + detail))
    fails += 0 if ok else 1

def conn(src="127.0.0.1"):
    s = socket.socket()
    s.settimeout(5)
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    return s

def read_response(s, buf=b""):
    """One response from s: (status, headers dict, body, rest of buf)."""
    while b"\r\n\r\n" not in buf:
        d = s.recv(65536)
        if not d:
            return None, {}, b"", buf
        buf += d
    head, buf = buf.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    hdrs = {}
    for l in lines[1:]:
        k, v = l.split(":", 1)
        hdrs[k.strip().lower()] = v.strip()
    n = int(hdrs.get("content-length", "0"))
    if status in (100, 204, 304):
        n = 0
    while len(buf) < n:
        d = s.recv(65536)
        if not d:
            break
        buf += d
    return status, hdrs, buf[:n], buf[n:]

def closed(s, wait=3):
    """True when the server has closed s (EOF or reset) within wait s."""
    s.settimeout(wait)
    try:
        return s.recv(1) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False

def one(raw, src="127.0.0.1"):
    s = conn(src)
    s.sendall(raw)
    r = read_response(s)
    s.close()
    return r

GET = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
BODY = b'{"source":"t","region":"UA-05","utility":"power","status":"outage"}'
AUTH = ("Authorization: Bearer %s\r\n" % token).encode()

# ---- keep-alive and pipelining ---------------------------------------------
s = conn()
s.sendall(GET)
st, h, body, rest = read_response(s)
check("keep-alive: the first answer is 200", st == 200, str(st))
check("keep-alive: it has a Date field", h.get("date", "").endswith(" GMT"), str(h))
s.sendall(GET)
st2, _, _, rest = read_response(s, rest)
check("keep-alive: a second request on the same connection is 200", st2 == 200, str(st2))
s.sendall(GET + b"GET /nope HTTP/1.1\r\nHost: x\r\n\r\n" + GET)
got = []
for _ in range(3):
    st, _, _, rest = read_response(s, rest)
    got.append(st)
check("pipelining: three requests sent at once answered in order", got == [200, 404, 200], str(got))
s.close()

# ---- HTTP/1.0 ----------------------------------------------------------------
s = conn()
s.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
st, h, _, _ = read_response(s)
check("1.0: answered 200 without a Host", st == 200, str(st))
check("1.0: Connection: close", h.get("connection") == "close", str(h))
check("1.0: the server closes after it", closed(s))
s.close()
s = conn()
s.sendall(b"GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
st, h, _, rest = read_response(s)
check("1.0 keep-alive: Connection: keep-alive", st == 200 and h.get("connection") == "keep-alive", str(h))
s.sendall(b"GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
st, _, _, _ = read_response(s, rest)
check("1.0 keep-alive: a second request is answered", st == 200, str(st))
s.close()

# ---- HEAD --------------------------------------------------------------------
s = conn()
s.sendall(GET)
st, h, body, rest = read_response(s)
s.sendall(b"HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n" + GET)
buf = rest
while b"\r\n\r\n" not in buf:
    buf += s.recv(4096)
head, buf = buf.split(b"\r\n\r\n", 1)
hl = dict(l.split(": ", 1) for l in head.decode().split("\r\n")[1:])
check("HEAD: the GET's Content-Length", hl.get("Content-Length") == str(len(body)), str(hl))
st, _, _, _ = read_response(s, buf)
check("HEAD: no body (the next answer follows at once)", st == 200, str(st))
s.close()

# ---- Expect: 100-continue ----------------------------------------------------
s = conn()
s.sendall(b"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n" + AUTH +
          b"Content-Type: application/json\r\nExpect: 100-continue\r\n"
          b"Content-Length: %d\r\n\r\n" % len(BODY))
st, _, _, rest = read_response(s)
check("expect: 100 Continue before the body", st == 100, str(st))
s.sendall(BODY)
st, _, _, _ = read_response(s, rest)
check("expect: then the answer, 200", st == 200, str(st))
s.close()
s = conn()
s.sendall(b"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n"
          b"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(BODY))
st, h, _, _ = read_response(s)
check("expect: a refused head gets 401, no 100", st == 401, str(st))
check("expect: and the connection ends", h.get("connection") == "close" and closed(s), str(h))
s.close()

# ---- a refused body sent whole: the answer arrives --------------------------
# the client goes on sending after the answer has gone out: closed at
# once, the server's socket would reset, and the client's sends fail
big = b"x" * (300 * 1024)
s = conn()
try:
    s.sendall(b"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n" + AUTH +
              b"Content-Length: %d\r\n\r\n" % len(big))
    for i in range(0, len(big), 16384):
        s.sendall(big[i:i + 16384])
        time.sleep(0.01)
    st, h, body, _ = read_response(s)
except OSError as e:
    st, body = "error %s" % e, b""
check("413: a body sent whole still gets its answer", st == 413 and b"payload_too_large" in body, str(st))
s.close()

# ---- refusals ----------------------------------------------------------------
st, _, body, _ = one(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70000 + b"\r\n\r\n")
check("431: a head over 64 KiB", st == 431, str(st))
st, _, _, _ = one(b"GET /healthz HTTP/1.1\r\nHost: x\r\n" +
                  b"".join(b"X-%d: y\r\n" % i for i in range(70)) + b"\r\n")
check("431: over 64 header fields", st == 431, str(st))
st, _, _, _ = one(b"GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n")
check("505: HTTP/2.0 in a request line", st == 505, str(st))
st, _, _, _ = one(b"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n")
check("501: a transfer coding other than chunked", st == 501, str(st))
st, _, body, _ = one(b"GET /healthz HTTP/1.1\r\n\r\n")
check("400: HTTP/1.1 without Host", st == 400 and b"bad_request" in body, str(st))
st, _, _, _ = one(b"GET /healthz HTTP/1.1\r\nHost: x\rX-a: b\r\n\r\n")
check("400: a bare CR", st == 400, str(st))
st, _, _, _ = one(b"GET http://x/healthz HTTP/1.1\r\nHost: x\r\n\r\n")
check("the absolute-form of a target is served (RFC 9112 3.2.2)", st == 200, str(st))
st, _, _, _ = one(b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")
check("400: a target that is not a path (the asterisk-form)", st == 400, str(st))
st, _, body, _ = one(b"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n" + AUTH +
                     b"Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n")
check("400: a chunk size line ended by a bare LF", st == 400 and b"malformed chunked body" in body, str(st))
st, _, _, _ = one(b"GET /healthz HTTP/1.1\nHost: x\n\n")
check("bare LF line ends are fine", st == 200, str(st))

# ---- a chunked body trickled in ---------------------------------------------
s = conn()
s.sendall(b"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n" + AUTH +
          b"Transfer-Encoding: chunked\r\n\r\n")
chunked = b"".join(b"%x;ext=1\r\n%s\r\n" % (len(BODY[i:i + 7]), BODY[i:i + 7])
                   for i in range(0, len(BODY), 7)) + b"0\r\nX-Trailer: t\r\n\r\n"
for i in range(0, len(chunked), 5):
    s.sendall(chunked[i:i + 5])
    time.sleep(0.002)
st, _, body, _ = read_response(s)
check("chunked: trickled in 5-byte pieces, with extensions and a trailer, 200", st == 200, "%s %s" % (st, body[:200]))
s.close()

# ---- the per-IP cap ---------------------------------------------------------
held = [conn("127.0.0.60") for _ in range(32)]
time.sleep(0.3)
s = conn("127.0.0.60")
try:
    s.sendall(GET)
    st, _, _, _ = read_response(s)
except OSError:
    st = None
check("per-IP cap: a 33rd connection from one address is closed unanswered", st is None, str(st))
s.close()
st, _, _, _ = one(GET, "127.0.0.61")
check("per-IP cap: another address is served meanwhile", st == 200, str(st))
held.pop().close()
time.sleep(0.3)
st, _, _, _ = one(GET, "127.0.0.60")
check("per-IP cap: one closed, the address is served again", st == 200, str(st))
for c in held:
    c.close()
sys.exit(1 if fails else 0)
PY
[ $? -eq 0 ] || FAILS=$((FAILS + 1))
# /metrics counts what the limits did: the 33rd connection and the refusals
ended() { metric "outaged_http_connections_ended_total{reason=\"$1\"}"; }
echo "# ended: refused $(ended refused), bad_request $(ended bad_request)"
check "metrics: the connection over the per-IP cap is counted" [ "$(ended refused)" -ge 1 ]
check "metrics: the parser's refusals are counted (431 x2, 505, 501, 400 x2, \"*\", a bad chunk)" [ "$(ended bad_request)" -ge 8 ]
check "outaged still running" kill -0 "$OUTAGED_PID"
