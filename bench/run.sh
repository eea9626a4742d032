#!/usr/bin/env bash
# Benchmarks of the catalogue on SQLite: seeds N initiatives (default 100000), then measures
#  - seeding (`essaim demo`) and the CSV import of everything into an empty database,
#  - search and filter latency through the catalogue index, next to raw FTS5,
#  - the catalogue under load (wrk on loopback): the HTML page and the API with filters,
#    next to /healthz, the framework's floor,
#  - the server's memory once the index is loaded.
# Usage: bench/run.sh [N] ; needs `wrk` (Debian package) for the load part.
set -euo pipefail
N="${1:-100000}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release -p essaim-cli -p essaim-bench
WORK="$(mktemp -d)"
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
DB="sqlite://$WORK/bench.db"
BIN=target/release/essaim
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -srm)"
echo "== seeding $N initiatives"
/usr/bin/time -f "seed: %e s, %M KiB max RSS" "$BIN" --database-url "$DB" demo --initiatives "$N"
echo "== CSV import of every initiative into an empty database"
"$BIN" --database-url "$DB" export initiatives --all --output "$WORK/all.csv"
"$BIN" --database-url "sqlite://$WORK/import.db" migrate >/dev/null
/usr/bin/time -f "import: %e s, %M KiB max RSS" "$BIN" --database-url "sqlite://$WORK/import.db" import initiatives "$WORK/all.csv"
rm -f "$WORK"/import.db*
echo "== search and filters"
target/release/essaim-bench-search "$DB" 30
if command -v wrk >/dev/null; then
    "$BIN" --database-url "$DB" serve --bind 127.0.0.1:8099 >"$WORK/serve.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 600); do grep -q "catalogue index" "$WORK/serve.log" && break; sleep 0.2; done
    grep -o "catalogue index.*" "$WORK/serve.log" || true
    sleep 2
    echo "== memory of the idle server, index loaded"
    grep VmRSS /proc/$SERVER/status
    load() { echo "-- $1"; wrk -t2 -c32 -d15s --latency "$1" | grep -E "Requests/sec|99%|Non-2xx|Socket errors"; }
    load http://127.0.0.1:8099/healthz
    load "http://127.0.0.1:8099/initiatives?defi=alimentation&region=53&etape=experimentation"
    load "http://127.0.0.1:8099/initiatives"
    load "http://127.0.0.1:8099/initiatives?q=jardins+partag%C3%A9s"
    load "http://127.0.0.1:8099/api/v1/initiatives?challenge=alimentation&territory=region:53&stage=experimentation"
    echo "== memory after the load"
    grep VmRSS /proc/$SERVER/status
else
    echo "wrk not installed (apt-get install wrk): load part skipped"
fi
