#!/usr/bin/env bash
# Installs both packages into a fresh Debian 12 root file system with apt-get, so their
# dependencies resolve from the archive, and runs what was installed there:
# `faultwatch-cli serve` answers /health and /metrics and stops cleanly on SIGTERM, the console
# starts under the offscreen platform, systemd accepts the unit; then a purge removes it all.
#   install.sh PACKAGE_DIR ROOTFS_TAR
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"
need_root
need_tools chroot curl tar python3
packages=$(cd "$1" && pwd)
tarball=$2

root=$(mktemp -d "${TMPDIR:-/tmp}/fw-install.XXXXXX")
serve_pid=
cleanup() {
    if [ -n "$serve_pid" ]; then
        kill "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
    fi
    for mount in dev/pts dev proc; do
        if mountpoint -q "$root/$mount"; then
            umount -l "$root/$mount"
        fi
    done
    rm -rf "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$tarball"
# mktemp's 0700 would keep apt's downloader and the unprivileged service out.
chmod 755 "$root"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

mkdir -p "$root/tmp/debs"
debs=()
for deb in "$packages"/faultwatch_*.deb "$packages"/faultwatch-cli_*.deb; do
    cp "$deb" "$root/tmp/debs/"
    debs+=("/tmp/debs/$(basename "$deb")")
done
echo "== apt-get install"
in_root apt-get update -qq
# policy-rc.d: no service starts inside this root while packages are configured.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
# systemd only to check the unit with systemd-analyze; the packages do not need it.
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${debs[@]}" systemd >"$root.apt.log" 2>&1 ||
    { tail -n 30 "$root.apt.log" >&2; rm -f "$root.apt.log"; fail "apt-get install"; }
grep -E '^(Setting up|The following NEW)' "$root.apt.log" | grep -i faultwatch || true
rm -f "$root.apt.log"

echo "== installed files"
for path in /usr/bin/faultwatch /usr/bin/faultwatch-cli \
    /usr/share/applications/org.faultwatch.FaultWatch.desktop \
    /usr/share/metainfo/org.faultwatch.FaultWatch.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/faultwatch.svg \
    /usr/share/icons/hicolor/48x48/apps/faultwatch.png \
    /usr/share/man/man1/faultwatch.1.gz /usr/share/man/man1/faultwatch-cli.1.gz \
    /usr/share/faultwatch/profiles/ev.json /usr/share/faultwatch/models/spacecraft.json \
    /usr/share/faultwatch/prometheus/faultwatch-rules.yml \
    /usr/share/faultwatch/grafana/faultwatch.json \
    /lib/systemd/system/faultwatch.service /etc/default/faultwatch \
    /usr/share/doc/faultwatch/copyright /usr/share/doc/faultwatch-cli/changelog.gz; do
    [ -e "$root$path" ] || fail "not installed: $path"
done
mode=$(stat -c %a "$root/etc/default/faultwatch")
[ "$mode" = 600 ] || fail "/etc/default/faultwatch has mode $mode, expected 600"

echo "== systemd-analyze verify"
in_root systemd-analyze verify --man=no /lib/systemd/system/faultwatch.service ||
    fail "systemd-analyze verify faultwatch.service"

echo "== faultwatch --version (offscreen)"
version=$(in_root env QT_QPA_PLATFORM=offscreen faultwatch --version 2>&1)
echo "$version"
grep -q '^faultwatch [0-9]' <<<"$version" || fail "faultwatch --version printed: $version"
# The console itself, on its demo, from the installed files only: it must run and quit.
in_root env QT_QPA_PLATFORM=offscreen HOME=/tmp faultwatch --demo --no-http --quit-after 3 \
    --screenshot /tmp/console.png >/dev/null 2>&1 || fail "faultwatch --demo did not run"
[ -s "$root/tmp/console.png" ] || fail "faultwatch --demo wrote no screenshot"

echo "== faultwatch-cli serve, as nobody"
port=$(free_port)
chroot --userspec=65534:65534 "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/tmp \
    FAULTWATCH_SOURCE='sim://spacecraft?rate=50' FAULTWATCH_HTTP="127.0.0.1:$port" \
    LOG_LEVEL=info faultwatch-cli serve 2>"$root/tmp/serve.log" &
serve_pid=$!
wait_for_200 "http://127.0.0.1:$port/health" 20 || { cat "$root/tmp/serve.log" >&2; exit 1; }
health=$(curl -fsS "http://127.0.0.1:$port/health")
echo "/health: $health"
grep -q '"status":"ok"' <<<"$health" || fail "/health: $health"
in_root faultwatch-cli health --http "127.0.0.1:$port" >/dev/null || fail "faultwatch-cli health"
samples=0
for _ in $(seq 50); do
    samples=$(curl -fsS "http://127.0.0.1:$port/metrics" |
        awk '$1 == "faultwatch_samples_scored_total" { print int($2) }')
    [ "${samples:-0}" -gt 0 ] && break
    sleep 0.2
done
echo "faultwatch_samples_scored_total $samples"
[ "${samples:-0}" -gt 0 ] || fail "serve scored no samples"
kill -TERM "$serve_pid"
code=0
wait "$serve_pid" || code=$?
serve_pid=
cat "$root/tmp/serve.log"
[ "$code" -eq 0 ] || fail "serve exited $code on SIGTERM"
grep -q 'stopped:' "$root/tmp/serve.log" || fail "serve did not log its stop"

echo "== apt-get purge"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q faultwatch faultwatch-cli \
    >/dev/null || fail "apt-get purge"
for path in /usr/bin/faultwatch /usr/bin/faultwatch-cli /etc/default/faultwatch \
    /lib/systemd/system/faultwatch.service; do
    [ ! -e "$root$path" ] || fail "left after purge: $path"
done
echo "PASS"
