"""Subcommands for translators: status, review, scaffold, import (wired into ``python -m guidesite``).

Only the argument parsers live here; the commands (translate/commands.py) are imported when one runs,
so that `build` and `check` do not pay for them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import PipelineError
from ..project import PLAIN_NAME, SOURCE_LANG, is_guide_name, source_language

COMMANDS = ("status", "review", "scaffold", "import")


def add_parsers(sub) -> None:
    status = sub.add_parser("status", help="translation status per guide: alignment, stale cells, drift, ...")
    status.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    review = sub.add_parser("review", help="record that translated cells match today's English cells")
    review.add_argument("guide", help="guide name, e.g. intro_to_keras_for_researchers")
    review.add_argument("--lang", help="translation language (default: the project's first one)")
    which = review.add_mutually_exclusive_group(required=True)
    which.add_argument("--cell", type=int, action="append", help="cell number from `status` (repeatable)")
    which.add_argument("--all", action="store_true", help="every cell")
    review.add_argument("--typo", action="store_true", help="the English change needs no re-translation")
    new = sub.add_parser("scaffold", help="start a translation: English copied, prose tagged untranslated")
    new.add_argument("guide")
    new.add_argument("--lang", help="translation language (default: the project's first one)")
    new.add_argument("--force", action="store_true", help="overwrite an existing translation")
    imp = sub.add_parser("import", help="convert a keras.io tutobook .py into guide_src/<lang>/<name>.py")
    imp.add_argument("file", type=Path)
    imp.add_argument("--lang", help="the tutobook's language (default: the one guides are written in, "
                     f"[tool.guidesite] source, {SOURCE_LANG} unless set); another imports a translation")
    imp.add_argument("--name", help="guide name (default: the file's stem)")
    imp.add_argument("--english", type=Path, metavar="FILE",
                     help="with --lang: the English tutobook the translation follows, imported with it")
    imp.add_argument("--translation-source", metavar="URL",
                     help="with --lang: where the translated text comes from (credited on the page)")
    imp.add_argument("--force", action="store_true", help="overwrite an existing source")
    imp.add_argument("--backend", help="the Keras backend it runs on, written into its header (default: "
                     "none written, i.e. tensorflow, or the first of [tool.guidesite.runtime] backends where "
                     "those leave tensorflow out)")
    imp.add_argument(
        "--original", help="the guide's URL on keras.io (default: derived from a keras-io path such as "
        "guides/x.py or examples/vision/x.py)",
    )


def check_names(args: argparse.Namespace, languages: tuple[str, ...], source: str = SOURCE_LANG) -> None:
    """Refuse a language or guide name that could name a path outside guide_src/<lang>/ (`../../x`)."""
    if args.command in ("review", "scaffold"):
        allowed = [lang for lang in languages if lang != source]
        if args.lang is None and allowed:
            args.lang = allowed[0]
        if args.lang not in allowed:
            raise PipelineError(f"--lang {args.lang!r} is not a translation language of this project; "
                                f"write one of: {', '.join(allowed)}")
        if not is_guide_name(args.guide):
            raise PipelineError(f"guide {args.guide!r} is not a plain guide name: a guide's name is its file "
                                f"name in guide_src/{source}/ without .py, made of {PLAIN_NAME}")
    elif args.command == "import":
        args.lang = args.lang or source
        if args.lang not in languages:
            raise PipelineError(f"--lang {args.lang!r} is not a language of this project; "
                                f"write one of: {', '.join(languages)}")
        if args.name is not None and not is_guide_name(args.name):
            raise PipelineError(f"--name {args.name!r} is not a plain guide name; use {PLAIN_NAME}")
        if args.name is None and not is_guide_name(args.file.stem):
            raise PipelineError(f"the file name {args.file.stem!r} is not a plain guide name ({PLAIN_NAME}); "
                                "pass --name <name> to choose the guide's name")


def run(args: argparse.Namespace, root: Path, languages: tuple[str, ...]) -> int:
    """One translator command; its failures are raised for cli.main to report."""
    from .commands import run_import, run_review, run_scaffold, run_status

    check_names(args, languages, source_language(root))

    if args.command == "status":
        return run_status(root, languages, args.strict)
    if args.command == "review":
        return run_review(root, args)
    if args.command == "scaffold":
        return run_scaffold(root, args)
    return run_import(root, args)
