"""`python -m bench [--quick] [--only 1,4]`: run the benchmarks, print figures, write results.json.

A full run takes about half an hour on a 2-core machine (most of it executing
the real guide: ~150 s per execution). --quick runs every benchmark on small
synthetic guides with fewer repeats, for checking the scripts (a minute or two).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from guidesite.datasets import mnist_npz

from . import machine, suite
from .report import summary
from .workspace import ROOT

BENCHMARKS = {
    1: ("noop", suite.noop),
    2: ("prose", suite.prose),
    3: ("overhead", suite.overhead),
    4: ("peers", suite.peers),
    5: ("doctests", suite.doctests),
    6: ("scale", suite.scale),
    7: ("weight", suite.weight),
    8: ("nox_noop", suite.nox_noop),
    9: ("parallel_doctests", suite.parallel_doctests),
}
NEEDS = {4: {2, 3}, 7: {1}}  # 4 compares with 2's and 3's builds; 7 weighs 1's site
RESULTS = ROOT / "bench" / "results.json"


def _selection(text: str | None) -> list[int]:
    chosen = {int(n) for n in text.split(",")} if text else set(BENCHMARKS)
    unknown = chosen - set(BENCHMARKS)
    if unknown:
        raise SystemExit(f"--only: no benchmark {sorted(unknown)}; choose from 1-{len(BENCHMARKS)}")
    for number in list(chosen):
        chosen |= NEEDS.get(number, set())
    return sorted(chosen)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small synthetic guides, fewer repeats")
    parser.add_argument("--only", help=f"comma-separated benchmark numbers (1-{len(BENCHMARKS)}); their "
                        "inputs run too")
    parser.add_argument("--allow-busy", action="store_true", help="write results.json even when the machine "
                        "was busy before or during the run (the load is recorded either way)")
    parser.add_argument("--repeats", type=int, help="repeats of the measurements that execute nothing")
    parser.add_argument("--heavy-repeats", type=int, help="repeats of the measurements that execute a guide")
    parser.add_argument("--out", type=Path, help=f"results file (default: {RESULTS.relative_to(ROOT)} "
                        "for a full run of all benchmarks, a temporary file otherwise)")
    return parser


def _write(path: Path, results: dict) -> None:
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    numbers = _selection(args.only)
    complete = not args.quick and args.only is None
    out = args.out or (RESULTS if complete else Path(tempfile.gettempdir()) / "guidesite-bench-results.json")
    given = argv if argv is not None else sys.argv[1:]
    results: dict = {
        "command": " ".join(["python -m bench", *map(shlex.quote, given)]),
        "mode": "quick" if args.quick else "full",
        "started_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine.describe(),
        "load_before": machine.load_average(),
        "benchmarks": {},
    }
    cores = results["machine"]["cores"] or 1
    quiet_load = machine.QUIET_LOAD_PER_CORE * cores
    if complete and not args.allow_busy and results["load_before"] > quiet_load:
        print(f"the machine is busy (1-minute load average {results['load_before']} on {cores} cores, more "
              f"than {quiet_load:.2f}): its figures would not be comparable. Run again when "
              "it is quiet, or pass --allow-busy to record them anyway.", file=sys.stderr)
        return 1
    mnist_npz()  # build the data set mirror's cache once, outside every timing
    start = time.perf_counter()
    busy, own = machine.busy_cpu_seconds(), machine.own_cpu_seconds()
    with tempfile.TemporaryDirectory(prefix="guidesite-bench-") as tmp:
        ctx = suite.Context(
            tmp=Path(tmp),
            quick=args.quick,
            repeats=args.repeats or (3 if args.quick else 7),
            heavy_repeats=args.heavy_repeats or 2,
            scale_guides=10 if args.quick else 100,
            scale_executed=2 if args.quick else 10,
        )
        results["settings"] = {"repeats": ctx.repeats, "heavy_repeats": ctx.heavy_repeats,
                               "scale_guides": ctx.scale_guides, "scale_executed": ctx.scale_executed}
        print(f"benchmarks {numbers} ({results['mode']}); machine: {results['machine']['cpu']}, "
              f"{results['machine']['cores']} cores, {results['machine']['ram_gib']} GiB; "
              f"load average {results['load_before']}", flush=True)
        for number in numbers:
            name, measure = BENCHMARKS[number]
            print(f"[{number}] {name}: {measure.__doc__.strip().splitlines()[0]}", flush=True)
            began = time.perf_counter()
            busy_before, own_before = machine.busy_cpu_seconds(), machine.own_cpu_seconds()
            results["benchmarks"][name] = measure(ctx)
            took = time.perf_counter() - began
            results["benchmarks"][name]["took_s"] = took
            # How busy the machine was meanwhile: benchmarks measured at different times compare only so far.
            results["benchmarks"][name]["others_cpu_share"] = machine.others_share(
                machine.busy_cpu_seconds() - busy_before, machine.own_cpu_seconds() - own_before, took,
                results["machine"]["cores"],
            )
            if name in ("prose",):
                ctx.shared["prose"] = results["benchmarks"][name]
            print(summary(name, results["benchmarks"][name], results["machine"]["cores"]), flush=True)
            # A run stopped later still leaves these figures, never in results.json (only a whole run).
            _write(out.with_name(out.stem + ".partial.json"), {**results, "partial": True})
    results["duration_s"] = time.perf_counter() - start
    results["others_cpu_share"] = machine.others_share(
        machine.busy_cpu_seconds() - busy, machine.own_cpu_seconds() - own,
        results["duration_s"], results["machine"]["cores"],
    )
    results["load_after"] = machine.load_average()
    busy = results["others_cpu_share"] > machine.QUIET_OTHERS_SHARE
    refused = busy and out == RESULTS and not args.allow_busy
    if refused:
        out = Path(tempfile.gettempdir()) / "guidesite-bench-results.busy.json"
    results["quiet"] = not busy
    _write(out, results)
    print(f"total {results['duration_s'] / 60:.1f} min; other processes used "
          f"{results['others_cpu_share'] * 100:.0f}% of the CPU meanwhile; results written to {out}")
    if refused:
        print(f"other processes used more than {machine.QUIET_OTHERS_SHARE:.0%} of the CPU: {RESULTS.name} "
              "was not written (pass --allow-busy to write it anyway)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
