#!/usr/bin/env bash
# The console redrawing 4 channels × 1 M points in view while ingesting 100 k samples/s: the real
# MainWindow (fw_bench_console), offscreen at 1600×1000 with a 10-s time window and the bundled
# spacecraft model, listening on a loopback UDP port (CCSDS) that `faultwatch-cli simulate`
# feeds in real time for SECONDS. The window's own display tick drives the repaints.
#   tests/bench/console.sh [BUILD_DIR] [SECONDS] [RATE] [SCENARIO]
# SECONDS defaults to 30: the view holds a full window (1 M points per channel, less one pixel
# column's worth) only after 10 s, so the frame figures cover the last SECONDS − 10 s, about
# 30 frames a second. They are PlotView's own wall-clock paint times; the console line beside
# them also has the GUI thread's CPU time per paint and how many paints were preempted or
# blocked. FW_BENCH_FRAMES=FILE also writes every frame (wall ms, CPU ms, preempted, blocked,
# points in view).
# Prints the bench's and the sender's JSON, then, last, one JSON line:
#   {"frame_ms_median": x, "frame_ms_p99": x, "samples_sent": n, "samples_plotted": n,
#    "samples_scored": n, "bytes_per_stored_sample": x}
set -euo pipefail
build=${1:-build}
seconds=${2:-30}
rate=${3:-100000}
scenario=${4:-nominal} # the figures are for nominal; mixed keeps anomalies shaded in view
bench=$build/bench/fw_bench_console
cli=$build/bin/faultwatch-cli
for program in "$bench" "$cli"; do
    if [ ! -x "$program" ]; then
        echo "console.sh: $program not found; build first (packaging/setup.sh)" >&2
        exit 1
    fi
done
export QT_QPA_PLATFORM=offscreen TZ=UTC LC_ALL=C.UTF-8 QT_LOGGING_RULES='*.debug=false'
work=$(mktemp -d "${TMPDIR:-/tmp}/fw_bench_console.XXXXXX")
pid=
cleanup() {
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# The bench reads "sent N" on a fifo once the sender is done, and reports through a file.
mkfifo "$work/control"
"$bench" --rate "$rate" ${FW_BENCH_FRAMES:+--frames "$FW_BENCH_FRAMES"} \
    <"$work/control" >"$work/out" 2>"$work/err" &
pid=$!
exec 3>"$work/control"
for _ in $(seq 100); do
    if grep -qs '"listening"' "$work/out" || ! kill -0 "$pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
uri=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["listening"])' \
    "$work/out" 2>/dev/null || true)
if [ -z "$uri" ]; then
    echo "console.sh: the console did not start" >&2
    cat "$work/err" >&2
    exit 1
fi

# Two cores are shared by the sender, the source, detector and GUI threads and whatever else
# runs: the load average says how quiet the machine was.
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
sender=$("$cli" simulate --profile spacecraft --to "$uri" --rate "$rate" --duration "$seconds" \
    --seed 7 --scenario "$scenario")
sent=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["sent"])' "$sender")
echo "sent $sent" >&3
exec 3>&-
wait "$pid"
pid=
console=$(tail -n 1 "$work/out")
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "sender: $sender"
echo "console: $console"
python3 - "$sent" "$console" <<'PY'
import json, sys
sent = int(sys.argv[1])
c = json.loads(sys.argv[2])
print(json.dumps({
    "frame_ms_median": round(c["frame_ms_median"], 2),
    "frame_ms_p99": round(c["frame_ms_p99"], 2),
    "samples_sent": sent,
    "samples_plotted": c["samples_plotted"],
    "samples_scored": c["samples_scored"],
    "bytes_per_stored_sample": round(c["bytes_per_stored_sample"], 2),
}))
PY
