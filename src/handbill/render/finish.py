"""Print finishing: page boxes, crop (cut) marks and registration targets, outside the bleed.

    MediaBox ┌───────────────────────────────┐
             │    │                     │    │   crop marks: hairlines in the registration colour
             │ ── ┌─────────────────────┐ ── │   (/Separation /All), on the trim lines, starting
             │    │ BleedBox ┌───────┐  │    │   ``offset`` beyond the trim and never inside the bleed
             │    │  TrimBox │       │  │    │
             │    │          └───────┘  │    │   targets: a circle and cross at the middle of the
             │ ── └─────────────────────┘ ── │   left, right and top sides, in the same band
             │    │  slug: leaflet · layout …│   slug: below the trim, beyond the bleed
             └───────────────────────────────┘
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.pdfgen.canvas import Canvas

from handbill.model import MM, ComposedDocument
from handbill.render.colour import Paint

MARK_STROKE = 0.25  # points: a hairline that prints
MARK_ROOM = 2 * MM  # space beyond the marks to the media edge
SLUG_ROOM = 7 * MM  # beyond the bleed: room for a slug line (compose/marks.py sets it 4 mm below the bleed)


def mark_offset(document: ComposedDocument) -> float:
    """How far crop marks start from the trim: the layout's offset, never inside the bleed."""
    return max(document.mark_offset, document.bleed)


def media_margin(document: ComposedDocument, marks: bool | None = None) -> float:
    """Distance from the trim to the MediaBox edge: the bleed, plus room for marks, targets and slug."""
    margin = document.bleed
    if document.crop_marks if marks is None else marks:
        margin = max(margin, mark_offset(document) + document.mark_length + MARK_ROOM)
    if document.registration_marks:
        margin = max(margin, mark_offset(document) + max(document.mark_length, 5 * MM) + MARK_ROOM)
    if document.slug:
        margin = max(margin, document.bleed + SLUG_ROOM)
    return margin


def set_page_boxes(canvas: Canvas, left: float, bottom: float, width: float, height: float, bleed: float) -> None:
    """TrimBox at the ordered size (its bottom-left at left, bottom), BleedBox the bleed beyond it."""
    trim = (left, bottom, left + width, bottom + height)
    canvas.setTrimBox(tuple(round(v, 4) for v in trim))
    canvas.setBleedBox(tuple(round(v, 4) for v in (trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed)))


def crop_marks(canvas: Canvas, paint: Paint, document: ComposedDocument, left: float, bottom: float,
               width: float, height: float, cuts_x: Iterable[float] = (), cuts_y: Iterable[float] = ()) -> None:
    """Hairline marks on every cut line, outside the trim box's bleed.

    Without ``cuts_x``/``cuts_y`` the cuts are the trim's edges. On an imposed sheet they are the copies'
    edges (absolute x and y), and the sheet's own edges get no marks: the paper is not cut there.
    Vertical cuts get marks above and below the box, horizontal cuts left and right of it.
    """
    offset, length = mark_offset(document), document.mark_length
    right, top = left + width, bottom + height
    xs = sorted({round(v, 3) for v in (tuple(cuts_x) or (left, right))})
    ys = sorted({round(v, 3) for v in (tuple(cuts_y) or (bottom, top))})
    canvas.saveState()
    canvas.setLineWidth(MARK_STROKE)
    paint.registration(canvas)
    path = canvas.beginPath()
    for x in xs:
        for start, sign in ((bottom, -1), (top, 1)):
            path.moveTo(x, start + sign * offset)
            path.lineTo(x, start + sign * (offset + length))
    for y in ys:
        for start, sign in ((left, -1), (right, 1)):
            path.moveTo(start + sign * offset, y)
            path.lineTo(start + sign * (offset + length), y)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def registration_targets(canvas: Canvas, paint: Paint, document: ComposedDocument, left: float, bottom: float,
                         width: float, height: float) -> None:
    """Circle-and-cross targets at the middle of the left, right and top edges, in the marks' band."""
    radius = max(document.mark_length, 5 * MM) / 2
    distance = mark_offset(document) + radius
    centres = ((left - distance, bottom + height / 2), (left + width + distance, bottom + height / 2),
               (left + width / 2, bottom + height + distance))
    canvas.saveState()
    canvas.setLineWidth(MARK_STROKE)
    paint.registration(canvas)
    path = canvas.beginPath()
    for cx, cy in centres:
        path.circle(cx, cy, radius * 0.6)
        path.moveTo(cx - radius, cy)
        path.lineTo(cx + radius, cy)
        path.moveTo(cx, cy - radius)
        path.lineTo(cx, cy + radius)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()
