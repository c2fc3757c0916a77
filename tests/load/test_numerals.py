"""Digits in a language's own numbering system (load/numerals.py), from CLDR's default numbering systems."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handbill.load.numerals import default_numbering_system, in_numbering_system, native_digits


@pytest.mark.parametrize(("lang", "label", "expected"), [
    ("fa", "12.", "۱۲."),
    ("fa-AF", "3.", "۳."),       # Dari: Persian's digits
    ("ps", "3.", "۳."),
    ("bn", "3.", "৩."),
    ("mr", "3.", "३."),
    ("my", "3.", "၃."),
    ("ar", "3.", "3."),          # CLDR: Arabic's default numbering system is Latin
    ("hi", "3.", "3."),
    ("en", "3.", "3."),
    ("xx-unknown", "3.", "3."),  # a language CLDR does not know keeps its digits
])
def test_native_digits_follow_cldr(lang: str, label: str, expected: str):
    assert native_digits(label, lang) == expected


def test_default_numbering_system_of_a_region_tag_falls_back_to_its_language():
    assert default_numbering_system("fa-IR") == "arabext"
    assert default_numbering_system("bn-BD") == "beng"


@given(st.text(alphabet=st.characters(codec="ascii")), st.sampled_from(["arabext", "beng", "mymr", "latn", "roman"]))
def test_only_ascii_digits_change_and_keep_their_value(text: str, system: str):
    mapped = in_numbering_system(text, system)
    assert len(mapped) == len(text)
    for before, after in zip(text, mapped, strict=True):
        if before.isdigit():
            assert after.isdecimal() and int(after) == int(before)
        else:
            assert after == before
