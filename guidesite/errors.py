"""Every way the pipeline can fail, each carrying what a person must do, and the exit codes.

Exit codes of ``python -m guidesite`` (README and the contributing page list them):

- 0: done; for `check` and `status`, nothing out of date;
- 1: out of date (`check`: a page or record differs from what build would write) or, with
  `status --strict`, warnings;
- 2: an error (bad source, failed cell, wrong runtime, locked project, ...): nothing was written;
- 130: interrupted (Ctrl-C or SIGTERM): nothing was half-written.

`report` below is the one place that turns a failure into a message and an exit code: `cli.main` calls
it for every command, and the preview's rebuild loop (serve.py) for a failed rebuild, which keeps
serving the last good pages.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

OK, OUT_OF_DATE, FAILED, INTERRUPTED = 0, 1, 2, 130


class PipelineError(Exception):
    """A failure to report to a person: str() says what is wrong and how to fix it.

    fixed_by: the project step that fixes it ("build", "lock", "build-gpu"), whose command for this
    project ([tool.guidesite.commands]) `report` prints under the message; None: nothing to run.
    """

    exit_code = FAILED
    fixed_by: str | None = None

    def fixed_with(self, step: str) -> PipelineError:
        self.fixed_by = step
        return self


class GuideError(PipelineError):
    """A problem in a file a person edits; str() is "path:line: message"."""

    def __init__(self, path: Path | str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message

    def __reduce__(self):  # rebuilt from its parts when it crosses a process boundary (--jobs)
        return (type(self), (self.path, self.line, self.message), self.__dict__)


class SourceError(GuideError):
    """The source file cannot be read as a guide (format, header, encoding)."""


class ConfigError(GuideError):
    """The project's configuration ([tool.guidesite] in pyproject.toml, a labels file) cannot be used."""


def line_of(path: Path, key: str) -> int:
    """The line of a configuration file that sets key (`key = ...`), where a ConfigError points; 1 if none."""
    lines = path.read_text(encoding="utf-8").split("\n") if path.is_file() else []
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{key} ")), 1)


class ExecutionError(GuideError):
    """A code cell failed while the guide was executed."""


class LinkError(GuideError):
    """Links in guides or hand-written pages that point at no page; str() lists each one."""


class TranslationError(GuideError):
    """Translations misaligned with, or not the same program as, their English source.

    problems: translate.problems.Problem objects (path, line, text). str() lists every
    problem, one "path:line: ..." line each; the first is the GuideError's own place.
    """

    def __init__(self, problems: list):
        first = problems[0]
        super().__init__(first.path, first.line, "\n".join([first.text, *map(str, problems[1:])]))
        self.problems = tuple(problems)

    def __reduce__(self):
        return (type(self), (list(self.problems),))


class TutobookError(PipelineError, ValueError):
    """The file is not a tutobook; str() is "line: message" (the caller knows the file)."""


class ReviewRefused(PipelineError, ValueError):
    """A `review` request that would record something untrue; the message says why and what to do."""


class EnvironmentMismatch(PipelineError):
    """The installed runtime differs from constraints.txt (or has no GPU where one is required)."""


class DatasetMirrorError(PipelineError, RuntimeError):
    """The local data set copy is missing or is not real MNIST."""


class WriteError(PipelineError):
    """A file could not be written (read-only folder, disk full); what was on disk before is back."""


class BuildLocked(PipelineError):
    """Another build or check holds the project's lock."""


class NeedsExecution(PipelineError):
    """`check` found a guide whose stored record does not match its code; only a build can fix that."""

    exit_code = OUT_OF_DATE
    fixed_by = "build"

    def __str__(self) -> str:
        return f"{super().__str__()}; build again and commit the pages"


CRASH_FILE = "last-error.txt"  # under stamp.CACHE_DIR: the full traceback of the last unexpected error
_WRITES = ("build", "check")  # the commands that write docs/ (or would): they say it was left unchanged


def report(exc: BaseException, command: str, root: Path) -> int:
    """Print what went wrong on stderr, in the one form every command uses, and return the exit code.

    A PipelineError says what to fix; an OSError (a file that cannot be read; writes fail as WriteError)
    names the file, without a traceback; an interrupt says nothing was half-written; anything else is a
    bug: one short line, and the whole traceback in a file (masked, secrecy.py)."""
    if isinstance(exc, PipelineError):
        print(f"error: {exc}", file=sys.stderr)
        if exc.fixed_by and (command_line := _command(root, exc.fixed_by)):
            print(f"to fix it, run: {command_line}", file=sys.stderr)
        if exc.exit_code == FAILED and command in _WRITES:
            print(f"{command} failed; {_docs(root)}/ was left unchanged", file=sys.stderr)
        return exc.exit_code
    if isinstance(exc, BrokenPipeError):  # `status | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return OK
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        if command in _WRITES:
            print(f"{command} failed; {_docs(root)}/ was left unchanged", file=sys.stderr)
        return FAILED
    if isinstance(exc, KeyboardInterrupt):
        print(
            f"interrupted ({str(exc) or 'SIGINT'}): no page or record was half-written; {_docs(root)}/ holds "
            "the previous build's files (or, if it was interrupted while publishing, all of the new ones). "
            "Run the build again.",
            file=sys.stderr,
        )
        return INTERRUPTED
    _report_bug(command, root, exc)
    return FAILED


def _command(root: Path, step: str) -> str | None:
    """This project's command for a step ([tool.guidesite.commands]); None where it has none, or where
    the configuration cannot be read."""
    from .project import commands

    try:
        return commands(root).get(step)
    except PipelineError:
        return None


def _docs(root: Path) -> str:
    """The project's docs folder as the messages name it ([tool.guidesite] docs; "docs" where unreadable)."""
    from .project import DOCS_DIR, folders

    try:
        return folders(root)[1].relative_to(root).as_posix()
    except PipelineError:  # the configuration itself is what failed
        return DOCS_DIR


def _report_bug(command: str, root: Path, exc: BaseException) -> None:
    """An unexpected exception (a bug, not a bad input): a short message on stderr and the full
    traceback in a file, masked like everything else printed (secrecy.py); where the file cannot be
    written, the traceback goes to stderr instead."""
    from . import stamp
    from .kernel import allowed_names
    from .secrecy import Masker

    mask = Masker(os.environ, allowed_names())
    full = mask("".join(traceback.format_exception(exc)))
    where = root / stamp.CACHE_DIR / CRASH_FILE
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        where.write_text(full, encoding="utf-8")
        shown = f"the full traceback is in {where}"
    except OSError:
        print(full, file=sys.stderr, end="")
        shown = "the full traceback is above"
    summary = traceback.format_exception_only(exc)[-1].strip()
    print(f"error: {command} stopped by an unexpected error (a bug in guidesite): {summary}", file=sys.stderr)
    print(f"{shown}; please report it with that traceback", file=sys.stderr)
