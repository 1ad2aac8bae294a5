"""The page format: what render writes, the doctests' reader gets back (pageformat.py)."""

from pathlib import Path

from guidesite.model import Executed, Output, Record
from guidesite.pageformat import (
    FOLD_LINES,
    Published,
    fence_classes,
    front_matter,
    is_code_cell,
    page_backends,
    published_outputs,
)
from guidesite.render import render
from guidesite.sources import reads

from .conftest import guide_text

HEADER = "backends: [jax, torch]\ntimeout: 60\nenv: [EXTRA_FLAG]\ntolerance: 0.05"
LONG = "\n".join(f"step {i}" for i in range(FOLD_LINES + 3))
CELLS = (
    ("md", "## Round trip"),
    ("code", "print('same')"),
    ("code", "print(backend)"),
    ("code", "print(long)", ["tolerance-training"]),
    ("code", "raise ValueError('no')", ["raises-exception"]),
    ("code", "plot()\nprint('drawn')"),
    ("code", "torch_only()", ["only-torch"]),
)
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'


def _record(backend: str) -> Record:
    return Record("k", "2026-12-06 10:00 UTC", "CPU: Test", {"keras": "3.15.1"}, 1337, (0.1,) * 6,
                  backend=backend)


def _page() -> list[str]:
    guide = reads(guide_text(*CELLS, header=HEADER), Path("rt.py"), "en")
    runs = []
    for backend in ("jax", "torch"):
        outputs = (
            (Output("stdout", "same"),),
            (Output("stdout", f"on {backend}"),),
            (Output("stdout", LONG),),
            (Output("error", "Traceback (most recent call last):\nValueError: no\nArguments received: x"),),
            (Output("image", "<Figure>", "image/svg+xml", SVG), Output("stdout", "drawn")),
            (Output("stdout", "torch"),) if backend == "torch" else (Output("error", "NameError: x"),),
        )
        runs.append(Executed(guide, outputs, _record(backend)))
    return render(runs, "guide_src/en/rt.py").split("\n")


def _fences(lines: list[str]) -> list[int]:
    """1-based lines of the code cells' fences, as pytest-markdown-docs reports them."""
    return [n for n in range(1, len(lines) + 1) if lines[n - 1].startswith("```") and is_code_cell(lines, n)]


def test_front_matter_carries_what_the_doctest_kernels_need():
    lines = _page()
    meta = front_matter(lines)
    assert page_backends(lines) == ("jax", "torch")
    assert meta["timeout"] == 60 and meta["env"] == ["EXTRA_FLAG"] and meta["tolerance"] == 0.05
    assert meta["title"] == "Tiny"


def test_every_output_reads_back_as_written():
    lines = _page()
    fences = _fences(lines)
    assert len(fences) == 6
    read = [published_outputs(lines, n) for n in fences]
    assert read[0] == {"": Published(printed="same")}
    assert read[1] == {"JAX": Published(printed="on jax"), "PyTorch": Published(printed="on torch")}
    assert f'??? output "Output ({FOLD_LINES + 3} lines)"' in lines  # folded on the page,
    assert read[2] == {"": Published(printed=LONG)}  # read back whole
    assert read[3][""].error.endswith("ValueError: no\nArguments received: x")
    assert read[4] == {"": Published(printed="drawn", rich={"image"})}
    assert read[5] == {"": Published(printed="torch")}  # only its backend's output is shown


def test_fence_classes_carry_the_cell_tags():
    lines = _page()
    classes = [fence_classes(lines[n - 1]) for n in _fences(lines)]
    assert classes[0] == ["python", "guide-cell"]
    assert classes[2] == ["python", "guide-cell", "tolerance-training"]
    assert classes[5] == ["python", "guide-cell", "only-torch"]
    assert fence_classes("```python") == [] and not is_code_cell(["```{.python}"], 1)
