#!/usr/bin/env bash
# Makes the two Debian packages from BUILD_DIR with CPack into OUT_DIR (the fixture the other
# packaging tests use).
#   packages.sh BUILD_DIR OUT_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
out=$(mkdir -p "$2" && cd "$2" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"
need_tools cpack dpkg-shlibdeps

rm -f "$out"/*.deb
(cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) ||
    { tail -n 30 "$out/cpack.log" >&2; exit 1; }
rm -rf "$out/_CPack_Packages"
ls "$out"/faultwatch_*.deb "$out"/faultwatch-cli_*.deb
for deb in "$out"/*.deb; do
    echo "== $(basename "$deb")"
    dpkg-deb --field "$deb" Package Version Depends Recommends
done
