"""Per-cell provenance: which English text each Korean cell was translated from.

The committed file ``guide_src/<lang>/<guide>.provenance.json`` holds, for each
English cell, the sha256 and the text it had when its translation was last
reviewed. The text is stored (not only the hash) so that the English change can
be shown as a diff on any clone, shallow CI clones included, without digging
through git history. Text is stored as a list of lines so that the file diffs
line by line in review.

Entries are matched to today's English cells by hash with difflib, so inserting
or removing a cell in both languages does not make every later cell stale.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReviewRefused
from ..model import Guide
from .problems import WARNING, Problem
from .untranslated import UNTRANSLATED_TAG

TYPO_SIMILARITY = 0.9  # `review --typo` refuses changes less similar than this (difflib ratio)


@dataclass(frozen=True)
class Entry:
    sha256: str
    text: str


def cell_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def path_for(guide_path: Path) -> Path:
    return guide_path.with_suffix(".provenance.json")


def loads(text: str) -> tuple[Entry, ...]:
    data = json.loads(text)
    return tuple(Entry(c["en_sha256"], "\n".join(c["en_text"])) for c in data["cells"])


def dumps(en: Guide, entries: list[Entry | None]) -> str:
    """The file's text: entries in English cell order, one JSON line per text line."""
    cells = [
        {"cell": n, "kind": cell.kind, "en_sha256": e.sha256, "en_text": e.text.split("\n")}
        for n, (cell, e) in enumerate(zip(en.cells, entries, strict=True), 1)
        if e is not None
    ]
    data = {"guide": en.name, "translated_from": en.lang, "cells": cells}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def match(entries: tuple[Entry, ...], en: Guide) -> list[Entry | None]:
    """For each English cell today, the entry recorded for it (None: never recorded)."""
    now = [cell_hash(c.source) for c in en.cells]
    matched: list[Entry | None] = [None] * len(now)
    opcodes = difflib.SequenceMatcher(None, [e.sha256 for e in entries], now, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag in ("equal", "replace"):  # replace: cells edited in place, paired by position
            for k in range(min(i2 - i1, j2 - j1)):
                matched[j1 + k] = entries[i1 + k]
    return matched


def stale(ko: Guide, en: Guide, entries: tuple[Entry, ...] | None) -> list[Problem]:
    """Korean cells whose English cell changed since the translation was reviewed."""
    if entries is None:
        return [Problem(
            "stale", WARNING, str(ko.path), 1,
            f"no provenance file {path_for(ko.path).name}; after checking the translation run "
            f"`python -m guidesite review {ko.name} --all`",
        )]
    problems = []
    for number, (k, e, old) in enumerate(zip(ko.cells, en.cells, match(entries, en), strict=False), 1):
        if old is not None and old.sha256 == cell_hash(e.source):
            continue
        # Nothing translated here can be out of date: a cell still tagged untranslated
        # (`status` lists it as such), or code identical to the English code.
        if UNTRANSLATED_TAG in k.tags or (k.kind == "code" and k.source == e.source):
            continue
        if old is None:
            message, diff = f"cell {number}: its English cell has no recorded translation (new cell?)", ""
        else:
            message = f"cell {number}: the English cell changed since this translation was reviewed"
            diff = "\n".join(difflib.unified_diff(
                old.text.split("\n"), e.source.split("\n"),
                f"{en.path}:{e.line} (cell {number}, as translated)",
                f"{en.path}:{e.line} (cell {number}, now)",
                lineterm="",
            ))
        problems.append(Problem(
            "stale", WARNING, str(ko.path), k.line,
            f"{message}; update the translation, then `python -m guidesite review {ko.name} --cell {number}` "
            f"(or `--typo --cell {number}` if the English change needs no re-translation)",
            number, str(en.path), e.line, diff,
        ))
    return problems


def review(
    en: Guide, entries: tuple[Entry, ...] | None, cells: list[int] | None, *, typo: bool = False
) -> list[Entry | None]:
    """Record today's English text for the given cell numbers (None: all cells)."""
    matched = match(entries or (), en)
    wanted = range(1, len(en.cells) + 1) if cells is None else cells
    for number in wanted:
        if not 1 <= number <= len(en.cells):
            raise ReviewRefused(f"{en.name} has cells 1 to {len(en.cells)}; there is no cell {number}")
        source = en.cells[number - 1].source
        old = matched[number - 1]
        if typo and old is not None and old.sha256 != cell_hash(source):
            ratio = difflib.SequenceMatcher(None, old.text, source, autojunk=False).ratio()
            if ratio < TYPO_SIMILARITY:
                raise ReviewRefused(
                    f"{en.path}:{en.cells[number - 1].line}: cell {number} changed too much for a typo fix "
                    f"(similarity {ratio:.2f} < {TYPO_SIMILARITY}); update the Korean cell and run "
                    f"`review {en.name} --cell {number}` without --typo"
                )
        if typo and old is None:
            raise ReviewRefused(
                f"{en.path}:{en.cells[number - 1].line}: cell {number} was never translated from a recorded "
                "English text, so it cannot be a typo fix; translate it and run review without --typo"
            )
        matched[number - 1] = Entry(cell_hash(source), source)
    return matched
