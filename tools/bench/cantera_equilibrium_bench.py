"""Benchmark Cantera's equilibrium solver on stoichiometric H2/O2.

Times, per call, ``gas.TPX = 295 K, 101325 Pa, "H2:2,O2:1"`` alone and
``gas.TPX = ...; gas.equilibrate(mode)`` (Cantera defaults: solver='auto',
rtol=1e-9) for mode in UV, TP, HP, SV, plus UV of stoichiometric H2-air
(``H2:2,O2:1,N2:3.76``, key ``h2air_UV``), using the project's bundled mechanism
crates/petrocket-chem/data/mechanisms/h2o2.yaml (phase ``ohmech``). The same
cases are timed for petrocket-chem by crates/petrocket-chem/benches/equilibrium.rs;
tools/bench/run_equilibrium_comparison.sh prints both side by side.

Each timing is the median over REPEATS runs of timeit (calls per run chosen
by Timer.autorange, at least 0.2 s per run).  Prints one JSON object to
stdout; tools/golden/run.sh saves it as
tools/bench/results/cantera_equilibrium.json.
"""

import json
import os
import platform
import statistics
import sys
import timeit
import warnings
from pathlib import Path

from machine import machine_info

import cantera as ct

REPO = Path(__file__).resolve().parents[2]
MECH = REPO / "crates/petrocket-chem/data/mechanisms/h2o2.yaml"
T0, P0, X0 = 295.0, 101325.0, "H2:2,O2:1"
X0_AIR = "H2:2,O2:1,N2:3.76"
MODES = ["UV", "TP", "HP", "SV"]
REPEATS = 7


def median_us(func):
    timer = timeit.Timer(func)
    number, _ = timer.autorange()
    number = max(number, 1)
    while True:  # at least ~0.2 s per run
        if timer.timeit(number) >= 0.2:
            break
        number *= 2
    runs = timer.repeat(repeat=REPEATS, number=number)
    return statistics.median(runs) / number * 1e6, number




def main():
    # ChemEquil warns that T_eq (~3500 K) exceeds the 3500 K fit range.
    warnings.simplefilter("ignore", UserWarning)
    gas = ct.Solution(str(MECH), "ohmech")

    def set_state():
        gas.TPX = T0, P0, X0

    result = {
        "cantera_version": ct.__version__,
        "python_version": platform.python_version(),
        "machine": machine_info(),
        "mechanism": MECH.relative_to(REPO).as_posix(),
        "state": {"T_K": T0, "P_Pa": P0, "X": X0},
        "equilibrate_call": "gas.equilibrate(mode)  (defaults: solver='auto', rtol=1e-9)",
        "repeats": REPEATS,
        "statistic": "median over repeats of (run time / calls per run)",
    }
    us, n = median_us(set_state)
    result["TPX_only"] = {"median_us_per_call": us, "calls_per_run": n}

    modes = {}
    for key, mode, x0 in [(m, m, X0) for m in MODES] + [("h2air_UV", "UV", X0_AIR)]:
        def run(mode=mode, x0=x0):
            gas.TPX = T0, P0, x0
            gas.equilibrate(mode)
        run()
        T_eq, P_eq = gas.T, gas.P
        try:  # 'auto' tries element_potential first, then vcs, then gibbs
            gas.TPX = T0, P0, x0
            gas.equilibrate(mode, solver="element_potential")
            inner = "element_potential"
        except ct.CanteraError:
            inner = "vcs_or_gibbs"
        us, n = median_us(run)
        modes[key] = {
            "X0": x0,
            "median_us_per_call": us,
            "median_us_per_call_minus_TPX": us - result["TPX_only"]["median_us_per_call"],
            "calls_per_run": n,
            "T_eq_K": T_eq,
            "P_eq_Pa": P_eq,
            "auto_solver_used": inner,
        }
    result["modes"] = modes
    result["machine"]["loadavg_1min_at_end"] = os.getloadavg()[0]
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
