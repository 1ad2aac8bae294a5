"""Where a project's files live: sources, generated pages, notebooks and images."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError
from .labels import Labels, labels_for
from .model import Guide
from .runtime import Runtime, read_runtime

LANGUAGES = ("ko", "en")  # the first is the site's default language; [tool.guidesite] languages
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")  # a language code: ko, ja, pt-BR
SOURCE_LANG = "en"  # every other language is translated from this one
# Where the site's sources live on GitHub: [tool.guidesite] in pyproject.toml, or these variables.
REPOSITORY_ENV, BRANCH_ENV = "GUIDESITE_REPOSITORY", "GUIDESITE_BRANCH"
_REPOSITORY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
# A guide's name: its source file's stem, and the stem of its page, notebooks and images. Plain, so that
# it can never name a path outside its folder nor need quoting in Markdown, YAML or a URL.
GUIDE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
PLAIN_NAME = "letters, digits, '_' and '-', starting with a letter (e.g. my_guide)"


def is_guide_name(name: str) -> bool:
    return GUIDE_NAME.fullmatch(name) is not None


@dataclass(frozen=True)
class Hosting:
    """The GitHub repository the pages link to (Colab, source, edit); None: no such links."""

    repository: str | None = None  # "owner/name"
    branch: str = "main"


NOT_HOSTED = Hosting()


def site_config(root: Path) -> dict:
    """[tool.guidesite] of the project's pyproject.toml ({} without one)."""
    import tomllib

    path = root / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("guidesite", {})
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, 1, f"not valid TOML ({exc})") from None


def hosting(root: Path, environ: Mapping[str, str] = os.environ) -> Hosting:
    """[tool.guidesite] repository / branch in pyproject.toml; GUIDESITE_REPOSITORY / GUIDESITE_BRANCH
    override them (an empty GUIDESITE_REPOSITORY turns the links off)."""
    path = root / "pyproject.toml"
    config = site_config(root)
    repository = environ.get(REPOSITORY_ENV, config.get("repository")) or None
    branch = environ.get(BRANCH_ENV, config.get("branch")) or "main"
    if repository is not None and not _REPOSITORY.fullmatch(repository):
        where = f"${REPOSITORY_ENV}" if REPOSITORY_ENV in environ else f"{path}: [tool.guidesite] repository"
        raise ConfigError(path, _line_of(path, "repository"), f"{where} is {repository!r}; write it as "
                          "'owner/name', the GitHub repository that holds guide_src/ and docs/")
    return Hosting(repository, branch)


def configured_languages(root: Path) -> tuple[str, ...]:
    """[tool.guidesite] languages (the first is the site's default), or LANGUAGES."""
    languages = site_config(root).get("languages", list(LANGUAGES))
    path = root / "pyproject.toml"
    codes = isinstance(languages, list) and all(LANGUAGE.fullmatch(str(x)) for x in languages)
    if not codes or SOURCE_LANG not in languages or len(set(languages)) != len(languages):
        raise ConfigError(path, _line_of(path, "languages"), f"[tool.guidesite] languages is {languages!r}; "
                          f"write a list of language codes such as [\"ja\", \"{SOURCE_LANG}\"], the site's "
                          f"default first, with {SOURCE_LANG!r} (the language guides are written in) in it")
    return tuple(languages)


def _line_of(path: Path, key: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n") if path.is_file() else []
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{key} ")), 1)
SRC_DIR = "guide_src"  # <root>/guide_src/<lang>/<guide>.py: the sources
DOCS_DIR = "docs"  # <root>/docs/<lang>/: MkDocs' pages, generated and hand-written
GUIDES_DIR, NOTEBOOKS_DIR = "guides", "notebooks"  # docs/<lang>/guides/<guide>.md, docs/<lang>/notebooks/
IMAGE_DIR = "images"  # docs/<lang>/guides/images/<guide>-<cell>-<n>.<ext>
DOWNLOAD_DIR = "downloads"  # docs/<lang>/downloads/<guide>.<backend>.ipynb: what readers download and run


@dataclass(frozen=True)
class Project:
    root: Path
    languages: tuple[str, ...] = ()  # () reads [tool.guidesite] languages (default LANGUAGES)

    def __post_init__(self):
        if not self.languages:
            object.__setattr__(self, "languages", configured_languages(self.root))

    def labels(self, lang: str) -> Labels:
        """lang's interface text: guidesite's own, the project's ([tool.guidesite] labels) over it."""
        return labels_for(lang, self.root / site_config(self.root).get("labels", "labels"))

    @property
    def runtime(self) -> Runtime:
        """The runtime profile: [tool.guidesite.runtime] (backends, hidden setup, data set mirrors)."""
        return read_runtime(site_config(self.root), self.root / "pyproject.toml")

    @property
    def hosting(self) -> Hosting:
        return hosting(self.root)

    @property
    def src_dir(self) -> Path:
        return self.root / SRC_DIR

    @property
    def docs_dir(self) -> Path:
        return self.root / DOCS_DIR

    @property
    def constraints(self) -> Path:
        return self.root / "constraints.txt"

    def page_path(self, lang: str, name: str) -> Path:
        return self.docs_dir / lang / GUIDES_DIR / f"{name}.md"

    def notebook_path(self, lang: str, name: str, backend: str = "") -> Path:
        """The executed notebook of one run: <name>.ipynb for the guide's first backend (the download),
        <name>.<backend>.ipynb for each other one."""
        file_name = f"{name}.{backend}.ipynb" if backend else f"{name}.ipynb"
        return self.docs_dir / lang / NOTEBOOKS_DIR / file_name

    def download_path(self, lang: str, name: str, backend: str) -> Path:
        """The notebook a reader downloads for one backend: that run alone, starting with its backend."""
        return self.docs_dir / lang / DOWNLOAD_DIR / f"{name}.{backend}.ipynb"

    def run_notebook_path(self, guide: Guide, backend: str) -> Path:
        from .sources import guide_backends  # (sources imports yaml: not on a no-op build's path)

        first = guide_backends(guide)[0]
        return self.notebook_path(guide.lang, guide.name, "" if backend == first else backend)

    def image_path(self, lang: str, file_name: str) -> Path:
        return self.docs_dir / lang / GUIDES_DIR / IMAGE_DIR / file_name

    def generated_by(self, lang: str, name: str, path: Path) -> bool:
        """True for the generated files of one guide in one language."""
        images = self.docs_dir / lang / GUIDES_DIR / IMAGE_DIR
        notebooks_dir = self.notebook_path(lang, name).parent
        downloads = self.docs_dir / lang / DOWNLOAD_DIR
        return path == self.page_path(lang, name) or (
            path.parent == downloads and re.fullmatch(rf"{re.escape(name)}\.\w+\.ipynb", path.name)
        ) or (
            path.parent == images and re.fullmatch(rf"{re.escape(name)}-\d+-\d+(\.\w+)?\.\w+", path.name)
        ) or (path.parent == notebooks_dir and re.fullmatch(rf"{re.escape(name)}(\.\w+)?\.ipynb", path.name))

    def generated_dirs(self) -> list[Path]:
        """The folders that hold only generated files (pages, notebooks, images)."""
        subs = (GUIDES_DIR, NOTEBOOKS_DIR, DOWNLOAD_DIR, f"{GUIDES_DIR}/{IMAGE_DIR}")
        return [self.docs_dir / lang / sub for lang in self.languages for sub in subs]
