#!/usr/bin/env bash
# Runs every benchmark on demand (never part of `swift test`) and prints the README's results table.
# ROUNDS sets how many times the whole suite runs (default 3; the table shows each round's median), RUNS the
# cold-start repetitions (default 15), BENCH_KEYS the keystrokes per key pattern (default 200), DAYS the span of the
# large database (default 1826, five years). Needs tmux, cc, python3, sqlite3 and calcurse.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}; RUNS=${RUNS:-15}; DAYS=${DAYS:-1826}; export BENCH_KEYS=${BENCH_KEYS:-200}
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
slots=$(python3 -c "
import sqlite3,datetime
c=sqlite3.connect('$work/pristine.sqlite')
t=c.execute('select weekday,(end_minute-start_minute)/slot_minutes from slot_template').fetchall()
first=datetime.date(2022,11,22)
print(sum(n for w,n in t for d in range($DAYS) if (first+datetime.timedelta(d)).isoweekday()==w))")
contacts=$(sqlite3 "$work/pristine.sqlite" "select count(*) from contact")
mkdir -p "$work/calcurse" && cp "$work/apts" "$work/calcurse/apts"
"$desk" demo --db "$work/demo.sqlite" >/dev/null 2>&1 || true
# A Swift program that only loads Foundation and prints a date: the least any Swift program takes to start here.
printf 'import Foundation\nprint(ISO8601DateFormatter().string(from: Date()))\n' >"$work/hello.swift"
swiftc -O "$work/hello.swift" -o "$work/hello"
# calcurse leaves its lock file behind when its terminal closes, and would then refuse to start.
calcurse_unlocked() { rm -f "$work/calcurse/.calcurse.pid"; }
# calcurse may not draw at all within the limit on this many appointments: then that is the result.
export BENCH_TIMEOUT=${BENCH_TIMEOUT:-60}
fresh_large() { cp "$work/pristine.sqlite" "$work/large.sqlite"; rm -f "$work/large.sqlite-"{wal,shm}; }
# The desk as Kestrel's receptionist on the large database, and the host's site for commands that need it.
at_kestrel=(--db "$work/large.sqlite" --site kestrel --user bench)
host=(--site "Referral Systems Hosting")

# One round: every measure once, into $1. Each comparison is made within a round (its floor measured beside it).
measure_round() {
local out=$1
mkdir -p "$out"
# Importing 100,000 bookings into a fresh demo database, then the same file again (every row already there).
rm -f "$work/import.sqlite"*
"$desk" demo --db "$work/import.sqlite" >/dev/null
seconds "$desk" import bookings "$work/100k.csv" --db "$work/import.sqlite" "${host[@]}" >"$out/import"
seconds "$desk" import bookings "$work/100k.csv" --db "$work/import.sqlite" "${host[@]}" >"$out/reimport"
fresh_large

echo "cold start ..." >&2
starts() { for _ in $(seq "$RUNS"); do python3 Benchmarks/drive.py start quit -- "$@"; done; }
starts "$work/floor_ncurses" >"$out/start-floor"
starts "$desk" "${at_kestrel[@]}" >"$out/start-desk"
starts "$static_desk" "${at_kestrel[@]}" >"$out/start-static"
# The demo-sized file: what start costs before the data's size matters.
starts "$static_desk" --db "$work/demo.sqlite" --site kestrel --user bench >"$out/start-static-demo"
python3 -c "
import subprocess,sys,time
for _ in range($RUNS):
    s=time.perf_counter(); subprocess.run(['$work/hello'],stdout=subprocess.DEVNULL)
    print(f'{(time.perf_counter()-s)*1000:.3f}')" >"$out/start-swift"
for _ in $(seq "$RUNS"); do
    calcurse_unlocked
    python3 Benchmarks/drive.py start Quit -- calcurse -D "$work/calcurse" 2>/dev/null \
        || { echo "calcurse: no frame within ${BENCH_TIMEOUT} s" >&2; break; }
done >"$out/start-calcurse"

echo "keystroke to frame ..." >&2
drive_desk() { python3 Benchmarks/drive.py keys quit "$1" -- "$desk" "${at_kestrel[@]}"; }
drive_desk Down,Up >"$out/keys-grid"
drive_desk n,p >"$out/keys-day"
# Enter and Esc alternate: each has a goal of its own (Esc waits ncurses' escape delay first).
drive_desk Enter,Escape >"$out/keys-form"
grep -v _kb "$out/keys-form" | awk 'NR % 2 == 1' >"$out/keys-form-enter"
grep -v _kb "$out/keys-form" | awk 'NR % 2 == 0' >"$out/keys-form-escape"
drive_desk "3|Down,Up" >"$out/keys-calls"
python3 Benchmarks/drive.py keys quit n -- "$work/floor_ncurses" >"$out/keys-floor"
if [ -s "$out/start-calcurse" ]; then
    calcurse_unlocked
    python3 Benchmarks/drive.py keys Quit C-l,C-h -- calcurse -D "$work/calcurse" >"$out/keys-calcurse"
else echo none >"$out/keys-calcurse"; fi

echo "another terminal's change ..." >&2
# Another program adds a slot to the shown day, five minutes later each time, early in the morning: the desk on
# the large database must show it.
python3 Benchmarks/drive.py change "{hhmm} free" -- "$desk" "${at_kestrel[@]}" \
    -- "$desk" slot add --db "$work/large.sqlite" --site kestrel --user other --date 2026-11-21 --time "{hhmm}" \
    --minutes 5 >"$out/change"
fresh_large

echo "commits, notice round, call-sheet ..." >&2
cp "$work/large.sqlite" "$work/commit.sqlite"
rm -f "$work/commit.sqlite-wal" "$work/commit.sqlite-shm" "$work/floor.sqlite"*
# The floor inserts into its own copy of the same file: the same table, indexes and size.
cp "$work/commit.sqlite" "$work/floor.sqlite"
# The copies' pages are flushed first, and the desk and the floor take turns, so neither meets more of the disk's
# background writing than the other.
sync
: >"$out/commit-desk"; : >"$out/commit-floor"
for _ in 1 2 3; do
    "$PWD/.build/release/desk-bench" commit "$work/commit.sqlite" 100 >>"$out/commit-desk"
    "$work/floor_sqlite" "$work/floor.sqlite" 100 >>"$out/commit-floor"
done
"$PWD/.build/release/desk-bench" reload "$work/commit.sqlite" 100 >"$out/reload-desk"
"$PWD/.build/release/desk-bench" day "$work/commit.sqlite" 200 >"$out/day-desk"
seconds "$desk" outage declare --system "Dental RMS" "${host[@]}" --db "$work/large.sqlite" >"$out/declare"
"$desk" calls --db "$work/large.sqlite" --format json \
    | python3 -c "import json,sys; print(len(json.load(sys.stdin)['parties']))" >"$work/parties"
for _ in $(seq "$RUNS"); do seconds "$desk" calls --db "$work/large.sqlite"; done >"$out/calls-cli"
for _ in $(seq "$RUNS"); do
    seconds "$desk" today --db "$work/large.sqlite" --practice kestrel --site kestrel
done >"$out/today-cli"
fresh_large
}

for round in $(seq "$ROUNDS"); do
    echo "round $round of $ROUNDS ..." >&2
    measure_round "$work/round$round"
done
memory=$(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)
swift_version=$(swift --version 2>&1 | head -1 | sed 's/ (.*//')
cat >"$work/header" <<HEADER
Machine: $(nproc) cores, $memory, $(uname -sr); $swift_version; $(calcurse --version | head -1).
Date: $(date -u +%Y-%m-%d). $ROUNDS rounds. Large database: $DAYS days of 13 practices' slots ($slots slots),
$bookings bookings, $contacts contacts in $(cat "$work/parties") parties on the call-sheet.
HEADER
python3 Benchmarks/table.py "$work" "$ROUNDS"
