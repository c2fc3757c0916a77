"""Imposition: copies of the pages on a press sheet that a shop can print, turn and cut.

    impose(document, Imposition("SRA4", 907.09, 637.8, up=2, scheme="work-and-turn", gap=17.01, edge=17.01))

Three schemes (``[imposition] scheme``); F = front (page 1), B = back (page 2):

    work-and-turn          sheetwise                        step-and-repeat
    one plate, both sides  front plate      back plate      one plate per page
    ┌────┐ ┌────┐          ┌────┐ ┌────┐    ┌────┐ ┌────┐    ┌────┐ ┌────┐
    │ F  │ │ B  │          │ F0 │ │ F1 │    │ B1 │ │ B0 │    │ P  │ │ P  │
    └────┘ └────┘          └────┘ └────┘    └────┘ └────┘    └────┘ └────┘
    print, turn the sheet  print the fronts, turn the sheet  one-sided: every copy
    side to side, print    side to side, print the backs     the same page
    again with the same    (columns mirrored: each back
    plate: cut, two whole  lands behind its front)
    copies per sheet

Work-and-turn alternates the pages by column ([F|B|F|B]), so turning the sheet puts each copy's back
behind its front: the column mirrored about the sheet's centre holds the other page. Its file has one
page per plate (print it on both sides); sheetwise has a front and a back page per sheet.

Every copy sits in its own cell with its full bleed; copies are ``gap`` apart (twice the bleed: a
double cut, so no copy's edge shows its neighbour's colour). Cut marks in the registration colour
mark every cut line, in the sheet's margin, outside the bleed of the block of copies. The sheet's
TrimBox (and ArtBox) is the block of copies after the outer cuts, its BleedBox that plus the bleed, its
MediaBox the paper. The file gets its own XMP DocumentID (it is a new document, not its source). Each
side carries a slug line (compose/marks.py) in the right margin beside the bottom row, reading upwards,
or in the bottom margin under the first column where that margin lets it be larger: leaflet, layout,
language, sheet n/m and side, scheme, condition and handbill's version.
Each page is drawn once as a Form XObject and placed in every cell, clipped to its bleed box.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.pdfgen.canvas import Canvas

from handbill.compose.sheets import Placement, SheetSide, sheet_plan
from handbill.errors import HandbillError
from handbill.model import MM, ComposedDocument, Imposition, PlacedLine
from handbill.render import reportlab_adapter
from handbill.render.colour import Paint
from handbill.render.draw import PageDrawer, PdfFile, conversion_profile
from handbill.render.finish import crop_marks, mark_offset

MIN_MARK = 2 * MM  # a cut mark shorter than this is hard to find on press
PAPER_EDGE = 1 * MM  # marks stop this far from the paper's edge
SLUG_CLEAR = 3 * MM  # the sheet's slug line: this far from the cut marks along its row

__all__ = ["Placement", "SheetSide", "impose", "sheet_plan"]


def impose(document: ComposedDocument, imposition: Imposition) -> bytes:
    """A PDF of press sheet sides holding ``imposition.up`` copies each (see the module's schemes)."""
    width, height, bleed = document.width, document.height, document.bleed
    grid = imposition.grid(width, height)
    if grid is None:
        raise HandbillError(f"{imposition.up} copies of {document.name or 'the page'} do not fit a "
                            f"{imposition.sheet} sheet", hint="use a larger sheet or fewer copies")
    columns, rows = grid
    gap = imposition.gap
    sheet_w, sheet_h = imposition.sheet_width, imposition.sheet_height
    block_w = columns * width + (columns - 1) * gap
    block_h = rows * height + (rows - 1) * gap
    left0, bottom0 = (sheet_w - block_w) / 2, (sheet_h - block_h) / 2
    offset = mark_offset(document)
    length = min(document.mark_length, min(left0, bottom0) - offset - PAPER_EDGE)
    if length < MIN_MARK - 0.01:
        raise HandbillError(f"no room for cut marks on the {imposition.sheet} sheet around {imposition.up} copies",
                            hint="use a larger sheet (SRA4, SRA3) or fewer copies")
    marks = replace(document, mark_length=length)

    pdf = PdfFile(document, (sheet_w, sheet_h), rendition="imposed")
    drawer = PageDrawer(pdf.canvas, pdf.fonts, Paint(document.output.color), document.lang,
                        conversion_profile(document), output=document.output)
    canvas = pdf.canvas
    for index, page in enumerate(document.pages):
        canvas.beginForm(_form(index), -bleed, -bleed, width + bleed, height + bleed)
        drawer.page(page)
        end_form(canvas)

    top0 = bottom0 + block_h
    inner = min(bleed, gap / 2)  # the whole bleed on every side of a copy, unless the gap is narrower
    cuts_x = tuple(left0 + c * (width + gap) + d for c in range(columns) for d in (0, width))
    cuts_y = tuple(top0 - r * (height + gap) - d for r in range(rows) for d in (0, height))
    trim = tuple(round(v, 4) for v in (left0, bottom0, left0 + block_w, bottom0 + block_h))
    for number, side in enumerate(sheet_plan(len(document.pages), columns, rows, imposition.scheme)):
        canvas.setTrimBox(trim)
        canvas.setArtBox(trim)
        canvas.setBleedBox(tuple(round(v, 4) for v in (trim[0] - bleed, trim[1] - bleed, trim[2] + bleed,
                                                        trim[3] + bleed)))
        canvas.addPageLabel(number, prefix=side.label)
        for place in side.places:
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
        crop_marks(canvas, drawer.paint, marks, left0, bottom0, block_w, block_h, cuts_x, cuts_y)
        if number < len(document.sheet_slugs):
            _slug(drawer, document.sheet_slugs[number], (left0, bottom0, block_w, block_h), (width, height), bleed,
                  sheet_w)
        canvas.showPage()
    return pdf.save()


def _slug(drawer: PageDrawer, line: PlacedLine, block: tuple[float, float, float, float], cell: tuple[float, float],
          bleed: float, sheet_w: float) -> None:
    """The sheet's slug line where it can be set largest (up to its size, never cut short): in the right
    margin reading upwards beside the bottom row of copies, or in the bottom margin under the first
    column. Either way clear of the bleed, of the paper's edge and, by SLUG_CLEAR, of the cut marks at the
    ends of that row or column."""
    left0, bottom0, block_w, _ = block
    width, height = cell
    size = max((g.size for g in line.line.glyphs), default=6.0)
    text = max(line.line.width, 0.01)
    right_x = left0 + block_w + bleed + PAPER_EDGE  # where the turned line's ascent starts
    right = min(1.0, (sheet_w - PAPER_EDGE - right_x) / size, (height - 2 * SLUG_CLEAR) / text)
    below_y = bottom0 - bleed - PAPER_EDGE  # where the line's ascent starts, downwards
    below = min(1.0, (below_y - PAPER_EDGE) / size, (width - 2 * SLUG_CLEAR) / text)
    canvas = drawer.canvas
    canvas.saveState()
    if right >= below:
        canvas.translate(right_x + 0.75 * size * right, bottom0 + SLUG_CLEAR)  # turned: the ascent points left
        canvas.rotate(90)
        canvas.scale(right, right)
    else:
        canvas.translate(left0 + SLUG_CLEAR, below_y - 0.75 * size * below)
        canvas.scale(below, below)
    drawer.line(line)
    canvas.restoreState()


def end_form(canvas: Canvas) -> None:
    """``canvas.endForm()`` with complete resources: ReportLab's form XObjects list fonts and XObjects
    but not the ExtGStates (overprint) or colour spaces (/Separation inks) their content uses."""
    canvas.endForm(Resources=reportlab_adapter.form_resources(canvas))


def _form(page: int) -> str:
    return f"HandbillPage{page + 1}"
