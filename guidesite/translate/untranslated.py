"""Find English prose left in a Korean guide (markdown cells and code comments).

Korean technical prose is full of Latin letters: code spans, API names, acronyms,
English terms in parentheses ("유향 비순환 그래프(directed acyclic graph, DAG)").
So a line is not judged by its ratio of letters alone. First everything that is
not prose is removed (fenced code, code spans, URLs, link targets, HTML tags,
math, identifiers such as ``add_loss``, ``GradientTape``, ``tf.function``); then
the line is cut at every Hangul run, and a piece that still holds a sentence -
at least MIN_WORDS English words including a function word ("the", "a", "by",
...) - is English prose. Tuned on the 2020 seed text: this finds its
untranslated paragraphs and comments and nothing in today's Korean guide.
"""

from __future__ import annotations

import io
import re
import tokenize

from ..model import Guide
from .problems import WARNING, Problem

UNTRANSLATED_TAG = "untranslated"  # `scaffold` tags every prose cell it copies from English
MIN_WORDS = 4
FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with via into is are was were be been can could will would "
    "should may must this that these those it its it's here's there's we you your our they their and or "
    "but not as if when which what how all each every".split()
)

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.S | re.M)
_NON_PROSE = [
    re.compile(r"`[^`\n]*`"),  # code spans
    re.compile(r"\]\([^)\s]*\)"),  # link targets: keep the link text
    re.compile(r"<[^>\n]+>"),  # HTML tags and autolinks
    re.compile(r"https?://\S+"),
    re.compile(r"\$[^$\n]+\$"),  # inline math
    re.compile(r"^\s*[!?]{3}\+?\s+\w+"),  # admonition keyword (the quoted title stays prose)
    # identifiers: snake_case, dotted names, CamelCase, words with digits
    re.compile(r"\b\w*(?:_\w*|\.\w+|[a-z][A-Z]\w*|\d\w*)\b"),
]
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+")
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def prose(text: str) -> str:
    """The text with code, links' targets, markup and identifiers blanked (lines kept)."""
    text = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for pattern in _NON_PROSE:
        text = pattern.sub(" ", text)
    return text


def english_sentence(line: str) -> str:
    """The first piece of English prose in one line of prose, or ''."""
    for piece in _HANGUL.split(line):
        words = _WORD.findall(piece)
        if len(words) >= MIN_WORDS and any(w.lower().replace("’", "'") in FUNCTION_WORDS for w in words):
            return " ".join(piece.split()).strip("-*#:;,.()\"' ")
    return ""


def _comments(source: str) -> list[tuple[int, str]]:
    """(line within the cell, comment text) for each comment of a code cell."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [(t.start[0], t.string.lstrip("#").strip()) for t in tokens if t.type == tokenize.COMMENT]


def untranslated(ko: Guide) -> list[Problem]:
    """English prose in markdown cells and code comments of a Korean guide, one problem per cell."""
    problems = []
    for number, cell in enumerate(ko.cells, 1):
        if UNTRANSLATED_TAG in cell.tags:
            problems.append(Problem(
                "untranslated", WARNING, str(ko.path), cell.line,
                f"cell {number} is tagged '{UNTRANSLATED_TAG}' (copied from English by `scaffold`); "
                "translate it and remove the tag from its '# %%' line", number,
            ))
            continue
        if cell.kind == "markdown":
            # The text starts two lines below the marker: '# %% [markdown]', then '"""'.
            found = [(cell.line + 1 + n, s) for n, line in enumerate(prose(cell.source).splitlines(), 1)
                     if (s := english_sentence(line))]
        else:
            comments = _comments(cell.source)
            found = [(cell.line + n, s) for n, text in comments if (s := english_sentence(text))]
        if found:
            line, sentence = found[0]
            more = f" and {len(found) - 1} more line(s)" if len(found) > 1 else ""
            what = "text" if cell.kind == "markdown" else "comment"
            problems.append(Problem(
                "untranslated", WARNING, str(ko.path), line,
                f"cell {number}: English {what} \"{sentence[:60]}\"{more}; translate it into Korean",
                number, detail="\n".join(f"{ko.path}:{n}: {s}" for n, s in found),
            ))
    return problems
