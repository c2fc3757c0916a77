"""Colour for screens: sRGB, converted from the layout's CMYK through the output profile.

A screen layout may name its colours in CMYK (a movement's red, as the print shop mixes it). On a screen
they are shown as the print looks: each CMYK colour goes through the CMYK output profile (the layout's
``[output] icc_profile``, else Ghostscript's ``default_cmyk.icc``) to sRGB with LittleCMS, through
Pillow's ImageCms, perceptual intent (as images go the other way in render/images.py). Without a CMYK
profile, the naive formula in colour.py is used.

The sRGB profile embedded in PNG and JPEG files is Ghostscript's ``srgb.icc`` (Debian ``libgs-common``),
else LittleCMS's built-in sRGB with a fixed date, so the same sources give the same bytes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

SRGB_PROFILES = (
    Path("/usr/share/color/icc/ghostscript/srgb.icc"),
    Path("/usr/share/ghostscript/iccprofiles/srgb.icc"),
)


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """The bytes of an sRGB ICC profile to embed in images."""
    for path in SRGB_PROFILES:
        if path.is_file():
            return path.read_bytes()
    from PIL import ImageCms

    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = bytes.fromhex("07e8000100010000000000 00".replace(" ", ""))  # 2024-01-01 00:00:00
    return bytes(data)


@lru_cache(maxsize=4)
def _transform(profile: Path) -> Any:
    from io import BytesIO

    from PIL import ImageCms

    return ImageCms.buildTransform(ImageCms.getOpenProfile(str(profile)),
                                   ImageCms.getOpenProfile(BytesIO(srgb_profile())), "CMYK", "RGB",
                                   ImageCms.Intent.PERCEPTUAL)


@lru_cache(maxsize=256)
def cmyk_to_srgb(cmyk: tuple[float, float, float, float], profile: Path) -> tuple[float, float, float]:
    """A CMYK colour (0..1) as sRGB (0..1) through a CMYK output profile."""
    from PIL import Image, ImageCms

    pixel = Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in cmyk))
    r, g, b = ImageCms.applyTransform(pixel, _transform(profile)).getpixel((0, 0))  # type: ignore[union-attr, misc]
    return (r / 255, g / 255, b / 255)
