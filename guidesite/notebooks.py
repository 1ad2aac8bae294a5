"""Executed guides as Jupyter notebooks: the download readers get, and the
committed store of outputs plus their record (in the notebook's metadata)."""

from __future__ import annotations

import nbformat
from nbformat import v4

from .cleaning import classify
from .model import Executed, Output, Record
from .records import record_from_json, record_to_json
from .render import HIDDEN_TAG
from .translate.status import placeholder_credit

META_KEY = "guidesite"


def _to_nb_output(output: Output):
    if output.kind in ("stdout", "stderr"):
        return v4.new_output("stream", name=output.kind, text=output.text)
    if output.kind == "result":
        return v4.new_output("execute_result", data={"text/plain": output.text}, execution_count=None)
    if output.kind in ("image", "html"):
        return v4.new_output("display_data", data={"text/plain": output.text, output.mime: output.data})
    return v4.new_output("error", ename="Error", evalue="", traceback=output.text.split("\n"))


def to_notebook(executed: Executed) -> nbformat.NotebookNode:
    guide = executed.guide
    outputs = iter(executed.outputs)
    cells = []
    for cell in guide.cells:
        if cell.kind == "markdown":
            if HIDDEN_TAG not in cell.tags:
                cells.append(v4.new_markdown_cell(cell.source))
        else:
            code = v4.new_code_cell(cell.source, outputs=[_to_nb_output(o) for o in next(outputs)])
            if cell.tags:
                code.metadata["tags"] = list(cell.tags)
            cells.append(code)
    for index, cell in enumerate(cells):
        cell["id"] = f"cell-{index}"  # nbformat draws random ids; pages must rebuild byte for byte
    nb = v4.new_notebook(cells=cells)
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
