"""Render an executed guide as Markdown for MkDocs Material (pure)."""

from __future__ import annotations

import json

from .model import Executed, Output
from .outputs import clean, fence_for

VERSION_NAMES = (("python", "Python"), ("tensorflow", "TensorFlow"), ("keras", "Keras"), ("numpy", "NumPy"))
FOLD_LINES = 40  # outputs longer than this are folded (collapsible), never cut
# The one place that names the public repository: "Open in Colab" and "view source" point into it.
REPOSITORY = "keras-ko-research/keras-guides"
BRANCH = "main"

LABELS = {
    "ko": {
        "output": "출력", "stderr": "표준 오류", "error": "오류", "lines": "줄",
        "author": "저자", "translator": "번역", "created": "작성일", "modified": "최종 수정일",
        "original": "원문", "source": "번역 출처", "record": "실행 기록",
        "record_intro": "이 페이지의 출력은 아래 환경에서 코드를 실제로 실행해 얻은 것입니다.",
        "device": "장치", "versions": "버전", "executed": "실행 일시", "total": "총 실행 시간",
        "seconds": "초", "seed": "시드", "download": "노트북 내려받기 (.ipynb)",
        "colab": "Colab에서 열기", "view_source": "소스 보기 (GitHub)",
        "license": "원문과 코드는 Apache License 2.0을 따릅니다.",
        "stale_title": "영어 원문이 바뀌었습니다",
        "stale_text": "이 번역을 검토한 뒤로 영어 원문의 셀 {n}개가 바뀌었습니다. "
        "최신 내용은 [영어 페이지]({link})에서 확인하세요.",
    },
    "en": {
        "output": "Output", "stderr": "Standard error", "error": "Error", "lines": "lines",
        "author": "Author", "translator": "Translation", "created": "Created", "modified": "Last modified",
        "original": "Original", "source": "Korean text based on", "record": "Execution record",
        "record_intro": "The outputs on this page come from really running its code here:",
        "device": "Device", "versions": "Versions", "executed": "Executed", "total": "Total run time",
        "seconds": " s", "seed": "Seed", "download": "Download the notebook (.ipynb)",
        "colab": "Open in Colab", "view_source": "View source on GitHub",
        "license": "The original guide and its code are under the Apache License 2.0.",
        "stale_title": "The original changed",
        "stale_text": "{n} cell(s) of the original changed since this translation was reviewed. "
        "See the [English page]({link}) for the current text.",
    },
}


def notebook_link(name: str) -> str:
    return f"../notebooks/{name}.ipynb"


def _header(executed: Executed, label: dict, source_label: str) -> list[str]:
    meta, record = executed.guide.meta, executed.record
    name, lang = executed.guide.name, executed.guide.lang
    in_repo = f"{REPOSITORY}/blob/{BRANCH}"
    colab = f"https://colab.research.google.com/github/{in_repo}/docs/{lang}/notebooks/{name}.ipynb"
    links = [
        f"[{label['colab']}]({colab}){{ .md-button .md-button--primary }}",
        f'[{label["download"]}]({notebook_link(name)}){{ .md-button download="{name}.ipynb" }}',
        f"[{label['view_source']}](https://github.com/{in_repo}/{source_label}){{ .md-button }}",
    ]
    byline = [f"**{label['author']}:** {meta['author']}"]
    if meta.get("translator"):
        byline.append(f"**{label['translator']}:** {meta['translator']}")
    byline.append(f"**{label['created']}:** {meta['date_created']}")
    byline.append(f"**{label['modified']}:** {meta['last_modified']}")
    credits = []
    if meta.get("original"):
        credits.append(f"{label['original']}: <{meta['original']}>")
    if meta.get("translation_source"):
        credits.append(f"{label['source']}: <{meta['translation_source']}>")
    versions = ", ".join(
        f"{name} {record.versions[key]}"
        for key, name in VERSION_NAMES
        if key in record.versions
    )
    return [
        f"# {meta['title']}",
        "",
        "<br>\n".join(byline),
        "",
        f"*{meta['description']}*",
        "",
        *([" · ".join(credits) + f" · {label['license']}", ""] if credits else []),
        " ".join(links),
        "{: .guide-links }",
        "",
        f'!!! info record "{label["record"]}"',
        f"    {label['record_intro']}",
        "",
        f"    - {label['device']}: {record.device}",
        f"    - {label['versions']}: {versions}",
        f"    - {label['executed']}: {record.executed_at} · {label['total']}: "
        f"{record.total_seconds}{label['seconds']} · {label['seed']}: {record.seed}",
        "",
    ]


def render_output(output: Output, label: dict) -> str:
    css = "output" if output.kind in ("stdout", "result") else output.kind
    title = label["output"] if css == "output" else label[css]
    fence = fence_for(output.text)
    block = f'{fence}{{.text .{css} title="{title}"}}\n{output.text}\n{fence}'
    n_lines = output.text.count("\n") + 1
    if n_lines <= FOLD_LINES:
        return block
    indented = "\n".join(("    " + line) if line else "" for line in block.split("\n"))
    return f'??? {css} "{title} ({n_lines} {label["lines"]})"\n\n{indented}'


def merge_printed(outputs: tuple[Output, ...]) -> tuple[Output, ...]:
    """Join printed text and the cell's result value into one block, as a notebook shows them."""
    merged: list[Output] = []
    for output in outputs:
        kind = "stdout" if output.kind in ("stdout", "result") else output.kind
        if merged and merged[-1].kind == kind == "stdout":
            merged[-1] = Output("stdout", merged[-1].text + "\n\n" + output.text)
        else:
            merged.append(Output(kind, output.text))
    return tuple(merged)


def stale_notice(name: str, stale_cells: int, label: dict) -> str:
    """Admonition for a translated page whose English cells changed since review.

    The link is the English page's URL relative to a page of the default
    language (/guides/<name>/ -> /en/guides/<name>/), as mkdocs-static-i18n lays them out.
    """
    text = label["stale_text"].format(n=stale_cells, link=f"../../en/guides/{name}/")
    return f'!!! warning "{label["stale_title"]}"\n    {text}'


def render(executed: Executed, source_label: str, stale_cells: int = 0) -> str:
    """The Markdown page for one executed guide in its language.

    stale_cells: how many cells changed in English since this translation was
    reviewed (from the translation checks); > 0 puts a notice under the title.
    """
    guide = executed.guide
    label = LABELS[guide.lang]
    header = _header(executed, label, source_label)
    if stale_cells:
        header[2:2] = [stale_notice(guide.name, stale_cells, label), ""]  # header[0] is the "# title" line
    front_matter = "\n".join(
        f"{key}: {json.dumps(guide.meta[key], ensure_ascii=False)}" for key in ("title", "description")
    )
    parts = [
        f"---\n{front_matter}\n---",
        f"<!-- Generated by `nox -s build` from {source_label}; edit that file, not this page. -->",
        "\n".join(header).rstrip(),
    ]
    outputs = iter(executed.outputs)
    for cell in guide.cells:
        if cell.kind == "markdown":
            parts.append(cell.source.strip("\n"))
            continue
        parts.append(f"```python\n{cell.source.strip(chr(10))}\n```")
        # Cleaned again here so that a better cleaner applies to stored records
        # without re-executing (cleaning is idempotent).
        shown = tuple(Output(o.kind, clean(o.text)) for o in next(outputs))
        for output in merge_printed(tuple(o for o in shown if o.text)):
            parts.append(render_output(output, label))
    return "\n\n".join(parts) + "\n"
