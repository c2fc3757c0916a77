"""The PDF preflight reads files as PDF objects: a sound seed flyer passes, and each defect put into a
copy of it (an RGB operator, a page without TrimBox, a font not embedded, no output intent) is found."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from handbill.build import BuildReport
from handbill.preflight_pdf import pdf_problems


@pytest.fixture(scope="module")
def flyer(seed_build: tuple[BuildReport, Path]) -> bytes:
    report, _ = seed_build
    return next(p for p in report.written if p.name == "a4-flyer.en.pdf").read_bytes()


def _doctored(data: bytes, change) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def test_the_seed_flyer_is_sound(flyer: bytes) -> None:
    assert pdf_problems(flyer, 2, "PDF/X-4", cmyk=True) == []


def test_an_rgb_fill_in_a_content_stream_is_found(flyer: bytes) -> None:
    def paint_red(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].contents_add(pdf.make_stream(b"1 0 0 rg 0 0 10 10 re f"))

    assert pdf_problems(_doctored(flyer, paint_red), 2, "PDF/X-4", cmyk=True) == [
        "the file uses DeviceRGB in a CMYK print layout"]
    assert pdf_problems(_doctored(flyer, paint_red), 2, "", cmyk=False) == []


def test_a_page_without_trimbox_is_found(flyer: bytes) -> None:
    def drop_trimbox(pdf: pikepdf.Pdf) -> None:
        del pdf.pages[1].obj["/TrimBox"]

    assert pdf_problems(_doctored(flyer, drop_trimbox), 2, "PDF/X-4", cmyk=True) == [
        "only 1 of 2 pages have a TrimBox"]


def test_a_font_not_embedded_is_found(flyer: bytes) -> None:
    def unembed(pdf: pikepdf.Pdf) -> None:
        for font in pdf.pages[0].obj.Resources.Font.values():
            for part in font.get("/DescendantFonts", []):
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in part.FontDescriptor:
                        del part.FontDescriptor[key]
                        return

    problems = pdf_problems(_doctored(flyer, unembed), 2, "PDF/X-4", cmyk=True)
    assert len(problems) == 1 and problems[0].startswith("1 font(s) not embedded: ")


def test_a_file_without_output_intent_is_not_pdfx(flyer: bytes) -> None:
    def drop_intent(pdf: pikepdf.Pdf) -> None:
        del pdf.Root["/OutputIntents"]

    assert pdf_problems(_doctored(flyer, drop_intent), 2, "PDF/X-4", cmyk=True) == [
        "PDF/X-4: the file lacks an output intent"]
