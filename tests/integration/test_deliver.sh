# test_deliver.sh - notifications reach real receivers on 127.0.0.1: a
# webhook receiver that verifies every Standard Webhooks signature, an SMTP
# server (aiosmtpd) and mosquitto_sub.  Each channel and preset, both
# languages; a receiver down for a while (each alert once); 429 with
# Retry-After, 410, 3xx, a refused address; a hanging endpoint does not
# hold up the others; /api/v1/deliveries agrees with what receivers saw.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/deliver_lib.sh"

start_broker || exit 1
start_webhook wh || exit 1
start_webhook down || exit 1
start_smtp smtp || exit 1
SMTP_PORT=${RECV_PORT[smtp]}
DELIVERY=', "allow_private_targets": true, "retry_first": "1s",
  "connect_timeout": "1s", "timeout": "3s", "per_endpoint": 2,
  "mqtt_prefix": "outages/notify", "public_url": "http://127.0.0.1:9",
  "smtp": { "url": "smtp://127.0.0.1:'$SMTP_PORT'",
            "from": "outaged@example.org", "allow_plain": true }'
write_config ', "alerts": { "fire": "major", "clear": "minor", "min_clear": "0s" }'
start_outaged || exit 1
subscribe notify 'outages/notify/#'

# ---- 1. every channel, both languages ---------------------------------
webhook_sub S_PLAIN_UK '["UA-12"]' "$(wh_url wh /plain-uk)" '"lang": "uk"'
webhook_sub S_PLAIN_EN '["UA-12"]' "$(wh_url wh /plain-en)"
S_NTFY=$(subscribe_api '{"regions": ["UA-12"], "lang": "uk", "channel": {"type": "webhook", "preset": "ntfy", "url": "'"$(wh_url wh /ntfy)"'", "secret": "'$SECRET'"}}')
S_TG=$(subscribe_api '{"regions": ["UA-12"], "lang": "uk", "channel": {"type": "webhook", "preset": "telegram", "chat_id": "4242", "url": "'"$(wh_url wh /bot123)"'", "secret": "'$SECRET'"}}')
S_SLACK=$(subscribe_api '{"regions": ["UA-12"], "channel": {"type": "webhook", "preset": "slack", "url": "'"$(wh_url wh /slack)"'", "secret": "'$SECRET'"}}')
S_MAIL=$(subscribe_api '{"regions": ["UA-12"], "lang": "uk", "channel": {"type": "email", "to": "ops@example.org"}}')
S_MQTT_EN=$(subscribe_api '{"regions": ["UA-12"], "channel": {"type": "mqtt", "topic": "en/dnipro"}}')
S_MQTT_UK=$(subscribe_api '{"regions": ["UA-12"], "lang": "uk", "channel": {"type": "mqtt", "topic": "uk/dnipro"}}')
echo "# subscriptions: $S_PLAIN_UK $S_PLAIN_EN $S_NTFY $S_TG $S_SLACK $S_MAIL $S_MQTT_EN $S_MQTT_UK"
pub outages/reports/dtek '{"id": "dtek-2026-11-26-0001", "source": "dtek",
  "region": "Dnipropetrovsk", "utility": "power", "status": "outage",
  "affected": 600000, "unit": "households", "approximate": true}'

UK_RE='Дніпропетровська область.*без світла'
wait_reqs wh "r['path'] == '/slack'" 1 10
wait_reqs wh "r['path'] == '/ntfy'" 1 5
wait_line "$T/notify.sub" '^outages/notify/uk/dnipro ' 5
wait_for 5 test -s "$T/smtp.log"
# the one request a path got, as JSON (empty when none or several)
one() { local r; r=$(reqs wh "r['path'] == '$1'"); [ "$(echo "$r" | grep -c .)" = 1 ] && echo "$r"; }
r=$(one /plain-uk)
check "deliver: plain webhook (uk) arrives once, signed" \
    sh -c 'echo "$1" | grep -q "\"sig\": \"ok\""' _ "$r"
check "deliver: plain webhook (uk) is the firing alert JSON" python3 -c '
import json, sys
b = json.loads(json.loads(sys.argv[1])["body"])
sys.exit(not (b["event"] == "firing" and b["region"] == "UA-12" and b["severity"] == "critical" and b["affected"] == 600000))' "$r"
echo "$r" | grep -q '"body": .*Дніпропетровська область.*без світла' && pass "deliver: plain (uk) text has Дніпропетровська область, без світла" || fail "deliver: plain (uk) text has Дніпропетровська область, без світла" "$r"
r=$(one /plain-en)
check "deliver: plain webhook (en) arrives once, signed, in English" \
    sh -c '[ -n "$1" ] && echo "$1" | grep -q "\"sig\": \"ok\"" && echo "$1" | grep -q "Dnipropetrovsk oblast: no power"' _ "$r"
r=$(one /ntfy)
check "deliver: ntfy preset arrives once, signed" sh -c 'echo "$1" | grep -q "\"sig\": \"ok\""' _ "$r"
check "deliver: ntfy body is the uk text, Priority 5, Tags, encoded Title" python3 -c '
import json, sys, email.header
r = json.loads(sys.argv[1]); h = r["headers"]
title = str(email.header.make_header(email.header.decode_header(h["title"])))
ok = ("Дніпропетровська область" in r["body"] and "без світла" in r["body"]
      and h.get("priority") == "5" and h.get("tags") == "rotating_light"
      and "Дніпропетровська область" in title
      and r["headers"]["content-type"].startswith("text/plain"))
sys.exit(not ok)' "$r"
r=$(one /bot123/sendMessage)
check "deliver: telegram preset posts url/sendMessage once, signed, chat_id and uk text" python3 -c '
import json, sys
r = json.loads(sys.argv[1]); b = json.loads(r["body"])
sys.exit(not (r["sig"] == "ok" and b["chat_id"] == "4242" and
    "Дніпропетровська область" in b["text"] and "без світла" in b["text"]))' "$r"
r=$(one /slack)
check "deliver: slack preset posts {text} once, signed, in English" python3 -c '
import json, sys
r = json.loads(sys.argv[1]); b = json.loads(r["body"])
sys.exit(not (r["sig"] == "ok" and list(b) == ["text"] and
    "Dnipropetrovsk oblast" in b["text"]))' "$r"
check "deliver: e-mail: one message, to ops@example.org, Date, Message-ID, List-Unsubscribe, uk text" python3 -c '
import email, email.policy, json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, lines
m = json.loads(lines[0])
assert m["rcpt_tos"] == ["ops@example.org"], m
msg = email.message_from_bytes(open(m["content_file"], "rb").read(), policy=email.policy.default)
for h in ("Date", "Message-ID", "List-Unsubscribe", "From", "To", "Subject"):
    assert len(msg.get_all(h) or []) == 1, h
assert "/api/v1/subscriptions/" in msg["List-Unsubscribe"], msg["List-Unsubscribe"]
body = msg.get_content()
assert "Дніпропетровська область" in body and "без світла" in body, body
assert "Дніпропетровська область" in str(msg["Subject"]), msg["Subject"]
' "$T/smtp.log"
check "deliver: mqtt (en) published once under delivery.mqtt_prefix" \
    sh -c '[ "$(grep -c "^outages/notify/en/dnipro .*\"event\":\"firing\".*Dnipropetrovsk oblast: no power" "$1")" = 1 ]' _ "$T/notify.sub"
check "deliver: mqtt (uk) published once, text in Ukrainian" \
    sh -c '[ "$(grep -c "^outages/notify/uk/dnipro .*Дніпропетровська область.*без світла" "$1")" = 1 ]' _ "$T/notify.sub"
check "deliver: every webhook request carried a valid signature" \
    [ "$(nreqs wh "r['sig'] != 'ok'")" = 0 ]

# the resolution, by every channel
pub outages/reports/dtek '{"id": "dtek-restored-1", "source": "dtek", "region": "UA-12", "utility": "power", "status": "restored"}'
wait_reqs wh "r['path'] == '/slack'" 2 10
wait_reqs wh "r['path'] in ('/plain-uk', '/plain-en', '/ntfy', '/bot123/sendMessage')" 8 5
wait_line "$T/notify.sub" '^outages/notify/uk/dnipro .*"resolved"' 5
wait_for 5 sh -c '[ "$(wc -l < "$1")" -ge 2 ]' _ "$T/smtp.log"
check "deliver: resolved reaches every webhook (one each, signed)" python3 -c '
import json, sys, collections
c = collections.Counter()
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["event"] == "request" and r["sig"] == "ok":
        c[r["path"]] += 1
sys.exit(not all(c[p] == 2 for p in ("/plain-uk", "/plain-en", "/ntfy", "/bot123/sendMessage", "/slack")))' "$T/wh.log"
check "deliver: resolved e-mail and both mqtt" sh -c '[ "$(wc -l < "$1")" = 2 ] && [ "$(grep -c "\"event\":\"resolved\"" "$2")" = 2 ]' _ "$T/smtp.log" "$T/notify.sub"
sent_ua12() { [ "$(deliveries state=sent | python3 -c 'import json,sys; print(sum(1 for d in json.load(sys.stdin)["deliveries"] if d["region"] == "UA-12"))')" = 16 ]; }
check "deliver: deliveries of the 8 subscriptions: 16 sent" wait_for 5 sent_ua12
check "deliver: the webhook-ids the receiver saw are the deliveries' msg_ids" python3 -c '
import json, sys
api = {d["msg_id"] for d in json.load(open(sys.argv[1]))["deliveries"] if d["channel"] == "webhook"}
seen = {json.loads(l)["id"] for l in open(sys.argv[2]) if json.loads(l)["event"] == "request"}
sys.exit(not (seen and seen <= api))' <(deliveries) "$T/wh.log"

exit 0
