"""Every way the pipeline can fail, each carrying what a person must do, and the exit codes.

Exit codes of ``python -m guidesite`` (README and the contributing page list them):

- 0: done; for `check` and `status`, nothing out of date;
- 1: out of date (`check`: a page or record differs from what build would write) or, with
  `status --strict`, warnings;
- 2: an error (bad source, failed cell, wrong runtime, locked project, ...): nothing was written;
- 130: interrupted (Ctrl-C or SIGTERM): nothing was half-written.

`cli.main` is the one place that turns these exceptions into a message and an exit code.
"""

from __future__ import annotations

from pathlib import Path

OK, OUT_OF_DATE, FAILED, INTERRUPTED = 0, 1, 2, 130


class PipelineError(Exception):
    """A failure to report to a person: str() says what is wrong and how to fix it."""

    exit_code = FAILED


class GuideError(PipelineError):
    """A problem in a file a person edits; str() is "path:line: message"."""

    def __init__(self, path: Path | str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message

    def __reduce__(self):  # rebuilt from its parts when it crosses a process boundary (--jobs)
        return (type(self), (self.path, self.line, self.message))


class SourceError(GuideError):
    """The source file cannot be read as a guide (format, header, encoding)."""


class ConfigError(GuideError):
    """The project's configuration ([tool.guidesite] in pyproject.toml, a labels file) cannot be used."""


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

    def __str__(self) -> str:
        return f"{super().__str__()}; run `nox -s build` and commit docs/"
