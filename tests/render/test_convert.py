"""RGB and Lab layout colours converted to the chosen condition's CMYK through its profile."""

from __future__ import annotations

import datetime
import io
import shutil
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageCms

from handbill.conditions import condition
from handbill.errors import InputError
from handbill.load.layout import load_layout
from handbill.model import Color, ComposedDocument, ComposedPage, FilledRect, PrintSpec
from handbill.preflight_pdf import pdf_problems
from handbill.render.convert import output_colors, to_output
from handbill.render.outputs import job_outputs
from handbill.render.overprint import pure_black
from handbill.render.profiles import built_profile, characterization_data

ROOT = Path(__file__).resolve().parents[2]


def profile(name: str) -> bytes:
    cond = condition(name)
    assert cond is not None
    if characterization_data(cond) is None or shutil.which("colprof") is None:
        pytest.skip(f"{name} needs icc-profiles-free and argyll (scripts/install-system-deps)")
    return built_profile(cond)[0]


def lab_of(cmyk: tuple[float, ...], data: bytes) -> tuple[float, float, float]:
    """Where the press puts a CMYK colour, in Lab (media-relative), read back through the profile."""
    transform = ImageCms.buildTransform(ImageCms.ImageCmsProfile(io.BytesIO(data)), ImageCms.createProfile("LAB"),
                                        "CMYK", "LAB", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    pixel = Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in cmyk))
    converted = ImageCms.applyTransform(pixel, transform)
    assert converted is not None
    lightness, a, b = converted.getpixel((0, 0))  # type: ignore[misc]
    return lightness * 100 / 255, a - 128, b - 128


@pytest.mark.parametrize("given", [Color("black", "rgb", (0, 0, 0)), Color("black", "lab", (0.0, 0.0, 0.0))])
def test_black_stays_pure_k_and_overprints(given: Color):
    converted = to_output(given, profile("FOGRA39"))
    assert converted.space == "cmyk" and converted.values == (0, 0, 0, 1)
    assert pure_black(converted)  # so small text in it overprints (render/overprint.py)


def test_a_rich_black_only_when_the_layout_asks_and_within_the_limit():
    for name in ("FOGRA39", "SWOP"):
        cond = condition(name)
        assert cond is not None
        rich = to_output(Color("rich", "rgb", (0, 0, 0), k_only=False), profile(name))
        c, m, y, k = rich.values
        assert min(c, m, y) > 0.4 and k > 0.9
        assert rich.total_ink <= cond.tac


def test_greys_go_to_k_only_darker_with_more_k():
    data = profile("FOGRA39")
    ks = [to_output(Color("g", "rgb", (v / 255,) * 3), data).values for v in (255, 192, 128, 64, 0)]
    assert all(v[:3] == (0, 0, 0) for v in ks)
    assert [v[3] for v in ks] == sorted(v[3] for v in ks) and ks[0][3] == 0 and ks[-1][3] == 1
    grey = to_output(Color("g", "lab", (60.0, 0.0, 0.0)), data)
    assert grey.values[:3] == (0, 0, 0) and abs(lab_of(grey.values, data)[0] - 60) < 8  # black point scaled


def test_an_in_gamut_lab_colour_prints_where_it_was_asked_for():
    data = profile("FOGRA39")
    for target in ((60.0, 20.0, 30.0), (45.0, -30.0, -20.0), (70.0, -10.0, 50.0)):
        cmyk = to_output(Color("c", "lab", target), data).values
        lightness, a, b = lab_of(cmyk, data)
        assert ((lightness - target[0]) ** 2 + (a - target[1]) ** 2 + (b - target[2]) ** 2) ** 0.5 < 4, (target, cmyk)


def test_the_same_colour_differs_by_condition():
    red = Color("red", "rgb", (0xE3 / 255, 0x06 / 255, 0x13 / 255))
    fogra, swop5 = to_output(red, profile("FOGRA39")), to_output(red, profile("SWOP5"))
    assert fogra.values != swop5.values
    assert fogra.source == swop5.source == "RGB #E30613"
    assert to_output(red, profile("FOGRA39")) == fogra  # deterministic


def doc(spec: PrintSpec, *colors: Color) -> ComposedDocument:
    items = tuple(FilledRect(20 * i, 0, 20, 100, c) for i, c in enumerate(colors))
    return ComposedDocument(pages=(ComposedPage(items),), width=100, height=100, bleed=0, crop_marks=False,
                            mark_offset=0, mark_length=10, title="t", lang="en", subject="s",
                            created=datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.UTC), output=spec)


def test_a_print_file_with_rgb_and_lab_colours_holds_only_cmyk():
    profile("FOGRA39")
    colors = (Color("red", "rgb", (0.9, 0.1, 0.1)), Color("blue", "lab", (40.0, 10.0, -50.0)),
              Color("ink", "cmyk", (0, 0, 0, 1)))
    document = doc(PrintSpec(condition="FOGRA39", ink_limit=330), *colors)
    [(_, data)] = job_outputs(document, "x.pdf")
    assert pdf_problems(data, 1, "PDF/X-4", cmyk=True) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        content = pdf.pages[0].Contents.read_bytes().decode("latin-1")
    assert " rg" not in content and " k" in content
    converted = output_colors(document, profile("FOGRA39"))
    rects = converted.pages[0].items
    assert [r.color.space for r in rects] == ["cmyk", "cmyk", "cmyk"]  # type: ignore[union-attr]
    assert rects[2] is document.pages[0].items[2]  # CMYK untouched
    assert output_colors(converted, profile("FOGRA39")) is converted


def test_a_lab_colour_on_a_screen_becomes_srgb_and_rgb_stays():
    rgb = Color("r", "rgb", (0.2, 0.4, 0.6))
    document = output_colors(doc(PrintSpec(pdfx="", color="rgb"), Color("l", "lab", (50.0, 0.0, 0.0)), rgb), None)
    first, second = (item.color for item in document.pages[0].items)  # type: ignore[union-attr]
    assert first.space == "rgb" and abs(first.values[0] * 255 - 119) <= 2 and first.source == "Lab 50/0/0"
    assert second is rgb


LAYOUT = (ROOT / "layouts" / "a6-card.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("colors", "message"), [
    ('x = { lab = [50, 0] }', "expected [L, a, b]"),
    ('x = { lab = [120, 0, 0] }', "expected [L, a, b]"),
    ('x = { cmyk = [0, 0, 0, 100], k_only = false }', "only an RGB or Lab colour"),
    ('x = { rgb = "#000000", lab = [0, 0, 0] }', "given once"),
    ('x = { rgb = "#000000", k_only = "no" }', "expected"),
])
def test_bad_colour_entries_name_the_key(tmp_path: Path, colors: str, message: str):
    layout = tmp_path / "x.toml"
    text = LAYOUT.replace("[colors]", "[colors]\n" + colors, 1) if "[colors]" in LAYOUT \
        else LAYOUT + "\n[colors]\n" + colors + "\n"
    layout.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("[", r"\[")) as caught:
        load_layout(layout, [ROOT / "layouts"])
    assert "colors.x" in str(caught.value.field)


def test_rgb_and_lab_load_in_a_print_layout(tmp_path: Path):
    layout = tmp_path / "x.toml"
    colors = 'x = { rgb = "#E30613" }\ny = { lab = [48, 74, 55], k_only = false }'
    text = LAYOUT.replace("[colors]", "[colors]\n" + colors, 1) if "[colors]" in LAYOUT \
        else LAYOUT + "\n[colors]\n" + colors + "\n"
    layout.write_text(text, encoding="utf-8")
    loaded = load_layout(layout, [ROOT / "layouts"])
    assert loaded.output.color == "cmyk"
    assert loaded.colors["y"] == Color("y", "lab", (48.0, 74.0, 55.0), k_only=False)
    assert loaded.colors["x"].space == "rgb" and loaded.colors["x"].k_only
