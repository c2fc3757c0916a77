"""PDF logos: page 1 of a one-page PDF, checked here and drawn as vectors by render/pdf_logo.py.

A logo exported as PDF (Illustrator, Inkscape, Affinity, a print shop's file) keeps its paths, its
CMYK values and its embedded fonts in the print file: the page becomes a form XObject whose colour
operators are converted for the output. What cannot be converted that way is refused with one message
instead of printing wrong:

    a raster image inside        its pixels would keep their colour space: give the logo as PNG
    a gradient (shading, pattern) its colour function cannot be converted: give the logo as SVG
    a font it does not embed     a print file must embed every font: embed it, or convert the text to paths
    a Type 3 font, a soft mask,  colour spaces other than grey, RGB and CMYK (spot inks, Lab, indexed)
    more than one page, a password, a broken file, a rotated page

The file is read with pikepdf (qpdf), which the preflight already uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from handbill.errors import InputError
from handbill.load.files import checked_size

MAX_PDF_BYTES = 5_000_000
MAX_DEPTH = 8  # forms inside forms
_AS_PNG = "give the logo as PNG (300 dpi at its printed size) or as SVG"
DEVICE_SPACES = {"/DeviceGray": "gray", "/DeviceRGB": "rgb", "/DeviceCMYK": "cmyk",
                 "/G": "gray", "/RGB": "rgb", "/CMYK": "cmyk"}


class LogoProblem(Exception):
    """What in a PDF logo cannot be printed as it is, with what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def pdf_logo_size(path: Path, field: str, *, source: Path) -> tuple[float, float]:
    """The logo page's size in points (its crop box), or an InputError naming the key and what to do."""
    stat = checked_size(path, MAX_PDF_BYTES, what="a PDF logo", field=field, source=source, hint=_AS_PNG)
    size, problem = _checked(path, stat.st_mtime_ns, stat.st_size)
    if problem is not None:
        raise InputError(f"{path.name}: {problem}", file=source, field=field, hint=problem.hint)
    return size


@lru_cache(maxsize=16)
def _checked(path: Path, mtime: int, size: int) -> tuple[tuple[float, float], LogoProblem | None]:
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        return (0, 0), LogoProblem("is protected by a password", "export the logo again without a password")
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        return (0, 0), LogoProblem(f"not a readable PDF file ({str(exc)[:160]})",
                                   f"export the logo again as PDF, or {_AS_PNG}")
    with pdf:
        try:
            return _page_size(pdf), None
        except LogoProblem as problem:
            return (0, 0), problem
        except (pikepdf.PdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
            return (0, 0), LogoProblem(f"not a readable PDF file ({type(exc).__name__}: {str(exc)[:160]})",
                                       f"export the logo again as PDF, or {_AS_PNG}")


def _page_size(pdf: Any) -> tuple[float, float]:
    if len(pdf.pages) != 1:
        raise LogoProblem(f"has {len(pdf.pages)} pages; a PDF logo is one page", "export only the logo's page")
    page = pdf.pages[0]
    if int(page.obj.get("/Rotate", 0)) % 360:
        raise LogoProblem("its page is rotated", "export the logo upright (no page rotation)")
    for _ in walk(page.obj, page.resources):
        pass  # every operator checked
    x0, y0, x1, y1 = (float(v) for v in page.cropbox)
    width, height = abs(x1 - x0), abs(y1 - y0)
    if width < 1 or height < 1:
        raise LogoProblem("its page has no size", "export the logo's page again")
    return width, height


def page_box(page: Any) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of a page's crop box, normalised."""
    x0, y0, x1, y1 = (float(v) for v in page.cropbox)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def walk(owner: Any, resources: Any, depth: int = 0) -> Iterator[tuple[list[Any], str, Any]]:
    """Every (operands, operator, resources in force) of a content stream and the forms it paints, each
    checked (LogoProblem for what is refused)."""
    import pikepdf

    if depth > MAX_DEPTH:
        raise LogoProblem(f"nests forms more than {MAX_DEPTH} deep", _AS_PNG)
    font = None
    for instruction in pikepdf.parse_content_stream(owner):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            raise LogoProblem("holds a raster image (an inline image)", _AS_PNG)
        operands, operator = list(instruction.operands), str(instruction.operator)
        if operator == "sh":
            raise LogoProblem("holds a gradient (a shading), whose colours cannot be converted for print",
                              "give the logo as SVG (its gradients are converted), or as PNG")
        if operator in ("cs", "CS"):
            space_kind(operands[0], resources)
        elif operator == "gs":
            _check_state(_lookup(resources, "/ExtGState", operands[0]))
        elif operator == "Tf":
            font = operands[0]
        elif operator in ("Tj", "TJ", "'", '"') and font is not None:  # a font that shows text must be embedded
            check_font(_lookup(resources, "/Font", font), font)
            font = None  # checked once per Tf
        elif operator == "Do":
            xobject = _lookup(resources, "/XObject", operands[0])
            if xobject.get("/Subtype") != "/Form":
                raise LogoProblem("holds a raster image", _AS_PNG)
            yield from walk(xobject, xobject.get("/Resources", resources), depth + 1)
        yield operands, operator, resources


def space_kind(name: Any, resources: Any) -> str:
    """``gray``, ``rgb`` or ``cmyk`` for a colour space operand (a device space or a named ICC/Cal space)."""
    import pikepdf

    key = str(name)
    if key in DEVICE_SPACES:
        return DEVICE_SPACES[key]
    if key == "/Pattern":
        raise LogoProblem("fills with a pattern or gradient, whose colours cannot be converted for print",
                          "give the logo as SVG (its gradients are converted), or as PNG")
    space = _lookup(resources, "/ColorSpace", name)
    if isinstance(space, pikepdf.Name):
        return space_kind(space, resources)
    family = str(space[0]) if isinstance(space, pikepdf.Array) and len(space) else ""
    if family == "/ICCBased":
        components = int(space[1].get("/N", 0))
        kinds = {1: "gray", 3: "rgb", 4: "cmyk"}
        if components in kinds:
            return kinds[components]
    if family in ("/CalRGB", "/CalGray"):
        return "rgb" if family == "/CalRGB" else "gray"
    what = {"/Separation": "a spot colour", "/DeviceN": "spot colours (DeviceN)", "/Lab": "Lab colours",
            "/Indexed": "indexed colours", "/Pattern": "a pattern"}.get(family, f"colour space {family or key}")
    raise LogoProblem(f"uses {what}, which handbill cannot convert for this print file",
                      "export the logo in CMYK or RGB without spot colours, or give it as SVG")


def check_font(font: Any, name: Any) -> None:
    """A font the logo uses must be embedded (a print file embeds every font) and not Type 3."""
    subtype = str(font.get("/Subtype", ""))
    base = str(font.get("/BaseFont", name))[1:]
    if subtype == "/Type3":
        raise LogoProblem(f"uses a Type 3 font ({base})", "convert the logo's text to paths (outlines)")
    described = font.DescendantFonts[0] if subtype == "/Type0" else font
    descriptor = described.get("/FontDescriptor")
    if descriptor is None or not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
        raise LogoProblem(f"uses the font {base} without embedding it",
                          "export the logo with its fonts embedded, or convert its text to paths (outlines)")


def _check_state(state: Any) -> None:
    mask = state.get("/SMask")
    if mask is not None and str(mask) != "/None":
        raise LogoProblem("uses a soft mask (a transparency mask), whose colours cannot be converted",
                          "flatten the transparency in the drawing program, or give the logo as SVG or PNG")


def _lookup(resources: Any, kind: str, name: Any) -> Any:
    try:
        return resources[kind][name]
    except (KeyError, TypeError, AttributeError):
        raise LogoProblem(f"names a missing resource {kind[1:]} {name}", "export the logo again") from None
