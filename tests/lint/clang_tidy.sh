#!/usr/bin/env bash
# Runs clang-tidy with the project's .clang-tidy over src/, two files at a time; any finding fails.
set -euo pipefail
root=$1
build=$2
. "$(dirname "$0")/files.sh"
cd "$root"
log=$(mktemp)
db=$(mktemp -d)
trap 'rm -rf "$log" "$db"' EXIT
# The build's commands without its precompiled header: GCC's .gch is no file Clang can read,
# and each file includes what it uses anyway.
python3 - "$build/compile_commands.json" "$db/compile_commands.json" <<'PY'
import json, re, sys
commands = json.load(open(sys.argv[1]))
for entry in commands:
    entry["command"] = re.sub(r" -include \S*cmake_pch\.hxx| -Winvalid-pch", "", entry["command"])
json.dump(commands, open(sys.argv[2], "w"))
PY
status=0
cxx_files "$root" 'src/*.cpp' | xargs -r -P "$(nproc)" -n 4 \
    clang-tidy -p "$db" --quiet >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ] || grep -q 'warning:\|error:' "$log"; then
    grep -A3 'warning:\|error:' "$log" | head -200
    exit 1
fi
echo "clang-tidy: no findings in src/"
