#!/usr/bin/env bash
# The README's screenshots are made by the console itself (packaging/screenshots/make.sh); this
# makes them again and checks each is a PNG of the size asked for, so the pictures cannot
# silently stop being made or come out cropped (a window taller than the screen it was sized to).
#   screenshots_check.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=${1:?usage: screenshots_check.sh SOURCE_DIR BUILD_DIR}
build=${2:?usage: screenshots_check.sh SOURCE_DIR BUILD_DIR}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$src/packaging/screenshots/make.sh" "$build" "$out" --parallel > /dev/null
python3 - "$out" <<'PY'
import struct, sys
want = {"demo-alarm": (1600, 900), "replay-tracker": (1600, 900), "alarm-history": (1600, 900),
        "eight-channels": (1366, 768), "german": (1366, 768), "french": (1366, 768),
        "model-calibration": (1600, 900), "model-session": (1600, 1200)}
failed = False
for name, size in want.items():
    with open(f"{sys.argv[1]}/{name}.png", "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        print(f"{name}.png: not a PNG"); failed = True; continue
    got = struct.unpack(">II", head[16:24])
    print(f"{name}.png: {got[0]}x{got[1]} (want {size[0]}x{size[1]})")
    failed |= got != size
sys.exit(1 if failed else 0)
PY
