"""Executed guides as Jupyter notebooks: the committed store of outputs plus their record (in the
notebook's metadata, every code cell of the guide), and the downloads readers get (one per backend,
runnable as downloaded)."""

from __future__ import annotations

import nbformat
from nbformat import v4

from .backends import BACKENDS
from .cleaning import classify
from .labels import Labels, labels_for
from .model import Executed, Output, Record
from .records import record_from_json, record_to_json
from .sources import HIDDEN_TAG, only_backend, placeholder_credit

META_KEY = "guidesite"


# Cells and outputs are written as the plain dicts nbformat's v4.new_* functions return: those
# validate each cell on creation (0.3 s of a build that rewrites a few notebooks), while
# nbformat.writes validates the whole notebook once anyway.
def _to_nb_output(output: Output) -> dict:
    if output.kind in ("stdout", "stderr"):
        return {"output_type": "stream", "name": output.kind, "text": output.text}
    if output.kind == "result":
        return {"output_type": "execute_result", "data": {"text/plain": output.text}, "metadata": {},
                "execution_count": None}
    if output.kind in ("image", "html"):
        return {"output_type": "display_data", "data": {"text/plain": output.text, output.mime: output.data},
                "metadata": {}}
    return {"output_type": "error", "ename": "Error", "evalue": "", "traceback": output.text.split("\n")}


def _number(cells: list) -> None:
    for index, cell in enumerate(cells):
        cell["id"] = f"cell-{index}"  # fixed ids (nbformat draws random ones): pages rebuild byte for byte


def to_notebook(executed: Executed) -> nbformat.NotebookNode:
    guide = executed.guide
    outputs = iter(executed.outputs)
    cells = []
    for cell in guide.cells:
        if cell.kind == "markdown":
            if HIDDEN_TAG not in cell.tags:
                cells.append({"cell_type": "markdown", "metadata": {}, "source": cell.source})
        else:
            outputs_of_cell = [_to_nb_output(o) for o in next(outputs)]
            metadata = {"tags": list(cell.tags)} if cell.tags else {}
            cells.append({"cell_type": "code", "execution_count": None, "metadata": metadata,
                          "outputs": outputs_of_cell, "source": cell.source})
    _number(cells)
    nb = nbformat.from_dict({"nbformat": 4, "nbformat_minor": v4.nbformat_minor, "metadata": {},
                             "cells": cells})
    meta = dict(guide.meta)
    if placeholder_credit(meta):  # "TODO: your name" stays out of the download too
        del meta["translator"]
    nb.metadata.update(
        {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "guide": meta,
            META_KEY: record_to_json(executed.record),
        }
    )
    return nb


def dumps(executed: Executed) -> str:
    return nbformat.writes(to_notebook(executed), version=4) + "\n"


def to_download(executed: Executed, labels: Labels | None = None) -> nbformat.NotebookNode:
    """The notebook a reader downloads for one backend: a first cell that picks the backend (Keras reads
    KERAS_BACKEND once, when it is first imported), then the run's cells and outputs without the cells
    of the other backends (which the record keeps: there they must raise), so that "Run all" runs it
    top to bottom. No record metadata: it is a copy for reading and running, not the store."""
    backend = executed.record.backend
    nb = to_notebook(executed)
    code = iter(executed.guide.code_cells)
    kept = [cell for cell in nb.cells
            if cell.cell_type == "markdown" or only_backend(next(code)) in (None, backend)]
    page = (labels or labels_for(executed.guide.lang)).page
    comment = page["backend_cell"].format(backend=BACKENDS[backend].label)
    first = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
             "source": f'# {comment}\nimport os\n\nos.environ["KERAS_BACKEND"] = "{backend}"'}
    nb.cells = [nbformat.from_dict(first), *kept]
    _number(nb.cells)
    del nb.metadata[META_KEY]
    return nb


def dumps_download(executed: Executed, labels: Labels | None = None) -> str:
    return nbformat.writes(to_download(executed, labels), version=4) + "\n"


def loads_record(text: str) -> tuple[Record, tuple[tuple[Output, ...], ...]] | None:
    """The record and per-code-cell outputs stored in a notebook, or None if unusable."""
    try:
        nb = nbformat.reads(text, as_version=4)
        record = record_from_json(nb.metadata[META_KEY])
    except Exception:  # a damaged or foreign file is simply not a usable record
        return None
    code = (cell for cell in nb.cells if cell.cell_type == "code")
    outputs = tuple(tuple(o for o in map(classify, cell.outputs) if o is not None) for cell in code)
    return record, outputs
