#!/usr/bin/env bash
# Ingest throughput on loopback UDP with one receiving core, for ccsds and jsonl, each next to a
# bare recvmmsg loop receiving the same datagrams in the same run.
#   tests/bench/ingest.sh [BUILD_DIR] [SECONDS]
# Prints, last, one JSON line:
#   {"ccsds_samples_per_s": x, "ccsds_bare_samples_per_s": y, "jsonl_samples_per_s": x, ...}
set -euo pipefail
build=${1:-build}
seconds=${2:-3}
bench=$build/bench/fw_bench_ingest
if [ ! -x "$bench" ]; then
    echo "ingest.sh: $bench not found; build first (packaging/setup.sh)" >&2
    exit 1
fi
ccsds=$("$bench" --format ccsds --seconds "$seconds")
jsonl=$("$bench" --format jsonl --seconds "$seconds")
echo "ccsds: $ccsds"
echo "jsonl: $jsonl"
python3 - "$ccsds" "$jsonl" <<'PY'
import json, sys
c, j = (json.loads(a) for a in sys.argv[1:3])
print(json.dumps({
    "ccsds_samples_per_s": round(c["samples_per_s"]),
    "ccsds_bare_samples_per_s": round(c["bare_samples_per_s"]),
    "jsonl_samples_per_s": round(j["samples_per_s"]),
    "jsonl_bare_samples_per_s": round(j["bare_samples_per_s"]),
}))
PY
