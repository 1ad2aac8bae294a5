"""Site search, typed into the real search box.

Measured with the particle separator in mkdocs.yml: every query below lists its page, and
on the Korean site only Korean pages. Before it, "오토인코더를" and "하이퍼네트워크로" (forms
that do not occur in the text) found nothing, and English queries also listed the Korean
guide (one index for both languages).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest

from .conftest import GUIDE, new_visit

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
