#!/bin/sh
# Runs every test: the C unit tests, then the shell tests against the real
# engine. Ends with one line "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${TBX_BUILD:-build}
results=$(mktemp)
export TBX_BUILD="$BUILD" TBX_TEST_RESULTS="$results"

if "${TBX_TEST_ENGINE:-docker}" info >/dev/null 2>&1; then
	if ! tests/images/build.sh; then
		echo "not ok - building the test images"
		echo fail >>"$results"
	fi
fi
# A test program that dies before reporting (a sanitizer abort, an error at
# its top level) still counts as a failure.
counted() {
	before=$(grep -c '^fail' "$results")
	"$@"
	rc=$?
	if [ "$rc" -ne 0 ] && [ "$(grep -c '^fail' "$results")" = "$before" ]; then
		echo "not ok - $1 exited with status $rc"
		echo fail >>"$results"
	fi
}

counted "$BUILD/unit-tests"
for t in tests/t/*.sh; do
	[ -n "${TBX_TEST_ONLY:-}" ] && case $t in *$TBX_TEST_ONLY*) ;; *) continue ;; esac
	counted "$t"
done
pass=$(grep -c '^pass' "$results")
fail=$(grep -c '^fail' "$results")
skip=$(grep -c '^skip' "$results")
rm -f "$results"
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
