"""Turn raw kernel output into what a page shows: the one cleaning stage.

Execution (``from_notebook`` on a kernel's outputs), rendering (``clean`` again
on stored records, so a better cleaner applies without re-executing) and the
doctests (the same ``from_notebook`` on a fresh kernel's outputs) all go through
here, so the three can never disagree on what a cell printed.

Pure functions. Progress bars are replayed as a terminal would show them
(carriage returns and backspaces overwrite), so only the final state remains;
ANSI colour codes and TensorFlow's start-up log lines are removed; memory
addresses are masked because they change on every run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .limits import oversized  # noqa: F401 - execute.py calls cleaning.oversized
from .model import Output
from .sanitize import sanitize_html, sanitize_svg
from .secrecy import leaked_names  # noqa: F401 - execute.py calls cleaning.leaked_names

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
MASKED_ADDRESS = "0x…"
# Absolute paths into an environment (warnings name the file that raised them).
SITE_PACKAGES = re.compile(r"(?:\.\.\.)?(?:/[^\s:'\"]+)?/site-packages/")
# The file IPython compiles a cell into (warnings name it): /tmp/ipykernel_7590/1392674227.py
KERNEL_CELL_FILE = re.compile(r"(?:/[^\s:'\"]+)?/ipykernel_\d+/\d+\.py")
MASKED_CELL_FILE = "<cell>"
# IPython names the failing line of a cell "Cell In[3], line 2" in its traceback.
CELL_LINE = re.compile(r"Cell In\[\d+\], line (\d+)")
# Lines TensorFlow and absl write while importing or picking a device. They say
# nothing about the guide's code and differ between machines.
NOISE = [
    re.compile(p)
    for p in (
        r"^WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR$",
        r"^[IWEF]\d{4} [\d:.]+\s+\d+ [\w./-]+:\d+\] ",
        r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [IWEF] (tensorflow|external|xla)/",
        r"^To enable the following instructions: .*rebuild TensorFlow with the appropriate compiler flags\.$",
        r"^This TensorFlow binary is optimized to use available CPU instructions",
    )
]
_CONTROL = re.compile(r"[\x00-\x07\x0b\x0c\x0e-\x1f\x7f]")


def replay_terminal(text: str) -> str:
    """Apply \\r and \\b the way a notebook shows them and return the visible lines.

    \\r starts the line afresh, as Jupyter and Colab display it (a terminal would only move
    the cursor and keep the end of a longer previous frame: Keras does not pad its last one).
    """
    lines = []
    for raw in text.split("\n"):
        buffer: list[str] = []
        cursor = 0
        for char in raw:
            if char == "\r":
                buffer, cursor = [], 0
            elif char == "\b":
                cursor = max(0, cursor - 1)
            else:
                if cursor < len(buffer):
                    buffer[cursor] = char
                else:
                    buffer.append(char)
                cursor += 1
        lines.append("".join(buffer).rstrip())
    return "\n".join(lines)


def is_noise(line: str) -> bool:
    return any(p.search(line) for p in NOISE)


def clean(text: str) -> str:
    """Final visible text of one output stream, ready to put in a fence."""
    text = ANSI.sub("", text.replace("\r\n", "\n"))
    text = replay_terminal(text)
    text = _CONTROL.sub("", text)
    text = ADDRESS.sub(MASKED_ADDRESS, text)
    text = SITE_PACKAGES.sub(".../site-packages/", text)
    text = KERNEL_CELL_FILE.sub(MASKED_CELL_FILE, text)
    lines = [line for line in text.split("\n") if not is_noise(line)]
    return "\n".join(lines).strip("\n")


STREAMS = ("stdout", "stderr")
IMAGE_MIMES = ("image/png", "image/jpeg", "image/svg+xml")
# rich (model.summary(), keras' own pretty printing) detects Jupyter and sends each
# console.print() as a display of text/plain + this <pre> instead of writing to
# stdout. It is terminal text: shown and compared as printed text, as in a terminal.
RICH_PRE = '<pre style="white-space:pre;overflow-x:auto;line-height:normal;'


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def classify(out) -> Output | None:
    """One nbformat output as an Output, before cleaning (None: nothing to show). Also reads back
    the outputs stored in a record, which notebooks.py writes in the same nbformat shapes."""
    kind = out.get("output_type")
    if kind == "stream":
        return Output(out.get("name", "stdout"), _joined(out.get("text", "")))
    if kind == "error":
        return Output("error", "\n".join(out.get("traceback", [])))
    if kind not in ("execute_result", "display_data"):
        return None
    data = out.get("data", {})
    plain = _joined(data.get("text/plain", ""))
    for mime in IMAGE_MIMES:
        if mime in data:
            body = _joined(data[mime])
            return Output("image", plain, mime, body if mime == "image/svg+xml" else "".join(body.split()))
    html = _joined(data.get("text/html", ""))
    if html.startswith(RICH_PRE):
        return Output("stdout", plain if plain.endswith("\n") else plain + "\n")
    if html:
        return Output("html", plain, "text/html", html)
    return Output("result", plain)


def _merge_streams(chunks: Iterable[Output]) -> list[Output]:
    """Join a stream's chunks. A chunk continues the same stream's last chunk when only the
    other stream came between (a progress bar interrupted by a warning), so a progress bar
    is replayed as one text whatever the kernel's timing, and shows its final state."""
    merged: list[Output] = []
    for chunk in chunks:
        if chunk.kind in STREAMS:
            for index in range(len(merged) - 1, -1, -1):
                previous = merged[index]
                if previous.kind == chunk.kind:
                    merged[index] = Output(chunk.kind, previous.text + chunk.text)
                    break
                if previous.kind not in STREAMS:
                    merged.append(chunk)
                    break
            else:
                merged.append(chunk)
        else:
            merged.append(chunk)
    return merged


def clean_output(output: Output) -> Output:
    """An Output with its text cleaned (and its HTML and SVG sanitised, sanitize.py); idempotent."""
    data = output.data
    if output.kind == "html":
        data = sanitize_html(data)
    elif output.mime == "image/svg+xml":
        data = sanitize_svg(data)
    return Output(output.kind, clean(output.text), output.mime, data)


def from_notebook(raw_outputs) -> tuple[Output, ...]:
    """A code cell's nbformat outputs, as the page shows them."""
    chunks = [c for c in (classify(out) for out in raw_outputs) if c is not None]
    cleaned = (clean_output(o) for o in _merge_streams(chunks))
    return tuple(o for o in cleaned if o.text or o.data)
