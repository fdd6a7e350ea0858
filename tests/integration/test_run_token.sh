# test_run_token.sh - the README's curl example after `make run`
# (scripts/run.sh): without a token configured a write is refused with a
# 401 that says none is configured; with OUTAGED_TOKEN set the script runs
# outaged with a copy of the configuration that accepts that token (and
# holds only its SHA-256), so `Bearer $TOKEN` works.
. "$(dirname "$0")/lib.sh"

report='{"source":"web","region":"UA-12","utility":"power","status":"outage","affected":10}'

# run_up NAME [ENV...]: scripts/run.sh in a process group of its own;
# its output in $T/NAME.out, its pid in $runpid, the API in $RURL
run_up() {
	local name=$1 port
	shift
	setsid env "$@" OUTAGED_VAR="$T/$name" OUTAGED_HTTP=127.0.0.1:0 \
	    bash -c "cd '$ROOT' && exec scripts/run.sh '$BUILD'" > "$T/$name.out" 2>&1 &
	runpid=$!
	PIDS+=("-$runpid")	# its whole group at exit, broker too
	wait_for 20 grep -q 'ready:' "$T/$name.out" || return 1
	port=$(sed -n 's/.*http: listening on .* (port \([0-9]*\)).*/\1/p' "$T/$name.out" | tail -1)
	RURL=http://127.0.0.1:$port
	[ -n "$port" ]
}
run_down() {
	kill -INT -- "-$runpid" 2>/dev/null
	wait "$runpid" 2>/dev/null
}
# post TOKEN: POST the report; the status code, the body in $T/post.json
post() {
	curl -s -o "$T/post.json" -w '%{http_code}' -H "Authorization: Bearer $1" \
	    -d "$report" "$RURL/api/v1/reports"
}

# ---- as shipped: http.tokens is empty ---------------------------------------
if run_up plain -u OUTAGED_TOKEN; then
	pass "make run (no token): the daemon comes up"
	code=$(post some-token-nobody-configured)
	check "no token configured: a write is 401" [ "$code" = 401 ]
	check "no token configured: the 401 says none is configured" \
	    grep -q 'no tokens are configured (http.tokens is empty)' "$T/post.json"
	code=$(curl -s -o "$T/post2.json" -w '%{http_code}' -d "$report" "$RURL/api/v1/reports")
	check "no token configured: without a header too, it says why" \
	    eval '[ "$code" = 401 ] && grep -q "no tokens are configured" "$T/post2.json"'
else
	fail "make run (no token): the daemon comes up" "$(tail -5 "$T/plain.out")"
fi
run_down

# ---- OUTAGED_TOKEN=... make run: the README's example works -----------------
tok=readme-example-token-0123456789abcdef
if run_up tok OUTAGED_TOKEN=$tok; then
	pass "OUTAGED_TOKEN=... make run: the daemon comes up"
	check "OUTAGED_TOKEN=... make run: it says which configuration accepts it" \
	    grep -q "make run: the API accepts the token in OUTAGED_TOKEN ($T/tok/outaged.json)" "$T/tok.out"
	code=$(post "$tok")
	check "OUTAGED_TOKEN=... make run: curl -H 'Authorization: Bearer \$TOKEN' is accepted" \
	    eval '[ "$code" = 200 ] && python3 -c "import json,sys; sys.exit(json.load(open(sys.argv[1]))[\"accepted\"] != 1)" "$T/post.json"'
	code=$(post wrong-token)
	check "OUTAGED_TOKEN=... make run: another token is still refused (401, not valid)" \
	    eval '[ "$code" = 401 ] && grep -q "the bearer token is not valid" "$T/post.json"'
	check "the configuration copy holds only the token's hash, mode 600" \
	    eval '! grep -q "$tok" "$T/tok/outaged.json" && grep -q "sha256:" "$T/tok/outaged.json" && [ "$(stat -c %a "$T/tok/outaged.json")" = 600 ]'
else
	fail "OUTAGED_TOKEN=... make run: the daemon comes up" "$(tail -5 "$T/tok.out")"
fi
run_down
[ "$FAILS" -eq 0 ]
