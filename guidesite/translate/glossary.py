"""Glossary lint: the Korean guides use the terms translators agreed on, and avoid the ones they dropped.

The glossary (``guide_src/glossary.ko.toml``) has four tables:

- ``[terms]`` maps English terms to the Korean term translators agreed on (or a
  list of accepted forms): an English markdown cell that uses a term needs one
  of its forms in the aligned Korean cell. Korean attaches particles to nouns
  ("층을"), so a Korean form is looked for as a substring. Matching the English
  ignores code and identifiers (``untranslated.prose``), case, and a plural "s"/"es".
- ``[exceptions]``: senses where a term takes another Korean word, such as
  "infrastructure layer". An exception phrase is checked on its own and
  removed before its words are looked up as general terms.
- ``[avoid]`` maps a Korean form to avoid to the form to write instead
  (``"측정 지표" = "지표"``): every occurrence in Korean prose (markdown cells,
  the header's title and description; code and code spans are not prose) is
  reported at its line. An avoided form cannot also be an accepted form in [terms].
- ``[readings]`` maps code identifiers to their Korean readings for the site's
  search (``Dropout = "드롭아웃"``); ``guidesite.readings`` uses them, not the lint.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Guide
from .problems import WARNING, Problem
from .untranslated import UNTRANSLATED_TAG, prose

TABLES = ("terms", "exceptions", "avoid", "readings")
# One identifier or a dotted name (`GradientTape`, `optimizer`, `tf.function`), as [readings] keys are.
IDENTIFIER = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*", re.ASCII)


@dataclass(frozen=True)
class Glossary:
    terms: dict[str, tuple[str, ...]]  # English term -> accepted Korean forms, preferred first
    exceptions: dict[str, tuple[str, ...]]  # English phrase -> accepted Korean forms
    path: str = ""
    avoid: dict[str, str] = field(default_factory=dict)  # Korean form to avoid -> the form to write instead
    readings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # identifier -> Korean readings

    @property
    def name(self) -> str:
        return Path(self.path).name or "the glossary"


class GlossaryError(ValueError):
    """The glossary file is not valid; str() is "path:line: message"."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def key_line(text: str, table: str, key: str) -> int:
    """The 1-based line that sets key in [table] (1 when it cannot be found)."""
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if header := re.fullmatch(r"\[\s*([^\]]*?)\s*\](?:\s*#.*)?", stripped):
            current = header[1]
        elif current == table and "=" in stripped:
            if stripped.split("=", 1)[0].strip().strip("\"'") == key:
                return number
    return 1


def _forms(value, error, key: str) -> tuple[str, ...]:
    forms = (value,) if isinstance(value, str) else tuple(value) if isinstance(value, list) else ()
    if not forms or not all(isinstance(f, str) and f.strip() for f in forms):
        raise error(key, f"'{key}' must be a Korean term or a list of them")
    return forms


def _table(data: dict, name: str, error) -> dict:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise error("", f"'{name}' must be a table: write [{name}] on a line of its own, "
                    "then one key = value line per entry")
    return table


def _avoid(table: dict, terms: dict[str, tuple[str, ...]], error) -> dict[str, str]:
    accepted = {form: term for term, forms in terms.items() for form in forms}
    for form, instead in table.items():
        if not isinstance(instead, str) or not instead.strip() or not form.strip():
            raise error(form, f"[avoid] '{form}' must be followed by the form to write instead, "
                        'as one string: "측정 지표" = "지표"')
        if form in accepted:
            raise error(form, f"[avoid] '{form}' is also an accepted form of '{accepted[form]}' in [terms]; "
                        "remove it from one of the two tables")
    return dict(table)


def _readings(table: dict, error) -> dict[str, tuple[str, ...]]:
    for key in table:
        if not IDENTIFIER.fullmatch(key):
            raise error(key, f"[readings] '{key}' is not an identifier or dotted name (such as `Dropout` "
                        "or `tf.function`)")
    return {key: _forms(value, lambda k, m: error(k, "[readings] " + m), key) for key, value in table.items()}


def loads(text: str, path: str = "glossary") -> Glossary:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"at line (\d+)", str(exc))
        raise GlossaryError(path, int(at[1]) if at else 1, f"not valid TOML ({exc})") from None
    unknown = set(data) - set(TABLES)
    if unknown:
        tables = ", ".join(f"[{t}]" for t in TABLES)
        raise GlossaryError(path, 1, f"unknown table(s) {sorted(unknown)}; use {tables}")

    def in_table(name: str):
        return lambda key, message: GlossaryError(path, key_line(text, name, key) if key else 1, message)

    terms = {k: _forms(v, in_table("terms"), k) for k, v in _table(data, "terms", in_table("terms")).items()}
    exceptions = _table(data, "exceptions", in_table("exceptions"))
    return Glossary(
        terms,
        {k: _forms(v, in_table("exceptions"), k) for k, v in exceptions.items()},
        path,
        _avoid(_table(data, "avoid", in_table("avoid")), terms, in_table("avoid")),
        _readings(_table(data, "readings", in_table("readings")), in_table("readings")),
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
    """[terms] and [exceptions]: English cells whose term the aligned Korean cell does not use."""
    problems = []
    for number, (k, e) in enumerate(zip(ko.cells, en.cells, strict=False), 1):
        # A cell still tagged untranslated is English (reported as such): its terms are not yet due.
        if k.kind != "markdown" or e.kind != "markdown" or UNTRANSLATED_TAG in k.tags:
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
                f"glossary term, or add a sense exception to {glossary.name}",
                number, str(en.path), e.line + 2 + line,
            ))
    return problems


def occurrences(text: str, avoid: dict[str, str]) -> list[tuple[int, str]]:
    """(0-based line, avoided form) for every occurrence of an avoided form in text, in text order.

    Korean attaches particles, so a form is a substring ("상속하여" holds "상속"); the words of a
    form of several words may be split by any whitespace, a line break included.
    """
    found = []
    for form in avoid:
        pattern = re.compile(r"\s+".join(re.escape(word) for word in form.split()))
        found += [(text.count("\n", 0, m.start()), form, m.start()) for m in pattern.finditer(text)]
    return [(line, form) for line, form, _ in sorted(found, key=lambda f: (f[2], f[1]))]


def avoided(ko: Guide, glossary: Glossary) -> list[Problem]:
    """[avoid]: each use of an avoided form in the prose of a Korean guide, at its line."""
    def problem(line: int, form: str, where: str, cell: int = 0) -> Problem:
        return Problem(
            "glossary", WARNING, str(ko.path), line,
            f"{where}: '{form}' is a form to avoid; write '{glossary.avoid[form]}' instead "
            f"(rule in {glossary.name} [avoid])", cell,
        )

    problems = []
    for key in ("title", "description"):  # published prose too (the page's title and lead)
        for _, form in occurrences(str(ko.meta.get(key, "")), glossary.avoid):
            problems.append(problem(ko.meta_line(key), form, f"header `{key}`"))
    for number, cell in enumerate(ko.cells, 1):
        if cell.kind != "markdown":
            continue
        # The text starts two lines below the marker: '# %% [markdown]', then '"""'.
        for line, form in occurrences(prose(cell.source), glossary.avoid):
            problems.append(problem(cell.line + 2 + line, form, f"cell {number}", number))
    return problems
