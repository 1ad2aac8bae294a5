"""The MkDocs configuration a preview (`guidesite serve`) builds with, and how its rebuild loop reports a
failure."""

from __future__ import annotations

from mkdocs.theme import Theme

from guidesite import serve
from guidesite.cli import main
from guidesite.errors import CRASH_FILE
from guidesite.preview import preview_config, preview_extensions, preview_plugins, templates_compiled_once
from guidesite.project import Project
from guidesite.serve import rebuild

from .conftest import ROOT


def test_a_preview_leaves_out_search_and_keeps_every_other_plugin_in_order():
    i18n = {"i18n": {"docs_structure": "folder"}}
    written = [{"search": {"lang": ["ko"]}}, i18n, "tags", "material/search"]
    assert preview_plugins(written) == [i18n, {"tags": {}}]


def test_plugins_written_as_a_mapping_come_back_as_a_list():
    assert preview_plugins({"search": {}, "i18n": {"languages": []}}) == [{"i18n": {"languages": []}}]


def test_the_preview_config_is_mkdocs_yml_served_on_the_port_without_search_or_colours(tmp_path):
    config = preview_config(ROOT / "mkdocs.yml", str(tmp_path), 8123)
    assert "search" not in config.plugins and "material/search" not in config.plugins
    assert config.mdx_configs["pymdownx.highlight"] == {"use_pygments": False}
    assert config.mdx_configs["toc"]["permalink"]  # mkdocs.yml's other options stay
    assert "i18n" in config.plugins  # both languages and the language switch
    assert config.hooks  # the hook that splits the index runs as in every build
    assert (config.site_dir, config.strict) == (str(tmp_path), False)
    assert config.site_url == "http://127.0.0.1:8123/"
    assert (config.dev_addr.host, config.dev_addr.port) == ("127.0.0.1", 8123)


def test_templates_are_compiled_once_across_environments_and_again_when_edited(tmp_path):
    custom, cache = tmp_path / "overrides", tmp_path / "cache"
    custom.mkdir(), cache.mkdir()
    (custom / "hello.html").write_text("hello {{ name }}", encoding="utf-8")
    theme = Theme(name="mkdocs", custom_dir=str(custom))
    with templates_compiled_once(cache):
        assert theme.get_env().get_template("hello.html").render(name="a") == "hello a"
        assert len(list(cache.iterdir())) == 1  # the compiled template, for the next environment
        (custom / "hello.html").write_text("bye {{ name }}", encoding="utf-8")
        assert theme.get_env().get_template("hello.html").render(name="a") == "bye a"
    assert theme.get_env().bytecode_cache is None  # MkDocs' own get_env again


def test_a_preview_turns_highlighting_off_and_keeps_every_other_extension_and_option():
    slugify = object()
    written = ["admonition", "pymdownx.highlight", {"toc": {"permalink": True, "slugify": slugify}}]
    assert preview_extensions(written) == [
        {"admonition": {}}, {"pymdownx.highlight": {"use_pygments": False}},
        {"toc": {"permalink": True, "slugify": slugify}},
    ]
    assert preview_extensions({"pymdownx.highlight": {"anchor_linenums": True}}) == [
        {"pymdownx.highlight": {"anchor_linenums": True, "use_pygments": False}}
    ]


def test_a_failed_rebuild_is_reported_as_build_reports_it_and_the_preview_goes_on(tiny_project, capsys):
    """serve's rebuild loop goes through errors.report like every command: the same message for a bad
    source, no page touched, and no exception out of the loop."""
    project = Project(tiny_project)
    assert main(["--root", str(tiny_project), "build"]) == 0
    page = project.page_path("en", "tiny")
    before = page.read_bytes()
    source = tiny_project / "guide_src/en/tiny.py"
    broken = source.read_text(encoding="utf-8").replace("title: Tiny", "title: [Tiny", 1)  # bad YAML
    source.write_text(broken, encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(tiny_project), "build"]) == 2
    from_build = capsys.readouterr().err.split("\n")[0]
    assert from_build.startswith(f"error: {source}:")
    logged = []
    rebuild(project, [source], execute=False, log=logged.append)  # returns: the preview goes on
    assert capsys.readouterr().err.split("\n")[0] == from_build
    assert logged == ["the preview keeps the last good pages; save again to retry"]
    assert page.read_bytes() == before


def test_a_bug_during_a_rebuild_is_reported_with_its_traceback_file_and_the_preview_goes_on(
        tiny_project, capsys, monkeypatch):
    def crash(*_, **__):
        raise RuntimeError("something broke")

    monkeypatch.setattr(serve, "build_files", crash)
    rebuild(Project(tiny_project), [], execute=False, log=lambda _: None)
    err = capsys.readouterr().err
    assert "error: serve stopped by an unexpected error (a bug in guidesite): RuntimeError: something" in err
    saved = tiny_project / ".guidesite-cache" / CRASH_FILE
    assert saved.read_text(encoding="utf-8").startswith("Traceback")
