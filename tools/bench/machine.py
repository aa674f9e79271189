"""Machine description shared by the benchmark scripts."""

import platform
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
