"""The Keras backends a guide can run on: the value of KERAS_BACKEND, how pages name it, and the
packages whose pinned versions shape its outputs (part of each run's cache key, records.py)."""

from __future__ import annotations

from dataclasses import dataclass

from .pageformat import DEFAULT_BACKEND

__all__ = ["BACKENDS", "DEFAULT_BACKEND", "Backend"]


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
