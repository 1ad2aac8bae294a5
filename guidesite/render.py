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
from .labels import Labels, labels_for
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
        download = f"{hosting.docs}/{lang}/downloads/{name}.{backends[0]}.ipynb"
        colab = f"https://colab.research.google.com/github/{in_repo}/{download}"
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
        # The license stays on the page with or without a known original (an imported tutobook's header).
        *([" · ".join([*credits, label["license"]]), ""] if credits or meta.get("license") == "Apache-2.0"
          else []),
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


def unfinished_notice(name: str, cells: int, label: dict, source_link: str = "") -> str:
    """Admonition for an unfinished translation (cells tagged untranslated, or placeholder credits)."""
    key = "unfinished_text" if cells else "unfinished_credits"
    text = label[key].format(n=cells, link=source_link or f"../../en/guides/{name}/")
    return f'!!! warning "{label["unfinished_title"]}"\n    {text}'



def stale_notice(name: str, stale_cells: int, label: dict, source_link: str = "") -> str:
    """Admonition for a translated page whose English cells changed since review; source_link: the
    source-language page's URL from this one (Project.source_page_link; default: from a page of the
    default language to the English one, /guides/<name>/ -> /en/guides/<name>/)."""
    text = label["stale_text"].format(n=stale_cells, link=source_link or f"../../en/guides/{name}/")
    return f'!!! warning "{label["stale_title"]}"\n    {text}'


def tab_download(name: str, backend: str, label: dict) -> str:
    """The link to a backend's notebook at the end of its tab (the first tab set of a page only: the
    tabs are linked, so choosing a backend there shows that backend's download)."""
    text = label["tab_download"].format(backend=backend_label(backend))
    attributes = f'{{ .guide-tab-download download="{name}.{backend}.ipynb" }}'
    return f"[{text}]({download_link(name, backend)}){attributes}"


def render_cell_outputs(
    runs: list[Executed], index: int, number: int, label: dict, with_downloads: bool = False,
) -> tuple[str | None, bool]:
    """One code cell's outputs on every backend, and whether they are tabbed: one block where they agree,
    else a tab per backend (each ending with its notebook's download link when with_downloads)."""
    guide = runs[0].guide
    cell = guide.code_cells[index]
    only = only_backend(cell)
    shown = [run for run in runs if only is None or run.record.backend == only]
    tolerance = tolerance_for(guide.meta, cell.tags)
    if all(same_outputs(shown[0].outputs[index], run.outputs[index], tolerance) for run in shown[1:]):
        block = render_outputs(shown[0].outputs[index], guide.name, number, label, _suffix(runs, shown[0]))
        return block, False
    tabs = []
    for run in shown:
        block = render_outputs(run.outputs[index], guide.name, number, label, _suffix(runs, run))
        if with_downloads:
            block = "\n\n".join(filter(None, [block, tab_download(guide.name, run.record.backend, label)]))
        tabs.append(tab(backend_label(run.record.backend), block or ""))
    return "\n\n".join(tabs), True


def render(
    runs: list[Executed] | Executed, source_label: str, stale_cells: int = 0, untranslated_cells: int = 0,
    hosting: Hosting = NOT_HOSTED, readings: Mapping[str, tuple[str, ...]] | None = None,
    labels: Labels | None = None, source_link: str = "",
) -> str:
    """The Markdown page for one guide in its language, from its runs (one per backend, the first first).

    stale_cells: how many cells changed in English since this translation was
    reviewed (from the translation checks); > 0 puts a notice under the title.
    untranslated_cells: cells still tagged untranslated; > 0 marks the page as unfinished.
    labels: the page language's interface text (default: guidesite's own for the guide's language).
    source_link: the URL of the guide's page in the source language, from this page (for the notices).
    readings: identifier -> Korean readings (the glossary's [readings]; translated pages only): each
    section that uses an identifier carries its readings, hidden, for the search (``readings``).
    """
    runs = [runs] if isinstance(runs, Executed) else list(runs)
    executed = runs[0]
    guide = executed.guide
    label = (labels or labels_for(guide.lang)).page
    header = _header(runs, label, source_label, hosting)
    notices = []
    if any(run.outdated for run in runs):  # only in a preview (serve); a build never writes these
        notices.append(f'!!! warning "{label["outdated_title"]}"\n\n    {label["outdated_text"]}')
    if untranslated_cells or placeholder_credit(guide.meta):
        notices.append(unfinished_notice(guide.name, untranslated_cells, label, source_link))
    if stale_cells:
        notices.append(stale_notice(guide.name, stale_cells, label, source_link))
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
        f"<!-- Generated from {source_label} by guidesite; edit that file, not this page. -->",
        "\n".join(header).rstrip(),
    ]
    code_index = 0
    downloads_in_tabs = len(runs) > 1  # until the first tab set has them
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
        block, tabbed = render_cell_outputs(runs, code_index, number, label, downloads_in_tabs)
        downloads_in_tabs = downloads_in_tabs and not tabbed
        if block:
            parts.append(block)
        code_index += 1
    return with_readings("\n\n".join(parts) + "\n", readings or {})
