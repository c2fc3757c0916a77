"""Stacked frames share a page's height: rows keep their order and gaps, the rest is spread between them,
empty frames take no room; and a whole poster (A3, with and without logo and url) composed through it."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import write_leaflet
from handbill.build import plan
from handbill.compose import compose
from handbill.compose.stack import Stacked, shifts, stretched
from handbill.errors import InputError
from handbill.load.layout import load_layout
from handbill.model import Frame, PlacedCode, PlacedImage, PlacedLine
from handbill.text.paragraph import Typesetter


def _frame(y: float, height: float, x: float = 0, valign: str = "top") -> Frame:
    return Frame("headline", x, y, 100, height, "headline", valign=valign, stack="s")  # type: ignore[arg-type]


def test_rows_spread_the_room_their_content_leaves():
    # three rows in a region 0..300: content 40, 20, 30 -> 210 spare, gaps 10 and 10 kept, 190 shared out
    items = [Stacked(_frame(0, 100), 40), Stacked(_frame(110, 80), 20), Stacked(_frame(200, 100), 30)]
    down = shifts(items)
    tops = [item.frame.y + d for item, d in zip(items, down, strict=True)]
    assert tops[0] == 0
    assert tops[2] + 30 == pytest.approx(300)  # the last row ends at the region's bottom
    gap1, gap2 = tops[1] - 40, tops[2] - (tops[1] + 20)
    assert gap1 == pytest.approx(gap2) == pytest.approx(10 + 190 / 2)


def test_an_empty_row_takes_no_room_and_frames_beside_each_other_share_a_row():
    organisation = Stacked(_frame(200, 30, x=40, valign="middle"), 10)
    logo, qr = Stacked(_frame(200, 30, x=0), 0), Stacked(_frame(200, 30, x=150), 0)  # no logo, no url
    empty = Stacked(_frame(100, 50), 0)
    items = [Stacked(_frame(0, 90), 60), empty, logo, organisation, qr]
    down = shifts(items)
    # two rows left: hero (60) at 0, the organisation row (10 high now) ends at 230
    assert down[0] == 0
    assert organisation.frame.y + down[3] + 10 == pytest.approx(230)
    with_codes = shifts([items[0], empty, Stacked(logo.frame, 30), organisation, Stacked(qr.frame, 30)])
    assert with_codes[3] == pytest.approx(10)  # middle of a 30 high row: (30 - 10) / 2 below its top


def test_a_single_row_follows_its_valign():
    assert shifts([Stacked(_frame(0, 100, valign="bottom"), 40)]) == [pytest.approx(60)]
    assert shifts([Stacked(_frame(0, 100, valign="middle"), 40)]) == [pytest.approx(30)]
    assert shifts([Stacked(_frame(0, 100), 0)]) == [0.0]


@given(st.lists(st.tuples(st.floats(1, 100), st.floats(0, 1)), min_size=1, max_size=8))
def test_rows_stay_inside_the_region_in_order(rows: list[tuple[float, float]]):
    items, y = [], 0.0
    for height, fill in rows:
        items.append(Stacked(_frame(y, height), height * fill))
        y += height + 5
    down = shifts(items)
    bottom = items[-1].frame.y + items[-1].frame.height
    placed = [(i.frame.y + d, i.frame.y + d + i.used) for i, d in zip(items, down, strict=True) if i.used > 0.01]
    assert all(a[1] <= b[0] + 1e-6 for a, b in itertools.pairwise(placed))  # no overlap, in order
    assert all(top >= -1e-6 and end <= bottom + 1e-6 for top, end in placed)


def test_a_statement_frame_cannot_be_stacked(tmp_path: Path):
    layout = tmp_path / "x.toml"
    layout.write_text('[styles.body]\n[[pages]]\n[[pages.frames]]\nblock = "statement"\nat = [10, 10, 100, 100]\n'
                      'style = "body"\nstack = "main"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_layout(layout)
    assert caught.value.field == "pages[1].frames[1].stack"


POSTER = """title = "Test"
date = 2024-05-01
lang = "en"
layouts = ["a3-poster"]
organisation = "Test Network"
{extra}
[[slogans]]
lang = "en"
text = "Bread and roses"
[[slogans]]
lang = "fr"
text = "Du pain et des roses"
"""


def _poster(folder: Path, setter: Typesetter, extra: str):
    from PIL import Image

    write_leaflet(folder, POSTER.format(extra=extra), {"en": "# Bread for all\n\nText.\n"})
    Image.new("RGB", (300, 300), (200, 0, 0)).save(folder / "logo.png")
    _, jobs, _ = plan(folder)
    return compose(next(j for j in jobs if j.lang == "en"), setter)


def test_the_poster_foot_closes_up_without_logo_and_url(tmp_path: Path, setter: Typesetter):
    bare = _poster(tmp_path / "bare", setter, "")
    full = _poster(tmp_path / "full", setter, 'logo = "logo.png"\nurl = "https://example.org/x"')
    graphics = [i for i in full.pages[0].items if isinstance(i, (PlacedImage, PlacedCode))]
    assert len(graphics) == 2
    assert not [i for i in bare.pages[0].items if isinstance(i, (PlacedImage, PlacedCode))]

    def organisation_y(document) -> float:
        return next(i.y for i in document.pages[0].items if isinstance(i, PlacedLine)
                    and "Test Network" in "".join(g.text for g in i.line.glyphs))

    # with the logo and QR code the foot row is as tall as they are, so the organisation sits higher
    # up the page than without them (its row shrinks to its two lines and the rest moves down)
    assert organisation_y(full) > organisation_y(bare) + 20
    # the logo and the QR code sit on the organisation's row, either side of it
    assert all(abs((g.y + (g.height if isinstance(g, PlacedImage) else g.size) / 2) - organisation_y(full)) < 60
               for g in graphics)


def test_a_stretching_frame_takes_the_room_left_over():
    hero = Stacked(replace(_frame(0, 100), stretch=True), 60)
    items = [hero, Stacked(_frame(110, 40), 30), Stacked(_frame(160, 40), 40)]
    # region 0..200: used 130, gaps 10 + 10 kept, 50 left over: the hero's box becomes 60 + 50
    assert stretched(items) == [pytest.approx(110), 40, 40]
    assert stretched([replace(hero, used=0.0), *items[1:]])[0] == 100  # an empty frame does not stretch


def test_a_frame_inset_in_a_stretching_row_keeps_its_insets():
    """poster-photo: the slogan (8 mm inside its red field at top and bottom) stretches with the field; its
    box grows as much as the field's, not to the field's full height (the slogan touched the field's edge)."""
    field = Stacked(Frame("rect", 0, 100, 297, 96, "body", stack="s", stretch=True), 96)  # type: ignore[arg-type]
    hero = Stacked(replace(_frame(108, 80), stretch=True), 80)
    below = Stacked(_frame(260, 40), 40)
    field_h, hero_h, _ = stretched([field, hero, below])
    # region 100..300: used 96 + 40, gap 64 kept (196 to 260): nothing left; with the foot row empty, 104
    assert (field_h, hero_h) == (pytest.approx(96), pytest.approx(80))
    field_h, hero_h, _ = stretched([field, hero, replace(below, used=0.0)])
    assert field_h == pytest.approx(200) and hero_h == pytest.approx(200 - 16)


def test_stretch_needs_a_stack(tmp_path: Path):
    layout = tmp_path / "x.toml"
    layout.write_text('[styles.hero]\n[[pages]]\n[[pages.frames]]\nblock = "hero"\nat = [10, 10, 100, 100]\n'
                      "stretch = true\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_layout(layout)
    assert caught.value.field == "pages[1].frames[1].stretch"


def test_grown_type_never_cuts_a_word(tmp_path: Path, setter: Typesetter):
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "narrow.toml").write_text(
        'versions = "slogans"\n[styles.hero]\nsize = 20\nmin_size = 10\nmax_size = 300\nweight = "bold"\n'
        '[[pages]]\n[[pages.frames]]\nblock = "hero"\nat = [10, 10, 60, 200]\nfit = "grow"\n', encoding="utf-8")
    folder = write_leaflet(tmp_path / "leaflet", POSTER.format(extra="").replace('"a3-poster"', '"narrow"')
                           .replace("Bread and roses", "Mediterranean revolution"))
    _, jobs, _ = plan(folder)
    document = compose(next(j for j in jobs if j.lang == "en"), setter)
    lines = ["".join(g.text for g in i.line.glyphs).strip() for i in document.pages[0].items
             if isinstance(i, PlacedLine)]
    assert lines == ["Mediterranean", "revolution"]  # as large as the longest word allows, each word whole
