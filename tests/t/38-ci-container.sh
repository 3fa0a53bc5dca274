#!/bin/sh
# Shims exported into a CI job's container that drives the host's engine
# through its socket: the workspace is at another path there than on the
# host, so the tool's container is given the job container's volumes that
# hold the workspace, at the same paths.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

test_case 'export writes self-contained shims and a Dockerfile; it refuses foreign files' '
	run "$TBX" export --dir "$T/out" probe; check_status 0
	check_match "exported probe 1: sh cat *
wrote $T/out/Dockerfile" "$out"
	check_eq 12 "$(ls "$T/out/bin" | wc -l)"
	install_probe
	cmp "$SHIMS/cat" "$T/out/bin/cat"
	grep -q "^COPY bin/ /usr/local/bin/" "$T/out/Dockerfile"
	grep -q "docker.sock" "$T/out/Dockerfile"
	printf "[tools]\nprobe = 2\n" >.toolbox
	run "$TBX" export --dir "$T/again"; check_status 0
	check_match "exported probe 1: *" "$out"
	echo mine >"$T/again/bin/tty"
	run "$TBX" export --dir "$T/again" probe; check_status 125
	check_one_error "export: $T/again/bin/tty exists and is not a tbx shim"
	run "$TBX" export probe; check_status 2
	mkdir "$T/mine" && echo "FROM scratch" >"$T/mine/Dockerfile"
	run "$TBX" export --dir "$T/mine" probe; check_status 125
	check_one_error "export: $T/mine/Dockerfile exists and was not written by tbx export"
	check_eq "FROM scratch" "$(cat "$T/mine/Dockerfile")"
'

test_case 'in a CI container, the tool writes into the workspace that container sees, at its path; the runner'"'"'s pins count' '
	need_engine
	"$TBX" export --dir "$T/out" probe >/dev/null
	img=tbx-test/ci:$$
	"$TOP/tests/images/ci.sh" "$T/out" "$img"
	mkdir -p "$T/hostws/sub"
	printf "[tools]\nprobe = 2\n" >"$T/hostws/.toolbox"
	# files of the host runner, and a job that runs as root: the pin counts
	[ "$(id -u)" != 0 ] || chown -R 4242 "$T/hostws"
	before=$(probe_containers)
	run "$ENGINE" run --rm -v /var/run/docker.sock:/var/run/docker.sock \
		-v "$T/hostws:/ci/workspace" -w /ci/workspace/sub "$img" \
		sh -c "/opt/tbx/bin/sh -c \"pwd; cat /etc/probe-version; echo from-tool >made.txt; id -u\" && cat made.txt"
	"$ENGINE" rmi "$img" >/dev/null
	check_status 0
	check_eq "/ci/workspace/sub
2
0
from-tool" "$out"
	check_eq from-tool "$(cat "$T/hostws/sub/made.txt")"
	check_eq "$before" "$(probe_containers)"
'

test_case 'in a CI container, the tool gets the volume that holds the workspace, not the job'"'"'s engine socket' '
	need_engine
	"$TBX" export --dir "$T/out" probe >/dev/null
	img=tbx-test/ci:$$ vol=tbx-test-ws-$$
	"$TOP/tests/images/ci.sh" "$T/out" "$img"
	mkdir -p "$T/hostws/cache"
	line=$("$ENGINE" run --rm -v /var/run/docker.sock:/var/run/docker.sock \
		-v "$T/hostws:/ci/workspace:ro" -v "$vol:/ci/workspace/cache" -v "$T/out:/ci/other" \
		-w /ci/workspace -e TBX_DRY_RUN=1 "$img" /opt/tbx/bin/cat x 2>&1) || true
	in_vol=$("$ENGINE" run --rm -v /var/run/docker.sock:/var/run/docker.sock \
		-v "$vol:/ws" -w /ws -e TBX_DRY_RUN=1 "$img" /opt/tbx/bin/cat x 2>&1) || true
	"$ENGINE" rmi "$img" >/dev/null
	"$ENGINE" volume rm "$vol" >/dev/null
	check_match "* -u 0:0 --mount type=bind,src=$T/hostws,dst=/ci/workspace,readonly --mount type=volume,src=$vol,dst=/ci/workspace/cache -w /ci/workspace --tmpfs *" "$line"
	check_match "* -u 0:0 --mount type=volume,src=$vol,dst=/ws -w /ws --tmpfs *" "$in_vol"
	case $line$in_vol in *docker.sock* | *volumes-from* | */ci/other*) false ;; esac
'

test_case 'in a CI container, a project on a tmpfs or the container'"'"'s own files is refused in one line' '
	need_engine
	"$TBX" export --dir "$T/out" probe >/dev/null
	img=tbx-test/ci:$$
	"$TOP/tests/images/ci.sh" "$T/out" "$img"
	run "$ENGINE" run --rm -v /var/run/docker.sock:/var/run/docker.sock --tmpfs /scratch \
		-w /scratch "$img" /opt/tbx/bin/true
	check_status 125
	check_one_error "probe: /scratch is not on a volume of this container *"
	run "$ENGINE" run --rm -v /var/run/docker.sock:/var/run/docker.sock "$img" \
		sh -c "mkdir -p /own && cd /own && /opt/tbx/bin/true"
	"$ENGINE" rmi "$img" >/dev/null
	check_status 125
	check_one_error "probe: /own is not on a volume of this container (*): the tool could not see it; mount the workspace"
'
test_done
