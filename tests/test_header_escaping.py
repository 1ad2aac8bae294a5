"""Header fields of an imported tutobook are text, never HTML or Markdown that makes HTML, wherever they
are published: the page's H1 and front matter, the navigation (from the front matter), the home table,
the record box and the translation status page."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from guidesite.home import guide_table, runs_table
from guidesite.model import Executed, Output, Record
from guidesite.render import render
from guidesite.sources import reads
from guidesite.translate.status import Report, page

from .conftest import guide_text

TITLE = 'Q&A <script>alert(1)</script> | "quoted" {: onclick=alert(2) } *not bold*'
SHOWN_TITLE = ("Q&amp;A &lt;script&gt;alert(1)&lt;/script&gt; | &quot;quoted&quot; {: onclick=alert(2) } "
               "*not bold*")
DESCRIPTION = "Uses <img src=x onerror=alert(3)> & a | pipe"
AUTHOR = ("[Real Name](https://example.com/a){: onclick=alert(4) }, [Bad](javascript:alert(5)), "
          "<b onmouseover=x>B</b>")
TRANSLATOR = "<svg onload=alert(6)>"
DEVICE = "CPU: <img src=x onerror=alert(7)> | x"
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.superfences",
              "pymdownx.highlight", "pymdownx.tabbed", "tables", "toc"]


def _yaml(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _guide(lang: str = "ko"):
    text = guide_text(("md", "## Part"), ("code", "x = 1"), title=_yaml(TITLE),
                      header=f"translator: {_yaml(TRANSLATOR)}\noriginal: 'x\"><img src=x onerror=alert(8)>'")
    text = text.replace("description: A tiny guide for tests.", f"description: {_yaml(DESCRIPTION)}")
    text = text.replace("author: Tester", f"author: {_yaml(AUTHOR)}")
    text = text.replace("date_created: '2026-01-01'", "date_created: '<i onclick=x>2026</i>'")
    return reads(text, Path("g.py"), lang)


RECORD = Record("k", "2026-11-25 10:00 UTC", DEVICE, {"python": "3.11.7"}, 1337, (1.0,))


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


class _Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _no_script_or_event_attributes(html: str) -> None:
    for tag, attrs in _Tags(html).found:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert not (attrs.get("href") or "").startswith("javascript:"), (tag, attrs)


def _no_markup_from_fields(html: str) -> None:
    _no_script_or_event_attributes(html)
    assert {tag for tag, _ in _Tags(html).found}.isdisjoint({"script", "svg", "b", "i", "img"})


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_page_header_shows_the_fields_as_written(lang):
    guide = _guide(lang)
    text = render(Executed(guide, ((Output("stdout", "1"),),), RECORD), "g.py")
    front_matter, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    html = _html(body)
    _no_markup_from_fields(html)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html)[1]
    assert h1 == SHOWN_TITLE
    assert "Uses &lt;img src=x onerror=alert(3)&gt; &amp; a | pipe" in html
    assert '<a href="https://example.com/a">Real Name</a>' in html  # the author's link is kept
    assert "&lt;svg onload=alert(6)&gt;" in html  # the translator, as text
    assert "CPU: &lt;img src=x onerror=alert(7)&gt; | x" in html  # the record box's device
    # The theme puts the front matter's title and description into <title>, the navigation and a
    # <meta> attribute without escaping: they are HTML-escaped there.
    assert 'title: "Q&amp;A &lt;script&gt;alert(1)&lt;/script&gt; | &quot;quoted&quot;' in front_matter
    assert 'description: "Uses &lt;img src=x onerror=alert(3)&gt; &amp; a | pipe"' in front_matter


def test_home_table_keeps_its_link_and_its_columns():
    guide = _guide("en")
    table = guide_table([guide], [], {("g", "en"): [RECORD]}, "en")
    html = _html(table)
    _no_markup_from_fields(html)
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    assert len(re.findall(r"<td>", rows[1])) == 5  # the pipes in the title and description split nothing
    assert f'<a href="guides/g.md">{SHOWN_TITLE}</a>' in rows[1]
    runs = _html(runs_table([guide], {("g", "en"): [RECORD]}, "en"))
    _no_markup_from_fields(runs)
    assert len(re.findall(r"<td>", re.findall(r"<tr>(.*?)</tr>", runs, re.S)[1])) == 7


def test_translation_status_page_shows_the_title_as_text():
    report = Report("g", "ko", TITLE, 2, 2, ())
    html = _html(page([report], "en", {"g": TITLE}))
    _no_markup_from_fields(html)
    assert f'<a href="guides/g.md">{SHOWN_TITLE}</a>' in html


def test_the_built_site_shows_the_title_in_its_navigation_as_text(tmp_path):
    """mkdocs build with the site's theme: <title>, navigation, header, H1 and <meta> description."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    guide = _guide("en")
    (docs / "g.md").write_text(render(Executed(guide, ((Output("stdout", "1"),),), RECORD), "g.py"),
                               encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ntheme:\n  name: material\n  font: false\nnav:\n  - index.md\n  - Guides:\n"
        "      - g.md\nmarkdown_extensions:\n" + "".join(f"  - {e}\n" for e in EXTENSIONS),
        encoding="utf-8",
    )
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for built in (tmp_path / "site/index.html", tmp_path / "site/g/index.html"):
        html = built.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<svg onload" not in html and "<img src=x" not in html
        _no_script_or_event_attributes(html)
        assert SHOWN_TITLE in html  # in the navigation of every page
    page_html = (tmp_path / "site/g/index.html").read_text(encoding="utf-8")
    assert f"<title>{SHOWN_TITLE} - T</title>" in page_html
    assert '<meta name="description" content="Uses &lt;img src=x onerror=alert(3)&gt; &amp; a | pipe">' \
        in page_html
