"""The engineers guide in the browser: a tab per backend where outputs differ, labels on one-backend cells."""

from __future__ import annotations

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
        assert blocks.nth(index).inner_text().strip().endswith(backend)
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
