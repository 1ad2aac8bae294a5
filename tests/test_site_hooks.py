from guidesite.site_hooks import READINGS_FIELD, page_extras, split_index, with_extras, with_page_extras

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


# --- what the built pages add: readings as a field, tab labels out of the text ---------------------

PAGE = """<header><a href="/">site</a></header><article>
<h1 id="가이드">가이드</h1><p>머리말</p>
<div class="search-readings" hidden data-search-exclude>시퀀셜: Sequential</div>
<h2 id="층">층</h2><p>본문</p>
<div class="tabbed-set"><div class="tabbed-labels">
<label for="t1">JAX</label><label for="t2">Py&amp;Torch</label>
</div></div>
<div class="search-readings" hidden data-search-exclude>드롭아웃: Dropout, 밀집 층/완전 연결 층: Dense</div>
<h2 id="끝">끝</h2><p>맺음말</p>
</article>"""


def test_a_page_gives_its_readings_per_section_and_its_tab_label_runs():
    readings, runs = page_extras(PAGE)
    # The text before the first h2 is the page's own entry (no fragment), as Material indexes it.
    assert readings == {"": "시퀀셜: Sequential", "층": "드롭아웃: Dropout, 밀집 층/완전 연결 층: Dense"}
    assert runs == ["JAXPy&amp;Torch"]  # escaped as Material's indexer writes text


def test_a_page_without_a_leading_h1_indexes_its_first_heading_by_its_id():
    readings, _ = page_extras('<h2 id="a">A</h2><div class="search-readings" hidden>x: y</div>')
    assert readings == {"a": "x: y"}


def test_an_entry_gets_its_readings_as_a_field_and_loses_the_tab_labels():
    readings, runs = page_extras(PAGE)
    doc = with_extras({"location": "guides/g/#층", "title": "층", "text": "본문 JAXPy&amp;Torch  Epoch 1"},
                      readings, runs)
    assert doc == {"location": "guides/g/#층", "title": "층", "text": "본문 Epoch 1",
                   READINGS_FIELD: "드롭아웃: Dropout, 밀집 층/완전 연결 층: Dense"}
    end = with_extras({"location": "guides/g/#끝", "title": "끝", "text": "맺음말"}, readings, runs)
    assert READINGS_FIELD not in end and end["text"] == "맺음말"
    assert with_extras({"location": "guides/g/", "title": "가이드", "text": "머리말"}, readings, runs)[
        READINGS_FIELD] == "시퀀셜: Sequential"


def test_the_built_index_declares_the_readings_field_and_reads_each_page_once(tmp_path):
    page = tmp_path / "guides" / "g" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE, encoding="utf-8")
    index = {"config": {"fields": {"title": {"boost": 1000}}},
             "docs": [{"location": "guides/g/#층", "title": "층", "text": "본문 JAXPy&amp;Torch"},
                      {"location": "missing/", "title": "x", "text": "y"}]}
    out = with_page_extras(index, tmp_path)
    assert out["config"]["fields"] == {"title": {"boost": 1000}, READINGS_FIELD: {"boost": 1}}
    assert out["docs"][0]["text"] == "본문" and out["docs"][0][READINGS_FIELD].startswith("드롭아웃")
    assert out["docs"][1] == index["docs"][1]
