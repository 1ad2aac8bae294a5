"""What a guide's code runs in: backend, hidden setup, device probe, environment.

One definition for both places that run guide code: execution (a Jupyter kernel
per guide and backend, execute.py) and the doctests of the published pages (a
kernel per page and backend, doctests.py). Both describe the kernel with a
``KernelSpec`` read from the same header fields (execution from the guide's
header, the doctests from the page's front matter, which render.py copies from
that header) and start it inside ``contained``: a fresh temporary working
directory, the allowlisted environment, ``SETUP`` run first, and every process
the kernel started ended when it stops. So a page is tested in exactly the
conditions its outputs were produced in.
"""

from __future__ import annotations

import os
import platform
import secrets
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from .backends import BACKENDS, DEFAULT_BACKEND
from .runtime import DATASET_MIRRORS, DEFAULT_RUNTIME, SEED

__all__ = ["SEED", "KernelSpec", "contained", "prepare"]
DEFAULT_TIMEOUT = 1800  # seconds one cell may run, unless the guide's header sets `timeout:`
RUNTIME_GROUP = "runtime"  # the dependency group in pyproject.toml that holds the backends


# The hidden first cell of this site's runtime profile (runtime.py; a site's own: Runtime.setup_cell).
SETUP = DEFAULT_RUNTIME.setup_cell()
# The hidden last cell of an execution: one JSON line on stdout.
PROBE = "import guidesite.kernel as _guidesite\n_guidesite.print_probe()\ndel _guidesite\n"

# Variables the kernel inherits from the build's environment. Everything else is
# dropped (a CI token must never be printable by a guide); a guide's header can
# ask for more by name (`env: [NAME, ...]` under 'guide:').
INHERITED_ENV = ("PATH", "HOME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TMPDIR", "TZ")
# The machine's compute settings: thread counts and instruction-set caps of the numeric libraries. They
# hold no secrets and they describe the machine the way its CPU does, so a kernel inherits them; the
# reproducibility benchmark (bench/reproducibility.py) sets them to stand in for other machines.
COMPUTE_ENV = (
    "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_ENABLE_INSTRUCTIONS", "MKL_CBWR",
    "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "TF_ENABLE_ONEDNN_OPTS",
    "ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA", "ATEN_CPU_CAPABILITY", "XLA_FLAGS",
)
# Every process a kernel starts inherits this variable (a random token per kernel), so the ones that
# left its process group or session (start_new_session=True, a double fork) are still found and ended.
KERNEL_TOKEN = "GUIDESITE_KERNEL"
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
    env = {name: environ[name] for name in (*INHERITED_ENV, *COMPUTE_ENV, *requested) if name in environ}
    env.update(PIPELINE_ENV)
    env["KERAS_BACKEND"] = backend
    return env


def allowed_names(requested: tuple[str, ...] = ()) -> set[str]:
    """Names whose values may appear in published outputs."""
    return {*INHERITED_ENV, *COMPUTE_ENV, *requested, *PIPELINE_ENV, "KERAS_BACKEND", KERNEL_TOKEN}


@dataclass(frozen=True)
class KernelSpec:
    """How one kernel is started, for execution and doctests alike.

    Built from a guide's header (execution) or a page's front matter (doctests) by ``from_meta``: both
    carry the same `env:` and `timeout:` fields, so the two cannot start kernels differently.
    """

    backend: str = DEFAULT_BACKEND
    env_names: tuple[str, ...] = ()  # the header's `env:`: build variables the kernel may see
    timeout: int = DEFAULT_TIMEOUT  # seconds one cell (or doctested block) may run
    setup: str = SETUP  # the hidden first cell (the site's runtime profile)

    @classmethod
    def from_meta(
        cls, meta: Mapping, backend: str, default_timeout: int = DEFAULT_TIMEOUT, setup: str = SETUP,
    ) -> KernelSpec:
        """The spec of a guide header's (or page front matter's) `env:` and `timeout:` on one backend."""
        return cls(backend, tuple(meta.get("env") or ()), int(meta.get("timeout") or default_timeout), setup)

    def front_matter(self) -> dict:
        """The fields a published page carries so that its doctests start this very kernel."""
        fields = {"env": list(self.env_names)} if self.env_names else {}
        if self.timeout != DEFAULT_TIMEOUT:
            fields["timeout"] = self.timeout
        return fields

    def environment(self, environ: Mapping | None = None) -> dict[str, str]:
        return kernel_env(self.backend, self.env_names, None if environ is None else dict(environ))

    def allowed_names(self) -> set[str]:
        return allowed_names(self.env_names)


@dataclass(frozen=True)
class Contained:
    """Where a kernel runs: its working directory and its whole environment (token included)."""

    workdir: str
    env: dict[str, str]


@contextmanager
def contained(spec: KernelSpec, name: str) -> Iterator[Contained]:
    """A fresh working directory and the spec's environment for one kernel; on exit, every process that
    carries this kernel's token is ended and the directory deleted."""
    token = secrets.token_hex(8)
    with tempfile.TemporaryDirectory(prefix=f"guidesite-{name}-") as workdir:
        try:
            yield Contained(workdir, {**spec.environment(), KERNEL_TOKEN: token})
        finally:
            end_processes(token)


def end_processes(token: str) -> int:
    """Kill every process of ours whose environment carries the kernel token; how many were running."""
    import psutil  # an ipykernel dependency

    found = []
    for process in psutil.process_iter():
        if process.pid == os.getpid():
            continue
        try:
            if process.environ().get(KERNEL_TOKEN) == token:
                found.append(process)
        except (psutil.Error, OSError):  # gone, or not ours to read
            continue
    for process in found:
        try:
            process.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(found, timeout=5)
    return len(found)


def prepare(seed: int = SEED, datasets: tuple[str, ...] | list[str] = DATASET_MIRRORS) -> None:
    """This site's hidden setup: serve the data sets from their local mirrors and seed every generator."""
    from .datasets import install_mirrors

    install_mirrors(datasets)
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
            "of the backends, or leave out --require-gpu"
            + (f" ({found.stderr.strip().splitlines()[-1]})" if found.returncode and found.stderr.strip()
               else "")
        ).fixed_with("build-gpu")


def print_probe() -> None:
    import json

    print(json.dumps(probe()))
