"""Alignment (same cells, same kinds) and code equivalence (same program) of two guides.

Code cells are compared as ASTs after blanking what a translator may change:
comments (``ast`` drops them), docstrings, and the literal text that ``print(...)``
shows: a string argument, the text parts of an f-string, the text around the
conversions of a %-format or ``str.format`` string. What shapes the printed values
stays and must match: format specifications (``:.4f``, ``%.3f``), dictionary keys,
arguments of other calls. Everything else must be identical; each difference is
reported at the first differing node, with its line in both source files.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ..model import Cell, Guide
from .problems import ERROR, Problem

_DOC_OWNERS = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


class _Blank(ast.NodeTransformer):
    """Replace docstrings and printed string constants with empty strings."""

    def generic_visit(self, node: ast.AST) -> ast.AST:
        if isinstance(node, _DOC_OWNERS) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                if isinstance(first.value.value, str):
                    first.value.value = ""
        return super().generic_visit(node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id == "print":
            for arg in [*node.args, *(k.value for k in node.keywords if k.arg in (None, "sep", "end"))]:
                _blank_printed_text(arg)
        return node


# A %-conversion ("%.3f", "%(name)s", "%%") and a str.format field ("{:.2f}", "{0}").
_CONVERSION = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]")
_FIELD = re.compile(r"\{[^{}]*\}")


def _is_text(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _blank_printed_text(node) -> None:
    """Blank the literal text a print() argument shows; keep what computes or formats its values."""
    if _is_text(node):
        node.value = ""
    elif isinstance(node, ast.JoinedStr):  # f-string: its text parts go, the {value:spec} parts stay
        node.values = [v for v in node.values if not isinstance(v, ast.Constant)]
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _is_text(node.left):
        node.left.value = "".join(_CONVERSION.findall(node.left.value))  # "loss %.3f" % x
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # "label " + str(x)
        _blank_printed_text(node.left)
        _blank_printed_text(node.right)
    elif isinstance(node, ast.IfExp):  # "yes" if ok else "no"
        _blank_printed_text(node.body)
        _blank_printed_text(node.orelse)
    elif (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
        and _is_text(node.func.value)
    ):
        node.func.value.value = "".join(_FIELD.findall(node.func.value.value))  # "{:.2f} s".format(t)


def normalized(source: str) -> ast.Module:
    return _Blank().visit(ast.parse(source))


def _differences(a, b, where: tuple) -> Iterator[tuple]:
    """Yield (node_a, node_b) for the innermost located nodes where a and b differ."""
    if type(a) is not type(b):
        yield where
        return
    if isinstance(a, ast.AST):
        if hasattr(a, "lineno"):
            where = (a, b)
        for name in a._fields:
            yield from _differences(getattr(a, name, None), getattr(b, name, None), where)
    elif isinstance(a, list):
        for x, y in zip(a, b, strict=False):
            yield from _differences(x, y, where)
        if len(a) != len(b):
            # Point at the first extra item on the longer side, at the last common one on the other.
            n = min(len(a), len(b))
            yield tuple(
                next((x for x in side[n : n + 1] or side[n - 1 : n] if hasattr(x, "lineno")), parent)
                for side, parent in ((a, where[0]), (b, where[1]))
            )
    elif a != b:
        yield where


def _line(node, cell: Cell) -> int:
    # The code starts on the line after the "# %%" marker, so line 1 of the cell is cell.line + 1.
    return cell.line + getattr(node, "lineno", 1)


def _snippet(source: str, node) -> str:
    text = ast.get_source_segment(source, node) if hasattr(node, "lineno") else None
    text = (text or "").strip().splitlines()
    return text[0][:80] if text else ""


def alignment(ko: Guide, en: Guide) -> list[Problem]:
    """Cell count and kinds, position by position; every mismatch is listed."""
    problems = []
    for number, (k, e) in enumerate(zip(ko.cells, en.cells, strict=False), 1):
        if k.kind != e.kind:
            problems.append(Problem(
                "misaligned", ERROR, str(ko.path), k.line,
                f"cell {number} is a {k.kind} cell here but a {e.kind} cell in English; "
                "add, remove or move cells so both files have the same cells in the same order",
                number, str(en.path), e.line,
            ))
    if len(ko.cells) != len(en.cells):
        longer, shorter = (ko, en) if len(ko.cells) > len(en.cells) else (en, ko)
        first_extra = longer.cells[len(shorter.cells)]
        problems.append(Problem(
            "misaligned", ERROR, str(ko.path), ko.cells[-1].line if ko.cells else 1,
            f"{len(ko.cells)} cells here but {len(en.cells)} in English; the {longer.lang} file has "
            f"extra cells from {longer.path}:{first_extra.line}",
            0, str(en.path), en.cells[-1].line if en.cells else 1,
        ))
    return problems


def code_drift(ko: Guide, en: Guide) -> list[Problem]:
    """Aligned code cells that are not the same program; all differences, deduplicated by line."""
    problems = []
    for number, (k, e) in enumerate(zip(ko.cells, en.cells, strict=False), 1):
        if k.kind != "code" or e.kind != "code":
            continue
        seen = set()
        for node_k, node_e in _differences(normalized(k.source), normalized(e.source), (None, None)):
            lines = (_line(node_k, k), _line(node_e, e))
            if lines in seen:
                continue
            seen.add(lines)
            problems.append(Problem(
                "code drift", ERROR, str(ko.path), lines[0],
                f"code cell {number} differs from the English code: "
                f"`{_snippet(k.source, node_k)}` here, `{_snippet(e.source, node_e)}` in English; "
                "only comments, docstrings and printed labels may differ",
                number, str(en.path), lines[1],
            ))
    return problems
