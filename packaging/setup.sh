#!/usr/bin/env bash
# Installs what FaultWatch needs on Debian 12 (only what is missing), then configures and builds
# into build/ with the dev preset. Safe to run again: with everything in place it only rebuilds
# what changed.
set -euo pipefail

cd "$(dirname "$0")/.."

packages=(
    # toolchain
    g++ cmake ninja-build git
    # Qt 6 and Eigen (libqt6opengl6-dev is only recommended by qt6-base-dev, but Qt6Charts' CMake
    # package needs its Qt6OpenGL config; Qt6HttpServer's needs Qt6WebSockets', which
    # qt6-httpserver-dev does not pull in)
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev
    qt6-tools-dev-tools qt6-l10n-tools qt6-qpa-plugins libgl-dev libqt6opengl6-dev libeigen3-dev
    # MQTT: Eclipse Mosquitto's client library, found with pkg-config; the broker for the tests;
    # its command-line subscriber, the fleet benchmark's reference
    libmosquitto-dev pkg-config mosquitto mosquitto-clients
    # Qt's own strings translated (file dialogs, "Strg" for Ctrl in German)
    qt6-translations-l10n
    # benchmarks, reference detector, metrics server, offscreen fonts, linters
    libbenchmark-dev python3 python3-sklearn prometheus wrk fonts-dejavu-core clang-format clang-tidy
    # fuzzing: Clang with libFuzzer and the sanitizer runtimes
    clang libclang-rt-dev
    # packaging tests: the .deb files and their checks, a Debian root file system to install
    # them into, podman (with runc) for the container image, the compose stack's validators
    dpkg-dev lintian desktop-file-utils appstream man-db systemd debootstrap curl podman runc
    docker-compose python3-yaml prometheus-alertmanager
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
        missing+=("$package")
    fi
done

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null; then
            echo "setup: need root or sudo to install: ${missing[*]}" >&2
            exit 1
        fi
        sudo=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    # prometheus (and alertmanager) would start a system service; the tests start their own.
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f build/build.ninja ]; then
    cmake --preset dev >/dev/null
fi
jobs=$(nproc)
if ! cmake --build build -j"$jobs" >build/build.log 2>&1; then
    grep -E 'error|Error|FAILED' build/build.log | head -40 >&2
    echo "setup: build failed, full log in build/build.log" >&2
    exit 1
fi
echo "setup: built into build/ (executables in build/bin/)"
