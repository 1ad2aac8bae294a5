"""Compare printed output with a published output block (pure).

Lines and labels must match exactly. Numbers are compared by where they come from
(the rationale and the measurements are in bench/reproducibility.py and on the
benchmarks page):

- **exact**: every number by default (shapes, counts, dtypes, seeded random draws,
  deterministic math). Integers must be equal; a decimal may move by one unit in
  its last printed digit (a value on a rounding boundary) or by EXACT_REL relative
  (float32 round-off when another CPU sums in another order).
- **training**: numbers that come out of training drift further, because every
  step compounds the round-off of the last: the metrics in Keras' progress lines
  (``- loss: 0.1650``) and callback messages (``Epoch 3: val_loss improved ...``),
  and every number of a cell tagged ``tolerance-training``. They may move by
  ``training`` relative (TRAINING_REL unless the guide's header sets
  ``tolerance:``), or one unit in the last printed digit.

Durations such as ``13s`` or ``5ms/step`` are ignored; masked addresses compare equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cleaning import clean

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
DURATION = re.compile(r"\b\d+(?:\.\d+)?(?:s|ms|us|µs|min|h)\b(?:/step)?")
# A Keras progress line ("94/94 ━━━ 1s 6ms/step - accuracy: 0.75 - loss: 0.81", or "94/94 - 1s - loss: ...")
# or a callback's message ("Epoch 3: val_loss improved from 0.35 to 0.24, saving model to ...").
TRAINING_LINE = re.compile(r"^\s*(?:\d+/\d+\b.* - [\w.]+: |Epoch \d+: )")
EXACT_REL = 1e-5
TRAINING_REL = 1e-2
TRAINING_TAG = "tolerance-training"  # the cell tag (and the page's fence class) of a cell from training


@dataclass(frozen=True)
class Tolerance:
    """How one cell's numbers are compared."""

    training: float = TRAINING_REL  # relative tolerance of numbers from training (the header's `tolerance:`)
    cell_from_training: bool = False  # the cell is tagged tolerance-training: all its numbers drift
    scale: float = 1.0  # < 1 compares more strictly (render merges backends' outputs at half the tolerance)


EXACT = Tolerance()


def _decimals(number: str) -> int:
    mantissa = re.split(r"[eE]", number)[0]
    return len(mantissa.split(".")[1]) if "." in mantissa else 0


def _is_integer(number: str) -> bool:
    return "." not in number and "e" not in number.lower()


def numbers_close(expected: str, actual: str, rel: float, scale: float = 1.0) -> bool:
    """Within `rel` relative, or (for decimals) one unit in the last printed digit of the expected value."""
    a, b = float(expected), float(actual)
    if abs(a - b) <= rel * scale * max(abs(a), abs(b)) + 1e-12:
        return True
    decimals = _decimals(expected)
    return decimals > 0 and abs(a - b) <= 10.0 ** -decimals * scale * 1.0000001


def _split(line: str) -> tuple[list[str], list[str]]:
    line = DURATION.sub("<duration>", line)
    return NUMBER.split(line), NUMBER.findall(line)


def number_kinds(line: str, tolerance: Tolerance = EXACT) -> list[str]:
    """"exact" or "training" for each number of a published line, in order."""
    numbers = _split(line)[1]
    if tolerance.cell_from_training:
        return ["training"] * len(numbers)
    if TRAINING_LINE.match(line):
        return ["exact" if _is_integer(n) else "training" for n in numbers]
    return ["exact"] * len(numbers)


def line_difference(expected: str, actual: str, tolerance: Tolerance = EXACT) -> str | None:
    """None if the lines match, else a short reason."""
    exp_text, exp_nums = _split(expected)
    act_text, act_nums = _split(actual)
    if exp_text != act_text or len(exp_nums) != len(act_nums):
        return "text differs"
    for kind, e, a in zip(number_kinds(expected, tolerance), exp_nums, act_nums, strict=True):
        if kind == "training":
            close = numbers_close(e, a, tolerance.training, tolerance.scale)
            allowed = f"{tolerance.training:g} relative (a number from training)"
        elif _is_integer(e):
            close = e.lstrip("+") == a.lstrip("+")
            allowed = "exact"
        else:
            close = numbers_close(e, a, EXACT_REL, tolerance.scale)
            allowed = f"{EXACT_REL:g} relative or one unit of the last digit"
        if not close:
            return f"number {a} is not within tolerance of {e} ({allowed})"
    return None


def differences(expected: str, actual: str, tolerance: Tolerance = EXACT) -> list[str]:
    """Every mismatch between a published block and fresh output, one message each."""
    exp_lines = clean(expected).split("\n") if expected.strip() else []
    act_lines = clean(actual).split("\n") if actual.strip() else []
    problems = []
    if len(exp_lines) != len(act_lines):
        problems.append(f"expected {len(exp_lines)} line(s) of output, got {len(act_lines)}")
    for n, (e, a) in enumerate(zip(exp_lines, act_lines, strict=False), 1):
        reason = line_difference(e, a, tolerance)
        if reason:
            problems.append(f"output line {n}: {reason}\n  published: {e}\n  now:       {a}")
    return problems


def relative_spreads(expected: str, actual: str, tolerance: Tolerance = EXACT) -> list[tuple[str, float]]:
    """(kind, relative difference) of every number of two outputs with the same text (bench); [] if the text
    differs."""
    exp_lines = clean(expected).split("\n") if expected.strip() else []
    act_lines = clean(actual).split("\n") if actual.strip() else []
    if len(exp_lines) != len(act_lines):
        return []
    spreads = []
    for e, a in zip(exp_lines, act_lines, strict=True):
        (exp_text, exp_nums), (act_text, act_nums) = _split(e), _split(a)
        if exp_text != act_text or len(exp_nums) != len(act_nums):
            return []
        for kind, x, y in zip(number_kinds(e, tolerance), exp_nums, act_nums, strict=True):
            fx, fy = float(x), float(y)
            scale = max(abs(fx), abs(fy))
            spreads.append((kind, abs(fx - fy) / scale if scale else 0.0))
    return spreads


def tolerance_for(meta, tags) -> Tolerance:
    """A cell's tolerance from its guide's header (or page's front matter) `tolerance:` and its tags."""
    training = float(meta.get("tolerance") or TRAINING_REL)
    return Tolerance(training=training, cell_from_training=TRAINING_TAG in tags)
