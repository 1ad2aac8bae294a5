"""Render an executed guide as Markdown for MkDocs Material (pure).

Code cells become ``{.python .guide-cell}`` fences: the doctests run those and
only those, so a code example written inside prose is shown with its language
and never run. Each output sits in a ``data-search-exclude`` element (Material
leaves it out of the search index); images are files beside the page
(``image_files``), HTML outputs are shown sanitised. A translated page's sections
carry the Korean readings of the identifiers they use, hidden, for the search
(``readings``).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping

from .backends import BACKENDS
from .cleaning import clean_output
from .compare import EXACT, EXACT_REL, TRAINING_TAG, Tolerance, differences, tolerance_for
from .escaping import front_matter_text, markdown_text, markdown_url, markdown_with_links
from .kernel import KernelSpec
from .model import Executed, Output
from .pageformat import code_fence, front_matter_block, html_block, image_line, output_box, printed_block, tab
from .project import IMAGE_DIR, NOT_HOSTED, Hosting
from .readings import with_readings
from .sources import HIDDEN_TAG, ONLY_TAG, is_placeholder, only_backend, placeholder_credit

VERSION_NAMES = (
    ("python", "Python"), ("tensorflow", "TensorFlow"), ("jax", "JAX"), ("jaxlib", "jaxlib"),
    ("torch", "PyTorch"), ("keras", "Keras"), ("numpy", "NumPy"),
)
IMAGE_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/svg+xml": "svg"}
# The one place that names the public repository: "Open in Colab" and "view source" point into it.

LABELS = {
    "ko": {
        "output": "출력", "stderr": "표준 오류", "error": "오류", "lines": "줄",
        "author": "저자", "authors": "저자", "translator": "번역", "created": "작성일",
        "modified": "최종 수정일",
        "original": "원문", "source": "번역 출처", "record": "실행 기록",
        "adapted": "원문({edition}판)을 Keras 3에 맞게 고쳐 옮김",
        "record_intro": "이 페이지의 출력은 아래 환경에서 코드를 실제로 실행해 얻은 것입니다.",
        "device": "장치", "versions": "버전", "backend": "백엔드", "tested_on": "실행·검증 백엔드",
        "only": "{backend} 전용",
        "first_backend": "노트북은 백엔드마다 따로 내려받을 수 있습니다. 각 노트북은 그 백엔드를 고르는 셀로 "
        "시작하고 다른 백엔드 전용 셀은 빠져 있어 처음부터 끝까지 그대로 실행됩니다.",
        "download_backend": "노트북 내려받기 · {backend}",
        "backend_cell": "이 노트북은 {backend} 백엔드로 실행합니다. "
        "케라스는 처음 임포트될 때 백엔드를 정하므로 이 셀을 먼저 실행하세요.",
        "image_alt": "셀 {cell}의 출력 이미지",
        "unfinished_title": "번역 중",
        "unfinished_text": "{n}개 셀이 아직 영어입니다. 번역이 끝나지 않은 페이지이니 "
        "[영어 페이지]({link})도 함께 보세요.",
        "unfinished_credits": "번역자 정보가 아직 채워지지 않은 페이지입니다. "
        "[영어 페이지]({link})도 함께 보세요.",
        "executed": "실행 일시", "total": "총 실행 시간",
        "seconds": "초", "seed": "시드", "download": "노트북 내려받기 (.ipynb)",
        "compared": "검증 기준: 테스트할 때마다 다시 실행해, 숫자는 마지막 자리 한 단위"
        "(또는 상대 오차 {exact})까지 같아야 합니다. 훈련에서 나온 숫자(Keras 진행 표시줄의 지표{cells})는 "
        "CPU마다 조금씩 달라지므로 상대 {training}까지 허용합니다.",
        "compared_cells": ", 훈련 결과로 표시한 셀 {n}개의 숫자",
        "hidden_setup": "숨은 준비 단계: 첫 셀보다 먼저 `keras.utils.set_random_seed({seed})`로 "
        "모든 난수 생성기를 고정하고, 데이터셋은 내려받는 대신 패키지에 담긴 실제 데이터의 로컬 사본에서 "
        "읽습니다. 마지막 숨은 셀은 위의 장치와 버전만 읽습니다. 그 밖의 코드는 모두 페이지에 보이는 "
        "그대로입니다.",
        "colab": "Colab에서 열기", "view_source": "소스 보기 (GitHub)", "edit": "이 페이지 고치기 (GitHub)",
        "license": "원문과 코드는 Apache License 2.0을 따릅니다.",
        "outdated_title": "출력이 코드보다 오래되었습니다",
        "outdated_text": "이 미리 보기의 코드가 바뀌어, 아래 출력은 바뀌기 전 코드의 출력입니다. "
        "`nox -s build`를 실행하면 다시 실행해 맞춥니다.",
        "stale_title": "영어 원문이 바뀌었습니다",
        "stale_text": "이 번역을 검토한 뒤로 영어 원문의 셀 {n}개가 바뀌었습니다. "
        "최신 내용은 [영어 페이지]({link})에서 확인하세요.",
    },
    "en": {
        "output": "Output", "stderr": "Standard error", "error": "Error", "lines": "lines",
        "author": "Author", "authors": "Authors", "translator": "Translation", "created": "Created",
        "modified": "Last modified",
        "original": "Original", "source": "Korean text based on", "record": "Execution record",
        "adapted": "Adapted for Keras 3 from the original ({edition} edition)",
        "record_intro": "The outputs on this page come from really running its code here:",
        "device": "Device", "versions": "Versions", "backend": "Backend",
        "tested_on": "Executed and tested on",
        "only": "{backend} only",
        "first_backend": "Each backend has its own notebook download: it starts with a cell that picks "
        "that backend and leaves out the other backends' cells, so it runs top to bottom as downloaded.",
        "download_backend": "Download the notebook · {backend}",
        "backend_cell": "This notebook runs on the {backend} backend. Keras picks its backend when it is "
        "first imported: run this cell first.",
        "image_alt": "Output image of cell {cell}",
        "unfinished_title": "Translation in progress",
        "unfinished_text": "{n} cell(s) are still in the source language. See the [original]({link}) too.",
        "unfinished_credits": "The translator's credit is not filled in yet. See the [original]({link}) too.",
        "executed": "Executed", "total": "Total run time",
        "seconds": " s", "seed": "Seed", "download": "Download the notebook (.ipynb)",
        "compared": "How it is checked: every test run executes the code again; numbers must match to one "
        "unit of the last printed digit (or {exact} relative). Numbers from training (the metrics in "
        "Keras' progress lines{cells}) differ slightly from one CPU to another and may move by {training} "
        "relative.",
        "compared_cells": " and the numbers of {n} cell(s) marked as training output",
        "hidden_setup": "Hidden setup: before the first cell, `keras.utils.set_random_seed({seed})` "
        "seeds every random generator, and data sets are read from a local copy of the real data shipped "
        "in a package instead of being downloaded; a hidden last cell only reads the device and versions "
        "above. All other code is exactly what the page shows.",
        "colab": "Open in Colab", "view_source": "View source on GitHub", "edit": "Edit this page on GitHub",
        "license": "The original guide and its code are under the Apache License 2.0.",
        "outdated_title": "Outputs are out of date",
        "outdated_text": "The code of this preview changed: the outputs below are those of the code before. "
        "Run `nox -s build` to execute it again.",
        "stale_title": "The original changed",
        "stale_text": "{n} cell(s) of the original changed since this translation was reviewed. "
        "See the [English page]({link}) for the current text.",
    },
}


def backend_label(name: str) -> str:
    return BACKENDS[name].label if name in BACKENDS else name


def image_name(guide: str, cell: int, n: int, mime: str, backend: str = "") -> str:
    """File name of the n-th image (1-based) of cell `cell` (numbered among all cells, as `status` does);
    backend: set for the runs on a guide's second and further backends."""
    return f"{guide}-{cell}-{n}{'.' + backend if backend else ''}.{IMAGE_EXTENSIONS[mime]}"


def _suffix(runs: list[Executed], run: Executed) -> str:
    return "" if run is runs[0] else run.record.backend


def image_files(runs: list[Executed] | Executed) -> dict[str, bytes]:
    """{file name under IMAGE_DIR: bytes} for every image output of the guide's runs."""
    runs = [runs] if isinstance(runs, Executed) else list(runs)
    files = {}
    for run in runs:
        for index, outputs in enumerate(run.outputs):
            cell = run.guide.cell_number(index)
            # Cleaned here too: a stored record's outputs are as recorded (SVG is sanitised: sanitize.py).
            images = [clean_output(o) for o in outputs if o.kind == "image"]
            for n, image in enumerate(images, 1):
                body = image.data.encode() if image.mime == "image/svg+xml" else base64.b64decode(image.data)
                files[image_name(run.guide.name, cell, n, image.mime, _suffix(runs, run))] = body
    return files


def download_link(name: str, backend: str) -> str:
    """The page's link to a backend's download (project.download_path, seen from docs/<lang>/guides/)."""
    return f"../downloads/{name}.{backend}.ipynb"


def _versions(record) -> str:
    versions = record.versions
    shown = [(name, versions[key]) for key, name in VERSION_NAMES if key in versions]
    return ", ".join(f"{name} {markdown_text(version)}" for name, version in shown)


def _comparison(guide, label: dict) -> str:
    """How the doctests compare this page's numbers (compare.py), as the record box says it."""
    marked = sum(TRAINING_TAG in cell.tags for cell in guide.code_cells)
    training = tolerance_for(guide.meta, ()).training
    return label["compared"].format(
        exact=f"{EXACT_REL * 100:g}%", training=f"{training * 100:g}%",
        cells=label["compared_cells"].format(n=marked) if marked else "",
    )


def _record_box(runs: list[Executed], label: dict) -> list[str]:
    """The execution record: where and how each backend's run produced the outputs, and how it is checked."""
    # Collapsed (??? is pymdownx.details): one line on the first screen that opens to the whole record.
    lines = [f'??? info record "{label["record"]}"', f"    {label['record_intro']}", ""]
    compared = f"    - {_comparison(runs[0].guide, label)}"
    if len(runs) == 1:
        record = runs[0].record
        return lines + [
            f"    - {label['backend']}: {backend_label(record.backend)}",
            f"    - {label['device']}: {markdown_text(record.device)}",
            f"    - {label['versions']}: {_versions(record)}",
            f"    - {label['executed']}: {markdown_text(record.executed_at)} · {label['total']}: "
            f"{record.total_seconds}{label['seconds']} · {label['seed']}: {record.seed}",
            f"    - {label['hidden_setup'].format(seed=record.seed)}",
            compared,
            "",
        ]
    for run in runs:
        record = run.record
        lines.append(
            f"    - **{backend_label(record.backend)}**: {markdown_text(record.device)} · "
            f"{_versions(record)} · "
            f"{label['executed']}: {markdown_text(record.executed_at)} · "
            f"{label['total']}: {record.total_seconds}{label['seconds']}"
        )
    return lines + [
        f"    - {label['seed']}: {runs[0].record.seed} · {label['first_backend']}",
        f"    - {label['hidden_setup'].format(seed=runs[0].record.seed)}",
        compared,
        "",
    ]


def _header(runs: list[Executed], label: dict, source_label: str, hosting: Hosting) -> list[str]:
    executed = runs[0]
    meta = executed.guide.meta
    name, lang = executed.guide.name, executed.guide.lang
    backends = [run.record.backend for run in runs]
    def download_text(backend: str) -> str:
        return label["download"] if len(runs) == 1 else label["download_backend"].format(
            backend=backend_label(backend))

    links = [f'[{download_text(b)}]({download_link(name, b)}){{ .md-button download="{name}.{b}.ipynb" }}'
             for b in backends]
    if hosting.repository:  # without a configured repository there is nothing to link to
        in_repo = f"{hosting.repository}/blob/{hosting.branch}"
        colab = f"https://colab.research.google.com/github/{in_repo}/docs/{lang}/downloads/{name}.{backends[0]}.ipynb"
        edit = f"https://github.com/{hosting.repository}/edit/{hosting.branch}/{source_label}"
        links = [
            f"[{label['colab']}]({colab}){{ .md-button .md-button--primary }}",
            *links,
            f"[{label['view_source']}](https://github.com/{in_repo}/{source_label}){{ .md-button }}",
            f"[{label['edit']}]({edit}){{ .md-button }}",
        ]
    author = str(meta["author"])
    several = "," in author or " and " in author  # tutobooks' "Authors:" header
    # Header fields are text (an imported tutobook's header is not trusted HTML): escaping.py.
    byline = [f"**{label['authors' if several else 'author']}:** {markdown_with_links(author)}"]
    if not is_placeholder(meta.get("translator")):
        byline.append(f"**{label['translator']}:** {markdown_with_links(meta['translator'])}")
    backends = " · ".join(backend_label(run.record.backend) for run in runs)
    byline.append(f"**{label['tested_on']}:** {backends}")
    byline.append(f"**{label['created']}:** {markdown_text(meta['date_created'])}")
    byline.append(f"**{label['modified']}:** {markdown_text(meta['last_modified'])}")
    credits = []
    if meta.get("original"):
        # `original_edition`: the upstream edition a rewritten page follows (tutobooks' "Last modified").
        edition = meta.get("original_edition")
        name = label["adapted"].format(edition=markdown_text(edition)) if edition else label["original"]
        credits.append(f"{name}: {markdown_url(meta['original'])}")
    if meta.get("translation_source"):
        credits.append(f"{label['source']}: {markdown_url(meta['translation_source'])}")
    return [
        f"# {markdown_text(meta['title'])}",
        "",
        "<br>\n".join(byline),
        "",
        f"*{markdown_text(meta['description'])}*",
        "",
        *([" · ".join(credits) + f" · {label['license']}", ""] if credits else []),
        " ".join(links),
        "{: .guide-links }",
        "",
        *_record_box(runs, label),
    ]


def render_image(output: Output, file_name: str, cell: int, label: dict) -> str:
    alt = label["image_alt"].format(cell=cell)
    if output.text and not output.text.startswith("<"):  # not a bare repr such as <Figure size 640x480 ...>
        alt += f": {output.text}"
    return image_line(alt, f"{IMAGE_DIR}/{file_name}")


def render_output(output: Output, label: dict) -> str:
    kind = "output" if output.kind in ("stdout", "result") else output.kind
    title = label["output"] if kind == "output" else label[kind]
    return printed_block(kind, title, output.text, label["lines"])


def merge_printed(outputs: tuple[Output, ...]) -> tuple[Output, ...]:
    """Join printed text and the cell's result value into one block, as a notebook shows them."""
    merged: list[Output] = []
    for output in outputs:
        kind = "stdout" if output.kind in ("stdout", "result") else output.kind
        if merged and merged[-1].kind == kind == "stdout":
            merged[-1] = Output("stdout", merged[-1].text + "\n\n" + output.text)
        else:
            merged.append(Output(kind, output.text, output.mime, output.data))
    return tuple(merged)


def shown_outputs(outputs: tuple[Output, ...]) -> tuple[Output, ...]:
    """The outputs as the page shows them: cleaned again (so a better cleaner applies to stored
    records without re-executing; cleaning is idempotent) and printed text merged."""
    return merge_printed(tuple(o for o in (clean_output(o) for o in outputs) if o.text or o.data))


def same_outputs(a: tuple[Output, ...], b: tuple[Output, ...], tolerance: Tolerance = EXACT) -> bool:
    """True when two runs' outputs of a cell read the same: numbers within half the doctests' tolerance, so
    that the other backend's doctest, compared with the one output shown, keeps the other half for drift."""
    a, b = shown_outputs(a), shown_outputs(b)
    half = Tolerance(tolerance.training, tolerance.cell_from_training, scale=0.5)
    return len(a) == len(b) and all(
        x.kind == y.kind and x.data == y.data and not differences(x.text, y.text, half)
        for x, y in zip(a, b, strict=True)
    )


def render_outputs(
    outputs: tuple[Output, ...], guide: str, cell: int, label: dict, backend: str = ""
) -> str | None:
    """A code cell's outputs, each kept out of the search index (None if it printed nothing)."""
    blocks, images = [], 0
    for output in shown_outputs(outputs):
        if output.kind == "image":
            images += 1
            name = image_name(guide, cell, images, output.mime, backend)
            blocks.append(render_image(output, name, cell, label))
        elif output.kind == "html":
            blocks.append(html_block(output.data))
        else:
            blocks.append(output_box(render_output(output, label)))
    return "\n\n".join(blocks) or None


def unfinished_notice(name: str, cells: int, label: dict) -> str:
    """Admonition for an unfinished translation (cells tagged untranslated, or placeholder credits)."""
    key = "unfinished_text" if cells else "unfinished_credits"
    text = label[key].format(n=cells, link=f"../../en/guides/{name}/")
    return f'!!! warning "{label["unfinished_title"]}"\n    {text}'



def stale_notice(name: str, stale_cells: int, label: dict) -> str:
    """Admonition for a translated page whose English cells changed since review.

    The link is the English page's URL relative to a page of the default
    language (/guides/<name>/ -> /en/guides/<name>/), as mkdocs-static-i18n lays them out.
    """
    text = label["stale_text"].format(n=stale_cells, link=f"../../en/guides/{name}/")
    return f'!!! warning "{label["stale_title"]}"\n    {text}'


def render_cell_outputs(runs: list[Executed], index: int, number: int, label: dict) -> str | None:
    """One code cell's outputs on every backend: one block where they agree, else a tab per backend."""
    guide = runs[0].guide
    cell = guide.code_cells[index]
    only = only_backend(cell)
    shown = [run for run in runs if only is None or run.record.backend == only]
    tolerance = tolerance_for(guide.meta, cell.tags)
    if all(same_outputs(shown[0].outputs[index], run.outputs[index], tolerance) for run in shown[1:]):
        return render_outputs(shown[0].outputs[index], guide.name, number, label, _suffix(runs, shown[0]))
    tabs = []
    for run in shown:
        block = render_outputs(run.outputs[index], guide.name, number, label, _suffix(runs, run))
        tabs.append(tab(backend_label(run.record.backend), block or ""))
    return "\n\n".join(tabs)


def render(
    runs: list[Executed] | Executed, source_label: str, stale_cells: int = 0, untranslated_cells: int = 0,
    hosting: Hosting = NOT_HOSTED, readings: Mapping[str, tuple[str, ...]] | None = None,
) -> str:
    """The Markdown page for one guide in its language, from its runs (one per backend, the first first).

    stale_cells: how many cells changed in English since this translation was
    reviewed (from the translation checks); > 0 puts a notice under the title.
    untranslated_cells: cells still tagged untranslated; > 0 marks the page as unfinished.
    readings: identifier -> Korean readings (the glossary's [readings]; translated pages only): each
    section that uses an identifier carries its readings, hidden, for the search (``readings``).
    """
    runs = [runs] if isinstance(runs, Executed) else list(runs)
    executed = runs[0]
    guide = executed.guide
    label = LABELS[guide.lang]
    header = _header(runs, label, source_label, hosting)
    notices = []
    if any(run.outdated for run in runs):  # only in a preview (serve); a build never writes these
        notices.append(f'!!! warning "{label["outdated_title"]}"\n\n    {label["outdated_text"]}')
    if untranslated_cells or placeholder_credit(guide.meta):
        notices.append(unfinished_notice(guide.name, untranslated_cells, label))
    if stale_cells:
        notices.append(stale_notice(guide.name, stale_cells, label))
    header[2:2] = [line for notice in notices for line in (notice, "")]  # header[0] is the "# title" line
    # The theme inserts these into <title>, the navigation and a <meta> attribute as they are.
    meta = {key: front_matter_text(guide.meta[key]) for key in ("title", "description")}
    if len(runs) == 1:  # the doctests start the page's kernels with these (and the header's env, timeout)
        meta["backend"] = executed.record.backend
    else:
        meta["backends"] = [run.record.backend for run in runs]
    meta.update(KernelSpec.from_meta(guide.meta, executed.record.backend).front_matter())
    if "tolerance" in guide.meta:  # the doctests compare numbers from training with it
        meta["tolerance"] = guide.meta["tolerance"]
    parts = [
        front_matter_block(meta),
        f"<!-- Generated by `nox -s build` from {source_label}; edit that file, not this page. -->",
        "\n".join(header).rstrip(),
    ]
    code_index = 0
    for number, cell in enumerate(guide.cells, 1):
        if cell.kind == "markdown":
            if HIDDEN_TAG not in cell.tags:
                parts.append(cell.source.strip("\n"))
            continue
        only = only_backend(cell)
        if only:
            parts.append(f'<p class="backend-only">{label["only"].format(backend=backend_label(only))}</p>')
        classes = [f"{ONLY_TAG}{only}"] if only else []
        classes += [TRAINING_TAG] if TRAINING_TAG in cell.tags else []
        parts.append(code_fence(cell.source.strip("\n"), classes))
        block = render_cell_outputs(runs, code_index, number, label)
        if block:
            parts.append(block)
        code_index += 1
    return with_readings("\n\n".join(parts) + "\n", readings or {})
