#!/usr/bin/env python3
"""Run the petrocket benchmark suite and write a machine-readable record.

What it does (Python 3 standard library only):

1. Runs every criterion bench target of the workspace (found with
   ``cargo metadata``: today ``equilibrium``, ``structure`` and ``pipeline``),
   ``cargo bench --workspace --bench <name>`` each, with short criterion
   times (``--warm-up-time 1 --measurement-time 2``), five times over
   (``--repeat``, interleaved), each run a fresh process; ``--quick`` uses
   less.
2. After each run reads criterion's results, ``<target>/criterion/<group>/
   <case>/new/estimates.json`` (``median.point_estimate``, ns per iteration)
   and ``sample.json`` (the samples). Only files written by that run count:
   stale directories from older runs are ignored. A case's ``median_ns`` is the median of its
   per-run medians (all listed in ``run_medians_ns``), ``min_ns`` the lowest;
   ``p5_ns``, which compare.py uses by default, is the 5th percentile of all
   criterion samples (ns per iteration) of all runs pooled.
3. Builds the release binary and times the end-to-end CLI,
   ``target/release/petrocket run examples/stoich_h2o2_2L.toml --out <tmp>
   --json``, N times (15; in rounds of 3 after each round of criterion runs),
   each in a fresh process: median, p5 and min wall time and peak memory (max
   RSS from ``os.wait4``'s rusage, per run; see GATE_SH). ``petrocket
   --version`` is timed the same way as the process start-up floor.
4. Writes ``benchmarks/records/<UTC date>-<short commit>[-dirty].json``:
   ``cases`` is a list of {case, median_ns, peak_rss_kb (CLI cases only),
   unit_notes, ...}, plus version, commit, dirty flag, rustc, machine, date.

Compare a record with the baseline with ``tools/bench/compare.py``. This
script is not part of ``cargo test``; nothing here is a timed test.

Usage:
    python3 tools/bench/run_suite.py [--quick] [--bench NAME ...] [--repeat N]
                                     [--cli-runs N] [--skip-criterion]
                                     [--skip-cli] [--out FILE]
"""

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import cpu_model

REPO = Path(__file__).resolve().parents[2]
RECORDS = REPO / "benchmarks" / "records"
EXAMPLE = "examples/stoich_h2o2_2L.toml"
SCHEMA = 1

# Criterion settings. Full: 100 samples, 1 s warm-up, 2 s measurement (criterion
# stretches the measurement when 100 samples of a slow case need longer).
CRITERION_FULL = ["--warm-up-time", "1", "--measurement-time", "2", "--noplot"]
CRITERION_QUICK = [
    "--warm-up-time", "0.5", "--measurement-time", "1",
    "--sample-size", "20", "--noplot",
]
CLI_RUNS_FULL = 15
CLI_RUNS_QUICK = 5
# Runs of each criterion bench target, each a fresh process, interleaved in
# time. The shared 2-core machine runs at a "fast" or an up to ~1.7x "slow"
# level, in spells of a second to minutes (docs/benchmarks.md); the median of
# a run, or of a few runs, jumps between the two.
REPEATS_FULL = 5
REPEATS_QUICK = 1
# The machine also flips between its fast and slow level within a run, on a
# scale of a second, so most runs contain some fast samples even when their
# median is slow. p5_ns, the 5th percentile of every criterion sample (ns per
# iteration) pooled over the runs, tracks the fast level; compare.py uses it.
P_LOW = 0.05

# What each case measures (shown in the record and by compare.py). Cases not
# listed still get recorded, with a generic note.
NOTES = {
    "equilibrium/h2o2_stoich_UV":
        "ns per call: parse 'H2:2,O2:1' + state_tpx(295 K, 1 atm) + UV equilibrium "
        "(closed-vessel explosion), bundled h2o2 mechanism",
    "equilibrium/h2o2_stoich_TP":
        "ns per call: parse 'H2:2,O2:1' + state_tpx(295 K, 1 atm) + TP equilibrium",
    "equilibrium/h2o2_stoich_HP":
        "ns per call: parse 'H2:2,O2:1' + state_tpx(295 K, 1 atm) + HP equilibrium "
        "(adiabatic flame)",
    "equilibrium/h2o2_stoich_SV":
        "ns per call: parse 'H2:2,O2:1' + state_tpx(295 K, 1 atm) + SV equilibrium",
    "equilibrium/h2air_stoich_UV":
        "ns per call: parse 'H2:2,O2:1,N2:3.76' + state_tpx(295 K, 1 atm) + UV equilibrium",
    "structure/thin_wall_check_2L":
        "ns per call: 2L preset lookup + pet-oriented strength at 298 K + "
        "thin-wall check at 8.6 bar(g)",
    "structure/lame_stresses_2L":
        "ns per call: Lame cylinder of the 2L wall, stresses at 3 radii, peak hoop "
        "and von Mises, 3 burst pressures",
    "structure/materials_db_builtin":
        "ns per call: parse + validate the embedded materials.toml",
    "pipeline/config_parse_stoich_h2o2_2L":
        "ns per call: Config::from_toml_str on examples/stoich_h2o2_2L.toml",
    "pipeline/load_mechanism_h2o2":
        "ns per call: GasMixture::load(\"h2o2\"): parse the bundled Cantera YAML "
        "mechanism (one step of petrocket::run)",
    "pipeline/run_stoich_h2o2_2L":
        "ns per call: Config::from_toml_str + petrocket::run (in-process end to end, "
        "no file output) on examples/stoich_h2o2_2L.toml",
    "cli/run_stoich_h2o2_2L":
        "wall ns per process: target/release/petrocket run "
        "examples/stoich_h2o2_2L.toml --out <tmp> --json (start-up, pipeline, "
        "summary.json write); peak_rss_kb = max over runs of ru_maxrss",
    "cli/version":
        "wall ns per process: target/release/petrocket --version (process start-up "
        "floor); peak_rss_kb = max over runs of ru_maxrss",
}


def log(msg):
    print(f"[run_suite {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def capture(cmd, **kw):
    """stdout of cmd, stripped, or None if it fails."""
    try:
        return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True,
                              check=True, **kw).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def cargo_metadata():
    out = capture(["cargo", "metadata", "--no-deps", "--format-version", "1"])
    if out is None:
        sys.exit("run_suite: `cargo metadata` failed; run from a working checkout")
    return json.loads(out)


def bench_targets(meta):
    """[(package, bench name)] of every bench target in the workspace."""
    members = set(meta["workspace_members"])
    found = []
    for pkg in meta["packages"]:
        if pkg["id"] not in members:
            continue
        for t in pkg["targets"]:
            if "bench" in t["kind"]:
                found.append((pkg["name"], t["name"]))
    return sorted(found, key=lambda pt: pt[1])


def workspace_version():
    text = (REPO / "Cargo.toml").read_text()
    try:
        import tomllib  # Python 3.11+
        return tomllib.loads(text)["workspace"]["package"]["version"]
    except ImportError:
        m = re.search(r'^\[workspace\.package\][^\[]*?^version\s*=\s*"([^"]+)"', text,
                      re.M | re.S)
        return m.group(1) if m else None
    except KeyError:
        return None


def git_info():
    short = capture(["git", "rev-parse", "--short", "HEAD"]) or "nogit"
    full = capture(["git", "rev-parse", "HEAD"])
    status = capture(["git", "status", "--porcelain", "--untracked-files=no"])
    dirty = bool(status) if status is not None else None
    return short, full, dirty




def mem_total_kb():
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def loadavg():
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def build_benches(names):
    """Compile the bench targets once, before any timing. None or an error text."""
    cmd = ["cargo", "bench", "--workspace", "--no-run"]
    for name in names:
        cmd += ["--bench", name]
    log(" ".join(cmd))
    proc = subprocess.run(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    if proc.returncode != 0:
        return "\n".join(proc.stdout.splitlines()[-25:])
    return None


def run_bench_once(pkg, bench, crit_args, criterion_dir, label):
    """One `cargo bench --bench <bench>` run (a fresh process). Returns
    (entries read from criterion's files written by this run, failure or None)."""
    cmd = ["cargo", "bench", "--workspace", "--bench", bench, "--", *crit_args]
    log(f"{label} {pkg}: {' '.join(cmd)}")
    t0 = time.monotonic()
    started = time.time()
    proc = subprocess.run(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    log(f"  finished in {time.monotonic() - t0:.0f} s (exit {proc.returncode})")
    if proc.returncode != 0:
        tail = "\n".join(proc.stdout.splitlines()[-25:])
        print(tail, file=sys.stderr)
        return [], {"bench": bench, "package": pkg, "run": label,
                    "error": f"cargo bench exited {proc.returncode}", "output_tail": tail}
    return read_criterion(criterion_dir, started), None


def quantile(values, q):
    """Nearest-rank lower quantile: sorted(values)[floor(q * n)]."""
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)]


def merge_criterion_runs(runs):
    """{case: [entry per run]} -> cases; median_ns = median of the per-run
    criterion medians, min_ns/max_ns = lowest/highest of them, p5_ns = 5th
    percentile of all samples of all runs (ns per iteration)."""
    cases = []
    for case, entries in runs.items():
        medians = [e["median_ns"] for e in entries]
        pooled = [t for e in entries for t in e.get("_per_sample_ns", [])]
        merged = {k: v for k, v in entries[0].items() if not k.startswith("_")}
        merged["p5_ns"] = quantile(pooled, P_LOW) if pooled else min(medians)
        merged["pooled_samples"] = len(pooled)
        merged["median_ns"] = statistics.median(medians)
        merged["min_ns"] = min(medians)
        merged["max_ns"] = max(medians)
        merged["runs"] = len(entries)
        merged["run_medians_ns"] = medians
        if len(entries) > 1:  # per-run details are in run_medians_ns
            for key in ("median_ci95_ns", "mean_ns", "median_abs_dev_ns"):
                merged.pop(key, None)
        cases.append(merged)
    return cases


def read_criterion(criterion_dir, since):
    """Cases whose new/estimates.json was written at or after `since` (epoch s)."""
    cases = []
    if not criterion_dir.is_dir():
        return cases
    for est in sorted(criterion_dir.glob("**/new/estimates.json")):
        if est.stat().st_mtime < since:
            continue  # left over from an earlier run
        new = est.parent
        try:
            meta = json.loads((new / "benchmark.json").read_text())
            case = meta.get("full_id") or meta["directory_name"]
        except (OSError, ValueError, KeyError):
            case = new.parent.relative_to(criterion_dir).as_posix()
        e = json.loads(est.read_text())
        med = e["median"]
        ci = med["confidence_interval"]
        entry = {
            "case": case,
            "kind": "criterion",
            "median_ns": med["point_estimate"],
            "median_ci95_ns": [ci["lower_bound"], ci["upper_bound"]],
            "mean_ns": e["mean"]["point_estimate"],
            "median_abs_dev_ns": e["median_abs_dev"]["point_estimate"],
            "peak_rss_kb": None,
            "unit_notes": NOTES.get(case, "ns per iteration (criterion median)"),
        }
        sample = new / "sample.json"
        if sample.exists():
            try:
                s = json.loads(sample.read_text())
                entry["samples"] = len(s["iters"])
                entry["iterations"] = int(sum(s["iters"]))
                # ns per iteration of each sample; pooled over the runs for p5_ns
                entry["_per_sample_ns"] = [t / n for t, n in zip(s["times"], s["iters"]) if n]
            except (OSError, ValueError, KeyError):
                pass
        cases.append(entry)
    return cases


def build_release():
    cmd = ["cargo", "build", "--release", "-p", "petrocket", "--bin", "petrocket"]
    log(" ".join(cmd))
    proc = subprocess.run(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    if proc.returncode != 0:
        print(proc.stdout[-4000:], file=sys.stderr)
        return None
    meta = cargo_metadata()
    exe = Path(meta["target_directory"]) / "release" / "petrocket"
    return exe if exe.exists() else None


# Peak memory of a child process. Linux carries the high-water RSS of the
# *launching* process image over fork and exec into the child's ru_maxrss, so a
# child started straight from this Python process reports Python's ~15 MB, not
# its own few MB. Therefore the command is started from a small shell: the
# shell forks a subshell that blocks on a gate, prints its pid and exits; this
# process, registered as a child subreaper (prctl PR_SET_CHILD_SUBREAPER),
# inherits the orphan, opens the gate (the clock starts), and os.wait4 returns
# the command's own rusage. What remains is the shell's image, about 1 MB
# (`/bin/true` measured this way); the record stores that floor.
PR_SET_CHILD_SUBREAPER = 36
GATE_SH = ('exec 3<&0 </dev/null; o=$1; shift; '
           '(read _ <&3 && exec 3<&- "$@") >"$o" 2>/dev/null & echo $!')


def set_subreaper(on):
    """Become (or stop being) a child subreaper. False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1 if on else 0, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def time_process(argv, gated):
    """Run argv once in a fresh process: (wall ns, max RSS kB, exit code, stdout).

    gated: start it through GATE_SH (needs set_subreaper(True)) so that the
    max RSS is the command's own; otherwise a plain fork/exec whose max RSS
    includes this Python process's image.
    """
    with tempfile.NamedTemporaryFile() as out:
        if gated:
            r, w = os.pipe()
            try:
                sh = subprocess.run(["/bin/sh", "-c", GATE_SH, "sh", out.name, *argv],
                                    cwd=REPO, stdin=r, capture_output=True, text=True, check=True,
                                    timeout=60)
            finally:
                os.close(r)
            pid = int(sh.stdout)
            t0 = time.perf_counter_ns()
            os.write(w, b"go\n")
            os.close(w)
            _, status, usage = os.wait4(pid, 0)
        else:
            t0 = time.perf_counter_ns()
            proc = subprocess.Popen(argv, cwd=REPO, stdout=out, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here
        wall = time.perf_counter_ns() - t0
        out.seek(0)
        text = out.read().decode(errors="replace")
    # Linux reports ru_maxrss in kB (macOS: bytes).
    rss_kb = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return wall, rss_kb, os.waitstatus_to_exitcode(status), text


class CliBench:
    """The end-to-end CLI cases, timed in rounds spread over the suite (so that
    they sample the machine's fast and slow spells like the criterion runs do),
    each invocation a fresh process."""

    def __init__(self, exe, tmp):
        self.cases = {
            "cli/run_stoich_h2o2_2L": [str(exe), "run", EXAMPLE, "--out",
                                       str(Path(tmp) / "out"), "--json"],
            "cli/version": [str(exe), "--version"],
        }
        self.walls = {case: [] for case in self.cases}
        self.rss = {case: [] for case in self.cases}
        self.gated = set_subreaper(True)
        set_subreaper(False)
        self.floor = None

    def _one(self, argv):
        if self.gated:
            set_subreaper(True)
        try:
            wall, rss, code, text = time_process(argv, self.gated)
        finally:
            if self.gated:
                set_subreaper(False)
        if code != 0:
            raise RuntimeError(f"{' '.join(map(str, argv))} exited {code}")
        return wall, rss, text

    def start(self):
        """RSS floor of the launcher; one untimed run per case (warms the page
        cache) whose output is checked."""
        if self.gated:
            self.floor = max(self._one(["/bin/true"])[1] for _ in range(3))
        for case, argv in self.cases.items():
            check_cli_output(case, self._one(argv)[2])

    def round(self, n, label):
        for case, argv in self.cases.items():
            log(f"{label} {case}: {n} runs of petrocket {' '.join(argv[1:])}")
            for _ in range(n):
                wall, rss, _ = self._one(argv)
                self.walls[case].append(wall)
                self.rss[case].append(rss)

    def results(self):
        out = []
        for case, walls in self.walls.items():
            if not walls:
                continue
            rss = self.rss[case]
            out.append({
                "case": case,
                "kind": "cli",
                "median_ns": statistics.median(walls),
                "p5_ns": quantile(walls, P_LOW),
                "min_ns": min(walls),
                "max_ns": max(walls),
                "runs": len(walls),
                "peak_rss_kb": max(rss),
                "median_rss_kb": statistics.median(rss),
                "unit_notes": NOTES[case],
            })
        return out

    def method(self):
        return ("wait4 rusage of the command, started from /bin/sh (subreaper gate)"
                if self.gated else
                "wait4 rusage of a direct fork/exec (includes the launcher's image)")


def check_cli_output(case, text):
    if case == "cli/run_stoich_h2o2_2L":
        summary = json.loads(text)  # raises if --json did not print one object
        if "verdict" not in json.dumps(summary):
            raise RuntimeError("petrocket run --json printed no verdict")
    elif not text.startswith("petrocket"):
        raise RuntimeError(f"unexpected --version output: {text!r}")


def record_path(date, short, dirty):
    stem = f"{date:%Y-%m-%d}-{short}{'-dirty' if dirty else ''}"
    path = RECORDS / f"{stem}.json"
    if path.exists():  # keep earlier records of the same day and commit
        path = RECORDS / f"{stem}-{date:%H%M%S}.json"
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="fewer samples: criterion 0.5 s warm-up, 1 s measurement, "
                         f"20 samples, {REPEATS_QUICK} run per target; {CLI_RUNS_QUICK} CLI runs")
    ap.add_argument("--bench", action="append", metavar="NAME",
                    help="run only this bench target (repeatable); default: all")
    ap.add_argument("--repeat", type=int, metavar="N",
                    help="rounds: runs of each criterion bench target, each a fresh "
                         "process, interleaved with rounds of CLI runs "
                         f"(default {REPEATS_FULL}, --quick {REPEATS_QUICK})")
    ap.add_argument("--cli-runs", type=int, metavar="N",
                    help="timed runs of each CLI case, spread over the rounds "
                         f"(default {CLI_RUNS_FULL}, --quick {CLI_RUNS_QUICK})")
    ap.add_argument("--skip-criterion", action="store_true", help="only the CLI cases")
    ap.add_argument("--skip-cli", action="store_true", help="only the criterion cases")
    ap.add_argument("--out", type=Path, metavar="FILE",
                    help="record path (default benchmarks/records/<date>-<commit>.json)")
    args = ap.parse_args()

    suite_t0 = time.monotonic()
    now = dt.datetime.now(dt.timezone.utc)
    meta = cargo_metadata()
    criterion_dir = Path(os.environ.get("CRITERION_HOME",
                                        Path(meta["target_directory"]) / "criterion"))
    short, full, dirty = git_info()
    crit_args = CRITERION_QUICK if args.quick else CRITERION_FULL
    cli_runs = args.cli_runs or (CLI_RUNS_QUICK if args.quick else CLI_RUNS_FULL)
    repeats = args.repeat or (REPEATS_QUICK if args.quick else REPEATS_FULL)
    if repeats < 1 or cli_runs < 1:
        ap.error("--repeat and --cli-runs must be >= 1")
    load_start = loadavg()

    failures = []
    benches = []
    if not args.skip_criterion:
        benches = bench_targets(meta)
        if args.bench:
            unknown = set(args.bench) - {b for _, b in benches}
            if unknown:
                sys.exit(f"run_suite: unknown bench target(s): {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(b for _, b in benches)}")
            benches = [pb for pb in benches if pb[1] in args.bench]
        error = build_benches([b for _, b in benches])
        if error:
            print(error, file=sys.stderr)
            failures.append({"bench": ",".join(b for _, b in benches),
                             "error": "cargo bench --no-run failed", "output_tail": error})
            benches = []

    tmp = tempfile.TemporaryDirectory(prefix="petrocket-bench-")
    cli = None
    if not args.skip_cli:
        exe = build_release()
        if exe is None:
            failures.append({"bench": "cli", "error": "cargo build --release failed"})
        else:
            cli = CliBench(exe, tmp.name)
            try:
                cli.start()
            except (RuntimeError, ValueError, OSError, subprocess.SubprocessError) as e:
                failures.append({"bench": "cli", "error": str(e)})
                cli = None
    per_round = -(-cli_runs // repeats)  # ceil: CLI runs spread over the rounds

    criterion_runs = {}
    try:
        for rep in range(repeats):
            label = f"round {rep + 1}/{repeats}"
            for pkg, bench in benches:
                entries, failure = run_bench_once(pkg, bench, crit_args, criterion_dir, label)
                if failure:
                    failures.append(failure)
                for e in entries:
                    criterion_runs.setdefault(e["case"], []).append(e)
            if cli:
                try:
                    cli.round(per_round, label)
                except (RuntimeError, OSError, subprocess.SubprocessError) as e:
                    failures.append({"bench": "cli", "run": label, "error": str(e)})
                    cli = None
    finally:
        tmp.cleanup()
    cases = merge_criterion_runs(criterion_runs)
    rss_method = rss_floor = None
    if cli:
        cases += cli.results()
        rss_method, rss_floor = cli.method(), cli.floor

    duration = time.monotonic() - suite_t0
    record = {
        "schema": SCHEMA,
        "tool": "tools/bench/run_suite.py",
        "date_utc": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "version": workspace_version(),
        "commit": short,
        "commit_full": full,
        "dirty": dirty,
        "rustc": capture(["rustc", "--version"]),
        "cargo": capture(["cargo", "--version"]),
        "machine": {
            "nproc": os.cpu_count(),
            "cpu_model": cpu_model(),
            "mem_total_kb": mem_total_kb(),
            "platform": platform.platform(),
            "loadavg_1min_start": load_start,
            "loadavg_1min_end": loadavg(),
        },
        "settings": {
            "quick": args.quick,
            "criterion_args": crit_args if not args.skip_criterion else None,
            "criterion_repeats": repeats if not args.skip_criterion else None,
            "cli_runs": per_round * repeats if not args.skip_cli else None,
            "rss_method": rss_method,
            "rss_floor_kb": rss_floor,
            "profile": "bench/release (workspace [profile.release])",
        },
        "suite_duration_s": round(duration, 1),
        "cases": sorted(cases, key=lambda c: c["case"]),
        "failures": failures,
    }

    out = args.out or record_path(now, short, dirty)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=1) + "\n")

    width = max((len(c["case"]) for c in cases), default=10)
    for c in record["cases"]:
        rss = f"  peak RSS {c['peak_rss_kb']} kB" if c.get("peak_rss_kb") else ""
        print(f"{c['case']:<{width}}  p5 {fmt_ns(c['p5_ns']):>9}  "
              f"median {fmt_ns(c['median_ns']):>9}{rss}")
    for f in failures:
        print(f"FAILED {f['bench']}: {f['error']}")
    try:
        shown = out.resolve().relative_to(REPO)
    except ValueError:
        shown = out
    print(f"record: {shown}  ({len(cases)} cases, {duration:.0f} s, "
          f"load {load_start} -> {record['machine']['loadavg_1min_end']})")
    return 1 if failures else 0


def fmt_ns(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}" if ns / scale < 100 else f"{ns / scale:.1f} {unit}"
    return f"{ns:.3g} ns"


if __name__ == "__main__":
    sys.exit(main())
