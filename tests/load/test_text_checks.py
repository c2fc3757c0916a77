"""Language codes and characters a user writes: what is refused, with which hint, and what is kept."""

from __future__ import annotations

import pytest

from handbill.errors import MissingGlyphError, character_name
from handbill.load.text_checks import bad_character, describe, has_visible, language_problem


@pytest.mark.parametrize("code", ["en", "fa", "ar", "kmr", "ckb", "hy", "tr", "pt-BR", "ku-Arab", "sr-Latn-RS",
                                  "qaa", "und", "per", "iw", "arb", "EN", "prs", "fa-IR"])
def test_good_codes_pass(code: str) -> None:
    assert language_problem(code) is None


@pytest.mark.parametrize(("code", "message", "hint"), [
    ("gr", "unknown language code 'gr'", "did you mean 'el' (Greek)? 'gr' is a country code"),
    ("ir", "unknown language code 'ir'", "did you mean 'fa' (Persian)?"),
    ("English", "not a language code: 'English'", "did you mean 'en' (English)?"),
    ("Farsi", "not a language code: 'Farsi'", "did you mean 'fa' (Persian)?"),
    ("en_US", "not a language code: 'en_US'", "write 'en-US'"),
    ("xx", "unknown language code 'xx'", "ISO 639"),
    ("sp", "unknown language code 'sp'", "ISO 639"),
    ("en-", "not a language code: 'en-'", "BCP 47"),
    ("", "not a language code: ''", "BCP 47"),
])
def test_bad_codes_say_what_to_write(code: str, message: str, hint: str) -> None:
    """Three-letter long forms are accepted and canonicalised (tests/test_languages.py); what is not a
    language code gets a hint: the likely language of a country code, a language's code for its name."""
    problem = language_problem(code)
    assert problem is not None
    assert problem[0] == message
    assert hint in problem[1]


@pytest.mark.parametrize(("text", "index", "name"), [
    ("Bread\u0007 and roses", 5, "control character"),
    ("a\x85b", 1, "control character"),  # NEL, from Windows-1252 text read as Latin-1
    ("\ud800", 0, "unpaired surrogate"),
    ("a\ufffeb", 1, "noncharacter"),
    ("a\U0010FFFFb", 1, "noncharacter"),
    ("logo \ue000", 5, "private-use character"),
])
def test_unprintable_characters_are_found(text: str, index: int, name: str) -> None:
    found = bad_character(text)
    assert found is not None and found[0] == index
    assert name in describe(found[1])


@pytest.mark.parametrize("text", [
    "Bread and roses\n\tline two",
    "می\u200cخواهم",  # ZWNJ: part of Persian spelling
    "\u202eunpaired RLO",  # a stray bidi control only affects its own paragraph
    "\u2067isolate without PDI",
    "co\u00adoperation",  # soft hyphen
    "\u2764\ufe0f \U0001F9A0",  # emoji with a variation selector; one no font has is the text engine's error
])
def test_printable_oddities_are_kept(text: str) -> None:
    assert bad_character(text) is None


@pytest.mark.parametrize(("text", "visible"), [
    ("  \u00a0\u3000", False),
    ("\u202e\u202b\u200f", False),
    ("\u200b\u200c\u200d\u2060\ufeff", False),
    ("\u00ad", False),
    ("\ufe0f\U000E0100", False),
    ("a", True),
    ("\u0301", True),  # a lone combining mark prints (on a dotted circle)
    ("\u202eX", True),
])
def test_invisible_only_text_is_recognised(text: str, visible: bool) -> None:
    assert has_visible(text) is visible


@pytest.mark.parametrize(("char", "name"), [
    ("\U0001F9A0", "MICROBE"),
    ("\U000D9507", "unassigned code point"),
    ("\ufdd0", "noncharacter"),
    ("\ue000", "private-use character"),
    ("\U00017000", "Tangut character"),  # Python's unicodedata has no names for Tangut ideographs
])
def test_missing_glyph_error_names_every_kind_of_code_point(char: str, name: str) -> None:
    """The missing-glyph message never says 'unnamed character': it says what the code point is."""
    assert character_name(char) == name
    error = MissingGlyphError(char, lang="en", block="slogans", fonts=["Noto Sans"], suggestion="add a font")
    assert f"U+{ord(char):04X} {name} in the 'en' slogans" in str(error)
