"""Composing the frames that hold no text: images from the leaflet folder and QR codes.

    frame  block = "image", src = "logo.png"  ->  PlacedImage (fitted, centred, pixel size read)
    frame  block = "logo" / "photo"           ->  the same, for the leaflet's logo or photo (or nothing)
    an SVG file (logo.svg)                    ->  PlacedImage(vector=True), its natural size from svglib
    frame  cover = true, duotone = [a, b]     ->  the picture cropped to fill the frame, printed in two colours
    frame  block = "qr"                       ->  PlacedCode  (modules from segno, quiet zone inside)

Only the image header is read here (Pillow opens files lazily); converting pixels to the output
colour space is the renderer's job (render/images.py).

Downsampling, as a print tool does when it exports: a raster image whose effective resolution at its
placed size is over 1.5 times what the output needs is printed at what the output needs (``resample``;
the renderer resizes it with Pillow's Lanczos filter before converting its colours). What the output needs
is the layout's ``max_image_dpi`` (450 ppi unless it says otherwise) for print, and the output's own pixel
size for a screen layout. A phone photo as logo (3024 x 4032 pixels, 2 cm wide: nearly 4000 ppi) would
otherwise be embedded whole in every PDF (12 MB each) and converted to CMYK pixel by pixel (seconds each).
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from handbill.errors import InputError
from handbill.load.paths import check_image, safe_leaflet_path
from handbill.load.vector import is_vector, vector_size
from handbill.model import Color, Frame, Layout, Leaflet, PlacedCode, PlacedImage

PICTURE_BLOCKS = ("logo", "photo")  # image frames that show the leaflet's own logo or photo
QUIET_ZONE = 4  # modules of white around a QR code (ISO/IEC 18004)
RESAMPLE_ABOVE = 1.5  # downsample only an image this many times finer than needed (as Acrobat's and InDesign's
#                       export presets do: 450 ppi wanted, images over 675 ppi resampled)
BLACK = Color("black", "cmyk", (0, 0, 0, 1))


def place_graphic(frame: Frame, leaflet: Leaflet, layout: Layout, rtl: bool, order: int = 0
                  ) -> PlacedImage | PlacedCode | None:
    """The image or QR code of a frame, in points from the trim's bottom-left (mirrored on RTL pages);
    ``order`` is the frame's rank in reading order (for the tagged PDF).

    A qr frame with no URL (neither the frame nor the leaflet gives one) stays empty: None.
    """
    x = layout.width - frame.x - frame.width if rtl else frame.x
    bottom = layout.height - frame.y - frame.height
    if frame.block in PICTURE_BLOCKS:
        src = leaflet.logo if frame.block == "logo" else leaflet.photo
        if not src:
            return None  # the leaflet has no logo (photo): the frame stays empty
        alt = frame.alt or (f"Logo of {leaflet.organisation}" if frame.block == "logo" and leaflet.organisation
                            else "")
        graphic: PlacedImage | PlacedCode | None = _image(replace(frame, src=src, alt=alt), leaflet, layout, x,
                                                          bottom, source=leaflet.folder / "leaflet.toml")
    elif frame.block == "image":
        graphic = _image(frame, leaflet, layout, x, bottom)
    else:
        graphic = _code(frame, leaflet, x, bottom)
    return None if graphic is None else replace(graphic, order=order)


def _image(frame: Frame, leaflet: Leaflet, layout: Layout, x: float, bottom: float,
           source: Path | None = None) -> PlacedImage:
    """An image fitted whole into its frame and centred; ``source`` is the file that names it."""
    field = f"{frame.key}.src" if source is None else frame.block
    source = source or layout.path
    path = safe_leaflet_path(leaflet.folder, frame.src, field, source=source)  # no ../, no links out
    vector = is_vector(path)
    natural = vector_size(path, field, source=source) if vector else \
        check_image(path, field, source=source)  # as shown (EXIF orientation); caps before decoding
    if frame.cover and not vector:  # fill the frame: the picture's middle, cropped to the frame's proportions
        pixels = (round(natural[0]), round(natural[1]))
        scale = max(frame.width / pixels[0], frame.height / pixels[1])
        shown = (min(pixels[0], round(frame.width / scale)), min(pixels[1], round(frame.height / scale)))
        left, top = (pixels[0] - shown[0]) // 2, (pixels[1] - shown[1]) // 2
        return PlacedImage(x, bottom, frame.width, frame.height, path, shown, frame.ink, frame.key, frame.alt,
                           duotone=frame.duotone, crop=(left, top, left + shown[0], top + shown[1]),
                           resample=resampled(shown, frame.width, frame.height, layout))
    scale = min(frame.width / natural[0], frame.height / natural[1])
    width, height = natural[0] * scale, natural[1] * scale
    pixels = (max(1, round(natural[0])), max(1, round(natural[1])))
    return PlacedImage(x + (frame.width - width) / 2, bottom + (frame.height - height) / 2, width, height,
                       path, pixels, frame.ink, frame.key, frame.alt, vector=vector,
                       duotone=None if vector else frame.duotone,
                       resample=None if vector else resampled(pixels, width, height, layout))


def output_ppi(layout: Layout) -> float:
    """The effective resolution (pixels per inch at the placed size) a raster image needs in this layout's
    output: its ``max_image_dpi`` for print, the output's own pixels for a screen layout."""
    if layout.screen is not None:
        return layout.screen.pixels[0] / layout.width * 72.0
    return layout.output.max_image_dpi


def resampled(pixels: tuple[int, int], width: float, height: float, layout: Layout) -> tuple[int, int] | None:
    """The pixel size an image of ``pixels`` placed at ``width`` x ``height`` points is printed at, when it
    is over RESAMPLE_ABOVE times finer than the output needs; else None (printed as it is). The proportions
    are kept, and neither side is made smaller than the output needs."""
    have = min(pixels[0] / (width / 72.0), pixels[1] / (height / 72.0))
    need = output_ppi(layout)
    if have <= need * RESAMPLE_ABOVE:
        return None
    scale = need / have
    return (max(1, math.ceil(pixels[0] * scale - 1e-9)), max(1, math.ceil(pixels[1] * scale - 1e-9)))


def _code(frame: Frame, leaflet: Leaflet, x: float, bottom: float) -> PlacedCode | None:
    url = frame.url or leaflet.url
    if not url:
        return None
    try:
        modules = qr_modules(url)
    except ValueError as exc:  # segno's DataOverflowError: more than a QR code holds
        raise InputError(f"the URL is too long for a QR code ({len(url)} characters): {exc}",
                         field=f"{frame.key}.url" if frame.url else "url",
                         hint="use a shorter address (a link shortener of your own site)") from None
    side = min(frame.width, frame.height)
    module = side / (len(modules) + 2 * QUIET_ZONE)
    size = module * len(modules)
    return PlacedCode(x + (frame.width - size) / 2, bottom + (frame.height - size) / 2, size, modules,
                      frame.fill or BLACK, url)


def qr_modules(data: str) -> tuple[tuple[bool, ...], ...]:
    """The dark modules of a QR code for data, rows top to bottom, without the quiet zone.

    Error correction M (15 %): a printed leaflet gets folded and scuffed; segno raises it to Q or H
    when that costs no extra size.
    """
    import segno

    code = segno.make_qr(data, error="m", boost_error=True)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)
