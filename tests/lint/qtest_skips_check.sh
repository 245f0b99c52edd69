#!/usr/bin/env bash
# Checks qtest_skips.sh on stand-in programs: a pass stays 0, a skip becomes 77, a failure with a
# skip stays a failure.
#   qtest_skips_check.sh TESTS_DIR
set -uo pipefail
wrapper=$1/qtest_skips.sh
check() {
    local expected=$1
    shift
    "$wrapper" "$@" >/dev/null 2>&1
    local got=$?
    if [ "$got" -ne "$expected" ]; then
        echo "qtest_skips.sh $*: exit $got, expected $expected" >&2
        exit 1
    fi
}
check 0 bash -c 'echo "PASS   : T::a()"; exit 0'
check 77 bash -c 'echo "PASS   : T::a()"; echo "SKIP   : T::b() no AVX-512"; exit 0'
check 1 bash -c 'echo "SKIP   : T::b() no AVX-512"; echo "FAIL!  : T::c()"; exit 1'
check 3 bash -c 'exit 3'
echo "qtest_skips.sh: pass 0, skip 77, failure kept"
