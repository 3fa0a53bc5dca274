#!/bin/sh
# make deb: the package a user installs with apt, tried on a clean Debian
# (built from this machine's apt sources, nothing pulled): apt resolves its
# dependencies, and its tbx and a shim it writes run there against the
# host's engine, as in a CI job's container. The package is always the
# plain build's (a sanitizer's runtime is no dependency to ship): make
# check SANITIZE=1 hands SANITIZE down in the environment.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

test_case 'make deb: declared libraries, an engine recommended, the files where Debian keeps them' '
	deb=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u SANITIZE make -s -C "$TOP" deb | tail -n 1)
	case $deb in /*) ;; *) deb=$TOP/$deb ;; esac
	check_match "*/tbx_*_$(dpkg --print-architecture).deb" "$deb"
	check_match "*libcurl4*libinih1*libjansson4*libyaml-0-2*" "$(dpkg-deb -f "$deb" Depends)"
	check_eq "docker.io | podman" "$(dpkg-deb -f "$deb" Recommends)"
	dpkg-deb -c "$deb" | awk "{ print \$6 }" >"$T/files"
	for f in ./usr/bin/tbx ./usr/share/tbx/catalog/go.yaml ./usr/share/man/man1/tbx.1.gz \
		./usr/share/man/man5/toolbox.5.gz ./usr/share/bash-completion/completions/tbx \
		./usr/share/zsh/vendor-completions/_tbx ./usr/share/fish/vendor_completions.d/tbx.fish; do
		grep -qx "$f" "$T/files" || { echo "the package lacks $f" >&2; false; }
	done
'

test_case 'the package installs with apt on a clean Debian; its tbx and a shim run there' '
	need_engine
	deb=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u SANITIZE make -s -C "$TOP" deb | tail -n 1)
	case $deb in /*) ;; *) deb=$TOP/$deb ;; esac
	base=$("$TOP/tests/images/real.sh" debian)
	mkdir -p "$T/ws" && printf "[tools]\nprobe = 2\n" >"$T/ws/.toolbox"
	run "$ENGINE" run --rm --network host -v "$deb:/tmp/tbx.deb:ro" \
		-v /var/run/docker.sock:/var/run/docker.sock \
		-v "$(command -v "$ENGINE"):/usr/bin/docker:ro" \
		-v "$TOP/tests/catalog:/probe-catalog:ro" -e TBX_CATALOG_PATH=/probe-catalog \
		-v "$T/ws:/ws" -w /ws "$base" sh -c "
			apt-get update -qq && apt-get install -y -qq --no-install-recommends /tmp/tbx.deb >/dev/null &&
			tbx version && test -x /usr/bin/tbx && tbx catalog | grep -c ^go &&
			tbx install probe && /root/.local/share/tbx/shims/cat /etc/probe-version &&
			dpkg -s tbx | grep ^Status"
	check_status 0
	check_match "tbx 0.*
1
installed probe 1: sh cat *
2
Status: install ok installed" "$out"
'
test_done
