"""Generate Cantera golden reference data for the petrocket-chem crate.

All data are computed by Cantera from the project's bundled mechanism
``crates/petrocket-chem/data/mechanisms/h2o2.yaml`` (phase ``ohmech``), so the
Rust code and Cantera use identical thermodynamic data.

Outputs (relative to the repository root):

* ``crates/petrocket-chem/tests/golden/thermo_h2o2.json`` -- standard-state
  species properties on a temperature grid, and ideal-gas mixture properties
  for a set of (T, P, X) states.
* ``crates/petrocket-chem/tests/golden/equilibrium_h2o2.json`` -- TP, HP, UV
  and SV equilibrium states for a grid of H2/O2(/diluent) mixtures.

Units are SI with *mol* (Cantera's kmol-based values are divided by 1000).
See tools/golden/README.md for the meaning of every field.
Run via ``bash tools/golden/run.sh``.
"""

import hashlib
import json
import math
import sys
import warnings
from collections import Counter
from pathlib import Path

import cantera as ct
import numpy as np

REPO = Path(__file__).resolve().parents[2]
MECH = REPO / "crates/petrocket-chem/data/mechanisms/h2o2.yaml"
PHASE = "ohmech"
OUT_DIR = REPO / "crates/petrocket-chem/tests/golden"
GENERATOR = Path(__file__).resolve().relative_to(REPO).as_posix()

KMOL = 1000.0  # Cantera quantities per kmol -> per mol: divide by this

# Standard-state species grid: NASA range boundaries (200, 300, 1000, 3500,
# 5000) plus values just either side of the 1000 K / 3500 K switch points and
# extrapolated temperatures above the fitted range.
SPECIES_T_GRID = [
    200.0, 250.0, 298.15, 300.0, 400.0, 500.0, 600.0, 700.0, 800.0, 900.0,
    999.9, 1000.0, 1000.1, 1100.0, 1200.0, 1500.0, 1800.0, 2000.0, 2500.0,
    3000.0, 3499.9, 3500.0, 3500.1, 3600.0, 4000.0, 5000.0,
]

# Equilibrium grid.
H2_O2_RATIOS = [0.1, 0.3, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 8.0, 20.0]
DILUTED_RATIOS = [2.0, 4.0]
DILUENTS = ["N2", "AR", "HE", "H2O"]
DILUENT_FRACTIONS = [0.3, 0.7]
AIR_PHIS = [0.5, 1.0, 2.0]
EQ_T0 = [200.0, 300.0, 600.0, 1000.0]
EQ_P0 = [1.0e4, 101325.0, 1.0e6, 1.0e7]
MODES = ["TP", "HP", "UV", "SV"]

# Solver ladder.  The requested chain is auto -> gibbs -> vcs at rtol=1e-12.
# Cantera 3.2.0 cannot meet 1e-12 for some high-pressure UV/HP cases with any
# solver, so the chain is repeated with progressively looser rtol; the rtol
# that succeeded is recorded per case.
SOLVERS = ["auto", "gibbs", "vcs"]
RTOLS = [1e-12, 1e-11, 1e-10, 1e-9]
MAX_STEPS = 5000
MAX_ITER = 1000


def load_gas():
    return ct.Solution(str(MECH), PHASE)


def metadata(gas):
    return {
        "generator": GENERATOR,
        "cantera_version": ct.__version__,
        "mechanism": MECH.relative_to(REPO).as_posix(),
        "mechanism_sha256": hashlib.sha256(MECH.read_bytes()).hexdigest(),
        "phase": PHASE,
        "species_order": gas.species_names,
        "reference_pressure_Pa": gas.reference_pressure,
        "gas_constant_J_per_mol_K": ct.gas_constant / KMOL,
        "units": "SI with mol (not kmol): J/mol, J/(mol K), kg/mol, J/kg, "
                 "J/(kg K), kg/m^3, K, Pa, m/s. X and Y are mole and mass "
                 "fractions.",
    }


def species_table(gas):
    rows = []
    for name in gas.species_names:
        sp = gas.species(name)
        th = sp.thermo
        cp = [th.cp(T) / KMOL for T in SPECIES_T_GRID]
        h = [th.h(T) / KMOL for T in SPECIES_T_GRID]
        s = [th.s(T) / KMOL for T in SPECIES_T_GRID]
        rows.append({
            "name": name,
            "molecular_weight_kg_per_mol":
                gas.molecular_weights[gas.species_index(name)] / KMOL,
            "thermo_min_T_K": th.min_temp,
            "thermo_max_T_K": th.max_temp,
            "T_K": SPECIES_T_GRID,
            "cp_J_per_mol_K": cp,
            "h_J_per_mol": h,
            "s_J_per_mol_K": s,
            "g_J_per_mol": [hh - T * ss for hh, T, ss in zip(h, SPECIES_T_GRID, s)],
        })
    return rows


def all_species_composition(gas):
    """A composition with all 11 species present: TP equilibrium at 3000 K."""
    gas.TPX = 3000.0, 101325.0, {"H2": 2.0, "O2": 1.0, "AR": 0.5, "N2": 0.5, "HE": 0.5}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gas.equilibrate("TP")
    return {n: float(x) for n, x in zip(gas.species_names, gas.X)}


def mixture_states(gas):
    air = lambda phi: {"H2": 2.0 * phi, "O2": 1.0, "N2": 3.76}  # noqa: E731
    stoich = {"H2": 2.0, "O2": 1.0}
    full = all_species_composition(gas)
    states = [
        (300.0, 101325.0, stoich),
        (200.0, 1.0e4, stoich),
        (298.15, 101325.0, stoich),
        (1000.0, 1.0e6, stoich),
        (3500.0, 1.0e7, stoich),
        (4000.0, 1.0e7, stoich),
        (300.0, 101325.0, air(0.5)),
        (300.0, 101325.0, air(1.0)),
        (600.0, 1.0e6, air(2.0)),
        (400.0, 5.0e5, {"H2": 2.0, "O2": 1.0, "AR": 3.0}),
        (300.0, 2.0e5, {"H2": 2.0, "O2": 1.0, "HE": 3.0}),
        (500.0, 2.0e6, {"H2": 2.0, "O2": 1.0, "H2O": 1.0}),
        (250.0, 1.0e4, {"H2": 4.0, "O2": 1.0, "N2": 1.0, "AR": 1.0, "HE": 1.0}),
        (300.0, 101325.0, {"H2": 1.0}),
        (1500.0, 101325.0, {"H2O": 1.0}),
        (3000.0, 101325.0, full),
        (2500.0, 1.0e4, full),
        (3500.0, 1.0e7, full),
        (4000.0, 1.0e6, full),
        (300.0, 101325.0, full),
    ]
    out = []
    for T, P, X in states:
        gas.TPX = T, P, X
        out.append({
            "T_K": T,
            "P_Pa": P,
            "X": X,
            "X_normalized": dict(zip(gas.species_names, gas.X.tolist())),
            "Y": dict(zip(gas.species_names, gas.Y.tolist())),
            "mean_molecular_weight_kg_per_mol": gas.mean_molecular_weight / KMOL,
            "density_kg_m3": gas.density,
            "cp_mass_J_per_kg_K": gas.cp_mass,
            "cv_mass_J_per_kg_K": gas.cv_mass,
            "h_mass_J_per_kg": gas.enthalpy_mass,
            "u_mass_J_per_kg": gas.int_energy_mass,
            "s_mass_J_per_kg_K": gas.entropy_mass,
            "g_mass_J_per_kg": gas.gibbs_mass,
            "cp_mole_J_per_mol_K": gas.cp_mole / KMOL,
            "cv_mole_J_per_mol_K": gas.cv_mole / KMOL,
            "h_mole_J_per_mol": gas.enthalpy_mole / KMOL,
            "u_mole_J_per_mol": gas.int_energy_mole / KMOL,
            "s_mole_J_per_mol_K": gas.entropy_mole / KMOL,
            "g_mole_J_per_mol": gas.gibbs_mole / KMOL,
            "sound_speed_frozen_m_s":
                math.sqrt(gas.cp_mass / gas.cv_mass * gas.P / gas.density),
        })
    return out


# ---------------------------------------------------------------- equilibrium

def fmt(v):
    return repr(float(v))


def equilibrium_mixtures():
    """(mixture_id, X0) pairs; X0 are unnormalised amounts."""
    mixes = []
    for r in H2_O2_RATIOS:
        mixes.append((f"H2O2_r{fmt(r)}_N2_0.0", {"H2": r, "O2": 1.0}))
    for r in DILUTED_RATIOS:
        for d in DILUENTS:
            for f in DILUENT_FRACTIONS:
                X0 = {"H2": r, "O2": 1.0, d: (r + 1.0) * f / (1.0 - f)}
                mixes.append((f"H2O2_r{fmt(r)}_{d}_{fmt(f)}", X0))
    for phi in AIR_PHIS:
        mixes.append((f"H2air_phi{fmt(phi)}", {"H2": 2.0 * phi, "O2": 1.0, "N2": 3.76}))
    return mixes


def element_moles_per_kg(gas):
    A = np.array([[gas.n_atoms(k, m) for m in range(gas.n_elements)]
                  for k in range(gas.n_species)])
    return A.T @ (gas.Y / gas.molecular_weights)


def mu_residual(gas):
    """max |mu_k/RT - sum_j a_kj lambda_j| over species with X_k > 1e-200,
    element potentials lambda fitted by least squares (0 at exact equilibrium)."""
    A = np.array([[gas.n_atoms(k, m) for m in range(gas.n_elements)]
                  for k in range(gas.n_species)])
    mu = gas.chemical_potentials / (ct.gas_constant * gas.T)
    mask = gas.X > 1e-200
    lam, *_ = np.linalg.lstsq(A[mask], mu[mask], rcond=None)
    return float(np.max(np.abs(mu[mask] - A[mask] @ lam)))


def held_values(gas, mode):
    return {
        "TP": (gas.T, gas.P),
        "HP": (gas.enthalpy_mass, gas.P),
        "UV": (gas.int_energy_mass, 1.0 / gas.density),
        "SV": (gas.entropy_mass, 1.0 / gas.density),
    }[mode]


def try_equilibrate(gas, T0, P0, X0, mode, solver, rtol):
    gas.TPX = T0, P0, X0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Temperature outside valid range"
        gas.equilibrate(mode, solver=solver, rtol=rtol,
                        max_steps=MAX_STEPS, max_iter=MAX_ITER)


def auto_inner_solver(gas, T0, P0, X0, mode, rtol, result):
    """Which solver inside 'auto' produced `result`.

    In Cantera 3.2.0 'auto' runs element_potential (ChemEquil) and, if that
    fails, MultiPhase 'auto' = vcs then gibbs.  Re-running element_potential
    alone is deterministic and reproduces `result` bit for bit when it was
    the one used.  The MultiPhase fallback is not reproducible bit for bit by
    calling vcs/gibbs directly (it starts after the failed ChemEquil attempt),
    so it is labelled 'vcs_or_gibbs'.
    """
    try:
        try_equilibrate(gas, T0, P0, X0, mode, "element_potential", rtol)
    except ct.CanteraError:
        return "vcs_or_gibbs"
    same = gas.T == result[0] and np.array_equal(gas.X, result[1])
    return "element_potential" if same else "unknown"


def solve_case(gas, case_id, T0, P0, X0, mode):
    errors = []
    for rtol in RTOLS:
        for solver in SOLVERS:
            try:
                try_equilibrate(gas, T0, P0, X0, mode, solver, rtol)
            except ct.CanteraError as err:
                msg = " ".join(l for l in str(err).splitlines()
                               if l.strip() and not l.startswith("****"))
                errors.append({"solver": solver, "rtol": rtol, "error": msg})
                continue
            T, X = gas.T, gas.X.copy()
            state = (T, gas.P, gas.density, X, gas.enthalpy_mass, gas.int_energy_mass,
                     gas.entropy_mass, gas.mean_molecular_weight, gas.Y.copy())
            checks = {
                "element_balance_rel_err": None,
                "held_pair_rel_err": None,
                "mu_residual_over_RT": mu_residual(gas),
            }
            b1, held1 = element_moles_per_kg(gas), held_values(gas, mode)
            inner = (auto_inner_solver(gas, T0, P0, X0, mode, rtol, (T, X))
                     if solver == "auto" else solver)
            gas.TPX = T0, P0, X0
            b0, held0 = element_moles_per_kg(gas), held_values(gas, mode)
            cp0 = gas.cp_mass
            checks["element_balance_rel_err"] = float(np.max(np.abs(b1 - b0)) / np.sum(b0))
            scales = {"TP": (T0, P0), "HP": (max(abs(held0[0]), cp0 * T0), P0),
                      "UV": (max(abs(held0[0]), cp0 * T0), held0[1]),
                      "SV": (max(abs(held0[0]), cp0), held0[1])}[mode]
            checks["held_pair_rel_err"] = max(abs(a - b) / s for a, b, s
                                              in zip(held1, held0, scales))
            return {
                "id": f"{case_id}_{mode}",
                "mode": mode,
                "T0_K": T0,
                "P0_Pa": P0,
                "X0": X0,
                "T_K": state[0],
                "P_Pa": state[1],
                "density_kg_m3": state[2],
                "X": dict(zip(gas.species_names, state[3].tolist())),
                "h_mass_J_per_kg": state[4],
                "u_mass_J_per_kg": state[5],
                "s_mass_J_per_kg_K": state[6],
                "mean_molecular_weight_kg_per_mol": state[7] / KMOL,
                "cantera_solver": solver,
                "cantera_solver_inner": inner,
                "cantera_rtol": rtol,
                "T_outside_species_fit_range": bool(state[0] < gas.min_temp
                                                    or state[0] > gas.max_temp),
                "checks": checks,
            }, None
    return None, {"id": f"{case_id}_{mode}", "mode": mode, "T0_K": T0, "P0_Pa": P0,
                  "X0": X0, "errors": errors}


def equilibrium_cases(gas):
    cases, failed = [], []
    for mix_id, X0 in equilibrium_mixtures():
        for T0 in EQ_T0:
            for P0 in EQ_P0:
                for mode in MODES:
                    case_id = f"{mix_id}_T{T0:g}_P{P0:.0f}"
                    ok, bad = solve_case(gas, case_id, T0, P0, X0, mode)
                    (cases if ok else failed).append(ok or bad)
    return cases, failed


def summarize(cases, failed):
    print(f"equilibrium cases: {len(cases)} solved, {len(failed)} failed")
    used = Counter((c["mode"], c["cantera_solver"], c["cantera_solver_inner"],
                    c["cantera_rtol"]) for c in cases)
    for (mode, solver, inner, rtol), n in sorted(used.items()):
        print(f"  {mode} solver={solver} ({inner}) rtol={rtol:g}: {n}")
    fallback = [c for c in cases
                if c["cantera_solver"] != "auto" or c["cantera_rtol"] != RTOLS[0]]
    print(f"cases needing a fallback (solver != auto or rtol > {RTOLS[0]:g}): "
          f"{len(fallback)}")
    for key in ["element_balance_rel_err", "held_pair_rel_err", "mu_residual_over_RT"]:
        worst = max(cases, key=lambda c: c["checks"][key])
        print(f"max {key}: {worst['checks'][key]:.3e} ({worst['id']})")
    for f in failed:
        print(f"FAILED {f['id']}: {f['errors'][-1]['error']}")
    sanity = next(c for c in cases if c["id"] == "H2O2_r2.0_N2_0.0_T300_P101325_UV")
    print(f"sanity: stoich H2/O2 UV from 300 K, 1 atm -> T = {sanity['T_K']:.2f} K, "
          f"P/P0 = {sanity['P_Pa'] / sanity['P0_Pa']:.4f}")


def write_json(path, obj):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        json.dump(obj, fh, indent=1, sort_keys=True, allow_nan=False)
        fh.write("\n")
    print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size} bytes)")


def main():
    gas = load_gas()
    thermo = metadata(gas)
    thermo["species"] = species_table(gas)
    thermo["mixtures"] = mixture_states(gas)
    write_json(OUT_DIR / "thermo_h2o2.json", thermo)

    cases, failed = equilibrium_cases(gas)
    equil = metadata(gas)
    equil["solver_settings"] = {
        "call": "gas.TPX = T0_K, P0_Pa, X0; gas.equilibrate(mode, solver=s, "
                "rtol=r, max_steps=max_steps, max_iter=max_iter)",
        "solvers_tried_in_order": SOLVERS,
        "rtol_tried_in_order": RTOLS,
        "max_steps": MAX_STEPS,
        "max_iter": MAX_ITER,
        "estimate_equil": 0,
        "note": "For each rtol (tightest first) the solvers are tried in "
                "order; the first success is recorded in cantera_solver / "
                "cantera_rtol. In Cantera 3.2.0 'auto' = element_potential, then "
                "(MultiPhase) vcs, then gibbs; cantera_solver_inner is "
                "'element_potential' or 'vcs_or_gibbs'. 'gibbs' alone does not "
                "support UV or SV ('unknown option').",
    }
    equil["cases"] = cases
    equil["failed_cases"] = failed
    write_json(OUT_DIR / "equilibrium_h2o2.json", equil)
    summarize(cases, failed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
