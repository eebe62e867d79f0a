# sbornik: Markdown + YAML front matter → checked XML → PDF, DOCX, HTML.
#
#   make run    install missing Debian packages, build, compile input/ into out/
#   make test   install missing Debian packages, build, run every test
#
# Other targets: deps, build, unit, asan, valgrind, bench, clean.

CC      ?= cc
PKGS    := libxml-2.0 libxslt libexslt libcmark-gfm yaml-0.1 libzip zlib harfbuzz-subset
CFLAGS  ?= -O2 -g
# Flags sbornik needs whatever CFLAGS the caller gives (make asan sets its own).
ALL_CFLAGS := $(CFLAGS) -DSBORNIK_DATA_DIR=\"$(CURDIR)\" -std=c11 -Isrc \
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

.PHONY: all deps build run test unit asan valgrind bench clean

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
	$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(LIBOBJ) $(LDLIBS) -lcmocka

unit: $(UNITBIN)

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

# Speed and memory on the benchmark portfolio: bench/RESULTS.md.
bench: deps
	@$(MAKE) --no-print-directory build
	@python3 bench/run.py

clean:
	rm -rf build build-asan out
