# test_http_hardening.sh - the HTTP listener under attack (issue 13 items
# 4, 5 and 8), from loopback: every address of 127/8 is this host on Linux,
# so python binds its sockets to 127.0.0.2..21 to be 20 clients.
#   - smuggling: conflicting Content-Length headers, Content-Length with
#     Transfer-Encoding: 400; a URL with %00 (app.js%00.png): 400
#   - a "bad token" log line with %0d%0a and ESC in the path forges nothing
#   - slowloris from 20 addresses (32 connections each, one header line a
#     second): /healthz answers within 1 s throughout, and a trickling
#     connection is closed at the head deadline (10 s)
#   - 420 unauthenticated 256 KiB POSTs at once: 401 unread, RSS bounded
#   - bodies buffered at once have a budget: past it, 503
. "$(dirname "$0")/lib.sh"

start_broker || exit 1
write_config
sed -i 's|"http": {|"http": { "read_auth": true,|' "$T/outaged.json"
start_outaged || exit 1

# ---- item 8: request smuggling and NUL in the URL --------------------------
raw() {	# raw REQUEST-TEXT (python escapes): prints the status code
	python3 - "$HTTP_PORT" "$1" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(sys.argv[2].encode().decode("unicode_escape").encode("latin-1"))
data = b""
try:
    while b"\r\n" not in data:
        d = s.recv(4096)
        if not d:
            break
        data += d
except socket.timeout:
    pass
print(data.split(b" ")[1].decode() if data.startswith(b"HTTP/") else "none")
PY
}
A="Authorization: Bearer $TOKEN"
BODY='{"source":"t","region":"UA-05","utility":"power","status":"outage"}'
LEN=${#BODY}
check "smuggling: a good request is 200" [ "$(raw "POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n$A\r\nContent-Length: $LEN\r\n\r\n$BODY")" = 200 ]
check "smuggling: conflicting Content-Length headers are 400" [ "$(raw "POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n$A\r\nContent-Length: $LEN\r\nContent-Length: 5\r\n\r\n$BODY")" = 400 ]
check "smuggling: Content-Length with Transfer-Encoding is 400" [ "$(raw "POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n$A\r\nContent-Length: $LEN\r\nTransfer-Encoding: chunked\r\n\r\n$BODY")" = 400 ]
check "smuggling: chunked alone still works" [ "$(raw "POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n$A\r\nTransfer-Encoding: chunked\r\n\r\n$(printf %x "$LEN")\r\n$BODY\r\n0\r\n\r\n")" = 200 ]
check "NUL: /static/app.js is served" [ "$(raw 'GET /static/app.js HTTP/1.1\r\nHost: x\r\n\r\n')" = 200 ]
check "NUL: /static/app.js%00.png is 400" [ "$(raw 'GET /static/app.js%00.png HTTP/1.1\r\nHost: x\r\n\r\n')" = 400 ]

# ---- item 5: the bad-token log line cannot be forged ----------------------
python3 - "$HTTP_PORT" <<'PY'
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=5,
                               source_address=("127.0.0.50", 0))
c.putrequest("GET", "/api/v1/regions/x%0d%0a2030-01-01T00:00:00.000Z%20error"
             "%20FORGED-LINE%1b[31mred%0a", skip_accept_encoding=True)
c.putheader("Authorization", "Bearer wrong")
c.endheaders()
r = c.getresponse(); r.read()
print("# forged-path request:", r.status)
PY
wait_line "$T/outaged.log" 'bad token from 127.0.0.50' 5
check "log: the bad token is logged" grep -q 'bad token from 127.0.0.50' "$T/outaged.log"
check "log: no forged line" [ "$(grep -c '^2030-01-01T00:00:00.000Z error FORGED-LINE' "$T/outaged.log")" = 0 ]
check "log: the path stays on the bad-token line" grep -q 'bad token from 127.0.0.50 .*FORGED-LINE' "$T/outaged.log"
check "log: no raw ESC" [ "$(grep -c $'\x1b' "$T/outaged.log")" = 0 ]

# ---- item 4: a request head has 10 s to arrive ----------------------------
python3 - "$HTTP_PORT" > "$T/deadline.out" 2>&1 <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
s.sendall(b"GET /api/v1/status HTTP/1.1\r\nHost: x\r\n")
t0 = time.time()
while time.time() - t0 < 20:
    time.sleep(1)
    try:
        s.sendall(b"X-a: b\r\n")
        s.setblocking(False)
        if s.recv(1) == b"":
            break
    except BlockingIOError:
        pass
    except OSError:
        break
    s.settimeout(2)
print("closed after %.0f s" % (time.time() - t0))
PY
echo "# a trickling connection: $(cat "$T/deadline.out")"
check "slowloris: a trickling connection is closed at the 10 s head deadline" \
    grep -qE '^closed after (9|10|11|12|13) s$' "$T/deadline.out"

# ---- item 4: slowloris from 20 addresses ----------------------------------
python3 - "$HTTP_PORT" > "$T/slowloris.out" 2>&1 <<'PY'
import socket, sys, threading, time
port = int(sys.argv[1])
DUR = 12
stop = time.time() + DUR
socks = {}          # fd -> (sock, opened)
lifetimes = []
lock = threading.Lock()

def opener(src):
    s = socket.socket()
    s.settimeout(2)
    s.bind((src, 0))
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /api/v1/status HTTP/1.1\r\nHost: x\r\n")
    except OSError:
        s.close(); return None
    return s

def attacker(src):
    mine = []
    while time.time() < stop:
        while len(mine) < 32 and time.time() < stop:
            s = opener(src)
            if s is None:
                time.sleep(0.05); break
            mine.append((s, time.time()))
        alive = []
        for s, t0 in mine:
            try:
                s.sendall(b"X-a: b\r\n")
                s.setblocking(False)
                try:
                    if s.recv(1) == b"":
                        raise OSError("closed")
                except BlockingIOError:
                    pass
                s.settimeout(2)
                alive.append((s, t0))
            except OSError:
                with lock: lifetimes.append(time.time() - t0)
                s.close()
        mine = alive
        time.sleep(1)
    for s, _ in mine: s.close()

threads = [threading.Thread(target=attacker, args=("127.0.0.%d" % i,))
           for i in range(2, 22)]
for t in threads: t.start()
time.sleep(2)       # the attack in place
probes, slow = 0, []
while time.time() < stop - 1:
    t0 = time.time()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=1)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        d = s.recv(64); s.close()
        ok = d.startswith(b"HTTP/1.1 200")
    except OSError:
        ok = False
    dt = time.time() - t0
    probes += 1
    if not ok or dt > 1:
        slow.append(round(dt, 2))
    time.sleep(0.5)
for t in threads: t.join()
ls = sorted(lifetimes)
print("probes", probes, "failed", len(slow), slow[:10])
print("closed", len(ls), "min lifetime", round(ls[0], 1) if ls else None)
print("RESULT", "ok" if probes >= 10 and not slow else "bad")
PY
sed 's/^/# /' "$T/slowloris.out"
check "slowloris: /healthz answered within 1 s throughout" grep -q '^RESULT ok' "$T/slowloris.out"
check "slowloris: outaged still running" kill -0 "$OUTAGED_PID"

# ---- item 4: 420 unauthenticated 256 KiB POSTs at once ----------------------------
rss() { awk '/^VmRSS/ {print $2}' "/proc/$OUTAGED_PID/status"; }
sleep 1
before=$(rss)
python3 - "$HTTP_PORT" "$OUTAGED_PID" > "$T/posts.out" 2>"$T/posts.err" <<'PY'
import socket, sys, threading
port, pid = int(sys.argv[1]), sys.argv[2]
body = b"x" * 262143    # all but the last byte: every body in flight at once
codes = {}
socks = []
lock = threading.Lock()
def one(src):
    for _ in range(30):
        s = socket.socket(); s.settimeout(3); s.bind((src, 0))
        try:
            s.connect(("127.0.0.1", port))
            s.sendall(b"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n"
                      b"Content-Length: 262144\r\n\r\n")
            s.sendall(body)
        except OSError:
            pass
        with lock: socks.append(s)
ts = [threading.Thread(target=one, args=("127.0.2.%d" % i,)) for i in range(1, 15)]
for t in ts: t.start()
for t in ts: t.join()
def rss():
    for l in open("/proc/%s/status" % pid):
        if l.startswith("VmRSS"): return int(l.split()[1])
peak = rss()
for s in socks:
    code = "none"
    try:
        s.sendall(b"x")
    except OSError:
        pass
    try:
        s.settimeout(5)
        d = s.recv(64)
        code = d.split(b" ")[1].decode() if d.startswith(b"HTTP/") else "none"
    except OSError:
        pass
    s.close()
    codes[code] = codes.get(code, 0) + 1
sys.stderr.write("%d\n" % peak)
print(sorted(codes.items()))
PY
after=$(cat "$T/posts.err")
echo "# 420 unauthenticated POSTs at once: $(cat "$T/posts.out"); RSS $before -> $after kB with all in flight"
# 401, or 429 once an address has failed 30 times: never read, never 200
check "bodies: all 420 unauthenticated POSTs refused" \
    python3 -c 'import ast,sys; d=dict(ast.literal_eval(open(sys.argv[1]).read())); sys.exit(d.get("401",0)+d.get("429",0) != 420)' "$T/posts.out"
check "bodies: RSS grew by less than 24 MB" [ $((after - before)) -lt 24576 ]

# ---- item 4: the bodies buffered at once have a budget --------------------
python3 - "$HTTP_PORT" "$TOKEN" > "$T/budget.out" 2>&1 <<'PY'
import socket, sys, time
port, token = int(sys.argv[1]), sys.argv[2]
socks = []
for i in range(80):     # 80 x 256 KiB announced: over the 16 MiB budget
    s = socket.socket(); s.settimeout(3); s.bind(("127.0.3.%d" % (1 + i // 20), 0))
    s.connect(("127.0.0.1", port))
    s.sendall(("POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nAuthorization: "
               "Bearer %s\r\nContent-Length: 262144\r\n\r\nx" % token).encode())
    socks.append(s)
time.sleep(1)
busy = 0
for s in socks:
    s.setblocking(False)
    try:
        if s.recv(64).startswith(b"HTTP/1.1 503"):
            busy += 1
    except OSError:
        pass
    s.close()
print("busy", busy)
PY
echo "# $(cat "$T/budget.out")"
check "bodies: past the budget, 503" grep -qE '^busy (1[6-9]|[2-9][0-9])$' "$T/budget.out"

# ---- what the defences did, as /metrics tells an operator --------------
ended() { metric "outaged_http_connections_ended_total{reason=\"$1\"}"; }
echo "# ended: deadline $(ended deadline), shed $(ended shed), refused $(ended refused), bad_request $(ended bad_request)"
check "metrics: connections closed at their deadline are counted" [ "$(ended deadline)" -ge 1 ]
check "metrics: connections shed near the cap are counted" [ "$(ended shed)" -ge 1 ]
check "metrics: refused requests (smuggling x2, NUL) are counted" [ "$(ended bad_request)" -ge 3 ]
check "metrics: open connections are a gauge" \
    curl -s -H "Authorization: Bearer $TOKEN" "$URL/metrics" -o "$T/m" --fail
check "metrics: ... of at least this one" [ "$(metric outaged_http_connections)" -ge 1 ]
check "hardening: outaged still running" kill -0 "$OUTAGED_PID"
exit 0
