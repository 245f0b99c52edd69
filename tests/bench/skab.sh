#!/usr/bin/env bash
# The SKAB leaderboard protocol (see the data's README): for each labeled file the first 400 rows
# train the model and the rest are scored; confusion counts are pooled point-wise over all files
# (not a mean of per-file F1), then F1 = TP / (TP + (FN + FP) / 2), FAR = FP / (FP + TN),
# MAR = FN / (FN + TP).
#   tests/bench/skab.sh DIR [BUILD_DIR]
# Scores every *.csv under DIR (recursively, sorted) whose header has an `anomaly` column; others
# (SKAB's anomaly-free.csv) are skipped with a message. Prints one line per file, then, last, one
# JSON line: {"f1": x, "far": y, "mar": z, "files": n}. Skipped with a message when DIR is absent:
# the data is not part of the project.
set -euo pipefail
if [ $# -lt 1 ]; then
    echo "usage: skab.sh DIR [BUILD_DIR]" >&2
    exit 2
fi
dir=$1
build=${2:-build}
cli=$build/bin/faultwatch-cli
if [ ! -d "$dir" ]; then
    echo "skab.sh: $dir not found; SKAB benchmark skipped" >&2
    exit 0
fi
if [ ! -x "$cli" ]; then
    echo "skab.sh: $cli not found; build first (packaging/setup.sh)" >&2
    exit 1
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/fw_bench_skab.XXXXXX")
trap 'rm -rf "$out"' EXIT

summaries=$out/summaries.jsonl
: >"$summaries"
while IFS= read -r -d '' file; do
    if ! head -n 1 "$file" | tr ',;\t' '\n\n\n' | tr -d '\r "' | grep -qx anomaly; then
        echo "skab.sh: $file has no anomaly column; skipped" >&2
        continue
    fi
    if ! summary=$("$cli" score --train-rows 400 --profile skab --labels-column anomaly \
        --input "$file" --output "$out/result.csv" 2>"$out/stderr"); then
        echo "skab.sh: scoring $file failed:" >&2
        cat "$out/stderr" >&2
        exit 1
    fi
    echo "$summary" | tail -n 1 >>"$summaries"
done < <(find "$dir" -type f -name '*.csv' -print0 | LC_ALL=C sort -z)

/usr/bin/python3 - "$summaries" <<'PY'
import json, sys
tp = fp = fn = tn = files = 0
for line in open(sys.argv[1]):
    s = json.loads(line)
    tp, fp, fn, tn = tp + s["tp"], fp + s["fp"], fn + s["fn"], tn + s["tn"]
    files += 1
    print(json.dumps({"file": s["input"], "rows": s["scored_rows"], "f1": s["f1"],
                      "far": s["far"], "mar": s["mar"]}))
def ratio(a, b):
    return round(a / b, 4) if b else None
print(json.dumps({"tp": tp, "fp": fp, "fn": fn, "tn": tn}))
print(json.dumps({"f1": ratio(tp, tp + (fn + fp) / 2), "far": ratio(fp, fp + tn),
                  "mar": ratio(fn, fn + tp), "files": files}))
PY
