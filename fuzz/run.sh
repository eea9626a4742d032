#!/usr/bin/env bash
# Builds every fuzz target and runs each for SECONDS (default 20); fails when one crashes,
# panics or hangs, and prints where the input that did it was saved.
#
#   bash fuzz/run.sh        # 20 s per target, as CI runs it
#   bash fuzz/run.sh 600    # longer, by hand
set -euo pipefail

seconds="${1:-20}"
cd "$(dirname "${BASH_SOURCE[0]}")"

# cargo-fuzz passes nightly-only flags (-Z, --cfg fuzzing with sanitizer coverage) to rustc;
# RUSTC_BOOTSTRAP lets the stable toolchain, the only one our machines have, accept them.
export RUSTC_BOOTSTRAP=1
# Safe Rust gains little from AddressSanitizer and builds twice as slowly without it; debug
# assertions stay on so that an integer overflow is a crash, as in tests.
build_flags=(--sanitizer none --debug-assertions)

if ! cargo fuzz --version >/dev/null 2>&1; then
    # Pinned and --locked, so that a new release cannot break CI; ~40 s on 2 cores.
    cargo install cargo-fuzz --version 0.13.2 --locked
fi

cargo fuzz build "${build_flags[@]}"

failed=()
for target in $(cargo fuzz list); do
    # The corpus a run grows goes to work/ (not committed); corpus/ holds the seeds only and
    # is read, never written.
    mkdir -p "work/corpus/$target" "artifacts/$target"
    log="work/$target.log"
    args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
    [ -f "dicts/$target.dict" ] && args+=(-dict="dicts/$target.dict")
    printf '\n==> fuzz %s for %s s\n' "$target" "$seconds"
    before=$(ls "artifacts/$target" | wc -l)
    if cargo fuzz run "${build_flags[@]}" "$target" "work/corpus/$target" "corpus/$target" \
        -- "${args[@]}" >"$log" 2>&1; then
        grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' "$log" || true
        grep -E '^stat::number_of_executed_units' "$log" || true
    else
        # The panic message and where the input went, not the whole libFuzzer log.
        grep -E -A8 "panicked at" "$log" | head -40 || true
        grep -E "ERROR: libFuzzer|Test unit written|ParseDictionaryFile|^error" "$log" || true
        failed+=("$target")
    fi
    if [ "$(ls "artifacts/$target" | wc -l)" -gt "$before" ]; then
        echo "crash inputs (newest first):"
        ls -t "artifacts/$target" | head -5 | sed "s|^|  $PWD/artifacts/$target/|"
        [[ " ${failed[*]} " == *" $target "* ]] || failed+=("$target")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo
    echo "fuzzing failed: ${failed[*]} (logs in $PWD/work/; reproduce with"
    echo "  RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none --debug-assertions TARGET ARTIFACT)"
    exit 1
fi
echo
echo "fuzzing passed: $(cargo fuzz list | tr '\n' ' ')"
