# shellcheck shell=sh
# Debian packages a script needs, sourced by install.sh and tests/deps.sh:
# want collects what is missing, get_missing installs it through apt-get
# when it can (as root, or with password-less sudo), else says the command.

missing=
# want PACKAGE TEST: PACKAGE is missing when the shell command TEST fails
want() { eval "$2" >/dev/null 2>&1 || missing="$missing $1"; }

# get_missing WHO: install what want found missing, or fail saying how
get_missing() {
	[ -n "$missing" ] || return 0
	if ! command -v apt-get >/dev/null 2>&1; then
		printf '%s: install these packages (Debian names) with your package manager:%s\n' "$1" "$missing" >&2
		return 1
	fi
	if [ "$(id -u)" = 0 ]; then
		sudo=
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo=sudo
	else
		printf '%s: run: sudo apt-get install -y%s   (then again)\n' "$1" "$missing" >&2
		return 1
	fi
	printf '%s: installing%s\n' "$1" "$missing"
	$sudo apt-get update -qq
	# shellcheck disable=SC2086 # a list of package names
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$missing >/dev/null
	missing=
}
