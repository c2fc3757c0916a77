"""What each kind of reader gets from the drawn glyphs: ToUnicode texts, ActualText spans, and the
reading copies that poppler's structure text needs.

Three readers of a PDF's text read it differently (poppler 22.12 and pdfium 159, measured):

- ``pdftotext`` (poppler's TextOutputDev) and pdfium place each glyph's characters by position, split a
  glyph with several characters into slices left to right, and read a right-to-left line from the right.
  Both put a ``/Span`` marked-content sequence's /ActualText in place of its glyphs' texts. poppler
  ignores a NUL character (U+0000) altogether; pdfium skips a text object of zero width (text drawn at
  font size 0) before it looks at marked content.
- poppler's structure text (``pdfinfo -struct-text``, the text a reader of the tagged PDF gets from the
  structure tree) concatenates the ToUnicode texts of an element's glyphs in the order they are drawn,
  inside the element's MCIDs only; it ignores positions, ActualText and font size.

Two kinds of glyphs need more than their ToUnicode texts:

- **ActualText spans** (text/glyphtext.py rule 6): a left-to-right unit whose glyphs cannot carry its
  characters as written (a two-part vowel sign, whose glyph texts are its canonical decomposition) is
  drawn inside ``/Span <</ActualText (the author's text)>>``, its glyphs by one TJ: pdftotext and pdfium
  read the author's text byte for byte.
- **Reversed glyphs.** A right-to-left glyph that stands for several characters stores them reversed
  (rule 3: lam-alef ``لا`` is stored ``ال``), which is what pdftotext and pdfium need, and what the
  structure text would show reversed (``األبيض`` for ``الأبيض``).

In a tagged file both are drawn as an artifact (their span kept), so the page's look and what pdftotext
and pdfium read do not change, and the element's MCID holds a **reading copy** drawn at font size 0
(nothing on the page): the author's characters, or the glyph's in reading order, inside
``/Span <</ActualText <FEFF0000>>>``. The structure text reads the copy; pdfium skips it (zero width);
pdftotext reads the NUL of its ActualText and ignores it. An MCID's marked content holds no nested marked
content: poppler 22.12 ends an MCID's content at the first EMC inside it, which would cut the rest of the
line from the structure text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from handbill.lines import ActualText, PlacedGlyph
from handbill.text.glyphtext import DIRECTION_MARKS, reading_text

Kind = Literal["", "actual", "reading"]
COPY_ACTUAL_TEXT = "\x00"  # a reading copy's ActualText: a character pdftotext ignores


@dataclass(frozen=True, slots=True)
class Piece:
    """Consecutive glyphs of a line read alike: plain, one ActualText span, or right-to-left glyphs that
    need a reading copy (glyphs drawn as outlines ride along with the glyphs before them)."""

    kind: Kind
    glyphs: tuple[PlacedGlyph, ...]
    actual: ActualText | None = None


def draws_as_outline(glyph: PlacedGlyph) -> bool:
    """True for a glyph drawn as a filled outline, not text: a mark or a silent ligature part."""
    return not glyph.text and not glyph.advance


def needs_reading_copy(glyph: PlacedGlyph) -> bool:
    """True for a right-to-left glyph whose stored text holds two characters or more (rule 3 reversed them)."""
    return glyph.rtl and glyph.actual is None and sum(ch not in DIRECTION_MARKS for ch in glyph.text) > 1


def reading_copy_text(glyph: PlacedGlyph) -> str:
    """A glyph's characters in reading order, direction marks left out: its reading copy's ToUnicode."""
    return reading_text(glyph.text, glyph.rtl)


def pieces(glyphs: Sequence[PlacedGlyph]) -> list[Piece]:
    """A line's glyphs cut into pieces, in order."""
    runs: list[tuple[Kind, ActualText | None, list[PlacedGlyph]]] = []
    for glyph in glyphs:
        if draws_as_outline(glyph) and runs:
            runs[-1][2].append(glyph)
            continue
        kind: Kind = ("actual" if glyph.actual is not None else "reading" if needs_reading_copy(glyph) else "")
        if runs and runs[-1][0] == kind and runs[-1][1] == glyph.actual:
            runs[-1][2].append(glyph)
        else:
            runs.append((kind, glyph.actual, [glyph]))
    return [Piece(kind, tuple(run), actual) for kind, actual, run in runs]


def text_string(text: str) -> str:
    """A PDF text string for a content stream: UTF-16BE with its byte order mark, as hex."""
    return f"<FEFF{text.encode('utf-16-be').hex().upper()}>"
