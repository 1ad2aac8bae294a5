"""Korean readings of code identifiers, for the Korean site's search (pure).

A Korean reader searches for 드롭아웃 where the page says `Dropout`. The glossary's
``[readings]`` table maps identifiers to their readings. Each section of a rendered
page (the text under one heading, as Material's search splits pages) whose code
uses an identifier gets that identifier's readings in a hidden element at the
section's end, just before the next heading. Material's search plugin indexes the
text of every element that is not marked ``data-search-exclude``, so the readings
are searched as part of that section; ``hidden`` keeps them off the screen and away
from screen readers. Code is what a section's Python fences (code cells and code
examples) and code spans hold; output fences are not code.

An identifier matches case-sensitively and whole, alone or as a part of a dotted
name: `Dense` matches `keras.layers.Dense` but not `MyDense` or `dense`; a dotted
key (`tf.function`) matches that dotted name. The page's Markdown is the only place
that gets readings: notebooks are made from the guide's cells, and doctests run
fences only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

READINGS_OPEN = '<div class="search-readings" hidden data-search-exclude>'
READINGS_CLOSE = "</div>"

_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")  # an ATX heading at the start of a line
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def sections(page: str) -> list[str]:
    """The page cut before every heading outside fences; the pieces join back to the page."""
    pieces, current, fence = [], [], ""
    for line in page.splitlines(keepends=True):
        if fence:
            fence = "" if line.strip().startswith(fence) and not line.strip().strip(fence[0]) else fence
        elif match := _FENCE.match(line):
            fence = match[1]
        elif _HEADING.match(line) and current:
            pieces.append("".join(current))
            current = []
        current.append(line)
    return [*pieces, "".join(current)] if current else pieces


def code_of(section: str) -> str:
    """The code of a section: its Python fences' lines and its code spans, one per line."""
    code, fence, is_python = [], "", False
    for line in section.splitlines():
        if fence:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            elif is_python:
                code.append(line)
        elif match := _FENCE.match(line):
            fence, is_python = match[1], "python" in match[2]
        else:
            code += [span[2] for span in _CODE_SPAN.finditer(line)]
    return "\n".join(code)


def _uses(code: str, identifier: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(identifier)}(?!\w)", code) is not None


def readings_in(code: str, readings: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """identifier -> readings, for every identifier of the glossary that the code uses (glossary order)."""
    return {identifier: forms for identifier, forms in readings.items() if _uses(code, identifier)}


def reading_text(found: Mapping[str, tuple[str, ...]]) -> str:
    """The readings, each with the identifiers it reads.

    For example "드롭아웃: Dropout, 옵티마이저: optimizer/optimizers".

    Search results show the part of a section that matched, so a reader who searched 드롭아웃
    sees why the section was found. Each entry ends with an identifier: the result shows a
    match's text up to its last word, and would cut a closing mark.
    """
    by_forms: dict[tuple[str, ...], list[str]] = {}
    for identifier, forms in found.items():
        by_forms.setdefault(forms, []).append(identifier)
    return ", ".join(f"{'/'.join(forms)}: {'/'.join(ids)}" for forms, ids in by_forms.items())


def hidden_readings(found: Mapping[str, tuple[str, ...]]) -> str:
    """The element that carries a section's readings into the search index, unseen."""
    return f"{READINGS_OPEN}{html.escape(reading_text(found))}{READINGS_CLOSE}"


def with_readings(page: str, readings: Mapping[str, tuple[str, ...]]) -> str:
    """The page with each section's readings at its end (the page as it is without readings)."""
    if not readings:
        return page
    pieces = sections(page)
    out = []
    for number, section in enumerate(pieces, 1):
        found = readings_in(code_of(section), readings)
        if not found:
            out.append(section)
            continue
        body = section.rstrip("\n")
        # A blank line before the element ends the block above it; one after ends the element.
        out.append(f"{body}\n\n{hidden_readings(found)}\n" + ("" if number == len(pieces) else "\n"))
    return "".join(out)
