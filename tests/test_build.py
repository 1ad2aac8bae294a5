"""The build on a tiny two-language guide, executed for real in a kernel."""

import json
import re

import pytest

from guidesite.build import RunOutcome, build, build_files
from guidesite.cli import main
from guidesite.errors import ExecutionError
from guidesite.project import Project
from guidesite.publish import stale, write_files


def _build(project: Project) -> tuple[list[RunOutcome], list[str]]:
    """What the build did with each run, and the lines it logged."""
    logs: list[str] = []
    result = build(project, log=logs.append)
    write_files(project, result.files)
    return list(result.runs), logs


def _done(runs: list[RunOutcome]) -> list[tuple[str, str, int]]:
    return [(run.lang, run.action, run.cells_executed) for run in runs]


def _edit(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_prose_edit_executes_nothing_and_code_edit_only_that_guide(tiny_project):
    project = Project(tiny_project)
    runs, _ = _build(project)
    assert sorted(_done(runs)) == [("en", "executed", 2), ("ko", "executed", 2)]
    en_page = project.page_path("en", "tiny")
    assert "Hello 42" in en_page.read_text(encoding="utf-8")
    assert "[1, 2]" in en_page.read_text(encoding="utf-8")
    assert "안녕 42" in project.page_path("ko", "tiny").read_text(encoding="utf-8")

    _edit(tiny_project / "guide_src/ko/tiny.py", "Text.", "바뀐 설명.")
    runs, logs = _build(project)
    assert _done(runs) == [("ko", "reused", 0), ("en", "reused", 0)]
    assert logs == ["tiny [ko]: reused (0 cells executed)", "tiny [en]: reused (0 cells executed)"]
    assert "바뀐 설명." in project.page_path("ko", "tiny").read_text(encoding="utf-8")

    # A comment is part of the code cell: only that language runs again (and both still agree).
    _edit(tiny_project / "guide_src/en/tiny.py", "6 * 7)", "6 * 7)  # the answer")
    runs, logs = _build(project)
    assert _done(runs) == [("ko", "reused", 0), ("en", "executed", 2)]
    reason = "docs/en/notebooks/tiny.ipynb: code or runtime changed since the last execution"
    assert runs[1].reason == reason and runs[1].seconds >= 0
    assert logs[1] == f"tiny [en]: executing ({reason})"
    assert logs[2].startswith("tiny [en]: executed 2 cells")
    assert "6 * 7)  # the answer" in en_page.read_text(encoding="utf-8")


def test_failing_cell_reports_source_line_and_keeps_previous_files(tiny_project):
    project = Project(tiny_project)
    _build(project)
    generated = sorted((tiny_project / "docs").rglob("*.*"))
    before = {path: path.read_bytes() for path in generated}
    for lang in ("en", "ko"):  # the same code in both languages, as the translation check requires
        source = tiny_project / f"guide_src/{lang}/tiny.py"
        _edit(source, "x = [1, 2]", "x = [1, 2]\nraise ValueError('boom')")
    line = source.read_text(encoding="utf-8").splitlines().index("raise ValueError('boom')") + 1
    with pytest.raises(ExecutionError) as err:
        build_files(project)
    assert str(err.value).startswith(f"{source}:{line}: ko guide 'tiny', cell 4 raised")
    assert "ValueError" in str(err.value) and "boom" in str(err.value)
    assert main(["--root", str(tiny_project), "build"]) == 2
    assert {path: path.read_bytes() for path in generated} == before


def test_check_reports_hand_edits_and_orphans(tiny_project, capsys):
    project = Project(tiny_project)
    _build(project)
    assert main(["--root", str(tiny_project), "check"]) == 0
    page = project.page_path("ko", "tiny")
    page.write_text(page.read_text(encoding="utf-8") + "hand edit\n", encoding="utf-8")
    orphan = project.page_path("en", "removed_guide")
    orphan.write_text("old page\n", encoding="utf-8")
    assert stale(project, build_files(project, may_execute=False)) == [page, orphan]
    assert main(["--root", str(tiny_project), "check"]) == 1
    out = capsys.readouterr().out
    assert "docs/ko/guides/tiny.md: out of date" in out and "removed_guide.md" in out
    _build(project)
    assert not orphan.exists()


def test_dead_kernel_is_reported_at_the_cell(tiny_project):
    for lang in ("en", "ko"):
        source = tiny_project / f"guide_src/{lang}/tiny.py"
        _edit(source, "x = [1, 2]", "import os\nos._exit(1)")
    line = source.read_text(encoding="utf-8").splitlines().index("import os")
    with pytest.raises(ExecutionError) as err:
        build_files(Project(tiny_project))
    assert str(err.value).startswith(f"{source}:{line}: ko guide 'tiny', cell 4 the kernel died")


def test_a_kernel_killed_by_a_signal_is_named_and_sigkill_suggests_memory(tiny_project):
    for lang in ("en", "ko"):
        source = tiny_project / f"guide_src/{lang}/tiny.py"
        kill = "import os, signal, time\ntime.sleep(1.5)\nos.kill(os.getpid(), signal.SIGKILL)"
        _edit(source, "x = [1, 2]", kill)
    with pytest.raises(ExecutionError) as err:
        build_files(Project(tiny_project))
    message = str(err.value)
    assert "cell 4 the kernel was killed by SIGKILL, which usually means the operating system ran out of " \
        "memory" in message
    assert re.search(r"its memory had reached \d+\.\d GB", message)  # sampled while the cell slept


def test_build_summary_says_what_ran_as_json(tiny_project, tmp_path):
    summary = tmp_path / "summary.json"
    assert main(["--root", str(tiny_project), "build", "--summary", str(summary)]) == 0
    first = json.loads(summary.read_text(encoding="utf-8"))
    assert sorted((r["guide"], r["lang"], r["action"], r["cells_executed"]) for r in first["runs"]) == [
        ("tiny", "en", "executed", 2), ("tiny", "ko", "executed", 2)]
    assert first["files_updated"] > 0 and first["stamp_fresh"] is False
    assert all("no usable execution record" in r["reason"] for r in first["runs"])
    # Nothing changed since: the stamp answers, nothing runs, and the summary says so.
    assert main(["--root", str(tiny_project), "build", "--summary", str(summary)]) == 0
    second = json.loads(summary.read_text(encoding="utf-8"))
    assert second == {"runs": [], "files_updated": 0, "stamp_fresh": True}
