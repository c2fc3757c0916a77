"""Tests for handbill.text.casing: capitals by the rules of the language."""

from __future__ import annotations

import pytest

from handbill.text.casing import to_upper


@pytest.mark.parametrize(("text", "lang", "upper"), [
    ("istanbul ılık", "tr", "İSTANBUL ILIK"),
    ("bir işçi", "az", "BİR İŞÇİ"),
    ("istanbul", "en", "ISTANBUL"),
    ("dayanışma", "tr-TR", "DAYANIŞMA"),
])
def test_turkic_dotted_and_dotless_i(text: str, lang: str, upper: str):
    assert to_upper(text, lang) == upper


@pytest.mark.parametrize(("text", "upper"), [
    ("Πρωτομαγιά: αλληλεγγύη", "ΠΡΩΤΟΜΑΓΙΑ: ΑΛΛΗΛΕΓΓΥΗ"),  # tonos dropped
    ("9 Μαΐου 1945", "9 ΜΑΪΟΥ 1945"),  # dialytika kept
    ("τσάι", "ΤΣΑΪ"),  # a tonos that split a diphthong becomes a dialytika
    ("ή η", "Ή Η"),  # the lone disjunctive ή keeps its accent
    ("ἄνθρωπος", "ΑΝΘΡΩΠΟΣ"),  # polytonic breathings and accents go too
    ("ᾳ", "ΑΙ"),  # ypogegrammeni becomes a capital iota
])
def test_greek_capitals_drop_the_tonos(text: str, upper: str):
    assert to_upper(text, "el") == upper


def test_other_languages_use_unicode_default_mapping():
    assert to_upper("Straße", "de") == "STRASSE"
    assert to_upper("և", "hy") == "ԵՒ"
    assert to_upper("Мир", "ru") == "МИР"
    assert to_upper("سلام", "ar") == "سلام"
