#!/usr/bin/env bash
# The impact barometer at the size of issue #7 on SQLite: 100,000 published initiatives, about
# 300,000 impact plan entries and 10,000,000 measurements; budget 200 ms p99 for any page.
#
#  - seeds N initiatives with `essaim demo --initiatives N` (the store writes them: valid
#    content, facet tables, catalogue index), then bench/barometer_data.sql through the sqlite3
#    CLI, in one transaction: every initiative published, P plan entries each (default 3),
#    M measurements in all (default 10,000,000) with consistent denormalised columns
#    (latest value, level, counts, on track) and impact_entry_years,
#  - starts the release server on the database and times R sequential requests (default 200,
#    after 3 untimed ones) of each page on one keep-alive connection: France, the busiest
#    région, three départements (busiest, median, quietest), a challenge, a département ×
#    challenge, a map by another measure, the comparison page and GET /api/v1/barometer,
#    each URL stops after CAP seconds (default 60) if R requests have not been made by then,
#  - prints the data size and p50/p99/max per URL, and exits 1 if a p99 is over 200 ms.
#
# Usage: bench/barometer.sh [N] [M] [R]   (P=… in the environment for entries per initiative;
# KEEP=dir keeps the database there, REUSE=file times an existing one,
# CAP=seconds per URL, BIN=path skips the build). Needs sqlite3 (the CLI) and python3.
# Not run in CI: the figures go to docs/benchmarks.md.
set -euo pipefail
N="${1:-100000}"
M="${2:-10000000}"
R="${3:-200}"
P="${P:-3}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v sqlite3 >/dev/null || { echo "the sqlite3 CLI is needed" >&2; exit 2; }
if [ -z "${BIN:-}" ]; then
    cargo build --release -p essaim-cli
    BIN=target/release/essaim
fi
WORK="${KEEP:-$(mktemp -d)}"
mkdir -p "$WORK"
trap 'kill "${SERVER:-0}" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
FILE="${REUSE:-$WORK/barometer.db}"
[ -n "${REUSE:-}" ] || rm -f "$FILE" "$FILE-wal" "$FILE-shm"
DB="sqlite://$FILE"
PORT=8097
URL="http://127.0.0.1:$PORT"
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -srm), sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo "== load: $(uptime)"

if [ -n "${REUSE:-}" ]; then
    echo "== reusing $REUSE (made by an earlier run with KEEP=dir): timing only"
else
echo "== seeding $N initiatives"
/usr/bin/time -f "demo: %e s, %M KiB max RSS" "$BIN" --database-url "$DB" demo --initiatives "$N" >/dev/null
sqlite3 "$FILE" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
FREE=$(sqlite3 "$FILE" "SELECT count(*) FROM initiatives i WHERE NOT EXISTS
    (SELECT 1 FROM impact_plan_entries e WHERE e.initiative_id = i.id)")
E=$((FREE * P))
KB=$((M / E))
EXTRA=$((M - KB * E))
echo "== generating $E plan entries and $M measurements ($KB or $((KB + 1)) per entry)"
sed -e "s/@P@/$P/g; s/@KB@/$KB/g; s/@EXTRA@/$EXTRA/g" bench/barometer_data.sql >"$WORK/data.sql"
/usr/bin/time -f "measurements: %e s, %M KiB max RSS" sqlite3 "$FILE" <"$WORK/data.sql" >/dev/null
fi

echo "== data"
sqlite3 "$FILE" "SELECT 'initiatives: ' || count(*) || ' (' || sum(status = 'published') || ' published)' FROM initiatives;
    SELECT 'initiative_departements: ' || count(*) FROM initiative_departements;
    SELECT 'initiative_regions: ' || count(*) FROM initiative_regions;
    SELECT 'initiative_challenges: ' || count(*) FROM initiative_challenges;
    SELECT 'impact_plan_entries: ' || count(*) || ' (' || sum(on_track) || ' on track)' FROM impact_plan_entries;
    SELECT 'impact_measurements: ' || count(*) || ' (' || sum(verified_at IS NOT NULL) || ' verified)' FROM impact_measurements;
    SELECT 'impact_entry_years: ' || count(*) FROM impact_entry_years;"
echo "database file: $(du -h "$FILE" | cut -f1)"

# The places timed: the busiest région and challenge, the busiest, median and quietest
# départements, and the busiest département with the busiest challenge.
REGION=$(sqlite3 "$FILE" "SELECT code FROM initiative_regions GROUP BY code ORDER BY count(*) DESC LIMIT 1")
CHALLENGE=$(sqlite3 "$FILE" "SELECT challenge_code FROM initiative_challenges GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
DEPS=$(sqlite3 "$FILE" "WITH c AS (SELECT code, count(*) AS n, row_number() OVER (ORDER BY count(*) DESC) AS r,
        count(*) OVER () AS t FROM initiative_departements GROUP BY code)
    SELECT code FROM c WHERE r IN (1, (t + 1) / 2, t) ORDER BY r")
read -r -d '' DEP_BIG DEP_MID DEP_SMALL <<<"$DEPS" || true
sqlite3 "$FILE" "SELECT 'région ' || '$REGION' || ': ' || count(*) || ' initiatives' FROM initiative_regions WHERE code = '$REGION';
    SELECT 'défi ' || '$CHALLENGE' || ': ' || count(*) FROM initiative_challenges WHERE challenge_code = '$CHALLENGE';
    SELECT 'département ' || code || ': ' || count(*) FROM initiative_departements
        WHERE code IN ('$DEP_BIG', '$DEP_MID', '$DEP_SMALL') GROUP BY code ORDER BY count(*) DESC;"

"$BIN" --database-url "$DB" serve --bind "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 900); do grep -q "catalogue index loaded" "$WORK/serve.log" && break; sleep 0.2; done
grep -o "catalogue index loaded.*" "$WORK/serve.log" || true
echo "== $R timed requests per URL (after up to 3 untimed), at most ${CAP:-60} s per URL, one keep-alive connection, load: $(uptime | sed 's/.*load/load/')"
DBFILE="$FILE" python3 - "$URL" "$R" "${CAP:-60}" \
    "/barometre" \
    "/barometre/region-$REGION" \
    "/barometre/departement-$DEP_BIG" \
    "/barometre/departement-$DEP_MID" \
    "/barometre/departement-$DEP_SMALL" \
    "/barometre?defi=$CHALLENGE" \
    "/barometre/departement-$DEP_BIG?defi=$CHALLENGE" \
    "/barometre/region-$REGION?defi=$CHALLENGE&mesure=people" \
    "/barometre/comparer?a=departement-$DEP_BIG&b=departement-$DEP_SMALL" \
    "/api/v1/barometer" \
    "/api/v1/barometer?territory=region:$REGION&challenge=$CHALLENGE" \
    "/api/v1/barometer?territory=departement:$DEP_BIG" <<'EOF'
import http.client, os, random, sqlite3, sys, time, urllib.parse
base, runs, cap, paths = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4:]
u = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(u.hostname, u.port)
def get(path):
    conn.request("GET", path, headers={"Accept-Language": "fr"})
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        sys.exit(f"{path}: HTTP {r.status}: {body[:300]!r}")
    return len(body)
def pct(xs, p):
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
over = False
# The first read after a bulk load brings the rollups up to date for every marked initiative.
t = time.perf_counter()
get("/barometre")
print(f"first read after loading (rollups built for every marked initiative): {time.perf_counter() - t:.1f} s\n")
print(f"| URL | bytes | requests | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|")
for path in paths:
    for _ in range(3):
        started = time.perf_counter()
        get(path)
        if time.perf_counter() - started > 2:
            break
    times = []
    started = time.perf_counter()
    for _ in range(runs):
        if times and time.perf_counter() - started > cap:
            break
        t = time.perf_counter()
        size = get(path)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p99 = pct(times, 99)
    over |= p99 > 200
    print(f"| `{path}` | {size} | {len(times)} | {pct(times, 50):.1f} | {p99:.1f} | {times[-1]:.1f} |", flush=True)
# A write then a read, as a project holder's new measurement then the barometer of its
# département: the read takes the changed initiative out of its cells and adds it back.
db = sqlite3.connect(os.environ["DBFILE"], timeout=30)
rng = random.Random(7)
total = db.execute("SELECT count(*) FROM impact_plan_entries").fetchone()[0]
times = []
for _ in range(50):
    entry, initiative = db.execute(
        "SELECT id, initiative_id FROM impact_plan_entries LIMIT 1 OFFSET ?",
        (rng.randrange(total),)).fetchone()
    dep = db.execute("SELECT code FROM initiative_departements WHERE initiative_id = ? LIMIT 1",
                     (initiative,)).fetchone()[0]
    db.execute("UPDATE impact_plan_entries SET on_track = 1 - COALESCE(on_track, 0) WHERE id = ?", (entry,))
    db.commit()
    t = time.perf_counter()
    get(f"/barometre/departement-{dep}")
    times.append((time.perf_counter() - t) * 1000)
times.sort()
p99 = pct(times, 99)
over |= p99 > 200
print(f"| write then `/barometre/departement-…` | | {len(times)} | {pct(times, 50):.1f} | {p99:.1f} | {times[-1]:.1f} |")
print("RESULT:", "a p99 is over 200 ms" if over else "every p99 within 200 ms")
sys.exit(1 if over else 0)
EOF
