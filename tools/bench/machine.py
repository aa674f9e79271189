"""Machine description shared by the benchmark scripts."""

import datetime
import os
import platform
import subprocess
from pathlib import Path


def cpu_model():
    """CPU model name from /proc/cpuinfo (Linux), else platform.processor(), else None."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def machine_info():
    """The machine block of the Cantera benchmark results (load average at the start)."""
    return {
        "processor": platform.processor(),
        "cpu_model": cpu_model(),
        "machine": platform.machine(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "loadavg_1min_at_start": os.getloadavg()[0],
    }


def _capture(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def run_record(cases, statistic):
    """A petrocket benchmark record: the cases plus date, commit, toolchain and machine."""
    return {
        "statistic": statistic,
        "cases": cases,
        "date_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "commit": _capture("git", "rev-parse", "--short", "HEAD"),
        "dirty": bool(_capture("git", "status", "--porcelain")),
        "rustc": _capture("rustc", "--version"),
        "machine": {"cpu_model": cpu_model(), "cpu_count": os.cpu_count(),
                    "loadavg_at_end": os.getloadavg()},
    }
