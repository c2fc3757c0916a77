"""Line pitch for tall scripts (text/pitch.py): one pitch per script, more only where lines collide."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbill.text.paragraph import Typesetter
from handbill.text.pitch import INK_GAP, TALL_INK_MARGIN, closest_pitch
from handbill.text.spec import ParagraphSpec, SetParagraph, Span, TextStyle

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "scripts"
LEADING = 1.32  # the a4-flyer body's


def _body(lang: str) -> str:
    return next(p for p in FIXTURE.joinpath(f"statement.{lang}.md").read_text(encoding="utf-8").split("\n\n")
            if p.strip() and not p.startswith(("#", "-"))).strip()


def _set(setter: Typesetter, text: str, lang: str, width: float, leading: float = LEADING) -> SetParagraph:
    return setter.typeset(ParagraphSpec((Span(text),), lang, TextStyle(size=10, leading=leading)), width)


def _closest_white(para: SetParagraph) -> float:
    """The least white (em) between ink of a line and ink of the next at the same x, over every pair of
    glyphs (no filtering), with the lines a pitch apart: independent of closest_pitch's shortcuts."""
    def boxes(line):
        out = []
        for g in line.glyphs:
            box = g.face.hb_font().get_glyph_extents(g.gid)
            if box and (box.width or box.height):
                per_em = 1 / g.face.units_per_em
                left = g.x / g.size + box.x_bearing * per_em
                top = g.y / g.size + box.y_bearing * per_em
                out.append((left, left + box.width * per_em, top, top + box.height * per_em))
        return out

    least = float("inf")
    for above, below in itertools.pairwise([boxes(line) for line in para.lines]):
        for a, b in itertools.product(above, below):
            if a[0] < b[1] and b[0] < a[1]:
                least = min(least, para.leading + a[3] - b[2])
    return least


def test_latin_and_scripts_within_the_margin_keep_the_styles_leading(setter: Typesetter):
    for lang in ("en", "ar", "si", "th"):
        para = _set(setter, _body(lang), lang, 150)
        top, bottom = setter._prepare(ParagraphSpec((Span(_body(lang)),), lang, TextStyle(size=10))).ink
        assert top - bottom <= LEADING + TALL_INK_MARGIN
        assert para.leading == LEADING, lang


@pytest.mark.parametrize("lang", ["my", "bo"])
def test_a_tall_script_has_one_pitch_at_every_width(setter: Typesetter, lang: str):
    """Myanmar and Tibetan: the leading times the typical ink, rounded up to 0.05 em, whatever the
    width (and so whichever clusters meet at line ends)."""
    text = _body(lang)
    pitches = {_set(setter, text, lang, width).leading for width in (90, 140, 200, 260)}
    assert len(pitches) == 1, pitches
    (pitch,) = pitches
    shaped = setter._prepare(ParagraphSpec((Span(text),), lang, TextStyle(size=10)))
    top, bottom = shaped.typical_ink
    assert LEADING * (top - bottom) <= pitch < LEADING * (top - bottom) + 0.05
    assert 1.8 <= pitch <= 2.1


def test_one_deep_cluster_does_not_set_the_pitch_of_a_paragraph(setter: Typesetter):
    """A deep Khmer cluster (ក្នុ: a vowel sign under a subscript, -0.53 em) once set its whole paragraph at the
    leading times its ink height; now the pitch grows only as far as its lines would touch."""
    plain = _body("km")
    deep = plain.replace("យុត្តិធម៌", "យុត្តិធម៌ ក្នុង ទៀត", 1)  # ក្នុ -0.53 em, ៀ 0.97 em
    assert deep != plain
    spec = ParagraphSpec((Span(deep),), "km", TextStyle(size=10))
    shaped = setter._prepare(spec)
    top, bottom = shaped.ink
    assert top - bottom > LEADING + TALL_INK_MARGIN  # tall enough for the old rule's 1.9 em
    assert shaped.typical_ink == setter._prepare(ParagraphSpec((Span(plain),), "km", TextStyle(size=10))).typical_ink
    for width in (80, 120, 160, 240):
        para = _set(setter, deep, "km", width)
        assert para.leading < LEADING * (top - bottom) - 0.2
        white = _closest_white(para)
        assert white >= INK_GAP - 1e-9, width
        # and more than the leading only where the leading would bring two lines' ink too close
        assert para.leading == LEADING or white - (para.leading - LEADING) < INK_GAP, width


@pytest.mark.parametrize("lang", ["my", "bo", "km"])
def test_adjacent_lines_of_a_tall_script_keep_white_between_them(setter: Typesetter, lang: str):
    text = " ".join([_body(lang)] * 3)
    for width in (70, 110, 170):
        para = _set(setter, text, lang, width)
        assert len(para.lines) >= 3
        top, bottom = setter._prepare(ParagraphSpec((Span(text),), lang, TextStyle(size=10))).ink
        if top - bottom > LEADING + TALL_INK_MARGIN:
            white = _closest_white(para)
            assert white >= INK_GAP - 1e-9, (lang, width)
            if lang == "km":  # a script of typical height: the leading, more only where lines come close
                assert para.leading == LEADING or white - (para.leading - LEADING) < INK_GAP, width


def test_closest_pitch_compares_only_ink_at_the_same_x():
    above = [(0.0, 0.5, 0.6, -0.5), (1.0, 1.5, 0.6, -0.1)]  # a deep glyph, then a shallow one
    below_apart = [(0.6, 0.9, 1.2, 0.0), (1.0, 1.4, 0.7, 0.0)]  # the tall glyph is beside the deep one
    assert closest_pitch(above, below_apart, 1.0) == pytest.approx(1.0)
    below_over = [(0.4, 0.9, 1.2, 0.0)]  # overlaps the deep glyph's x: 1.2 + 0.5
    assert closest_pitch(above, below_over, 1.0) == pytest.approx(1.7)
    assert closest_pitch([], below_over, 1.3) == 1.3


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 10), st.floats(0.05, 1), st.floats(0, 1.2), st.floats(-0.8, 0)),
                min_size=1, max_size=8),
       st.lists(st.tuples(st.floats(0, 10), st.floats(0.05, 1), st.floats(0, 1.2), st.floats(-0.8, 0)),
                min_size=1, max_size=8),
       st.floats(0.8, 2.0))
def test_closest_pitch_is_the_brute_force_one(above, below, floor):
    above_inks = [(x, x + w, t, b) for x, w, t, b in above]
    below_inks = [(x, x + w, t, b) for x, w, t, b in below]
    brute = max([floor] + [b[2] - a[3] for a in above_inks for b in below_inks if a[0] < b[1] and b[0] < a[1]])
    assert closest_pitch(above_inks, below_inks, floor) == pytest.approx(brute)
