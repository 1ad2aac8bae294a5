"""A failing cell of a guide on several backends names the backend it failed on (issue: build errors)."""

from __future__ import annotations

import shutil

import pytest

from guidesite.cli import main
from guidesite.project import Project

from .conftest import ROOT, guide_text


@pytest.mark.parametrize("keep_going", [False, True])
def test_a_cell_failing_on_one_backend_names_that_backend(tmp_path, monkeypatch, capsys, keep_going):
    shutil.copy(ROOT / "constraints.txt", tmp_path / "constraints.txt")
    source = tmp_path / "guide_src/en/two.py"
    source.parent.mkdir(parents=True)
    source.write_text(guide_text(
        ("code", "import keras\nbackend = keras.backend.backend()"),
        ("code", "if backend == 'torch':\n    raise ValueError('not on this one')\nprint(backend)"),
        header="backends: [jax, torch]",
    ), encoding="utf-8")
    monkeypatch.setattr("guidesite.cli.Project", lambda root: Project(root, languages=("en",)))
    assert main(["--root", str(tmp_path), "build", *(["--keep-going"] if keep_going else [])]) == 2
    err = capsys.readouterr().err
    lines = source.read_text(encoding="utf-8").splitlines()
    line = lines.index("    raise ValueError('not on this one')") + 1
    assert f"two.py:{line}: en guide 'two' on PyTorch, cell 2 raised an exception:" in err
    assert "on JAX" not in err and "ValueError: not on this one" in err
    assert not (tmp_path / "docs").exists()
