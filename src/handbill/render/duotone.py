"""A picture printed as a duotone: its tones in two colours (a dark one for the shadows, a colour for the body).

    grey = the picture's luminance, its levels stretched (the darkest and lightest 0.5 % clipped)
    t    = 1 - grey / 255                        how dark a pixel is (0 paper, 1 the deepest shadow)
    ink  = colour x t ** 0.8  +  shadow x ((t - 0.4) / 0.6) ** 1.3 x 0.9
                                                 the colour carries every tone, the shadow colour only
                                                 the darker ones: highlights stay clean, shadows deep

as CMYK pixels (each colour's process values), with the total ink of a pixel held under MAX_INK so a
duotone of a full red and a full black stays within every registered condition's limit (300 %).
The curves are lookup tables applied with Pillow's ``point`` on 8-bit channels: the same picture gives
the same bytes on every run. Hand-written: a duotone is four curves, not worth a dependency.
"""

from __future__ import annotations

from PIL import Image, ImageOps

from handbill.model import Color

MAX_INK = 2.9  # the most ink in a pixel (290 %), under the lowest limit of the shipped conditions (300 %)
COLOUR_GAMMA = 0.8
SHADOW_FROM = 0.4  # the shadow colour starts at this darkness
SHADOW_GAMMA = 1.3
SHADOW_MAX = 0.9


def _curves(shadow: Color, colour: Color) -> list[list[int]]:
    """Four 256-entry tables, grey level -> C, M, Y, K (0..255)."""
    dark, body = shadow.cmyk, colour.cmyk
    assert dark is not None and body is not None  # the layout loader refuses RGB duotone colours
    tables: list[list[int]] = [[], [], [], []]
    for grey in range(256):
        t = 1 - grey / 255
        a = t ** COLOUR_GAMMA
        b = SHADOW_MAX * max(0.0, (t - SHADOW_FROM) / (1 - SHADOW_FROM)) ** SHADOW_GAMMA
        inks = [min(1.0, a * c + b * d) for c, d in zip(body, dark, strict=True)]
        total = sum(inks)
        if total > MAX_INK:
            inks = [v * MAX_INK / total for v in inks]
        for channel, value in zip(tables, inks, strict=True):
            channel.append(round(value * 255))
    return tables


def duotone(image: Image.Image, shadow: Color, colour: Color) -> Image.Image:
    """The picture as CMYK pixels in the two colours."""
    grey = ImageOps.autocontrast(image.convert("L"), cutoff=0.5)
    channels = [grey.point(table) for table in _curves(shadow, colour)]
    return Image.merge("CMYK", channels)
