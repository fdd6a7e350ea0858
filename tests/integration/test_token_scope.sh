# test_token_scope.sh - a bearer token tied to sources ({"token",
# "sources"} in http.tokens) posts only as those sources: a report in
# another's name is refused as source_not_allowed (403 when nothing else is
# left), the good ones beside it are stored, and POST /api/v1/news needs
# news:http.  A plain token still posts as anyone.
. "$(dirname "$0")/lib.sh"

NEWS_SECRET=news-desk-secret
NEWS_HASH=$(printf %s "$NEWS_SECRET" | sha256sum | cut -d' ' -f1)
TOKENS="\"$TOKEN\", {\"token\": \"dtek-secret\", \"sources\": [\"dtek\"]},
  {\"token\": \"sha256:$NEWS_HASH\", \"sources\": [\"news:http\"]}"
start_broker || exit 1
write_config
check "scope: scoped tokens are a valid configuration" \
    sh -c '"$1" -c "$2" --check-config > /dev/null 2>&1' _ "$OUTAGED" "$T/outaged.json"
check "scope: --check-config shows how many tokens, not what" \
    sh -c '"$1" -c "$2" --check-config 2>/dev/null | grep -q "(3 redacted)" &&
        ! "$1" -c "$2" --check-config 2>/dev/null | grep -q dtek-secret' \
    _ "$OUTAGED" "$T/outaged.json"
start_outaged || exit 1
subscribe rejected 'outages/rejected/#'

post() {	# post TOKEN PATH BODY: the HTTP status; the body in $T/post.out
	curl -s -o "$T/post.out" -w '%{http_code}' -X POST \
	    -H "Authorization: Bearer $1" --data-binary "$3" "$URL$2"
}
out() {		# out PYTHON-EXPR over the last answer (j)
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not eval(sys.argv[2]))' "$T/post.out" "$1"
}
rep() {		# rep SOURCE REGION: a report
	printf '{"source":"%s","region":"%s","utility":"power","status":"outage","affected":1000}' "$1" "$2"
}

check "scope: a token posts as its own source" \
    [ "$(post dtek-secret /api/v1/reports "$(rep dtek UA-12)")" = 200 ]
check "scope: ... and it is stored" out 'j["accepted"] == 1'
check "scope: a report in another source's name is 403" \
    [ "$(post dtek-secret /api/v1/reports "$(rep oblenergo UA-63)")" = 403 ]
check "scope: ... refused as source_not_allowed" \
    out 'j["error"] == "source_not_allowed" and "oblenergo" in j["detail"]'
check "scope: ... published on outages/rejected/oblenergo" \
    wait_line "$T/rejected.sub" '^outages/rejected/oblenergo .*source_not_allowed' 5
check "scope: ... and recorded in the rejections table" \
    [ "$(sql "select count(*) from rejections where reason = 'source_not_allowed'")" = 1 ]
check "scope: in an array, the allowed report beside it is stored" \
    [ "$(post dtek-secret /api/v1/reports "[$(rep dtek UA-46), $(rep oblenergo UA-63)]")" = 200 ]
check "scope: ... one accepted, element 1 refused" \
    out 'j["accepted"] == 1 and [(r["index"], r["error"]) for r in j["rejected"]] == [(1, "source_not_allowed")]'
check "scope: nothing was stored for the other source" \
    [ "$(sql "select count(*) from reports where source = 'oblenergo'")" = 0 ]
check "scope: a token without news:http may not post articles (403)" \
    [ "$(post dtek-secret /api/v1/news '{"title":"t","body":"About 3,000 homes in Volyn region lost power."}')" = 403 ]
check "scope: a hashed token with news:http posts articles" \
    [ "$(post "$NEWS_SECRET" /api/v1/news '{"title":"t","body":"About 3,000 homes in Volyn region lost power."}')" = 200 ]
check "scope: ... but not reports as dtek" \
    [ "$(post "$NEWS_SECRET" /api/v1/reports "$(rep dtek UA-07)")" = 403 ]
check "scope: a plain token still posts as any source" \
    [ "$(post "$TOKEN" /api/v1/reports "$(rep oblenergo UA-63)")" = 200 ]
check "scope: a wrong token is still 401" \
    [ "$(post dtek-secretx /api/v1/reports "$(rep dtek UA-12)")" = 401 ]
OUTAGED_TOKEN=dtek-secret "$OUTAGECTL" --url "$URL" report --region UA-63 \
    --utility power --status outage --source oblenergo > "$T/ctl.out" 2> "$T/ctl.err"
check "scope: outagectl report as another source: exit 5 (refused)" [ "$?" = 5 ]
check "scope: ... with the reason" \
    grep -q '^outagectl: the daemon refused the report: source_not_allowed' "$T/ctl.err"

# a scoped token needs its sources
TOKENS='{"token": "x",
   "sources": []}'
write_config
"$OUTAGED" -c "$T/outaged.json" --check-config > /dev/null 2> "$T/bad.err"
check "scope: a token with no sources is refused at file:line:col" \
    grep -q 'outaged.json:7:[0-9]*: .*"sources" must be a non-empty array' "$T/bad.err"
exit 0
