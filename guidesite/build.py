"""The build: sources -> (reused or executed) outputs -> pages and notebooks.

Everything is computed in memory first; files are written only when every
guide succeeded, each one atomically, so a failed build leaves the previous
pages and records as they were.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import multiprocessing.connection
import os
import re
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import kernel, notebooks
from .errors import BuildLocked, ExecutionError, SourceError
from .execute import DEFAULT_TIMEOUT, execute, guide_timeout
from .freeze import cache_key, check_installed, read_pins, why_not_reusable
from .home import home_pages
from .model import Executed, Guide
from .render import IMAGE_DIR, image_files, render
from .sources import discover, guide_backends, read
from .translate.files import SOURCE_LANG, checked_reports, status_pages

LANGUAGES = ("ko", "en")  # the first is the site's default language
LOCK_FILE = ".guidesite.lock"
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
WORKER_GRACE_SECONDS = 15  # for a stopped worker to shut its kernel down before it is killed
PARENT_POLL_SECONDS = 0.5  # how often a worker checks that its build is still there


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

    def notebook_path(self, lang: str, name: str, backend: str = "") -> Path:
        """The executed notebook of one run: <name>.ipynb for the guide's first backend (the download),
        <name>.<backend>.ipynb for each other one."""
        file_name = f"{name}.{backend}.ipynb" if backend else f"{name}.ipynb"
        return self.docs_dir / lang / "notebooks" / file_name

    def run_notebook_path(self, guide: Guide, backend: str) -> Path:
        first = guide_backends(guide)[0]
        return self.notebook_path(guide.lang, guide.name, "" if backend == first else backend)

    def image_path(self, lang: str, file_name: str) -> Path:
        return self.docs_dir / lang / "guides" / IMAGE_DIR / file_name

    def generated_by(self, lang: str, name: str, path: Path) -> bool:
        """True for the generated files of one guide in one language."""
        images = self.docs_dir / lang / "guides" / IMAGE_DIR
        notebooks_dir = self.notebook_path(lang, name).parent
        return path == self.page_path(lang, name) or (
            path.parent == images and re.fullmatch(rf"{re.escape(name)}-\d+-\d+(\.\w+)?\.\w+", path.name)
        ) or (path.parent == notebooks_dir and re.fullmatch(rf"{re.escape(name)}(\.\w+)?\.ipynb", path.name))


class NeedsExecution(Exception):
    """A guide's stored record does not match its code; only a build can fix that."""


def reused_guide(project: Project, guide: Guide, backend: str, key: str) -> tuple[Executed | None, str]:
    """The stored outputs of one backend's run if they can be trusted for this key, else None and why."""
    path = project.run_notebook_path(guide, backend)
    stored = notebooks.loads_record(path.read_text(encoding="utf-8")) if path.is_file() else None
    reason = why_not_reusable(stored, key, len(guide.code_cells))
    if reason is None:
        record, outputs = stored
        return Executed(guide, outputs, record, reused=True), ""
    if stored is None and path.is_file():
        reason = "the stored notebook is damaged (not a notebook with an execution record)"
    return None, f"{path.relative_to(project.root)}: {reason}"


def read_guides(project: Project) -> list[Guide]:
    """Every guide source, in name then language order. A translation needs its English original."""
    guides = []
    for name, paths in discover(project.src_dir, project.languages).items():
        if SOURCE_LANG in project.languages and SOURCE_LANG not in paths:
            path = next(iter(paths.values()))
            raise SourceError(
                path, 1, f"no English source guide_src/{SOURCE_LANG}/{name}.py for this translation; "
                "a guide is renamed or deleted in every language at once"
            )
        guides += [read(path, lang) for lang, path in paths.items()]
    return guides


def _exit_with_parent(parent: int) -> None:
    """In a worker: once the build that started it is gone (even by kill -9, when no handler of the build
    runs), stop its kernel and exit, instead of executing the rest of the guide for nobody."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    import psutil  # an ipykernel dependency; imported only when it is needed

    children = psutil.Process().children(recursive=True)
    for child in children:
        child.terminate()
    _, alive = psutil.wait_procs(children, timeout=2)
    for child in alive:
        child.kill()
    os._exit(1)


def _execute_in_child(conn, guide: Guide, backend: str, key: str, timeout: int, keep_going: bool) -> None:
    """Body of a worker process: execute one guide on one backend, send back the result or the exception."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # failures come back as exceptions; kernel logs go to a file
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    try:
        executed = execute(guide, key, backend, timeout=guide_timeout(guide, timeout), keep_going=keep_going)
        conn.send((True, executed))
    except BaseException as exc:  # noqa: B036 - whatever stopped it, the parent reports it
        conn.send((False, exc))


def _stop_workers(running: dict) -> None:
    """SIGTERM first: nbclient in the worker then shuts its kernel down; SIGKILL whatever is left."""
    for process in running.values():
        process.terminate()
    deadline = time.monotonic() + WORKER_GRACE_SECONDS
    for process in running.values():
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join()


def execute_all(
    jobs: list[tuple[Guide, str, str]], *, timeout: int, workers: int, keep_going: bool = False
) -> Iterator[Executed]:
    """Execute (guide, backend, key) runs, `workers` at a time, one process each; yield each as it finishes.

    A process of its own even when one at a time: nbclient takes over SIGINT and
    SIGTERM while it runs, so in the build's own process an interrupt would only
    show up later as a "dead kernel". Here the build keeps its handlers and, on
    an interrupt, stops the workers. concurrent.futures' pools queue the next
    guide in a worker before the current one ends, so a stopped pool would start
    it; plain processes do only what they were started for.
    """
    context = multiprocessing.get_context("spawn")  # no fork of a process that may hold threads
    waiting = list(jobs)
    running: dict = {}  # receiving end of a pipe -> its process
    failed: list[ExecutionError] = []  # with keep_going: every run's failures, reported together at the end
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                receiver, sender = context.Pipe(duplex=False)
                guide, backend, key = waiting.pop(0)
                args = (sender, guide, backend, key, timeout, keep_going)
                process = context.Process(target=_execute_in_child, args=args)
                process.start()
                sender.close()
                running[receiver] = process
            for receiver in multiprocessing.connection.wait(list(running)):
                try:
                    ok, result = receiver.recv()
                except EOFError:  # the worker died without a word (killed, or a crash in Python itself)
                    code = running[receiver].exitcode
                    ok, result = False, RuntimeError(f"a build worker exited with code {code}")
                running.pop(receiver).join()
                if ok:
                    yield result
                elif keep_going and isinstance(result, ExecutionError):
                    failed.append(result)
                else:
                    raise result
        if failed:
            first, others = failed[0], "".join(f"\n\n{error}" for error in failed[1:])
            raise ExecutionError(first.path, first.line, first.message + others)
    finally:
        _stop_workers(running)


def _run_name(guide: Guide, backend: str) -> str:
    """How the log names one run: "g [ko]", or "g [ko, jax]" for a guide on several backends."""
    several = len(guide_backends(guide)) > 1
    return f"{guide.name} [{guide.lang}, {backend}]" if several else f"{guide.name} [{guide.lang}]"


def build_files(
    project: Project,
    *,
    may_execute: bool = True,
    force: bool = False,
    timeout: int = DEFAULT_TIMEOUT,
    jobs: int = 1,
    only: tuple[str, ...] = (),
    keep_going: bool = False,
    require_gpu: bool = False,
    log: Callable[[str], None] = lambda _: None,
) -> dict[Path, str | bytes]:
    """Every generated file's path and content. Raises if any guide fails.

    only: guide names; the others are never executed: their files are generated from
    their records when those are fresh, and left out (kept on disk as they are) otherwise.
    """
    pins = read_pins(project.constraints)
    guides = read_guides(project)
    unknown = sorted(set(only) - {g.name for g in guides})
    if unknown:
        raise SourceError(project.src_dir / SOURCE_LANG, 1, f"no guide named {', '.join(unknown)} "
                          f"(guides: {', '.join(sorted({g.name for g in guides}))})")
    # Misaligned or drifted translations stop the build here, before anything executes.
    translations = checked_reports(guides, project.root)
    by_guide = {(r.guide, r.lang): r for r in translations}
    done: dict[tuple[str, str, str], Executed] = {}  # (guide, lang, backend) -> its run
    to_execute = []
    for guide in guides:
        selected = not only or guide.name in only
        for backend in guide_backends(guide):
            key = cache_key(guide, pins, backend)
            run = _run_name(guide, backend)
            reused, reason = reused_guide(project, guide, backend, key)
            if force and selected:
                reused, reason = None, "--force"
            if reused is not None:
                log(f"{run}: reused (0 cells executed)")
                done[guide.name, guide.lang, backend] = reused
            elif not may_execute:
                raise NeedsExecution(reason)
            elif not selected:
                log(f"{run}: left as it is (not selected; {reason})")
            else:
                log(f"{run}: executing ({reason})")
                to_execute.append((guide, backend, key))
    for guide, backend, _ in to_execute:
        check_installed(guide, pins, backend)
    if require_gpu:
        for backend in sorted({backend for _, backend, _ in to_execute}):
            kernel.require_gpu(backend)
    for executed in execute_all(to_execute, timeout=timeout, workers=jobs, keep_going=keep_going):
        guide, backend = executed.guide, executed.record.backend
        log(
            f"{_run_name(guide, backend)}: executed {len(guide.code_cells)} cells "
            f"({executed.record.total_seconds} s)"
        )
        done[guide.name, guide.lang, backend] = executed
    files: dict[Path, str | bytes] = {}
    runs_of: dict[tuple[str, str], list[Executed]] = {}
    for guide in guides:
        runs = [done.get((guide.name, guide.lang, backend)) for backend in guide_backends(guide)]
        if None in runs:  # a run left as it is: the whole guide stays as it is on disk
            continue
        runs_of[guide.name, guide.lang] = runs
        report = by_guide.get((guide.name, guide.lang))
        source_label = guide.path.relative_to(project.root).as_posix()
        files[project.page_path(guide.lang, guide.name)] = render(
            runs, source_label, stale_cells=report.stale_cells if report else 0,
            untranslated_cells=report.tagged_untranslated if report else 0,
        )
        for executed in runs:
            files[project.run_notebook_path(guide, executed.record.backend)] = notebooks.dumps(executed)
        for file_name, body in image_files(runs).items():
            files[project.image_path(guide.lang, file_name)] = body
    files.update(status_pages(translations, guides, project.docs_dir, project.languages))
    records = {key: [run.record for run in runs] for key, runs in runs_of.items()}
    files.update(home_pages(guides, translations, records, project.docs_dir, project.languages))
    for guide in guides:  # not selected and not reusable: what is on disk stays, byte for byte
        if (guide.name, guide.lang) not in runs_of:
            files.update(_files_on_disk(project, guide))
    return files


def _files_on_disk(project: Project, guide: Guide) -> dict[Path, bytes]:
    return {
        path: path.read_bytes()
        for folder in generated_dirs(project) if folder.is_dir()
        for path in sorted(folder.iterdir())
        if path.is_file() and project.generated_by(guide.lang, guide.name, path)
    }


def generated_dirs(project: Project) -> list[Path]:
    subs = ("guides", "notebooks", f"guides/{IMAGE_DIR}")
    return [project.docs_dir / lang / sub for lang in project.languages for sub in subs]


def orphans(project: Project, files: dict[Path, str | bytes]) -> list[Path]:
    """Generated files on disk that no source produces any more."""
    found = []
    for folder in generated_dirs(project):
        if folder.is_dir():
            found += [p for p in sorted(folder.iterdir()) if p.is_file() and p not in files]
    return found


def _content(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def _differs(path: Path, text: str | bytes) -> bool:
    return not path.is_file() or path.read_bytes() != _content(text)


def stale(project: Project, files: dict[Path, str | bytes]) -> list[Path]:
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


def write_files(project: Project, files: dict[Path, str | bytes]) -> list[Path]:
    """Publish changed files and remove orphans, all or nothing; return what changed on disk."""
    changed = [path for path, text in files.items() if _differs(path, text)]
    removed = orphans(project, files)
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
