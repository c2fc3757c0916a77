"""The byte-level TrueType subsetter: glyph ids kept, used glyphs and their components copied, valid sfnt."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from handbill.render.subset import SubsetError, subset_truetype

NOTO = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")


@pytest.fixture(scope="module")
def font_bytes() -> bytes:
    if not NOTO.is_file():
        pytest.skip("fonts-noto-core not installed")
    return NOTO.read_bytes()


def _outline(font: TTFont, gid: int):
    name = font.getGlyphOrder()[gid]
    return font["glyf"][name]


def test_kept_glyphs_are_identical_and_others_empty(font_bytes):
    original = TTFont(io.BytesIO(font_bytes))
    cmap = original.getBestCmap()
    a, eacute = original.getGlyphID(cmap[ord("a")]), original.getGlyphID(cmap[ord("é")])
    subset = TTFont(io.BytesIO(subset_truetype(font_bytes, [a, eacute])))
    assert subset["maxp"].numGlyphs == original["maxp"].numGlyphs  # glyph ids unchanged
    for gid in (a, eacute):
        assert _outline(subset, gid).getCoordinates(subset["glyf"])[0] == \
            _outline(original, gid).getCoordinates(original["glyf"])[0]
    o = original.getGlyphID(cmap[ord("o")])
    assert _outline(subset, o).numberOfContours == 0


def test_composite_components_are_kept(font_bytes):
    original = TTFont(io.BytesIO(font_bytes))
    glyf = original["glyf"]
    composite = next(gid for gid, name in enumerate(original.getGlyphOrder()) if glyf[name].isComposite())
    components = [original.getGlyphID(c.glyphName) for c in glyf[original.getGlyphOrder()[composite]].components]
    subset = TTFont(io.BytesIO(subset_truetype(font_bytes, [composite])))
    for gid in components:
        assert _outline(subset, gid).numberOfContours != 0


def test_checksums_are_valid_and_output_is_deterministic(font_bytes):
    data = subset_truetype(font_bytes, range(30, 90))
    assert data == subset_truetype(font_bytes, list(reversed(range(30, 90))))
    padded = data + b"\0" * (-len(data) % 4)
    assert sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF == 0xB1B0AFBA
    assert len(data) < len(font_bytes) / 5


def test_rejects_non_truetype():
    with pytest.raises(SubsetError):
        subset_truetype(b"OTTO" + b"\0" * 64, [1])
