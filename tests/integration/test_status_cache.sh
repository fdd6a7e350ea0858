# test_status_cache.sh - /api/v1/status and /api/v1/regions/{id} are
# rendered once per change and served from the cache (include/cache.h):
# an ETag that stays while nothing changes and moves when a report does
# (for a region: only when a report touches it or its children), 304 on
# If-None-Match (weak or strong, either representation's tag), gzip when
# Accept-Encoding takes it (the body decodes to the same bytes), and the
# cached documents equal what the daemon renders with the cache off
# (OUTAGED_DOC_CACHE=0, the old code path) on the same database.
. "$(dirname "$0")/lib.sh"

# get PATH [CURL ARGS...]: body to $T/b, headers to $T/h; prints the status
get() {
	local p=$1
	shift
	rm -f "$T/b"	# curl writes no file for an empty body
	curl -s -o "$T/b" -D "$T/h" -w '%{http_code}' "$@" "$URL$p"
}
hdr() {		# hdr NAME: a header of the last response (no CR)
	sed -n "s/^$1: *//Ip" "$T/h" | tr -d '\r' | tail -1
}
# same_doc A B: the same JSON once generated_at (the render's time) is
# left out, at any depth
same_doc() {
	python3 - "$1" "$2" <<'PY'
import json, sys
def strip(j):
    if isinstance(j, dict):
        return {k: strip(v) for k, v in j.items() if k != "generated_at"}
    if isinstance(j, list):
        return [strip(v) for v in j]
    return j
a, b = (strip(json.load(open(p))) for p in sys.argv[1:3])
if a != b:
    print(f"# differ:\n# {json.dumps(a)[:400]}\n# {json.dumps(b)[:400]}")
sys.exit(a != b)
PY
}
report() {	# report ID REGION STATUS AFFECTED
	pub outages/reports/t "{\"id\":\"$1\",\"source\":\"t\",\"region\":\"$2\",\"utility\":\"power\",\"status\":\"$3\",\"affected\":$4}"
}
stored() {	# stored N: wait until N reports are committed
	wait_sql "select count(*) from reports" "$1"
}

start_broker > /dev/null || exit 1
write_config
start_outaged || exit 1

report c1 UA-12 outage 300000
report c2 UA-63 outage 120000
stored 2 || fail "reports stored"

# ---- the ETag: present, and stable while nothing changes ------------------
get /api/v1/status > "$T/code1"
cp "$T/b" "$T/status1"
e1=$(hdr ETag)
get /api/v1/status > /dev/null
e2=$(hdr ETag)
check "status has an ETag" test -n "$e1"
check "status ETag stable with no change" test "$e1" = "$e2"
check "status body identical with no change" cmp -s "$T/b" "$T/status1"
check "status Cache-Control no-cache" test "$(hdr Cache-Control)" = no-cache
# Accept-Language too: without ?lang= it chooses the names' language
check "status Vary Accept-Encoding, Accept-Language" test "$(hdr Vary)" = "Accept-Encoding, Accept-Language"
check "status lists the outages" python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
ids = [r["region"] for r in j["regions"]]
sys.exit(not ("UA-12" in ids and "UA-63" in ids))' "$T/status1"

# ---- 304 on If-None-Match ------------------------------------------------
check "304 on If-None-Match" test "$(get /api/v1/status -H "If-None-Match: $e1")" = 304
check "304 has no body" test ! -s "$T/b"
check "304 carries the ETag" test "$(hdr ETag)" = "$e1"
check "304 on a weak If-None-Match in a list" test "$(get /api/v1/status \
	-H "If-None-Match: \"nope\", W/$e1")" = 304
check "304 on If-None-Match: *" test "$(get /api/v1/status -H 'If-None-Match: *')" = 304
check "200 on another ETag" test "$(get /api/v1/status -H 'If-None-Match: "0-0"')" = 200
check "HEAD answers the ETag" test "$(curl -s -I "$URL/api/v1/status" |
	sed -n 's/^ETag: *//Ip' | tr -d '\r')" = "$e1"

# ---- gzip ----------------------------------------------------------------
get /api/v1/status -H 'Accept-Encoding: gzip, deflate' > /dev/null
check "gzip when asked" test "$(hdr Content-Encoding)" = gzip
egz=$(hdr ETag)
check "gzip has its own ETag" test -n "$egz" -a "$egz" != "$e1"
gzip -dc < "$T/b" > "$T/status_gz" 2>/dev/null
check "gzip body decodes to the same bytes" cmp -s "$T/status_gz" "$T/status1"
check "gzip smaller" test "$(stat -c %s "$T/b")" -lt "$(stat -c %s "$T/status1")"
check "304 for the gzip ETag" test "$(get /api/v1/status -H 'Accept-Encoding: gzip' \
	-H "If-None-Match: $egz")" = 304
get /api/v1/status -H 'Accept-Encoding: gzip;q=0, identity' > /dev/null
check "no gzip at q=0" test -z "$(hdr Content-Encoding)"
check "no gzip unasked" test "$(get /api/v1/status > /dev/null; hdr Content-Encoding)" = ""

# ---- a region's document -------------------------------------------------
get /api/v1/regions/UA-12 > /dev/null
cp "$T/b" "$T/r12a"
r1=$(hdr ETag)
check "region has an ETag" test -n "$r1"
check "region 304" test "$(get /api/v1/regions/UA-12 -H "If-None-Match: $r1")" = 304
check "region by name shares the document" test "$(get /api/v1/regions/dnipropetrovsk \
	-H "If-None-Match: $r1")" = 304
get /api/v1/regions/UA-12 -H 'Accept-Encoding: gzip' > /dev/null
check "region gzip decodes to the same bytes" cmp -s <(gzip -dc < "$T/b") "$T/r12a"

# ---- a change: another region's report -----------------------------------
report c3 US-TX outage 50000
stored 3 || fail "report 3 stored"
get /api/v1/status > /dev/null
e3=$(hdr ETag)
check "status ETag changes after a report" test -n "$e3" -a "$e3" != "$e1"
check "status shows the new report" python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
sys.exit("US-TX" not in [r["region"] for r in j["regions"]])' "$T/b"
check "old ETag now 200" test "$(get /api/v1/status -H "If-None-Match: $e1")" = 200
check "UA-12 still 304 (US-TX does not touch it)" test \
	"$(get /api/v1/regions/UA-12 -H "If-None-Match: $r1")" = 304

# ---- a change to the region itself ---------------------------------------
report c4 UA-12 outage 400000
stored 4 || fail "report 4 stored"
check "UA-12 200 after its report" test \
	"$(get /api/v1/regions/UA-12 -H "If-None-Match: $r1")" = 200
check "UA-12 ETag changed" test "$(hdr ETag)" != "$r1"
check "UA-12 shows the new figure" python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
sys.exit(j["utilities"]["power"]["affected"] != 400000)' "$T/b"
get /api/v1/regions/UA > /dev/null
ua1=$(hdr ETag)
report c5 UA-12 restored 0
stored 5 || fail "report 5 stored"
# a document that took over 1 ms to render may be served stale for up to
# 10 times that (docs/operations.md): under valgrind or a loaded machine,
# ask again for a while before calling it a failure
parent_changed() {
	for _ in $(seq 40); do
		[ "$(get /api/v1/regions/UA -H "If-None-Match: $ua1")" = 200 ] &&
			return 0
		sleep 0.05
	done
	return 1
}
check "parent UA 200 after a child's report" parent_changed

# ---- the cached documents equal the uncached render ----------------------
for p in status regions/UA-12 regions/UA regions/US-TX regions/UA-63; do
	get "/api/v1/$p" > /dev/null
	cp "$T/b" "$T/cached.${p//\//_}"
done
stop_outaged
OUTAGED_DOC_CACHE=0 start_outaged || exit 1
for p in status regions/UA-12 regions/UA regions/US-TX regions/UA-63; do
	get "/api/v1/$p" > /dev/null
	check "cached $p equals the uncached render" same_doc "$T/cached.${p//\//_}" "$T/b"
done
check "no ETag with the cache off" test -z "$(hdr ETag)"
check "no gzip with the cache off" test -z "$(get /api/v1/status -H 'Accept-Encoding: gzip' > /dev/null; hdr Content-Encoding)"
check "cache off logged" grep -q "OUTAGED_DOC_CACHE=0" "$T/outaged.log"
stop_outaged

exit "$FAILS"
