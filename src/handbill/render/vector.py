"""Vector logos drawn as vectors: svglib's ReportLab drawing, its colours converted for the output.

An SVG's colours are sRGB. Each fill, stroke and gradient stop is converted before drawing, so a print
file gets no RGB (PDF/X-4 with a CMYK output intent):

    process print (CMYK)  exactly as a layout's RGB colour (render/convert.py): a neutral grey (r = g = b) in
                          black ink only, its K matching the grey's lightness (#000 is 100 % K): black
                          lettering prints in one ink, sharp, as print shops ask; any other colour to the
                          output intent's CMYK through LittleCMS (relative colorimetric, black point
                          compensation, whole percent). Without a profile: 1 - grey in K, Pillow's naive CMYK
    one spot ink          luminance -> tint of the ink (as raster images on a risograph drum)
    one separation        the ink's share of the colour, drawn as that much black
    screen (RGB)          the SVG's colours as they are

Opacity stays (PDF/X-4 allows transparency). The drawing is scaled into the placed box (the frame's
aspect ratio was fitted to the drawing's in compose/images.py).
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image
from reportlab.graphics import renderPDF
from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color, toColor
from reportlab.pdfgen.canvas import Canvas

from handbill.load.vector import read_svg
from handbill.model import Color as LayoutColor
from handbill.model import PlacedImage
from handbill.render import reportlab_adapter
from handbill.render.colour import PROCESS_INKS, Paint
from handbill.render.convert import to_output
from handbill.render.images import to_cmyk

_COLOUR_ATTRIBUTES = ("fillColor", "strokeColor")


def draw_vector(canvas: Canvas, placed: PlacedImage, paint: Paint, profile: bytes | Path | None,
                limit: float | None = None) -> None:
    """Draw an SVG logo at its place, every colour converted for the output the paint asks for (and held to
    the condition's ink ``limit``, as photos are: render/images.py hold_ink)."""
    drawing = copy.deepcopy(read_svg(placed.path, placed.key or "logo", source=placed.path))
    _recolour(drawing, lambda colour: convert(colour, placed, paint, profile, limit))

    def remaining(colour: Any) -> Any:  # what the renderer sets itself (its default black): converted too
        if isinstance(colour, CMYKColor) or (paint.mode == "rgb" and paint.ink is None and placed.ink is None):
            return colour
        return convert(toColor(colour), placed, paint, profile, limit)

    canvas.saveState()
    canvas.translate(placed.x, placed.y)
    canvas.scale(placed.width / drawing.width, placed.height / drawing.height)
    with reportlab_adapter.colour_filter(canvas, remaining):
        renderPDF.draw(drawing, canvas, 0, 0, showBoundary=False)
    canvas.restoreState()


def vector_coverage(placed: PlacedImage, profile: bytes | Path | None, limit: float | None = None) -> float:
    """The most ink (percent, C+M+Y+K) of any colour of an SVG logo as printed (fills, strokes and gradient
    stops: a gradient blends linearly between its stops, so its extremes are stops)."""
    drawing = read_svg(placed.path, placed.key or "logo", source=placed.path)
    found: list[Color] = []

    def collect(colour: Color) -> Color:
        found.append(colour)
        return colour

    _recolour(copy.deepcopy(drawing), collect)
    return max((sum(process_cmyk(colour, profile, limit)) * 100 for colour in found), default=0.0)


def convert(colour: Color, placed: PlacedImage, paint: Paint, profile: bytes | Path | None,
            limit: float | None = None) -> Color:
    """One SVG colour as the output takes it (see the module docstring)."""
    alpha = getattr(colour, "alpha", 1)
    if paint.ink is None and placed.ink is None and paint.mode == "rgb":
        return colour
    if placed.ink is not None:  # a spot-ink layout: tints of its ink
        spot = placed.ink
        tint = 1.0 - _luminance(colour)
        if paint.ink is not None:
            return CMYKColor(0, 0, 0, tint if paint.ink == spot.ink else 0.0, alpha=alpha)
        return CMYKColorSep(*spot.values, spotName=spot.ink, density=tint, alpha=alpha)
    cmyk = process_cmyk(colour, profile, limit)
    if paint.ink is not None:  # one separation plate: the ink's share, as black
        share = cmyk[PROCESS_INKS.index(paint.ink)] if paint.ink in PROCESS_INKS else 0.0
        return CMYKColor(0, 0, 0, share, alpha=alpha)
    return CMYKColor(*cmyk, alpha=alpha)


def process_cmyk(colour: Color, profile: bytes | Path | None,
                 limit: float | None = None) -> tuple[float, float, float, float]:
    """CMYK (0..1) of a colour: CMYK kept, neutral grey as black ink only, other sRGB through the profile."""
    if isinstance(colour, CMYKColor):
        density = colour.density
        return (colour.cyan * density, colour.magenta * density, colour.yellow * density, colour.black * density)
    red, green, blue = colour.red, colour.green, colour.blue
    data = profile.read_bytes() if isinstance(profile, Path) else profile
    if data is not None:  # as the layout's own RGB colours are (render/convert.py): one rule for both
        return _as_layout_colour((red, green, blue), data, limit)
    if abs(red - green) < 1e-6 and abs(green - blue) < 1e-6:
        return (0.0, 0.0, 0.0, round(1.0 - red, 6))
    return _through_profile((round(red * 255), round(green * 255), round(blue * 255)), None)


@lru_cache(maxsize=1024)
def _as_layout_colour(rgb: tuple[float, float, float], profile: bytes,
                      limit: float | None = None) -> tuple[float, float, float, float]:
    c, m, y, k = to_output(LayoutColor("logo", "rgb", rgb), profile, limit).values
    return (c, m, y, k)


@lru_cache(maxsize=1024)
def _through_profile(rgb: tuple[int, int, int], profile: bytes | None) -> tuple[float, float, float, float]:
    pixel = to_cmyk(Image.new("RGB", (1, 1), rgb), profile).getpixel((0, 0))
    assert isinstance(pixel, tuple)
    c, m, y, k = (round(value / 255, 4) for value in pixel)
    return (c, m, y, k)


def _luminance(colour: Color) -> float:
    """Pillow's ``convert("L")`` weights (ITU-R 601), as the raster images of a spot-ink layout."""
    if isinstance(colour, CMYKColor):
        colour = Color(*colour.rgb())
    return 0.299 * colour.red + 0.587 * colour.green + 0.114 * colour.blue


def _recolour(node: Any, convert_colour: Any) -> None:
    """Every colour of the drawing's tree replaced (fills, strokes, gradient stops)."""
    for name in _COLOUR_ATTRIBUTES:
        colour = getattr(node, name, None)
        if isinstance(colour, Color):
            setattr(node, name, convert_colour(colour))
    stops = getattr(node, "_rl_colors", None)
    if stops:
        node._rl_colors = [convert_colour(stop) if isinstance(stop, Color) else stop for stop in stops]
    clip = getattr(node, "_clip_shape", None)
    if clip is not None:
        _recolour(clip, convert_colour)
    for child in getattr(node, "contents", ()):
        _recolour(child, convert_colour)
