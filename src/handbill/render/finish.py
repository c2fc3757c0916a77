"""Print finishing: page boxes (MediaBox, TrimBox, BleedBox) and crop marks outside the bleed."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from handbill.model import MM, ComposedDocument

MARK_STROKE = 0.25  # points: a hairline that prints
MARK_ROOM = 2 * MM  # space beyond the marks to the media edge


def mark_offset(document: ComposedDocument) -> float:
    """How far crop marks start from the trim: the layout's offset, never inside the bleed."""
    return max(document.mark_offset, document.bleed)


def media_margin(document: ComposedDocument) -> float:
    """Distance from the trim to the MediaBox edge: the bleed, plus room for marks when they are drawn."""
    if document.crop_marks:
        return mark_offset(document) + document.mark_length + MARK_ROOM
    return document.bleed


def set_page_boxes(canvas: Canvas, document: ComposedDocument, margin: float) -> None:
    """TrimBox at the ordered size, BleedBox the bleed beyond it, CropBox = MediaBox."""
    trim = (margin, margin, margin + document.width, margin + document.height)
    bleed = document.bleed
    canvas.setTrimBox(tuple(round(v, 4) for v in trim))
    canvas.setBleedBox(tuple(round(v, 4) for v in (trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed)))


def crop_marks(canvas: Canvas, document: ComposedDocument, margin: float) -> None:
    """Hairline marks in registration colour (100 % of every ink) at each corner, outside the bleed."""
    offset, length = mark_offset(document), document.mark_length
    left, bottom = margin, margin
    right, top = margin + document.width, margin + document.height
    canvas.saveState()
    canvas.setLineWidth(MARK_STROKE)
    canvas.setStrokeColorCMYK(1, 1, 1, 1)
    for x, y, dx, dy in ((left, bottom, -1, -1), (right, bottom, 1, -1), (left, top, -1, 1), (right, top, 1, 1)):
        canvas.line(x + dx * offset, y, x + dx * (offset + length), y)  # horizontal mark on the trim line
        canvas.line(x, y + dy * offset, x, y + dy * (offset + length))  # vertical mark on the trim line
    canvas.restoreState()
