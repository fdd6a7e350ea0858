# test_broker_errors.sh - a broker address where no MQTT broker answers
# (an HTTP server, say) is named as such at once, and a connection that
# never came up is not reported as "disconnected".
. "$(dirname "$0")/lib.sh"

# a TCP server that answers an MQTT CONNECT like an HTTP server would
port=$(free_port)
python3 -c '
import socket, sys, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen()
def h(c):
    c.recv(100); c.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"); c.close()
while True:
    c, _ = s.accept(); threading.Thread(target=h, args=(c,), daemon=True).start()
' "$port" &
PIDS+=($!)
disown $!
wait_for 5 python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $port), 1)" >/dev/null 2>&1
BROKER_PORT=$port
write_config
"$OUTAGED" -c "$T/outaged.json" >> "$T/outaged.log" 2>&1 &
PIDS+=($!)
disown $!
check "broker: not MQTT there is said within 3 s, with what was expected" \
    wait_for 3 grep -q 'closed the connection without answering our MQTT CONNECT: is an MQTT broker listening there' "$T/outaged.log"
check "broker: a connection that never came up is not called \"disconnected\"" \
    bash -c "! grep -q 'disconnected from' '$T/outaged.log'"
[ "$FAILS" -eq 0 ]
