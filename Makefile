# entrel: plain Makefile.  `make run` and `make test` are all a fresh
# Debian machine needs; both install missing packages first.

CC       ?= cc
SAN_CC   ?= $(shell command -v clang >/dev/null 2>&1 && echo clang || echo $(CC))
PKGS     := lua5.4 libpcre2-8 jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# libunistring and libstemmer ship no .pc file on Debian.
LIBS     := $(PKG_LIBS) -lunistring -lstemmer -ldl

WARN     := -Wall -Wextra -Werror -Wshadow -Wundef -Wwrite-strings \
            -Wmissing-prototypes -Wstrict-prototypes
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) \
             -Iinclude -Icore $(PKG_CFLAGS)
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all

B        := build
# Where the command finds its default rules and gazetteers (ENTREL_DATA
# overrides it at run time).
DATADIR  ?= $(abspath rules)
PLUGINDIR ?= $(abspath $(B)/plugins)
CLI_DEFS := -DENTREL_DEFAULT_DATA='"$(DATADIR)"' -DENTREL_DEFAULT_PLUGINS='"$(PLUGINDIR)"'
CORE_SRC := $(wildcard core/*.c)
LUA_SRC  := $(wildcard lua/*.c)
LIB_SRC  := $(CORE_SRC) $(LUA_SRC)
CLI_SRC  := $(wildcard cli/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)

CORE_OBJ := $(LIB_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/obj/%.o)
SAN_CORE_OBJ := $(LIB_SRC:%.c=$(B)/san/%.o)
SAN_CLI_OBJ  := $(CLI_SRC:%.c=$(B)/san/%.o)

UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
SAN_UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/san-tests/%)

SONAME   := libentrel.so.0

.PHONY: all build build-tests build-bench build-fuzz deps run test bench fuzz clean \
        install uninstall

# Packages first, then a fresh make that sees their pkg-config files.
all: deps
	@$(MAKE) --no-print-directory build

deps:
	@sh scripts/deps.sh

# Plugins see only the public headers (include/entrel_plugin.h).
PLUGIN_NAMES := $(notdir $(wildcard plugins/*))
PLUGIN_SO := $(PLUGIN_NAMES:%=$(B)/plugins/%.so)
.SECONDEXPANSION:
$(B)/plugins/%.so: $$(wildcard plugins/%/*.c) include/*.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS:-Icore=) -fPIC -shared -fvisibility=hidden -o $@ $(filter %.c,$^)

# Fixture plugins for the loader's tests: each is one way a plugin can be.
FIXTURE_SO := $(patsubst tests/plugins/%.c,$(B)/tests/plugins/%.so,$(wildcard tests/plugins/*.c))
$(B)/tests/plugins/%.so: tests/plugins/%.c include/*.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS:-Icore=) -fPIC -shared -o $@ $<

build: $(B)/libentrel.a $(B)/libentrel.so $(B)/entrel $(PLUGIN_SO) $(B)/lua/entrel.so


$(B)/obj/core/%.o: core/%.c core/*.h include/*.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -DENTREL_BUILD -c $< -o $@

# The rule layer sees core's headers; core never sees lua/.
$(B)/obj/lua/%.o: lua/%.c lua/*.h core/*.h include/*.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -DENTREL_BUILD -c $< -o $@

$(B)/obj/cli/%.o: cli/%.c cli/*.h include/entrel.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CLI_DEFS) -Icli -c $< -o $@

$(B)/libentrel.a: $(CORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/libentrel.so: $(CORE_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) -o $@ $^ $(LIBS)
	ln -sf libentrel.so $(B)/$(SONAME)

# The Lua module (require "entrel"): the public API only; Lua itself comes
# from the interpreter that loads it.
$(B)/lua/entrel.so: lua/module/lentrel.c include/entrel.h $(B)/libentrel.so
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -shared -o $@ $< -L$(B) -lentrel -Wl,-rpath,$(abspath $(B))

# The examples, built as a user builds them: the public header and the shared library.
EXAMPLE_BIN := $(patsubst examples/%.c,$(B)/examples/%,$(wildcard examples/*.c))
$(B)/examples/%: examples/%.c include/entrel.h $(B)/libentrel.so
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARN) -O2 -pthread -Iinclude -o $@ $< -L$(B) -lentrel -Wl,-rpath,$(abspath $(B))

# The threaded example under ThreadSanitizer, over a library built for it.
TSAN_FLAGS := -O1 -g -fsanitize=thread
TSAN_OBJ := $(LIB_SRC:%.c=$(B)/tsan/%.o)
$(B)/tsan/%.o: %.c core/*.h lua/*.h include/*.h
	@mkdir -p $(@D)
	$(SAN_CC) $(ALL_CFLAGS) $(TSAN_FLAGS) -DENTREL_BUILD -c $< -o $@
$(B)/tsan/libentrel.a: $(TSAN_OBJ)
	@rm -f $@
	ar rcs $@ $^
$(B)/tsan/cli/%.o: cli/%.c cli/*.h include/*.h
	@mkdir -p $(@D)
	$(SAN_CC) $(ALL_CFLAGS) $(TSAN_FLAGS) $(CLI_DEFS) -Icli -c $< -o $@
$(B)/tsan/entrel: $(CLI_SRC:%.c=$(B)/tsan/%.o) $(B)/tsan/libentrel.a
	$(SAN_CC) $(TSAN_FLAGS) -o $@ $^ $(LIBS)
$(B)/tsan/threads: examples/threads.c $(B)/tsan/libentrel.a
	$(SAN_CC) -std=c11 $(WARN) $(TSAN_FLAGS) -pthread -Iinclude -o $@ $< $(B)/tsan/libentrel.a $(LIBS)

$(B)/entrel: $(CLI_OBJ) $(B)/libentrel.a
	$(CC) -o $@ $(CLI_OBJ) $(B)/libentrel.a $(LIBS)

# Sanitized build (clang when present, so both compilers see the code).
$(B)/san/core/%.o: core/%.c core/*.h include/*.h
	@mkdir -p $(@D)
	$(SAN_CC) $(ALL_CFLAGS) $(SAN_FLAGS) -DENTREL_BUILD -c $< -o $@

$(B)/san/lua/%.o: lua/%.c lua/*.h core/*.h include/*.h
	@mkdir -p $(@D)
	$(SAN_CC) $(ALL_CFLAGS) $(SAN_FLAGS) -DENTREL_BUILD -c $< -o $@

$(B)/san/cli/%.o: cli/%.c cli/*.h include/entrel.h
	@mkdir -p $(@D)
	$(SAN_CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(CLI_DEFS) -Icli -c $< -o $@

$(B)/san/libentrel.a: $(SAN_CORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/san/entrel: $(SAN_CLI_OBJ) $(B)/san/libentrel.a
	$(SAN_CC) $(SAN_FLAGS) -o $@ $(SAN_CLI_OBJ) $(B)/san/libentrel.a $(LIBS)

# The command's modules but main, for the unit tests of the ones that are
# modules (the JSONL reader, the folder walk, the output names).
CLI_LIB_OBJ := $(filter-out $(B)/obj/cli/main.o,$(CLI_OBJ))
SAN_CLI_LIB_OBJ := $(filter-out $(B)/san/cli/main.o,$(SAN_CLI_OBJ))
$(B)/libcli.a: $(CLI_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^
$(B)/san/libcli.a: $(SAN_CLI_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# Unit tests see the internal headers: they test modules, not only the API.
$(B)/tests/%: tests/unit/%.c tests/unit/*.h cli/cli.h $(B)/libcli.a $(B)/libentrel.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -Icli -o $@ $< $(B)/libcli.a $(B)/libentrel.a $(LIBS) -lcmocka

$(B)/san-tests/%: tests/unit/%.c tests/unit/*.h cli/cli.h $(B)/san/libcli.a $(B)/san/libentrel.a
	@mkdir -p $(@D)
	$(SAN_CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Itests/unit -Icli -o $@ $< \
	    $(B)/san/libcli.a $(B)/san/libentrel.a $(LIBS) -lcmocka

# The fuzz targets built as plain programs that replay files.
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(B)/san-replay/%)
$(B)/san-replay/%: tests/fuzz/%.c tests/fuzz/*.h $(SAN_CLI_LIB_OBJ) $(B)/san/libentrel.a
	@mkdir -p $(@D)
	$(SAN_CC) $(ALL_CFLAGS) $(SAN_FLAGS) -DSTANDALONE -Icli -o $@ $< \
	    $(SAN_CLI_LIB_OBJ) $(B)/san/libentrel.a $(LIBS)

run: all
	$(B)/entrel tests/data/fr-hanoi-convention.txt

# Test tools: small programs the shell tests call.
$(B)/tools/%: tests/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)
$(B)/tools/gzpatch: core/gzformat.h

build-tests: build $(FIXTURE_SO) $(EXAMPLE_BIN) $(B)/tsan/threads $(B)/tsan/entrel $(UNIT_BIN) $(B)/san/entrel $(SAN_UNIT_BIN) $(REPLAY_BIN) \
             $(B)/tools/jget $(B)/tools/gzpatch $(B)/tools/maxrss

test: deps
	@$(MAKE) --no-print-directory build-tests
	@sh tests/run.sh

# Benchmarks: plain optimized programs over the static library.
BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(B)/bench/%)
$(B)/bench/%: bench/%.c $(B)/libentrel.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O2 -o $@ $< $(B)/libentrel.a $(LIBS)

build-bench: build $(BENCH_BIN)

bench: deps
	@$(MAKE) --no-print-directory build-bench
	@sh bench/run.sh

# libFuzzer targets (clang): the core, the JSONL reader and compiled
# gazetteers, instrumented.
FUZZ_CC  := clang
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(B)/fuzz/%)
FUZZ_LIB_SRC := $(LIB_SRC) $(filter-out cli/main.c,$(CLI_SRC))
$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/*.h $(FUZZ_LIB_SRC) core/*.h lua/*.h cli/*.h include/entrel.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALL_CFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined \
	    -Icli -o $@ $< $(FUZZ_LIB_SRC) $(LIBS)

build-fuzz: $(FUZZ_BIN)

fuzz:
	@sh scripts/deps.sh
	@$(MAKE) --no-print-directory build-fuzz
	@sh tests/fuzz/run.sh

# Install: PREFIX (default /usr/local) and DESTDIR (a staging root).  The
# installed command looks for its data and plugins under PREFIX, so it is
# linked apart, with its own defaults.c.
PREFIX   ?= /usr/local
VERSION  := $(shell sed -n 's/^\#define ENTREL_VERSION_STRING "\(.*\)"/\1/p' include/entrel.h)
I_LIB    := $(DESTDIR)$(PREFIX)/lib
I_DATA   := $(DESTDIR)$(PREFIX)/share/entrel
I_PLUG   := $(DESTDIR)$(PREFIX)/lib/entrel/plugins
INST_DEFS := -DENTREL_DEFAULT_DATA='"$(PREFIX)/share/entrel"' \
             -DENTREL_DEFAULT_PLUGINS='"$(PREFIX)/lib/entrel/plugins"'

# Made at each install: PREFIX may differ from the last one.
install: build
	@mkdir -p $(B)/inst
	$(CC) $(ALL_CFLAGS) $(INST_DEFS) -Icli -c cli/defaults.c -o $(B)/inst/defaults.o
	$(CC) -o $(B)/inst/entrel $(filter-out $(B)/obj/cli/defaults.o,$(CLI_OBJ)) \
	    $(B)/inst/defaults.o $(B)/libentrel.a $(LIBS)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' entrel.pc.in > $(B)/entrel.pc
	install -d $(DESTDIR)$(PREFIX)/bin $(I_LIB)/pkgconfig $(DESTDIR)$(PREFIX)/include \
	    $(I_PLUG) $(I_DATA) $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(B)/inst/entrel $(DESTDIR)$(PREFIX)/bin/entrel
	install -m 755 $(B)/libentrel.so $(I_LIB)/libentrel.so.$(VERSION)
	ln -sf libentrel.so.$(VERSION) $(I_LIB)/$(SONAME)
	ln -sf $(SONAME) $(I_LIB)/libentrel.so
	install -m 644 $(B)/libentrel.a $(I_LIB)/libentrel.a
	install -m 644 $(B)/entrel.pc $(I_LIB)/pkgconfig/entrel.pc
	install -m 644 include/entrel.h include/entrel_plugin.h $(DESTDIR)$(PREFIX)/include/
	install -m 755 $(PLUGIN_SO) $(I_PLUG)/
	cp -R rules/fr rules/en rules/gazetteers rules/lexicons $(I_DATA)/
	install -m 644 docs/entrel.1 $(DESTDIR)$(PREFIX)/share/man/man1/entrel.1
	install -d $(DESTDIR)$(PREFIX)/lib/lua/5.4
	$(CC) $(ALL_CFLAGS) -fPIC -shared -o $(DESTDIR)$(PREFIX)/lib/lua/5.4/entrel.so \
	    lua/module/lentrel.c -L$(B) -lentrel

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/entrel $(I_LIB)/libentrel.so.$(VERSION) $(I_LIB)/$(SONAME) \
	    $(I_LIB)/libentrel.so $(I_LIB)/libentrel.a $(I_LIB)/pkgconfig/entrel.pc \
	    $(DESTDIR)$(PREFIX)/include/entrel.h $(DESTDIR)$(PREFIX)/include/entrel_plugin.h \
	    $(DESTDIR)$(PREFIX)/share/man/man1/entrel.1 $(DESTDIR)$(PREFIX)/lib/lua/5.4/entrel.so
	rm -rf $(I_DATA) $(DESTDIR)$(PREFIX)/lib/entrel

clean:
	rm -rf $(B) tests/out
