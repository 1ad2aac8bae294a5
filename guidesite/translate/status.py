"""All checks for one translated guide, and the two ways to show them: a table and a site page."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Guide
from . import align, glossary, provenance
from .problems import ERROR, Problem
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

    def count(self, kind: str) -> int:
        """Cells with a problem of this kind (a cell counts once)."""
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
    ]
    problems.sort(key=lambda p: (p.severity != ERROR, p.line, p.kind))
    return Report(ko.name, ko.lang, ko.meta.get("title", ko.name), len(en.cells), aligned, tuple(problems))


def table(reports: list[Report]) -> str:
    """The status as a plain-text table, one row per translated guide and language."""
    head = ("guide", "lang", "aligned/total", *KINDS)
    rows = [head] + [
        (r.guide, r.lang, f"{r.aligned}/{r.total}", *(str(r.count(k)) for k in KINDS)) for r in reports
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:]])


PAGE = {
    "ko": {
        "title": "번역 현황",
        "intro": "`python -m guidesite status`와 같은 검사로 만든 페이지입니다. 셀마다 영어 원문과 비교해 "
        "번역되지 않은 글, 영어 원문이 바뀐 뒤 검토하지 않은 셀(stale), 코드 차이, 용어집 경고를 셉니다.",
        "head": ("가이드", "언어", "정렬된 셀/전체", "미번역", "원문 변경", "코드 차이", "용어집"),
        "clean": "확인할 것이 없습니다.",
        "details": "확인할 셀",
    },
    "en": {
        "title": "Translation status",
        "intro": "Generated from the same checks as `python -m guidesite status`. Each cell is compared with "
        "the English source: text left untranslated, cells whose English changed since the translation was "
        "reviewed (stale), code drift, and glossary warnings.",
        "head": (
            "Guide", "Language", "Cells aligned/total", "Untranslated", "Stale", "Code drift", "Glossary"
        ),
        "clean": "Nothing to review.",
        "details": "Cells to review",
    },
}


def page(reports: list[Report], lang: str, titles: dict[str, str]) -> str:
    """The status page in one site language; titles maps guide name -> title in that language."""
    text = PAGE[lang]
    lines = [f"# {text['title']}", "", text["intro"], ""]
    lines += ["| " + " | ".join(text["head"]) + " |", "|" + "---|" * len(text["head"])]
    for r in reports:
        link = f"[{titles.get(r.guide, r.guide)}](guides/{r.guide}.md)"
        counts = " | ".join(str(r.count(k)) for k in KINDS)
        lines.append(f"| {link} | {r.lang} | {r.aligned}/{r.total} | {counts} |")
    for r in reports:
        lines += ["", f"## {titles.get(r.guide, r.guide)} ({r.lang})", ""]
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
