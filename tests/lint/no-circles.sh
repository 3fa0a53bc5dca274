#!/bin/sh
# Fails when files of shims/ call each other in a circle. Given the objects
# of shims/*.c, a file depends on another when it uses a symbol the other
# defines; tsort finds any circle in those dependencies.
set -eu
[ $# -gt 0 ] || { echo "usage: $0 OBJECT..." >&2; exit 2; }
defs=$(mktemp) edges=$(mktemp)
trap 'rm -f "$defs" "$edges"' EXIT
for o in "$@"; do
	nm --defined-only --extern-only "$o" | awk -v f="$o" 'NF == 3 { print $3, f }'
done | sort >"$defs"
for o in "$@"; do
	nm --undefined-only "$o" | awk '{ print $NF }' | sort -u |
		join - "$defs" | awk -v f="$o" '$2 != f { print $2, f }'
done | sort -u >"$edges"
# every file is a node, with or without dependencies
for o in "$@"; do echo "$o $o"; done >>"$edges"
if ! tsort "$edges" >/dev/null 2>"$defs"; then
	echo "shims/ has a circle of files that call each other:" >&2
	sed -n 's/^tsort: //p' "$defs" | grep -v 'input contains a loop' | awk '!seen[$0]++' |
		sed 's|.*/obj/||; s|\.o$|.c|; s|^|  |' >&2
	exit 1
fi
echo "no circle among $# files of shims/"
