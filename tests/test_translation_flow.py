"""The translator's workflow end to end on a tiny project: status, review, the site, scaffold, import."""

from __future__ import annotations

import pytest

from guidesite.build import build_files
from guidesite.cli import main
from guidesite.errors import TranslationError
from guidesite.home import guide_table
from guidesite.project import Project
from guidesite.publish import write_files
from guidesite.sources import read
from guidesite.translate.files import reports

from .conftest import ROOT, guide_text

TUTOBOOK = '''"""
Title: A tiny tutobook
Author: [Someone](https://example.com/someone)
Date created: 2021/03/04
Last modified: 2021/05/06
Description: Two cells of text, two of code.
"""
"""
## Setup
"""

import math

# A comment the import keeps.

"""
Text with `code`.
"""


def double(x):
    """Docstring, not markdown."""
    return 2 * x


print(double(math.pi))
'''


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line(path, needle):
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def _status(root, capsys, *extra):
    code = main(["--root", str(root), "status", *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_changed_english_cell_is_stale_everywhere_until_reviewed(tiny_project, capsys):
    project = Project(tiny_project)
    assert main(["--root", str(tiny_project), "review", "tiny", "--all"]) == 0
    write_files(project, build_files(project))  # executes the two tiny guides once
    assert _status(tiny_project, capsys)[0] == 0
    ko_page = project.page_path("ko", "tiny")
    assert "영어 원문이 바뀌었습니다" not in ko_page.read_text(encoding="utf-8")

    en_src, ko_src = tiny_project / "guide_src/en/tiny.py", tiny_project / "guide_src/ko/tiny.py"
    _edit(en_src, "Text.", "Text, now longer.")
    code, out = _status(tiny_project, capsys)
    assert code == 0  # stale cells are warnings
    stale = [line for line in out.splitlines() if ": stale: " in line]
    # The cells' "# %% [markdown]" markers, two lines above their text.
    ko_line, en_line = _line(ko_src, "Text.") - 2, _line(en_src, "Text, now longer.") - 2
    assert stale == [
        f"guide_src/ko/tiny.py:{ko_line}: stale: cell 3: the English cell changed since this translation "
        "was reviewed; update the translation, then `python -m guidesite review tiny --cell 3` "
        "(or `--typo --cell 3` if the English change needs no re-translation) "
        f"(vs guide_src/en/tiny.py:{en_line})"
    ]
    assert "    -Text.\n    +Text, now longer." in out

    files = build_files(project, may_execute=False)  # prose edit: nothing executes
    page = files[ko_page]
    assert '!!! warning "영어 원문이 바뀌었습니다"' in page
    assert "영어 원문의 셀 1개가 바뀌었습니다" in page and "(../../en/guides/tiny/)" in page
    assert page.index("영어 원문이 바뀌었습니다") < page.index("```{.python .guide-cell}")  # at the top
    assert "!!! warning" not in files[project.page_path("en", "tiny")]
    for lang, finished in (("ko", "번역 완료"), ("en", "finished")):
        status_page = files[project.docs_dir / lang / "translation-status.md"]
        assert f"| ko | {finished} | 4/4 | 0 | 1 | 0 | 0 |" in status_page
        assert f"`guide_src/ko/tiny.py:{ko_line}` stale: cell 3:" in status_page
    write_files(project, files)

    assert main(["--root", str(tiny_project), "review", "tiny", "--cell", "3"]) == 0
    code, out = _status(tiny_project, capsys)
    assert code == 0 and ": stale: " not in out and "0 error(s), 0 warning(s)" in out
    files = build_files(project, may_execute=False)
    assert "영어 원문이 바뀌었습니다" not in files[ko_page]
    status_page = files[project.docs_dir / "ko" / "translation-status.md"]
    assert "| ko | 번역 완료 | 4/4 | 0 | 0 | 0 | 0 |" in status_page


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_renamed_variable_fails_status_and_build_before_executing(tiny_project, capsys, lang):
    source = tiny_project / f"guide_src/{lang}/tiny.py"
    _edit(source, "x = [1, 2]\nx", "y = [1, 2]\ny")
    code, out = _status(tiny_project, capsys)
    assert code == 2
    ko_line = _line(tiny_project / "guide_src/ko/tiny.py", "= [1, 2]")
    en_line = _line(tiny_project / "guide_src/en/tiny.py", "= [1, 2]")
    assert f"guide_src/ko/tiny.py:{ko_line}: code drift: code cell 4 differs" in out
    assert f"(vs guide_src/en/tiny.py:{en_line})" in out
    with pytest.raises(TranslationError) as err:
        build_files(Project(tiny_project))  # would execute both guides if it got that far
    assert f"tiny.py:{ko_line}: code drift" in str(err.value)
    assert not (tiny_project / "docs").exists()
    assert main(["--root", str(tiny_project), "build"]) == 2
    assert f"(vs guide_src/en/tiny.py:{en_line})" in capsys.readouterr().err


def test_every_error_is_listed_together(tiny_project, capsys):
    _edit(tiny_project / "guide_src/ko/tiny.py", "6 * 7", "6 * 8")
    _edit(tiny_project / "guide_src/ko/tiny.py", "x = [1, 2]", "x = [1, 3]")
    with pytest.raises(TranslationError) as err:
        build_files(Project(tiny_project))
    assert [p.cell for p in err.value.problems] == [2, 4]
    assert len(str(err.value).splitlines()) == 2


def test_status_strict_fails_on_warnings(tiny_project, capsys):
    code, out = _status(tiny_project, capsys, "--strict")  # no provenance file yet: one warning
    assert code == 1 and "no provenance file tiny.provenance.json" in out
    main(["--root", str(tiny_project), "review", "tiny", "--all"])
    assert _status(tiny_project, capsys, "--strict")[0] == 0


def test_scaffold_copies_code_and_tags_prose_untranslated(tiny_project, capsys):
    (tiny_project / "guide_src/ko/tiny.py").unlink()
    assert main(["--root", str(tiny_project), "scaffold", "tiny"]) == 0
    ko = read(tiny_project / "guide_src/ko/tiny.py", "ko")
    en = read(tiny_project / "guide_src/en/tiny.py", "en")
    assert [c.source for c in ko.cells] == [c.source for c in en.cells]
    assert [c.tags for c in ko.cells] == [("untranslated",), (), ("untranslated",), ()]
    assert ko.meta["title"] == en.meta["title"] and ko.meta["translator"]
    assert (tiny_project / "guide_src/ko/tiny.provenance.json").is_file()
    capsys.readouterr()
    code, out = _status(tiny_project, capsys)
    assert code == 0
    # Two prose cells tagged untranslated (the column counts cells, as the home page does), and the
    # translator's credit still a placeholder (its own warning; the state says unfinished).
    assert out.splitlines()[2].split() == ["tiny", "ko", "unfinished", "4/4", "2", "0", "0", "0"]
    assert "the header's `translator:` is still a placeholder" in out
    assert main(["--root", str(tiny_project), "scaffold", "tiny"]) == 2  # never overwrites a translation


def test_import_tutobook_keeps_metadata_cells_and_comments(tmp_path, capsys):
    (tmp_path / "tiny_guide.py").write_text(TUTOBOOK, encoding="utf-8")
    assert main(["--root", str(tmp_path), "import", str(tmp_path / "tiny_guide.py")]) == 0
    guide = read(tmp_path / "guide_src/en/tiny_guide.py", "en")
    assert guide.meta == {
        "title": "A tiny tutobook", "author": "[Someone](https://example.com/someone)",
        "date_created": "2021-03-04", "last_modified": "2021-05-06",
        "description": "Two cells of text, two of code.", "license": "Apache-2.0",
    }
    assert [(c.kind, c.source.splitlines()[0]) for c in guide.cells] == [
        ("markdown", "## Setup"), ("code", "import math"), ("markdown", "Text with `code`."),
        ("code", "def double(x):"),
    ]
    assert "# A comment the import keeps." in guide.cells[1].source
    assert '"""Docstring, not markdown."""' in guide.cells[3].source


def test_import_names_the_line_of_a_bad_header(tmp_path, capsys):
    bad = TUTOBOOK.replace("Date created: 2021/03/04\n", "Date created 2021/03/04\n")
    (tmp_path / "bad.py").write_text(bad, encoding="utf-8")
    assert main(["--root", str(tmp_path), "import", str(tmp_path / "bad.py")]) == 2
    assert f"{tmp_path / 'bad.py'}:4: header lines are 'Key: value'" in capsys.readouterr().err
    assert not (tmp_path / "guide_src").exists()



def test_status_home_and_page_count_a_scaffolded_translation_alike(tmp_path):
    """A scaffold tags prose cells and leaves English comments in code cells: every count says the same."""
    (tmp_path / "constraints.txt").write_text((ROOT / "constraints.txt").read_text(encoding="utf-8"))
    en = tmp_path / "guide_src/en/g.py"
    en.parent.mkdir(parents=True)
    comment = "# Add the two numbers and keep the sum for later.\nx = 1 + 1"
    en.write_text(guide_text(("md", "## Intro\n\nSome text."), ("code", comment), ("md", "More text here.")),
                  encoding="utf-8")
    assert main(["--root", str(tmp_path), "scaffold", "g"]) == 0
    (report,) = reports(tmp_path, ("ko", "en"))
    assert report.untranslated_cells == 3 and report.count("untranslated") == 3  # 2 prose, 1 comment
    assert not report.finished
    ko = read(tmp_path / "guide_src/ko/g.py", "ko")
    assert "번역 중 (3개 셀이 영어)" in guide_table([ko], [report], {}, "ko")
    files = build_files(Project(tmp_path), preview=True)  # nothing executes: the page as a preview shows it
    assert "3개 셀이 아직 영어입니다" in files[Project(tmp_path).page_path("ko", "g")]
