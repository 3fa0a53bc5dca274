#!/bin/sh
# The tbx verbs: install, uninstall, list, which, catalog, help, version.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

test_case 'help and version succeed; unknown verbs and bad usage exit 2' '
	run "$TBX" help; check_status 0; check_match "*usage: tbx*" "$out"
	run "$TBX" version; check_status 0; check_match "tbx *" "$out"
	run "$TBX" frobnicate; check_status 2; check_one_error "*not a tbx command*"
	run "$TBX" uninstall; check_status 2; check_one_error "uninstall: usage: *"
	run "$TBX" which; check_status 2
'

test_case 'every verb has --help and a line in tbx help; help names no unknown verb' '
	verbs=$("$TBX" help | awk "NR > 4 && /^\$/ { exit } NR > 4 && /^  [a-z]/ { print \$1 }")
	check_match "install*uninstall*list*catalog*init*add*remove*lock*outdated*pull*which*run*version*help" "$(echo $verbs)"
	for v in $verbs; do
		run "$TBX" "$v" --help; check_status 0
		check_match "usage: tbx $v*" "$out"
		check_eq "$out" "$("$TBX" help "$v")"
	done
	run "$TBX" help nope; check_status 2; check_one_error "help: *nope* is not a tbx command"
	check_match "* --help" "$(TBX_DRY_RUN=1 "$TBX" run probe cat --help)"
'

test_case 'list --json and which --json: every field, valid JSON' '
	install_probe
	printf "[tools]\nprobe = 2\n" >.toolbox
	"$TBX" list --json | python3 -c "import json,sys; l=json.load(sys.stdin); assert len(l) == 12 and l[0] == {\"command\": \"cat\", \"tool\": \"probe\", \"image\": \"tbx-test/probe\", \"version\": \"1\", \"tag\": \"1\", \"path\": \"$SHIMS/cat\"}, l[0]"
	"$TBX" which --json cat | python3 -c "import json,sys; w=json.load(sys.stdin); assert (w[\"version\"], w[\"version_from\"], w[\"version_source\"], w[\"image\"], w[\"locked\"], w[\"project\"]) == (\"2\", \"toolbox\", \"$T/work/.toolbox\", \"tbx-test/probe:2\", False, \"$T/work\"), w"
	run "$TBX" list --yaml; check_status 2
	run "$TBX" which --json; check_status 2
'

test_case 'completion: bash offers verbs, flags, tools and installed commands; zsh and fish parse' '
	install_probe
	PATH="$(dirname "$TBX"):$PATH"
	"$TBX" completion bash >"$T/c.bash"
	offers() { "$TOP/tests/helpers/complete.bash" "$T/c.bash" tbx "$@" | paste -sd" "; }
	check_eq "list ls lock" "$(offers l)"
	check_eq "--json --markdown" "$(offers catalog --)"
	check_eq "probe" "$(offers install prob)"
	check_eq "probe" "$(offers run prob)"
	check_eq "" "$(offers run probe s)"
	check_eq "sh sleep stat" "$(offers which s)"
	check_eq "zsh" "$(offers completion z)"
	"$TBX" completion zsh >"$T/c.zsh" && zsh -n "$T/c.zsh"
	"$TBX" completion fish >"$T/c.fish" && fish -n "$T/c.fish"
	run "$TBX" completion tcsh; check_status 2
'

test_case 'make install puts tbx, its catalog and man pages under PREFIX; every verb has its entry' '
	make -s -C "$TOP" install BUILD="$BUILD" PREFIX="$T/p" >/dev/null
	unset TBX_CATALOG_PATH
	"$T/p/bin/tbx" catalog | grep -q "^maven "
	for page in man1/tbx.1 man5/toolbox.5; do
		test -s "$T/p/share/man/$page"
		check_eq "" "$(man --warnings -l "$T/p/share/man/$page" 2>&1 >/dev/null)"
	done
	for v in $("$TBX" help | awk "NR > 4 && /^\$/ { exit } NR > 4 && /^  [a-z]/ { print \$1 }"); do
		grep -A1 "^\.TP" "$TOP/man/tbx.1" | grep -qw "$v" || { echo "tbx.1 lacks $v" >&2; false; }
	done
'

test_case 'install writes one shim per command, list shows them' '
	run "$TBX" install probe; check_status 0
	check_eq "installed probe 1: sh cat id env pwd ls sleep true false printf stat tty" "$out"
	for c in sh cat id env pwd ls sleep true false printf stat tty; do
		test -x "$SHIMS/$c"
	done
	check_eq 12 "$(ls "$SHIMS" | wc -l)"
	run "$TBX" list; check_status 0
	check_match "*sh*probe*tbx-test/probe:1*" "$out"
'

# its size against the budget is make bench's figure
test_case 'a shim is one static executable' '
	install_probe
	file "$SHIMS/sh" | grep -q "statically linked"
	if ldd "$SHIMS/sh" >/dev/null 2>&1; then false; fi
'

test_case 'same inputs give the same bytes' '
	install_probe
	cp "$SHIMS/cat" "$T/first"
	TBX_HOME="$T/other" "$TBX" install probe >/dev/null
	cmp "$T/first" "$T/other/shims/cat"
	"$TBX" install probe >/dev/null
	cmp "$T/first" "$SHIMS/cat"
	if cmp -s "$SHIMS/cat" "$SHIMS/sh"; then false; fi
	if ls -a "$SHIMS" | grep -q "^\.cat\."; then false; fi
'

test_case 'did you mean: a verb or a tool one edit away, a command named for its tool' '
	run "$TBX" instal; check_status 2
	check_eq "tbx: instal: not a tbx command; did you mean '"'"'tbx install'"'"'? (see '"'"'tbx help'"'"')" "$err"
	run "$TBX" frobnicate; check_status 2
	check_eq "tbx: frobnicate: not a tbx command; see '"'"'tbx help'"'"'" "$err"
	export TBX_CATALOG_PATH="$TOP/catalog"
	run "$TBX" install mvn; check_status 2
	check_eq "tbx: mvn: '"'"'mvn'"'"' is a command of the tool '"'"'maven'"'"', not a tool: name '"'"'maven'"'"'" "$err"
	run "$TBX" install terrafrom; check_status 2
	check_one_error "terrafrom: unknown tool *; did you mean '"'"'terraform'"'"'? *"
	# two edits in a short name are no typo: golang is not erlang
	run "$TBX" install golang; check_status 2
	check_one_error "golang: unknown tool '"'"'golang'"'"' (not in the catalog; see '"'"'tbx catalog'"'"')"
	test ! -e "$SHIMS"
'

test_case 'uninstall removes only that tool; unknown tools are errors' '
	install_probe
	mkdir -p "$T/cat2"
	cat >"$T/cat2/other.yaml" <<-EOT
	name: other
	description: another tool
	image: tbx-test/probe
	version: "1"
	commands: [other-cmd]
	EOT
	TBX_CATALOG_PATH="$TOP/tests/catalog:$T/cat2" "$TBX" install other >/dev/null
	echo "not a shim" >"$SHIMS/notes"
	run "$TBX" uninstall probe; check_status 0
	check_eq "notes
other-cmd" "$(ls "$SHIMS")"
	run "$TBX" uninstall probe; check_status 125; check_one_error "uninstall: *probe* is not installed"
	run "$TBX" install nosuchtool; check_status 2; check_one_error "nosuchtool: unknown tool*"
'

test_case 'install replaces a shim that another tbx version wrote, whose spec it cannot read' '
	install_probe
	# the version byte after the spec region'"'"'s magic (the last: the first is
	# the code'"'"'s own copy), as a newer tbx would write it
	off=$(LC_ALL=C grep -obUaP "\\x7fTBX-SHIM-SPEC-\\x01" "$SHIMS/cat" | tail -n 1 | cut -d: -f1)
	printf "\\143" | dd of="$SHIMS/cat" bs=1 seek=$((off + 16)) conv=notrunc 2>/dev/null
	run "$SHIMS/cat" /dev/null; check_status 125; check_one_error "*/cat: spec version not supported by this shim; reinstall it with *tbx install*"
	"$TBX" install probe >/dev/null
	check_eq "" "$("$SHIMS/cat" /dev/null 2>&1)"
'

test_case 'install refuses to overwrite a foreign file or another tool'"'"'s command' '
	mkdir -p "$SHIMS" "$T/cat2"
	echo "#!/bin/sh" >"$SHIMS/sh"
	run "$TBX" install probe; check_status 125; check_one_error "install: */sh exists and is not a tbx shim"
	check_eq "#!/bin/sh" "$(cat "$SHIMS/sh")"
	rm "$SHIMS/sh"
	install_probe
	cat >"$T/cat2/rival.yaml" <<-EOT
	name: rival
	description: provides cat too
	image: tbx-test/probe
	version: "1"
	commands: [cat]
	EOT
	run env TBX_CATALOG_PATH="$T/cat2" "$TBX" install rival
	check_status 125; check_one_error "install: command *cat* is already provided by *probe*"
'

test_case 'reinstalling drops commands the catalog entry no longer has' '
	mkdir -p "$T/cat2"
	printf "name: two\ndescription: d\nimage: tbx-test/probe\nversion: \"1\"\ncommands: [c-one, c-two]\n" >"$T/cat2/two.yaml"
	TBX_CATALOG_PATH="$T/cat2" "$TBX" install two >/dev/null
	printf "name: two\ndescription: d\nimage: tbx-test/probe\nversion: \"1\"\ncommands: [c-one]\n" >"$T/cat2/two.yaml"
	TBX_CATALOG_PATH="$T/cat2" "$TBX" install two >/dev/null
	check_eq "c-one" "$(ls "$SHIMS")"
'

test_case 'which explains tool, version source, image, project and engine' '
	install_probe
	mkdir -p proj/sub && printf "[tools]\nprobe = 2\n" >proj/.toolbox && cd proj/sub
	run "$TBX" which cat; check_status 0
	check_match "*version  2 (from $T/work/proj/.toolbox:2)*" "$out"
	check_match "*image    tbx-test/probe:2*" "$out"
	check_match "*project  $T/work/proj
*" "$out"
	TBX_PROBE_VERSION=1 "$TBX" which cat | grep -q "from TBX_PROBE_VERSION"
	run "$TBX" which nope; check_status 125; check_one_error "nope: no shim in *"
'

test_case 'catalog lists every shipped tool and every shipped file loads' '
	unset TBX_CATALOG_PATH
	run "$TBX" catalog; check_status 0
	for t in git go latex maven; do check_match "*$t *" "$out"; done
	for f in "$TOP"/catalog/*.yaml; do
		TBX_HOME="$T/all" "$TBX" install "$(basename "$f" .yaml)" >/dev/null
	done
'

test_case 'odd files in the shims dir: a FIFO, a dangling link, /dev/full' '
	install_probe
	mkfifo "$SHIMS/fifo"
	ln -s "$T/nonexistent" "$SHIMS/dangling"
	run timeout 10 "$TBX" list; check_status 0
	check_match "*cat*probe*" "$out"
	run sh -c "\"$TBX\" list >/dev/full"; check_status 125
	check_one_error "list: cannot write to stdout: No space left on device"
'

test_case 'tool@version: install makes that image ready, run runs it for one call' '
	need_engine
	run "$TBX" install probe@2; check_status 0
	check_eq "installed probe 1: sh cat id env pwd ls sleep true false printf stat tty
probe: tbx-test/probe:2 is here" "$out"
	check_eq "1|2|1" "$("$SHIMS/cat" /etc/probe-version)|$("$TBX" run probe@2 cat /etc/probe-version)|$("$TBX" run probe cat /etc/probe-version)"
	run "$TBX" run "probe@2;x" cat; check_status 2
	check_one_error "run: version *"
	rm -r "$SHIMS"
	run "$TBX" install "probe@"; check_status 2
	check_one_error "probe: version '"'"''"'"' for '"'"'probe'"'"' is empty"
	test ! -e "$SHIMS/sh"
'

test_case 'the READMEs carry the table the catalog generates' '
	unset TBX_CATALOG_PATH
	"$TBX" catalog --markdown >"$T/table"
	test "$(wc -l <"$T/table")" -ge 32
	for f in "$TOP/README.md" "$TOP/catalog/README.md"; do
		sed -n "/<!-- catalog:start -->/,/<!-- catalog:end -->/p" "$f" | sed "1d;\$d" >"$T/have"
		diff "$T/table" "$T/have" || { echo "$f: run make catalog-docs" >&2; false; }
	done
	"$TBX" catalog --json | grep -q "\"name\": \"maven\""
'

test_case 'a copied shim runs alone in an image holding nothing else' '
	need_engine
	install_probe
	mkdir -p "$T/root" && cp "$SHIMS/cat" "$T/root/cat"
	img=tbx-test/shim-only:$$
	tar -C "$T/root" -c cat | "$ENGINE" import - "$img" >/dev/null
	out=$("$ENGINE" run --rm -w /w -e HOME=/h -e TBX_DRY_RUN=1 -e TBX_IN_CONTAINER=0 "$img" /cat x 2>&1) || true
	mkdir "$T/w"
	in_ci=$("$ENGINE" run --rm -v "$T/w:/w" -w /w -e HOME=/h -e TBX_DRY_RUN=1 "$img" /cat x 2>&1) || true
	"$ENGINE" rmi "$img" >/dev/null
	check_match "docker run --rm -i --init --label tbx.tool=probe --label tbx.owner=* -u 0:0 --mount type=bind,src=/w,dst=/w -w /w *--mount type=bind,src=/cat,dst=/run/tbx/exec,readonly -- tbx-test/probe:1 /run/tbx/exec probe@1 cat x" "$out"
	# in a container, the engine says which volumes to share
	check_eq "tbx: probe: no engine found in PATH: none of docker, podman, nerdctl (install one or set TBX_ENGINE)" "$in_ci"
'
test_done
