"""Import keras.io "tutobook" guides, and scaffold a translation from an English guide.

A tutobook is a Python file whose top-level bare triple-quoted strings are
markdown and whose other lines are code; the first string is a header of
``Key: value`` lines (Title, Author, Date created, Last modified, Description).
``ast`` finds the top-level strings with their line spans, so comments and
blank lines inside code are kept exactly; jupytext writes the result in this
project's percent format (the same writer the sources are read with).
"""

from __future__ import annotations

import ast
import re

import jupytext
import nbformat.v4 as v4
import yaml

from .untranslated import UNTRANSLATED_TAG

HEADER_KEYS = {
    "title": "title", "author": "author", "date created": "date_created",
    "last modified": "last_modified", "description": "description",
}
JUPYTEXT = {"cell_markers": '"""', "formats": "py:percent", "notebook_metadata_filter": "guide"}


class TutobookError(ValueError):
    """The file is not a tutobook; the message names the line and what is expected."""


def _date(value: str) -> str:
    # keras.io writes 2020/04/01; this project's headers use ISO dates.
    return re.sub(r"^(\d{4})/(\d{2})/(\d{2})$", r"\1-\2-\3", value.strip())


def _header(text: str, line: int) -> dict:
    meta = {}
    for n, raw in enumerate(text.strip("\n").splitlines()):
        key, sep, value = raw.partition(":")
        if not sep or not value.strip():
            raise TutobookError(f"{line + 1 + n}: header lines are 'Key: value', found {raw!r}")
        name = HEADER_KEYS.get(key.strip().lower(), re.sub(r"\W+", "_", key.strip().lower()))
        meta[name] = _date(value) if name in ("date_created", "last_modified") else value.strip()
    missing = [k for k in HEADER_KEYS if HEADER_KEYS[k] not in meta]
    if missing:
        lacking = ", ".join(k.capitalize() for k in missing)
        raise TutobookError(f"{line}: the header docstring lacks {lacking}")
    return meta


def tutobook_cells(text: str) -> tuple[dict, list[tuple[str, str]]]:
    """(header metadata, [(kind, source), ...]) of a tutobook file."""
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        raise TutobookError(f"{exc.lineno}: not valid Python ({exc.msg})") from None
    lines = text.splitlines()
    strings = [
        s for s in tree.body
        if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str)
        and s.col_offset == 0
    ]
    if not strings or strings[0] is not tree.body[0]:
        raise TutobookError("1: a tutobook starts with a docstring holding Title:, Author:, ... lines")
    meta = _header(strings[0].value.value, strings[0].lineno)
    cells: list[tuple[str, str]] = []
    start = strings[0].end_lineno  # lines[start:] is everything after the header
    for block in [*strings[1:], None]:
        end = block.lineno - 1 if block else len(lines)
        code = "\n".join(lines[start:end]).strip("\n")
        if code.strip():
            cells.append(("code", code))
        if block:
            cells.append(("markdown", block.value.value.strip("\n")))
            start = block.end_lineno
    return meta, cells


def _yaml_header(meta: dict) -> str:
    # Written here rather than by jupytext: its header escapes non-ASCII text
    # ("Fran\\xE7ois", Korean titles) and stamps its own version into the file.
    data = {"jupyter": {"jupytext": dict(JUPYTEXT), "guide": meta}}
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return "\n".join(["# ---", *(f"# {line}" for line in body.splitlines()), "# ---"]) + "\n\n"


def percent_source(meta: dict, cells: list[tuple[str, str]], tags: dict[int, list[str]] | None = None) -> str:
    """A guide source in this project's format (jupytext percent, triple-quoted markdown)."""
    # "-all": jupytext writes the cells only; the header comes from _yaml_header.
    settings = {"cell_markers": JUPYTEXT["cell_markers"], "notebook_metadata_filter": "-all"}
    notebook = v4.new_notebook(metadata={"jupytext": settings})
    for n, (kind, source) in enumerate(cells):
        metadata = {"tags": tags[n]} if tags and n in tags else {}
        make = v4.new_markdown_cell if kind == "markdown" else v4.new_code_cell
        notebook.cells.append(make(source, metadata=metadata))
    return _yaml_header(meta) + jupytext.writes(notebook, fmt="py:percent")


def import_tutobook(text: str) -> str:
    meta, cells = tutobook_cells(text)
    return percent_source(meta, cells)


def scaffold(en_text: str) -> str:
    """A new translation: the English source with every markdown cell tagged untranslated."""
    notebook = jupytext.reads(en_text, fmt="py:percent")
    meta = dict(notebook.metadata.get("guide") or {})
    meta.setdefault("translator", "TODO: your name")
    cells = [(c.cell_type, c.source) for c in notebook.cells]
    tags = {n: [UNTRANSLATED_TAG] for n, (kind, _) in enumerate(cells) if kind == "markdown"}
    return percent_source(meta, cells, tags)
