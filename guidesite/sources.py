"""Read guide sources (jupytext percent format) into Guide objects.

jupytext does the parsing. What it does not give is the line where each cell
starts in the file, which every error message needs; ``_cell_marker_lines``
finds the ``# %%`` markers for that, and ``reads`` checks both agree.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from . import stamp
from .backends import BACKENDS, DEFAULT_BACKEND
from .errors import SourceError
from .model import Cell, Guide

REQUIRED_META = ("title", "description", "author", "date_created", "last_modified")
# Guides are Python: a comment such as "# %d formats ..." or "# !ls" stays a comment
# (jupytext's default would read it as a commented-out IPython magic and uncomment it).
PERCENT = {"extension": ".py", "format_name": "percent", "comment_magics": False}
_MARKER = re.compile(r"^# %%( \[markdown\]| \[md\])?(\s.*)?$")


def _cell_marker_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1) if _MARKER.match(line)]


def _header_end_line(text: str) -> int:
    lines = text.splitlines()
    if lines and lines[0].strip() == "# ---":
        for n, line in enumerate(lines[1:], 2):
            if line.strip() == "# ---":
                return n
    return 1


def _meta_lines(text: str) -> dict[str, int]:
    """{key: line} for 'guide:' and the fields under it in the '# ---' header."""
    found: dict[str, int] = {}
    for n, line in enumerate(text.splitlines()[: _header_end_line(text)], 1):
        if re.match(r"^#\s+guide:\s*$", line):
            found["guide"] = n
        elif "guide" in found and (match := re.match(r"^#\s{4,}(\w+):", line)):
            found.setdefault(match[1], n)
    return found


ONLY_TAG = "only-"  # a code cell tagged only-<backend> runs on that backend and must raise on the others
HIDDEN_TAG = "invisible"  # a markdown cell kept in the source for writers, never published
# Tags that only say how the doctests compare a cell's numbers (compare.py: tolerance-training): they
# never change what executes, so they are not part of the cache key.
TOLERANCE_TAG = "tolerance-"
TOLERANCE_TAGS = ("tolerance-training",)


def is_placeholder(value) -> bool:
    """A credit `scaffold` left for the translator to fill in ("TODO: your name"), or an empty one."""
    return not str(value or "").strip() or str(value).strip().upper().startswith("TODO")


def placeholder_credit(meta: dict) -> bool:
    """A translation whose header still has the placeholder `translator:` credit."""
    return "translator" in meta and is_placeholder(meta["translator"])


def backends_of(meta: dict) -> tuple[str, ...]:
    """The backends a header declares: `backends: [jax, tensorflow]`, `backend: jax`, or the default."""
    if "backends" in meta:
        return tuple(meta["backends"])
    return (meta.get("backend", DEFAULT_BACKEND),)


def guide_backends(guide: Guide) -> tuple[str, ...]:
    """Every KERAS_BACKEND the guide is executed and tested on, the first one first."""
    return backends_of(guide.meta)


def guide_backend(guide: Guide) -> str:
    """The guide's first backend: the one its notebook download and Colab link carry."""
    return guide_backends(guide)[0]


def only_backend(cell: Cell) -> str | None:
    """The backend a code cell is tagged to run on alone (`only-jax`), if any."""
    return next((tag[len(ONLY_TAG):] for tag in cell.tags if tag.startswith(ONLY_TAG)), None)


def _check_header(meta: dict, path: Path, lines: dict[str, int]) -> None:
    def fail(key: str, message: str):
        raise SourceError(path, lines.get(key) or lines.get("guide", 1), message)

    tolerance = meta.get("tolerance")
    if tolerance is not None and not (type(tolerance) in (int, float) and 0 < tolerance < 1):
        fail("tolerance", f"'tolerance: {tolerance}' under 'guide:' must be a number between 0 and 1: "
             "how far, relative, the doctests let numbers from training move (e.g. 0.02 for 2%)")
    timeout = meta.get("timeout")
    if timeout is not None and not (type(timeout) is int and timeout > 0):
        fail("timeout", f"'timeout: {timeout}' under 'guide:' must be a whole number "
             "of seconds greater than 0 (how long one cell may run)")
    if "backend" in meta and "backends" in meta:
        fail("backends", "write either `backend: <name>` or `backends: [<name>, ...]`, not both")
    listed = meta.get("backends", [meta.get("backend", DEFAULT_BACKEND)])
    key = "backends" if "backends" in meta else "backend"
    if not isinstance(listed, list) or not listed or len(set(map(str, listed))) != len(listed):
        fail(key, "'backends:' is a list of different backends, e.g. [jax, tensorflow]")
    for backend in listed:
        if backend not in BACKENDS:
            fail(key, f"{backend!r} is not a Keras backend; write one of {', '.join(BACKENDS)}")
    env = meta.get("env", [])
    names_ok = isinstance(env, list) and all(isinstance(n, str) and re.fullmatch(r"[A-Z_]\w*", n)
                                             for n in env)
    if not names_ok:
        fail("env", "'env:' lists names of environment variables the kernel may see, e.g. [WANDB_MODE]")


def assigned_backend(node: ast.AST) -> ast.Constant | None:
    """The constant a statement gives KERAS_BACKEND (os.environ[...] = / setdefault / putenv), if any."""
    def is_key(n) -> bool:
        return isinstance(n, ast.Constant) and n.value == "KERAS_BACKEND"

    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
        if any(isinstance(t, ast.Subscript) and is_key(t.slice) for t in node.targets):
            return node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in ("setdefault", "putenv") and len(node.args) == 2 and is_key(node.args[0]):
            return node.args[1] if isinstance(node.args[1], ast.Constant) else None
    return None


def _check_backend_in_code(source: str, line: int, backends: tuple[str, ...], path: Path) -> None:
    """Refuse code that sets KERAS_BACKEND to a backend the header lacks, or on a multi-backend guide."""
    for node in ast.walk(ast.parse(source)):
        value = assigned_backend(node)
        if value is None:
            continue
        if len(backends) > 1:
            raise SourceError(
                path, line + value.lineno, f"this cell sets KERAS_BACKEND, but the guide runs on "
                f"{', '.join(backends)}: the build sets it for each run; remove this line"
            )
        if value.value != backends[0]:
            raise SourceError(
                path, line + value.lineno, f"this cell sets KERAS_BACKEND to {value.value!r} but the guide "
                f"runs on {backends[0]!r}; declare the backend in the header instead "
                f"(`backend: {value.value}` under 'guide:'): the kernel gets it before anything imports keras"
            )


def reads(text: str, path: Path, lang: str) -> Guide:
    """Parse one guide source. Raises SourceError naming path and line."""
    header_line = _header_end_line(text)
    try:
        import jupytext  # here, not at the top: a no-op build that hits the stamp never needs it

        notebook = jupytext.reads(text, fmt=PERCENT)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        # The YAML starts on the line after the opening "# ---" (marks are 0-based).
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(
            path, line, f"the '# ---' header is not valid YAML ({problem}); quote values that "
            "contain ':' or start with '[', '{' or '*'"
        ) from None
    except Exception as exc:  # jupytext raises many types; all mean "bad source"
        raise SourceError(path, 1, f"jupytext cannot read this file: {exc}") from exc
    meta = dict(notebook.metadata.get("guide") or {})
    if not meta:
        raise SourceError(
            path, 1, "missing 'guide:' metadata in the '# ---' header; copy the header "
            "of an existing guide and fill in title, description, author, dates"
        )
    meta_lines = _meta_lines(text)
    missing = [key for key in REQUIRED_META if not str(meta.get(key, "")).strip()]
    if missing:
        guide_line = meta_lines.get("guide", header_line)  # where missing fields must be added
        raise SourceError(path, guide_line, f"header field(s) missing under 'guide:': {', '.join(missing)}")
    _check_header(meta, path, meta_lines)
    markers = _cell_marker_lines(text)
    cells = notebook.cells
    if len(markers) != len(cells):
        first = markers[0] if markers else header_line
        raise SourceError(
            path, first, f"found {len(markers)} '# %%' markers but {len(cells)} cells; "
            "text outside a '# %%' cell or an unterminated triple-quoted markdown cell?"
        )
    parsed = []
    for line, cell in zip(markers, cells, strict=True):
        source = cell.source
        if cell.cell_type == "markdown" and cell.metadata.get("cell_marker") not in ('"""', 'r"""'):
            raise SourceError(
                path, line, 'markdown cell is not a triple-quoted string; write it as """ ... """'
            )
        if cell.cell_type == "code":
            try:
                compile(source, str(path), "exec", dont_inherit=True)
            except SyntaxError as exc:
                # +1: the code starts on the line after the "# %%" marker.
                raise SourceError(path, line + (exc.lineno or 1), f"syntax error: {exc.msg}") from None
            _check_backend_in_code(source, line, backends_of(meta), path)
        parsed.append(Cell(cell.cell_type, source, line, tuple(cell.metadata.get("tags", ()))))
        unknown = [t for t in parsed[-1].tags if t.startswith(TOLERANCE_TAG) and t not in TOLERANCE_TAGS]
        if unknown or (cell.cell_type != "code" and any(t in TOLERANCE_TAGS for t in parsed[-1].tags)):
            raise SourceError(
                path, line, f"tag {(unknown or TOLERANCE_TAGS)[0]!r}: the only tolerance tag is "
                "'tolerance-training', on a code cell whose printed numbers come from training; for a wider "
                "tolerance set `tolerance: <relative>` under 'guide:' in the header"
            )
        only = only_backend(parsed[-1])
        if only is not None and (cell.cell_type != "code" or only not in backends_of(meta)):
            raise SourceError(path, line, f"tag '{ONLY_TAG}{only}' names a backend the guide does not run on "
                              f"({', '.join(backends_of(meta))}), or is on a markdown cell")
    return Guide(name=path.stem, lang=lang, path=path, meta=meta, cells=tuple(parsed), meta_lines=meta_lines)


def read(path: Path, lang: str, cache_root: Path | None = None) -> Guide:
    """Read and parse one guide source; with cache_root, reuse the parse of an unchanged source (stamp.py)."""

    def parse(data: bytes) -> Guide:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(path, 1, f"not UTF-8 (byte {exc.start}); save the file as UTF-8") from None
        return reads(text.replace("\r\n", "\n").replace("\r", "\n"), path, lang)  # as read_text() does

    return parse(path.read_bytes()) if cache_root is None else stamp.cached(cache_root, path, lang, parse)


def discover(src_dir: Path, languages: tuple[str, ...]) -> dict[str, dict[str, Path]]:
    """{guide name: {lang: path}} for every guide_src/<lang>/<name>.py."""
    found: dict[str, dict[str, Path]] = {}
    for lang in languages:
        for path in sorted((src_dir / lang).glob("*.py")):
            found.setdefault(path.stem, {})[lang] = path
    return dict(sorted(found.items()))


def check_selected(
    src_dir: Path, languages: tuple[str, ...], selected: tuple[str, ...], source_lang: str
) -> None:
    """Raise SourceError unless every selected name (`build NAME ...`) is a guide, listing the guides."""
    names = set(discover(src_dir, languages))
    unknown = [name for name in selected if name not in names]
    if unknown:
        raise SourceError(src_dir / source_lang, 1, f"no guide named {', '.join(unknown)} (guides: "
                          f"{', '.join(sorted(names)) or 'none'}); a guide's name is its file name in "
                          f"guide_src/{source_lang}/ without .py")
