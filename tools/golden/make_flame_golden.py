"""Generate Cantera golden data for the laminar burning velocity of petrocket-chem.

Freely propagating, adiabatic, 1-D premixed flames (``cantera.FreeFlame``)
with **mixture-averaged** transport (no Soret effect, no radiation) on the
repository's bundled mechanism ``crates/petrocket-chem/data/mechanisms/h2o2.yaml``
(phase ``ohmech``; GRI-Mech 3.0 H2/O2 subset + He), loaded from the file, never
from Cantera's built-in copy, exactly as ``make_kinetics_golden.py`` does.

Grid convergence: every flame is solved with a sequence of ever tighter
refinement criteria (after a coarse ``auto`` start: ``ratio = 2``,
``slope``/``curve`` halved at each level, starting at 0.05/0.10) until the
burning velocity changes by less than ``CONVERGED_REL`` (1 %) between the last
two levels (at most ``MAX_LEVELS``). Cantera discretises convection with
first-order upwinding, so lean flames converge slowly (about 1 % per halving
near phi = 0.5 with 2000+ points).
Both values, both grid sizes and the relative change are written to the JSON
so that the convergence can be checked; the golden value is the finest one.

Cases (``T0`` = 298.15 K, ``P0`` = 101325 Pa unless stated):

* ``h2_air_phi``: H2-air (O2:N2 = 1:3.76), phi 0.3-4;
* ``h2_o2_phi``:  H2-O2, phi 0.3-4;
* ``*_pressure``: both oxidisers, phi 0.5/1/2/4, P = 0.5, 2, 5 bar;
* ``*_temperature``: both oxidisers, phi 0.5/1/2/4, T = 250, 350, 400 K;
* ``h2_o2_dilution``: H2-O2 at phi 0.5/1/2 diluted with N2, AR, HE (mole
  fraction 0.2/0.4/0.6, and 0.7 at phi = 1) at 298.15 K and with H2O
  (0.1/0.2/0.3) at 400 K (below about 373 K steam would condense);
* ``h2_o2_dilution_pressure``: the same diluents at 0.5, 2, 5 bar (x = 0.4 at
  phi 0.5/1/2; x = 0.2/0.6 at phi 1 and 0.5/5 bar; H2O 0.2 at 400 K);
* ``h2_air_steam``: H2-air + H2O (0.1/0.2) at 400 K, phi 0.5/1/2, and at phi 1
  at 0.5, 2, 5 bar;
* ``holdout``: off-grid cases (phi, P = 3 bar, T = 320 K, 380 K with 0.7 bar,
  intermediate dilutions) that ``fit_flame_speed.py`` never uses: they test the
  fits between the grid points.

phi is the equivalence ratio (X_H2/X_O2) / 2; the diluent mole fraction is of
the whole mixture. Output: ``crates/petrocket-chem/tests/data/flame_speed.json``
(SI units: m/s, K, Pa). Run: ``/tmp/petrocket-golden-venv/bin/python
tools/golden/make_flame_golden.py`` (4-6 minutes on 2 cores).
"""

import json
import sys
import time
from pathlib import Path

import cantera as ct

REPO = Path(__file__).resolve().parents[2]
MECH = REPO / "crates/petrocket-chem/data/mechanisms/h2o2.yaml"
PHASE = "ohmech"
OUT = REPO / "crates/petrocket-chem/tests/data/flame_speed.json"
GENERATOR = Path(__file__).resolve().relative_to(REPO).as_posix()

T0 = 298.15
P0 = 101325.0
WIDTH = 0.03           # m, initial domain; auto=True widens it when needed
CONVERGED_REL = 0.01   # stop refining when S_L changes by less than this
MAX_LEVELS = 6
START_SLOPE = 0.05
START_CURVE = 0.10
MAX_GRID_POINTS = 6000
AIR_N2_O2 = 3.76
PHIS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0, 1.2, 1.5, 1.8, 2.0, 2.5, 3.0, 3.5, 4.0]
PT_PHIS = [0.5, 1.0, 2.0, 4.0]


def composition(phi, oxidiser, diluent=None, x_dil=0.0):
    """Mole fractions of H2 + O2 (+ N2 for air) at phi, then diluent x_dil."""
    x = {"H2": 2.0 * phi, "O2": 1.0}
    if oxidiser == "air":
        x["N2"] = AIR_N2_O2
    total = sum(x.values())
    x = {k: v / total * (1.0 - x_dil) for k, v in x.items()}
    if diluent:
        x[diluent] = x.get(diluent, 0.0) + x_dil
    return x


def solve(gas, T, P, x):
    gas.TPX = T, P, x
    flame = ct.FreeFlame(gas, width=WIDTH)
    flame.transport_model = "mixture-averaged"
    flame.set_max_grid_points(flame.flame, MAX_GRID_POINTS)
    # Coarse start (domain width chosen by auto=True), then ever finer grids.
    flame.set_refine_criteria(ratio=3.0, slope=0.1, curve=0.2)
    flame.solve(loglevel=0, auto=True)
    levels = []
    slope, curve = START_SLOPE, START_CURVE
    for level in range(MAX_LEVELS):
        flame.set_refine_criteria(ratio=2.0, slope=slope, curve=curve, prune=0.0)
        flame.solve(loglevel=0)
        levels.append((float(flame.velocity[0]), len(flame.grid), slope, curve))
        if len(levels) >= 2:
            change = abs(levels[-1][0] - levels[-2][0]) / levels[-1][0]
            if change < CONVERGED_REL:
                break
        slope, curve = slope / 2.0, curve / 2.0
    (s_prev, n_prev, sl_prev, cu_prev), (s_fin, n_fin, sl_fin, cu_fin) = levels[-2:]
    return {
        "laminar_burning_velocity_m_s": s_fin,
        "coarse_laminar_burning_velocity_m_s": s_prev,
        "grid_points": n_fin,
        "coarse_grid_points": n_prev,
        "refine_slope_curve": [sl_fin, cu_fin],
        "coarse_refine_slope_curve": [sl_prev, cu_prev],
        "relative_change_last_refinement": abs(s_fin - s_prev) / s_fin,
        "converged": abs(s_fin - s_prev) / s_fin < 0.01,
        "domain_width_m": float(flame.grid[-1] - flame.grid[0]),
        "burned_temperature_K": float(flame.T[-1]),
        "expansion_ratio": float(flame.density[0] / flame.density[-1]),
    }


def cases():
    out = []
    for ox in ("air", "O2"):
        tag = "h2_air" if ox == "air" else "h2_o2"
        for phi in PHIS:
            out.append((f"{tag}_phi", ox, phi, T0, P0, None, 0.0))
        for p_bar in (0.5, 2.0, 5.0):
            for phi in PT_PHIS:
                out.append((f"{tag}_pressure", ox, phi, T0, p_bar * 1e5, None, 0.0))
        for T in (250.0, 350.0, 400.0):
            for phi in PT_PHIS:
                out.append((f"{tag}_temperature", ox, phi, T, P0, None, 0.0))
    for dil in ("N2", "AR", "HE"):
        for phi in (0.5, 1.0, 2.0):
            levels = [0.2, 0.4, 0.6] + ([0.7] if phi == 1.0 else [])
            for xd in levels:
                out.append(("h2_o2_dilution", "O2", phi, T0, P0, dil, xd))
    # Dilution at other pressures: the pressure exponent depends on the dilution.
    for dil in ("N2", "AR", "HE"):
        for p_bar in (0.5, 2.0, 5.0):
            for phi in (0.5, 1.0, 2.0):
                out.append(("h2_o2_dilution_pressure", "O2", phi, T0, p_bar * 1e5, dil, 0.4))
            if p_bar != 2.0:
                for xd in (0.2, 0.6):
                    out.append(("h2_o2_dilution_pressure", "O2", 1.0, T0, p_bar * 1e5, dil, xd))
    for p_bar in (0.5, 2.0, 5.0):
        for phi in (0.5, 1.0, 2.0):
            out.append(("h2_o2_dilution_pressure", "O2", phi, 400.0, p_bar * 1e5, "H2O", 0.2))
        for xd in (0.1, 0.2):
            out.append(("h2_air_steam", "air", 1.0, 400.0, p_bar * 1e5, "H2O", xd))
    for phi in (0.5, 1.0, 2.0):
        for xd in (0.1, 0.2, 0.3):
            out.append(("h2_o2_dilution", "O2", phi, 400.0, P0, "H2O", xd))
        for xd in (0.1, 0.2):
            out.append(("h2_air_steam", "air", phi, 400.0, P0, "H2O", xd))
    # Off-grid hold-out cases: never used by fit_flame_speed.py, they test the fits
    # between the grid points (phi, P, T, dilution and combinations).
    for ox in ("air", "O2"):
        for phi in (0.75, 1.4, 3.0):
            out.append(("holdout", ox, phi, T0, 3.0e5, None, 0.0))
            out.append(("holdout", ox, phi, 320.0, P0, None, 0.0))
        out.append(("holdout", ox, 1.2, 380.0, 0.7e5, None, 0.0))
        out.append(("holdout", ox, 0.45 if ox == "air" else 0.35, T0, P0, None, 0.0))
    for phi, dil, xd, T in ((1.5, "N2", 0.5, T0), (0.8, "N2", 0.3, T0), (0.7, "AR", 0.3, T0),
                            (1.3, "HE", 0.5, T0), (1.5, "AR", 0.5, T0), (1.5, "H2O", 0.15, 400.0)):
        out.append(("holdout", "O2", phi, T, P0, dil, xd))
    out.append(("holdout", "air", 1.5, 400.0, P0, "H2O", 0.15))
    # Cross effects the grid never varies together: steam away from 400 K (above its dew
    # point), dilution away from 1 atm and 298 K.
    for ox, phi, dil, xd, T, P in (("O2", 1.0, "H2O", 0.1, 350.0, P0),
                                  ("air", 1.0, "H2O", 0.1, 350.0, P0),
                                  ("O2", 0.7, "H2O", 0.2, 373.15, P0),
                                  ("O2", 1.0, "N2", 0.4, T0, 3.0e5),
                                  ("O2", 1.5, "AR", 0.4, 350.0, P0),
                                  ("O2", 1.0, "HE", 0.4, 350.0, 0.7e5),
                                  ("O2", 0.8, "AR", 0.3, T0, 1.5e5),
                                  ("O2", 1.5, "HE", 0.5, T0, 3.0e5),
                                  ("O2", 0.7, "N2", 0.5, T0, 0.7e5),
                                  ("O2", 1.2, "H2O", 0.15, 400.0, 3.0e5),
                                  ("air", 1.5, "H2O", 0.15, 400.0, 3.0e5)):
        out.append(("holdout", ox, phi, T, P, dil, xd))
    return out


def main():
    gas = ct.Solution(str(MECH), PHASE)
    results = []
    failures = []
    t_start = time.time()
    for group, ox, phi, T, P, dil, xd in cases():
        x = composition(phi, ox, dil, xd)
        try:
            r = solve(gas, T, P, x)
        except ct.CanteraError as err:  # recorded, never silently dropped
            failures.append({"group": group, "phi": phi, "error": str(err)[:300]})
            print(f"FAILED {group} phi={phi} {dil}={xd}: {err}", file=sys.stderr)
            continue
        case = {
            "group": group,
            "oxidiser": ox,
            "phi": phi,
            "diluent": dil,
            "diluent_mole_fraction": xd,
            "T_K": T,
            "P_Pa": P,
            "mole_fractions": x,
        }
        case.update(r)
        results.append(case)
        print(f"{group:18s} {ox:3s} phi={phi:4.2f} T={T:5.1f} P={P:8.0f} "
              f"{dil or '-':3s} {xd:4.2f}: S_L={r['laminar_burning_velocity_m_s']:.4f} "
              f"(coarse {r['coarse_laminar_burning_velocity_m_s']:.4f}, "
              f"{r['grid_points']} pts)", file=sys.stderr)
    doc = {
        "generator": GENERATOR,
        "cantera_version": ct.__version__,
        "mechanism": "crates/petrocket-chem/data/mechanisms/h2o2.yaml",
        "phase": PHASE,
        "flame": "cantera.FreeFlame, adiabatic, mixture-averaged transport, no Soret, no radiation",
        "grid_convergence": {
            "ratio": 2.0,
            "start_slope_curve": [START_SLOPE, START_CURVE],
            "stop_when_relative_change_below": CONVERGED_REL,
            "max_levels": MAX_LEVELS,
        },
        "units": {"laminar_burning_velocity_m_s": "m/s", "T_K": "K", "P_Pa": "Pa"},
        "phi_definition": "(X_H2 / X_O2) / 2",
        "air_N2_O2": AIR_N2_O2,
        "failures": failures,
        "cases": results,
    }
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(REPO)}: {len(results)} cases, "
          f"{len(failures)} failures, {time.time() - t_start:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
