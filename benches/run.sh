#!/usr/bin/env bash
# Runs the whole benchmark suite and regenerates the tables of BENCHMARKS.md and benches/chart.svg.
#
#   bash benches/run.sh            # the full run (about 25 minutes on 2 cores)
#   bash benches/run.sh --quick    # short criterion runs, fewer compile-time runs (development)
#   bash benches/run.sh --quick A_ # extra arguments are criterion filters (regexes on the ids)
#   bash benches/run.sh --no-compile-time   # skip the compile-time benchmark (keeps old results)
#
# rustc's unstable coroutines live in benches/nightly. They are unlocked for that crate only:
# RUSTC_BOOTSTRAP=coro_benches_nightly makes the stable compiler accept `#![feature]` in the crate
# of that name and nowhere else, so every other crate (coro, the contenders, criterion) is built
# exactly as on stable, and build scripts that probe for nightly features do not change course.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export RUSTC_BOOTSTRAP=coro_benches_nightly

mode=full
compile_time=1
filters=()
for arg in "$@"; do
    case "$arg" in
        --quick) mode=quick ;;
        --no-compile-time) compile_time=0 ;;
        *) filters+=("$arg") ;;
    esac
done

criterion_args=(--noplot)
compile_args=()
if [[ $mode == quick ]]; then
    criterion_args+=(--warm-up-time 1 --measurement-time 2)
    compile_args+=(--runs 1 --sizes 10,100,1000 --timeout 60)
fi

python3 benches/report.py --record-code  # which code of coro is measured
echo "== building (bench profile, nightly contender on)"
cargo build --profile bench -p coro-benches --features nightly --benches --bins

# The nightly crate compiles to nothing if the probe in its build.rs failed: say so, loudly.
sizes_dir="$CARGO_TARGET_DIR/coro-bench"
mkdir -p "$sizes_dir"
cargo run --quiet --profile bench -p coro-benches --features nightly --bin sizes \
    > "$sizes_dir/sizes.jsonl"
if ! grep -q '"contender": "nightly"' "$sizes_dir/sizes.jsonl"; then
    echo "error: the nightly contender is missing (benches/nightly compiled to nothing)" >&2
    exit 1
fi

echo "== criterion ($mode)"
cargo bench -p coro-benches --features nightly --bench coroutines -- \
    "${criterion_args[@]}" ${filters[@]+"${filters[@]}"}

if [[ $compile_time == 1 ]]; then
    echo "== compile time"
    python3 benches/compile_time.py ${compile_args[@]+"${compile_args[@]}"}
fi

echo "== report"
python3 benches/report.py --mode "$mode"
