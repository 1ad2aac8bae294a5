"""The filesystem edge of the translation tools: read sources, provenance and glossary; write them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from ..errors import SourceError, TranslationError
from ..model import Guide
from ..project import SOURCE_LANG, folders, source_language
from ..sources import discover, read
from . import glossary, provenance
from .status import Report, check, page

STATUS_PAGE = "translation-status.md"  # docs/<lang>/ of it is generated whole


def relative(guide: Guide, root: Path) -> Guide:
    """The guide with its path relative to the project root, as reports and pages show it."""
    try:
        return dataclasses.replace(guide, path=guide.path.resolve().relative_to(root.resolve()))
    except ValueError:
        return guide


def read_provenance(guide_path: Path, path: Path | None = None) -> tuple[provenance.Entry, ...] | None:
    """The review record of a translation (path: another file to read it from, e.g. before a rename)."""
    path = path or provenance.path_for(guide_path)
    if not path.is_file():
        return None
    try:
        return provenance.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SourceError(path, exc.lineno, f"not valid JSON ({exc.msg}); restore it from git") from None
    except (KeyError, TypeError) as exc:
        raise SourceError(path, 1, f"not a provenance file (missing {exc}); restore it from git") from None


def renamed_provenance(guides: list[Guide], source: str = SOURCE_LANG) -> dict[Path, Path]:
    """Provenance files left behind by renamed guides: the file a translation lacks -> the orphaned file
    that holds its review record.

    An orphan is a provenance file whose guide source is gone; it belongs to the translation (in the
    same folder, without a provenance file of its own) whose English cells it records the most of,
    provided that is more than half of its entries. Otherwise it is left alone.
    """
    by_key = {(g.name, g.lang): g for g in guides}
    moves = {}
    for guide in guides:
        en = by_key.get((guide.name, source))
        wanted = provenance.path_for(guide.path)
        if guide.lang == source or en is None or wanted.is_file():
            continue
        hashes = {provenance.cell_hash(cell.source) for cell in en.cells}
        best, best_score = None, 0
        for orphan in sorted(guide.path.parent.glob("*.provenance.json")):
            if orphan in moves.values() or orphan.with_name(orphan.name.split(".")[0] + ".py").is_file():
                continue
            entries = read_provenance(guide.path, orphan) or ()
            score = sum(entry.sha256 in hashes for entry in entries)
            if score * 2 > len(entries) and score > best_score:
                best, best_score = orphan, score
        if best is not None:
            moves[wanted] = best
    return moves


def moved_provenance(old: Path, new_name: str) -> str:
    """The text of a provenance file moved to a renamed guide (its entries unchanged)."""
    data = json.loads(old.read_text(encoding="utf-8"))
    data["guide"] = new_name
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_glossary(src_dir: Path, lang: str) -> glossary.Glossary:
    path = src_dir / f"glossary.{lang}.toml"
    try:
        return glossary.read(path)
    except glossary.GlossaryError as exc:
        raise SourceError(exc.path, exc.line, exc.message) from None


def reports_for(guides: list[Guide], root: Path) -> list[Report]:
    """Every check on every translated guide among these parsed guides (reads provenance and glossary)."""
    by_key = {(g.name, g.lang): g for g in guides}
    source = source_language(root)
    moves = renamed_provenance(guides, source)
    glossaries: dict[str, glossary.Glossary] = {}  # one read per language, not per guide
    result = []
    for guide in guides:
        en = by_key.get((guide.name, source))
        if guide.lang == source or en is None:
            continue
        if guide.lang not in glossaries:
            glossaries[guide.lang] = read_glossary(folders(root)[0], guide.lang)
        terms = glossaries[guide.lang]
        ko, en = relative(guide, root), relative(en, root)
        entries = read_provenance(guide.path, moves.get(provenance.path_for(guide.path)))
        result.append(check(ko, en, entries, terms))
    return result


def reports(root: Path, languages: tuple[str, ...]) -> list[Report]:
    """Every check on every translated guide under root/guide_src (reads files, never writes)."""
    found = discover(folders(root)[0], languages)
    return reports_for([read(path, lang) for paths in found.values() for lang, path in paths.items()], root)


def checked_reports(guides: list[Guide], root: Path) -> list[Report]:
    """The reports, or TranslationError listing every misalignment and code drift in all guides."""
    found = reports_for(guides, root)
    errors = [p for r in found for p in r.errors]
    if errors:
        raise TranslationError(errors)
    return found


def status_pages(found: list[Report], guides: list[Guide], docs_dir: Path, labels: dict) -> dict[Path, str]:
    """docs/<lang>/translation-status.md for every site language (labels: language -> its Labels)."""
    pages = {}
    for lang, text in labels.items():
        titles = {g.name: g.meta.get("title", g.name) for g in guides if g.lang == lang}
        pages[docs_dir / lang / STATUS_PAGE] = page(found, lang, titles, text)
    return pages


def write_text(path: Path, text: str, *more: tuple[Path, str], root: Path | None = None) -> None:
    """Write one file, or several all or nothing (more: (path, text) pairs), each atomically."""
    from ..publish import write_together

    write_together(dict([(path, text), *more]), root=root)
