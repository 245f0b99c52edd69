# Shared by the packaging tests: what they need, and where Debian's packages come from here.
# Sourced, not run.

# These tests install packages into root file systems and run containers: root's work. Exit 77
# (ctest shows the test as skipped) when that or a tool is missing.
need_root() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "SKIP: needs root (debootstrap, chroot, podman)" >&2
        exit 77
    fi
}

need_tools() {
    local tool
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null; then
            echo "SKIP: $tool not found (packaging/setup.sh installs it)" >&2
            exit 77
        fi
    done
}

# The archive apt uses on this machine for bookworm's main component, as apt itself reports it
# (one-line or deb822 sources alike), so no host name is written into the project.
debian_mirror() {
    apt-cache policy | awk '$3 == "bookworm/main" { print $2; exit }'
}

# A sources.list for a root file system: every bookworm suite this machine's apt uses.
debian_sources() {
    apt-cache policy | awk '$3 ~ /^bookworm(-updates|-security)?\/main$/ {
        split($3, suite, "/"); print "deb " $2 " " suite[1] " main" }' | sort -u
}

# A free TCP port on loopback.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits up to $2 seconds for URL $1 (with optional extra curl arguments) to answer 200.
wait_for_200() {
    local url=$1 seconds=$2
    shift 2
    local i
    for ((i = 0; i < seconds * 5; i++)); do
        if curl -fsS -o /dev/null "$@" "$url" 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    echo "FAIL: $url did not answer 200 within ${seconds}s" >&2
    return 1
}
