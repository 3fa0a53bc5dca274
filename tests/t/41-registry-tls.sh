#!/bin/bash
# The reference registry over TLS with a test CA and htpasswd basic auth:
# CAs from SSL_CERT_FILE or certs.d, credentials from the docker CLI's
# config or a credential helper, secrets never printed.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../registry.sh"

PKI="$REG_DIR/pki"
export PKI USER_NAME=tbxuser USER_PASS='s3cret pass!'
if engine_reachable && command -v docker-registry >/dev/null; then
	mkdir -p "$PKI/cadir"
	(
		cd "$PKI" || exit 1
		openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt \
			-subj /CN=tbx-test-ca -days 2
		openssl req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr -subj /CN=127.0.0.1
		printf 'subjectAltName=IP:127.0.0.1\n' >ext
		openssl x509 -req -in srv.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
			-out srv.crt -days 2 -extfile ext
		cp ca.crt cadir/ca.crt
		# shellcheck disable=SC2094 # the program is named like the file it writes
		htpasswd -Bbn "$USER_NAME" "$USER_PASS" >htpasswd
	) >/dev/null 2>&1
	start_registry tls "  tls:
    certificate: $PKI/srv.crt
    key: $PKI/srv.key
auth:
  htpasswd:
    realm: tbx-test
    path: $PKI/htpasswd"
	export REG_tls
	skopeo copy -q --dest-cert-dir "$PKI/cadir" --dest-creds "$USER_NAME:$USER_PASS" \
		"docker-daemon:$PROBE:1" "docker://$REG_tls/probe:1.0.0" >/dev/null
fi

need_tls_registry() {
	need_engine
	[ -n "${REG_tls:-}" ] || { echo "no TLS test registry" >&2; exit 1; }
}

docker_login() { # write a docker CLI config with basic credentials
	mkdir -p "$T/docker"
	printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$REG_tls" \
		"$(printf "%s:%s" "$USER_NAME" "$USER_PASS" | base64 -w0)" >"$T/docker/config.json"
	export DOCKER_CONFIG="$T/docker"
}

test_case 'an untrusted certificate is refused in one line, never downgraded to HTTP' '
	need_tls_registry
	reg_catalog "$REG_tls/probe"
	printf "[tools]\nreg = 1.0\n" >.toolbox
	run "$TBX" lock; check_status 125
	check_match "tbx: reg: registry $REG_tls: SSL certificate problem: *" "$err"
'

test_case 'basic auth required and no credentials: say how to log in' '
	need_tls_registry
	reg_catalog "$REG_tls/probe"
	printf "[tools]\nreg = 1.0\n" >.toolbox
	run env SSL_CERT_FILE="$PKI/ca.crt" "$TBX" lock; check_status 125
	check_match "tbx: reg: registry $REG_tls: authentication required; log in with *docker login $REG_tls*" "$err"
'

test_case 'TLS with SSL_CERT_FILE and credentials from the docker config; digest as skopeo sees it' '
	need_tls_registry
	reg_catalog "$REG_tls/probe"
	docker_login
	printf "[tools]\nreg = 1.0\n" >.toolbox
	run env SSL_CERT_FILE="$PKI/ca.crt" TBX_DEBUG=1 "$TBX" lock; check_status 0
	want=$(skopeo inspect --cert-dir "$PKI/cadir" --creds "$USER_NAME:$USER_PASS" \
		--format "{{.Digest}}" "docker://$REG_tls/probe:1.0.0")
	grep -qx "digest = $want" .toolbox.lock
	if grep -q "s3cret" "$T/.err"; then false; fi
	if grep -qF "$(printf "%s:%s" "$USER_NAME" "$USER_PASS" | base64 -w0)" "$T/.err"; then false; fi
	grep -q "debug: HEAD https://$REG_tls/v2/probe/manifests/1.0.0: 200" "$T/.err"
'

test_case 'a CA in certs.d/<host>/ca.crt is added to the system CAs' '
	need_tls_registry
	reg_catalog "$REG_tls/probe"
	docker_login
	mkdir -p "$T/certs.d/$REG_tls" && cp "$PKI/ca.crt" "$T/certs.d/$REG_tls/ca.crt"
	printf "[tools]\nreg = 1.0\n" >.toolbox
	run env TBX_CERTS_DIR="$T/certs.d" "$TBX" lock; check_status 0
'

test_case 'credentials from a credential helper' '
	need_tls_registry
	reg_catalog "$REG_tls/probe"
	mkdir -p "$T/docker" "$T/bin"
	printf "{\"credHelpers\":{\"%s\":\"tbxtest\"}}\n" "$REG_tls" >"$T/docker/config.json"
	cat >"$T/bin/docker-credential-tbxtest" <<-EOT
	#!/bin/sh
	read -r server
	echo "\$server" >"$T/helper-asked"
	printf "{\"ServerURL\":\"%s\",\"Username\":\"%s\",\"Secret\":\"%s\"}" "\$server" "$USER_NAME" "$USER_PASS"
	EOT
	chmod +x "$T/bin/docker-credential-tbxtest"
	printf "[tools]\nreg = 1.0\n" >.toolbox
	run env PATH="$T/bin:$PATH" DOCKER_CONFIG="$T/docker" SSL_CERT_FILE="$PKI/ca.crt" "$TBX" lock
	check_status 0
	check_eq "$REG_tls" "$(cat "$T/helper-asked")"
'
test_done
