#!/usr/bin/env bash
# Time petrocket-chem's equilibrium solver against Cantera's on the same cases and print a
# side-by-side table (µs per call, speed-up).
#
#   1. cargo bench -p petrocket-chem --bench equilibrium  (criterion; median per call)
#   2. tools/bench/cantera_equilibrium_bench.py            (timeit; median of 7 runs per call)
#      using the virtual environment made by tools/golden/run.sh at
#      ${PETROCKET_GOLDEN_VENV:-/tmp/petrocket-golden-venv}; skipped with a message if absent.
#
# Both time "set the initial state from T, P and a composition string, then equilibrate" for
# stoichiometric H2/O2 at 295 K, 101325 Pa (UV, TP, HP, SV) and stoichiometric H2-air (UV),
# with the bundled h2o2 mechanism. Results are kept in tools/bench/results/
# (petrocket_equilibrium.json, cantera_equilibrium.json). Extra arguments go to criterion,
# e.g. `--measurement-time 10`. Works from any cwd. Timings depend on machine load: run it
# on an otherwise idle machine and look at the load averages printed at the end.
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

echo "== petrocket-chem (cargo bench -p petrocket-chem --bench equilibrium)" >&2
cargo bench -p petrocket-chem --bench equilibrium -- "$@" >&2

python3 - "${target_dir}/criterion/equilibrium" "${results}/petrocket_equilibrium.json" "${started}" <<'EOF'
import json, pathlib, sys
root, out, started = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), float(sys.argv[3])
cases = {}
for case in sorted(p for p in root.iterdir() if (p / "new" / "estimates.json").exists()):
    if (case / "new" / "estimates.json").stat().st_mtime < started:
        continue  # left over from an earlier run
    est = json.loads((case / "new" / "estimates.json").read_text())
    med = est["median"]
    cases[case.name] = {
        "median_us_per_call": med["point_estimate"] / 1e3,
        "median_ci95_us": [med["confidence_interval"]["lower_bound"] / 1e3,
                           med["confidence_interval"]["upper_bound"] / 1e3],
        "mean_us_per_call": est["mean"]["point_estimate"] / 1e3,
    }
if not cases:
    sys.exit(f"no criterion estimates under {root}")
sys.path.insert(0, "tools/bench")
from machine import run_record
record = run_record(cases, "criterion median of per-iteration time")
out.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
EOF

cantera_json=""
if [[ -x "${venv}/bin/python" ]] && "${venv}/bin/python" -c "import cantera" 2>/dev/null; then
    echo "== Cantera (${venv}/bin/python tools/bench/cantera_equilibrium_bench.py)" >&2
    "${venv}/bin/python" tools/bench/cantera_equilibrium_bench.py > "${results}/cantera_equilibrium.json.tmp"
    mv "${results}/cantera_equilibrium.json.tmp" "${results}/cantera_equilibrium.json"
    cantera_json="${results}/cantera_equilibrium.json"
else
    echo "== Cantera skipped: no Python with cantera at ${venv}" >&2
    echo "   (create it with tools/golden/run.sh, or set PETROCKET_GOLDEN_VENV)" >&2
fi

load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

python3 - "${results}/petrocket_equilibrium.json" "${cantera_json}" "${load_before}" "${load_after}" <<'EOF'
import json, sys
ours = json.load(open(sys.argv[1]))["cases"]
cantera = json.load(open(sys.argv[2])) if sys.argv[2] else None
rows = [("h2o2_stoich_UV", "UV"), ("h2o2_stoich_TP", "TP"), ("h2o2_stoich_HP", "HP"),
        ("h2o2_stoich_SV", "SV"), ("h2air_stoich_UV", "h2air_UV")]
labels = {"h2o2_stoich_UV": "H2/O2 φ=1 UV", "h2o2_stoich_TP": "H2/O2 φ=1 TP",
          "h2o2_stoich_HP": "H2/O2 φ=1 HP", "h2o2_stoich_SV": "H2/O2 φ=1 SV",
          "h2air_stoich_UV": "H2-air φ=1 UV"}
print()
print("| Case (295 K, 101325 Pa) | petrocket-chem µs/call | Cantera µs/call | Speed-up |")
print("|---|---:|---:|---:|")
for name, ckey in rows:
    if name not in ours:
        continue
    us = ours[name]["median_us_per_call"]
    c = (cantera or {}).get("modes", {}).get(ckey, {}).get("median_us_per_call")
    cs = f"{c:.1f}" if c else "n/a"
    sp = f"{c / us:.1f}×" if c else "n/a"
    print(f"| {labels[name]} | {us:.1f} | {cs} | {sp} |")
print()
if cantera:
    print(f"Cantera {cantera['cantera_version']} (Python {cantera['python_version']}); "
          f"Cantera TPX alone: {cantera['TPX_only']['median_us_per_call']:.1f} µs/call")
print(f"load average (1, 5, 15 min): before {sys.argv[3]}, after {sys.argv[4]}")
EOF
