# test_dashboard.sh - the web dashboard, rendered by headless Chromium
# against the real daemon: the seed report and three others are published,
# and the rendered DOM must list UA-12 first with 600,000 households
# (~46 %), its other utilities as unknown (never 0), and the firing alert.
# Also: the detail view, keyboard use, HTML escaping, the phone layout, live
# updates over /api/v1/events, and two screenshots in build/.
#
# Chromium is driven over the DevTools protocol on a pipe
# (--remote-debugging-pipe), not with --dump-dom/--screenshot: the page
# keeps an EventSource open, and a pending request stops virtual time, so
# --virtual-time-budget never ends (Chromium 156 hung until killed).
. "$(dirname "$0")/lib.sh"

if ! command -v chromium > /dev/null; then
	fail "dashboard: chromium is not installed (scripts/install-deps.sh)"
	exit 0
fi
command -v curl > /dev/null || { fail "dashboard: curl is not installed"; exit 0; }

start_broker || exit 1
start_outaged || exit 1
subscribe alerts 'outages/alerts/#'

# the seed report, and three more
pub outages/reports/dtek '{"id":"dtek-2026-11-26-0001","source":"dtek",
  "region":"Dnipropetrovsk","utility":"power","status":"outage",
  "affected":600000,"unit":"households","approximate":true,
  "cause":"missile attack"}'
pub outages/reports/kharkivteploenergo '{"id":"khte-1",
  "source":"kharkivteploenergo","region":"Kharkiv city","utility":"heat",
  "status":"partial","affected":40000,"unit":"households"}'
pub outages/reports/infoxvodokanal '{"id":"ivk-1","source":"infoxvodokanal",
  "region":"Odesa","utility":"water","status":"outage"}'
pub outages/reports/lvivoblenergo '{"id":"loe-1","source":"lvivoblenergo",
  "region":"Lviv","utility":"power","status":"outage","affected":20000,
  "unit":"households"}'
# a share the API rounds to 0.0: 50 of Lviv's 813,000 households
pub outages/reports/lvivgaz '{"id":"lg-1","source":"lvivgaz",
  "region":"Lviv","utility":"gas","status":"outage","affected":50,
  "unit":"households"}'

wait_line "$T/alerts.sub" '^outages/alerts/power/UA/UA-12 .*"event":"firing"' ||
    fail "dashboard: the seed alert fired"
for _ in $(seq 50); do
	curl -s "$URL/api/v1/status" | grep -q '"UA-46"' && break
	sleep 0.1
done

# ---- the files are served, and need nothing from elsewhere -------------

served() {	# served PATH TYPE: 200 with that content type
	local got
	got=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$URL$1")
	[ "${got%%;*}" = "200 $2" ]
}
check "dashboard: / is the page" served / text/html
check "dashboard: app.js served" served /static/app.js text/javascript
check "dashboard: style.css served" served /static/style.css text/css
check "dashboard: icon.svg served" served /static/icon.svg image/svg+xml
# no CDN, no web fonts: the only absolute URL is the SVG namespace
check "dashboard: no external resources" \
    [ -z "$(grep -nE 'https?://|@import|url\(' "$ROOT"/web/index.html \
    "$ROOT"/web/app.js "$ROOT"/web/style.css | grep -v 'www.w3.org/2000/svg')" ]

# ---- the DevTools-protocol driver (tests/integration/cdp.py) ----------

export CHROME="chromium --headless --no-sandbox --disable-gpu --disable-quic \
--no-first-run --disable-background-networking --disable-component-update \
--disable-sync --user-data-dir=$T/chrome"
export CHROME_LOG=$T/chrome.log
cdp() { timeout 90 python3 "$ROOT/tests/integration/cdp.py" "$@"; }

# the page has drawn the status, the alerts and every sparkline, and the
# event stream is open
READY="document.querySelector('main[data-loaded]') &&
  document.querySelector('#live').dataset.state === 'live'"
DETAIL="document.querySelector('#detail[data-detail] #detail-h')"

# ---- a DOM reader (html.parser) ---------------------------------------

cat > "$T/dom.py" <<'PY'
# dom.py FILE PYTHON-EXPR: parse FILE into a tree and evaluate the
# expression; exit 0 when it is true, else print it and exit 1.  Names in
# scope: root, find(pred, node=root), all_(pred, node=root), text(node),
# a(node, attr), and row(id), cell(id, utility) for the region table.
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
    "meta", "source", "track", "wbr"}

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.root = self.cur = Node("#root", [], None)
    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n
    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))
    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent
    def handle_data(self, data):
        self.cur.children.append(data)

def walk(node):
    for c in node.children:
        if isinstance(c, Node):
            yield c
            yield from walk(c)

def all_(pred, node=None):
    return [n for n in walk(node or root) if pred(n)]

def find(pred, node=None):
    r = all_(pred, node)
    return r[0] if r else None

def text(node):
    if node is None:
        return ""
    return " ".join("".join(c if isinstance(c, str) else " " + text(c) + " "
        for c in node.children).split())

def a(node, attr):
    return None if node is None else node.attrs.get(attr)

def rows():
    body = find(lambda n: a(n, "id") == "region-rows")
    return [n for n in body.children if isinstance(n, Node) and
        n.tag == "tr"] if body else []

def row(rid):
    return find(lambda n: n.tag == "tr" and a(n, "data-region") == rid)

def cell(rid, u):
    return find(lambda n: n.tag == "td" and a(n, "data-utility") == u,
        row(rid))

p = P()
p.feed(open(sys.argv[1]).read())
root = p.root
v = eval(sys.argv[2])
if not v:
    print("# not true: %s" % sys.argv[2])
    sys.exit(1)
PY
dom() { python3 "$T/dom.py" "$@"; }

# ---- the overview ------------------------------------------------------

mkdir -p "$ROOT/build"
rm -f "$ROOT/build/dashboard.png" "$ROOT/build/dashboard-phone.png"
if cdp open "$URL/" 1280 900 wait "$READY" 20 dom "$T/overview.html" \
    shot "$ROOT/build/dashboard.png"; then
	pass "dashboard: loads, draws and goes live"
else
	fail "dashboard: loads, draws and goes live" "see $CHROME_LOG"
fi
D=$T/overview.html
order=$(curl -s "$URL/api/v1/status" | python3 -c 'import json,sys; print(" ".join(r["region"] for r in json.load(sys.stdin)["regions"]))')
check "dashboard: rows in the order of /api/v1/status ($order)" \
    dom "$D" '" ".join(a(r, "data-region") for r in rows()) == "'"$order"'"'
check "dashboard: UA-12 is the first row" \
    dom "$D" 'a(rows()[0], "data-region") == "UA-12"'
check "dashboard: UA-12 power shows 600,000 (data-affected)" \
    dom "$D" 'a(cell("UA-12", "power"), "data-affected") == "600000" and "600,000" in text(cell("UA-12", "power"))'
check "dashboard: UA-12 power marked approximate (~)" \
    dom "$D" '"~600,000" in text(cell("UA-12", "power"))'
check "dashboard: UA-12 power percent near 46" \
    dom "$D" '45.5 <= float(a(cell("UA-12", "power"), "data-percent")) <= 46.5 and "46.1" in text(cell("UA-12", "power"))'
check "dashboard: UA-12 critical" \
    dom "$D" 'a(row("UA-12"), "data-severity") == "critical" and "critical" in text(row("UA-12")).lower()'
for u in heat water gas telecom; do
	check "dashboard: UA-12 $u shown as unknown, not 0" \
	    dom "$D" 'a(cell("UA-12", "'$u'"), "data-coverage") == "unknown" and text(cell("UA-12", "'$u'")) == "unknown" and a(cell("UA-12", "'$u'"), "data-affected") == ""'
done
check "dashboard: Kharkiv city heat 40,000 partial" \
    dom "$D" 'a(cell("UA-63:kharkiv", "heat"), "data-affected") == "40000" and "40,000" in text(cell("UA-63:kharkiv", "heat")) and "partial" in text(cell("UA-63:kharkiv", "heat"))'
check "dashboard: Odesa water outage without a count is not 0" \
    dom "$D" 'a(cell("UA-51", "water"), "data-status") == "outage" and a(cell("UA-51", "water"), "data-affected") == "" and "outage" in text(cell("UA-51", "water")) and "0" not in text(cell("UA-51", "water"))'
check "dashboard: Lviv power 20,000" \
    dom "$D" 'a(cell("UA-46", "power"), "data-affected") == "20000" and "20,000" in text(cell("UA-46", "power"))'
check "dashboard: Lviv gas 50 of 813,000 is <0.1 %, as outagectl says, not 0 %" \
    dom "$D" 'float(a(cell("UA-46", "gas"), "data-percent")) == 0 and "50" in text(cell("UA-46", "gas")) and "<0.1 %" in text(cell("UA-46", "gas")) and " 0 %" not in text(cell("UA-46", "gas"))'
check "dashboard: Ukraine rolls up 620,000 power" \
    dom "$D" 'a(cell("UA", "power"), "data-affected") == "620000"'
check "dashboard: a 24 h sparkline in every row" \
    dom "$D" 'all(find(lambda n: n.tag == "svg" and "sparkline" in a(n, "class") and a(n, "role") == "img" and a(n, "aria-label"), r) and find(lambda n: n.tag == "path" and a(n, "class") == "line", r) for r in rows())'
check "dashboard: UA-12 sparkline reaches 46.1 %" \
    dom "$D" '"46.1 percent" in a(find(lambda n: n.tag == "svg", row("UA-12")), "aria-label")'
check "dashboard: firing alert for UA-12 power listed" \
    dom "$D" 'find(lambda n: n.tag == "li" and a(n, "data-alert-region") == "UA-12" and a(n, "data-alert-utility") == "power" and a(n, "data-alert-severity") == "critical", find(lambda n: a(n, "id") == "alerts"))'
check "dashboard: live indicator says live" \
    dom "$D" 'a(find(lambda n: a(n, "id") == "live"), "data-state") == "live" and "live" in text(find(lambda n: a(n, "id") == "live"))'
check "dashboard: semantic table, focusable rows" \
    dom "$D" 'len(all_(lambda n: n.tag == "th" and a(n, "scope") == "col")) >= 9 and all(a(r, "tabindex") == "0" and find(lambda n: n.tag == "th" and a(n, "scope") == "row", r) for r in rows())'

# ---- the phone layout --------------------------------------------------

if cdp open "$URL/" 390 844 wait "$READY" 20 \
    wait "getComputedStyle(document.querySelector('#region-rows tr')).display === 'grid' && getComputedStyle(document.querySelector('#regions thead')).display === 'none'" 2 \
    wait "document.documentElement.scrollWidth <= 390" 2 \
    shot "$ROOT/build/dashboard-phone.png"; then
	pass "dashboard: phone layout shows cards, no sideways scrolling"
else
	fail "dashboard: phone layout shows cards, no sideways scrolling"
fi

png_ok() {	# png_ok FILE WIDTH HEIGHT: a PNG of that size, not blank
	python3 - "$@" <<'PY'
import struct, sys, zlib
f, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
d = open(f, "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
assert struct.unpack(">II", d[16:24]) == (w, h), "size"
assert len(d) > 20000, "too small to show anything"
PY
}
check "dashboard: build/dashboard.png is a 1280x900 PNG" \
    png_ok "$ROOT/build/dashboard.png" 1280 900
check "dashboard: build/dashboard-phone.png is a 390x844 PNG" \
    png_ok "$ROOT/build/dashboard-phone.png" 390 844

# ---- the detail view ---------------------------------------------------

if cdp open "$URL/#region=UA-12" 1280 1200 wait "$DETAIL" 20 \
    dom "$T/detail.html"; then
	pass "dashboard: #region=UA-12 opens the detail view"
else
	fail "dashboard: #region=UA-12 opens the detail view"
fi
D=$T/detail.html
detail='find(lambda n: a(n, "id") == "detail")'
check "detail: shown, overview hidden" \
    dom "$D" 'a('"$detail"', "data-detail") == "UA-12" and "hidden" not in '"$detail"'.attrs and "hidden" in find(lambda n: a(n, "id") == "overview").attrs'
# the English name from the pack (names.en): the browser asks for English
check "detail: name and denominator" \
    dom "$D" '"Dnipropetrovsk oblast" in text('"$detail"') and "1,301,000 households" in text('"$detail"')'
check "detail: power figure 600,000" \
    dom "$D" 'find(lambda n: n.tag == "td" and a(n, "data-affected") == "600000" and "~600,000" in text(n), '"$detail"')'
check "detail: heat unknown" \
    dom "$D" '"unknown" in text(find(lambda n: n.tag == "tr" and a(n, "data-utility") == "heat", '"$detail"'))'
check "detail: the dtek claim" \
    dom "$D" 'find(lambda n: n.tag == "tr" and a(n, "data-claim-source") == "dtek" and "600,000" in text(n), '"$detail"')'
check "detail: the firing alert" \
    dom "$D" 'find(lambda n: a(n, "data-alert-region") == "UA-12" and a(n, "data-alert-utility") == "power", '"$detail"')'
check "detail: children listed" \
    dom "$D" '"sub-region" in text('"$detail"')'

cdp open "$URL/#region=UA" 1280 1200 wait "$DETAIL" 20 dom "$T/detail-ua.html"
check "detail: UA lists UA-12 among its sub-regions with reports" \
    dom "$T/detail-ua.html" 'find(lambda n: n.tag == "tr" and a(n, "data-child") == "UA-12" and a(find(lambda m: a(m, "data-utility") == "power", n), "data-affected") == "600000")'

# ---- the keyboard ------------------------------------------------------

if cdp open "$URL/" 1280 900 wait "$READY" 20 \
    eval "document.querySelector('#region-rows tr').focus()" \
    wait "document.activeElement.dataset.region === 'UA-12'" 2 \
    key Enter \
    wait "location.hash === '#region=UA-12' && $DETAIL && document.activeElement.id === 'detail-h'" 5 \
    key Escape \
    wait "!document.querySelector('#overview').hidden && document.activeElement.dataset.region === 'UA-12'" 5 \
    > "$T/keys.out"; then
	pass "dashboard: Enter on a row opens it, Escape goes back to it"
else
	fail "dashboard: Enter on a row opens it, Escape goes back to it" "$(cat "$T/keys.out")"
fi

# ---- escaping ----------------------------------------------------------

cdp open "$URL/#region=%3Cimg%20src%3Dx%20onerror%3D%22document.title%3D'pwned'%22%3E" \
    1280 900 wait "document.querySelector('#detail .error')" 20 \
    dom "$T/escape.html"
check "dashboard: a region id with markup is shown as text" \
    dom "$T/escape.html" 'not all_(lambda n: n.tag == "img", find(lambda n: a(n, "id") == "detail")) and "<img src=x" in text(find(lambda n: a(n, "id") == "detail")) and text(find(lambda n: n.tag == "title")) != "pwned"'

# ---- live updates ------------------------------------------------------

# Lviv jumps to 500,000 of 813,000 households (61.5 %, critical): its row
# is updated in place and moves to the top, and its alert appears; Odesa's
# water comes back and its row goes.
cat > "$T/lviv.json" <<'JSON'
{"id":"loe-2","source":"lvivoblenergo","region":"Lviv","utility":"power",
 "status":"outage","affected":500000,"unit":"households"}
JSON
cat > "$T/odesa.json" <<'JSON'
{"id":"ivk-2","source":"infoxvodokanal","region":"Odesa","utility":"water",
 "status":"restored"}
JSON
PUB="mosquitto_pub -p $BROKER_PORT -q 1"
if cdp open "$URL/" 1280 900 wait "$READY" 20 \
    eval "document.querySelector('tr[data-region=\"UA-46\"]').probe = 1" \
    sh "$PUB -t outages/reports/lvivoblenergo -f $T/lviv.json" \
    wait "document.querySelector('#region-rows tr').dataset.region === 'UA-46'" 10 \
    wait "document.querySelector('tr[data-region=\"UA-46\"] td[data-utility=\"power\"]').dataset.affected === '500000'" 2 \
    wait "document.querySelector('tr[data-region=\"UA-46\"]').probe === 1" 1 \
    wait "document.querySelector('#alerts [data-alert-region=\"UA-46\"][data-alert-utility=\"power\"]')" 10 \
    sh "$PUB -t outages/reports/infoxvodokanal -f $T/odesa.json" \
    wait "!document.querySelector('tr[data-region=\"UA-51\"]')" 10 \
    sh "sleep 0.5" dom "$T/live.html" > "$T/live.out"; then
	pass "dashboard: live update moves Lviv to the top in place, adds its alert, drops Odesa"
else
	fail "dashboard: live update moves Lviv to the top in place, adds its alert, drops Odesa" "$(cat "$T/live.out")"
fi
order=$(curl -s "$URL/api/v1/status" | python3 -c 'import json,sys; print(" ".join(r["region"] for r in json.load(sys.stdin)["regions"]))')
check "dashboard: after live updates the rows are still in API order ($order)" \
    dom "$T/live.html" '" ".join(a(r, "data-region") for r in rows()) == "'"$order"'"'
check "dashboard: Lviv now shows 500,000 and 61.5 %" \
    dom "$T/live.html" '"500,000" in text(cell("UA-46", "power")) and "61.5" in text(cell("UA-46", "power"))'
exit 0
