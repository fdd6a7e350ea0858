#!/bin/bash
# test_docs_readme.sh - run the README's tour and "Get notified" as written,
# against a real broker and daemon, and compare the output with the README.
#
# The convention (README.md source):
#
#   <!-- doc-test: NAME -->            before a ```sh fence: the block is run
#                                      by bash, blocks in the README's order,
#                                      all in one environment (below).
#   <!-- doc-test: NAME background --> the same, left running in the
#                                      background (the tour's subscriber).
#   # LINE                             a whole-line comment inside a run
#                                      block: the block's expected standard
#                                      output, in order (all such lines of
#                                      the block, concatenated).  A trailing
#                                      comment after a command is only a
#                                      comment.
#   <!-- doc-test-output: NAME -->     before a ```text fence: the expected
#                                      output of block NAME.  For a
#                                      background block: the lines it printed
#                                      since the last check (polled for up to
#                                      6 s); otherwise its whole stdout.
#
# Expected lines are patterns: "..." inside a line matches any text, and a
# line that is only "..." matches any number of lines.  Before comparing,
# both sides are masked: RFC 3339 times and "YYYY-MM-DD HH:MM[:SS]Z" become
# <time>, 13-digit millisecond times (incident keys) <ms>, 16-hex token
# labels <label>; trailing blanks are dropped.  In the commands, "-p 1883"
# becomes the test broker's port and http://127.0.0.1:8080 the daemon's URL.
#
# The environment of the blocks: the working directory has build/ (this
# build) and var/outaged.db (the daemon's database); outagectl is on PATH;
# OUTAGED_URL is the daemon; $TOKEN is a token in http.tokens.  The daemon
# runs config/outaged.json as shipped (from the top of the tree, as make
# run does) with --broker, --db and --http overridden and that one token
# added, so a change to the shipped configuration shows here too.
#
# Catches: a README example whose command no longer works, or whose output
# (topics, JSON members, table columns, messages) no longer matches.
. "$(dirname "$0")/lib.sh"

README=$ROOT/README.md
TOKEN=doc-test-token-0123456789abcdef
start_broker || exit 1

# config/outaged.json as shipped, plus one token
python3 - "$ROOT/config/outaged.json" "$T/outaged.json" "$TOKEN" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["http"]["tokens"] = [sys.argv[3]]
json.dump(c, open(sys.argv[2], "w"), indent=2)
PY
mkdir -p "$T/wd/var"
ln -s "$BUILD" "$T/wd/build"
(cd "$ROOT" && exec "$OUTAGED" -c "$T/outaged.json" \
    --broker "127.0.0.1:$BROKER_PORT" --db "$T/wd/var/outaged.db" \
    --http 127.0.0.1:0 >> "$T/outaged.log" 2>&1) &
OUTAGED_PID=$!
PIDS+=("$OUTAGED_PID")
disown "$OUTAGED_PID"
wait_line "$T/outaged.log" 'subscribed to' 10 || { tail "$T/outaged.log"; fail daemon_start; exit 1; }
HTTP_PORT=$(sed -n 's/.*http: listening on .* (port \([0-9]*\)).*/\1/p' "$T/outaged.log" | tail -1)
URL=http://127.0.0.1:$HTTP_PORT

# doctest.py: extract the marked blocks, and compare expected with actual
cat > "$T/doctest.py" <<'PY'
import os, re, sys

def extract(md, outdir):
    """Write NN.run/NN.bg (script) and NN.exp (expected) files, in order."""
    lines = open(md, encoding="utf-8").read().split("\n")
    n, i = 0, 0
    index = []
    while i < len(lines):
        m = re.match(r"<!-- doc-test(-output)?: (\S+)( background)? -->$",
                     lines[i].strip())
        if not m:
            i += 1
            continue
        i += 1
        assert lines[i].startswith("```"), "a fence must follow line %d" % i
        body = []
        i += 1
        while not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        n += 1
        name = m.group(2)
        if m.group(1):
            kind = "out"
            exp = body
        else:
            kind = "bg" if m.group(3) else "run"
            exp = [l[2:] if l.startswith("# ") else "" for l in body
                   if l == "#" or l.startswith("# ")]
            script = "\n".join(l for l in body
                               if not (l == "#" or l.startswith("# ")))
            open(os.path.join(outdir, "%02d.sh" % n), "w").write(script + "\n")
        open(os.path.join(outdir, "%02d.exp" % n), "w").write(
            "\n".join(exp) + ("\n" if exp else ""))
        index.append("%02d %s %s" % (n, kind, name))
    print("\n".join(index))

MASKS = [
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)"), "<time>"),
    (re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?Z"), "<time>"),
    (re.compile(r"\b\d{13}\b"), "<ms>"),
    (re.compile(r"\b[0-9a-f]{16}\b"), "<label>"),
]

def mask(line):
    for rx, rep in MASKS:
        line = rx.sub(rep, line)
    return line.rstrip()

def pattern(line):
    return re.compile("^" + ".*".join(re.escape(p) for p in line.split("...")) + "$")

def match(exp, act):
    """exp, act: lists of masked lines; "..." alone matches any lines"""
    if not exp:
        return not act
    if exp[0] == "...":
        return any(match(exp[1:], act[k:]) for k in range(len(act) + 1))
    return bool(act) and pattern(exp[0]).match(act[0]) is not None and \
        match(exp[1:], act[1:])

def compare(expf, actf, skip=0):
    exp = [mask(l) for l in open(expf, encoding="utf-8").read().split("\n")]
    act = [mask(l) for l in open(actf, encoding="utf-8", errors="replace").read().split("\n")]
    act = act[skip:]
    while exp and exp[-1] == "": exp.pop()
    while act and act[-1] == "": act.pop()
    if match(exp, act):
        return 0
    if os.environ.get("QUIET") != "1":
        print("# expected (README, masked):")
        for l in exp: print("#   " + l[:300])
        print("# actual (masked):")
        for l in act: print("#   " + l[:300])
    return 1

if sys.argv[1] == "extract":
    extract(sys.argv[2], sys.argv[3])
else:
    sys.exit(compare(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 0))
PY

mkdir -p "$T/blocks"
python3 "$T/doctest.py" extract "$README" "$T/blocks" > "$T/blocks/index" ||
    { fail readme_blocks "cannot extract the doc-test blocks"; exit 1; }
nblocks=$(grep -c ' run \| bg ' "$T/blocks/index")
if [ "$nblocks" -ge 8 ]; then pass "readme_blocks ($nblocks runnable)"; else fail readme_blocks "only $nblocks"; fi

declare -A BGOUT BGSEEN LASTOUT
export PATH=$BUILD:$PATH OUTAGED_URL=$URL TOKEN
unset OUTAGED_TOKEN
cd "$T/wd" || exit 1
while read -r n kind name; do
	f=$T/blocks/$n
	if [ "$kind" != out ]; then
		sed -i -e "s/-p 1883/-p $BROKER_PORT/g" \
		    -e "s|http://127.0.0.1:8080|$URL|g" "$f.sh"
	fi
	case $kind in
	bg)
		# a process group of its own, killed whole at exit: a kill of
		# the shell alone left the block's mosquitto_sub running
		setsid bash "$f.sh" > "$T/bg-$name.out" 2>&1 &
		PIDS+=("-$!")
		disown "$!"
		BGOUT[$name]=$T/bg-$name.out
		BGSEEN[$name]=0
		sleep 0.3
		;;
	run)
		# one shell for every block: an export carries to the next
		# shellcheck disable=SC1090
		. "$f.sh" > "$T/out-$n" 2>"$T/err-$n"
		LASTOUT[$name]=$T/out-$n
		if [ -s "$f.exp" ]; then
			if python3 "$T/doctest.py" compare "$f.exp" "$T/out-$n"; then
				pass "readme $name output"
			else
				fail "readme $name output"; cat "$T/err-$n"
			fi
		else
			check "readme $name runs" test ! -s "$T/err-$n"
		fi
		;;
	out)
		if [ -n "${BGOUT[$name]:-}" ]; then
			ok=1
			for _ in $(seq 30); do
				if QUIET=1 python3 "$T/doctest.py" compare "$f.exp" "${BGOUT[$name]}" "${BGSEEN[$name]}"; then
					ok=0; break
				fi
				sleep 0.2
			done
			if [ $ok = 0 ]; then
				pass "readme $name shows block $n"
			else
				fail "readme $name shows block $n"
				python3 "$T/doctest.py" compare "$f.exp" "${BGOUT[$name]}" "${BGSEEN[$name]}"
			fi
			BGSEEN[$name]=$(wc -l < "${BGOUT[$name]}")
		elif [ -n "${LASTOUT[$name]:-}" ]; then
			if python3 "$T/doctest.py" compare "$f.exp" "${LASTOUT[$name]}"; then
				pass "readme $name output (block $n)"
			else
				fail "readme $name output (block $n)"
			fi
		else
			fail "readme output block $n" "no block named $name before it"
		fi
		;;
	esac
done < "$T/blocks/index"
cd "$ROOT" || exit 1
exit $((FAILS > 0))
