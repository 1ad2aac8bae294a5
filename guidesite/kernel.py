"""What a guide's code runs in: backend, hidden setup, device probe, environment.

One definition for both places that run guide code: execution (a Jupyter kernel
per guide, execute.py) and the doctests of the published pages (a kernel per
page, doctests.py). Both start the kernel with ``kernel_env`` in a fresh
temporary working directory and run ``SETUP`` first, so a page is tested in
exactly the conditions its outputs were produced in.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass

SEED = 1337
DEFAULT_TIMEOUT = 1800  # seconds one cell may run, unless the guide's header sets `timeout:`
DEFAULT_BACKEND = "tensorflow"
RUNTIME_GROUP = "runtime"  # the dependency group in pyproject.toml that holds the backends


@dataclass(frozen=True)
class Backend:
    name: str  # the value of KERAS_BACKEND
    label: str  # how pages name it
    packages: tuple[str, ...]  # distributions whose versions shape outputs and are pinned


BACKENDS = {
    b.name: b
    for b in (
        Backend("tensorflow", "TensorFlow", ("tensorflow",)),
        Backend("jax", "JAX", ("jax", "jaxlib")),
        Backend("torch", "PyTorch", ("torch",)),
    )
}

# The hidden first cell: no names are left in the reader's namespace.
SETUP = "import guidesite.kernel as _guidesite\n_guidesite.prepare()\ndel _guidesite\n"
# The hidden last cell of an execution: one JSON line on stdout.
PROBE = "import guidesite.kernel as _guidesite\n_guidesite.print_probe()\ndel _guidesite\n"

# Variables the kernel inherits from the build's environment. Everything else is
# dropped (a CI token must never be printable by a guide); a guide's header can
# ask for more by name (`env: [NAME, ...]` under 'guide:').
INHERITED_ENV = ("PATH", "HOME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TMPDIR", "TZ")
# Variables the pipeline sets itself. The widths make rich tables (model.summary())
# and progress bars wrap the same way in a kernel and wherever a reader runs them.
PIPELINE_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "PYTHONHASHSEED": "0",
    "JUPYTER_COLUMNS": "100",
    "COLUMNS": "100",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",  # debugpy's frozen-modules warning in every kernel log
}


def kernel_env(backend: str, requested: tuple[str, ...] = (), environ: dict | None = None) -> dict[str, str]:
    """The whole environment of a guide's kernel (pure given `environ`)."""
    environ = dict(os.environ if environ is None else environ)
    env = {name: environ[name] for name in (*INHERITED_ENV, *requested) if name in environ}
    env.update(PIPELINE_ENV)
    env["KERAS_BACKEND"] = backend
    return env


def allowed_names(requested: tuple[str, ...] = ()) -> set[str]:
    """Names whose values may appear in published outputs."""
    return {*INHERITED_ENV, *requested, *PIPELINE_ENV, "KERAS_BACKEND"}


def prepare(seed: int = SEED) -> None:
    """The hidden setup: serve data sets from the local mirror and seed every generator."""
    from .datasets import install_mnist_mirror

    install_mnist_mirror()
    import keras

    keras.utils.set_random_seed(seed)


def _cpu_name() -> str:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            names = [line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")]
        model = names[0] if names else model
    except OSError:
        pass
    return f"CPU: {model} ({os.cpu_count()} cores)"


def gpu_name(backend: str) -> str | None:
    """The first GPU the backend computes on, asked through that backend only."""
    if backend == "tensorflow":
        import tensorflow as tf

        gpus = tf.config.list_physical_devices("GPU")
        if gpus:
            return tf.config.experimental.get_device_details(gpus[0]).get("device_name", gpus[0].name)
    elif backend == "jax":
        import jax

        device = jax.devices()[0]
        if device.platform == "gpu":
            return device.device_kind
    elif backend == "torch":
        import torch

        if torch.cuda.is_available():
            return torch.cuda.get_device_name(0)
    return None


def probe() -> dict:
    """Backend, device and versions, as seen from inside the kernel."""
    import importlib.metadata

    import keras

    backend = keras.backend.backend()
    gpu = gpu_name(backend)
    versions = {"python": platform.python_version(), "keras": keras.__version__}
    for name in ("numpy", *BACKENDS[backend].packages):
        versions[name] = importlib.metadata.version(name)
    return {"backend": backend, "device": f"GPU: {gpu}" if gpu else _cpu_name(), "versions": versions}


def require_gpu(backend: str) -> None:
    """Fail unless the backend computes on a GPU here: asked in a fresh process, as a kernel would."""
    import subprocess
    import sys

    code = "import sys; from guidesite.kernel import gpu_name; print(gpu_name(sys.argv[1]) or '')"
    env = kernel_env(backend)
    found = subprocess.run([sys.executable, "-c", code, backend], env=env, capture_output=True, text=True)
    if found.returncode != 0 or not found.stdout.strip():
        from .errors import EnvironmentMismatch

        raise EnvironmentMismatch(
            f"--require-gpu: the {BACKENDS[backend].label} backend sees no GPU here, so the outputs would "
            "come from the CPU; nothing was executed. Build on a machine with a GPU and the CUDA variants "
            "of the backends (`nox -s build-gpu`), or leave out --require-gpu"
            + (f" ({found.stderr.strip().splitlines()[-1]})" if found.returncode and found.stderr.strip()
               else "")
        )


def print_probe() -> None:
    import json

    print(json.dumps(probe()))
