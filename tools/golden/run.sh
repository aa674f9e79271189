#!/usr/bin/env bash
# Regenerate the Cantera golden data and the Cantera benchmark.
#
# Creates (or reuses) a virtual environment outside the repository at
# ${PETROCKET_GOLDEN_VENV:-/tmp/petrocket-golden-venv}, installs the pinned
# requirements, then runs the generators. Works from any cwd.
# Set PETROCKET_SKIP_BENCH=1 to skip the (timing-sensitive) benchmark.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/../.." && pwd)"
venv="${PETROCKET_GOLDEN_VENV:-/tmp/petrocket-golden-venv}"

if [[ ! -x "${venv}/bin/python" ]]; then
    python3 -m venv "${venv}"
fi
"${venv}/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "${script_dir}/requirements.txt"

cd "${repo_root}"
"${venv}/bin/python" tools/golden/make_thermo_equilibrium_golden.py
"${venv}/bin/python" tools/golden/make_kinetics_golden.py
"${venv}/bin/python" tools/golden/make_detonation_golden.py
"${venv}/bin/python" tools/golden/make_cell_golden.py
# Laminar flames (4-6 minutes), then the Cantera-fit correlations built on them.
"${venv}/bin/python" tools/golden/make_flame_golden.py
"${venv}/bin/python" tools/golden/fit_flame_speed.py

if [[ "${PETROCKET_SKIP_BENCH:-0}" != "1" ]]; then
    mkdir -p tools/bench/results
    out="tools/bench/results/cantera_equilibrium.json"
    "${venv}/bin/python" tools/bench/cantera_equilibrium_bench.py > "${out}.tmp"
    mv "${out}.tmp" "${out}"
    echo "wrote ${out}"
    out="tools/bench/results/cantera_ignition.json"
    "${venv}/bin/python" tools/bench/cantera_ignition_bench.py > "${out}.tmp"
    mv "${out}.tmp" "${out}"
    echo "wrote ${out}"
fi
