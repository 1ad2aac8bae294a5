"""A write that fails while publishing (read-only folder, disk full) is an error naming the file and the
OS error (exit 2), and leaves every file as it was before: staged files are never left behind, and files
already replaced when the failure came are put back."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from guidesite import publish as publish_module
from guidesite import stamp
from guidesite.cli import main
from guidesite.errors import WriteError
from guidesite.project import Project
from guidesite.publish import write_files

from .conftest import ROOT, guide_text

FULL = OSError(errno.ENOSPC, "No space left on device")
READ_ONLY = OSError(errno.EROFS, "Read-only file system")


def _files(root: Path) -> tuple[dict[Path, str], Path, Path]:
    """Three pages to replace, one new page, and an orphan to remove, with the old contents on disk."""
    guides = root / "docs/en/guides"
    guides.mkdir(parents=True)
    files = {guides / f"g{n}.md": f"new {n}\n" for n in range(3)}
    for path in files:
        path.write_text("old\n", encoding="utf-8")
    new = root / "docs/en/guides/images/g0-1-1.png"
    files[new] = "new image\n"
    orphan = guides / "gone.md"
    orphan.write_text("old orphan\n", encoding="utf-8")
    return files, new, orphan


def _as_before(files: dict[Path, str], new: Path, orphan: Path) -> bool:
    old = all(path.read_text(encoding="utf-8") == "old\n" for path in files if path != new)
    return old and not new.exists() and not new.parent.exists() and orphan.read_text() == "old orphan\n"


def _leftovers(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.name.endswith(".tmp"))


def test_disk_full_while_staging_changes_nothing(tmp_path, monkeypatch):
    files, new, orphan = _files(tmp_path)
    real_stage, calls = publish_module._stage, []

    def stage(path, text):
        calls.append(path)
        if len(calls) == 2:
            raise FULL
        return real_stage(path, text)

    monkeypatch.setattr(publish_module, "_stage", stage)
    with pytest.raises(WriteError) as err:
        write_files(Project(tmp_path), files)
    assert str(err.value) == (
        "docs/en/guides/g1.md: cannot write it (No space left on device); nothing was changed; "
        "free some disk space and run the command again"
    )
    assert _as_before(files, new, orphan) and not _leftovers(tmp_path)


@pytest.mark.parametrize("fails_on", ["g2.md", "gone.md"])
def test_a_failure_part_way_through_publishing_puts_back_what_was_replaced(tmp_path, monkeypatch, fails_on):
    files, new, orphan = _files(tmp_path)
    real_replace, real_unlink = os.replace, Path.unlink

    def replace(src, dst):
        if Path(dst).name == fails_on and str(src).endswith(".tmp") and ".old." not in str(src):
            raise READ_ONLY
        return real_replace(src, dst)

    def unlink(self, missing_ok=False):
        if self.name == fails_on:
            raise OSError(errno.EACCES, "Permission denied")
        return real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(publish_module.os, "replace", replace)
    monkeypatch.setattr(Path, "unlink", unlink)
    with pytest.raises(WriteError) as err:
        write_files(Project(tmp_path), files)
    doing = "replace it (Read-only file system)" if fails_on == "g2.md" else "remove it (Permission denied)"
    assert str(err.value).startswith(f"docs/en/guides/{fails_on}: cannot {doing}; every file is as it was "
                                     "before; make the folder writable")
    monkeypatch.undo()
    assert _as_before(files, new, orphan) and not _leftovers(tmp_path)


def _project(root: Path) -> Project:
    shutil.copy(ROOT / "constraints.txt", root / "constraints.txt")
    source = root / "guide_src/en/w.py"
    source.parent.mkdir(parents=True)
    source.write_text(guide_text(("code", "print('written')"), header="backend: jax"), encoding="utf-8")
    return Project(root, languages=("en",))


def test_a_build_that_cannot_write_says_where_and_why_and_exits_2(tmp_path, monkeypatch, capsys):
    project = _project(tmp_path)
    page = project.page_path("en", "w")
    page.parent.mkdir(parents=True)
    page.write_text("previously published\n", encoding="utf-8")
    monkeypatch.setattr("guidesite.cli.Project", lambda root: project)  # English only
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == page and ".old." not in str(src):
            raise READ_ONLY
        return real_replace(src, dst)

    monkeypatch.setattr(publish_module.os, "replace", replace)
    assert main(["--root", str(tmp_path), "build"]) == 2
    err = capsys.readouterr().err
    assert "error: docs/en/guides/w.md: cannot replace it (Read-only file system); nothing was changed; " \
        "make the folder writable and run the command again" in err
    assert "build failed; docs/ was left unchanged" in err and "Traceback" not in err
    assert page.read_text(encoding="utf-8") == "previously published\n"
    assert not project.notebook_path("en", "w").exists() and not _leftovers(tmp_path)


def test_a_stamp_that_cannot_be_written_is_a_warning_after_a_complete_build(tmp_path, capsys):
    """The build has published everything; without a stamp the next one only runs in full."""
    from guidesite.cli import _write_stamp

    (tmp_path / stamp.CACHE_DIR).write_text("a file where the cache folder should be", encoding="utf-8")
    _write_stamp(Project(tmp_path))
    assert capsys.readouterr().err.startswith("warning: .guidesite-cache/stamp: not written (")
    assert not stamp.fresh(tmp_path)


def test_scaffold_writes_the_translation_and_its_record_or_neither(tiny_project, monkeypatch, capsys):
    for path in (tiny_project / "guide_src/ko").iterdir():
        path.unlink()
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst).name.endswith(".provenance.json"):
            raise FULL
        return real_replace(src, dst)

    monkeypatch.setattr(publish_module.os, "replace", replace)
    assert main(["--root", str(tiny_project), "scaffold", "tiny"]) == 2
    err = capsys.readouterr().err
    assert "guide_src/ko/tiny.provenance.json: cannot replace it (No space left on device)" in err
    assert sorted((tiny_project / "guide_src/ko").iterdir()) == [] and not _leftovers(tiny_project)
