#!/bin/bash
# The registry client against a registry double: paginated tags, 429 and
# 500 before success, a registry that is down or never answers, manifests
# without or with a wrong digest header, bearer tokens.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../registry.sh"

for mode in pages flaky down hang nodigest baddigest token expiring; do
	start_fake "$mode"
done

test_case 'tags come in pages: every page is read, the highest release wins' '
	reg_catalog "$FAKE_pages/x"
	printf "[tools]\nreg = 1.0\n" >.toolbox
	run env TBX_REGISTRY_PAGE=3 "$TBX" lock; check_status 0
	grep -qx "version = 1.0.10" .toolbox.lock
	check_eq 4 "$(grep -c "tags/list" "$LOG_pages")"
	grep -q "GET /v2/x/tags/list?last=1.0.2&n=3 none" "$LOG_pages"
'

test_case '429 then 500 are retried, honouring Retry-After' '
	reg_catalog "$FAKE_flaky/x"
	printf "[tools]\nreg = latest\n" >.toolbox
	run "$TBX" lock; check_status 0
	check_eq "HEAD /v2/x/manifests/latest none
HEAD /v2/x/manifests/latest none
HEAD /v2/x/manifests/latest none" "$(cat "$LOG_flaky")"
	grep -q "^digest = sha256:" .toolbox.lock
'

test_case 'a registry that stays down: its error in one line, 125, nothing written' '
	reg_catalog "$FAKE_down/x"
	printf "[tools]\nreg = latest\n" >.toolbox
	run env TBX_REGISTRY_ATTEMPTS=2 "$TBX" lock; check_status 125
	check_match "tbx: reg: registry $FAKE_down: x:latest: HTTP 503: UNAVAILABLE: maintenance*" "$err"
	check_eq 2 "$(grep -c HEAD "$LOG_down")"
	test ! -e .toolbox.lock
'

test_case 'a registry that never answers times out' '
	reg_catalog "$FAKE_hang/x"
	printf "[tools]\nreg = latest\n" >.toolbox
	run env TBX_REGISTRY_TIMEOUT=1 TBX_REGISTRY_ATTEMPTS=2 "$TBX" lock; check_status 125
	check_match "tbx: reg: registry $FAKE_hang: *imed out*" "$err"
'

test_case 'no digest header: the manifest is fetched and hashed' '
	reg_catalog "$FAKE_nodigest/x"
	printf "[tools]\nreg = latest\n" >.toolbox
	run "$TBX" lock; check_status 0
	want=$(printf "%s" "{\"schemaVersion\":2,\"path\":\"/v2/x/manifests/latest\"}" | sha256sum | cut -d" " -f1)
	grep -qx "digest = sha256:$want" .toolbox.lock
	check_eq "HEAD /v2/x/manifests/latest none
GET /v2/x/manifests/latest none" "$(cat "$LOG_nodigest")"
'

test_case 'a digest header that does not match the bytes is refused' '
	reg_catalog "$FAKE_baddigest/x"
	printf "[tools]\nreg = latest\n" >.toolbox
	run "$TBX" lock; check_status 125
	check_match "tbx: reg: registry $FAKE_baddigest: x:latest: the manifest hashes to sha256:*, not the sha256:* the registry sent*" "$err"
'

test_case 'bearer tokens: fetched from the challenge, reused within a run, never printed' '
	reg_catalog "$FAKE_token/x"
	printf "name: reg2\ndescription: d\nimage: %s/x\nversion: \"1\"\ncommands: [c2]\n" "$FAKE_token" >"$T/cat/reg2.yaml"
	printf "[tools]\nreg = latest\nreg2 = latest\n" >.toolbox
	run env TBX_DEBUG=1 "$TBX" lock; check_status 0
	check_eq 1 "$(grep -c "^GET /token" "$LOG_token")"
	check_eq 2 "$(grep -c "^HEAD /v2/x/manifests/latest bearer$" "$LOG_token")"
	if grep -q good "$T/.err"; then false; fi
	grep -q "debug: HEAD http://$FAKE_token/v2/x/manifests/latest: 200" "$T/.err"
'
test_case 'an expired cached token is replaced once, not fatal' '
	reg_catalog "$FAKE_expiring/x"
	printf "name: reg2\ndescription: d\nimage: %s/x\nversion: \"1\"\ncommands: [c2]\n" "$FAKE_expiring" >"$T/cat/reg2.yaml"
	printf "[tools]\nreg = latest\nreg2 = latest\n" >.toolbox
	run "$TBX" lock; check_status 0
	check_eq 2 "$(grep -c "^GET /token" "$LOG_expiring")"
	check_eq 2 "$(grep -c "^HEAD /v2/x/manifests/latest bearer$" "$LOG_expiring")"
'
test_done
