#!/usr/bin/env bash
# Builds FaultWatch with a sanitizer into BUILD_DIR and runs tests there; any report fails.
#   sanitize.sh asan BUILD_DIR   AddressSanitizer and UndefinedBehaviorSanitizer, whole suite,
#                                then each fuzz target for FW_FUZZ_SECONDS (default 10)
#   sanitize.sh tsan BUILD_DIR   ThreadSanitizer, the tests whose code runs threads of its own
# Lint and the benchmarks are left out (they are no different under a sanitizer). What
# is suppressed, and why, is in tests/sanitize/*.supp: only what Debian's uninstrumented
# libraries cause.
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: sanitize.sh asan|tsan BUILD_DIR" >&2
    exit 2
fi
mode=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(mkdir -p "$2" && cd "$2" && pwd)

# Clang builds these trees: with the sanitizers it compiles our Qt-heavy files about a third
# faster than GCC. -O1 keeps the instrumented tests quick; line tables alone give reports their
# line numbers at a fraction of the cost of full debug information.
if ! command -v clang++ >/dev/null; then
    echo "sanitize.sh: clang++ not found (packaging/setup.sh installs clang)" >&2
    exit 1
fi
case $mode in
asan)
    flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1"
    export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    targets=(all)
    tests='.'
    ;;
tsan)
    flags="-fsanitize=thread"
    export TSAN_OPTIONS="suppressions=$here/tsan.supp:halt_on_error=1:second_deadlock_stack=1"
    # The threads of the console and of serve are the pipeline's (source, detector, observers),
    # the HTTP service's and the trainer's, all tested here in-process: TSan's runtime cannot
    # follow the clone() with which Qt's QProcess starts a program, so the end-to-end tests,
    # which start the real executables, run under ASan only.
    threaded=(tst_udpsource tst_tcpsource tst_tcplistensource tst_filesource tst_simsourceworker
        tst_detectorworker tst_pipeline tst_trainjob tst_httpservice tst_metricregistry)
    targets=("${threaded[@]}")
    tests="^($(IFS='|'; echo "${threaded[*]}"))\$"
    ;;
*)
    echo "sanitize.sh: unknown mode $mode (asan or tsan)" >&2
    exit 2
    ;;
esac

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE= \
    -DFW_SANITIZER="$mode" -DFW_BUILD_BENCHMARKS=OFF \
    -DCMAKE_CXX_FLAGS="$flags -O1 -gline-tables-only" \
    -DCMAKE_EXE_LINKER_FLAGS="$flags" >"$build/configure.log" 2>&1 ||
    { cat "$build/configure.log" >&2; exit 1; }
if ! cmake --build "$build" --target "${targets[@]}" >"$build/build.log" 2>&1; then
    grep -E 'error|FAILED' "$build/build.log" | head -n 40 >&2
    exit 1
fi
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build" -R "$tests" -j2 --output-on-failure >"$build/test.log" 2>&1 || {
    grep -E 'ERROR: .*Sanitizer|runtime error|SUMMARY|WARNING: ThreadSanitizer|Failed|\*\*\*' \
        "$build/test.log" | head -n 60 >&2
    echo "sanitize.sh: $mode run failed; full log in $build/test.log" >&2
    exit 1
}
tail -n 3 "$build/test.log"
if [ "$mode" = asan ]; then
    # The fuzz targets share this tree's instrumented core (see the top CMakeLists.txt).
    "$here/../fuzz/fuzz.sh" --built "$build" "${FW_FUZZ_SECONDS:-10}"
fi
