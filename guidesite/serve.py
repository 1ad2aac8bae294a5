"""`python -m guidesite serve`: a live preview for writers and translators.

It builds once, then serves the site on 127.0.0.1 with MkDocs' live-reload server (preview.py: the
browser reloads whenever a file under docs/ changes) and watches the sources itself: saving a guide
source, the glossary or a provenance file re-renders the pages from the stored outputs, without
executing anything. A changed code cell gets a visible "outputs are out of date" notice instead
(with --execute, the changed guide is executed). Hand-written pages under docs/ are MkDocs' to
watch. Translation warnings of a saved translation are printed as it is saved.

MkDocs watches docs/, not guide_src/, and has no hook for "a source changed, regenerate these pages"
that would not be an MkDocs hook: hence the small polling loop here (file times and sizes, twenty
times a second; a source tree has tens of files). MkDocs serves from a thread of this process, the
loop runs in the main one (so that Ctrl-C never interrupts a half-written set of pages).
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .build import build_files, read_guides
from .errors import report as report_failure
from .lock import project_lock
from .preview import serve_site
from .project import Project
from .publish import write_files
from .translate.files import reports_for

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
    except Exception as exc:  # noqa: BLE001 - a half-typed source, say: reported as every command reports
        report_failure(exc, "serve", project.root)  # and the preview goes on
        log("the preview keeps the last good pages; save again to retry")
        return
    log(f"{len(updated)} page(s) and file(s) re-rendered in {time.perf_counter() - started:.2f} s")
    # read_guides: the parses build_files just cached (reports() would parse every source again);
    # checked for the saved guides only, since MkDocs is rebuilding the site meanwhile in this process.
    guides = [guide for guide in read_guides(project) if not names or guide.name in names]
    for report in reports_for(guides, project.root):
        if report.lang == project.source_lang:
            continue
        for problem in report.problems:
            log(f"  {problem}")


def serve(project: Project, *, port: int, execute: bool, log: Callable[[str], None] = print) -> int:
    """Build once, serve on 127.0.0.1:port with live reload, and re-render on every saved source."""
    rebuild(project, [], execute=False, log=log)
    servers = []  # MkDocs' server, once its thread has built the site and set it up
    config_file = project.root / "mkdocs.yml"
    site = threading.Thread(target=serve_site, args=(config_file, port, servers.append), daemon=True)
    site.start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # `kill`: stop as Ctrl-C does (the temp site goes)
    log(f"serving http://127.0.0.1:{port}/ (Ctrl-C stops); watching {project.src_dir.name}/")
    try:
        seen = _snapshot(project.src_dir)
        while site.is_alive():
            time.sleep(POLL_SECONDS)
            now = _snapshot(project.src_dir)
            changed = sorted(path for path in now.keys() | seen.keys() if now.get(path) != seen.get(path))
            seen = now
            if changed:
                shown = ", ".join(str(path.relative_to(project.root)) for path in changed)
                log(f"saved: {shown}")
                rebuild(project, changed, execute=execute, log=log)
        return 1  # the server stopped by itself (its error is printed above): the port taken, say
    except KeyboardInterrupt:
        return 0
    finally:
        for server in servers:
            server.shutdown()
        site.join(10)
