"""Justification: how much space a line's spaces (and, for long words, its letters) take.

Spaces grow first, up to SPACE_STRETCH_COMFORT (em); past that, letters of left-to-right scripts
whose letters stand apart are spaced too, up to MAX_LETTER_STRETCH each (long Georgian and Armenian
words leave few spaces to stretch), and spaces take the rest, until the widest word gap (the space
itself and what is added to it) reaches the style's ``max_gap`` (em, MAX_SPACE_STRETCH unless the layout
says otherwise). A line that would need more is left ragged (``Line.ragged``; ``check`` counts such
lines and names the language when it has no hyphenation dictionary, in pyphen nor in TeX's installed
patterns, see text/linebreak.py): a wider gap reads as a hole, a river when gaps line up, and poppler
takes a gap of 1 em or more for the gutter between two columns (its minColSpacing2): a 14 pt line of
Burmese with two phrase spaces, justified to 1.2 em gaps, came back as three blocks.
Letters that join (Arabic) or share a headline (Devanagari) are never
spaced apart, nor are right-to-left ones (see takes_letter_spacing).

Scripts written without spaces between words (GAP_SCRIPTS) take their room at ICU's break
opportunities inside the line (text/linebreak.py), not by stretching spaces they do not have: Thai,
Lao, Khmer and Burmese between dictionary words; Chinese and Japanese between characters (JIS X 4051
distributes the room evenly), never before closing or after opening punctuation, where kinsoku
allows no break. Each such gap takes at most MAX_GAP_WITHOUT_SPACE: a wider one is read as a word
space by extractors (poppler starts a new word past 0.1 em, whatever the character spacing says,
and pdftotext then writes a space the text does not have), and a gap at word ends visibly wider than
between letters reads as a space to people and Tesseract too (Lao in the scripts fixture: CER 0.127
with 0.09 em at word ends, 0.093 with 0.07). A line's spaces (Thai and Burmese put them between
phrases) grow by the same amount. When that is not enough, Thai, Lao, Khmer and Burmese spread up
to MAX_INNER_STRETCH between the clusters inside words too (as Thai "distributed" justification
does), and spaces take what is left, up to max_gap; a line that needs more is left ragged.

A line a little wider than its measure (optimal-fit breaking, text/optimal.py, sets one that way when
it spares a loose line elsewhere) is justified by narrowing its spaces, by the same amount each: the
breaker plans at most MAX_SPACE_SHRINK of the narrowest space (TeX's and Typst's spaces shrink by a
third; a fifth keeps Arabic and Latin words clearly apart for readers and Tesseract), and justify
narrows up to SHRINK_LIMIT (room for the few hundredths of an em a word cut by a hyphen gains when it
is shaped again at the line's end); a line without spaces is never narrowed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from handbill.text.glyphtext import is_ignorable_cluster
from handbill.text.linebreak import SPACES
from handbill.text.prepare import CURSIVE_SCRIPTS, ShapedRun
from handbill.text.shape import Glyph

SPACE_STRETCH_COMFORT = 0.5
MAX_LETTER_STRETCH = 0.04
MAX_SPACE_STRETCH = 1.0  # the default of a style's max_gap
MAX_SPACE_SHRINK = 0.2  # a space narrowed by at most this share of the line's narrowest space (planned)
SHRINK_LIMIT = 0.5  # ... and never by more than this share, whatever the line asks
# The widest gap (em) a justified line opens where its text has no space (see the docstring).
MAX_GAP_WITHOUT_SPACE = 0.07
# ... and between the clusters inside a word of Thai, Lao, Khmer or Burmese (em), when gaps are not enough.
MAX_INNER_STRETCH = 0.07
CJK_SCRIPTS = frozenset({"Hani", "Hira", "Kana", "Bopo"})
WORD_GAP_SCRIPTS = frozenset({"Thai", "Laoo", "Khmr", "Mymr"})
GAP_SCRIPTS = CJK_SCRIPTS | WORD_GAP_SCRIPTS
UNSPACED_SCRIPTS = CURSIVE_SCRIPTS | GAP_SCRIPTS | {"Deva", "Beng", "Guru", "Gujr", "Orya", "Tibt"}


@dataclass(frozen=True, slots=True)
class Stretch:
    """What a justified line adds (points): after each space, before each spaced letter, at each
    opportunity gap of a script without spaces and between the other clusters of its words (inner).
    All zero: the line stays as it is."""

    space: float = 0.0
    letter: float = 0.0
    gap: float = 0.0
    inner: float = 0.0

    def __bool__(self) -> bool:
        return bool(self.space or self.letter or self.gap or self.inner)


@dataclass(frozen=True, slots=True)
class Gaps:
    """Where a line of a script without spaces may take room: at break opportunities (``at``) and
    between the other clusters of its words (``inner``); positions of the first character after."""

    at: frozenset[int] = frozenset()
    inner: frozenset[int] = frozenset()


def piece_width(piece: ShapedRun, tracking: float) -> float:
    per_em = 1.0 / piece.face.units_per_em
    spacing = tracking if piece.script not in CURSIVE_SCRIPTS else 0.0
    return sum(g.x_advance * per_em + (spacing if g.x_advance else 0.0) for g in piece.glyphs)


def stretch(text: str, visual_pieces: list[ShapedRun], extra: float, size: float,
            max_gap: float = MAX_SPACE_STRETCH, gaps: Gaps = Gaps()) -> Stretch:
    """How much to add after each space, before each letter and at the line's ``gaps`` (inside text
    without spaces, see line_gaps) to justify a line, or nothing to leave it as it is (max_gap: the
    widest space allowed, in em)."""
    if extra <= 0:
        return _shrink(text, visual_pieces, extra, size)
    spaces = sum(1 for p in visual_pieces for g in p.glyphs if is_space(text, g, p))
    widest = _widest_space(text, visual_pieces) * size  # a word gap is the space and what is added to it
    if gaps.at or gaps.inner:
        return _stretch_gaps(extra, size, max_gap, gaps, spaces, widest)
    letters = sum(1 for p in visual_pieces for g in p.glyphs if takes_letter_spacing(text, g, p))
    letters = max(0, letters - 1)  # not before the first letter of the line
    per_letter = 0.0
    if letters and extra > SPACE_STRETCH_COMFORT * size * spaces:
        per_letter = min(MAX_LETTER_STRETCH * size, (extra - SPACE_STRETCH_COMFORT * size * spaces) / letters)
    rest = extra - per_letter * letters
    if spaces:
        per_space = rest / spaces
        return Stretch(per_space, per_letter) if widest + per_space <= max_gap * size else Stretch()
    return Stretch(0.0, per_letter) if rest <= 1e-9 else Stretch()


def _shrink(text: str, visual_pieces: list[ShapedRun], extra: float, size: float) -> Stretch:
    """Spaces narrowed by the same amount each for a line wider than its measure by -extra (points);
    nothing when it fits or the spaces cannot give that much (SHRINK_LIMIT of the narrowest)."""
    if extra > -1e-6 * size:
        return Stretch()
    widths = [g.x_advance / p.face.units_per_em * size for p in visual_pieces for g in p.glyphs
              if is_space(text, g, p)]
    if not widths or -extra / len(widths) > SHRINK_LIMIT * min(widths):
        return Stretch()
    return Stretch(extra / len(widths))


def _stretch_gaps(extra: float, size: float, max_gap: float, gaps: Gaps, spaces: int, widest: float) -> Stretch:
    """Room shared evenly by gaps and spaces, gaps up to MAX_GAP_WITHOUT_SPACE; then between the
    clusters inside words, up to MAX_INNER_STRETCH; spaces take the rest."""
    at, inner = len(gaps.at), len(gaps.inner)
    per_gap = min(min(MAX_GAP_WITHOUT_SPACE, max_gap) * size, extra / (at + spaces)) if at + spaces else 0.0
    rest = extra - per_gap * (at + spaces)
    per_inner = min(min(MAX_INNER_STRETCH, max_gap) * size, rest / inner) if inner and rest > 0 else 0.0
    rest -= per_inner * inner
    if spaces:
        per_space = per_gap + rest / spaces
        return Stretch(per_space, 0.0, per_gap, per_inner) if widest + per_space <= max_gap * size else Stretch()
    return Stretch(0.0, 0.0, per_gap, per_inner) if rest <= 1e-6 * size else Stretch()


def line_gaps(text: str, pieces: list[ShapedRun], opportunities: list[int]) -> Gaps:
    """Where a justified line may take room although there is no space: ICU's break opportunities
    strictly inside the line with a character of a script without spaces on both sides, and (Thai,
    Lao, Khmer, Burmese) the starts of the other shaped clusters inside their words. Never next to
    a space, nor (CJK) anywhere kinsoku allows no break."""
    if not any(p.script in GAP_SCRIPTS for p in pieces):
        return Gaps()
    script_at: dict[int, str] = {}  # cluster start -> script, for clusters that advance
    for piece in pieces:
        for g in piece.glyphs:
            if g.x_advance and piece.start <= g.cluster < piece.end:
                script_at.setdefault(g.cluster, piece.script)
    lo = min(p.start for p in pieces)
    chosen = bisect.bisect_right(opportunities, lo)
    breaks = set(opportunities[chosen:bisect.bisect_left(opportunities, max(p.end for p in pieces))])
    at, inner = set(), set()
    for position, script in script_at.items():
        if position <= lo or script not in GAP_SCRIPTS or text[position] in SPACES or text[position - 1] in SPACES:
            continue
        before = next((p.script for p in pieces if p.start <= position - 1 < p.end), "")
        if before not in GAP_SCRIPTS:
            continue
        if position in breaks:
            at.add(position)
        elif script in WORD_GAP_SCRIPTS and before in WORD_GAP_SCRIPTS:
            inner.add(position)
    return Gaps(frozenset(at), frozenset(inner))


def _widest_space(text: str, pieces: list[ShapedRun]) -> float:
    """The natural width (em) of a line's widest space: a justified gap is this plus the stretch."""
    return max((g.x_advance / p.face.units_per_em for p in pieces for g in p.glyphs if is_space(text, g, p)),
               default=0.0)


def takes_letter_spacing(text: str, glyph: Glyph, piece: ShapedRun) -> bool:
    """A visible glyph, not a space, of a left-to-right run in a script whose letters may be spaced.

    Right-to-left runs never are: Hebrew justifies with word spaces alone, and poppler reads every
    glyph of a right-to-left line as a word of its own, so a gap of 0.03 em there reads as a space.
    """
    if not glyph.x_advance or piece.rtl or piece.script in UNSPACED_SCRIPTS:
        return False
    return not is_space(text, glyph, piece)


def is_space(text: str, glyph: Glyph, piece: ShapedRun) -> bool:
    return glyph.cluster >= 0 and text[glyph.cluster] in SPACES and piece.start <= glyph.cluster < piece.end


def draws_nothing(text: str, glyph: Glyph) -> bool:
    """A zero-width blank standing only for format characters (ZWNJ, bidi controls): it is left out."""
    return not glyph.x_advance and glyph.cluster >= 0 and is_ignorable_cluster(text[glyph.cluster:glyph.cluster + 1])
