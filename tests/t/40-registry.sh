#!/bin/bash
# tbx lock, outdated and pull against the reference registry on loopback
# (plain HTTP), cross-checked with skopeo; shims running the locked digest.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../registry.sh"

if engine_reachable && command -v docker-registry >/dev/null; then
	start_registry plain
	export REG_plain
	# releases and a pre-release of one repository, two contents
	for v in 1.0.9 1.0.10 1.1.0 2.0.0rc1; do push "$PROBE:1" "$REG_plain/probe:$v"; done
	push "$PROBE:2" "$REG_plain/probe:1.0.2"
	push "$PROBE:2" "$REG_plain/other:3.1"
fi

need_registry() {
	need_engine
	[ -n "${REG_plain:-}" ] || { echo "no test registry (is docker-registry installed?)" >&2; exit 1; }
}

skopeo_digest() {
	skopeo inspect --tls-verify=false --format "{{.Digest}}" "docker://$1"
}

test_case 'lock resolves a partial version to the highest release tag, digest as skopeo sees it' '
	need_registry
	reg_catalog "$REG_plain/probe"
	printf "[tools]\nreg = 1.0\n" >.toolbox
	run "$TBX" lock; check_status 0
	check_match "reg 1.0 -> 1.0.10 (highest release tag of 5 matching 1.0), 1.0.10@sha256:*" "$out"
	check_eq "[reg]
request = 1.0
version = 1.0.10
repository = $REG_plain/probe
tag = 1.0.10
digest = $(skopeo_digest "$REG_plain/probe:1.0.10")" "$(grep -v "^#" .toolbox.lock | sed 1d)"
'

test_case 'exact and pre-release requests map through the template; latest tags too' '
	need_registry
	reg_catalog "$REG_plain/probe"
	printf "[tools]\nreg = 2.0.0rc1\n" >.toolbox
	"$TBX" lock >/dev/null
	grep -qx "tag = 2.0.0rc1" .toolbox.lock
	printf "[tools]\nreg = 1\n" >.toolbox
	"$TBX" lock >/dev/null
	grep -qx "version = 1.1.0" .toolbox.lock
'

test_case 'the shim runs the locked digest even after the tag moved; --update moves it' '
	need_registry
	reg_catalog "$REG_plain/probe"
	push "$PROBE:1" "$REG_plain/probe:7.0"
	printf "[tools]\nreg = 7.0\n" >.toolbox
	"$TBX" install reg >/dev/null
	"$TBX" lock >/dev/null
	"$TBX" pull >/dev/null 2>&1
	first=$(grep "^digest" .toolbox.lock)
	check_eq 1 "$("$SHIMS/cat" /etc/probe-version 2>&1)"
	push "$PROBE:2" "$REG_plain/probe:7.0"
	check_eq 1 "$("$SHIMS/cat" /etc/probe-version 2>&1)"
	"$TBX" lock >/dev/null
	check_eq "$first" "$(grep "^digest" .toolbox.lock)"
	run "$TBX" lock --update reg; check_status 0
	if check_eq "$first" "$(grep "^digest" .toolbox.lock)" 2>/dev/null; then false; fi
	"$TBX" pull >/dev/null 2>&1
	check_eq 2 "$("$SHIMS/cat" /etc/probe-version 2>&1)"
'

test_case 'an image that is not here is pulled first; one the registry lacks is one line with its answer' '
	need_registry
	reg_catalog "$REG_plain/pulled"
	push "$PROBE:2" "$REG_plain/pulled:7.1"
	"$TBX" install reg >/dev/null
	"$ENGINE" rmi "$REG_plain/pulled:7.1" >/dev/null 2>&1 || true
	run env TBX_REG_VERSION=7.1 "$SHIMS/cat" /etc/probe-version; check_status 0
	check_eq 2 "$out"
	check_eq "" "$err"
	"$ENGINE" rmi "$REG_plain/pulled:7.1" >/dev/null
	run env TBX_REG_VERSION=9.9 "$SHIMS/cat" /etc/probe-version; check_status 125
	check_one_error "reg: image $REG_plain/pulled:9.9 is not here and cannot be pulled: manifest for $REG_plain/pulled:9.9 not found: manifest unknown: manifest unknown"
'

test_case 'lock --frozen and CI=true fail with a readable diff when out of date' '
	need_registry
	reg_catalog "$REG_plain/probe"
	printf "[tools]\nreg = 1.0\n" >.toolbox
	run "$TBX" lock --frozen; check_status 1
	check_match "*does not match the pins:*+ reg = 1.0 ($T/work/.toolbox:2): not locked*" "$out"
	check_one_error "lock: */.toolbox.lock is out of date; run *tbx lock* and commit it"
	test ! -e .toolbox.lock
	"$TBX" lock >/dev/null
	run "$TBX" lock --frozen; check_status 0
	printf "[tools]\nreg = 1.1\n" >.toolbox
	run env CI=true "$TBX" lock; check_status 1
	check_match "*~ reg = 1.1 ($T/work/.toolbox:2): locked for another request, locked request 1.0*" "$out"
'

test_case 'a damaged lock: --frozen and the shim refuse it, tbx lock rewrites it' '
	need_registry
	reg_catalog "$REG_plain/probe"
	printf "[tools]\nreg = 1.0\n" >.toolbox
	"$TBX" lock >/dev/null
	sed -i "s/^tag = .*/&\ntag = again/" .toolbox.lock
	run "$TBX" lock --frozen; check_status 125
	check_one_error "lock: $T/work/.toolbox.lock:*: *tag* is given twice in \[reg\]"
	"$TBX" install reg >/dev/null
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 125
	check_one_error "reg: $T/work/.toolbox.lock:*: *tag* is given twice in \[reg\]"
	run "$TBX" lock; check_status 0
	check_match "tbx: lock: warning: *given twice*; resolving every tool again" "$err"
	run "$TBX" lock --frozen; check_status 0
'

# Pagination: Debian's reference registry (2.8) answers tags/list whole
# whatever n asks, so pages are tested against the double in 45-*.

test_case 'several tools are resolved in one run; a failure writes nothing' '
	need_registry
	reg_catalog "$REG_plain/probe"
	printf "name: other\ndescription: d\nimage: %s/other\nversion: \"3\"\ncommands: [other]\n" "$REG_plain" >"$T/cat/other.yaml"
	printf "[tools]\nreg = 1.0\nother = 3\n" >.toolbox
	run "$TBX" lock; check_status 0
	check_eq "other
reg" "$(grep "^\[" .toolbox.lock | tr -d "[]")"
	cp .toolbox.lock "$T/before"
	printf "[tools]\nreg = 1.0\nother = 9\n" >.toolbox
	run "$TBX" lock; check_status 125
	check_match "tbx: other: registry $REG_plain: other:9: HTTP 404: MANIFEST_UNKNOWN*" "$err"
	cmp .toolbox.lock "$T/before"
'

test_case 'outdated lists the newest matching and newest releases' '
	need_registry
	reg_catalog "$REG_plain/probe"
	printf "[tools]\nreg = 1.0\n" >.toolbox
	"$TBX" lock >/dev/null
	run "$TBX" outdated; check_status 0
	check_match "*reg * 1.0 * 1.0.10 * 1.0.10 * 7.0*" "$out"
'

test_case 'pull fetches every locked digest through the engine' '
	need_registry
	reg_catalog "$REG_plain/probe"
	printf "[tools]\nreg = 1.0\n" >.toolbox
	"$TBX" lock >/dev/null
	d=$(sed -n "s/^digest = //p" .toolbox.lock)
	"$ENGINE" rmi "$REG_plain/probe@$d" >/dev/null 2>&1 || true
	if "$ENGINE" image inspect "$REG_plain/probe@$d" >/dev/null 2>&1; then false; fi
	run "$TBX" pull; check_status 0
	check_match "reg: pulling $REG_plain/probe@$d*" "$out"
	"$ENGINE" image inspect "$REG_plain/probe@$d" >/dev/null
'

test_case 'verify: every locked digest must be here; a missing one says to pull' '
	need_registry
	reg_catalog "$REG_plain/probe"
	printf "[tools]\nreg = 1.0\n" >.toolbox
	"$TBX" lock >/dev/null
	d=$(sed -n "s/^digest = //p" .toolbox.lock)
	"$ENGINE" rmi "$REG_plain/probe@$d" >/dev/null 2>&1 || true
	run "$TBX" verify; check_status 1
	check_eq "FAIL  reg: $REG_plain/probe@$d is not present here; run '"'"'tbx pull'"'"'" "$out"
	"$TBX" pull >/dev/null
	run "$TBX" verify; check_status 0
	check_eq "ok    reg: $REG_plain/probe@$d" "$out"
	printf "[tools]\nreg = 1.1\n" >.toolbox
	run "$TBX" verify; check_status 1
	check_match "FAIL  reg: not locked for reg = 1.1; run *tbx lock*" "$out"
'

test_case 'two tbx lock runs at once take turns: one resolves, the other finds the lock current' '
	need_registry
	reg_catalog "$REG_plain/probe"
	printf "[tools]\nreg = 1.0\n" >.toolbox
	"$TBX" lock >"$T/a" & a=$!
	"$TBX" lock >"$T/b" & b=$!
	wait $a; wait $b
	check_eq 1 "$(cat "$T/a" "$T/b" | grep -c " -> 1.0.10 ")"
	"$TBX" lock --frozen >/dev/null
'

test_case 'a full disk while writing the lock leaves the old lock as it was' '
	need_root
	need_registry
	reg_catalog "$REG_plain/probe"
	mkdir small && mount -t tmpfs -o size=16k tmpfs small
	trap "cd /; umount \"$T/work/small\"" EXIT
	cd small
	printf "[tools]\nreg = 1.0\n" >.toolbox
	"$TBX" lock >/dev/null
	cp .toolbox.lock "$T/before"
	printf "[tools]\nreg = 1.1\n" >.toolbox
	head -c 1M /dev/zero >filler 2>/dev/null || true
	run "$TBX" lock; check_status 125
	check_one_error "lock: cannot write *.toolbox.lock.*: No space left on device"
	cmp .toolbox.lock "$T/before"
	if ls -a | grep -q "^\.\.toolbox\.lock\."; then false; fi
'

test_case 'lock resolves the image a .toolbox asks for once the file is trusted, as the shim runs it' '
	need_registry
	reg_catalog "$REG_plain/probe"
	printf "[tools]\nreg = 3\n[tool.reg]\nimage = $REG_plain/other\n" >.toolbox
	run "$TBX" lock; check_status 125
	check_one_error "reg: $T/work/.toolbox asks for another image of reg ($REG_plain/other) and is not trusted; *"
	"$TBX" install reg >/dev/null
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 125
	"$TBX" trust >/dev/null
	run "$TBX" lock; check_status 0
	check_match "reg 3 -> 3.1 *" "$out"
	check_eq "repository = $REG_plain/other" "$(grep "^repository" .toolbox.lock)"
	check_match "* $REG_plain/other@sha256:* cat" "$(TBX_DRY_RUN=1 "$SHIMS/cat")"
'

test_case 'what a version file pins is locked beside the repository, and its shims run the digest' '
	need_registry
	reg_catalog "$REG_plain/probe"
	git init -q . && mkdir -p sub && cd sub
	printf "reg 1.0 # asdf\n" >"$T/work/.tool-versions"
	run "$TBX" lock; check_status 0
	check_match "reg 1.0 -> 1.0.10 *" "$out"
	check_eq "request = 1.0" "$(grep "^request" "$T/work/.toolbox.lock")"
	"$TBX" install reg >/dev/null
	check_match "* $REG_plain/probe@$(skopeo_digest "$REG_plain/probe:1.0.10") *cat" \
		"$(TBX_DRY_RUN=1 "$SHIMS/cat")"
	# another pin than the lock: the tag, with a warning
	printf "reg 1.1\n" >"$T/work/.tool-versions"
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 0
	check_match "* $REG_plain/probe:1.1 *cat" "$out"
	check_one_error "reg: warning: reg = 1.1 asks for another version than $T/work/.toolbox.lock; *"
	run "$TBX" lock --frozen; check_status 1
	check_match "*~ reg = 1.1 ($T/work/.tool-versions:1): locked for another request*" "$out"
'

test_case 'the lock is the project'"'"'s own: a pin from above is not locked, and one of another directory is kept' '
	need_registry
	reg_catalog "$REG_plain/probe"
	sed -e "s/^name: reg\$/name: other/" -e "s|^image: .*|image: $REG_plain/other|" \
		-e "s/^commands: .*/commands: [ls]/" "$T/cat/reg.yaml" >"$T/cat/other.yaml"
	echo "version_files: [.other-version]" >>"$T/cat/other.yaml"
	git init -q . && mkdir web
	printf "[tools]\nreg = 1.0\n" >.toolbox
	printf "3\n" >web/.other-version
	(cd web && "$TBX" lock >/dev/null)
	check_eq "[other]|[reg]" "$(grep "^\[" .toolbox.lock | paste -sd"|")"
	# from the root, web/.other-version is not seen: its entry stays
	run "$TBX" lock --frozen; check_status 0
	run "$TBX" lock; check_status 0
	check_eq "[other]|[reg]" "$(grep "^\[" .toolbox.lock | paste -sd"|")"
	# a pin above the repository: this project'"'"'s lock is not for it
	rm .toolbox && printf "reg 1.1\n" >"$T/.tool-versions"
	"$TBX" install reg >/dev/null
	run env TBX_DRY_RUN=1 "$SHIMS/cat"; check_status 0
	check_match "* $REG_plain/probe:1.1 *" "$out"
	check_eq "" "$err"
	check_eq "1.1 (from $T/.tool-versions:1)" "$("$TBX" which cat | sed -n "s/^  version  //p")"
	rm .toolbox.lock
	run "$TBX" lock; check_status 125
	check_one_error "lock: nothing pins a tool within the project $T/work (a pin above it is not the project*s); *"
	# tbx use pins in the project'"'"'s own .toolbox, not one above it
	printf "[tools]\nreg = 1.0\n" >"$T/.toolbox"
	run "$TBX" use reg@1.0.9; check_status 0
	check_match "reg = 1.0.9
created $T/work/.toolbox*reg 1.0.9 -> 1.0.9 *" "$out"
	check_eq "reg = 1.0" "$(grep "^reg" "$T/.toolbox")"
	check_eq "request = 1.0.9" "$(grep "^request" .toolbox.lock | sort -u | grep 1.0.9)"
'

test_case 'use: one step pins, installs, locks and pulls; -g pins in the global file and pulls the tag' '
	need_registry
	reg_catalog "$REG_plain/probe"
	docker rmi -f "$REG_plain/probe:1.0.2" >/dev/null 2>&1 || true
	run "$TBX" use reg@1.0.2; check_status 0
	digest=$(skopeo_digest "$REG_plain/probe:1.0.2")
	check_match "reg = 1.0.2
created $T/work/.toolbox
installed reg 1.0.2 (pinned; the catalog*s: 1): cat sh
reg 1.0.2 -> 1.0.2 *
reg: pulling $REG_plain/probe@$digest*" "$out"
	check_eq "probe-2" "probe-$("$SHIMS/cat" /etc/probe-version)"
	check_match "* $REG_plain/probe@$digest *" "$(TBX_DRY_RUN=1 "$SHIMS/cat")"
	check_eq "[tools]|reg = 1.0.2" "$(grep -v "^#" .toolbox | grep . | paste -sd"|")"
	# the global file: a pin where no project pins, its tag pulled
	cd "$T" && mkdir elsewhere && cd elsewhere
	run "$TBX" use -g reg@1.0.9; check_status 0
	check_match "reg = 1.0.9
created $HOME/.config/tbx/toolbox*reg: pulling $REG_plain/probe:1.0.9*" "$out"
	check_eq "1.0.9 (from $HOME/.config/tbx/toolbox:5)" "$("$TBX" which cat | sed -n "s/^  version  //p")"
	test ! -e "$T/elsewhere/.toolbox.lock"
	check_eq "" "$err"
	# where a project pins it, its pin wins over the global file: said
	cd "$T/work"
	run "$TBX" use -g reg@1.0.10; check_status 0
	check_one_error "use: warning: reg = 1.0.2 in $T/work/.toolbox:*wins here; change it there"
	# and the environment over both
	run env TBX_REG_VERSION=1.0.9 "$TBX" use reg@1.0.2; check_status 0
	check_one_error "use: warning: TBX_REG_VERSION=1.0.9 in the environment wins here; unset it"
	run "$TBX" use; check_status 2
	run "$TBX" use -x reg; check_status 2
	run "$TBX" use nosuch; check_status 2
	check_one_error "use: unknown tool *nosuch*"
'

test_case 'versions: the release versions the registry offers, newest first' '
	need_registry
	reg_catalog "$REG_plain/probe"
	run "$TBX" versions reg; check_status 0
	# newest first, in numeric order, no pre-release (2.0.0rc1); other
	# tests of this file push more
	check_match "*1.1.0|1.0.10|1.0.9|1.0.2" "$(echo "$out" | paste -sd"|")"
	case $out in *rc*) false ;; esac
	reg_catalog "$REG_plain/probe" "v{version}-x"
	run "$TBX" versions reg; check_status 125
	check_one_error "reg: $REG_plain/probe has no tag the template *v{version}-x* reads a release version from (of * tags)"
	run "$TBX" versions nosuch; check_status 2
	run "$TBX" versions; check_status 2
'

test_case 'a first call whose image is not here says so and shows the pull on a terminal, never in the output' '
	need_registry
	command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 1; }
	reg_catalog "$REG_plain/probe" "{version}"
	"$TBX" install reg >/dev/null
	printf "[tools]\nreg = 1.0.9\n" >.toolbox
	docker rmi -f "$REG_plain/probe:1.0.9" >/dev/null 2>&1 || true
	# piped: the tool'"'"'s output only, nothing said
	check_eq "1" "$("$SHIMS/cat" /etc/probe-version 2>"$T/err")"
	check_eq "" "$(cat "$T/err")"
	docker rmi -f "$REG_plain/probe:1.0.9" >/dev/null
	tmux -S "$T/tmux" new -d -s t -x 150 -y 30 \
		"env -i HOME=$HOME PATH=$SHIMS:$PATH TERM=xterm TBX_HOME=$TBX_HOME TBX_CATALOG_PATH=$TBX_CATALOG_PATH TBX_WARM=0 PS1=\"$ \" bash --norc --noprofile -i"
	tmux_type "cd $T/work && cat /etc/probe-version >$T/out; echo done-\$?" Enter
	tmux_wait "done-0"
	screen=$(tmux_screen)
	check_match "*tbx: reg: pulling $REG_plain/probe:1.0.9: it is not here yet*1.0.9: Pulling from probe*" "$screen"
	check_eq "1" "$(cat "$T/out")"
	tmux -S "$T/tmux" kill-server
'

test_case 'an unreachable registry: a clear line, exit 125, nothing written' '
	need_engine
	port=$(free_port)
	reg_catalog "127.0.0.1:$port/probe"
	printf "[tools]\nreg = 1\n" >.toolbox
	run env TBX_REGISTRY_ATTEMPTS=2 "$TBX" lock; check_status 125
	check_match "tbx: reg: registry 127.0.0.1:$port: *onnect*" "$err"
	test ! -e .toolbox.lock
'
test_case 'a multi-platform image is locked by its index digest, and runs' '
	need_registry
	accept="application/vnd.docker.distribution.manifest.v2+json"
	for v in 1 2; do push "$PROBE:$v" "$REG_plain/multi:p$v"; done
	entries=
	for v in 1 2; do
		curl -sf -H "Accept: $accept" "http://$REG_plain/v2/multi/manifests/p$v" >"$T/m$v"
		arch=$([ $v = 1 ] && echo amd64 || echo arm64)
		entries="$entries${entries:+,}{\"mediaType\":\"$accept\",\"digest\":\"sha256:$(sha256sum <"$T/m$v" | cut -d" " -f1)\",\"size\":$(stat -c %s "$T/m$v"),\"platform\":{\"architecture\":\"$arch\",\"os\":\"linux\"}}"
	done
	list="application/vnd.docker.distribution.manifest.list.v2+json"
	printf "{\"schemaVersion\":2,\"mediaType\":\"%s\",\"manifests\":[%s]}" "$list" "$entries" >"$T/index"
	curl -sf -X PUT -H "Content-Type: $list" --data-binary "@$T/index" \
		"http://$REG_plain/v2/multi/manifests/1.0.0" >/dev/null
	reg_catalog "$REG_plain/multi"
	printf "[tools]\nreg = 1.0\n" >.toolbox
	"$TBX" lock >/dev/null
	want=sha256:$(sha256sum <"$T/index" | cut -d" " -f1)
	grep -qx "digest = $want" .toolbox.lock
	check_eq "$want" "sha256:$(skopeo inspect --raw --tls-verify=false "docker://$REG_plain/multi:1.0.0" | sha256sum | cut -d" " -f1)"
	"$TBX" install reg >/dev/null
	"$TBX" pull >/dev/null 2>&1
	check_eq 1 "$("$SHIMS/cat" /etc/probe-version)"
'
test_case 'prune keeps a locked digest and what a first call pulled where it ran; an old digest goes' '
	need_registry
	reg_catalog "$REG_plain/probe"
	# the suite'"'"'s probe out of the catalog: its images are never a candidate
	export TBX_CATALOG_PATH="$T/cat"
	# 8.1 is an image of its own, which nothing but its place keeps
	c=$("$ENGINE" create "$PROBE:1" /none)
	echo 8.1 >"$T/v" && "$ENGINE" cp "$T/v" "$c:/etc/probe-version"
	"$ENGINE" commit "$c" tbx-test/prune-reg:8.1 >/dev/null && "$ENGINE" rm "$c" >/dev/null
	push tbx-test/prune-reg:8.1 "$REG_plain/probe:8.1"
	"$ENGINE" rmi tbx-test/prune-reg:8.1 >/dev/null
	trap "\"$ENGINE\" rmi \"$REG_plain/probe:8.1\" >/dev/null 2>&1 || true" EXIT
	"$TBX" install reg >/dev/null
	mkdir e f
	cd e
	printf "[tools]\nreg = 1.0\n" >.toolbox
	"$TBX" lock >/dev/null && "$TBX" pull >/dev/null 2>&1
	old=$(sed -n "s/^digest = //p" .toolbox.lock)
	printf "[tools]\nreg = 1.0.2\n" >.toolbox
	"$TBX" lock >/dev/null && "$TBX" pull >/dev/null 2>&1
	new=$(sed -n "s/^digest = //p" .toolbox.lock)
	cd ../f
	printf "[tools]\nreg = 8.1\n" >.toolbox
	check_eq 8.1 "$("$SHIMS/cat" /etc/probe-version 2>/dev/null)"
	grep -qx "$T/work/f" "$HOME/.local/state/tbx/projects"
	cd "$T"
	run "$TBX" prune; check_status 0
	check_match "*untagged *$REG_plain/probe@$old*" "$out"
	if "$ENGINE" image inspect "$REG_plain/probe@$old" >/dev/null 2>&1; then false; fi
	"$ENGINE" image inspect "$REG_plain/probe@$new" "$REG_plain/probe:8.1" "$PROBE:1" >/dev/null
'
test_done
