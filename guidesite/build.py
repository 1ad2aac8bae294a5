"""The build: sources -> (reused or executed) outputs -> pages and notebooks.

Everything is computed in memory first; files are written only when every
guide succeeded, each one atomically, so a failed build leaves the previous
pages and records as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import kernel, notebooks
from .errors import NeedsExecution, SourceError
from .home import home_pages, nav_config
from .kernel import DEFAULT_TIMEOUT
from .limits import check_page
from .links import check_links
from .model import Executed, Guide, Record
from .project import PLAIN_NAME, Project, is_guide_name
from .publish import Files
from .records import cache_key, check_installed, read_pins, why_not_reusable
from .render import image_files, render
from .sources import check_selected, discover, guide_backends, read
from .translate.files import (
    STATUS_PAGE,
    checked_reports,
    moved_provenance,
    read_glossary,
    renamed_provenance,
    status_pages,
)
from .workers import execute_all


@dataclass(frozen=True)
class Hit:
    """A stored run that can stand in for executing it again."""

    run: Executed
    path: Path  # the stored notebook it was read from
    renamed_from: str = ""  # the old guide name, when the record is that of a renamed guide


@dataclass(frozen=True)
class Miss:
    """No stored run to trust: the run must execute."""

    reason: str  # "docs/en/notebooks/g.ipynb: code or runtime changed since the last execution", say


def stored_run(project: Project, guide: Guide, backend: str, key: str, names: set[str]) -> Hit | Miss:
    """The stored outputs of one backend's run if they can be trusted for this key, else why not.

    names: every guide's name. A guide without a stored notebook may have been renamed: the notebook
    of a guide that no longer exists, recorded with this very key, is its record.
    """
    path = project.run_notebook_path(guide, backend)
    stored = notebooks.loads_record(path.read_text(encoding="utf-8")) if path.is_file() else None
    reason = why_not_reusable(stored, key, len(guide.code_cells))
    if reason is None:
        record, outputs = stored
        return Hit(Executed(guide, outputs, record, reused=True), path)
    if stored is None and path.is_file():
        reason = "the stored notebook is damaged (not a notebook with an execution record)"
    if not path.is_file():
        for orphan in sorted(path.parent.glob("*.ipynb")):
            old_name = orphan.name.split(".")[0]
            if old_name in names:
                continue
            stored = notebooks.loads_record(orphan.read_text(encoding="utf-8"))
            if why_not_reusable(stored, key, len(guide.code_cells)) is None:
                record, outputs = stored
                return Hit(Executed(guide, outputs, record, reused=True), orphan, old_name)
    return Miss(f"{path.relative_to(project.root)}: {reason}")


def outdated_run(project: Project, guide: Guide, backend: str) -> Executed:
    """For a preview (`serve`): the stored outputs of a run whose code changed, where they still fit its
    cells, else none; the page then says its outputs are out of date. Never written by `build`."""
    path = project.run_notebook_path(guide, backend)
    stored = notebooks.loads_record(path.read_text(encoding="utf-8")) if path.is_file() else None
    n_code = len(guide.code_cells)
    if stored is not None and len(stored[1]) == n_code:
        return Executed(guide, stored[1], stored[0], reused=True, outdated=True)
    record = stored[0] if stored else Record("", "–", "–", {}, 0, (0.0,) * n_code, backend=backend)
    return Executed(guide, ((),) * n_code, record, reused=True, outdated=True)


def read_guides(project: Project) -> list[Guide]:
    """Every guide source, in name then language order. A translation needs its English original."""
    guides = []
    for name, paths in discover(project.src_dir, project.languages).items():
        if not is_guide_name(name):
            raise SourceError(next(iter(paths.values())), 1, f"{name!r} is not a plain guide name; rename "
                              f"the file in every language to one made of {PLAIN_NAME}")
        source = project.source_lang
        if source in project.languages and source not in paths:
            path = next(iter(paths.values()))
            raise SourceError(
                path, 1, f"no original {project.src_dir.relative_to(project.root)}/{source}/{name}.py "
                f"(guides are written in {source!r} first) for this translation; a guide is renamed or "
                "deleted in every language at once"
            )
        guides += [read(path, lang, cache_root=project.root) for lang, path in paths.items()]
    allowed = project.runtime.backends
    for guide in guides:
        if other := [b for b in guide_backends(guide) if b not in allowed]:
            key = "backends" if "backends" in guide.meta else "backend"
            which = repr(other[0])
            if key not in guide.meta:
                which += ", which a guide declaring no backend runs on"
            raise SourceError(guide.path, guide.meta_line(key), f"this site's guides run on "
                              f"{', '.join(allowed)} ([tool.guidesite.runtime] backends in pyproject.toml), "
                              f"not {which}; declare one of those (`backend: {allowed[0]}` under 'guide:'), "
                              "or add it there")
    return guides


def _run_name(guide: Guide, backend: str) -> str:
    """How the log names one run: "g [ko]", or "g [ko, jax]" for a guide on several backends."""
    several = len(guide_backends(guide)) > 1
    return f"{guide.name} [{guide.lang}, {backend}]" if several else f"{guide.name} [{guide.lang}]"


@dataclass(frozen=True)
class RunOutcome:
    """What the build did with one (guide, language, backend) run: what the CLI reports, and what
    tests and benchmarks read (never the log lines)."""

    guide: str
    lang: str
    backend: str
    action: str  # one of ACTIONS
    reason: str = ""  # why it executed, or was left or shown out of date
    cells_executed: int = 0
    seconds: float = 0.0  # the executed cells' total
    renamed_from: str = ""  # reused: the record of this old guide name


ACTIONS = ("executed", "reused", "left", "outdated")  # left: not selected, kept as it is on disk


@dataclass
class Plan:
    """What to do with each (guide, language, backend) run."""

    reused: dict[tuple[str, str, str], Executed] = field(default_factory=dict)  # (guide, lang, backend) ->
    to_execute: list[tuple[Guide, str, str, str]] = field(default_factory=list)  # guide, backend, key, why
    renamed: dict[str, str] = field(default_factory=dict)  # old guide name -> new, from the records found
    outcomes: list[RunOutcome] = field(default_factory=list)  # of the runs not to execute


def plan_runs(
    project: Project, guides: list[Guide], pins: dict, *, force: bool, only: tuple[str, ...], log
) -> Plan:
    """Reuse every run whose stored record matches its cache key; the selected others are to execute."""
    plan = Plan()
    names = {guide.name for guide in guides}
    for guide in guides:
        selected = not only or guide.name in only
        for backend in guide_backends(guide):
            key = cache_key(guide, pins, backend, runtime=project.runtime)
            found = stored_run(project, guide, backend, key, names)
            if force and selected:
                found = Miss("--force")
            if isinstance(found, Hit):
                origin = ""
                if found.renamed_from:
                    origin = f", the record of {found.path.relative_to(project.root)} (renamed guide)"
                    plan.renamed[found.renamed_from] = guide.name
                log(f"{_run_name(guide, backend)}: reused (0 cells executed{origin})")
                plan.reused[guide.name, guide.lang, backend] = found.run
                plan.outcomes.append(
                    RunOutcome(guide.name, guide.lang, backend, "reused", renamed_from=found.renamed_from))
            elif selected:
                plan.to_execute.append((guide, backend, key, found.reason))
            else:
                log(f"{_run_name(guide, backend)}: left as it is (not selected; {found.reason})")
                plan.outcomes.append(RunOutcome(guide.name, guide.lang, backend, "left", found.reason))
    return plan


def moved_review_records(project: Project, guides: list[Guide], renamed: dict[str, str], log) -> Files:
    """A renamed translation keeps its review record: the new provenance file, and None for the old one."""
    files: Files = {}
    for new, old in renamed_provenance(guides, project.source_lang).items():
        old_name, new_name = old.name.split(".")[0], new.name.split(".")[0]
        files[new], files[old] = moved_provenance(old, new_name), None
        renamed[old_name] = new_name
        log(f"{new.relative_to(project.root)}: the review record of {old.relative_to(project.root)}, "
            "moved with its renamed guide")
    return files


@dataclass(frozen=True)
class BuildRequest:
    """What a build is asked to do (the CLI's options)."""

    may_execute: bool = True  # False for `check`: a run that would execute raises NeedsExecution
    force: bool = False  # execute every (selected) run, fresh records or not
    timeout: int = DEFAULT_TIMEOUT  # seconds a cell may run unless the guide's header sets `timeout:`
    jobs: int = 1  # guides executed at once
    only: tuple[str, ...] = ()  # guide names; the others are never executed (see build)
    keep_going: bool = False  # run every cell after a failure and report every failing cell
    require_gpu: bool = False  # refuse to execute on a backend that sees no GPU
    preview: bool = False  # execute nothing; a stale run shows its stored outputs under a notice


@dataclass(frozen=True)
class BuildResult:
    """Every generated file (path -> content; None: a file to remove) and what was done with each run."""

    files: Files
    runs: tuple[RunOutcome, ...]

    def count(self, action: str) -> int:
        return sum(run.action == action for run in self.runs)

    @property
    def cells_executed(self) -> int:
        return sum(run.cells_executed for run in self.runs)

    def summary(self, files_updated: int) -> dict:
        """What `build --summary FILE` writes (JSON): each run's outcome and how many files changed."""
        return {"runs": [asdict(run) for run in self.runs], "files_updated": files_updated}


def build(
    project: Project, request: BuildRequest = BuildRequest(), log: Callable[[str], None] = lambda _: None
) -> BuildResult:
    """Every generated file and each run's outcome; raises if any guide fails (nothing is written here).

    request.only: the runs of other guides are never executed: their files are generated from
    their records when those are fresh, and left out (kept on disk as they are) otherwise.
    """
    pins = read_pins(project.constraints)
    labels = {lang: project.labels(lang) for lang in project.languages}  # a missing one stops us here
    guides = read_guides(project)
    check_selected(project.src_dir, project.languages, request.only, project.source_lang)
    # Misaligned or drifted translations stop the build here, before anything executes.
    translations = checked_reports(guides, project.root)
    plan = plan_runs(project, guides, pins, force=request.force, only=request.only, log=log)
    files = moved_review_records(project, guides, plan.renamed, log)
    # So do links to no page (a renamed guide), and, for `check`, any run that would execute.
    whole_pages = {project.docs_dir / lang / STATUS_PAGE for lang in project.languages}
    check_links(project, guides, plan.renamed, generated=whole_pages)
    outcomes = list(plan.outcomes)
    if request.preview:
        run = project.commands["build"]
        for guide, backend, _, reason in plan.to_execute:
            log(f"{_run_name(guide, backend)}: outputs out of date ({reason}); run `{run}`")
            plan.reused[guide.name, guide.lang, backend] = outdated_run(project, guide, backend)
            outcomes.append(RunOutcome(guide.name, guide.lang, backend, "outdated", reason))
        plan.to_execute.clear()
    if plan.to_execute and not request.may_execute:
        raise NeedsExecution("\n".join(reason for *_, reason in plan.to_execute))
    reasons = {}
    for guide, backend, _, reason in plan.to_execute:
        log(f"{_run_name(guide, backend)}: executing ({reason})")
        check_installed(guide, pins, backend)
        reasons[guide.name, guide.lang, backend] = reason
    if request.require_gpu:
        for backend in sorted({backend for _, backend, *_ in plan.to_execute}):
            kernel.require_gpu(backend)
    done = dict(plan.reused)
    jobs_to_run = [(guide, backend, key) for guide, backend, key, _ in plan.to_execute]
    executions = execute_all(jobs_to_run, timeout=request.timeout, workers=request.jobs,
                             keep_going=request.keep_going, runtime=project.runtime)
    for executed in executions:
        guide, backend = executed.guide, executed.record.backend
        cells, seconds = len(guide.code_cells), executed.record.total_seconds
        log(f"{_run_name(guide, backend)}: executed {cells} cells ({seconds} s)")
        done[guide.name, guide.lang, backend] = executed
        run = guide.name, guide.lang, backend
        outcomes.append(RunOutcome(*run, "executed", reasons[run], cells_executed=cells, seconds=seconds))
    files.update(published_files(project, guides, translations, done, labels))
    return BuildResult(files, tuple(outcomes))


def build_files(project: Project, *, log: Callable[[str], None] = lambda _: None, **request) -> Files:
    """build()'s files alone, the request given as keywords (BuildRequest's fields)."""
    return build(project, BuildRequest(**request), log).files


def published_files(
    project: Project, guides: list[Guide], translations: list, done: dict[tuple[str, str, str], Executed],
    labels: dict,
) -> Files:
    """Pages, notebooks and images of every guide with all its runs done; the generated tables and pages
    (labels: each site language's interface text)."""
    files: Files = {}
    by_guide = {(r.guide, r.lang): r for r in translations}
    hosting = project.hosting
    readings = {lang: readings_for(project, lang) for lang in {guide.lang for guide in guides}}  # one read
    runs_of: dict[tuple[str, str], list[Executed]] = {}
    for guide in guides:
        runs = [done.get((guide.name, guide.lang, backend)) for backend in guide_backends(guide)]
        if None in runs:  # a run left as it is: the whole guide stays as it is on disk
            files.update(_files_on_disk(project, guide))
            continue
        check_page(runs)  # executed or reused: no cell, and no page, publishes more than limits.py allows
        runs_of[guide.name, guide.lang] = runs
        report = by_guide.get((guide.name, guide.lang))
        source_label = guide.path.relative_to(project.root).as_posix()
        files[project.page_path(guide.lang, guide.name)] = render(
            runs, source_label, stale_cells=report.stale_cells if report else 0,
            untranslated_cells=report.untranslated_cells if report else 0, hosting=hosting,
            readings=readings[guide.lang], labels=labels[guide.lang],
            source_link=project.source_page_link(guide.lang, guide.name),
        )
        for executed in runs:
            files[project.run_notebook_path(guide, executed.record.backend)] = notebooks.dumps(executed)
            files[project.download_path(guide.lang, guide.name, executed.record.backend)] = (
                notebooks.dumps_download(executed, labels[guide.lang]))
        for file_name, body in image_files(runs).items():
            files[project.image_path(guide.lang, file_name)] = body
    files.update(status_pages(translations, guides, project.docs_dir, labels))
    records = {key: [run.record for run in runs] for key, runs in runs_of.items()}
    files.update(home_pages(guides, translations, records, project.docs_dir, labels))
    files.update(nav_config(project.root / "mkdocs.yml", guides))
    return files


def readings_for(project: Project, lang: str) -> dict[str, tuple[str, ...]]:
    """The search readings of identifiers for pages in lang: its glossary's [readings]; none in English."""
    return {} if lang == project.source_lang else read_glossary(project.src_dir, lang).readings


def _files_on_disk(project: Project, guide: Guide) -> dict[Path, bytes]:
    """Not selected and not reusable: what is on disk stays, byte for byte."""
    return {
        path: path.read_bytes()
        for folder in project.generated_dirs() if folder.is_dir()
        for path in sorted(folder.iterdir())
        if path.is_file() and project.generated_by(guide.lang, guide.name, path)
    }
