"""Where a project's files live: sources, generated pages, notebooks and images."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError, line_of
from .labels import Labels, labels_for
from .model import Guide
from .runtime import Runtime, read_runtime

LANGUAGES = ("ko", "en")  # the first is the site's default language; [tool.guidesite] languages
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")  # a language code: ko, ja, pt-BR
SOURCE_LANG = "en"  # every other language is translated from this one ([tool.guidesite] source)
SRC_DIR = "guide_src"  # <root>/guide_src/<lang>/<guide>.py: the sources ([tool.guidesite] sources)
DOCS_DIR = "docs"  # <root>/docs/<lang>/: MkDocs' pages, generated and hand-written ([tool.guidesite] docs)
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
    docs: str = DOCS_DIR  # the docs folder in that repository ([tool.guidesite] docs)


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
        raise ConfigError(path, line_of(path, "repository"), f"{where} is {repository!r}; write it as "
                          "'owner/name', the GitHub repository that holds guide_src/ and docs/")
    return Hosting(repository, branch, folders(root)[1].relative_to(root).as_posix())


# How a project runs the steps that fix a failure, named under the message (errors.report) and in the
# `check` output: [tool.guidesite.commands]. By default the engine's own commands; a project that wraps
# them (this one: nox sessions that install the pinned runtime first) names its own. No default for
# "lock": regenerating constraints.txt is the project's own tooling.
DEFAULT_COMMANDS = {
    "build": "python -m guidesite build", "build-gpu": "python -m guidesite build --require-gpu",
}
STEPS = ("build", "lock", "build-gpu")


def commands(root: Path) -> dict[str, str]:
    """[tool.guidesite.commands] over DEFAULT_COMMANDS."""
    table, path = site_config(root).get("commands", {}), root / "pyproject.toml"
    wrong = [key for key, value in table.items() if key not in STEPS or not isinstance(value, str)
             or not value.strip()] if isinstance(table, dict) else ["commands"]
    if wrong:
        raise ConfigError(path, line_of(path, wrong[0]), f"[tool.guidesite.commands] {wrong[0]}: write one "
                          f"command line for each of the steps {', '.join(STEPS)}, e.g. build = 'make pages'")
    return {**DEFAULT_COMMANDS, **table}


def configured_languages(root: Path) -> tuple[str, ...]:
    """[tool.guidesite] languages (the first is the site's default), or LANGUAGES."""
    languages = site_config(root).get("languages", list(LANGUAGES))
    path, source = root / "pyproject.toml", source_language(root)
    codes = isinstance(languages, list) and all(LANGUAGE.fullmatch(str(x)) for x in languages)
    if not codes or source not in languages or len(set(languages)) != len(languages):
        raise ConfigError(path, line_of(path, "languages"), f"[tool.guidesite] languages is {languages!r}; "
                          f"write a list of language codes such as [\"ja\", \"{source}\"], the site's "
                          f"default first, with {source!r} (the language guides are written in) in it")
    return tuple(languages)


def site_runtime(root: Path) -> Runtime:
    """The project's runtime profile: [tool.guidesite.runtime] (backends, hidden setup, data set mirrors)."""
    return read_runtime(site_config(root), root / "pyproject.toml")


def source_language(root: Path) -> str:
    """[tool.guidesite] source: the language every guide is written in first, and translated from."""
    source, path = site_config(root).get("source", SOURCE_LANG), root / "pyproject.toml"
    if not isinstance(source, str) or not LANGUAGE.fullmatch(source):
        raise ConfigError(path, line_of(path, "source"), f"[tool.guidesite] source is {source!r}; write the "
                          f"language code guides are written in, such as {SOURCE_LANG!r}")
    return source


_FOLDER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")  # relative, no '..'


def folders(root: Path) -> tuple[Path, Path]:
    """The sources and docs folders: [tool.guidesite] sources / docs (default guide_src, docs), each a
    folder inside the project; docs must be the docs_dir of mkdocs.yml, which publishes it."""
    config, path = site_config(root), root / "pyproject.toml"
    chosen = []
    for key, default in (("sources", SRC_DIR), ("docs", DOCS_DIR)):
        value = config.get(key, default)
        if not isinstance(value, str) or not _FOLDER.fullmatch(value) or ".." in value.split("/"):
            raise ConfigError(path, line_of(path, key), f"[tool.guidesite] {key} is {value!r}; write a "
                              f"folder inside the project, relative to it, such as {default!r}")
        chosen.append(value)
    sources, docs = chosen
    if sources == docs or docs.startswith(f"{sources}/") or sources.startswith(f"{docs}/"):
        raise ConfigError(path, line_of(path, "sources"), f"[tool.guidesite] sources ({sources!r}) and docs "
                          f"({docs!r}) must be two separate folders: docs/ is generated, the sources are not")
    mkdocs = root / "mkdocs.yml"
    if mkdocs.is_file():
        lines = mkdocs.read_text(encoding="utf-8").split("\n")
        found = next(((n, m[1]) for n, line in enumerate(lines, 1)
                      if (m := re.match(r"docs_dir:\s*['\"]?([^'\"#\s]+)", line))), (1, "docs"))
        if found[1].rstrip("/") != chosen[1]:
            raise ConfigError(mkdocs, found[0], f"docs_dir is {found[1]!r} but the pages are generated into "
                              f"{chosen[1]!r} ([tool.guidesite] docs in pyproject.toml); make them the same")
    return root / chosen[0], root / chosen[1]
GUIDES_DIR, NOTEBOOKS_DIR = "guides", "notebooks"  # docs/<lang>/guides/<guide>.md, docs/<lang>/notebooks/
IMAGE_DIR = "images"  # docs/<lang>/guides/images/<guide>-<cell>-<n>.<ext>
DOWNLOAD_DIR = "downloads"  # docs/<lang>/downloads/<guide>.<backend>.ipynb: what readers download and run


@dataclass(frozen=True)
class Project:
    root: Path
    languages: tuple[str, ...] = ()  # () reads [tool.guidesite] languages (default LANGUAGES)
    source_lang: str = field(init=False)  # [tool.guidesite] source (default SOURCE_LANG)
    src_dir: Path = field(init=False)  # [tool.guidesite] sources (default <root>/guide_src)
    docs_dir: Path = field(init=False)  # [tool.guidesite] docs (default <root>/docs)
    runtime: Runtime = field(init=False)  # [tool.guidesite.runtime] (backends, hidden setup, mirrors)

    def __post_init__(self):
        if not self.languages:
            object.__setattr__(self, "languages", configured_languages(self.root))
        object.__setattr__(self, "source_lang", source_language(self.root))
        src_dir, docs_dir = folders(self.root)
        object.__setattr__(self, "src_dir", src_dir)
        object.__setattr__(self, "docs_dir", docs_dir)
        object.__setattr__(self, "runtime", site_runtime(self.root))

    def labels(self, lang: str) -> Labels:
        """lang's interface text: guidesite's own, the project's ([tool.guidesite] labels) over it."""
        return labels_for(lang, self.root / site_config(self.root).get("labels", "labels"))

    @property
    def commands(self) -> dict[str, str]:
        """The command lines of this project's steps ([tool.guidesite.commands])."""
        return commands(self.root)

    @property
    def hosting(self) -> Hosting:
        return hosting(self.root)

    @property
    def constraints(self) -> Path:
        return self.root / "constraints.txt"

    def source_page_link(self, lang: str, name: str) -> str:
        """The URL of a guide's source-language page from its page in lang, as mkdocs-static-i18n lays
        the languages out (the default, languages[0], at the site's root; each other under /<lang>/)."""
        up = "../../" if lang == self.languages[0] else "../../../"
        folder = "" if self.source_lang == self.languages[0] else f"{self.source_lang}/"
        return f"{up}{folder}guides/{name}/"

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
