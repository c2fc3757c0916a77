"""Vector logos: an SVG file read by svglib (a maintained SVG-to-ReportLab converter) into a Drawing.

The drawing is drawn as vectors in the PDF (render/vector.py converts its colours for the output). What a
print file cannot take from an SVG is refused with one message instead of printing wrong:

    <text>            would print in a font that is not embedded: convert text to paths (outlines)
    <image>           a raster inside the SVG would bring its RGB pixels along: use a PNG logo instead
    <script>, on...=  a script (an element, an event attribute, <foreignObject>) has no place in a logo
    href="file.svg"   a reference to anything outside the file (another file, a web address, url(...))
    not SVG / empty   the parser's complaint, or "draws nothing"

The last two also make an SVG safe to show back in ``handbill serve``'s page.

svglib never resolves XML entities here (``resolve_entities=False``: no entity expansion, no external
files), and the file's size is capped before it is parsed.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from handbill.errors import InputError
from handbill.load.files import checked_size

VECTOR_SUFFIXES = (".svg", ".pdf")
MAX_SVG_BYTES = 5_000_000  # a logo; a larger SVG is almost always an embedded photo or a traced bitmap
_TEXT_HINT = ("convert the text to paths in the drawing program (Inkscape: Path > Object to Path; Illustrator: "
              "Type > Create Outlines), or export the logo as PNG")


def is_vector(name: str | Path) -> bool:
    """True for a file handbill reads as a vector logo (by its suffix)."""
    return Path(name).suffix.lower() in VECTOR_SUFFIXES


def vector_size(path: Path, field: str, *, source: Path) -> tuple[float, float]:
    """The drawing's natural size in points (its SVG width and height, or its viewBox; a PDF's page), checked."""
    if path.suffix.lower() == ".pdf":
        from handbill.load.pdf_logo import pdf_logo_size

        return pdf_logo_size(path, field, source=source)
    drawing = read_svg(path, field, source=source)
    return float(drawing.width), float(drawing.height)


def read_svg(path: Path, field: str, *, source: Path) -> Any:
    """The SVG as a ReportLab Drawing, or an InputError naming the key and what to do."""
    stat = checked_size(path, MAX_SVG_BYTES, what="an SVG logo", field=field, source=source,
                        hint="simplify the drawing (a traced photo is better given as PNG or JPEG)")
    drawing, problem = _parsed(path, stat.st_mtime_ns, stat.st_size)
    if problem:
        message, hint = problem
        raise InputError(f"{path.name}: {message}", file=source, field=field, hint=hint)
    return drawing


@lru_cache(maxsize=16)
def _parsed(path: Path, mtime: int, size: int) -> tuple[Any, tuple[str, str] | None]:
    """svglib's drawing of a file (cached per file version), or what is wrong with it."""
    from reportlab.graphics.shapes import Image, String
    from svglib.svglib import svg2rlg

    problem = _xml_problem(path)  # svglib's parser recovers from broken XML: a cut-off file would print half
    if problem:
        return None, problem
    logger = logging.getLogger("svglib.svglib")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)  # its complaints become our one message below
    try:
        drawing = svg2rlg(str(path), resolve_entities=False, external_reference_root=str(path.parent))
    except Exception as exc:  # svglib raises whatever lxml and its own parsing raise
        return None, (f"not a readable SVG file ({type(exc).__name__}: {str(exc)[:200]})",
                      "save the logo as plain SVG (Inkscape: Save As > Plain SVG), or as PNG")
    finally:
        logger.setLevel(previous)
    if drawing is None:
        return None, ("not a readable SVG file", "save the logo as plain SVG (Inkscape: Save As > Plain SVG), "
                      "or as PNG")
    if not drawing.width or not drawing.height or drawing.width <= 0 or drawing.height <= 0:
        return None, ("has no size", 'give the <svg> element width and height, or a viewBox="0 0 W H"')
    shapes = list(_shapes(drawing))
    if any(isinstance(shape, String) and str(shape.text).strip() for shape in shapes):  # empty ones print nothing
        return None, ("holds text (<text>), which would print in a font that is not embedded", _TEXT_HINT)
    if any(isinstance(shape, Image) for shape in shapes):
        return None, ("holds a raster image (<image>), whose pixels a vector logo cannot convert for print",
                      "give the logo as PNG or JPEG instead, or remove the embedded image")
    if not any(_visible(shape) for shape in shapes):
        return None, ("draws nothing (no filled or stroked shape)", "check that it is the right file")
    return drawing, None


def _xml_problem(path: Path) -> tuple[str, str] | None:
    """A strict XML parse (no entities, no network): where the file is broken, or not an SVG."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        line = f" at line {exc.lineno}" if exc.lineno else ""
        return (f"not a readable SVG file: broken XML{line} ({exc.msg})",
                "save the logo again as plain SVG (Inkscape: Save As > Plain SVG), or as PNG")
    except OSError as exc:
        return f"cannot read it: {exc}", ""
    if etree.QName(root).localname != "svg":
        return (f"not an SVG file (its root element is <{etree.QName(root).localname}>)",
                "save the logo as SVG, or as PNG")
    return _active_content(root)


_PLAIN = "save the logo as plain SVG (Inkscape: Save As > Plain SVG, or Optimized SVG), or as PNG"
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)


def _active_content(root: Any) -> tuple[str, str] | None:
    """A script, or a reference to anything outside the file: what a print logo never needs."""
    from lxml import etree

    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        name = etree.QName(element).localname
        if name in ("script", "foreignObject", "iframe", "embed", "object"):
            return f"holds <{name}>, which a logo has no use for", _PLAIN
        for key, value in element.attrib.items():
            attribute = etree.QName(key).localname
            if attribute.lower().startswith("on"):
                return f"holds a script (the {attribute} attribute of <{name}>)", _PLAIN
            if attribute == "href" and not value.strip().startswith("#") and not value.startswith("data:"):
                return (f"refers to something outside the file ({value[:60]!r} in <{name}>)",
                        "draw everything in the one file: " + _PLAIN)
            if _OUTSIDE_URL.search(value):
                return f"refers to something outside the file ({value[:60]!r})", _PLAIN
        if name == "style" and element.text and (_OUTSIDE_URL.search(element.text) or "@import" in element.text):
            return "refers to something outside the file (in its <style>)", _PLAIN
    return None


def _shapes(node: Any) -> Any:
    for child in getattr(node, "contents", ()):
        if hasattr(child, "contents"):
            yield from _shapes(child)
        else:
            yield child


def _visible(shape: Any) -> bool:
    return bool(getattr(shape, "fillColor", None) or getattr(shape, "strokeColor", None)
                or getattr(shape, "_rl_colors", None))
