"""Units of the print renderer: inks, imposition order, ICC profiles, XMP, QR modules, image colour."""

from __future__ import annotations

import datetime
import struct
from pathlib import Path

import pytest
from PIL import Image

from handbill.compose.images import qr_modules
from handbill.errors import HandbillError
from handbill.model import MM, REGISTRATION, Color, ComposedDocument, ComposedPage, FilledRect, PlacedImage
from handbill.render.colour import Paint, document_inks, ink_amounts
from handbill.render.images import _separation_channel, to_cmyk
from handbill.render.impose import sheet_plan
from handbill.render.pdfx import _description, read_profile, xmp_packet

RED = Color("red", "spot", (0, 0.89, 0.78, 0), 1.0, "Riso Bright Red")
PINK = Color("pink", "spot", (0, 0.89, 0.78, 0), 0.3, "Riso Bright Red")
CMYK_RED = Color("red", "cmyk", (0, 1, 1, 0.1))


def doc(*items, **kw) -> ComposedDocument:
    return ComposedDocument(pages=(ComposedPage(tuple(items)),), width=100, height=100, bleed=0, crop_marks=False,
                            mark_offset=0, mark_length=10, title="t", lang="en", subject="s",
                            created=datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.UTC), **kw)


def test_ink_amounts_of_process_spot_and_registration():
    assert ink_amounts(CMYK_RED) == {"Magenta": 1, "Yellow": 1, "Black": 0.1}
    assert ink_amounts(PINK) == {"Riso Bright Red": 0.3}
    assert ink_amounts(REGISTRATION) == dict.fromkeys(("Cyan", "Magenta", "Yellow", "Black"), 1.0)
    with pytest.raises(HandbillError, match="no inks"):
        ink_amounts(Color("screen", "rgb", (1, 0, 0)))


def test_separation_paint_is_the_tint_of_its_ink():
    paint = Paint("cmyk", ink="Riso Bright Red")
    assert paint.tint(PINK) == 0.3 and paint.tint(CMYK_RED) == 0 and paint.tint(REGISTRATION) == 1


def test_document_inks_process_first_then_spots_in_order_of_use():
    black = Color("black", "cmyk", (0, 0, 0, 1))
    white = Color("white", "cmyk", (0, 0, 0, 0))
    items = (FilledRect(0, 0, 1, 1, white), FilledRect(0, 0, 1, 1, PINK), FilledRect(0, 0, 1, 1, black))
    assert document_inks(doc(*items)) == ["Black", "Riso Bright Red"]
    photo = PlacedImage(0, 0, 10, 10, Path("x.png"), (10, 10))
    assert document_inks(doc(*items, photo)) == ["Cyan", "Magenta", "Yellow", "Black", "Riso Bright Red"]


def test_total_ink_of_colours():
    assert Color("rich", "cmyk", (0.6, 0.5, 0.5, 1)).total_ink == pytest.approx(260)
    assert PINK.total_ink == pytest.approx(30)


def test_work_and_turn_puts_front_and_back_side_by_side_on_one_plate():
    (plate,) = sheet_plan(2, 2, 1, "work-and-turn")
    assert [(p.page, p.column) for p in plate.places] == [(0, 0), (1, 1)]
    (four,) = sheet_plan(2, 4, 2, "work-and-turn")
    for place in four.places:  # the column the turn puts behind each copy holds the other page
        mirror = next(p for p in four.places if p.row == place.row and p.column == 3 - place.column)
        assert {place.page, mirror.page} == {0, 1}


def test_sheetwise_mirrors_the_backs_and_step_and_repeat_does_not():
    front, back = sheet_plan(2, 2, 1, "sheetwise")
    assert [(p.page, p.copy, p.column) for p in front.places] == [(0, 0, 0), (0, 1, 1)]
    assert [(p.page, p.copy, p.column) for p in back.places] == [(1, 0, 1), (1, 1, 0)]
    assert (front.label, back.label) == ("sheet 1 front", "sheet 1 back")
    four = sheet_plan(2, 2, 2, "sheetwise")[1]
    assert {p.copy: (p.column, p.row) for p in four.places} == {0: (1, 0), 1: (0, 0), 2: (1, 1), 3: (0, 1)}
    simplex = sheet_plan(2, 2, 1, "step-and-repeat")[1]
    assert [p.column for p in simplex.places] == [0, 1]


def test_imposition_grid_chooses_the_arrangement_that_fits():
    from handbill.model import Imposition

    a4_landscape = Imposition("A4", 297 * MM, 210 * MM, 2)
    assert a4_landscape.grid(148 * MM, 210 * MM) == (2, 1)
    assert Imposition("A4", 210 * MM, 297 * MM, 4).grid(105 * MM, 148 * MM) == (2, 2)
    assert Imposition("A4", 210 * MM, 297 * MM, 2).grid(148 * MM, 210 * MM) is None
    # a double cut (6 mm) and room for marks (6 mm a side): two A5 no longer fit A4, they fit SRA4
    double = dict(gap=6 * MM, edge=6 * MM)
    assert Imposition("A4", 297 * MM, 210 * MM, 2, **double).grid(148 * MM, 210 * MM) is None
    assert Imposition("SRA4", 320 * MM, 225 * MM, 2, "work-and-turn", **double).grid(148 * MM, 210 * MM) == (2, 1)
    # work-and-turn needs an even number of columns
    assert Imposition("A3", 297 * MM, 420 * MM, 2, "work-and-turn").grid(297 * MM, 150 * MM) is None


def _profile(description: bytes, cls: bytes = b"prtr", space: bytes = b"CMYK") -> bytes:
    """A minimal ICC profile: header, a tag table with one v2 'desc' tag."""
    tag = b"desc" + b"\0" * 4 + struct.pack(">I", len(description) + 1) + description + b"\0"
    header = bytearray(128)
    header[12:16], header[16:20], header[36:40] = cls, space, b"acsp"
    table = struct.pack(">I", 1) + struct.pack(">4sII", b"desc", 144, len(tag))
    data = bytes(header) + table + tag
    return struct.pack(">I", len(data)) + data[4:]


def test_profile_description_and_kind(tmp_path: Path):
    good = tmp_path / "press.icc"
    good.write_bytes(_profile(b"Coated FOGRA39"))
    assert read_profile(good).description == "Coated FOGRA39"
    rgb = tmp_path / "screen.icc"
    rgb.write_bytes(_profile(b"sRGB", b"mntr", b"RGB "))
    with pytest.raises(HandbillError, match="not a CMYK output profile"):
        read_profile(rgb)
    assert _description(_profile(b"X")) == "X"


def test_default_profile_is_ghostscripts_swop():
    path = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
    if not path.is_file():
        pytest.skip("Ghostscript's ICC profiles are not installed (Debian package libgs-common)")
    assert read_profile(path).description == "Artifex CMYK SWOP Profile"


def test_xmp_repeats_the_info_dates_and_version():
    packet = xmp_packet(doc(name="card.en"), "PDF/X-4", "handbill", "handbill (ReportLab)")
    assert "<xmp:CreateDate>2024-05-01T12:00:00+00:00</xmp:CreateDate>" in packet
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in packet
    import xml.dom.minidom

    xml.dom.minidom.parseString(packet.split("?>", 1)[1].rsplit("<?xpacket", 1)[0])  # well-formed


def test_qr_modules_match_segno():
    import segno

    modules = qr_modules("https://example.org/may-day")
    assert len(modules) == len(modules[0]) >= 21
    assert modules == tuple(tuple(bool(v) for v in row) for row in segno.make_qr(
        "https://example.org/may-day", error="m", boost_error=True).matrix)
    assert all(modules[r][c] for r in range(7) for c in (0, 6))  # the finder pattern's dark edges


def test_images_become_cmyk_and_separate_by_channel():
    red = Image.new("RGB", (4, 4), (230, 20, 30))
    cmyk = to_cmyk(red, None)
    assert cmyk.mode == "CMYK"
    c, m, _, _ = cmyk.getpixel((0, 0))
    assert m > 200 and c < 40
    magenta = _separation_channel(red, None, "Magenta", None)
    cyan = _separation_channel(red, None, "Cyan", None)
    assert magenta.mode == "L" and magenta.getpixel((0, 0)) < 60 and cyan.getpixel((0, 0)) > 200
    assert _separation_channel(red, None, "Riso Black", None).getpixel((0, 0)) == 255


def test_images_convert_through_the_output_profile():
    path = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
    if not path.is_file():
        pytest.skip("Ghostscript's ICC profiles are not installed (Debian package libgs-common)")
    white, black = to_cmyk(Image.new("RGB", (1, 2), (255, 255, 255)), path), to_cmyk(Image.new("RGB", (1, 1)), path)
    assert white.getpixel((0, 0)) == (0, 0, 0, 0)
    assert black.getpixel((0, 0))[3] > 200  # black is mostly K, not four equal inks
