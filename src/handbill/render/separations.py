"""Separations: one greyscale page per ink and page, for risograph drums, screens or plate proofs.

    page 1 Cyan, page 1 Magenta, ..., page 1 Riso Red, page 2 Cyan, ...

Each separation is DeviceGray: black where its ink prints at 100 %, white where it does not print; an
object knocks out the inks under it, as it does on press. Marks and the slug line print on every
separation (registration). Each page's label (``/PageLabels``) names its ink, so a viewer shows
``1 Riso Red``. Separation files are proofs and masters, not PDF/X.
"""

from __future__ import annotations

from handbill.errors import HandbillError
from handbill.model import ComposedDocument
from handbill.render.colour import Paint, document_inks
from handbill.render.draw import PageDrawer, PdfFile, conversion_profile, draw_page
from handbill.render.finish import media_margin


def separation_inks(document: ComposedDocument) -> list[str]:
    """The inks the document prints with, in the order their pages are written."""
    if document.output.color != "cmyk":
        raise HandbillError(f"{document.name or 'this document'} is screen (RGB) output: it has no inks to separate",
                            hint="separations need a print layout ([output] color = \"cmyk\")")
    return document_inks(document)


def render_separations(document: ComposedDocument) -> bytes:
    """A PDF with one greyscale page per ink for every page of the document."""
    inks = separation_inks(document)
    margin = media_margin(document)
    pdf = PdfFile(document, (document.width + 2 * margin, document.height + 2 * margin), pdfx=False)
    profile = conversion_profile(document)
    number = 0
    for page_number, page in enumerate(document.pages, start=1):
        for ink in inks:
            drawer = PageDrawer(pdf.canvas, pdf.fonts, Paint("cmyk", ink=ink), document.lang, profile,
                                 output=document.output)
            pdf.canvas.addPageLabel(number, prefix=f"{page_number} {ink}")
            draw_page(pdf, drawer, document, page, margin)
            number += 1
    return pdf.save()
