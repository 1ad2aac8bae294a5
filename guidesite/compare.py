"""Compare printed output with a published output block (pure).

Lines and labels must match exactly; numbers may differ within a tolerance
(different CPU kernels move the last digits); durations such as ``13s`` or
``5ms/step`` are ignored, and masked addresses compare equal.
"""

from __future__ import annotations

import math
import re

from .cleaning import clean

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
DURATION = re.compile(r"\b\d+(?:\.\d+)?(?:s|ms|us|µs|min|h)\b(?:/step)?")
REL_TOL = 1e-3


def _numbers_close(expected: str, actual: str) -> bool:
    a, b = float(expected), float(actual)
    if math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9):
        return True
    # One unit in the last printed decimal place, for values rounded on print.
    decimals = len(expected.split(".")[1].split("e")[0].split("E")[0]) if "." in expected else 0
    return abs(a - b) <= 10.0 ** -decimals * 1.0000001 and decimals > 0


def _split(line: str) -> tuple[list[str], list[str]]:
    line = DURATION.sub("<duration>", line)
    return NUMBER.split(line), NUMBER.findall(line)


def line_difference(expected: str, actual: str) -> str | None:
    """None if the lines match, else a short reason."""
    exp_text, exp_nums = _split(expected)
    act_text, act_nums = _split(actual)
    if exp_text != act_text or len(exp_nums) != len(act_nums):
        return "text differs"
    for e, a in zip(exp_nums, act_nums, strict=True):
        if not _numbers_close(e, a):
            return f"number {a} is not within tolerance of {e}"
    return None


def differences(expected: str, actual: str) -> list[str]:
    """Every mismatch between a published block and fresh output, one message each."""
    exp_lines = clean(expected).split("\n") if expected.strip() else []
    act_lines = clean(actual).split("\n") if actual.strip() else []
    problems = []
    if len(exp_lines) != len(act_lines):
        problems.append(f"expected {len(exp_lines)} line(s) of output, got {len(act_lines)}")
    for n, (e, a) in enumerate(zip(exp_lines, act_lines, strict=False), 1):
        reason = line_difference(e, a)
        if reason:
            problems.append(f"output line {n}: {reason}\n  published: {e}\n  now:       {a}")
    return problems
