"""A pytest plugin for the doctest runs that tests start (conftest.run_doctests): it writes each test's
outcome, deselected ones included, to the JSON file named by $DOCTEST_OUTCOMES, so that tests assert
on outcomes rather than on pytest's summary line."""

from __future__ import annotations

import json
import os

_outcomes: dict[str, list[str]] = {"passed": [], "failed": [], "skipped": [], "deselected": []}


def pytest_deselected(items) -> None:
    _outcomes["deselected"] += [item.nodeid for item in items]


def pytest_runtest_logreport(report) -> None:
    # One outcome per test: its call, or the setup or teardown that failed or skipped it.
    if report.when == "call" or report.outcome != "passed":
        _outcomes[report.outcome].append(report.nodeid)


def pytest_sessionfinish(session) -> None:
    if hasattr(session.config, "workerinput"):  # a pytest-xdist worker: its controller sees every report
        return
    with open(os.environ["DOCTEST_OUTCOMES"], "w", encoding="utf-8") as handle:
        json.dump(_outcomes, handle)
