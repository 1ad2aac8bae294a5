"""The filesystem edge of the translation tools: read sources, provenance and glossary; write them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from ..errors import SourceError
from ..model import Guide
from ..sources import discover, read
from . import glossary, provenance
from .problems import TranslationError
from .status import Report, check, page

SOURCE_LANG = "en"  # every other language is translated from this one


def relative(guide: Guide, root: Path) -> Guide:
    """The guide with its path relative to the project root, as reports and pages show it."""
    try:
        return dataclasses.replace(guide, path=guide.path.resolve().relative_to(root.resolve()))
    except ValueError:
        return guide


def read_provenance(guide_path: Path) -> tuple[provenance.Entry, ...] | None:
    path = provenance.path_for(guide_path)
    if not path.is_file():
        return None
    try:
        return provenance.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SourceError(path, exc.lineno, f"not valid JSON ({exc.msg}); restore it from git") from None
    except (KeyError, TypeError) as exc:
        raise SourceError(path, 1, f"not a provenance file (missing {exc}); restore it from git") from None


def read_glossary(src_dir: Path, lang: str) -> glossary.Glossary:
    path = src_dir / f"glossary.{lang}.toml"
    try:
        return glossary.read(path)
    except ValueError as exc:
        raise SourceError(path, 1, str(exc)) from None


def reports_for(guides: list[Guide], root: Path) -> list[Report]:
    """Every check on every translated guide among these parsed guides (reads provenance and glossary)."""
    by_key = {(g.name, g.lang): g for g in guides}
    result = []
    for guide in guides:
        en = by_key.get((guide.name, SOURCE_LANG))
        if guide.lang == SOURCE_LANG or en is None:
            continue
        terms = read_glossary(root / "guide_src", guide.lang)
        ko, en = relative(guide, root), relative(en, root)
        result.append(check(ko, en, read_provenance(guide.path), terms))
    return result


def reports(root: Path, languages: tuple[str, ...]) -> list[Report]:
    """Every check on every translated guide under root/guide_src (reads files, never writes)."""
    found = discover(root / "guide_src", languages)
    return reports_for([read(path, lang) for paths in found.values() for lang, path in paths.items()], root)


def checked_reports(guides: list[Guide], root: Path) -> list[Report]:
    """The reports, or TranslationError listing every misalignment and code drift in all guides."""
    found = reports_for(guides, root)
    errors = [p for r in found for p in r.errors]
    if errors:
        raise TranslationError(errors)
    return found


def status_pages(found: list[Report], guides: list[Guide], docs_dir: Path, languages) -> dict[Path, str]:
    """docs/<lang>/translation-status.md for every site language."""
    pages = {}
    for lang in languages:
        titles = {g.name: g.meta.get("title", g.name) for g in guides if g.lang == lang}
        pages[docs_dir / lang / "translation-status.md"] = page(found, lang, titles)
    return pages


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
