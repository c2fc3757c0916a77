"""SVG logos drawn as vectors (load/vector.py, render/vector.py): no RGB in a PDF/X-4 print file, black
in black ink only, the drawing where its frame is, tints on a spot-ink layout, and the same bytes twice."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color

from handbill.model import Color as LayoutColor
from handbill.model import PlacedImage
from handbill.render.colour import Paint
from handbill.render.vector import convert, process_cmyk, vector_coverage
from logo_leaflet import build_logo_pdf, logo_leaflet, page_sampler
from pdfcheck import need, run

# 100 x 50 mm: a red-to-yellow gradient band on the left half, a black disc with a white ring, a 50 % grey
# square and a half-transparent green triangle on the right half
LOGO = """<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="50mm" viewBox="0 0 200 100">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="0">
    <stop offset="0" stop-color="#e4003a"/><stop offset="1" stop-color="#ffd400"/></linearGradient></defs>
  <rect x="0" y="0" width="100" height="100" fill="url(#g)"/>
  <circle cx="50" cy="50" r="30" fill="#000" stroke="#fff" stroke-width="4"/>
  <rect x="110" y="10" width="30" height="30" fill="#808080"/>
  <path d="M150 10 L195 50 L150 90 Z" fill="#1a7f37" fill-opacity="0.5"/>
</svg>
"""


def write_logo(path: Path) -> None:
    path.write_text(LOGO, encoding="utf-8")


def leaflet(tmp: Path) -> Path:
    return logo_leaflet(tmp, "logo.svg", write_logo)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("vector")
    return build_logo_pdf(leaflet(tmp), tmp / "out")


def content_streams(pdf: pikepdf.Pdf) -> list[bytes]:
    """Every page's content and every form XObject's."""
    streams = [page.obj.Contents.read_bytes() if isinstance(page.obj.Contents, pikepdf.Stream) else
               b"".join(part.read_bytes() for part in page.obj.Contents) for page in pdf.pages]
    streams += [obj.read_bytes() for obj in pdf.objects
                if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form"]
    return streams


def test_an_svg_logo_brings_no_rgb_into_the_print_file(built: Path) -> None:
    with pikepdf.open(built) as pdf:
        assert pdf.open_metadata().get("pdfx:GTS_PDFXVersion") == "PDF/X-4"
        operators = [re.findall(rb"(?<![A-Za-z/])(rg|RG|k|K|sh)(?![A-Za-z])", data) for data in content_streams(pdf)]
        found = [op for ops in operators for op in ops]
        assert b"rg" not in found and b"RG" not in found
        assert b"sh" in found  # the gradient: a shading, in CMYK
        assert not any("/DeviceRGB" in repr(obj) for obj in pdf.objects
                       if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream))
        shadings = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and "/ShadingType" in obj]
        assert shadings and all(s.ColorSpace == "/DeviceCMYK" for s in shadings)
        # vectors: no image XObject at all
        assert not [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    run(need("qpdf"), "--check", str(built))


def test_black_prints_in_black_ink_only_and_colours_through_the_profile(built: Path) -> None:
    with pikepdf.open(built) as pdf:
        data = b"\n".join(content_streams(pdf))
    assert b"0 0 0 1 k" in data  # the disc: 100 % K, not a four-colour black
    greys = [float(k) for k in re.findall(rb"\n0 0 0 (0?\.\d+) k\n", data)]
    assert greys and all(0.3 < k < 0.8 for k in greys)  # 50 % grey: K only, by its lightness in the profile
    assert process_cmyk(Color(0, 0, 0), None) == (0, 0, 0, 1)
    c, m, y, _ = process_cmyk(Color(0.1, 0.5, 0.2), None)
    assert c > 0.5 and y > 0.5 and m < 0.5  # a green, not a grey


def test_the_logo_is_drawn_where_its_frame_is(built: Path, tmp_path: Path) -> None:
    at = page_sampler(built, tmp_path)
    disc = at(10 + 25, 10 + 25)
    assert max(disc) < 60  # black
    left, right = at(10 + 2, 10 + 5), at(10 + 48, 10 + 5)
    assert left[0] > 150 and left[1] < 100  # red end of the gradient
    assert right[0] > 150 and right[1] > 150 and right[2] < 100  # yellow end
    grey = at(10 + 62, 10 + 12)
    assert 90 < grey[0] < 180 and abs(grey[0] - grey[1]) < 12  # a mid grey
    green = at(10 + 80, 10 + 25)
    assert green[1] > green[0] and green[1] > green[2] and green[1] > 120  # light green: half transparent
    assert at(10 + 99, 10 + 48) == (255, 255, 255)  # outside the triangle: paper


def test_the_same_sources_give_the_same_bytes(built: Path, tmp_path: Path) -> None:
    assert build_logo_pdf(leaflet(tmp_path), tmp_path / "out").read_bytes() == built.read_bytes()


def placed(ink: LayoutColor | None = None) -> PlacedImage:
    return PlacedImage(0, 0, 100, 50, Path("logo.svg"), (283, 142), ink, vector=True)


def test_colours_for_each_kind_of_output() -> None:
    green = Color(0.1, 0.5, 0.2, alpha=0.5)
    assert convert(green, placed(), Paint("rgb"), None) is green  # a screen file keeps the SVG's colours
    composite = convert(green, placed(), Paint("cmyk"), None)
    assert isinstance(composite, CMYKColor) and composite.alpha == 0.5
    riso = LayoutColor("red", "spot", (0, 1, 0.8, 0), ink="Riso Bright Red")
    tint = convert(green, placed(riso), Paint("cmyk"), None)
    assert isinstance(tint, CMYKColorSep) and tint.spotName == "Riso Bright Red"
    assert tint.density == pytest.approx(1 - (0.299 * 0.1 + 0.587 * 0.5 + 0.114 * 0.2))
    plate = convert(Color(0, 0, 0), placed(), Paint("cmyk", ink="Black"), None)
    assert (plate.cyan, plate.magenta, plate.yellow, plate.black) == (0, 0, 0, 1)
    assert convert(Color(0, 0, 0), placed(), Paint("cmyk", ink="Cyan"), None).black == 0  # black: no cyan


def test_the_most_ink_of_a_logo_is_its_richest_colour(tmp_path: Path) -> None:
    folder = leaflet(tmp_path)
    logo = PlacedImage(0, 0, 100, 50, folder / "logo.svg", (283, 142), vector=True)
    richest = max(sum(process_cmyk(Color(*rgb), None)) for rgb in
                  [(0.894118, 0, 0.227451), (1, 0.831373, 0), (0.101961, 0.498039, 0.215686)]) * 100
    assert vector_coverage(logo, None) == pytest.approx(richest)
