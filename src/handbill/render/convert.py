"""Layout colours given as RGB or CIELAB, converted to the output's CMYK through its ICC profile.

    document = output_colors(document)      # print: every RGB/Lab colour is now CMYK of the file's profile

A print file holds no RGB (PDF/X, and the print shop's plates are C, M, Y and K), so a colour a layout
gives as ``rgb = "#e30613"`` (taken as sRGB) or ``lab = [48, 74, 55]`` (CIELAB, D50) is converted to
the CMYK of the profile the file's output intent names (render/pdfx.py ``find_profile``: the shop's
file, the condition's built profile, or Ghostscript's default), the same profile photos are converted
to (render/images.py). The conversion is LittleCMS through Pillow's ImageCms, not hand-written colour
science: relative colorimetric intent with black point compensation (a colour inside the press's
gamut keeps its appearance on the paper; one outside goes to the nearest printable colour; black maps
to the press's black), then rounded to whole percent, so the same profile gives the same numbers.

A neutral colour (RGB with r = g = b, Lab with a* = b* = 0) prints in black ink only: through the
profile #000000 would become a four-ink rich black (75/68/67/90 or so) that small type cannot register
and that does not overprint (render/overprint.py). Its K is the one whose lightness in the profile
matches the grey's (with the same black point scaling), so #000000 is 100 % K and #ffffff no ink. A
layout asks for the profile's rich conversion of a neutral with ``k_only = false`` on that colour.

Screen documents keep RGB; a Lab colour there becomes sRGB. ``source`` on a converted colour says
what the layout gave, and check reports each conversion.
"""

from __future__ import annotations

import dataclasses
import io
from functools import lru_cache

from PIL import Image, ImageCms

from handbill.errors import HandbillError
from handbill.model import Color, ComposedDocument, ComposedPage, FilledRect, PlacedCode, PlacedImage, PlacedLine
from handbill.render.profiles import condition_limit

INTENT = ImageCms.Intent.RELATIVE_COLORIMETRIC
FLAGS = ImageCms.Flags.BLACKPOINTCOMPENSATION
Item = PlacedLine | FilledRect | PlacedImage | PlacedCode
NEUTRAL_AB = 0.5  # |a*| and |b*| below this count as neutral (a Lab value given to one decimal)


def output_colors(document: ComposedDocument, profile: bytes | None) -> ComposedDocument:
    """The document with its RGB and Lab colours in the output's space: CMYK of ``profile`` for print,
    sRGB for screen. A document without such colours is returned as it is."""
    mapping: dict[Color, Color] = {}

    def convert(color: Color) -> Color:
        if color.space not in ("rgb", "lab") or (color.space == "rgb" and document.output.color == "rgb"):
            return color
        if color not in mapping:
            mapping[color] = to_output(color, profile if document.output.color == "cmyk" else None,
                                       condition_limit(document.output))
        return mapping[color]

    def recolor(item: Item) -> Item:
        if isinstance(item, PlacedImage) or convert(item.color) is item.color:
            return item
        return dataclasses.replace(item, color=convert(item.color))

    pages = tuple(ComposedPage(tuple(recolor(item) for item in page.items)) for page in document.pages)
    slug = tuple(line if convert(line.color) is line.color else dataclasses.replace(line, color=convert(line.color))
                 for line in document.slug)
    registration = convert(document.registration) if document.registration else None
    if not mapping:
        return document
    return dataclasses.replace(document, pages=pages, slug=slug, registration=registration)


def to_output(color: Color, profile: bytes | None, limit: float | None = None) -> Color:
    """One RGB or Lab colour as CMYK of ``profile`` (print), held to ``limit`` percent of ink in all (the
    condition's: render/images.py hold_ink says why), or as sRGB when ``profile`` is None (screen)."""
    source = given_as(color)
    if profile is None:
        if color.space == "rgb":
            return color
        rgb = _pixel(_lab_image(color.values), _lab_to_srgb())
        return dataclasses.replace(color, space="rgb", values=tuple(v / 255 for v in rgb), source=source)
    if color.k_only and neutral(color):
        cmyk: tuple[float, ...] = (0.0, 0.0, 0.0, _k_for_lightness(profile, _lightness(color)))
    else:
        transform = _to_cmyk(profile, "RGB" if color.space == "rgb" else "LAB")
        image = (Image.new("RGB", (1, 1), tuple(round(v * 255) for v in color.values)) if color.space == "rgb"
                 else _lab_image(color.values))
        cmyk = _held(tuple(round(v / 255 * 100) for v in _pixel(image, transform)), limit)
    return dataclasses.replace(color, space="cmyk", values=cmyk, source=source)


def _held(percent: tuple[int, ...], limit: float | None) -> tuple[float, ...]:
    """Whole percentages as 0..1, C, M and Y reduced in proportion (ceiling shares) if all four carry more
    than ``limit``; K kept."""
    c, m, y, k = percent
    excess = c + m + y + k - int(limit + 1e-9) if limit is not None else 0
    if excess > 0:
        cmy = max(c + m + y, 1)
        c, m, y = (v - -(-excess * v // cmy) for v in (c, m, y))
    return (c / 100, m / 100, y / 100, k / 100)


def given_as(color: Color) -> str:
    """How the layout gave the colour: ``RGB #E30613`` or ``Lab 48/74/55``."""
    if color.space == "rgb":
        return "RGB #" + "".join(f"{round(v * 255):02X}" for v in color.values)
    return "Lab " + "/".join(f"{v:g}" for v in color.values)


def neutral(color: Color) -> bool:
    """A grey: RGB with equal channels, Lab with a* and b* (nearly) zero."""
    if color.space == "rgb":
        return round(color.values[0] * 255) == round(color.values[1] * 255) == round(color.values[2] * 255)
    return abs(color.values[1]) < NEUTRAL_AB and abs(color.values[2]) < NEUTRAL_AB


def _lightness(color: Color) -> float:
    """L* (0..100) of a neutral colour: Lab's own, an sRGB grey's through LittleCMS."""
    if color.space == "lab":
        return color.values[0]
    grey = round(color.values[0] * 255)
    return _pixel(Image.new("RGB", (1, 1), (grey,) * 3), _srgb_to_lab())[0] * 100 / 255


def _k_for_lightness(profile: bytes, lightness: float) -> float:
    """The black ink (0..1, whole percent) whose lightness on the press matches L*, scaled between the
    paper (L* 100) and solid K as black point compensation scales the darkest colour to the press's black."""
    ramp = _k_ramp(profile)
    darkest = ramp[-1]
    target = darkest + max(0.0, min(100.0, lightness)) / 100 * (100 - darkest)
    best = min(range(101), key=lambda k: (abs(ramp[k] - target), k))
    return best / 100


@lru_cache(maxsize=8)
def _k_ramp(profile: bytes) -> tuple[float, ...]:
    """L* of 0, 1, ... 100 % K alone on the press (media-relative), from the profile."""
    transform = ImageCms.buildTransform(_open(profile), ImageCms.createProfile("LAB"), "CMYK", "LAB",
                                        renderingIntent=INTENT)
    ramp = Image.new("CMYK", (101, 1))
    ramp.putdata([(0, 0, 0, round(k * 255 / 100)) for k in range(101)])
    converted = ImageCms.applyTransform(ramp, transform)
    assert converted is not None
    return tuple(converted.getpixel((k, 0))[0] * 100 / 255 for k in range(101))  # type: ignore[index]


def _lab_image(values: tuple[float, ...]) -> Image.Image:
    """A one-pixel Pillow LAB image: L* scaled to 0..255, a* and b* offset by 128."""
    lightness, a, b = values
    return Image.new("LAB", (1, 1), (round(lightness * 255 / 100), round(a) + 128, round(b) + 128))


def _pixel(image: Image.Image, transform: ImageCms.ImageCmsTransform) -> tuple[int, ...]:
    converted = ImageCms.applyTransform(image, transform)
    assert converted is not None  # only inPlace=True returns None
    value = converted.getpixel((0, 0))
    assert isinstance(value, tuple)
    return value


def _open(profile: bytes) -> ImageCms.ImageCmsProfile:
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(profile))
    except (ImageCms.PyCMSError, OSError) as exc:
        raise HandbillError(f"the output profile cannot convert colours: {exc}") from None


@lru_cache(maxsize=8)
def _to_cmyk(profile: bytes, mode: str) -> ImageCms.ImageCmsTransform:
    source = ImageCms.createProfile("sRGB" if mode == "RGB" else "LAB")
    return ImageCms.buildTransform(source, _open(profile), mode, "CMYK", renderingIntent=INTENT, flags=FLAGS)


@lru_cache(maxsize=1)
def _lab_to_srgb() -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(ImageCms.createProfile("LAB"), ImageCms.createProfile("sRGB"), "LAB", "RGB",
                                   renderingIntent=INTENT, flags=FLAGS)


@lru_cache(maxsize=1)
def _srgb_to_lab() -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), "RGB", "LAB",
                                   renderingIntent=INTENT)
