# shellcheck shell=sh
# For the tests that run real tools (tests/t/5*.sh), sourced after lib.sh:
# a catalog overlay pointing the shipped entries at locally built images,
# and running as an ordinary user so that ownership means something.

# root runs the tools as uid 1234; anyone else as themselves
if [ "$(id -u)" = 0 ]; then REAL_UID=1234; else REAL_UID=$(id -u); fi
export REAL_UID

# real_catalog TOOL...: $T/realcat holds each shipped catalog entry with its
# image set to tests/images/real.sh's build (every other key kept), first
# in TBX_CATALOG_PATH; the shims are installed.
real_catalog() {
	mkdir -p "$T/realcat"
	for tool; do
		ref=$("$TOP/tests/images/real.sh" "$tool") || return 1
		sed -e "s|^image: .*|image: ${ref%:*}|" -e "s|^version: .*|version: \"${ref##*:}\"|" \
			-e '/^tag: /d' "$TOP/catalog/$tool.yaml" >"$T/realcat/$tool.yaml"
	done
	export TBX_CATALOG_PATH="$T/realcat"
	"$TBX" install "$@" >/dev/null
}

# Give the test's directories to the ordinary user.
as_user_setup() {
	chmod 755 "$T"
	[ "$(id -u)" != 0 ] || chown -R "$REAL_UID:$REAL_UID" "$T/home" "$T/work"
}

# as_user CMD...: run as the ordinary user, with access to the engine.
as_user() {
	if [ "$(id -u)" != 0 ]; then
		"$@"
		return
	fi
	setpriv --reuid "$REAL_UID" --regid "$REAL_UID" \
		--groups "$(getent group docker | cut -d: -f3)" "$@"
}
