#!/usr/bin/env bash
# Checks the packages and the files they install with Debian's own tools: lintian (no errors),
# desktop-file-validate, appstreamcli, man's warnings; and that faultwatch-cli pulls in no GUI
# library.
#   lint.sh SOURCE_DIR PACKAGE_DIR
set -euo pipefail
source_dir=$(cd "$1" && pwd)
packages=$(cd "$2" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"
need_tools lintian desktop-file-validate appstreamcli man
status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

for deb in "$packages"/faultwatch_*.deb "$packages"/faultwatch-cli_*.deb; do
    [ -f "$deb" ] || { fail "no package $deb (run packages.sh first)"; continue; }
    # Errors fail; warnings and notes are printed for whoever reads the log.
    report=$(lintian --tag-display-limit 0 "$deb" 2>&1 || true)
    echo "== lintian $(basename "$deb")"
    echo "$report"
    if grep -q '^E: ' <<<"$report"; then
        fail "lintian reports errors on $(basename "$deb")"
    fi
done

cli_depends=$(dpkg-deb --field "$packages"/faultwatch-cli_*.deb Depends)
echo "faultwatch-cli depends on: $cli_depends"
if grep -Eiq 'libqt6(gui|widgets|charts|opengl)|libgl|libx11|libxcb|libegl' <<<"$cli_depends"; then
    fail "faultwatch-cli depends on a GUI library: $cli_depends"
fi
grep -q 'libqt6core6' <<<"$cli_depends" || fail "faultwatch-cli: no dependency on libqt6core6"
console_depends=$(dpkg-deb --field "$packages"/faultwatch_*.deb Depends)
grep -q 'libqt6charts6' <<<"$console_depends" ||
    fail "faultwatch: dpkg-shlibdeps found no Qt Charts: $console_depends"

desktop-file-validate "$source_dir/packaging/linux/org.faultwatch.FaultWatch.desktop" ||
    fail "desktop-file-validate"
appstreamcli validate --no-net --explain \
    "$source_dir/packaging/linux/org.faultwatch.FaultWatch.metainfo.xml" || fail "appstreamcli"
for page in "$source_dir"/packaging/man/*.1; do
    # man prints groff's complaints about the page on stderr; there must be none.
    complaints=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null || true)
    if [ -n "$complaints" ]; then
        fail "$(basename "$page"): $complaints"
    fi
done
exit $status
