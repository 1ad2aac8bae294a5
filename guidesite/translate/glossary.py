"""Glossary lint: an English markdown cell that uses a term needs its Korean term in the aligned cell.

The glossary (``guide_src/glossary.ko.toml``) maps English terms to the Korean
term translators agreed on (or a list of accepted forms), and has exceptions by
sense: a phrase such as "infrastructure layer" with its own Korean term. An
exception phrase is checked on its own and removed before its words are looked
up as general terms. Korean attaches particles to nouns ("층을"), so the Korean
term is looked for as a substring. Matching ignores code and identifiers
(``untranslated.prose``), case, and a plural "s"/"es".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..model import Guide
from .problems import WARNING, Problem
from .untranslated import prose


@dataclass(frozen=True)
class Glossary:
    terms: dict[str, tuple[str, ...]]  # English term -> accepted Korean forms, preferred first
    exceptions: dict[str, tuple[str, ...]]  # English phrase -> accepted Korean forms
    path: str = ""


def _forms(value, path: str, key: str) -> tuple[str, ...]:
    forms = (value,) if isinstance(value, str) else tuple(value) if isinstance(value, list) else ()
    if not forms or not all(isinstance(f, str) and f.strip() for f in forms):
        raise ValueError(f"{path}: '{key}' must be a Korean term or a list of them")
    return forms


def loads(text: str, path: str = "glossary") -> Glossary:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: {exc}") from None
    unknown = set(data) - {"terms", "exceptions"}
    if unknown:
        raise ValueError(f"{path}: unknown table(s) {sorted(unknown)}; use [terms] and [exceptions]")
    return Glossary(
        {k: _forms(v, path, k) for k, v in data.get("terms", {}).items()},
        {k: _forms(v, path, k) for k, v in data.get("exceptions", {}).items()},
        path,
    )


def read(path: Path) -> Glossary:
    if not path.is_file():
        return Glossary({}, {}, str(path))
    return loads(path.read_text(encoding="utf-8"), str(path))


def _pattern(term: str) -> re.Pattern:
    words = r"\s+".join(re.escape(w) for w in term.split())
    return re.compile(rf"\b{words}(?:e?s)?\b", re.I)


def _first_use(text: str, term: str) -> int | None:
    """0-based line of the first use of term in text, or None."""
    match = _pattern(term).search(text)
    return text.count("\n", 0, match.start()) if match else None


def lint(ko: Guide, en: Guide, glossary: Glossary) -> list[Problem]:
    problems = []
    for number, (k, e) in enumerate(zip(ko.cells, en.cells, strict=False), 1):
        if k.kind != "markdown" or e.kind != "markdown":
            continue
        text = prose(e.source)
        checks = []
        for phrase, forms in glossary.exceptions.items():
            checks.append((phrase, forms, _first_use(text, phrase)))
            # Blank the phrase but keep line breaks, so later line numbers stay right.
            text = _pattern(phrase).sub(lambda m: re.sub(r"\S", " ", m.group(0)), text)
        checks += [(term, forms, _first_use(text, term)) for term, forms in glossary.terms.items()]
        for term, forms, line in checks:
            if line is None or any(form in k.source for form in forms):
                continue
            wanted = " or ".join(f"'{f}'" for f in forms)
            problems.append(Problem(
                "glossary", WARNING, str(ko.path), k.line,
                f"cell {number}: the English uses '{term}' but this cell has no {wanted}; use the "
                f"glossary term, or add a sense exception to {Path(glossary.path).name or 'the glossary'}",
                number, str(en.path), e.line + 2 + line,
            ))
    return problems
