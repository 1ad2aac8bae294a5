"""A guide with a figure and an HTML table, built into a small site and opened in the browser (issue 10)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from guidesite.build import build_files
from guidesite.project import Project
from guidesite.publish import write_files

from ..conftest import guide_text
from .conftest import ROOT, artifacts_dir, new_visit

CODE = [
    ("code", "import matplotlib.pyplot as plt\n"
             "fig, ax = plt.subplots(figsize=(4, 3))\n"
             "ax.bar(['a', 'b', 'c'], [3, 1, 2], color='tab:orange')\n"
             "plt.show()"),
    # Words that only the outputs hold (the code spells them in pieces), to look for in the search index.
    ("code", "from IPython.display import HTML, display\n"
             "name = 'Den' + 'sely'\n"
             "display(HTML(f'<table><tr><th>layer</th></tr><tr><td>{name}</td></tr></table>'))\n"
             "print('zyx' + 'outputword')"),
]
TEXT = {"en": ("## A figure", "Bars."), "ko": ("## 그림", "막대그래프입니다.")}


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("richsite")
    for item in ("mkdocs.yml", "constraints.txt", "overrides", "docs/assets", "guidesite/site_hooks.py"):
        source, target = ROOT / item, root / item
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    for lang, (heading, body) in TEXT.items():
        (root / "docs" / lang).mkdir(parents=True, exist_ok=True)
        (root / "docs" / lang / "index.md").write_text(f"# {heading}\n", encoding="utf-8")
        for page in ("contributing.md", "benchmarks.md", "canary.md"):  # in the copied nav
            (root / "docs" / lang / page).write_text(f"# {page}\n", encoding="utf-8")
        source = root / "guide_src" / lang / "pic.py"
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(guide_text(("md", heading), CODE[0], ("md", body), CODE[1], header="backend: jax"),
                          encoding="utf-8")
    project = Project(root)
    write_files(project, build_files(project))
    site = root / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="module")
def base(rich_site: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(rich_site))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(("prefix", "alt"), [("", "셀 2의 출력 이미지"), ("en/", "Output image of cell 2")])
def test_figure_and_table_are_shown(browser, base, rich_site, prefix, alt):
    visit = new_visit(browser, base)
    try:
        assert visit.open(f"{prefix}guides/pic/").status == 200
        image = visit.page.locator("img.output-image")
        assert image.count() == 1
        assert image.get_attribute("alt") == alt
        image.scroll_into_view_if_needed()
        png = (rich_site / prefix / "guides" / "images" / "pic-2-1.png").read_bytes()
        size = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")  # the PNG's IHDR
        assert size[0] > 300 and size[1] > 200  # figsize (4, 3), 100 dpi, cropped to the drawing
        loaded = image.evaluate("i => [i.naturalWidth, i.complete ? i.naturalHeight : 0]")
        assert tuple(loaded) == size  # the browser really loaded that file
        box = image.bounding_box()
        assert box["width"] > 200 and box["height"] > 150  # and it takes visible room on the page
        assert visit.page.locator(".output-html table td").inner_text() == "Densely"
        shot = artifacts_dir() / f"rich-outputs-{prefix.strip('/') or 'ko'}.png"
        visit.page.screenshot(path=str(shot), full_page=True)
        assert visit.console_errors == []
    finally:
        visit.page.context.close()


def test_outputs_stay_out_of_the_search_index(rich_site: Path):
    index = json.loads((rich_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    assert "outputword" in text and "matplotlib" in text  # the code is indexed
    assert "zyxoutputword" not in text and "Densely" not in text  # what it printed and showed is not
