"""All checks for one translated guide, and the two ways to show them: a table and a site page."""

from __future__ import annotations

from dataclasses import dataclass

from ..escaping import markdown_text
from ..labels import Labels, labels_for
from ..model import Guide
from ..sources import placeholder_credit
from . import align, glossary, provenance
from .problems import ERROR, WARNING, Problem
from .untranslated import untranslated

KINDS = ("untranslated", "stale", "code drift", "glossary")


@dataclass(frozen=True)
class Report:
    guide: str
    lang: str
    title: str
    total: int  # cells in the English source
    aligned: int  # cells at the same position with the same kind in both languages
    problems: tuple[Problem, ...]
    placeholder_credits: bool = False  # `translator:` still says what `scaffold` wrote

    @property
    def untranslated_cells(self) -> int:
        """Cells still (partly) in English: tagged untranslated, or English prose or comments found. The one
        count the status table, the status page, the home table and the page's notice all show."""
        return len({p.cell for p in self.problems if p.kind == "untranslated" and p.cell})

    @property
    def finished(self) -> bool:
        return not self.untranslated_cells and not self.placeholder_credits

    def count(self, kind: str) -> int:
        """Cells with a problem of this kind (a cell counts once); untranslated: untranslated_cells."""
        if kind == "untranslated":
            return self.untranslated_cells
        return len({(p.cell, p.line) if p.cell == 0 else p.cell for p in self.problems if p.kind == kind})

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def stale_cells(self) -> int:
        return len({p.cell for p in self.problems if p.kind == "stale" and p.cell})


def check(ko: Guide, en: Guide, entries: tuple | None, terms: glossary.Glossary) -> Report:
    aligned = sum(k.kind == e.kind for k, e in zip(ko.cells, en.cells, strict=False))
    problems = [
        *align.alignment(ko, en),
        *align.code_drift(ko, en),
        *untranslated(ko),
        *provenance.stale(ko, en, entries),
        *glossary.lint(ko, en, terms),
        *glossary.avoided(ko, terms),
    ]
    placeholder = placeholder_credit(ko.meta)
    if placeholder:
        problems.append(Problem(
            "untranslated", WARNING, str(ko.path), ko.meta_line("translator"),
            "the header's `translator:` is still a placeholder; write the translator's name", 0,
        ))
    problems.sort(key=lambda p: (p.severity != ERROR, p.line, p.kind))
    return Report(
        ko.name, ko.lang, ko.meta.get("title", ko.name), len(en.cells), aligned, tuple(problems),
        placeholder_credits=placeholder,
    )


def table(reports: list[Report]) -> str:
    """The status as a plain-text table, one row per translated guide and language."""
    head = ("guide", "lang", "state", "aligned/total", *KINDS)
    rows = [head] + [
        (r.guide, r.lang, "finished" if r.finished else "unfinished", f"{r.aligned}/{r.total}",
         *(str(r.count(k)) for k in KINDS)) for r in reports
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:]])


def page(reports: list[Report], lang: str, titles: dict[str, str], labels: Labels | None = None) -> str:
    """The status page in one site language; titles maps guide name -> title in that language; labels:
    lang's interface text (default: guidesite's own)."""
    text = (labels or labels_for(lang)).status
    lines = [f"# {text['title']}", "", text["intro"], ""]
    lines += ["| " + " | ".join(text["head"]) + " |", "|" + "---|" * len(text["head"])]
    for r in reports:
        link = f"[{markdown_text(titles.get(r.guide, r.guide))}](guides/{r.guide}.md)"
        counts = " | ".join(str(r.count(k)) for k in KINDS)
        state = text["finished"] if r.finished else text["unfinished"]
        lines.append(f"| {link} | {r.lang} | {state} | {r.aligned}/{r.total} | {counts} |")
    for r in reports:
        lines += ["", f"## {markdown_text(titles.get(r.guide, r.guide))} ({r.lang})", ""]
        if not r.problems:
            lines.append(text["clean"])
            continue
        for p in r.problems:
            lines.append(f"- `{p.path}:{p.line}` {p.text}".replace("<", "&lt;"))
            if p.detail:
                fence = "````" if "```" in p.detail else "```"
                body = "\n".join("    " + d if d else "" for d in p.detail.split("\n"))
                syntax = "diff" if p.kind == "stale" else "text"
                lines += ["", f"    {fence}{syntax}", body, f"    {fence}", ""]
    return "\n".join(lines).rstrip() + "\n"
