#!/usr/bin/env bash
# Runs clang-tidy with the project's .clang-tidy over src/, two files at a time; any finding fails.
set -euo pipefail
root=$1
build=$2
. "$(dirname "$0")/files.sh"
cd "$root"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cxx_files "$root" 'src/*.cpp' | xargs -r -P "$(nproc)" -n 4 \
    clang-tidy -p "$build" --quiet >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ] || grep -q 'warning:\|error:' "$log"; then
    grep -A3 'warning:\|error:' "$log" | head -200
    exit 1
fi
echo "clang-tidy: no findings in src/"
