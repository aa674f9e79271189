#!/usr/bin/env python3
"""Extract the small Cantera golden subset that `petrocket validate` ships in the binary.

Reads  crates/petrocket-chem/tests/golden/equilibrium_h2o2.json (Cantera 3.2.0, made by
       tools/golden/make_thermo_equilibrium_golden.py; about 2 MB, 1856 cases)
Writes crates/petrocket/data/validation_golden.json (about 20 cases, inputs and T, P only)

Plain Python 3, no Cantera needed: the values are copied, never recomputed or rounded.
The output is deterministic (sorted keys, cases in the order of the selection below), so
re-running gives identical bytes; a test in crates/petrocket checks the subset against the
full file.

Usage (from any directory):  python3 tools/validation/extract_golden_subset.py
"""

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE = "crates/petrocket-chem/tests/golden/equilibrium_h2o2.json"
TARGET = "crates/petrocket/data/validation_golden.json"
GENERATOR = "tools/validation/extract_golden_subset.py"
ATM = "101325"

# Case ids (see tools/golden/README.md for the id scheme), in output order.
SELECTION = (
    # Stoichiometric H2:O2, closed vessel (UV), T0 = 300 K, every P0 of the grid.
    [f"H2O2_r2.0_N2_0.0_T300_P{p}_UV" for p in ("10000", ATM, "1000000", "10000000")]
    # Very lean and very rich H2:O2, UV at 1 atm.
    + [f"H2O2_r{r}_N2_0.0_T300_P{ATM}_UV" for r in ("0.1", "20.0")]
    # Each diluent at 70 %, stoichiometric, UV at 1 atm.
    + [f"H2O2_r2.0_{d}_0.7_T300_P{ATM}_UV" for d in ("N2", "AR", "HE", "H2O")]
    # H2-air at phi 0.5, 1, 2: UV (closed vessel) and HP (flame temperature) at 1 atm.
    + [
        f"H2air_phi{phi}_T300_P{ATM}_{mode}"
        for phi in ("0.5", "1.0", "2.0")
        for mode in ("UV", "HP")
    ]
    # TP and SV at the cold and hot ends of the grid.
    + [f"H2O2_r2.0_N2_0.0_T{t}_P{ATM}_{mode}" for t in ("200", "1000") for mode in ("TP", "SV")]
)

KEEP = ("id", "mode", "T0_K", "P0_Pa", "X0", "T_K", "P_Pa", "cantera_solver", "cantera_rtol")


def main() -> int:
    full = json.loads((ROOT / SOURCE).read_text())
    by_id = {c["id"]: c for c in full["cases"]}
    missing = [i for i in SELECTION if i not in by_id]
    if missing:
        print(f"missing from {SOURCE}: {missing}", file=sys.stderr)
        return 1
    ids = list(SELECTION)
    # The highest equilibrium pressure anywhere in the grid.
    highest = max(full["cases"], key=lambda c: c["P_Pa"])["id"]
    if highest not in ids:
        ids.append(highest)
    out = {
        "description": "Subset of the Cantera golden equilibrium data checked by `petrocket validate`; "
        "T and P are compared to 1e-5 relative.",
        "source": SOURCE,
        "generator": GENERATOR,
        "source_generator": full["generator"],
        "cantera_version": full["cantera_version"],
        "mechanism": full["mechanism"],
        "mechanism_sha256": full["mechanism_sha256"],
        "phase": full["phase"],
        "highest_pressure_case": highest,
        "cases": [{k: by_id[i][k] for k in KEEP} for i in ids],
    }
    text = json.dumps(out, indent=1, sort_keys=True) + "\n"
    (ROOT / TARGET).write_text(text)
    print(f"wrote {TARGET}: {len(ids)} cases, {len(text)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
