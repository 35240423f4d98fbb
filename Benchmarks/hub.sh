#!/usr/bin/env bash
# The hub's benchmarks, on demand (never part of `swift test`): builds the release binary and desk-bench, then runs
# Benchmarks/hub.py, which starts a PostgreSQL cluster of its own on a free loopback port and prints the table rows.
# Needs postgresql (initdb, pg_ctl, psql), tmux and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || { apt-get update && apt-get install -y postgresql; }
swift build -c release --product downtime-desk >/dev/null
swift build -c release --product desk-bench >/dev/null
work=${BENCH_WORK:-$(mktemp -d /tmp/hub-bench.XXXXXX)}
python3 Benchmarks/hub.py "$PWD/.build/release/downtime-desk" "$PWD/.build/release/desk-bench" "$work"
