"""One build or check at a time per project."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .errors import BuildLocked

if TYPE_CHECKING:
    from .project import Project

LOCK_FILE = ".guidesite.lock"


@contextmanager
def project_lock(project: Project, *, wait: bool, log: Callable[[str], None] = lambda _: None):
    """One build or check at a time per project (an advisory lock the OS drops if the process dies)."""
    path = project.root / LOCK_FILE
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            if not wait:
                raise BuildLocked(
                    f"{path}: another build is running ({holder}); wait for it to finish "
                    "(or leave out --no-wait to wait automatically)"
                ) from None
            log(f"waiting for another build to finish ({holder})...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {time.strftime('%H:%M:%S')}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
