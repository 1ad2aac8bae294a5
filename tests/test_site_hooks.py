from guidesite.site_hooks import split_index

INDEX = {
    "config": {"lang": ["ko", "en"], "separator": "[\\s]+"},
    "docs": [
        {"location": "", "title": "홈", "text": "안녕"},
        {"location": "guides/g/#설정", "title": "설정", "text": "..."},
        {"location": "en/", "title": "Home", "text": "Hello"},
        {"location": "en/guides/g/#setup", "title": "Setup", "text": "..."},
        {"location": "english-notes/", "title": "Not a locale folder", "text": "..."},
    ],
}


def test_each_language_gets_its_entries_relative_to_its_root():
    parts = split_index(INDEX, ["en"])
    assert [d["location"] for d in parts[""]["docs"]] == ["", "guides/g/#설정", "english-notes/"]
    assert [d["location"] for d in parts["en"]["docs"]] == ["", "guides/g/#setup"]
    assert parts["en"]["config"] == INDEX["config"]


def test_splitting_again_changes_nothing():
    default = split_index(INDEX, ["en"])[""]
    assert split_index(default, ["en"])[""] == default
