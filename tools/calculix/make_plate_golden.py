#!/usr/bin/env python3
"""Golden data for the flat-plate cap closure, made by real CalculiX (calculix-ccx).

The 2 L preset (with its amorphous finish and base gate, pet-amorphous from the database at
23 degC; the rest E_PA, NU) closed by a flat plate of the wall's material (``petrocket fem
--cap plate --cap-thickness``) on a converged mesh (REFINE times the default density):

1. ``petrocket fem --export-calculix`` writes the CAX8 deck (wall + plate);
2. ``ccx`` runs on it directly; this script parses the deck's nodes and the ``.frd`` nodal
   displacements and stresses itself (an independent reader) and takes the plate's numbers
   from them: the plate nodes are those at or above the neck's top edge (z ≥ z_max − t_p);
   centre deflection = u_z at the centre of the mid-plane minus u_z at r = r_i on the
   mid-plane; the radial stress at the centre of the lower and upper faces; the largest von
   Mises stress over the plate's nodes (at the re-entrant corner r = r_i, lower face: a
   stress singularity of the bonded joint, mesh-dependent, recorded but not compared);
3. ``petrocket fem --engine calculix --json`` on the same mesh gives the wall peaks along the
   meridian (hoop, meridional, von Mises with locations) and its own plate numbers, which
   must match step 2;
4. writes crates/petrocket-structure/tests/data/calculix_plate_golden.json.

The test crates/petrocket-structure/tests/calculix.rs compares the native solver at its
DEFAULT mesh with these numbers (wall peaks within 3 %, locations within 2 mm; plate
centre deflection and centre stresses within 3 %).

Usage: python3 tools/calculix/make_plate_golden.py   (needs ccx on PATH and cargo)
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_golden import E_PA, NU, RHO, PRESSURE_PA, REFINE, REPO, DATA, petrocket_cmd, von_mises  # noqa: E402

OUT = DATA / "calculix_plate_golden.json"
PRESET = "2L"
PLATE_T_M = 2.0e-3


def parse_nodes(deck):
    """Node coordinates {id: (r, z)} from the *NODE block of a deck."""
    nodes, on = {}, False
    for line in deck.read_text().splitlines():
        if line.startswith("*"):
            on = line.upper().startswith("*NODE,") or line.upper() == "*NODE"
            continue
        if on and line.strip():
            f = line.split(",")
            nodes[int(f[0])] = (float(f[1]), float(f[2]))
    return nodes


def parse_frd_blocks(path):
    """Nodal DISP (ux, uy) and STRESS (SXX, SYY, SZZ, SXY) of the last blocks of a .frd."""
    data = {"DISP": {}, "STRESS": {}}
    block = None
    with open(path) as f:
        for line in f:
            if line.startswith(" -4"):
                block = line.split()[1]
                if block in data:
                    data[block] = {}
                continue
            if line.startswith(" -3"):
                block = None
                continue
            if block in data and line.startswith(" -1"):
                node = int(line[3:13])
                n = 2 if block == "DISP" else 4
                data[block][node] = [float(line[13 + 12 * k: 25 + 12 * k]) for k in range(n)]
    return data["DISP"], data["STRESS"]


def main():
    if shutil.which("ccx") is None:
        sys.exit("ccx not on PATH: install calculix-ccx (apt-get install calculix-ccx)")
    cmd = petrocket_cmd()
    common = [
        "--preset", PRESET,
        "--pressure", str(PRESSURE_PA),
        "--youngs-modulus", str(E_PA), "--poisson", str(NU), "--density", str(RHO),
        "--refine", str(REFINE),
        "--cap", "plate", "--cap-thickness", str(PLATE_T_M),
    ]
    version = subprocess.run(["ccx", "-v"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "wall.inp"
        subprocess.run(cmd + ["fem", *common, "--export-calculix", str(deck)],
                       check=True, capture_output=True)
        nodes = parse_nodes(deck)
        t0 = time.perf_counter()
        subprocess.run(["ccx", "-i", "wall"], cwd=tmp, check=True, capture_output=True,
                       env={**os.environ, "OMP_NUM_THREADS": "1"})
        ccx_s = time.perf_counter() - t0
        disp, stress = parse_frd_blocks(Path(tmp) / "wall.frd")
    z_max = max(z for _, z in nodes.values())
    z_low = z_max - PLATE_T_M
    plate = [n for n, (_, z) in nodes.items() if z >= z_low - 1e-9]
    z_mid = z_low + 0.5 * PLATE_T_M
    mid = [n for n in plate if abs(nodes[n][1] - z_mid) < 1e-9]
    lower = [n for n in plate if abs(nodes[n][1] - z_low) < 1e-9]
    # The span: the inner radius of the neck's top edge = the smallest r of a lower-face
    # node that belongs to a wall element too; equivalently the lower-face node where the
    # loaded span ends. Here from the petrocket result (checked against the mesh below).
    out = subprocess.run(cmd + ["fem", *common, "--engine", "calculix", "--json"],
                         check=True, capture_output=True, text=True)
    res = json.loads(out.stdout)
    a = res["cap_plate"]["span_radius_m"]
    if not any(abs(nodes[n][0] - a) < 1e-12 for n in lower):
        sys.exit(f"no lower-face plate node at the span radius {a} m")
    centre = [n for n in mid if nodes[n][0] == 0.0]
    edge = [n for n in mid if abs(nodes[n][0] - a) < 1e-12]
    if len(centre) != 1 or len(edge) != 1:
        sys.exit(f"mid-plane nodes: {len(centre)} at the centre, {len(edge)} at r = a")
    w0 = disp[centre[0]][1] - disp[edge[0]][1]
    vm = max(von_mises(stress[n]) for n in plate)
    at_axis = {nodes[n][1]: n for n in plate if nodes[n][0] == 0.0}
    s_lower = stress[at_axis[min(at_axis)]][0]
    s_upper = stress[at_axis[max(at_axis)]][0]
    for key, raw in (
        ("centre_deflection_m", w0),
        ("max_von_mises_stress_Pa", vm),
        ("centre_radial_stress_lower_Pa", s_lower),
        ("centre_radial_stress_upper_Pa", s_upper),
    ):
        got = res["cap_plate"][key]
        if abs(got - raw) > 1e-4 * abs(raw):
            sys.exit(f"plate {key}: {got} from petrocket's reader vs {raw} from the .frd")
    case = {
        "name": f"{PRESET}_preset_plate_{PLATE_T_M * 1e3:g}mm",
        "preset": PRESET,
        "cap_thickness_m": PLATE_T_M,
        "pressure_gauge_Pa": PRESSURE_PA,
        "youngs_modulus_Pa": E_PA,
        "poisson_ratio": NU,
        "refine": REFINE,
        "elements": res["mesh"]["elements"],
        "nodes": res["mesh"]["nodes"],
        "ccx_wall_time_s": round(ccx_s, 3),
        "plate_span_radius_m": a,
        "plate_centre_deflection_m": w0,
        "plate_centre_radial_stress_lower_Pa": s_lower,
        "plate_centre_radial_stress_upper_Pa": s_upper,
        "plate_max_von_mises_stress_Pa": vm,
        "plate_max_von_mises_stress_r_m": res["cap_plate"]["max_von_mises_stress_r_m"],
    }
    for q in ("hoop", "meridional", "von_mises"):
        for suffix in ("Pa", "z_m", "r_m", "s_m", "surface"):
            case[f"max_{q}_stress_{suffix}"] = res[f"max_{q}_stress_{suffix}"]
    golden = {
        "comment": "Made by tools/calculix/make_plate_golden.py with real CalculiX; do not edit "
                   "by hand.",
        "calculix_version": version,
        "cases": [case],
    }
    OUT.write_text(json.dumps(golden, indent=2) + "\n")
    print(f"{case['name']}: {case['elements']} CAX8 elements, ccx {ccx_s:.2f} s", file=sys.stderr)
    print(f"wrote {OUT.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
