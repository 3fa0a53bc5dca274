#!/bin/sh
# tbx prune: the images of pins no place uses go, with the directories of
# tools that are gone; what a known place, the global file, an installed
# tool or a container uses stays. Each test has a catalog of its own, so
# that the suite's images are never candidates.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

# Two tools, px and py, in a catalog of the test's alone.
prune_catalog() {
	mkdir -p "$T/cat"
	for t in px py; do
		printf 'name: %s\ndescription: prune test\nimage: tbx-test/prune-%s\nversion: "1.0"\ncommands: [%scmd]\n' \
			"$t" "$t" "$t" >"$T/cat/$t.yaml"
	done
	export TBX_CATALOG_PATH="$T/cat"
}

# An image of its own content (no two share an ID) under each name given.
image() {
	first=$1
	mkdir -p "$T/img"
	echo "$first" >"$T/img/content"
	tar -C "$T/img" -c . | "$ENGINE" import - "$first" >/dev/null
	shift
	for name in "$@"; do "$ENGINE" tag "$first" "$name"; done
}

has() { "$ENGINE" image inspect "$1" >/dev/null 2>&1; }

# The test's images and containers, whatever the test left.
prune_cleanup() {
	"$ENGINE" ps -aq --filter label=tbx.test.prune | xargs -r "$ENGINE" rm -f >/dev/null
	"$ENGINE" images --format '{{.Repository}}:{{.Tag}}' |
		grep -E '^tbx-test/(prune-|mine)' | xargs -r "$ENGINE" rmi -f >/dev/null 2>&1 || true
}

test_case 'the images of pins no place uses go; those of places, the global file, shims and containers stay' '
	need_engine
	prune_catalog
	trap prune_cleanup EXIT
	for v in 1.0 0.9 0.8 0.5; do image tbx-test/prune-px:$v; done
	for v in 1.5 1.2 1.0; do image tbx-test/prune-py:$v; done
	image tbx-test/prune-px:0.7 tbx-test/mine:0.7
	"$ENGINE" create --label tbx.test.prune=1 tbx-test/prune-px:0.5 /none >/dev/null
	"$TBX" install px >/dev/null
	mkdir -p a b && git init -q a
	(cd a && echo "px 0.9" >.tool-versions && "$TBX" install >/dev/null)
	(cd b && printf "[tools]\npy = 1.5\n" >.toolbox && "$TBX" install >/dev/null)
	mkdir -p "$HOME/.config/tbx"
	printf "[tools]\npy = 1.2\n" >"$HOME/.config/tbx/toolbox"
	check_eq "$T/work/a
$T/work/b" "$(cat "$HOME/.local/state/tbx/projects")"
	cd /
	run "$TBX" prune --dry-run; check_status 0
	check_match "would untag tbx-test/prune-px:0.7 (another repository'"'"'s name keeps sha256:????????????)
would remove tbx-test/prune-px:0.8 (sha256:????????????, *B)
would remove tbx-test/prune-py:1.0 (sha256:????????????, *B)
2 images (*B) and 0 tool directories (0B) to remove; kept 5 images in use (from 4 places, or by a container)" "$out"
	check_eq "" "$err"
	has tbx-test/prune-px:0.8 && has tbx-test/prune-py:1.0 && has tbx-test/prune-px:0.7
	run "$TBX" prune; check_status 0
	check_match "untagged tbx-test/prune-px:0.7 *
removed tbx-test/prune-px:0.8 *
removed tbx-test/prune-py:1.0 *
2 images (*B) and 0 tool directories (0B) removed; kept 5 images *" "$out"
	for gone in px:0.8 px:0.7 py:1.0; do
		if has tbx-test/prune-$gone; then echo "$gone is still here" >&2; false; fi
	done
	for kept in px:1.0 px:0.9 px:0.5 py:1.5 py:1.2; do has tbx-test/prune-$kept; done
	has tbx-test/mine:0.7
	run "$TBX" prune; check_status 0
	check_eq "nothing to remove; kept 5 images in use (from 4 places, or by a container)" "$out"
'

test_case 'a place that is gone is forgotten; a version a place cannot read keeps every image of its tool' '
	need_engine
	prune_catalog
	trap prune_cleanup EXIT
	image tbx-test/prune-px:0.8
	image tbx-test/prune-py:0.8
	mkdir -p gone bad
	(cd gone && echo "px 0.8" >.tool-versions && "$TBX" install >/dev/null)
	(cd bad && echo "py 0.8" >.tool-versions && "$TBX" install >/dev/null &&
		echo "py lts" >.tool-versions)
	"$TBX" uninstall py >/dev/null
	mkdir -p "$HOME/.cache/tbx/py/home"
	rm -r gone
	cd /
	run "$TBX" prune; check_status 0
	check_one_error "prune: warning: py: $T/work/bad/.tool-versions:1: *; every image of py and its directory are kept"
	check_match "removed tbx-test/prune-px:0.8 *" "$out"
	has tbx-test/prune-py:0.8
	test -d "$HOME/.cache/tbx/py/home"
	check_eq "$T/work/bad" "$(cat "$HOME/.local/state/tbx/projects")"
'

test_case 'the directory of a tool without shims or pins goes, links in it never followed; others stay' '
	need_engine
	prune_catalog
	trap prune_cleanup EXIT
	"$TBX" install px >/dev/null
	mkdir -p "$HOME/.config/tbx"
	printf "[tools]\npy = 1.2\n" >"$HOME/.config/tbx/toolbox"
	c=$HOME/.cache/tbx
	mkdir -p "$c/px/home" "$c/py/home" "$c/old/home/ro/deep" "$c/boxed/home" \
		"$c/.pruned-old-1/x"
	echo data >"$c/old/home/ro/deep/file"
	echo outside >"$T/outside"
	ln -s "$T/outside" "$c/old/home/link"
	ln -s "$T" "$c/old/home/dirlink"
	chmod 0555 "$c/old/home/ro/deep"
	chmod 0 "$c/old/home/ro"
	echo x >"$c/notadir"
	ln -s "$T" "$c/alink"
	"$ENGINE" create --label tbx.test.prune=1 --label tbx.tool=boxed "$PROBE:1" /none >/dev/null
	run "$TBX" prune --dry-run; check_status 0
	check_match "would remove $c/.pruned-old-1 (*B): left by an earlier prune
would remove $c/old (*B): no shims, and pinned nowhere tbx knows
0 images (0B) and 2 tool directories (*B) to remove; *" "$out"
	# untouched: a directory of mode 0 is made usable only to be removed
	check_eq "0" "$(stat -c %a "$c/old/home/ro")"
	run "$TBX" prune; check_status 0
	check_match "removed $c/.pruned-old-1 *
removed $c/old (*B): no shims, and pinned nowhere tbx knows
0 images (0B) and 2 tool directories (*B) removed; *" "$out"
	check_eq "alink boxed notadir px py" "$(ls -A "$c" | paste -sd" ")"
	check_eq outside "$(cat "$T/outside")"
	test -d "$T/work"
'

test_case 'a mount point in a tool directory stops its removal: a line each, the rest done, exit 125' '
	need_engine
	need_root
	prune_catalog
	c=$HOME/.cache/tbx
	mkdir -p "$c/stuck/home/mnt" "$c/bound/home/mnt" "$c/unused/home" "$T/theirs"
	echo mine >"$T/theirs/file"
	# each, the renamed ones too (* leaves out names that begin with a dot)
	trap "for m in $c/*/home/mnt $c/.pruned-*/home/mnt; do umount -l \"\$m\" 2>/dev/null || true; done" EXIT
	mount -t tmpfs tbx-test "$c/stuck/home/mnt"
	# a bind mount of the same file system: the same st_dev
	mount --bind "$T/theirs" "$c/bound/home/mnt"
	echo x >"$c/stuck/home/mnt/file"
	run "$TBX" prune; check_status 125
	check_eq 2 "$(printf "%s\n" "$err" | wc -l)"
	check_match "*tbx: prune: cannot remove $c/.pruned-bound-*/home/mnt: Invalid cross-device link; it is a mount point: unmount it*" "$err"
	check_match "*tbx: prune: cannot remove $c/.pruned-stuck-*/home/mnt: Invalid cross-device link; it is a mount point: unmount it*" "$err"
	check_match "removed $c/unused (*B): *
0 images (0B) and 1 tool directory (*B) removed; *" "$out"
	check_eq x "$(cat "$c"/.pruned-stuck-*/home/mnt/file)"
	check_eq mine "$(cat "$T/theirs/file")"
	test ! -e "$c/unused"
'

test_case 'a version that cannot be read anywhere keeps every tool'"'"'s directory' '
	need_engine
	prune_catalog
	"$TBX" install px >/dev/null
	mkdir -p "$HOME/.cache/tbx/px/home" "$HOME/.config/tbx"
	printf "[tools\npy = 1.2\n" >"$HOME/.config/tbx/toolbox"
	mkdir -p "$HOME/.cache/tbx/py/home"
	run "$TBX" prune; check_status 0
	check_match "*warning: px: *; every image of px and its directory are kept*" "$err"
	check_match "*warning: py: *; every image of py and its directory are kept*" "$err"
	test -d "$HOME/.cache/tbx/px/home" && test -d "$HOME/.cache/tbx/py/home"
'

test_case 'an engine that removes nothing and says nothing: an error, never removed' '
	need_engine
	prune_catalog
	mkdir -p "$T/bin"
	# lists one image of the catalog'"'"'s, then fails every other question;
	# named podman, it is asked through its client alone, not docker'"'"'s
	# socket
	cp "$TOP/tests/helpers/silent-engine" "$T/bin/podman"
	run env TBX_ENGINE="$T/bin/podman" "$TBX" prune; check_status 125
	check_one_error "prune: the engine does not say whether sha256:000000000000 is gone; is it running?"
	check_match "nothing to remove; *" "$out"
'

test_case 'TBX_<TOOL>_VERSION keeps its image, and every place is planned without it' '
	need_engine
	prune_catalog
	trap prune_cleanup EXIT
	for v in 1.0 0.9 0.3; do image tbx-test/prune-px:$v; done
	"$TBX" install px >/dev/null
	mkdir a && (cd a && echo "px 0.9" >.tool-versions && "$TBX" install >/dev/null)
	run env TBX_PX_VERSION=0.3 "$TBX" prune --dry-run; check_status 0
	check_eq "nothing to remove; kept 3 images in use (from 3 places, or by a container)" "$out"
	run "$TBX" prune --dry-run; check_status 0
	check_match "would remove tbx-test/prune-px:0.3 *" "$out"
'

test_case 'prune: usage, and an engine that does not answer' '
	run "$TBX" prune --all; check_status 2
	check_one_error "prune: usage: tbx prune \[--dry-run\]*"
	run env TBX_ENGINE=/nonexistent/docker "$TBX" prune; check_status 125
	check_one_error "prune: *"
'

test_done
