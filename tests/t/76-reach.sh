#!/bin/sh
# What a tool sees, with the real tools: the project root by its rules
# (a monorepo's service, linked worktrees, a .toolbox above repositories,
# a call from $HOME, a stranger's linked marker), the paths the user names,
# the user's own settings and caches at their own paths, the user's
# environment.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../real.sh"
# shellcheck disable=SC2034 # read by lib.sh
TBX_TEST_KEPT=1

# A repository made by the host's git, as the ordinary user, in $1.
host_repo() {
	mkdir -p "$1" && chown "$REAL_UID:$REAL_UID" "$1"
	as_user git -C "$1" init -q -b main
	echo a >"$1/a" && chown "$REAL_UID" "$1/a"
	as_user git -C "$1" add a
	as_user git -C "$1" -c user.name=Host -c user.email=host@example.com commit -q -m first
}

git_identity() {
	printf "[user]\n\tname = Tess Tbx\n\temail = tess@example.com\n" >"$HOME/.gitconfig"
	chown "$REAL_UID" "$HOME/.gitconfig"
}

test_case 'git in a monorepo service with its own .toolbox: the repository is the root' '
	need_engine; real_catalog git; as_user_setup; git_identity
	host_repo mono && mkdir mono/svc && touch mono/svc/.toolbox && echo s >mono/svc/s
	chown -R "$REAL_UID:$REAL_UID" mono && cd mono/svc
	check_eq "$(as_user git status --porcelain)" "$(as_user "$SHIMS/git" status --porcelain)"
	as_user "$SHIMS/git" add s
	as_user "$SHIMS/git" commit -q -m "from the service"
	check_eq "from the service" "$(as_user git log -1 --format=%s)"
'

test_case 'git worktrees: one made by native git, one made through the shim at ../' '
	need_engine; real_catalog git; as_user_setup; git_identity
	host_repo main
	as_user git -C main worktree add -q ../native
	cd native && echo n >n && chown "$REAL_UID" n
	as_user "$SHIMS/git" add n
	as_user "$SHIMS/git" commit -q -m "in the native worktree"
	check_eq "in the native worktree" "$(as_user git -C "$T/work/main" log -1 --format=%s native)"
	cd "$T/work/main"
	as_user "$SHIMS/git" worktree add -q ../shimmed
	check_eq "$T/work/shimmed" "$(as_user git worktree list --porcelain | sed -n "s/^worktree //p" | grep shimmed)"
	check_eq a "$(cat "$T/work/shimmed/a")"
	if find "$T/work" ! -user "$REAL_UID" | grep .; then false; fi
'

test_case 'git push and fetch with local bare remotes, by absolute and relative paths' '
	need_engine; real_catalog git; as_user_setup; git_identity
	mkdir remotes && chown "$REAL_UID" remotes
	as_user git init -q --bare remotes/abs.git && as_user git init -q --bare remotes/rel.git
	host_repo repo && cd repo
	as_user git remote add abs "$T/work/remotes/abs.git"
	as_user git remote add rel ../remotes/rel.git
	as_user "$SHIMS/git" push -q abs main
	as_user "$SHIMS/git" push -q rel main
	check_eq first "$(as_user git -C "$T/work/remotes/abs.git" log -1 --format=%s main)"
	check_eq first "$(as_user git -C "$T/work/remotes/rel.git" log -1 --format=%s main)"
	as_user "$SHIMS/git" fetch -q rel
	check_eq "$(as_user git rev-parse main)" "$(as_user "$SHIMS/git" rev-parse rel/main)"
	# the remotes only: their parent stays out of sight
	case $(TBX_DRY_RUN=1 as_user "$SHIMS/git" status) in *"dst=$T/work/remotes "*|*"dst=$T/work/remotes,"*) false ;; esac
'

test_case 'a clone with a work tree as a remote: its git directory, read-only; push by the user'"'"'s alias' '
	need_engine; real_catalog git; as_user_setup; git_identity
	printf "[alias]\n\tp = push -q\n" >>"$HOME/.gitconfig"
	host_repo other && host_repo repo && as_user git init -q --bare bare.git && cd repo
	as_user git remote add other ../other && as_user git remote add bare ../bare.git
	as_user git remote add dotgit ../other/.git
	as_user "$SHIMS/git" fetch -q other
	check_eq "$(as_user git -C "$T/work/other" rev-parse main)" "$(as_user "$SHIMS/git" rev-parse other/main)"
	line=$(TBX_DRY_RUN=1 as_user "$SHIMS/git" commit -m push)
	check_match "*src=$T/work/other/.git,dst=$T/work/other/.git,readonly*" "$line"
	check_match "*dst=$T/work/bare.git,readonly*" "$line"
	# the user'"'"'s alias of push makes the bare one writable, never the clone
	# (named by its work tree or its .git), nor what the host runs of it
	line=$(TBX_DRY_RUN=1 as_user "$SHIMS/git" p other)
	check_match "*dst=$T/work/other/.git,readonly*" "$line"
	case $line in *"dst=$T/work/bare.git,readonly"*) false ;; esac
	case $line in *"dst=$T/work/other/.git "*) false ;; esac
	check_match "*dst=$T/work/bare.git/hooks,readonly*dst=$T/work/bare.git/config,readonly*" "$line"
	as_user "$SHIMS/git" p bare main
	check_eq first "$(as_user git -C "$T/work/bare.git" log -1 --format=%s main)"
	run as_user "$SHIMS/git" p other HEAD:refs/heads/from-repo
	check_status 1
	check_match "*unable to create temporary object directory*" "$err"
	check_eq "" "$(as_user git -C "$T/work/other" branch --list from-repo)"
	# the work tree itself stays out of sight
	case $line in *"dst=$T/work/other "*) false ;; esac
'

test_case 'a .toolbox above two repositories pins their versions and mounts neither the other' '
	need_engine; real_catalog git; as_user_setup
	mkdir src && printf "[tools]\ngit = %s\n" "$(sed -n "s/^version: \"\(.*\)\"/\1/p" "$T/realcat/git.yaml")" >src/.toolbox
	host_repo src/a && host_repo src/b
	cd src/a
	line=$(TBX_DRY_RUN=1 as_user "$SHIMS/git" status)
	check_match "* --mount type=bind,src=$T/work/src/a,dst=$T/work/src/a *" "$line"
	case $line in *"dst=$T/work/src "*|*"dst=$T/work/src,"*) false ;; esac
	check_match "*src/.toolbox*" "$(as_user "$TBX" which git)"
	check_eq "" "$(as_user "$SHIMS/git" status --porcelain)"
'

test_case 'a call from $HOME: no project, the tool runs, what it would write fails loudly' '
	need_engine; real_catalog git; as_user_setup
	cd "$HOME"
	check_match "git version *" "$(as_user "$SHIMS/git" --version)"
	run as_user "$SHIMS/git" init -q fresh
	check_status 128; check_match "*Read-only file system*" "$err"
	test ! -e "$HOME/fresh" && test ! -e "$HOME/.cache/tbx/git/home/fresh"
'

test_case 'a stranger'"'"'s link to the caller'"'"'s own .toolbox in a shared directory is no marker' '
	need_root; install_probe
	mkdir -p shared/x && chmod 1777 shared && printf "[tools]\nprobe = 2\n" >"$HOME/mine"
	ln -s "$HOME/mine" shared/.toolbox && chown -h 4242:4242 shared/.toolbox
	cd shared/x
	check_eq tbx-test/probe:1 "$(TBX_DRY_RUN=1 "$SHIMS/true" | grep -o "tbx-test/probe:[^ ]*")"
	check_match "*type=bind,src=$T/work/shared/x,dst=$T/work/shared/x *" "$(TBX_DRY_RUN=1 "$SHIMS/true")"
'

test_case 'paths named outside the project: mounted at their own paths, or one loud line' '
	need_engine; real_catalog git; as_user_setup
	host_repo repo && mkdir elsewhere && echo one >elsewhere/f && echo two >repo/g
	chown -R "$REAL_UID:$REAL_UID" elsewhere && cd repo
	run as_user "$SHIMS/git" diff --no-index --stat "$T/work/elsewhere/f" g
	check_status 1; check_match "*elsewhere/f => g*" "$out"
	run as_user "$SHIMS/git" diff --no-index --stat ../elsewhere/f g
	check_status 1; check_match "*elsewhere/f => g*" "$out"
	# a kept container cannot take a mount: those calls ran cold
	check_eq "" "$(kept_containers "$T")"
	# a path whose nearest directory is $HOME: never mounted whole
	run as_user "$SHIMS/git" diff --no-index "$HOME/nowhere/f" g
	check_status 125
	check_one_error "git: '"'"'$HOME/nowhere/f'"'"' names a path the tool could reach only with $HOME mounted whole*"
	# the image'"'"'s own directories stay the image'"'"'s
	line=$(TBX_DRY_RUN=1 as_user "$SHIMS/git" --exec-path=/usr/lib/git-core -C /etc status)
	check_match "*--exec-path=/usr/lib/git-core -C /etc status" "$line"
	case $line in *dst=/usr*|*"dst=/etc "*|*"dst=/etc,"*) false ;; esac
'

test_case 'go build -o a path outside the project, and into $TMPDIR: the file is where it was named' '
	need_engine; real_catalog go; as_user_setup
	mkdir hello out tmp && cd hello
	printf "module example.com/hello\n\ngo 1.19\n" >go.mod
	printf "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hi\") }\n" >main.go
	chown -R "$REAL_UID:$REAL_UID" "$T/work"
	as_user "$SHIMS/go" build -o "$T/work/out/hello" .
	check_eq hi "$("$T/work/out/hello")"
	check_eq "$REAL_UID" "$(stat -c %u "$T/work/out/hello")"
	TMPDIR="$T/work/tmp" as_user "$SHIMS/go" build -o "$T/work/tmp/t" .
	check_eq hi "$("$T/work/tmp/t")"
	run as_user "$SHIMS/go" build -o "$HOME/bin/x" .
	check_status 125; check_one_error "go: *$HOME mounted whole*"
	mkdir "$HOME/bin" && chown "$REAL_UID" "$HOME/bin"
	as_user "$SHIMS/go" build -o "$HOME/bin/x" .
	check_eq hi "$("$HOME/bin/x")"
'

test_case 'go install lands in ~/go/bin, which runs on the host'"'"'s PATH' '
	need_engine; real_catalog go; as_user_setup
	mkdir hello && cd hello
	printf "module example.com/hello\n\ngo 1.19\n" >go.mod
	printf "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"installed\") }\n" >main.go
	chown -R "$REAL_UID:$REAL_UID" "$T/work"
	as_user "$SHIMS/go" install .
	check_eq installed "$(PATH="$HOME/go/bin:$PATH" hello)"
	check_eq "$REAL_UID" "$(stat -c %u "$HOME/go/bin/hello")"
	check_eq "$HOME/go" "$(as_user "$SHIMS/go" env GOPATH)"
'

test_case 'git honours core.excludesFile and the includes of ~/.gitconfig; --global --edit edits it on the host' '
	need_engine; real_catalog git; as_user_setup
	printf "[include]\n\tpath = ~/.gitconfig-id\n[core]\n\texcludesFile = ~/.gitignore_global\n" >"$HOME/.gitconfig"
	printf "[user]\n\tname = Included Name\n\temail = inc@example.com\n" >"$HOME/.gitconfig-id"
	echo "*.log" >"$HOME/.gitignore_global"
	chown "$REAL_UID" "$HOME"/.git*
	host_repo repo && cd repo && echo x >x.log && echo y >y.txt && chown "$REAL_UID" x.log y.txt
	check_eq "?? y.txt" "$(as_user "$SHIMS/git" status --porcelain)"
	check_eq "$(as_user git status --porcelain)" "$(as_user "$SHIMS/git" status --porcelain)"
	as_user "$SHIMS/git" add -A
	as_user "$SHIMS/git" commit -q -m second
	check_eq "Included Name y.txt" "$(as_user git log -1 --format=%an --name-only | tr "\n" " " | sed "s/  */ /g;s/ $//")"
	# git config --global --edit: the editor, on the host, edits the file
	mkdir "$T/bin" && printf "#!/bin/sh\nprintf \"[edited]\\\\n\\\\tby = host\\\\n\" >>\"\$1\"\n" >"$T/bin/ed.sh"
	chmod 755 "$T/bin/ed.sh"
	as_user env EDITOR="$T/bin/ed.sh" "$SHIMS/git" config --global --edit
	check_eq host "$(as_user git config --global edited.by)"
'

test_case 'git config --global changes ~/.gitconfig as native git does, and the XDG file when only it is there' '
	need_engine; real_catalog git; as_user_setup
	printf "# mine\n[include]\n\tpath = ~/.gitconfig-id\n" >"$HOME/.gitconfig" && chmod 640 "$HOME/.gitconfig"
	printf "[user]\n\temail = inc@example.com\n" >"$HOME/.gitconfig-id"
	chown "$REAL_UID" "$HOME"/.git*
	host_repo repo && cd repo
	ino=$(stat -c %i "$HOME/.gitconfig")
	# a copy of its own, and no pager, whatever the user'"'"'s or the project'"'"'s
	line=$(TBX_DRY_RUN=1 GIT_PAGER=less as_user "$SHIMS/git" config --global user.name x)
	check_match "* -e GIT_CONFIG_GLOBAL=/run/tbx/global/config -e GIT_PAGER=cat *dst=/run/tbx/global *" "$line"
	as_user "$SHIMS/git" config --global user.name "Tess Tbx"
	check_eq "Tess Tbx" "$(as_user git config --global user.name)"
	check_eq "Tess Tbx" "$(as_user "$SHIMS/git" config user.name)"
	# the rest kept, put in place by a rename, with its mode and owner
	check_eq "# mine" "$(head -n 1 "$HOME/.gitconfig")"
	check_eq "inc@example.com" "$(as_user "$SHIMS/git" config user.email)"
	check_eq "640 $REAL_UID" "$(stat -c "%a %u" "$HOME/.gitconfig")"
	test "$ino" != "$(stat -c %i "$HOME/.gitconfig")"
	# a read changes nothing; --unset and --add as git does them
	as_user "$SHIMS/git" config --global --add alias.st status
	check_eq status "$(as_user "$SHIMS/git" config --global alias.st)"
	as_user "$SHIMS/git" config --global --unset alias.st
	check_eq "" "$(as_user git config --global alias.st || :)"
	# no lock, no copy left, nothing in the tool'"'"'s HOME
	test ! -e "$HOME/.gitconfig.lock"
	check_eq "" "$(ls -A "$HOME/.cache/tbx/git/global")"
	test ! -e "$HOME/.cache/tbx/git/home/.gitconfig" || test ! -s "$HOME/.cache/tbx/git/home/.gitconfig"
	# only the XDG file: git writes it, and makes no ~/.gitconfig
	rm "$HOME/.gitconfig" && mkdir -p "$HOME/.config/git" && printf "[core]\n\tpager = cat\n" >"$HOME/.config/git/config"
	chown -R "$REAL_UID" "$HOME/.config"
	as_user "$SHIMS/git" -C "$T/work/repo" config --global user.name XDG
	check_eq XDG "$(as_user git config --file "$HOME/.config/git/config" user.name)"
	check_eq cat "$(as_user git config --file "$HOME/.config/git/config" core.pager)"
	test ! -e "$HOME/.gitconfig"
	# neither: git makes ~/.gitconfig, the caller'"'"'s, by the umask
	rm -r "$HOME/.config/git"
	(umask 022 && as_user "$SHIMS/git" config --global user.name New)
	check_eq New "$(as_user git config --global user.name)"
	check_eq "644 $REAL_UID" "$(stat -c "%a %u" "$HOME/.gitconfig")"
'

test_case 'git config --global through a link changes the file it names, and never loses a change' '
	need_engine; real_catalog git; as_user_setup
	mkdir "$HOME/dotfiles" && printf "[user]\n\tname = Linked\n" >"$HOME/dotfiles/gitconfig"
	ln -s dotfiles/gitconfig "$HOME/.gitconfig"
	chown -R -h "$REAL_UID" "$HOME/dotfiles" "$HOME/.gitconfig"
	host_repo repo && cd repo
	as_user "$SHIMS/git" config --global user.email linked@example.com
	test -L "$HOME/.gitconfig"
	check_eq linked@example.com "$(as_user git config --file "$HOME/dotfiles/gitconfig" user.email)"
	# another git holds the lock: the call fails as git config does, the
	# file is untouched, and the change is kept where the message says
	touch "$HOME/dotfiles/gitconfig.lock"
	run as_user "$SHIMS/git" config --global user.name Other
	check_status 4
	check_match "tbx: git: cannot change $HOME/.gitconfig: $HOME/dotfiles/gitconfig.lock exists: another git is changing it (if none is, remove the lock); the tool*s version is kept in $HOME/.cache/tbx/git/global/*/config: merge it by hand" "$err"
	check_eq Linked "$(as_user git config --file "$HOME/dotfiles/gitconfig" user.name)"
	kept=${err##*kept in }; kept=${kept%%: merge*}
	check_eq Other "$(as_user git config --file "$kept" user.name)"
	test -e "$HOME/dotfiles/gitconfig.lock"
	# a link to nothing: refused before the tool runs
	rm "$HOME/dotfiles/gitconfig" "$HOME/dotfiles/gitconfig.lock"
	run as_user "$SHIMS/git" config --global user.name Other
	check_status 125
	check_eq "tbx: git: $HOME/.gitconfig is a link to nothing: point it at a file, or remove it" "$err"
'

test_case 'git config --global and a change made on the host meanwhile: neither is lost' '
	need_engine; as_user_setup
	# a git that writes as git config --global does, once told to
	mkdir "$T/cat" && cat >"$T/slowgit" <<-"EOT"
	#!/bin/sh
	touch started
	while [ ! -e go ]; do sleep 0.1; done
	{ cat "$GIT_CONFIG_GLOBAL"; printf "[x]\n\ty = tool\n"; } >"$GIT_CONFIG_GLOBAL.lock"
	mv "$GIT_CONFIG_GLOBAL.lock" "$GIT_CONFIG_GLOBAL"
	EOT
	chmod 755 "$T/slowgit"
	{ sed -e "s/^name: .*/name: slowgit/" -e "s/^commands: .*/commands: [git]/" -e "/^mounts:/,\$d" \
		"$TOP/tests/catalog/probe.yaml"
	  printf "mounts: [\"%s:/bin/git:ro\"]\ngitconfig: true\n" "$T/slowgit"; } >"$T/cat/slowgit.yaml"
	TBX_CATALOG_PATH="$T/cat" "$TBX" install slowgit >/dev/null
	printf "[user]\n\tname = Host\n" >"$HOME/.gitconfig"
	chown -R "$REAL_UID" "$HOME/.gitconfig" "$T/work"
	(set +e; as_user "$SHIMS/git" config --global x.y tool 2>"$T/err"; echo $? >"$T/rc") &
	i=0; while [ ! -e started ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	printf "[host]\n\tz = host\n" >>"$HOME/.gitconfig"
	touch go; wait
	check_eq 4 "$(cat "$T/rc")"
	check_match "tbx: slowgit: cannot change $HOME/.gitconfig: it changed while git ran; the tool*s version is kept in *" "$(cat "$T/err")"
	check_eq "$(printf "[user]\n\tname = Host\n[host]\n\tz = host")" "$(cat "$HOME/.gitconfig")"
	kept=$(sed -n "s/.* kept in \(.*\): merge it by hand$/\1/p" "$T/err")
	check_eq "$(printf "[user]\n\tname = Host\n[x]\n\ty = tool")" "$(cat "$kept")"
	test ! -e "$HOME/.gitconfig.lock"
'

test_case 'Maven reads ~/.m2/settings.xml and fills ~/.m2/repository, the native ones' '
	need_engine; real_catalog maven; as_user_setup
	mkdir -p "$HOME/.m2"
	cat >"$HOME/.m2/settings.xml" <<-EOT
	<settings>
	  <mirrors>
	    <mirror><id>debian</id><mirrorOf>*</mirrorOf><url>file:///usr/share/maven-repo</url></mirror>
	  </mirrors>
	</settings>
	EOT
	chown -R "$REAL_UID:$REAL_UID" "$HOME/.m2"
	mkdir app && cd app
	cat >pom.xml <<-EOT
	<project xmlns="http://maven.apache.org/POM/4.0.0">
	  <modelVersion>4.0.0</modelVersion>
	  <groupId>tbx.test</groupId><artifactId>app</artifactId><version>1.0</version>
	  <properties><maven.compiler.source>17</maven.compiler.source><maven.compiler.target>17</maven.compiler.target></properties>
	</project>
	EOT
	mkdir -p src/main/java/tbx && echo "package tbx; public class A {}" >src/main/java/tbx/A.java
	chown -R "$REAL_UID:$REAL_UID" "$T/work"
	as_user "$SHIMS/mvn" -q package
	test -f target/app-1.0.jar
	test -d "$HOME/.m2/repository/org/apache/maven"
	if find "$HOME/.m2" ! -user "$REAL_UID" | grep .; then false; fi
	test ! -e "$HOME/.cache/tbx/maven/home/.m2/repository/org"
'

test_case 'the user'"'"'s editor, pager, language and time zone reach the tool' '
	need_engine; install_probe
	EDITOR=ed VISUAL=vi PAGER=more LESS=-R LANG=C.UTF-8 LC_TIME=C TZ=Europe/Paris "$SHIMS/env" >"$T/env"
	for v in EDITOR=ed VISUAL=vi PAGER=more LESS=-R LANG=C.UTF-8 LC_TIME=C TZ=Europe/Paris; do
		grep -qx "$v" "$T/env"
	done
	# with TZ unset, the host'"'"'s zone file
	test -f /etc/localtime || exit 77
	unset TZ
	check_eq "TZ=:/run/tbx/localtime" "$("$SHIMS/env" | grep "^TZ=")"
	"$SHIMS/cat" /run/tbx/localtime | cmp - /etc/localtime
'

test_done
