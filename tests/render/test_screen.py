"""Screen layouts (posts, stories): exact pixel sizes, sRGB, the web PDF, alt text, --format, PDF/UA-1."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from conftest import SEED
from handbill.build import build
from handbill.cli import main
from handbill.errors import InputError
from handbill.load import load_layout, load_leaflet
from handbill.model import ScreenOptions
from handbill.render.pdfx import DEFAULT_PROFILES
from handbill.render.srgb import cmyk_to_srgb
from pdfcheck import fonts, need, ocr_scorer, read_large_image_type, run, struct_elements

ROOT = Path(__file__).resolve().parent.parent.parent
SCREENS = {"square-post": (1080, 1080), "portrait-post": (1080, 1350), "story": (1080, 1920)}
PRINT_AND_SCREEN = '["a3-poster", "square-post", "portrait-post", "story"]'


def leaflet_with_screens(tmp_path: Path) -> Path:
    """The seed leaflet listing print and screen layouts, for one batch of both."""
    folder = tmp_path / "victory"
    folder.mkdir()
    toml = (SEED / "leaflet.toml").read_text(encoding="utf-8")
    (folder / "leaflet.toml").write_text(toml.replace('["a4-flyer", "a3-poster"]', PRINT_AND_SCREEN), "utf-8")
    shutil.copy(SEED / "statement.en.md", folder)
    return folder


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("screens")
    report = build(leaflet_with_screens(tmp), langs=["en", "ar", "fa", "el"], out_dir=tmp / "out", workers=2)
    assert not report.failed, [r.error for r in report.failed]
    return tmp / "out" / "victory"


def test_screen_layout_is_measured_in_pixels():
    layout = load_layout(ROOT / "layouts" / "portrait-post.toml", [ROOT / "layouts"])
    assert layout.screen is not None and layout.screen.pixels == (1080, 1350)
    assert (round(layout.width, 3), round(layout.height, 3)) == (810, 1012.5)  # 0.75 pt per pixel
    assert layout.bleed == 0 and not layout.crop_marks
    assert layout.output.color == "rgb" and not layout.output.pdfx
    assert layout.styles["hero"].base.size == pytest.approx(90 * 0.75)


def test_one_batch_writes_print_and_screen_files(screens: Path):
    names = sorted(p.name for p in screens.iterdir())
    for lang in ("en", "ar", "fa", "el"):
        assert f"a3-poster.{lang}.pdf" in names
        for layout in SCREENS:
            for suffix in ("pdf", "png", "jpg", "alt.txt"):
                assert f"{layout}.{lang}.{suffix}" in names


@pytest.mark.parametrize("layout", SCREENS)
def test_images_have_the_exact_size_in_srgb(screens: Path, layout: str):
    for suffix, fmt in (("png", "PNG"), ("jpg", "JPEG")):
        with Image.open(screens / f"{layout}.ar.{suffix}") as image:
            assert image.format == fmt and image.mode == "RGB"
            assert image.size == SCREENS[layout]
            profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
            assert "sRGB" in ImageCms.getProfileDescription(profile)
            assert profile.profile.xcolor_space.strip() == "RGB"


def test_cmyk_colours_go_through_the_output_profile(screens: Path):
    profile = next(p for p in DEFAULT_PROFILES if p.is_file())
    red = tuple(round(v * 255) for v in cmyk_to_srgb((0, 1, 1, 0.1), profile))
    with Image.open(screens / "square-post.en.png") as image:
        corner = image.getpixel((4, 4))
    assert all(abs(a - b) <= 2 for a, b in zip(corner, red, strict=True)), (corner, red)
    assert corner != (230, 0, 0)  # the naive formula's red


def test_web_pdf_has_no_bleed_or_marks_and_is_tagged(screens: Path):
    path = screens / "square-post.ar.pdf"
    info = run(need("pdfinfo"), "-box", str(path))
    assert "Page size:       810 x 810 pts" in info and "Tagged:          yes" in info
    data = path.read_bytes()
    assert b"/Separation" not in data and b"/OutputIntents" not in data  # no marks, not PDF/X
    assert all(row["emb"] == "yes" for row in fonts(path))
    assert run(need("qpdf"), "--check", str(path)).count("No syntax or stream encoding errors") == 1
    kinds = [(e["S"], e["Lang"]) for e in struct_elements(path)]
    assert kinds[:3] == [("Document", ""), ("P", ""), ("H1", "en")]  # the Arabic slogan, the English headline


def test_alt_text_is_the_image_text_in_reading_order(screens: Path):
    leaflet = load_leaflet(SEED)
    alt = (screens / "story.fa.alt.txt").read_text(encoding="utf-8").splitlines()
    assert alt == [leaflet.slogan("fa").text, leaflet.statements["en"].headline.text, leaflet.organisation,
                   leaflet.place_date]


def test_same_sources_same_image_bytes(tmp_path: Path):
    folder = leaflet_with_screens(tmp_path)
    outs = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        assert not build(folder, ["square-post"], ["el"], out_dir=out).failed
        outs.append({p.name: p.read_bytes() for p in (out / "victory").iterdir()})
    assert outs[0] == outs[1] and len(outs[0]) == 4


def test_format_chooses_the_files(tmp_path: Path, capsys):
    folder = leaflet_with_screens(tmp_path)
    out = tmp_path / "out"
    assert main(["-q", "build", str(folder), "--layout", "story", "--layout", "a3-poster", "--lang", "en",
                 "--format", "png,jpg", "--out", str(out)]) == 0
    assert sorted(p.name for p in (out / "victory").iterdir()) == ["a3-poster.en.pdf", "story.en.jpg",
                                                                  "story.en.png"]
    with pytest.raises(SystemExit) as exit_info:
        main(["build", str(folder), "--format", "png,gif"])
    assert exit_info.value.code == 2
    assert "unknown format gif" in capsys.readouterr().err


def test_pdf_ua_identification(tmp_path: Path):
    folder = leaflet_with_screens(tmp_path)
    out = tmp_path / "out"
    report = build(folder, ["square-post"], ["ar"], out_dir=out, screen=ScreenOptions(("pdf",), pdfua=True))
    assert not report.failed
    path = out / "victory" / "square-post.ar.pdf"
    content = subprocess.run([need("qpdf"), "--qdf", "--object-streams=disable", str(path), "-"],
                             capture_output=True, check=True).stdout.decode("latin-1")
    assert "<pdfuaid:part>1</pdfuaid:part>" in content
    assert "/DisplayDocTitle true" in content and "/MarkInfo" in content and "/Lang (ar)" in content
    checker = str(Path(sys.executable).parent / "pdfua")
    if not Path(checker).exists():
        pytest.skip("the pdfua checker (PyPI pdfua, in the test extras) is not installed")
    result = subprocess.run([checker, "check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and "errors=0 warnings=0" in result.stdout, result.stdout


@pytest.mark.parametrize(("key", "value"), [("bleed", "3"), ("crop_marks", "true"), ("size", '"A4"')])
def test_screen_layout_refuses_print_settings(tmp_path: Path, key: str, value: str):
    text = (ROOT / "layouts" / "square-post.toml").read_text(encoding="utf-8")
    (tmp_path / "bad.toml").write_text(text.replace('[page]\n', f'[page]\n{key} = {value}\n'), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_layout(tmp_path / "bad.toml", [ROOT / "layouts"])
    assert error.value.field == f"page.{key}"


PACKS = {"en": "eng", "ar": "ara", "fa": "fas", "el": "ell"}


@pytest.mark.slow
@pytest.mark.parametrize("layout", SCREENS)
def test_ocr_reads_the_slogans(screens: Path, layout: str, tmp_path: Path):
    """Tesseract reads each image's slogan within the posters' limit (0.05)."""
    scorer = ocr_scorer()
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    leaflet = load_leaflet(SEED)
    for lang, pack in PACKS.items():
        if pack not in listed:
            continue
        # the hero cut out and scaled to letters that suit Tesseract (pdfcheck.read_large_image_type)
        text, _ = read_large_image_type(scorer, screens / f"{layout}.{lang}.png", screens / f"{layout}.{lang}.pdf",
                                        lang, tmp_path)
        slogan = scorer.normalise(leaflet.slogan(lang).text)
        cer = scorer.substring_distance(slogan, text) / len(slogan)
        assert cer <= 0.05, (lang, cer, text)


def test_preview_shows_the_web_pdf_of_a_screen_layout(tmp_path: Path):
    assert main(["preview", str(SEED), "--layout", "square-post", "--lang", "en", "--out", str(tmp_path),
                 "--dpi", "24", "--jobs", "1"]) == 0
    assert [p.name for p in (tmp_path / SEED.name / "preview").glob("*.png")] == ["square-post.en-1.png"]
