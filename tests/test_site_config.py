"""A second site is configuration, not code: languages and interface text from [tool.guidesite] and
labels/<lang>.toml (labels.py, project.py), its runtime profile from [tool.guidesite.runtime]
(runtime.py)."""

import json
import pickle
import shutil
import tomllib
from pathlib import Path

import pytest

from guidesite import kernel
from guidesite.cli import main
from guidesite.errors import ConfigError, EnvironmentMismatch, SourceError, report
from guidesite.labels import PACKAGED, labels_for
from guidesite.project import Project
from guidesite.records import cache_key, read_pins
from guidesite.runtime import DEFAULT_RUNTIME, Runtime
from guidesite.sources import reads

from .conftest import ROOT, guide_text, run_doctests

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


# -- the runtime profile: [tool.guidesite.runtime] (runtime.py) ------------------------------------------

def _english_site(root: Path, runtime: str, *cells, header: str = "") -> Path:
    root.mkdir(exist_ok=True)
    shutil.copy(ROOT / "constraints.txt", root / "constraints.txt")
    config = f'[tool.guidesite]\nlanguages = ["en"]\n\n{runtime}'
    (root / "pyproject.toml").write_text(config, encoding="utf-8")
    (root / "guide_src/en").mkdir(parents=True)
    (root / "guide_src/en/tiny.py").write_text(guide_text(*cells, header=header), encoding="utf-8")
    return root


def test_without_a_runtime_table_the_profile_is_this_sites_own(tmp_path):
    assert Project(_japanese_project(tmp_path)).runtime == DEFAULT_RUNTIME
    assert DEFAULT_RUNTIME.backends == ("tensorflow", "jax", "torch")
    assert DEFAULT_RUNTIME.setup_cell() == kernel.SETUP  # the kernels of both execution and doctests


@pytest.mark.parametrize(("table", "line", "message"), [
    ('backends = ["theano"]', 5, "write a list of Keras backends"),
    ('backends = []', 5, "write a list of Keras backends"),
    ('setup = "import os; os.system(1)"', 5, "write 'module:function'"),
    ('datasets = ["imagenet"]', 5, "mirrors this engine has: ['mnist']"),
    ('seed = 3', 5, "not a runtime setting"),
])
def test_a_wrong_runtime_setting_is_refused_at_its_line(tmp_path, table, line, message):
    root = _english_site(tmp_path, f"[tool.guidesite.runtime]\n{table}\n", ("code", "print(1)"))
    with pytest.raises(ConfigError) as raised:
        Project(root)  # the profile is read, and validated, with the project
    assert raised.value.line == line and message in str(raised.value)
    assert str(root / "pyproject.toml") in str(raised.value)


def test_only_a_profile_other_than_this_sites_own_changes_the_cache_keys():
    guide = reads(guide_text(("code", "print(1)")), Path("tiny.py"), "en")
    pins = read_pins(ROOT / "constraints.txt")
    own = cache_key(guide, pins)
    assert cache_key(guide, pins, runtime=Runtime(backends=("jax",))) == own  # backends change no output
    assert cache_key(guide, pins, runtime=Runtime(datasets=())) != own
    assert cache_key(guide, pins, runtime=Runtime(setup="site_setup:prepare")) != own


def test_a_guide_on_a_backend_the_profile_leaves_out_stops_the_build_at_its_header_line(tmp_path, capsys):
    root = _english_site(tmp_path, '[tool.guidesite.runtime]\nbackends = ["jax"]\n', ("code", "print(1)"),
                         header="backends: [jax, torch]")
    assert main(["--root", str(root), "build"]) == 2
    error = capsys.readouterr().err
    source = root / "guide_src/en/tiny.py"
    line = next(n for n, text in enumerate(source.read_text().split("\n"), 1) if "backends:" in text)
    assert f"{source}:{line}" in error and "run on jax" in error and "'torch'" in error
    assert not (root / "docs").exists()


@pytest.mark.slow  # executes a guide and doctests its page
def test_a_site_runs_its_own_hidden_setup_in_execution_and_doctests(tmp_path, monkeypatch):
    setup = tmp_path / "setup_folder"
    setup.mkdir()
    (setup / "site_setup.py").write_text(
        "def prepare(seed, datasets):\n"
        "    import builtins\n"
        "    builtins.SITE_SETUP = f'seed {seed}, mirrors {datasets}'\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(setup))
    profile = '[tool.guidesite.runtime]\nbackends = ["jax"]\nsetup = "site_setup:prepare"\ndatasets = []\n'
    root = _english_site(tmp_path / "site", profile, ("code", "import builtins\nprint(builtins.SITE_SETUP)"),
                         header="backend: jax\nenv: [PYTHONPATH]")
    assert main(["--root", str(root), "build"]) == 0
    page = root / "docs/en/guides/tiny.md"
    assert "seed 1337, mirrors []" in page.read_text(encoding="utf-8")
    assert run_doctests(root / "docs").counts == {"passed": 1}
    # The same page checked under this site's own profile would not find SITE_SETUP: the doctests read
    # the profile of the page's project.
    (root / "pyproject.toml").write_text('[tool.guidesite]\nlanguages = ["en"]\n', encoding="utf-8")
    assert run_doctests(root / "docs").counts == {"failed": 1}


# -- the folders: [tool.guidesite] sources and docs (project.py) ------------------------------------------

@pytest.mark.parametrize(("setting", "message"), [
    ('sources = "../elsewhere"', "write a folder inside the project"),
    ('docs = "/srv/www"', "write a folder inside the project"),
    ('sources = "pages"\ndocs = "pages"', "must be two separate folders"),
    ('sources = "site/src"\ndocs = "site"', "must be two separate folders"),
])
def test_a_folder_outside_the_project_or_shared_with_the_other_is_refused(tmp_path, setting, message):
    (tmp_path / "pyproject.toml").write_text(f"[tool.guidesite]\n{setting}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        Project(tmp_path)
    assert message in str(raised.value) and str(tmp_path / "pyproject.toml") in str(raised.value)
    assert raised.value.line == 2


def test_the_docs_folder_must_be_the_one_mkdocs_publishes(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.guidesite]\ndocs = "site_docs"\n', encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: docs\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        Project(tmp_path)
    assert f"{tmp_path / 'mkdocs.yml'}:2:" in str(raised.value) and "'site_docs'" in str(raised.value)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: site_docs\n", encoding="utf-8")
    assert Project(tmp_path).docs_dir == tmp_path / "site_docs"


@pytest.mark.slow  # executes the guide in both languages
def test_a_site_with_folders_of_its_own_builds_checks_and_links_there(tiny_project, capsys):
    root = tiny_project
    (root / "src").mkdir()
    (root / "guide_src").rename(root / "src" / "guides")
    (root / "pyproject.toml").write_text(
        '[tool.guidesite]\nsources = "src/guides"\ndocs = "site_docs"\nrepository = "someone/site"\n',
        encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 0
    page = (root / "site_docs/ko/guides/tiny.md").read_text(encoding="utf-8")
    assert "안녕 42" in page
    assert "/blob/main/site_docs/ko/downloads/tiny.tensorflow.ipynb" in page  # the Colab link
    assert not (root / "docs").exists() and not (root / "guide_src").exists()
    capsys.readouterr()
    assert main(["--root", str(root), "check"]) == 0
    assert main(["--root", str(root), "status"]) in (0, 1)  # the translation tools read the same folders
    assert "src/guides/ko/tiny.py" in capsys.readouterr().out


# -- the commands that fix a failure: [tool.guidesite.commands] (project.py, errors.report) ---------------

@pytest.mark.parametrize(("table", "step", "shown"), [
    ("", "build", "to fix it, run: python -m guidesite build"),  # the engine's own command
    ('[tool.guidesite.commands]\nbuild = "make pages"\n', "build", "to fix it, run: make pages"),
    ('[tool.guidesite.commands]\nlock = "make lock"\n', "lock", "to fix it, run: make lock"),
    ("", "lock", None),  # regenerating constraints.txt has no engine command
])
def test_a_failure_names_the_projects_own_command_that_fixes_it(tmp_path, capsys, table, step, shown):
    (tmp_path / "pyproject.toml").write_text(f"[tool.guidesite]\n{table}", encoding="utf-8")
    error = EnvironmentMismatch("the installed runtime differs from constraints.txt").fixed_with(step)
    assert report(error, "build", tmp_path) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "error: the installed runtime differs from constraints.txt"
    assert ([line for line in lines if line.startswith("to fix it")] or [None])[0] == shown


def test_a_command_table_that_is_not_one_line_per_step_is_refused_at_its_line(tmp_path):
    table = '[tool.guidesite.commands]\nbuild = "nox -s build"\npublish = "x"\n'
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        Project(tmp_path).commands  # noqa: B018 - reading it validates it
    assert raised.value.line == 3 and "publish" in str(raised.value)


def test_the_step_that_fixes_an_error_survives_the_trip_back_from_a_build_worker():
    error = pickle.loads(pickle.dumps(SourceError("g.py", 3, "not pinned").fixed_with("lock")))
    assert (error.path, error.line, error.fixed_by) == ("g.py", 3, "lock")


# -- the language guides are written in: [tool.guidesite] source (project.py) -----------------------------

@pytest.mark.parametrize(("config", "lang", "link"), [
    ('languages = ["ko", "en"]', "ko", "../../en/guides/g/"),  # this site: Korean at the root
    ('languages = ["en", "ko"]', "ko", "../../../guides/g/"),  # English at the root, Korean under /ko/
    ('languages = ["en", "ja"]\nsource = "ja"', "en", "../../ja/guides/g/"),
    ('languages = ["ko", "ja", "en"]\nsource = "ja"', "en", "../../../ja/guides/g/"),
])
def test_a_translation_links_the_source_languages_page_where_the_site_puts_it(tmp_path, config, lang, link):
    (tmp_path / "pyproject.toml").write_text(f"[tool.guidesite]\n{config}\n", encoding="utf-8")
    assert Project(tmp_path).source_page_link(lang, "g") == link


def test_a_source_language_the_site_does_not_have_is_refused(tmp_path):
    config = '[tool.guidesite]\nlanguages = ["ko", "en"]\nsource = "ja"\n'
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError, match="with 'ja' \\(the language guides are written in\\) in it"):
        Project(tmp_path)


@pytest.mark.slow  # executes the guide in both languages
def test_a_site_written_in_japanese_first_translates_into_english(tmp_path, capsys):
    root = tmp_path
    shutil.copy(ROOT / "constraints.txt", root / "constraints.txt")
    (root / "pyproject.toml").write_text('[tool.guidesite]\nlanguages = ["en", "ja"]\nsource = "ja"\n',
                                         encoding="utf-8")
    _ja_labels(root / "labels")
    (root / "guide_src/ja").mkdir(parents=True)
    source = guide_text(("md", "## こんにちは"), ("code", 'print("こんにちは", 6 * 7)'))
    (root / "guide_src/ja/tiny.py").write_text(source, encoding="utf-8")
    assert main(["--root", str(root), "scaffold", "tiny"]) == 0  # the translation: English by default
    assert main(["--root", str(root), "build"]) == 0
    english = (root / "docs/en/guides/tiny.md").read_text(encoding="utf-8")
    assert "こんにちは 42" in english and "(../../ja/guides/tiny/)" in english  # unfinished: the original
    assert "../../ja/guides/tiny/" not in (root / "docs/ja/guides/tiny.md").read_text(encoding="utf-8")
    capsys.readouterr()
    main(["--root", str(root), "status"])
    assert "guide_src/en/tiny.py" in capsys.readouterr().out  # English is the translation here
