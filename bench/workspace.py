"""Temporary projects the benchmarks build in, and the inputs given to the peers.

Nothing here touches the working tree: every measurement runs on a copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from guidesite.kernel import PIPELINE_ENV, SETUP
from guidesite.sources import read

ROOT = Path(__file__).resolve().parent.parent
GUIDE = "intro_to_keras_for_researchers"
# Left out of project copies: history, caches, built sites, earlier results.
_NOT_COPIED = (".git", ".nox", "site", ".pytest_cache", ".ruff_cache", "__pycache__", "*.egg-info",
               "artifacts", "results.json", ".guidesite.lock", ".guidesite-cache")
BACKEND = "tensorflow"  # the backend of GUIDE, for the peers that run its notebook


class BenchError(RuntimeError):
    """A command the benchmark depends on failed; the message holds its output's tail."""


@dataclass(frozen=True)
class Run:
    seconds: float
    output: str
    summary: dict = field(default_factory=dict)  # a build's own account of what it did (`--summary`)


def env() -> dict[str, str]:
    """The environment of every timed command: the kernel's variables for everyone, tools on PATH."""
    bindir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        **PIPELINE_ENV,
        "KERAS_BACKEND": BACKEND,
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": bindir + os.pathsep + os.environ.get("PATH", ""),
    }


def run(command: list[str], cwd: Path) -> Run:
    """Run a command, return its wall time and output; raise BenchError if it fails."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env(), capture_output=True, text=True, errors="replace")
    seconds = time.perf_counter() - start
    output = done.stdout + done.stderr
    if done.returncode != 0:
        tail = "\n".join(output.splitlines()[-30:])
        raise BenchError(f"`{' '.join(command)}` in {cwd} exited {done.returncode}:\n{tail}")
    return Run(seconds, output)


def guidesite(root: Path, *args: str) -> Run:
    return run([sys.executable, "-m", "guidesite", "--root", str(root), *args], cwd=root)


def build(root: Path, *args: str) -> Run:
    """`guidesite build`, with what it did read from its `--summary` JSON (never from its log)."""
    summary = root / ".guidesite-cache" / "bench-summary.json"
    summary.unlink(missing_ok=True)
    done = guidesite(root, "build", "--summary", str(summary), *args)
    if not summary.is_file():
        raise BenchError(f"`guidesite build` in {root} wrote no summary:\n{done.output}")
    return replace(done, summary=json.loads(summary.read_text(encoding="utf-8")))


def nox_build(root: Path) -> Run:
    """`nox -s build` in a project copy, in the copy's own virtualenvs: the first call installs them (the
    warm-up), later ones find them current. Sharing this checkout's .nox would repoint its editable
    install at the copy, which is deleted afterwards."""
    return run(["nox", "-s", "build"], cwd=root)


def mkdocs(root: Path, site: Path) -> Run:
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=root)


def copy_project(dest: Path, languages: tuple[str, ...] = ("ko", "en")) -> Path:
    """A copy of the working tree (sources, docs, config) with only the given languages' sources."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*_NOT_COPIED))
    for folder in (dest / "guide_src").iterdir():
        if folder.is_dir() and folder.name not in languages:
            shutil.rmtree(folder)
    return dest


# -- synthetic guides ------------------------------------------------------

_HEADER = """\
# ---
# jupyter:
#   jupytext:
#     cell_markers: '\"\"\"'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: {title}
#     description: {description}
#     author: Benchmark
#     date_created: '2026-01-01'
#     last_modified: '2026-01-01'
# ---
"""

_WORDS = {
    "en": ("Synthetic guide {n}", "A small generated guide for the scale benchmark.", "Numbers", "Their sum"),
    "ko": ("합성 가이드 {n}", "규모 벤치마크용으로 만든 작은 가이드입니다.", "숫자", "합계"),
}


def synthetic_guide(n: int, lang: str) -> str:
    """A small guide: two code cells that print a few numbers (no Keras, no training)."""
    title, description, first, second = _WORDS[lang]
    title = title.format(n=n)
    return "\n".join([
        _HEADER.format(title=title, description=description),
        f'# %% [markdown]\n"""\n## {first}\n\n{title}.\n"""\n',
        "# %%\nimport math\n\nvalues = [round(math.sqrt(i), 4) for i in range(6)]\nprint(values)\n",
        f'# %% [markdown]\n"""\n## {second}\n"""\n',
        '# %%\ntotal = sum(values)\nprint(f"total = {total:.4f}")\n',
    ])


def synthetic_project(dest: Path, guides: int, languages: tuple[str, ...] = ("ko", "en")) -> Path:
    """A project of `guides` synthetic guides per language, with the real pins, site config and assets."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*_NOT_COPIED, "guide_src"))
    names = [f"synthetic_{n:03d}" for n in range(guides)]
    for lang in languages:
        src = dest / "guide_src" / lang
        src.mkdir(parents=True)
        for n, name in enumerate(names):
            (src / f"{name}.py").write_text(synthetic_guide(n, lang), encoding="utf-8")
        pages = dest / "docs" / lang
        for generated in ("guides", "notebooks"):  # the real guides' pages; the nav's other pages stay
            shutil.rmtree(pages / generated)
        links = "\n".join(f"- [{name}](guides/{name}.md)" for name in names)
        (pages / "index.md").write_text(f"# Benchmark\n\n{links}\n", encoding="utf-8")
    return dest


def share_records(project: Path, languages: tuple[str, ...] = ("ko", "en")) -> int:
    """Copy the first guide's executed notebook to every other synthetic guide of its language.

    All synthetic guides have the same code, and the cache key covers code only,
    so one execution record is valid for all of them: the next build reuses it
    (0 cells executed) and rewrites each notebook with its own prose.
    """
    copied = 0
    for lang in languages:
        notebooks = project / "docs" / lang / "notebooks"
        first = notebooks / "synthetic_000.ipynb"
        for source in sorted((project / "guide_src" / lang).glob("*.py")):
            target = notebooks / f"{source.stem}.ipynb"
            if target != first:
                shutil.copy(first, target)
                copied += 1
    return copied


# -- the same code, run the other ways ------------------------------------

def plain_script(source: Path, lang: str) -> str:
    """The guide's code cells as one Python script, after the pipeline's hidden setup."""
    guide = read(source, lang)
    return "\n\n".join([SETUP, *(cell.source for cell in guide.code_cells)]) + "\n"


def peer_notebook(stored: Path) -> dict:
    """The committed notebook with the pipeline's hidden setup cell prepended, outputs cleared.

    Peers execute exactly the code we execute, with the same offline MNIST
    mirror and seed; the setup cell is visible in their output, which does not
    change what they cost.
    """
    nb = json.loads(stored.read_text(encoding="utf-8"))
    setup = {"cell_type": "code", "execution_count": None, "id": "bench-setup", "metadata": {},
             "outputs": [], "source": SETUP}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nb["cells"].insert(0, setup)
    nb["metadata"].pop("guidesite", None)
    return nb


def edit_notebook_prose(nb: dict, n: int) -> dict:
    """The notebook with one sentence added to its first markdown cell."""
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = source + f"\n\nBenchmark prose edit number {n}."
            return nb
    raise ValueError("notebook has no markdown cell")


MKDOCS_JUPYTER_CONFIG = """\
site_name: mkdocs-jupyter peer
docs_dir: docs
strict: true
theme:
  name: material
  font: false
plugins:
  - search
  - mkdocs-jupyter:
      execute: true
      allow_errors: false
"""


def mkdocs_jupyter_project(dest: Path, nb: dict, name: str) -> Path:
    (dest / "docs").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(MKDOCS_JUPYTER_CONFIG, encoding="utf-8")
    (dest / "docs" / "index.md").write_text(f"# Peer\n\n[{name}]({name}.ipynb)\n", encoding="utf-8")
    write_notebook(dest / "docs" / f"{name}.ipynb", nb)
    return dest


def write_notebook(path: Path, nb: dict) -> None:
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
