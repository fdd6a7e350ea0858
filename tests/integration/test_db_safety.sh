# test_db_safety.sh - outaged refuses, at start, a database that is not its
# own or not whole, says why naming the file, exits 1 and leaves the file's
# bytes as they were (sha256 before and after): another application's
# database (by application_id, by tables), a 0-byte file, a good database
# with a stale -wal of another database beside it (issue 13's case: 3,000
# reports, the daemon saw schema 0, migrated and ran on an empty database),
# and copies with random pages' headers overwritten.  A missing file is
# still created new, an outaged database from before the application_id is
# adopted once, and outagectl check-db / backup work on the live database.
. "$(dirname "$0")/lib.sh"

N=3000
start_broker || exit 1
write_config
start_outaged || exit 1

python3 - "$T" "$N" <<'PY'
import json, sys
t, n = sys.argv[1], int(sys.argv[2])
regions = ["UA-12", "UA-63", "UA-51", "UA-46", "UA-32"]
with open(f"{t}/reports.txt", "w") as f:
    for i in range(n):
        f.write(json.dumps({"id": f"r{i:05d}", "source": "load",
            "region": regions[i % len(regions)], "utility": "power",
            "status": "outage", "affected": 1000 + i}) + "\n")
PY
mosquitto_pub -p "$BROKER_PORT" -q 1 -t outages/reports/load -l < "$T/reports.txt"
check "db: $N reports stored in the good database" \
    wait_sql "select count(*) from reports" "$N" 30
app=$(sql "pragma application_id")
check "db: a new database carries outaged's application_id (0x4f555447)" \
    [ "$app" = 1330992199 ]

# outagectl check-db and backup while the daemon runs and ingests
out=$("$OUTAGECTL" --db "$T/outaged.db" check-db 2>&1); rc=$?
check "check-db: the live database is ok (exit 0)" [ "$rc" = 0 ]
check "check-db: ... and says ok" grep -q "ok" <<< "$out"
( for i in $(seq 0 9); do
	mosquitto_pub -p "$BROKER_PORT" -q 1 -t outages/reports/load \
	    -m "{\"id\":\"b$i\",\"source\":\"load\",\"region\":\"UA-12\",\"utility\":\"power\",\"status\":\"outage\",\"affected\":$i}"
	sleep 0.05
done ) &
bpub=$!
out=$("$OUTAGECTL" --db "$T/outaged.db" backup "$T/backup.db" 2>&1); rc=$?
wait "$bpub"
check "backup: a copy taken while the daemon runs (exit 0)" [ "$rc" = 0 ]
bn=$(sqlite3 "$T/backup.db" "select count(*) from reports" 2>/dev/null)
check "backup: the copy holds the $N reports (and the ones coming: $bn)" \
    [ "${bn:-0}" -ge "$N" ]
check "backup: the copy passes integrity_check" \
    [ "$(sqlite3 "$T/backup.db" "pragma integrity_check")" = ok ]
check "backup: the copy is one file (no -wal beside it)" [ ! -e "$T/backup.db-wal" ]
sum=$(sha256sum < "$T/backup.db")
out=$("$OUTAGECTL" --db "$T/outaged.db" backup "$T/backup.db" 2>&1); rc=$?
check "backup: an existing FILE is refused without --force (exit 1)" [ "$rc" = 1 ]
check "backup: ... named, and left as it was" \
    eval 'grep -q "backup.db: exists" <<< "$out" && [ "$(sha256sum < "$T/backup.db")" = "$sum" ]'
"$OUTAGECTL" --db "$T/outaged.db" backup --force "$T/backup.db" > /dev/null 2>&1
check "backup: --force replaces it" [ $? = 0 ]
stop_outaged
check "db: the good database ends whole (integrity_check ok)" \
    [ "$(sql "pragma integrity_check")" = ok ]
GOOD=$T/good.db
cp "$T/outaged.db" "$GOOD"
check "db: the daemon's clean stop left no -wal" [ ! -e "$T/outaged.db-wal" ]

# run_on DB: the daemon on DB in the foreground for at most 5 s; its exit
# status in RC, what it said in OUT.  124: it was still running.
run_on() {
	sed "s|\"database\": \"[^\"]*\"|\"database\": \"$1\"|" "$T/outaged.json" > "$T/case.json"
	OUT=$(timeout 5 "$OUTAGED" -c "$T/case.json" 2>&1)
	RC=$?
}

# refused NAME DB REGEX: exit 1, the message (naming the file), the file's
# bytes (and those of its -wal) unchanged, no -wal created
refused() {
	local name=$1 db=$2 re=$3 before after walb wala hadwal=0
	[ -e "$db-wal" ] && hadwal=1
	before=$(sha256sum < "$db"); walb=$(cat "$db-wal" 2>/dev/null | sha256sum)
	run_on "$db"
	after=$(sha256sum < "$db"); wala=$(cat "$db-wal" 2>/dev/null | sha256sum)
	check "$name: refused, exit 1 (got $RC)" [ "$RC" = 1 ]
	if grep -qE "$re" <<< "$OUT" && grep -qF "$db" <<< "$OUT"; then
		pass "$name: the message names the file and says why"
	else
		fail "$name: the message names the file and says why" "$(tail -2 <<< "$OUT")"
	fi
	check "$name: the file's bytes are unchanged (sha256)" [ "$before" = "$after" ]
	if [ "$hadwal" = 1 ]; then
		check "$name: ... and its -wal's" [ "$walb" = "$wala" ]
	else
		check "$name: no -wal created" [ ! -e "$db-wal" ]
	fi
}

# another application's database: by application_id, then by its tables
python3 - "$T" <<'PY'
import sqlite3, sys
t = sys.argv[1]
for name, app in (("foreign-app.db", 0x47504B47), ("foreign-tables.db", 0)):
    db = sqlite3.connect(f"{t}/{name}")
    db.execute(f"pragma application_id = {app}")
    db.execute("pragma user_version = 3")
    db.execute("create table customers (id integer primary key, name text)")
    db.executemany("insert into customers (name) values (?)",
                   [(f"c{i}",) for i in range(500)])
    db.commit()
    db.close()
PY
refused "db: a foreign application_id" "$T/foreign-app.db" \
    "not an outaged database \(application_id 0x47504b47"
check "db: ... and no table was added to it" \
    [ "$(sqlite3 "$T/foreign-app.db" "select count(*) from sqlite_schema")" = 1 ]
refused "db: foreign tables, no application_id" "$T/foreign-tables.db" \
    'not an outaged database \(table "customers"'

# a 0-byte file
: > "$T/zero.db"
refused "db: a 0-byte file" "$T/zero.db" "empty \(0 bytes\)"
check "db: ... still 0 bytes" [ ! -s "$T/zero.db" ]

# issue 13's case: the good database and a stale -wal of another one
cp "$GOOD" "$T/stale.db"
python3 - "$T" <<'PY'
import os, sqlite3, sys
t = sys.argv[1]
db = sqlite3.connect(f"{t}/other.db")
db.execute("pragma journal_mode = wal")
db.execute("create table scratch (x)")
db.execute("insert into scratch values (1)")
db.commit()
os._exit(0)	# no close: the -wal stays, as after a crash
PY
cp "$T/other.db-wal" "$T/stale.db-wal"
size_before=$(stat -c %s "$T/stale.db")
refused "db: a stale -wal of another database" "$T/stale.db" \
    "schema vanished on open.*-wal"
echo "# stale -wal: the file stays $(stat -c %s "$T/stale.db") bytes (was $size_before)"
rm -f "$T/stale.db-wal" "$T/stale.db-shm"
GN=$(sqlite3 "$GOOD" "select count(*) from reports")
check "db: ... with the -wal moved aside the $GN reports are all there" \
    [ "$(sqlite3 "$T/stale.db" "select count(*) from reports")" = "$GN" ]

# random pages' headers overwritten (seeds 1-5): quick_check finds them
for seed in 1 2 3 4 5; do
	cp "$GOOD" "$T/flip$seed.db"
	python3 - "$T/flip$seed.db" "$seed" <<'PY'
import random, sys
path, seed = sys.argv[1], int(sys.argv[2])
rnd = random.Random(seed)
data = bytearray(open(path, "rb").read())
psize = int.from_bytes(data[16:18], "big")
pages = len(data) // psize
# b-tree pages in use (their type byte), page 1 (the header) left alone
btree = [p for p in range(1, pages) if data[p * psize] in (2, 5, 10, 13)]
for p in rnd.sample(btree, min(3, len(btree))):
    off = p * psize
    data[off:off + 12] = bytes(rnd.randrange(256) for _ in range(12))
open(path, "wb").write(data)
PY
	refused "db: random page flips (seed $seed)" "$T/flip$seed.db" \
	    "fails PRAGMA quick_check|cannot be read"
done
out=$("$OUTAGECTL" --db "$T/flip1.db" check-db 2>&1); rc=$?
check "check-db: a corrupt copy exits 1" [ "$rc" = 1 ]
check "check-db: ... listing its problems" \
    [ "$(grep -c . <<< "$out")" -ge 2 ]

# what is still accepted: a missing file is created, an old outaged
# database (application_id 0) is adopted once, the good one runs
run_on "$T/new.db"
check "db: a missing file is created new (ran until stopped)" \
    eval '[ "$RC" = 124 ] && [ "$(sqlite3 "$T/new.db" "pragma application_id")" = 1330992199 ]'
cp "$GOOD" "$T/old.db"
sqlite3 "$T/old.db" "pragma application_id = 0"
run_on "$T/old.db"
check "db: an outaged database without application_id is adopted" \
    eval '[ "$RC" = 124 ] && [ "$(sqlite3 "$T/old.db" "pragma application_id")" = 1330992199 ] && [ "$(sqlite3 "$T/old.db" "select count(*) from reports")" = "$GN" ]'
check "db: ... saying so" grep -q "adopted" <<< "$OUT"
exit 0
