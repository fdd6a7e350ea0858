# test_mqtt_security.sh - the broker connection's credentials and TLS: a
# password-protected broker accepts the configured user and refuses a wrong
# password; a TLS broker is reached with the right CA and refused with a
# foreign one (no insecure fallback).  Also: a SIGTERM keeps the session, so
# reports published while outaged is down arrive when it returns.
. "$(dirname "$0")/lib.sh"

# ---- session kept across a clean stop ----
start_broker || exit 1
start_outaged || exit 1
stop_outaged
for i in 1 2 3; do
	pub outages/reports/kyivenergo '{"id":"down-'"$i"'","source":"kyivenergo","region":"Kyiv","utility":"power","status":"outage","affected":'"$i"'0000}'
done
start_outaged || exit 1
wait_sql 'select count(*) from reports' 3 6
check "session: reports sent while stopped arrive after restart" [ "$(sql 'select count(*) from reports')" = 3 ]
stop_outaged
stop_broker

# ---- username and password ----
mosquitto_passwd -c -b "$T/passwd" outaged s3cret-pw > /dev/null 2>&1
BROKER_PORT=$(free_port)
start_broker "allow_anonymous false
password_file $T/passwd" || exit 1
write_config ', "x_unused": 0' 2>/dev/null
python3 - "$T/outaged.json" <<'PY'
import json, sys
p = sys.argv[1]
text = open(p).read().replace(', "x_unused": 0', '')
j = json.loads(text)
j["mqtt"]["username"] = "outaged"
j["mqtt"]["password"] = "s3cret-pw"
open(p, "w").write(json.dumps(j, indent=2))
PY
rm -f "$T/outaged.log"
start_outaged || exit 1
check "auth: connects with the configured user" grep -q 'subscribed to' "$T/outaged.log"
check "auth: the password is not logged" bash -c '! grep -q s3cret-pw "$1"' _ "$T/outaged.log"
"$OUTAGED" -c "$T/outaged.json" --check-config > "$T/dump.json" 2>/dev/null
check "auth: --check-config redacts the password" bash -c '! grep -q s3cret-pw "$1"' _ "$T/dump.json"
stop_outaged
python3 - "$T/outaged.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1])); j["mqtt"]["password"] = "wrong"
open(sys.argv[1], "w").write(json.dumps(j, indent=2))
PY
"$OUTAGED" -c "$T/outaged.json" > "$T/wrong.log" 2>&1 &
wrong=$!
PIDS+=("$wrong")
check "auth: a wrong password is refused and retried" wait_line "$T/wrong.log" 'refused the connection|disconnected|reconnecting' 5
check "auth: never subscribed with a wrong password" bash -c '! grep -q "subscribed to" "$1"' _ "$T/wrong.log"
kill -TERM "$wrong"; wait "$wrong" 2>/dev/null
stop_broker

# ---- TLS ----
cd "$T" || exit 1
gen_ca() {	# gen_ca NAME: a self-signed CA
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$1" \
	    -keyout "$1.key" -out "$1.crt" > /dev/null 2>&1
}
gen_ca test-ca
gen_ca other-ca
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key \
    -out server.csr > /dev/null 2>&1
printf 'subjectAltName=IP:127.0.0.1\n' > san.ext
openssl x509 -req -in server.csr -CA test-ca.crt -CAkey test-ca.key \
    -CAcreateserial -days 2 -extfile san.ext -out server.crt > /dev/null 2>&1
# the right CA, but issued to another host
printf 'subjectAltName=DNS:other.example\n' > wrong.ext
openssl x509 -req -in server.csr -CA test-ca.crt -CAkey test-ca.key \
    -CAcreateserial -days 2 -extfile wrong.ext -out wronghost.crt > /dev/null 2>&1
cd - > /dev/null || exit 1
BROKER_PORT=$(free_port)
TLS_PORT=$BROKER_PORT
cat > "$T/tls.conf" <<CONF
user root
listener $TLS_PORT 127.0.0.1
allow_anonymous true
cafile $T/test-ca.crt
certfile $T/server.crt
keyfile $T/server.key
tls_version tlsv1.2
CONF
mosquitto -c "$T/tls.conf" > "$T/tls-broker.log" 2>&1 &
BROKER_PID=$!
PIDS+=("$BROKER_PID")
disown "$BROKER_PID"
sleep 0.5
tls_config() {	# tls_config CAFILE
	python3 - "$T/outaged.json" "$1" "$TLS_PORT" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["mqtt"].pop("username", None); j["mqtt"].pop("password", None)
j["mqtt"]["broker"] = "127.0.0.1:" + sys.argv[3]
j["mqtt"]["tls"] = {"cafile": sys.argv[2]}
open(sys.argv[1], "w").write(json.dumps(j, indent=2))
PY
}
tls_config "$T/test-ca.crt"
rm -f "$T/outaged.log"
start_outaged || exit 1
check "tls: connects when the broker's certificate verifies" grep -q 'subscribed to' "$T/outaged.log"
mosquitto_pub -h 127.0.0.1 -p "$TLS_PORT" --cafile "$T/test-ca.crt" -q 1 -t outages/reports/tls \
    -m '{"id":"t1","source":"tls","region":"UA-05","utility":"power","status":"outage","affected":1000}'
wait_sql "select count(*) from reports where source = 'tls'" 1 4
check "tls: reports flow over TLS" [ "$(sql "select count(*) from reports where source = 'tls'")" = 1 ]
stop_outaged
tls_config "$T/other-ca.crt"
"$OUTAGED" -c "$T/outaged.json" > "$T/badca.log" 2>&1 &
badca=$!
PIDS+=("$badca")
sleep 3
check "tls: a certificate from a foreign CA is refused" bash -c '! grep -q "subscribed to" "$1"' _ "$T/badca.log"
check "tls: the refusal is logged" grep -qiE 'certificate|tls|ssl|connect' "$T/badca.log"
kill -TERM "$badca"; wait "$badca" 2>/dev/null

WRONG_PORT=$(free_port)
sed -e "s/^listener .*/listener $WRONG_PORT 127.0.0.1/" \
    -e "s|server.crt|wronghost.crt|" "$T/tls.conf" > "$T/wrong.conf"
mosquitto -c "$T/wrong.conf" > "$T/wrong-broker.log" 2>&1 &
PIDS+=("$!")
disown "$!"
sleep 0.5
TLS_PORT=$WRONG_PORT
tls_config "$T/test-ca.crt"
"$OUTAGED" -c "$T/outaged.json" > "$T/wronghost.log" 2>&1 &
wh=$!
PIDS+=("$wh")
sleep 3
check "tls: a certificate for another host is refused" bash -c '! grep -q "subscribed to" "$1"' _ "$T/wronghost.log"
kill -TERM "$wh"; wait "$wh" 2>/dev/null
exit 0
