#!/bin/sh
# tbx doctor: each check, its fix, and its exit status, against the real
# engine and real PATHs.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

test_case 'doctor: the shims dir missing from PATH fails with its fix; following the fix passes' '
	need_engine; install_probe
	run "$TBX" doctor; check_status 1
	check_match "*FAIL  PATH     $SHIMS is not in PATH
               fix: add to your shell*s profile: export PATH=\"$SHIMS:\$PATH\"*" "$out"
	check_match "ok    engine   docker * (API *) at *, rootful*" "$out"
	check_match "*ok    init     */docker-init*" "$out"
	check_match "*ok    cache    $T/home/.cache/tbx is writable*" "$out"
	fix=$(printf "%s\n" "$out" | sed -n "s/.*fix: add to your shell.s profile: //p")
	# the shims include cat and ls: only tbx runs with the new PATH
	(eval "$fix"; exec "$TBX" doctor) >"$T/after"
	check_match "*ok    PATH     $SHIMS comes first for its 12 commands*" "$(cat "$T/after")"
	if grep -q FAIL "$T/after"; then false; fi
'

test_case 'doctor: native commands ahead of the shims are named' '
	need_engine; install_probe
	mkdir -p "$T/native" && cp "$(command -v cat)" "$T/native/cat"
	run env PATH="$T/native:$SHIMS:$PATH" "$TBX" doctor; check_status 1
	check_match "*FAIL  PATH     native commands come first: $T/native/cat
*fix: add to your shell*" "$out"
'

test_case 'doctor: no engine, an engine that does not answer, a rootless setting that does not fit' '
	install_probe; withshims="$SHIMS:$PATH"
	run env PATH="$withshims" TBX_ENGINE="$T/none" "$TBX" doctor; check_status 1
	check_match "FAIL  engine   engine *$T/none* not found*
               fix: install docker*" "$out"
	need_engine
	run env PATH="$withshims" DOCKER_HOST=unix:///nonexistent.sock "$TBX" doctor; check_status 1
	check_match "FAIL  engine   docker at * does not answer (*docker info* failed)
               fix: start the daemon*" "$out"
	run env PATH="$withshims" TBX_ROOTLESS=1 "$TBX" doctor; check_status 1
	check_match "*FAIL  rootless the engine is rootful but shims would map users as for a rootless one*
               fix: set TBX_ROOTLESS=0*" "$out"
'

test_case 'doctor: the project here, its .toolbox and its lock' '
	need_engine; install_probe
	doctor() { env PATH="$SHIMS:$PATH" "$TBX" doctor; }
	check_match "*ok    project  $T/work, nothing pinned*" "$(doctor)"
	printf "[tools]\nprobe = 2\n" >.toolbox
	check_match "*ok    project  $T/work: 1 tools pinned, no lock*" "$(doctor)"
	printf "[probe]\nrequest = 1\nversion = 1\nrepository = tbx-test/probe\ntag = 1\ndigest = sha256:%064d\n" 0 >.toolbox.lock
	run doctor; check_status 1
	check_match "*FAIL  project  $T/work/.toolbox.lock is out of date for 1 of 1 tools
               fix: tbx lock*" "$out"
	printf "[tools]\nprobe = 1 2\n" >.toolbox
	run doctor; check_status 1
	check_match "*FAIL  project  $T/work/.toolbox:2: version *" "$out"
'

test_case 'doctor: colour on a terminal only, and never with NO_COLOR' '
	need_engine; install_probe
	esc=$(printf "\033")
	script -qec "env PATH=\"$SHIMS:$PATH\" \"$TBX\" doctor" /dev/null >"$T/tty"
	grep -q "${esc}\[32mok" "$T/tty"
	script -qec "env NO_COLOR=1 PATH=\"$SHIMS:$PATH\" \"$TBX\" doctor" /dev/null >"$T/tty"
	grep -q "^ok    engine" "$T/tty"
	if grep -q "$esc" "$T/tty"; then false; fi
	env PATH="$SHIMS:$PATH" "$TBX" doctor >"$T/pipe"
	if grep -q "$esc" "$T/pipe"; then false; fi
'
test_done
