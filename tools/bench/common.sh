# Shared set-up of the side-by-side benchmark scripts (sourced, not run): paths, the Cantera
# virtual environment, the results folder, and the machine load at the start.
# shellcheck shell=bash
script_dir="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
repo_root="$(cd "${script_dir}/../.." && pwd)"
venv="${PETROCKET_GOLDEN_VENV:-/tmp/petrocket-golden-venv}"
results="${script_dir}/results"
target_dir="${CARGO_TARGET_DIR:-${repo_root}/target}"
mkdir -p "${results}"
cd "${repo_root}"

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
started="$(date +%s)"
