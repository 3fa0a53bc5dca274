#!/bin/bash
# make bench: bench.sh's figures, on stdout and in bench/RESULTS.md with
# what they were measured on; the file is written whole or not at all.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/RESULTS.md
tmp=$(mktemp bench/.RESULTS.XXXXXX)
trap 'rm -f "$tmp"' EXIT
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || commit="$commit with changes"
engine=$(docker version --format 'docker {{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null || echo "none reachable")
{
	echo "# make bench"
	echo
	echo "Written by \`make bench\` on $(date -u +%Y-%m-%d), commit $commit, engine $engine."
	echo "README.md's \"Performance\" says what each table measures and its target."
	echo
	echo '```'
} >"$tmp"
bench/bench.sh | tee -a "$tmp"
echo '```' >>"$tmp"
mv "$tmp" "$out"
trap - EXIT
