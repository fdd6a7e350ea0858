#!/bin/sh
# bench/route-speed.sh - the router's cost per changed figure, in-process
# (build/route_speed): NSUBS subscriptions (default 100,000) decoded from
# JSON and spread over UA cities and oblasts, US states and a few "*",
# then an alert storm of NCHANGES (default 1,000) figures crossing the
# thresholds up and down.  Medians of RUNS, against two baselines of the
# same run (see bench/route_speed.c): the ancestors looked up in a hash,
# and that plus testing each covering subscription's thresholds once.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNS=${RUNS:-5}
NSUBS=${NSUBS:-100000}
NCHANGES=${NCHANGES:-1000}
echo "router, one core (goal: under 1 ms a changed figure)"
timeout 120 taskset -c 0 "$BUILD/route_speed" -n "$NSUBS" -c "$NCHANGES" \
	-r "$RUNS"
