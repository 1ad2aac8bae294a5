"""How much a cell, and a page, may publish: every kind of output is capped (pure).

A cell's printed text, its HTML, its SVG and its PNG/JPEG images each have a cap per cell, and a page
(every cell of every backend's run, text, HTML and images together) has one as a whole. The caps are
far above what a real guide shows: the largest page here weighs 61 kB with its outputs, a matplotlib
figure 20-60 kB as PNG or SVG, a pandas table a few kB. What exceeds them is a loop printing
everything, a DataFrame shown whole, a scatter plot of every point as SVG: published, it makes a page
that takes seconds to load. Execution checks each cell (execute.py); the build checks every page,
executed or reused, before writing anything (build.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .errors import ExecutionError
from .model import Executed, Output

MAX_TEXT_BYTES = 1_000_000  # printed text of one cell
MAX_TEXT_LINES = 10_000
MAX_HTML_BYTES = 500_000  # HTML outputs of one cell (a pandas table of 60 rows is ~10 kB)
MAX_SVG_BYTES = 1_000_000  # SVG images of one cell
MAX_RASTER_BYTES = 2_000_000  # PNG and JPEG images of one cell, decoded
MAX_PAGE_BYTES = 5_000_000  # every output of a page, on every backend, together
RASTER = ("image/png", "image/jpeg")

# (kind, cap, what the message calls it, how to show less)
_CAPS = (
    ("html", MAX_HTML_BYTES, "HTML", "show a part: df.head(20), a summary, or fewer columns"),
    ("svg", MAX_SVG_BYTES, "SVG images", "draw fewer elements (plot a sample of the points), or save the "
     "figure as PNG: %config InlineBackend.figure_formats = ['png']"),
    ("raster", MAX_RASTER_BYTES, "PNG/JPEG images", "make the figure smaller (figsize=, dpi=), show fewer "
     "images, or JPEG for photos"),
)


def _kind(output: Output) -> str:
    if output.kind == "html":
        return "html"
    if output.kind == "image":
        return "svg" if output.mime == "image/svg+xml" else "raster"
    return "text"


def published_bytes(output: Output) -> int:
    """The bytes an output adds to the site: its text, HTML or SVG, or its image file's (decoded) size."""
    kind = _kind(output)
    if kind == "raster":
        data = output.data or ""
        return len(data) * 3 // 4 - data[-2:].count("=")  # base64 without whitespace (cleaning.classify)
    if kind in ("html", "svg"):
        return len((output.data or "").encode("utf-8"))
    return len(output.text.encode("utf-8"))


def amount(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} kB"


def _limit(cap: int) -> str:
    return f"{cap // 1_000_000} MB" if cap >= 1_000_000 else f"{cap // 1000} kB"


def oversized(outputs: Iterable[Output]) -> str | None:
    """Why a cell's outputs are too large to publish (how much, the cap, how to trim), or None."""
    outputs = list(outputs)
    text = "\n".join(o.text for o in outputs if _kind(o) == "text")
    size, lines = len(text.encode("utf-8")), text.count("\n") + 1 if text else 0
    if size > MAX_TEXT_BYTES or lines > MAX_TEXT_LINES:
        return (
            f"prints {amount(size)} in {lines:,} lines (at most {_limit(MAX_TEXT_BYTES)} and "
            f"{MAX_TEXT_LINES:,} lines may be published); print less: a summary, a slice such as x[:5], "
            "or verbose=2 / verbose=0 in fit()"
        )
    for kind, cap, name, advice in _CAPS:
        size = sum(published_bytes(o) for o in outputs if _kind(o) == kind)
        if size > cap:
            cap_text = f"at most {_limit(cap)} per cell may be published"
            return f"shows {amount(size)} of {name} ({cap_text}); {advice}"
    return None


def _where(guide, index: int) -> str:
    return f"{guide.lang} guide {guide.name!r}, cell {guide.cell_number(index)}"


def check_page(runs: Sequence[Executed]) -> None:
    """Raise ExecutionError if a cell of any run, or the page as a whole, publishes too much.

    Execution checked its own cells already; a reused record is checked here, as is every page's total.
    """
    guide = runs[0].guide
    per_cell = [0] * len(guide.code_cells)
    for run in runs:
        for index, outputs in enumerate(run.outputs):
            too_big = oversized(outputs)
            if too_big:
                line = guide.code_cells[index].line
                raise ExecutionError(guide.path, line, f"{_where(guide, index)} {too_big}")
            per_cell[index] += sum(published_bytes(o) for o in outputs)
    total = sum(per_cell)
    if total <= MAX_PAGE_BYTES:
        return
    largest = sorted(range(len(per_cell)), key=lambda i: -per_cell[i])[:3]
    cells = ", ".join(f"cell {guide.cell_number(i)} ({amount(per_cell[i])})" for i in largest)
    backends = " on every backend" if len(runs) > 1 else ""
    raise ExecutionError(
        guide.path, guide.code_cells[largest[0]].line,
        f"{guide.lang} guide {guide.name!r}: its outputs{backends} weigh {amount(total)} together (at most "
        f"{_limit(MAX_PAGE_BYTES)} per page: text, HTML and images); the largest: {cells}; show less there",
    )
