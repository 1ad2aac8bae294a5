"""A second site is configuration, not code: languages and interface text from [tool.guidesite] and
labels/<lang>.toml (labels.py, project.py)."""

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from guidesite.cli import main
from guidesite.errors import ConfigError
from guidesite.labels import PACKAGED, labels_for
from guidesite.project import Project

from .conftest import ROOT, guide_text

JAPANESE = {"output": "出力", "record": "実行記録", "author": "著者", "translator": "翻訳"}


def _ja_labels(folder: Path) -> Path:
    """labels/ja.toml: every key of the English file, a few in real Japanese, the rest marked [ja]."""
    english = tomllib.loads((PACKAGED / "en.toml").read_text(encoding="utf-8"))
    lines = []
    for table, values in english.items():
        lines.append(f"[{table}]")
        for key, value in values.items():
            if table == "page" and key in JAPANESE:
                value = JAPANESE[key]
            elif isinstance(value, str):
                value = f"[ja] {value}"
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")  # JSON values are TOML values
    lines.append('ja = "日本語"')  # [languages], the last table
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ja.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _japanese_project(root: Path) -> Path:
    shutil.copy(ROOT / "constraints.txt", root / "constraints.txt")
    (root / "pyproject.toml").write_text('[tool.guidesite]\nlanguages = ["ja", "en"]\n', encoding="utf-8")
    for lang, word in (("ja", "こんにちは"), ("en", "Hello")):
        folder = root / "guide_src" / lang
        folder.mkdir(parents=True)
        source = guide_text(("md", f"## {word}"), ("code", f'print("{word}", 6 * 7)'))
        if lang == "ja":
            source = source.replace("#     title: Tiny\n", "#     title: Tiny\n#     translator: 翻訳者\n")
        (folder / "tiny.py").write_text(source, encoding="utf-8")
    return root


@pytest.mark.slow  # executes the guide in both languages
def test_a_japanese_and_english_site_builds_from_configuration_alone(tmp_path, capsys):
    root = _japanese_project(tmp_path)
    _ja_labels(root / "labels")
    assert Project(root).languages == ("ja", "en")
    assert main(["--root", str(root), "build"]) == 0
    page = (root / "docs/ja/guides/tiny.md").read_text(encoding="utf-8")
    assert "こんにちは 42" in page and 'title="出力"' in page and '"実行記録"' in page
    assert "**翻訳:** 翻訳者" in page
    english = (root / "docs/en/guides/tiny.md").read_text(encoding="utf-8")
    assert "Hello 42" in english and 'title="Output"' in english
    status = (root / "docs/ja/translation-status.md").read_text(encoding="utf-8")
    assert status.startswith("# [ja] Translation status")
    assert not (root / "docs/ko").exists()
    download = (root / "docs/ja/downloads/tiny.tensorflow.ipynb").read_text(encoding="utf-8")
    assert "[ja] This notebook runs on the TensorFlow backend" in download


def test_a_language_without_interface_text_is_refused_naming_the_file_to_write(tmp_path, capsys):
    root = _japanese_project(tmp_path)
    assert main(["--root", str(root), "build"]) == 2
    err = capsys.readouterr().err
    assert f"{root / 'labels' / 'ja.toml'}:1: no interface text for the site language 'ja'" in err
    assert "copy" in err and "en.toml" in err
    assert not (root / "docs").exists()


def test_a_labels_file_missing_keys_is_refused(tmp_path):
    path = _ja_labels(tmp_path / "labels")
    path.write_text(path.read_text(encoding="utf-8").replace('output = "出力"\n', ""), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        labels_for("ja", tmp_path / "labels")
    assert str(err.value).startswith(f"{path}:1: [page] lacks output:")


def test_a_project_can_change_the_wording_of_a_known_language(tmp_path):
    folder = tmp_path / "labels"
    folder.mkdir()
    (folder / "ko.toml").write_text('[page]\noutput = "결과"\n', encoding="utf-8")
    labels = labels_for("ko", folder)
    assert labels.page["output"] == "결과" and labels.page["error"] == "오류"  # the rest stays packaged


@pytest.mark.parametrize("value", ['["ja"]', '"ja"', '["ja", "en", "ja"]', '["../x", "en"]'])
def test_bad_languages_are_refused_at_their_line(tmp_path, value):
    (tmp_path / "pyproject.toml").write_text(f'[tool.guidesite]\nbranch = "main"\nlanguages = {value}\n',
                                             encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        Project(tmp_path)
    assert str(err.value).startswith(f"{tmp_path / 'pyproject.toml'}:3: [tool.guidesite] languages is ")
