#!/bin/sh
# Real Go (Debian's golang-go, in an image built here) through the shims: a
# module with a package and a test, a binary that runs on the host, the
# build cache kept in the tool's HOME, a cross build through passenv.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../real.sh"

write_module() {
	mkdir -p greet
	cat >main.go <<-EOT
	package main

	import (
		"fmt"

		"example.com/hello/greet"
	)

	func main() { fmt.Println(greet.Hello("tbx")) }
	EOT
	cat >greet/greet.go <<-EOT
	package greet

	// Hello greets name.
	func Hello(name string) string { return "hello, " + name }
	EOT
	cat >greet/greet_test.go <<-EOT
	package greet

	import "testing"

	func TestHello(t *testing.T) {
		if got := Hello("x"); got != "hello, x" {
			t.Fatalf("got %q", got)
		}
	}
	EOT
}

test_case 'go: mod init, build, test; the binary runs on the host; files belong to the caller' '
	need_engine
	real_catalog go
	as_user_setup
	mkdir hello && cd hello && touch .toolbox && chown -R "$REAL_UID:$REAL_UID" .
	as_user "$SHIMS/go" mod init example.com/hello 2>"$T/modinit"
	write_module && chown -R "$REAL_UID:$REAL_UID" .
	as_user "$SHIMS/go" build -o hello .
	check_eq "hello, tbx" "$(./hello)"
	check_match "*ok *example.com/hello/greet*" "$(as_user "$SHIMS/go" test ./...)"
	check_eq "$(cat greet/greet.go)" "$(as_user "$SHIMS/gofmt" greet/greet.go)"
	if find . "$HOME/.cache/tbx/go" ! -user "$REAL_UID" | grep .; then false; fi
'

test_case 'go: a second build reuses the build cache, the native one in ~/.cache/go-build' '
	need_engine
	real_catalog go
	as_user_setup
	mkdir hello && cd hello && touch .toolbox && chown -R "$REAL_UID:$REAL_UID" .
	as_user "$SHIMS/go" mod init example.com/hello 2>"$T/modinit"
	write_module && chown -R "$REAL_UID:$REAL_UID" .
	t0=$(date +%s%N)
	as_user "$SHIMS/go" build -x -o hello . 2>"$T/first"
	t1=$(date +%s%N)
	rm hello
	as_user "$SHIMS/go" build -x -o hello . 2>"$T/second"
	t2=$(date +%s%N)
	grep -q "/compile " "$T/first"
	if grep -q "/compile " "$T/second"; then false; fi
	test -n "$(ls "$HOME/.cache/go-build")"
	test ! -e "$HOME/.cache/tbx/go/home/.cache/go-build/README"
	if find "$HOME/.cache/go-build" "$HOME/go" ! -user "$REAL_UID" | grep .; then false; fi
	echo "go build: first $(( (t1 - t0) / 1000000 )) ms, second $(( (t2 - t1) / 1000000 )) ms" >&3
'

test_case 'go: GOOS=windows passes through to a cross build' '
	need_engine
	real_catalog go
	as_user_setup
	mkdir hello && cd hello && touch .toolbox && chown -R "$REAL_UID:$REAL_UID" .
	as_user "$SHIMS/go" mod init example.com/hello 2>"$T/modinit"
	write_module && chown -R "$REAL_UID:$REAL_UID" .
	as_user env GOOS=windows GOARCH=amd64 "$SHIMS/go" build -o hello.exe .
	file hello.exe | grep -q "PE32+ executable"
'
test_done
