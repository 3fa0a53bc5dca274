#!/bin/bash
# shellcheck disable=SC2154 # FAKE_* is set by start_fake
# make bench: the shim's own cost against a static exec-only binary, the
# shim against the command it prints, and the shim's size. Figures, not
# pass/fail.
set -eu
cd "$(dirname "$0")/.."
TOP=$PWD
BUILD=${TBX_BUILD:-build}
N=${BENCH_RUNS:-2000}
N_ENGINE=${BENCH_ENGINE_RUNS:-20}
# shellcheck source=tests/registry.sh disable=SC1091
. tests/registry.sh # the registry double; its trap removes REG_DIR
work=$REG_DIR/work
unset CI # it would make 'tbx lock' a frozen check
# cold unless a row says warm: the shim's own cost is its cold path's
export TBX_WARM=0
export HOME="$work/home" TBX_HOME="$work/tbx" TBX_CATALOG_PATH="$PWD/tests/catalog"
mkdir -p "$HOME" "$work/proj" && touch "$work/proj/.toolbox"
"$BUILD/tbx" install probe >/dev/null
shim="$TBX_HOME/shims/sh"
cd "$work/proj"

# (e) One call of the probe tool (sh -c true) each way, in turn, N_ENGINE
# times; every command starts through env(1) so that each pays the same.
warm_table() {
	plain="docker run --rm -i -u $(id -u):$(id -g) -v $PWD:$PWD -w $PWD tbx-test/probe:1"
	echo "(e) per call, $N_ENGINE calls each, in turn: median and p10-p90 in ms"
	echo "    alias = the plain command a bash alias would hold: $plain"
	TBX_WARM=10m "$shim" -c true # the kept container, made before timing
	# shellcheck disable=SC2086 # $plain is split into its words
	"$TOP/$BUILD/timeit" "$N_ENGINE" env busybox sh -c true \
		--vs env TBX_WARM=0 "$shim" -c true \
		--vs env TBX_WARM=10m "$shim" -c true \
		--vs env $plain sh -c true >"$work/table"
	awk 'NR == 2 { cold = $2 }
	     { row[NR] = $0; med[NR] = $2; lo[NR] = $3; hi[NR] = $4 }
	     END {
		split("native (busybox on the host)|cold shim|warm shim|alias (plain docker run)", name, "|")
		printf "    | %-30s | %8s | %15s | %8s |\n", "how", "median", "p10-p90", "vs cold"
		printf "    |%s|%s|%s|%s|\n", "--------------------------------", "----------", "-----------------", "----------"
		for (i = 1; i <= 4; i++)
			printf "    | %-30s | %8.1f | %6.1f - %6.1f | %7.2fx |\n", name[i], med[i], lo[i], hi[i], med[i] / cold
	     }' "$work/table"
	echo "    targets: warm <= 0.3x cold; cold <= 1.02x alias"
	"$TOP/$BUILD/tbx" stop probe >/dev/null
}

# Rows of a timeit table: name|name|... in the order of its commands.
table() { # file names
	awk -v names="$2" '{ med[NR] = $2; lo[NR] = $3; hi[NR] = $4 }
	     END {
		n = split(names, name, "|")
		printf "    | %-36s | %8s | %17s |\n", "how", "median", "p10-p90"
		printf "    |%s|%s|%s|\n", "--------------------------------------", "----------", "-------------------"
		for (i = 1; i <= n; i++)
			printf "    | %-36s | %8.2f | %7.2f - %7.2f |\n", name[i], med[i], lo[i], hi[i]
	     }' "$1"
}

# (g) One call of the probe tool each way, piped and at a terminal (a pty
# of bench/inpty.c, whose pipes the piped rows go through alike).
tty_table() {
	echo "(g) per call, piped and with a terminal, $N_ENGINE calls each, in turn: median and p10-p90 in ms"
	TBX_WARM=10m "$shim" -c true # the kept container, made before timing
	i="$TOP/$BUILD/inpty"
	"$TOP/$BUILD/timeit" "$N_ENGINE" "$i" -p busybox sh -c true --vs "$i" -t busybox sh -c true \
		--vs "$i" -p env TBX_WARM=0 "$shim" -c true --vs "$i" -t env TBX_WARM=0 "$shim" -c true \
		--vs "$i" -p env TBX_WARM=10m "$shim" -c true --vs "$i" -t env TBX_WARM=10m "$shim" -c true \
		>"$work/tty"
	table "$work/tty" "native, piped|native, at a terminal|cold shim, piped|cold shim, at a terminal|warm shim, piped|warm shim, at a terminal"
	awk 'NR == 5 { p = $2 } NR == 6 { printf "    warm at a terminal / warm piped: %.2f (target <= 1.5)\n", $2 / p }' "$work/tty"
	"$TOP/$BUILD/tbx" stop probe >/dev/null
}

# (h) git status in a small repository, with Debian's git in the image
# tests/images/real.sh builds (as make check does), and on the host.
git_table() {
	ref=$("$TOP/tests/images/real.sh" git) || { echo "(h) skipped: no git image"; return 0; }
	mkdir -p "$work/gitcat" "$work/repo"
	sed -e "s|^image: .*|image: ${ref%:*}|" -e "s|^version: .*|version: \"${ref##*:}\"|" \
		-e "/^tag: /d" "$TOP/catalog/git.yaml" >"$work/gitcat/git.yaml"
	TBX_CATALOG_PATH="$work/gitcat" "$TOP/$BUILD/tbx" install git >/dev/null
	g="$TBX_HOME/shims/git" i="$TOP/$BUILD/inpty"
	(
		cd "$work/repo"
		git init -q && echo a >a && git add a &&
			git -c user.name=b -c user.email=b@x commit -q -m a && echo b >b
		TBX_WARM=10m "$g" status >/dev/null # the kept container, made before timing
		echo "(h) git status in a small repository, $N_ENGINE calls each, in turn: median and p10-p90 in ms"
		"$TOP/$BUILD/timeit" "$N_ENGINE" "$i" -p git status --vs "$i" -t git status \
			--vs "$i" -p env TBX_WARM=0 "$g" status --vs "$i" -t env TBX_WARM=0 "$g" status \
			--vs "$i" -p env TBX_WARM=10m "$g" status --vs "$i" -t env TBX_WARM=10m "$g" status >"$work/git"
		table "$work/git" "native git, piped|native git, at a terminal|cold shim, piped|cold shim, at a terminal|warm shim, piped|warm shim, at a terminal"
	)
	"$TOP/$BUILD/tbx" stop git >/dev/null
}

# (f) What each default of the cold path costs: docker run of the probe
# image with one option added at a time.
default_costs() {
	echo "(f) docker run --rm -i, one option added at a time, $N_ENGINE runs each: median ms"
	set -- "" "--network host" "--network none" "--init" "-u $(id -u):$(id -g)" \
		"--label tbx.tool=probe --label tbx.owner=x" \
		"--mount type=bind,src=$PWD,dst=$PWD -w $PWD"
	echo "    (the mount: the project at its own path, and -w there)"
	args=
	for opt in "$@"; do
		# shellcheck disable=SC2086 # each option is split into its words
		args="$args --vs docker run --rm -i $opt tbx-test/probe:1 true"
	done
	# shellcheck disable=SC2086
	"$TOP/$BUILD/timeit" "$N_ENGINE" ${args# --vs } >"$work/costs"
	i=0
	for opt in "$@"; do
		i=$((i + 1))
		case $opt in --mount*) opt="--mount <project> -w <project>" ;; esac
		awk -v i="$i" -v opt="${opt:-(none: the bridge network)}" '
			NR == 1 { base = $2 }
			NR == i { printf "    %-45s %7.1f  %+7.1f\n", opt, $2, $2 - base }' "$work/costs"
	done
}

echo "machine: $(nproc) cores, $(uname -r), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
size=$(stat -c %s "$shim")
echo "shim size: $size bytes (budget 131072: $([ "$size" -le 131072 ] && echo met || echo NOT MET))"
echo

echo "(a) shim's own cost, $N runs each, in turn: median and p10-p90 in ms"
TBX_DRY_RUN=1 "$shim" -c true >"$work/line"
# /bin/true with the exact argv the shim would give it
eval "set -- $(cat "$work/line")"
shift
TBX_ENGINE=/bin/true "$TOP/$BUILD/timeit" "$N" /bin/true "$@" \
	--vs "$TOP/$BUILD/execonly" /bin/true "$@" \
	--vs "$shim" -c true >"$work/own"
awk '{ med[NR] = $2; lo[NR] = $3; hi[NR] = $4 }
     END {
	split("/bin/true, the engine'"'"'s argv|a static exec-only binary in front|the shim in front (TBX_ENGINE=/bin/true)", name, "|")
	for (i = 1; i <= 3; i++)
		printf "    %-48s %6.3f  (%.3f - %.3f)\n", name[i], med[i], lo[i], hi[i]
	printf "    the shim'"'"'s own cost: %.3f ms over the exec-only binary (%.3f ms over /bin/true alone)\n", med[3] - med[2], med[3] - med[1]
     }' "$work/own"
echo

if docker info >/dev/null 2>&1; then
	"$TOP/tests/images/build.sh"
	echo "(b) shim vs the printed engine command run directly, interleaved, $N_ENGINE runs each"
	eval "set -- $(cat "$work/line")"
	"$TOP/$BUILD/timeit" "$N_ENGINE" "$shim" -c true --vs "$@" | sed 's/^/    /'
	echo "    target: A/B <= 1.02"
	echo
	echo "(d) 100 shims at once, as make -j starts them; each one's status checked"
	t0=$(date +%s%N) pids='' failed=0
	for i in $(seq 1 100); do "$shim" -c "exit $((i % 2))" & pids="$pids $!"; done
	i=1
	for p in $pids; do
		st=0; wait "$p" || st=$?
		[ "$st" = $((i % 2)) ] || failed=$((failed + 1))
		i=$((i + 1))
	done
	echo "    100 calls in $(( ($(date +%s%N) - t0) / 1000000 )) ms wall time, $failed wrong"
	echo
	warm_table
	echo
	tty_table
	echo
	git_table
	echo
	default_costs
else
	echo "(b), (d), (e), (f), (g), (h) skipped: no engine reachable"
fi

echo
echo "(c) tbx lock: 20 tools against 1, registry double on loopback adding 50 ms per request"
start_fake slow
mkdir -p "$work/cat" "$work/one" "$work/twenty"
printf '[tools]\n' >"$work/twenty/.toolbox"
for i in $(seq -w 1 20); do
	printf 'name: t%s\ndescription: bench\nimage: %s/x\nversion: "1"\ncommands: [t%s]\n' \
		"$i" "$FAKE_slow" "$i" >"$work/cat/t$i.yaml"
	echo "t$i = 1.0" >>"$work/twenty/.toolbox"
done
printf '[tools]\nt01 = 1.0\n' >"$work/one/.toolbox"
export TBX_CATALOG_PATH="$work/cat"
lock_in() { echo "cd '$1' && rm -f .toolbox.lock && '$TOP/$BUILD/tbx' lock"; }
"$TOP/$BUILD/timeit" 5 sh -c "$(lock_in "$work/twenty")" --vs sh -c "$(lock_in "$work/one")" | sed 's/^/    /'
echo "    target: A/B <= 2"
if command -v skopeo >/dev/null; then
	t0=$(date +%s%N)
	for i in $(seq 1 20); do
		skopeo inspect --raw --tls-verify=false "docker://$FAKE_slow/x:1.0.10" >/dev/null
	done
	t1=$(date +%s%N)
	echo "    skopeo inspect --raw, the same 20 one by one: $(( (t1 - t0) / 1000000 )) ms"
fi
