"""Import keras.io "tutobook" guides, and scaffold a translation from an English guide.

A tutobook is a Python file whose top-level bare triple-quoted strings are
markdown and whose other lines are code; the first string is a header of
``Key: value`` lines (Title, Author or Authors, Date created, Last modified,
Description, sometimes Accelerator). A string's opening quotes may carry a tag, as
keras-io's scripts/tutobooks.py defines them: ``shell`` (commands; shown here
as a bash block and never run: the build installs what guides need) and
``invisible`` (a note for the guide's writers, never published; kept as a
markdown cell tagged ``invisible``).

``ast`` finds the top-level strings with their line spans; their text is taken
from the file's lines, not from the parsed string, so backslashes stay as
written (``\\frac`` is LaTeX, not a form feed). Comments and blank lines inside
code are kept exactly; jupytext writes the result in this project's percent
format (the same writer the sources are read with). The importer has no way to
know which backend the guide's prose assumes except its code: a guide that sets
``os.environ["KERAS_BACKEND"]`` gets that backend in its header.
"""

from __future__ import annotations

import ast
import re
import warnings

import jupytext
import nbformat.v4 as v4
import yaml

from ..errors import TutobookError
from ..sources import HIDDEN_TAG, PERCENT, assigned_backend
from .untranslated import UNTRANSLATED_TAG

HEADER_KEYS = {
    "title": "title", "author": "author", "authors": "author", "date created": "date_created",
    "last modified": "last_modified", "description": "description",
}
REQUIRED_KEYS = ("title", "author", "date_created", "last_modified", "description")
TAGS = ("shell", "invisible")
KERAS_IO = "https://keras.io"
LICENSE = "Apache-2.0"  # keras.io's guides and examples
PLACEHOLDER_CREDIT = "TODO: your name"  # sources.is_placeholder: the translator is still to be named
# A link or image target on keras.io's own site: ](/api/layers/) -> ](https://keras.io/api/layers/);
# keras.io's sources also wrap a long link after "](" (the target on the next line), which Markdown reads
# as the same link: it is joined back onto one line.
_SITE_LINK = re.compile(r"\]\([ \t]*\n?[ \t]*(/[^)\s]*)\)")
JUPYTEXT = {"cell_markers": '"""', "formats": "py:percent", "notebook_metadata_filter": "guide"}


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
    missing = [k for k in REQUIRED_KEYS if k not in meta]
    if missing:
        lacking = ", ".join(k.replace("_", " ").capitalize() for k in missing)
        raise TutobookError(f"{line}: the header docstring lacks {lacking}")
    return meta


def _string_text(lines: list[str], node: ast.Expr) -> tuple[str, str]:
    """(tag, text) of a top-level triple-quoted string, from the file's own lines (backslashes verbatim)."""
    first, last = lines[node.lineno - 1], lines[node.end_lineno - 1]
    opening = re.match(r'^[rRuU]?("""|\'\'\')(\w*)\s*(.*)$', first)
    if not opening or not last.rstrip().endswith(opening[1]):
        raise TutobookError(f"{node.lineno}: a markdown block is a string that starts and ends with '\"\"\"' "
                            "on lines of their own")
    tag = opening[2]
    if tag and tag not in TAGS:
        raise TutobookError(f"{node.lineno}: unknown block tag {tag!r} after '\"\"\"' "
                            f"(tutobooks know {', '.join(TAGS)})")
    if node.lineno == node.end_lineno:  # """one line"""
        body = [opening[3][: -len(opening[1])]]
    else:
        body = [opening[3], *lines[node.lineno: node.end_lineno - 1], last.rstrip()[: -len(opening[1])]]
    return tag, "\n".join(body).strip("\n")


def _markdown(tag: str, text: str) -> tuple[str, str, list[str]]:
    """(kind, source, tags) of the cell a tagged or plain string becomes."""
    if tag == "shell":
        fence = "```" if "```" not in text else "````"
        return "markdown", f"{fence}shell\n{text}\n{fence}", []
    text = _SITE_LINK.sub(lambda m: f"]({KERAS_IO}{m[1]})", text)
    return "markdown", text, [HIDDEN_TAG] if tag == "invisible" else []


def original_url(path_hint: str) -> str | None:
    """Where keras.io publishes a tutobook, from its path in keras-io (guides/x.py, examples/vision/x.py)."""
    parts = path_hint.replace("\\", "/").split("/")
    name = parts[-1].removesuffix(".py")
    if len(parts) >= 2 and parts[-2] == "guides":
        return f"{KERAS_IO}/guides/{name}/"
    if len(parts) >= 3 and parts[-3] == "examples":
        return f"{KERAS_IO}/examples/{parts[-2]}/{name}/"
    return None


def tutobook_cells(text: str) -> tuple[dict, list[tuple[str, str, list[str]]]]:
    """(header metadata, [(kind, source, tags), ...]) of a tutobook file."""
    try:
        with warnings.catch_warnings():  # "invalid escape sequence '\\s'" in LaTeX prose is not an error
            warnings.simplefilter("ignore")
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
    meta = _header(_string_text(lines, strings[0])[1], strings[0].lineno)
    cells: list[tuple[str, str, list[str]]] = []
    start = strings[0].end_lineno  # lines[start:] is everything after the header
    for block in [*strings[1:], None]:
        end = block.lineno - 1 if block else len(lines)
        code = "\n".join(lines[start:end]).strip("\n")
        if code.strip():
            cells.append(("code", code, []))
            backend = next((v.value for n in ast.walk(ast.parse(code)) if (v := assigned_backend(n))), None)
            if backend and "backend" not in meta:
                meta["backend"] = backend
        if block:
            cells.append(_markdown(*_string_text(lines, block)))
            start = block.end_lineno
    return meta, cells


def _yaml_header(meta: dict) -> str:
    # Written here rather than by jupytext: its header escapes non-ASCII text
    # ("Fran\\xE7ois", Korean titles) and stamps its own version into the file.
    data = {"jupyter": {"jupytext": dict(JUPYTEXT), "guide": meta}}
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return "\n".join(["# ---", *(f"# {line}" for line in body.splitlines()), "# ---"]) + "\n\n"


def percent_source(meta: dict, cells: list[tuple[str, str, list[str]]]) -> str:
    """A guide source in this project's format (jupytext percent, triple-quoted markdown)."""
    # "-all": jupytext writes the cells only; the header comes from _yaml_header.
    settings = {"cell_markers": JUPYTEXT["cell_markers"], "notebook_metadata_filter": "-all"}
    notebook = v4.new_notebook(metadata={"jupytext": settings})
    for kind, source, tags in cells:
        metadata = {"tags": tags} if tags else {}
        make = v4.new_markdown_cell if kind == "markdown" else v4.new_code_cell
        notebook.cells.append(make(source, metadata=metadata))
    return _yaml_header(meta) + jupytext.writes(notebook, fmt=PERCENT)


def import_tutobook(
    text: str, original: str | None = None, *, translation: bool = False,
    translation_source: str | None = None, backend: str | None = None, default_backend: str | None = None,
) -> str:
    """The guide source for a tutobook; original: its URL on keras.io (credited on the page); backend:
    the Keras backend it runs on, written into its header; default_backend: the one written where
    neither backend nor the tutobook's code names one (None: the header names none, and the guide runs
    on the default, TensorFlow, as keras.io's tutobooks do unless they say otherwise).

    translation: the tutobook is a translation (keras-ko's Korean guides, say): its header keeps a
    `Translator:` line, else gets the placeholder credit `scaffold` writes (so that status and the
    page count it unfinished until a person names the translator); translation_source: where the
    translated text comes from (credited on the page).
    """
    meta, cells = tutobook_cells(text)
    if original:
        meta["original"] = original
    if translation:
        meta.setdefault("translator", PLACEHOLDER_CREDIT)
        if translation_source:
            meta["translation_source"] = translation_source
    meta.setdefault("license", LICENSE)
    if backend is not None:
        meta["backend"] = backend  # a tutobook whose code sets another one is refused when read back
    elif default_backend is not None:
        meta.setdefault("backend", default_backend)
    return percent_source(meta, cells)


def scaffold(en_text: str) -> str:
    """A new translation: the English source with every markdown cell tagged untranslated."""
    notebook = jupytext.reads(en_text, fmt=PERCENT)
    meta = dict(notebook.metadata.get("guide") or {})
    meta.setdefault("translator", PLACEHOLDER_CREDIT)
    cells = []
    for cell in notebook.cells:
        tags = list(cell.metadata.get("tags", []))
        if cell.cell_type == "markdown" and HIDDEN_TAG not in tags:
            tags.append(UNTRANSLATED_TAG)
        cells.append((cell.cell_type, cell.source, tags))
    return percent_source(meta, cells)
