#!/bin/sh
# Sets tbx up on this machine: what it needs to build and run (through apt
# when it can, else it prints the command), a reachable container engine,
# the build, the install under PREFIX (default ~/.local), and shims for the
# default tools.
set -eu
cd "$(dirname "$0")"
PREFIX=${PREFIX:-$HOME/.local}
TOOLS=${TBX_DEFAULT_TOOLS-maven go git latex}

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

# what tbx needs to build and run; the test suite's own are
# tests/deps.sh's, which make check runs
. ./packages.sh
want gcc 'command -v gcc'
want make 'command -v make'
want pkg-config 'command -v pkg-config'
want musl-tools 'command -v musl-gcc'
want libyaml-dev 'test -f /usr/include/yaml.h'
want libinih-dev 'test -f /usr/include/ini.h && gcc -print-file-name=libinih.a | grep -q /'
want libcurl4-openssl-dev 'pkg-config --exists libcurl'
want libjansson-dev 'test -f /usr/include/jansson.h'
want libssl-dev 'test -f /usr/include/openssl/evp.h'
# an engine the shims would use (docker's before podman) that answers, or a
# dockerd to start below: docker's client alone, as some machines have it,
# runs nothing (Docker's own client package is left: docker.io conflicts)
case ${DOCKER_HOST:-unix://} in
unix://*) want docker.io 'if command -v docker; then docker info || command -v dockerd || test -x /usr/sbin/dockerd || dpkg -s docker-ce-cli; else command -v podman; fi' ;;
*) want docker.io 'command -v docker' ;;
esac
get_missing install.sh || exit 1

# An engine that answers. On a machine without an init system to start it
# (containers, CI sandboxes), root starts dockerd itself; a normal user is
# told what stands in the way.
sock=/var/run/docker.sock
case ${DOCKER_HOST:-} in unix://*) sock=${DOCKER_HOST#unix://} ;; esac
if ! command -v docker >/dev/null 2>&1; then
	podman info >/dev/null 2>&1 ||
		say "warning: podman does not answer ('podman info' failed); see its message before using the shims"
elif ! docker info >/dev/null 2>&1; then
	dockerd=$(command -v dockerd 2>/dev/null || echo /usr/sbin/dockerd)
	if [ "$(id -u)" = 0 ] && [ -x "$dockerd" ] && [ "${DOCKER_HOST:-unix://$sock}" = "unix://$sock" ]; then
		say "starting dockerd (log: /var/log/tbx-dockerd.log)"
		if command -v service >/dev/null 2>&1 && service docker start >/dev/null 2>&1; then :; else
			nohup "$dockerd" >/var/log/tbx-dockerd.log 2>&1 &
		fi
		i=0
		until docker info >/dev/null 2>&1; do
			i=$((i + 1))
			[ $i -le 60 ] || die "dockerd did not answer within 30 s; see /var/log/tbx-dockerd.log"
			sleep 0.5
		done
	elif [ -S "$sock" ] && ! { [ -r "$sock" ] && [ -w "$sock" ]; }; then
		group=$(stat -c %G "$sock")
		if [ "$group" = root ]; then
			say "warning: only root may use the engine's socket $sock: run a rootless engine, or give the socket a group of its own"
		else
			say "warning: you may not use the engine's socket $sock, which the group '$group' may: run 'sudo usermod -aG $group ${USER:-$(id -un)}', then log in again"
		fi
	else
		say "warning: no container engine answers ('docker info' failed); start it (sudo systemctl start docker) before using the shims"
	fi
fi

make -s -j"$(nproc 2>/dev/null || echo 2)"
make -s install PREFIX="$PREFIX"
say "installed $PREFIX/bin/tbx"
# an upgrade: shims written by the tbx before run what it wrote
"$PREFIX/bin/tbx" install --refresh
if [ -n "$TOOLS" ]; then
	# shellcheck disable=SC2086 # a list of tool names
	"$PREFIX/bin/tbx" install $TOOLS
fi

shims=${TBX_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/tbx}/shims
case ":$PATH:" in
*":$shims:"*) ;;
*) say "add this line to your shell's profile, then open a new shell:"
   echo "export PATH=\"$shims:$PREFIX/bin:\$PATH\"" ;;
esac
