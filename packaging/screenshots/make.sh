#!/usr/bin/env bash
# Makes the README's (and the AppStream metadata's) screenshots with the console itself, under
# the offscreen platform: no display, no window manager, the same pictures on every machine.
#   packaging/screenshots/make.sh BUILD_DIR OUT_DIR [--parallel]
# Each console runs with a fresh configuration and journal, so no setting of yours leaks in.
# --parallel runs the consoles side by side (the test that checks the pictures' sizes does, as
# they mostly wait); the README's pictures are made one at a time, each with the machine to
# itself.
set -euo pipefail
build=${1:?usage: make.sh BUILD_DIR OUT_DIR}
out=${2:?usage: make.sh BUILD_DIR OUT_DIR [--parallel]}
parallel=${3:-}
console="$build/bin/faultwatch"
cli="$build/bin/faultwatch-cli"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shots=()
shot() { # NAME SECONDS [ENV=VALUE...] -- ARGS...
    if [ "$parallel" = --parallel ]; then
        one_shot "$@" &
        shots+=($!)
    else
        one_shot "$@"
    fi
}
one_shot() {
    local name=$1 seconds=$2
    shift 2
    local env=()
    while [ "$1" != "--" ]; do env+=("$1"); shift; done
    shift
    local home="$work/home-$name"
    mkdir -p "$home"
    env QT_QPA_PLATFORM=offscreen HOME="$home" XDG_CONFIG_HOME="$home/config" \
        XDG_DATA_HOME="$home/data" "${env[@]}" \
        "$console" --no-http --screenshot "$out/$name.png" --quit-after "$seconds" "$@" \
        > "$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; return 1; }
    echo "$out/$name.png"
}

# The demo 40 s in: the simulated spacecraft's first fault has raised an alarm.
shot demo-alarm 40 LANG=C.UTF-8 -- --demo --size 1600x900

# A recorded bus-voltage step replayed at 20x, the plots paused on it with the tracker: the
# step is 75 s into the file, under 4 s of replay.
"$cli" simulate --to "$work/voltage-step.csv" --duration 240 --scenario step:voltage \
    --onset 75 --fault-duration 60 --seed 5 --fast > /dev/null
shot replay-tracker 6 LANG=C.UTF-8 -- --model :/models/spacecraft.json \
    --source "file://$work/voltage-step.csv?speed=20" --pause-after 5 --tracker 0.75 \
    --size 1600x900

# The alarm panel's history tab after a minute and a half of the demo.
shot alarm-history 90 LANG=C.UTF-8 -- --demo --alarm-tab history --size 1600x900

# Eight channels (the SKAB bench's profile) on a 1366x768 screen, with a model trained on the
# simulator's nominal data for it.
"$cli" simulate --profile skab --rate 10 --to "$work/skab.csv" --duration 300 --seed 3 \
    --fast > /dev/null
"$cli" train --profile skab --input "$work/skab.csv" --output "$work/skab-model.json" \
    > /dev/null 2>&1
shot eight-channels 20 LANG=C.UTF-8 -- --profile skab --model "$work/skab-model.json" \
    --source "sim://skab?rate=10&seed=4" --size 1366x768

# German, on the same 1366x768 screen.
shot german 40 LANG=de_DE.UTF-8 LANGUAGE=de -- --demo --size 1366x768

# The Model view: the bundled model's calibration scores against its thresholds, 40 s into the
# demo, with the newest score marked.
shot model-calibration 40 LANG=C.UTF-8 -- --demo --model-view calibration --size 1600x900

# The Model view's session tab after a labelled replay: alarms per hour, and precision and
# recall against the simulator's ground truth as they ran.
"$cli" simulate --to "$work/mixed.csv" --labels "$work/mixed.labels.csv" --duration 1800 \
    --scenario mixed --seed 11 --fast > /dev/null
shot model-session 20 LANG=C.UTF-8 -- --model :/models/spacecraft.json \
    --source "file://$work/mixed.csv?speed=100" --labels "$work/mixed.labels.csv" \
    --model-view session --size 1600x1200

# French, on a 1366x768 screen.
shot french 40 LANG=fr_FR.UTF-8 LANGUAGE=fr -- --demo --size 1366x768

failed=0
for pid in "${shots[@]}"; do
    wait "$pid" || failed=1
done
exit $failed
