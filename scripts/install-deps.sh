#!/bin/sh
# install-deps.sh - apt-install whatever outaged needs to build, run and test.
# Used by `make run`, `make check` and .ci/run so a fresh Debian machine needs
# nothing else. Installs only what is missing; exits 0 when all is present.
set -eu

# python3-paho-mqtt: the fleet of simulated sensing devices
# (tests/integration/sensorfleet.py, test_sensors.sh)
# python3-aiosmtpd: the SMTP server the e-mail delivery test sends to
# (tests/integration/smtpreceiver.py, run by build/tests/test_fetch)
# libseccomp-dev: the feed child's filter (src/news/feedsandbox.c)
# systemd: systemd-analyze, prometheus: promtool
# (tests/integration/test_deploy.sh); lintian, man-db: `make deb` checks
# the package and the installed man pages render; libjs-chart.js: the
# dashboard's history chart (served as /js/chart.js); zlib1g-dev: gzipped
# status documents; wrk, linux-perf: `make bench` (read load, profile);
# strace: test_disk_full.sh fails the database's writes (ENOSPC)
PKGS="build-essential pkg-config
libmosquitto-dev libsqlite3-dev libjansson-dev libcurl4-openssl-dev
libexpat1-dev libssl-dev libseccomp-dev zlib1g-dev iso-codes
mosquitto mosquitto-clients sqlite3 curl valgrind clang libclang-rt-14-dev python3
python3-paho-mqtt
chromium fonts-dejavu-core libjs-chart.js python3-aiosmtpd
systemd prometheus lintian man-db wrk linux-perf strace"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
# chromium (headless) renders the dashboard in `make check`
# The mosquitto package starts a system broker on :1883; our tests and
# `make run` use their own broker on a free port, so that one is left alone.
