#!/usr/bin/env bash
# Times CalculiX (ccx, single thread) on the problem of the native FEM benchmark
# (crates/petrocket-structure/benches/fem.rs): the reference 2 L profile at 10 bar(g), the
# native solver's DEFAULT mesh (CAX8), written with `petrocket fem --export-calculix`.
# Also times the converged 4x refined mesh of the golden data. Prints the median of RUNS
# wall-clock times per mesh; docs/benchmarks.md records the figures.
#
# Usage: tools/calculix/time_ccx.sh [RUNS]   (default 5; needs ccx on PATH and cargo)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
RUNS="${1:-5}"
command -v ccx >/dev/null || { echo "ccx not on PATH (apt-get install calculix-ccx)" >&2; exit 1; }
cargo build --quiet -p petrocket
BIN="${CARGO_TARGET_DIR:-target}/debug/petrocket"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
for refine in 1 4; do
    "$BIN" fem --profile examples/profiles/2L_reference.csv --pressure 1e6 \
        --youngs-modulus 4.5e9 --poisson 0.38 --density 1390 --refine "$refine" \
        --export-calculix "$TMP/wall.inp" >/dev/null
    elements=$(awk '/^\*ELEMENT/{f=1;next} /^\*/{f=0} f{n++} END{print n}' "$TMP/wall.inp")
    times=()
    for _ in $(seq "$RUNS"); do
        start=$(date +%s%N)
        (cd "$TMP" && OMP_NUM_THREADS=1 ccx -i wall >/dev/null 2>&1)
        end=$(date +%s%N)
        times+=("$(( (end - start) / 1000 ))")   # microseconds
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{print ((NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2)/1e6}')
    printf 'ccx refine %s: %s CAX8 elements, median %.3f s over %s runs (%s)\n' \
        "$refine" "$elements" "$median" "$RUNS" "$(ccx -v 2>/dev/null | tr -d '\n')"
done
