"""The built site, served on 127.0.0.1, and Debian's Chromium driven by Playwright.

`site_dir` and `server` need only MkDocs; the `browser` fixture skips (or, with CI=true,
fails) when Chromium is missing. Playwright's own browser download is never used.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from guidesite import zensical

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
INSTALL_HINT = "install it with `apt-get install chromium fonts-noto-cjk`"
GUIDE = "guides/intro_to_keras_for_researchers/"
VIEWPORT = {"width": 1280, "height": 900}


def artifacts_dir() -> Path:
    """Where screenshots go: $GUIDESITE_ARTIFACTS, else artifacts/screenshots/ in the repository."""
    folder = Path(os.environ.get("GUIDESITE_ARTIFACTS") or ROOT / "artifacts" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# `nox -s build-zensical` sets zensical: the same tests against the site Zensical builds.
GENERATOR = os.environ.get("GUIDESITE_SITE_GENERATOR", "mkdocs")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `mkdocs build --strict` (or zensical-i18n) makes it from the committed docs/."""
    if GENERATOR == "zensical":  # Zensical builds only into a folder of the project (git-ignored)
        site, result = ROOT / zensical.SITE_DIR, zensical.build(ROOT)
    else:
        site = tmp_path_factory.mktemp("site")
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        pytest.fail(f"{GENERATOR} build failed:\n{(result.stderr or result.stdout)[-4000:]}")
    return site


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; a missing path gets the site's 404.html with status 404, as static hosts do."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[str]:
    """The base URL (with a trailing slash) of the site served on 127.0.0.1, on a free port."""
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(site_dir))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run); {INSTALL_HINT}")
    pytest.skip(f"{reason}; {INSTALL_HINT} to run the browser tests")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        _unavailable(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (it is in the `test` dependency group)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A browser tab that records what the page asked for and what went wrong in it."""

    page: object
    base: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, path: str = "", **kwargs):
        return self.page.goto(self.base + path, **kwargs)

    def foreign_requests(self) -> list[str]:
        local = urlsplit(self.base).netloc
        return [url for url in self.requests if urlsplit(url).netloc != local and not url.startswith("data:")]


def new_visit(browser, base: str, **context_options) -> Visit:
    context = browser.new_context(**{"viewport": VIEWPORT, **context_options})
    page = context.new_page()
    visit = Visit(page, base)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on(
        "console",
        lambda message: message.type == "error"
        and visit.console_errors.append(f"{message.text} ({message.location.get('url', '')})"),
    )
    page.on("pageerror", lambda error: visit.console_errors.append(f"uncaught: {error}"))
    return visit


@pytest.fixture
def visit(browser, server: str) -> Iterator[Visit]:
    """A fresh tab (light scheme, clipboard allowed) on the served site."""
    permissions = ["clipboard-read", "clipboard-write"]
    visit = new_visit(browser, server, permissions=permissions, color_scheme="light")
    yield visit
    visit.page.context.close()
