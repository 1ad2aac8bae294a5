"""The benchmark helpers' pure functions, and the benchmarks pages against bench/results.json.

No timing is asserted here: the benchmarks themselves run with `nox -s bench`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import machine, report, serve_latency
from bench.stats import makespan, median, prose_edit, ratio, seconds, size, summary_counts
from guidesite.sources import reads

from .conftest import guide_text


def test_median_and_ratio():
    assert median([5.0, 1.0, 3.0]) == 3.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert ratio(3.9, 3.0) == pytest.approx(1.3)
    with pytest.raises(ValueError):
        median([])
    with pytest.raises(ValueError):
        ratio(1.0, 0.0)


def test_summary_counts_read_what_the_build_did():
    run = {"guide": "intro", "lang": "en", "backend": "jax", "reason": "", "seconds": 1.0, "renamed_from": ""}
    summary = {"files_updated": 3, "runs": [
        {**run, "lang": "ko", "action": "reused", "cells_executed": 0},
        {**run, "action": "executed", "cells_executed": 24},
        {**run, "guide": "other", "action": "executed", "cells_executed": 3},
        {**run, "guide": "third", "action": "left", "cells_executed": 0},
    ]}
    assert summary_counts(summary) == {
        "cells_executed": 27, "guides_executed": 2, "guides_reused": 1, "files_updated": 3,
    }
    assert summary_counts({"runs": [], "files_updated": 0, "stamp_fresh": True})["guides_executed"] == 0


def test_makespan_schedules_longest_first():
    jobs = [3.0, 3.0, 2.0, 2.0, 2.0]
    assert makespan(jobs, 1) == 12.0
    assert makespan(jobs, 2) == 7.0  # longest-first: 3+2+2 | 3+2 (the optimum, 6, needs a lookahead)
    assert makespan(jobs, 10) == 3.0  # more machines than jobs: the longest job
    assert makespan([150.0, 140.0], 4) == 150.0
    with pytest.raises(ValueError):
        makespan(jobs, 0)


def test_formatting():
    assert [seconds(v) for v in (152.4, 12.34, 1.234, 0.0123)] == ["152 s", "12.3 s", "1.23 s", "12.3 ms"]
    assert [size(v) for v in (900, 15 * 1024 + 512, 3 * 1024 * 1024)] == ["900 B", "15.5 KiB", "3.00 MiB"]


def test_prose_edit_changes_markdown_only():
    text = guide_text(("md", "## Intro\n\nSome prose."), ("code", 'x = """doc"""\nprint(x)'), ("md", "End."))
    edited = prose_edit(text, 7)
    before, after = reads(text, Path("g.py"), "en"), reads(edited, Path("g.py"), "en")
    assert [c.source for c in after.code_cells] == [c.source for c in before.code_cells]
    assert after.cells[0].source == before.cells[0].source + "\n\nBenchmark prose edit number 7."
    assert after.cells[2].source == before.cells[2].source
    with pytest.raises(ValueError):
        prose_edit(guide_text(("code", "print(1)")), 1)


def test_machine_facts_from_proc_text():
    assert machine.cpu_model("processor\t: 0\nmodel name\t: AMD EPYC 7B13\n") == "AMD EPYC 7B13"
    assert machine.mem_total_gib("MemTotal:       24576000 kB\nMemFree: 1 kB\n") == 23.4
    # 100 busy CPU seconds over 100 s on 2 cores, 40 of them ours: others used 30% of the machine.
    assert machine.others_share(100.0, 40.0, 100.0, 2) == pytest.approx(0.3)


def test_replace_block_keeps_the_hand_written_text():
    page = f"# Title\n\nProse.\n\n{report.START}\nold table\n{report.END}\n\nMore prose.\n"
    new = report.replace_block(page, "| new |")
    assert new == f"# Title\n\nProse.\n\n{report.START}\n| new |\n{report.END}\n\nMore prose.\n"
    assert report.replace_block(new, "| new |") == new
    with pytest.raises(ValueError):
        report.replace_block("# no markers\n", "x")


def _results() -> dict:
    figures = {"ours_s": 3.0, "baseline_s": 2.5, "ratio": 1.2, "target": 1.3, "met": True}
    figures["cells_executed"] = 0
    return {
        "command": "python -m bench", "mode": "full", "started_at": "2026-01-01 00:00 UTC", "duration_s": 600,
        "others_cpu_share": 0.25, "settings": {"repeats": 7, "heavy_repeats": 2},
        "machine": {"cpu": "AMD EPYC", "cores": 2, "ram_gib": 23.5, "python": "3.11.7", "os": "Linux 6"},
        "benchmarks": {"noop": figures, "overhead": {**figures, "ratio": 1.08, "target": 1.05, "met": False}},
    }


def test_render_states_ratios_and_verdicts_in_each_language():
    english, korean = report.render(_results(), "en"), report.render(_results(), "ko")
    assert "| **1.20** | ≤ 1.3 | met |" in english
    assert "| **1.08** | ≤ 1.05 | missed |" in english
    assert "| **1.20** | ≤ 1.3 | 달성 |" in korean
    assert "| **1.08** | ≤ 1.05 | 미달 |" in korean
    assert "AMD EPYC, 2 cores, 23.5 GiB RAM" in english and "25%" in english


def test_benchmarks_pages_show_the_recorded_results():
    if not report.RESULTS.is_file():
        pytest.skip("no bench/results.json yet")
    results = json.loads(report.RESULTS.read_text(encoding="utf-8"))
    for lang, page in report.pages().items():
        text = page.read_text(encoding="utf-8")
        assert report.replace_block(text, report.render(results, lang, report.ci_run())) == text, (
            f"{page}: figures differ from bench/results.json; run `python -m bench.report`"
        )


SERVE_LOG = """\
saved: guide_src/ko/intro.py
2 page(s) and file(s) re-rendered in 0.13 s
INFO    -  Building documentation...
INFO    -  Documentation built in 0.41 seconds
INFO    -  [02:01:02] Reloading browsers
"""


def test_serve_stages_are_read_from_the_serve_log():
    assert serve_latency.stage_times(SERVE_LOG) == ([0.13], [0.41])
    assert serve_latency.stage_times("saved: x\nerror: x.py:3: unterminated string\n") == ([], [])


def test_serve_table_states_the_stages_and_flags_a_busy_machine_in_each_language():
    data = {"measured_at": "2026-12-02 02:00 UTC", "cores": 2, "load_before": 2.1, "load_after": 2.3,
            "others_cpu_share": 0.4, "samples_s": [0.9, 1.1, 1.0], "median_s": 1.0,
            "rerender_s": [0.12, 0.14, 0.13], "mkdocs_build_s": [0.4, 0.5, 0.45]}
    english, korean = serve_latency.table(data, "en"), serve_latency.table(data, "ko")
    assert "| **1.00 s** (samples: 0.90, 1.10, 1.00) | ≤ 1 s | met |" in english
    assert "our re-render 0.13 s, MkDocs' rebuild of both languages 0.45 s" in english
    assert "other processes used 40% of the CPU (a busy machine" in english
    assert "다시 그리기 0.13초" in korean and "CPU의 40%" in korean and "바쁜 머신" in korean
    quiet = serve_latency.table({**data, "others_cpu_share": 0.05}, "en")
    assert "5% of the CPU." in quiet and "busy" not in quiet
