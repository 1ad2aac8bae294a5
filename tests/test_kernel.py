"""One kernel specification for execution and doctests: env, timeout, processes the kernel started."""

import time
from pathlib import Path

import psutil

from guidesite.build import build_files
from guidesite.doctests import page_kernel_spec
from guidesite.kernel import COMPUTE_ENV, DEFAULT_TIMEOUT, KERNEL_TOKEN, KernelSpec, kernel_env
from guidesite.project import Project
from guidesite.publish import write_files

from .conftest import guide_text, run_doctests

FENCE = "```"


def test_header_fields_become_the_front_matter_the_doctests_read():
    spec = KernelSpec.from_meta({"env": ["API_URL"], "timeout": 30}, "jax")
    assert spec == KernelSpec("jax", ("API_URL",), 30)
    front = spec.front_matter()
    assert front == {"env": ["API_URL"], "timeout": 30}
    lines = ["---", 'backends: ["jax", "torch"]', 'env: ["API_URL"]', "timeout: 30", "---", "# Page"]
    assert page_kernel_spec(lines, "torch") == KernelSpec("torch", ("API_URL",), 30)
    assert KernelSpec.from_meta({}, "jax").front_matter() == {}  # defaults add nothing to a page
    assert KernelSpec.from_meta({}, "jax").timeout == DEFAULT_TIMEOUT


def test_the_kernel_inherits_the_machines_compute_settings_but_no_other_variable():
    environ = {"OMP_NUM_THREADS": "1", "XLA_FLAGS": "--xla_cpu_max_isa=AVX2", "CI_TOKEN": "secret",
               "PATH": "/bin"}
    env = kernel_env("jax", (), environ)
    assert env["OMP_NUM_THREADS"] == "1" and env["XLA_FLAGS"] == "--xla_cpu_max_isa=AVX2"
    assert "CI_TOKEN" not in env
    assert "ONEDNN_MAX_CPU_ISA" in COMPUTE_ENV and "TF_ENABLE_ONEDNN_OPTS" in COMPUTE_ENV


def _page(front: str, code: str, published: str) -> str:
    return (f"---\n{front}---\n\n# Page\n\n{FENCE}{{.python .guide-cell}}\n{code}\n{FENCE}\n\n"
            f'{FENCE}{{.text .output title="Output"}}\n{published}\n{FENCE}\n')


def test_a_header_env_value_reaches_the_doctest_kernel(tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDESITE_TEST_ENDPOINT", "reachable-value")
    code = 'import os\nprint(os.environ.get("GUIDESITE_TEST_ENDPOINT"))'
    page = tmp_path / "page.md"
    page.write_text(_page('env: ["GUIDESITE_TEST_ENDPOINT"]\n', code, "reachable-value"), encoding="utf-8")
    assert run_doctests(page, 300).counts == {"passed": 1}
    page.write_text(_page("", code, "reachable-value"), encoding="utf-8")  # not asked for: not seen
    result = run_doctests(page, 300)
    assert result.counts == {"failed": 1} and "now:       None" in result.stdout


def test_a_header_timeout_reaches_the_doctest_kernel(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(_page("timeout: 2\n", "import time\ntime.sleep(30)", ""), encoding="utf-8")
    started = time.monotonic()
    result = run_doctests(page, 300)
    assert result.counts == {"failed": 1} and "Timeout" in result.stdout
    assert time.monotonic() - started < 25


def _escaping_process_code(pid_file: Path) -> str:
    return (
        "import subprocess\n"
        f"child = subprocess.Popen(['sleep', '600'], start_new_session=True)\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "print('started')"
    )


def _assert_ended(pid_file: Path) -> None:
    pid = int(pid_file.read_text())
    try:
        process = psutil.Process(pid)
        assert process.status() == psutil.STATUS_ZOMBIE or KERNEL_TOKEN not in process.environ()
    except psutil.NoSuchProcess:
        pass  # ended, as it should be


def test_a_process_started_in_a_new_session_does_not_outlive_the_build(tiny_project, tmp_path):
    pid_file = tmp_path / "build-child.pid"
    for lang in ("en", "ko"):
        (tiny_project / "guide_src" / lang / "tiny.py").write_text(
            guide_text(("code", _escaping_process_code(pid_file))), encoding="utf-8")
    project = Project(tiny_project)
    write_files(project, build_files(project, only=("tiny",)))
    _assert_ended(pid_file)


def test_a_process_started_in_a_new_session_does_not_outlive_the_doctests(tmp_path):
    pid_file = tmp_path / "doctest-child.pid"
    page = tmp_path / "page.md"
    page.write_text(_page("", _escaping_process_code(pid_file), "started"), encoding="utf-8")
    assert run_doctests(page, 300).counts == {"passed": 1}
    _assert_ended(pid_file)
