"""Where a project's files live: sources, generated pages, notebooks and images."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .model import Guide
from .sources import guide_backends

LANGUAGES = ("ko", "en")  # the first is the site's default language
IMAGE_DIR = "images"  # docs/<lang>/guides/images/<guide>-<cell>-<n>.<ext>


@dataclass(frozen=True)
class Project:
    root: Path
    languages: tuple[str, ...] = LANGUAGES

    @property
    def src_dir(self) -> Path:
        return self.root / "guide_src"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def constraints(self) -> Path:
        return self.root / "constraints.txt"

    def page_path(self, lang: str, name: str) -> Path:
        return self.docs_dir / lang / "guides" / f"{name}.md"

    def notebook_path(self, lang: str, name: str, backend: str = "") -> Path:
        """The executed notebook of one run: <name>.ipynb for the guide's first backend (the download),
        <name>.<backend>.ipynb for each other one."""
        file_name = f"{name}.{backend}.ipynb" if backend else f"{name}.ipynb"
        return self.docs_dir / lang / "notebooks" / file_name

    def run_notebook_path(self, guide: Guide, backend: str) -> Path:
        first = guide_backends(guide)[0]
        return self.notebook_path(guide.lang, guide.name, "" if backend == first else backend)

    def image_path(self, lang: str, file_name: str) -> Path:
        return self.docs_dir / lang / "guides" / IMAGE_DIR / file_name

    def generated_by(self, lang: str, name: str, path: Path) -> bool:
        """True for the generated files of one guide in one language."""
        images = self.docs_dir / lang / "guides" / IMAGE_DIR
        notebooks_dir = self.notebook_path(lang, name).parent
        return path == self.page_path(lang, name) or (
            path.parent == images and re.fullmatch(rf"{re.escape(name)}-\d+-\d+(\.\w+)?\.\w+", path.name)
        ) or (path.parent == notebooks_dir and re.fullmatch(rf"{re.escape(name)}(\.\w+)?\.ipynb", path.name))

    def generated_dirs(self) -> list[Path]:
        """The folders that hold only generated files (pages, notebooks, images)."""
        subs = ("guides", "notebooks", f"guides/{IMAGE_DIR}")
        return [self.docs_dir / lang / sub for lang in self.languages for sub in subs]
