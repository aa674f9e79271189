"""Generate Cantera golden data for the chemical kinetics of petrocket-chem.

The mechanisms are loaded from the repository's own files, never from
Cantera's built-in copies, so the Rust code and Cantera read identical data:

* ``crates/petrocket-chem/data/mechanisms/h2o2.yaml``, phase ``ohmech``
  (the bundled H2/O2 mechanism, 11 species, 29 reactions);
* ``crates/petrocket-chem/tests/data/gri30.yaml``, phase ``gri30``
  (GRI-Mech 3.0, 53 species, 325 reactions);
* ``crates/petrocket-chem/tests/data/kinetics_features.yaml``, phase
  ``features`` (kinetics rates only): a synthetic 10-species, 23-reaction test
  mechanism covering the rate types the other two lack (PLOG, Chebyshev,
  chemically activated, SRI, Tsang, 3-parameter Troe, explicit orders,
  negative A, (+AR) collider, default-efficiency 0, ...).

Outputs (relative to the repository root):

* ``crates/petrocket-chem/tests/golden/kinetics_rates.json`` -- per-reaction
  forward/reverse rate constants, equilibrium constants, rates of progress,
  per-species net production rates and the heat-release rate, at states
  sampled from constant-volume ignition trajectories (every species non-zero)
  and at states in the falloff regime of the falloff reactions; for the
  synthetic ``features`` mechanism at seeded random compositions and one TP
  equilibrium composition over 300-2800 K and 0.01-100 bar.
* ``crates/petrocket-chem/tests/golden/ignition.json`` -- adiabatic
  constant-volume (``IdealGasReactor``, "cv") and constant-pressure
  (``IdealGasConstPressureReactor``, "cp") ignition runs: ignition delays
  (max dT/dt, max dP/dt, T0 + 400 K), peak pressure and temperature, max
  dP/dt, final state, step counts and Cantera's conservation drift.

Units are SI with *mol*, not kmol. Per-kmol Cantera values are divided by
1000, and per-volume amounts are multiplied by 1000: concentrations mol/m^3,
rates of progress and net production rates mol/(m^3 s) (= Cantera's
kmol/(m^3 s) x 1000). Rate constants are in (m^3/mol)^(m-1)/s, where m is
the forward order (m + dn for kr). Kc is in (mol/m^3)^dn. The heat-release rate is in W/m^3,
T in K, P in Pa and times in s. The rate-constant conventions (what Cantera
3.2's kf includes for three-body, falloff, chemically activated, PLOG,
Chebyshev and explicit-order reactions) are checked
numerically and written into the JSON under ``conventions``. See
tools/golden/README.md for the meaning of every field.
Run via ``bash tools/golden/run.sh``.
"""

import hashlib
import json
import math
import sys
import warnings
from pathlib import Path

import cantera as ct
import numpy as np

REPO = Path(__file__).resolve().parents[2]
OUT_DIR = REPO / "crates/petrocket-chem/tests/golden"
GENERATOR = Path(__file__).resolve().relative_to(REPO).as_posix()

MECHS = {
    "h2o2": (REPO / "crates/petrocket-chem/data/mechanisms/h2o2.yaml", "ohmech"),
    "gri30": (REPO / "crates/petrocket-chem/tests/data/gri30.yaml", "gri30"),
    "features": (REPO / "crates/petrocket-chem/tests/data/kinetics_features.yaml",
                 "features"),
}
# kinetics_rates.json covers all three; ignition.json only the real mechanisms.
KIN_MECHS = ["h2o2", "gri30", "features"]
IGNITION_MECHS = ["h2o2", "gri30"]

KMOL = 1000.0  # mol per kmol

# Reactor settings: Cantera's ReactorNet defaults, set explicitly.
RTOL = 1e-9
ATOL = 1e-15
MAX_IGNITION_TIME = 1.0   # s; cases not reaching T0 + 400 K by then are dropped
END_TIME_FACTOR = 5.0     # end time = 5 x ignition delay (max dT/dt)
T_RISE = 400.0            # K, for ignition_delay_T400_s

# Species mole fractions of sampled kinetics states are floored at this value
# (then renormalised by Cantera) so that every species is strictly positive
# and no rate-of-progress product underflows.
X_FLOOR = 1e-20

BAR = 1e5
ATM = 101325.0


# ------------------------------------------------------------------ helpers

def load(key):
    path, phase = MECHS[key]
    return ct.Solution(str(path), phase)


def mech_metadata(key, gas):
    path, phase = MECHS[key]
    return {
        "key": key,
        "mechanism": path.relative_to(REPO).as_posix(),
        "mechanism_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "phase": phase,
        "species_order": gas.species_names,
    }


def flist(a):
    return [float(v) for v in a]


def make_reactor(gas, reactor):
    """Reactor on `gas` itself (clone=False: gas always holds the reactor state)."""
    cls = {"cv": ct.IdealGasReactor, "cp": ct.IdealGasConstPressureReactor}[reactor]
    r = cls(gas, clone=False, energy="on")
    net = ct.ReactorNet([r])
    net.rtol = RTOL
    net.atol = ATOL
    return r, net


def rates_from_state(gas, reactor):
    """(dT/dt [K/s], dP/dt [Pa/s] or None) from the energy equation at gas's state.

    cv: dT/dt = -sum_k u_k wdot_k / (rho c_v),  dP/dt = R (T sum_k wdot_k + C dT/dt)
    cp: dT/dt = -sum_k h_k wdot_k / (rho c_p),  dP/dt not defined (P is held).
    Cantera units (J/kmol, kmol/m^3/s) cancel; results are in K/s and Pa/s.
    """
    wdot = gas.net_production_rates
    if reactor == "cv":
        dTdt = -float(np.dot(gas.partial_molar_int_energies, wdot)) / (gas.density * gas.cv_mass)
        C = gas.P / (ct.gas_constant * gas.T)  # total concentration, kmol/m^3
        dPdt = ct.gas_constant * (gas.T * float(np.sum(wdot)) + C * dTdt)
        return dTdt, dPdt
    dTdt = -float(np.dot(gas.partial_molar_enthalpies, wdot)) / (gas.density * gas.cp_mass)
    return dTdt, None


def parabola_vertex(t, f, i):
    """Vertex time of the parabola through (t[i-1..i+1], f[i-1..i+1]); t[i] at the ends."""
    if i == 0 or i == len(t) - 1:
        return float(t[i])
    t0, t1, t2 = t[i - 1], t[i], t[i + 1]
    f0, f1, f2 = f[i - 1], f[i], f[i + 1]
    d1 = (f1 - f0) / (t1 - t0)
    d2 = (f2 - f1) / (t2 - t1)
    a = (d2 - d1) / (t2 - t0)
    if not a < 0.0:  # flat or not a maximum: keep the step itself
        return float(t1)
    return float(0.5 * (t0 + t1) - d1 / (2.0 * a))


def first_crossing(t, y, level):
    """Time y first reaches `level`, linear between the bracketing points; None if never."""
    for j in range(len(y)):
        if y[j] >= level:
            if j == 0:
                return float(t[0])
            return float(t[j - 1] + (level - y[j - 1]) * (t[j] - t[j - 1]) / (y[j] - y[j - 1]))
    return None


def run_reactor(gas, reactor, T0, P0, X0, end_time, n_steps_before_end=None,
                keep_states=False):
    """Integrate from (T0, P0, X0) and record the state at every accepted step.

    Without `n_steps_before_end`: net.step() until net.time >= end_time (the
    last step may pass end_time). With it: exactly that many net.step() calls,
    then net.advance(end_time), so the run ends exactly at end_time (CVODES
    interpolates inside the step that passes end_time; Cantera 3.2 cannot
    integrate backwards, so the step count comes from a first run).
    Returns a dict of per-point arrays; point 0 is the initial state.
    """
    gas.TPX = T0, P0, X0
    r, net = make_reactor(gas, reactor)
    ts, Ts, Ps, dT, dP, us, rhos, hs, sumY = [], [], [], [], [], [], [], [], []
    states = []

    def record(t):
        a, b = rates_from_state(gas, reactor)
        ts.append(t)
        Ts.append(gas.T)
        Ps.append(gas.P)
        dT.append(a)
        dP.append(b)
        us.append(gas.int_energy_mass)
        rhos.append(gas.density)
        hs.append(gas.enthalpy_mass)
        sumY.append(float(np.sum(r.get_state()[-gas.n_species:])))
        if keep_states:
            states.append((t, gas.T, gas.P, gas.X.copy()))

    record(0.0)
    n = 0
    if n_steps_before_end is None:
        while net.time < end_time:
            net.step()
            n += 1
            record(net.time)
    else:
        for _ in range(n_steps_before_end):
            net.step()
            n += 1
            record(net.time)
        assert net.time < end_time
        net.advance(end_time)
        record(end_time)
    return {
        "t": np.array(ts), "T": np.array(Ts), "P": np.array(Ps),
        "dTdt": np.array(dT), "dPdt": None if reactor == "cp" else np.array(dP),
        "u": np.array(us), "rho": np.array(rhos), "h": np.array(hs),
        "sumY": np.array(sumY), "X_final": gas.X.copy(), "net": net,
        "n_step_calls": n, "states": states,
    }


def ignition_delay(run):
    i = int(np.argmax(run["dTdt"]))
    return parabola_vertex(run["t"], run["dTdt"], i)


def write_json(path, obj):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        json.dump(obj, fh, indent=1, sort_keys=True, allow_nan=False)
        fh.write("\n")
    print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size} bytes)")


# ------------------------------------------------------------ kinetics rates

def reaction_info(gas):
    """Per-reaction static data and the forward order m used for unit conversion."""
    info = []
    for i, rxn in enumerate(gas.reactions()):
        orders = dict(rxn.reactants)
        # Explicit orders replace the stoichiometric ones and may name non-reactants
        # (`nonreactant-orders: true`); Cantera allows them on irreversible reactions only.
        orders.update(rxn.orders)
        falloff = rxn.reaction_type.startswith("falloff") or \
            rxn.reaction_type.startswith("chemically-activated")
        tb = rxn.third_body is not None
        three_body = tb and not falloff
        m = sum(orders.values()) + (1 if three_body else 0)
        dn = sum(rxn.products.values()) - sum(rxn.reactants.values())
        # Cross-check m against Cantera's own units of kf: kmol^-(m-1).
        q = rxn.rate_coeff_units.dimension("quantity")
        assert abs(q + (m - 1)) < 1e-12, (rxn.equation, q, m)
        info.append({
            "index": i,
            "equation": rxn.equation,
            "type": rxn.reaction_type,
            "reversible": bool(rxn.reversible),
            "duplicate": bool(rxn.duplicate),
            "third_body": rxn.third_body.name if tb else None,
            "reactant_orders": {k: float(v) for k, v in orders.items()},
            "product_stoich": {k: float(v) for k, v in rxn.products.items()},
            "forward_order": float(m),
            "delta_n": float(dn),
            "_falloff": falloff,
            "_three_body": three_body,
            "_orders_idx": [(gas.species_index(k), v) for k, v in orders.items()],
            "_prod_idx": [(gas.species_index(k), v) for k, v in rxn.products.items()],
        })
    return info


def rates_at_state(gas, info, T, P, X):
    """All kinetics quantities at (T, P, X), converted to mol units, plus checks."""
    gas.TPX = T, P, X
    n_r = gas.n_reactions
    C = gas.concentrations * KMOL                     # mol/m^3
    M = gas.third_body_concentrations * KMOL          # mol/m^3 (NaN if no 3rd body)
    kf_c = gas.forward_rate_constants
    kr_c = gas.reverse_rate_constants
    Kc_c = gas.equilibrium_constants
    kf = np.array([kf_c[j] / KMOL ** (info[j]["forward_order"] - 1) for j in range(n_r)])
    kr = np.array([kr_c[j] / KMOL ** (info[j]["forward_order"] + info[j]["delta_n"] - 1)
                   for j in range(n_r)])
    Kc = np.array([Kc_c[j] * KMOL ** info[j]["delta_n"] for j in range(n_r)])
    rop_f = gas.forward_rates_of_progress * KMOL
    rop_r = gas.reverse_rates_of_progress * KMOL
    rop_net = gas.net_rates_of_progress * KMOL
    wdot = gas.net_production_rates * KMOL
    hrr = float(gas.heat_release_rate)

    # ---- checks of the conventions, all in mol units
    err = {"rop_f_vs_kf_prodC": 0.0, "rop_r_vs_kr_prodC": 0.0, "kr_vs_kf_over_Kc": 0.0,
           "falloff_kf_vs_formula": 0.0, "arrhenius_kf_vs_formula": 0.0,
           "plog_kf_vs_formula": 0.0, "chebyshev_kf_vs_formula": 0.0,
           "wdot_vs_nu_rop": 0.0, "hrr_vs_h_wdot": 0.0}

    def rel(a, b):
        return abs(a - b) / max(abs(a), abs(b)) if (a or b) else 0.0

    falloff = []
    pdep = []
    for j, d in enumerate(info):
        fwd = kf[j] * math.prod(C[k] ** o for k, o in d["_orders_idx"])
        rev = kr[j] * math.prod(C[k] ** o for k, o in d["_prod_idx"])
        if d["_three_body"]:
            fwd *= M[j]
            rev *= M[j]
        err["rop_f_vs_kf_prodC"] = max(err["rop_f_vs_kf_prodC"], rel(fwd, rop_f[j]))
        err["rop_r_vs_kr_prodC"] = max(err["rop_r_vs_kr_prodC"], rel(rev, rop_r[j]))
        if d["reversible"]:
            err["kr_vs_kf_over_Kc"] = max(err["kr_vs_kf_over_Kc"], rel(kr[j], kf[j] / Kc[j]))
        else:
            assert kr[j] == 0.0 and rop_r[j] == 0.0
        if d["_falloff"]:
            rate = gas.reaction(j).rate
            k0_c, kinf_c = rate.low_rate(T), rate.high_rate(T)
            M_c = gas.third_body_concentrations[j]
            Pr = k0_c * M_c / kinf_c
            F = rate.falloff_function(T, M_c)
            if rate.chemically_activated:
                formula = k0_c / (1.0 + Pr) * F
            else:
                formula = kinf_c * Pr / (1.0 + Pr) * F
            err["falloff_kf_vs_formula"] = max(err["falloff_kf_vs_formula"],
                                               rel(formula, kf_c[j]))
            m = d["forward_order"]
            # Falloff: k0 is one order above the reaction (m + 1), kinf has order m.
            # Chemically activated: k0 has the reaction's order m, kinf one order less.
            m0 = m if rate.chemically_activated else m + 1
            falloff.append({
                "reaction_index": j,
                "k0": k0_c / KMOL ** (m0 - 1),          # (m^3/mol)^(m0-1) / s
                "kinf": kinf_c / KMOL ** (m0 - 2),      # (m^3/mol)^(m0-2) / s
                "M_mol_m3": float(M[j]),
                "Pr": float(Pr),
                "F": float(F),
            })
        elif d["type"] in ("Arrhenius", "three-body-Arrhenius"):
            rate = gas.reaction(j).rate
            formula = arrhenius_k(rate, T)
            err["arrhenius_kf_vs_formula"] = max(err["arrhenius_kf_vs_formula"],
                                                 rel(formula, kf_c[j]))
        elif d["type"] == "pressure-dependent-Arrhenius":
            formula, piece = plog_k(gas.reaction(j).rate, T, gas.P)
            err["plog_kf_vs_formula"] = max(err["plog_kf_vs_formula"], rel(formula, kf_c[j]))
            pdep.append({"reaction_index": j, **piece})
        elif d["type"] == "Chebyshev":
            formula, piece = chebyshev_k(gas.reaction(j).rate, T, gas.P)
            err["chebyshev_kf_vs_formula"] = max(err["chebyshev_kf_vs_formula"],
                                                 rel(formula, kf_c[j]))
            pdep.append({"reaction_index": j, **piece})
        else:
            raise ValueError(f"no kf check for reaction type {d['type']}")
    nu = gas.product_stoich_coeffs - gas.reactant_stoich_coeffs
    w2 = nu @ rop_net
    scale = np.max(np.abs(gas.creation_rates * KMOL)) or 1.0
    err["wdot_vs_nu_rop"] = float(np.max(np.abs(w2 - wdot)) / scale)
    h = gas.partial_molar_enthalpies / KMOL
    hrr2 = -float(np.dot(h, wdot))
    err["hrr_vs_h_wdot"] = abs(hrr2 - hrr) / float(np.sum(np.abs(h * wdot)) or 1.0)

    n_falloff_regime = sum(1 for f in falloff if 0.1 <= f["Pr"] <= 10.0)
    extra = {"pressure_dependent": pdep} if pdep else {}
    return {
        "T_K": float(gas.T),
        "P_Pa": float(gas.P),
        "X": flist(gas.X),
        "density_kg_m3": float(gas.density),
        "concentrations_mol_m3": flist(C),
        "third_body_concentration_mol_m3": [None if math.isnan(v) else float(v) for v in M],
        "kf": flist(kf),
        "kr": flist(kr),
        "Kc": flist(Kc),
        "rop_f": flist(rop_f),
        "rop_r": flist(rop_r),
        "rop_net": flist(rop_net),
        "wdot": flist(wdot),
        "heat_release_rate_W_m3": hrr,
        "falloff": falloff,
        "n_falloff_reactions_with_Pr_in_0.1_10": n_falloff_regime,
        **extra,
    }, err


def arrhenius_k(rate, T):
    """A T^b exp(-Ea/(R T)) from Cantera's own (SI, kmol) parameters."""
    return (rate.pre_exponential_factor * T ** rate.temperature_exponent
            * math.exp(-rate.activation_energy / (ct.gas_constant * T)))


def plog_k(rate, T, P):
    """PLOG kf (Cantera units) recomputed independently, and the interpolation pieces.

    Entries at the same pressure are summed; ln k is linear in ln P between the
    bracketing table pressures; outside the table the nearest end's k is used.
    """
    table = {}
    for p, arr in rate.rates:
        table.setdefault(p, []).append(arr)
    ps = sorted(table)
    k_at = {p: math.fsum(arrhenius_k(a, T) for a in table[p]) for p in ps}
    lnP = math.log(P)
    if P <= ps[0]:
        lo = hi = ps[0]
        where = "at_or_below_table" if P < ps[0] else "at_lowest"
    elif P >= ps[-1]:
        lo = hi = ps[-1]
        where = "at_or_above_table" if P > ps[-1] else "at_highest"
    else:
        hi = next(p for p in ps if p > P)
        lo = ps[ps.index(hi) - 1]
        where = "inside_table"
    if lo == hi:
        k, w = k_at[lo], 0.0
    else:
        w = (lnP - math.log(lo)) / (math.log(hi) - math.log(lo))
        k = math.exp(math.log(k_at[lo]) + w * (math.log(k_at[hi]) - math.log(k_at[lo])))
    piece = {"type": "pressure-dependent-Arrhenius", "where": where,
             "P_low_Pa": float(lo), "P_high_Pa": float(hi), "weight_high": float(w),
             "n_entries_low": len(table[lo]), "n_entries_high": len(table[hi])}
    return k, piece


def chebyshev_k(rate, T, P):
    """Chebyshev kf (Cantera units) recomputed independently, and the reduced T and P.

    log10 k = sum_tp a_tp phi_t(Tr) phi_p(Pr), no clipping outside the ranges.
    """
    Tmin, Tmax = rate.temperature_range
    Pmin, Pmax = rate.pressure_range
    Tr = (2.0 / T - 1.0 / Tmin - 1.0 / Tmax) / (1.0 / Tmax - 1.0 / Tmin)
    Pr = ((2.0 * math.log10(P) - math.log10(Pmin) - math.log10(Pmax))
          / (math.log10(Pmax) - math.log10(Pmin)))
    lg = float(np.polynomial.chebyshev.chebval2d(Tr, Pr, np.asarray(rate.data)))
    piece = {"type": "Chebyshev", "T_reduced": Tr, "P_reduced": Pr,
             "T_inside_range": bool(Tmin <= T <= Tmax),
             "P_inside_range": bool(Pmin <= P <= Pmax)}
    return 10.0 ** lg, piece


def sample_trajectory(gas, T0, P0, X0):
    """CV ignition trajectory; returns named sample states (T, P, X)."""
    run = run_reactor(gas, "cv", T0, P0, X0, MAX_IGNITION_TIME, keep_states=True)
    st = run["states"]
    T = run["T"]
    i_ign = int(np.argmax(run["dTdt"]))
    i_ind = next(j for j in range(len(T)) if T[j] >= T0 + 2.0)
    T_end = T[-1]
    i_post = next(j for j in range(len(T)) if T[j] >= T0 + 0.95 * (T_end - T0))
    # "end": first point past 3 x the ignition delay (close to equilibrium)
    t_ign = run["t"][i_ign]
    i_end = next(j for j in range(len(T)) if run["t"][j] >= 3.0 * t_ign)
    pick = {"induction": i_ind, "ignition": i_ign, "post_ignition": i_post, "end": i_end}
    return {name: st[j] for name, j in pick.items()}


def floored(X):
    X = np.maximum(np.asarray(X, dtype=float), X_FLOOR)
    return X / X.sum()


# Trajectories to sample: (label, T0, P0, X0).
KIN_TRAJ = {
    "h2o2": [
        ("A", 1000.0, 1 * BAR, "H2:2,O2:1,N2:3,AR:2,HE:2"),
        ("B", 1200.0, 15 * BAR, "H2:4,O2:1,AR:3,HE:3,N2:2"),
        ("C", 1400.0, 10 * BAR, "H2:1,O2:1,N2:2,AR:2,HE:2"),
    ],
    "gri30": [
        ("D", 1200.0, 10 * BAR, "CH4:0.7,O2:2,N2:7.52,AR:0.09"),
        ("E", 1000.0, 5 * BAR, "H2:1,CO:1,O2:1,N2:6,AR:0.05"),
    ],
}
# States: (id, trajectory label, sample name, T override, P override).
# Override None keeps the trajectory's own T or P.
KIN_STATES = {
    "h2o2": [
        ("A_induction", "A", "induction", None, None),
        ("A_ignition", "A", "ignition", None, None),
        ("A_end", "A", "end", None, None),
        ("B_ignition", "B", "ignition", None, None),
        ("B_post_ignition", "B", "post_ignition", None, None),
        ("C_end", "C", "end", None, None),
        ("A_ignition_X_at_300K_0.1bar", "A", "ignition", 300.0, 0.1 * BAR),
        ("B_ignition_X_at_300K_1bar_falloff", "B", "ignition", 300.0, 1 * BAR),
        ("A_ignition_X_at_1000K_50bar_falloff", "A", "ignition", 1000.0, 50 * BAR),
        ("C_end_X_at_2800K_50bar", "C", "end", 2800.0, 50 * BAR),
    ],
    "gri30": [
        ("D_induction", "D", "induction", None, None),
        ("D_ignition", "D", "ignition", None, None),
        ("D_end", "D", "end", None, None),
        ("E_ignition", "E", "ignition", None, None),
        ("E_post_ignition", "E", "post_ignition", None, None),
        ("D_ignition_X_at_300K_0.1bar_falloff", "D", "ignition", 300.0, 0.1 * BAR),
        ("D_ignition_X_at_800K_1bar_falloff", "D", "ignition", 800.0, 1 * BAR),
        ("E_ignition_X_at_1500K_50bar_falloff", "E", "ignition", 1500.0, 50 * BAR),
        ("D_end_X_at_2800K_50bar", "D", "end", 2800.0, 50 * BAR),
    ],
}

# States of the synthetic `features` mechanism (no trajectories): (id, T, P, composition).
# ("random", seed): X_k = 10**u_k / sum, u = numpy.random.default_rng(seed).uniform(
#     *FEATURES_LOG10_X_RANGE, n_species) -- every species between ~1e-4 and 1, so every
#     reaction runs far from equilibrium and no product underflows.
# ("equilibrium", X0): TP equilibrium of X0 at (T, P) (gas.equilibrate("TP")), floored at
#     X_FLOOR like the trajectory samples -- net rates cancel (near-equilibrium test).
# Pressures relative to the PLOG table of 'H + HO2 <=> 2 OH' (0.1, 1 (x2), 10 (x2), 50 atm)
# and the Chebyshev range of 'H + HO2 <=> H2 + O2' ([0.1, 20] atm, T in [290, 3000] K):
FEATURES_LOG10_X_RANGE = (-4.0, 0.0)
FEATURES_STATES = [
    # below the PLOG table and the Chebyshev range
    ("F1_random_300K_0.01bar", 300.0, 0.01 * BAR, ("random", 1)),
    # exactly the lowest PLOG pressure and the Chebyshev Pmin
    ("F2_random_600K_0.1atm", 600.0, 0.1 * ATM, ("random", 2)),
    # between 0.1 and 1 atm; inside the Chebyshev range
    ("F3_random_900K_0.5bar", 900.0, 0.5 * BAR, ("random", 3)),
    # exactly 1 atm (two summed PLOG entries)
    ("F4_random_1200K_1atm", 1200.0, 1.0 * ATM, ("random", 4)),
    # between 1 and 10 atm; inside the Chebyshev range
    ("F5_random_1500K_5bar", 1500.0, 5 * BAR, ("random", 5)),
    # exactly 10 atm (two summed PLOG entries)
    ("F6_random_1800K_10atm", 1800.0, 10.0 * ATM, ("random", 6)),
    # between 10 and 50 atm; above the Chebyshev Pmax
    ("F7_random_2200K_30bar", 2200.0, 30 * BAR, ("random", 7)),
    # above the PLOG table and the Chebyshev range
    ("F8_random_2800K_100bar", 2800.0, 100 * BAR, ("random", 8)),
    # exactly the highest PLOG pressure; near equilibrium
    ("F9_equilibrium_2500K_50atm", 2500.0, 50.0 * ATM, ("equilibrium", "H2:2,O2:1,N2:2,AR:1")),
]


def features_state_X(gas, T, P, spec):
    """Composition of a `features` state and its `source` description."""
    kind = spec[0]
    if kind == "random":
        seed = spec[1]
        u = np.random.default_rng(seed).uniform(*FEATURES_LOG10_X_RANGE, gas.n_species)
        X = 10.0 ** u
        return X / X.sum(), {
            "kind": "random", "seed": seed,
            "log10_X_range": list(FEATURES_LOG10_X_RANGE),
            "recipe": "u = numpy.random.default_rng(seed).uniform(lo, hi, n_species); "
                      "X = 10**u / sum(10**u) (numpy 2.4.6 PCG64)",
        }
    if kind == "equilibrium":
        gas.TPX = T, P, spec[1]
        gas.equilibrate("TP")
        return floored(gas.X), {"kind": "equilibrium", "mode": "TP", "composition": spec[1],
                                "x_floor": X_FLOOR}
    raise ValueError(kind)


CONVENTIONS = {
    "units": "SI with mol: concentrations mol/m^3; rop_f, rop_r, rop_net, wdot in "
             "mol/(m^3 s) (Cantera kmol/(m^3 s) x 1000); heat_release_rate_W_m3 in "
             "W/m^3; kf in (m^3/mol)^(m-1)/s with m = forward_order; kr in "
             "(m^3/mol)^(m+dn-1)/s; Kc in (mol/m^3)^dn with dn = delta_n.",
    "forward_rate_constant": "Cantera 3.2 forward_rate_constants (default, not legacy). "
        "rop_f = kf * prod_k C_k^order_k * [M] for three-body reactions, and "
        "rop_f = kf * prod_k C_k^order_k for all others (verified numerically, see "
        "checks).",
    "three_body": "kf of a three-body reaction EXCLUDES [M]: kf = A T^b exp(-Ea/RT), "
        "and [M] = sum_k eff_k C_k (listed efficiencies, default_efficiency (1) for "
        "the others; third_body_concentration_mol_m3 gives it per reaction). "
        "forward_order m counts [M] (e.g. H + O2 + M: m = 3).",
    "explicit_collider": "Cantera 3.2 reads a reaction whose species appears on both "
        "sides as a third-body reaction with that collider (efficiency 1, default 0): "
        "'H + O2 + O2 <=> HO2 + O2', '2 H + H2 <=> H2 + H2', 'HCO + H2O <=> CO + H + "
        "H2O', even 'CH3CHO + CH3 => CH4 + CO + CH3'. Then [M] = [collider], "
        "reactant_orders/product_stoich exclude the collider, and kf excludes [M]. "
        "Treated as ordinary elementary reactions the rates and kf values are the "
        "same (same total order).",
    "falloff": "kf of a falloff reaction INCLUDES the pressure dependence at the "
        "state's [M]: kf = kinf * Pr/(1+Pr) * F, Pr = k0 [M]/kinf, F = 1 (Lindemann) "
        "or Troe F(T, Pr); rop_f = kf * prod_k C_k^order_k (no extra [M]). "
        "forward_order m excludes [M]. The per-state 'falloff' list gives k0, kinf, [M], "
        "Pr, F. '(+AR)' (explicit collider): [M] = [AR] (efficiency 1, default 0).",
    "chemically_activated": "kf = k0/(1+Pr) * F with the same Pr = k0 [M]/kinf and F "
        "(Lindemann/Troe/SRI/Tsang as for falloff); rop_f = kf * prod_k C_k^order_k (no "
        "extra [M]). Units: k0 has the reaction's own order m (= forward_order, the "
        "low-pressure limit is the bimolecular rate), kinf ONE ORDER LESS (m-1); Cantera "
        "converts the file's low-P-rate-constant with order m and high-P-rate-constant "
        "with order m-1. In the per-state 'falloff' list k0 is in (m^3/mol)^(m-1)/s and "
        "kinf in (m^3/mol)^(m-2)/s for these reactions.",
    "sri_tsang_troe": "SRI: F = d (a exp(-b/T) + exp(-T/c))^X T^e, X = 1/(1 + log10(Pr)^2), "
        "d = 1 and e = 0 if omitted (3-parameter form). Tsang: Troe's broadening with "
        "Fcent = A + B T. Troe without T2: Fcent = (1-A) exp(-T/T3) + A exp(-T/T1) (no "
        "exp(-T2/T) term).",
    "plog": "pressure-dependent-Arrhenius: k(P_i) = sum of all Arrhenius entries given at "
        "the same pressure P_i (summed before taking the log); ln kf is linear in ln P "
        "between the two bracketing table pressures; outside the table kf = k at the "
        "nearest end pressure (no extrapolation). P is the phase pressure in Pa (= C R T). "
        "kf units: (m^3/mol)^(m-1)/s as elementary. Cantera converts '1 atm' to "
        "101324.99999999999 Pa (10 atm to 1013249.9999999992 Pa), so a state at exactly "
        "101325 Pa lies a hair above the 1 atm entry; the interpolation is continuous, so "
        "the difference is ~1e-16 relative. The per-state 'pressure_dependent' list gives "
        "the bracket and the weight.",
    "chebyshev": "log10 kf = sum_t sum_p a[t][p] T_t(Tr) T_p(Pr) (Chebyshev polynomials "
        "of the first kind), Tr = (2/T - 1/Tmin - 1/Tmax)/(1/Tmax - 1/Tmin), Pr = "
        "(2 log10 P - log10 Pmin - log10 Pmax)/(log10 Pmax - log10 Pmin), P in Pa. NO "
        "clipping: outside temperature-range/pressure-range the polynomials are "
        "extrapolated (|Tr| or |Pr| > 1). data[0][0] is log10 k in the file's units; "
        "Cantera adds log10 of the rate-constant unit factor of order m to a[0][0] only "
        "(cm^3/mol/s -> m^3/mol/s: -6). The per-state 'pressure_dependent' list gives Tr, "
        "Pr.",
    "orders": "Explicit 'orders' replace the stoichiometric reactant orders and may name "
        "non-reactants ('nonreactant-orders: true') with fractional or negative values "
        "('negative-orders: true'): rop_f = kf * prod_k C_k^o_k over all ordered species "
        "(C_k^o with o non-integer via pow, all C_k > 0 here). forward_order m = sum of "
        "all orders (incl. non-reactants; may be fractional), and the file's A is "
        "converted with that m, e.g. (cm^3/mol)^(m-1)/s. Cantera accepts orders only on "
        "irreversible reactions ('Reaction orders may only be given for irreversible "
        "reactions'); reactant_orders lists them. product_stoich and Kc are unaffected.",
    "negative_A": "'negative-A: true' allows A < 0: kf, rop_f (and rop_r) are negative for "
        "that reaction and are reported as such; its duplicate partner(s) keep the sum "
        "positive. Negative Ea is an ordinary Arrhenius rate.",
    "reverse": "kr = kf / Kc for reversible reactions (Cantera reverse_rate_constants), "
        "0 for irreversible ones; rop_r = kr * prod_k C_k^nu''_k (* [M] if three-body).",
    "equilibrium_constant": "Kc in concentration units (mol/m^3)^dn, dn = sum products "
        "- sum reactants (colliders excluded) = Cantera Kc x 1000^dn; Kc is also "
        "defined (finite) for irreversible reactions.",
    "wdot": "wdot_k = sum_j (nu''_kj - nu'_kj) rop_net_j, mol/(m^3 s).",
    "heat_release_rate": "Cantera heat_release_rate = -sum_k h_k wdot_k (h_k partial "
        "molar enthalpies), W/m^3 (unit-independent).",
    "rop_net_near_equilibrium": "rop_net = rop_f - rop_r can cancel; compare rop_f and "
        "rop_r relatively, and rop_net / wdot with a tolerance scaled by rop_f / the "
        "creation rates.",
}


def kinetics_golden():
    out = {
        "generator": GENERATOR,
        "cantera_version": ct.__version__,
        "gas_constant_J_per_mol_K": ct.gas_constant / KMOL,
        "conventions": CONVENTIONS,
        "x_floor": X_FLOOR,
        "mechanisms": [],
    }
    worst = {}
    for key in KIN_MECHS:
        gas = load(key)
        info = reaction_info(gas)
        entry = mech_metadata(key, gas)
        entry["reactions"] = [{k: v for k, v in d.items() if not k.startswith("_")}
                              for d in info]
        entry["equations"] = gas.reaction_equations()
        if key == "features":
            entry["state_generation"] = (
                "No trajectories. Each state is set directly: 'random' states use seeded "
                "log-uniform mole fractions (source.seed, source.log10_X_range), the "
                "'equilibrium' state is the TP equilibrium of source.composition at the "
                "state's T and P floored at x_floor. T 300-2800 K, P 0.01-100 bar: below, "
                "exactly at, between and above the PLOG table pressures, inside and "
                "outside the Chebyshev pressure range (inside its temperature range).")
            states = []
            for sid, T_set, P_set, spec in FEATURES_STATES:
                X, source = features_state_X(gas, T_set, P_set, spec)
                res, err = rates_at_state(gas, info, T_set, P_set, X)
                res["id"] = sid
                res["source"] = source
                states.append(res)
                for k, v in err.items():
                    worst[k] = max(worst.get(k, 0.0), v)
                print(f"  {key} {sid}: T={res['T_K']:.1f} K P={res['P_Pa'] / BAR:.4g} bar "
                      f"minX={min(res['X']):.2e} falloff Pr in [0.1,10]: "
                      f"{res['n_falloff_reactions_with_Pr_in_0.1_10']}/{len(res['falloff'])}"
                      f" min|kf|={min(abs(v) for v in res['kf']):.2e}")
            entry["states"] = states
            out["mechanisms"].append(entry)
            continue
        samples = {}
        trajs = {}
        for label, T0, P0, X0 in KIN_TRAJ[key]:
            samples[label] = sample_trajectory(gas, T0, P0, X0)
            trajs[label] = {"T0_K": T0, "P0_Pa": P0, "composition": X0, "reactor": "cv"}
        entry["trajectories"] = trajs
        states = []
        for sid, label, sample, T_ov, P_ov in KIN_STATES[key]:
            t, T, P, X = samples[label][sample]
            T_set = T if T_ov is None else T_ov
            P_set = P if P_ov is None else P_ov
            res, err = rates_at_state(gas, info, T_set, P_set, floored(X))
            res["id"] = sid
            res["source"] = {"trajectory": label, "sample": sample, "time_s": float(t),
                             "trajectory_T_K": float(T), "trajectory_P_Pa": float(P),
                             "T_overridden": T_ov is not None,
                             "P_overridden": P_ov is not None}
            states.append(res)
            for k, v in err.items():
                worst[k] = max(worst.get(k, 0.0), v)
            print(f"  {key} {sid}: T={res['T_K']:.1f} K P={res['P_Pa'] / BAR:.3g} bar "
                  f"minX={min(res['X']):.2e} falloff Pr in [0.1,10]: "
                  f"{res['n_falloff_reactions_with_Pr_in_0.1_10']}/{len(res['falloff'])}")
        entry["states"] = states
        out["mechanisms"].append(entry)
    out["checks"] = {
        "note": "max over all states and reactions of the relative differences below "
                "(mol units). rop_*_vs_*: |rop - k prod C^o ([M])| / max (o: explicit "
                "orders incl. non-reactant, fractional and negative ones); "
                "kr_vs_kf_over_Kc; falloff_kf_vs_formula: Cantera kf vs "
                "kinf Pr/(1+Pr) F (chemically activated: k0/(1+Pr) F) from the rate's own "
                "low/high rates and falloff function; arrhenius_kf_vs_formula: "
                "elementary and three-body kf vs A T^b exp(-Ea/RT) (incl. negative A and "
                "Ea); plog_kf_vs_formula and chebyshev_kf_vs_formula: kf vs the "
                "'plog' and 'chebyshev' conventions recomputed from the rate's table / "
                "coefficients; wdot_vs_nu_rop scaled by max creation rate; hrr_vs_h_wdot "
                "scaled by sum |h_k wdot_k|.",
        **worst,
    }
    print("  convention checks:", {k: f"{v:.1e}" for k, v in worst.items()})
    for k, v in worst.items():
        assert v < 1e-12, (k, v)
    return out


# ------------------------------------------------------------------ ignition

def ignition_cases():
    """(mechanism key, reactor, T0, P0, composition) for the grid."""
    cases = []
    for T0 in [950.0, 1000.0, 1100.0, 1200.0, 1300.0, 1400.0]:
        for P0 in [1.0, 5.0, 10.0, 20.0]:
            for ratio in ["1", "2", "4"]:
                cases.append(("h2o2", "cv", T0, P0 * BAR, f"H2:{ratio},O2:1"))
    for T0 in [1000.0, 1200.0]:
        for P0 in [1.0, 20.0]:
            for comp in ["H2:2,O2:1,N2:3.76", "H2:2,O2:1,AR:3", "H2:2,O2:1,HE:3"]:
                cases.append(("h2o2", "cv", T0, P0 * BAR, comp))
    for T0 in [1000.0, 1200.0]:
        for P0 in [1.0, 20.0]:
            cases.append(("h2o2", "cp", T0, P0 * BAR, "H2:2,O2:1"))
    cases.append(("gri30", "cv", 1000.0, 10 * BAR, "CH4:1,O2:2,N2:7.52"))
    cases.append(("gri30", "cv", 1200.0, 20 * BAR, "CH4:1,O2:2,N2:7.52"))
    return cases


def case_id(key, reactor, T0, P0, comp):
    return f"{key}_{reactor}_T{T0:g}_P{P0 / BAR:g}bar_{comp.replace(':', '').replace(',', '_')}"


def equilibrium_reference(gas, reactor, T0, P0, X0):
    gas.TPX = T0, P0, X0
    mode = "UV" if reactor == "cv" else "HP"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gas.equilibrate(mode)
    return mode, float(gas.T), float(gas.P)


def max_abs_change(a):
    return float(np.max(np.abs(a - a[0])))


def max_rel_change(a):
    return max_abs_change(a) / abs(float(a[0]))


def run_ignition_case(gases, key, reactor, T0, P0, comp):
    gas = gases[key]
    # 1) long run to find the ignition delay
    long = run_reactor(gas, reactor, T0, P0, comp, MAX_IGNITION_TIME)
    if long["T"].max() < T0 + T_RISE:
        return None, (f"no ignition within {MAX_IGNITION_TIME} s "
                      f"(T_max = {long['T'].max():.1f} K)")
    tau_long = ignition_delay(long)
    end_time = END_TIME_FACTOR * tau_long
    k = int(np.sum(long["t"][1:] < end_time))  # steps strictly before end_time
    # 2) re-run from scratch to exactly end_time
    run = run_reactor(gas, reactor, T0, P0, comp, end_time, n_steps_before_end=k)
    t, T, P, dTdt, dPdt = run["t"], run["T"], run["P"], run["dTdt"], run["dPdt"]
    tau = ignition_delay(run)
    assert tau == tau_long, (tau, tau_long)
    stats = run["net"].solver_stats
    gas.TPX = T0, P0, comp
    X0 = flist(gas.X)
    mode, T_eq, P_eq = equilibrium_reference(gas, reactor, T0, P0, comp)
    if reactor == "cv":
        drift = {"u_mass_max_rel_change": max_rel_change(run["u"]),
                 "u_mass_max_abs_change_J_per_kg": max_abs_change(run["u"]),
                 "density_max_rel_change": max_rel_change(run["rho"])}
    else:
        drift = {"h_mass_max_rel_change": max_rel_change(run["h"]),
                 "h_mass_max_abs_change_J_per_kg": max_abs_change(run["h"]),
                 "pressure_max_rel_change": max_rel_change(run["P"])}
    drift["sum_Y_max_abs_dev"] = float(np.max(np.abs(run["sumY"] - 1.0)))
    path, phase = MECHS[key]
    return {
        "id": case_id(key, reactor, T0, P0, comp),
        "mechanism": path.relative_to(REPO).as_posix(),
        "phase": phase,
        "reactor": reactor,
        "T0_K": T0,
        "P0_Pa": P0,
        "composition": comp,
        "X0": X0,
        "end_time_s": float(end_time),
        "rtol": RTOL,
        "atol": ATOL,
        "ignition_delay_dTdt_s": tau,
        "ignition_delay_dPdt_s": (parabola_vertex(t, dPdt, int(np.argmax(dPdt)))
                                  if reactor == "cv" else None),
        "ignition_delay_T400_s": first_crossing(t, T, T0 + T_RISE),
        "max_dTdt_K_s": float(dTdt.max()),
        "max_dpdt_Pa_s": float(dPdt.max()) if reactor == "cv" else None,
        "peak_pressure_Pa": float(P.max()),
        "peak_temperature_K": float(T.max()),
        "final_temperature_K": float(T[-1]),
        "final_pressure_Pa": float(P[-1]),
        "final_X": flist(run["X_final"]),
        "n_steps": int(stats["steps"]),
        "n_points": int(len(t)),
        "cantera_solver_stats": {k2: int(v) for k2, v in stats.items()},
        "cantera_drift": drift,
        "equilibrium_reference": {"mode": mode, "T_K": T_eq, "P_Pa": P_eq},
    }, None


def ignition_golden():
    gases = {key: load(key) for key in IGNITION_MECHS}
    cases, dropped = [], []
    for key, reactor, T0, P0, comp in ignition_cases():
        res, why = run_ignition_case(gases, key, reactor, T0, P0, comp)
        cid = case_id(key, reactor, T0, P0, comp)
        if res is None:
            print(f"  NOTE dropped {cid}: {why}")
            dropped.append({"id": cid, "reason": why})
            continue
        cases.append(res)
        print(f"  {cid}: tau={res['ignition_delay_dTdt_s']:.6e} s "
              f"(dPdt {res['ignition_delay_dPdt_s'] or float('nan'):.6e}, "
              f"T400 {res['ignition_delay_T400_s']:.6e}) "
              f"Ppk/Peq={res['peak_pressure_Pa'] / res['equilibrium_reference']['P_Pa']:.5f} "
              f"Tf/Teq={res['final_temperature_K'] / res['equilibrium_reference']['T_K']:.5f} "
              f"steps={res['n_steps']}")
    meta = {}
    for key, gas in gases.items():
        meta[key] = mech_metadata(key, gas)
    return {
        "generator": GENERATOR,
        "cantera_version": ct.__version__,
        "mechanisms": meta,
        "units": "SI: s, K, Pa, Pa/s, K/s; X mole fractions in species_order of the "
                 "case's mechanism.",
        "settings": {
            "reactors": {"cv": "IdealGasReactor (constant volume), energy on",
                         "cp": "IdealGasConstPressureReactor, energy on"},
            "rtol": RTOL,
            "atol": ATOL,
            "max_ignition_time_s": MAX_IGNITION_TIME,
            "end_time_factor": END_TIME_FACTOR,
            "T_rise_K": T_RISE,
            "procedure": "Run 1: net.step() until t >= max_ignition_time_s; tau = "
                         "ignition delay (max dT/dt, refined). Cases with max T < T0 + "
                         "T_rise_K are dropped. Run 2 from scratch: k net.step() calls "
                         "(k = run-1 steps with t < end_time) then net.advance(end_time), "
                         "end_time = 5 tau; every quantity comes from run 2. Points: the "
                         "initial state, each accepted step, and the state at end_time.",
            "dTdt": "from the state at each point by the energy equation: cv: -sum_k "
                    "u_k wdot_k/(rho c_v); cp: -sum_k h_k wdot_k/(rho c_p) (partial "
                    "molar u_k, h_k; mass-based c_v, c_p)",
            "dPdt": "cv only: R_u (T sum_k wdot_k + C dT/dt), C = P/(R_u T)",
            "refinement": "i = argmax over points; parabola through points i-1, i, i+1 "
                          "(t, f): d1 = (f_i - f_{i-1})/(t_i - t_{i-1}), d2 = (f_{i+1} - "
                          "f_i)/(t_{i+1} - t_i), a = (d2 - d1)/(t_{i+1} - t_{i-1}), vertex "
                          "= (t_{i-1} + t_i)/2 - d1/(2 a); t_i if i is the first or last "
                          "point or a >= 0.",
            "T400": "first point with T >= T0 + 400 K, linear interpolation in t between "
                    "it and the previous point.",
        },
        "cases": cases,
        "dropped_cases": dropped,
    }


def main():
    print("kinetics rates:")
    write_json(OUT_DIR / "kinetics_rates.json", kinetics_golden())
    print("ignition:")
    write_json(OUT_DIR / "ignition.json", ignition_golden())
    return 0


if __name__ == "__main__":
    sys.exit(main())
