"""Guides nobody here wrote (issue 10): what keras.io tutobooks do, carried from execution to doctest.

The guides are small ones written here, each doing one thing real guides do: a rich
model.summary() table, a progress bar interrupted by a warning, a matplotlib figure,
an HTML table, a code example inside prose, a JAX backend, a file saved to the working
directory, printing the environment. They run on JAX: its kernel starts fastest.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guidesite import backends
from guidesite.build import build_files
from guidesite.errors import ExecutionError, SourceError
from guidesite.project import Project
from guidesite.publish import write_files
from guidesite.sources import reads

from .conftest import ROOT, guide_text, run_doctests

FENCE = "```"
RICH_GUIDE = guide_text(
    ("md", f"## Setup\n\nA prose example, shown and never run:\n\n"
           f"{FENCE}python\nthis is not python(\n{FENCE}"),
    ("code", "import os\nimport keras\nprint(keras.backend.backend(), os.environ['KERAS_BACKEND'])"),
    ("code", "model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), keras.layers.Dense(1)])\n"
             "model.summary()"),
    ("code", "import warnings\nimport numpy as np\n\n"
             "class Warn(keras.callbacks.Callback):\n"
             "    def on_train_batch_end(self, batch, logs=None):\n"
             "        if batch == 3:\n"
             "            warnings.warn('halfway there')\n\n"
             "model.compile('sgd', 'mse')\n"
             "history = model.fit(np.ones((64, 4)), np.ones((64, 1)), batch_size=4, epochs=1,\n"
             "                    callbacks=[Warn()])"),
    ("code", "import matplotlib.pyplot as plt\n"
             "plt.plot([1, 2, 3], [1, 4, 9])\nplt.title('squares')\nplt.show()"),
    ("code", "from IPython.display import HTML, display\n"
             "display(HTML(\"<table><tr><th>n</th></tr><tr><td onclick='steal()'>1</td></tr></table>"
             "<script>alert(1)</script>\"))"),
    ("code", "model.save('tiny.keras')\nprint(sorted(os.listdir('.')))"),
    title="Rich", header="backend: jax",
)


def _project(root: Path, guides: dict[str, str]) -> Project:
    shutil.copy(ROOT / "constraints.txt", root / "constraints.txt")
    for name, text in guides.items():
        path = root / "guide_src" / "en" / f"{name}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Project(root, languages=("en",))


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory) -> Project:
    project = _project(tmp_path_factory.mktemp("rich"), {"rich": RICH_GUIDE})
    write_files(project, build_files(project))
    return project


def _page(project: Project) -> str:
    return project.page_path("en", "rich").read_text(encoding="utf-8")


def _block_after(page: str, code: str) -> str:
    """The outputs block that follows the code cell containing `code`."""
    start = page.index(code)
    end = page.find("{.python .guide-cell}", start)
    return page[start: end if end > 0 else len(page)]


def test_summary_table_is_one_block_without_blank_lines(rich_site):
    block = _block_after(_page(rich_site), "model.summary()")
    table = block[block.index('Model: "sequential"'): block.index("Non-trainable params")]
    assert "\n\n" not in table
    assert "┃ Layer (type)" in table and "Total params: 19" in table


def test_progress_bar_shows_its_final_state_beside_the_warning(rich_site):
    block = _block_after(_page(rich_site), "history = model.fit")
    assert re.search(r"^16/16 ━+ .*loss: ", block, re.M)
    assert not re.search(r"^\d/16", block, re.M)  # no frozen intermediate state
    assert "UserWarning: halfway there" in block and "ipykernel_" not in block


def test_figure_is_an_image_file_with_alt_text(rich_site):
    page = _page(rich_site)
    match = re.search(r"!\[(Output image of cell 5)\]\(images/(rich-5-1\.png)\)\{ \.output-image \}", page)
    assert match
    image = rich_site.image_path("en", match[2])
    assert image.read_bytes().startswith(b"\x89PNG")


def test_html_output_is_shown_sanitised(rich_site):
    block = _block_after(_page(rich_site), "display(HTML(")
    shown = block[block.index('<figure class="output-html"'):]
    assert "<td>1</td>" in shown
    assert "onclick" not in shown and "<script" not in shown and "alert(1)" not in shown


def test_prose_fence_is_shown_with_its_language(rich_site):
    assert f"{FENCE}python\nthis is not python(\n{FENCE}" in _page(rich_site)


def test_record_names_jax(rich_site):
    page = _page(rich_site)
    assert "- Backend: JAX" in page and "JAX 0." in page and "TensorFlow" not in page
    assert 'backend: "jax"' in page.split("---")[1]  # front matter: the doctests start a JAX kernel


def test_files_a_guide_saves_stay_out_of_the_project(rich_site):
    assert "['tiny.keras']" in _block_after(_page(rich_site), "model.save(")  # a fresh, empty directory
    assert not list(rich_site.root.rglob("tiny.keras"))


def test_doctests_run_code_cells_only_and_pass(rich_site):
    result = run_doctests(rich_site.docs_dir)
    assert result.returncode == 0, result.stdout[-3000:]
    code_cells = reads(RICH_GUIDE, Path("rich.py"), "en").code_cells
    # Every code cell is a test; the prose example's fence is deselected, never run.
    assert result.counts == {"passed": len(code_cells), "deselected": 1}


def test_doctests_notice_a_lost_image_and_a_changed_table(rich_site, tmp_path):
    page = _page(rich_site)
    page = page.replace("plt.show()", "plt.close()").replace("keras.layers.Dense(3)", "keras.layers.Dense(5)")
    copy = tmp_path / "rich.md"
    copy.write_text(page, encoding="utf-8")
    result = run_doctests(copy)
    assert result.returncode == 1
    figure_line = page.splitlines().index("plt.close()") - 3  # the fence opens 4 lines above
    assert f"{copy}:{figure_line}: printed output no longer matches" in result.stdout
    lost = "the page showed an image output after this block; the block no longer produces one"
    assert lost in result.stdout
    assert "number 5 is not within tolerance of 3" in result.stdout or "text differs" in result.stdout


def test_probe_reports_jax_without_importing_tensorflow():
    code = (
        # Not after prepare(): keras.utils.set_random_seed, like a reader's seeding, imports
        # TensorFlow whenever it is installed (to seed tf.data too).
        "import sys, keras, guidesite.kernel as k; p = k.probe(); "
        "print(p['backend'], 'tensorflow' in sys.modules, sorted(p['versions']))"
    )
    env = {**os.environ, "KERAS_BACKEND": "jax"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert out.stdout.split("\n")[0] == "jax False ['jax', 'jaxlib', 'keras', 'numpy', 'python']", out.stderr


# The environment: only the allowlist reaches the kernel; a value that escapes anyway fails the build.
SECRET = "planted-secret-value-4711"


def test_a_printed_environment_shows_no_secret_and_a_leaked_one_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDESITE_TEST_TOKEN", SECRET)
    shown = guide_text(("code", "import os\nprint(dict(os.environ))"), header="backend: jax")
    # The kernel's parent (the build worker) still has the variable: reading its environment leaks it.
    leaked = guide_text(
        ("code", "import os\nprint(len(os.environ))"),
        ("code", "print(open(f'/proc/{os.getppid()}/environ').read().replace(chr(0), ' '))"),
        header="backend: jax",
    )
    project = _project(tmp_path, {"shown": shown})
    files = build_files(project)
    assert SECRET not in files[project.page_path("en", "shown")]
    assert "GUIDESITE_TEST_TOKEN" not in files[project.page_path("en", "shown")]

    (tmp_path / "guide_src/en/shown.py").write_text(leaked, encoding="utf-8")
    with pytest.raises(ExecutionError) as err:
        build_files(project)
    source = tmp_path / "guide_src/en/shown.py"
    line = source.read_text(encoding="utf-8").splitlines().index("print(open(f'/proc/{os.getppid()}/environ')"
                                                                 ".read().replace(chr(0), ' '))")
    assert str(err.value).startswith(f"{source}:{line}: en guide 'shown', cell 2 shows the value")
    assert "GUIDESITE_TEST_TOKEN" in str(err.value) and SECRET not in str(err.value)
    assert not (tmp_path / "docs").exists()


LOOP = "for i in range(10_001):\n    print(i)"
BIG = r"big.py:\d+: en guide 'big', cell 2 prints 49 kB in 10,001 lines"


def test_oversized_output_fails_at_its_cell(tmp_path):
    text = guide_text(("code", "x = 1"), ("code", LOOP), header="backend: jax")
    project = _project(tmp_path, {"big": text})
    with pytest.raises(ExecutionError, match=BIG):
        build_files(project)


def test_keep_going_lists_every_failing_cell(tmp_path):
    text = guide_text(
        ("code", "x = 1\nundefined_one"), ("code", "y = 2"), ("code", "undefined_two"), header="backend: jax"
    )
    project = _project(tmp_path, {"port": text})
    lines = (tmp_path / "guide_src/en/port.py").read_text(encoding="utf-8").splitlines()
    first, second = lines.index("undefined_one") + 1, lines.index("undefined_two") + 1
    with pytest.raises(ExecutionError) as err:
        build_files(project, keep_going=True)
    message = str(err.value)
    assert message.startswith(f"{project.src_dir}/en/port.py:{first}: en guide 'port', cell 1 raised")
    assert "2 cell(s) failed" in message and f"port.py:{second}: en guide 'port', cell 3 raised" in message


def test_build_of_one_guide_executes_only_that_one(tmp_path):
    one = guide_text(("code", "print('one')"), header="backend: jax")
    two = guide_text(("code", "print('two')"), header="backend: jax")
    project = _project(tmp_path, {"one": one, "two": two})
    logs: list[str] = []
    write_files(project, build_files(project, only=("one",), log=logs.append))
    assert project.page_path("en", "one").is_file() and not project.page_path("en", "two").exists()
    assert any(line.startswith("two [en]: left as it is (not selected") for line in logs)
    with pytest.raises(SourceError, match="no guide named three"):
        build_files(project, only=("three",))


# The header's backend: refused where the code disagrees, or where its package is missing.
def test_code_setting_another_backend_is_refused_at_that_line():
    text = guide_text(("code", "import os\nos.environ['KERAS_BACKEND'] = 'jax'\nimport keras"))
    with pytest.raises(SourceError) as err:
        reads(text, Path("g.py"), "en")
    line = text.splitlines().index("os.environ['KERAS_BACKEND'] = 'jax'") + 1
    assert str(err.value).startswith(f"g.py:{line}: this cell sets KERAS_BACKEND to 'jax' but the guide runs "
                                     "on 'tensorflow'")
    reads(text.replace("#     last_modified", "#     backend: jax\n#     last_modified"), Path("g.py"), "en")


def test_unknown_backend_is_refused_at_its_header_line():
    text = guide_text(("code", "x = 1"), header="backend: theano")
    with pytest.raises(SourceError) as err:
        reads(text, Path("g.py"), "en")
    assert str(err.value).startswith(f"g.py:{text.splitlines().index('#     backend: theano') + 1}: ")


def test_backend_without_its_package_fails_before_executing(tmp_path, monkeypatch):
    # Every real backend is installed here: a backend whose package is not stands in for one.
    monkeypatch.setitem(backends.BACKENDS, "torch", backends.Backend("torch", "PyTorch", ("no-such-torch",)))
    text = guide_text(("code", "print(1)"), header="backend: torch")
    project = _project(tmp_path, {"t": text})
    line = text.splitlines().index("#     backend: torch") + 1
    unpinned = rf"t.py:{line}: backend 'torch' needs no-such-torch, which constraints.txt does not pin; " \
        "add 'no-such-torch' to the 'runtime' dependency group"
    with pytest.raises(SourceError, match=unpinned):
        build_files(project)
    with open(project.constraints, "a", encoding="utf-8") as handle:
        handle.write("no-such-torch==1.0\n")  # pinned, but not installed here
    missing = rf"t.py:{line}: backend 'torch' needs the package 'no-such-torch', which is not installed"
    with pytest.raises(SourceError, match=missing):
        build_files(project)
    assert not (tmp_path / "docs").exists()


def test_status_piped_into_head_exits_quietly(tmp_path):
    # Enough warnings (English left in every cell) to overflow the pipe before `head` closes it.
    cells = [("md", "This is the English text of a cell.")] * 1500
    for lang in ("en", "ko"):
        folder = tmp_path / "guide_src" / lang
        folder.mkdir(parents=True)
        (folder / "long.py").write_text(guide_text(*cells), encoding="utf-8")
    result = subprocess.run(
        f"{sys.executable} -m guidesite --root {tmp_path} status | head -n 1; exit ${{PIPESTATUS[0]}}",
        shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0 and result.stderr == "" and result.stdout.startswith("guide")
