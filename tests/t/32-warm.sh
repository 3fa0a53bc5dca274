#!/bin/sh
# Warm mode: one kept container per key, reused, never shared across keys,
# made once when shims race, gone once idle, listed and stopped by tbx.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"
# shellcheck disable=SC2034 # read by lib.sh
TBX_TEST_KEPT=1

kept_n() { kept_containers "$T" | wc -l; }

test_case 'calls reuse one kept container, started on the first call' '
	need_engine; install_probe
	export TBX_WARM=5m
	check_eq 0 "$(kept_n)"
	check_eq one "$("$SHIMS/sh" -c "echo one")"
	name=$(kept_containers "$T")
	check_eq 1 "$(kept_n)"
	for i in 2 3 4; do check_eq "$i" "$("$SHIMS/sh" -c "echo $i")"; done
	check_eq "$name" "$(kept_containers "$T")"
	check_eq "probe 300 $T/work" "$("$ENGINE" inspect -f "{{index .Config.Labels \"tbx.tool\"}} {{index .Config.Labels \"tbx.idle\"}} {{index .Config.Labels \"tbx.project\"}}" "$name")"
	check_eq 0 "$(kept_processes "$name" | wc -l)"
'

test_case 'a new image, mount or environment gets a container of its own' '
	need_engine; install_probe
	export TBX_WARM=5m
	"$SHIMS/true"; check_eq 1 "$(kept_n)"
	printf "[tools]\nprobe = 2\n" >.toolbox
	check_eq 2 "$("$SHIMS/cat" /etc/probe-version)"; check_eq 2 "$(kept_n)"
	mkdir "$HOME/probe-extra"
	"$SHIMS/true"; check_eq 3 "$(kept_n)"
	check_eq "<a>" "$(PROBE_PASS=a "$SHIMS/sh" -c "echo \$PROBE_EXPANDED" | cut -c1-3)"
	check_eq 4 "$(kept_n)"
	check_eq "<b>" "$(PROBE_PASS=b "$SHIMS/sh" -c "echo \$PROBE_EXPANDED" | cut -c1-3)"
	check_eq 5 "$(kept_n)"
	# the rest of the environment of the caller is not part of the key
	PROBE_PASS=b UNRELATED=1 "$SHIMS/true"
	check_eq 5 "$(kept_n)"
'

test_case 'a shim of other code (an upgrade) never calls a kept container of the old' '
	need_engine; install_probe
	export TBX_WARM=5m
	"$SHIMS/true"; "$SHIMS/cat" /etc/probe-version >/dev/null; check_eq 1 "$(kept_n)"
	# the same shim as one built from other sources: only its id differs
	sed "s/tbx-shim-id:[0-9a-f]\{16\}/tbx-shim-id:0000000000000000/" "$SHIMS/true" >"$SHIMS/.new"
	chmod 755 "$SHIMS/.new" && mv "$SHIMS/.new" "$SHIMS/true"
	"$SHIMS/true"; check_eq 2 "$(kept_n)"
	"$SHIMS/cat" /etc/probe-version >/dev/null; check_eq 2 "$(kept_n)"
'

test_case 'settings that differ only past 64 KiB of variables get two containers' '
	need_engine; install_probe
	export TBX_WARM=5m
	big=$(head -c 70000 /dev/zero | tr "\\0" a)
	check_eq 70004 "$(PROBE_PASS="${big}x" "$SHIMS/sh" -c "printf %s \"\$PROBE_EXPANDED\" | cut -d\" \" -f1 | wc -c")"
	check_eq 1 "$(kept_n)"
	check_eq "y>" "$(PROBE_PASS="${big}y" "$SHIMS/sh" -c "printf %s \"\$PROBE_EXPANDED\" | cut -d\" \" -f1 | tail -c 3")"
	check_eq 2 "$(kept_n)"
	PROBE_PASS="${big}x" "$SHIMS/true"
	check_eq 2 "$(kept_n)"
'

test_case 'shims racing to start it end with one container, every call run' '
	need_engine; install_probe
	export TBX_WARM=5m
	for i in 1 2 3 4 5 6 7 8; do "$SHIMS/sh" -c "echo call-$i" >"$T/o$i" & done
	wait
	for i in 1 2 3 4 5 6 7 8; do check_eq "call-$i" "$(cat "$T/o$i")"; done
	check_eq 1 "$(kept_n)"
'

test_case 'statuses of racing calls are each their own' '
	need_engine; install_probe
	export TBX_WARM=5m
	pids=
	for i in 1 2 3 4 5 6; do "$SHIMS/sh" -c "exit $((i * 10))" & pids="$pids $!"; done
	i=1
	for p in $pids; do
		set +e; wait "$p"; st=$?; set -e
		check_eq $((i * 10)) "$st"; i=$((i + 1))
	done
	check_eq 1 "$(kept_n)"
'

test_case 'idle for its time, the container stops and is removed; a call holds it' '
	need_engine; install_probe
	export TBX_WARM=3s
	"$SHIMS/sleep" 5
	name=$(kept_containers "$T")
	check_eq 1 "$(echo "$name" | wc -w)"
	i=0; while [ "$(kept_n)" -gt 0 ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i+1)); done
	check_eq 0 "$(kept_n)"
	if "$ENGINE" inspect "$name" >/dev/null 2>&1; then false; fi
	check_eq again "$("$SHIMS/sh" -c "echo again")"
	check_eq 1 "$(kept_n)"
'

test_case 'the image entrypoint runs as in a cold run' '
	need_engine
	mkdir "$T/cat"
	sed "s/^version: .*/version: ep/" "$TOP/tests/catalog/probe.yaml" >"$T/cat/probe.yaml"
	TBX_CATALOG_PATH="$T/cat" "$TBX" install probe >/dev/null
	cold=$(TBX_WARM=0 "$SHIMS/env" | grep PROBE_EP)
	check_eq "PROBE_EP=from the entrypoint" "$cold"
	check_eq "$cold" "$(TBX_WARM=5m "$SHIMS/env" | grep PROBE_EP)"
	check_eq 1 "$(kept_n)"
'

test_case 'warm from .toolbox needs no trust; TBX_WARM=0 and bad durations' '
	need_engine; install_probe
	unset TBX_WARM
	printf "[tool.probe]\nwarm = 1m\n" >.toolbox
	check_eq ok "$("$SHIMS/sh" -c "echo ok")"
	check_eq 1 "$(kept_n)"
	check_eq "probe 60" "$("$ENGINE" inspect -f "{{index .Config.Labels \"tbx.tool\"}} {{index .Config.Labels \"tbx.idle\"}}" "$(kept_containers "$T")")"
	check_match "/sbin/docker-init -- /run/tbx/warm -w 60 tbx-* " "$("$SHIMS/cat" /proc/1/cmdline | tr "\0" " ")"
	check_eq "/sbin/docker-init -- /run/tbx/exec probe@1 cat /proc/1/cmdline " "$(TBX_WARM=0 "$SHIMS/cat" /proc/1/cmdline | tr "\0" " ")"
	run env TBX_WARM=soon "$SHIMS/true"; check_status 125
	check_one_error "probe: TBX_WARM *soon* must be a duration*"
	printf "[tool.probe]\nwarm = 9x\n" >.toolbox
	run "$SHIMS/true"; check_status 125
	check_one_error "probe: *.toolbox:2: warm must be a duration*"
'

test_case 'the catalog can make a tool warm; a bad warm is an error with its line' '
	need_engine
	unset TBX_WARM
	mkdir "$T/cat"
	{ cat "$TOP/tests/catalog/probe.yaml"; echo "warm: 90s"; } >"$T/cat/probe.yaml"
	TBX_CATALOG_PATH="$T/cat" "$TBX" install probe >/dev/null
	"$SHIMS/true"
	check_eq 90 "$("$ENGINE" inspect -f "{{index .Config.Labels \"tbx.idle\"}}" "$(kept_containers "$T")")"
	echo "warm: later" >>"$T/cat/probe.yaml"
	sed -i "/^warm: 90s/d" "$T/cat/probe.yaml"
	run env TBX_CATALOG_PATH="$T/cat" "$TBX" install probe; check_status 125
	check_match "*probe.yaml:*warm*must be a duration*" "$err"
'

test_case 'tbx ps lists kept containers; tbx stop stops them, by tool or all' '
	need_engine; install_probe
	export TBX_WARM=5m
	"$SHIMS/true"
	name=$(kept_containers "$T")
	run "$TBX" ps; check_status 0
	check_match "TOOL*IDLE*LAST CALL*CONTAINER*PROJECT*" "$out"
	line=$(printf "%s\n" "$out" | grep "$name")
	check_match "probe *5m *?s ago *$name *$T/work" "$line"
	run "$TBX" stop other-tool; check_status 0
	check_eq "no kept containers of these tools" "$out"
	check_eq 1 "$(kept_n)"
	run "$TBX" stop probe; check_status 0
	check_match "*stopped $name (probe, $T/work)*" "$out"
	check_eq 0 "$(kept_n)"
	check_eq back "$("$SHIMS/sh" -c "echo back")"
	check_eq 1 "$(kept_n)"
'

test_case 'without a TTY, a terminal Ctrl-C reaches the tool, not only the client' '
	need_engine; install_probe
	export TBX_WARM=5m
	"$SHIMS/true"
	kept=$(kept_containers "$T")
	# the whole process group gets SIGINT, as from a terminal; stdout is
	# a file, so the call has no TTY. sleep, in the background of a
	# script, ignores SIGINT: it is killed when the script ends.
	echo "trap \"echo got-int; exit 7\" INT; sleep 300 & wait" >job.sh
	setsid sh -c "\"\$0\" job.sh >\"\$1\"; echo \$? >\"\$2\"" "$SHIMS/sh" "$T/out" "$T/status" &
	pid=$!
	kept_wait_for "$kept" "sleep 300"
	/bin/kill -s INT -- "-$pid"
	wait "$pid" || true
	check_eq got-int "$(cat "$T/out")"
	check_eq 7 "$(cat "$T/status")"
	check_eq 0 "$(kept_left "$kept")"
'

test_case 'a call whose shim is killed is killed too: nothing stays behind' '
	need_engine; install_probe
	export TBX_WARM=5m
	"$SHIMS/true"
	kept=$(kept_containers "$T")
	"$SHIMS/sh" -c "sleep 300 & sleep 301" &
	pid=$!
	kept_wait_for "$kept" "sleep 301"
	kill -KILL "$pid"
	check_eq 0 "$(kept_left "$kept")"
	check_eq ok "$("$SHIMS/sh" -c "echo ok")"
'

test_case 'a passed variable wins over the same variable of the container' '
	need_engine
	mkdir "$T/cat"
	printf "%s\n" "name: probe" "description: probe" "image: tbx-test/probe" \
		"version: \"1\"" "commands: [sh]" "env:" "  PROBE_PASS: from the catalog" \
		"passenv: [PROBE_PASS]" >"$T/cat/probe.yaml"
	TBX_CATALOG_PATH="$T/cat" "$TBX" install probe >/dev/null
	check_eq "from the catalog" "$(TBX_WARM=0 "$SHIMS/sh" -c "echo \$PROBE_PASS")"
	for warm in 0 5m; do
		check_eq caller "$(TBX_WARM=$warm PROBE_PASS=caller "$SHIMS/sh" -c "echo \$PROBE_PASS")"
	done
'

test_case 'what a call left behind, even out of its group and below, ends with it' '
	need_engine; install_probe
	export TBX_WARM=5m
	"$SHIMS/true"
	kept=$(kept_containers "$T")
	echo "setsid sleep 30 & sleep 0.3" >one.sh
	cat >two.sh <<"EOF"
sh -c "setsid sh -c \"sleep 30; true\" & sleep 0.2" &
sleep 0.4
EOF
	for job in one.sh two.sh; do
		t0=$(date +%s)
		"$SHIMS/sh" "$job" | cat
		test $(( $(date +%s) - t0 )) -le 10
		check_eq 0 "$(kept_left "$kept")"
	done
'

test_case 'a lease replaced by a link is refused, and what it points at is left alone' '
	need_engine; install_probe
	export TBX_WARM=5m
	"$SHIMS/true"
	"$TBX" stop probe >/dev/null
	dir=$(echo "$HOME"/.cache/tbx/probe/warm/*)
	echo keep >"$T/victim"
	rm "$dir/lease" && ln -s "$T/victim" "$dir/lease"
	run "$SHIMS/true"; check_status 125
	check_one_error "probe: warm mode (TBX_WARM=0 runs cold): $dir/lease: not a lease file*"
	check_eq keep "$(cat "$T/victim")"
'

test_case 'warm by default: 10 min idle; CI, TBX_WARM=0 and warm = 0 stay cold' '
	need_engine; install_probe
	unset TBX_WARM
	check_eq ok "$("$SHIMS/sh" -c "echo ok")"
	check_eq "probe 600" "$("$ENGINE" inspect -f "{{index .Config.Labels \"tbx.tool\"}} {{index .Config.Labels \"tbx.idle\"}}" "$(kept_containers "$T")")"
	check_match "*warm     a kept container, stopped after 600 s idle (from the default); running: tbx-*" "$("$TBX" which sh)"
	check_match "*ok    warm     kept containers, stopped after 10m idle by default*" "$("$TBX" doctor || true)"
	check_eq "/sbin/docker-init -- /run/tbx/exec probe@1 cat /proc/1/cmdline " "$(CI=true "$SHIMS/cat" /proc/1/cmdline | tr "\0" " ")"
	check_match "*warm     no: a container per call (from CI)*" "$(CI=true "$TBX" which sh)"
	check_eq "/sbin/docker-init -- /run/tbx/exec probe@1 cat /proc/1/cmdline " "$(TBX_WARM=0 "$SHIMS/cat" /proc/1/cmdline | tr "\0" " ")"
	printf "[tool.probe]\nwarm = 0\n" >.toolbox
	check_eq "/sbin/docker-init -- /run/tbx/exec probe@1 cat /proc/1/cmdline " "$("$SHIMS/cat" /proc/1/cmdline | tr "\0" " ")"
	check_eq 1 "$(kept_n)"
'

test_case 'an untrusted .toolbox shortens the idle time, never lengthens it; trusted, it may' '
	need_engine; install_probe
	unset TBX_WARM
	printf "[tool.probe]\nwarm = 7d\n" >.toolbox
	"$SHIMS/true"
	check_eq 600 "$("$ENGINE" inspect -f "{{index .Config.Labels \"tbx.idle\"}}" "$(kept_containers "$T")")"
	"$TBX" stop >/dev/null
	printf "[tool.probe]\nwarm = 30s\n" >.toolbox
	"$SHIMS/true"
	check_eq 30 "$("$ENGINE" inspect -f "{{index .Config.Labels \"tbx.idle\"}}" "$(kept_containers "$T")")"
	"$TBX" stop >/dev/null
	printf "[tool.probe]\nwarm = 1h\n" >.toolbox
	"$TBX" trust >/dev/null
	"$SHIMS/true"
	check_eq 3600 "$("$ENGINE" inspect -f "{{index .Config.Labels \"tbx.idle\"}}" "$(kept_containers "$T")")"
'

test_case 'a tag moved by the engine: the next call runs the image it names now' '
	need_engine; install_probe
	export TBX_WARM=5m
	tag=moving-$$
	"$ENGINE" tag "$PROBE:2" "$PROBE:$tag"
	trap "\"$ENGINE\" rmi \"$PROBE:$tag\" >/dev/null 2>&1" EXIT
	check_eq 2 "$(TBX_PROBE_VERSION=$tag "$SHIMS/cat" /etc/probe-version)"
	check_eq 2 "$(TBX_PROBE_VERSION=$tag "$SHIMS/cat" /etc/probe-version)"
	check_eq 1 "$(kept_n)"
	"$ENGINE" tag "$PROBE:1" "$PROBE:$tag"
	check_eq 1 "$(TBX_PROBE_VERSION=$tag "$SHIMS/cat" /etc/probe-version)"
	check_eq 2 "$(kept_n)"
'

test_case 'a full cache disk: one line at once, no container left, never a lost entrypoint' '
	need_root
	need_engine; install_probe
	export TBX_WARM=5m
	mkdir "$T/cache" && mount -t tmpfs -o size=64k tmpfs "$T/cache"
	trap "umount \"$T/cache\"" EXIT
	export XDG_CACHE_HOME="$T/cache"
	mkdir -p "$T/cache/tbx/probe/home"
	head -c 1M /dev/zero >"$T/cache/filler" 2>/dev/null || true
	t0=$(date +%s)
	run "$SHIMS/env"
	check_status 125
	check_one_error "probe: warm mode (TBX_WARM=0 runs cold): cannot write $T/cache/tbx/probe/warm/*/lease: No space left on device"
	test $(( $(date +%s) - t0 )) -le 10
	check_eq 0 "$(kept_n)"
	rm "$T/cache/filler"
	check_eq "PROBE_EP=" "$("$SHIMS/env" | grep PROBE_EP || echo PROBE_EP=)"
	# an agent that cannot start (here: its name file cannot be made) is
	# seen at once, not after the 20 s a watcher has to start
	"$TBX" stop >/dev/null
	dir=$(dirname "$T"/cache/tbx/probe/warm/*/lease)
	rm "$dir/name" && mkdir "$dir/name.new"
	t0=$(date +%s)
	run "$SHIMS/true"
	check_status 125
	check_one_error "probe: warm mode (TBX_WARM=0 runs cold): kept container tbx-* ended before its agent served a call (is $dir writable, its disk not full?)"
	test $(( $(date +%s) - t0 )) -le 10
	check_eq 0 "$(kept_n)"
'

test_case 'a key directory removed under a kept container: ps and stop still see it, no double' '
	need_engine; install_probe
	export TBX_WARM=5m
	"$SHIMS/true"; old=$(kept_containers "$T")
	rm -rf "$HOME/.cache"
	check_match "*probe *5m *? *$old *$T/work*" "$("$TBX" ps)"
	"$SHIMS/true"
	check_eq 1 "$(kept_n)"
	if [ "$(kept_containers "$T")" = "$old" ]; then false; fi
	"$TBX" stop >/dev/null
	check_eq 0 "$(kept_n)"
'

test_case 'tbx run and a dry run stay cold' '
	need_engine; install_probe
	export TBX_WARM=5m
	run "$TBX" run probe -- sh -c "echo ran"; check_eq ran "$out"
	check_eq 0 "$(kept_n)"
	check_match "docker run --rm -i *" "$(TBX_DRY_RUN=1 "$SHIMS/true")"
'
test_done
