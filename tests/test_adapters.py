"""Each use of a third-party internal (guidesite/adapters/) checked against the pinned library: an
upgrade that moves or changes what an adapter relies on fails here, naming the adapter."""

import inspect
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from guidesite.adapters.mkdocs import templates_compiled_once


def test_nbclient_still_handles_a_timeout_in_the_method_the_adapter_overrides():
    import nbclient

    from guidesite.adapters.nbclient import interrupting_client

    method = nbclient.NotebookClient._async_handle_timeout
    assert inspect.iscoroutinefunction(method)
    assert list(inspect.signature(method).parameters) == ["self", "timeout", "cell"]
    # ... and calls it where a cell's reply times out, with the cell.
    assert "self._async_handle_timeout(timeout, cell)" in inspect.getsource(nbclient.NotebookClient)
    client = interrupting_client()
    assert issubclass(client, nbclient.NotebookClient) and client._async_handle_timeout is not method


def test_pytest_markdown_docs_runs_every_fence_with_the_default_runner_registered():
    from pytest_markdown_docs import _runners, plugin

    from guidesite.adapters.markdown_docs import Runner, default_runner

    @default_runner
    class Probe(Runner):
        def runtest(self, test, args): ...

        def repr_failure(self, test, excinfo, style=None): ...

    try:
        assert isinstance(_runners.get_runner(None), Probe)
        assert "get_runner(self.runner_name)" in inspect.getsource(plugin)  # how a fence finds it
        abstract = {name for name, value in vars(Runner).items() if getattr(value, "__isabstractmethod__", 0)}
        assert abstract == {"runtest", "repr_failure"}
    finally:
        from guidesite.doctests import GuidePageRunner

        default_runner(GuidePageRunner)  # as the plugin left it


def test_mkdocs_renders_with_the_environment_theme_get_env_returns(tmp_path):
    import mkdocs.commands.build
    from mkdocs.theme import Theme

    assert "config.theme.get_env()" in inspect.getsource(mkdocs.commands.build)
    with templates_compiled_once(tmp_path):
        env = Theme(name="mkdocs").get_env()
        assert env.get_template("base.html") is not None
        assert env.bytecode_cache is not None and any(tmp_path.iterdir())  # compiled into the cache
    assert Theme(name="mkdocs").get_env().bytecode_cache is None  # and only inside the block


@pytest.mark.slow  # imports Keras in a process of its own
def test_keras_mnist_loads_the_file_the_adapter_hands_it(tmp_path):
    local = tmp_path / "mine.npz"
    shapes = {"x_train": (3, 28, 28), "y_train": (3,), "x_test": (2, 28, 28), "y_test": (2,)}
    np.savez(local, **{name: np.full(shape, 7, dtype="uint8") for name, shape in shapes.items()})
    code = (
        "import json, sys\nfrom pathlib import Path\n"
        "from guidesite.adapters.keras import serve_mnist_from\n"
        "serve_mnist_from(Path(sys.argv[1]))\nimport keras\n"
        "(a, b), (c, d) = keras.datasets.mnist.load_data()\n"
        "print(json.dumps([list(x.shape) for x in (a, b, c, d)] + [int(a.max())]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(local)], capture_output=True, text=True,
                          env={**os.environ, "KERAS_BACKEND": "numpy"}, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [[3, 28, 28], [3], [2, 28, 28], [2], 7]
