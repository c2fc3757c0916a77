"""Layouts as data: extends with a new size and colours, grid cells, and messages for mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from handbill.errors import InputError
from handbill.load.layout import load_layout, survey_layouts
from handbill.model import MM
from handbill.project import SearchFolder
from handbill.tomlpos import describe

LAYOUTS = ROOT / "layouts"
SHIPPED = {"a4-flyer", "a3-poster", "a2-poster", "a6-card", "letter-flyer", "tabloid-poster"}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_layout_loads():
    entries = survey_layouts([SearchFolder(LAYOUTS, "shipped")])
    assert [entry.error for entry in entries if entry.error is not None] == []
    assert {entry.name for entry in entries} >= SHIPPED


def test_extends_changes_colours_and_page_size(tmp_path):
    child = write(tmp_path, "green-a2", 'extends = "a3-poster"\n[page]\nsize = "A2"\n'
                                       '[colors]\nred = { cmyk = [80, 0, 100, 0] }\n')
    layout = load_layout(child, [tmp_path, LAYOUTS])
    parent = load_layout(LAYOUTS / "a3-poster.toml", [LAYOUTS])
    assert (layout.width / MM, layout.height / MM) == pytest.approx((420, 594))
    assert layout.colors["red"].values == pytest.approx((0.8, 0, 1, 0))
    assert layout.styles["headline"].base.color.values == pytest.approx((0.8, 0, 1, 0))
    ratio = 420 / 297
    hero, parent_hero = layout.pages[0].frames[1], parent.pages[0].frames[1]
    assert hero.width == pytest.approx(parent_hero.width * ratio, rel=1e-3)
    assert hero.y == pytest.approx(parent_hero.y * 594 / 420, rel=1e-3)
    assert layout.styles["band"].base.size == pytest.approx(parent.styles["band"].base.size * ratio, abs=0.01)


def test_type_scale_overrides_the_ratio(tmp_path):
    child = write(tmp_path, "big", 'extends = "a3-poster"\n[page]\nsize = "A2"\ntype_scale = 2\n')
    layout = load_layout(child, [tmp_path, LAYOUTS])
    assert layout.styles["band"].base.size == pytest.approx(34)


def test_grid_cells_become_millimetres(tmp_path):
    path = write(tmp_path, "grid", '''
[page]
size = [100, 200]
[page.grid]
columns = 4
rows = 10
margin = [10, 10, 10, 10]
gutter = 4
[styles.headline]
size = 12
[[pages]]
[[pages.frames]]
block = "headline"
cell = [2, 3, 2, 1]
''')
    frame = load_layout(path).pages[0].frames[0]
    col = (100 - 20 - 12) / 4
    row = (200 - 20 - 36) / 10
    assert frame.x / MM == pytest.approx(10 + col + 4)
    assert frame.y / MM == pytest.approx(10 + 2 * (row + 4))
    assert frame.width / MM == pytest.approx(2 * col + 4)
    assert frame.height / MM == pytest.approx(row)


@pytest.mark.parametrize(("text", "field", "words"), [
    ('[page]\nsize = "A9"\n', "page.size", "unknown page size 'A9'"),
    ('[page]\nbleed = "3mm"\n', "page.bleed", "got a string '3mm'"),
    ('[page]\nsize = [210, "297mm"]\n', "page.size", "expected [width, height] in mm"),
    ('[page]\nbled = 3\n', "page.bled", "did you mean 'bleed'"),
    ('[styles.headline]\nsize = 12\nwieght = "bold"\n', "styles.headline.wieght", "did you mean 'weight'"),
    ('[styles.headline]\nsize = 12\n[[pages]]\n[[pages.frames]]\nblock = "headline"\nat = [150, 10, 100, 20]\n',
     "pages[1].frames[1].at", "lies outside the 210 x 297 mm page"),
    ('[styles.headline]\nsize = 12\n[[pages]]\n[[pages.frames]]\nblock = "headlin"\nat = [10, 10, 100, 20]\n',
     "pages[1].frames[1].block", "unknown block 'headlin'"),
    ('[styles.headline]\nsize = 12\n[[pages]]\n[[pages.frames]]\nblock = "headline"\ncell = [1, 1, 1, 1]\n',
     "pages[1].frames[1].cell", "needs a [page.grid]"),
    ('[styles.headline]\nsize = 12\nsize_by = "cap"\n', "styles.headline.size_by", "must be one of em, x-height"),
])
def test_mistakes_name_file_and_key_path(tmp_path, text, field, words):
    page = '[[pages]]\n[[pages.frames]]\nblock = "headline"\nat = [10, 10, 100, 20]\n'
    if "[[pages]]" not in text:
        text += page if "[styles.headline]" in text else '[styles.headline]\nsize = 12\n' + page
    path = write(tmp_path, "bad", text)
    with pytest.raises(InputError) as info:
        load_layout(path)
    message = str(info.value)
    assert str(path) in message
    assert info.value.field == field and f"{describe(field)}:" in message, message
    assert words in message, message


CONTINUE_LAYOUT = '''
description = "one page that continues"
[page]
size = "A5"
[styles.body]
size = 10
align = "justify"
[styles.headline]
size = 16
weight = "bold"
[[pages]]
[[pages.frames]]
block = "headline"
at = [10, 10, 128, 20]
[[pages.frames]]
block = "statement"
at = [10, 34, 128, 166]
style = "body"
columns = 2
gutter = 4
overflow = "continue"
'''


def test_overflow_continue_adds_pages_and_loses_nothing(tmp_path):
    from conftest import MINIMAL_TOML, write_leaflet
    from handbill.build import build
    from pdfcheck import pdftotext, squeeze

    (tmp_path / "layouts").mkdir()
    write(tmp_path / "layouts", "a5-long", CONTINUE_LAYOUT)
    paragraphs = [f"Paragraph {n}: workers of every country stand together against the war, for bread and peace."
                  * 3 for n in range(40)]
    leaflet = write_leaflet(tmp_path / "leaflets" / "long", MINIMAL_TOML.replace('"a4-flyer"', '"a5-long"'),
                            {"en": "# Headline\n\n" + "\n\n".join(paragraphs)})
    report = build(leaflet, out_dir=tmp_path / "out", workers=1)
    assert not report.failed, report.failed
    pdf = tmp_path / "out" / "long" / "a5-long.en.pdf"
    from pdfcheck import info

    assert int(info(pdf)["Pages"]) >= 3
    text = squeeze(pdftotext(pdf))
    for paragraph in paragraphs:
        assert squeeze(paragraph) in text


def test_balance_evens_the_columns(tmp_path):
    from handbill.build import plan
    from handbill.compose import compose
    from handbill.pipeline import Session

    _, jobs, _ = plan(ROOT / "leaflets" / "victory-day-2023", ["a3-poster"], ["en"])
    document = compose(jobs[0], Session.for_leaflet(jobs[0].leaflet.folder).setter)
    signatory_lines = [item for item in document.pages[0].items
                       if hasattr(item, "line") and item.y < 44 * MM]  # the signatories sit under the rule
    columns: dict[int, int] = {}
    for item in signatory_lines:
        columns[round(item.x / 20)] = columns.get(round(item.x / 20), 0) + 1
    counts = sorted(columns.values())
    assert len(counts) == 3 and counts[-1] - counts[0] <= 2, columns


def test_a_statement_beyond_the_continuation_cap_is_reported_naming_it(tmp_path):
    from conftest import MINIMAL_TOML, write_leaflet
    from handbill.build import build

    (tmp_path / "layouts").mkdir()
    tiny = CONTINUE_LAYOUT.replace("at = [10, 34, 128, 166]", "at = [10, 34, 128, 12]").replace("columns = 2", "")
    write(tmp_path / "layouts", "a5-tiny", tiny)
    paragraphs = [f"Paragraph {n}: workers of every country stand together against the war." for n in range(60)]
    leaflet = write_leaflet(tmp_path / "leaflets" / "long", MINIMAL_TOML.replace('"a4-flyer"', '"a5-tiny"'),
                            {"en": "# Headline\n\n" + "\n\n".join(paragraphs)})
    report = build(leaflet, out_dir=tmp_path / "out", workers=1)
    [failed] = report.failed
    assert "more than the 20 continuation pages" in str(failed.error), failed.error
