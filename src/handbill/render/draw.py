"""Drawing a composed document on a ReportLab canvas and returning the PDF bytes.

Only this package knows ReportLab. Glyphs are written as CIDs of our own Type0 fonts (pdffont.py), in
logical order, each positioned at its visual x, so copy-paste and search give the author's text.
"""

from __future__ import annotations

import io
from types import SimpleNamespace

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from handbill import __version__
from handbill.model import Color, ComposedDocument, FilledRect, PlacedLine
from handbill.render.finish import crop_marks, media_margin, set_page_boxes
from handbill.render.pdffont import EmbeddedFonts


class _NoInitialFont:
    """Stands in for ReportLab's initial Helvetica, so no page declares a font that is not embedded."""

    fontName = "handbill-no-initial-font"
    _dynamicFont = 1
    _multiByte = 0
    face = SimpleNamespace(name=b"handbill-no-initial-font")


def _register_initial_font() -> str:
    if _NoInitialFont.fontName not in pdfmetrics._fonts:
        pdfmetrics.registerFont(_NoInitialFont())
    return _NoInitialFont.fontName


def render_pdf(document: ComposedDocument) -> bytes:
    """The PDF bytes of a composed document (deterministic: same document, same bytes)."""
    saved = rl_config.useA85
    rl_config.useA85 = 0  # binary Flate streams: ASCII85 only makes the file a quarter larger
    try:
        return _render(document)
    finally:
        rl_config.useA85 = saved


def _render(document: ComposedDocument) -> bytes:
    margin = media_margin(document)
    media = (document.width + 2 * margin, document.height + 2 * margin)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=media, invariant=1, pageCompression=1, lang=document.lang,
                    initialFontName=_register_initial_font(), pdfVersion=(1, 6))
    canvas.setTitle(document.title)
    canvas.setSubject(document.subject)
    canvas.setCreator(f"handbill {__version__}")
    canvas.setProducer(f"handbill {__version__} (ReportLab)")
    canvas.setAuthor("")
    canvas.setDateFormatter(lambda *_: document.created.strftime("D:%Y%m%d%H%M%S+00'00'"))
    fonts = EmbeddedFonts()
    for page in document.pages:
        set_page_boxes(canvas, document, margin)
        canvas.saveState()
        canvas.translate(margin, margin)
        for item in page.items:
            if isinstance(item, FilledRect):
                _fill(canvas, item.color)
                canvas.rect(item.x, item.y, item.width, item.height, stroke=0, fill=1)
            else:
                _draw_line(canvas, fonts, item, document.lang)
        canvas.restoreState()
        if document.crop_marks:
            crop_marks(canvas, document, margin)
        canvas.showPage()
    fonts.write(canvas._doc)
    canvas.save()
    return buffer.getvalue()


def _fill(canvas: Canvas, color: Color) -> None:
    if color.space == "rgb":
        canvas.setFillColorRGB(*color.values)
    else:
        canvas.setFillColorCMYK(*color.values)


def _draw_line(canvas: Canvas, fonts: EmbeddedFonts, placed: PlacedLine, doc_lang: str) -> None:
    """One line: BT ... ET with a text matrix per glyph, glyphs in logical order."""
    _fill(canvas, placed.color)
    ops: list[str] = []
    if placed.lang != doc_lang:
        ops.append(f"/Span <</Lang ({placed.lang})>> BDC")
    ops.append("BT")
    current = None
    for glyph in placed.line.glyphs:  # type: ignore[attr-defined]
        font_key = (glyph.face.digest, glyph.size)
        if font_key != current:
            ops.append(f"/{fonts.resource(glyph.face)} {_num(glyph.size)} Tf")
            current = font_key
        cid = fonts.cid(glyph.face, glyph.gid, glyph.text)
        ops.append(f"1 0 0 1 {_num(placed.x + glyph.x)} {_num(placed.y + glyph.y)} Tm <{cid:04X}> Tj")
    ops.append("ET")
    if placed.lang != doc_lang:
        ops.append("EMC")
    canvas.addLiteral("\n".join(ops))


def _num(value: float) -> str:
    """A PDF number with at most 3 decimals and no trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
