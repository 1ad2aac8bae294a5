"""`build NAME` names a guide that exists, whatever the no-op stamp says."""

from __future__ import annotations

from guidesite import stamp
from guidesite.cli import main


def test_build_of_an_unknown_guide_fails_even_with_a_fresh_stamp(tiny_project, capsys):
    stamp.write(tiny_project)  # as after a complete build: nothing changed since
    assert stamp.fresh(tiny_project)
    assert main(["--root", str(tiny_project), "build", "no_such_guide"]) == 2
    err = capsys.readouterr().err
    assert "no guide named no_such_guide (guides: tiny)" in err
    assert "nothing changed" not in err
    assert not (tiny_project / "docs").exists()
    # The stamp still answers a plain build at once.
    assert main(["--root", str(tiny_project), "build"]) == 0
    assert "nothing changed" in capsys.readouterr().out
