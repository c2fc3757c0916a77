"""Drawing a composed document on a ReportLab canvas and returning the PDF bytes.

Only this package knows ReportLab. Glyphs are written as CIDs of our own Type0 fonts (pdffont.py), in
logical order, each positioned at its visual x, so copy-paste and search give the author's text.

    render_pdf(document)           the composite print (or screen) file
    render/separations.py          one grey page per ink
    render/impose.py               copies on a press sheet with cut marks, fronts and backs paired

All three draw pages with ``PageDrawer`` and finish the file with ``PdfFile``.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from types import SimpleNamespace

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from handbill.errors import HandbillError
from handbill.lines import PlacedGlyph
from handbill.model import ComposedDocument, ComposedPage, FilledRect, PlacedCode, PlacedImage, PlacedLine, PrintSpec
from handbill.render import reportlab_adapter
from handbill.render.actualtext import draws_as_outline, pieces, text_string, unicode_of
from handbill.render.colour import Paint
from handbill.render.finish import crop_marks, media_margin, registration_targets, set_page_boxes
from handbill.render.outlines import glyph_path
from handbill.render.overprint import overprints
from handbill.render.pdffont import EmbeddedFonts
from handbill.render.pdfua import apply_pdfua
from handbill.render.pdfx import apply_pdfx, find_profile, info_date, pdf_version
from handbill.render.profiles import condition_limit
from handbill.render.tagging import ARTIFACT, END, Tagger
from handbill.version import __version__

CREATOR = f"handbill {__version__}"
PRODUCER = f"handbill {__version__} (ReportLab)"


class _NoInitialFont:
    """Stands in for ReportLab's initial Helvetica, so no page declares a font that is not embedded."""

    fontName = "handbill-no-initial-font"
    _dynamicFont = 1
    _multiByte = 0
    face = SimpleNamespace(name=b"handbill-no-initial-font")


def _register_initial_font() -> str:
    return reportlab_adapter.register_font_once(_NoInitialFont())


class PdfFile:
    """One PDF being written: the canvas, its embedded fonts, and the finishing when it is saved.

    Args:
        document: the composed document (metadata, output spec).
        media: the MediaBox size in points.
        pdfx: whether to make the file PDF/X as the document's output spec asks (separations are not).
        rendition: what this file is of the document (``"imposed"``): a file of its own, with its own
            XMP DocumentID; "" for the document itself.
    """

    def __init__(self, document: ComposedDocument, media: tuple[float, float], pdfx: bool = True,
                 rendition: str = "") -> None:
        self.document = document
        self.rendition = rendition
        self.pdfx = pdfx and bool(document.output.pdfx)
        self.buffer = io.BytesIO()
        version = pdf_version(document.output) if self.pdfx else (1, 6)
        self.canvas = Canvas(self.buffer, pagesize=media, invariant=1, pageCompression=1, lang=document.lang,
                             initialFontName=_register_initial_font(), pdfVersion=version)
        self.canvas.setTitle(document.title)
        self.canvas.setSubject(document.subject)
        self.canvas.setCreator(CREATOR)
        self.canvas.setProducer(PRODUCER)
        self.canvas.setAuthor("")
        self.canvas.setDateFormatter(lambda *_: info_date(document.created))
        self.fonts = EmbeddedFonts()
        self.tagger: Tagger | None = None  # set for a tagged file (render_pdf)
        self.pdfua = False  # claim PDF/UA-1 (a tagged screen file)

    def save(self) -> bytes:
        """Embed the fonts, add the PDF/X parts, and return the file's bytes."""
        self.fonts.write(reportlab_adapter.document(self.canvas))
        if self.tagger is not None:
            self.tagger.write(reportlab_adapter.document(self.canvas))
        if self.pdfx:
            apply_pdfx(reportlab_adapter.document(self.canvas), self.document, CREATOR, PRODUCER, self.rendition)
        elif self.pdfua:
            apply_pdfua(reportlab_adapter.document(self.canvas), self.document, CREATOR, PRODUCER)
        saved = rl_config.useA85
        rl_config.useA85 = 0  # binary Flate streams: ASCII85 only makes the file a quarter larger
        try:
            self.canvas.save()
        finally:
            rl_config.useA85 = saved
        return self.buffer.getvalue()


class PageDrawer:
    """Draws composed items (trim coordinates, origin at the current transformation) on a canvas."""

    def __init__(self, canvas: Canvas, fonts: EmbeddedFonts, paint: Paint, doc_lang: str,
                 profile: bytes | None, tagger: Tagger | None = None, output: PrintSpec | None = None) -> None:
        self.canvas = canvas
        self.fonts = fonts
        self.paint = paint
        self.doc_lang = doc_lang
        self.profile = profile
        self.tagger = tagger
        self._font: tuple[str, float] | None = None  # the text font set last in the current BT ... ET
        self.output = output  # the print settings: which items overprint

    def page(self, page: ComposedPage) -> None:
        """Every item of a page, in order; in a tagged file, lines in reading order."""
        items = page.items
        if self.tagger is not None:
            items = tuple(sorted(items, key=_reading_order))  # stable: graphics first, as composed
        for item in items:
            self.item(item)

    def item(self, item: PlacedLine | FilledRect | PlacedImage | PlacedCode) -> None:
        """One item: a filled area, an image, a QR code or a line of text; small black overprinting."""
        overprint = overprints(item, self.output)
        if overprint and self.paint.ink is not None:  # a separation: not drawn on plates it does not print on
            if isinstance(item, (PlacedLine, FilledRect)) and self.paint.tint(item.color) == 0:
                return
            overprint = False
        if not overprint:
            self._item(item)
            return
        self.canvas.saveState()  # q ... Q: overprint ends with the item
        reportlab_adapter.set_overprint(self.canvas)  # ExtGState /op true, /OP true, /OPM 1 (ReportLab's own)
        self._item(item)
        self.canvas.restoreState()

    def _item(self, item: PlacedLine | FilledRect | PlacedImage | PlacedCode) -> None:
        if isinstance(item, PlacedLine):
            self.line(item)
            return
        canvas, tagger = self.canvas, self.tagger
        if tagger is not None:
            canvas.addLiteral(ARTIFACT if isinstance(item, FilledRect) else tagger.graphic(item))
        if isinstance(item, FilledRect):
            self.paint.fill(canvas, item.color)
            canvas.rect(item.x, item.y, item.width, item.height, stroke=0, fill=1)
        elif isinstance(item, PlacedImage) and item.vector and item.path.suffix.lower() == ".pdf":
            from handbill.render.pdf_logo import draw_pdf_logo  # a PDF logo's page as a form XObject

            draw_pdf_logo(canvas, item, self.paint, self.profile)
        elif isinstance(item, PlacedImage) and item.vector:
            from handbill.render.vector import draw_vector  # svglib: only for leaflets with an SVG logo

            draw_vector(canvas, item, self.paint, self.profile, condition_limit(self.output))
        elif isinstance(item, PlacedImage):
            from handbill.render.images import draw_image  # Pillow: only for leaflets with images

            draw_image(canvas, item, self.paint, self.profile, condition_limit(self.output))
        else:
            self._code(item)
        if tagger is not None:
            canvas.addLiteral(END)

    def line(self, placed: PlacedLine) -> None:
        """One line: BT ... ET with a text matrix per glyph, glyphs in logical order; in a tagged file,
        in marked content (render/tagging.py, which also gives each ActualText span its own), else in a
        /Span with its /Lang when not the document's, ActualText spans nested in it."""
        self.paint.fill(self.canvas, placed.color)
        nested = self.tagger is None
        if self.tagger is not None:
            spans = self.tagger.line_spans(placed)
        elif placed.lang != self.doc_lang:
            spans = [(f"/Span <</Lang ({placed.lang})>> BDC", placed.line.glyphs)]
        else:
            spans = [("", placed.line.glyphs)]
        ops: list[str] = []
        for begin, glyphs in spans:
            if begin:
                ops.append(begin)
            self._glyphs(placed, glyphs, ops, nested)
            if begin:
                ops.append(END)
        self.canvas.addLiteral("\n".join(ops))

    def _glyphs(self, placed: PlacedLine, glyphs: tuple[PlacedGlyph, ...], ops: list[str], nested: bool) -> None:
        """BT ... ET for glyphs of a line, then the outlines of glyphs that carry no text; with nested,
        each ActualText span (render/actualtext.py) in a marked-content sequence of its own."""
        ops.append("BT")
        self._font = None
        outlines: list[str] = []
        for span, run in pieces(glyphs):
            shown = [g for g in run if not draws_as_outline(g)]
            outlines.extend(glyph_path(g.face, g.gid, g.size, placed.x + g.x, placed.y + g.y)
                            for g in run if draws_as_outline(g))
            if not shown:
                continue
            if span is not None and nested:
                ops.append(f"/Span <</ActualText {text_string(span.text)}>> BDC")
            self._show(placed, shown, span is not None, ops)
            if span is not None and nested:
                ops.append(END)
        ops.append("ET")
        ops.extend(path for path in outlines if path)

    def _show(self, placed: PlacedLine, glyphs: list[PlacedGlyph], one_object: bool, ops: list[str]) -> None:
        """Glyphs each at its own text matrix; the glyphs of one ActualText span by one TJ whose adjustments
        put each glyph where its own text matrix would, so pdfium takes them for one text object and reads
        on after the span's last glyph, not its first (it would see a gap there and read a space)."""
        one_object = one_object and len({(g.face.digest, g.size, g.y) for g in glyphs}) == 1
        for index, glyph in enumerate(glyphs):
            font_key = (glyph.face.digest, glyph.size)
            if font_key != self._font:
                ops.append(f"/{self.fonts.resource(glyph.face)} {_num(glyph.size)} Tf")
                self._font = font_key
            x, y = _num(placed.x + glyph.x), _num(placed.y + glyph.y)
            if not one_object:
                ops.append(f"1 0 0 1 {x} {y} Tm <{self._cid(glyph):04X}> Tj")
            elif index == 0:
                ops.append(f"1 0 0 1 {x} {y} Tm {self._adjusted(placed, glyphs)} TJ")

    def _cid(self, glyph: PlacedGlyph) -> int:
        return self.fonts.cid(glyph.face, glyph.gid, unicode_of(glyph))

    def _adjusted(self, placed: PlacedLine, glyphs: list[PlacedGlyph]) -> str:
        """A TJ array drawing glyphs of one font at the x of their own (rounded) text matrices."""
        parts: list[str] = []
        for glyph, after in zip(glyphs, [*glyphs[1:], None], strict=True):
            parts.append(f"<{self._cid(glyph):04X}>")
            if after is not None:
                step = float(_num(placed.x + after.x)) - float(_num(placed.x + glyph.x))
                width = self.fonts.width(glyph.face, glyph.gid, unicode_of(glyph))
                parts.append(_num(width - step * 1000 / glyph.size, 5))
        return "[" + " ".join(parts) + "]"

    def _code(self, code: PlacedCode) -> None:
        """A QR code as filled squares, one rectangle per horizontal run of dark modules."""
        n = len(code.modules)
        module = code.size / n
        self.paint.fill(self.canvas, code.color)
        path = self.canvas.beginPath()
        for r, row in enumerate(code.modules):
            y = code.y + code.size - (r + 1) * module
            c = 0
            while c < n:
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect(code.x + start * module, y, (c - start) * module, module)
        self.canvas.drawPath(path, stroke=0, fill=1)

    def marks(self, document: ComposedDocument, left: float, bottom: float, width: float, height: float,
              cuts_x: tuple[float, ...] = (), cuts_y: tuple[float, ...] = (), crop: bool | None = None) -> None:
        """Crop marks, registration targets and the slug line around a trim box at (left, bottom); all
        artifacts in a tagged file."""
        if self.tagger is not None:
            self.canvas.addLiteral(ARTIFACT)
        if document.crop_marks if crop is None else crop:
            crop_marks(self.canvas, self.paint, document, left, bottom, width, height, cuts_x, cuts_y)
        if document.registration_marks:
            registration_targets(self.canvas, self.paint, document, left, bottom, width, height)
        if self.tagger is not None:
            self.canvas.addLiteral(END)
        if document.slug:
            self.canvas.saveState()
            self.canvas.translate(left, bottom)
            for line in document.slug:
                self.line(line)
            self.canvas.restoreState()


def conversion_profile(document: ComposedDocument) -> bytes | None:
    """The CMYK profile images are converted with: the output intent's, if there is one to be had."""
    if document.output.color != "cmyk":
        return None
    try:
        return find_profile(document.output).data
    except HandbillError:
        if document.output.pdfx:
            raise
        return None


def screen_profile(document: ComposedDocument) -> Path | None:
    """The CMYK profile a screen document's CMYK colours are shown through (render/srgb.py), if any."""
    if document.output.color != "rgb":
        return None
    try:  # a file on disk (srgb.py opens it by name): the layout's or the default profile
        return find_profile(dataclasses.replace(document.output, condition="")).path
    except HandbillError:
        return None


def render_pdf(document: ComposedDocument, pdfua: bool = False) -> bytes:
    """The PDF bytes of a composed document (deterministic: same document, same bytes); tagged, and with
    pdfua (a screen document's web PDF) claiming PDF/UA-1."""
    margin = media_margin(document)
    pdf = PdfFile(document, (document.width + 2 * margin, document.height + 2 * margin))
    pdf.tagger = Tagger(document.lang)
    pdf.pdfua = pdfua and not pdf.pdfx
    drawer = PageDrawer(pdf.canvas, pdf.fonts, Paint(document.output.color, profile=screen_profile(document)),
                        document.lang, conversion_profile(document), pdf.tagger, document.output)
    for page in document.pages:
        draw_page(pdf, drawer, document, page, margin)
    return pdf.save()


def draw_page(pdf: PdfFile, drawer: PageDrawer, document: ComposedDocument, page: ComposedPage,
              margin: float) -> None:
    """One page: its boxes, its items with the trim's bottom-left at the origin, then its marks."""
    set_page_boxes(pdf.canvas, margin, margin, document.width, document.height, document.bleed)
    if drawer.tagger is not None:
        drawer.tagger.begin_page(margin, margin)
    pdf.canvas.saveState()
    pdf.canvas.translate(margin, margin)
    drawer.page(page)
    pdf.canvas.restoreState()
    drawer.marks(document, margin, margin, document.width, document.height)
    pdf.canvas.showPage()


def _reading_order(item: PlacedLine | FilledRect | PlacedImage | PlacedCode) -> tuple[int, tuple[int, int]]:
    """Graphics before text (as composed); lines by their paragraph's place in reading order."""
    if isinstance(item, PlacedLine) and item.tag is not None:
        return (1, item.tag.order)
    return (0, (0, 0))


def _num(value: float, decimals: int = 3) -> str:
    """A PDF number with at most 3 (or the given) decimals and no trailing zeros."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text

