#!/bin/sh
# Builds a CI-like image, as a CI system's job container would be: a shell,
# the docker CLI (this machine's, with the libraries it links) and the
# shims of a 'tbx export' in /opt/tbx/bin. Nothing is pulled.
#
#   tests/images/ci.sh EXPORT_DIR IMAGE
set -eu

engine=${TBX_TEST_ENGINE:-docker}
export_dir=$1 ref=$2
bb=$(command -v busybox)
cli=$(command -v "$engine")
root=$(mktemp -d "${TMPDIR:-/tmp}/tbx-ci.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/usr/bin" "$root/opt/tbx" "$root/tmp" "$root/root"
chmod 1777 "$root/tmp"
cp "$bb" "$root/bin/busybox"
for applet in $("$bb" --list); do
	[ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done
cp "$cli" "$root/usr/bin/docker"
# the libraries a dynamically linked CLI needs, at the same paths
ldd "$cli" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
	mkdir -p "$root$(dirname "$lib")"
	cp "$lib" "$root$lib"
done
cp -r "$export_dir/bin" "$root/opt/tbx/bin"
tar -C "$root" -c . | "$engine" import --change 'ENV PATH=/bin:/usr/bin' \
	--change 'ENV HOME=/root' - "$ref" >/dev/null
