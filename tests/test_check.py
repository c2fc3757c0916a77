"""``handbill check`` finds what would make a print fail, each in its own small leaflet, and passes a clean one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from conftest import MINIMAL_TOML, write_leaflet
from handbill.check import embedding_bits, run_check
from handbill.findings import CheckReport

CARD = """description = "test card: a slogan, an image and a QR code on A6"
versions = "slogans"
[page]
size = "A6"
bleed = 3
crop_marks = true
[colors]
ink = { cmyk = [0, 0, 0, 100] }
[styles.hero]
size = 14
weight = "bold"
color = "ink"
[[pages]]
[[pages.frames]]
block = "hero"
at = [10, 10, 85, 40]
[[pages.frames]]
block = "image"
at = [10, 60, 40, 40]
src = "photo.png"
[[pages.frames]]
block = "qr"
at = [55, 60, 40, 40]
"""

LEAFLET = MINIMAL_TOML.replace('layouts = ["a4-flyer"]', 'layouts = ["card"]\nurl = "https://example.org/may-day"')


def project(tmp_path: Path, card: str = CARD, toml: str = LEAFLET, image_px: int = 600,
            statement: str | None = None) -> Path:
    """A leaflet beside a layouts/ folder holding the card layout, with a photo of image_px square."""
    (tmp_path / "layouts").mkdir(exist_ok=True)
    (tmp_path / "layouts" / "card.toml").write_text(card, encoding="utf-8")
    leaflet = write_leaflet(tmp_path / "leaflet", toml, {"en": statement} if statement else None)
    Image.new("RGB", (image_px, image_px), (200, 30, 40)).save(leaflet / "photo.png")
    return leaflet


def topics(report: CheckReport, severity: str) -> list[str]:
    return [f.topic for f in report.findings if f.severity == severity]


def test_clean_leaflet_is_clean(tmp_path):
    report = run_check(project(tmp_path))
    assert report.clean, report.to_text()
    assert report.exit_code() == 0
    [job] = report.jobs
    assert job.label == "card.en" and job.pdfx == "PDF/X-4"
    assert job.inks == ["Cyan", "Magenta", "Yellow", "Black"]  # the photo is process colour
    assert "clean" in report.to_text().splitlines()[-1]


def test_missing_glyph_is_an_error(tmp_path):
    toml = LEAFLET.replace("Bread and roses", "Bread \U00010FB0 roses")
    report = run_check(project(tmp_path, toml=toml))
    assert topics(report, "error") == ["fonts"]
    assert "U+10FB0" in report.to_text()
    assert report.exit_code() == 1


def test_overflow_is_an_error(tmp_path):
    long = "# Headline\n\n" + "\n\n".join(["Workers of the world, unite against the war. " * 12] * 60)
    toml = MINIMAL_TOML  # the A4 flyer
    report = run_check(project(tmp_path, toml=toml, statement=long))
    assert "overflow" in topics(report, "error")
    assert "does not fit" in report.to_text()
    assert report.exit_code() == 1


def test_rgb_and_lab_colours_in_a_cmyk_layout_are_converted_and_reported(tmp_path):
    colors = 'ink = { rgb = "#202020" }\nred = { lab = [48, 74, 55] }\nrich = { rgb = "#000000", k_only = false }'
    card = CARD.replace('ink = { cmyk = [0, 0, 0, 100] }', colors)
    card += '[[pages.frames]]\nblock = "rect"\nat = [0, 120, 20, 20]\nfill = "rich"\n'
    card += '[[pages.frames]]\nblock = "rect"\nat = [20, 120, 20, 20]\nfill = "red"\n'
    card += '[output]\ncondition = "FOGRA39"\n'
    report = run_check(project(tmp_path, card=card))
    assert report.exit_code() == 0, report.to_text()
    notes = {f.where.rsplit("colors.", 1)[-1]: f.message for f in report.findings
             if f.severity == "note" and f.topic == "colours"}
    assert "RGB #202020 converted to CMYK 0/0/0/" in notes["ink"]  # a neutral grey stays in K only
    assert "FOGRA39" in notes["ink"]
    red = [int(v) for v in notes["red"].split("Lab 48/74/55 converted to CMYK ")[1].split(" ")[0].split("/")]
    assert red[0] <= 5 and red[1] >= 90 and red[2] >= 70, notes["red"]  # a red: the built or registered profile's
    assert report.jobs[0].profile.startswith("FOGRA39 (FOGRA39)") or report.jobs[0].profile == "ISO Coated v2 (ECI)"
    assert f"profile: {report.jobs[0].profile}" in report.to_text()
    rich = notes["rich"].split("CMYK ")[1].split(" ")[0].split("/")
    assert all(int(v) > 40 for v in rich), notes["rich"]  # k_only = false: the profile's rich black


def test_rgb_is_fine_for_screen_output(tmp_path):
    card = CARD.replace('ink = { cmyk = [0, 0, 0, 100] }', 'ink = { rgb = "#202020" }') + '[output]\ncolor = "rgb"\n'
    report = run_check(project(tmp_path, card=card))
    assert report.exit_code() == 0, report.to_text()
    assert report.jobs[0].pdfx == ""


def test_low_resolution_image_is_a_warning(tmp_path):
    report = run_check(project(tmp_path, image_px=100))  # 100 px over 40 mm: 63 dpi
    [finding] = [f for f in report.findings if f.severity == "warning"]
    assert finding.topic == "images"
    assert "photo.png: 63 dpi" in finding.message and "under 300 dpi" in finding.message
    assert "472 x 472" in finding.hint  # pixels needed at 300 dpi for 40 mm
    assert report.exit_code() == 0
    assert run_check(project(tmp_path, image_px=100), strict=True).exit_code() == 1


def test_text_inside_the_safe_margin_is_a_warning(tmp_path):
    card = CARD.replace("at = [10, 10, 85, 40]", "at = [2, 10, 101, 40]")
    report = run_check(project(tmp_path, card=card))
    margins = [f for f in report.findings if f.topic == "margins"]
    assert margins and all(f.severity == "warning" for f in margins), report.to_text()
    assert "inside the 5 mm safe margin" in margins[0].message
    assert "Bread and roses" in margins[0].message


def test_rich_black_small_text_and_ink_limit(tmp_path):
    card = CARD.replace("ink = { cmyk = [0, 0, 0, 100] }", "ink = { cmyk = [80, 70, 70, 100] }")
    report = run_check(project(tmp_path, card=card))
    messages = [f.message for f in report.findings if f.topic == "colours"]
    assert any("320 % ink, above the 300 % limit" in m for m in messages), messages
    assert any("rich black" in m for m in messages), messages


def test_json_report(tmp_path):
    report = run_check(project(tmp_path, image_px=100))
    data = json.loads(report.to_json())
    assert data["exit_code"] == 0 and data["counts"]["warning"] == 1
    assert data["jobs"][0]["fonts"] and data["findings"][0]["topic"] == "images"


def test_missing_translation_is_a_note(tmp_path):
    toml = LEAFLET + '[[slogans]]\nlang = "tr"\ntext = "Ekmek ve güller"\n'
    toml = toml.replace('layouts = ["card"]', 'layouts = ["card", "a4-flyer"]')
    report = run_check(project(tmp_path, toml=toml, statement="# Hi\n\nText.\n"))
    notes = [f for f in report.findings if f.topic == "translations"]
    assert [f.job for f in notes] == ["a4-flyer.tr"] and notes[0].severity == "note"
    assert "statement.tr.md" in notes[0].message


@pytest.mark.parametrize(("bits", "restricted"), [(0x0000, False), (0x0002, True), (0x0008, False)])
def test_embedding_bits_read_the_os2_table(bits, restricted):
    import io

    from fontTools.fontBuilder import FontBuilder

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef"])
    builder.setupCharacterMap({})
    builder.setupGlyf({".notdef": _empty_glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0)})
    builder.setupHorizontalHeader()
    builder.setupOS2(fsType=bits)
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    value = embedding_bits(out.getvalue())
    assert value == bits
    assert bool(value & 0x0002) == restricted


def _empty_glyph():
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    return TTGlyphPen(None).glyph()


def _json_of(capsys, *args: str) -> tuple[int, dict]:
    import json

    from handbill.cli import main

    status = main(["check", *args, "--json"])
    return status, json.loads(capsys.readouterr().out)


def test_check_json_prints_json_when_the_leaflet_cannot_load(tmp_path, capsys):
    leaflet = project(tmp_path, toml=LEAFLET + "count = " + "9" * 5000 + "\n")
    status, data = _json_of(capsys, str(leaflet))
    assert status == 1 and data["counts"]["error"] == 1
    assert "thousands of digits" in data["findings"][0]["message"]
    status, data = _json_of(capsys, str(tmp_path / "nowhere"))
    assert status == 1 and "not found" in data["findings"][0]["message"]


def test_check_json_prints_json_when_the_font_catalog_is_broken(tmp_path, capsys):
    leaflet = project(tmp_path)
    (leaflet / "fonts").mkdir()
    (leaflet / "fonts" / "catalog.toml").write_text("[families\n", encoding="utf-8")
    status, data = _json_of(capsys, str(leaflet))
    assert status == 1 and any("catalog.toml" in f["where"] for f in data["findings"]), data
