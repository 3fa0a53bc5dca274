#!/bin/sh
# What a shim decides before the engine runs: the command line (seen through
# TBX_DRY_RUN and through a fake engine), the project root, versions, errors.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

# A fake engine that prints each argument on its own line, bracketed.
fake_engine() {
	mkdir -p "$T/bin"
	cat >"$T/bin/docker" <<-'EOT'
	#!/bin/sh
	for a; do printf '[%s]\n' "$a"; done
	EOT
	chmod +x "$T/bin/docker"
}

test_case 'dry run prints the exact engine command line on one line' '
	install_probe
	mkdir -p "$HOME/probe-extra" proj/sub && touch proj/.toolbox && cd proj/sub
	run env TBX_DRY_RUN=1 "$SHIMS/cat" -n "a b"
	check_status 0; check_eq "" "$err"
	uid=$(id -u) gid=$(id -g) P="$T/work/proj"
	boot=$(cat /proc/sys/kernel/random/boot_id)
	check_match "docker run --rm -i --init --label tbx.tool=probe --label tbx.owner=$boot:[0-9]*:[0-9]* -u $uid:$gid --mount type=bind,src=$P,dst=$P -w $P/sub --mount type=bind,src=$HOME/.cache/tbx/probe/home,dst=$HOME -e HOME=$HOME -e TINI_KILL_PROCESS_GROUP=1 -e '"'"'PROBE_FIXED=fixed value with spaces'"'"' -e '"'"'PROBE_EXPANDED=<> \$HOME .'"'"' -e TZ --mount type=bind,src=$HOME/probe-extra,dst=/extra,readonly --network host --mount type=bind,src=$SHIMS/cat,dst=/run/tbx/exec,readonly -- tbx-test/probe:1 /run/tbx/exec probe@1 cat -n '"'"'a b'"'"'" "$out"
	test ! -e "$HOME/.cache/tbx"
'

test_case 'the printed line, run by a shell, gives the engine the same argv' '
	install_probe; fake_engine
	export PATH="$T/bin:$PATH"
	set -- "" "two words" "it'"'"'s" "\$(touch pwned)" "line
break" "tab	x" "-v" "--rm" "é ü 日本" "*" "a\\b" "\"q\""
	# the owner label names each call'"'"'s own pid
	"$SHIMS/sh" "$@" | grep -v "^\[tbx.owner=" >"$T/direct"
	line=$(TBX_DRY_RUN=1 "$SHIMS/sh" "$@")
	check_eq 1 "$(printf "%s\n" "$line" | wc -l)"
	bash -c "$line" | grep -v "^\[tbx.owner=" >"$T/via-shell"
	cmp "$T/direct" "$T/via-shell"
	test ! -e pwned
	check_eq "[]" "$(grep -A1 -x "\[sh\]" "$T/direct" | tail -n 1)"
'

test_case 'project root: the repository, else the nearest .toolbox, else the cwd; none from /, $HOME or above' '
	install_probe; fake_engine; export PATH="$T/bin:$PATH"
	root() { "$SHIMS/true" | grep -A1 "^\[--mount\]$" | sed -n 2p; }
	mkdir -p a/b/c && cd a/b/c
	check_eq "[type=bind,src=$PWD,dst=$PWD]" "$(root)"
	mkdir "$T/work/a/.git"
	check_eq "[type=bind,src=$T/work/a,dst=$T/work/a]" "$(root)"
	# a .toolbox in the repository pins, the repository is the root
	touch "$T/work/a/b/.toolbox"
	check_eq "[type=bind,src=$T/work/a,dst=$T/work/a]" "$(root)"
	rmdir "$T/work/a/.git"
	check_eq "[type=bind,src=$T/work/a/b,dst=$T/work/a/b]" "$(root)"
	mkdir -p "$HOME/dots/x" && touch "$HOME/.toolbox" && mkdir "$HOME/.git" && cd "$HOME/dots/x"
	check_eq "[type=bind,src=$HOME/dots/x,dst=$HOME/dots/x]" "$(root)"
	# from $HOME, / or above $HOME: no project, the tool'"'"'s HOME read-only
	for d in "$HOME" / "$T"; do
		cd "$d"
		check_eq "[type=bind,src=$HOME/.cache/tbx/probe/home,dst=$HOME,readonly]" "$(root)"
		check_eq "[$d]" "$("$SHIMS/true" | grep -A1 "^\[-w\]$" | sed -n 2p)"
	done
'

test_case 'versions: catalog default, then .toolbox, then TBX_<TOOL>_VERSION' '
	install_probe
	image() { TBX_DRY_RUN=1 "$SHIMS/true" | grep -o "tbx-test/probe:[^ ]*"; }
	check_eq tbx-test/probe:1 "$(image)"
	printf "# pins\n[tools]\nother = 9\nprobe = 2\n" >.toolbox
	check_eq tbx-test/probe:2 "$(image)"
	mkdir deep && cd deep
	check_eq tbx-test/probe:2 "$(image)"
	check_eq tbx-test/probe:7.1 "$(TBX_PROBE_VERSION=7.1 image)"
'

test_case 'bad versions and malformed .toolbox: one line, exit 125, nothing run' '
	install_probe; fake_engine; export PATH="$T/bin:$PATH"
	for v in "1 2" "\$(id)" "1;reboot" "-rm" "a/b"; do
		printf "[tools]\nprobe = %s\n" "$v" >.toolbox
		run "$SHIMS/true"; check_status 125
		check_one_error "probe: $T/work/.toolbox:2: version *"
		check_eq "" "$out"
	done
	printf "[tools]\nprobe = 2\nthis line is wrong\n" >.toolbox
	run "$SHIMS/true"; check_status 125
	check_one_error "probe: $T/work/.toolbox:3: expected *"
	rm .toolbox
	run env TBX_PROBE_VERSION="x y" "$SHIMS/true"; check_status 125
	check_one_error "probe: TBX_PROBE_VERSION=*x y* has characters *"
'

test_case 'engine: TBX_ENGINE, PATH without the shims dir, 127 and 126' '
	install_probe
	run env PATH="$SHIMS:/nonexistent" "$SHIMS/true"; check_status 127
	check_one_error "probe: no engine found in PATH: none of docker, podman, nerdctl *"
	run env TBX_ENGINE=docker PATH="$SHIMS:/nonexistent" "$SHIMS/true"; check_status 127
	check_one_error "probe: engine *docker* not found in PATH *"
	cp "$SHIMS/true" "$SHIMS/docker"
	run env PATH="$SHIMS:/nonexistent" "$SHIMS/true"; check_status 127
	fake_engine
	run env PATH="$SHIMS:$T/bin" "$SHIMS/true" x; check_status 0
	check_match "*\[tbx-test/probe:1\]
\[/run/tbx/exec\]
\[probe@1\]
\[true\]
\[x\]" "$out"
	run env TBX_ENGINE="$T/bin/docker" PATH=/nonexistent "$SHIMS/true"; check_status 0
	printf "#!/bin/sh\necho podman \"\$@\"\n" >"$T/bin/podman"; chmod +x "$T/bin/podman"
	run env TBX_ENGINE=podman PATH="$T/bin" "$SHIMS/true"; check_status 0
	check_match "podman run --rm *" "$out"
	chmod -x "$T/bin/docker"
	run env TBX_ENGINE="$T/bin/docker" "$SHIMS/true"; check_status 126
	check_one_error "probe: cannot run engine $T/bin/docker: Permission denied"
'

test_case 'engines: docker, podman, nerdctl in that order; rootless engines map the caller to its files' '
	need_root
	install_probe
	mkdir -p "$T/e"
	for e in podman nerdctl docker; do printf "#!/bin/sh\n" >"$T/e/$e"; chmod +x "$T/e/$e"; done
	chmod -R a+rX "$T"
	# line [PREFIX...]: the start of the command line, run through PREFIX
	line() { "$@" env TBX_DRY_RUN=1 PATH="$T/e" "$SHIMS/true" | sed "s/ --label [^ ]*//g" | cut -d" " -f1-8; }
	user() { setpriv --reuid 1234 --regid 1234 --clear-groups env HOME="$T/home" "$@"; }
	check_eq "docker run --rm -i --init -u 0:0 --mount" "$(line)"
	rm "$T/e/docker"
	check_eq "podman run --rm -i --init -u 0:0 --mount" "$(line)"
	check_eq "podman run --rm -i --init --userns=keep-id -u 1234:1234" "$(line user)"
	rm "$T/e/podman"
	check_eq "nerdctl run --rm -i --init -u 0:0 --mount" "$(line)"
	check_eq "nerdctl run --rm -i --init -u 0:0 --mount" "$(line user)"
	check_eq "nerdctl run --rm -i --init -u 1234:1234 --mount" "$(line user env TBX_ROOTLESS=0)"
	printf "#!/bin/sh\n" >"$T/e/docker"; chmod +x "$T/e/docker"
	touch "$T/docker.sock"
	check_eq "docker run --rm -i --init -u 1234:1234 --mount" "$(line user env DOCKER_HOST="unix://$T/docker.sock")"
	chown 1234 "$T/docker.sock"
	check_eq "docker run --rm -i --init -u 0:0 --mount" "$(line user env DOCKER_HOST="unix://$T/docker.sock")"
	check_eq "docker run --rm -i --init -u 1234:1234 --mount" "$(line user env DOCKER_HOST="unix://$T/docker.sock" TBX_ROOTLESS=0)"
'

test_case 'unreachable engine: one clear line and 125' '
	need_engine
	install_probe
	run env DOCKER_HOST=unix:///nonexistent.sock "$SHIMS/true"; check_status 125
	check_one_error "probe: engine unreachable: cannot connect to unix:///nonexistent.sock: No such file or directory *"
'

test_case 'passenv only when set; env and mounts from the catalog; missing mounts skipped' '
	install_probe; fake_engine; export PATH="$T/bin:$PATH"
	"$SHIMS/true" >"$T/a"
	if grep -q PROBE_PASS "$T/a"; then false; fi
	if grep -q /missing "$T/a"; then false; fi
	if grep -q /extra "$T/a"; then false; fi
	mkdir "$HOME/probe-extra"
	PROBE_PASS="s3cret value" "$SHIMS/true" >"$T/b"
	grep -qx "\[PROBE_PASS\]" "$T/b"
	# by name: the value is not on the command line (PROBE_EXPANDED shows
	# it on purpose, as a catalog that expands a variable does)
	if grep -q "^\[PROBE_PASS=" "$T/b"; then false; fi
	grep -qx "\[type=bind,src=$HOME/probe-extra,dst=/extra,readonly\]" "$T/b"
	grep -qx "\[PROBE_FIXED=fixed value with spaces\]" "$T/b"
	grep -qxF "[PROBE_EXPANDED=<s3cret value> \$HOME .]" "$T/b"
'

test_case 'paths with commas and quotes are quoted for --mount' '
	install_probe; fake_engine; export PATH="$T/bin:$PATH"
	mkdir -p "a,b\"c" && cd "a,b\"c" && touch .toolbox
	"$SHIMS/true" >"$T/out"
	grep -qxF "[type=bind,\"src=$T/work/a,b\"\"c\",\"dst=$T/work/a,b\"\"c\"]" "$T/out"
'

test_case 'TBX_CATALOG_PATH is searched before the built-in catalog' '
	mkdir -p "$T/cat"
	printf "name: go\ndescription: local go\nimage: tbx-test/probe\nversion: \"2\"\ncommands: [go]\n" >"$T/cat/go.yaml"
	TBX_CATALOG_PATH="$T/nonexistent::$T/cat" "$TBX" install go >/dev/null
	check_match "*tbx-test/probe:2*" "$(TBX_DRY_RUN=1 "$SHIMS/go" version)"
	printf "name: go\nimage: [x]\n" >"$T/cat/go.yaml"
	run env TBX_CATALOG_PATH="$T/cat" "$TBX" install go; check_status 125
	check_one_error "go: $T/cat/go.yaml:2:8: image must be a string"
'
test_case 'a shim named like the engine, reached through a symlinked PATH entry, is skipped' '
	install_probe
	cp "$SHIMS/true" "$SHIMS/docker"
	ln -s "$SHIMS" "$T/link"
	run timeout 10 env PATH="$T/link:/nonexistent" "$SHIMS/true"
	check_status 127
	check_one_error "probe: no engine found in PATH: *"
'

test_case 'markers owned by another user are ignored' '
	need_root
	install_probe; fake_engine; export PATH="$T/bin:$PATH"
	mkdir -p shared/mine && printf "[tools]\nprobe = 2\n" >shared/.toolbox
	chown 4321 shared/.toolbox
	cd shared/mine
	"$SHIMS/true" >"$T/out"
	grep -qxF "[tbx-test/probe:1]" "$T/out"
	grep -qxF "[type=bind,src=$PWD,dst=$PWD]" "$T/out"
	chown "$(id -u)" ../.toolbox
	"$SHIMS/true" >"$T/out"
	grep -qxF "[tbx-test/probe:2]" "$T/out"
'

test_case 'errors stay on one line whatever bytes the value holds' '
	install_probe
	run env TBX_PROBE_VERSION="1
rm -rf" "$SHIMS/true"
	check_status 125
	check_one_error "probe: TBX_PROBE_VERSION=*1\\\\x0arm -rf* has characters *"
'

test_case 'a project path with a newline is quoted for --mount' '
	install_probe; fake_engine; export PATH="$T/bin:$PATH"
	mkdir "new
line" && cd "new
line" && touch .toolbox
	"$SHIMS/true" >"$T/out"
	grep -qxF "[type=bind,\"src=$T/work/new" "$T/out"
'

test_done
