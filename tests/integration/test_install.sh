# test_install.sh - `make install` does what docs/operations.md's "make
# install" table says: binaries, region packs, templates, dashboard,
# OpenAPI file, man pages, and an example configuration whose paths point
# at the installed files, so that it passes --check-config from anywhere;
# and SYSCONFDIR with PREFIX=/usr is /usr/etc/outaged unless given.
. "$(dirname "$0")/lib.sh"

prefix=$T/usr
# the same build the suite runs (make check SANITIZE=1 builds elsewhere)
case $BUILD in */sanitize) how=SANITIZE=1 ;; *) how=B=$BUILD ;; esac
make -C "$ROOT" --no-print-directory -s install "$how" PREFIX="$prefix" \
    SYSCONFDIR="$T/etc/outaged" LOCALSTATEDIR="$T/var" > "$T/install.log" 2>&1
check "install: make install succeeds" [ $? = 0 ]
for f in bin/outaged bin/outagectl share/outaged/openapi.json \
    share/outaged/web/index.html share/outaged/regions/ua.json \
    share/outaged/templates/en.json share/outaged/templates/uk.json \
    share/man/man8/outaged.8 share/man/man1/outagectl.1; do
	check "install: $f" [ -s "$prefix/$f" ]
done
ex=$T/etc/outaged/outaged.json.example
check "install: the example configuration" [ -s "$ex" ]
check "install: ... its paths point at the installed files" \
    bash -c "grep -q '\"$prefix/share/outaged/regions\"' '$ex' && grep -q '\"$prefix/share/outaged/templates\"' '$ex' && grep -q '\"$T/var/outaged.db\"' '$ex'"
(cd / && "$prefix/bin/outaged" -n -c "$ex" > /dev/null 2> "$T/check.err")
check "install: ... and it passes --check-config from another directory" [ $? = 0 ]
# the default SYSCONFDIR follows PREFIX (the docs warn about /usr/etc)
got=$(make -C "$ROOT" --no-print-directory -s -p -n install PREFIX=/usr 2>/dev/null |
    sed -n 's/^SYSCONFDIR ?= //p; s/^SYSCONFDIR = //p' | head -1)
check "install: SYSCONFDIR defaults to \$(PREFIX)/etc/outaged ($got)" \
    [ "$got" = '$(PREFIX)/etc/outaged' ]
[ "$FAILS" -eq 0 ]
