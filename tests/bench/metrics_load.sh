#!/usr/bin/env bash
# /metrics and /predict under load while `serve` ingests 100 k samples/s over loopback UDP.
#   tests/bench/metrics_load.sh [BUILD_DIR] [SECONDS]
# serve scores the simulator's ccsds stream with the bundled spacecraft model; wrk (Debian's
# package) hammers /metrics for SECONDS, then posts /predict batches of 100 samples for SECONDS;
# the simulator sends for the whole run. Prints wrk's reports, then, last, one JSON line:
#   {"metrics_req_per_s": x, "metrics_p99_ms": x, "predict_samples_per_s": x, "ingest_lost": n,
#    "samples_sent": n, "samples_received": n}
# ingest_lost is what the simulator sent and serve never received (socket drops included).
set -euo pipefail
build=${1:-build}
seconds=${2:-10}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cli=$build/bin/faultwatch-cli
for tool in "$cli" "$(command -v wrk || true)"; do
    if [ ! -x "$tool" ]; then
        echo "metrics_load.sh: need $cli and wrk (packaging/setup.sh installs both)" >&2
        exit 1
    fi
done
work=$(mktemp -d "${TMPDIR:-/tmp}/fw_bench_metrics.XXXXXX")
. "$here/serve_helpers.sh"
trap cleanup EXIT
udp=$(free_port)
http=$(free_port)
model=$here/../../resources/models/spacecraft.json

"$cli" serve --source "udp://127.0.0.1:$udp?format=ccsds" --profile spacecraft --model "$model" \
    --http "127.0.0.1:$http" 2>"$work/serve.log" &
pids+=($!)
for _ in $(seq 100); do
    fetch "http://127.0.0.1:$http/health" >/dev/null 2>&1 && break
    sleep 0.1
done

duration=$((2 * seconds + 4))
"$cli" simulate --profile spacecraft --to "udp://127.0.0.1:$udp" --format ccsds --rate 100000 \
    --duration "$duration" --scenario mixed --seed 11 >"$work/sim.json" 2>"$work/sim.log" &
sim=$!
pids+=($sim)
sleep 1

wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$http/metrics" >"$work/metrics.txt"
cat "$work/metrics.txt"

python3 - "$work/predict.lua" <<'PY'
import json, sys
sample = {"temperature": 21.0, "voltage": 28.1, "vibration": 0.03, "pressure": 17.9}
body = json.dumps({"samples": [sample] * 100})
with open(sys.argv[1], "w") as f:
    f.write('wrk.method = "POST"\n')
    f.write('wrk.headers["Content-Type"] = "application/json"\n')
    f.write("wrk.body = [[%s]]\n" % body)
PY
wrk -t2 -c8 -d"${seconds}s" -s "$work/predict.lua" "http://127.0.0.1:$http/predict" \
    >"$work/predict.txt"
cat "$work/predict.txt"

wait "$sim"
sleep 2
fetch "http://127.0.0.1:$http/metrics" >"$work/final.txt"
python3 - "$work/metrics.txt" "$work/predict.txt" "$work/sim.json" "$work/final.txt" <<'PY'
import json, re, sys

def wrk_figures(path):
    text = open(path).read()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    return rate, (float(p99.group(1)) * scale[p99.group(2)] if p99 else None), \
        int(non2xx.group(1)) if non2xx else 0

metrics_rate, metrics_p99, metrics_bad = wrk_figures(sys.argv[1])
predict_rate, _, predict_bad = wrk_figures(sys.argv[2])
if metrics_bad or predict_bad:
    sys.exit(f"metrics_load.sh: non-2xx answers: /metrics {metrics_bad}, /predict {predict_bad}")
sent = None
for line in open(sys.argv[3]):
    line = line.strip()
    if line.startswith("{"):
        summary = json.loads(line)
        sent = summary.get("sent")
received = None
for line in open(sys.argv[4]):
    if line.startswith("faultwatch_samples_total "):
        received = int(float(line.split()[1]))
print(json.dumps({
    "metrics_req_per_s": round(metrics_rate),
    "metrics_p99_ms": metrics_p99,
    "predict_samples_per_s": round(predict_rate * 100),
    "ingest_lost": None if sent is None or received is None else sent - received,
    "samples_sent": sent,
    "samples_received": received,
}))
PY
