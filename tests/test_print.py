"""Print files as a print shop and a risograph crew receive them, read back with qpdf, poppler and Ghostscript.

The A3 poster: PDF/X-4 with an embedded CMYK output profile, exact boxes, marks outside the bleed, every
font embedded, no RGB. The two-colour riso poster: one grey page per ink. The A5 handbill: front and back side by
side on one SRA4 plate (work and turn), a double cut between them, marks at every cut.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from conftest import SEED
from handbill.build import plan
from handbill.compose import compose
from handbill.model import ComposedDocument
from handbill.pipeline import Session
from handbill.render.draw import render_pdf
from handbill.render.outputs import job_outputs
from pdfcheck import MM, boxes, fonts, info, need, run

pytestmark = pytest.mark.slow


def composed(layout: str, lang: str) -> tuple[ComposedDocument, object]:
    """The seed leaflet's version in a layout and language, composed (and its job)."""
    leaflet, jobs, _ = plan(SEED, [layout], [lang])
    session = Session.for_leaflet(leaflet.folder)
    return compose(jobs[0], session.setter), jobs[0]


@pytest.fixture(scope="module")
def poster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    document, _ = composed("a3-poster", "en")
    path = tmp_path_factory.mktemp("poster") / "a3-poster.en.pdf"
    path.write_bytes(render_pdf(document))
    return path


def qdf(path: Path) -> str:
    """The file with every stream uncompressed (qpdf --qdf), as text."""
    out = path.with_suffix(".qdf")
    subprocess.run([need("qpdf"), "--qdf", "--object-streams=disable", str(path), str(out)], check=True)
    return out.read_bytes().decode("latin-1")


def obj(text: str, number: str) -> str:
    """One object of a qdf file, from 'N 0 obj' to 'endobj'."""
    match = re.search(rf"^{number} 0 obj\n(.*?)^endobj", text, re.M | re.S)
    assert match, f"object {number} not found"
    return match.group(1)


def test_poster_boxes_trim_bleed_and_media(poster: Path):
    box = boxes(poster)
    trim, bleed, media = box["Trim"], box["Bleed"], box["Media"]
    assert ((trim[2] - trim[0]) / MM, (trim[3] - trim[1]) / MM) == pytest.approx((297, 420), abs=0.01)
    for i, sign in enumerate((-1, -1, 1, 1)):
        assert (bleed[i] - trim[i]) * sign / MM == pytest.approx(3, abs=0.01)
        assert (media[i] - bleed[i]) * sign / MM > 5, "the MediaBox holds the marks beyond the bleed"


def test_poster_crop_marks_lie_outside_the_bleed_on_the_trim_lines(poster: Path):
    text = qdf(poster)
    trim, bleed = boxes(poster)["Trim"], boxes(poster)["Bleed"]
    marks = re.search(r"/All CS 1 SCN.*?\n(.*?)\nS\b", text, re.S)
    assert marks, "no marks stroked in the registration colour (/Separation /All)"
    points = [tuple(map(float, m)) for m in re.findall(r"([-\d.]+) ([-\d.]+) [ml]\b", marks.group(1))]
    assert len(points) == 16  # 8 hairlines, two at each corner
    for x, y in points:  # a mark may start on the bleed edge, never inside it
        outside = x <= bleed[0] + 0.01 or x >= bleed[2] - 0.01 or y <= bleed[1] + 0.01 or y >= bleed[3] - 0.01
        assert outside, f"mark point {x, y} inside the bleed"
        on_trim_line = any(abs(x - v) < 0.01 for v in (trim[0], trim[2])) or any(
            abs(y - v) < 0.01 for v in (trim[1], trim[3]))
        assert on_trim_line, f"mark point {x, y} not on a trim line"
    assert re.search(r"/All \d+ 0 R", text) and re.search(r"/Separation\s+/All\s+/DeviceCMYK", text)


def test_poster_is_pdfx4_with_an_embedded_cmyk_profile(poster: Path):
    text = qdf(poster)
    assert info(poster)["PDF version"] == "1.6"
    assert "PDF subtype:    PDF/X-4" in run(need("pdfinfo"), str(poster))  # poppler's own reading
    assert "/GTS_PDFXVersion (PDF/X-4)" in text and "/Trapped /False" in text
    intent = re.search(r"/DestOutputProfile (\d+) 0 R", text)
    assert intent and "/S /GTS_PDFX" in text and "/OutputConditionIdentifier (" in text
    profile = obj(text, intent.group(1))
    assert "/N 4" in profile
    data = profile.split("stream\n", 1)[1].encode("latin-1")
    assert data[36:40] == b"acsp" and data[16:20] == b"CMYK" and data[12:16] == b"prtr"
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in text
    assert "<xmp:CreateDate>2023-05-09T12:00:00+00:00</xmp:CreateDate>" in text
    assert "/CreationDate (D:20230509120000+00'00')" in text  # the same instant as the XMP
    assert text.count("/TrimBox") == text.count("/Type /Page\n")


def test_poster_fonts_embedded_and_no_rgb_anywhere(poster: Path):
    rows = fonts(poster)
    assert rows and all(row["emb"] == "yes" for row in rows), rows
    text = qdf(poster)
    assert "DeviceRGB" not in text
    assert not re.search(r"^[\d.]+ [\d.]+ [\d.]+ (rg|RG)$", text, re.M)
    assert re.search(r"^[\d.]+ [\d.]+ [\d.]+ [\d.]+ k$", text, re.M)


def test_poster_passes_qpdf_and_ghostscript(poster: Path):
    assert "No syntax or stream encoding errors" in run(need("qpdf"), "--check", str(poster))
    gs = need("gs")
    result = subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dPDFSTOPONERROR", "-dPDFSTOPONWARNING",
                             "-sDEVICE=nullpage", str(poster)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip() and not result.stderr.strip(), result


def test_riso_separations_one_grey_page_per_ink(tmp_path: Path):
    document, job = composed("riso-2colour", "en")
    files = dict(job_outputs(document, job.filename, separations=True))
    composite, separations = tmp_path / "riso.pdf", tmp_path / "riso.separations.pdf"
    composite.write_bytes(files["riso-2colour.en.pdf"])
    separations.write_bytes(files["riso-2colour.en.separations.pdf"])
    text = qdf(composite)
    assert "/Riso#20Bright#20Red" in text and "/Riso#20Black" in text  # spot inks as /Separation
    process = set(re.findall(r"^([\d.]+ [\d.]+ [\d.]+ [\d.]+) k$", text, re.M))
    assert process <= {"0 0 0 0"}, f"process inks in a two-ink poster: {process}"  # paper white lays no ink
    assert info(separations)["Pages"] == "2"
    sep_text = qdf(separations)
    assert re.findall(r"/P \((.*?)\)", sep_text) == ["1 Riso Bright Red", "1 Riso Black"]  # page labels
    for operator in (" k", " K", " rg", " RG", " scn", " SCN"):
        assert not re.search(rf"^[\d. ]+{operator}$", sep_text, re.M), f"{operator} in a greyscale separation"
    pages = render_pages(separations, tmp_path / "sep")
    red, black = (Image.open(p) for p in pages)
    for page in (red, black):
        rgb = page.convert("RGB").tobytes()
        assert rgb[0::3] == rgb[1::3] == rgb[2::3], "a separation page is not grey"
    top = (0, 0, red.width, red.height // 3)  # the hero slogan is red, not black
    assert _ink(red.crop(top)) > 1000 and _ink(black.crop(top)) * 20 < _ink(red.crop(top))
    bottom = (0, red.height * 2 // 3, red.width, red.height)  # the signatories are black
    assert _ink(black.crop(bottom)) > 2 * _ink(red.crop(bottom))


def render_pages(path: Path, prefix: Path, dpi: int = 30) -> list[Path]:
    """PNG pages of a PDF (pdftoppm), in order."""
    run(need("pdftoppm"), "-r", str(dpi), "-png", str(path), str(prefix))
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))


def _ink(image: Image.Image) -> int:
    """How much darkness an image region holds (sum of 255 - grey)."""
    grey = image.convert("L").tobytes()
    return 255 * len(grey) - sum(grey)


def test_a5_handbill_work_and_turn_on_sra4_with_a_double_cut(tmp_path: Path):
    document, job = composed("a5-handbill", "en")
    files = dict(job_outputs(document, job.filename, job.layout.imposition))
    imposed = tmp_path / "imposed.pdf"
    imposed.write_bytes(files["a5-handbill.en.imposed.pdf"])
    assert info(imposed)["Pages"] == "1"  # one plate, printed on both sides
    box = boxes(imposed, 1)
    trim, bleed, media = box["Trim"], box["Bleed"], box["Media"]
    assert ((media[2] - media[0]) / MM, (media[3] - media[1]) / MM) == pytest.approx((320, 225), abs=0.01)
    assert ((trim[2] - trim[0]) / MM, (trim[3] - trim[1]) / MM) == pytest.approx((302, 210), abs=0.01)
    assert (trim[0] - bleed[0]) / MM == pytest.approx(3, abs=0.01)
    text = qdf(imposed)
    (page,) = re.findall(r"%% Contents for page \d+\n.*?stream\n(.*?)endstream", text, re.S)
    placed = re.findall(r"1 0 0 1 ([\d.]+) [\d.]+ cm\n/FormXob\.HandbillPage(\d) Do", page)
    left = trim[0]
    assert [(round((float(x) - left) / MM, 1), n) for x, n in placed] == [(0.0, "1"), (154.0, "2")]
    marks = re.search(r"/All CS 1 SCN\n/All cs 1 scn\nn (.*?)\nS\n", page, re.S)
    assert marks, "no cut marks in the registration colour"
    segments = re.findall(r"([-\d.]+) ([-\d.]+) m ([-\d.]+) ([-\d.]+) l", marks.group(1))
    vertical = sorted({round((float(x0) - left) / MM, 1) for x0, _, x1, _ in segments if x0 == x1})
    assert vertical == [0.0, 148.0, 154.0, 302.0], "a mark at each edge of each copy: a double cut in the middle"
    for segment in segments:  # every mark outside the sheet's bleed, on the paper
        x0, y0, x1, y1 = map(float, segment)
        assert (min(y0, y1) >= bleed[3] - 0.01 or max(y0, y1) <= bleed[1] + 0.01
                or min(x0, x1) >= bleed[2] - 0.01 or max(x0, x1) <= bleed[0] + 0.01), segment
        assert media[0] <= min(x0, x1) and max(x0, x1) <= media[2] and media[1] <= min(y0, y1) <= media[3]
    (plate,) = (Image.open(p).convert("RGB") for p in render_pages(imposed, tmp_path / "sheet"))
    w, h = plate.size
    # the share of red in the top third of each copy, so that the type on the field does not decide

    def red_share(x0: int, x1: int) -> float:
        pixels = [plate.getpixel((x, y)) for x in range(x0, x1, 2) for y in range(h // 20, h // 3, 2)]
        return sum(1 for r, g, _ in pixels if r > 150 and g < 90) / len(pixels)

    assert red_share(w // 20, w // 2 - w // 20) > 0.5, "the front (red field at the top) on the left"
    assert red_share(w // 2 + w // 20, w - w // 20) < 0.02, "the back (no red field there) on the right"


def test_print_outputs_are_deterministic():
    document, job = composed("a5-handbill", "fa")
    first = job_outputs(document, job.filename, job.layout.imposition, separations=True)
    again, _ = composed("a5-handbill", "fa")
    second = job_outputs(again, job.filename, job.layout.imposition, separations=True)
    assert [name for name, _ in first] == ["a5-handbill.fa.pdf", "a5-handbill.fa.imposed.pdf",
                                           "a5-handbill.fa.separations.pdf"]
    assert first == second
