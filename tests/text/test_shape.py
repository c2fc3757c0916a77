"""Tests for handbill.text.shape: HarfBuzz with script and language, clusters, and the fallback shaper."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import WORLD
from handbill.build import plan
from handbill.fonts.face import FontFace, open_face
from handbill.pipeline import shaper_warnings
from handbill.text.shape import Glyph, force_fallback_shaper, harfbuzz_available, shape

NOTO = Path("/usr/share/fonts/truetype/noto")
ARABIC = "في الأول من أيار، يقف العمال صفًا واحدًا. لا للحرب! (أو راسلونا)"
PERSIAN = "کارگران سراسر جهان می‌ایستند و هشت‌ساعته، گرامی می‌داریم (۹ مه ۱۹۴۵)."


def face(name: str) -> FontFace:
    path = NOTO / name
    if not path.is_file():
        pytest.skip(f"{path} not installed (Debian fonts-noto-core)")
    return open_face(path)


def shape_all(text: str, font: FontFace, rtl: bool, script: str, lang: str) -> list[Glyph]:
    return shape(text, 0, len(text), font, rtl, script, lang)


def assert_clusters_cover_once(glyphs: list[Glyph], start: int, end: int, rtl: bool) -> None:
    """Clusters are monotonic in the run's direction, start at the run's first character, stay inside
    the run, and each cluster's glyphs are contiguous: every character belongs to exactly one cluster."""
    clusters = [g.cluster for g in glyphs]
    logical = clusters[::-1] if rtl else clusters
    assert logical == sorted(logical)
    assert logical[0] == start and logical[-1] < end
    seen: list[int] = []
    for cluster in logical:
        if not seen or seen[-1] != cluster:
            assert cluster not in seen
            seen.append(cluster)


# -- HarfBuzz ---------------------------------------------------------------------------------------


def test_rtl_runs_come_back_in_visual_order_with_logical_clusters():
    glyphs = shape_all("لام", face("NotoSansArabic-Regular.ttf"), True, "Arab", "ar")
    assert [g.cluster for g in glyphs] == [2, 0]  # meem, then the lam-alef ligature (cluster 0)


def test_the_language_selects_localised_forms():
    arabic = face("NotoSansArabic-Regular.ttf")
    persian = [g.gid for g in shape_all("۴۶۷", arabic, True, "Arab", "fa")]
    urdu = [g.gid for g in shape_all("۴۶۷", arabic, True, "Arab", "ur")]
    assert persian != urdu  # Urdu digits four, six and seven have their own shapes
    italic = face("NotoSans-Italic.ttf")
    russian = [g.gid for g in shape_all("бгдпт", italic, False, "Cyrl", "ru")]
    serbian = [g.gid for g in shape_all("бгдпт", italic, False, "Cyrl", "sr")]
    assert russian != serbian


@pytest.mark.parametrize("word", ["ڕێکخستن", "خەڵکی", "بۆ", "ئێمە"])
def test_sorani_letters_join(word: str):
    arabic = face("NotoSansArabic-Regular.ttf")
    joined = shape_all(word, arabic, True, "Arab", "ckb")
    isolated = [arabic.glyph_ids[ord(ch)] for ch in word]
    assert len(joined) == len(word)
    # visual order is reversed; at least one letter takes a joining form, and no glyph is missing
    assert [g.gid for g in joined[::-1]] != isolated
    assert all(g.gid for g in joined)


def test_sorani_and_urdu_letters_are_in_the_first_arabic_font():
    arabic = face("NotoSansArabic-Regular.ttf")
    assert all(arabic.covers(ch) for ch in "ڕڵۆێەۓےڈٹڑںھۀ")


def test_devanagari_conjuncts_form_one_glyph():
    glyphs = shape_all("क्ष", face("NotoSansDevanagari-Regular.ttf"), False, "Deva", "hi")
    assert len(glyphs) == 1 and glyphs[0].cluster == 0


def test_hebrew_points_are_positioned_over_their_letters():
    glyphs = shape_all("בְּאֶחָד", face("NotoSansHebrew-Regular.ttf"), True, "Hebr", "he")
    points = [g for g in glyphs if unicodedata.category("בְּאֶחָד"[g.cluster]) == "Mn"]
    assert points and all(g.x_advance == 0 for g in points)
    assert any(g.x_offset for g in points)


def test_armenian_ligature_and_full_stop_are_drawn():
    armenian = face("NotoSansArmenian-Regular.ttf")
    assert armenian.covers("և") and armenian.covers("։")
    assert all(g.gid for g in shape_all("և։", armenian, False, "Armn", "hy"))


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from([*"ابتثجحخدذرزسشصضطظعغفقكلمنهوي لا،.", "ً", "ّ", "\u200c"]),
                    min_size=1, max_size=30),
       fallback=st.booleans())
def test_clusters_cover_every_character_once(text: str, fallback: bool):
    force_fallback_shaper(fallback)
    try:
        glyphs = shape_all(text, face("NotoSansArabic-Regular.ttf"), True, "Arab", "ar")
    finally:
        force_fallback_shaper(False)
    assert_clusters_cover_once(glyphs, 0, len(text), rtl=True)


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("कखगघचजटडतदनपबमयरलवशसह्ािीुूेैोौंः ")), min_size=1,
                    max_size=30))
def test_devanagari_clusters_cover_every_character_once(text: str):
    glyphs = shape_all(text, face("NotoSansDevanagari-Regular.ttf"), False, "Deva", "hi")
    assert_clusters_cover_once(glyphs, 0, len(text), rtl=False)


def test_a_run_inside_a_text_is_shaped_with_its_context():
    arabic = face("NotoSansArabic-Regular.ttf")
    text = "سلام"
    alone = shape(text[2:], 0, 2, arabic, True, "Arab", "ar")
    in_word = shape(text, 2, 4, arabic, True, "Arab", "ar")
    assert [g.cluster for g in in_word] == [3, 2]
    assert [g.gid for g in in_word] != [g.gid for g in alone]  # lam joins the seen before it


# -- the fallback shaper ----------------------------------------------------------------------------


def outlines(font: FontFace) -> TTFont:
    return TTFont(font.path)


def drawing(tt: TTFont, gid: int) -> tuple:
    """A glyph's outline with components resolved: presentation-form glyphs that are composites of,
    or copies of, the contextual glyph HarfBuzz picks compare equal."""
    pen = DecomposingRecordingPen(tt.getGlyphSet())
    tt.getGlyphSet()[tt.getGlyphOrder()[gid]].draw(pen)
    return tuple(pen.value)


@pytest.mark.parametrize(("text", "lang"), [(ARABIC, "ar"), (PERSIAN, "fa")])
def test_fallback_draws_the_same_glyphs_as_harfbuzz(text: str, lang: str):
    arabic = face("NotoSansArabic-Regular.ttf")
    tt = outlines(arabic)
    assert harfbuzz_available()
    with_harfbuzz = shape_all(text, arabic, True, "Arab", lang)
    force_fallback_shaper(True)
    try:
        with_fallback = shape_all(text, arabic, True, "Arab", lang)
    finally:
        force_fallback_shaper(False)
    assert [g.cluster for g in with_fallback] == [g.cluster for g in with_harfbuzz]
    for hb, fb in zip(with_harfbuzz, with_fallback, strict=True):
        assert drawing(tt, hb.gid) == drawing(tt, fb.gid), f"joining form differs at {text[hb.cluster]!r}"
        assert fb.x_advance in (0, arabic.advances[fb.gid])  # nominal advances, zero for marks
        assert (fb.x_advance == 0) == (hb.x_advance == 0)
    # HarfBuzz also kerns (GPOS); the fallback sets nominal advances: line widths differ by a few percent
    width = sum(g.x_advance for g in with_harfbuzz)
    assert sum(g.x_advance for g in with_fallback) == pytest.approx(width, rel=0.05)


def test_fallback_mirrors_brackets_in_rtl_runs(fallback_shaper):
    latin = face("NotoSans-Regular.ttf")  # Noto Sans Arabic has no brackets: they come from Noto Sans
    glyphs = shape_all("(«»)", latin, True, "Arab", "ar")
    by_cluster = {g.cluster: g.gid for g in glyphs}
    assert by_cluster == {0: latin.glyph_ids[ord(")")], 1: latin.glyph_ids[ord("»")],
                          2: latin.glyph_ids[ord("«")], 3: latin.glyph_ids[ord("(")]}
    assert [g.cluster for g in glyphs] == [3, 2, 1, 0]


def test_fallback_centres_marks_over_their_letter(fallback_shaper):
    arabic = face("NotoSansArabic-Regular.ttf")
    feh, mark = shape_all("فً", arabic, True, "Arab", "ar")[::-1]
    fx0, _, fx1, fy1 = arabic.glyph_box(feh.gid)
    mx0, my0, mx1, _ = arabic.glyph_box(mark.gid)
    assert mark.x_advance == 0
    assert abs((mx0 + mx1) / 2 + mark.x_offset - (fx0 + fx1) / 2) <= 1
    assert my0 + mark.y_offset > fy1 * 0.5  # above the letter, not inside it


def test_without_harfbuzz_the_build_warns_about_sorani(fallback_shaper):
    """Sorani letters (CLDR's exemplars) have no presentation forms; Urdu, Persian and Arabic ones all
    do, so arabic-reshaper joins those (handbill.languages.needs_harfbuzz)."""
    _, jobs, _ = plan(WORLD)
    messages = [str(w) for w in shaper_warnings(jobs)]
    assert any("Central Kurdish" in m and "'ckb'" in m for m in messages)
    assert not any("'fa'" in m or "'ar'" in m or "'ur'" in m for m in messages)


def test_with_harfbuzz_the_build_has_no_shaper_warning():
    _, jobs, _ = plan(WORLD)
    assert shaper_warnings(jobs) == []
