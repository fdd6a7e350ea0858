#!/bin/sh
# eval-extract.sh - build tests/extract_eval against the core objects and
# score the news extractor on the labelled dev corpus.
#   bench/eval-extract.sh [-v] [CORPUS.jsonl]    (run `make` first)
set -eu
cd "$(dirname "$0")/.."
cc -std=c11 -D_GNU_SOURCE -DOD_DEFAULT_SHAREDIR='"/usr/local/share/outaged"' \
    -Iinclude $(pkg-config --cflags jansson) tests/extract_eval.c \
    build/log.o build/util.o build/conf.o build/region.o build/report.o \
    build/store.o build/agg.o build/alert.o build/render.o build/extract.o \
    $(pkg-config --libs libmosquitto sqlite3 jansson openssl libmicrohttpd libcurl) \
    -lm -o build/extract_eval
exec build/extract_eval "$@"
