#!/bin/sh
# Builds the Debian package of tbx from a build: the CLI (which carries the
# shim stub), the catalog, the man pages and the shells' completions, with
# the libraries it links declared as dependencies and an engine recommended.
# Prints the package's path.
#
#   packaging/deb.sh BUILD VERSION
set -eu
umask 022
cd "$(dirname "$0")/.."
build=$1 version=$2
case $build in /*) ;; *) build=$PWD/$build ;; esac
command -v dpkg-shlibdeps >/dev/null ||
	{ echo "tbx: deb: dpkg-shlibdeps is missing; install dpkg-dev" >&2; exit 1; }
arch=$(dpkg --print-architecture)
stage=$build/deb/tbx
out=$build/tbx_${version}_$arch.deb
rm -rf "$build/deb"
mkdir -p "$stage/DEBIAN"

make -s install BUILD="$build" DESTDIR="$stage" PREFIX=/usr
strip --strip-unneeded "$stage/usr/bin/tbx"
gzip -9n "$stage/usr/share/man/man1/tbx.1" "$stage/usr/share/man/man5/toolbox.5"
comp=$stage/usr/share
mkdir -p "$comp/bash-completion/completions" "$comp/zsh/vendor-completions" \
	"$comp/fish/vendor_completions.d" "$comp/doc/tbx"
"$build/tbx" completion bash >"$comp/bash-completion/completions/tbx"
"$build/tbx" completion zsh >"$comp/zsh/vendor-completions/_tbx"
"$build/tbx" completion fish >"$comp/fish/vendor_completions.d/tbx.fish"
gzip -9n <README.md >"$comp/doc/tbx/README.md.gz"

# the libraries tbx links, as dpkg-shlibdeps names their packages
mkdir -p "$build/deb/debian"
printf 'Source: tbx\n\nPackage: tbx\nArchitecture: any\n' >"$build/deb/debian/control"
depends=$(cd "$build/deb" && dpkg-shlibdeps -O "tbx/usr/bin/tbx" |
	sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] ||
	{ echo "tbx: deb: dpkg-shlibdeps named no library of $build/tbx; see its message above" >&2; exit 1; }

size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat >"$stage/DEBIAN/control" <<CONTROL
Package: tbx
Version: $version
Architecture: $arch
Maintainer: tbx maintainers <maintainers@tbx.invalid>
Installed-Size: $size
Depends: $depends
Recommends: docker.io | podman
Section: devel
Priority: optional
Description: developer tools from container images, as if they were installed
 A small static shim per command (mvn, go, git, pdflatex...) runs the tool
 from a container image, with the project mounted at its own path, the
 working directory kept, the caller's uid and gid, and standard streams,
 terminal, signals and exit status behaving as a native tool's. Versions
 come from the project's .toolbox or the version files it already has
 (.tool-versions, .nvmrc, go.mod...), locked to image digests.
CONTROL
dpkg-deb --root-owner-group -Zxz --build "$stage" "$out" >/dev/null
echo "$out"
