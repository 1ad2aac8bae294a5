"""The MkDocs configuration a preview (`guidesite serve`) builds with."""

from __future__ import annotations

from mkdocs.theme import Theme

from guidesite.preview import preview_config, preview_extensions, preview_plugins, templates_compiled_once

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
