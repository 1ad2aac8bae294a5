from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# `pytest -m "not slow"`: the fast half (pure functions, parsing, rendering, error messages) for the
# edit-test loop. Slow: the browser tests (a site build and Chromium) and every test that starts
# kernels or other processes: those using a project fixture that builds, and the modules listed here.
SLOW_FIXTURES = {"tiny_project", "built", "site_dir", "browser"}
SLOW_MODULES = {
    "test_doctests", "test_canary", "test_bench", "test_kernel", "test_secrets", "test_limits", "test_slices",
    "test_backend_errors", "test_any_guide", "test_backends", "test_publish_errors",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.path.stem
        if "browser" in item.path.parts or module in SLOW_MODULES or SLOW_FIXTURES & set(
            getattr(item, "fixturenames", ())
        ):
            item.add_marker(pytest.mark.slow)

HEADER = """\
# ---
# jupyter:
#   jupytext:
#     cell_markers: '\"\"\"'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: {title}
#     description: A tiny guide for tests.
#     author: Tester
#     date_created: '2026-01-01'
#     last_modified: '2026-01-02'
{extra}# ---
"""


def guide_text(*cells: str, title: str = "Tiny", header: str = "") -> str:
    """A guide source from cells written as ('md', text), ('code', text) or ('code', text, tags).

    header: more fields under 'guide:', e.g. "backend: jax" (one per line).
    """
    extra = "".join(f"#     {line}\n" for line in header.splitlines() if line.strip())
    parts = [HEADER.format(title=title, extra=extra)]
    for kind, body, *tags in cells:
        if kind == "md":
            parts.append(f'# %% [markdown]\n"""\n{body}\n"""\n')
        else:
            marker = f" tags={list(tags[0])!r}".replace("'", '"') if tags else ""
            parts.append(f"# %%{marker}\n{body}\n")
    return "\n".join(parts)


@dataclass(frozen=True)
class DoctestRun:
    returncode: int
    stdout: str
    outcomes: dict[str, list[str]]  # "passed", "failed", "skipped", "deselected" -> test ids

    @property
    def counts(self) -> dict[str, int]:
        """How many tests had each outcome (outcomes no test had are left out)."""
        return {outcome: len(ids) for outcome, ids in self.outcomes.items() if ids}


def run_doctests(target: Path, timeout: int = 600, *extra: str) -> DoctestRun:
    """The doctest plugin on a page or a folder of pages, in a pytest process of its own, as `nox -s test`
    runs it (from the target's folder, so that no project configuration applies)."""
    args = ["-p", "guidesite.doctests", "--markdown-docs", "--markdown-docs-syntax=superfences"]
    with tempfile.TemporaryDirectory() as folder:
        outcomes_file = Path(folder) / "outcomes.json"
        path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]  # for tests.outcomes_plugin
        env = {**os.environ, "DOCTEST_OUTCOMES": str(outcomes_file), "PYTHONPATH": os.pathsep.join(path)}
        result = subprocess.run(
            [sys.executable, "-m", "pytest", *args, "-p", "tests.outcomes_plugin", "-p", "no:cacheprovider",
             "-W", "default", *extra, str(target)],
            cwd=target.parent if target.is_file() else target, capture_output=True, text=True,
            timeout=timeout, env=env,
        )
        outcomes = json.loads(outcomes_file.read_text(encoding="utf-8")) if outcomes_file.is_file() else {}
    return DoctestRun(result.returncode, result.stdout + result.stderr, outcomes)


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    """A project with one small guide in both languages and the real pins."""
    shutil.copy(ROOT / "constraints.txt", tmp_path / "constraints.txt")
    for lang, word in (("ko", "안녕"), ("en", "Hello")):
        folder = tmp_path / "guide_src" / lang
        folder.mkdir(parents=True)
        (folder / "tiny.py").write_text(
            guide_text(
                ("md", f"## {word}"),
                ("code", f'print("{word}", 6 * 7)'),
                ("md", "Text."),
                ("code", "x = [1, 2]\nx"),
            ),
            encoding="utf-8",
        )
    return tmp_path
