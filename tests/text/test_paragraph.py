"""Tests for handbill.text.paragraph: bidi, fonts, line breaking, justification and the glyph->text map.

Paragraphs come from the world fixture (13 languages) and hand-made mixes. Every line is checked
against independent references: bidi.visual_order (the UAX #9 implementation that passes Unicode's
conformance files) for the visual order, the logical text for the extracted text.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from extraction_oracle import line_reading_text as reading_text
from handbill.errors import HandbillError, MissingGlyphError
from handbill.lines import HYPHEN_CLUSTER, Line, PlacedGlyph
from handbill.text import bidi
from handbill.text.assemble import build_line
from handbill.text.glyphtext import BIDI_CONTROLS, DIRECTION_MARKS, LRM, RLM, SOFT_HYPHEN
from handbill.text.glyphtext import reading_text as glyph_reading_text
from handbill.text.linebreak import trim_end
from handbill.text.paragraph import ParagraphSpec, SetParagraph, Span, TextStyle, Typesetter
from handbill.text.reorder import visual_order
from handbill.text.script import is_rtl_language

WORLD = Path(__file__).resolve().parents[1] / "fixtures" / "world"
EXPECTED = json.loads((WORLD / "expected.json").read_text("utf-8"))
PARAGRAPHS = [(item["lang"], item["text"]) for item in EXPECTED]
PARAGRAPH_IDS = [f"{lang}-{i}" for i, (lang, _) in enumerate(PARAGRAPHS)]
EPSILON = 1e-6


def spec(text: str, lang: str, size: float = 10.0, align: str = "start", hyphenate: bool = False,
         uppercase: bool = False, spans: tuple[Span, ...] | None = None) -> ParagraphSpec:
    style = TextStyle(size, hyphenate=hyphenate, uppercase=uppercase)
    return ParagraphSpec(spans or (Span(text),), lang, style, align)


def hyphenated(line: Line) -> bool:
    return any(g.cluster == HYPHEN_CLUSTER for g in line.glyphs)


def logical_text(para: SetParagraph, line: Line) -> str:
    """What the line must give back: its characters without trailing spaces, a soft hyphen if hyphenated.

    Bidi controls are left out: the text layer drops the author's (text/glyphtext.py rule 5), and
    reading_text drops the RLM/LRM the engine adds (rule 4).
    """
    text = para.text[line.start:trim_end(para.text, line.start, line.end)] + (SOFT_HYPHEN * hyphenated(line))
    return "".join(ch for ch in text if ch not in BIDI_CONTROLS)


def has_width(glyph: PlacedGlyph) -> bool:
    return glyph.advance > 0


def unit_order_by_position(line: Line, units: list[int]) -> list[int]:
    """The given units (glyph clusters) from left to right, by the x of the glyphs that carry their text.

    Zero-width units (a lone mark) share their x with a neighbour; such ties go in reading order.
    """
    left: dict[int, tuple[float, int]] = {}
    for g in line.glyphs:
        if g.text and g.cluster in units:
            key = (round(g.x, 6), -g.cluster if g.rtl else g.cluster)
            left[g.cluster] = min(key, left.get(g.cluster, key))
    return sorted(left, key=left.__getitem__)


def unit_order_by_uax9(para: SetParagraph, line: Line) -> list[int]:
    """The line's units ordered by the reference bidi implementation (rule L2 on the line), each unit
    placed where its first character is (a unit's marks and joiners follow it, wherever they show).
    Units that take no width (a lone mark) have no position of their own and are left out."""
    paragraph = bidi.resolve_paragraph(para.text, 1 if para.rtl else 0)
    units = {g.cluster for g in line.glyphs if g.text and g.cluster != HYPHEN_CLUSTER and has_width(g)}
    visual = visual_order(paragraph, line.start, trim_end(para.text, line.start, line.end))
    return [index for index in visual if index in units]


def check_lines(para: SetParagraph) -> None:
    """Every line: extracted text == logical text, units in UAX #9 order, no .notdef glyph."""
    for line in para.lines:
        assert reading_text(line) == logical_text(para, line)
        assert "".join(glyph_reading_text(g.text, g.rtl) for g in line.glyphs) == logical_text(para, line)
        expected = unit_order_by_uax9(para, line)
        assert unit_order_by_position(line, expected) == expected
        assert all(g.gid != 0 for g in line.glyphs)


# -- bidi inside a paragraph ------------------------------------------------------------------------


def test_numbers_and_latin_inside_arabic_run_left_to_right_in_place(setter: Typesetter):
    text = "منذ 9 أيار 1945 قال حلف NATO لا"
    para = setter.typeset(spec(text, "ar"), width=1000)
    (line,) = para.lines
    order = unit_order_by_uax9(para, line)
    assert unit_order_by_position(line, order) == order
    assert para.rtl
    # visual, left to right: لا NATO حلف قال 1945 أيار 9 منذ (each run of digits or Latin reads LTR)
    expected_words = ["لا", "NATO", "حلف", "قال", "1945", "أيار", "9", "منذ"]
    starts = [text.index(word) for word in expected_words]
    assert [u for u in order if u in starts] == starts
    nato = text.index("NATO")
    assert [u for u in order if nato <= u < nato + 4] == [nato, nato + 1, nato + 2, nato + 3]
    year = text.index("1945")
    assert [u for u in order if year <= u < year + 4] == [year, year + 1, year + 2, year + 3]
    check_lines(para)


def test_brackets_url_and_email_inside_persian(setter: Typesetter):
    text = "متن کامل را در https://example.org/may-day بخوانید (یا به نشانی info@example.org بنویسید)."
    para = setter.typeset(spec(text, "fa", align="justify"), width=180)
    assert len(para.lines) > 1
    check_lines(para)


def test_arabic_words_inside_an_english_paragraph(setter: Typesetter):
    para = setter.typeset(spec("We say لا للحرب to war, in 2024 as in 1945.", "en"), width=1000)
    assert not para.rtl
    check_lines(para)


@pytest.mark.parametrize(("lang", "text"), PARAGRAPHS, ids=PARAGRAPH_IDS)
@pytest.mark.parametrize("align", ["justify", "start"])
def test_world_paragraphs_read_back_and_reorder_per_line(setter: Typesetter, lang: str, text: str,
                                                         align: str):
    para = setter.typeset(spec(text, lang, size=9.5, align=align, hyphenate=True), width=240)
    assert para.rtl == is_rtl_language(lang)
    check_lines(para)


# -- line breaking and justification ----------------------------------------------------------------


@pytest.mark.parametrize("width", [60, 120, 240])
@pytest.mark.parametrize(("lang", "text"), [PARAGRAPHS[1], PARAGRAPHS[4], PARAGRAPHS[19], PARAGRAPHS[38]])
def test_no_line_is_wider_than_the_measure(setter: Typesetter, lang: str, text: str, width: float):
    para = setter.typeset(spec(text, lang, size=9.5, align="start"), width=width)
    for line in para.lines:
        single_unit = len({g.cluster for g in line.glyphs}) == 1
        assert line.width <= width + EPSILON or single_unit


def test_a_word_longer_than_the_line_breaks_between_graphemes(setter: Typesetter):
    word = "בְּאֶחָדבְּמַאיעוֹמְדִיםהָעוֹבְדִים"
    para = setter.typeset(spec(word, "he"), width=30)
    assert len(para.lines) > 2
    for line in para.lines[1:]:
        assert bidi.bidi_class(word[line.start]) != "NSM", f"line starts with a point: {line.start}"
    check_lines(para)


@pytest.mark.parametrize(("lang", "text"), [PARAGRAPHS[1], PARAGRAPHS[4], PARAGRAPHS[18], PARAGRAPHS[30]])
def test_justified_lines_fill_the_measure_exactly(setter: Typesetter, lang: str, text: str):
    width = 240.0
    para = setter.typeset(spec(text, lang, size=9.5, align="justify", hyphenate=True), width=width)
    *body, last = para.lines
    assert body
    for line in body:
        assert line.width == pytest.approx(width, abs=EPSILON)
        assert para.line_x(line) == pytest.approx(0.0, abs=EPSILON)
    assert last.width < width


def test_justification_never_opens_holes_wider_than_the_stretch_limit(setter: Typesetter):
    text = "A https://example.org/a-very-long-address-without-any-break-in-it b c"
    para = setter.typeset(spec(text, "en", align="justify"), width=330)
    first = para.lines[0]
    assert first.width < 330  # one space would have to grow by far more than 0.75 em: left ragged


def letter_spacing(justified: Line, ragged: Line, text: str) -> list[float]:
    """What justification added between neighbouring letters of one word (points), from the same line
    set justified and ragged."""
    shift = {(g.cluster, g.gid): j.x - g.x for g, j in zip(ragged.glyphs, justified.glyphs, strict=True)}
    letters = sorted((g for g in justified.glyphs if g.text.strip()), key=lambda g: g.x)
    added = []
    for a, b in itertools.pairwise(letters):
        if " " not in text[min(a.cluster, b.cluster):max(a.cluster, b.cluster) + 1]:
            added.append(shift[(b.cluster, b.gid)] - shift[(a.cluster, a.gid)])
    return added


def unjustified(setter: Typesetter, paragraph: ParagraphSpec, lines: tuple[Line, ...]) -> list[Line]:
    """The same lines (same breaks) set without justification."""
    shaped = setter._prepare(paragraph)
    return [build_line(shaped, paragraph, line.start, line.end, hyphenated(line), None) for line in lines]


def test_long_words_are_justified_with_a_little_letter_spacing_or_not_at_all(setter: Typesetter):
    text = " ".join(t for code, t in PARAGRAPHS if code == "ka")
    paragraph = spec(text, "ka", size=9.5, align="justify")
    justified = setter.typeset(paragraph, width=248)
    ragged = unjustified(setter, paragraph, justified.lines)
    body = list(zip(justified.lines[:-1], ragged[:-1], strict=True))
    filled = [(j, r) for j, r in body if j.width == pytest.approx(248, abs=EPSILON)]
    assert len(filled) >= 0.8 * len(body)
    for j, r in body:
        if (j, r) not in filled:
            assert j.width == pytest.approx(r.width, abs=EPSILON)  # left as it is: not justifiable
    spacing = [gap for j, r in filled for gap in letter_spacing(j, r, text)]
    assert max(spacing) > 0, "some lines need letter spacing"
    assert max(spacing) <= 0.04 * 9.5 + EPSILON and min(spacing) >= -EPSILON


def test_right_to_left_letters_are_never_spaced(setter: Typesetter):
    text = next(t for code, t in PARAGRAPHS if code == "he")
    paragraph = spec(text, "he", size=9.5, align="justify")
    justified = setter.typeset(paragraph, width=180)
    ragged = unjustified(setter, paragraph, justified.lines)
    assert any(line.width == pytest.approx(180, abs=EPSILON) for line in justified.lines)
    for j, r in zip(justified.lines, ragged, strict=True):
        assert all(abs(gap) < EPSILON for gap in letter_spacing(j, r, text))


def test_rtl_lines_start_at_the_right(setter: Typesetter):
    para = setter.typeset(spec(PARAGRAPHS[3][1], "ar", align="start"), width=200)
    last = para.lines[-1]
    assert para.line_x(last) == pytest.approx(200 - last.width)


# -- hyphenation ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "el", "ru"])
def test_hyphenated_lines_end_with_a_hyphen_that_extracts_as_a_soft_hyphen(setter: Typesetter, lang: str):
    text = " ".join(t for code, t in PARAGRAPHS if code == lang)
    para = setter.typeset(spec(text, lang, size=9.5, align="justify", hyphenate=True), width=120)
    broken = [line for line in para.lines if hyphenated(line)]
    assert broken, "a narrow justified column of long words should hyphenate"
    for line in broken:
        hyphen = line.glyphs[-1]
        assert hyphen.text == SOFT_HYPHEN
        assert hyphen.gid == hyphen.face.glyph_ids[ord("-")]
        assert para.text[line.end - 1].isalpha() and para.text[line.end].isalpha()
    trailing = [para.text[trim_end(para.text, line.start, line.end):line.end] for line in para.lines]
    joined = "".join(reading_text(line) + spaces for line, spaces in zip(para.lines, trailing, strict=True))
    assert joined.replace(SOFT_HYPHEN, "") == text


def test_ragged_text_is_not_hyphenated(setter: Typesetter):
    text = next(t for code, t in PARAGRAPHS if code == "en")
    para = setter.typeset(spec(text, "en", align="start", hyphenate=True), width=150)
    assert not any(hyphenated(line) for line in para.lines)


@pytest.mark.parametrize("lang", ["ar", "fa", "ckb", "ur", "he", "hi"])
def test_scripts_that_do_not_hyphenate_never_do(setter: Typesetter, lang: str):
    text = next(t for code, t in PARAGRAPHS if code == lang)
    para = setter.typeset(spec(text, lang, align="justify", hyphenate=True), width=120)
    assert not any(hyphenated(line) for line in para.lines)


def test_no_hyphen_inside_a_web_address(setter: Typesetter):
    text = "See https://example.org/extraordinarily-international-organisations today"
    para = setter.typeset(spec(text, "en", align="justify", hyphenate=True), width=90)
    assert not any(hyphenated(line) for line in para.lines)
    check_lines(para)


# -- scripts, fonts and the text map ----------------------------------------------------------------


def test_zwnj_is_kept_in_the_text_and_stops_joining(setter: Typesetter):
    with_zwnj = setter.typeset(spec("می\u200cدانند", "fa"), width=500).lines[0]
    without = setter.typeset(spec("میدانند", "fa"), width=500).lines[0]
    assert reading_text(with_zwnj) == "می\u200cدانند"
    yeh_with = next(g for g in with_zwnj.glyphs if g.cluster == 1)
    yeh_without = next(g for g in without.glyphs if g.cluster == 1)
    assert yeh_with.gid != yeh_without.gid  # final form before ZWNJ, medial form without it
    assert not any(g.text == "\u200c" for g in with_zwnj.glyphs)  # no glyph is drawn for the ZWNJ


def test_right_to_left_letters_and_spaces_carry_no_direction_mark(setter: Typesetter):
    """Words and spaces alone need no mark in any extractor (measured, text/glyphtext.py rule 4): no RLM
    at a line's start, none inside or between words."""
    para = setter.typeset(spec("שלום עולם " * 12, "he", align="justify"), width=120)
    assert len(para.lines) > 2
    assert not any(ch in DIRECTION_MARKS for line in para.lines for g in line.glyphs for ch in g.text)


def test_a_right_to_left_stretch_of_a_left_to_right_line_gets_one_lrm_before_it(setter: Typesetter):
    """Without it poppler drops the space after the stretch (``صلح and`` -> ``صلحand``, measured)."""
    line = setter.typeset(spec("Our slogan: صلح نان آزادی for all", "en"), width=500).lines[0]
    marked = [g.text for g in line.glyphs if any(ch in DIRECTION_MARKS for ch in g.text)]
    assert marked == ["ص" + LRM]  # stored reversed: the LRM is logically before the stretch's first letter
    assert reading_text(line) == "Our slogan: صلح نان آزادی for all"


def test_punctuation_gets_an_rlm_after_it_except_at_the_end_of_its_line(setter: Typesetter):
    line = setter.typeset(spec("صلح، نان و آزادی.", "fa"), width=500).lines[0]
    comma, stop = (next(g for g in line.glyphs if g.cluster == line_text_index) for line_text_index in (3, 16))
    assert comma.text == RLM + "،"  # stored reversed: the RLM is logically after the comma
    assert stop.text == "."  # nothing follows it on the line: no space for poppler to move
    assert reading_text(line) == "صلح، نان و آزادی."


def test_a_number_in_a_right_to_left_line_gets_one_rlm_before_it(setter: Typesetter):
    line = setter.typeset(spec("في 9 أيار 1945، يعرف", "ar"), width=500).lines[0]
    marked = [g for g in line.glyphs if RLM in g.text]
    assert [g.text for g in marked if not g.rtl] == [RLM + "9", RLM + "1"]  # the first digit of each number
    assert [g.text for g in marked if g.rtl] == [RLM + "،"]  # number punctuation: an RLM after it


def test_ltr_paragraph_text_has_no_direction_marks(setter: Typesetter):
    para = setter.typeset(spec(PARAGRAPHS[1][1], "en", align="justify"), width=200)
    assert not any(ch in DIRECTION_MARKS for line in para.lines for g in line.glyphs for ch in g.text)


def test_a_font_that_lacks_a_character_hands_over_only_that_run(setter: Typesetter):
    text = "ב־9 במאי 1945"
    line = setter.typeset(spec(text, "he"), width=500).lines[0]
    family = {g.cluster: g.face.family for g in line.glyphs if g.text}
    assert family[0] == "Noto Sans Hebrew"
    assert family[text.index("9")] == "Noto Sans"
    assert family[text.index("במאי")] == "Noto Sans Hebrew"
    assert family[text.index("1945")] == "Noto Sans"


def test_a_mark_is_drawn_by_the_font_of_its_letter(setter: Typesetter):
    # Noto Sans Armenian has no combining acute: the accented letter moves to a font that has both
    line = setter.typeset(spec("Ա\u0301 Ա", "hy"), width=500).lines[0]
    accented = [g for g in line.glyphs if g.cluster == 0]
    assert len({g.face.family for g in accented}) == 1 and accented[0].face.family != "Noto Sans Armenian"
    assert next(g for g in line.glyphs if g.cluster == 3).face.family == "Noto Sans Armenian"
    assert reading_text(line) == "Ա\u0301 Ա"


def test_emphasis_uses_the_bold_face(setter: Typesetter):
    spans = (Span("Our strength lies in "), Span("unity", bold=True), Span("."))
    line = setter.typeset(spec("", "en", spans=spans), width=500).lines[0]
    faces = {g.cluster: g.face for g in line.glyphs if g.text}
    assert faces[21].bold and not faces[0].bold


def test_capitals_follow_the_language(setter: Typesetter):
    line = setter.typeset(spec("istanbul", "tr", uppercase=True), width=500).lines[0]
    assert reading_text(line) == "İSTANBUL"
    line = setter.typeset(spec("Μαΐου", "el", uppercase=True), width=500).lines[0]
    assert reading_text(line) == "ΜΑΪΟΥ"


def test_a_character_no_font_has_is_an_error_naming_it(setter: Typesetter):
    with pytest.raises(MissingGlyphError) as caught:
        setter.typeset(ParagraphSpec((Span("Chorasmian: \U00010fb0"),), "en", TextStyle(10), block="statement"), 500)
    message = str(caught.value)
    assert "U+10FB0 CHORASMIAN LETTER ALEPH" in message
    assert "'en' statement" in message
    assert "Chorasmian" in caught.value.hint  # the Unicode block, to find a font
    assert caught.value.codepoint == "U+10FB0"


# -- properties -------------------------------------------------------------------------------------

MIXED = st.text(
    alphabet=st.sampled_from(list("abc XYZ 019 ,.:()«»-/") + list("ابتثلاىي ۱۲۳") + list("אבג")
                             + ["\u200c", "\u0651", "\u05bc", "ً", "\u0301", "\u2067", "\u2069", "\u200f"]),
    min_size=1, max_size=60)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=MIXED, lang=st.sampled_from(["ar", "he", "en", "fa"]), width=st.floats(20, 400),
       align=st.sampled_from(["start", "justify"]))
def test_mixed_direction_lines_read_back_and_reorder(setter: Typesetter, text: str, lang: str, width: float,
                                                     align: str):
    assume(text.strip())
    para = setter.typeset(spec(text, lang, align=align), width=width)
    check_lines(para)
    assert "".join(para.text[line.start:line.end] for line in para.lines) == text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=40), lang=st.sampled_from(["en", "ar", "hi", "he", "el", "tr"]))
def test_random_unicode_sets_or_fails_with_a_message(setter: Typesetter, text: str, lang: str):
    try:
        para = setter.typeset(spec(text, lang, align="justify", hyphenate=True), width=120)
    except HandbillError as exc:
        assert str(exc)
        return
    for line in para.lines:
        assert all(g.gid != 0 for g in line.glyphs)
        assert reading_text(line) == logical_text(para, line)
