"""All checks for one translated guide, and the two ways to show them: a table and a site page."""

from __future__ import annotations

from dataclasses import dataclass

from ..escaping import markdown_text
from ..model import Guide
from ..sources import placeholder_credit
from . import align, glossary, provenance
from .problems import ERROR, WARNING, Problem
from .untranslated import UNTRANSLATED_TAG, untranslated

KINDS = ("untranslated", "stale", "code drift", "glossary")


@dataclass(frozen=True)
class Report:
    guide: str
    lang: str
    title: str
    total: int  # cells in the English source
    aligned: int  # cells at the same position with the same kind in both languages
    problems: tuple[Problem, ...]
    tagged_untranslated: int = 0  # cells still tagged untranslated (copied from English by `scaffold`)
    placeholder_credits: bool = False  # `translator:` still says what `scaffold` wrote

    @property
    def finished(self) -> bool:
        return not self.tagged_untranslated and not self.placeholder_credits

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
        *glossary.avoided(ko, terms),
    ]
    placeholder = placeholder_credit(ko.meta)
    if placeholder:
        problems.append(Problem(
            "untranslated", WARNING, str(ko.path), ko.meta_line("translator"),
            "the header's `translator:` is still a placeholder; write the translator's name", 0,
        ))
    problems.sort(key=lambda p: (p.severity != ERROR, p.line, p.kind))
    tagged = sum(UNTRANSLATED_TAG in cell.tags for cell in ko.cells)
    return Report(
        ko.name, ko.lang, ko.meta.get("title", ko.name), len(en.cells), aligned, tuple(problems),
        tagged_untranslated=tagged,
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


PAGE = {
    "ko": {
        "title": "번역 현황",
        "intro": "`python -m guidesite status`와 같은 검사로 만든 페이지입니다. 셀마다 영어 원문과 비교해 "
        "번역되지 않은 글, 영어 원문이 바뀐 뒤 검토하지 않은 셀(stale), 코드 차이, 용어집 경고를 셉니다.",
        "head": ("가이드", "언어", "상태", "정렬된 셀/전체", "미번역", "원문 변경", "코드 차이", "용어집"),
        "finished": "번역 완료", "unfinished": "번역 중",
        "clean": "확인할 것이 없습니다.",
        "details": "확인할 셀",
    },
    "en": {
        "title": "Translation status",
        "intro": "Generated from the same checks as `python -m guidesite status`. Each cell is compared with "
        "the English source: text left untranslated, cells whose English changed since the translation was "
        "reviewed (stale), code drift, and glossary warnings.",
        "head": (
            "Guide", "Language", "State", "Cells aligned/total", "Untranslated", "Stale", "Code drift",
            "Glossary",
        ),
        "finished": "finished", "unfinished": "in progress",
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
