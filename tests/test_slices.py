"""CI slices: one guide on one backend, planned from the pages, verified from their JUnit files."""

from pathlib import Path

from guidesite.slices import main, slices, verify

from .conftest import run_doctests

FENCE = "```"


def _page(backends: str, published: str = "ok") -> str:
    return (f"---\ntitle: \"T\"\n{backends}\n---\n\n# T\n\n{FENCE}{{.python .guide-cell}}\n"
            f"import keras\nprint(\"ok\" if keras.backend.backend() else \"?\")\n{FENCE}\n\n"
            f'{FENCE}{{.text .output title="Output"}}\n{published}\n{FENCE}\n')


def _docs(tmp_path: Path) -> Path:
    for lang in ("en", "ko"):
        folder = tmp_path / "docs" / lang / "guides"
        folder.mkdir(parents=True)
        (folder / "multi.md").write_text(_page('backends: ["jax", "torch"]'), encoding="utf-8")
        (folder / "single.md").write_text(_page('backend: "jax"'), encoding="utf-8")
    return tmp_path / "docs"


def test_one_slice_per_guide_and_backend(tmp_path):
    assert slices(_docs(tmp_path)) == [
        {"guide": "multi", "backend": "jax"}, {"guide": "multi", "backend": "torch"},
        {"guide": "single", "backend": "jax"},
    ]


def _junit(folder: Path, name: str, tests: int, failures: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"junit-{name}.xml").write_text(
        f'<testsuites><testsuite name="pytest" tests="{tests}" failures="{failures}" errors="0">'
        "</testsuite></testsuites>", encoding="utf-8")


def test_verify_fails_unless_every_slice_ran_and_passed(tmp_path, capsys):
    docs = _docs(tmp_path)
    results = tmp_path / "artifacts"
    _junit(results / "doctests-multi--jax", "multi--jax", 2, 0)
    _junit(results / "doctests-multi--torch", "multi--torch", 2, 1)
    problems = verify(slices(docs), results)
    assert problems == [
        "multi--torch: 1 of 2 block(s) failed",
        "single--jax: no result (the job did not run or did not upload junit-single--jax.xml)",
    ]
    assert main(["--docs", str(docs), "--verify", str(results)]) == 2
    _junit(results / "doctests-multi--torch", "multi--torch", 2, 0)
    _junit(results / "doctests-single--jax", "single--jax", 2, 0)
    assert main(["--docs", str(docs), "--verify", str(results)]) == 0
    assert "3 of 3 slice(s) passed" in capsys.readouterr().out


def test_a_slice_runs_one_guide_on_one_backend_in_both_languages(tmp_path):
    docs = _docs(tmp_path)
    result = run_doctests(docs, 600, "--guide", "multi", "--backend", "torch")
    assert result.counts == {"passed": 2, "deselected": 2}  # multi.md in en and ko, on PyTorch only
    broken = _page('backends: ["jax", "torch"]', "no")
    (docs / "ko" / "guides" / "multi.md").write_text(broken, encoding="utf-8")
    result = run_doctests(docs, 600, "--guide", "multi", "--backend", "torch")
    assert result.counts == {"passed": 1, "failed": 1, "deselected": 2}
    assert "multi.md:8 [PyTorch]: printed output no longer matches" in result.stdout
    assert "[JAX]" not in result.stdout


def test_projection_of_the_check_for_more_guides():
    from bench.ci_slices import projection

    measured = {"setup_s": 100.0, "slices": {"a|jax": {"seconds": 60.0}, "a|torch": {"seconds": 40.0},
                                             "b|tensorflow": {"seconds": 50.0}}}
    today, ten, thirty = projection(measured)
    assert today == {"guides": 2, "slices": 3, "one_job_s": 250.0, "per_slice_s": 160.0}
    assert ten == {"guides": 10, "slices": 30, "one_job_s": 100.0 + 30 * 50.0, "per_slice_s": 2 * 160.0}
    assert thirty["slices"] == 90 and thirty["per_slice_s"] == 5 * 160.0
