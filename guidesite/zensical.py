"""The site built by Zensical (Material for MkDocs' successor, alpha) from the same mkdocs.yml, into
its own folder: ``python -m guidesite.zensical`` (what `nox -s build-zensical` and the browser tests'
Zensical run call). zensical-i18n builds both languages; it has no option for the output folder, so
a copy of mkdocs.yml with another ``site_dir`` is written beside mkdocs.yml (its paths are relative
to it) for the build and removed after it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SITE_DIR = "site-zensical"  # git-ignored, like site/
CONFIG = ".zensical.yml"  # git-ignored; exists only during a build


def build(root: Path, site_dir: str = SITE_DIR) -> subprocess.CompletedProcess:
    """Build root's site with zensical-i18n into root/site_dir; the completed process (not checked)."""
    config = root / CONFIG
    config.write_text(f"site_dir: {site_dir}\n" + (root / "mkdocs.yml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    command = [str(Path(sys.executable).parent / "zensical-i18n"), "build", "--clean", "-f", str(config)]
    try:
        return subprocess.run(command, cwd=root, capture_output=True, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    finally:
        config.unlink(missing_ok=True)


def main() -> int:
    done = build(Path.cwd())
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    print(f"zensical-i18n build {'succeeded' if done.returncode == 0 else 'failed'}: {SITE_DIR}/")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
