# outaged - infrastructure outage monitoring daemon.
# `make` builds build/outaged and build/outagectl; `make check` runs every
# test; `make run` starts a local broker (if none is configured) and the
# daemon; `make deb` builds the Debian package (deploy/debian/).  SANITIZE=1
# builds with ASan+UBSan, V=1 shows commands.

PREFIX	?= /usr/local
DESTDIR	?=
BINDIR	 = $(PREFIX)/bin
SHAREDIR = $(PREFIX)/share/outaged
MANDIR	 = $(PREFIX)/share/man
SYSCONFDIR ?= $(PREFIX)/etc/outaged

PKGS	:= libmosquitto sqlite3 jansson openssl libcurl expat \
	   libseccomp zlib
CC	?= cc
WARN	:= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	   -Wpointer-arith -Wcast-qual -Wformat=2 -Wno-format-nonliteral \
	   -Wno-format-truncation
OPT	?= -O2
# Hardening: what the compiler accepts (probed once).  FORTIFY level 3
# needs gcc >= 12 (__builtin_dynamic_object_size) and glibc >= 2.34, and
# optimisation: the probe asks glibc which level it actually applies.
cc_flag = $(shell echo 'int x;' | $(CC) -Werror $(1) -x c -c -o /dev/null - \
	    >/dev/null 2>&1 && echo $(1))
FORTIFY	:= $(shell printf '\043include <stdio.h>\n\043if __USE_FORTIFY_LEVEL < 3\n\043error\n\043endif\n' | \
	    $(CC) -O2 -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=3 -E -x c - \
	    >/dev/null 2>&1 && echo 3 || echo 2)
HARDEN	:= -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=$(FORTIFY) \
	   -fstack-protector-strong -fPIE \
	   $(call cc_flag,-fstack-clash-protection) \
	   $(call cc_flag,-fcf-protection)
B	:= build

ifeq ($(SANITIZE),1)
OPT	:= -O1 -fno-omit-frame-pointer
HARDEN	:= -fsanitize=address,undefined -fno-sanitize-recover=all
B	:= build/sanitize
endif
ifeq ($(WERROR),1)
WARN	+= -Werror
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# outaged and the unit tests load libcurl on first use (src/news/
# curl_lazy.c, ~1.5 MB less resident at start): linked without it, told
# the soname of the libcurl pkg-config finds.  outagectl links it.
# So are libexpat, libseccomp and zlib (src/news/libs_lazy.c, ~220 kB).
LAZY_PKGS   := libcurl expat libseccomp zlib
DAEMON_LIBS := $(shell pkg-config --libs $(filter-out $(LAZY_PKGS),$(PKGS)) 2>/dev/null)
soname	     = $(shell objdump -p "$$(pkg-config --variable=libdir $(1) \
	    2>/dev/null)/$(2).so" 2>/dev/null | sed -n 's/^ *SONAME *//p')
CURL_SONAME := $(call soname,libcurl,libcurl)
lazy_def     = $(if $(2),-DOD_$(1)_SONAME='"$(2)"')
LAZY_DEFS   := $(call lazy_def,EXPAT,$(call soname,expat,libexpat)) \
	       $(call lazy_def,SECCOMP,$(call soname,libseccomp,libseccomp)) \
	       $(call lazy_def,Z,$(call soname,zlib,libz))

ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -g $(WARN) $(OPT) $(HARDEN) \
	     -Iinclude $(PKG_CFLAGS) \
	     -DOD_DEFAULT_SHAREDIR='"$(SHAREDIR)"' \
	     $(if $(CURL_SONAME),-DOD_CURL_SONAME='"$(CURL_SONAME)"') \
	     $(LAZY_DEFS) $(CFLAGS)
# Relative relocations packed (DT_RELR, binutils >= 2.38 and glibc >=
# 2.36, when the toolchain links with it): outaged's 4,500 of them are 2 kB
# to read at start instead of 110 kB of .rela.dyn (that much less resident).
ld_flag = $(shell echo 'int main(void) { return 0; }' | $(CC) -Werror $(1) \
	    -x c -o /dev/null - >/dev/null 2>&1 && echo $(1))
comma	:= ,
RELR	:= $(call ld_flag,-Wl$(comma)-z$(comma)pack-relative-relocs)
ALL_LDFLAGS = $(HARDEN) $(if $(filter 1,$(SANITIZE)),,-pie -Wl,-z,relro,-z,now $(RELR)) $(LDFLAGS)

Q := @
ifeq ($(V),1)
Q :=
endif

# The tree, in layers (README, "Layout"): each folder is a library that may
# use only the folders before it.  Binaries and tests link the archives, so
# a test links exactly the modules it calls.
CORE_SRCS	:= $(wildcard src/core/*.c)
EXTRACT_SRCS	:= $(wildcard src/extract/*.c)
NEWS_SRCS	:= $(wildcard src/news/*.c)
DAEMON_SRCS	:= $(filter-out src/daemon/main.c,$(wildcard src/daemon/*.c))
CTL_SRCS	:= $(wildcard src/ctl/*.c)
objs		 = $(patsubst src/%.c,$(B)/%.o,$(1))
LIBS		:= $(B)/libdaemon.a $(B)/libnews.a $(B)/libextract.a \
		   $(B)/libcore.a
# what the CLI, the fuzzers and the benchmarks link (no daemon, no news)
CORE_LIBS	:= $(B)/libextract.a $(B)/libcore.a
UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps run check unit integration install uninstall clean lint \
	fuzz bench bench-peer valgrind eval deb

all: $(B)/outaged $(B)/outagectl

deps:
	$(Q)scripts/install-deps.sh

$(B)/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/libcore.a: $(call objs,$(CORE_SRCS))
$(B)/libextract.a: $(call objs,$(EXTRACT_SRCS))
$(B)/libnews.a: $(call objs,$(NEWS_SRCS))
$(B)/libdaemon.a: $(call objs,$(DAEMON_SRCS))
$(B)/lib%.a:
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/tests/%.o: tests/unit/%.c | $(B)/tests
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -MMD -MP -c $< -o $@

$(B)/tests:
	$(Q)mkdir -p $@

$(B)/outaged: $(B)/daemon/main.o $(LIBS)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(DAEMON_LIBS) -lm

$(B)/outagectl: $(call objs,$(CTL_SRCS)) $(CORE_LIBS)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(B)/tests/test_%: $(B)/tests/test_%.o $(LIBS)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(DAEMON_LIBS) -lm

unit-bins: $(UNIT_TESTS:%=$(B)/tests/%)

# Every test, unit and integration; the last line is "N passed, N failed".
check: deps
	$(Q)$(MAKE) --no-print-directory all unit-bins $(B)/extract_eval WERROR=1
	$(Q)$(MAKE) --no-print-directory lint
	$(Q)$(MAKE) --no-print-directory fuzz-regress fuzz-smoke
	$(Q)BUILD=$(B) tests/run.sh

unit: all unit-bins
	$(Q)BUILD=$(B) tests/run.sh unit

integration: all
	$(Q)BUILD=$(B) tests/run.sh integration

# Unit tests under valgrind's memcheck: any leak or error fails.
valgrind: all unit-bins
	$(Q)BUILD=$(B) VALGRIND=1 tests/run.sh unit

# Throughput and memory as ratios against baselines of the same run.
# bench/table.sh runs every benchmark (each bounded; ~10 minutes in all)
# and prints one table; bench/ingest.sh and the others run alone too.
bench: deps all $(B)/extract_speed $(B)/route_speed $(B)/sink $(B)/mqtt_lat
	$(Q)BUILD=$(B) bench/table.sh

# outaged against a Node-RED 4 flow doing the same (issue 12): Node.js
# and Node-RED from npm into $(B)/node-red (bench/peer-deps.sh), then
# bench/peer.sh (alternating runs, medians; ~5 minutes)
bench-peer: deps all $(B)/mqtt_lat $(B)/floor
	$(Q)BUILD=$(B) bench/peer-deps.sh
	$(Q)BUILD=$(B) bench/peer.sh

# Alert latency through the broker, publisher and subscriber without
# Nagle (bench/mqtt_lat.c, for bench/table.sh).
$(B)/mqtt_lat: bench/mqtt_lat.c
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lpthread

# The extractor timed in-process on texts read beforehand (bench/).
$(B)/extract_speed: bench/extract_speed.c $(CORE_LIBS)
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

# The news extractor's scorer (bench/eval-extract.sh compiles it too, for
# `make eval`); built here with the suite's flags (sanitizers too) for
# test_eval_scorer.sh and test_place_cands.sh.
$(B)/extract_eval: tests/extract_eval.c tests/place_cands.c $(CORE_LIBS)
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc/extract $(ALL_LDFLAGS) -o $@ $^ \
	    $(PKG_LIBS) -lm

# The router timed in-process on 100,000 subscriptions (bench/).
$(B)/route_speed: bench/route_speed.c $(CORE_LIBS)
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

# The three libraries outaged's job needs (MQTT, SQLite, JSON) and a
# listening socket, linked as outaged links them, each doing the least
# outaged needs of it: bench/peer.sh's memory floor (bench/floor.c).
$(B)/floor: bench/floor.c
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ \
	    $(shell pkg-config --libs libmosquitto sqlite3 jansson 2>/dev/null)

# A minimal HTTP receiver (poll, keep-alive, 200 to everything) and its
# load generator, for bench/deliver.sh.
$(B)/sink: bench/sink.c
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^

# The news extractor scored on the labelled dev corpus (shared/corpus):
# precision, recall and F1 of matched reports (rule in bench/eval-extract.sh).
eval: deps all
	$(Q)BUILD=$(B) bench/eval-extract.sh

run: deps all
	$(Q)scripts/run.sh $(B)

lint:
	$(Q)! grep -rnE '\b(atoi|atol|sprintf|vsprintf|strcpy|strcat|strtok|gets)\(' src include tests/unit
	$(Q)! grep -rnE 'sqlite3_(exec|mprintf)' src
	$(Q)python3 tests/check-layers.py
	$(Q)for f in src/*/*.[ch]; do n=$$(wc -l < $$f); \
	    [ $$n -le 1200 ] || { echo "lint: $$f has $$n lines (at most 1200: split it)"; exit 1; }; done
	$(Q)! git ls-files -ci --exclude-standard 2>/dev/null | grep .
	@echo "lint: ok"

# The example config is rewritten to point at the installed files.
LOCALSTATEDIR ?= /var/lib/outaged
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/regions \
		$(DESTDIR)$(SHAREDIR)/web $(DESTDIR)$(SYSCONFDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man8
	install -m 755 $(B)/outaged $(B)/outagectl $(DESTDIR)$(BINDIR)/
	install -m 644 config/regions/*.json $(DESTDIR)$(SHAREDIR)/regions/
	install -d $(DESTDIR)$(SHAREDIR)/templates
	install -m 644 config/templates/*.json $(DESTDIR)$(SHAREDIR)/templates/
	install -m 644 web/* $(DESTDIR)$(SHAREDIR)/web/
	install -m 644 docs/openapi.json $(DESTDIR)$(SHAREDIR)/openapi.json
	sed -e 's|"config/regions"|"$(SHAREDIR)/regions"|' \
	    -e 's|"web"|"$(SHAREDIR)/web"|' \
	    -e 's|"config/templates"|"$(SHAREDIR)/templates"|' \
	    -e 's|"docs/openapi.json"|"$(SHAREDIR)/openapi.json"|' \
	    -e 's|"var/outaged.db"|"$(LOCALSTATEDIR)/outaged.db"|' \
	    config/outaged.json > $(DESTDIR)$(SYSCONFDIR)/outaged.json.example
	chmod 644 $(DESTDIR)$(SYSCONFDIR)/outaged.json.example
	install -m 644 docs/outaged.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 644 docs/outagectl.1 $(DESTDIR)$(MANDIR)/man1/

# The Debian package, build/outaged_<version>_<arch>.deb: `make install`
# into a staged tree plus deploy/debian/ (deploy/debian/build-deb.sh).
# (a sub-make: pkg-config's answers change once deps has installed)
deb: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)deploy/debian/build-deb.sh $(B) $(B)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/outaged $(DESTDIR)$(BINDIR)/outagectl
	rm -rf $(DESTDIR)$(SHAREDIR)
	rm -f $(DESTDIR)$(SYSCONFDIR)/outaged.json.example
	rm -f $(DESTDIR)$(MANDIR)/man8/outaged.8 $(DESTDIR)$(MANDIR)/man1/outagectl.1

clean:
	rm -rf build

# ---- crash points (tests/integration/test_crash_points.sh) ----------------
# build/crash/outaged: CRASH_POINT()s live (include/crashpoint.h), else the
# same build; the normal build has none.  `make crash-test` runs the test
# (a few minutes), `make crash-soak` the longer run (CRASH_ROUNDS each).
.PHONY: crash crash-test crash-soak
# under $(B): a SANITIZE=1 crash build must not leave its objects where a
# plain one would link them
crash:
	$(Q)$(MAKE) --no-print-directory B=$(B)/crash \
	    CFLAGS="$(CFLAGS) -DOUTAGED_CRASH_POINTS" $(B)/crash/outaged
crash-test: all crash
	$(Q)BUILD=$(B) CRASH_BUILD=$(B)/crash \
	    bash tests/integration/test_crash_points.sh
crash-soak: all crash
	$(Q)BUILD=$(B) CRASH_BUILD=$(B)/crash CRASH_ROUNDS=$${CRASH_ROUNDS:-20} \
	    bash tests/integration/test_crash_points.sh

# libFuzzer harnesses (clang): `make fuzz FUZZ_SECONDS=N` runs every target
# for N seconds (default 60); also fuzz-build, fuzz-smoke, fuzz-regress
fuzz: fuzz-run
-include tests/fuzz/fuzz.mk

-include $(wildcard $(B)/*/*.d $(B)/tests/*.d)
