"""Justification: how much space a line's spaces (and, for long words, its letters) take.

Spaces grow first, up to SPACE_STRETCH_COMFORT (em); past that, letters of left-to-right scripts
whose letters stand apart are spaced too, up to MAX_LETTER_STRETCH each (long Georgian and Armenian
words leave few spaces to stretch), and spaces take the rest, up to the style's ``max_gap`` (em,
MAX_SPACE_STRETCH unless the layout says otherwise). A line that would need more is left ragged
(``Line.ragged``; ``check`` counts such lines and names the language when it has no hyphenation
dictionary, as Turkish, Armenian, Georgian and Kurmanji have none in pyphen): a wider gap reads as a
hole, a river when gaps line up, and pdftotext takes a gap over 1.5 em for the end of a line. Chinese
and Japanese lines spread their room between characters (up to MAX_CJK_LETTER_STRETCH each).
Letters that join (Arabic) or share a headline (Devanagari) are never
spaced apart, nor are right-to-left ones (see takes_letter_spacing).
"""

from __future__ import annotations

from handbill.text.glyphtext import is_ignorable_cluster
from handbill.text.linebreak import SPACES
from handbill.text.prepare import CURSIVE_SCRIPTS, ShapedRun
from handbill.text.shape import Glyph

SPACE_STRETCH_COMFORT = 0.5
MAX_LETTER_STRETCH = 0.04
MAX_SPACE_STRETCH = 1.0  # the default of a style's max_gap
# Chinese and Japanese set without spaces: a justified line spreads its extra room between characters,
# up to this much (em) each, as CJK typesetting does (JIS X 4051 distributes it evenly).
MAX_CJK_LETTER_STRETCH = 0.3
CJK_SCRIPTS = frozenset({"Hani", "Hira", "Kana", "Bopo"})
UNSPACED_SCRIPTS = CURSIVE_SCRIPTS | {"Deva", "Beng", "Guru", "Gujr", "Orya", "Tibt"}


def piece_width(piece: ShapedRun, tracking: float) -> float:
    per_em = 1.0 / piece.face.units_per_em
    spacing = tracking if piece.script not in CURSIVE_SCRIPTS else 0.0
    return sum(g.x_advance * per_em + (spacing if g.x_advance else 0.0) for g in piece.glyphs)


def stretch(text: str, visual_pieces: list[ShapedRun], extra: float, size: float,
            max_gap: float = MAX_SPACE_STRETCH) -> tuple[float, float]:
    """How much to add after each space and before each letter (points) to justify a line, or (0, 0)
    to leave it as it is (max_gap: the widest space allowed, in em)."""
    if extra <= 0:
        return 0.0, 0.0
    letter_cap = MAX_LETTER_STRETCH
    if any(p.script in CJK_SCRIPTS for p in visual_pieces):
        letter_cap = MAX_CJK_LETTER_STRETCH
    spaces = sum(1 for p in visual_pieces for g in p.glyphs if is_space(text, g, p))
    letters = sum(1 for p in visual_pieces for g in p.glyphs if takes_letter_spacing(text, g, p))
    letters = max(0, letters - 1)  # not before the first letter of the line
    per_letter = 0.0
    if letters and extra > SPACE_STRETCH_COMFORT * size * spaces:
        per_letter = min(letter_cap * size, (extra - SPACE_STRETCH_COMFORT * size * spaces) / letters)
    rest = extra - per_letter * letters
    if spaces:
        per_space = rest / spaces
        return (per_space, per_letter) if per_space <= max_gap * size else (0.0, 0.0)
    return (0.0, per_letter) if rest <= 1e-9 else (0.0, 0.0)


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
