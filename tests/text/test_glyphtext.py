"""Tests for handbill.text.glyphtext: which glyph of a cluster carries which characters in the PDF."""

from __future__ import annotations

import pytest

from handbill.text.glyphtext import (
    LRM,
    RLM,
    GlyphSpot,
    first_carrier,
    glyph_texts,
    guard_leading_marks,
    is_number_punctuation,
    joins_previous,
    mark_after,
    mark_before,
    reading_text,
    unit_of,
)


def spots(*items: tuple[int, float, int]) -> list[GlyphSpot]:
    """GlyphSpots from (cluster, x, advance), in the shaper's (visual) order."""
    return [GlyphSpot(cluster, x, advance) for cluster, x, advance in items]


def read_back(texts: list[str], glyphs: list[GlyphSpot], rtl: bool) -> str:
    """What a position-sorting extractor reads: glyphs by x in reading direction, texts un-reversed."""
    order = sorted(range(len(glyphs)), key=lambda i: -glyphs[i].x if rtl else glyphs[i].x)
    return "".join(reading_text(texts[i], rtl) for i in order)


def test_each_character_of_a_simple_run_sits_on_its_own_glyph():
    text = "abc"
    glyphs = spots((0, 0, 500), (1, 5, 500), (2, 10, 500))
    assert glyph_texts(text, glyphs, 3, rtl=False) == ["a", "b", "c"]


def test_a_vowel_sign_drawn_first_gets_the_first_character():
    # Devanagari कि: HarfBuzz draws the i-sign (one cluster with the consonant) left of the consonant.
    text = "कि"
    glyphs = spots((0, 0.0, 259), (0, 2.6, 570))
    texts = glyph_texts(text, glyphs, 2, rtl=False)
    assert texts == ["क", "ि"]
    assert read_back(texts, glyphs, rtl=False) == text


def test_a_mark_carries_nothing_and_its_letter_carries_both_reversed_in_rtl():
    # Arabic فً in a right-to-left run: glyphs in visual order [mark][feh]; the mark has no advance.
    text = "فً"
    glyphs = spots((1, 5.85, 0), (0, 5.0, 495))
    texts = glyph_texts(text, glyphs, 2, rtl=True)
    assert texts == ["", "ًف"]
    assert read_back(texts, glyphs, rtl=True) == text


def test_a_ligature_carries_its_characters_reversed_in_rtl():
    text = "لا"
    glyphs = spots((0, 0.0, 600))
    assert glyph_texts(text, glyphs, 2, rtl=True) == ["ال"]


def test_a_silent_second_cluster_joins_the_letter_before_like_a_ligature():
    # Noto Naskh's lam-alef: a zero-width alef (its own cluster) and a wide lam, visual order [alef][lam].
    text = "لا"
    glyphs = spots((1, 0.0, 0), (0, 0.0, 631))
    texts = glyph_texts(text, glyphs, 2, rtl=True)
    assert texts == ["", "ال"]


def test_zwnj_joins_the_unit_before_it():
    text = "ی\u200cا"
    glyphs = spots((2, 0.0, 291), (1, 3.0, 0), (0, 3.0, 525))
    owner, _ = unit_of(text, glyphs, 3)
    assert owner == {0: 0, 1: 0, 2: 2}
    texts = glyph_texts(text, glyphs, 3, rtl=True)
    assert texts == ["ا", "", "\u200cی"]
    assert read_back(texts, glyphs, rtl=True) == text


def test_a_leading_mark_joins_the_unit_after_it():
    text = "\u200ca"
    glyphs = spots((0, 0.0, 0), (1, 0.0, 500))
    owner, unit_end = unit_of(text, glyphs, 2)
    assert owner == {0: 0, 1: 0}
    assert unit_end == {0: 2}
    assert read_back(glyph_texts(text, glyphs, 2, rtl=False), glyphs, rtl=False) == text


def test_a_consonant_after_a_virama_belongs_to_the_conjunct():
    assert joins_previous("न्", "ह")
    assert not joins_previous("न", "ह")
    assert joins_previous("a", "\u0301")
    text = "न्हो"
    glyphs = spots((0, 0.0, 300), (2, 3.0, 600), (3, 9.0, 0))
    owner, _ = unit_of(text, glyphs, 4)
    assert set(owner.values()) == {0}


def test_a_space_after_a_virama_starts_a_unit_of_its_own():
    """Tamil மனிதப் பிறவி: the space after the pulli is not part of a conjunct (it read as two spaces)."""
    assert not joins_previous("ப்", " ")
    assert not joins_previous("ப்", ",")


@pytest.mark.parametrize(("text", "parts"), [
    ("ঘো", "ঘো"),  # Bengali o: e-sign left of the consonant, aa-sign right of it
    ("சொ", "சொ"),  # Tamil o
    ("കൊ", "കൊ"),  # Malayalam o
    ("නො", "නො"),  # Sinhala o
    ("କୋ", "କୋ"),  # Oriya o
])
def test_a_two_part_vowel_sign_gives_each_part_a_character(text: str, parts: str):
    """Three advancing glyphs for two characters: the unit's text is taken decomposed (NFD), one
    character per glyph in visual order, so no glyph is a gap an extractor reads as a space."""
    import unicodedata

    glyphs = spots((0, 0.0, 300), (0, 3.0, 600), (0, 9.0, 300))
    texts = glyph_texts(text, glyphs, 2, rtl=False)
    assert all(texts)
    assert read_back(texts, glyphs, rtl=False) == unicodedata.normalize("NFD", text)
    assert unicodedata.normalize("NFC", read_back(texts, glyphs, rtl=False)) == text
    assert len(unicodedata.normalize("NFD", text)) == 3 and parts == text


def test_more_characters_than_carriers_go_to_the_last_carrier():
    text = "abcd"
    glyphs = spots((0, 0.0, 500), (0, 5.0, 500))
    texts = glyph_texts(text, glyphs, 4, rtl=False)
    assert texts == ["a", "bcd"]


def test_direction_marks_go_on_the_logical_side_asked_for():
    assert mark_before("1", glyph_rtl=False, mark=RLM) == RLM + "1"
    assert mark_before("بل", glyph_rtl=True, mark=RLM) == "بل" + RLM
    assert mark_after(".", glyph_rtl=True, mark=RLM) == RLM + "."
    assert mark_after("x", glyph_rtl=False, mark=LRM) == "x" + LRM
    assert mark_before(RLM + "1", glyph_rtl=False, mark=RLM) == RLM + "1"  # never twice
    assert reading_text("بل" + RLM, glyph_rtl=True) == "لب"


def test_first_carrier_is_the_glyph_read_first_of_the_first_unit():
    glyphs = spots((2, 0.0, 300), (1, 3.0, 300), (0, 6.0, 300))
    assert first_carrier(glyphs, ["c", "b", "a"], rtl=True) == 2
    assert first_carrier(glyphs, ["", "", ""], rtl=True) is None


@pytest.mark.parametrize(("text", "expected"), [(".", True), ("،", True), (":", True), ("/", True),
                                                ("%", True), ("!", False), ("«", False), ("ب", False)])
def test_number_punctuation_is_what_extractors_group_with_digits(text, expected):
    assert is_number_punctuation(text) is expected


def poppler_ltr_page(texts: list[str], glyphs: list[GlyphSpot]) -> str:
    """What poppler writes for one right-to-left line on a page it reads left to right (TextOutputDev's
    reorderText with primaryLR): stretches of characters that are not strong right-to-left are written as
    they are, a stretch from a strong right-to-left character up to the next left-to-right one or digit
    is reversed. Glyph texts are laid out left to right."""
    import unicodedata

    chars = "".join(texts[i] for i in sorted(range(len(glyphs)), key=lambda i: glyphs[i].x))
    out, i = [], 0
    while i < len(chars):
        j = i
        while j < len(chars) and unicodedata.bidirectional(chars[j]) not in ("R", "AL"):
            j += 1
        out.append(chars[i:j])
        i = j
        while j < len(chars) and unicodedata.bidirectional(chars[j]) not in ("L", "EN", "AN", "CS", "ES", "ET"):
            j += 1
        out.append(chars[i:j][::-1])
        i = j
    return "".join(out).replace(RLM, "")


def test_a_word_ending_in_a_mark_at_the_left_of_a_line_reads_whole_on_a_left_to_right_page():
    """Rule 7: Thaana ސަ (seenu + abafili) ending a line: stored reversed, the mark is the leftmost
    character; without the RLM poppler writes it before the word on a mostly left-to-right page."""
    text = "ހަ ސަ"
    glyphs = spots((4, 0.0, 0), (3, 0.0, 500), (2, 5.0, 250), (1, 7.5, 0), (0, 7.5, 500))
    texts = glyph_texts(text, glyphs, 5, rtl=True)
    assert poppler_ltr_page(texts, glyphs) != text  # the failure rule 7 prevents
    guarded = guard_leading_marks(glyphs, texts)
    assert poppler_ltr_page(guarded, glyphs) == text
    assert read_back(guarded, glyphs, rtl=True).replace(RLM, "") == text
    # only the leftmost word gets the mark: the one after the space has a letter to its left
    assert [t.startswith(RLM) for t in guarded] == [False, True, False, False, False]


def test_a_mark_after_a_full_stop_gets_an_rlm_and_one_after_a_letter_does_not():
    glyphs = spots((2, 0.0, 250), (1, 2.5, 0), (0, 2.5, 500))
    assert guard_leading_marks(glyphs, [RLM + ".", "", "َس"]) == [RLM + ".", "", RLM + "َس"]
    glyphs = spots((2, 0.0, 500), (1, 5.0, 0), (0, 5.0, 500))
    assert guard_leading_marks(glyphs, ["س", "", "َس"]) == ["س", "", "َس"]
