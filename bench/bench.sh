#!/bin/bash
# shellcheck disable=SC2154 # FAKE_* is set by start_fake
# make bench: the shim's own cost, the shim against the command it prints,
# and the shim's size. Figures, not pass/fail.
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
export HOME="$work/home" TBX_HOME="$work/tbx" TBX_CATALOG_PATH="$PWD/tests/catalog"
mkdir -p "$HOME" "$work/proj" && touch "$work/proj/.toolbox"
"$BUILD/tbx" install probe >/dev/null
shim="$TBX_HOME/shims/sh"
cd "$work/proj"

echo "machine: $(nproc) cores, $(uname -r), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "shim size: $(stat -c %s "$shim") bytes (limit 65536)"
echo

echo "(a) shim's own cost: TBX_ENGINE=/bin/true shim vs /bin/true with the same argv, $N runs each"
TBX_DRY_RUN=1 "$shim" -c true >"$work/line"
# /bin/true with the exact argv the shim would give it
eval "set -- $(cat "$work/line")"
shift
TBX_ENGINE=/bin/true "$TOP/$BUILD/timeit" "$N" "$shim" -c true --vs /bin/true "$@" | sed 's/^/    /'
echo "    target: A-B <= 0.3 ms"
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
else
	echo "(b), (d) skipped: no engine reachable"
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
