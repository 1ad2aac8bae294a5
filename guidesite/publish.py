"""Publishing a build: compare with what is on disk, then write every changed file at once.

Each file is staged beside its target and renamed into place with signals held,
so an interrupted publish leaves all the old files or all the new ones. A write
that fails (read-only folder, disk full) leaves them all old too: the files
already replaced are put back from their backups, and a WriteError names the
file and the OS error.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import WriteError
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


def _backup(path: Path) -> Path:
    """A second name for the file on disk at path (a hard link, or a copy where links are not supported),
    under which it survives being replaced or removed, so that a failed publish can put it back."""
    backup = path.with_name(f".{path.name}.{os.getpid()}.old.tmp")
    backup.unlink(missing_ok=True)
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)
    return backup


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


def _shown(root: Path | None, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix() if root else str(path)
    except ValueError:
        return str(path)


def _failed(root: Path | None, path: Path, doing: str, exc: OSError, restored: str) -> WriteError:
    why = exc.strerror or str(exc)
    hint = "free some disk space" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else \
        "make the folder writable" if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) else \
        "check the disk and the folder"
    return WriteError(f"{_shown(root, path)}: cannot {doing} it ({why}); {restored}; {hint} and run the "
                      "command again")


def write_together(files: Files, removed: list[Path] = (), root: Path | None = None) -> None:
    """Write every file (None: remove it) and remove `removed`, all or nothing.

    Every new content is staged beside its target first; then, with signals held, the targets are
    renamed into place and the removed files unlinked. A failure while staging leaves every file as it
    was; a failure part-way through the renames puts back the files already replaced or removed (each
    has a backup name until the end). Either way a WriteError names the file and the OS error.
    root: paths in messages are shown relative to it.
    """
    removed = [*removed, *(path for path, text in files.items() if text is None and path.exists())]
    written = [path for path, text in files.items() if text is not None]
    staged: dict[Path, Path] = {}
    backups: dict[Path, Path | None] = {}  # target -> its previous file (None: there was none)
    created_dirs = [d for path in written for d in (path.parent, *path.parent.parents) if not d.exists()]
    current, doing = (written or removed or [Path()])[0], "write"
    try:
        try:
            for current in written:
                staged[current] = _stage(current, files[current])
            doing = "keep the previous version of"
            for current in [*written, *removed]:
                backups[current] = _backup(current) if current.exists() else None
        except OSError as exc:
            raise _failed(root, current, doing, exc, "nothing was changed") from None
        done: list[Path] = []
        with _signals_deferred():
            try:
                for current, tmp in staged.items():
                    os.replace(tmp, current)
                    done.append(current)
                for current in removed:
                    current.unlink()
                    done.append(current)
            except OSError as exc:
                doing = "remove" if current in removed else "replace"
                raise _failed(root, current, doing, exc, _restore(done, backups, root)) from None
    finally:
        _tidy([*staged.values(), *(b for b in backups.values() if b)], created_dirs)


def _tidy(temporary: list[Path], created_dirs: list[Path]) -> None:
    """Remove staged files and backups (left only when publishing failed or was interrupted) and the
    folders made for files that were never written. Best effort: the error that stopped the publish,
    if any, is the one to report."""
    try:
        for tmp in temporary:
            tmp.unlink(missing_ok=True)
        for folder in sorted(set(created_dirs), key=lambda d: -len(d.parts)):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
    except OSError:
        pass


def _restore(done: list[Path], backups: dict[Path, Path | None], root: Path | None) -> str:
    """Put back the files a failed publish already replaced or removed; say how that went."""
    lost = []
    for path in reversed(done):
        try:
            if backups.get(path) is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(backups[path], path)
        except OSError as exc:
            lost.append(f"{_shown(root, path)} ({exc.strerror or exc})")
    if lost:
        return "the files replaced before it were put back except " + ", ".join(lost)
    return "every file is as it was before" if done else "nothing was changed"


def write_files(project: Project, files: Files) -> list[Path]:
    """Publish changed files and remove orphans, all or nothing; return what changed on disk."""
    changed = [path for path, text in files.items() if text is not None and _differs(path, text)]
    removed = orphans(project, files) + [p for p, text in files.items() if text is None and p.exists()]
    write_together({path: files[path] for path in changed}, removed, project.root)
    return changed + removed
