"""The interface text of each site language, as data: ``guidesite/labels/<lang>.toml`` for the
languages this package knows (Korean, English), and ``<labels>/<lang>.toml`` in a project for its own
(``[tool.guidesite] labels``, default ``labels/``), which adds languages or changes wording.

A file has five tables: ``[page]`` (guide pages and notebook downloads), ``[home]`` (the tables of the
home and benchmarks pages), ``[status]`` (the translation status page), ``[canary]`` (the canary page)
and ``[languages]`` (how this language names the site's languages). A project's file may leave out
what the packaged file of the same language has; for a language this package does not know, it must
have every key the English file has, so that no page mixes languages.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import ConfigError

PACKAGED = Path(__file__).parent / "labels"
TABLES = ("page", "home", "status", "canary", "languages")
_OPTIONAL = ("languages",)  # a language name missing falls back to its code


@dataclass(frozen=True)
class Labels:
    """One language's interface text."""

    lang: str
    page: dict
    home: dict
    status: dict
    canary: dict
    languages: dict

    def language_name(self, code: str) -> str:
        return self.languages.get(code, code)


def _read(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        line = int(str(exc).rsplit("line ", 1)[1].split(",")[0]) if "line " in str(exc) else 1
        raise ConfigError(path, line, f"not valid TOML ({exc})") from None
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise ConfigError(path, 1, f"unknown table(s) {unknown}; a labels file has {list(TABLES)}")
    return data


@cache
def packaged(lang: str) -> Labels | None:
    """This package's own text for lang, or None if it has none."""
    path = PACKAGED / f"{lang}.toml"
    return _from_tables(lang, _read(path)) if path.is_file() else None


def _from_tables(lang: str, data: dict) -> Labels:
    return Labels(lang, *({**data.get(table, {})} for table in TABLES))


def labels_for(lang: str, folder: Path | None = None) -> Labels:
    """lang's interface text: the packaged file, with the project's own file (folder/<lang>.toml) over it."""
    base = packaged(lang)
    own = folder / f"{lang}.toml" if folder is not None else None
    if own is None or not own.is_file():
        if base is None:
            where = own if own is not None else f"labels/{lang}.toml"
            raise ConfigError(where, 1, f"no interface text for the site language {lang!r}: write this file "
                              f"(copy {PACKAGED / 'en.toml'} and translate its values, keeping the "
                              "{placeholders})")
        return base
    data = _read(own)
    merged = {table: {**(getattr(base, table) if base else {}), **data.get(table, {})} for table in TABLES}
    if base is None:
        english = packaged("en")
        for table in TABLES:
            missing = sorted(set(getattr(english, table)) - set(merged.get(table, {})))
            if missing and table not in _OPTIONAL:
                raise ConfigError(own, 1, f"[{table}] lacks {', '.join(missing)}: every key of "
                                  f"{PACKAGED / 'en.toml'} needs a value in {lang}")
    return _from_tables(lang, merged)
