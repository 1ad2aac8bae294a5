"""pytest plugin: test published guide pages the way a reader runs them.

Load with ``pytest -p guidesite.doctests --markdown-docs docs/``.
pytest-markdown-docs finds the Python fences and reports failures at the
page's file:line. It runs every fence in a fresh namespace, and its
"continuation" option re-runs all earlier fences for each one (a guide would
train its models ~20 times). No option of it runs a page like a notebook, so
this plugin replaces its default runner with one that:

- runs only the fences that are the guide's code cells (``{.python .guide-cell}``);
  a code example inside prose is shown on the page and never run;
- runs each page in a Jupyter kernel of its own, started like the execution's:
  the page's front matter carries the header's backends, `env:` and `timeout:`,
  and both build the same ``kernel.KernelSpec`` and start it with
  ``kernel.contained`` (allowlisted environment, fresh working directory, the
  same hidden setup, every process it started ended); each fence once, in page
  order, so a page behaves exactly as a notebook;
- cleans the kernel's outputs with the execution's cleaning stage (cleaning.py)
  and compares the printed text with the page's output block (same lines and
  labels, numbers within the tolerance of where they come from: compare.py, the
  page's front matter `tolerance:` and the fence class .tolerance-training), and checks that a block
  that published an image or an HTML table still produces one;
- expects the error shown on the page when an error block follows a fence
  (a cell tagged ``raises-exception``), and fails if the fence no longer raises;
- skips the rest of a page once one of its fences raised unexpectedly.

The runner API is private to pytest-markdown-docs: adapters/markdown_docs.py.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .adapters.markdown_docs import Runner, default_runner
from .backends import BACKENDS
from .cleaning import CELL_LINE, clean, from_notebook
from .compare import TRAINING_TAG, Tolerance, differences, tolerance_for
from .kernel import KernelSpec, contained
from .model import Output
from .pageformat import (
    CODE_CELL_CLASS,
    Published,
    fence_classes,
    front_matter,
    is_code_cell,
    page_backends,
    published_outputs,
)
from .project import site_runtime
from .render import merge_printed
from .runtime import DEFAULT_RUNTIME, Runtime
from .sources import ONLY_TAG

# The canary (canary.py) wants to see every warning a library raises, DeprecationWarning included.
CANARY_SETUP = "import warnings as _w\n_w.simplefilter('default')\ndel _w\n"
_WARNING = re.compile(r"\b(\w*Warning): (.+)$")


class BlockRaised(Exception):
    """A fence raised in the page's kernel; str() is its cleaned traceback."""

    def __init__(self, ename: str, traceback: str, line: int | None):
        super().__init__(traceback)
        self.ename, self.line = ename, line  # line: within the block, 1-based (None: unknown)


def shows_error(published_error: str, ename: str) -> bool:
    """True when the page's error block shows this exception's type (a cell tagged raises-exception) on the
    line that starts its message, wherever that is (Keras' messages go on: "Arguments received ...")."""
    lines = [line.strip() for line in published_error.split("\n") if line.strip()]
    return any(line == ename or line.startswith(f"{ename}:") for line in lines)


def page_kernel_spec(lines: list[str], backend: str, runtime: Runtime = DEFAULT_RUNTIME) -> KernelSpec:
    """The kernel the page's outputs were produced in, on one of its backends, in the site's runtime."""
    return KernelSpec.from_meta(front_matter(lines), backend, setup=runtime.setup_cell())


class PageKernel:
    """A Jupyter kernel for one page: started like an execution's, setup run, then one fence at a time."""

    def __init__(self, spec: KernelSpec):
        from jupyter_client.manager import KernelManager

        self.spec = spec
        self._stack = ExitStack()  # closed last to first: kernel, its log, then its processes and folder
        try:
            box = self._stack.enter_context(contained(spec, "doctest"))
            log = self._stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace"))
            self.manager = KernelManager(kernel_name="python3")
            self.manager.start_kernel(env=box.env, cwd=box.workdir, stderr=log)
            self._stack.callback(self.manager.shutdown_kernel, now=True)
            self.client = self.manager.client()
            self.client.start_channels()
            self._stack.callback(self.client.stop_channels)
            self.client.wait_for_ready(timeout=120)
            self.last_stderr = ""
            self.run(spec.setup)
            if _config is not None and _config.getoption("canary_log", default=None):
                self.run(CANARY_SETUP)
        except BaseException:
            self._stack.close()
            raise

    def run(self, source: str) -> tuple[Output, ...]:
        """The cleaned outputs of one block; raises BlockRaised if it raised."""
        from nbformat.v4 import output_from_msg

        raw = []

        def keep(msg):
            if msg["msg_type"] in ("stream", "display_data", "execute_result", "error"):
                raw.append(output_from_msg(msg))

        reply = self.client.execute_interactive(source, output_hook=keep, timeout=self.spec.timeout)
        outputs = from_notebook(raw)
        self.last_stderr = "\n".join(o.text for o in outputs if o.kind == "stderr")
        if reply["content"]["status"] == "error":
            traceback = next((o.text for o in outputs if o.kind == "error"), "")
            in_cell = CELL_LINE.findall(traceback)
            line = int(in_cell[-1]) if in_cell else None
            raise BlockRaised(reply["content"].get("ename", ""), traceback, line)
        return outputs

    def close(self) -> None:
        self._stack.close()


def page_runtime(path: Path) -> Runtime:
    """The runtime profile of the project a published page belongs to: the nearest folder above the page
    with a pyproject.toml (its docs folder may be anywhere in it); the default profile without one."""
    root = next((folder for folder in path.resolve().parents if (folder / "pyproject.toml").is_file()), None)
    return DEFAULT_RUNTIME if root is None else site_runtime(root)


@dataclass
class Page:
    lines: list[str]
    runtime: Runtime = DEFAULT_RUNTIME
    kernels: dict[str, PageKernel] = field(default_factory=dict)  # backend -> its kernel
    failed_at: dict[str, int] = field(default_factory=dict)  # backend -> line of the block that raised

    def kernel(self, backend: str) -> PageKernel:
        if backend not in self.kernels:
            self.kernels[backend] = PageKernel(page_kernel_spec(self.lines, backend, self.runtime))
        return self.kernels[backend]

    def close(self) -> None:
        for kernel in self.kernels.values():
            kernel.close()
        self.kernels.clear()


_pages: dict[str, Page] = {}


def _page(key: str) -> Page:
    page = _pages.get(key)
    if page is None:
        for other in _pages.values():  # pages run one after the other: one page's kernels alive at a time
            other.close()
        path = Path(key)
        page = _pages[key] = Page(path.read_text(encoding="utf-8").split("\n"), page_runtime(path))
    return page


def pytest_addoption(parser) -> None:
    group = parser.getgroup("guidesite", "guide pages (guidesite.doctests)")
    group.addoption("--guide", action="append", default=[], metavar="NAME",
                    help="test only this guide's pages (repeatable); with --backend: one CI slice")
    group.addoption("--canary-log", metavar="FOLDER", default=None,
                    help="write every block's result and new warnings there as JSON lines (canary.py)")
    group.addoption("--backend", action="append", default=[], metavar="NAME",
                    help="run the blocks on this backend only (repeatable; default: every backend)")


def _selected_backends(config, lines: list[str]) -> tuple[str, ...]:
    wanted = config.getoption("backend", default=[]) or []
    return tuple(b for b in page_backends(lines) if not wanted or b in wanted)


def pytest_collection_modifyitems(config, items) -> None:
    """Keep only the fences that are guide code cells (a fence in prose is an example, never run), of the
    pages --guide selects, on a backend --backend selects."""
    unknown = set(config.getoption("backend", default=[]) or []) - set(BACKENDS)
    if unknown:
        raise pytest.UsageError(f"--backend {sorted(unknown)[0]}: not a Keras backend; use one of "
                                f"{', '.join(BACKENDS)}")
    guides = set(config.getoption("guide", default=[]) or [])
    keep, examples = [], []
    lines_of: dict[str, list[str]] = {}
    for item in items:
        test = getattr(item, "test_definition", None)
        if test is None:
            keep.append(item)
            continue
        key = str(test.source_path)
        if key not in lines_of:
            lines_of[key] = Path(key).read_text(encoding="utf-8").split("\n")
        selected = (not guides or Path(key).stem in guides) and _selected_backends(config, lines_of[key])
        (keep if selected and is_code_cell(lines_of[key], test.start_line) else examples).append(item)
    if examples:
        config.hook.pytest_deselected(items=examples)
        items[:] = keep


_config = None  # the pytest config: the runner API passes none to runtest


def pytest_configure(config) -> None:
    global _config
    _config = config


def pytest_sessionfinish(session, exitstatus) -> None:
    for page in _pages.values():
        page.close()


def new_warnings(fresh_stderr: str, published_stderr: str) -> list[str]:
    """The `XxxWarning: message` lines of a fresh run that the page does not show."""
    shown = {m.group(0) for line in published_stderr.split("\n") if (m := _WARNING.search(line))}
    found = [m.group(0) for line in fresh_stderr.split("\n") if (m := _WARNING.search(line))]
    return sorted({w for w in found if w not in shown})


def _first_error_line(message: str) -> str:
    """The line of a failure message that says what broke: the exception of a traceback, or the first
    difference of a mismatch."""
    lines = [line.strip() for line in message.split("\n") if line.strip()]
    if lines and lines[0].startswith("this block raised"):
        errors = [line for line in lines if re.match(r"^[\w.]*(Error|Exception|Interrupt)\b", line)]
        return (errors or lines)[-1][:300]
    first = lines[1] if len(lines) > 1 else lines[0] if lines else ""
    shown = [line for line in lines[2:4] if line.startswith(("published:", "now:"))]
    return " · ".join([first, *shown])[:300]  # the two versions of the line that differs


def _log_for_canary(
    page: Page, key: str, line: int, backend: str, problem, published: Published, not_run: bool = False
) -> None:
    """With --canary-log: one JSON line per block and backend (status, first error line, new warnings)."""
    folder = _config.getoption("canary_log", default=None) if _config is not None else None
    if not folder:
        return
    kernel = page.kernels.get(backend)
    status = "passed" if problem is None else "failed"
    message = problem[1] if problem else ""
    if not_run:
        status, problem = "not run", None
    entry = {
        "page": key, "line": line, "backend": backend, "status": status,
        "cell": sum(CODE_CELL_CLASS in fence_classes(text) for text in page.lines[:line]),
        "error": _first_error_line(message) if problem else "",
        "warnings": new_warnings(kernel.last_stderr, published.stderr) if kernel and not not_run else [],
    }
    path = Path(folder) / f"blocks-{os.getpid()}.jsonl"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")


class BackendFailure(AssertionError):
    """What went wrong on each backend a block failed on; str() names page, line and backend."""


@default_runner
class GuidePageRunner(Runner):
    def runtest(self, test, args, **_):
        key = str(test.source_path)
        page = _page(key)
        several = len(page_backends(page.lines)) > 1
        backends = _selected_backends(_config, page.lines)
        published = published_outputs(page.lines, test.start_line)
        classes = fence_classes(page.lines[test.start_line - 1])
        only = next((name.removeprefix(ONLY_TAG) for name in classes if name.startswith(ONLY_TAG)), None)
        tags = (TRAINING_TAG,) if TRAINING_TAG in classes else ()
        tolerance = tolerance_for(front_matter(page.lines), tags)
        failures = []
        for backend in backends:
            where = f"{key}:{{line}} [{BACKENDS[backend].label}]" if several else f"{key}:{{line}}"
            if backend in page.failed_at:
                failures.append(where.format(line=test.start_line) + ": not run, an earlier block of this "
                                f"page (line {page.failed_at[backend]}) failed on this backend")
                _log_for_canary(page, key, test.start_line, backend, None, Published(), not_run=True)
                continue
            expected = published.get(BACKENDS[backend].label) or published.get("") or Published()
            problem = self._run_on(page, backend, test, expected, only, tolerance)
            _log_for_canary(page, key, test.start_line, backend, problem, expected)
            if problem:
                line, message = problem
                failures.append(where.format(line=line) + f": {message}")
        if failures:
            raise BackendFailure("\n\n".join(failures))

    def _run_on(
        self, page: Page, backend: str, test, published: Published, only: str | None, tolerance: Tolerance
    ):
        """(line, message) of what went wrong running the block on one backend, or None."""
        try:
            # pytest-markdown-docs pads the source with blank lines up to its place on the
            # page; IPython would drop them anyway. Lines are counted from the fence.
            outputs = page.kernel(backend).run(test.source.lstrip("\n"))
        except BlockRaised as exc:
            if only and only != backend:
                return None  # marked as running on another backend only: it must raise here, and did
            if published.error and shows_error(published.error, exc.ename):
                return None  # the page shows this very error: the cell is expected to raise
            line = test.start_line + exc.line if exc.line else test.start_line
            page.failed_at[backend] = line
            return line, f"this block raised\n{clean(str(exc))}"
        except Exception as exc:
            page.failed_at[backend] = test.start_line
            return test.start_line, f"this block could not run: {exc!r}"
        if only and only != backend:
            label = BACKENDS[only].label
            return test.start_line, f"this block is marked {label} only, but it ran without an error here"
        if published.error:
            return test.start_line, "the page shows an error after this block, but it ran without one"
        shown = merge_printed(outputs)
        printed = "\n\n".join(o.text for o in shown if o.kind == "stdout")
        problems = differences(published.printed, printed, tolerance)
        rich = {o.kind for o in shown if o.kind in ("image", "html")}
        for kind in sorted(published.rich ^ rich):
            had = "showed" if kind in published.rich else "did not show"
            now = "no longer produces one" if kind in published.rich else "now produces one"
            problems.append(f"the page {had} an {kind} output after this block; the block {now}")
        if problems:
            mismatch = "printed output no longer matches the published block"
            return test.start_line, mismatch + "\n" + "\n".join(problems)
        return None

    def repr_failure(self, test, excinfo, style=None):
        if isinstance(excinfo.value, BackendFailure):
            return str(excinfo.value)
        return f"{test.source_path}:{test.start_line}: this block could not run: {excinfo.value!r}"
