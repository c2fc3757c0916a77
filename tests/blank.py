"""Measuring blank space on rendered pages: the largest empty rectangle inside the trim.

A page is rendered with poppler at about one pixel per millimetre, cropped to its TrimBox, and every
pixel lighter than the paper threshold counts as blank. The largest axis-aligned rectangle of blank
pixels (the histogram-stack algorithm, O(width x height)) is what a reader sees as "empty": an empty
column, a blank bottom third, a dead gap between a poster's hero and its band. Text lines and the
white of margins and gutters break it up the way a reader's eye does.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from pdfcheck import need

DPI = 25.4  # one pixel per millimetre
PAPER = 245  # grey level above which a pixel is paper


def trim_boxes(pdf: Path) -> list[tuple[float, float, float, float]]:
    """Each page's TrimBox relative to its CropBox, in points: (left, top, width, height)."""
    import pikepdf

    boxes = []
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            crop = [float(v) for v in (page.obj.get("/CropBox") or page.obj["/MediaBox"])]
            trim = [float(v) for v in (page.obj.get("/TrimBox") or crop)]
            boxes.append((trim[0] - crop[0], crop[3] - trim[3], trim[2] - trim[0], trim[3] - trim[1]))
    return boxes


def page_images(pdf: Path) -> list[Image.Image]:
    """Each page rendered in grey at one pixel per mm, cropped to the trim."""
    out = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([need("pdftoppm"), "-r", f"{DPI}", "-gray", "-png", str(pdf), f"{folder}/p"], check=True,
                       capture_output=True)
        for png, (left, top, width, height) in zip(sorted(Path(folder).glob("p*.png")), trim_boxes(pdf),
                                                   strict=True):
            scale = DPI / 72
            with Image.open(png) as image:
                box = (round(left * scale), round(top * scale), round((left + width) * scale),
                       round((top + height) * scale))
                out.append(image.convert("L").crop(box))
    return out


def largest_blank(image: Image.Image) -> tuple[float, tuple[int, int, int, int]]:
    """The largest blank rectangle as a fraction of the page, and where it is: (x, y, width, height) px."""
    width, height = image.size
    pixels = image.load()
    heights = [0] * width
    best, where = 0, (0, 0, 0, 0)
    for y in range(height):
        for x in range(width):
            heights[x] = heights[x] + 1 if pixels[x, y] > PAPER else 0
        stack: list[tuple[int, int]] = []  # (start x, height)
        for x in range(width + 1):
            h = heights[x] if x < width else 0
            start = x
            while stack and stack[-1][1] >= h:
                start, top = stack.pop()
                area = top * (x - start)
                if area > best:
                    best, where = area, (start, y - top + 1, x - start, top)
            stack.append((start, h))
    return best / (width * height), where


def blank_fractions(pdf: Path) -> list[float]:
    """The largest blank rectangle of each page, as a fraction of the page."""
    return [largest_blank(image)[0] for image in page_images(pdf)]


def tallest_gap(image: Image.Image) -> float:
    """The tallest run of blank pixel rows across the page, as a fraction of the page height: a dead
    horizontal gap between a poster's blocks (margins above the first and below the last ink count too).
    Columns inked from top to bottom (a full-height bar) are left out: they do not fill a gap."""
    width, height = image.size
    data = image.tobytes()
    bars = {x for x in range(width) if max(data[x::width]) <= PAPER}
    keep = [x for x in range(width) if x not in bars]
    best = run = 0
    for y in range(height):
        row = data[y * width:(y + 1) * width]
        run = run + 1 if min(row[x] for x in keep) > PAPER else 0
        best = max(best, run)
    return best / height
