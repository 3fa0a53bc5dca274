#!/bin/sh
# make bench: the shim's own cost, the shim against the command it prints,
# and the shim's size. Figures, not pass/fail.
set -eu
cd "$(dirname "$0")/.."
TOP=$PWD
BUILD=${TBX_BUILD:-build}
N=${BENCH_RUNS:-2000}
N_ENGINE=${BENCH_ENGINE_RUNS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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
else
	echo "(b) skipped: no engine reachable"
fi
