"""Tests for handbill.text.linebreak: break opportunities, addresses, hyphenation points."""

from __future__ import annotations

import itertools

import pytest

from handbill.text.linebreak import address_spans, break_points, hyphenation_points, trim_end


def lines_at_breaks(text: str) -> list[str]:
    """The text cut at every break opportunity."""
    cuts = [0, *(p.position for p in break_points(text))]
    return [text[a:b] for a, b in itertools.pairwise(cuts) if b > a]


def test_breaks_come_after_spaces_and_at_the_end():
    assert lines_at_breaks("one two  three") == ["one ", "two  ", "three"]
    assert break_points("one")[-1].position == 3 and break_points("one")[-1].forced


def test_a_newline_forces_a_break():
    points = break_points("a\nb")
    assert points[0].position == 2 and points[0].forced


def test_no_break_before_a_no_break_space():
    assert lines_at_breaks("9\u00a0May 1945") == ["9\u00a0May ", "1945"]


def test_a_hyphen_between_letters_allows_a_break_after_it():
    assert lines_at_breaks("eight-hour day") == ["eight-", "hour ", "day"]
    assert lines_at_breaks("a -b") == ["a ", "-b"]  # not after a hyphen that follows a space


def test_a_zero_width_space_allows_a_break():
    assert lines_at_breaks("a\u200bb") == ["a\u200b", "b"]


def test_web_addresses_break_only_after_double_slash_and_before_a_single_slash():
    text = "at https://example.org/may-day now"
    assert lines_at_breaks(text) == ["at ", "https://", "example.org", "/may-day ", "now"]


def test_email_addresses_do_not_break():
    assert lines_at_breaks("to info@example-mail.org).") == ["to ", "info@example-mail.org)."]


def test_address_spans_leave_out_trailing_punctuation():
    text = "read https://example.org/may-day (or info@example.org)."
    assert [text[a:b] for a, b in address_spans(text)] == ["https://example.org/may-day", "info@example.org"]


def test_trim_end_drops_trailing_spaces_and_newlines():
    assert trim_end("ab  \n", 0, 5) == 2
    assert trim_end("   ", 0, 3) == 0


@pytest.mark.parametrize(("word", "lang"), [("organisation", "en"), ("εργαζόμενοι", "el"),
                                            ("трудящиеся", "ru"), ("Solidarität", "de-AT")])
def test_latin_greek_and_cyrillic_words_hyphenate(word: str, lang: str):
    points = hyphenation_points(word, lang)
    assert points
    assert all(2 <= p <= len(word) - 3 for p in points)


@pytest.mark.parametrize(("word", "lang"), [("کارگرانسراسر", "fa"), ("الانتصارات", "ar"), ("הפשיזם", "he"),
                                            ("ժողովուրդներին", "hy"), ("მშრომელები", "ka"),
                                            ("कार्यदिवस", "hi")])
def test_other_scripts_never_hyphenate(word: str, lang: str):
    assert hyphenation_points(word, lang) == []


def test_short_words_and_words_with_digits_do_not_hyphenate():
    assert hyphenation_points("peace", "en") == []
    assert hyphenation_points("organ1sation", "en") == []
    assert hyphenation_points("organisation", "xx") == []  # no dictionary for the language
    assert hyphenation_points("dayanışma", "tr") == []  # pyphen has no Turkish (nor Kurmanji) patterns
