# test_dashboard_browser.sh - the dashboard of issue 15 in headless
# Chromium against the real daemon and broker: the seed report (600,000
# households in Dnipropetrovsk without power) and a few more, then
#   - in Ukrainian (the browser's language): "Дніпропетровська область"
#     with 600 000 and about 46 %, the map tile of UA-12 critical, the
#     alert in the critical group and the minor one folded away;
#   - a filter to "heat" hides UA-12, is kept in the URL and survives a
#     reload; a search finds it by its English name too;
#   - the history chart of UA-12 has points and marks the alert episode;
#     sensors and the dark one show in the region view;
#   - past alerts list the resolved one with its peak, duration, source;
#   - switching to English shows the English names, and is remembered;
#   - screenshots at 1280x800 and 390x844 in both languages under
#     build/screenshots/.
# Chromium is driven over the DevTools protocol on a pipe
# (tests/integration/cdp.py), one browser per language.
. "$(dirname "$0")/lib.sh"

if ! command -v chromium > /dev/null; then
	fail "dashboard-browser: chromium is not installed (scripts/install-deps.sh)"
	exit 0
fi
if [ ! -f /usr/share/javascript/chart.js/chart.min.js ]; then
	fail "dashboard-browser: libjs-chart.js is not installed (scripts/install-deps.sh)"
fi

start_broker || exit 1
# minor alerts fire too (they are folded away on the page)
write_config ", \"alerts\": { \"fire\": \"minor\", \"clear\": \"minor\" },
  \"devices\": [ {\"id\": \"dn-1\", \"region\": \"UA-12\",
  \"label\": \"Dnipro, Robocha 1\"}, {\"id\": \"dn-2\", \"region\": \"UA-12\",
  \"label\": \"Dnipro, Naberezhna 7\"} ]"
start_outaged || exit 1
subscribe alerts 'outages/alerts/#'

# a Kyiv oblast outage that is over: a past alert with a source
pub outages/reports/kyivoblenergo '{"id":"koe-1","source":"kyivoblenergo",
  "region":"Kyiv oblast","utility":"power","status":"outage",
  "affected":400000,"unit":"households"}'
wait_line "$T/alerts.sub" '^outages/alerts/power/UA/UA-32 .*"event":"firing"' ||
    fail "dashboard-browser: the Kyiv oblast alert fired"
sleep 1.1
pub outages/reports/kyivoblenergo '{"id":"koe-2","source":"kyivoblenergo",
  "region":"Kyiv oblast","utility":"power","status":"restored"}'
# DTEK's first count, then the seed report: two points of history
pub outages/reports/dtek '{"id":"dtek-2026-11-26-0000","source":"dtek",
  "region":"Dnipropetrovsk","utility":"power","status":"outage",
  "affected":200000,"unit":"households","approximate":true}'
wait_line "$T/alerts.sub" '^outages/alerts/power/UA/UA-12 .*"event":"firing"' ||
    fail "dashboard-browser: the first UA-12 alert fired"
sleep 1.1
pub outages/reports/dtek '{"id":"dtek-2026-11-26-0001","source":"dtek",
  "region":"Dnipropetrovsk","utility":"power","status":"outage",
  "affected":600000,"unit":"households","approximate":true,
  "cause":"missile attack"}'
# heat in Kharkiv, and a small one in Lviv (a minor alert)
pub outages/reports/kharkivteploenergo '{"id":"khte-1",
  "source":"kharkivteploenergo","region":"Kharkiv oblast","utility":"heat",
  "status":"partial","affected":150000,"unit":"households"}'
pub outages/reports/lvivoblenergo '{"id":"loe-1","source":"lvivoblenergo",
  "region":"Lviv","utility":"power","status":"outage","affected":30000,
  "unit":"households"}'
# one sensor lit, one dark
pub outages/sensors/dn-1 online
pub outages/sensors/dn-2 offline

wait_line "$T/alerts.sub" '^outages/alerts/power/UA/UA-32 .*"event":"resolved"' ||
    fail "dashboard-browser: the Kyiv oblast alert resolved"
wait_line "$T/alerts.sub" '^outages/alerts/power/UA/UA-12 .*"severity":"critical"' ||
    fail "dashboard-browser: the seed alert is critical"
for _ in $(seq 50); do
	curl -s "$URL/api/v1/status" | grep -q '"UA-46"' && break
	sleep 0.1
done

# ---- the API's side ----------------------------------------------------

j() { curl -s "$@" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$EXPR"; }
EXPR='[r["name"] for r in j["regions"] if r["region"]=="UA-12"][0]'
check "api: ?lang=uk names UA-12 in Ukrainian" \
    [ "$(j "$URL/api/v1/status?lang=uk")" = "Дніпропетровська область" ]
check "api: Accept-Language: uk names it in Ukrainian" \
    [ "$(j -H 'Accept-Language: uk-UA,uk;q=0.9,en;q=0.8' "$URL/api/v1/status")" = "Дніпропетровська область" ]
check "api: ?lang=en names it in English" \
    [ "$(j "$URL/api/v1/status?lang=en")" = "Dnipropetrovsk oblast" ]
check "api: /status varies by Accept-Language" \
    curl -sI "$URL/api/v1/status" -o /dev/null -w '%header{vary}' | grep -qi accept-language
EXPR='[r for r in j["regions"] if r["region"]=="UA-12"][0]["tile"] == [5, 2] and len([r for r in j["regions"] if r.get("tile")]) == 27 + 52'
check "api: /regions lists the tiles of ua.json and us.json" \
    [ "$(j "$URL/api/v1/regions")" = True ]
EXPR='[a["region_name"] for a in j["alerts"] if a["region"]=="UA-12"][0]'
check "api: /alerts?lang=uk names the region in Ukrainian" \
    [ "$(j "$URL/api/v1/alerts?state=firing&lang=uk")" = "Дніпропетровська область" ]
got=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$URL/js/chart.js")
check "api: /js/chart.js is Debian's Chart.js ($got)" \
    [ "${got%%;*}" = "200 text/javascript" ]
for bad in "/js/chart.min.js" "/js/..%2F..%2Fetc%2Fpasswd" "/js/%2e%2e" "/js/helpers.mjs"; do
	check "api: $bad is not served" \
	    [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL$bad")" = 404 ]
done

# ---- the texts ---------------------------------------------------------

# every language file has every key, and every key the page uses is there
check "texts: web/lang-*.json have the same keys, all the page uses" python3 - "$ROOT/web" <<'PY'
import glob, json, os, re, sys
web = sys.argv[1]
langs = {os.path.basename(f)[5:-5]: json.load(open(f))
         for f in glob.glob(os.path.join(web, "lang-*.json"))}
assert {"en", "uk"} <= set(langs), sorted(langs)
keys = set(langs["en"])
for code, texts in langs.items():
    assert set(texts) == keys, (code, sorted(set(texts) ^ keys))
    assert all(isinstance(v, str) and v for v in texts.values()), code
src = open(os.path.join(web, "app.js")).read()
html = open(os.path.join(web, "index.html")).read()
used = set(re.findall(r"\bt\('([a-zA-Z0-9_.]+)'\s*[,)]", src))
used |= set(re.findall(r'data-i18n="([^"]+)"', html))
used |= set(re.findall(r'data-i18n-attr="[a-z-]+:([^"]+)"', html))
assert used and used <= keys, sorted(used - keys)
PY

# ---- the browser -------------------------------------------------------

SHOTS=$ROOT/build/screenshots
mkdir -p "$SHOTS"
rm -f "$SHOTS"/dashboard-*.png
export CHROME_LOG=$T/chrome.log
browser() {	# browser PROFILE STEP...: one Chromium, its own profile
	local prof=$1
	shift
	CHROME="chromium --headless=new --no-sandbox --disable-gpu \
--disable-quic --no-first-run --disable-background-networking \
--disable-component-update --disable-sync --hide-scrollbars \
--user-data-dir=$T/chrome-$prof" \
	    timeout 100 python3 "$ROOT/tests/integration/cdp.py" "$@"
}
READY="document.querySelector('main[data-loaded][data-lang]') &&
  document.querySelector('#live').dataset.state === 'live' &&
  document.querySelector('#map .tile')"
# text of an element, spaces (NBSP, narrow NBSP) made plain
TX="(s) => { const n = document.querySelector(s); return n ? n.textContent.replace(/[\\s\\u00a0\\u202f]+/g, ' ').trim() : ''; }"
ROW="tr[data-region=\"UA-12\"]"
TILE="#map .tile[data-region=\"UA-12\"]"
SETUTIL="(function (v) { const s = document.querySelector('#f-utility'); s.value = v; s.dispatchEvent(new Event('change', {bubbles: true})); return true; })"
HIST="document.querySelector('#history[data-drawn=chart]')"

browser uk lang "uk-UA,uk" \
    open "$URL/" 1280 800 wait "$READY" 30 \
    check "uk: the page is in Ukrainian (the browser's language)" \
	"document.documentElement.lang === 'uk' && document.querySelector('#regions-h').textContent.includes('Регіони')" \
    check "uk: UA-12 is named Дніпропетровська область" \
	"($TX)('$ROW th.name .rname') === 'Дніпропетровська область'" \
    check "uk: UA-12 power shows ~600 000 (grouped as Ukrainian does)" \
	"($TX)('$ROW td[data-utility=power] .n') === '~600 000' && document.querySelector('$ROW td[data-utility=power]').dataset.affected === '600000'" \
    check "uk: UA-12 power about 46 % (46,1 %)" \
	"($TX)('$ROW td[data-utility=power] .p') === '46,1 %' && Math.abs(parseFloat(document.querySelector('$ROW td[data-utility=power]').dataset.percent) - 46) < 0.6" \
    check "uk: UA-12 is critical (критичний)" \
	"document.querySelector('$ROW').dataset.severity === 'critical' && ($TX)('$ROW td.sev') === 'критичний'" \
    check "uk: the map has one tile per oblast (27) laid out on a grid" \
	"document.querySelectorAll('#map .tile').length === 27 && document.querySelector('$TILE').style.gridColumn.startsWith('6') && document.querySelector('$TILE').style.gridRow.startsWith('3')" \
    check "uk: the map tile of UA-12 is critical, with its figure" \
	"document.querySelector('$TILE').dataset.severity === 'critical' && document.querySelector('$TILE').classList.contains('sev-critical') && ($TX)('$TILE .t-fig') === '46 %'" \
    check "uk: the tile is a button named for screen readers" \
	"document.querySelector('$TILE').tagName === 'BUTTON' && document.querySelector('$TILE').getAttribute('aria-label').startsWith('Дніпропетровська область: критичний, електроенергія')" \
    check "uk: alerts grouped, critical first, minor folded" \
	"document.querySelector('#alerts .alert-group').dataset.group === 'critical' && document.querySelector('#alerts [data-group=critical] [data-alert-region=\"UA-12\"]') && document.querySelector('#alerts details[data-group=minor]:not([open]) [data-alert-region=\"UA-46\"]')" \
    check "uk: sensors counted on the UA-12 row" \
	"document.querySelector('$ROW .rsens').dataset.sensorsTotal === '2' && document.querySelector('$ROW .rsens').dataset.sensorsDark === '1'" \
    shot "$SHOTS/dashboard-uk-desktop.png" \
    run "document.querySelector('$TILE').focus()" \
    key ArrowRight \
    check "uk: arrow keys move between tiles as on the map (right of UA-12 is Donetsk)" \
	"document.activeElement.dataset.region === 'UA-14'" \
    key ArrowLeft \
    key Enter \
    wait "location.hash === '#region=UA-12' && $HIST" 20 \
    check "uk: Enter on the UA-12 tile opens the region" \
	"document.querySelector('#detail').dataset.detail === 'UA-12' && ($TX)('#detail-h').startsWith('Дніпропетровська область')" \
    check "uk: the history chart of UA-12 has points (power, 24 h)" \
	"$HIST.dataset.points >= 2 && $HIST.dataset.utility === 'power' && window.outaged.state.chart.data.datasets[0].data.map(p => p.y).join() === '200000,600000,600000'" \
    check "uk: the alert episode is marked on the chart" \
	"$HIST.dataset.episodes === '1' && document.querySelector('#h-note .episodes li')" \
    check "uk: the chart is described for screen readers" \
	"document.querySelector('#h-chart').getAttribute('role') === 'img' && document.querySelector('#h-chart').getAttribute('aria-label').replace(/[\\s\\u00a0\\u202f]+/g, ' ').includes('600 000')" \
    check "uk: the region view shows its sensors and the dark one" \
	"document.querySelector('#detail .sensors').dataset.sensorsTotal === '2' && document.querySelector('#detail .sensors [data-device=\"dn-2\"]') && !document.querySelector('#detail .sensors [data-device=\"dn-1\"]')" \
    click "#history button[data-window=\"7d\"]" \
    wait "document.querySelector('#history[data-drawn=chart][data-window=\"7d\"]')" 10 \
    check "uk: the 7-day window redraws with the points" \
	"$HIST.dataset.points >= 1" \
    shot "$SHOTS/dashboard-uk-region.png" \
    key Escape \
    wait "!document.querySelector('#overview').hidden" 5 \
    run "$SETUTIL('heat')" \
    wait "document.querySelector('$ROW').hidden" 5 \
    check "uk: a filter to heat hides UA-12 and keeps Kharkiv" \
	"document.querySelector('$ROW').hidden && !document.querySelector('tr[data-region=\"UA-63\"]').hidden && document.querySelector('$TILE').dataset.filtered === 'out' && !document.querySelector('#alerts [data-alert-region=\"UA-12\"]')" \
    check "uk: the filter is in the URL" \
	"new URLSearchParams(location.search).get('utility') === 'heat'" \
    open "$URL/?utility=heat&sev=minor" 1280 800 wait "$READY" 30 \
    check "uk: the shared URL reloads the same filtered view" \
	"document.querySelector('#f-utility').value === 'heat' && document.querySelector('#f-sev').value === 'minor' && document.querySelector('$ROW').hidden && !document.querySelector('tr[data-region=\"UA-63\"]').hidden" \
    run "$SETUTIL('')" \
    type "#f-q" "Dnipropetrovsk" \
    wait "document.querySelector('tr[data-region=\"UA-63\"]').hidden" 5 \
    check "uk: searching the English name finds UA-12 only" \
	"!document.querySelector('$ROW').hidden && document.querySelector('tr[data-region=\"UA-46\"]').hidden && new URLSearchParams(location.search).get('q') === 'Dnipropetrovsk'" \
    type "#f-q" "Харків" \
    wait "!document.querySelector('tr[data-region=\"UA-63\"]').hidden" 5 \
    check "uk: searching a Ukrainian name finds it" \
	"document.querySelector('$ROW').hidden" \
    open "$URL/#alerts=past" 1280 800 wait "document.querySelector('#past[data-loaded]')" 30 \
    check "uk: past alerts list Kyiv oblast with its peak, duration and source" \
	"(() => { const r = document.querySelector('#past tr[data-alert-region=\"UA-32\"]'); const x = r ? r.textContent.replace(/[\\s\\u00a0\\u202f]+/g, ' ') : ''; return r && r.dataset.peakSeverity === 'critical' && x.includes('400 000') && x.includes('kyivoblenergo') && /\\d+ хв/.test(x) && x.includes('Київська область'); })()" \
    shot "$SHOTS/dashboard-uk-past.png" \
    open "$URL/" 390 844 wait "$READY" 30 \
    wait "document.documentElement.scrollWidth <= 390" 3 \
    check "uk phone: no sideways scrolling, the map fits" \
	"document.documentElement.scrollWidth <= 390 && document.querySelector('#map .map-grid').getBoundingClientRect().right <= 390" \
    shot "$SHOTS/dashboard-uk-phone.png" \
    click "#langs button[data-lang=en]" \
    wait "document.querySelector('main[data-lang=en]')" 20 \
    check "switch: English names after switching" \
	"document.documentElement.lang === 'en' && ($TX)('$ROW th.name .rname') === 'Dnipropetrovsk oblast' && ($TX)('$ROW td[data-utility=power] .n') === '~600,000'" \
    check "switch: the map speaks English too" \
	"document.querySelector('$TILE').getAttribute('aria-label').startsWith('Dnipropetrovsk oblast: critical, power')" \
    check "switch: the choice is remembered" \
	"localStorage.getItem('outaged-lang') === 'en'" \
    shot "$SHOTS/dashboard-en-phone.png" \
    open "$URL/" 1280 800 wait "$READY" 30 \
    check "switch: a reload stays in English though the browser asks for Ukrainian" \
	"document.documentElement.lang === 'en' && ($TX)('$ROW th.name .rname') === 'Dnipropetrovsk oblast' && navigator.language.startsWith('uk')" \
    shot "$SHOTS/dashboard-en-desktop.png" \
    open "$URL/#region=UA-12" 390 844 wait "$HIST" 30 \
    check "en phone: the region view fits, chart and all" \
	"document.documentElement.scrollWidth <= 390 && document.querySelector('#h-chart').getBoundingClientRect().width > 300" \
    shot "$SHOTS/dashboard-en-region-phone.png" \
    > "$T/uk.out" 2>&1
rc=$?
cat "$T/uk.out"
[ $rc -eq 0 ] || fail "dashboard-browser: the Ukrainian browser's steps all ran" "see $CHROME_LOG"

# an English browser, fresh profile: English from the start
browser en lang "en-US,en" \
    open "$URL/" 1280 800 wait "$READY" 30 \
    check "en: an English browser gets English" \
	"document.documentElement.lang === 'en' && ($TX)('$ROW th.name .rname') === 'Dnipropetrovsk oblast' && ($TX)('#langs button[aria-pressed=true]') === 'English'" \
    > "$T/en.out" 2>&1 || fail "dashboard-browser: the English browser's steps all ran"
cat "$T/en.out"

png_ok() {	# png_ok FILE WIDTH HEIGHT: a PNG of that size, not blank
	python3 - "$@" <<'PY'
import struct, sys
f, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
d = open(f, "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
assert struct.unpack(">II", d[16:24]) == (w, h), "size"
assert len(d) > 20000, "too small to show anything"
PY
}
for s in uk-desktop:1280:800 en-desktop:1280:800 uk-phone:390:844 \
    en-phone:390:844 uk-region:1280:800 uk-past:1280:800 \
    en-region-phone:390:844; do
	IFS=: read -r n w h <<< "$s"
	check "screenshot build/screenshots/dashboard-$n.png (${w}x$h)" \
	    png_ok "$SHOTS/dashboard-$n.png" "$w" "$h" 2>/dev/null
done
exit 0
