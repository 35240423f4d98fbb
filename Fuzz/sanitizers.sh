#!/usr/bin/env bash
# The whole test suite under a sanitizer: `Fuzz/sanitizers.sh thread` or `Fuzz/sanitizers.sh address` (both, in
# turn, with no argument). Each builds the package and its tests into .build-<sanitizer> with the sanitizer, then
# runs the test bundle itself (a second `swift test --sanitize` hits SwiftPM's "unknown build description"), so the
# end-to-end tests run the instrumented downtime-desk beside it. Exits non-zero on a failed test or any report.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then sanitizers=(thread address); else sanitizers=("$@"); fi
failed=0
for sanitizer in "${sanitizers[@]}"; do
    scratch=".build-$sanitizer"
    swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch" --disable-build-manifest-caching >&2 \
        || { echo "$sanitizer: the build failed" >&2; failed=1; continue; }
    log="$scratch/tests.log"
    # Leak reports from the Swift runtime's caches are not the program's; races and memory errors are.
    TSAN_OPTIONS="halt_on_error=0:report_signal_unsafe=0" ASAN_OPTIONS="detect_leaks=0" \
        "$scratch/x86_64-unknown-linux-gnu/debug/downtime-deskPackageTests.xctest" --testing-library swift-testing \
        > "$log" 2>&1
    status=$?
    reports="$(grep -cE '^(WARNING: ThreadSanitizer|==[0-9]+==ERROR: AddressSanitizer)' "$log")"
    summary="$(grep -E 'Test run with' "$log" | tail -1)"
    echo "$sanitizer: ${summary:-no summary (see $log)}; $reports sanitizer report(s)"
    if [ "$status" -ne 0 ] || [ "$reports" -ne 0 ]; then failed=1; fi
done
exit "$failed"
