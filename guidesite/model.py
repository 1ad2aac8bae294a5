"""Plain data passed between the pipeline steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Cell:
    kind: str  # "code" or "markdown"
    source: str
    line: int  # 1-based line of the cell's "# %%" marker in the source file
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Guide:
    name: str  # file stem, the same in every language
    lang: str
    path: Path
    meta: dict
    cells: tuple[Cell, ...]
    meta_lines: dict = field(default_factory=dict, compare=False)  # header key -> its line in the source

    def meta_line(self, key: str) -> int:
        """The source line of a header field ('guide:' itself when the field is absent)."""
        return self.meta_lines.get(key) or self.meta_lines.get("guide", 1)

    @property
    def code_cells(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.kind == "code")

    def cell_number(self, code_index: int) -> int:
        """The 1-based number among all cells (as `status` counts them) of the code_index-th code cell."""
        return self.cells.index(self.code_cells[code_index]) + 1


@dataclass(frozen=True)
class Output:
    """One block of a code cell's output, cleaned (cleaning.py) and ready to show."""

    kind: str  # "stdout", "stderr", "result", "error", "image" or "html"
    text: str  # for "image" and "html": the text/plain form (alt text, fallback)
    mime: str = ""  # "image" and "html" only: image/png, image/jpeg, image/svg+xml, text/html
    data: str = ""  # "image" and "html" only: base64 (png, jpeg) or markup (svg, html)


@dataclass(frozen=True)
class Record:
    """Where and how a guide's outputs were produced (stored in the notebook)."""

    cache_key: str
    executed_at: str
    device: str
    versions: dict
    seed: int
    cell_seconds: tuple[float, ...]
    outputs_hash: str = ""
    backend: str = ""  # the KERAS_BACKEND the outputs were produced with

    @property
    def total_seconds(self) -> float:
        return round(sum(self.cell_seconds), 1)


@dataclass(frozen=True)
class Executed:
    """A guide with one list of outputs per code cell, and its record."""

    guide: Guide
    outputs: tuple[tuple[Output, ...], ...]
    record: Record
    reused: bool = field(default=False, compare=False)
    outdated: bool = field(default=False, compare=False)  # a preview's stored outputs of older code
