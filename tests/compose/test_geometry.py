"""Composition measured exactly, with a font whose glyphs are boxes (built here with fontTools'
fontBuilder): every glyph 600 units wide on a 1000-unit em, so positions are known to the point.

What is pinned down: a start-aligned line starts at its frame's edge (the left one, or the mirrored
right one in a right-to-left version), glyphs follow at their advances, baselines step by size x
leading from the frame's top, a second column starts one column and one gutter further on, and a
right-to-left version mirrors the frame across the page.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from handbill.compose import compose, plan_jobs
from handbill.compose.fit import baseline_in_slot
from handbill.fonts.catalog import load_catalog
from handbill.load import load_layout, load_leaflet
from handbill.model import MM, PlacedLine
from handbill.text.paragraph import Typesetter

ADVANCE, UPM = 600, 1000
CHARS = [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0x05D0, 0x05EB)]  # ASCII, Hebrew
FRAME_X_MM, FRAME_Y_MM, FRAME_W_MM, FRAME_H_MM, GUTTER_MM = 20, 30, 120, 150, 10
SIZE, LEADING = 10.0, 1.5

CATALOG = """[families."Box"]
source = "built by the test"
regular = "Box.ttf"
bold = "Box.ttf"
italic = "Box.ttf"
bold_italic = "Box.ttf"
[scripts]
Latn = ["Box"]
Hebr = ["Box"]
Zyyy = ["Box"]
default = ["Box"]
"""

LAYOUT = f"""description = "geometry test"
versions = "statement"
[page]
size = "A4"
bleed = 0
mirror_rtl = true
[colors]
ink = {{ cmyk = [0, 0, 0, 100] }}
[styles.body]
size = {SIZE}
min_size = {SIZE}
max_size = {SIZE}
leading = {LEADING}
color = "ink"
align = "start"
[[pages]]
[[pages.frames]]
block = "statement"
at = [{FRAME_X_MM}, {FRAME_Y_MM}, {FRAME_W_MM}, {FRAME_H_MM}]
style = "body"
columns = COLUMNS
gutter = {GUTTER_MM}
fit = "none"
"""

LEAFLET = """title = "Geometry"
date = 2024-05-01
lang = "en"
layouts = ["geometry"]
[[slogans]]
lang = "en"
text = "Boxes"
"""


def box_font(path: Path) -> None:
    names = [".notdef", *(f"u{ord(c):04X}" for c in CHARS)]
    builder = FontBuilder(UPM, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"u{ord(c):04X}" for c in CHARS})
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        if name != "u0020":
            pen.moveTo((50, 0))
            pen.lineTo((50, 700))
            pen.lineTo((550, 700))
            pen.lineTo((550, 0))
            pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (ADVANCE, 50) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Box", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200, sCapHeight=700,
                     sxHeight=500)
    builder.setupPost()
    builder.save(str(path))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("geometry")
    (root / "fonts").mkdir()
    box_font(root / "fonts" / "Box.ttf")
    (root / "fonts" / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    return root


def composed(project: Path, lang: str, statement: str, columns: int = 1) -> tuple[list[PlacedLine], float]:
    leaflet_dir = project / f"leaflet-{lang}-{columns}"
    (leaflet_dir / "layouts").mkdir(parents=True, exist_ok=True)
    (leaflet_dir / "layouts" / "geometry.toml").write_text(LAYOUT.replace("COLUMNS", str(columns)),
                                                           encoding="utf-8")
    (leaflet_dir / "leaflet.toml").write_text(LEAFLET, encoding="utf-8")
    (leaflet_dir / f"statement.{lang}.md").write_text(statement, encoding="utf-8")
    leaflet = load_leaflet(leaflet_dir)
    layout = load_layout(leaflet_dir / "layouts" / "geometry.toml")
    jobs, _ = plan_jobs(leaflet, [layout], [lang])
    setter = Typesetter(load_catalog(project / "fonts" / "catalog.toml"))
    document = compose(jobs[0], setter)
    lines = [item for item in document.pages[0].items if isinstance(item, PlacedLine)]
    return lines, document.height


def glyph_step() -> float:
    return ADVANCE / UPM * SIZE


def test_a_start_aligned_line_starts_at_the_frame_edge_and_glyphs_follow_at_their_advances(project: Path):
    lines, _ = composed(project, "en", "AAAA BBBB\n")
    line = lines[0]
    assert line.x == pytest.approx(FRAME_X_MM * MM)
    xs = [glyph.x for glyph in line.line.glyphs if glyph.text.strip()]
    assert xs == pytest.approx([i * glyph_step() for i in range(9) if i != 4])


def test_baselines_step_by_size_times_leading_from_the_frame_top(project: Path):
    words = " ".join(["ABCDEFGH"] * 60)  # several lines in a 120 mm column
    lines, height = composed(project, "en", words + "\n")
    assert len(lines) >= 3
    top = height - FRAME_Y_MM * MM
    assert lines[0].y == pytest.approx(top - baseline_in_slot(SIZE, LEADING))
    steps = [a.y - b.y for a, b in pairwise(lines)]
    assert steps == pytest.approx([SIZE * LEADING] * len(steps))
    assert all(line.line.width <= FRAME_W_MM * MM + 1e-6 for line in lines)


def test_a_second_column_starts_one_column_and_a_gutter_further(project: Path):
    words = " ".join(["ABCDEFGH"] * 100)  # more than one column holds, less than two
    lines, _ = composed(project, "en", words + "\n", columns=2)
    column = (FRAME_W_MM - GUTTER_MM) / 2 * MM
    starts = sorted({round(line.x, 6) for line in lines})
    assert starts == pytest.approx([FRAME_X_MM * MM, FRAME_X_MM * MM + column + GUTTER_MM * MM])


def test_a_right_to_left_version_mirrors_the_frame_and_ends_lines_at_its_right_edge(project: Path):
    lines, _ = composed(project, "he", "אבגד הוזח\n")
    page_width = 210 * MM
    frame_right = page_width - FRAME_X_MM * MM  # the mirrored frame's right edge
    line = lines[0]
    assert line.x + line.line.width == pytest.approx(frame_right)
    xs = sorted(glyph.x for glyph in line.line.glyphs if glyph.text.strip())
    assert xs == pytest.approx([i * glyph_step() for i in range(9) if i != 4])
