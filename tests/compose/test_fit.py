"""Fitting statements into frames: balance keeps a short statement on its page, widow and orphan
control, headings kept with what follows, and long_pages for a statement too long for a layout's pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_TOML, write_leaflet
from handbill.build import plan
from handbill.compose import compose
from handbill.compose.content import Para
from handbill.compose.fit import Box, SetPara, place
from handbill.model import Color, Frame, PlacedLine, Style
from handbill.text.paragraph import Span, Typesetter
from udhr import statement

TWO_PAGES = """
[styles.body]
size = 10
[styles.headline]
size = 16
[[pages]]
[[pages.frames]]
block = "headline"
at = [10, 10, 190, 20]
[[pages.frames]]
block = "statement"
at = [10, 40, 190, 240]
style = "body"
columns = 2
fit = "balance"
[[pages]]
[[pages.frames]]
block = "statement"
at = [10, 10, 190, 270]
style = "body"
columns = 2
"""

LEAFLET = MINIMAL_TOML.replace('["a4-flyer"]', '["two"]')


def composed(folder: Path, setter: Typesetter, layout: str = "two", words: int = 150):
    write_leaflet(folder, LEAFLET.replace('["two"]', f'["{layout}"]'), {"en": statement(words)})
    _, jobs, _ = plan(folder)
    return compose(jobs[0], setter)


def statement_columns(document, page: int) -> dict[float, int]:
    """Lines of body text per column (by x of the column's left edge, rounded) on a page."""
    columns: dict[float, int] = {}
    for item in document.pages[page].items:
        if isinstance(item, PlacedLine) and item.tag is not None and item.tag.role == "P" and item.y < 700:
            key = round(item.x / 100) * 100
            columns[key] = columns.get(key, 0) + 1
    return columns


def test_balance_keeps_a_short_statement_on_its_page_in_even_columns(tmp_path: Path, setter: Typesetter):
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "two.toml").write_text(TWO_PAGES, encoding="utf-8")
    document = composed(tmp_path / "leaflet", setter)
    assert not any(isinstance(i, PlacedLine) for i in document.pages[1].items)  # nothing pushed to the back
    columns = sorted(statement_columns(document, 0).values())
    assert len(columns) == 2 and columns[1] - columns[0] <= 2, columns


STYLE = Style(10, 7, 10, 1.0, False, False, 0, False, False, "start", Color("black", "cmyk", (0, 0, 0, 1)), 0, 0)


def _items(lines: list[int], style: str = "body") -> list[SetPara]:
    """Paragraphs of the given line counts, 10 pt lines, set for a 100 pt column."""
    from handbill.text.spec import SetParagraph

    out = []
    for count in lines:
        setting = SetParagraph(tuple(range(count)), "en", False, 10.0, 1.0, 100.0, "x", "left")  # type: ignore[arg-type]
        out.append(SetPara(Para((Span("x"),), "en", style, "test"), setting, STYLE, 0.0, 0.0))
    return out


def _boxes(*heights: float) -> list[Box]:
    frame = Frame("statement", 0, 0, 100, max(heights), "body")
    return [Box(0, i * 110.0, 0, 100, h, False, frame) for i, h in enumerate(heights)]


@pytest.mark.parametrize(("lines", "room", "first_box"), [
    (3, 2, 0),      # 2 + 1 would leave a widow: the paragraph moves whole
    (5, 4, 3),      # 4 + 1 -> 3 + 2
    (5, 1, 0),      # a single first line at the foot (orphan): moves whole
    (6, 3, 3),      # 3 + 3 is fine
])
def test_no_widow_or_orphan_at_a_column_break(lines: int, room: int, first_box: int):
    items = _items([1, lines])  # a one-line paragraph first: the break is not at a column's top
    placements, left = place(items, _boxes((room + 1) * 10.0, 100.0), split=True)
    assert not left and len(placements) == 1 + lines
    assert sum(1 for p in placements if p.box.x == 0 and p.item is items[1]) == first_box


def test_a_heading_goes_with_the_paragraph_it_heads():
    items = _items([1, 2, 4], style="body")
    lead = _items([1], style="lead")[0]
    items = [items[0], lead, items[2]]  # body line, heading, 4-line paragraph
    placements, left = place(items, _boxes(30.0, 100.0), split=True)
    assert not left
    heading = next(p for p in placements if p.item is lead)
    assert heading.box.x > 0  # the heading moved to the next column with its paragraph's first lines


def test_a_box_too_short_for_the_rules_still_gets_the_text():
    placements, left = place(_items([5]), _boxes(10.0, 10.0, 10.0, 10.0, 10.0), split=True)
    assert not left and len(placements) == 5


def test_a_whole_paragraph_taller_than_its_box_is_left_over_not_drawn_past_the_frame():
    # a poster hero (never split) of 3 lines in a box with room for 2: reported, so grow and shrink see it
    placements, left = place(_items([3]), _boxes(25.0), split=False)
    assert left == pytest.approx(30.0) and placements == []
    placements, left = place(_items([1, 3]), _boxes(15.0, 35.0), split=False)  # moves whole to the next box
    assert not left and [p.box.x for p in placements] == [0, 110, 110, 110]


LONG = TWO_PAGES.replace("[[pages]]", "[[long_pages]]").replace("[[pages.frames]]", "[[long_pages.frames]]")
ONE_SIDE = """
[[pages]]
[[pages.frames]]
block = "statement"
at = [10, 10, 190, 120]
style = "body"
columns = 2
fit = "balance"
"""


@pytest.mark.parametrize(("words", "pages"), [(150, 1), (1500, 2)])
def test_long_pages_take_a_statement_too_long_for_the_pages(tmp_path: Path, setter: Typesetter, words: int,
                                                            pages: int):
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "two.toml").write_text(LONG + ONE_SIDE, encoding="utf-8")
    document = composed(tmp_path / "leaflet", setter, words=words)
    assert len(document.pages) == pages


def test_several_layouts_and_languages_build_what_applies(tmp_path: Path):
    from handbill.errors import InputError

    folder = write_leaflet(tmp_path / "leaflet", LEAFLET.replace('["two"]', '["a4-flyer", "a3-poster"]'),
                           {"en": statement(150)})
    _, jobs, skips = plan(folder, layouts=["a4-flyer", "a3-poster"], langs=["en", "ar"])
    assert sorted(j.label for j in jobs) == ["a3-poster.en", "a4-flyer.en"]
    assert {(s.layout, s.lang) for s in skips} == {("a4-flyer", "ar"), ("a3-poster", "ar")}
    assert any("statement.ar.md" in s.reason for s in skips)
    with pytest.raises(InputError, match="cannot build a4-flyer in 'ar'"):
        plan(folder, layouts=["a4-flyer"], langs=["ar"])
    with pytest.raises(InputError, match="nothing to build"):
        plan(folder, layouts=["a4-flyer", "a3-poster"], langs=["ar"])


@pytest.mark.parametrize("cap", [None, 1.2])
def test_max_scale_caps_how_much_a_frame_grows(tmp_path: Path, setter: Typesetter, cap: float | None):
    """A frame's max_scale limits growth below its styles' max_size (the flyer's two-sided design)."""
    grow = ONE_SIDE.replace('fit = "balance"', 'fit = "balance"' + (f"\nmax_scale = {cap}" if cap else ""))
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "two.toml").write_text("[styles.body]\nsize = 10\nmax_size = 20\n" + grow,
                                                   encoding="utf-8")
    document = composed(tmp_path / "leaflet", setter, words=60)
    sizes = {item.line.glyphs[0].size for page in document.pages for item in page.items
             if isinstance(item, PlacedLine) and item.line.glyphs}
    assert max(sizes) <= (12.0 + 1e-6 if cap else 20.0 + 1e-6)
    assert max(sizes) > (11.5 if cap else 14.0)  # it grew, up to the cap or well past it


def test_max_scale_below_one_is_an_error(tmp_path: Path):
    from handbill.errors import InputError
    from handbill.load.layout import load_layout

    path = tmp_path / "small.toml"
    capped = ONE_SIDE.replace('fit = "balance"', 'fit = "balance"\nmax_scale = 0.5')
    path.write_text("[styles.body]\nsize = 10\n" + capped, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_layout(path, [tmp_path])
    assert caught.value.field == "pages[1].frames[1].max_scale"


def test_a_paragraph_taller_than_its_box_is_reported_not_drawn_past_it():
    placements, left = place(_items([12]), _boxes(100.0), split=False)  # 12 lines of 10 pt in a 100 pt box
    assert left > 0
    assert all(p.top + 10 <= 100.01 for p in placements)
