"""The search order for layouts and catalogs (handbill/project.py): nearest first, shipped last."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbill.cli import main
from handbill.project import find_catalog, layout_search_path, search_folders, user_folder
from handbill.shipped import shipped_folder

ROOT = Path(__file__).resolve().parents[1]


def local_poster(folder: Path, description: str) -> Path:
    (folder / "layouts").mkdir(parents=True, exist_ok=True)
    text = (ROOT / "layouts" / "a3-poster.toml").read_text(encoding="utf-8")
    lines = [f'description = "{description}"' if line.startswith("description") else line
             for line in text.splitlines()]
    path = folder / "layouts" / "a3-poster.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_shipped_folders_exist() -> None:
    assert (shipped_folder("layouts") / "a4-flyer.toml").is_file()
    assert (shipped_folder("fonts") / "catalog.toml").is_file()


def test_a_local_layout_overrides_the_shipped_one_and_layouts_says_so(tmp_path: Path, monkeypatch,
                                                                      capsys) -> None:
    monkeypatch.chdir(tmp_path)
    local = local_poster(tmp_path, "our own poster")
    assert layout_search_path(None)[0] == tmp_path / "layouts"
    assert main(["layouts"]) == 0
    out = capsys.readouterr().out
    block = [line.strip() for line in out[out.index("a3-poster "):].splitlines()]
    assert "our own poster" in block[0]
    where = block.index(f"from working folder: {local}")  # after the line naming its logo and QR frames
    assert block[where + 1] == f"(overrides {shipped_folder('layouts') / 'a3-poster.toml'})"


def test_the_leaflet_folder_comes_before_the_working_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    local_poster(tmp_path, "working folder's")
    leaflet = tmp_path / "somewhere" / "leaflet"
    mine = local_poster(leaflet, "the leaflet's")
    folders = search_folders("layouts", leaflet)
    assert [f.origin for f in folders][:2] == ["leaflet", "project folder"] or \
        [f.origin for f in folders][:2] == ["leaflet", "working folder"]
    assert folders[0].path / "a3-poster.toml" == mine
    assert folders[-1].origin == "shipped"


def test_the_user_folder_is_searched_before_the_shipped_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HANDBILL_USER_DIR", str(tmp_path / "user"))
    local_poster(tmp_path / "user", "user's")
    assert user_folder() == tmp_path / "user"
    assert [f.origin for f in search_folders("layouts", None)] == ["user folder", "shipped"]


def test_the_shipped_catalog_is_found_from_an_empty_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_catalog(tmp_path) == shipped_folder("fonts") / "catalog.toml"


@pytest.mark.parametrize("broken", ["size = [", 'extends = "no-such-layout"\n'])
def test_a_broken_local_layout_is_listed_beside_the_others(tmp_path: Path, monkeypatch, capsys, broken) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "mine.toml").write_text(broken, encoding="utf-8")
    assert main(["layouts"]) == 1
    out = capsys.readouterr().out
    assert "mine " in out and "BROKEN" in out and "a4-flyer " in out and "a3-poster " in out
