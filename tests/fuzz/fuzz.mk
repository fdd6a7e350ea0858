# tests/fuzz/fuzz.mk - libFuzzer harnesses for the report, config and
# region parsers.  Included by the top Makefile (`make fuzz-build`); it
# also works without it: make -f tests/fuzz/fuzz.mk fuzz-build
#
#   fuzz-build    build/fuzz/fuzz_{report,conf,region} (clang, libFuzzer,
#                 ASan + UBSan; the core sources are compiled again here,
#                 never linked from the gcc objects)
#   fuzz-run      each fuzzer in turn for FUZZ_SECONDS (default 60) on
#                 build/fuzz/corpus-<name>, a copy of tests/fuzz/corpus/<name>
#                 that keeps what earlier runs found; crashes, leaks and
#                 timeouts go to build/fuzz/artifacts-<name>/ and fail it
#                 (also under FUZZ_FLAGS="-fork=1 -ignore_crashes=1
#                 -ignore_timeouts=1", which keeps fuzzing past them)
#   fuzz-smoke    each fuzzer over its seed corpus once (-runs=0): quick,
#                 for `make check`
#   fuzz-regress  each fuzzer over tests/fuzz/regress/<name>-*: the inputs
#                 that once crashed it
#   fuzz-clean    remove build/fuzz
#
# FUZZ_CC (clang), FUZZ_SECONDS, FUZZ_TARGETS and FUZZ_FLAGS (extra
# libFuzzer options for fuzz-run) may be set on the command line.

# Wherever the include line sits, it leaves the default goal alone.
FUZZ_SAVED_GOAL := $(.DEFAULT_GOAL)

FUZZ_CC		?= clang
FUZZ_SECONDS	?= 60
FUZZ_TARGETS	?= report conf region feed extract http httpd
FUZZ_FLAGS	?=
FUZZ_DIR	:= tests/fuzz
FUZZ_B		:= build/fuzz

# The pure layers (core, extract), the feed and HTTP parsers; the pkg-config
# flags are the top Makefile's when it has set them (recursive variables:
# the include may come before them).
FUZZ_SRCS	= $(wildcard src/core/*.c src/extract/*.c) src/news/feed.c \
		  src/daemon/http_parse.c src/daemon/http.c src/daemon/http_answer.c
ifeq ($(origin PKG_LIBS),undefined)
FUZZ_PKGS	:= libmosquitto sqlite3 jansson openssl expat
FUZZ_PKG_CFLAGS	:= $(shell pkg-config --cflags $(FUZZ_PKGS) 2>/dev/null)
FUZZ_PKG_LIBS	:= $(shell pkg-config --libs $(FUZZ_PKGS) 2>/dev/null)
else
FUZZ_PKG_CFLAGS	= $(PKG_CFLAGS)
FUZZ_PKG_LIBS	= $(PKG_LIBS)
endif
FUZZ_SHAREDIR	= $(or $(SHAREDIR),/usr/local/share/outaged)

FUZZ_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
FUZZ_CFLAGS	= -std=c11 -D_GNU_SOURCE -g -O1 -Wall -Wextra $(FUZZ_SAN) \
		  -Iinclude $(FUZZ_PKG_CFLAGS) \
		  -DOD_DEFAULT_SHAREDIR='"$(FUZZ_SHAREDIR)"'

FUZZ_OBJS	= $(patsubst src/%.c,$(FUZZ_B)/obj/%.o,$(FUZZ_SRCS))
FUZZ_BINS	= $(FUZZ_TARGETS:%=$(FUZZ_B)/fuzz_%)

# Run from the top of the tree; OUTAGED_ROOT tells the harnesses where
# config/regions is wherever they run.
FUZZ_ENV	= OUTAGED_ROOT=$(CURDIR) \
		  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: fuzz-build fuzz-run fuzz-smoke fuzz-regress fuzz-clean

fuzz-build: $(FUZZ_BINS)

# Core modules: coverage-instrumented, not linked with libFuzzer's main.
$(FUZZ_B)/obj/%.o: src/%.c | $(FUZZ_B)/obj
	@mkdir -p $(@D)
	@echo "  FUZZCC  $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
	    -c $< -o $@

$(FUZZ_B)/obj/fuzz_%.o: $(FUZZ_DIR)/fuzz_%.c | $(FUZZ_B)/obj
	@echo "  FUZZCC  $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -I$(FUZZ_DIR) -Isrc/daemon \
	    -fsanitize=fuzzer-no-link \
	    -MMD -MP -c $< -o $@

$(FUZZ_B)/fuzz_%: $(FUZZ_B)/obj/fuzz_%.o $(FUZZ_OBJS)
	@echo "  FUZZLD  $@"
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ \
	    $(FUZZ_PKG_LIBS) -lm

$(FUZZ_B)/obj:
	$(Q)mkdir -p $@

fuzz-run: fuzz-build
	$(Q)failed=""; \
	for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_B)/corpus-$$t $(FUZZ_B)/artifacts-$$t; \
		cp -p $(FUZZ_DIR)/corpus/$$t/* $(FUZZ_B)/corpus-$$t/; \
		dict=""; \
		if [ -f $(FUZZ_DIR)/$$t.dict ]; then \
			dict="-dict=$(FUZZ_DIR)/$$t.dict"; \
		fi; \
		touch $(FUZZ_B)/fuzz-$$t.start; \
		echo "  FUZZ    $$t for $(FUZZ_SECONDS)s"; \
		{ $(FUZZ_ENV) $(FUZZ_B)/fuzz_$$t \
		    -max_total_time=$(FUZZ_SECONDS) -timeout=2 \
		    -rss_limit_mb=512 $$dict -print_final_stats=1 \
		    -artifact_prefix=$(FUZZ_B)/artifacts-$$t/ $(FUZZ_FLAGS) \
		    $(FUZZ_B)/corpus-$$t; \
		  echo $$? >$(FUZZ_B)/fuzz-$$t.rc; } 2>&1 | \
		    tee $(FUZZ_B)/fuzz-$$t.log; \
		new=$$(find $(FUZZ_B)/artifacts-$$t -type f \
		    -newer $(FUZZ_B)/fuzz-$$t.start | wc -l); \
		if [ "$$(cat $(FUZZ_B)/fuzz-$$t.rc)" != 0 ] || \
		    [ "$$new" -gt 0 ]; then \
			failed="$$failed $$t"; \
		fi; \
	done; \
	if [ -n "$$failed" ]; then \
		echo "fuzz-run: FAILED:$$failed (see $(FUZZ_B)/artifacts-*/)"; \
		exit 1; \
	fi; \
	echo "fuzz-run: ok"

fuzz-smoke: fuzz-build
	$(Q)for t in $(FUZZ_TARGETS); do \
		echo "  SMOKE   $$t"; \
		$(FUZZ_ENV) $(FUZZ_B)/fuzz_$$t -runs=0 -timeout=10 \
		    -rss_limit_mb=512 $(FUZZ_DIR)/corpus/$$t \
		    >$(FUZZ_B)/smoke-$$t.log 2>&1 || { \
			tail -n 40 $(FUZZ_B)/smoke-$$t.log; \
			echo "fuzz-smoke: $$t FAILED (log: $(FUZZ_B)/smoke-$$t.log)"; \
			exit 1; }; \
	done; \
	echo "fuzz-smoke: ok"

fuzz-regress: fuzz-build
	$(Q)failed=""; \
	for t in $(FUZZ_TARGETS); do \
		set -- $(FUZZ_DIR)/regress/$$t-*; \
		[ -e "$$1" ] || continue; \
		for f in "$$@"; do \
			if $(FUZZ_ENV) $(FUZZ_B)/fuzz_$$t -timeout=10 "$$f" \
			    >$(FUZZ_B)/regress.log 2>&1; then \
				echo "  ok      $$f"; \
			else \
				echo "  FAIL    $$f"; failed="$$failed $$f"; \
			fi; \
		done; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz-regress: FAILED:$$failed"; exit 1; fi; \
	echo "fuzz-regress: ok"

fuzz-clean:
	rm -rf $(FUZZ_B)

# Keep the objects between builds (they are intermediate to pattern rules).
.SECONDARY: $(FUZZ_OBJS) $(FUZZ_TARGETS:%=$(FUZZ_B)/obj/fuzz_%.o)

.DEFAULT_GOAL := $(FUZZ_SAVED_GOAL)

-include $(wildcard $(FUZZ_B)/obj/*.d $(FUZZ_B)/obj/*/*.d)
