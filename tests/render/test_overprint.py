"""Black overprint: small 100 % K text and thin rules print over the red beneath them, in Ghostscript's
separations and in handbill's own, and a layout can turn it off."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from PIL import Image

from conftest import SEED
from handbill.model import MM, Color, ComposedDocument, ComposedPage, FilledRect, PlacedLine, PrintSpec
from handbill.pipeline import Session
from handbill.render.draw import render_pdf
from handbill.render.overprint import overprints
from handbill.render.separations import render_separations, separation_inks
from handbill.text.paragraph import ParagraphSpec, Span, TextStyle

RED = Color("red", "cmyk", (0, 1, 1, 0))
BLACK = Color("ink", "cmyk", (0, 0, 0, 1))
RICH = Color("rich", "cmyk", (0.6, 0.4, 0.4, 1))
SIZE = 100.0  # points: the page


@pytest.fixture(scope="module")
def text_line():
    setter = Session.for_leaflet(SEED).setter

    def make(size: float) -> PlacedLine:
        spec = ParagraphSpec((Span("HHHH"),), "en", TextStyle(size, bold=True), "left")
        return PlacedLine(10, 40, setter.typeset(spec, 90).lines[0], BLACK, "en")
    return make


def leaflet(line: PlacedLine, spec: PrintSpec, rule: bool = True) -> ComposedDocument:
    """Black text (and a 0.5 mm black rule) on a red field filling the page."""
    items = [FilledRect(0, 0, SIZE, SIZE, RED), line]
    if rule:
        items.append(FilledRect(10, 20, 80, 0.5 * MM, BLACK))
    return ComposedDocument(pages=(ComposedPage(tuple(items)),), width=SIZE, height=SIZE, bleed=0, crop_marks=False,
                            mark_offset=0, mark_length=10, title="t", lang="en", subject="s",
                            created=datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.UTC), output=spec)


def tiffsep(data: bytes, tmp: Path) -> dict[str, Image.Image]:
    """Ghostscript's separations of a PDF at 72 dpi: ink name -> grey plate (0 = full ink)."""
    gs = shutil.which("gs") or pytest.skip("Ghostscript is not installed")
    (tmp / "in.pdf").write_bytes(data)
    run = subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", "-r72",
                          f"-sOutputFile={tmp / 'sep.tif'}", str(tmp / "in.pdf")], capture_output=True, text=True)
    assert run.returncode == 0 and not run.stdout + run.stderr, run.stdout + run.stderr
    return {ink: Image.open(tmp / f"sep({ink}).tif").convert("L") for ink in ("Cyan", "Magenta", "Yellow", "Black")}


def inked(plate: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int]:
    """Pixels of a plate's box carrying (near) full ink, and pixels carrying none."""
    pixels = plate.crop(box).tobytes()
    return sum(1 for v in pixels if v < 64), sum(1 for v in pixels if v > 192)


def text_box() -> tuple[int, int, int, int]:
    return (10, 30, 90, 60)  # pixels at 72 dpi, y down: around the baseline at y = 40 pt up


def test_which_items_overprint(text_line):
    spec = PrintSpec()
    assert overprints(text_line(10), spec) and not overprints(text_line(30), spec)
    assert not overprints(replace(text_line(10), color=RICH), spec)
    assert overprints(FilledRect(0, 0, 100, 0.5 * MM, BLACK), spec)
    assert not overprints(FilledRect(0, 0, 100, 5 * MM, BLACK), spec)
    assert not overprints(text_line(10), replace(spec, overprint=0))
    assert not overprints(text_line(10), replace(spec, color="rgb", pdfx=""))


def test_the_pdf_says_overprint_with_opm_1(text_line):
    data = render_pdf(leaflet(text_line(12), PrintSpec()))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        states = pdf.pages[0].Resources.ExtGState
        keys = {(str(k), bool(v) if isinstance(v, bool) else int(v)) for s in states.values() for k, v in s.items()}
    assert {("/OP", True), ("/op", True), ("/OPM", 1)} <= keys


def test_ghostscript_separations_keep_the_red_under_black_text(text_line, tmp_path: Path):
    plates = tiffsep(render_pdf(leaflet(text_line(14), PrintSpec())), tmp_path)
    black_ink, _ = inked(plates["Black"], text_box())
    full, holes = inked(plates["Magenta"], text_box())
    assert black_ink > 100, "the text is on the black plate"
    assert holes == 0 and full == (text_box()[2] - text_box()[0]) * (text_box()[3] - text_box()[1])
    rule = (10, 100 - 21, 90, 100 - 20)
    assert inked(plates["Magenta"], rule)[1] == 0 and inked(plates["Black"], rule)[0] > 0


def test_without_overprint_black_text_knocks_out(text_line, tmp_path: Path):
    plates = tiffsep(render_pdf(leaflet(text_line(14), PrintSpec(overprint=0))), tmp_path)
    black_ink, _ = inked(plates["Black"], text_box())
    _, holes = inked(plates["Magenta"], text_box())
    assert holes > black_ink * 0.8, "the text knocks a hole in the red"


def test_large_black_type_knocks_out(text_line, tmp_path: Path):
    plates = tiffsep(render_pdf(leaflet(text_line(30), PrintSpec(), rule=False)), tmp_path)
    assert inked(plates["Magenta"], (10, 20, 90, 62))[1] > 100


def test_handbills_own_separations_honour_overprint(text_line):
    def magenta_holes(spec: PrintSpec) -> int:
        document = leaflet(text_line(14), spec)
        data = render_separations(document)
        index = separation_inks(document).index("Magenta")
        with pikepdf.open(io.BytesIO(data)) as parsed:  # the plate has a margin for marks and its label
            x0, _, _, y1 = (float(v) for v in parsed.pages[index].obj.TrimBox)
            top = float(parsed.pages[index].obj.MediaBox[3])
        pdf = pypdfium2.PdfDocument(data)
        try:
            page = pdf[index].render(scale=1).to_pil().convert("L")
            image = page.crop((round(x0), round(top - y1), round(x0) + int(SIZE), round(top - y1) + int(SIZE)))
        finally:
            pdf.close()
        return inked(image, text_box())[1]

    assert magenta_holes(PrintSpec()) == 0
    assert magenta_holes(PrintSpec(overprint=0)) > 100


def test_check_reports_what_overprints(text_line):
    from handbill.check import overprint_summary

    assert overprint_summary(leaflet(text_line(12), PrintSpec())) == ("100 % K text under 24 pt: 1 line; "
                                                                      "100 % K rules under 1 mm: 1")
    assert overprint_summary(leaflet(text_line(12), PrintSpec(overprint=0))) == "off (black knocks out)"


@pytest.mark.parametrize(("value", "expected"), [("false", 0.0), ("true", 24.0), ("12", 12.0)])
def test_layout_overprint_key(tmp_path: Path, value: str, expected: float):
    from conftest import ROOT
    from handbill.load.layout import load_layout

    base = (ROOT / "layouts" / "a6-card.toml").read_text(encoding="utf-8")
    assert "[output]" not in base
    path = tmp_path / "x.toml"
    path.write_text(base + f"\n[output]\noverprint = {value}\noverprint_rule = 0.5\n", encoding="utf-8")
    spec = load_layout(path, [ROOT / "layouts"]).output
    assert spec.overprint == expected and spec.overprint_rule == pytest.approx(0.5 * MM)
