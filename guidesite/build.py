"""The build: sources -> (reused or executed) outputs -> pages and notebooks.

Everything is computed in memory first; files are written only when every
guide succeeded, each one atomically, so a failed build leaves the previous
pages and records as they were.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import notebooks
from .execute import execute
from .freeze import cache_key, check_installed, read_pins, reusable
from .model import Executed, Guide
from .render import render
from .sources import discover, read

LANGUAGES = ("ko", "en")  # the first is the site's default language


@dataclass(frozen=True)
class Project:
    root: Path
    languages: tuple[str, ...] = LANGUAGES

    @property
    def src_dir(self) -> Path:
        return self.root / "guide_src"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def constraints(self) -> Path:
        return self.root / "constraints.txt"

    def page_path(self, lang: str, name: str) -> Path:
        return self.docs_dir / lang / "guides" / f"{name}.md"

    def notebook_path(self, lang: str, name: str) -> Path:
        return self.docs_dir / lang / "notebooks" / f"{name}.ipynb"


class NeedsExecution(Exception):
    """A guide's stored record does not match its code; only a build can fix that."""


def _stored(project: Project, guide: Guide):
    path = project.notebook_path(guide.lang, guide.name)
    return notebooks.loads_record(path.read_text(encoding="utf-8")) if path.is_file() else None


def executed_guide(
    project: Project, guide: Guide, pins: dict, *, may_execute: bool, force: bool, timeout: int
) -> Executed:
    key = cache_key(guide, pins)
    stored = _stored(project, guide)
    if not force and reusable(stored, key, len(guide.code_cells)):
        record, outputs = stored
        return Executed(guide, outputs, record, reused=True)
    if not may_execute:
        raise NeedsExecution(f"{guide.path}: code or runtime changed since the last execution")
    check_installed(pins)
    return execute(guide, key, timeout=timeout, workdir=str(project.root))


def build_files(
    project: Project,
    *,
    may_execute: bool = True,
    force: bool = False,
    timeout: int = 1800,
    log: Callable[[str], None] = lambda _: None,
) -> dict[Path, str]:
    """Every generated file's path and content. Raises on the first failing guide."""
    pins = read_pins(project.constraints)
    files: dict[Path, str] = {}
    for name, paths in discover(project.src_dir, project.languages).items():
        for lang, path in paths.items():
            guide = read(path, lang)
            executed = executed_guide(
                project, guide, pins, may_execute=may_execute, force=force, timeout=timeout
            )
            if executed.reused:
                log(f"{name} [{lang}]: reused (0 cells executed)")
            else:
                log(
                    f"{name} [{lang}]: executed {len(guide.code_cells)} cells "
                    f"({executed.record.total_seconds} s)"
                )
            source_label = path.relative_to(project.root).as_posix()
            files[project.page_path(lang, name)] = render(executed, source_label)
            files[project.notebook_path(lang, name)] = notebooks.dumps(executed)
    return files


def generated_dirs(project: Project) -> list[Path]:
    return [project.docs_dir / lang / sub for lang in project.languages for sub in ("guides", "notebooks")]


def orphans(project: Project, files: dict[Path, str]) -> list[Path]:
    """Generated files on disk that no source produces any more."""
    found = []
    for folder in generated_dirs(project):
        if folder.is_dir():
            found += [p for p in sorted(folder.iterdir()) if p.is_file() and p not in files]
    return found


def _differs(path: Path, text: str) -> bool:
    return not path.is_file() or path.read_text(encoding="utf-8") != text


def stale(project: Project, files: dict[Path, str]) -> list[Path]:
    """Files whose content on disk differs from what the build would write."""
    return [path for path, text in files.items() if _differs(path, text)] + orphans(project, files)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; pages are ordinary files
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_files(project: Project, files: dict[Path, str]) -> list[Path]:
    """Write changed files, remove orphans; return what changed on disk."""
    changed = []
    for path, text in files.items():
        if _differs(path, text):
            _write_atomic(path, text)
            changed.append(path)
    for path in orphans(project, files):
        path.unlink()
        changed.append(path)
    return changed
