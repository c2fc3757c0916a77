"""Tests for handbill.text.optical: a paragraph set at its optical scale draws its script's body letters
as tall as the catalog's Latin face draws its x-height at the style's size.

The heights here are measured independently of fonts/optical.py: the letters' outlines are drawn with
fontTools' bounds pen from the face's file, at the size the paragraph is set."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from handbill.fonts.catalog import load_catalog
from handbill.fonts.face import FontFace
from handbill.text.optical import main_face, optical_height, optical_scale
from handbill.text.paragraph import ParagraphSpec, Span, TextStyle, Typesetter

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "tests" / "fixtures" / "scripts"
SIZE = 40.0

# (language of the 49-language fixture, script, the letters judged, whether measured foot to top)
MEASURES = [
    ("te", "Telu", "అఒజణబల", False),  # round bodies; the talakattu tick sits above them
    ("kn", "Knda", "ಅಉಒಜಣಬಲ", False),
    ("or", "Orya", "କନମପବଗଲ", False),  # to the top of the rounded head
    ("si", "Sinh", "කගතනපසහ", False),
    ("km", "Khmr", "កគនបមសហ", False),
    ("my", "Mymr", "ကဂငစတပမဝ", False),
    ("bo", "Tibt", "ངཔབམསཡལ", True),  # hanging letters: foot to headline
    ("am", "Ethi", "ሀለመተነአወገ", False),  # syllable bodies
    ("ti", "Ethi", "ሀለመተነአወገ", False),
    ("hy", "Armn", "աոսւռ", False),
    ("ka", "Geor", "აოვე", False),
    ("ar", "Arab", "سصهموعحدى", False),
]


@pytest.fixture(scope="module")
def setter() -> Typesetter:
    return Typesetter(load_catalog(ROOT / "fonts" / "catalog.toml"))


def first_paragraph(lang: str) -> str:
    """The first body paragraph of the fixture's statement in a language (a real sentence, not letters)."""
    text = (SCRIPTS / f"statement.{lang}.md").read_text("utf-8")
    return next(block for block in text.split("\n\n") if block.strip() and not block.startswith(("#", "-")))


def outline_heights(face: FontFace, letters: str, foot_to_top: bool) -> list[float]:
    """Each letter's top (or ink height) in em, from its outline drawn by fontTools."""
    font = TTFont(str(face.path), fontNumber=face.index)
    glyphs, cmap, upm = font.getGlyphSet(), font.getBestCmap(), font["head"].unitsPerEm
    heights = []
    for char in letters:
        pen = BoundsPen(glyphs)
        glyphs[cmap[ord(char)]].draw(pen)
        assert pen.bounds is not None
        heights.append((pen.bounds[3] - (pen.bounds[1] if foot_to_top else 0)) / upm)
    return sorted(heights)


def median(values: list[float]) -> float:
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


@pytest.mark.parametrize(("lang", "script", "letters", "foot_to_top"), MEASURES, ids=[m[0] for m in MEASURES])
def test_the_scripts_letters_come_out_at_latin_x_height(setter, lang, script, letters, foot_to_top):
    spec = ParagraphSpec((Span(first_paragraph(lang)),), lang, TextStyle(SIZE, bold=True), "start")
    shaped = setter._prepare(spec)
    main = main_face(shaped)
    assert main is not None and main[1] == script
    latin = setter.catalog.chain("Latn", "bold")[0]
    latin_x = SIZE * median(outline_heights(latin, "xzvwu", False))
    scale = optical_scale(setter.catalog, shaped, True, False)
    drawn = SIZE * scale * median(outline_heights(main[0], letters, foot_to_top))
    assert drawn == pytest.approx(latin_x, rel=0.01)
    assert scale != 1.0  # measured, not left at the face's design size
    assert optical_height(setter.catalog, shaped, SIZE * scale, True, False) == pytest.approx(latin_x, rel=0.01)
