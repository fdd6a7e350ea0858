#!/bin/sh
# bench/peer-deps.sh - what `make bench-peer` needs beyond `make deps`:
# Node.js and npm (Debian's nodejs and npm packages, installed only when
# no node/npm is on the PATH), then Node-RED 4 and node-red-node-sqlite
# from the npm registry into $BUILD/node-red (nothing global; sqlite3's
# native module is built there by node-gyp, with build-essential and
# python3 from scripts/install-deps.sh).  Does nothing when all is there.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
NR=$BUILD/node-red

if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
	echo "peer-deps: installing nodejs npm" >&2
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
if [ -f "$NR/node_modules/node-red/package.json" ] &&
   [ -f "$NR/node_modules/node-red-node-sqlite/package.json" ] &&
   (cd "$NR" && node -e "require('sqlite3')") > /dev/null 2>&1; then
	exit 0
fi
echo "peer-deps: npm install --prefix $NR node-red@4 node-red-node-sqlite" >&2
mkdir -p "$NR"
npm install --prefix "$NR" --no-audit --no-fund --loglevel=error \
	node-red@4 node-red-node-sqlite
(cd "$NR" && node -e "require('sqlite3')") || {
	echo "peer-deps: sqlite3's native module did not build in $NR" >&2
	exit 1
}
