# test_make_run.sh - `make run` as a person uses it (scripts/run.sh): it
# starts a broker whose persistence file is written even when started as
# root (mosquitto drops to its own user), the daemon comes up, and Ctrl-C
# (SIGINT to the whole process group) stops both and exits 0.
. "$(dirname "$0")/lib.sh"

var=$T/run
# a process group of its own, as a terminal's foreground job is
setsid bash -c "cd '$ROOT' && OUTAGED_VAR='$var' OUTAGED_HTTP=127.0.0.1:0 \
    exec scripts/run.sh '$BUILD'" > "$T/run.out" 2>&1 &
runpid=$!
PIDS+=("-$runpid")	# its whole group at exit, broker too
check "make run: the daemon comes up" wait_for 20 grep -q 'ready:' "$T/run.out"
check "make run: it uses the broker it started" \
    grep -q 'make run: started mosquitto on 127.0.0.1:' "$T/run.out"
sleep 0.5
kill -INT -- "-$runpid"
rc=0
wait "$runpid" || rc=$?
check "make run: Ctrl-C stops it with exit status 0 (was 130: make said Error)" [ "$rc" = 0 ]
check "make run: the daemon stopped cleanly" grep -q 'info  stopped' "$T/run.out"
check "make run: the broker wrote its persistence file" [ -s "$var/mosquitto/mosquitto.db" ]
check "make run: no permission error in the broker's log" \
    bash -c "! grep -qiE 'permission denied|error saving' '$var/mosquitto.log'"
check "make run: the shipped mosquitto.conf draws no deprecation note" \
    bash -c "! grep -qi 'recommended to replace' '$var/mosquitto.log'"
if [ "$(id -u)" = 0 ] && id mosquitto >/dev/null 2>&1; then
	check "make run: as root, the broker's directory is the mosquitto user's" \
	    [ "$(stat -c %U "$var/mosquitto")" = mosquitto ]
	check "make run: ... and it says when the broker must keep root" \
	    grep -q 'not reachable by user mosquitto' "$T/run.out"
fi
[ "$FAILS" -eq 0 ]
