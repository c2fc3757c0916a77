"""Total ink coverage of rendered pages, measured as the press would lay it down, and what causes it.

    pages = page_coverage(pdf_bytes, document)      # one PageCoverage per page (Ghostscript's tiffsep)
    image_coverage(placed, profile)                 # the most ink an image's pixels carry after conversion

Ghostscript renders the file to one plate per ink (``tiffsep``: process inks and spot inks, overprint
applied as on press) at ``DPI``; the total area coverage (TAC) of a pixel is the sum of its plates'
inks in percent. Only the BleedBox is measured: marks and the slug outside it print in registration (100 %
of every ink) and are trimmed off. The pixel with the most ink is traced back to the topmost item under
it: an image by file name, a colour by name, or text (overprinting what lies beneath).

Images are measured on their own too, exactly: their pixels converted to CMYK through the output
profile (as the renderer does), the largest C+M+Y+K of any pixel.

Why not Ghostscript's ``inkcov`` device: it reports each page's average coverage per ink, not the
maximum of any spot, which is what a press's ink limit is about.
"""

from __future__ import annotations

import io
import math
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageMath, ImageOps

from handbill.model import MM, ComposedDocument, FilledRect, PlacedCode, PlacedImage, PlacedLine, PrintSpec
from handbill.render.images import shown, to_cmyk
from handbill.render.overprint import overprints

DPI = 36  # coarse enough to be quick (an A2 poster is 600 x 840 pixels), fine enough for type and rules


@dataclass(frozen=True)
class PageCoverage:
    """The most ink on one page: percent, where (mm from the trim's top-left), and what lies there."""

    page: int
    tac: float
    x_mm: float
    y_mm: float
    source: str


def ghostscript() -> str | None:
    """The Ghostscript command, if installed."""
    return shutil.which("gs")


def page_coverage(data: bytes, document: ComposedDocument) -> list[PageCoverage]:
    """The maximum total ink of every page of a rendered print file, inside its bleed."""
    gs = ghostscript()
    if gs is None:
        return []
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        boxes = [([float(v) for v in page.obj.MediaBox], [float(v) for v in page.obj.get("/BleedBox",
                  page.obj.MediaBox)], [float(v) for v in page.obj.get("/TrimBox", page.obj.MediaBox)])
                 for page in pdf.pages]
    with tempfile.TemporaryDirectory(prefix="handbill-tac-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(data)
        subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", f"-r{DPI}",
                        f"-sOutputFile={Path(folder) / 'p%d.tif'}", str(source)],
                       check=True, capture_output=True, timeout=300)
        result = []
        for number, (media, bleed, trim) in enumerate(boxes, start=1):
            plates = sorted(Path(folder).glob(f"p{number}(*).tif"))
            result.append(_page_maximum(number, plates, media, bleed, trim, document))
    return result


def _page_maximum(number: int, plates: list[Path], media: list[float], bleed: list[float], trim: list[float],
                  document: ComposedDocument) -> PageCoverage:
    scale = DPI / 72
    top = media[3]
    # a pixel inside the BleedBox: marks start on its edge (never inside), and a pixel is coarse
    box = (math.ceil((bleed[0] - media[0]) * scale) + 1, math.ceil((top - bleed[3]) * scale) + 1,
           math.floor((bleed[2] - media[0]) * scale) - 1, math.floor((top - bleed[1]) * scale) - 1)
    inks = []
    for path in plates:
        with Image.open(path) as plate:
            inks.append(ImageOps.invert(plate.convert("L").crop(box)).convert("I"))  # tiffsep: 0 is full ink
    if not inks:
        return PageCoverage(number, 0.0, 0.0, 0.0, "")
    total = _sum(inks)
    most = total.getextrema()[1]
    assert isinstance(most, int)
    where = ImageMath.lambda_eval(lambda a: a["t"] == most, t=total).convert("L").getbbox() or (0, 0, 1, 1)
    px, py = where[0] + 0.5, where[1] + 0.5
    x = media[0] + (box[0] + px) / scale - trim[0]  # points from the trim's left
    y = top - (box[1] + py) / scale - trim[1]  # points from the trim's bottom (PDF space)
    page = document.pages[number - 1] if number <= len(document.pages) else None
    source = _what_is_at(page.items, x, y, document.output) if page is not None else ""
    return PageCoverage(number, most / 255 * 100, x / MM, (document.height - y) / MM, source)


def _sum(bands: list[Image.Image]) -> Image.Image:
    """The pixel-wise sum of 32-bit integer images."""
    total = bands[0]
    for band in bands[1:]:
        total = ImageMath.lambda_eval(lambda a: a["t"] + a["b"], t=total, b=band)
    return total


def _what_is_at(items: tuple[PlacedLine | FilledRect | PlacedImage | PlacedCode, ...], x: float, y: float,
                spec: PrintSpec) -> str:
    """The topmost item at a point (trim coordinates, points), named for a message; an overprinting item
    with what it overprints."""
    hits = [item for item in items if _contains(item, x, y)]
    if not hits:
        return ""
    top = hits[-1]
    if isinstance(top, PlacedImage):
        return f"image {top.path.name}"
    under = next((item for item in reversed(hits[:-1]) if not isinstance(item, PlacedLine)), None)
    beneath = f" over {_name(under)}" if under is not None and overprints(top, spec) else ""
    if isinstance(top, PlacedLine):
        return f"text in colour {top.color.name!r}{beneath}"
    return f"{_name(top)}{beneath}"


def _name(item: FilledRect | PlacedImage | PlacedCode | PlacedLine) -> str:
    if isinstance(item, PlacedImage):
        return f"image {item.path.name}"
    return f"colour {item.color.name!r}"


def _contains(item: PlacedLine | FilledRect | PlacedImage | PlacedCode, x: float, y: float) -> bool:
    slack = 72 / DPI  # a pixel
    if isinstance(item, PlacedLine):
        glyphs = item.line.glyphs
        if not glyphs:
            return False
        size = max(g.size for g in glyphs)
        left = item.x + min(g.x for g in glyphs)
        return (left - slack <= x <= item.x + item.line.width + slack
                and item.y - 0.25 * size - slack <= y <= item.y + 0.8 * size + slack)
    if isinstance(item, PlacedCode):
        return item.x - slack <= x <= item.x + item.size + slack and item.y - slack <= y <= item.y + item.size + slack
    return (item.x - slack <= x <= item.x + item.width + slack
            and item.y - slack <= y <= item.y + item.height + slack)


def image_coverage(placed: PlacedImage, profile: bytes | None, limit: float | None = None) -> float:
    """The most ink (percent, C+M+Y+K) any pixel of a process image carries once converted for print (any
    colour, for an SVG logo)."""
    if placed.vector and placed.path.suffix.lower() == ".pdf":
        from handbill.render.pdf_logo import pdf_logo_coverage

        return pdf_logo_coverage(placed, profile)
    if placed.vector:
        from handbill.render.vector import vector_coverage

        return vector_coverage(placed, profile, limit)
    cmyk = to_cmyk(shown(placed), profile, limit)  # as the build converts it
    most = _sum([band.convert("I") for band in cmyk.split()]).getextrema()[1]
    assert isinstance(most, int)
    return most / 255 * 100
