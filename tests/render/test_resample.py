"""An image finer than the output needs is printed downsampled (compose/images.py, render/images.py):
a phone photo as a logo no longer puts 12 MB of pixels into every PDF. Images are drawn here."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
from PIL import Image

import handbill
from handbill.check import run_check
from test_check import CARD, project  # the A6 card: photo.png in a 40 mm frame


def _photo(path: Path, size: tuple[int, int], turned: bool = False) -> None:
    """A noisy picture (so that its pixels do not compress to nothing), optionally stored on its side
    with EXIF orientation 6 as a phone stores a portrait photo."""
    noise = Image.effect_noise(size[::-1] if turned else size, 60).convert("RGB")
    exif = Image.Exif()
    if turned:
        exif[0x0112] = 6
    noise.save(path, exif=exif)


def _images(data: bytes) -> list[tuple[int, int]]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [(int(obj.Width), int(obj.Height)) for obj in pdf.objects
                if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]


def _card_pdf(leaflet: Path) -> bytes:
    [version] = handbill.versions(handbill.load_leaflet(leaflet)).versions
    return handbill.render_pdf(version)


def test_a_photo_far_finer_than_print_is_embedded_at_450_ppi(tmp_path):
    leaflet = project(tmp_path)
    _photo(leaflet / "photo.png", (1200, 1600), turned=True)  # a portrait photo stored on its side
    data = _card_pdf(leaflet)
    # shown 1200 x 1600, 40 mm high in its frame: 1016 ppi; 40 mm at 450 ppi is 708.7 pixels, 3:4 kept
    assert _images(data) == [(532, 709)]
    assert _card_pdf(leaflet) == data  # the same bytes again


def test_a_photo_just_over_the_maximum_is_left_as_it_is(tmp_path):
    leaflet = project(tmp_path)
    _photo(leaflet / "photo.png", (900, 900))  # 572 ppi: under 1.5 x 450, not worth resampling
    assert _images(_card_pdf(leaflet)) == [(900, 900)]


def test_the_layout_sets_the_maximum(tmp_path):
    card = CARD.replace('[colors]', '[output]\nmax_image_dpi = 300\n[colors]')
    leaflet = project(tmp_path, card=card)
    _photo(leaflet / "photo.png", (1600, 1600))
    assert _images(_card_pdf(leaflet)) == [(473, 473)]  # 40 mm at 300 ppi: 472.4


SCREEN = """description = "test post"
versions = "slogans"
[screen]
pixels = [1080, 1080]
[colors]
ink = { cmyk = [0, 0, 0, 100] }
[styles.hero]
size = 40
color = "ink"
[[pages]]
[[pages.frames]]
block = "hero"
at = [40, 40, 1000, 300]
[[pages.frames]]
block = "image"
at = [100, 500, 400, 400]
src = "photo.png"
"""


def test_a_screen_layout_gets_its_own_pixels(tmp_path):
    leaflet = project(tmp_path, card=SCREEN)
    _photo(leaflet / "photo.png", (2000, 2000))  # a 400 px frame: 5 times what the post shows
    assert _images(_card_pdf(leaflet)) == [(400, 400)]


def test_check_notes_the_downsampling_once(tmp_path):
    leaflet = project(tmp_path)
    _photo(leaflet / "photo.png", (3000, 3000))
    report = run_check(leaflet)
    notes = [f for f in report.findings if f.topic == "images"]
    assert len(notes) == 1 and notes[0].severity == "note", report.to_text()
    assert re.search(r"photo\.png \(3000 x 3000 pixels\) is finer than print needs \(up to 1905 ppi", notes[0].message)
    assert "1 version embeds it" in notes[0].message and "709 x 709 pixels" in notes[0].message
    assert report.clean


def test_a_low_resolution_image_is_not_resampled(tmp_path):
    leaflet = project(tmp_path, image_px=100)
    assert _images(_card_pdf(leaflet)) == [(100, 100)]
    report = run_check(leaflet)
    assert [f.severity for f in report.findings if f.topic == "images"] == ["warning"]
