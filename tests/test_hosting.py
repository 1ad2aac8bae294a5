"""Where the site lives: the repository the pages link to is set once, and links point at real files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidesite.build import build_files
from guidesite.errors import ConfigError
from guidesite.home import NAV_END, NAV_START
from guidesite.project import Hosting, Project, hosting
from guidesite.publish import write_files

from .conftest import ROOT

REPO_LINK = re.compile(
    r"\]\((https://(?:colab\.research\.google\.com/github|github\.com)/([\w.-]+/[\w.-]+)/(blob|edit)/(\w+)/([^)\s]+))\)"
)


def _configure(root: Path, repository: str, branch: str = "main") -> None:
    text = f'[project]\nname = "x"\n\n[tool.guidesite]\nrepository = "{repository}"\nbranch = "{branch}"\n'
    (root / "pyproject.toml").write_text(text, encoding="utf-8")


def test_with_a_repository_every_colab_source_and_edit_link_points_at_a_file_of_it(tiny_project, monkeypatch):
    monkeypatch.delenv("GUIDESITE_REPOSITORY", raising=False)
    _configure(tiny_project, "octo/keras-guides", "pages")
    project = Project(tiny_project)
    write_files(project, build_files(project))
    found = []
    for lang in project.languages:
        page = project.page_path(lang, "tiny").read_text(encoding="utf-8")
        found += REPO_LINK.findall(page)
    kinds = {(url.split("/")[2], kind) for url, _, kind, _, _ in found}
    assert kinds == {("colab.research.google.com", "blob"), ("github.com", "blob"), ("github.com", "edit")}
    assert len(found) == 3 * len(project.languages)
    for url, repository, _, branch, path in found:
        assert (repository, branch) == ("octo/keras-guides", "pages"), url
        assert (tiny_project / path).is_file(), f"{url} points at {path}, which is not in the repository"


def test_without_a_repository_no_button_points_anywhere(tiny_project, monkeypatch):
    monkeypatch.delenv("GUIDESITE_REPOSITORY", raising=False)
    project = Project(tiny_project)
    write_files(project, build_files(project))
    for lang in project.languages:
        page = project.page_path(lang, "tiny").read_text(encoding="utf-8")
        assert "colab.research.google.com" not in page and "github.com" not in page
        assert "download=" in page  # the notebook download stays


def test_the_environment_overrides_the_setting_and_a_bad_name_is_refused(tmp_path):
    _configure(tmp_path, "octo/keras-guides")
    assert hosting(tmp_path, {}) == Hosting("octo/keras-guides", "main")
    assert hosting(tmp_path, {"GUIDESITE_REPOSITORY": "fork/guides"}) == Hosting("fork/guides", "main")
    assert hosting(tmp_path, {"GUIDESITE_REPOSITORY": ""}) == Hosting(None, "main")
    _configure(tmp_path, "https://github.com/octo/keras-guides")
    with pytest.raises(ConfigError, match=r"pyproject.toml:5: .*write it as 'owner/name'"):
        hosting(tmp_path, {})


def test_this_projects_nav_lists_every_guide_and_the_contributors_pages_last():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    names = sorted(p.stem for p in (ROOT / "guide_src" / "en").glob("*.py"))
    section = config.split(NAV_START)[1].split(NAV_END)[0]
    assert re.findall(r"guides/(\w+)\.md", section) == names
    after = config.split(NAV_END)[1].split("\n\n")[0]
    assert "- Contributors:" in after and "benchmarks.md" in after and "translation-status.md" in after


def test_the_build_writes_the_navs_guides_section_from_the_guides(tiny_project):
    config = tiny_project / "mkdocs.yml"
    config.write_text(f"nav:\n  - index.md\n{NAV_START}\n  - Guides:\n      - guides/old.md\n{NAV_END}\n",
                      encoding="utf-8")
    project = Project(tiny_project)
    write_files(project, build_files(project))
    assert config.read_text(encoding="utf-8") == (
        f"nav:\n  - index.md\n{NAV_START}\n  - Guides:\n      - guides/tiny.md\n{NAV_END}\n"
    )
