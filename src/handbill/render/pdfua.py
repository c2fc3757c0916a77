"""PDF/UA-1 (ISO 14289-1) for the web PDF: the identification and what a reader needs besides the tags.

    XMP      pdfuaid:part 1, dc:title, dc:language (and the usual dates and tool)
    Catalog  /ViewerPreferences <</DisplayDocTitle true>>  (/Lang and the structure tree: tagging.py)
    Info     /Title (the headline)

Print files stay PDF/X-4 (tagged, but claiming no PDF/UA: their XMP is PDF/X's, render/pdfx.py).
"""

from __future__ import annotations

from reportlab.pdfbase import pdfdoc

from handbill.model import ComposedDocument
from handbill.render.pdfx import escape, xmp_date


def apply_pdfua(doc: pdfdoc.PDFDocument, document: ComposedDocument, creator: str, producer: str) -> None:
    """Make a tagged, non-PDF/X ReportLab document claim PDF/UA-1."""
    catalog = doc.Catalog
    catalog.ViewerPreferences = pdfdoc.PDFDictionary({"DisplayDocTitle": pdfdoc.PDFtrue})
    catalog.Metadata = pdfdoc.PDFStream(
        dictionary=pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}),
        content=xmp_packet(document, creator, producer).encode("utf-8"), filters=None)


def xmp_packet(document: ComposedDocument, creator: str, producer: str) -> str:
    """XMP metadata with the PDF/UA identification, matching the Info dictionary."""
    created = xmp_date(document.created)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:xmp="http://ns.adobe.com/xap/1.0/"
  xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
  xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(document.title)}</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(document.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{escape(document.lang)}</rdf:li></rdf:Bag></dc:language>
<xmp:CreateDate>{created}</xmp:CreateDate>
<xmp:ModifyDate>{created}</xmp:ModifyDate>
<xmp:MetadataDate>{created}</xmp:MetadataDate>
<xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>
<pdf:Producer>{escape(producer)}</pdf:Producer>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
