"""Every kind of output is capped per cell, and a page as a whole (a 3.6 MB HTML table and a 3.2 MB SVG
were published before): the build fails at the cell with the size, the cap and how to trim."""

from __future__ import annotations

import base64
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from guidesite.build import build_files, read_guides
from guidesite.cleaning import oversized
from guidesite.cli import main
from guidesite.errors import ExecutionError
from guidesite.model import Executed, Output
from guidesite.notebooks import dumps, loads_record
from guidesite.project import Project
from guidesite.records import outputs_hash

from .conftest import ROOT, guide_text


def _png(n_bytes: int) -> Output:
    data = base64.b64encode(b"\x89PNG" + b"x" * (n_bytes - 4)).decode()
    return Output("image", "<Figure>", "image/png", data)


@pytest.mark.parametrize("output, words", [
    (Output("html", "<table>", "text/html", "<table>" + "<tr><td>1</td></tr>" * 200_000 + "</table>"),
     r"shows 3\.8 MB of HTML \(at most 500 kB per cell may be published\); show a part: df\.head\(20\)"),
    (Output("image", "<Figure>", "image/svg+xml", "<svg>" + '<path d="M 0 0 L 1 1"></path>' * 120_000),
     r"shows 3\.5 MB of SVG images \(at most 1 MB per cell may be published\); draw fewer elements"),
    (_png(2_500_000),
     r"shows 2\.5 MB of PNG/JPEG images \(at most 2 MB per cell may be published\); make the figure smaller"),
    (Output("stdout", "x" * 1_200_000), r"prints 1\.2 MB in 1 lines \(at most 1 MB and 10,000 lines"),
])
def test_each_kind_has_a_cap_per_cell(output, words):
    assert re.match(words, oversized([output]) or "")


def test_outputs_below_the_caps_pass():
    svg = Output("image", "", "image/svg+xml", "<svg>" + "<path d='M 0 0'></path>" * 20_000 + "</svg>")
    html = Output("html", "", "text/html", "<table>" + "<tr><td>1</td></tr>" * 20_000 + "</table>")
    assert oversized([Output("stdout", "x" * 900_000), svg, html, _png(1_900_000)]) is None


def _project(root: Path, text: str) -> Project:
    shutil.copy(ROOT / "constraints.txt", root / "constraints.txt")
    source = root / "guide_src" / "en" / "big.py"
    source.parent.mkdir(parents=True)
    source.write_text(text, encoding="utf-8")
    return Project(root, languages=("en",))


PNG_CELL = (
    "from IPython.display import Image, display\n"
    "display(Image(data=b'\\x89PNG\\r\\n\\x1a\\n' + bytes(1_900_000), format='png'))"
)


def test_a_page_whose_outputs_weigh_too_much_together_is_not_published(tmp_path, capsys):
    text = guide_text(("code", "x = 1"), ("code", PNG_CELL), ("code", PNG_CELL), ("code", PNG_CELL),
                      header="backend: jax")
    project = _project(tmp_path, text)
    previous = project.page_path("en", "big")
    previous.parent.mkdir(parents=True)
    previous.write_text("previously published\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "build"]) == 2
    err = capsys.readouterr().err
    lines = (tmp_path / "guide_src/en/big.py").read_text(encoding="utf-8").splitlines()
    first_png = lines.index("from IPython.display import Image, display")  # the cell's "# %%" line
    assert f"big.py:{first_png}: en guide 'big': its outputs weigh 5.7 MB together (at most 5 MB per page" \
        in err
    assert "the largest: cell 2 (1.9 MB), cell 3 (1.9 MB), cell 4 (1.9 MB); show less there" in err
    assert previous.read_text(encoding="utf-8") == "previously published\n"
    assert not list(project.docs_dir.rglob("*.png")) and not list(project.docs_dir.rglob("*.ipynb"))


def test_a_stored_record_with_an_oversized_cell_is_not_published(tmp_path):
    """A record (committed, or forged with its hash recomputed) is checked like an execution."""
    text = guide_text(("code", "x = 1"), header="backend: jax")
    project = _project(tmp_path, text)
    files = build_files(project)
    notebook = project.notebook_path("en", "big")
    record, _ = loads_record(files[notebook])
    big = ((Output("html", "<table>", "text/html", "<p>" + "y" * 600_000 + "</p>"),),)
    forged = Executed(read_guides(project)[0], big, replace(record, outputs_hash=outputs_hash(big)))
    notebook.parent.mkdir(parents=True)
    notebook.write_text(dumps(forged), encoding="utf-8")
    with pytest.raises(ExecutionError, match=r"big\.py:\d+: en guide 'big', cell 1 shows 600 kB of HTML"):
        build_files(project)
