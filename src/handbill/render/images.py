"""Raster images as PDF image XObjects in the output's colour space.

    process print (CMYK)  sRGB pixels -> the output intent's CMYK profile (LittleCMS through Pillow,
                          perceptual intent): the file holds no RGB, and the profile used for the
                          pixels is the one the print shop is told about
    one spot ink          luminance -> ink tint, in a /Separation colour space (a risograph drum)
    duotone               luminance -> two colours' CMYK (render/duotone.py), kept as CMYK in print
    screen (RGB)          sRGB pixels as they are
    one separation        the ink's channel as DeviceGray (white = no ink)

Transparency is flattened onto white (PDF/X-1a forbids soft masks, and a leaflet's paper is white).
Pixels are Flate-compressed, never re-encoded as JPEG, so rebuilds give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms, ImageMath, ImageOps
from reportlab.lib.colors import CMYKColorSep
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from handbill.errors import HandbillError
from handbill.load.paths import MAX_IMAGE_PIXELS
from handbill.model import Color, PlacedImage
from handbill.render import reportlab_adapter
from handbill.render.colour import PROCESS_INKS, Paint
from handbill.render.duotone import duotone

Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # Pillow's decompression-bomb guard: the cap load/paths.py checks


def draw_image(canvas: Canvas, placed: PlacedImage, paint: Paint, profile: bytes | Path | None,
               limit: float | None = None) -> None:
    """Draw a raster image at its place, in the colour space the paint asks for (SVG: render/vector.py);
    process pixels held to ``limit`` percent of ink."""
    key = (_digest(placed.path), placed.ink.ink if placed.ink else "", paint.mode, paint.ink or "",
           repr(placed.crop), repr(placed.duotone), repr(placed.resample))
    name = _xobject_name(key)
    doc = reportlab_adapter.document(canvas)
    internal = doc.getXObjectName(name)
    if internal not in doc.idToObject:
        doc.Reference(_image_stream(canvas, placed, paint, profile, limit), internal)
    canvas.saveState()
    canvas.transform(placed.width, 0, 0, placed.height, placed.x, placed.y)
    reportlab_adapter.draw_xobject(canvas, name, internal)
    canvas.restoreState()


@lru_cache(maxsize=64)
def _digest(path: Path) -> str:
    """The image file's content digest: the resource name must not depend on where the leaflet lies."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise HandbillError(f"cannot read image: {exc.strerror}", file=path) from None


def _xobject_name(key: tuple[str, ...]) -> str:
    """A resource name that depends only on the image and how it is drawn (same input, same bytes)."""
    return "Img" + hashlib.sha256("|".join(key).encode()).hexdigest()[:12]


def shown(placed: PlacedImage) -> Image.Image:
    """The pixels a placed image prints: cropped to what its frame shows, downsampled to what the output
    needs (``resample``: Lanczos, sharp and without aliasing), made a duotone if asked."""
    image = load_flat(placed.path)
    if placed.crop is not None:
        image = image.crop(placed.crop)
    if placed.resample is not None and placed.resample != image.size:
        # reducing_gap: a box reduction by a whole factor first, then Lanczos over at least 3x the target
        # (Pillow's documented fast path; the same bytes every time, and 20 times faster on a phone photo)
        image = image.resize(placed.resample, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if placed.duotone is not None:
        image = duotone(image, *placed.duotone)
    return image


def _image_stream(canvas: Canvas, placed: PlacedImage, paint: Paint, profile: bytes | Path | None,
                  limit: float | None = None) -> pdfdoc.PDFStream:
    image = shown(placed)
    if paint.ink is not None:
        return _gray_stream(_separation_channel(image, placed.ink, paint.ink, profile, limit))
    if placed.ink is not None:
        return _spot_stream(canvas, image, placed.ink)
    if paint.mode == "rgb":
        return _stream(image.convert("RGB"), "DeviceRGB")
    return _stream(to_cmyk(image, profile, limit), "DeviceCMYK")


@lru_cache(maxsize=4)
def load_flat(path: Path) -> Image.Image:
    """The image as it is shown: orientation applied, 8-bit RGB (or CMYK), transparency composited onto
    white paper."""
    try:
        with Image.open(path) as opened:
            opened.load()
            turned = opened.getexif().get(0x0112, 1) not in (1, None)
            image = ImageOps.exif_transpose(opened) if turned else opened  # no copy when upright: memory
    except OSError as exc:
        raise HandbillError(f"cannot read image: {exc}", file=path) from None
    return flatten(image)


_WIDE = ("I;16", "I;16B", "I;16L", "I;16N", "I")


def flatten(image: Image.Image) -> Image.Image:
    """Any PNG or JPEG mode as 8-bit RGB (CMYK kept), on white where it is transparent.

    16-bit grey is scaled to 8 bits (Pillow's own conversion clips it, printing white) and its tRNS colour
    key made transparent; a tRNS key in grey or RGB, palette alpha, LA and RGBA are all composited on white.
    """
    if image.mode == "CMYK":
        return image
    if image.mode in _WIDE:
        return _flatten_wide(image)
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image if image.mode == "RGBA" else image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba.convert("RGB"), mask=rgba.getchannel("A"))
        return flat
    return image if image.mode == "RGB" else image.convert("RGB")  # no copy of an RGB image: memory


def _flatten_wide(image: Image.Image) -> Image.Image:
    from PIL import ImageMath

    wide = image if image.mode == "I" else image.convert("I")
    grey = wide.point(lambda v: v * (255 / 65535) + 0.5).convert("L")  # PNG's wide grey is 16-bit
    key = image.info.get("transparency")
    if isinstance(key, int):
        opaque = ImageMath.lambda_eval(lambda args: args["a"] != key, a=wide).convert("L")
        flat = Image.new("L", grey.size, 255)
        flat.paste(grey, mask=opaque.point(lambda v: 255 if v else 0))
        grey = flat
    return grey.convert("RGB")


def to_cmyk(image: Image.Image, profile: bytes | Path | None, limit: float | None = None) -> Image.Image:
    """RGB pixels (taken as sRGB) converted to the output profile's CMYK, held to ``limit`` percent of ink
    (the condition's, see hold_ink); a CMYK image is kept as the author separated it."""
    if image.mode == "CMYK":
        return image
    if profile is None:
        return image.convert("CMYK")  # Pillow's naive conversion, only when no profile is asked for
    transform = _transform(profile.read_bytes() if isinstance(profile, Path) else profile)
    converted = ImageCms.applyTransform(image, transform)
    assert converted is not None  # applyTransform returns None only with inPlace=True
    return converted if limit is None else hold_ink(converted, limit)


def hold_ink(image: Image.Image, limit: float) -> Image.Image:
    """CMYK pixels carrying more than ``limit`` percent of ink in all, with C, M and Y reduced in proportion
    (K kept: the shadow's black stays black) until they carry no more; the image itself when none does.

    A condition's registered profile can itself put down a little more than its published limit: its
    tables are interpolated and every channel rounded to 8 bits (PSO Coated v3 gives 300.8 % for sRGB
    black, GRACoL2006 320.4 %, SWOP 300.4 %: conditions.py [4]). Holding the converted pixels to the
    limit is what a RIP's ink limiting does; the reduction is a few 8-bit steps in the deepest shadows.
    Pillow's ImageMath does it per pixel in integers (ceiling shares, so the sum never stays above)."""
    cap = int(limit * 255 / 100 + 1e-9)
    c, m, y, k = (band.convert("I") for band in image.split())
    excess = ImageMath.lambda_eval(lambda a: a["max"](a["c"] + a["m"] + a["y"] + a["k"] - cap, 0), c=c, m=m, y=y, k=k)
    if not isinstance(excess, Image.Image) or excess.getextrema()[1] == 0:
        return image
    cmy = ImageMath.lambda_eval(lambda a: a["max"](a["c"] + a["m"] + a["y"], 1), c=c, m=m, y=y)
    held = [ImageMath.lambda_eval(lambda a: a["v"] - (a["e"] * a["v"] + a["s"] - 1) / a["s"], v=v, e=excess, s=cmy)
            for v in (c, m, y)]
    bands = [band.convert("L") for band in held if isinstance(band, Image.Image)]
    return Image.merge("CMYK", (*bands, image.getchannel("K")))


@lru_cache(maxsize=4)
def _transform(profile: bytes) -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(io.BytesIO(profile)),
                                   "RGB", "CMYK", renderingIntent=ImageCms.Intent.PERCEPTUAL)


def _separation_channel(image: Image.Image, spot: Color | None, ink: str, profile: bytes | Path | None,
                        limit: float | None = None) -> Image.Image:
    """The grey plate of one ink: black where the ink prints fully, white where it does not print."""
    if spot is not None:
        if spot.ink == ink:
            return image.convert("L")
        return Image.new("L", image.size, 255)
    if ink not in PROCESS_INKS:
        return Image.new("L", image.size, 255)
    channel = to_cmyk(image, profile, limit).split()[PROCESS_INKS.index(ink)]
    return ImageOps.invert(channel)


def _spot_stream(canvas: Canvas, image: Image.Image, spot: Color) -> pdfdoc.PDFStream:
    """One channel of ink tints (dark pixels = much ink) in the spot colour's /Separation space."""
    name = reportlab_adapter.separation_colour(canvas, CMYKColorSep(*spot.values, spotName=spot.ink))
    tints = ImageOps.invert(image.convert("L"))
    return _stream(tints, pdfdoc.PDFObjectReference(name))


def _gray_stream(image: Image.Image) -> pdfdoc.PDFStream:
    return _stream(image, "DeviceGray")


def _stream(image: Image.Image, space: str | pdfdoc.PDFObjectReference) -> pdfdoc.PDFStream:
    colour_space = pdfdoc.PDFName(space) if isinstance(space, str) else space
    return pdfdoc.PDFStream(dictionary=pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("XObject"),
        "Subtype": pdfdoc.PDFName("Image"),
        "Width": image.width,
        "Height": image.height,
        "ColorSpace": colour_space,
        "BitsPerComponent": 8,
        "Filter": pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")]),
    }), content=_deflate(image))


def _deflate(image: Image.Image, rows: int = 256) -> bytes:
    """The pixels deflated a band of rows at a time: the same bytes as deflating them whole (zlib's output
    does not depend on how its input is fed), without ever holding all the raw pixels (twice, in tobytes)."""
    packer = zlib.compressobj()
    parts = [packer.compress(image.crop((0, top, image.width, min(top + rows, image.height))).tobytes())
             for top in range(0, image.height, rows)]
    parts.append(packer.flush())
    return b"".join(parts)

