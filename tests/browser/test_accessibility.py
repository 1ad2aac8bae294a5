"""axe-core (bundled by axe-playwright-python) on the served site, light and dark.

Violations caused by our CSS and templates fail the test; the theme's own are listed (printed,
and in the contributing docs) but do not fail it: Material's search dialog, its code-block
navigation landmark, its syntax-highlighting palette in dark mode and its footer colours.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import GUIDE, new_visit

PAGES = ("", GUIDE, "guides/intro_to_keras_for_engineers/", "en/guides/functional_api/")
# What our stylesheet (docs/assets/stylesheets/guides.css), the renderer and overrides/ put on a page.
OURS = (".output", ".stderr", ".error", ".filename", ".backend-only", ".guide-links", ".record",
        ".not-found", ".search-readings", ".guide-output")
# Rules whose every finding is ours wherever it is: how links in our pages' text are told apart.
OUR_RULES = ("link-in-text-block",)


def _classes(node: dict) -> set[str]:
    """The class names in a node's selector path and on the element itself."""
    selector = " ".join(str(part) for part in node["target"])
    names = set(re.findall(r"\.([\w-]+)", selector))
    element = re.match(r"<[^>]*\bclass=\"([^\"]*)\"", node.get("html", ""))
    return names | set(element.group(1).split() if element else ())


def caused_by_us(violation: dict) -> list[str]:
    """The nodes of one axe violation that our CSS or markup causes (pure)."""
    ours = {name[1:] for name in OURS}
    return [
        (" ".join(str(part) for part in node["target"]) + " " + node.get("html", ""))[:160]
        for node in violation["nodes"]
        if violation["id"] in OUR_RULES or _classes(node) & ours
    ]


def test_caused_by_us_tells_our_nodes_from_the_themes():
    ours = {"id": "color-contrast", "nodes": [
        {"target": [".guide-output > .output.highlight > .filename"], "html": "<span class=\"filename\">"},
        {"target": ["#__code_0 > code > .nb"], "html": "<span class=\"nb\">print</span>"},
        {"target": [".c1:nth-child(5)"], "html": "<span class=\"c1\"># output_dim .output</span>"},
    ]}
    assert caused_by_us(ours) == [ours["nodes"][0]["target"][0] + " " + ours["nodes"][0]["html"]]
    assert caused_by_us({"id": "link-in-text-block", "nodes": [{"target": ["p > a"], "html": "<a>"}]})


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violation_comes_from_our_css_or_templates(browser, server, scheme):
    visit = new_visit(browser, server, color_scheme=scheme)
    axe = Axe()
    ours, theirs = [], set()
    try:
        for path in PAGES:
            visit.open(path)
            for violation in axe.run(visit.page).response["violations"]:
                mine = caused_by_us(violation)
                ours += [f"{path or '/'} {violation['id']}: {node}" for node in mine]
                if len(mine) < len(violation["nodes"]):
                    theirs.add(violation["id"])
    finally:
        visit.page.context.close()
    print(f"theme's own ({scheme}):", sorted(theirs))
    assert ours == []
