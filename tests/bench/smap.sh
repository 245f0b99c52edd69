#!/usr/bin/env bash
# The NASA SMAP protocol (see the data's README): per channel, train on train/<channel>.csv with
# the shipped defaults, score test/<channel>.csv, and pool the counts over every channel.
#   tests/bench/smap.sh DIR [BUILD_DIR]
# One row is one sample of a slow housekeeping channel: the profile the script writes reads `t` as
# seconds (1 Hz), `value` as the channel and `cmd_01`..`cmd_24` as context (commands sent to the
# spacecraft), so a level change that follows a command is judged as such.
# Prints one JSON line per channel, then, last, one JSON line with the pooled point-wise
# precision, recall, F1 and false-alarm rate FP/(FP+TN), the event recall (share of labelled
# sequences with at least one alarmed row), the event precision (share of alarm episodes, maximal
# runs of alarmed rows, that touch a labelled sequence) and false-alarm episodes per 1000 nominal
# rows, and the alarm episodes per found sequence (1 is one alarm per fault). Skipped with a message when DIR is absent: the data is not part of the project.
set -euo pipefail
if [ $# -lt 1 ]; then
    echo "usage: smap.sh DIR [BUILD_DIR]" >&2
    exit 2
fi
dir=$1
build=${2:-build}
cli=$build/bin/faultwatch-cli
if [ ! -d "$dir/train" ] || [ ! -d "$dir/test" ]; then
    echo "smap.sh: $dir/train or $dir/test not found; SMAP benchmark skipped" >&2
    exit 0
fi
if [ ! -x "$cli" ]; then
    echo "smap.sh: $cli not found; build first (packaging/setup.sh)" >&2
    exit 1
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/fw_bench_smap.XXXXXX")
trap 'rm -rf "$out"' EXIT

profile=$out/smap.json
/usr/bin/python3 - "$profile" <<'PY'
import json, sys
channels = [{"id": "value", "label": "Value", "unit": ""}]
channels += [{"id": f"cmd_{i:02d}", "label": f"Command {i}", "unit": "", "context": True}
             for i in range(1, 25)]
json.dump({"name": "smap", "rate_hz": 1, "stale_after_s": 10, "channels": channels},
          open(sys.argv[1], "w"))
PY

: >"$out/channels.txt"
while IFS= read -r -d '' train; do
    channel=$(basename "$train" .csv)
    test=$dir/test/$channel.csv
    if [ ! -f "$test" ]; then
        echo "smap.sh: $test missing; $channel skipped" >&2
        continue
    fi
    if ! "$cli" train --profile "$profile" --input "$train" --output "$out/$channel.model.json" \
        >/dev/null 2>"$out/$channel.train.txt"; then
        echo "smap.sh: training on $train failed:" >&2
        cat "$out/$channel.train.txt" >&2
        exit 1
    fi
    if ! "$cli" score --model "$out/$channel.model.json" --profile "$profile" --input "$test" \
        --output "$out/$channel.result.csv" >/dev/null 2>"$out/$channel.score.txt"; then
        echo "smap.sh: scoring $test failed:" >&2
        cat "$out/$channel.score.txt" >&2
        exit 1
    fi
    echo "$channel" >>"$out/channels.txt"
done < <(find "$dir/train" -maxdepth 1 -type f -name '*.csv' -print0 | LC_ALL=C sort -z)

/usr/bin/python3 - "$dir" "$out" <<'PY'
import csv, json, os, sys
data, out = sys.argv[1], sys.argv[2]

def runs(flags):
    """Maximal runs of true flags as (first, last) row indices."""
    spans, start = [], None
    for i, f in enumerate(flags + [False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            spans.append((start, i - 1))
            start = None
    return spans

total = {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "sequences": 0, "found": 0, "episodes": 0,
         "true_episodes": 0}
for channel in open(os.path.join(out, "channels.txt")).read().split():
    with open(os.path.join(data, "test", channel + ".csv"), newline="") as f:
        labels = {float(r["t"]): r["anomaly"] not in ("0", "") for r in csv.DictReader(f)}
    with open(os.path.join(out, channel + ".result.csv"), newline="") as f:
        alarms = {float(r["t"]): r["alarm"] == "1" for r in csv.DictReader(f)}
    if alarms.keys() != labels.keys():
        sys.exit(f"smap.sh: {channel}: the results do not have one row per test row")
    times = sorted(labels)
    truth = [labels[t] for t in times]
    alarm = [alarms[t] for t in times]
    c = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for a, y in zip(alarm, truth):
        c[("t" if a == y else "f") + ("p" if a else "n")] += 1
    sequences = runs(truth)
    episodes = runs(alarm)
    found = sum(any(alarm[a:b + 1]) for a, b in sequences)
    true_episodes = sum(any(truth[a:b + 1]) for a, b in episodes)
    for key, value in c.items():
        total[key] += value
    total["sequences"] += len(sequences)
    total["found"] += found
    total["episodes"] += len(episodes)
    total["true_episodes"] += true_episodes
    print(json.dumps({"channel": channel, "rows": len(times), "sequences": len(sequences),
                      "found": found, "episodes": len(episodes),
                      "false_episodes": len(episodes) - true_episodes, **c}))

def ratio(a, b):
    return round(a / b, 4) if b else None
t = total
nominal = t["fp"] + t["tn"]
print(json.dumps({"channels": len(open(os.path.join(out, "channels.txt")).read().split()),
                  "precision": ratio(t["tp"], t["tp"] + t["fp"]),
                  "recall": ratio(t["tp"], t["tp"] + t["fn"]),
                  "f1": ratio(2 * t["tp"], 2 * t["tp"] + t["fp"] + t["fn"]),
                  "far": ratio(t["fp"], nominal),
                  "event_recall": ratio(t["found"], t["sequences"]),
                  "event_precision": ratio(t["true_episodes"], t["episodes"]),
                  "false_episodes_per_1000": ratio(1000 * (t["episodes"] - t["true_episodes"]),
                                                   nominal),
                  "episodes_per_found_sequence": ratio(t["true_episodes"], t["found"]),
                  "sequences": t["sequences"], "episodes": t["episodes"]}))
PY
