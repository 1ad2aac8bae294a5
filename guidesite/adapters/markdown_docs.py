"""pytest-markdown-docs, through its runner API (``pytest_markdown_docs._runners``, a private module
of pytest-markdown-docs 0.9, pinned in constraints.txt).

pytest-markdown-docs finds the fences of a Markdown page and reports failures at the page's line;
how a fence is run is up to a "runner". Its default runs each fence in a fresh namespace, so
doctests.py registers its own runner as the default (a Jupyter kernel per page, fences in page order).
The decorator that registers it and the base class are not exported; tests/test_adapters.py fails
when they move or change their form.
"""

from __future__ import annotations

from pytest_markdown_docs._runners import _Runner, register_runner

Runner = _Runner  # the base class of a runner: runtest(test, args) and repr_failure(test, excinfo)


def default_runner(cls: type) -> type:
    """Register a Runner subclass as the runner of every fence (a class decorator)."""
    return register_runner(default=True)(cls)
