#!/bin/bash
# shellcheck disable=SC2154 # FAKE_* is set by start_fake
# Runs tbx's verbs under valgrind: no leaks, no invalid accesses.
set -eu
cd "$(dirname "$0")/.."
TOP=$PWD BUILD=${1:-build}
tbx="$TOP/$BUILD/tbx"
# shellcheck source=tests/registry.sh disable=SC1091
. tests/registry.sh # the registry double; its trap removes REG_DIR
work=$REG_DIR/work
unset CI # it would make 'tbx lock' a frozen check
export HOME="$work/home" TBX_HOME="$work/tbx" TBX_CATALOG_PATH="$PWD/tests/catalog"
mkdir -p "$HOME" "$work/proj" && printf '[tools]\nprobe = 2\n' >"$work/proj/.toolbox"
cd "$work/proj"
runs=0
vg() {
	runs=$((runs + 1))
	valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
		--error-exitcode=99 "$@" >/dev/null
}
vg "$tbx" install probe git go maven latex
vg "$tbx" list
vg "$tbx" catalog
vg "$tbx" which cat
TBX_DRY_RUN=1 vg "$tbx" run probe -- cat x
vg "$tbx" list --json
vg "$tbx" which --json cat
vg "$tbx" catalog --json
# a kept container for ps and stop to find
if docker info >/dev/null 2>&1; then
	TBX_WARM=1m "$TBX_HOME/shims/true"
	vg "$tbx" ps >/dev/null
	vg "$tbx" stop no-such-tool >/dev/null
	vg "$tbx" stop probe >/dev/null
fi
TBX_WARM=1m vg "$tbx" which true >/dev/null
vg "$tbx" add git@2.45 probe@2
vg "$tbx" remove git
printf '[tool.probe]\nenv.X = 1\nmounts = ~/m:/m:ro\n' >>.toolbox
vg "$tbx" trust
vg "$tbx" trust --list
TBX_DRY_RUN=1 vg "$tbx" run probe -- cat x
vg "$tbx" trust --revoke
vg "$tbx" export --dir "$work/export" probe
vg "$tbx" completion bash
# doctor may find this machine wanting (exit 1); valgrind's verdict is 99
status=0
vg "$tbx" doctor || status=$?
[ "$status" != 99 ] || exit 1
vg "$tbx" gc --dry-run
# dry: the suite's images are the catalog's here
mkdir -p "$HOME/.cache/tbx/unused/home/a"
vg "$tbx" prune --dry-run
vg "$tbx" help lock
vg "$tbx" uninstall probe
status=0
vg "$tbx" install no-such-tool 2>/dev/null || status=$?
[ "$status" = 2 ] || { echo "valgrind: failing install exited $status, not 2" >&2; exit 1; }

# the registry client, threads and all, against the registry double
start_fake pages
mkdir -p "$work/cat"
for t in a b c; do
	printf 'name: %s\ndescription: d\nimage: %s/x\nversion: "1"\ncommands: [cmd-%s]\n' \
		"$t" "$FAKE_pages" "$t" >"$work/cat/$t.yaml"
done
printf '[tools]\na = 1.0\nb = latest\nc = 1\n' >.toolbox
export TBX_CATALOG_PATH="$work/cat"
vg "$tbx" lock
vg "$tbx" lock --frozen
vg "$tbx" outdated
echo "valgrind: $runs runs clean"
