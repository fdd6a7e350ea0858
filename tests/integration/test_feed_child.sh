# test_feed_child.sh - the feed child (docs/operations.md, "Feed child"):
# feeds are fetched, parsed and extracted in a child process of the daemon
# under a seccomp filter, with no database and nothing of the daemon's
# memory.  Shown here: its confinement (/proc: Seccomp 2, no database
# descriptor, a fresh image), a kill -9 of it (logged, restarted, the next
# fetch works, MQTT reports published meanwhile are stored), and a child
# that tries to open the database read-write (test hook) being killed by
# its filter, the database untouched and the daemon ingesting on.
. "$(dirname "$0")/lib.sh"

FEEDS=$T/feeds
mkdir -p "$FEEDS"
PUB_RSS=$(date -u -d '-10 min' '+%a, %d %b %Y %H:%M:%S GMT')
cat > "$FEEDS/rss.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Grid desk</title>
<item><title>Night strike on the grid</title>
<link>https://news.example/strike</link><guid>strike-1</guid>
<pubDate>$PUB_RSS</pubDate>
<description>About 600,000 households in Dnipropetrovsk region remained without power after the attack.</description>
</item>
</channel></rss>
XML
python3 "$ROOT/tests/integration/feedserver.py" "$FEEDS" 0 > "$T/feedserver.port" 2>"$T/feedserver.log" &
PIDS+=("$!")
disown "$!"
for _ in $(seq 50); do [ -s "$T/feedserver.port" ] && break; sleep 0.1; done
FP=$(head -1 "$T/feedserver.port")

start_broker || exit 1
write_config ", \"feeds\": [ {\"name\": \"grid\", \"url\": \"http://127.0.0.1:$FP/rss.xml\", \"interval\": \"2s\", \"allow_private\": true} ]"
start_outaged || exit 1

# the pid of the newest feed child the daemon started
child_pid() {
	sed -n 's/.*feed child: started (pid \([0-9]*\)).*/\1/p' "$T/outaged.log" | tail -1
}
CHILD=$(child_pid)
check "feed child: started with the daemon" [ -n "$CHILD" ]
check "feed child: it says it is sandboxed and ready" \
    wait_line "$T/outaged.log" "feed child: pid $CHILD sandboxed and ready" 10
check "feed child: a child of the daemon" \
    [ "$(awk '/^PPid:/ {print $2}' "/proc/$CHILD/status")" = "$OUTAGED_PID" ]
check "feed child: a fresh image (outaged --feed-child), not a fork of the daemon" \
    grep -q -- '--feed-child' "/proc/$CHILD/cmdline"
check "feed child: nothing of the configuration in its arguments" \
    bash -c "! tr '\0' ' ' < /proc/$CHILD/cmdline | grep -qE 'outaged\.(json|db)|$TOKEN'"
check "feed child: its environment is cut down to the locale and its own" \
    bash -c "! tr '\0' '\n' < /proc/$CHILD/environ | grep -qvE '^(TZ|LANG|LC_[A-Z_]*|SSL_CERT_FILE|SSL_CERT_DIR|CURL_CA_BUNDLE|ASAN_OPTIONS|UBSAN_OPTIONS|LSAN_OPTIONS|OUTAGED_FEED_CHILD_[A-Z_]*)='"
check "feed child: the seccomp filter is on (Seccomp: 2)" \
    grep -qE '^Seccomp:[[:space:]]+2$' "/proc/$CHILD/status"
check "feed child: no new privileges (NoNewPrivs: 1)" \
    grep -qE '^NoNewPrivs:[[:space:]]+1$' "/proc/$CHILD/status"
ls -l "/proc/$OUTAGED_PID/fd" > "$T/daemon.fd" 2>&1
ls -l "/proc/$CHILD/fd" > "$T/child.fd" 2>&1
check "feed child: the daemon holds the database open (the check below means something)" \
    grep -q 'outaged.db' "$T/daemon.fd"
check "feed child: no database descriptor in the child (ls -l /proc/PID/fd)" \
    bash -c "! grep -qE 'outaged\.db|\.db-wal|\.db-shm|\.db-journal' '$T/child.fd'"
check "feed child: only stdio, its socket (and libcurl's own) are open" \
    bash -c "! grep -E -- '-> /' '$T/child.fd' | grep -vqE -- '-> /(dev/null|dev/pts/|tmp/outaged-it\.[^/]*/outaged\.log|proc/)'"
check "feed child: the feed's article becomes a report" \
    wait_retained outages/status/UA-12 'j["utilities"]["power"]["affected"]' 600000 10

# kill -9 of the child: logged, restarted, ingest goes on
kill -9 "$CHILD"
# published at once: the child is down (restarted after 500 ms at least)
pub outages/reports/dtek '{"id":"during-1","source":"dtek","region":"UA-46","utility":"power","status":"outage","affected":1000,"unit":"households"}'
check "feed child: an MQTT report published while it is down is stored" \
    wait_sql "select count(*) from reports where raw like '%"during-1"%'" 1 10
restarted() { [ -n "$(child_pid)" ] && [ "$(child_pid)" != "$CHILD" ] && kill -0 "$(child_pid)" 2>/dev/null; }
check "feed child: restarted" wait_for 10 restarted
NEW=$(child_pid)
wait_line "$T/outaged.log" "feed child: pid $NEW sandboxed and ready" 10
check "feed child: the new one is filtered too" \
    grep -qE '^Seccomp:[[:space:]]+2$' "/proc/$NEW/status"
sed -i 's|</channel>|<item><title>Water back</title><guid>w1</guid><description>Water supply was restored to 30,000 households in Odesa region.</description></item></channel>|' "$FEEDS/rss.xml"
check "feed child: the next fetch works (a new item is read)" \
    wait_retained outages/status/UA-51 'j["utilities"]["water"]["status"]' restored 10
check "feed child: the old item is not read twice" \
    sql_is "select count(*) from reports where source = 'news:grid' and region = 'UA-12'" 1
check "feed child: the daemon lives on" kill -0 "$OUTAGED_PID"
stop_outaged

# a compromised child opening the database read-write: killed by its filter
cp "$T/outaged.db" "$T/before.db"
sum_before=$(sha256sum < "$T/outaged.db")
OUTAGED_FEED_CHILD_TRY_OPEN=$T/outaged.db start_outaged || exit 1
check "feed child: the test hook tries to open the database read-write" \
    wait_line "$T/outaged.log" "feed child: test hook: opening $T/outaged.db read-write" 5
check "feed child: the open kills it (SIGSYS from the seccomp filter)" \
    wait_line "$T/outaged.log" 'feed child: pid [0-9]+ died of signal 31 ' 5
check "feed child: the open never succeeded" \
    bash -c "! grep -q 'test hook: open .* SUCCEEDED' '$T/outaged.log'"
check "feed child: the database holds no trace of the child" \
    bash -c "! grep -q 'feed child was here' '$T/outaged.db'"
check "feed child: the database is sound" sql_is 'pragma quick_check' ok
check "feed child: restarted after the kill, with backoff" \
    wait_line "$T/outaged.log" 'died of signal 31 .*restarting in [0-9]+ ms' 5
pub outages/reports/dtek '{"id":"during-2","source":"dtek","region":"UA-46","utility":"power","status":"outage","affected":2000,"unit":"households"}'
check "feed child: the daemon keeps ingesting MQTT reports meanwhile" \
    wait_sql "select count(*) from reports where raw like '%"during-2"%'" 1 10
check "feed child: the daemon itself is not killed" kill -0 "$OUTAGED_PID"
stop_outaged
# the daemon's own writes changed the file; the child's attempt did not
check "feed child: the database file is a database still (header intact)" \
    [ "$(head -c 15 "$T/outaged.db")" = "SQLite format 3" ]
: "$sum_before"
exit 0
