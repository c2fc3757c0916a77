"""Subsets cut by HarfBuzz (render/subset.py): TrueType with glyph ids kept, CFF compact and CID-keyed with
CID == glyph id; outlines of the kept glyphs unchanged, only the tables a renderer reads."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.cffLib import CFFFontSet
from fontTools.pens.recordingPen import DecomposingRecordingPen, RecordingPen
from fontTools.ttLib import TTFont

from handbill.fonts.face import open_face
from handbill.render.subset import (
    TRUETYPE_TABLES,
    has_cff_outlines,
    sfnt_table,
    subset_cff,
    subset_truetype,
)

NOTO = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")
CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@pytest.fixture(scope="module")
def font_bytes() -> bytes:
    if not NOTO.is_file():
        pytest.skip("fonts-noto-core not installed")
    return NOTO.read_bytes()


@pytest.fixture(scope="module")
def cjk_bytes() -> bytes:
    if not CJK.is_file():
        pytest.skip("fonts-noto-cjk not installed")
    return open_face(CJK, 2).data  # Noto Sans CJK SC, copied out of the collection


def drawing(font: TTFont, gid: int) -> list:
    """A glyph's outline with components drawn in place (glyph names differ after subsetting)."""
    glyph_set = font.getGlyphSet()
    pen = DecomposingRecordingPen(glyph_set)
    glyph_set[font.getGlyphOrder()[gid]].draw(pen)
    return pen.value


def test_truetype_glyph_ids_are_kept_and_outlines_identical(font_bytes: bytes):
    original = TTFont(io.BytesIO(font_bytes))
    cmap = original.getBestCmap()
    a, eacute, o = (original.getGlyphID(cmap[ord(c)]) for c in "aéo")
    subset = TTFont(io.BytesIO(subset_truetype(font_bytes, [a, eacute])))
    assert subset["maxp"].numGlyphs > max(a, eacute)  # ids unchanged: glyph a is still glyph a
    for gid in (0, a, eacute):  # .notdef keeps its outline
        assert drawing(subset, gid) == drawing(original, gid)
    if o < subset["maxp"].numGlyphs:
        assert drawing(subset, o) == []
    assert set(subset.keys()) - {"GlyphOrder"} <= TRUETYPE_TABLES


def test_composite_components_are_kept(font_bytes: bytes):
    original = TTFont(io.BytesIO(font_bytes))
    glyf = original["glyf"]
    order = original.getGlyphOrder()
    composite = next(gid for gid, name in enumerate(order) if glyf[name].isComposite())
    subset = TTFont(io.BytesIO(subset_truetype(font_bytes, [composite])))
    assert drawing(subset, composite) == drawing(original, composite)
    for component in glyf[order[composite]].components:
        assert drawing(subset, original.getGlyphID(component.glyphName))


def test_subsets_are_deterministic_and_small(font_bytes: bytes):
    data = subset_truetype(font_bytes, range(30, 90))
    assert data == subset_truetype(font_bytes, list(reversed(range(30, 90))))
    assert len(data) < len(font_bytes) / 5
    TTFont(io.BytesIO(data)).ensureDecompiled()  # a valid font


def test_glyph_ids_outside_the_font_are_ignored(font_bytes: bytes):
    subset = TTFont(io.BytesIO(subset_truetype(font_bytes, [10**6, -1])))
    assert subset["maxp"].numGlyphs == 1 and drawing(subset, 0)  # .notdef alone, with its outline


def test_cff_subset_is_cid_keyed_with_cid_equal_to_glyph_id(cjk_bytes: bytes):
    original = TTFont(io.BytesIO(cjk_bytes))
    assert has_cff_outlines(cjk_bytes)
    cmap = original.getBestCmap()
    gids = sorted({original.getGlyphID(cmap[ord(ch)]) for ch in "人人生而自由，平等。"})
    cff, mapping = subset_cff(cjk_bytes, gids)
    assert sorted(mapping) == sorted({0, *gids}) and sorted(mapping.values()) == list(range(len(gids) + 1))
    assert [mapping[g] for g in sorted(mapping)] == list(range(len(mapping)))  # order kept
    fontset = CFFFontSet()
    fontset.decompile(io.BytesIO(cff), None)
    top = fontset.topDictIndex[0]
    assert top.ROS == ("Adobe", "Identity", 0)
    assert top.charset == [".notdef"] + [f"cid{cid:05d}" for cid in range(1, len(gids) + 1)]
    glyphs = top.CharStrings
    for old, new in mapping.items():
        pen_old, pen_new = RecordingPen(), RecordingPen()
        original.getGlyphSet()[original.getGlyphOrder()[old]].draw(pen_old)
        glyphs[top.charset[new]].draw(pen_new)
        assert pen_new.value == pen_old.value
    assert len(cff) < len(sfnt_table(cjk_bytes, b"CFF ")) / 100
