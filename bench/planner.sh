#!/usr/bin/env bash
# The rotation planner on social-golfer instances (no attributes, no structures, no hosts):
# `essaim sessions plan-rotation --participants N --table-size K --rounds R --json` with a
# time limit, over several seeds. The search stops as soon as no pair meets twice, so the
# reported elapsed time is the time to zero repeats when repeated_pairs is 0, and the best
# reached within the limit otherwise.
#
#  - 32/4/8 and 300/6/5, 2 s each: the issue's targets (zero repeats in at most 2 s),
#  - 32/4/9 and 32/4/10, 10 s each: the stretch (10 rounds without a repeat is the known
#    optimum of the 32-golfer problem, very hard for local search).
#
# Usage: bench/planner.sh [SEED...]   (default 1 2 3 4 5; one quoted list works too). Prints
# a Markdown table and the load average. Not run in CI: the figures go to docs/benchmarks.md.
set -euo pipefail
SEEDS="${*:-1 2 3 4 5}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release -p essaim-cli
BIN=target/release/essaim

# participants table-size rounds time-limit
INSTANCES=(
    "32 4 8 2"
    "300 6 5 2"
    "32 4 9 10"
    "32 4 10 10"
)

echo "load: $(uptime)"
echo
echo "| instance | limit (s) | seed | repeated pairs | max meetings | pair score | time (ms) | iterations |"
echo "|---|---|---|---|---|---|---|---|"
for instance in "${INSTANCES[@]}"; do
    read -r n k r limit <<<"$instance"
    for seed in $SEEDS; do
        "$BIN" sessions plan-rotation --participants "$n" --table-size "$k" --rounds "$r" \
            --time-limit "$limit" --seed "$seed" --json |
            python3 -c '
import json, sys
v = json.load(sys.stdin)
n, k, r, limit, seed = sys.argv[1:]
rp, mm, ps, ms, it = (v[key] for key in
                      ("repeated_pairs", "max_meetings", "pair_score", "elapsed_ms", "iterations"))
print(f"| {n}/{k}/{r} | {limit} | {seed} | {rp} | {mm} | {ps} | {ms} | {it} |")' \
                "$n" "$k" "$r" "$limit" "$seed"
    done
done
echo
echo "load: $(uptime)"
