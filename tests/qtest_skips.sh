#!/usr/bin/env bash
# Runs one QtTest program for CTest and exits 77 (the tests' SKIP_RETURN_CODE) when it passed but
# skipped a test function (QSKIP), so CTest lists it as skipped with the reason instead of as
# passed. A failure stays a failure: a skip never hides one.
#   qtest_skips.sh PROGRAM [ARGS...]
set -uo pipefail
out=$(mktemp "${TMPDIR:-/tmp}/fw_qtest.XXXXXX")
trap 'rm -f "$out"' EXIT
"$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ] && grep -q '^SKIP   : ' "$out"; then
    echo "qtest_skips.sh: $(grep -c '^SKIP   : ' "$out") test function(s) skipped; shown as skipped"
    exit 77
fi
exit "$status"
