"""Benchmark Cantera's adiabatic constant-volume ignition (IdealGasReactor).

Cases (issue 3, "Performance"): stoichiometric H2/O2 (``H2:2,O2:1``) with the
bundled mechanism crates/petrocket-chem/data/mechanisms/h2o2.yaml (phase
``ohmech``) at T0 in {1000, 1200} K x P0 in {1, 20} bar, and GRI-Mech 3.0
methane/air at phi = 1 (``CH4:1,O2:2,N2:7.52``) with
crates/petrocket-chem/tests/data/gri30.yaml (phase ``gri30``) at 1000 K,
10 bar. ReactorNet rtol 1e-9, atol 1e-15 (Cantera's defaults), energy on,
integrated to end_time = 5 x the ignition delay tau (max dT/dt, refined by a
parabola as in tools/golden/make_kinetics_golden.py; found by an untimed
first run to 1 s).

Two variants are timed in-process with time.perf_counter. Each timed region
includes ``gas.TPX = ...``, creating the reactor (``clone=False``) and the
ReactorNet, and setting the tolerances:

* ``step_loop``: ``net.step()`` until ``net.time >= end_time`` (the last step
  may pass end_time), computing at every step
  dT/dt = -sum_k u_k wdot_k / (rho c_v) from the state and tracking its
  maximum. This is the realistic use (output at every step).
* ``advance``: ``net.advance(end_time)`` alone.

Each variant is run WARMUP times untimed, then REPEATS times timed.
median_ms and min_ms are per case. The output also has the number of steps,
CVODES statistics (``net.solver_stats``), the ignition delay, and the Cantera
version and machine information. The script prints one JSON object to stdout;
tools/golden/run.sh saves it as tools/bench/results/cantera_ignition.json.
"""

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import cantera as ct
import numpy as np

from machine import machine_info

REPO = Path(__file__).resolve().parents[2]
H2O2 = (REPO / "crates/petrocket-chem/data/mechanisms/h2o2.yaml", "ohmech")
GRI30 = (REPO / "crates/petrocket-chem/tests/data/gri30.yaml", "gri30")
RTOL, ATOL = 1e-9, 1e-15
END_TIME_FACTOR = 5.0
MAX_TIME = 1.0
WARMUP = 3
REPEATS = 20

CASES = [
    ("h2o2_T1000_P1bar", H2O2, 1000.0, 1e5, "H2:2,O2:1"),
    ("h2o2_T1000_P20bar", H2O2, 1000.0, 20e5, "H2:2,O2:1"),
    ("h2o2_T1200_P1bar", H2O2, 1200.0, 1e5, "H2:2,O2:1"),
    ("h2o2_T1200_P20bar", H2O2, 1200.0, 20e5, "H2:2,O2:1"),
    ("gri30_CH4air_phi1_T1000_P10bar", GRI30, 1000.0, 10e5, "CH4:1,O2:2,N2:7.52"),
]


def new_net(gas, T0, P0, X0):
    gas.TPX = T0, P0, X0
    r = ct.IdealGasReactor(gas, clone=False, energy="on")
    net = ct.ReactorNet([r])
    net.rtol = RTOL
    net.atol = ATOL
    return net


def dTdt(gas):
    return -float(np.dot(gas.partial_molar_int_energies, gas.net_production_rates)) / (
        gas.density * gas.cv_mass)


def step_loop(gas, T0, P0, X0, end_time):
    """net.step() to end_time with dT/dt at every step; returns (net, t_max, max)."""
    net = new_net(gas, T0, P0, X0)
    best, t_best = dTdt(gas), 0.0
    while net.time < end_time:
        t = net.step()
        d = dTdt(gas)
        if d > best:
            best, t_best = d, t
    return net, t_best, best


def advance(gas, T0, P0, X0, end_time):
    net = new_net(gas, T0, P0, X0)
    net.advance(end_time)
    return net


def ignition_delay(gas, T0, P0, X0):
    """tau from a run to MAX_TIME: argmax dT/dt refined by a parabola (3 points)."""
    net = new_net(gas, T0, P0, X0)
    t, f = [0.0], [dTdt(gas)]
    while net.time < MAX_TIME:
        t.append(net.step())
        f.append(dTdt(gas))
    i = int(np.argmax(f))
    if i == 0 or i == len(t) - 1:
        return t[i]
    d1 = (f[i] - f[i - 1]) / (t[i] - t[i - 1])
    d2 = (f[i + 1] - f[i]) / (t[i + 1] - t[i])
    a = (d2 - d1) / (t[i + 1] - t[i - 1])
    return t[i] if not a < 0 else 0.5 * (t[i - 1] + t[i]) - d1 / (2 * a)


def timed(fn):
    for _ in range(WARMUP):
        fn()
    runs = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return {"median_ms": statistics.median(runs) * 1e3, "min_ms": min(runs) * 1e3,
            "max_ms": max(runs) * 1e3}


def main():
    gases = {}
    result = {
        "cantera_version": ct.__version__,
        "python_version": platform.python_version(),
        "machine": machine_info(),
        "reactor": "IdealGasReactor (constant volume, adiabatic, energy on), clone=False",
        "rtol": RTOL,
        "atol": ATOL,
        "end_time": "5 x ignition_delay_s (argmax of dT/dt from the energy equation, "
                    "parabola-refined, from an untimed run to 1 s)",
        "warmup": WARMUP,
        "repeats": REPEATS,
        "timed_region": "gas.TPX = T0, P0, X0; reactor + ReactorNet creation; "
                        "rtol/atol; then the variant's integration",
        "variants": {
            "step_loop": "while net.time < end_time: net.step(); dT/dt = -sum u_k "
                         "wdot_k/(rho cv) at each step, running max (last step may "
                         "pass end_time)",
            "advance": "net.advance(end_time)",
        },
        "cases": {},
    }
    for name, (path, phase), T0, P0, X0 in CASES:
        key = (path, phase)
        if key not in gases:
            gases[key] = ct.Solution(str(path), phase)
        gas = gases[key]
        tau = ignition_delay(gas, T0, P0, X0)
        end_time = END_TIME_FACTOR * tau
        net, t_max, _ = step_loop(gas, T0, P0, X0, end_time)
        stats_step = {k: int(v) for k, v in net.solver_stats.items()}
        t_end_step, T_end_step, P_end_step = net.time, gas.T, gas.P
        net = advance(gas, T0, P0, X0, end_time)
        stats_adv = {k: int(v) for k, v in net.solver_stats.items()}
        entry = {
            "mechanism": path.relative_to(REPO).as_posix(),
            "phase": phase,
            "T0_K": T0,
            "P0_Pa": P0,
            "composition": X0,
            "ignition_delay_s": tau,
            "end_time_s": end_time,
            "step_loop": {
                **timed(lambda: step_loop(gas, T0, P0, X0, end_time)),
                "n_steps": stats_step["steps"],
                "unrefined_argmax_dTdt_time_s": t_max,
                "final_time_s": t_end_step,
                "final_T_K": T_end_step,
                "final_P_Pa": P_end_step,
                "solver_stats": stats_step,
            },
            "advance": {
                **timed(lambda: advance(gas, T0, P0, X0, end_time)),
                "n_steps": stats_adv["steps"],
                "final_T_K": gas.T,
                "final_P_Pa": gas.P,
                "solver_stats": stats_adv,
            },
        }
        result["cases"][name] = entry
        print(f"{name}: tau={tau:.6e} s  step_loop {entry['step_loop']['median_ms']:.3f} ms "
              f"({entry['step_loop']['n_steps']} steps)  advance "
              f"{entry['advance']['median_ms']:.3f} ms ({entry['advance']['n_steps']} steps)",
              file=sys.stderr)
    result["machine"]["loadavg_1min_at_end"] = os.getloadavg()[0]
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
