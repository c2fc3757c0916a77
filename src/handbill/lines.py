"""Set lines: the text stage's output, which compose places on pages and render draws.

A ``Line`` holds its glyphs in logical order, each with the face and glyph id to draw, its position
and the text it stands for in the PDF's ToUnicode map. This module sits below text, compose and
render so that each can name the type without importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a type only: importing fonts here would run fonts/__init__ under model
    from handbill.fonts.face import FontFace

HYPHEN_CLUSTER = -1  # the cluster of a hyphen glyph inserted at a line end


@dataclass(frozen=True, slots=True)
class ActualText:
    """The glyphs of one unit that extract as ``text``, the author's characters, as a whole (a marked
    content span with /ActualText; see text/glyphtext.py, rule 6)."""

    unit: int  # the index of the unit's first character in the paragraph: two units never share it
    text: str


@dataclass(frozen=True, slots=True)
class PlacedGlyph:
    """A glyph ready to draw: x from the line's left edge, y from the baseline (points, y up).

    ``text`` is what the glyph stands for when the PDF is copied or searched (its ToUnicode entry; see
    text/glyphtext.py for which glyph of a cluster carries which characters). ``cluster`` is the index
    in the paragraph's text of the first character of the glyph's unit (-1 for an inserted hyphen);
    ``rtl`` says the glyph belongs to a right-to-left run, whose glyph texts are stored reversed.
    ``advance`` is the glyph's advance as shaped (points; 0 for a mark), before justification.
    """

    gid: int
    face: FontFace
    size: float
    x: float
    y: float
    text: str
    cluster: int = HYPHEN_CLUSTER
    rtl: bool = False
    advance: float = 0.0
    actual: ActualText | None = None


@dataclass(frozen=True)
class Line:
    """One set line: glyphs in logical order, with its measures in points."""

    glyphs: tuple[PlacedGlyph, ...]
    width: float
    start: int
    end: int
    ragged: bool = False  # justification was asked for but would have opened gaps wider than allowed

    @property
    def ink(self) -> bool:
        """True if the line draws anything."""
        return bool(self.glyphs)
