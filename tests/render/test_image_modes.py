"""Images print as they look: EXIF orientation, 16-bit grey, tRNS colour keys, palette alpha, LA and CMYK
JPEGs, each rendered and compared with how Pillow shows the image composited on white paper.

Every image is made here (no binaries committed); the PNGs with a 16-bit depth or a tRNS chunk are
written byte by byte, since Pillow cannot save them.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageOps, ImageStat

from conftest import MINIMAL_TOML, write_leaflet
from handbill.build import build
from handbill.errors import InputError
from handbill.load.paths import MAX_DECODED_BYTES, MAX_IMAGE_PIXELS, check_image, decoded_bytes_per_pixel
from handbill.render.images import flatten
from pdfcheck import need, run

MM = 72 / 25.4


def png(width: int, height: int, colour_type: int, depth: int, rows: list[bytes], *, trns: bytes | None = None,
        plte: bytes | None = None) -> bytes:
    """A PNG file from raw rows (filter 0), with optional PLTE and tRNS chunks."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0)
    body = chunk(b"IHDR", header) + (chunk(b"PLTE", plte) if plte else b"") + (chunk(b"tRNS", trns) if trns else b"")
    return b"\x89PNG\r\n\x1a\n" + body + chunk(b"IDAT", zlib.compress(b"".join(b"\0" + r for r in rows))) + \
        chunk(b"IEND", b"")


W, H = 60, 40


def grey16_with_key() -> tuple[bytes, Image.Image]:
    """16-bit grey: a dark left half, a light right half, and a band in the tRNS key's grey, which must print
    as paper (Pillow's own conversion clips 16-bit grey to white)."""
    rows, expected = [], Image.new("L", (W, H))
    for y in range(H):
        row = []
        for x in range(W):
            value = 0x1234 if 15 <= y < 25 else (0x4000 if x < W // 2 else 0xC000)
            row.append(value)
            expected.putpixel((x, y), 255 if value == 0x1234 else round(value * 255 / 65535))
        rows.append(struct.pack(f">{W}H", *row))
    return png(W, H, 0, 16, rows, trns=struct.pack(">H", 0x1234)), expected.convert("RGB")


def rgb_with_key() -> tuple[bytes, Image.Image]:
    """RGB with a tRNS colour key: black marks transparency (it printed black before)."""
    rows, expected = [], Image.new("RGB", (W, H))
    for y in range(H):
        row = b""
        for x in range(W):
            colour = (0, 0, 0) if x < 20 else (200, 30, 40)
            row += bytes(colour)
            expected.putpixel((x, y), (255, 255, 255) if colour == (0, 0, 0) else colour)
        rows.append(row)
    return png(W, H, 2, 8, rows, trns=struct.pack(">HHH", 0, 0, 0)), expected


def palette_alpha() -> tuple[bytes, Image.Image]:
    """A palette with alpha per entry: opaque blue, half-transparent red, fully transparent green."""
    plte = bytes([0, 0, 255, 255, 0, 0, 0, 255, 0])
    alphas = [255, 128, 0]
    rows = [bytes([min(x // 20, 2) for x in range(W)]) for _ in range(H)]
    expected = Image.new("RGB", (W, H))
    for x in range(W):
        index = min(x // 20, 2)
        colour = plte[3 * index:3 * index + 3]
        a = alphas[index] / 255
        shown = tuple(round(c * a + 255 * (1 - a)) for c in colour)
        for y in range(H):
            expected.putpixel((x, y), shown)
    return png(W, H, 3, 8, rows, plte=plte, trns=bytes(alphas)), expected


def grey_alpha() -> tuple[bytes, Image.Image]:
    image = Image.new("LA", (W, H), (40, 255))
    image.paste((40, 0), (0, 0, W // 2, H))  # left half fully transparent
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    expected = Image.new("RGB", (W, H), (40, 40, 40))
    expected.paste((255, 255, 255), (0, 0, W // 2, H))
    return buffer.getvalue(), expected


def cmyk_jpeg() -> tuple[bytes, Image.Image]:
    image = Image.new("CMYK", (W, H), (0, 200, 200, 0))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue(), Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def exif_rotated_jpeg() -> tuple[bytes, Image.Image]:
    """A 3:1 landscape stored sideways with EXIF orientation 6 (rotate 90° clockwise to show)."""
    stored = Image.new("RGB", (90, 30), (30, 60, 200))
    stored.paste((230, 200, 20), (0, 0, 30, 30))  # a yellow square at the stored left
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", quality=95, exif=exif)
    shown = ImageOps.exif_transpose(Image.open(io.BytesIO(buffer.getvalue())))
    assert shown.size == (30, 90)
    return buffer.getvalue(), shown.convert("RGB")


IMAGES: dict[str, tuple[str, Callable[[], tuple[bytes, Image.Image]]]] = {
    "grey16-key": ("png", grey16_with_key),
    "rgb-key": ("png", rgb_with_key),
    "palette-alpha": ("png", palette_alpha),
    "grey-alpha": ("png", grey_alpha),
    "cmyk": ("jpg", cmyk_jpeg),
    "exif6": ("jpg", exif_rotated_jpeg),
}


def difference(a: Image.Image, b: Image.Image) -> float:
    """The mean absolute difference of two RGB images, 0-255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b.resize(a.size))).mean) / 3


@pytest.mark.parametrize("name", IMAGES)
def test_flattening_matches_how_the_image_looks(tmp_path: Path, name: str):
    suffix, make = IMAGES[name]
    data, expected = make()
    path = tmp_path / f"{name}.{suffix}"
    path.write_bytes(data)
    with Image.open(path) as opened:
        flat = flatten(ImageOps.exif_transpose(opened))
    assert flat.mode in ("RGB", "CMYK")
    shown = flat.convert("RGB")
    assert shown.size == expected.size
    assert difference(shown, expected) < 2, name


def test_the_size_placed_is_the_size_shown(tmp_path: Path):
    data, _ = exif_rotated_jpeg()
    (tmp_path / "r.jpg").write_bytes(data)
    assert check_image(tmp_path / "r.jpg", "src") == (30, 90)  # stored 90 x 30, shown upright


def test_an_image_too_large_to_decode_is_explained(tmp_path: Path):
    side = int((MAX_DECODED_BYTES / decoded_bytes_per_pixel("RGBA")) ** 0.5) + 10
    assert side * side <= MAX_IMAGE_PIXELS  # under the pixel cap: only the memory estimate refuses it
    path = tmp_path / "huge.png"
    Image.new("RGBA", (side, 8)).save(path)  # only the header matters: make it claim a taller image
    data = bytearray(path.read_bytes())
    data[16:24] = struct.pack(">II", side, side)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF)
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as caught:
        check_image(path, "pages[0].frames[0].src")
    message = str(caught.value)
    assert "MB of memory once decoded" in message and "print size" in message and "bomb" not in message


def test_a_decompression_bomb_is_explained_in_the_users_words(tmp_path: Path):
    path = tmp_path / "bomb.png"
    path.write_bytes(png(30000, 30000, 0, 8, [b"\0" * 30000]))  # claims 900 megapixels
    with pytest.raises(InputError) as caught:
        check_image(path, "src")
    message = str(caught.value)
    assert "pixels" in message and "print size" in message
    assert "decompression bomb" not in message.lower() and "save it as PNG" not in message


RGB_CARD = """description = "one image, screen colours"
[page]
size = "A6"
bleed = 0
[output]
color = "rgb"
[[pages]]
[[pages.frames]]
block = "image"
at = [10, 10, 80, 80]
src = "SRC"
"""


@pytest.mark.slow
def test_built_pdfs_show_each_image_as_pillow_does(tmp_path: Path):
    """Build one page per image, render it with pdftoppm, and compare the image's place on the page with
    the image as Pillow shows it on white."""
    (tmp_path / "layouts").mkdir()
    names = list(IMAGES)
    for name in names:
        suffix, _ = IMAGES[name]
        (tmp_path / "layouts" / f"{name}.toml").write_text(RGB_CARD.replace("SRC", f"{name}.{suffix}"),
                                                           encoding="utf-8")
    toml = MINIMAL_TOML.replace('layouts = ["a4-flyer"]', f"layouts = {names!r}".replace("'", '"'))
    leaflet = write_leaflet(tmp_path / "leaflet", toml.replace('lang = "en"\nlayouts', 'lang = "en"\nlayouts'),
                            {"en": "# Hi\n\nText.\n"})
    expected = {}
    for name, (suffix, make) in IMAGES.items():
        data, expected[name] = make()
        (leaflet / f"{name}.{suffix}").write_bytes(data)
    report = build(leaflet, out_dir=tmp_path / "out")
    assert not report.failed, [r.error for r in report.failed]
    dpi = 100
    px = dpi / 72
    for name in names:
        pdf = next((tmp_path / "out" / "leaflet").glob(f"{name}.*.pdf"))
        run(need("pdftoppm"), "-r", str(dpi), "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / name))
        page = Image.open(next(tmp_path.glob(f"{name}-*.png"))).convert("RGB")
        w, h = expected[name].size
        scale = min(80 / w, 80 / h)
        left, top = 10 + (80 - w * scale) / 2, 10 + (80 - h * scale) / 2
        box = [round(v * MM * px) for v in (left, top, left + w * scale, top + h * scale)]
        inner = (box[0] + 2, box[1] + 2, box[2] - 2, box[3] - 2)  # away from the resampled edges
        crop = page.crop(inner)
        reference = expected[name].resize((box[2] - box[0], box[3] - box[1]), Image.Resampling.NEAREST).crop(
            (2, 2, box[2] - box[0] - 2, box[3] - box[1] - 2))
        assert difference(crop, reference) < 12, name


@pytest.mark.slow
def test_an_image_leaflet_gives_the_same_bytes_from_any_path(tmp_path: Path):
    """The same leaflet in two folders of different absolute paths: byte-identical PDFs."""
    outputs = []
    for where in ("a", "b/deeper/still"):
        root = tmp_path / where
        (root / "layouts").mkdir(parents=True)
        (root / "layouts" / "card.toml").write_text(RGB_CARD.replace("SRC", "photo.jpg"), encoding="utf-8")
        leaflet = write_leaflet(root / "leaflet", MINIMAL_TOML.replace('["a4-flyer"]', '["card"]'),
                                {"en": "# Hi\n\nText.\n"})
        (leaflet / "photo.jpg").write_bytes(exif_rotated_jpeg()[0])
        report = build(leaflet, out_dir=root / "out")
        assert not report.failed, [r.error for r in report.failed]
        outputs.append((root / "out" / "leaflet" / "card.en.pdf").read_bytes())
    assert outputs[0] == outputs[1]
