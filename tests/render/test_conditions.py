"""Output conditions by name: registered identifier, a matching embedded profile, Ghostscript, ink limits."""

from __future__ import annotations

import datetime
import hashlib
import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageCms

from conftest import SEED
from handbill.build import plan
from handbill.compose import compose
from handbill.conditions import CONDITIONS, condition
from handbill.errors import HandbillError, InputError
from handbill.load.layout import load_layout
from handbill.load.layout_print import with_condition
from handbill.model import Color, ComposedDocument, ComposedPage, FilledRect, PlacedImage, PrintSpec
from handbill.pipeline import Session
from handbill.preflight_pdf import pdf_problems
from handbill.render.convert import output_colors
from handbill.render.coverage import image_coverage, page_coverage
from handbill.render.draw import render_pdf
from handbill.render.images import hold_ink, to_cmyk
from handbill.render.outputs import job_outputs
from handbill.render.profiles import built_profile, characterization_data, fix_date, reference_profile

ROOT = Path(__file__).resolve().parents[2]
GS_DEFAULT = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
BUILT = [c.name for c in CONDITIONS.values() if c.data]
REFERENCE_DESCRIPTIONS = {  # as the registered profiles in Debian's icc-profiles 2.1-2 describe themselves
    "FOGRA39": "ISO Coated v2 (ECI)", "FOGRA51": "PSO Coated v3", "FOGRA52": "PSO Uncoated v3 (FOGRA52)",
    "GRACoL2013": "GRACoL2013_CRPC6.icc", "GRACoL2006": "GRACoL2006_Coated1v2", "SWOP": "SWOP2006_Coated3v2",
    "SWOP5": "SWOP2006_Coated5v2"}


def need_data(name: str) -> None:
    cond = condition(name)
    assert cond is not None
    if characterization_data(cond) is None or shutil.which("colprof") is None:
        pytest.skip(f"{name} needs icc-profiles-free and argyll (scripts/install-system-deps)")


def doc(spec: PrintSpec, *items, folder: Path | None = None) -> ComposedDocument:
    red = Color("red", "cmyk", (0, 1, 1, 0.1))
    return ComposedDocument(pages=(ComposedPage((FilledRect(0, 0, 100, 100, red), *items)),), width=100,
                            height=100, bleed=0, crop_marks=False, mark_offset=0, mark_length=10, title="t",
                            lang="en", subject="s", created=datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.UTC),
                            output=spec)


def intent(data: bytes) -> dict[str, object]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        oi = pdf.Root.OutputIntents[0]
        found: dict[str, object] = {k: str(v) for k, v in oi.items() if k not in ("/DestOutputProfile",
                                                                                   "/DestOutputProfileRef")}
        if "/DestOutputProfile" in oi:
            profile = oi.DestOutputProfile.read_bytes()
            found["profile"] = profile
            found["description"] = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(profile))).strip()
        if "/DestOutputProfileRef" in oi:
            found["ref"] = {k: v for k, v in oi.DestOutputProfileRef.items()}
        found["version"] = str(pdf.trailer.Info.GTS_PDFXVersion)
    return found


def ghostscript_cmyk(data: bytes, tmp: Path) -> tuple[Image.Image, str]:
    """The page rendered by Ghostscript to CMYK pixels (tiff32nc, 36 dpi), and what it printed."""
    gs = shutil.which("gs") or pytest.skip("Ghostscript is not installed")
    pdf, out = tmp / "in.pdf", tmp / "out.tif"
    pdf.write_bytes(data)
    run = subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", "-r36",
                          f"-sOutputFile={out}", str(pdf)], capture_output=True, text=True, check=True)
    return Image.open(out), run.stdout + run.stderr


def max_tac(image: Image.Image) -> float:
    raw = image.convert("CMYK").tobytes()
    return max(sum(raw[i:i + 4]) for i in range(0, len(raw), 4)) / 255 * 100


@pytest.mark.parametrize("name", [pytest.param(n, marks=[] if n == "FOGRA39" else [pytest.mark.slow])
                                  for n in BUILT])
def test_each_condition_gives_its_registered_identifier_and_a_matching_profile(name: str, tmp_path: Path):
    need_data(name)
    cond = condition(name)
    assert cond is not None
    photo = tmp_path / "photo.png"
    Image.new("RGB", (8, 8), (0, 0, 0)).save(photo)  # sRGB black: the darkest the profile makes
    image = PlacedImage(10, 10, 50, 50, photo, (8, 8))
    data = render_pdf(doc(PrintSpec(condition=name, ink_limit=cond.tac), image))
    found = intent(data)
    assert found["/OutputConditionIdentifier"] == cond.identifier
    assert found["/RegistryName"] == "http://www.color.org"
    reference = reference_profile(cond)
    if reference is None:
        assert str(found["description"]).startswith(f"{name} ({cond.identifier})")
    else:  # Debian's non-free icc-profiles is installed: the registered profile itself
        assert found["description"] == REFERENCE_DESCRIPTIONS[name]
    profile = found["profile"]
    assert isinstance(profile, bytes) and profile[12:20] == b"prtrCMYK"
    assert pdf_problems(data, 1, "PDF/X-4", cmyk=True) == []
    pixels, said = ghostscript_cmyk(data, tmp_path)
    assert said == "", f"Ghostscript printed: {said}"
    # the image converted within the condition's ink limit, 8-bit rounding included; a registered
    # reference profile's own table goes up to 0.5 % over (GRACoL2006 320.4 %, SWOP 300.4 % perceptual)
    assert max_tac(pixels) <= cond.tac + (0.5 if reference is not None else 0)


def test_a_built_profile_is_byte_identical_and_dated_fixed():
    need_data("FOGRA39")
    cond = condition("FOGRA39")
    assert cond is not None
    data, source = built_profile(cond)
    assert source.name == "FOGRA39L.ti3"
    assert fix_date(data) == data and data[24:30] == b"\x07\xd0\x00\x01\x00\x01"  # 2000-01-01
    assert fix_date(data[:24] + b"\x07\xea" + data[26:]) == data


def test_images_convert_to_the_chosen_condition():
    need_data("SWOP")
    need_data("FOGRA39")
    swop, fogra = condition("SWOP"), condition("FOGRA39")
    assert swop is not None and fogra is not None
    black = Image.new("RGB", (1, 1), (0, 0, 0))
    on_swop = to_cmyk(black, built_profile(swop)[0]).getpixel((0, 0))
    on_fogra = to_cmyk(black, built_profile(fogra)[0]).getpixel((0, 0))
    assert isinstance(on_swop, tuple) and isinstance(on_fogra, tuple)
    assert sum(on_swop) / 255 * 100 <= 300 < sum(on_fogra) / 255 * 100 <= 330


def test_a_condition_without_debian_data_asks_for_the_shops_profile(monkeypatch, tmp_path: Path):
    monkeypatch.setattr("handbill.render.profiles.CHARACTERIZATION_DIRS", (str(tmp_path),))  # no icc-profiles
    with pytest.raises(HandbillError, match="no profile for FOGRA51") as caught:
        render_pdf(doc(PrintSpec(condition="FOGRA51", ink_limit=300)))
    assert "PSOcoated_v3.icc" in (caught.value.hint or "") and "--non-free-profiles" in (caught.value.hint or "")


def test_an_installed_reference_profile_is_embedded_under_the_registered_identifier(monkeypatch, tmp_path: Path):
    if not GS_DEFAULT.is_file():
        pytest.skip("libgs-common is not installed")
    (tmp_path / "PSOcoated_v3.icc").write_bytes(GS_DEFAULT.read_bytes())  # a stand-in under the package's name
    monkeypatch.setattr("handbill.render.profiles.CHARACTERIZATION_DIRS", (str(tmp_path),))
    found = intent(render_pdf(doc(PrintSpec(condition="FOGRA51", ink_limit=300))))
    assert found["/OutputConditionIdentifier"] == "FOGRA51" and found["/RegistryName"] == "http://www.color.org"
    assert found["profile"] == GS_DEFAULT.read_bytes()


@pytest.mark.parametrize("name", list(REFERENCE_DESCRIPTIONS))
def test_the_packaged_reference_profiles_are_the_registered_ones(name: str, monkeypatch):
    """Against Debian's icc-profiles where installed (or unpacked: HANDBILL_TEST_REFERENCE_ICC names its
    /usr/share/color/icc): each condition embeds its registered profile, whose description names it."""
    import os

    folder = os.environ.get("HANDBILL_TEST_REFERENCE_ICC")
    if folder:
        monkeypatch.setattr("handbill.render.profiles.CHARACTERIZATION_DIRS", (folder,))
    cond = condition(name)
    assert cond is not None
    if reference_profile(cond) is None:
        pytest.skip("Debian's non-free icc-profiles is not installed (scripts/install-system-deps --non-free-profiles)")
    found = intent(render_pdf(doc(PrintSpec(condition=name, ink_limit=cond.tac))))
    assert found["/OutputConditionIdentifier"] == cond.identifier
    assert found["description"] == REFERENCE_DESCRIPTIONS[name]


def test_a_condition_with_the_users_profile_embeds_that_profile_under_the_registered_identifier():
    if not GS_DEFAULT.is_file():
        pytest.skip("libgs-common is not installed")
    data = render_pdf(doc(PrintSpec(condition="FOGRA52", icc_profile=GS_DEFAULT, ink_limit=300)))
    found = intent(data)
    assert found["/OutputConditionIdentifier"] == "FOGRA52" and found["/RegistryName"] == "http://www.color.org"
    assert found["profile"] == GS_DEFAULT.read_bytes()


def test_an_unregistered_profile_is_custom_without_a_registry():
    if not GS_DEFAULT.is_file():
        pytest.skip("libgs-common is not installed")
    found = intent(render_pdf(doc(PrintSpec())))
    assert found["/OutputConditionIdentifier"] == "Custom" and "/RegistryName" not in found
    assert found["description"] == "Artifex CMYK SWOP Profile"


def test_pdfx_4p_references_the_profile_with_its_md5():
    if not GS_DEFAULT.is_file():
        pytest.skip("libgs-common is not installed")
    data = render_pdf(doc(PrintSpec(pdfx="PDF/X-4p", condition="FOGRA51", icc_profile=GS_DEFAULT, ink_limit=300)))
    found = intent(data)
    assert "profile" not in found and found["version"] == "PDF/X-4p"
    ref = found["ref"]
    assert isinstance(ref, dict)
    assert bytes(ref["/CheckSum"]) == hashlib.md5(GS_DEFAULT.read_bytes()).digest()
    assert str(ref["/ProfileName"]) == "Artifex CMYK SWOP Profile" and str(ref["/ProfileCS"]) == "CMYK"
    assert [str(n) for n in ref["/ColorantTable"]] == ["/Cyan", "/Magenta", "/Yellow", "/Black"]
    assert pdf_problems(data, 1, "PDF/X-4p", cmyk=True) == []
    assert GS_DEFAULT.read_bytes() not in data


def test_layout_condition_key_and_command_line_override(tmp_path: Path):
    layout = tmp_path / "x.toml"
    base = (ROOT / "layouts" / "a6-card.toml").read_text(encoding="utf-8")
    layout.write_text(base.replace("[output]", "[output]\ncondition = \"fogra39\"", 1)
                      if "[output]" in base else base + "\n[output]\ncondition = \"fogra39\"\n", encoding="utf-8")
    loaded = load_layout(layout, [ROOT / "layouts"])
    assert loaded.output.condition == "FOGRA39" and loaded.output.ink_limit == 330
    swop = with_condition(loaded, "swop")
    assert swop.output.condition == "SWOP" and swop.output.ink_limit == 300
    kept = replace(loaded, output=replace(loaded.output, ink_limit=280, ink_limit_given=True))
    assert with_condition(kept, "GRACoL2013").output.ink_limit == 280
    with pytest.raises(InputError, match="unknown printing condition"):
        with_condition(loaded, "FOGRA99")
    layout.write_text(base + "\n[output]\ncondition = \"ISO-coated\"\n" if "[output]" not in base
                      else base.replace("[output]", "[output]\ncondition = \"ISO-coated\"", 1), encoding="utf-8")
    with pytest.raises(InputError, match="unknown printing condition 'ISO-coated'"):
        load_layout(layout, [ROOT / "layouts"])


@pytest.mark.parametrize("name", [pytest.param(n, marks=[] if n == "FOGRA39" else [pytest.mark.slow])
                                  for n in BUILT])
def test_the_seed_prints_silently_within_each_conditions_limit(name: str, tmp_path: Path):
    """The seed's A5 handbill (Persian: red field, black type, imposed) for each condition: the print file,
    the imposed sheet and the separations go through Ghostscript's tiffsep without a word, and the most
    ink on the page, measured on tiffsep's plates, stays within the condition's limit."""
    need_data(name)
    gs = shutil.which("gs") or pytest.skip("Ghostscript is not installed")
    cond = condition(name)
    assert cond is not None
    _, jobs, _ = plan(SEED, ["a5-handbill"], ["fa"], condition=name)
    job = jobs[0]
    assert job.layout.output.condition == name  # (the layout names its own ink limit: 300 %)
    document = compose(job, Session.for_leaflet(SEED).setter)
    outputs = job_outputs(document, job.filename, job.layout.imposition, separations=True)
    assert [n.split(".", 2)[-1] for n, _ in outputs] == ["pdf", "imposed.pdf", "separations.pdf"]
    for filename, data in outputs:
        pdf = tmp_path / filename
        pdf.write_bytes(data)
        run = subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", "-r36",
                              f"-sOutputFile={tmp_path}/{filename}.%d.tif", str(pdf)], capture_output=True, text=True)
        assert run.returncode == 0 and run.stdout == run.stderr == "", (filename, run.stdout, run.stderr)
    most = max(page.tac for page in page_coverage(outputs[0][1], document))
    assert 150 < most <= min(cond.tac, job.layout.output.ink_limit), most  # measured (the red field), within


def test_holding_ink_reduces_only_c_m_y_of_pixels_over_the_limit():
    pixels = [(c, m, y, k) for c in (0, 120, 255) for m in (0, 200, 255) for y in (0, 90, 255) for k in (0, 128, 255)]
    image = Image.new("CMYK", (len(pixels), 1))
    image.putdata(pixels)
    cap = int(300 * 255 / 100)
    held = hold_ink(image, 300)
    for before, after in zip(pixels, [held.getpixel((i, 0)) for i in range(held.width)], strict=True):
        assert sum(after) <= cap and after[3] == before[3]
        assert all(a <= b for a, b in zip(after[:3], before[:3], strict=True))
        if sum(before) <= cap:
            assert after == before
        else:
            assert sum(after) >= cap - 3  # no more taken than the ceiling shares round to
    within = Image.new("CMYK", (2, 1), (10, 20, 30, 40))
    assert hold_ink(within, 300) is within


def test_a_profile_that_puts_down_more_than_its_condition_allows_is_held_to_the_limit(monkeypatch, tmp_path: Path):
    """A reference profile under the SWOP name that reaches 329 % (FOGRA39's, a stand-in): its photos and
    its RGB colours are held to SWOP's 300 %, in the file and in check's measurement alike."""
    need_data("FOGRA39")
    fogra = condition("FOGRA39")
    assert fogra is not None
    (tmp_path / "SWOP2006_Coated3v2.icc").write_bytes(built_profile(fogra)[0])
    monkeypatch.setattr("handbill.render.profiles.CHARACTERIZATION_DIRS", (str(tmp_path),))
    photo = tmp_path / "photo.png"
    Image.new("RGB", (8, 8), (0, 0, 0)).save(photo)
    image = PlacedImage(10, 10, 50, 50, photo, (8, 8))
    unheld = to_cmyk(Image.new("RGB", (1, 1)), built_profile(fogra)[0]).getpixel((0, 0))
    assert isinstance(unheld, tuple) and sum(unheld) / 255 * 100 > 320
    rich = Color("rich", "rgb", (0, 0, 0), k_only=False)
    data = render_pdf(output_colors(doc(PrintSpec(condition="SWOP", ink_limit=300), image,
                                        FilledRect(60, 60, 30, 30, rich)), built_profile(fogra)[0]))
    pixels, said = ghostscript_cmyk(data, tmp_path)
    assert said == "" and 290 < max_tac(pixels) <= 300
    assert image_coverage(image, built_profile(fogra)[0], 300) <= 300


def test_svg_logo_colours_are_held_to_the_limit_like_photos():
    from reportlab.lib.colors import Color as LogoColor

    from handbill.render.vector import process_cmyk

    need_data("FOGRA39")
    fogra = condition("FOGRA39")
    assert fogra is not None
    profile = built_profile(fogra)[0]  # reaches ~300 % for a near-black that is not grey
    near_black = LogoColor(0, 0, 1 / 255)
    free = sum(process_cmyk(near_black, profile)) * 100
    held = sum(process_cmyk(near_black, profile, 250)) * 100
    assert free > 250 >= held > 240, (free, held)
