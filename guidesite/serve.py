"""`python -m guidesite serve`: a live preview for writers and translators.

It builds once, then runs `mkdocs serve` (which serves the site on 127.0.0.1 and
reloads the browser whenever a file under docs/ changes) and watches the
sources itself: saving a guide source, the glossary or a provenance file
re-renders the pages from the stored outputs, without executing anything. A
changed code cell gets a visible "outputs are out of date" notice instead
(with --execute, the changed guide is executed). Hand-written pages under docs/
are MkDocs' to watch. Translation warnings of a saved translation are printed as
it is saved.

mkdocs serve watches docs/, not guide_src/, and has no hook for "a source
changed, regenerate these pages" that would not be an MkDocs hook: hence the
small polling loop here (file times and sizes, twenty times a second; a source
tree has tens of files).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .build import build_files, read_guides
from .errors import PipelineError
from .lock import project_lock
from .project import Project
from .publish import write_files
from .translate.files import SOURCE_LANG, reports_for

POLL_SECONDS = 0.05  # a save shows up within this; stat-ing a source tree of tens of files is free


def _snapshot(folder: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*") if p.is_file()}


def rebuild(project: Project, changed: list[Path], *, execute: bool, log: Callable[[str], None]) -> None:
    """Re-render after sources changed: pages from stored outputs; code changes marked, or executed."""
    started = time.perf_counter()
    names = tuple(sorted({p.name.split(".")[0] for p in changed if p.suffix == ".py"}))
    try:
        with project_lock(project, wait=True):
            if execute and names:
                files = build_files(project, only=names, log=log)
            else:
                files = build_files(project, preview=True, log=lambda line: None)
            updated = write_files(project, files)
    except PipelineError as exc:  # a half-typed source: say where, keep serving the last good pages
        log(f"error: {exc}")
        return
    log(f"{len(updated)} page(s) and file(s) re-rendered in {time.perf_counter() - started:.2f} s")
    # read_guides: the parses build_files just cached (reports() would parse every source again).
    for report in reports_for(read_guides(project), project.root):
        if report.lang == SOURCE_LANG or (names and report.guide not in names):
            continue
        for problem in report.problems:
            log(f"  {problem}")


def serve(project: Project, *, port: int, execute: bool, log: Callable[[str], None] = print) -> int:
    """Build once, serve on 127.0.0.1:port with live reload, and re-render on every saved source."""
    rebuild(project, [], execute=False, log=log)
    # Not --dirty: with the i18n plugin its rebuilds grew from 0.5 s to 2 s and more over a few saves,
    # while a full rebuild stays at about 0.9 s. Not strict: a warning is printed and the preview keeps
    # serving (nox -s test builds strictly).
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-strict"]
    server = subprocess.Popen(command, cwd=project.root)
    log(f"serving http://127.0.0.1:{port}/ (Ctrl-C stops); watching {project.src_dir.name}/")
    try:
        seen = _snapshot(project.src_dir)
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = _snapshot(project.src_dir)
            changed = sorted(path for path in now.keys() | seen.keys() if now.get(path) != seen.get(path))
            seen = now
            if changed:
                shown = ", ".join(str(path.relative_to(project.root)) for path in changed)
                log(f"saved: {shown}")
                rebuild(project, changed, execute=execute, log=log)
        return server.returncode or 0
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(10)
