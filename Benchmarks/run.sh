#!/usr/bin/env bash
# Runs every benchmark on demand (never part of `swift test`) and prints the README's results table.
# RUNS sets the cold-start repetitions (default 15), BENCH_KEYS the keystrokes per key pattern (default 200),
# DAYS the span of the large database (default 1826, five years). Needs tmux, cc, python3 and calcurse.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}; DAYS=${DAYS:-1826}; export BENCH_KEYS=${BENCH_KEYS:-200}
# BENCH_WORK keeps the data between runs (it takes minutes to make); otherwise a temporary folder is used.
if [ -n "${BENCH_WORK:-}" ]; then work=$BENCH_WORK; mkdir -p "$work"; else work=$(mktemp -d /tmp/desk-bench.XXXXXX); trap 'rm -rf "$work"' EXIT; fi
command -v calcurse >/dev/null || { apt-get update && apt-get install -y calcurse; }

swift build -c release --product downtime-desk >/dev/null
swift build -c release --product desk-bench >/dev/null
desk=$PWD/.build/release/downtime-desk
# The same release build with the Swift runtime and Foundation linked in: no dynamic loading of them at start.
static_build() { swift build -c release --product downtime-desk --static-swift-stdlib --scratch-path .build-static >/dev/null; }
# SwiftPM 6.3 at times refuses a scratch path whose build description an older Package.swift wrote ("unknown build
# description"); forgetting the description lets it write a new one.
static_build || { rm -f .build-static/release.yaml .build-static/release/*description.json; static_build; }
static_desk=$PWD/.build-static/release/downtime-desk
cc -O2 -o "$work/floor_ncurses" Benchmarks/floor_ncurses.c -lncursesw
cc -O2 -o "$work/floor_sqlite" Benchmarks/floor_sqlite.c -lsqlite3
# One pinned day, so every run draws the same screen.
export DOWNTIME_DESK_NOW=2026-11-21T10:05:00Z TZ=Europe/London
stat() { python3 Benchmarks/stats.py 2>/dev/null || echo "did-not-draw - - - 0"; }
row() { read -r median p99 low high count <<<"$2"; echo "| $1 | $median | $p99 | $low–$high | $count | $3 |"; }
# A command that fails stops the run: timing an error message would look like a fast result.
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }; end=$(date +%s.%N); python3 -c "print(f'{($end-$start)*1000:.2f}')"; }

echo "building the large database in $work ..." >&2
if [ ! -e "$work/large.done" ]; then
rm -f "$work"/*.sqlite*
"$desk" demo --db "$work/large.sqlite" >/dev/null
python3 Benchmarks/make_data.py bookings "$work/large.sqlite" 2022-11-22 "$DAYS" 0.6 "$work/large.csv"
python3 Benchmarks/make_data.py calcurse "$work/large.sqlite" 2022-11-22 "$DAYS" 0.6 "$work/apts"
python3 Benchmarks/make_data.py directory 1000 10 "$work/directory.csv"
"$desk" import directory "$work/directory.csv" --db "$work/large.sqlite" --site "Referral Systems Hosting" >/dev/null

head -n 100001 "$work/large.csv" >"$work/100k.csv"
"$desk" import bookings "$work/large.csv" --db "$work/large.sqlite" --site "Referral Systems Hosting" >/dev/null 2>&1
# The importing process leaves its changes in the -wal file; fold them in before keeping a copy of the file alone.
sqlite3 "$work/large.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$work/large.sqlite" "$work/pristine.sqlite"
# Last, so a run stopped part-way makes the data again instead of trusting half of it.
touch "$work/large.done"
fi
bookings=$(($(wc -l <"$work/large.csv") - 1))
# Importing 100,000 bookings into a fresh demo database, then the same file again (every row already there).
rm -f "$work/import.sqlite"*
"$desk" demo --db "$work/import.sqlite" >/dev/null
import_ms=$(seconds "$desk" import bookings "$work/100k.csv" --db "$work/import.sqlite" --site "Referral Systems Hosting")
reimport_ms=$(seconds "$desk" import bookings "$work/100k.csv" --db "$work/import.sqlite" --site "Referral Systems Hosting")
cp "$work/pristine.sqlite" "$work/large.sqlite"; rm -f "$work/large.sqlite-wal" "$work/large.sqlite-shm"
slots=$(python3 -c "
import sqlite3,datetime
c=sqlite3.connect('$work/large.sqlite'); t=c.execute('select weekday,(end_minute-start_minute)/slot_minutes from slot_template').fetchall()
print(sum(n for w,n in t for d in range($DAYS) if (datetime.date(2022,11,22)+datetime.timedelta(d)).isoweekday()==w))")
contacts=$(sqlite3 "$work/large.sqlite" "select count(*) from contact")
mkdir -p "$work/calcurse" && cp "$work/apts" "$work/calcurse/apts"

echo "cold start ..." >&2
for _ in $(seq "$RUNS"); do python3 Benchmarks/drive.py start quit -- "$work/floor_ncurses"; done >"$work/start-floor"
for _ in $(seq "$RUNS"); do python3 Benchmarks/drive.py start quit -- "$desk" --db "$work/large.sqlite" --site kestrel --user bench; done >"$work/start-desk"
for _ in $(seq "$RUNS"); do python3 Benchmarks/drive.py start quit -- "$static_desk" --db "$work/large.sqlite" --site kestrel --user bench; done >"$work/start-static"
# The demo-sized file: what start costs before the data's size matters.
"$desk" demo --db "$work/demo.sqlite" >/dev/null 2>&1 || true
for _ in $(seq "$RUNS"); do python3 Benchmarks/drive.py start quit -- "$static_desk" --db "$work/demo.sqlite" --site kestrel --user bench; done >"$work/start-static-demo"
# A Swift program that only loads Foundation and prints a date: the least any Swift program takes to start here.
printf 'import Foundation\nprint(ISO8601DateFormatter().string(from: Date()))\n' >"$work/hello.swift"
swiftc -O "$work/hello.swift" -o "$work/hello" && python3 -c "
import subprocess,sys,time
for _ in range($RUNS):
    s=time.perf_counter(); subprocess.run(['$work/hello'],stdout=subprocess.DEVNULL); print(f'{(time.perf_counter()-s)*1000:.3f}')" >"$work/start-swift"
# calcurse leaves its lock file behind when its terminal closes, and would then refuse to start.
calcurse_unlocked() { rm -f "$work/calcurse/.calcurse.pid"; }
# calcurse may not draw at all within the limit on this many appointments: then that is the result.
export BENCH_TIMEOUT=${BENCH_TIMEOUT:-60}
for _ in $(seq "$RUNS"); do calcurse_unlocked; python3 Benchmarks/drive.py start Quit -- calcurse -D "$work/calcurse" 2>/dev/null || { echo "calcurse: no frame within ${BENCH_TIMEOUT} s" >&2; break; }; done >"$work/start-calcurse"

echo "keystroke to frame ..." >&2
drive_desk() { python3 Benchmarks/drive.py keys quit "$1" -- "$desk" --db "$work/large.sqlite" --site kestrel --user bench; }
drive_desk Down,Up >"$work/keys-grid"
drive_desk n,p >"$work/keys-day"
drive_desk Enter,Escape >"$work/keys-form"
drive_desk "3|Down,Up" >"$work/keys-calls"
python3 Benchmarks/drive.py keys quit n -- "$work/floor_ncurses" >"$work/keys-floor"
if [ -s "$work/start-calcurse" ]; then calcurse_unlocked; python3 Benchmarks/drive.py keys Quit C-l,C-h -- calcurse -D "$work/calcurse" >"$work/keys-calcurse"; else echo none >"$work/keys-calcurse"; fi

echo "commits, notice round, call-sheet ..." >&2
cp "$work/large.sqlite" "$work/commit.sqlite"
rm -f "$work/commit.sqlite-wal" "$work/commit.sqlite-shm" "$work/floor.sqlite"*
# The floor inserts into its own copy of the same file: the same table, indexes and size.
cp "$work/commit.sqlite" "$work/floor.sqlite"
# The copies' pages are flushed first, and the desk and the floor take turns, so neither meets more of the disk's
# background writing than the other.
sync
: >"$work/commit-desk"; : >"$work/commit-floor"
for _ in 1 2 3; do
    "$PWD/.build/release/desk-bench" commit "$work/commit.sqlite" 100 >>"$work/commit-desk"
    "$work/floor_sqlite" "$work/floor.sqlite" 100 >>"$work/commit-floor"
done
"$PWD/.build/release/desk-bench" reload "$work/commit.sqlite" 100 >"$work/reload-desk"
"$PWD/.build/release/desk-bench" day "$work/commit.sqlite" 200 >"$work/day-desk"
declare_ms=$(seconds "$desk" outage declare --system "Dental RMS" --site "Referral Systems Hosting" --db "$work/large.sqlite")
parties=$("$desk" calls --db "$work/large.sqlite" --format json | python3 -c "import json,sys; print(len(json.load(sys.stdin)['parties']))")
for _ in $(seq "$RUNS"); do seconds "$desk" calls --db "$work/large.sqlite"; done >"$work/calls-cli"
for _ in $(seq "$RUNS"); do seconds "$desk" today --db "$work/large.sqlite" --practice kestrel --site kestrel; done >"$work/today-cli"
rss=$(grep rss_kb "$work/keys-calls" | awk '{print $2}')

cat <<TABLE
Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr); $(swift --version 2>&1 | head -1 | sed 's/ (.*//'); $(calcurse --version | head -1). Date: $(date -u +%Y-%m-%d).
Large database: $DAYS days of 13 practices' slots ($slots slots), $bookings bookings, $contacts contacts in $parties parties on the call-sheet.

| Measure | median ms | p99 ms | spread ms | n | against |
|---|---|---|---|---|---|
$(row "Cold start, desk, exec to first full frame" "$(stat <"$work/start-desk")" "C ncurses floor $(stat <"$work/start-floor" | cut -d' ' -f1) ms; calcurse $(stat <"$work/start-calcurse" | cut -d' ' -f1) ms")
$(row "Cold start, desk built with --static-swift-stdlib" "$(stat <"$work/start-static")" "the same on the demo-sized file: $(stat <"$work/start-static-demo" | cut -d' ' -f1) ms; a Swift program printing a date, exec to exit: $(stat <"$work/start-swift" | cut -d' ' -f1) ms")
$(row "Key to frame: grid Down/Up" "$(stat <"$work/keys-grid")" "C ncurses floor, a redraw per key: $(stat <"$work/keys-floor" | cut -d' ' -f1-2 | sed 's/ / ms, p99 /') ms")
$(row "Key to frame: next/previous day (n/p)" "$(stat <"$work/keys-day")" "calcurse next/previous day (C-l/C-h) $(stat <"$work/keys-calcurse" | cut -d' ' -f1-2 | sed 's/ / ms, p99 /') ms")
$(row "Key to frame: open/close the booking form" "$(stat <"$work/keys-form")" "")
$(row "Key to frame: call-sheet of $parties parties, moving" "$(stat <"$work/keys-calls")" "")
$(row "Durable commit of one booking (in process)" "$(stat <"$work/commit-desk")" "bare SQLite insert+commit into the same file, same settings: $(stat <"$work/commit-floor" | cut -d' ' -f1-2 | sed 's/ / ms, p99 /') ms")
$(row "Reading every pane afresh, after another terminal's change (in process)" "$(stat <"$work/reload-desk")" "")
$(row "Reading a day switch, nothing else changed (in process)" "$(stat <"$work/day-desk")" "")
| Notice round for $parties parties (whole command) | $declare_ms | | | 1 | |
$(row "Call-sheet of $parties parties, sorted and printed (whole command)" "$(stat <"$work/calls-cli")" "")
$(row "One day's grid printed (whole command, large database)" "$(stat <"$work/today-cli")" "")
| Import 100,000 bookings (whole command) | $import_ms | | | 1 | the same file again, all already there: $reimport_ms ms |
| Peak RSS of the desk on the large database | $rss kB | | | 1 | |
TABLE
