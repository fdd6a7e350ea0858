#!/bin/sh
# build-deb.sh BUILD OUTDIR - outaged_<version>_<arch>.deb from `make
# install` into a staged tree, the files beside this script and
# dpkg-deb (run by `make deb`).  Depends: from dpkg-shlibdeps.  lintian,
# when installed, checks the result: an error fails the build, warnings
# are printed.
set -eu
umask 022
B=${1:?build dir}
OUT=${2:?output dir}
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
cd "$TOP"

upstream=$(sed -n 's/^#define OUTAGED_VERSION[^"]*"\([^"]*\)".*/\1/p' include/outaged.h)
rev=$(sed -n '1s/^outaged (\(.*\)).*/\1/p' "$HERE/changelog")
case $rev in "$upstream"-*) ;; *)
	echo "build-deb: deploy/debian/changelog is at $rev, the source at $upstream" >&2
	exit 1 ;;
esac
arch=$(dpkg --print-architecture)
# dpkg-shlibdeps wants the tree at debian/<package> beside debian/control
D=$TOP/$B/deb
case $B in /*) D=$B/deb ;; esac
S=$D/debian/outaged
rm -rf "$D"
mkdir -p "$S"

make --no-print-directory install DESTDIR="$S" B="$B" PREFIX=/usr \
    SYSCONFDIR=/etc/outaged LOCALSTATEDIR=/var/lib/outaged >/dev/null
# the rewritten example is the shipped configuration (a conffile)
mv "$S/etc/outaged/outaged.json.example" "$S/etc/outaged/outaged.json"
strip --strip-unneeded --remove-section=.comment --remove-section=.note \
    "$S/usr/bin/outaged" "$S/usr/bin/outagectl"
gzip -9n "$S"/usr/share/man/man*/*
install -D -m 644 deploy/outaged.service \
    "$S/lib/systemd/system/outaged.service"
install -d "$S/usr/share/doc/outaged"
install -m 644 "$HERE/copyright" "$S/usr/share/doc/outaged/copyright"
gzip -9n < "$HERE/changelog" > "$S/usr/share/doc/outaged/changelog.Debian.gz"
chmod 644 "$S/usr/share/doc/outaged/changelog.Debian.gz"

# Depends from the binaries' shared libraries
install -d "$S/DEBIAN"
printf 'Source: outaged\n\nPackage: outaged\nArchitecture: any\n' \
    > "$D/debian/control"
deps=$(cd "$D" && dpkg-shlibdeps -O -edebian/outaged/usr/bin/outaged \
    -edebian/outaged/usr/bin/outagectl | sed -n 's/^shlibs:Depends=//p')
[ -n "$deps" ] || { echo "build-deb: dpkg-shlibdeps found nothing" >&2; exit 1; }
# outaged loads these with dlopen() at first use (src/news/curl_lazy.c,
# src/news/libs_lazy.c), which dpkg-shlibdeps cannot see: the package
# holding each soname the Makefile built in, unless Depends has it already
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
for pc in libcurl:libcurl expat:libexpat libseccomp:libseccomp zlib:libz; do
	dir=$(pkg-config --variable=libdir "${pc%%:*}")
	so=$(objdump -p "$dir/${pc#*:}.so" | sed -n 's/^ *SONAME *//p')
	pkg=$(dpkg -S "*/$multiarch/$so" 2>/dev/null |
	    sed -n "s/^\([^:]*\):$arch: .*/\1/p" | head -1)
	[ -n "$pkg" ] || { echo "build-deb: no package holds $so" >&2; exit 1; }
	case ", $deps," in
	*", $pkg "* | *", $pkg,"*) ;;
	*) deps="$deps, $pkg" ;;
	esac
done

size=$(du -sk --exclude=DEBIAN "$S" | cut -f1)
sed -e "s|@VERSION@|$rev|" -e "s|@ARCH@|$arch|" -e "s|@SIZE@|$size|" \
    -e "s|@DEPENDS@|$deps|" "$HERE/control.in" > "$S/DEBIAN/control"
install -m 644 "$HERE/conffiles" "$S/DEBIAN/conffiles"
install -m 755 "$HERE/postinst" "$HERE/prerm" "$HERE/postrm" "$S/DEBIAN/"
(cd "$S" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' |
    LC_ALL=C sort | xargs md5sum) > "$S/DEBIAN/md5sums"
chmod 644 "$S/DEBIAN/md5sums"

deb=$OUT/outaged_${rev}_${arch}.deb
mkdir -p "$OUT"
rm -f "$OUT"/outaged_*.deb
dpkg-deb --root-owner-group -Zxz --build "$S" "$deb" >/dev/null
echo "  DEB     $deb"
if command -v lintian >/dev/null; then
	# as root lintian wants --allow-root; it exits non-zero on errors
	lintian --allow-root --fail-on error --tag-display-limit 0 \
	    --suppress-tags-from-file /dev/null "$deb" | sed 's/^/  lintian: /'
	echo "  lintian: done (no errors)"
else
	echo "  lintian: not installed, package not checked"
fi
