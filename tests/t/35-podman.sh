#!/bin/sh
# The shims against podman, for real. Where the sandbox refuses podman's
# containers (runc cannot apply the rlimits podman always sets), the test
# still proves that podman accepted every flag of the shim's command line:
# it got as far as the OCI runtime.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

need_podman() {
	if ! command -v podman >/dev/null; then
		[ "${TBX_TEST_NO_ENGINE:-}" = 1 ] && { echo "skip: no podman" >&3; exit 77; }
		echo "podman is not installed (./install.sh installs it)" >&2
		exit 1
	fi
	podman image exists tbx-test/probe:1 ||
		podman pull -q docker-daemon:tbx-test/probe:1 >/dev/null
}

# Whether podman can start a container on this machine; when it cannot,
# $refusal holds why.
podman_runs() {
	refusal=$(podman run --rm tbx-test/probe:1 true 2>&1) && return 0
	case $refusal in
	*"error setting rlimit"* | *"/dev/net/tun"* | *"OCI permission denied"*) return 1 ;;
	esac
	echo "podman fails for another reason than the sandbox: $refusal" >&2
	exit 1
}

test_case 'podman runs the shim: exit codes, argv bytes, binary stdin, files owned by the caller' '
	need_engine; need_podman; install_probe
	export TBX_ENGINE=podman
	if ! podman_runs; then
		run "$SHIMS/sh" -c "exit 42" "a b" "" "\$(id)"
		case $err in
		# rootless, runc may get as far as to exec the init it was
		# given, and be refused there
		*"error setting rlimit"* | *"/dev/net/tun"* | *"OCI permission denied"* | \
			*"exec container process \`/run/podman-init\`: Permission denied"*) ;;
		*) echo "through the shim, podman failed otherwise: $err" >&2; false ;;
		esac
		check_eq "" "$out"
		echo "skip: podman containers are refused by this sandbox: ${refusal##*: error during container init: }" >&3
		exit 77
	fi
	run "$SHIMS/sh" -c "exit 42"; check_status 42
	check_eq "[a b][][\$(id)]" "$("$SHIMS/sh" -c "printf \"[%s]\" \"\$@\"" x "a b" "" "\$(id)")"
	head -c 65536 /dev/urandom >"$T/blob"
	"$SHIMS/cat" <"$T/blob" >"$T/back"
	cmp "$T/blob" "$T/back"
	"$SHIMS/sh" -c "echo x >made"
	check_eq "$(id -u)" "$(stat -c %u made)"
'
test_done
