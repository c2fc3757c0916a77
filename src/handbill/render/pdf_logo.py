"""PDF logos drawn as vectors: page 1 of the logo's PDF as a form XObject, its colours converted.

The page's content is rewritten operator by operator (pikepdf parses and writes it): every colour it
sets (``rg``, ``g``, ``k``, ``sc``/``scn`` in a grey, RGB, ICC or CMYK space) is replaced by the colour
the output takes, by the same rules as an SVG logo (render/vector.py): CMYK kept as it is, grey and RGB
neutrals in black ink only, other RGB through the output profile, tints on a spot-ink layout, one plate's
share on a separation. Fonts, ExtGStates (without transfer or halftone functions, which PDF/X forbids)
and nested forms are copied into the output document; what cannot be converted was refused on loading
(load/pdf_logo.py).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFSeparationCMYKColor
from reportlab.pdfgen.canvas import Canvas

from handbill.load.pdf_logo import LogoProblem, check_font, page_box, space_kind, walk
from handbill.model import PlacedImage
from handbill.render import reportlab_adapter
from handbill.render.colour import Paint, cmyk_to_rgb
from handbill.render.vector import convert, process_cmyk

_FORBIDDEN_STATE = ("/TR", "/TR2", "/BG", "/BG2", "/UCR", "/UCR2", "/HT")  # PDF/X: no device-dependent functions
_COLOUR_OPERATORS = {"rg": (False, "rgb"), "RG": (True, "rgb"), "g": (False, "gray"), "G": (True, "gray"),
                     "k": (False, "cmyk"), "K": (True, "cmyk")}


def draw_pdf_logo(canvas: Canvas, placed: PlacedImage, paint: Paint, profile: bytes | Path | None) -> None:
    """Draw page 1 of a PDF logo into its place, as a form XObject made once per document and output."""
    import pikepdf

    data = placed.path.read_bytes()
    key = "|".join((hashlib.sha256(data).hexdigest(), paint.mode, paint.ink or "",
                    placed.ink.ink if placed.ink else ""))
    name = "Logo" + hashlib.sha256(key.encode()).hexdigest()[:12]
    doc = reportlab_adapter.document(canvas)
    internal = doc.getXObjectName(name)
    with pikepdf.open(placed.path) as pdf:
        page = pdf.pages[0]
        left, bottom, right, top = page_box(page)
        if internal not in doc.idToObject:
            copier = _Copier(doc, name, lambda colour: convert(colour, placed, paint, profile), paint)
            doc.Reference(copier.form(page.obj, page.resources, (left, bottom, right, top)), internal)
    scale_x, scale_y = placed.width / (right - left), placed.height / (top - bottom)
    canvas.saveState()
    canvas.transform(scale_x, 0, 0, scale_y, placed.x - left * scale_x, placed.y - bottom * scale_y)
    reportlab_adapter.draw_xobject(canvas, name, internal)
    canvas.restoreState()


def pdf_logo_coverage(placed: PlacedImage, profile: bytes | Path | None) -> float:
    """The most ink (percent, C+M+Y+K) of any colour a PDF logo sets, as printed."""
    return max((sum(process_cmyk(colour, profile)) * 100 for colour in pdf_logo_colours(placed.path)), default=0.0)


def pdf_logo_colours(path: Path) -> list[Color]:
    """Every colour a PDF logo sets, as ReportLab colours (for the ink coverage of check)."""
    import pikepdf

    found: list[Color] = []
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        kinds = {False: "gray", True: "gray"}
        for operands, operator, resources in walk(page.obj, page.resources):
            colour = _colour(operands, operator, kinds, resources)
            if colour is not None:
                found.append(colour[1])
    return found


def _colour(operands: list[Any], operator: str, kinds: dict[bool, str], resources: Any
            ) -> tuple[bool, Color] | None:
    """(stroke?, colour) an operator sets, tracking the current spaces in ``kinds``; None for others."""
    if operator in _COLOUR_OPERATORS:
        stroke, kind = _COLOUR_OPERATORS[operator]
        kinds[stroke] = kind
        return stroke, _make(kind, [float(v) for v in operands])
    if operator in ("cs", "CS"):
        stroke = operator == "CS"
        kinds[stroke] = space_kind(operands[0], resources)
        return stroke, _make(kinds[stroke], [])  # a new space starts at black
    if operator in ("sc", "scn", "SC", "SCN"):
        stroke = operator.isupper()
        return stroke, _make(kinds[stroke], [float(v) for v in operands])
    return None


def _make(kind: str, values: list[float]) -> Color:
    if kind == "cmyk":
        c, m, y, k = values if len(values) == 4 else (0, 0, 0, 1)
        return CMYKColor(c, m, y, k)
    if kind == "rgb":
        r, g, b = values if len(values) == 3 else (0, 0, 0)
        return Color(r, g, b)
    grey = values[0] if values else 0.0
    return Color(grey, grey, grey)


class _Token(pdfdoc.PDFObject):
    """A PDF token written as it is (a name, string, boolean or null from the logo's file)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        return self.data


class _Copier:
    """Copies the logo's objects into the output document under names derived from the logo's digest."""

    def __init__(self, doc: pdfdoc.PDFDocument, prefix: str, recolour: Any, paint: Paint) -> None:
        self.doc, self.prefix, self.recolour, self.paint = doc, prefix, recolour, paint
        self.copied: dict[tuple[int, int], pdfdoc.PDFObjectReference] = {}
        self.forms = 0
        self.spots: dict[str, tuple[str, Any]] = {}

    def form(self, owner: Any, resources: Any, box: tuple[float, float, float, float]) -> pdfdoc.PDFStream:
        """A form XObject drawing ``owner``'s content with converted colours."""
        self.forms += 1
        spots_before = dict(self.spots)
        self.spots = {}
        content, forms = self._content(owner, resources)
        entries: dict[str, Any] = {}
        for kind in ("/Font", "/ExtGState", "/Properties"):
            if kind in resources:
                entries[kind[1:]] = pdfdoc.PDFDictionary({
                    str(k)[1:]: self._state(v) if kind == "/ExtGState" else self.copy(v)
                    for k, v in resources[kind].items() if kind != "/Font" or _embedded(v)})
        if forms:
            entries["XObject"] = pdfdoc.PDFDictionary(forms)
        if self.spots:
            entries["ColorSpace"] = pdfdoc.PDFDictionary({n: space for n, space in self.spots.values()})
        self.spots = spots_before
        dictionary: dict[str, Any] = {"Type": pdfdoc.PDFName("XObject"), "Subtype": pdfdoc.PDFName("Form"),
                                      "BBox": pdfdoc.PDFArray(list(box)), "Resources": pdfdoc.PDFDictionary(entries)}
        group = owner.get("/Group")
        if group is not None and str(group.get("/S")) == "/Transparency":  # its blending space follows the page's
            dictionary["Group"] = pdfdoc.PDFDictionary({"S": pdfdoc.PDFName("Transparency"), **{
                key[1:]: self.copy(group[key]) for key in ("/I", "/K") if key in group}})
        return pdfdoc.PDFStream(pdfdoc.PDFDictionary(dictionary), content=content)

    def _content(self, owner: Any, resources: Any) -> tuple[bytes, dict[str, Any]]:
        import pikepdf

        kinds = {False: "gray", True: "gray"}
        written: list[Any] = []
        forms: dict[str, Any] = {}
        for operands, operator in walk_one_level(owner, resources):
            colour = _colour(operands, operator, kinds, resources)
            if colour is not None:
                written.extend(self._set(*colour))
                continue
            if operator == "Tf" and not _embedded(resources["/Font"][operands[0]]):
                continue  # a font set but never used to show text (else loading refused the logo): left out
            if operator == "Do":
                xobject = resources["/XObject"][operands[0]]
                inner = xobject.get("/Resources", resources)
                box = tuple(float(v) for v in xobject.get("/BBox", (0, 0, 0, 0)))
                name = f"{self.prefix}F{self.forms}"
                made = self.form(xobject, inner, (box[0], box[1], box[2], box[3]))
                if "/Matrix" in xobject:
                    made.dictionary.dict["Matrix"] = self.copy(xobject["/Matrix"])
                forms[str(operands[0])[1:]] = self.doc.Reference(made, name)
            written.append(pikepdf.ContentStreamInstruction(operands, pikepdf.Operator(operator)))
        return pikepdf.unparse_content_stream(written), forms

    def _set(self, stroke: bool, colour: Color) -> list[Any]:
        """The operators that set a converted colour."""
        import pikepdf

        def op(operands: list[Any], fill: str) -> Any:
            return pikepdf.ContentStreamInstruction(operands, pikepdf.Operator(fill.upper() if stroke else fill))

        out = self.recolour(colour)
        if isinstance(out, CMYKColorSep):
            return [op([pikepdf.Name("/" + self._spot(out))], "cs"), op([_number(out.density)], "scn")]
        if isinstance(out, CMYKColor):
            d = out.density
            c, m, y, k = out.cyan * d, out.magenta * d, out.yellow * d, out.black * d
            if self.paint.mode == "rgb" and self.paint.ink is None:  # a screen file: RGB throughout
                return [op([_number(v) for v in cmyk_to_rgb((c, m, y, k))], "rg")]
            return [op([_number(v) for v in (c, m, y, k)], "k")]
        return [op([_number(v) for v in (out.red, out.green, out.blue)], "rg")]

    def _spot(self, colour: CMYKColorSep) -> str:
        if colour.spotName not in self.spots:
            name = f"CS{len(self.spots)}"
            base = CMYKColorSep(colour.cyan, colour.magenta, colour.yellow, colour.black, spotName=colour.spotName)
            self.spots[colour.spotName] = (name, PDFSeparationCMYKColor(base).value())
        return self.spots[colour.spotName][0]

    def _state(self, state: Any) -> Any:
        """An ExtGState without the device-dependent functions PDF/X forbids."""
        return pdfdoc.PDFDictionary({str(k)[1:]: self.copy(v) for k, v in state.items()
                                     if str(k) not in _FORBIDDEN_STATE})

    def copy(self, obj: Any) -> Any:
        """A pikepdf object as a ReportLab PDF object; indirect objects once each, by reference."""
        import pikepdf

        if isinstance(obj, pikepdf.Object) and obj.is_indirect and isinstance(
                obj, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream):
            objgen = obj.objgen
            if objgen not in self.copied:
                target = pdfdoc.PDFStream(content=b"") if isinstance(obj, pikepdf.Stream) else (
                    pdfdoc.PDFArray([]) if isinstance(obj, pikepdf.Array) else pdfdoc.PDFDictionary({}))
                self.copied[objgen] = self.doc.Reference(target, f"{self.prefix}O{objgen[0]}G{objgen[1]}")
                self._fill(target, obj)
            return self.copied[objgen]
        if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary | pikepdf.Array):
            target = pdfdoc.PDFStream(content=b"") if isinstance(obj, pikepdf.Stream) else (
                pdfdoc.PDFArray([]) if isinstance(obj, pikepdf.Array) else pdfdoc.PDFDictionary({}))
            self._fill(target, obj)
            return target
        if isinstance(obj, bool):
            return _Token(b"true" if obj else b"false")
        if isinstance(obj, int):
            return obj
        if isinstance(obj, float | Decimal):
            return float(obj)
        if obj is None:
            return _Token(b"null")
        return _Token(obj.unparse())

    def _fill(self, target: Any, obj: Any) -> None:
        import pikepdf

        if isinstance(obj, pikepdf.Array):
            target.sequence = [self.copy(item) for item in obj]
            return
        entries = {str(k)[1:]: self.copy(v) for k, v in obj.items() if str(k) != "/Length"}
        if isinstance(obj, pikepdf.Stream):
            target.dictionary = pdfdoc.PDFDictionary(entries)
            target.content = obj.read_raw_bytes()  # still encoded: its /Filter is copied with it
            if "Filter" not in entries:
                target.filters = []  # written as it is, not compressed again
        else:
            target.dict = entries


def walk_one_level(owner: Any, resources: Any) -> Any:
    """The operators of one content stream (forms it paints are copied as forms of their own)."""
    import pikepdf

    for instruction in pikepdf.parse_content_stream(owner):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            raise LogoProblem("holds a raster image (an inline image)", "give the logo as PNG")
        yield list(instruction.operands), str(instruction.operator)


def _embedded(font: Any) -> bool:
    try:
        check_font(font, "")
    except LogoProblem:
        return False
    return True


def _number(value: float) -> Any:
    return Decimal(repr(round(value, 6))).normalize() if value != int(value) else int(value)
