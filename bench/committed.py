#!/usr/bin/python3
"""committed.py DB N [SECONDS] - wait until outaged's database holds report
id N (reports are numbered in commit order), polling every 10 ms from one
process; exit 1 after SECONDS (default 120).

The benchmarks' raw baseline waits for mosquitto_sub with `tail --pid -s
0.01`, which costs next to nothing; the sqlite3 command started every
20 ms that waited for outaged before cost a few milliseconds of CPU each
(about a tenth of a core, a third of what outaged itself spent on the
ingest), taken from the two cores the broker and outaged share."""
import sqlite3
import sys
import time

db_path, n = sys.argv[1], int(sys.argv[2])
end = time.monotonic() + (float(sys.argv[3]) if len(sys.argv) > 3 else 120)
db = None
while time.monotonic() < end:
    try:
        if db is None:
            db = sqlite3.connect(f"file:{db_path}?mode=rw", uri=True, timeout=5)
        row = db.execute("select coalesce(max(id), 0) from reports").fetchall()[0]
        if row[0] >= n:
            sys.exit(0)
    except sqlite3.Error:
        db = None       # not created yet, or busy: try again
    time.sleep(0.01)
sys.exit(1)
