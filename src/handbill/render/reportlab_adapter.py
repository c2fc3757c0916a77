"""The one place that reaches into ReportLab's private attributes.

ReportLab's public canvas API draws text, paths and forms, but handbill also needs the document
object underneath (to embed its own Type0 fonts, tags, PDF/X and PDF/UA parts), raw content
operators (an image XObject drawn by name), and the resources a form XObject uses. Each function
below names one such need; no other module touches a ReportLab attribute whose name starts with
an underscore. Checked against ReportLab 5.1.0 (the tests run with it) and, by reading its source,
against 4.2.5, the lowest release ``reportlab>=4.2,<6`` allows: every attribute and method used here is
there, ``addColor`` returns ``(name, spot name)`` in both (the suite was not run on 4.2). If a new
ReportLab renames one of these, only this module changes, and the reference renderings
(tests/test_reference.py) say so.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from reportlab.lib.colors import CMYKColorSep
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas


def document(canvas: Canvas) -> pdfdoc.PDFDocument:
    """The canvas's ``PDFDocument`` (``canvas._doc``): where handbill adds fonts, tags and PDF/X parts
    as indirect objects; ReportLab has no public accessor."""
    doc: pdfdoc.PDFDocument = canvas._doc
    return doc


def draw_xobject(canvas: Canvas, name: str, internal: str) -> None:
    """Paint the XObject registered as ``internal`` (``/internal Do``) and list ``name`` among the page's
    XObject resources. ``canvas.drawImage`` would re-encode the image; ``doForm`` checks for forms only,
    so the operator goes into ``canvas._code`` and the name into ``canvas._formsinuse`` directly."""
    canvas._code.append(f"/{internal} Do")
    canvas._formsinuse.append(name)


def separation_colour(canvas: Canvas, spot: CMYKColorSep) -> str:
    """The resource name of the /Separation colour space for a spot ink (``canvas._doc.addColor``), so
    an image can use it as its colour space; ReportLab otherwise adds it only when the ink fills a path."""
    name, _ = document(canvas).addColor(spot)
    return str(name)


def set_overprint(canvas: Canvas) -> None:
    """Overprint fill and stroke with mode 1 (ExtGState /op true, /OP true, /OPM 1) until the next
    ``restoreState``: ReportLab's own ExtGState bookkeeping, only exposed as ``_set...`` methods."""
    canvas._setFillOverprint(True)
    canvas._setStrokeOverprint(True)
    canvas._setOverprintMask(True)


def form_resources(canvas: Canvas) -> pdfdoc.PDFResourceDictionary:
    """Complete resources for the form being drawn: ReportLab's form XObjects list fonts and XObjects
    but not the ExtGStates (overprint) or colour spaces (/Separation inks) their content uses, which
    only ``canvas._formsinuse``, ``canvas._extgstate`` and ``canvas._colorsUsed`` record."""
    resources = pdfdoc.PDFResourceDictionary()
    resources.basicFonts()
    resources.allProcs()
    if canvas._formsinuse:
        resources.XObject = document(canvas).xobjDict(canvas._formsinuse)
    states = canvas._extgstate.getState()
    if states:
        resources.ExtGState = states
    resources.setColorSpace(canvas._colorsUsed)
    return resources


def register_font_once(font: Any) -> str:
    """Register ``font`` with ReportLab's font registry unless a font of its name already is there
    (``pdfmetrics._fonts``: ``registerFont`` would replace it, ``getFont`` would try to load a
    standard font by that name); returns its name."""
    name: str = font.fontName
    if name not in pdfmetrics._fonts:
        pdfmetrics.registerFont(font)
    return name


@contextlib.contextmanager
def colour_filter(canvas: Canvas, convert: Callable[[Any], Any]) -> Iterator[None]:
    """Every colour set on the canvas while inside goes through ``convert`` first: ReportLab's own
    ``enforceColorSpace`` hook (a public argument of ``Canvas()``, kept in ``canvas._enforceColorSpace``),
    set for a while around drawing an SVG logo, whose renderer sets RGB black before its first shape."""
    previous = canvas._enforceColorSpace
    canvas._enforceColorSpace = convert
    try:
        yield
    finally:
        canvas._enforceColorSpace = previous
