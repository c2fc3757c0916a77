"""Every character of a version that no font has, in one message with its file and line
(compose/glyphs.py), and a hint that helps (fonts/catalog.py's suggestion)."""

from __future__ import annotations

from pathlib import Path

import pytest

import handbill
from conftest import MINIMAL_TOML, ROOT, write_leaflet
from handbill.check import run_check
from handbill.errors import MissingGlyphError
from handbill.fonts.catalog import EMOJI_HINT, is_emoji, load_catalog

# Chorasmian (Unicode 13): no Debian font has it, so no font on a test machine either
STATEMENT = "# Hi\n\nThe sign \U00010FB0 is old.\n\nAnd \U00010FB1 and \U00010FB0 too.\n"


def _version(folder: Path, slogan: str = "Bread and roses") -> handbill.Version:
    toml = MINIMAL_TOML.replace('text = "Bread and roses"', f'text = "{slogan}"')
    leaflet = handbill.load_leaflet(write_leaflet(folder, toml, {"en": STATEMENT}))
    return next(v for v in handbill.versions(leaflet).versions if v.label == "a4-flyer.en")


def test_every_missing_character_in_one_error_with_its_file_and_line(tmp_path):
    with pytest.raises(MissingGlyphError) as caught:
        handbill.render_pdf(_version(tmp_path / "l"))
    error = caught.value
    assert error.file == tmp_path / "l" / "statement.en.md" and error.line == 3
    assert error.chars == ("\U00010FB0", "\U00010FB1")  # each once, in order
    assert "2 characters in the 'en' statement have no glyph in any font" in error.message
    assert "line 3: U+10FB0 CHORASMIAN LETTER ALEPH; line 5: U+10FB1 CHORASMIAN LETTER SMALL ALEPH" in error.message
    assert str(error).startswith(f"{tmp_path / 'l' / 'statement.en.md'}:3: ")


def test_a_slogan_and_the_statement_are_listed_each_where_it_is(tmp_path):
    with pytest.raises(MissingGlyphError) as caught:
        handbill.render_pdf(_version(tmp_path / "l", slogan="Bread \U00010FB2 roses"))
    error = caught.value
    assert len(error.chars) == 3 and error.line == 3
    assert "3 characters in the 'en' version" in error.message
    assert "line 3: U+10FB0" in error.message and "line 5: U+10FB1" in error.message
    assert "leaflet.toml slogans[1].text: U+10FB2 CHORASMIAN LETTER BETH" in error.message


def test_check_reports_it_once_per_version_with_file_and_line(tmp_path):
    _version(tmp_path / "l")
    report = run_check(tmp_path / "l")
    [error] = [f for f in report.findings if f.severity == "error"]
    assert error.topic == "fonts" and error.line == 3 and error.file.endswith("statement.en.md")
    assert "site-packages" not in error.hint and "shipped" not in error.hint
    assert "the leaflet's fonts/ folder" in error.hint


def test_a_hint_never_suggests_a_font_already_tried():
    catalog = load_catalog(ROOT / "fonts" / "catalog.toml")
    tried = ["Noto Sans Regular", "Noto Sans Symbols Regular", "Noto Sans Symbols2 Regular", "DejaVu Sans Book"]
    hint = catalog.suggestion("Zyyy", "\U000D9507", tried)  # unassigned: no font anywhere
    assert "Noto Sans Symbols 2" not in hint and "no installed font covers" in hint
    assert "Noto Sans Symbols 2" in catalog.suggestion("Zyyy", "\U000D9507", ["Noto Sans Regular"])


@pytest.mark.parametrize("char", ["\U0001F1FA", "\U0001F64F", "\u270A", "\U0001F3FD", "\U0001FAF6"])
def test_emoji_get_the_emoji_hint(char):
    assert is_emoji(char)
    catalog = load_catalog(ROOT / "fonts" / "catalog.toml")
    assert catalog.suggestion("Zyyy", char) == EMOJI_HINT
    assert "fonts-symbola" in EMOJI_HINT and "fonts-noto-color-emoji" in EMOJI_HINT


@pytest.mark.parametrize("char", ["A", "#", "\u00A9", "\u0780"])
def test_letters_and_symbols_are_not_emoji(char):
    assert not is_emoji(char)
