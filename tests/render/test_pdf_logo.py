"""PDF logos drawn as vectors (load/pdf_logo.py, render/pdf_logo.py): the page becomes a form XObject,
its CMYK kept exactly, its RGB converted, its embedded font kept, nothing RGB left in the PDF/X-4 file."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from handbill.model import Color as LayoutColor
from handbill.model import PlacedImage
from handbill.render.colour import Paint
from handbill.render.pdf_logo import draw_pdf_logo, pdf_logo_coverage
from logo_leaflet import build_logo_pdf, logo_leaflet, page_sampler
from pdfcheck import need, run

NOTO = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")
pytestmark = pytest.mark.skipif(not NOTO.is_file(), reason="Noto Sans not installed (fonts-noto-core)")


def make_logo(path: Path) -> None:
    """200 x 100 pt: a CMYK red block with black text in an embedded font, an RGB green disc, a grey square."""
    if "LogoNoto" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("LogoNoto", str(NOTO)))
    canvas = Canvas(str(path), pagesize=(200, 100), invariant=True)
    canvas.setFillColorCMYK(0, 1, 1, 0)
    canvas.rect(0, 0, 120, 100, fill=1, stroke=0)
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.setFont("LogoNoto", 30)
    canvas.drawString(10, 40, "PEACE")
    canvas.setFillColorRGB(0.1, 0.5, 0.2)
    canvas.circle(165, 50, 25, fill=1, stroke=0)
    canvas.setFillGray(0.5)
    canvas.rect(140, 0, 20, 15, fill=1, stroke=0)
    canvas.save()


def leaflet(tmp: Path) -> Path:
    return logo_leaflet(tmp, "logo.pdf", make_logo)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("pdflogo")
    return build_logo_pdf(leaflet(tmp), tmp / "out")


def forms(pdf: pikepdf.Pdf) -> list[pikepdf.Stream]:
    return [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form"]


def test_the_logo_is_a_form_with_its_cmyk_kept_and_its_rgb_converted(built: Path) -> None:
    with pikepdf.open(built) as pdf:
        assert pdf.open_metadata().get("pdfx:GTS_PDFXVersion") == "PDF/X-4"
        [form] = forms(pdf)
        content = form.read_bytes()
        assert [float(v) for v in form.BBox] == [0, 0, 200, 100]
        assert b"0 1 1 0 k" in content  # the red block: exactly the logo's CMYK
        assert b"0 0 0 1 k" in content  # black text: 100 % K
        greys = [float(k) for k in re.findall(rb"\n0 0 0 (0?\.\d+) k\nn\n140 0 20 15 re", content)]
        assert greys and 0.3 < greys[0] < 0.8  # 50 % grey: K only
        assert not re.search(rb"(?<![A-Za-z])(rg|RG)(?![A-Za-z])", content)
        green = re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) k\nn\n190 50 m", content)
        assert green and float(green[0][0]) > 0.5 and float(green[0][2]) > 0.5  # the disc: a CMYK green
        assert not any("/DeviceRGB" in repr(obj) for obj in pdf.objects
                       if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream))
        assert not [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    fonts = run(need("pdffonts"), str(built)).splitlines()[2:]
    assert any("NotoSans-Regular" in row and "TrueType " in row for row in fonts)  # the logo's own font
    assert all(" yes yes " in row for row in fonts), fonts  # every font embedded (Helvetica left out)
    run(need("qpdf"), "--check", str(built))
    assert "PEACE" in run(need("pdftotext"), str(built), "-")


def test_the_logo_is_drawn_where_its_frame_is(built: Path, tmp_path: Path) -> None:
    at = page_sampler(built, tmp_path)
    red, green = at(10 + 5, 10 + 5), at(10 + 82.5, 10 + 25)  # 200 pt over 100 mm: half a point per mm
    assert red[0] > 180 and red[1] < 80
    assert green[1] > green[0] + 40 and green[1] > green[2] + 30
    assert at(10 + 95, 10 + 5) == (255, 255, 255)


def test_the_same_sources_give_the_same_bytes(built: Path, tmp_path: Path) -> None:
    assert build_logo_pdf(leaflet(tmp_path), tmp_path / "out").read_bytes() == built.read_bytes()


def test_on_a_spot_ink_layout_the_logo_prints_in_tints_of_the_ink(tmp_path: Path) -> None:
    make_logo(tmp_path / "logo.pdf")
    riso = LayoutColor("red", "spot", (0, 1, 0.8, 0), ink="Riso Bright Red")
    placed = PlacedImage(10, 10, 100, 50, tmp_path / "logo.pdf", (200, 100), riso, vector=True)
    canvas = Canvas(str(tmp_path / "out.pdf"), pagesize=(200, 100))
    draw_pdf_logo(canvas, placed, Paint("cmyk"), None)
    canvas.showPage()
    canvas.save()
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        [form] = forms(pdf)
        content = form.read_bytes()
        space = form.Resources.ColorSpace.CS0
        assert space[0] == "/Separation" and space[1] == "/Riso Bright Red"
    assert b"/CS0 cs" in content and not re.search(rb"(?<![A-Za-z])(k|K|rg|RG)(?![A-Za-z])", content)
    assert b"/CS0 cs\n1 scn" in content  # black text: the full ink


def test_the_most_ink_of_a_logo_is_its_richest_colour(tmp_path: Path) -> None:
    make_logo(tmp_path / "logo.pdf")
    placed = PlacedImage(0, 0, 100, 50, tmp_path / "logo.pdf", (200, 100), vector=True)
    assert pdf_logo_coverage(placed, None) >= 200  # the red block: 100 % M + 100 % Y
