"""The seven measurements. Each returns a plain dict that goes into results.json.

Every ratio compares two things timed in the same run, alternating their order
from one repeat to the next so that a machine getting busier or quieter weighs
on both sides alike; the figure kept is the median of the repeats.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nbformat import v4

from guidesite.kernel import PROBE, SETUP
from guidesite.sources import read

from . import workspace as ws
from .stats import makespan, median, prose_edit, ratio, summary_counts

TARGETS = {"noop": 1.05, "prose": 1.3, "nox_noop": 2.0, "overhead": 1.05, "doctests": 1.2,
           "parallel_doctests": 0.6, "first_build": 1.02}
DOCTESTS = [sys.executable, "-m", "pytest", "-p", "guidesite.doctests", "--markdown-docs",
            "--markdown-docs-syntax=superfences", "-W", "default", "-q", "-p", "no:cacheprovider"]
PARALLEL = ["-n", "auto", "--dist", "loadfile"]  # as `nox -s test` runs the doctests
CI_MACHINES = (1, 2, 4, 8)


@dataclass
class Context:
    tmp: Path
    quick: bool
    repeats: int  # light measurements (no execution)
    heavy_repeats: int  # measurements that execute the guide
    scale_guides: int  # synthetic guides per language for the no-op scale run
    scale_executed: int  # synthetic guides per language executed with --jobs
    say: Callable[[str], None] = print
    shared: dict = field(default_factory=dict)

    @property
    def subject(self) -> str:
        return "synthetic_000" if self.quick else ws.GUIDE

    def subject_project(self, name: str) -> Path:
        """The guide the execution benchmarks run: the real one, or a tiny one with --quick."""
        if self.quick:
            root = ws.synthetic_project(self.tmp / name, 1)
            self.check_build(ws.build(root), executed=2)  # its first records
            return root
        return ws.copy_project(self.tmp / name)

    def check_build(self, done: ws.Run, *, executed: int | None = None, updated_at_least: int = 0) -> dict:
        counts = summary_counts(done.summary)
        if executed is not None and counts["guides_executed"] != executed:
            raise ws.BenchError(f"expected {executed} guide(s) executed, the build did {counts}:\n"
                                f"{done.output}")
        if counts["files_updated"] < updated_at_least:
            raise ws.BenchError(f"expected >= {updated_at_least} updated file(s), the build did {counts}:\n"
                                f"{done.output}")
        return counts


def alternate(repeats: int, first: Callable[[], None], second: Callable[[], None]) -> None:
    for index in range(repeats):
        for step in (first, second) if index % 2 == 0 else (second, first):
            step()


def _figures(ours: list[float], baseline: list[float], target: float) -> dict:
    value = ratio(median(ours), median(baseline))
    return {
        "ours_s": median(ours), "baseline_s": median(baseline), "ratio": value, "target": target,
        "met": value <= target, "samples": {"ours": ours, "baseline": baseline},
    }


def _rebuild_vs_mkdocs(ctx: Context, root: Path, site: Path, before_build: Callable[[int], None],
                       target: float, updated_at_least: int) -> dict:
    ours, builds, alone, cells = [], [], [], 0
    ws.build(root)  # warm-up of the file cache and of the byte-compiled modules
    ws.mkdocs(root, site)

    def pipeline() -> None:
        nonlocal cells
        before_build(len(ours))
        build = ws.build(root)
        cells += ctx.check_build(build, executed=0, updated_at_least=updated_at_least)["cells_executed"]
        site_build = ws.mkdocs(root, site)
        builds.append(build.seconds)
        ours.append(build.seconds + site_build.seconds)

    alternate(ctx.repeats, pipeline, lambda: alone.append(ws.mkdocs(root, site).seconds))
    result = _figures(ours, alone, target)
    result.update(guidesite_s=median(builds), cells_executed=cells, repeats=ctx.repeats)
    result["samples"]["guidesite"] = builds
    return result


def noop(ctx: Context) -> dict:
    """1. `guidesite build` + `mkdocs build` with nothing changed vs `mkdocs build` alone."""
    root = ws.copy_project(ctx.tmp / "noop")
    site = ctx.tmp / "noop-site"
    result = _rebuild_vs_mkdocs(ctx, root, site, lambda _: None, TARGETS["noop"], 0)
    ctx.shared["site"] = site
    return result


def prose(ctx: Context) -> dict:
    """2. The same after a prose-only edit of the English source before each build."""
    root = ws.copy_project(ctx.tmp / "prose")
    source = root / "guide_src" / "en" / f"{ws.GUIDE}.py"
    original = source.read_text(encoding="utf-8")

    def edit(n: int) -> None:
        source.write_text(prose_edit(original, n + 1), encoding="utf-8")

    # The page and the notebook download change: 2 files per build.
    result = _rebuild_vs_mkdocs(ctx, root, ctx.tmp / "prose-site", edit, TARGETS["prose"], 2)
    result["edited"] = f"guide_src/en/{ws.GUIDE}.py"
    return result


def nox_noop(ctx: Context) -> dict:
    """8. `nox -s build` with nothing changed (pip skipped, stamp hit, strict site) vs `mkdocs build`."""
    root = ws.copy_project(ctx.tmp / "nox-noop")
    site = root / "site"  # where `nox -s build` writes it
    ws.nox_build(root)  # warm-up: installs the copy's virtualenv, then the stamp, the parse cache, bytecode
    ours, alone = [], []
    alternate(ctx.repeats, lambda: ours.append(ws.nox_build(root).seconds),
              lambda: alone.append(ws.mkdocs(root, site).seconds))
    result = _figures(ours, alone, TARGETS["nox_noop"])
    result["repeats"] = ctx.repeats
    return result


def overhead(ctx: Context) -> dict:
    """3. Executing the English guide through the pipeline vs the same code as a plain script.

    The pipeline side is `guidesite build` after removing the guide's stored
    English notebook, which executes that guide only (Korean is reused), as a
    code edit would. The site is built after it for benchmark 4 (not part of
    the ratio).
    """
    root = ctx.subject_project("overhead")
    source = root / "guide_src" / "en" / f"{ctx.subject}.py"
    script = root / "plain_guide.py"
    script.write_text(ws.plain_script(source, "en"), encoding="utf-8")
    record = root / "docs" / "en" / "notebooks" / f"{ctx.subject}.ipynb"
    site = ctx.tmp / "overhead-site"
    n_cells = len(read(source, "en").code_cells)
    pipeline, plain, sites, cell_seconds = [], [], [], []

    def through_pipeline() -> None:
        record.unlink()
        build = ws.build(root)
        counts = ctx.check_build(build, executed=1)
        if counts["cells_executed"] != n_cells:
            raise ws.BenchError(f"expected {n_cells} cells executed:\n{build.output}")
        pipeline.append(build.seconds)
        cell_seconds.append(_record_seconds(record))
        sites.append(ws.mkdocs(root, site).seconds)
        ctx.say(f"    pipeline {build.seconds:.1f} s ({cell_seconds[-1]:.1f} s inside cells)")

    def as_script() -> None:
        plain.append(ws.run([sys.executable, str(script)], cwd=root).seconds)
        ctx.say(f"    plain python {plain[-1]:.1f} s")

    alternate(ctx.heavy_repeats, through_pipeline, as_script)
    result = _figures(pipeline, plain, TARGETS["overhead"])
    result.update(guide=ctx.subject, lang="en", code_cells=n_cells, repeats=ctx.heavy_repeats,
                  cells_s=median(cell_seconds), mkdocs_after_s=median(sites))
    ctx.shared["first_build"] = {"guidesite_s": median(pipeline), "mkdocs_s": median(sites)}
    return result


def _record_seconds(notebook: Path) -> float:
    from guidesite.notebooks import loads_record

    stored = loads_record(notebook.read_text(encoding="utf-8"))
    if stored is None:
        raise ws.BenchError(f"{notebook}: no execution record after the build")
    return sum(stored[0].cell_seconds)


def peers(ctx: Context) -> dict:
    """4. nbconvert and mkdocs-jupyter executing the same English notebook, first and after a prose edit."""
    stored = ws.ROOT / "docs" / "en" / "notebooks" / f"{ws.GUIDE}.ipynb"
    if ctx.quick:
        stored = ctx.tmp / "overhead" / "docs" / "en" / "notebooks" / f"{ctx.subject}.ipynb"
    nb = ws.peer_notebook(stored)
    name = ctx.subject
    result: dict = {"guide": name, "lang": "en", "setup": "hidden setup cell prepended to the notebook"}

    folder = ctx.tmp / "nbconvert"
    folder.mkdir()
    notebook = folder / f"{name}.ipynb"
    command = [sys.executable, "-m", "jupyter", "nbconvert", "--execute", "--to", "markdown",
               "--output-dir", str(folder / "out"), str(notebook)]
    # First builds, ours and nbconvert's, alternating in this run: `guidesite build` after removing the
    # English record (it executes that one run and writes its page) vs nbconvert executing the notebook.
    root = ctx.subject_project("first-build")
    record = root / "docs" / "en" / "notebooks" / f"{name}.ipynb"
    firsts: dict[str, list[float]] = {"ours": [], "nbconvert": []}

    def ours_first() -> None:
        record.unlink()
        done = ws.build(root)
        ctx.check_build(done, executed=1)
        firsts["ours"].append(done.seconds)
        ctx.say(f"    guidesite build, first (English run executed) {done.seconds:.1f} s")

    def nbconvert_first() -> None:
        ws.write_notebook(notebook, nb)
        firsts["nbconvert"].append(ws.run(command, cwd=folder).seconds)
        ctx.say(f"    nbconvert first {firsts['nbconvert'][-1]:.1f} s")

    alternate(ctx.heavy_repeats, ours_first, nbconvert_first)
    result["first_build"] = _figures(firsts["ours"], firsts["nbconvert"], TARGETS["first_build"])
    result["first_build"]["repeats"] = ctx.heavy_repeats
    ws.write_notebook(notebook, ws.edit_notebook_prose(nb, 1))
    rebuild = ws.run(command, cwd=folder).seconds
    ctx.say(f"    nbconvert after prose edit {rebuild:.1f} s")
    result["nbconvert"] = {"first_s": median(firsts["nbconvert"]), "rebuild_s": rebuild,
                           "markdown_bytes": (folder / "out" / f"{name}.md").stat().st_size}

    project = ws.mkdocs_jupyter_project(ctx.tmp / "mkdocs-jupyter", nb, name)
    site = ctx.tmp / "mkdocs-jupyter-site"
    times = []
    for step in range(2):
        if step:
            ws.write_notebook(project / "docs" / f"{name}.ipynb", ws.edit_notebook_prose(nb, 1))
        times.append(ws.mkdocs(project, site).seconds)
        ctx.say(f"    mkdocs-jupyter {'first' if step == 0 else 'after prose edit'} {times[-1]:.1f} s")
    page = site / name / "index.html"
    result["mkdocs_jupyter"] = {"first_s": times[0], "rebuild_s": times[1], "page_bytes": page.stat().st_size}
    ctx.shared["mkdocs_jupyter_page"] = page.stat().st_size

    first, rebuild = ctx.shared["first_build"], ctx.shared["prose"]
    result["ours"] = {
        "first_s": median(firsts["ours"]) + first["mkdocs_s"],
        "first_guidesite_s": median(firsts["ours"]),
        "rebuild_s": rebuild["ours_s"],
        "rebuild_guidesite_s": rebuild["guidesite_s"],
    }
    return result


def parallel_doctests(ctx: Context) -> dict:
    """9. The doctests of every page in parallel workers (as `nox -s test` runs them) vs in one process."""
    root = ws.copy_project(ctx.tmp / "parallel-doctests") if not ctx.quick else ws.synthetic_project(
        ctx.tmp / "parallel-doctests", 4)
    if ctx.quick:
        ws.build(root)
    runs: dict[str, list[float]] = {"parallel": [], "one": []}

    def run(kind: str) -> None:
        done = ws.run([*DOCTESTS, *(PARALLEL if kind == "parallel" else []), "docs"], cwd=root)
        runs[kind].append(done.seconds)
        ctx.say(f"    doctests, {'parallel' if kind == 'parallel' else 'one process'} {done.seconds:.1f} s")

    alternate(ctx.heavy_repeats if ctx.quick else 1, lambda: run("parallel"), lambda: run("one"))
    result = _figures(runs["parallel"], runs["one"], TARGETS["parallel_doctests"])
    result.update(repeats=len(runs["one"]), workers=f"-n auto ({os.cpu_count()} cores)")
    return result


def doctests(ctx: Context) -> dict:
    """5. The doctests of the guide's pages in both languages vs executing it in both (`build --force`)."""
    root = ctx.subject_project("doctests")
    pages = [f"docs/{lang}/guides/{ctx.subject}.md" for lang in ("ko", "en")]
    command = [*DOCTESTS, *PARALLEL, *pages]
    runs: dict[str, list[float]] = {"build": [], "doctests": []}

    def build() -> None:
        done = ws.build(root, "--force", ctx.subject)
        ctx.check_build(done, executed=2)
        runs["build"].append(done.seconds)
        ctx.say(f"    build --force (both languages) {done.seconds:.1f} s")

    def test() -> None:
        done = ws.run(command, cwd=root)
        runs["doctests"].append(done.seconds)
        counts = re.findall(r"^=*\s*(\d+ passed.*?)\s*=*$", done.output, re.MULTILINE)
        ctx.say(f"    doctests (both languages) {done.seconds:.1f} s: {counts[-1] if counts else '?'}")

    alternate(ctx.heavy_repeats if ctx.quick else 1, test, build)
    result = _figures(runs["doctests"], runs["build"], TARGETS["doctests"])
    result.update(guide=ctx.subject, repeats=len(runs["build"]))
    return result


def scale(ctx: Context) -> dict:
    """6. Many small guides: no-op rebuild per guide, --jobs speedup, spread over CI machines."""
    n_exec, n_noop = ctx.scale_executed, ctx.scale_guides
    result: dict = {"guides_per_language": n_noop, "executed_per_language": n_exec}
    result["per_guide_split"] = _setup_share(ctx)

    small = ws.synthetic_project(ctx.tmp / "scale-exec", n_exec)
    jobs_supported = "--jobs" in ws.guidesite(small, "build", "--help").output
    walls = {}
    for jobs in (1, 2) if jobs_supported else (1,):
        extra = ("--jobs", str(jobs)) if jobs_supported else ()
        done = ws.build(small, "--force", *extra)
        ctx.check_build(done, executed=2 * n_exec)
        walls[jobs] = done.seconds
        ctx.say(f"    {2 * n_exec} guides executed with {jobs} job(s): {done.seconds:.1f} s")
    per_guide = walls[1] / (2 * n_exec)
    result["execution"] = {
        "guides": 2 * n_exec, "jobs_supported": jobs_supported,
        "wall_s": {str(k): v for k, v in walls.items()}, "per_guide_s": per_guide,
        "speedup_2_jobs": walls[1] / walls[2] if 2 in walls else None,
    }

    big = ws.synthetic_project(ctx.tmp / "scale-noop", n_noop)
    for lang in ("ko", "en"):
        target = big / "docs" / lang / "notebooks"
        target.mkdir(parents=True)
        first = small / "docs" / lang / "notebooks" / "synthetic_000.ipynb"
        (target / first.name).write_bytes(first.read_bytes())
    ws.share_records(big)
    ctx.check_build(ws.build(big), executed=0)  # writes pages and per-guide notebooks
    site = ctx.tmp / "scale-site"
    builds, sites = [], []
    alternate(ctx.repeats, lambda: builds.append(_noop_build(ctx, big)),
              lambda: sites.append(ws.mkdocs(big, site).seconds))
    guides = 2 * n_noop
    result["noop"] = {
        "guides": guides, "build_s": median(builds), "per_guide_s": median(builds) / guides,
        "mkdocs_s": median(sites), "mkdocs_per_page_s": median(sites) / guides,
        "ratio": ratio(median(builds) + median(sites), median(sites)), "repeats": ctx.repeats,
    }

    # CI: each guide is an independent job; k machines each take the longest remaining one.
    synthetic = [per_guide] * guides
    real = _real_guide_seconds(result["per_guide_split"]["fixed_s"])
    result["ci"] = {
        "synthetic_s": {str(k): makespan(synthetic, k) for k in CI_MACHINES},
        "real_guides_s": {str(k): makespan(real, k) for k in CI_MACHINES},
        "real_guide_inputs_s": real,
    }
    return result


def _noop_build(ctx: Context, root: Path) -> float:
    done = ws.build(root)
    ctx.check_build(done, executed=0)
    return done.seconds


def _real_guide_seconds(fixed: float) -> list[float]:
    """Per-language execution time of the real guide: its recorded cell seconds plus the fixed cost."""
    return [round(_record_seconds(ws.ROOT / "docs" / lang / "notebooks" / f"{ws.GUIDE}.ipynb") + fixed, 1)
            for lang in ("ko", "en")]


def _setup_share(ctx: Context) -> dict:
    """Where one small guide's execution time goes: kernel start/stop, hidden setup, its cells, probe."""
    import nbclient

    guide = ws.synthetic_guide(0, "en")
    path = ctx.tmp / "split" / "synthetic_000.py"
    path.parent.mkdir()
    path.write_text(guide, encoding="utf-8")
    code = [c.source for c in read(path, "en").code_cells]
    splits = []
    for _ in range(max(ctx.repeats, 3)):
        nb = v4.new_notebook(cells=[v4.new_code_cell(s) for s in (SETUP, *code, PROBE)])
        start = time.perf_counter()
        with tempfile.TemporaryFile("w+") as kernel_log:  # TensorFlow's start-up logs, not the terminal
            client = nbclient.NotebookClient(nb, kernel_name="python3", record_timing=True)
            client.execute(env=ws.env(), stderr=kernel_log)
        wall = time.perf_counter() - start
        cells = [_cell_seconds(cell) for cell in nb.cells]
        splits.append({"wall_s": wall, "setup_s": cells[0], "code_s": sum(cells[1:-1]), "probe_s": cells[-1],
                       "fixed_s": wall - sum(cells[1:-1])})
    result = {key: median([s[key] for s in splits]) for key in splits[0]}
    result["setup_share"] = result["setup_s"] / result["wall_s"]
    result["kernel_s"] = result["wall_s"] - result["setup_s"] - result["code_s"] - result["probe_s"]
    result["repeats"] = len(splits)
    return result


def _cell_seconds(cell) -> float:
    from datetime import datetime

    timing = cell.metadata["execution"]
    start = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
    return (end - start).total_seconds()


def weight(ctx: Context) -> dict:
    """7. Sizes of what readers download, from the no-op benchmark's site."""
    site = ctx.shared["site"]
    prefixes = {"ko": "", "en": "en"}  # Korean is the default language, at the site's root
    pages = {lang: site / prefix / "guides" / ws.GUIDE / "index.html" for lang, prefix in prefixes.items()}
    result = {f"page_{lang}_bytes": page.stat().st_size for lang, page in pages.items()}
    result["site_bytes"] = ws.tree_size(site)
    result["search_index_bytes"] = (site / "search" / "search_index.json").stat().st_size
    english_index = site / "en" / "search" / "search_index.json"  # the site's hook splits it by language
    if english_index.is_file():
        result["search_index_en_bytes"] = english_index.stat().st_size
    if "mkdocs_jupyter_page" in ctx.shared:
        result["mkdocs_jupyter_page_bytes"] = ctx.shared["mkdocs_jupyter_page"]
    return result
