#!/bin/sh
# A hostile repository, read top to bottom: each case is an attack a cloned
# project's files can try on what tbx itself writes, shows or reads as its
# own (add, remove, init, trust, gc, the catalog path), and what stops it.
# Every refusal is one line of tbx's own, and nothing is written. What a
# shim refuses: 75-hostile-repo.sh.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"

# A file of the user's that a repository's .toolbox can link to.
secret() {
	printf "[default]\naws_secret_access_key = s3cr3t\n" >"$HOME/credentials"
	cp "$HOME/credentials" "$T/credentials.before"
}

# The first 12 characters of a container id, as gc prints it.
short() { printf "%.12s" "$1"; }

test_case 'a .toolbox linked to a secret: add, remove and init refuse in one line; the secret and the link stay' '
	secret
	ln -s ../home/credentials .toolbox
	for verb in "add probe" "remove probe" init; do
		run "$TBX" $verb; check_status 125
		check_one_error "${verb%% *}: $T/work/.toolbox is a symbolic link; tbx never writes through one (replace it with a file)"
		check_eq "" "$out"
	done
	test -L .toolbox
	cmp "$HOME/credentials" "$T/credentials.before"
	check_eq ".toolbox" "$(ls -A)"
	# a link to a file not there yet: no file made at its end either
	rm .toolbox; ln -s "$HOME/new" .toolbox
	run "$TBX" add probe; check_status 125
	check_one_error "add: $T/work/.toolbox is a symbolic link; tbx never writes through one (replace it with a file)"
	test ! -e "$HOME/new"
'

test_case 'a .toolbox.lock linked to a secret: tbx lock refuses before reading it or asking a registry' '
	secret
	printf "[tools]\nprobe = 2\n" >.toolbox
	ln -s ../home/credentials .toolbox.lock
	run "$TBX" lock; check_status 125
	check_one_error "lock: $T/work/.toolbox.lock is a symbolic link; tbx never writes through one (replace it with a file)"
	test -L .toolbox.lock
	cmp "$HOME/credentials" "$T/credentials.before"
'

test_case 'an untrusted image in .toolbox is asked of no registry by lock, pull or outdated' '
	printf "[tools]\nprobe = 2\n\n[tool.probe]\nimage = 127.0.0.1:9/steal\n" >.toolbox
	for verb in lock pull outdated; do
		run "$TBX" $verb; check_status 125
		check_one_error "probe: $T/work/.toolbox asks for another image of probe (127.0.0.1:9/steal) and is not trusted; read it, then run '"'"'tbx trust $T/work/.toolbox'"'"'"
	done
	test ! -e .toolbox.lock
'

test_case 'a CRLF .toolbox stays CRLF in every line add and remove write' '
	printf "# team tools\r\n[tools]\r\nprobe = 1\r\n" >.toolbox
	"$TBX" remove probe >/dev/null
	printf "# team tools\r\n[tools]\r\n" >"$T/want"; cmp .toolbox "$T/want"
	"$TBX" add probe@2 >/dev/null
	printf "# team tools\r\n[tools]\r\nprobe = 2\r\n" >"$T/want"; cmp .toolbox "$T/want"
	"$TBX" add probe@3 >/dev/null
	printf "# team tools\r\n[tools]\r\nprobe = 3\r\n" >"$T/want"; cmp .toolbox "$T/want"
	printf "# team tools\r\n" >.toolbox
	"$TBX" add probe@2 >/dev/null
	printf "# team tools\r\n\r\n[tools]\r\nprobe = 2\r\n" >"$T/want"; cmp .toolbox "$T/want"
'

test_case 'a read-only .toolbox is refused in one line and left as it is; a writable one keeps its mode' '
	printf "[tools]\nprobe = 1\n" >.toolbox
	cp .toolbox "$T/before"
	chmod 444 .toolbox
	run "$TBX" add probe@2; check_status 125
	check_one_error "add: $T/work/.toolbox is read-only; tbx leaves it as it is (chmod u+w it to let tbx change it)"
	check_eq "" "$out"
	run "$TBX" remove probe; check_status 125
	check_one_error "remove: $T/work/.toolbox is read-only; *"
	cmp .toolbox "$T/before"
	check_eq 444 "$(stat -c %a .toolbox)"
	chmod 640 .toolbox
	"$TBX" add probe@2 >/dev/null
	check_eq 640 "$(stat -c %a .toolbox)"
	check_eq ".toolbox" "$(ls -A)"
'

test_case 'a .toolbox of another user'"'"'s, even one all may write, is refused: tbx would make it the caller'"'"'s' '
	[ "$(id -u)" = 0 ] || { echo "skip: needs root to act as another user" >&3; exit 77; }
	printf "[tools]\nprobe = 1\n" >.toolbox && chmod 666 .toolbox
	chmod 777 . && chmod 755 "$T"
	run setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$T/work" "$TBX" add probe@2
	check_status 125
	check_one_error "add: $T/work/.toolbox belongs to uid 0; tbx replaces only your own files (ask its owner)"
	check_eq "0 probe = 1" "$(stat -c %u .toolbox) $(sed -n 2p .toolbox)"
'

test_case 'a directory named .toolbox: add and init say so in one line, and print no line of success' '
	mkdir .toolbox
	run "$TBX" add probe; check_status 125
	check_one_error "add: $T/work/.toolbox is a directory, not a file; tbx writes only files (move it away)"
	check_eq "" "$out"
	run "$TBX" init probe; check_status 125
	check_one_error "init: $T/work/.toolbox is a directory, not a file; tbx writes only files (move it away)"
	check_eq "" "$out"
	test -d .toolbox
	check_eq ".toolbox" "$(ls -A)"
'

test_case 'tbx trust shows what it trusts: each mount resolved (and what the shim refuses), each value, control bytes escaped; --list again' '
	esc=$(printf "\033")
	mkdir -p "$HOME/.aws" "a${esc}b"
	ln -s "$HOME/.aws" "$HOME/cloud"
	cd "a${esc}b"
	printf "[tools]\nprobe = 2\n\n[tool.probe]\nimage = evil.example.com/steal\nmounts = ~/cloud:/root/.aws:ro /nowhere:/n\nenv.PROMPT = a${esc}[2Jb\nnetwork = none\nwarm = 5m\n\n[tool.pro${esc}be]\nwarm = 1m\n" >.toolbox
	run "$TBX" trust; check_status 0
	check_match "trusted $T/work/a\\\\x1bb/.toolbox (sha256 *); it asks for:" "$(printf "%s\n" "$out" | head -1)"
	want="  probe: image, mounts, env, network
    image evil.example.com/steal
    mount $HOME/.aws -> /root/.aws, read-only (refused even when trusted: is '"'"'$HOME/.aws'"'"' once links and '"'"'..'"'"' are resolved; name that path)
    mount /nowhere -> /n, read-write (not there: skipped)
    env PROMPT=a\\x1b[2Jb
    network none
    warm 5m
  pro\\x1bbe: nothing that needs trust
    warm 1m"
	check_eq "$want" "$(printf "%s\n" "$out" | sed 1d)"
	case $out in *"$esc"*) echo "a raw ESC reached the terminal" >&2; false ;; esac
	check_eq "$T/work/a\\x1bb/.toolbox  (trusted)
$want" "$("$TBX" trust --list)"
'

test_case 'tbx gc removes only the caller'"'"'s containers; root'"'"'s gc --all removes the others too' '
	need_engine
	scope="$(cat /proc/sys/kernel/random/boot_id):$(readlink /proc/self/ns/pid | tr -dc 0-9):"
	# owners past any pid_max: engine clients that are gone
	theirs=$("$ENGINE" create --label tbx.tool=probe --label "tbx.owner=${scope}99999999" --label tbx.user=4242 "$PROBE:2" true)
	unlabelled=$("$ENGINE" create --label tbx.tool=probe --label "tbx.owner=${scope}99999998" -u 4243:4243 "$PROBE:2" true)
	mine=$("$ENGINE" create --label tbx.tool=probe --label "tbx.owner=${scope}99999997" --label "tbx.user=$(id -u)" "$PROBE:2" true)
	trap "\"$ENGINE\" rm -f $theirs $unlabelled $mine >/dev/null 2>&1" EXIT
	run "$TBX" gc; check_status 0
	check_match "*removed $(short "$mine") (probe: its engine client, pid 99999997, is gone)*" "$out"
	check_match "* of other users left (theirs to remove, or root'"'"'s with --all)" "$out"
	check_eq "" "$("$ENGINE" ps -aq --no-trunc --filter "id=$mine")"
	check_eq "$theirs $unlabelled" "$("$ENGINE" inspect -f "{{.Id}}" "$theirs" "$unlabelled" | paste -sd" ")"
	if [ "$(id -u)" = 0 ]; then
		run setpriv --reuid=65534 --regid=65534 --clear-groups "$TBX" gc --all
	else
		run "$TBX" gc --all
	fi
	check_status 2
	check_one_error "gc: --all removes other users'"'"' containers too, which only root may do (run gc without it)"
	[ "$(id -u)" = 0 ] || exit 0
	run "$TBX" gc --all; check_status 0
	check_match "*removed $(short "$theirs") *" "$out"
	check_match "*removed $(short "$unlabelled") *" "$out"
	check_eq "" "$("$ENGINE" ps -aq --filter "id=$theirs" --filter "id=$unlabelled")"
'

test_case 'a relative TBX_CATALOG_PATH entry, which a cloned catalog mounting / could fill, is ignored with a warning' '
	catalog="name: probe\ndescription: the repository'"'"'s\nimage: tbx-test/probe\nversion: \"2\"\ncommands: [cat]\nmounts: [\"/:/host\"]\n"
	mkdir -p cat
	printf "$catalog" >cat/probe.yaml
	printf "$catalog" >probe.yaml
	for entry in cat . ""; do
		run env TBX_CATALOG_PATH="$entry:$TOP/tests/catalog" "$TBX" install probe; check_status 0
		check_one_error "warning: TBX_CATALOG_PATH entry '"'"'$entry'"'"' is not an absolute path; ignored"
		check_match "installed probe 1: *" "$out"
		line=$(TBX_DRY_RUN=1 "$SHIMS/cat")
		case $line in *dst=/host*) echo "the repository'"'"'s catalog was used: $line" >&2; false ;; esac
	done
	run env TBX_CATALOG_PATH="$TOP/tests/catalog::cat" "$TBX" install probe; check_status 0
	check_eq "tbx: warning: TBX_CATALOG_PATH entry '"'"''"'"' is not an absolute path; ignored
tbx: warning: TBX_CATALOG_PATH entry '"'"'cat'"'"' is not an absolute path; ignored" "$err"
	# set and empty: no directories of the user'"'"'s, and nothing to say
	run env TBX_CATALOG_PATH= "$TBX" catalog; check_status 0
	check_eq "" "$err"
'

test_case 'tbx install of a tool the catalog does not have is a bad command line: exit 2, nothing written' '
	run "$TBX" install nosuchtool; check_status 2
	check_one_error "nosuchtool: unknown tool '"'"'nosuchtool'"'"' (not in the catalog; see '"'"'tbx catalog'"'"')"
	run "$TBX" install probe ../probe; check_status 2
	check_one_error "../probe: '"'"'../probe'"'"' is not a valid tool name"
	test ! -e "$SHIMS"
'

test_case 'a catalog description over 200 bytes, or holding control bytes, is refused naming file:line' '
	mkdir -p "$T/cat"
	entry() {
		printf "name: probe\ndescription: %s\nimage: tbx-test/probe\nversion: \"2\"\ncommands: [cat]\n" "$1" >"$T/cat/probe.yaml"
	}
	entry "$(printf "%0200d" 0)"
	run env TBX_CATALOG_PATH="$T/cat" "$TBX" install probe; check_status 0
	entry "$(printf "%0201d" 0)"
	run env TBX_CATALOG_PATH="$T/cat" "$TBX" install probe; check_status 125
	check_one_error "probe: $T/cat/probe.yaml:2:14: description must be at most 200 bytes"
	entry "\"a\\e[2Jb\""
	run env TBX_CATALOG_PATH="$T/cat" "$TBX" install probe; check_status 125
	check_one_error "probe: $T/cat/probe.yaml:2:14: description must not hold control characters"
	# a C1 control (CSI, as UTF-8): YAML itself allows none
	entry "a$(printf "\302\233")2Jb"
	run env TBX_CATALOG_PATH="$T/cat" "$TBX" install probe; check_status 125
	check_one_error "probe: $T/cat/probe.yaml:1:1: control characters are not allowed"
'
test_done
