"""Generate Cantera golden data for the detonation cell-width correlations.

Independent reference for ``petrocket_chem::detonation::cell_correlations``:
the inputs of the three correlations computed on top of Cantera 3.2.0 (no
SDToolbox), following the procedure of the Shock & Detonation Toolbox demo
``demo_ZND_CJ_cell`` (SDToolbox, GALCIT FM2018.001, rev. 2021; MATLAB and
Python demos), with two documented differences (see below).

Per case (mixture at T1, P1):

* U_CJ by the minimum wave speed, von Neumann state (Ts, Ps, rho_s) and the
  ZND induction length / maximum thermicity -- the functions of
  ``make_detonation_golden.py``.
* w_vN = U_CJ rho1/rho_s (flow speed behind the shock, shock frame) and
  u_CJ = U_CJ rho1/rho_CJ (flow speed behind the CJ wave, wave frame).
* Constant-volume explosions (Cantera IdealGasReactor, rtol 1e-10,
  atol 1e-20): induction time tau = time of maximum dT/dt (parabolic vertex
  through the CVODES steps around the maximum).
* Reduced effective activation energy theta = Ea/(R Ts)
  = (1/Ts) ln(tau_a/tau_b)/(1/Ta - 1/Tb), Ta = 1.02 Ts, Tb = 0.98 Ts, both at
  Ps with the initial composition (as the demo).
* Gavrikov's own reduced activation energy theta_G = (Ea/R)/T(1.3 U_CJ) with
  Ea/R from CV induction times behind frozen shocks at U_CJ and 1.6 U_CJ (as in
  K. Malik's implementation of the Gavrikov model,
  github.com/konradmalik/gavrikov-detonation-cell-size-model,
  effective_activation_energy.py). The demo passes its local theta instead;
  with the local theta the correlation gives lambda = 76 mm for stoichiometric
  H2-air (measured 8-15 mm), with theta_G 16 mm.
* Gavrikov length delta_G = t_G w_vN, t_G = time at which the limiting
  reactant (H2 if X_H2 <= 2 X_O2, else O2) has fallen half-way from its
  initial to its UV-equilibrium mole fraction, in the CV explosion from the
  von Neumann state (Ts, Ps). The demo hard-codes H2 and reads the time from
  the explosion at 1.02 Ts; we use the von Neumann state, the state the
  correlation defines (Gavrikov, Efimenko & Dorofeev, Combust. Flame 120:19, 2000).
* Westbrook length delta_W = t_W w_vN, t_W = time at which T has risen
  half-way from Ts to the UV-equilibrium temperature (same CV explosion).
  Crossing times: linear interpolation on 4001 equally spaced outputs over
  [0, 3 tau] (the demo takes the last sample before the crossing).
* Correlations (constants as printed in the SDToolbox demo, see cell_correlations.rs):
  Westbrook lambda = 29 delta_W; Gavrikov lambda = delta_G 10^z(theta, Ts/T1);
  Ng lambda = Delta_i A(chi), chi = theta Delta_i sigma_max / u_CJ.

Output: ``crates/petrocket-chem/tests/golden/cell_width.json``, SI units.
Run via ``bash tools/golden/run.sh``.
"""

import json
import math
import sys
from pathlib import Path

import cantera as ct
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_detonation_golden import (  # noqa: E402
    MECH,
    REPO,
    composition,
    cj_speed,
    post_shock,
    znd_induction,
)

OUT = REPO / "crates/petrocket-chem/tests/golden/cell_width.json"
GENERATOR = Path(__file__).resolve().relative_to(REPO).as_posix()
CASES = [
    ("H2:2,O2:1", 101325.0, 295.0),
    ("H2:2,O2:1,N2:3.76", 101325.0, 295.0),
    ("H2:1,O2:1,N2:3.76", 101325.0, 295.0),
    ("H2:4,O2:1,N2:3.76", 101325.0, 295.0),
    ("H2:2,O2:1,N2:3.76", 200000.0, 300.0),
]


def dtdt(gas):
    """dT/dt of the constant-volume reactor from the energy equation."""
    u = gas.partial_molar_int_energies
    return -np.dot(u, gas.net_production_rates) / (gas.density * gas.cv_mass)


def cv_reactor(gas, T, P, X):
    gas.TPX = T, P, X
    r = ct.IdealGasReactor(gas)
    net = ct.ReactorNet([r])
    net.rtol, net.atol = 1e-10, 1e-20
    return r, net


def cv_induction(gas, T, P, X):
    """Time of maximum dT/dt of a CV explosion (parabolic vertex)."""
    r, net = cv_reactor(gas, T, P, X)
    hist = [(0.0, dtdt(r.phase))]
    while True:
        net.step()
        hist.append((net.time, dtdt(r.phase)))
        smax = max(h[1] for h in hist)
        if r.phase.T > T + 400.0 and hist[-1][1] < 0.01 * smax:
            break
    i = max(range(len(hist)), key=lambda j: hist[j][1])
    (t0, s0), (t1, s1), (t2, s2) = hist[i - 1], hist[i], hist[i + 1]
    d1 = (s1 - s0) / (t1 - t0)
    d2 = (s2 - s1) / (t2 - t1)
    a = (d2 - d1) / (t2 - t0)
    b = d1 - a * (t0 + t1)
    return min(max(-b / (2 * a), t0), t2)


def crossing_time(ts, ys, level, falling):
    for k in range(1, len(ts)):
        a, b = ys[k - 1], ys[k]
        if (falling and a > level >= b) or (not falling and a < level <= b):
            return ts[k - 1] + (level - a) / (b - a) * (ts[k] - ts[k - 1])
    raise RuntimeError("no crossing")


def gavrikov(delta, theta, tvn, t0):
    a, b, c, d = -0.007843787493, 0.1777662961, 0.02371845901, 1.477047968
    e, f, g, h = 0.1545112957, 0.01547021569, -1.446582357, 8.730494354
    i, j, k, m = 4.599907939, 7.443410379, 0.4058325462, 1.453392165
    x, y = theta, tvn / t0
    z = (y * (a * y - b) + x * (c * x - d + (e - f * y) * y) + g * math.log(y)
         + h * math.log(x) + y * (i / x - k * y / x ** m) - j)
    return delta * 10.0 ** z


def ng(delta_i, chi):
    a0, a1, a2, a3 = 30.465860763763, 89.55438805808153, -130.792822369483, 42.02450507117405
    b1, b2, b3 = -0.02929128383850, 1.0263250730647101e-5, -1.031921244571857e-9
    return delta_i * (a0 + a1 / chi + a2 / chi ** 2 + a3 / chi ** 3
                      + b1 * chi + b2 * chi ** 2 + b3 * chi ** 3)


def case(gas, mix, P1, T1):
    gas.TPX = T1, P1, mix
    rho1 = gas.density
    X1 = gas.X.copy()
    U, r_cj = cj_speed(gas, T1, P1, X1)[:2]
    u_cj = U / r_cj
    Ts, rho_s, Ps, _, _ = post_shock(gas, T1, P1, X1, U, False)
    w_vn = U * rho1 / rho_s
    x_ind, t_ind, _, _, _, smax = znd_induction(gas, T1, P1, X1, U)

    Ta, Tb = 1.02 * Ts, 0.98 * Ts
    tau_a = cv_induction(gas, Ta, Ps, X1)
    tau_b = cv_induction(gas, Tb, Ps, X1)
    theta = math.log(tau_a / tau_b) / (1.0 / Ta - 1.0 / Tb) / Ts
    # Gavrikov's activation energy: CV explosions behind frozen shocks at U_CJ and
    # 1.6 U_CJ, normalised by the post-shock temperature at 1.3 U_CJ.
    s16 = post_shock(gas, T1, P1, X1, 1.6 * U, False)
    s13 = post_shock(gas, T1, P1, X1, 1.3 * U, False)
    tau_16 = cv_induction(gas, s16[0], s16[2], X1)
    tau_10 = cv_induction(gas, Ts, Ps, X1)
    ea_r = math.log(tau_16 / tau_10) / (1.0 / s16[0] - 1.0 / Ts)
    theta_g = ea_r / s13[0]

    i_h2, i_o2 = gas.species_index("H2"), gas.species_index("O2")
    limiting = "H2" if X1[i_h2] <= 2.0 * X1[i_o2] else "O2"
    il = gas.species_index(limiting)
    gas.TPX = Ts, Ps, X1
    gas.equilibrate("UV")
    x_final, t_final = gas.X[il], gas.T
    x_gav = 0.5 * (X1[il] - x_final) + x_final
    t_west_level = 0.5 * (t_final - Ts) + Ts

    tau_s = tau_10
    r, net = cv_reactor(gas, Ts, Ps, X1)
    ts = np.linspace(0.0, 3.0 * tau_s, 4001)
    temps, xl = [], []
    for t in ts:
        if t > 0:
            net.advance(t)
        temps.append(r.phase.T)
        xl.append(r.phase.X[il])
    t_gav = crossing_time(ts, xl, x_gav, True)
    t_west = crossing_time(ts, temps, t_west_level, False)
    delta_g, delta_w = t_gav * w_vn, t_west * w_vn
    chi = theta * x_ind * smax / u_cj
    out = dict(
        mixture=mix, composition=composition(gas, mix), pressure_Pa=P1, temperature_K=T1,
        cj_speed_m_s=U, u_cj_m_s=u_cj, w_vn_m_s=w_vn, von_neumann_temperature_K=Ts,
        von_neumann_pressure_Pa=Ps, induction_length_m=x_ind, max_thermicity_1_s=smax,
        cv_induction_time_s=tau_s, theta=theta, theta_gavrikov=theta_g,
        activation_temperature_gavrikov_K=ea_r, t_13_K=s13[0], t_16_K=s16[0], limiting_species=limiting,
        gavrikov_time_s=t_gav, westbrook_time_s=t_west, chi=chi,
        cell_westbrook_m=29.0 * delta_w, cell_gavrikov_m=gavrikov(delta_g, theta_g, Ts, T1),
        cell_ng_m=ng(x_ind, chi),
    )
    print(f"{mix:22s} {P1:7.0f} theta={theta:.3f} chi={chi:.3f} "
          f"W={out['cell_westbrook_m']*1e3:.3f} G={out['cell_gavrikov_m']*1e3:.3f} "
          f"Ng={out['cell_ng_m']*1e3:.3f} mm", file=sys.stderr)
    return out


def main():
    gas = ct.Solution(str(MECH), "ohmech")
    doc = {
        "generator": GENERATOR,
        "cantera_version": ct.__version__,
        "mechanism": "crates/petrocket-chem/data/mechanisms/h2o2.yaml (phase ohmech)",
        "methods": {
            "cv": "IdealGasReactor rtol 1e-10 atol 1e-20; tau = parabolic max of dT/dt",
            "theta": "(1/Ts) ln(tau_a/tau_b)/(1/Ta - 1/Tb), Ta,b = (1 +- 0.02) Ts at Ps",
            "theta_gavrikov": "ln(tau(1.6 U)/tau(U))/(1/T(1.6 U) - 1/T(U)) / T(1.3 U), frozen post-shock states",
            "crossings": "linear interpolation on 4001 outputs over [0, 3 tau] of the CV explosion from (Ts, Ps)",
            "znd": "make_detonation_golden.znd_induction (RK45, rtol 1e-8)",
        },
        "cases": [case(gas, mix, P, T) for mix, P, T in CASES],
    }
    OUT.write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
