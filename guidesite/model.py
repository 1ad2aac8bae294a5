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

    @property
    def code_cells(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.kind == "code")


@dataclass(frozen=True)
class Output:
    kind: str  # "stdout", "stderr", "result" or "error"
    text: str


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
