#!/bin/sh
# At a terminal, a call behaves as the native tool: a TTY on both ends,
# /dev/tty, keys typed, Ctrl-C, a resize, 1 MB of output, a full-screen
# program, the terminal's settings given back, Ctrl-Z and fg; cold and
# warm. Warm calls also have their window size at the first instruction,
# and end when the shim is hung up, terminated or killed. The terminal is
# tests/helpers/term.py's (a pty of the suite's own) or tmux's.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"
# shellcheck disable=SC2034 # read by lib.sh
TBX_TEST_KEPT=1
TERM_PY="$TOP/tests/helpers/term.py"
export TERM_PY

# A test cold, then warm.
both() {
	test_case "$1 (cold)" "export TBX_WARM=0; $2"
	test_case "$1 (warm)" "export TBX_WARM=5m; $2"
}
warm() { test_case "$1 (warm)" "export TBX_WARM=5m; $2"; }

# term.py's verdict: "status N" and "termios same".
check_term() { # status
	check_eq "status $1
termios same" "$(cat "$T/term.err")"
}

both 'a TTY on both ends and on stderr; /dev/tty opens' '
	need_engine; install_probe
	TERM=xterm-tbx python3 "$TERM_PY" -o "$T/out" -- "$SHIMS/sh" -c \
		"tty; test -t 0 && test -t 1 && test -t 2 && echo all-three; echo via-dev-tty >/dev/tty; echo TERM=\$TERM" 2>"$T/term.err"
	check_term 0
	check_match "/dev/pts/[0-9]*
all-three
via-dev-tty
TERM=xterm-tbx" "$(tr -d "\r" <"$T/out")"
'

warm 'the window size is there at the first instruction, every time' '
	need_engine; install_probe
	i=0
	while [ $i -lt 10 ]; do
		python3 "$TERM_PY" -s 33x111 -o "$T/out" -- "$SHIMS/sh" -c "stty size" 2>"$T/term.err"
		check_term 0
		check_eq "33 111" "$(tr -d "\r" <"$T/out")"
		i=$((i + 1))
	done
'

both 'keys typed reach the tool' '
	need_engine; install_probe
	python3 "$TERM_PY" -o "$T/out" expect:ready "send:hello there\r" -- \
		"$SHIMS/sh" -c "echo ready; read a b; echo got:\$b:\$a" 2>"$T/term.err"
	check_term 0
	check_match "*got:there:hello*" "$(tr -d "\r" <"$T/out")"
'

both 'Ctrl-C typed: the tool traps it and ends 130' '
	need_engine; install_probe
	python3 "$TERM_PY" -o "$T/out" expect:ready sleep:0.3 "send:\x03" -- \
		"$SHIMS/sh" -c "trap \"echo trapped; exit 130\" INT; echo ready; sleep 300 & wait; echo survived" 2>"$T/term.err"
	check_term 130
	check_match "*trapped*" "$(cat "$T/out")"
	if grep -q survived "$T/out"; then false; fi
'

both 'a resize during a call reaches the tool' '
	need_engine; install_probe
	# at once: the docker client ignores a resize until it has attached,
	# so the shim passes it on again in the call'"'"'s first seconds
	python3 "$TERM_PY" -s 24x80 -o "$T/out" expect:ready resize:40x120 expect:"40 120" "send:x" -- \
		"$SHIMS/sh" -c "trap \"stty size\" WINCH; echo ready; while :; do read -t 1 -n 1 k && break; done" 2>"$T/term.err" ||
		{ cat "$T/term.err" >&2; false; }
	check_term 0
	check_match "*40 120*" "$(tr -d "\r" <"$T/out")"
'

both '1 MB through the terminal, byte for byte' '
	need_engine; install_probe
	python3 "$TERM_PY" -o "$T/out" -- "$SHIMS/sh" -c \
		"head -c 750000 /dev/urandom | base64 -w0 | tee data" 2>"$T/term.err"
	check_term 0
	check_eq 1000000 "$(wc -c <"$T/out")"
	cmp "$T/out" data
'

both 'a full-screen program quits cleanly; the terminal is as it was' '
	need_engine; install_probe
	python3 "$TERM_PY" -o "$T/out" "expect:~" "send::q\r" -- "$SHIMS/sh" -c "vi notes.txt" 2>"$T/term.err"
	check_term 0
	python3 "$TERM_PY" -o "$T/out" -- "$SHIMS/sh" -c "stty raw -echo; echo changed" 2>"$T/term.err"
	check_term 0
'

# tmux: a shell with job control, typed into.
tmux_start() {
	tmux -S "$T/tmux" new -d -s t -x 100 -y 30 \
		"env -i HOME=$HOME PATH=$SHIMS:$PATH TERM=xterm TBX_HOME=$TBX_HOME TBX_CATALOG_PATH=$TBX_CATALOG_PATH TBX_WARM=$TBX_WARM PS1=\"$ \" bash --norc --noprofile -i"
}
tmux_prompt() { # up to 10 s for the shell's prompt to come back
	i=0
	while [ "$(tmux_screen | grep -v "^\$" | tail -n 1)" != "\$" ]; do
		[ $i -lt 100 ] || { tmux_screen >&2; return 1; }
		sleep 0.1; i=$((i + 1))
	done
}

# Up to 10 s for a process of the probe's containers matching $1.
wait_tool() {
	i=0
	while ! probe_top | grep -q "$1" && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
}

# Up to 10 s for no process of the probe's containers to match $1; the
# number left.
tool_gone() {
	i=0
	while probe_top | grep -q "$1" && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	probe_top | grep -c "$1" || true
}

both 'Ctrl-Z stops the call and gives the prompt back; fg resumes it; a closed terminal ends it' '
	need_engine; install_probe
	command -v tmux >/dev/null || { echo "tmux is not installed" >&2; exit 1; }
	if is_warm; then "$SHIMS/true"; fi
	tmux_start
	tmux_type "cd $T/work; sh -c '"'"'echo start; sleep 6; echo done-\$((6*7)); exit 7'"'"'" Enter
	tmux_wait start
	wait_tool "sleep 6"
	tmux_type C-z
	tmux_wait "Stopped"
	probe_top >"$T/top"
	check_eq T "$(awk "\$3 == \"sleep\" && \$4 == 6 { print substr(\$2, 1, 1) }" "$T/top")" ||
		{ cat "$T/top" >&2; false; }
	tmux_type "fg" Enter
	tmux_wait done-42
	tmux_prompt
	tmux_type "echo rc=\$?" Enter
	tmux_wait rc=7
	# stopped, then the terminal closed: the call ends, nothing is left
	tmux_type "sleep 300" Enter
	wait_tool "sleep 300"
	tmux_type C-z
	tmux_wait "Stopped"
	tmux -S "$T/tmux" kill-server
	check_eq 0 "$(tool_gone "sleep 300")"
'

warm 'hung up, terminated or killed, the shim of a call with a TTY ends it' '
	need_engine; install_probe
	"$SHIMS/true"; name=$(kept_containers "$T")
	for sig in HUP TERM KILL; do
		python3 "$TERM_PY" -o "$T/out" -- "$SHIMS/sh" -c "sleep 301" 2>"$T/term.err" &
		kept_wait_for "$name" "sleep 301"
		pkill -"$sig" -f "^$SHIMS/sh -c sleep 301\$"
		wait
		check_eq 0 "$(kept_left "$name")"
	done
'

warm 'a call that kills its own server leaves nothing behind, no zombie' '
	need_engine; install_probe
	"$SHIMS/true"; name=$(kept_containers "$T")
	run "$SHIMS/sh" -c "sleep 302 & sleep 303 & kill -9 \$PPID; wait"
	check_status 125
	check_one_error "probe: kept container * ended during the call"
	check_eq 0 "$(kept_left "$name")"
	"$ENGINE" top "$name" -o pid,stat,args >"$T/top"
	check_eq "" "$(awk "NR > 1 && \$2 ~ /^Z/" "$T/top")"
'

test_done
