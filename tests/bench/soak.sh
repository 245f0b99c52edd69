#!/usr/bin/env bash
# Soak: `serve` scoring a steady UDP stream for a long time, watching loss and memory.
#   tests/bench/soak.sh [BUILD_DIR] [SECONDS] [RATE]      (defaults: build, 1800, 20000)
# serve scores the simulator's jsonl stream (spacecraft, mixed faults) with the bundled model and
# records it; every minute its resident memory is sampled. Prints one JSON line per minute, then
# a summary:
#   {"seconds", "rate", "sent", "received", "scored", "lost", "kernel_drops", "dropped",
#    "rss_start_mb", "rss_end_mb", "rss_max_mb"}
# "lost" is what the simulator sent and serve never received, whatever the cause; rss_start_mb
# is taken after the first minute, once the model, buffers and history are warm.
set -euo pipefail
build=${1:-build}
seconds=${2:-1800}
rate=${3:-20000}
cli=$build/bin/faultwatch-cli
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ ! -x "$cli" ]; then
    echo "soak.sh: need $cli (packaging/setup.sh builds it)" >&2
    exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/fw_soak.XXXXXX")
. "$here/serve_helpers.sh"
trap cleanup EXIT
metric() { # metric NAME FILE: the sample's value, 0 when absent
    awk -v name="$1" '$1 == name { print $2; found = 1 } END { if (!found) print 0 }' "$2"
}
rss_mb() {
    awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}
udp=$(free_port)
http=$(free_port)

"$cli" serve --source "udp://127.0.0.1:$udp" --profile spacecraft \
    --model "$here/../../resources/models/spacecraft.json" --http "127.0.0.1:$http" \
    --record "$work/recording.jsonl" 2>"$work/serve.log" &
serve=$!
pids+=($serve)
for _ in $(seq 100); do
    fetch "http://127.0.0.1:$http/health" >/dev/null 2>&1 && break
    sleep 0.1
done

"$cli" simulate --profile spacecraft --to "udp://127.0.0.1:$udp" --rate "$rate" \
    --duration "$seconds" --scenario mixed --seed 5 >"$work/sim.json" 2>"$work/sim.log" &
sim=$!
pids+=($sim)

start=$(date +%s)
rss_start=
rss_max=0
while kill -0 "$sim" 2>/dev/null; do
    sleep 60
    kill -0 "$serve" 2>/dev/null || { echo "soak.sh: serve died" >&2; tail "$work/serve.log" >&2; exit 1; }
    rss=$(rss_mb "$serve")
    rss_start=${rss_start:-$rss}
    rss_max=$(python3 -c "print(max($rss_max, $rss))")
    fetch "http://127.0.0.1:$http/metrics" >"$work/metrics.txt"
    printf '{"elapsed_s": %d, "rss_mb": %s, "received": %.0f, "scored": %.0f}\n' \
        $(($(date +%s) - start)) "$rss" "$(metric faultwatch_samples_total "$work/metrics.txt")" \
        "$(metric faultwatch_samples_scored_total "$work/metrics.txt")"
done
wait "$sim" || { echo "soak.sh: the simulator failed" >&2; cat "$work/sim.log" >&2; exit 1; }
sleep 2 # the last datagrams reach serve and the detector
fetch "http://127.0.0.1:$http/metrics" >"$work/metrics.txt"
rss_end=$(rss_mb "$serve")
sent=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["sent"])' "$work/sim.json")
received=$(metric faultwatch_samples_total "$work/metrics.txt")
dropped=$(awk '$1 ~ /^faultwatch_samples_dropped_total/ { s += $2 } END { print s + 0 }' \
    "$work/metrics.txt")
python3 - "$seconds" "$rate" "$sent" "$received" \
    "$(metric faultwatch_samples_scored_total "$work/metrics.txt")" \
    "$(metric faultwatch_udp_datagrams_dropped_total "$work/metrics.txt")" "$dropped" \
    "$rss_start" "$rss_end" "$rss_max" <<'PY'
import json, sys
s, rate, sent, received, scored, kernel, dropped, start, end, peak = sys.argv[1:]
print(json.dumps({"seconds": int(s), "rate": int(rate), "sent": int(sent),
                  "received": int(float(received)), "scored": int(float(scored)),
                  "lost": int(sent) - int(float(received)), "kernel_drops": int(float(kernel)),
                  "dropped": int(float(dropped)), "rss_start_mb": float(start),
                  "rss_end_mb": float(end), "rss_max_mb": float(peak)}))
PY
