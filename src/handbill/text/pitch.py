"""Line pitch (baseline to baseline, in em) for scripts whose ink is taller than Latin's.

A style's leading is set for Latin, whose ink is about 1 em tall (Noto Sans: ascender 0.76, descender
-0.24). Myanmar's stacked medials, Tibetan's stacked consonants and Khmer's subscripts reach 1.5 to
1.8 em, so lines at the style's leading would overlap. The pitch of a paragraph is:

0. the style's leading, for a paragraph whose whole ink (highest mark to lowest descender) is at most
   TALL_INK_MARGIN taller than the leading: its lines may come close but not overlap much (Arabic marks
   reach 1.36 em, Sinhala 1.24, Lao 1.39, Kannada 1.33: the flyer's copy order needs their pitch under
   1.5 sizes, see layouts/a4-flyer.toml); nothing of theirs changed with this rule;
1. the style's leading, for a script whose typical ink (``ShapedParagraph.typical_ink``: the
   95th percentile of its units' tops and the 5th of their bottoms, which one deep cluster cannot
   move) is at most TALL_TYPICAL em tall: Latin, Arabic (marks to 1.33 em), Sinhala, Khmer (1.15);
2. for a taller script (Myanmar 1.47 em, Tibetan 1.55), the leading times that typical height, so the
   white between lines keeps the share it has in Latin (a Burmese paragraph at leading 1.32: 1.95 em);
3. more, only where two adjacent lines of the paragraph would actually come closer than INK_GAP: the
   ink of line n's glyphs against line n+1's at the same x (a deep Khmer ញ្ញ under a vowel sign above).

Then rounded up to a twentieth of an em, so paragraphs of one script share one pitch. Before, the
pitch was the leading times the paragraph's whole ink height, so one deep cluster set it: a Khmer
paragraph with ញ្ញ stood at 1.94 em beside others at 1.32 em in the same flyer; Tibetan varied
from 2.05 to 2.35 em. Looser lines read no worse: Tesseract reads the published Burmese flyer as
well at 1.97 em as Typst's does at its own tight leading, and worse when its lines are tighter (0.34 at
1.62 em: its line finder then splits off rows of vowel signs); Khmer reads alike at 1.32 and 1.94 em.
"""

from __future__ import annotations

import itertools
import math

from handbill.lines import Line, PlacedGlyph
from handbill.text.prepare import ShapedParagraph
from handbill.text.shape import harfbuzz_available

TALL_INK_MARGIN = 0.15  # em: a paragraph whose whole ink is at most this much taller than its leading keeps it
TALL_TYPICAL = 1.4  # em: a script whose typical ink is taller than this has its pitch scaled
INK_GAP = 0.12  # em: the least white between the ink of adjacent lines at the same x
STEP = 0.05  # em: pitches are rounded up to this


def line_pitch(shaped: ShapedParagraph, leading: float, lines: tuple[Line, ...] = ()) -> float:
    """The paragraph's baseline-to-baseline distance in em (its size times this, in points)."""
    top, bottom = shaped.ink
    if top - bottom <= leading + TALL_INK_MARGIN:
        return leading  # lines may come close, not overlap: Latin, Arabic, Indic, Thai, Lao...
    typical_top, typical_bottom = shaped.typical_ink
    typical = typical_top - typical_bottom
    pitch = leading * typical if typical > TALL_TYPICAL else leading
    if top - bottom + INK_GAP > pitch:
        floor = pitch - INK_GAP
        reach = [_reach(line) for line in lines]
        need = max((closest_pitch(above, below, floor) for above, below in itertools.pairwise(reach)), default=floor)
        if need > floor + 1e-9:
            pitch = need + INK_GAP
    if pitch == leading:
        return leading
    return round(math.ceil(round(pitch / STEP, 6)) * STEP, 6)


Ink = tuple[float, float, float, float]  # left, right, top, bottom of a glyph's ink (em; y up from the baseline)


def closest_pitch(above: list[Ink], below: list[Ink], floor: float) -> float:
    """The least baseline distance (em) at which no ink of ``below`` overlaps ink of ``above`` at the
    same x, or ``floor`` if that is more. Only glyphs that reach further than ``floor`` allows are
    compared: a line's deep clusters against the next one's tall ones."""
    if not above or not below:
        return floor
    highest = max(ink[2] for ink in below)
    lowest = min(ink[3] for ink in above)
    deep = [ink for ink in above if highest - ink[3] > floor]
    tall = [ink for ink in below if ink[2] - lowest > floor]
    need = floor
    for left, right, _, depth in deep:
        for b_left, b_right, height, _ in tall:
            if left < b_right and b_left < right:
                need = max(need, height - depth)
    return need


_EXTENTS: dict[tuple[str, int], tuple[float, float, float, float]] = {}  # by the font's digest and glyph


def _reach(line: Line) -> list[Ink]:
    """Each inked glyph's box in the line, in em of its size."""
    inks = []
    for g in line.glyphs:
        left, width, top, bottom = _extents(g)
        if width or top != bottom:
            x, y = g.x / g.size, g.y / g.size
            inks.append((x + left, x + left + width, y + top, y + bottom))
    return inks


def _extents(g: PlacedGlyph) -> tuple[float, float, float, float]:
    """A glyph's ink box from HarfBuzz (em: left bearing, width, top, bottom); zeros without HarfBuzz."""
    key = (g.face.digest, g.gid)
    extents = _EXTENTS.get(key)
    if extents is None:
        box = g.face.hb_font().get_glyph_extents(g.gid) if harfbuzz_available() else None
        per_em = 1.0 / g.face.units_per_em
        extents = (0.0, 0.0, 0.0, 0.0) if not box else (
            box.x_bearing * per_em, box.width * per_em, box.y_bearing * per_em, (box.y_bearing + box.height) * per_em)
        _EXTENTS[key] = extents
    return extents
