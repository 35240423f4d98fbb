#!/usr/bin/env bash
# Builds desk-fuzz with libFuzzer's coverage and AddressSanitizer, then runs every target (or those named) for up to
# SECONDS each, stopping a target at a million executions. Prints one line per target: executions, seconds, result.
# Usage: Fuzz/run.sh [SECONDS] [TARGET…]     (default 900 seconds: enough for a million executions of each here)
# A crash (or a broken invariant) leaves its input in Fuzz/crashes/ and makes the script exit 1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-900}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(directory-csv slot-template-csv bookings-csv fhir-bundle maildir-message notice-template
             continuity-plan settings key-decoder values operation)
fi
clang_lib="$(dirname "$(readlink -f "$(command -v swiftc)")")/../lib/clang"
fuzzer="$(ls "$clang_lib"/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -1)"
swift build -c release --product desk-fuzz --scratch-path .build-fuzz --disable-build-manifest-caching \
    -Xswiftc -DDESK_FUZZING -Xswiftc -sanitize=address \
    -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
    -Xlinker "$fuzzer" -Xlinker -lstdc++ >&2
binary=.build-fuzz/release/desk-fuzz
mkdir -p Fuzz/crashes
# Leak reports from the Swift runtime's own caches are not ours; the fuzzer's verdict is crashes and invariants.
# TOMLKit leaks every string it hands over (a strdup never freed), so the TOML targets grow by about 3.6 KB a run:
# the memory limit leaves room for a million.
export ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1:quarantine_size_mb=64"
failed=0
printf '%-18s %12s %8s  %s\n' target executions seconds result
for target in "${targets[@]}"; do
    work=".build-fuzz/corpus/$target"
    mkdir -p "$work"
    log=".build-fuzz/$target.log"
    status=0
    "$binary" "$target" -runs=1000000 -max_total_time="$seconds" -timeout=1 -rss_limit_mb=8192 \
        -print_final_stats=1 -artifact_prefix="Fuzz/crashes/$target-" "$work" "Fuzz/corpus/$target" \
        > "$log" 2>&1 || status=$?
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)"
    took="$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo '-')"
    if [ "$status" -eq 0 ]; then result="no crash"; else result="FAILED (see $log)"; failed=1; fi
    printf '%-18s %12s %8s  %s\n' "$target" "$runs" "$took" "$result"
    if [ "$status" -ne 0 ]; then grep -E 'Fatal error|ERROR: |SUMMARY|Test unit written' "$log" | head -5 >&2; fi
done
exit "$failed"
