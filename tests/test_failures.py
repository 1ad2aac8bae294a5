"""Bad input, failures and interruptions (issue 5): a clear error, a non-zero exit, nothing lost.

Cases covered elsewhere: a syntax error, an unterminated markdown cell, a missing header field and
a non-UTF-8 file at the parser level (test_sources.py); a raising cell and a dead kernel
(test_build.py); hand-edited outputs (test_records.py); the missing data set mirror package
(test_datasets.py). Here each case goes through the command a maintainer runs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest

from guidesite import publish as publish_module
from guidesite.build import BuildRequest, build, build_files
from guidesite.cli import main
from guidesite.errors import OUT_OF_DATE, ExecutionError
from guidesite.lock import LOCK_FILE, project_lock
from guidesite.model import Executed, Output, Record
from guidesite.project import Project
from guidesite.publish import write_files
from guidesite.render import render
from guidesite.sources import read, reads

from .conftest import ROOT, guide_text, run_doctests

PREVIOUS = "previously published\n"


def _publish_sentinels(root: Path) -> dict[Path, str]:
    """Stand-ins for the last good build's files: a failed build must leave them byte for byte."""
    project = Project(root)
    files = {}
    for lang in project.languages:
        files[project.page_path(lang, "tiny")] = PREVIOUS
        files[project.notebook_path(lang, "tiny")] = PREVIOUS
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return files


def _unchanged(files: dict[Path, str]) -> bool:
    return all(path.read_text(encoding="utf-8") == text for path, text in files.items())


def _leftovers(root: Path) -> list[Path]:
    return sorted(p for p in (root / "docs").rglob("*") if p.name.endswith(".tmp"))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _edit_code(root: Path, old: str, new: str) -> Path:
    """The same code edit in both languages (their code must stay one program); returns the ko source."""
    for lang in ("en", "ko"):
        _replace(root / f"guide_src/{lang}/tiny.py", old, new)
    return root / "guide_src/ko/tiny.py"


# Case 1 and 2: sources that cannot be read as guides, through the CLI.
BAD_SOURCES = {
    "syntax error": (lambda t: t.replace("x = [1, 2]", "x = [1, 2"), "x = [1, 2", "syntax error"),
    "unterminated markdown": (lambda t: t.replace('Text.\n"""', "Text."), '# %% [markdown]', "unterminated"),
    "malformed header": (
        lambda t: t.replace("title: Tiny", "title: [Tiny"), "#     title: [Tiny", "not valid YAML"
    ),
    "missing field": (lambda t: t.replace("#     author: Tester\n", ""), "#   guide:", "author"),
    "bad timeout": (
        lambda t: t.replace("#     author: Tester", "#     author: Tester\n#     timeout: soon"),
        "#     timeout: soon", "whole number of seconds",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_bad_source_names_file_and_line_and_changes_nothing(tiny_project, capsys, case):
    published = _publish_sentinels(tiny_project)
    source = tiny_project / "guide_src/en/tiny.py"
    damage, line_text, words = BAD_SOURCES[case]
    source.write_text(damage(source.read_text(encoding="utf-8")), encoding="utf-8")
    lines = source.read_text(encoding="utf-8").splitlines()
    # An unterminated cell is reported at the first marker; the others at the exact line.
    line = 1 + next(n for n, text in enumerate(lines) if text.startswith(line_text))
    assert main(["--root", str(tiny_project), "build"]) == 2
    err = capsys.readouterr().err
    assert f"error: {source}:{line}: " in err
    assert words in err
    assert "docs/ was left unchanged" in err
    assert _unchanged(published)


def test_file_that_is_not_utf8(tiny_project, capsys):
    published = _publish_sentinels(tiny_project)
    source = tiny_project / "guide_src/ko/tiny.py"
    source.write_bytes(source.read_text(encoding="utf-8").encode("euc-kr"))
    assert main(["--root", str(tiny_project), "build"]) == 2
    err = capsys.readouterr().err
    assert f"error: {source}:1: not UTF-8" in err and "save the file as UTF-8" in err
    assert _unchanged(published)


# Case 3: the languages disagree (the checks themselves: test_translation*.py).
def test_misaligned_and_drifted_sources_are_all_reported_before_executing(tiny_project, capsys):
    published = _publish_sentinels(tiny_project)
    ko, en = tiny_project / "guide_src/ko/tiny.py", tiny_project / "guide_src/en/tiny.py"
    _replace(ko, "x = [1, 2]\nx", "y = [1, 2]\ny")
    _replace(en, '# %% [markdown]\n"""\nText.\n"""\n', "")
    assert main(["--root", str(tiny_project), "build"]) == 2
    err = capsys.readouterr().err
    assert "error: guide_src/ko/tiny.py:" in err and "4 cells here but 3 in English" in err
    assert _unchanged(published)
    _replace(en, "# %%\nx = [1, 2]", '# %% [markdown]\n"""\nText.\n"""\n\n# %%\nx = [1, 2]')
    assert main(["--root", str(tiny_project), "build"]) == 2
    err = capsys.readouterr().err
    ko_line = ko.read_text(encoding="utf-8").splitlines().index("y = [1, 2]") + 1
    en_line = en.read_text(encoding="utf-8").splitlines().index("x = [1, 2]") + 1
    assert f"guide_src/ko/tiny.py:{ko_line}: code drift" in err and f"guide_src/en/tiny.py:{en_line}" in err
    assert _unchanged(published)


# Case 4: a cell tagged as expected to raise is published with its error, and doctested.
def test_cell_tagged_raises_exception_is_shown_and_doctested(tiny_project):
    for lang in ("ko", "en"):
        _replace(
            tiny_project / f"guide_src/{lang}/tiny.py",
            "# %%\nx = [1, 2]",
            '# %% tags=["raises-exception"]\nx = [1, 2]\nx.add(3)',
        )
    project = Project(tiny_project)
    write_files(project, build_files(project))
    page = project.page_path("en", "tiny").read_text(encoding="utf-8")
    assert '```{.text .error title="Error"}' in page
    assert "AttributeError: 'list' object has no attribute 'add'" in page
    assert 'title="오류"' in project.page_path("ko", "tiny").read_text(encoding="utf-8")

    ok = run_doctests(project.docs_dir, timeout=300)
    assert ok.returncode == 0, ok.stdout
    sources = [read(path, path.parent.name) for path in sorted(project.src_dir.glob("*/tiny.py"))]
    assert ok.counts == {"passed": sum(len(guide.code_cells) for guide in sources)}

    # The same page whose code no longer raises fails the doctest at that block.
    page_path = project.page_path("en", "tiny")
    page_path.write_text(page.replace("x.add(3)", "x.append(3)"), encoding="utf-8")
    failed = run_doctests(page_path, timeout=300)
    assert failed.returncode == 1
    assert "shows an error after this block, but it ran without one" in failed.stdout


# Case 5: a hanging cell meets the guide's own timeout.
def test_hanging_cell_stops_at_the_guides_timeout(tiny_project):
    published = _publish_sentinels(tiny_project)
    source = _edit_code(tiny_project, "x = [1, 2]", "import time\ntime.sleep(600)")
    _replace(source, "#     author: Tester", "#     author: Tester\n#     timeout: 3")
    line = source.read_text(encoding="utf-8").splitlines().index("time.sleep(600)") + 1  # the running line
    started = time.monotonic()
    with pytest.raises(ExecutionError) as err:
        build_files(Project(tiny_project))
    assert time.monotonic() - started < 120
    assert str(err.value).startswith(f"{source}:{line}: ko guide 'tiny', cell 4 timed out after 3 s")
    assert "timeout: <seconds>" in str(err.value)
    assert "----> 2 time.sleep(600)" in str(err.value)  # the interrupted line, shown as code
    assert "['import time'" not in str(err.value)  # not nbclient's preview of the cell as a Python list
    assert _unchanged(published)


# Case 7: interrupted while executing (a real process and signal) ...
def _kernel_processes(cwd: Path) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and Path(os.readlink(proc / "cwd")) == cwd:
                found.append(int(proc.name))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_build_interrupted_while_executing_leaves_no_trace(tiny_project, stop):
    published = _publish_sentinels(tiny_project)
    flag = tiny_project / "cell-started"
    hang = f"import pathlib, time\npathlib.Path({str(flag)!r}).touch()\ntime.sleep(600)"
    _edit_code(tiny_project, "x = [1, 2]", hang)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "guidesite", "--root", str(tiny_project), "build"]
    # As from a terminal: a shell that runs jobs in the background makes them ignore SIGINT.
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 180
        while not flag.exists():
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.2)
        proc.send_signal(stop)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert f"interrupted ({stop.name})" in err and "Run the build again" in err
    assert _unchanged(published) and not _leftovers(tiny_project)
    deadline = time.monotonic() + 20  # the kernel notices its parent is gone within a second or two
    while _kernel_processes(tiny_project) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _kernel_processes(tiny_project) == []

    # ... and the next build proceeds normally.
    _edit_code(tiny_project, "time.sleep(600)", "x = 1")
    assert main(["--root", str(tiny_project), "build"]) == 0
    assert "Hello 42" in Project(tiny_project).page_path("en", "tiny").read_text(encoding="utf-8")


# ... or while publishing: the renames finish together, then the interrupt is delivered.
def _three_files(root: Path) -> dict[Path, str]:
    files = {root / "docs/en/guides" / f"g{n}.md": f"new {n}\n" for n in range(3)}
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("old\n", encoding="utf-8")
    return files


@pytest.fixture
def python_sigint():
    """Python's own SIGINT handler, as a build run from a terminal has it. A test suite started with
    SIGINT ignored (a background job, some CI runners) would otherwise never see the interrupt."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_interrupt_while_publishing_never_leaves_a_mix(tmp_path, monkeypatch, python_sigint):
    files = _three_files(tmp_path)
    real_replace = os.replace

    def replace_then_interrupt(src, dst):
        real_replace(src, dst)
        os.kill(os.getpid(), signal.SIGINT)  # arrives after the first page is in place

    monkeypatch.setattr(publish_module.os, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_files(Project(tmp_path), files)
    assert _unchanged(files)  # every page is new, none old
    assert not _leftovers(tmp_path)


def test_interrupt_while_staging_keeps_every_old_file(tmp_path, monkeypatch):
    files = _three_files(tmp_path)
    real_stage = publish_module._stage
    calls = []

    def stage_then_interrupt(path, text):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_stage(path, text)

    monkeypatch.setattr(publish_module, "_stage", stage_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_files(Project(tmp_path), files)
    assert all(path.read_text(encoding="utf-8") == "old\n" for path in files)
    assert not _leftovers(tmp_path)


# Case 8: a damaged or hand-edited record is reported by check and re-executed by build.
def test_damaged_or_hand_edited_record_is_never_trusted(tiny_project, capsys):
    project = Project(tiny_project)
    assert main(["--root", str(tiny_project), "build"]) == 0
    notebook = project.notebook_path("en", "tiny")
    good = notebook.read_text(encoding="utf-8")
    for damage, words in (
        (good.replace("Hello 42", "Hello 43"), "edited by hand or damaged"),
        (good[: len(good) // 2], "damaged"),
    ):
        notebook.write_text(damage, encoding="utf-8")
        capsys.readouterr()
        # Out of date, as a hand-edited page is: exit 1, and no "failed" (errors.py lists the codes).
        assert main(["--root", str(tiny_project), "check"]) == OUT_OF_DATE
        err = capsys.readouterr().err
        assert "docs/en/notebooks/tiny.ipynb: " in err and words in err
        assert "to fix it, run: python -m guidesite build" in err  # the project names no command of its own
        assert "failed" not in err
        assert main(["--root", str(tiny_project), "build"]) == 0
        out = capsys.readouterr().out
        assert "tiny [en]: executing (docs/en/notebooks/tiny.ipynb: " in out and "tiny [ko]: reused" in out
        assert "Hello 42" in notebook.read_text(encoding="utf-8")  # real outputs again, not the edit
        assert main(["--root", str(tiny_project), "check"]) == 0


# Case 9: whatever a cell prints stays text on the page.
def _html(page: str) -> str:
    extensions = ["admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.superfences",
                  "pymdownx.highlight"]
    return markdown.markdown(page, extensions=extensions)


def test_hostile_outputs_render_as_readable_text():
    guide = reads(guide_text(("md", "## Part"), ("code", "show()")), Path("g.py"), "en")
    long_line = "w" * 5000
    printed = (
        "<script>alert(1)</script> <b>bold</b> &amp;\n"
        "\x1b[31mred\x1b[0m\n"
        "10%\r50%\r100%\n"
        "abc\bd\x00e\n"
        "```\n"
        f"{long_line}\n" + "\n".join(f"row {n}" for n in range(500))
    )
    record = Record("k", "now", "CPU", {}, 1337, (0.1,))
    html = _html(render(Executed(guide, ((Output("stdout", printed),),), record), "g.py"))
    assert "<script>" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; &amp;amp;" in html
    assert "\x1b" not in html and "\x00" not in html and "\b" not in html
    assert "red" in html and "100%" in html and "10%" not in html and "abde" in html
    assert long_line in html  # long lines are kept whole (the code block scrolls)
    assert "row 0" in html and "row 499" in html  # many lines are folded, not cut
    assert "<details" in html and "(506 lines)" in html


# Case 11: one build at a time.
def test_second_build_refuses_with_no_wait_and_otherwise_waits(tiny_project, capsys):
    project = Project(tiny_project)
    with project_lock(project, wait=False):
        assert main(["--root", str(tiny_project), "build", "--no-wait"]) == 2
        err = capsys.readouterr().err
        assert f"{tiny_project / LOCK_FILE}: another build is running (pid {os.getpid()}" in err

        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "guidesite", "--root", str(tiny_project), "check"]
        pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
        waiting = subprocess.Popen(command, env=env, text=True, **pipes)
        time.sleep(5)
        assert waiting.poll() is None  # still waiting for the lock
    out, err = waiting.communicate(timeout=120)
    assert "waiting for another build to finish" in out
    assert "no usable execution record" in err  # it ran once the lock was free


# Case 12: guides renamed, added or deleted; nothing orphaned stays published.
def test_renamed_guide_moves_its_pages(tiny_project):
    project = Project(tiny_project)
    write_files(project, build_files(project))
    for lang in ("ko", "en"):
        (tiny_project / f"guide_src/{lang}/tiny.py").rename(tiny_project / f"guide_src/{lang}/renamed.py")
    write_files(project, build_files(project))
    def published() -> list[str]:
        found = [p for folder in ("guides", "notebooks") for p in project.docs_dir.glob(f"*/{folder}/*")]
        return sorted(p.relative_to(project.docs_dir).as_posix() for p in found)

    assert published() == [
        "en/guides/renamed.md", "en/notebooks/renamed.ipynb",
        "ko/guides/renamed.md", "ko/notebooks/renamed.ipynb",
    ]
    for lang in ("ko", "en"):
        (tiny_project / f"guide_src/{lang}/renamed.py").unlink()
    write_files(project, build_files(project))
    assert published() == []


def test_translation_without_english_source_is_refused(tiny_project, capsys):
    published = _publish_sentinels(tiny_project)
    (tiny_project / "guide_src/en/tiny.py").rename(tiny_project / "guide_src/en/other.py")
    assert main(["--root", str(tiny_project), "build"]) == 2
    err = capsys.readouterr().err
    assert f"{tiny_project / 'guide_src/ko/tiny.py'}:1: no original guide_src/en/tiny.py (guides are " in err
    assert _unchanged(published)


def test_jobs_execute_guides_in_parallel_processes(tiny_project):
    project = Project(tiny_project)
    result = build(project, BuildRequest(jobs=2))
    assert sorted((r.lang, r.action) for r in result.runs) == [("en", "executed"), ("ko", "executed")]
    files = result.files
    assert "안녕 42" in files[project.page_path("ko", "tiny")]
    assert "Hello 42" in files[project.page_path("en", "tiny")]


def test_jobs_report_a_failing_guide_at_its_line(tiny_project):
    source = _edit_code(tiny_project, "x = [1, 2]", "x = [1, 2]\nraise ValueError('boom')")
    line = source.read_text(encoding="utf-8").splitlines().index("raise ValueError('boom')") + 1
    with pytest.raises(ExecutionError) as err:
        build_files(Project(tiny_project), jobs=2)
    # Both guides fail; whichever finishes first is reported (both sources have the same lines).
    assert any(
        str(err.value).startswith(f"{tiny_project}/guide_src/{lang}/tiny.py:{line}: {lang} guide 'tiny', "
                                  "cell 4 raised")
        for lang in ("ko", "en")
    )


def test_no_process_of_a_build_outlives_a_hard_kill_by_more_than_seconds(tiny_project):
    import psutil

    _edit_code(tiny_project, "x = [1, 2]", "import time\ntime.sleep(120)")
    build = subprocess.Popen(
        [sys.executable, "-m", "guidesite", "--root", str(tiny_project), "build"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    kernels: list = []
    while time.monotonic() < deadline and not kernels:  # wait until a guide's kernel runs
        time.sleep(0.5)
        family = psutil.Process(build.pid).children(recursive=True)
        kernels = [p for p in family if "ipykernel" in " ".join(p.cmdline())]
    assert kernels, "no kernel started"
    family = psutil.Process(build.pid).children(recursive=True)
    build.kill()  # SIGKILL: no handler runs in the build itself
    build.wait()
    gone, alive = psutil.wait_procs(family, timeout=5)
    assert alive == [], f"still running 5 s after kill -9: {[p.cmdline()[:3] for p in alive]}"


def test_a_forged_record_is_published_by_build_and_caught_by_the_doctests(tiny_project):
    """The trust model: a record proves nothing against someone who recomputes its hash; the doctests,
    which re-run every published page in CI, are what catch it (docs/en/contributing.md, "What to trust")."""
    import json

    from guidesite.notebooks import loads_record
    from guidesite.records import outputs_hash

    project = Project(tiny_project)
    assert main(["--root", str(tiny_project), "build"]) == 0
    path = project.notebook_path("en", "tiny")
    forged = json.loads(path.read_text(encoding="utf-8").replace("Hello 42", "Hello 43"))
    record, outputs = loads_record(json.dumps(forged))
    forged["metadata"]["guidesite"]["outputs_hash"] = outputs_hash(outputs)  # the forger recomputes it
    path.write_text(json.dumps(forged, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["--root", str(tiny_project), "build"]) == 0  # reused: the record looks consistent
    page = project.page_path("en", "tiny")
    assert "Hello 43" in page.read_text(encoding="utf-8")
    result = run_doctests(page, timeout=300)
    assert result.returncode == 1
    assert "published: Hello 43" in result.stdout and "now:       Hello 42" in result.stdout
