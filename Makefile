# cs — credit-based supervision toolkit.  GNU make, no autotools.
#
#   make            build the binaries into build/bin
#   make check      install missing Debian packages, build, run every test
#   make demo       build and run the supervision cycle on the demo data
#   make bench      speed and memory against the peer tools (BENCH_ROWS=)
#   make fuzz       the libFuzzer targets of tests/fuzz (FUZZ_SECONDS= each)
#   make install    PREFIX=/usr/local DESTDIR=

VERSION = 0.1.0

PREFIX ?= /usr/local
# A ~ that the shell left alone (zsh, sh: 'make install PREFIX=~/.local').
override PREFIX := $(patsubst ~%,$(HOME)%,$(PREFIX))
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR ?= $(DATADIR)/zsh/site-functions

CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
PKGS = sqlite3 jansson libcrypto

# The fuzz targets and the libcs they link are built by clang with
# libFuzzer's coverage, ASan and UBSan, in build/fuzz (make fuzz-build
# runs this Makefile again with FUZZ=1).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CHECK_SECONDS ?= 3
FUZZ_BUILD = build/fuzz
ifeq ($(FUZZ),1)
BUILD = $(FUZZ_BUILD)
override CFLAGS += -fsanitize=fuzzer-no-link,address,undefined \
	-fno-omit-frame-pointer -fno-sanitize-recover=undefined
override CPPFLAGS += -DCS_INPUT_CHUNK=16
override LDFLAGS += -fsanitize=address,undefined
else ifeq ($(SANITIZE),1)
BUILD ?= build/san
override CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
override LDFLAGS += -fsanitize=address,undefined
else
BUILD ?= build/default
endif

override CFLAGS += -std=c11 -Wall -Wextra -Werror=implicit -pthread
override CPPFLAGS += -D_GNU_SOURCE -Ilib -MMD -MP \
	-DCS_VERSION='"$(VERSION)"' \
	-DCS_DATADIR='"$(DATADIR)/cs"' \
	-DCS_BUILD_DIR='"$(abspath $(BUILD))"' \
	-DCS_SRC_RULES='"$(CURDIR)/share/cs"'
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
override CPPFLAGS += $(PKG_CFLAGS)
LDLIBS += $(PKG_LIBS) -lcsv -lz -pthread

BINS = cs-record cs-score cs-classify cs-sample cs-blacklist cs-repair cs-publish
# lib/ is in layer folders (DESIGN.md section 2); a file's object is
# named after its path (lib/io/csv.c: obj/lib/io-csv.o), as the archive
# keeps members by their base names only.
LIB_SRC = $(wildcard lib/*/*.c)
lib_obj = $(BUILD)/obj/lib/$(subst /,-,$(1:lib/%.c=%)).o
LIB_OBJ = $(foreach s,$(LIB_SRC),$(call lib_obj,$(s)))
LIBCS = $(BUILD)/libcs.a
UNIT_SRC = $(wildcard tests/unit/*.c)
UNITS = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/unit/%)
FUZZ_SRC = $(wildcard tests/fuzz/*.c)
FUZZ_BINS = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
TEST_TOOLS = $(BUILD)/tools/browser
BENCH_BINS = $(BUILD)/bench/gen $(BUILD)/bench/csvfloor $(BUILD)/bench/jsonfloor \
	$(BUILD)/bench/storefloor $(BUILD)/bench/csbody.so
# The sqlite3 shell's extension cs_body (bench/csbody.c): the store's
# unpacking of ledger bodies, built position-independent and unsanitized
# (the shell loads it), the rest of the library left out by the linker.
CSBODY_SRC = bench/csbody.c lib/store/packed.c lib/domain/calendar.c \
	lib/core/util.c lib/core/xalloc.c

DEPS = $(wildcard $(BUILD)/obj/*/*.d $(BUILD)/obj/*.d)

all: $(BINS:%=$(BUILD)/bin/%)

define lib_rule
$(call lib_obj,$(1)): $(1)
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(CFLAGS) -c -o $$@ $$<
endef
$(foreach s,$(LIB_SRC),$(eval $(call lib_rule,$(s))))

$(BUILD)/obj/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/bench/%.o: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/tools/%.o: tests/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(LIBCS): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/bin/%: $(BUILD)/obj/cmd/%.o $(LIBCS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/unit/%: $(BUILD)/obj/unit/%.o $(LIBCS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/fuzz/%: $(BUILD)/obj/fuzz/%.o $(LIBCS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

$(BUILD)/bench/%: $(BUILD)/obj/bench/%.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Its headers too: -MMD is left out, so no .d file lists them.
$(BUILD)/bench/csbody.so: $(CSBODY_SRC) $(wildcard lib/core/*.h lib/domain/*.h \
		lib/store/*.h)
	@mkdir -p $(@D)
	$(CC) $(filter-out -MMD -MP,$(CPPFLAGS)) -O2 -std=c11 -Wall -Wextra -fPIC -shared \
		-fvisibility=hidden -ffunction-sections -fdata-sections \
		-Wl,--gc-sections -Wl,--no-undefined -o $@ $(CSBODY_SRC)

$(BUILD)/tools/%: $(BUILD)/obj/tools/%.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

-include $(DEPS)

# The installed rules directory is compiled into lib/rules/rules.c; the stamp
# changes with it, so 'make; make install PREFIX=/usr' rebuilds what it
# must.
$(BUILD)/datadir: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR)/cs' | cmp -s - $@ || echo '$(DATADIR)/cs' >$@
$(BUILD)/obj/lib/rules-rules.o: $(BUILD)/datadir
FORCE:

deps:
	@sh tools/deps.sh

# The tests run against the binaries in $(BUILD)/bin; SANITIZE=1 builds
# and tests a separate tree under build/san.
check: deps
	@$(MAKE) --no-print-directory all units bench-tools test-tools
	@$(MAKE) --no-print-directory fuzz-build FUZZ_OPTIONAL=1
	@CS_BUILD='$(abspath $(BUILD))' CS_FUZZ_BUILD='$(abspath $(FUZZ_BUILD))' \
		CS_FUZZ_SECONDS='$(FUZZ_CHECK_SECONDS)' sh tests/run.sh

units: $(UNITS)
bench-tools: $(BENCH_BINS)
test-tools: $(TEST_TOOLS)
fuzz-bins: $(FUZZ_BINS)

# make fuzz: every target for FUZZ_SECONDS on its corpus (kept growing in
# build/fuzz/corpus, seeded from tests/fuzz/corpus).  Without a clang
# that links libFuzzer, make fuzz fails and make check skips the targets
# (FUZZ_OPTIONAL=1), saying so.
fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@CS_FUZZ_BUILD='$(abspath $(FUZZ_BUILD))' \
		CS_FUZZ_SECONDS='$(FUZZ_SECONDS)' CS_FUZZ_KEEP=1 \
		sh tests/fuzz/run.sh

fuzz-build:
	@if sh tests/fuzz/probe.sh '$(FUZZ_CC)' '$(FUZZ_BUILD)'; then \
		$(MAKE) --no-print-directory FUZZ=1 SANITIZE= \
			CC='$(FUZZ_CC)' fuzz-bins; \
	elif [ -n '$(FUZZ_OPTIONAL)' ]; then \
		rm -rf '$(FUZZ_BUILD)/fuzz'; \
	else \
		exit 1; \
	fi

lint: all units
	@CS_BUILD='$(abspath $(BUILD))' sh tools/lint.sh

# The README's pictures of the credit report and the monthly summary,
# rendered from the demo in headless Chromium (commit the PNGs).
screenshots: deps
	@$(MAKE) --no-print-directory all test-tools
	@CS_BUILD='$(abspath $(BUILD))' sh tools/screenshots.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@CS_BUILD='$(abspath $(BUILD))' sh share/cs/demo/demo.sh

bench: deps
	@$(MAKE) --no-print-directory all bench-tools
	@CS_BUILD='$(abspath $(BUILD))' BENCH_ROWS='$(BENCH_ROWS)' sh bench/run.sh
	@CS_BUILD='$(abspath $(BUILD))' BENCH_ROWS='$(BENCH_ROWS)' sh bench/score.sh
	@CS_BUILD='$(abspath $(BUILD))' BENCH_ROWS='$(BENCH_ROWS)' sh bench/sample.sh
	@CS_BUILD='$(abspath $(BUILD))' BENCH_ROWS='$(BENCH_ROWS)' sh bench/blacklist.sh
	@CS_BUILD='$(abspath $(BUILD))' BENCH_ROWS='$(BENCH_ROWS)' sh bench/repair.sh
	@CS_BUILD='$(abspath $(BUILD))' BENCH_ROWS='$(BENCH_ROWS)' sh bench/publish.sh

install: all
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(DATADIR)/cs' \
		'$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(MANDIR)/man7' \
		'$(DESTDIR)$(BASHCOMPDIR)' '$(DESTDIR)$(ZSHCOMPDIR)'
	install -m 755 $(BINS:%=$(BUILD)/bin/%) '$(DESTDIR)$(BINDIR)'
	cd share/cs && find . -type d -exec install -d '$(DESTDIR)$(DATADIR)/cs/{}' \;
	cd share/cs && find . -type f -exec install -m 644 '{}' '$(DESTDIR)$(DATADIR)/cs/{}' \;
	install -m 644 share/man/man1/*.1 '$(DESTDIR)$(MANDIR)/man1'
	install -m 644 share/man/man7/*.7 '$(DESTDIR)$(MANDIR)/man7'
	for b in $(BINS); do \
		install -m 644 completions/cs.bash "$(DESTDIR)$(BASHCOMPDIR)/$$b"; \
	done
	install -m 644 completions/_cs '$(DESTDIR)$(ZSHCOMPDIR)/_cs'

uninstall:
	rm -f $(BINS:%='$(DESTDIR)$(BINDIR)'/%)
	rm -rf '$(DESTDIR)$(DATADIR)/cs'
	rm -f $(BINS:%='$(DESTDIR)$(MANDIR)'/man1/%.1) '$(DESTDIR)$(MANDIR)/man7/cs.7'
	rm -f $(BINS:%='$(DESTDIR)$(BASHCOMPDIR)'/%) '$(DESTDIR)$(ZSHCOMPDIR)/_cs'

clean:
	rm -rf build demo tour

.PHONY: all check units bench-tools test-tools fuzz-bins fuzz fuzz-build deps lint demo screenshots \
	bench install uninstall clean FORCE
.DELETE_ON_ERROR:
