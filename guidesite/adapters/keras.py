"""Keras, through one module attribute: where ``keras.datasets.mnist.load_data()`` gets its file.

load_data() downloads ``mnist.npz`` with ``get_file`` and checks a fixed sha256; there is no public
way to point it at a local copy, and no rebuilt file can pass that check. So the name ``get_file`` in
Keras' MNIST module (``keras.src.datasets.mnist``, Keras 3.15, pinned in constraints.txt) is bound to
a function that returns the local copy for ``mnist.npz`` and calls Keras' own for anything else.
Keras' loading code then runs unchanged. tests/test_adapters.py fails when that module stops calling
``get_file`` by that name.
"""

from __future__ import annotations

from pathlib import Path


def serve_mnist_from(local: Path) -> None:
    """Make ``keras.datasets.mnist.load_data()`` read the local ``mnist.npz`` (in this process)."""
    from keras.src.datasets import mnist as keras_mnist

    original_get_file = keras_mnist.get_file

    def get_file(fname=None, origin=None, **kwargs):
        if fname == "mnist.npz":
            return str(local)
        return original_get_file(fname, origin, **kwargs)

    keras_mnist.get_file = get_file
