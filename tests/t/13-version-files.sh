#!/bin/sh
# The versions a project already pins in other tools' files, the order in
# which they count, the user's global file, and the verbs that read them all
# (which, lock, install, doctor).
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

# what the shims run here: the version, and where it came from
version() { "$TBX" which cat | sed -n "s/^  version  //p"; }
image() { TBX_DRY_RUN=1 "$SHIMS/cat" | grep -o "tbx-test/probe:[^ ]*"; }

test_case 'a repository with only a .tool-versions runs the version it pins, with no .toolbox' '
	need_engine; install_probe
	git init -q .
	printf "# team\nnodejs 20\nprobe-alias 2 1 # fallback\n" >.tool-versions
	mkdir deep && cd deep
	check_eq "2 (from $T/work/.tool-versions:3)" "$(version)"
	check_eq 2 "$("$SHIMS/cat" /etc/probe-version)"
	run "$TBX" which --json cat; check_status 0
	check_match "*\"version_from\": \"file\"*\"version_source\": \"$T/work/.tool-versions\"*\"version_line\": 3*" "$out"
'

test_case 'each format gives its version: mise.toml, .mise.toml, the entry'"'"'s own files, go.mod' '
	need_engine; install_probe
	printf "[env]\nprobe = \"1\"\n[tools]\nprobe = \"2\" # mise\n" >mise.toml
	check_eq "2 (from $T/work/mise.toml:4)|tbx-test/probe:2" "$(version)|$(image)"
	mv mise.toml .mise.toml
	check_eq "2 (from $T/work/.mise.toml:4)" "$(version)"
	rm .mise.toml
	printf "v2\n" >.probe-version
	check_eq "2 (from $T/work/.probe-version:1)" "$(version)"
	printf "lts/*\n" >.probe-version
	check_eq "2 (from $T/work/.probe-version:1)" "$(version)"
	printf "two-1\n" >.probe-version
	check_eq "1 (from $T/work/.probe-version:1)" "$(version)"
	rm .probe-version
	printf "module x\n\ngo 1\n\ntoolchain go2\n" >go.mod
	check_eq "2 (from $T/work/go.mod:5)" "$(version)"
	printf "[tools]\nprobe = \"1\"  # quoted, commented\n" >.toolbox
	check_eq "1 (from $T/work/.toolbox:2)|tbx-test/probe:1" "$(version)|$(image)"
'

test_case 'precedence: the variable, the nearest directory (.toolbox first), the ones above, the global file, the catalog' '
	need_engine; install_probe
	check_eq "1 (catalog default)" "$(version)"
	mkdir -p "$HOME/.config/tbx" sub/deeper
	printf "[tools]\nprobe = 2\n" >"$HOME/.config/tbx/toolbox"
	check_eq "2 (from $HOME/.config/tbx/toolbox:2)" "$(version)"
	run "$TBX" which --json cat
	check_match "*\"version_from\": \"global\"*" "$out"
	mkdir "$T/xdg" && printf "[tools]\nprobe = 1\n" >"$T/xdg/toolbox"
	mkdir "$T/xdg/tbx" && mv "$T/xdg/toolbox" "$T/xdg/tbx/"
	check_eq "1 (from $T/xdg/tbx/toolbox:2)" "$(XDG_CONFIG_HOME=$T/xdg version)"
	printf "probe 1\n" >.tool-versions
	cd sub/deeper
	check_eq "1 (from $T/work/.tool-versions:1)" "$(version)"
	# a .toolbox that pins other tools leaves this one to the files above
	printf "[tools]\ngit = 2.45\n" >../.toolbox
	check_eq "1 (from $T/work/.tool-versions:1)" "$(version)"
	printf "2\n" >../.probe-version
	check_eq "2 (from $T/work/sub/.probe-version:1)" "$(version)"
	printf "[tools]\nprobe = 1\n" >../.toolbox
	check_eq "1 (from $T/work/sub/.toolbox:2)" "$(version)"
	check_eq "2 (from TBX_PROBE_VERSION)" "$(TBX_PROBE_VERSION=2 version)"
	check_eq tbx-test/probe:2 "$(TBX_PROBE_VERSION=2 image)"
'

test_case 'what is no version is refused in one line naming the file; so is a global file asking for more' '
	need_engine; install_probe
	# asdf'"'"'s and pyenv'"'"'s "the system'"'"'s" pins nothing
	printf "system\n" >.probe-version
	check_eq "1 (catalog default)" "$(version)"
	printf "latest:2\n" >.probe-version
	run "$SHIMS/cat" /etc/probe-version; check_status 125
	check_one_error "probe: $T/work/.probe-version:1: probe '"'"'latest:2'"'"' is not a version tbx can run: write digits and dots, as in 1"
	run env PATH="$SHIMS:$PATH" "$TBX" doctor; check_status 1
	check_match "*FAIL  project  probe: $T/work/.probe-version:1: *" "$out"
	# a link could name any file of the user'"'"'s: never read, never echoed
	echo "s3cret-token" >"$HOME/secret" && rm .probe-version
	ln -s "$HOME/secret" .probe-version
	run "$SHIMS/cat" /etc/probe-version; check_status 125
	check_one_error "probe: $T/work/.probe-version is a link out of the project: tbx reads another tool'"'"'s version file there only within it; replace the link with a copy"
	case "$err" in *s3cret*) false ;; esac
	# within the project, and from a home outside it, a link is followed
	rm .probe-version && echo 2 >.probe-real && ln -s .probe-real .probe-version
	check_eq "2 (from $T/work/.probe-version:1)" "$(version)"
	rm .probe-version .probe-real
	echo "probe 2" >"$HOME/dotfiles" && ln -s "$HOME/dotfiles" "$T/.tool-versions"
	check_eq "2 (from $T/.tool-versions:1)" "$(version)"
	rm "$T/.tool-versions"
	printf "[tools]\nprobe = 2\n" >mise.toml
	run "$SHIMS/cat" /etc/probe-version; check_status 125
	check_one_error "probe: $T/work/mise.toml:2: probe'"'"'s version is not a string; write probe = \"<version>\""
	rm mise.toml
	mkdir -p "$HOME/.config/tbx"
	printf "[tool.probe]\nwarm = 0\nimage = example.com/x\n" >"$HOME/.config/tbx/toolbox"
	run "$SHIMS/cat" /etc/probe-version; check_status 125
	check_one_error "probe: $HOME/.config/tbx/toolbox: \[tool.probe] asks for image, which the global file does not give; put it in a project*"
	printf "[tool.probe]\nwarm = 10m\n" >"$HOME/.config/tbx/toolbox"
	check_match "*warm     a kept container, stopped after 600 s idle (from $HOME/.config/tbx/toolbox)*" "$(env -u TBX_WARM "$TBX" which cat)"
'

test_case 'install with no names: what the project and the global file pin; doctor names a pin without a shim' '
	need_engine
	mkdir -p "$HOME/.config/tbx" sub
	git init -q .
	printf "probe 2\ndirenv 2.32 # not a tool of tbx\n" >.tool-versions
	run env PATH="$SHIMS:/usr/bin:/bin" "$TBX" doctor; check_status 1
	check_match "*FAIL  project  probe = 2 ($T/work/.tool-versions:1) has no shim: *sh* runs /usr/bin/sh*
               fix: tbx install*" "$out"
	cd sub
	run "$TBX" install; check_status 0
	check_eq "installed probe 2 (pinned; the catalog'"'"'s: 1): sh cat id env pwd ls sleep true false printf stat tty" "$out"
	run env PATH="$SHIMS:/usr/bin:/bin" "$TBX" doctor
	check_match "*ok    project  $T/work: 1 tools pinned, no lock*" "$out"
	check_match "*warn  project  $T/work/.tool-versions:2 names *direnv*, which no catalog tool answers to
               fix: *tbx catalog* lists the tools; one it has not runs as the host has it*" "$out"
	# mise.toml: its keys, not an array'"'"'s elements on lines of their own
	printf "[tools]\nprobe = [\n  \"2\",\n]\nnosuch = \"1\"\n" >"$T/work/mise.toml"
	run env PATH="$SHIMS:/usr/bin:/bin" "$TBX" doctor
	check_eq "$T/work/.tool-versions:2 names *direnv*|$T/work/mise.toml:5 names *nosuch*" \
		"$(echo "$out" | sed -n "s/.*warn  project  \(.*\), which no catalog tool answers to/\1/p" | tr "'"'"'" "*" | paste -sd"|")"
	rm "$T/work/mise.toml"
	rm -r "$SHIMS" "$T/work/.tool-versions"
	printf "[tools]\nprobe = 2\n" >"$HOME/.config/tbx/toolbox"
	run "$TBX" install; check_status 0
	check_match "installed probe 2 (pinned; *" "$out"
	test -x "$SHIMS/cat"
	# from $HOME, no project: nothing to lock, and doctor says so
	cd "$HOME"
	run env PATH="$SHIMS:$PATH" "$TBX" doctor
	check_match "*ok    project  $HOME, nothing pinned*" "$out"
	run "$TBX" lock; check_status 125
	check_one_error "lock: $HOME is no project directory: a lock has no place here; run tbx from the project"
	run "$TBX" verify; check_status 125
	check_one_error "verify: nothing pins a tool within the project $HOME (a pin above it is not the project*s); *"
'
test_case 'ls: every tool active here, where its version came from, its image locked and here, its shims' '
	need_engine; install_probe
	printf "probe 2\n" >.tool-versions
	run "$TBX" ls; check_status 0
	check_match "TOOL *VERSION *FROM *IMAGE *LOCKED *HERE *SHIMS
probe *2 *$T/work/.tool-versions:1 *tbx-test/probe:2 *no *yes *ok" "$out"
	printf "probe 9\n" >.tool-versions
	"$TBX" uninstall probe >/dev/null
	run "$TBX" ls --json; check_status 0
	check_match "*\"tool\": \"probe\"*\"version\": \"9\"*\"locked\": false*\"here\": false*\"shims\": \"missing\"*" "$out"
	mkdir sub && cd sub && printf "lts\n" >.probe-version
	run "$TBX" ls; check_status 125
	check_one_error "probe: $T/work/sub/.probe-version:1: probe *lts* is not a version*"
	cd "$T" && rm "$T/work/.tool-versions"
	run "$TBX" ls; check_status 0
	check_eq "nothing pinned here and no shims installed (*tbx use <tool>* does both)" "$(echo "$out" | tr "'"'"'" "*")"
'

test_done
