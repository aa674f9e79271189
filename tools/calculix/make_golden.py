#!/usr/bin/env python3
"""Golden data for the structure FEM, made by real CalculiX (Debian package calculix-ccx).

For each reference case (the reference 2 L bottle profile, a cylinder with hemispherical
heads) this script

1. writes the CAX8 deck of a converged mesh (REFINE times the default density along the
   meridian and through the wall) with ``petrocket fem --export-calculix``;
2. runs ``ccx`` on it directly and parses the ``.frd`` nodal stresses itself (an independent
   reader): peak hoop stress (SZZ) and peak von Mises stress over all nodes;
3. runs ``petrocket fem --engine calculix`` on the same mesh, which runs ccx again and
   post-processes the nodal results into peaks along the meridian (hoop, meridional, von
   Mises, each with its location and surface), and checks that its hoop and von Mises peaks
   match step 2;
4. writes crates/petrocket-structure/tests/data/calculix_golden.json.

The test crates/petrocket-structure/tests/calculix.rs compares the native solver at its
DEFAULT mesh against these numbers (peaks within 3 %, locations within 2 mm).

Usage: python3 tools/calculix/make_golden.py   (needs ccx on PATH and cargo)
"""

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "crates/petrocket-structure/tests/data"
OUT = DATA / "calculix_golden.json"
PRESSURE_PA = 1.0e6
REFINE = 4
# Material of the comparison: oriented PET wall (data/materials.toml, pet-oriented).
E_PA, NU, RHO = 4.5e9, 0.38, 1390.0

CASES = [
    ("2L_reference", REPO / "examples/profiles/2L_reference.csv"),
    ("capsule_R50_L300_t0.5", DATA / "capsule_R50_L300_t0.5.csv"),
]


def capsule_csv(path, r=0.05, length=0.3, t=0.5e-3, step_deg=2.0):
    """Cylinder of mean radius r and length `length` with hemispherical heads, uniform wall
    t, base pole at z = 0, arcs sampled every step_deg (as geometry::capsule_profile)."""
    n = math.ceil(90.0 / step_deg)
    rows = []
    for k in range(n + 1):
        phi = math.radians(90.0 * k / n)
        rows.append((r - r * math.cos(phi), 0.0 if k == 0 else r * math.sin(phi), t))
    for k in range(n + 1):
        phi = math.radians(90.0 * k / n)
        rows.append((r + length + r * math.sin(phi), 0.0 if k == n else r * math.cos(phi), t))
    with open(path, "w") as f:
        f.write(
            "# Cylinder with hemispherical heads: mean radius 50 mm, cylinder 300 mm, wall 0.5 mm,\n"
            "# arcs every 2 degrees. Written by tools/calculix/make_golden.py (input geometry).\n"
        )
        f.write("z_m,r_m,t_m\n")
        for z, rr, tt in rows:
            f.write(f"{z!r},{rr!r},{tt!r}\n")


def petrocket_cmd():
    """The petrocket binary (dev profile: ccx dominates the time), built if needed."""
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    subprocess.run(["cargo", "build", "--quiet", "-p", "petrocket"], cwd=REPO, check=True)
    return [str(target / "debug/petrocket")]


def parse_frd(path):
    """Nodal stresses (SXX, SYY, SZZ, SXY) from the last STRESS block of a .frd file."""
    stresses = {}
    block = None
    with open(path) as f:
        for line in f:
            if line.startswith(" -4"):
                block = line.split()[1]
                if block == "STRESS":
                    stresses = {}
                continue
            if line.startswith(" -3"):
                block = None
                continue
            if block == "STRESS" and line.startswith(" -1"):
                node = int(line[3:13])
                vals = [float(line[13 + 12 * k : 25 + 12 * k]) for k in range(4)]
                stresses[node] = vals
    return stresses


def von_mises(s):
    sr, sz, st, t = s
    return math.sqrt(0.5 * ((sr - sz) ** 2 + (sz - st) ** 2 + (st - sr) ** 2) + 3 * t * t)


def main():
    if shutil.which("ccx") is None:
        sys.exit("ccx not on PATH: install calculix-ccx (apt-get install calculix-ccx)")
    capsule_csv(DATA / "capsule_R50_L300_t0.5.csv")
    cmd = petrocket_cmd()
    common = [
        "--pressure", str(PRESSURE_PA),
        "--youngs-modulus", str(E_PA), "--poisson", str(NU), "--density", str(RHO),
        "--refine", str(REFINE),
    ]
    version = subprocess.run(["ccx", "-v"], capture_output=True, text=True).stdout.strip()
    cases = []
    for name, profile in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            deck = Path(tmp) / "wall.inp"
            subprocess.run(
                cmd + ["fem", "--profile", str(profile), *common, "--export-calculix", str(deck)],
                check=True, capture_output=True,
            )
            t0 = time.perf_counter()
            subprocess.run(["ccx", "-i", "wall"], cwd=tmp, check=True, capture_output=True,
                           env={**os.environ, "OMP_NUM_THREADS": "1"})
            ccx_s = time.perf_counter() - t0
            s = parse_frd(Path(tmp) / "wall.frd")
            raw_hoop = max(v[2] for v in s.values())
            raw_vm = max(von_mises(v) for v in s.values())
        out = subprocess.run(
            cmd + ["fem", "--profile", str(profile), *common, "--engine", "calculix", "--json"],
            check=True, capture_output=True, text=True,
        )
        res = json.loads(out.stdout)
        for key, raw in (("max_hoop_stress_Pa", raw_hoop), ("max_von_mises_stress_Pa", raw_vm)):
            # Nodal maxima over the whole mesh equal the surface maxima along the meridian.
            if abs(res[key] - raw) > 1e-4 * abs(raw):
                sys.exit(f"{name}: {key} {res[key]} from petrocket's reader vs {raw} from the .frd")
        case = {
            "name": name,
            "profile": str(profile.relative_to(REPO)),
            "pressure_gauge_Pa": PRESSURE_PA,
            "youngs_modulus_Pa": E_PA,
            "poisson_ratio": NU,
            "refine": REFINE,
            "elements": res["mesh"]["elements"],
            "nodes": res["mesh"]["nodes"],
            "ccx_wall_time_s": round(ccx_s, 3),
        }
        for q in ("hoop", "meridional", "von_mises"):
            for suffix in ("Pa", "z_m", "r_m", "s_m", "surface"):
                case[f"max_{q}_stress_{suffix}"] = res[f"max_{q}_stress_{suffix}"]
        cases.append(case)
        print(f"{name}: {case['elements']} CAX8 elements, ccx {ccx_s:.2f} s", file=sys.stderr)
    golden = {
        "comment": "Made by tools/calculix/make_golden.py with real CalculiX; do not edit by hand.",
        "calculix_version": version,
        "cases": cases,
    }
    OUT.write_text(json.dumps(golden, indent=2) + "\n")
    print(f"wrote {OUT.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
