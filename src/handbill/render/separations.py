"""Separations: one greyscale page per ink and page, for risograph drums, screens or plate proofs.

    page 1 Cyan, page 1 Magenta, ..., page 1 Riso Red, page 2 Cyan, ...

Each separation is DeviceGray: black where its ink prints at 100 %, white where it does not print; an
object knocks out the inks under it, as it does on press. Marks and the slug line print on every
separation (registration). Each page's label (``/PageLabels``) names its ink, so a viewer shows
``1 Riso Red``. Separation files are proofs and masters, not PDF/X.
"""

from __future__ import annotations

from dataclasses import replace

from handbill.errors import HandbillError
from handbill.model import MM, ComposedDocument
from handbill.render.colour import Paint, document_inks
from handbill.render.draw import PageDrawer, PdfFile, conversion_profile, draw_page
from handbill.render.finish import media_margin


def separation_inks(document: ComposedDocument) -> list[str]:
    """The inks the document prints with, in the order their pages are written."""
    if document.output.color != "cmyk":
        raise HandbillError(f"{document.name or 'this document'} is screen (RGB) output: it has no inks to separate",
                            hint="separations need a print layout ([output] color = \"cmyk\")")
    return document_inks(document)


def plate_margin(document: ComposedDocument) -> float:
    """Room beyond the trim for the plate labels: each label's baseline plus its type and a millimetre."""
    tops = [label.y - document.height + max((g.size for g in label.line.glyphs), default=0.0) + 1 * MM
            for label in document.plate_labels.values()]
    return max(tops, default=0.0)


def render_separations(document: ComposedDocument) -> bytes:
    """A PDF with one greyscale page per ink for every page of the document, each with cut marks,
    registration targets and its ink's label outside the printed area."""
    inks = separation_inks(document)
    document = replace(document, crop_marks=True, registration_marks=True)
    margin = max(media_margin(document), plate_margin(document))
    pdf = PdfFile(document, (document.width + 2 * margin, document.height + 2 * margin), pdfx=False)
    profile = conversion_profile(document)
    number = 0
    for page_number, page in enumerate(document.pages, start=1):
        for ink in inks:
            drawer = PageDrawer(pdf.canvas, pdf.fonts, Paint("cmyk", ink=ink), document.lang, profile,
                                 output=document.output)
            pdf.canvas.addPageLabel(number, prefix=f"{page_number} {ink}")
            label = document.plate_labels.get(ink)
            if label is not None:  # drawn before draw_page ends the page, in the registration colour
                pdf.canvas.saveState()
                pdf.canvas.translate(margin, margin)
                drawer.line(label)
                pdf.canvas.restoreState()
            draw_page(pdf, drawer, document, page, margin)
            number += 1
    return pdf.save()
