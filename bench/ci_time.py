"""Time `.ci/run` on clean clones of two commits, one after the other, in one session.

    python -m bench.ci_time BEFORE AFTER     # writes bench/ci_time.json

Each commit is cloned from this repository into a temporary folder and `.ci/run` runs
there with CI=true, as CI runs it. The load average before and after each run is
recorded with the wall time, so a busy machine shows in the results; pip's download
cache is whatever this machine has (say so when quoting the figures).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "ci_time.json"


def time_ci(commit: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="guidesite-ci-") as folder:
        clone = Path(folder) / "repo"
        subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(clone)], check=True)
        subprocess.run(["git", "-C", str(clone), "checkout", "-q", commit], check=True)
        full = subprocess.run(["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True, text=True)
        load_before = os.getloadavg()[0]
        started = time.monotonic()
        log = Path(folder) / "ci.log"
        with open(log, "w", encoding="utf-8") as handle:
            result = subprocess.run(
                ["bash", ".ci/run"], cwd=clone, stdout=handle, stderr=subprocess.STDOUT,
                env={**os.environ, "CI": "true"},
            )
        seconds = time.monotonic() - started
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-5:]
        return {
            "commit": full.stdout.strip(), "exit_code": result.returncode, "seconds": round(seconds, 1),
            "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2), "log_tail": tail,
        }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    runs = {}
    for label, commit in zip(("before", "after"), argv, strict=True):
        runs[label] = time_ci(commit)
        print(f"{label}: {runs[label]['commit'][:10]} exit {runs[label]['exit_code']}, {runs[label]['seconds']} s")
    data = {"measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "cores": os.cpu_count(), **runs}
    RESULTS.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["exit_code"] == 0 for r in runs.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
