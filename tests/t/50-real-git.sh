#!/bin/sh
# Real Git (Debian's, in an image built here) through the shim, compared
# with the same Git version installed on the host.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../real.sh"
# shellcheck disable=SC2034 # read by lib.sh
TBX_TEST_KEPT=1

test_case 'git: init, add, commit with the identity of ~/.gitconfig, log, status from a subdirectory' '
	need_engine
	real_catalog git
	as_user_setup
	printf "[user]\n\tname = Tess Tbx\n\temail = tess@example.com\n" >"$HOME/.gitconfig"
	chown "$REAL_UID" "$HOME/.gitconfig"
	touch .toolbox && mkdir repo && chown -R "$REAL_UID:$REAL_UID" . && cd repo
	as_user "$SHIMS/git" init -q
	echo hello >a.txt && mkdir sub && echo x >sub/b.txt && chown -R "$REAL_UID" .
	as_user "$SHIMS/git" add .
	as_user "$SHIMS/git" commit -q -m "first commit"
	check_eq "Tess Tbx <tess@example.com> first commit" "$(as_user "$SHIMS/git" log --format="%an <%ae> %s")"
	echo changed >>a.txt && echo new >sub/c.txt && chown -R "$REAL_UID" .
	cd sub
	check_eq "$(as_user git status)" "$(as_user "$SHIMS/git" status)"
	check_eq "$(as_user git log --stat --format="%an %s")" "$(as_user "$SHIMS/git" log --stat --format="%an %s")"
	check_eq "$(as_user git diff)" "$(as_user "$SHIMS/git" diff)"
	if find "$T/work" ! -user "$REAL_UID" | grep .; then false; fi
'

test_case 'git warm by default, as a new user: ten git status, one kept container' '
	need_engine
	real_catalog git
	as_user_setup
	unset TBX_WARM
	printf "[user]\n\tname = Tess Tbx\n\temail = tess@example.com\n" >"$HOME/.gitconfig"
	mkdir repo && chown -R "$REAL_UID:$REAL_UID" . "$HOME/.gitconfig" && cd repo
	as_user git init -q && echo a >a && as_user git add a && as_user git commit -q -m a
	echo changed >>a && echo new >b && chown "$REAL_UID" a b
	for i in 1 2 3 4 5 6 7 8 9 10; do
		check_eq "$(as_user git status)" "$(as_user "$SHIMS/git" status)"
	done
	check_eq 1 "$(kept_containers "$T" | wc -l)"
	as_user "$SHIMS/git" add b
	check_eq "A  b" "$(as_user git status --short | grep b)"
	if find "$T/work" ! -user "$REAL_UID" | grep .; then false; fi
'

test_case 'git: clone a local bare repository; the objects belong to the caller' '
	need_engine
	real_catalog git
	as_user_setup
	printf "[user]\n\tname = Tess Tbx\n\temail = tess@example.com\n" >"$HOME/.gitconfig"
	touch .toolbox && chown -R "$REAL_UID:$REAL_UID" . "$HOME/.gitconfig"
	as_user git init -q --bare origin.git
	as_user git clone -q origin.git seed 2>/dev/null
	(cd seed && echo one >f && as_user git add f && as_user git commit -q -m one && as_user git push -q origin HEAD 2>/dev/null)
	as_user "$SHIMS/git" clone -q origin.git copy
	check_eq one "$(cat copy/f)"
	check_eq "$(cd seed && as_user git rev-parse HEAD)" "$(cd copy && as_user "$SHIMS/git" rev-parse HEAD)"
	if find copy ! -user "$REAL_UID" | grep .; then false; fi
'
test_case 'git: ssh as the caller: a passwd entry, ~/.ssh read-only, the agent forwarded' '
	need_engine
	real_catalog git
	as_user_setup
	mkdir "$HOME/.ssh"
	printf "Host example\n\tUser gitter\n\tPort 2222\n" >"$HOME/.ssh/config"
	chown -R "$REAL_UID:$REAL_UID" "$HOME/.ssh"
	# on the host, only the agent runs as the caller: ssh-keygen and
	# ssh-add would need a passwd entry there too
	ssh-keygen -q -t ed25519 -N "" -C tbx-test -f "$T/key"
	eval "$(as_user ssh-agent -s)" >/dev/null
	trap "kill $SSH_AGENT_PID" EXIT
	ssh-add -q "$T/key" 2>/dev/null
	check_eq "tess $REAL_UID" "$(as_user env USER=tess "$TBX" run git -- sh -c "id -un; id -u" | paste -sd" ")"
	out=$(as_user "$TBX" run git -- ssh -G example)
	check_eq "user gitter|port 2222" "$(printf "%s\n" "$out" | grep -E "^(user|port) " | paste -sd"|")"
	check_eq "$(ssh-keygen -lf "$T/key.pub")" "$(as_user "$TBX" run git -- ssh-add -l)"
	unset SSH_AUTH_SOCK
	run as_user "$TBX" run git -- ssh-add -l
	check_status 2
'
test_done
