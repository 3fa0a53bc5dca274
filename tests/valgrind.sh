#!/bin/sh
# Runs tbx's verbs under valgrind: no leaks, no invalid accesses.
set -eu
cd "$(dirname "$0")/.."
tbx="$PWD/${1:-build}/tbx"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" TBX_HOME="$work/tbx" TBX_CATALOG_PATH="$PWD/tests/catalog"
mkdir -p "$HOME" "$work/proj" && printf '[tools]\nprobe = 2\n' >"$work/proj/.toolbox"
cd "$work/proj"
vg() {
	valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
		--error-exitcode=99 "$@" >/dev/null
}
vg "$tbx" install probe git go maven latex
vg "$tbx" list
vg "$tbx" catalog
vg "$tbx" which cat
TBX_DRY_RUN=1 vg "$tbx" run probe -- cat x
vg "$tbx" uninstall probe
status=0
vg "$tbx" install no-such-tool 2>/dev/null || status=$?
[ "$status" = 125 ] || { echo "valgrind: failing install exited $status, not 125" >&2; exit 1; }

# the registry client, threads and all, against the registry double
fake=$(dirname "$tbx")/fakereg
port=$((30000 + $$ % 20000))
"$fake" "$port" pages "$work/fake.log" &
fake_pid=$!
trap 'kill $fake_pid 2>/dev/null; rm -rf "$work"' EXIT
sleep 0.3
mkdir -p "$work/cat"
for t in a b c; do
	printf 'name: %s\ndescription: d\nimage: 127.0.0.1:%s/x\nversion: "1"\ncommands: [cmd-%s]\n' \
		"$t" "$port" "$t" >"$work/cat/$t.yaml"
done
printf '[tools]\na = 1.0\nb = latest\nc = 1\n' >.toolbox
export TBX_CATALOG_PATH="$work/cat"
vg "$tbx" lock
vg "$tbx" lock --frozen
vg "$tbx" outdated
echo "valgrind: 10 runs clean"
