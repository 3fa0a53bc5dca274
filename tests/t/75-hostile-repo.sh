#!/bin/sh
# A hostile repository, read top to bottom: each case is an attack a cloned
# project's files (or a file the user trusted without reading closely) can
# try on a shim, and what stops it. Nothing here may reach the engine as
# an option, mount what SECURITY.md says is never mounted, or fail with
# any line but tbx's own. Files tbx itself edits: 74-hostile-files.sh.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

# Record a .toolbox as trusted exactly as 'tbx trust' would, so that a
# case shows what the shim refuses even when the user has trusted it.
trusted() {
	mkdir -p "$HOME/.local/state/tbx"
	printf "%s %s\n" "$(sha256sum <.toolbox | cut -d" " -f1)" "$PWD/.toolbox" \
		>>"$HOME/.local/state/tbx/trusted"
}

# An engine that only records that it ran.
recording_engine() {
	mkdir -p "$T/bin"
	printf "#!/bin/sh\ntouch \"%s/engine-ran\"\n" "$T" >"$T/bin/docker"
	chmod +x "$T/bin/docker"
}

# A listening unix socket at $1, as an engine's would be.
fake_socket() {
	mkdir -p "$(dirname "$1")"
	python3 -c "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$1"
}

# The shim's answer to a trusted .toolbox whose [tool.probe] is $1.
refused_even_trusted() {
	printf "[tools]\nprobe = 2\n\n[tool.probe]\n%s\n" "$1" >.toolbox
	trusted
	run env PATH="$T/bin:$PATH" "$SHIMS/cat"; check_status 125
	test ! -e "$T/engine-ran"
}

test_case 'a trusted image that is an engine option (-v/:/..., -u0) is refused in one line; nothing runs' '
	install_probe; recording_engine
	printf "[tools]\nprobe = ro\n\n[tool.probe]\nimage = -v/:/hostroot/x\n" >.toolbox
	trusted
	run env PATH="$T/bin:$PATH" "$SHIMS/cat"; check_status 125
	check_one_error "probe: $T/work/.toolbox:5: image '"'"'-v/:/hostroot/x'"'"' must be a repository, without a tag (invalid repository path component '"'"'-v'"'"')"
	printf "[tools]\nprobe = 0\n\n[tool.probe]\nimage = -u0\n" >.toolbox
	trusted
	run env PATH="$T/bin:$PATH" "$SHIMS/cat"; check_status 125
	check_one_error "probe: $T/work/.toolbox:5: image '"'"'-u0'"'"' must be a repository, without a tag (*)"
	printf "[tool.probe]\nnetwork = --privileged\n" >.toolbox
	trusted
	run env PATH="$T/bin:$PATH" "$SHIMS/cat"; check_status 125
	check_one_error "probe: $T/work/.toolbox:2: network must be a network name"
	test ! -e "$T/engine-ran"
	run "$TBX" trust; check_status 125
'

test_case 'the engine is told where its options end: the image follows --' '
	install_probe
	printf "[tools]\nprobe = 2\n" >.toolbox
	check_match "* --network host --mount type=bind,src=$SHIMS/cat,dst=/run/tbx/exec,readonly -- tbx-test/probe:2 /run/tbx/exec probe@2 cat -v" "$(TBX_DRY_RUN=1 "$SHIMS/cat" -v)"
'

test_case 'trusted mounts of /proc (and /proc/1/root), /sys, /dev and a device are refused' '
	install_probe; recording_engine
	refused_even_trusted "mounts = /proc:/p"
	check_one_error "probe: $T/work/.toolbox: mount '"'"'/proc:/p'"'"' mounts the kernel'"'"'s proc, sys or dev file systems or a device: refused even when trusted"
	refused_even_trusted "mounts = /proc/1/root:/p"
	check_one_error "probe: $T/work/.toolbox: mount '"'"'/proc/1/root:/p'"'"' * refused even when trusted"
	refused_even_trusted "mounts = /sys/kernel:/k"
	check_one_error "* mount '"'"'/sys/kernel:/k'"'"' mounts the kernel'"'"'s proc, sys or dev file systems or a device: *"
	refused_even_trusted "mounts = /dev:/d"
	check_one_error "* mount '"'"'/dev:/d'"'"' mounts the kernel'"'"'s proc, sys or dev file systems or a device: *"
	ln -s /dev/null "$HOME/null"
	refused_even_trusted "mounts = ~/null:/n"
	check_one_error "* mount '"'"'~/null:/n'"'"' mounts the kernel'"'"'s proc, sys or dev file systems or a device: *"
'

test_case 'a trusted mount with a /proc mounted below it is refused: the engine'"'"'s bind would bring it along' '
	install_probe; recording_engine
	mkdir -p "$T/outer/inner"
	mount --bind /proc "$T/outer/inner" 2>/dev/null || { echo "skip: needs root to mount" >&3; exit 77; }
	printf "[tools]\nprobe = 2\n\n[tool.probe]\nmounts = %s/outer:/h:ro\n" "$T" >.toolbox
	trusted
	run env PATH="$T/bin:$PATH" "$SHIMS/cat"
	umount "$T/outer/inner"
	check_status 125
	check_one_error "probe: $T/work/.toolbox: mount '"'"'$T/outer:/h:ro'"'"' holds other mounts, which the engine would give the tool too: refused even when trusted"
	test ! -e "$T/engine-ran"
'

test_case 'a trusted mount inside the project, or reached through a link or .., is refused: a pull could retarget it' '
	install_probe; recording_engine
	mkdir -p data "$HOME/.aws" "$HOME/box"
	refused_even_trusted "mounts = $T/work/data:/data"
	check_one_error "* mount '"'"'$T/work/data:/data'"'"' lies inside the project, whose files can make it a link: refused even when trusted"
	ln -s "$HOME/.aws" "$HOME/box/creds"
	refused_even_trusted "mounts = ~/box/creds:/c:ro"
	check_one_error "* mount '"'"'~/box/creds:/c:ro'"'"' is '"'"'$HOME/.aws'"'"' once links and '"'"'..'"'"' are resolved; name that path: refused even when trusted"
	refused_even_trusted "mounts = ~/box/../.aws:/c"
	check_one_error "* is '"'"'$HOME/.aws'"'"' once links and * refused even when trusted"
	printf "[tool.probe]\nmounts = ~/.aws:/c:ro\n" >.toolbox
	trusted
	check_match "* --mount type=bind,src=$HOME/.aws,dst=/c,readonly *" "$(TBX_DRY_RUN=1 "$SHIMS/cat")"
'

test_case 'a directory that holds no engine socket is not refused for one that could be there' '
	install_probe
	mkdir -p "$HOME/.docker" "$T/run"
	printf "[tool.probe]\nmounts = ~/.docker:/d:ro %s/run:/r\n" "$T" >.toolbox
	trusted
	run env XDG_RUNTIME_DIR="$T/run" TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 0
	check_match "* --mount type=bind,src=$HOME/.docker,dst=/d,readonly --mount type=bind,src=$T/run,dst=/r *" "$out"
'

test_case 'a catalog mount reached through a link gives the engine the path it resolves to' '
	install_probe
	mkdir -p "$HOME/real-extra"
	ln -s "$HOME/real-extra" "$HOME/probe-extra"
	check_match "* --mount type=bind,src=$HOME/real-extra,dst=/extra,readonly *" "$(TBX_DRY_RUN=1 "$SHIMS/cat")"
'

test_case 'directories holding any engine socket are refused: rootless podman, CONTAINER_HOST, contexts, Docker Desktop' '
	install_probe; recording_engine
	export XDG_RUNTIME_DIR="$T/run"
	fake_socket "$T/run/podman/podman.sock"
	refused_even_trusted "mounts = $T/run/podman:/r"
	check_one_error "* mount '"'"'$T/run/podman:/r'"'"' mounts the container engine'"'"'s socket: refused even when trusted"
	fake_socket "$T/ch/podman.sock"
	printf "[tool.probe]\nmounts = %s/ch:/r\n" "$T" >.toolbox
	trusted
	run env PATH="$T/bin:$PATH" CONTAINER_HOST="unix://$T/ch/podman.sock" "$SHIMS/cat"; check_status 125
	check_one_error "* mount '"'"'$T/ch:/r'"'"' mounts the container engine'"'"'s socket: *"
	fake_socket "$T/ctx/docker.sock"
	mkdir -p "$HOME/.docker/contexts/meta/0123abcd"
	printf "{\"Name\":\"remote\",\"Endpoints\":{\"docker\":{\"Host\":\"unix://%s\",\"SkipTLSVerify\":false}}}" \
		"$T/ctx/docker.sock" >"$HOME/.docker/contexts/meta/0123abcd/meta.json"
	refused_even_trusted "mounts = $T/ctx:/r"
	check_one_error "* mount '"'"'$T/ctx:/r'"'"' mounts the container engine'"'"'s socket: *"
	fake_socket "$HOME/.docker/desktop/docker.sock"
	refused_even_trusted "mounts = ~/.docker/desktop:/r"
	check_one_error "* mount '"'"'~/.docker/desktop:/r'"'"' mounts the container engine'"'"'s socket: *"
'

test_case 'a .git file the project'"'"'s tools wrote mounts no directory it names: only a worktree git names back' '
	install_probe
	mkdir -p "$HOME/.ssh" repo && cd repo
	for to in "$HOME/.ssh" /run /; do
		printf "gitdir: %s\n" "$to" >.git
		line=$(TBX_DRY_RUN=1 "$SHIMS/true")
		case $line in *"dst=$to "*|*"dst=$to,"*) false ;; esac
	done
	# a worktree'"'"'s own git directory that names another work tree back
	git init -q "$T/work/main" && git -C "$T/work/main" -c user.name=a -c user.email=b@c commit -q --allow-empty -m x
	git -C "$T/work/main" worktree add -q "$T/work/wt"
	printf "gitdir: %s/main/.git/worktrees/wt\n" "$T/work" >.git
	case $(TBX_DRY_RUN=1 "$SHIMS/true") in *"dst=$T/work/main/.git"*) false ;; esac
	cd "$T/work/wt"
	check_match "*--mount type=bind,src=$T/work/main/.git,dst=$T/work/main/.git *" "$(TBX_DRY_RUN=1 "$SHIMS/true")"
'

test_case 'a remote the project'"'"'s git config names is mounted only when a bare repository, and writable only to push' '
	mkdir -p "$T/realcat"
	{ cat "$TOP/tests/catalog/probe.yaml"; echo "remotes: true"; } >"$T/realcat/probe.yaml"
	TBX_CATALOG_PATH="$T/realcat:$TBX_CATALOG_PATH" "$TBX" install probe >/dev/null
	mkdir -p "$HOME/.config" && git init -q --bare bare.git && git init -q repo && cd repo
	git remote add a "$HOME/.config" && git remote add b ../bare.git
	line=$(TBX_DRY_RUN=1 "$SHIMS/true")
	case $line in *"dst=$HOME/.config"*) false ;; esac
	check_match "*--mount type=bind,src=$T/work/bare.git,dst=$T/work/bare.git,readonly *" "$line"
	check_match "*--mount type=bind,src=$T/work/bare.git,dst=$T/work/bare.git *" "$(TBX_DRY_RUN=1 "$SHIMS/true" push b)"
'

test_case 'a project path with CR LF, or longer than the engine can mount, is refused in one line' '
	install_probe
	cr=$(printf "a\r\nb")
	mkdir "$cr" && cd "$cr"
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 125
	check_one_error "probe: cannot mount '"'"'$T/work/a*b'"'"': it holds a carriage return, which the engine cannot take in a mount; rename it"
	cd "$T/work"
	d=$T/work
	while [ ${#d} -le 3100 ]; do d=$d/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; done
	mkdir -p "$d" && cd "$d" && git init -q .
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 125
	check_one_error "probe: cannot mount '"'"'$T/work/aaaa*...'"'"': it is longer than the engine can mount (3072 bytes); rename it"
'
test_case 'a tool HOME or warm directory another user made, or others may write, stops the call in one line' '
	need_engine
	install_probe; recording_engine
	mkdir -p "$HOME/.cache/tbx/probe/home"
	if [ "$(id -u)" = 0 ]; then
		chown 4242 "$HOME/.cache/tbx/probe/home"
		run env PATH="$T/bin:$PATH" "$SHIMS/true"; check_status 125
		check_one_error "probe: $HOME/.cache/tbx/probe/home belongs to uid 4242, not to you; remove it (tbx keeps your tools'"'"' files there)"
		chown 0 "$HOME/.cache/tbx/probe/home"
	fi
	chmod 777 "$HOME/.cache/tbx/probe"
	run env PATH="$T/bin:$PATH" "$SHIMS/true"; check_status 125
	check_one_error "probe: $HOME/.cache/tbx/probe may be written by others (mode 777); run '"'"'chmod go-w $HOME/.cache/tbx/probe'"'"'"
	test ! -e "$T/engine-ran"
	chmod 700 "$HOME/.cache/tbx/probe"
	mkdir -m 777 "$HOME/.cache/tbx/probe/warm"
	run env TBX_WARM=1m "$SHIMS/true"; check_status 125
	check_one_error "probe: warm mode (TBX_WARM=0 runs cold): $HOME/.cache/tbx/probe/warm may be written by others (mode 777); *"
	check_eq "" "$(kept_containers "$T")"
'

test_case 'a cache directory under one others may write to, or of another user, stops the call in one line' '
	install_probe; recording_engine
	mkdir -m 777 "$T/shared"
	run env PATH="$T/bin:$PATH" XDG_CACHE_HOME="$T/shared/cache" "$SHIMS/true"; check_status 125
	check_one_error "probe: $T/shared may be written by others, who could replace $T/shared/cache/tbx/probe; keep tbx'"'"'s files in a directory of your own (XDG_CACHE_HOME, XDG_STATE_HOME)"
	chmod 1777 "$T/shared"
	run env PATH="$T/bin:$PATH" XDG_CACHE_HOME="$T/shared/cache" "$SHIMS/true"; check_status 0
	rm "$T/engine-ran"
	[ "$(id -u)" = 0 ] || exit 0 # giving a directory away takes root
	chown 4242 "$T/shared/cache"
	run env PATH="$T/bin:$PATH" XDG_CACHE_HOME="$T/shared/cache" "$SHIMS/true"; check_status 125
	check_one_error "probe: $T/shared/cache belongs to another user, who could replace *"
	test ! -e "$T/engine-ran"
'

test_case 'a trust store others may write trusts nothing: the call stops in one line' '
	install_probe; recording_engine
	printf "[tool.probe]\nnetwork = none\n" >.toolbox
	trusted
	chmod 666 "$HOME/.local/state/tbx/trusted"
	run env PATH="$T/bin:$PATH" "$SHIMS/true"; check_status 125
	check_one_error "probe: $HOME/.local/state/tbx/trusted may be written by others (mode 666); run *"
	test ! -e "$T/engine-ran"
'
test_case 'an engine that is a tbx shim is refused at once; one in PATH is passed over' '
	install_probe
	run env TBX_ENGINE="$SHIMS/cat" "$SHIMS/true"; check_status 125
	check_one_error "probe: TBX_ENGINE=$SHIMS/cat is a tbx shim, not a container engine; name docker, podman or nerdctl"
	need_engine
	mkdir -p "$T/loop" && cp "$SHIMS/cat" "$T/loop/$ENGINE"
	run timeout 60 env PATH="$T/loop:$PATH" "$SHIMS/cat" /etc/probe-version; check_status 0
	check_eq 1 "$out"
'
test_case 'a caller who may not use the engine'"'"'s socket is told which group may' '
	[ "$(id -u)" = 0 ] || { echo "skip: needs root to act as another user" >&3; exit 77; }
	install_probe
	fake_socket "$T/s/docker.sock"
	chmod 660 "$T/s/docker.sock" && chgrp daemon "$T/s/docker.sock"
	chmod 755 "$T" "$T/s"
	mkdir "$T/nobody" && chown 65534 "$T/nobody"
	as_nobody() {
		run setpriv --reuid=65534 --regid=65534 --clear-groups \
			env HOME="$T/nobody" DOCKER_HOST="unix://$T/s/docker.sock" "$SHIMS/true"
	}
	as_nobody; check_status 125
	check_one_error "probe: no permission to use the engine'"'"'s socket unix://$T/s/docker.sock, which the group '"'"'daemon'"'"' may use: run '"'"'sudo usermod -aG daemon \$USER'"'"', then log in again"
	chgrp root "$T/s/docker.sock"
	as_nobody; check_status 125
	check_one_error "probe: no permission to use the engine'"'"'s socket unix://$T/s/docker.sock, which only root may use: run a rootless engine, or give the socket a group of its own (docker'"'"'s packages make one named docker)"
'
test_case 'a command the image lacks is tbx'"'"'s one line and 127; the tool itself still gets its argv and status' '
	need_engine
	mkdir -p "$T/cat"
	sed "s/^name: probe/name: lacking/; s/^commands: .*/commands: [biber]/" \
		"$TOP/tests/catalog/probe.yaml" >"$T/cat/lacking.yaml"
	export TBX_CATALOG_PATH="$T/cat:$TBX_CATALOG_PATH"
	"$TBX" install lacking probe >/dev/null
	printf "[tools]\nlacking = 2\n" >.toolbox
	run "$SHIMS/biber" main.bcf; check_status 127
	check_one_error "biber: the image of lacking@2 has no command '"'"'biber'"'"'; pin a version that has it, or fix the catalog entry"
	run "$SHIMS/sh" -c "printf %s \"\$1\"; exit 3" sh "a  b"; check_status 3
	check_eq "a  b" "$out"
	printf "#!/no/such/interpreter\n" >script && chmod +x script
	run "$SHIMS/sh" -c "PATH=\$PWD:\$PATH exec /run/tbx/exec probe@1 script"; check_status 127
	check_one_error "script: cannot run '"'"'script'"'"' in the image of probe@1: the interpreter or loader it names is not in the image"
	# an entrypoint the catalog names is given the command itself
	printf "entrypoint: /bin/sh\n" >>"$T/cat/lacking.yaml"
	"$TBX" install lacking >/dev/null
	line=$(TBX_DRY_RUN=1 "$SHIMS/biber" x)
	check_match "* --entrypoint=/bin/sh -- tbx-test/probe:2 biber x" "$line"
'
test_done
