"""Imposition: several copies of each page on a press sheet, with cut marks, fronts and backs paired.

    impose(document, Imposition("A4", 841.89, 595.28, up=2))   # A5 handbill, 2-up on A4 landscape

Work-and-turn (``duplex = "work-and-turn"``): sheet 1 holds copies of page 1, sheet 2 copies of page 2
with their columns mirrored, so that when the sheet is turned over side to side (duplex "flip on short
edge" for a landscape sheet) the back of each copy lands behind its own front:

    sheet 1 (front)   ┌────┬────┐      sheet 2 (back)   ┌────┬────┐
                      │ F0 │ F1 │                       │ B1 │ B0 │
                      └────┴────┘                       └────┴────┘

Each page is drawn once as a Form XObject and placed in every cell, clipped to its trim on the sides
it shares with a neighbour (the cut goes through) and to its bleed on the sheet's outer sides. The
sheet gets its own TrimBox, BleedBox and cut marks on every cut line, outside the bleed.
"""

from __future__ import annotations

from dataclasses import dataclass

from handbill.errors import HandbillError
from handbill.model import ComposedDocument, Imposition
from handbill.render.colour import Paint
from handbill.render.draw import PageDrawer, PdfFile, conversion_profile
from handbill.render.finish import media_margin, set_page_boxes


@dataclass(frozen=True)
class Placement:
    """One copy on a sheet: which page, which copy (0..up-1), and its cell (column, row from the top)."""

    page: int
    copy: int
    column: int
    row: int


def sheet_plan(pages: int, columns: int, rows: int, duplex: str) -> list[list[Placement]]:
    """Which page goes in which cell of each sheet.

    Copy ``i`` sits in cell ``(i % columns, i // columns)`` on a front; on the back that follows it
    (work-and-turn) it sits in the mirrored column of the same row.
    """
    cells = [(i % columns, i // columns) for i in range(columns * rows)]
    sheets: list[list[Placement]] = []
    for page in range(pages):
        back = duplex == "work-and-turn" and page % 2 == 1
        sheets.append([Placement(page, copy, columns - 1 - col if back else col, row)
                       for copy, (col, row) in enumerate(cells)])
    return sheets


def impose(document: ComposedDocument, imposition: Imposition) -> bytes:
    """A PDF of press sheets, each holding ``imposition.up`` copies of a page of the document."""
    width, height, bleed = document.width, document.height, document.bleed
    grid = imposition.grid(width, height)
    if grid is None:
        raise HandbillError(f"{imposition.up} copies of {document.name or 'the page'} do not fit a "
                            f"{imposition.sheet} sheet", hint="use a larger sheet or fewer copies")
    columns, rows = grid
    gap = imposition.gap
    sheet_w, sheet_h = imposition.sheet_width, imposition.sheet_height
    margin = media_margin(document, marks=True)
    pdf = PdfFile(document, (sheet_w + 2 * margin, sheet_h + 2 * margin))
    drawer = PageDrawer(pdf.canvas, pdf.fonts, Paint(document.output.color), document.lang,
                        conversion_profile(document), output=document.output)
    canvas = pdf.canvas
    for index, page in enumerate(document.pages):
        canvas.beginForm(_form(index), -bleed, -bleed, width + bleed, height + bleed)
        drawer.page(page)
        canvas.endForm()

    block_w = columns * width + (columns - 1) * gap
    block_h = rows * height + (rows - 1) * gap
    left0 = margin + (sheet_w - block_w) / 2
    top0 = margin + (sheet_h + block_h) / 2
    inner = min(bleed, gap / 2)
    cuts_x = [left0 + c * (width + gap) + d for c in range(columns) for d in (0, width)]
    cuts_y = [top0 - r * (height + gap) - d for r in range(rows) for d in (0, height)]
    for sheet in sheet_plan(len(document.pages), columns, rows, imposition.duplex):
        set_page_boxes(canvas, margin, margin, sheet_w, sheet_h, bleed)
        for place in sheet:
            x = left0 + place.column * (width + gap)
            y = top0 - place.row * (height + gap) - height
            grow_left = bleed if place.column == 0 else inner
            grow_right = bleed if place.column == columns - 1 else inner
            grow_bottom = bleed if place.row == rows - 1 else inner
            grow_top = bleed if place.row == 0 else inner
            canvas.saveState()
            clip = canvas.beginPath()
            clip.rect(x - grow_left, y - grow_bottom, width + grow_left + grow_right,
                      height + grow_bottom + grow_top)
            canvas.clipPath(clip, stroke=0, fill=0)
            canvas.translate(x, y)
            canvas.doForm(_form(place.page))
            canvas.restoreState()
        drawer.marks(document, margin, margin, sheet_w, sheet_h, tuple(cuts_x), tuple(cuts_y), crop=True)
        canvas.showPage()
    return pdf.save()


def _form(page: int) -> str:
    return f"HandbillPage{page + 1}"
