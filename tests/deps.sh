#!/bin/sh
# What the test suite needs beyond install.sh's: make check runs this first,
# which installs it when it can (as root, or with password-less sudo) and
# otherwise prints the command and fails.
set -eu
cd "$(dirname "$0")/.."
. ./packages.sh
# the probe image, TTY, terminal and uid tests, the test registries
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
want git 'command -v git'
# real tools in images built from Debian's packages; the package tbx makes
want mmdebstrap 'command -v mmdebstrap'
want poppler-utils 'command -v pdfinfo && command -v pdftotext'
want dpkg-dev 'command -v dpkg-shlibdeps'
get_missing "make check"
