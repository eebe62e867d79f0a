# sbornik: Markdown + YAML front matter → checked XML → PDF, DOCX, HTML.
#
#   make run    install missing Debian packages, build, compile input/ into out/
#   make test   install missing Debian packages, build, run every test
#
# Other targets: deps, build, unit, asan, valgrind, fuzz, bench, clean,
# install and uninstall (PREFIX=/usr/local, DESTDIR).

CC      ?= cc
PKGS    := libxml-2.0 libxslt libexslt libcmark-gfm yaml-0.1 libzip zlib harfbuzz-subset libxxhash
CFLAGS  ?= -O2 -g
# Flags sbornik needs whatever CFLAGS the caller gives (make asan sets its own).
ALL_CFLAGS := $(CFLAGS) -std=c11 -Isrc \
           -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 -Wall -Wextra \
           -Wshadow -Wstrict-prototypes -Wno-unused-parameter \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libhpdf and libhyphen ship no pkg-config file.
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions \
           -lhpdf -lhyphen -lm

BUILD   := build
SRC     := $(sort $(wildcard src/*.c src/pdf/*.c))
OBJ     := $(SRC:src/%.c=$(BUILD)/%.o)
LIBOBJ  := $(filter-out $(BUILD)/main.o,$(OBJ))
UNIT    := $(sort $(wildcard tests/unit/test_*.c))
UNITBIN := $(UNIT:tests/unit/%.c=$(BUILD)/%)

.PHONY: all deps build run test unit asan valgrind fuzz bench clean

all: build

deps:
	@./scripts/deps.sh

build: $(BUILD)/sbornik

$(BUILD)/sbornik: $(OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: src/%.c $(wildcard src/*.h src/pdf/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/test_%: tests/unit/test_%.c tests/unit/support.h $(LIBOBJ) $(wildcard src/*.h src/pdf/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DSBORNIK_DATA_DIR=\"$(CURDIR)\" -Isrc $(LDFLAGS) -o $@ $< $(LIBOBJ) $(LDLIBS) -lcmocka

unit: $(UNITBIN)

# Where make install puts things (DESTDIR is prepended, as usual).  The
# binary finds its data beside itself (bin/../share/sbornik) or in the
# source tree it was built in, else in SBORNIK_SHARE, compiled into
# datadir.o (src/datadir.h); a stamp holding that path rebuilds datadir.o
# whenever PREFIX changes, so make install PREFIX=… installs a binary
# that knows its prefix.
PREFIX        ?= /usr/local
BINDIR        ?= $(PREFIX)/bin
SBORNIK_SHARE ?= $(PREFIX)/share/sbornik
MANDIR        ?= $(PREFIX)/share/man/man1
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
# The data: the hyphenation patterns are Debian's hyphen-ru, not ours.
DATA          := schemas stylesheets fonts templates

$(BUILD)/datadir.o: ALL_CFLAGS += -DSBORNIK_INSTALL_DATA=\"$(SBORNIK_SHARE)\"
$(BUILD)/datadir.o: $(BUILD)/prefix.stamp
$(BUILD)/prefix.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(SBORNIK_SHARE)' | cmp -s - $@ || echo '$(SBORNIK_SHARE)' >$@
FORCE:

.PHONY: install uninstall
install: build
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBORNIK_SHARE) \
	    $(DESTDIR)$(MANDIR) $(DESTDIR)$(COMPLETIONDIR)
	install -m 755 $(BUILD)/sbornik $(DESTDIR)$(BINDIR)/sbornik
	@for f in $$(find $(DATA) -type f | LC_ALL=C sort); do \
	    install -D -m 644 "$$f" "$(DESTDIR)$(SBORNIK_SHARE)/$$f" || exit 1; \
	done; echo "installed $(DATA) into $(DESTDIR)$(SBORNIK_SHARE)"
	install -m 644 doc/sbornik.1 $(DESTDIR)$(MANDIR)/sbornik.1
	install -m 644 completion/sbornik.bash $(DESTDIR)$(COMPLETIONDIR)/sbornik

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sbornik $(DESTDIR)$(MANDIR)/sbornik.1 \
	    $(DESTDIR)$(COMPLETIONDIR)/sbornik
	rm -rf $(DESTDIR)$(SBORNIK_SHARE)

run: deps
	@$(MAKE) --no-print-directory build
	./$(BUILD)/sbornik build input

test: deps
	@$(MAKE) --no-print-directory build unit
	@./tests/run.sh

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=address,undefined" build unit
	@SBORNIK=build-asan/sbornik UNITDIR=build-asan \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    ./tests/run.sh

valgrind:
	@./scripts/deps.sh valgrind
	@$(MAKE) --no-print-directory build unit
	@VALGRIND=1 ./tests/run.sh

# libFuzzer (clang from Debian; libclang-rt-14-dev holds the fuzzer runtime)
# on the front matter reader, Markdown, periods and references: one target
# per tests/fuzz/fuzz_*.c, objects in build-fuzz/ (never mixed with build/),
# seed corpora made there from input/ and tests/cases/.  Each target runs
# FUZZ_SECONDS (make fuzz FUZZ_SECONDS=30 for a quick pass), one after
# another; a crash, leak, sanitizer report or hang fails.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
# Only the stages the targets reach: the writers never build with clang.
FUZZOBJ := $(patsubst %,$(BUILD)/%.o,buf diag document frontmatter markdown \
           period project refs text tree typo)

fuzz:
	@./scripts/deps.sh clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=fuzzer,address,undefined" \
	    $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) ./tests/fuzz/run.sh $(FUZZ_TARGETS)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_support.h $(FUZZOBJ) $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(FUZZOBJ) $(LDLIBS)

# Speed and memory on the benchmark portfolio against the floor (cmark-gfm
# and a plain libharu layout, bench/floor.c) and the anchors (pandoc,
# LibreOffice, Typst), which bench/deps.sh installs: bench/RESULTS.md.
# Quick runs: make bench BENCH_N=5 BENCH_BIG=0 BENCH_RUNS=1 [BENCH_ANCHORS=0];
# BENCH_BIG_RUNS sets the runs of the big portfolio alone.
bench: deps
	@./bench/deps.sh
	@$(MAKE) --no-print-directory build $(BUILD)/bench/floor
	@BENCH_N=$(BENCH_N) BENCH_BIG=$(BENCH_BIG) BENCH_RUNS=$(BENCH_RUNS) \
	    BENCH_BIG_RUNS=$(BENCH_BIG_RUNS) BENCH_ANCHORS=$(BENCH_ANCHORS) python3 bench/run.py

BENCH_N        ?= 70
BENCH_BIG      ?= 700
BENCH_RUNS     ?= 3
BENCH_BIG_RUNS ?= 0
BENCH_ANCHORS  ?= 1

$(BUILD)/bench/floor: bench/floor.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -std=c11 -Wall -Wextra -Wno-unused-parameter -o $@ $< -lhpdf -lm

clean:
	rm -rf build build-asan build-fuzz out
