"""A leaflet whose one layout shows a headline and a logo, for the tests of logos drawn as vectors
(render/test_vector.py: SVG, render/test_pdf_logo.py: PDF): build it once, read its page back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

from conftest import MINIMAL_TOML, write_leaflet
from handbill.build import build
from pdfcheck import need, run

MM = 72 / 25.4
# the logo frame: 100 x 50 mm, 10 mm from the trim's left and top
LAYOUT = """[styles.headline]
size = 20
[[pages]]
[[pages.frames]]
block = "headline"
at = [10, 70, 100, 20]
[[pages.frames]]
block = "logo"
at = [10, 10, 100, 50]
"""
Pixel = tuple[int, int, int]


def draw_group_logo(path: Path) -> None:
    """A group's logo as a volunteer has one: a 600 px PNG at 300 dpi, drawn here (no binary committed)."""
    image = Image.new("RGB", (600, 600), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((50, 50, 550, 550), fill=(200, 20, 40))
    draw.rectangle((260, 125, 340, 475), fill="white")
    image.save(path, dpi=(300, 300))


def logo_leaflet(tmp: Path, logo: str, write_logo: Callable[[Path], None]) -> Path:
    """The leaflet folder ``tmp/lf`` (English, layout ``logo`` from ``tmp/layouts``), its logo file
    ``logo`` written by ``write_logo``."""
    (tmp / "layouts").mkdir(exist_ok=True)
    (tmp / "layouts" / "logo.toml").write_text(LAYOUT, encoding="utf-8")
    toml = MINIMAL_TOML.replace('"a4-flyer"', '"logo"').replace(
        'organisation = "Test Network"', f'organisation = "Test Network"\nlogo = "{logo}"')
    folder = write_leaflet(tmp / "lf", toml, {"en": "# Hi\n\nText.\n"})
    write_logo(folder / logo)
    return folder


def build_logo_pdf(folder: Path, out: Path) -> Path:
    """The leaflet built into ``out`` without a failure or a warning: its PDF."""
    report = build(folder, out_dir=out)
    assert not report.failed and not report.warnings, (report.failed, report.warnings)
    return out / folder.name / "logo.en.pdf"


def page_sampler(pdf: Path, tmp: Path) -> Callable[[float, float], Pixel]:
    """The first page rendered at 72 dpi: a function giving the colour at (x, y) millimetres from the
    trim's top-left."""
    import pikepdf

    run(need("pdftoppm"), "-r", "72", "-png", "-singlefile", str(pdf), str(tmp / "page"))
    page = Image.open(tmp / "page.png").convert("RGB")
    with pikepdf.open(pdf) as document:
        media, trim = ([float(v) for v in box] for box in (document.pages[0].mediabox, document.pages[0].trimbox))
    left_edge, top_edge = trim[0] - media[0], media[3] - trim[3]  # the bleed around the trim

    def at(x_mm: float, y_mm: float) -> Pixel:
        pixel = page.getpixel((round(left_edge + x_mm * MM), round(top_edge + y_mm * MM)))
        assert isinstance(pixel, tuple)
        return pixel[0], pixel[1], pixel[2]

    return at
