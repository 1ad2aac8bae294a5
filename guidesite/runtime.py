"""A site's runtime profile, as data: the Keras backends its guides may run on, the hidden setup every
kernel runs before a guide's first cell (execution and doctests alike), and the data set mirrors that
setup installs. ``[tool.guidesite.runtime]`` in pyproject.toml; without it, this site's own profile:

    [tool.guidesite.runtime]
    backends = ["tensorflow", "jax", "torch"]  # what a guide's `backend:` / `backends:` may name
    setup = "guidesite.kernel:prepare"         # module:function, called as function(seed=..., datasets=[...])
    datasets = ["mnist"]                       # the mirrors the setup installs (datasets.py)

A setup of a site's own must be importable in the kernel (an installed package, or a folder on a
PYTHONPATH the guide's header lets through with `env: [PYTHONPATH]`) and accept those two keywords.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .backends import BACKENDS
from .errors import ConfigError, line_of

SEED = 1337  # every kernel is seeded with it (the record box shows it)
DEFAULT_SETUP = "guidesite.kernel:prepare"
DATASET_MIRRORS = ("mnist",)  # the mirrors datasets.py can install
_CALLABLE = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*:[A-Za-z_]\w*")


@dataclass(frozen=True)
class Runtime:
    backends: tuple[str, ...] = tuple(BACKENDS)
    setup: str = DEFAULT_SETUP
    datasets: tuple[str, ...] = DATASET_MIRRORS
    seed: int = SEED

    def setup_cell(self) -> str:
        """The hidden first cell: calls the setup, leaving no name in the reader's namespace."""
        module, function = self.setup.split(":")
        return (f"from {module} import {function} as _guidesite_setup\n"
                f"_guidesite_setup(seed={self.seed}, datasets={list(self.datasets)!r})\n"
                "del _guidesite_setup\n")

    def key(self) -> dict:
        """What of the profile goes into each run's cache key (records.py). This site's own profile adds
        nothing, so its records, made before the profile was configurable, stay valid; any other setup
        or set of mirrors changes every key, since it can change every output."""
        own = (self.setup, self.datasets) == (DEFAULT_SETUP, DATASET_MIRRORS)
        return {} if own else {"setup": self.setup, "datasets": list(self.datasets)}


DEFAULT_RUNTIME = Runtime()


def read_runtime(config: dict, path: Path) -> Runtime:
    """The profile in [tool.guidesite.runtime] of config (pyproject.toml at path), or the default."""
    table = config.get("runtime", {})

    def refuse(key: str, message: str) -> ConfigError:
        return ConfigError(path, line_of(path, key), f"[tool.guidesite.runtime] {key}: {message}")

    if not isinstance(table, dict):
        raise refuse("runtime", "write it as a table, [tool.guidesite.runtime]")
    unknown = sorted(set(table) - {"backends", "setup", "datasets"})
    if unknown:
        raise refuse(unknown[0], "not a runtime setting; the settings are backends, setup and datasets")
    backends = table.get("backends", list(DEFAULT_RUNTIME.backends))
    if (not isinstance(backends, list) or not backends or len(set(backends)) != len(backends)
            or any(b not in BACKENDS for b in backends)):
        raise refuse("backends", f"{backends!r}; write a list of Keras backends, some of {list(BACKENDS)}")
    setup = table.get("setup", DEFAULT_SETUP)
    if not isinstance(setup, str) or not _CALLABLE.fullmatch(setup):
        raise refuse("setup", f"{setup!r}; write 'module:function', e.g. {DEFAULT_SETUP!r}")
    datasets = table.get("datasets", list(DATASET_MIRRORS))
    if not isinstance(datasets, list) or any(d not in DATASET_MIRRORS for d in datasets):
        raise refuse("datasets", f"{datasets!r}; write a list of mirrors this engine has: "
                     f"{list(DATASET_MIRRORS)} (or [] for none)")
    return Runtime(tuple(backends), setup, tuple(datasets))
