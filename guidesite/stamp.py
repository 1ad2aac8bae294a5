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

import functools
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

CACHE_DIR = ".guidesite-cache"  # git-ignored; deleting it only costs one full no-op build
STAMP_FILE = "stamp"
_PIPELINE = Path(__file__).resolve().parent


@functools.cache
def pipeline_digest() -> str:
    """The digest of the pipeline's own code and the Python running it."""
    total = hashlib.sha256(sys.version.encode())
    for path in sorted(_PIPELINE.rglob("*.py")):
        if "__pycache__" not in path.parts:
            total.update(f"\0{path.relative_to(_PIPELINE).as_posix()}\0".encode() + path.read_bytes())
    return total.hexdigest()


def cached(root: Path, source: Path, lang: str, parse: Callable[[bytes], object]):
    """parse(source's bytes), or the result stored for the same bytes, path, language and pipeline.

    One pickle per guide and language under .guidesite-cache/parsed/, replaced when the source changes:
    a build after a prose edit in one guide parses only that guide (jupytext is ~0.3 s of a no-op build).
    """
    data = source.read_bytes()
    key = hashlib.sha256(f"{pipeline_digest()}\0{source}\0{lang}\0".encode() + data).hexdigest()
    path = root / CACHE_DIR / "parsed" / f"{lang}-{source.stem}.pickle"
    try:
        stored_key, value = pickle.loads(path.read_bytes())
        if stored_key == key:
            return value
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError):
        pass  # no entry, or one this pipeline cannot read: parse again
    value = parse(data)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(pickle.dumps((key, value)))
        tmp.replace(path)
    except OSError:  # a cache that cannot be written (read-only, disk full) is only a slower build
        tmp.unlink(missing_ok=True)
    return value


def _inputs(root: Path) -> list[Path]:
    files = [root / "constraints.txt", root / "pyproject.toml", root / "mkdocs.yml"]  # pins, hosting, nav
    from .project import folders  # (reads pyproject.toml, which is an input anyway)

    for folder in folders(root):
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file()]
    return sorted(files)


def digest(root: Path) -> str:
    """The digest of every input and output of a build of this project, by content."""
    # The variables that say where the site lives change the pages' links (project.hosting).
    where = [os.environ.get(name, "\0unset") for name in ("GUIDESITE_REPOSITORY", "GUIDESITE_BRANCH")]
    total = hashlib.sha256("\0".join([pipeline_digest(), *where]).encode())
    for path in _inputs(root):
        total.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
        total.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"absent")
    return total.hexdigest()


def _path(root: Path) -> Path:
    return root / CACHE_DIR / STAMP_FILE


def fresh(root: Path) -> bool:
    """True when nothing has changed since the last complete build or clean check."""
    path = _path(root)
    return path.is_file() and path.read_text(encoding="utf-8").strip() == digest(root)


def write(root: Path) -> str | None:
    """Record that docs/ is what a build of today's inputs writes (after a complete build or clean check).

    Returns why it could not (read-only folder, disk full), or None: without a stamp the next build only
    runs in full, so that is a warning, never a failure of the build that has already published.
    """
    path = _path(root)
    tmp = path.with_name(f".{STAMP_FILE}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        tmp.write_text(digest(root) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        return f"{CACHE_DIR}/{STAMP_FILE}: not written ({exc.strerror or exc}); the next build runs in full"
    return None
