"""Glyph outlines as PDF path operators, for glyphs that carry no text of their own.

A mark or a zero-width part of a ligature (Noto Naskh's lam-alef is a wide lam and a zero-width alef)
has no characters in the text layer: its unit's characters sit on the glyph that advances. Drawn as
text, such a glyph still looks like a character to some extractors (pypdfium2 turns a CID with no
ToUnicode entry into a stray letter or control character, and a space before it). Drawn as a filled
path in the same colour, it prints identically and leaves the text layer to the glyphs that carry
the text.
"""

from __future__ import annotations

import io
from functools import lru_cache

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont

from handbill.fonts.face import FontFace

Segment = tuple[str, tuple[float, ...]]


class _RecordingPen(BasePen):
    """Records an outline as move/line/curve/close segments in font units (quadratics become cubics)."""

    def __init__(self, glyph_set) -> None:
        super().__init__(glyph_set)
        self.segments: list[Segment] = []

    def _moveTo(self, pt) -> None:
        self.segments.append(("m", pt))

    def _lineTo(self, pt) -> None:
        self.segments.append(("l", pt))

    def _curveToOne(self, pt1, pt2, pt3) -> None:
        self.segments.append(("c", (*pt1, *pt2, *pt3)))

    def _closePath(self) -> None:
        self.segments.append(("h", ()))


@lru_cache(maxsize=16)
def _glyph_set(face: FontFace):
    font = TTFont(io.BytesIO(face.data), lazy=True, recalcTimestamp=False)
    return font.getGlyphSet(), font.getGlyphOrder()


@lru_cache(maxsize=4096)
def _outline(face: FontFace, gid: int) -> tuple[Segment, ...]:
    glyph_set, order = _glyph_set(face)
    pen = _RecordingPen(glyph_set)
    glyph_set[order[gid]].draw(pen)
    return tuple(pen.segments)


def glyph_path(face: FontFace, gid: int, size: float, x: float, y: float) -> str:
    """PDF operators that fill the glyph's outline at (x, y) in points ("" for an empty glyph)."""
    segments = _outline(face, gid)
    if not segments:
        return ""
    scale = size / face.units_per_em
    ops = []
    for op, coords in segments:
        points = " ".join(f"{x + coords[i] * scale:.3f} {y + coords[i + 1] * scale:.3f}"
                          for i in range(0, len(coords), 2))
        ops.append(f"{points} {op}" if points else op)
    ops.append("f")
    return "\n".join(ops)
