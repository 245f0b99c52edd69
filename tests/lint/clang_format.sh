#!/usr/bin/env bash
# Fails, naming the files, when any C++ file differs from what .clang-format makes of it.
set -euo pipefail
root=$1
. "$(dirname "$0")/files.sh"
cd "$root"
bad=()
while read -r file; do
    [ -f "$file" ] || continue
    clang-format --dry-run -Werror "$file" >/dev/null 2>&1 || bad+=("$file")
done < <(cxx_files "$root" 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h')
if ((${#bad[@]})); then
    echo "not formatted per .clang-format (run clang-format -i):"
    printf '  %s\n' "${bad[@]}"
    exit 1
fi
echo "clang-format: all files formatted"
