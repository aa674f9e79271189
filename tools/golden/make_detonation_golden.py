"""Generate Cantera golden data for the detonation module of petrocket-chem.

Independent reference implementation of the standard Shock & Detonation Toolbox
algorithms (Browne, Ziegler & Shepherd, GALCIT FM2006.006; SDToolbox docs
FM2018.001), written here on top of Cantera 3.2.0 -- SDToolbox itself is not
used. The mechanism is the repository's own
``crates/petrocket-chem/data/mechanisms/h2o2.yaml``, phase ``ohmech``.

* Frozen post-shock state (``PostShock_fr``): 2-D Newton on (T, rho) of the
  Rayleigh-line and Hugoniot residuals with a finite-difference Jacobian.
* CJ speed by the **minimum-wave-speed method** (``CJspeed``): for each density
  ratio r = rho2/rho1 the equilibrium Hugoniot is solved for T (TV equilibria),
  giving the wave speed w1(r) from the Rayleigh line; the CJ speed is the minimum
  of w1(r), found by golden-section search to |dr| < 1e-9 (SDToolbox fits a
  parabola through sampled points instead; the minimum is the same). This is a
  different method from the Rust code (which solves the sonic condition), so the
  comparison checks both.
* von Neumann state: frozen post-shock state at U_CJ.
* Reflected shocks (``reflected_eq`` / ``reflected_fr``): 2-D Newton on
  (T3, rho3) with the Hugoniot and the particle-velocity condition
  (p3 - p2)(v2 - v3) = u_p^2, from the CJ state.
* Equilibrium sound speed of the CJ state by the SDToolbox finite difference
  at fixed entropy (``soundspeed_eq``: SP equilibria at p(1 +- 1e-4)).
* ZND induction length (distance to maximum thermicity) and exothermic pulse
  width (thermicity above half its maximum) for a few cases, with
  an adaptive Dormand-Prince RK45 integration of the SDToolbox ZND equations
  (Cantera rates and properties; rtol 1e-8).

Output: ``crates/petrocket-chem/tests/golden/detonation.json``, SI units.
Also prints the time of one CJ + reflected computation (stoichiometric H2-O2,
1 atm, 295 K) for docs/benchmarks.md when run with ``--bench``.
Run via ``bash tools/golden/run.sh``.
"""

import json
import math
import sys
import time
from pathlib import Path

import cantera as ct
import numpy as np

REPO = Path(__file__).resolve().parents[2]
MECH = REPO / "crates/petrocket-chem/data/mechanisms/h2o2.yaml"
OUT = REPO / "crates/petrocket-chem/tests/golden/detonation.json"
GENERATOR = Path(__file__).resolve().relative_to(REPO).as_posix()


def gas_at(gas, T, rho, X, eq):
    gas.TDX = T, rho, X
    if eq:
        gas.equilibrate("TV")
    return gas.P, gas.enthalpy_mass


def newton2(fun, x0, tol=1e-12, maxit=100):
    """Damped 2-D Newton with a forward-difference Jacobian (relative step 1e-7)."""
    x = np.array(x0, dtype=float)
    r = fun(x)
    for _ in range(maxit):
        J = np.zeros((2, 2))
        for c in range(2):
            xp = x.copy()
            h = 1e-7 * x[c]
            xp[c] += h
            J[:, c] = (fun(xp) - r) / h
        dx = np.linalg.solve(J, -r)
        rel = max(abs(dx[0] / x[0]), abs(dx[1] / x[1]))
        if rel > 0.3:
            dx *= 0.3 / rel
        lam = 1.0
        while True:
            xn = x + lam * dx
            try:
                rn = fun(xn)
            except ct.CanteraError:
                rn = None
            if rn is not None and (np.max(np.abs(rn)) < np.max(np.abs(r)) or lam < 1e-3):
                break
            lam *= 0.5
        x, r = xn, rn
        if lam * rel < tol and np.max(np.abs(r)) < 1e-8:
            return x
    raise RuntimeError(f"Newton did not converge: x={x} r={r}")


def post_shock(gas, T1, P1, X1, U, eq):
    """State behind a shock at U: (T, rho, P, h, X)."""
    gas.TPX = T1, P1, X1
    rho1, h1 = gas.density, gas.enthalpy_mass
    gamma = gas.cp_mass / gas.cv_mass
    a1 = math.sqrt(gamma * P1 / rho1)
    M2 = (U / a1) ** 2
    rr = (gamma + 1) * M2 / ((gamma - 1) * M2 + 2)
    pr = 1 + 2 * gamma / (gamma + 1) * (M2 - 1)
    e, m = U * U, rho1 * U * U

    def fun(x, eq_=False):
        p2, h2 = gas_at(gas, x[0], x[1], X1, eq_)
        dp = p2 - P1
        return np.array(
            [
                (h2 - h1 - 0.5 * dp * (1 / rho1 + 1 / x[1])) / e,
                (dp - m * (1 - rho1 / x[1])) / m,
            ]
        )

    x = newton2(fun, [T1 * pr / rr, rho1 * rr])
    if eq:
        x = newton2(lambda y: fun(y, True), x)
    gas_at(gas, x[0], x[1], X1, eq)
    return x[0], x[1], gas.P, gas.enthalpy_mass, gas.X.copy()


def eq_hugoniot(gas, T1, P1, X1, r, T_guess):
    """Equilibrium Hugoniot point at density ratio r: returns (w1, T2, P2)."""
    gas.TPX = T1, P1, X1
    rho1, h1 = gas.density, gas.enthalpy_mass
    rho2 = r * rho1
    T = T_guess
    for _ in range(100):
        p2, h2 = gas_at(gas, T, rho2, X1, True)
        f = h2 - h1 - 0.5 * (p2 - P1) * (1 / rho1 + 1 / rho2)
        dT = 1e-6 * T
        p2b, h2b = gas_at(gas, T + dT, rho2, X1, True)
        fb = h2b - h1 - 0.5 * (p2b - P1) * (1 / rho1 + 1 / rho2)
        step = -f / ((fb - f) / dT)
        step = max(min(step, 0.3 * T), -0.3 * T)
        T += step
        if abs(step) < 1e-12 * T:
            break
    p2, _ = gas_at(gas, T, rho2, X1, True)
    w1 = math.sqrt((p2 - P1) / (rho1 * rho1 * (1 / rho1 - 1 / rho2)))
    return w1, T, p2


def cj_speed(gas, T1, P1, X1):
    """Minimum wave speed on the equilibrium Hugoniot (golden-section search in r)."""
    gas.TPX = T1, P1, X1
    gas.equilibrate("UV")
    T_guess = [gas.T]

    def w(r):
        w1, T, _ = eq_hugoniot(gas, T1, P1, X1, r, T_guess[0])
        T_guess[0] = T
        return w1

    a, b = 1.3, 2.6
    g = (math.sqrt(5) - 1) / 2
    c, d = b - g * (b - a), a + g * (b - a)
    fc, fd = w(c), w(d)
    while b - a > 1e-9:
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = w(c)
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = w(d)
    r = 0.5 * (a + b)
    w1, T2, P2 = eq_hugoniot(gas, T1, P1, X1, r, T_guess[0])
    gas.TPX = T1, P1, X1
    rho1 = gas.density
    gas_at(gas, T2, r * rho1, X1, True)
    return w1, r, T2, P2, gas.density, gas.enthalpy_mass, gas.X.copy()


def soundspeed_eq(gas, T, rho, X):
    """SDToolbox-style equilibrium sound speed: finite difference at fixed s."""
    gas.TDX = T, rho, X
    gas.equilibrate("TV")
    s, p = gas.entropy_mass, gas.P
    dens = []
    for f in (1 + 1e-4, 1 - 1e-4):
        gas.SP = s, p * f
        gas.equilibrate("SP")
        dens.append(gas.density)
    return math.sqrt((2e-4 * p) / (dens[0] - dens[1]))


def reflected(gas, T2, rho2, P2, h2, X2, up, eq):
    gas.TDX = T2, rho2, X2
    gamma = gas.cp_mass / gas.cv_mass
    a2 = math.sqrt(gamma * P2 / rho2)
    c = 0.5 * (gamma + 1) * up / a2
    M = 0.5 * (c + math.sqrt(c * c + 4))
    M2 = M * M
    rr = (gamma + 1) * M2 / ((gamma - 1) * M2 + 2)
    pr = 1 + 2 * gamma / (gamma + 1) * (M2 - 1)
    e = up * up

    def fun(x):
        p3, h3 = gas_at(gas, x[0], x[1], X2, eq)
        dp = p3 - P2
        return np.array(
            [
                (h3 - h2 - 0.5 * dp * (1 / rho2 + 1 / x[1])) / e,
                (dp * (1 / rho2 - 1 / x[1]) - e) / e,
            ]
        )

    x = newton2(fun, [T2 * pr / rr, rho2 * rr])
    gas_at(gas, x[0], x[1], X2, eq)
    return x[0], gas.P, rho2 * up / (x[1] - rho2)


def detonation(gas, T1, P1, X1):
    U, r, T2, P2, rho2, h2, X2 = cj_speed(gas, T1, P1, X1)
    gas.TPX = T1, P1, X1
    rho1 = gas.density
    up = U * (1 - rho1 / rho2)
    vn = post_shock(gas, T1, P1, X1, U, False)
    Tre, Pre, Ure = reflected(gas, T2, rho2, P2, h2, X2, up, True)
    Trf, Prf, Urf = reflected(gas, T2, rho2, P2, h2, X2, up, False)
    return dict(
        cj_speed_m_s=U,
        cj_density_ratio=r,
        cj_temperature_K=T2,
        cj_pressure_Pa=P2,
        cj_density_kg_m3=rho2,
        cj_particle_velocity_m_s=up,
        von_neumann_temperature_K=vn[0],
        von_neumann_pressure_Pa=vn[2],
        reflected_eq_temperature_K=Tre,
        reflected_eq_pressure_Pa=Pre,
        reflected_eq_shock_speed_m_s=Ure,
        reflected_fr_temperature_K=Trf,
        reflected_fr_pressure_Pa=Prf,
        reflected_fr_shock_speed_m_s=Urf,
        _X2=X2,
    )


# ---------------------------------------------------------------- ZND ---
def znd_induction(gas, T1, P1, X1, U):
    """Distance and time to maximum thermicity (SDToolbox zndsolve equations).

    Returns (induction length, induction time, exothermic length, exothermic time,
    accepted steps, maximum thermicity in 1/s)."""
    gas.TPX = T1, P1, X1
    rho1 = gas.density
    T, rho, P, _, X = post_shock(gas, T1, P1, X1, U, False)
    gas.TDX = T, rho, X
    W = gas.molecular_weights
    m = rho1 * U
    P0 = P + m * m / rho

    def rhs(y):
        rho_, Y = y[0], y[2:]
        w = m / rho_
        p = P0 - m * w
        gas.DPY = rho_, p, Y
        wdot = gas.net_production_rates
        dY = wdot * W / rho_
        hk = gas.partial_molar_enthalpies / W
        sig = np.sum((gas.mean_molecular_weight / W - hk / (gas.cp_mass * gas.T)) * dY)
        af2 = gas.cp_mass / gas.cv_mass * p / rho_
        eta = 1 - w * w / af2
        out = np.empty_like(y)
        out[0] = -rho_ * sig / eta
        out[1] = w
        out[2:] = dY
        return out, sig

    # Dormand-Prince 5(4) coefficients.
    c = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1]
    A = [
        [],
        [1 / 5],
        [3 / 40, 9 / 40],
        [44 / 45, -56 / 15, 32 / 9],
        [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
        [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
        [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
    ]
    b5 = np.array([35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0])
    b4 = np.array(
        [5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40]
    )
    y = np.concatenate(([rho, 0.0], gas.Y))
    t, h = 0.0, 1e-12
    rtol, atol = 1e-8, 1e-13
    hist = [(0.0, 0.0, rhs(y)[1])]
    smax = hist[0][2]
    tpeak = 0.0
    while True:
        k = []
        for i in range(7):
            yi = y + h * sum(A[i][j] * k[j] for j in range(i)) if i else y
            k.append(rhs(yi)[0])
        y5 = y + h * sum(b5[i] * k[i] for i in range(7))
        y4 = y + h * sum(b4[i] * k[i] for i in range(7))
        scale = atol + rtol * np.maximum(np.abs(y), np.abs(y5))
        scale[1] = 1e-12 + rtol * abs(y5[1])
        err = np.sqrt(np.mean(((y5 - y4) / scale) ** 2))
        if err <= 1.0:
            t += h
            y = y5
            s = rhs(y)[1]
            hist.append((t, y[1], s))
            if s > smax:
                smax, tpeak = s, t
            if len(hist) > 3 and s < 0.01 * smax and t > 2 * tpeak:
                break
        h *= min(5.0, max(0.2, 0.9 * err ** -0.2 if err > 0 else 5.0))
    i = max(range(len(hist)), key=lambda j: hist[j][2])
    (t0, x0, s0), (t1, x1, s1), (t2, x2, s2) = hist[i - 1], hist[i], hist[i + 1]
    d1 = (s1 - s0) / (t1 - t0)
    d2 = (s2 - s1) / (t2 - t1)
    a = (d2 - d1) / (t2 - t0)
    b = d1 - a * (t0 + t1)
    tp = min(max(-b / (2 * a), t0), t2)
    L = [
        (tp - t1) * (tp - t2) / ((t0 - t1) * (t0 - t2)),
        (tp - t0) * (tp - t2) / ((t1 - t0) * (t1 - t2)),
        (tp - t0) * (tp - t1) / ((t2 - t0) * (t2 - t1)),
    ]
    xp = L[0] * x0 + L[1] * x1 + L[2] * x2
    sp = L[0] * s0 + L[1] * s1 + L[2] * s2
    half = 0.5 * max(sp, hist[i][2])

    def crossing(j):
        (ta, xa, sa), (tb, xb, sb) = hist[j - 1], hist[j]
        f = (half - sa) / (sb - sa)
        return ta + f * (tb - ta), xa + f * (xb - xa)

    up = crossing(next(j for j in range(1, i + 1) if hist[j][2] >= half))
    down = crossing(next(j for j in range(i + 1, len(hist)) if hist[j][2] < half))
    return xp, tp, down[1] - up[1], down[0] - up[0], len(hist), max(sp, hist[i][2])


# --------------------------------------------------------------- cases ---
CONDITIONS = [(50000.0, 250.0), (101325.0, 295.0), (200000.0, 300.0), (500000.0, 350.0)]
H2_O2_RATIOS = [0.5, 1.0, 2.0, 4.0, 6.0]
H2_AIR_PHI = [0.5, 1.0, 2.0, 3.0]
ZND_CASES = [
    ("H2:2,O2:1", 101325.0, 295.0),
    ("H2:2,O2:1,N2:3.76", 101325.0, 295.0),
    ("H2:1,O2:1", 200000.0, 300.0),
]


def cases():
    out = []
    for ratio in H2_O2_RATIOS:
        for P, T in CONDITIONS:
            out.append((f"H2:{ratio:g},O2:1", P, T))
    for phi in H2_AIR_PHI:
        for P, T in CONDITIONS:
            out.append((f"H2:{2 * phi:g},O2:1,N2:3.76", P, T))
    return out


def composition(gas, mix):
    gas.TPX = 300.0, ct.one_atm, mix
    return {n: float(x) for n, x in zip(gas.species_names, gas.X) if x > 0}


def main():
    gas = ct.Solution(str(MECH), "ohmech")
    if "--bench" in sys.argv:
        X = "H2:2,O2:1"
        n = 5
        t0 = time.perf_counter()
        for _ in range(n):
            detonation(gas, 295.0, 101325.0, X)
        dt = (time.perf_counter() - t0) / n
        print(json.dumps({"case": "CJ + reflected (eq, fr), H2:O2 2:1, 1 atm, 295 K",
                          "seconds_per_call": dt, "calls": n}))
        return
    records = []
    for mix, P, T in cases():
        d = detonation(gas, T, P, mix)
        X2 = d.pop("_X2")
        a_eq = soundspeed_eq(gas, d["cj_temperature_K"], d["cj_density_kg_m3"], X2)
        w2 = d["cj_speed_m_s"] / d["cj_density_ratio"]
        d["cj_sonic_residual_fd"] = (w2 - a_eq) / a_eq
        d["cj_sound_speed_eq_fd_m_s"] = a_eq
        records.append(
            dict(mixture=mix, composition=composition(gas, mix), pressure_Pa=P,
                 temperature_K=T, **d)
        )
        print(f"{mix:24s} {P:8.0f} {T:5.0f}  U={d['cj_speed_m_s']:.2f}", file=sys.stderr)
    znd = []
    for mix, P, T in ZND_CASES:
        d = detonation(gas, T, P, mix)
        x, t, xe, te, steps, _ = znd_induction(gas, T, P, mix, d["cj_speed_m_s"])
        znd.append(dict(mixture=mix, composition=composition(gas, mix), pressure_Pa=P,
                        temperature_K=T, shock_speed_m_s=d["cj_speed_m_s"],
                        induction_length_m=x, induction_time_s=t,
                        exothermic_length_m=xe, exothermic_time_s=te, steps=steps))
        print(f"ZND {mix:24s} {x:.4e} m {t:.4e} s ({steps} steps)", file=sys.stderr)
    doc = {
        "generator": GENERATOR,
        "cantera_version": ct.__version__,
        "mechanism": "crates/petrocket-chem/data/mechanisms/h2o2.yaml (phase ohmech)",
        "methods": {
            "cj": "minimum wave speed on the equilibrium Hugoniot, golden-section in rho2/rho1 to 1e-9",
            "shock": "2-D Newton on (T, rho), finite-difference Jacobian",
            "reflected": "SDToolbox reflected_eq / reflected_fr formulation, from the CJ state",
            "sound_speed": "finite difference of SP equilibria at p(1 +- 1e-4)",
            "znd": "Dormand-Prince RK45, rtol 1e-8; induction = distance to max thermicity (parabolic peak)",
        },
        "cases": records,
        "znd": znd,
    }
    OUT.write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
