"""The doctest plugin on small pages, run in a separate pytest process."""

import subprocess

from .conftest import run_doctests

FENCE = "```"


def _page(code: str, published: str) -> str:
    return (
        "# Page\n\n"
        f"{FENCE}{{.python .guide-cell}}\ncounter = 1\n{FENCE}\n\n"
        f"{FENCE}{{.python .guide-cell}}\n{code}\n{FENCE}\n\n"
        f'{FENCE}{{.text .output title="Output"}}\n{published}\n{FENCE}\n'
    )


def _run(tmp_path, text: str) -> subprocess.CompletedProcess:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    return run_doctests(page, timeout=300)


CODE = 'print("loss:", 0.25 * counter)\n[counter, counter + 1]'


def test_blocks_share_a_namespace_and_output_matches(tmp_path):
    result = _run(tmp_path, _page(CODE, "loss: 0.25\n\n[1, 2]"))
    assert result.returncode == 0, result.stdout
    assert result.counts == {"passed": 2}  # both code blocks of the page


def test_pages_run_in_parallel_workers_and_a_failure_names_its_page_and_line(tmp_path):
    pages = {f"page{n}.md": _page(CODE, "loss: 0.25\n\n[1, 2]") for n in range(4)}
    pages["page2.md"] = _page(CODE, "loss: 0.75\n\n[1, 2]")
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_doctests(tmp_path, 300, "-n", "2", "--dist", "loadfile")
    assert result.returncode == 1
    assert "created: 2/2 workers" in result.stdout  # really in two worker processes
    assert result.outcomes["failed"] == ["page2.md::[CodeFence#2][line:7]"]
    assert len(result.outcomes["passed"]) == 2 * len(pages) - 1
    assert f"{tmp_path / 'page2.md'}:7: printed output no longer matches" in result.stdout


def test_changed_output_fails_at_page_line(tmp_path):
    result = _run(tmp_path, _page(CODE, "loss: 0.75\n\n[1, 2]"))
    assert result.returncode == 1
    assert f"{tmp_path / 'page.md'}:7: printed output no longer matches" in result.stdout
    assert "published: loss: 0.75" in result.stdout


def test_broken_block_fails_at_page_line(tmp_path):
    result = _run(tmp_path, _page("print(undefined_name)", ""))
    assert result.returncode == 1
    assert f"{tmp_path / 'page.md'}:8: this block raised" in result.stdout  # the line that raised
    assert "NameError" in result.stdout


def test_an_expected_error_with_a_message_of_several_lines_is_recognised():
    from guidesite.doctests import shows_error

    published = ("Traceback (most recent call last):\n  Cell In[4], line 2\n"
                 "ValueError: Exception encountered when calling Dense.call().\n\nWrong shape\n\n"
                 "Arguments received by Dense.call():\n  • inputs=tf.Tensor(shape=(2, 3), dtype=float32)")
    assert shows_error(published, "ValueError")
    assert not shows_error(published, "TypeError")
