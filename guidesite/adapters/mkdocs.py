"""MkDocs, through one method: the Jinja environment a theme renders with (``Theme.get_env``).

Only `guidesite serve` (preview.py) uses it, to keep compiled templates from one rebuild to the next;
see templates_compiled_once. The method is public on MkDocs' Theme class (MkDocs 1.6, pinned in
constraints.txt) but replacing it is not a documented extension point; tests/test_adapters.py fails
when it no longer returns the environment templates are rendered with.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jinja2
from mkdocs.theme import Theme


@contextmanager
def templates_compiled_once(cache_dir: Path) -> Iterator[None]:
    """While in the block, MkDocs' Jinja environments keep compiled templates in cache_dir.

    MkDocs makes a new Jinja environment for every build, and the i18n plugin one per language, so
    each rebuild compiled the theme's ~35 templates twice: 40% of a rebuild (0.23 of 0.55-0.65 s).
    Jinja's bytecode cache (its public API) keys each template on its name and checks it against
    its source, so an edited template is compiled again. Only MkDocs builds the environment, and the
    one public way to reach it there, an `on_env` hook, is what this project keeps out of its build
    (it may move to Zensical): hence this patch of Theme.get_env, for this process and this block.
    """
    cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
    make_env = Theme.get_env

    def get_env(theme: Theme) -> jinja2.Environment:
        env = make_env(theme)
        env.bytecode_cache = cache
        return env

    Theme.get_env = get_env
    try:
        yield
    finally:
        Theme.get_env = make_env
