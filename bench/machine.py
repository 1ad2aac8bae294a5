"""The machine a benchmark ran on, from /proc (Linux), and how busy it was."""

from __future__ import annotations

import importlib.metadata
import os
import platform
from pathlib import Path

# A quiet machine: 1-minute load average at most this per core before a run, and other processes
# using at most this share of the CPU during it (bench/__main__.py refuses or flags above them).
QUIET_LOAD_PER_CORE = 0.25
QUIET_OTHERS_SHARE = 0.10
PACKAGES = ("tensorflow", "keras", "mkdocs", "mkdocs-material", "nbclient", "nbconvert", "mkdocs-jupyter")


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""


def cpu_model(cpuinfo: str) -> str:
    for line in cpuinfo.splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def mem_total_gib(meminfo: str) -> float:
    for line in meminfo.splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024 / 1024, 1)
    return 0.0


def load_average() -> float:
    """The 1-minute load average: about 2 on a 2-core machine means both cores were busy."""
    text = _read("/proc/loadavg")
    return float(text.split()[0]) if text else -1.0


def describe() -> dict:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "cpu": cpu_model(_read("/proc/cpuinfo")),
        "cores": os.cpu_count(),
        "ram_gib": mem_total_gib(_read("/proc/meminfo")),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "versions": versions,
    }


def busy_cpu_seconds() -> float:
    """CPU seconds all processes on the machine have used since boot (from /proc/stat)."""
    fields = _read("/proc/stat").splitlines()[0].split()[1:] if _read("/proc/stat") else []
    if not fields:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU seconds this process and its finished children (builds, kernels, tools) have used."""
    import resource

    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def others_share(busy: float, own: float, wall: float, cores: int) -> float:
    """Fraction of the machine's CPU capacity used by other processes over a run (0 = had it alone)."""
    if wall <= 0 or cores <= 0:
        return 0.0
    return max(0.0, (busy - own) / (wall * cores))
