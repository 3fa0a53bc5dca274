# tbx: the CLI (glibc, -O2) and the shim stub (musl, static, -Os) it embeds.
VERSION = 0.1.0
PREFIX ?= $(HOME)/.local
DESTDIR ?=
BUILD ?= build
SHIM_CC ?= musl-gcc
PKG_CONFIG ?= pkg-config

WARN = -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes -Werror
CFLAGS ?= -O2 -g
BASE_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -Ishims -Isrc \
	-DTBX_VERSION='"$(VERSION)"' -MMD -MP
LIBS = $(shell $(PKG_CONFIG) --libs yaml-0.1 inih libcurl jansson libssl libcrypto 2>/dev/null || \
	echo -lyaml -linih -lcurl -ljansson -lssl -lcrypto) -lpthread

ifeq ($(SANITIZE),1)
BUILD = build-san
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS = -O1 -g $(SAN)
LDFLAGS += $(SAN)
endif

# Fuzzing: the parsers' objects built for libFuzzer with ASan and UBSan.
ifeq ($(SANITIZE),fuzz)
BUILD = build-fuzz
CC = clang
CFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
endif
FUZZ_SECONDS ?= 10
FUZZ_TARGETS = toolbox catalog ref version auth regparse warm hostcall

# The shim: small above all. Optimised whole (LTO), no unwind tables,
# sections collected, one loadable segment, stripped; libc is musl's, whole.
SHIM_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -Os -flto=auto -static \
	-ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
	-Wl,--gc-sections -Wl,-z,noseparate-code -Wl,-z,norelro -Wl,-z,common-page-size=64 -Wl,--build-id=none -s \
	-Ishims -I$(BUILD)/musl-include
INIH_A := $(shell $(CC) -print-file-name=libinih.a)
INI_H ?= /usr/include/ini.h

# shims/base: the library both carry; shims/: the pipeline of a call
# (plan, render, run); shims/warm: warm mode's client, protocol and agent.
BASE_SRC = $(sort $(wildcard shims/base/*.c))
PIPE_SRC = shims/plan.c shims/mounts.c shims/mountset.c shims/settings.c shims/gitglobal.c shims/gitargs.c shims/argpaths.c shims/render.c shims/run.c shims/attach.c shims/launch.c \
	shims/hostcall.c shims/hostserve.c shims/gitsettings.c
WARM_SRC = $(sort $(wildcard shims/warm/*.c))
RT_SRC = $(BASE_SRC) $(PIPE_SRC) $(WARM_SRC)
RT_DEPS = shims/main.c $(RT_SRC) $(wildcard shims/*.h shims/*/*.h)
# The runtime's sources, hashed: a kept container runs the shim that made
# it, and a shim of other code must not call it (warm/client.c's key).
SHIM_ID := $(shell cat $(RT_DEPS) | sha256sum | cut -c1-16)
CLI_SRC = src/util.c src/suggest.c src/paths.c src/catalog.c src/shimfile.c src/shimdir.c src/version.c src/auth.c src/creds.c src/registry.c src/regparse.c src/pins.c src/resolve.c src/tbedit.c src/verbs.c src/dispatch.c src/project_pins.c src/runprog.c src/container_rm.c \
	src/active.c src/prune_keep.c src/prune_images.c src/tree.c \
	src/cmd_catalog.c src/cmd_lock.c src/cmd_help.c src/cmd_install.c src/cmd_list.c src/cmd_ls.c src/cmd_run.c src/cmd_project.c src/cmd_use.c src/cmd_versions.c src/cmd_completion.c src/cmd_doctor.c src/cmd_export.c src/cmd_gc.c src/cmd_prune.c src/cmd_trust.c src/cmd_warm.c
UNIT_SRC = $(wildcard tests/unit/*.c)

OBJ = $(patsubst %.c,$(BUILD)/obj/%.o,$(RT_SRC) $(CLI_SRC)) $(BUILD)/obj/src/stub.o
MAIN_OBJ = $(BUILD)/obj/src/main.o
UNIT_OBJ = $(patsubst %.c,$(BUILD)/obj/%.o,$(UNIT_SRC))

all: $(BUILD)/tbx

$(BUILD)/musl-include/ini.h:
	@mkdir -p $(@D)
	ln -sf $(INI_H) $@

$(BUILD)/tbx-shim: $(RT_DEPS) $(BUILD)/musl-include/ini.h
	$(SHIM_CC) $(SHIM_CFLAGS) -DTBX_SHIM_ID='"$(SHIM_ID)"' -o $@ shims/main.c $(RT_SRC) $(INIH_A)

# the CLI's copy of the key (tbx which, tbx ps) is the shim's
$(BUILD)/obj/shims/warm/client.o: $(RT_DEPS)
$(BUILD)/obj/shims/warm/client.o: BASE_CFLAGS += -DTBX_SHIM_ID='"$(SHIM_ID)"'

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/src/stub.o: src/stub.S $(BUILD)/tbx-shim
	@mkdir -p $(@D)
	$(CC) -DTBX_STUB_PATH='"$(BUILD)/tbx-shim"' -c -o $@ src/stub.S

$(BUILD)/tbx: $(OBJ) $(MAIN_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/unit-tests: $(OBJ) $(UNIT_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/obj/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -Itests/unit $(CFLAGS) -c -o $@ $<

$(BUILD)/fakereg: tests/helpers/fakereg.c
	$(CC) $(BASE_CFLAGS) -O1 -o $@ $< -lcrypto

$(BUILD)/tokensrv: tests/helpers/tokensrv.c
	$(CC) $(BASE_CFLAGS) -O1 -o $@ $< -lcrypto

# the suite's own packages first (tests/deps.sh: installed, or the command)
check: $(BUILD)/tbx $(BUILD)/unit-tests $(BUILD)/fakereg $(BUILD)/tokensrv
	tests/deps.sh
	TBX_BUILD=$(BUILD) tests/run.sh

$(BUILD)/fuzz-%: tests/fuzz/fuzz_%.c $(OBJ)
	$(CC) $(BASE_CFLAGS) -Itests/fuzz -O1 -g -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS)

fuzz:
	$(MAKE) -s SANITIZE=fuzz $(patsubst %,build-fuzz/fuzz-%,$(FUZZ_TARGETS))
	tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

$(BUILD)/timeit: bench/timeit.c
	$(CC) $(BASE_CFLAGS) -O2 -o $@ $<

# The floor a shim's start is measured against: static, -Os, as a shim.
$(BUILD)/execonly: bench/execonly.c
	$(SHIM_CC) -std=c11 $(WARN) -Os -static -s -o $@ $<

# A pty or pipes for the command timed, alike.
$(BUILD)/inpty: bench/inpty.c
	$(CC) $(BASE_CFLAGS) -O2 -o $@ $<

bench: $(BUILD)/tbx $(BUILD)/timeit $(BUILD)/execonly $(BUILD)/inpty $(BUILD)/fakereg
	TBX_BUILD=$(BUILD) bench/results.sh

install: $(BUILD)/tbx
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/tbx/catalog \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5
	install -m 755 $(BUILD)/tbx $(DESTDIR)$(PREFIX)/bin/tbx
	install -m 644 catalog/*.yaml $(DESTDIR)$(PREFIX)/share/tbx/catalog/
	install -m 644 man/tbx.1 $(DESTDIR)$(PREFIX)/share/man/man1/tbx.1
	install -m 644 man/toolbox.5 $(DESTDIR)$(PREFIX)/share/man/man5/toolbox.5

# The Debian package: tbx, the catalog, man pages, completions; its path.
deb: $(BUILD)/tbx
	@test -z "$(SANITIZE)" || { echo "tbx: deb: a sanitizer's build is no package; run make deb without SANITIZE" >&2; exit 1; }
	packaging/deb.sh $(BUILD) $(VERSION)

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/tbx
	rm -rf $(DESTDIR)$(PREFIX)/share/tbx
	rm -f $(DESTDIR)$(PREFIX)/share/man/man1/tbx.1 $(DESTDIR)$(PREFIX)/share/man/man5/toolbox.5

# The catalog table of README.md and catalog/README.md, from the catalog.
catalog-docs: $(BUILD)/tbx
	TBX_CATALOG_PATH= $(BUILD)/tbx catalog --markdown >$(BUILD)/catalog.md
	for f in README.md catalog/README.md; do \
		awk -v table=$(BUILD)/catalog.md \
		  '/<!-- catalog:start -->/ { print; while ((getline l < table) > 0) print l; skip = 1; next } \
		   /<!-- catalog:end -->/ { skip = 0 } !skip' $$f >$$f.tmp && mv $$f.tmp $$f; \
	done

C_FILES = $(sort $(wildcard shims/*.[ch] shims/*/*.[ch] src/*.[ch] tests/unit/*.[ch] \
	tests/fuzz/*.[ch] tests/helpers/*.c bench/*.c))
SHELL_FILES = install.sh packages.sh packaging/deb.sh .ci/run $(sort $(wildcard tests/*.sh tests/t/*.sh tests/images/*.sh \
	tests/fuzz/*.sh tests/lint/*.sh tests/helpers/*.bash bench/*.sh))

format:
	clang-format -i $(C_FILES)

# shellcheck on every script, clang-format's verdict on every C file, and
# no circle of files in shims/ that call each other.
lint: $(patsubst %.c,$(BUILD)/obj/%.o,$(RT_SRC) shims/main.c)
	shellcheck -x $(SHELL_FILES)
	clang-format --dry-run -Werror $(C_FILES)
	tests/lint/no-circles.sh $(patsubst %.c,$(BUILD)/obj/%.o,$(RT_SRC) shims/main.c)

clean:
	rm -rf build build-san build-fuzz build-clang

.PHONY: all check bench fuzz install uninstall deb format lint clean catalog-docs
-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
