"""Several Keras backends (issue 11): a run per backend, tabs where outputs differ, tests per backend."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from guidesite.build import build_files
from guidesite.errors import EnvironmentMismatch, ExecutionError, SourceError
from guidesite.model import Executed, Output, Record
from guidesite.pageformat import published_outputs
from guidesite.project import Project
from guidesite.publish import write_files
from guidesite.records import cache_key, read_pins
from guidesite.render import render
from guidesite.sources import reads

from .conftest import ROOT, guide_text, run_doctests

BOTH = "backends: [jax, tensorflow]"
CELLS = (
    ("md", "## Two backends"),
    ("code", "import keras\nprint('running on', keras.backend.backend())"),
    ("code", "print('same everywhere:', 6 * 7)"),
    ("code", "assert keras.backend.backend() == 'jax'\nprint('jax only')", ["only-jax"]),
)


def _record(backend: str) -> Record:
    return Record("k", "2026-12-01 10:00 UTC", "CPU: Test", {"keras": "3.15.1", backend: "1.0"}, 1337,
                  (0.1, 0.1, 0.1), backend=backend)


def _runs(lang: str = "en") -> list[Executed]:
    guide = reads(guide_text(*CELLS, header=BOTH), Path("two.py"), lang)
    outputs = {
        backend: (
            (Output("stdout", f"running on {backend}"),),
            (Output("stdout", "same everywhere: 42"),),
            (Output("stdout", "jax only"),) if backend == "jax" else (Output("error", "AssertionError"),),
        )
        for backend in ("jax", "tensorflow")
    }
    return [Executed(guide, outputs[b], _record(b)) for b in ("jax", "tensorflow")]


def test_page_shows_one_block_where_backends_agree_and_tabs_where_they_differ():
    page = render(_runs(), "guide_src/en/two.py")
    first = page[page.index("print('running on'"): page.index("print('same everywhere")]
    assert first.index('=== "JAX"') < first.index('=== "TensorFlow"')  # the guide's first backend first
    assert "    running on jax" in first and "    running on tensorflow" in first
    second = page[page.index("print('same everywhere"): page.index("JAX only")]
    assert "===" not in second and second.count("same everywhere: 42") == 1


def test_the_first_tab_set_ends_each_tab_with_its_backends_notebook_and_outputs_still_read():
    guide = reads(guide_text(*CELLS[:2], ("code", "print(keras.backend.backend()[::-1])"), header=BOTH),
                  Path("two.py"), "en")
    outputs = {b: ((Output("stdout", f"running on {b}"),), (Output("stdout", b[::-1]),))
               for b in ("jax", "tensorflow")}
    runs = [Executed(guide, outputs[b], _record(b)) for b in outputs]
    lines = render(runs, "guide_src/en/two.py").split("\n")
    links = [n for n, line in enumerate(lines) if ".guide-tab-download" in line]
    assert [lines[n].strip().split("]")[0] for n in links] == [
        "[Download the JAX notebook (.ipynb)", "[Download the TensorFlow notebook (.ipynb)"]
    assert "(../downloads/two.tensorflow.ipynb)" in lines[links[1]]
    second_tabs = next(n for n, line in enumerate(lines) if "[::-1]" in line)
    assert links[-1] < second_tabs  # the second tab set has no links
    fences = [n + 1 for n, line in enumerate(lines) if ".guide-cell" in line]  # 1-based
    assert [published_outputs(lines, fence)["TensorFlow"].printed for fence in fences] == [
        "running on tensorflow", "tensorflow"[::-1]]
    assert [published_outputs(lines, fence)["JAX"].printed for fence in fences] == ["running on jax", "xaj"]


def test_cell_for_one_backend_is_labelled_and_shows_that_backend_only():
    page = render(_runs("ko"), "guide_src/ko/two.py")
    tail = page[page.index('<p class="backend-only">JAX 전용</p>'):]
    assert "```{.python .guide-cell .only-jax}" in tail
    assert "jax only" in tail and "AssertionError" not in tail


def test_header_and_record_name_every_backend():
    page = render(_runs(), "guide_src/en/two.py")
    assert 'backends: ["jax", "tensorflow"]' in page.split("---")[1]
    assert "**Executed and tested on:** JAX · TensorFlow" in page
    assert "    - **JAX**: CPU: Test" in page and "    - **TensorFlow**: CPU: Test" in page
    assert "Each backend has its own notebook download" in page
    jax = '[Download the notebook · JAX](../downloads/two.jax.ipynb){ .md-button download="two.jax.ipynb" }'
    assert jax in page
    assert "[Download the notebook · TensorFlow](../downloads/two.tensorflow.ipynb)" in page


def test_each_backend_has_its_own_key_and_prose_changes_none():
    pins = read_pins(ROOT / "constraints.txt")
    guide = reads(guide_text(*CELLS, header=BOTH), Path("two.py"), "en")
    prose = reads(guide_text(("md", "## Other words"), *CELLS[1:], header=BOTH), Path("two.py"), "en")
    edited = guide_text(*CELLS[:2], ("code", "print(6 * 8)"), CELLS[3], header=BOTH)
    code = reads(edited, Path("two.py"), "en")
    keys = {b: cache_key(guide, pins, b) for b in ("jax", "tensorflow")}
    assert keys["jax"] != keys["tensorflow"]
    assert all(cache_key(prose, pins, b) == keys[b] for b in keys)
    assert all(cache_key(code, pins, b) != keys[b] for b in keys)


@pytest.mark.parametrize(
    ("header", "code", "message"),
    [
        ("backends: [jax, jax]", "x = 1", "a list of different backends"),
        ("backends: [jax, theano]", "x = 1", "'theano' is not a Keras backend"),
        ("backend: jax\nbackends: [jax]", "x = 1", "not both"),
        (BOTH, "import os\nos.environ['KERAS_BACKEND'] = 'jax'", "the build sets it for each run"),
    ],
)
def test_bad_backend_declarations_are_refused(header, code, message):
    with pytest.raises(SourceError, match=message):
        reads(guide_text(("code", code), header=header), Path("g.py"), "en")


def test_only_tag_must_name_a_declared_backend():
    text = guide_text(("code", "x = 1", ["only-torch"]), header=BOTH)
    with pytest.raises(SourceError) as err:
        reads(text, Path("g.py"), "en")
    line = text.splitlines().index('# %% tags=["only-torch"]') + 1
    assert str(err.value).startswith(f"g.py:{line}: ")


@pytest.fixture(scope="module")
def two_backends(tmp_path_factory) -> Project:
    root = tmp_path_factory.mktemp("two")
    shutil.copy(ROOT / "constraints.txt", root / "constraints.txt")
    source = root / "guide_src" / "en" / "two.py"
    source.parent.mkdir(parents=True)
    source.write_text(guide_text(*CELLS, header=BOTH), encoding="utf-8")
    project = Project(root, languages=("en",))
    write_files(project, build_files(project, jobs=2))
    return project


def test_each_backend_is_executed_and_stored(two_backends):
    notebooks = two_backends.docs_dir / "en" / "notebooks"
    assert sorted(p.name for p in notebooks.iterdir()) == ["two.ipynb", "two.tensorflow.ipynb"]
    page = two_backends.page_path("en", "two").read_text(encoding="utf-8")
    assert "    running on jax" in page and "    running on tensorflow" in page


def test_each_backend_has_a_download_that_runs_top_to_bottom_as_downloaded(two_backends, tmp_path):
    downloads = two_backends.docs_dir / "en" / "downloads"
    assert sorted(p.name for p in downloads.iterdir()) == ["two.jax.ipynb", "two.tensorflow.ipynb"]
    notebook = nbformat.read(downloads / "two.tensorflow.ipynb", as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "code" and 'os.environ["KERAS_BACKEND"] = "tensorflow"' in first.source
    sources = [cell.source for cell in notebook.cells]
    assert not any("jax only" in source for source in sources)  # the other backend's cell is left out
    assert "guidesite" not in notebook.metadata  # a copy to run, not the record
    recorded = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    assert not any(output.output_type == "error" for output in recorded)
    # As a reader would: a plain kernel (no hidden setup, no KERAS_BACKEND), every cell in order.
    env = {key: value for key, value in os.environ.items() if key != "KERAS_BACKEND"}
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": tmp_path}})
    ran = client.execute(env=env)
    printed = "".join(o.get("text", "") for cell in ran.cells for o in cell.get("outputs", []))
    assert "running on tensorflow" in printed and "same everywhere: 42" in printed
    jax = nbformat.read(downloads / "two.jax.ipynb", as_version=4)
    assert any("jax only" in cell.source for cell in jax.cells)


def test_doctests_run_every_block_on_every_backend(two_backends):
    result = run_doctests(two_backends.page_path("en", "two"))
    assert result.returncode == 0, result.stdout[-3000:]
    code_cells = reads(guide_text(*CELLS, header=BOTH), Path("two.py"), "en").code_cells
    assert result.counts == {"passed": len(code_cells)}  # one test per block, run on both backends


def test_a_block_broken_on_one_backend_fails_naming_page_line_and_backend(two_backends, tmp_path):
    page = two_backends.page_path("en", "two").read_text(encoding="utf-8")
    broken = tmp_path / "two.md"
    # The published TensorFlow output changes; the JAX tab and the code stay as they are.
    changed = page.replace("    running on tensorflow", "    running on tensorflow 2")
    broken.write_text(changed, encoding="utf-8")
    result = run_doctests(broken)
    assert result.returncode == 1
    line = page.splitlines().index("```{.python .guide-cell}") + 1  # the first code cell's fence
    assert f"{broken}:{line} [TensorFlow]: printed output no longer matches" in result.stdout
    assert f"{broken}:{line} [JAX]" not in result.stdout


def test_a_cell_for_one_backend_that_runs_everywhere_is_refused(tmp_path):
    shutil.copy(ROOT / "constraints.txt", tmp_path / "constraints.txt")
    source = tmp_path / "guide_src" / "en" / "wrong.py"
    source.parent.mkdir(parents=True)
    source.write_text(guide_text(("code", "print(1)", ["only-jax"]), header=BOTH), encoding="utf-8")
    with pytest.raises(ExecutionError, match="is tagged 'only-jax' but ran without an error on TensorFlow"):
        build_files(Project(tmp_path, languages=("en",)), jobs=2)


def test_require_gpu_fails_before_executing_on_a_machine_without_one(tmp_path):
    shutil.copy(ROOT / "constraints.txt", tmp_path / "constraints.txt")
    source = tmp_path / "guide_src" / "en" / "g.py"
    source.parent.mkdir(parents=True)
    source.write_text(guide_text(("code", "print(1)"), header="backend: jax"), encoding="utf-8")
    project = Project(tmp_path, languages=("en",))
    logs: list[str] = []
    with pytest.raises(EnvironmentMismatch, match="--require-gpu: the JAX backend sees no GPU here"):
        build_files(project, require_gpu=True, log=logs.append)
    assert not any("executed" in line for line in logs) and not (tmp_path / "docs").exists()
