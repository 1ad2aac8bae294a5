"""The engineers guide in the browser: a tab per backend where outputs differ, labels on one-backend cells."""

from __future__ import annotations

import json

import pytest

PAGE = "guides/intro_to_keras_for_engineers/"
BACKENDS = [("JAX", "jax"), ("TensorFlow", "tensorflow"), ("PyTorch", "torch")]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_tab_shows_its_backends_output(visit, prefix):
    assert visit.open(prefix + PAGE).status == 200
    tabs = visit.page.locator(".tabbed-set").first  # under the first code cell: it prints the backend
    assert tabs.locator(".tabbed-labels label").all_inner_texts() == [label for label, _ in BACKENDS]
    blocks = tabs.locator(".tabbed-content > .tabbed-block")
    for index, (label, backend) in enumerate(BACKENDS):
        tabs.locator(".tabbed-labels label", has_text=label).click()
        assert blocks.nth(index).is_visible()
        assert blocks.nth(index).locator(".output").inner_text().strip().endswith(backend)
        others = [i for i in range(len(BACKENDS)) if i != index]
        assert not any(blocks.nth(i).is_visible() for i in others)
    assert visit.console_errors == []


@pytest.mark.parametrize(("prefix", "label"), [("", "JAX 전용"), ("en/", "JAX only")])
def test_one_backend_cell_is_labelled_above_its_code(visit, prefix, label):
    visit.open(prefix + PAGE)
    badge = visit.page.locator("p.backend-only", has_text=label)
    assert badge.count() == 1
    badge.scroll_into_view_if_needed()
    assert badge.is_visible()
    code = badge.locator("xpath=following-sibling::div[1]")
    assert "jax.value_and_grad" in code.inner_text()


_CHOSEN = """() => [...document.querySelectorAll('.tabbed-set')].map(set => {
  const input = set.querySelector(':scope > input:checked');
  return set.querySelector(`label[for="${input.id}"]`).innerText.trim();
})"""


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_choosing_a_backend_switches_every_tab_set_and_is_remembered(visit, prefix):
    visit.open(prefix + PAGE)
    assert len(set(visit.page.evaluate(_CHOSEN))) == 1  # every set starts on its first tab
    visit.page.locator(".tabbed-set").first.locator(".tabbed-labels label", has_text="PyTorch").click()
    chosen = visit.page.evaluate(_CHOSEN)
    assert len(chosen) > 5 and set(chosen) == {"PyTorch"}
    visit.open(prefix + "guides/sequential_model/")  # another page with backend tabs
    chosen = visit.page.evaluate(_CHOSEN)
    assert chosen and set(chosen) == {"PyTorch"}


@pytest.mark.parametrize(("prefix", "word"), [("", "노트북 내려받기"), ("en/", "notebook")])
def test_the_first_tab_set_links_each_backends_runnable_notebook(visit, prefix, word):
    visit.open(prefix + PAGE)
    assert visit.page.locator(".tabbed-set .guide-tab-download").count() == len(BACKENDS)
    tabs = visit.page.locator(".tabbed-set").first
    for label, backend in BACKENDS:
        tabs.locator(".tabbed-labels label", has_text=label).click()
        link = tabs.locator(".guide-tab-download:visible")
        assert link.count() == 1 and label in link.inner_text() and word in link.inner_text()
        assert link.get_attribute("download") == f"intro_to_keras_for_engineers.{backend}.ipynb"
        response = visit.page.request.get(link.evaluate("a => a.href"))
        assert response.status == 200
        first_code = next(c for c in json.loads(response.body())["cells"] if c["cell_type"] == "code")
        assert f'os.environ["KERAS_BACKEND"] = "{backend}"' in "".join(first_code["source"])
