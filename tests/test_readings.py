"""Korean readings of identifiers for the search: which sections get which readings, and where."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guidesite.cli import main
from guidesite.errors import OK
from guidesite.model import Executed, Output, Record
from guidesite.pageformat import published_outputs
from guidesite.project import Project
from guidesite.readings import READINGS_OPEN, code_of, readings_in, sections, with_readings
from guidesite.render import render
from guidesite.sources import reads

from .conftest import guide_text

READINGS = {
    "Dropout": ("드롭아웃",),
    "Dense": ("밀집 층", "완전 연결 층"),
    "GradientTape": ("그레이디언트 테이프",),
    "optimizer": ("옵티마이저",),
    "optimizers": ("옵티마이저",),
    "tf.function": ("그래프 함수",),
}

PAGE = """\
# Title

Intro without code.

## 훈련 모드

`Dropout` 층은 훈련할 때만 동작합니다.

```{.python .guide-cell}
# a comment line, not a heading
x = keras.layers.Dropout(0.5)(x)
```

<div class="guide-output" data-search-exclude markdown>

```{.text .output title="출력"}
GradientTape in an output is not code
```

</div>

## 그레이디언트

```{.python .guide-cell}
with tf.GradientTape() as tape:
    pass
optimizer.apply(grads)
```
"""


def test_sections_are_cut_before_each_heading_outside_fences_and_join_back():
    pieces = sections(PAGE)
    assert "".join(pieces) == PAGE
    assert [piece.splitlines()[0] for piece in pieces] == ["# Title", "## 훈련 모드", "## 그레이디언트"]


def test_code_is_python_fences_and_code_spans_not_prose_or_outputs():
    code = code_of(sections(PAGE)[1])
    assert code.splitlines() == [
        "Dropout", "# a comment line, not a heading", "x = keras.layers.Dropout(0.5)(x)",
    ]
    assert "GradientTape" not in code and "층은" not in code


@pytest.mark.parametrize(("code", "found"), [
    ("x = keras.layers.Dropout(0.5)(x)", ["Dropout"]),
    ("class MLPWithDropout: self.dropout = 1", []),  # whole identifiers, case-sensitive
    ("model.compile(optimizer=optimizer)", ["optimizer"]),
    ("keras.optimizers.Adam()", ["optimizers"]),
    ("keras.layers.Dense(3); MyDense(); dense", ["Dense"]),
    ("@tf.function\ndef step(): pass", ["tf.function"]),
    ("tf.functional_ops; function", []),  # a dotted key matches that dotted name only
])
def test_identifiers_match_whole_and_case_sensitively(code, found):
    assert list(readings_in(code, READINGS)) == found


def test_each_section_gets_the_readings_of_its_own_code_hidden_before_the_next_heading():
    page = with_readings(PAGE, READINGS)
    first, training, gradients = sections(page)
    assert first == sections(PAGE)[0]  # no identifier: the section is as it was
    assert training.endswith(f"</div>\n\n{READINGS_OPEN}드롭아웃: Dropout</div>\n\n")
    assert gradients.endswith(
        f"\n```\n\n{READINGS_OPEN}그레이디언트 테이프: GradientTape, 옵티마이저: optimizer</div>\n"
    )
    # not shown, not read out, and kept out of the text that search results show (site_hooks.py)
    assert READINGS_OPEN == '<div class="search-readings" hidden data-search-exclude>'


def test_readings_that_several_identifiers_share_are_listed_once_with_them():
    page = with_readings("## A\n\n`optimizer` and `keras.optimizers`\n", READINGS)
    assert page.endswith(f"{READINGS_OPEN}옵티마이저: optimizer/optimizers</div>\n")


def test_an_identifier_with_several_readings_lists_them_all():
    page = with_readings("## A\n\n`keras.layers.Dense`\n", READINGS)
    assert page.endswith(f"{READINGS_OPEN}밀집 층/완전 연결 층: Dense</div>\n")


def test_no_readings_leave_the_page_as_it_is():
    assert with_readings(PAGE, {}) == PAGE
    assert with_readings(PAGE, {"Conv2D": ("합성곱",)}) == PAGE


RECORD = Record("k", "2026-11-25 10:00 UTC", "CPU", {"python": "3.11"}, 1, (0.1, 0.1))


def _guide(lang: str):
    return reads(guide_text(
        ("md", "## 부분"), ("code", "layer = Dropout(0.5)"), ("code", "print(6 * 7)"), ("md", "## 다음"),
    ), Path(f"guide_src/{lang}/g.py"), lang)


def test_the_rendered_page_keeps_its_outputs_for_the_doctests():
    executed = Executed(_guide("ko"), ((), (Output("stdout", "42"),)), RECORD)
    plain = render(executed, "guide_src/ko/g.py")
    page = render(executed, "guide_src/ko/g.py", readings=READINGS)
    assert page != plain and page.count(READINGS_OPEN) == 1
    assert page.index(READINGS_OPEN) < page.index("## 다음")

    def outputs(text: str) -> list:
        lines = text.splitlines()
        fences = [n for n, line in enumerate(lines, 1) if line.startswith("```{.python")]
        return [published_outputs(lines, n) for n in fences]

    assert outputs(page) == outputs(plain) and outputs(page)[1][""].printed == "42"


@pytest.fixture
def built_with_readings(tiny_project: Path, capsys) -> Project:
    glossary = tiny_project / "guide_src" / "glossary.ko.toml"
    glossary.write_text('[readings]\nprint = "출력하기"\n', encoding="utf-8")
    assert main(["--root", str(tiny_project), "build"]) == OK
    capsys.readouterr()
    return Project(tiny_project)


def test_only_the_korean_page_gets_readings_and_no_notebook_does(built_with_readings: Project):
    project = built_with_readings
    ko = project.page_path("ko", "tiny").read_text(encoding="utf-8")
    assert f"{READINGS_OPEN}출력하기: print</div>" in ko
    assert "search-readings" not in project.page_path("en", "tiny").read_text(encoding="utf-8")
    for lang in ("ko", "en"):
        notebook = json.loads(project.notebook_path(lang, "tiny").read_text(encoding="utf-8"))
        assert "search-readings" not in json.dumps(notebook, ensure_ascii=False)
