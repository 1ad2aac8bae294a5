"""MkDocs hook (mkdocs.yml `hooks:`): one search index per language.

Material reads its search index from `<base>/search/search_index.json`, and
mkdocs-static-i18n writes a single index holding every language, so a search
on the Korean site also lists English pages. After the build this hook moves
each non-default language's entries into `<locale>/search/search_index.json`,
with locations relative to that language's root; `overrides/main.html` points
those pages' search at their own root. Nothing else does this split: the i18n
plugin documents the single index as a limitation of the theme.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority

INDEX = Path("search") / "search_index.json"


def split_index(index: dict, locales: list[str]) -> dict[str, dict]:
    """The index per language: '' (the default language, at the root) and each locale (pure)."""
    parts: dict[str, list[dict]] = {"": [], **{locale: [] for locale in locales}}
    for doc in index["docs"]:
        locale = next((loc for loc in locales if doc["location"].startswith(f"{loc}/")), "")
        location = doc["location"][len(locale) + 1:] if locale else doc["location"]
        parts[locale].append({**doc, "location": location})
    return {locale: {**index, "docs": docs} for locale, docs in parts.items()}


def _other_locales(config) -> list[str]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return []
    return [lang.locale for lang in i18n.config.languages if not lang.default and lang.build]


# After mkdocs-static-i18n's post_build (-100), which builds the other languages
# and then writes the combined index. The hook also runs inside those nested
# builds; the last run sees the combined index, and a run on a split index does nothing.
@event_priority(-200)
def on_post_build(config) -> None:
    site = Path(config.site_dir)
    path = site / INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    parts = split_index(index, _other_locales(config))
    if len(parts[""]["docs"]) == len(index["docs"]):
        return  # already split (or a single language): keep the other languages' indexes
    for locale, part in parts.items():
        target = site / locale / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
