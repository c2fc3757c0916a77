"""Colour operators for the content stream: CMYK, spot inks as /Separation, registration, separations.

A ``Paint`` turns the layout's named colours into fill and stroke operators for one kind of output:

    Paint("cmyk")              composite print file: CMYK as ``k``, spot inks as /Separation, marks /All
    Paint("rgb", profile)      screen file: every colour as ``rg`` (CMYK through the profile: srgb.py)
    Paint("cmyk", ink="Cyan")  one separation: DeviceGray, white where the ink is absent, black at 100 %
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reportlab.lib.colors import CMYKColorSep
from reportlab.pdfgen.canvas import Canvas

from handbill.errors import HandbillError
from handbill.model import Color, ComposedDocument, FilledRect, PlacedCode, PlacedImage, PlacedLine
from handbill.render.srgb import cmyk_to_srgb

PROCESS_INKS = ("Cyan", "Magenta", "Yellow", "Black")
REGISTRATION_INK = "All"  # the PDF name for "every separation"


def ink_amounts(color: Color) -> dict[str, float]:
    """How much of each ink (0..1) a colour lays down: process inks for CMYK, its own ink for a spot."""
    if color.space == "spot":
        return {color.ink: color.tint}
    if color.space == "rgb":
        raise HandbillError(f"RGB colour {color.name!r} has no inks",
                            hint="separations need a CMYK or spot colour layout")
    if color.ink == REGISTRATION_INK:
        return dict.fromkeys(PROCESS_INKS, 1.0)
    return {ink: value for ink, value in zip(PROCESS_INKS, color.values, strict=True) if value > 0}


def document_colors(document: ComposedDocument) -> list[Color]:
    """Every colour the document's pages use, in order of first use (marks not included)."""
    seen: dict[tuple, Color] = {}
    for page in document.pages:
        for item in page.items:
            for color in _item_colors(item):
                seen.setdefault((color.space, color.values, color.tint, color.ink), color)
    return list(seen.values())


def _item_colors(item: PlacedLine | FilledRect | PlacedImage | PlacedCode) -> Iterable[Color]:
    if isinstance(item, PlacedImage):
        return [item.ink] if item.ink is not None else []
    return [item.color]


def document_inks(document: ComposedDocument) -> list[str]:
    """The inks a document prints with: process inks in CMYK order, then spot inks in order of use.

    Process images put down all four process inks.
    """
    used: dict[str, None] = {}
    for color in document_colors(document):
        used.update(dict.fromkeys(ink for ink, value in ink_amounts(color).items() if value > 0))
    if any(isinstance(i, PlacedImage) and i.ink is None for p in document.pages for i in p.items):
        used.update(dict.fromkeys(PROCESS_INKS))
    process = [ink for ink in PROCESS_INKS if ink in used]
    return process + [ink for ink in used if ink not in PROCESS_INKS]


class Paint:
    """Sets fill and stroke colours on a canvas for one output (composite CMYK, RGB, or one ink).

    Args:
        mode: ``"cmyk"`` for print, ``"rgb"`` for screen output.
        ink: the separation being drawn (``"Cyan"``, ``"Riso Red"``), or None for a composite.
        profile: screen output: the CMYK profile CMYK colours are converted to sRGB with (else naively).
    """

    def __init__(self, mode: str = "cmyk", ink: str | None = None, profile: Path | None = None) -> None:
        self.mode = mode
        self.ink = ink
        self.profile = profile

    def fill(self, canvas: Canvas, color: Color) -> None:
        """Set the fill colour."""
        self._set(canvas, color, stroke=False)

    def stroke(self, canvas: Canvas, color: Color) -> None:
        """Set the stroke colour."""
        self._set(canvas, color, stroke=True)

    def registration(self, canvas: Canvas) -> None:
        """Stroke and fill in the registration colour: 100 % of every ink (/Separation /All)."""
        if self.ink is not None:
            canvas.setStrokeGray(0)
            canvas.setFillGray(0)
        elif self.mode == "rgb":
            canvas.setStrokeColorRGB(0, 0, 0)
            canvas.setFillColorRGB(0, 0, 0)
        else:
            all_inks = CMYKColorSep(1, 1, 1, 1, spotName=REGISTRATION_INK)
            canvas.setStrokeColor(all_inks)
            canvas.setFillColor(all_inks)

    def tint(self, color: Color) -> float:
        """The amount (0..1) of the separation's ink in a colour."""
        if color.ink == REGISTRATION_INK:
            return 1.0
        return ink_amounts(color).get(self.ink or "", 0.0)

    def _set(self, canvas: Canvas, color: Color, stroke: bool) -> None:
        if color.ink == REGISTRATION_INK:
            self.registration(canvas)
            return
        if self.ink is not None:
            gray = 1.0 - self.tint(color)
            (canvas.setStrokeGray if stroke else canvas.setFillGray)(gray)
            return
        if self.mode == "rgb":
            cmyk = color.cmyk or (0, 0, 0, 1)
            if color.space == "rgb":
                rgb = color.values
            elif self.profile is not None:
                rgb = cmyk_to_srgb(cmyk, self.profile)
            else:
                rgb = cmyk_to_rgb(cmyk)
            (canvas.setStrokeColorRGB if stroke else canvas.setFillColorRGB)(*rgb)
            return
        if color.space == "rgb":
            raise HandbillError(f"RGB colour {color.name!r} in a CMYK (print) document",
                                hint="give the colour as cmyk = [c, m, y, k] in the layout")
        if color.space == "spot":
            c, m, y, k = color.values
            sep = CMYKColorSep(c, m, y, k, spotName=color.ink, density=color.tint)
            (canvas.setStrokeColor if stroke else canvas.setFillColor)(sep)
            return
        (canvas.setStrokeColorCMYK if stroke else canvas.setFillColorCMYK)(*color.values)


def cmyk_to_rgb(cmyk: tuple[float, float, float, float]) -> tuple[float, float, float]:
    """A naive screen approximation of a CMYK colour (no profile: screen output only)."""
    c, m, y, k = cmyk
    return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
