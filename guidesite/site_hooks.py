"""MkDocs hook (mkdocs.yml `hooks:`): one search index per language, with clean excerpts.

Material reads its search index from `<base>/search/search_index.json`, and
mkdocs-static-i18n writes a single index holding every language, so a search
on the Korean site also lists English pages. After the build this hook moves
each non-default language's entries into `<locale>/search/search_index.json`,
with locations relative to that language's root; `overrides/main.html` points
those pages' search at their own root. Nothing else does this split: the i18n
plugin documents the single index as a limitation of the theme.

It also keeps two things out of the excerpts a search result shows, which
Material's indexer has no setting for:
- the Korean readings of identifiers (readings.py) are marked
  `data-search-exclude`, so Material leaves them out of a section's text; the
  hook puts them back as a field of their own (`readings`, declared in the
  index's `fields`, which Material's search queries like `text` but never
  shows), so 드롭아웃 still finds the section whose code says `Dropout`;
- the labels of a set of backend tabs are indexed run together
  ("JAXTensorFlowPyTorch", the labels have no space between them); the hook
  removes those runs from the text.
Both are read from the built pages, so the index says what the pages hold.

And it writes each language's 404 page where it belongs: every language's build renders
`404.html` to the site's root, the last one (English) winning, so the Korean 404 had English
chrome. The hook keeps each build's rendering (`on_post_template`), points its language switcher
at each language's home page (`on_pre_template`: the switcher otherwise still holds the last page
built, and opened a guide), and writes the default language's to `/404.html` and the others' to
`/<locale>/404.html` (overrides/404.html shows the right one on a static host).

The hook stays an MkDocs hook, not a pipeline step: `nox -s serve` previews
with MkDocs' own live-reload server, which rebuilds the site (and its index)
on every change without the pipeline. Zensical writes an index per language
itself and does not run it (the contributing docs' Zensical table).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

INDEX = Path("search") / "search_index.json"
READINGS_FIELD = "readings"

_HEADING = re.compile(r'<(h[1-6])[^>]*\sid="([^"]+)"')
# readings.py writes the element; its class is what this hook looks for.
_READINGS = re.compile(r'<div class="search-readings"[^>]*>(.*?)</div>', re.S)
_TAB_LABELS = re.compile(r'<div class="tabbed-labels">(.*?)</div>', re.S)
_LABEL = re.compile(r"<label[^>]*>(.*?)</label>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t]{2,}")


def page_extras(page_html: str) -> tuple[dict[str, str], list[str]]:
    """What a built page adds to its index entries (pure).

    The readings per section: heading id -> readings text ('' for the text before the first
    heading after the page's title, which Material indexes under the page's own address); and
    the runs of tab labels as Material's indexer writes them (the labels' text joined, escaped).
    """
    readings: dict[str, list[str]] = {}
    section, first = "", True
    events = sorted([(m.start(), m[1], m[2]) for m in _HEADING.finditer(page_html)]
                    + [(m.start(), "readings", m[1]) for m in _READINGS.finditer(page_html)])
    for _, kind, value in events:
        if kind == "readings":
            readings.setdefault(section, []).append(html.unescape(value))
        else:  # as Material's indexer: a page's leading h1 has no section address of its own
            section, first = ("" if first and kind == "h1" else value), False
    runs = ["".join(html.escape(html.unescape(_TAG.sub("", label)), quote=False)
                    for label in _LABEL.findall(labels))
            for labels in _TAB_LABELS.findall(page_html)]
    return ({section: ", ".join(texts) for section, texts in readings.items()},
            sorted({run for run in runs if run}, key=len, reverse=True))


def with_extras(doc: dict, readings: dict[str, str], runs: list[str]) -> dict:
    """An index entry with its section's readings as a field and without tab label runs (pure)."""
    text = doc["text"]
    for run in runs:
        text = text.replace(run, " ")
    doc = {**doc, "text": _SPACES.sub(" ", text).strip()}
    section = doc["location"].partition("#")[2]
    if readings.get(section):
        doc[READINGS_FIELD] = readings[section]
    return doc


def _page_file(site: Path, location: str) -> Path:
    path = location.partition("#")[0]
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def split_index(index: dict, locales: list[str]) -> dict[str, dict]:
    """The index per language: '' (the default language, at the root) and each locale (pure)."""
    parts: dict[str, list[dict]] = {"": [], **{locale: [] for locale in locales}}
    for doc in index["docs"]:
        locale = next((loc for loc in locales if doc["location"].startswith(f"{loc}/")), "")
        location = doc["location"][len(locale) + 1:] if locale else doc["location"]
        parts[locale].append({**doc, "location": location})
    return {locale: {**index, "docs": docs} for locale, docs in parts.items()}


def _languages(config) -> list:
    i18n = config.plugins.get("i18n")
    return [] if i18n is None else [lang for lang in i18n.config.languages if lang.build]


def _other_locales(config) -> list[str]:
    return [lang.locale for lang in _languages(config) if not lang.default]


NOT_FOUND = "404.html"
_not_found_pages: dict[str, str] = {}  # locale -> the 404 page its build rendered (this process)


def on_pre_template(template, template_name: str, config):
    if template_name == NOT_FOUND:  # the switcher of a page that is no page: each language's home
        links = {lang.locale: lang.link for lang in _languages(config)}
        # mkdocs-static-i18n sets `config.extra.alternate` as an attribute (which Jinja reads first)
        for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
            alternate["link"] = links.get(alternate.get("lang"), alternate["link"])
    return template


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name == NOT_FOUND:
        _not_found_pages[config.theme["language"]] = output
    return output


def not_found_paths(site: Path, languages: list) -> dict[str, Path]:
    """Where each language's 404 page goes: the default language's at the root (pure)."""
    return {lang.locale: site / NOT_FOUND if lang.default else site / lang.locale / NOT_FOUND
            for lang in languages}


# After mkdocs-static-i18n's post_build (-100), which builds the other languages
# and then writes the combined index. The hook also runs inside those nested
# builds; the last run sees the combined index, and a run on a split index does nothing.
@event_priority(-200)
def on_post_build(config) -> None:
    site = Path(config.site_dir)
    for locale, target in not_found_paths(site, _languages(config)).items():
        if locale in _not_found_pages:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_not_found_pages[locale], encoding="utf-8")
    path = site / INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index = with_page_extras(index, site)
    parts = split_index(index, _other_locales(config))
    if len(parts[""]["docs"]) == len(index["docs"]):
        # already split (or a single language): keep the other languages' indexes
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        return
    for locale, part in parts.items():
        target = site / locale / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def with_page_extras(index: dict, site: Path) -> dict:
    """The index with page_extras applied to every entry (each page read once)."""
    pages: dict[Path, tuple[dict[str, str], list[str]]] = {}
    docs = []
    for doc in index["docs"]:
        page = _page_file(site, doc["location"])
        if page not in pages:
            pages[page] = page_extras(page.read_text(encoding="utf-8")) if page.is_file() else ({}, [])
        docs.append(with_extras(doc, *pages[page]))
    fields = {**index["config"].get("fields", {}), READINGS_FIELD: {"boost": 1}}
    return {**index, "config": {**index["config"], "fields": fields}, "docs": docs}
