"""What a drawn glyph gives each kind of reader: its ToUnicode text, and the ActualText span it is in.

Three readers of a PDF's text read it differently (poppler 22.12 and pdfium measured):

- ``pdftotext`` and pdfium place each glyph's characters by position, split a glyph with several
  characters into slices left to right, and read a right-to-left line from the right; both put a
  marked-content span's /ActualText (a ``/Span`` BDC) in place of its glyphs' texts, spread over the
  span's width.
- poppler's structure text (``pdfinfo -struct-text``, what a reader of the tagged PDF gets from the
  structure tree) concatenates the ToUnicode texts of an element's glyphs in the order they are drawn,
  ignoring positions and ActualText.

A left-to-right unit the text stage marked (text/glyphtext.py rule 6: a two-part vowel sign, a narrow
conjunct part) keeps its glyph texts as ToUnicode, and its span's ActualText is the author's text.

In a tagged file the spans are marked-content sequences of their own, each with an MCID of the line's
element (render/tagging.py): poppler 22.12 ends an MCID's content at the first EMC inside it, so a span
nested in a line's marked content would cut the rest of the line from the structure text.
"""

from __future__ import annotations

from collections.abc import Sequence

from handbill.lines import ActualText, PlacedGlyph


def span_of(glyph: PlacedGlyph) -> ActualText | None:
    """The ActualText span a glyph is drawn in, if any."""
    return glyph.actual


def unicode_of(glyph: PlacedGlyph) -> str:
    """The glyph's ToUnicode entry."""
    return glyph.text


def draws_as_outline(glyph: PlacedGlyph) -> bool:
    """True for a glyph drawn as a filled outline, not text: a mark or a silent ligature part."""
    return not glyph.text and not glyph.advance


def pieces(glyphs: Sequence[PlacedGlyph]) -> list[tuple[ActualText | None, tuple[PlacedGlyph, ...]]]:
    """The glyphs cut into runs outside any span and one run per span, in order; glyphs drawn as
    outlines stay in the run they are in (they carry no text)."""
    runs: list[tuple[ActualText | None, list[PlacedGlyph]]] = []
    for glyph in glyphs:
        if draws_as_outline(glyph) and runs:
            runs[-1][1].append(glyph)
            continue
        span = None if draws_as_outline(glyph) else span_of(glyph)
        if runs and runs[-1][0] == span:
            runs[-1][1].append(glyph)
        else:
            runs.append((span, [glyph]))
    return [(span, tuple(run)) for span, run in runs]


def text_string(text: str) -> str:
    """A PDF text string for a content stream: UTF-16BE with its byte order mark, as hex."""
    return f"<FEFF{text.encode('utf-16-be').hex().upper()}>"
