"""What the translators' subcommands do (their parsers are in translate/cli.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..backends import DEFAULT_BACKEND
from ..errors import FAILED, OK, OUT_OF_DATE, PipelineError, SourceError, TutobookError
from ..project import folders, site_runtime, source_language
from ..sources import read, reads
from . import provenance
from .files import read_provenance, relative, reports, write_text
from .problems import ERROR
from .status import table


def run_status(root: Path, languages: tuple[str, ...], strict: bool) -> int:
    found = reports(root, languages)
    if not found:
        print("no translated guides (guide_src/<lang>/<name>.py beside guide_src/en/<name>.py)")
        return OK
    print(table(found))
    problems = [p for r in found for p in r.problems]
    for problem in problems:
        print(f"\n{problem}")
        if problem.detail:
            print("\n".join("    " + line for line in problem.detail.split("\n")))
    errors = sum(p.severity == ERROR for p in problems)
    warnings = len(problems) - errors
    print(f"\n{errors} error(s), {warnings} warning(s)")
    return FAILED if errors else OUT_OF_DATE if strict and warnings else OK


def run_review(root: Path, args) -> int:
    src = folders(root)[0]
    source = source_language(root)
    path, en_path = src / args.lang / f"{args.guide}.py", src / source / f"{args.guide}.py"
    for needed in (path, en_path):
        _require(root, needed)
    en = relative(read(en_path, source), root)
    cells = None if args.all else args.cell
    entries = provenance.review(en, read_provenance(path), cells, typo=args.typo)
    target = provenance.path_for(path)
    write_text(target, provenance.dumps(en, entries), root=root)
    what = "all cells" if cells is None else "cell(s) " + ", ".join(map(str, cells))
    how = "accepted as a typo-only English change" if args.typo else "marked reviewed"
    print(f"{target.relative_to(root)}: {what} {how}")
    return OK


def _require(root: Path, path: Path) -> None:
    if not path.is_file():
        raise PipelineError(f"{path.relative_to(root)} does not exist")


def _write_new(root: Path, target: Path, text: str, force: bool, *more: tuple[Path, str]) -> None:
    """Write a new guide source (and more files with it, all or nothing)."""
    if target.exists() and not force:
        raise PipelineError(f"{target.relative_to(root)} exists; pass --force to overwrite it")
    for path, body in ((target, text), *more):  # a guide source we write must read back as a guide
        if path.suffix == ".py":
            reads(body, path, path.parent.name)
    write_text(target, text, *more, root=root)
    for path in (target, *(path for path, _ in more)):
        print(f"wrote {path.relative_to(root)}")


def run_scaffold(root: Path, args) -> int:
    src = folders(root)[0]
    source = source_language(root)
    en_path = src / source / f"{args.guide}.py"
    from .tutobook import scaffold  # jupytext and nbformat: only the commands that convert need them

    _require(root, en_path)
    target = src / args.lang / f"{args.guide}.py"
    en = relative(read(en_path, source), root)
    record = (provenance.path_for(target), provenance.dumps(en, provenance.review(en, None, None)))
    _write_new(root, target, scaffold(en_path.read_text(encoding="utf-8")), args.force, record)
    print("translate the cells `status` lists")
    return OK


def _import_backend(root: Path, wanted: str | None) -> dict:
    """What decides the backend an imported guide's header names: --backend (one of the site's); else the
    tutobook's code (KERAS_BACKEND), else nothing where the default (tensorflow) is one of the site's,
    else the site's first."""
    allowed = site_runtime(root).backends
    if wanted is not None and wanted not in allowed:
        raise PipelineError(f"--backend {wanted!r}: this site's guides run on {', '.join(allowed)} "
                            "([tool.guidesite.runtime] backends in pyproject.toml); write one of those")
    return {"backend": wanted, "default_backend": None if DEFAULT_BACKEND in allowed else allowed[0]}


def _imported(path: Path, original: str | None, **translation) -> str:
    from .tutobook import import_tutobook

    try:
        return import_tutobook(path.read_text(encoding="utf-8"), original, **translation)
    except TutobookError as exc:
        line, _, message = str(exc).partition(": ")
        raise SourceError(path, int(line), message) from None


def run_import(root: Path, args) -> int:
    """A tutobook into guide_src/<lang>/<name>.py; a translation (--lang other than English) with its
    English original (--english FILE), unless that is already in guide_src/en/."""
    from .tutobook import original_url

    name = args.name or args.file.stem
    target = folders(root)[0] / args.lang / f"{name}.py"
    backends = _import_backend(root, getattr(args, "backend", None))
    english = getattr(args, "english", None)
    source = source_language(root)
    if args.lang == source:
        if english is not None:
            raise PipelineError("--english is for importing a translation (--lang other than "
                                f"{source}); {args.file} is imported as the English source itself")
        original = args.original or original_url(str(args.file))
        text, more = _imported(args.file, original, **backends), ()
    else:
        en_target = folders(root)[0] / source / f"{name}.py"
        original = args.original or (original_url(str(english)) if english else None)
        if original is None and english is None and en_target.is_file():  # the original it translates
            original = read(en_target, source).meta.get("original")
        source = getattr(args, "translation_source", None)
        text = _imported(args.file, original, translation=True, translation_source=source, **backends)
        if english is not None:
            if en_target.exists() and not args.force:
                raise PipelineError(f"{en_target.relative_to(root)} exists; pass --force to overwrite it, "
                                    "or leave out --english to translate the guide already there")
            more = ((en_target, _imported(english, original, **backends)),)
        elif en_target.is_file():
            more = ()
        else:
            raise PipelineError(
                f"{args.file} is a {args.lang} translation, and {en_target.relative_to(root)} does not "
                f"exist: every guide is written in {source} first. Pass its English tutobook with "
                "--english FILE (both are imported together), or import that one first"
            )
    if not original:
        print(f"warning: {args.file} is not at a keras-io path (guides/ or examples/<topic>/); pass "
              "--original <url> so the page credits and links the original", file=sys.stderr)
    _write_new(root, target, text, args.force, *more)
    return OK
