"""Duotone pictures: two colours' tones within the ink limit, the same bytes every run, and a cover frame's
crop; and the layout keys refused where they do not apply."""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from conftest import write_leaflet
from handbill.build import build
from handbill.errors import InputError
from handbill.load.layout import load_layout
from handbill.model import Color
from handbill.render.duotone import MAX_INK, duotone
from pdfcheck import need

RED = Color("red", "cmyk", (0, 1, 1, 0.1))
INK = Color("ink", "cmyk", (0, 0, 0, 1))


def _ramp() -> Image.Image:
    """A horizontal grey ramp, white to black, as RGB."""
    return Image.frombytes("L", (256, 1), bytes(range(255, -1, -1))).convert("RGB")


def test_tones_run_from_paper_to_both_colours_within_the_ink_limit():
    cmyk = duotone(_ramp(), INK, RED)
    pixels = [cmyk.getpixel((x, 0)) for x in range(256)]
    assert pixels[0] == (0, 0, 0, 0)  # white stays paper
    totals = [sum(p) for p in pixels]
    assert all(b >= a - 2 for a, b in itertools.pairwise(totals))  # darker is more ink (to rounding)
    assert max(totals) <= MAX_INK * 255 + 2
    assert pixels[64][3] < 20 and pixels[64][1] > 60  # a light tone: the colour only, barely any black
    assert pixels[-1][3] > 180 and pixels[-1][1] > 180  # the deepest shadow: both colours


def test_the_same_picture_gives_the_same_pixels():
    picture = Image.effect_mandelbrot((64, 48), (-2, -1.2, 1, 1.2), 40).convert("RGB")
    assert duotone(picture, INK, RED).tobytes() == duotone(picture.copy(), INK, RED).tobytes()


LAYOUT = """
versions = "slogans"
[page]
size = [100, 140]
[colors]
red = { cmyk = [0, 100, 100, 10] }
ink = { cmyk = [0, 0, 0, 100] }
[styles.hero]
size = 20
[[pages]]
[[pages.frames]]
block = "photo"
at = [-3, -3, 106, 83]
cover = true
duotone = ["ink", "red"]
[[pages.frames]]
block = "hero"
at = [10, 90, 80, 40]
"""

LEAFLET = """title = "Test"
date = 2024-05-01
lang = "en"
layouts = ["duo"]
photo = "photo.png"
[[slogans]]
lang = "en"
text = "Bread and roses"
"""


def test_a_cover_frame_prints_the_photo_cropped_as_a_cmyk_duotone(tmp_path: Path):
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "duo.toml").write_text(LAYOUT, encoding="utf-8")
    folder = write_leaflet(tmp_path / "leaflet", LEAFLET)
    Image.linear_gradient("L").resize((400, 200)).convert("RGB").save(folder / "photo.png")  # 2:1, frame ~1.3:1
    pdfs = []
    for run in ("a", "b"):
        report = build(folder, out_dir=tmp_path / run)
        assert not report.failed, [str(r.error) for r in report.failed]
        pdfs.append(next(p for p in report.written if p.suffix == ".pdf"))
    assert pdfs[0].read_bytes() == pdfs[1].read_bytes()
    listing = subprocess.run([need("pdfimages"), "-list", str(pdfs[0])], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert len(listing) == 1
    fields = listing[0].split()
    width, height, colour = int(fields[3]), int(fields[4]), fields[5]
    assert colour == "cmyk"
    assert height == 200 and width == pytest.approx(200 * 106 / 83, abs=1)  # the middle, cropped to the frame


@pytest.mark.parametrize(("frame", "field"), [
    ('block = "rect"\nat = [0, 0, 10, 10]\nfill = "red"\nduotone = ["ink", "red"]', "duotone"),
    ('block = "photo"\nat = [0, 0, 10, 10]\nduotone = ["ink"]', "duotone"),
    ('block = "photo"\nat = [0, 0, 10, 10]\nduotone = ["ink", "sky"]', "duotone"),
    ('block = "qr"\nat = [0, 0, 10, 10]\ncover = true', "cover"),
])
def test_duotone_and_cover_only_where_they_apply(tmp_path: Path, frame: str, field: str):
    path = tmp_path / "x.toml"
    path.write_text('[colors]\nred = { cmyk = [0, 100, 100, 0] }\nink = { cmyk = [0, 0, 0, 100] }\n'
                    '[[pages]]\n[[pages.frames]]\n' + frame + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_layout(path)
    assert caught.value.field == f"pages[1].frames[1].{field}"
