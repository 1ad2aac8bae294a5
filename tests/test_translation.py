"""Translation checks, each on small inline guides: it fires, and it stays quiet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidesite.cli import main
from guidesite.errors import ReviewRefused
from guidesite.model import Executed, Guide, Record
from guidesite.render import render
from guidesite.sources import read, reads
from guidesite.translate import glossary, provenance
from guidesite.translate.align import alignment, code_drift
from guidesite.translate.untranslated import english_sentence, untranslated

from .conftest import ROOT, guide_text

GUIDE = "intro_to_keras_for_researchers"


def guide(lang: str, *cells: tuple[str, str]) -> Guide:
    return reads(guide_text(*cells), Path(f"guide_src/{lang}/g.py"), lang)


def tracked(lang: str, *cells: tuple[str, str]) -> tuple[str, Guide]:
    """The source text too, to look lines up in."""
    return guide_text(*cells), guide(lang, *cells)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# --- alignment -------------------------------------------------------------------------------


def test_alignment_reports_every_kind_mismatch_and_the_count():
    ko = guide("ko", ("md", "가"), ("md", "나"), ("code", "x = 1"))
    en = guide("en", ("md", "A"), ("code", "x = 1"), ("md", "B"), ("md", "C"))
    problems = alignment(ko, en)
    assert [(p.cell, p.kind) for p in problems] == [(2, "misaligned"), (3, "misaligned"), (0, "misaligned")]
    assert problems[0].line == ko.cells[1].line and problems[0].other_line == en.cells[1].line
    assert "3 cells here but 4 in English" in problems[2].message
    same_ko = guide("ko", ("md", "가"), ("code", "x = 1"))
    assert alignment(same_ko, guide("en", ("md", "A"), ("code", "x = 1"))) == []


# --- code equivalence --------------------------------------------------------------------------


def test_code_may_differ_only_in_comments_docstrings_and_printed_labels():
    code = 'def f(x):\n    """{doc}"""\n    return x  # {comment}\n\nprint("{label}", f"{label} {{f(2)}}")'
    ko = guide("ko", ("code", code.format(doc="설명.", comment="주석", label="값:")))
    en = guide("en", ("code", code.format(doc="Doc.", comment="note", label="Value is")))
    assert code_drift(ko, en) == []


def test_code_drift_names_both_lines_and_collects_every_cell():
    ko_text, ko = tracked(
        "ko", ("code", "a = 1\nlogits = a + 1"), ("md", "가"), ("code", "b = 2\nprint('가')")
    )
    en_text, en = tracked("en", ("code", "a = 1\nlogit = a + 1"), ("md", "A"), ("code", "b = 3\nprint('A')"))
    problems = code_drift(ko, en)
    assert [(p.cell, p.line, p.other_line) for p in problems] == [
        (1, line_of(ko_text, "logits ="), line_of(en_text, "logit =")),
        (3, line_of(ko_text, "b = 2"), line_of(en_text, "b = 3")),
    ]
    assert "`logits` here, `logit` in English" in problems[0].message
    assert str(problems[0]).startswith(f"guide_src/ko/g.py:{problems[0].line}: code drift:")
    assert f"(vs guide_src/en/g.py:{problems[0].other_line})" in str(problems[0])


def test_code_drift_in_a_string_that_is_not_printed_is_reported():
    ko = guide("ko", ("code", 'x = "층"\nprint("층", x)'))
    en = guide("en", ("code", 'x = "layer"\nprint("layer", x)'))
    assert [p.cell for p in code_drift(ko, en)] == [1]


# Inside print(): the printed text may be translated; what shapes the printed values may not.
SAME_PROGRAM = [
    ('print("손실:", loss)', 'print("loss:", loss)'),
    ('print(f"손실: {loss:.4f}")', 'print(f"loss: {loss:.4f}")'),
    ('print("%s의 손실 %.3f" % (name, loss))', 'print("loss of %s: %.3f" % (name, loss))'),
    ('print("손실 {:.2f}".format(loss))', 'print("loss {:.2f}".format(loss))'),
    ('print("단계 " + str(step))', 'print("step " + str(step))'),
    ('print("예" if ok else "아니오")', 'print("yes" if ok else "no")'),
]
DRIFT = [
    ('print("손실 %.0f" % loss)', 'print("loss %.3f" % loss)'),
    ('print(f"손실: {loss:.1f}")', 'print(f"loss: {loss:.4f}")'),
    ('print("정확도:", logs["정확도"])', 'print("accuracy:", logs["accuracy"])'),
    ('print(keras.activations.get("렐루"))', 'print(keras.activations.get("relu"))'),
    ('print("{:.0f} 초".format(t))', 'print("{:.2f} s".format(t))'),
]


@pytest.mark.parametrize(("ko_code", "en_code"), SAME_PROGRAM)
def test_translated_printed_text_is_the_same_program(ko_code, en_code):
    assert code_drift(guide("ko", ("code", ko_code)), guide("en", ("code", en_code))) == []


@pytest.mark.parametrize(("ko_code", "en_code"), DRIFT)
def test_what_shapes_printed_values_must_match(ko_code, en_code):
    ko_text, ko = tracked("ko", ("md", "가"), ("code", "x = 1\n" + ko_code))
    en_text, en = tracked("en", ("md", "A"), ("code", "x = 1\n" + en_code))
    problems = code_drift(ko, en)
    assert [(p.cell, p.line, p.other_line) for p in problems] == [
        (2, line_of(ko_text, ko_code), line_of(en_text, en_code))
    ]


def test_an_extra_statement_is_reported_at_its_line():
    ko_text, ko = tracked("ko", ("code", "a = 1\nb = 2\nc = 3"))
    en_text, en = tracked("en", ("code", "a = 1\nb = 2"))
    (problem,) = code_drift(ko, en)
    assert (problem.line, problem.other_line) == (line_of(ko_text, "c = 3"), line_of(en_text, "b = 2"))


# --- untranslated text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "The losses created by sublayers are recursively tracked by the parent layers.",
        "활성화 규제 손실을 만드는 층입니다:Here's a layer that creates an activity regularization loss:",
    ],
)
def test_english_sentences_are_found(line):
    assert english_sentence(line)


@pytest.mark.parametrize(
    "line",
    [
        "유향 비순환 그래프(directed acyclic graph, DAG)로 표현할 수 있는 모델에만 사용할 수 있습니다.",
        "변이형 오토인코더(Variational AutoEncoder, VAE)를 만들고 MNIST 데이터셋에서 훈련해 보죠.",
        "`Layer` 클래스 인스턴스를 `tf.keras.layers.Dense` 처럼 `call` 메서드로",
        "Keras 3에서 달라진 점",
    ],
)
def test_korean_with_english_terms_is_quiet(line):
    assert english_sentence(line) == ""


def test_untranslated_markdown_and_comments_are_reported_at_their_lines():
    text, ko = tracked(
        "ko",
        ("md", "## 소개\n\n이 문단은 번역했습니다.\nThis paragraph was left in English by mistake."),
        ("code", "# 번역한 주석\nx = 1  # Create a non-trainable weight.\n"),
        ("md", "`add_loss()` 메서드와 `GradientTape` (see the `fit` method)"),
    )
    problems = untranslated(ko)
    assert [(p.cell, p.line) for p in problems] == [
        (1, line_of(text, "This paragraph")),
        (2, line_of(text, "x = 1")),
    ]
    assert 'English comment "Create a non-trainable weight"' in problems[1].message


def test_cells_tagged_untranslated_are_reported():
    text = guide_text(("md", "## 가"), ("code", "x = 1")).replace(
        "# %% [markdown]", '# %% [markdown] tags=["untranslated"]'
    )
    (problem,) = untranslated(reads(text, Path("ko.py"), "ko"))
    assert problem.cell == 1 and "tagged 'untranslated'" in problem.message


def seed_guide(path: Path) -> tuple[str, Guide]:
    """The 2020 Korean seed page, exactly as found, as a guide source: its prose between
    code blocks becomes markdown cells, its ```python blocks code cells; the output blocks
    keras.io rendered under code (inside <div class="k-default-codeblock">) are not prose."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'<div class="k-default-codeblock">\n```\n.*?```\n</div>\n', "", text, flags=re.S)
    cells = []
    for n, part in enumerate(re.split(r"^```python\n(.*?)^```\n", text, flags=re.S | re.M)):
        if n % 2:
            cells.append(("code", part.strip("\n")))
        elif part.strip():
            cells.append(("md", part.strip("\n")))
    source = guide_text(*cells)
    return source, reads(source, Path("seed.py"), "ko")


def test_the_seed_texts_english_paragraphs_are_found():
    source, seed = seed_guide(ROOT / "tests/data/seed_intro_to_keras_for_researchers.ko.md")
    lines = source.splitlines()
    found = [re.match(r"seed.py:(\d+): ", d) for p in untranslated(seed) for d in p.detail.splitlines()]
    found_text = [lines[int(m.group(1)) - 1].strip() for m in found]
    assert found_text == [
        "# Create a non-trainable weight.",
        "Layers can create losses during the forward pass via the `add_loss()` method.",
        "This is especially useful for regularization losses.",
        "The losses created by sublayers are recursively tracked by the parent layers.",
        "활성화 규제 손실을 만드는 층입니다:Here's a layer that creates an activity regularization loss:",
    ]


def test_todays_korean_guide_has_no_untranslated_text():
    ko = read(ROOT / f"guide_src/ko/{GUIDE}.py", "ko")
    assert untranslated(ko) == []


# --- provenance --------------------------------------------------------------------------------


def test_changed_english_cell_is_stale_with_a_diff_and_review_clears_it():
    en = guide("en", ("md", "One line.\nTwo."), ("code", "x = 1"), ("md", "Three."))
    ko = guide("ko", ("md", "한 줄.\n둘."), ("code", "x = 1"), ("md", "셋."))
    entries = tuple(provenance.review(en, None, None))
    assert provenance.stale(ko, en, entries) == []
    en2 = guide("en", ("md", "One line.\nTwo, changed."), ("code", "x = 1"), ("md", "Three."))
    (problem,) = provenance.stale(ko, en2, entries)
    assert (problem.cell, problem.line, problem.other_line) == (1, ko.cells[0].line, en2.cells[0].line)
    assert "-Two.\n+Two, changed." in problem.detail
    reviewed = tuple(provenance.review(en2, entries, [1]))
    assert provenance.stale(ko, en2, reviewed) == []


def test_provenance_file_round_trips_and_is_line_per_text_line():
    en = guide("en", ("md", "A\nB"), ("code", "x = 1"))
    text = provenance.dumps(en, provenance.review(en, None, None))
    assert '"A",\n' in text and provenance.loads(text)[0].text == "A\nB"


def test_cells_inserted_in_both_languages_do_not_make_later_cells_stale():
    en = guide("en", ("md", "A"), ("md", "B"), ("md", "C"))
    entries = tuple(provenance.review(en, None, None))
    en2 = guide("en", ("md", "A"), ("md", "New."), ("md", "B"), ("md", "C"))
    ko2 = guide("ko", ("md", "가"), ("md", "새"), ("md", "나"), ("md", "다"))
    assert [p.cell for p in provenance.stale(ko2, en2, entries)] == [2]


def test_typo_only_changes_are_accepted_and_rewrites_are_refused():
    en = guide("en", ("md", "The layer tracks its weights."))
    entries = tuple(provenance.review(en, None, None))
    typo = guide("en", ("md", "The layer tracks it's weights."))
    accepted = tuple(provenance.review(typo, entries, [1], typo=True))
    assert accepted[0].sha256 == provenance.cell_hash(typo.cells[0].source)
    rewrite = guide("en", ("md", "Completely different sentence about optimizers."))
    with pytest.raises(ReviewRefused, match="changed too much for a typo fix"):
        provenance.review(rewrite, entries, [1], typo=True)
    with pytest.raises(ReviewRefused, match="no cell 5"):
        provenance.review(en, entries, [5])


def test_missing_provenance_is_one_warning():
    en, ko = guide("en", ("md", "A")), guide("ko", ("md", "가"))
    (problem,) = provenance.stale(ko, en, None)
    assert problem.cell == 0 and "review g --all" in problem.message


# --- glossary ----------------------------------------------------------------------------------

TERMS = glossary.loads(
    '[terms]\nlayer = "층"\nsubclass = ["서브클래싱", "서브클래스"]\n'
    '[exceptions]\n"infrastructure layer" = "레이어"\n'
    '[avoid]\n"측정 지표" = "지표"\n"상속" = "서브클래싱"\n',
    "guide_src/glossary.ko.toml",
)


def test_glossary_warns_when_the_korean_cell_lacks_the_term():
    en = guide("en", ("md", "Intro.\nLayers hold weights."), ("md", "You can subclass it."))
    ko = guide("ko", ("md", "소개.\n레이어는 가중치를 담습니다."), ("md", "서브클래싱할 수 있습니다."))
    (problem,) = glossary.lint(ko, en, TERMS)
    assert (problem.cell, problem.other_line) == (1, en.cells[0].line + 3)
    assert "'layer'" in problem.message and "'층'" in problem.message


def test_glossary_waits_for_a_cell_still_tagged_untranslated():
    """A scaffolded cell is still English and already reported as untranslated; no term warnings on it."""
    import dataclasses

    en = guide("en", ("md", "Layers hold weights."), ("md", "You can subclass a layer."))
    ko = guide("ko", ("md", "Layers hold weights."), ("md", "레이어를 서브클래싱할 수 있습니다."))
    assert [p.cell for p in glossary.lint(ko, en, TERMS)] == [1, 2]
    first = dataclasses.replace(ko.cells[0], tags=("untranslated",))
    scaffolded = dataclasses.replace(ko, cells=(first, *ko.cells[1:]))
    assert [p.cell for p in glossary.lint(scaffolded, en, TERMS)] == [2]  # the translated cell still is


def test_glossary_is_quiet_with_the_term_code_spans_and_sense_exceptions():
    en = guide("en", ("md", "A layer, then the infrastructure layer."), ("md", "The `Layer` class."))
    ko = guide("ko", ("md", "층과 인프라 레이어."), ("md", "`Layer` 클래스."))
    assert glossary.lint(ko, en, TERMS) == []
    only_exception = guide("en", ("md", "The infrastructure layer."), ("md", "x"))
    problems = glossary.lint(guide("ko", ("md", "인프라 층."), ("md", "x")), only_exception, TERMS)
    assert [p.message.split("'")[1] for p in problems] == ["infrastructure layer"]


def test_avoided_forms_are_reported_at_each_line_that_uses_them():
    prose = "## 지표\n\n측정 지표를 기록합니다.\n층을 상속하여 만들고,\n다시 상속합니다."
    text, ko = tracked("ko", ("md", prose), ("code", "m = 1  # 측정 지표 (a comment is code, not prose)"))
    problems = glossary.avoided(ko, TERMS)
    assert [(p.line, p.message.split("'")[1]) for p in problems] == [
        (line_of(text, "측정 지표를"), "측정 지표"),
        (line_of(text, "층을 상속"), "상속"),
        (line_of(text, "다시 상속"), "상속"),
    ]
    first = problems[0]
    assert (first.path, first.cell, first.kind) == ("guide_src/ko/g.py", 1, "glossary")
    assert first.severity == "warning"
    assert "write '지표' instead" in first.message and "glossary.ko.toml [avoid]" in first.message
    where = f"guide_src/ko/g.py:{line_of(text, '측정 지표를')}"
    assert str(first).startswith(f"{where}: glossary: cell 1: '측정 지표'")


def test_avoided_forms_in_code_spans_and_fences_are_not_prose():
    text = "`상속` 대신 서브클래싱.\n\n```python\n# 측정 지표\n```\n측정\n지표가 두 줄에 걸쳐도 찾습니다."
    ko = guide("ko", ("md", text))
    (problem,) = glossary.avoided(ko, TERMS)
    assert (problem.line, problem.message.split("'")[1]) == (ko.cells[0].line + 2 + 5, "측정 지표")


def test_avoided_forms_in_the_title_and_description_are_reported_at_the_header_line():
    text = guide_text(("md", "본문."), title="상속 입문")
    ko = reads(text, Path("guide_src/ko/g.py"), "ko")
    (problem,) = glossary.avoided(ko, TERMS)
    assert problem.line == line_of(text, "title: 상속 입문")
    assert problem.message.startswith("header `title`: '상속'")


def test_guidesite_status_strict_fails_on_an_avoided_form(tmp_path, capsys):
    for lang, body in (("en", "Subclass it."), ("ko", "서브클래싱하거나 상속합니다.")):
        (tmp_path / "guide_src" / lang).mkdir(parents=True)
        (tmp_path / "guide_src" / lang / "g.py").write_text(guide_text(("md", body)), encoding="utf-8")
    rule = '[avoid]\n"상속" = "서브클래싱"\n'
    (tmp_path / "guide_src" / "glossary.ko.toml").write_text(rule, encoding="utf-8")
    assert main(["--root", str(tmp_path), "status"]) == 0
    assert main(["--root", str(tmp_path), "status", "--strict"]) == 1
    out = capsys.readouterr().out
    assert "guide_src/ko/g.py:" in out and "'상속' is a form to avoid; write '서브클래싱' instead" in out


@pytest.mark.parametrize(("toml", "line", "message"), [
    ("[terms]\nlayer = 3\n", 2, "'layer' must be a Korean term"),
    ('[terms]\nlayer = "층"\n\n[avoid]\n"측정 지표" = "지표"\n"층" = "레이어"\n', 6,
     "[avoid] '층' is also an accepted form of 'layer' in [terms]"),
    ('[avoid]\n"상속" = ["서브클래싱"]\n', 2, "[avoid] '상속' must be followed by the form to write instead"),
    ('[avoid]\n"상속" = ""\n', 2, "[avoid] '상속' must be followed by the form to write instead"),
    ('[readings]\nDropout = "드롭아웃"\n"drop out" = "드롭아웃"\n', 3,
     "[readings] 'drop out' is not an identifier"),
    ('[readings]\nDropout = 1\n', 2, "[readings] 'Dropout' must be a Korean term"),
    ("avoid = 1\n", 1, "'avoid' must be a table"),
    ("[avoids]\n", 1, "unknown table(s) ['avoids']"),
    ('[terms]\nlayer = "층\n', 2, "not valid TOML"),
])
def test_glossary_errors_name_the_file_and_line(toml, line, message):
    with pytest.raises(ValueError) as raised:
        glossary.loads(toml, "guide_src/glossary.ko.toml")
    assert str(raised.value).startswith(f"guide_src/glossary.ko.toml:{line}: ")
    assert message in str(raised.value)


def test_a_bad_glossary_stops_status_with_its_file_and_line(tmp_path, capsys):
    for lang in ("en", "ko"):
        (tmp_path / "guide_src" / lang).mkdir(parents=True)
        (tmp_path / "guide_src" / lang / "g.py").write_text(guide_text(("md", "x")), encoding="utf-8")
    (tmp_path / "guide_src" / "glossary.ko.toml").write_text('[terms]\nlayer = "층"\n[avoid]\n"층" = "x"\n')
    assert main(["--root", str(tmp_path), "status"]) == 2
    captured = capsys.readouterr()
    assert "glossary.ko.toml:4: [avoid] '층' is also an accepted form" in captured.out + captured.err


def test_the_projects_glossary_loads_with_every_table():
    terms = glossary.read(ROOT / "guide_src/glossary.ko.toml")
    assert len(terms.terms) > 20 and terms.avoid["상속"] == "서브클래싱" and terms.terms["track"] == ("추적",)
    assert "상속" not in terms.terms["subclassing"] and terms.readings["Dropout"] == ("드롭아웃",)


@pytest.mark.parametrize("name", ["intro_to_keras_for_engineers", GUIDE])
def test_todays_guides_have_no_glossary_warnings(name):
    ko = read(ROOT / f"guide_src/ko/{name}.py", "ko")
    en = read(ROOT / f"guide_src/en/{name}.py", "en")
    terms = glossary.read(ROOT / "guide_src/glossary.ko.toml")
    assert [str(p) for p in glossary.lint(ko, en, terms) + glossary.avoided(ko, terms)] == []


# --- notice on a page with stale cells ---------------------------------------------------------


def test_render_puts_the_stale_notice_under_the_title_only_when_cells_are_stale():
    record = Record("k", "2026-01-01 00:00 UTC", "CPU", {"python": "3.11"}, 1, (0.1,))
    ko = guide("ko", ("md", "## 부분"), ("code", "x = 1"))
    executed = Executed(ko, ((),), record)
    page = render(executed, "guide_src/ko/g.py", stale_cells=2)
    notice = (
        '# Tiny\n\n!!! warning "영어 원문이 바뀌었습니다"\n'
        "    이 번역을 검토한 뒤로 영어 원문의 셀 2개가 바뀌었습니다. "
        "최신 내용은 [영어 페이지](../../en/guides/g/)에서 확인하세요.\n"
    )
    assert notice in page
    assert "!!! warning" not in render(executed, "guide_src/ko/g.py")
