#!/usr/bin/env python3
"""Compare a benchmark record with a baseline and flag regressions.

    python3 tools/bench/compare.py BASELINE RECORD [--threshold 0.15]
                                   [--cli-threshold 0.25]
                                   [--memory-threshold 0.10]
                                   [--statistic p5|min|median]

BASELINE and RECORD are files written by tools/bench/run_suite.py (the
committed baseline is benchmarks/baseline.json). For every case present in
both, prints baseline, current and the relative change of the time statistic,
and of the peak RSS where both have one.

The time statistic is by default ``p5_ns``: for criterion cases the 5th
percentile of all samples (ns per iteration) of the five runs pooled, for CLI
cases the fastest invocation. The shared 2-core machine runs at a fast or an
up to ~1.7x slower level, in spells of a second to minutes, so medians jump
between the two levels; the low percentile tracks the fast level, which moves
only with the code (docs/benchmarks.md). ``--statistic min`` compares the best
per-run criterion median, ``--statistic median`` the median of the runs.

A case regresses when it got slower by more than --threshold (default 0.15 =
15 %; CLI cases, whole processes of 1-3 ms dominated by start-up:
--cli-threshold, default 0.25), or its peak RSS grew by more than
--memory-threshold (default 0.10 = 10 %). Why these: noise on a shared 2-core
machine. Between suite runs of the same build p5_ns moved by up to 11 %, the
fastest CLI invocation by up to 18 %, peak RSS by under 4 %; see
docs/benchmarks.md. Speed-ups beyond the threshold are reported as "faster"
(consider updating the baseline), not as failures. Cases missing on either
side, and bench targets that failed in the record, are listed but do not fail
the comparison.

Columns: the compared times and their change; b.spread and c.spread, the
spread (max - min)/median of the per-run values in baseline and current (one
criterion median per process run, one wall time per CLI invocation), a
measure of the noise; peak RSS and its change; the status.

Exit code: 1 if any case regressed, 0 otherwise (2 for usage errors).
"""

import argparse
import json
import sys


def fail(message):
    """Usage or input error: exit 2, distinct from 1 = regression."""
    print(f"compare: {message}", file=sys.stderr)
    sys.exit(2)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"cannot read {path}: {e}")
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        fail(f"{path} is not a run_suite.py record (no 'cases' list)")
    return data, {c["case"]: c for c in data["cases"]}


def fmt_ns(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            v = ns / scale
            return f"{v:.3g} {unit}" if v < 100 else f"{v:.1f} {unit}"
    return f"{ns:.3g} ns"


def fmt_kb(kb):
    return f"{kb / 1024:.2f} MiB" if kb >= 1024 else f"{kb} kB"


def spread(case):
    """(max - min)/median over the runs of a case, or '' for a single run."""
    lo, hi, med = case.get("min_ns"), case.get("max_ns"), case.get("median_ns")
    if lo is None or hi is None or not med or case.get("runs", 1) < 2:
        return ""
    return f"{(hi - lo) / med:.0%}"


def describe(rec, path):
    m = rec.get("machine") or {}
    dirty = " (dirty)" if rec.get("dirty") else ""
    quick = ", --quick" if (rec.get("settings") or {}).get("quick") else ""
    return (f"{path}: {rec.get('date_utc', '?')}, v{rec.get('version', '?')}, "
            f"commit {rec.get('commit', '?')}{dirty}{quick}; {rec.get('rustc', '?')}; "
            f"{m.get('nproc', '?')} × {m.get('cpu_model', '?')}, "
            f"load {m.get('loadavg_1min_start', '?')} -> {m.get('loadavg_1min_end', '?')}")


def main():
    ap = argparse.ArgumentParser(
        description="Compare a run_suite.py record with a baseline; exit 1 on regression.")
    ap.add_argument("baseline", help="baseline record, e.g. benchmarks/baseline.json")
    ap.add_argument("record", help="new record, e.g. benchmarks/records/<file>.json")
    ap.add_argument("--threshold", type=float, default=0.15, metavar="FRACTION",
                    help="allowed slow-down of a criterion case (default 0.15 = 15 %%)")
    ap.add_argument("--cli-threshold", type=float, default=0.25, metavar="FRACTION",
                    help="allowed slow-down of a CLI case (default 0.25 = 25 %%)")
    ap.add_argument("--memory-threshold", type=float, default=0.10, metavar="FRACTION",
                    help="allowed growth of the peak RSS (default 0.10 = 10 %%)")
    ap.add_argument("--statistic", choices=["p5", "min", "median"], default="p5",
                    help="time compared: p5 = 5th percentile of the pooled samples "
                         "(default), min = best run, median = median of the runs")
    args = ap.parse_args()
    if min(args.threshold, args.cli_threshold, args.memory_threshold) < 0:
        ap.error("thresholds must be >= 0")

    base, base_cases = load(args.baseline)
    cur, cur_cases = load(args.record)
    print("baseline " + describe(base, args.baseline))
    print("current  " + describe(cur, args.record))
    notes = []
    bm, cm = base.get("machine") or {}, cur.get("machine") or {}
    if (bm.get("cpu_model"), bm.get("nproc")) != (cm.get("cpu_model"), cm.get("nproc")):
        notes.append("different machines: time changes mean little")
    if base.get("rustc") != cur.get("rustc"):
        notes.append("different rustc versions")
    if (base.get("settings") or {}).get("quick") != (cur.get("settings") or {}).get("quick"):
        notes.append("one record used --quick: expect more noise")
    for n in notes:
        print(f"note: {n}")
    stat = f"{args.statistic}_ns"
    label = {"p5": "5th percentile of the samples", "min": "best run",
             "median": "median of runs"}[args.statistic]
    print(f"statistic: {stat} ({label}); thresholds: time +{args.threshold:.0%} "
          f"(CLI cases +{args.cli_threshold:.0%}), peak RSS +{args.memory_threshold:.0%}\n")

    common = [c for c in base_cases if c in cur_cases]
    rows, regressions, faster = [], [], []
    for case in sorted(common):
        b, c = base_cases[case], cur_cases[case]
        bt, ct = b.get(stat), c.get(stat)
        status = []
        is_cli = (c.get("kind") or b.get("kind")) == "cli" or case.startswith("cli/")
        limit = args.cli_threshold if is_cli else args.threshold
        if bt and ct is not None:
            change = (ct - bt) / bt
            if change > limit:
                status.append("REGRESSION (time)")
                if args.statistic == "median" and b.get("max_ns") and ct <= b["max_ns"]:
                    status.append("within the baseline's own run range: re-run to confirm")
            elif change < -limit:
                status.append("faster")
                faster.append(case)
            rows.append([case, fmt_ns(bt), fmt_ns(ct), f"{change:+.1%}", spread(b), spread(c)])
        else:
            rows.append([case, "-", "-", "n/a", "", ""])
        br, cr = b.get("peak_rss_kb"), c.get("peak_rss_kb")
        if br and cr is not None:
            mchange = (cr - br) / br
            if mchange > args.memory_threshold:
                status.append("REGRESSION (memory)")
            rows[-1] += [fmt_kb(br), fmt_kb(cr), f"{mchange:+.1%}"]
        else:
            rows[-1] += ["", "", ""]
        if any(s.startswith("REGRESSION") for s in status):
            regressions.append(case)
        rows[-1].append(", ".join(status) or "ok")

    header = ["case", "baseline", "current", "change", "b.spread", "c.spread",
              "base RSS", "cur RSS", "RSS chg", "status"]
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    right = set(range(1, 9))
    for r in [header, ["-" * w for w in widths]] + rows:
        cells = [str(v).rjust(w) if i in right else str(v).ljust(w)
                 for i, (v, w) in enumerate(zip(r, widths))]
        print("  ".join(cells).rstrip())

    only_base = sorted(set(base_cases) - set(cur_cases))
    only_cur = sorted(set(cur_cases) - set(base_cases))
    if only_base:
        print(f"\nmissing in the record (not compared): {', '.join(only_base)}")
    if only_cur:
        print(f"new in the record, not in the baseline: {', '.join(only_cur)}")
    for f in cur.get("failures") or []:
        print(f"record lists a failed bench: {f.get('bench')}: {f.get('error')}")

    print()
    if faster:
        print(f"{len(faster)} case(s) faster beyond the threshold: {', '.join(faster)} "
              "(update the baseline on purpose if this is a real improvement)")
    if regressions:
        print(f"FAIL: {len(regressions)} regression(s): {', '.join(regressions)}")
        return 1
    print(f"OK: no regression in {len(common)} compared case(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
