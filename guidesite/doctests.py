"""pytest plugin: test published guide pages the way a reader runs them.

Load with ``pytest -p guidesite.doctests --markdown-docs docs/``.
pytest-markdown-docs finds the Python fences and reports failures at the
page's file:line. It runs every fence in a fresh namespace, and its
"continuation" option re-runs all earlier fences for each one (a guide would
train its models ~20 times). No option of it runs a page like a notebook, so
this plugin replaces its default runner with one that:

- keeps one namespace per page and runs each fence once, in page order,
  after the same hidden setup as execution (data set mirror, seed);
- shows the value of a fence's last expression as a notebook does;
- compares what the fence printed with the page's output block (same lines
  and labels, numbers within a tolerance, see compare.py);
- expects the error shown on the page when an error block follows a fence
  (a cell tagged ``raises-exception``), and fails if the fence no longer raises;
- skips the rest of a page once one of its fences raised unexpectedly.

The runner API lives in ``pytest_markdown_docs._runners``; the version is
pinned in constraints.txt.
"""

from __future__ import annotations

import ast
import contextlib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import pytest
from pytest_markdown_docs._runners import DefaultRunner, _Runner, register_runner

from .compare import differences
from .freeze import SEED
from .model import Output
from .outputs import clean
from .render import merge_printed

_OUTPUT_FENCE = re.compile(
    r'^(?P<indent> {4})?(?P<fence>`{3,})\{\.text \.(?P<kind>output|stderr|error) title="[^"]*"\}$'
)
_FOLD = re.compile(r'^\?\?\? (output|stderr|error) "')


class OutputMismatch(AssertionError):
    pass


@dataclass
class Page:
    lines: list[str]
    namespace: dict = field(default_factory=lambda: {"__name__": "__main__"})
    failed_at: int | None = None


_pages: dict[str, Page] = {}


def _setup_page() -> None:
    from .datasets import install_mnist_mirror

    install_mnist_mirror()
    import keras

    keras.utils.set_random_seed(SEED)


def published_output(lines: list[str], fence_line: int) -> tuple[str, str]:
    """The printed output and the error shown after the code fence opening at 1-based fence_line."""
    index = fence_line  # 0-based index of the first code line
    while index < len(lines) and lines[index] != "```":
        index += 1
    index += 1
    printed: list[str] = []
    error = ""
    while index < len(lines):
        line = lines[index]
        if not line.strip() or _FOLD.match(line):
            index += 1
            continue
        match = _OUTPUT_FENCE.match(line)
        if not match:
            break
        indent, closing = match["indent"] or "", (match["indent"] or "") + match["fence"]
        body = []
        index += 1
        while index < len(lines) and lines[index] != closing:
            body.append(lines[index][len(indent):])
            index += 1
        index += 1
        if match["kind"] == "output":
            printed.append("\n".join(body))
        elif match["kind"] == "error":
            error = "\n".join(body)
    return "\n\n".join(printed), error


def shows_error(published_error: str, exc: BaseException) -> bool:
    """True when the page's error block ends with this exception's type (a cell tagged raises-exception)."""
    last = [line for line in published_error.split("\n") if line.strip()][-1:] or [""]
    name = type(exc).__name__
    return last[0] == name or last[0].startswith(f"{name}:")


def run_like_notebook(source: str, filename: str, namespace: dict) -> str:
    """Run a fence; return its printed text plus its last expression's value."""
    from IPython.lib.pretty import pretty

    tree = ast.parse(source, filename)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        exec(compile(tree, filename, "exec", dont_inherit=True), namespace)
        value = None
        if last is not None:
            expression = ast.Expression(last.value)
            value = eval(compile(expression, filename, "eval", dont_inherit=True), namespace)
    outputs = [Output("stdout", clean(captured.getvalue()))]
    if value is not None:
        outputs.append(Output("result", clean(pretty(value))))
    merged = merge_printed(tuple(o for o in outputs if o.text))
    return "\n\n".join(o.text for o in merged if o.kind == "stdout")


@register_runner(default=True)
class GuidePageRunner(_Runner):
    def runtest(self, test, args, **_):
        key = str(test.source_path)
        page = _pages.get(key)
        if page is None:
            page = _pages[key] = Page(Path(key).read_text(encoding="utf-8").split("\n"))
            _setup_page()
        if page.failed_at is not None:
            pytest.skip(f"an earlier block of this page (line {page.failed_at}) failed")
        published, error = published_output(page.lines, test.start_line)
        try:
            printed = run_like_notebook(test.source, key, page.namespace)
        except BaseException as exc:
            if isinstance(exc, Exception) and error and shows_error(error, exc):
                return  # the page shows this very error: the cell is expected to raise
            page.failed_at = test.start_line
            raise
        if error:
            raise OutputMismatch(
                f"{key}:{test.start_line}: the page shows an error after this block, but it ran without one"
            )
        problems = differences(published, printed)
        if problems:
            raise OutputMismatch(
                f"{key}:{test.start_line}: printed output no longer matches the published block\n"
                + "\n".join(problems)
            )

    def repr_failure(self, test, excinfo, style=None):
        if isinstance(excinfo.value, OutputMismatch):
            return str(excinfo.value)
        return f"{test.source_path}:{test.start_line}: this block raised\n" + DefaultRunner().repr_failure(
            test, excinfo, style
        )
