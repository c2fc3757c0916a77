"""What an extractor that reads glyphs by position gets back from a set line: the tests' oracle for
the glyph-text rules (text/glyphtext.py), kept out of the package because only tests use it."""

from __future__ import annotations

from handbill.lines import HYPHEN_CLUSTER, Line, PlacedGlyph
from handbill.text.glyphtext import reading_text as glyph_reading_text


def line_reading_text(line: Line) -> str:
    """The text an extractor that reads glyphs by position gets back from one line.

    Units in logical order (glyphs carry the index of their unit's first character); inside a unit, the
    glyphs by x in their run's direction; each glyph's text put back in logical order without direction
    marks (see text/glyphtext.py). For any line this equals the line's logical text, trailing spaces
    left out, with a soft hyphen after a hyphenated word.
    """
    order = sorted(range(len(line.glyphs)), key=lambda i: _reading_key(line.glyphs[i], i))
    return "".join(glyph_reading_text(line.glyphs[i].text, line.glyphs[i].rtl) for i in order)


def _reading_key(glyph: PlacedGlyph, index: int) -> tuple[float, float, int]:
    cluster = glyph.cluster if glyph.cluster != HYPHEN_CLUSTER else float("inf")
    return cluster, -glyph.x if glyph.rtl else glyph.x, index
