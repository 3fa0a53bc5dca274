#!/bin/sh
# How a shim reads .toolbox.lock: the locked digest when the lock matches
# the request, else one warning and the tag, or a failure under TBX_FROZEN.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

D1=sha256:1111111111111111111111111111111111111111111111111111111111111111

lock() { # request version tag digest
	printf "[other]\nrequest = 1\nversion = 1\nrepository = x/y\ntag = 1\ndigest = %s\n\n[probe]\nrequest = %s\nversion = %s\nrepository = tbx-test/probe\ntag = %s\ndigest = %s\n" \
		"$D1" "$1" "$2" "$3" "$4" >.toolbox.lock
}

test_case 'a matching lock runs repository@digest, silently' '
	install_probe
	printf "[tools]\nprobe = 1\n" >.toolbox
	lock 1 1 1 "$D1"
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 0; check_eq "" "$err"
	check_match "* tbx-test/probe@$D1 /run/tbx/exec probe@* cat" "$out"
	"$TBX" which cat | grep -q "image    tbx-test/probe@$D1 (from .toolbox.lock)"
'

test_case 'a partial request locked to a full version' '
	install_probe
	printf "[tools]\nprobe = 1\n" >.toolbox
	lock 1 1.0.3 1.0.3 "$D1"
	check_match "* tbx-test/probe@$D1 /run/tbx/exec probe@* cat" "$(TBX_DRY_RUN=1 "$SHIMS/cat")"
'

test_case 'a stale lock: one warning line and the tag; TBX_FROZEN=1 fails' '
	install_probe
	printf "[tools]\nprobe = 2\n" >.toolbox
	lock 1 1 1 "$D1"
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 0
	check_match "* tbx-test/probe:2 /run/tbx/exec probe@2 cat" "$out"
	check_one_error "probe: warning: probe = 2 asks for another version than $T/work/.toolbox.lock; running the tag (run *tbx lock*)"
	run env TBX_FROZEN=1 TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 125; check_eq "" "$out"
	check_one_error "probe: probe = 2 asks for another version than $T/work/.toolbox.lock (TBX_FROZEN is set); run *tbx lock*"
	printf "[tools]\nprobe = 1\n" >.toolbox
	lock 1 1 1-other "$D1"
	run env TBX_DRY_RUN=1 "$SHIMS/cat"
	check_one_error "probe: warning: probe = 1 has another image than the catalog in *"
	printf "[tools]\nprobe = 1\n" >.toolbox
	printf "[other]\nrequest = 1\n" >.toolbox.lock
	run env TBX_DRY_RUN=1 "$SHIMS/cat"
	check_one_error "probe: warning: probe = 1 is not in *"
'

test_case 'no lock file, or a tool not pinned in .toolbox: no warning' '
	install_probe
	printf "[tools]\nprobe = 2\n" >.toolbox
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_eq "" "$err"
	printf "[tools]\nother = 1\n" >.toolbox
	lock 9 9 9 "$D1"
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_eq "" "$err"
	check_match "* tbx-test/probe:1 /run/tbx/exec probe@1 cat" "$out"
'

test_case 'a damaged lock is an error with its line' '
	install_probe
	printf "[tools]\nprobe = 1\n" >.toolbox
	lock 1 1 1 sha256:abc
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 125
	check_one_error "probe: $T/work/.toolbox.lock:13: digest *sha256:abc* for *probe* is not sha256: and 64 lowercase hex digits"
	printf "[probe]\nrequest = 1\n" >.toolbox.lock
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 125
	check_one_error "probe: $T/work/.toolbox.lock: \[probe\] lacks some of *"
'

test_case 'TBX_FROZEN=1 refuses a pinned tool without a lock file; false means off' '
	install_probe
	printf "[tools]\nprobe = 1\n" >.toolbox
	run env TBX_FROZEN=1 TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 125
	check_one_error "probe: probe = 1 has no $T/work/.toolbox.lock (TBX_FROZEN is set); run *tbx lock*"
	run env TBX_FROZEN=false TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 0; check_eq "" "$err"
'
test_done
