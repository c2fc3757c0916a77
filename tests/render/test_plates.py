"""Risograph plates a crew can register: every separation page names its ink (and the leaflet, date and
handbill version) and carries registration targets and cut marks, all outside the printed area."""

from __future__ import annotations

import io

import pikepdf
import pypdfium2
import pytest

from conftest import SEED
from handbill.build import plan
from handbill.compose import compose
from handbill.pipeline import Session
from handbill.render.separations import render_separations, separation_inks
from handbill.version import __version__

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def plates() -> tuple[bytes, list[str]]:
    leaflet, jobs, _ = plan(SEED, ["riso-2colour"], ["fa"])
    document = compose(jobs[0], Session.for_leaflet(leaflet.folder).setter)
    return render_separations(document), separation_inks(document)


def test_each_plate_names_its_ink_outside_the_printed_area(plates):
    data, inks = plates
    assert inks == ["Riso Bright Red", "Riso Black"]
    with pikepdf.open(io.BytesIO(data)) as parsed:
        trims = [[float(v) for v in page.obj.TrimBox] for page in parsed.pages]
    pdf = pypdfium2.PdfDocument(data)
    try:
        for index, ink in enumerate(inks):
            text = pdf[index].get_textpage()
            content = text.get_text_range()
            label = f"{ink} · victory-day-2023 · riso-2colour · fa · 2023-05-09 · handbill {__version__}"
            assert label in content, content[:200]
            start = content.index(label)
            boxes = [text.get_charbox(i) for i in range(start, start + len(label)) if content[i].strip()]
            assert min(bottom for _, bottom, _, _ in boxes) > trims[index][3], "the label lies above the trim"
            others = [other for other in inks if other != ink]
            assert not any(f"{other} · victory" in content for other in others)
    finally:
        pdf.close()


def test_each_plate_carries_registration_targets_beside_the_trim(plates):
    data, inks = plates
    pdf = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(inks)):
            page = pdf[index]
            image = page.render(scale=1).to_pil().convert("L")
            width, height = page.get_size()
            with pikepdf.open(io.BytesIO(data)) as parsed:
                x0, y0, x1, y1 = (float(v) for v in parsed.pages[index].obj.TrimBox)
            middle = round(height - (y0 + y1) / 2)
            left_band = image.crop((0, middle - 10, round(x0), middle + 10))
            right_band = image.crop((round(x1), middle - 10, round(width), middle + 10))
            top_band = image.crop((round((x0 + x1) / 2) - 10, 0, round((x0 + x1) / 2) + 10, round(height - y1)))
            for band in (left_band, right_band, top_band):
                assert min(band.tobytes()) < 128, "a target in the registration colour on every plate"
    finally:
        pdf.close()
