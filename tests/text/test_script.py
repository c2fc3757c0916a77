"""Tests for handbill.text.script: scripts of characters and languages, directions."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from handbill.text.script import (
    is_default_ignorable,
    is_mark,
    is_rtl_language,
    language_script,
    resolve_scripts,
)


@pytest.mark.parametrize(("lang", "rtl", "script"), [
    ("ar", True, "Arab"), ("fa-IR", True, "Arab"), ("ckb", True, "Arab"), ("ur", True, "Arab"),
    ("he", True, "Hebr"), ("ku-Arab", True, "Arab"), ("kmr", False, "Latn"), ("hy", False, "Armn"),
    ("ka", False, "Geor"), ("el", False, "Grek"), ("ru", False, "Cyrl"), ("hi", False, "Deva"),
    ("sr-Latn", False, "Latn"), ("en", False, "Latn"),
])
def test_language_direction_and_script(lang: str, rtl: bool, script: str):
    assert is_rtl_language(lang) is rtl
    assert language_script(lang) == script


def test_common_characters_take_the_script_around_them():
    text = "(9 أيار NATO)"
    scripts = resolve_scripts(text, "ar")
    assert scripts[text.index("9")] == "Arab"  # after nothing strong: the next script
    assert scripts[text.index("(")] == "Arab"
    assert scripts[text.index(")")] == "Latn"  # after NATO
    assert resolve_scripts("123", "he") == ["Hebr"] * 3  # only digits: the language's script


def test_marks_and_joiners():
    assert is_mark("\u0651") and is_mark("\u200c") and not is_mark("a")
    assert is_default_ignorable("\u200c") and is_default_ignorable("\u200f") and not is_default_ignorable(" ")


DERIVED = Path("/usr/share/unicode/DerivedCoreProperties.txt")


@pytest.mark.skipif(not DERIVED.exists(), reason=f"{DERIVED} missing (package unicode-data)")
def test_default_ignorables_match_unicode():
    """Every assigned code point: is_default_ignorable agrees with Default_Ignorable_Code_Point."""
    ignorable: set[int] = set()
    for line in DERIVED.read_text(encoding="utf-8").splitlines():
        match = re.match(r"([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*; Default_Ignorable_Code_Point", line)
        if match:
            ignorable.update(range(int(match.group(1), 16), int(match.group(2) or match.group(1), 16) + 1))
    assigned = (chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) != "Cn")
    wrong = [f"U+{ord(ch):04X}" for ch in assigned if is_default_ignorable(ch) != (ord(ch) in ignorable)]
    assert wrong == []


def test_direction_follows_a_text_plainly_in_another_script():
    """Sorani written in Latin letters runs left to right; Sorani in Arabic script right to left; a few
    Latin words in an Arabic-script text do not change its direction."""
    from handbill.text.script import is_rtl_text, written_script

    assert not is_rtl_text("Hemû mirov azad û wekhev tên dinê.", "ckb")
    assert is_rtl_text("هەموو مرۆڤێک بە ئازادی لەدایک دەبێت.", "ckb")
    assert is_rtl_text("ناتۆ NATO هەموو مرۆڤێک", "ckb")
    assert is_rtl_text("Dari, written as دری", "prs") is False  # mostly Latin letters
    assert written_script("123 ...") is None and is_rtl_text("123", "fa")
