"""Names a person types on the command line never reach outside the project (issue: path traversal)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidesite.cli import main

TUTOBOOK = '''"""
Title: Tiny
Author: Someone
Date created: 2021/03/04
Last modified: 2021/05/06
Description: One cell.
"""
x = 1
'''


def _outside(root: Path) -> list[Path]:
    """Files written anywhere above the project (its parent holds only the project and the tutobook)."""
    return sorted(p for p in root.parent.rglob("*") if p.is_file() and root not in p.parents
                  and p.name != "book.py")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "guide_src" / "en").mkdir(parents=True)
    (tmp_path / "book.py").write_text(TUTOBOOK, encoding="utf-8")
    return root


@pytest.mark.parametrize("args, words", [
    (["import", "{book}", "--lang", "../../x"], "--lang '../../x' is not a language of this project"),
    (["import", "{book}", "--name", "../../x"], "--name '../../x' is not a plain guide name"),
    (["import", "{book}", "--name", "a/b"], "--name 'a/b' is not a plain guide name"),
    (["import", "{book}", "--name", "1st"], "--name '1st' is not a plain guide name"),
    (["scaffold", "tiny", "--lang", "../../x"], "--lang '../../x' is not a translation language"),
    (["scaffold", "tiny", "--lang", "en"], "--lang 'en' is not a translation language"),
    (["scaffold", "../../tiny"], "guide '../../tiny' is not a plain guide name"),
    (["review", "tiny", "--all", "--lang", "../../x"], "--lang '../../x' is not a translation language"),
    (["review", "../tiny", "--all"], "guide '../tiny' is not a plain guide name"),
])
def test_names_that_are_not_plain_are_refused(project, capsys, args, words):
    book = project.parent / "book.py"
    assert main(["--root", str(project), "import", str(book), "--name", "tiny"]) == 0
    capsys.readouterr()
    before = sorted(project.rglob("*"))
    argv = [arg.replace("{book}", str(book)) for arg in args]
    assert main(["--root", str(project), *argv, "--force"] if args[0] != "review" else
                ["--root", str(project), *argv]) == 2
    err = capsys.readouterr().err
    assert words in err, err
    assert "letters, digits" in err or "write one of" in err
    assert sorted(project.rglob("*")) == before and _outside(project) == []


def test_a_file_name_that_is_not_a_plain_name_needs_name(project, capsys):
    odd = project.parent / "my guide.py"
    odd.write_text(TUTOBOOK, encoding="utf-8")
    assert main(["--root", str(project), "import", str(odd)]) == 2
    assert "pass --name" in capsys.readouterr().err
    assert main(["--root", str(project), "import", str(odd), "--name", "my-guide"]) == 0
    assert (project / "guide_src/en/my-guide.py").is_file()


def test_a_source_whose_name_is_not_plain_is_refused_by_the_build(tiny_project, capsys):
    for lang in ("en", "ko"):
        folder = tiny_project / "guide_src" / lang
        (folder / "tiny.py").rename(folder / "tiny <b>.py")
    assert main(["--root", str(tiny_project), "build"]) == 2
    err = capsys.readouterr().err
    assert "tiny <b>.py:1: 'tiny <b>' is not a plain guide name; rename the file" in err
    assert not (tiny_project / "docs").exists()
