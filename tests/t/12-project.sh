#!/bin/sh
# tbx init, add, remove: the project's .toolbox edited in place, comments
# and order kept, and what the shim then runs.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

test_case 'init writes a commented starter that the shims read; twice is refused' '
	run "$TBX" init probe@2; check_status 0
	check_eq "probe = 2
created $T/work/.toolbox" "$out"
	check_match "#*tbx lock*" "$(head -3 .toolbox)"
	check_eq "[tools]|probe = 2" "$(grep -v "^#" .toolbox | grep . | paste -sd"|")"
	install_probe
	check_match "*tbx-test/probe:2 *" "$(TBX_DRY_RUN=1 "$SHIMS/true")"
	cp .toolbox "$T/before"
	run "$TBX" init; check_status 125
	check_one_error "init: $T/work/.toolbox exists*"
	cmp .toolbox "$T/before"
'

test_case 'add edits the nearest .toolbox in place: comments, order and other sections kept' '
	printf "; ours\n[tools]\nmaven = 3.9 ; team-wide\n# go next\ngo=\"1.21\" # as CI\n\n[other]\nx = 1\n" >.toolbox
	mkdir -p deep/er && cd deep/er
	run "$TBX" add go@1.22 probe; check_status 0
	check_eq "go = 1.22
probe = 1
updated $T/work/.toolbox" "$out"
	check_eq "; ours
[tools]
maven = 3.9 ; team-wide
# go next
go = 1.22 # as CI
probe = 1

[other]
x = 1" "$(cat "$T/work/.toolbox")"
	test ! -e .toolbox
'

test_case 'add creates .toolbox in the cwd when there is none; remove takes a line out' '
	run "$TBX" add probe@2; check_status 0
	check_match "*created $T/work/.toolbox" "$out"
	"$TBX" add git@2.45 >/dev/null
	run "$TBX" remove probe; check_status 0
	check_eq "[tools]|git = 2.45" "$(grep -v "^#" .toolbox | grep . | paste -sd"|")"
'

test_case 'tbx install with no names installs what the project pins, or says why not' '
	run "$TBX" install; check_status 125
	check_one_error "install: nothing pins a tool in $T/work or above, nor $HOME/.config/tbx/toolbox: name the tools to install"
	printf "[tools]\n" >.toolbox
	run "$TBX" install; check_status 125
	check_one_error "install: nothing pins a tool in $T/work or above, nor $HOME/.config/tbx/toolbox: name the tools to install"
	test ! -e "$SHIMS/sh"
	# the project'"'"'s own image (untrusted) is no part of a shim, which
	# every project shares: a call applies it, once trusted
	printf "[tools]\nprobe = 2\n[tool.probe]\nimage = example.com/other\n" >.toolbox
	mkdir sub && cd sub
	run "$TBX" install; check_status 0
	check_eq "installed probe 2 (pinned; the catalog'"'"'s: 1): sh cat id env pwd ls sleep true false printf stat tty" "$out"
	test -x "$SHIMS/sh"
	check_match "* tbx-test/probe:1 *" "$(cd "$T" && TBX_DRY_RUN=1 "$SHIMS/true")"
	# a pin of a tool the catalog has not: nothing installed, its name said
	rm "$SHIMS"/*
	printf "[tools]\nprobe = 2\nnosuch = 1\n" >../.toolbox
	run "$TBX" install; check_status 125
	check_one_error "nosuch: $T/work/.toolbox: unknown tool *"
	test ! -e "$SHIMS/sh"
'

test_case 'a catalog edit makes shims stale: which and doctor say so, install --refresh rewrites them' '
	need_engine; install_probe
	mkdir "$T/cat"
	sed "s/^version: \"1\"/version: \"2\"/" "$TOP/tests/catalog/probe.yaml" >"$T/cat/probe.yaml"
	export TBX_CATALOG_PATH="$T/cat"
	check_match "$SHIMS/cat (stale: written by another tbx or catalog; run *tbx install --refresh*)" \
		"$("$TBX" which cat | head -1)"
	check_match "*version  1 (catalog default)*" "$("$TBX" which cat)"
	run env PATH="$SHIMS:$PATH" "$TBX" doctor; check_status 1
	check_match "*FAIL  stale    shims written by another tbx or catalog run what they were written with: probe (1 tool)
               fix: tbx install --refresh*" "$out"
	run "$TBX" install --refresh; check_status 0
	check_eq "refreshed probe 2: sh cat id env pwd ls sleep true false printf stat tty" "$out"
	check_match "*version  2 (catalog default)*" "$("$TBX" which cat)"
	run "$TBX" install --refresh; check_status 0
	check_eq "" "$out"
	run env PATH="$SHIMS:$PATH" "$TBX" doctor; check_status 0
	check_match "*ok    stale    every shim is what this tbx and catalog write*" "$out"
	# a tool gone from the catalog: said, its shims left
	export TBX_CATALOG_PATH="$T/nothing" TBX_BUILTIN_CATALOG="$T/nothing"
	run "$TBX" install --refresh; check_status 0
	check_one_error "install: warning: probe is no longer in the catalog; its shims are left as they are (*tbx uninstall probe* removes them)"
	test -x "$SHIMS/cat"
'

test_case 'bad requests change nothing: unknown tool, bad version, absent tool, broken file' '
	printf "[tools]\nprobe = 1\n" >.toolbox
	cp .toolbox "$T/before"
	run "$TBX" add probe@2 nope; check_status 125
	check_one_error "add: unknown tool *nope*"
	run "$TBX" add "probe@1;rm -rf /"; check_status 125
	check_one_error "add: version *"
	run "$TBX" remove git; check_status 125
	check_one_error "remove: *git* is not in $T/work/.toolbox"
	cmp .toolbox "$T/before"
	printf "[tools]\nprobe = 1\nprobe = 2\n" >.toolbox
	run "$TBX" add git; check_status 125
	check_one_error "add: $T/work/.toolbox:3: *"
	mkdir -p "$T/empty" && cd "$T/empty"
	run "$TBX" remove probe; check_status 125
	check_one_error "remove: no .toolbox here or above"
	run "$TBX" add; check_status 2
'
test_done
