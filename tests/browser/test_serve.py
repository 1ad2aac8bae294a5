"""`guidesite serve` in a real browser: a saved prose edit appears without a manual reload and without
executing anything; a saved code edit shows the out-of-date notice; both languages are served, and the
language switch goes between them."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from guidesite.sources import read

from .conftest import GUIDE, ROOT, new_visit
from .test_pages import location, switch_language

NAME = GUIDE.split("/")[1]
COPIED = ("mkdocs.yml", "constraints.txt", "overrides", "docs", "guide_src", "guidesite/site_hooks.py")


def _copy(dest: Path) -> Path:
    for name in COPIED:
        source, target = ROOT / name, dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    return dest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """A copy of this project served by `python -m guidesite serve`; yields (root, base URL, its log)."""
    root, port, log = _copy(tmp_path / "project"), _free_port(), tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as handle:
        server = subprocess.Popen(
            [sys.executable, "-m", "guidesite", "--root", str(root), "serve", "--port", str(port)],
            cwd=root, stdout=handle, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base, timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"serve did not start:\n{log.read_text(encoding='utf-8')[-3000:]}")
                time.sleep(0.3)
        yield root, base, log
    finally:
        server.terminate()
        server.wait(20)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _recorded_at(root: Path, lang: str) -> str:
    notebook = json.loads((root / "docs" / lang / "notebooks" / f"{NAME}.ipynb").read_text(encoding="utf-8"))
    return notebook["metadata"]["guidesite"]["executed_at"]


def test_a_saved_prose_edit_reloads_the_page_and_a_code_edit_marks_it_out_of_date(browser, served):
    root, base, log = served
    ko = root / "guide_src" / "ko" / f"{NAME}.py"
    executed_at = _recorded_at(root, "ko")
    visit = new_visit(browser, base)
    visit.open(GUIDE)
    prose = next(c for c in read(ko, "ko").cells if c.kind == "markdown" and c.source.startswith("## "))
    sentence = "미리 보기에서 바로 보이는 새 문장입니다."
    _edit(ko, prose.source.split("\n")[0], prose.source.split("\n")[0] + f"\n\n{sentence}")
    visit.page.get_by_text(sentence).wait_for(timeout=30_000)  # no reload by the test: livereload's
    assert _recorded_at(root, "ko") == executed_at  # nothing executed
    assert ": executed " not in log.read_text(encoding="utf-8")

    for lang in ("ko", "en"):  # the same code change in both languages (no drift)
        source = root / "guide_src" / lang / f"{NAME}.py"
        code = read(source, lang).code_cells[-1].source
        _edit(source, code, code + "\npreview_marker = 1")
    visit.page.get_by_text("출력이 코드보다 오래되었습니다").wait_for(timeout=30_000)
    assert _recorded_at(root, "ko") == executed_at
    assert ": executed " not in log.read_text(encoding="utf-8")
    visit.page.context.close()


def test_the_preview_switches_language_and_reloads_an_english_edit_too(browser, served):
    root, base, _ = served
    en = root / "guide_src" / "en" / f"{NAME}.py"
    visit = new_visit(browser, base)
    visit.open(GUIDE)
    switch_language(visit, "en")
    assert location(visit) == ("/en/" + GUIDE, "")
    prose = next(c for c in read(en, "en").cells if c.kind == "markdown" and c.source.startswith("## "))
    sentence = "A sentence the preview shows at once."
    _edit(en, prose.source.split("\n")[0], prose.source.split("\n")[0] + f"\n\n{sentence}")
    visit.page.get_by_text(sentence).wait_for(timeout=30_000)
    switch_language(visit, "ko")
    assert location(visit) == ("/" + GUIDE, "")
    # The preview has no search (preview.py): nothing on the page asks for a search index it lacks.
    assert visit.console_errors == []
    visit.page.context.close()
