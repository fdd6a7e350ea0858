# test_cap.sh - alerts as OASIS CAP 1.2 and an Atom feed (docs/cap.md): the
# seed report fires an Alert, a restore sends its Cancel; a second episode
# goes Alert (major) -> Update (critical) -> Cancel.  Every document is
# checked against CAP 1.2's rules (cap_check.py: the spec's elements, their
# order and counts, the enumerations, the dateTime form, references as
# sender,identifier,sent) and each later message must reference all the
# earlier ones.  The Atom feed is parsed (xml.etree) and every entry's link
# is fetched and checked as CAP too.
. "$(dirname "$0")/lib.sh"

CHECK=$ROOT/tests/integration/cap_check.py
start_broker || exit 1
start_outaged || exit 1
subscribe alerts 'outages/alerts/#'

# cap NAME PATH: fetch into $T/NAME.xml; prints the HTTP code
cap() {
	curl -s -o "$T/$1.xml" -w '%{http_code} %{content_type}' "$URL$2"
}
# x FILE XPATH: the text of a CAP element ("info/severity")
x() {
	python3 -c 'import sys, xml.etree.ElementTree as ET
ns = "{urn:oasis:names:tc:emergency:cap:1.2}"
r = ET.parse(sys.argv[1]).getroot()
print(r.findtext("/".join(ns + p for p in sys.argv[2].split("/"))))' "$1" "$2"
}
ts() { date -u -d "+$1 sec" +%Y-%m-%dT%H:%M:%SZ; }
firing_id() {	# the firing episode's id
	curl -s "$URL/api/v1/alerts?state=firing" | python3 -c 'import json,sys; print(json.load(sys.stdin)["alerts"][0]["id"])'
}

# ---- episode 1: the seed report, then its restore ----------------------------
pub outages/reports/dtek '{"id":"dtek-2026-11-26-0001","source":"dtek",
  "region":"Dnipropetrovsk","utility":"power","status":"outage",
  "affected":600000,"unit":"households","approximate":true,
  "cause":"missile attack"}'
check "seed: firing" wait_line "$T/alerts.sub" '"event":"firing"'
id1=$(firing_id)
check "cap: 200 application/cap+xml" [ "$(cap a1 "/api/v1/alerts/$id1.cap")" = "200 application/cap+xml" ]
check "cap: the Alert is valid CAP 1.2" python3 "$CHECK" cap "$T/a1.xml"
check "cap: msgType Alert, no references" [ "$(x "$T/a1.xml" msgType) $(x "$T/a1.xml" references)" = "Alert None" ]
check "cap: status Actual, scope Public" [ "$(x "$T/a1.xml" status) $(x "$T/a1.xml" scope)" = "Actual Public" ]
check "cap: category Infra, event Power outage" [ "$(x "$T/a1.xml" info/category)|$(x "$T/a1.xml" info/event)" = "Infra|Power outage" ]
check "cap: critical is Severe, Immediate, Observed (a direct source)" \
    [ "$(x "$T/a1.xml" info/severity) $(x "$T/a1.xml" info/urgency) $(x "$T/a1.xml" info/certainty)" = "Severe Immediate Observed" ]
check "cap: area UA-12 by ISO 3166-2" [ "$(x "$T/a1.xml" info/area/geocode/valueName)|$(x "$T/a1.xml" info/area/geocode/value)" = "ISO 3166-2|UA-12" ]
check "cap: description has the figure" grep -q '600000 households affected (46\.' "$T/a1.xml"
check "cap: the same message twice is the same identifier" \
    [ "$(cap a1b "/api/v1/alerts/$id1.cap"; x "$T/a1b.xml" identifier)" = "200 application/cap+xml$(x "$T/a1.xml" identifier)" ]
cap uk "/api/v1/alerts/$id1.cap?lang=uk" > /dev/null
check "cap: ?lang=uk names the area in Ukrainian" [ "$(x "$T/uk.xml" info/language)|$(x "$T/uk.xml" info/area/areaDesc)" = "uk|Дніпропетровська область" ]
curl -s -o "$T/al.xml" -H 'Accept-Language: uk-UA,uk;q=0.9,en;q=0.5' "$URL/api/v1/alerts/$id1.cap"
check "cap: Accept-Language uk-UA chooses Ukrainian" [ "$(x "$T/al.xml" info/language)" = uk ]
check "cap: ?lang=uk is valid CAP too" python3 "$CHECK" cap "$T/uk.xml"

pub outages/reports/dtek '{"id":"dtek-2026-11-26-0002","source":"dtek",
  "region":"UA-12","utility":"power","status":"restored",
  "observed_at":"'"$(ts 1)"'"}'
check "seed: resolved" wait_line "$T/alerts.sub" '"event":"resolved"'
cap c1 "/api/v1/alerts/$id1.cap" > /dev/null
check "cap: the Cancel is valid CAP 1.2" python3 "$CHECK" cap "$T/c1.xml"
check "cap: msgType Cancel, Past, AllClear" [ "$(x "$T/c1.xml" msgType) $(x "$T/c1.xml" info/urgency) $(x "$T/c1.xml" info/responseType)" = "Cancel Past AllClear" ]
check "cap: Alert -> Cancel: the Cancel references the Alert" python3 "$CHECK" chain "$T/a1.xml" "$T/c1.xml"
cap m0 "/api/v1/alerts/$id1.cap?message=0" > /dev/null
check "cap: ?message=0 is the Alert again" cmp -s "$T/a1.xml" "$T/m0.xml"

# ---- episode 2: major, escalated to critical, restored ------------------------
pub outages/reports/dtek '{"id":"dtek-2","source":"dtek","region":"UA-12",
  "utility":"power","status":"outage","affected":100000,"unit":"households",
  "observed_at":"'"$(ts 2)"'"}'
check "episode 2: firing" wait_for 5 sh -c "[ \$(grep -c '\"event\":\"firing\"' '$T/alerts.sub') = 2 ]"
id2=$(firing_id)
cap a2 "/api/v1/alerts/$id2.cap" > /dev/null
check "cap: major is Moderate" [ "$(x "$T/a2.xml" msgType) $(x "$T/a2.xml" info/severity)" = "Alert Moderate" ]
sleep 1
pub outages/reports/dtek '{"id":"dtek-3","source":"dtek","region":"UA-12",
  "utility":"power","status":"outage","affected":600000,"unit":"households",
  "observed_at":"'"$(ts 3)"'"}'
check "episode 2: updated" wait_line "$T/alerts.sub" '"event":"updated"'
cap u2 "/api/v1/alerts/$id2.cap" > /dev/null
check "cap: the Update is valid CAP 1.2" python3 "$CHECK" cap "$T/u2.xml"
check "cap: msgType Update, Severe" [ "$(x "$T/u2.xml" msgType) $(x "$T/u2.xml" info/severity)" = "Update Severe" ]
sleep 1
pub outages/reports/dtek '{"id":"dtek-4","source":"dtek","region":"UA-12",
  "utility":"power","status":"restored","observed_at":"'"$(ts 4)"'"}'
check "episode 2: resolved" wait_for 5 sh -c "[ \$(grep -c '\"event\":\"resolved\"' '$T/alerts.sub') = 2 ]"
cap c2 "/api/v1/alerts/$id2.cap" > /dev/null
check "cap: the second Cancel is valid CAP 1.2" python3 "$CHECK" cap "$T/c2.xml"
check "cap: Alert -> Update -> Cancel, each referencing all before it" \
    python3 "$CHECK" chain "$T/a2.xml" "$T/u2.xml" "$T/c2.xml"
cap m1 "/api/v1/alerts/$id2.cap?message=1" > /dev/null
check "cap: ?message=1 is the Update" cmp -s "$T/u2.xml" "$T/m1.xml"
check "cap: identifiers differ across the chain" \
    [ "$(for f in a2 u2 c2 a1 c1; do x "$T/$f.xml" identifier; done | sort -u | wc -l)" = 5 ]

# ---- errors ---------------------------------------------------------------------
check "cap: 404 for an unknown alert" [ "$(cap e1 /api/v1/alerts/99999.cap)" = "404 application/json" ]
check "cap: 404 for a non-numeric id" [ "$(cap e2 /api/v1/alerts/UA-12.cap)" = "404 application/json" ]
check "cap: 404 for another suffix" [ "$(cap e3 "/api/v1/alerts/$id1.xml")" = "404 application/json" ]
check "cap: 404 for a message beyond the chain" [ "$(cap e4 "/api/v1/alerts/$id1.cap?message=5")" = "404 application/json" ]
check "cap: 400 for a malformed message=" [ "$(cap e5 "/api/v1/alerts/$id1.cap?message=x")" = "400 application/json" ]

# ---- the Atom feed ----------------------------------------------------------------
code=$(curl -s -o "$T/feed.xml" -w '%{http_code} %{content_type}' "$URL/api/v1/alerts.atom")
check "atom: 200 application/atom+xml" [ "$code" = "200 application/atom+xml" ]
mkdir -p "$T/feedcap"
n=$(python3 "$CHECK" atom "$T/feed.xml" "$URL/api/v1/alerts.atom" "$T/feedcap")
check "atom: a valid feed whose every link is a valid CAP document" [ $? = 0 ]
check "atom: both episodes listed ($n)" [ "$n" = 2 ]
check "atom: the links give the latest messages (Cancels)" \
    [ "$(for f in "$T"/feedcap/*.xml; do x "$f" msgType; done | sort -u)" = Cancel ]
n=$(curl -s "$URL/api/v1/alerts.atom?limit=1" | python3 -c 'import sys, xml.etree.ElementTree as ET; print(len(ET.parse(sys.stdin).getroot().findall("{http://www.w3.org/2005/Atom}entry")))')
check "atom: limit=1 gives one entry" [ "$n" = 1 ]
exit 0
