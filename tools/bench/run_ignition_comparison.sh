#!/usr/bin/env bash
# Time petrocket-chem's constant-volume ignition against Cantera's on the same cases and print
# a side-by-side table (ms per case, speed-up, solver steps, ignition delays).
#
#   1. cargo bench -p petrocket-chem --bench ignition      (criterion; median per case)
#   2. tools/bench/cantera_ignition_bench.py               (perf_counter; median of 20 runs)
#      with the virtual environment made by tools/golden/run.sh at
#      ${PETROCKET_GOLDEN_VENV:-/tmp/petrocket-golden-venv}; without it the committed
#      tools/bench/results/cantera_ignition.json is used (its date and machine are printed).
#
# Cases: H2:O2 = 2 at 1000/1200 K and 1/20 bar, and GRI-Mech 3.0 CH4/air φ = 1 at 1000 K,
# 10 bar; integrated to 5 × the ignition delay at rtol 1e-9, atol 1e-15. Results go to
# tools/bench/results/petrocket_ignition.json. Run on an otherwise idle machine.
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

echo "== petrocket-chem (cargo bench -p petrocket-chem --bench ignition)" >&2
cargo bench -p petrocket-chem --bench ignition -- "$@" 2> "${results}/petrocket_ignition.log" >&2 || {
    cat "${results}/petrocket_ignition.log" >&2
    exit 1
}

if [[ -x "${venv}/bin/python" ]] && "${venv}/bin/python" -c "import cantera" 2>/dev/null \
    && [[ "${PETROCKET_SKIP_CANTERA:-0}" != "1" ]]; then
    echo "== Cantera (${venv}/bin/python tools/bench/cantera_ignition_bench.py)" >&2
    "${venv}/bin/python" tools/bench/cantera_ignition_bench.py > "${results}/cantera_ignition.json.tmp"
    mv "${results}/cantera_ignition.json.tmp" "${results}/cantera_ignition.json"
else
    echo "== Cantera not run; using the committed ${results}/cantera_ignition.json" >&2
fi

load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

python3 - "${target_dir}/criterion/ignition" "${results}" "${started}" "${load_before}" "${load_after}" <<'PY'
import json, pathlib, re, sys
root, results, started = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), float(sys.argv[3])
log = (results / "petrocket_ignition.log").read_text()
stats = {}
for m in re.finditer(r"^(\S+): tau (\S+) s .*?, (\d+) steps, (\d+) Jacobians, (\d+) RHS, (\d+) LU", log, re.M):
    stats[m[1]] = {"ignition_delay_s": float(m[2]), "steps": int(m[3]), "jacobian_evals": int(m[4]),
                   "rhs_evals": int(m[5]), "lu_decompositions": int(m[6])}
cases = {}
for case in sorted(p for p in root.iterdir() if (p / "new" / "estimates.json").exists()):
    if (case / "new" / "estimates.json").stat().st_mtime < started:
        continue
    est = json.loads((case / "new" / "estimates.json").read_text())
    cases[case.name] = {"median_ms_per_case": est["median"]["point_estimate"] / 1e6,
                        **stats.get(case.name, {})}
sys.path.insert(0, "tools/bench")
from machine import run_record
record = run_record(cases, "criterion median of per-case time")
(results / "petrocket_ignition.json").write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
cantera = json.loads((results / "cantera_ignition.json").read_text())
print()
print("| Case (CV, 5 τ, rtol 1e-9) | petrocket ms | steps | Cantera step loop ms | Cantera advance ms | steps | speed-up (vs step loop / advance) | τ rel. diff |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for name, c in cantera["cases"].items():
    o = cases.get(name)
    if not o:
        continue
    sl, ad = c["step_loop"]["median_ms"], c["advance"]["median_ms"]
    ours = o["median_ms_per_case"]
    dtau = abs(o.get("ignition_delay_s", float("nan")) / c["ignition_delay_s"] - 1)
    print(f"| {name} | {ours:.2f} | {o.get('steps', '?')} | {sl:.2f} | {ad:.2f} | {c['step_loop']['n_steps']} "
          f"| {sl / ours:.2f}× / {ad / ours:.2f}× | {dtau:.1e} |")
print()
print(f"Cantera {cantera['cantera_version']}; load average (1, 5, 15 min): before {sys.argv[4]}, after {sys.argv[5]}")
PY
