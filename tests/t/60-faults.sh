#!/bin/sh
# Load and faults: many shims at once, a shim killed mid-run, an engine
# socket that cannot be read, a full disk while writing shims.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

# tbx_containers: how many containers carry a shim's owner label
tbx_containers() { "$ENGINE" ps -aq --filter label=tbx.owner | wc -l; }

# wait_for N: until N shim containers run (at most 30 s)
wait_for() {
	i=0
	while [ "$(tbx_containers)" -lt "$1" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(tbx_containers)" -ge "$1" ]
}

test_case 'a shim killed with SIGKILL leaves its container; gc removes it, and only it' '
	need_engine; install_probe
	before=$(tbx_containers)
	"$SHIMS/sleep" 300 & victim=$!
	"$SHIMS/sleep" 300 & alive=$!
	foreign=$("$ENGINE" run -d "$PROBE:1" sleep 300)
	other=$("$ENGINE" run -d --label tbx.tool=probe --label tbx.owner=another-boot:1:1 "$PROBE:1" sleep 300)
	trap "kill $alive 2>/dev/null || true; \"$ENGINE\" rm -f $foreign $other >/dev/null" EXIT
	wait_for $((before + 3))
	kill -9 $victim
	sleep 1
	check_eq $((before + 3)) "$(tbx_containers)"
	run "$TBX" gc --dry-run; check_status 0
	check_match "would remove * (probe: its engine client, pid $victim, is gone)
1 to remove, 1 in use" "$out"
	run "$TBX" gc; check_status 0
	check_match "removed * (probe: its engine client, pid $victim, is gone)
1 removed, 1 in use" "$out"
	check_eq $((before + 2)) "$(tbx_containers)"
	check_eq "true true" "$("$ENGINE" inspect -f "{{.State.Running}}" "$foreign" "$other" | paste -sd" ")"
	kill $alive; wait $alive || true
	run "$TBX" gc; check_match "0 removed, 0 in use" "$out"
'

test_case 'gc meets a container the engine is removing already: it waits, and counts it removed' '
	need_engine; install_probe
	before=$(tbx_containers)
	"$SHIMS/sleep" 300 & victim=$!
	wait_for $((before + 1))
	owner=$("$ENGINE" ps --filter label=tbx.owner --format "{{.Label \"tbx.owner\"}}" | grep ":$victim\$")
	kill $victim; wait $victim || true
	# the owner label of a shim that is gone, on a container whose
	# layer of 30000 directories takes the engine seconds to remove
	id=$("$ENGINE" run -d --rm --label "tbx.owner=$owner" --label tbx.tool=probe \
		--label "tbx.user=$(id -u)" --entrypoint /bin/sh "$PROBE:1" \
		-c "mkdir /l && cd /l && seq 30000 | xargs mkdir")
	i=0
	until [ "$("$ENGINE" ps -a --filter "id=$id" --format "{{.State}}")" = removing ]; do
		[ $i -lt 600 ] || { echo "the engine never listed $id as removing" >&2; false; }
		sleep 0.05; i=$((i + 1))
	done
	run "$TBX" gc; check_status 0
	check_eq "removed ${id%"${id#????????????}"} (probe: its engine client, pid $victim, is gone)
1 removed, 0 in use" "$out"
	check_eq "$before" "$(tbx_containers)"
'

test_case '100 shims at once, as make -j starts them: each output and status right, no container left' '
	need_engine; install_probe
	before=$(probe_containers)
	start=$(date +%s%N)
	i=1 pids=
	while [ $i -le 100 ]; do
		"$SHIMS/sh" -c "echo out-$i; echo err-$i >&2; exit \$(($i % 7))" >"$T/o.$i" 2>"$T/e.$i" &
		pids="$pids $!"
		i=$((i + 1))
	done
	i=1
	for p in $pids; do
		st=0; wait "$p" || st=$?
		check_eq "$((i % 7)) out-$i err-$i" "$st $(cat "$T/o.$i") $(cat "$T/e.$i")"
		i=$((i + 1))
	done
	echo "100 shims at once: $(( ($(date +%s%N) - start) / 1000000 )) ms" >&3
	check_eq "$before" "$(probe_containers)"
'

test_case 'an engine socket the caller cannot open: one clear line and 125' '
	need_root
	need_engine; install_probe
	touch "$T/sock" && chmod 600 "$T/sock"
	chmod -R a+rX "$T" && chown -R 1234 "$T/home"
	run setpriv --reuid 1234 --regid 1234 --clear-groups env DOCKER_HOST="unix://$T/sock" HOME="$T/home" "$SHIMS/true"
	check_status 125
	check_one_error "probe: no permission to use the engine'"'"'s socket unix://$T/sock, *"
'

test_case 'a full disk while writing shims leaves the old shims whole' '
	need_root
	install_probe
	mkdir "$T/small" && mount -t tmpfs -o size=2m tmpfs "$T/small"
	trap "umount \"$T/small\"" EXIT
	TBX_HOME="$T/small" "$TBX" install probe >/dev/null
	cp "$T/small/shims/cat" "$T/cat.before"
	head -c 2M /dev/zero >"$T/small/filler" 2>/dev/null || true
	printf "name: probe\ndescription: d\nimage: tbx-test/probe\nversion: \"9\"\ncommands: [sh, cat, id, env, pwd, ls, sleep, true, false, printf, stat, tty]\n" >"$T/probe.yaml"
	run env TBX_HOME="$T/small" TBX_CATALOG_PATH="$T" "$TBX" install probe
	check_status 125
	check_one_error "probe: cannot write *: No space left on device"
	cmp "$T/small/shims/cat" "$T/cat.before"
	check_eq 12 "$(ls "$T/small/shims" | wc -l)"
'
test_done
