"""The leaflet folder as the page writes it: tomlkit keeps comments and order, each field lands where a
person would put it, any text round-trips, and a save is all or nothing."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import handbill
from handbill.serve.folder import ABSENT, FieldRefused, LeafletFolder, StaleSave, supports

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "leaflets" / "victory-day-2023"


@pytest.fixture
def folder(tmp_path: Path) -> LeafletFolder:
    target = tmp_path / "victory-day-2023"
    shutil.copytree(SEED, target)
    return LeafletFolder(target)


def test_a_new_slogan_joins_the_slogans_and_comments_stay_where_they_were(folder: LeafletFolder) -> None:
    before = (folder.path / "leaflet.toml").read_text(encoding="utf-8")
    form = folder.read_form()
    tag = folder.save("slogan:de", "Das Mittelmeer: neues Becken der Weltrevolution!", form.tags["leaflet.toml"])
    tag = folder.save("slogan:pt", "", tag)  # an emptied slogan is removed
    text = (folder.path / "leaflet.toml").read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in text.splitlines() if line.lstrip().startswith("#")]
    # the German slogan is the last slogan, above the signatories' comment block
    assert text.index('lang = "de"') < text.index("# Signatories, printed in this order")
    assert text.index('lang = "fr"') < text.index('lang = "de"')
    assert 'lang = "pt"' not in text and "# wording as in the source" in text
    leaflet = handbill.load_leaflet(folder.path)
    assert [s.lang for s in leaflet.slogans][-2:] == ["fr", "de"]
    assert folder.tag("leaflet.toml") == tag


def test_signatories_layouts_and_date(folder: LeafletFolder) -> None:
    tag = folder.read_form().tags["leaflet.toml"]
    tag = folder.save("signatories", [["Workers' Union", "Iran"], ["  ", "dropped"], ["Solidarity Network", ""]], tag)
    tag = folder.save("layouts", ["a4-flyer", "a6-card"], tag)
    tag = folder.save("date", "2026-05-01", tag)
    leaflet = handbill.load_leaflet(folder.path)
    assert [(s.name, s.country) for s in leaflet.signatories] == [("Workers' Union", "Iran"),
                                                                  ("Solidarity Network", None)]
    assert leaflet.layouts == ("a4-flyer", "a6-card") and str(leaflet.date) == "2026-05-01"
    text = (folder.path / "leaflet.toml").read_text(encoding="utf-8")
    assert "# which print layouts to produce" in text and "# YYYY-MM-DD, no quotes" in text
    with pytest.raises(FieldRefused):
        folder.save("date", "9 May", tag)
    with pytest.raises(FieldRefused):
        folder.save("layouts", ["../../etc/passwd"], tag)


def test_the_url_is_saved_checked_as_the_build_checks_it_and_removed_when_emptied(folder: LeafletFolder) -> None:
    tag = folder.read_form().tags["leaflet.toml"]
    tag = folder.save("url", " https://example.org/may9 ", tag)
    assert handbill.load_leaflet(folder.path).url == "https://example.org/may9"
    assert folder.read_form().url == "https://example.org/may9"
    for bad in ("example.org/may9", "https://example.org/بیانیه", "https://x.org/" + "a" * 1000):
        with pytest.raises(FieldRefused, match="url"):
            folder.save("url", bad, tag)
    assert folder.tag("leaflet.toml") == tag  # refused: nothing written
    tag = folder.save("url", "", tag)
    assert "url" not in tomllib.loads((folder.path / "leaflet.toml").read_text(encoding="utf-8"))
    assert handbill.load_leaflet(folder.path).url == ""


def test_lines_in_other_languages(folder: LeafletFolder) -> None:
    tag = folder.read_form().tags["leaflet.toml"]
    tag = folder.save("organisation:en", "Rakovsky Centre", tag)
    assert handbill.load_leaflet(folder.path).organisation == "Rakovsky Centre"
    if not supports("translations"):
        with pytest.raises(FieldRefused, match="per-language"):
            folder.save("organisation:fa", "مرکز", tag)
        return
    tag = folder.save("organisation:fa", "مرکز راکوفسکی", tag)
    assert folder.read_form().lines["fa"]["organisation"] == "مرکز راکوفسکی"
    handbill.load_leaflet(folder.path)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=80))
def test_any_slogan_text_round_trips_through_the_file(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    target = tmp_path_factory.mktemp("rt") / "leaflet"
    shutil.copytree(SEED, target)
    folder = LeafletFolder(target)
    folder.save("slogan:fa", text, folder.read_form().tags["leaflet.toml"])
    data = tomllib.loads((target / "leaflet.toml").read_text(encoding="utf-8"))
    slogans = {s["lang"]: s["text"] for s in data["slogans"]}
    assert slogans.get("fa", "") == text.strip()


def test_a_stale_or_refused_save_writes_nothing(folder: LeafletFolder) -> None:
    tag = folder.read_form().tags["statement.en.md"]
    folder.save("statement:en", "# One\n\nFirst.", tag)
    before = sorted(p.name for p in folder.path.iterdir())
    with pytest.raises(StaleSave) as stale:
        folder.save("statement:en", "# Two", tag)
    assert stale.value.current == "# One\n\nFirst.\n"
    with pytest.raises(FieldRefused):
        folder.save("statement:e n", "x", ABSENT)
    with pytest.raises(FieldRefused):
        folder.save("colour:en", "red", folder.tag("leaflet.toml"))
    assert sorted(p.name for p in folder.path.iterdir()) == before  # no temporary file left either
    assert (folder.path / "statement.en.md").read_text(encoding="utf-8") == "# One\n\nFirst.\n"


def test_a_save_keeps_the_files_permissions_and_a_new_file_gets_the_umasks(folder: LeafletFolder) -> None:
    """A folder shared with a group (0664, 0644) stays readable to it after an edit in the page; a
    temporary file with mode 0600 must not replace the file."""
    import os
    import stat

    toml, statement = folder.path / "leaflet.toml", folder.path / "statement.en.md"
    toml.chmod(0o664)
    statement.chmod(0o644)
    tag = folder.save("slogan:de", "Frieden", folder.read_form().tags["leaflet.toml"])
    folder.save("statement:en", "# Peace\n\nFor everyone.", folder.read_form().tags["statement.en.md"])
    assert stat.S_IMODE(toml.stat().st_mode) == 0o664
    assert stat.S_IMODE(statement.stat().st_mode) == 0o644
    old = os.umask(0o027)
    try:
        folder.save("statement:uk", "# Мир\n\nДля всіх.", ABSENT)
        folder.save_logo("png", b"not checked here", tag)
    finally:
        os.umask(old)
    assert stat.S_IMODE((folder.path / "statement.uk.md").stat().st_mode) == 0o640
    assert stat.S_IMODE((folder.path / "logo.png").stat().st_mode) == 0o640
    assert stat.S_IMODE(toml.stat().st_mode) == 0o664
    assert not [p for p in folder.path.iterdir() if p.name.endswith(".tmp")]
