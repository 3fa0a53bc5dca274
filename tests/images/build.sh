#!/bin/sh
# Builds the images the tests run, locally and never pulled: tbx-test/probe:1
# and :2, Debian's static busybox on an empty root, differing only in
# /etc/probe-version, and :ep, whose entrypoint sets PROBE_EP. An image is
# rebuilt only when its content key changes.
set -eu

engine=${TBX_TEST_ENGINE:-docker}
bb=$(command -v busybox || true)
if [ -z "$bb" ] || ldd "$bb" >/dev/null 2>&1; then
	echo "tests: a static busybox is needed (apt-get install busybox-static)" >&2
	exit 1
fi
key=$(cat "$bb" "$0" | sha256sum | cut -c1-16)

for v in 1 2 ep; do
	ref=tbx-test/probe:$v
	have=$("$engine" image inspect -f '{{index .Config.Labels "tbx.test.key"}}' \
		"$ref" 2>/dev/null || true)
	[ "$have" = "$key" ] && continue
	root=$(mktemp -d)
	mkdir -p "$root/bin" "$root/etc" "$root/tmp"
	chmod 1777 "$root/tmp"
	cp "$bb" "$root/bin/busybox"
	for applet in $("$bb" --list); do
		[ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
	done
	echo "$v" >"$root/etc/probe-version"
	ep='ENTRYPOINT []'
	[ "$v" = ep ] && ep='ENTRYPOINT ["/bin/env", "PROBE_EP=from the entrypoint"]'
	tar -C "$root" -c . | "$engine" import --change 'ENV PATH=/bin' \
		--change "$ep" --change "LABEL tbx.test.key=$key" - "$ref" >/dev/null
	rm -rf "$root"
done
