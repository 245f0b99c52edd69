#!/usr/bin/env bash
# A fleet through one serve on one core: `simulate --vehicles N` publishes every vehicle's
# samples once a second to Debian's mosquitto on loopback; one `serve` subscribed to all of them,
# pinned to one core, keeps a stream (detector state, sequence accounting, alarms) per vehicle.
# The broker and the publisher share the other core.
#   tests/bench/fleet.sh [BUILD_DIR] [VEHICLES] [RATE_HZ] [SECONDS]
# Prints, last, one JSON line: samples offered and received per second, lost, the share of its
# core serve used, and serve's memory per stream (resident set growth over the streams). The
# reference, in the same run (on the broker's core, so as not to take serve's): mosquitto_sub
# receiving the same messages and writing them to /dev/null, what the MQTT client library alone
# costs.
set -euo pipefail
build=${1:-build}
vehicles=${2:-10000}
rate=${3:-10}
seconds=${4:-60}
cli=$build/bin/faultwatch-cli
mosquitto=$(command -v mosquitto || echo /usr/sbin/mosquitto)
if [ ! -x "$cli" ] || [ ! -x "$mosquitto" ] || ! command -v mosquitto_sub >/dev/null; then
    echo "fleet.sh: needs $cli, mosquitto and mosquitto_sub; build first (packaging/setup.sh)" >&2
    exit 1
fi
if [ "$(nproc)" -lt 2 ]; then
    echo "fleet.sh: needs two cores (serve on one, broker and publisher on the other)" >&2
    exit 1
fi
work=$(mktemp -d)
source "$(dirname "$0")/serve_helpers.sh"
trap cleanup EXIT

broker_port=$(free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\nmax_queued_messages 1000000\n' \
    "$broker_port" > "$work/mosquitto.conf"
taskset -c 0 "$mosquitto" -c "$work/mosquitto.conf" &
pids+=($!)

http_port=$(free_port)
taskset -c 1 "$cli" serve --profile spacecraft --http "127.0.0.1:$http_port" \
    --source "mqtt://127.0.0.1:$broker_port/fleet/+/telemetry?stream=topic:2" 2> "$work/serve.log" &
serve=$!
pids+=($serve)
for _ in $(seq 100); do
    fetch "http://127.0.0.1:$http_port/health" > /dev/null 2>&1 && break
    sleep 0.1
done
taskset -c 0 mosquitto_sub -h 127.0.0.1 -p "$broker_port" -t 'fleet/+/telemetry' > /dev/null &
bare=$!
pids+=($bare)
sleep 1 # the subscriptions

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$serve/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/${1:-$serve}/stat"; }
metric() { fetch "http://127.0.0.1:$http_port/metrics" | awk -v n="$1" '$1 == n {print $2}'; }

rss0=$(rss_kib)
cpu0=$(cpu_ticks)
bare0=$(cpu_ticks "$bare")
taskset -c 0 "$cli" simulate --profile spacecraft --vehicles "$vehicles" --rate "$rate" \
    --duration "$seconds" --publish-every 1 --datagram-bytes 65000 --seed 11 \
    --to "mqtt://127.0.0.1:$broker_port/fleet/{vehicle}/telemetry" > "$work/simulate.json"
# Until serve has scored all it will get: no change for two seconds.
last=-1
for _ in $(seq 60); do
    now=$(metric faultwatch_samples_scored_total)
    [ "$now" = "$last" ] && break
    last=$now
    sleep 2
done
rss1=$(rss_kib)
cpu1=$(cpu_ticks)
bare1=$(cpu_ticks "$bare")
metrics=$(fetch "http://127.0.0.1:$http_port/metrics")
python3 - "$work/simulate.json" "$metrics" "$rss0" "$rss1" "$cpu0" "$cpu1" \
    "$(getconf CLK_TCK)" "$bare0" "$bare1" <<'PY'
import json, sys
simulate = json.load(open(sys.argv[1]))
values = {}
for line in sys.argv[2].splitlines():
    if line and not line.startswith("#"):
        name, value = line.rsplit(" ", 1)
        values[name] = float(value)
rss0, rss1, cpu0, cpu1 = (int(a) for a in sys.argv[3:7])
ticks = int(sys.argv[7])
bare_s = (int(sys.argv[9]) - int(sys.argv[8])) / ticks
streams = values.get("faultwatch_streams", 0)
received = values.get("faultwatch_samples_total", 0)
cpu_s = (cpu1 - cpu0) / ticks
print(json.dumps({
    "vehicles": simulate["vehicles"],
    "offered_samples_per_s": round(simulate["sent"] / simulate["elapsed_s"]),
    "sent": simulate["sent"],
    "unsent": simulate["unsent"],
    "received": int(received),
    "scored": int(values.get("faultwatch_samples_scored_total", 0)),
    "lost": int(values.get("faultwatch_samples_lost_total", 0)),
    "streams": int(streams),
    "alarms_active": int(values.get("faultwatch_streams_alarm_active", 0)),
    # serve's CPU over the time the fleet published (its last samples are scored in the drain).
    "serve_core_share": round(cpu_s / simulate["elapsed_s"], 3),
    "serve_cpu_us_per_sample": round(cpu_s * 1e6 / max(received, 1), 2),
    "one_core_capacity_samples_per_s": round(received / max(cpu_s, 1e-9)),
    "bare_subscriber_cpu_us_per_sample": round(bare_s * 1e6 / max(received, 1), 2),
    "rss_growth_kib_per_stream": round((rss1 - rss0) / max(streams, 1), 1),
    "serve_rss_mib": round(rss1 / 1024, 1),
}))
PY
