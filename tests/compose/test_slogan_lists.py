"""A leaflet with more slogans than a band or the flyer's slogan list holds (compose/document.py): each
version shows its own slogan and as many others as fit, in the leaflet's order, with one warning, instead
of failing (issue 9: the published UDHR in 46 languages failed in all 138 versions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, write_leaflet
from handbill.build import plan
from handbill.compose import compose
from handbill.errors import TextOverflowError
from handbill.fonts.catalog import load_catalog
from handbill.model import PlacedLine
from handbill.text.paragraph import Typesetter

# 11 languages written in the Latin script, one long slogan each (more than a band holds, as 46 slogans of
# the published UDHR's article 1 were)
LANGS = ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "sw", "ca", "yo"]
SLOGAN = ("We stand together for bread, roses, work and peace in every town, and we will not be divided by "
          "language, faith, papers or the colour of our skin: what is done to one of us is done to all of us, "
          "and together we will stay until every neighbour is safe, housed and free to speak in their own tongue. "
          * 3).strip()


@pytest.fixture(scope="module")
def setter() -> Typesetter:
    return Typesetter(load_catalog(ROOT / "fonts" / "catalog.toml"))


def _leaflet(folder: Path, layout: str, short: tuple[str, ...] = ("ca", "sw")) -> Path:
    """Every language's slogan long but the ``short`` ones' (a hero line of three words)."""
    toml = f'title = "Test"\ndate = 2024-05-01\nlang = "en"\nlayouts = ["{layout}"]\norganisation = "Network"\n'
    toml += "".join(f'[[slogans]]\nlang = "{lang}"\ntext = "{"Bread and roses" if lang in short else SLOGAN}"\n'
                    for lang in LANGS)
    return write_leaflet(folder, toml, {"sw": "# Pamoja\n\nMkate na waridi kwa wote.\n"})


def _shown(document) -> list[str]:
    """The languages of the slogan lines on the first page, in the order they are drawn."""
    langs = [item.lang for item in document.pages[0].items
             if isinstance(item, PlacedLine) and item.tag is not None and item.lang in LANGS]
    return list(dict.fromkeys(langs))


def test_a3_poster_band_shows_the_first_slogans_that_fit_and_warns(tmp_path: Path, setter: Typesetter):
    _, jobs, _ = plan(_leaflet(tmp_path / "many", "a3-poster"))
    job = next(j for j in jobs if j.lang == "ca")
    document = compose(job, setter)
    shown = _shown(document)
    assert "ca" in shown  # the hero
    band = [lang for lang in shown if lang != "ca"]
    assert 1 < len(band) < len(LANGS) - 1
    assert band == [lang for lang in LANGS if lang != "ca"][:len(band)]  # the first ones, in order
    assert [n.field for n in document.notices if "not every slogan fits" in n.message] == ["slogans"]


def test_a4_flyer_list_keeps_the_versions_own_slogan(tmp_path: Path, setter: Typesetter):
    _, jobs, _ = plan(_leaflet(tmp_path / "many", "a4-flyer"))
    document = compose(jobs[0], setter)
    shown = _shown(document)
    assert "sw" in shown and shown[0] == "en" and LANGS[-1] not in shown
    assert shown == [lang for lang in LANGS if lang in shown]  # the leaflet's order
    assert any("not every slogan fits" in n.message for n in document.notices)


TINY_LIST = """
[styles.slogan]
size = 12
min_size = 10
[[pages]]
[[pages.frames]]
block = "slogans"
at = [10, 10, 60, 12]
style = "slogan"
"""


def test_a_list_whose_first_slogan_alone_does_not_fit_still_fails(tmp_path: Path, setter: Typesetter):
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "tiny.toml").write_text(TINY_LIST, encoding="utf-8")
    _, jobs, _ = plan(_leaflet(tmp_path / "many", "tiny", short=()))
    with pytest.raises(TextOverflowError, match="the slogans block does not fit"):
        compose(jobs[0], setter)


@pytest.mark.parametrize("layout", ["poster-bold", "poster-type"])
def test_a_band_in_two_columns_uses_both_when_its_slogans_are_few(tmp_path: Path, setter: Typesetter,
                                                                   layout: str):
    """A band that grows in two columns is evened: at their matched size a volunteer's slogans (ten lines)
    fitted in the first column of poster-bold and left the second empty (tester 5's vigil poster)."""
    toml = f'title = "Test"\ndate = 2024-05-01\nlang = "en"\nlayouts = ["{layout}"]\norganisation = "Network"\n'
    toml += "".join(f'[[slogans]]\nlang = "{lang}"\ntext = "Open the borders, open the doors"\n' for lang in LANGS)
    _, jobs, _ = plan(write_leaflet(tmp_path / "few", toml, {}))
    document = compose(next(j for j in jobs if j.lang == "en"), setter)
    band = [item for item in document.pages[0].items
            if isinstance(item, PlacedLine) and item.lang in LANGS[1:] and item.line.glyphs]
    columns: dict[int, int] = {}
    for item in band:
        columns[round(item.x)] = columns.get(round(item.x), 0) + 1
    assert len(columns) == 2, columns
    assert abs(max(columns.values()) - min(columns.values())) <= 1, columns
