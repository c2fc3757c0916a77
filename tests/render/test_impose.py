"""Imposed sheets cut at their marks give back the pages: each scheme rendered, the marks found in the
pixels, the sheet cut there, and every piece compared with its page of the un-imposed PDF rendered at
the same resolution; fronts and backs matched as the sheet is turned."""

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
from PIL import Image, ImageChops

from conftest import SEED
from handbill.build import plan
from handbill.compose import compose
from handbill.model import MM, REGISTRATION, Color, ComposedDocument, ComposedPage, FilledRect, Imposition, PlacedLine
from handbill.pipeline import Session
from handbill.render.draw import render_pdf
from handbill.render.impose import impose
from handbill.render.pdfx import xmp_packet
from handbill.text.paragraph import ParagraphSpec, Span, TextStyle
from handbill.version import __version__

DPI = 72
SCALE = DPI / 72
BLEED = 3 * MM
CYAN = Color("cyan", "cmyk", (0.7, 0.1, 0, 0))
YELLOW = Color("yellow", "cmyk", (0, 0.1, 0.8, 0))
BLACK = Color("black", "cmyk", (0, 0, 0, 1))
RED = Color("red", "cmyk", (0, 1, 1, 0))
WHITE = Color("white", "cmyk", (0, 0, 0, 0))


@pytest.fixture(scope="module")
def session() -> Session:
    return Session.for_leaflet(SEED)


_SLUGS: list[tuple[PlacedLine, ...]] = []


@pytest.fixture(autouse=True, scope="module")
def slugs(session: Session) -> None:
    """Slug lines for the test sheets, set by the text engine as composition sets them: the sheets are cut
    at their marks with the slug in the margin (a slug beside the marks the cut is read from breaks it)."""
    setter = session.setter
    _SLUGS.append(tuple(PlacedLine(0, 0, setter.typeset(ParagraphSpec(
        (Span(f"card · test · en · sheet {n}/2 · scheme · Custom · handbill 0"),), "en", TextStyle(6.0), "left",
        "slug"), 10_000).lines[0], REGISTRATION, "en") for n in (1, 2)))


def two_pages(width_mm: float, height_mm: float) -> ComposedDocument:
    """A front and a back that differ and are not symmetric: a mirrored or swapped copy shows; each side
    of the sheets with a slug line."""
    w, h = width_mm * MM, height_mm * MM
    full = (-BLEED, -BLEED, w + 2 * BLEED, h + 2 * BLEED)
    front = ComposedPage((FilledRect(*full, CYAN), FilledRect(8 * MM, h - 30 * MM, 25 * MM, 20 * MM, BLACK),
                          FilledRect(-BLEED, -BLEED, w + 2 * BLEED, 12 * MM + BLEED, RED)))
    back = ComposedPage((FilledRect(*full, YELLOW), FilledRect(w - 40 * MM, 10 * MM, 30 * MM, 15 * MM, BLACK),
                         FilledRect(w / 2, h / 2, 10 * MM, 40 * MM, WHITE)))
    return ComposedDocument(pages=(front, back), width=w, height=h, bleed=BLEED, crop_marks=True, mark_offset=3 * MM,
                            mark_length=5 * MM, title="t", lang="en", subject="s", name="card.en",
                            created=datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.UTC),
                            sheet_slugs=_SLUGS[0] if _SLUGS else ())


def render(data: bytes) -> list[tuple[Image.Image, dict[str, list[float]]]]:
    """Each page as greyscale-free RGB pixels at DPI, with its boxes in points (PDF space)."""
    out = []
    pdf = pypdfium2.PdfDocument(data)
    with pikepdf.open(io.BytesIO(data)) as parsed:
        boxes = [{k: [float(v) for v in p.obj[f"/{k}"]] for k in ("MediaBox", "TrimBox", "BleedBox")}
                 for p in parsed.pages]
    try:
        for i in range(len(pdf)):
            out.append((pdf[i].render(scale=SCALE).to_pil().convert("RGB"), boxes[i]))
    finally:
        pdf.close()
    return out


def page_trims(document: ComposedDocument) -> list[Image.Image]:
    """The un-imposed PDF's pages cut at their TrimBox."""
    pieces = []
    for image, box in render(render_pdf(document)):
        top = box["MediaBox"][3]
        x0, y0, x1, y1 = box["TrimBox"]
        pieces.append(image.crop((round(x0 * SCALE), round((top - y1) * SCALE), round(x1 * SCALE),
                                  round((top - y0) * SCALE))))
    return pieces


def runs(flags: list[bool]) -> list[float]:
    """Centres of the runs of True (a hairline is one or two pixels wide)."""
    centres, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            centres.append((start + i - 1) / 2)
            start = None
    return centres


def cut_lines(sheet: Image.Image, box: dict[str, list[float]]) -> tuple[list[float], list[float]]:
    """The cut positions (pixels) read from the marks: dark pixels in the paper's margin outside the bleed."""
    grey = sheet.convert("L")
    top = box["MediaBox"][3]
    bleed_left, _, _, bleed_top = (v * SCALE for v in box["BleedBox"])
    above = grey.crop((0, 0, grey.width, int(top * SCALE - bleed_top) - 1))
    left = grey.crop((0, 0, int(bleed_left) - 1, grey.height))
    columns = [min(above.crop((x, 0, x + 1, above.height)).tobytes()) < 200 for x in range(above.width)]
    rows = [min(left.crop((0, y, left.width, y + 1)).tobytes()) < 200 for y in range(left.height)]
    return runs(columns), runs(rows)


def cut(sheet: Image.Image, xs: list[float], ys: list[float]) -> dict[tuple[int, int], Image.Image]:
    """The pieces between the cut lines, by (column, row from the top); lines come in pairs (double cuts)."""
    assert len(xs) % 2 == 0 and len(ys) % 2 == 0, (xs, ys)
    pieces = {}
    for c in range(len(xs) // 2):
        for r in range(len(ys) // 2):
            box = (round(xs[2 * c] + 0.5), round(ys[2 * r] + 0.5), round(xs[2 * c + 1] + 0.5),
                   round(ys[2 * r + 1] + 0.5))
            pieces[(c, r)] = sheet.crop(box)
    return pieces


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel after the best shift of at most one pixel each way."""
    best = 255.0
    w, h = min(a.width, b.width) - 2, min(a.height, b.height) - 2
    core = a.crop((1, 1, 1 + w, 1 + h))
    for dx in (0, 1, 2):
        for dy in (0, 1, 2):
            diff = ImageChops.difference(core, b.crop((dx, dy, dx + w, dy + h)))
            mean = sum(diff.tobytes()) / (3 * w * h)
            best = min(best, mean)
    return best


def which_page(piece: Image.Image, pages: list[Image.Image]) -> int:
    """The page (0-based) the piece is, within a pixel; fails if it is none of them."""
    scores = [difference(piece, page) for page in pages]
    # each cut within a pixel of the page's trim: the piece within two pixels of the page's size
    assert abs(piece.width - pages[0].width) <= 2 and abs(piece.height - pages[0].height) <= 2, (piece.size,
                                                                                                pages[0].size)
    index = min(range(len(pages)), key=scores.__getitem__)
    assert scores[index] < 2.0, f"no page matches the piece within a pixel: {scores}"
    return index


def imposed_sheets(document: ComposedDocument, imposition: Imposition) -> list[tuple[Image.Image, dict]]:
    return render(impose(document, imposition))


def sra4(scheme: str, up: int = 2) -> Imposition:
    return Imposition("SRA4", 320 * MM, 225 * MM, up, scheme, gap=2 * BLEED, edge=6 * MM)  # type: ignore[arg-type]


def behind(xs: list[float], width: int) -> list[float]:
    """Cut positions as they lie on the other side of the sheet once it is turned side to side."""
    return [width - 1 - x for x in reversed(xs)]


def test_work_and_turn_cuts_into_whole_copies_front_and_back():
    document = two_pages(148, 210)
    pages = page_trims(document)
    (plate, box), = imposed_sheets(document, sra4("work-and-turn"))
    xs, ys = cut_lines(plate, box)
    fronts = cut(plate, xs, ys)
    backs = cut(plate, behind(xs, plate.width), ys)  # the same plate prints the back after the turn
    assert len(fronts) == 2
    columns = len(xs) // 2
    for (c, r), piece in fronts.items():
        front, back = which_page(piece, pages), which_page(backs[(columns - 1 - c, r)], pages)
        assert {front, back} == {0, 1}, f"copy {c, r}: front page {front + 1}, back page {back + 1}"
    assert which_page(fronts[(0, 0)], pages) == 0 and which_page(fronts[(1, 0)], pages) == 1


def test_sheetwise_backs_land_behind_their_fronts():
    document = two_pages(148, 210)
    pages = page_trims(document)
    (front_sheet, box), (back_sheet, back_box) = imposed_sheets(document, sra4("sheetwise"))
    xs, ys = cut_lines(front_sheet, box)
    back_xs, back_ys = cut_lines(back_sheet, back_box)
    assert back_ys == ys and behind(back_xs, back_sheet.width) == pytest.approx(xs, abs=1)
    fronts = cut(front_sheet, xs, ys)
    backs = cut(back_sheet, back_xs, back_ys)
    columns = len(xs) // 2
    assert len(fronts) == 2
    for (c, r), piece in fronts.items():
        assert which_page(piece, pages) == 0
        assert which_page(backs[(columns - 1 - c, r)], pages) == 1, (c, r)


@pytest.mark.parametrize(("size", "sheet", "up", "expected"), [
    ((105, 148), ("A3", 297, 420), 4, 4),   # A6 on A3
    ((148, 210), ("A3", 420, 297), 2, 2),   # A5 on A3
    ((105, 148), ("SRA3", 450, 320), 8, 8),  # A6 8-up on SRA3 (A4 has no room for double cuts and marks)
])
def test_step_and_repeat_pieces_are_each_page(size, sheet, up, expected):
    document = two_pages(*size)
    pages = page_trims(document)
    name, w, h = sheet
    sheets = imposed_sheets(document, Imposition(name, w * MM, h * MM, up, "step-and-repeat", 2 * BLEED, 6 * MM))
    assert len(sheets) == 2
    for number, (image, box) in enumerate(sheets):
        pieces = cut(image, *cut_lines(image, box))
        assert len(pieces) == expected
        assert all(which_page(piece, pages) == number for piece in pieces.values())


def test_the_sheet_boxes_say_what_is_trimmed_and_the_file_is_a_new_document():
    document = two_pages(148, 210)
    data = impose(document, sra4("work-and-turn"))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0].obj
        trim = [float(v) for v in page.TrimBox]
        art = [float(v) for v in page.ArtBox]
        bleed = [float(v) for v in page.BleedBox]
        media = [float(v) for v in page.MediaBox]
        labels = str(pdf.Root.PageLabels.Nums[1].P)
        xmp = pdf.Root.Metadata.read_bytes().decode()
    assert ((trim[2] - trim[0]) / MM, (trim[3] - trim[1]) / MM) == pytest.approx((302, 210), abs=0.01)
    assert art == trim and bleed[0] == pytest.approx(trim[0] - BLEED, abs=0.001)
    assert media == pytest.approx([0, 0, 320 * MM, 225 * MM])
    assert "work and turn" in labels
    own = xmp_packet(document, "PDF/X-4", "c", "p")
    source_id = own.split("<xmpMM:DocumentID>")[1].split("<")[0]
    imposed_id = xmp.split("<xmpMM:DocumentID>")[1].split("<")[0]
    assert source_id != imposed_id and imposed_id.startswith("uuid:")
    assert impose(document, sra4("work-and-turn")) == data  # and still the same bytes every time


def test_ghostscript_renders_the_sheets_without_a_word():
    gs = shutil.which("gs") or pytest.skip("Ghostscript is not installed")
    document = two_pages(148, 210)
    data = impose(replace(document, pages=tuple(replace(p, items=(*p.items, FilledRect(0, 0, 50, 1, BLACK)))
                                                 for p in document.pages)), sra4("sheetwise"))
    run = subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", "-"], input=data,
                         capture_output=True)
    assert run.returncode == 0 and not run.stdout and not run.stderr, run.stdout + run.stderr


def test_a_sheet_without_room_for_marks_is_refused(tmp_path: Path):
    from handbill.errors import HandbillError

    with pytest.raises(HandbillError, match="no room for cut marks"):
        impose(two_pages(148, 210), Imposition("X", 303 * MM, 215 * MM, 2, "work-and-turn", 2 * BLEED, 0))


def test_the_seed_handbill_sheet_carries_its_slug_outside_the_trim(session: Session):
    leaflet, jobs, _ = plan(SEED, ["a5-handbill"], ["fa"])
    job = jobs[0]
    assert job.layout.imposition is not None
    data = impose(compose(job, session.setter), job.layout.imposition)
    with pikepdf.open(io.BytesIO(data)) as parsed:
        bleed = [float(v) for v in parsed.pages[0].obj.BleedBox]
        media = [float(v) for v in parsed.pages[0].obj.MediaBox]
    pdf = pypdfium2.PdfDocument(data)
    try:
        text = pdf[0].get_textpage()
        outside = text.get_text_bounded(left=bleed[2] + 0.5, bottom=media[1], right=media[2], top=media[3])
        slug = (f"victory-day-2023 · a5-handbill · fa · sheet 1/1 both sides · work-and-turn · "
                f"{job.layout.output.condition or 'Custom'} · handbill {__version__}")
        assert slug in outside.replace("\r", "").replace("\n", ""), outside
        for index in range(text.count_chars()):  # every character of the slug in the paper's margin
            left, _, right, _ = text.get_charbox(index)
            if left > bleed[2]:
                assert right < media[2] - 1 * MM
    finally:
        pdf.close()
    assert leaflet.date.isoformat() not in outside  # no date: the same sources give the same sheet
    assert impose(compose(job, session.setter), job.layout.imposition) == data



def test_a_slug_goes_where_the_margin_lets_it_be_largest_and_stays_off_the_copies():
    """A6 8-up on SRA3: the right margin is 6 mm (bleed and paper edge leave 1 mm), the bottom one 9 mm,
    so the slug runs at its full size under the first column, between its cut marks."""
    document = two_pages(105, 148)
    data = impose(document, Imposition("SRA3", 450 * MM, 320 * MM, 8, "step-and-repeat", 2 * BLEED, 6 * MM))
    with pikepdf.open(io.BytesIO(data)) as parsed:
        bleed = [float(v) for v in parsed.pages[0].obj.BleedBox]
        trim = [float(v) for v in parsed.pages[0].obj.TrimBox]
    pdf = pypdfium2.PdfDocument(data)
    try:
        text = pdf[0].get_textpage()
        assert "sheet 1/2" in text.get_text_range()
        boxes = [text.get_charbox(i) for i in range(text.count_chars())]
    finally:
        pdf.close()
    inked = [box for box in boxes if box[2] > box[0]]
    assert inked and all(top < bleed[1] - 0.5 * MM and bottom > 0.5 * MM for _, bottom, _, top in inked)
    assert all(trim[0] + 2 * MM < left and right < trim[0] + 105 * MM - 2 * MM for left, _, right, _ in inked)
    assert max(top - bottom for _, bottom, _, top in inked) > 3.5  # points: the 6 pt line at its size
