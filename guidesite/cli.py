"""Command line: ``python -m guidesite build|check``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import NeedsExecution, Project, build_files, stale, write_files
from .datasets import DatasetMirrorError
from .errors import EnvironmentMismatch, GuideError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guidesite", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="regenerate docs/ from guide_src/, executing only changed guides")
    build.add_argument("--force", action="store_true", help="execute every guide even if its record is fresh")
    build.add_argument("--timeout", type=int, default=1800, help="seconds one cell may run (default 1800)")
    sub.add_parser("check", help="fail if docs/ is not what build would write (never executes)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project(args.root.resolve())
    try:
        if args.command == "build":
            files = build_files(project, force=args.force, timeout=args.timeout, log=print)
            changed = write_files(project, files)
            print(f"{len(changed)} file(s) updated under {project.docs_dir.relative_to(project.root)}/")
            return 0
        files = build_files(project, may_execute=False)
        differing = stale(project, files)
        for path in differing:
            print(f"{path.relative_to(project.root)}: out of date; run `nox -s build` and commit docs/")
        if not differing:
            print(f"docs/ is up to date ({len(files)} generated files checked)")
        return 1 if differing else 0
    except GuideError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except NeedsExecution as exc:
        print(f"error: {exc}; run `nox -s build` and commit docs/", file=sys.stderr)
    except (EnvironmentMismatch, DatasetMirrorError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    print("build failed; docs/ was left unchanged", file=sys.stderr)
    return 2
