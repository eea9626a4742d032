#!/usr/bin/env bash
# Sortition: Essaim's LEXIMIN (Flanigan et al., Nature 2021) next to the open-source maximin of
# the Sortition Foundation's `sortition-algorithms` with HiGHS, on the same instances in the same
# run. LEXIMIN maximises the lowest selection probability first, so both minima must agree.
#
#  - builds the release binary and generates three instances into target/bench-sortition/
#    (bench/sortition_instances.py, seed 1): the paper's Alternate(200, 20) and
#    Alternate(2000, 200), and a realistic pool of 2000 skewed volunteers for a panel of 150,
#  - times `essaim sortition analyze DIR --panel-size K --json` once per instance (wall time and
#    peak RSS of the whole command),
#  - installs sortition-algorithms and highspy into a virtual environment
#    (target/bench-venv-sortition) and times its `find_distribution_maximin` with the HiGHS
#    backend through bench/sortition_reference.py, under REF_TIMEOUT seconds (default 1800):
#    a reference that runs out of time is reported as such, not as an error,
#  - runs `--algorithm legacy` on the alternate instances: the probability of the lone female
#    conservative (row 0) shows what LEXIMIN corrects,
#  - prints a Markdown summary and exits 1 if Essaim or the reference failed, or if, where both
#    finished, the two minimum probabilities differ by more than 1e-4 (an Essaim minimum above
#    the reference's but within the reference's own stopping gap is reported, not failed: see
#    bench/sortition_reference.py).
#
# Usage: bench/sortition.sh   (REF_TIMEOUT=… in the environment, seconds per reference run).
# Needs python3 with venv (Debian: python3-venv) and PyPI for sortition-algorithms. Not run in
# CI: the figures go to docs/benchmarks.md.
set -euo pipefail
REF_TIMEOUT="${REF_TIMEOUT:-1800}"
SORTITION_ALGORITHMS_VERSION=0.12.15
HIGHSPY_VERSION=1.16.0
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release -p essaim-cli
BIN=target/release/essaim
"$BIN" sortition analyze --help >/dev/null
OUT=target/bench-sortition
rm -rf "$OUT"
mkdir -p "$OUT"

VENV=target/bench-venv-sortition
installed() {
    "$VENV/bin/python" -c 'import sys; from importlib.metadata import version; print(version(sys.argv[1]))' "$1" 2>/dev/null
}
if [ "$(installed sortition-algorithms)" != "$SORTITION_ALGORITHMS_VERSION" ] \
    || [ "$(installed highspy)" != "$HIGHSPY_VERSION" ]; then
    python3 -m venv "$VENV"
    # highspy is a dependency of sortition-algorithms; pinned too so the solver stays the same.
    "$VENV/bin/pip" install --quiet "sortition-algorithms==$SORTITION_ALGORITHMS_VERSION" \
        "highspy==$HIGHSPY_VERSION"
fi

# measure FILE CMD…: runs CMD and writes "wall-seconds peak-RSS-KiB" as the last line of FILE
# (GNU time puts a "Command exited with non-zero status" line before it when CMD fails).
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

# name kind pool panel
INSTANCES=(
    "alternate-200-20 alternate 200 20"
    "alternate-2000-200 alternate 2000 200"
    "realistic-2000-150 realistic 2000 150"
)

for instance in "${INSTANCES[@]}"; do
    read -r name kind n k <<<"$instance"
    DIR="$OUT/$name"
    DATA="$DIR/data"
    echo "== $name: generating"
    python3 bench/sortition_instances.py "$kind" "$n" "$k" "$DATA" 1

    echo "== $name: essaim sortition analyze (LEXIMIN)"
    if measure "$DIR/essaim.time" "$BIN" sortition analyze "$DATA" --panel-size "$k" --json \
        >"$DIR/essaim.json"; then
        echo ok >"$DIR/essaim.status"
    else
        echo "failed (exit $?)" >"$DIR/essaim.status"
    fi
    tail -n 1 "$DIR/essaim.time"

    echo "== $name: sortition-algorithms $SORTITION_ALGORITHMS_VERSION maximin, HiGHS, at most $REF_TIMEOUT s"
    # A fixed hash seed: the package iterates over sets of panels, whose order follows string
    # hashes. Its progress goes to reference.log: the last line says how far a stopped run got.
    if measure "$DIR/reference.time" env PYTHONHASHSEED=0 timeout -k 10 "$REF_TIMEOUT" \
        "$VENV/bin/python" bench/sortition_reference.py run "$DATA" "$k" 1 \
        >"$DIR/reference.json" 2>"$DIR/reference.log"; then
        echo ok >"$DIR/reference.status"
    else
        code=$?
        if [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
            echo "did not finish in $REF_TIMEOUT s" >"$DIR/reference.status"
        else
            echo "failed (exit $code)" >"$DIR/reference.status"
        fi
    fi
    cat "$DIR/reference.status"
    tail -n 1 "$DIR/reference.log"

    if [ "$kind" = alternate ]; then
        echo "== $name: essaim sortition analyze --algorithm legacy"
        if "$BIN" sortition analyze "$DATA" --panel-size "$k" --algorithm legacy --json \
            >"$DIR/legacy.json"; then
            echo ok >"$DIR/legacy.status"
        else
            echo "failed (exit $?)" >"$DIR/legacy.status"
        fi
    fi
done

echo
"$VENV/bin/python" bench/sortition_reference.py summary "$OUT"
