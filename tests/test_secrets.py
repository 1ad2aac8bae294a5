"""Values of the build's environment: never published (as written, reversed or spread out with whitespace),
and never printed by the build, tracebacks included (docs/en/contributing.md, "What to trust")."""

from __future__ import annotations

import base64
import shutil

import pytest

from guidesite import cli
from guidesite.cleaning import leaked_names
from guidesite.cli import main
from guidesite.errors import CRASH_FILE
from guidesite.kernel import allowed_names
from guidesite.model import Output
from guidesite.project import Project
from guidesite.secrecy import Masker

from .conftest import ROOT, guide_text

SECRET = "planted-secret-value-4711"
ENVIRON = {"GUIDESITE_TEST_TOKEN": SECRET, "PATH": "/usr/local/bin:/usr/bin", "SHORT": "12345678"}


@pytest.mark.parametrize("shown", [
    SECRET, SECRET[::-1], " ".join(SECRET), "\n".join(SECRET), " ".join(SECRET[::-1]),
    f"token={SECRET[:10]} {SECRET[10:]}",
])
def test_the_output_scan_finds_a_value_as_written_reversed_or_spread(shown):
    assert leaked_names([Output("stdout", shown)], ENVIRON, set()) == ["GUIDESITE_TEST_TOKEN"]


@pytest.mark.parametrize("shown", [
    base64.b64encode(SECRET.encode()).decode(), SECRET.upper(), "-".join(SECRET), "12345678", "/usr/bin",
])
def test_what_the_output_scan_does_not_catch(shown):
    """Documented: transformed or encoded values, short values, allowed values."""
    assert leaked_names([Output("stdout", shown)], ENVIRON, {"PATH"}) == []


def test_the_masker_hides_values_but_not_paths_or_allowed_or_short_ones(tmp_path):
    environ = {**ENVIRON, "PWD": str(tmp_path), "GUIDESITE_REPOSITORY": "someone/a-fork"}
    environ["LANG"] = "ko_KR.UTF-8"
    mask = Masker(environ, allowed_names())
    text = (f"ValueError: {SECRET}\nreversed {SECRET[::-1]}\nspread {' '.join(SECRET)}\n"
            f"{tmp_path}/guide_src/en/g.py:3 someone/a-fork ko_KR.UTF-8 12345678 /usr/local/bin:/usr/bin")
    assert mask(text) == (
        "ValueError: [$GUIDESITE_TEST_TOKEN]\nreversed [$GUIDESITE_TEST_TOKEN]\n"
        "spread [$GUIDESITE_TEST_TOKEN]\n"
        f"{tmp_path}/guide_src/en/g.py:3 someone/a-fork ko_KR.UTF-8 12345678 /usr/local/bin:/usr/bin"
    )


def test_an_unexpected_error_is_printed_masked(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("GUIDESITE_TEST_TOKEN", SECRET)

    def crash(*_):
        raise RuntimeError(f"something broke near {SECRET}")

    monkeypatch.setattr(cli, "_run", crash)
    assert main(["--root", str(tmp_path), "status"]) == 2
    err = capsys.readouterr().err
    # A short message on the terminal; the whole traceback in a file it names, masked too.
    assert "unexpected error" in err and "RuntimeError: something broke near [$GUIDESITE_TEST_TOKEN]" in err
    assert "Traceback" not in err and SECRET not in err
    saved = tmp_path / ".guidesite-cache" / CRASH_FILE
    assert str(saved) in err
    full = saved.read_text(encoding="utf-8")
    assert full.startswith("Traceback") and "in crash" in full
    assert "RuntimeError: something broke near [$GUIDESITE_TEST_TOKEN]" in full and SECRET not in full


def test_an_unexpected_error_prints_its_traceback_where_no_file_can_be_written(monkeypatch, capsys, tmp_path):
    def crash(*_):
        raise RuntimeError("something broke")

    monkeypatch.setattr(cli, "_run", crash)
    (tmp_path / ".guidesite-cache").write_text("a file where the cache folder belongs", encoding="utf-8")
    assert main(["--root", str(tmp_path), "status"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Traceback") and "RuntimeError: something broke" in err
    assert "the full traceback is above" in err


def _project(root, text: str) -> Project:
    shutil.copy(ROOT / "constraints.txt", root / "constraints.txt")
    source = root / "guide_src/en/leak.py"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(text, encoding="utf-8")
    return Project(root, languages=("en",))


# The kernel's parent (the build worker) still has the build's environment: a cell can read it.
READ = "import os\nenviron = open(f'/proc/{os.getppid()}/environ').read().split(chr(0))\n" \
    "token = next(v.split('=', 1)[1] for v in environ if v.startswith('GUIDESITE_TEST_TOKEN='))"


def test_a_reversed_value_in_an_output_fails_the_build(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GUIDESITE_TEST_TOKEN", SECRET)
    _project(tmp_path, guide_text(("code", READ), ("code", "print(token[::-1])"), header="backend: jax"))
    monkeypatch.setattr("guidesite.cli.Project", lambda root: Project(root, languages=("en",)))
    assert main(["--root", str(tmp_path), "build"]) == 2
    err = capsys.readouterr().err
    assert "en guide 'leak', cell 2 shows the value of the build's environment variable(s) " \
        "GUIDESITE_TEST_TOKEN" in err
    assert SECRET not in err and SECRET[::-1] not in err and not (tmp_path / "docs").exists()


def test_a_traceback_holding_a_value_is_printed_masked(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GUIDESITE_TEST_TOKEN", SECRET)
    code = "raise ValueError(f'bad token {token} / {token[::-1]} / {\" \".join(token)}')"
    _project(tmp_path, guide_text(("code", READ), ("code", code), header="backend: jax"))
    monkeypatch.setattr("guidesite.cli.Project", lambda root: Project(root, languages=("en",)))
    assert main(["--root", str(tmp_path), "build"]) == 2
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    assert "en guide 'leak', cell 2 raised an exception" in printed
    mask = "[$GUIDESITE_TEST_TOKEN]"
    expected = f"ValueError: bad token {mask} / {mask} / {mask}"
    assert expected in printed
    assert SECRET not in printed and SECRET[::-1] not in printed and " ".join(SECRET) not in printed
