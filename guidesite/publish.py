"""Publishing a build: compare with what is on disk, then write every changed file at once.

Each file is staged beside its target and renamed into place with signals held,
so an interrupted publish leaves all the old files or all the new ones.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .project import Project

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# What a build writes: path -> content, or None for a file it removes (a moved review record).
Files = dict[Path, str | bytes | None]


def orphans(project: Project, files: Files) -> list[Path]:
    """Generated files on disk that no source produces any more."""
    found = []
    for folder in project.generated_dirs():
        if folder.is_dir():
            found += [p for p in sorted(folder.iterdir()) if p.is_file() and p not in files]
    return found


def _content(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def _differs(path: Path, text: str | bytes | None) -> bool:
    if text is None:
        return path.exists()
    return not path.is_file() or path.read_bytes() != _content(text)


def stale(project: Project, files: Files) -> list[Path]:
    """Files whose content on disk differs from what the build would write."""
    return [path for path, text in files.items() if _differs(path, text)] + orphans(project, files)


def _stage(path: Path, text: str | bytes) -> Path:
    """Write the content to a temporary file beside path; the caller renames it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_content(text))
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; pages are ordinary files
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM until the block ends, then deliver them.

    The renames that publish a build take milliseconds; deferring signals over
    them means an interrupted build leaves either all the old files or all the
    new ones, never a mix. (Python's own handlers only run in the main thread.)
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {sig: signal.signal(sig, lambda number, _: received.append(number)) for sig in _STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if received:
            signal.raise_signal(received[0])


def write_files(project: Project, files: Files) -> list[Path]:
    """Publish changed files and remove orphans, all or nothing; return what changed on disk."""
    changed = [path for path, text in files.items() if text is not None and _differs(path, text)]
    removed = orphans(project, files) + [p for p, text in files.items() if text is None and p.exists()]
    staged: dict[Path, Path] = {}
    try:
        for path in changed:
            staged[path] = _stage(path, files[path])
        with _signals_deferred():
            for path, tmp in staged.items():
                os.replace(tmp, path)
            for path in removed:
                path.unlink()
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)  # left over only if staging or publishing was interrupted
    return changed + removed
