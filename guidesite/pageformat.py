"""The published page's Markdown: what render.py writes and what the doctests (and the CI slices)
read back, in one place (pure, standard library only).

A page is the one contract between the build and its checks: its front matter carries what the
doctests need to start the kernels the outputs came from (`backend:` or `backends:`, the header's
`env:` and `timeout:`, `tolerance:`), each code cell is a fence with the class ``guide-cell`` (and
``only-<backend>``, ``tolerance-training`` where the cell has those tags), and its outputs follow the
fence: where every backend printed the same, one set of blocks; else one content tab per backend
(``=== "JAX"``, its lines indented by four spaces; in the page's first tab set, each tab ends with a
link to its backend's notebook, after the outputs, where the readers stop). Each printed block is a
``{.text .output}``, ``.stderr`` or ``.error`` fence inside its own search-excluded ``<div>``, folded
when long; an image is a Markdown image with the class ``output-image``; an HTML output sits between
HTML_OPEN and HTML_CLOSE.

The writers below spell each piece, the readers parse the same spelling; tests/test_render.py
round-trips pages through both. Standard library only: ``python -m guidesite.slices`` reads front
matter in a CI job before anything is installed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

DEFAULT_BACKEND = "tensorflow"  # a page (or guide header) that names no backend ran on this one
CODE_CELL_CLASS = "guide-cell"  # marks the fences that are the guide's code cells (doctests run these)
# Each output is wrapped on its own: Material's search parser matches elements by tag name,
# so the first </div> inside an excluded <div> would end the exclusion for the rest of it.
OUTPUT_OPEN = '<div class="guide-output" data-search-exclude markdown>'
OUTPUT_CLOSE = "</div>"
HTML_OPEN = '<figure class="output-html" data-search-exclude markdown="0">'  # no <figure> survives sanitising
HTML_CLOSE = "</figure><!-- output-html -->"  # the sanitiser strips comments: this line cannot occur inside
IMAGE_CLASS = "output-image"
FOLD_LINES = 40  # outputs longer than this are folded (collapsible), never cut
OUTPUT_KINDS = ("output", "stderr", "error")  # the classes of printed blocks

_OUTPUT_FENCE = re.compile(
    r'^(?P<indent> {4})?(?P<fence>`{3,})\{\.text \.(?P<kind>output|stderr|error) title="[^"]*"\}$'
)
_FOLD = re.compile(r'^\?\?\? (output|stderr|error) "')
_IMAGE = re.compile(rf"^!\[[^\]]*\]\([^)\s]+\)\{{ \.{IMAGE_CLASS} \}}$")
_TAB = re.compile(r'^=== "([^"]+)"$')
_CLASS = re.compile(r"\.([\w-]+)")


# -- writing -----------------------------------------------------------------------------------------

def fence_for(text: str) -> str:
    """A backtick fence longer than any backtick run inside the text."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def front_matter_block(meta: dict) -> str:
    """The page's front matter: one `key: <JSON value>` line each (YAML reads JSON values as they are)."""
    lines = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return f"---\n{lines}\n---"


def code_fence(code: str, classes: list[str]) -> str:
    """A code cell's fence: ``{.python .guide-cell ...}`` and the given extra classes."""
    fence = fence_for(code)
    names = " ".join(f".{name}" for name in ["python", CODE_CELL_CLASS, *classes])
    return f"{fence}{{{names}}}\n{code}\n{fence}"


def indented(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.split("\n"))


def printed_block(kind: str, title: str, text: str, lines_word: str) -> str:
    """A printed output (kind: one of OUTPUT_KINDS), folded when long: its fold titled
    "<title> (<n> <lines_word>)"."""
    fence = fence_for(text)
    block = f'{fence}{{.text .{kind} title="{title}"}}\n{text}\n{fence}'
    n_lines = text.count("\n") + 1
    if n_lines <= FOLD_LINES:
        return block
    return f'??? {kind} "{title} ({n_lines} {lines_word})"\n\n{indented(block)}'


def output_box(block: str) -> str:
    """A printed block in its own search-excluded box."""
    return f"{OUTPUT_OPEN}\n\n{block}\n\n{OUTPUT_CLOSE}"


def image_line(alt: str, path: str) -> str:
    alt = re.sub(r"[\[\]\n]+", " ", alt).strip()
    return f"![{alt}]({path}){{ .{IMAGE_CLASS} }}"


def html_block(markup: str) -> str:
    return f"{HTML_OPEN}\n{markup}\n{HTML_CLOSE}"


def tab(label: str, body: str) -> str:
    """One backend's content tab."""
    return f'=== "{label}"\n\n{indented(body)}'.rstrip()


# -- reading -----------------------------------------------------------------------------------------

def front_matter(lines: list[str]) -> dict:
    """A published page's front matter, as front_matter_block wrote it."""
    meta = {}
    if lines and lines[0] == "---":
        for line in lines[1:]:
            if line == "---":
                break
            key, _, value = line.partition(":")
            meta[key] = json.loads(value)
    return meta


def page_backends(lines: list[str]) -> tuple[str, ...]:
    """The `backend:` or `backends:` of a page's front matter (from the records), default tensorflow."""
    meta = front_matter(lines)
    return tuple(meta["backends"]) if "backends" in meta else (meta.get("backend", DEFAULT_BACKEND),)


def fence_classes(line: str) -> list[str]:
    """The classes of a fence's opening line (``{.python .guide-cell .only-jax}`` -> python, guide-cell,
    only-jax)."""
    attributes = line[line.find("{"):] if "{" in line else ""
    return _CLASS.findall(attributes)


def is_code_cell(lines: list[str], fence_line: int) -> bool:
    """Whether the fence opening at 1-based fence_line is one of the guide's code cells."""
    return CODE_CELL_CLASS in fence_classes(lines[fence_line - 1])


@dataclass
class Published:
    """What a page shows under one code cell (for one backend)."""

    printed: str = ""  # the output blocks' text, joined as a notebook joins them (a blank line between)
    error: str = ""
    stderr: str = ""
    rich: set[str] = field(default_factory=set)  # "image", "html"


def _outputs_at(lines: list[str], index: int) -> Published:
    """The output blocks starting at 0-based index (after a code fence)."""
    found = Published()
    printed: list[str] = []
    while index < len(lines):
        line = lines[index]
        if not line.strip() or _FOLD.match(line) or line in (OUTPUT_OPEN, OUTPUT_CLOSE):
            index += 1
            continue
        if _IMAGE.match(line):
            found.rich.add("image")
            index += 1
            continue
        if line == HTML_OPEN:
            found.rich.add("html")
            while index < len(lines) and lines[index] != HTML_CLOSE:
                index += 1
            index += 1
            continue
        match = _OUTPUT_FENCE.match(line)
        if not match:
            break
        indent, closing = match["indent"] or "", (match["indent"] or "") + match["fence"]
        body = []
        index += 1
        while index < len(lines) and lines[index] != closing:
            body.append(lines[index][len(indent):])
            index += 1
        index += 1
        if match["kind"] == "output":
            printed.append("\n".join(body))
        elif match["kind"] == "error":
            found.error = "\n".join(body)
        else:
            found.stderr += "\n".join(body) + "\n"
    found.printed = "\n\n".join(printed)
    return found


def published_outputs(lines: list[str], fence_line: int) -> dict[str, Published]:
    """What the page shows after the code fence opening at 1-based fence_line, per backend label:
    {"": shown for every backend} or, where the backends differ, {"JAX": ..., "TensorFlow": ...}."""
    index = fence_line  # 0-based index of the first code line
    closing = re.match(r"`{3,}", lines[fence_line - 1])[0]
    while index < len(lines) and lines[index] != closing:
        index += 1
    index += 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    tabs: dict[str, Published] = {}
    while index < len(lines) and (opened := _TAB.match(lines[index])):
        index += 1
        body = []
        while index < len(lines) and (not lines[index].strip() or lines[index].startswith("    ")):
            body.append(lines[index][4:])
            index += 1
        tabs[opened[1]] = _outputs_at(body, 0)
    return tabs or {"": _outputs_at(lines, index)}
