"""Checks on the committed guide pages and their execution records."""

import re

import pytest

from guidesite.compare import DURATION, NUMBER
from guidesite.notebooks import loads_record
from guidesite.project import Project
from guidesite.sources import discover, guide_backends, read

from .conftest import ROOT

PROJECT = Project(ROOT)
GUIDE = "intro_to_keras_for_researchers"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


# Every translated guide on every backend it declares, derived from the sources.
RUNS = [
    (name, backend)
    for name, paths in discover(PROJECT.src_dir, ("ko", "en")).items() if len(paths) == 2
    for backend in guide_backends(read(paths["en"], "en"))
]


def _outputs(lang: str, guide: str = GUIDE, backend: str = ""):
    path = PROJECT.notebook_path(lang, guide, "" if backend in ("", _first(guide)) else backend)
    record_and_outputs = loads_record(path.read_text(encoding="utf-8"))
    assert record_and_outputs is not None, f"{path}: no usable execution record"
    return record_and_outputs


def _first(guide: str) -> str:
    return guide_backends(read(PROJECT.src_dir / "en" / f"{guide}.py", "en"))[0]


def _printed(lang: str, guide: str = GUIDE, backend: str = "") -> list[str]:
    cells = _outputs(lang, guide, backend)[1]
    return ["\n".join(o.text for o in cell if o.kind in ("stdout", "result")) for cell in cells]


def _numbers(text: str) -> list[str]:
    """Printed decimal numbers (computed values), without durations such as "11s 5ms/step" (timings, not
    results). Integers are left out: translated labels may hold them ("0인 ... 비율:", "1,000개")."""
    text = re.sub(r"\d+(?=[가-힣])", "", text)
    return [n for n in NUMBER.findall(DURATION.sub("", text.replace("0x…", ""))) if "." in n]


@pytest.mark.parametrize(("guide", "backend"), RUNS)
def test_both_languages_print_identical_numbers(guide, backend):
    ko, en = _printed("ko", guide, backend), _printed("en", guide, backend)
    assert len(ko) == len(en)
    for n, (k, e) in enumerate(zip(ko, en, strict=True), 1):
        assert _numbers(k) == _numbers(e), f"code cell {n}"


def _last_number(texts: list[str], label: str) -> float:
    lines = [line for text in texts for line in text.split("\n") if label in line]
    return float(NUMBER.findall(lines[-1])[-1])


def test_numbers_are_plausible_for_the_models_trained():
    printed = _printed("en")
    markers = ("Total running accuracy", "loss:")
    by_marker = {marker: [t for t in printed if marker in t] for marker in markers}
    assert 0.90 <= _last_number(by_marker["Total running accuracy"], "accuracy") <= 0.99
    loops = [t for t in printed if t.startswith("Step: 0 Loss:")]
    assert len(loops) == 5  # gradients, add_loss, tf.function, VAE, hypernetwork
    vae_loss = _last_number([loops[3]], "Loss:")
    hyper_loss = _last_number([loops[4]], "Loss:")
    assert 0.05 <= vae_loss <= 0.10, vae_loss  # 2020 text: 0.0747
    assert 1.0 <= hyper_loss <= 2.0, hyper_loss  # 2020 text: 1.54
    fit_loss = _last_number(by_marker["loss:"], "loss:")
    assert 0.05 <= fit_loss <= 0.10, fit_loss  # 2020 text: 0.0714


def test_record_names_device_versions_and_times():
    record, _ = _outputs("ko")
    assert record.device.startswith(("CPU:", "GPU:"))
    assert set(record.versions) == {"python", "tensorflow", "keras", "numpy"}
    code_cells = [c for c in read(PROJECT.src_dir / "ko" / f"{GUIDE}.py", "ko").cells if c.kind == "code"]
    assert len(record.cell_seconds) == len(code_cells) and record.total_seconds > 0


def _prose_paragraphs(page: str) -> list[str]:
    """Paragraphs outside code fences and admonition titles."""
    page = re.sub(r"^(`{3,}).*?^\1$", "", page, flags=re.DOTALL | re.MULTILINE)
    page = re.sub(r"<!--.*?-->", "", page, flags=re.DOTALL)
    return [p.strip() for p in re.split(r"\n\s*\n", page) if p.strip()]


@pytest.mark.parametrize("lang", ["ko"])
def test_korean_page_has_no_untranslated_english_paragraph(lang):
    page = PROJECT.page_path(lang, GUIDE).read_text(encoding="utf-8")
    suspicious = []
    for paragraph in _prose_paragraphs(page):
        # Code, tags, links and attribute lists ({ .md-button }) are markup, not prose.
        prose = re.sub(r"`[^`]*`|<[^>]*>|\([^)]*\)|\[[^\]]*\]|\{[^}]*\}|https?://\S+", "", paragraph)
        for line in prose.split("\n"):
            if len(ENGLISH_WORD.findall(line)) >= 4 and not HANGUL.search(line):
                suspicious.append(line)
    assert suspicious == []


def test_english_page_has_no_korean():
    page = PROJECT.page_path("en", GUIDE).read_text(encoding="utf-8")
    assert not HANGUL.search(page)


ALL_RUNS = [
    (lang, name, backend)
    for name, paths in discover(PROJECT.src_dir, ("ko", "en")).items()
    for lang in paths
    for backend in guide_backends(read(paths[lang], lang))
]


@pytest.mark.parametrize(("lang", "guide", "backend"), ALL_RUNS)
def test_executed_code_triggers_no_deprecation_warning(lang, guide, backend):
    """Published code is current Keras: nothing it runs warns that it is deprecated."""
    cells = _outputs(lang, guide, backend)[1]
    warned = [(n, o.text) for n, cell in enumerate(cells, 1) for o in cell
              if o.kind == "stderr" and re.search(r"DeprecationWarning|deprecated", o.text, re.I)]
    assert warned == []


# `tf.keras` is Keras 3's compatibility name for the Keras 2 API and `super(Class, self)` is Python 2's
# spelling; guide code uses `keras` and `super()` (prose may still name the old forms to explain them).
OLD_FORMS = re.compile(r"\btf\.keras\b|from tensorflow import keras|\bsuper\(\s*\w+\s*,\s*self\s*\)")


@pytest.mark.parametrize(("lang", "guide"), sorted({(lang, guide) for lang, guide, _ in ALL_RUNS}))
def test_guide_code_uses_keras_3_spellings(lang, guide):
    source = read(PROJECT.src_dir / lang / f"{guide}.py", lang)
    found = [(cell.line, match) for cell in source.cells if cell.kind == "code"
             for match in OLD_FORMS.findall(cell.source)]
    assert found == []


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_contributing_module_map_lists_every_module(lang):
    page = (ROOT / "docs" / lang / "contributing.md").read_text(encoding="utf-8")
    heading = {"en": "### Module map", "ko": "### 모듈 지도"}[lang]
    table = page.split(heading, 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([\w/]+\.py)` \|", table, re.MULTILINE))
    package = ROOT / "guidesite"
    modules = {p.relative_to(package).as_posix() for p in package.rglob("*.py")
               if p.name not in ("__init__.py", "__main__.py")}
    assert sorted(modules - listed) == [] and sorted(listed - modules) == []
