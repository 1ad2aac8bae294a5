"""The few ways a build can fail, each carrying the place a person must edit."""

from __future__ import annotations

from pathlib import Path


class GuideError(Exception):
    """A problem in a guide source; str() is "path:line: message"."""

    def __init__(self, path: Path | str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message

    def __reduce__(self):  # rebuilt from its parts when it crosses a process boundary (--jobs)
        return (type(self), (self.path, self.line, self.message))


class SourceError(GuideError):
    """The source file cannot be read as a guide (format, header, encoding)."""


class ExecutionError(GuideError):
    """A code cell failed while the guide was executed."""


class EnvironmentMismatch(Exception):
    """The installed runtime differs from the pinned one in constraints.txt."""


class BuildLocked(Exception):
    """Another build or check holds the project's lock."""
