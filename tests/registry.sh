# shellcheck shell=bash
# Test registries on loopback: Debian's docker-registry (the reference
# implementation), started per test file and stopped when it ends.
# Sourced by tests/t/4*.sh after lib.sh.

REG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tbx-reg.XXXXXX")
# skopeo's credentials: none, and not root's /run/containers, which a
# normal user without XDG_RUNTIME_DIR is sent to and may not read
export REGISTRY_AUTH_FILE="$REG_DIR/auth.json"
REG_PIDS=
# shellcheck disable=SC2154 # p is the trap's loop variable
trap 'for p in $REG_PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$REG_DIR"' EXIT

# A port nothing listens on, below Linux's ephemeral range (32768-60999)
# so that no outgoing connection can take it meanwhile.
free_port() {
	port=$(( 20000 + RANDOM % 12000 ))
	while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
	echo "$port"
}

# start_registry NAME [extra config]: sets REG_<NAME> to host:port. A port
# taken between the choice and the bind is retried with another.
start_registry() {
	name=$1 extra=${2:-}
	for _ in 1 2 3 4 5; do
		port=$(free_port)
		mkdir -p "$REG_DIR/$name"
		cat >"$REG_DIR/$name/config.yml" <<-EOT
		version: 0.1
		log:
		  level: error
		storage:
		  filesystem:
		    rootdirectory: $REG_DIR/$name/data
		  delete:
		    enabled: true
		http:
		  addr: 127.0.0.1:$port
		$extra
		EOT
		# it reads REGISTRY_* as its own settings: not skopeo's file
		env -u REGISTRY_AUTH_FILE docker-registry serve "$REG_DIR/$name/config.yml" >"$REG_DIR/$name/log" 2>&1 &
		pid=$!
		REG_PIDS="$REG_PIDS $pid"
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
			if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
				eval "REG_$name=127.0.0.1:$port"
				return 0
			fi
			i=$((i + 1))
			sleep 0.1
		done
		kill "$pid" 2>/dev/null
	done
	cat "$REG_DIR/$name/log" >&2
	return 1
}

# push IMAGE REF: copy a local image into a registry (plain HTTP, loopback)
push() {
	"$ENGINE" tag "$1" "$2" && "$ENGINE" push "$2" >/dev/null && "$ENGINE" rmi "$2" >/dev/null
}

# A catalog entry "reg" for an image in a test registry.
reg_catalog() { # image [tag template]
	tmpl=${2:-}
	[ -n "$tmpl" ] || tmpl='{version}'
	mkdir -p "$T/cat"
	printf 'name: reg\ndescription: probe from a test registry\nimage: %s\nversion: "1"\ntag: "%s"\ncommands: [cat, sh]\n' \
		"$1" "$tmpl" >"$T/cat/reg.yaml"
	export TBX_CATALOG_PATH="$T/cat:$TOP/tests/catalog"
}

# start_fake MODE: a registry double (tests/helpers/fakereg.c), started from
# a test file's top level; sets FAKE_<MODE> to host:port and LOG_<MODE> to
# its request log.
start_fake() {
	log="$REG_DIR/fake-$1.log"
	for _ in 1 2 3 4 5; do
		port=$(free_port)
		"$TOP/$BUILD/fakereg" "$port" "$1" "$log" 2>/dev/null &
		pid=$!
		REG_PIDS="$REG_PIDS $pid"
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
			if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
				: >"$log"
				eval "FAKE_$1=127.0.0.1:$port LOG_$1=$log"
				export "FAKE_$1" "LOG_$1"
				return 0
			fi
			i=$((i + 1))
			sleep 0.05
		done
	done
	return 1
}
