"""The files of a screen layout (posts, stories): images in sRGB, a web PDF, and alt text.

    square-post.en.png       exactly ``[screen] pixels``, sRGB (the profile embedded as iCCP)
    square-post.en.jpg       the same picture as JPEG (quality 92, no chroma subsampling: red type
                             stays sharp), sRGB profile embedded
    square-post.en.pdf       the web PDF: RGB, no bleed or marks, tagged; PDF/UA-1 with ``--pdf-ua``
    square-post.en.alt.txt   the image's text in reading order, for a post's alt text field

``--format`` chooses among pdf, png, jpeg and alt. The images are the web PDF rendered by pdfium
(pypdfium2) at the scale that makes the page exactly the asked pixels, so the picture and the PDF are
the same design; a second page (a statement continued) becomes ``<stem>.p2.png``.
"""

from __future__ import annotations

import io
from typing import Any

from handbill.errors import HandbillError
from handbill.model import ComposedDocument, ScreenOptions, ScreenSpec
from handbill.render.draw import render_pdf
from handbill.render.srgb import srgb_profile
from handbill.render.tagging import reading_text

JPEG_QUALITY = 92
EXTENSIONS = {"png": "png", "jpeg": "jpg"}


def screen_outputs(document: ComposedDocument, stem: str, spec: ScreenSpec,
                   options: ScreenOptions) -> list[tuple[str, bytes]]:
    """The files a screen document makes, as (file name, bytes), in the order of FORMATS."""
    pdf = render_pdf(document, pdfua=options.pdfua)
    outputs: list[tuple[str, bytes]] = []
    if "pdf" in options.formats:
        outputs.append((f"{stem}.pdf", pdf))
    kinds = [kind for kind in ("png", "jpeg") if kind in options.formats]
    if kinds:
        for number, image in enumerate(rasterise(pdf, spec.pixels), start=1):
            page = "" if number == 1 else f".p{number}"
            for kind in kinds:
                outputs.append((f"{stem}{page}.{EXTENSIONS[kind]}", encode(image, kind)))
    if "alt" in options.formats:
        outputs.append((f"{stem}.alt.txt", alt_text(document).encode("utf-8")))
    return outputs


def rasterise(pdf: bytes, pixels: tuple[int, int]) -> list[Any]:  # PIL images
    """Each page of a PDF as an RGB image of exactly ``pixels`` (pdfium, anti-aliased, white paper)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for page in document:
            width, height = page.get_size()
            scale = pixels[0] / width
            image = page.render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil().convert("RGB")
            if abs(image.size[0] - pixels[0]) > 1 or abs(image.size[1] - pixels[1]) > 1:
                raise HandbillError(f"the page ({width:.1f} x {height:.1f} pt) rendered as {image.size}, "
                                    f"not {pixels[0]} x {pixels[1]} px")
            if image.size != pixels:  # pdfium rounds each side on its own: at most one pixel
                from PIL import Image

                image = image.resize(pixels, Image.Resampling.LANCZOS)
            images.append(image)
            page.close()
        return images
    finally:
        document.close()


def encode(image: Any, kind: str) -> bytes:
    """PNG or JPEG bytes of an RGB image, with the sRGB profile embedded (deterministic)."""
    buffer = io.BytesIO()
    if kind == "png":
        image.save(buffer, "PNG", icc_profile=srgb_profile(), optimize=False, compress_level=6)
    else:
        image.save(buffer, "JPEG", icc_profile=srgb_profile(), quality=JPEG_QUALITY, subsampling=0,
                   optimize=True)
    return buffer.getvalue()


def alt_text(document: ComposedDocument) -> str:
    """The text an image shows, paragraph by paragraph in reading order: its alt text."""
    return "\n".join(reading_text(document)) + "\n"
