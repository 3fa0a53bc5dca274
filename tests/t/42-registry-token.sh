#!/bin/bash
# The reference registry with bearer-token auth, tokens issued by the test
# suite's own token server (tests/helpers/tokensrv.c): the challenge is
# followed, a token is fetched once per run and scope, the digest is right.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../registry.sh"

PKI="$REG_DIR/token-pki"
TOKEN_LOG="$REG_DIR/token.log"
export TOKEN_LOG
if engine_reachable && command -v docker-registry >/dev/null; then
	mkdir -p "$PKI"
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$PKI/tok.key" -out "$PKI/tok.crt" \
		-subj /CN=tbx-token -days 2 >/dev/null 2>&1
	for _ in 1 2 3 4 5; do
		tport=$(free_port)
		"$TOP/$BUILD/tokensrv" "$tport" "$PKI/tok.key" "$PKI/tok.crt" tbx-test-issuer \
			"$TOKEN_LOG" 2>/dev/null &
		REG_PIDS="$REG_PIDS $!"
		sleep 0.2
		kill -0 $! 2>/dev/null && break
	done
	start_registry token "auth:
  token:
    realm: http://127.0.0.1:$tport/token
    service: tbx-registry
    issuer: tbx-test-issuer
    rootcertbundle: $PKI/tok.crt"
	export REG_token
	push "$PROBE:1" "$REG_token/probe:1.0.0"
	push "$PROBE:2" "$REG_token/probe:1.0.1"
fi

test_case 'lock follows the bearer challenge; one token per scope and run; digest as skopeo sees it' '
	need_engine
	[ -n "${REG_token:-}" ] || { echo "no token registry" >&2; exit 1; }
	reg_catalog "$REG_token/probe"
	printf "name: reg2\ndescription: d\nimage: %s/probe\nversion: \"1\"\ncommands: [c2]\n" "$REG_token" >"$T/cat/reg2.yaml"
	printf "[tools]\nreg = 1.0\nreg2 = 1.0.0\n" >.toolbox
	: >"$TOKEN_LOG"
	run "$TBX" lock; check_status 0
	check_eq 1 "$(grep -c "scope=repository%3Aprobe%3Apull" "$TOKEN_LOG")"
	grep -q "service=tbx-registry" "$TOKEN_LOG"
	want=$(skopeo inspect --tls-verify=false --format "{{.Digest}}" "docker://$REG_token/probe:1.0.1")
	check_eq "$want" "$(sed -n "/^\[reg\]/,/^$/s/^digest = //p" .toolbox.lock)"
'

test_case 'without the token the registry refuses: the client did authenticate' '
	need_engine
	[ -n "${REG_token:-}" ] || exit 1
	check_eq 401 "$(curl -s -o /dev/null -w "%{http_code}" "http://$REG_token/v2/probe/tags/list")"
'
test_done
