"""Turn raw kernel output into the text shown on a page.

Pure string functions. Progress bars are replayed as a terminal would show
them (carriage returns and backspaces overwrite), so only the final state
remains; ANSI colour codes and TensorFlow's start-up log lines are removed;
memory addresses are masked because they change on every run.
"""

from __future__ import annotations

import re

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
MASKED_ADDRESS = "0x…"
# Absolute paths into an environment (warnings name the file that raised them).
SITE_PACKAGES = re.compile(r"(?:\.\.\.)?(?:/[^\s:'\"]+)?/site-packages/")
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
    """Apply \\r and \\b the way a terminal does and return the visible lines."""
    lines = []
    for raw in text.split("\n"):
        buffer: list[str] = []
        cursor = 0
        for char in raw:
            if char == "\r":
                cursor = 0
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
    lines = [line for line in text.split("\n") if not is_noise(line)]
    return "\n".join(lines).strip("\n")


def fence_for(text: str) -> str:
    """A backtick fence longer than any backtick run inside the text."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)
