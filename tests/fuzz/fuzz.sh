#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with Clang (ASan, UBSan, fuzzer coverage) into
# BUILD_DIR, then runs each on its seeds (the project's own inputs) and a corpus that grows in
# BUILD_DIR/corpus/TARGET.
#   tests/fuzz/fuzz.sh BUILD_DIR SECONDS        each target for SECONDS
#   tests/fuzz/fuzz.sh BUILD_DIR 0 RUNS         each target for RUNS executions (e.g. 10000000)
# Prints one JSON line per target, {"target", "executions", "seconds", "crashes"}; exits 1 when a
# target crashed or a sanitizer reported (the input is kept in BUILD_DIR/artifacts). The random
# seed is FW_FUZZ_SEED (default 1), so that a CI run explores the same inputs each time.
#   tests/fuzz/fuzz.sh --built BUILD_DIR SECONDS
# runs the targets an ASan tree of tests/sanitize/sanitize.sh holds, without building.
set -euo pipefail
built=0
if [ "${1:-}" = --built ]; then
    built=1
    shift
fi
if [ $# -lt 2 ]; then
    echo "usage: fuzz.sh [--built] BUILD_DIR SECONDS [RUNS]" >&2
    exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(mkdir -p "$1" && cd "$1" && pwd)
seconds=$2
runs=${3:-0}
if [ "$built" -eq 1 ]; then
    if [ ! -x "$build/fuzz/fuzz_jsonl" ]; then
        echo "fuzz.sh: $build holds no fuzz targets (an ASan tree built by sanitize.sh does)" >&2
        exit 1
    fi
else
    if ! command -v clang++ >/dev/null; then
        echo "fuzz.sh: clang++ not found (packaging/setup.sh installs clang); fuzzing skipped" >&2
        exit 77
    fi
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DFW_BUILD_FUZZ=ON \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/configure.log" 2>&1 ||
        { cat "$build/configure.log" >&2; exit 1; }
    cmake --build "$build" >"$build/build.log" 2>&1 ||
        { tail -n 40 "$build/build.log" >&2; exit 1; }
fi

# Seeds: what the tests and the project feed these readers.
seeds=$build/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{jsonl,csv,ccsds,profile,modelfile,sourceuri,predict,http}
printf '{"t":1700000000.5,"seq":1,"a":1.5,"b":null,"c":3}\n{"t":1700000001,"a":2}\n' \
    >"$seeds/jsonl/lines"
printf 't,seq,a,b,c\n1700000000,1,1.5,,3\n2024-01-02T03:04:05Z,2,1,2,3\n' >"$seeds/csv/rows"
printf 'datetime;a;b;c\n2020-03-09 10:14:33;1;2;3\n' >"$seeds/csv/semicolons"
# One packet of APID 42: header, CUC time 5 s, three big-endian floats 1, 2, 3.
printf '\x08\x2a\xc0\x01\x00\x11\x00\x00\x00\x05\x00\x00\x3f\x80\x00\x00\x40\x00\x00\x00\x40\x40\x00\x00' \
    >"$seeds/ccsds/packet"
cp "$root"/resources/profiles/*.json "$seeds/profile/"
# A two-tree model keeps the mutations small and quick; the bundled models (megabytes each) are
# read once as they are, below, rather than mutated.
cp "$here/seeds/model-small.json" "$seeds/modelfile/"
for uri in 'udp://127.0.0.1:9000?format=ccsds&rcvbuf=65536' 'tcp://[::1]:80?format=csv' \
    'tcp-listen://0.0.0.0:9001' 'file:///a/b%3F.csv?speed=0.5&loop=1&paused=1' \
    'sim://spacecraft?rate=100&scenario=drift&seed=7'; do
    printf '%s' "$uri" >"$seeds/sourceuri/$(printf '%s' "$uri" | md5sum | cut -c1-8)"
done
printf '{"temperature": 20, "voltage": 28.1, "vibration": 0.1, "pressure": 15}' \
    >"$seeds/predict/one"
printf '{"samples": [{"temperature": 20, "voltage": null, "vibration": 0.1, "pressure": 15, "t": 5, "seq": 2}]}' \
    >"$seeds/predict/many"

printf 'GET /metrics HTTP/1.1\r\nHost: a\r\nAccept: application/openmetrics-text\r\n\r\n' \
    >"$seeds/http/get"
printf 'POST /predict HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n{}HEAD /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n' \
    >"$seeds/http/pipelined"
printf 'GET / HTTP/1.1\r\nContent-Length: 1\r\ncontent-length: 2\r\nTransfer-Encoding: chunked\r\n\r\n' \
    >"$seeds/http/conflict"

status=0
mkdir -p "$build/artifacts"
if ! "$build/fuzz/fuzz_modelfile" "$root"/resources/models/*.json >"$build/modelfile-bundled.log" 2>&1; then
    echo "fuzz.sh: fuzz_modelfile failed on a bundled model:" >&2
    tail -n 20 "$build/modelfile-bundled.log" >&2
    status=1
fi
for target in ${FW_FUZZ_TARGETS:-jsonl csv ccsds profile modelfile sourceuri predict http}; do
    corpus=$build/corpus/$target
    mkdir -p "$corpus" "$build/artifacts"
    limit=(-max_total_time="$seconds")
    if [ "$runs" -gt 0 ]; then
        limit=(-runs="$runs")
    fi
    start=$(date +%s)
    set +e
    "$build/fuzz/fuzz_$target" "${limit[@]}" -seed="${FW_FUZZ_SEED:-1}" -print_final_stats=1 \
        -artifact_prefix="$build/artifacts/$target-" "$corpus" "$seeds/$target" \
        >"$build/$target.log" 2>&1
    code=$?
    set -e
    elapsed=$(($(date +%s) - start))
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/$target.log" | tail -n 1)
    crashes=0
    if [ "$code" -ne 0 ]; then
        crashes=1
        status=1
        echo "fuzz.sh: fuzz_$target failed (exit $code):" >&2
        grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$build/$target.log" | head -n 20 >&2
    fi
    printf '{"target": "%s", "executions": %s, "seconds": %d, "crashes": %d}\n' \
        "$target" "${executions:-0}" "$elapsed" "$crashes"
done
exit "$status"
