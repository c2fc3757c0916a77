"""Reading a rendered PDF back, as a print shop's preflight would, through pikepdf (qpdf).

    problems = pdf_problems(data, pages=2, pdfx="PDF/X-4", cmyk=True)   # [] when the file is sound

What is checked: the PDF/X identification (GTS_PDFXVersion in the Info dictionary and in the XMP
metadata, Trapped /False), an output intent with an embedded profile, a TrimBox on every page, every
font embedded (descendant fonts of Type0 fonts included), and, for CMYK print files, no DeviceRGB: not
as a colour space, not on an image, and no ``rg``/``RG`` operator in any content stream (pages and the
form XObjects they use). The file is parsed as PDF objects, not searched as bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf

_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
_RGB_OPERATORS = frozenset(("rg", "RG"))


def pdf_problems(data: bytes, pages: int, pdfx: str, cmyk: bool) -> list[str]:
    """What is wrong with a rendered file, one sentence each (empty when nothing is)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        problems = _pdfx_problems(pdf, pdfx) if pdfx else []
        trimmed = sum(1 for page in pdf.pages if "/TrimBox" in page.obj)
        if trimmed < pages:
            problems.append(f"only {trimmed} of {pages} pages have a TrimBox")
        missing = sorted({name for name in _unembedded_fonts(pdf)})
        if missing:
            problems.append(f"{len(missing)} font(s) not embedded: {', '.join(missing)}")
        if cmyk and _uses_rgb(pdf):
            problems.append("the file uses DeviceRGB in a CMYK print layout")
    return problems


def _pdfx_problems(pdf: pikepdf.Pdf, pdfx: str) -> list[str]:
    problems = []
    info = pdf.trailer.get("/Info", pikepdf.Dictionary())
    if "/GTS_PDFXVersion" not in info:
        problems.append(f"{pdfx}: the file lacks the GTS_PDFXVersion key")
    if info.get("/Trapped") != pikepdf.Name("/False"):
        problems.append(f"{pdfx}: the file lacks Trapped /False")
    intents = pdf.Root.get("/OutputIntents", pikepdf.Array())
    if not intents:
        problems.append(f"{pdfx}: the file lacks an output intent")
    elif pdfx == "PDF/X-4p":
        if not any("/CheckSum" in intent.get("/DestOutputProfileRef", {}) for intent in intents):
            problems.append(f"{pdfx}: the file lacks a referenced output profile with its checksum")
    elif not any("/DestOutputProfile" in intent for intent in intents):
        problems.append(f"{pdfx}: the file lacks an embedded output profile")
    metadata = pdf.Root.get("/Metadata")
    if metadata is None or b"pdfxid:GTS_PDFXVersion" not in metadata.read_bytes():
        problems.append(f"{pdfx}: the file lacks XMP metadata")
    return problems


def _resources(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """The resource dictionaries of every page and of every form XObject they use, each once."""
    seen: set[tuple[int, int]] = set()
    stack: list[pikepdf.Object] = [page.obj.get("/Resources", pikepdf.Dictionary()) for page in pdf.pages]
    while stack:
        resources = stack.pop()
        if resources.is_indirect:
            if resources.objgen in seen:
                continue
            seen.add(resources.objgen)
        yield resources
        for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
            if xobject.get("/Subtype") == pikepdf.Name("/Form") and "/Resources" in xobject:
                stack.append(xobject.Resources)


def _unembedded_fonts(pdf: pikepdf.Pdf) -> Iterator[str]:
    for resources in _resources(pdf):
        for font in resources.get("/Font", pikepdf.Dictionary()).values():
            for part in [font, *font.get("/DescendantFonts", pikepdf.Array())]:
                descriptor = part.get("/FontDescriptor")
                if descriptor is not None and not any(key in descriptor for key in _FONT_FILES):
                    yield str(part.get("/BaseFont", "unnamed"))


def _uses_rgb(pdf: pikepdf.Pdf) -> bool:
    rgb = pikepdf.Name("/DeviceRGB")
    for resources in _resources(pdf):
        if any(space == rgb for space in resources.get("/ColorSpace", pikepdf.Dictionary()).values()):
            return True
        for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
            if xobject.get("/ColorSpace") == rgb:
                return True
    streams: list[pikepdf.Object] = [page.obj for page in pdf.pages]
    streams += [x for r in _resources(pdf) for x in r.get("/XObject", pikepdf.Dictionary()).values()
                if x.get("/Subtype") == pikepdf.Name("/Form")]
    return any(str(instruction.operator) in _RGB_OPERATORS
               for stream in streams for instruction in pikepdf.parse_content_stream(stream))
