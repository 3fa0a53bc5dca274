#!/bin/sh
# Runs each libFuzzer target for a while from its seed corpus (new inputs go
# to a scratch copy: the repository keeps only the seeds). A crash leaves
# its input in the build directory and fails the run; a crash input goes
# into tests/fuzz/regress/<target>/ once fixed, and is replayed every time.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS TARGET...
set -eu
cd "$(dirname "$0")/../.."
build=$1 seconds=$2
shift 2
work=$(mktemp -d "${TMPDIR:-/tmp}/tbx-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
for t; do
	mkdir -p "$work/$t"
	cp tests/fuzz/corpus/"$t"/* "$work/$t/"
	if [ -d "tests/fuzz/regress/$t" ]; then
		"$build/fuzz-$t" tests/fuzz/regress/"$t"/* >"$work/$t.regress" 2>&1 ||
			{ cat "$work/$t.regress"; echo "fuzz: $t: a regression input fails again" >&2; exit 1; }
	fi
	if ! "$build/fuzz-$t" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
		-artifact_prefix="$build/crash-$t-" "$work/$t" >"$work/$t.log" 2>&1; then
		tail -n 40 "$work/$t.log"
		echo "fuzz: $t: crashed; the input is in $build/crash-$t-*" >&2
		exit 1
	fi
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work/$t.log")
	echo "fuzz: $t: ${runs:-?} runs in ${seconds} s, no crash"
done
