"""The MkDocs configuration a preview (`guidesite serve`) builds with."""

from __future__ import annotations

from guidesite.preview import preview_config, preview_plugins

from .conftest import ROOT


def test_a_preview_leaves_out_search_and_keeps_every_other_plugin_in_order():
    i18n = {"i18n": {"docs_structure": "folder"}}
    assert preview_plugins([{"search": {"lang": ["ko"]}}, i18n, "tags", "material/search"]) == [i18n, "tags"]


def test_plugins_written_as_a_mapping_come_back_as_a_list():
    assert preview_plugins({"search": {}, "i18n": {"languages": []}}) == [{"i18n": {"languages": []}}]


def test_the_preview_config_is_mkdocs_yml_served_on_the_port_without_search(tmp_path):
    config = preview_config(ROOT / "mkdocs.yml", str(tmp_path), 8123)
    assert "search" not in config.plugins and "material/search" not in config.plugins
    assert "i18n" in config.plugins  # both languages and the language switch
    assert config.hooks  # the hook that splits the index runs as in every build
    assert (config.site_dir, config.strict) == (str(tmp_path), False)
    assert config.site_url == "http://127.0.0.1:8123/"
    assert (config.dev_addr.host, config.dev_addr.port) == ("127.0.0.1", 8123)
