"""Where a build writes: the leaflet's real folder name, one file per job, one build per folder at a time."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from conftest import MINIMAL_TOML, write_leaflet
from handbill.batch import MAX_WORKERS, worker_limit
from handbill.cli import main
from handbill.render.write import output_lock
from handbill.watch import snapshot

STATEMENTS = {"en": "# Hi\n\nText.\n"}


@pytest.mark.parametrize("how", [".", "x/.."])
def test_build_dot_and_dot_dot_land_in_the_leaflets_own_folder(tmp_path: Path, monkeypatch, how: str):
    leaflet = write_leaflet(tmp_path / "may-day", MINIMAL_TOML, STATEMENTS)
    (leaflet / "x").mkdir()
    monkeypatch.chdir(leaflet)
    out = tmp_path / "out"
    assert main(["-q", "build", how, "--out", str(out), "--jobs", "1"]) == 0
    assert sorted(p.name for p in (out / "may-day").iterdir()) == ["a4-flyer.en.pdf"]
    assert not list(out.glob("*.pdf")) and not list(tmp_path.glob("*.pdf"))


def test_two_layouts_writing_one_file_is_an_error(tmp_path: Path, capsys):
    project = tmp_path / "project"
    leaflet = write_leaflet(project / "lf", MINIMAL_TOML.replace('["a4-flyer"]', '["a4-flyer", "mine/a4-flyer"]'),
                            STATEMENTS)
    (leaflet / "layouts" / "mine").mkdir(parents=True)
    root = Path(__file__).resolve().parent.parent
    (leaflet / "layouts" / "mine" / "a4-flyer.toml").write_text(
        (root / "layouts" / "a4-flyer.toml").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["build", str(leaflet), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "two layouts would both write a4-flyer.en.pdf" in err
    assert not (tmp_path / "out" / "lf").exists()


def test_a_second_build_waits_for_the_first(tmp_path: Path):
    folder = tmp_path / "out" / "lf"
    order: list[str] = []
    waiting: list[str] = []
    with output_lock(folder):
        def second() -> None:
            with output_lock(folder, on_wait=waiting.append):
                order.append("second")

        thread = threading.Thread(target=second)
        thread.start()
        deadline = time.monotonic() + 10
        while not waiting and time.monotonic() < deadline:
            time.sleep(0.01)
        order.append("first")
    thread.join(10)
    assert order == ["first", "second"]
    assert waiting and "waiting for another build" in waiting[0]


def test_jobs_beyond_the_cores_are_capped_with_a_note(tmp_path: Path, capsys):
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, STATEMENTS)
    assert main(["-q", "build", str(leaflet), "--out", str(tmp_path / "out"), "--jobs", "500"]) == 0
    err = capsys.readouterr().err
    assert f"--jobs 500: using {worker_limit()} worker processes" in err
    assert worker_limit() <= min(os.cpu_count() or 1, MAX_WORKERS)


def test_watch_snapshot_survives_files_vanishing(tmp_path: Path, monkeypatch):
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "gone.md").write_text("x")
    real_stat = Path.stat

    def flaky(self: Path, **kwargs):
        if self.name == "gone.md":
            raise FileNotFoundError(2, "No such file", str(self))
        return real_stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", flaky)
    assert list(snapshot([tmp_path])) == [tmp_path / "a.md"]


def test_one_broken_layout_hides_no_other(tmp_path: Path, capsys):
    folder = tmp_path / "layouts"
    folder.mkdir()
    root = Path(__file__).resolve().parent.parent
    (folder / "good.toml").write_text((root / "layouts" / "a6-card.toml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    (folder / "broken.toml").write_text("size = [", encoding="utf-8")
    assert main(["layouts", str(tmp_path)]) == 1  # listed, and the exit status says one is broken
    out = capsys.readouterr().out
    assert "good " in out and "a3-poster" in out
    assert "broken " in out and "BROKEN" in out and "broken.toml" in out and "invalid TOML" in out
