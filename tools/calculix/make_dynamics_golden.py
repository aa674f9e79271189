#!/usr/bin/env python3
"""Golden data for the structural dynamics (modal and transient), made by real CalculiX.

Model: the 2 L preset bottle (`petrocket fem --preset 2L --uniform-wall`), the native
solver's DEFAULT mesh (CAX8), oriented PET E = 4.5 GPa, nu = 0.38, rho = 1390 kg/m^3
everywhere (data/materials.toml, pet-oriented; the preset's amorphous regions dropped). The static deck written by ``petrocket fem --export-calculix`` is parsed and
re-used: nodes, elements, axis set, material, inner-surface and cap *DLOAD lines. The support
of the static deck (u_z = 0 at the base-pole node) is replaced by:

- ``free``: only u_r = 0 on the axis (the axial rigid-body translation is left free);
- ``neck-clamped``: in addition u_r = u_z = 0 at every node of the neck's top edge (the
  nodes of the faces that carry the cap load).

1. Modal: ``*FREQUENCY`` (10 modes) for both supports; the eigenfrequencies are read from
   the ``.dat`` file. Modes below RIGID_HZ are rigid-body modes (reported separately).
2. Transient: ``*DYNAMIC, DIRECT, ALPHA=0`` (HHT alpha = 0 is Newmark average acceleration,
   the native scheme) with a fixed increment DT, Rayleigh damping ``*DAMPING, ALPHA=0,
   BETA=beta`` (stiffness-proportional, zeta = 0.02 at the analytic breathing frequency of
   the body, VALIDATION S1), free support, pressure ramp 0 -> P over the rise time then held
   (``*AMPLITUDE``), cap load included. The radial displacement of the mid-surface node of
   the body nearest mid-height is printed every increment; the dynamic load factor is its
   peak over the static value at the same pressure (hoop strain u_r/r at the same node),
   the static value from a ``*STATIC`` run of the same model.
3. Writes crates/petrocket-structure/tests/data/calculix_dynamics_golden.json.

The tests crates/petrocket-structure/tests/dynamics.rs compare the native solver: the lowest
frequencies within 3 %, the dynamic load factors within 5 %.

Usage: python3 tools/calculix/make_dynamics_golden.py   (needs ccx on PATH and cargo; the
three transient runs take minutes)
"""

import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "crates/petrocket-structure/tests/data/calculix_dynamics_golden.json"
PRESSURE_PA = 1.0e6
E_PA, NU, RHO = 4.5e9, 0.38, 1390.0
N_MODES = 10
RIGID_HZ = 10.0
ZETA = 0.02
# Body of the 2 L preset (crates/petrocket-structure/src/geometry presets): cylinder of
# mid-surface radius 52.35 mm from z = 53.35 mm to z = 224 mm.
BODY_R = 0.05235
BODY_Z = (0.05335, 0.224)
RISE_TIMES_S = [1.0e-6, 2.0e-4, 2.0e-3]
STEPS_PER_PERIOD = 40


def petrocket_cmd():
    """The petrocket binary: $PETROCKET_BIN if set, else built with cargo (dev profile)."""
    if os.environ.get("PETROCKET_BIN"):
        return [os.environ["PETROCKET_BIN"]]
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    subprocess.run(["cargo", "build", "--quiet", "-p", "petrocket"], cwd=REPO, check=True)
    return [str(target / "debug/petrocket")]


def read_deck(path):
    """Splits the static deck into the model part (before *STEP, without the FIXZ support),
    the *DLOAD data lines, the node coordinates and the elements."""
    lines = Path(path).read_text().splitlines()
    istep = next(i for i, l in enumerate(lines) if l.upper().startswith("*STEP"))
    model = [l for l in lines[:istep] if l.replace(" ", "").upper() != "FIXZ,2,2"]
    i = next(i for i, l in enumerate(lines) if l.upper().startswith("*DLOAD"))
    dload = []
    for l in lines[i + 1:]:
        if l.startswith("*"):
            break
        dload.append(l)
    nodes, elements, block = {}, {}, None
    for l in lines[:istep]:
        if l.startswith("*"):
            block = l.split(",")[0].upper()
            continue
        f = [x.strip() for x in l.split(",") if x.strip()]
        if block == "*NODE":
            nodes[int(f[0])] = (float(f[1]), float(f[2]))
        elif block == "*ELEMENT":
            elements[int(f[0])] = [int(x) for x in f[1:9]]
    return model, dload, nodes, elements


def run_ccx(tmp, name, text):
    (Path(tmp) / f"{name}.inp").write_text(text)
    t0 = time.perf_counter()
    r = subprocess.run(["ccx", "-i", name], cwd=tmp, capture_output=True, text=True,
                       env={**os.environ, "OMP_NUM_THREADS": "1"})
    wall = time.perf_counter() - t0
    if r.returncode != 0 or "*ERROR" in r.stdout:
        sys.exit(f"ccx {name} failed:\n{r.stdout[-3000:]}\n{r.stderr[-2000:]}")
    return (Path(tmp) / f"{name}.dat").read_text(), wall


def eigenfrequencies(dat):
    out, on = [], False
    for l in dat.splitlines():
        if "E I G E N V A L U E   O U T P U T" in l:
            on, out = True, []
            continue
        if on and ("P A R T I C I P" in l or "E F F E C T I V E" in l):
            break
        f = l.split()
        if on and len(f) == 5 and f[0].isdigit():
            out.append(float(f[3]))
    return out


def probe_history(dat, node):
    """(time, u_r) of `node` from *NODE PRINT blocks."""
    hist, t = [], None
    for l in dat.splitlines():
        m = re.search(r"displacements .* time\s+(\S+)", l)
        if m:
            t = float(m.group(1))
            continue
        f = l.split()
        if t is not None and len(f) == 4 and f[0] == str(node):
            hist.append((t, float(f[1])))
    return hist


def main():
    if shutil.which("ccx") is None:
        sys.exit("ccx not on PATH: install calculix-ccx (apt-get install calculix-ccx)")
    cmd = petrocket_cmd()
    version = subprocess.run(["ccx", "-v"], capture_output=True, text=True).stdout.strip()
    omega_b = math.sqrt(E_PA / (RHO * (1 - NU * NU))) / BODY_R
    beta = 2 * ZETA / omega_b
    dt = 2 * math.pi / omega_b / STEPS_PER_PERIOD
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "wall.inp"
        subprocess.run(
            cmd + ["fem", "--preset", "2L", "--uniform-wall", "--pressure", str(PRESSURE_PA),
                   "--youngs-modulus", str(E_PA), "--poisson", str(NU), "--density", str(RHO),
                   "--export-calculix", str(deck)],
            check=True, capture_output=True,
        )
        model, dload, nodes, elements = read_deck(deck)
        cap_elems = [int(l.split(",")[0]) for l in dload if l.split(",")[1].strip() == "P2"]
        neck = sorted({elements[e][i] for e in cap_elems for i in (1, 5, 2)})
        # Probe: the mid-surface node of the body nearest mid-height (mid-surface nodes of
        # the cylindrical body lie at r = BODY_R).
        z_mid = 0.5 * (BODY_Z[0] + BODY_Z[1])
        cands = [(abs(z - z_mid), n) for n, (r, z) in nodes.items()
                 if abs(r - BODY_R) < 1e-9 and BODY_Z[0] < z < BODY_Z[1]]
        probe = min(cands)[1]
        r_p, z_p = nodes[probe]
        base = "\n".join(model) + "\n"
        neck_set = "*NSET, NSET=NECK\n" + "".join(f"{n},\n" for n in neck)
        probe_set = f"*NSET, NSET=PROBE\n{probe},\n"
        modal = {}
        ccx_times = {}
        for support in ("free", "neck-clamped"):
            text = base + neck_set
            if support == "neck-clamped":
                text += "*BOUNDARY\nNECK, 1, 2\n"
            text += f"*STEP\n*FREQUENCY\n{N_MODES}\n*END STEP\n"
            dat, wall = run_ccx(tmp, "modal", text)
            f = eigenfrequencies(dat)
            modal[support] = {
                "natural_frequencies_Hz": [x for x in f if x >= RIGID_HZ],
                "rigid_body_frequencies_Hz": [x for x in f if x < RIGID_HZ],
            }
            ccx_times[f"modal_{support}"] = round(wall, 3)
            print(f"modal {support}: {f} ({wall:.1f} s)", file=sys.stderr)
        # Static reference (same free support would be singular: keep the deck's FIXZ).
        static_text = Path(deck).read_text().replace(
            "*NODE FILE", probe_set + "*NODE PRINT, NSET=PROBE\nU\n*NODE FILE")
        dat, wall = run_ccx(tmp, "static", static_text)
        u_static = probe_history(dat, probe)[-1][1]
        ccx_times["static"] = round(wall, 3)
        transient = []
        for tr in RISE_TIMES_S:
            duration = tr + 4 * 2 * math.pi / omega_b
            text = base + probe_set
            text += f"*DAMPING, ALPHA=0, BETA={beta:.12e}\n"
            text += f"*AMPLITUDE, NAME=RAMP\n0., 0., {tr:.12e}, 1., {duration + dt:.12e}, 1.\n"
            n_inc = int(math.ceil(duration / dt)) + 10
            text += (f"*STEP, INC={n_inc}\n*DYNAMIC, DIRECT, ALPHA=0\n"
                     f"{dt:.12e}, {duration:.12e}\n*DLOAD, AMPLITUDE=RAMP\n")
            text += "\n".join(dload) + "\n"
            text += "*NODE PRINT, NSET=PROBE\nU\n*END STEP\n"
            dat, wall = run_ccx(tmp, "dyn", text)
            hist = probe_history(dat, probe)
            peak_t, peak_u = max(hist, key=lambda h: h[1])
            case = {
                "rise_time_s": tr,
                "duration_s": duration,
                "time_step_s": dt,
                "increments": len(hist),
                "dynamic_load_factor": peak_u / u_static,
                "peak_time_s": peak_t,
                "ccx_wall_time_s": round(wall, 3),
            }
            transient.append(case)
            print(f"transient {case}", file=sys.stderr)
    golden = {
        "comment": "Made by tools/calculix/make_dynamics_golden.py with real CalculiX; "
                   "do not edit by hand.",
        "calculix_version": version,
        "preset": "2L",
        "mesh": "default",
        "youngs_modulus_Pa": E_PA,
        "poisson_ratio": NU,
        "density_kg_m3": RHO,
        "pressure_gauge_Pa": PRESSURE_PA,
        "probe_z_m": z_p,
        "probe_r_m": r_p,
        "static_u_r_m": u_static,
        "rayleigh_alpha_per_s": 0.0,
        "rayleigh_beta_s": beta,
        "modal": modal,
        "transient": transient,
        "ccx_wall_time_s": ccx_times,
    }
    OUT.write_text(json.dumps(golden, indent=2) + "\n")
    print(f"wrote {OUT.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
