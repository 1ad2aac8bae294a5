"""The no-op stamp and the parse cache: a hit skips the work, every kind of change is a miss."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from guidesite import sources, stamp
from guidesite.cli import main
from guidesite.errors import OK, OUT_OF_DATE
from guidesite.project import Project

HIT = "nothing changed since the last build or check"


def _build(root: Path, capsys, *args: str) -> str:
    capsys.readouterr()
    assert main(["--root", str(root), "build", *args]) == OK
    return capsys.readouterr().out


@pytest.fixture
def built(tiny_project: Path, capsys) -> Path:
    _build(tiny_project, capsys)
    return tiny_project


def test_a_no_op_build_hits_the_stamp_without_importing_the_parsers(built: Path, capsys):
    assert HIT in _build(built, capsys)
    code = (
        "import sys; from guidesite.cli import main; code = main(['--root', sys.argv[1], 'build']); "
        "heavy = ('jupytext', 'nbformat', 'nbclient', 'guidesite.build'); "
        "print(sorted(m for m in heavy if m in sys.modules)); "
        "sys.exit(code)"
    )
    command = [sys.executable, "-c", code, str(built)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [f"{HIT} (.guidesite-cache/)", "0 file(s) updated under docs/", "[]"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_prose_edit_misses_and_only_that_guide_is_parsed_again(built: Path, capsys, monkeypatch):
    parsed = []
    real = sources.reads

    def counted(text, path, lang):
        parsed.append((path.name, lang))
        return real(text, path, lang)

    monkeypatch.setattr(sources, "reads", counted)
    project = Project(built)
    before = {p: p.read_bytes() for p in project.docs_dir.rglob("*") if p.is_file()}
    _edit(built / "guide_src" / "ko" / "tiny.py", "Text.", "다른 문장.")
    assert HIT not in _build(built, capsys)
    assert parsed == [("tiny.py", "ko")]
    changed = {p for p in project.docs_dir.rglob("*") if p.is_file() and before.get(p) != p.read_bytes()}
    assert changed == {project.page_path("ko", "tiny"), project.notebook_path("ko", "tiny"),
                       project.download_path("ko", "tiny", "tensorflow")}
    assert "다른 문장." in project.page_path("ko", "tiny").read_text(encoding="utf-8")
    assert HIT in _build(built, capsys)


@pytest.mark.parametrize("change", ["glossary", "pins", "pipeline"])
def test_each_input_of_the_build_is_part_of_the_stamp(built: Path, capsys, monkeypatch, change):
    assert stamp.fresh(built)
    if change == "glossary":
        (built / "guide_src" / "glossary.ko.toml").write_text("", encoding="utf-8")
    elif change == "pins":
        _edit(built / "constraints.txt", "keras==", "# a comment\nkeras==")
    else:  # a new version of the pipeline's own code
        monkeypatch.setattr(stamp, "pipeline_digest", lambda: "another pipeline")
    assert not stamp.fresh(built)
    assert HIT not in _build(built, capsys)
    assert stamp.fresh(built)


def test_a_hand_edited_page_is_found_although_a_stamp_exists(built: Path, capsys):
    page = Project(built).page_path("en", "tiny")
    page.write_text(page.read_text(encoding="utf-8") + "hand edit\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(built), "check"]) == OUT_OF_DATE
    assert "docs/en/guides/tiny.md: out of date" in capsys.readouterr().out
    assert "1 file(s) updated" in _build(built, capsys)
    assert main(["--root", str(built), "check"]) == OK


def test_a_build_of_some_guides_writes_no_stamp(tiny_project: Path, capsys):
    _build(tiny_project, capsys, "tiny")
    assert not stamp.fresh(tiny_project)
    assert main(["--root", str(tiny_project), "check"]) == OK  # a clean check writes one
    assert stamp.fresh(tiny_project)


def test_a_forced_full_build_writes_the_stamp_as_the_contributing_docs_say(built: Path, capsys):
    (built / stamp.CACHE_DIR / stamp.STAMP_FILE).unlink()
    out = _build(built, capsys, "--force")
    assert HIT not in out and "executed" in out
    assert stamp.fresh(built)
