"""Embedding shaped fonts: Type0 / CIDFontType2 fonts addressed by our own CIDs.

ReportLab's own TrueType support encodes characters, not glyphs, so shaped glyphs (ligatures,
contextual Arabic forms, Devanagari conjuncts) cannot be drawn through it with the right text behind
them. Here each (glyph id, text) pair gets its own CID:

    CID 1 -> GID 412, text "ل"     (initial lam)
    CID 2 -> GID 412, text "ل"     is the same pair: CID 1 again
    CID 3 -> GID 980, text "ال"    (lam-alef ligature; RTL cluster stored reversed, see text/paragraph.py)

CIDToGIDMap maps CIDs to glyphs of the embedded subset (glyph ids are kept), ToUnicode maps CIDs to
the cluster text, and W gives each CID the glyph's advance (see glyph_width: half a unit wider), so
extractors neither lose nor add characters or spaces.

A CFF-outline font (OpenType .otf, Noto Sans CJK) is a CIDFontType0 with its CFF table as FontFile3
(Subtype CIDFontType0C). A CIDFontType0 has no CIDToGIDMap: its CIDs select glyphs through the CFF's
charset. The subset is CID-keyed with CID == glyph id (render/subset.py), so the codes drawn in the
content stream (one per glyph and text, as above) are mapped to those CIDs by an embedded CMap as the
font's Encoding; ToUnicode maps the codes to text as for TrueType, and W gives the widths by CID.
"""

from __future__ import annotations

import hashlib
import math
import string
import unicodedata
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfdoc

from handbill.fonts.face import FontFace
from handbill.render.subset import has_cff_outlines, subset_cff, subset_truetype


@dataclass
class _FontUse:
    face: FontFace
    resource: str
    cids: dict[tuple[int, str], int] = field(default_factory=dict)

    def cid(self, gid: int, text: str) -> int:
        key = (gid, text)
        cid = self.cids.get(key)
        if cid is None:
            cid = self.cids[key] = len(self.cids) + 1
        return cid


class EmbeddedFonts:
    """The shaped fonts of one PDF document: CID assignment while drawing, objects at the end."""

    def __init__(self, prefix: str = "HB") -> None:
        self._uses: dict[str, _FontUse] = {}
        self._prefix = prefix

    def resource(self, face: FontFace) -> str:
        """The page resource name of a face (``HB1``), in order of first use."""
        return self._use(face).resource

    def cid(self, face: FontFace, gid: int, text: str) -> int:
        """The CID that draws glyph gid of face and extracts as text."""
        return self._use(face).cid(gid, text)

    def width(self, face: FontFace, gid: int, text: str) -> float:
        """A glyph's width as the font's W array gives it (thousandths of the font size)."""
        return glyph_width(face, gid, text)

    def _use(self, face: FontFace) -> _FontUse:
        use = self._uses.get(face.digest)
        if use is None:
            use = self._uses[face.digest] = _FontUse(face, f"{self._prefix}{len(self._uses) + 1}")
        return use

    @property
    def faces(self) -> list[FontFace]:
        """Faces used so far, in order of first use."""
        return [use.face for use in self._uses.values()]

    def write(self, doc: pdfdoc.PDFDocument, compress: bool = True) -> None:
        """Add every used font to the document's font resources (call once, before saving)."""
        fonts = doc.idToObject["BasicFonts"].dict
        for use in self._uses.values():
            fonts[use.resource] = doc.Reference(_type0_font(doc, use, compress), use.resource)


def _type0_font(doc: pdfdoc.PDFDocument, use: _FontUse, compress: bool) -> pdfdoc.PDFDictionary:
    face = use.face
    gids = sorted({gid for gid, _ in use.cids} | {0})
    tag = _subset_tag(face, gids)
    base_name = f"{tag}+{face.postscript_name}"
    scale = 1000.0 / face.units_per_em
    by_cid = sorted((cid, gid, text) for (gid, text), cid in use.cids.items())
    cff = has_cff_outlines(face.data)
    if cff:
        program, new_ids = subset_cff(face.data, gids)
        font_file = _stream(program, compress, Subtype="CIDFontType0C")
    else:
        font_file = _stream(subset_truetype(face.data, gids), compress, Length1=True)

    descriptor = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("FontDescriptor"),
        "FontName": pdfdoc.PDFName(base_name),
        "Flags": 4 | (64 if face.italic_angle else 0),
        "FontBBox": pdfdoc.PDFArray([round(v * scale) for v in face.bbox]),
        "ItalicAngle": face.italic_angle,
        "Ascent": round(face.ascender * scale),
        "Descent": round(face.descender * scale),
        "CapHeight": round(face.cap_height * scale),
        "StemV": 120 if face.bold else 80,
        "FontFile3" if cff else "FontFile2": doc.Reference(font_file),
    })
    descendant = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("Font"),
        "Subtype": pdfdoc.PDFName("CIDFontType0" if cff else "CIDFontType2"),
        "BaseFont": pdfdoc.PDFName(base_name),
        "CIDSystemInfo": _identity(),
        "FontDescriptor": doc.Reference(descriptor),
        "DW": round(face.advances[0] * scale),
    })
    if cff:
        by_new_id: dict[int, float] = {}
        for _, gid, text in by_cid:  # one width per CID (glyph), the widest of its texts'
            by_new_id[new_ids[gid]] = max(by_new_id.get(new_ids[gid], 0), glyph_width(face, gid, text))
        cid_widths = sorted(by_new_id.items())
        descendant["W"] = pdfdoc.PDFArray([v for cid, width in cid_widths for v in (cid, pdfdoc.PDFArray([width]))])
        codes = [(code, new_ids[gid]) for code, gid, _ in by_cid]
        encoding = doc.Reference(_stream(code_to_cid_cmap(f"{tag}-Codes", codes).encode("ascii"), compress,
                                         Type="CMap", CMapName=f"{tag}-Codes", CIDSystemInfo=_identity(),
                                         WMode=0))
    else:
        widths = [glyph_width(face, gid, text) for _, gid, text in by_cid]
        cid_to_gid = bytearray(2 * (len(by_cid) + 1))
        for cid, gid, _ in by_cid:
            cid_to_gid[2 * cid:2 * cid + 2] = gid.to_bytes(2, "big")
        descendant["W"] = pdfdoc.PDFArray([1, pdfdoc.PDFArray(widths)]) if widths else pdfdoc.PDFArray([])
        descendant["CIDToGIDMap"] = doc.Reference(_stream(bytes(cid_to_gid), compress))
        encoding = pdfdoc.PDFName("Identity-H")
    to_unicode = _stream(to_unicode_cmap(base_name, [(cid, text) for cid, _, text in by_cid]).encode("ascii"),
                         compress)
    return pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("Font"),
        "Subtype": pdfdoc.PDFName("Type0"),
        "BaseFont": pdfdoc.PDFName(base_name),
        "Encoding": encoding,
        "DescendantFonts": pdfdoc.PDFArray([doc.Reference(descendant)]),
        "ToUnicode": doc.Reference(to_unicode),
    })


def glyph_width(face: FontFace, gid: int, text: str) -> float:
    """A glyph's advance in thousandths of an em as the W array gives it: rounded to a whole unit, and
    for a glyph of right-to-left letters (text of bidi class R or AL) the advance plus half a unit
    (rounded down to a hundredth; 0 stays 0).

    Why wider: poppler (pdftotext) makes each glyph of a right-to-left line a word of its own, and when a
    line has only such one-letter words it reads a space wherever two of them are more than 1.3 times
    the line's smallest gap apart (TextLine::coalesce, poppler 22.12). Glyphs the text stage sets side
    by side touch exactly, so their gaps are only the rounding of the drawn positions (a thousandth of a
    point either way) and a short line's words fell apart at random ("ه ر کس ح ق"). Half a unit makes
    touching glyphs' boxes overlap by more than that rounding at every size from 3 pt, so the smallest
    gap is never positive and poppler keeps to its ordinary threshold (3% of the size). Such glyphs are
    each drawn at their own text matrix (render/draw.py), so W moves nothing drawn; it stays within the
    one unit by which validators (veraPDF) let W differ from the font's hmtx. Left-to-right glyphs,
    which poppler joins into words by position, keep whole units: the one TJ of an ActualText span
    places its glyphs through W, and pdfium draws those exactly where their own text matrices would
    only with whole-unit widths (tests/render/test_actual_text.py)."""
    advance = face.advances[gid] * 1000.0 / face.units_per_em
    if advance and any(unicodedata.bidirectional(char) in ("R", "AL") for char in text):
        return math.floor(advance * 100 + 50) / 100
    return round(advance)


def _identity() -> pdfdoc.PDFDictionary:
    return pdfdoc.PDFDictionary({
        "Registry": pdfdoc.PDFString("Adobe"), "Ordering": pdfdoc.PDFString("Identity"), "Supplement": 0})


def _stream(data: bytes, compress: bool, Length1: bool = False, **entries: object) -> pdfdoc.PDFStream:
    values: dict[str, object] = {"Length1": len(data)} if Length1 else {}
    for key, value in entries.items():
        values[key] = pdfdoc.PDFName(value) if isinstance(value, str) else value
    extra = pdfdoc.PDFDictionary(values) if values else None
    stream = pdfdoc.PDFStream(dictionary=extra, content=data, filters=[pdfdoc.PDFZCompress] if compress else None)
    return stream


def _subset_tag(face: FontFace, gids: list[int]) -> str:
    """Six capital letters that depend only on the font and the glyphs used (deterministic output)."""
    digest = hashlib.sha256(face.digest.encode() + b":" + ",".join(map(str, gids)).encode()).digest()
    return "".join(string.ascii_uppercase[b % 26] for b in digest[:6])


def subset_font(face: FontFace, gids: list[int]) -> bytes:
    """The face's bytes reduced to the used glyphs, glyph ids unchanged (TrueType; see render/subset.py)."""
    return subset_truetype(face.data, gids)


def code_to_cid_cmap(name: str, codes: list[tuple[int, int]]) -> str:
    """An embedded CMap (the Type0 font's Encoding) mapping each two-byte code to its CID."""
    header = ["/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def",
              f"/CMapName /{name} def", "/CMapType 1 def", "/WMode 0 def"]
    return _cmap("%!PS-Adobe-3.0 Resource-CMap", header, "cidchar",
                 [f"<{code:04X}> {cid}" for code, cid in codes])


def to_unicode_cmap(name: str, entries: list[tuple[int, str]]) -> str:
    """A ToUnicode CMap mapping each CID to its text (UTF-16BE); CIDs with no text are left unmapped."""
    header = ["/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
              f"/CMapName /{name.replace('+', '-')}-UCS def", "/CMapType 2 def"]
    return _cmap("", header, "bfchar",
                 [f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for cid, text in entries if text])


def _cmap(comment: str, header: list[str], kind: str, mappings: list[str]) -> str:
    """A CMap program over the whole two-byte code space: its header, then the mappings in blocks of
    100 (the most one begin...end block may hold)."""
    lines = [comment] if comment else []
    lines += ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", *header,
              "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for i in range(0, len(mappings), 100):
        chunk = mappings[i:i + 100]
        lines += [f"{len(chunk)} begin{kind}", *chunk, f"end{kind}"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines) + "\n"
