"""The MkDocs half of `guidesite serve`: the site built into a temporary folder and served with live reload.

This is what `mkdocs serve` does (mkdocs.commands.serve.serve, driven through its public pieces:
load_config, build, LiveReloadServer), with four differences, measured by bench/serve_latency.py
(figures: a rebuild of both languages, docs/*/benchmarks.md):

- Its watcher polls docs/ every POLL_SECONDS instead of every 0.5 s. LiveReloadServer takes the
  interval as an argument; `mkdocs serve` does not expose it, so a re-rendered page used to wait up
  to half a second before MkDocs even noticed it (then 0.1 s more without changes; here 0.05 s).
- Compiled templates are kept from one rebuild to the next (templates_compiled_once): 0.65 -> 0.43 s.
- The search plugin is left out: indexing every page (an HTML parse of each) was a fifth of each
  rebuild, and a preview is read, not searched.
- Code blocks are not coloured (Pygments off, PREVIEW_OPTIONS): highlighting 160 code blocks was 0.12 of
  the remaining 0.4 s. The code, its outputs and their layout are as published; only colours differ.

Everything else is mkdocs.yml as it is: both languages, the language switch, the hook that splits
the index (which finds no index to split).

Each rebuild is a full one, as `mkdocs serve` does by default: a dirty build (only changed pages)
took as long here (0.55-0.65 s against 0.6-0.7 s; templates and the theme's files are prepared
again for each language either way), and with the i18n plugin `mkdocs serve --dirty` grew from 0.5 s
to over 2 s within a few saves.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.utils.yaml import yaml_load

from .adapters.mkdocs import templates_compiled_once

POLL_SECONDS = 0.05  # MkDocs' default is 0.5; stat-ing docs/ (tens of files) this often is free
HOST = "127.0.0.1"
LEFT_OUT = ("search", "material/search")  # plugins a preview does without (see above)
PREVIEW_OPTIONS = {"pymdownx.highlight": {"use_pygments": False}}  # on mkdocs.yml's extensions (see above)


def _named(entries: list | dict) -> list[tuple[str, dict | None]]:
    """`plugins:` or `markdown_extensions:` as (name, options) pairs: MkDocs takes a list of names and
    one-key mappings, or one mapping."""
    if isinstance(entries, dict):
        return list(entries.items())
    return [next(iter(item.items())) if isinstance(item, dict) else (item, None) for item in entries]


def preview_plugins(plugins: list | dict) -> list[dict]:
    """mkdocs.yml's `plugins:` without those in LEFT_OUT (pure)."""
    return [{name: options or {}} for name, options in _named(plugins) if name not in LEFT_OUT]


def preview_extensions(extensions: list | dict) -> list[dict]:
    """mkdocs.yml's `markdown_extensions:` with PREVIEW_OPTIONS set on them (pure)."""
    return [{name: {**(options or {}), **PREVIEW_OPTIONS.get(name, {})}}
            for name, options in _named(extensions)]


def preview_config(config_file: Path, site_dir: str, port: int) -> MkDocsConfig:
    """mkdocs.yml as a preview builds it: into site_dir, for 127.0.0.1:port, not strict, no search or colours.

    Not strict: a warning is printed and the preview keeps serving (`nox -s test` builds strictly).
    """
    with open(config_file, "rb") as handle:
        written = yaml_load(handle)
    return load_config(
        str(config_file), site_dir=site_dir, dev_addr=f"{HOST}:{port}", site_url=f"http://{HOST}:{port}/",
        strict=False, plugins=preview_plugins(written.get("plugins", [])),
        markdown_extensions=preview_extensions(written.get("markdown_extensions", [])),
    )


def _log_to_console() -> None:
    """MkDocs' messages (warnings, "Reloading browsers") on the console, as `mkdocs serve` prints them."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def serve_site(config_file: Path, port: int, on_server: Callable[[LiveReloadServer], None]) -> None:
    """Build, serve on 127.0.0.1:port and rebuild when docs/ or mkdocs.yml changes, until shut down.

    on_server receives the server once it is set up (call its shutdown() to stop serving).
    """
    _log_to_console()
    work = Path(tempfile.mkdtemp(prefix="guidesite-preview-"))
    site_dir = str(work / "site")

    def builder(config: MkDocsConfig | None = None) -> None:
        build(config or preview_config(config_file, site_dir, port), serve_url=f"http://{HOST}:{port}/")

    def error_page(code: int) -> bytes | None:  # the site's own 404 page, as `mkdocs serve` serves it
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if page.is_file() else None

    config = preview_config(config_file, site_dir, port)
    config.plugins.on_startup(command="serve", dirty=False)
    server = LiveReloadServer(builder, HOST, port, site_dir, polling_interval=POLL_SECONDS)
    # After a change it waits until nothing has changed for build_delay (0.1 s; an attribute, not an
    # argument): an editor may save in several writes. Ours land together (publish.py renames them in
    # one go), so one polling interval is enough.
    server.build_delay = POLL_SECONDS
    server.error_handler = error_page
    (work / "templates").mkdir()
    try:
        with templates_compiled_once(work / "templates"):
            builder(config)
            for path in (config.docs_dir, config.config_file_path):
                server.watch(path)
            server = config.plugins.on_serve(server, config=config, builder=builder)
            for path in config.watch:
                server.watch(path)
            on_server(server)
            try:
                server.serve()
            finally:
                server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(work, ignore_errors=True)
