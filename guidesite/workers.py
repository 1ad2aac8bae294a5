"""Executing runs in worker processes, a few at a time, that never outlive the build."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import re
import threading
import time
from collections.abc import Iterator

from .backends import BACKENDS
from .errors import ExecutionError
from .execute import execute, guide_timeout
from .model import Executed, Guide
from .runtime import DEFAULT_RUNTIME, Runtime
from .sources import guide_backends

WORKER_GRACE_SECONDS = 15  # for a stopped worker to shut its kernel down before it is killed
PARENT_POLL_SECONDS = 0.5  # how often a worker checks that its build is still there


def _exit_with_parent(parent: int) -> None:
    """In a worker: once the build that started it is gone (even by kill -9, when no handler of the build
    runs), stop its kernel and exit, instead of executing the rest of the guide for nobody."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    import psutil  # an ipykernel dependency; imported only when it is needed

    children = psutil.Process().children(recursive=True)
    for child in children:
        child.terminate()
    _, alive = psutil.wait_procs(children, timeout=2)
    for child in alive:
        child.kill()
    os._exit(1)


def _execute_in_child(
    conn, guide: Guide, backend: str, key: str, timeout: int, keep_going: bool, runtime: Runtime,
) -> None:
    """Body of a worker process: execute one guide on one backend, send back the result or the exception."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # failures come back as exceptions; kernel logs go to a file
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    try:
        executed = execute(guide, key, backend, timeout=guide_timeout(guide, timeout), keep_going=keep_going,
                           runtime=runtime)
        conn.send((True, executed))
    except BaseException as exc:  # noqa: B036 - whatever stopped it, the parent reports it
        conn.send((False, exc))


def on_backend(error: BaseException, guide: Guide, backend: str) -> BaseException:
    """One run's failure, on a guide with several backends naming the backend ("en guide 'g' on PyTorch")."""
    if not isinstance(error, ExecutionError) or len(guide_backends(guide)) < 2:
        return error
    where = f"{guide.lang} guide {guide.name!r}"
    label = BACKENDS[backend].label if backend in BACKENDS else backend
    message, found = re.subn(rf"{re.escape(where)}(?=[,:])", f"{where} on {label}", error.message)
    return ExecutionError(error.path, error.line, message if found else f"[{label}] {error.message}")


def _stop_workers(running: dict) -> None:
    """SIGTERM first: nbclient in the worker then shuts its kernel down; SIGKILL whatever is left."""
    for process in running.values():
        process.terminate()
    deadline = time.monotonic() + WORKER_GRACE_SECONDS
    for process in running.values():
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join()


def execute_all(
    jobs: list[tuple[Guide, str, str]], *, timeout: int, workers: int, keep_going: bool = False,
    runtime: Runtime = DEFAULT_RUNTIME,
) -> Iterator[Executed]:
    """Execute (guide, backend, key) runs, `workers` at a time, one process each; yield each as it finishes.

    A process of its own even when one at a time: nbclient takes over SIGINT and
    SIGTERM while it runs, so in the build's own process an interrupt would only
    show up later as a "dead kernel". Here the build keeps its handlers and, on
    an interrupt, stops the workers. concurrent.futures' pools queue the next
    guide in a worker before the current one ends, so a stopped pool would start
    it; plain processes do only what they were started for.
    """
    context = multiprocessing.get_context("spawn")  # no fork of a process that may hold threads
    waiting = list(jobs)
    running: dict = {}  # receiving end of a pipe -> its process
    runs: dict = {}  # receiving end of a pipe -> the (guide, backend) its process executes
    failed: list[ExecutionError] = []  # with keep_going: every run's failures, reported together at the end
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                receiver, sender = context.Pipe(duplex=False)
                guide, backend, key = waiting.pop(0)
                args = (sender, guide, backend, key, timeout, keep_going, runtime)
                process = context.Process(target=_execute_in_child, args=args)
                process.start()
                sender.close()
                running[receiver] = process
                runs[receiver] = guide, backend
            for receiver in multiprocessing.connection.wait(list(running)):
                guide, backend = runs.pop(receiver)
                try:
                    ok, result = receiver.recv()
                except EOFError:  # the worker died without a word (killed, or a crash in Python itself)
                    code = running[receiver].exitcode
                    ok, result = False, ExecutionError(
                        guide.path, 1, f"{guide.lang} guide {guide.name!r}: the build worker executing it "
                        f"exited with code {code} (killed, or a crash in Python itself); run the build again"
                    )
                running.pop(receiver).join()
                if not ok:
                    result = on_backend(result, guide, backend)
                if ok:
                    yield result
                elif keep_going and isinstance(result, ExecutionError):
                    failed.append(result)
                else:
                    raise result
        if failed:
            first, others = failed[0], "".join(f"\n\n{error}" for error in failed[1:])
            raise ExecutionError(first.path, first.line, first.message + others)
    finally:
        _stop_workers(running)
