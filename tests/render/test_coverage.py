"""Total ink per condition: the rendered page (images, overprint and spot inks included) measured through
Ghostscript's separations against the condition's limit, and the colour or image that exceeds it."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from handbill.check import coverage_findings
from handbill.model import MM, Color, ComposedDocument, ComposedPage, FilledRect, PlacedImage, PrintSpec
from handbill.render.coverage import image_coverage, page_coverage
from handbill.render.draw import render_pdf

pytestmark = pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript is not installed")
GS_DEFAULT = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
RED = Color("red", "cmyk", (0, 1, 1, 0.1))
RICH = Color("rich black", "cmyk", (0.8, 0.7, 0.7, 1))  # 320 %
SPOT = Color("riso red", "spot", (0, 0.89, 0.78, 0), 1.0, "Riso Bright Red")
SPOT_BLACK = Color("riso black", "spot", (0, 0, 0, 1), 1.0, "Riso Black")
LAYOUT = SimpleNamespace(path=Path("layouts/test.toml"))


def doc(*items, spec: PrintSpec | None = None) -> ComposedDocument:
    return ComposedDocument(pages=(ComposedPage(tuple(items)),), width=200, height=200, bleed=3 * MM,
                            crop_marks=True, mark_offset=3 * MM, mark_length=5 * MM, title="t", lang="en",
                            subject="s", created=datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.UTC),
                            output=spec or PrintSpec(ink_limit=300))


def test_a_rich_black_over_the_limit_is_found_and_named():
    document = doc(FilledRect(0, 0, 200, 200, RED), FilledRect(20, 20, 40, 40, RICH))
    (page,) = page_coverage(render_pdf(document), document)
    assert page.tac == pytest.approx(320, abs=1.5)
    assert page.source == "colour 'rich black'"
    assert 200 / MM - 60 / MM - 1 <= page.y_mm <= 200 / MM - 20 / MM + 1  # where it is, from the top
    swop, _ = coverage_findings(render_pdf(document), document, LAYOUT)  # type: ignore[arg-type]
    assert len(swop) == 1 and "320 % total ink" in swop[0].message and "rich black" in swop[0].message
    fogra = doc(*document.pages[0].items, spec=PrintSpec(condition="FOGRA39", ink_limit=330))
    assert coverage_findings(render_pdf(fogra), fogra, LAYOUT)[0] == []  # type: ignore[arg-type]


def test_marks_in_registration_are_not_counted():
    document = doc(FilledRect(0, 0, 200, 200, RED))  # marks are 400 %: outside the bleed, trimmed off
    (page,) = page_coverage(render_pdf(document), document)
    assert page.tac == pytest.approx(210, abs=1.5)


def test_spot_inks_knock_out_where_they_overlap():
    document = doc(FilledRect(0, 0, 100, 200, SPOT), FilledRect(50, 0, 100, 200, SPOT_BLACK))
    (page,) = page_coverage(render_pdf(document), document)
    assert page.tac == pytest.approx(100, abs=1.5)  # the black knocks out the red beneath it


def test_an_overprinting_black_rule_adds_its_black_to_the_red():
    black = Color("black", "cmyk", (0, 0, 0, 1))
    document = doc(FilledRect(0, 0, 200, 200, RED), FilledRect(20, 100, 150, 0.9 * MM, black))
    (page,) = page_coverage(render_pdf(document), document)
    assert page.tac == pytest.approx(300, abs=1.5)  # M 100 + Y 100 + K 100: the red is not knocked out
    assert page.source == "colour 'black' over colour 'red'"
    off = doc(*document.pages[0].items, spec=PrintSpec(ink_limit=300, overprint=0))
    assert page_coverage(render_pdf(off), off)[0].tac == pytest.approx(210, abs=1.5)


@pytest.mark.skipif(not GS_DEFAULT.is_file(), reason="libgs-common is not installed")
def test_an_image_over_the_limit_is_named(tmp_path: Path):
    photo = tmp_path / "night.png"
    Image.new("RGB", (40, 40), (5, 5, 20)).save(photo)  # a night sky: near black
    image = PlacedImage(20, 20, 100, 100, photo, (40, 40), key="pages[0].frames[1]")
    limited = PrintSpec(ink_limit=260)  # an uncoated paper's limit
    assert image_coverage(image, GS_DEFAULT.read_bytes()) > 280
    document = doc(FilledRect(0, 0, 200, 200, Color("paper", "cmyk", (0, 0, 0, 0))), image, spec=limited)
    data = render_pdf(document)
    (page,) = page_coverage(data, document)
    assert page.tac > 280 and page.source == "image night.png"
    found, most = coverage_findings(data, document, LAYOUT)  # type: ignore[arg-type]
    assert most == pytest.approx(page.tac)
    messages = [f.message for f in found]
    assert any(m.startswith("image night.png carries up to") and "260 % limit" in m for m in messages)
    assert any("total ink" in m and m.endswith("image night.png") for m in messages)
