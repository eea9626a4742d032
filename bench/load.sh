#!/usr/bin/env bash
# Mixed read and write load on the catalogue at twice the budget of DESIGN.md (2,000 requests/s
# for the catalogue page with filters, so 4,000 requests/s offered), on SQLite with N
# initiatives (default 100000), for D seconds (default 60), on loopback. Passes when the server
# answers no 5xx and drops no connection; reports throughput and latency percentiles.
#
# Readers (rate-limited, open loop, latencies corrected for coordinated omission):
#   catalogue HTML with filters 2,000/s, API list with filters 1,200/s, full-text search 800/s;
# writers at the same time: API creations of published initiatives 40/s (each one moves the
# catalogue's generation, so readers also pay for keeping the index fresh).
#
# First the same reads alone, as the reference of the same run, then reads and writes together.
# Usage: bench/load.sh [N] [D]. Needs `oha` (cargo install oha --locked) and curl, python3.
# Not run in CI: the figures go to docs/benchmarks.md.
set -euo pipefail
N="${1:-100000}"
D="${2:-60}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v oha >/dev/null || { echo "oha is needed: cargo install oha --locked" >&2; exit 2; }
cargo build --release -p essaim-cli
WORK="$(mktemp -d)"
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
DB="sqlite://$WORK/load.db"
BIN=target/release/essaim
URL=http://127.0.0.1:8098
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -srm); oha $(oha --version | awk '{print $2}')"
echo "== seeding $N initiatives"
"$BIN" --database-url "$DB" demo --initiatives "$N" >/dev/null
ESSAIM_NEW_PASSWORD="une charge bien longue pour tester" \
    "$BIN" --database-url "$DB" admin create-user --email banc@exemple.fr --name Charge --admin >/dev/null
"$BIN" --database-url "$DB" serve --bind 127.0.0.1:8098 >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 900); do grep -q "catalogue index loaded" "$WORK/serve.log" && break; sleep 0.2; done
grep -o "catalogue index loaded.*" "$WORK/serve.log"

# An API token for the writers, made as a person would: sign in, then the account page.
JAR="$WORK/cookies"
curl -s -c "$JAR" -o /dev/null "$URL/connexion"
csrf() { awk '$6 == "essaim_csrf" {print $7}' "$JAR"; }
curl -s -b "$JAR" -c "$JAR" -o /dev/null -H "Origin: $URL" \
    --data-urlencode "email=banc@exemple.fr" --data-urlencode "password=une charge bien longue pour tester" \
    --data-urlencode "_csrf=$(csrf)" "$URL/connexion"
TOKEN="$(curl -s -b "$JAR" -c "$JAR" -H "Origin: $URL" --data-urlencode "name=charge" \
    --data-urlencode "_csrf=$(csrf)" "$URL/compte/jetons" | grep -o 'essaim_[A-Za-z0-9_]*' | head -1)"
[ -n "$TOKEN" ] || { echo "could not make an API token" >&2; exit 1; }
BODY='{"title":"Atelier vélo solidaire","summary":"On répare les vélos ensemble, chaque samedi.","territories":["Brest"],"stage":"experimentation","challenges":["mobilite"],"status":"published","recipe":{"steps":["Trouver un local","Réunir des bénévoles"]}}'

run() { # name rate url [oha options...]
    local name=$1 rate=$2 url=$3
    shift 3
    oha --no-tui --output-format json -z "${D}s" -q "$rate" --latency-correction -c 32 "$@" "$url" \
        >"$WORK/$PHASE-$name.json" 2>"$WORK/$PHASE-$name.err" &
    PIDS+=($!)
}
phase() { # name with-writes
    PHASE=$1
    PIDS=()
    run html 2000 "$URL/initiatives?defi=alimentation&region=53&etape=experimentation"
    run api 1200 "$URL/api/v1/initiatives?challenge=alimentation&territory=region:53&stage=experimentation"
    run search 800 "$URL/initiatives?q=jardins+partag%C3%A9s"
    if [ "$2" = yes ]; then
        run writes 40 "$URL/api/v1/initiatives" -m POST -H "Authorization: Bearer $TOKEN" \
            -H "Content-Type: application/json" -d "$BODY"
    fi
    wait "${PIDS[@]}"
}
# The reference, in the same run: the same reads without writes.
echo "== $D s of reads alone: 4,000 reads/s offered"
phase reads no
echo "== $D s of mixed load: 4,000 reads/s offered + 40 writes/s"
phase mixed yes
echo "== server memory after the load: $(grep VmRSS /proc/$SERVER/status | awk '{print $2, $3}')"

python3 - "$WORK" <<'EOF'
import json, sys, pathlib
work = pathlib.Path(sys.argv[1])
bad = False
print(f"{'stream':14} {'done/s':>8} {'2xx':>8} {'other':>20} {'errors':>24} {'p50 ms':>8} {'p99 ms':>8}")
for name in ["reads-html", "reads-api", "reads-search", "mixed-html", "mixed-api", "mixed-search", "mixed-writes"]:
    r = json.loads((work / f"{name}.json").read_text())
    codes = {int(k): v for k, v in r.get("statusCodeDistribution", {}).items()}
    # oha cuts the requests still in flight when the time is up: not a server failure.
    errors = {k: v for k, v in r.get("errorDistribution", {}).items() if k != "aborted due to deadline"}
    ok = sum(v for k, v in codes.items() if 200 <= k < 300)
    other = {k: v for k, v in codes.items() if not 200 <= k < 300}
    p = r["latencyPercentiles"]
    print(f"{name:14} {r['summary']['requestsPerSec']:8.0f} {ok:8} {str(other or '-'):>20} "
          f"{str(errors or '-'):>24} {p['p50'] * 1000:8.1f} {p['p99'] * 1000:8.1f}")
    if any(k >= 500 for k in other) or errors:
        bad = True
print("RESULT:", "FAIL (5xx or dropped connections)" if bad else "zero 5xx, zero dropped connections")
sys.exit(1 if bad else 0)
EOF
