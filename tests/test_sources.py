from pathlib import Path

import pytest

from guidesite.errors import SourceError
from guidesite.sources import discover, read, reads

from .conftest import ROOT, guide_text

PATH = Path("guide_src/en/demo.py")


def test_cells_keep_kind_source_and_marker_line():
    text = guide_text(("md", "## Title"), ("code", "x = 1\nprint(x)"))
    guide = reads(text, PATH, "en")
    assert [c.kind for c in guide.cells] == ["markdown", "code"]
    assert guide.cells[1].source == "x = 1\nprint(x)"
    lines = text.splitlines()
    assert [lines[c.line - 1] for c in guide.cells] == ["# %% [markdown]", "# %%"]
    assert guide.meta["title"] == "Tiny" and guide.name == "demo"


def test_missing_header_field_names_file_line_and_field():
    text = guide_text(("code", "x = 1")).replace("#     author: Tester\n", "")
    with pytest.raises(SourceError) as err:
        reads(text, PATH, "en")
    assert str(err.value).startswith(f"{PATH}:7: ")
    assert "author" in str(err.value)


def test_syntax_error_reports_source_line():
    text = guide_text(("md", "Intro"), ("code", "x = 1\ny = (\n"))
    line_of_code = text.splitlines().index("y = (") + 1
    with pytest.raises(SourceError) as err:
        reads(text, PATH, "en")
    assert err.value.line in (line_of_code, line_of_code + 1)
    assert "syntax error" in str(err.value)


def test_unterminated_markdown_cell_is_reported():
    text = guide_text(("code", "x = 1")) + '\n# %% [markdown]\n"""\nnever closed\n'
    with pytest.raises(SourceError) as err:
        reads(text, PATH, "en")
    assert str(err.value).startswith(str(PATH))


def test_non_utf8_file(tmp_path):
    path = tmp_path / "bad.py"
    path.write_bytes(guide_text(("md", "caf\u00e9")).encode("latin-1"))
    with pytest.raises(SourceError, match="not UTF-8"):
        read(path, "en")


def test_discover_pairs_languages_by_file_name():
    found = discover(ROOT / "guide_src", ("ko", "en"))
    assert set(found["intro_to_keras_for_researchers"]) == {"ko", "en"}


def test_comments_that_look_like_magics_stay_comments():
    code = "# %d formats an integer, as in '%d' % 3\n# !ls lists files\nx = '%d' % 3"
    guide = reads(guide_text(("code", code)), Path("g.py"), "en")
    assert guide.code_cells[0].source == code
