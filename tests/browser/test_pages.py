"""What a reader sees on the served site, in Chromium."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PIL import Image

from .conftest import GUIDE, ROOT, artifacts_dir, new_visit

GUIDE_NAME = GUIDE.split("/")[1]
REPR = "<tf.Variable 'Variable:0' shape=(2, 2) dtype=float32"  # print(a) in the guide's Variables section
LABELS = {  # language: (path prefix, output label, Colab, 404 heading of that language)
    "ko": ("", "출력", "Colab에서 열기", "페이지를 찾을 수 없습니다"),
    "en": ("en/", "Output", "Open in Colab", "Page not found"),
}


def switch_language(visit, lang: str) -> None:
    """Pick a language in the header's selector, as a reader does (it opens on hover)."""
    page = visit.page
    page.locator(".md-header__option .md-select").hover()
    with page.expect_navigation():
        page.locator(f"a.md-select__link[hreflang={lang}]").click()


def location(visit) -> tuple[str, str]:
    url = urlsplit(visit.page.url)
    return url.path, unquote(url.fragment)


def test_language_switch_round_trip_keeps_page_and_section(visit):
    visit.open(GUIDE + "#그레이디언트")
    switch_language(visit, "en")
    assert location(visit) == ("/en/" + GUIDE, "gradients")
    switch_language(visit, "ko")
    assert location(visit) == ("/" + GUIDE, "그레이디언트")


def test_language_switch_keeps_the_section_scrolled_to(visit):
    visit.open("en/" + GUIDE)
    visit.page.locator("h2#compiled-functions").evaluate("heading => heading.scrollIntoView()")
    switch_language(visit, "ko")
    assert location(visit) == ("/" + GUIDE, "컴파일된-함수")
    top = visit.page.locator("h2#컴파일된-함수").evaluate("heading => heading.getBoundingClientRect().top")
    assert 0 <= top < 200, f"the section's heading is at {top}px, not at the top of the window"


def test_language_switch_on_other_pages_keeps_the_page(visit):
    visit.open("contributing/")
    switch_language(visit, "en")
    assert location(visit) == ("/en/contributing/", "")
    switch_language(visit, "ko")
    assert location(visit) == ("/contributing/", "")


# Python blocks: the only fences besides outputs (classes .output, .stderr, .error) on guide pages.
CODE_BLOCKS = "article div.highlight:not(.output, .stderr, .error)"


def _python_fences(markdown: str) -> list[str]:
    """Every code block in page order: code cells ({.python .guide-cell}) and examples in prose (python)."""
    return re.findall(r"^```(?:python|\{\.python \.guide-cell\})\n(.*?)\n```$", markdown, flags=re.S | re.M)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_copy_button_copies_exactly_the_code(visit, lang):
    source = ROOT / "docs" / lang / "guides" / f"{GUIDE_NAME}.md"
    fences = _python_fences(source.read_text(encoding="utf-8"))
    # A long block with a docstring, blank lines and a comment in the page's language.
    comment = r"#.*[가-힣]" if lang == "ko" else r"# [A-Za-z]"
    index = next(
        i for i, code in enumerate(fences)
        if code.count("\n") > 8 and '"""' in code and "\n\n" in code and re.search(comment, code)
    )
    visit.open(LABELS[lang][0] + GUIDE)
    block = visit.page.locator(CODE_BLOCKS).nth(index)
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    copied = visit.page.evaluate("navigator.clipboard.readText()")
    assert copied == fences[index], f"copied text differs from code block {index} of {source}"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_object_repr_in_an_output_is_visible_text(visit, lang):
    prefix, output_label, _, _ = LABELS[lang]
    visit.open(prefix + GUIDE)
    block = visit.page.locator("div.output", has_text=REPR)
    assert block.count() == 1
    block.scroll_into_view_if_needed()
    assert block.is_visible()
    assert REPR in block.locator("code").inner_text()
    assert block.locator(".filename").inner_text() == output_label


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_outputs_look_different_from_code(visit, lang):
    visit.open(LABELS[lang][0] + GUIDE)
    style = """element => {
        const s = getComputedStyle(element);
        return [s.borderLeftWidth, getComputedStyle(element.querySelector("code")).backgroundColor];
    }"""
    output_border, output_background = visit.page.locator("div.output").first.evaluate(style)
    code_border, code_background = visit.page.locator(CODE_BLOCKS).first.evaluate(style)
    assert output_border != "0px" and code_border == "0px"
    assert output_background != code_background


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_header_offers_the_notebook_and_no_link_to_an_unconfigured_repository(visit, lang):
    """This project names no repository yet ([tool.guidesite] in pyproject.toml): no Colab, source or
    edit button may point nowhere (tests/test_hosting.py builds pages with one configured)."""
    visit.open(LABELS[lang][0] + GUIDE)
    links = visit.page.locator(".guide-links a")
    assert links.count() == 1
    notebook = links.first
    assert notebook.get_attribute("download") == f"{GUIDE_NAME}.tensorflow.ipynb"
    # (The credits link the 2020 translation's repository; no link goes to a file of this one.)
    ours = "a[href*='colab.research.google.com'], a[href*='/blob/'], a[href*='/edit/']"
    assert visit.page.locator(ours).count() == 0
    response = visit.page.request.get(notebook.evaluate("a => a.href"))
    assert response.status == 200
    assert json.loads(response.body())["metadata"]["kernelspec"]["language"] == "python"


def test_a_guide_on_three_backends_offers_one_runnable_notebook_per_backend(visit):
    """Each download starts with the cell that picks its backend and has none of the others' cells."""
    visit.open("guides/intro_to_keras_for_engineers/")
    links = visit.page.locator(".guide-links a[download]")
    assert links.all_inner_texts() == [f"노트북 내려받기 · {b}" for b in ("JAX", "TensorFlow", "PyTorch")]
    for link, backend in zip(links.all(), ("jax", "tensorflow", "torch"), strict=True):
        notebook = json.loads(visit.page.request.get(link.evaluate("a => a.href")).body())
        first = "".join(notebook["cells"][0]["source"])
        assert f'os.environ["KERAS_BACKEND"] = "{backend}"' in first
        tags = {tag for cell in notebook["cells"] for tag in cell["metadata"].get("tags", [])}
        assert {tag for tag in tags if tag.startswith("only-")} == {f"only-{backend}"}
        outputs = [o for cell in notebook["cells"] for o in cell.get("outputs", [])]
        assert not any(o["output_type"] == "error" for o in outputs)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_execution_record_is_one_closed_line_that_opens(visit, lang):
    visit.open(LABELS[lang][0] + GUIDE)
    record = visit.page.locator("details.record")
    assert record.count() == 1
    size = record.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    body = visit.page.locator("article > p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size < body
    closed = record.bounding_box()["height"]
    assert record.get_attribute("open") is None and closed < 4 * size  # one line (with its padding)
    assert not record.get_by_text("Python 3.11").first.is_visible()
    record.locator("summary").click()
    assert record.get_by_text("Python 3.11").first.is_visible()
    assert record.bounding_box()["height"] > 3 * closed


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_not_found_page_speaks_the_language_of_the_path(visit, lang):
    response = visit.open(LABELS[lang][0] + "no-such-page/")
    assert response.status == 404
    other = "en" if lang == "ko" else "ko"
    assert visit.page.locator(".not-found:visible h1").inner_text() == LABELS[lang][3]
    assert not visit.page.get_by_role("heading", name=LABELS[other][3]).is_visible()
    assert visit.page.evaluate("document.documentElement.lang") == lang
    assert visit.page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    # The language's own chrome: site name, navigation, search box text, and a switcher to the homes.
    names = {"ko": "케라스 3 가이드", "en": "Keras 3 guides"}
    assert visit.page.locator(".md-header__topic").first.inner_text().startswith(names[lang])
    prefix = LABELS[lang][0]
    nav = visit.page.locator(".md-sidebar--primary a.md-nav__link[href]").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)")
    assert nav and all(path.startswith("/" + prefix) for path in nav), nav
    placeholder = visit.page.locator("input.md-search__input").get_attribute("placeholder")
    assert placeholder == {"ko": "검색", "en": "Search"}[lang]
    switcher = visit.page.locator("a.md-select__link").evaluate_all(
        "links => links.map(a => [a.hreflang, new URL(a.href).pathname])")
    assert switcher == [["ko", "/"], ["en", "/en/"]]
    home = {"ko": ("홈", "/"), "en": ("English home page", "/en/")}[lang]
    with visit.page.expect_navigation():
        visit.page.locator(".not-found:visible").get_by_role("link", name=home[0], exact=True).click()
    assert location(visit) == (home[1], "")
    # The browser reports the 404 status of the missing page itself; nothing else may fail.
    assert [error for error in visit.console_errors if "no-such-page" not in error] == []


def _luminance(css_colour: str) -> float:
    red, green, blue = (int(x) for x in re.findall(r"\d+", css_colour)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


@pytest.mark.parametrize(("scheme", "material_scheme"), [("light", "default"), ("dark", "slate")])
def test_colour_schemes_follow_the_system(browser, server, scheme, material_scheme):
    visit = new_visit(browser, server, color_scheme=scheme)
    try:
        visit.open(GUIDE)
        page = visit.page
        assert page.locator("body").get_attribute("data-md-color-scheme") == material_scheme
        background = _luminance(page.locator("body").evaluate("e => getComputedStyle(e).backgroundColor"))
        text = _luminance(page.locator("article p").first.evaluate("e => getComputedStyle(e).color"))
        if scheme == "dark":
            assert background < 0.3 < text
        else:
            assert text < 0.3 < background
        buttons = page.locator(".guide-links a:not(.md-button--primary)")
        assert buttons.count() == 1  # the notebook download (no repository is configured here)
        for colour in buttons.evaluate_all("links => links.map(a => getComputedStyle(a).color)"):
            assert abs(_luminance(colour) - background) > 0.3, f"button text {colour} is hard to read"
        page.screenshot(path=artifacts_dir() / f"guide-ko-{scheme}-top.png", animations="disabled")
        assert visit.console_errors == []
    finally:
        visit.page.context.close()


PAGES = ["", GUIDE, "contributing/", "translation-status/", "en/", "en/" + GUIDE, "en/contributing/",
         "no-such-page/"]


def test_no_console_errors_and_no_request_leaves_the_site(visit):
    for path in PAGES:
        visit.open(path, wait_until="networkidle")
    from .test_search import search  # one search too: it loads the index and the search worker

    search(visit, "gradients")
    visit.page.wait_for_load_state("networkidle")
    # The only error allowed is the browser reporting the missing page's own 404 status.
    assert [error for error in visit.console_errors if "no-such-page" not in error] == []
    assert visit.foreign_requests() == []
    assert any(url.endswith("/en/search/search_index.json") for url in visit.requests)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_screenshots_of_the_guide_page(visit, lang):
    """Saved for a person to look at (Korean text, outputs, layout); see the contributing page."""
    prefix, _, _, _ = LABELS[lang]
    visit.open(prefix + GUIDE, wait_until="networkidle")
    page = visit.page
    folder: Path = artifacts_dir()
    # animations="disabled" ends the header's title cross-fade (it follows scrolling) before the shot.
    # The full page first, from the top: after scrolling, the sticky header would be drawn mid-page.
    page.screenshot(path=folder / f"guide-{lang}-top.png", animations="disabled")
    page.screenshot(path=folder / f"guide-{lang}-full.png", full_page=True, animations="disabled")
    page.locator("div.output", has_text=REPR).evaluate("e => e.scrollIntoView({block: 'center'})")
    page.screenshot(path=folder / f"guide-{lang}-outputs.png", animations="disabled")
    # What the shots must show: the output block inside the window, inked (not blank).
    box = page.locator("div.output", has_text=REPR).bounding_box()
    shot = Image.open(folder / f"guide-{lang}-outputs.png").convert("L")
    assert 0 <= box["y"] and box["y"] + box["height"] <= shot.height
    left, top = int(box["x"]), int(box["y"])
    block = shot.crop((left, top, left + int(box["width"]), top + int(box["height"])))
    assert 0.01 < _ink(block) < 0.6, "the output block in the screenshot is blank or a solid box"
    title = Image.open(io.BytesIO(page.locator("h1").first.screenshot(animations="disabled"))).convert("L")
    assert _ink(title) > 0.02, "the page title is not drawn"
    if lang == "ko":  # missing Korean fonts draw every syllable as the same empty box
        glyphs = [_glyph(page, syllable) for syllable in ("가", "힣")]
        assert glyphs[0] != glyphs[1], "Hangul is drawn as boxes (install fonts-noto-cjk)"
    assert visit.console_errors == []


def _ink(image) -> float:
    """The share of pixels far from the image's most common shade (its background)."""
    histogram = image.histogram()
    background = max(range(256), key=histogram.__getitem__)
    far = sum(count for shade, count in enumerate(histogram) if abs(shade - background) > 60)
    return far / (image.width * image.height)


def _glyph(page, text: str) -> bytes:
    """A screenshot of text drawn large in the page's own font."""
    page.evaluate(
        """text => { const s = document.createElement('span'); s.id = 'glyph-probe'; s.textContent = text;
        s.style.cssText = 'font-size:48px;position:fixed;top:0;left:0;background:#fff;color:#000;z-index:99';
        document.getElementById('glyph-probe')?.remove(); document.body.append(s); }""", text,
    )
    return page.locator("#glyph-probe").screenshot()


@pytest.mark.parametrize(("lang", "site"), [("ko", "케라스 3 가이드"), ("en", "Keras 3 guides, executed")])
def test_home_page_is_titled_by_the_site_name_once(visit, lang, site):
    visit.open(LABELS[lang][0])
    title = visit.page.title()
    assert title.startswith(site) and title.count("Keras 3 guides") + title.count("케라스 3 가이드") == 1
    visit.open(LABELS[lang][0] + GUIDE)
    assert visit.page.title().endswith(" - " + title)  # other pages: "page - site"


@pytest.mark.parametrize(("lang", "previous", "following", "dark"), [
    ("ko", "이전: 함수형 API", "다음: 연구자를 위한 케라스 소개", "어두운 화면으로 전환"),
    ("en", "Previous: The Functional API", "Next: Introduction to Keras for Researchers",
     "Switch to dark mode"),
])
def test_a_guide_ends_with_its_neighbours_and_the_chrome_speaks_its_language(
        visit, lang, previous, following, dark):
    """Previous / next guide at the foot of the page, in the page's language (the nav order); the
    colour-scheme toggle labelled in that language too."""
    prefix = LABELS[lang][0]
    visit.open(prefix + "guides/intro_to_keras_for_engineers/")
    for kind, label, target in (("prev", previous, "functional_api"), ("next", following,
                                                                        "intro_to_keras_for_researchers")):
        link = visit.page.locator(f"a.md-footer__link--{kind}")
        assert link.get_attribute("aria-label") == label
        with visit.page.expect_navigation():
            link.click()
        assert urlsplit(visit.page.url).path == f"/{prefix}guides/{target}/"
        visit.page.go_back()
    toggle = visit.page.locator("label.md-header__button[for='__palette_1']")
    assert toggle.get_attribute("title") == dark and toggle.is_visible()


WRAPPED_TABLES = """() => [...document.querySelectorAll('.output pre > code')]
  .filter(code => code.textContent.includes('┏'))
  .map(code => {
    const style = getComputedStyle(code);
    const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    const shown = Math.round((code.clientHeight - padding) / parseFloat(style.lineHeight));
    return [code.textContent.replace(/\\n$/, '').split('\\n').length, shown];
  })"""


@pytest.mark.parametrize("guide", ["guides/functional_api/", "guides/training_with_built_in_methods/"])
def test_outputs_are_readable_without_scrolling_sideways_on_a_desktop(visit, guide):
    """model.summary() tables fit the column unwrapped; long progress lines wrap (not cut off)."""
    visit.open(guide)
    sideways = visit.page.evaluate("() => [...document.querySelectorAll('.output pre > code')]"
                                   ".filter(c => c.scrollWidth > c.clientWidth + 1).length")
    assert sideways == 0
    tables = visit.page.evaluate(WRAPPED_TABLES)
    assert all(lines == shown for lines, shown in tables)  # one screen line per table line
    assert tables or "functional" not in guide  # (the functional API guide prints summaries)


BROKEN_KOREAN_LINKS = """() => {
  const broken = [];
  for (const a of document.querySelectorAll('.md-typeset p a, .md-typeset li a, .md-typeset td a')) {
    const node = a.firstChild;
    if (a.getClientRects().length < 2 || !node || node.nodeType !== 3) continue;
    const range = document.createRange();
    let top = null;
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const now = range.getBoundingClientRect().top;
      if (top !== null && now > top + 2) {  // the link goes on on the next line from character i
        if (!/\\s/.test(node.data[i - 1]) && /[가-힣]/.test(node.data[i - 1] + node.data[i])) {
          broken.push(node.data.slice(0, i) + '/' + node.data.slice(i));
        }
        break;
      }
      top = now;
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_korean_links_wrap_between_words(browser, server, width):
    """Korean breaks lines at spaces: a link never wraps inside a word ("케/라스")."""
    visit = new_visit(browser, server, viewport={"width": width, "height": 900})
    try:
        for path in ("", GUIDE, "guides/sequential_model/"):
            visit.open(path)
            assert visit.page.evaluate(BROKEN_KOREAN_LINKS) == [], path
    finally:
        visit.page.context.close()
