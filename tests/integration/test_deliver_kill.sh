# test_deliver_kill.sh - outaged killed with SIGKILL while deliveries are
# pending (receiver down, or hanging mid-request) and started again: every
# alert arrives after the restart with the webhook-id it was given, none
# lost, at most one duplicate per kill.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/deliver_lib.sh"

start_broker || exit 1
start_webhook wh || exit 1
start_webhook down || exit 1
DELIVERY=', "allow_private_targets": true, "retry_first": "1s",
  "connect_timeout": "1s", "timeout": "2s"'
write_config
start_outaged || exit 1

# msg_ids SUB: the webhook-ids of a subscription's deliveries, sorted
msg_ids() { deliveries "subscription=$1" | python3 -c 'import json,sys; print(" ".join(sorted(d["msg_id"] for d in json.load(sys.stdin)["deliveries"])))'; }
# seen_ids NAME PATH: the distinct webhook-ids a receiver saw, sorted
seen_ids() { reqs "$1" "r['path'] == '$2'" | python3 -c 'import json,sys; print(" ".join(sorted({json.loads(l)["id"] for l in sys.stdin})))'; }

# ---- the receiver down, then outaged killed --------------------------------
DOWN_PORT=${RECV_PORT[down]}
webhook_sub S_DOWN '["UA-63"]' "$(wh_url down /d)"
stop_receiver down
for u in power heat water; do report "k-$u" UA-63 "$u" outage 100000; done
tried() { [ "$(deliveries "subscription=$1&state=pending" | python3 -c 'import json,sys; d=json.load(sys.stdin)["deliveries"]; print(len(d) == int(sys.argv[1]) and all(x["attempts"] >= 1 for x in d))' "$2")" = True ]; }
check "deliver-kill: 3 deliveries pending and tried while the receiver is down" wait_for 10 tried "$S_DOWN" 3
before=$(msg_ids "$S_DOWN")
kill9_outaged
start_webhook down "$DOWN_PORT" || exit 1
start_outaged || { fail "deliver-kill: restart after SIGKILL"; exit 1; }
wait_reqs down "r['path'] == '/d'" 3 15
sleep 1
s=$(id_summary down "r['path'] == '/d'")
echo "# after the kill: distinct ids, requests, bad signatures, max per id: $s"
check "deliver-kill: receiver down: all 3 arrive after the restart, once each, signed" [ "$s" = "3 3 0 1" ]
check "deliver-kill: receiver down: with the webhook-ids given before the kill" \
    [ "$(seen_ids down /d)" = "$before" ]
sent3() { dl_states_is "$S_DOWN" sent:3; }
check "deliver-kill: receiver down: the deliveries are sent" wait_for 5 sent3

# ---- the receiver hanging mid-request, then outaged killed -----------------
webhook_sub S_HANG '["UA-46"]' "$(wh_url wh /h)"
control wh /h hang
for u in power heat; do report "h-$u" UA-46 "$u" outage 100000; done
wait_reqs wh "r['path'] == '/h'" 2 5
before=$(msg_ids "$S_HANG")
check "deliver-kill: the hanging receiver holds both requests" \
    [ "$(seen_ids wh /h)" = "$before" ]
kill9_outaged
control wh /h
start_outaged || { fail "deliver-kill: restart after SIGKILL"; exit 1; }
# the rows were leased for the attempt's timeout (2 s) and 10 s more
wait_reqs wh "r['path'] == '/h' and r['answer'] == '200'" 2 20
sleep 1
check "deliver-kill: hanging: both arrive after the restart (answered 200), each once" \
    [ "$(nreqs wh "r['path'] == '/h' and r['answer'] == '200'")" = 2 ]
s=$(id_summary wh "r['path'] == '/h'")
echo "# hanging: distinct ids, requests, bad signatures, max per id: $s"
check "deliver-kill: hanging: same webhook-ids, each seen at most twice (one duplicate per kill), signed" \
    [ "$s $(seen_ids wh /h)" = "2 4 0 2 $before" ]
sent2() { dl_states_is "$S_HANG" sent:2; }
check "deliver-kill: hanging: the deliveries are sent" wait_for 5 sent2
exit 0
