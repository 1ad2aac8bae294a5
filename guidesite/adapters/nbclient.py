"""nbclient, through one private method: what a cell that runs past its timeout does.

NotebookClient's public options end a timed-out cell by raising CellTimeoutError, or, with
``interrupt_on_timeout``, by interrupting the kernel and going on at once, before the kernel's
KeyboardInterrupt traceback arrives. We want that traceback: it names the line that was running.
nbclient has no public hook between "timed out" and what it does next, so ``_async_handle_timeout``
(nbclient 0.11, pinned in constraints.txt) is overridden: interrupt, wait briefly for the traceback,
then do what nbclient does. tests/test_adapters.py fails when that method changes its name or form.
"""

from __future__ import annotations

import asyncio

import nbclient
import nbclient.util

INTERRUPT_WAIT_STEPS = 30  # tenths of a second a timed-out cell's interrupt traceback may take to arrive


def interrupting_client() -> type[nbclient.NotebookClient]:
    """A NotebookClient that, when a cell times out, first interrupts the kernel and waits briefly for the
    KeyboardInterrupt traceback, so that the error can name the line that was running."""

    class Client(nbclient.NotebookClient):
        async def _async_handle_timeout(self, timeout, cell=None):
            if cell is not None and self.km is not None:
                await nbclient.util.ensure_async(self.km.interrupt_kernel())
                for _ in range(INTERRUPT_WAIT_STEPS):
                    if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
                        break
                    await asyncio.sleep(0.1)
            return await super()._async_handle_timeout(timeout, cell)

    return Client
