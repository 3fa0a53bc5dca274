#!/bin/sh
# Sets tbx up on this machine: build dependencies (through apt when it can,
# else it prints the command), a reachable container engine, the build, the
# install under PREFIX (default ~/.local), and shims for the default tools.
set -eu
cd "$(dirname "$0")"
PREFIX=${PREFIX:-$HOME/.local}
TOOLS=${TBX_DEFAULT_TOOLS-maven go git latex}

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

# package: what shows it is there
missing=
want() { eval "$2" >/dev/null 2>&1 || missing="$missing $1"; }
want gcc 'command -v gcc'
want make 'command -v make'
want pkg-config 'command -v pkg-config'
want musl-tools 'command -v musl-gcc'
want libyaml-dev 'test -f /usr/include/yaml.h'
want libinih-dev 'test -f /usr/include/ini.h && gcc -print-file-name=libinih.a | grep -q /'
want libcurl4-openssl-dev 'test -f /usr/include/x86_64-linux-gnu/curl/curl.h || test -f /usr/include/curl/curl.h'
want libjansson-dev 'test -f /usr/include/jansson.h'
want libssl-dev 'test -f /usr/include/openssl/evp.h'
# an engine is there when its client is: asked below whether it answers
want docker.io 'command -v docker || command -v podman'
# for make check: the probe image, TTY, terminal and uid tests, the test
# registries
# shellcheck disable=SC2016 # evaluated by want
want busybox-static 'command -v busybox && ! ldd "$(command -v busybox)"'
want bsdutils 'command -v script'
want tmux 'command -v tmux'
want file 'command -v file'
want docker-registry 'command -v docker-registry'
want skopeo 'command -v skopeo'
want apache2-utils 'command -v htpasswd'
want openssl 'command -v openssl'
want curl 'command -v curl'
want zsh 'command -v zsh'
want python3 'python3 -c "import json, socket"'
want man-db 'command -v man'
want podman 'command -v podman'
want catatonit 'test -x /usr/libexec/podman/catatonit || command -v catatonit'
want fish 'command -v fish'
want gnupg 'command -v gpg && command -v gpgconf'
want pinentry-curses 'command -v pinentry-curses'
# for make check: real tools in images built from Debian's packages
want mmdebstrap 'command -v mmdebstrap'
want poppler-utils 'command -v pdfinfo && command -v pdftotext'

if [ -n "$missing" ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		die "install these packages (Debian names) with your package manager:$missing"
	fi
	if [ "$(id -u)" = 0 ]; then
		sudo=
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo=sudo
	else
		die "run: sudo apt-get install -y$missing   (then ./install.sh again)"
	fi
	say "installing$missing"
	$sudo apt-get update -qq
	# shellcheck disable=SC2086 # a list of package names
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq$missing >/dev/null
fi

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
	if [ "$(id -u)" = 0 ] && [ -x "$dockerd" ]; then
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
