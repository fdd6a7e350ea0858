#!/bin/bash
# run.sh - run the test suites and print one summary line.
#   tests/run.sh [unit|integration|all]   (default all)
# Unit test binaries and integration scripts print "PASS name" / "FAIL name"
# lines; this script counts them.  VALGRIND=1 runs unit tests under memcheck
# (any error or definite leak fails the test binary).  Exit 1 on any failure.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
what=${1:-all}
pass=0
fail=0
failed_names=()

count() {	# count PASS/FAIL lines of one suite's output file
	local out=$1 name=$2 rc=$3 p f
	p=$(grep -c '^PASS ' "$out")
	f=$(grep -c '^FAIL ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		# crashed, or valgrind found errors: count the suite as failed
		f=1
		echo "FAIL $name (exit status $rc)"
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$f" -gt 0 ]; then
		failed_names+=("$name")
	fi
}

if [ "$what" = unit ] || [ "$what" = all ]; then
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		out=$(mktemp)
		echo "== unit: $name"
		if [ "${VALGRIND:-0}" = 1 ]; then
			valgrind -q --error-exitcode=99 --leak-check=full \
			    --errors-for-leak-kinds=definite,indirect \
			    --show-leak-kinds=definite,indirect \
			    "$t" > "$out" 2>&1
		else
			"$t" > "$out" 2>&1
		fi
		rc=$?
		grep -v '^PASS ' "$out" | grep -v '^# ' || true
		grep '^FAIL ' "$out" || true
		count "$out" "$name" "$rc"
		rm -f "$out"
	done
fi

if [ "$what" = integration ] || [ "$what" = all ]; then
	for t in tests/integration/test_*.sh; do
		name=$(basename "$t" .sh)
		out=$(mktemp)
		echo "== integration: $name"
		BUILD=$BUILD timeout 900 bash "$t" > "$out" 2>&1
		rc=$?
		cat "$out"
		count "$out" "$name" "$rc"
		rm -f "$out"
	done
fi

if [ ${#failed_names[@]} -gt 0 ]; then
	echo "failed suites: ${failed_names[*]}"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
