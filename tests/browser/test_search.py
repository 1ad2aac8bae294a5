"""Site search, typed into the real search box.

Measured with the particle separator in mkdocs.yml: every query below lists its page, and
on the Korean site only Korean pages. Before it, "오토인코더를" and "하이퍼네트워크로" (forms
that do not occur in the text) found nothing, and English queries also listed the Korean
guide (one index for both languages). The Korean readings of identifiers (the glossary's
[readings], hidden at the end of each section that uses them) find the sections whose code
says `Dropout` or `GradientTape`: before them, 드롭아웃 found no section of the researchers guide
and 배치 정규화 did not list "training mode and inference mode" among its first sections.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from .conftest import GUIDE, artifacts_dir, new_visit

KOREAN = [
    # (query, expected page, a word of the expected section's heading id)
    ("손실을", GUIDE, "손실"),
    ("그레이디언트를", GUIDE, "그레이디언트"),
    ("오토인코더를", GUIDE, "오토인코더"),
    ("하이퍼네트워크로", GUIDE, "하이퍼네트워크"),
    ("지표를", GUIDE, "지표"),
    ("가중치를", GUIDE, "가중치"),
    ("옵티마이저", GUIDE, ""),
    ("기여", "contributing/", ""),
]
ENGLISH = [
    ("gradients", GUIDE, "gradients"),
    ("autoencoder", GUIDE, "autoencoder"),
    ("hypernetwork", GUIDE, "hypernetwork"),
    ("GradientTape", GUIDE, ""),
    ("contributing", "contributing/", ""),
]


def search(visit, query: str) -> list[str]:
    """The result links (site paths with decoded fragments) for a query typed into the box."""
    page = visit.page
    box = page.locator("input.md-search__input")
    box.click()
    # Clear the previous query's results first: the tab is shared between queries, and its old
    # results would otherwise satisfy the wait below before the new search has run.
    box.fill("")
    box.press("End")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length === 0")
    box.fill(query)
    box.press("End")  # Material searches on keyup: typing has to end with a key press
    # Done when the result count is shown (or "no results") for this query.
    page.wait_for_function(
        """query => {
            const box = document.querySelector("input.md-search__input");
            const meta = document.querySelector(".md-search-result__meta");
            const items = document.querySelectorAll(".md-search-result__item").length;
            const t = JSON.parse(document.getElementById("__config").textContent).translations;
            return box.value === query && meta && (items > 0 || meta.textContent === t["search.result.none"]);
        }""",
        arg=query,
    )
    hrefs = page.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(href).path + unquote("#" + urlsplit(href).fragment) for href in hrefs]


def _check(results: list[str], page: str, section: str, query: str) -> None:
    pages = {result.split("#")[0] for result in results}
    assert page in pages, f"{query!r} found {sorted(pages)}, not {page}"
    if section:
        sections = [r.split("#", 1)[1] for r in results if r.split("#")[0] == page]
        assert any(section in s for s in sections), f"{query!r}: no section of {page} with {section!r}"


@pytest.fixture(scope="module")
def tabs(browser, server):
    """One tab per language, kept open for all queries (loading the index is the slow part)."""
    visits = {}
    for lang, path in (("ko", ""), ("en", "en/")):
        visits[lang] = new_visit(browser, server)
        visits[lang].open(path)
    yield visits
    for visit in visits.values():
        visit.page.context.close()


@pytest.mark.parametrize(("query", "page", "section"), KOREAN, ids=[q for q, _, _ in KOREAN])
def test_korean_query_finds_its_korean_page(tabs, query, page, section):
    results = search(tabs["ko"], query)
    _check(results, "/" + page, section, query)
    assert not [r for r in results if r.startswith("/en/")], f"{query!r} listed English pages: {results}"


@pytest.mark.parametrize(("query", "page", "section"), ENGLISH, ids=[q for q, _, _ in ENGLISH])
def test_english_query_finds_its_english_page(tabs, query, page, section):
    results = search(tabs["en"], query)
    _check(results, "/en/" + page, section, query)
    assert all(r.startswith("/en/") for r in results), f"{query!r} listed Korean pages: {results}"


# --- Korean readings of identifiers ---------------------------------------------------------------

# "Among the top results": the guide is among the first TOP_PAGES pages listed, and one of the wanted
# sections among the first TOP_SECTIONS sections listed under it (the search ranks both).
TOP_PAGES, TOP_SECTIONS = 3, 3
TRAINING_MODES = "훈련-모드와-추론-모드"  # the researchers guide's "Training mode and inference mode"
_HEADING = re.compile(r'<h[1-6] id="([^"]+)"')


def sections_using(site_dir: Path, page: str, identifier: str) -> set[str]:
    """Heading ids of the built page's sections whose code or prose shows the identifier."""
    html = (site_dir / page / "index.html").read_text(encoding="utf-8")
    html = html[html.index("<article"):html.index("</article>")]
    starts = [(m.start(), m[1]) for m in _HEADING.finditer(html)]
    bounds = zip(starts, [*starts[1:], (len(html), "")], strict=True)
    return {name for (start, name), (end, _) in bounds if re.search(rf"\b{identifier}\b", html[start:end])}


READING_QUERIES = [
    # (query, identifier the page shows, the sections that must be among the top results: None = any
    # section whose code or prose uses the identifier)
    ("드롭아웃", "Dropout", {TRAINING_MODES}),
    ("배치 정규화", "BatchNormalization", {TRAINING_MODES}),
    ("그레이디언트 테이프", "GradientTape", None),
]


@pytest.mark.parametrize(
    ("query", "identifier", "wanted"), READING_QUERIES, ids=[q for q, *_ in READING_QUERIES]
)
def test_korean_reading_finds_the_section_that_uses_the_identifier(tabs, site_dir, query, identifier, wanted):
    using = sections_using(site_dir, GUIDE, identifier)
    wanted = wanted or using
    assert wanted and wanted <= using, f"{GUIDE}: {sorted(wanted)} are not sections using {identifier}"
    results = search(tabs["ko"], query)
    pages = list(dict.fromkeys(r.split("#")[0] for r in results))
    assert f"/{GUIDE}" in pages[:TOP_PAGES], f"{query!r}: {GUIDE} not among the first pages {pages}"
    listed = [r.split("#", 1)[1] for r in results if r.startswith(f"/{GUIDE}#") and not r.endswith("#")]
    assert set(listed[:TOP_SECTIONS]) & wanted, f"{query!r}: {GUIDE} lists {listed}, wanted {sorted(wanted)}"
    assert not [r for r in results if r.startswith("/en/")], f"{query!r} listed English pages: {results}"


def test_readings_stay_hidden_on_the_page_a_result_opens(tabs):
    """A result opens its section with the query highlighted; the hidden readings show nowhere on it."""
    page = tabs["ko"].page
    results = search(tabs["ko"], "드롭아웃")
    assert f"/{GUIDE}#{TRAINING_MODES}" in results
    folder = artifacts_dir()
    page.screenshot(path=folder / "search-reading-results.png", animations="disabled")
    page.locator(f'a.md-search-result__link[href$="#{quote(TRAINING_MODES)}"]').first.click()
    page.wait_for_url(lambda url: unquote(urlsplit(url).fragment) == TRAINING_MODES)  # the path gets ?h=...
    page.wait_for_timeout(300)  # the highlight and the scroll to the section
    page.screenshot(path=folder / "search-reading-section.png", animations="disabled")
    readings = page.locator("div.search-readings")
    assert readings.count() > 5  # the elements are in the built page
    assert [i for i in range(readings.count()) if readings.nth(i).is_visible()] == []
    shown = page.evaluate("() => document.querySelector('article').innerText")
    # The prose names the layer "드롭아웃(Dropout)"; the hidden "reading: Identifier" lists are not shown.
    assert "드롭아웃(Dropout)" in shown and "드롭아웃: Dropout" not in shown
    assert "배치 정규화: BatchNormalization" not in shown and "그레이디언트 테이프: GradientTape" not in shown


def test_the_korean_index_has_readings_in_their_sections_and_the_english_one_none(site_dir):
    def index(path: Path) -> dict:
        return json.loads(path.read_text(encoding="utf-8"))

    ko = index(site_dir / "search" / "search_index.json")
    en = index(site_dir / "en" / "search" / "search_index.json")
    assert "readings" in ko["config"]["fields"]  # searched like the text, never shown
    with_dropout = {d["location"] for d in ko["docs"] if "드롭아웃: Dropout" in d.get("readings", "")}
    training = next(d for d in ko["docs"] if d["location"] == f"{GUIDE}#{TRAINING_MODES}")
    assert "배치 정규화: BatchNormalization" in training["readings"]
    using = {f"{GUIDE}#{name}" for name in sections_using(site_dir, GUIDE, "Dropout")}
    assert f"{GUIDE}#{TRAINING_MODES}" in with_dropout
    assert {loc for loc in with_dropout if loc.startswith(GUIDE)} <= using
    # The readings are out of the text that results show, in every section.
    assert [d["location"] for d in ko["docs"] if "드롭아웃: Dropout" in d["text"]
            and not d["location"].startswith("contributing/")] == []
    # The English pages (the contributing page quotes readings in its prose; the guides must not).
    assert [d["location"] for d in en["docs"]
            if "guides/" in d["location"] and (re.search("[가-힣]", d["text"]) or "readings" in d)] == []


def test_search_excerpts_show_neither_readings_nor_tab_labels_run_together(tabs, site_dir):
    """A result shows the section's own text: no "드롭아웃: Dropout" lists, no "JAXTensorFlowPyTorch"."""
    engineers = "guides/intro_to_keras_for_engineers/"  # its outputs differ per backend: tab sets
    html = (site_dir / engineers / "index.html").read_text(encoding="utf-8")
    assert html.count('class="tabbed-labels"') > 3
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {entry for d in index["docs"] for entry in d.get("readings", "").split(", ") if entry}
    assert "드롭아웃: Dropout" in entries and len(entries) > 20
    for lang, query in (("ko", "드롭아웃"), ("ko", "훈련"), ("en", "training")):
        search(tabs[lang], query)
        shown = tabs[lang].page.locator(".md-search-result").inner_text()
        assert shown.strip(), query
        assert [entry for entry in entries if entry in shown] == [], f"{query!r}: readings in the excerpts"
        assert "JAXTensorFlow" not in shown.replace("\n", "") and "TensorFlowPyTorch" not in shown, query
    tabs["ko"].page.screenshot(path=artifacts_dir() / "search-excerpts.png", animations="disabled")
    for folder in (site_dir, site_dir / "en"):
        docs = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        # The guide pages' entries (the contributing page quotes the run-together labels it explains).
        guides = [d for d in docs if d["location"].startswith("guides/")]
        assert len(guides) > 50
        assert [d["location"] for d in guides if "JAXTensorFlow" in d["text"] + d["title"]] == []
