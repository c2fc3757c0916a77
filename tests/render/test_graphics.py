"""Images and QR codes in a built PDF: the photo in CMYK, the QR code drawn as vectors that scan as modules."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PIL import Image

from handbill.build import build
from handbill.compose.images import QUIET_ZONE, qr_modules
from pdfcheck import MM, boxes, need, run
from test_check import CARD, LEAFLET, project

URL = "https://example.org/may-day"
DPI = 200


def test_photo_is_cmyk_and_qr_code_is_vector_and_readable(tmp_path: Path):
    card = CARD.replace('src = "photo.png"', 'src = "photo.png"\n[[pages.frames]]\nblock = "rect"\n'
                        'at = [0, 120, 105, 28]\nfill = "ink"')
    leaflet = project(tmp_path, card=card, toml=LEAFLET)
    report = build(leaflet, out_dir=tmp_path / "out")
    assert not report.failed, [str(r.error) for r in report.failed]
    pdf = tmp_path / "out" / "leaflet" / "card.en.pdf"
    qdf = tmp_path / "card.qdf"
    subprocess.run([need("qpdf"), "--qdf", "--object-streams=disable", str(pdf), str(qdf)], check=True)
    text = qdf.read_bytes().decode("latin-1")
    assert re.search(r"/ColorSpace /DeviceCMYK\s+/Height 600", text), "the photo is not a CMYK image"
    assert "DeviceRGB" not in text
    assert "/Subtype /Image" in text and text.count("/Subtype /Image") == 1  # the QR code is not an image

    run(need("pdftoppm"), "-r", str(DPI), "-gray", "-png", str(pdf), str(tmp_path / "page"))
    page = Image.open(next(tmp_path.glob("page-*.png"))).convert("L")
    modules = qr_modules(URL)
    trim = boxes(pdf)["Trim"]
    media_height = boxes(pdf)["Media"][3]
    frame_x, frame_y, side = 55 * MM, 60 * MM, 40 * MM  # the qr frame in CARD, from the trim's top-left
    module = side / (len(modules) + 2 * QUIET_ZONE)
    px = DPI / 72
    wrong = 0
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            x = trim[0] + frame_x + (QUIET_ZONE + c + 0.5) * module
            y_top = (media_height - trim[3]) + frame_y + (QUIET_ZONE + r + 0.5) * module
            value = page.getpixel((round(x * px), round(y_top * px)))
            wrong += (value < 128) != dark
    assert wrong == 0, f"{wrong} of {len(modules) ** 2} modules read wrong"
    photo_centre = (trim[0] + 30 * MM, (media_height - trim[3]) + 80 * MM)
    assert page.getpixel(tuple(round(v * px) for v in photo_centre)) < 200  # the red photo prints
