# shellcheck shell=sh
# Shell test library, sourced by tests/t/*.sh: each test runs its body in a
# subshell with `set -e`, in a fresh directory with its own HOME and TBX_HOME.
#
#   test_case 'what it checks' '
#       body; check_eq expected "$actual"
#   '
#
# Results go to $TBX_TEST_RESULTS (one word per test: pass, fail or skip).

TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${TBX_BUILD:-build}
TBX="$TOP/$BUILD/tbx"
TBX_TEST_RESULTS=${TBX_TEST_RESULTS:-/dev/null}
ENGINE=${TBX_TEST_ENGINE:-docker}
PROBE=tbx-test/probe
FILE=$(basename "$0" .sh)
# CI=true would make every 'tbx lock' a frozen check; tests set it themselves.
unset TBX_ENGINE TBX_DRY_RUN TBX_PROBE_VERSION XDG_CACHE_HOME XDG_DATA_HOME \
	TBX_CATALOG_PATH TBX_BUILTIN_CATALOG DOCKER_CONTEXT PROBE_PASS CI TBX_FROZEN \
	TBX_WARM TBX_HOST TBX_GIT_CREDENTIAL_HELPER XDG_CONFIG_HOME
# What every tool is given of the user's environment, made the same on
# every machine: the tests that check it set it themselves.
unset EDITOR VISUAL PAGER LESS LANG LANGUAGE GIT_EDITOR GIT_SEQUENCE_EDITOR \
	GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL \
	GIT_ASKPASS SSH_ASKPASS GNUPGHOME GPG_TTY
for v in $(env | sed -n 's/^\(LC_[A-Za-z_]*\)=.*/\1/p'); do unset "$v"; done
export TZ=UTC
# Calls are cold unless a file of tests run in warm mode sets TBX_TEST_WARM
# to the idle time; the tests of warm mode's default unset TBX_WARM.
export TBX_WARM="${TBX_TEST_WARM:-0}"
[ -n "${TBX_TEST_KEEP_DOCKER_HOST:-}" ] || unset DOCKER_HOST
export TBX TOP PROBE ENGINE

# Whether calls run in kept containers: TBX_WARM set to an idle time.
is_warm() { [ -n "${TBX_WARM:-}" ] && [ "$TBX_WARM" != 0 ]; }

engine_ok=
engine_reachable() {
	[ -n "$engine_ok" ] || { "$ENGINE" info >/dev/null 2>&1 && engine_ok=yes || engine_ok=no; }
	[ "$engine_ok" = yes ]
}

# In a test body: skip unless root, for a case that gives files away to
# other users, acts as another user or mounts a file system.
need_root() {
	[ "$(id -u)" = 0 ] && return 0
	echo "skip: needs root (other users' files, or a mount)" >&3
	exit 77
}

# In a test body: skip (TBX_TEST_NO_ENGINE=1) or fail when no engine answers.
need_engine() {
	engine_reachable && return 0
	if [ "${TBX_TEST_NO_ENGINE:-}" = 1 ]; then
		echo "skip: no engine" >&3
		exit 77
	fi
	echo "no container engine reachable ('$ENGINE info' failed); set TBX_TEST_NO_ENGINE=1 to skip" >&2
	exit 1
}

check_eq() {
	[ "$1" = "$2" ] && return 0
	printf 'expected: %s\n     got: %s\n' "$1" "$2" >&2
	return 1
}

# shellcheck disable=SC2254 # the pattern is a glob on purpose
check_match() { # pattern string
	case "$2" in $1) return 0 ;; esac
	printf 'expected to match: %s\n                got: %s\n' "$1" "$2" >&2
	return 1
}

# Run a command, keeping status, stdout and stderr in $status $out $err.
run() {
	set +e
	"$@" >"$T/.out" 2>"$T/.err"
	status=$?
	set -e
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

check_status() {
	[ "$status" = "$1" ] && return 0
	printf 'expected status %s, got %s\nstdout: %s\nstderr: %s\n' "$1" "$status" "$out" "$err" >&2
	return 1
}

# The error contract: one line, "tbx: " first.
check_one_error() {
	check_eq 1 "$(printf '%s\n' "$err" | wc -l)"
	check_match "tbx: $1" "$err"
}

# Containers left from the probe images, kept containers of warm mode
# aside.
probe_containers() {
	"$ENGINE" ps -a --filter "ancestor=$PROBE:1" --filter "ancestor=$PROBE:2" \
		--format '{{.Label "tbx.warm"}}' | grep -c '^$' || true
}

# The processes of the probe's containers: pid, state, command. One that
# ends meanwhile is left out.
probe_top() {
	for c in $("$ENGINE" ps -q --filter label=tbx.tool=probe); do
		"$ENGINE" top "$c" -o pid,stat,args 2>/dev/null || true
	done
}

# The kept containers of warm mode whose project, or (for a call with no
# project) whose tool's directory, is under directory $1.
kept_containers() {
	"$ENGINE" ps -a --filter label=tbx.warm \
		--format '{{.Names}} {{.Label "tbx.project"}} {{.Label "tbx.cache"}}' |
		awk -v d="$1" 'index($2, d) == 1 || index($3, d) == 1 { print $1 }'
}

# The processes in kept container $1, its init and watcher aside (a child
# of the watcher, serving a call, counts, as does anything init adopted).
kept_processes() {
	"$ENGINE" top "$1" -o pid,ppid,args | awk '
		NR == 1 { next }
		/docker-init/ { init = $1; next }
		{ line[NR] = $0; ppid[NR] = $2; watcher[NR] = /\/run\/tbx\/warm -w / }
		END { for (i in line) if (ppid[i] != init || !watcher[i]) print line[i] }'
}

# Wait up to 10 s for a process matching $2 in kept container $1.
kept_wait_for() {
	i=0
	while ! kept_processes "$1" | grep -q "$2" && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
}

# How many processes kept container $1 still holds, its init and watcher
# aside, once they are gone or 5 s have passed.
kept_left() {
	i=0
	while [ "$(kept_processes "$1" | wc -l)" -gt 0 ] && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	kept_processes "$1" | wc -l
}

# The tmux session t of a test (its socket $T/tmux, started by the test's
# own tmux_start): keys typed, the screen, and up to 10 s for a text on it.
tmux_type() { tmux -S "$T/tmux" send-keys -t t "$@"; }
tmux_screen() { tmux -S "$T/tmux" capture-pane -p -t t; }
tmux_wait() {
	i=0
	while ! tmux_screen | grep -qF -- "$1"; do
		[ $i -lt 100 ] || { tmux_screen >&2; return 1; }
		sleep 0.1; i=$((i + 1))
	done
}

install_probe() {
	"$TBX" install probe >/dev/null
}

n_pass=0 n_fail=0 n_skip=0
test_case() {
	name=$1
	T=$(mktemp -d "${TMPDIR:-/tmp}/tbx-test.XXXXXX")
	mkdir -p "$T/home" "$T/work"
	log="$T/.log"
	(
		export T HOME="$T/home" TBX_HOME="$T/tbx" SHIMS="$T/tbx/shims"
		export TBX_CATALOG_PATH="$TOP/tests/catalog"
		cd "$T/work"
		set -e; [ -n "${TBX_TEST_TRACE:-}" ] && set -x
		eval "$2"
	) >"$log" 2>&1 3>>"$log"
	rc=$?
	# a terminal a failed test left, and the calls still running in it
	[ ! -S "$T/tmux" ] || tmux -S "$T/tmux" kill-server 2>/dev/null || true
	# kept containers outlive their test; files that make them say so
	if { is_warm || [ -n "${TBX_TEST_KEPT:-}" ]; } && engine_reachable; then
		kept=$(kept_containers "$T")
		# shellcheck disable=SC2086 # one name per word
		[ -z "$kept" ] || "$ENGINE" rm -f $kept >/dev/null 2>&1
	fi
	case $rc in
	0) n_pass=$((n_pass + 1)); echo pass >>"$TBX_TEST_RESULTS"; echo "ok - $FILE: $name" ;;
	77) n_skip=$((n_skip + 1)); echo skip >>"$TBX_TEST_RESULTS"; echo "ok - $FILE: $name # SKIP" ;;
	*) n_fail=$((n_fail + 1)); echo fail >>"$TBX_TEST_RESULTS"; echo "not ok - $FILE: $name"
	   sed 's/^/#   /' "$log" ;;
	esac
	chmod -R u+w "$T" 2>/dev/null
	rm -rf "$T" 2>/dev/null || true
}

test_done() {
	[ "$n_fail" = 0 ]
}
