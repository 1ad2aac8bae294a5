"""The link check reads code as Markdown does: code spans of any length, fences of 3+ backticks or tildes."""

from __future__ import annotations

from guidesite.links import relative_links

CODE4 = "````"


def _targets(markdown: str) -> list[tuple[int, str]]:
    return [(link.line, link.target) for link in relative_links(markdown)]


def test_a_line_starting_with_a_long_code_span_is_not_a_fence():
    text = "\n".join([
        f"{CODE4} ```python {CODE4} is how a fence is written.",
        "",
        "[broken](nowhere.md)",
    ])
    assert _targets(text) == [(2, "nowhere.md")]


def test_code_spans_of_any_length_hide_only_their_own_text():
    text = "\n".join([
        "``a ` [in span](no1.md) b`` then [after](yes1.md)",
        "`one` [between](yes2.md) `two`",
        "``` not a fence: `x` ``` [after](yes3.md)",
        "an unmatched `` run [stays text](yes4.md)",
        "`[in span](no2.md)`",
    ])
    assert _targets(text) == [(0, "yes1.md"), (1, "yes2.md"), (2, "yes3.md"), (3, "yes4.md")]


def test_fences_of_backticks_or_tildes_end_only_at_their_own_kind_and_length():
    text = "\n".join([
        "````markdown",
        "```",
        "[inside](no1.md)",
        "```",
        "````",
        "[after](yes1.md)",
        "~~~",
        "[inside](no2.md)",
        "```",
        "~~~~",
        "    ```python",
        "    [indented fence](no3.md)",
        "    ```",
        "[last](yes2.md)",
    ])
    assert _targets(text) == [(5, "yes1.md"), (13, "yes2.md")]


def test_the_build_reports_a_broken_link_after_a_long_code_span(tiny_project, capsys):
    from guidesite.cli import main

    page = tiny_project / "docs/en/contributing.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"# Contributing\n\n{CODE4} ```python {CODE4} blocks are shown.\n\n[gone](gone.md)\n",
                    encoding="utf-8")
    assert main(["--root", str(tiny_project), "build"]) == 2
    err = capsys.readouterr().err
    assert "docs/en/contributing.md:5: the link 'gone.md' points at no file" in err
    assert sorted(p.name for p in (tiny_project / "docs").rglob("*") if p.is_file()) == ["contributing.md"]


def test_a_site_absolute_link_is_reported_at_its_line_with_the_relative_form_to_write(tiny_project, capsys):
    from guidesite.cli import main

    page = tiny_project / "docs/en/contributing.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Contributing\n\nSee [the guide](/guides/tiny/) and [Keras](https://keras.io/).\n",
                    encoding="utf-8")
    assert main(["--root", str(tiny_project), "build"]) == 2
    err = capsys.readouterr().err
    assert "docs/en/contributing.md:3: the link '/guides/tiny/' is site-absolute" in err
    assert "write it relative to this page" in err and "keras.io" not in err
    assert sorted(p.name for p in (tiny_project / "docs").rglob("*") if p.is_file()) == ["contributing.md"]
