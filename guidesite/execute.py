"""Run a guide's code in a Jupyter kernel (nbclient) and collect its outputs.

A hidden first cell installs the local data set mirror and seeds every random
generator; a hidden last cell reports the device and versions. Neither is
shown on the page or kept in the downloadable notebook.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import UTC, datetime

from nbformat import v4

from . import outputs as cleaning
from .errors import ExecutionError
from .freeze import SEED, outputs_hash
from .model import Executed, Guide, Output, Record

SETUP = f"""\
from guidesite.datasets import install_mnist_mirror
install_mnist_mirror()
import keras
keras.utils.set_random_seed({SEED})
"""

PROBE = """\
import json, platform, sys
import keras, numpy, tensorflow as tf

def _device():
    gpus = tf.config.list_physical_devices("GPU")
    if gpus:
        details = tf.config.experimental.get_device_details(gpus[0])
        return "GPU: " + details.get("device_name", gpus[0].name)
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            names = [l.split(":", 1)[1].strip() for l in f if l.startswith("model name")]
        model = names[0] if names else model
    except OSError:
        pass
    import os
    return f"CPU: {model} ({os.cpu_count()} cores)"

print(json.dumps({"device": _device(), "versions": {
    "python": platform.python_version(), "tensorflow": tf.__version__,
    "keras": keras.__version__, "numpy": numpy.__version__}}))
"""

KERNEL_ENV = {"TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONHASHSEED": "0"}
DEFAULT_TIMEOUT = 1800  # seconds one cell may run, unless the guide's header sets `timeout:`
HIDDEN = "guidesite_hidden"  # metadata key of the setup and probe cells
HIDDEN_TIMEOUT = 600  # seconds they may run
# IPython names the failing line of a cell "Cell In[3], line 2" in its traceback.
_CELL_LINE = re.compile(r"Cell In\[\d+\], line (\d+)")


def guide_timeout(guide: Guide, default: int = DEFAULT_TIMEOUT) -> int:
    """Seconds one cell of this guide may run: the header's `timeout:` field wins."""
    return int(guide.meta.get("timeout", default))


def _seconds(cell) -> float:
    timing = cell.metadata.get("execution", {})
    try:
        start = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return 0.0
    return round((end - start).total_seconds(), 2)


def collect_outputs(raw_outputs) -> tuple[Output, ...]:
    """Merge consecutive stream chunks (a progress bar arrives in pieces), then clean."""
    merged: list[list[str]] = []
    for out in raw_outputs:
        if out.output_type == "stream":
            kind, text = out.name, out.text
        elif out.output_type in ("execute_result", "display_data"):
            kind, text = "result", out.get("data", {}).get("text/plain", "")
        elif out.output_type == "error":
            kind, text = "error", "\n".join(out.get("traceback", []))
        else:
            continue
        if merged and merged[-1][0] == kind and kind in ("stdout", "stderr"):
            merged[-1][1] += text
        else:
            merged.append([kind, text])
    cleaned = (Output(kind, cleaning.clean(text)) for kind, text in merged)
    return tuple(o for o in cleaned if o.text)


def _failed_cell_index(nb) -> int:
    for index, cell in enumerate(nb.cells):
        if any(o.output_type == "error" for o in cell.get("outputs", [])):
            return index
    # A cell that timed out or killed the kernel started but never got a reply.
    for index, cell in enumerate(nb.cells):
        if "shell.execute_reply" not in cell.metadata.get("execution", {}):
            return index
    return len(nb.cells) - 1


def _failure(guide: Guide, nb, exc: Exception, timeout: int, kernel_log: str) -> ExecutionError:
    """An ExecutionError at the source line of the cell that failed."""
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    where = f"{guide.lang} guide {guide.name!r}"
    index = _failed_cell_index(nb)
    detail = cleaning.clean(str(exc))
    if isinstance(exc, DeadKernelError):
        log_tail = "\n".join(cleaning.clean(kernel_log).split("\n")[-20:])
        detail += f"\nkernel stderr (last lines):\n{log_tail}" if log_tail else ""
    if index == 0 or index > len(guide.code_cells):
        return ExecutionError(guide.path, 1, f"{where}: hidden setup failed: {detail}")
    reason = {
        CellTimeoutError: f"timed out after {timeout} s (if it needs longer, set `timeout: <seconds>` "
        "under 'guide:' in the header, or pass --timeout)",
        DeadKernelError: "the kernel died (crash or os._exit in the cell)",
    }.get(type(exc), "raised an exception")
    line = guide.code_cells[index - 1].line
    in_cell = _CELL_LINE.search(detail) if isinstance(exc, CellExecutionError) else None
    if in_cell:  # the failing line itself; the code starts on the line after the "# %%" marker
        line += int(in_cell[1])
    return ExecutionError(guide.path, line, f"{where}, code cell {index} {reason}:\n{detail}")


def execute(guide: Guide, key: str, timeout: int = DEFAULT_TIMEOUT, workdir: str | None = None) -> Executed:
    """Execute every code cell of a guide; raise ExecutionError pointing at the source."""
    # Imported here: a build that executes nothing (the common case) never pays for
    # nbclient and jupyter_client (~0.2 s of every no-op rebuild).
    import nbclient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    code = guide.code_cells
    hidden = {HIDDEN: True}
    cells = [v4.new_code_cell(SETUP, metadata=hidden)]
    cells += [v4.new_code_cell(c.source, metadata={"tags": list(c.tags)}) for c in code]
    cells.append(v4.new_code_cell(PROBE, metadata=hidden))
    nb = v4.new_notebook(cells=cells)
    client = nbclient.NotebookClient(
        nb,
        # The guide's timeout is for its own cells; the hidden ones import TensorFlow,
        # which alone can take longer than a small guide's timeout on a busy machine.
        timeout_func=lambda cell: max(timeout, HIDDEN_TIMEOUT) if cell.metadata.get(HIDDEN) else timeout,
        kernel_name="python3",
        record_timing=True,
        resources={"metadata": {"path": workdir or os.getcwd()}},
    )
    # The kernel process's own stderr (TensorFlow start-up logs, ipykernel
    # warnings) goes to a file instead of the maintainer's terminal; its tail
    # explains a kernel that died.
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as kernel_log:
        try:
            client.execute(env={**os.environ, **KERNEL_ENV}, stderr=kernel_log)
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            kernel_log.seek(0)
            raise _failure(guide, nb, exc, timeout, kernel_log.read()) from None
    # Its stdout, not its last output: TensorFlow's first GPU query may log to stderr after it.
    probe = json.loads(next(o.text for o in nb.cells[-1].outputs if o.get("name") == "stdout"))
    outputs = tuple(collect_outputs(cell.outputs) for cell in nb.cells[1:-1])
    record = Record(
        cache_key=key,
        executed_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        device=probe["device"],
        versions=probe["versions"],
        seed=SEED,
        cell_seconds=tuple(_seconds(cell) for cell in nb.cells[1:-1]),
        outputs_hash=outputs_hash(outputs),
    )
    return Executed(guide, outputs, record)
