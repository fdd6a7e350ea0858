#!/bin/sh
# place-dump-at.sh - build extract_eval -c (tests/place_cands.c) against
# the extractor of an older commit, to score rules on sets they had not
# yet been tuned on (the place-choice spike, tests/data/eval/README.md):
#   scripts/place-dump-at.sh cfc05d5^1 /tmp/places-old
#   scripts/fit-places.py --root /tmp/places-old
# The commit's tree is exported to DIR (no worktree); its libextract and
# libcore are built there; the scorer is today's (its matching rule),
# with the fields that commit's reports lack (confidence, basis) read as 0
# and its context's place field (prev_region, later inh_region) renamed.
set -eu
cd "$(dirname "$0")/.."
commit=${1:?usage: place-dump-at.sh COMMIT DIR}
dir=${2:?usage: place-dump-at.sh COMMIT DIR}
mkdir -p "$dir/t"
git archive "$commit" | tar -x -C "$dir"
make -C "$dir" -j2 build/libextract.a build/libcore.a >/dev/null
sed 's/pred\[k\]\.confidence/0.0/g; s/pred\[k\]\.basis/0u/g' \
    tests/extract_eval.c > "$dir/t/extract_eval.c"
if grep -q inh_region "$dir/src/extract/extract_int.h"; then
	cp tests/place_cands.c "$dir/t/place_cands.c"
else
	sed 's/inh_region/prev_region/g' tests/place_cands.c > \
	    "$dir/t/place_cands.c"
fi
cp tests/place_cands.h "$dir/t/"
cd "$dir"
cc -std=c11 -D_GNU_SOURCE -DOD_DEFAULT_SHAREDIR='"/usr/local/share/outaged"' \
    -Iinclude -Isrc/extract -It $(pkg-config --cflags jansson) \
    t/extract_eval.c t/place_cands.c build/libextract.a build/libcore.a \
    $(pkg-config --libs libmosquitto sqlite3 jansson openssl libcurl) \
    -lm -o build/extract_eval
echo "$dir/build/extract_eval"
