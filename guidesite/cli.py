"""Command line: ``python -m guidesite build|check|serve|status|review|scaffold|import``."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from . import stamp
from .errors import OK, OUT_OF_DATE, report
from .kernel import DEFAULT_TIMEOUT, allowed_names
from .lock import project_lock
from .project import Project
from .secrecy import Masker, masked_output
from .translate import cli as translate_cli

# build.py (and through it jupytext, nbformat, nbclient) is imported only when the stamp misses.


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guidesite", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="regenerate docs/ from guide_src/, executing only changed guides")
    build.add_argument(
        "guides", nargs="*", metavar="GUIDE",
        help="execute only these guides (names as in guide_src/en/); the others are only re-rendered",
    )
    build.add_argument(
        "--force", action="store_true", help="execute every (or each named) guide even if its record is fresh"
    )
    build.add_argument(
        "--require-gpu", action="store_true",
        help="fail before executing if a backend to execute on sees no GPU (never fall back to the CPU)",
    )
    build.add_argument(
        "--keep-going", action="store_true",
        help="run every cell even after one fails, and list every failing cell (for porting a guide)",
    )
    build.add_argument(
        "--timeout", type=_positive, default=DEFAULT_TIMEOUT,
        help=f"seconds a cell may run unless the guide's header sets `timeout:` (default {DEFAULT_TIMEOUT})",
    )
    build.add_argument(
        "--jobs", "-j", type=_positive, default=1, help="execute up to N guides at once (default 1)"
    )
    build.add_argument(
        "--summary", type=Path, metavar="FILE",
        help="also write what was done as JSON: each run (guide, lang, backend, action: executed, reused "
        "or left, cells executed, seconds, reason) and the number of files updated",
    )
    check = sub.add_parser("check", help="fail if docs/ is not what build would write (never executes)")
    for command in (build, check):
        command.add_argument(
            "--no-wait", action="store_true", help="fail at once if another build holds the project lock"
        )
    serve = sub.add_parser("serve", help="live preview: re-render pages when a source is saved")
    serve.add_argument("--port", type=_positive, default=8000, help="port on 127.0.0.1 (default 8000)")
    serve.add_argument(
        "--execute", action="store_true",
        help="execute a guide whose code changed when it is saved (default: mark its outputs out of date)",
    )
    translate_cli.add_parsers(sub)  # status, review, scaffold, import
    return parser


def _build(args: argparse.Namespace, project: Project) -> int:
    docs = project.docs_dir.relative_to(project.root)
    if args.guides:  # before the stamp: a name that is no guide is an error whether or not anything changed
        from .sources import check_selected

        check_selected(project.src_dir, project.languages, tuple(args.guides), project.source_lang)
    if not args.force and stamp.fresh(project.root):
        print(f"nothing changed since the last build or check ({stamp.CACHE_DIR}/)")
        print(f"0 file(s) updated under {docs}/")
        _write_summary(args.summary, {"runs": [], "files_updated": 0, "stamp_fresh": True})
        return OK
    from .build import BuildRequest, build
    from .publish import write_files

    request = BuildRequest(
        force=args.force, timeout=args.timeout, jobs=args.jobs, only=tuple(args.guides),
        keep_going=args.keep_going, require_gpu=args.require_gpu,
    )
    result = build(project, request, log=print)
    changed = write_files(project, result.files)
    print(f"{len(changed)} file(s) updated under {docs}/")
    _write_summary(args.summary, {**result.summary(len(changed)), "stamp_fresh": False})
    if not args.guides:  # every guide was brought up to date (a selection may leave some as they were)
        _write_stamp(project)
    return OK


def _write_summary(path: Path | None, summary: dict) -> None:
    if path is not None:
        try:
            path.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
        except OSError as exc:  # docs/ is written by now: a warning, not a failed build
            print(f"warning: {path}: cannot write the build summary ({exc.strerror or exc})", file=sys.stderr)


def _write_stamp(project: Project) -> None:
    problem = stamp.write(project.root)
    if problem:
        print(f"warning: {problem}", file=sys.stderr)


def _check(args: argparse.Namespace, project: Project) -> int:
    docs = project.docs_dir.relative_to(project.root)
    if stamp.fresh(project.root):
        print(f"{docs}/ is up to date (nothing changed since the last build or check, {stamp.CACHE_DIR}/)")
        return OK
    from .build import build_files
    from .publish import stale

    files = build_files(project, may_execute=False)
    differing = stale(project, files)
    for path in differing:
        print(f"{path.relative_to(project.root)}: out of date; run `{project.commands['build']}` and commit "
              f"{docs}/")
    if differing:
        return OUT_OF_DATE
    print(f"{docs}/ is up to date ({len(files)} generated files checked)")
    _write_stamp(project)
    return OK


def _stop(number: int, _frame) -> None:
    raise KeyboardInterrupt(signal.Signals(number).name)


def _run(args: argparse.Namespace, project: Project) -> int:
    if args.command in translate_cli.COMMANDS:
        return translate_cli.run(args, project.root, project.languages)
    if args.command == "serve":
        from .serve import serve

        return serve(project, port=args.port, execute=args.execute)
    command = {"build": _build, "check": _check}[args.command]
    with project_lock(project, wait=not args.no_wait, log=print):
        return command(args, project)


def main(argv: list[str] | None = None) -> int:
    """Run one command; the one place where failures become a message and an exit code (errors.py)."""
    # nbformat validates every cell jupytext and the notebook writer create; its
    # fastjsonschema validator (an nbformat dependency) cuts ~0.15 s off a no-op build.
    os.environ.setdefault("NBFORMAT_VALIDATOR", "fastjsonschema")
    args = _parser().parse_args(argv)
    # Nothing this command prints shows a value of the build's environment (a CI token a cell read and
    # printed in its traceback, say): secrecy.py.
    with masked_output(Masker(os.environ, allowed_names())):
        return _main(args)


def _main(args: argparse.Namespace) -> int:
    project = Project(args.root.resolve())
    # SIGTERM (a CI cancel, `kill`) stops the build the way Ctrl-C does, so that
    # running kernels are shut down and staged files removed.
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        return _run(args, project)
    except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - every failure is reported, once
        return report(exc, args.command, project.root)
    finally:
        signal.signal(signal.SIGTERM, previous)
