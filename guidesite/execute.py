"""Run a guide's code in a Jupyter kernel (nbclient) and collect its outputs.

The kernel is contained (``kernel.contained``, shared with the doctests): it
starts in a fresh temporary working directory (files a guide writes never land
in the repository) with only the environment its ``KernelSpec`` allows, and
``KERAS_BACKEND`` set from the guide's header before anything imports keras;
every process it started is ended with it. A hidden first cell (``kernel.SETUP``) installs
the local data set mirror and seeds every random generator; a hidden last cell
(``kernel.PROBE``) reports backend, device and versions. Neither is shown on
the page or kept in the downloadable notebook.
"""

from __future__ import annotations

import json
import os
import signal
import tempfile
import threading
from datetime import UTC, datetime

from nbformat import v4

from . import cleaning
from .backends import BACKENDS
from .errors import ExecutionError
from .kernel import DEFAULT_TIMEOUT, PROBE, KernelSpec, contained
from .model import Executed, Guide, Record
from .records import outputs_hash
from .runtime import DEFAULT_RUNTIME, Runtime
from .sources import guide_backend, only_backend

HIDDEN = "guidesite_hidden"  # metadata key of the setup and probe cells
HIDDEN_TIMEOUT = 600  # seconds they may run
MEMORY_SAMPLE_SECONDS = 0.5  # how often the kernel's memory is sampled (its peak is named if it is killed)


def guide_timeout(guide: Guide, default: int = DEFAULT_TIMEOUT) -> int:
    """Seconds one cell of this guide may run: the header's `timeout:` field wins."""
    return KernelSpec.from_meta(guide.meta, guide_backend(guide), default).timeout


def _seconds(cell) -> float:
    timing = cell.metadata.get("execution", {})
    try:
        start = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return 0.0
    return round((end - start).total_seconds(), 2)


def _failed_cell_index(nb) -> int:
    for index, cell in enumerate(nb.cells):
        if any(o.output_type == "error" for o in cell.get("outputs", [])):
            return index
    # A cell that timed out or killed the kernel started but never got a reply.
    for index, cell in enumerate(nb.cells):
        if "shell.execute_reply" not in cell.metadata.get("execution", {}):
            return index
    return len(nb.cells) - 1


def _where(guide: Guide, code_index: int) -> str:
    """How errors name a code cell: by its number among all cells, as `status` does."""
    return f"{guide.lang} guide {guide.name!r}, cell {guide.cell_number(code_index)}"


def _traceback(cell) -> str:
    """The cleaned traceback of the first error an executed cell shows ("" if it raised none)."""
    return next((o.text for o in cleaning.from_notebook(cell.get("outputs", [])) if o.kind == "error"), "")


def _cell_error(guide: Guide, code_index: int, reason: str, detail: str) -> ExecutionError:
    """An ExecutionError at the line in the source that failed (the cell's first line if unknown)."""
    line = guide.code_cells[code_index].line
    in_cell = cleaning.CELL_LINE.search(detail)
    if in_cell:  # the failing line itself; the code starts on the line after the "# %%" marker
        line += int(in_cell[1])
    return ExecutionError(guide.path, line, f"{_where(guide, code_index)} {reason}:\n{detail}")


class KernelWatch:
    """The kernel process of one execution: how it ended, and the most memory it used (sampled)."""

    def __init__(self):
        self.process = None  # the kernel's Popen, once nbclient has started it
        self.peak_bytes = 0
        self._stop = threading.Event()

    def started(self, client) -> None:
        self.process = getattr(getattr(client.km, "provisioner", None), "process", None)
        if self.process is not None:
            threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        import psutil  # an ipykernel dependency

        try:
            kernel = psutil.Process(self.process.pid)
            while not self._stop.wait(MEMORY_SAMPLE_SECONDS):
                self.peak_bytes = max(self.peak_bytes, kernel.memory_info().rss)
        except psutil.Error:  # the kernel ended
            pass

    def stop(self) -> None:
        self._stop.set()

    def how_it_died(self) -> str:
        """Why a dead kernel is dead, in words: the signal that ended it, or its exit code."""
        code = self.process.poll() if self.process is not None else None
        if code is None or code >= 0:
            exit_code = f", exit code {code}" if code else ""
            return f"the kernel died (crash or os._exit in the cell{exit_code})"
        name = signal.Signals(-code).name if -code in signal.valid_signals() else f"signal {-code}"
        if -code != signal.SIGKILL:
            return f"the kernel was killed by {name}"
        peak = f"; its memory had reached {self.peak_bytes / 2**30:.1f} GB" if self.peak_bytes else ""
        return (
            f"the kernel was killed by {name}, which usually means the operating system ran out of memory"
            f"{peak}: use less data or a smaller model, or run on a machine with more memory"
        )


def _failure(
    guide: Guide, nb, exc: Exception, timeout: int, kernel_log: str, watch: KernelWatch
) -> ExecutionError:
    """An ExecutionError at the source line of the cell that failed."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    index = _failed_cell_index(nb)
    detail = cleaning.clean(str(exc))
    if isinstance(exc, CellTimeoutError):
        # nbclient's message previews the cell as a Python list; the traceback of the interrupt
        # (see adapters/nbclient.py) names the line that was running instead.
        detail = _traceback(nb.cells[index])
    if isinstance(exc, DeadKernelError):
        log_tail = "\n".join(cleaning.clean(kernel_log).split("\n")[-20:])
        detail += f"\nkernel stderr (last lines):\n{log_tail}" if log_tail else ""
    if index == 0 or index > len(guide.code_cells):
        where = f"{guide.lang} guide {guide.name!r}"
        return ExecutionError(guide.path, 1, f"{where}: hidden setup failed: {detail}")
    reason = {
        CellTimeoutError: f"timed out after {timeout} s (if it needs longer, set `timeout: <seconds>` "
        "under 'guide:' in the header, or pass --timeout)",
        DeadKernelError: watch.how_it_died(),
    }.get(type(exc), "raised an exception")
    return _cell_error(guide, index - 1, reason, detail)


def may_raise(cell, backend: str) -> bool:
    """A cell whose error is expected: tagged raises-exception, or only-<another backend>."""
    only = only_backend(cell)
    return "raises-exception" in cell.tags or (only is not None and only != backend)


def _kernel_tags(cell, backend: str) -> list[str]:
    """The cell's tags as nbclient sees them: raises-exception lets a cell fail without stopping the run."""
    tags = list(cell.tags)
    if may_raise(cell, backend) and "raises-exception" not in tags:
        tags.append("raises-exception")
    return tags


def _not_raised_where_expected(guide: Guide, nb, backend: str) -> ExecutionError | None:
    """A cell tagged only-<backend> must fail on the other backends; say so if it ran without error."""
    for index, (cell, source) in enumerate(zip(nb.cells[1:-1], guide.code_cells, strict=True)):
        only = only_backend(source)
        if only and only != backend and not _traceback(cell):
            return ExecutionError(
                guide.path, source.line, f"{_where(guide, index)} is tagged 'only-{only}' but ran without an "
                f"error on {BACKENDS[backend].label}; remove the tag so its outputs are shown for every "
                "backend"
            )
    return None


def _failures_kept_going(guide: Guide, nb, backend: str) -> ExecutionError | None:
    """With --keep-going: one error listing every cell that raised where no error is expected."""
    failed = []
    for index, (cell, source) in enumerate(zip(nb.cells[1:-1], guide.code_cells, strict=True)):
        detail = _traceback(cell)
        if detail and not may_raise(source, backend):
            failed.append(_cell_error(guide, index, "raised an exception", detail))
    if not failed:
        return None
    more = "".join(f"\n\n{error}" for error in failed[1:])
    summary = f"{len(failed)} cell(s) failed" + (f"; the others:{more}" if more else "")
    first = failed[0]
    return ExecutionError(first.path, first.line, f"{first.message}\n{summary}")


def _published_problems(guide: Guide, outputs, spec: KernelSpec) -> ExecutionError | None:
    """Outputs that must not be published: too large, or showing a value of the build's environment."""
    allowed = spec.allowed_names()
    for index, cell_outputs in enumerate(outputs):
        where = _where(guide, index)
        line = guide.code_cells[index].line
        too_big = cleaning.oversized(cell_outputs)
        if too_big:
            return ExecutionError(guide.path, line, f"{where} {too_big}")
        leaked = cleaning.leaked_names(cell_outputs, os.environ, allowed)
        if leaked:
            return ExecutionError(
                guide.path, line, f"{where} shows the value of the build's environment variable(s) "
                f"{', '.join(leaked)}; nothing was published. Do not print the environment; if the "
                "guide really needs such a variable, list its name under `env:` in the header"
            )
    return None


def execute(
    guide: Guide, key: str, backend: str | None = None, timeout: int = DEFAULT_TIMEOUT,
    keep_going: bool = False, runtime: Runtime = DEFAULT_RUNTIME,
) -> Executed:
    """Execute every code cell of a guide on one backend, after the runtime profile's hidden setup; raise
    ExecutionError pointing at the source."""
    # Imported here: a build that executes nothing (the common case) never pays for
    # nbclient and jupyter_client (~0.2 s of every no-op rebuild).
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    from .adapters.nbclient import interrupting_client

    backend = backend or guide_backend(guide)
    spec = KernelSpec.from_meta(guide.meta, backend, default_timeout=timeout, setup=runtime.setup_cell())
    timeout = spec.timeout
    code = guide.code_cells
    hidden = {HIDDEN: True}
    cells = [v4.new_code_cell(spec.setup, metadata=hidden)]
    cells += [v4.new_code_cell(c.source, metadata={"tags": _kernel_tags(c, backend)}) for c in code]
    cells.append(v4.new_code_cell(PROBE, metadata=hidden))
    nb = v4.new_notebook(cells=cells)
    # The kernel process's own stderr (TensorFlow start-up logs, ipykernel
    # warnings) goes to a file instead of the maintainer's terminal; its tail
    # explains a kernel that died.
    with (
        contained(spec, guide.name) as box,
        tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as kernel_log,
    ):
        client = interrupting_client()(
            nb,
            # The guide's timeout is for its own cells; the hidden ones import TensorFlow,
            # which alone can take longer than a small guide's timeout on a busy machine.
            timeout_func=lambda cell: max(timeout, HIDDEN_TIMEOUT) if cell.metadata.get(HIDDEN) else timeout,
            kernel_name="python3",
            record_timing=True,
            allow_errors=keep_going,
            resources={"metadata": {"path": box.workdir}},
        )
        watch = KernelWatch()
        client.on_notebook_start = lambda **_: watch.started(client)
        try:
            client.execute(env=box.env, stderr=kernel_log)
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            kernel_log.seek(0)
            raise _failure(guide, nb, exc, timeout, kernel_log.read(), watch) from None
        finally:
            watch.stop()
    if keep_going and (failures := _failures_kept_going(guide, nb, backend)):
        raise failures
    if wrong_tag := _not_raised_where_expected(guide, nb, backend):
        raise wrong_tag
    # Its stdout, not its last output: TensorFlow's first GPU query may log to stderr after it.
    probe = json.loads(next(o.text for o in nb.cells[-1].outputs if o.get("name") == "stdout"))
    outputs = tuple(cleaning.from_notebook(cell.outputs) for cell in nb.cells[1:-1])
    problem = _published_problems(guide, outputs, spec)
    if problem:
        raise problem
    record = Record(
        cache_key=key,
        executed_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        device=probe["device"],
        versions=probe["versions"],
        seed=runtime.seed,
        cell_seconds=tuple(_seconds(cell) for cell in nb.cells[1:-1]),
        outputs_hash=outputs_hash(outputs),
        backend=probe["backend"],
    )
    return Executed(guide, outputs, record)
