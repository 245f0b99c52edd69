#!/usr/bin/env bash
# Makes a minimal Debian 12 root file system with debootstrap, from the archive this machine's
# apt uses, and saves it as a tar (the fixture of install.sh and image.sh).
#   rootfs.sh OUT_TAR
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"
need_root
need_tools debootstrap apt-cache tar
out=$1
mirror=$(debian_mirror)
if [ -z "$mirror" ]; then
    echo "SKIP: apt has no bookworm/main source configured" >&2
    exit 77
fi
mkdir -p "$(dirname "$out")"
root=$(mktemp -d "${TMPDIR:-/tmp}/fw-rootfs.XXXXXX")
trap 'rm -rf "$root"' EXIT
echo "debootstrap from $mirror"
if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >"$out.log" 2>&1; then
    tail -n 20 "$out.log" >&2
    exit 1
fi
debian_sources >"$root/etc/apt/sources.list"
cat "$root/etc/apt/sources.list"
find "$root/var/cache/apt/archives" "$root/var/lib/apt/lists" -type f -delete
# The tar's top directory becomes the image's /: not mktemp's 0700.
chmod 755 "$root"
tar -C "$root" --numeric-owner -cf "$out" .
ls -l "$out"
