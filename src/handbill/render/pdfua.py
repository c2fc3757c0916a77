"""PDF/UA-1 (ISO 14289-1) for the web PDF: the identification and what a reader needs besides the tags.

    XMP      pdfuaid:part 1, dc:title, dc:language (and the usual dates and tool)
    Catalog  /ViewerPreferences <</DisplayDocTitle true>>  (/Lang and the structure tree: tagging.py)
    Info     /Title (the headline)

Print files stay PDF/X-4 (tagged, but claiming no PDF/UA: their XMP is PDF/X's, render/pdfx.py).
"""

from __future__ import annotations

from reportlab.pdfbase import pdfdoc

from handbill.model import ComposedDocument
from handbill.render.pdfx import metadata_stream, xmp


def apply_pdfua(doc: pdfdoc.PDFDocument, document: ComposedDocument, creator: str, producer: str) -> None:
    """Make a tagged, non-PDF/X ReportLab document claim PDF/UA-1."""
    catalog = doc.Catalog
    catalog.ViewerPreferences = pdfdoc.PDFDictionary({"DisplayDocTitle": pdfdoc.PDFtrue})
    catalog.Metadata = metadata_stream(xmp_packet(document, creator, producer))


def xmp_packet(document: ComposedDocument, creator: str, producer: str) -> str:
    """XMP metadata with the PDF/UA identification, matching the Info dictionary."""
    return xmp(document, creator, producer, {"pdfuaid": "http://www.aiim.org/pdfua/ns/id/"},
               ["<pdfuaid:part>1</pdfuaid:part>"])
