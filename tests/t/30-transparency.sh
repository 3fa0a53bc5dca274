#!/bin/sh
# A shim behaves as the native tool: exit codes, argv bytes, streams, stdin,
# TTY, ownership, cwd, HOME, Ctrl-C. Real containers from the probe image.
# 31-transparency-warm.sh runs the same tests in warm mode.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

test_case 'exit codes pass through: 0 1 42 255, and death by signal is 128+n' '
	need_engine; install_probe
	for code in 0 1 42 255; do
		run "$SHIMS/sh" -c "exit $code"; check_status "$code"
	done
	# in warm mode, all of it ran in one kept container
	if is_warm; then check_eq 1 "$(kept_containers "$T" | wc -l)"; fi
	run "$SHIMS/false"; check_status 1
	run "$SHIMS/sh" -c "kill -TERM \$\$"; check_status 143
	run "$SHIMS/sh" -c "kill -KILL \$\$"; check_status 137
'

test_case 'argv bytes arrive unchanged, as with the native tool' '
	need_engine; install_probe
	script="for a; do printf \"[%s]\n\" \"\$a\"; done"
	set -- "" " " "two words" "it'"'"'s" "\$(touch pwned)" "\`id\`" "line
break" "tab	x" "-v" "--rm" "é ü 日本 🙂" "*" "a\\b" "\"q\"" "\$HOME" "%s%n" "--"
	busybox sh -c "$script" x "$@" >"$T/native"
	"$SHIMS/sh" -c "$script" x "$@" >"$T/shim"
	cmp "$T/native" "$T/shim"
	check_eq 17 "$(grep -c "^\[" "$T/shim")"
	test ! -e pwned
'

test_case 'stdout and stderr stay apart; stdin binary passes unchanged' '
	need_engine; install_probe
	"$SHIMS/sh" -c "echo to-out; echo to-err >&2" >"$T/o" 2>"$T/e"
	check_eq to-out "$(cat "$T/o")"; check_eq to-err "$(cat "$T/e")"
	head -c 1048576 /dev/urandom >"$T/blob"
	printf "\0\r\n\377" >>"$T/blob"
	"$SHIMS/cat" <"$T/blob" >"$T/back"
	cmp "$T/blob" "$T/back"
	check_eq 3 "$(printf "a\nb\nc\n" | "$SHIMS/sh" -c "wc -l")"
'

test_case 'no TTY when piped, a TTY in a terminal' '
	need_engine; install_probe
	run "$SHIMS/tty" </dev/null; check_status 1; check_eq "not a tty" "$out"
	out=$(script -qec "$SHIMS/sh -c '"'"'test -t 0 && test -t 1 && echo tty-yes'"'"'" /dev/null </dev/null)
	check_match "*tty-yes*" "$out"
'

test_case 'cwd is kept, .. works, files belong to the caller' '
	need_root
	need_engine; install_probe
	chmod 755 "$T"; chown -R 1234:1234 "$T/work" "$HOME"
	mkdir -p proj/sub && touch proj/.toolbox && echo parent >proj/above.txt
	chown -R 1234:1234 proj
	cd proj/sub
	as_user() { setpriv --reuid 1234 --regid 1234 --groups "$(getent group docker | cut -d: -f3)" "$@"; }
	check_eq "$PWD" "$(as_user "$SHIMS/pwd")"
	check_eq parent "$(as_user "$SHIMS/cat" ../above.txt)"
	as_user "$SHIMS/sh" -c "echo made >../made.txt && mkdir ../dir && id -u && id -g" >"$T/ids"
	check_eq "1234
1234" "$(cat "$T/ids")"
	check_eq "1234:1234" "$(stat -c %u:%g ../made.txt)"
	check_eq "1234:1234" "$(stat -c %u:%g ../dir)"
	check_eq made "$(cat ../made.txt)"
'

test_case 'HOME is the caller'"'"'s own path, the tool'"'"'s own files, writable, kept between runs' '
	need_engine; install_probe
	check_eq "$HOME" "$("$SHIMS/sh" -c "echo \$HOME")"
	"$SHIMS/sh" -c "echo remembered >\$HOME/note"
	check_eq remembered "$("$SHIMS/sh" -c "cat \$HOME/note")"
	test ! -e "$HOME/note"
	check_eq remembered "$(cat "$HOME/.cache/tbx/probe/home/note")"
	check_eq 700 "$(stat -c %a "$HOME/.cache/tbx/probe/home")"
'

test_case 'environment: catalog env, passenv when set, nothing else of the host' '
	need_engine; install_probe
	PROBE_PASS="from host" SECRET_HOST_VAR=x "$SHIMS/env" >"$T/env"
	grep -qx "PROBE_FIXED=fixed value with spaces" "$T/env"
	grep -qx "PROBE_PASS=from host" "$T/env"
	if grep -q SECRET_HOST_VAR "$T/env"; then false; fi
'

test_case 'a .toolbox pin selects the image that runs' '
	need_engine; install_probe
	check_eq 1 "$("$SHIMS/cat" /etc/probe-version)"
	printf "[tools]\nprobe = 2\n" >.toolbox
	check_eq 2 "$("$SHIMS/cat" /etc/probe-version)"
'

test_case 'Ctrl-C stops a wrapper script and its child at once: 130, nothing left' '
	need_engine; install_probe
	before=$(probe_containers)
	if is_warm; then
		"$SHIMS/true"
		kept=$(kept_containers "$T")
		running() { kept_processes "$kept" | grep -c "sleep 300" || true; }
		left() { kept_processes "$kept" | wc -l; }
	else
		# the sleep itself runs, not only its container, whose init
		# has it in its arguments: a signal sent to a container still
		# starting is lost
		running() { probe_top | awk "\$3 == \"sleep\" && \$4 == 300 && NF == 4" | wc -l; }
		left() { echo $(( $(probe_containers) - before )); }
	fi
	setsid "$SHIMS/sh" -c "sh -c \"sleep 300; echo child-survived\"; echo parent-survived" >"$T/out" 2>&1 &
	pid=$!
	i=0; while [ "$(running)" = 0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
	sleep 0.5
	/bin/kill -s INT -- "-$pid"
	t0=$(date +%s)
	set +e; wait "$pid"; status=$?; set -e
	check_eq 130 "$status"
	test $(( $(date +%s) - t0 )) -le 5
	if grep -q survived "$T/out"; then false; fi
	i=0; while [ "$(left)" -gt 0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
	check_eq 0 "$(left)"
'

test_case 'Ctrl-C typed at a terminal stops the tool: 130' '
	need_engine; install_probe
	if is_warm; then "$SHIMS/true"; fi
	cat >"$T/ctrl-c.py" <<"EOF"
import os, pty, signal, sys, time
signal.alarm(20)
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "-c", "echo ready; sleep 300; echo survived"])
out = b""
while b"ready" not in out:
    out += os.read(fd, 1024)
time.sleep(0.5)
os.write(fd, b"\x03")
t0 = time.time()
_, status = os.waitpid(pid, 0)
try:
    while True:
        out += os.read(fd, 1024)
except OSError:
    pass
assert b"survived" not in out, out
assert os.waitstatus_to_exitcode(status) == 130, status
assert time.time() - t0 < 5
EOF
	python3 "$T/ctrl-c.py" "$SHIMS/sh"
'

test_case 'a closed stdin reads as empty; long argument lists pass' '
	need_engine; install_probe
	if is_warm; then "$SHIMS/true"; fi
	check_eq 0 "$("$SHIMS/sh" -c "wc -c" 0<&- 1<&- 2<&- >"$T/out"; cat "$T/out")"
	check_eq 0 "$("$SHIMS/sh" -c "wc -c" <&-)"
	big=$(head -c 100000 /dev/zero | tr "\0" x)
	check_eq 100000 "$("$SHIMS/sh" -c "printf %s \"\$1\" | wc -c" x "$big")"
	set -- $(seq 1 5000)
	check_eq 5000 "$("$SHIMS/sh" -c "echo \$#" x "$@")"
'

test_case 'tbx run works without a shim' '
	need_engine
	run "$TBX" run probe -- sh -c "echo ran; exit 3"; check_status 3; check_eq ran "$out"
	run "$TBX" run probe cat /etc/probe-version; check_eq 1 "$out"
'
test_done
