#!/bin/sh
# Builds an image of a real tool from Debian's packages, for the tests that
# run Maven, Go, Git and LaTeX for real (no registry is reachable, so
# nothing is pulled). The package mirror is the machine's own apt
# configuration. Images are cached by a key of their inputs: a second run
# reuses them. Prints the image reference.
#
#   tests/images/real.sh git|go|latex|maven|debian
set -eu

engine=${TBX_TEST_ENGINE:-docker}
tool=$1
case $tool in
git) pkgs=git,openssh-client,less ;;
go) pkgs=golang-go,ca-certificates ;;
latex) pkgs=texlive-latex-base,texlive-latex-recommended,texlive-fonts-recommended,latexmk ;;
debian) pkgs=apt,ca-certificates ;; # a clean Debian, for the package
maven) pkgs=maven,default-jdk-headless,libmaven-compiler-plugin-java,libmaven-resources-plugin-java,libmaven-jar-plugin-java,libsurefire-java,libmaven-install-plugin-java,junit4,maven-debian-helper ;;
*) echo "real.sh: unknown tool $tool" >&2; exit 2 ;;
esac

sources=
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
	[ -s "$f" ] && sources="$sources $f"
done
[ -n "$sources" ] || { echo "real.sh: no apt sources on this machine" >&2; exit 1; }
# The key: what goes into the image. Bump the format when the way an image
# is built changes.
format=1
# shellcheck disable=SC2086 # a list of files
key=$( (echo "$format $pkgs"; cat $sources) | sha256sum | cut -c1-12)
ref=tbx-real/$tool:$key
if ! "$engine" image inspect "$ref" >/dev/null 2>&1; then
	command -v mmdebstrap >/dev/null || { echo "real.sh: mmdebstrap is needed" >&2; exit 1; }
	echo "real.sh: building $ref from Debian packages ($pkgs)" >&2
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/tbx-real.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	tar=$tmp/rootfs.tar
	# Documentation is left out, but man1 must exist: Java's postinst
	# registers its man pages with update-alternatives.
	# shellcheck disable=SC2086,SC2016 # a list of sources; $1 is the hook's
	mmdebstrap --quiet --variant=essential --include="$pkgs" \
		--aptopt='APT::Install-Recommends "false"' \
		--dpkgopt='path-exclude=/usr/share/doc/*' \
		--dpkgopt='path-exclude=/usr/share/man/*' \
		--essential-hook='mkdir -p "$1/usr/share/man/man1"' \
		bookworm "$tar" $sources
	"$engine" import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		--change 'ENV LANG=C.UTF-8' "$tar" "$ref" >/dev/null
	# the builds this one replaces
	"$engine" images --format '{{.Tag}}' "tbx-real/$tool" | grep -vx "$key" |
		while read -r old; do "$engine" rmi "tbx-real/$tool:$old" >/dev/null || true; done
fi
# Go's release line as a tag too: go mod init writes it as go.mod's go
# line, which the shims then ask for
if [ "$tool" = go ] && ! "$engine" image inspect -f '{{join .RepoTags " "}}' "$ref" |
	grep -q "tbx-real/go:[0-9]"; then
	v=$("$engine" run --rm "$ref" go env GOVERSION | sed 's/^go//' | cut -d. -f1,2)
	"$engine" tag "$ref" "tbx-real/go:$v"
fi
echo "$ref"
