#!/usr/bin/env bash
# Renders faultwatch.svg into the hicolor PNG sizes desktops look for. The PNGs are committed, so
# building needs no SVG renderer; run this again after editing the SVG (needs librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256; do
    rsvg-convert --width "$size" --height "$size" faultwatch.svg --output "faultwatch-$size.png"
done
