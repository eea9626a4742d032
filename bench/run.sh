#!/usr/bin/env bash
# Benchmarks of issue #3 on SQLite: seeds N initiatives (default 100000), then measures
#  - search latency through the store (count + page + facets) next to raw FTS5, and
#  - the catalogue page with filters under load (wrk on loopback), next to /healthz.
# Usage: bench/run.sh [N] ; needs `wrk` (Debian package) for the load part.
set -euo pipefail
N="${1:-100000}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release -p essaim-cli -p essaim-bench
WORK="$(mktemp -d)"
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
DB="sqlite://$WORK/bench.db"
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -srm)"
echo "== seeding $N initiatives"
/usr/bin/time -f "seed: %e s, %M KiB max RSS" target/release/essaim --database-url "$DB" demo --initiatives "$N"
echo "== search"
target/release/essaim-bench-search "$DB" 30
if command -v wrk >/dev/null; then
    target/release/essaim --database-url "$DB" serve --bind 127.0.0.1:8099 >/dev/null 2>&1 &
    SERVER=$!
    for _ in $(seq 50); do curl -sf http://127.0.0.1:8099/healthz >/dev/null && break; sleep 0.2; done
    echo "== load: /healthz (the framework's floor)"
    wrk -t2 -c32 -d15s --latency http://127.0.0.1:8099/healthz | grep -E "Requests/sec|99%"
    echo "== load: catalogue with filters"
    wrk -t2 -c32 -d15s --latency "http://127.0.0.1:8099/initiatives?defi=alimentation&region=53&etape=experimentation" | grep -E "Requests/sec|99%"
    echo "== memory of the idle server"
    sleep 1; grep VmRSS /proc/$SERVER/status
else
    echo "wrk not installed (apt-get install wrk): load part skipped"
fi
