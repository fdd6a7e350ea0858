# test_outagectl_notify.sh - outagectl's commands for getting notified,
# against a running daemon: subscribe (good, and refused with the daemon's
# reason: exit 5), subscriptions, unsubscribe, silence / silences /
# unsilence, ack (an unknown key is exit 1), deliveries and audit listing
# what happened, the token rules (exit 4 without one; a token limited to
# its own subscriptions), --db saying these need the API, and watch
# --region / --min-severity filtering the event stream.
. "$(dirname "$0")/lib.sh"

# webhooks to loopback: a port where nothing listens keeps a delivery pending
DELIVERY=', "allow_private_targets": true'
OWN=own-token-$$
TOKENS="\"$TOKEN\", {\"token\": \"$OWN\", \"subscriptions\": \"own\"}"
start_broker || exit 1
start_outaged || exit 1
subscribe notify 'outages/notify/#'

unset OUTAGED_URL OUTAGED_DB http_proxy HTTP_PROXY ALL_PROXY all_proxy
export OUTAGED_TOKEN=$TOKEN
CTL=("$OUTAGECTL" --url "$URL")
DEAD_PORT=$(free_port)

# ctl OUT ARGS...: run outagectl, stdout to $T/OUT.out, stderr to $T/OUT.err;
# its exit status in $rc
ctl() {
	local out=$1
	shift
	"${CTL[@]}" "$@" > "$T/$out.out" 2> "$T/$out.err"
	rc=$?
}
has() { grep -qE -- "$2" "$T/$1"; }	# has FILE REGEX
is_json() {	# is_json FILE [PYTHON-EXPR over j]
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not eval(sys.argv[2]))' \
	    "$T/$1" "${2:-True}"
}
stream_clients() {
	python3 -c 'import sys,urllib.request
for l in urllib.request.urlopen(sys.argv[1] + "/metrics", timeout=5).read().decode().splitlines():
    if l.startswith("outaged_event_stream_clients "): print(int(float(l.split()[1])))' "$URL"
}
wait_clients() {	# wait_clients N: until N event streams are open
	for _ in $(seq 100); do
		[ "$(stream_clients)" = "$1" ] && return 0
		sleep 0.05
	done
	return 1
}

# ---- subscribe --------------------------------------------------------------
# Quiet hours that do not hold the first attempt back whatever the clock
# says: an hour starting three hours from now in Kyiv (a fixed 22:00-07:00
# failed the test when CI ran at night in Kyiv).
QUIET=$(python3 -c 'import datetime, zoneinfo
h = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Kyiv")).hour
print("%02d:00-%02d:00" % ((h + 3) % 24, (h + 4) % 24))')
ctl sub1 subscribe --region UA-12 --utility power --utility water \
    --webhook "http://127.0.0.1:$DEAD_PORT/hook" \
    --secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw --repeat 4h \
    --quiet "$QUIET" --tz Europe/Kyiv --lang uk --name "Dnipro ops"
check "subscribe: exit 0" [ "$rc" = 0 ]
check "subscribe: prints the new id alone" has sub1.out '^[0-9]+$'
SUB1=$(cat "$T/sub1.out")
ctl sub2 subscribe --region Dnipropetrovsk --mqtt it/ua12 --min-severity minor \
    --min-affected 100 --no-resolved --min-clear 5m --json
check "subscribe --json: exit 0" [ "$rc" = 0 ]
check "subscribe --json: the subscription as the daemon holds it" is_json sub2.out \
    'j["regions"] == ["UA-12"] and j["channel"] == {"type": "mqtt", "topic": "it/ua12"} and j["send_resolved"] is False and j["min_clear"] == 300 and j["min_affected"] == 100'
SUB2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$T/sub2.out")

ctl bad subscribe --region Atlantis --mqtt x
check "subscribe: unknown region: exit 5" [ "$rc" = 5 ]
check "subscribe: the daemon's reason is shown" \
    has bad.err 'refused the subscription: invalid_subscription: regions\[0\]: unknown region "Atlantis"'
ctl bad2 subscribe --region UA-12 --mqtt x --lang fr
check "subscribe: --lang fr: exit 5, lang: en or uk" \
    eval '[ "$rc" = 5 ] && has bad2.err "lang: en or uk"'
ctl bad3 subscribe --region UA-12 --webhook "http://127.0.0.1:$DEAD_PORT/" --preset telegram
check "subscribe: telegram without --chat-id: exit 5" \
    eval '[ "$rc" = 5 ] && has bad3.err "chat_id"'
ctl nochan subscribe --region UA-12
check "subscribe: no channel: usage, exit 2" \
    eval '[ "$rc" = 2 ] && has nochan.err "give one channel"'
ctl noreg subscribe --mqtt x
check "subscribe: no --region: exit 2" [ "$rc" = 2 ]
ctl badq subscribe --region UA-12 --mqtt x --quiet 22-7
check "subscribe: --quiet 22-7: exit 2" [ "$rc" = 2 ]
ctl twochan subscribe --region UA-12 --mqtt x --email a@example.org
check "subscribe: two channels: exit 2" [ "$rc" = 2 ]
OUTAGED_TOKEN= "${CTL[@]}" subscribe --region UA-12 --mqtt x > /dev/null 2> "$T/notok.err"
check "subscribe: no token: exit 4" [ "$?" = 4 ]
"$OUTAGECTL" --db "$T/outaged.db" subscriptions > /dev/null 2> "$T/db.err"
rc=$?
check "subscriptions --db: exit 2, needs the daemon's HTTP API" \
    eval '[ "$rc" = 2 ] && has db.err "needs the daemon.s HTTP API"'

# ---- subscriptions ----------------------------------------------------------
ctl subs subscriptions
check "subscriptions: exit 0" [ "$rc" = 0 ]
check "subscriptions: header" has subs.out '^ *ID +NAME +REGIONS +UTILITIES +THRESHOLD +CHANNEL +TARGET +LANG +DISABLED'
check "subscriptions: the webhook row" \
    has subs.out "^ *$SUB1 +Dnipro ops +UA-12 +power,water +minor +webhook +http://127.0.0.1:$DEAD_PORT/hook +uk +no"
check "subscriptions: the mqtt row, threshold with the count" \
    has subs.out "^ *$SUB2 +- +UA-12 +all +minor, >=100 +mqtt +it/ua12 +en +no"
ctl subsj subscriptions --json
check "subscriptions --json: both, the secret masked" is_json subsj.out \
    "sorted(s['id'] for s in j) == sorted([$SUB1, $SUB2]) and [s for s in j if s['id'] == $SUB1][0]['channel']['secret'] == 'whsec_\u2026'"
printf '%s\n' "$OWN" > "$T/own.token"
chmod 600 "$T/own.token"
CTL_SAVE=("${CTL[@]}")
CTL=("$OUTAGECTL" --url "$URL" --token-file "$T/own.token")
ctl ownsub subscribe --region UA-63 --mqtt it/own
OWNSUB=$(cat "$T/ownsub.out")
ctl ownlist subscriptions --json
check "subscriptions: an own-scoped token sees only its own" is_json ownlist.out \
    "[s['id'] for s in j] == [$OWNSUB]"
ctl ownsil silence UA-12 --for 1h
check "silence: an own-scoped token is refused: exit 5" \
    eval '[ "$rc" = 5 ] && has ownsil.err "forbidden"'
ctl ownun unsubscribe "$SUB1"
check "unsubscribe: another's subscription is not found: exit 1" [ "$rc" = 1 ]
CTL=("${CTL_SAVE[@]}")

# ---- silence, silences, unsilence --------------------------------------------
ctl sil silence Kharkiv --utility heat --for 2h --comment "planned works"
check "silence: exit 0" [ "$rc" = 0 ]
check "silence: prints the id and until when" \
    has sil.out '^Silence [0-9]+: UA-63 heat until [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$'
SIL=$(sed -n 's/^Silence \([0-9]*\):.*/\1/p' "$T/sil.out")
ctl sil2 silence UA-46 --for 30m --json
check "silence --json: every utility, ends_at" is_json sil2.out \
    'j["region"] == "UA-46" and j["utility"] is None and j["ends_at"].endswith("Z")'
ctl silbad silence UA-12 --for 10s
check "silence --for 10s: the daemon refuses it: exit 5" \
    eval '[ "$rc" = 5 ] && has silbad.err "invalid_silence"'
ctl silunk silence Atlantis --for 1h
check "silence: unknown region: exit 1" \
    eval '[ "$rc" = 1 ] && has silunk.err "unknown region"'
ctl silnofor silence UA-12
check "silence without --for: exit 2" [ "$rc" = 2 ]
ctl sils silences
check "silences: exit 0, the Kharkiv heat one with its comment" \
    eval '[ "$rc" = 0 ] && has sils.out "^ *$SIL +UA-63 +heat .*planned works"'
check "silences: the UA-46 one for every utility" has sils.out 'UA-46 +all '
ctl unsil unsilence "$SIL"
check "unsilence: exit 0" eval '[ "$rc" = 0 ] && has unsil.out "silence $SIL ended"'
ctl unsil2 unsilence "$SIL"
check "unsilence again: not found, exit 1" [ "$rc" = 1 ]
ctl silsj silences --json
check "silences --json: the ended one is gone" is_json silsj.out \
    "all(s['id'] != $SIL for s in j) and len(j) == 1"

# ---- watch --region, --min-severity --------------------------------------------
timeout 20 "${CTL[@]}" watch --region UA-12 --count 2 > "$T/wr.out" 2> "$T/wr.err" &
WR=$!
timeout 20 "${CTL[@]}" watch --min-severity critical --count 1 > "$T/ws.out" 2> "$T/ws.err" &
WS=$!
if wait_clients 2; then pass "watch: both streams open"; else fail "watch: both streams open"; fi
pub outages/reports/vodokanal '{"id":"kh-w-1","source":"vodokanal","region":"Kharkiv city",
  "utility":"water","status":"outage","affected":1000,"unit":"households"}'
sleep 0.5
pub outages/reports/vodokanal '{"id":"dn-w-1","source":"vodokanal","region":"UA-12:dnipro",
  "utility":"water","status":"outage","affected":1000,"unit":"households"}'
sleep 0.5
pub outages/reports/dtek '{"id":"lv-p-1","source":"dtek","region":"UA-46",
  "utility":"power","status":"outage","affected":600000,"unit":"households"}'
wait "$WR"
check "watch --region UA-12: exit 0 after 2 events" [ "$?" = 0 ]
check "watch --region UA-12: sees the UA-12:dnipro status event" has wr.out '^[0-9T:Z-]+ +status +UA-12:dnipro +water outage'
check "watch --region UA-12: nothing from UA-63 or UA-46" \
    eval '! has wr.out "UA-63|UA-46"'
check "watch --region UA-12: only UA-12 and its places" \
    eval '[ "$(grep -cvE "^[^ ]+ +[a-z]+ +UA-12(:[a-z-]+)? " "$T/wr.out")" = 0 ]'
wait "$WS"
check "watch --min-severity critical: exit 0" [ "$?" = 0 ]
check "watch --min-severity critical: the minor ones are dropped" \
    eval '! has ws.out "UA-63|UA-12"'
check "watch --min-severity critical: the critical one arrives" has ws.out 'UA-46 .*critical'
ctl wbad watch --min-severity worst
check "watch --min-severity worst: exit 2" [ "$rc" = 2 ]
ctl wunk watch --region Atlantis
check "watch --region Atlantis: unknown region, exit 1" [ "$rc" = 1 ]

# ---- deliveries ----------------------------------------------------------------
pending_for() {	# pending_for SUB: the subscription has a pending delivery
	"${CTL[@]}" deliveries --state pending --subscription "$1" --json > "$T/dp.out" 2>/dev/null &&
	    is_json dp.out 'len(j["deliveries"]) > 0 and (j["deliveries"][0].get("last_error") or "") != ""'
}
# pending with its first attempt's error recorded (before the first try it has none)
check "deliveries: the webhook's is pending (nothing listens)" wait_for 10 pending_for "$SUB1"
sent_for() {
	"${CTL[@]}" deliveries --state sent --subscription "$1" --json > "$T/ds.out" 2>/dev/null &&
	    is_json ds.out 'len(j["deliveries"]) > 0'
}
check "deliveries: the mqtt one was sent" wait_for 10 sent_for "$SUB2"
check "deliveries: the mqtt channel published under outages/notify/it/ua12" \
    wait_line "$T/notify.sub" '^outages/notify/it/ua12 '
ctl dl deliveries
check "deliveries: exit 0" [ "$rc" = 0 ]
check "deliveries: header" has dl.out '^ *ID +SUB +STATE +EVENT +REGION +UTILITY +SEVERITY +CHANNEL +TARGET +TRIES +WHEN +LAST ERROR'
check "deliveries: the pending webhook row, with why" \
    has dl.out "^ *[0-9]+ +$SUB1 +pending +firing +UA-12(:dnipro)? +water .*webhook +http://127.0.0.1:$DEAD_PORT/hook .*(onnect|refused)"
check "deliveries: the counts line" has dl.out '^Queue: [1-9][0-9]* pending, [0-9]+ in flight; [1-9][0-9]* sent, [0-9]+ dead, [0-9]+ cancelled\.$'
ctl dlj deliveries --json --limit 1
check "deliveries --json --limit 1: one row and the counts" is_json dlj.out \
    'len(j["deliveries"]) == 1 and j["counts"]["pending"] >= 1 and j["counts"]["sent"] >= 1'
ctl dlbad deliveries --state lost
check "deliveries --state lost: exit 2" [ "$rc" = 2 ]
ctl dlbad2 deliveries --limit 0
check "deliveries --limit 0: exit 2" [ "$rc" = 2 ]

# ---- ack ---------------------------------------------------------------------------
KEY=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["deliveries"][0]["incident_key"])' "$T/dp.out")
ctl ack ack "$KEY"
check "ack: exit 0" eval '[ "$rc" = 0 ] && has ack.out "^Acknowledged $KEY"'
ctl ackj ack "$KEY" --json
check "ack --json: again is fine" is_json ackj.out "j == {'acknowledged': '$KEY'}"
ctl ackunk ack "$SUB1/UA-12/power/1"
check "ack: an unknown incident key is not found: exit 1" \
    eval '[ "$rc" = 1 ] && has ackunk.err "no firing episode has that incident key"'

# ---- unsubscribe, audit ----------------------------------------------------------
ctl unsub unsubscribe "$SUB2"
check "unsubscribe: exit 0" eval '[ "$rc" = 0 ] && has unsub.out "subscription $SUB2 removed"'
ctl unsub2 unsubscribe "$SUB2"
check "unsubscribe again: not found, exit 1" \
    eval '[ "$rc" = 1 ] && has unsub2.err "no subscription $SUB2"'
ctl unsubx unsubscribe twelve
check "unsubscribe twelve: exit 2" [ "$rc" = 2 ]
ctl subs2 subscriptions --json
check "subscriptions: the removed one is gone" is_json subs2.out \
    "all(s['id'] != $SUB2 for s in j)"
ctl audit audit --limit 50
check "audit: exit 0" [ "$rc" = 0 ]
check "audit: the ack" has audit.out "ack +$KEY"
check "audit: the unsubscribe" has audit.out "unsubscribe +subscription $SUB2"
check "audit: the silence and its end" \
    eval 'has audit.out "silence +UA-63 .*planned works" && has audit.out "unsilence +silence $SIL"'
check "audit: the subscriptions" has audit.out ' subscribe '
ctl auditj audit --json --limit 2
check "audit --json --limit 2: two entries, newest first" is_json auditj.out \
    'len(j) == 2 and j[0]["id"] > j[1]["id"] and j[0]["kind"] == "unsubscribe"'
check "outagectl --help lists the new commands" \
    eval '"$OUTAGECTL" --help | grep -qE "^  (subscribe|subscriptions|unsubscribe ID|silence REGION|silences|unsilence ID|ack INCIDENT_KEY|deliveries|audit) "'
check "daemon still running" kill -0 "$OUTAGED_PID"
exit 0
