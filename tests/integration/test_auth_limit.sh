# test_auth_limit.sh - failed authentications are throttled per address:
# after 30 within a minute, the address gets 429 with Retry-After, even
# with a good token, while reads that need no token still work.
. "$(dirname "$0")/lib.sh"

start_broker || exit 1
start_outaged || exit 1
post() {	# post TOKEN: prints the HTTP status of a POST /api/v1/reports
	curl -s -o "$T/post.out" -D "$T/post.hdr" -w '%{http_code}' -X POST \
	    -H "Authorization: Bearer $1" \
	    -d '{"source":"t","region":"UA-05","utility":"power","status":"outage"}' \
	    "$URL/api/v1/reports"
}
check "auth limit: a good token works at first" [ "$(post "$TOKEN")" = 200 ]
codes=""
for i in $(seq 30); do codes="$codes $(post wrong-$i)"; done
check "auth limit: 30 bad tokens are each 401" [ "$(echo $codes | tr ' ' '\n' | sort -u)" = 401 ]
check "auth limit: the 31st attempt is 429" [ "$(post wrong-31)" = 429 ]
check "auth limit: 429 says when to come back" grep -qi '^Retry-After: 60' "$T/post.hdr"
check "auth limit: 429 is a JSON error" \
    python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(j["error"] != "too_many_requests")' "$T/post.out"
check "auth limit: even a good token waits out the minute" [ "$(post "$TOKEN")" = 429 ]
check "auth limit: open reads still work" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/status")" = 200 ]
check "auth limit: logged once" [ "$(grep -c 'failed authentications from 127.0.0.1' "$T/outaged.log")" = 1 ]
exit 0
