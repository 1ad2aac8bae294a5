"""The no-op stamp: a digest of every input and output of the last complete build or check.

When nothing has changed since then, `build` and `check` stop here, before
jupytext, nbformat or nbclient are imported (most of a no-op build's time).
The digest covers file contents, not times: the sources, glossaries and
provenance (guide_src/), every file under docs/ (the generated files
themselves, so a hand edit is still found), the pins, the pipeline's own code
and the Python running it. It is never trusted over the files: any change to
any of them is a miss, and the build then runs as if there were no stamp.

Only standard-library imports here: this module runs before anything heavy.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

CACHE_DIR = ".guidesite-cache"  # git-ignored; deleting it only costs one full no-op build
STAMP_FILE = "stamp"
_PIPELINE = Path(__file__).resolve().parent


def _inputs(root: Path) -> list[Path]:
    files = [root / "constraints.txt"]
    for folder in (root / "guide_src", root / "docs"):
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file()]
    files += [p for p in _PIPELINE.rglob("*.py") if "__pycache__" not in p.parts]
    return sorted(files)


def digest(root: Path) -> str:
    """The digest of every input and output of a build of this project, by content."""
    total = hashlib.sha256(sys.version.encode())
    for path in _inputs(root):
        where = path.relative_to(_PIPELINE.parent) if path.is_relative_to(_PIPELINE) else path.relative_to(root)
        total.update(f"\0{where.as_posix()}\0".encode())
        total.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"absent")
    return total.hexdigest()


def _path(root: Path) -> Path:
    return root / CACHE_DIR / STAMP_FILE


def fresh(root: Path) -> bool:
    """True when nothing has changed since the last complete build or clean check."""
    path = _path(root)
    return path.is_file() and path.read_text(encoding="utf-8").strip() == digest(root)


def write(root: Path) -> None:
    """Record that docs/ is what a build of today's inputs writes (after a complete build or clean check)."""
    path = _path(root)
    path.parent.mkdir(exist_ok=True)
    tmp = path.with_name(f".{STAMP_FILE}.tmp")
    tmp.write_text(digest(root) + "\n", encoding="utf-8")
    tmp.replace(path)
