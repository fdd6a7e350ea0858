# test_news.sh - the news path end to end: a local HTTP server serves an
# RSS and an Atom feed; outaged fetches them, extracts reports that show in
# region status, and a second fetch (304) adds nothing.  A malformed and an
# oversized feed are refused with a logged reason, and a stalled one times
# out, and none of them stops anything else.
# Articles pushed over HTTP and MQTT take the same path.
. "$(dirname "$0")/lib.sh"

FEEDS=$T/feeds
mkdir -p "$FEEDS"
# recent enough to be fresh (aggregate.ttl is 6 h)
PUB_RSS=$(date -u -d '-10 min' '+%a, %d %b %Y %H:%M:%S GMT')
PUB_ATOM=$(date -u -d '-5 min' '+%Y-%m-%dT%H:%M:%SZ')
cat > "$FEEDS/rss.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Grid desk</title>
<item><title>Night strike on the grid</title>
<link>https://news.example/strike</link><guid>strike-1</guid>
<pubDate>$PUB_RSS</pubDate>
<description>&lt;p&gt;About 600,000 households in Dnipropetrovsk region remained without power after the attack.&lt;/p&gt;</description>
</item>
<item><title>Concert moved to Sunday</title><guid>concert</guid>
<description>The orchestra will play on Sunday instead.</description></item>
</channel></rss>
XML
cat > "$FEEDS/atom.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Utility news</title>
<entry><title>Heating cut in Kharkiv region</title><id>urn:heat-1</id>
<link href="https://news.example/heat"/>
<updated>$PUB_ATOM</updated>
<summary>More than 120,000 households in Kharkiv region were left without heating.</summary>
</entry></feed>
XML
printf '<rss><channel><item><title>broken' > "$FEEDS/bad.xml"
cp "$FEEDS/rss.xml" "$FEEDS/slow-rss.xml"
python3 -c 'print("<rss><channel>" + "<item><title>x</title><description>" + "y" * 200000 + "</description></item>" * 3 + "</channel></rss>")' > "$FEEDS/big.xml"

python3 "$ROOT/tests/integration/feedserver.py" "$FEEDS" 0 > "$T/feedserver.port" 2>"$T/feedserver.log" &
PIDS+=("$!")
disown "$!"
for _ in $(seq 50); do [ -s "$T/feedserver.port" ] && break; sleep 0.1; done
FP=$(head -1 "$T/feedserver.port")

start_broker || exit 1
feed() {	# feed NAME FILE [extra]
	printf '{"name": "%s", "url": "http://127.0.0.1:%s/%s", "interval": "2s", "allow_private": true%s}' "$1" "$FP" "$2" "${3:-}"
}
write_config ", \"feeds\": [ $(feed grid rss.xml), $(feed utility atom.xml), $(feed broken bad.xml), $(feed huge big.xml ', "max_bytes": 100000'), $(feed stalled slow-rss.xml ', "timeout": "3s"') ]"
"$OUTAGED" -c "$T/outaged.json" --check-config > /dev/null 2>&1
check "news: the feed configuration is valid" [ $? -eq 0 ]
start_outaged || exit 1

check "news: the RSS feed's article becomes a report" \
    wait_retained outages/status/UA-12 'j["utilities"]["power"]["affected"]' 600000 10
check "news: the Atom feed's article becomes a report" \
    wait_retained outages/status/UA-63 'j["utilities"]["heat"]["affected"]' 120000 10
check "news: reports come from news:<feed>" \
    [ "$(sql "select group_concat(distinct source) from (select source from reports order by source)")" = "news:grid,news:utility" ]
check "news: the article's URL and sentence are kept" \
    [ "$(sql "select count(*) from reports where raw like '%https://news.example/strike%' and raw like '%600,000 households%'")" = 1 ]
check "news: observed_at is the item's date" \
    [ "$(sql "select count(*) from reports where source = 'news:grid' and observed_at < received_at - 500000")" = 1 ]
check "news: the non-outage item gives nothing" \
    [ "$(sql "select count(*) from news_items where reports = 0")" -ge 1 ]
check "news: a malformed feed is refused with a reason" \
    wait_line "$T/outaged.log" 'feed broken: not a valid feed' 10
check "news: an oversized feed is refused with a reason" \
    wait_line "$T/outaged.log" 'feed huge: .*(larger than|Maximum file size)' 10
check "news: a stalled feed times out with a reason" \
    wait_line "$T/outaged.log" 'feed stalled: .*(timed out|Timeout)' 10
stalled_twice() {
	[ "$(grep -c '^/slow-rss.xml stalled' "$FEEDS/requests.log")" -ge 2 ]
}
check "news: a stalled feed is tried again at its next interval" \
    wait_for 15 stalled_twice
n=$(sql 'select count(*) from reports')
# the next round of fetches is conditional: 304, nothing added
both_304() {
	grep -q '^/rss.xml 304' "$FEEDS/requests.log" 2>/dev/null &&
	    grep -q '^/atom.xml 304' "$FEEDS/requests.log" 2>/dev/null
}
wait_for 6 both_304
check "news: the second fetch is answered 304" grep -q '^/rss.xml 304' "$FEEDS/requests.log"
check "news: a 304 adds nothing" [ "$(sql 'select count(*) from reports')" = "$n" ]
# a changed feed re-fetched in full: the old item is remembered, not re-added
sed -i 's|</channel>|<item><title>Water back</title><guid>w1</guid><description>Water supply was restored to 30,000 households in Odesa region.</description></item></channel>|' "$FEEDS/rss.xml"
check "news: a new item in a changed feed is read" \
    wait_retained outages/status/UA-51 'j["utilities"]["water"]["status"]' restored 10
check "news: items already read are not read again" \
    [ "$(sql "select count(*) from reports where source = 'news:grid' and region = 'UA-12'")" = 1 ]
check "news: the broken feeds did not stop the others" kill -0 "$OUTAGED_PID"

# pushed articles: HTTP and MQTT
art='{"title":"Gas cut","body":"About 5,000 homes in Poltava region were left without gas supply.","url":"https://news.example/gas"}'
code=$(curl -s -o "$T/news.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" -d "$art" "$URL/api/v1/news")
check "news: POST /api/v1/news accepted" [ "$code" = 200 ]
check "news: POST answers with the extracted reports" \
    python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not any(r["region"]=="UA-53" and r["utility"]=="gas" and r["affected"]==5000 for r in j["extracted"]))' "$T/news.json"
check "news: a fresh article: stale 0, no note" \
    python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not (j["stale"] == 0 and "note" not in j))' "$T/news.json"
# an article older than aggregate.ttl (6 h): stored, but it changes
# nothing, and the answer says so rather than a bare "accepted"
old='{"title":"Old cut","body":"About 7,000 homes in Chernihiv region were left without gas supply.","url":"https://news.example/old","published":"'"$(date -u -d '-2 days' +%Y-%m-%dT%H:%M:%SZ)"'"}'
code=$(curl -s -o "$T/old.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" -d "$old" "$URL/api/v1/news")
check "news: an article older than aggregate.ttl: 200, accepted, all of it counted stale" \
    python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not (sys.argv[2] == "200" and j["accepted"] >= 1 and j["stale"] == j["accepted"]))' "$T/old.json" "$code"
check "news: ... with a note naming aggregate.ttl" \
    python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit("aggregate.ttl" not in j.get("note", ""))' "$T/old.json"
check "news: ... and it changed no status (UA-74 gas unknown)" \
    python3 -c 'import json,sys,urllib.request; j=json.load(urllib.request.urlopen(sys.argv[1] + "/api/v1/regions/UA-74")); sys.exit(j["utilities"]["gas"]["coverage"] != "unknown")' "$URL"
# buildings are not a household unit: the count is not stored as customers
bld='{"title":"Heat cut","body":"Heating was cut off to 3,000 apartment buildings in Zhytomyr region after the strike.","url":"https://news.example/bld"}'
code=$(curl -s -o "$T/bld.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" -d "$bld" "$URL/api/v1/news")
check "news: 3,000 apartment buildings: extracted with no unit" \
    python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not any(r["region"]=="UA-18" and r["utility"]=="heat" and r["unit"] is None for r in j["extracted"]))' "$T/bld.json"
check "news: ... stored as a heat outage without a count, not 3,000 customers" \
    python3 -c 'import json,sys,urllib.request; h=json.load(urllib.request.urlopen(sys.argv[1] + "/api/v1/regions/UA-18"))["utilities"]["heat"]; sys.exit(not (h["status"]=="outage" and h["affected"] is None))' "$URL"
check "news: ... (sql: the report has no count)" \
    [ "$(sql "select count(*) from reports where region='UA-18' and utility='heat' and affected is null")" = 1 ]
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d "$art" "$URL/api/v1/news")
check "news: POST without a token is 401" [ "$code" = 401 ]
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" -d '{"url": 1}' "$URL/api/v1/news")
check "news: an article without text is 400" [ "$code" = 400 ]
subscribe rejected 'outages/rejected/#'
pub outages/news '{"title":"Telecom","body":"Mobile communication was cut off for 20,000 subscribers in Sumy region.","url":"https://news.example/tel"}'
check "news: an article on outages/news becomes a report" \
    wait_retained outages/status/UA-59 'j["utilities"]["telecom"]["affected"]' 20000 10
pub outages/news 'not json'
check "news: a bad article on outages/news is rejected with a reason" \
    wait_line "$T/rejected.sub" '^outages/rejected/news .*invalid_article' 5
# the same fact in a second article does not add up: figures of sources
# merge by priority, then the largest, never by sum
art2='{"title":"Still dark","body":"Some 600,000 households in Dnipropetrovsk region are still without power, the regional governor said.","url":"https://news.example/still"}'
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" -d "$art2" "$URL/api/v1/news")
check "news: a second article on the same fact is accepted" [ "$code" = 200 ]
curl -s "$URL/api/v1/regions/UA-12" > "$T/ua12.json"
check "news: the second article's claim stands beside the first" \
    python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["utilities"]["power"]["claims"]; sys.exit(sorted((x["source"], x["affected"]) for x in c) != [("news:grid", 600000), ("news:http", 600000)])' "$T/ua12.json"
check "news: the same fact from two articles does not add up" \
    python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["utilities"]["power"]["affected"] != 600000)' "$T/ua12.json"
# a utility's own figure outranks the newspapers' (news.priority -10)
pub outages/reports/dtek '{"id":"dtek-n1","source":"dtek","region":"UA-12","utility":"power","status":"outage","affected":250000,"unit":"households"}'
check "news: a direct report ranks above news, smaller figure or not" \
    wait_retained outages/status/UA-12 'j["utilities"]["power"]["affected"]' 250000 10
# the seed article of the project (shared/corpus, beside the checkout)
SEED=$ROOT/../shared/corpus/seed-article.txt
"$OUTAGECTL" extract "$SEED" > "$T/seed.json"
check "extract: the seed article gives UA-12 power, 600000 households, approximate" \
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(not any(x["region"]=="UA-12" and x["utility"]=="power" and x["status"]=="outage" and x["affected"]==600000 and x["unit"]=="households" and x["approximate"] for x in r))' "$T/seed.json"
check "extract: heat and water disrupted in UA-12 and UA-23, power in UA-23, without a count" \
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); got={(x["region"],x["utility"]) for x in r if x["affected"] is None and x["status"]=="outage"}; sys.exit(not {("UA-12","heat"),("UA-12","water"),("UA-23","power"),("UA-23","heat"),("UA-23","water")} <= got)' "$T/seed.json"
check "extract: nothing from the paragraphs on diplomacy" \
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(any(x["region"] not in ("UA-12","UA-23") for x in r))' "$T/seed.json"
printf '%s\n' '{"id":"a","text":"About 3,000 homes in Volyn region lost power."}' '{"id":"b","text":"The orchestra plays on Sunday."}' |
    "$OUTAGECTL" extract --jsonl - > "$T/lines.jsonl"
check "extract --jsonl: one line out per line in, with its id and reports" \
    python3 -c 'import json,sys; l=[json.loads(x) for x in open(sys.argv[1])]; sys.exit(not (len(l)==2 and l[0]["id"]=="a" and l[0]["reports"][0]["region"]=="UA-07" and l[0]["reports"][0]["affected"]==3000 and l[1]=={"id":"b","reports":[]}))' "$T/lines.jsonl"
exit 0
