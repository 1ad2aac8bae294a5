"""The one shape every translation check reports in."""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    """One finding, at a place in the translated source; ``other`` is the English place if any."""

    kind: str  # "misaligned", "code drift", "untranslated", "stale", "glossary"
    severity: str  # ERROR fails the build and `status`; WARNING is reported only
    path: str
    line: int
    message: str
    cell: int = 0  # 1-based cell number in the guide, 0 when the problem is about the whole guide
    other_path: str = ""
    other_line: int = 0
    detail: str = ""  # extra lines shown under the message (a diff, a snippet)

    @property
    def text(self) -> str:
        """The problem without its own location."""
        where = f" (vs {self.other_path}:{self.other_line})" if self.other_path else ""
        return f"{self.kind}: {self.message}{where}"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"
