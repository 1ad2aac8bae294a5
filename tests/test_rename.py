"""Renaming a guide in every language: the review record moves, the execution record is reused, and each
link to the old name is reported at its line until it is fixed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guidesite.build import build, build_files
from guidesite.cli import main
from guidesite.errors import FAILED, OK, OUT_OF_DATE, LinkError
from guidesite.project import Project
from guidesite.publish import write_files

ABOUT = "# About\n\nSome text.\n\nRead [the tiny guide](guides/tiny.md#hello) first.\n"


def _logged(project: Project) -> tuple[list[str], dict, list]:
    """The build's log lines, its files, and (guide, lang, action, renamed_from) of each run."""
    logs: list[str] = []
    result = build(project, log=logs.append)
    return logs, result.files, [(r.guide, r.lang, r.action, r.renamed_from) for r in result.runs]


@pytest.fixture
def built(tiny_project: Path) -> Project:
    """The tiny guide built and reviewed, and a hand-written page in each language linking to it."""
    project = Project(tiny_project)
    for lang in project.languages:
        (project.docs_dir / lang).mkdir(parents=True, exist_ok=True)
        (project.docs_dir / lang / "about.md").write_text(ABOUT, encoding="utf-8")
    assert main(["--root", str(tiny_project), "review", "tiny", "--all"]) == OK
    write_files(project, build_files(project))
    return project


def _rename(project: Project, old: str, new: str) -> None:
    for lang in project.languages:
        folder = project.src_dir / lang
        (folder / f"{old}.py").rename(folder / f"{new}.py")


def test_links_to_a_renamed_guide_are_reported_at_their_lines_and_nothing_is_written(built: Project, capsys):
    def published(root: Path) -> dict[Path, bytes]:  # everything but the sources, the lock and caches
        skipped = ("guide_src", ".guidesite-cache")
        return {p: p.read_bytes() for p in root.rglob("*")
                if p.is_file() and ".lock" not in p.name and not set(skipped) & set(p.parts)}

    before = published(built.root)
    _rename(built, "tiny", "small")
    with pytest.raises(LinkError) as err:
        build_files(built)
    lines = str(err.value).split("\n")
    assert lines == [
        f"docs/{lang}/about.md:5: the link 'guides/tiny.md#hello' points at no file "
        f"(docs/{lang}/guides/tiny.md); the guide 'tiny' is now 'small': write 'guides/small.md#hello'"
        for lang in sorted(built.languages)
    ]
    assert main(["--root", str(built.root), "build"]) == FAILED
    assert "build failed; docs/ was left unchanged" in capsys.readouterr().err
    assert published(built.root) == before


def test_a_renamed_guide_keeps_its_review_record_and_reuses_its_execution_record(built: Project, capsys):
    old_record = built.src_dir / "ko" / "tiny.provenance.json"
    entries = json.loads(old_record.read_text(encoding="utf-8"))["cells"]
    _rename(built, "tiny", "small")
    for lang in built.languages:
        about = built.docs_dir / lang / "about.md"
        about.write_text(ABOUT.replace("guides/tiny.md", "guides/small.md"), encoding="utf-8")
    # check sees the rename as out of date (exit 1), like any page a build would change.
    assert main(["--root", str(built.root), "check"]) == OUT_OF_DATE
    assert "guide_src/ko/small.provenance.json: out of date" in capsys.readouterr().out

    logs, files, runs = _logged(built)
    assert sorted(runs) == [("small", lang, "reused", "tiny") for lang in sorted(built.languages)]
    assert sorted(line for line in logs if line.startswith("small [")) == [
        f"small [{lang}]: reused (0 cells executed, the record of docs/{lang}/notebooks/tiny.ipynb "
        "(renamed guide))" for lang in sorted(built.languages)
    ]
    write_files(built, files)

    new_record = built.src_dir / "ko" / "small.provenance.json"
    assert not old_record.exists()
    moved = json.loads(new_record.read_text(encoding="utf-8"))
    assert moved["guide"] == "small" and moved["cells"] == entries
    for lang in built.languages:
        assert built.page_path(lang, "small").is_file() and not built.page_path(lang, "tiny").exists()
        assert sorted(p.name for p in built.notebook_path(lang, "small").parent.iterdir()) == ["small.ipynb"]
    capsys.readouterr()
    assert main(["--root", str(built.root), "status", "--strict"]) == OK  # reviewed, nothing stale
    assert main(["--root", str(built.root), "check"]) == OK
    second, _, runs = _logged(built)
    assert sorted(runs) == [("small", lang, "reused", "") for lang in sorted(built.languages)]
    assert sorted(second) == sorted(f"small [{lang}]: reused (0 cells executed)" for lang in built.languages)


def test_a_broken_link_in_guide_prose_names_the_source_line(tiny_project: Path):
    project = Project(tiny_project)
    source = project.src_dir / "en" / "tiny.py"
    sentence = "See [code](`x`) and [the other](other.md)."
    text = source.read_text(encoding="utf-8").replace("Text.", f"Text.\n\n{sentence}")
    source.write_text(text, encoding="utf-8")
    line = text.split("\n").index(sentence) + 1
    with pytest.raises(LinkError) as err:
        build_files(project, may_execute=False)
    assert str(err.value) == (
        f"guide_src/en/tiny.py:{line}: the link 'other.md' points at no file (docs/en/guides/other.md); "
        "fix the link, or add the page it points at"
    )
