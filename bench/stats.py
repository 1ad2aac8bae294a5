"""Pure helpers of the benchmarks: medians, ratios, what a build did (its summary), CI spread."""

from __future__ import annotations

import heapq
import statistics
from collections.abc import Sequence


def median(samples: Sequence[float]) -> float:
    if not samples:
        raise ValueError("median of no samples")
    return statistics.median(samples)


def ratio(ours: float, baseline: float) -> float:
    """ours / baseline, the figure every target is stated in (1.0 = no overhead)."""
    if baseline <= 0:
        raise ValueError(f"baseline must be positive, got {baseline}")
    return ours / baseline


def summary_counts(summary: dict) -> dict[str, int]:
    """What a build did, from its `guidesite build --summary` JSON: runs executed and reused, cells
    executed, files updated."""
    runs = summary["runs"]
    return {
        "cells_executed": sum(run["cells_executed"] for run in runs),
        "guides_executed": sum(run["action"] == "executed" for run in runs),
        "guides_reused": sum(run["action"] == "reused" for run in runs),
        "files_updated": summary["files_updated"],
    }


def makespan(durations: Sequence[float], machines: int) -> float:
    """Wall time to run independent jobs on `machines` workers, longest first.

    Longest-processing-time-first is the usual greedy schedule for CI shards;
    it is within 4/3 of the optimum and is what a static shard split would do.
    """
    if machines < 1:
        raise ValueError("need at least one machine")
    loads = [0.0] * min(machines, max(len(durations), 1))
    heapq.heapify(loads)
    for duration in sorted(durations, reverse=True):
        heapq.heapreplace(loads, loads[0] + duration)
    return max(loads)


def seconds(value: float) -> str:
    """A duration for a table: 3 significant figures, never scientific notation."""
    if value >= 100:
        return f"{value:.0f} s"
    if value >= 10:
        return f"{value:.1f} s"
    if value >= 0.1:
        return f"{value:.2f} s"
    return f"{value * 1000:.1f} ms"


def size(nbytes: int) -> str:
    """A byte count for a table, in KiB/MiB (1024-based, as du -h prints)."""
    if nbytes < 1024:
        return f"{nbytes} B"
    if nbytes < 1024 * 1024:
        return f"{nbytes / 1024:.1f} KiB"
    return f"{nbytes / 1024 / 1024:.2f} MiB"


def prose_edit(text: str, n: int) -> str:
    """A guide source with one sentence added to its first markdown cell.

    Inserted just before the cell's closing triple quote, so the cell stays a
    valid markdown cell and no code cell changes.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# %% [markdown]") and index + 1 < len(lines) and lines[index + 1] == '"""':
            for end in range(index + 2, len(lines)):
                if lines[end] == '"""':
                    lines.insert(end, f"\nBenchmark prose edit number {n}.")
                    return "\n".join(lines)
    raise ValueError("no triple-quoted markdown cell to edit")
