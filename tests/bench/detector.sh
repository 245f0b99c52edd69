#!/usr/bin/env bash
# Isolation Forest detector figures on CPU 0: FaultWatch's forest (train + calibrate, batch
# throughput, single-sample latency, loading a model file) and scikit-learn's score_samples on
# the same rows and model size, in the same run.
#   tests/bench/detector.sh [BUILD_DIR]
# Prints both programs' JSON, then, last, one JSON line:
#   {"batch_samples_per_s": x (best of 3 rounds), "batch_mean_samples_per_s": x, "single_median_ns": x, "single_p99_ns": x,
#    "train_calibrate_ms": x, "model_load_ms": x, "sklearn_batch_samples_per_s": y}
# sklearn_batch_samples_per_s is null when /usr/bin/python3 has no scikit-learn.
set -euo pipefail
build=${1:-build}
bench=$build/bench/fw_bench_detector
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ ! -x "$bench" ]; then
    echo "detector.sh: $bench not found; build first (packaging/setup.sh)" >&2
    exit 1
fi
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
data=$(mktemp -d "${TMPDIR:-/tmp}/fw_bench_detector.XXXXXX")
trap 'rm -rf "$data"' EXIT

detector=$("$bench" --out "$data")
echo "detector: $detector"
load=$(taskset -c 0 "$build/bench/fw_bench_modelload")
echo "model file: $load"
if /usr/bin/python3 -c 'import numpy, sklearn' 2>/dev/null; then
    sklearn=$(/usr/bin/python3 "$here/sklearn_score_bench.py" "$data")
    echo "sklearn: $sklearn"
else
    echo "detector.sh: /usr/bin/python3 has no scikit-learn (or numpy); sklearn figure is null" >&2
    sklearn='{"sklearn_batch_samples_per_s": null}'
fi
/usr/bin/python3 - "$detector" "$sklearn" "$load" <<'PY'
import json, sys
d, s, m = (json.loads(a) for a in sys.argv[1:4])
print(json.dumps({
    "batch_samples_per_s": round(d["batch_samples_per_s"]),
    "batch_mean_samples_per_s": round(d["batch_mean_samples_per_s"]),
    "single_median_ns": d["single_median_ns"],
    "single_p99_ns": d["single_p99_ns"],
    "train_calibrate_ms": d["train_calibrate_ms"],
    "model_load_ms": m["load_ms_median"],
    "sklearn_batch_samples_per_s": s["sklearn_batch_samples_per_s"],
    "ratio": (round(d["batch_samples_per_s"] / s["sklearn_batch_samples_per_s"], 1)
              if s["sklearn_batch_samples_per_s"] else None),
}))
PY
