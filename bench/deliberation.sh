#!/usr/bin/env bash
# Opinion mapping: a full recompute at the largest shape reported for Pol.is in production
# (33,422 participants × 783 statements, about 2 million votes), next to red-dwarf, Pol.is's
# math reimplemented in Python, on the same data in the same run.
#
#  - builds the release binaries, generates a conversation of that shape with planted opinion
#    groups (`essaim-bench-deliberation generate`, seed 1) into target/bench-deliberation/,
#  - times `essaim deliberation analyze DIR --json` RUNS times (default 5): wall time and peak
#    RSS of the whole command, and the reading of the folder and the analysis alone as the
#    command reports them with --timings; medians,
#  - installs red-dwarf into a virtual environment (target/bench-venv) and runs its Pol.is
#    pipeline RD_RUNS times (default 3) through bench/deliberation_reddwarf.py,
#  - prints a Markdown summary: machine, both tools' times and memory, the ratio, and the
#    adjusted Rand index between the two tools and of each against the planted groups.
#
# Usage: bench/deliberation.sh [PARTICIPANTS] [STATEMENTS] [VOTES] [GROUPS]
#        (defaults 33422 783 2000000 3; RUNS=… and RD_RUNS=… in the environment).
# Needs python3 with venv (Debian: python3-venv) and PyPI for red-dwarf. Not run in CI: the
# figures go to docs/benchmarks.md.
set -euo pipefail
P="${1:-33422}"
S="${2:-783}"
V="${3:-2000000}"
G="${4:-3}"
RUNS="${RUNS:-5}"
RD_RUNS="${RD_RUNS:-3}"
REDDWARF_VERSION=0.4.0
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release -p essaim-cli -p essaim-bench-deliberation
BIN=target/release/essaim
"$BIN" deliberation analyze --help >/dev/null
OUT="target/bench-deliberation/${P}x${S}x${V}g${G}"
DATA="$OUT/data"
rm -rf "$OUT"
mkdir -p "$DATA"

VENV=target/bench-venv
if ! "$VENV/bin/python" -c "import reddwarf" 2>/dev/null \
    || [ "$("$VENV/bin/python" -c 'from importlib.metadata import version; print(version("red-dwarf"))')" != "$REDDWARF_VERSION" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "red-dwarf==$REDDWARF_VERSION"
fi

# measure FILE CMD…: runs CMD and writes "wall-seconds peak-RSS-KiB" to FILE.
measure() {
    local file="$1"
    shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%e %M" -o "$file" "$@"
    else
        python3 -c '
import resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as f:
    f.write(f"{time.perf_counter() - started:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\n")
sys.exit(code)' "$file" "$@"
    fi
}

echo "== generating $P participants × $S statements, about $V votes, $G planted groups"
target/release/essaim-bench-deliberation generate "$DATA" \
    --participants "$P" --statements "$S" --votes "$V" --groups "$G" --seed 1

echo "== essaim deliberation analyze, $RUNS runs: wall s, peak RSS KiB, CSV reading s, analysis s"
: >"$OUT/essaim-runs.tsv"
for i in $(seq "$RUNS"); do
    # --timings prints "read R s, analysis A s" on standard error.
    measure "$OUT/time" "$BIN" deliberation analyze "$DATA" --json --timings \
        >"$OUT/essaim.json" 2>"$OUT/timings"
    read -r wall rss <"$OUT/time"
    read -r _ read_s _ _ analysis_s _ < <(tr -d ',' <"$OUT/timings")
    printf '%s\t%s\t%s\t%s\n' "$wall" "$rss" "$read_s" "$analysis_s" | tee -a "$OUT/essaim-runs.tsv"
done

echo "== red-dwarf $REDDWARF_VERSION, $RD_RUNS runs"
: >"$OUT/reddwarf-runs.tsv"
for i in $(seq "$RD_RUNS"); do
    # Current numpy runs slower with the OpenBLAS core type forced: unset for this command only.
    measure "$OUT/time" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
        "$VENV/bin/python" bench/deliberation_reddwarf.py run "$DATA" "$OUT/reddwarf-$i.json"
    read -r wall rss <"$OUT/time"
    printf '%s\t%s\n' "$wall" "$rss" | tee -a "$OUT/reddwarf-runs.tsv"
done

echo
"$VENV/bin/python" bench/deliberation_reddwarf.py summary "$OUT"
