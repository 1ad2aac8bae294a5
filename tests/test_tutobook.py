"""The tutobook importer on the features real keras.io guides use (a tutobook written here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidesite.cli import main
from guidesite.errors import TutobookError
from guidesite.home import END, START, guide_table, with_table
from guidesite.model import Executed, Record
from guidesite.render import render
from guidesite.sources import read, reads
from guidesite.translate.problems import Problem
from guidesite.translate.status import Report
from guidesite.translate.tutobook import import_tutobook, original_url, tutobook_cells

from .conftest import guide_text

TUTOBOOK = r'''"""
Title: Shapes of things
Authors: [First Writer](https://example.com/a), Second Writer
Date created: 2023/07/10
Last modified: 2024/01/02
Description: A tutobook with every block kind.
Accelerator: GPU
"""
"""
## Setup
"""

"""shell
pip install -q keras-nlp
"""

import os

os.environ["KERAS_BACKEND"] = "jax"

import keras

"""invisible
A note for the writers: keep this guide short.
"""

"""
The loss is $\frac{1}{n}\sum_i (y_i - \hat{y}_i)^2$; see the [layers API](/api/layers/)
and ![a diagram](/img/guides/shapes/diagram.png), or [elsewhere](https://example.com/x).
"""

print(keras.backend.backend())
'''


def test_header_keeps_authors_and_accelerator():
    meta, _ = tutobook_cells(TUTOBOOK)
    assert meta == {
        "title": "Shapes of things", "author": "[First Writer](https://example.com/a), Second Writer",
        "date_created": "2023-07-10", "last_modified": "2024-01-02",
        "description": "A tutobook with every block kind.", "accelerator": "GPU", "backend": "jax",
    }


def test_blocks_become_the_right_cells():
    _, cells = tutobook_cells(TUTOBOOK)
    kinds = [(kind, source.splitlines()[0], tags) for kind, source, tags in cells]
    assert kinds == [
        ("markdown", "## Setup", []),
        ("markdown", "```shell", []),  # shown as a bash block; prose fences are never run
        ("code", "import os", []),
        ("markdown", "A note for the writers: keep this guide short.", ["invisible"]),
        ("markdown", r"The loss is $\frac{1}{n}\sum_i (y_i - \hat{y}_i)^2$; see the [layers API]"
                     "(https://keras.io/api/layers/)", []),
        ("code", "print(keras.backend.backend())", []),
    ]
    assert cells[1][1] == "```shell\npip install -q keras-nlp\n```"
    assert "![a diagram](https://keras.io/img/guides/shapes/diagram.png)" in cells[4][1]
    assert "[elsewhere](https://example.com/x)" in cells[4][1]
    assert "\f" not in cells[4][1]


def test_a_keras_io_link_wrapped_after_its_bracket_is_rewritten_onto_one_line():
    wrapped = TUTOBOOK.replace("[layers API](/api/layers/)", "[layers API](\n    /api/layers/)")
    _, cells = tutobook_cells(wrapped)
    assert "[layers API](https://keras.io/api/layers/)" in cells[4][1]


def test_imported_source_reads_back_with_original_and_license(tmp_path):
    source = import_tutobook(TUTOBOOK, "https://keras.io/guides/shapes/")
    guide = reads(source, tmp_path / "shapes.py", "en")
    assert guide.meta["original"] == "https://keras.io/guides/shapes/"
    assert guide.meta["license"] == "Apache-2.0"
    assert guide.meta["backend"] == "jax"
    assert guide.cells[3].tags == ("invisible",)


def test_invisible_cells_and_placeholder_credits_never_reach_the_page(tmp_path):
    guide = reads(import_tutobook(TUTOBOOK, "https://keras.io/guides/shapes/"), tmp_path / "shapes.py", "ko")
    guide = type(guide)(guide.name, "ko", guide.path, {**guide.meta, "translator": "TODO: your name"},
                        guide.cells, guide.meta_lines)
    record = Record("k", "2026-12-01 10:00 UTC", "CPU", {"keras": "3"}, 1337, (0.1, 0.1), backend="jax")
    page = render(Executed(guide, ((), ()), record), "guide_src/ko/shapes.py", untranslated_cells=3)
    assert "keep this guide short" not in page
    assert "TODO" not in page and "번역:" not in page
    assert '!!! warning "번역 중"' in page and "3개 셀이 아직 영어입니다" in page
    assert "원문: <https://keras.io/guides/shapes/>" in page and "Apache License 2.0" in page


def test_original_url_follows_keras_io_layout():
    assert original_url("keras-io/guides/functional_api.py") == "https://keras.io/guides/functional_api/"
    assert original_url("x/examples/vision/mnist_convnet.py") == "https://keras.io/examples/vision/mnist_convnet/"
    assert original_url("/tmp/mine.py") is None


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (lambda t: t.replace('"""shell', '"""bash'), 13, "unknown block tag 'bash'"),
        (lambda t: t.replace("Date created: 2023/07/10\n", ""), 1, "lacks Date created"),
        (lambda t: t.replace("Title: Shapes", "Title Shapes"), 2, "header lines are 'Key: value'"),
    ],
)
def test_a_line_it_cannot_convert_is_an_error_at_that_line(change, line, message):
    with pytest.raises(TutobookError, match=rf"^{line}: .*{message}"):
        tutobook_cells(change(TUTOBOOK))


def test_import_then_scaffold_keeps_invisible_cells_out_of_the_translation_work(tmp_path, capsys):
    keras_io = tmp_path / "keras-io" / "guides"
    keras_io.mkdir(parents=True)
    (keras_io / "shapes.py").write_text(TUTOBOOK, encoding="utf-8")
    assert main(["--root", str(tmp_path), "import", str(keras_io / "shapes.py")]) == 0
    assert main(["--root", str(tmp_path), "scaffold", "shapes"]) == 0
    ko = read(tmp_path / "guide_src/ko/shapes.py", "ko")
    assert ko.meta["original"] == "https://keras.io/guides/shapes/"
    assert [c.tags for c in ko.cells if c.kind == "markdown"] == [
        ("untranslated",), ("untranslated",), ("invisible",), ("untranslated",)
    ]


def test_home_table_counts_unfinished_translations():
    guide = reads(guide_text(("code", "x = 1"), title="작은 가이드"), Path("tiny.py"), "ko")
    untranslated = tuple(Problem("untranslated", "warning", "t.py", n, "English", cell=n) for n in (3, 5, 5))
    report = Report("tiny", "ko", "작은 가이드", 1, 1, untranslated)  # two cells, one with two findings
    record = Record("k", "2026-12-01 10:00 UTC", "CPU", {}, 1337, (0.1,), backend="jax")
    table = guide_table([guide], [report], {("tiny", "ko"): [record]}, "ko")
    row = "| [작은 가이드](guides/tiny.md) | A tiny guide for tests. | 번역 중 (2개 셀이 영어) | JAX | "
    row += "2026-12-01 |"
    assert row in table
    page = f"# Home\n\n{START}\nold table\n{END}\n\nMore text.\n"
    assert with_table(page, table, Path("index.md")) == f"# Home\n\n{START}\n{table}\n{END}\n\nMore text.\n"


def _korean(text: str, translator: bool = False) -> str:
    """The tutobook above as a Korean translation (same code, prose in Korean)."""
    text = text.replace("Title: Shapes of things", "Title: 모양 이야기").replace("## Setup", "## 준비")
    text = text.replace("The loss is", "손실은")
    text = text.replace("A tutobook with every block kind.", "모든 블록이 있는 튜토북.")
    credit = "Accelerator: GPU\nTranslator: 번역자\n"
    return text.replace("Accelerator: GPU\n", credit) if translator else text


def test_a_translated_tutobook_is_imported_with_its_english_original(tmp_path, capsys):
    keras_io, keras_ko = tmp_path / "keras-io" / "guides", tmp_path / "keras-ko" / "guides"
    for folder, text in ((keras_io, TUTOBOOK), (keras_ko, _korean(TUTOBOOK))):
        folder.mkdir(parents=True)
        (folder / "shapes.py").write_text(text, encoding="utf-8")
    args = ["--root", str(tmp_path), "import", str(keras_ko / "shapes.py"), "--lang", "ko",
            "--english", str(keras_io / "shapes.py"), "--translation-source", "https://example.com/keras-ko"]
    assert main(args) == 0
    wrote = capsys.readouterr().out.split()
    assert wrote == ["wrote", "guide_src/ko/shapes.py", "wrote", "guide_src/en/shapes.py"]
    ko, en = read(tmp_path / "guide_src/ko/shapes.py", "ko"), read(tmp_path / "guide_src/en/shapes.py", "en")
    assert ko.meta["title"] == "모양 이야기" and en.meta["title"] == "Shapes of things"
    assert ko.meta["original"] == en.meta["original"] == "https://keras.io/guides/shapes/"
    assert ko.meta["translation_source"] == "https://example.com/keras-ko"
    assert ko.meta["translator"] == "TODO: your name"  # unfinished until a person is named
    assert ko.meta["license"] == "Apache-2.0" and "translator" not in en.meta
    # status: the two align cell by cell, and the placeholder credit counts the translation unfinished.
    assert main(["--root", str(tmp_path), "status"]) == 0
    out = capsys.readouterr().out
    assert "0 error(s)" in out


def test_a_translated_tutobook_keeps_its_translator_credit(tmp_path, capsys):
    (tmp_path / "en.py").write_text(TUTOBOOK, encoding="utf-8")
    (tmp_path / "ko.py").write_text(_korean(TUTOBOOK, translator=True), encoding="utf-8")
    args = ["--root", str(tmp_path), "import", str(tmp_path / "ko.py"), "--lang", "ko", "--name", "shapes",
            "--english", str(tmp_path / "en.py")]
    assert main(args) == 0
    assert read(tmp_path / "guide_src/ko/shapes.py", "ko").meta["translator"] == "번역자"
    assert "--original <url>" in capsys.readouterr().err  # not at a keras-io path: no original known


def test_a_translation_without_its_english_original_is_refused_and_nothing_is_written(tmp_path, capsys):
    (tmp_path / "shapes.py").write_text(_korean(TUTOBOOK), encoding="utf-8")
    assert main(["--root", str(tmp_path), "import", str(tmp_path / "shapes.py"), "--lang", "ko"]) == 2
    err = capsys.readouterr().err
    assert "is a ko translation, and guide_src/en/shapes.py does not exist" in err and "--english FILE" in err
    assert not (tmp_path / "guide_src").exists()


def test_the_license_line_stays_without_a_known_original():
    source = import_tutobook(TUTOBOOK)  # not from a keras-io path, no --original
    guide = reads(source, Path("shapes.py"), "en")
    record = Record("k", "2026-12-01 10:00 UTC", "CPU", {}, 1337, (0.1, 0.1), backend="jax")
    page = render(Executed(guide, ((), ()), record), "guide_src/en/shapes.py")
    assert "The original guide and its code are under the Apache License 2.0." in page


def test_a_translation_of_a_guide_already_imported_credits_its_original(tmp_path, capsys):
    keras_io = tmp_path / "keras-io" / "guides"
    keras_io.mkdir(parents=True)
    (keras_io / "shapes.py").write_text(TUTOBOOK, encoding="utf-8")
    (tmp_path / "ko.py").write_text(_korean(TUTOBOOK), encoding="utf-8")
    assert main(["--root", str(tmp_path), "import", str(keras_io / "shapes.py")]) == 0
    translation = ["import", str(tmp_path / "ko.py"), "--lang", "ko", "--name", "shapes"]
    assert main(["--root", str(tmp_path), *translation]) == 0
    assert read(tmp_path / "guide_src/ko/shapes.py", "ko").meta["original"] == "https://keras.io/guides/shapes/"
    assert "warning" not in capsys.readouterr().err


ANY_BACKEND = TUTOBOOK.replace('os.environ["KERAS_BACKEND"] = "jax"\n', "")  # its code names no backend
TWO = '[tool.guidesite.runtime]\nbackends = ["torch", "jax"]\n'


@pytest.mark.parametrize(("profile", "text", "option", "written"), [
    ("", ANY_BACKEND, [], None),  # the default (tensorflow) is one of the site's: the header names none
    ("", ANY_BACKEND, ["--backend", "jax"], "jax"),
    (TWO, ANY_BACKEND, [], "torch"),  # the site's first
    (TWO, ANY_BACKEND, ["--backend", "jax"], "jax"),
    (TWO, TUTOBOOK, [], "jax"),  # the one its code sets
])
def test_an_imported_guide_runs_on_a_backend_of_the_site(tmp_path, profile, text, option, written):
    config = f'[tool.guidesite]\nlanguages = ["en"]\n{profile}'
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    tutobook = tmp_path / "guides" / "shapes.py"
    tutobook.parent.mkdir()
    tutobook.write_text(text, encoding="utf-8")
    assert main(["--root", str(tmp_path), "import", str(tutobook), *option]) == 0
    guide = read(tmp_path / "guide_src/en/shapes.py", "en")
    assert guide.meta.get("backend") == written


def test_an_import_on_a_backend_the_site_leaves_out_is_refused_before_anything_is_written(tmp_path, capsys):
    profile = '[tool.guidesite]\nlanguages = ["en"]\n[tool.guidesite.runtime]\nbackends = ["jax"]\n'
    (tmp_path / "pyproject.toml").write_text(profile, encoding="utf-8")
    tutobook = tmp_path / "guides" / "shapes.py"
    tutobook.parent.mkdir()
    tutobook.write_text(TUTOBOOK, encoding="utf-8")
    assert main(["--root", str(tmp_path), "import", str(tutobook), "--backend", "torch"]) == 2
    assert "--backend 'torch': this site's guides run on jax" in capsys.readouterr().err
    assert not (tmp_path / "guide_src").exists()
