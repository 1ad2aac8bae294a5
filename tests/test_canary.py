"""The canary's report (pure parts): status per block, since which versions, the pages' tables."""

import pytest

from guidesite.canary import PartialRunError, channel_report, page_block
from guidesite.doctests import _first_error_line, new_warnings

V1 = {"python": "3.12.1", "keras": "3.15.1", "jax": "0.12.0.1"}
V2 = {"python": "3.12.1", "keras": "3.16.0", "jax": "0.12.0.1"}


def _entry(status: str, cell: int = 3, backend: str = "jax", error: str = "", warnings=()) -> dict:
    return {"page": "docs/en/guides/g.md", "line": 40 + cell, "backend": backend, "status": status,
            "cell": cell, "error": error, "warnings": list(warnings)}


def test_a_failing_block_keeps_the_versions_it_first_failed_on():
    first = channel_report([_entry("failed", error="TypeError: x")], V1, None, "2026-12-01")
    block = first["blocks"]["g|en|jax|3"]
    assert block["status"] == "failed" and block["since"] == "python 3.12.1, keras 3.15.1, jax 0.12.0.1"
    second = channel_report([_entry("failed", error="TypeError: x")], V2, first, "2026-12-08")
    assert second["blocks"]["g|en|jax|3"]["since"] == block["since"]
    fixed = channel_report([_entry("passed")], V2, second, "2026-12-15")
    assert "since" not in fixed["blocks"]["g|en|jax|3"]
    again = channel_report([_entry("failed")], V2, fixed, "2026-12-22")
    assert again["blocks"]["g|en|jax|3"]["since"].startswith("python 3.12.1, keras 3.16.0")


def test_counts_per_guide_and_backend_and_the_page_tables():
    entries = [_entry("passed", 1), _entry("failed", 2, error="ValueError: shapes"), _entry("not run", 3),
               _entry("passed", 1, "torch", warnings=["DeprecationWarning: old API"])]
    report = {"runs": {"stable": channel_report(entries, V1, None, "2026-12-05")}}
    assert report["runs"]["stable"]["summary"]["g|jax"] == {"passed": 1, "failed": 1, "not run": 1}
    en, ko = page_block(report, "en"), page_block(report, "ko")
    assert "| g | ❌ 1 of 3 blocks fail, 1 not run | ✅ 1 of 1 blocks pass |" in en
    assert "`ValueError: shapes`" in en and "en page, cell 2 · JAX" in en
    assert "- `DeprecationWarning: old API`: g (PyTorch)" in en
    assert "## Nightly builds" in en and "Not run yet" in en
    assert "블록 3개 중 1개 실패" in ko and "아직 실행하지 않았습니다" in ko


def test_a_partial_run_replaces_its_pages_and_keeps_the_others_on_the_same_versions():
    full = channel_report([_entry("failed", 1, error="NameError: x"), _entry("passed", 1, "torch")], V1, None,
                          "2026-12-05")
    again = channel_report([_entry("passed", 1)], V1, full, "2026-12-06", partial=True)  # --backend jax
    assert again["blocks"]["g|en|jax|1"]["status"] == "passed"
    assert again["blocks"]["g|en|torch|1"] == full["blocks"]["g|en|torch|1"]  # kept, not run again
    assert again["summary"] == {"g|jax": {"passed": 1, "failed": 0, "not run": 0},
                                "g|torch": {"passed": 1, "failed": 0, "not run": 0}}
    with pytest.raises(PartialRunError, match="run every page"):
        channel_report([_entry("passed", 1)], V2, full, "2026-12-06", partial=True)
    assert "g|en|torch|1" not in channel_report([_entry("passed", 1)], V1, full, "2026-12-06")["blocks"]


def test_new_warnings_and_the_first_error_line():
    fresh = "/x/keras/src/a.py:12: DeprecationWarning: `foo` is deprecated\n  foo()\nUserWarning: shown"
    assert new_warnings(fresh, "UserWarning: shown\n") == ["DeprecationWarning: `foo` is deprecated"]
    raised = "this block raised\nTraceback (most recent call last):\n  File x\nTypeError: bad operand"
    assert _first_error_line(raised) == "TypeError: bad operand"
    mismatch = ("printed output no longer matches the published block\noutput line 2: text differs\n"
                "  published: Keras 3.15.1\n  now:       Keras 3.16.0")
    assert _first_error_line(mismatch) == ("output line 2: text differs · published: Keras 3.15.1 · "
                                           "now:       Keras 3.16.0")


def test_the_canary_log_holds_every_block_and_the_warnings_a_library_raises(tmp_path):
    import json

    from .conftest import run_doctests

    fence = "```"
    code = ('import warnings\n'
            'warnings.warn_explicit("old API", DeprecationWarning, "lib.py", 1, module="lib")\nprint("ok")')
    page = tmp_path / "page.md"
    page.write_text(f"# P\n\n{fence}{{.python .guide-cell}}\n{code}\n{fence}\n\n"
                    f'{fence}{{.text .output title="Output"}}\nok\n{fence}\n', encoding="utf-8")
    log = tmp_path / "log"
    log.mkdir()
    assert run_doctests(page, 300, "--canary-log", str(log)).counts == {"passed": 1}
    entries = [json.loads(line) for path in log.glob("*.jsonl") for line in path.read_text().splitlines()]
    assert entries == [{"page": str(page), "line": 3, "backend": "tensorflow", "status": "passed",
                        "cell": 1, "error": "", "warnings": ["DeprecationWarning: old API"]}]
