"""Slices of the doctests: one guide on one backend, both languages (pure, standard library only).

CI runs each slice as a job of its own (`nox -s doctests -- --guide G --backend B`), so the
pull-request check takes as long as the slowest slice, not the sum of all of them; locally the
same options run one slice. ``python -m guidesite.slices`` prints the slices of the published
pages as JSON (the CI matrix); ``--verify FOLDER`` reads the JUnit files the slices wrote and
fails unless every slice ran and passed. It imports nothing beyond the standard library, so a CI
job can run it before installing anything.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from .pageformat import page_backends  # standard library only, like this module

# The pages' doctests as `nox -s test` runs them (the canary and the benchmarks add options); noxfile.py
# spells the same list, since nox loads it before this package is installed.
DOCTEST_COMMAND = ["-m", "pytest", "-p", "guidesite.doctests", "--markdown-docs",
                   "--markdown-docs-syntax=superfences", "-n", "auto", "--dist", "loadfile",
                   "-p", "no:cacheprovider", "-W", "default", "-q"]


def slices(docs: Path) -> list[dict[str, str]]:
    """Every (guide, backend) with a published page in any language, in name order."""
    found: dict[str, tuple[str, ...]] = {}
    for page in sorted(docs.glob("*/guides/*.md")):
        lines = page.read_text(encoding="utf-8").split("\n")
        found.setdefault(page.stem, page_backends(lines))
    return [{"guide": guide, "backend": backend} for guide, backends in sorted(found.items())
            for backend in backends]


def slice_name(guide: str, backend: str) -> str:
    return f"{guide}--{backend}"


def verify(planned: list[dict[str, str]], folder: Path) -> list[str]:
    """Problems with the slices' JUnit files (junit-<slice>.xml under folder): missing, failed, empty."""
    problems = []
    for item in planned:
        name = slice_name(item["guide"], item["backend"])
        files = list(folder.rglob(f"junit-{name}.xml"))
        if not files:
            problems.append(f"{name}: no result (the job did not run or did not upload junit-{name}.xml)")
            continue
        suite = ET.parse(files[0]).getroot()
        suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
        tests = int(suite.get("tests", 0))
        failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        if failed:
            problems.append(f"{name}: {failed} of {tests} block(s) failed")
        elif tests == 0:
            problems.append(f"{name}: no block ran")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guidesite.slices", description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    parser.add_argument("--verify", type=Path, metavar="FOLDER", help="check the slices' JUnit files")
    args = parser.parse_args(argv)
    planned = slices(args.docs)
    if args.verify is None:
        print(json.dumps(planned))
        return 0
    problems = verify(planned, args.verify)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(f"{len(planned) - len(problems)} of {len(planned)} slice(s) passed")
    return 2 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
