"""Values of the build's environment never published, and never printed by the build (pure but for
``masked_output``, which wraps the streams the command line prints to).

The kernel gets only an allowlisted environment (kernel.py). Two nets catch a value that escapes anyway:

- ``leaked_names``: an output (text, HTML, SVG) that shows the value of a variable that is not on the
  kernel's allowlist fails the build. It finds the value as written, reversed, and spread out with
  whitespace ("s e c r e t", one character per line). A value transformed in any other way (encoded,
  hashed, split by other characters, drawn in an image) is not found.
- ``Masker``: every message the command line prints (log lines, errors, a cell's traceback, an
  unexpected error's traceback) has such values replaced by ``[$NAME]``, found the same three ways.

Values shorter than ``MIN_SECRET_LENGTH`` are too common to mean a leak ("1", "C.UTF-8", "/root").
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from .model import Output

MIN_SECRET_LENGTH = 9
# The pipeline's own settings: where the site lives (project.py), the notebook validator (cli.py). Shown
# in messages (a traceback names fastjsonschema), never secret.
CONFIG_NAMES = ("GUIDESITE_REPOSITORY", "GUIDESITE_BRANCH", "NBFORMAT_VALIDATOR")
_SPACE = re.compile(r"\s+")


def _compact(text: str) -> str:
    return _SPACE.sub("", text)


def leaked_names(outputs: Iterable[Output], environ: Mapping[str, str], allowed: set[str]) -> list[str]:
    """Names of environment variables (not on the allowlist) whose values appear in the outputs, as
    written, reversed, or spread out with whitespace.

    The allowed variables' own values are taken out first: PATH holds the virtualenv's
    path, and printing PATH shows nothing the kernel was not allowed to see.
    """
    shown = "\n".join(f"{o.text}\n{o.data}" for o in outputs)
    allowed_values = [environ[n] for n in allowed if len(environ.get(n, "")) >= MIN_SECRET_LENGTH]
    for value in sorted(allowed_values, key=len, reverse=True):  # longest first
        shown = shown.replace(value, "")
    compact = _compact(shown)

    def shows(value: str) -> bool:
        if value in shown or value[::-1] in shown:
            return True
        bare = _compact(value)
        return len(bare) >= MIN_SECRET_LENGTH and (bare in compact or bare[::-1] in compact)

    return sorted(
        name for name, value in environ.items()
        if name not in allowed and len(value) >= MIN_SECRET_LENGTH and shows(value)
    )


def _spread(value: str) -> str:
    """A pattern for the value as written or with whitespace anywhere between its characters."""
    return r"\s*".join(re.escape(char) for char in _compact(value))


class Masker:
    """Replaces the values of the build's environment in text meant for a person: ``[$NAME]``."""

    def __init__(self, environ: Mapping[str, str], allowed: Iterable[str]):
        allowed = set(allowed) | set(CONFIG_NAMES)
        secrets = {
            name: value for name, value in environ.items()
            if name not in allowed and len(_compact(value)) >= MIN_SECRET_LENGTH
            and not os.path.exists(value)  # a path (PWD, VIRTUAL_ENV) names a place, not a secret
        }
        self.names: dict[str, str] = {}  # compact value or its reverse -> name
        for name, value in sorted(secrets.items()):
            self.names.setdefault(_compact(value), name)
            self.names.setdefault(_compact(value)[::-1], name)
        alternatives = sorted(self.names, key=len, reverse=True)  # longest first
        self.pattern = re.compile("|".join(_spread(v) for v in alternatives)) if alternatives else None

    def __call__(self, text: str) -> str:
        if self.pattern is None or not text:
            return text
        return self.pattern.sub(lambda m: f"[${self.names[_compact(m[0])]}]", text)


class _MaskedStream:
    """A text stream that masks what is written to it, a line at a time (so that a value printed in
    pieces on one line is still found); anything else is the wrapped stream's."""

    def __init__(self, stream, mask: Masker):
        self._stream, self._mask, self._pending = stream, mask, ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            done, _, self._pending = self._pending.rpartition("\n")
            self._stream.write(self._mask(done + "\n"))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, ""
            self._stream.write(self._mask(pending))
        self._stream.flush()

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextmanager
def masked_output(mask: Masker) -> Iterator[None]:
    """sys.stdout and sys.stderr mask the environment's values while the block runs."""
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _MaskedStream(streams[0], mask), _MaskedStream(streams[1], mask)
    try:
        yield
    finally:
        masked, (sys.stdout, sys.stderr) = (sys.stdout, sys.stderr), streams
        for stream in masked:
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said there
                pass
