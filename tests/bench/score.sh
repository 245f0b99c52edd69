#!/usr/bin/env bash
# End-to-end `faultwatch-cli score` throughput: reads a 2 M-row csv (spacecraft profile, 100 Hz,
# nominal but for a 5-minute step on the bus voltage), runs the bundled model's detector over every row and writes the
# results csv, timed from start to exit, three runs. Prints one JSON line per run, then, last:
#   {"rows": 2000000, "median_s": x, "rows_per_s": y, "input_mb": z}
#   tests/bench/score.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
cli=$build/bin/faultwatch-cli
if [ ! -x "$cli" ]; then
    echo "score.sh: $cli not found; build first (packaging/setup.sh)" >&2
    exit 1
fi
data=$(mktemp -d "${TMPDIR:-/tmp}/fw_bench_score.XXXXXX")
trap 'rm -rf "$data"' EXIT
rows=2000000
"$cli" simulate --profile spacecraft --rate 100 --duration $((rows / 100)) --seed 7 \
    --scenario step:voltage --onset 9000 --fault-duration 300 --to "$data/in.csv" \
    --start 1732400000 >/dev/null
times=()
for run in 1 2 3; do
    start=$(date +%s%N)
    "$cli" score --profile spacecraft --input "$data/in.csv" --output "$data/out.csv" \
        >"$data/summary.json" 2>/dev/null
    end=$(date +%s%N)
    times+=("$(((end - start) / 1000000))")
    scored=$(grep -o '"rows":[0-9]*' "$data/summary.json" | cut -d: -f2)
    echo "{\"run\": $run, \"ms\": ${times[-1]}, \"rows\": $scored}"
done
/usr/bin/python3 - "$rows" "$(stat -c %s "$data/in.csv")" "${times[@]}" <<'PY'
import json, statistics, sys
rows, size, *times = sys.argv[1:]
median = statistics.median(float(t) / 1000 for t in times)
print(json.dumps({"rows": int(rows), "median_s": round(median, 3),
                  "rows_per_s": round(int(rows) / median), "input_mb": round(int(size) / 2**20)}))
PY
