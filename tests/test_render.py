from pathlib import Path

from guidesite.labels import labels_for
from guidesite.model import Executed, Output, Record
from guidesite.pageformat import FOLD_LINES
from guidesite.project import NOT_HOSTED, Hosting
from guidesite.render import render, render_output
from guidesite.sources import reads

from .conftest import guide_text

RECORD = Record("k", "2026-11-25 10:00 UTC", "CPU: Test (2 cores)",
                {"python": "3.11.7", "tensorflow": "2.21.0", "keras": "3.15.1", "numpy": "2.4.6"},
                1337, (1.25, 2.0), backend="tensorflow")


HOSTED = Hosting("octo/keras-guides", "main")


def _page(lang: str, outputs, hosting: Hosting = HOSTED) -> str:
    guide = reads(guide_text(("md", "## Part"), ("code", "x = 1"), ("code", "x")), Path("g.py"), lang)
    return render(Executed(guide, outputs, RECORD), "guide_src/x/g.py", hosting=hosting)


def test_page_has_title_record_download_and_code():
    page = _page("en", ((Output("stdout", "hi"),), ()))
    assert "# Tiny" in page
    assert "CPU: Test (2 cores)" in page and "TensorFlow 2.21.0" in page and "3.2 s" in page
    assert "(../downloads/g.tensorflow.ipynb)" in page
    assert "```{.python .guide-cell}\nx = 1\n```" in page
    assert '```{.text .output title="Output"}\nhi\n```' in page


def test_korean_labels():
    page = _page("ko", ((Output("stdout", "hi"),), ()))
    assert 'title="출력"' in page and '??? info record "실행 기록"' in page
    assert "[Colab에서 열기](" in page and "[소스 보기 (GitHub)](" in page
    assert "[이 페이지 고치기 (GitHub)](" in page


def test_header_links_to_colab_notebook_source_and_edit():
    page = _page("en", ((Output("stdout", "hi"),), ()))
    repo = "octo/keras-guides/blob/main"
    assert f"(https://colab.research.google.com/github/{repo}/docs/en/downloads/g.tensorflow.ipynb)" in page
    assert '(../downloads/g.tensorflow.ipynb){ .md-button download="g.tensorflow.ipynb" }' in page
    assert f"(https://github.com/{repo}/guide_src/x/g.py)" in page
    assert "(https://github.com/octo/keras-guides/edit/main/guide_src/x/g.py)" in page
    assert page.index("{: .guide-links }") < page.index('??? info record "Execution record"')


def test_no_repository_no_colab_source_or_edit_button():
    page = _page("en", ((Output("stdout", "hi"),), ()), hosting=NOT_HOSTED)
    assert "colab.research.google.com" not in page and "github.com" not in page
    assert '(../downloads/g.tensorflow.ipynb){ .md-button download="g.tensorflow.ipynb" }' in page


def test_object_repr_stays_literal_text_in_a_fence():
    block = render_output(Output("result", "<History at 0x…>"), labels_for("en").page)
    assert block.splitlines()[1] == "<History at 0x…>"


def test_printed_text_and_result_share_one_block():
    page = _page("en", ((Output("stdout", "a"), Output("result", "[1, 2]")), ()))
    assert "a\n\n[1, 2]\n```" in page


def test_long_output_is_folded_not_cut():
    text = "\n".join(f"line {i}" for i in range(FOLD_LINES + 5))
    block = render_output(Output("stdout", text), labels_for("en").page)
    assert block.startswith(f'??? output "Output ({FOLD_LINES + 5} lines)"')
    assert f"    line {FOLD_LINES + 4}" in block
